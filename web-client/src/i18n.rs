//! Every string of the interface, in Chinese (zh-CN, the default) and English.
//!
//! [`Texts`] has one field per string, so a language that misses one does not compile:
//! English is complete by construction. Strings with values are functions; labels of the
//! API's enums, dates and problem+json messages are methods that pick by [`Lang`]. The
//! server writes its messages in Chinese: the Chinese interface shows them as they are,
//! the English one renders field errors and import messages from the catalogue by their
//! `code` and `params` (`renda_openapi::messages`).

pub mod assessments;
pub mod meetings;
pub mod suggestions;

use crate::api::ApiError;
use crate::validate::Issue;
use chrono::{DateTime, Utc};
use renda_openapi::{
    CellMessage, ElectedVia, FieldError, Gender, MandateStatus, MatchedBy, Role, RowOutcome,
    StatusReason,
};
use yew::prelude::*;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文 (default).
    Zh,
    /// English.
    En,
}

const LANG_KEY: &str = "renda.lang";

impl From<Lang> for renda_openapi::Lang {
    /// The same language in the catalogue of the contract crate.
    fn from(l: Lang) -> renda_openapi::Lang {
        match l {
            Lang::Zh => renda_openapi::Lang::Zh,
            Lang::En => renda_openapi::Lang::En,
        }
    }
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The language chosen before in this browser, else Chinese.
    pub fn load() -> Lang {
        let stored = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
        match stored.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Remembers the choice in this browser.
    pub fn store(self) {
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            s.set_item(LANG_KEY, self.tag()).ok();
        }
    }

    /// Sets `<html lang>` so that screen readers and fonts follow the language.
    pub fn apply(self) {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            el.set_attribute("lang", self.tag()).ok();
        }
    }
}

/// The language context: the current language and how to change it.
#[derive(Clone, PartialEq)]
pub struct LangCtx {
    /// The current language.
    pub lang: Lang,
    /// Switches the language.
    pub set: Callback<Lang>,
}

/// The language context (Chinese when there is none).
#[hook]
pub fn use_lang() -> LangCtx {
    use_context::<LangCtx>().unwrap_or(LangCtx {
        lang: Lang::Zh,
        set: Callback::noop(),
    })
}

/// The strings of the current language.
#[hook]
pub fn use_t() -> &'static Texts {
    use_lang().lang.texts()
}

/// The 56 ethnic groups as rosters write them: suggestions for the ethnicity fields.
pub const ETHNICITIES: [&str; 56] = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// Parties as rosters abbreviate them: suggestions for the party fields.
pub const PARTIES: [&str; 11] = [
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
    "无党派",
    "群众",
];

