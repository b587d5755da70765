use super::*;
use crate::messages::Message;
use crate::RefusalKind;
use SuggestionStep as T;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn facts() -> SuggestionFacts {
    SuggestionFacts {
        forwarded: false,
        has_signers: true,
        extension_months: 0,
        pending_request: None,
        return_due: None,
        today: day(3, 1),
        rated: false,
        rating_lapsed: false,
    }
}

fn actor(role: Role) -> SuggestionActor {
    SuggestionActor {
        role,
        author: false,
        co_signer: false,
        signer: false,
        referral: None,
    }
}

fn office() -> SuggestionActor {
    actor(Role::Staff)
}

fn author() -> SuggestionActor {
    SuggestionActor {
        author: true,
        signer: true,
        ..actor(Role::Deputy)
    }
}

fn org(part: ReferralRole) -> SuggestionActor {
    SuggestionActor {
        referral: Some(part),
        ..actor(Role::HandlingOrg)
    }
}

/// Who takes each step of the main path in the tests below.
fn taker(step: SuggestionStep) -> SuggestionActor {
    match step {
        T::Edit | T::Submit | T::Withdraw | T::Rate => author(),
        T::Confirm => SuggestionActor {
            co_signer: true,
            ..actor(Role::Deputy)
        },
        T::Return | T::Start | T::RequestExtension | T::Consult | T::DraftReply | T::SendReply => {
            org(ReferralRole::Lead)
        }
        _ => office(),
    }
}

fn code(r: Refusal) -> (RefusalKind, &'static str) {
    (r.kind, r.message.code())
}

#[test]
fn the_main_path_is_allowed_and_shortcuts_are_not() {
    let f = SuggestionFacts {
        pending_request: Some(1),
        ..facts()
    };
    let path = [
        (T::Edit, S::Draft, S::Draft),
        (T::Confirm, S::Draft, S::Draft),
        (T::Submit, S::Draft, S::Submitted),
        (T::Accept, S::Submitted, S::Accepted),
        (T::Refer, S::Accepted, S::Referred),
        (T::Return, S::Referred, S::Returned),
        (T::Forward, S::Returned, S::Referred),
        (T::Consult, S::Referred, S::Referred),
        (T::Start, S::Referred, S::InProgress),
        (T::RefuseExtension, S::InProgress, S::InProgress),
        (T::Extend, S::InProgress, S::Extended),
        (T::RefuseExtension, S::Extended, S::Extended),
        (T::DraftReply, S::Extended, S::Extended),
        (T::SendReply, S::Extended, S::Replied),
        (T::Rate, S::Replied, S::Rated),
        (T::Rehandle, S::Rated, S::Rehandling),
        (T::SendReply, S::Rehandling, S::Replied),
        (T::Close, S::Rated, S::Closed),
        (T::Supervise, S::Replied, S::Replied),
        (T::Categorise, S::Submitted, S::Submitted),
        (T::Withdraw, S::Accepted, S::Withdrawn),
        (T::NotAccept, S::Submitted, S::NotAccepted),
    ];
    for (step, from, to) in path {
        assert_eq!(
            suggestion_step(from, step, &taker(step), &f),
            Ok(to),
            "{step:?} from {from:?}"
        );
    }
    let f = facts();
    for (step, from) in [
        (T::Refer, S::Submitted),
        (T::Close, S::Replied),
        (T::Submit, S::Submitted),
        (T::Start, S::Accepted),
        (T::Withdraw, S::Referred),
        (T::SendReply, S::Referred),
        (T::RequestExtension, S::Referred),
        (T::RequestExtension, S::Replied),
        (T::Accept, S::Closed),
        (T::Return, S::InProgress),
        (T::Return, S::Extended),
        (T::Supervise, S::Draft),
        (T::Categorise, S::Closed),
    ] {
        let r = suggestion_step(from, step, &taker(step), &f).unwrap_err();
        assert_eq!(
            code(r),
            (RefusalKind::Conflict, "invalid_transition"),
            "{step:?}"
        );
    }
}

