//! Messages of the suggestions area: the workflow's refusals and the fields of an item.
//!
//! Long: a catalogue, one variant, one code and two sentences per message.

use super::{Catalogue, Lang};
use crate::{SuggestionStatus, SuggestionStep};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum! {
    /// What a `not_found` message is about.
    SuggestionRecord {
        /// The suggestion itself (404).
        Suggestion = "suggestion" / "建议" / "suggestion",
        /// A reply (404).
        Reply = "reply" / "答复" / "reply",
        /// A handling organisation (404).
        Org = "org" / "承办单位" / "handling organisation",
        /// The lead organisation of a referral (`/lead_org_id`).
        LeadOrg = "lead_org" / "主办单位" / "lead organisation",
        /// A co-handling organisation of a referral (`/co_org_ids/i`).
        CoOrg = "co_org" / "协办单位" / "co-handling organisation",
        /// A category: missing, inactive, or not one this congress uses (`/category_id`).
        Category = "category" / "分类" / "category",
        /// An attachment (404).
        Attachment = "attachment" / "附件" / "attachment",
        /// A reminder of the caller's inbox (404).
        Reminder = "reminder" / "提醒" / "reminder",
    }
}

/// A message of the suggestions area (see [`super::Message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum SuggestionMessage {
    /// 409 `invalid_transition`: the step does not start from the item's state.
    #[serde(rename = "invalid_transition")]
    StepNotAllowed {
        /// The item's state.
        state: SuggestionStatus,
        /// The step asked for.
        step: SuggestionStep,
        /// The states the step starts from.
        allowed: Vec<SuggestionStatus>,
    },
    /// 409: only a draft may be edited or have its co-signatures confirmed.
    NotADraft {
        /// `edit` or `confirm`.
        step: SuggestionStep,
    },
    /// 409: consultations and replies only while the item is being handled.
    NotInHandling {
        /// The item's state.
        state: SuggestionStatus,
    },
    /// 403: the step belongs to someone else (the author, a co-signer, the lead
    /// organisation, a handler, a signer, the office).
    NotYourStep {
        /// The step asked for.
        step: SuggestionStep,
    },
    /// 409: an organisation returns an item within its working days after referral.
    ReturnPeriodOver {
        /// The last day it could.
        due: NaiveDate,
    },
    /// 409: a request for more time is already waiting for the office.
    ExtensionRequestPending {
        /// The months it asks for.
        months: i32,
    },
    /// 409: no request for more time is pending.
    NoExtensionRequest,
    /// 409: extensions add up to at most 3 months (local practice).
    ExtensionLimit {
        /// Months granted so far.
        granted: i32,
        /// Months asked now (absent: at least one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asked: Option<i32>,
    },
    /// 409: the caller rated this round already.
    AlreadyRated,
    /// 409: a draft needs content and a category before it is submitted.
    Incomplete,
    /// 409: co-signers who have not confirmed.
    CoSignersUnconfirmed {
        /// How many.
        count: u32,
    },
    /// 409: the lead must record a consultation of this round before replying (DL 51, R7).
    ConsultationRequired {
        /// The round of handling.
        round: i32,
        /// The day the round began.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<NaiveDate>,
        /// The organisation's consultations are all of an earlier round.
        #[serde(default)]
        earlier_round: bool,
        /// The organisation's consultations of this round were held before it began.
        #[serde(default)]
        before_round: bool,
    },
    /// 409: a reply once sent is not sent again nor edited.
    AlreadySent {
        /// The refused step was an edit.
        #[serde(default)]
        edit: bool,
    },
    /// 404, or 422 for a field naming it: no such record in the caller's scope.
    NotFound {
        /// What is missing.
        what: SuggestionRecord,
    },
    /// 422 `/co_signer_ids/i`: a co-signer twice, or the lead deputy again.
    DuplicateSigner,
    /// 422 `/co_org_ids/i`: a co-handler twice, or the lead organisation again.
    DuplicateOrg,
    /// 422: at most this many co-signers.
    #[serde(rename = "too_many")]
    TooManyCoSigners {
        /// The bound.
        max: u32,
    },
    /// 422: a deputy whose duties are suspended or whose mandate ended (DL 61, 62) may
    /// neither raise nor co-sign an item.
    #[serde(rename = "not_in_office")]
    SignerNotServing {
        /// The lead deputy (else a co-signer).
        lead: bool,
    },
    /// 422 `/co_signer_ids/i`: co-signers are deputies of the same congress.
    SignerOfOtherCongress,
    /// 422 `/session_activity_id`: not a session of this congress.
    #[serde(rename = "session_not_of_congress")]
    NotASession,
    /// 422 `/referred_on`: after today.
    ReferralInFuture,
    /// 422 `/referred_on`: before the item was submitted.
    ReferralBeforeSubmission,
    /// 422 `/held_on`: a consultation after today.
    ConsultationInFuture,
    /// 422 `/note`: closing an item whose rating lapsed says why.
    LapsedCloseNote {
        /// Days after the reply.
        days: i64,
    },
    /// 403: a deputy raises items in their own name.
    OwnNameOnly,
    /// 403: the account has no deputy record.
    NoDeputyRecord,
    /// 422 `/lead_deputy_id`: the office names the lead deputy.
    LeadRequired,
    /// 422 `/name`: an organisation of that name in the congress, or a category of that
    /// name under the same parent.
    Taken {
        /// `org` or `category`.
        what: SuggestionRecord,
    },
    /// 422 `/parent_id`: a parent is a first- or second-level category of the congress.
    InvalidParent,
    /// 422 `?order`: `updated_since` has its own order; `order=newest` is refused with it.
    OrderWithUpdatedSince,
    /// 404: the working calendar keeps the years 2000–2100.
    CalendarYear {
        /// First year kept.
        min: i32,
        /// Last year kept.
        max: i32,
    },
    /// 422 `/days/i/date`: a date of another year.
    #[serde(rename = "wrong_year")]
    DateNotInYear {
        /// The date given.
        date: NaiveDate,
        /// The calendar's year.
        year: i32,
    },
    /// 422 `/days/i/date`: a date listed twice.
    DuplicateDate {
        /// The date.
        date: NaiveDate,
    },
    /// 422 `/days`: more days than a year has.
    TooManyDays {
        /// The bound (366).
        max: u32,
    },
    /// 403: attachments of an item are changed by its proposer while it is a draft, or by
    /// the office; those of a reply draft by the organisation that drafts it.
    AttachmentsNotYours {
        /// The attachment belongs to a reply draft.
        reply: bool,
    },
    /// 422 `?reply_id`: the reply belongs to another item.
    #[serde(rename = "not_of_suggestion")]
    ReplyOfOtherItem,
    /// 403: reminders go to handling organisations, the office and the presidium.
    NoReminders,
    /// 422 `?from`: the report's first day is after its last.
    #[serde(rename = "after_to")]
    FromAfterTo,
    /// 403: the working calendar is shared: only administrators of the top congress edit it.
    CalendarTopOnly,
    /// 422 `/co_org_ids`: at most this many co-handling organisations.
    TooManyCoOrgs {
        /// The bound.
        max: u32,
    },
}

