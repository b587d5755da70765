//! Activities (会议、活动): planning, the lifecycle `planned → notified → held →
//! summarised → archived` (or `cancelled`), and occurrences taken out of recurring series.

mod fields;
mod occurrences;
pub mod queries;

use super::shared::{audit, ensure_activity, ensure_reader, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

pub use fields::validate;
pub use occurrences::take_out;

/// Routes of activities.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/activities")
            .route(web::get().to(list_activities))
            .route(web::post().to(create_activity)),
    );
    cfg.service(
        web::resource("/activities/{id}")
            .route(web::get().to(get_activity))
            .route(web::put().to(update_activity)),
    );
    cfg.service(web::resource("/activities/{id}/status").route(web::post().to(change_status)));
    cfg.service(
        web::resource("/activities/{id}/occurrences").route(web::post().to(take_out_occurrence)),
    );
}

fn with_etag(status: StatusCode, a: &Activity) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(a.version))
        .json(a)
}

/// Activities overlapping a month or a date range (series once, not expanded), in start
/// order. Staff, presidium and integration see every activity in scope; a deputy only
/// those they are invited to.
#[utoipa::path(
    get, path = "/api/v1/activities", tag = "meetings",
    params(CalendarQuery),
    responses((status = 200, description = "Activities", body = Vec<Activity>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_activities(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CalendarQuery>,
) -> Result<web::Json<Vec<Activity>>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Plan an activity (admin, staff): a session, meeting, training, inspection, reception
/// day … With `rrule` it is a recurring series. A temporary session must record at least
/// 1/5 of the deputies in office as proposers (R2; OL 14).
///
/// Send `Idempotency-Key` to make retries safe: the same key and body return the first
/// response; the same key with another body is refused (422).
#[utoipa::path(
    post, path = "/api/v1/activities", tag = "meetings",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create return the first response")),
    request_body = NewActivity,
    responses((status = 201, description = "Created; `ETag` holds the version", body = Activity), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_activity(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewActivity>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let new = body.into_inner();
    let idem = crate::idempotency::key(&req)?.map(|k| (k, crate::idempotency::digest(&new)));
    let (status, body) = tx(&pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = crate::idempotency::replay(conn, user.id, k, d)? {
                return Ok(previous);
            }
        }
        let row = queries::insert(conn, &user, &new)?;
        let a = json(&queries::one_to_wire(conn, &row)?);
        audit(
            conn,
            &user,
            "create",
            "activity",
            row.id,
            None,
            Some(a.clone()),
        )?;
        if let Some((k, d)) = &idem {
            crate::idempotency::store(conn, user.id, k, d, 201, &a)?;
        }
        Ok((201u16, a))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(
        HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
            .insert_header(etag(version))
            .json(body),
    )
}

/// One activity with its attendance counts; `ETag` holds the version.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "The activity", body = Activity), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_activity(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    let a = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        queries::one_to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Replace an activity's fields (admin, staff; `If-Match`): also how an occurrence taken
/// out of a series is moved.
#[utoipa::path(
    put, path = "/api/v1/activities/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = ActivityInput,
    responses(
        (status = 200, description = "Updated", body = Activity),
        (status = 409, description = "Archived or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_activity(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ActivityInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let a = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        let before = queries::one_to_wire(conn, &row)?;
        let row = queries::update(conn, &row, version, &input)?;
        let after = queries::one_to_wire(conn, &row)?;
        audit(
            conn,
            &user,
            "update",
            "activity",
            id,
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Move an activity along `planned → notified → held → summarised → archived`, or cancel
/// it before it is held (admin, staff). `summarised` needs the summary (纪要).
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/status", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = ActivityTransition,
    responses(
        (status = 200, description = "The activity in its new state", body = Activity),
        (status = 409, description = "Not allowed from the current state", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn change_status(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ActivityTransition>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let (id, t) = (id.into_inner(), body.into_inner());
    let a = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        let before = queries::one_to_wire(conn, &row)?;
        let row = queries::transition(conn, &row, &t)?;
        let after = queries::one_to_wire(conn, &row)?;
        audit(
            conn,
            &user,
            "status_change",
            "activity",
            id,
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Take one occurrence out of a recurring series (admin, staff), to move it (`PUT`),
/// cancel it (`status`) or record attendance at it; the series' invitations are copied.
/// 201 when taken out now, 200 when it already was.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/occurrences", tag = "meetings",
    params(("id" = Uuid, Path, description = "Series id")),
    request_body = OccurrenceRequest,
    responses(
        (status = 201, description = "The occurrence as its own activity", body = Activity),
        (status = 200, description = "Already taken out", body = Activity),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn take_out_occurrence(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<OccurrenceRequest>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let (id, start) = (id.into_inner(), body.into_inner().occurrence_start);
    let (a, created) = tx(&pool, move |conn| {
        let series = ensure_activity(conn, &user, id)?;
        let (row, created) = take_out(conn, &series, start)?;
        let a = queries::one_to_wire(conn, &row)?;
        if created {
            audit(
                conn,
                &user,
                "create",
                "activity",
                a.id,
                None,
                Some(json(&a)),
            )?;
        }
        Ok((a, created))
    })
    .await?;
    Ok(with_etag(
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        &a,
    ))
}
