//! Roster imports: the file sent as it is with `XMLHttpRequest`, which reports upload
//! progress, and the report read back.

use super::*;

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
    fn roster_types() {
        assert_eq!(
            roster_content_type("名册.XLSX"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(roster_content_type("roster.csv"), "text/csv");
    }
}
