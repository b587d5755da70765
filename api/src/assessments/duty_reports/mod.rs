//! Duty reports to constituents (述职评议, DL 58 / R14: the presidium organises deputies'
//! reports to their constituents): at an activity of kind `duty_report`, which deputies
//! reported, to which constituency, before how many constituents' representatives, in
//! writing or orally, and each one's ballots (满意 / 基本满意 / 不满意, invalid), entered by
//! hand or from a ballot sheet. The satisfaction rate enters the record (see
//! `records::counts`) and the schemes; the coverage shows who reported this term.

pub mod import;
pub mod queries;

use super::access::{reads_scope, require_office};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ImportErrors, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json, Query};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use queries::{gate, ReportRow};
use renda_openapi::messages::CommonMessage;
use renda_openapi::{
    BallotImportQuery, BallotImportReport, CoverageRow, DutyReport, DutyReportCoverage,
    DutyReportId, DutyReportInput, DutyReportListQuery, DutyReportPage, Problem, Refusal, TermId,
};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_reports)
        .service(create_report)
        .service(import_ballots)
        .service(get_report)
        .service(update_report)
        .service(coverage);
}

fn one(conn: &mut diesel::PgConnection, row: ReportRow) -> Result<DutyReport, ApiError> {
    queries::to_wire(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("duty report without its activity".into()))
}

