//! The workflows of the assessment area as pure functions: `(state, step, who, context)
//! → next state or a refusal`. The server guards every step with them; the web client
//! offers a step exactly when its function allows it. Each is tested transition by
//! transition below, without a database.

use super::AppraisalStage;
use crate::messages::{AssessmentMessage as M, CommonMessage};
use crate::{Refusal, Role};
use chrono::NaiveDate;

/// Who takes a step: their role, and whether the record is their own (their entry, their
/// correction request, their score, their objection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    pub own: bool,
}

impl Actor {
    /// The office: administrators and staff (人大办), and an integrating system acting for
    /// it with an `assessments:write` key.
    pub fn is_office(self) -> bool {
        matches!(self.role, Role::Admin | Role::Staff | Role::Integration)
    }

    fn office(self) -> Result<(), Refusal> {
        if self.is_office() {
            Ok(())
        } else {
            Err(role_may_not(self.role))
        }
    }

    fn owner(self) -> Result<(), Refusal> {
        if self.own && self.role == Role::Deputy {
            Ok(())
        } else {
            Err(Refusal::forbidden(M::OnlyTheDeputy))
        }
    }
}

fn role_may_not(role: Role) -> Refusal {
    Refusal::forbidden(CommonMessage::RoleMayNot { role })
}

code_enum! {
    /// A self-declared entry: `pending → approved | rejected | recalled`.
    EntryStatus {
        /// 待审核
        Pending = "pending" / "待审核" / "Waiting for review",
        /// 已通过: part of the record.
        Approved = "approved" / "已通过" / "Approved",
        /// 未通过 (with the office's reason)
        Rejected = "rejected" / "未通过" / "Rejected",
        /// 已撤回 by the deputy before review
        Recalled = "recalled" / "已撤回" / "Recalled",
    }
}

code_enum! {
    /// A step on a self-declared entry.
    EntryStep {
        /// The deputy takes back their entry before it is reviewed.
        Recall = "recall" / "撤回" / "Recall",
        /// The office approves it into the record.
        Approve = "approve" / "通过" / "Approve",
        /// The office rejects it, with a reason.
        Reject = "reject" / "不予通过" / "Reject",
    }
}

/// The state after `step` on an entry in `state`.
///
/// Refusals: 403 when the actor may not take the step (recall: only the deputy who wrote
/// it; approve and reject: only the office); 409 `entry_step_not_allowed` once reviewed.
pub fn entry_step(state: EntryStatus, step: EntryStep, who: Actor) -> Result<EntryStatus, Refusal> {
    match step {
        EntryStep::Recall => who.owner()?,
        EntryStep::Approve | EntryStep::Reject => who.office()?,
    }
    match (state, step) {
        (EntryStatus::Pending, EntryStep::Recall) => Ok(EntryStatus::Recalled),
        (EntryStatus::Pending, EntryStep::Approve) => Ok(EntryStatus::Approved),
        (EntryStatus::Pending, EntryStep::Reject) => Ok(EntryStatus::Rejected),
        (state, step) => Err(Refusal::conflict(M::EntryStepNotAllowed { state, step })),
    }
}

/// Whether `who` may edit an entry in `state`: its deputy, while it waits for review.
pub fn may_edit_entry(state: EntryStatus, who: Actor) -> Result<(), Refusal> {
    who.owner()?;
    if state == EntryStatus::Pending {
        Ok(())
    } else {
        Err(Refusal::conflict(M::EntryReviewed { state }))
    }
}

code_enum! {
    /// A correction request: `open → accepted | rejected | withdrawn`.
    CorrectionStatus {
        /// 待处理
        Open = "open" / "待处理" / "Open",
        /// 已更正: the record follows.
        Accepted = "accepted" / "已更正" / "Corrected",
        /// 不予更正 (with the office's reason)
        Rejected = "rejected" / "不予更正" / "Rejected",
        /// 已撤回 by the deputy
        Withdrawn = "withdrawn" / "已撤回" / "Withdrawn",
    }
}

code_enum! {
    /// A step on a correction request.
    CorrectionStep {
        /// The office corrects the record as asked.
        Accept = "accept" / "更正" / "Correct",
        /// The office refuses, with a reason.
        Reject = "reject" / "不予更正" / "Reject",
        /// The deputy takes the request back.
        Withdraw = "withdraw" / "撤回" / "Withdraw",
    }
}

