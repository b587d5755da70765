//! Small HTTP helpers shared by the areas: versions in `ETag`/`If-Match`, business dates.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::HttpRequest;
use chrono::{FixedOffset, NaiveDate, Utc};

/// The `ETag` of a record version: `"<version>"`.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// The version an update is based on, from `If-Match` (`"3"` or `W/"3"`).
///
/// Errors: 428 when the header is missing; 412 when it names no version.
pub fn if_match(req: &HttpRequest) -> Result<i32, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map_err(|_| ApiError::PreconditionFailed)?;
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| ApiError::PreconditionFailed)
}

/// Today's date in China Standard Time (UTC+8, no daylight saving), the time zone of
/// business dates (ARCHITECTURE.md: Asia/Shanghai by default).
pub fn today() -> NaiveDate {
    let cst = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    Utc::now().with_timezone(&cst).date_naive()
}
