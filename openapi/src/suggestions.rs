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

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// What a deputy raises (代表法 DL 51: 建议、批评和意见).
    SuggestionKind {
        /// 建议
        Suggestion = "suggestion" / "建议",
        /// 批评
        Criticism = "criticism" / "批评",
        /// 意见
        Opinion = "opinion" / "意见",
    }
}

code_enum! {
    /// Where a suggestion is in its handling (DOMAIN.md, Workflows).
    SuggestionStatus {
        /// 草稿: visible only to its authors (lead deputy, co-signers, the user who entered it).
        Draft = "draft" / "草稿",
        /// 已提交
        Submitted = "submitted" / "已提交",
        /// 已立案
        Accepted = "accepted" / "已立案",
        /// 不予立案 (with the reason)
        NotAccepted = "not_accepted" / "不予立案",
        /// 已撤回
        Withdrawn = "withdrawn" / "已撤回",
        /// 已交办 (or forwarded to the upper-level congress)
        Referred = "referred" / "已交办",
        /// 被退回 (by the lead handling organisation, outside its remit)
        Returned = "returned" / "已退回",
        /// 办理中
        InProgress = "in_progress" / "办理中",
        /// 已延期 (extension approved)
        Extended = "extended" / "已延期",
        /// 已答复
        Replied = "replied" / "已答复",
        /// 已测评
        Rated = "rated" / "已测评",
        /// 重新办理 (after a dissatisfied rating)
        Rehandling = "rehandling" / "重新办理",
        /// 已办结
        Closed = "closed" / "已办结",
    }
}

code_enum! {
    /// Why a suggestion is not accepted: the out-of-scope kinds of local practice (DOMAIN.md).
    NotAcceptedCode {
        /// 个人私事
        PersonalMatter = "personal_matter" / "属个人私事",
        /// 涉及诉讼案件
        CourtCase = "court_case" / "涉及诉讼、仲裁案件",
        /// 转交他人来信
        ForwardedLetter = "forwarded_letter" / "转交他人来信",
        /// 其他 (the reason says why)
        Other = "other" / "其他",
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

/// A suggestion category of the taxonomy (up to three levels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionCategory {
    pub id: Uuid,
    /// The congress that keeps it; its congresses below use it too.
    pub congress_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// 1, 2 or 3.
    pub level: i32,
    pub name: String,
    /// The names from level 1 down, joined with ` / ` (e.g. `城乡建设 / 安全生产 / 事故处理`).
    pub path: String,
    pub is_active: bool,
}

/// `POST /api/v1/suggestion-categories` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuggestionCategory {
    pub congress_id: Uuid,
    /// None for a level-1 category; else a category of levels 1–2 of the same congress.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// 1–50 characters.
    pub name: String,
}

/// `GET /api/v1/suggestion-categories` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CategoryQuery {
    /// The categories usable in this congress (its own and those of the congresses above
    /// it); default: the caller's congress.
    pub congress_id: Option<Uuid>,
    /// Only this level (1–3).
    pub level: Option<i32>,
}

/// The outcome of a taxonomy import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CategoryImportReport {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Categories created, per level 1, 2 and 3.
    pub created: [usize; 3],
    /// Categories that existed already, per level.
    pub existing: [usize; 3],
    /// Rows skipped, with the reason (row numbers as in the spreadsheet, from 1).
    pub skipped: Vec<crate::FieldError>,
}

/// A handling organisation (承办单位).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct HandlingOrg {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    pub version: i32,
}

/// `POST /api/v1/handling-orgs` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewHandlingOrg {
    pub congress_id: Uuid,
    /// 1–100 characters, unique in the congress.
    pub name: String,
}

/// `POST /api/v1/handling-orgs/{id}/users` body: a login of role `handling_org` that acts
/// for this organisation only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewHandlingOrgUser {
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
}

/// Local-practice limits of one congress (DOMAIN.md defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionSettings {
    /// Working days from submission to referral (default 7; 1–60).
    pub referral_working_days: i32,
    /// Working days after referral in which an organisation may return an item (default 7; 1–60).
    pub return_working_days: i32,
    /// Months for a new reply after a dissatisfied rating (default 1; 1–6).
    pub rehandling_months: i32,
    /// Days before a deadline from which an item is `due_soon` (default 7; 1–90).
    pub due_soon_days: i32,
    /// How many times a dissatisfied rating sends an item back automatically (default 1;
    /// 0–5). Past that, the item stays `rated` and the office closes it.
    pub max_rehandling_rounds: i32,
    /// Calendar months after referral within which a co-handler gives its input to the
    /// lead organisation (default 1; 1–3; local practice, DOMAIN.md). Omitted: 1.
    #[serde(default = "default_co_input_months")]
    pub co_input_months: i32,
}

