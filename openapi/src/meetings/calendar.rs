//! The calendar: its query (a month or a date range) and its entries, activities and the
//! occurrences of recurring series.

use super::{ActivityKind, ActivityStatus, AttendanceStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Query of `GET /api/v1/activities` and `GET /api/v1/calendar`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CalendarQuery {
    /// Only this congress (default: every congress in the caller's scope).
    pub congress_id: Option<Uuid>,
    /// A month `YYYY-MM` in the congress's time zone; or give `from` and `to`.
    pub month: Option<String>,
    /// First date (inclusive), `YYYY-MM-DD`, in the congress's time zone.
    pub from: Option<NaiveDate>,
    /// Last date (inclusive); at most 366 days after `from`.
    pub to: Option<NaiveDate>,
    pub kind: Option<ActivityKind>,
    pub status: Option<ActivityStatus>,
    pub term_id: Option<Uuid>,
    /// Only for `GET /api/v1/activities`, instead of a range: activities whose fields or
    /// attendance changed at or after this instant, oldest change first, at most 1,000
    /// (for syncing: ask again from the last `updated_at`; the bound is inclusive, so
    /// de-duplicate by `id`). Series come as rows, not expanded.
    pub updated_since: Option<DateTime<Utc>>,
}

/// One entry of the calendar: an activity, or one occurrence of a recurring series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CalendarEntry {
    /// The activity to open: the activity itself, the occurrence taken out of a series,
    /// or (for an occurrence still in its series) the series.
    pub activity_id: Uuid,
    pub congress_id: Uuid,
    /// For occurrences: the series.
    pub series_id: Option<Uuid>,
    /// For occurrences: the start the rule gives it (pass it to
    /// `POST /api/v1/activities/{series_id}/occurrences`).
    pub occurrence_start: Option<DateTime<Utc>>,
    /// Whether this occurrence is still only the rule's (not taken out of the series).
    pub virtual_occurrence: bool,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The start's date in the congress's time zone.
    pub date: NaiveDate,
    pub place: Option<String>,
    /// For a deputy: their own attendance, when invited.
    pub my_attendance: Option<AttendanceStatus>,
}
