//! The caller of a request, from a valid bearer token or API key: the [`AuthUser`]
//! extractor that every protected handler takes, and the role and scope checks on it.

use super::tokens::TokenKeys;
use crate::db::DbPool;
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use renda_openapi::{ApiScope, Role};
use uuid::Uuid;

/// The caller, from a valid bearer token.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub role: Role,
    /// The caller's congress; their scope is it and every congress below it.
    pub congress_id: Uuid,
    /// For deputies: their own deputy record.
    pub deputy_id: Option<Uuid>,
    /// For handling-organisation users: the organisation they act for (none: they see no
    /// suggestions).
    pub handling_org_id: Option<Uuid>,
    /// For a request made with an API key: what the key may do (checked for every request
    /// by [`area_scope`]); `None` for a signed-in user (their role decides).
    pub scopes: Option<Vec<ApiScope>>,
}

impl AuthUser {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let m = renda_openapi::CommonMessage::RoleMayNot { role: self.role };
            Err(renda_openapi::Refusal::forbidden(m).into())
        }
    }

    /// Office roles that keep the registry: admin and staff.
    pub fn is_office(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Staff)
    }

    /// Whether the caller may see phones and addresses of every deputy in scope.
    pub fn sees_contacts(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Staff | Role::Presidium)
    }

    /// Whether the caller may see full ID-card numbers.
    pub fn sees_id_cards(&self) -> bool {
        self.is_office()
    }
}

/// Roles that may write the registry (create, update, import).
pub const REGISTRY_WRITERS: &[Role] = &[Role::Admin, Role::Staff, Role::Integration];

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = bearer(&req)?;
            let user = if token.starts_with(API_KEY_PREFIX) {
                let pool = req
                    .app_data::<web::Data<DbPool>>()
                    .ok_or_else(|| ApiError::Internal("database pool not configured".into()))?
                    .clone();
                crate::db::tx(&pool, move |conn| authenticate_key(conn, &token)).await?
            } else {
                verify_jwt(&req, &token)?
            };
            if let Some(scopes) = &user.scopes {
                // The route's pattern, not the raw path: the router decodes `%73uggestions`
                // to `suggestions`, and the scope must follow where the request really goes.
                let route = req
                    .match_pattern()
                    .unwrap_or_else(|| req.match_info().as_str().to_string());
                let needed = area_scope(&route, req.method());
                if !scopes.contains(&needed) {
                    return Err(ApiError::Forbidden(format!(
                        "此 API 密钥没有“{}”权限（{}）。",
                        needed.label_zh(),
                        needed.as_str()
                    )));
                }
            }
            Ok(user)
        })
    }
}

/// SHA-256 of an API key, as stored.
pub fn digest(key: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(key.as_bytes()).to_vec()
}

/// The caller of a request made with an API key: its user (active), with the key's scopes.
/// 401 for an unknown or revoked key or an inactive user.
fn authenticate_key(conn: &mut diesel::PgConnection, key: &str) -> Result<AuthUser, ApiError> {
    use crate::schema::{api_keys, users};
    use diesel::prelude::*;
    let unknown = || ApiError::Unauthorized("API 密钥无效或已吊销。".into());
    let (key_id, scopes, user): (Uuid, Vec<String>, super::models::UserRow) = api_keys::table
        .inner_join(users::table.on(users::id.eq(api_keys::user_id)))
        .filter(api_keys::key_hash.eq(digest(key)))
        .filter(api_keys::revoked_at.is_null())
        .filter(users::is_active.eq(true))
        .select((
            api_keys::id,
            api_keys::scopes,
            super::models::UserRow::as_select(),
        ))
        .first(conn)
        .optional()?
        .ok_or_else(unknown)?;
    // Noted at most once a minute, so a busy sync does not write on every request.
    let now = chrono::Utc::now();
    diesel::update(api_keys::table.find(key_id))
        .filter(
            api_keys::last_used_at
                .is_null()
                .or(api_keys::last_used_at.lt(now - chrono::Duration::minutes(1))),
        )
        .set(api_keys::last_used_at.eq(now))
        .execute(conn)?;
    Ok(AuthUser {
        id: user.id,
        role: Role::parse(&user.role).ok_or_else(unknown)?,
        congress_id: user.congress_id,
        deputy_id: user.deputy_id,
        handling_org_id: user.handling_org_id,
        scopes: Some(scopes.iter().filter_map(|s| ApiScope::parse(s)).collect()),
    })
}

/// API keys start with this, so the extractor knows a key from a JWT.
pub const API_KEY_PREFIX: &str = "rk_";