#[test]
fn a_refused_step_names_the_state_the_step_and_where_it_starts() {
    let r = suggestion_step(S::Submitted, T::Refer, &office(), &facts()).unwrap_err();
    assert_eq!(
        r.message.text(crate::Lang::Zh),
        "建议当前为“已提交”状态，不能交办（仅限已立案、已退回状态）。"
    );
    assert_eq!(
        r.message.text(crate::Lang::En),
        "The item is “Submitted”: you cannot refer now (only when it is Accepted, Returned)."
    );
    let wire = Message::from(match r.message {
        Message::Suggestions(m) => m,
        other => panic!("{other:?}"),
    });
    assert_eq!(
        Message::from_parts(wire.code(), wire.params().as_ref()),
        Some(wire)
    );
}

#[test]
fn each_step_belongs_to_its_people() {
    let f = facts();
    let forbidden = |state, step, who: SuggestionActor| {
        let r = suggestion_step(state, step, &who, &f).unwrap_err();
        assert_eq!(r.kind, RefusalKind::Forbidden, "{step:?} by {who:?}");
        r.message.code()
    };
    // The office does not submit a deputy's draft; a deputy does not accept.
    assert_eq!(forbidden(S::Draft, T::Submit, office()), "not_your_step");
    assert_eq!(forbidden(S::Submitted, T::Accept, author()), "role_may_not");
    // Integration keys do not act as the office in this workflow.
    assert_eq!(
        forbidden(S::Submitted, T::Accept, actor(Role::Integration)),
        "role_may_not"
    );
    // A co-handler neither starts nor asks for time; the presidium supervises.
    assert_eq!(
        forbidden(S::Referred, T::Start, org(ReferralRole::Co)),
        "not_your_step"
    );
    assert_eq!(
        forbidden(S::InProgress, T::RequestExtension, org(ReferralRole::Co)),
        "not_your_step"
    );
    assert_eq!(
        suggestion_step(S::Replied, T::Supervise, &actor(Role::Presidium), &f),
        Ok(S::Replied)
    );
    assert_eq!(
        forbidden(S::Replied, T::Supervise, author()),
        "role_may_not"
    );
    // Only signers rate; only handlers consult; only referred organisations return.
    assert_eq!(forbidden(S::Replied, T::Rate, office()), "not_your_step");
    assert_eq!(
        forbidden(S::InProgress, T::Consult, office()),
        "not_your_step"
    );
    assert_eq!(forbidden(S::Referred, T::Return, office()), "not_your_step");
    // The author's draft: a co-signer who is not the author confirms, does not edit.
    assert_eq!(
        forbidden(S::Draft, T::Edit, taker(T::Confirm)),
        "not_your_step"
    );
    assert_eq!(forbidden(S::Draft, T::Confirm, author()), "not_your_step");
}

#[test]
fn the_office_leads_a_forwarded_item() {
    let f = SuggestionFacts {
        forwarded: true,
        ..facts()
    };
    assert_eq!(
        suggestion_step(S::Referred, T::Start, &office(), &f),
        Ok(S::InProgress)
    );
    assert_eq!(
        suggestion_step(S::InProgress, T::SendReply, &office(), &f),
        Ok(S::Replied)
    );
    // Without the forward the office does not handle.
    assert!(suggestion_step(S::Referred, T::Start, &office(), &facts()).is_err());
}

#[test]
fn a_co_handler_returns_its_part_until_the_reply_within_its_window() {
    let co = org(ReferralRole::Co);
    let open = SuggestionFacts {
        return_due: Some(day(3, 1)),
        ..facts()
    };
    for s in [S::Referred, S::InProgress, S::Extended] {
        assert_eq!(suggestion_step(s, T::Return, &co, &open), Ok(s), "{s:?}");
    }
    for s in [S::Replied, S::Rehandling, S::Returned] {
        let r = suggestion_step(s, T::Return, &co, &open).unwrap_err();
        assert_eq!(code(r), (RefusalKind::Conflict, "invalid_transition"));
    }
    // The lead returns the whole item, only before it starts.
    let lead = org(ReferralRole::Lead);
    assert_eq!(
        suggestion_step(S::Referred, T::Return, &lead, &open),
        Ok(S::Returned)
    );
    // The day after the limit, neither may.
    let late = SuggestionFacts {
        today: day(3, 2),
        ..open
    };
    let r = suggestion_step(S::Referred, T::Return, &lead, &late).unwrap_err();
    assert_eq!(
        r.message,
        Message::Suggestions(M::ReturnPeriodOver { due: day(3, 1) })
    );
}

