//! Who may read and change what in the assessment area, written once.
//!
//! - The office (administrators, staff) and integrating systems with an
//!   `assessments:…` key work on the deputies of every congress in their scope.
//! - Presidium members read everything in their scope, rate at the presidium stage and
//!   confirm awards.
//! - A deputy reads and writes their own record, entries, correction requests and
//!   objections; as a group leader they rate their group's members.
//! - Handling organisations have no part in it.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::schema::deputies;
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{Actor, CongressId, DeputyId, Refusal, Role};

/// The caller as an [`Actor`] on a record of `deputy`.
pub fn actor(user: &AuthUser, deputy: DeputyId) -> Actor {
    Actor {
        role: user.role,
        own: user.deputy_id == Some(deputy.0),
    }
}

/// The caller's own deputy.
///
/// Errors: 403 `no_deputy_account` for an account without one.
pub fn own_deputy(user: &AuthUser) -> Result<DeputyId, ApiError> {
    user.deputy_id
        .map(DeputyId)
        .ok_or_else(|| Refusal::forbidden(M::NoDeputyAccount).into())
}

/// Whether the caller works for the office (or an integrating system for it).
pub fn is_office(user: &AuthUser) -> bool {
    matches!(user.role, Role::Admin | Role::Staff | Role::Integration)
}

/// Whether the caller reads the whole of their scope (office and presidium).
pub fn reads_scope(user: &AuthUser) -> bool {
    is_office(user) || user.role == Role::Presidium
}

/// 403 unless the caller works for the office.
pub fn require_office(user: &AuthUser) -> Result<(), ApiError> {
    if is_office(user) {
        Ok(())
    } else {
        Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into())
    }
}

/// A deputy as the area needs them: id, name and the congress that keeps them.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deputies)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct DeputyRef {
    pub id: DeputyId,
    pub name: String,
    pub congress_id: CongressId,
}

fn not_in_scope() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// The deputy, if the caller may read their record: the office and the presidium any
/// deputy of their scope, a deputy themself.
///
/// Errors: 404 `not_in_scope` otherwise (also for a deputy who exists elsewhere).
pub fn readable_deputy(
    conn: &mut PgConnection,
    user: &AuthUser,
    deputy: DeputyId,
) -> Result<DeputyRef, ApiError> {
    if !reads_scope(user) && user.deputy_id != Some(deputy.0) {
        return Err(not_in_scope());
    }
    deputies::table
        .filter(deputies::id.eq(deputy))
        .filter(deputies::congress_id.eq_any(scope(user.congress_id)))
        .select(DeputyRef::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_in_scope)
}

/// 404 unless `congress` is in the caller's scope.
pub fn congress_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: CongressId,
) -> Result<(), ApiError> {
    crate::congresses::repo::ensure_in_scope(conn, user, congress.0).map(|_| ())
}

/// 403 for handling organisations, which have no part in the assessment area; every
/// other role reads what its scope allows.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if user.role == Role::HandlingOrg {
        Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into())
    } else {
        Ok(())
    }
}
