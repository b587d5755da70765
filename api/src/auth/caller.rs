//! The caller of a request, from a valid bearer token: the [`AuthUser`] extractor that
//! every protected handler takes, and the role checks on it.

use super::tokens::TokenKeys;
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use renda_openapi::Role;
use std::future::{ready, Ready};
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
}

impl AuthUser {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "当前角色（{}）不能执行此操作。",
                self.role.as_str()
            )))
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
    type Future = Ready<Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::Internal("token keys not configured".into()))?;
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::Unauthorized("请求缺少 Authorization: Bearer 访问令牌。".into())
        })?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or_else(|| ApiError::Unauthorized("Authorization 头须为 Bearer 令牌。".into()))?;
    let claims = keys
        .verify(token.trim())
        .ok_or_else(|| ApiError::Unauthorized("访问令牌无效或已过期，请重新登录。".into()))?;
    Ok(AuthUser {
        id: claims.sub,
        role: claims.role,
        congress_id: claims.cid,
        deputy_id: claims.did,
        handling_org_id: claims.hid,
    })
}
