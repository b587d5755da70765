//! The suggestion workflow of DOMAIN.md as a pure function: `(state, step, who, item) →
//! next state or a refusal`. The server guards every step with [`suggestion_step`]; the web
//! client offers a step exactly when the same function allows it. Tested transition by
//! transition below, without a database.
//!
//! `draft → submitted → accepted | not_accepted | withdrawn`; `accepted → referred (⇄
//! returned) → in_progress (→ extended) → replied → rated → closed`; on dissatisfaction
//! `rated → rehandling → replied` (DL 51; R7 for the deadlines, which the server keeps).

use super::{ReferralRole, SuggestionStatus as S};
use crate::messages::{CommonMessage, SuggestionMessage as M};
use crate::{Refusal, Role};
use chrono::NaiveDate;

code_enum! {
    /// A step on a suggestion: the actions of `POST /suggestions/{id}/transitions` and the
    /// steps taken by their own endpoints (edit, confirm, consult, replies, ratings).
    SuggestionStep {
        /// Edit the draft (`PUT /suggestions/{id}`).
        Edit = "edit" / "修改草稿" / "edit the draft",
        /// A co-signer confirms their signature on the draft.
        Confirm = "confirm" / "确认附议" / "confirm the co-signature",
        /// 提交
        Submit = "submit" / "提交" / "submit",
        /// 撤回 by the lead deputy or whoever entered it.
        Withdraw = "withdraw" / "撤回" / "withdraw",
        /// 立案 by the office.
        Accept = "accept" / "立案" / "accept",
        /// 不予立案 by the office, with the reason.
        NotAccept = "not_accept" / "不予立案" / "decline",
        /// 交办 to handling organisations.
        Refer = "refer" / "交办" / "refer",
        /// 转交 to the upper-level congress.
        Forward = "forward" / "转交上级人大" / "forward to the upper-level congress",
        /// 退回: the lead returns the item before it starts; a co-handler its own part.
        Return = "return" / "退回" / "return",
        /// 开始办理 by the lead organisation.
        Start = "start" / "开始办理" / "start handling",
        /// Record a consultation with the deputies (面商).
        Consult = "consult" / "记录面商" / "record a consultation",
        /// Draft or edit a reply.
        DraftReply = "draft_reply" / "起草答复" / "draft a reply",
        /// Send a reply: the lead's moves the item to `replied`.
        SendReply = "send_reply" / "发出答复" / "send the reply",
        /// The lead organisation asks the office for more time.
        RequestExtension = "request_extension" / "申请延期" / "ask for an extension",
        /// 延期 granted by the office.
        Extend = "extend" / "延期" / "extend",
        /// The office refuses a pending request for more time.
        RefuseExtension = "refuse_extension" / "不同意延期" / "refuse the extension",
        /// 测评 by a signer.
        Rate = "rate" / "测评" / "rate",
        /// 重新办理 after a dissatisfied rating (taken by the server).
        Rehandle = "rehandle" / "重新办理" / "re-handle",
        /// 办结 by the office.
        Close = "close" / "办结" / "close",
        /// Put under or take out of key supervision (重点督办).
        Supervise = "supervise" / "设为重点督办" / "change key supervision",
        /// The office sets or corrects the category.
        Categorise = "categorise" / "更改分类" / "change the category",
    }
}

/// Who takes a step, as far as the workflow asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestionActor {
    /// The caller's role.
    pub role: Role,
    /// The lead deputy, or the user who entered the draft.
    pub author: bool,
    /// A co-signer of the item (confirmed or not).
    pub co_signer: bool,
    /// A signer (lead or co-signer) whose signature counts: confirmed.
    pub signer: bool,
    /// The caller's organisation's part in the handling, while its referral is active.
    pub referral: Option<ReferralRole>,
}

impl SuggestionActor {
    /// The office of the congress: administrators and staff (人大办).
    pub fn is_office(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Staff)
    }

    fn office(&self) -> Result<(), Refusal> {
        if self.is_office() {
            Ok(())
        } else {
            Err(Refusal::forbidden(CommonMessage::RoleMayNot {
                role: self.role,
            }))
        }
    }
}

