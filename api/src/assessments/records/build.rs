//! Building records: the period asked for, the term a record is kept under, one deputy's
//! whole record, and a page of the list (counts of many deputies in one statement).

use super::super::access::{reads_scope, DeputyRef};
use super::{counts, lines};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::http::today;
use crate::paging::limit;
use crate::schema::{mandates, terms};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Uuid as SqlUuid};
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    CongressId, DeputyId, PerformanceRecord, PerformanceSummary, PerformanceSummaryPage, Period,
    RateMetric, RecordListQuery, Refusal, TermId,
};

/// The longest period a record covers, in years.
pub const MAX_YEARS: u32 = 5;

fn bad(pointer: &str, m: impl Into<renda_openapi::messages::Message>) -> ApiError {
    Refusal::invalid(pointer, m).into()
}

/// The years a record may be asked for: 2000–2100.
fn years_out_of_range() -> CommonMessage {
    CommonMessage::OutOfRange {
        min: 2000.0,
        max: 2100.0,
    }
}

/// The period of a query: `from`–`to` (both in 2000–2100, at most five years apart), or
/// `year` (default the current year in China Standard Time, 2000–2100) with an optional
/// `quarter` (1–4).
///
/// Errors: 422 at `?from`/`?to` (one without the other, outside 2000–2100, reversed,
/// `period_too_long`),
/// `?year` (out of range, or given with `from`–`to`), `?quarter` (out of 1–4).
pub fn period(
    year: Option<i32>,
    quarter: Option<u32>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Period, ApiError> {
    match (from, to) {
        (Some(from), Some(to)) => {
            if year.is_some() || quarter.is_some() {
                return Err(bad("?year", CommonMessage::InvalidValue));
            }
            for (pointer, day) in [("?from", from), ("?to", to)] {
                if !(2000..=2100).contains(&day.year()) {
                    return Err(bad(pointer, years_out_of_range()));
                }
            }
            if to < from {
                return Err(bad("?to", CommonMessage::EndBeforeStart));
            }
            let limit = from
                .with_year(from.year() + MAX_YEARS as i32)
                .unwrap_or(from);
            if to >= limit {
                return Err(bad("?to", M::PeriodTooLong { years: MAX_YEARS }));
            }
            Ok(Period { from, to })
        }
        (Some(_), None) => Err(bad("?to", CommonMessage::Required)),
        (None, Some(_)) => Err(bad("?from", CommonMessage::Required)),
        (None, None) => {
            let y = year.unwrap_or_else(|| today().year());
            if !(2000..=2100).contains(&y) {
                return Err(bad("?year", years_out_of_range()));
            }
            match quarter {
                None => Period::year(y),
                Some(q) => Period::quarter(y, q),
            }
            .ok_or_else(|| bad("?quarter", CommonMessage::OutOfRange { min: 1.0, max: 4.0 }))
        }
    }
}

/// The term a deputy's record is kept under: `asked` if the deputy holds a mandate in it,
/// else their latest mandate that is not terminated (the latest of all when every one is).
///
/// Errors: 422 `not_a_deputy_of_the_term` at `?term_id`.
pub fn term_of(
    conn: &mut PgConnection,
    deputy: DeputyId,
    asked: Option<TermId>,
) -> Result<TermId, ApiError> {
    let mut q = mandates::table
        .inner_join(terms::table.on(terms::id.eq(mandates::term_id)))
        .filter(mandates::deputy_id.eq(deputy))
        .select(mandates::term_id)
        .order((mandates::status.eq("terminated"), terms::starts_on.desc()))
        .into_boxed();
    if let Some(t) = asked {
        q = q.filter(mandates::term_id.eq(t));
    }
    q.first::<TermId>(conn)
        .optional()?
        .ok_or_else(|| bad("?term_id", M::NotADeputyOfTheTerm))
}

/// The congress of a term in the caller's scope.
///
/// Errors: 404 `not_in_scope`.
pub fn term_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    term: TermId,
) -> Result<CongressId, ApiError> {
    terms::table
        .find(term)
        .filter(terms::congress_id.eq_any(scope(user.congress_id)))
        .select(terms::congress_id)
        .first::<CongressId>(conn)
        .optional()?
        .ok_or_else(|| Refusal::not_found(CommonMessage::NotInScope).into())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Open correction requests of the deputy against lines of the period: attendance claims
/// on activities in it, other claims filed in it.
fn open_corrections(conn: &mut PgConnection, deputy: DeputyId, period: Period) -> QueryResult<u32> {
    let c: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM correction_requests c LEFT JOIN activities a ON a.id = c.activity_id \
         WHERE c.deputy_id = $1 AND c.status = 'open' AND coalesce( \
           (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date, \
           (c.created_at AT TIME ZONE 'Asia/Shanghai')::date) BETWEEN $2 AND $3",
    )
    .bind::<SqlUuid, _>(deputy)
    .bind::<Date, _>(period.from)
    .bind::<Date, _>(period.to)
    .get_result(conn)?;
    Ok(u32::try_from(c.n).unwrap_or(u32::MAX))
}

/// One deputy's record under `term` for `period`: their place in the term, the counts
/// (the statement of [`counts`]), rates, every section's lines and the open corrections.
///
/// Errors: 422 `not_a_deputy_of_the_term` when their mandate in it is terminated.
pub fn record(
    conn: &mut PgConnection,
    deputy: &DeputyRef,
    term: TermId,
    period: Period,
) -> Result<PerformanceRecord, ApiError> {
    let brief = counts::assessed(conn, term, Some(&[deputy.id]), None)?
        .pop()
        .ok_or_else(|| bad("?term_id", M::NotADeputyOfTheTerm))?;
    let counts = counts::for_deputies(conn, term, period, &[deputy.id])?
        .remove(&deputy.id)
        .unwrap_or_default();
    let rates = RateMetric::ALL
        .iter()
        .filter_map(|&r| counts.rate(r).map(|v| (r, (v * 100.0).round() / 100.0)))
        .collect();
    Ok(PerformanceRecord {
        deputy: brief,
        period,
        rates,
        sections: lines::sections(conn, deputy.id, deputy.congress_id, period)?,
        open_corrections: open_corrections(conn, deputy.id, period)?,
        counts,
    })
}

/// The rows of the list: the term's deputies by name (filtered by group and name), a
/// page of them after `cursor` (a deputy id) of at most `limit` rows (`None`: all), with
/// their counts in one statement.
///
/// Errors: 403 `role_may_not` for deputies and handling organisations; 404 for a term out
/// of scope; 422 for a bad period, limit or cursor.
pub fn page(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &RecordListQuery,
    all: bool,
) -> Result<PerformanceSummaryPage, ApiError> {
    if !reads_scope(user) {
        return Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into());
    }
    let period = period(q.year, q.quarter, q.from, q.to)?;
    let size = if all { None } else { Some(limit(q.limit)?) };
    term_in_scope(conn, user, q.term_id)?;
    let mut deputies = counts::assessed(conn, q.term_id, None, q.deputy_group_id)?;
    if let Some(name) = q.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        deputies.retain(|d| d.name.contains(name));
    }
    if let Some(c) = q.cursor.as_deref() {
        let after: uuid::Uuid = c
            .parse()
            .map_err(|_| bad("?cursor", CommonMessage::InvalidValue))?;
        let at = deputies
            .iter()
            .position(|d| d.deputy_id.0 == after)
            .ok_or_else(|| bad("?cursor", CommonMessage::InvalidValue))?;
        deputies.drain(..=at);
    }
    let mut next_cursor = None;
    if let Some(n) = size.map(|n| n as usize) {
        if deputies.len() > n {
            deputies.truncate(n);
            next_cursor = deputies.last().map(|d| d.deputy_id.0.to_string());
        }
    }
    let ids: Vec<DeputyId> = deputies.iter().map(|d| d.deputy_id).collect();
    let mut counts = counts::for_deputies(conn, q.term_id, period, &ids)?;
    let items = deputies
        .into_iter()
        .map(|deputy| PerformanceSummary {
            counts: counts.remove(&deputy.deputy_id).unwrap_or_default(),
            deputy,
        })
        .collect();
    Ok(PerformanceSummaryPage {
        period,
        items,
        next_cursor,
    })
}
