//! Calls of the assessment area used by 我的履职 and the office's record and review
//! screens: performance records (`/api/v1/performance-records`), self-declared entries
//! (`/api/v1/performance-entries`, their kinds and attachments), correction requests
//! (`/api/v1/correction-requests`), and a run's scores and objections
//! (`/api/v1/assessment-runs/{id}/scores`, `/objections`). The office's scheme, run,
//! award, duty-report and appraisal calls are in [`office`].

pub mod office;
#[cfg(feature = "assessment_duties")]
pub mod publication;

use super::{get, json_of, query_string, send, send_json, url, ApiError, Body, Call};
use renda_openapi::{
    AssessmentRun, CorrectionInput, CorrectionListQuery, CorrectionPage, CorrectionRequest,
    CorrectionStep, CorrectionTransition, EntryAttachment, EntryInput, EntryKind, EntryListQuery,
    EntryPage, EntryStep, EntryTransition, Objection, ObjectionInput, PerformanceEntry,
    PerformanceRecord, PerformanceSummary, PerformanceSummaryPage, Rateable, Rating,
    RecordListQuery, RecordQuery, RunListQuery, RunPage, RunScores,
};
use serde::Serialize;
use uuid::Uuid;

/// `"<version>"`, the `If-Match` of a version read before.
pub(crate) fn if_match(version: i32) -> Vec<(&'static str, String)> {
    vec![("If-Match", format!("\"{version}\""))]
}

/// A deputy's record for a year (or period): counts, rates and lines by section.
pub async fn record(deputy_id: Uuid, q: &RecordQuery) -> Result<PerformanceRecord, ApiError> {
    get(&format!(
        "/performance-records/{deputy_id}{}",
        query_string(q)
    ))
    .await
}

/// Every deputy of a term with their counts for a year (the office, the presidium): all
/// pages of at most 200, by name.
pub async fn records(q: &RecordListQuery) -> Result<Vec<PerformanceSummary>, ApiError> {
    let mut q = q.clone();
    q.limit = Some(200);
    let mut all = Vec::new();
    loop {
        let page: PerformanceSummaryPage =
            get(&format!("/performance-records{}", query_string(&q))).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => return Ok(all),
        }
    }
}

/// Downloads the list of records as an XLSX workbook (one row per deputy).
pub async fn export_records(q: &RecordListQuery) -> Result<(), ApiError> {
    let mut q = q.clone();
    (q.limit, q.cursor) = (None, None);
    super::download(
        &format!("/performance-records/xlsx{}", query_string(&q)),
        "performance-records.xlsx",
    )
    .await
}

/// Downloads one deputy's record as a print-ready DOCX document.
pub async fn export_record(deputy_id: Uuid, q: &RecordQuery) -> Result<(), ApiError> {
    super::download(
        &format!("/performance-records/{deputy_id}/docx{}", query_string(q)),
        "performance-record.docx",
    )
    .await
}

/// The kinds of self-declared entries of the user's congress.
pub async fn entry_kinds() -> Result<Vec<EntryKind>, ApiError> {
    get("/performance-entry-kinds").await
}

/// A page of self-declared entries (a deputy's own; the office's queue by status).
pub async fn entries(q: &EntryListQuery) -> Result<EntryPage, ApiError> {
    get(&format!("/performance-entries{}", query_string(q))).await
}

/// Declares an entry; the idempotency key makes a retried save create one only.
pub async fn create_entry(
    input: &EntryInput,
    idempotency_key: &str,
) -> Result<PerformanceEntry, ApiError> {
    send_json(
        "POST",
        "/performance-entries",
        input,
        vec![("Idempotency-Key", idempotency_key.to_string())],
    )
    .await
}

/// Edits a pending entry from `version` (412 when stale).
pub async fn update_entry(
    id: Uuid,
    version: i32,
    input: &EntryInput,
) -> Result<PerformanceEntry, ApiError> {
    let path = format!("/performance-entries/{id}");
    send_json("PUT", &path, input, if_match(version)).await
}