/// Every string of the interface in one language. The fields are named after where
/// they appear (`f_…` for field labels, `err_…` for errors); see [`ZH`] for the text.
pub struct Texts {
    /// Which language these are.
    pub(crate) lang: Lang,
    // Shell
    pub(crate) app_name: &'static str,
    pub(crate) skip_to_content: &'static str,
    pub(crate) nav_label: &'static str,
    pub(crate) nav_deputies: &'static str,
    pub(crate) nav_import: &'static str,
    pub(crate) nav_my_record: &'static str,
    pub(crate) menu: &'static str,
    pub(crate) language: &'static str,
    pub(crate) logout: &'static str,
    pub(crate) logging_out: &'static str,
    pub(crate) logged_out: &'static str,
    pub(crate) breadcrumb: &'static str,
    pub(crate) not_found_title: &'static str,
    pub(crate) not_found_text: &'static str,
    pub(crate) deputy_not_found: &'static str,
    pub(crate) back_to_list: &'static str,
    // Common
    pub(crate) loading: &'static str,
    pub(crate) retry: &'static str,
    pub(crate) cancel: &'static str,
    pub(crate) save: &'static str,
    pub(crate) saving: &'static str,
    pub(crate) create: &'static str,
    pub(crate) edit: &'static str,
    pub(crate) choose: &'static str,
    pub(crate) all: &'static str,
    pub(crate) any_value: &'static str,
    pub(crate) none_option: &'static str,
    pub(crate) not_recorded: &'static str,
    pub(crate) hidden_value: &'static str,
    pub(crate) required_mark: &'static str,
    pub(crate) colon: &'static str,
    pub(crate) list_separator: &'static str,
    pub(crate) pagination: &'static str,
    pub(crate) prev_page: &'static str,
    pub(crate) next_page: &'static str,
    pub(crate) page_size: &'static str,
    pub(crate) page_n: fn(usize) -> String,
    pub(crate) page_of: fn(usize, usize) -> String,
    // Login
    pub(crate) login_title: &'static str,
    pub(crate) login_intro: &'static str,
    pub(crate) username: &'static str,
    pub(crate) password: &'static str,
    pub(crate) username_required: &'static str,
    pub(crate) password_required: &'static str,
    pub(crate) login: &'static str,
    pub(crate) logging_in: &'static str,
    pub(crate) login_failed: &'static str,
    pub(crate) login_rate_limited: &'static str,
    // Fields
    pub(crate) f_name: &'static str,
    pub(crate) f_gender: &'static str,
    pub(crate) f_ethnicity: &'static str,
    pub(crate) f_birth_date: &'static str,
    pub(crate) f_party: &'static str,
    pub(crate) f_workplace_post: &'static str,
    pub(crate) f_phone: &'static str,
    pub(crate) f_id_card: &'static str,
    pub(crate) f_address: &'static str,
    pub(crate) f_notes: &'static str,
    pub(crate) f_external_id: &'static str,
    pub(crate) f_congress: &'static str,
    pub(crate) f_term: &'static str,
    pub(crate) f_delegation: &'static str,
    pub(crate) f_group: &'static str,
    pub(crate) f_status: &'static str,
    pub(crate) f_constituency: &'static str,
    pub(crate) f_certificate: &'static str,
    pub(crate) f_seq: &'static str,
    pub(crate) f_change_type: &'static str,
    pub(crate) f_change_date: &'static str,
    pub(crate) updated_at: &'static str,
    // Deputies list
    pub(crate) deputies_title: &'static str,
    pub(crate) new_deputy: &'static str,
    pub(crate) export_csv: &'static str,
    pub(crate) export_xlsx: &'static str,
    pub(crate) exporting: &'static str,
    pub(crate) filters: &'static str,
    pub(crate) search_name: &'static str,
    pub(crate) search_placeholder: &'static str,
    pub(crate) choose_congress_first: &'static str,
    pub(crate) clear_filters: &'static str,
    pub(crate) more_filters: fn(usize) -> String,
    pub(crate) loading_deputies: &'static str,
    pub(crate) no_deputies: &'static str,
    pub(crate) no_deputies_hint: &'static str,
    pub(crate) no_match: &'static str,
    pub(crate) no_mandate: &'static str,
    pub(crate) count_range: fn(i64, i64, i64) -> String,
    pub(crate) count_shown: fn(usize) -> String,
    // Deputy page
    pub(crate) deputy_title: &'static str,
    pub(crate) loading_deputy: &'static str,
    pub(crate) basic_info: &'static str,
    pub(crate) personal_info: &'static str,
    pub(crate) masked_notice: &'static str,
    pub(crate) mandates: &'static str,
    pub(crate) no_mandates: &'static str,
    pub(crate) elected_via: &'static str,
    pub(crate) elected_on: &'static str,
    pub(crate) status_reason: &'static str,
    pub(crate) status_date: &'static str,
    pub(crate) status_history: &'static str,
    pub(crate) no_status_history: &'static str,
    pub(crate) date_unknown: &'static str,
    pub(crate) recorded_at: fn(&str) -> String,
    pub(crate) suspend: &'static str,
    pub(crate) resume: &'static str,
    pub(crate) terminate: &'static str,
    pub(crate) suspend_title: &'static str,
    pub(crate) resume_title: &'static str,
    pub(crate) terminate_title: &'static str,
    pub(crate) suspend_warning: &'static str,
    pub(crate) resume_warning: &'static str,
    pub(crate) terminate_warning: &'static str,
    pub(crate) confirm_suspend: &'static str,
    pub(crate) confirm_resume: &'static str,
    pub(crate) confirm_terminate: &'static str,
    pub(crate) reason_label: &'static str,
    pub(crate) effective_date: &'static str,
    pub(crate) note: &'static str,
    pub(crate) reason_required: &'static str,
    pub(crate) date_required: &'static str,
    pub(crate) date_in_future: &'static str,
    pub(crate) date_invalid: &'static str,
    pub(crate) status_changed: &'static str,
    pub(crate) edit_mandate: &'static str,
    pub(crate) edit_mandate_title: fn(&str) -> String,
    pub(crate) mandate_saved: &'static str,
    pub(crate) err_stale_mandate: &'static str,
    // Deputy form
    pub(crate) edit_deputy: &'static str,
    pub(crate) edit_named: fn(&str) -> String,
    pub(crate) form_intro: &'static str,
    pub(crate) self_edit_intro: &'static str,
    pub(crate) mandate_section: &'static str,
    pub(crate) no_mandate_option: &'static str,
    pub(crate) masked_edit_notice: &'static str,
    pub(crate) hint_name: &'static str,
    pub(crate) hint_birth_date: &'static str,
    pub(crate) hint_external_id: &'static str,
    pub(crate) hint_phone: &'static str,
    pub(crate) hint_id_card: &'static str,
    pub(crate) fix_n_fields: fn(usize) -> String,
    pub(crate) load_latest: &'static str,
    pub(crate) created: &'static str,
    pub(crate) saved: &'static str,
    // Import
    pub(crate) import_title: &'static str,
    pub(crate) import_intro: &'static str,
    pub(crate) import_steps: &'static str,
    pub(crate) step_choose: &'static str,
    pub(crate) step_review: &'static str,
    pub(crate) step_done: &'static str,
    pub(crate) choose_congress: &'static str,
    pub(crate) choose_term: &'static str,
    pub(crate) no_terms: &'static str,
    pub(crate) roster_file: &'static str,
    pub(crate) roster_file_hint: &'static str,
    pub(crate) choose_file: &'static str,
    pub(crate) check_file: &'static str,
    pub(crate) checking_file: &'static str,
    pub(crate) uploading: &'static str,
    pub(crate) uploading_pct: fn(u32) -> String,
    pub(crate) processing: &'static str,
    pub(crate) dry_run_title: &'static str,
    pub(crate) import_target: &'static str,
    pub(crate) dry_run_intro: fn(&str, &str, &str) -> String,
    pub(crate) import_summary: &'static str,
    pub(crate) sum_rows: &'static str,
    pub(crate) sum_create: &'static str,
    pub(crate) sum_created: &'static str,
    pub(crate) sum_update: &'static str,
    pub(crate) sum_updated: &'static str,
    pub(crate) sum_unchanged: &'static str,
    pub(crate) sum_error: &'static str,
    pub(crate) sum_warnings: &'static str,
    pub(crate) sum_duplicates: &'static str,
    pub(crate) file_warnings: &'static str,
    pub(crate) columns_read: fn(usize, &str) -> String,
    pub(crate) units_created: fn(usize, bool) -> String,
    pub(crate) errors_skipped: fn(u32) -> String,
    pub(crate) confirm_import: &'static str,
    pub(crate) nothing_to_import: &'static str,
    pub(crate) importing: &'static str,
    pub(crate) import_done: &'static str,
    pub(crate) import_not_applied: &'static str,
    pub(crate) import_done_text: fn(u32, u32, u32, u32) -> String,
    pub(crate) import_another: &'static str,
    pub(crate) view_deputies: &'static str,
    pub(crate) report_rows: &'static str,
    pub(crate) show_rows: &'static str,
    pub(crate) no_rows_for_filter: &'static str,
    pub(crate) row_number: &'static str,
    pub(crate) outcome_label: &'static str,
    pub(crate) matched_by: &'static str,
    pub(crate) changes: &'static str,
    pub(crate) messages: &'static str,
    /// The other rows listed, and how many more there are.
    pub(crate) possible_duplicate_of: fn(&str, u32) -> String,
    /// Rows listed, rows left out of a report cut at its size bound.
    pub(crate) report_truncated: fn(usize, u32) -> String,
    /// How many groups of rows share a name.
    pub(crate) duplicate_groups: fn(usize) -> String,
    /// A group: who, rows listed, how many rows, how many not listed.
    pub(crate) duplicate_group: fn(&str, &str, u32, u32) -> String,
    /// A request body that did not arrive in time (408).
    pub(crate) err_timeout: &'static str,
    // Errors
    pub(crate) err_network: &'static str,
    pub(crate) err_session_ended: &'static str,
    pub(crate) err_decode: &'static str,
    pub(crate) err_validation: &'static str,
    /// A message about an import row or file whose code the catalogue does not know.
    pub(crate) cell_not_accepted: &'static str,
    pub(crate) err_bad_request: &'static str,
    pub(crate) err_forbidden: &'static str,
    pub(crate) err_not_found: &'static str,
    pub(crate) err_conflict: &'static str,
    pub(crate) err_stale: &'static str,
    pub(crate) err_too_large: &'static str,
    pub(crate) err_unsupported: &'static str,
    pub(crate) err_rate_limited: &'static str,
    pub(crate) err_unavailable: &'static str,
    pub(crate) err_server: &'static str,
}

