//! Deputies' suggestions, criticisms and opinions (建议、批评和意见; issue 5): submission with
//! co-signers, review, referral to handling organisations (承办单位), deadlines, consultations
//! (面商), replies, satisfaction feedback (满意度测评), re-handling, closure and key supervision.
//!
//! States (DOMAIN.md): `draft → submitted → accepted | not_accepted | withdrawn`;
//! `accepted → referred (⇄ returned) → in_progress (→ extended) → replied → rated → closed`;
//! on dissatisfaction `rated → rehandling → replied`. Deadlines (R7; DL 51): a reply is due
//! 3 months after referral, 6 months for wide-ranging or difficult items; `overdue` and
//! `due_soon` are derived from the deadline of the current state, never stored as states.
//! Dates are `YYYY-MM-DD` in China Standard Time.

mod import;
mod items;
mod reports;
mod setup;
mod workflow;

pub use import::*;
pub use items::*;
pub use reports::*;
pub use setup::*;
pub use workflow::*;

code_enum! {
    /// What a deputy raises (代表法 DL 51: 建议、批评和意见).
    SuggestionKind {
        /// 建议
        Suggestion = "suggestion" / "建议" / "Suggestion",
        /// 批评
        Criticism = "criticism" / "批评" / "Criticism",
        /// 意见
        Opinion = "opinion" / "意见" / "Opinion",
    }
}

code_enum! {
    /// Where a suggestion is in its handling (DOMAIN.md, Workflows).
    SuggestionStatus {
        /// 草稿: visible only to its authors (lead deputy, co-signers, the user who entered it).
        Draft = "draft" / "草稿" / "Draft",
        /// 已提交
        Submitted = "submitted" / "已提交" / "Submitted",
        /// 已立案
        Accepted = "accepted" / "已立案" / "Accepted",
        /// 不予立案 (with the reason)
        NotAccepted = "not_accepted" / "不予立案" / "Not accepted",
        /// 已撤回
        Withdrawn = "withdrawn" / "已撤回" / "Withdrawn",
        /// 已交办 (or forwarded to the upper-level congress)
        Referred = "referred" / "已交办" / "Referred",
        /// 被退回 (by the lead handling organisation, outside its remit)
        Returned = "returned" / "已退回" / "Returned",
        /// 办理中
        InProgress = "in_progress" / "办理中" / "In progress",
        /// 已延期 (extension approved)
        Extended = "extended" / "已延期" / "Extended",
        /// 已答复
        Replied = "replied" / "已答复" / "Replied",
        /// 已测评
        Rated = "rated" / "已测评" / "Rated",
        /// 重新办理 (after a dissatisfied rating)
        Rehandling = "rehandling" / "重新办理" / "Re-handling",
        /// 已办结
        Closed = "closed" / "已办结" / "Closed",
    }
}

code_enum! {
    /// Why a suggestion is not accepted: the out-of-scope kinds of local practice (DOMAIN.md).
    NotAcceptedCode {
        /// 个人私事
        PersonalMatter = "personal_matter" / "属个人私事" / "A personal matter",
        /// 涉及诉讼案件
        CourtCase = "court_case" / "涉及诉讼、仲裁案件" / "A court or arbitration case",
        /// 转交他人来信
        ForwardedLetter = "forwarded_letter" / "转交他人来信" / "A letter forwarded from others",
        /// 其他 (the reason says why)
        Other = "other" / "其他" / "Other",
    }
}

code_enum! {
    /// A handling organisation's part in a referral.
    ReferralRole {
        /// 主办单位: replies to the deputy.
        Lead = "lead" / "主办",
        /// 协办单位: gives its input to the lead.
        Co = "co" / "协办",
    }
}

code_enum! {
    /// The result class of a reply (local practice).
    ResultClass {
        /// A 类: solved or adopted.
        #[serde(rename = "A")]
        A = "A" / "A类（已解决或采纳）",
        /// B 类: being solved or planned.
        #[serde(rename = "B")]
        B = "B" / "B类（正在解决或列入计划）",
        /// C 类: cannot be solved now, explained.
        #[serde(rename = "C")]
        C = "C" / "C类（因条件限制暂不能解决，已说明）",
        /// D 类: kept for reference.
        #[serde(rename = "D")]
        D = "D" / "D类（留作参考）",
    }
}

code_enum! {
    /// A signer's rating of attitude or result.
    Satisfaction {
        /// 满意
        Satisfied = "satisfied" / "满意",
        /// 基本满意
        BasicallySatisfied = "basically_satisfied" / "基本满意",
        /// 不满意
        Dissatisfied = "dissatisfied" / "不满意",
    }
}

code_enum! {
    /// How a handling organisation consulted the deputy.
    ConsultationForm {
        /// 面商
        FaceToFace = "face_to_face" / "当面商谈",
        /// 电话沟通
        Phone = "phone" / "电话沟通",
        /// 实地察看
        SiteVisit = "site_visit" / "实地察看",
        /// 座谈
        Forum = "forum" / "座谈",
        /// 其他
        Other = "other" / "其他",
    }
}

code_enum! {
    /// A day of the official calendar that departs from the week.
    CalendarDayKind {
        /// 法定节假日或调休放假
        Holiday = "holiday" / "放假",
        /// 调休上班 (a Saturday or Sunday worked)
        Workday = "workday" / "调休上班",
    }
}
