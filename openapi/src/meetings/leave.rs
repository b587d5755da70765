//! Leave requests (请假, R12; DL 13): their states, bodies and the office's queue.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// State of a leave request (请假).
    LeaveStatus {
        /// 待审批
        Pending = "pending" / "待审批",
        /// 已批准
        Approved = "approved" / "已批准",
        /// 未批准
        Rejected = "rejected" / "未批准",
        /// 已撤回
        Withdrawn = "withdrawn" / "已撤回",
    }
}

/// A leave request (请假, R12; DL 13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LeaveRequest {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub deputy_id: Uuid,
    pub reason: String,
    pub status: LeaveStatus,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

/// `POST /api/v1/activities/{id}/leave-requests` body. A deputy asks only for themself
/// (`deputy_id` is then optional); staff may record a request for any invited deputy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewLeaveRequest {
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
    /// 1–500 characters.
    pub reason: String,
}

/// Query of `GET /api/v1/leave-requests`: the office's queue of leave requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct LeaveQuery {
    pub congress_id: Option<Uuid>,
    pub deputy_id: Option<Uuid>,
    /// Default: every status.
    pub status: Option<LeaveStatus>,
    /// Only requests for activities starting on or after this instant (e.g. now, for
    /// what can still be approved).
    pub starts_after: Option<DateTime<Utc>>,
}

/// `POST /api/v1/leave-requests/{id}/decision` body (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LeaveDecision {
    pub approve: bool,
    /// At most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
}
