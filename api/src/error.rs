//! Every error the API returns, as RFC 9457 `application/problem+json`.
//!
//! Handlers return [`ApiError`]; extractor errors (malformed JSON, bad query strings, bad
//! path segments), unknown routes and anything else that leaves the app with a non-problem
//! error body are turned into problems here too. Internal error text is logged, never sent.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{error, HttpRequest, HttpResponse, ResponseError};
use renda_openapi::{FieldError, Lang, Problem, ProblemLimit, Refusal, RefusalKind, PROBLEM_BASE};
use utoipa::IntoResponses;

/// The content type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answered to the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: the request is well-formed but its values are not acceptable.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400: the request cannot be read (detail in Chinese).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 401: no valid access token (or wrong credentials).
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// 403: authenticated, but the role may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// 404: no such resource in the caller's scope.
    #[error("not found: {0}")]
    NotFound(String),
    /// 409: the change conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 409: a workflow step the item's state (or a rule of the workflow) does not allow.
    /// The first field is the machine code that ends the problem `type` (such as
    /// `invalid_transition`, `co_signers_unconfirmed`, `return_period_over`); the second the
    /// Chinese detail.
    #[error("refused: {0}: {1}")]
    Refused(&'static str, String),
    /// 412: `If-Match` names an old version.
    #[error("precondition failed")]
    PreconditionFailed,
    /// 428: an update without `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    /// 413: body over the configured limit.
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    /// 413: an import file over a configured bound (rows, columns, cells, cell or line
    /// bytes, XLSX parts): the message's code ends the problem `type` and is the code of
    /// its one error, `name` and `value` are the bound (see `imports::limits`).
    #[error("limit exceeded: {name}={value}")]
    LimitExceeded {
        name: &'static str,
        value: u64,
        message: renda_openapi::Message,
    },
    /// 408: the request body did not arrive in time (`BODY_TIMEOUT_SECONDS`,
    /// `BODY_IDLE_SECONDS`): the variable and its value in seconds.
    #[error("body timeout: {0}={1}")]
    BodyTimeout(&'static str, u64),
    /// 503 with `Retry-After`: every import slot is taken (`MAX_CONCURRENT_IMPORTS`) and
    /// none freed up within `IMPORT_QUEUE_SECONDS`; the value is the number of slots.
    #[error("imports busy: {0}")]
    ImportsBusy(u64),
    /// 415: a body of a type the endpoint does not read.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// A refusal of a rule, with its catalogue message: 403, 404, 409 or 422 by its kind.
    /// A 409's problem `type` ends in the message's code; the others keep their generic
    /// type (`forbidden`, `not_found`, `validation`) and carry the code in `code`.
    #[error("refusal: {0}")]
    Rule(Refusal),
    /// Several field refusals at once (a scheme with many faults): 422.
    #[error("invalid fields")]
    Rules(Vec<Refusal>),
    /// 503: the database cannot be reached.
    #[error("database unavailable")]
    Unavailable,
    /// 500: a bug or an unexpected failure; the text is logged only.
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// Whether this is a 404: no such record in the caller's scope.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound(_))
            || matches!(self, ApiError::Rule(r) if r.kind == RefusalKind::NotFound)
    }

    /// A 422 with one field error.
    pub fn field(pointer: &str, code: &str, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError {
            params: None,
            pointer: pointer.to_string(),
            code: code.to_string(),
            message: message.into(),
        }])
    }

    /// A 422 with one field error from the catalogue (code, params and Chinese text).
    pub fn invalid(pointer: &str, message: impl Into<renda_openapi::Message>) -> ApiError {
        ApiError::Validation(vec![FieldError::from_message(pointer, &message.into())])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "提交的数据有误",
            ),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request", "请求格式错误"),
            ApiError::Unauthorized(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "未登录或登录已过期",
            ),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "没有权限"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found", "未找到"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "与现有数据冲突"),
            ApiError::Refused(code, _) => (StatusCode::CONFLICT, code, "当前状态不允许此操作"),
            ApiError::Rule(r) => match r.kind {
                RefusalKind::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "没有权限"),
                RefusalKind::NotFound => (StatusCode::NOT_FOUND, "not_found", "未找到"),
                RefusalKind::Conflict => (
                    StatusCode::CONFLICT,
                    r.message.code(),
                    "当前状态不允许此操作",
                ),
                RefusalKind::Invalid => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "提交的数据有误",
                ),
            },
            ApiError::Rules(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "提交的数据有误",
            ),
            ApiError::PreconditionFailed => (
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                "数据已被他人修改",
            ),
            ApiError::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "if_match_required",
                "缺少 If-Match 版本号",
            ),
            ApiError::PayloadTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "请求内容过大",
            ),
            ApiError::LimitExceeded { message, .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                message.code(),
                "文件超出限制",
            ),
            ApiError::BodyTimeout(..) => (
                StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                "请求体上传超时",
            ),
            ApiError::ImportsBusy(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "import_busy",
                "导入任务繁忙",
            ),
            ApiError::UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "不支持的内容类型",
            ),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "数据库暂时不可用",
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "服务器内部错误",
            ),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, code, title) = self.parts();
        if let Some(p) = self.rule_problem(status, code, title) {
            return p;
        }
        let (detail, errors) = match self {
            ApiError::Validation(errors) => (
                Some(
                    errors
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join("；"),
                ),
                errors.clone(),
            ),
            ApiError::BadRequest(d)
            | ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::Conflict(d)
            | ApiError::Refused(_, d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d) => (Some(d.clone()), vec![]),
            ApiError::PreconditionFailed => (Some("请重新读取后再修改。".into()), vec![]),
            ApiError::PreconditionRequired => (
                Some("更新时须在 If-Match 头中提供读取时的 ETag。".into()),
                vec![],
            ),
            ApiError::LimitExceeded { message, .. } => (
                Some(message.text(Lang::Zh)),
                vec![FieldError::from_message("", message)],
            ),
            ApiError::BodyTimeout(name, secs) => (
                Some(format!(
                    "请求体未在 {secs} 秒内传完（{name}），连接已关闭；请检查网络后重试。"
                )),
                vec![],
            ),
            ApiError::ImportsBusy(slots) => (
                Some(format!(
                    "同时进行的导入已达上限（{slots} 个，MAX_CONCURRENT_IMPORTS），请稍后再试。"
                )),
                vec![],
            ),
            ApiError::Unavailable => (Some("请稍后再试。".into()), vec![]),
            ApiError::Internal(_) => (
                Some("请稍后再试；如问题持续，请联系管理员。".into()),
                vec![],
            ),
            ApiError::Rule(_) | ApiError::Rules(_) => (None, vec![]),
        };
        Problem {
            type_: format!("{PROBLEM_BASE}{code}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail,
            errors,
            code: None,
            params: None,
            limit: self.limit(),
        }
    }

    /// The problem of a catalogue refusal: its Chinese text as `detail`, its code and
    /// parameters; an invalid field also as the one entry of `errors`.
    fn rule_problem(&self, status: StatusCode, code: &str, title: &str) -> Option<Problem> {
        let field =
            |r: &Refusal| FieldError::from_message(r.pointer.as_deref().unwrap_or(""), &r.message);
        let (detail, errors, message) = match self {
            ApiError::Rule(r) if r.kind == RefusalKind::Invalid => {
                (r.message.text(Lang::Zh), vec![field(r)], Some(&r.message))
            }
            ApiError::Rule(r) => (r.message.text(Lang::Zh), vec![], Some(&r.message)),
            ApiError::Rules(rs) => (
                rs.iter()
                    .map(|r| r.message.text(Lang::Zh))
                    .collect::<Vec<_>>()
                    .join("；"),
                rs.iter().map(field).collect(),
                None,
            ),
            _ => return None,
        };
        Some(Problem {
            type_: format!("{PROBLEM_BASE}{code}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail: Some(detail),
            errors,
            code: message.map(|m| m.code().to_string()),
            params: message.and_then(|m| m.params()),
            limit: None,
        })
    }

    /// The bound a limit refusal names.
    fn limit(&self) -> Option<ProblemLimit> {
        let (name, value) = match self {
            ApiError::LimitExceeded { name, value, .. } => (*name, *value),
            ApiError::BodyTimeout(name, value) => (*name, *value),
            ApiError::ImportsBusy(value) => ("MAX_CONCURRENT_IMPORTS", *value),
            _ => return None,
        };
        Some(ProblemLimit {
            name: name.into(),
            value,
        })
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        ApiError::Rule(r)
    }
}

