//! HTTP handlers of `/api/v1/auth/*` and `/api/v1/users`.

use super::caller::AuthUser;
use super::models::UserRow;
use super::tokens::{self, TokenKeys};
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::schema::{refresh_tokens, users};
use actix_web::{web, HttpResponse};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use renda_openapi::{ApiKey, NewApiKey};
use renda_openapi::{
    CurrentUser, FieldError, LoginRequest, NewUser, Problem, RefreshRequest, Role, TokenResponse,
};
use uuid::Uuid;

fn current_user(u: &UserRow) -> Result<CurrentUser, ApiError> {
    Ok(CurrentUser {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: Role::parse(&u.role)
            .ok_or_else(|| ApiError::Internal(format!("bad role {}", u.role)))?,
        congress_id: u.congress_id,
        deputy_id: u.deputy_id,
        handling_org_id: u.handling_org_id,
    })
}

/// A refresh token's user, session, expiry, use and revocation.
type RefreshRow = (
    Uuid,
    Uuid,
    chrono::DateTime<Utc>,
    Option<chrono::DateTime<Utc>>,
    Option<chrono::DateTime<Utc>>,
);

/// Issues an access token and a new refresh token in `family` (stored hashed).
fn issue_tokens(
    conn: &mut PgConnection,
    keys: &TokenKeys,
    user: &UserRow,
    family: Uuid,
) -> Result<TokenResponse, ApiError> {
    let current = current_user(user)?;
    let (refresh, digest) = tokens::new_refresh_token();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(Uuid::now_v7()),
            refresh_tokens::user_id.eq(user.id),
            refresh_tokens::family_id.eq(family),
            refresh_tokens::token_hash.eq(digest),
            refresh_tokens::expires_at.eq(Utc::now() + Duration::days(keys.refresh_ttl_days)),
        ))
        .execute(conn)?;
    Ok(TokenResponse {
        access_token: keys.issue(
            user.id,
            current.role,
            user.congress_id,
            user.deputy_id,
            user.handling_org_id,
        ),
        token_type: "Bearer".into(),
        expires_in: keys.ttl_seconds,
        refresh_token: refresh,
        user: current,
    })
}

/// Log in with username and password.
///
/// Rate-limited per client address (429 when exceeded). Wrong username and wrong password
/// give the same 401.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty username or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database cannot be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: crate::http::Json<LoginRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let LoginRequest { username, password } = body.into_inner();
    let mut errors = vec![];
    if username.trim().is_empty() {
        errors.push(FieldError {
            params: None,
            pointer: "/username".into(),
            code: "required".into(),
            message: "请输入用户名。".into(),
        });
    }
    if password.is_empty() {
        errors.push(FieldError {
            params: None,
            pointer: "/password".into(),
            code: "required".into(),
            message: "请输入密码。".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let keys = keys.into_inner();
    let response = tx(&pool, move |conn| {
        let user: Option<UserRow> = users::table
            .filter(users::username.eq(username.trim()))
            .select(UserRow::as_select())
            .first(conn)
            .optional()?;
        let ok = match &user {
            Some(u) => tokens::verify_password(&password, &u.password_hash) && u.is_active,
            None => {
                let _ = tokens::verify_password(&password, tokens::dummy_hash());
                false
            }
        };
        match (ok, user) {
            (true, Some(u)) => {
                // Expired refresh tokens of this user serve no purpose: drop them here,
                // so the table does not grow with every login.
                diesel::delete(
                    refresh_tokens::table
                        .filter(refresh_tokens::user_id.eq(u.id))
                        .filter(refresh_tokens::expires_at.lt(Utc::now())),
                )
                .execute(conn)?;
                issue_tokens(conn, &keys, &u, Uuid::now_v7()).map(Some)
            }
            _ => Ok(None),
        }
    })
    .await?;
    response
        .map(web::Json)
        .ok_or_else(|| ApiError::Unauthorized("用户名或密码错误。".into()))
}

/// Exchange a refresh token for new tokens.
///
/// The refresh token is rotated: the old one stops working. Presenting an already-used
/// token is treated as theft: the whole session (every token of that login) is revoked.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No refresh_token", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database cannot be reached", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refresh(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: crate::http::Json<RefreshRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let digest = tokens::refresh_digest(&body.refresh_token);
    let keys = keys.into_inner();
    // The reuse revocation must persist even though the request fails, so the outcome is
    // returned from the transaction rather than raised inside it.
    let outcome = tx(&pool, move |conn| {
        let row: Option<RefreshRow> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&digest))
            .select((
                refresh_tokens::user_id,
                refresh_tokens::family_id,
                refresh_tokens::expires_at,
                refresh_tokens::used_at,
                refresh_tokens::revoked_at,
            ))
            .for_update()
            .first(conn)
            .optional()?;
        let Some((user_id, family, expires_at, used_at, revoked_at)) = row else {
            return Ok(Err("刷新令牌无效。"));
        };
        if revoked_at.is_some() {
            return Ok(Err("会话已注销，请重新登录。"));
        }
        if used_at.is_some() {
            diesel::update(refresh_tokens::table.filter(refresh_tokens::family_id.eq(family)))
                .set(refresh_tokens::revoked_at.eq(Utc::now()))
                .execute(conn)?;
            log::warn!("refresh token reuse detected for user {user_id}; session revoked");
            return Ok(Err(
                "刷新令牌已被使用过，为安全起见本次会话已注销，请重新登录。",
            ));
        }
        if expires_at < Utc::now() {
            return Ok(Err("刷新令牌已过期，请重新登录。"));
        }
        let user: UserRow = users::table
            .find(user_id)
            .select(UserRow::as_select())
            .first(conn)?;
        if !user.is_active {
            return Ok(Err("账号已停用。"));
        }
        diesel::update(refresh_tokens::table.filter(refresh_tokens::token_hash.eq(&digest)))
            .set(refresh_tokens::used_at.eq(Utc::now()))
            .execute(conn)?;
        issue_tokens(conn, &keys, &user, family).map(Ok)
    })
    .await?;
    outcome
        .map(web::Json)
        .map_err(|m| ApiError::Unauthorized(m.into()))
}