/// The state after `step` on a correction request in `state`.
///
/// Refusals: 403 (withdraw: its deputy; accept, reject: the office); 409
/// `correction_step_not_allowed` once resolved.
pub fn correction_step(
    state: CorrectionStatus,
    step: CorrectionStep,
    who: Actor,
) -> Result<CorrectionStatus, Refusal> {
    match step {
        CorrectionStep::Withdraw => who.owner()?,
        CorrectionStep::Accept | CorrectionStep::Reject => who.office()?,
    }
    match (state, step) {
        (CorrectionStatus::Open, CorrectionStep::Accept) => Ok(CorrectionStatus::Accepted),
        (CorrectionStatus::Open, CorrectionStep::Reject) => Ok(CorrectionStatus::Rejected),
        (CorrectionStatus::Open, CorrectionStep::Withdraw) => Ok(CorrectionStatus::Withdrawn),
        (state, step) => Err(Refusal::conflict(M::CorrectionStepNotAllowed {
            state,
            step,
        })),
    }
}

code_enum! {
    /// An assessment run: `draft → published → frozen`, or `cancelled` before it is frozen.
    /// Scores are recomputed from the records while the run is a draft or published; a
    /// frozen run is a snapshot that later changes to records never alter.
    RunStatus {
        /// 草稿: scores computed and rated, seen only by the office and the presidium.
        Draft = "draft" / "草稿" / "Draft",
        /// 亮分: scores published, objections accepted until the window closes.
        Published = "published" / "亮分公示中" / "Published",
        /// 已定档: the result is final.
        Frozen = "frozen" / "已定档" / "Frozen",
        /// 已取消
        Cancelled = "cancelled" / "已取消" / "Cancelled",
    }
}

code_enum! {
    /// A step on an assessment run (the office's).
    RunStep {
        /// Recompute every score from the records, the ratings and the upheld objections.
        Compute = "compute" / "重新计分" / "Recompute",
        /// Publish the running score (亮分) and open the objection window.
        Publish = "publish" / "亮分公示" / "Publish",
        /// Freeze the result (closing the objection window), and propose the awards.
        Freeze = "freeze" / "定档" / "Freeze",
        /// Cancel the run.
        Cancel = "cancel" / "取消" / "Cancel",
    }
}

/// What a run step depends on besides the run's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunContext {
    /// Today in the congress's time zone.
    pub today: NaiveDate,
    /// Deputies with a computed score.
    pub scored: u32,
    /// The last day of the objection window (published runs), or the one asked for in a
    /// publish step.
    pub objections_until: Option<NaiveDate>,
    /// Objections not yet resolved.
    pub open_objections: u32,
    /// The office closes the objection window early when it freezes.
    pub close_window_early: bool,
    /// Rater scores given (or changed) after the last computation, which the stored
    /// scores do not hold yet.
    pub ratings_since_compute: u32,
    /// Whether another run of the same term and period is frozen already: a period has
    /// one frozen result, from which its awards come.
    pub period_frozen: bool,
}

/// The state after `step` on a run in `state`.
///
/// Refusals: 403 unless the office; 409 `run_step_not_allowed` from a state that does
/// not allow the step; 409 `run_not_computed` to publish a run without scores; 422
/// `objection_window_in_past` for a window that ends before today; 409
/// `objections_open` to freeze with objections unresolved; 409 `objection_window_open` to
/// freeze inside the window without closing it early; 409 `ratings_since_compute` to
/// freeze while rater scores given after the last computation are not in the scores (a
/// frozen run must hold every score given while it was open); 409 `period_already_frozen`
/// to freeze a second run of the same term and period.
pub fn run_step(
    state: RunStatus,
    step: RunStep,
    who: Actor,
    ctx: &RunContext,
) -> Result<RunStatus, Refusal> {
    who.office()?;
    let not_allowed = || Refusal::conflict(M::RunStepNotAllowed { state, step });
    match (state, step) {
        (RunStatus::Draft | RunStatus::Published, RunStep::Compute) => Ok(state),
        (RunStatus::Draft, RunStep::Publish) => {
            if ctx.scored == 0 {
                return Err(Refusal::conflict(M::RunNotComputed));
            }
            match ctx.objections_until {
                Some(until) if until >= ctx.today => Ok(RunStatus::Published),
                Some(until) => Err(Refusal::invalid(
                    "/objections_until",
                    M::ObjectionWindowInPast { until },
                )),
                None => Err(Refusal::invalid(
                    "/objections_until",
                    CommonMessage::Required,
                )),
            }
        }
        (RunStatus::Published, RunStep::Freeze) => {
            if ctx.period_frozen {
                return Err(Refusal::conflict(M::PeriodAlreadyFrozen));
            }
            if ctx.open_objections > 0 {
                return Err(Refusal::conflict(M::ObjectionsOpen {
                    open: ctx.open_objections,
                }));
            }
            if ctx.ratings_since_compute > 0 {
                return Err(Refusal::conflict(M::RatingsSinceCompute {
                    ratings: ctx.ratings_since_compute,
                }));
            }
            match ctx.objections_until {
                Some(until) if until >= ctx.today && !ctx.close_window_early => {
                    Err(Refusal::conflict(M::ObjectionWindowOpen { until }))
                }
                _ => Ok(RunStatus::Frozen),
            }
        }
        (RunStatus::Draft | RunStatus::Published, RunStep::Cancel) => Ok(RunStatus::Cancelled),
        _ => Err(not_allowed()),
    }
}

