//! Awards (表彰): outstanding deputies (优秀人大代表) and outstanding deputy groups
//! (先进代表小组), proposed by the rules of a frozen run and confirmed by the presidium
//! with a date and a document number; a confirmed award enters the performance record.

use super::{AssessmentRunId, AwardId, AwardStatus};
use crate::{CongressId, DeputyGroupId, DeputyId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// What is awarded.
    AwardKind {
        /// 优秀人大代表
        OutstandingDeputy = "outstanding_deputy" / "优秀人大代表" / "Outstanding deputy",
        /// 先进代表小组
        OutstandingGroup = "outstanding_group" / "先进代表小组" / "Outstanding deputy group",
    }
}

/// An award to a deputy or a deputy group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Award {
    pub id: AwardId,
    pub congress_id: CongressId,
    pub kind: AwardKind,
    /// For an outstanding deputy.
    pub deputy_id: Option<DeputyId>,
    /// For an outstanding group.
    pub deputy_group_id: Option<DeputyGroupId>,
    /// The deputy's or the group's name.
    pub name: String,
    /// The run that proposed it.
    pub run_id: Option<AssessmentRunId>,
    /// The year it is for.
    pub year: i32,
    /// Rank in the run when proposed; absent for a deputy reading another's award.
    pub rank: Option<u32>,
    /// Total score in the run when proposed; absent for a deputy reading another's award.
    pub total: Option<f64>,
    pub status: AwardStatus,
    /// Confirmed: the date of the presidium's decision.
    pub awarded_on: Option<NaiveDate>,
    /// Confirmed: the document number (文号), e.g. 兆人大〔2023〕3号.
    pub document_no: Option<String>,
    /// Declined: why.
    pub decline_reason: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// `POST /api/v1/awards/{id}/transitions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardTransition {
    pub step: super::AwardStep,
    /// Confirm: the date of the decision (not in the future).
    #[serde(default)]
    pub awarded_on: Option<NaiveDate>,
    /// Confirm: the document number, 1–50 characters.
    #[serde(default)]
    pub document_no: Option<String>,
    /// Decline: 1–500 characters.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `GET /api/v1/awards` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct AwardListQuery {
    pub congress_id: Option<CongressId>,
    pub status: Option<AwardStatus>,
    pub year: Option<i32>,
    pub deputy_id: Option<DeputyId>,
    pub run_id: Option<AssessmentRunId>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Rows per page, 1–200 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of awards (oldest first; with `updated_since`, by change time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AwardPage {
    pub items: Vec<Award>,
    /// Where the next page starts; none on the last page.
    pub next_cursor: Option<String>,
}
