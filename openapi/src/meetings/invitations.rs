//! Invitations: who to invite to an activity, and what an invitation request did.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `POST /api/v1/activities/{id}/invitations` body: who to invite. Every way may be
/// combined; deputies already invited are skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct InvitationRequest {
    /// Every deputy of this congress whose mandate in its latest term has not terminated.
    #[serde(default)]
    pub congress_id: Option<Uuid>,
    /// Every deputy of this delegation (mandate not terminated).
    #[serde(default)]
    pub delegation_id: Option<Uuid>,
    /// Every deputy of this deputy group (mandate not terminated).
    #[serde(default)]
    pub deputy_group_id: Option<Uuid>,
    /// Hand-picked deputies (at most 2,000).
    #[serde(default)]
    pub deputy_ids: Vec<Uuid>,
    /// Guests who are not deputies (列席), e.g. department heads.
    #[serde(default)]
    pub observers: Vec<ObserverInput>,
}

/// A guest who is not a deputy (列席).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ObserverInput {
    /// 1–50 characters.
    pub name: String,
    /// Organisation and post, at most 200 characters.
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// What `POST /api/v1/activities/{id}/invitations` did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct InvitationReport {
    /// New invitations of deputies of the activity's congress.
    pub invited_members: i64,
    /// New invitations of deputies of other congresses (列席).
    pub invited_observers: i64,
    /// Guests who are not deputies added.
    pub added_guests: i64,
    /// Deputies that were already invited.
    pub already_invited: i64,
}
