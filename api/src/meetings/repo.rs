//! Queries of activities, invitations, attendance, leave, agenda items and votes. Every
//! read is filtered by the caller's scope in SQL; a deputy sees only the activities they
//! are invited to.

use super::models::*;
use super::recurrence;
use super::rules;
use crate::auth::caller::AuthUser;
use crate::congresses::models::CongressRow;
use crate::congresses::repo::{ensure_in_scope, scope};
use crate::error::ApiError;
use crate::fields::text;
use crate::schema::{
    activities, agenda_items, attendances, congresses, delegations, deputies, deputy_groups,
    leave_requests, mandates, terms, votes,
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Roles that plan activities and record attendance.
pub const WRITERS: &[Role] = &[Role::Admin, Role::Staff];

/// 403 for roles that see nothing of this area (handling organisations).
pub fn ensure_reader(user: &AuthUser) -> Result<(), ApiError> {
    user.require(&[
        Role::Admin,
        Role::Staff,
        Role::Presidium,
        Role::Deputy,
        Role::Integration,
    ])
}

/// Activities the caller may see: in their scope and, for a deputy, those they are
/// invited to (an occurrence taken out of a series they are invited to included).
pub fn visible<'a>(user: &AuthUser) -> activities::BoxedQuery<'a, Pg> {
    let mut q = activities::table
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if user.role == Role::Deputy {
        let me = user.deputy_id.unwrap_or(Uuid::nil());
        let invited = attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select(attendances::activity_id);
        let invited_series = attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select(attendances::activity_id.nullable());
        q = q.filter(
            activities::id
                .eq_any(invited)
                .or(activities::series_id.eq_any(invited_series)),
        );
    }
    q
}

/// 404 unless the activity is visible to the caller.
pub fn ensure_activity(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<ActivityRow, ApiError> {
    visible(user)
        .filter(activities::id.eq(id))
        .select(ActivityRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("活动不存在或不在您的权限范围内。".into()))
}

/// The activity locked for an update.
fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<ActivityRow> {
    activities::table
        .find(id)
        .for_update()
        .select(ActivityRow::as_select())
        .first(conn)
}

/// The time zone of a congress.
pub fn congress_tz(conn: &mut PgConnection, congress: Uuid) -> QueryResult<chrono_tz::Tz> {
    let name: String = congresses::table
        .find(congress)
        .select(congresses::time_zone)
        .first(conn)?;
    Ok(time_zone(&name))
}

/// Validates an activity's fields for `congress` (`existing` on update) and returns the
/// columns to store.
///
/// Errors: 422 with every failing field: lengths, times, organiser, term and session data,
/// the temporary-session proposers (R2; OL 14) and the recurrence rule.
pub fn validate(
    conn: &mut PgConnection,
    congress: &CongressRow,
    input: &ActivityInput,
    existing: Option<&ActivityRow>,
) -> Result<ActivityValues, ApiError> {
    let mut errors = vec![];
    let tz = time_zone(&congress.time_zone);
    let title = text(&mut errors, "/title", Some(&input.title), 200, true).unwrap_or_default();
    let place = text(&mut errors, "/place", input.place.as_deref(), 200, false);
    let description = text(
        &mut errors,
        "/description",
        input.description.as_deref(),
        10_000,
        false,
    );
    if input.topics.len() > 20 {
        errors.push(FieldError {
            params: None,
            pointer: "/topics".into(),
            code: "too_many".into(),
            message: "议题最多 20 个。".into(),
        });
    }
    let mut topics = vec![];
    for (i, t) in input.topics.iter().enumerate() {
        if let Some(t) = text(&mut errors, &format!("/topics/{i}"), Some(t), 50, true) {
            topics.push(t);
        }
    }
    if input.ends_at < input.starts_at {
        errors.push(FieldError {
            params: None,
            pointer: "/ends_at".into(),
            code: "before_start".into(),
            message: "结束时间不能早于开始时间。".into(),
        });
    }
    let (organiser_group_id, organiser_name) = match input.organiser.kind {
        OrganiserKind::DeputyGroup => {
            let group = input.organiser.deputy_group_id.and_then(|g| {
                deputy_groups::table
                    .filter(deputy_groups::id.eq(g))
                    .filter(deputy_groups::congress_id.eq(congress.id))
                    .select(deputy_groups::id)
                    .first::<Uuid>(conn)
                    .optional()
                    .ok()
                    .flatten()
            });
            if group.is_none() {
                errors.push(FieldError {
                    params: None,
                    pointer: "/organiser/deputy_group_id".into(),
                    code: "not_found".into(),
                    message: "组织者为代表小组时，须指定本人大的一个代表小组。".into(),
                });
            }
            (group, None)
        }
        OrganiserKind::LiaisonStation => (
            None,
            text(
                &mut errors,
                "/organiser/name",
                input.organiser.name.as_deref(),
                100,
                true,
            ),
        ),
        OrganiserKind::Congress | OrganiserKind::Presidium => (None, None),
    };
    if let Some(term) = input.term_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            terms::table
                .filter(terms::id.eq(term))
                .filter(terms::congress_id.eq(congress.id)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: "/term_id".into(),
                code: "not_found".into(),
                message: "届次须为本人大的届次。".into(),
            });
        }
    }
    let is_session = input.kind == ActivityKind::Session;
    if is_session {
        if input.term_id.is_none() {
            errors.push(FieldError {
                params: None,
                pointer: "/term_id".into(),
                code: "required".into(),
                message: "人民代表大会会议须指定届次。".into(),
            });
        }
        if input.session_kind.is_none() {
            errors.push(FieldError {
                params: None,
                pointer: "/session_kind".into(),
                code: "required".into(),
                message: "人民代表大会会议须注明是例会还是临时会议。".into(),
            });
        }
        if input.session_number.is_some_and(|n| n < 1) {
            errors.push(FieldError {
                params: None,
                pointer: "/session_number".into(),
                code: "out_of_range".into(),
                message: "会议次数须为正整数。".into(),
            });
        }
        if input.rrule.is_some() {
            errors.push(FieldError {
                params: None,
                pointer: "/rrule".into(),
                code: "not_allowed".into(),
                message: "人民代表大会会议不能设为重复活动。".into(),
            });
        }
    } else {
        for (field, given) in [
            ("session_kind", input.session_kind.is_some()),
            ("session_number", input.session_number.is_some()),
            ("requested_by_count", input.requested_by_count.is_some()),
        ] {
            if given {
                errors.push(FieldError {
                    params: None,
                    pointer: format!("/{field}"),
                    code: "not_allowed".into(),
                    message: format!("{field} 只适用于人民代表大会会议。"),
                });
            }
        }
    }
    let temporary = is_session && input.session_kind == Some(SessionKind::Temporary);
    match (temporary, input.requested_by_count) {
        (true, None) => errors.push(FieldError {
            params: None,
            pointer: "/requested_by_count".into(),
            code: "required".into(),
            message: "临时会议须记录提议召开的代表人数（地方组织法第十四条）。".into(),
        }),
        (true, Some(n)) if n < 0 => errors.push(FieldError {
            params: None,
            pointer: "/requested_by_count".into(),
            code: "out_of_range".into(),
            message: "提议人数不能为负数。".into(),
        }),
        (true, Some(n)) => {
            if let Some(term) = input.term_id {
                let date = local_date(input.starts_at, tz);
                let in_office = rules::in_office(conn, term, date)?.deputies.len() as i64;
                if i64::from(n) > in_office {
                    errors.push(FieldError {
                        params: None,
                        pointer: "/requested_by_count".into(),
                        code: "out_of_range".into(),
                        message: format!(
                            "提议人数 {n} 超过了会议日期在任的全体代表人数 {in_office}。"
                        ),
                    });
                } else if !rules::temporary_request_met(i64::from(n), in_office) {
                    errors.push(FieldError {
                        params: None,
                        pointer: "/requested_by_count".into(),
                        code: "too_few_proposers".into(),
                        message: format!(
                            "提议召开临时会议的代表 {n} 人，不足全体代表 {in_office} 人的五分之一（至少 {} 人），不能召开临时会议（地方组织法第十四条）。",
                            rules::temporary_required(in_office)
                        ),
                    });
                }
            }
        }
        (false, Some(_)) if is_session => errors.push(FieldError {
            params: None,
            pointer: "/requested_by_count".into(),
            code: "not_allowed".into(),
            message: "只有临时会议记录提议人数。".into(),
        }),
        _ => {}
    }
    let rrule = input
        .rrule
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches("RRULE:").to_string());
    if let Some(rule) = &rrule {
        if existing.is_some_and(|e| e.series_id.is_some()) {
            errors.push(FieldError {
                params: None,
                pointer: "/rrule".into(),
                code: "not_allowed".into(),
                message: "从系列中取出的单次活动不能再设重复规则。".into(),
            });
        } else if let Err(message) = recurrence::rule_set(rule, input.starts_at, tz) {
            errors.push(FieldError {
                params: None,
                pointer: "/rrule".into(),
                code: "invalid_rrule".into(),
                message,
            });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ActivityValues {
        term_id: input.term_id,
        kind: input.kind.as_str().into(),
        title,
        organiser_kind: input.organiser.kind.as_str().into(),
        organiser_group_id,
        organiser_name,
        place,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        description,
        topics,
        session_kind: input
            .session_kind
            .filter(|_| is_session)
            .map(|k| k.as_str().into()),
        session_number: input.session_number,
        requested_by_count: input.requested_by_count,
        rrule,
    })
}

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
        errors.push(FieldError {
            params: None,
            pointer: "/summary".into(),
            code: "required".into(),
            message: "形成纪要须填写纪要内容。".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
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

/// An invitation as copied to an occurrence: deputy, capacity, guest name, affiliation.
type Invitee = (Option<Uuid>, String, Option<String>, Option<String>);

/// Takes one occurrence out of a series, as its own activity (same fields, its own
/// times, status `planned` or the series' `notified`), with the series' invitations
/// copied. Answers the existing occurrence when it was taken out before (`false`).
///
/// Errors: 422 when the activity is not a series or the start is not one of its
/// occurrences.
pub fn take_out(
    conn: &mut PgConnection,
    series: &ActivityRow,
    start: DateTime<Utc>,
) -> Result<(ActivityRow, bool), ApiError> {
    let Some(rule) = series.rrule.as_deref() else {
        return Err(ApiError::field(
            "/occurrence_start",
            "not_a_series",
            "该活动不是重复活动系列。",
        ));
    };
    if let Some(existing) = activities::table
        .filter(activities::series_id.eq(series.id))
        .filter(activities::occurrence_start.eq(start))
        .select(ActivityRow::as_select())
        .first(conn)
        .optional()?
    {
        return Ok((existing, false));
    }
    // A cancelled or archived series makes no new occurrences.
    ensure_open(series)?;
    let tz = congress_tz(conn, series.congress_id)?;
    let set = recurrence::rule_set(rule, series.starts_at, tz).map_err(ApiError::Internal)?;
    if !recurrence::is_occurrence(set, start) {
        return Err(ApiError::field(
            "/occurrence_start",
            "not_an_occurrence",
            "该时间不是此系列的一次活动。",
        ));
    }
    let duration = series.ends_at - series.starts_at;
    let status = if series.status == ActivityStatus::Notified.as_str() {
        ActivityStatus::Notified
    } else {
        ActivityStatus::Planned
    };
    let id = Uuid::now_v7();
    let row: ActivityRow = diesel::insert_into(activities::table)
        .values((
            activities::id.eq(id),
            activities::congress_id.eq(series.congress_id),
            activities::term_id.eq(series.term_id),
            activities::kind.eq(&series.kind),
            activities::title.eq(&series.title),
            activities::organiser_kind.eq(&series.organiser_kind),
            activities::organiser_group_id.eq(series.organiser_group_id),
            activities::organiser_name.eq(&series.organiser_name),
            activities::place.eq(&series.place),
            activities::starts_at.eq(start),
            activities::ends_at.eq(start + duration),
            activities::description.eq(&series.description),
            activities::topics.eq(&series.topics),
            activities::status.eq(status.as_str()),
            activities::series_id.eq(Some(series.id)),
            activities::occurrence_start.eq(Some(start)),
        ))
        .returning(ActivityRow::as_returning())
        .get_result(conn)?;
    let invited: Vec<Invitee> = attendances::table
        .filter(attendances::activity_id.eq(series.id))
        .select((
            attendances::deputy_id,
            attendances::capacity,
            attendances::observer_name,
            attendances::observer_affiliation,
        ))
        .load(conn)?;
    let copies: Vec<_> = invited
        .into_iter()
        .map(|(deputy, capacity, name, affiliation)| {
            (
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(id),
                attendances::deputy_id.eq(deputy),
                attendances::capacity.eq(capacity),
                attendances::observer_name.eq(name),
                attendances::observer_affiliation.eq(affiliation),
            )
        })
        .collect();
    for chunk in copies.chunks(5000) {
        diesel::insert_into(attendances::table)
            .values(chunk)
            .execute(conn)?;
    }
    Ok((row, true))
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
    let mut tzs: HashMap<Uuid, chrono_tz::Tz> = HashMap::new();
    rows.iter()
        .map(|r| {
            let tz = match tzs.get(&r.congress_id) {
                Some(tz) => *tz,
                None => {
                    let tz = congress_tz(conn, r.congress_id)?;
                    tzs.insert(r.congress_id, tz);
                    tz
                }
            };
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

/// A date range of the calendar, as instants in a time zone: `[from 00:00, to+1 00:00)`.
pub struct Range {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

fn midnight(date: NaiveDate, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive).with_timezone(&tz))
        .with_timezone(&Utc)
}

/// The range a calendar query asks for, in `tz`.
///
/// Errors: 422 for a malformed month, `from` without `to` (or after it), or more than
/// 366 days.
pub fn range(q: &CalendarQuery, tz: chrono_tz::Tz) -> Result<Range, ApiError> {
    let (from, to) = match (&q.month, q.from, q.to) {
        (Some(m), None, None) => {
            let first =
                NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| {
                    ApiError::field(
                        "?month",
                        "invalid_month",
                        "月份须写作 YYYY-MM，例如 2022-02。",
                    )
                })?;
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .ok_or_else(|| ApiError::field("?month", "invalid_month", "月份超出范围。"))?;
            (first, next.pred_opt().unwrap_or(next))
        }
        (None, Some(f), Some(t)) => (f, t),
        _ => {
            return Err(ApiError::field(
                "?month",
                "range_required",
                "请给出 month（YYYY-MM），或同时给出 from 和 to（YYYY-MM-DD）。",
            ))
        }
    };
    if to < from {
        return Err(ApiError::field("?to", "before_start", "to 不能早于 from。"));
    }
    if (to - from).num_days() > 366 {
        return Err(ApiError::field(
            "?to",
            "range_too_long",
            "一次最多查询 366 天。",
        ));
    }
    Ok(Range {
        from: midnight(from, tz),
        to: midnight(to.succ_opt().unwrap_or(to), tz),
    })
}

/// Activities visible to the caller overlapping the range, with the list filters; series
/// are returned as rows (not expanded).
fn in_range(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CalendarQuery,
    r: &Range,
    series: bool,
) -> QueryResult<Vec<ActivityRow>> {
    let mut query = visible(user);
    if let Some(c) = q.congress_id {
        query = query.filter(activities::congress_id.eq(c));
    }
    if let Some(k) = q.kind {
        query = query.filter(activities::kind.eq(k.as_str()));
    }
    if let Some(t) = q.term_id {
        query = query.filter(activities::term_id.eq(t));
    }
    if series {
        query = query
            .filter(activities::rrule.is_not_null())
            .filter(activities::starts_at.lt(r.to));
    } else {
        if let Some(s) = q.status {
            query = query.filter(activities::status.eq(s.as_str()));
        }
        query = query
            .filter(activities::rrule.is_null())
            .filter(activities::starts_at.lt(r.to))
            .filter(activities::ends_at.ge(r.from));
    }
    query
        .order((activities::starts_at, activities::id))
        .limit(5000)
        .select(ActivityRow::as_select())
        .load(conn)
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

/// The calendar: activities and the occurrences of recurring series in the range, in
/// start order. Occurrences taken out of a series appear as themselves (moved or
/// cancelled), not as the rule's.
pub fn calendar(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CalendarQuery,
) -> Result<Vec<CalendarEntry>, ApiError> {
    if q.updated_since.is_some() {
        return Err(ApiError::field(
            "?updated_since",
            "unknown_parameter",
            "日历不支持 updated_since；同步请用 GET /api/v1/activities?updated_since=…。",
        ));
    }
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    let r = range(q, tz)?;
    let singles = in_range(conn, user, q, &r, false)?;
    let series = in_range(conn, user, q, &r, true)?;
    let series_ids: Vec<Uuid> = series.iter().map(|s| s.id).collect();
    let taken: HashSet<(Uuid, DateTime<Utc>)> = activities::table
        .filter(activities::series_id.eq_any(&series_ids))
        .select((activities::series_id, activities::occurrence_start))
        .load::<(Option<Uuid>, Option<DateTime<Utc>>)>(conn)?
        .into_iter()
        .filter_map(|(s, o)| Some((s?, o?)))
        .collect();
    let mine: HashMap<Uuid, AttendanceStatus> = match (user.role, user.deputy_id) {
        (Role::Deputy, Some(me)) => attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select((attendances::activity_id, attendances::status))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .filter_map(|(a, s)| Some((a, AttendanceStatus::parse(&s)?)))
            .collect(),
        _ => HashMap::new(),
    };
    let mut tzs: HashMap<Uuid, chrono_tz::Tz> = HashMap::new();
    let mut tz_of = |conn: &mut PgConnection, c: Uuid| -> QueryResult<chrono_tz::Tz> {
        if let Some(tz) = tzs.get(&c) {
            return Ok(*tz);
        }
        let tz = congress_tz(conn, c)?;
        tzs.insert(c, tz);
        Ok(tz)
    };
    let mut out = vec![];
    for a in &singles {
        let tz = tz_of(conn, a.congress_id)?;
        out.push(CalendarEntry {
            activity_id: a.id,
            congress_id: a.congress_id,
            series_id: a.series_id,
            occurrence_start: a.occurrence_start,
            virtual_occurrence: false,
            kind: a.kind()?,
            title: a.title.clone(),
            status: a.status()?,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            date: local_date(a.starts_at, tz),
            place: a.place.clone(),
            my_attendance: mine.get(&a.id).copied(),
        });
    }
    for s in &series {
        let status = s.status()?;
        if q.status.is_some_and(|w| w != status) {
            continue;
        }
        let tz = tz_of(conn, s.congress_id)?;
        let Some(rule) = s.rrule.as_deref() else {
            continue;
        };
        let set = recurrence::rule_set(rule, s.starts_at, tz).map_err(ApiError::Internal)?;
        let duration = s.ends_at - s.starts_at;
        for start in recurrence::occurrences(set, r.from - duration, r.to) {
            if taken.contains(&(s.id, start)) || start + duration < r.from {
                continue;
            }
            out.push(CalendarEntry {
                activity_id: s.id,
                congress_id: s.congress_id,
                series_id: Some(s.id),
                occurrence_start: Some(start),
                virtual_occurrence: true,
                kind: s.kind()?,
                title: s.title.clone(),
                status,
                starts_at: start,
                ends_at: start + duration,
                date: local_date(start, tz),
                place: s.place.clone(),
                my_attendance: mine.get(&s.id).copied(),
            });
        }
    }
    out.sort_by_key(|e| (e.starts_at, e.activity_id));
    Ok(out)
}

/// Mandates in office on `date`: not terminated on or before it (see
/// [`rules::in_office`]).
fn in_office_on(
    date: NaiveDate,
) -> Box<dyn BoxableExpression<mandates::table, Pg, SqlType = diesel::sql_types::Bool>> {
    Box::new(
        mandates::status
            .ne("terminated")
            .or(mandates::status_date.gt(date).assume_not_null()),
    )
}

/// The deputies a set of mandates names: the latest term of each congress, mandates in
/// office on `date` (the activity's date).
fn current_members(
    conn: &mut PgConnection,
    date: NaiveDate,
    filter: impl FnOnce(mandates::BoxedQuery<'static, Pg>) -> mandates::BoxedQuery<'static, Pg>,
) -> QueryResult<Vec<Uuid>> {
    let latest_terms = diesel::dsl::sql::<diesel::sql_types::Bool>(
        "mandates.term_id IN (SELECT DISTINCT ON (congress_id) id FROM terms ORDER BY congress_id, number DESC)",
    );
    filter(
        mandates::table
            .filter(in_office_on(date))
            .filter(latest_terms)
            .into_boxed(),
    )
    .select(mandates::deputy_id)
    .load(conn)
}

/// Invites deputies and guests to an activity. Deputies with a mandate (not terminated)
/// in the activity's congress (and term, when it has one) are invited as members; others
/// as observers (列席).
///
/// Errors: 404 (as 422 field errors) for a congress, delegation, group or deputy outside
/// the caller's scope; 409 for a cancelled or archived activity; 422 for more than 2,000
/// hand-picked deputies or bad guest names.
pub fn invite(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    req: &InvitationRequest,
) -> Result<InvitationReport, ApiError> {
    ensure_open(activity)?;
    let mut errors = vec![];
    if req.deputy_ids.len() > 2000 {
        return Err(ApiError::field(
            "/deputy_ids",
            "too_many",
            "一次最多邀请 2000 名代表。",
        ));
    }
    let mut wanted: Vec<Uuid> = vec![];
    let date = local_date(activity.starts_at, congress_tz(conn, activity.congress_id)?);
    if let Some(c) = req.congress_id {
        if ensure_in_scope(conn, user, c).is_err() {
            errors.push(FieldError {
                params: None,
                pointer: "/congress_id".into(),
                code: "not_found".into(),
                message: "代表大会不存在或不在您的权限范围内。".into(),
            });
        } else {
            wanted.extend(current_members(conn, date, |m| {
                m.filter(mandates::congress_id.eq(c))
            })?);
        }
    }
    if let Some(d) = req.delegation_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            delegations::table
                .filter(delegations::id.eq(d))
                .filter(delegations::congress_id.eq_any(scope(user.congress_id))),
        ))
        .get_result(conn)?;
        if ok {
            wanted.extend(current_members(conn, date, |m| {
                m.filter(mandates::delegation_id.eq(d))
            })?);
        } else {
            errors.push(FieldError {
                params: None,
                pointer: "/delegation_id".into(),
                code: "not_found".into(),
                message: "代表团不存在或不在您的权限范围内。".into(),
            });
        }
    }
    if let Some(g) = req.deputy_group_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputy_groups::table
                .filter(deputy_groups::id.eq(g))
                .filter(deputy_groups::congress_id.eq_any(scope(user.congress_id))),
        ))
        .get_result(conn)?;
        if ok {
            wanted.extend(current_members(conn, date, |m| {
                m.filter(mandates::deputy_group_id.eq(g))
            })?);
        } else {
            errors.push(FieldError {
                params: None,
                pointer: "/deputy_group_id".into(),
                code: "not_found".into(),
                message: "代表小组不存在或不在您的权限范围内。".into(),
            });
        }
    }
    if !req.deputy_ids.is_empty() {
        let known: HashSet<Uuid> = deputies::table
            .filter(deputies::id.eq_any(&req.deputy_ids))
            .filter(deputies::congress_id.eq_any(scope(user.congress_id)))
            .select(deputies::id)
            .load::<Uuid>(conn)?
            .into_iter()
            .collect();
        for (i, d) in req.deputy_ids.iter().enumerate() {
            if known.contains(d) {
                wanted.push(*d);
            } else {
                errors.push(FieldError {
                    params: None,
                    pointer: format!("/deputy_ids/{i}"),
                    code: "not_found".into(),
                    message: "代表不存在或不在您的权限范围内。".into(),
                });
            }
        }
    }
    let mut guests = vec![];
    for (i, o) in req.observers.iter().enumerate() {
        let name = text(
            &mut errors,
            &format!("/observers/{i}/name"),
            Some(&o.name),
            50,
            true,
        );
        let affiliation = text(
            &mut errors,
            &format!("/observers/{i}/affiliation"),
            o.affiliation.as_deref(),
            200,
            false,
        );
        guests.push((name.unwrap_or_default(), affiliation));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut seen = HashSet::new();
    wanted.retain(|d| seen.insert(*d));
    let existing: HashSet<Uuid> = attendances::table
        .filter(attendances::activity_id.eq(activity.id))
        .filter(attendances::deputy_id.eq_any(&wanted))
        .select(attendances::deputy_id)
        .load::<Option<Uuid>>(conn)?
        .into_iter()
        .flatten()
        .collect();
    let mut member_query = mandates::table
        .filter(mandates::deputy_id.eq_any(&wanted))
        .filter(mandates::congress_id.eq(activity.congress_id))
        .filter(in_office_on(date))
        .into_boxed();
    if let Some(t) = activity.term_id {
        member_query = member_query.filter(mandates::term_id.eq(t));
    }
    let members: HashSet<Uuid> = member_query
        .select(mandates::deputy_id)
        .load::<Uuid>(conn)?
        .into_iter()
        .collect();
    let mut report = InvitationReport {
        invited_members: 0,
        invited_observers: 0,
        added_guests: guests.len() as i64,
        already_invited: existing.len() as i64,
    };
    let new_rows: Vec<_> = wanted
        .iter()
        .filter(|d| !existing.contains(d))
        .map(|d| {
            let capacity = if members.contains(d) {
                report.invited_members += 1;
                Capacity::Member
            } else {
                report.invited_observers += 1;
                Capacity::Observer
            };
            (
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(activity.id),
                attendances::deputy_id.eq(Some(*d)),
                attendances::capacity.eq(capacity.as_str()),
            )
        })
        .collect();
    for chunk in new_rows.chunks(5000) {
        diesel::insert_into(attendances::table)
            .values(chunk)
            .execute(conn)?;
    }
    for (name, affiliation) in guests {
        diesel::insert_into(attendances::table)
            .values((
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(activity.id),
                attendances::capacity.eq(Capacity::Observer.as_str()),
                attendances::observer_name.eq(Some(name)),
                attendances::observer_affiliation.eq(affiliation),
            ))
            .execute(conn)?;
    }
    Ok(report)
}

