//! Attendance: how each invitee attended, and the batches that record it.

use super::{CredentialsFlag, LeaveRequest};
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// Attendance of one invitee: `invited → present | late | on_leave | absent`.
    AttendanceStatus {
        /// 已邀请 (not yet recorded)
        Invited = "invited" / "已邀请",
        /// 出席
        Present = "present" / "出席",
        /// 迟到 (counts as attending)
        Late = "late" / "迟到",
        /// 请假: only with leave approved before the activity started (R12; DL 13).
        OnLeave = "on_leave" / "请假",
        /// 缺席
        Absent = "absent" / "缺席",
    }
}

impl AttendanceStatus {
    /// Present or late: in the room.
    pub fn attended(self) -> bool {
        matches!(self, Self::Present | Self::Late)
    }
}

code_enum! {
    /// In what capacity an invitee attends.
    Capacity {
        /// A deputy of the activity's congress: counted for quorum and DL 62.
        Member = "member" / "代表",
        /// 列席: a deputy of another level, a department head or another guest.
        Observer = "observer" / "列席",
    }
}

/// One invitee's attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub id: Uuid,
    pub activity_id: Uuid,
    /// Absent for guests who are not deputies.
    pub deputy_id: Option<Uuid>,
    /// The deputy's or the guest's name.
    pub name: String,
    pub capacity: Capacity,
    /// For guests: organisation and post.
    pub affiliation: Option<String>,
    pub status: AttendanceStatus,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    /// The deputy's current leave request for this activity, if any.
    pub leave: Option<LeaveRequest>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// One entry of `POST /api/v1/activities/{id}/attendance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceEntry {
    /// The invited deputy; or give `attendance_id` (for guests).
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
    #[serde(default)]
    pub attendance_id: Option<Uuid>,
    /// `on_leave` only with leave approved before the start (R12; DL 13); `invited`
    /// resets a record made by mistake.
    pub status: AttendanceStatus,
    /// When they signed in (default: now, for present and late).
    #[serde(default)]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// At most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
    /// The attendance record's `version` as read (like `If-Match`): when given and the
    /// record has changed since, the entry is refused with `version_mismatch` (another
    /// clerk recorded this invitee meanwhile). Without it the entry overwrites.
    #[serde(default)]
    pub version: Option<i32>,
}

/// `POST /api/v1/activities/{id}/attendance` body: 1–1,000 entries, applied one by one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceBatch {
    pub entries: Vec<AttendanceEntry>,
}

/// The result of one entry of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceResult {
    /// 0-based index of the entry.
    pub index: usize,
    pub deputy_id: Option<Uuid>,
    pub ok: bool,
    /// The status now recorded (when `ok`).
    pub status: Option<AttendanceStatus>,
    /// Why the entry was refused (pointers like `/entries/3/status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// The answer to a batch: per-entry results, and DL 62 flags raised by it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AttendanceBatchReport {
    pub recorded: usize,
    pub failed: usize,
    pub results: Vec<AttendanceResult>,
    /// Credentials flags raised by this batch (R10; DL 62).
    pub flags_raised: Vec<CredentialsFlag>,
}
