//! Calls of the suggestions area (`/api/v1/suggestions`, replies, feedback, handling
//! organisations, categories, reminders, the handling report): the suggestions screens use
//! these.

use super::{get, json_body, json_of, query_string, send, send_json, url, ApiError, Body, Call};
use renda_openapi::{
    FeedbackInput, HandlingOrg, NewConsultation, Reminder, Reply, ReplyInput, ReportQuery,
    Suggestion, SuggestionAction, SuggestionAttachment, SuggestionCategory, SuggestionEvent,
    SuggestionInput, SuggestionPage, SuggestionQuery, SuggestionReport,
};
use serde::Serialize;
use uuid::Uuid;

/// `"<version>"`, the `If-Match` of a version read before.
fn if_match(version: i32) -> Vec<(&'static str, String)> {
    vec![("If-Match", format!("\"{version}\""))]
}

/// A page of suggestions the user may see (`next_cursor` for more).
pub async fn list(q: &SuggestionQuery) -> Result<SuggestionPage, ApiError> {
    get(&format!("/suggestions{}", query_string(q))).await
}

/// One suggestion with its signers, referrals, consultations, replies and feedback.
pub async fn suggestion(id: Uuid) -> Result<Suggestion, ApiError> {
    get(&format!("/suggestions/{id}")).await
}

/// Creates a draft; the idempotency key makes a retried save create one only.
pub async fn create(
    input: &SuggestionInput,
    idempotency_key: &str,
) -> Result<Suggestion, ApiError> {
    send_json(
        "POST",
        "/suggestions",
        input,
        vec![("Idempotency-Key", idempotency_key.to_string())],
    )
    .await
}

/// Replaces a draft's fields; `version` is the one read (412 when stale).
pub async fn update(
    id: Uuid,
    version: i32,
    input: &SuggestionInput,
) -> Result<Suggestion, ApiError> {
    send_json(
        "PUT",
        &format!("/suggestions/{id}"),
        input,
        if_match(version),
    )
    .await
}

/// A co-signer confirms their signature on a draft.
pub async fn confirm(id: Uuid) -> Result<Suggestion, ApiError> {
    send_json("POST", &format!("/suggestions/{id}/confirm"), &(), vec![]).await
}

/// Takes one step of the workflow from `version`. `None`: done, and the caller (an
/// organisation that returned the item) no longer sees it (204).
pub async fn transition(
    id: Uuid,
    version: i32,
    action: &SuggestionAction,
) -> Result<Option<Suggestion>, ApiError> {
    let response = send(Call {
        method: "POST",
        url: url(&format!("/suggestions/{id}/transitions")),
        body: json_body(action),
        headers: if_match(version),
        auth: true,
    })
    .await?;
    if response.status() == 204 {
        return Ok(None);
    }
    json_of(&response).await.map(Some)
}

/// Every step of an item's handling, oldest first.
pub async fn history(id: Uuid) -> Result<Vec<SuggestionEvent>, ApiError> {
    get(&format!("/suggestions/{id}/history")).await
}

/// Records a consultation (面商) of the caller's organisation with the deputy.
pub async fn consult(id: Uuid, c: &NewConsultation) -> Result<serde::de::IgnoredAny, ApiError> {
    send_json(
        "POST",
        &format!("/suggestions/{id}/consultations"),
        c,
        vec![],
    )
    .await
}

/// Drafts a reply of the caller's organisation.
pub async fn draft_reply(id: Uuid, r: &ReplyInput) -> Result<Reply, ApiError> {
    send_json("POST", &format!("/suggestions/{id}/replies"), r, vec![]).await
}

/// Edits a reply draft from `version`.
pub async fn update_reply(id: Uuid, version: i32, r: &ReplyInput) -> Result<Reply, ApiError> {
    send_json("PUT", &format!("/replies/{id}"), r, if_match(version)).await
}

/// Sends a reply draft to every signer.
pub async fn send_reply(id: Uuid) -> Result<Reply, ApiError> {
    send_json("POST", &format!("/replies/{id}/send"), &(), vec![]).await
}

/// A signer rates the replies of the current round.
pub async fn feedback(id: Uuid, f: &FeedbackInput) -> Result<Suggestion, ApiError> {
    send_json("POST", &format!("/suggestions/{id}/feedback"), f, vec![]).await
}

