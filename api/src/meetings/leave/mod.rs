//! Leave requests (请假, R12; DL 13): asked by the deputy (or recorded by staff) before the
//! activity starts, approved or rejected by staff before it starts, or withdrawn.

pub mod queries;

use super::shared::{audit, ensure_activity, ensure_reader, json, WRITERS};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use actix_web::{web, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

/// Routes of leave requests.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/activities/{id}/leave-requests")
            .route(web::get().to(list_leave_requests))
            .route(web::post().to(request_leave)),
    );
    cfg.service(web::resource("/leave-requests").route(web::get().to(leave_queue)));
    cfg.service(web::resource("/leave-requests/{id}/decision").route(web::post().to(decide_leave)));
    cfg.service(
        web::resource("/leave-requests/{id}/withdraw").route(web::post().to(withdraw_leave)),
    );
}

/// Leave requests of an activity (a deputy: their own).
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/leave-requests", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "Leave requests", body = Vec<LeaveRequest>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_leave_requests(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<LeaveRequest>>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = ensure_activity(conn, &user, id)?;
            queries::leaves_of(conn, &user, &row)
        })
        .await?,
    ))
}

/// Ask for leave (R12; DL 13): a deputy for themself, before the activity starts; staff
/// may record a deputy's request.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/leave-requests", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = NewLeaveRequest,
    responses(
        (status = 201, description = "Filed", body = LeaveRequest),
        (status = 409, description = "Started already, or an open request exists", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn request_leave(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NewLeaveRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, req) = (id.into_inner(), body.into_inner());
    let leave = tx(&pool, move |conn| {
        let row = ensure_activity(conn, &user, id)?;
        let leave = queries::request_leave(conn, &user, &row, &req)?.to_wire()?;
        audit(
            conn,
            &user,
            "create",
            "leave_request",
            leave.id,
            None,
            Some(json(&leave)),
        )?;
        Ok(leave)
    })
    .await?;
    Ok(HttpResponse::Created().json(leave))
}

/// Leave requests across activities, soonest activity first (at most 1,000): with
/// `status=pending` the office's approval queue. A deputy sees only their own.
#[utoipa::path(
    get, path = "/api/v1/leave-requests", tag = "meetings",
    params(LeaveQuery),
    responses((status = 200, description = "Leave requests", body = Vec<LeaveRequest>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn leave_queue(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<LeaveQuery>,
) -> Result<web::Json<Vec<LeaveRequest>>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| queries::leave_queue(conn, &user, &q)).await?,
    ))
}

/// Approve or reject a pending leave request (admin, staff). Only before the activity
/// starts: approval after the start is refused (409), so an absence stays an absence.
#[utoipa::path(
    post, path = "/api/v1/leave-requests/{id}/decision", tag = "meetings",
    params(("id" = Uuid, Path, description = "Leave request id")),
    request_body = LeaveDecision,
    responses(
        (status = 200, description = "Decided", body = LeaveRequest),
        (status = 409, description = "Not pending, or the activity has started", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn decide_leave(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<LeaveDecision>,
) -> Result<web::Json<LeaveRequest>, ApiError> {
    user.require(WRITERS)?;
    let (id, d) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let (leave, activity) = queries::ensure_leave(conn, &user, id)?;
            let after = queries::decide_leave(conn, &user, &leave, &activity, &d)?.to_wire()?;
            audit(
                conn,
                &user,
                "decide",
                "leave_request",
                id,
                Some(json(&leave.to_wire()?)),
                Some(json(&after)),
            )?;
            Ok(after)
        })
        .await?,
    ))
}

/// Withdraw a pending or approved leave request before the activity starts (the deputy
/// for themself, or staff).
#[utoipa::path(
    post, path = "/api/v1/leave-requests/{id}/withdraw", tag = "meetings",
    params(("id" = Uuid, Path, description = "Leave request id")),
    responses(
        (status = 200, description = "Withdrawn", body = LeaveRequest),
        (status = 409, description = "Decided against, or the activity has started", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn withdraw_leave(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<LeaveRequest>, ApiError> {
    user.require(&[Role::Admin, Role::Staff, Role::Deputy])?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let (leave, activity) = queries::ensure_leave(conn, &user, id)?;
            let after = queries::withdraw_leave(conn, &leave, &activity)?.to_wire()?;
            audit(
                conn,
                &user,
                "withdraw",
                "leave_request",
                id,
                Some(json(&leave.to_wire()?)),
                Some(json(&after)),
            )?;
            Ok(after)
        })
        .await?,
    ))
}