/// 简体中文.
pub static ZH: Texts = Texts {
    lang: Lang::Zh,
    app_name: "人大代表工作平台",
    skip_to_content: "跳到主要内容",
    nav_label: "主导航",
    nav_deputies: "代表名册",
    nav_import: "名册导入",
    nav_my_record: "我的代表信息",
    menu: "菜单",
    language: "界面语言",
    logout: "退出登录",
    logging_out: "正在退出…",
    logged_out: "已退出登录。",
    breadcrumb: "当前位置",
    not_found_title: "页面不存在",
    not_found_text: "您访问的页面不存在或已被移除。",
    deputy_not_found: "代表不存在或不在您的权限范围内。",
    back_to_list: "返回代表名册",
    loading: "正在加载…",
    retry: "重试",
    cancel: "取消",
    save: "保存",
    saving: "正在保存…",
    create: "登记",
    edit: "编辑",
    choose: "请选择",
    all: "全部",
    any_value: "不限",
    none_option: "无",
    not_recorded: "未填写",
    hidden_value: "已隐藏",
    required_mark: "（必填）",
    colon: "：",
    list_separator: "、",
    pagination: "分页",
    prev_page: "上一页",
    next_page: "下一页",
    page_size: "每页",
    page_n: |n| format!("第 {n} 页"),
    page_of: |n, total| format!("第 {n} / {total} 页"),
    login_title: "登录",
    login_intro: "请使用人大办分配的账号登录。",
    username: "用户名",
    password: "密码",
    username_required: "请填写用户名。",
    password_required: "请填写密码。",
    login: "登录",
    logging_in: "正在登录…",
    login_failed: "用户名或密码不正确。",
    login_rate_limited: "登录尝试过于频繁，请稍后再试。",
    f_name: "姓名",
    f_gender: "性别",
    f_ethnicity: "民族",
    f_birth_date: "出生年月",
    f_party: "党派",
    f_workplace_post: "工作单位及职务",
    f_phone: "联系电话",
    f_id_card: "身份证号",
    f_address: "地址",
    f_notes: "备注",
    f_external_id: "外部编号",
    f_congress: "人民代表大会",
    f_term: "届次",
    f_delegation: "代表团",
    f_group: "代表小组",
    f_status: "代表状态",
    f_constituency: "选区",
    f_certificate: "代表证号",
    f_seq: "序号",
    f_change_type: "变动类型",
    f_change_date: "变动日期",
    updated_at: "更新时间",
    deputies_title: "代表名册",
    new_deputy: "登记代表",
    export_csv: "导出 CSV",
    export_xlsx: "导出 Excel",
    exporting: "正在导出…",
    filters: "筛选代表",
    search_name: "按姓名查找",
    search_placeholder: "输入姓名或其中的字",
    choose_congress_first: "先选择人民代表大会",
    clear_filters: "清除筛选条件",
    more_filters: |n| if n > 0 { format!("更多筛选条件（已选 {n} 项）") } else { "更多筛选条件".into() },
    loading_deputies: "正在加载代表名册…",
    no_deputies: "还没有登记代表",
    no_deputies_hint: "可以导入代表名册，或逐个登记代表。",
    no_match: "没有符合条件的代表",
    no_mandate: "无当选记录",
    count_range: |from, to, total| format!("共 {total} 名代表，当前显示第 {from}–{to} 名"),
    count_shown: |n| format!("当前显示 {n} 名代表"),
    deputy_title: "代表信息",
    loading_deputy: "正在加载代表信息…",
    basic_info: "基本信息",
    personal_info: "个人信息",
    masked_notice: "按您的权限，部分个人信息已隐藏。",
    mandates: "当选情况",
    no_mandates: "没有当选记录。",
    elected_via: "当选方式",
    elected_on: "当选日期",
    status_reason: "变动原因",
    status_date: "变动日期",
    status_history: "状态变动记录",
    no_status_history: "没有状态变动。",
    date_unknown: "日期不详",
    recorded_at: |when| format!("记录于 {when}"),
    suspend: "暂停执行代表职务",
    resume: "恢复执行代表职务",
    terminate: "终止代表资格",
    suspend_title: "暂停执行代表职务",
    resume_title: "恢复执行代表职务",
    terminate_title: "终止代表资格",
    suspend_warning: "依照代表法第六十一条，代表因刑事案件被羁押或正在服刑的，暂停执行代表职务。",
    resume_warning: "暂停执行代表职务的情形消失后，恢复执行代表职务。",
    terminate_warning: "依照代表法第六十二条终止代表资格。终止后不能恢复，请核对原因和日期。",
    confirm_suspend: "确认暂停",
    confirm_resume: "确认恢复",
    confirm_terminate: "确认终止",
    reason_label: "原因",
    effective_date: "生效日期",
    note: "说明",
    reason_required: "请选择原因。",
    date_required: "请填写生效日期。",
    date_in_future: "生效日期不能晚于今天。",
    date_invalid: "请填写有效的日期。",
    status_changed: "代表状态已更新。",
    edit_mandate: "编辑当选信息",
    edit_mandate_title: |term| format!("编辑{term}当选信息"),
    mandate_saved: "当选信息已保存。",
    err_stale_mandate: "当选信息已被他人修改。请关闭后重新打开再修改。",
    edit_deputy: "编辑代表信息",
    edit_named: |name| format!("编辑代表信息：{name}"),
    form_intro: "带 * 的为必填项。填写完毕后点击保存。",
    self_edit_intro: "代表本人可以修改自己的联系电话和地址，其他信息请联系人大办修改。",
    mandate_section: "当选信息",
    no_mandate_option: "暂不登记当选",
    masked_edit_notice: "隐藏的个人信息保持不变，除非您在此填写新的内容。",
    hint_name: "1–50 个字，不能有数字。",
    hint_birth_date: "年份、年月或日期，如 1967、1967-03、1967-03-05。",
    hint_external_id: "其他系统中该代表的编号，可不填。",
    hint_phone: "11 位手机号，或带区号的固定电话，如 0311-87654321。",
    hint_id_card: "18 位居民身份证号码。",
    fix_n_fields: |n| format!("有 {n} 处需要修改，请查看各项下方的提示。"),
    load_latest: "载入最新信息",
    created: "代表已登记。",
    saved: "修改已保存。",
    import_title: "导入代表名册",
    import_intro: "上传 CSV 或 Excel（XLSX）格式的代表名册。系统先试导入并列出每一行的处理结果，确认后才写入。",
    import_steps: "导入步骤",
    step_choose: "选择文件",
    step_review: "核对试导入结果",
    step_done: "完成",
    choose_congress: "请选择人民代表大会。",
    choose_term: "请选择届次。",
    no_terms: "该人民代表大会还没有届次。",
    roster_file: "名册文件",
    roster_file_hint: "CSV（UTF-8 或 GB18030）或 XLSX；表头须有“姓名”列，可包含代表团、代表小组、选区、性别、民族、出生年月、党派、工作单位及职务、联系电话、身份证号等列。",
    choose_file: "请选择名册文件。",
    check_file: "检查文件（试导入）",
    checking_file: "正在检查文件…",
    uploading: "正在上传…",
    uploading_pct: |p| format!("已上传 {p}%"),
    processing: "文件已上传，服务器正在逐行核对…",
    dry_run_title: "试导入结果",
    import_target: "导入到",
    dry_run_intro: |file, congress, term| format!("文件“{file}”导入{congress}{term}的结果如下。此时尚未写入任何数据。"),
    import_summary: "各类行数",
    sum_rows: "数据行",
    sum_create: "将新增",
    sum_created: "已新增",
    sum_update: "将更新",
    sum_updated: "已更新",
    sum_unchanged: "无变化",
    sum_error: "有错误",
    sum_warnings: "有提示",
    sum_duplicates: "可能重复",
    file_warnings: "关于整个文件的提示",
    columns_read: |n, format| format!("读取了 {n} 列（{format}）"),
    units_created: |n, dry| if dry { format!("将新建 {n} 个代表团或代表小组") } else { format!("新建了 {n} 个代表团或代表小组") },
    errors_skipped: |n| format!("有 {n} 行存在错误，这些行不会导入；其余行将正常导入。"),
    confirm_import: "确认导入",
    nothing_to_import: "没有需要导入的内容",
    importing: "正在导入…",
    import_done: "导入完成",
    import_not_applied: "未导入",
    import_done_text: |c, u, n, e| format!("新增 {c} 名代表，更新 {u} 名，{n} 名无变化，{e} 行因错误未导入。"),
    import_another: "导入其他文件",
    view_deputies: "查看导入的代表",
    report_rows: "逐行结果",
    show_rows: "显示",
    no_rows_for_filter: "没有这一类的行。",
    row_number: "行号",
    outcome_label: "处理结果",
    matched_by: "匹配依据",
    changes: "变更的项",
    messages: "错误和提示",
    possible_duplicate_of: |rows, more| match more {
        0 => format!("可能与第 {rows} 行是同一人（不会合并，请核对）"),
        n => format!("可能与第 {rows} 行等另外 {n} 行中的某人是同一人（不会合并，请核对）"),
    },
    report_truncated: |listed, omitted| format!("报告过长：只列出前 {listed} 行，另有 {omitted} 行未列出。上方的各类行数包括全部行。"),
    duplicate_groups: |n| format!("同一代表团中重名的 {n} 组行"),
    duplicate_group: |who, rows, count, more| match more {
        0 => format!("{who}：共 {count} 行（第 {rows} 行）"),
        m => format!("{who}：共 {count} 行（第 {rows} 行，另有 {m} 行未列出）"),
    },
    err_timeout: "上传超时：文件未能在规定时间内传完，请检查网络后重试。",
    err_network: "无法连接服务器，请检查网络后重试。",
    err_session_ended: "登录已过期，请重新登录。",
    err_decode: "服务器返回了无法识别的内容，请稍后再试。",
    err_validation: "提交的数据有误，请按提示修改。",
    cell_not_accepted: "服务器对此行有说明。",
    err_bad_request: "请求有误。",
    err_forbidden: "您没有执行此操作的权限。",
    err_not_found: "未找到该记录，它可能已被删除，或不在您的权限范围内。",
    err_conflict: "操作与现有数据冲突。",
    err_stale: "该代表的信息已被他人修改。请载入最新信息后再修改。",
    err_too_large: "文件或内容过大。",
    err_unsupported: "不支持的文件格式：请上传 CSV 或 XLSX 文件。",
    err_rate_limited: "操作过于频繁，请稍后再试。",
    err_unavailable: "服务暂时不可用，请稍后再试。",
    err_server: "服务器出错了，请稍后再试；如问题持续，请联系管理员。",
};

