//! The scores of a run: the ranking with each deputy's items and their explanation,
//! ranks (ties shared), grades and flags, the group scores, and the XLSX export. The
//! office and the presidium read every row; a deputy reads their own row of a published
//! or frozen run, and every row when the run is published to all.

use super::queries::{self, RunRow};
use super::snapshot::{stored, stored_groups};
use crate::assessments::access::{reads_scope, require_reader};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors};
use crate::http::Query;
use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use renda_openapi::messages::AssessmentMessage as M;
use renda_openapi::{AssessmentRunId, DeputyId, Lang, Problem, Refusal, RunScores};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this part.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_scores)
        .service(export_scores)
        .service(export_scores_docx);
}

/// `GET /assessment-runs/{id}/scores` parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScoresQuery {
    /// Only this deputy's row.
    pub deputy_id: Option<DeputyId>,
}

/// Whether the caller reads every row of the run.
fn reads_all(user: &AuthUser, run: &RunRow) -> bool {
    reads_scope(user) || run.publish_to_all
}

/// The scores the caller may read.
///
/// Errors: 404 for a run they do not see; 403 `scores_not_published` for a deputy asking
/// for another deputy's row of a run not published to all; 403 `no_deputy_account`.
pub fn readable(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: AssessmentRunId,
    only: Option<DeputyId>,
) -> Result<(RunRow, RunScores), ApiError> {
    let run = queries::find_visible(conn, user, id)?;
    let all = reads_all(user, &run);
    let only = if all {
        only
    } else {
        let own = crate::assessments::access::own_deputy(user)?;
        if only.is_some_and(|d| d != own) {
            return Err(Refusal::forbidden(M::ScoresNotPublished).into());
        }
        Some(own)
    };
    let (assessed, _) = queries::tallies(conn, run.id)?;
    let scores = stored(conn, &run, only)?;
    let groups = if all {
        stored_groups(conn, &run)?
    } else {
        vec![]
    };
    let out = RunScores {
        run_id: run.id,
        status: run.status,
        assessed,
        scores,
        groups,
    };
    Ok((run, out))
}

/// The ranking: every deputy's score, best first (equal totals share a rank), each item
/// with what it was computed from (records counted, points, cap applied, rater stages,
/// objection adjustments), grade and flags; and the group scores. A frozen run answers
/// its snapshot. Deputies: their own row, unless the run is published to all.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id"), ScoresQuery),
    responses((status = 200, description = "The scores", body = RunScores), (status = 403, description = "Another deputy's row of a run not published to all; handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/scores")]
pub async fn get_scores(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    query: Query<ScoresQuery>,
) -> Result<web::Json<RunScores>, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let only = query.deputy_id;
    let (_, scores) = tx(&pool, move |conn| readable(conn, &user, id, only)).await?;
    Ok(web::Json(scores))
}

/// The ranking as an XLSX workbook: sheet 排名 (rank, name, group, each item's points,
/// total, grade, flags), sheet 计分说明 (each item's explanation), sheet 代表小组 (group
/// scores when the scheme scores groups). The rows the caller may read, as for the JSON.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    responses((status = 200, description = "The workbook", body = crate::http::FileBody, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 403, description = "Handling organisations; a deputy without a deputy record", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/scores.xlsx")]
pub async fn export_scores(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let (run, scores) = tx(&pool, move |conn| readable(conn, &user, id, None)).await?;
    file(run, scores, false).await
}

/// The ranking written off the async workers, as an attachment: DOCX when `docx`, else
/// XLSX. Errors: 500 if the file cannot be written.
async fn file(run: RunRow, scores: RunScores, docx: bool) -> Result<HttpResponse, ApiError> {
    let bytes = web::block(move || {
        if docx {
            let p = run.period();
            let period = format!("{} 至 {}", p.from, p.to);
            super::ranking_docx::document(&run.name, &period, &scores)
        } else {
            to_xlsx(&scores)
        }
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))??;
    let (mime, name) = if docx {
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "assessment-ranking.docx",
        )
    } else {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "assessment-scores.xlsx",
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}

