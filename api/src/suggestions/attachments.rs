//! Attachments of suggestions and replies (issue 5 item 1 and 4). Who may add or remove
//! one: a suggestion's authors while it is a draft, the office (admin, staff) until it is
//! closed; a reply's organisation while the reply is a draft. Who may read one: whoever
//! sees the suggestion ([`repo::ensure`]), except that a reply draft's attachments are
//! seen only by its organisation, like the draft. Files are checked by [`crate::files`].

use super::models::{ReplyRow, SuggestionRow};
use super::repo;
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{suggestion_attachments, suggestion_replies};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::{Refusal, Role, SuggestionAttachment, SuggestionMessage, SuggestionRecord};
use sha2::{Digest, Sha256};
use uuid::Uuid;

fn not_found() -> ApiError {
    Refusal::not_found(SuggestionMessage::NotFound {
        what: SuggestionRecord::Attachment,
    })
    .into()
}

/// An attachment's metadata (without the content).
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = suggestion_attachments)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AttachmentMeta {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub reply_id: Option<Uuid>,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: Vec<u8>,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl AttachmentMeta {
    /// The wire form.
    pub fn to_wire(&self) -> SuggestionAttachment {
        SuggestionAttachment {
            id: self.id,
            suggestion_id: self.suggestion_id,
            reply_id: self.reply_id,
            file_name: self.file_name.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            sha256: self.sha256.iter().map(|b| format!("{b:02x}")).collect(),
            uploaded_by: self.uploaded_by,
            uploaded_at: self.uploaded_at,
        }
    }
}

/// Whether the caller may read a reply's attachments: sent replies are the suggestion's
/// readers'; a draft only its organisation's (the office's for its own replies).
fn reply_readable(user: &AuthUser, reply: &ReplyRow) -> bool {
    reply.status == "sent"
        || match user.role {
            Role::HandlingOrg => {
                reply.handling_org_id.is_some() && reply.handling_org_id == user.handling_org_id
            }
            Role::Admin | Role::Staff => reply.handling_org_id.is_none(),
            _ => false,
        }
}

/// 403 unless the caller may change the suggestion's own attachments now; 409 when its
/// state no longer allows it.
fn may_change(user: &AuthUser, row: &SuggestionRow) -> Result<(), ApiError> {
    let office = matches!(user.role, Role::Admin | Role::Staff);
    if office {
        if matches!(row.status.as_str(), "closed" | "withdrawn") {
            return Err(ApiError::Conflict(
                "建议已办结或已撤回，不能再更改附件。".into(),
            ));
        }
        return Ok(());
    }
    if !repo::is_author(user, row) {
        return Err(
            Refusal::forbidden(SuggestionMessage::AttachmentsNotYours { reply: false }).into(),
        );
    }
    if row.status != "draft" {
        return Err(ApiError::Conflict(
            "建议已提交，附件不能再更改；如需补充请联系人大办。".into(),
        ));
    }
    Ok(())
}

/// The reply draft of the caller's organisation the attachment goes to (409 once sent).
fn reply_draft(
    conn: &mut PgConnection,
    user: &AuthUser,
    reply: Uuid,
) -> Result<ReplyRow, ApiError> {
    let (reply, _) = repo::own_reply(conn, user, reply)?;
    if reply.status != "draft" {
        return Err(ApiError::Conflict("答复已发出，附件不能再更改。".into()));
    }
    Ok(reply)
}

/// Stores a checked file on the suggestion `id` (or on one of its replies).
///
/// Errors: 404 suggestion or reply not visible / not the caller's; 403 not allowed; 409
/// the state no longer allows it.
pub fn add(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    reply: Option<Uuid>,
    name: &str,
    mime: &str,
    body: &[u8],
) -> Result<SuggestionAttachment, ApiError> {
    let row = repo::ensure(conn, user, id)?;
    match reply {
        Some(r) => {
            let reply = reply_draft(conn, user, r)?;
            if reply.suggestion_id != row.id {
                return Err(
                    Refusal::invalid("?reply_id", SuggestionMessage::ReplyOfOtherItem).into(),
                );
            }
        }
        None => may_change(user, &row)?,
    }
    let meta = diesel::insert_into(suggestion_attachments::table)
        .values((
            suggestion_attachments::id.eq(Uuid::now_v7()),
            suggestion_attachments::suggestion_id.eq(row.id),
            suggestion_attachments::reply_id.eq(reply),
            suggestion_attachments::file_name.eq(name),
            suggestion_attachments::content_type.eq(mime),
            suggestion_attachments::size_bytes.eq(body.len() as i64),
            suggestion_attachments::sha256.eq(Sha256::digest(body).to_vec()),
            suggestion_attachments::content.eq(body),
            suggestion_attachments::uploaded_by.eq(Some(user.id)),
        ))
        .returning(AttachmentMeta::as_returning())
        .get_result(conn)?;
    Ok(meta.to_wire())
}

/// The attachments of a suggestion and of its replies the caller may read, oldest first.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<Vec<SuggestionAttachment>, ApiError> {
    let row = repo::ensure(conn, user, id)?;
    let metas: Vec<AttachmentMeta> = suggestion_attachments::table
        .filter(suggestion_attachments::suggestion_id.eq(row.id))
        .order((
            suggestion_attachments::uploaded_at,
            suggestion_attachments::id,
        ))
        .select(AttachmentMeta::as_select())
        .load(conn)?;
    let replies: Vec<ReplyRow> = suggestion_replies::table
        .filter(suggestion_replies::suggestion_id.eq(row.id))
        .select(ReplyRow::as_select())
        .load(conn)?;
    Ok(metas
        .iter()
        .filter(|m| match m.reply_id {
            None => true,
            Some(r) => replies.iter().any(|x| x.id == r && reply_readable(user, x)),
        })
        .map(AttachmentMeta::to_wire)
        .collect())
}

/// An attachment the caller may read, with its content; 404 otherwise.
pub fn fetch(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<(AttachmentMeta, Vec<u8>), ApiError> {
    let meta = readable(conn, user, id)?;
    let content = suggestion_attachments::table
        .find(id)
        .select(suggestion_attachments::content)
        .first(conn)?;
    Ok((meta, content))
}

fn readable(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<AttachmentMeta, ApiError> {
    let meta: AttachmentMeta = suggestion_attachments::table
        .find(id)
        .select(AttachmentMeta::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    repo::ensure(conn, user, meta.suggestion_id).map_err(|_| not_found())?;
    if let Some(r) = meta.reply_id {
        let reply: ReplyRow = suggestion_replies::table
            .find(r)
            .select(ReplyRow::as_select())
            .first(conn)?;
        if !reply_readable(user, &reply) {
            return Err(not_found());
        }
    }
    Ok(meta)
}

/// Removes an attachment, under the same rules as adding it; returns what was removed.
pub fn remove(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionAttachment, ApiError> {
    let meta = readable(conn, user, id)?;
    match meta.reply_id {
        Some(r) => {
            reply_draft(conn, user, r).map_err(|e| {
                if e.is_not_found() {
                    Refusal::forbidden(SuggestionMessage::AttachmentsNotYours { reply: true })
                        .into()
                } else {
                    e
                }
            })?;
        }
        None => {
            let row = repo::ensure(conn, user, meta.suggestion_id)?;
            may_change(user, &row)?;
        }
    }
    diesel::delete(suggestion_attachments::table.find(id)).execute(conn)?;
    Ok(meta.to_wire())
}
