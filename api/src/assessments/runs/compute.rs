//! The computation of a run, written once: the counts of every assessed deputy from the
//! records (one statement, `records::counts`), the rater scores and the upheld
//! objections go through the contract's score engine (`renda_openapi::scoring`); ranks,
//! grades, the quota's exclusions, the repeated-lowest-grade consequence and the group
//! scores follow, and the result replaces the run's stored scores. A frozen run is never
//! computed again: its stored scores are the snapshot.

use super::queries::RunRow;
use crate::error::ApiError;
use crate::schema::{
    activities, assessment_group_scores, assessment_objections, assessment_ratings,
    assessment_runs, assessment_schemes, assessment_scores, deputy_groups,
};
use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    rank_and_grade, repeated_lowest, score_deputy, score_groups, Adjustment, DeputyGroupId,
    DeputyId, DeputyScore, Grade, GroupScore, ObjectionId, ObjectionStatus, PeriodKind, RaterStage,
    RunStatus, SchemeDefinition, ScoreFlag, StageScore,
};
use std::collections::{BTreeMap, HashMap};

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

/// Every deputy's score and the group scores of a run, ranked, from the records now.
pub fn scores_now(
    conn: &mut PgConnection,
    run: &RunRow,
) -> Result<(Vec<DeputyScore>, Vec<GroupScore>), ApiError> {
    let def = definition(conn, run)?;
    let deputies = crate::assessments::records::counts::assessed(conn, run.term_id, None, None)?;
    let ids: Vec<DeputyId> = deputies.iter().map(|d| d.deputy_id).collect();
    let counts =
        crate::assessments::records::counts::for_deputies(conn, run.term_id, run.period(), &ids)?;
    let ratings = ratings(conn, run)?;
    let adjustments = adjustments(conn, run)?;
    let mut scores: Vec<DeputyScore> = deputies
        .into_iter()
        .map(|d| {
            let id = d.deputy_id;
            score_deputy(
                &def,
                d,
                &counts.get(&id).cloned().unwrap_or_default(),
                ratings.get(&id).map(Vec::as_slice).unwrap_or(&[]),
                adjustments.get(&id).map(Vec::as_slice).unwrap_or(&[]),
            )
        })
        .collect();
    rank_and_grade(&mut scores, &def.bands);
    flag(conn, run, &def, &mut scores)?;
    let groups = match &def.groups {
        Some(rule) => score_groups(&scores, &groups(conn, run, &scores)?, rule),
        None => vec![],
    };
    Ok((scores, groups))
}

/// Computes the run and replaces its stored scores; marks the run computed (a new
/// version). Returns how many deputies were scored.
pub fn compute(conn: &mut PgConnection, run: &RunRow) -> Result<u32, ApiError> {
    let (scores, groups) = scores_now(conn, run)?;
    diesel::delete(assessment_scores::table.filter(assessment_scores::run_id.eq(run.id)))
        .execute(conn)?;
    diesel::delete(
        assessment_group_scores::table.filter(assessment_group_scores::run_id.eq(run.id)),
    )
    .execute(conn)?;
    let rows: Vec<_> = scores
        .iter()
        .map(|s| {
            Ok((
                assessment_scores::run_id.eq(run.id),
                assessment_scores::deputy_id.eq(s.deputy.deputy_id),
                assessment_scores::mandate_id.eq(s.deputy.mandate_id),
                assessment_scores::total.eq(s.total),
                assessment_scores::rank.eq(s.rank as i32),
                assessment_scores::grade.eq(s.grade),
                assessment_scores::score.eq(to_json(s)?),
            ))
        })
        .collect::<Result<_, ApiError>>()?;
    for chunk in rows.chunks(1000) {
        diesel::insert_into(assessment_scores::table)
            .values(chunk)
            .execute(conn)?;
    }
    let group_rows: Vec<_> = groups
        .iter()
        .map(|g| {
            Ok((
                assessment_group_scores::run_id.eq(run.id),
                assessment_group_scores::deputy_group_id.eq(g.deputy_group_id),
                assessment_group_scores::total.eq(g.total),
                assessment_group_scores::rank.eq(g.rank as i32),
                assessment_group_scores::score.eq(to_json(g)?),
            ))
        })
        .collect::<Result<_, ApiError>>()?;
    diesel::insert_into(assessment_group_scores::table)
        .values(&group_rows)
        .execute(conn)?;
    diesel::update(assessment_runs::table.find(run.id))
        .set((
            assessment_runs::computed_at.eq(Some(Utc::now())),
            assessment_runs::version.eq(run.version + 1),
            assessment_runs::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    Ok(scores.len() as u32)
}

/// A score as stored: JSON text written and read as it is, without building a
/// `serde_json::Value` in between (3,000 scores are about 14 MB).
#[derive(Debug, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Json)]
pub struct RawJson(String);

impl diesel::serialize::ToSql<diesel::sql_types::Json, diesel::pg::Pg> for RawJson {
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
    ) -> diesel::serialize::Result {
        use std::io::Write;
        out.write_all(self.0.as_bytes())?;
        Ok(diesel::serialize::IsNull::No)
    }
}

impl diesel::deserialize::FromSql<diesel::sql_types::Json, diesel::pg::Pg> for RawJson {
    fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        Ok(RawJson(String::from_utf8(bytes.as_bytes().to_vec())?))
    }
}

/// A value as stored JSON.
fn to_json<T: serde::Serialize>(v: &T) -> Result<RawJson, ApiError> {
    serde_json::to_string(v)
        .map(RawJson)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// A stored value read back.
fn from_json<T: serde::de::DeserializeOwned>(v: RawJson) -> Result<T, ApiError> {
    serde_json::from_str(&v.0).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The stored scores of a run, best first; `only` narrows to one deputy.
pub fn stored(
    conn: &mut PgConnection,
    run: &RunRow,
    only: Option<DeputyId>,
) -> Result<Vec<DeputyScore>, ApiError> {
    let mut q = assessment_scores::table
        .filter(assessment_scores::run_id.eq(run.id))
        .select(assessment_scores::score)
        .order((assessment_scores::rank, assessment_scores::deputy_id))
        .into_boxed();
    if let Some(d) = only {
        q = q.filter(assessment_scores::deputy_id.eq(d));
    }
    q.load::<RawJson>(conn)?
        .into_iter()
        .map(from_json)
        .collect()
}

/// The stored group scores of a run, best first.
pub fn stored_groups(conn: &mut PgConnection, run: &RunRow) -> Result<Vec<GroupScore>, ApiError> {
    assessment_group_scores::table
        .filter(assessment_group_scores::run_id.eq(run.id))
        .select(assessment_group_scores::score)
        .order((
            assessment_group_scores::rank,
            assessment_group_scores::deputy_group_id,
        ))
        .load::<RawJson>(conn)?
        .into_iter()
        .map(from_json)
        .collect()
}
