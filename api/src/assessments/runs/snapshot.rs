//! A run's stored scores (the snapshot a frozen run answers with). Each deputy's row
//! keeps the total, rank and grade as columns and, as JSON, what the score was computed
//! from (`inputs`): the deputy as assessed, the counts of their record, the rater scores,
//! the upheld objections' adjustments and the flags, about 0.7 KB a deputy. While a run
//! can still be recomputed, its item-by-item breakdown is rebuilt from these on read with
//! the run's scheme version (frozen once a run uses it, `scheme_frozen`). Freezing writes
//! the breakdown itself (`score`, about 5 KB a deputy) beside the inputs, once: a frozen
//! run then reads exactly what was computed, whatever later versions of the score engine
//! do. Rows written before inputs existed have only `score` and are read as they are.
//! Group scores are few and stored whole.

use super::queries::RunRow;
use crate::error::ApiError;
use crate::schema::{assessment_group_scores, assessment_runs, assessment_scores};
use chrono::Utc;
use diesel::prelude::*;
use renda_openapi::{
    score_deputy, Adjustment, DeputyBrief, DeputyScore, Grade, GroupScore, MetricCounts,
    SchemeDefinition, ScoreFlag, StageScore,
};
use serde::{Deserialize, Serialize};

/// What one deputy's score is computed from, as stored (zero counts left out).
#[derive(Debug, Serialize, Deserialize)]
pub struct ScoreInputs {
    /// The deputy as assessed (name, group, post at the time).
    pub deputy: DeputyBrief,
    /// The counts of their record over the run's period.
    pub counts: MetricCounts,
    /// The rater scores given for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<StageScore>,
    /// The adjustments of upheld objections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// The flags of the score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ScoreFlag>,
}

impl ScoreInputs {
    /// The score these inputs give under `def`, with the stored total, rank and grade.
    fn rebuild(self, def: &SchemeDefinition, total: f64, rank: i32, grade: Grade) -> DeputyScore {
        let mut s = score_deputy(
            def,
            self.deputy,
            &self.counts,
            &self.ratings,
            &self.adjustments,
        );
        s.total = total;
        s.rank = rank.max(0) as u32;
        s.grade = grade;
        s.flags = self.flags;
        s
    }
}

/// A deputy's score with what it was computed from.
pub type Scored = (DeputyScore, ScoreInputs);

