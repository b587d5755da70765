//! Queries of awards: the proposal of a frozen run, rows with the names of their deputy
//! or group, and the list.

use super::super::access::reads_scope;
use super::super::runs::compute::definition;
use super::super::runs::queries::RunRow;
use super::super::runs::snapshot::{stored, stored_groups};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{awards, deputies, deputy_groups};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    propose_outstanding, AssessmentRunId, Award, AwardId, AwardKind, AwardListQuery, AwardPage,
    AwardStatus, CongressId, DeputyGroupId, DeputyId, UserId,
};
use std::collections::HashMap;

/// A row of `awards`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = awards)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AwardRow {
    pub id: AwardId,
    pub congress_id: CongressId,
    pub kind: AwardKind,
    pub deputy_id: Option<DeputyId>,
    pub deputy_group_id: Option<DeputyGroupId>,
    pub run_id: Option<AssessmentRunId>,
    pub year: i32,
    pub rank: Option<i32>,
    pub total: Option<f64>,
    pub status: AwardStatus,
    pub awarded_on: Option<NaiveDate>,
    pub document_no: Option<String>,
    pub decline_reason: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// Proposes the awards of a run being frozen, from its stored scores: outstanding
/// deputies by the scheme's quota (`propose_outstanding`; deputies tied at the cut are
/// left to the presidium and only named in the proposal), outstanding groups by the
/// group rule; a deputy or group with an award of the year that was not declined is not
/// proposed again. Returns the proposal as stored on the run (none without a quota).
pub fn propose(
    conn: &mut PgConnection,
    run: &RunRow,
) -> Result<Option<serde_json::Value>, ApiError> {
    let def = definition(conn, run)?;
    let base = (
        awards::congress_id.eq(run.congress_id),
        awards::run_id.eq(Some(run.id)),
        awards::year.eq(run.year()),
    );
    // A deputy or group already awarded (or proposed) for the year is not proposed again:
    // a quarterly run and the yearly one of a year name one set of outstanding deputies.
    let taken: Vec<(Option<DeputyId>, Option<DeputyGroupId>)> = awards::table
        .filter(awards::congress_id.eq(run.congress_id))
        .filter(awards::year.eq(run.year()))
        .filter(awards::status.ne(AwardStatus::Declined))
        .select((awards::deputy_id, awards::deputy_group_id))
        .load(conn)?;
    let mut proposal = None;
    if let Some(quota) = &def.quota {
        let scores = stored(conn, run, None)?;
        let p = propose_outstanding(&scores, quota);
        let by_id: HashMap<DeputyId, (u32, f64)> = scores
            .iter()
            .map(|s| (s.deputy.deputy_id, (s.rank, s.total)))
            .collect();
        let rows: Vec<_> = p
            .chosen
            .iter()
            .filter(|d| !taken.iter().any(|(t, _)| *t == Some(**d)))
            .map(|d| {
                let (rank, total) = by_id.get(d).copied().unwrap_or((0, 0.0));
                (
                    awards::id.eq(AwardId::new_v7()),
                    awards::kind.eq(AwardKind::OutstandingDeputy),
                    awards::deputy_id.eq(Some(*d)),
                    awards::rank.eq(Some(rank as i32)),
                    awards::total.eq(Some(total)),
                    base,
                )
            })
            .collect();
        diesel::insert_into(awards::table)
            .values(&rows)
            .execute(conn)?;
        proposal = Some(serde_json::to_value(&p).map_err(|e| ApiError::Internal(e.to_string()))?);
    }
    let groups: Vec<_> = stored_groups(conn, run)?
        .into_iter()
        .filter(|g| g.proposed)
        .filter(|g| !taken.iter().any(|(_, t)| *t == Some(g.deputy_group_id)))
        .map(|g| {
            (
                awards::id.eq(AwardId::new_v7()),
                awards::kind.eq(AwardKind::OutstandingGroup),
                awards::deputy_group_id.eq(Some(g.deputy_group_id)),
                awards::rank.eq(Some(g.rank as i32)),
                awards::total.eq(Some(g.total)),
                base,
            )
        })
        .collect();
    diesel::insert_into(awards::table)
        .values(&groups)
        .execute(conn)?;
    Ok(proposal)
}

/// The wire form of rows (names of deputies and groups in two queries).
pub fn to_wire(conn: &mut PgConnection, rows: Vec<AwardRow>) -> QueryResult<Vec<Award>> {
    let ds: Vec<DeputyId> = rows.iter().filter_map(|r| r.deputy_id).collect();
    let gs: Vec<DeputyGroupId> = rows.iter().filter_map(|r| r.deputy_group_id).collect();
    let deputy_names: HashMap<DeputyId, String> = deputies::table
        .filter(deputies::id.eq_any(&ds))
        .select((deputies::id, deputies::name))
        .load::<(DeputyId, String)>(conn)?
        .into_iter()
        .collect();
    let group_names: HashMap<DeputyGroupId, String> = deputy_groups::table
        .filter(deputy_groups::id.eq_any(&gs))
        .select((deputy_groups::id, deputy_groups::name))
        .load::<(DeputyGroupId, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = match (r.deputy_id, r.deputy_group_id) {
                (Some(d), _) => deputy_names.get(&d).cloned(),
                (_, Some(g)) => group_names.get(&g).cloned(),
                _ => None,
            };
            Award {
                id: r.id,
                congress_id: r.congress_id,
                kind: r.kind,
                deputy_id: r.deputy_id,
                deputy_group_id: r.deputy_group_id,
                name: name.unwrap_or_default(),
                run_id: r.run_id,
                year: r.year,
                rank: r.rank.map(|n| n as u32),
                total: r.total,
                status: r.status,
                awarded_on: r.awarded_on,
                document_no: r.document_no,
                decline_reason: r.decline_reason,
                decided_by: r.decided_by,
                decided_at: r.decided_at,
                version: r.version,
            }
        })
        .collect())
}

/// A page of awards the caller sees: every award of the scope for the office and the
/// presidium; confirmed awards and their own for a deputy, with the rank and total of
/// their own award only.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &AwardListQuery,
) -> Result<AwardPage, ApiError> {
    use awards as a;
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = a::table
        .filter(a::congress_id.eq_any(scope(user.congress_id)))
        .select(AwardRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        let own = user.deputy_id.map(DeputyId);
        query = query.filter(
            a::status
                .eq(AwardStatus::Confirmed)
                .or(a::deputy_id.eq(own)),
        );
    }
    if let Some(c) = q.congress_id {
        query = query.filter(a::congress_id.eq(c));
    }
    if let Some(s) = q.status {
        query = query.filter(a::status.eq(s));
    }
    if let Some(y) = q.year {
        query = query.filter(a::year.eq(y));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(a::deputy_id.eq(d));
    }
    if let Some(r) = q.run_id {
        query = query.filter(a::run_id.eq(r));
    }
    let rows: Vec<AwardRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(a::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    a::updated_at
                        .gt(at)
                        .or(a::updated_at.eq(at).and(a::id.gt(AwardId(id)))),
                );
            }
            query
                .order((a::updated_at, a::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(a::id.gt(AwardId(c.id)));
            }
            query.order(a::id).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    let mut items = to_wire(conn, rows)?;
    if !reads_scope(user) {
        // The rank and total are scores: a deputy reads their own award's only (an
        // award is public, the ranking of others is not).
        let own = user.deputy_id.map(DeputyId);
        for a in items
            .iter_mut()
            .filter(|a| a.deputy_id.is_none() || a.deputy_id != own)
        {
            (a.rank, a.total) = (None, None);
        }
    }
    Ok(AwardPage { items, next_cursor })
}