/// Recalls, approves or rejects an entry (a reason to reject).
pub async fn entry_step(
    id: Uuid,
    version: i32,
    step: EntryStep,
    reason: Option<String>,
) -> Result<PerformanceEntry, ApiError> {
    let body = EntryTransition { step, reason };
    let path = format!("/performance-entries/{id}/transitions");
    send_json("POST", &path, &body, if_match(version)).await
}

#[derive(Serialize)]
struct Upload<'a> {
    filename: &'a str,
}

/// Attaches `file` to a pending entry.
pub async fn attach(entry_id: Uuid, file: web_sys::File) -> Result<EntryAttachment, ApiError> {
    let name = file.name();
    let response = send(Call {
        method: "POST",
        url: url(&format!(
            "/performance-entries/{entry_id}/attachments{}",
            query_string(&Upload { filename: &name })
        )),
        body: Body::File(file),
        headers: vec![],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Downloads an entry's attachment.
pub async fn download_attachment(a: &EntryAttachment) -> Result<(), ApiError> {
    super::download(&format!("/entry-attachments/{}", a.id), &a.filename).await
}

/// Removes an attachment of a pending entry.
pub async fn delete_attachment(id: Uuid) -> Result<(), ApiError> {
    send(Call {
        method: "DELETE",
        url: url(&format!("/entry-attachments/{id}")),
        body: Body::None,
        headers: vec![],
        auth: true,
    })
    .await
    .map(|_| ())
}

/// A page of correction requests (a deputy's own; the office's queue by status).
pub async fn corrections(q: &CorrectionListQuery) -> Result<CorrectionPage, ApiError> {
    get(&format!("/correction-requests{}", query_string(q))).await
}

/// Files a correction request against a line of the deputy's own record.
pub async fn create_correction(input: &CorrectionInput) -> Result<CorrectionRequest, ApiError> {
    send_json("POST", "/correction-requests", input, vec![]).await
}

/// Accepts, rejects (with a note) or withdraws a correction request.
pub async fn correction_step(
    id: Uuid,
    version: i32,
    step: CorrectionStep,
    note: Option<String>,
) -> Result<CorrectionRequest, ApiError> {
    let body = CorrectionTransition { step, note };
    let path = format!("/correction-requests/{id}/transitions");
    send_json("POST", &path, &body, if_match(version)).await
}

/// Assessment runs the user may see (a deputy: published and frozen ones), newest first
/// (the first page of at most 200).
pub async fn runs(q: &RunListQuery) -> Result<Vec<AssessmentRun>, ApiError> {
    let mut q = q.clone();
    q.limit = Some(200);
    let page: RunPage = get(&format!("/assessment-runs{}", query_string(&q))).await?;
    Ok(page.items)
}

/// A run's scores: the caller's own row for a deputy (all rows when published to all).
pub async fn scores(run_id: Uuid) -> Result<RunScores, ApiError> {
    get(&format!("/assessment-runs/{run_id}/scores")).await
}

/// The objections of a run the user may see (a deputy: their own).
pub async fn objections(run_id: Uuid) -> Result<Vec<Objection>, ApiError> {
    get(&format!("/assessment-runs/{run_id}/objections")).await
}

/// Files an objection to the caller's own published score, while the window is open.
pub async fn object(run_id: Uuid, input: &ObjectionInput) -> Result<Objection, ApiError> {
    let path = format!("/assessment-runs/{run_id}/objections");
    send_json("POST", &path, input, vec![]).await
}

/// The scores the caller may give in a run, with theirs so far
/// (`GET /assessment-runs/{id}/rateable`).
pub async fn rateable(run_id: Uuid) -> Result<Vec<Rateable>, ApiError> {
    get(&format!("/assessment-runs/{run_id}/rateable")).await
}

/// Gives (or replaces) the caller's score of a deputy at a stage
/// (`PUT /assessment-runs/{id}/ratings`).
pub async fn rate(run_id: Uuid, rating: &Rating) -> Result<Rating, ApiError> {
    let path = format!("/assessment-runs/{run_id}/ratings");
    send_json("PUT", &path, rating, vec![]).await
}
