//! Objections (异议) to a published score: a deputy objects to their own score (or one
//! item of it) while the window is open; the office upholds the objection with a reason
//! (optionally adjusting the item or the total, and the run is recomputed at once) or
//! dismisses it with a reason; the deputy may withdraw it while it is open. A run is
//! frozen only when no objection is open.

use super::queries;
use crate::assessments::access::{actor, own_deputy, reads_scope, require_reader};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, today, Json};
use crate::schema::{assessment_objections, assessment_runs, assessment_scores, deputies};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    may_object, objection_step, AssessmentRunId, DeputyId, Objection, ObjectionId, ObjectionInput,
    ObjectionStatus, ObjectionStep, ObjectionTransition, Problem, Refusal, UserId,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this part.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_objection)
        .service(list_objections)
        .service(transition_objection);
}

/// A row of `assessment_objections`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = assessment_objections)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ObjectionRow {
    pub id: ObjectionId,
    pub run_id: AssessmentRunId,
    pub deputy_id: DeputyId,
    pub item_key: Option<String>,
    pub text: String,
    pub status: ObjectionStatus,
    pub resolution: Option<String>,
    pub adjustment: Option<f64>,
    pub resolved_by: Option<UserId>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn to_wire(conn: &mut PgConnection, rows: Vec<ObjectionRow>) -> QueryResult<Vec<Objection>> {
    let ids: Vec<DeputyId> = rows.iter().map(|r| r.deputy_id).collect();
    let names: std::collections::HashMap<DeputyId, String> = deputies::table
        .filter(deputies::id.eq_any(&ids))
        .select((deputies::id, deputies::name))
        .load::<(DeputyId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| Objection {
            id: r.id,
            run_id: r.run_id,
            deputy_id: r.deputy_id,
            deputy_name: names.get(&r.deputy_id).cloned().unwrap_or_default(),
            item_key: r.item_key,
            text: r.text,
            status: r.status,
            resolution: r.resolution,
            adjustment: r.adjustment,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
        .collect())
}

fn one(conn: &mut PgConnection, row: ObjectionRow) -> Result<Objection, ApiError> {
    to_wire(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("objection lost".into()))
}

fn check_text(text: &str) -> Result<(), ApiError> {
    let n = text.trim().chars().count();
    if n == 0 {
        Err(Refusal::invalid("/text", CommonMessage::Required).into())
    } else if n > 2000 {
        Err(Refusal::invalid("/text", CommonMessage::TooLong { max: 2000 }).into())
    } else if renda_openapi::validation::has_control_chars(text, true) {
        Err(Refusal::invalid("/text", CommonMessage::InvalidCharacters).into())
    } else {
        Ok(())
    }
}

/// Object to one's own published score (a deputy), to an item (`item_key`) or to the
/// whole. `Idempotency-Key` makes a retry safe.
///
/// Errors: 403 `only_the_deputy` for other roles; 409 `objection_window_closed` unless the
/// run is published and today is within its window; 422 `not_in_run`, `unknown_item` at
/// `/item_key`, `/text` 1–2,000 characters; 404 for a run the caller does not see.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id"), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = ObjectionInput,
    responses((status = 201, description = "Filed", body = Objection), (status = 409, description = "The window is closed", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/assessment-runs/{id}/objections")]
pub async fn create_objection(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    body: Json<ObjectionInput>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let input = body.into_inner();
    let id = id.into_inner();
    check_text(&input.text)?;
    crate::idempotency::created(&req, &pool, user.id, &(id, input.clone()), move |conn| {
        let run = queries::find_visible_shared(conn, &user, id)?;
        let who = renda_openapi::Actor {
            role: user.role,
            own: true,
        };
        may_object(run.status, who, today(), run.objections_until)?;
        let me = own_deputy(&user)?;
        let scored: i64 = assessment_scores::table
            .filter(assessment_scores::run_id.eq(run.id))
            .filter(assessment_scores::deputy_id.eq(me))
            .count()
            .get_result(conn)?;
        if scored == 0 {
            return Err(Refusal::invalid("/deputy_id", M::NotInRun).into());
        }
        if let Some(key) = &input.item_key {
            let def = super::compute::definition(conn, &run)?;
            if !def.items.iter().any(|i| &i.key == key) {
                return Err(queries::unknown_item(key));
            }
        }
        let row: ObjectionRow = diesel::insert_into(assessment_objections::table)
            .values((
                assessment_objections::id.eq(ObjectionId::new_v7()),
                assessment_objections::run_id.eq(run.id),
                assessment_objections::deputy_id.eq(me),
                assessment_objections::item_key.eq(&input.item_key),
                assessment_objections::text.eq(input.text.trim()),
            ))
            .returning(ObjectionRow::as_returning())
            .get_result(conn)?;
        let wire = one(conn, row)?;
        audit(conn, &user, "create", None, &wire)?;
        Ok(wire)
    })
    .await
}

fn audit(
    conn: &mut PgConnection,
    user: &AuthUser,
    action: &str,
    before: Option<&Objection>,
    after: &Objection,
) -> Result<(), ApiError> {
    crate::audit::record(
        conn,
        Some(user.id),
        action,
        "objection",
        Some(after.id.0),
        before.map(|b| serde_json::json!(b)).as_ref(),
        Some(&serde_json::json!(after)),
    )?;
    Ok(())
}

/// `GET /assessment-runs/{id}/objections` parameters.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ObjectionsQuery {
    /// Only objections filed or changed after this instant (a district's sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// The objections of a run, oldest first: all for the office and the presidium, a
/// deputy's own for a deputy; `updated_since` narrows to those changed after it.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id"), ObjectionsQuery),
    responses((status = 200, description = "The objections", body = Vec<Objection>), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/objections")]
pub async fn list_objections(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    query: crate::http::Query<ObjectionsQuery>,
) -> Result<web::Json<Vec<Objection>>, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let since = query.updated_since;
    let out = tx(&pool, move |conn| {
        let run = queries::find_visible(conn, &user, id)?;
        let mut q = assessment_objections::table
            .filter(assessment_objections::run_id.eq(run.id))
            .select(ObjectionRow::as_select())
            .order(assessment_objections::id)
            .into_boxed();
        if !reads_scope(&user) {
            q = q.filter(assessment_objections::deputy_id.eq(own_deputy(&user)?));
        }
        if let Some(since) = since {
            q = q.filter(assessment_objections::updated_at.gt(since));
        }
        let rows = q.load(conn)?;
        Ok(to_wire(conn, rows)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// Checks a resolution: required to uphold or dismiss (1–500 characters); an adjustment
/// only to uphold, −100 to 100.
fn check_transition(t: &ObjectionTransition) -> Result<Option<String>, ApiError> {
    let resolution = t
        .resolution
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if t.step != ObjectionStep::Withdraw && resolution.is_none() {
        return Err(Refusal::invalid("/resolution", M::ReasonRequired).into());
    }
    if resolution.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(Refusal::invalid("/resolution", CommonMessage::TooLong { max: 500 }).into());
    }
    if resolution
        .as_ref()
        .is_some_and(|r| renda_openapi::validation::has_control_chars(r, true))
    {
        return Err(Refusal::invalid("/resolution", CommonMessage::InvalidCharacters).into());
    }
    let bad_adjustment = match t.adjustment {
        Some(a) => {
            t.step != ObjectionStep::Uphold || !(a.is_finite() && (-100.0..=100.0).contains(&a))
        }
        None => false,
    };
    if bad_adjustment {
        return Err(Refusal::invalid(
            "/adjustment",
            CommonMessage::OutOfRange {
                min: -100.0,
                max: 100.0,
            },
        )
        .into());
    }
    Ok(resolution)
}

/// Take a step on an objection: `uphold` or `dismiss` with a `resolution` (the office;
/// `adjustment` adds points to the objected item or the total, and the run is recomputed
/// at once), or `withdraw` (its deputy).
///
/// Errors: 403 for a role that may not take the step; 409 `objection_step_not_allowed`
/// once resolved, `run_closed` unless the run is published; 422 `reason_required` at
/// `/resolution`, `out_of_range` at `/adjustment`.
#[utoipa::path(
    tag = "assessments",
    params(("id" = ObjectionId, Path, description = "Objection id")),
    request_body = ObjectionTransition,
    responses((status = 200, description = "The objection after the step", body = Objection), (status = 409, description = "Not allowed in its state", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/objections/{id}/transitions")]
pub async fn transition_objection(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<ObjectionId>,
    body: Json<ObjectionTransition>,
) -> Result<HttpResponse, ApiError> {
    let t = body.into_inner();
    let id = id.into_inner();
    let resolution = check_transition(&t)?;
    let wire = tx(&pool, move |conn| {
        let row: ObjectionRow = assessment_objections::table
            .inner_join(assessment_runs::table)
            .filter(assessment_objections::id.eq(id))
            .filter(assessment_runs::congress_id.eq_any(scope(user.congress_id)))
            .select(ObjectionRow::as_select())
            .for_update()
            .first(conn)
            .optional()?
            .filter(|r| reads_scope(&user) || user.deputy_id == Some(r.deputy_id.0))
            .ok_or_else(|| ApiError::from(Refusal::not_found(CommonMessage::NotInScope)))?;
        let run = queries::find(conn, &user, row.run_id, true)?;
        let next = objection_step(row.status, t.step, actor(&user, row.deputy_id), run.status)?;
        let before = one(conn, row.clone())?;
        let resolver = (t.step != ObjectionStep::Withdraw).then_some(user.id);
        let after: ObjectionRow = diesel::update(assessment_objections::table.find(id))
            .set((
                assessment_objections::status.eq(next),
                assessment_objections::resolution.eq(&resolution),
                assessment_objections::adjustment.eq(t.adjustment),
                assessment_objections::resolved_by.eq(resolver),
                assessment_objections::resolved_at.eq(resolver.map(|_| Utc::now())),
                assessment_objections::version.eq(row.version + 1),
                assessment_objections::updated_at.eq(Utc::now()),
            ))
            .returning(ObjectionRow::as_returning())
            .get_result(conn)?;
        if next == ObjectionStatus::Upheld && t.adjustment.is_some() {
            super::compute::compute(conn, &run)?;
        }
        let after = one(conn, after)?;
        audit(conn, &user, t.step.as_str(), Some(&before), &after)?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}
