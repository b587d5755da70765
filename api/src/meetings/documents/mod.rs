//! Documents of activities (notices, materials, minutes, photos): uploaded, listed,
//! downloaded as attachments and deleted until the activity is archived.

pub mod queries;

use super::shared::{audit, ensure_activity, ensure_not_archived, ensure_reader, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::config::Config;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use renda_openapi::*;
use serde::Deserialize;
use uuid::Uuid;

/// Routes of documents.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/activities/{id}/documents")
            .route(web::get().to(list_documents))
            .route(web::post().to(upload_document)),
    );
    cfg.service(
        web::resource("/documents/{id}")
            .route(web::get().to(download_document))
            .route(web::delete().to(delete_document)),
    );
}

/// Query of a document upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, e.g. `会议通知.pdf`; its extension decides the type (pdf, docx,
    /// xlsx, jpg, png, txt). Kept as a label only.
    pub filename: String,
}

/// Attach a document to an activity (admin, staff). The body is the file itself, up to
/// `MAX_DOCUMENT_BYTES` (default 20 MiB); PDF, DOCX, XLSX, JPEG, PNG or UTF-8 text, checked
/// by extension, `Content-Type` and content.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/documents", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), UploadQuery),
    request_body(description = "The file", content((String = "application/octet-stream"))),
    responses(
        (status = 201, description = "Stored", body = ActivityDocument),
        (status = 415, description = "Type not allowed or content not matching", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn upload_document(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    id: web::Path<Uuid>,
    query: crate::http::Query<UploadQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let (name, mime) = queries::check(&query.filename, declared, &body, config.max_document_bytes)?;
    let id = id.into_inner();
    let doc = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        ensure_not_archived(&row)?;
        let meta = queries::insert(conn, row.id, &name, mime, &body, user.id)?;
        let doc = queries::to_wire(&meta);
        audit(
            conn,
            &user,
            "create",
            "activity_document",
            doc.id,
            None,
            Some(json(&doc)),
        )?;
        Ok(doc)
    })
    .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// Documents of an activity.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/documents", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "Documents", body = Vec<ActivityDocument>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_documents(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ActivityDocument>>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            Ok(queries::list(conn, row.id)?
                .iter()
                .map(queries::to_wire)
                .collect())
        })
        .await?,
    ))
}

/// Download a document: an attachment with its stored type and `nosniff`.
#[utoipa::path(
    get, path = "/api/v1/documents/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "application/octet-stream"), ReadErrors),
    security(("bearer" = []))
)]
pub async fn download_document(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    let (meta, content) = tx(&pool, move |conn| {
        let not_found = || ApiError::NotFound("文件不存在或不在您的权限范围内。".into());
        let meta = queries::meta(conn, id)?.ok_or_else(not_found)?;
        ensure_activity(conn, &user, meta.activity_id).map_err(|_| not_found())?;
        let content = queries::content(conn, id)?;
        Ok((meta, content))
    })
    .await?;
    Ok(crate::files::download(
        &meta.content_type,
        &meta.file_name,
        content,
    ))
}

/// Delete a document (admin, staff).
#[utoipa::path(
    delete, path = "/api/v1/documents/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 204, description = "Deleted"), WriteErrors),
    security(("bearer" = []))
)]
pub async fn delete_document(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let not_found = || ApiError::NotFound("文件不存在或不在您的权限范围内。".into());
        let meta = queries::meta(conn, id)?.ok_or_else(not_found)?;
        let row = ensure_activity(conn, &user, meta.activity_id).map_err(|_| not_found())?;
        ensure_not_archived(&row)?;
        queries::delete(conn, id)?;
        audit(
            conn,
            &user,
            "delete",
            "activity_document",
            id,
            Some(json(&queries::to_wire(&meta))),
            None,
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
