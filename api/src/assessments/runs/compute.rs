//! The computation of a run, written once: the counts of every assessed deputy from the
//! records (one statement, `records::counts`), the rater scores and the upheld
//! objections go through the contract's score engine (`renda_openapi::scoring`); ranks,
//! grades, the quota's exclusions, the repeated-lowest-grade consequence and the group
//! scores follow, and the result replaces the run's stored scores (`snapshot`). A frozen
//! run is never computed again: its stored scores are the snapshot.

use super::queries::RunRow;
use super::snapshot::{store, ScoreInputs, Scored};
use crate::error::ApiError;
use crate::schema::{
    activities, assessment_objections, assessment_ratings, assessment_runs, assessment_schemes,
    assessment_scores, deputy_groups,
};
use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    rank_and_grade, repeated_lowest, score_deputy, score_groups, Adjustment, DeputyGroupId,
    DeputyId, DeputyScore, Grade, GroupScore, ObjectionId, ObjectionStatus, PeriodKind, RaterStage,
    RunStatus, SchemeDefinition, ScoreFlag, StageScore,
};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

/// The scheme definition of a run.
pub fn definition(conn: &mut PgConnection, run: &RunRow) -> Result<SchemeDefinition, ApiError> {
    let json: serde_json::Value = assessment_schemes::table
        .find(run.scheme_id)
        .select(assessment_schemes::definition)
        .first(conn)?;
    serde_json::from_value(json).map_err(|e| ApiError::Internal(e.to_string()))
}

fn ratings(
    conn: &mut PgConnection,
    run: &RunRow,
) -> QueryResult<HashMap<DeputyId, Vec<StageScore>>> {
    let rows: Vec<(DeputyId, RaterStage, f64)> = assessment_ratings::table
        .filter(assessment_ratings::run_id.eq(run.id))
        .select((
            assessment_ratings::deputy_id,
            assessment_ratings::stage,
            assessment_ratings::score,
        ))
        .load(conn)?;
    let mut out: HashMap<DeputyId, Vec<StageScore>> = HashMap::new();
    for (d, stage, score) in rows {
        out.entry(d).or_default().push(StageScore { stage, score });
    }
    Ok(out)
}

fn adjustments(
    conn: &mut PgConnection,
    run: &RunRow,
) -> QueryResult<HashMap<DeputyId, Vec<Adjustment>>> {
    let rows: Vec<(ObjectionId, DeputyId, Option<String>, Option<f64>)> =
        assessment_objections::table
            .filter(assessment_objections::run_id.eq(run.id))
            .filter(assessment_objections::status.eq(ObjectionStatus::Upheld))
            .filter(assessment_objections::adjustment.is_not_null())
            .order(assessment_objections::id)
            .select((
                assessment_objections::id,
                assessment_objections::deputy_id,
                assessment_objections::item_key,
                assessment_objections::adjustment,
            ))
            .load(conn)?;
    let mut out: HashMap<DeputyId, Vec<Adjustment>> = HashMap::new();
    for (objection_id, d, item_key, points) in rows {
        out.entry(d).or_default().push(Adjustment {
            objection_id,
            item_key,
            points: points.unwrap_or(0.0),
        });
    }
    Ok(out)
}

/// The grades of the congress's frozen yearly runs of the `years` years before `year`:
/// per deputy, last year first (`None` for a year without a frozen run or a score).
fn previous_grades(
    conn: &mut PgConnection,
    run: &RunRow,
    years: u32,
) -> QueryResult<HashMap<DeputyId, Vec<Option<Grade>>>> {
    let year = run.year();
    let first = year - years as i32;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(first, 1, 1),
        NaiveDate::from_ymd_opt(year - 1, 12, 31),
    ) else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(DeputyId, NaiveDate, Grade)> = assessment_scores::table
        .inner_join(assessment_runs::table)
        .filter(assessment_runs::congress_id.eq(run.congress_id))
        .filter(assessment_runs::status.eq(RunStatus::Frozen))
        .filter(assessment_runs::period_kind.eq(PeriodKind::Year))
        .filter(assessment_runs::period_from.between(from, to))
        .select((
            assessment_scores::deputy_id,
            assessment_runs::period_from,
            assessment_scores::grade,
        ))
        .load(conn)?;
    let mut out: HashMap<DeputyId, Vec<Option<Grade>>> = HashMap::new();
    for (d, from, grade) in rows {
        let back = (year - from.year()) as usize;
        let v = out.entry(d).or_insert_with(|| vec![None; years as usize]);
        if (1..=v.len()).contains(&back) {
            v[back - 1] = Some(grade);
        }
    }
    Ok(out)
}

