//! `Idempotency-Key` on creates: a retried request with the same key and body gets the
//! first response again instead of creating a second record.

use crate::db::{tx, DbPool};
use crate::error::ApiError;
use crate::schema::idempotency_keys;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The key from the `Idempotency-Key` header (1–200 visible characters), if any.
pub fn key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(v) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let v = v.to_str().unwrap_or("").trim();
    if v.is_empty() || v.len() > 200 {
        return Err(ApiError::field(
            "Idempotency-Key",
            "invalid",
            "Idempotency-Key 须为 1–200 个可见字符。",
        ));
    }
    Ok(Some(v.to_string()))
}

/// Digest of the request body, to tell a retry from a different request under the same key.
pub fn digest<T: serde::Serialize>(body: &T) -> Vec<u8> {
    Sha256::digest(serde_json::to_vec(body).unwrap_or_default()).to_vec()
}

/// The stored response for this key: `Some((status, body))` for a retry of the same
/// request. Errors: 422 when the key was used for a different request.
pub fn replay(
    conn: &mut PgConnection,
    user: Uuid,
    key: &str,
    request: &[u8],
) -> Result<Option<(u16, serde_json::Value)>, ApiError> {
    let found: Option<(Vec<u8>, i32, serde_json::Value)> = idempotency_keys::table
        .find((user, key))
        .select((
            idempotency_keys::request_digest,
            idempotency_keys::status,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?;
    match found {
        Some((d, status, body)) if d == request => Ok(Some((status as u16, body))),
        Some(_) => Err(ApiError::field(
            "Idempotency-Key",
            "reused",
            "该 Idempotency-Key 已用于另一个不同的请求。",
        )),
        None => Ok(None),
    }
}

/// Stores the response of the first request under this key, and forgets this user's
/// keys older than a day.
pub fn store(
    conn: &mut PgConnection,
    user: Uuid,
    key: &str,
    request: &[u8],
    status: u16,
    body: &serde_json::Value,
) -> QueryResult<()> {
    // Keys are for retries, which come within minutes: a day is plenty.
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::user_id.eq(user))
            .filter(
                idempotency_keys::created_at.lt(chrono::Utc::now() - chrono::Duration::days(1)),
            ),
    )
    .execute(conn)?;
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::user_id.eq(user),
            idempotency_keys::key.eq(key),
            idempotency_keys::request_digest.eq(request),
            idempotency_keys::status.eq(i32::from(status)),
            idempotency_keys::body.eq(body),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A create with `Idempotency-Key` handled once for every endpoint: inside one
/// transaction, a retry with the same key and body gets the first answer again; otherwise
/// `create` runs and its result is stored under the key. Answers 201 with the body and its
/// `ETag` (from the body's `version`).
///
/// Errors: whatever `create` returns; 422 when the key was used for a different request.
pub async fn created<I, T, F>(
    req: &HttpRequest,
    pool: &web::Data<DbPool>,
    user: Uuid,
    input: &I,
    create: F,
) -> Result<HttpResponse, ApiError>
where
    I: serde::Serialize,
    T: serde::Serialize,
    F: FnOnce(&mut PgConnection) -> Result<T, ApiError> + Send + 'static,
{
    let idem = key(req)?.map(|k| (k, digest(input)));
    let (status, body) = tx(pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = replay(conn, user, k, d)? {
                return Ok(previous);
            }
        }
        let value =
            serde_json::to_value(create(conn)?).map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some((k, d)) = &idem {
            store(conn, user, k, d, 201, &value)?;
        }
        Ok((201u16, value))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(
        HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
            .insert_header(crate::http::etag(version))
            .json(body),
    )
}
