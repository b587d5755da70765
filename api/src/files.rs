//! Uploaded files (activity documents, suggestion attachments): checked by extension,
//! declared type and content (magic bytes); the user's file name is kept only as a label,
//! never used as a path; downloads are attachments.

use crate::error::ApiError;

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
    let name: String = last
        .chars()
        .filter(|c| !c.is_control() && !renda_openapi::validation::is_bidi_control(*c))
        .collect();
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

/// A download: the stored type, `Content-Disposition: attachment`, `nosniff` and a CSP
/// that keeps a browser from running anything in it.
pub fn download(content_type: &str, file_name: &str, content: Vec<u8>) -> actix_web::HttpResponse {
    use actix_web::http::header;
    actix_web::HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, disposition(file_name)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .body(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_carry_paths() {
        assert_eq!(clean_name("../../etc/passwd.txt").unwrap(), "passwd.txt");
        assert_eq!(clean_name("C:\\会议\\通知.pdf").unwrap(), "通知.pdf");
        assert!(clean_name("..").is_none());
        // A right-to-left override would show "a\u{202e}txt.exe" as "aexe.txt".
        assert_eq!(clean_name("a\u{202e}txt.exe").unwrap(), "atxt.exe");
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