fn default_co_input_months() -> i32 {
    1
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        SuggestionSettings {
            referral_working_days: 7,
            return_working_days: 7,
            rehandling_months: 1,
            due_soon_days: 7,
            max_rehandling_rounds: 1,
            co_input_months: default_co_input_months(),
        }
    }
}

/// One day of the official calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: CalendarDayKind,
    /// e.g. `国庆节`, `国庆节调休上班`; at most 50 characters.
    #[serde(default)]
    pub name: String,
}

/// `PUT /api/v1/working-calendar/{year}` body and `GET` answer: the year's holidays and
/// adjusted working days (the State Council's notice). Days not listed follow the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingCalendar {
    pub days: Vec<CalendarDay>,
}

/// A signer of a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Signer {
    pub deputy_id: Uuid,
    pub name: String,
    /// `lead` (领衔代表) or `co` (附议代表).
    pub role: ReferralRole,
    /// When they confirmed; the lead confirms by creating. Null: not yet.
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// A referral to one handling organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Referral {
    pub id: Uuid,
    pub handling_org_id: Uuid,
    pub handling_org_name: String,
    pub role: ReferralRole,
    pub referred_on: NaiveDate,
    /// Last day the organisation may return the item: `return_working_days` working days
    /// after `referred_on` (public holidays and adjusted working days counted). The lead
    /// returns only while the item is `referred`; a co-handler also while it is
    /// `in_progress` or `extended`, not once replied.
    pub return_due: NaiveDate,
    pub returned_at: Option<DateTime<Utc>>,
    pub return_reason: Option<String>,
    /// For a co-handler (`co`): the last day to give its input to the lead organisation,
    /// `co_input_months` (default 1) calendar months after `referred_on`, a day missing in
    /// the target month giving its last day like the reply deadline (31 January → 28
    /// February, 29 in a leap year). Null for the lead.
    pub input_due: Option<NaiveDate>,
    /// For a co-handler: when it sent its input (its first reply sent since this
    /// referral); null while it has not. Null for the lead.
    pub input_sent_at: Option<DateTime<Utc>>,
}

/// A consultation with the deputy (面商).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Consultation {
    pub id: Uuid,
    pub handling_org_id: Option<Uuid>,
    pub form: ConsultationForm,
    pub held_on: NaiveDate,
    /// The round of handling in which it was recorded (1, then 2 and up in re-handling).
    /// The lead organisation's reply needs one of its own consultations of the current
    /// round held on or after `Suggestion.round_started_on` (R7; DL 51).
    pub round: i32,
    /// Who met the deputy (names and posts).
    pub met_by: String,
    pub notes: Option<String>,
}

/// `POST /api/v1/suggestions/{id}/consultations` body (a referred handling organisation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConsultation {
    pub form: ConsultationForm,
    /// Not in the future.
    pub held_on: NaiveDate,
    /// 1–200 characters.
    pub met_by: String,
    /// At most 2,000 characters.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A reply of one handling organisation. Drafts are seen only by their organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Reply {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    /// Null for a reply the office recorded for an item forwarded to the upper level.
    pub handling_org_id: Option<Uuid>,
    /// 1 for the first handling, 2 and up for re-handling.
    pub round: i32,
    pub result_class: ResultClass,
    pub body: String,
    /// `draft` or `sent`.
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// `POST /api/v1/suggestions/{id}/replies` and `PUT /api/v1/replies/{id}` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplyInput {
    pub result_class: ResultClass,
    /// 1–20,000 characters.
    pub body: String,
}

/// One signer's rating of one round of replies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub deputy_id: Uuid,
    pub round: i32,
    pub attitude: Satisfaction,
    pub result: Satisfaction,
    pub comment: Option<String>,
    pub rated_at: DateTime<Utc>,
}

/// `POST /api/v1/suggestions/{id}/feedback` body (a signer, once per round).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    /// 办理态度
    pub attitude: Satisfaction,
    /// 办理结果
    pub result: Satisfaction,
    /// At most 2,000 characters.
    #[serde(default)]
    pub comment: Option<String>,
}

