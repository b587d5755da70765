//! Calls of the office's and the presidium's assessment screens: schemes and their
//! templates, runs with their scores, ratings and objections, awards, duty reports with
//! their ballots and sheet import, and work appraisals. The paths are those the contract
//! (`renda_openapi::assessments`) names in its doc comments.

use super::super::{get, json_of, query_string, send, send_json, url, ApiError, Body, Call};
use renda_openapi::assessments::{
    AppraisalInput, AppraisalStage, AppraisalTransition, AppraisalUnitInput, AssessmentRun,
    AssessmentScheme, Award, AwardListQuery, AwardTransition, BallotImportReport, DutyReport,
    DutyReportCoverage, DutyReportInput, DutyReportListQuery, Objection, ObjectionTransition,
    RunInput, RunListQuery, RunScores, RunTransition, SchemeInput, SchemeTemplate, WorkAppraisal,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `"<version>"`, the `If-Match` of a version read before.
fn if_match(version: i32) -> Vec<(&'static str, String)> {
    vec![("If-Match", format!("\"{version}\""))]
}

/// A list as the server sends it: a page (`items`, `next_cursor`) or a bare array.
#[derive(Deserialize)]
#[serde(untagged)]
enum ListOf<T> {
    Page {
        items: Vec<T>,
        #[allow(dead_code)]
        next_cursor: Option<String>,
    },
    Bare(Vec<T>),
}

/// The rows of a list (the first page of at most 200).
async fn list<T: DeserializeOwned>(path: &str) -> Result<Vec<T>, ApiError> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let got: ListOf<T> = get(&format!("{path}{sep}limit=200")).await?;
    Ok(match got {
        ListOf::Page { items, .. } => items,
        ListOf::Bare(items) => items,
    })
}

/// A new random idempotency key.
pub fn new_key() -> String {
    Uuid::now_v7().to_string()
}

fn created(key: &str) -> Vec<(&'static str, String)> {
    vec![("Idempotency-Key", key.to_string())]
}

// --- schemes ----------------------------------------------------------------------------

/// `GET /assessment-scheme-templates`: the three templates.
pub async fn templates() -> Result<Vec<SchemeTemplate>, ApiError> {
    list("/assessment-scheme-templates").await
}

#[derive(Serialize, Clone, PartialEq)]
struct SchemeQuery {
    congress_id: Option<Uuid>,
}

/// `GET /assessment-schemes`: every version the caller sees, of a congress if given.
pub async fn schemes(congress_id: Option<Uuid>) -> Result<Vec<AssessmentScheme>, ApiError> {
    list(&format!(
        "/assessment-schemes{}",
        query_string(&SchemeQuery { congress_id })
    ))
    .await
}

/// `GET /assessment-schemes/{id}`.
pub async fn scheme(id: Uuid) -> Result<AssessmentScheme, ApiError> {
    get(&format!("/assessment-schemes/{id}")).await
}

/// `POST /assessment-schemes`: a new scheme (version 1).
pub async fn create_scheme(input: &SchemeInput, key: &str) -> Result<AssessmentScheme, ApiError> {
    send_json("POST", "/assessment-schemes", input, created(key)).await
}

/// `PUT /assessment-schemes/{id}` from `version` (refused once frozen).
pub async fn update_scheme(
    id: Uuid,
    version: i32,
    input: &SchemeInput,
) -> Result<AssessmentScheme, ApiError> {
    send_json(
        "PUT",
        &format!("/assessment-schemes/{id}"),
        input,
        if_match(version),
    )
    .await
}

/// `POST /assessment-schemes/{id}/versions`: an editable copy of a (frozen) version.
pub async fn new_version(id: Uuid) -> Result<AssessmentScheme, ApiError> {
    send_json(
        "POST",
        &format!("/assessment-schemes/{id}/versions"),
        &(),
        vec![],
    )
    .await
}

// --- runs -------------------------------------------------------------------------------

/// `GET /assessment-runs`.
pub async fn runs(q: &RunListQuery) -> Result<Vec<AssessmentRun>, ApiError> {
    list(&format!("/assessment-runs{}", query_string(q))).await
}

/// `GET /assessment-runs/{id}`.
pub async fn run(id: Uuid) -> Result<AssessmentRun, ApiError> {
    get(&format!("/assessment-runs/{id}")).await
}

/// `POST /assessment-runs`.
pub async fn create_run(input: &RunInput, key: &str) -> Result<AssessmentRun, ApiError> {
    send_json("POST", "/assessment-runs", input, created(key)).await
}

/// `POST /assessment-runs/{id}/transitions` from `version`.
pub async fn run_step(
    id: Uuid,
    version: i32,
    step: &RunTransition,
) -> Result<AssessmentRun, ApiError> {
    send_json(
        "POST",
        &format!("/assessment-runs/{id}/transitions"),
        step,
        if_match(version),
    )
    .await
}

/// `GET /assessment-runs/{id}/scores`: the ranking with each deputy's breakdown.
pub async fn scores(id: Uuid) -> Result<RunScores, ApiError> {
    get(&format!("/assessment-runs/{id}/scores")).await
}

/// The address of the ranking as an XLSX workbook (the export link).
pub fn scores_xlsx_path(id: Uuid) -> String {
    format!("/assessment-runs/{id}/scores.xlsx")
}

