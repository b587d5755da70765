//! Attendance views and statistics: a deputy's activities, attendance rates, and the
//! activities held by month and kind.

use super::{ActivityKind, ActivityStatus, AttendanceStatus, Capacity, LeaveStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One activity a deputy was invited to, with their attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyActivity {
    pub activity_id: Uuid,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    pub starts_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub capacity: Capacity,
    pub attendance: AttendanceStatus,
    pub leave: Option<LeaveStatus>,
}

/// How attendance rates are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RateGrouping {
    /// One row per deputy.
    #[default]
    Deputy,
    /// One row per deputy group (the members' mandates' group in the activity's term).
    DeputyGroup,
    /// One row per term.
    Term,
}

/// Query of `GET /api/v1/attendance-rates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct RateQuery {
    pub congress_id: Option<Uuid>,
    pub term_id: Option<Uuid>,
    pub group_by: Option<RateGrouping>,
    pub kind: Option<ActivityKind>,
    /// First date (inclusive) of the activities counted.
    pub from: Option<NaiveDate>,
    /// Last date (inclusive).
    pub to: Option<NaiveDate>,
}

/// Attendance of members at held activities (held, summarised or archived), for one
/// deputy, group or term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceRate {
    /// The deputy, group or term (absent for members without a group).
    pub key: Option<Uuid>,
    pub name: String,
    pub invited: i64,
    pub present: i64,
    pub late: i64,
    pub on_leave: i64,
    pub absent: i64,
    /// Invitations never recorded.
    pub not_recorded: i64,
    /// `(present + late) / invited`, rounded to 4 decimals; absent when nobody was invited.
    pub rate: Option<f64>,
}

/// Query of `GET /api/v1/activity-counts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CountQuery {
    /// Default: every congress in the caller's scope.
    pub congress_id: Option<Uuid>,
    /// The calendar year, e.g. 2022 (months in the congress's time zone).
    pub year: i32,
}

/// Activities held in one month of one kind (held, summarised or archived), for the
/// annual work report: counts and attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ActivityCount {
    /// 1–12.
    pub month: u32,
    pub kind: ActivityKind,
    pub held: i64,
    /// Present or late, observers included, summed over the activities.
    pub attending: i64,
    /// Distinct deputies (members and observers) who attended at least one of them.
    pub deputies_attending: i64,
}
