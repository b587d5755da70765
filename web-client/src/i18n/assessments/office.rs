//! The strings of the office's and the presidium's assessment screens (schemes, runs,
//! objections, awards, duty-report ballots, work appraisals), in Chinese and English.
//! Each string is one line `name: "中文" / "English"`, so both languages are complete by
//! construction. The labels of the contract's enums come from the contract itself
//! (`label(lang)`), and refusals from the message catalogue ([`OfficeTexts::refusal`]).

use super::super::{use_lang, Lang};
use renda_openapi::FieldError;
use yew::prelude::*;

macro_rules! office_texts {
    ($($name:ident: $zh:literal / $en:literal,)*) => {
        /// Every string of the office's assessment screens in one language.
        // Each bundle uses part of the strings (a deputy's bundle only the rater scores).
        #[allow(dead_code)]
        pub struct OfficeTexts {
            pub(crate) lang: Lang,
            $(pub(crate) $name: &'static str,)*
        }
        static ZH: OfficeTexts = OfficeTexts { lang: Lang::Zh, $($name: $zh,)* };
        static EN: OfficeTexts = OfficeTexts { lang: Lang::En, $($name: $en,)* };
    };
}

office_texts! {
    // navigation and titles
    schemes_title: "考核细则" / "Assessment schemes",
    runs_title: "履职考核" / "Assessment runs",
    run_title: "考核" / "Assessment run",
    awards_title: "表彰" / "Awards",
    duty_reports_title: "述职评议" / "Duty reports",
    appraisals_title: "工作评议" / "Work appraisals",
    // common
    save: "保存" / "Save",
    saved: "已保存" / "Saved",
    cancel: "取消" / "Cancel",
    close: "关闭" / "Close",
    remove: "删除" / "Remove",
    open: "打开" / "Open",
    name: "名称" / "Name",
    year: "年度" / "Year",
    term: "届次" / "Term",
    status: "状态" / "Status",
    reason: "理由" / "Reason",
    back: "返回" / "Back",
    yes: "是" / "Yes",
    // schemes
    new_scheme: "新建细则" / "New scheme",
    from_template: "从模板开始" / "Start from a template",
    blank_scheme: "空白细则" / "Blank scheme",
    template_source: "依据" / "Source",
    no_schemes: "还没有考核细则" / "No assessment schemes yet",
    scheme_version: "版本" / "Version",
    frozen: "已冻结（考核使用中）" / "Frozen (in use by a run)",
    frozen_hint: "已冻结的细则不能修改；修改请生成新版本。" / "A frozen scheme cannot change: make a new version to edit it.",
    new_version: "生成新版本" / "New version",
    edit: "编辑" / "Edit",
    notes: "说明" / "Notes",
    base_score: "基础分" / "Base score",
    max_total: "总分上限" / "Maximum total",
    items: "考核项目" / "Items",
    add_item: "添加项目" / "Add item",
    item_key: "代码" / "Key",
    item_label: "项目名称" / "Label",
    category: "类别" / "Category",
    source: "来源" / "Source",
    src_count: "档案计数" / "Count from the record",
    src_entries: "履职登记" / "Self-declared entries",
    src_rate: "比率分档" / "Rate bands",
    src_raters: "评议打分" / "Rater scores",
    metric: "指标" / "Metric",
    kind_code: "登记类别代码" / "Entry kind code",
    base_points: "基本分" / "Base points",
    per_extra: "每增加一次" / "Per further occurrence",
    cap: "上限" / "Cap",
    cap_hint: "留空表示不设上限" / "Empty: no cap",
    sign: "加减" / "Sign",
    sign_plus: "加分" / "Adds",
    sign_minus: "扣分" / "Deducts",
    rate: "比率" / "Rate",
    bands: "分档" / "Bands",
    band_min: "不低于 %" / "From %",
    band_points: "得分" / "Points",
    band_top: "最高得分" / "Points at top",
    add_band: "添加分档" / "Add band",
    none_points: "无可计时得分" / "Points when nothing to rate",
    max_points: "满分" / "Maximum points",
    stages: "评议环节与权重" / "Rater stages and weights",
    stage: "环节" / "Stage",
    weight: "权重" / "Weight",
    add_stage: "添加环节" / "Add stage",
    weights_sum: "权重合计" / "Sum of weights",
    grade_bands: "等次" / "Grade bands",
    grade: "等次" / "Grade",
    min_score: "最低分" / "Minimum score",
    add_grade: "添加等次" / "Add grade",
    quota: "优秀名额" / "Quota of outstanding deputies",
    use_quota: "限定优秀比例" / "Limit the share of outstanding deputies",
    quota_percent: "不超过 %" / "At most %",
    min_grade: "最低等次" / "Minimum grade",
    exclude_posts: "不参与评先的职务" / "Posts excluded",
    use_consequence: "连续评为某等次时提请主席团" / "Flag a grade repeated over years",
    years: "连续年数" / "Years running",
    groups_rule: "代表小组评分" / "Deputy group scoring",
    use_groups: "为代表小组评分" / "Score deputy groups",
    members_weight: "成员平均分权重" / "Weight of members' average",
    activity_points: "每次小组活动得分" / "Points per group activity",
    activity_cap: "活动得分上限" / "Cap on activity points",
    advanced_max: "先进小组名额" / "Outstanding groups at most",
    name_required: "请填写名称（1–100 字）" / "Enter a name (1–100 characters)",
    client_checks: "保存前检查发现以下问题：" / "These problems were found before saving:",
    // runs
    new_run: "新建考核" / "New run",
    no_runs: "还没有考核" / "No assessment runs yet",
    scheme: "考核细则" / "Scheme",
    period: "期间" / "Period",
    period_kind: "周期" / "Period",
    quarter: "季度" / "Quarter",
    create_run: "创建考核" / "Create run",
    scored: "参评代表" / "Deputies scored",
    open_objections: "待处理异议" / "Open objections",
    ratings_since_compute: "计算后的评议打分（定档前须重新计算）" / "Rater scores since the last computation (recompute before freezing)",
    objections_until: "异议截止日" / "Objections until",
    publish_to_all: "向全体代表公开全部得分" / "Every deputy sees every score",
    close_early: "提前结束异议期" / "Close the objection window early",
    ranking: "排名" / "Ranking",
    rank: "名次" / "Rank",
    deputy: "代表" / "Deputy",
    group: "代表小组" / "Deputy group",
    total: "总分" / "Total",
    flags: "提示" / "Flags",
    export_xlsx: "导出 Excel" / "Export XLSX",
    export_docx: "导出 Word" / "Export DOCX",
    breakdown: "得分明细" / "Breakdown",
    cap_applied: "封顶" / "Capped",
    adjustment: "调整" / "Adjustment",
    distribution: "得分分布" / "Score distribution",
    chart_caption: "各分数段人数" / "Deputies per score band",
    group_scores: "代表小组得分" / "Group scores",
    members: "人数" / "Members",
    member_average: "成员平均分" / "Members' average",
    proposed: "拟推荐" / "Proposed",
    proposal: "优秀代表推荐" / "Outstanding deputies proposed",
    quota_limit: "名额" / "Places",
    tied_at_cut: "名额线并列" / "Tied at the cut",
    // objections
    objections: "异议" / "Objections",
    no_objections: "没有异议" / "No objections",
    item: "项目" / "Item",
    whole_score: "总分" / "The whole score",
    objection_text: "异议理由" / "Reasons",
    resolve: "处理" / "Resolve",
    uphold: "异议成立" / "Uphold",
    dismiss: "异议不成立" / "Reject",
    resolution: "处理意见" / "Decision and reason",
    adjustment_hint: "成立时对该项加减的分数（-100 至 100）" / "Upheld: points to add (−100 to 100)",
    reason_required: "请填写理由（1–500 字）" / "Give a reason (1–500 characters)",
    adjustment_range: "调整分数须在 -100 至 100 之间" / "The adjustment must be within −100 and 100",
    // awards
    no_awards: "没有表彰" / "No awards",
    award_kind: "表彰类别" / "Kind",
    confirm_award: "确认表彰" / "Confirm",
    decline_award: "不予表彰" / "Decline",
    awarded_on: "决定日期" / "Date of decision",
    document_no: "文号" / "Document number",
    document_no_hint: "如：兆人大〔2023〕3号" / "E.g. 兆人大〔2023〕3号",
    date_required: "请填写决定日期（不晚于今天）" / "Enter the date of the decision (today or earlier)",
    document_required: "请填写文号（1–50 字）" / "Enter the document number (1–50 characters)",
    only_presidium: "表彰由主席团确认" / "The presidium confirms awards",
    // duty reports
    activity: "述职活动" / "Duty-report activity",
    pick_activity: "选择述职活动" / "Choose the activity",
    audience: "选民代表人数" / "Constituents' representatives",
    satisfied: "满意" / "Satisfied",
    basically_satisfied: "基本满意" / "Basically satisfied",
    dissatisfied: "不满意" / "Dissatisfied",
    invalid: "无效票" / "Invalid",
    valid: "有效票" / "Valid",
    satisfaction_rate: "满意率" / "Satisfaction rate",
    not_a_count: "请填写不小于 0 的整数" / "Enter a whole number, 0 or more",
    no_reports: "该活动还没有述职记录" / "No duty reports at this activity yet",
    import_sheet: "导入测评表" / "Import a ballot sheet",
    import_hint: "列：姓名、满意、基本满意、不满意、无效（CSV 或 XLSX）" / "Columns: 姓名, 满意, 基本满意, 不满意, 无效 (CSV or XLSX)",
    check_only: "仅检查" / "Check only",
    apply_import: "导入" / "Import",
    dry_run_report: "检查结果（未保存）" / "Check result (nothing saved)",
    import_report: "导入结果" / "Import result",
    rows: "行数" / "Rows",
    updated: "更新" / "Updated",
    coverage: "本届述职情况" / "Coverage this term",
    reported: "已述职" / "Reported",
    not_reported: "未述职" / "Not reported",
    add_report: "登记述职" / "Record a report",
    pick_deputy: "请选择代表" / "Choose a deputy",
    constituency: "选区" / "Constituency",
    report_form: "述职方式" / "Form",
    audience_range: "请填写 0 至 100000 的整数" / "Enter a whole number from 0 to 100,000",
    // appraisals
    new_appraisal: "新建工作评议" / "New work appraisal",
    no_appraisals: "还没有工作评议" / "No work appraisals yet",
    title: "标题" / "Title",
    period_from: "起始日期" / "From",
    period_to: "截止日期" / "To",
    plan: "评议方案" / "Plan",
    plan_discussed_on: "主席团讨论日期" / "Discussed by the presidium on",
    units: "被评议单位" / "Units",
    team: "评议组代表" / "Team",
    advance: "进入下一阶段" / "Move to the next stage",
    stage_now: "当前阶段" / "Current stage",
    self_check_report: "自查报告" / "Self-check report",
    investigation_notes: "调查情况" / "Investigation notes",
    first_ballot: "评议测评票" / "Ballot",
    opinions: "评议意见" / "Opinions",
    issues: "问题清单（每行一条）" / "Issues (one per line)",
    rectification_due: "整改期限" / "Rectification due",
    rectification_report: "整改报告" / "Rectification report",
    second_ballot: "整改测评票" / "Second ballot",
    save_unit: "保存本单位" / "Save this unit",
}

impl PartialEq for OfficeTexts {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
    }
}

