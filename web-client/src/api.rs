//! The HTTP client of `/api/v1`: fetch with the bearer token of the session, one refresh and
//! retry when the access token has expired, problem+json decoded into [`ApiError`], and the
//! typed calls the pages use. Every request and response body is a `renda-openapi` type.

pub mod assessments;
pub mod meetings;
pub mod suggestions;

use crate::session;
use renda_openapi::{
    CurrentUser, Deputy, DeputyInput, DeputyListQuery, FieldError, ImportReport, LoginRequest,
    Mandate, MandateInput, NewDeputy, Problem, RefreshRequest, StatusChangeRequest, TokenResponse,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// Base path of the API, relative to the page's origin.
pub const API_BASE: &str = "/api/v1";

/// Why a request failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (offline, server down).
    Network,
    /// The server answered with an error status, with its problem document when it sent one.
    Http {
        /// HTTP status.
        status: u16,
        /// The RFC 9457 body, when the response was `application/problem+json`.
        problem: Option<Box<Problem>>,
    },
    /// The response body was not what the API promises.
    Decode,
    /// The session ended (refresh token expired or revoked): the user must log in again.
    SessionEnded,
}

impl ApiError {
    /// HTTP status, or 0 when there was no response.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Http { status, .. } => *status,
            _ => 0,
        }
    }

    /// The problem's machine code (`validation`, `conflict`, …), if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => Some(p.code()),
            _ => None,
        }
    }

    /// Field errors of a validation problem.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => &p.errors,
            _ => &[],
        }
    }

    /// The problem itself, if the server sent one.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => Some(p),
            _ => None,
        }
    }
}

/// A request body.
pub enum Body {
    /// Nothing.
    None,
    /// A JSON document.
    Json(String),
    /// A file sent as it is (`application/octet-stream`).
    File(web_sys::File),
}

/// What a request needs besides its URL.
struct Call<'a> {
    method: &'a str,
    url: String,
    body: Body,
    headers: Vec<(&'a str, String)>,
    auth: bool,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// Encodes a query (any `Serialize` struct with optional fields) as `?a=b&c=d`, or `""`.
pub fn query_string<Q: Serialize>(query: &Q) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(s) if !s.is_empty() => format!("?{s}"),
        _ => String::new(),
    }
}

async fn raw_fetch(call: &Call<'_>, token: Option<&str>) -> Result<Response, ApiError> {
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    headers
        .set("Accept", "application/json, application/problem+json")
        .ok();
    match call.body {
        Body::Json(_) => headers.set("Content-Type", "application/json").ok(),
        Body::File(_) => headers.set("Content-Type", "application/octet-stream").ok(),
        Body::None => None,
    };
    for (k, v) in &call.headers {
        headers.set(k, v).ok();
    }
    if let Some(t) = token {
        headers.set("Authorization", &format!("Bearer {t}")).ok();
    }
    let init = RequestInit::new();
    init.set_method(call.method);
    init.set_headers(&headers);
    match &call.body {
        Body::Json(s) => init.set_body(&JsValue::from_str(s)),
        Body::File(f) => init.set_body(f),
        Body::None => {}
    }
    let request =
        Request::new_with_str_and_init(&call.url, &init).map_err(|_| ApiError::Network)?;
    let response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Network)?;
    response.dyn_into().map_err(|_| ApiError::Network)
}

async fn text_of(response: &Response) -> Result<String, ApiError> {
    let promise = response.text().map_err(|_| ApiError::Decode)?;
    let value = JsFuture::from(promise)
        .await
        .map_err(|_| ApiError::Network)?;
    value.as_string().ok_or(ApiError::Decode)
}

/// Turns an error response into an [`ApiError`], reading its problem document.
async fn error_of(response: &Response) -> ApiError {
    let status = response.status();
    let problem = match text_of(response).await {
        Ok(text) => decode::<Problem>(&text).map(Box::new),
        Err(_) => None,
    };
    ApiError::Http { status, problem }
}

