//! Rater scores of a run (评议打分), 0–100 per deputy and stage: the deputy rates
//! themself, a group's leader the group's members, presidium members at the presidium
//! stage, the office at the office stage (`renda_openapi::may_rate_stage`); the
//! constituents' stage comes from duty-report ballots. One score per rater, deputy and
//! stage: a second `PUT` replaces it. Scores count at the next computation, and a run
//! freezes only once computed after the last of them. A deputy sees (and rates in) a run
//! once it is published; before, it answers 404 as for any other call.

use super::queries;
use crate::assessments::access::{actor, reads_scope, require_reader};
use crate::assessments::records::counts::assessed;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{Json, Query};
use crate::schema::{assessment_ratings, deputy_groups, users};
use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    may_rate, may_rate_stage, ApiScope, AssessmentRunId, DeputyBrief, DeputyId, Problem, Rateable,
    RaterStage, Rating, Refusal, UserId,
};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this part.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(put_rating)
        .service(list_ratings)
        .service(list_rateable);
}

type RatingRow = (
    DeputyId,
    RaterStage,
    f64,
    Option<String>,
    UserId,
    String,
    DateTime<Utc>,
);

fn wire(r: RatingRow) -> Rating {
    Rating {
        deputy_id: r.0,
        stage: r.1,
        score: r.2,
        comment: r.3,
        rater_id: Some(r.4),
        rater_name: Some(r.5),
        rated_at: Some(r.6),
    }
}

fn check(r: &Rating) -> Result<(), ApiError> {
    let mut faults = vec![];
    if !(r.score.is_finite() && (0.0..=100.0).contains(&r.score)) {
        faults.push(Refusal::invalid(
            "/score",
            CommonMessage::OutOfRange {
                min: 0.0,
                max: 100.0,
            },
        ));
    }
    if r.comment.as_ref().is_some_and(|c| c.chars().count() > 500) {
        faults.push(Refusal::invalid(
            "/comment",
            CommonMessage::TooLong { max: 500 },
        ));
    } else if r
        .comment
        .as_ref()
        .is_some_and(|c| renda_openapi::validation::has_control_chars(c, true))
    {
        faults.push(Refusal::invalid(
            "/comment",
            CommonMessage::InvalidCharacters,
        ));
    }
    crate::assessments::access::faults(faults)
}

