//! Assessment schemes (考核细则): the three templates, and versioned schemes per congress
//! and year. Everyone of the congress but handling organisations reads them (the formula
//! is never hidden); the office writes them. A version a run uses is frozen: `PUT`
//! refuses it with 409 `scheme_frozen`, and `POST …/versions` makes an editable copy.

pub mod queries;

use super::access::{require_office, require_reader};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json, Query};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    templates, AssessmentScheme, AssessmentSchemeId, Problem, Refusal, SchemeInput,
    SchemeListQuery, SchemePage, SchemeTemplate,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_templates)
        .service(list_schemes)
        .service(create_scheme)
        .service(get_scheme)
        .service(update_scheme)
        .service(new_version);
}

fn audit(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&AssessmentScheme>,
    after: &AssessmentScheme,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "assessment_scheme",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// The three template schemes, modelled on real ones (`points_zhrd`: zhrd's evaluation
/// standard; `points_jiangbei`: Chongqing Jiangbei's points system; `bands_hundred`: a
/// 100-point scheme with Baihe's bands); each names its sources. Every role but handling
/// organisations.
#[utoipa::path(
    tag = "assessments",
    responses((status = 200, description = "The templates", body = Vec<SchemeTemplate>), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-scheme-templates")]
pub async fn list_templates(user: AuthUser) -> Result<web::Json<Vec<SchemeTemplate>>, ApiError> {
    require_reader(&user)?;
    Ok(web::Json(templates::all()))
}

/// Scheme versions of the caller's scope (`congress_id`, `year` narrow it), oldest
/// first; with `updated_since`, by change time. Pages of at most 200.
#[utoipa::path(
    tag = "assessments",
    params(SchemeListQuery),
    responses((status = 200, description = "A page of versions", body = SchemePage), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-schemes")]
pub async fn list_schemes(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<SchemeListQuery>,
) -> Result<web::Json<SchemePage>, ApiError> {
    require_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Create a scheme (version 1) for a congress and year (the office), often from a
/// template's definition. `Idempotency-Key` makes a retry safe.
///
/// Errors: 422 with every fault and its pointer (`/name`, `/year`, `/template`
/// `unknown_template`, `/definition/items/2/cap` `invalid_points`, …; the rules of
/// `validate_scheme`); 404 for a congress out of scope.
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = SchemeInput,
    responses((status = 201, description = "Created", body = AssessmentScheme), WriteErrors),
    security(("bearer" = []))
)]
#[post("/assessment-schemes")]
pub async fn create_scheme(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<SchemeInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    require_office(&user)?;
    queries::check(&input)?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let wire = queries::insert(conn, &user, &input, None)?.to_wire()?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One version; `ETag` holds its version.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentSchemeId, Path, description = "Scheme version id")),
    responses((status = 200, description = "The version", body = AssessmentScheme), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-schemes/{id}")]
pub async fn get_scheme(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentSchemeId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        queries::find(conn, &user, id, false)?.to_wire()
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Edit a version that no run uses yet (the office), with `If-Match`. The congress stays.
///
/// Errors: 409 `scheme_frozen` once a run uses it (make a new version); 412 on a stale
/// version; 428 without `If-Match`; 422 as for creating (also `/congress_id` when it
/// differs).
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentSchemeId, Path, description = "Scheme version id")),
    request_body = SchemeInput,
    responses((status = 200, description = "Updated", body = AssessmentScheme), (status = 409, description = "Frozen: in use by a run", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/assessment-schemes/{id}")]
pub async fn update_scheme(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentSchemeId>,
    body: Json<SchemeInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let input = body.into_inner();
    let id = id.into_inner();
    require_office(&user)?;
    queries::check(&input)?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        if row.frozen {
            return Err(Refusal::conflict(M::SchemeFrozen).into());
        }
        if row.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        if row.congress_id != input.congress_id {
            return Err(Refusal::invalid("/congress_id", CommonMessage::InvalidValue).into());
        }
        let before = row.to_wire()?;
        let after = queries::update(conn, &row, &input)?.to_wire()?;
        audit(conn, &user, "update", Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Make a new, editable version from this one (the office): the same content, `number`
/// one higher, `previous_id` this one. The way to change a frozen scheme.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentSchemeId, Path, description = "Scheme version id")),
    responses((status = 201, description = "The new version", body = AssessmentScheme), WriteErrors),
    security(("bearer" = []))
)]
#[post("/assessment-schemes/{id}/versions")]
pub async fn new_version(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentSchemeId>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let id = id.into_inner();
    crate::idempotency::created(&req, &pool, user.id, &id, move |conn| {
        let row = queries::find(conn, &user, id, false)?;
        let input = SchemeInput {
            congress_id: row.congress_id,
            name: row.name.clone(),
            year: row.year,
            template: row.template.clone(),
            notes: row.notes.clone(),
            definition: row.definition()?,
        };
        let wire = queries::insert(conn, &user, &input, Some(&row))?.to_wire()?;
        audit(conn, &user, "new_version", None, &wire)?;
        Ok(wire)
    })
    .await
}
