//! The strings of the assessment area's deputy-facing and review screens (我的履职, the
//! records list, one record, the review queue), in Chinese and English; the labels of the
//! area's enums come from the contract (`label(lang)`). The office's scheme, run, award,
//! duty-report and appraisal screens keep theirs in [`office`]. Refusals are rendered from
//! the catalogue (`renda_openapi::Message`) by [`AssessmentTexts::error`].

pub mod office;

use super::{use_lang, Lang};
use crate::api::ApiError;
use chrono::NaiveDate;
use renda_openapi::messages::{AssessmentMessage, Catalogue};
use yew::prelude::*;

/// Every string of the deputy-facing and review screens in one language.
#[cfg_attr(not(feature = "assessments"), allow(dead_code))]
pub struct AssessmentTexts {
    pub(crate) lang: Lang,
    pub(crate) nav_my_performance: &'static str,
    pub(crate) nav_assessments: &'static str,
    pub(crate) area_nav: &'static str,
    pub(crate) tab_records: &'static str,
    pub(crate) tab_review: &'static str,
    pub(crate) tab_schemes: &'static str,
    pub(crate) tab_runs: &'static str,
    pub(crate) tab_awards: &'static str,
    pub(crate) tab_duty_reports: &'static str,
    pub(crate) tab_appraisals: &'static str,
    pub(crate) tab_publication: &'static str,
    pub(crate) see_records: &'static str,
    pub(crate) frozen_note: &'static str,
    pub(crate) my_record_title: &'static str,
    pub(crate) records_title: &'static str,
    pub(crate) record_title: &'static str,
    pub(crate) review_title: &'static str,
    pub(crate) no_deputy_account: &'static str,
    pub(crate) f_year: &'static str,
    pub(crate) f_name: &'static str,
    pub(crate) f_group: &'static str,
    pub(crate) f_delegation: &'static str,
    pub(crate) f_constituency: &'static str,
    pub(crate) f_post: &'static str,
    pub(crate) f_kind: &'static str,
    pub(crate) f_date: &'static str,
    pub(crate) f_title: &'static str,
    pub(crate) f_content: &'static str,
    pub(crate) f_attachments: &'static str,
    pub(crate) attachments_hint: &'static str,
    pub(crate) choose: &'static str,
    pub(crate) fill_required: &'static str,
    pub(crate) text_required: &'static str,
    pub(crate) all_counts: &'static str,
    pub(crate) section_empty: &'static str,
    pub(crate) ask_correction: &'static str,
    pub(crate) ask_other_correction: &'static str,
    pub(crate) led: &'static str,
    pub(crate) cosigned: &'static str,
    pub(crate) joined: &'static str,
    pub(crate) satisfaction: &'static str,
    pub(crate) no_ballots: &'static str,
    pub(crate) self_declared: &'static str,
    pub(crate) entries_title: &'static str,
    pub(crate) new_entry: &'static str,
    pub(crate) submit_entry: &'static str,
    pub(crate) no_entries: &'static str,
    pub(crate) rejection_reason: &'static str,
    pub(crate) corrections_title: &'static str,
    pub(crate) no_corrections: &'static str,
    pub(crate) correction_reason: &'static str,
    pub(crate) correct_to: &'static str,
    pub(crate) other_error: &'static str,
    pub(crate) not_recorded: &'static str,
    pub(crate) decision: &'static str,
    pub(crate) score_title: &'static str,
    pub(crate) no_runs: &'static str,
    pub(crate) not_scored: &'static str,
    pub(crate) whole_score: &'static str,
    pub(crate) raise_objection: &'static str,
    pub(crate) objected_item: &'static str,
    pub(crate) objection_reasons: &'static str,
    pub(crate) my_objections: &'static str,
    pub(crate) total: &'static str,
    pub(crate) rank: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) item: &'static str,
    pub(crate) explanation: &'static str,
    pub(crate) points: &'static str,
    pub(crate) base_score: &'static str,
    pub(crate) adjustment: &'static str,
    pub(crate) export_xlsx: &'static str,
    pub(crate) export_docx: &'static str,
    pub(crate) no_records: &'static str,
    pub(crate) no_term: &'static str,
    pub(crate) back_to_records: &'static str,
    pub(crate) pending_entries: &'static str,
    pub(crate) open_corrections: &'static str,
    pub(crate) queue_empty: &'static str,
    pub(crate) resolution_note: &'static str,
    pub(crate) correct_by_hand: &'static str,
}