/// The ranking as a print-ready DOCX (`super::ranking_docx`): the deputies by rank with
/// total, grade and flags, and the groups' scores when the scheme scores groups. The rows
/// the caller may read, as for the JSON.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    responses((status = 200, description = "The document", body = crate::http::FileBody, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (status = 403, description = "Handling organisations; a deputy without a deputy record", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/scores.docx")]
pub async fn export_scores_docx(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let (run, scores) = tx(&pool, move |conn| readable(conn, &user, id, None)).await?;
    file(run, scores, true).await
}

type XlsxResult = Result<(), rust_xlsxwriter::XlsxError>;

fn headers(sheet: &mut rust_xlsxwriter::Worksheet, names: &[String]) -> XlsxResult {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (j, h) in names.iter().enumerate() {
        sheet.write_string_with_format(0, j as u16, h, &bold)?;
    }
    Ok(())
}

/// Sheet 排名: rank, name, group, each item's points, total, grade, flags.
fn ranking(sheet: &mut rust_xlsxwriter::Worksheet, s: &RunScores) -> XlsxResult {
    sheet.set_name("排名")?;
    let mut names: Vec<String> = vec!["排名".into(), "姓名".into(), "代表小组".into()];
    if let Some(first) = s.scores.first() {
        names.extend(first.items.iter().map(|i| i.label.clone()));
    }
    names.extend(["总分".into(), "等次".into(), "提示".into()]);
    headers(sheet, &names)?;
    for (i, d) in s.scores.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, f64::from(d.rank))?;
        sheet.write_string(row, 1, &d.deputy.name)?;
        sheet.write_string(row, 2, d.deputy.deputy_group_name.as_deref().unwrap_or(""))?;
        for (j, item) in d.items.iter().enumerate() {
            sheet.write_number(row, 3 + j as u16, item.points)?;
        }
        let at = 3 + d.items.len() as u16;
        sheet.write_number(row, at, d.total)?;
        sheet.write_string(row, at + 1, d.grade.label(Lang::Zh))?;
        let flags: Vec<&str> = d.flags.iter().map(|f| f.label(Lang::Zh)).collect();
        sheet.write_string(row, at + 2, flags.join("、"))?;
    }
    Ok(())
}

/// Sheet 计分说明: each deputy's items with their explanation.
fn explanations(sheet: &mut rust_xlsxwriter::Worksheet, s: &RunScores) -> XlsxResult {
    sheet.set_name("计分说明")?;
    let names: Vec<String> = ["姓名", "项目", "得分", "计分说明"]
        .map(String::from)
        .to_vec();
    headers(sheet, &names)?;
    let mut row = 1u32;
    for d in &s.scores {
        for item in &d.items {
            sheet.write_string(row, 0, &d.deputy.name)?;
            sheet.write_string(row, 1, &item.label)?;
            sheet.write_number(row, 2, item.points)?;
            sheet.write_string(row, 3, item.explain(Lang::Zh))?;
            row += 1;
        }
    }
    Ok(())
}

/// Sheet 代表小组: the group scores.
fn groups(sheet: &mut rust_xlsxwriter::Worksheet, s: &RunScores) -> XlsxResult {
    sheet.set_name("代表小组")?;
    let names: Vec<String> = [
        "排名",
        "代表小组",
        "人数",
        "成员平均分",
        "小组活动",
        "活动得分",
        "总分",
        "拟评先进",
    ]
    .map(String::from)
    .to_vec();
    headers(sheet, &names)?;
    for (i, g) in s.groups.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, f64::from(g.rank))?;
        sheet.write_string(r, 1, &g.name)?;
        sheet.write_number(r, 2, f64::from(g.members))?;
        sheet.write_number(r, 3, g.member_average)?;
        sheet.write_number(r, 4, f64::from(g.activities))?;
        sheet.write_number(r, 5, g.activity_points)?;
        sheet.write_number(r, 6, g.total)?;
        sheet.write_string(r, 7, if g.proposed { "是" } else { "" })?;
    }
    Ok(())
}

/// The workbook of [`export_scores`]: sheets 排名 and 计分说明, and 代表小组 when the scheme
/// scores groups.
pub fn to_xlsx(s: &RunScores) -> Result<Vec<u8>, ApiError> {
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    ranking(book.add_worksheet(), s).map_err(err)?;
    explanations(book.add_worksheet(), s).map_err(err)?;
    if !s.groups.is_empty() {
        groups(book.add_worksheet(), s).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
