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

/// A query-string extractor like `web::Query`, whose errors name the parameter
/// (`?status`) with a Chinese message, as a 422 problem.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    /// The parsed parameters.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned> actix_web::FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(
            req.query_string().as_bytes(),
        ));
        std::future::ready(
            serde_path_to_error::deserialize(de)
                .map(Query)
                .map_err(|e| {
                    let path = e.path().to_string();
                    let inner = e.into_inner().to_string();
                    let (name, code, message) = match inner
                        .strip_prefix("missing field `")
                        .and_then(|s| s.split('`').next())
                    {
                        Some(field) => (
                            field.to_string(),
                            "required",
                            format!("缺少查询参数 {field}。"),
                        ),
                        None => (
                            path.clone(),
                            "invalid_query",
                            format!("查询参数 {path} 的值无效：{inner}"),
                        ),
                    };
                    ApiError::Validation(vec![renda_openapi::FieldError {
                        pointer: format!("?{name}"),
                        code: code.into(),
                        message,
                    }])
                }),
        )
    }
}
