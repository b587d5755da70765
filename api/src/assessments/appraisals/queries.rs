//! Queries of work appraisals: rows with their units and team, the checks of inputs, the
//! writes, and the list.

use super::super::access::reads_scope;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{
    delegations, deputies, deputy_groups, handling_orgs, mandates, work_appraisal_team,
    work_appraisal_units, work_appraisals,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    AppraisalContext, AppraisalInput, AppraisalListQuery, AppraisalStage, AppraisalUnit,
    AppraisalUnitInput, BallotTally, CongressId, DeputyBrief, DeputyId, HandlingOrgId, Post,
    Refusal, Role, WorkAppraisal, WorkAppraisalId, WorkAppraisalPage,
};
use std::collections::HashMap;

/// A row of `work_appraisals`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = work_appraisals)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AppraisalRow {
    pub id: WorkAppraisalId,
    pub congress_id: CongressId,
    pub title: String,
    pub year: i32,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub plan_discussed_on: Option<NaiveDate>,
    pub plan: Option<String>,
    pub stage: AppraisalStage,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// A row of `work_appraisal_units`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = work_appraisal_units)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct UnitRow {
    pub appraisal_id: WorkAppraisalId,
    pub handling_org_id: HandlingOrgId,
    pub self_check_report: Option<String>,
    pub investigation_notes: Option<String>,
    pub first_ballot: Option<Vec<Option<i32>>>,
    pub opinions: Option<String>,
    pub issues: Vec<Option<String>>,
    pub rectification_due: Option<NaiveDate>,
    pub rectification_report: Option<String>,
    pub second_ballot: Option<Vec<Option<i32>>>,
}

fn tally(v: &Option<Vec<Option<i32>>>) -> Option<BallotTally> {
    let n = |i: usize| -> Option<u32> { u32::try_from(v.as_ref()?.get(i).copied()??).ok() };
    Some(BallotTally {
        satisfied: n(0)?,
        basically_satisfied: n(1)?,
        dissatisfied: n(2)?,
        invalid: n(3)?,
    })
}

fn ballot_array(b: BallotTally) -> Vec<Option<i32>> {
    [
        b.satisfied,
        b.basically_satisfied,
        b.dissatisfied,
        b.invalid,
    ]
    .iter()
    .map(|v| Some(i32::try_from(*v).unwrap_or(i32::MAX)))
    .collect()
}

/// What the next stage needs, from the units (see `renda_openapi::appraisal_advance`).
pub fn context(row: &AppraisalRow, units: &[UnitRow], team: u32) -> AppraisalContext {
    let count = |f: &dyn Fn(&UnitRow) -> bool| units.iter().filter(|u| f(u)).count() as u32;
    let text = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
    AppraisalContext {
        plan_discussed: row.plan_discussed_on.is_some(),
        units: units.len() as u32,
        team,
        units_with_self_check: count(&|u| text(&u.self_check_report)),
        units_with_first_ballot: count(&|u| tally(&u.first_ballot).is_some()),
        units_with_opinions: count(&|u| text(&u.opinions)),
        units_with_rectification: count(&|u| text(&u.rectification_report)),
        units_with_second_ballot: count(&|u| tally(&u.second_ballot).is_some()),
    }
}

/// The units of appraisals.
pub fn units_of(conn: &mut PgConnection, ids: &[WorkAppraisalId]) -> QueryResult<Vec<UnitRow>> {
    work_appraisal_units::table
        .filter(work_appraisal_units::appraisal_id.eq_any(ids))
        .select(UnitRow::as_select())
        .load(conn)
}

/// The team of appraisals, `(appraisal, deputy)`.
pub fn team_of(
    conn: &mut PgConnection,
    ids: &[WorkAppraisalId],
) -> QueryResult<Vec<(WorkAppraisalId, DeputyId)>> {
    work_appraisal_team::table
        .filter(work_appraisal_team::appraisal_id.eq_any(ids))
        .select((
            work_appraisal_team::appraisal_id,
            work_appraisal_team::deputy_id,
        ))
        .load(conn)
}

