//! Calls of the deputies registry (`/api/v1/deputies`, mandates, status changes), the
//! export of a filtered list and the download of any file the server sends.

use super::*;

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
}
