//! HTTP handlers of activities, the calendar, invitations, attendance, leave, sessions,
//! credentials flags, attendance views, calendar feeds and documents.

use super::{documents, feeds, flags, repo, rules};
use crate::auth::caller::AuthUser;
use crate::config::Config;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ImportErrors, ReadErrors, WriteErrors};
use crate::http::{etag, if_match};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::PgConnection;
use renda_openapi::*;
use serde::Deserialize;
use uuid::Uuid;

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

fn audit(
    conn: &mut PgConnection,
    user: &AuthUser,
    action: &str,
    entity: &str,
    id: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), ApiError> {
    Ok(crate::audit::record(
        conn,
        Some(user.id),
        action,
        entity,
        Some(id),
        before.as_ref(),
        after.as_ref(),
    )?)
}

fn with_etag(status: StatusCode, a: &Activity) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(a.version))
        .json(a)
}

/// Activities overlapping a month or a date range (series once, not expanded), in start
/// order. Staff, presidium and integration see every activity in scope; a deputy only
/// those they are invited to.
#[utoipa::path(
    get, path = "/api/v1/activities", tag = "meetings",
    params(CalendarQuery),
    responses((status = 200, description = "Activities", body = Vec<Activity>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_activities(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CalendarQuery>,
) -> Result<web::Json<Vec<Activity>>, ApiError> {
    repo::ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::list(conn, &user, &q)).await?,
    ))
}

/// The calendar of a month (`month=2022-02`) or a date range: activities and every
/// occurrence of recurring series, expanded in the congress's time zone (Asia/Shanghai by
/// default). An occurrence still in its series has `virtual_occurrence: true`; to move,
/// cancel or record attendance at it, take it out with
/// `POST /api/v1/activities/{series_id}/occurrences`.
#[utoipa::path(
    get, path = "/api/v1/calendar", tag = "meetings",
    params(CalendarQuery),
    responses((status = 200, description = "Calendar entries in start order", body = Vec<CalendarEntry>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn calendar(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CalendarQuery>,
) -> Result<web::Json<Vec<CalendarEntry>>, ApiError> {
    repo::ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::calendar(conn, &user, &q)).await?,
    ))
}

