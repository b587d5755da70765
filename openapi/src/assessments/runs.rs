//! Assessment runs (考核): every deputy's score for a period under a scheme version, rater
//! scores, the published running score (亮分) with its objection window (异议), freezing,
//! and group scores.

use super::{
    AssessmentRunId, AssessmentSchemeId, DeputyScore, GroupScore, ObjectionId, ObjectionStatus,
    OutstandingProposal, Period, RaterStage, RunStatus,
};
use crate::{CongressId, DeputyId, TermId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The length of a run's period.
    PeriodKind {
        /// 年度
        Year = "year" / "年度" / "Year",
        /// 季度 (Bishan: a quarterly published score)
        Quarter = "quarter" / "季度" / "Quarter",
    }
}

/// An assessment run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AssessmentRun {
    pub id: AssessmentRunId,
    pub congress_id: CongressId,
    /// The term whose deputies are assessed (those in office at the end of the period or
    /// when the run is computed, suspended ones included, terminated ones not).
    pub term_id: TermId,
    pub scheme_id: AssessmentSchemeId,
    pub scheme_name: String,
    /// 1–100 characters (e.g. 2022年度代表履职考核).
    pub name: String,
    pub period_kind: PeriodKind,
    pub period: Period,
    pub status: RunStatus,
    /// Published: whether every deputy sees every score (else each sees their own).
    pub publish_to_all: bool,
    /// Published: the last day objections are taken.
    pub objections_until: Option<NaiveDate>,
    /// Deputies scored at the last computation.
    pub scored: u32,
    pub computed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub frozen_at: Option<DateTime<Utc>>,
    pub open_objections: u32,
    /// Rater scores given after the last computation: the run is computed again before it
    /// can freeze.
    #[serde(default)]
    pub ratings_since_compute: u32,
    /// The quota's proposal, once frozen; absent for a deputy when the run is not
    /// published to all (they see no one else's score there).
    pub proposal: Option<OutstandingProposal>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/assessment-runs` body: a year (`quarter` none) or a quarter of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RunInput {
    pub term_id: TermId,
    pub scheme_id: AssessmentSchemeId,
    pub name: String,
    pub year: i32,
    /// 1–4 for a quarterly run.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schema(minimum = 1, maximum = 4))]
    pub quarter: Option<u32>,
}

/// `POST /api/v1/assessment-runs/{id}/transitions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RunTransition {
    pub step: super::RunStep,
    /// Publish: the last day of the objection window (today or later).
    #[serde(default)]
    pub objections_until: Option<NaiveDate>,
    /// Publish: every deputy sees every score (default: each their own).
    #[serde(default)]
    pub publish_to_all: bool,
    /// Freeze: close the objection window before its last day.
    #[serde(default)]
    pub close_window_early: bool,
}

/// `GET /api/v1/assessment-runs` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct RunListQuery {
    pub congress_id: Option<CongressId>,
    pub status: Option<RunStatus>,
    pub year: Option<i32>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Rows per page, 1–200 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of runs (newest first; with `updated_since`, by change time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RunPage {
    pub items: Vec<AssessmentRun>,
    /// Where the next page starts; none on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/assessment-runs/{id}/scores`: the ranking (all deputies for the office and
/// the presidium, and for deputies when published to all; else the caller's own row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RunScores {
    pub run_id: AssessmentRunId,
    pub status: RunStatus,
    /// Deputies scored in the run (all of them, also when `scores` holds one row).
    pub assessed: u32,
    pub scores: Vec<DeputyScore>,
    pub groups: Vec<GroupScore>,
}

/// One rater score (`PUT /api/v1/assessment-runs/{id}/ratings` body and list item).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Rating {
    pub deputy_id: DeputyId,
    pub stage: RaterStage,
    /// 0–100.
    pub score: f64,
    /// Up to 500 characters.
    #[serde(default)]
    pub comment: Option<String>,
    /// Filled in by the server.
    #[serde(default)]
    pub rater_id: Option<UserId>,
    #[serde(default)]
    pub rater_name: Option<String>,
    #[serde(default)]
    pub rated_at: Option<DateTime<Utc>>,
}

/// A score the caller may give in a run (`GET /api/v1/assessment-runs/{id}/rateable`):
/// the deputy, the stage, and the caller's score so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Rateable {
    pub deputy: super::DeputyBrief,
    pub stage: RaterStage,
    /// The caller's score of this deputy at this stage; none: not rated yet.
    pub rating: Option<Rating>,
}

/// An objection (异议) to a published score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Objection {
    pub id: ObjectionId,
    pub run_id: AssessmentRunId,
    pub deputy_id: DeputyId,
    pub deputy_name: String,
    /// The item objected to; none: the score as a whole.
    pub item_key: Option<String>,
    /// The deputy's reasons (1–2,000 characters).
    pub text: String,
    pub status: ObjectionStatus,
    /// The office's reason for its decision.
    pub resolution: Option<String>,
    /// Points added (negative: taken off) by an upheld objection.
    pub adjustment: Option<f64>,
    pub resolved_by: Option<UserId>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Changed last (filed, resolved or withdrawn).
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/assessment-runs/{id}/objections` body (the deputy's own score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ObjectionInput {
    #[serde(default)]
    pub item_key: Option<String>,
    pub text: String,
}

/// `POST /api/v1/objections/{id}/transitions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ObjectionTransition {
    pub step: super::ObjectionStep,
    /// Required to uphold or dismiss (1–500 characters).
    #[serde(default)]
    pub resolution: Option<String>,
    /// Uphold: points to add to the objected item (or the total), −100 to 100.
    #[serde(default)]
    pub adjustment: Option<f64>,
}
