//! Calendar feeds (iCalendar) that phone calendars subscribe to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A subscribable iCalendar feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// A deputy's own feed (the activities they are invited to); absent for a congress feed.
    pub deputy_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Only in the answer to the create: the path to subscribe to
    /// (`/api/v1/calendar/<token>.ics`). The token is not stored and cannot be shown again.
    pub path: Option<String>,
}

/// `POST /api/v1/calendar-feeds` body: a deputy's feed (a deputy asks only for their own)
/// or, without `deputy_id`, a congress's feed (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewCalendarFeed {
    pub congress_id: Uuid,
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
}
