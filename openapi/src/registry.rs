//! Congresses, terms, delegations and deputy groups.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The level of a people's congress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CongressLevel {
    /// 乡镇 (township)
    Township,
    /// 县区 (county or district)
    District,
    /// 设区的市 (city)
    City,
    /// 省 (province)
    Province,
    /// 全国 (national)
    National,
}

impl CongressLevel {
    /// All levels, lowest first.
    pub const ALL: [CongressLevel; 5] = [
        CongressLevel::Township,
        CongressLevel::District,
        CongressLevel::City,
        CongressLevel::Province,
        CongressLevel::National,
    ];

    /// The snake_case code used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CongressLevel::Township => "township",
            CongressLevel::District => "district",
            CongressLevel::City => "city",
            CongressLevel::Province => "province",
            CongressLevel::National => "national",
        }
    }

    /// Parses the snake_case code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == code)
    }

    /// Rank from 0 (township) to 4 (national): a parent must rank higher than its child.
    pub fn rank(self) -> usize {
        self as usize
    }
}

/// A people's congress (人民代表大会).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Congress {
    pub id: Uuid,
    pub name: String,
    pub level: CongressLevel,
    /// The congress one level up, if it is registered here.
    pub parent_id: Option<Uuid>,
    /// IANA time zone in which business dates are computed, default `Asia/Shanghai`.
    pub time_zone: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/congresses` body. The parent must be in the caller's scope and rank higher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewCongress {
    /// 1–100 characters, unique among its siblings.
    pub name: String,
    pub level: CongressLevel,
    pub parent_id: Uuid,
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A term (届) of a congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Term {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// The ordinal of the term (第N届).
    pub number: i32,
    /// Date of the first session of this term.
    pub starts_on: NaiveDate,
    /// Date of the first session of the next term, once known.
    pub ends_on: Option<NaiveDate>,
    /// `starts_on` plus five years: a term lasts 5 years (R1; DL 2, OL 9).
    pub expected_ends_on: NaiveDate,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/congresses/{congress_id}/terms` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewTerm {
    /// Positive and unique within the congress.
    pub number: i32,
    pub starts_on: NaiveDate,
    /// After `starts_on`.
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
}

/// A delegation (代表团) or a deputy group (代表小组) of a congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Delegation {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    /// Mandates (active or suspended) in this delegation.
    pub member_count: i64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A deputy group (代表小组): the basic form of deputies' collective activity between sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyGroup {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    /// Mandates (active or suspended) in this group.
    pub member_count: i64,
    /// `member_count` ≥ 3: a deputy group needs at least 3 deputies (R13; DL 26, 37; OL 43).
    pub meets_minimum_size: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/delegations` and `POST /api/v1/deputy-groups`, and (without
/// `congress_id`, which cannot change) of their `PUT`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewNamedUnit {
    pub congress_id: Uuid,
    /// 1–100 characters, unique within the congress.
    pub name: String,
}

/// Body of `PUT /api/v1/delegations/{id}` and `PUT /api/v1/deputy-groups/{id}` (a rename).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NamedUnitUpdate {
    /// 1–100 characters, unique within the congress.
    pub name: String,
}
