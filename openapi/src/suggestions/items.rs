//! A suggestion and its parts (signers, referrals, consultations, replies, feedback,
//! history), what is written to create or change one, the steps of the workflow, lists.

use super::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    /// The workflow's step this action takes (its wire name is the step's code).
    pub fn step(&self) -> SuggestionStep {
        use SuggestionStep as T;
        match self {
            SuggestionAction::Submit => T::Submit,
            SuggestionAction::Withdraw { .. } => T::Withdraw,
            SuggestionAction::Accept { .. } => T::Accept,
            SuggestionAction::NotAccept { .. } => T::NotAccept,
            SuggestionAction::Refer { .. } => T::Refer,
            SuggestionAction::Forward { .. } => T::Forward,
            SuggestionAction::Return { .. } => T::Return,
            SuggestionAction::Start { .. } => T::Start,
            SuggestionAction::RequestExtension { .. } => T::RequestExtension,
            SuggestionAction::Extend { .. } => T::Extend,
            SuggestionAction::RefuseExtension { .. } => T::RefuseExtension,
            SuggestionAction::Close { .. } => T::Close,
            SuggestionAction::Supervise { .. } => T::Supervise,
            SuggestionAction::Categorise { .. } => T::Categorise,
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
