//! Publication of deputies' basic information and performance (DL 58, R14): what a
//! congress chooses to publish on the public page of each deputy, readable without
//! signing in. Personal data is never published: no ID number, phone, address, or birth
//! date beyond the year.

use super::{AwardKind, Grade, Metric};
use crate::{CongressId, DeputyId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a congress publishes (`GET`/`PUT /api/v1/congresses/{id}/publication-settings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublicationSettings {
    /// Off: the public pages answer 404.
    pub enabled: bool,
    pub show_gender: bool,
    pub show_ethnicity: bool,
    pub show_party: bool,
    /// The birth year (never the month or day).
    pub show_birth_year: bool,
    /// 工作单位及职务
    pub show_workplace_post: bool,
    pub show_constituency: bool,
    pub show_deputy_group: bool,
    /// The counts of the year's record that are published, in this order.
    pub counts: Vec<Metric>,
    pub show_awards: bool,
    /// The grade of the deputy's frozen yearly run of the year the page shows.
    pub show_grade: bool,
}

impl Default for PublicationSettings {
    /// Off; when switched on, the basic information and the main counts.
    fn default() -> Self {
        PublicationSettings {
            enabled: false,
            show_gender: true,
            show_ethnicity: true,
            show_party: true,
            show_birth_year: false,
            show_workplace_post: true,
            show_constituency: true,
            show_deputy_group: true,
            counts: vec![
                Metric::SessionsAttended,
                Metric::ActivitiesAttended,
                Metric::SuggestionsLed,
                Metric::SuggestionsCosigned,
                Metric::MotionsLed,
                Metric::DutyReports,
            ],
            show_awards: true,
            show_grade: false,
        }
    }
}

/// A deputy in the public list of a congress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicDeputyItem {
    pub deputy_id: DeputyId,
    pub name: String,
    pub deputy_group: Option<String>,
    pub constituency: Option<String>,
}

/// `GET /api/v1/public/congresses/{id}/deputies`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicDeputyList {
    pub congress_id: CongressId,
    pub congress_name: String,
    pub term_number: i32,
    /// By name, a page of at most 200.
    pub deputies: Vec<PublicDeputyItem>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/public/congresses/{id}/deputies` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct PublicListQuery {
    /// At most 200, default 50.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `GET /api/v1/public/deputies/{id}` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct PublicDeputyQuery {
    /// The year of the counts (default the current year).
    pub year: Option<i32>,
}

/// An award on a public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicAward {
    pub kind: AwardKind,
    pub year: i32,
    pub awarded_on: Option<NaiveDate>,
    pub document_no: Option<String>,
}

/// `GET /api/v1/public/deputies/{id}?year=`: a deputy's public page. Fields the congress
/// does not publish are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PublicDeputy {
    pub deputy_id: DeputyId,
    pub name: String,
    /// The congress whose deputy this is (its public list: `GET /api/v1/public/congresses/{id}/deputies`).
    pub congress_id: CongressId,
    pub congress_name: String,
    pub term_number: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<crate::Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workplace_post: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constituency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deputy_group: Option<String>,
    /// The year of the counts.
    pub year: i32,
    /// The published counts of the year, in the congress's order.
    #[cfg_attr(feature = "schema", schema(value_type = Object))]
    pub counts: BTreeMap<Metric, u32>,
    /// The order the congress chose for the counts.
    pub count_order: Vec<Metric>,
    pub awards: Vec<PublicAward>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// When the data was read.
    pub as_of: DateTime<Utc>,
}
