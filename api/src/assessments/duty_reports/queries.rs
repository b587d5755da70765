//! Queries of duty reports: rows with their activity and deputy, the checks of an input,
//! the writes, the list and the coverage of a term.

use super::super::access::{own_deputy, reads_scope};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{activities, deputies, duty_reports, mandates};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    ActivityId, BallotTally, CongressId, DeputyId, DutyReport, DutyReportId, DutyReportInput,
    DutyReportListQuery, DutyReportPage, Refusal, ReportForm, Role, TermId,
};
use std::collections::HashMap;

/// Most constituents' representatives at one report.
pub const MAX_AUDIENCE: u32 = 100_000;

/// A row of `duty_reports`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = duty_reports)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ReportRow {
    pub id: DutyReportId,
    pub activity_id: ActivityId,
    pub deputy_id: DeputyId,
    pub constituency: Option<String>,
    pub audience: i32,
    pub form: ReportForm,
    pub satisfied: Option<i32>,
    pub basically_satisfied: Option<i32>,
    pub dissatisfied: Option<i32>,
    pub invalid: Option<i32>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl ReportRow {
    /// The ballots, once counted.
    pub fn tally(&self) -> Option<BallotTally> {
        let n = |v: Option<i32>| v.map(|v| u32::try_from(v).unwrap_or(0));
        Some(BallotTally {
            satisfied: n(self.satisfied)?,
            basically_satisfied: n(self.basically_satisfied)?,
            dissatisfied: n(self.dissatisfied)?,
            invalid: n(self.invalid).unwrap_or(0),
        })
    }
}

/// A duty-report activity as the reports need it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = activities)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ActivityRef {
    pub id: ActivityId,
    pub congress_id: CongressId,
    pub term_id: Option<TermId>,
    pub kind: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub status: String,
}

/// China Standard Time (UTC+8), the time zone of activity dates.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// The first instant of `day` in China Standard Time.
pub fn cst_midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(cst()).single())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// 403 for handling organisations: duty reports are no part of their work.
pub fn gate(user: &AuthUser) -> Result<(), ApiError> {
    if user.role == Role::HandlingOrg {
        return Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into());
    }
    Ok(())
}