/// JSON text written and read as it is, without building a `serde_json::Value`.
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
fn to_json<T: Serialize>(v: &T) -> Result<RawJson, ApiError> {
    serde_json::to_string(v)
        .map(RawJson)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// A stored value read back.
fn from_json<T: serde::de::DeserializeOwned>(v: RawJson) -> Result<T, ApiError> {
    serde_json::from_str(&v.0).map_err(|e| ApiError::Internal(e.to_string()))
}

/// Replaces the run's stored scores with `scores` (each with its inputs) and `groups`,
/// and marks the run computed (a new version). The deputies' rows go in by one binary
/// `COPY`.
pub fn store(
    conn: &mut PgConnection,
    run: &RunRow,
    scores: &[Scored],
    groups: &[GroupScore],
) -> Result<(), ApiError> {
    diesel::delete(assessment_scores::table.filter(assessment_scores::run_id.eq(run.id)))
        .execute(conn)?;
    diesel::delete(
        assessment_group_scores::table.filter(assessment_group_scores::run_id.eq(run.id)),
    )
    .execute(conn)?;
    let rows: Vec<_> = scores
        .iter()
        .map(|(s, inputs)| {
            Ok((
                assessment_scores::run_id.eq(run.id),
                assessment_scores::deputy_id.eq(s.deputy.deputy_id),
                assessment_scores::mandate_id.eq(s.deputy.mandate_id),
                assessment_scores::total.eq(s.total),
                assessment_scores::rank.eq(s.rank as i32),
                assessment_scores::grade.eq(s.grade),
                assessment_scores::inputs.eq(Some(to_json(inputs)?)),
            ))
        })
        .collect::<Result<_, ApiError>>()?;
    diesel::copy_from(assessment_scores::table)
        .from_insertable(rows)
        .execute(conn)?;
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
    Ok(())
}

/// The stored scores of a run, best first; `only` narrows to one deputy.
pub fn stored(
    conn: &mut PgConnection,
    run: &RunRow,
    only: Option<renda_openapi::DeputyId>,
) -> Result<Vec<DeputyScore>, ApiError> {
    let def = super::compute::definition(conn, run)?;
    let mut q = assessment_scores::table
        .filter(assessment_scores::run_id.eq(run.id))
        .select((
            assessment_scores::total,
            assessment_scores::rank,
            assessment_scores::grade,
            assessment_scores::inputs,
            assessment_scores::score,
        ))
        .order((assessment_scores::rank, assessment_scores::deputy_id))
        .into_boxed();
    if let Some(d) = only {
        q = q.filter(assessment_scores::deputy_id.eq(d));
    }
    type Row = (f64, i32, Grade, Option<RawJson>, Option<RawJson>);
    q.load::<Row>(conn)?
        .into_iter()
        .map(
            |(total, rank, grade, inputs, score)| match (score, inputs) {
                (Some(score), _) => from_json(score),
                (None, Some(inputs)) => {
                    Ok(from_json::<ScoreInputs>(inputs)?.rebuild(&def, total, rank, grade))
                }
                (None, None) => Err(ApiError::Internal("a stored score without content".into())),
            },
        )
        .collect()
}

/// Writes every deputy's breakdown, as read now, beside its inputs: done when the run
/// freezes, so that the snapshot no longer depends on the score engine. One statement.
pub fn keep_breakdown(conn: &mut PgConnection, run: &RunRow) -> Result<(), ApiError> {
    use diesel::sql_types::{Array, Text, Uuid as SqlUuid};
    let scores = stored(conn, run, None)?;
    let ids: Vec<uuid::Uuid> = scores.iter().map(|s| s.deputy.deputy_id.0).collect();
    let texts: Vec<String> = scores
        .iter()
        .map(|s| to_json(s).map(|j| j.0))
        .collect::<Result<_, _>>()?;
    diesel::sql_query(
        "UPDATE assessment_scores s SET score = v.score::json \
         FROM unnest($2::uuid[], $3::text[]) AS v (deputy_id, score) \
         WHERE s.run_id = $1 AND s.deputy_id = v.deputy_id",
    )
    .bind::<SqlUuid, _>(run.id)
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Array<Text>, _>(texts)
    .execute(conn)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use renda_openapi::{assessments::templates, DeputyId, MandateId, Metric, RaterStage};

    /// Stored inputs, written as JSON and read back, rebuild the score the engine gives,
    /// with the stored total, rank, grade and flags; zero counts left out change nothing.
    #[test]
    fn inputs_rebuild_the_computed_score() {
        let def = templates::points_zhrd().definition;
        let deputy = DeputyBrief {
            deputy_id: DeputyId(uuid::Uuid::now_v7()),
            name: "王建国".into(),
            mandate_id: MandateId(uuid::Uuid::now_v7()),
            deputy_group_id: None,
            deputy_group_name: None,
            delegation_name: None,
            constituency: Some("第一选区".into()),
            post: None,
        };
        let mut counts = MetricCounts::default();
        counts.set(Metric::SessionsInvited, 2);
        counts.set(Metric::SessionsAttended, 2);
        counts.set(Metric::Inspections, 3);
        counts.counts.insert(Metric::Trainings, 0);
        let ratings = vec![StageScore {
            stage: RaterStage::Office,
            score: 8.5,
        }];
        let computed = score_deputy(&def, deputy.clone(), &counts, &ratings, &[]);
        counts.counts.retain(|_, n| *n > 0);
        let stored = ScoreInputs {
            deputy,
            counts,
            ratings,
            adjustments: vec![],
            flags: vec![ScoreFlag::ExcludedFromQuota],
        };
        let text = serde_json::to_string(&stored).unwrap();
        assert!(!text.contains("trainings"), "{text}");
        assert!(!text.contains("adjustments"), "{text}");
        let back: ScoreInputs = serde_json::from_str(&text).unwrap();
        let rebuilt = back.rebuild(&def, computed.total, 7, Grade::Good);
        assert_eq!(rebuilt.items, computed.items);
        assert_eq!(rebuilt.total, computed.total);
        assert_eq!((rebuilt.rank, rebuilt.grade), (7, Grade::Good));
        assert_eq!(rebuilt.flags, vec![ScoreFlag::ExcludedFromQuota]);
    }
}
