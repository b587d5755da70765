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
        if let Some((name, _)) = form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return std::future::ready(Err(ApiError::field(
                &format!("?{name}"),
                "invalid_characters",
                "查询参数含有不可见的控制字符（NUL）。",
            )));
        }
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
                        params: None,
                        pointer: format!("?{name}"),
                        code: code.into(),
                        message,
                    }])
                }),
        )
    }
}

/// The JSON pointer of the first string holding a NUL character, which PostgreSQL text
/// cannot store.
fn find_nul(value: &serde_json::Value, at: String) -> Option<String> {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(at),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_nul(v, format!("{at}/{i}"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(at.clone())
            } else {
                find_nul(v, format!("{at}/{k}"))
            }
        }),
        _ => None,
    }
}

/// A JSON body extractor like `web::Json` (same size limit and content-type check), whose
/// field errors point at the exact field, nested ones included (`/mandate/term_id`).
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The parsed body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        // Syntax, size and content type are checked by actix's extractor (see
        // `error::json_error`); the shape is checked here, where the path is known.
        let value = actix_web::web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = value.await?.into_inner();
            if let Some(pointer) = find_nul(&value, String::new()) {
                return Err(ApiError::field(
                    &pointer,
                    "invalid_characters",
                    "含有不可见的控制字符（NUL），请删除后重试。",
                )
                .into());
            }
            serde_path_to_error::deserialize(value)
                .map(Json)
                .map_err(|e| {
                    let path = e.path().to_string();
                    let inner = e.into_inner().to_string();
                    let base = if path == "." {
                        String::new()
                    } else {
                        format!("/{}", path.replace('.', "/"))
                    };
                    let error = match inner
                        .strip_prefix("missing field `")
                        .and_then(|s| s.split('`').next())
                    {
                        Some(field) => renda_openapi::FieldError {
                            params: None,
                            pointer: format!("{base}/{field}"),
                            code: "required".into(),
                            message: format!("缺少必填字段 {field}。"),
                        },
                        None => renda_openapi::FieldError {
                            params: None,
                            pointer: base.clone(),
                            code: "invalid_value".into(),
                            message: format!(
                                "字段 {} 的值类型或取值不正确：{inner}",
                                base.trim_start_matches('/')
                            ),
                        },
                    };
                    ApiError::Validation(vec![error]).into()
                })
        })
    }
}

/// A file as a response body (an XLSX workbook, a DOCX document): its bytes, which the
/// OpenAPI document describes as a binary string (`type: string, format: binary`), not
/// as an array of numbers.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBody(pub Vec<u8>);