/// The attachments of an item and its replies that the user may read.
pub async fn attachments(id: Uuid) -> Result<Vec<SuggestionAttachment>, ApiError> {
    get(&format!("/suggestions/{id}/attachments")).await
}

#[derive(Serialize)]
struct Upload<'a> {
    filename: &'a str,
    reply_id: Option<Uuid>,
}

/// Attaches `file` to an item, or with `reply_id` to a reply draft.
pub async fn attach(
    id: Uuid,
    reply_id: Option<Uuid>,
    file: web_sys::File,
) -> Result<SuggestionAttachment, ApiError> {
    let name = file.name();
    let response = send(Call {
        method: "POST",
        url: url(&format!(
            "/suggestions/{id}/attachments{}",
            query_string(&Upload {
                filename: &name,
                reply_id,
            })
        )),
        body: Body::File(file),
        headers: vec![],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Downloads an attachment.
pub async fn download_attachment(a: &SuggestionAttachment) -> Result<(), ApiError> {
    super::download(&format!("/attachments/{}", a.id), &a.file_name).await
}

#[derive(Serialize)]
struct CongressFilter {
    congress_id: Option<Uuid>,
}

/// The handling organisations in the user's scope (of one congress when given).
pub async fn handling_orgs(congress_id: Option<Uuid>) -> Result<Vec<HandlingOrg>, ApiError> {
    get(&format!(
        "/handling-orgs{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await
}

/// The category taxonomy usable in a congress (the user's own when `None`), by path, so
/// that each class is followed by its subclasses.
pub async fn categories(congress_id: Option<Uuid>) -> Result<Vec<SuggestionCategory>, ApiError> {
    let mut list: Vec<SuggestionCategory> = get(&format!(
        "/suggestion-categories{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await?;
    list.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(list)
}

/// The user's deadline reminders, newest first.
pub async fn reminders() -> Result<Vec<Reminder>, ApiError> {
    get("/reminders?unread=true").await
}

/// Marks a reminder read.
pub async fn read_reminder(id: Uuid) -> Result<(), ApiError> {
    send(Call {
        method: "POST",
        url: url(&format!("/reminders/{id}/read")),
        body: Body::None,
        headers: vec![],
        auth: true,
    })
    .await
    .map(|_| ())
}

/// The handling report of a period.
pub async fn report(q: &ReportQuery) -> Result<SuggestionReport, ApiError> {
    get(&format!("/suggestion-report{}", query_string(q))).await
}

/// Downloads the handling report as an XLSX workbook.
pub async fn export_report(q: &ReportQuery) -> Result<(), ApiError> {
    let mut q = q.clone();
    q.format = Some("xlsx".into());
    super::download(
        &format!("/suggestion-report{}", query_string(&q)),
        "suggestion-report.xlsx",
    )
    .await
}

/// What the draft form reads of a session (an activity of kind `session`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct SessionEntry {
    /// The activity.
    pub id: Uuid,
    /// Its title, e.g. `兆通镇第十届人民代表大会第三次会议`.
    pub title: String,
    /// Its day.
    pub date: chrono::NaiveDate,
}

#[derive(Serialize)]
struct SessionQuery {
    kind: &'static str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
}

/// The sessions of the last year up to `today` in the user's scope, newest first: a
/// suggestion may be raised during one (DL 51: during or between sessions).
pub async fn recent_sessions(today: chrono::NaiveDate) -> Result<Vec<SessionEntry>, ApiError> {
    let q = SessionQuery {
        kind: "session",
        from: today - chrono::Days::new(365),
        to: today,
    };
    let mut list: Vec<SessionEntry> = get(&format!("/activities{}", query_string(&q))).await?;
    list.sort_by_key(|a| std::cmp::Reverse(a.date));
    Ok(list)
}

/// What the page reads of a year's official calendar: whether it has been entered.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct CalendarYear {
    /// The public holidays and adjusted working days; empty when the year is not entered.
    pub days: Vec<serde::de::IgnoredAny>,
}

/// The official calendar of `year` (holidays and adjusted working days).
pub async fn working_calendar(year: i32) -> Result<CalendarYear, ApiError> {
    get(&format!("/working-calendar/{year}")).await
}