/// English.
pub static EN: Texts = Texts {
    lang: Lang::En,
    app_name: "Deputies' Work Platform",
    skip_to_content: "Skip to main content",
    nav_label: "Main navigation",
    nav_deputies: "Deputies",
    nav_import: "Import roster",
    nav_my_record: "My record",
    menu: "Menu",
    language: "Language",
    logout: "Log out",
    logging_out: "Logging out…",
    logged_out: "You have logged out.",
    breadcrumb: "You are here",
    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist or has been removed.",
    deputy_not_found: "This deputy does not exist or is outside your scope.",
    back_to_list: "Back to the deputies",
    loading: "Loading…",
    retry: "Try again",
    cancel: "Cancel",
    save: "Save",
    saving: "Saving…",
    create: "Register",
    edit: "Edit",
    choose: "Choose…",
    all: "All",
    any_value: "Any",
    none_option: "None",
    not_recorded: "Not recorded",
    hidden_value: "Hidden",
    required_mark: "(required)",
    colon: ": ",
    list_separator: ", ",
    pagination: "Pages",
    prev_page: "Previous",
    next_page: "Next",
    page_size: "Per page",
    page_n: |n| format!("Page {n}"),
    page_of: |n, total| format!("Page {n} of {total}"),
    login_title: "Log in",
    login_intro: "Use the account the congress office gave you.",
    username: "Username",
    password: "Password",
    username_required: "Enter your username.",
    password_required: "Enter your password.",
    login: "Log in",
    logging_in: "Logging in…",
    login_failed: "The username or password is wrong.",
    login_rate_limited: "Too many login attempts. Please wait a moment and try again.",
    f_name: "Name",
    f_gender: "Gender",
    f_ethnicity: "Ethnicity",
    f_birth_date: "Date of birth",
    f_party: "Party",
    f_workplace_post: "Workplace and post",
    f_phone: "Phone",
    f_id_card: "ID card number",
    f_address: "Address",
    f_notes: "Notes",
    f_external_id: "External ID",
    f_congress: "People's congress",
    f_term: "Term",
    f_delegation: "Delegation",
    f_group: "Deputy group",
    f_status: "Status",
    f_constituency: "Constituency",
    f_certificate: "Certificate number",
    f_seq: "Row number",
    f_change_type: "Type of change",
    f_change_date: "Date of change",
    updated_at: "Updated",
    deputies_title: "Deputies",
    new_deputy: "Register a deputy",
    export_csv: "Export CSV",
    export_xlsx: "Export Excel",
    exporting: "Exporting…",
    filters: "Filter deputies",
    search_name: "Find by name",
    search_placeholder: "Type a name or part of it",
    choose_congress_first: "Choose a people's congress first",
    clear_filters: "Clear filters",
    more_filters: |n| if n > 0 { format!("More filters ({n} set)") } else { "More filters".into() },
    loading_deputies: "Loading the deputies…",
    no_deputies: "No deputies registered yet",
    no_deputies_hint: "Import a roster, or register deputies one by one.",
    no_match: "No deputy matches these filters",
    no_mandate: "No mandate",
    count_range: |from, to, total| format!("{total} deputies, showing {from}–{to}"),
    count_shown: |n| format!("Showing {n} deputies"),
    deputy_title: "Deputy",
    loading_deputy: "Loading the deputy…",
    basic_info: "Basic information",
    personal_info: "Personal data",
    masked_notice: "Some personal data is hidden for your role.",
    mandates: "Mandates",
    no_mandates: "No mandates recorded.",
    elected_via: "Elected by",
    elected_on: "Elected on",
    status_reason: "Reason",
    status_date: "Effective date",
    status_history: "Status history",
    no_status_history: "No status changes.",
    date_unknown: "Date unknown",
    recorded_at: |when| format!("recorded {when}"),
    suspend: "Suspend",
    resume: "Resume",
    terminate: "Terminate",
    suspend_title: "Suspend the deputy's duties",
    resume_title: "Resume the deputy's duties",
    terminate_title: "Terminate the deputy's status",
    suspend_warning: "Under Article 61 of the Deputies Law, a deputy in custody for a criminal case or serving a sentence is suspended from duties.",
    resume_warning: "A suspended deputy resumes their duties once the reason has ended.",
    terminate_warning: "The deputy's status ends under Article 62 of the Deputies Law. This cannot be undone: check the reason and date.",
    confirm_suspend: "Suspend",
    confirm_resume: "Resume",
    confirm_terminate: "Terminate",
    reason_label: "Reason",
    effective_date: "Effective date",
    note: "Note",
    reason_required: "Choose a reason.",
    date_required: "Enter the effective date.",
    date_in_future: "The effective date cannot be after today.",
    date_invalid: "Enter a valid date.",
    status_changed: "The deputy's status has been updated.",
    edit_mandate: "Edit mandate",
    edit_mandate_title: |term| format!("Edit the mandate of the {term}"),
    mandate_saved: "The mandate has been saved.",
    err_stale_mandate: "Someone else has changed this mandate. Close this dialog and open it again.",
    edit_deputy: "Edit deputy",
    edit_named: |name| format!("Edit deputy: {name}"),
    form_intro: "Fields marked * are required. Save when you are done.",
    self_edit_intro: "You can change your own phone number and address. For anything else, ask the congress office.",
    mandate_section: "Mandate",
    no_mandate_option: "No mandate yet",
    masked_edit_notice: "Hidden personal data stays as it is unless you type a new value here.",
    hint_name: "1–50 characters, no digits.",
    hint_birth_date: "A year, year and month, or a date: 1967, 1967-03, 1967-03-05.",
    hint_external_id: "This deputy's key in another system; optional.",
    hint_phone: "An 11-digit mobile number, or a landline with area code such as 0311-87654321.",
    hint_id_card: "The 18-character resident ID card number.",
    fix_n_fields: |n| format!("{n} fields need attention: see the messages below them."),
    load_latest: "Load the latest version",
    created: "The deputy has been registered.",
    saved: "Your changes have been saved.",
    import_title: "Import a roster",
    import_intro: "Upload a roster as CSV or Excel (XLSX). It is checked first and every row's outcome is listed; nothing is written until you confirm.",
    import_steps: "Import steps",
    step_choose: "Choose a file",
    step_review: "Review the check",
    step_done: "Done",
    choose_congress: "Choose a people's congress.",
    choose_term: "Choose a term.",
    no_terms: "This congress has no terms yet.",
    roster_file: "Roster file",
    roster_file_hint: "CSV (UTF-8 or GB18030) or XLSX, with a 姓名 (name) column; it may also have delegation, deputy group, constituency, gender, ethnicity, date of birth, party, workplace, phone, ID card and other columns.",
    choose_file: "Choose a roster file.",
    check_file: "Check the file (dry run)",
    checking_file: "Checking the file…",
    uploading: "Uploading…",
    uploading_pct: |p| format!("{p}% uploaded"),
    processing: "The file is uploaded; the server is checking each row…",
    dry_run_title: "Dry run",
    import_target: "Importing into",
    dry_run_intro: |file, congress, term| format!("What importing “{file}” into {congress}, {term} would do. Nothing has been written yet."),
    import_summary: "Rows by outcome",
    sum_rows: "Data rows",
    sum_create: "To create",
    sum_created: "Created",
    sum_update: "To update",
    sum_updated: "Updated",
    sum_unchanged: "Unchanged",
    sum_error: "Errors",
    sum_warnings: "Warnings",
    sum_duplicates: "Possible duplicates",
    file_warnings: "About the whole file",
    columns_read: |n, format| format!("{n} columns read ({format})"),
    units_created: |n, dry| if dry { format!("{n} delegations or deputy groups will be created") } else { format!("{n} delegations or deputy groups created") },
    errors_skipped: |n| format!("{n} rows have errors and will not be imported; the other rows will be."),
    confirm_import: "Import",
    nothing_to_import: "Nothing to import",
    importing: "Importing…",
    import_done: "Import complete",
    import_not_applied: "Not imported",
    import_done_text: |c, u, n, e| format!("{c} deputies created, {u} updated, {n} unchanged, {e} rows not imported because of errors."),
    import_another: "Import another file",
    view_deputies: "View the imported deputies",
    report_rows: "Rows",
    show_rows: "Show",
    no_rows_for_filter: "No rows of this kind.",
    row_number: "Row",
    outcome_label: "Outcome",
    matched_by: "Matched by",
    changes: "Changes",
    messages: "Errors and warnings",
    possible_duplicate_of: |rows, more| match more {
        0 => format!("May be the same person as row {rows} (never merged: please check)"),
        n => format!("May be the same person as row {rows} or {n} more rows (never merged: please check)"),
    },
    report_truncated: |listed, omitted| format!("The report is too long: the first {listed} rows are listed, {omitted} more are not. The counts above include every row."),
    duplicate_groups: |n| format!("{n} groups of rows with the same name in a delegation"),
    duplicate_group: |who, rows, count, more| match more {
        0 => format!("{who}: {count} rows (rows {rows})"),
        m => format!("{who}: {count} rows (rows {rows}, {m} more not listed)"),
    },
    err_timeout: "The upload timed out: the file did not arrive in time. Check the connection and try again.",
    err_network: "The server cannot be reached. Check the network and try again.",
    err_session_ended: "Your session has ended. Please log in again.",
    err_decode: "The server sent something unexpected. Please try again later.",
    err_validation: "Some data is not valid: see the messages.",
    cell_not_accepted: "The server has a remark on this row that this version cannot show in English.",
    err_bad_request: "The request was not understood.",
    err_forbidden: "You are not allowed to do this.",
    err_not_found: "Not found: the record may have been deleted, or is outside your scope.",
    err_conflict: "This conflicts with existing data.",
    err_stale: "Someone else has changed this deputy. Load the latest version, then make your change again.",
    err_too_large: "The file or content is too large.",
    err_unsupported: "Unsupported file type: upload a CSV or XLSX file.",
    err_rate_limited: "Too many requests. Please wait a moment.",
    err_unavailable: "The service is unavailable for a moment. Please try again later.",
    err_server: "Something went wrong on the server. Try again later; if it persists, contact the administrator.",
};

