//! Documents of activities (notices, materials, minutes, photos): uploaded as the raw
//! body, checked by extension, declared type and content (magic bytes), stored in
//! PostgreSQL (`bytea`) under a generated id. The user's file name is kept only as a label
//! for downloads, never used as a path; downloads are attachments with `nosniff`.

use super::models::DocumentMeta;
use crate::error::ApiError;
use crate::schema::activity_documents;
use diesel::prelude::*;
use renda_openapi::ActivityDocument;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Allowed types: extension, content type, and a check of the content.
const TYPES: [(&str, &str); 7] = [
    ("pdf", "application/pdf"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("txt", "text/plain"),
];

fn content_matches(ext: &str, body: &[u8]) -> bool {
    match ext {
        "pdf" => body.starts_with(b"%PDF-"),
        "docx" | "xlsx" => body.starts_with(b"PK\x03\x04"),
        "jpg" | "jpeg" => body.starts_with(&[0xFF, 0xD8, 0xFF]),
        "png" => body.starts_with(b"\x89PNG\r\n\x1a\n"),
        "txt" => {
            std::str::from_utf8(body).is_ok()
                && !body
                    .iter()
                    .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
        }
        _ => false,
    }
}

/// The file name as a label: the last path segment, without control characters, trimmed.
pub fn clean_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim().trim_start_matches('.').trim().to_string();
    (!name.is_empty() && name.chars().count() <= 200).then_some(name)
}

/// Checks an upload and returns `(clean file name, content type)`.
///
/// Errors: 413 over `max_bytes`; 415 for an extension not allowed, a declared type that
/// contradicts it, or content that is not what the extension says; 422 for an empty body
/// or a bad file name.
pub fn check(
    filename: &str,
    declared: Option<&str>,
    body: &[u8],
    max_bytes: usize,
) -> Result<(String, &'static str), ApiError> {
    let name = clean_name(filename)
        .ok_or_else(|| ApiError::field("?filename", "invalid", "文件名须为 1–200 个字符。"))?;
    if body.is_empty() {
        return Err(ApiError::field("", "empty_file", "上传的文件是空的。"));
    }
    if body.len() > max_bytes {
        return Err(ApiError::PayloadTooLarge(format!(
            "文件超过 {} MB 的上限。",
            max_bytes / (1 << 20)
        )));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((ext, mime)) = TYPES.iter().find(|(e, _)| *e == ext) else {
        return Err(ApiError::UnsupportedMediaType(
            "只能上传 PDF、Word（.docx）、Excel（.xlsx）、JPG、PNG 或 TXT 文件。".into(),
        ));
    };
    let declared = declared
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !declared.is_empty() && declared != "application/octet-stream" && declared != *mime {
        return Err(ApiError::UnsupportedMediaType(format!(
            "Content-Type（{declared}）与文件扩展名 .{ext} 不符。"
        )));
    }
    if !content_matches(ext, body) {
        return Err(ApiError::UnsupportedMediaType(format!(
            "文件内容不是 .{ext} 格式，请检查文件。"
        )));
    }
    Ok((name, mime))
}

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

/// `Content-Disposition: attachment` with an ASCII fallback name and the real name in
/// RFC 5987 encoding.
pub fn disposition(name: &str) -> String {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"document.{ext}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_carry_paths() {
        assert_eq!(clean_name("../../etc/passwd.txt").unwrap(), "passwd.txt");
        assert_eq!(clean_name("C:\\会议\\通知.pdf").unwrap(), "通知.pdf");
        assert!(clean_name("..").is_none());
    }

    #[test]
    fn content_must_match_the_extension() {
        assert!(check("a.pdf", None, b"%PDF-1.7", 100).is_ok());
        assert!(check("a.pdf", None, b"<html>", 100).is_err());
        assert!(check("a.exe", None, b"MZ", 100).is_err());
        assert!(check("a.txt", Some("image/png"), b"hello", 100).is_err());
        assert!(matches!(
            check("a.txt", None, b"hello", 3),
            Err(ApiError::PayloadTooLarge(_))
        ));
    }
}
