//! Deputies (the person) and their mandates (a seat in one congress for one term).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Gender as recorded on the roster (性别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// Wire and database code.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
    /// Chinese label as rosters write it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
    /// Parses the wire code, the Chinese label or English words (`M`, `F`, `男性` …).
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_lowercase().as_str() {
            "male" | "m" | "男" | "男性" => Some(Gender::Male),
            "female" | "f" | "女" | "女性" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Status of a mandate. `active` ⇄ `suspended` → `terminated`; terminated is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MandateStatus {
    Active,
    Suspended,
    Terminated,
}

impl MandateStatus {
    /// Wire and database code.
    pub fn as_str(self) -> &'static str {
        match self {
            MandateStatus::Active => "active",
            MandateStatus::Suspended => "suspended",
            MandateStatus::Terminated => "terminated",
        }
    }
    /// Parses the wire code.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Suspended, Self::Terminated]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Why a mandate was suspended (DL 61) or terminated (DL 62).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusReason {
    /// DL 61: in custody for a criminal case (suspension).
    InCustody,
    /// DL 61: serving a sentence without deprivation of political rights (suspension).
    ServingSentence,
    /// DL 62 (1): moved out of the administrative area (termination).
    MovedOut,
    /// DL 62 (2): resignation accepted (辞职).
    Resigned,
    /// DL 62 (3): absent twice from sessions without approved leave.
    AbsentTwiceWithoutLeave,
    /// DL 62 (4): recalled (罢免).
    Recalled,
    /// DL 62 (5): lost Chinese nationality.
    LostNationality,
    /// DL 62 (6): deprived of political rights by a court.
    DeprivedOfPoliticalRights,
    /// DL 62 (7): lost capacity for conduct.
    LostCapacity,
    /// Death (去世).
    Died,
}

impl StatusReason {
    /// Every reason.
    pub const ALL: [StatusReason; 10] = [
        Self::InCustody,
        Self::ServingSentence,
        Self::MovedOut,
        Self::Resigned,
        Self::AbsentTwiceWithoutLeave,
        Self::Recalled,
        Self::LostNationality,
        Self::DeprivedOfPoliticalRights,
        Self::LostCapacity,
        Self::Died,
    ];
    /// Wire and database code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InCustody => "in_custody",
            Self::ServingSentence => "serving_sentence",
            Self::MovedOut => "moved_out",
            Self::Resigned => "resigned",
            Self::AbsentTwiceWithoutLeave => "absent_twice_without_leave",
            Self::Recalled => "recalled",
            Self::LostNationality => "lost_nationality",
            Self::DeprivedOfPoliticalRights => "deprived_of_political_rights",
            Self::LostCapacity => "lost_capacity",
            Self::Died => "died",
        }
    }
    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::InCustody => "因刑事案件被羁押",
            Self::ServingSentence => "被判处刑罚正在服刑",
            Self::MovedOut => "迁出本行政区域",
            Self::Resigned => "辞职",
            Self::AbsentTwiceWithoutLeave => "未经批准两次不出席本级人民代表大会会议",
            Self::Recalled => "罢免",
            Self::LostNationality => "丧失中华人民共和国国籍",
            Self::DeprivedOfPoliticalRights => "被剥夺政治权利",
            Self::LostCapacity => "丧失行为能力",
            Self::Died => "去世",
        }
    }
    /// Parses the wire code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    /// Whether this reason suspends (DL 61) rather than terminates (DL 62).
    pub fn suspends(self) -> bool {
        matches!(self, Self::InCustody | Self::ServingSentence)
    }
}

/// How a mandate was won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ElectedVia {
    /// 换届选举
    GeneralElection,
    /// 补选
    ByElection,
}

impl ElectedVia {
    /// Wire and database code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GeneralElection => "general_election",
            Self::ByElection => "by_election",
        }
    }
    /// Parses the wire code.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::GeneralElection, Self::ByElection]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// A deputy: the person, with every mandate they hold or held in the caller's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Deputy {
    pub id: Uuid,
    /// The congress whose office keeps this record.
    pub congress_id: Uuid,
    /// The key another system gives this person; unique within the congress.
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<Gender>,
    /// 民族, e.g. `汉族`.
    pub ethnicity: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: rosters often give only a year or a month.
    pub birth_date: Option<String>,
    /// 党派 as the roster writes it, e.g. `中共`, `民建`, `无党派`.
    pub party: Option<String>,
    /// 工作单位及职务
    pub workplace_post: Option<String>,
    /// Masked (`138****5678`) unless the caller may see personal data.
    pub phone: Option<String>,
    /// 18-character resident ID number; masked (`110101********123X`) unless the caller is
    /// admin or staff.
    pub id_card_number: Option<String>,
    /// Omitted unless the caller may see personal data.
    pub address: Option<String>,
    pub notes: Option<String>,
    /// Whether `phone`, `id_card_number` or `address` were masked or omitted for this caller.
    pub personal_data_masked: bool,
    pub mandates: Vec<Mandate>,
    /// Increments on every change; the `ETag` is `"<version>"`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A deputy in a list: the person and the mandate that matches the list's filters (or the
/// most recent one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputySummary {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
    /// Masked unless the caller may see personal data.
    pub phone: Option<String>,
    pub mandate: Option<Mandate>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// One page of deputies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyPage {
    pub items: Vec<DeputySummary>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// Number of deputies matching the filters, only when `with_total=true` was asked.
    pub total: Option<i64>,
    /// With `updated_since`: ids of deputies deleted since then (tombstones).
    #[serde(default)]
    pub deleted: Vec<Uuid>,
}

