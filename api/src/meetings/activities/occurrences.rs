//! Occurrences taken out of a recurring series, as activities of their own.

use crate::error::ApiError;
use crate::meetings::models::*;
use crate::meetings::recurrence;
use crate::meetings::shared::{congress_tz, ensure_open};
use crate::schema::{activities, attendances};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use uuid::Uuid;

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
    let row = insert_occurrence(conn, series, start)?;
    copy_invitations(conn, series.id, row.id)?;
    Ok((row, true))
}

/// Inserts the occurrence of `series` starting at `start`: the series' fields, its own
/// times, status `notified` when the series is, else `planned`.
fn insert_occurrence(
    conn: &mut PgConnection,
    series: &ActivityRow,
    start: DateTime<Utc>,
) -> QueryResult<ActivityRow> {
    let duration = series.ends_at - series.starts_at;
    let status = if series.status == ActivityStatus::Notified.as_str() {
        ActivityStatus::Notified
    } else {
        ActivityStatus::Planned
    };
    diesel::insert_into(activities::table)
        .values((
            activities::id.eq(Uuid::now_v7()),
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
        .get_result(conn)
}

/// Copies the invitations of `series` (not their attendance) to the occurrence `id`.
fn copy_invitations(conn: &mut PgConnection, series: Uuid, id: Uuid) -> QueryResult<()> {
    let invited: Vec<Invitee> = attendances::table
        .filter(attendances::activity_id.eq(series))
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
    Ok(())
}
