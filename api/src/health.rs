//! `/healthz` (the process is up) and `/readyz` (the database answers).

use crate::db::DbPool;
use crate::error::ApiError;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "Up", body = String)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// Readiness: a connection can be had and answers `SELECT 1`; 503 otherwise.
#[utoipa::path(
    get, path = "/readyz", tag = "health",
    responses(
        (status = 200, description = "Database reachable", body = String),
        (status = 503, description = "Database unreachable", body = renda_openapi::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn readyz(pool: web::Data<DbPool>) -> Result<HttpResponse, ApiError> {
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(|_| ApiError::Unavailable)?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|_| ApiError::Unavailable)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}