static ZH: AssessmentTexts = AssessmentTexts {
    lang: Lang::Zh,
    nav_my_performance: "我的履职",
    nav_assessments: "履职考核",
    area_nav: "履职考核栏目",
    tab_records: "履职档案",
    tab_review: "登记审核",
    tab_schemes: "考核细则",
    tab_runs: "考核",
    tab_awards: "表彰",
    tab_duty_reports: "述职评议",
    tab_appraisals: "工作评议",
    tab_publication: "信息公开",
    see_records: "查看记录",
    frozen_note: "已定档：以上是定档时的结果，此后记录的变化不再计入本次考核。",
    my_record_title: "我的履职",
    records_title: "代表履职档案",
    record_title: "履职档案",
    review_title: "履职登记与纠错审核",
    no_deputy_account: "您的账号未关联代表，没有个人履职档案。",
    f_year: "年度",
    f_name: "姓名",
    f_group: "代表小组",
    f_delegation: "代表团",
    f_constituency: "选区",
    f_post: "职务",
    f_kind: "登记类别",
    f_date: "日期",
    f_title: "标题",
    f_content: "内容",
    f_attachments: "附件",
    attachments_hint: "可选，PDF、Word、Excel、图片或文本文件",
    choose: "请选择",
    fill_required: "请填写带 * 的必填项。",
    text_required: "请填写说明。",
    all_counts: "全部统计项",
    section_empty: "本年度暂无记录。",
    ask_correction: "申请纠错",
    ask_other_correction: "反映其他错漏",
    led: "领衔",
    cosigned: "附议",
    joined: "联名",
    satisfaction: "满意率",
    no_ballots: "尚未录入测评票",
    self_declared: "履职登记",
    entries_title: "履职登记",
    new_entry: "新增履职登记",
    submit_entry: "提交审核",
    no_entries: "本年度没有履职登记。",
    rejection_reason: "未通过原因：",
    corrections_title: "纠错申请",
    no_corrections: "没有纠错申请。",
    correction_reason: "说明（哪里有误、应当如何）",
    correct_to: "应更正为",
    other_error: "其他错漏（由人大办核实更正）",
    not_recorded: "未登记",
    decision: "处理意见：",
    score_title: "我的考核得分",
    no_runs: "本年度尚无公布的考核结果。",
    not_scored: "本次考核没有您的得分。",
    whole_score: "总分",
    raise_objection: "提出异议",
    objected_item: "异议事项",
    objection_reasons: "异议理由",
    my_objections: "我的异议",
    total: "总分",
    rank: "名次",
    grade: "等次",
    item: "考核项目",
    explanation: "计分依据",
    points: "得分",
    base_score: "基础分",
    adjustment: "异议调整",
    export_xlsx: "导出 Excel",
    export_docx: "导出档案（Word）",
    no_records: "该届次没有代表。",
    no_term: "请先建立届次。",
    back_to_records: "← 返回履职档案列表",
    pending_entries: "待审核的履职登记",
    open_corrections: "待处理的纠错申请",
    queue_empty: "没有待处理事项。",
    resolution_note: "处理说明",
    correct_by_hand: "请在相关记录中手工更正，并在处理说明中写明如何更正。",
};