/// A mandate (当选): one deputy's seat in one congress for one term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Mandate {
    pub id: Uuid,
    pub deputy_id: Uuid,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    pub term_number: i32,
    pub delegation_id: Option<Uuid>,
    pub delegation_name: Option<String>,
    pub deputy_group_id: Option<Uuid>,
    pub deputy_group_name: Option<String>,
    /// 选区
    pub constituency: Option<String>,
    /// 代表证号
    pub certificate_number: Option<String>,
    pub elected_via: ElectedVia,
    /// Date of election; for a by-election, the date it was held.
    pub elected_on: Option<NaiveDate>,
    pub status: MandateStatus,
    pub status_reason: Option<StatusReason>,
    /// Date the current status took effect, when known.
    pub status_date: Option<NaiveDate>,
    /// Every status change, oldest first (only in a deputy's detail; empty in lists).
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    /// Open credentials flags of this mandate: two absences from sessions without approved
    /// leave (R10; DL 62), for the credentials committee (only in a deputy's detail).
    #[serde(default)]
    pub credentials_flags: Vec<crate::CredentialsFlag>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// One recorded change of a mandate's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub id: Uuid,
    pub from_status: Option<MandateStatus>,
    pub to_status: MandateStatus,
    pub reason: Option<StatusReason>,
    /// Date the change took effect; absent when the source gave none.
    pub changed_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

/// The person's fields, as sent on create (`POST /api/v1/deputies`) and update
/// (`PUT /api/v1/deputies/{id}` with `If-Match`). Empty strings count as absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyInput {
    /// At most 64 characters, unique within the congress.
    #[serde(default)]
    pub external_id: Option<String>,
    /// 1–50 characters, no digits.
    pub name: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    /// At most 20 characters.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, between 1900 and today.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// At most 50 characters.
    #[serde(default)]
    pub party: Option<String>,
    /// At most 500 characters.
    #[serde(default)]
    pub workplace_post: Option<String>,
    /// A mainland mobile (11 digits from 1) or a landline (`0xx-xxxxxxxx`).
    #[serde(default)]
    pub phone: Option<String>,
    /// 18 characters with a valid GB 11643 check digit; unique within the congress.
    #[serde(default)]
    pub id_card_number: Option<String>,
    /// At most 200 characters.
    #[serde(default)]
    pub address: Option<String>,
    /// At most 2,000 characters.
    #[serde(default)]
    pub notes: Option<String>,
}

/// `POST /api/v1/deputies` body: the person, the congress that keeps the record and,
/// usually, the first mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewDeputy {
    pub congress_id: Uuid,
    #[serde(flatten)]
    pub person: DeputyInput,
    #[serde(default)]
    pub mandate: Option<MandateInput>,
}

/// A mandate's fields, on `POST /api/v1/deputies/{id}/mandates` and
/// `PUT /api/v1/mandates/{id}` (where `term_id` must stay the same).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MandateInput {
    /// A term of the deputy's congress; one mandate per deputy and term.
    pub term_id: Uuid,
    #[serde(default)]
    pub delegation_id: Option<Uuid>,
    #[serde(default)]
    pub deputy_group_id: Option<Uuid>,
    #[serde(default)]
    pub constituency: Option<String>,
    #[serde(default)]
    pub certificate_number: Option<String>,
    #[serde(default)]
    pub elected_via: Option<ElectedVia>,
    #[serde(default)]
    pub elected_on: Option<NaiveDate>,
}

/// `POST /api/v1/mandates/{id}/status` body: suspend, resume or terminate a mandate.
///
/// Suspension needs a DL 61 reason, termination a DL 62 reason and a date; resuming
/// (`active` from `suspended`) needs neither. A terminated mandate cannot change again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct StatusChangeRequest {
    pub status: MandateStatus,
    #[serde(default)]
    pub reason: Option<StatusReason>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// At most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// Sort orders of the deputies list. Every order ends with the id, so pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum DeputySort {
    /// By name (code point order), then id.
    #[default]
    #[serde(rename = "name")]
    Name,
    /// By name descending.
    #[serde(rename = "-name")]
    NameDesc,
    /// Oldest change first: for syncing with `updated_since`.
    #[serde(rename = "updated_at")]
    UpdatedAt,
    /// Newest change first.
    #[serde(rename = "-updated_at")]
    UpdatedAtDesc,
}

/// Query parameters of `GET /api/v1/deputies` and its exports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct DeputyListQuery {
    /// Only deputies kept by this congress (default: every congress in the caller's scope).
    pub congress_id: Option<Uuid>,
    /// Only deputies with a mandate in this term; the mandate shown is that term's.
    pub term_id: Option<Uuid>,
    /// Only deputies whose mandate is in this delegation.
    pub delegation_id: Option<Uuid>,
    /// Only deputies whose mandate is in this deputy group.
    pub deputy_group_id: Option<Uuid>,
    /// Only deputies whose mandate has this status.
    pub status: Option<MandateStatus>,
    pub gender: Option<Gender>,
    /// Exact ethnicity, e.g. `汉族`.
    pub ethnicity: Option<String>,
    /// Exact party, e.g. `中共`.
    pub party: Option<String>,
    /// Part of the name (Chinese substring, case-insensitive for Latin letters).
    pub q: Option<String>,
    /// Only deputies changed after this instant; the response also lists deletions since then.
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `name` (default), `-name`, `updated_at` (default with `updated_since`), `-updated_at`.
    pub sort: Option<DeputySort>,
    /// Also count all matching deputies (one more query).
    pub with_total: Option<bool>,
}