/// A recorded transition: who, when, from, to and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionEvent {
    pub id: Uuid,
    /// Null when the item was created.
    pub from_status: Option<SuggestionStatus>,
    pub to_status: SuggestionStatus,
    /// What was done: `create`, `submit`, `accept`, `refer`, `send_reply`, `rate`, …
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// A suggestion with what the caller may see of its handling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub kind: SuggestionKind,
    pub title: String,
    pub content: String,
    pub category_id: Option<Uuid>,
    /// The category's path (`城乡建设 / 安全生产 / 事故处理`).
    pub category_path: Option<String>,
    /// The session during which it was raised; null between sessions.
    pub session_activity_id: Option<Uuid>,
    /// The lead deputy; null only for an imported item whose proposer is no deputy of the
    /// congress (a body, or a person not in the registry: see `imported.proposer`).
    pub lead_deputy_id: Option<Uuid>,
    pub signers: Vec<Signer>,
    pub status: SuggestionStatus,
    pub not_accepted_code: Option<NotAcceptedCode>,
    pub not_accepted_reason: Option<String>,
    /// 内容复杂、涉及面广: the reply is due 6 months after referral instead of 3 (R7; DL 51).
    pub wide_ranging: bool,
    /// 重点督办: under the presidium's key supervision.
    pub is_key: bool,
    /// The upper-level congress the item was forwarded to, and that system's reference.
    pub forwarded_to: Option<String>,
    pub external_reference: Option<String>,
    /// 1 for the first handling; 2 and up after re-handling.
    pub round: i32,
    /// The day the current round began: `referred_on` in round 1 (the latest referral, after
    /// a return), the day re-handling began in later rounds. Before the lead organisation
    /// sends its reply it must record a consultation with the deputy (面商) held on or after
    /// this day in this round (R7; DL 51), unless the item was forwarded to the upper-level
    /// congress or has no signers (an imported item).
    pub round_started_on: Option<NaiveDate>,
    pub submitted_on: Option<NaiveDate>,
    /// Referral due: `referral_working_days` working days after submission.
    pub referral_due: Option<NaiveDate>,
    pub referred_on: Option<NaiveDate>,
    /// Reply due: `referred_on` plus 3 months (6 if wide-ranging) plus any extension, by
    /// calendar months; a day missing in the target month gives its last day (Jan 31 +
    /// 3 months = Apr 30).
    pub reply_due: Option<NaiveDate>,
    /// Months of extension granted (at most 3).
    pub extension_months: i32,
    /// The lead organisation's pending request for an extension (`request_extension`),
    /// until the office approves it (`extend`) or refuses it (`refuse_extension`), or the
    /// lead sends its reply. Null when none is pending.
    pub extension_request: Option<ExtensionRequest>,
    /// New reply due after a dissatisfied rating.
    pub rehandling_due: Option<NaiveDate>,
    /// The deadline of the current state (referral, reply or re-handling), if any.
    pub due_on: Option<NaiveDate>,
    /// Derived: `due_on` is before today.
    pub overdue: bool,
    /// Derived: not overdue and `due_on` within `due_soon_days` from today.
    pub due_soon: bool,
    pub closed_on: Option<NaiveDate>,
    pub referrals: Vec<Referral>,
    /// Sent replies, and the caller's own organisation's drafts.
    pub replies: Vec<Reply>,
    pub consultations: Vec<Consultation>,
    pub feedback: Vec<Feedback>,
    /// `entered` through the API, or `imported` from a file.
    pub origin: SuggestionOrigin,
    /// What an imported item keeps of its file; null for entered items.
    pub imported: Option<ImportedFrom>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A lead organisation's request for more time to reply (local practice, DOMAIN.md: an
/// extension of up to 3 more months in all, with approval).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ExtensionRequest {
    /// 1–3; with the months already granted, at most 3 in all.
    pub months: i32,
    pub reason: String,
    /// The lead handling organisation that asked.
    pub requested_by_org_id: Uuid,
    pub requested_at: DateTime<Utc>,
}

code_enum! {
    /// Where a suggestion came from.
    SuggestionOrigin {
        /// 录入: created through the API by a deputy or the office.
        Entered = "entered" / "录入",
        /// 导入: imported from a file (`POST /api/v1/suggestions/import`).
        Imported = "imported" / "导入",
    }
}