/// Deputies as briefs, each from their newest mandate.
fn briefs(
    conn: &mut PgConnection,
    ids: &[DeputyId],
) -> QueryResult<HashMap<DeputyId, DeputyBrief>> {
    type Row = (
        DeputyId,
        String,
        renda_openapi::MandateId,
        Option<renda_openapi::DeputyGroupId>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = mandates::table
        .inner_join(deputies::table.on(deputies::id.eq(mandates::deputy_id)))
        .left_join(
            deputy_groups::table.on(deputy_groups::id.nullable().eq(mandates::deputy_group_id)),
        )
        .left_join(delegations::table.on(delegations::id.nullable().eq(mandates::delegation_id)))
        .filter(mandates::deputy_id.eq_any(ids))
        .order(mandates::created_at.desc())
        .select((
            deputies::id,
            deputies::name,
            mandates::id,
            mandates::deputy_group_id,
            deputy_groups::name.nullable(),
            delegations::name.nullable(),
            mandates::constituency,
            mandates::post,
        ))
        .load(conn)?;
    let mut out = HashMap::new();
    for (deputy_id, name, mandate_id, group, group_name, delegation, constituency, post) in rows {
        out.entry(deputy_id).or_insert(DeputyBrief {
            deputy_id,
            name,
            mandate_id,
            deputy_group_id: group,
            deputy_group_name: group_name,
            delegation_name: delegation,
            constituency,
            post: post.as_deref().and_then(Post::parse),
        });
    }
    Ok(out)
}

/// The wire form of rows, with units and team, in four queries for any number of rows. A
/// handling organisation sees its own unit only.
pub fn to_wire(
    conn: &mut PgConnection,
    user: &AuthUser,
    rows: Vec<AppraisalRow>,
) -> QueryResult<Vec<WorkAppraisal>> {
    let ids: Vec<WorkAppraisalId> = rows.iter().map(|r| r.id).collect();
    let units = units_of(conn, &ids)?;
    let org_ids: Vec<HandlingOrgId> = units.iter().map(|u| u.handling_org_id).collect();
    let names: HashMap<HandlingOrgId, String> = handling_orgs::table
        .filter(handling_orgs::id.eq_any(&org_ids))
        .select((handling_orgs::id, handling_orgs::name))
        .load::<(HandlingOrgId, String)>(conn)?
        .into_iter()
        .collect();
    let team = team_of(conn, &ids)?;
    let deputy_ids: Vec<DeputyId> = team.iter().map(|t| t.1).collect();
    let briefs = briefs(conn, &deputy_ids)?;
    let own_org = (user.role == Role::HandlingOrg).then_some(user.handling_org_id);
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut us: Vec<AppraisalUnit> = units
                .iter()
                .filter(|u| u.appraisal_id == r.id)
                .filter(|u| own_org.is_none_or(|o| o == Some(u.handling_org_id.0)))
                .map(|u| unit_wire(u, names.get(&u.handling_org_id)))
                .collect();
            us.sort_by(|a, b| a.name.cmp(&b.name));
            let mut members: Vec<DeputyBrief> = team
                .iter()
                .filter(|t| t.0 == r.id)
                .filter_map(|t| briefs.get(&t.1).cloned())
                .collect();
            members.sort_by(|a, b| a.name.cmp(&b.name));
            WorkAppraisal {
                id: r.id,
                congress_id: r.congress_id,
                title: r.title,
                year: r.year,
                period_from: r.period_from,
                period_to: r.period_to,
                plan_discussed_on: r.plan_discussed_on,
                plan: r.plan,
                stage: r.stage,
                units: us,
                team: members,
                updated_at: r.updated_at,
                version: r.version,
            }
        })
        .collect())
}

