//! Messages of the assessment area (records, entries, corrections, schemes, runs,
//! objections, awards, duty reports, work appraisals, publication).

use super::{Catalogue, Lang};
use crate::assessments::{
    AppraisalField, AppraisalRequirement, AppraisalStage, AwardStatus, AwardStep, CorrectionStatus,
    CorrectionStep, EntryStatus, EntryStep, ObjectionStatus, ObjectionStep, RaterStage, RunStatus,
    RunStep,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A message of the assessment area (see [`super::Message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum AssessmentMessage {
    /// Only the deputy whose record it is may do this.
    OnlyTheDeputy,
    /// Only the presidium confirms or declines awards.
    OnlyThePresidium,
    /// A presidium member decides neither on their own award nor rates themself at the
    /// presidium stage.
    NotOnOwnCase,
    /// The caller's account is not linked to a deputy.
    NoDeputyAccount,
    /// The deputy holds no mandate in the congress or term.
    NotADeputyOfTheTerm,
    /// A period longer than allowed.
    PeriodTooLong {
        /// Most years.
        years: u32,
    },
    /// A reason is required for this step.
    ReasonRequired,
    /// A date in the future where only past dates make sense.
    DateInFuture,
    /// A step an entry's state does not allow.
    EntryStepNotAllowed { state: EntryStatus, step: EntryStep },
    /// An entry that has been reviewed (or recalled) can no longer be edited.
    EntryReviewed { state: EntryStatus },
    /// The kind of entry is not active.
    EntryKindInactive,
    /// A step a correction request's state does not allow.
    CorrectionStepNotAllowed {
        state: CorrectionStatus,
        step: CorrectionStep,
    },
    /// The activity was not in the deputy's term, or was cancelled.
    ActivityNotCorrectable,
    /// The attendance a correction asks for is already the one recorded.
    AttendanceAlreadyRecorded,
    /// An attendance correction can ask for present, late or on leave only.
    CorrectionStatusInvalid,
    /// Leave excuses an absence only when approved before the activity began (R12; DL 13):
    /// a correction to `on_leave` needs such a leave request.
    LeaveNotApprovedBeforeStart,
    /// A scheme with no items.
    SchemeWithoutItems,
    /// More items than a scheme may have.
    TooManyItems { max: u32 },
    /// Points, caps or weights that are negative, not numbers, or zero where they must
    /// be positive.
    InvalidPoints,
    /// An item key (or kind code) not of the form `[a-z0-9_]{1,40}`.
    InvalidItemKey,
    /// Two items with one key.
    DuplicateItemKey { key: String },
    /// An item label empty or longer than 60 characters.
    InvalidLabel,
    /// Rate bands empty, out of 0–100, or not strictly descending.
    RateBandsInvalid,
    /// Rater weights missing, repeated, or not summing to 1.
    RaterWeightsInvalid,
    /// Rater weights without an item that uses them.
    RatersUnused,
    /// Grade bands empty, repeated, or not descending.
    GradeBandsInvalid,
    /// A quota of 0 % or over 100 %.
    QuotaPercentInvalid,
    /// A consequence over 0 years.
    InvalidYears,
    /// A group rule with a weight outside 0–1 or negative points.
    GroupRuleInvalid,
    /// An unknown template code.
    UnknownTemplate { code: String },
    /// The scheme version is in use by a run: make a new version to change it.
    SchemeFrozen,
    /// A step a run's state does not allow.
    RunStepNotAllowed { state: RunStatus, step: RunStep },
    /// A run without computed scores cannot be published.
    RunNotComputed,
    /// An objection window that ends before today.
    ObjectionWindowInPast { until: NaiveDate },
    /// Objections still open.
    ObjectionsOpen { open: u32 },
    /// Freezing inside the objection window without closing it early.
    ObjectionWindowOpen { until: NaiveDate },
    /// Rater scores given after the last computation: recompute before freezing.
    RatingsSinceCompute { ratings: u32 },
    /// The run no longer changes (frozen or cancelled).
    RunClosed { state: RunStatus },
    /// Freezing a second run of a term and period that has a frozen one.
    PeriodAlreadyFrozen,
    /// Deleting a deputy whose scores are in frozen runs (the snapshot never changes).
    DeputyInFrozenRun { runs: u32 },
    /// The constituents' stage comes from duty-report ballots.
    ConstituentsRateByBallots,
    /// The caller does not give scores at this stage for this deputy.
    NotYourRaterStage { stage: RaterStage },
    /// The scheme has no such rater stage.
    StageNotInScheme { stage: RaterStage },
    /// The deputy is not assessed in this run.
    NotInRun,
    /// Objections are taken only while the score is published, within the window.
    ObjectionWindowClosed,
    /// An item key the scheme does not have.
    UnknownItem { key: String },
    /// A step an objection's state does not allow.
    ObjectionStepNotAllowed {
        state: ObjectionStatus,
        step: ObjectionStep,
    },
    /// The caller may not see these scores (not published to them).
    ScoresNotPublished,
    /// A step an award's state does not allow.
    AwardStepNotAllowed { state: AwardStatus, step: AwardStep },
    /// Confirming an award needs its date and document number.
    AwardNeedsDocument,
    /// The activity is not a duty report (kind `duty_report`).
    NotADutyReportActivity,
    /// A report at a cancelled activity would never count.
    ActivityCancelled,
    /// The deputy already has a duty report at this activity.
    DutyReportExists,
    /// More valid ballots than constituents' representatives present.
    BallotsExceedAudience { audience: u32, ballots: u32 },
    /// More ballots cast (valid and invalid) than constituents' representatives present.
    BallotsCastExceedAudience { audience: u32, cast: u32 },
    /// The valid ballots a sheet states differ from 满意 + 基本满意 + 不满意.
    BallotSumMismatch { valid: u32, sum: u32 },
    /// A sheet names a deputy who did not report at the activity (or two who did).
    NotReportedHere { name: String },
    /// A transition of a work appraisal to a stage other than the next one.
    AppraisalStepOutOfOrder {
        stage: AppraisalStage,
        to: AppraisalStage,
    },
    /// A stage of a work appraisal that still lacks something.
    AppraisalStageIncomplete {
        stage: AppraisalStage,
        requirement: AppraisalRequirement,
    },
    /// The work appraisal is closed.
    AppraisalClosed,
    /// A unit field that the appraisal's stage does not take yet.
    FieldNotInStage {
        field: AppraisalField,
        stage: AppraisalStage,
    },
    /// The plan can change only in the plan stage.
    PlanFixed,
    /// The department is not a unit of this appraisal.
    NotAnAppraisalUnit,
    /// The congress does not publish deputies' pages.
    PublicationOff,
}

use AssessmentMessage as A;

impl Catalogue for AssessmentMessage {
    fn code(&self) -> &'static str {
        match self {
            A::OnlyTheDeputy => "only_the_deputy",
            A::OnlyThePresidium => "only_the_presidium",
            A::NotOnOwnCase => "not_on_own_case",
            A::NoDeputyAccount => "no_deputy_account",
            A::NotADeputyOfTheTerm => "not_a_deputy_of_the_term",
            A::PeriodTooLong { .. } => "period_too_long",
            A::ReasonRequired => "reason_required",
            A::DateInFuture => "date_in_future",
            A::EntryStepNotAllowed { .. } => "entry_step_not_allowed",
            A::EntryReviewed { .. } => "entry_reviewed",
            A::EntryKindInactive => "entry_kind_inactive",
            A::CorrectionStepNotAllowed { .. } => "correction_step_not_allowed",
            A::ActivityNotCorrectable => "activity_not_correctable",
            A::AttendanceAlreadyRecorded => "attendance_already_recorded",
            A::CorrectionStatusInvalid => "correction_status_invalid",
            A::LeaveNotApprovedBeforeStart => "leave_not_approved_before_start",
            A::SchemeWithoutItems => "scheme_without_items",
            A::TooManyItems { .. } => "too_many_items",
            A::InvalidPoints => "invalid_points",
            A::InvalidItemKey => "invalid_item_key",
            A::DuplicateItemKey { .. } => "duplicate_item_key",
            A::InvalidLabel => "invalid_label",
            A::RateBandsInvalid => "rate_bands_invalid",
            A::RaterWeightsInvalid => "rater_weights_invalid",
            A::RatersUnused => "raters_unused",
            A::GradeBandsInvalid => "grade_bands_invalid",
            A::QuotaPercentInvalid => "quota_percent_invalid",
            A::InvalidYears => "invalid_years",
            A::GroupRuleInvalid => "group_rule_invalid",
            A::UnknownTemplate { .. } => "unknown_template",
            A::SchemeFrozen => "scheme_frozen",
            A::RunStepNotAllowed { .. } => "run_step_not_allowed",
            A::RunNotComputed => "run_not_computed",
            A::ObjectionWindowInPast { .. } => "objection_window_in_past",
            A::ObjectionsOpen { .. } => "objections_open",
            A::RatingsSinceCompute { .. } => "ratings_since_compute",
            A::ObjectionWindowOpen { .. } => "objection_window_open",
            A::RunClosed { .. } => "run_closed",
            A::DeputyInFrozenRun { .. } => "deputy_in_frozen_run",
            A::PeriodAlreadyFrozen => "period_already_frozen",
            A::ConstituentsRateByBallots => "constituents_rate_by_ballots",
            A::NotYourRaterStage { .. } => "not_your_rater_stage",
            A::StageNotInScheme { .. } => "stage_not_in_scheme",
            A::NotInRun => "not_in_run",
            A::ObjectionWindowClosed => "objection_window_closed",
            A::UnknownItem { .. } => "unknown_item",
            A::ObjectionStepNotAllowed { .. } => "objection_step_not_allowed",
            A::ScoresNotPublished => "scores_not_published",
            A::AwardStepNotAllowed { .. } => "award_step_not_allowed",
            A::AwardNeedsDocument => "award_needs_document",
            A::NotADutyReportActivity => "not_a_duty_report_activity",
            A::ActivityCancelled => "activity_cancelled",
            A::DutyReportExists => "duty_report_exists",
            A::BallotsExceedAudience { .. } => "ballots_exceed_audience",
            A::BallotsCastExceedAudience { .. } => "ballots_cast_exceed_audience",
            A::BallotSumMismatch { .. } => "ballot_sum_mismatch",
            A::NotReportedHere { .. } => "not_reported_here",
            A::AppraisalStepOutOfOrder { .. } => "appraisal_step_out_of_order",
            A::AppraisalStageIncomplete { .. } => "appraisal_stage_incomplete",
            A::AppraisalClosed => "appraisal_closed",
            A::FieldNotInStage { .. } => "field_not_in_stage",
            A::PlanFixed => "plan_fixed",
            A::NotAnAppraisalUnit => "not_an_appraisal_unit",
            A::PublicationOff => "publication_off",
        }
    }

    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl AssessmentMessage {
    fn zh(&self) -> String {
        let l = Lang::Zh;
        match self {
            A::OnlyTheDeputy => "只有代表本人可以执行此操作。".into(),
            A::OnlyThePresidium => "表彰由主席团确认。".into(),
            A::NotOnOwnCase => "主席团成员不能评议自己或确认对自己的表彰，应当回避。".into(),
            A::NoDeputyAccount => "当前账号未关联代表。".into(),
            A::NotADeputyOfTheTerm => "该代表不是本届代表。".into(),
            A::PeriodTooLong { years } => format!("统计期间最长 {years} 年。"),
            A::ReasonRequired => "请填写理由。".into(),
            A::DateInFuture => "日期不能晚于今天。".into(),
            A::EntryStepNotAllowed { state, step } => {
                format!(
                    "履职登记当前为“{}”，不能{}。",
                    state.label(l),
                    step.label(l)
                )
            }
            A::EntryReviewed { state } => format!("履职登记已{}，不能再修改。", state.label(l)),
            A::EntryKindInactive => "该登记类别已停用。".into(),
            A::CorrectionStepNotAllowed { state, step } => {
                format!(
                    "纠错申请当前为“{}”，不能{}。",
                    state.label(l),
                    step.label(l)
                )
            }
            A::ActivityNotCorrectable => "该活动不属于代表的届次或已取消，不能申请更正。".into(),
            A::AttendanceAlreadyRecorded => "所申请的出席情况与现有记录相同。".into(),
            A::CorrectionStatusInvalid => "出席更正只能申请为出席、迟到或请假。".into(),
            A::LeaveNotApprovedBeforeStart => {
                "只有在活动开始前已批准的请假才能更正为请假（代表法第十三条）。".into()
            }
            A::SchemeWithoutItems => "考核细则至少要有一个考核项目。".into(),
            A::TooManyItems { max } => format!("考核细则最多 {max} 个考核项目。"),
            A::InvalidPoints => "分值须为 0 至 1000 之间的数（上限、满分须大于 0）。".into(),
            A::InvalidItemKey => "编码须为 1–40 个小写字母、数字或下划线。".into(),
            A::DuplicateItemKey { key } => format!("考核项目编码“{key}”重复。"),
            A::InvalidLabel => "项目名称须为 1–60 个字符。".into(),
            A::RateBandsInvalid => "比率分档不能为空，下限须在 0–100 之间并从高到低排列。".into(),
            A::RaterWeightsInvalid => "评议权重须覆盖不同的评议主体，合计为 1。".into(),
            A::RatersUnused => "设置了评议权重，但没有使用评议打分的考核项目。".into(),
            A::GradeBandsInvalid => "等次分数线不能为空、不能重复，须从高到低排列。".into(),
            A::QuotaPercentInvalid => "名额比例须大于 0%、不超过 100%。".into(),
            A::InvalidYears => "连续年数至少为 1。".into(),
            A::GroupRuleInvalid => "小组评分规则中权重须在 0–1 之间，分值不能为负。".into(),
            A::UnknownTemplate { code } => format!("没有名为“{code}”的模板。"),
            A::SchemeFrozen => "该版本考核细则已用于考核，不能修改；请另存为新版本。".into(),
            A::RunStepNotAllowed { state, step } => {
                format!("考核当前为“{}”，不能{}。", state.label(l), step.label(l))
            }
            A::RunNotComputed => "尚未计分，不能亮分公示。".into(),
            A::ObjectionWindowInPast { until } => format!("异议截止日期 {until} 早于今天。"),
            A::ObjectionsOpen { open } => format!("还有 {open} 件异议未处理，不能定档。"),
            A::RatingsSinceCompute { ratings } => {
                format!("上次计算后又有 {ratings} 项评议打分，请先重新计算，再定档。")
            }
            A::DeputyInFrozenRun { runs } => {
                format!("该代表在 {runs} 次已定档的考核中，不能删除：定档结果不再改变。")
            }
            A::PeriodAlreadyFrozen => {
                "本届同一考核期间已有定档的考核，不能再定档另一个（表彰由定档的考核提出）。".into()
            }
            A::ObjectionWindowOpen { until } => {
                format!("异议期至 {until} 止，尚未结束；如需提前定档，请确认提前结束异议期。")
            }
            A::RunClosed { state } => format!("考核{}，不能再更改。", state.label(l)),
            A::ConstituentsRateByBallots => "选民测评分来自述职测评票，不能手工打分。".into(),
            A::NotYourRaterStage { stage } => {
                format!("您不能为该代表进行“{}”打分。", stage.label(l))
            }
            A::StageNotInScheme { stage } => format!("考核细则中没有“{}”。", stage.label(l)),
            A::NotInRun => "该代表不在本次考核范围内。".into(),
            A::ObjectionWindowClosed => "不在异议期内，不能提出异议。".into(),
            A::UnknownItem { key } => format!("考核细则中没有编码为“{key}”的项目。"),
            A::ObjectionStepNotAllowed { state, step } => {
                format!("异议当前为“{}”，不能{}。", state.label(l), step.label(l))
            }
            A::ScoresNotPublished => "考核得分尚未向您公开。".into(),
            A::AwardStepNotAllowed { state, step } => {
                format!("表彰当前为“{}”，不能{}。", state.label(l), step.label(l))
            }
            A::AwardNeedsDocument => "确认表彰须填写表彰日期和文号。".into(),
            A::NotADutyReportActivity => "该活动不是代表述职活动。".into(),
            A::ActivityCancelled => "该活动已取消，不能登记述职。".into(),
            A::DutyReportExists => "该代表在此次活动中已有述职记录。".into(),
            A::BallotsExceedAudience { audience, ballots } => {
                format!("有效票 {ballots} 张，多于到会选民代表 {audience} 人。")
            }
            A::BallotsCastExceedAudience { audience, cast } => {
                format!("收回选票 {cast} 张（含无效票），多于到会选民代表 {audience} 人。")
            }
            A::BallotSumMismatch { valid, sum } => {
                format!("有效票填写为 {valid} 张，但满意、基本满意、不满意合计 {sum} 张。")
            }
            A::NotReportedHere { name } => {
                format!("“{name}”不是在本次活动中述职的代表（或重名）。")
            }
            A::AppraisalStepOutOfOrder { stage, to } => format!(
                "工作评议处于“{}”阶段，不能转到“{}”：须按顺序进行。",
                stage.label(l),
                to.label(l)
            ),
            A::AppraisalStageIncomplete { stage, requirement } => {
                format!("“{}”阶段尚缺：{}。", stage.label(l), requirement.label(l))
            }
            A::AppraisalClosed => "工作评议已结束。".into(),
            A::FieldNotInStage { field, stage } => {
                format!(
                    "工作评议处于“{}”阶段，尚不能填写{}。",
                    stage.label(l),
                    field.label(l)
                )
            }
            A::PlanFixed => "评议方案只能在“制定方案”阶段修改。".into(),
            A::NotAnAppraisalUnit => "该单位不是本次工作评议的被评议单位。".into(),
            A::PublicationOff => "本级人大未公开代表履职信息。".into(),
        }
    }

    fn en(&self) -> String {
        let l = Lang::En;
        match self {
            A::OnlyTheDeputy => "Only the deputy themself may do this.".into(),
            A::OnlyThePresidium => "Awards are confirmed by the presidium.".into(),
            A::NotOnOwnCase => {
                "A presidium member neither rates themself nor decides on their own award.".into()
            }
            A::NoDeputyAccount => "This account is not linked to a deputy.".into(),
            A::NotADeputyOfTheTerm => "The deputy holds no seat in this term.".into(),
            A::PeriodTooLong { years } => format!("A period is at most {years} years."),
            A::ReasonRequired => "Give a reason.".into(),
            A::DateInFuture => "The date cannot be after today.".into(),
            A::EntryStepNotAllowed { state, step } => format!(
                "The entry is {}: it cannot be {}d.",
                state.label(l).to_lowercase(),
                step.label(l).to_lowercase()
            ),
            A::EntryReviewed { state } => format!(
                "The entry is {} and can no longer be edited.",
                state.label(l).to_lowercase()
            ),
            A::EntryKindInactive => "This kind of entry is no longer in use.".into(),
            A::CorrectionStepNotAllowed { state, step } => format!(
                "The correction request is {}: the step “{}” is not possible.",
                state.label(l).to_lowercase(),
                step.label(l)
            ),
            A::ActivityNotCorrectable => {
                "The activity is outside the deputy's term or was cancelled.".into()
            }
            A::AttendanceAlreadyRecorded => "That attendance is already what is recorded.".into(),
            A::CorrectionStatusInvalid => {
                "An attendance correction asks for present, late or on leave.".into()
            }
            A::LeaveNotApprovedBeforeStart => {
                "Only leave approved before the activity began makes an absence excused (Deputies Law art. 13).".into()
            }
            A::SchemeWithoutItems => "A scheme needs at least one item.".into(),
            A::TooManyItems { max } => format!("A scheme has at most {max} items."),
            A::InvalidPoints => {
                "Points must be numbers from 0 to 1,000 (caps and maxima above 0).".into()
            }
            A::InvalidItemKey => {
                "A code is 1–40 lower-case letters, digits or underscores.".into()
            }
            A::DuplicateItemKey { key } => format!("Two items have the code {key}."),
            A::InvalidLabel => "An item's name is 1–60 characters.".into(),
            A::RateBandsInvalid => {
                "Rate bands cannot be empty; their minima lie within 0–100, highest first.".into()
            }
            A::RaterWeightsInvalid => {
                "Rater weights name distinct stages and add up to 1.".into()
            }
            A::RatersUnused => "Rater weights are set, but no item uses rater scores.".into(),
            A::GradeBandsInvalid => {
                "Grade bands cannot be empty or repeated, and go from highest to lowest.".into()
            }
            A::QuotaPercentInvalid => "The quota is more than 0 % and at most 100 %.".into(),
            A::InvalidYears => "At least 1 year.".into(),
            A::GroupRuleInvalid => {
                "A group rule's weight lies within 0–1 and its points are not negative.".into()
            }
            A::UnknownTemplate { code } => format!("There is no template {code}."),
            A::SchemeFrozen => {
                "This scheme version is in use by a run: save a new version to change it.".into()
            }
            A::RunStepNotAllowed { state, step } => format!(
                "The run is {}: the step “{}” is not possible.",
                state.label(l).to_lowercase(),
                step.label(l)
            ),
            A::RunNotComputed => "Compute the scores before publishing them.".into(),
            A::ObjectionWindowInPast { until } => {
                format!("The objection window cannot end before today ({until}).")
            }
            A::ObjectionsOpen { open } => {
                format!("{open} objection(s) are still open: resolve them before freezing.")
            }
            A::RatingsSinceCompute { ratings } => format!(
                "{ratings} rater score(s) were given after the last computation: recompute before freezing."
            ),
            A::PeriodAlreadyFrozen => "Another run of this term and period is frozen already: a period has one frozen result, from which its awards come.".into(),
            A::DeputyInFrozenRun { runs } => format!(
                "The deputy is in {runs} frozen assessment run(s) and cannot be deleted: a frozen result never changes."
            ),
            A::ObjectionWindowOpen { until } => format!(
                "Objections are taken until {until}: confirm closing the window early to freeze now."
            ),
            A::RunClosed { state } => {
                format!("The run is {} and no longer changes.", state.label(l).to_lowercase())
            }
            A::ConstituentsRateByBallots => {
                "The constituents' score comes from duty-report ballots, not by hand.".into()
            }
            A::NotYourRaterStage { stage } => {
                format!("You do not give the {} score for this deputy.", stage.label(l))
            }
            A::StageNotInScheme { stage } => {
                format!("The scheme has no {} stage.", stage.label(l))
            }
            A::NotInRun => "The deputy is not assessed in this run.".into(),
            A::ObjectionWindowClosed => {
                "Objections are taken only while the score is published, within the window."
                    .into()
            }
            A::UnknownItem { key } => format!("The scheme has no item {key}."),
            A::ObjectionStepNotAllowed { state, step } => format!(
                "The objection is {}: the step “{}” is not possible.",
                state.label(l).to_lowercase(),
                step.label(l)
            ),
            A::ScoresNotPublished => "These scores are not published to you.".into(),
            A::AwardStepNotAllowed { state, step } => format!(
                "The award is {}: the step “{}” is not possible.",
                state.label(l).to_lowercase(),
                step.label(l)
            ),
            A::AwardNeedsDocument => {
                "Confirming an award needs its date and document number.".into()
            }
            A::NotADutyReportActivity => "The activity is not a duty report.".into(),
            A::ActivityCancelled => "The activity was cancelled: no report can be recorded at it.".into(),
            A::DutyReportExists => "The deputy already reported at this activity.".into(),
            A::BallotsExceedAudience { audience, ballots } => format!(
                "{ballots} valid ballots, more than the {audience} representatives present."
            ),
            A::BallotsCastExceedAudience { audience, cast } => format!(
                "{cast} ballots cast (invalid ones included), more than the {audience} representatives present."
            ),
            A::BallotSumMismatch { valid, sum } => format!(
                "The sheet states {valid} valid ballots, but satisfied, basically satisfied and dissatisfied add up to {sum}."
            ),
            A::NotReportedHere { name } => {
                format!("“{name}” did not report at this activity (or the name is not unique).")
            }
            A::AppraisalStepOutOfOrder { stage, to } => format!(
                "The appraisal is in its stage “{}” and cannot move to “{}”: stages go in order.",
                stage.label(l),
                to.label(l)
            ),
            A::AppraisalStageIncomplete { stage, requirement } => format!(
                "The stage “{}” still lacks {}.",
                stage.label(l),
                requirement.label(l)
            ),
            A::AppraisalClosed => "The work appraisal is closed.".into(),
            A::FieldNotInStage { field, stage } => format!(
                "The appraisal is in its stage “{}”: the {} cannot be entered yet.",
                stage.label(l),
                field.label(l)
            ),
            A::PlanFixed => "The plan can change only in the plan stage.".into(),
            A::NotAnAppraisalUnit => "The department is not a unit of this appraisal.".into(),
            A::PublicationOff => "This congress does not publish deputies' pages.".into(),
        }
    }
}

/// One value of every variant, for the catalogue's tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<AssessmentMessage> {
    let d = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    vec![
        A::OnlyTheDeputy,
        A::OnlyThePresidium,
        A::NotOnOwnCase,
        A::NoDeputyAccount,
        A::NotADeputyOfTheTerm,
        A::PeriodTooLong { years: 5 },
        A::ReasonRequired,
        A::DateInFuture,
        A::EntryStepNotAllowed {
            state: EntryStatus::Approved,
            step: EntryStep::Recall,
        },
        A::EntryReviewed {
            state: EntryStatus::Rejected,
        },
        A::EntryKindInactive,
        A::CorrectionStepNotAllowed {
            state: CorrectionStatus::Accepted,
            step: CorrectionStep::Reject,
        },
        A::ActivityNotCorrectable,
        A::AttendanceAlreadyRecorded,
        A::CorrectionStatusInvalid,
        A::LeaveNotApprovedBeforeStart,
        A::SchemeWithoutItems,
        A::TooManyItems { max: 60 },
        A::InvalidPoints,
        A::InvalidItemKey,
        A::DuplicateItemKey {
            key: "sessions".into(),
        },
        A::InvalidLabel,
        A::RateBandsInvalid,
        A::RaterWeightsInvalid,
        A::RatersUnused,
        A::GradeBandsInvalid,
        A::QuotaPercentInvalid,
        A::InvalidYears,
        A::GroupRuleInvalid,
        A::UnknownTemplate { code: "x".into() },
        A::SchemeFrozen,
        A::RunStepNotAllowed {
            state: RunStatus::Frozen,
            step: RunStep::Publish,
        },
        A::RunNotComputed,
        A::ObjectionWindowInPast { until: d },
        A::ObjectionsOpen { open: 2 },
        A::ObjectionWindowOpen { until: d },
        A::RatingsSinceCompute { ratings: 3 },
        A::DeputyInFrozenRun { runs: 1 },
        A::PeriodAlreadyFrozen,
        A::RunClosed {
            state: RunStatus::Frozen,
        },
        A::ConstituentsRateByBallots,
        A::NotYourRaterStage {
            stage: RaterStage::Group,
        },
        A::StageNotInScheme {
            stage: RaterStage::Presidium,
        },
        A::NotInRun,
        A::ObjectionWindowClosed,
        A::UnknownItem { key: "x".into() },
        A::ObjectionStepNotAllowed {
            state: ObjectionStatus::Upheld,
            step: ObjectionStep::Withdraw,
        },
        A::ScoresNotPublished,
        A::AwardStepNotAllowed {
            state: AwardStatus::Confirmed,
            step: AwardStep::Decline,
        },
        A::AwardNeedsDocument,
        A::NotADutyReportActivity,
        A::ActivityCancelled,
        A::DutyReportExists,
        A::BallotsExceedAudience {
            audience: 50,
            ballots: 51,
        },
        A::BallotsCastExceedAudience {
            audience: 50,
            cast: 51,
        },
        A::BallotSumMismatch { valid: 47, sum: 48 },
        A::NotReportedHere {
            name: "Wang Jianguo".into(),
        },
        A::AppraisalStepOutOfOrder {
            stage: AppraisalStage::Plan,
            to: AppraisalStage::Closed,
        },
        A::AppraisalStageIncomplete {
            stage: AppraisalStage::Plan,
            requirement: AppraisalRequirement::Team,
        },
        A::AppraisalClosed,
        A::FieldNotInStage {
            field: AppraisalField::SecondBallot,
            stage: AppraisalStage::SelfCheck,
        },
        A::PlanFixed,
        A::NotAnAppraisalUnit,
        A::PublicationOff,
    ]
}
