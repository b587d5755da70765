//! Congress sessions: the quorum (R3), agenda items and votes (R4), the outcome with who
//! was elected, and the yearly check of R2 (OL 14).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

code_enum! {
    /// What an agenda item of a session is.
    AgendaItemKind {
        /// 听取审议报告
        Report = "report" / "报告",
        /// 决议、决定
        Resolution = "resolution" / "决议",
        /// 选举
        Election = "election" / "选举",
        /// 其他
        Other = "other" / "其他",
    }
}

code_enum! {
    /// The office an election fills.
    Office {
        /// 人大主席
        Chairperson = "chairperson" / "人大主席",
        /// 人大副主席
        ViceChairperson = "vice_chairperson" / "人大副主席",
        /// 主席团成员
        PresidiumMember = "presidium_member" / "主席团成员",
        /// 镇长
        TownshipHead = "township_head" / "镇长",
        /// 副镇长
        DeputyTownshipHead = "deputy_township_head" / "副镇长",
    }
}

impl Office {
    /// Whether a holder of this office sits on the presidium (the chairperson and
    /// vice-chairpersons are members of the presidium, OL 19).
    pub fn on_presidium(self) -> bool {
        matches!(
            self,
            Self::Chairperson | Self::ViceChairperson | Self::PresidiumMember
        )
    }
}

/// The quorum of a session (R3; OL 14): valid only with at least 2/3 of all deputies in
/// office present. Computed with integers: `attending × 3 ≥ in_office × 2`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Quorum {
    pub session_id: Uuid,
    /// The session's date in the congress's time zone: the date deputies are counted at.
    pub date: NaiveDate,
    /// Deputies of the term in office on `date` (suspended ones included; terminated on or
    /// before `date` excluded).
    pub in_office: i64,
    /// Of `in_office`, suspended (DL 61).
    pub suspended: i64,
    /// Members present.
    pub present: i64,
    /// Members late (count as present).
    pub late: i64,
    pub on_leave: i64,
    pub absent: i64,
    /// Members not yet recorded.
    pub not_recorded: i64,
    /// `present + late`.
    pub attending: i64,
    /// The least `attending` for a valid session: ⌈2 × in_office / 3⌉.
    pub required: i64,
    pub valid: bool,
    /// Observers (列席) present or late: not counted for quorum.
    pub observers_attending: i64,
    /// Everyone in the room: members and observers.
    pub total_attending: i64,
    /// Why the session is or is not valid, in Chinese, with the counts.
    pub explanation: String,
}

/// An agenda item (议程) of a session, with its votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub id: Uuid,
    pub activity_id: Uuid,
    pub position: i32,
    pub title: String,
    pub kind: AgendaItemKind,
    pub votes: Vec<Vote>,
}

/// `POST /api/v1/activities/{id}/agenda-items` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewAgendaItem {
    /// 1–200 characters.
    pub title: String,
    pub kind: AgendaItemKind,
    /// 1-based; default: after the last item.
    #[serde(default)]
    pub position: Option<i32>,
}

/// A vote on a resolution or a candidate (R4; OL 25): passes only with more than half of
/// ALL deputies in office, not of those present: `yes × 2 > in_office`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Vote {
    pub id: Uuid,
    pub agenda_item_id: Uuid,
    /// The resolution, or the candidate's name.
    pub subject: String,
    /// For elections: the office filled.
    pub office: Option<Office>,
    pub candidate_deputy_id: Option<Uuid>,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    /// Deputies in office on the session's date.
    pub in_office: i64,
    /// The least `yes` that passes: ⌊in_office / 2⌋ + 1.
    pub required: i64,
    pub passed: bool,
    /// Why it passed or failed, in Chinese, with the counts.
    pub explanation: String,
    pub recorded_at: DateTime<Utc>,
}

/// `POST /api/v1/agenda-items/{id}/votes` body. `yes + no + abstain` may not exceed the
/// members attending the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewVote {
    /// 1–200 characters: the resolution or the candidate's name.
    pub subject: String,
    /// Required for an election item, refused otherwise.
    #[serde(default)]
    pub office: Option<Office>,
    #[serde(default)]
    pub candidate_deputy_id: Option<Uuid>,
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
}

/// Someone elected at a session (an election vote that passed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Elected {
    pub office: Office,
    pub name: String,
    pub candidate_deputy_id: Option<Uuid>,
    pub vote_id: Uuid,
    pub yes: i32,
    pub in_office: i64,
}

/// The outcome of a session: quorum, agenda with votes, and who was elected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SessionOutcome {
    pub quorum: Quorum,
    pub agenda: Vec<AgendaItem>,
    /// The presidium elected at the session (chairperson, vice-chairpersons, members).
    pub presidium: Vec<Elected>,
    /// Every other office filled (镇长、副镇长).
    pub other_elected: Vec<Elected>,
}

/// Query of `GET /api/v1/session-check`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SessionCheckQuery {
    /// The congress (default: the caller's).
    pub congress_id: Option<Uuid>,
    /// The calendar year, e.g. 2022 (in the congress's time zone).
    pub year: i32,
}

/// Whether a congress met as the law asks in a year (R2; OL 14): a township congress holds
/// at least one session a year, "generally twice"; temporary sessions count as sessions
/// held, and are reported apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SessionCheck {
    pub congress_id: Uuid,
    pub year: i32,
    /// Sessions held (held, summarised or archived) whose date falls in the year.
    pub sessions_held: i64,
    /// Of those, temporary sessions.
    pub temporary_held: i64,
    /// Sessions planned or notified for later in the year (not yet held).
    pub sessions_planned: i64,
    /// At least one session held: the legal minimum.
    pub meets_minimum: bool,
    /// At least two held: the "generally twice" of OL 14.
    pub generally_twice: bool,
    /// In Chinese, with the counts.
    pub explanation: String,
}
