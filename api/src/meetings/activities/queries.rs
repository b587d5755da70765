//! Queries of activities: insert, update, lifecycle, attendance counts, wire forms and
//! the list (by range or changed since). Every read is filtered by the caller's scope in
//! SQL; a deputy sees only the activities they are invited to.

use super::validate;
use crate::auth::caller::AuthUser;
use crate::congresses::models::CongressRow;
use crate::congresses::repo::ensure_in_scope;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::calendar::queries::{in_range, range};
use crate::meetings::models::*;
use crate::meetings::shared::{congress_tz, fault, lock, visible, Zones};
use crate::schema::{activities, attendances, congresses, deputy_groups};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::HashMap;
use uuid::Uuid;

/// Inserts an activity into `congress` (which must be in the caller's scope).
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewActivity,
) -> Result<ActivityRow, ApiError> {
    let congress = ensure_in_scope(conn, user, new.congress_id).map_err(|_| {
        ApiError::field(
            "/congress_id",
            "not_found",
            "代表大会不存在或不在您的权限范围内。",
        )
    })?;
    let values = validate(conn, &congress, &new.activity, None)?;
    Ok(diesel::insert_into(activities::table)
        .values((
            activities::id.eq(Uuid::now_v7()),
            activities::congress_id.eq(congress.id),
            values,
        ))
        .returning(ActivityRow::as_returning())
        .get_result(conn)?)
}

/// Replaces an activity's fields at `version`.
///
/// Errors: 412 stale version; 409 for an archived or cancelled activity, or a change of
/// kind between session and another kind once attendance is recorded; 422 as [`validate`].
pub fn update(
    conn: &mut PgConnection,
    row: &ActivityRow,
    version: i32,
    input: &ActivityInput,
) -> Result<ActivityRow, ApiError> {
    let row = lock(conn, row.id)?;
    if row.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    let status = row.status()?;
    if matches!(status, ActivityStatus::Archived | ActivityStatus::Cancelled) {
        return Err(ApiError::Conflict(format!(
            "活动{}，不能再修改。",
            status.label_zh()
        )));
    }
    // Once held or attended, the facts the law counts (R3 quorum, R10 absences, R12 leave
    // "before the start") are fixed: kind, term and start may no longer move.
    let facts_changed = row.kind != input.kind.as_str()
        || (input.term_id.is_some() && row.term_id != input.term_id)
        || row.starts_at != input.starts_at;
    if facts_changed && (status.rank() >= ActivityStatus::Held.rank() || has_records(conn, row.id)?)
    {
        return Err(ApiError::Conflict(
            "活动已举行或已记录出席：类型、届次和开始时间不能再修改（法定人数、缺席和请假都以此为准）。".into(),
        ));
    }
    let new_rule = input
        .rrule
        .as_deref()
        .map(|r| r.trim().trim_start_matches("RRULE:"))
        .filter(|r| !r.is_empty());
    if (row.rrule.as_deref() != new_rule
        || (row.rrule.is_some() && row.starts_at != input.starts_at))
        && has_taken_out(conn, row.id)?
    {
        return Err(ApiError::Conflict(
            "该系列已有单独调整的场次：不能再修改重复规则或首次开始时间，以免这些场次与规则对不上。".into(),
        ));
    }
    let congress: CongressRow = congresses::table
        .find(row.congress_id)
        .select(CongressRow::as_select())
        .first(conn)?;
    let values = validate(conn, &congress, input, Some(&row))?;
    Ok(diesel::update(activities::table.find(row.id))
        .set((
            values,
            activities::version.eq(row.version + 1),
            activities::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ActivityRow::as_returning())
        .get_result(conn)?)
}

/// Whether any attendance of the activity has been recorded (not just invited).
fn has_records(conn: &mut PgConnection, activity: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        attendances::table
            .filter(attendances::activity_id.eq(activity))
            .filter(attendances::status.ne(AttendanceStatus::Invited.as_str())),
    ))
    .get_result(conn)
}

