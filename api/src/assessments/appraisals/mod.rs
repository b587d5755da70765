//! Work appraisal (工作评议) of government departments: a plan the presidium discussed
//! (units = handling organisations, period, team of deputies), then the stages in order
//! (self-check, investigation, appraisal meeting with a ballot per unit, opinions with an
//! issue list, rectification reports, a second ballot). The stage rules are the
//! contract's (`appraisal_move`, `AppraisalUnitInput::allowed_in`); the team's deputies
//! find the appraisal in their records (`records::counts` reads `work_appraisal_team`).
//!
//! Access: the office writes; the office and the presidium read their scope; a deputy
//! reads the appraisals whose team they are on; a handling organisation reads those its
//! department is a unit of, with its own unit only.

pub mod queries;
pub mod writes;

use super::access::require_office;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, today, Json, Query};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use queries::AppraisalRow;
use renda_openapi::messages::AssessmentMessage as M;
use renda_openapi::{
    appraisal_move, Actor, AppraisalInput, AppraisalListQuery, AppraisalStage, AppraisalTransition,
    AppraisalUnitInput, HandlingOrgId, Problem, Refusal, WorkAppraisal, WorkAppraisalId,
    WorkAppraisalPage,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_appraisals)
        .service(create_appraisal)
        .service(get_appraisal)
        .service(update_appraisal)
        .service(transition_appraisal)
        .service(update_unit);
}

fn one(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    row: AppraisalRow,
) -> Result<WorkAppraisal, ApiError> {
    queries::to_wire(conn, user, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("appraisal lost".into()))
}

fn audit(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&WorkAppraisal>,
    after: &WorkAppraisal,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "work_appraisal",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

fn with_etag(wire: WorkAppraisal) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire)
}

/// Work appraisals the caller may read (see the module's access rules), with the filters
/// of the query. Oldest first; with `updated_since`, by change time. Pages of at most 200.
#[utoipa::path(
    tag = "assessments",
    params(AppraisalListQuery),
    responses((status = 200, description = "A page of work appraisals", body = WorkAppraisalPage), ReadErrors),
    security(("bearer" = []))
)]
#[get("/work-appraisals")]
pub async fn list_appraisals(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<AppraisalListQuery>,
) -> Result<web::Json<WorkAppraisalPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Plan a work appraisal (the office): title, year, period, the date the presidium
/// discussed the plan, the departments under appraisal and the team. It starts in the
/// plan stage. `Idempotency-Key` makes a retry safe.
///
/// Errors: 403 unless the office; 404 for a congress out of scope; 422 for a bad title,
/// year, period (`end_before_start`), a discussion date in the future, a department of
/// another congress (`/units/{i}`) or a deputy of another congress (`/team/{i}`).
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = AppraisalInput,
    responses((status = 201, description = "Planned", body = WorkAppraisal), WriteErrors),
    security(("bearer" = []))
)]
#[post("/work-appraisals")]
pub async fn create_appraisal(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<AppraisalInput>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let input = body.into_inner();
    writes::check(&input, today())?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let (units, team) = writes::resolve(conn, &user, &input)?;
        let row = writes::save(conn, None, &input, &units, &team)?;
        let wire = one(conn, &user, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One work appraisal with its units and team; `ETag` holds the version.
#[utoipa::path(
    tag = "assessments",
    params(("id" = WorkAppraisalId, Path, description = "Work appraisal id")),
    responses((status = 200, description = "The work appraisal", body = WorkAppraisal), ReadErrors),
    security(("bearer" = []))
)]
#[get("/work-appraisals/{id}")]
pub async fn get_appraisal(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<WorkAppraisalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, false)?;
        one(conn, &user, row)
    })
    .await?;
    Ok(with_etag(wire))
}

