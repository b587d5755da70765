//! The checks and writes of work appraisals: a plan's fields, units and team; a stage; a
//! unit's fields.

use super::queries::{ballot_array, AppraisalRow, UnitRow};
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{
    deputies, handling_orgs, work_appraisal_team, work_appraisal_units, work_appraisals,
};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    AppraisalInput, AppraisalStage, AppraisalUnitInput, DeputyId, HandlingOrgId, Refusal,
    WorkAppraisalId,
};

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
/// `/period_from`, dates within 1949–2100, `/plan` at most 5,000 characters,
/// `/plan_discussed_on` not after `today`.
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
    let years = renda_openapi::validation::dates(1949, 2100);
    for (pointer, date) in [
        ("/period_from", Some(input.period_from)),
        ("/period_to", Some(input.period_to)),
        ("/plan_discussed_on", input.plan_discussed_on),
    ] {
        faults.extend(date.and_then(|d| renda_openapi::validation::date_fault(pointer, d, years)));
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

/// Checks a unit input's texts (5,000 characters each; at most 100 issues of 1–500) and
/// its rectification deadline (1949–2100).
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
    faults.extend(input.rectification_due.and_then(|d| {
        renda_openapi::validation::date_fault(
            "/rectification_due",
            d,
            renda_openapi::validation::dates(1949, 2100),
        )
    }));
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
