//! Every transition of the assessment workflows, allowed and refused.

use super::*;
use crate::assessments::{AppraisalField, AppraisalRequirement as Req, RaterStage};
use crate::messages::AssessmentMessage as M;
use crate::{Message, RefusalKind};

const DEPUTY: Actor = Actor {
    role: Role::Deputy,
    own: true,
};
const OTHER_DEPUTY: Actor = Actor {
    role: Role::Deputy,
    own: false,
};
const STAFF: Actor = Actor {
    role: Role::Staff,
    own: false,
};
const PRESIDIUM: Actor = Actor {
    role: Role::Presidium,
    own: false,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, d).unwrap()
}

fn code(r: Refusal) -> (RefusalKind, &'static str) {
    (r.kind, r.message.code())
}

#[test]
fn an_entry_is_recalled_by_its_deputy_or_reviewed_by_the_office() {
    use EntryStatus as S;
    use EntryStep as T;
    assert_eq!(entry_step(S::Pending, T::Recall, DEPUTY), Ok(S::Recalled));
    assert_eq!(entry_step(S::Pending, T::Approve, STAFF), Ok(S::Approved));
    assert_eq!(entry_step(S::Pending, T::Reject, STAFF), Ok(S::Rejected));
    // Once reviewed, the deputy cannot recall it and the office cannot review it again.
    for state in [S::Approved, S::Rejected, S::Recalled] {
        assert_eq!(
            code(entry_step(state, T::Recall, DEPUTY).unwrap_err()),
            (RefusalKind::Conflict, "entry_step_not_allowed")
        );
        assert_eq!(
            code(entry_step(state, T::Approve, STAFF).unwrap_err()).1,
            "entry_step_not_allowed"
        );
    }
    // Roles: another deputy cannot recall; a deputy cannot approve their own.
    assert_eq!(
        code(entry_step(S::Pending, T::Recall, OTHER_DEPUTY).unwrap_err()).0,
        RefusalKind::Forbidden
    );
    assert_eq!(
        code(entry_step(S::Pending, T::Recall, STAFF).unwrap_err()).0,
        RefusalKind::Forbidden
    );
    assert_eq!(
        code(entry_step(S::Pending, T::Approve, DEPUTY).unwrap_err()),
        (RefusalKind::Forbidden, "role_may_not")
    );
    assert!(may_edit_entry(S::Pending, DEPUTY).is_ok());
    assert_eq!(
        code(may_edit_entry(S::Approved, DEPUTY).unwrap_err()).1,
        "entry_reviewed"
    );
    assert_eq!(
        code(may_edit_entry(S::Pending, STAFF).unwrap_err()).0,
        RefusalKind::Forbidden
    );
}

#[test]
fn a_correction_request_is_resolved_once() {
    use CorrectionStatus as S;
    use CorrectionStep as T;
    assert_eq!(correction_step(S::Open, T::Accept, STAFF), Ok(S::Accepted));
    assert_eq!(correction_step(S::Open, T::Reject, STAFF), Ok(S::Rejected));
    assert_eq!(
        correction_step(S::Open, T::Withdraw, DEPUTY),
        Ok(S::Withdrawn)
    );
    assert_eq!(
        code(correction_step(S::Open, T::Accept, DEPUTY).unwrap_err()).0,
        RefusalKind::Forbidden
    );
    for state in [S::Accepted, S::Rejected, S::Withdrawn] {
        assert_eq!(
            code(correction_step(state, T::Reject, STAFF).unwrap_err()).1,
            "correction_step_not_allowed"
        );
    }
}

fn ctx() -> RunContext {
    RunContext {
        today: day(10),
        scored: 61,
        objections_until: Some(day(20)),
        open_objections: 0,
        ratings_since_compute: 0,
        close_window_early: false,
        period_frozen: false,
    }
}

