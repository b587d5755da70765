//! HTTP handlers of congresses and terms.

use super::repo;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::ApiError;
use crate::error::{ReadErrors, WriteErrors};
use actix_web::{web, HttpResponse};
use renda_openapi::{Congress, NewCongress, NewTerm, Role, Term};
use uuid::Uuid;

/// Congresses in the caller's scope (their own and those below it), highest level first.
#[utoipa::path(
    get, path = "/api/v1/congresses", tag = "congresses",
    responses((status = 200, description = "Congresses", body = Vec<Congress>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_congresses(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<Congress>>, ApiError> {
    let rows = tx(&pool, move |conn| Ok(repo::list(conn, &user)?)).await?;
    Ok(web::Json(
        rows.iter().map(|r| r.to_wire()).collect::<Result<_, _>>()?,
    ))
}

/// Register a congress below one in the caller's scope (admin only), e.g. a township under
/// its district.
#[utoipa::path(
    post, path = "/api/v1/congresses", tag = "congresses",
    request_body = NewCongress,
    responses((status = 201, description = "Created", body = Congress), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_congress(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewCongress>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let new = body.into_inner();
    let row = tx(&pool, move |conn| {
        let row = repo::insert(conn, &user, &new)?;
        let wire = row.to_wire()?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "congress",
            Some(row.id),
            None,
            Some(&serde_json::to_value(&wire).unwrap_or_default()),
        )?;
        Ok(wire)
    })
    .await?;
    Ok(HttpResponse::Created().json(row))
}

/// One congress.
#[utoipa::path(
    get, path = "/api/v1/congresses/{id}", tag = "congresses",
    params(("id" = Uuid, Path, description = "Congress id")),
    responses((status = 200, description = "The congress", body = Congress), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_congress(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Congress>, ApiError> {
    let id = id.into_inner();
    let row = tx(&pool, move |conn| repo::ensure_in_scope(conn, &user, id)).await?;
    Ok(web::Json(row.to_wire()?))
}

/// Terms of a congress, newest first.
#[utoipa::path(
    get, path = "/api/v1/congresses/{id}/terms", tag = "congresses",
    params(("id" = Uuid, Path, description = "Congress id")),
    responses((status = 200, description = "Terms", body = Vec<Term>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_terms(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Term>>, ApiError> {
    let id = id.into_inner();
    let rows = tx(&pool, move |conn| {
        repo::ensure_in_scope(conn, &user, id)?;
        Ok(repo::terms_of(conn, id)?)
    })
    .await?;
    Ok(web::Json(rows.iter().map(|t| t.to_wire()).collect()))
}

/// Add a term to a congress (admin, staff).
#[utoipa::path(
    post, path = "/api/v1/congresses/{id}/terms", tag = "congresses",
    params(("id" = Uuid, Path, description = "Congress id")),
    request_body = NewTerm,
    responses((status = 201, description = "Created", body = Term), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_term(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NewTerm>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin, Role::Staff])?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let term = tx(&pool, move |conn| {
        repo::ensure_in_scope(conn, &user, id)?;
        let term = repo::insert_term(conn, id, &new)?.to_wire();
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "term",
            Some(term.id),
            None,
            Some(&serde_json::to_value(&term).unwrap_or_default()),
        )?;
        Ok(term)
    })
    .await?;
    Ok(HttpResponse::Created().json(term))
}

/// One term.
#[utoipa::path(
    get, path = "/api/v1/terms/{id}", tag = "congresses",
    params(("id" = Uuid, Path, description = "Term id")),
    responses((status = 200, description = "The term", body = Term), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_term(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Term>, ApiError> {
    let id = id.into_inner();
    let row = tx(&pool, move |conn| repo::term_in_scope(conn, &user, id)).await?;
    Ok(web::Json(row.to_wire()))
}