/// Whether a run in `state` takes rater scores: while it is a draft or published.
pub fn may_rate(state: RunStatus) -> Result<(), Refusal> {
    match state {
        RunStatus::Draft | RunStatus::Published => Ok(()),
        state => Err(Refusal::conflict(M::RunClosed { state })),
    }
}

/// Whether `who` may give a score at `stage` to a deputy: the deputy themself at the
/// self stage; the leader of the deputy's group at the group stage; presidium members at
/// the presidium stage; the office at the office stage. The constituents' stage comes
/// from ballots, never by hand.
///
/// `leads_group` says whether `who` leads the rated deputy's group; `rated_leads` whether
/// the rated deputy leads their own group. Nobody of the group rates its leader, so a
/// presidium member gives a leader's group-stage score (else the leader would lose that
/// stage's weight).
pub fn may_rate_stage(
    stage: super::RaterStage,
    who: Actor,
    leads_group: bool,
    rated_leads: bool,
) -> Result<(), Refusal> {
    use super::RaterStage as S;
    let ok = match stage {
        S::SelfRating => who.role == Role::Deputy && who.own,
        S::Group if rated_leads => who.role == Role::Presidium && !who.own,
        S::Group => who.role == Role::Deputy && leads_group && !who.own,
        S::Presidium if who.role == Role::Presidium && who.own => {
            return Err(Refusal::forbidden(M::NotOnOwnCase))
        }
        S::Presidium => who.role == Role::Presidium,
        S::Office => who.is_office(),
        S::Constituents => return Err(Refusal::conflict(M::ConstituentsRateByBallots)),
    };
    if ok {
        Ok(())
    } else {
        Err(Refusal::forbidden(M::NotYourRaterStage { stage }))
    }
}