/// The office's assessment strings of the current language.
#[hook]
pub fn use_ot() -> &'static OfficeTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl OfficeTexts {
    /// The strings of `lang` (for code outside components, and tests).
    pub fn of(lang: Lang) -> &'static OfficeTexts {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The contract's language, for the labels of its enums and its messages.
    pub fn wire(&self) -> renda_openapi::Lang {
        match self.lang {
            Lang::Zh => renda_openapi::Lang::Zh,
            Lang::En => renda_openapi::Lang::En,
        }
    }

    /// Whether these are the Chinese strings.
    pub fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// A refusal as a person reads it: the catalogue's text for its code and parameters in
    /// the current language, else the server's own (Chinese) text.
    pub fn refusal(&self, e: &FieldError) -> String {
        // Built from the code by hand, not by decoding the whole catalogue (53 KB of the
        // bundle); other codes show the server's text.
        super::refusal(&e.code, e.params.as_ref())
            .map(|m| renda_openapi::Catalogue::text(&m, self.wire()))
            .unwrap_or_else(|| e.message.clone())
    }

    /// A client-side refusal of a contract rule (same text as the server's).
    pub fn rule(&self, r: &renda_openapi::Refusal) -> String {
        r.message.text(self.wire())
    }

    /// "2022 年第 1 季度" / "2022 Q1", or the year alone.
    pub fn period_label(&self, year: i32, quarter: Option<u32>) -> String {
        match (quarter, self.zh()) {
            (Some(q), true) => format!("{year} 年第 {q} 季度"),
            (Some(q), false) => format!("{year} Q{q}"),
            (None, true) => format!("{year} 年度"),
            (None, false) => format!("{year}"),
        }
    }

    /// "第 3 版" / "version 3".
    pub fn version_n(&self, n: i32) -> String {
        if self.zh() {
            format!("第 {n} 版")
        } else {
            format!("version {n}")
        }
    }

    /// "12 人" / "12 deputies".
    pub fn deputies_n(&self, n: u32) -> String {
        if self.zh() {
            format!("{n} 人")
        } else {
            format!("{n} deputies")
        }
    }

    /// The client's check of a ballot tally: valid ballots above the audience (the server's
    /// `ballots_exceed_audience`).
    pub fn ballots_exceed(&self, audience: u32, ballots: u32) -> String {
        renda_openapi::Message::from(
            renda_openapi::messages::AssessmentMessage::BallotsExceedAudience { audience, ballots },
        )
        .text(self.wire())
    }

    /// "第 5 行" / "row 5" for the rows of an import report.
    pub fn row_n(&self, pointer: &str) -> String {
        let n = pointer.trim_start_matches('/').trim_start_matches("rows/");
        if self.zh() {
            format!("第 {n} 行")
        } else {
            format!("row {n}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_there_in_both_languages() {
        for t in [&ZH, &EN] {
            assert!(!t.schemes_title.is_empty() && !t.second_ballot.is_empty());
        }
        assert_ne!(ZH.uphold, EN.uphold);
        assert_eq!(OfficeTexts::of(Lang::En).wire(), renda_openapi::Lang::En);
    }

    #[test]
    fn refusals_come_from_the_catalogue_in_each_language() {
        let e = FieldError {
            pointer: "/ballots".into(),
            code: "ballots_exceed_audience".into(),
            message: "服务器文本".into(),
            params: Some(serde_json::json!({"audience": 50, "ballots": 60})),
        };
        assert!(EN.refusal(&e).contains("50"), "{}", EN.refusal(&e));
        assert_eq!(EN.refusal(&e), EN.ballots_exceed(50, 60));
        let unknown = FieldError {
            code: "no_such_code".into(),
            ..e
        };
        assert_eq!(ZH.refusal(&unknown), "服务器文本");
    }
}