fn has_taken_out(conn: &mut PgConnection, series: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        activities::table.filter(activities::series_id.eq(series)),
    ))
    .get_result(conn)
}

/// Moves an activity along its lifecycle (`planned → notified → held → summarised →
/// archived`, or `cancelled` before it is held).
///
/// Errors: 409 for a step back, a cancelled or archived activity, `held` before the start,
/// `cancelled` once held; 422 for `summarised` without a summary or `cancelled` without a
/// reason, or texts too long.
pub fn transition(
    conn: &mut PgConnection,
    row: &ActivityRow,
    t: &ActivityTransition,
) -> Result<ActivityRow, ApiError> {
    let row = lock(conn, row.id)?;
    let from = row.status()?;
    let to = t.status;
    let mut errors = vec![];
    let summary = text(&mut errors, "/summary", t.summary.as_deref(), 20_000, false);
    let outcomes = text(
        &mut errors,
        "/outcomes",
        t.outcomes.as_deref(),
        10_000,
        false,
    );
    let reason = text(
        &mut errors,
        "/reason",
        t.reason.as_deref(),
        500,
        to == ActivityStatus::Cancelled,
    );
    if to == ActivityStatus::Summarised && summary.is_none() && row.summary.is_none() {
        errors.push(fault("/summary", "required", "形成纪要须填写纪要内容。"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    check_step(&row, from, to)?;
    Ok(diesel::update(activities::table.find(row.id))
        .set((
            activities::status.eq(to.as_str()),
            activities::summary.eq(summary.or(row.summary.clone())),
            activities::outcomes.eq(outcomes.or(row.outcomes.clone())),
            activities::cancel_reason.eq(if to == ActivityStatus::Cancelled {
                reason
            } else {
                row.cancel_reason.clone()
            }),
            activities::version.eq(row.version + 1),
            activities::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ActivityRow::as_returning())
        .get_result(conn)?)
}

/// 409 unless `from → to` is a step the lifecycle allows for `row`: forwards only, never
/// from cancelled or archived, `cancelled` only before it is held, `held` (or later) only
/// once it has started and never on a series itself.
fn check_step(row: &ActivityRow, from: ActivityStatus, to: ActivityStatus) -> Result<(), ApiError> {
    if matches!(from, ActivityStatus::Archived | ActivityStatus::Cancelled) {
        return Err(ApiError::Conflict(format!(
            "活动{}，状态不能再变更。",
            from.label_zh()
        )));
    }
    if to == ActivityStatus::Cancelled {
        if from.rank() >= ActivityStatus::Held.rank() {
            return Err(ApiError::Conflict("活动已举行，不能取消。".into()));
        }
    } else if to.rank() <= from.rank() {
        return Err(ApiError::Conflict(format!(
            "活动状态只能向前推进：不能从“{}”改为“{}”。",
            from.label_zh(),
            to.label_zh()
        )));
    }
    if to.rank() >= ActivityStatus::Held.rank()
        && to != ActivityStatus::Cancelled
        && row.starts_at > Utc::now()
    {
        return Err(ApiError::Conflict(
            "活动尚未开始，不能标记为已举行。".into(),
        ));
    }
    if row.rrule.is_some() && to != ActivityStatus::Cancelled && to.rank() >= 2 {
        return Err(ApiError::Conflict(
            "重复活动系列本身不能标记为已举行：请对单次活动操作（取出该场次后再记录）。".into(),
        ));
    }
    Ok(())
}

/// Attendance counts of activities.
pub fn counts(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, AttendanceCounts>> {
    let rows: Vec<(Uuid, String, String, i64)> = attendances::table
        .filter(attendances::activity_id.eq_any(ids))
        .group_by((
            attendances::activity_id,
            attendances::capacity,
            attendances::status,
        ))
        .select((
            attendances::activity_id,
            attendances::capacity,
            attendances::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let mut out: HashMap<Uuid, AttendanceCounts> = HashMap::new();
    for (id, capacity, status, n) in rows {
        let c = out.entry(id).or_default();
        match AttendanceStatus::parse(&status) {
            Some(AttendanceStatus::Invited) => c.invited += n,
            Some(AttendanceStatus::Present) => c.present += n,
            Some(AttendanceStatus::Late) => c.late += n,
            Some(AttendanceStatus::OnLeave) => c.on_leave += n,
            Some(AttendanceStatus::Absent) => c.absent += n,
            None => {}
        }
        if matches!(status.as_str(), "present" | "late") {
            c.attending += n;
            if capacity == Capacity::Observer.as_str() {
                c.observers_attending += n;
            }
        }
    }
    Ok(out)
}

/// Wire forms of activity rows, with counts, group names and local dates.
pub fn to_wire(conn: &mut PgConnection, rows: &[ActivityRow]) -> Result<Vec<Activity>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut counts = counts(conn, &ids)?;
    let group_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.organiser_group_id).collect();
    let groups: HashMap<Uuid, String> = deputy_groups::table
        .filter(deputy_groups::id.eq_any(&group_ids))
        .select((deputy_groups::id, deputy_groups::name))
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .collect();
    let mut zones = Zones::default();
    rows.iter()
        .map(|r| {
            let tz = zones.of(conn, r.congress_id)?;
            r.to_wire(
                tz,
                r.organiser_group_id.and_then(|g| groups.get(&g).cloned()),
                counts.remove(&r.id).unwrap_or_default(),
            )
        })
        .collect()
}

/// One activity's wire form.
pub fn one_to_wire(conn: &mut PgConnection, row: &ActivityRow) -> Result<Activity, ApiError> {
    Ok(to_wire(conn, std::slice::from_ref(row))?.remove(0))
}

/// Activities (not expanded: series appear once) overlapping the range.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CalendarQuery,
) -> Result<Vec<Activity>, ApiError> {
    if let Some(since) = q.updated_since {
        if q.month.is_some() || q.from.is_some() || q.to.is_some() {
            return Err(ApiError::field(
                "?updated_since",
                "conflicting_parameters",
                "updated_since 不能与 month、from、to 同时使用。",
            ));
        }
        return changed_since(conn, user, q, since);
    }
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    let r = range(q, tz)?;
    let mut rows = in_range(conn, user, q, &r, false)?;
    if q.status.is_none_or(|s| s != ActivityStatus::Cancelled) {
        let mut series = in_range(conn, user, q, &r, true)?;
        if let Some(s) = q.status {
            series.retain(|a| a.status == s.as_str());
        }
        rows.extend(series);
    }
    rows.sort_by_key(|a| (a.starts_at, a.id));
    to_wire(conn, &rows)
}

/// At most this many activities per `updated_since` answer.
const SYNC_PAGE: i64 = 1000;

/// Activities visible to the caller changed at or after `since` (their fields or their
/// attendance), oldest change first, at most [`SYNC_PAGE`].
fn changed_since(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CalendarQuery,
    since: DateTime<Utc>,
) -> Result<Vec<Activity>, ApiError> {
    let mut query = visible(user).filter(activities::updated_at.ge(since));
    if let Some(c) = q.congress_id {
        query = query.filter(activities::congress_id.eq(c));
    }
    if let Some(k) = q.kind {
        query = query.filter(activities::kind.eq(k.as_str()));
    }
    if let Some(t) = q.term_id {
        query = query.filter(activities::term_id.eq(t));
    }
    if let Some(s) = q.status {
        query = query.filter(activities::status.eq(s.as_str()));
    }
    let rows = query
        .order((activities::updated_at, activities::id))
        .limit(SYNC_PAGE)
        .select(ActivityRow::as_select())
        .load(conn)?;
    to_wire(conn, &rows)
}
