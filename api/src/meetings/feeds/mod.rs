//! Calendar feeds (iCalendar, RFC 5545) that phone calendars subscribe to, authorised by
//! the secret token in their URL.

pub mod queries;

use super::shared::{audit, ensure_reader, json};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

/// Routes of calendar feeds.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/calendar/{token}.ics").route(web::get().to(feed)));
    cfg.service(
        web::resource("/calendar-feeds")
            .route(web::get().to(list_feeds))
            .route(web::post().to(create_feed)),
    );
    cfg.service(web::resource("/calendar-feeds/{id}").route(web::delete().to(revoke_feed)));
}

/// Create an iCalendar feed: a deputy's own, or (staff, presidium) a congress's or any
/// deputy's in scope. The answer's `path` holds the secret token; it is shown only once.
#[utoipa::path(
    post, path = "/api/v1/calendar-feeds", tag = "meetings",
    request_body = NewCalendarFeed,
    responses((status = 201, description = "Created, with its path", body = CalendarFeed), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_feed(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewCalendarFeed>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let feed = tx(&pool, move |conn| {
        let feed = queries::create(conn, &user, &new)?;
        let mut logged = feed.clone();
        logged.path = None;
        audit(
            conn,
            &user,
            "create",
            "calendar_feed",
            feed.id,
            None,
            Some(json(&logged)),
        )?;
        Ok(feed)
    })
    .await?;
    Ok(HttpResponse::Created().json(feed))
}

/// Feeds the caller created (staff and admin: every feed in scope), without tokens.
#[utoipa::path(
    get, path = "/api/v1/calendar-feeds", tag = "meetings",
    responses((status = 200, description = "Feeds", body = Vec<CalendarFeed>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_feeds(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<CalendarFeed>>, ApiError> {
    ensure_reader(&user)?;
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user)).await?,
    ))
}

/// Revoke a feed: its URL stops working at once.
#[utoipa::path(
    delete, path = "/api/v1/calendar-feeds/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Feed id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 409, description = "Already revoked", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn revoke_feed(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        queries::revoke(conn, &user, id)?;
        audit(conn, &user, "revoke", "calendar_feed", id, None, None)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An iCalendar feed (`text/calendar`) for phone calendars, authorised by the token in
/// the URL alone (no bearer token): 90 days back to 365 days ahead, recurring activities
/// expanded, cancelled ones marked `STATUS:CANCELLED`. 404 for an unknown or revoked
/// token.
#[utoipa::path(
    get, path = "/api/v1/calendar/{token}.ics", tag = "meetings",
    params(("token" = String, Path, description = "The feed's secret token")),
    responses(
        (status = 200, description = "The calendar", body = String, content_type = "text/calendar"),
        (status = 404, description = "Unknown or revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn feed(
    pool: web::Data<DbPool>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let body = tx(&pool, move |conn| queries::render(conn, &token)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, max-age=300"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body))
}
