//! Credentials flags (R10; DL 62): mandates flagged for the credentials committee.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A session named by a credentials flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FlagSession {
    pub id: Uuid,
    pub title: String,
    pub date: NaiveDate,
}

/// A mandate flagged for the credentials committee (代表资格审查委员会): two absences from
/// sessions of the same term without approved leave (R10; DL 62 (3)). Nothing is
/// terminated automatically; the congress decides (DL 63).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CredentialsFlag {
    pub id: Uuid,
    pub mandate_id: Uuid,
    pub deputy_id: Uuid,
    pub deputy_name: String,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    /// The two sessions missed, oldest first.
    pub sessions: Vec<FlagSession>,
    /// `未经批准两次不出席本级人民代表大会会议` with the sessions named.
    pub reason: String,
    pub raised_at: DateTime<Utc>,
    pub cleared_at: Option<DateTime<Utc>>,
    pub cleared_by: Option<Uuid>,
    pub clear_note: Option<String>,
}

/// Query of `GET /api/v1/credentials-flags`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct FlagQuery {
    pub congress_id: Option<Uuid>,
    pub deputy_id: Option<Uuid>,
    /// Include cleared flags (default false: open ones only).
    pub include_cleared: Option<bool>,
}

/// `POST /api/v1/credentials-flags/{id}/clear` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ClearFlag {
    /// Why it is cleared (e.g. the committee's finding): 1–500 characters.
    pub note: String,
}