#[test]
fn a_run_goes_from_draft_through_publication_to_frozen() {
    use RunStatus as S;
    use RunStep as T;
    assert_eq!(run_step(S::Draft, T::Compute, STAFF, &ctx()), Ok(S::Draft));
    assert_eq!(
        run_step(S::Draft, T::Publish, STAFF, &ctx()),
        Ok(S::Published)
    );
    assert_eq!(
        run_step(S::Published, T::Compute, STAFF, &ctx()),
        Ok(S::Published)
    );
    let after = RunContext {
        today: day(21),
        ..ctx()
    };
    assert_eq!(
        run_step(S::Published, T::Freeze, STAFF, &after),
        Ok(S::Frozen)
    );
    assert_eq!(
        run_step(S::Draft, T::Cancel, STAFF, &ctx()),
        Ok(S::Cancelled)
    );
    assert_eq!(
        run_step(S::Published, T::Cancel, STAFF, &ctx()),
        Ok(S::Cancelled)
    );
    // A frozen run is final: no computing, no cancelling.
    for step in [T::Compute, T::Publish, T::Freeze, T::Cancel] {
        assert_eq!(
            code(run_step(S::Frozen, step, STAFF, &after).unwrap_err()).1,
            "run_step_not_allowed"
        );
        assert!(run_step(S::Cancelled, step, STAFF, &after).is_err());
    }
    assert_eq!(
        code(run_step(S::Draft, T::Freeze, STAFF, &ctx()).unwrap_err()).1,
        "run_step_not_allowed"
    );
    assert_eq!(
        code(run_step(S::Draft, T::Publish, PRESIDIUM, &ctx()).unwrap_err()).0,
        RefusalKind::Forbidden
    );
}

#[test]
fn publishing_needs_scores_and_a_window_from_today() {
    use RunStatus as S;
    use RunStep as T;
    let none = RunContext { scored: 0, ..ctx() };
    assert_eq!(
        code(run_step(S::Draft, T::Publish, STAFF, &none).unwrap_err()).1,
        "run_not_computed"
    );
    let past = RunContext {
        objections_until: Some(day(9)),
        ..ctx()
    };
    let r = run_step(S::Draft, T::Publish, STAFF, &past).unwrap_err();
    assert_eq!(
        code(r.clone()),
        (RefusalKind::Invalid, "objection_window_in_past")
    );
    assert_eq!(r.pointer.as_deref(), Some("/objections_until"));
    let today = RunContext {
        objections_until: Some(day(10)),
        ..ctx()
    };
    assert_eq!(
        run_step(S::Draft, T::Publish, STAFF, &today),
        Ok(S::Published)
    );
    let missing = RunContext {
        objections_until: None,
        ..ctx()
    };
    assert_eq!(
        code(run_step(S::Draft, T::Publish, STAFF, &missing).unwrap_err()).1,
        "required"
    );
}

#[test]
fn freezing_waits_for_objections_and_the_window() {
    use RunStatus as S;
    use RunStep as T;
    let open = RunContext {
        open_objections: 2,
        today: day(25),
        ..ctx()
    };
    let r = run_step(S::Published, T::Freeze, STAFF, &open).unwrap_err();
    assert_eq!(
        r.message,
        Message::Assessments(M::ObjectionsOpen { open: 2 })
    );
    // On the window's last day the window is still open …
    let last_day = RunContext {
        today: day(20),
        ..ctx()
    };
    assert_eq!(
        code(run_step(S::Published, T::Freeze, STAFF, &last_day).unwrap_err()).1,
        "objection_window_open"
    );
    // … unless the office closes it early.
    let early = RunContext {
        close_window_early: true,
        ..last_day
    };
    assert_eq!(
        run_step(S::Published, T::Freeze, STAFF, &early),
        Ok(S::Frozen)
    );
}

