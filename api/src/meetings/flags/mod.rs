//! Credentials flags (R10; DL 62): mandates flagged for the credentials committee after
//! two absences from sessions without approved leave; cleared by staff with a note.

pub mod queries;

use super::shared::{audit, ensure_reader, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use actix_web::web;
use renda_openapi::*;
use uuid::Uuid;

pub use queries::{open_of_mandates, to_wire};

/// Routes of credentials flags.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/credentials-flags").route(web::get().to(list_flags)));
    cfg.service(web::resource("/credentials-flags/{id}/clear").route(web::post().to(clear_flag)));
}

/// Mandates flagged for the credentials committee (R10; DL 62): two absences from
/// sessions without approved leave, with the sessions named. Open ones by default. A
/// deputy sees only their own.
#[utoipa::path(
    get, path = "/api/v1/credentials-flags", tag = "meetings",
    params(FlagQuery),
    responses((status = 200, description = "Flags, newest first", body = Vec<CredentialsFlag>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_flags(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<FlagQuery>,
) -> Result<web::Json<Vec<CredentialsFlag>>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Clear a credentials flag with a note (admin, staff), e.g. after the committee's review.
/// Clearing never changes the mandate.
#[utoipa::path(
    post, path = "/api/v1/credentials-flags/{id}/clear", tag = "meetings",
    params(("id" = Uuid, Path, description = "Flag id")),
    request_body = ClearFlag,
    responses(
        (status = 200, description = "Cleared", body = CredentialsFlag),
        (status = 409, description = "Already cleared", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn clear_flag(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ClearFlag>,
) -> Result<web::Json<CredentialsFlag>, ApiError> {
    user.require(WRITERS)?;
    let (id, body) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let (before, after) = queries::clear(conn, &user, id, &body)?;
            let mut wire = queries::to_wire(conn, &[before, after])?;
            let after = wire.pop().expect("two flags");
            let before = wire.pop().expect("two flags");
            audit(
                conn,
                &user,
                "clear",
                "credentials_flag",
                id,
                Some(json(&before)),
                Some(json(&after)),
            )?;
            Ok(after)
        })
        .await?,
    ))
}