/// Plan an activity (admin, staff): a session, meeting, training, inspection, reception
/// day … With `rrule` it is a recurring series. A temporary session must record at least
/// 1/5 of the deputies in office as proposers (R2; OL 14).
///
/// Send `Idempotency-Key` to make retries safe: the same key and body return the first
/// response; the same key with another body is refused (422).
#[utoipa::path(
    post, path = "/api/v1/activities", tag = "meetings",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create return the first response")),
    request_body = NewActivity,
    responses((status = 201, description = "Created; `ETag` holds the version", body = Activity), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_activity(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewActivity>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let new = body.into_inner();
    let idem = crate::idempotency::key(&req)?.map(|k| (k, crate::idempotency::digest(&new)));
    let (status, body) = tx(&pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = crate::idempotency::replay(conn, user.id, k, d)? {
                return Ok(previous);
            }
        }
        let row = repo::insert(conn, &user, &new)?;
        let a = json(&repo::one_to_wire(conn, &row)?);
        audit(
            conn,
            &user,
            "create",
            "activity",
            row.id,
            None,
            Some(a.clone()),
        )?;
        if let Some((k, d)) = &idem {
            crate::idempotency::store(conn, user.id, k, d, 201, &a)?;
        }
        Ok((201u16, a))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(
        HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
            .insert_header(etag(version))
            .json(body),
    )
}

/// One activity with its attendance counts; `ETag` holds the version.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "The activity", body = Activity), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_activity(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    let a = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        repo::one_to_wire(conn, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Replace an activity's fields (admin, staff; `If-Match`): also how an occurrence taken
/// out of a series is moved.
#[utoipa::path(
    put, path = "/api/v1/activities/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = ActivityInput,
    responses(
        (status = 200, description = "Updated", body = Activity),
        (status = 409, description = "Archived or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_activity(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ActivityInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let a = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        let before = repo::one_to_wire(conn, &row)?;
        let row = repo::update(conn, &row, version, &input)?;
        let after = repo::one_to_wire(conn, &row)?;
        audit(
            conn,
            &user,
            "update",
            "activity",
            id,
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Move an activity along `planned → notified → held → summarised → archived`, or cancel
/// it before it is held (admin, staff). `summarised` needs the summary (纪要).
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/status", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = ActivityTransition,
    responses(
        (status = 200, description = "The activity in its new state", body = Activity),
        (status = 409, description = "Not allowed from the current state", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn change_status(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ActivityTransition>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let (id, t) = (id.into_inner(), body.into_inner());
    let a = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        let before = repo::one_to_wire(conn, &row)?;
        let row = repo::transition(conn, &row, &t)?;
        let after = repo::one_to_wire(conn, &row)?;
        audit(
            conn,
            &user,
            "status_change",
            "activity",
            id,
            Some(json(&before)),
            Some(json(&after)),
        )?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &a))
}

/// Take one occurrence out of a recurring series (admin, staff), to move it (`PUT`),
/// cancel it (`status`) or record attendance at it; the series' invitations are copied.
/// 201 when taken out now, 200 when it already was.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/occurrences", tag = "meetings",
    params(("id" = Uuid, Path, description = "Series id")),
    request_body = OccurrenceRequest,
    responses(
        (status = 201, description = "The occurrence as its own activity", body = Activity),
        (status = 200, description = "Already taken out", body = Activity),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn take_out_occurrence(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<OccurrenceRequest>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let (id, start) = (id.into_inner(), body.into_inner().occurrence_start);
    let (a, created) = tx(&pool, move |conn| {
        let series = repo::ensure_activity(conn, &user, id)?;
        let (row, created) = repo::take_out(conn, &series, start)?;
        let a = repo::one_to_wire(conn, &row)?;
        if created {
            audit(
                conn,
                &user,
                "create",
                "activity",
                a.id,
                None,
                Some(json(&a)),
            )?;
        }
        Ok((a, created))
    })
    .await?;
    Ok(with_etag(
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        &a,
    ))
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
    user.require(repo::WRITERS)?;
    let (id, req) = (id.into_inner(), body.into_inner());
    let report = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        let report = repo::invite(conn, &user, &row, &req)?;
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

/// Who was invited and how they attended (members first, then by name). A deputy sees
/// only their own row.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/attendance", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "Attendance", body = Vec<Attendance>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_attendance(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Attendance>>, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            repo::attendance_list(conn, &user, &row)
        })
        .await?,
    ))
}

/// Record attendance, one entry or up to 1,000 in one request (admin, staff): the check-in
/// screen sends one per tap, a sign-in sheet all at once. Entries are applied one by one;
/// failing ones are reported with their index and the rest applied. `on_leave` needs leave
/// approved before the start (R12; DL 13). For sessions, two absences without approved
/// leave raise a credentials flag (R10; DL 62), listed in `flags_raised`.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/attendance", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = AttendanceBatch,
    responses(
        (status = 200, description = "Per-entry results", body = AttendanceBatchReport),
        (status = 409, description = "Cancelled or archived", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn record_attendance(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<AttendanceBatch>,
) -> Result<web::Json<AttendanceBatchReport>, ApiError> {
    user.require(repo::WRITERS)?;
    let (id, batch) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            repo::record_batch(conn, &user, &row, &batch.entries)
        })
        .await?,
    ))
}

/// Query of the sign-in sheet import.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignInQuery {
    /// Report what would happen and change nothing (default false).
    #[serde(default)]
    pub dry_run: bool,
}

