//! Self-declared entries (履职登记): a deputy records a practical deed, a mediated dispute
//! or another duty with its date, content and files; the office approves it into the
//! record or rejects it with a reason; the deputy may recall it until it is reviewed.

pub mod attachments;
pub mod queries;

use super::access::actor;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, today, Json, Query};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use queries::EntryRow;
use renda_openapi::messages::AssessmentMessage as M;
use renda_openapi::{
    entry_step, may_edit_entry, EntryInput, EntryListQuery, EntryPage, EntryStep, EntryTransition,
    PerformanceEntry, PerformanceEntryId, Problem, Refusal, UserId,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_entries)
        .service(create_entry)
        .service(get_entry)
        .service(update_entry)
        .service(transition_entry)
        .configure(attachments::routes);
}

fn one(conn: &mut diesel::PgConnection, row: EntryRow) -> Result<PerformanceEntry, ApiError> {
    queries::to_wire(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("entry without its kind".into()))
}

fn audit(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&PerformanceEntry>,
    after: &PerformanceEntry,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "performance_entry",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// Self-declared entries: a deputy's own; the office's and the presidium's of their scope
/// (the review queue is `?status=pending`). Oldest first; with `updated_since`, by change
/// time. Pages of at most 200 (`limit`, `cursor`).
#[utoipa::path(
    tag = "assessments",
    params(EntryListQuery),
    responses((status = 200, description = "A page of entries", body = EntryPage), (status = 403, description = "No deputy for this account", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-entries")]
pub async fn list_entries(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<EntryListQuery>,
) -> Result<web::Json<EntryPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Record a self-declared entry: a deputy their own (pending review); the office for a
/// deputy of its scope (`deputy_id`). `Idempotency-Key` makes a retry safe.
///
/// Errors: 403 `only_the_deputy` for another deputy's entry; 422 for an empty or long
/// title (`/title`, 1–100), long content (5,000), a date after today, or an unknown or
/// inactive kind (`/kind_id`, `entry_kind_inactive`).
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = EntryInput,
    responses((status = 201, description = "Recorded, waiting for review", body = PerformanceEntry), WriteErrors),
    security(("bearer" = []))
)]
#[post("/performance-entries")]
pub async fn create_entry(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<EntryInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    queries::check(&input, today())?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let row = queries::insert(conn, &user, &input)?;
        let wire = one(conn, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One entry with its files; `ETag` holds the version.
#[utoipa::path(
    tag = "assessments",
    params(("id" = PerformanceEntryId, Path, description = "Entry id")),
    responses((status = 200, description = "The entry", body = PerformanceEntry), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-entries/{id}")]
pub async fn get_entry(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<PerformanceEntryId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, false)?;
        one(conn, row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Edit a pending entry (its deputy), with `If-Match`.
///
/// Errors: 403 `only_the_deputy`; 409 `entry_reviewed` once reviewed or recalled; 412 on a
/// stale version; 422 as for creating.
#[utoipa::path(
    tag = "assessments",
    params(("id" = PerformanceEntryId, Path, description = "Entry id")),
    request_body = EntryInput,
    responses((status = 200, description = "Updated", body = PerformanceEntry), (status = 409, description = "Already reviewed", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/performance-entries/{id}")]
pub async fn update_entry(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<PerformanceEntryId>,
    body: Json<EntryInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let input = body.into_inner();
    let id = id.into_inner();
    queries::check(&input, today())?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        may_edit_entry(row.status, actor(&user, row.deputy_id))?;
        if row.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        let before = one(conn, row.clone())?;
        let updated = queries::update(conn, &row, &input)?;
        let after = one(conn, updated)?;
        audit(conn, &user, "update", Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Take a step: `recall` (its deputy, while pending), `approve` or `reject` with a
/// reason (the office). An approved entry enters the record and counts in assessments.
///
/// Errors: 403 for a role that may not take the step; 409 `entry_step_not_allowed` once
/// reviewed or recalled; 422 `reason_required` to reject without a reason.
#[utoipa::path(
    tag = "assessments",
    params(("id" = PerformanceEntryId, Path, description = "Entry id")),
    request_body = EntryTransition,
    responses((status = 200, description = "The entry after the step", body = PerformanceEntry), (status = 409, description = "Not allowed in the entry's state", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/performance-entries/{id}/transitions")]
pub async fn transition_entry(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<PerformanceEntryId>,
    body: Json<EntryTransition>,
) -> Result<HttpResponse, ApiError> {
    let t = body.into_inner();
    let id = id.into_inner();
    let reason = t
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if t.step == EntryStep::Reject && reason.is_none() {
        return Err(Refusal::invalid("/reason", M::ReasonRequired).into());
    }
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(Refusal::invalid(
            "/reason",
            renda_openapi::messages::CommonMessage::TooLong { max: 500 },
        )
        .into());
    }
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        let next = entry_step(row.status, t.step, actor(&user, row.deputy_id))?;
        let reviewer = (t.step != EntryStep::Recall).then_some(UserId(user.id));
        let before = one(conn, row.clone())?;
        let moved = queries::set_status(conn, &row, next, reviewer, reason.as_deref())?;
        let after = one(conn, moved)?;
        audit(conn, &user, t.step.as_str(), Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}