fn unit_wire(u: &UnitRow, name: Option<&String>) -> AppraisalUnit {
    let first = tally(&u.first_ballot);
    let second = tally(&u.second_ballot);
    AppraisalUnit {
        handling_org_id: u.handling_org_id,
        name: name.cloned().unwrap_or_default(),
        self_check_report: u.self_check_report.clone(),
        investigation_notes: u.investigation_notes.clone(),
        first_ballot: first,
        first_satisfaction_rate: first.and_then(|b| b.satisfaction_rate()),
        opinions: u.opinions.clone(),
        issues: u.issues.iter().flatten().cloned().collect(),
        rectification_due: u.rectification_due,
        rectification_report: u.rectification_report.clone(),
        second_ballot: second,
        second_satisfaction_rate: second.and_then(|b| b.satisfaction_rate()),
    }
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

type Visible = work_appraisals::BoxedQuery<
    'static,
    diesel::pg::Pg,
    diesel::dsl::SqlTypeOf<diesel::dsl::AsSelect<AppraisalRow, diesel::pg::Pg>>,
>;

/// The filter of what the caller reads: the office and the presidium their scope, a
/// deputy the appraisals they are on the team of, a handling organisation those its
/// department is a unit of.
fn visible(user: &AuthUser) -> Visible {
    let mut q = work_appraisals::table
        .filter(work_appraisals::congress_id.eq_any(scope(user.congress_id)))
        .select(AppraisalRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        if user.role == Role::HandlingOrg {
            let org = user.handling_org_id.unwrap_or_default();
            q = q.filter(
                work_appraisals::id.eq_any(
                    work_appraisal_units::table
                        .filter(work_appraisal_units::handling_org_id.eq(org))
                        .select(work_appraisal_units::appraisal_id),
                ),
            );
        } else {
            let me = user.deputy_id.unwrap_or_default();
            q = q.filter(
                work_appraisals::id.eq_any(
                    work_appraisal_team::table
                        .filter(work_appraisal_team::deputy_id.eq(me))
                        .select(work_appraisal_team::appraisal_id),
                ),
            );
        }
    }
    q
}

/// An appraisal the caller may read, locked for update when `lock`.
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: WorkAppraisalId,
    lock: bool,
) -> Result<AppraisalRow, ApiError> {
    let row = visible(user)
        .filter(work_appraisals::id.eq(id))
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    if !lock {
        return Ok(row);
    }
    let locked = work_appraisals::table
        .find(row.id)
        .select(AppraisalRow::as_select())
        .for_update()
        .first(conn)
        .optional()?;
    locked.ok_or_else(not_found)
}

fn text_fault(pointer: &str, t: Option<&str>, max: u32, faults: &mut Vec<Refusal>) {
    if let Some(t) = t {
        if t.chars().count() > max as usize {
            faults.push(Refusal::invalid(pointer, CommonMessage::TooLong { max }));
        } else if renda_openapi::validation::has_control_chars(t, true) {
            faults.push(Refusal::invalid(pointer, CommonMessage::InvalidCharacters));
        }
    }
}

fn done(faults: Vec<Refusal>) -> Result<(), ApiError> {
    if faults.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Rules(faults))
    }
}

/// Checks a plan's own values: `/title` 1–100, `/year` 1949–2100, `/period_to` not before
/// `/period_from`, `/plan` at most 5,000 characters, `/plan_discussed_on` not after
/// `today`.
pub fn check(input: &AppraisalInput, today: NaiveDate) -> Result<(), ApiError> {
    let mut faults = vec![];
    let title = input.title.trim();
    if title.is_empty() {
        faults.push(Refusal::invalid("/title", CommonMessage::Required));
    }
    text_fault("/title", Some(title), 100, &mut faults);
    if !(1949..=2100).contains(&input.year) {
        let range = CommonMessage::OutOfRange {
            min: 1949.0,
            max: 2100.0,
        };
        faults.push(Refusal::invalid("/year", range));
    }
    if input.period_to < input.period_from {
        faults.push(Refusal::invalid(
            "/period_to",
            CommonMessage::EndBeforeStart,
        ));
    }
    text_fault("/plan", input.plan.as_deref(), 5000, &mut faults);
    if input.plan_discussed_on.is_some_and(|d| d > today) {
        faults.push(Refusal::invalid("/plan_discussed_on", M::DateInFuture));
    }
    done(faults)
}

/// Checks a unit input's texts (5,000 characters each; at most 100 issues of 1–500).
pub fn check_unit(input: &AppraisalUnitInput) -> Result<(), ApiError> {
    let mut faults = vec![];
    for (p, t) in [
        ("/self_check_report", &input.self_check_report),
        ("/investigation_notes", &input.investigation_notes),
        ("/opinions", &input.opinions),
        ("/rectification_report", &input.rectification_report),
    ] {
        text_fault(p, t.as_deref(), 5000, &mut faults);
    }
    if let Some(issues) = &input.issues {
        if issues.len() > 100 {
            let range = CommonMessage::OutOfRange {
                min: 0.0,
                max: 100.0,
            };
            faults.push(Refusal::invalid("/issues", range));
        }
        for (i, t) in issues.iter().enumerate() {
            let p = format!("/issues/{i}");
            if t.trim().is_empty() {
                faults.push(Refusal::invalid(&p, CommonMessage::Required));
            }
            text_fault(&p, Some(t), 500, &mut faults);
        }
    }
    done(faults)
}