/// The credential of a request: `Authorization: Bearer …` or `X-API-Key: …`.
fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    if let Some(key) = req.headers().get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Ok(key.trim().to_string());
    }
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::Unauthorized("请求缺少 Authorization: Bearer 访问令牌。".into())
        })?;
    header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(|t| t.trim().to_string())
        .ok_or_else(|| ApiError::Unauthorized("Authorization 头须为 Bearer 令牌。".into()))
}

fn verify_jwt(req: &HttpRequest, token: &str) -> Result<AuthUser, ApiError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::Internal("token keys not configured".into()))?;
    let claims = keys
        .verify(token)
        .ok_or_else(|| ApiError::Unauthorized("访问令牌无效或已过期，请重新登录。".into()))?;
    Ok(AuthUser {
        id: claims.sub,
        role: claims.role,
        congress_id: claims.cid,
        deputy_id: claims.did,
        handling_org_id: claims.hid,
        scopes: None,
    })
}

/// The scope a request needs: its area by path (see [`ApiScope`]) and read for GET/HEAD,
/// write for anything else.
pub fn area_scope(path: &str, method: &actix_web::http::Method) -> ApiScope {
    let rest = path.strip_prefix("/api/v1").unwrap_or(path);
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    const SUGGESTIONS: &[&str] = &[
        "suggestions",
        "replies",
        "attachments",
        "handling-orgs",
        "suggestion-categories",
        "suggestion-report",
        "reminders",
        "motions",
        "working-calendar",
    ];
    const MEETINGS: &[&str] = &[
        "activities",
        "calendar",
        "calendar-feeds",
        "attendances",
        "leave-requests",
        "agenda-items",
        "documents",
        "credentials-flags",
        "attendance-rates",
        "activity-counts",
        "session-check",
    ];
    const ASSESSMENTS: &[&str] = &[
        "performance-records",
        "performance-entries",
        "performance-entry-kinds",
        "entry-attachments",
        "correction-requests",
        "assessment-schemes",
        "assessment-scheme-templates",
        "assessment-runs",
        "objections",
        "awards",
        "duty-reports",
        "duty-report-coverage",
        "work-appraisals",
    ];
    let read = matches!(
        *method,
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    );
    if ASSESSMENTS.contains(&first) || rest.ends_with("/publication-settings") {
        return if read {
            ApiScope::AssessmentsRead
        } else {
            ApiScope::AssessmentsWrite
        };
    }
    // Per-congress settings of suggestions live under /congresses/{id}/suggestion-settings.
    let suggestions = SUGGESTIONS.contains(&first) || rest.ends_with("/suggestion-settings");
    let deputy_activities = first == "deputies" && rest.ends_with("/activities");
    match (
        suggestions,
        MEETINGS.contains(&first) || deputy_activities,
        read,
    ) {
        (true, _, true) => ApiScope::SuggestionsRead,
        (true, _, false) => ApiScope::SuggestionsWrite,
        (_, true, true) => ApiScope::MeetingsRead,
        (_, true, false) => ApiScope::MeetingsWrite,
        (_, _, true) => ApiScope::RegistryRead,
        (_, _, false) => ApiScope::RegistryWrite,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::Method;

    #[test]
    fn each_path_falls_in_one_area() {
        assert_eq!(
            area_scope("/api/v1/suggestions", &Method::GET),
            ApiScope::SuggestionsRead
        );
        assert_eq!(
            area_scope("/api/v1/replies/x/send", &Method::POST),
            ApiScope::SuggestionsWrite
        );
        assert_eq!(
            area_scope("/api/v1/congresses/x/suggestion-settings", &Method::PUT),
            ApiScope::SuggestionsWrite
        );
        assert_eq!(
            area_scope("/api/v1/activities/x/attendance", &Method::POST),
            ApiScope::MeetingsWrite
        );
        assert_eq!(
            area_scope("/api/v1/deputies/x/activities", &Method::GET),
            ApiScope::MeetingsRead
        );
        assert_eq!(
            area_scope("/api/v1/deputies", &Method::GET),
            ApiScope::RegistryRead
        );
        assert_eq!(
            area_scope("/api/v1/imports/roster", &Method::POST),
            ApiScope::RegistryWrite
        );
        assert_eq!(
            area_scope("/api/v1/assessment-runs/x/scores", &Method::GET),
            ApiScope::AssessmentsRead
        );
        assert_eq!(
            area_scope("/api/v1/congresses/x/publication-settings", &Method::PUT),
            ApiScope::AssessmentsWrite
        );
    }
}