type M = SuggestionMessage;

impl Catalogue for SuggestionMessage {
    fn code(&self) -> &'static str {
        match self {
            M::StepNotAllowed { .. } => "invalid_transition",
            M::NotADraft { .. } => "not_a_draft",
            M::NotInHandling { .. } => "not_in_handling",
            M::NotYourStep { .. } => "not_your_step",
            M::ReturnPeriodOver { .. } => "return_period_over",
            M::ExtensionRequestPending { .. } => "extension_request_pending",
            M::NoExtensionRequest => "no_extension_request",
            M::ExtensionLimit { .. } => "extension_limit",
            M::AlreadyRated => "already_rated",
            M::Incomplete => "incomplete",
            M::CoSignersUnconfirmed { .. } => "co_signers_unconfirmed",
            M::ConsultationRequired { .. } => "consultation_required",
            M::AlreadySent { .. } => "already_sent",
            M::NotFound { .. } => "not_found",
            M::DuplicateSigner => "duplicate_signer",
            M::DuplicateOrg => "duplicate_org",
            M::TooManyCoSigners { .. } => "too_many",
            M::SignerNotServing { .. } => "not_in_office",
            M::SignerOfOtherCongress => "signer_of_other_congress",
            M::NotASession => "session_not_of_congress",
            M::ReferralInFuture => "referral_in_future",
            M::ReferralBeforeSubmission => "referral_before_submission",
            M::ConsultationInFuture => "consultation_in_future",
            M::LapsedCloseNote { .. } => "lapsed_close_note",
            M::OwnNameOnly => "own_name_only",
            M::NoDeputyRecord => "no_deputy_record",
            M::LeadRequired => "lead_required",
            M::Taken { .. } => "taken",
            M::InvalidParent => "invalid_parent",
            M::OrderWithUpdatedSince => "order_with_updated_since",
            M::CalendarYear { .. } => "calendar_year",
            M::DateNotInYear { .. } => "wrong_year",
            M::DuplicateDate { .. } => "duplicate_date",
            M::TooManyDays { .. } => "too_many_days",
            M::AttachmentsNotYours { .. } => "attachments_not_yours",
            M::ReplyOfOtherItem => "not_of_suggestion",
            M::NoReminders => "no_reminders",
            M::FromAfterTo => "after_to",
            M::CalendarTopOnly => "calendar_top_only",
            M::TooManyCoOrgs { .. } => "too_many_co_orgs",
        }
    }

    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl SuggestionMessage {
    // Long: a catalogue, one arm per message (likewise `en` and `samples`).
    fn zh(&self) -> String {
        match self {
            M::StepNotAllowed {
                state,
                step,
                allowed,
            } => {
                let allowed: Vec<&str> = allowed.iter().map(|s| s.label_zh()).collect();
                format!(
                    "建议当前为“{}”状态，不能{}（仅限{}状态）。",
                    state.label_zh(),
                    step.label_zh(),
                    allowed.join("、")
                )
            }
            M::NotADraft {
                step: SuggestionStep::Confirm,
            } => "建议已提交，附议确认须在提交前进行。".into(),
            M::NotADraft { .. } => "只有草稿可以修改；已提交的建议请撤回后重新提出。".into(),
            M::NotInHandling { state } => {
                format!("建议当前为“{}”状态，不在办理中。", state.label_zh())
            }
            M::NotYourStep { step } => not_yours_zh(*step),
            M::ReturnPeriodOver { due } => {
                format!("退回须在交办后规定的工作日内（截至 {due}）提出，现已超过期限。")
            }
            M::ExtensionRequestPending { months } => format!(
                "已有一项待人大办审批的延期申请（{months} 个月），请等待批准或不予同意后再申请。"
            ),
            M::NoExtensionRequest => "没有待审批的延期申请。".into(),
            M::ExtensionLimit { granted, asked } => match asked {
                Some(n) => {
                    format!("延期累计不得超过 3 个月（已延期 {granted} 个月，本次 {n} 个月）。")
                }
                None => format!("延期累计不得超过 3 个月（已延期 {granted} 个月）。"),
            },
            M::AlreadyRated => "您已对本轮答复进行过测评。".into(),
            M::Incomplete => "提交前须填写建议内容并选择分类。".into(),
            M::CoSignersUnconfirmed { count } => {
                format!("尚有 {count} 位附议代表未确认附议，不能提交。")
            }
            M::ConsultationRequired {
                round,
                since,
                earlier_round,
                before_round,
            } => {
                let since = since.map(|s| format!("自 {s} 起")).unwrap_or_default();
                let earlier = if *earlier_round {
                    "本单位已有的面商记录属于此前一轮办理，不计入本轮。"
                } else if *before_round {
                    "本单位已有的面商早于本轮办理开始之日，不计入本轮。"
                } else {
                    ""
                };
                format!("根据代表法第五十一条，承办单位应当与代表联系沟通、充分听取意见后再答复。本轮办理（第 {round} 轮，{since}）尚无本单位与代表面商的记录，不能发出答复；请先记录面商情况。{earlier}")
            }
            M::AlreadySent { edit: true } => "答复已发出，不能修改。".into(),
            M::AlreadySent { edit: false } => "答复已发出。".into(),
            M::NotFound {
                what: SuggestionRecord::Category,
            } => "分类不存在、已停用或不适用于本人大。".into(),
            M::NotFound { what } => format!("{}不存在或不在您的权限范围内。", what.label_zh()),
            M::DuplicateSigner => "附议代表重复，或与领衔代表相同。".into(),
            M::DuplicateOrg => "协办单位重复，或与主办单位相同。".into(),
            M::TooManyCoSigners { max } => format!("附议代表最多 {max} 人。"),
            M::SignerNotServing { lead: true } => "领衔代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能提出建议。".into(),
            M::SignerNotServing { lead: false } => "该附议代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能附议。".into(),
            M::SignerOfOtherCongress => "附议代表须为同一人大的代表。".into(),
            M::NotASession => "须为本人大的一次人民代表大会会议。".into(),
            M::ReferralInFuture => "交办日期不能晚于今天。".into(),
            M::ReferralBeforeSubmission => "交办日期不能早于提交日期。".into(),
            M::ConsultationInFuture => "面商日期不能晚于今天。".into(),
            M::LapsedCloseNote { days } => {
                format!("代表答复后 {days} 天仍未测评：办结时请写明情况。")
            }
            M::OwnNameOnly => "代表只能以本人为领衔代表提出建议。".into(),
            M::NoDeputyRecord => "账号未关联代表记录。".into(),
            M::LeadRequired => "请指定领衔代表。".into(),
            M::Taken {
                what: SuggestionRecord::Category,
            } => "同一上级下已有同名分类。".into(),
            M::Taken { .. } => "本人大已有同名承办单位。".into(),
            M::InvalidParent => "上级分类须为本人大的一级或二级分类。".into(),
            M::OrderWithUpdatedSince => {
                "按更新时间同步（updated_since）时按更新时间排序，不能同时指定 order=newest。".into()
            }
            M::CalendarYear { min, max } => format!("年份须在 {min}–{max} 之间。"),
            M::DateNotInYear { date, year } => format!("日期 {date} 不在 {year} 年内。"),
            M::DuplicateDate { date } => format!("日期 {date} 重复。"),
            M::TooManyDays { max } => format!("一年最多 {max} 天。"),
            M::AttachmentsNotYours { reply: true } => {
                "只有答复单位可以更改答复草稿的附件。".into()
            }
            M::AttachmentsNotYours { reply: false } => {
                "只有建议的提出者（草稿期间）或人大办可以更改附件。".into()
            }
            M::ReplyOfOtherItem => "该答复不属于这条建议。".into(),
            M::NoReminders => "提醒只发给承办单位和人大办、主席团。".into(),
            M::FromAfterTo => "from 不能晚于 to。".into(),
            M::CalendarTopOnly => {
                "工作日历全系统共用，只能由最高一级人大的管理员修改。".into()
            }
            M::TooManyCoOrgs { max } => format!("协办单位最多 {max} 个。"),
        }
    }

    // Long: the catalogue's English, one arm per message.
    fn en(&self) -> String {
        match self {
            M::StepNotAllowed {
                state,
                step,
                allowed,
            } => {
                let allowed: Vec<&str> = allowed.iter().map(|s| s.label_en()).collect();
                format!(
                    "The item is “{}”: you cannot {} now (only when it is {}).",
                    state.label_en(),
                    step.label_en(),
                    allowed.join(", ")
                )
            }
            M::NotADraft {
                step: SuggestionStep::Confirm,
            } => "The item has been submitted: co-signatures are confirmed before submission."
                .into(),
            M::NotADraft { .. } => {
                "Only a draft can be edited: withdraw a submitted item and raise it again.".into()
            }
            M::NotInHandling { state } => {
                format!("The item is “{}”: it is not being handled now.", state.label_en())
            }
            M::NotYourStep { step } => not_yours_en(*step),
            M::ReturnPeriodOver { due } => format!(
                "An item is returned within the working days after referral (until {due}); that period is over."
            ),
            M::ExtensionRequestPending { months } => format!(
                "A request for {months} more month(s) is already waiting for the office's decision."
            ),
            M::NoExtensionRequest => "There is no extension request to refuse.".into(),
            M::ExtensionLimit { granted, asked } => match asked {
                Some(n) => format!(
                    "Extensions add up to at most 3 months ({granted} granted, {n} asked now)."
                ),
                None => format!("Extensions add up to at most 3 months ({granted} granted)."),
            },
            M::AlreadyRated => "You have already rated this round.".into(),
            M::Incomplete => "Fill in the content and choose a category before submitting.".into(),
            M::CoSignersUnconfirmed { count } => format!(
                "{count} co-signer(s) have not confirmed yet: the item cannot be submitted."
            ),
            M::ConsultationRequired {
                round,
                since,
                earlier_round,
                before_round,
            } => {
                let since = since.map(|s| format!(", since {s}")).unwrap_or_default();
                let earlier = if *earlier_round {
                    " Your organisation's consultations belong to an earlier round and do not count."
                } else if *before_round {
                    " Your organisation's consultations were held before this round began and do not count."
                } else {
                    ""
                };
                format!("Consult the deputy before sending the reply (Deputies Law art. 51): no consultation of your organisation is recorded for this round (round {round}{since}); record it first.{earlier}")
            }
            M::AlreadySent { edit: true } => "This reply has been sent and cannot be edited.".into(),
            M::AlreadySent { edit: false } => "This reply has already been sent.".into(),
            M::NotFound {
                what: SuggestionRecord::Category,
            } => "No such category, or it is inactive or not used by this congress.".into(),
            M::NotFound { what } => {
                format!("No such {} within your scope.", what.label_en())
            }
            M::DuplicateSigner => "A co-signer is listed twice, or is the lead deputy.".into(),
            M::DuplicateOrg => {
                "A co-handling organisation is listed twice, or is the lead organisation.".into()
            }
            M::TooManyCoSigners { max } => format!("At most {max} co-signers."),
            M::SignerNotServing { lead } => format!(
                "The {} deputy's duties are suspended or their mandate has ended (Deputies Law art. 61, 62).",
                if *lead { "lead" } else { "co-signing" }
            ),
            M::SignerOfOtherCongress => "Co-signers are deputies of the same congress.".into(),
            M::NotASession => "Must be a session of this congress.".into(),
            M::ReferralInFuture => "The referral date cannot be after today.".into(),
            M::ReferralBeforeSubmission => {
                "The referral date cannot be before the item was submitted.".into()
            }
            M::ConsultationInFuture => "The consultation date cannot be after today.".into(),
            M::LapsedCloseNote { days } => format!(
                "The reply has been unrated for {days} days: say why when closing the item."
            ),
            M::OwnNameOnly => "A deputy raises items as their own lead deputy only.".into(),
            M::NoDeputyRecord => "This account is not linked to a deputy.".into(),
            M::LeadRequired => "Choose the lead deputy.".into(),
            M::Taken {
                what: SuggestionRecord::Category,
            } => "A category of that name exists under the same parent.".into(),
            M::Taken { .. } => "This congress has a handling organisation of that name.".into(),
            M::InvalidParent => {
                "The parent must be a first- or second-level category of this congress.".into()
            }
            M::OrderWithUpdatedSince => {
                "A sync by updated_since has its own order: leave out order=newest.".into()
            }
            M::CalendarYear { min, max } => format!("The year must be from {min} to {max}."),
            M::DateNotInYear { date, year } => format!("{date} is not in {year}."),
            M::DuplicateDate { date } => format!("{date} is listed twice."),
            M::TooManyDays { max } => format!("A year has at most {max} days."),
            M::AttachmentsNotYours { reply: true } => {
                "Only the organisation drafting a reply changes its attachments.".into()
            }
            M::AttachmentsNotYours { reply: false } => "Only the proposer (while the item is a draft) or the office changes an item's attachments.".into(),
            M::ReplyOfOtherItem => "That reply belongs to another item.".into(),
            M::NoReminders => {
                "Reminders go to handling organisations, the office and the presidium.".into()
            }
            M::FromAfterTo => "The first day cannot be after the last.".into(),
            M::CalendarTopOnly => "The working calendar is shared: only administrators of the top-level congress change it.".into(),
            M::TooManyCoOrgs { max } => format!("At most {max} co-handling organisations."),
        }
    }
}

