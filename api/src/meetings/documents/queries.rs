//! Documents of activities (notices, materials, minutes, photos): uploaded as the raw
//! body, checked by extension, declared type and content (magic bytes), stored in
//! PostgreSQL (`bytea`) under a generated id. The user's file name is kept only as a label
//! for downloads, never used as a path; downloads are attachments with `nosniff`.

use crate::meetings::models::DocumentMeta;
use crate::schema::activity_documents;
use diesel::prelude::*;
use renda_openapi::ActivityDocument;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use crate::files::{check, clean_name, disposition};

/// Stores a checked document.
pub fn insert(
    conn: &mut PgConnection,
    activity: Uuid,
    name: &str,
    mime: &str,
    body: &[u8],
    user: Uuid,
) -> QueryResult<DocumentMeta> {
    diesel::insert_into(activity_documents::table)
        .values((
            activity_documents::id.eq(Uuid::now_v7()),
            activity_documents::activity_id.eq(activity),
            activity_documents::file_name.eq(name),
            activity_documents::content_type.eq(mime),
            activity_documents::size_bytes.eq(body.len() as i64),
            activity_documents::sha256.eq(Sha256::digest(body).to_vec()),
            activity_documents::content.eq(body),
            activity_documents::uploaded_by.eq(Some(user)),
        ))
        .returning(DocumentMeta::as_returning())
        .get_result(conn)
}

/// Documents of an activity, oldest first.
pub fn list(conn: &mut PgConnection, activity: Uuid) -> QueryResult<Vec<DocumentMeta>> {
    activity_documents::table
        .filter(activity_documents::activity_id.eq(activity))
        .order((activity_documents::uploaded_at, activity_documents::id))
        .select(DocumentMeta::as_select())
        .load(conn)
}

/// A document's metadata.
pub fn meta(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<DocumentMeta>> {
    activity_documents::table
        .find(id)
        .select(DocumentMeta::as_select())
        .first(conn)
        .optional()
}

/// A document's content.
pub fn content(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<u8>> {
    activity_documents::table
        .find(id)
        .select(activity_documents::content)
        .first(conn)
}

/// Deletes a document (its content with it).
pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(activity_documents::table.find(id)).execute(conn)
}

/// The wire form.
pub fn to_wire(m: &DocumentMeta) -> ActivityDocument {
    ActivityDocument {
        id: m.id,
        activity_id: m.activity_id,
        file_name: m.file_name.clone(),
        content_type: m.content_type.clone(),
        size_bytes: m.size_bytes,
        sha256: m.sha256.iter().map(|b| format!("{b:02x}")).collect(),
        uploaded_by: m.uploaded_by,
        uploaded_at: m.uploaded_at,
    }
}