/// Change the plan (the office), with `If-Match`, while in the plan stage: its fields,
/// units and team are replaced. The congress does not change.
///
/// Errors: 403 unless the office; 409 `plan_fixed` after the plan stage; 412 on a stale
/// version; 428 without `If-Match`; 422 as for planning.
#[utoipa::path(
    tag = "assessments",
    params(("id" = WorkAppraisalId, Path, description = "Work appraisal id")),
    request_body = AppraisalInput,
    responses((status = 200, description = "Updated", body = WorkAppraisal), (status = 409, description = "The plan is fixed", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/work-appraisals/{id}")]
pub async fn update_appraisal(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<WorkAppraisalId>,
    body: Json<AppraisalInput>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let version = if_match(&req)?;
    let input = body.into_inner();
    let id = id.into_inner();
    writes::check(&input, today())?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        if row.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        if row.stage != AppraisalStage::Plan {
            return Err(Refusal::conflict(M::PlanFixed).into());
        }
        if input.congress_id != row.congress_id {
            let m = renda_openapi::messages::CommonMessage::InvalidValue;
            return Err(Refusal::invalid("/congress_id", m).into());
        }
        let (units, team) = writes::resolve(conn, &user, &input)?;
        let before = one(conn, &user, row.clone())?;
        let saved = writes::save(conn, Some(&row), &input, &units, &team)?;
        let after = one(conn, &user, saved)?;
        audit(conn, &user, "update", Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(wire))
}

/// Move the appraisal to its next stage (the office): `to` names it. Each stage must be
/// complete first (the plan discussed by the presidium, with units and a team; every
/// unit's self-check report; every unit's ballot and opinions; every rectification
/// report; every second ballot).
///
/// Errors: 403 unless the office; 409 `appraisal_step_out_of_order` for a stage skipped
/// or gone back to, `appraisal_stage_incomplete` naming what is missing,
/// `appraisal_closed` after the last stage.
#[utoipa::path(
    tag = "assessments",
    params(("id" = WorkAppraisalId, Path, description = "Work appraisal id")),
    request_body = AppraisalTransition,
    responses((status = 200, description = "The appraisal in its new stage", body = WorkAppraisal), (status = 409, description = "Out of order, incomplete, or closed", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/work-appraisals/{id}/transitions")]
pub async fn transition_appraisal(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<WorkAppraisalId>,
    body: Json<AppraisalTransition>,
) -> Result<HttpResponse, ApiError> {
    let to = body.into_inner().to;
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        let units = queries::units_of(conn, &[row.id])?;
        let team = queries::team_of(conn, &[row.id])?.len() as u32;
        let who = Actor {
            role: user.role,
            own: false,
        };
        let next = appraisal_move(row.stage, to, who, &queries::context(&row, &units, team))?;
        let before = one(conn, &user, row.clone())?;
        let moved = writes::set_stage(conn, &row, next)?;
        let after = one(conn, &user, moved)?;
        audit(conn, &user, next.as_str(), Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(wire))
}

/// Record what a unit's stage produces (the office), with `If-Match` on the appraisal's
/// version: the self-check report, the investigation notes, the ballot, opinions, issue
/// list and rectification deadline, the rectification report, the second ballot. Fields
/// left out keep their value; a field of an earlier stage may still be corrected.
///
/// Errors: 403 unless the office; 404 `not_an_appraisal_unit`; 409 `field_not_in_stage`
/// for a field of a later stage, `appraisal_closed`; 412 on a stale version; 428 without
/// `If-Match`; 422 for texts over 5,000 characters or issues empty or over 500.
#[utoipa::path(
    tag = "assessments",
    params(("id" = WorkAppraisalId, Path, description = "Work appraisal id"), ("org_id" = HandlingOrgId, Path, description = "The department (handling organisation)")),
    request_body = AppraisalUnitInput,
    responses((status = 200, description = "The appraisal with the unit updated", body = WorkAppraisal), (status = 409, description = "Not in this stage, or closed", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/work-appraisals/{id}/units/{org_id}")]
pub async fn update_unit(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    path: web::Path<(WorkAppraisalId, HandlingOrgId)>,
    body: Json<AppraisalUnitInput>,
) -> Result<HttpResponse, ApiError> {
    require_office(&user)?;
    let version = if_match(&req)?;
    let input = body.into_inner();
    let (id, org) = path.into_inner();
    writes::check_unit(&input)?;
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        let unit = queries::units_of(conn, &[row.id])?
            .into_iter()
            .find(|u| u.handling_org_id == org)
            .ok_or_else(|| ApiError::from(Refusal::not_found(M::NotAnAppraisalUnit)))?;
        if row.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        input.allowed_in(row.stage)?;
        let before = one(conn, &user, row.clone())?;
        let saved = writes::set_unit(conn, &row, &unit, &input)?;
        let after = one(conn, &user, saved)?;
        audit(conn, &user, "update_unit", Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(wire))
}
