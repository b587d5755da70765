//! Performance records (履职档案): each deputy's counts and lines for a period, derived
//! from what Renda holds (attendance, suggestions, motions, duty reports, work appraisals,
//! awards, approved self-declared entries), never typed twice; one deputy's record as a
//! print-ready DOCX, every deputy's counts as an XLSX.

pub mod build;
pub mod counts;
pub mod docx;
pub mod lines;
pub mod xlsx;

use super::access::readable_deputy;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors};
use crate::http::Query;
use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::{get, web, HttpResponse};
use renda_openapi::{
    DeputyId, PerformanceRecord, PerformanceSummaryPage, Problem, RecordListQuery, RecordQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource (the exports before `{deputy_id}`).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_records)
        .service(records_xlsx)
        .service(record_docx)
        .service(get_record);
}

/// The content type of XLSX.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The content type of DOCX.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    web::block(f)
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}

/// The term's deputies by name, each with the counts of their record for the period (a
/// year, a quarter of it, or `from`–`to`; default the current year), computed for the
/// whole page in one statement. Filters: `deputy_group_id`, `name`. Pages of at most 200
/// (`limit`, `cursor`). The office, the presidium and integration keys
/// (`assessments:read`), within their scope.
///
/// Errors: 403 `role_may_not` for deputies and handling organisations; 404 for a term out
/// of scope; 422 for a bad period (`period_too_long` over five years), limit or cursor.
#[utoipa::path(
    tag = "assessments",
    params(RecordListQuery),
    responses((status = 200, description = "A page of deputies with their counts", body = PerformanceSummaryPage), (status = 403, description = "Deputies and handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-records")]
pub async fn list_records(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<RecordListQuery>,
) -> Result<web::Json<PerformanceSummaryPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| build::page(conn, &user, &q, false)).await?,
    ))
}

/// Every deputy of the term × the counts of their record as an XLSX workbook (sheet
/// 履职统计, one row per deputy, Chinese headers, a rate column per rate), with the list's
/// filters (`limit` and `cursor` ignored). Same access as the list.
#[utoipa::path(
    tag = "assessments",
    params(RecordListQuery),
    responses((status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::http::FileBody), (status = 403, description = "Deputies and handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-records/xlsx")]
pub async fn records_xlsx(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<RecordListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = tx(&pool, move |conn| build::page(conn, &user, &q, true)).await?;
    let bytes = blocking(move || xlsx::workbook(&page)).await?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"performance-records.xlsx\"",
        ))
        .body(bytes))
}

fn load(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    deputy: DeputyId,
    q: &RecordQuery,
) -> Result<PerformanceRecord, ApiError> {
    let period = build::period(q.year, q.quarter, q.from, q.to)?;
    let deputy = readable_deputy(conn, user, deputy)?;
    let term = build::term_of(conn, deputy.id, q.term_id)?;
    build::record(conn, &deputy, term, period)
}

/// A deputy's performance record for a period (a year, a quarter of it, or `from`–`to`;
/// default the current year) under a term (default their latest mandate): their counts
/// and rates, and every section's lines newest first, each pointing at its source. A
/// deputy reads their own; the office, the presidium and integration keys
/// (`assessments:read`) any deputy of their scope.
///
/// Errors: 404 `not_in_scope` for another deputy's record or one out of scope; 422 for a
/// bad period or a term the deputy holds no mandate in (`not_a_deputy_of_the_term`).
#[utoipa::path(
    tag = "assessments",
    params(("deputy_id" = DeputyId, Path, description = "Deputy id"), RecordQuery),
    responses((status = 200, description = "The record", body = PerformanceRecord), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-records/{deputy_id}")]
pub async fn get_record(
    user: AuthUser,
    pool: web::Data<DbPool>,
    deputy: web::Path<DeputyId>,
    query: Query<RecordQuery>,
) -> Result<web::Json<PerformanceRecord>, ApiError> {
    let (deputy, q) = (deputy.into_inner(), query.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| load(conn, &user, deputy, &q)).await?,
    ))
}

/// The record of [`get_record`] as a print-ready DOCX (A4, 履职档案 with the deputy's
/// basic information and a table per section, Chinese headings). Same access.
#[utoipa::path(
    tag = "assessments",
    params(("deputy_id" = DeputyId, Path, description = "Deputy id"), RecordQuery),
    responses((status = 200, description = "The document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::http::FileBody), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-records/{deputy_id}/docx")]
pub async fn record_docx(
    user: AuthUser,
    pool: web::Data<DbPool>,
    deputy: web::Path<DeputyId>,
    query: Query<RecordQuery>,
) -> Result<HttpResponse, ApiError> {
    let (deputy, q) = (deputy.into_inner(), query.into_inner());
    let (record, basic) = tx(&pool, move |conn| {
        let record = load(conn, &user, deputy, &q)?;
        let basic = docx::basic(conn, deputy)?;
        Ok((record, basic))
    })
    .await?;
    let bytes = blocking(move || docx::document(&record, &basic)).await?;
    Ok(HttpResponse::Ok()
        .content_type(DOCX)
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"performance-record-{deputy}.docx\""),
        ))
        .body(bytes))
}
