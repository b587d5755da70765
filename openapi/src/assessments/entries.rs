//! Self-declared entries (履职登记) and correction requests (纠错申请): what a deputy adds
//! to their record and what they ask the office to correct in it.

use super::{
    CorrectionRequestId, CorrectionStatus, EntryAttachmentId, EntryKindId, EntryStatus,
    PerformanceEntryId, RecordSection,
};
use crate::{ActivityId, AttendanceStatus, CongressId, DeputyId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A kind of self-declared entry of a congress (e.g. 为民办实事, 调解矛盾纠纷), with the
/// record section it belongs to. A scheme item may count approved entries of a kind by
/// its `code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EntryKind {
    pub id: EntryKindId,
    pub congress_id: CongressId,
    /// Stable code, `[a-z0-9_]{1,40}`, unique in the congress (e.g. `practical_deed`).
    pub code: String,
    /// 1–40 characters.
    pub name: String,
    pub section: RecordSection,
    /// Inactive kinds stay on old entries but are not offered for new ones.
    pub is_active: bool,
    pub version: i32,
}

/// `POST /api/v1/performance-entry-kinds` body; `PUT` takes the same (with `If-Match`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EntryKindInput {
    pub congress_id: CongressId,
    pub code: String,
    pub name: String,
    pub section: RecordSection,
    #[serde(default = "yes")]
    pub is_active: bool,
}

fn yes() -> bool {
    true
}

/// A self-declared performance entry: `pending → approved | rejected | recalled`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PerformanceEntry {
    pub id: PerformanceEntryId,
    pub congress_id: CongressId,
    pub deputy_id: DeputyId,
    pub deputy_name: String,
    pub kind_id: EntryKindId,
    pub kind_code: String,
    pub kind_name: String,
    pub section: RecordSection,
    /// When it happened (in the period it counts for).
    pub occurred_on: NaiveDate,
    /// 1–100 characters.
    pub title: String,
    /// Up to 5,000 characters.
    pub content: String,
    pub status: EntryStatus,
    /// The office's reason, for a rejected entry.
    pub review_note: Option<String>,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub attachments: Vec<EntryAttachment>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A file attached to an entry (PDF, DOCX, XLSX, JPG, PNG or TXT).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EntryAttachment {
    pub id: EntryAttachmentId,
    pub filename: String,
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

/// `POST /api/v1/performance-entries` body (a deputy's own; the office may enter one for a
/// deputy with `deputy_id`); `PUT /api/v1/performance-entries/{id}` takes it too, while the
/// entry is pending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    /// The deputy; default the caller's own deputy.
    #[serde(default)]
    pub deputy_id: Option<DeputyId>,
    pub kind_id: EntryKindId,
    /// Not in the future.
    pub occurred_on: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub content: String,
}

/// `POST /api/v1/performance-entries/{id}/transitions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EntryTransition {
    pub step: super::EntryStep,
    /// Required to reject (1–500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// `GET /api/v1/performance-entries` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct EntryListQuery {
    pub status: Option<EntryStatus>,
    pub deputy_id: Option<DeputyId>,
    pub congress_id: Option<CongressId>,
    /// Only entries changed after this instant (oldest change first).
    pub updated_since: Option<DateTime<Utc>>,
    /// At most 200, default 50.
    pub limit: Option<i64>,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

/// What a correction request asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CorrectionClaim {
    /// The attendance recorded for an activity is wrong (a wrong absence); or the deputy
    /// attended an activity where none is recorded (missing attendance). Accepting it
    /// records `status` as the deputy's attendance at the activity.
    Attendance {
        activity_id: ActivityId,
        /// `present`, `late` or `on_leave`.
        status: AttendanceStatus,
    },
    /// Anything else (a wrong count, a duplicate, an omission): the office corrects the
    /// records by hand and says how in its note.
    Other,
}

/// A deputy's request to correct a line of their record (错重漏).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CorrectionRequest {
    pub id: CorrectionRequestId,
    pub congress_id: CongressId,
    pub deputy_id: DeputyId,
    pub deputy_name: String,
    pub claim: CorrectionClaim,
    /// The activity's title, for an attendance claim.
    pub activity_title: Option<String>,
    /// The attendance recorded when the request was made (none: not recorded).
    pub recorded_status: Option<AttendanceStatus>,
    /// The deputy's explanation (1–1,000 characters).
    pub reason: String,
    pub status: CorrectionStatus,
    /// The office's note on accepting or rejecting.
    pub resolution_note: Option<String>,
    pub resolved_by: Option<UserId>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/correction-requests` body (the deputy's own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectionInput {
    pub claim: CorrectionClaim,
    pub reason: String,
}

/// `POST /api/v1/correction-requests/{id}/transitions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectionTransition {
    pub step: super::CorrectionStep,
    /// Required to reject; optional otherwise (1–500 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// `GET /api/v1/correction-requests` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CorrectionListQuery {
    pub status: Option<CorrectionStatus>,
    pub deputy_id: Option<DeputyId>,
    pub congress_id: Option<CongressId>,
    pub updated_since: Option<DateTime<Utc>>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// A page of `GET /api/v1/performance-entries`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EntryPage {
    pub items: Vec<PerformanceEntry>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A page of `GET /api/v1/correction-requests`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CorrectionPage {
    pub items: Vec<CorrectionRequest>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