/// Withdraws an invitation made by mistake: only while nothing is recorded for it
/// (`invited`) and the activity is open.
///
/// Errors: 404 outside the caller's scope; 409 once attendance is recorded, or the
/// activity is cancelled or archived.
pub fn uninvite(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<AttendanceRow, ApiError> {
    let row: AttendanceRow = attendances::table
        .find(id)
        .for_update()
        .select(AttendanceRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("邀请不存在或不在您的权限范围内。".into()))?;
    let activity = ensure_activity(conn, user, row.activity_id)
        .map_err(|_| ApiError::NotFound("邀请不存在或不在您的权限范围内。".into()))?;
    ensure_open(&activity)?;
    if row.status()? != AttendanceStatus::Invited {
        return Err(ApiError::Conflict(format!(
            "已记录为“{}”，不能撤销邀请；如记录有误，请先改回“已邀请”。",
            row.status()?.label_zh()
        )));
    }
    diesel::delete(attendances::table.find(id)).execute(conn)?;
    Ok(row)
}

/// 409 unless attendance may still change: not cancelled, not archived.
pub fn ensure_open(activity: &ActivityRow) -> Result<(), ApiError> {
    let status = activity.status()?;
    if matches!(status, ActivityStatus::Cancelled | ActivityStatus::Archived) {
        return Err(ApiError::Conflict(format!(
            "活动{}，不能再变更邀请和出席记录。",
            status.label_zh()
        )));
    }
    Ok(())
}

/// 409 for an archived activity: its record (documents included) is final.
pub fn ensure_not_archived(activity: &ActivityRow) -> Result<(), ApiError> {
    if activity.status()? == ActivityStatus::Archived {
        return Err(ApiError::Conflict("活动已归档，材料不能再增删。".into()));
    }
    Ok(())
}

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
    let rows: Vec<AttendanceRow> = attendances::table
        .filter(attendances::activity_id.eq(activity.id))
        .select(AttendanceRow::as_select())
        .load(conn)?;
    let by_deputy: HashMap<Uuid, &AttendanceRow> = rows
        .iter()
        .filter_map(|r| Some((r.deputy_id?, r)))
        .collect();
    let by_id: HashMap<Uuid, &AttendanceRow> = rows.iter().map(|r| (r.id, r)).collect();
    // Only leave approved before the start excuses (R12; DL 13).
    let approved: HashSet<Uuid> = leave_requests::table
        .filter(leave_requests::activity_id.eq(activity.id))
        .filter(leave_requests::status.eq(LeaveStatus::Approved.as_str()))
        .filter(leave_requests::decided_at.le(activity.starts_at))
        .select(leave_requests::deputy_id)
        .load::<Uuid>(conn)?
        .into_iter()
        .collect();
    let suspended: HashSet<Uuid> = match (activity.is_session(), activity.term_id) {
        (true, Some(term)) => {
            let date = rules::session_date(conn, activity)?;
            rules::in_office(conn, term, date)?.suspended
        }
        _ => HashSet::new(),
    };
    let now = Utc::now();
    let mut results = vec![];
    let mut changed_members = vec![];
    let mut changes = vec![];
    for (i, e) in entries.iter().enumerate() {
        let mut errors = vec![];
        let row = match (e.deputy_id, e.attendance_id) {
            (Some(d), _) => by_deputy.get(&d).copied(),
            (None, Some(a)) => by_id.get(&a).copied(),
            (None, None) => None,
        };
        let p = |f: &str| format!("/entries/{i}/{f}");
        match row {
            None if e.deputy_id.is_none() && e.attendance_id.is_none() => errors.push(FieldError {
                params: None,
                pointer: p("deputy_id"),
                code: "required".into(),
                message: "请指定 deputy_id 或 attendance_id。".into(),
            }),
            None => errors.push(FieldError {
                params: None,
                pointer: p("deputy_id"),
                code: "not_invited".into(),
                message: "该代表未被邀请参加此活动，请先邀请。".into(),
            }),
            Some(r) => {
                let deputy = r.deputy_id;
                if e.status == AttendanceStatus::OnLeave
                    && !deputy.is_some_and(|d| approved.contains(&d))
                {
                    errors.push(FieldError {
                        params: None,
                        pointer: p("status"),
                        code: "leave_not_approved".into(),
                        message: "没有会前批准的请假，不能记为请假（代表法第十三条）；未经批准不出席的，记为缺席。".into(),
                    });
                }
                if e.status == AttendanceStatus::Absent
                    && deputy.is_some_and(|d| approved.contains(&d))
                {
                    errors.push(FieldError {
                        params: None,
                        pointer: p("status"),
                        code: "leave_approved".into(),
                        message:
                            "该代表的请假已在会前批准，应记为请假，不能记为缺席（代表法第十三条）。"
                                .into(),
                    });
                }
                if e.status == AttendanceStatus::Absent && activity.starts_at > now {
                    errors.push(FieldError {
                        params: None,
                        pointer: p("status"),
                        code: "not_started".into(),
                        message: "活动尚未开始，不能记为缺席。".into(),
                    });
                }
                if e.status.attended() && activity.starts_at - chrono::Duration::hours(24) > now {
                    errors.push(FieldError {
                        params: None,
                        pointer: p("status"),
                        code: "too_early".into(),
                        message: "签到最早从活动开始前 24 小时起。".into(),
                    });
                }
                if e.status.attended()
                    && r.capacity == Capacity::Member.as_str()
                    && deputy.is_some_and(|d| suspended.contains(&d))
                {
                    errors.push(FieldError {
                        params: None,
                        pointer: p("status"),
                        code: "suspended".into(),
                        message:
                            "该代表在会议日期被暂停执行代表职务（代表法第六十一条），不能记为出席。"
                                .into(),
                    });
                }
            }
        }
        if let (Some(r), Some(v)) = (row, e.version) {
            if r.version != v {
                errors.push(stale_entry(&p("version"), r.version));
            }
        }
        let note = text(&mut errors, &p("note"), e.note.as_deref(), 500, false);
        let Some(r) = row.filter(|_| errors.is_empty()) else {
            results.push(AttendanceResult {
                index: i,
                deputy_id: e.deputy_id,
                ok: false,
                status: None,
                errors,
            });
            continue;
        };
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
        if updated == 0 {
            results.push(AttendanceResult {
                index: i,
                deputy_id: r.deputy_id,
                ok: false,
                status: None,
                errors: vec![stale_entry(&p("version"), r.version + 1)],
            });
            continue;
        }
        if r.capacity == Capacity::Member.as_str() {
            changed_members.extend(r.deputy_id);
        }
        changes.push(serde_json::json!({
            "attendance_id": r.id, "deputy_id": r.deputy_id,
            "from": r.status, "to": e.status.as_str()
        }));
        results.push(AttendanceResult {
            index: i,
            deputy_id: r.deputy_id,
            ok: true,
            status: Some(e.status),
            errors: vec![],
        });
    }
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
    let raised = rules::raise_flags(conn, activity, &changed_members)?;
    let flags_raised = super::flags::to_wire(conn, &raised)?;
    let recorded = results.iter().filter(|r| r.ok).count();
    Ok(AttendanceBatchReport {
        recorded,
        failed: results.len() - recorded,
        results,
        flags_raised,
    })
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

/// 422 unless the activity is a session.
pub fn ensure_session(activity: &ActivityRow) -> Result<Uuid, ApiError> {
    match (activity.is_session(), activity.term_id) {
        (true, Some(t)) => Ok(t),
        _ => Err(ApiError::field(
            "/kind",
            "not_a_session",
            "议程和表决只适用于人民代表大会会议。",
        )),
    }
}

/// Adds an agenda item to a session.
///
/// Errors: 422 not a session or bad title/position; 409 position taken.
pub fn add_agenda_item(
    conn: &mut PgConnection,
    activity: &ActivityRow,
    new: &NewAgendaItem,
) -> Result<AgendaItemRow, ApiError> {
    ensure_session(activity)?;
    ensure_open(activity)?;
    let mut errors = vec![];
    let title = text(&mut errors, "/title", Some(&new.title), 200, true);
    if new.position.is_some_and(|p| p < 1) {
        errors.push(FieldError {
            params: None,
            pointer: "/position".into(),
            code: "out_of_range".into(),
            message: "议程序号须为正整数。".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let position = match new.position {
        Some(p) => p,
        None => {
            agenda_items::table
                .filter(agenda_items::activity_id.eq(activity.id))
                .select(diesel::dsl::max(agenda_items::position))
                .first::<Option<i32>>(conn)?
                .unwrap_or(0)
                + 1
        }
    };
    diesel::insert_into(agenda_items::table)
        .values((
            agenda_items::id.eq(Uuid::now_v7()),
            agenda_items::activity_id.eq(activity.id),
            agenda_items::position.eq(position),
            agenda_items::title.eq(title.unwrap_or_default()),
            agenda_items::kind.eq(new.kind.as_str()),
        ))
        .returning(AgendaItemRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::Conflict(format!("第 {position} 项议程已存在。")),
            other => other,
        })
}

/// The agenda item and its session, visible to the caller.
pub fn ensure_agenda_item(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<(AgendaItemRow, ActivityRow), ApiError> {
    let item: AgendaItemRow = agenda_items::table
        .find(id)
        .select(AgendaItemRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("议程不存在或不在您的权限范围内。".into()))?;
    let activity = ensure_activity(conn, user, item.activity_id)
        .map_err(|_| ApiError::NotFound("议程不存在或不在您的权限范围内。".into()))?;
    Ok((item, activity))
}

/// Records a vote on an agenda item (R4; OL 25).
///
/// Errors: 409 when the session lacks a quorum (R3): no vote can be taken; 422 for an
/// office on a non-election item or none on an election, negative counts, or more votes
/// than members attending.
pub fn add_vote(
    conn: &mut PgConnection,
    user: &AuthUser,
    item: &AgendaItemRow,
    activity: &ActivityRow,
    new: &NewVote,
) -> Result<VoteRow, ApiError> {
    ensure_open(activity)?;
    let mut errors = vec![];
    let subject = text(&mut errors, "/subject", Some(&new.subject), 200, true);
    let election = item.kind == AgendaItemKind::Election.as_str();
    if election && new.office.is_none() {
        errors.push(FieldError {
            params: None,
            pointer: "/office".into(),
            code: "required".into(),
            message: "选举须注明所选职务。".into(),
        });
    }
    if !election && (new.office.is_some() || new.candidate_deputy_id.is_some()) {
        errors.push(FieldError {
            params: None,
            pointer: "/office".into(),
            code: "not_allowed".into(),
            message: "只有选举议程才记录职务和候选人。".into(),
        });
    }
    for (f, v) in [("yes", new.yes), ("no", new.no), ("abstain", new.abstain)] {
        if v < 0 {
            errors.push(FieldError {
                params: None,
                pointer: format!("/{f}"),
                code: "out_of_range".into(),
                message: "票数不能为负数。".into(),
            });
        }
    }
    if let Some(c) = new.candidate_deputy_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputies::table
                .filter(deputies::id.eq(c))
                .filter(deputies::congress_id.eq_any(scope(user.congress_id))),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: "/candidate_deputy_id".into(),
                code: "not_found".into(),
                message: "候选人不存在或不在您的权限范围内。".into(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let quorum = rules::quorum(conn, activity)?;
    if !quorum.valid {
        return Err(ApiError::Conflict(format!(
            "{} 不足法定人数时不能表决。",
            quorum.explanation
        )));
    }
    let cast = i64::from(new.yes) + i64::from(new.no) + i64::from(new.abstain);
    if cast > quorum.attending {
        return Err(ApiError::field(
            "/yes",
            "too_many_votes",
            format!(
                "赞成、反对、弃权合计 {cast} 票，超过出席代表 {} 人。",
                quorum.attending
            ),
        ));
    }
    Ok(diesel::insert_into(votes::table)
        .values((
            votes::id.eq(Uuid::now_v7()),
            votes::agenda_item_id.eq(item.id),
            votes::subject.eq(subject.unwrap_or_default()),
            votes::office.eq(new.office.map(|o| o.as_str())),
            votes::candidate_deputy_id.eq(new.candidate_deputy_id),
            votes::yes.eq(new.yes),
            votes::no.eq(new.no),
            votes::abstain.eq(new.abstain),
            votes::recorded_by.eq(Some(user.id)),
        ))
        .returning(VoteRow::as_returning())
        .get_result(conn)?)
}

/// A vote's wire form, judged against the deputies in office on the session's date.
pub fn vote_to_wire(v: &VoteRow, in_office: i64) -> Vote {
    let yes = i64::from(v.yes);
    Vote {
        id: v.id,
        agenda_item_id: v.agenda_item_id,
        subject: v.subject.clone(),
        office: v.office.as_deref().and_then(Office::parse),
        candidate_deputy_id: v.candidate_deputy_id,
        yes: v.yes,
        no: v.no,
        abstain: v.abstain,
        in_office,
        required: rules::vote_required(in_office),
        passed: rules::vote_passes(yes, in_office),
        explanation: rules::vote_explanation(yes, in_office),
        recorded_at: v.recorded_at,
    }
}

/// The outcome of a session: quorum, agenda with votes, and who was elected.
pub fn outcome(
    conn: &mut PgConnection,
    activity: &ActivityRow,
) -> Result<SessionOutcome, ApiError> {
    ensure_session(activity)?;
    let quorum = rules::quorum(conn, activity)?;
    let items: Vec<AgendaItemRow> = agenda_items::table
        .filter(agenda_items::activity_id.eq(activity.id))
        .order(agenda_items::position)
        .select(AgendaItemRow::as_select())
        .load(conn)?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let vote_rows: Vec<VoteRow> = votes::table
        .filter(votes::agenda_item_id.eq_any(&ids))
        .order((votes::recorded_at, votes::id))
        .select(VoteRow::as_select())
        .load(conn)?;
    let (mut presidium, mut other_elected) = (vec![], vec![]);
    let agenda = items
        .iter()
        .map(|i| {
            let votes: Vec<Vote> = vote_rows
                .iter()
                .filter(|v| v.agenda_item_id == i.id)
                .map(|v| vote_to_wire(v, quorum.in_office))
                .collect();
            for v in votes.iter().filter(|v| v.passed) {
                if let Some(office) = v.office {
                    let e = Elected {
                        office,
                        name: v.subject.clone(),
                        candidate_deputy_id: v.candidate_deputy_id,
                        vote_id: v.id,
                        yes: v.yes,
                        in_office: v.in_office,
                    };
                    if office.on_presidium() {
                        presidium.push(e);
                    } else {
                        other_elected.push(e);
                    }
                }
            }
            Ok(AgendaItem {
                id: i.id,
                activity_id: i.activity_id,
                position: i.position,
                title: i.title.clone(),
                kind: AgendaItemKind::parse(&i.kind)
                    .ok_or_else(|| ApiError::Internal(format!("bad agenda kind {}", i.kind)))?,
                votes,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(SessionOutcome {
        quorum,
        agenda,
        presidium,
        other_elected,
    })
}

/// Every activity a deputy was invited to (newest first), with their attendance.
pub fn deputy_activities(
    conn: &mut PgConnection,
    user: &AuthUser,
    deputy: Uuid,
) -> Result<Vec<DeputyActivity>, ApiError> {
    let rows: Vec<(ActivityRow, String, String)> = attendances::table
        .inner_join(activities::table)
        .filter(attendances::deputy_id.eq(deputy))
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .order((activities::starts_at.desc(), activities::id))
        .select((
            ActivityRow::as_select(),
            attendances::capacity,
            attendances::status,
        ))
        .load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0.id).collect();
    let leaves: HashMap<Uuid, String> = leave_requests::table
        .filter(leave_requests::deputy_id.eq(deputy))
        .filter(leave_requests::activity_id.eq_any(&ids))
        .order(leave_requests::requested_at)
        .select((leave_requests::activity_id, leave_requests::status))
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .collect();
    let mut tzs: HashMap<Uuid, chrono_tz::Tz> = HashMap::new();
    let mut out = vec![];
    for (a, capacity, status) in rows {
        let tz = match tzs.get(&a.congress_id) {
            Some(t) => *t,
            None => {
                let t = congress_tz(conn, a.congress_id)?;
                tzs.insert(a.congress_id, t);
                t
            }
        };
        out.push(DeputyActivity {
            activity_id: a.id,
            kind: a.kind()?,
            title: a.title.clone(),
            status: a.status()?,
            starts_at: a.starts_at,
            date: local_date(a.starts_at, tz),
            capacity: Capacity::parse(&capacity).unwrap_or(Capacity::Member),
            attendance: AttendanceStatus::parse(&status).unwrap_or(AttendanceStatus::Invited),
            leave: leaves.get(&a.id).and_then(|s| LeaveStatus::parse(s)),
        });
    }
    Ok(out)
}

/// A member's attendance at a held activity: deputy, term, congress, start, status.
type RateRow = (Option<Uuid>, Option<Uuid>, Uuid, DateTime<Utc>, String);

/// Attendance rates of members at held activities (held, summarised, archived), grouped
/// by deputy, deputy group or term. A deputy sees only their own row.
pub fn rates(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &RateQuery,
) -> Result<Vec<AttendanceRate>, ApiError> {
    let mut query = attendances::table
        .inner_join(activities::table)
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .filter(activities::status.eq_any(["held", "summarised", "archived"]))
        .filter(attendances::capacity.eq(Capacity::Member.as_str()))
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(activities::congress_id.eq(c));
    }
    if let Some(k) = q.kind {
        query = query.filter(activities::kind.eq(k.as_str()));
    }
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    if let Some(f) = q.from {
        query = query.filter(activities::starts_at.ge(midnight(f, tz)));
    }
    if let Some(t) = q.to {
        query = query.filter(activities::starts_at.lt(midnight(t.succ_opt().unwrap_or(t), tz)));
    }
    if user.role == Role::Deputy {
        query = query.filter(attendances::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    let loaded: Vec<RateRow> = query
        .select((
            attendances::deputy_id,
            activities::term_id,
            activities::congress_id,
            activities::starts_at,
            attendances::status,
        ))
        .load(conn)?;
    // An activity without a term counts in the term of its congress running on its date.
    let congress_ids: Vec<Uuid> = loaded.iter().map(|r| r.2).collect();
    let mut all_terms: Vec<(Uuid, Uuid, NaiveDate)> = terms::table
        .filter(terms::congress_id.eq_any(&congress_ids))
        .select((terms::congress_id, terms::id, terms::starts_on))
        .load(conn)?;
    all_terms.sort_by_key(|t| std::cmp::Reverse(t.2));
    let rows: Vec<(Option<Uuid>, Option<Uuid>, String)> = loaded
        .into_iter()
        .map(|(deputy, term, congress, starts, status)| {
            let term = term.or_else(|| {
                let date = local_date(starts, tz);
                all_terms
                    .iter()
                    .find(|t| t.0 == congress && t.2 <= date)
                    .map(|t| t.1)
            });
            (deputy, term, status)
        })
        .filter(|r| q.term_id.is_none() || r.1 == q.term_id)
        .collect();
    let grouping = q.group_by.unwrap_or_default();
    let deputy_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.0).collect();
    let groups: HashMap<(Uuid, Uuid), Option<Uuid>> = if grouping == RateGrouping::DeputyGroup {
        mandates::table
            .filter(mandates::deputy_id.eq_any(&deputy_ids))
            .select((
                mandates::deputy_id,
                mandates::term_id,
                mandates::deputy_group_id,
            ))
            .load::<(Uuid, Uuid, Option<Uuid>)>(conn)?
            .into_iter()
            .map(|(d, t, g)| ((d, t), g))
            .collect()
    } else {
        HashMap::new()
    };
    let mut acc: HashMap<Option<Uuid>, AttendanceRate> = HashMap::new();
    for (deputy, term, status) in rows {
        let key = match grouping {
            RateGrouping::Deputy => deputy,
            RateGrouping::Term => term,
            RateGrouping::DeputyGroup => match (deputy, term) {
                (Some(d), Some(t)) => groups.get(&(d, t)).copied().flatten(),
                _ => None,
            },
        };
        let r = acc.entry(key).or_insert_with(|| AttendanceRate {
            key,
            name: String::new(),
            invited: 0,
            present: 0,
            late: 0,
            on_leave: 0,
            absent: 0,
            not_recorded: 0,
            rate: None,
        });
        r.invited += 1;
        match AttendanceStatus::parse(&status) {
            Some(AttendanceStatus::Present) => r.present += 1,
            Some(AttendanceStatus::Late) => r.late += 1,
            Some(AttendanceStatus::OnLeave) => r.on_leave += 1,
            Some(AttendanceStatus::Absent) => r.absent += 1,
            _ => r.not_recorded += 1,
        }
    }
    let keys: Vec<Uuid> = acc.keys().flatten().copied().collect();
    let names: HashMap<Uuid, String> = match grouping {
        RateGrouping::Deputy => deputies::table
            .filter(deputies::id.eq_any(&keys))
            .select((deputies::id, deputies::name))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .collect(),
        RateGrouping::DeputyGroup => deputy_groups::table
            .filter(deputy_groups::id.eq_any(&keys))
            .select((deputy_groups::id, deputy_groups::name))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .collect(),
        RateGrouping::Term => terms::table
            .inner_join(congresses::table)
            .filter(terms::id.eq_any(&keys))
            .select((terms::id, congresses::name, terms::number))
            .load::<(Uuid, String, i32)>(conn)?
            .into_iter()
            .map(|(id, c, n)| (id, format!("{c}第{n}届")))
            .collect(),
    };
    let mut out: Vec<AttendanceRate> = acc
        .into_values()
        .map(|mut r| {
            r.name = r
                .key
                .and_then(|k| names.get(&k).cloned())
                .unwrap_or_else(|| "未分组".into());
            r.rate = (r.invited > 0).then(|| {
                let v = (r.present + r.late) as f64 / r.invited as f64;
                (v * 10_000.0).round() / 10_000.0
            });
            r
        })
        .collect();
    out.sort_by(|a, b| (&a.name, a.key).cmp(&(&b.name, b.key)));
    Ok(out)
}

/// Held activities (held, summarised, archived; never a series itself) by month and
/// kind for a year, with attendance: the figures of the office's annual report.
///
/// Errors: 422 for a year outside 1900–2200.
pub fn counts_by_month(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CountQuery,
) -> Result<Vec<ActivityCount>, ApiError> {
    if !(1900..=2200).contains(&q.year) {
        return Err(ApiError::field(
            "?year",
            "out_of_range",
            "年份须在 1900 到 2200 之间。",
        ));
    }
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    let first = NaiveDate::from_ymd_opt(q.year, 1, 1).expect("valid year");
    let next = NaiveDate::from_ymd_opt(q.year + 1, 1, 1).expect("valid year");
    let mut query = activities::table
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .filter(activities::status.eq_any(["held", "summarised", "archived"]))
        .filter(activities::rrule.is_null())
        .filter(activities::starts_at.ge(midnight(first, tz)))
        .filter(activities::starts_at.lt(midnight(next, tz)))
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(activities::congress_id.eq(c));
    }
    let rows: Vec<(Uuid, String, DateTime<Utc>)> = query
        .select((activities::id, activities::kind, activities::starts_at))
        .load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let present: Vec<(Uuid, Option<Uuid>)> = attendances::table
        .filter(attendances::activity_id.eq_any(&ids))
        .filter(attendances::status.eq_any(["present", "late"]))
        .select((attendances::activity_id, attendances::deputy_id))
        .load(conn)?;
    let mut by_activity: HashMap<Uuid, Vec<Option<Uuid>>> = HashMap::new();
    for (a, d) in present {
        by_activity.entry(a).or_default().push(d);
    }
    let mut acc: std::collections::BTreeMap<(u32, String), (i64, i64, HashSet<Uuid>)> =
        Default::default();
    for (id, kind, starts) in rows {
        use chrono::Datelike;
        let month = local_date(starts, tz).month();
        let e = acc.entry((month, kind)).or_default();
        e.0 += 1;
        let people = by_activity.remove(&id).unwrap_or_default();
        e.1 += people.len() as i64;
        e.2.extend(people.into_iter().flatten());
    }
    acc.into_iter()
        .map(|((month, kind), (held, attending, deputies))| {
            Ok(ActivityCount {
                month,
                kind: ActivityKind::parse(&kind)
                    .ok_or_else(|| ApiError::Internal(format!("bad kind {kind}")))?,
                held,
                attending,
                deputies_attending: deputies.len() as i64,
            })
        })
        .collect()
}

/// The yearly check of R2 (OL 14): sessions of a congress held in a year, against the
/// minimum of one and the usual two. 422 for a year outside 1900–2200; 404 for a congress
/// outside the caller's scope.
pub fn session_check(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &SessionCheckQuery,
) -> Result<SessionCheck, ApiError> {
    if !(1900..=2200).contains(&q.year) {
        return Err(ApiError::field(
            "?year",
            "out_of_range",
            "年份须在 1900 到 2200 之间。",
        ));
    }
    let congress = q.congress_id.unwrap_or(user.congress_id);
    crate::congresses::repo::ensure_in_scope(conn, user, congress)?;
    let tz = congress_tz(conn, congress)?;
    let first = NaiveDate::from_ymd_opt(q.year, 1, 1).expect("valid year");
    let next = NaiveDate::from_ymd_opt(q.year + 1, 1, 1).expect("valid year");
    let rows: Vec<(String, Option<String>)> = activities::table
        .filter(activities::congress_id.eq(congress))
        .filter(activities::kind.eq(ActivityKind::Session.as_str()))
        .filter(activities::starts_at.ge(midnight(first, tz)))
        .filter(activities::starts_at.lt(midnight(next, tz)))
        .select((activities::status, activities::session_kind))
        .load(conn)?;
    let held = |s: &str| matches!(s, "held" | "summarised" | "archived");
    let sessions_held = rows.iter().filter(|r| held(&r.0)).count() as i64;
    let temporary_held = rows
        .iter()
        .filter(|r| held(&r.0) && r.1.as_deref() == Some(SessionKind::Temporary.as_str()))
        .count() as i64;
    let sessions_planned = rows
        .iter()
        .filter(|r| matches!(r.0.as_str(), "planned" | "notified"))
        .count() as i64;
    let explanation = match sessions_held {
        0 => format!(
            "{} 年尚未举行人民代表大会会议（计划 {sessions_planned} 次）：乡镇人民代表大会每年至少举行一次会议（地方组织法第十四条）。",
            q.year
        ),
        1 => format!(
            "{} 年举行会议 1 次，达到每年至少一次的要求；法律规定一般每年举行两次（地方组织法第十四条）。",
            q.year
        ),
        n => format!(
            "{} 年举行会议 {n} 次（其中临时会议 {temporary_held} 次），符合每年至少一次、一般两次的规定（地方组织法第十四条）。",
            q.year
        ),
    };
    Ok(SessionCheck {
        congress_id: congress,
        year: q.year,
        sessions_held,
        temporary_held,
        sessions_planned,
        meets_minimum: sessions_held >= 1,
        generally_twice: sessions_held >= 2,
        explanation,
    })
}
