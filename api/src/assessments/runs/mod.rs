//! Assessment runs (考核): a scheme version over a term's deputies for a year or a
//! quarter. The office creates a run (computed at once), recomputes it, publishes the
//! running score (亮分) with an objection window, and freezes it; freezing keeps the
//! stored scores as the snapshot and proposes the awards. Deputies see a run once it is
//! published; the office and the presidium see every run of their scope.

pub mod compute;
pub mod objections;
pub mod queries;
pub mod ranking_docx;
pub mod ratings;
pub mod scores;
pub mod snapshot;

use super::access::{actor, require_office, require_reader};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, today, Json, Query};
use crate::schema::assessment_runs;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use queries::RunRow;
use renda_openapi::{
    run_step, AssessmentRun, AssessmentRunId, DeputyId, Problem, Refusal, RunContext, RunInput,
    RunListQuery, RunPage, RunStatus, RunStep, RunTransition,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource and its parts (scores, ratings, objections).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_runs)
        .service(create_run)
        .service(get_run)
        .service(transition_run)
        .configure(scores::routes)
        .configure(ratings::routes)
        .configure(objections::routes);
}

fn audit(
    conn: &mut PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&AssessmentRun>,
    after: &AssessmentRun,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "assessment_run",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// Runs the caller sees (deputies: published and frozen ones), newest first; with
/// `updated_since`, by change time. Pages of at most 200.
#[utoipa::path(
    tag = "assessments",
    params(RunListQuery),
    responses((status = 200, description = "A page of runs", body = RunPage), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs")]
pub async fn list_runs(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<RunListQuery>,
) -> Result<web::Json<RunPage>, ApiError> {
    require_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// Create a run (the office): the term's deputies (not terminated) under a scheme
/// version of the term's congress, for a year or one of its quarters. The version is
/// frozen from now on, and the run is computed at once (a draft). `Idempotency-Key`
/// makes a retry safe.
///
/// Errors: 422 at `/name`, `/year`, `/quarter`, and `/scheme_id` for a version of
/// another congress; 404 for a term out of scope.
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = RunInput,
    responses((status = 201, description = "Created and computed", body = AssessmentRun), WriteErrors),
    security(("bearer" = []))
)]
#[post("/assessment-runs")]
pub async fn create_run(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<RunInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    require_office(&user)?;
    let (kind, period) = queries::check(&input)?;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        let row = queries::insert(conn, &user, &input, kind, period)?;
        compute::compute(conn, &row)?;
        let row = queries::find(conn, &user, row.id, false)?;
        let wire = queries::one(conn, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

/// One run; `ETag` holds its version. Deputies: published and frozen runs only.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    responses((status = 200, description = "The run", body = AssessmentRun), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}")]
pub async fn get_run(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row = queries::find_visible(conn, &user, id)?;
        Ok(queries::as_read_by(&user, queries::one(conn, row)?))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}

/// Writes the state a step leads to.
pub(crate) fn apply(
    conn: &mut PgConnection,
    row: &RunRow,
    t: &RunTransition,
    next: RunStatus,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let r = assessment_runs::table.find(row.id);
    match t.step {
        RunStep::Compute => {
            compute::compute(conn, row)?;
            return Ok(());
        }
        RunStep::Publish => diesel::update(r)
            .set((
                assessment_runs::published_at.eq(Some(now)),
                assessment_runs::objections_until.eq(t.objections_until),
                assessment_runs::publish_to_all.eq(t.publish_to_all),
            ))
            .execute(conn)?,
        RunStep::Freeze => {
            snapshot::keep_breakdown(conn, row)?;
            let proposal = super::awards::queries::propose(conn, row)?;
            diesel::update(r)
                .set((
                    assessment_runs::frozen_at.eq(Some(now)),
                    assessment_runs::proposal.eq(proposal),
                ))
                .execute(conn)?
        }
        RunStep::Cancel => 0,
    };
    diesel::update(r)
        .set((
            assessment_runs::status.eq(next),
            assessment_runs::version.eq(row.version + 1),
            assessment_runs::updated_at.eq(now),
        ))
        .execute(conn)
        .map_err(|e| match e {
            // Another run of the period froze at the same moment (the index holds it).
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                ref info,
            ) if info.constraint_name() == Some("assessment_runs_one_frozen") => {
                Refusal::conflict(renda_openapi::messages::AssessmentMessage::PeriodAlreadyFrozen)
                    .into()
            }
            e => ApiError::from(e),
        })?;
    Ok(())
}

/// Take a step (the office): `compute` (draft or published: recompute every score from
/// the records, ratings and upheld objections), `publish` (亮分, with
/// `objections_until` today or later and `publish_to_all`), `freeze` (after the window,
/// or earlier with `close_window_early`; no open objections; proposes the awards), or
/// `cancel`.
///
/// Errors: 403 unless the office; 409 `run_step_not_allowed`, `run_not_computed`,
/// `objections_open`, `objection_window_open`, `ratings_since_compute`,
/// `period_already_frozen` (another run of the term and period is frozen); 422 `objection_window_in_past` or
/// `required` at `/objections_until`.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    request_body = RunTransition,
    responses((status = 200, description = "The run after the step", body = AssessmentRun), (status = 409, description = "Not allowed in the run's state", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/assessment-runs/{id}/transitions")]
pub async fn transition_run(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    body: Json<RunTransition>,
) -> Result<HttpResponse, ApiError> {
    let t = body.into_inner();
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row = queries::find(conn, &user, id, true)?;
        let (scored, open) = queries::tallies(conn, row.id)?;
        let ctx = RunContext {
            today: today(),
            scored,
            objections_until: match t.step {
                RunStep::Publish => t.objections_until,
                _ => row.objections_until,
            },
            open_objections: open,
            close_window_early: t.close_window_early,
            ratings_since_compute: queries::ratings_since_compute(conn, &[row.id])?
                .get(&row.id)
                .copied()
                .unwrap_or(0) as u32,
            period_frozen: queries::period_frozen(conn, &row)?,
        };
        let who = actor(&user, DeputyId(uuid::Uuid::nil()));
        let next = run_step(row.status, t.step, who, &ctx)?;
        let before = queries::one(conn, row.clone())?;
        apply(conn, &row, &t, next)?;
        let moved = queries::find(conn, &user, id, false)?;
        let after = queries::one(conn, moved)?;
        audit(conn, &user, t.step.as_str(), Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}
