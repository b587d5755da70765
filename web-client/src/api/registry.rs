//! Calls of the registry's structure: congresses in scope, their terms, delegations and
//! deputy groups (the filters and pickers of every area read these).

use super::{get, query_string, ApiError};
use serde::Serialize;
use uuid::Uuid;

/// What the client reads of a congress, delegation or deputy group (the server sends
/// more): a smaller decoder than the full `renda-openapi` types.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Named {
    /// The id.
    pub id: Uuid,
    /// The name.
    pub name: String,
}

/// A congress as the client reads it.
pub type Congress = Named;
/// A delegation as the client reads it.
pub type Delegation = Named;
/// A deputy group as the client reads it.
pub type DeputyGroup = Named;

/// What the client reads of a term.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Term {
    /// The id.
    pub id: Uuid,
    /// The term's number.
    pub number: i32,
}

/// Congresses in the user's scope, highest level first.
pub async fn congresses() -> Result<Vec<Congress>, ApiError> {
    get("/congresses").await
}

/// Terms of a congress, newest first.
pub async fn terms(congress_id: Uuid) -> Result<Vec<Term>, ApiError> {
    get(&format!("/congresses/{congress_id}/terms")).await
}

#[derive(Serialize)]
struct CongressFilter {
    congress_id: Uuid,
}

/// Delegations of a congress.
pub async fn delegations(congress_id: Uuid) -> Result<Vec<Delegation>, ApiError> {
    get(&format!(
        "/delegations{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await
}

/// Deputy groups of a congress.
pub async fn deputy_groups(congress_id: Uuid) -> Result<Vec<DeputyGroup>, ApiError> {
    get(&format!(
        "/deputy-groups{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await
}
