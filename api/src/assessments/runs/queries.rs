//! Queries of assessment runs: rows and their wire form, who sees a run, the list, the
//! creation and the writes of each step.

use super::super::access::reads_scope;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{
    assessment_objections, assessment_ratings, assessment_runs, assessment_schemes,
    assessment_scores, terms,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    AssessmentRun, AssessmentRunId, AssessmentSchemeId, CongressId, ObjectionStatus,
    OutstandingProposal, Period, PeriodKind, Refusal, RunInput, RunListQuery, RunPage, RunStatus,
    TermId,
};
use std::collections::HashMap;

/// A row of `assessment_runs`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = assessment_runs)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct RunRow {
    pub id: AssessmentRunId,
    pub congress_id: CongressId,
    pub term_id: TermId,
    pub scheme_id: AssessmentSchemeId,
    pub name: String,
    pub period_kind: PeriodKind,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub status: RunStatus,
    pub publish_to_all: bool,
    pub objections_until: Option<NaiveDate>,
    pub computed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub frozen_at: Option<DateTime<Utc>>,
    pub proposal: Option<serde_json::Value>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RunRow {
    /// The period assessed.
    pub fn period(&self) -> Period {
        Period {
            from: self.period_from,
            to: self.period_to,
        }
    }

    /// The year the run is for.
    pub fn year(&self) -> i32 {
        self.period_from.year()
    }
}

