//! Queries of the calendar: the range asked for, the activities in it, and the
//! occurrences of recurring series.

use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::meetings::models::*;
use crate::meetings::recurrence;
use crate::meetings::shared::{congress_tz, midnight, visible, Zones};
use crate::schema::{activities, attendances};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A date range of the calendar, as instants in a time zone: `[from 00:00, to+1 00:00)`.
pub struct Range {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
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
pub fn in_range(
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
    let taken = taken_out(conn, &series)?;
    let mine = my_attendance(conn, user)?;
    let mut zones = Zones::default();
    let mut out = vec![];
    for a in &singles {
        let tz = zones.of(conn, a.congress_id)?;
        let (start, end) = (a.starts_at, a.ends_at);
        out.push(entry(a, a.status()?, (start, end), tz, false, &mine)?);
    }
    for s in &series {
        let status = s.status()?;
        if q.status.is_some_and(|w| w != status) {
            continue;
        }
        let tz = zones.of(conn, s.congress_id)?;
        let Some(rule) = s.rrule.as_deref() else {
            continue;
        };
        let set = recurrence::rule_set(rule, s.starts_at, tz).map_err(ApiError::Internal)?;
        let duration = s.ends_at - s.starts_at;
        for start in recurrence::occurrences(set, r.from - duration, r.to) {
            if taken.contains(&(s.id, start)) || start + duration < r.from {
                continue;
            }
            out.push(entry(
                s,
                status,
                (start, start + duration),
                tz,
                true,
                &mine,
            )?);
        }
    }
    out.sort_by_key(|e| (e.starts_at, e.activity_id));
    Ok(out)
}

/// The occurrences already taken out of `series`: (series, occurrence start).
fn taken_out(
    conn: &mut PgConnection,
    series: &[ActivityRow],
) -> QueryResult<HashSet<(Uuid, DateTime<Utc>)>> {
    let series_ids: Vec<Uuid> = series.iter().map(|s| s.id).collect();
    Ok(activities::table
        .filter(activities::series_id.eq_any(&series_ids))
        .select((activities::series_id, activities::occurrence_start))
        .load::<(Option<Uuid>, Option<DateTime<Utc>>)>(conn)?
        .into_iter()
        .filter_map(|(s, o)| Some((s?, o?)))
        .collect())
}

/// A deputy's own attendance by activity (empty for other roles).
fn my_attendance(
    conn: &mut PgConnection,
    user: &AuthUser,
) -> QueryResult<HashMap<Uuid, AttendanceStatus>> {
    Ok(match (user.role, user.deputy_id) {
        (Role::Deputy, Some(me)) => attendances::table
            .filter(attendances::deputy_id.eq(me))
            .select((attendances::activity_id, attendances::status))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .filter_map(|(a, s)| Some((a, AttendanceStatus::parse(&s)?)))
            .collect(),
        _ => HashMap::new(),
    })
}

/// The calendar entry of `a` over `times` (start, end): the activity itself, or with
/// `virtual_occurrence` one occurrence of the series `a` still in it.
fn entry(
    a: &ActivityRow,
    status: ActivityStatus,
    (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>),
    tz: chrono_tz::Tz,
    virtual_occurrence: bool,
    mine: &HashMap<Uuid, AttendanceStatus>,
) -> Result<CalendarEntry, ApiError> {
    let (series_id, occurrence_start) = if virtual_occurrence {
        (Some(a.id), Some(starts_at))
    } else {
        (a.series_id, a.occurrence_start)
    };
    Ok(CalendarEntry {
        activity_id: a.id,
        congress_id: a.congress_id,
        series_id,
        occurrence_start,
        virtual_occurrence,
        kind: a.kind()?,
        title: a.title.clone(),
        status,
        starts_at,
        ends_at,
        date: local_date(starts_at, tz),
        place: a.place.clone(),
        my_attendance: mine.get(&a.id).copied(),
    })
}