impl Texts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// A role's name.
    pub fn role(&self, r: Role) -> &'static str {
        match (self.zh(), r) {
            (true, Role::Admin) => "管理员",
            (true, Role::Staff) => "人大办工作人员",
            (true, Role::Presidium) => "主席团成员",
            (true, Role::Deputy) => "代表",
            (true, Role::HandlingOrg) => "承办单位",
            (true, Role::Integration) => "系统对接",
            (false, Role::Admin) => "Administrator",
            (false, Role::Staff) => "Office staff",
            (false, Role::Presidium) => "Presidium member",
            (false, Role::Deputy) => "Deputy",
            (false, Role::HandlingOrg) => "Handling organisation",
            (false, Role::Integration) => "Integration",
        }
    }

    /// A gender's name.
    pub fn gender(&self, g: Gender) -> &'static str {
        match (self.zh(), g) {
            (true, g) => g.label_zh(),
            (false, Gender::Male) => "Male",
            (false, Gender::Female) => "Female",
        }
    }

    /// A mandate status's name.
    pub fn status(&self, s: MandateStatus) -> &'static str {
        match (self.zh(), s) {
            (true, MandateStatus::Active) => "正常履职",
            (true, MandateStatus::Suspended) => "暂停执行职务",
            (true, MandateStatus::Terminated) => "资格终止",
            (false, MandateStatus::Active) => "Active",
            (false, MandateStatus::Suspended) => "Suspended",
            (false, MandateStatus::Terminated) => "Terminated",
        }
    }

    /// A suspension or termination reason.
    pub fn reason(&self, r: StatusReason) -> &'static str {
        if self.zh() {
            return r.label_zh();
        }
        match r {
            StatusReason::InCustody => "In custody for a criminal case",
            StatusReason::ServingSentence => "Serving a sentence",
            StatusReason::MovedOut => "Moved out of the area",
            StatusReason::Resigned => "Resigned",
            StatusReason::AbsentTwiceWithoutLeave => "Absent twice from sessions without leave",
            StatusReason::Recalled => "Recalled",
            StatusReason::LostNationality => "Lost Chinese nationality",
            StatusReason::DeprivedOfPoliticalRights => "Deprived of political rights",
            StatusReason::LostCapacity => "Lost capacity for conduct",
            StatusReason::Died => "Died",
        }
    }

    /// How a mandate was won.
    pub fn elected(&self, e: ElectedVia) -> &'static str {
        match (self.zh(), e) {
            (true, ElectedVia::GeneralElection) => "换届选举",
            (true, ElectedVia::ByElection) => "补选",
            (false, ElectedVia::GeneralElection) => "General election",
            (false, ElectedVia::ByElection) => "By-election",
        }
    }

    /// What an import does to a row.
    pub fn outcome(&self, o: RowOutcome) -> &'static str {
        match (self.zh(), o) {
            (true, RowOutcome::Create) => "新增",
            (true, RowOutcome::Update) => "更新",
            (true, RowOutcome::Unchanged) => "无变化",
            (true, RowOutcome::Error) => "错误",
            (false, RowOutcome::Create) => "Create",
            (false, RowOutcome::Update) => "Update",
            (false, RowOutcome::Unchanged) => "Unchanged",
            (false, RowOutcome::Error) => "Error",
        }
    }

    /// How an import row was matched to a deputy.
    pub fn matched(&self, m: MatchedBy) -> &'static str {
        match (self.zh(), m) {
            (true, MatchedBy::ExternalId) => "外部编号",
            (true, MatchedBy::IdCard) => "身份证号",
            (true, MatchedBy::ExactRecord) => "各项完全相同",
            (true, MatchedBy::NameAndDelegation) => "同代表团唯一同名",
            (false, MatchedBy::ExternalId) => "External ID",
            (false, MatchedBy::IdCard) => "ID card number",
            (false, MatchedBy::ExactRecord) => "Identical record",
            (false, MatchedBy::NameAndDelegation) => "Only namesake in delegation",
        }
    }

    /// The label of a row filter of the import report.
    pub fn row_filter(&self, code: &str) -> &'static str {
        match (self.zh(), code) {
            (true, "problems") => "有问题的行",
            (true, "errors") => "有错误的行",
            (true, "warnings") => "有提示的行",
            (true, "duplicates") => "可能重复的行",
            (true, "create") => "新增的行",
            (true, "update") => "更新的行",
            (true, "unchanged") => "无变化的行",
            (true, _) => "全部行",
            (false, "problems") => "Rows with problems",
            (false, "errors") => "Rows with errors",
            (false, "warnings") => "Rows with warnings",
            (false, "duplicates") => "Possible duplicates",
            (false, "create") => "Rows to create",
            (false, "update") => "Rows to update",
            (false, "unchanged") => "Unchanged rows",
            (false, _) => "All rows",
        }
    }

    /// A term's name: 第14届 / 14th term.
    pub fn term_label(&self, n: i32) -> String {
        if self.zh() {
            format!("第{n}届")
        } else {
            let suffix = match (n % 10, n % 100) {
                (1, x) if x != 11 => "st",
                (2, x) if x != 12 => "nd",
                (3, x) if x != 13 => "rd",
                _ => "th",
            };
            format!("{n}{suffix} term")
        }
    }

    /// A remark in parentheses after a word: `（辞职）` / ` (Resigned)`.
    pub fn parenthesized(&self, s: &str) -> String {
        if self.zh() {
            format!("（{s}）")
        } else {
            format!(" ({s})")
        }
    }

    /// "Sort by …" for a column header.
    pub fn sort_by(&self, column: &str) -> String {
        if self.zh() {
            format!("按{column}排序")
        } else {
            format!("Sort by {}", column.to_lowercase())
        }
    }

    /// A birth date (`1967`, `1967-03`, `1967-03-05`) as people read it.
    pub fn birth(&self, wire: &str) -> String {
        let parts: Vec<&str> = wire.split('-').collect();
        let num = |s: &str| s.parse::<u32>().ok();
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match (self.zh(), parts.as_slice()) {
            (true, [y]) => format!("{y}年"),
            (true, [y, m]) => format!("{y}年{}月", num(m).unwrap_or(0)),
            (true, [y, m, d]) => format!("{y}年{}月{}日", num(m).unwrap_or(0), num(d).unwrap_or(0)),
            (false, [y, m]) => match num(m).filter(|m| (1..=12).contains(m)) {
                Some(m) => format!("{} {y}", MONTHS[m as usize - 1]),
                None => wire.to_string(),
            },
            (false, [y, m, d]) => match num(m).filter(|m| (1..=12).contains(m)) {
                Some(m) => format!("{} {} {y}", num(d).unwrap_or(0), MONTHS[m as usize - 1]),
                None => wire.to_string(),
            },
            _ => wire.to_string(),
        }
    }

    /// An instant in the browser's time zone: `2025-03-05 14:30`.
    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes()
        )
    }

    /// The label of a deputy field by its wire name (`birth_date`); the name itself when
    /// unknown.
    pub fn field_label<'a>(&self, field: &'a str) -> &'a str {
        match field {
            "name" => self.f_name,
            "gender" => self.f_gender,
            "ethnicity" => self.f_ethnicity,
            "birth_date" | "birth" => self.f_birth_date,
            "party" => self.f_party,
            "workplace_post" => self.f_workplace_post,
            "phone" => self.f_phone,
            "id_card_number" | "id_card" => self.f_id_card,
            "address" => self.f_address,
            "notes" => self.f_notes,
            "external_id" => self.f_external_id,
            "congress_id" => self.f_congress,
            "term_id" | "term" => self.f_term,
            "delegation_id" | "delegation" => self.f_delegation,
            "deputy_group_id" | "deputy_group" => self.f_group,
            "constituency" => self.f_constituency,
            "certificate_number" => self.f_certificate,
            "status" => self.f_status,
            "seq" => self.f_seq,
            "change_type" => self.f_change_type,
            "change_date" => self.f_change_date,
            "reason" => self.reason_label,
            "date" => self.effective_date,
            "note" => self.note,
            other => other,
        }
    }

    /// A client-side validation issue.
    pub fn issue(&self, i: Issue) -> String {
        match (self.zh(), i) {
            (true, Issue::Required) => "此项必填。".into(),
            (true, Issue::TooLong(n)) => format!("不能超过 {n} 个字符。"),
            (true, Issue::NameDigits) => "姓名中不能有数字。".into(),
            (true, Issue::InvalidDate) => "应为 1900 年至今的年份、年月或日期，如 1967、1967-03、1967-03-05。".into(),
            (true, Issue::InvalidPhone) => "应为 11 位手机号或带区号的固定电话。".into(),
            (true, Issue::InvalidIdCard) => "身份证号无效：应为 18 位，出生日期和校验位须正确。".into(),
            (true, Issue::InFuture) => "日期不能晚于今天。".into(),
            (true, Issue::ControlChars) => "含有不可见的控制字符，请删除后重新填写。".into(),
            (false, Issue::Required) => "This field is required.".into(),
            (false, Issue::TooLong(n)) => format!("At most {n} characters."),
            (false, Issue::NameDigits) => "A name cannot contain digits.".into(),
            (false, Issue::InvalidDate) => "Enter a year, year and month, or date between 1900 and today, such as 1967, 1967-03 or 1967-03-05.".into(),
            (false, Issue::InvalidPhone) => "Enter an 11-digit mobile number or a landline with area code.".into(),
            (false, Issue::InvalidIdCard) => "Not a valid ID card number: it has 18 characters with a valid birth date and check character.".into(),
            (false, Issue::InFuture) => "The date cannot be after today.".into(),
            (false, Issue::ControlChars) => "Contains invisible control characters: delete them and enter the value again.".into(),
        }
    }

    /// A client-side issue of a named field (the name is part of some messages).
    pub fn issue_of(&self, _field: &str, i: Issue) -> String {
        self.issue(i)
    }

    /// The message of a field error from the server: the server's own (Chinese) text in
    /// Chinese; in English the catalogue's text of its `code` and `params`, or the general
    /// sentence of a refused request for a code the catalogue does not know. A failed row
    /// of an all-or-nothing import (`/rows/5`) reads `Row 5, 姓名: …`.
    pub fn field_error_message(&self, e: &FieldError) -> String {
        if self.zh() {
            return e.message.clone();
        }
        let field = e
            .pointer
            .trim_start_matches(['/', '?'])
            .trim_start_matches("mandate/");
        if let Some(text) = suggestion_message(&e.code, e.params.as_ref()) {
            let label = self.field_label(field);
            return if label.is_empty() {
                text
            } else {
                format!("{label}: {text}")
            };
        }
        if let Some(row) = field.strip_prefix("rows/") {
            // The cell's params, with the cell's column added by the server.
            let mut params = match &e.params {
                Some(serde_json::Value::Object(o)) => o.clone(),
                _ => serde_json::Map::new(),
            };
            let column = params
                .remove("column")
                .and_then(|c| c.as_str().map(str::to_string));
            let params = (!params.is_empty()).then_some(serde_json::Value::Object(params));
            let text = self.catalogue_text(&e.code, params.as_ref(), self.err_validation);
            return match column {
                Some(c) => format!("Row {row}, {c}: {text}"),
                None => format!("Row {row}: {text}"),
            };
        }
        let text = self.catalogue_text(&e.code, e.params.as_ref(), self.err_validation);
        let label = self.field_label(field);
        if label.is_empty() {
            text
        } else {
            format!("{label}: {text}")
        }
    }

    /// The catalogue's text of `code` and `params` in this language, or `fallback` for a
    /// message the catalogue does not know (or this bundle does not decode: see
    /// [`english_of`]). Chinese is the server's own text, so only English is rendered here.
    fn catalogue_text(
        &self,
        code: &str,
        params: Option<&serde_json::Value>,
        fallback: &str,
    ) -> String {
        english_of(code, params).unwrap_or_else(|| fallback.to_string())
    }

    /// A readable message for a failed request: never raw JSON.
    pub fn error_message(&self, e: &ApiError) -> String {
        match e {
            ApiError::Network => self.err_network.into(),
            ApiError::SessionEnded => self.err_session_ended.into(),
            ApiError::Decode => self.err_decode.into(),
            ApiError::Http { status, problem } => {
                let generic = match (*status, e.code()) {
                    (412, _) | (_, Some("stale_version")) => self.err_stale,
                    (422, _) | (_, Some("validation")) => self.err_validation,
                    (400, _) => self.err_bad_request,
                    (401, _) => self.err_session_ended,
                    (403, _) => self.err_forbidden,
                    (404, _) => self.err_not_found,
                    (409, _) => self.err_conflict,
                    (408, _) => self.err_timeout,
                    (413, _) => self.err_too_large,
                    (415, _) => self.err_unsupported,
                    (429, _) => self.err_rate_limited,
                    (503, _) => self.err_unavailable,
                    _ => self.err_server,
                };
                // The server's Chinese detail says more (which record, which rule); in
                // English a refusal of the suggestion workflow is translated by its code.
                match problem {
                    Some(p) if self.zh() && *status != 422 && *status < 500 => {
                        match p.detail.as_deref().filter(|d| !d.is_empty()) {
                            Some(d) => format!("{}：{d}", p.title),
                            None => generic.into(),
                        }
                    }
                    // A refusal of the suggestions area: the catalogue's English.
                    Some(p) if matches!(*status, 403 | 404 | 409) => {
                        let code = p.code.as_deref().unwrap_or_else(|| p.code());
                        suggestion_message(code, p.params.as_ref()).unwrap_or_else(|| {
                            self.catalogue_text(code, p.params.as_ref(), generic)
                        })
                    }
                    // A bound of the server (rows, cells, bytes …): its name and value.
                    Some(p) => match &p.limit {
                        Some(l) => format!("{generic} (limit {} = {})", l.name, l.value),
                        None => generic.into(),
                    },
                    None => generic.into(),
                }
            }
        }
    }

    /// A message about a row or cell of an import, or about the whole file: the server's
    /// text in Chinese; in English the catalogue's text of its `code` and `params`, or a
    /// general sentence for a code the catalogue does not know.
    pub fn cell_message(&self, m: &CellMessage) -> String {
        if self.zh() {
            m.message.clone()
        } else {
            self.catalogue_text(&m.code, m.params.as_ref(), self.cell_not_accepted)
        }
    }
}