/// What an imported suggestion keeps of its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportedFrom {
    /// The file's own number of the item (提案号, e.g. `0001`); with `year`, the key that
    /// makes a re-import change nothing.
    pub reference: String,
    /// The year the number belongs to: the file's year column, else the year submitted.
    pub year: Option<i32>,
    /// The proposer as the file writes it (`冯少东等2人`, `民盟江苏省委`).
    pub proposer: Option<String>,
    /// The file's category as written, mapped or not.
    pub category: Option<String>,
    pub imported_at: DateTime<Utc>,
}

/// `POST /api/v1/suggestions` body, and `PUT /api/v1/suggestions/{id}` for drafts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuggestionInput {
    /// The lead deputy (领衔代表). A deputy creating their own may omit it; office staff
    /// entering one on a deputy's behalf name the deputy. Ignored on update.
    #[serde(default)]
    pub lead_deputy_id: Option<Uuid>,
    pub kind: SuggestionKind,
    /// 1–200 characters.
    pub title: String,
    /// Up to 20,000 characters; required (non-empty) to submit.
    #[serde(default)]
    pub content: String,
    /// A category usable in the lead deputy's congress; required to submit.
    #[serde(default)]
    pub category_id: Option<Uuid>,
    /// The session (an activity of kind `session`) during which it is raised.
    #[serde(default)]
    pub session_activity_id: Option<Uuid>,
    /// Co-signers (附议代表): deputies of the same congress, each of whom must confirm
    /// before the item can be submitted. At most 50.
    #[serde(default)]
    pub co_signer_ids: Vec<Uuid>,
}

/// `POST /api/v1/suggestions/{id}/transitions` body: one step of the workflow, named by
/// `action`. Who may take which step, and from which state:
///
/// | action | by | from → to |
/// |---|---|---|
/// | `submit` | lead deputy or the user who entered it | draft → submitted |
/// | `withdraw` | lead deputy or the user who entered it | draft, submitted, accepted → withdrawn |
/// | `accept` | office | submitted → accepted |
/// | `not_accept` | office | submitted → not_accepted |
/// | `refer` | office | accepted, returned → referred |
/// | `forward` | office | accepted, returned → referred (to the upper-level congress) |
/// | `return` | referred organisation, until its referral's `return_due` (else 409 `return_period_over`) | lead: referred → returned; co-handler: referred, in_progress, extended (no change of state; its part ends) |
/// | `start` | lead organisation (office for forwarded items) | referred → in_progress |
/// | `request_extension` | lead organisation | in_progress, extended (no change of state; pending until decided) |
/// | `extend` | office, approving the pending request if any (or on its own motion) | in_progress, extended → extended |
/// | `refuse_extension` | office, when a request is pending | in_progress, extended (no change of state) |
/// | `close` | office | rated → closed; replied → closed for an imported item without signers (nobody can rate it) |
/// | `supervise` | office, presidium | any submitted state (no change of state) |
///
/// Replies move `in_progress`, `extended` and `rehandling` to `replied`; ratings move
/// `replied` to `rated` and, on dissatisfaction, to `rehandling`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum SuggestionAction {
    Submit,
    Withdraw {
        #[serde(default)]
        note: Option<String>,
    },
    Accept {
        /// Mark as wide-ranging or difficult: reply due in 6 months (R7; DL 51).
        #[serde(default)]
        wide_ranging: bool,
        #[serde(default)]
        note: Option<String>,
    },
    NotAccept {
        code: NotAcceptedCode,
        /// 1–500 characters, shown to the deputy.
        reason: String,
    },
    Refer {
        lead_org_id: Uuid,
        #[serde(default)]
        co_org_ids: Vec<Uuid>,
        /// Overrides the `wide_ranging` mark given at acceptance.
        #[serde(default)]
        wide_ranging: Option<bool>,
        /// The referral date (default today); not in the future nor before submission.
        #[serde(default)]
        referred_on: Option<NaiveDate>,
        #[serde(default)]
        note: Option<String>,
    },
    Forward {
        /// The upper-level congress, e.g. `某某区人大常委会`; 1–100 characters.
        forwarded_to: String,
        /// The other system's reference number; 1–100 characters.
        external_reference: String,
        #[serde(default)]
        referred_on: Option<NaiveDate>,
        #[serde(default)]
        wide_ranging: Option<bool>,
    },
    Return {
        /// Why the item is outside the organisation's remit; 1–500 characters.
        reason: String,
    },
    Start {
        #[serde(default)]
        note: Option<String>,
    },
    /// The lead handling organisation asks the office for more time to reply. One request
    /// may be pending at a time; with the months already granted it may not exceed 3.
    RequestExtension {
        /// 1–3.
        months: i32,
        /// Why more time is needed; 1–500 characters.
        reason: String,
    },
    /// The office grants an extension; a pending request is thereby approved (the months
    /// granted may differ from those asked) and cleared.
    Extend {
        /// 1–3; the extensions of an item add up to at most 3 months.
        months: i32,
        /// The approval and why; 1–500 characters.
        reason: String,
    },
    /// The office refuses the pending extension request; the deadline stays.
    RefuseExtension {
        /// Why; 1–500 characters, recorded in the history.
        reason: String,
    },
    Close {
        #[serde(default)]
        note: Option<String>,
    },
    Supervise {
        /// Put under (true) or take out of (false) key supervision (重点督办).
        is_key: bool,
        #[serde(default)]
        note: Option<String>,
    },
    /// The office sets or corrects the category of a submitted item (drafts are edited by
    /// their authors), e.g. for an imported item whose category did not map.
    Categorise {
        /// An active category of the item's congress or a congress above it.
        category_id: Uuid,
        #[serde(default)]
        note: Option<String>,
    },
}