/// Sends a call, with the session's access token when `auth` is set. A 401 answered to a
/// token that looked valid gets one refresh and one retry.
async fn send(call: Call<'_>) -> Result<Response, ApiError> {
    if !call.auth {
        let response = raw_fetch(&call, None).await?;
        return if response.ok() {
            Ok(response)
        } else {
            Err(error_of(&response).await)
        };
    }
    let token = access_token().await?;
    let response = raw_fetch(&call, Some(&token)).await?;
    if response.status() == 401 {
        refresh(Some(token)).await?;
        let token = access_token().await?;
        let response = raw_fetch(&call, Some(&token)).await?;
        if response.status() == 401 {
            session::expire();
            return Err(ApiError::SessionEnded);
        }
        return if response.ok() {
            Ok(response)
        } else {
            Err(error_of(&response).await)
        };
    }
    if response.ok() {
        Ok(response)
    } else {
        Err(error_of(&response).await)
    }
}

async fn json_of<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    let text = text_of(response).await?;
    decode(&text).ok_or(ApiError::Decode)
}

/// Parses JSON with the browser's `JSON.parse` and maps it onto `T`. The wasm stays much
/// smaller than with serde_json's parser, which would be compiled into every answer type.
pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(Call {
        method: "GET",
        url: url(path),
        body: Body::None,
        headers: vec![],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Sends `body` as JSON with `method` to `path`, with extra headers, and reads the answer.
async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    headers: Vec<(&str, String)>,
) -> Result<T, ApiError> {
    let response = send(Call {
        method,
        url: url(path),
        body: json_body(body),
        headers,
        auth: true,
    })
    .await?;
    json_of(&response).await
}

fn json_body<B: Serialize>(body: &B) -> Body {
    Body::Json(serde_json::to_string(body).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------
// Tokens

/// A refresh that several requests wait for.
type SharedRefresh =
    futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    /// The refresh in flight, shared by every request that needs it (a refresh token is good
    /// for one use only, so two concurrent refreshes would revoke the session).
    static REFRESHING: std::cell::RefCell<Option<SharedRefresh>> =
        const { std::cell::RefCell::new(None) };
}

/// A valid access token, refreshing the session first when the token expires within a minute.
pub async fn access_token() -> Result<String, ApiError> {
    let Some(current) = session::current() else {
        return Err(ApiError::SessionEnded);
    };
    if current.expires_at_ms - 60_000.0 > js_sys::Date::now() {
        return Ok(current.access_token);
    }
    refresh(Some(current.access_token)).await?;
    session::current()
        .map(|s| s.access_token)
        .ok_or(ApiError::SessionEnded)
}

/// Whether the stored tokens are newer than `seen` (the access token a caller found stale)
/// and still good: another request or tab has refreshed already.
fn refreshed_elsewhere(seen: Option<&String>) -> bool {
    match (session::current(), seen) {
        (Some(now), Some(seen)) => {
            &now.access_token != seen && now.expires_at_ms - 60_000.0 > js_sys::Date::now()
        }
        _ => false,
    }
}

/// The lock that serialises refreshes across the tabs of this browser.
const REFRESH_LOCK: &str = "renda.refresh";

/// Rotates the refresh token, once for all callers and one tab at a time. `seen` is the
/// access token the caller found stale: when another request or tab has already replaced
/// it, its tokens are used instead.
async fn refresh(seen: Option<String>) -> Result<(), ApiError> {
    // Another tab may have rotated the tokens: adopt what is stored.
    session::reload_from_storage();
    if refreshed_elsewhere(seen.as_ref()) {
        return Ok(());
    }
    let shared = REFRESHING.with(|r| {
        let mut slot = r.borrow_mut();
        if let Some(f) = slot.as_ref() {
            return f.clone();
        }
        let fut: futures::future::LocalBoxFuture<'static, Result<(), ApiError>> =
            Box::pin(async move {
                let _lock = crate::tab_lock::acquire(REFRESH_LOCK).await;
                // While this tab waited, another may have rotated the refresh token: its
                // new tokens are in storage, and refreshing with the old one would look
                // like token theft to the server.
                session::reload_from_storage();
                if refreshed_elsewhere(seen.as_ref()) {
                    return Ok(());
                }
                do_refresh().await
            });
        let shared = futures::FutureExt::shared(fut);
        *slot = Some(shared.clone());
        shared
    });
    let result = shared.await;
    REFRESHING.with(|r| *r.borrow_mut() = None);
    result
}

async fn do_refresh() -> Result<(), ApiError> {
    let Some(current) = session::current() else {
        return Err(ApiError::SessionEnded);
    };
    let response = raw_fetch(
        &Call {
            method: "POST",
            url: url("/auth/refresh"),
            body: json_body(&RefreshRequest {
                refresh_token: current.refresh_token.clone(),
            }),
            headers: vec![],
            auth: false,
        },
        None,
    )
    .await?;
    if response.ok() {
        let tokens: TokenResponse = json_of(&response).await?;
        session::start(tokens);
        Ok(())
    } else if response.status() == 401 || response.status() == 400 || response.status() == 422 {
        session::expire();
        Err(ApiError::SessionEnded)
    } else {
        Err(error_of(&response).await)
    }
}

// ---------------------------------------------------------------------------------------
// Auth

/// Logs in and starts the session.
pub async fn login(username: &str, password: &str) -> Result<CurrentUser, ApiError> {
    let response = send(Call {
        method: "POST",
        url: url("/auth/login"),
        body: json_body(&LoginRequest {
            username: username.to_string(),
            password: password.to_string(),
        }),
        headers: vec![],
        auth: false,
    })
    .await?;
    let tokens: TokenResponse = json_of(&response).await?;
    let user = tokens.user.clone();
    session::start(tokens);
    Ok(user)
}

/// Revokes the session on the server (best effort) and forgets it here.
pub async fn logout() {
    if let Some(current) = session::current() {
        let _ = send(Call {
            method: "POST",
            url: url("/auth/logout"),
            body: json_body(&RefreshRequest {
                refresh_token: current.refresh_token,
            }),
            headers: vec![],
            auth: true,
        })
        .await;
    }
    session::end();
}

/// The signed-in user, as the server knows them now.
pub async fn me() -> Result<CurrentUser, ApiError> {
    get("/auth/me").await
}

// ---------------------------------------------------------------------------------------
// Registry

/// What the client reads of a congress, delegation or deputy group (the server sends
/// more): a smaller decoder than the full `renda-openapi` types.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Named {
    /// The id.
    pub id: Uuid,
    /// The name.
    pub name: String,
}

/// A congress as the client reads it.
pub type Congress = Named;
/// A delegation as the client reads it.
pub type Delegation = Named;
/// A deputy group as the client reads it.
pub type DeputyGroup = Named;

/// What the client reads of a term.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Term {
    /// The id.
    pub id: Uuid,
    /// The term's number.
    pub number: i32,
}