/// The catalogue's English for a message from its code and params, for the messages this
/// bundle meets: imports in the registry and meetings bundles (rosters, status changes,
/// sign-in sheets), personal data in the registry bundle, the common messages (roles,
/// ranges) in the meetings and suggestions bundles. Each decoder weighs on its bundle (400
/// KB gzipped at most: the registry bundle has no room for the common messages, which then
/// read as the general sentence of their status), so the assessment bundles decode none
/// here: their screens read their own refusals (`i18n::assessments::refusal`).
pub fn english_of(code: &str, params: Option<&serde_json::Value>) -> Option<String> {
    #[allow(unused_variables)]
    let wire = {
        let mut o = serde_json::Map::new();
        o.insert("code".into(), code.into());
        if let Some(p) = params.filter(|p| !p.is_null()) {
            o.insert("params".into(), p.clone());
        }
        serde_json::Value::Object(o)
    };
    #[cfg(any(feature = "registry", feature = "meetings"))]
    if let Ok(m) = serde_json::from_value::<renda_openapi::ImportMessage>(wire.clone()) {
        return Some(renda_openapi::Catalogue::text(&m, renda_openapi::Lang::En));
    }
    #[cfg(feature = "registry")]
    if let Ok(m) = serde_json::from_value::<renda_openapi::RegistryMessage>(wire.clone()) {
        return Some(renda_openapi::Catalogue::text(&m, renda_openapi::Lang::En));
    }
    #[cfg(any(feature = "meetings", feature = "suggestions"))]
    if let Ok(m) = serde_json::from_value::<renda_openapi::CommonMessage>(wire) {
        return Some(renda_openapi::Catalogue::text(&m, renda_openapi::Lang::En));
    }
    None
}