static EN: AssessmentTexts = AssessmentTexts {
    lang: Lang::En,
    nav_my_performance: "My performance",
    nav_assessments: "Assessments",
    area_nav: "Assessment sections",
    tab_records: "Records",
    tab_review: "Review",
    tab_schemes: "Schemes",
    tab_runs: "Runs",
    tab_awards: "Awards",
    tab_duty_reports: "Duty reports",
    tab_appraisals: "Work appraisals",
    tab_publication: "Publication",
    see_records: "See the records",
    frozen_note:
        "Frozen: this is the result as it was frozen; later changes to the record do not alter it.",
    my_record_title: "My performance",
    records_title: "Deputies' performance records",
    record_title: "Performance record",
    review_title: "Review of entries and corrections",
    no_deputy_account: "Your account is not linked to a deputy: there is no record of your own.",
    f_year: "Year",
    f_name: "Name",
    f_group: "Deputy group",
    f_delegation: "Delegation",
    f_constituency: "Constituency",
    f_post: "Post",
    f_kind: "Kind",
    f_date: "Date",
    f_title: "Title",
    f_content: "Content",
    f_attachments: "Attachments",
    attachments_hint: "Optional: PDF, Word, Excel, image or text files",
    choose: "Choose",
    fill_required: "Fill in the fields marked *.",
    text_required: "Please write the text.",
    all_counts: "All counts",
    section_empty: "Nothing recorded this year.",
    ask_correction: "Ask for a correction",
    ask_other_correction: "Report another error or omission",
    led: "Led",
    cosigned: "Co-signed",
    joined: "Joined",
    satisfaction: "Satisfaction",
    no_ballots: "No ballots entered yet",
    self_declared: "Self-declared",
    entries_title: "Self-declared entries",
    new_entry: "New entry",
    submit_entry: "Submit for review",
    no_entries: "No entries this year.",
    rejection_reason: "Reason for rejection: ",
    corrections_title: "Correction requests",
    no_corrections: "No correction requests.",
    correction_reason: "Explanation (what is wrong, what it should be)",
    correct_to: "Correct to",
    other_error: "Another error (the office checks and corrects it)",
    not_recorded: "not recorded",
    decision: "Decision: ",
    score_title: "My assessment score",
    no_runs: "No assessment results published for this year.",
    not_scored: "You have no score in this run.",
    whole_score: "The score as a whole",
    raise_objection: "Raise an objection",
    objected_item: "Item objected to",
    objection_reasons: "Reasons",
    my_objections: "My objections",
    total: "Total",
    rank: "Rank",
    grade: "Grade",
    item: "Item",
    explanation: "How it was scored",
    points: "Points",
    base_score: "Base score",
    adjustment: "Adjustment",
    export_xlsx: "Export XLSX",
    export_docx: "Record as DOCX",
    no_records: "No deputies in this term.",
    no_term: "Create a term first.",
    back_to_records: "← Back to the records",
    pending_entries: "Entries waiting for review",
    open_corrections: "Open correction requests",
    queue_empty: "Nothing to review.",
    resolution_note: "Note",
    correct_by_hand: "Correct the records by hand and say how in the note.",
};

/// The assessment strings of the current language.
#[hook]
pub fn use_at() -> &'static AssessmentTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl AssessmentTexts {
    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// The catalogue's language for this one.
    pub fn cat(&self) -> renda_openapi::Lang {
        match self.lang {
            Lang::Zh => renda_openapi::Lang::Zh,
            Lang::En => renda_openapi::Lang::En,
        }
    }

    /// A failed request as a sentence: a refusal of the catalogue (its code and params) in
    /// this language, else the general message of [`super::Texts::error_message`].
    pub fn error(&self, e: &ApiError) -> String {
        let message = e
            .problem()
            .and_then(|p| refusal(p.code(), p.params.as_ref()));
        match message {
            Some(m) => m.text(self.cat()),
            None => self.lang.texts().error_message(e),
        }
    }

    /// The period of a record.
    pub fn period(&self, from: NaiveDate, to: NaiveDate) -> String {
        if self.zh() {
            format!("统计期间：{from} 至 {to}")
        } else {
            format!("Period: {from} to {to}")
        }
    }

    /// How many correction requests are open.
    pub fn open_corrections_n(&self, n: u32) -> String {
        if self.zh() {
            format!("有 {n} 件纠错申请待人大办处理。")
        } else if n == 1 {
            "1 correction request is waiting for the office.".into()
        } else {
            format!("{n} correction requests are waiting for the office.")
        }
    }

    /// An attendance correction: the activity, what is recorded, what is asked for.
    pub fn attendance_claim(&self, activity: &str, recorded: &str, asked: &str) -> String {
        if self.zh() {
            format!("{activity}：登记为“{recorded}”，申请更正为“{asked}”")
        } else {
            format!("{activity}: recorded as “{recorded}”, asked to be “{asked}”")
        }
    }

    /// The last day of the objection window.
    pub fn objections_until(&self, d: NaiveDate) -> String {
        if self.zh() {
            format!("亮分公示中，{d} 前可提出异议。")
        } else {
            format!("Scores are published: objections until {d}.")
        }
    }

    /// The title of a sortable column's button.
    pub fn sort_by(&self, column: &str) -> String {
        if self.zh() {
            format!("按“{column}”排序")
        } else {
            format!("Sort by {column}")
        }
    }
}