/// Whether a deputy (or any role that does not read the whole scope) sees the run: once
/// it is published or frozen. The office and the presidium see every run of their scope.
pub fn visible(user: &AuthUser, run: &RunRow) -> bool {
    reads_scope(user) || matches!(run.status, RunStatus::Published | RunStatus::Frozen)
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// A run of the caller's scope, locked when `lock` (no check of its visibility: see
/// [`visible`]).
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: AssessmentRunId,
    lock: bool,
) -> Result<RunRow, ApiError> {
    let q = assessment_runs::table
        .find(id)
        .filter(assessment_runs::congress_id.eq_any(scope(user.congress_id)))
        .select(RunRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    row.ok_or_else(not_found)
}

/// A run the caller sees (see [`visible`]).
///
/// Errors: 404 `not_in_scope`, also for a draft run asked for by a deputy.
pub fn find_visible(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: AssessmentRunId,
) -> Result<RunRow, ApiError> {
    let row = find(conn, user, id, false)?;
    if visible(user, &row) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// A run the caller sees, share-locked for a write that depends on its state (an
/// objection, a rater score): a step that changes the state takes the row for update, so
/// the write waits for the step and then reads the state it left (an objection filed
/// while the run freezes is refused), and the step waits for the write.
///
/// Errors: 404 `not_in_scope`, also for a draft run asked for by a deputy.
pub fn find_visible_shared(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: AssessmentRunId,
) -> Result<RunRow, ApiError> {
    let row = assessment_runs::table
        .find(id)
        .filter(assessment_runs::congress_id.eq_any(scope(user.congress_id)))
        .select(RunRow::as_select())
        .for_share()
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    if visible(user, &row) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// How many rater scores of each run were given (or changed) after its last computation
/// (all of them before the first), in one query.
pub fn ratings_since_compute(
    conn: &mut PgConnection,
    ids: &[AssessmentRunId],
) -> QueryResult<HashMap<AssessmentRunId, i64>> {
    Ok(assessment_ratings::table
        .inner_join(assessment_runs::table.on(assessment_runs::id.eq(assessment_ratings::run_id)))
        .filter(assessment_ratings::run_id.eq_any(ids))
        .filter(
            assessment_runs::computed_at
                .is_null()
                .or(assessment_ratings::rated_at
                    .nullable()
                    .gt(assessment_runs::computed_at)),
        )
        .group_by(assessment_ratings::run_id)
        .select((assessment_ratings::run_id, diesel::dsl::count_star()))
        .load::<(AssessmentRunId, i64)>(conn)?
        .into_iter()
        .collect())
}

/// The wire form of rows: scheme names, counts of scores, open objections and rater
/// scores since the last computation in four queries for any number of rows.
pub fn to_wire(conn: &mut PgConnection, rows: Vec<RunRow>) -> Result<Vec<AssessmentRun>, ApiError> {
    let ids: Vec<AssessmentRunId> = rows.iter().map(|r| r.id).collect();
    let schemes: Vec<AssessmentSchemeId> = rows.iter().map(|r| r.scheme_id).collect();
    let names: HashMap<AssessmentSchemeId, String> = assessment_schemes::table
        .filter(assessment_schemes::id.eq_any(&schemes))
        .select((assessment_schemes::id, assessment_schemes::name))
        .load::<(AssessmentSchemeId, String)>(conn)?
        .into_iter()
        .collect();
    let scored: HashMap<AssessmentRunId, i64> = assessment_scores::table
        .filter(assessment_scores::run_id.eq_any(&ids))
        .group_by(assessment_scores::run_id)
        .select((assessment_scores::run_id, diesel::dsl::count_star()))
        .load::<(AssessmentRunId, i64)>(conn)?
        .into_iter()
        .collect();
    let open: HashMap<AssessmentRunId, i64> = assessment_objections::table
        .filter(assessment_objections::run_id.eq_any(&ids))
        .filter(assessment_objections::status.eq(ObjectionStatus::Open))
        .group_by(assessment_objections::run_id)
        .select((assessment_objections::run_id, diesel::dsl::count_star()))
        .load::<(AssessmentRunId, i64)>(conn)?
        .into_iter()
        .collect();
    let since = ratings_since_compute(conn, &ids)?;
    rows.into_iter()
        .map(|r| {
            let proposal: Option<OutstandingProposal> = r
                .proposal
                .clone()
                .map(serde_json::from_value)
                .transpose()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            Ok(AssessmentRun {
                id: r.id,
                congress_id: r.congress_id,
                term_id: r.term_id,
                scheme_id: r.scheme_id,
                scheme_name: names.get(&r.scheme_id).cloned().unwrap_or_default(),
                name: r.name.clone(),
                period_kind: r.period_kind,
                period: r.period(),
                status: r.status,
                publish_to_all: r.publish_to_all,
                objections_until: r.objections_until,
                scored: scored.get(&r.id).copied().unwrap_or(0) as u32,
                computed_at: r.computed_at,
                published_at: r.published_at,
                frozen_at: r.frozen_at,
                open_objections: open.get(&r.id).copied().unwrap_or(0) as u32,
                ratings_since_compute: since.get(&r.id).copied().unwrap_or(0) as u32,
                proposal,
                created_at: r.created_at,
                updated_at: r.updated_at,
                version: r.version,
            })
        })
        .collect()
}

/// One row's wire form.
pub fn one(conn: &mut PgConnection, row: RunRow) -> Result<AssessmentRun, ApiError> {
    to_wire(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::Internal("run lost".into()))
}

/// Checks an input: `/name` 1–100 characters without control characters, `/year` 2000–2100, `/quarter` 1–4; the
/// period it gives.
pub fn check(input: &RunInput) -> Result<(PeriodKind, Period), ApiError> {
    let mut faults = vec![];
    let n = input.name.trim().chars().count();
    if n == 0 {
        faults.push(Refusal::invalid("/name", CommonMessage::Required));
    } else if n > 100 {
        faults.push(Refusal::invalid(
            "/name",
            CommonMessage::TooLong { max: 100 },
        ));
    } else if renda_openapi::validation::has_control_chars(&input.name, false) {
        faults.push(Refusal::invalid("/name", CommonMessage::InvalidCharacters));
    }
    let range = |min: f64, max: f64| CommonMessage::OutOfRange { min, max };
    if !(2000..=2100).contains(&input.year) {
        faults.push(Refusal::invalid("/year", range(2000.0, 2100.0)));
    }
    let period = match input.quarter {
        None => Period::year(input.year).map(|p| (PeriodKind::Year, p)),
        Some(q) => Period::quarter(input.year, q).map(|p| (PeriodKind::Quarter, p)),
    };
    if input.quarter.is_some() && period.is_none() {
        faults.push(Refusal::invalid("/quarter", range(1.0, 4.0)));
    }
    super::super::access::faults(faults)?;
    period.ok_or_else(|| ApiError::Internal("no period".into()))
}

/// Writes a new run (draft) of the term's congress with the scheme version.
///
/// Errors: 404 for a term out of scope; 422 at `/scheme_id` for a version of another
/// congress.
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &RunInput,
    kind: PeriodKind,
    period: Period,
) -> Result<RunRow, ApiError> {
    let congress: CongressId = terms::table
        .find(input.term_id)
        .filter(terms::congress_id.eq_any(scope(user.congress_id)))
        .select(terms::congress_id)
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    let scheme = super::super::schemes::queries::find(conn, user, input.scheme_id, true)
        .ok()
        .filter(|s| s.congress_id == congress)
        .ok_or_else(|| ApiError::from(Refusal::invalid("/scheme_id", CommonMessage::NotInScope)))?;
    super::super::schemes::queries::freeze(conn, &scheme)?;
    Ok(diesel::insert_into(assessment_runs::table)
        .values((
            assessment_runs::id.eq(AssessmentRunId::new_v7()),
            assessment_runs::congress_id.eq(congress),
            assessment_runs::term_id.eq(input.term_id),
            assessment_runs::scheme_id.eq(scheme.id),
            assessment_runs::name.eq(input.name.trim()),
            assessment_runs::period_kind.eq(kind),
            assessment_runs::period_from.eq(period.from),
            assessment_runs::period_to.eq(period.to),
            assessment_runs::created_by.eq(Some(user.id)),
        ))
        .returning(RunRow::as_returning())
        .get_result(conn)?)
}

/// A page of runs the caller sees, newest first (by change time with `updated_since`).
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &RunListQuery,
) -> Result<RunPage, ApiError> {
    use assessment_runs as r;
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = r::table
        .filter(r::congress_id.eq_any(scope(user.congress_id)))
        .select(RunRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        query = query.filter(r::status.eq_any([RunStatus::Published, RunStatus::Frozen]));
    }
    if let Some(c) = q.congress_id {
        query = query.filter(r::congress_id.eq(c));
    }
    if let Some(s) = q.status {
        query = query.filter(r::status.eq(s));
    }
    if let Some(y) = q.year {
        let from = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(|| {
            ApiError::from(Refusal::invalid("?year", CommonMessage::InvalidValue))
        })?;
        let to = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(from);
        query = query.filter(r::period_from.between(from, to));
    }
    let rows: Vec<RunRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(r::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    r::updated_at
                        .gt(at)
                        .or(r::updated_at.eq(at).and(r::id.gt(AssessmentRunId(id)))),
                );
            }
            query
                .order((r::updated_at, r::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(r::id.lt(AssessmentRunId(c.id)));
            }
            query.order(r::id.desc()).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(RunPage {
        items: to_wire(conn, rows)?
            .into_iter()
            .map(|r| as_read_by(user, r))
            .collect(),
        next_cursor,
    })
}

/// Whether another run of `run`'s term and period is frozen.
pub fn period_frozen(conn: &mut PgConnection, run: &RunRow) -> QueryResult<bool> {
    use assessment_runs as r;
    diesel::select(diesel::dsl::exists(
        r::table
            .filter(r::term_id.eq(run.term_id))
            .filter(r::period_from.eq(run.period_from))
            .filter(r::period_to.eq(run.period_to))
            .filter(r::status.eq(RunStatus::Frozen))
            .filter(r::id.ne(run.id)),
    ))
    .get_result(conn)
}

/// A run as `user` may read it: a deputy does not see the quota's proposal (who is
/// proposed, in rank order) of a run not published to all, as they see no one else's
/// score there.
pub fn as_read_by(user: &AuthUser, mut run: AssessmentRun) -> AssessmentRun {
    if user.role == renda_openapi::Role::Deputy && !run.publish_to_all {
        run.proposal = None;
    }
    run
}

/// Deputies scored and objections open, for a step's context.
pub fn tallies(conn: &mut PgConnection, run: AssessmentRunId) -> QueryResult<(u32, u32)> {
    let scored: i64 = assessment_scores::table
        .filter(assessment_scores::run_id.eq(run))
        .count()
        .get_result(conn)?;
    let open: i64 = assessment_objections::table
        .filter(assessment_objections::run_id.eq(run))
        .filter(assessment_objections::status.eq(ObjectionStatus::Open))
        .count()
        .get_result(conn)?;
    Ok((scored as u32, open as u32))
}

/// 422 `unknown_item` at `/item_key`: the scheme has no item with this key.
pub fn unknown_item(key: &str) -> ApiError {
    Refusal::invalid("/item_key", M::UnknownItem { key: key.into() }).into()
}