impl SuggestionAction {
    /// The wire name of the action.
    pub fn name(&self) -> &'static str {
        match self {
            SuggestionAction::Submit => "submit",
            SuggestionAction::Withdraw { .. } => "withdraw",
            SuggestionAction::Accept { .. } => "accept",
            SuggestionAction::NotAccept { .. } => "not_accept",
            SuggestionAction::Refer { .. } => "refer",
            SuggestionAction::Forward { .. } => "forward",
            SuggestionAction::Return { .. } => "return",
            SuggestionAction::Start { .. } => "start",
            SuggestionAction::RequestExtension { .. } => "request_extension",
            SuggestionAction::Extend { .. } => "extend",
            SuggestionAction::RefuseExtension { .. } => "refuse_extension",
            SuggestionAction::Close { .. } => "close",
            SuggestionAction::Supervise { .. } => "supervise",
            SuggestionAction::Categorise { .. } => "categorise",
        }
    }
}

code_enum! {
    /// The order of `GET /api/v1/suggestions` (keyset on the item's id, which follows
    /// creation: imported items take the id of their import, so they come before items
    /// entered after it).
    SuggestionOrder {
        /// Creation order, oldest first (id ascending): the default.
        Oldest = "oldest" / "最早在前",
        /// Newest first (id descending), e.g. the office's latest submissions after a large
        /// import of old items.
        Newest = "newest" / "最新在前",
    }
}

/// `GET /api/v1/suggestions` parameters. Results are in creation order (id; newest first
/// with `order=newest`), `limit` at a time (default 50, at most 200); pass the answer's
/// `next_cursor` as `cursor` for more.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SuggestionQuery {
    pub congress_id: Option<Uuid>,
    pub status: Option<SuggestionStatus>,
    pub kind: Option<SuggestionKind>,
    /// Items of this category or of the categories below it.
    pub category_id: Option<Uuid>,
    /// Items referred (actively) to this organisation.
    pub handling_org_id: Option<Uuid>,
    /// Items where this deputy signed (lead or co-signer).
    pub deputy_id: Option<Uuid>,
    pub is_key: Option<bool>,
    /// true: only items past their current deadline; false: only those that are not.
    pub overdue: Option<bool>,
    /// true: only items whose deadline is within `due_soon_days` (and not past).
    pub due_soon: Option<bool>,
    pub limit: Option<i64>,
    /// The answer's `next_cursor`: the next page continues after this item in `order`
    /// (ids above it for `oldest`, below it for `newest`).
    pub cursor: Option<Uuid>,
    /// `oldest` (default: creation order, id ascending) or `newest` (id descending). Not
    /// with `updated_since`, which has its own order: `newest` with it is 422 on `?order`.
    #[cfg_attr(feature = "schema", param(inline))]
    pub order: Option<SuggestionOrder>,
    /// For syncing: only items changed (any step, consultation, reply or rating) at or
    /// after this instant, in (`updated_at`, `id`) order. For the next page send the last
    /// item's `updated_at` as `updated_since` and the answer's `next_cursor` (its id) as
    /// `cursor`; items sharing one instant are then never skipped nor repeated.
    pub updated_since: Option<DateTime<Utc>>,
}

