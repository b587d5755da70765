//! The office's set-up of the area: categories, handling organisations, settings and the
//! working calendar.

use super::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A suggestion category of the taxonomy (up to three levels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionCategory {
    pub id: Uuid,
    /// The congress that keeps it; its congresses below use it too.
    pub congress_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// 1, 2 or 3.
    pub level: i32,
    pub name: String,
    /// The names from level 1 down, joined with ` / ` (e.g. `城乡建设 / 安全生产 / 事故处理`).
    pub path: String,
    pub is_active: bool,
}

/// `POST /api/v1/suggestion-categories` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuggestionCategory {
    pub congress_id: Uuid,
    /// None for a level-1 category; else a category of levels 1–2 of the same congress.
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// 1–50 characters.
    pub name: String,
}

/// `GET /api/v1/suggestion-categories` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct CategoryQuery {
    /// The categories usable in this congress (its own and those of the congresses above
    /// it); default: the caller's congress.
    pub congress_id: Option<Uuid>,
    /// Only this level (1–3).
    pub level: Option<i32>,
}

/// The outcome of a taxonomy import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CategoryImportReport {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Categories created, per level 1, 2 and 3.
    pub created: [usize; 3],
    /// Categories that existed already, per level.
    pub existing: [usize; 3],
    /// Rows skipped, with the reason (row numbers as in the spreadsheet, from 1).
    pub skipped: Vec<crate::FieldError>,
}

/// A handling organisation (承办单位).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct HandlingOrg {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    pub version: i32,
}

/// `POST /api/v1/handling-orgs` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewHandlingOrg {
    pub congress_id: Uuid,
    /// 1–100 characters, unique in the congress.
    pub name: String,
}

/// `POST /api/v1/handling-orgs/{id}/users` body: a login of role `handling_org` that acts
/// for this organisation only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewHandlingOrgUser {
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
}

/// Local-practice limits of one congress (DOMAIN.md defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SuggestionSettings {
    /// Working days from submission to referral (default 7; 1–60).
    pub referral_working_days: i32,
    /// Working days after referral in which an organisation may return an item (default 7; 1–60).
    pub return_working_days: i32,
    /// Months for a new reply after a dissatisfied rating (default 1; 1–6).
    pub rehandling_months: i32,
    /// Days before a deadline from which an item is `due_soon` (default 7; 1–90).
    pub due_soon_days: i32,
    /// How many times a dissatisfied rating sends an item back automatically (default 1;
    /// 0–5). Past that, the item stays `rated` and the office closes it.
    pub max_rehandling_rounds: i32,
    /// Calendar months after referral within which a co-handler gives its input to the
    /// lead organisation (default 1; 1–3; local practice, DOMAIN.md). Omitted: 1.
    #[serde(default = "default_co_input_months")]
    pub co_input_months: i32,
}

fn default_co_input_months() -> i32 {
    1
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        SuggestionSettings {
            referral_working_days: 7,
            return_working_days: 7,
            rehandling_months: 1,
            due_soon_days: 7,
            max_rehandling_rounds: 1,
            co_input_months: default_co_input_months(),
        }
    }
}

/// One day of the official calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub kind: CalendarDayKind,
    /// e.g. `国庆节`, `国庆节调休上班`; at most 50 characters.
    #[serde(default)]
    pub name: String,
}

/// `PUT /api/v1/working-calendar/{year}` body and `GET` answer: the year's holidays and
/// adjusted working days (the State Council's notice). Days not listed follow the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingCalendar {
    pub days: Vec<CalendarDay>,
}
