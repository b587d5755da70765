//! Work appraisal (工作评议) of government departments: a plan the presidium discussed
//! (units, period, team), the units' self-checks, the team's investigation, the appraisal
//! meeting with a ballot per unit, opinions with an issue list, the units' rectification
//! reports and a second ballot. The deputies of the team enter it into their records.

use super::{appraisal_advance, Actor, AppraisalContext, BallotTally, WorkAppraisalId};
use crate::messages::AssessmentMessage as M;
use crate::{CongressId, DeputyId, HandlingOrgId, Refusal};
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

/// `POST /api/v1/work-appraisals/{id}/transitions` body: the stage to move to, which must
/// be the one after the current stage (stages are never skipped nor gone back to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppraisalTransition {
    pub to: AppraisalStage,
}

/// `GET /api/v1/work-appraisals` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct AppraisalListQuery {
    pub congress_id: Option<CongressId>,
    pub year: Option<i32>,
    pub stage: Option<AppraisalStage>,
    /// Only units of this department.
    pub handling_org_id: Option<HandlingOrgId>,
    /// Only appraisals with this deputy on the team.
    pub deputy_id: Option<DeputyId>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of `GET /api/v1/work-appraisals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct WorkAppraisalPage {
    pub items: Vec<WorkAppraisal>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl AppraisalStage {
    /// The stage after this one (none after closing).
    pub fn next(self) -> Option<AppraisalStage> {
        Self::ALL.get(usize::from(self.rank()) + 1).copied()
    }
}

/// Moves a work appraisal from `stage` to `to` (the office's step): `to` must be the next
/// stage, and the current stage complete (see [`appraisal_advance`]).
///
/// Refusals: 403 unless the office; 409 `appraisal_closed`; 409
/// `appraisal_step_out_of_order` for a stage skipped or gone back to; 409
/// `appraisal_stage_incomplete` naming what the current stage still lacks.
pub fn appraisal_move(
    stage: AppraisalStage,
    to: AppraisalStage,
    who: Actor,
    ctx: &AppraisalContext,
) -> Result<AppraisalStage, Refusal> {
    if who.is_office() && stage != AppraisalStage::Closed && stage.next() != Some(to) {
        return Err(Refusal::conflict(M::AppraisalStepOutOfOrder { stage, to }));
    }
    appraisal_advance(stage, who, ctx)
}

impl AppraisalUnitInput {
    /// The fields the input sets.
    pub fn fields(&self) -> Vec<AppraisalField> {
        use AppraisalField as F;
        [
            (self.self_check_report.is_some(), F::SelfCheckReport),
            (self.investigation_notes.is_some(), F::InvestigationNotes),
            (self.first_ballot.is_some(), F::FirstBallot),
            (self.opinions.is_some(), F::Opinions),
            (self.issues.is_some(), F::Issues),
            (self.rectification_due.is_some(), F::RectificationDue),
            (self.rectification_report.is_some(), F::RectificationReport),
            (self.second_ballot.is_some(), F::SecondBallot),
        ]
        .into_iter()
        .filter_map(|(set, f)| set.then_some(f))
        .collect()
    }

    /// Whether the appraisal's `stage` takes every field the input sets.
    ///
    /// Refusals: 409 `appraisal_closed` once closed; 409 `field_not_in_stage` for the
    /// first field of a later stage.
    pub fn allowed_in(&self, stage: AppraisalStage) -> Result<(), Refusal> {
        if stage == AppraisalStage::Closed {
            return Err(Refusal::conflict(M::AppraisalClosed));
        }
        match self.fields().into_iter().find(|f| !stage.writes(*f)) {
            Some(field) => Err(Refusal::conflict(M::FieldNotInStage { field, stage })),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use AppraisalStage as S;

    const OFFICE: Actor = Actor {
        role: Role::Staff,
        own: false,
    };

    fn code(r: Result<AppraisalStage, Refusal>) -> String {
        r.unwrap_err().message.code().to_string()
    }

    #[test]
    fn stages_follow_in_order_and_none_is_skipped() {
        let full = AppraisalContext {
            plan_discussed: true,
            units: 1,
            team: 1,
            units_with_self_check: 1,
            units_with_first_ballot: 1,
            units_with_opinions: 1,
            units_with_rectification: 1,
            units_with_second_ballot: 1,
        };
        let mut stage = S::Plan;
        while let Some(next) = stage.next() {
            assert_eq!(appraisal_move(stage, next, OFFICE, &full), Ok(next));
            stage = next;
        }
        assert_eq!(stage, S::Closed);
        assert_eq!(
            code(appraisal_move(S::Plan, S::Investigation, OFFICE, &full)),
            "appraisal_step_out_of_order"
        );
        assert_eq!(
            code(appraisal_move(
                S::Rectification,
                S::SelfCheck,
                OFFICE,
                &full
            )),
            "appraisal_step_out_of_order"
        );
        assert_eq!(
            code(appraisal_move(S::Closed, S::Plan, OFFICE, &full)),
            "appraisal_closed"
        );
        let deputy = Actor {
            role: Role::Deputy,
            own: true,
        };
        assert_eq!(
            code(appraisal_move(S::Plan, S::SelfCheck, deputy, &full)),
            "role_may_not"
        );
        let empty = AppraisalContext::default();
        assert_eq!(
            code(appraisal_move(S::Plan, S::SelfCheck, OFFICE, &empty)),
            "appraisal_stage_incomplete"
        );
    }

    #[test]
    fn a_unit_field_waits_for_its_stage() {
        let report = AppraisalUnitInput {
            rectification_report: Some("已整改".into()),
            ..Default::default()
        };
        assert!(report.allowed_in(S::AppraisalMeeting).is_err());
        assert!(report.allowed_in(S::Rectification).is_ok());
        assert!(report.allowed_in(S::SecondBallot).is_ok());
        assert!(report.allowed_in(S::Closed).is_err());
        assert!(AppraisalUnitInput::default().allowed_in(S::Plan).is_ok());
        let check = AppraisalUnitInput {
            self_check_report: Some("自查".into()),
            ..Default::default()
        };
        assert!(check.allowed_in(S::Plan).is_err());
    }
}