/// The wire form of rows: activities and names in two queries for any number of rows.
pub fn to_wire(conn: &mut PgConnection, rows: Vec<ReportRow>) -> QueryResult<Vec<DutyReport>> {
    let act_ids: Vec<ActivityId> = rows.iter().map(|r| r.activity_id).collect();
    let dep_ids: Vec<DeputyId> = rows.iter().map(|r| r.deputy_id).collect();
    let acts: HashMap<ActivityId, ActivityRef> = activities::table
        .filter(activities::id.eq_any(&act_ids))
        .select(ActivityRef::as_select())
        .load(conn)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let names: HashMap<DeputyId, String> = deputies::table
        .filter(deputies::id.eq_any(&dep_ids))
        .select((deputies::id, deputies::name))
        .load::<(DeputyId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let a = acts.get(&r.activity_id)?;
            let ballots = r.tally();
            Some(DutyReport {
                id: r.id,
                activity_id: r.activity_id,
                activity_title: a.title.clone(),
                reported_on: a.starts_at.with_timezone(&cst()).date_naive(),
                deputy_id: r.deputy_id,
                deputy_name: names.get(&r.deputy_id).cloned().unwrap_or_default(),
                constituency: r.constituency,
                audience: u32::try_from(r.audience).unwrap_or(0),
                form: r.form,
                satisfaction_rate: ballots.and_then(|b| b.satisfaction_rate()),
                ballots,
                updated_at: r.updated_at,
                version: r.version,
            })
        })
        .collect())
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// A report the caller may read (the office and the presidium in their scope, a deputy
/// their own), locked for update when `lock`.
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: DutyReportId,
    lock: bool,
) -> Result<ReportRow, ApiError> {
    let q = duty_reports::table
        .find(id)
        .filter(
            duty_reports::activity_id.eq_any(
                activities::table
                    .filter(activities::congress_id.eq_any(scope(user.congress_id)))
                    .select(activities::id),
            ),
        )
        .select(ReportRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    let row = row.ok_or_else(not_found)?;
    if reads_scope(user) || user.deputy_id == Some(row.deputy_id.0) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// Checks an input's own values: `/audience` 0–100,000, `/constituency` at most 100
/// characters without control characters, `/ballots` that fit the audience (see
/// [`BallotTally::check`]).
pub fn check(input: &DutyReportInput) -> Result<(), ApiError> {
    let mut faults = vec![];
    if input.audience > MAX_AUDIENCE {
        faults.push(Refusal::invalid(
            "/audience",
            CommonMessage::OutOfRange {
                min: 0.0,
                max: f64::from(MAX_AUDIENCE),
            },
        ));
    }
    if let Some(c) = &input.constituency {
        if c.trim().chars().count() > 100 {
            faults.push(Refusal::invalid(
                "/constituency",
                CommonMessage::TooLong { max: 100 },
            ));
        } else if renda_openapi::validation::has_control_chars(c, false) {
            faults.push(Refusal::invalid(
                "/constituency",
                CommonMessage::InvalidCharacters,
            ));
        }
    }
    if let Some(b) = &input.ballots {
        if let Err(m) = b.check(input.audience, None) {
            faults.push(Refusal::invalid("/ballots", m));
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Rules(faults))
    }
}

/// A duty-report activity of the caller's scope.
///
/// Errors: 404 (at `/activity_id`, 422, when `field`) out of scope; 422
/// `not_a_duty_report_activity` for another kind, `activity_cancelled` for a cancelled
/// one (a report there would never count).
pub fn activity(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: ActivityId,
    field: bool,
) -> Result<ActivityRef, ApiError> {
    let a = activities::table
        .find(id)
        .filter(activities::congress_id.eq_any(scope(user.congress_id)))
        .select(ActivityRef::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            if field {
                Refusal::invalid("/activity_id", CommonMessage::NotInScope).into()
            } else {
                not_found()
            }
        })?;
    if a.kind != "duty_report" {
        return Err(Refusal::invalid("/activity_id", M::NotADutyReportActivity).into());
    }
    if a.status == "cancelled" {
        return Err(Refusal::invalid("/activity_id", M::ActivityCancelled).into());
    }
    Ok(a)
}

/// The activity of an input, the deputy's constituency there, and no other report of the
/// deputy at it (`except` the one being edited).
///
/// Errors: 422 at `/activity_id` (see [`activity`]); 422 `not_a_deputy_of_the_term` at
/// `/deputy_id` for a deputy without a mandate of the activity's congress (and term);
/// 409 `duty_report_exists`.
pub fn resolve(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &DutyReportInput,
    except: Option<DutyReportId>,
) -> Result<(ActivityRef, Option<String>), ApiError> {
    let a = activity(conn, user, input.activity_id, true)?;
    let mut q = mandates::table
        .filter(mandates::deputy_id.eq(input.deputy_id))
        .filter(mandates::congress_id.eq(a.congress_id))
        .select(mandates::constituency)
        .order(mandates::created_at.desc())
        .into_boxed();
    if let Some(t) = a.term_id {
        q = q.filter(mandates::term_id.eq(t));
    }
    let constituency: Option<String> = q
        .first::<Option<String>>(conn)
        .optional()?
        .ok_or_else(|| ApiError::from(Refusal::invalid("/deputy_id", M::NotADeputyOfTheTerm)))?;
    let mut dup = duty_reports::table
        .filter(duty_reports::activity_id.eq(a.id))
        .filter(duty_reports::deputy_id.eq(input.deputy_id))
        .select(duty_reports::id)
        .into_boxed();
    if let Some(e) = except {
        dup = dup.filter(duty_reports::id.ne(e));
    }
    if dup.first::<DutyReportId>(conn).optional()?.is_some() {
        return Err(Refusal::conflict(M::DutyReportExists).into());
    }
    Ok((a, constituency))
}

fn given_constituency(input: &DutyReportInput, default: Option<String>) -> Option<String> {
    input
        .constituency
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .or(default)
}

fn ballot_cols(b: Option<BallotTally>) -> [Option<i32>; 4] {
    let n = |v: u32| Some(i32::try_from(v).unwrap_or(i32::MAX));
    match b {
        Some(b) => [
            n(b.satisfied),
            n(b.basically_satisfied),
            n(b.dissatisfied),
            n(b.invalid),
        ],
        None => [None; 4],
    }
}

/// Writes a new report; the constituency defaults to the deputy's (选区 of the mandate).
pub fn insert(
    conn: &mut PgConnection,
    input: &DutyReportInput,
    default_constituency: Option<String>,
) -> QueryResult<ReportRow> {
    let [s, b, d, i] = ballot_cols(input.ballots);
    diesel::insert_into(duty_reports::table)
        .values((
            duty_reports::id.eq(DutyReportId::new_v7()),
            duty_reports::activity_id.eq(input.activity_id),
            duty_reports::deputy_id.eq(input.deputy_id),
            duty_reports::constituency.eq(given_constituency(input, default_constituency)),
            duty_reports::audience.eq(input.audience as i32),
            duty_reports::form.eq(input.form),
            duty_reports::satisfied.eq(s),
            duty_reports::basically_satisfied.eq(b),
            duty_reports::dissatisfied.eq(d),
            duty_reports::invalid.eq(i),
        ))
        .returning(ReportRow::as_returning())
        .get_result(conn)
}

/// Replaces a report's fields.
pub fn update(
    conn: &mut PgConnection,
    row: &ReportRow,
    input: &DutyReportInput,
    default_constituency: Option<String>,
) -> QueryResult<ReportRow> {
    let [s, b, d, i] = ballot_cols(input.ballots);
    diesel::update(duty_reports::table.find(row.id))
        .set((
            duty_reports::activity_id.eq(input.activity_id),
            duty_reports::deputy_id.eq(input.deputy_id),
            duty_reports::constituency.eq(given_constituency(input, default_constituency)),
            duty_reports::audience.eq(input.audience as i32),
            duty_reports::form.eq(input.form),
            duty_reports::satisfied.eq(s),
            duty_reports::basically_satisfied.eq(b),
            duty_reports::dissatisfied.eq(d),
            duty_reports::invalid.eq(i),
            duty_reports::version.eq(row.version + 1),
            duty_reports::updated_at.eq(Utc::now()),
        ))
        .returning(ReportRow::as_returning())
        .get_result(conn)
}

/// Records a report's ballots (from a sheet).
pub fn set_ballots(
    conn: &mut PgConnection,
    row: &ReportRow,
    tally: BallotTally,
) -> QueryResult<ReportRow> {
    let [s, b, d, i] = ballot_cols(Some(tally));
    diesel::update(duty_reports::table.find(row.id))
        .set((
            duty_reports::satisfied.eq(s),
            duty_reports::basically_satisfied.eq(b),
            duty_reports::dissatisfied.eq(d),
            duty_reports::invalid.eq(i),
            duty_reports::version.eq(row.version + 1),
            duty_reports::updated_at.eq(Utc::now()),
        ))
        .returning(ReportRow::as_returning())
        .get_result(conn)
}

/// The activities of a term: of its congress, starting within the term's dates (China
/// Standard Time), not cancelled.
fn term_activities(
    conn: &mut PgConnection,
    user: &AuthUser,
    term: TermId,
) -> Result<activities::BoxedQuery<'static, diesel::pg::Pg, diesel::sql_types::Uuid>, ApiError> {
    let t = crate::congresses::repo::term_in_scope(conn, user, term.0)?;
    let mut q = activities::table
        .filter(activities::congress_id.eq(t.congress_id))
        .filter(activities::status.ne("cancelled"))
        .filter(activities::starts_at.ge(cst_midnight(t.starts_on)))
        .select(activities::id)
        .into_boxed();
    if let Some(end) = t.ends_on.and_then(|d| d.succ_opt()) {
        q = q.filter(activities::starts_at.lt(cst_midnight(end)));
    }
    Ok(q)
}

