//! Publication of deputies' basic information and performance (DL 58, R14): what each
//! congress chooses to publish (set by the office), and the public pages that carry it
//! without signing in ([`public`]). Personal data is never published: no ID number,
//! phone, address, or birth date beyond the year.

pub mod public;

use super::access::{congress_in_scope, require_office};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json};
use crate::schema::publication_settings;
use actix_web::{get, put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use renda_openapi::messages::CommonMessage;
use renda_openapi::{CongressId, Problem, PublicationSettings, Refusal};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource (the public pages in their own rate-limited scope).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_settings)
        .service(put_settings)
        .configure(public::routes);
}

/// The settings of a congress and their version (none stored: the defaults, version 0,
/// which is off).
pub fn settings_of(
    conn: &mut PgConnection,
    congress: CongressId,
) -> Result<(PublicationSettings, i32), ApiError> {
    let row: Option<(serde_json::Value, i32)> = publication_settings::table
        .find(congress)
        .select((
            publication_settings::settings,
            publication_settings::version,
        ))
        .first(conn)
        .optional()?;
    match row {
        None => Ok((PublicationSettings::default(), 0)),
        Some((json, version)) => Ok((
            serde_json::from_value(json).map_err(|e| ApiError::Internal(e.to_string()))?,
            version,
        )),
    }
}

/// What a congress publishes on the public pages of its deputies; `ETag` holds the
/// version (`"0"` while the defaults apply, publication off). The office (admin, staff,
/// integration keys with `assessments:read`) of the congress's scope.
///
/// Errors: 403 `role_may_not` for other roles; 404 for a congress out of scope.
#[utoipa::path(
    tag = "assessments",
    params(("id" = CongressId, Path, description = "Congress id")),
    responses((status = 200, description = "The settings", body = PublicationSettings), (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/congresses/{id}/publication-settings")]
pub async fn get_settings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<CongressId>,
) -> Result<HttpResponse, ApiError> {
    let congress = id.into_inner();
    let (settings, version) = tx(&pool, move |conn| {
        require_office(&user)?;
        congress_in_scope(conn, &user, congress)?;
        settings_of(conn, congress)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(version))
        .json(settings))
}

/// Replace what a congress publishes (the office), with `If-Match` (`"0"` the first
/// time). Audited.
///
/// Errors: 403 `role_may_not`; 404 for a congress out of scope; 412 on a stale version;
/// 422 `duplicate` at `/counts` for a metric listed twice.
#[utoipa::path(
    tag = "assessments",
    params(("id" = CongressId, Path, description = "Congress id")),
    request_body = PublicationSettings,
    responses((status = 200, description = "The settings now", body = PublicationSettings), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/congresses/{id}/publication-settings")]
pub async fn put_settings(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<CongressId>,
    body: Json<PublicationSettings>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let congress = id.into_inner();
    let settings = body.into_inner();
    let mut seen = std::collections::BTreeSet::new();
    if !settings.counts.iter().all(|m| seen.insert(*m)) {
        return Err(Refusal::invalid("/counts", CommonMessage::Duplicate).into());
    }
    let (settings, next) = tx(&pool, move |conn| {
        require_office(&user)?;
        congress_in_scope(conn, &user, congress)?;
        let (before, current) = settings_of(conn, congress)?;
        if current != version {
            return Err(ApiError::PreconditionFailed);
        }
        let json = serde_json::json!(settings);
        diesel::insert_into(publication_settings::table)
            .values((
                publication_settings::congress_id.eq(congress),
                publication_settings::settings.eq(&json),
                publication_settings::version.eq(current + 1),
            ))
            .on_conflict(publication_settings::congress_id)
            .do_update()
            .set((
                publication_settings::settings.eq(&json),
                publication_settings::version.eq(current + 1),
                publication_settings::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "update",
            "publication_settings",
            Some(congress.0),
            Some(&serde_json::json!(before)),
            Some(&json),
        )?;
        Ok((settings, current + 1))
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(next)).json(settings))
}
