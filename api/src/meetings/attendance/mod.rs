//! Attendance: the list of invitees and how they attended, recorded one by one or up to
//! 1,000 entries per request, or imported from a sign-in sheet (签到表).

pub mod queries;
pub mod signin;

use super::shared::{ensure_activity, ensure_reader, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ImportErrors, ReadErrors, WriteErrors};
use actix_web::{web, HttpRequest};
use renda_openapi::*;
use serde::Deserialize;
use uuid::Uuid;

/// Routes of attendance.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/activities/{id}/attendance")
            .route(web::get().to(list_attendance))
            .route(web::post().to(record_attendance)),
    );
    cfg.service(
        web::resource("/activities/{id}/attendance/import")
            .route(web::post().to(import_sign_in_sheet)),
    );
}

/// Who was invited and how they attended (members first, then by name). A deputy sees
/// only their own row.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/attendance", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "Attendance", body = Vec<Attendance>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_attendance(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Attendance>>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            queries::attendance_list(conn, &user, &row)
        })
        .await?,
    ))
}

/// Record attendance, one entry or up to 1,000 in one request (admin, staff): the check-in
/// screen sends one per tap, a sign-in sheet all at once. Entries are applied one by one;
/// failing ones are reported with their index and the rest applied. `on_leave` needs leave
/// approved before the start (R12; DL 13). For sessions, two absences without approved
/// leave raise a credentials flag (R10; DL 62), listed in `flags_raised`.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/attendance", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = AttendanceBatch,
    responses(
        (status = 200, description = "Per-entry results", body = AttendanceBatchReport),
        (status = 409, description = "Cancelled or archived", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn record_attendance(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<AttendanceBatch>,
) -> Result<web::Json<AttendanceBatchReport>, ApiError> {
    user.require(WRITERS)?;
    let (id, batch) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            queries::record_batch(conn, &user, &row, &batch.entries)
        })
        .await?,
    ))
}

/// Query of the sign-in sheet import.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignInQuery {
    /// Report what would happen and change nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
}

/// Import a sign-in sheet (签到表) into the attendance (admin, staff). The body is the file:
/// CSV (UTF-8 or GB18030), XLSX or JSON, with the columns 姓名 (required), 出席情况
/// (出席、迟到、请假、缺席; or √/×) and/or 签到时间, and optionally 代表证号, 外部编号, 备注.
/// Rows are matched to invited deputies (by external id, certificate number, or a name
/// unique among the invitees) and applied like `POST /attendance`, with the same rules.
/// Up to 1,000 rows; `dry_run=true` reports without writing.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/attendance/import", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), SignInQuery),
    request_body(description = "The sign-in sheet", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or would be) recorded for each row", body = ImportReport),
        (status = 409, description = "Cancelled, archived, or a series", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_sign_in_sheet(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    query: crate::http::Query<SignInQuery>,
    body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    user.require(WRITERS)?;
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let (id, dry_run) = (id.into_inner(), query.dry_run);
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            signin::import(conn, &user, &row, upload, dry_run)
        })
        .await?,
    ))
}