#[test]
fn a_co_handlers_reply_leaves_the_item_where_it_is() {
    let co = org(ReferralRole::Co);
    assert_eq!(
        suggestion_step(S::Referred, T::SendReply, &co, &facts()),
        Ok(S::Referred)
    );
    let r = suggestion_step(S::Replied, T::SendReply, &co, &facts()).unwrap_err();
    assert_eq!(code(r), (RefusalKind::Conflict, "not_in_handling"));
    // The lead replies only once it has started.
    let r = suggestion_step(
        S::Referred,
        T::SendReply,
        &org(ReferralRole::Lead),
        &facts(),
    )
    .unwrap_err();
    assert_eq!(code(r), (RefusalKind::Conflict, "invalid_transition"));
}

#[test]
fn extensions_add_up_to_three_months_one_request_at_a_time() {
    let lead = org(ReferralRole::Lead);
    let pending = SuggestionFacts {
        pending_request: Some(2),
        ..facts()
    };
    let r = suggestion_step(S::InProgress, T::RequestExtension, &lead, &pending).unwrap_err();
    assert_eq!(
        r.message,
        Message::Suggestions(M::ExtensionRequestPending { months: 2 })
    );
    let r = suggestion_step(S::InProgress, T::RefuseExtension, &office(), &facts()).unwrap_err();
    assert_eq!(code(r), (RefusalKind::Conflict, "no_extension_request"));
    let full = SuggestionFacts {
        extension_months: 3,
        ..facts()
    };
    for (step, who) in [(T::Extend, office()), (T::RequestExtension, lead)] {
        let r = suggestion_step(S::Extended, step, &who, &full).unwrap_err();
        assert_eq!(code(r), (RefusalKind::Conflict, "extension_limit"));
    }
    // 31 January + 3 + 2 months is fine, + 3 + 3 too, one more month is not.
    assert_eq!(extension_total(1, Some(2)), Ok(3));
    assert_eq!(extension_total(0, Some(3)), Ok(3));
    let r = extension_total(2, Some(2)).unwrap_err();
    assert_eq!(
        r.message.text(crate::Lang::Zh),
        "延期累计不得超过 3 个月（已延期 2 个月，本次 2 个月）。"
    );
}

#[test]
fn the_office_closes_a_replied_item_only_when_nobody_can_rate_it() {
    assert!(suggestion_step(S::Replied, T::Close, &office(), &facts()).is_err());
    for f in [
        SuggestionFacts {
            has_signers: false,
            ..facts()
        },
        SuggestionFacts {
            rating_lapsed: true,
            ..facts()
        },
    ] {
        assert_eq!(
            suggestion_step(S::Replied, T::Close, &office(), &f),
            Ok(S::Closed)
        );
    }
}

#[test]
fn a_signer_rates_a_round_once() {
    let rated = SuggestionFacts {
        rated: true,
        ..facts()
    };
    let r = suggestion_step(S::Replied, T::Rate, &author(), &rated).unwrap_err();
    assert_eq!(code(r), (RefusalKind::Conflict, "already_rated"));
}

#[test]
fn a_draft_is_submitted_complete_and_confirmed() {
    assert_eq!(ready_to_submit(true, 0), Ok(()));
    assert_eq!(
        code(ready_to_submit(false, 0).unwrap_err()),
        (RefusalKind::Conflict, "incomplete")
    );
    let r = ready_to_submit(true, 2).unwrap_err();
    assert_eq!(
        r.message.text(crate::Lang::Zh),
        "尚有 2 位附议代表未确认附议，不能提交。"
    );
    let r = suggestion_step(S::Submitted, T::Edit, &author(), &facts()).unwrap_err();
    assert_eq!(code(r), (RefusalKind::Conflict, "not_a_draft"));
}
