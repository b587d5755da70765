//! The strings of the suggestions screens, in Chinese and English, and the labels of the
//! suggestions area's enums. Kept apart from [`super::Texts`] so each area's strings live
//! together; complete in both languages by construction.

use super::{use_lang, Lang};
use chrono::NaiveDate;
use renda_openapi::{
    ConsultationForm, NotAcceptedCode, ReminderKind, ResultClass, Satisfaction, SuggestionKind,
    SuggestionStatus,
};
use yew::prelude::*;

/// Every string of the suggestions screens in one language.
pub struct SuggestionTexts {
    pub(crate) lang: Lang,
    pub(crate) nav_suggestions: &'static str,
    pub(crate) suggestion: &'static str,
    pub(crate) my_suggestions: &'static str,
    pub(crate) office_inbox: &'static str,
    pub(crate) org_inbox: &'static str,
    pub(crate) new_suggestion: &'static str,
    pub(crate) edit_draft: &'static str,
    pub(crate) view: &'static str,
    pub(crate) view_list: &'static str,
    pub(crate) view_board: &'static str,
    pub(crate) only_overdue: &'static str,
    pub(crate) only_due_soon: &'static str,
    pub(crate) only_key: &'static str,
    pub(crate) no_suggestions: &'static str,
    pub(crate) more: &'static str,
    pub(crate) reminders: &'static str,
    pub(crate) mark_read: &'static str,
    pub(crate) overdue: &'static str,
    pub(crate) due_soon: &'static str,
    pub(crate) key: &'static str,
    pub(crate) f_title: &'static str,
    pub(crate) f_lead: &'static str,
    pub(crate) f_status: &'static str,
    pub(crate) f_orgs: &'static str,
    pub(crate) f_due: &'static str,
    pub(crate) f_kind: &'static str,
    pub(crate) f_content: &'static str,
    pub(crate) f_category: &'static str,
    pub(crate) f_co_signers: &'static str,
    pub(crate) f_signers: &'static str,
    pub(crate) content_hint: &'static str,
    pub(crate) category_hint: &'static str,
    pub(crate) co_signers_hint: &'static str,
    pub(crate) search_deputy: &'static str,
    pub(crate) search_lead: &'static str,
    pub(crate) search_co_signer: &'static str,
    pub(crate) no_deputy_found: &'static str,
    pub(crate) add: &'static str,
    pub(crate) remove: &'static str,
    pub(crate) save_draft: &'static str,
    pub(crate) err_required: &'static str,
    pub(crate) fill_required: &'static str,
    pub(crate) back_to_list: &'static str,
    pub(crate) steps: &'static str,
    pub(crate) done: &'static str,
    pub(crate) edit: &'static str,
    pub(crate) confirm_signature: &'static str,
    pub(crate) submit: &'static str,
    pub(crate) withdraw: &'static str,
    pub(crate) accept: &'static str,
    pub(crate) not_accept: &'static str,
    pub(crate) refer: &'static str,
    pub(crate) forward: &'static str,
    pub(crate) start: &'static str,
    pub(crate) return_item: &'static str,
    pub(crate) extend: &'static str,
    pub(crate) close: &'static str,
    pub(crate) supervise: &'static str,
    pub(crate) unsupervise: &'static str,
    pub(crate) consult: &'static str,
    pub(crate) draft_reply: &'static str,
    pub(crate) edit_reply: &'static str,
    pub(crate) send_reply: &'static str,
    pub(crate) send_reply_confirm: &'static str,
    pub(crate) reply_sent: &'static str,
    pub(crate) rate: &'static str,
    pub(crate) wide_ranging: &'static str,
    pub(crate) wide_ranging_badge: &'static str,
    pub(crate) wide_ranging_hint: &'static str,
    pub(crate) note: &'static str,
    pub(crate) reason: &'static str,
    pub(crate) not_accepted_code: &'static str,
    pub(crate) lead_org: &'static str,
    pub(crate) co_org: &'static str,
    pub(crate) co_orgs: &'static str,
    pub(crate) referred_on: &'static str,
    pub(crate) refer_hint: &'static str,
    pub(crate) forwarded_to: &'static str,
    pub(crate) external_reference: &'static str,
    pub(crate) return_hint: &'static str,
    pub(crate) months: &'static str,
    pub(crate) extend_hint: &'static str,
    pub(crate) approval: &'static str,
    pub(crate) consult_form: &'static str,
    pub(crate) held_on: &'static str,
    pub(crate) met_by: &'static str,
    pub(crate) notes: &'static str,
    pub(crate) result_class: &'static str,
    pub(crate) reply_body: &'static str,
    pub(crate) reply_hint: &'static str,
    pub(crate) attitude: &'static str,
    pub(crate) result: &'static str,
    pub(crate) comment: &'static str,
    pub(crate) feedback_hint: &'static str,
    pub(crate) content: &'static str,
    pub(crate) no_category: &'static str,
    pub(crate) lead_deputy: &'static str,
    pub(crate) co_signer: &'static str,
    pub(crate) confirmed: &'static str,
    pub(crate) unconfirmed: &'static str,
    pub(crate) deadlines: &'static str,
    pub(crate) submitted_on: &'static str,
    pub(crate) referral_due: &'static str,
    pub(crate) reply_due: &'static str,
    pub(crate) rehandling_due: &'static str,
    pub(crate) extended_by: &'static str,
    pub(crate) closed_on: &'static str,
    pub(crate) referrals: &'static str,
    pub(crate) return_due: &'static str,
    pub(crate) returned_because: &'static str,
    pub(crate) consultations: &'static str,
    pub(crate) replies: &'static str,
    pub(crate) reply_draft: &'static str,
    pub(crate) sent_at: &'static str,
    pub(crate) feedback: &'static str,
    pub(crate) round: &'static str,
    pub(crate) attachments: &'static str,
    pub(crate) no_attachments: &'static str,
    pub(crate) attach: &'static str,
    pub(crate) history: &'static str,
    pub(crate) report_title: &'static str,
    pub(crate) export_xlsx: &'static str,
    pub(crate) from_date: &'static str,
    pub(crate) to_date: &'static str,
    pub(crate) by_org: &'static str,
    pub(crate) by_category: &'static str,
    pub(crate) no_report_rows: &'static str,
    pub(crate) received_lead: &'static str,
    pub(crate) received_co: &'static str,
    pub(crate) replied_on_time: &'static str,
    pub(crate) replied_late: &'static str,
    pub(crate) satisfaction_rate: &'static str,
    pub(crate) submitted: &'static str,
    pub(crate) in_handling: &'static str,
    pub(crate) colon: &'static str,
    pub(crate) not_submitted: &'static str,
    pub(crate) f_session: &'static str,
    pub(crate) between_sessions: &'static str,
    pub(crate) categorise: &'static str,
    pub(crate) calendar_missing: &'static str,
    pub(crate) attach_to_reply: &'static str,
    pub(crate) request_extension: &'static str,
    pub(crate) approve_extension: &'static str,
    pub(crate) refuse_extension: &'static str,
    pub(crate) extension_requested: &'static str,
    pub(crate) request_extension_hint: &'static str,
    pub(crate) input_due: &'static str,
    pub(crate) input_sent: &'static str,
}

