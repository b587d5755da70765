//! Queries of leave requests. Only leave approved before the activity starts excuses an
//! absence (R12; DL 13).

use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::models::*;
use crate::meetings::shared::{ensure_activity, ensure_open};
use crate::schema::{activities, attendances, leave_requests};
use chrono::Utc;
use diesel::prelude::*;
use renda_openapi::*;
use uuid::Uuid;

/// Files a leave request (R12; DL 13). A deputy asks only for themself; staff may record
/// a request for any invited deputy.
///
/// Errors: 403 for a deputy asking for someone else, or a role that may not; 409 once the
/// activity has started, or when an open request exists; 422 for a deputy not invited or
/// a reason missing or too long.
pub fn request_leave(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    req: &NewLeaveRequest,
) -> Result<LeaveRow, ApiError> {
    let deputy = match user.role {
        Role::Deputy => {
            let me = user
                .deputy_id
                .ok_or_else(|| ApiError::Forbidden("该账号未关联代表。".into()))?;
            if req.deputy_id.is_some_and(|d| d != me) {
                return Err(ApiError::Forbidden("代表只能为本人请假。".into()));
            }
            me
        }
        Role::Admin | Role::Staff => req
            .deputy_id
            .ok_or_else(|| ApiError::field("/deputy_id", "required", "请指定请假的代表。"))?,
        _ => {
            return Err(ApiError::Forbidden(
                "只有代表本人或人大办工作人员可以提交请假。".into(),
            ))
        }
    };
    ensure_open(activity)?;
    let mut errors = vec![];
    let reason = text(&mut errors, "/reason", Some(&req.reason), 500, true);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let invited: bool = diesel::select(diesel::dsl::exists(
        attendances::table
            .filter(attendances::activity_id.eq(activity.id))
            .filter(attendances::deputy_id.eq(deputy)),
    ))
    .get_result(conn)?;
    if !invited {
        return Err(ApiError::field(
            "/deputy_id",
            "not_invited",
            "该代表未被邀请参加此活动。",
        ));
    }
    if activity.starts_at <= Utc::now() {
        return Err(ApiError::Conflict(
            "活动已经开始，不能再请假：请假须在会前提出并获批准（代表法第十三条）。".into(),
        ));
    }
    diesel::insert_into(leave_requests::table)
        .values((
            leave_requests::id.eq(Uuid::now_v7()),
            leave_requests::activity_id.eq(activity.id),
            leave_requests::deputy_id.eq(deputy),
            leave_requests::reason.eq(reason.unwrap_or_default()),
            leave_requests::requested_by.eq(Some(user.id)),
        ))
        .returning(LeaveRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::Conflict("该代表已有待审批或已批准的请假。".into()),
            other => other,
        })
}

