//! Database rows of activities, attendance, leave requests, agenda items, votes,
//! credentials flags, calendar feeds and documents.

use crate::error::ApiError;
use crate::schema::{
    activities, activity_documents, agenda_items, attendances, calendar_feeds, credentials_flags,
    leave_requests, votes,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    Activity, ActivityKind, ActivityStatus, AttendanceCounts, AttendanceStatus, Capacity,
    LeaveRequest, LeaveStatus, Organiser, OrganiserKind, SessionInfo, SessionKind,
};
use uuid::Uuid;

/// The time zone of a congress (`congresses.time_zone`), Asia/Shanghai when unknown.
pub fn time_zone(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Shanghai)
}

/// The date of an instant in a time zone.
pub fn local_date(at: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// A row of `activities`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = activities)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ActivityRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub term_id: Option<Uuid>,
    pub kind: String,
    pub title: String,
    pub organiser_kind: String,
    pub organiser_group_id: Option<Uuid>,
    pub organiser_name: Option<String>,
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub description: Option<String>,
    pub topics: Vec<String>,
    pub status: String,
    pub summary: Option<String>,
    pub outcomes: Option<String>,
    pub cancel_reason: Option<String>,
    pub session_kind: Option<String>,
    pub session_number: Option<i32>,
    pub requested_by_count: Option<i32>,
    pub rrule: Option<String>,
    pub series_id: Option<Uuid>,
    pub occurrence_start: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The editable columns of an activity, for inserts and updates.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = activities)]
#[diesel(treat_none_as_null = true)]
pub struct ActivityValues {
    pub term_id: Option<Uuid>,
    pub kind: String,
    pub title: String,
    pub organiser_kind: String,
    pub organiser_group_id: Option<Uuid>,
    pub organiser_name: Option<String>,
    pub place: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub description: Option<String>,
    pub topics: Vec<String>,
    pub session_kind: Option<String>,
    pub session_number: Option<i32>,
    pub requested_by_count: Option<i32>,
    pub rrule: Option<String>,
}

fn bad(what: &str, v: &str) -> ApiError {
    ApiError::Internal(format!("bad {what} {v}"))
}

impl ActivityRow {
    /// The kind parsed.
    pub fn kind(&self) -> Result<ActivityKind, ApiError> {
        ActivityKind::parse(&self.kind).ok_or_else(|| bad("kind", &self.kind))
    }
    /// The status parsed.
    pub fn status(&self) -> Result<ActivityStatus, ApiError> {
        ActivityStatus::parse(&self.status).ok_or_else(|| bad("status", &self.status))
    }
    /// Whether this is a congress session.
    pub fn is_session(&self) -> bool {
        self.kind == ActivityKind::Session.as_str()
    }

    /// The wire form; `group_name` names the organising deputy group, `tz` is the
    /// congress's time zone.
    pub fn to_wire(
        &self,
        tz: chrono_tz::Tz,
        group_name: Option<String>,
        counts: AttendanceCounts,
    ) -> Result<Activity, ApiError> {
        let organiser_kind = OrganiserKind::parse(&self.organiser_kind)
            .ok_or_else(|| bad("organiser", &self.organiser_kind))?;
        let session = match self.session_kind.as_deref() {
            Some(k) => Some(SessionInfo {
                kind: SessionKind::parse(k).ok_or_else(|| bad("session kind", k))?,
                number: self.session_number,
                requested_by_count: self.requested_by_count,
            }),
            None => None,
        };
        Ok(Activity {
            id: self.id,
            congress_id: self.congress_id,
            term_id: self.term_id,
            kind: self.kind()?,
            title: self.title.clone(),
            organiser: Organiser {
                kind: organiser_kind,
                deputy_group_id: self.organiser_group_id,
                name: group_name.or_else(|| self.organiser_name.clone()),
            },
            place: self.place.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            date: local_date(self.starts_at, tz),
            description: self.description.clone(),
            topics: self.topics.clone(),
            status: self.status()?,
            summary: self.summary.clone(),
            outcomes: self.outcomes.clone(),
            cancel_reason: self.cancel_reason.clone(),
            session,
            rrule: self.rrule.clone(),
            series_id: self.series_id,
            occurrence_start: self.occurrence_start,
            attendance_counts: counts,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A row of `attendances`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attendances)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AttendanceRow {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub deputy_id: Option<Uuid>,
    pub capacity: String,
    pub observer_name: Option<String>,
    pub observer_affiliation: Option<String>,
    pub status: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl AttendanceRow {
    /// The status parsed.
    pub fn status(&self) -> Result<AttendanceStatus, ApiError> {
        AttendanceStatus::parse(&self.status).ok_or_else(|| bad("attendance", &self.status))
    }
    /// The capacity parsed.
    pub fn capacity(&self) -> Result<Capacity, ApiError> {
        Capacity::parse(&self.capacity).ok_or_else(|| bad("capacity", &self.capacity))
    }
}

/// A row of `leave_requests`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = leave_requests)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct LeaveRow {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub deputy_id: Uuid,
    pub reason: String,
    pub status: String,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub version: i32,
}

impl LeaveRow {
    /// The status parsed.
    pub fn status(&self) -> Result<LeaveStatus, ApiError> {
        LeaveStatus::parse(&self.status).ok_or_else(|| bad("leave status", &self.status))
    }
    /// The wire form.
    pub fn to_wire(&self) -> Result<LeaveRequest, ApiError> {
        Ok(LeaveRequest {
            id: self.id,
            activity_id: self.activity_id,
            deputy_id: self.deputy_id,
            reason: self.reason.clone(),
            status: self.status()?,
            requested_by: self.requested_by,
            requested_at: self.requested_at,
            decided_by: self.decided_by,
            decided_at: self.decided_at,
            decision_note: self.decision_note.clone(),
        })
    }
}

/// A row of `agenda_items`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agenda_items)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AgendaItemRow {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub position: i32,
    pub title: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
}

/// A row of `votes`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = votes)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct VoteRow {
    pub id: Uuid,
    pub agenda_item_id: Uuid,
    pub subject: String,
    pub office: Option<String>,
    pub candidate_deputy_id: Option<Uuid>,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

/// A row of `credentials_flags`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = credentials_flags)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct FlagRow {
    pub id: Uuid,
    pub mandate_id: Uuid,
    pub deputy_id: Uuid,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    pub session_ids: Vec<Uuid>,
    pub raised_at: DateTime<Utc>,
    pub cleared_at: Option<DateTime<Utc>>,
    pub cleared_by: Option<Uuid>,
    pub clear_note: Option<String>,
}

/// A row of `calendar_feeds`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calendar_feeds)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct FeedRow {
    pub id: Uuid,
    pub token_hash: Vec<u8>,
    pub congress_id: Uuid,
    pub deputy_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A document's metadata (a row of `activity_documents` without its content).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = activity_documents)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct DocumentMeta {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: Vec<u8>,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}