/// Import a sign-in sheet (签到表) into the attendance (admin, staff). The body is the file:
/// CSV (UTF-8 or GB18030), XLSX or JSON, with the columns 姓名 (required), 出席情况
/// (出席、迟到、请假、缺席; or √/×) and/or 签到时间, and optionally 代表证号, 外部编号, 备注.
/// Rows are matched to invited deputies (by external id, certificate number, or a name
/// unique among the invitees) and applied like `POST /attendance`, with the same rules.
/// Up to 1,000 rows; `dry_run=true` reports without writing.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/attendance/import", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), SignInQuery),
    request_body(description = "The sign-in sheet", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or would be) recorded for each row", body = ImportReport),
        (status = 409, description = "Cancelled, archived, or a series", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_sign_in_sheet(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    query: crate::http::Query<SignInQuery>,
    body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    user.require(repo::WRITERS)?;
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let (id, dry_run) = (id.into_inner(), query.dry_run);
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            super::signin::import(conn, &user, &row, upload, dry_run)
        })
        .await?,
    ))
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
    user.require(repo::WRITERS)?;
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let row = repo::uninvite(conn, &user, id)?;
        let before = serde_json::json!({
            "activity_id": row.activity_id, "deputy_id": row.deputy_id,
            "capacity": row.capacity, "observer_name": row.observer_name,
        });
        audit(conn, &user, "delete", "attendance", id, Some(before), None)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
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
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            repo::leaves_of(conn, &user, &row)
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
        let row = repo::ensure_activity(conn, &user, id)?;
        let leave = repo::request_leave(conn, &user, &row, &req)?.to_wire()?;
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
    repo::ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::leave_queue(conn, &user, &q)).await?,
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
    user.require(repo::WRITERS)?;
    let (id, d) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let (leave, activity) = repo::ensure_leave(conn, &user, id)?;
            let after = repo::decide_leave(conn, &user, &leave, &activity, &d)?.to_wire()?;
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
            let (leave, activity) = repo::ensure_leave(conn, &user, id)?;
            let after = repo::withdraw_leave(conn, &leave, &activity)?.to_wire()?;
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
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
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
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            repo::outcome(conn, &row)
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
    user.require(repo::WRITERS)?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let item = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        let item = repo::add_agenda_item(conn, &row, &new)?;
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
    user.require(repo::WRITERS)?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let vote = tx(&pool, move |conn| {
        let (item, activity) = repo::ensure_agenda_item(conn, &user, id)?;
        let row = repo::add_vote(conn, &user, &item, &activity, &new)?;
        let date = rules::session_date(conn, &activity)?;
        let term = repo::ensure_session(&activity)?;
        let in_office = rules::in_office(conn, term, date)?.deputies.len() as i64;
        let vote = repo::vote_to_wire(&row, in_office);
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

/// Mandates flagged for the credentials committee (R10; DL 62): two absences from
/// sessions without approved leave, with the sessions named. Open ones by default. A
/// deputy sees only their own.
#[utoipa::path(
    get, path = "/api/v1/credentials-flags", tag = "meetings",
    params(FlagQuery),
    responses((status = 200, description = "Flags, newest first", body = Vec<CredentialsFlag>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_flags(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<FlagQuery>,
) -> Result<web::Json<Vec<CredentialsFlag>>, ApiError> {
    repo::ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| flags::list(conn, &user, &q)).await?,
    ))
}

/// Clear a credentials flag with a note (admin, staff), e.g. after the committee's review.
/// Clearing never changes the mandate.
#[utoipa::path(
    post, path = "/api/v1/credentials-flags/{id}/clear", tag = "meetings",
    params(("id" = Uuid, Path, description = "Flag id")),
    request_body = ClearFlag,
    responses(
        (status = 200, description = "Cleared", body = CredentialsFlag),
        (status = 409, description = "Already cleared", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn clear_flag(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<ClearFlag>,
) -> Result<web::Json<CredentialsFlag>, ApiError> {
    user.require(repo::WRITERS)?;
    let (id, body) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            let (before, after) = flags::clear(conn, &user, id, &body)?;
            let mut wire = flags::to_wire(conn, &[before, after])?;
            let after = wire.pop().expect("two flags");
            let before = wire.pop().expect("two flags");
            audit(
                conn,
                &user,
                "clear",
                "credentials_flag",
                id,
                Some(json(&before)),
                Some(json(&after)),
            )?;
            Ok(after)
        })
        .await?,
    ))
}