/// A page of suggestions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionPage {
    pub items: Vec<Suggestion>,
    pub next_cursor: Option<Uuid>,
}

/// `GET /api/v1/suggestion-report` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// Only this congress (default: every congress in the caller's scope).
    pub congress_id: Option<Uuid>,
    /// Items submitted on or after this date (default: 1 January of this year).
    pub from: Option<NaiveDate>,
    /// Items submitted on or before this date (default: today).
    pub to: Option<NaiveDate>,
    /// `json` (default) or `xlsx` (sheets 按承办单位 and 按分类).
    pub format: Option<String>,
}

/// Satisfaction with the result of the latest round, over every signer's rating.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SatisfactionCounts {
    pub satisfied: usize,
    pub basically_satisfied: usize,
    pub dissatisfied: usize,
    /// (satisfied + basically satisfied) / ratings, 0–1; null without ratings.
    pub satisfaction_rate: Option<f64>,
}

/// One handling organisation in the handling report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OrgReportRow {
    pub handling_org_id: Uuid,
    pub name: String,
    /// Items referred to it as lead (主办), not returned.
    pub received_as_lead: usize,
    /// Items referred to it as co-handler (协办), not returned.
    pub received_as_co: usize,
    /// Lead items it replied to.
    pub replied: usize,
    /// Of those, the first reply sent on or before the reply due date.
    pub replied_on_time: usize,
    /// Of those, the first reply sent after the reply due date.
    pub replied_late: usize,
    /// Lead items not replied to and past their deadline today.
    pub overdue: usize,
    /// Result classes of its latest reply per item: `[A, B, C, D]`.
    pub result_classes: [usize; 4],
    pub satisfaction: SatisfactionCounts,
}

/// One level-1 category in the handling report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CategoryReportRow {
    /// Null for items without a category.
    pub category_id: Option<Uuid>,
    /// The level-1 name, or `未分类`.
    pub name: String,
    pub submitted: usize,
    pub not_accepted: usize,
    pub withdrawn: usize,
    /// Accepted and not (yet) replied.
    pub in_handling: usize,
    /// Replied, rated or re-handled, not closed.
    pub replied: usize,
    pub closed: usize,
    pub satisfaction: SatisfactionCounts,
}

/// The handling report (办理情况报告; R8, DL 51–52): items submitted in a period, by
/// handling organisation and by level-1 category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Items submitted in the period (drafts never count).
    pub submitted: usize,
    pub by_org: Vec<OrgReportRow>,
    pub by_category: Vec<CategoryReportRow>,
}

code_enum! {
    /// What a deadline reminder says.
    ReminderKind {
        /// The deadline is within the congress's `due_soon_days`.
        DueSoon = "due_soon" / "即将到期",
        /// The deadline has passed.
        Overdue = "overdue" / "已逾期",
        /// A co-handler's input to the lead (`Referral.input_due`) is due within
        /// `due_soon_days` and not yet sent: to that co-handler only.
        InputDueSoon = "input_due_soon" / "协办意见即将到期",
        /// A co-handler's input is past `Referral.input_due` and not yet sent: to that
        /// co-handler only.
        InputOverdue = "input_overdue" / "协办意见已逾期",
    }
}