/// The units and team of an input: departments and deputies of its congress (repeats
/// dropped).
///
/// Errors: 404 for a congress out of scope; 422 `not_in_scope` at `/units/{i}`, 422
/// `not_a_deputy_of_the_term` at `/team/{i}`.
pub fn resolve(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &AppraisalInput,
) -> Result<(Vec<HandlingOrgId>, Vec<DeputyId>), ApiError> {
    super::super::access::congress_in_scope(conn, user, input.congress_id)?;
    let orgs: Vec<HandlingOrgId> = handling_orgs::table
        .filter(handling_orgs::id.eq_any(&input.units))
        .filter(handling_orgs::congress_id.eq(input.congress_id))
        .select(handling_orgs::id)
        .load(conn)?;
    let deps: Vec<DeputyId> = deputies::table
        .filter(deputies::id.eq_any(&input.team))
        .filter(deputies::congress_id.eq(input.congress_id))
        .select(deputies::id)
        .load(conn)?;
    let mut faults = vec![];
    for (i, u) in input.units.iter().enumerate() {
        if !orgs.contains(u) {
            faults.push(Refusal::invalid(
                &format!("/units/{i}"),
                CommonMessage::NotInScope,
            ));
        }
    }
    for (i, d) in input.team.iter().enumerate() {
        if !deps.contains(d) {
            faults.push(Refusal::invalid(
                &format!("/team/{i}"),
                M::NotADeputyOfTheTerm,
            ));
        }
    }
    done(faults)?;
    let mut units = input.units.clone();
    units.sort_by_key(|u| u.0);
    units.dedup();
    let mut team = input.team.clone();
    team.sort_by_key(|d| d.0);
    team.dedup();
    Ok((units, team))
}

/// Writes a plan's fields and replaces its units and team (`id` none: a new appraisal).
pub fn save(
    conn: &mut PgConnection,
    existing: Option<&AppraisalRow>,
    input: &AppraisalInput,
    units: &[HandlingOrgId],
    team: &[DeputyId],
) -> QueryResult<AppraisalRow> {
    let plan = input
        .plan
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let fields = (
        work_appraisals::title.eq(input.title.trim()),
        work_appraisals::year.eq(input.year),
        work_appraisals::period_from.eq(input.period_from),
        work_appraisals::period_to.eq(input.period_to),
        work_appraisals::plan_discussed_on.eq(input.plan_discussed_on),
        work_appraisals::plan.eq(plan),
    );
    let row = match existing {
        None => diesel::insert_into(work_appraisals::table)
            .values((
                work_appraisals::id.eq(WorkAppraisalId::new_v7()),
                work_appraisals::congress_id.eq(input.congress_id),
                fields,
            ))
            .returning(AppraisalRow::as_returning())
            .get_result(conn)?,
        Some(e) => diesel::update(work_appraisals::table.find(e.id))
            .set((
                fields,
                work_appraisals::version.eq(e.version + 1),
                work_appraisals::updated_at.eq(Utc::now()),
            ))
            .returning(AppraisalRow::as_returning())
            .get_result(conn)?,
    };
    diesel::delete(
        work_appraisal_units::table.filter(work_appraisal_units::appraisal_id.eq(row.id)),
    )
    .execute(conn)?;
    diesel::delete(work_appraisal_team::table.filter(work_appraisal_team::appraisal_id.eq(row.id)))
        .execute(conn)?;
    let us: Vec<_> = units
        .iter()
        .map(|u| {
            (
                work_appraisal_units::appraisal_id.eq(row.id),
                work_appraisal_units::handling_org_id.eq(*u),
            )
        })
        .collect();
    diesel::insert_into(work_appraisal_units::table)
        .values(us)
        .execute(conn)?;
    let ts: Vec<_> = team
        .iter()
        .map(|d| {
            (
                work_appraisal_team::appraisal_id.eq(row.id),
                work_appraisal_team::deputy_id.eq(*d),
            )
        })
        .collect();
    diesel::insert_into(work_appraisal_team::table)
        .values(ts)
        .execute(conn)?;
    Ok(row)
}