/// Log out: revoke the session that the refresh token belongs to.
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Session revoked (also when it was already)"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn logout(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let digest = tokens::refresh_digest(&body.refresh_token);
    tx(&pool, move |conn| {
        let family: Option<Uuid> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&digest))
            .filter(refresh_tokens::user_id.eq(user.id))
            .select(refresh_tokens::family_id)
            .first(conn)
            .optional()?;
        if let Some(family) = family {
            diesel::update(
                refresh_tokens::table
                    .filter(refresh_tokens::family_id.eq(family))
                    .filter(refresh_tokens::revoked_at.is_null()),
            )
            .set(refresh_tokens::revoked_at.eq(Utc::now()))
            .execute(conn)?;
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user.
#[utoipa::path(
    get, path = "/api/v1/auth/me", tag = "auth",
    responses(
        (status = 200, description = "The caller", body = CurrentUser),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn me(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<CurrentUser>, ApiError> {
    let row = tx(&pool, move |conn| {
        users::table
            .find(user.id)
            .select(UserRow::as_select())
            .first(conn)
            .map_err(ApiError::from)
    })
    .await?;
    Ok(web::Json(current_user(&row)?))
}

/// Validates and inserts a user; shared by the API and `renda create-user`.
pub fn insert_user(conn: &mut PgConnection, new: &NewUser) -> Result<UserRow, ApiError> {
    let mut errors = vec![];
    let username = new.username.trim();
    if username.is_empty() || username.chars().count() > 50 {
        errors.push(FieldError {
            params: None,
            pointer: "/username".into(),
            code: "invalid_length".into(),
            message: "用户名须为 1–50 个字符。".into(),
        });
    }
    if new.display_name.trim().is_empty() {
        errors.push(FieldError {
            params: None,
            pointer: "/display_name".into(),
            code: "required".into(),
            message: "请输入显示名称。".into(),
        });
    }
    if new.password.chars().count() < 10 {
        errors.push(FieldError {
            params: None,
            pointer: "/password".into(),
            code: "too_short".into(),
            message: "密码至少 10 个字符。".into(),
        });
    }
    if new.role == Role::Deputy && new.deputy_id.is_none() {
        errors.push(FieldError {
            params: None,
            pointer: "/deputy_id".into(),
            code: "required".into(),
            message: "代表账号须关联代表记录。".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let taken: bool = diesel::select(diesel::dsl::exists(
        users::table.filter(users::username.eq(username)),
    ))
    .get_result(conn)?;
    if taken {
        return Err(ApiError::field("/username", "taken", "该用户名已被使用。"));
    }
    let hash = tokens::hash_password(&new.password).map_err(ApiError::Internal)?;
    let row = diesel::insert_into(users::table)
        .values((
            users::id.eq(Uuid::now_v7()),
            users::username.eq(username),
            users::display_name.eq(new.display_name.trim()),
            users::password_hash.eq(hash),
            users::role.eq(new.role.as_str()),
            users::congress_id.eq(new.congress_id),
            users::deputy_id.eq(new.deputy_id),
        ))
        .returning(UserRow::as_returning())
        .get_result(conn)?;
    Ok(row)
}

/// Create a user (admin only) in a congress within the admin's scope.
#[utoipa::path(
    post, path = "/api/v1/users", tag = "auth",
    request_body = NewUser,
    responses(
        (status = 201, description = "Created", body = CurrentUser),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Congress or deputy not in scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or username taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_user(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let new = body.into_inner();
    let created = tx(&pool, move |conn| {
        crate::congresses::repo::ensure_in_scope(conn, &user, new.congress_id)?;
        if let Some(deputy) = new.deputy_id {
            crate::deputies::repo::ensure_deputy_in_scope(conn, &user, deputy)?;
        }
        let row = insert_user(conn, &new)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "user",
            Some(row.id),
            None,
            Some(&serde_json::json!({
                "username": row.username, "role": row.role, "congress_id": row.congress_id
            })),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(current_user(&created)?))
}

/// Users of the admin's congress and the congresses below it (admin only).
#[utoipa::path(
    get, path = "/api/v1/users", tag = "auth",
    responses(
        (status = 200, description = "Users, by username", body = Vec<CurrentUser>),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_users(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<CurrentUser>>, ApiError> {
    user.require(&[Role::Admin])?;
    let rows = tx(&pool, move |conn| {
        users::table
            .filter(users::congress_id.eq_any(crate::congresses::repo::scope(user.congress_id)))
            .order((users::username, users::id))
            .limit(1000)
            .select(UserRow::as_select())
            .load(conn)
            .map_err(ApiError::from)
    })
    .await?;
    Ok(web::Json(
        rows.iter().map(current_user).collect::<Result<_, _>>()?,
    ))
}

/// Create an API key for an integration user (admin). The answer's `key` is the secret:
/// it is shown only now. Send it as `Authorization: Bearer rk_…` or `X-API-Key: rk_…`.
#[utoipa::path(
    post, path = "/api/v1/api-keys", tag = "auth",
    request_body = NewApiKey,
    responses((status = 201, description = "Created, with the key", body = ApiKey), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_api_key(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewApiKey>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let key = tx(&pool, move |conn| {
        let key = super::keys::create(conn, &user, &new)?;
        let mut logged = key.clone();
        logged.key = None;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "api_key",
            Some(key.id),
            None,
            Some(&serde_json::to_value(&logged).unwrap_or_default()),
        )?;
        Ok(key)
    })
    .await?;
    Ok(HttpResponse::Created().json(key))
}

/// The API keys of the users in the admin's scope (without the secrets).
#[utoipa::path(
    get, path = "/api/v1/api-keys", tag = "auth",
    responses((status = 200, description = "Keys, newest first", body = Vec<ApiKey>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_api_keys(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<ApiKey>>, ApiError> {
    Ok(web::Json(
        tx(&pool, move |conn| super::keys::list(conn, &user)).await?,
    ))
}

/// Revoke an API key (admin): its next request gets 401.
#[utoipa::path(
    delete, path = "/api/v1/api-keys/{id}", tag = "auth",
    params(("id" = Uuid, Path, description = "Key id")),
    responses((status = 200, description = "Revoked", body = ApiKey), WriteErrors),
    security(("bearer" = []))
)]
pub async fn revoke_api_key(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApiKey>, ApiError> {
    let id = id.into_inner();
    let key = tx(&pool, move |conn| {
        let key = super::keys::revoke(conn, &user, id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "revoke",
            "api_key",
            Some(id),
            None,
            Some(&serde_json::to_value(&key).unwrap_or_default()),
        )?;
        Ok(key)
    })
    .await?;
    Ok(web::Json(key))
}
