//! Invitations: deputies (all of a congress, a delegation, a group, or hand-picked) and
//! guests invited to an activity, as members or observers (列席); withdrawn while nothing
//! is recorded for them.

pub mod queries;

use super::shared::{audit, ensure_activity, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, WriteErrors};
use actix_web::{web, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

/// Routes of invitations.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/activities/{id}/invitations").route(web::post().to(invite)));
    cfg.service(web::resource("/attendances/{id}").route(web::delete().to(uninvite)));
}

/// Invite deputies (all of a congress, a delegation, a group, or hand-picked) and guests
/// (admin, staff). Deputies of the activity's congress attend as members, others as
/// observers (列席).
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/invitations", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = InvitationRequest,
    responses((status = 200, description = "What was done", body = InvitationReport), WriteErrors),
    security(("bearer" = []))
)]
pub async fn invite(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<InvitationRequest>,
) -> Result<web::Json<InvitationReport>, ApiError> {
    user.require(WRITERS)?;
    let (id, req) = (id.into_inner(), body.into_inner());
    let report = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        let report = queries::invite(conn, &user, &row, &req)?;
        audit(
            conn,
            &user,
            "invite",
            "activity",
            id,
            None,
            Some(json(&report)),
        )?;
        Ok(report)
    })
    .await?;
    Ok(web::Json(report))
}

/// Withdraw an invitation made by mistake (admin, staff): only while nothing is recorded
/// for it.
#[utoipa::path(
    delete, path = "/api/v1/attendances/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Attendance (invitation) id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 409, description = "Attendance already recorded, or the activity is closed", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn uninvite(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require(WRITERS)?;
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let row = queries::uninvite(conn, &user, id)?;
        let before = serde_json::json!({
            "activity_id": row.activity_id, "deputy_id": row.deputy_id,
            "capacity": row.capacity, "observer_name": row.observer_name,
        });
        audit(conn, &user, "delete", "attendance", id, Some(before), None)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
