//! HTTP handlers of reports, reminders, the public list and attachments.

use super::*;

/// The handling report (办理情况报告; R8, DL 51–52) of the items submitted in a period: by
/// handling organisation (received as lead and co-handler, replied on time or late, overdue,
/// result classes A–D, satisfaction with the result of the latest rated round) and by
/// level-1 category. `format=xlsx` answers a workbook (sheets 按承办单位 and 按分类).
/// Admin, staff, presidium and integration clients; items of the caller's scope.
#[utoipa::path(
    get, path = "/api/v1/suggestion-report", tag = "suggestions",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report", content(
            (SuggestionReport = "application/json"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, description = "Deputies and handling organisations", body = Problem, content_type = "application/problem+json"),
        ReadErrors
    ),
    security(("bearer" = []))
)]
pub async fn report(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let xlsx = match q.format.as_deref() {
        None | Some("json") => false,
        Some("xlsx") => true,
        Some(_) => return Err(Refusal::invalid("?format", CommonMessage::InvalidValue).into()),
    };
    let report = tx(&pool, move |conn| {
        super::super::report::build(conn, &user, &q)
    })
    .await?;
    if !xlsx {
        return Ok(HttpResponse::Ok().json(report));
    }
    let bytes = web::block(move || super::super::report::to_xlsx(&report))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))??;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"suggestion-report.xlsx\"",
        ))
        .body(bytes))
}

/// The caller's deadline reminders, newest first (at most 500): a handling organisation's
/// user gets their organisation's; admin, staff and presidium the office's reminders of
/// their scope (every deadline, referral included). Other roles: 403.
#[utoipa::path(
    get, path = "/api/v1/reminders", tag = "suggestions",
    params(ReminderQuery),
    responses((status = 200, description = "Reminders", body = Vec<Reminder>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_reminders(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<ReminderQuery>,
) -> Result<web::Json<Vec<Reminder>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            super::super::reminders::inbox(conn, &user, &q)
        })
        .await?,
    ))
}

/// Mark one of the caller's reminders read (204); 404 for anyone else's.
#[utoipa::path(
    post, path = "/api/v1/reminders/{id}/read", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Reminder id")),
    responses((status = 204, description = "Read"), WriteErrors),
    security(("bearer" = []))
)]
pub async fn read_reminder(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        super::super::reminders::mark_read(conn, &user, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Write the reminders due today now (admin, staff), as `renda serve` does every
/// `REMINDER_SWEEP_MINUTES`: overdue and due-soon items get one reminder per recipient and
/// deadline, and so does each co-handler whose input to the lead is overdue or due soon
/// (`input_overdue`, `input_due_soon`) until it sends it; running it again writes nothing
/// new.
#[utoipa::path(
    post, path = "/api/v1/reminders/sweep", tag = "suggestions",
    responses((status = 200, description = "What the sweep did", body = SweepReport), WriteErrors),
    security(("bearer" = []))
)]
pub async fn sweep_reminders(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<SweepReport>, ApiError> {
    user.require(repo::OFFICE)?;
    Ok(web::Json(
        tx(&pool, move |conn| {
            super::super::reminders::sweep(conn, crate::http::today())
        })
        .await?,
    ))
}

/// The public list of a congress's replied items (R8; DL 51, 52), newest first, without
/// signing in: no deputy, consultation or rating; phone and ID-card numbers masked.
#[utoipa::path(
    get, path = "/api/v1/public/suggestions", tag = "suggestions",
    params(PublicQuery),
    responses(
        (status = 200, description = "A page of replied items", body = PublicPage),
        (status = 422, description = "A parameter is missing or out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn public_list(
    pool: web::Data<DbPool>,
    query: Query<PublicQuery>,
) -> Result<web::Json<PublicPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| super::super::public::list(conn, &q)).await?,
    ))
}

/// Attach a file (the raw body; PDF, DOCX, XLSX, JPG, PNG or TXT up to
/// `MAX_DOCUMENT_BYTES`) to a suggestion — its authors while it is a draft, the office until
/// it is closed — or, with `reply_id`, to a reply draft of the caller's organisation.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/attachments", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), AttachmentUpload),
    request_body(description = "The file", content((String = "application/octet-stream"))),
    responses(
        (status = 201, description = "Stored", body = SuggestionAttachment),
        (status = 409, description = "The state no longer allows changes", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not an allowed type, or content not matching it", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn upload_attachment(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    config: web::Data<crate::config::Config>,
    id: web::Path<Uuid>,
    query: Query<AttachmentUpload>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let q = query.into_inner();
    let (name, mime) =
        crate::files::check(&q.filename, declared, &body, config.max_document_bytes)?;
    let id = id.into_inner();
    let a = tx(&pool, move |conn| {
        let a = super::super::attachments::add(conn, &user, id, q.reply_id, &name, mime, &body)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "suggestion_attachment",
            Some(a.id),
            None,
            Some(&serde_json::to_value(&a).unwrap_or_default()),
        )?;
        Ok(a)
    })
    .await?;
    Ok(HttpResponse::Created().json(a))
}

/// The attachments of a suggestion and its replies that the caller may read.
#[utoipa::path(
    get, path = "/api/v1/suggestions/{id}/attachments", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses((status = 200, description = "Attachments, oldest first", body = Vec<SuggestionAttachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_attachments(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<SuggestionAttachment>>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            super::super::attachments::list(conn, &user, id)
        })
        .await?,
    ))
}

/// Download an attachment (as a file, `nosniff`); 404 for one the caller may not read.
#[utoipa::path(
    get, path = "/api/v1/attachments/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "application/octet-stream"), ReadErrors),
    security(("bearer" = []))
)]
pub async fn download_attachment(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (meta, content) = tx(&pool, move |conn| {
        super::super::attachments::fetch(conn, &user, id)
    })
    .await?;
    Ok(crate::files::download(
        &meta.content_type,
        &meta.file_name,
        content,
    ))
}

/// Remove an attachment, under the rules for adding one (204).
#[utoipa::path(
    delete, path = "/api/v1/attachments/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "The state no longer allows changes", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn delete_attachment(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let a = super::super::attachments::remove(conn, &user, id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "delete",
            "suggestion_attachment",
            Some(a.id),
            Some(&serde_json::to_value(&a).unwrap_or_default()),
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
