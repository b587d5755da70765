//! Database rows of motions.

use crate::schema::{motion_events, motions};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

/// A row of `motions`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = motions)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct MotionRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub session_activity_id: Option<Uuid>,
    pub proposer_kind: String,
    pub lead_deputy_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub subject: String,
    pub grounds: String,
    pub proposal: String,
    pub status: String,
    pub decision_note: Option<String>,
    pub suggestion_id: Option<Uuid>,
    pub submitted_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The vote (R4; OL 25), all set or none: the counts, the deputies in office on the
    /// vote's date (the denominator) and that date.
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub abstentions: Option<i32>,
    pub votes_in_office: Option<i32>,
    pub voted_on: Option<NaiveDate>,
}

/// A row of `motion_events`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = motion_events)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct MotionEventRow {
    pub id: Uuid,
    pub motion_id: Uuid,
    pub from_status: Option<String>,
    pub to_status: String,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}
