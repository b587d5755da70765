//! HTTP handlers of suggestions: items and their transitions here; handling, set-up and
//! reports in their modules.

use super::repo;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ImportErrors, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json, Query};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

mod handling;
mod reports;
mod setup;

pub use handling::*;
pub use reports::*;
pub use setup::*;

fn with_etag(status: StatusCode, s: &Suggestion) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(s.version))
        .json(s)
}

/// Roles that read suggestions at all (a handling organisation only those referred to it).
fn ensure_reader(user: &AuthUser) -> Result<(), ApiError> {
    user.require(&Role::ALL)
}

/// Suggestions the caller may see, filtered. A deputy sees the items they lead or
/// co-signed; a handling organisation those actively referred to it; the office, the
/// presidium and integration clients every submitted item of their congresses; drafts only
/// their authors. `overdue` and `due_soon` are derived from each item's current deadline.
/// In creation order by default; `order=newest` lists the latest first (the `cursor` then
/// continues with older items); `updated_since` has its own (`updated_at`, `id`) order and
/// refuses `order=newest` (422 on `?order`).
#[utoipa::path(
    get, path = "/api/v1/suggestions", tag = "suggestions",
    params(SuggestionQuery),
    responses((status = 200, description = "A page of suggestions in creation order, or newest first with `order=newest`", body = SuggestionPage), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_suggestions(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<SuggestionQuery>,
) -> Result<web::Json<SuggestionPage>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::list(conn, &user, &q)).await?,
    ))
}

/// Start a suggestion as a draft (a deputy, as its lead; or admin and staff entering one
/// on a deputy's behalf, naming `lead_deputy_id`). Co-signers must each confirm
/// (`POST /api/v1/suggestions/{id}/confirm`) before it is submitted.
///
/// Send `Idempotency-Key` to make retries safe: the same key and body return the first
/// response; the same key with another body is refused (422).
#[utoipa::path(
    post, path = "/api/v1/suggestions", tag = "suggestions",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create return the first response")),
    request_body = SuggestionInput,
    responses((status = 201, description = "The draft; `ETag` holds the version", body = Suggestion), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_suggestion(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<SuggestionInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let idem = crate::idempotency::key(&req)?.map(|k| (k, crate::idempotency::digest(&input)));
    let (status, body) = tx(&pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = crate::idempotency::replay(conn, user.id, k, d)? {
                return Ok(previous);
            }
        }
        let row = repo::create(conn, &user, &input)?;
        let s = serde_json::to_value(repo::to_wire(conn, &user, &row)?)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some((k, d)) = &idem {
            crate::idempotency::store(conn, user.id, k, d, 201, &s)?;
        }
        Ok((201u16, s))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(
        HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
            .insert_header(etag(version))
            .json(body),
    )
}

/// One suggestion with its signers, referrals, consultations, sent replies (and the
/// caller's own organisation's drafts) and feedback; `ETag` holds the version.
#[utoipa::path(
    get, path = "/api/v1/suggestions/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses((status = 200, description = "The suggestion", body = Suggestion), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_suggestion(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    let s = tx(&pool, move |conn| {
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// Edit a draft (its lead deputy or the user who entered it; `If-Match`). Co-signers who
/// stay keep their confirmation.
#[utoipa::path(
    put, path = "/api/v1/suggestions/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = SuggestionInput,
    responses(
        (status = 200, description = "Updated", body = Suggestion),
        (status = 409, description = "Not a draft (`not_a_draft`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_suggestion(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let s = tx(&pool, move |conn| {
        let row = repo::update(conn, &user, id, version, &input)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// A co-signer confirms their signature on a draft (附议确认).
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/confirm", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses(
        (status = 200, description = "Confirmed", body = Suggestion),
        (status = 409, description = "Not a draft (`not_a_draft`)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn confirm_signature(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let s = tx(&pool, move |conn| {
        repo::confirm(conn, &user, id)?;
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// Take one step of the workflow (see [`SuggestionAction`] for who may take which step
/// from which state). Deadlines: submission sets the referral due date
/// (`referral_working_days` working days); referral the reply due date, 3 calendar months
/// after `referred_on` or 6 when wide-ranging (R7; DL 51), the 31st clamped to the end of a
/// shorter month, and each organisation's return limit (`return_working_days` working
/// days, public holidays and adjusted working days counted: the lead may `return` only
/// while the item is `referred`, a co-handler also once the lead has started, in
/// `in_progress` and `extended`, ending its own part; after its `return_due`, 409
/// `return_period_over`); an extension adds 1–3 months
/// (at most 3 in all; local practice, "with approval"): the lead organisation asks with
/// `request_extension` (shown as `extension_request` until decided), the office approves by
/// `extend` (which it may also grant unasked) or refuses with `refuse_extension`. Every
/// step is recorded in the history.
///
/// `If-Match` is optional here: when sent, the step is taken only from that version (412
/// otherwise), so two officers cannot act on the same item unknowingly.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/transitions", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), ("If-Match" = Option<String>, Header, description = "ETag from the last read; checked when sent")),
    request_body = SuggestionAction,
    responses(
        (status = 200, description = "The suggestion after the step", body = Suggestion),
        (status = 204, description = "Done; the caller (an organisation that returned the item) no longer sees it"),
        (status = 409, description = "Refused by the workflow: `invalid_transition`, `co_signers_unconfirmed`, `incomplete`, `return_period_over`, `extension_limit`, `extension_request_pending`, `no_extension_request`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (only when If-Match is sent)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn transition(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionAction>,
) -> Result<HttpResponse, ApiError> {
    let expected = match req.headers().get(actix_web::http::header::IF_MATCH) {
        Some(_) => Some(if_match(&req)?),
        None => None,
    };
    let (id, action) = (id.into_inner(), body.into_inner());
    let s = tx(&pool, move |conn| {
        repo::transition(conn, &user, id, &action, expected)?;
        // An organisation that returned the item no longer sees it: 204 then.
        match repo::ensure(conn, &user, id) {
            Ok(row) => repo::to_wire(conn, &user, &row).map(Some),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await?;
    Ok(match s {
        Some(s) => with_etag(StatusCode::OK, &s),
        None => HttpResponse::NoContent().finish(),
    })
}
