//! The calendar: activities and the occurrences of recurring series in a month or a date
//! range, expanded in the congress's time zone.

pub mod queries;

use super::shared::ensure_reader;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors};
use actix_web::web;
use renda_openapi::*;

/// Routes of the calendar.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/calendar").route(web::get().to(calendar)));
}

/// The calendar of a month (`month=2022-02`) or a date range: activities and every
/// occurrence of recurring series, expanded in the congress's time zone (Asia/Shanghai by
/// default). An occurrence still in its series has `virtual_occurrence: true`; to move,
/// cancel or record attendance at it, take it out with
/// `POST /api/v1/activities/{series_id}/occurrences`.
#[utoipa::path(
    get, path = "/api/v1/calendar", tag = "meetings",
    params(CalendarQuery),
    responses((status = 200, description = "Calendar entries in start order", body = Vec<CalendarEntry>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn calendar(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CalendarQuery>,
) -> Result<web::Json<Vec<CalendarEntry>>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::calendar(conn, &user, &q)).await?,
    ))
}