/// What the workflow needs to know of the item besides its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestionFacts {
    /// Forwarded to the upper-level congress: the office handles it as its lead.
    pub forwarded: bool,
    /// The item has signers (an imported item whose proposer is no deputy has none).
    pub has_signers: bool,
    /// Months of extension granted so far (at most 3).
    pub extension_months: i32,
    /// The months of the lead's pending request for an extension, if one is pending.
    pub pending_request: Option<i32>,
    /// The last day the caller's organisation may return the item (its referral's).
    pub return_due: Option<NaiveDate>,
    /// Today in China Standard Time.
    pub today: NaiveDate,
    /// The caller has rated the current round.
    pub rated: bool,
    /// The last reply was sent `RATING_DAYS` (30) or more days ago: the office may close
    /// a replied item its signers have not all rated.
    pub rating_lapsed: bool,
}

/// At most this many months of extension in all (local practice, DOMAIN.md).
pub const MAX_EXTENSION_MONTHS: i32 = 3;

/// States in which an organisation handles an item: consults, drafts and sends replies.
pub const HANDLING: &[S] = &[S::Referred, S::InProgress, S::Extended, S::Rehandling];

/// States in which an item is open to the office's supervision and categorising.
const OPEN: &[S] = &[
    S::Submitted,
    S::Accepted,
    S::Referred,
    S::Returned,
    S::InProgress,
    S::Extended,
    S::Replied,
    S::Rated,
    S::Rehandling,
];

/// The states `step` may start from, for an organisation whose part is `part` (a
/// co-handler's return ends its own part, until the reply), and where it leads (`None`: the
/// state stays).
pub fn step_table(step: SuggestionStep, part: Option<ReferralRole>) -> (&'static [S], Option<S>) {
    use SuggestionStep as T;
    match step {
        T::Edit | T::Confirm => (&[S::Draft], None),
        T::Submit => (&[S::Draft], Some(S::Submitted)),
        T::Withdraw => (&[S::Draft, S::Submitted, S::Accepted], Some(S::Withdrawn)),
        T::Accept => (&[S::Submitted], Some(S::Accepted)),
        T::NotAccept => (&[S::Submitted], Some(S::NotAccepted)),
        T::Refer | T::Forward => (&[S::Accepted, S::Returned], Some(S::Referred)),
        T::Return if part == Some(ReferralRole::Co) => {
            (&[S::Referred, S::InProgress, S::Extended], None)
        }
        T::Return => (&[S::Referred], Some(S::Returned)),
        T::Start => (&[S::Referred], Some(S::InProgress)),
        T::Consult | T::DraftReply => (HANDLING, None),
        T::SendReply => (
            &[S::InProgress, S::Extended, S::Rehandling],
            Some(S::Replied),
        ),
        T::Extend => (&[S::InProgress, S::Extended], Some(S::Extended)),
        T::RequestExtension | T::RefuseExtension => (&[S::InProgress, S::Extended], None),
        T::Rate => (&[S::Replied], Some(S::Rated)),
        T::Rehandle => (&[S::Rated], Some(S::Rehandling)),
        T::Close => (&[S::Rated], Some(S::Closed)),
        T::Supervise | T::Categorise => (OPEN, None),
    }
}

/// The state after `step` on an item in `state`, taken by `who`.
///
/// Refusals, in this order: 403 when `who` may not take the step (the author for edit,
/// submit and withdraw; a co-signer to confirm; the office for review, referral,
/// extensions, closing and categories; the office or the presidium to supervise; the
/// referred organisation to return; the lead to start and ask for time; a handler to
/// consult and reply; a confirmed signer to rate); 409 `invalid_transition` (or
/// `not_a_draft`, `not_in_handling`) from a state the step does not start from; 409
/// `return_period_over`, `extension_request_pending`, `no_extension_request`,
/// `extension_limit` (3 months, local practice) and `already_rated`.
pub fn suggestion_step(
    state: S,
    step: SuggestionStep,
    who: &SuggestionActor,
    item: &SuggestionFacts,
) -> Result<S, Refusal> {
    use SuggestionStep as T;
    allowed_to(step, who, item)?;
    // The office closes a replied item nobody can rate, or whose rating has lapsed.
    if step == T::Close && state == S::Replied && (!item.has_signers || item.rating_lapsed) {
        return Ok(S::Closed);
    }
    // Replies are sent while the item is handled; a co-handler's is its input to the
    // lead, and the item stays where it is.
    if step == T::SendReply {
        in_handling(state)?;
        if !leads(who, item) {
            return Ok(state);
        }
    }
    let part = who.referral.filter(|_| step == T::Return);
    let (from, to) = step_table(step, part);
    if !from.contains(&state) {
        return Err(match step {
            T::Edit | T::Confirm => Refusal::conflict(M::NotADraft { step }),
            T::Consult | T::DraftReply => Refusal::conflict(M::NotInHandling { state }),
            _ => Refusal::conflict(M::StepNotAllowed {
                state,
                step,
                allowed: from.to_vec(),
            }),
        });
    }
    available(step, who, item)?;
    Ok(to.unwrap_or(state))
}