/// A reminder of a deadline (issue 5 item 3), in the inbox of a handling organisation (the
/// reply or re-handling due; for a co-handler also its input to the lead) or of the
/// congress office (`recipient_org_id` null: every deadline of an item, referral included;
/// not the co-handlers' input). The sweep writes one per suggestion, kind, deadline and
/// recipient, however often it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Reminder {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub congress_id: Uuid,
    pub title: String,
    /// The suggestion's state now.
    pub status: SuggestionStatus,
    pub kind: ReminderKind,
    /// The deadline reminded of.
    pub due_on: NaiveDate,
    pub recipient_org_id: Option<Uuid>,
    pub recipient_org_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/reminders` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct ReminderQuery {
    /// true: only unread ones.
    pub unread: Option<bool>,
}

/// What a reminder sweep did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SweepReport {
    /// The day the sweep counted from (China Standard Time).
    pub today: NaiveDate,
    /// Suggestions with a deadline overdue or due soon.
    pub due: i64,
    /// Co-handlers' inputs overdue or due soon and not yet sent (one per co-handler and
    /// item, before the lead organisation's reply).
    pub co_inputs_due: i64,
    /// Reminders newly written (0 when the sweep already ran for these deadlines).
    pub written: i64,
}

/// A replied item as the public sees it (R8; DL 51, 52: the handling is made public):
/// no deputy, no consultation, no individual rating; runs of 7 or more digits (phone and
/// ID-card numbers) in the texts are masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicSuggestion {
    pub id: Uuid,
    pub kind: SuggestionKind,
    pub title: String,
    pub content: String,
    pub category_path: Option<String>,
    pub status: SuggestionStatus,
    pub submitted_on: Option<NaiveDate>,
    /// The organisations it was referred to (lead first).
    pub handling_orgs: Vec<String>,
    pub replies: Vec<PublicReply>,
    pub closed_on: Option<NaiveDate>,
}

/// A sent reply as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicReply {
    /// Null for a reply from the upper-level congress, recorded by the office.
    pub handling_org_name: Option<String>,
    pub round: i32,
    pub result_class: ResultClass,
    pub body: String,
    pub sent_on: Option<NaiveDate>,
}

/// `GET /api/v1/public/suggestions` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct PublicQuery {
    /// The congress whose replied items to list.
    pub congress_id: Uuid,
    /// 1–100, default 20.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// A page of the public list, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicPage {
    pub items: Vec<PublicSuggestion>,
    pub next_cursor: Option<Uuid>,
}

/// A file attached to a suggestion (by its authors while a draft, or by the office) or to
/// a reply (by the replying organisation while the reply is a draft). Attachments of a
/// reply draft are seen only by its organisation, like the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionAttachment {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    /// The reply it belongs to; null for the suggestion's own attachments.
    pub reply_id: Option<Uuid>,
    /// The name given at upload (cleaned of path parts); never used as a path.
    pub file_name: String,
    /// One of PDF, DOCX, XLSX, JPEG, PNG, plain text.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

/// `POST /api/v1/suggestions/{id}/attachments` parameters (the body is the file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct AttachmentUpload {
    /// The file's name, e.g. `现场照片.jpg` (its extension decides the allowed type).
    pub filename: String,
    /// Attach to this reply draft of the caller's organisation instead of the suggestion.
    pub reply_id: Option<Uuid>,
}

/// Masks personal numbers in a text for the public: in every run of 7 or more ASCII digits
/// (with a trailing `X`/`x` as in ID-card numbers), all but the first 3 and last 2
/// characters become `*` (`13812345678` → `138******78`).
pub fn mask_personal_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && matches!(chars[i], 'X' | 'x') && i - start == 17 {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() >= 7 {
                for (k, c) in run.iter().enumerate() {
                    out.push(if k < 3 || k >= run.len() - 2 { *c } else { '*' });
                }
            } else {
                out.extend(run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mask_personal_numbers;

    #[test]
    fn phone_and_id_numbers_are_masked_short_numbers_kept() {
        assert_eq!(
            mask_personal_numbers("联系电话13812345678。"),
            "联系电话138******78。"
        );
        assert_eq!(
            mask_personal_numbers("身份证11010519491231002X"),
            "身份证110*************2X"
        );
        assert_eq!(
            mask_personal_numbers("2019年修路 3 公里，投资 120 万元"),
            "2019年修路 3 公里，投资 120 万元"
        );
        assert_eq!(mask_personal_numbers("1234567"), "123**67");
    }
}

/// Query of `POST /api/v1/suggestions/import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SuggestionImportQuery {
    /// The congress the items belong to (default: the caller's).
    #[serde(default)]
    pub congress_id: Option<Uuid>,
    /// Report what would happen and change nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
    /// Apply nothing if any row fails; the failing rows come back as a 422 problem
    /// (default false: valid rows are applied, failing rows reported).
    #[serde(default)]
    pub all_or_nothing: bool,
    /// `all` (default) or `problems`: which rows the report lists.
    #[serde(default)]
    pub rows: Option<String>,
}

code_enum! {
    /// How the proposer of an imported row relates to the deputies of the congress.
    /// Proposers are never created as deputies.
    ProposerMatch {
        /// The only deputy of the congress with this name: linked as the lead deputy.
        Matched = "matched" / "已对应代表",
        /// No deputy of the congress has this name: kept as text, no lead deputy.
        Unmatched = "unmatched" / "未找到对应代表",
        /// Several deputies share the name: none is guessed, kept as text.
        Ambiguous = "ambiguous" / "同名代表不止一人",
        /// A body (a committee, a party organisation …), not a person: no deputy.
        Body = "body" / "单位，非代表",
    }
}

