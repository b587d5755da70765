//! The HTTP client of `/api/v1`: fetch with the bearer token of the session, one refresh and
//! retry when the access token has expired, problem+json decoded into [`ApiError`], and the
//! typed calls the pages use. Every request and response body is a `renda-openapi` type.

pub mod assessments;
mod deputies;
mod imports;
pub mod meetings;
mod registry;
pub mod suggestions;

pub use deputies::*;
pub use imports::*;
pub use registry::*;

use crate::json::decode;
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