/// Congresses in the user's scope, highest level first.
pub async fn congresses() -> Result<Vec<Congress>, ApiError> {
    get("/congresses").await
}

/// Terms of a congress, newest first.
pub async fn terms(congress_id: Uuid) -> Result<Vec<Term>, ApiError> {
    get(&format!("/congresses/{congress_id}/terms")).await
}

#[derive(Serialize)]
struct CongressFilter {
    congress_id: Uuid,
}

/// Delegations of a congress.
pub async fn delegations(congress_id: Uuid) -> Result<Vec<Delegation>, ApiError> {
    get(&format!(
        "/delegations{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await
}

/// Deputy groups of a congress.
pub async fn deputy_groups(congress_id: Uuid) -> Result<Vec<DeputyGroup>, ApiError> {
    get(&format!(
        "/deputy-groups{}",
        query_string(&CongressFilter { congress_id })
    ))
    .await
}

// ---------------------------------------------------------------------------------------
// Deputies

/// A page of the deputies list as the list reads it (not the deleted ids).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct DeputyPage {
    /// The deputies.
    pub items: Vec<DeputySummary>,
    /// The cursor of the next page.
    pub next_cursor: Option<String>,
    /// How many match, when counted.
    pub total: Option<i64>,
}

/// What the deputies list reads of a deputy (not the external id, phone or version).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct DeputySummary {
    /// The id.
    pub id: Uuid,
    /// The name.
    pub name: String,
    /// The congress.
    pub congress_id: Uuid,
    /// The gender.
    pub gender: Option<renda_openapi::Gender>,
    /// The ethnicity.
    pub ethnicity: Option<String>,
    /// The birth date (year and month).
    pub birth_date: Option<String>,
    /// The party.
    pub party: Option<String>,
    /// The workplace and post.
    pub workplace_post: Option<String>,
    /// The current mandate.
    pub mandate: Option<Mandate>,
    /// The last change.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One page of the deputies list.
pub async fn deputies(query: &DeputyListQuery) -> Result<DeputyPage, ApiError> {
    get(&format!("/deputies{}", query_string(query))).await
}

/// A deputy with the version (`ETag`) to send back on update.
pub async fn deputy(id: Uuid) -> Result<Deputy, ApiError> {
    get(&format!("/deputies/{id}")).await
}

/// Registers a deputy. The idempotency key makes a retried submit create one deputy only.
pub async fn create_deputy(new: &NewDeputy, idempotency_key: &str) -> Result<Deputy, ApiError> {
    let response = send(Call {
        method: "POST",
        url: url("/deputies"),
        body: json_body(new),
        headers: vec![("Idempotency-Key", idempotency_key.to_string())],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Replaces a deputy's person fields; `version` is the one read (412 when stale).
pub async fn update_deputy(
    id: Uuid,
    version: i32,
    input: &DeputyInput,
) -> Result<Deputy, ApiError> {
    let response = send(Call {
        method: "PUT",
        url: url(&format!("/deputies/{id}")),
        body: json_body(input),
        headers: vec![("If-Match", format!("\"{version}\""))],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Changes a mandate's delegation, group, constituency, certificate and election data;
/// the mandate's version goes in `If-Match` (412 when stale).
pub async fn update_mandate(mandate: &Mandate, input: &MandateInput) -> Result<Mandate, ApiError> {
    let response = send(Call {
        method: "PUT",
        url: url(&format!("/mandates/{}", mandate.id)),
        body: json_body(input),
        headers: vec![("If-Match", format!("\"{}\"", mandate.version))],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

/// Suspends, resumes or terminates a mandate.
pub async fn change_status(
    mandate: &Mandate,
    change: &StatusChangeRequest,
) -> Result<Mandate, ApiError> {
    let response = send(Call {
        method: "POST",
        url: url(&format!("/mandates/{}/status", mandate.id)),
        body: json_body(change),
        headers: vec![("If-Match", format!("\"{}\"", mandate.version))],
        auth: true,
    })
    .await?;
    json_of(&response).await
}

#[derive(Serialize)]
struct ExportQuery<'a> {
    format: &'a str,
    #[serde(flatten)]
    filters: &'a DeputyListQuery,
}

/// Downloads the filtered list as a file (`csv` or `xlsx`) and hands it to the browser.
pub async fn export_deputies(filters: &DeputyListQuery, format: &str) -> Result<(), ApiError> {
    let mut filters = filters.clone();
    filters.cursor = None;
    filters.limit = None;
    filters.with_total = None;
    download(
        &format!(
            "/deputies/export{}",
            query_string(&ExportQuery {
                format,
                filters: &filters,
            })
        ),
        &format!("deputies.{format}"),
    )
    .await
}

/// Downloads `path` (under `/api/v1`) and hands the file to the browser, named as the
/// server's `Content-Disposition` says, else `fallback`.
pub async fn download(path: &str, fallback: &str) -> Result<(), ApiError> {
    let response = send(Call {
        method: "GET",
        url: url(path),
        body: Body::None,
        headers: vec![],
        auth: true,
    })
    .await?;
    let name = response
        .headers()
        .get("Content-Disposition")
        .ok()
        .flatten()
        .and_then(|d| filename_of(&d))
        .unwrap_or_else(|| fallback.to_string());
    let promise = response.blob().map_err(|_| ApiError::Decode)?;
    let blob: web_sys::Blob = JsFuture::from(promise)
        .await
        .map_err(|_| ApiError::Network)?
        .dyn_into()
        .map_err(|_| ApiError::Decode)?;
    save_blob(&blob, &name);
    Ok(())
}

/// The file name of a `Content-Disposition` header, preferring the UTF-8 `filename*`.
fn filename_of(disposition: &str) -> Option<String> {
    for part in disposition.split(';') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("filename*=UTF-8''") {
            if let Ok(decoded) = js_sys::decode_uri_component(v) {
                return decoded.as_string();
            }
        }
    }
    disposition
        .split(';')
        .find_map(|p| p.trim().strip_prefix("filename="))
        .map(|v| v.trim_matches('"').to_string())
}

fn save_blob(blob: &web_sys::Blob, name: &str) {
    let Ok(href) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let document = window().document().expect("a document");
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&href);
        a.set_download(name);
        if let Some(body) = document.body() {
            body.append_child(&a).ok();
            a.click();
            body.remove_child(&a).ok();
        }
    }
    web_sys::Url::revoke_object_url(&href).ok();
}

// ---------------------------------------------------------------------------------------
// Imports

/// Progress of an upload, reported while the file is sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UploadProgress {
    /// Part of the file is sent.
    Sending {
        /// Bytes sent so far.
        sent: f64,
        /// Size of the file in bytes.
        total: f64,
    },
    /// The file is sent; the server is reading and checking it.
    Processing,
}

#[derive(Serialize)]
struct ImportQuery {
    term_id: Uuid,
    dry_run: bool,
    rows: &'static str,
}

/// The media type of a roster file, from its name.
pub fn roster_content_type(file_name: &str) -> &'static str {
    if file_name.to_lowercase().ends_with(".xlsx") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "text/csv"
    }
}

/// Uploads a roster file (the raw file as the body) to `POST /imports/roster`, reporting
/// upload progress. `dry_run` only checks; `problems_only` lists only rows with problems.
pub async fn import_roster(
    term_id: Uuid,
    file: &web_sys::File,
    dry_run: bool,
    problems_only: bool,
    on_progress: Rc<dyn Fn(UploadProgress)>,
) -> Result<ImportReport, ApiError> {
    let target = format!(
        "{}{}",
        url("/imports/roster"),
        query_string(&ImportQuery {
            term_id,
            dry_run,
            rows: if problems_only { "problems" } else { "all" },
        })
    );
    let content_type = roster_content_type(&file.name());
    let token = access_token().await?;
    let (status, text) =
        xhr_upload(&target, &token, content_type, file, on_progress.clone()).await?;
    let (status, text) = if status == 401 {
        refresh(Some(token)).await?;
        let token = access_token().await?;
        xhr_upload(&target, &token, content_type, file, on_progress).await?
    } else {
        (status, text)
    };
    if (200..300).contains(&status) {
        decode(&text).ok_or(ApiError::Decode)
    } else if status == 401 {
        session::expire();
        Err(ApiError::SessionEnded)
    } else {
        Err(ApiError::Http {
            status,
            problem: decode::<Problem>(&text).map(Box::new),
        })
    }
}

/// One upload with `XMLHttpRequest`, which, unlike fetch, reports upload progress.
async fn xhr_upload(
    target: &str,
    token: &str,
    content_type: &str,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(UploadProgress)>,
) -> Result<(u16, String), ApiError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("POST", target).map_err(|_| ApiError::Network)?;
    xhr.set_request_header("Authorization", &format!("Bearer {token}"))
        .ok();
    xhr.set_request_header("Content-Type", content_type).ok();
    xhr.set_request_header("Accept", "application/json, application/problem+json")
        .ok();
    let (tx, rx) = futures::channel::oneshot::channel::<bool>();
    let tx = Rc::new(std::cell::RefCell::new(Some(tx)));
    let progress = {
        let on_progress = on_progress.clone();
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                if e.loaded() >= e.total() {
                    on_progress(UploadProgress::Processing);
                } else {
                    on_progress(UploadProgress::Sending {
                        sent: e.loaded(),
                        total: e.total(),
                    });
                }
            }
        })
    };
    let sent = {
        let on_progress = on_progress.clone();
        Closure::<dyn FnMut()>::new(move || on_progress(UploadProgress::Processing))
    };
    let done = {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(true);
            }
        })
    };
    let failed = {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(false);
            }
        })
    };
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        upload.set_onload(Some(sent.as_ref().unchecked_ref()));
    }
    xhr.set_onload(Some(done.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(failed.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(failed.as_ref().unchecked_ref()));
    on_progress(UploadProgress::Sending {
        sent: 0.0,
        total: file.size(),
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiError::Network)?;
    let ok = rx.await.unwrap_or(false);
    // The closures must live until the request has ended.
    drop((progress, sent, done, failed));
    if !ok {
        return Err(ApiError::Network);
    }
    let status = xhr.status().map_err(|_| ApiError::Network)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok((status, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_prefers_utf8_name() {
        assert_eq!(
            filename_of("attachment; filename=\"deputies-20250101.csv\""),
            Some("deputies-20250101.csv".into())
        );
    }

    #[test]
    fn roster_types() {
        assert_eq!(
            roster_content_type("名册.XLSX"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(roster_content_type("roster.csv"), "text/csv");
    }
}