/// `Retry-After` of a 503 `import_busy`, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// Builds a problem+json response.
pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut builder = HttpResponse::build(status);
    builder.content_type(PROBLEM_JSON);
    if status == StatusCode::UNAUTHORIZED {
        builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    if problem.code() == "import_busy" {
        builder.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string()));
    }
    if status == StatusCode::REQUEST_TIMEOUT {
        // The body was not read to its end: the connection cannot carry another request.
        builder.insert_header((header::CONNECTION, "close"));
    }
    builder.body(serde_json::to_string(problem).unwrap_or_default())
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }
    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(msg) = self {
            log::error!("internal error: {msg}");
        }
        problem_response(&self.problem())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => ApiError::NotFound("记录不存在或不在您的权限范围内。".into()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                log::info!("unique violation: {}", info.message());
                ApiError::Conflict("与已有记录重复。".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                log::info!("foreign key violation: {}", info.message());
                ApiError::Conflict("该记录仍被其他数据引用，或引用的记录不存在。".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => ApiError::Unavailable,
            // STATEMENT_TIMEOUT_SECONDS (see `db::pool`): the database is too busy for this
            // request now.
            Error::DatabaseError(_, info) if info.message().contains("statement timeout") => {
                log::warn!("statement timeout: {}", info.message());
                ApiError::Unavailable
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// Malformed or oversized JSON bodies.
pub fn json_error(err: error::JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    use error::JsonPayloadError as J;
    let api = match &err {
        J::OverflowKnownLength { .. } | J::Overflow { .. } => {
            ApiError::PayloadTooLarge("请求体超过允许的大小。".into())
        }
        J::ContentType => ApiError::UnsupportedMediaType("请求体须为 application/json。".into()),
        J::Deserialize(e) => json_deserialize_error(e),
        _ => ApiError::BadRequest("无法读取请求体。".into()),
    };
    api.into()
}

/// Turns a serde_json error into a field error where the message names the field.
fn json_deserialize_error(e: &serde_json::Error) -> ApiError {
    let msg = e.to_string();
    if e.is_syntax() || e.is_eof() {
        return ApiError::BadRequest(format!(
            "JSON 格式错误（第 {} 行第 {} 列）。",
            e.line(),
            e.column()
        ));
    }
    if let Some(field) = between(&msg, "missing field `", "`") {
        return ApiError::field(
            &format!("/{field}"),
            "required",
            format!("缺少必填字段 {field}。"),
        );
    }
    if let Some(field) = between(&msg, "unknown field `", "`") {
        return ApiError::field(
            &format!("/{field}"),
            "unknown",
            format!("不认识的字段 {field}。"),
        );
    }
    let detail = msg.split(" at line ").next().unwrap_or("").to_string();
    ApiError::field(
        "",
        "invalid_value",
        format!("字段值类型或取值不正确：{detail}"),
    )
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// Query strings that do not parse.
pub fn query_error(err: error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let msg = err.to_string();
    let detail = msg
        .trim_start_matches("Query deserialize error: ")
        .to_string();
    let pointer = between(&detail, "field `", "`")
        .map(|f| format!("?{f}"))
        .unwrap_or_else(|| "?".into());
    ApiError::Validation(vec![FieldError {
        params: None,
        pointer,
        code: "invalid_query".into(),
        message: format!("查询参数无效：{detail}"),
    }])
    .into()
}

/// Path segments that do not parse (such as an id that is not a UUID): the resource does
/// not exist.
pub fn path_error(_err: error::PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("路径中的编号无效。".into()).into()
}

/// The default service: unknown routes, and 405 with `Allow` for a known path asked with
/// another method.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let allowed = crate::routes::allowed_methods(req.path());
    if allowed.is_empty() || allowed.contains(req.method()) {
        return Err(ApiError::NotFound("没有这个接口。".into()));
    }
    let allow: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
    let problem = Problem {
        type_: format!("{PROBLEM_BASE}method_not_allowed"),
        title: "不支持该请求方法".into(),
        status: 405,
        detail: Some(format!("该接口支持：{}。", allow.join("、"))),
        errors: vec![],
        code: None,
        params: None,
        limit: None,
    };
    let mut res = problem_response(&problem);
    res.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_str(&allow.join(", ")).unwrap_or(HeaderValue::from_static("GET")),
    );
    Ok(res)
}

/// Last line of defence: any error response (status ≥ 400) whose body is not already a
/// problem document (actix's own 405, 413, rate limiter's 429 …) gets one.
pub fn ensure_problem<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
        .unwrap_or(false);
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, title, detail) = match status.as_u16() {
        400 => ("bad_request", "请求格式错误", "无法读取请求。"),
        401 => ("unauthorized", "未登录或登录已过期", "请先登录。"),
        404 => ("not_found", "未找到", "没有这个接口。"),
        405 => (
            "method_not_allowed",
            "不支持该请求方法",
            "该接口不支持此请求方法。",
        ),
        413 => (
            "payload_too_large",
            "请求内容过大",
            "请求体超过允许的大小。",
        ),
        415 => (
            "unsupported_media_type",
            "不支持的内容类型",
            "请检查 Content-Type。",
        ),
        429 => ("too_many_requests", "请求过于频繁", "请稍后再试。"),
        503 => ("unavailable", "服务暂时不可用", "请稍后再试。"),
        s if s >= 500 => (
            "internal",
            "服务器内部错误",
            "请稍后再试；如问题持续，请联系管理员。",
        ),
        _ => ("error", "请求失败", "请求未能完成。"),
    };
    let problem = Problem {
        type_: format!("{PROBLEM_BASE}{code}"),
        title: title.into(),
        status: status.as_u16(),
        detail: Some(detail.into()),
        errors: vec![],
        code: Some(code.into()),
        params: None,
        limit: None,
    };
    let (req, res) = res.into_parts();
    let mut new = HttpResponse::build(status);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.insert_header((name.clone(), value.clone()));
        }
    }
    new.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
    let res: HttpResponse<BoxBody> = new.body(serde_json::to_string(&problem).unwrap_or_default());
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, res).map_into_right_body(),
    ))
}

