//! Queries of invitations: who a request names, as members or observers, and the rows
//! inserted or withdrawn.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::{ensure_in_scope, scope};
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::models::*;
use crate::meetings::shared::{congress_tz, ensure_activity, ensure_open, fault};
use crate::schema::{attendances, delegations, deputies, deputy_groups, mandates};
use chrono::NaiveDate;
use diesel::pg::Pg;
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::HashSet;
use uuid::Uuid;

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
    let date = local_date(activity.starts_at, congress_tz(conn, activity.congress_id)?);
    let mut wanted = by_unit(conn, user, req, date, &mut errors)?;
    wanted.extend(hand_picked(conn, user, req, &mut errors)?);
    let guests = guests(req, &mut errors);
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
    let members = members_among(conn, activity, &wanted, date)?;
    let mut report = InvitationReport {
        invited_members: 0,
        invited_observers: 0,
        added_guests: guests.len() as i64,
        already_invited: existing.len() as i64,
    };
    let new: Vec<Uuid> = wanted
        .into_iter()
        .filter(|d| !existing.contains(d))
        .collect();
    insert_deputies(conn, activity.id, &new, &members, &mut report)?;
    insert_guests(conn, activity.id, guests)?;
    Ok(report)
}

/// The deputies in office on `date` of the congress, delegation and deputy group the
/// request names; each one outside the caller's scope is a field error.
fn by_unit(
    conn: &mut PgConnection,
    user: &AuthUser,
    req: &InvitationRequest,
    date: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> QueryResult<Vec<Uuid>> {
    let mut wanted = vec![];
    if let Some(c) = req.congress_id {
        if ensure_in_scope(conn, user, c).is_err() {
            errors.push(fault(
                "/congress_id",
                "not_found",
                "代表大会不存在或不在您的权限范围内。",
            ));
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
            errors.push(fault(
                "/delegation_id",
                "not_found",
                "代表团不存在或不在您的权限范围内。",
            ));
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
            errors.push(fault(
                "/deputy_group_id",
                "not_found",
                "代表小组不存在或不在您的权限范围内。",
            ));
        }
    }
    Ok(wanted)
}

/// The hand-picked deputies in the caller's scope; each other one is a field error.
fn hand_picked(
    conn: &mut PgConnection,
    user: &AuthUser,
    req: &InvitationRequest,
    errors: &mut Vec<FieldError>,
) -> QueryResult<Vec<Uuid>> {
    if req.deputy_ids.is_empty() {
        return Ok(vec![]);
    }
    let known: HashSet<Uuid> = deputies::table
        .filter(deputies::id.eq_any(&req.deputy_ids))
        .filter(deputies::congress_id.eq_any(scope(user.congress_id)))
        .select(deputies::id)
        .load::<Uuid>(conn)?
        .into_iter()
        .collect();
    let mut wanted = vec![];
    for (i, d) in req.deputy_ids.iter().enumerate() {
        if known.contains(d) {
            wanted.push(*d);
        } else {
            errors.push(fault(
                format!("/deputy_ids/{i}"),
                "not_found",
                "代表不存在或不在您的权限范围内。",
            ));
        }
    }
    Ok(wanted)
}

/// The guests' names and affiliations, checked.
fn guests(req: &InvitationRequest, errors: &mut Vec<FieldError>) -> Vec<(String, Option<String>)> {
    let mut guests = vec![];
    for (i, o) in req.observers.iter().enumerate() {
        let name = text(
            errors,
            &format!("/observers/{i}/name"),
            Some(&o.name),
            50,
            true,
        );
        let affiliation = text(
            errors,
            &format!("/observers/{i}/affiliation"),
            o.affiliation.as_deref(),
            200,
            false,
        );
        guests.push((name.unwrap_or_default(), affiliation));
    }
    guests
}

/// Those of `wanted` with a mandate in office on `date` in the activity's congress (and
/// term, when it has one): they attend as members.
fn members_among(
    conn: &mut PgConnection,
    activity: &ActivityRow,
    wanted: &[Uuid],
    date: NaiveDate,
) -> QueryResult<HashSet<Uuid>> {
    let mut member_query = mandates::table
        .filter(mandates::deputy_id.eq_any(wanted))
        .filter(mandates::congress_id.eq(activity.congress_id))
        .filter(in_office_on(date))
        .into_boxed();
    if let Some(t) = activity.term_id {
        member_query = member_query.filter(mandates::term_id.eq(t));
    }
    Ok(member_query
        .select(mandates::deputy_id)
        .load::<Uuid>(conn)?
        .into_iter()
        .collect())
}

/// Invites `new` deputies to `activity`, as members when in `members`, else as
/// observers, counting them in `report`.
fn insert_deputies(
    conn: &mut PgConnection,
    activity: Uuid,
    new: &[Uuid],
    members: &HashSet<Uuid>,
    report: &mut InvitationReport,
) -> QueryResult<()> {
    let new_rows: Vec<_> = new
        .iter()
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
                attendances::activity_id.eq(activity),
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
    Ok(())
}

/// Invites the guests (observers who are not deputies).
fn insert_guests(
    conn: &mut PgConnection,
    activity: Uuid,
    guests: Vec<(String, Option<String>)>,
) -> QueryResult<()> {
    for (name, affiliation) in guests {
        diesel::insert_into(attendances::table)
            .values((
                attendances::id.eq(Uuid::now_v7()),
                attendances::activity_id.eq(activity),
                attendances::capacity.eq(Capacity::Observer.as_str()),
                attendances::observer_name.eq(Some(name)),
                attendances::observer_affiliation.eq(affiliation),
            ))
            .execute(conn)?;
    }
    Ok(())
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