/// Moves an appraisal to `stage` (a new version).
pub fn set_stage(
    conn: &mut PgConnection,
    row: &AppraisalRow,
    stage: AppraisalStage,
) -> QueryResult<AppraisalRow> {
    diesel::update(work_appraisals::table.find(row.id))
        .set((
            work_appraisals::stage.eq(stage),
            work_appraisals::version.eq(row.version + 1),
            work_appraisals::updated_at.eq(Utc::now()),
        ))
        .returning(AppraisalRow::as_returning())
        .get_result(conn)
}

/// Writes the fields a unit input sets, and makes a new version of the appraisal.
pub fn set_unit(
    conn: &mut PgConnection,
    row: &AppraisalRow,
    unit: &UnitRow,
    input: &AppraisalUnitInput,
) -> QueryResult<AppraisalRow> {
    let keep = |new: &Option<String>, old: &Option<String>| {
        new.as_deref().map(|t| t.trim().to_string()).or(old.clone())
    };
    let issues: Vec<Option<String>> = match &input.issues {
        Some(list) => list.iter().map(|t| Some(t.trim().to_string())).collect(),
        None => unit.issues.clone(),
    };
    diesel::update(work_appraisal_units::table.find((unit.appraisal_id, unit.handling_org_id)))
        .set((
            work_appraisal_units::self_check_report
                .eq(keep(&input.self_check_report, &unit.self_check_report)),
            work_appraisal_units::investigation_notes
                .eq(keep(&input.investigation_notes, &unit.investigation_notes)),
            work_appraisal_units::first_ballot.eq(input
                .first_ballot
                .map(ballot_array)
                .or(unit.first_ballot.clone())),
            work_appraisal_units::opinions.eq(keep(&input.opinions, &unit.opinions)),
            work_appraisal_units::issues.eq(issues),
            work_appraisal_units::rectification_due
                .eq(input.rectification_due.or(unit.rectification_due)),
            work_appraisal_units::rectification_report.eq(keep(
                &input.rectification_report,
                &unit.rectification_report,
            )),
            work_appraisal_units::second_ballot.eq(input
                .second_ballot
                .map(ballot_array)
                .or(unit.second_ballot.clone())),
        ))
        .execute(conn)?;
    diesel::update(work_appraisals::table.find(row.id))
        .set((
            work_appraisals::version.eq(row.version + 1),
            work_appraisals::updated_at.eq(Utc::now()),
        ))
        .returning(AppraisalRow::as_returning())
        .get_result(conn)
}

/// A page of appraisals the caller may read, with the filters of [`AppraisalListQuery`];
/// oldest first (by change time with `updated_since`).
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &AppraisalListQuery,
) -> Result<WorkAppraisalPage, ApiError> {
    use work_appraisals as w;
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = visible(user);
    if let Some(c) = q.congress_id {
        query = query.filter(w::congress_id.eq(c));
    }
    if let Some(y) = q.year {
        query = query.filter(w::year.eq(y));
    }
    if let Some(s) = q.stage {
        query = query.filter(w::stage.eq(s));
    }
    if let Some(o) = q.handling_org_id {
        let of_org = work_appraisal_units::table
            .filter(work_appraisal_units::handling_org_id.eq(o))
            .select(work_appraisal_units::appraisal_id);
        query = query.filter(w::id.eq_any(of_org));
    }
    if let Some(d) = q.deputy_id {
        let of_deputy = work_appraisal_team::table
            .filter(work_appraisal_team::deputy_id.eq(d))
            .select(work_appraisal_team::appraisal_id);
        query = query.filter(w::id.eq_any(of_deputy));
    }
    let rows: Vec<AppraisalRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(w::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                let later = w::updated_at.gt(at);
                let same = w::updated_at.eq(at).and(w::id.gt(WorkAppraisalId(id)));
                query = query.filter(later.or(same));
            }
            query
                .order((w::updated_at, w::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(w::id.gt(WorkAppraisalId(c.id)));
            }
            query.order(w::id).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(WorkAppraisalPage {
        items: to_wire(conn, user, rows)?,
        next_cursor,
    })
}