/// A leave request visible to the caller (a deputy: only their own), locked.
pub fn ensure_leave(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<(LeaveRow, ActivityRow), ApiError> {
    let leave: LeaveRow = leave_requests::table
        .find(id)
        .for_update()
        .select(LeaveRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("请假申请不存在或不在您的权限范围内。".into()))?;
    let activity = ensure_activity(conn, user, leave.activity_id)
        .map_err(|_| ApiError::NotFound("请假申请不存在或不在您的权限范围内。".into()))?;
    if user.role == Role::Deputy && user.deputy_id != Some(leave.deputy_id) {
        return Err(ApiError::NotFound(
            "请假申请不存在或不在您的权限范围内。".into(),
        ));
    }
    Ok((leave, activity))
}

/// Approves or rejects a pending leave request (staff). Only leave approved before the
/// activity starts excuses an absence (R12; DL 13): **approval after the start is
/// refused** (409), so a late request can never turn a recorded absence into leave after
/// the fact, and DL 62's count stays what the law says. An approval marks the deputy
/// `on_leave` unless they were recorded present or late.
///
/// Errors: 409 when the request is not pending or the activity has started.
pub fn decide_leave(
    conn: &mut PgConnection,
    user: &AuthUser,
    leave: &LeaveRow,
    activity: &ActivityRow,
    decision: &LeaveDecision,
) -> Result<LeaveRow, ApiError> {
    let mut errors = vec![];
    let note = text(&mut errors, "/note", decision.note.as_deref(), 500, false);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if leave.status()? != LeaveStatus::Pending {
        return Err(ApiError::Conflict(format!(
            "该请假申请{}，不能再审批。",
            leave.status()?.label_zh()
        )));
    }
    if activity.starts_at <= Utc::now() {
        return Err(ApiError::Conflict(
            "活动已经开始，不能再批准请假：只有会前批准的请假才算请假（代表法第十三条）。未经批准不出席的，按缺席记录。".into(),
        ));
    }
    ensure_open(activity)?;
    let status = if decision.approve {
        LeaveStatus::Approved
    } else {
        LeaveStatus::Rejected
    };
    let row = diesel::update(leave_requests::table.find(leave.id))
        .set((
            leave_requests::status.eq(status.as_str()),
            leave_requests::decided_by.eq(Some(user.id)),
            leave_requests::decided_at.eq(Some(Utc::now())),
            leave_requests::decision_note.eq(note),
            leave_requests::version.eq(leave.version + 1),
        ))
        .returning(LeaveRow::as_returning())
        .get_result(conn)?;
    if decision.approve {
        set_leave_attendance(conn, activity.id, leave.deputy_id, true)?;
    }
    Ok(row)
}

/// Withdraws a pending or approved leave request (the deputy or staff) before the start;
/// an approved one puts the deputy back to `invited`.
///
/// Errors: 409 when already decided against or withdrawn, or the activity has started.
pub fn withdraw_leave(
    conn: &mut PgConnection,
    leave: &LeaveRow,
    activity: &ActivityRow,
) -> Result<LeaveRow, ApiError> {
    let status = leave.status()?;
    if !matches!(status, LeaveStatus::Pending | LeaveStatus::Approved) {
        return Err(ApiError::Conflict(format!(
            "该请假申请{}，不能撤回。",
            status.label_zh()
        )));
    }
    if activity.starts_at <= Utc::now() {
        return Err(ApiError::Conflict("活动已经开始，不能再撤回请假。".into()));
    }
    let row = diesel::update(leave_requests::table.find(leave.id))
        .set((
            leave_requests::status.eq(LeaveStatus::Withdrawn.as_str()),
            leave_requests::version.eq(leave.version + 1),
        ))
        .returning(LeaveRow::as_returning())
        .get_result(conn)?;
    if status == LeaveStatus::Approved {
        set_leave_attendance(conn, activity.id, leave.deputy_id, false)?;
    }
    Ok(row)
}

fn set_leave_attendance(
    conn: &mut PgConnection,
    activity: Uuid,
    deputy: Uuid,
    on_leave: bool,
) -> QueryResult<usize> {
    let (from, to): (&[&str], &str) = if on_leave {
        (&["invited", "absent"], "on_leave")
    } else {
        (&["on_leave"], "invited")
    };
    diesel::update(
        attendances::table
            .filter(attendances::activity_id.eq(activity))
            .filter(attendances::deputy_id.eq(deputy))
            .filter(attendances::status.eq_any(from)),
    )
    .set((
        attendances::status.eq(to),
        attendances::version.eq(attendances::version + 1),
        attendances::updated_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
}

/// Leave requests of an activity (a deputy: their own), oldest first.
pub fn leaves_of(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
) -> Result<Vec<LeaveRequest>, ApiError> {
    let mut q = leave_requests::table
        .filter(leave_requests::activity_id.eq(activity.id))
        .into_boxed();
    if user.role == Role::Deputy {
        q = q.filter(leave_requests::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    q.order((leave_requests::requested_at, leave_requests::id))
        .select(LeaveRow::as_select())
        .load(conn)?
        .iter()
        .map(LeaveRow::to_wire)
        .collect()
}

/// Leave requests in the caller's scope (a deputy: their own), soonest activity first:
/// the office's approval queue with `status=pending`.
pub fn leave_queue(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &LeaveQuery,
) -> Result<Vec<LeaveRequest>, ApiError> {
    let mut query = leave_requests::table
        .inner_join(activities::table)
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(activities::congress_id.eq(c));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(leave_requests::deputy_id.eq(d));
    }
    if let Some(s) = q.status {
        query = query.filter(leave_requests::status.eq(s.as_str()));
    }
    if let Some(after) = q.starts_after {
        query = query.filter(activities::starts_at.ge(after));
    }
    if user.role == Role::Deputy {
        query = query.filter(leave_requests::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    query
        .order((
            activities::starts_at,
            leave_requests::requested_at,
            leave_requests::id,
        ))
        .limit(1000)
        .select(LeaveRow::as_select())
        .load(conn)?
        .iter()
        .map(LeaveRow::to_wire)
        .collect()
}
