//! Files of self-declared entries (photos of a deed, a signed mediation record): added and
//! removed by the entry's deputy while it waits for review (the office may add too),
//! read by whoever reads the entry.

use super::queries::{self, AttachmentMeta};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::Query;
use crate::schema::entry_attachments;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    EntryAttachment, EntryAttachmentId, EntryStatus, PerformanceEntryId, Problem, Refusal,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(upload_entry_file)
        .service(download_entry_file)
        .service(delete_entry_file);
}

/// `POST /performance-entries/{id}/attachments` parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Upload {
    /// The file's name, 1–200 characters; its extension decides the type.
    pub filename: String,
}

/// Whether the caller may change the files of `entry`: its deputy or the office, while
/// it waits for review.
fn may_change(user: &AuthUser, entry: &queries::EntryRow) -> Result<(), ApiError> {
    if !(super::super::access::is_office(user) || user.deputy_id == Some(entry.deputy_id.0)) {
        return Err(Refusal::forbidden(M::OnlyTheDeputy).into());
    }
    if entry.status != EntryStatus::Pending {
        return Err(Refusal::conflict(M::EntryReviewed {
            state: entry.status,
        })
        .into());
    }
    Ok(())
}

/// Attach a file to an entry (the raw body: PDF, DOCX, XLSX, JPG, PNG or TXT up to
/// `MAX_DOCUMENT_BYTES`), while it waits for review.
#[utoipa::path(
    tag = "assessments",
    params(("id" = PerformanceEntryId, Path, description = "Entry id"), Upload),
    request_body(description = "The file", content((String = "application/octet-stream"))),
    responses(
        (status = 201, description = "Stored", body = EntryAttachment),
        (status = 409, description = "The entry was reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not an allowed type, or content not matching it", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
#[post("/performance-entries/{id}/attachments")]
pub async fn upload_entry_file(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    config: web::Data<crate::config::Config>,
    id: web::Path<PerformanceEntryId>,
    query: Query<Upload>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let (name, mime) =
        crate::files::check(&query.filename, declared, &body, config.max_document_bytes)?;
    let id = id.into_inner();
    let meta = tx(&pool, move |conn| {
        let entry = queries::find(conn, &user, id, true)?;
        may_change(&user, &entry)?;
        let meta: AttachmentMeta = diesel::insert_into(entry_attachments::table)
            .values((
                entry_attachments::id.eq(EntryAttachmentId::new_v7()),
                entry_attachments::entry_id.eq(entry.id),
                entry_attachments::file_name.eq(&name),
                entry_attachments::content_type.eq(mime),
                entry_attachments::size_bytes.eq(body.len() as i64),
                entry_attachments::sha256.eq(Sha256::digest(&body).to_vec()),
                entry_attachments::content.eq(body.as_ref()),
                entry_attachments::uploaded_by.eq(Some(user.id)),
            ))
            .returning(AttachmentMeta::as_returning())
            .get_result(conn)?;
        let wire = meta.to_wire();
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "entry_attachment",
            Some(meta.id.0),
            None,
            Some(&serde_json::json!(&wire)),
        )?;
        Ok(wire)
    })
    .await?;
    Ok(HttpResponse::Created().json(meta))
}

/// The entry of an attachment, if the caller may read it.
fn entry_of(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: EntryAttachmentId,
) -> Result<(AttachmentMeta, queries::EntryRow), ApiError> {
    let meta: AttachmentMeta = entry_attachments::table
        .find(id)
        .select(AttachmentMeta::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::from(Refusal::not_found(CommonMessage::NotInScope)))?;
    let entry = queries::find(conn, user, meta.entry_id, false)?;
    Ok((meta, entry))
}

/// Download a file of an entry the caller may read (as an attachment, never shown inline).
#[utoipa::path(
    tag = "assessments",
    params(("id" = EntryAttachmentId, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/entry-attachments/{id}")]
pub async fn download_entry_file(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<EntryAttachmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (meta, content) = tx(&pool, move |conn| {
        let (meta, _) = entry_of(conn, &user, id)?;
        let content: Vec<u8> = entry_attachments::table
            .find(id)
            .select(entry_attachments::content)
            .first(conn)?;
        Ok((meta, content))
    })
    .await?;
    Ok(crate::files::download(
        &meta.content_type,
        &meta.file_name,
        content,
    ))
}

/// Remove a file from an entry that waits for review (its deputy or the office).
#[utoipa::path(
    tag = "assessments",
    params(("id" = EntryAttachmentId, Path, description = "Attachment id")),
    responses((status = 204, description = "Removed"), (status = 409, description = "The entry was reviewed", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[delete("/entry-attachments/{id}")]
pub async fn delete_entry_file(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<EntryAttachmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let (meta, entry) = entry_of(conn, &user, id)?;
        may_change(&user, &entry)?;
        diesel::delete(entry_attachments::table.find(id)).execute(conn)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "delete",
            "entry_attachment",
            Some(id.0),
            Some(&serde_json::json!(meta.to_wire())),
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