/// The catalogue's English for a message of the suggestions area, from its code and
/// params; `None` for any other code. Decodes only that area's enum: the whole catalogue's
/// decoder would weigh on every bundle.
/// Only the suggestions bundle decodes them (the other areas never meet them).
#[cfg(feature = "suggestions")]
pub fn suggestion_message(code: &str, params: Option<&serde_json::Value>) -> Option<String> {
    use renda_openapi::Catalogue;
    let mut o = serde_json::Map::new();
    o.insert("code".into(), code.into());
    if let Some(p) = params.filter(|p| !p.is_null()) {
        o.insert("params".into(), p.clone());
    }
    serde_json::from_value::<renda_openapi::SuggestionMessage>(serde_json::Value::Object(o))
        .ok()
        .map(|m| m.text(renda_openapi::Lang::En))
}

/// Outside the suggestions bundle: none.
#[cfg(not(feature = "suggestions"))]
pub fn suggestion_message(_code: &str, _params: Option<&serde_json::Value>) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_birth_dates() {
        assert_eq!(ZH.term_label(14), "第14届");
        assert_eq!(EN.term_label(1), "1st term");
        assert_eq!(EN.term_label(12), "12th term");
        assert_eq!(EN.term_label(22), "22nd term");
        assert_eq!(ZH.birth("1967-03"), "1967年3月");
        assert_eq!(EN.birth("1967-03-05"), "5 Mar 1967");
        assert_eq!(EN.birth("1967"), "1967");
    }

    use renda_openapi::messages::imports::{DuplicateKey, FileNote, MissingHeader, Unreadable};
    use renda_openapi::messages::{ImportMessage as I, PersonField, RegistryMessage as R};
    use renda_openapi::Message;

    /// A field error as the server builds it from the catalogue.
    fn field(pointer: &str, m: impl Into<Message>) -> FieldError {
        FieldError::from_message(pointer, &m.into())
    }

    /// A message about the whole file or a row, as the server builds it.
    fn cell(m: impl Into<Message>) -> CellMessage {
        CellMessage::from_message(None, &m.into())
    }

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn field_errors_in_english() {
        let e = field(
            "/phone",
            R::InvalidPhone {
                value: "123".into(),
            },
        );
        assert_eq!(
            ZH.field_error_message(&e),
            "联系电话“123”无效：应为 11 位手机号或带区号的固定电话。"
        );
        assert_eq!(
            EN.field_error_message(&e),
            "Phone: “123” is not a phone number: an 11-digit mobile number or a landline with area code."
        );
        let e = field(
            "/name",
            R::InvalidFormat {
                field: PersonField::Name,
            },
        );
        assert!(EN
            .field_error_message(&e)
            .ends_with("A name cannot contain digits."));
    }

    #[test]
    fn file_level_import_errors_in_english() {
        let e = field(
            "",
            I::MissingHeader(MissingHeader::Roster {
                header: "姓名".into(),
            }),
        );
        let en = EN.field_error_message(&e);
        assert!(
            en.starts_with("No “姓名” column found in the header"),
            "{en}"
        );
        assert_eq!(ZH.field_error_message(&e), e.message);
        let e = field(
            "",
            I::DuplicateHeader {
                first: "姓名".into(),
                second: "name".into(),
            },
        );
        assert_eq!(
            EN.field_error_message(&e),
            "The columns “姓名” and “name” hold the same field: keep only one of them."
        );
        for m in [
            I::NoRows,
            I::EmptyFile { workbook: false },
            I::EmptyFile { workbook: true },
            I::UnreadableFile(Unreadable::Xlsx),
            I::UnreadableFile(Unreadable::Encoding),
            I::UnreadableFile(Unreadable::JsonShape),
        ] {
            let en = EN.field_error_message(&field("", m));
            assert!(!has_chinese(&en), "{en}");
        }
        // A code the catalogue does not know, or without the params it needs: the
        // general sentence, never the Chinese text.
        for (code, message) in [
            ("some_new_code", "新的错误。"),
            ("unreadable_file", "无法读取。"),
        ] {
            let e = FieldError {
                params: None,
                pointer: "".into(),
                code: code.into(),
                message: message.into(),
            };
            assert_eq!(EN.field_error_message(&e), EN.err_validation);
        }
    }

    #[test]
    fn suggestion_refusals_in_english() {
        use renda_openapi::SuggestionStep as T;
        use renda_openapi::{Message, SuggestionMessage as M, SuggestionStatus as S};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for m in [
            M::StepNotAllowed {
                state: S::Closed,
                step: T::Refer,
                allowed: vec![S::Accepted, S::Returned],
            },
            M::CoSignersUnconfirmed { count: 1 },
            M::Incomplete,
            M::ReturnPeriodOver { due: day },
            M::ExtensionLimit {
                granted: 2,
                asked: Some(2),
            },
            M::ExtensionRequestPending { months: 1 },
            M::NoExtensionRequest,
            M::ConsultationRequired {
                round: 1,
                since: Some(day),
                earlier_round: false,
                before_round: false,
            },
            M::NotADraft { step: T::Edit },
            M::NotInHandling { state: S::Replied },
            M::AlreadyRated,
            M::AlreadySent { edit: false },
        ] {
            let wire = Message::from(m);
            let code = wire.code();
            let e = ApiError::Http {
                status: 409,
                problem: Some(Box::new(renda_openapi::Problem {
                    type_: format!("https://renda.example/problems/{code}"),
                    title: "冲突".into(),
                    status: 409,
                    detail: Some("中文说明。".into()),
                    errors: vec![],
                    code: Some(code.into()),
                    params: wire.params(),
                    limit: None,
                })),
            };
            let en = EN.error_message(&e);
            assert!(!has_chinese(&en) && en != EN.err_conflict, "{code}: {en}");
            assert_eq!(en, wire.text(renda_openapi::Lang::En), "{code}");
            assert!(ZH.error_message(&e).contains("中文说明"), "{code}");
        }
    }

    #[test]
    fn file_warnings_in_english_with_specifics() {
        assert_eq!(
            EN.cell_message(&cell(I::TitleRowsSkipped {
                header_row: 3,
                rows: 2
            })),
            "The header is on row 3; the 2 title rows above it were skipped."
        );
        assert_eq!(
            EN.cell_message(&cell(I::TitleRowsSkipped {
                header_row: 2,
                rows: 1
            })),
            "The header is on row 2; the title row above it was skipped."
        );
        assert_eq!(
            EN.cell_message(&cell(I::ColumnsIgnored {
                columns: vec!["序号".into(), "备用".into()]
            })),
            "Columns not recognised, ignored: 序号, 备用."
        );
        let sheet = cell(I::FileNote(FileNote::Sheet {
            index: 2,
            sheet: "名单".into(),
        }));
        assert_eq!(
            sheet.message,
            "读取第 2 个工作表“名单”（第一个有内容的工作表）。"
        );
        assert_eq!(
            EN.cell_message(&sheet),
            "Read worksheet 2, “名单” (the first with content)."
        );
        assert_eq!(
            EN.cell_message(&cell(I::FileNote(FileNote::Gb18030))),
            "The file was read as GB18030 (GBK) text."
        );
        assert_eq!(
            EN.cell_message(&cell(I::CreatedEarlierInFile { row: 12 })),
            "This person is registered by row 12 of this file."
        );
        assert_eq!(
            EN.cell_message(&cell(I::DuplicateInFile {
                key: DuplicateKey::IdCard,
                row: 7
            })),
            "Same ID card number as row 7 of this file."
        );
        let other = CellMessage {
            column: None,
            code: "category_unmapped".into(),
            message: "类别“x”没有对应项。".into(),
            params: None,
        };
        assert_eq!(EN.cell_message(&other), EN.cell_not_accepted);
        assert_eq!(ZH.cell_message(&other), other.message);
    }

    #[test]
    fn failed_rows_and_control_characters_in_english() {
        // As `failed_rows` of the server sends a failing cell: its params and its column.
        let e = FieldError {
            params: Some(serde_json::json!({"key": "external_id", "row": 4, "column": "外部编号"})),
            pointer: "/rows/9".into(),
            code: "duplicate_in_file".into(),
            message: "第 9 行 外部编号：外部编号与第 4 行相同。".into(),
        };
        assert_eq!(
            EN.field_error_message(&e),
            "Row 9, 外部编号: Same external ID as row 4 of this file."
        );
        let e = FieldError {
            params: Some(serde_json::json!({"column": "性别"})),
            pointer: "/rows/3".into(),
            code: "key_conflict".into(),
            message: "第 3 行 性别：外部编号和身份证号分别对应两名不同的现有代表，请核对。".into(),
        };
        assert!(EN
            .field_error_message(&e)
            .starts_with("Row 3, 性别: The external ID"));
        let e = field(
            "/notes",
            R::InvalidCharacters {
                field: PersonField::Notes,
            },
        );
        let en = EN.field_error_message(&e);
        assert!(
            en.starts_with("Notes: Contains invisible control characters"),
            "{en}"
        );
        assert_eq!(
            EN.field_error_message(&field("", I::InvalidCharacters { row: 17 })),
            "Row 17 of the file contains invisible control characters (NUL): check whether the file is damaged."
        );
    }
}