/// Whether a deputy may file an objection to their score: the run is published and today
/// is within the window.
///
/// Refusals: 403 unless the deputy's own score; 409 `objection_window_closed` otherwise.
pub fn may_object(
    state: RunStatus,
    who: Actor,
    today: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<(), Refusal> {
    who.owner()?;
    match (state, until) {
        (RunStatus::Published, Some(until)) if today <= until => Ok(()),
        _ => Err(Refusal::conflict(M::ObjectionWindowClosed)),
    }
}

code_enum! {
    /// An objection (异议): `open → upheld | dismissed | withdrawn`.
    ObjectionStatus {
        /// 待处理
        Open = "open" / "待处理" / "Open",
        /// 异议成立 (possibly with an adjustment of the score)
        Upheld = "upheld" / "异议成立" / "Upheld",
        /// 异议不成立 (with the reason)
        Dismissed = "dismissed" / "异议不成立" / "Dismissed",
        /// 已撤回
        Withdrawn = "withdrawn" / "已撤回" / "Withdrawn",
    }
}

code_enum! {
    /// A step on an objection.
    ObjectionStep {
        /// The office upholds it (with a reason, and optionally an adjustment).
        Uphold = "uphold" / "异议成立" / "Uphold",
        /// The office dismisses it, with a reason.
        Dismiss = "dismiss" / "异议不成立" / "Dismiss",
        /// The deputy takes it back.
        Withdraw = "withdraw" / "撤回" / "Withdraw",
    }
}

/// The state after `step` on an objection in `state`, of a run in `run`.
///
/// Refusals: 403 (withdraw: its deputy; uphold, dismiss: the office); 409
/// `objection_step_not_allowed` once resolved; 409 `run_closed` once the run is frozen.
pub fn objection_step(
    state: ObjectionStatus,
    step: ObjectionStep,
    who: Actor,
    run: RunStatus,
) -> Result<ObjectionStatus, Refusal> {
    match step {
        ObjectionStep::Withdraw => who.owner()?,
        ObjectionStep::Uphold | ObjectionStep::Dismiss => who.office()?,
    }
    if run != RunStatus::Published {
        return Err(Refusal::conflict(M::RunClosed { state: run }));
    }
    match (state, step) {
        (ObjectionStatus::Open, ObjectionStep::Uphold) => Ok(ObjectionStatus::Upheld),
        (ObjectionStatus::Open, ObjectionStep::Dismiss) => Ok(ObjectionStatus::Dismissed),
        (ObjectionStatus::Open, ObjectionStep::Withdraw) => Ok(ObjectionStatus::Withdrawn),
        (state, step) => Err(Refusal::conflict(M::ObjectionStepNotAllowed {
            state,
            step,
        })),
    }
}

code_enum! {
    /// An award: proposed by the rules of a frozen run (or by the office), then confirmed
    /// or declined by the presidium.
    AwardStatus {
        /// 拟表彰
        Proposed = "proposed" / "拟表彰" / "Proposed",
        /// 已表彰 (with date and document number): part of the record.
        Confirmed = "confirmed" / "已表彰" / "Confirmed",
        /// 未予表彰
        Declined = "declined" / "未予表彰" / "Declined",
    }
}

code_enum! {
    /// A step on an award (the presidium's).
    AwardStep {
        /// Confirm, with the date and the document number.
        Confirm = "confirm" / "确认表彰" / "Confirm",
        /// Decline, with a reason.
        Decline = "decline" / "不予表彰" / "Decline",
    }
}

/// The state after `step` on an award in `state`.
///
/// Refusals: 403 unless a presidium member (or an administrator acting for the
/// presidium), 403 `not_on_own_case` on the member's own award (`who.own`); 409
/// `award_step_not_allowed` once decided.
pub fn award_step(state: AwardStatus, step: AwardStep, who: Actor) -> Result<AwardStatus, Refusal> {
    if !matches!(who.role, Role::Presidium | Role::Admin) {
        return Err(Refusal::forbidden(M::OnlyThePresidium));
    }
    if who.own {
        return Err(Refusal::forbidden(M::NotOnOwnCase));
    }
    match (state, step) {
        (AwardStatus::Proposed, AwardStep::Confirm) => Ok(AwardStatus::Confirmed),
        (AwardStatus::Proposed, AwardStep::Decline) => Ok(AwardStatus::Declined),
        (state, step) => Err(Refusal::conflict(M::AwardStepNotAllowed { state, step })),
    }
}

/// What the next stage of a work appraisal needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppraisalContext {
    /// The presidium discussed the plan (a date is recorded).
    pub plan_discussed: bool,
    /// Units (departments) under appraisal.
    pub units: u32,
    /// Deputies on the appraisal team.
    pub team: u32,
    pub units_with_self_check: u32,
    pub units_with_first_ballot: u32,
    pub units_with_opinions: u32,
    pub units_with_rectification: u32,
    pub units_with_second_ballot: u32,
}

/// The stage after advancing a work appraisal from `stage` (the office's step).
///
/// Refusals: 403 unless the office; 409 `appraisal_closed` after the last stage; 409
/// `appraisal_stage_incomplete` naming what the current stage still lacks.
pub fn appraisal_advance(
    stage: AppraisalStage,
    who: Actor,
    ctx: &AppraisalContext,
) -> Result<AppraisalStage, Refusal> {
    use super::AppraisalRequirement as R;
    use AppraisalStage as S;
    who.office()?;
    let missing =
        |requirement: R| Refusal::conflict(M::AppraisalStageIncomplete { stage, requirement });
    let all = |n: u32| n >= ctx.units;
    match stage {
        S::Plan if !ctx.plan_discussed => Err(missing(R::PlanDiscussed)),
        S::Plan if ctx.units == 0 => Err(missing(R::Units)),
        S::Plan if ctx.team == 0 => Err(missing(R::Team)),
        S::Plan => Ok(S::SelfCheck),
        S::SelfCheck if !all(ctx.units_with_self_check) => Err(missing(R::SelfCheckReports)),
        S::SelfCheck => Ok(S::Investigation),
        S::Investigation => Ok(S::AppraisalMeeting),
        S::AppraisalMeeting if !all(ctx.units_with_first_ballot) => Err(missing(R::FirstBallots)),
        S::AppraisalMeeting if !all(ctx.units_with_opinions) => Err(missing(R::Opinions)),
        S::AppraisalMeeting => Ok(S::Rectification),
        S::Rectification if !all(ctx.units_with_rectification) => {
            Err(missing(R::RectificationReports))
        }
        S::Rectification => Ok(S::SecondBallot),
        S::SecondBallot if !all(ctx.units_with_second_ballot) => Err(missing(R::SecondBallots)),
        S::SecondBallot => Ok(S::Closed),
        S::Closed => Err(Refusal::conflict(M::AppraisalClosed)),
    }
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