static ZH: SuggestionTexts = SuggestionTexts {
    lang: Lang::Zh,
    nav_suggestions: "代表建议",
    suggestion: "建议",
    my_suggestions: "我的建议",
    office_inbox: "建议办理",
    org_inbox: "交办给本单位的建议",
    new_suggestion: "新建建议",
    edit_draft: "修改草稿",
    view: "显示方式",
    view_list: "列表",
    view_board: "看板",
    only_overdue: "只看已逾期",
    only_due_soon: "只看即将到期",
    only_key: "只看重点督办",
    no_suggestions: "没有符合条件的建议",
    more: "加载更多",
    reminders: "期限提醒",
    mark_read: "知道了",
    overdue: "已逾期",
    due_soon: "即将到期",
    key: "重点督办",
    f_title: "标题",
    f_lead: "领衔代表",
    f_status: "状态",
    f_orgs: "承办单位",
    f_due: "办理期限",
    f_kind: "类型",
    f_content: "内容",
    f_category: "类别",
    f_co_signers: "附议代表",
    f_signers: "代表",
    content_hint: "写明问题、原因和具体建议；提交前必须填写。",
    category_hint: "提交前必须选择类别。",
    co_signers_hint: "每位附议代表须在提交前确认附议。",
    search_deputy: "输入姓名查找",
    search_lead: "查找领衔代表",
    search_co_signer: "添加附议代表",
    no_deputy_found: "没有找到在任代表",
    add: "添加",
    remove: "移除",
    save_draft: "保存草稿",
    err_required: "此项为必填项",
    fill_required: "请填写所有必填项。",
    back_to_list: "← 返回建议列表",
    steps: "可办理的操作",
    done: "已完成。",
    edit: "修改",
    confirm_signature: "确认附议",
    submit: "提交",
    withdraw: "撤回",
    accept: "立案",
    not_accept: "不予立案",
    refer: "交办",
    forward: "转交上级人大",
    start: "开始办理",
    return_item: "退回",
    extend: "延期",
    close: "办结",
    supervise: "列为重点督办",
    unsupervise: "取消重点督办",
    consult: "记录面商",
    draft_reply: "起草答复",
    edit_reply: "修改答复",
    send_reply: "发送答复",
    send_reply_confirm: "答复发送后所有签名代表都能看到，且不能再修改。确定发送？",
    reply_sent: "答复已发送。",
    rate: "满意度测评",
    wide_ranging: "涉及面广、处理难度大（6个月内答复）",
    wide_ranging_badge: "涉及面广",
    wide_ranging_hint:
        "代表法第五十一条：一般自交办之日起三个月内答复，涉及面广、处理难度大的六个月内答复。",
    note: "备注",
    reason: "理由",
    not_accepted_code: "不予立案的情形",
    lead_org: "主办单位",
    co_org: "协办单位",
    co_orgs: "协办单位（可多选）",
    referred_on: "交办日期",
    refer_hint: "答复期限自交办日期起算；退回期限按工作日计算（节假日和调休已计入）。",
    forwarded_to: "转交机关",
    external_reference: "对方编号",
    return_hint: "仅限不属于本单位职责范围的建议，并在退回期限内。",
    months: "延期月数",
    extend_hint: "延期累计不超过三个月。",
    approval: "批准情况和理由",
    consult_form: "面商方式",
    held_on: "面商日期",
    met_by: "参加人员",
    notes: "情况记录",
    result_class: "办理结果类别",
    reply_body: "答复内容",
    reply_hint: "保存后为草稿，只有本单位可见；发送后所有签名代表可见。",
    attitude: "对办理态度",
    result: "对办理结果",
    comment: "意见",
    feedback_hint: "任一项不满意，建议将退回重新办理。",
    content: "建议内容",
    no_category: "未分类",
    lead_deputy: "领衔",
    co_signer: "附议",
    confirmed: "已确认",
    unconfirmed: "待确认",
    deadlines: "时间和期限",
    submitted_on: "提交日期",
    referral_due: "交办期限",
    reply_due: "答复期限",
    rehandling_due: "重新办理期限",
    extended_by: "已延期",
    closed_on: "办结日期",
    referrals: "交办",
    return_due: "退回期限",
    returned_because: "已退回：",
    consultations: "面商记录",
    replies: "答复",
    reply_draft: "草稿",
    sent_at: "发送于",
    feedback: "满意度测评",
    round: "轮次",
    attachments: "附件",
    no_attachments: "没有附件",
    attach: "上传附件",
    history: "办理记录",
    report_title: "办理情况报告",
    export_xlsx: "导出 Excel",
    from_date: "提交日期从",
    to_date: "至",
    by_org: "按承办单位",
    by_category: "按类别",
    no_report_rows: "此期间没有数据",
    received_lead: "主办件数",
    received_co: "协办件数",
    replied_on_time: "按期答复",
    replied_late: "逾期答复",
    satisfaction_rate: "满意率",
    submitted: "提交",
    in_handling: "办理中",
    colon: "：",
    not_submitted: "尚未提交",
    f_session: "提出时间",
    between_sessions: "闭会期间",
    categorise: "设置类别",
    calendar_missing: "尚未录入下一年度的节假日安排：跨入该年的工作日期限暂按周一至周五计算。请在国务院办公厅发布节假日安排通知后，联系系统管理员录入。",
    attach_to_reply: "为答复上传附件",
    request_extension: "申请延期",
    approve_extension: "批准延期",
    refuse_extension: "不同意延期",
    extension_requested: "延期申请",
    request_extension_hint: "由人大办批准；延期累计不超过三个月。",
    input_due: "协办意见期限",
    input_sent: "已提交协办意见",
};

