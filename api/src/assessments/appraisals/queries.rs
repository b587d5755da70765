//! Queries of work appraisals: rows with their units and team, what the caller may read,
//! and the list.

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
use renda_openapi::messages::CommonMessage;
use renda_openapi::{
    AppraisalContext, AppraisalListQuery, AppraisalStage, AppraisalUnit, BallotTally, CongressId,
    DeputyBrief, DeputyId, HandlingOrgId, Post, Refusal, Role, WorkAppraisal, WorkAppraisalId,
    WorkAppraisalPage,
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

/// A tally as the database keeps it: `[satisfied, basically_satisfied, dissatisfied, invalid]`.
pub fn ballot_array(b: BallotTally) -> Vec<Option<i32>> {
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
