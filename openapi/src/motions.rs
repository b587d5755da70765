//! Motions (议案; R5, OL 22): from the presidium, the government, or at least 5 township
//! deputies jointly, each stating a subject (案由), grounds (案据) and a proposed solution
//! (方案). States (DOMAIN.md): `draft → submitted → on_agenda | not_on_agenda`,
//! `on_agenda → adopted | rejected`; `withdrawn` before the vote (with the presidium's
//! consent once on the agenda). A deputies' motion not put on the agenda may be turned into
//! a suggestion.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The least number of township deputies who may jointly propose a motion (R5; OL 22).
pub const MOTION_MIN_DEPUTIES: usize = 5;

code_enum! {
    /// Who proposes a motion (OL 22).
    MotionProposer {
        /// 主席团
        Presidium = "presidium" / "主席团",
        /// 乡镇人民政府
        Government = "government" / "人民政府",
        /// 代表五人以上联名
        Deputies = "deputies" / "代表联名",
    }
}

code_enum! {
    /// Where a motion is.
    MotionStatus {
        /// 草稿
        Draft = "draft" / "草稿",
        /// 已提出
        Submitted = "submitted" / "已提出",
        /// 列入会议议程
        OnAgenda = "on_agenda" / "列入议程",
        /// 不列入会议议程
        NotOnAgenda = "not_on_agenda" / "不列入议程",
        /// 通过
        Adopted = "adopted" / "通过",
        /// 未通过
        Rejected = "rejected" / "未通过",
        /// 撤回
        Withdrawn = "withdrawn" / "已撤回",
    }
}

/// A motion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Motion {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// The session it is proposed to.
    pub session_activity_id: Option<Uuid>,
    pub proposer: MotionProposer,
    /// For deputies' motions: the lead deputy.
    pub lead_deputy_id: Option<Uuid>,
    /// For deputies' motions: every proposer, the lead first.
    pub signers: Vec<crate::Signer>,
    /// 案由
    pub subject: String,
    /// 案据
    pub grounds: String,
    /// 方案
    pub proposal: String,
    pub status: MotionStatus,
    /// Why not on the agenda, the vote, or the consent to withdraw.
    pub decision_note: Option<String>,
    /// The suggestion it was turned into, if any.
    pub suggestion_id: Option<Uuid>,
    pub submitted_on: Option<NaiveDate>,
    /// The vote that decided it (`adopted` or `rejected`); null before the vote (and for
    /// motions decided before votes were recorded).
    pub vote: Option<MotionVote>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// The vote on a motion (R4; OL 25): it passes only when `votes_for` is more than half of
/// ALL deputies in office on the vote's date, not of those present: `votes_for × 2 >
/// in_office`, so exactly half fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MotionVote {
    pub votes_for: i32,
    pub votes_against: i32,
    pub abstentions: i32,
    /// Deputies in office on `date` (terminated ones no longer count; suspended ones do,
    /// DL 61), as when the vote was recorded.
    pub in_office: i64,
    /// The least `votes_for` that passes: ⌊in_office / 2⌋ + 1.
    pub required: i64,
    pub passed: bool,
    /// The date the deputies in office are counted on: the motion's session's, else the
    /// day the vote was recorded.
    pub date: NaiveDate,
    /// Why it passed or failed, in Chinese, with the counts.
    pub explanation: String,
}

/// `POST /api/v1/motions` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMotion {
    /// A deputy proposes as `deputies` (and leads); the office enters motions of any kind.
    pub proposer: MotionProposer,
    /// For the office entering a deputies' motion: the lead deputy.
    #[serde(default)]
    pub lead_deputy_id: Option<Uuid>,
    /// For the office entering a presidium's or government's motion: the congress.
    #[serde(default)]
    pub congress_id: Option<Uuid>,
    #[serde(default)]
    pub session_activity_id: Option<Uuid>,
    /// 1–200 characters.
    pub subject: String,
    /// 1–20,000 characters.
    pub grounds: String,
    /// 1–20,000 characters.
    pub proposal: String,
    /// The other proposers of a deputies' motion; each must confirm. At most 100. Each,
    /// like the lead, must hold an active mandate: a suspended or terminated deputy (R9,
    /// R10; DL 61, 62) is 422 `not_in_office` on `/co_signer_ids/{i}` (`/lead_deputy_id`
    /// for the lead).
    #[serde(default)]
    pub co_signer_ids: Vec<Uuid>,
}

/// `POST /api/v1/motions/{id}/transitions` body.
///
/// | action | by | from → to |
/// |---|---|---|
/// | `submit` | the lead deputy or the user who entered it | draft → submitted (a deputies' motion needs at least 5 confirmed proposers in office; suspended or terminated ones do not count) |
/// | `place_on_agenda` | office, presidium | submitted → on_agenda |
/// | `not_on_agenda` | office, presidium | submitted → not_on_agenda (with the reason; `as_suggestion` turns a deputies' motion into a submitted suggestion) |
/// | `adopt`, `reject` | office, recording the vote | on_agenda → adopted, rejected: `adopt` only when the vote passed, `reject` only when it did not (R4; OL 25) |
/// | `withdraw` | the author (draft, submitted); office or presidium recording the presidium's consent (on_agenda) | → withdrawn |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum MotionAction {
    Submit,
    PlaceOnAgenda {
        #[serde(default)]
        note: Option<String>,
    },
    NotOnAgenda {
        /// 1–500 characters.
        reason: String,
        /// Turn the motion into a suggestion (建议) of the same deputies.
        #[serde(default)]
        as_suggestion: bool,
    },
    /// Record the vote, which passed: `votes_for` is more than half of all deputies in
    /// office (R4; OL 25). Else 409 `vote_not_passed`, with the numbers.
    Adopt {
        /// 赞成; each count ≥ 0, and together at most the deputies in office.
        votes_for: i32,
        /// 反对
        votes_against: i32,
        /// 弃权
        abstentions: i32,
        #[serde(default)]
        note: Option<String>,
    },
    /// Record the vote, which failed: `votes_for` is at most half of all deputies in
    /// office. Else 409 `vote_passed`, with the numbers.
    Reject {
        votes_for: i32,
        votes_against: i32,
        abstentions: i32,
        #[serde(default)]
        note: Option<String>,
    },
    Withdraw {
        #[serde(default)]
        note: Option<String>,
    },
}

impl MotionAction {
    /// The wire name of the action.
    pub fn name(&self) -> &'static str {
        match self {
            MotionAction::Submit => "submit",
            MotionAction::PlaceOnAgenda { .. } => "place_on_agenda",
            MotionAction::NotOnAgenda { .. } => "not_on_agenda",
            MotionAction::Adopt { .. } => "adopt",
            MotionAction::Reject { .. } => "reject",
            MotionAction::Withdraw { .. } => "withdraw",
        }
    }
}

/// A recorded step of a motion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MotionEvent {
    pub from_status: Option<MotionStatus>,
    pub to_status: MotionStatus,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}