/// A page of reports: a deputy's own, or the office's and the presidium's scope, with the
/// filters of [`DutyReportListQuery`]; oldest first (by change time with
/// `updated_since`).
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &DutyReportListQuery,
) -> Result<DutyReportPage, ApiError> {
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = duty_reports::table
        .filter(
            duty_reports::activity_id.eq_any(
                activities::table
                    .filter(activities::congress_id.eq_any(scope(user.congress_id)))
                    .select(activities::id),
            ),
        )
        .select(ReportRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        query = query.filter(duty_reports::deputy_id.eq(own_deputy(user)?));
    }
    if let Some(a) = q.activity_id {
        query = query.filter(duty_reports::activity_id.eq(a));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(duty_reports::deputy_id.eq(d));
    }
    if let Some(t) = q.term_id {
        query = query.filter(duty_reports::activity_id.eq_any(term_activities(conn, user, t)?));
    }
    let rows: Vec<ReportRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(duty_reports::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    duty_reports::updated_at.gt(at).or(duty_reports::updated_at
                        .eq(at)
                        .and(duty_reports::id.gt(DutyReportId(id)))),
                );
            }
            query
                .order((duty_reports::updated_at, duty_reports::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(duty_reports::id.gt(DutyReportId(c.id)));
            }
            query.order(duty_reports::id).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(DutyReportPage {
        items: to_wire(conn, rows)?,
        next_cursor,
    })
}

/// The reports of a term's activities, newest first, with their dates.
pub fn of_term(
    conn: &mut PgConnection,
    user: &AuthUser,
    term: TermId,
) -> Result<Vec<(ReportRow, DateTime<Utc>)>, ApiError> {
    let acts = term_activities(conn, user, term)?;
    Ok(duty_reports::table
        .inner_join(activities::table)
        .filter(duty_reports::activity_id.eq_any(acts))
        .order((activities::starts_at.desc(), duty_reports::id.desc()))
        .select((ReportRow::as_select(), activities::starts_at))
        .load(conn)?)
}
