//! Queries of the attendance views: a deputy's activities, rates by deputy, group or term,
//! and held activities by month and kind.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::meetings::models::*;
use crate::meetings::shared::{check_year, congress_tz, midnight, year_bounds, Zones};
use crate::schema::{
    activities, attendances, congresses, deputies, deputy_groups, leave_requests, mandates, terms,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

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
    let mut zones = Zones::default();
    let mut out = vec![];
    for (a, capacity, status) in rows {
        let tz = zones.of(conn, a.congress_id)?;
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

/// A member's attendance as counted: deputy, term (the activity's, or its congress's
/// running on its date), status.
type Counted = (Option<Uuid>, Option<Uuid>, String);

/// Attendance rates of members at held activities (held, summarised, archived), grouped
/// by deputy, deputy group or term. A deputy sees only their own row.
pub fn rates(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &RateQuery,
) -> Result<Vec<AttendanceRate>, ApiError> {
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    let loaded = held_attendance(conn, user, q, tz)?;
    let rows = with_terms(conn, loaded, q, tz)?;
    let grouping = q.group_by.unwrap_or_default();
    let groups = deputy_groups_of(conn, &rows, grouping)?;
    let acc = tally(rows, grouping, &groups);
    let keys: Vec<Uuid> = acc.keys().flatten().copied().collect();
    let names = group_names(conn, grouping, &keys)?;
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

/// Members' attendance at held activities in scope, with the query's filters (dates in
/// `tz`); a deputy's own only.
fn held_attendance(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &RateQuery,
    tz: chrono_tz::Tz,
) -> QueryResult<Vec<RateRow>> {
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
    if let Some(f) = q.from {
        query = query.filter(activities::starts_at.ge(midnight(f, tz)));
    }
    if let Some(t) = q.to {
        query = query.filter(activities::starts_at.lt(midnight(t.succ_opt().unwrap_or(t), tz)));
    }
    if user.role == Role::Deputy {
        query = query.filter(attendances::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    query
        .select((
            attendances::deputy_id,
            activities::term_id,
            activities::congress_id,
            activities::starts_at,
            attendances::status,
        ))
        .load(conn)
}

/// The rows with their terms, kept when in the query's term: an activity without a term
/// counts in the term of its congress running on its date.
fn with_terms(
    conn: &mut PgConnection,
    loaded: Vec<RateRow>,
    q: &RateQuery,
    tz: chrono_tz::Tz,
) -> QueryResult<Vec<Counted>> {
    let congress_ids: Vec<Uuid> = loaded.iter().map(|r| r.2).collect();
    let mut all_terms: Vec<(Uuid, Uuid, NaiveDate)> = terms::table
        .filter(terms::congress_id.eq_any(&congress_ids))
        .select((terms::congress_id, terms::id, terms::starts_on))
        .load(conn)?;
    all_terms.sort_by_key(|t| std::cmp::Reverse(t.2));
    Ok(loaded
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
        .collect())
}

/// The deputy group of each (deputy, term), when grouping by deputy group.
fn deputy_groups_of(
    conn: &mut PgConnection,
    rows: &[Counted],
    grouping: RateGrouping,
) -> QueryResult<HashMap<(Uuid, Uuid), Option<Uuid>>> {
    if grouping != RateGrouping::DeputyGroup {
        return Ok(HashMap::new());
    }
    let deputy_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.0).collect();
    Ok(mandates::table
        .filter(mandates::deputy_id.eq_any(&deputy_ids))
        .select((
            mandates::deputy_id,
            mandates::term_id,
            mandates::deputy_group_id,
        ))
        .load::<(Uuid, Uuid, Option<Uuid>)>(conn)?
        .into_iter()
        .map(|(d, t, g)| ((d, t), g))
        .collect())
}

/// The counts by group key (a deputy, deputy group or term; `None`: ungrouped), names
/// and rates not yet filled in.
fn tally(
    rows: Vec<Counted>,
    grouping: RateGrouping,
    groups: &HashMap<(Uuid, Uuid), Option<Uuid>>,
) -> HashMap<Option<Uuid>, AttendanceRate> {
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
    acc
}

/// The names of the group keys: deputies, deputy groups, or terms (`<congress>第N届`).
fn group_names(
    conn: &mut PgConnection,
    grouping: RateGrouping,
    keys: &[Uuid],
) -> QueryResult<HashMap<Uuid, String>> {
    Ok(match grouping {
        RateGrouping::Deputy => deputies::table
            .filter(deputies::id.eq_any(keys))
            .select((deputies::id, deputies::name))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .collect(),
        RateGrouping::DeputyGroup => deputy_groups::table
            .filter(deputy_groups::id.eq_any(keys))
            .select((deputy_groups::id, deputy_groups::name))
            .load::<(Uuid, String)>(conn)?
            .into_iter()
            .collect(),
        RateGrouping::Term => terms::table
            .inner_join(congresses::table)
            .filter(terms::id.eq_any(keys))
            .select((terms::id, congresses::name, terms::number))
            .load::<(Uuid, String, i32)>(conn)?
            .into_iter()
            .map(|(id, c, n)| (id, format!("{c}第{n}届")))
            .collect(),
    })
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
    check_year(q.year)?;
    let tz = congress_tz(conn, q.congress_id.unwrap_or(user.congress_id))?;
    let (first, next) = year_bounds(q.year, tz);
    let mut query = activities::table
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .filter(activities::status.eq_any(["held", "summarised", "archived"]))
        .filter(activities::rrule.is_null())
        .filter(activities::starts_at.ge(first))
        .filter(activities::starts_at.lt(next))
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