/// Every activity a deputy was invited to, newest first, with their attendance (the
/// deputy themself, or staff and presidium for deputies in scope).
#[utoipa::path(
    get, path = "/api/v1/deputies/{id}/activities", tag = "meetings",
    params(("id" = Uuid, Path, description = "Deputy id")),
    responses((status = 200, description = "Activities and attendance", body = Vec<DeputyActivity>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn deputy_activities(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<DeputyActivity>>, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    if user.role == Role::Deputy && user.deputy_id != Some(id) {
        return Err(ApiError::Forbidden("代表只能查看本人的活动记录。".into()));
    }
    Ok(web::Json(
        tx(&pool, move |conn| {
            crate::deputies::repo::ensure_deputy_in_scope(conn, &user, id)?;
            repo::deputy_activities(conn, &user, id)
        })
        .await?,
    ))
}

/// Attendance rates of members at held activities, by deputy (default), deputy group or
/// term, with filters. A deputy sees only their own rate.
#[utoipa::path(
    get, path = "/api/v1/attendance-rates", tag = "meetings",
    params(RateQuery),
    responses((status = 200, description = "Rates by name", body = Vec<AttendanceRate>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn attendance_rates(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<RateQuery>,
) -> Result<web::Json<Vec<AttendanceRate>>, ApiError> {
    repo::ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::rates(conn, &user, &q)).await?,
    ))
}

/// Held activities by month and kind for a year, with attendance: the counts of the
/// office's annual work report (e.g. trainings held, reception days held, deputies who
/// took part). Series count through their held occurrences.
#[utoipa::path(
    get, path = "/api/v1/activity-counts", tag = "meetings",
    params(CountQuery),
    responses((status = 200, description = "By month, then kind", body = Vec<ActivityCount>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn activity_counts(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<CountQuery>,
) -> Result<web::Json<Vec<ActivityCount>>, ApiError> {
    user.require(&[Role::Admin, Role::Staff, Role::Presidium, Role::Integration])?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::counts_by_month(conn, &user, &q)).await?,
    ))
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
        tx(&pool, move |conn| repo::session_check(conn, &user, &q)).await?,
    ))
}