/// Downloads the ranking as an XLSX workbook, or (`docx`) as a print-ready document.
pub async fn export_scores(id: Uuid, docx: bool) -> Result<(), ApiError> {
    if docx {
        let path = format!("/assessment-runs/{id}/scores.docx");
        super::super::download(&path, "assessment-ranking.docx").await
    } else {
        super::super::download(&scores_xlsx_path(id), "assessment-ranking.xlsx").await
    }
}

/// `GET /assessment-runs/{id}/objections`.
pub async fn objections(run_id: Uuid) -> Result<Vec<Objection>, ApiError> {
    list(&format!("/assessment-runs/{run_id}/objections")).await
}

/// `POST /objections/{id}/transitions` from `version`: uphold or dismiss, with a reason.
pub async fn objection_step(
    id: Uuid,
    version: i32,
    step: &ObjectionTransition,
) -> Result<Objection, ApiError> {
    send_json(
        "POST",
        &format!("/objections/{id}/transitions"),
        step,
        if_match(version),
    )
    .await
}

// --- awards -----------------------------------------------------------------------------

/// `GET /awards`.
pub async fn awards(q: &AwardListQuery) -> Result<Vec<Award>, ApiError> {
    list(&format!("/awards{}", query_string(q))).await
}

/// `POST /awards/{id}/transitions` from `version` (the presidium's confirm or decline).
pub async fn award_step(id: Uuid, version: i32, step: &AwardTransition) -> Result<Award, ApiError> {
    send_json(
        "POST",
        &format!("/awards/{id}/transitions"),
        step,
        if_match(version),
    )
    .await
}

// --- duty reports -----------------------------------------------------------------------

/// `GET /duty-reports`.
pub async fn duty_reports(q: &DutyReportListQuery) -> Result<Vec<DutyReport>, ApiError> {
    list(&format!("/duty-reports{}", query_string(q))).await
}

/// `POST /duty-reports`: a deputy's report at a duty-report activity.
pub async fn create_duty_report(
    input: &DutyReportInput,
    key: &str,
) -> Result<DutyReport, ApiError> {
    send_json("POST", "/duty-reports", input, created(key)).await
}

/// `PUT /duty-reports/{id}` from `version` (e.g. to enter the ballots).
pub async fn update_duty_report(
    id: Uuid,
    version: i32,
    input: &DutyReportInput,
) -> Result<DutyReport, ApiError> {
    send_json(
        "PUT",
        &format!("/duty-reports/{id}"),
        input,
        if_match(version),
    )
    .await
}

#[derive(Serialize)]
struct CoverageQuery {
    term_id: Uuid,
}

/// `GET /duty-report-coverage?term_id=`.
pub async fn coverage(term_id: Uuid) -> Result<DutyReportCoverage, ApiError> {
    get(&format!(
        "/duty-report-coverage{}",
        query_string(&CoverageQuery { term_id })
    ))
    .await
}

#[derive(Serialize)]
struct BallotImportQuery {
    activity_id: Uuid,
    dry_run: bool,
}

/// `POST /duty-reports/import?activity_id=&dry_run=`: a ballot sheet (CSV or XLSX) as the
/// body; `dry_run` only checks and reports.
pub async fn import_ballots(
    activity_id: Uuid,
    file: web_sys::File,
    dry_run: bool,
) -> Result<BallotImportReport, ApiError> {
    let response = send(Call {
        method: "POST",
        url: url(&format!(
            "/duty-reports/import{}",
            query_string(&BallotImportQuery {
                activity_id,
                dry_run
            })
        )),
        headers: vec![(
            "Content-Type",
            super::super::roster_content_type(&file.name()).to_string(),
        )],
        body: Body::File(file),
        auth: true,
    })
    .await?;
    json_of(&response).await
}

// --- work appraisals --------------------------------------------------------------------

/// `GET /work-appraisals`.
pub async fn appraisals() -> Result<Vec<WorkAppraisal>, ApiError> {
    list("/work-appraisals").await
}

/// `GET /work-appraisals/{id}`.
pub async fn appraisal(id: Uuid) -> Result<WorkAppraisal, ApiError> {
    get(&format!("/work-appraisals/{id}")).await
}

/// `POST /work-appraisals`: the plan.
pub async fn create_appraisal(
    input: &AppraisalInput,
    key: &str,
) -> Result<WorkAppraisal, ApiError> {
    send_json("POST", "/work-appraisals", input, created(key)).await
}

/// `PUT /work-appraisals/{id}` from `version` (the plan stage only).
pub async fn update_appraisal(
    id: Uuid,
    version: i32,
    input: &AppraisalInput,
) -> Result<WorkAppraisal, ApiError> {
    send_json(
        "PUT",
        &format!("/work-appraisals/{id}"),
        input,
        if_match(version),
    )
    .await
}

/// `PUT /work-appraisals/{id}/units/{org_id}` from the appraisal's `version`: what the
/// unit's current stage records.
pub async fn update_unit(
    id: Uuid,
    version: i32,
    org_id: Uuid,
    input: &AppraisalUnitInput,
) -> Result<WorkAppraisal, ApiError> {
    send_json(
        "PUT",
        &format!("/work-appraisals/{id}/units/{org_id}"),
        input,
        if_match(version),
    )
    .await
}

/// `POST /work-appraisals/{id}/transitions` from `version`: on to the next stage `to`.
pub async fn advance_appraisal(
    id: Uuid,
    version: i32,
    to: AppraisalStage,
) -> Result<WorkAppraisal, ApiError> {
    send_json(
        "POST",
        &format!("/work-appraisals/{id}/transitions"),
        &AppraisalTransition { to },
        if_match(version),
    )
    .await
}
