//! Queries of attendance: the list of an activity, and batches of entries checked against
//! leave (R12; DL 13), suspensions (DL 61) and the time of the activity, raising DL 62
//! flags (R10).

use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::flags;
use crate::meetings::models::*;
use crate::meetings::rules;
use crate::meetings::shared::{ensure_open, fault};
use crate::schema::{activities, attendances, deputies, leave_requests};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The attendance list of an activity, members first, then by name. A deputy sees only
/// their own row.
pub fn attendance_list(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
) -> Result<Vec<Attendance>, ApiError> {
    let mut q = attendances::table
        .left_join(deputies::table)
        .filter(attendances::activity_id.eq(activity.id))
        .into_boxed();
    if user.role == Role::Deputy {
        q = q.filter(attendances::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    let rows: Vec<(AttendanceRow, Option<String>)> = q
        .select((AttendanceRow::as_select(), deputies::name.nullable()))
        .load(conn)?;
    let leaves: HashMap<Uuid, LeaveRow> = current_leaves(conn, activity.id)?;
    let mut out = rows
        .into_iter()
        .map(|(a, name)| {
            Ok(Attendance {
                id: a.id,
                activity_id: a.activity_id,
                deputy_id: a.deputy_id,
                name: name.or(a.observer_name.clone()).unwrap_or_default(),
                capacity: a.capacity()?,
                affiliation: a.observer_affiliation.clone(),
                status: a.status()?,
                checked_in_at: a.checked_in_at,
                note: a.note.clone(),
                leave: a
                    .deputy_id
                    .and_then(|d| leaves.get(&d))
                    .map(LeaveRow::to_wire)
                    .transpose()?,
                version: a.version,
                updated_at: a.updated_at,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    out.sort_by(|a, b| {
        (a.capacity != Capacity::Member, &a.name, a.id).cmp(&(
            b.capacity != Capacity::Member,
            &b.name,
            b.id,
        ))
    });
    Ok(out)
}

/// The latest leave request of each deputy for an activity.
fn current_leaves(conn: &mut PgConnection, activity: Uuid) -> QueryResult<HashMap<Uuid, LeaveRow>> {
    let rows: Vec<LeaveRow> = leave_requests::table
        .filter(leave_requests::activity_id.eq(activity))
        .order(leave_requests::requested_at)
        .select(LeaveRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|l| (l.deputy_id, l)).collect())
}

/// Largest attendance batch.
pub const MAX_BATCH: usize = 1000;

/// Records attendance entries one by one; entries that fail are reported and the others
/// applied. Raises DL 62 flags for sessions (R10).
///
/// Errors: 409 for a cancelled or archived activity; 422 for an empty batch or more than
/// [`MAX_BATCH`] entries.
pub fn record_batch(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    entries: &[AttendanceEntry],
) -> Result<AttendanceBatchReport, ApiError> {
    check_batch(activity, entries)?;
    let rows: Vec<AttendanceRow> = attendances::table
        .filter(attendances::activity_id.eq(activity.id))
        .select(AttendanceRow::as_select())
        .load(conn)?;
    let facts = Facts::load(conn, activity, &rows)?;
    let mut results = vec![];
    let mut changed_members = vec![];
    let mut changes = vec![];
    for (i, e) in entries.iter().enumerate() {
        let (row, note, errors) = facts.check(activity, i, e);
        let Some(r) = row.filter(|_| errors.is_empty()) else {
            results.push(outcome(i, e.deputy_id, None, errors));
            continue;
        };
        if !apply(conn, user, r, e, note, facts.now)? {
            let stale = stale_entry(&format!("/entries/{i}/version"), r.version + 1);
            results.push(outcome(i, r.deputy_id, None, vec![stale]));
            continue;
        }
        if r.capacity == Capacity::Member.as_str() {
            changed_members.extend(r.deputy_id);
        }
        changes.push(serde_json::json!({
            "attendance_id": r.id, "deputy_id": r.deputy_id,
            "from": r.status, "to": e.status.as_str()
        }));
        results.push(outcome(i, r.deputy_id, Some(e.status), vec![]));
    }
    let flags_raised = record_changes(conn, user, activity, changes, &changed_members)?;
    let recorded = results.iter().filter(|r| r.ok).count();
    Ok(AttendanceBatchReport {
        recorded,
        failed: results.len() - recorded,
        results,
        flags_raised,
    })
}

/// 409 for a closed activity or a series itself; 422 for an empty batch or one over
/// [`MAX_BATCH`].
fn check_batch(activity: &ActivityRow, entries: &[AttendanceEntry]) -> Result<(), ApiError> {
    ensure_open(activity)?;
    if activity.rrule.is_some() {
        return Err(ApiError::Conflict(
            "这是重复活动系列：请先取出具体的一次活动（POST /api/v1/activities/{id}/occurrences），再记录出席。".into(),
        ));
    }
    if entries.is_empty() || entries.len() > MAX_BATCH {
        return Err(ApiError::field(
            "/entries",
            "out_of_range",
            format!("每次提交 1 到 {MAX_BATCH} 条出席记录。"),
        ));
    }
    Ok(())
}

/// What the entries of a batch are checked against: the activity's invitations (by
/// deputy and by id), leave approved before the start (R12; DL 13), members suspended
/// on a session's date (DL 61), and the time of the request.
struct Facts<'a> {
    by_deputy: HashMap<Uuid, &'a AttendanceRow>,
    by_id: HashMap<Uuid, &'a AttendanceRow>,
    approved: HashSet<Uuid>,
    suspended: HashSet<Uuid>,
    now: DateTime<Utc>,
}

impl<'a> Facts<'a> {
    fn load(
        conn: &mut PgConnection,
        activity: &ActivityRow,
        rows: &'a [AttendanceRow],
    ) -> QueryResult<Self> {
        let by_deputy = rows
            .iter()
            .filter_map(|r| Some((r.deputy_id?, r)))
            .collect();
        let by_id = rows.iter().map(|r| (r.id, r)).collect();
        // Only leave approved before the start excuses (R12; DL 13).
        let approved = leave_requests::table
            .filter(leave_requests::activity_id.eq(activity.id))
            .filter(leave_requests::status.eq(LeaveStatus::Approved.as_str()))
            .filter(leave_requests::decided_at.le(activity.starts_at))
            .select(leave_requests::deputy_id)
            .load::<Uuid>(conn)?
            .into_iter()
            .collect();
        let suspended = match (activity.is_session(), activity.term_id) {
            (true, Some(term)) => {
                let date = rules::session_date(conn, activity)?;
                rules::in_office(conn, term, date)?.suspended
            }
            _ => HashSet::new(),
        };
        Ok(Facts {
            by_deputy,
            by_id,
            approved,
            suspended,
            now: Utc::now(),
        })
    }

    /// Entry `i`: its invitation, its note, and every reason it cannot be recorded.
    fn check(
        &self,
        activity: &ActivityRow,
        i: usize,
        e: &AttendanceEntry,
    ) -> (Option<&'a AttendanceRow>, Option<String>, Vec<FieldError>) {
        let mut errors = vec![];
        let row = match (e.deputy_id, e.attendance_id) {
            (Some(d), _) => self.by_deputy.get(&d).copied(),
            (None, Some(a)) => self.by_id.get(&a).copied(),
            (None, None) => None,
        };
        let p = |f: &str| format!("/entries/{i}/{f}");
        match row {
            None if e.deputy_id.is_none() && e.attendance_id.is_none() => errors.push(fault(
                p("deputy_id"),
                "required",
                "请指定 deputy_id 或 attendance_id。",
            )),
            None => errors.push(fault(
                p("deputy_id"),
                "not_invited",
                "该代表未被邀请参加此活动，请先邀请。",
            )),
            Some(r) => self.status_errors(&mut errors, activity, r, e.status, &p("status")),
        }
        if let (Some(r), Some(v)) = (row, e.version) {
            if r.version != v {
                errors.push(stale_entry(&p("version"), r.version));
            }
        }
        let note = text(&mut errors, &p("note"), e.note.as_deref(), 500, false);
        (row, note, errors)
    }

    /// Whether `status` may be recorded for the invitation `r`: leave only when approved
    /// before the start, no absence over approved leave or before the start, attendance
    /// from 24 hours before the start, no suspended member present.
    fn status_errors(
        &self,
        errors: &mut Vec<FieldError>,
        activity: &ActivityRow,
        r: &AttendanceRow,
        status: AttendanceStatus,
        pointer: &str,
    ) {
        let approved = r.deputy_id.is_some_and(|d| self.approved.contains(&d));
        if status == AttendanceStatus::OnLeave && !approved {
            errors.push(fault(
                pointer,
                "leave_not_approved",
                "没有会前批准的请假，不能记为请假（代表法第十三条）；未经批准不出席的，记为缺席。",
            ));
        }
        if status == AttendanceStatus::Absent && approved {
            errors.push(fault(
                pointer,
                "leave_approved",
                "该代表的请假已在会前批准，应记为请假，不能记为缺席（代表法第十三条）。",
            ));
        }
        if status == AttendanceStatus::Absent && activity.starts_at > self.now {
            errors.push(fault(
                pointer,
                "not_started",
                "活动尚未开始，不能记为缺席。",
            ));
        }
        if status.attended() && activity.starts_at - chrono::Duration::hours(24) > self.now {
            errors.push(fault(
                pointer,
                "too_early",
                "签到最早从活动开始前 24 小时起。",
            ));
        }
        if status.attended()
            && r.capacity == Capacity::Member.as_str()
            && r.deputy_id.is_some_and(|d| self.suspended.contains(&d))
        {
            errors.push(fault(
                pointer,
                "suspended",
                "该代表在会议日期被暂停执行代表职务（代表法第六十一条），不能记为出席。",
            ));
        }
    }
}

/// Records an entry on its invitation `r`; `false` when the record changed since the
/// entry's `version` was read.
fn apply(
    conn: &mut PgConnection,
    user: &AuthUser,
    r: &AttendanceRow,
    e: &AttendanceEntry,
    note: Option<String>,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let checked_in = if e.status.attended() {
        Some(e.checked_in_at.unwrap_or(now))
    } else {
        None
    };
    // With a version given, the update applies only to the version read, so a clerk
    // who recorded the same invitee a moment earlier in another transaction wins.
    let target = attendances::table
        .find(r.id)
        .filter(attendances::version.eq(e.version.unwrap_or(r.version)));
    let values = (
        attendances::status.eq(e.status.as_str()),
        attendances::checked_in_at.eq(checked_in),
        attendances::note.eq(note.or(r.note.clone())),
        attendances::recorded_by.eq(Some(user.id)),
        attendances::version.eq(attendances::version + 1),
        attendances::updated_at.eq(diesel::dsl::now),
    );
    let updated = if e.version.is_some() {
        diesel::update(target).set(values).execute(conn)?
    } else {
        diesel::update(attendances::table.find(r.id))
            .set(values)
            .execute(conn)?
    };
    Ok(updated > 0)
}

/// The result of entry `index`: recorded as `status`, or refused for `errors`.
fn outcome(
    index: usize,
    deputy_id: Option<Uuid>,
    status: Option<AttendanceStatus>,
    errors: Vec<FieldError>,
) -> AttendanceResult {
    AttendanceResult {
        index,
        deputy_id,
        ok: status.is_some(),
        status,
        errors,
    }
}

/// Audits the batch's changes, marks the activity changed for `updated_since` when any
/// entry was recorded, and raises the DL 62 flags of the members recorded (R10).
fn record_changes(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    changes: Vec<serde_json::Value>,
    changed_members: &[Uuid],
) -> Result<Vec<CredentialsFlag>, ApiError> {
    let any_change = !changes.is_empty();
    crate::audit::record(
        conn,
        Some(user.id),
        "attendance",
        "activity",
        Some(activity.id),
        None,
        Some(&serde_json::Value::Array(changes)),
    )?;
    if any_change {
        // Attendance is part of what `updated_since` syncs.
        diesel::update(activities::table.find(activity.id))
            .set(activities::updated_at.eq(diesel::dsl::now))
            .execute(conn)?;
    }
    let raised = rules::raise_flags(conn, activity, changed_members)?;
    flags::to_wire(conn, &raised)
}

/// The error of an attendance entry whose `version` is not the record's.
fn stale_entry(pointer: &str, current: i32) -> FieldError {
    FieldError {
        params: None,
        pointer: pointer.to_string(),
        code: "version_mismatch".into(),
        message: format!("该出席记录已被他人修改（当前版本 {current}），请刷新后重新记录。"),
    }
}