/// The proposer of an imported row and the deputy it matched, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportedProposer {
    /// As the file writes it (`冯少东等2人`).
    pub written: String,
    /// The name read from it (`冯少东`), or the body's name.
    pub name: String,
    #[serde(rename = "match")]
    pub matched: ProposerMatch,
    /// The deputy matched (`matched` only).
    pub deputy_id: Option<Uuid>,
    /// The namesakes (`ambiguous` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Uuid>,
    /// Proposers the file counts but does not name (`等3人` → 2): not linked to anyone.
    pub unnamed_others: u32,
}

code_enum! {
    /// How the file's category of a row was placed in the configured taxonomy.
    CategoryMapping {
        /// A configured category has this name or path.
        SameName = "same_name" / "同名分类",
        /// The documented mapping table names a configured category for it.
        MappingTable = "mapping_table" / "对照表",
        /// No configured category corresponds: the item has no category (a warning).
        Unmapped = "unmapped" / "未对应",
    }
}

/// The file's category of a row and where it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportedCategory {
    /// As the file writes it.
    pub written: String,
    pub mapped_by: CategoryMapping,
    pub category_id: Option<Uuid>,
    /// The configured category's path (`教育文体 / 文化`).
    pub path: Option<String>,
}

/// The result of one data row of a suggestions import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportRow {
    /// Row number as the file shows it (1-based, header and title rows counted; a CSV
    /// record spanning several lines is numbered by its first line); for JSON, the
    /// 1-based index in the array.
    pub row: u32,
    /// `create` (a new item), `unchanged` (an item with this reference and year was
    /// imported before; nothing is written), or `error`.
    pub outcome: crate::RowOutcome,
    /// The file's number of the item (提案号).
    pub reference: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    /// The item created, or imported before (in a dry run, imported before only).
    pub suggestion_id: Option<Uuid>,
    /// Each proposer the row names, the first being the lead (`张三、李四` names two;
    /// `冯少东等2人` names one and counts one more).
    pub proposers: Vec<ImportedProposer>,
    pub category: Option<ImportedCategory>,
    /// For `unchanged`: fields where the file now differs from the stored item. The
    /// stored item is kept (it may be in handling already).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::CellMessage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::CellMessage>,
}

/// Counts over all rows of a suggestions import. The proposer counts are of the names the
/// rows without errors give (one per row in a file that names one proposer per row); the
/// category counts are of those rows and add up to `create + unchanged`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportSummary {
    pub rows: u32,
    pub create: u32,
    pub unchanged: u32,
    pub error: u32,
    /// Rows that carry at least one warning.
    pub with_warnings: u32,
    pub proposers_matched: u32,
    pub proposers_unmatched: u32,
    pub proposers_ambiguous: u32,
    pub proposers_bodies: u32,
    /// Rows whose proposer is `X等N人`: N−1 further proposers are not named.
    pub proposers_with_unnamed_others: u32,
    pub categories_mapped: u32,
    pub categories_unmapped: u32,
    /// Rows without a category cell.
    pub categories_missing: u32,
}

/// The report of `POST /api/v1/suggestions/import`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionImportReport {
    /// True when nothing was written.
    pub dry_run: bool,
    /// True when the valid rows were written.
    pub applied: bool,
    /// `csv`, `xlsx` or `json`.
    pub format: String,
    /// The header as read, with the field each column maps to (`案由 → title`).
    pub columns: Vec<String>,
    /// Messages about the whole file (ignored columns, title rows skipped, encoding).
    pub file_warnings: Vec<crate::CellMessage>,
    /// The file's categories and where each went (`教育事业 → 教育文体 (对照表)`).
    pub category_mapping: Vec<String>,
    pub summary: SuggestionImportSummary,
    /// One entry per data row in file order (or only those with errors or warnings when
    /// `rows=problems`), until the report reaches its size bound
    /// (`IMPORT_MAX_REPORT_BYTES`): then `truncated` is true and `rows_omitted` counts the
    /// rows left out. `summary` always counts every row.
    pub rows: Vec<SuggestionImportRow>,
    /// True when rows were left out of `rows` to keep the report within its bound.
    #[serde(default)]
    pub truncated: bool,
    /// Rows the report would have listed but left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rows_omitted: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
