//! Calls of publication (DL 58): the office's settings of what a congress publishes
//! (`/api/v1/congresses/{id}/publication-settings`, versioned by `ETag`) and the public
//! pages read without signing in (`/api/v1/public/...`).

use crate::api::{json_of, query_string, send, url, ApiError, Body, Call};
use renda_openapi::{
    PublicDeputy, PublicDeputyList, PublicDeputyQuery, PublicListQuery, PublicationSettings,
};
use uuid::Uuid;
use web_sys::Response;

/// The version in a response's `ETag` (`"3"` → 3; 0 when absent).
fn version_of(response: &Response) -> i32 {
    response
        .headers()
        .get("etag")
        .ok()
        .flatten()
        .and_then(|e| e.trim_start_matches("W/").trim_matches('"').parse().ok())
        .unwrap_or(0)
}

/// A congress's publication settings and their version (0 while the defaults apply).
pub async fn settings(congress: Uuid) -> Result<(PublicationSettings, i32), ApiError> {
    let response = send(Call {
        method: "GET",
        url: url(&format!("/congresses/{congress}/publication-settings")),
        body: Body::None,
        headers: vec![],
        auth: true,
    })
    .await?;
    let version = version_of(&response);
    Ok((json_of(&response).await?, version))
}

/// Replaces the settings read at `version` (412 when someone saved since); the settings
/// now and their new version.
pub async fn save_settings(
    congress: Uuid,
    settings: &PublicationSettings,
    version: i32,
) -> Result<(PublicationSettings, i32), ApiError> {
    let response = send(Call {
        method: "PUT",
        url: url(&format!("/congresses/{congress}/publication-settings")),
        body: crate::api::json_body(settings),
        headers: super::if_match(version),
        auth: true,
    })
    .await?;
    let version = version_of(&response);
    Ok((json_of(&response).await?, version))
}

/// A page of a congress's public list of deputies (no sign-in; 404 while unpublished).
pub async fn deputies(
    congress: Uuid,
    cursor: Option<String>,
) -> Result<PublicDeputyList, ApiError> {
    let q = PublicListQuery {
        limit: Some(200),
        cursor,
    };
    public(&format!(
        "/public/congresses/{congress}/deputies{}",
        query_string(&q)
    ))
    .await
}

/// A deputy's public page for `year` (no sign-in; 404 while unpublished).
pub async fn deputy(id: Uuid, year: Option<i32>) -> Result<PublicDeputy, ApiError> {
    let q = PublicDeputyQuery { year };
    public(&format!("/public/deputies/{id}{}", query_string(&q))).await
}

async fn public<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(Call {
        method: "GET",
        url: url(path),
        body: Body::None,
        headers: vec![],
        auth: false,
    })
    .await?;
    json_of(&response).await
}