fn not_yours_zh(step: SuggestionStep) -> String {
    use SuggestionStep as T;
    match step {
        T::Edit => "只有领衔代表或录入人可以修改草稿。".into(),
        T::Submit => "只有领衔代表或录入人可以提交建议。".into(),
        T::Withdraw => "只有领衔代表或录入人可以撤回建议。".into(),
        T::Confirm => "只有附议代表本人可以确认附议。".into(),
        T::Return => "只有交办的承办单位可以退回建议。".into(),
        T::Start => "只有主办单位可以开始办理。".into(),
        T::RequestExtension => "只有主办单位可以申请延期；延期由人大办批准。".into(),
        T::Consult | T::DraftReply | T::SendReply => {
            "只有交办的承办单位（转交上级的建议由人大办）可以办理。".into()
        }
        T::Rate => "只有领衔代表和附议代表可以测评。".into(),
        _ => format!("只有人大办可以{}。", step.label_zh()),
    }
}

fn not_yours_en(step: SuggestionStep) -> String {
    use SuggestionStep as T;
    match step {
        T::Edit | T::Submit | T::Withdraw => format!(
            "Only the lead deputy or whoever entered the item may {} it.",
            step.label_en().trim_end_matches(" the draft")
        ),
        T::Confirm => "Only the co-signer themself may confirm their co-signature.".into(),
        T::Return => "Only an organisation the item was referred to may return it.".into(),
        T::Start => "Only the lead handling organisation may start handling.".into(),
        T::RequestExtension => {
            "Only the lead handling organisation may ask for an extension; the office grants it."
                .into()
        }
        T::Consult | T::DraftReply | T::SendReply => "Only the organisations the item was referred to (the office, for an item forwarded to the upper-level congress) may handle it.".into(),
        T::Rate => "Only the lead deputy and the co-signers may rate the replies.".into(),
        _ => format!("Only the congress office may {}.", step.label_en()),
    }
}