/// Whether `who` handles the item as its lead: the lead organisation, or the office for an
/// item forwarded to the upper-level congress.
pub fn leads(who: &SuggestionActor, item: &SuggestionFacts) -> bool {
    if item.forwarded {
        who.is_office()
    } else {
        who.referral == Some(ReferralRole::Lead)
    }
}

fn in_handling(state: S) -> Result<(), Refusal> {
    if HANDLING.contains(&state) {
        Ok(())
    } else {
        Err(Refusal::conflict(M::NotInHandling { state }))
    }
}

/// The 403 part: whether `who` may take `step` at all.
fn allowed_to(
    step: SuggestionStep,
    who: &SuggestionActor,
    item: &SuggestionFacts,
) -> Result<(), Refusal> {
    use SuggestionStep as T;
    let ok = match step {
        T::Edit | T::Submit | T::Withdraw => who.author,
        T::Confirm => who.co_signer,
        T::Accept
        | T::NotAccept
        | T::Refer
        | T::Forward
        | T::Extend
        | T::RefuseExtension
        | T::Close
        | T::Categorise => return who.office(),
        T::Supervise => who.is_office() || who.role == Role::Presidium,
        T::Return => who.referral.is_some(),
        T::Start => leads(who, item),
        T::RequestExtension => who.referral == Some(ReferralRole::Lead),
        T::Consult | T::DraftReply | T::SendReply => {
            who.referral.is_some() || (item.forwarded && who.is_office())
        }
        T::Rate => who.signer,
        T::Rehandle => true,
    };
    if ok {
        return Ok(());
    }
    Err(match step {
        T::Supervise => Refusal::forbidden(CommonMessage::RoleMayNot { role: who.role }),
        _ => Refusal::forbidden(M::NotYourStep { step }),
    })
}

/// The 409 part beyond the state: the return window, a pending request, the 3 months.
fn available(
    step: SuggestionStep,
    who: &SuggestionActor,
    item: &SuggestionFacts,
) -> Result<(), Refusal> {
    use SuggestionStep as T;
    match step {
        T::Return => match item.return_due {
            Some(due) if item.today > due => Err(Refusal::conflict(M::ReturnPeriodOver { due })),
            _ => Ok(()),
        },
        T::RequestExtension => match item.pending_request {
            Some(months) => Err(Refusal::conflict(M::ExtensionRequestPending { months })),
            None => extension_total(item.extension_months, None).map(|_| ()),
        },
        T::Extend => extension_total(item.extension_months, None).map(|_| ()),
        T::RefuseExtension if item.pending_request.is_none() => {
            Err(Refusal::conflict(M::NoExtensionRequest))
        }
        T::Rate if who.signer && item.rated => Err(Refusal::conflict(M::AlreadyRated)),
        _ => Ok(()),
    }
}

/// The months of extension in all after `asked` more (`None`: at least one more), local
/// practice: at most [`MAX_EXTENSION_MONTHS`].
///
/// Refusal: 409 `extension_limit` with the months granted and asked.
pub fn extension_total(granted: i32, asked: Option<i32>) -> Result<i32, Refusal> {
    let total = granted + asked.unwrap_or(1);
    if total > MAX_EXTENSION_MONTHS {
        return Err(Refusal::conflict(M::ExtensionLimit { granted, asked }));
    }
    Ok(total)
}

/// Whether a draft may be submitted: content and a category (409 `incomplete`), and every
/// co-signer confirmed (409 `co_signers_unconfirmed` with their number).
pub fn ready_to_submit(complete: bool, unconfirmed: u32) -> Result<(), Refusal> {
    if !complete {
        return Err(Refusal::conflict(M::Incomplete));
    }
    if unconfirmed > 0 {
        return Err(Refusal::conflict(M::CoSignersUnconfirmed {
            count: unconfirmed,
        }));
    }
    Ok(())
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
