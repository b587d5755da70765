//! HTTP handlers of motions.

use super::repo;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, Json};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

fn with_etag(status: StatusCode, m: &Motion) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(m.version))
        .json(m)
}

/// Motions the caller may see, in creation order (at most 500): a deputy those they lead
/// or signed; the office, presidium and integration clients every submitted motion of their
/// congresses; drafts only their authors. Handling organisations: 403.
#[utoipa::path(
    get, path = "/api/v1/motions", tag = "motions",
    responses((status = 200, description = "Motions", body = Vec<Motion>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_motions(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<Motion>>, ApiError> {
    repo::ensure_reader(&user)?;
    Ok(web::Json(
        tx(&pool, move |conn| repo::list(conn, &user)).await?,
    ))
}

/// Draft a motion: a deputy proposes a deputies' motion and leads it (the other proposers
/// confirm with `POST /api/v1/motions/{id}/confirm`); admin and staff enter motions of the
/// presidium, the government or deputies. A deputy whose mandate is suspended or
/// terminated (R9, R10; DL 61, 62) may neither lead nor join one: 422 `not_in_office` on
/// `/lead_deputy_id` or `/co_signer_ids/{i}`.
#[utoipa::path(
    post, path = "/api/v1/motions", tag = "motions",
    request_body = NewMotion,
    responses((status = 201, description = "The draft", body = Motion), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_motion(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<NewMotion>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let new = body.into_inner();
    let m = tx(&pool, move |conn| {
        let row = repo::create(conn, &user, &new)?;
        repo::to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::CREATED, &m))
}

/// One motion with its proposers.
#[utoipa::path(
    get, path = "/api/v1/motions/{id}", tag = "motions",
    params(("id" = Uuid, Path, description = "Motion id")),
    responses((status = 200, description = "The motion", body = Motion), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_motion(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    let m = tx(&pool, move |conn| {
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &m))
}

/// A joint proposer confirms their signature on a draft motion.
#[utoipa::path(
    post, path = "/api/v1/motions/{id}/confirm", tag = "motions",
    params(("id" = Uuid, Path, description = "Motion id")),
    responses(
        (status = 200, description = "Confirmed", body = Motion),
        (status = 409, description = "Not a draft (`not_a_draft`)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn confirm_motion(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    let m = tx(&pool, move |conn| {
        repo::confirm(conn, &user, id)?;
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &m))
}

/// Take one step (see [`MotionAction`]). Submitting a deputies' motion needs at least 5
/// confirmed proposers in office (R5; OL 22): a proposer suspended or terminated after
/// signing (R9, R10; DL 61, 62) no longer counts. Else 409 `too_few_proposers`, with the
/// numbers. Not putting a deputies'
/// motion on the agenda with `as_suggestion: true` creates a submitted suggestion of the
/// same deputies (its id in `suggestion_id`).
///
/// `adopt` and `reject` record the vote (`votes_for`, `votes_against`, `abstentions`; the
/// office) and its outcome follows R4 (OL 25): adopted only when `votes_for` is more than
/// half of ALL deputies in office on the vote's date (the session's, else today), not of
/// those present. `adopt` of a vote that did not pass is 409 `vote_not_passed`, `reject` of
/// one that did 409 `vote_passed`, each explained with the numbers; no deputy in office is
/// 409 `no_deputies_in_office`; more votes than deputies in office, or a negative count,
/// 422. The counts are shown as the motion's `vote`.
#[utoipa::path(
    post, path = "/api/v1/motions/{id}/transitions", tag = "motions",
    params(("id" = Uuid, Path, description = "Motion id")),
    request_body = MotionAction,
    responses(
        (status = 200, description = "The motion after the step", body = Motion),
        (status = 409, description = "`invalid_transition`, `too_few_proposers`, `vote_not_passed`, `vote_passed` or `no_deputies_in_office`", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn motion_transition(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<MotionAction>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let (id, action) = (id.into_inner(), body.into_inner());
    let m = tx(&pool, move |conn| {
        let row = repo::transition(conn, &user, id, &action)?;
        repo::to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &m))
}

/// The history of a motion: every step with who, when, from, to and the note.
#[utoipa::path(
    get, path = "/api/v1/motions/{id}/history", tag = "motions",
    params(("id" = Uuid, Path, description = "Motion id")),
    responses((status = 200, description = "Steps, oldest first", body = Vec<MotionEvent>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn motion_history(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<MotionEvent>>, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::history(conn, &user, id)).await?,
    ))
}
