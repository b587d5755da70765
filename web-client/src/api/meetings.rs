//! Calls of the meetings area (`/api/v1/activities`, `/calendar`, attendance, leave,
//! quorum, rates): the calendar and attendance screens use these.

use super::{get, send_json, ApiError};
use renda_openapi::{
    Activity, ActivityInput, ActivityTransition, Attendance, AttendanceBatch, AttendanceRate,
    AttendanceResult, CalendarQuery, DeputyActivity, InvitationReport, InvitationRequest,
    LeaveDecision, LeaveRequest, NewActivity, NewLeaveRequest, OccurrenceRequest, RateQuery,
};
use serde::{de::IgnoredAny, Deserialize};
use uuid::Uuid;

/// What the calendar reads of an entry (not the congress or the end): a smaller decoder than
/// `renda_openapi::CalendarEntry`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CalendarEntry {
    /// The activity.
    pub activity_id: Uuid,
    /// The kind.
    pub kind: renda_openapi::ActivityKind,
    /// The title.
    pub title: String,
    /// The day, in the congress's time zone.
    pub date: chrono::NaiveDate,
    /// The series of a recurring activity.
    pub series_id: Option<Uuid>,
    /// The start of the occurrence of a series.
    pub occurrence_start: Option<chrono::DateTime<chrono::Utc>>,
    /// An occurrence not yet taken out of its series.
    pub virtual_occurrence: bool,
    /// The status.
    pub status: renda_openapi::ActivityStatus,
    /// The start.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// The end.
    pub ends_at: chrono::DateTime<chrono::Utc>,
    /// The place.
    pub place: Option<String>,
    /// The user's own attendance, for a deputy.
    pub my_attendance: Option<renda_openapi::AttendanceStatus>,
}

impl CalendarEntry {
    /// Whether the entry is held on `day` (Beijing dates): from its start's day to the day
    /// of its last minute, so that a two-day session shows on both days.
    pub fn covers(&self, day: chrono::NaiveDate) -> bool {
        let last = crate::i18n::meetings::beijing(&(self.ends_at - chrono::Duration::minutes(1)))
            .date()
            .max(self.date);
        day >= self.date && day <= last
    }
}

/// The calendar of a month or range: activities and occurrences of recurring series.
pub async fn calendar(q: &CalendarQuery) -> Result<Vec<CalendarEntry>, ApiError> {
    get(&format!("/calendar{}", super::query_string(q))).await
}

/// One activity with its attendance counts.
pub async fn activity(id: Uuid) -> Result<Activity, ApiError> {
    get(&format!("/activities/{id}")).await
}

/// Creates an activity; the idempotency key makes a retried submit create one only.
pub async fn create_activity(
    new: &NewActivity,
    idempotency_key: &str,
) -> Result<Activity, ApiError> {
    send_json(
        "POST",
        "/activities",
        new,
        vec![("Idempotency-Key", idempotency_key.to_string())],
    )
    .await
}

/// Replaces an activity's fields; `version` is the one read (412 when stale).
pub async fn update_activity(
    id: Uuid,
    version: i32,
    input: &ActivityInput,
) -> Result<Activity, ApiError> {
    send_json(
        "PUT",
        &format!("/activities/{id}"),
        input,
        vec![("If-Match", format!("\"{version}\""))],
    )
    .await
}

/// Moves an activity along its lifecycle (409 when not allowed from its state).
pub async fn change_status(id: Uuid, t: &ActivityTransition) -> Result<Activity, ApiError> {
    send_json("POST", &format!("/activities/{id}/status"), t, vec![]).await
}

/// Takes one occurrence out of a series, so it can be attended, moved or cancelled.
pub async fn take_out(series: Uuid, occurrence: &OccurrenceRequest) -> Result<Activity, ApiError> {
    send_json(
        "POST",
        &format!("/activities/{series}/occurrences"),
        occurrence,
        vec![],
    )
    .await
}

/// Invites deputies (a congress, delegation, group or a list) to an activity.
pub async fn invite(id: Uuid, who: &InvitationRequest) -> Result<InvitationReport, ApiError> {
    send_json(
        "POST",
        &format!("/activities/{id}/invitations"),
        who,
        vec![],
    )
    .await
}