/// One value of every variant, for the catalogue's tests.
// Long: one sample per message.
#[cfg(test)]
pub(crate) fn samples() -> Vec<SuggestionMessage> {
    use SuggestionStatus as S;
    let day = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let mut out = vec![
        M::StepNotAllowed {
            state: S::Closed,
            step: SuggestionStep::Refer,
            allowed: vec![S::Accepted, S::Returned],
        },
        M::NotADraft {
            step: SuggestionStep::Confirm,
        },
        M::NotADraft {
            step: SuggestionStep::Edit,
        },
        M::NotInHandling { state: S::Replied },
        M::ReturnPeriodOver { due: day },
        M::ExtensionRequestPending { months: 2 },
        M::NoExtensionRequest,
        M::ExtensionLimit {
            granted: 2,
            asked: Some(2),
        },
        M::ExtensionLimit {
            granted: 3,
            asked: None,
        },
        M::AlreadyRated,
        M::Incomplete,
        M::CoSignersUnconfirmed { count: 2 },
        M::ConsultationRequired {
            round: 2,
            since: Some(day),
            earlier_round: true,
            before_round: false,
        },
        M::AlreadySent { edit: true },
        M::DuplicateSigner,
        M::DuplicateOrg,
        M::TooManyCoSigners { max: 50 },
        M::SignerNotServing { lead: true },
        M::SignerOfOtherCongress,
        M::NotASession,
        M::ReferralInFuture,
        M::ReferralBeforeSubmission,
        M::ConsultationInFuture,
        M::LapsedCloseNote { days: 30 },
        M::OwnNameOnly,
        M::NoDeputyRecord,
        M::LeadRequired,
        M::Taken {
            what: SuggestionRecord::Org,
        },
        M::Taken {
            what: SuggestionRecord::Category,
        },
        M::InvalidParent,
        M::OrderWithUpdatedSince,
        M::CalendarYear {
            min: 2000,
            max: 2100,
        },
        M::DateNotInYear {
            date: day,
            year: 2026,
        },
        M::DuplicateDate { date: day },
        M::TooManyDays { max: 366 },
        M::AttachmentsNotYours { reply: true },
        M::AttachmentsNotYours { reply: false },
        M::ReplyOfOtherItem,
        M::NoReminders,
        M::FromAfterTo,
        M::CalendarTopOnly,
        M::TooManyCoOrgs { max: 20 },
    ];
    out.extend(
        SuggestionStep::ALL
            .iter()
            .map(|&step| M::NotYourStep { step }),
    );
    out.extend(
        SuggestionRecord::ALL
            .iter()
            .map(|&what| M::NotFound { what }),
    );
    out
}