#[test]
fn each_rater_gives_only_their_stage() {
    use RaterStage as R;
    assert!(may_rate_stage(R::SelfRating, DEPUTY, false, false).is_ok());
    assert!(may_rate_stage(R::SelfRating, OTHER_DEPUTY, false, false).is_err());
    // A group leader rates the members of their group, not themself at the group stage.
    assert!(may_rate_stage(R::Group, OTHER_DEPUTY, true, false).is_ok());
    assert!(may_rate_stage(R::Group, OTHER_DEPUTY, false, false).is_err());
    assert!(may_rate_stage(R::Group, DEPUTY, true, false).is_err());
    assert!(may_rate_stage(R::Presidium, PRESIDIUM, false, false).is_ok());
    assert!(may_rate_stage(R::Presidium, STAFF, false, false).is_err());
    // A group's leader is rated at the group stage by the presidium, not by a deputy.
    assert!(may_rate_stage(R::Group, PRESIDIUM, false, true).is_ok());
    assert!(may_rate_stage(R::Group, OTHER_DEPUTY, true, true).is_err());
    assert!(may_rate_stage(R::Group, PRESIDIUM, false, false).is_err());
    // A presidium member who is also the rated deputy stands aside.
    let own = Actor {
        own: true,
        ..PRESIDIUM
    };
    assert_eq!(
        code(may_rate_stage(R::Presidium, own, false, false).unwrap_err()).1,
        "not_on_own_case"
    );
    assert!(may_rate_stage(R::Office, STAFF, false, false).is_ok());
    assert!(may_rate_stage(R::Office, PRESIDIUM, false, false).is_err());
    assert_eq!(
        code(may_rate_stage(R::Constituents, STAFF, false, false).unwrap_err()),
        (RefusalKind::Conflict, "constituents_rate_by_ballots")
    );
    assert!(may_rate(RunStatus::Published).is_ok());
    assert_eq!(
        code(may_rate(RunStatus::Frozen).unwrap_err()).1,
        "run_closed"
    );
}

#[test]
fn objections_are_filed_in_the_window_and_resolved_before_freezing() {
    use ObjectionStatus as S;
    use ObjectionStep as T;
    let until = Some(day(20));
    assert!(may_object(RunStatus::Published, DEPUTY, day(20), until).is_ok());
    assert_eq!(
        code(may_object(RunStatus::Published, DEPUTY, day(21), until).unwrap_err()).1,
        "objection_window_closed"
    );
    assert!(may_object(RunStatus::Draft, DEPUTY, day(10), until).is_err());
    assert_eq!(
        code(may_object(RunStatus::Published, STAFF, day(10), until).unwrap_err()).0,
        RefusalKind::Forbidden
    );
    let p = RunStatus::Published;
    assert_eq!(objection_step(S::Open, T::Uphold, STAFF, p), Ok(S::Upheld));
    assert_eq!(
        objection_step(S::Open, T::Dismiss, STAFF, p),
        Ok(S::Dismissed)
    );
    assert_eq!(
        objection_step(S::Open, T::Withdraw, DEPUTY, p),
        Ok(S::Withdrawn)
    );
    assert_eq!(
        code(objection_step(S::Upheld, T::Dismiss, STAFF, p).unwrap_err()).1,
        "objection_step_not_allowed"
    );
    assert_eq!(
        code(objection_step(S::Open, T::Uphold, STAFF, RunStatus::Frozen).unwrap_err()).1,
        "run_closed"
    );
    assert_eq!(
        code(objection_step(S::Open, T::Uphold, DEPUTY, p).unwrap_err()).0,
        RefusalKind::Forbidden
    );
}

#[test]
fn the_presidium_confirms_or_declines_awards() {
    use AwardStatus as S;
    use AwardStep as T;
    assert_eq!(
        award_step(S::Proposed, T::Confirm, PRESIDIUM),
        Ok(S::Confirmed)
    );
    assert_eq!(
        code(
            award_step(
                S::Proposed,
                T::Confirm,
                Actor {
                    own: true,
                    ..PRESIDIUM
                }
            )
            .unwrap_err()
        )
        .1,
        "not_on_own_case"
    );
    assert_eq!(
        award_step(S::Proposed, T::Confirm, PRESIDIUM),
        Ok(S::Confirmed)
    );
    assert_eq!(
        award_step(S::Proposed, T::Decline, PRESIDIUM),
        Ok(S::Declined)
    );
    assert_eq!(
        code(award_step(S::Proposed, T::Confirm, STAFF).unwrap_err()).1,
        "only_the_presidium"
    );
    assert_eq!(
        code(award_step(S::Confirmed, T::Decline, PRESIDIUM).unwrap_err()).1,
        "award_step_not_allowed"
    );
}