/// Every invitee of an activity with their attendance.
pub async fn attendance(id: Uuid) -> Result<Vec<Attendance>, ApiError> {
    get(&format!("/activities/{id}/attendance")).await
}

/// What the check-in page reads of an `AttendanceBatchReport`: the per-entry results and how
/// many credentials flags were raised. The flags themselves are skipped, not decoded (less
/// code in the wasm).
#[derive(Deserialize)]
pub struct BatchReport {
    /// One result per entry, in order.
    pub results: Vec<AttendanceResult>,
    /// The credentials flags raised by the batch (only counted).
    pub flags_raised: Vec<IgnoredAny>,
}

/// Records attendance (1–1,000 entries, each accepted or refused on its own).
pub async fn record(id: Uuid, batch: &AttendanceBatch) -> Result<BatchReport, ApiError> {
    send_json(
        "POST",
        &format!("/activities/{id}/attendance"),
        batch,
        vec![],
    )
    .await
}

/// Leave requests for an activity (a deputy sees only their own).
pub async fn leave_requests(id: Uuid) -> Result<Vec<LeaveRequest>, ApiError> {
    get(&format!("/activities/{id}/leave-requests")).await
}

/// Asks for leave (a deputy for themself; staff for an invited deputy).
pub async fn request_leave(id: Uuid, req: &NewLeaveRequest) -> Result<LeaveRequest, ApiError> {
    send_json(
        "POST",
        &format!("/activities/{id}/leave-requests"),
        req,
        vec![],
    )
    .await
}

/// Approves or refuses a leave request (staff).
pub async fn decide_leave(id: Uuid, d: &LeaveDecision) -> Result<LeaveRequest, ApiError> {
    send_json("POST", &format!("/leave-requests/{id}/decision"), d, vec![]).await
}

/// What the activity page shows of a `Quorum`: valid or not, and the explanation (which
/// carries the counts). The other fields are skipped, not decoded (less code in the wasm).
#[derive(Deserialize)]
pub struct QuorumView {
    /// Whether enough members attend for a valid session.
    pub valid: bool,
    /// Why the session is or is not valid, in Chinese, with the counts.
    pub explanation: String,
}

/// The quorum of a session (R3; OL 14).
pub async fn quorum(id: Uuid) -> Result<QuorumView, ApiError> {
    get(&format!("/activities/{id}/quorum")).await
}

/// Every activity a deputy was invited to, with their attendance.
pub async fn deputy_activities(id: Uuid) -> Result<Vec<DeputyActivity>, ApiError> {
    get(&format!("/deputies/{id}/activities")).await
}

/// Attendance rates by deputy, deputy group or term.
pub async fn attendance_rates(q: &RateQuery) -> Result<Vec<AttendanceRate>, ApiError> {
    get(&format!("/attendance-rates{}", super::query_string(q))).await
}

#[cfg(test)]
mod tests {
    use super::CalendarEntry;
    use chrono::NaiveDate;

    fn entry(starts: &str, ends: &str, date: &str) -> CalendarEntry {
        serde_json::from_value(serde_json::json!({
            "activity_id": uuid::Uuid::nil(), "kind": "session", "title": "会议",
            "date": date, "series_id": null, "occurrence_start": null,
            "virtual_occurrence": false, "status": "held", "starts_at": starts,
            "ends_at": ends, "place": null, "my_attendance": null
        }))
        .expect("an entry")
    }

    #[test]
    fn an_entry_covers_each_beijing_day_it_is_held_on() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // 25 January 09:00 to 26 January 17:00 Beijing time.
        let two_days = entry("2022-01-25T01:00:00Z", "2022-01-26T09:00:00Z", "2022-01-25");
        assert!(two_days.covers(d("2022-01-25")));
        assert!(two_days.covers(d("2022-01-26")));
        assert!(!two_days.covers(d("2022-01-27")));
        assert!(!two_days.covers(d("2022-01-24")));
        // Ending at midnight Beijing time: the next day is not covered.
        let evening = entry("2022-01-25T10:00:00Z", "2022-01-25T16:00:00Z", "2022-01-25");
        assert!(evening.covers(d("2022-01-25")));
        assert!(!evening.covers(d("2022-01-26")));
    }
}