/// Create an iCalendar feed: a deputy's own, or (staff, presidium) a congress's or any
/// deputy's in scope. The answer's `path` holds the secret token; it is shown only once.
#[utoipa::path(
    post, path = "/api/v1/calendar-feeds", tag = "meetings",
    request_body = NewCalendarFeed,
    responses((status = 201, description = "Created, with its path", body = CalendarFeed), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_feed(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewCalendarFeed>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    let feed = tx(&pool, move |conn| {
        let feed = feeds::create(conn, &user, &new)?;
        let mut logged = feed.clone();
        logged.path = None;
        audit(
            conn,
            &user,
            "create",
            "calendar_feed",
            feed.id,
            None,
            Some(json(&logged)),
        )?;
        Ok(feed)
    })
    .await?;
    Ok(HttpResponse::Created().json(feed))
}

/// Feeds the caller created (staff and admin: every feed in scope), without tokens.
#[utoipa::path(
    get, path = "/api/v1/calendar-feeds", tag = "meetings",
    responses((status = 200, description = "Feeds", body = Vec<CalendarFeed>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_feeds(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<Vec<CalendarFeed>>, ApiError> {
    repo::ensure_reader(&user)?;
    Ok(web::Json(
        tx(&pool, move |conn| feeds::list(conn, &user)).await?,
    ))
}

/// Revoke a feed: its URL stops working at once.
#[utoipa::path(
    delete, path = "/api/v1/calendar-feeds/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Feed id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 409, description = "Already revoked", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn revoke_feed(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        feeds::revoke(conn, &user, id)?;
        audit(conn, &user, "revoke", "calendar_feed", id, None, None)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An iCalendar feed (`text/calendar`) for phone calendars, authorised by the token in
/// the URL alone (no bearer token): 90 days back to 365 days ahead, recurring activities
/// expanded, cancelled ones marked `STATUS:CANCELLED`. 404 for an unknown or revoked
/// token.
#[utoipa::path(
    get, path = "/api/v1/calendar/{token}.ics", tag = "meetings",
    params(("token" = String, Path, description = "The feed's secret token")),
    responses(
        (status = 200, description = "The calendar", body = String, content_type = "text/calendar"),
        (status = 404, description = "Unknown or revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn feed(
    pool: web::Data<DbPool>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let body = tx(&pool, move |conn| feeds::render(conn, &token)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, max-age=300"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body))
}

/// Query of a document upload.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, e.g. `会议通知.pdf`; its extension decides the type (pdf, docx,
    /// xlsx, jpg, png, txt). Kept as a label only.
    pub filename: String,
}

/// Attach a document to an activity (admin, staff). The body is the file itself, up to
/// `MAX_DOCUMENT_BYTES` (default 20 MiB); PDF, DOCX, XLSX, JPEG, PNG or UTF-8 text, checked
/// by extension, `Content-Type` and content.
#[utoipa::path(
    post, path = "/api/v1/activities/{id}/documents", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id"), UploadQuery),
    request_body(description = "The file", content((String = "application/octet-stream"))),
    responses(
        (status = 201, description = "Stored", body = ActivityDocument),
        (status = 415, description = "Type not allowed or content not matching", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn upload_document(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    config: web::Data<Config>,
    id: web::Path<Uuid>,
    query: crate::http::Query<UploadQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let (name, mime) =
        documents::check(&query.filename, declared, &body, config.max_document_bytes)?;
    let id = id.into_inner();
    let doc = tx(&pool, move |conn| {
        let row = repo::ensure_activity(conn, &user, id)?;
        repo::ensure_not_archived(&row)?;
        let meta = documents::insert(conn, row.id, &name, mime, &body, user.id)?;
        let doc = documents::to_wire(&meta);
        audit(
            conn,
            &user,
            "create",
            "activity_document",
            doc.id,
            None,
            Some(json(&doc)),
        )?;
        Ok(doc)
    })
    .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// Documents of an activity.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}/documents", tag = "meetings",
    params(("id" = Uuid, Path, description = "Activity id")),
    responses((status = 200, description = "Documents", body = Vec<ActivityDocument>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_documents(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ActivityDocument>>, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            let row = repo::ensure_activity(conn, &user, id)?;
            Ok(documents::list(conn, row.id)?
                .iter()
                .map(documents::to_wire)
                .collect())
        })
        .await?,
    ))
}

/// Download a document: an attachment with its stored type and `nosniff`.
#[utoipa::path(
    get, path = "/api/v1/documents/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "application/octet-stream"), ReadErrors),
    security(("bearer" = []))
)]
pub async fn download_document(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    repo::ensure_reader(&user)?;
    let id = id.into_inner();
    let (meta, content) = tx(&pool, move |conn| {
        let not_found = || ApiError::NotFound("文件不存在或不在您的权限范围内。".into());
        let meta = documents::meta(conn, id)?.ok_or_else(not_found)?;
        repo::ensure_activity(conn, &user, meta.activity_id).map_err(|_| not_found())?;
        let content = documents::content(conn, id)?;
        Ok((meta, content))
    })
    .await?;
    Ok(crate::files::download(
        &meta.content_type,
        &meta.file_name,
        content,
    ))
}

/// Delete a document (admin, staff).
#[utoipa::path(
    delete, path = "/api/v1/documents/{id}", tag = "meetings",
    params(("id" = Uuid, Path, description = "Document id")),
    responses((status = 204, description = "Deleted"), WriteErrors),
    security(("bearer" = []))
)]
pub async fn delete_document(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::WRITERS)?;
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let not_found = || ApiError::NotFound("文件不存在或不在您的权限范围内。".into());
        let meta = documents::meta(conn, id)?.ok_or_else(not_found)?;
        let row = repo::ensure_activity(conn, &user, meta.activity_id).map_err(|_| not_found())?;
        repo::ensure_not_archived(&row)?;
        use diesel::prelude::*;
        diesel::delete(crate::schema::activity_documents::table.find(id)).execute(conn)?;
        audit(
            conn,
            &user,
            "delete",
            "activity_document",
            id,
            Some(json(&documents::to_wire(&meta))),
            None,
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
