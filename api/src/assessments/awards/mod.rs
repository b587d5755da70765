//! Awards (表彰): outstanding deputies (优秀人大代表) and outstanding deputy groups
//! (先进代表小组), proposed by the rules when a run is frozen (the scheme's quota: at
//! most N % of the deputies assessed, rounded down, excluded posts left out; the group
//! rule's best groups), then confirmed by the presidium with the date and the document
//! number (e.g. 兆人大〔2023〕1号) or declined with a reason. A confirmed award enters the
//! performance record (`Metric::Awards`).

pub mod queries;

use super::access::require_reader;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, today, Json, Query};
use crate::schema::awards;
use actix_web::{get, post, web, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use queries::AwardRow;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    award_step, Actor, Award, AwardId, AwardListQuery, AwardPage, AwardStep, AwardTransition,
    Problem, Refusal,
};
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_awards).service(transition_award);
}

/// Awards: every award of the scope for the office and the presidium; confirmed awards
/// and their own for a deputy. Oldest first; with `updated_since`, by change time.
#[utoipa::path(
    tag = "assessments",
    params(AwardListQuery),
    responses((status = 200, description = "A page of awards", body = AwardPage), (status = 403, description = "Handling organisations", body = Problem, content_type = "application/problem+json"), ReadErrors),
    security(("bearer" = []))
)]
#[get("/awards")]
pub async fn list_awards(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<AwardListQuery>,
) -> Result<web::Json<AwardPage>, ApiError> {
    require_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::list(conn, &user, &q)).await?,
    ))
}

/// The date and document number of a confirmation, or the reason of a decline.
type Decision = (Option<chrono::NaiveDate>, Option<String>, Option<String>);

fn check(t: &AwardTransition) -> Result<Decision, ApiError> {
    let text = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    match t.step {
        AwardStep::Confirm => {
            let doc = text(&t.document_no);
            let mut faults = vec![];
            match t.awarded_on {
                None => faults.push(Refusal::invalid("/awarded_on", M::AwardNeedsDocument)),
                Some(d) if d > today() => {
                    faults.push(Refusal::invalid("/awarded_on", M::DateInFuture))
                }
                Some(d) => faults.extend(renda_openapi::validation::date_fault(
                    "/awarded_on",
                    d,
                    renda_openapi::validation::record_dates(),
                )),
            }
            match &doc {
                None => faults.push(Refusal::invalid("/document_no", M::AwardNeedsDocument)),
                Some(d) if d.chars().count() > 50 => faults.push(Refusal::invalid(
                    "/document_no",
                    CommonMessage::TooLong { max: 50 },
                )),
                Some(d) if renda_openapi::validation::has_control_chars(d, false) => faults.push(
                    Refusal::invalid("/document_no", CommonMessage::InvalidCharacters),
                ),
                _ => {}
            }
            super::access::faults(faults)?;
            Ok((t.awarded_on, doc, None))
        }
        AwardStep::Decline => match text(&t.reason) {
            None => Err(Refusal::invalid("/reason", M::ReasonRequired).into()),
            Some(r) if r.chars().count() > 500 => {
                Err(Refusal::invalid("/reason", CommonMessage::TooLong { max: 500 }).into())
            }
            Some(r) if renda_openapi::validation::has_control_chars(&r, true) => {
                Err(Refusal::invalid("/reason", CommonMessage::InvalidCharacters).into())
            }
            Some(r) => Ok((None, None, Some(r))),
        },
    }
}

/// Take a step (the presidium; an administrator acting for it): `confirm` with
/// `awarded_on` (not in the future) and `document_no` (1–50 characters, e.g.
/// 兆人大〔2023〕1号), or `decline` with a `reason`. A confirmed award counts in the
/// record from its date.
///
/// Errors: 403 `only_the_presidium`; 409 `award_step_not_allowed` once decided; 422
/// `award_needs_document`, `date_in_future`, `reason_required`.
#[utoipa::path(
    tag = "assessments",
    params(("id" = AwardId, Path, description = "Award id")),
    request_body = AwardTransition,
    responses((status = 200, description = "The award after the step", body = Award), (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/awards/{id}/transitions")]
pub async fn transition_award(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<AwardId>,
    body: Json<AwardTransition>,
) -> Result<HttpResponse, ApiError> {
    let t = body.into_inner();
    let id = id.into_inner();
    let wire = tx(&pool, move |conn| {
        let row: AwardRow = awards::table
            .find(id)
            .filter(awards::congress_id.eq_any(scope(user.congress_id)))
            .select(AwardRow::as_select())
            .for_update()
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::from(Refusal::not_found(CommonMessage::NotInScope)))?;
        // The member whose own award it is stands aside.
        let who = Actor {
            role: user.role,
            own: user.deputy_id.is_some() && user.deputy_id == row.deputy_id.map(|d| d.0),
        };
        let next = award_step(row.status, t.step, who)?;
        let (on, doc, reason) = check(&t)?;
        let now = Utc::now();
        let after: AwardRow = diesel::update(awards::table.find(id))
            .set((
                awards::status.eq(next),
                awards::awarded_on.eq(on),
                awards::document_no.eq(doc),
                awards::decline_reason.eq(reason),
                awards::decided_by.eq(Some(user.id)),
                awards::decided_at.eq(Some(now)),
                awards::version.eq(row.version + 1),
                awards::updated_at.eq(now),
            ))
            .returning(AwardRow::as_returning())
            .get_result(conn)?;
        let mut both = queries::to_wire(conn, vec![row, after])?;
        let after = both
            .pop()
            .ok_or_else(|| ApiError::Internal("award lost".into()))?;
        let before = both.pop();
        crate::audit::record(
            conn,
            Some(user.id),
            t.step.as_str(),
            "award",
            Some(id.0),
            before.map(|b| serde_json::json!(b)).as_ref(),
            Some(&serde_json::json!(after)),
        )?;
        Ok::<Award, ApiError>(after)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(wire.version))
        .json(wire))
}