/// Errors every authenticated read can give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ReadErrors {
    /// No valid access token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not found in the caller's scope.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Bad query parameters.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// The database cannot be reached.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// Errors every write can give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum WriteErrors {
    /// Malformed JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No valid access token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The caller's role may not do this.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Not found in the caller's scope.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Body over the size limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// Invalid fields, listed in `errors`.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// The database cannot be reached.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// Errors every file import can give besides [`WriteErrors`] (listed after them, so these
/// descriptions win).
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ImportErrors {
    /// The body did not arrive in time (`BODY_TIMEOUT_SECONDS`, `BODY_IDLE_SECONDS`):
    /// `body_timeout`, with `limit`.
    #[response(status = 408, content_type = "application/problem+json")]
    BodyTimeout(Problem),
    /// The file is over the upload limit (`payload_too_large`) or over a bound of its
    /// reader (`too_many_rows`, `too_many_columns`, `too_many_cells`, `cell_too_long`,
    /// `line_too_long`, `too_many_parts`, `part_too_large`, `unpacked_too_large`,
    /// `shared_strings_too_large`, with `limit`); nothing was written.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// Every import slot is taken (`import_busy`, with `Retry-After` and `limit`), or the
    /// database cannot be reached (`unavailable`).
    #[response(status = 503, content_type = "application/problem+json")]
    Busy(Problem),
}