#[test]
fn an_appraisal_advances_stage_by_stage_when_each_is_complete() {
    use AppraisalStage as S;
    let full = AppraisalContext {
        plan_discussed: true,
        units: 2,
        team: 5,
        units_with_self_check: 2,
        units_with_first_ballot: 2,
        units_with_opinions: 2,
        units_with_rectification: 2,
        units_with_second_ballot: 2,
    };
    let mut stage = S::Plan;
    let mut path = vec![stage];
    while stage != S::Closed {
        stage = appraisal_advance(stage, STAFF, &full).unwrap();
        path.push(stage);
    }
    assert_eq!(path, S::ALL.to_vec());
    assert_eq!(
        code(appraisal_advance(S::Closed, STAFF, &full).unwrap_err()).1,
        "appraisal_closed"
    );
    let missing = |stage, ctx: AppraisalContext| match appraisal_advance(stage, STAFF, &ctx)
        .unwrap_err()
        .message
    {
        Message::Assessments(M::AppraisalStageIncomplete { requirement, .. }) => requirement,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        missing(
            S::Plan,
            AppraisalContext {
                plan_discussed: false,
                ..full
            }
        ),
        Req::PlanDiscussed
    );
    assert_eq!(
        missing(S::Plan, AppraisalContext { team: 0, ..full }),
        Req::Team
    );
    assert_eq!(
        missing(
            S::SelfCheck,
            AppraisalContext {
                units_with_self_check: 1,
                ..full
            }
        ),
        Req::SelfCheckReports
    );
    assert_eq!(
        missing(
            S::AppraisalMeeting,
            AppraisalContext {
                units_with_first_ballot: 1,
                ..full
            }
        ),
        Req::FirstBallots
    );
    assert_eq!(
        missing(
            S::Rectification,
            AppraisalContext {
                units_with_rectification: 0,
                ..full
            }
        ),
        Req::RectificationReports
    );
    assert_eq!(
        missing(
            S::SecondBallot,
            AppraisalContext {
                units_with_second_ballot: 1,
                ..full
            }
        ),
        Req::SecondBallots
    );
    assert_eq!(
        code(appraisal_advance(S::Plan, PRESIDIUM, &full).unwrap_err()).0,
        RefusalKind::Forbidden
    );
}

#[test]
fn appraisal_fields_open_with_their_stage() {
    use AppraisalField as F;
    use AppraisalStage as S;
    assert!(!S::Plan.writes(F::SelfCheckReport));
    assert!(S::SelfCheck.writes(F::SelfCheckReport));
    assert!(!S::SelfCheck.writes(F::FirstBallot));
    assert!(S::AppraisalMeeting.writes(F::FirstBallot));
    assert!(S::SecondBallot.writes(F::SelfCheckReport));
    assert!(!S::Closed.writes(F::SecondBallot));
}

#[test]
fn a_closed_run_says_its_state_once() {
    let text = |state| Message::from(M::RunClosed { state }).text(crate::Lang::Zh);
    assert_eq!(text(RunStatus::Frozen), "考核已定档，不能再更改。");
    assert_eq!(text(RunStatus::Cancelled), "考核已取消，不能再更改。");
}

#[test]
fn a_run_freezes_only_with_every_rater_score_computed() {
    let office = Actor {
        role: crate::Role::Staff,
        own: false,
    };
    let published = RunContext {
        objections_until: None,
        ratings_since_compute: 1,
        ..ctx()
    };
    let r = run_step(RunStatus::Published, RunStep::Freeze, office, &published).unwrap_err();
    assert_eq!(r.kind, RefusalKind::Conflict);
    assert_eq!(
        r.message,
        Message::from(M::RatingsSinceCompute { ratings: 1 })
    );
    let computed = RunContext {
        ratings_since_compute: 0,
        ..published
    };
    assert_eq!(
        run_step(RunStatus::Published, RunStep::Freeze, office, &computed),
        Ok(RunStatus::Frozen)
    );
    let twice = RunContext {
        period_frozen: true,
        ..computed
    };
    let r = run_step(RunStatus::Published, RunStep::Freeze, office, &twice).unwrap_err();
    assert_eq!(r.kind, RefusalKind::Conflict);
    assert_eq!(r.message, Message::from(M::PeriodAlreadyFrozen));
}
