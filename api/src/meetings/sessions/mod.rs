//! Congress sessions (人民代表大会会议): the quorum (R3; OL 14), agenda items and votes
//! (R4; OL 25), the outcome with who was elected, and the yearly check of R2 (OL 14).

pub mod queries;

use super::rules;
use super::shared::{audit, ensure_activity, ensure_reader, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use actix_web::{web, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

/// Routes of sessions.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/activities/{id}/quorum").route(web::get().to(quorum)));
    cfg.service(web::resource("/activities/{id}/outcome").route(web::get().to(outcome)));
    cfg.service(
        web::resource("/activities/{id}/agenda-items").route(web::post().to(add_agenda_item)),
    );
    cfg.service(web::resource("/agenda-items/{id}/votes").route(web::post().to(add_vote)));
    cfg.service(web::resource("/session-check").route(web::get().to(session_check)));
}

/// The quorum of a session (R3; OL 14), with the counts and why it is or is not valid.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/quorum", tag = "meetings",
    params(("id" = Uuid, Path, description = "Session id")),
    responses((status = 200, description = "The quorum", body = Quorum), ReadErrors),
    security(("bearer" = []))
)]
pub async fn quorum(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Quorum>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            rules::quorum(conn, &row)
        })
        .await?,
    ))
}

/// A session's outcome: quorum, agenda items with their votes judged by R4 (OL 25), and
/// the presidium and other officers elected.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/outcome", tag = "meetings",
    params(("id" = Uuid, Path, description = "Session id")),
    responses((status = 200, description = "The outcome", body = SessionOutcome), ReadErrors),
    security(("bearer" = []))
)]
pub async fn outcome(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<SessionOutcome>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            queries::outcome(conn, &row)
        })
        .await?,
    ))
}

/// Add an agenda item to a session (admin, staff).
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/agenda-items", tag = "meetings",
    params(("id" = Uuid, Path, description = "Session id")),
    request_body = NewAgendaItem,
    responses(
        (status = 201, description = "Added", body = AgendaItem),
        (status = 409, description = "Position taken", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn add_agenda_item(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NewAgendaItem>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let item = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        let item = queries::add_agenda_item(conn, &row, &new)?;
        let wire = AgendaItem {
            id: item.id,
            activity_id: item.activity_id,
            position: item.position,
            title: item.title.clone(),
            kind: new.kind,
            votes: vec![],
        };
        audit(
            conn,
            &user,
            "create",
            "agenda_item",
            item.id,
            None,
            Some(json(&wire)),
        )?;
        Ok(wire)
    })
    .await?;
    Ok(HttpResponse::Created().json(item))
}

/// Record a vote on an agenda item (admin, staff). The answer says whether it passed:
/// more than half of ALL deputies in office must vote yes (R4; OL 25). No vote is taken
/// without a quorum (409).
#[utoipa::path(
    post, path = "/api/v1/agenda-items/{id}/votes", tag = "meetings",
    params(("id" = Uuid, Path, description = "Agenda item id")),
    request_body = NewVote,
    responses(
        (status = 201, description = "Recorded, with the result", body = Vote),
        (status = 409, description = "The session lacks a quorum", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn add_vote(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NewVote>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let vote = tx(&pool, move |conn| {
        let (item, activity) = queries::ensure_agenda_item(conn, &user, id)?;
        let row = queries::add_vote(conn, &user, &item, &activity, &new)?;
        let date = rules::session_date(conn, &activity)?;
        let term = queries::ensure_session(&activity)?;
        let in_office = rules::in_office(conn, term, date)?.deputies.len() as i64;
        let vote = queries::vote_to_wire(&row, in_office);
        audit(
            conn,
            &user,
            "create",
            "vote",
            vote.id,
            None,
            Some(json(&vote)),
        )?;
        Ok(vote)
    })
    .await?;
    Ok(HttpResponse::Created().json(vote))
}

/// Whether the congress met as the law asks in a year (R2; OL 14): at least one session,
/// generally two; with the counts and a Chinese explanation.
#[utoipa::path(
    get, path = "/api/v1/session-check", tag = "meetings",
    params(SessionCheckQuery),
    responses((status = 200, description = "The year's sessions against R2", body = SessionCheck), ReadErrors),
    security(("bearer" = []))
)]
pub async fn session_check(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<SessionCheckQuery>,
) -> Result<web::Json<SessionCheck>, ApiError> {
    user.require(&[Role::Admin, Role::Staff, Role::Presidium, Role::Integration])?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::session_check(conn, &user, &q)).await?,
    ))
}