/// Give (or replace) a score: the caller's own, at `stage`, of `deputy_id`.
///
/// Errors: 404 for a run out of scope (or, for a deputy, not yet published); 409
/// `run_closed` once frozen or cancelled; 422 `stage_not_in_scheme` at `/stage`,
/// `not_in_run` at `/deputy_id`, `out_of_range` at `/score` (0–100), `too_long` or
/// `invalid_characters` at `/comment` (500 characters, no control characters but line
/// breaks); 403 `not_your_rater_stage` (a group leader rates only their own group's
/// members, never themself at the group stage, where the presidium rates the leader; a
/// deputy rates themself at the self stage only), 403 `not_on_own_case` (a presidium
/// member rating themself); 409 `constituents_rate_by_ballots` for the constituents'
/// stage.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    request_body = Rating,
    responses((status = 200, description = "The score as kept", body = Rating), (status = 409, description = "The run is closed, or a stage given by ballots", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/assessment-runs/{id}/ratings")]
pub async fn put_rating(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    body: Json<Rating>,
) -> Result<web::Json<Rating>, ApiError> {
    require_reader(&user)?;
    let r = body.into_inner();
    check(&r)?;
    let id = id.into_inner();
    let out = tx(&pool, move |conn| {
        let run = queries::find_visible_shared(conn, &user, id)?;
        may_rate(run.status)?;
        let def = super::compute::definition(conn, &run)?;
        if r.stage != RaterStage::Constituents && !def.raters.iter().any(|w| w.stage == r.stage) {
            return Err(Refusal::invalid("/stage", M::StageNotInScheme { stage: r.stage }).into());
        }
        let rated = assessed(conn, run.term_id, Some(&[r.deputy_id]), None)?
            .pop()
            .ok_or_else(|| ApiError::from(Refusal::invalid("/deputy_id", M::NotInRun)))?;
        let (leads, rated_leads) = leading(&leaders(conn, run.congress_id.0)?, &user, &rated);
        may_rate_stage(r.stage, actor(&user, r.deputy_id), leads, rated_leads)?;
        let now = Utc::now();
        diesel::insert_into(assessment_ratings::table)
            .values((
                assessment_ratings::id.eq(uuid::Uuid::now_v7()),
                assessment_ratings::run_id.eq(run.id),
                assessment_ratings::deputy_id.eq(r.deputy_id),
                assessment_ratings::stage.eq(r.stage),
                assessment_ratings::rater_id.eq(user.id),
                assessment_ratings::score.eq(r.score),
                assessment_ratings::comment.eq(&r.comment),
                assessment_ratings::rated_at.eq(now),
            ))
            .on_conflict((
                assessment_ratings::run_id,
                assessment_ratings::deputy_id,
                assessment_ratings::stage,
                assessment_ratings::rater_id,
            ))
            .do_update()
            .set((
                assessment_ratings::score.eq(r.score),
                assessment_ratings::comment.eq(&r.comment),
                assessment_ratings::rated_at.eq(now),
            ))
            .execute(conn)?;
        let mut kept = load(conn, id, Some(r.deputy_id), None, None)?;
        kept.retain(|k| k.stage == r.stage && k.rater_id == Some(UserId(user.id)));
        let kept = kept
            .pop()
            .ok_or_else(|| ApiError::Internal("rating lost".into()))?;
        crate::audit::record(
            conn,
            Some(user.id),
            "rate",
            "assessment_run",
            Some(id.0),
            None,
            Some(&serde_json::json!(kept)),
        )?;
        Ok(kept)
    })
    .await?;
    Ok(web::Json(out))
}

/// The scores of a run by deputy and stage: of one `deputy`; only those `visible_to` a
/// rater (given by them, or to their deputy); only those given after `since`.
fn load(
    conn: &mut PgConnection,
    run: AssessmentRunId,
    deputy: Option<DeputyId>,
    visible_to: Option<(uuid::Uuid, Option<uuid::Uuid>)>,
    since: Option<DateTime<Utc>>,
) -> QueryResult<Vec<Rating>> {
    let mut q = assessment_ratings::table
        .inner_join(users::table.on(users::id.eq(assessment_ratings::rater_id)))
        .filter(assessment_ratings::run_id.eq(run))
        .select((
            assessment_ratings::deputy_id,
            assessment_ratings::stage,
            assessment_ratings::score,
            assessment_ratings::comment,
            assessment_ratings::rater_id,
            users::display_name,
            assessment_ratings::rated_at,
        ))
        .order((
            assessment_ratings::deputy_id,
            assessment_ratings::stage,
            assessment_ratings::id,
        ))
        .into_boxed();
    if let Some(d) = deputy {
        q = q.filter(assessment_ratings::deputy_id.eq(d));
    }
    if let Some(since) = since {
        q = q.filter(assessment_ratings::rated_at.gt(since));
    }
    if let Some((me, own)) = visible_to {
        let own = own.unwrap_or(uuid::Uuid::nil());
        q = q.filter(
            assessment_ratings::rater_id
                .eq(me)
                .or(assessment_ratings::deputy_id.eq(DeputyId(own))),
        );
    }
    Ok(q.load::<RatingRow>(conn)?.into_iter().map(wire).collect())
}

/// `GET /assessment-runs/{id}/ratings` parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingsQuery {
    /// Only the scores of this deputy.
    pub deputy_id: Option<DeputyId>,
    /// Only scores given or changed after this instant (a district's sync).
    pub updated_since: Option<DateTime<Utc>>,
}

/// The rater scores of a run (who, when, which stage): every score for the office and
/// the presidium; for a deputy (once the run is published: 404 before) the scores they
/// gave and those given to them. `deputy_id` narrows to one deputy, `updated_since` to scores
/// given or changed after it.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id"), RatingsQuery),
    responses((status = 200, description = "The scores", body = Vec<Rating>), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/ratings")]
pub async fn list_ratings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
    query: Query<RatingsQuery>,
) -> Result<web::Json<Vec<Rating>>, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let (deputy, since) = (query.deputy_id, query.updated_since);
    let out = tx(&pool, move |conn| {
        // A deputy reads a run only once published (404 before): then the scores they
        // gave and those given to them.
        let run = queries::find_visible(conn, &user, id)?;
        let limit = (!reads_scope(&user)).then_some((user.id, user.deputy_id));
        Ok(load(conn, run.id, deputy, limit, since)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// The leaders of the deputy groups of `congress`, by group.
fn leaders(
    conn: &mut PgConnection,
    congress: uuid::Uuid,
) -> QueryResult<HashMap<uuid::Uuid, uuid::Uuid>> {
    Ok(deputy_groups::table
        .filter(deputy_groups::congress_id.eq(congress))
        .filter(deputy_groups::leader_deputy_id.is_not_null())
        .select((deputy_groups::id, deputy_groups::leader_deputy_id))
        .load::<(uuid::Uuid, Option<uuid::Uuid>)>(conn)?
        .into_iter()
        .filter_map(|(g, l)| l.map(|l| (g, l)))
        .collect())
}

/// Whether the caller leads the rated deputy's group, and whether the rated deputy leads
/// it (`leaders` by group): the inputs of `may_rate_stage` beside the stage and the actor.
fn leading(
    leaders: &HashMap<uuid::Uuid, uuid::Uuid>,
    user: &AuthUser,
    rated: &DeputyBrief,
) -> (bool, bool) {
    let leader = rated
        .deputy_group_id
        .and_then(|g| leaders.get(&g.0))
        .copied();
    (
        leader.is_some() && leader == user.deputy_id,
        leader == Some(rated.deputy_id.0),
    )
}

/// The scores the caller may give in a run, by stage of the scheme (in its order) and
/// deputy (by name), each with the caller's score so far: the same rules as `PUT
/// …/ratings` (`renda_openapi::may_rate_stage`), so every row listed is accepted. Empty
/// once the run is frozen or cancelled, for an integration key without
/// `assessments:write`, and for the constituents' stage (ballots).
///
/// Errors: 404 for a run out of scope (or, for a deputy, not yet published); 403 for
/// handling organisations.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AssessmentRunId, Path, description = "Run id")),
    responses((status = 200, description = "What the caller may rate", body = Vec<Rateable>), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/assessment-runs/{id}/rateable")]
pub async fn list_rateable(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AssessmentRunId>,
) -> Result<web::Json<Vec<Rateable>>, ApiError> {
    require_reader(&user)?;
    let id = id.into_inner();
    let out = tx(&pool, move |conn| {
        let run = queries::find_visible(conn, &user, id)?;
        // A key without `assessments:write` may not give a score: nothing to offer.
        let writes = user
            .scopes
            .as_ref()
            .is_none_or(|s| s.contains(&ApiScope::AssessmentsWrite));
        if !writes || may_rate(run.status).is_err() {
            return Ok(vec![]);
        }
        let def = super::compute::definition(conn, &run)?;
        let deputies = assessed(conn, run.term_id, None, None)?;
        let leaders = leaders(conn, run.congress_id.0)?;
        let mut mine: HashMap<(DeputyId, RaterStage), Rating> =
            load(conn, run.id, None, Some((user.id, None)), None)?
                .into_iter()
                .filter(|r| r.rater_id == Some(UserId(user.id)))
                .map(|r| ((r.deputy_id, r.stage), r))
                .collect();
        let mut out = vec![];
        for stage in def.raters.iter().map(|w| w.stage) {
            for d in &deputies {
                let (leads, rated_leads) = leading(&leaders, &user, d);
                if may_rate_stage(stage, actor(&user, d.deputy_id), leads, rated_leads).is_ok() {
                    out.push(Rateable {
                        deputy: d.clone(),
                        stage,
                        rating: mine.remove(&(d.deputy_id, stage)),
                    });
                }
            }
        }
        Ok(out)
    })
    .await?;
    Ok(web::Json(out))
}