/// Appends the audit entry of a change to a report.
pub fn audit(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&DutyReport>,
    after: &DutyReport,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "duty_report",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// Duty reports: a deputy's own; the office's and the presidium's of their scope
/// (`activity_id`, `deputy_id`, `term_id` narrow it). Oldest first; with `updated_since`,
/// by change time. Pages of at most 200 (`limit`, `cursor`). Not for handling
/// organisations (403).
#[utoipa::path(
    tag = "assessments",
    params(DutyReportListQuery),
    responses((status = 200, description = "A page of duty reports", body = DutyReportPage), (status = 403, description = "A handling organisation, or no deputy for this account", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/duty-reports")]
pub async fn list_reports(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<DutyReportListQuery>,
) -> Result<web::Json<DutyReportPage>, ApiError> {
    gate(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Record a deputy's duty report at a duty-report activity (the office), with the ballots
/// if already counted. The constituency defaults to the deputy's 选区. `Idempotency-Key`
/// makes a retry safe.
///
/// Errors: 403 unless the office; 409 `duty_report_exists` for a second report of the
/// deputy at the activity; 422 `not_a_duty_report_activity` (`/activity_id`),
/// `not_a_deputy_of_the_term` (`/deputy_id`), `out_of_range` (`/audience`, 0–100,000),
/// `ballots_exceed_audience` or `ballots_cast_exceed_audience` (`/ballots`).
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = DutyReportInput,
    responses((status = 201, description = "Recorded", body = DutyReport), (status = 409, description = "The deputy already reported at this activity", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/duty-reports")]
pub async fn create_report(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<DutyReportInput>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let input = body.into_inner();
    queries::check(&input)?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let (_, constituency) = queries::resolve(conn, &user, &input, None)?;
        let row = queries::insert(conn, &input, constituency)?;
        let wire = one(conn, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One duty report; `ETag` holds the version.
#[utoipa::path(
    tag = "assessments",
    params(("id" = DutyReportId, Path, description = "Duty report id")),
    responses((status = 200, description = "The duty report", body = DutyReport), (status = 403, description = "A handling organisation", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/duty-reports/{id}")]
pub async fn get_report(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<DutyReportId>,
) -> Result<HttpResponse, ApiError> {
    gate(&user)?;
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

/// Change a duty report, e.g. enter its ballots (the office), with `If-Match`.
///
/// Errors: 403 unless the office; 409 `duty_report_exists`; 412 on a stale version; 428
/// without `If-Match`; 422 as for recording.
#[utoipa::path(
    tag = "assessments",
    params(("id" = DutyReportId, Path, description = "Duty report id")),
    request_body = DutyReportInput,
    responses((status = 200, description = "Updated", body = DutyReport), (status = 409, description = "The deputy already reported at this activity", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/duty-reports/{id}")]
pub async fn update_report(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<DutyReportId>,
    body: Json<DutyReportInput>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let version = if_match(&req)?;
    let input = body.into_inner();
    let id = id.into_inner();
    queries::check(&input)?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        if row.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        let (_, constituency) = queries::resolve(conn, &user, &input, Some(row.id))?;
        let before = one(conn, row.clone())?;
        let updated = queries::update(conn, &row, &input, constituency)?;
        let after = one(conn, updated)?;
        audit(conn, &user, "update", Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Enter the ballots of a duty-report activity from a ballot sheet (计票表), the office.
///
/// The body is the file: CSV (UTF-8 or GB18030), XLSX or JSON, read within the import
/// bounds, one row per deputy under a header with 姓名 and the counts 满意, 基本满意,
/// 不满意, and optionally 无效 and 有效 (checked against the sum); title rows above the
/// header are skipped. Each row names a deputy who reported at the activity; its tally
/// must fit that report's audience. Valid rows are applied, the others reported with their
/// row number and reason (`/rows/{n}`); `dry_run=true` writes nothing. At most 1,000 rows.
#[utoipa::path(
    tag = "assessments",
    params(BallotImportQuery),
    request_body(description = "The ballot sheet", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or, in a dry run, would be) entered", body = BallotImportReport),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/duty-reports/import")]
pub async fn import_ballots(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<BallotImportQuery>,
    body: web::Payload,
) -> Result<web::Json<BallotImportReport>, ApiError> {
    require_office(&user)?;
    let q = query.into_inner();
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    Ok(web::Json(
        tx(&pool, move |conn| {
            let activity = queries::activity(conn, &user, q.activity_id, false)?;
            import::run(conn, &user, &activity, upload, q.dry_run)
        })
        .await?,
    ))
}

/// `GET /duty-report-coverage` parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// The term: its deputies (mandates not terminated) and its duty-report activities.
    pub term_id: TermId,
}

/// Who has reported to constituents this term and who not (the office and the
/// presidium): every deputy of the term with their number of reports, the last one's date
/// and satisfaction rate; by name.
#[utoipa::path(
    tag = "assessments",
    params(CoverageQuery),
    responses((status = 200, description = "The term's coverage", body = DutyReportCoverage), (status = 403, description = "Neither the office nor the presidium", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/duty-report-coverage")]
pub async fn coverage(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CoverageQuery>,
) -> Result<web::Json<DutyReportCoverage>, ApiError> {
    if !reads_scope(&user) {
        return Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into());
    }
    let term = query.into_inner().term_id;
    let cov = tx(&pool, move |conn| {
        let reports = queries::of_term(conn, &user, term)?;
        let deputies = super::records::counts::assessed(conn, term, None, None)?;
        let mut by_deputy: HashMap<_, Vec<_>> = HashMap::new();
        for (r, at) in reports {
            by_deputy.entry(r.deputy_id).or_default().push((r, at));
        }
        let rows: Vec<CoverageRow> = deputies
            .into_iter()
            .map(|d| {
                let theirs = by_deputy.remove(&d.deputy_id).unwrap_or_default();
                let last = theirs.first();
                CoverageRow {
                    reports: theirs.len() as u32,
                    last_reported_on: last
                        .map(|(_, at)| at.with_timezone(&queries::cst()).date_naive()),
                    last_satisfaction_rate: last
                        .and_then(|(r, _)| r.tally())
                        .and_then(|t| t.satisfaction_rate()),
                    deputy: d,
                }
            })
            .collect();
        Ok::<_, ApiError>(DutyReportCoverage {
            term_id: term,
            deputies: rows.len() as u32,
            reported: rows.iter().filter(|r| r.reports > 0).count() as u32,
            rows,
        })
    })
    .await?;
    Ok(web::Json(cov))
}