static EN: SuggestionTexts = SuggestionTexts {
    lang: Lang::En,
    nav_suggestions: "Suggestions",
    suggestion: "Suggestion",
    my_suggestions: "My suggestions",
    office_inbox: "Suggestions inbox",
    org_inbox: "Items referred to us",
    new_suggestion: "New suggestion",
    edit_draft: "Edit draft",
    view: "View",
    view_list: "List",
    view_board: "Board",
    only_overdue: "Overdue only",
    only_due_soon: "Due soon only",
    only_key: "Key items only",
    no_suggestions: "No suggestions match",
    more: "Load more",
    reminders: "Deadline reminders",
    mark_read: "Dismiss",
    overdue: "Overdue",
    due_soon: "Due soon",
    key: "Key item",
    f_title: "Title",
    f_lead: "Lead deputy",
    f_status: "State",
    f_orgs: "Handling organisations",
    f_due: "Due",
    f_kind: "Kind",
    f_content: "Content",
    f_category: "Category",
    f_co_signers: "Co-signers",
    f_signers: "Deputies",
    content_hint: "State the problem, its causes and what you propose; required to submit.",
    category_hint: "Required to submit.",
    co_signers_hint: "Each co-signer must confirm before the item is submitted.",
    search_deputy: "Type a name",
    search_lead: "Find the lead deputy",
    search_co_signer: "Add a co-signer",
    no_deputy_found: "No deputy in office found",
    add: "Add",
    remove: "Remove",
    save_draft: "Save draft",
    err_required: "Required",
    fill_required: "Please fill in every required field.",
    back_to_list: "← Back to suggestions",
    steps: "Steps you can take",
    done: "Done.",
    edit: "Edit",
    confirm_signature: "Confirm my signature",
    submit: "Submit",
    withdraw: "Withdraw",
    accept: "Accept",
    not_accept: "Do not accept",
    refer: "Refer",
    forward: "Forward to the upper-level congress",
    start: "Start handling",
    return_item: "Return",
    extend: "Extend",
    close: "Close",
    supervise: "Put under key supervision",
    unsupervise: "End key supervision",
    consult: "Record a consultation",
    draft_reply: "Draft a reply",
    edit_reply: "Edit the reply",
    send_reply: "Send the reply",
    send_reply_confirm: "Once sent, every signer sees the reply and it can no longer change. Send it?",
    reply_sent: "The reply is sent.",
    rate: "Rate the reply",
    wide_ranging: "Wide-ranging or difficult (reply within 6 months)",
    wide_ranging_badge: "Wide-ranging",
    wide_ranging_hint: "Deputies Law art. 51: a reply within 3 months of referral, 6 for wide-ranging or difficult items.",
    note: "Note",
    reason: "Reason",
    not_accepted_code: "Why not accepted",
    lead_org: "Lead organisation",
    co_org: "Co-handler",
    co_orgs: "Co-handlers (any)",
    referred_on: "Referred on",
    refer_hint: "The reply is due from the referral date; the return limit counts working days (public holidays and adjusted working days included).",
    forwarded_to: "Forwarded to",
    external_reference: "Their reference",
    return_hint: "Only for items outside your remit, within the return limit.",
    months: "Months",
    extend_hint: "Extensions add up to at most 3 months.",
    approval: "Approval and reason",
    consult_form: "Form",
    held_on: "Date",
    met_by: "Who met the deputy",
    notes: "Notes",
    result_class: "Result class",
    reply_body: "Reply",
    reply_hint: "Saved as a draft that only your organisation sees; once sent, every signer sees it.",
    attitude: "Attitude",
    result: "Result",
    comment: "Comment",
    feedback_hint: "A dissatisfied rating sends the item back for re-handling.",
    content: "What it asks",
    no_category: "No category",
    lead_deputy: "lead",
    co_signer: "co-signer",
    confirmed: "confirmed",
    unconfirmed: "to confirm",
    deadlines: "Dates and deadlines",
    submitted_on: "Submitted on",
    referral_due: "Referral due",
    reply_due: "Reply due",
    rehandling_due: "Re-handling due",
    extended_by: "Extended by",
    closed_on: "Closed on",
    referrals: "Referrals",
    return_due: "Return limit",
    returned_because: "Returned: ",
    consultations: "Consultations",
    replies: "Replies",
    reply_draft: "Draft",
    sent_at: "Sent",
    feedback: "Ratings",
    round: "Round",
    attachments: "Attachments",
    no_attachments: "No attachments",
    attach: "Attach a file",
    history: "History",
    report_title: "Handling report",
    export_xlsx: "Export XLSX",
    from_date: "Submitted from",
    to_date: "to",
    by_org: "By handling organisation",
    by_category: "By category",
    no_report_rows: "Nothing in this period",
    received_lead: "As lead",
    received_co: "As co-handler",
    replied_on_time: "Replied on time",
    replied_late: "Replied late",
    satisfaction_rate: "Satisfied",
    submitted: "Submitted",
    in_handling: "In handling",
    colon: ": ",
    not_submitted: "Not submitted yet",
    f_session: "Raised",
    between_sessions: "Between sessions",
    categorise: "Set the category",
    calendar_missing: "Next year's public holidays are not entered yet: working-day limits reaching into it count Monday to Friday only. Ask the system administrator to enter them once the State Council publishes them.",
    attach_to_reply: "Attach a file to the reply",
    request_extension: "Request an extension",
    approve_extension: "Approve the extension",
    refuse_extension: "Refuse the extension",
    extension_requested: "Extension requested",
    request_extension_hint: "The office decides; extensions add up to at most 3 months.",
    input_due: "Input due",
    input_sent: "input sent",
};
/// The suggestions strings of the current language.
#[hook]
pub fn use_st() -> &'static SuggestionTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl SuggestionTexts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// A state's name.
    pub fn status(&self, s: SuggestionStatus) -> &'static str {
        s.label(self.lang.into())
    }

    /// A kind's name: suggestion, criticism, opinion (DL 51).
    pub fn kind(&self, k: SuggestionKind) -> &'static str {
        k.label(self.lang.into())
    }

    /// Why an item is not accepted.
    pub fn not_accepted(&self, c: NotAcceptedCode) -> &'static str {
        c.label(self.lang.into())
    }

    /// A result class with its meaning.
    pub fn result_class_label(&self, c: ResultClass) -> &'static str {
        if self.zh() {
            return c.label_zh();
        }
        match c {
            ResultClass::A => "A (solved or adopted)",
            ResultClass::B => "B (being solved or planned)",
            ResultClass::C => "C (cannot be solved now, explained)",
            ResultClass::D => "D (kept for reference)",
        }
    }

    /// A rating.
    pub fn satisfaction(&self, s: Satisfaction) -> &'static str {
        if self.zh() {
            return s.label_zh();
        }
        match s {
            Satisfaction::Satisfied => "Satisfied",
            Satisfaction::BasicallySatisfied => "Basically satisfied",
            Satisfaction::Dissatisfied => "Dissatisfied",
        }
    }

    /// How a consultation was held.
    pub fn consultation_form(&self, f: ConsultationForm) -> &'static str {
        if self.zh() {
            return f.label_zh();
        }
        match f {
            ConsultationForm::FaceToFace => "Face to face",
            ConsultationForm::Phone => "By phone",
            ConsultationForm::SiteVisit => "Site visit",
            ConsultationForm::Forum => "Forum",
            ConsultationForm::Other => "Other",
        }
    }

    /// What a reminder says.
    pub fn reminder_kind(&self, k: ReminderKind) -> &'static str {
        if self.zh() {
            return k.label_zh();
        }
        match k {
            ReminderKind::DueSoon => "Due soon",
            ReminderKind::Overdue => "Overdue",
            ReminderKind::InputDueSoon => "Co-handler input due soon",
            ReminderKind::InputOverdue => "Co-handler input overdue",
        }
    }

    /// "due 2026-10-15".
    pub fn due_on(&self, d: NaiveDate) -> String {
        if self.zh() {
            format!("期限 {d}")
        } else {
            format!("due {d}")
        }
    }

    /// "2 个月".
    pub fn months_n(&self, n: i32) -> String {
        if self.zh() {
            format!("{n} 个月")
        } else if n == 1 {
            "1 month".into()
        } else {
            format!("{n} months")
        }
    }

    /// "第 2 轮".
    pub fn round_n(&self, n: i32) -> String {
        if self.zh() {
            format!("第 {n} 轮")
        } else {
            format!("round {n}")
        }
    }

    /// The period of a report and how many items were submitted in it.
    pub fn report_period(&self, from: NaiveDate, to: NaiveDate, n: usize) -> String {
        if self.zh() {
            format!("{from} 至 {to} 提交的建议共 {n} 件")
        } else {
            format!("{n} items submitted from {from} to {to}")
        }
    }

    /// A step of the history, by its action code (the code itself when unknown).
    pub fn action(&self, code: &str) -> String {
        let (zh, en) = match code {
            "create" => ("起草", "drafted"),
            "update" => ("修改草稿", "draft edited"),
            "confirm" => ("确认附议", "signature confirmed"),
            "submit" => ("提交", "submitted"),
            "withdraw" => ("撤回", "withdrawn"),
            "accept" => ("立案", "accepted"),
            "not_accept" => ("不予立案", "not accepted"),
            "refer" => ("交办", "referred"),
            "forward" => ("转交上级人大", "forwarded"),
            "return" | "return_co" => ("退回", "returned"),
            "start" => ("开始办理", "handling started"),
            "extend" => ("延期", "extended"),
            "request_extension" => ("申请延期", "extension requested"),
            "refuse_extension" => ("不同意延期", "extension refused"),
            "consult" => ("面商", "consultation"),
            "send_reply" => ("答复", "reply sent"),
            "send_co_reply" => ("协办意见", "co-handler's input sent"),
            "rate" => ("满意度测评", "rated"),
            "rehandle" => ("重新办理", "sent back for re-handling"),
            "close" => ("办结", "closed"),
            "supervise" => ("重点督办", "key supervision"),
            "categorise" => ("设置类别", "category set"),
            "import" => ("导入", "imported"),
            _ => return code.to_string(),
        };
        if self.zh() { zh } else { en }.to_string()
    }

    /// Who took a step, by role code.
    pub fn actor(&self, role: &str) -> &'static str {
        let (zh, en) = match role {
            "admin" => ("管理员", "administrator"),
            "staff" => ("人大办", "congress office"),
            "presidium" => ("主席团", "presidium"),
            "deputy" => ("代表", "deputy"),
            "handling_org" => ("承办单位", "handling organisation"),
            "integration" => ("对接系统", "integration"),
            _ => ("系统", "system"),
        };
        if self.zh() {
            zh
        } else {
            en
        }
    }
}