/// Flags the quota's excluded posts and the consequence on ranked scores.
fn flag(
    conn: &mut PgConnection,
    run: &RunRow,
    def: &SchemeDefinition,
    scores: &mut [DeputyScore],
) -> QueryResult<()> {
    if let Some(q) = &def.quota {
        for s in scores.iter_mut() {
            if s.deputy.post.is_some_and(|p| q.exclude_posts.contains(&p)) {
                s.flags.push(ScoreFlag::ExcludedFromQuota);
            }
        }
    }
    let Some(c) = def
        .consequence
        .as_ref()
        .filter(|_| run.period_kind == PeriodKind::Year)
    else {
        return Ok(());
    };
    let previous = previous_grades(conn, run, c.years.saturating_sub(1))?;
    for s in scores.iter_mut() {
        let before = previous
            .get(&s.deputy.deputy_id)
            .cloned()
            .unwrap_or_default();
        if repeated_lowest(c.grade, c.years, s.grade, &before) {
            s.flags.push(ScoreFlag::LowestGradeRepeated);
        }
    }
    Ok(())
}

/// The groups of the scored deputies with their names and the activities each organised
/// and held in the period (as the records count them: not cancelled, begun, China
/// Standard Time dates).
fn groups(
    conn: &mut PgConnection,
    run: &RunRow,
    scores: &[DeputyScore],
) -> QueryResult<BTreeMap<DeputyGroupId, (String, u32)>> {
    let ids: Vec<DeputyGroupId> = scores
        .iter()
        .filter_map(|s| s.deputy.deputy_group_id)
        .collect();
    let names: Vec<(DeputyGroupId, String)> = deputy_groups::table
        .filter(deputy_groups::id.eq_any(&ids))
        .select((deputy_groups::id, deputy_groups::name))
        .load(conn)?;
    let held: Vec<(Option<DeputyGroupId>, i64)> = activities::table
        .filter(
            activities::organiser_group_id.eq_any(ids.iter().map(|g| Some(*g)).collect::<Vec<_>>()),
        )
        .filter(activities::status.ne("cancelled"))
        .filter(activities::starts_at.lt(Utc::now()))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ",
            )
            .bind::<diesel::sql_types::Date, _>(run.period_from)
            .sql(" AND ")
            .bind::<diesel::sql_types::Date, _>(run.period_to),
        )
        .group_by(activities::organiser_group_id)
        .select((activities::organiser_group_id, diesel::dsl::count_star()))
        .load(conn)?;
    let held: HashMap<DeputyGroupId, u32> = held
        .into_iter()
        .filter_map(|(g, n)| g.map(|g| (g, n as u32)))
        .collect();
    Ok(names
        .into_iter()
        .map(|(id, name)| (id, (name, held.get(&id).copied().unwrap_or(0))))
        .collect())
}

/// Every deputy's score (with what it was computed from) and the group scores of a run,
/// ranked, from the records now.
pub fn scores_now(
    conn: &mut PgConnection,
    run: &RunRow,
) -> Result<(Vec<Scored>, Vec<GroupScore>), ApiError> {
    let started = Instant::now();
    let def = definition(conn, run)?;
    let deputies = crate::assessments::records::counts::assessed(conn, run.term_id, None, None)?;
    let assessed = started.elapsed();
    let ids: Vec<DeputyId> = deputies.iter().map(|d| d.deputy_id).collect();
    let mut counts =
        crate::assessments::records::counts::for_deputies(conn, run.term_id, run.period(), &ids)?;
    let counted = started.elapsed();
    let mut ratings = ratings(conn, run)?;
    let mut adjustments = adjustments(conn, run)?;
    let mut scores: Vec<DeputyScore> = Vec::with_capacity(deputies.len());
    let mut inputs: HashMap<DeputyId, ScoreInputs> = HashMap::with_capacity(deputies.len());
    for d in deputies {
        let id = d.deputy_id;
        let mut i = ScoreInputs {
            deputy: d,
            counts: counts.remove(&id).unwrap_or_default(),
            ratings: ratings.remove(&id).unwrap_or_default(),
            adjustments: adjustments.remove(&id).unwrap_or_default(),
            flags: vec![],
        };
        scores.push(score_deputy(
            &def,
            i.deputy.clone(),
            &i.counts,
            &i.ratings,
            &i.adjustments,
        ));
        i.counts.counts.retain(|_, n| *n > 0);
        inputs.insert(id, i);
    }
    rank_and_grade(&mut scores, &def.bands);
    flag(conn, run, &def, &mut scores)?;
    let groups = match &def.groups {
        Some(rule) => score_groups(&scores, &groups(conn, run, &scores)?, rule),
        None => vec![],
    };
    log::debug!(
        "run {}: {} deputies; assessed {:?}, counts {:?}, scoring {:?}",
        run.id,
        scores.len(),
        assessed,
        counted - assessed,
        started.elapsed() - counted
    );
    let scores = scores
        .into_iter()
        .filter_map(|s| {
            let mut i = inputs.remove(&s.deputy.deputy_id)?;
            i.flags = s.flags.clone();
            Some((s, i))
        })
        .collect();
    Ok((scores, groups))
}

/// Computes the run and replaces its stored scores; marks the run computed (a new
/// version). Returns how many deputies were scored.
pub fn compute(conn: &mut PgConnection, run: &RunRow) -> Result<u32, ApiError> {
    let (scores, groups) = scores_now(conn, run)?;
    let started = Instant::now();
    store(conn, run, &scores, &groups)?;
    log::debug!("run {}: stored in {:?}", run.id, started.elapsed());
    Ok(scores.len() as u32)
}
