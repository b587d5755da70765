//! API keys (ARCHITECTURE.md, Security): for district systems and scripts. A key acts as
//! one integration user, within that user's congress scope, and only within its scopes
//! ([`super::caller::area_scope`] decides the scope a request needs). Only the key's
//! SHA-256 is stored; the key is shown once, at creation.

use super::caller::digest;
use super::caller::{AuthUser, API_KEY_PREFIX};
use super::models::UserRow;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::schema::{api_keys, users};
use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use renda_openapi::{ApiKey, ApiScope, NewApiKey, Role};
use uuid::Uuid;

/// A row of `api_keys`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = api_keys)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ApiKeyRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub key_hash: Vec<u8>,
    pub scopes: Vec<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiKeyRow {
    fn to_wire(&self, key: Option<String>) -> ApiKey {
        ApiKey {
            id: self.id,
            user_id: self.user_id,
            name: self.name.clone(),
            scopes: self
                .scopes
                .iter()
                .filter_map(|s| ApiScope::parse(s))
                .collect(),
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            revoked_at: self.revoked_at,
            key,
        }
    }
}

/// Creates a key for an integration user in the admin's scope; the answer carries the key.
///
/// Errors: 403 not an admin; 404 user not in scope; 422 not an integration user, a name
/// missing or too long, no scopes.
pub fn create(
    conn: &mut PgConnection,
    admin: &AuthUser,
    new: &NewApiKey,
) -> Result<ApiKey, ApiError> {
    admin.require(&[Role::Admin])?;
    let user: UserRow = users::table
        .filter(users::id.eq(new.user_id))
        .filter(users::congress_id.eq_any(scope(admin.congress_id)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("用户不存在或不在您的权限范围内。".into()))?;
    let mut errors = vec![];
    if user.role != Role::Integration.as_str() {
        errors.push(renda_openapi::FieldError {
            params: None,
            pointer: "/user_id".into(),
            code: "not_integration".into(),
            message: "API 密钥只发给“系统对接”（integration）角色的用户。".into(),
        });
    }
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(renda_openapi::FieldError {
            params: None,
            pointer: "/name".into(),
            code: "invalid".into(),
            message: "名称须为 1–100 个字符。".into(),
        });
    }
    if new.scopes.is_empty() {
        errors.push(renda_openapi::FieldError {
            params: None,
            pointer: "/scopes".into(),
            code: "required".into(),
            message: "至少给出一项权限。".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let key = format!(
        "{API_KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let mut scopes: Vec<String> = new.scopes.iter().map(|s| s.as_str().to_string()).collect();
    scopes.sort();
    scopes.dedup();
    let row: ApiKeyRow = diesel::insert_into(api_keys::table)
        .values((
            api_keys::id.eq(Uuid::now_v7()),
            api_keys::user_id.eq(user.id),
            api_keys::name.eq(name),
            api_keys::key_hash.eq(digest(&key)),
            api_keys::scopes.eq(&scopes),
            api_keys::created_by.eq(Some(admin.id)),
        ))
        .returning(ApiKeyRow::as_returning())
        .get_result(conn)?;
    Ok(row.to_wire(Some(key)))
}

/// Keys of the users in the admin's scope, newest first (without the keys themselves).
pub fn list(conn: &mut PgConnection, admin: &AuthUser) -> Result<Vec<ApiKey>, ApiError> {
    admin.require(&[Role::Admin])?;
    let rows: Vec<ApiKeyRow> = api_keys::table
        .inner_join(users::table.on(users::id.eq(api_keys::user_id)))
        .filter(users::congress_id.eq_any(scope(admin.congress_id)))
        .order(api_keys::id.desc())
        .select(ApiKeyRow::as_select())
        .load(conn)?;
    Ok(rows.iter().map(|r| r.to_wire(None)).collect())
}

/// Revokes a key at once (its next request gets 401); revoking twice changes nothing.
pub fn revoke(conn: &mut PgConnection, admin: &AuthUser, id: Uuid) -> Result<ApiKey, ApiError> {
    admin.require(&[Role::Admin])?;
    let in_scope: Option<Uuid> = api_keys::table
        .inner_join(users::table.on(users::id.eq(api_keys::user_id)))
        .filter(api_keys::id.eq(id))
        .filter(users::congress_id.eq_any(scope(admin.congress_id)))
        .select(api_keys::id)
        .first(conn)
        .optional()?;
    if in_scope.is_none() {
        return Err(ApiError::NotFound(
            "API 密钥不存在或不在您的权限范围内。".into(),
        ));
    }
    diesel::update(api_keys::table.find(id))
        .filter(api_keys::revoked_at.is_null())
        .set(api_keys::revoked_at.eq(Utc::now()))
        .execute(conn)?;
    let row: ApiKeyRow = api_keys::table
        .find(id)
        .select(ApiKeyRow::as_select())
        .first(conn)?;
    Ok(row.to_wire(None))
}
