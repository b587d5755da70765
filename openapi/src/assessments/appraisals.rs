//! Work appraisal (工作评议) of government departments: a plan the presidium discussed
//! (units, period, team), the units' self-checks, the team's investigation, the appraisal
//! meeting with a ballot per unit, opinions with an issue list, the units' rectification
//! reports and a second ballot. The deputies of the team enter it into their records.

use super::{BallotTally, WorkAppraisalId};
use crate::{CongressId, DeputyId, HandlingOrgId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The stages of a work appraisal, in order.
    AppraisalStage {
        /// 制定方案 (discussed by the presidium)
        Plan = "plan" / "制定方案" / "Plan",
        /// 单位自查
        SelfCheck = "self_check" / "单位自查" / "Self-check",
        /// 调查了解
        Investigation = "investigation" / "调查了解" / "Investigation",
        /// 评议会议 (ballot per unit; opinions and issues)
        AppraisalMeeting = "appraisal_meeting" / "评议测评" / "Appraisal meeting",
        /// 整改落实
        Rectification = "rectification" / "整改落实" / "Rectification",
        /// 整改测评 (second ballot)
        SecondBallot = "second_ballot" / "整改测评" / "Second ballot",
        /// 已结束
        Closed = "closed" / "已结束" / "Closed",
    }
}

code_enum! {
    /// What a stage needs before the appraisal moves on.
    AppraisalRequirement {
        /// The presidium's discussion of the plan (its date).
        PlanDiscussed = "plan_discussed" / "主席团讨论方案的日期" / "the date the presidium discussed the plan",
        /// At least one unit.
        Units = "units" / "被评议单位" / "at least one unit",
        /// At least one deputy on the team.
        Team = "team" / "评议组成员" / "at least one team member",
        /// Every unit's self-check report.
        SelfCheckReports = "self_check_reports" / "各单位的自查报告" / "every unit's self-check report",
        /// Every unit's ballot at the appraisal meeting.
        FirstBallots = "first_ballots" / "各单位的评议测评票" / "every unit's ballot",
        /// Every unit's opinions and issue list.
        Opinions = "opinions" / "各单位的评议意见" / "every unit's opinions",
        /// Every unit's rectification report.
        RectificationReports = "rectification_reports" / "各单位的整改报告" / "every unit's rectification report",
        /// Every unit's second ballot.
        SecondBallots = "second_ballots" / "各单位的整改测评票" / "every unit's second ballot",
    }
}

/// A department under appraisal and what it went through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AppraisalUnit {
    pub handling_org_id: HandlingOrgId,
    pub name: String,
    pub self_check_report: Option<String>,
    pub investigation_notes: Option<String>,
    pub first_ballot: Option<BallotTally>,
    pub first_satisfaction_rate: Option<f64>,
    pub opinions: Option<String>,
    /// The issues to rectify, one per line item.
    pub issues: Vec<String>,
    pub rectification_due: Option<NaiveDate>,
    pub rectification_report: Option<String>,
    pub second_ballot: Option<BallotTally>,
    pub second_satisfaction_rate: Option<f64>,
}

/// A work appraisal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct WorkAppraisal {
    pub id: WorkAppraisalId,
    pub congress_id: CongressId,
    /// 1–100 characters (e.g. 2022年对镇政府部门的工作评议).
    pub title: String,
    pub year: i32,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// The date the presidium discussed the plan.
    pub plan_discussed_on: Option<NaiveDate>,
    /// The plan in words.
    pub plan: Option<String>,
    pub stage: AppraisalStage,
    pub units: Vec<AppraisalUnit>,
    /// The appraisal team's deputies (their records show the appraisal).
    pub team: Vec<super::DeputyBrief>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/work-appraisals` body; `PUT /api/v1/work-appraisals/{id}` takes it too
/// (with `If-Match`), while in the plan stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppraisalInput {
    pub congress_id: CongressId,
    pub title: String,
    pub year: i32,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    #[serde(default)]
    pub plan_discussed_on: Option<NaiveDate>,
    #[serde(default)]
    pub plan: Option<String>,
    /// Handling organisations (departments) of the congress.
    pub units: Vec<HandlingOrgId>,
    /// Deputies of the congress.
    pub team: Vec<DeputyId>,
}

/// `PUT /api/v1/work-appraisals/{id}/units/{org_id}` body: what a unit's current stage
/// records (fields of other stages are refused).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppraisalUnitInput {
    #[serde(default)]
    pub self_check_report: Option<String>,
    #[serde(default)]
    pub investigation_notes: Option<String>,
    #[serde(default)]
    pub first_ballot: Option<BallotTally>,
    #[serde(default)]
    pub opinions: Option<String>,
    #[serde(default)]
    pub issues: Option<Vec<String>>,
    #[serde(default)]
    pub rectification_due: Option<NaiveDate>,
    #[serde(default)]
    pub rectification_report: Option<String>,
    #[serde(default)]
    pub second_ballot: Option<BallotTally>,
}

impl AppraisalStage {
    /// The stage in which each unit field may be written (the office may also correct a
    /// field of the current stage's predecessors until the appraisal is closed).
    pub fn writes(self, field: AppraisalField) -> bool {
        use AppraisalField as F;
        use AppraisalStage as S;
        let stage_of = match field {
            F::SelfCheckReport => S::SelfCheck,
            F::InvestigationNotes => S::Investigation,
            F::FirstBallot | F::Opinions | F::Issues => S::AppraisalMeeting,
            F::RectificationDue => S::AppraisalMeeting,
            F::RectificationReport => S::Rectification,
            F::SecondBallot => S::SecondBallot,
        };
        self != S::Closed && self.rank() >= stage_of.rank()
    }

    /// Position in the order of stages.
    pub fn rank(self) -> u8 {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as u8
    }
}

code_enum! {
    /// A unit field of a work appraisal (see [`AppraisalStage::writes`]).
    AppraisalField {
        SelfCheckReport = "self_check_report" / "自查报告" / "self-check report",
        InvestigationNotes = "investigation_notes" / "调查情况" / "investigation notes",
        FirstBallot = "first_ballot" / "评议测评票" / "ballot",
        Opinions = "opinions" / "评议意见" / "opinions",
        Issues = "issues" / "问题清单" / "issue list",
        RectificationDue = "rectification_due" / "整改期限" / "rectification deadline",
        RectificationReport = "rectification_report" / "整改报告" / "rectification report",
        SecondBallot = "second_ballot" / "整改测评票" / "second ballot",
    }
}