/// The catalogue's message of a refusal these screens can meet, from its code and params;
/// `None` for any other (shown as [`super::Texts::error_message`] does). Built by hand
/// rather than with `Message::from_parts`: serde's decoder of the whole catalogue would
/// take the bundle over its size budget. The text is the catalogue's.
pub fn refusal(code: &str, params: Option<&serde_json::Value>) -> Option<AssessmentMessage> {
    use renda_openapi::{CorrectionStatus, CorrectionStep, EntryStatus, EntryStep};
    use renda_openapi::{ObjectionStatus, ObjectionStep};
    use AssessmentMessage as A;
    let param = |k: &str| params.and_then(|p| p.get(k)).and_then(|v| v.as_str());
    let number = |k: &str| {
        params
            .and_then(|p| p.get(k))
            .and_then(|v| v.as_u64())
            .and_then(|n| u32::try_from(n).ok())
    };
    Some(match code {
        "only_the_deputy" => A::OnlyTheDeputy,
        "no_deputy_account" => A::NoDeputyAccount,
        "reason_required" => A::ReasonRequired,
        "date_in_future" => A::DateInFuture,
        "entry_kind_inactive" => A::EntryKindInactive,
        "activity_not_correctable" => A::ActivityNotCorrectable,
        "attendance_already_recorded" => A::AttendanceAlreadyRecorded,
        "correction_status_invalid" => A::CorrectionStatusInvalid,
        "objection_window_closed" => A::ObjectionWindowClosed,
        "period_already_frozen" => A::PeriodAlreadyFrozen,
        "too_many_items" => A::TooManyItems {
            max: number("max")?,
        },
        "deputy_in_frozen_run" => A::DeputyInFrozenRun {
            runs: number("runs")?,
        },
        "entry_step_not_allowed" => A::EntryStepNotAllowed {
            state: EntryStatus::parse(param("state")?)?,
            step: EntryStep::parse(param("step")?)?,
        },
        "entry_reviewed" => A::EntryReviewed {
            state: EntryStatus::parse(param("state")?)?,
        },
        "correction_step_not_allowed" => A::CorrectionStepNotAllowed {
            state: CorrectionStatus::parse(param("state")?)?,
            step: CorrectionStep::parse(param("step")?)?,
        },
        "objection_step_not_allowed" => A::ObjectionStepNotAllowed {
            state: ObjectionStatus::parse(param("state")?)?,
            step: ObjectionStep::parse(param("step")?)?,
        },
        "unknown_item" => A::UnknownItem {
            key: param("key")?.to_string(),
        },
        "ballots_exceed_audience" => A::BallotsExceedAudience {
            audience: number("audience")?,
            ballots: number("ballots")?,
        },
        "ballots_cast_exceed_audience" => A::BallotsCastExceedAudience {
            audience: number("audience")?,
            cast: number("cast")?,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both languages have every string, and the English ones no Chinese.
    #[test]
    fn english_strings_are_english() {
        let probe = [
            EN.records_title,
            EN.no_runs,
            EN.rejection_reason,
            EN.correct_by_hand,
        ];
        for s in probe {
            assert!(
                !s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s}"
            );
        }
        assert_ne!(ZH.records_title, EN.records_title);
        assert!(EN
            .attendance_claim("Session", "absent", "on leave")
            .contains("on leave"));
    }

    /// Every refusal built by hand is the catalogue's own message: the same code and
    /// params give the same message as `Message::from_parts`, and an unknown code none.
    #[test]
    fn refusals_match_the_catalogue() {
        use renda_openapi::{CorrectionStatus, CorrectionStep, EntryStatus, EntryStep, Message};
        use renda_openapi::{ObjectionStatus, ObjectionStep};
        use AssessmentMessage as A;
        let samples = [
            A::OnlyTheDeputy,
            A::NoDeputyAccount,
            A::ReasonRequired,
            A::DateInFuture,
            A::EntryKindInactive,
            A::ActivityNotCorrectable,
            A::AttendanceAlreadyRecorded,
            A::CorrectionStatusInvalid,
            A::ObjectionWindowClosed,
            A::EntryStepNotAllowed {
                state: EntryStatus::Approved,
                step: EntryStep::Recall,
            },
            A::EntryReviewed {
                state: EntryStatus::Rejected,
            },
            A::CorrectionStepNotAllowed {
                state: CorrectionStatus::Accepted,
                step: CorrectionStep::Reject,
            },
            A::ObjectionStepNotAllowed {
                state: ObjectionStatus::Upheld,
                step: ObjectionStep::Withdraw,
            },
            A::UnknownItem { key: "k".into() },
        ];
        for m in samples {
            let wire = Message::from(m.clone());
            let params = wire.params();
            assert_eq!(
                Message::from_parts(wire.code(), params.as_ref()),
                Some(wire.clone())
            );
            assert_eq!(
                refusal(wire.code(), params.as_ref()),
                Some(m),
                "{}",
                wire.code()
            );
        }
        assert_eq!(refusal("no_such_code", None), None);
        assert_eq!(refusal("entry_reviewed", None), None);
    }
}
