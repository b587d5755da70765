//! Attendance views and statistics: the activities of one deputy, attendance rates of
//! members at held activities, and the counts of the office's annual report.

pub mod queries;

use super::shared::ensure_reader;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors};
use actix_web::web;
use renda_openapi::*;
use uuid::Uuid;

/// Routes of the attendance views.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/deputies/{id}/activities").route(web::get().to(deputy_activities)));
    cfg.service(web::resource("/activity-counts").route(web::get().to(activity_counts)));
    cfg.service(web::resource("/attendance-rates").route(web::get().to(attendance_rates)));
}

/// Every activity a deputy was invited to, newest first, with their attendance (the
/// deputy themself, or staff and presidium for deputies in scope).
#[utoipa::path(
    get, path = "/api/v1/deputies/{id}/activities", tag = "meetings",
    params(("id" = Uuid, Path, description = "Deputy id")),
    responses((status = 200, description = "Activities and attendance", body = Vec<DeputyActivity>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn deputy_activities(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<DeputyActivity>>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    if user.role == Role::Deputy && user.deputy_id != Some(id) {
        return Err(ApiError::Forbidden("代表只能查看本人的活动记录。".into()));
    }
    Ok(web::Json(
        tx(&pool, move |conn| {
            crate::deputies::repo::ensure_deputy_in_scope(conn, &user, id)?;
            queries::deputy_activities(conn, &user, id)
        })
        .await?,
    ))
}

/// Attendance rates of members at held activities, by deputy (default), deputy group or
/// term, with filters. A deputy sees only their own rate.
#[utoipa::path(
    get, path = "/api/v1/attendance-rates", tag = "meetings",
    params(RateQuery),
    responses((status = 200, description = "Rates by name", body = Vec<AttendanceRate>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn attendance_rates(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<RateQuery>,
) -> Result<web::Json<Vec<AttendanceRate>>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::rates(conn, &user, &q)).await?,
    ))
}

/// Held activities by month and kind for a year, with attendance: the counts of the
/// office's annual work report (e.g. trainings held, reception days held, deputies who
/// took part). Series count through their held occurrences.
#[utoipa::path(
    get, path = "/api/v1/activity-counts", tag = "meetings",
    params(CountQuery),
    responses((status = 200, description = "By month, then kind", body = Vec<ActivityCount>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn activity_counts(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CountQuery>,
) -> Result<web::Json<Vec<ActivityCount>>, ApiError> {
    user.require(&[Role::Admin, Role::Staff, Role::Presidium, Role::Integration])?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::counts_by_month(conn, &user, &q)).await?,
    ))
}
