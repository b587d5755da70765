//! Correction requests (纠错申请, 错重漏): a deputy asks the office to correct a line of
//! their record derived from Renda's data (a wrong absence, a missing attendance, or
//! anything else with an explanation); the office accepts, and the record follows (the
//! attendance is recorded as asked, audited), or rejects with a reason; the deputy may
//! withdraw an open request.

pub mod queries;

use super::access::actor;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, Json, Query};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use queries::CorrectionRow;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    correction_step, CorrectionInput, CorrectionListQuery, CorrectionPage, CorrectionRequest,
    CorrectionRequestId, CorrectionStep, CorrectionTransition, Problem, Refusal, UserId,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_corrections)
        .service(create_correction)
        .service(get_correction)
        .service(transition_correction);
}

fn one(conn: &mut diesel::PgConnection, row: CorrectionRow) -> Result<CorrectionRequest, ApiError> {
    queries::to_wire(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("correction request lost".into()))
}

fn audit(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&CorrectionRequest>,
    after: &CorrectionRequest,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "correction_request",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// Correction requests: a deputy's own; the office's and the presidium's of their scope
/// (the queue is `?status=open`). Oldest first; with `updated_since`, by change time.
/// Pages of at most 200 (`limit`, `cursor`).
///
/// Errors: 403 `no_deputy_account` for a deputy role without a deputy (handling
/// organisations).
#[utoipa::path(
    tag = "assessments",
    params(CorrectionListQuery),
    responses((status = 200, description = "A page of requests", body = CorrectionPage), (status = 403, description = "No deputy for this account", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/correction-requests")]
pub async fn list_corrections(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CorrectionListQuery>,
) -> Result<web::Json<CorrectionPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// File a correction request against one's own record (a deputy): an attendance claim
/// names the activity and the status asked for (present, late, on leave), the attendance
/// recorded now is kept with it; or `other` with an explanation. `Idempotency-Key` makes
/// a retry safe.
///
/// Errors: 403 `no_deputy_account` for an account without a deputy (the office files
/// none); 409 `attendance_already_recorded`; 422 for an empty or long reason (`/reason`,
/// 1–1,000), `correction_status_invalid` (`/claim/status`), `activity_not_correctable`
/// (`/claim/activity_id`: another congress's, cancelled or not yet started).
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = CorrectionInput,
    responses((status = 201, description = "Filed, open", body = CorrectionRequest), (status = 409, description = "The attendance asked for is the one recorded", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/correction-requests")]
pub async fn create_correction(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<CorrectionInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    queries::check(&input)?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let row = queries::insert(conn, &user, &input)?;
        let wire = one(conn, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One request; `ETag` holds the version.
#[utoipa::path(
    tag = "assessments",
    params(("id" = CorrectionRequestId, Path, description = "Request id")),
    responses((status = 200, description = "The request", body = CorrectionRequest), ReadErrors),
    security(("bearer" = []))
)]
#[get("/correction-requests/{id}")]
pub async fn get_correction(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<CorrectionRequestId>,
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

fn note_of(t: &CorrectionTransition) -> Result<Option<String>, ApiError> {
    let note = t
        .note
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if t.step == CorrectionStep::Reject && note.is_none() {
        return Err(Refusal::invalid("/note", M::ReasonRequired).into());
    }
    if note.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(Refusal::invalid("/note", CommonMessage::TooLong { max: 500 }).into());
    }
    if note
        .as_ref()
        .is_some_and(|r| renda_openapi::validation::has_control_chars(r, true))
    {
        return Err(Refusal::invalid("/note", CommonMessage::InvalidCharacters).into());
    }
    Ok(note)
}

/// Take a step: `accept` (the office; an attendance claim records the status asked for
/// as the deputy's attendance, audited, and the record follows), `reject` with a note
/// (the office), `withdraw` (its deputy). Only an open request moves.
///
/// Errors: 403 for a role that may not take the step; 409 `correction_step_not_allowed`
/// once resolved; 422 `reason_required` to reject without a note.
#[utoipa::path(
    tag = "assessments",
    params(("id" = CorrectionRequestId, Path, description = "Request id")),
    request_body = CorrectionTransition,
    responses((status = 200, description = "The request after the step", body = CorrectionRequest), (status = 409, description = "Not allowed in the request's state", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/correction-requests/{id}/transitions")]
pub async fn transition_correction(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<CorrectionRequestId>,
    body: Json<CorrectionTransition>,
) -> Result<HttpResponse, ApiError> {
    let t = body.into_inner();
    let id = id.into_inner();
    let note = note_of(&t)?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        let next = correction_step(row.status, t.step, actor(&user, row.deputy_id))?;
        if t.step == CorrectionStep::Accept {
            queries::apply(conn, &user, &row)?;
        }
        let resolver = (t.step != CorrectionStep::Withdraw).then_some(UserId(user.id));
        let before = one(conn, row.clone())?;
        let moved = queries::set_status(conn, &row, next, resolver, note.as_deref())?;
        let after = one(conn, moved)?;
        audit(conn, &user, t.step.as_str(), Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}
