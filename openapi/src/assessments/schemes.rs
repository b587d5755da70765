//! Assessment schemes (考核细则): what counts, for how many points, up to which cap; rate
//! bands; rater stages and their weights; grade bands, the quota of outstanding deputies,
//! consequences, and how deputy groups are scored. A scheme is versioned per congress and
//! year; a version in use by a run is frozen, and editing it makes a new version.

use super::{AssessmentSchemeId, Grade, Metric, Post, RateMetric, RaterStage};
use crate::messages::AssessmentMessage as M;
use crate::{CongressId, Refusal};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The heading an item is listed under in a score's breakdown.
    ItemCategory {
        /// 参加会议
        Meetings = "meetings" / "参加会议" / "Sessions and meetings",
        /// 闭会期间活动
        Activities = "activities" / "闭会期间活动" / "Activities between sessions",
        /// 建议议案
        SuggestionsMotions = "suggestions_motions" / "建议议案" / "Suggestions and motions",
        /// 述职评议
        DutyReports = "duty_reports" / "述职评议" / "Duty reports",
        /// 履职登记
        SelfDeclared = "self_declared" / "履职登记" / "Self-declared entries",
        /// 评议打分
        Raters = "raters" / "评议打分" / "Rater scores",
        /// 扣分项
        Deductions = "deductions" / "扣分项" / "Deductions",
        /// 表彰奖励
        Awards = "awards" / "表彰奖励" / "Awards",
    }
}

/// One band of a rate item: from `min_percent` (included) up to the next band's minimum
/// (excluded; 100 % for the highest band, included). The band gives `points`, or, with
/// `points_at_top`, rises linearly from `points` at its minimum to `points_at_top` at its
/// top (a 100-point template: attendance ≥ 90 % → 12–15 points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RateBand {
    /// 0–100.
    pub min_percent: f64,
    pub points: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_at_top: Option<f64>,
}

/// How an item earns (or, with `deduct`, loses) its points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemRule {
    /// A count of the record: `base_points` for the first occurrence and `per_extra` for
    /// each further one (zhrd; Jiangbei: +3 per suggestion is base 3, per extra 3). With
    /// `deduct` the points are taken off (−1 per session absence without leave).
    Count {
        metric: Metric,
        base_points: f64,
        per_extra: f64,
        #[serde(default)]
        deduct: bool,
    },
    /// Approved self-declared entries of the kind with `kind_code`, counted the same way.
    Entries {
        kind_code: String,
        base_points: f64,
        per_extra: f64,
        #[serde(default)]
        deduct: bool,
    },
    /// A rate graded by bands (highest band first). With nothing to rate (invited to no
    /// session, no ballots) the item gives `none_points`, by default the highest band's
    /// top points: absence of occasion is neutral.
    Rate {
        rate: RateMetric,
        bands: Vec<RateBand>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        none_points: Option<f64>,
    },
    /// The weighted rater scores (each 0–100) scaled to `max_points`: `max_points ×
    /// Σ weight × average score of the stage ÷ 100`; a stage without a score gives 0.
    Raters { max_points: f64 },
}

/// One item of a scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchemeItem {
    /// Stable key within the scheme, `[a-z0-9_]{1,40}` (objections name it).
    pub key: String,
    /// 1–60 characters (e.g. 出席代表大会会议).
    pub label: String,
    pub category: ItemCategory,
    pub rule: ItemRule,
    /// Most points the item gives (for a deduction: most it takes off); none: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
}

/// The weight of a rater stage (fractions of 1, summing to 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RaterWeight {
    pub stage: RaterStage,
    pub weight: f64,
}

/// A grade from a minimum total (included), e.g. 优秀 from 90.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: Grade,
    pub min_score: f64,
}

/// The quota of outstanding deputies: at most `percent` % of the deputies assessed,
/// rounded down (20 % of 61 is 12), chosen by rank among those of at least `min_grade`
/// who hold none of `exclude_posts` (Yuanjiang: leaders excluded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub percent: f64,
    #[serde(default)]
    pub exclude_posts: Vec<Post>,
    pub min_grade: Grade,
}

/// A consequence: a deputy graded `grade` in `years` consecutive yearly runs (this one
/// included) is flagged for the presidium (Baihe: 较差 two years running).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Consequence {
    pub grade: Grade,
    pub years: u32,
}

/// How deputy groups are scored (Chunfu township scores its groups): `members_weight ×
/// the members' average total + min(group activities held × activity_points,
/// activity_cap)`; the best `advanced_max` groups are proposed as outstanding groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupRule {
    pub members_weight: f64,
    pub activity_points: f64,
    pub activity_cap: f64,
    pub advanced_max: u32,
}

/// The content of a scheme version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchemeDefinition {
    /// Points every deputy starts from (0, or 100 in a deductions-only scheme).
    #[serde(default)]
    pub base_score: f64,
    pub items: Vec<SchemeItem>,
    /// Needed when an item uses rater scores.
    #[serde(default)]
    pub raters: Vec<RaterWeight>,
    /// Highest band first.
    pub bands: Vec<GradeBand>,
    /// Cap on the total (e.g. 100); none: no cap. The total is never below 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quota>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Consequence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupRule>,
}

/// A version of a scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AssessmentScheme {
    pub id: AssessmentSchemeId,
    pub congress_id: CongressId,
    /// 1–100 characters (e.g. 2022年度代表履职考核细则).
    pub name: String,
    /// The year it is for.
    pub year: i32,
    /// 1 for the first version; each new version of the same scheme adds one.
    pub number: i32,
    /// The version it was made from.
    pub previous_id: Option<AssessmentSchemeId>,
    /// The template it started from, if any (`points_zhrd` …).
    pub template: Option<String>,
    /// Where the rules come from, in words (a template's sources, or the office's notes).
    pub notes: Option<String>,
    pub definition: SchemeDefinition,
    /// In use by a run: cannot change; `POST …/versions` makes an editable copy.
    pub frozen: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// `POST /api/v1/assessment-schemes` body; `PUT /api/v1/assessment-schemes/{id}` takes it
/// too (with `If-Match`), while the version is not frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SchemeInput {
    pub congress_id: CongressId,
    pub name: String,
    pub year: i32,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub definition: SchemeDefinition,
}

/// `GET /api/v1/assessment-schemes` parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "schema", into_params(parameter_in = Query))]
pub struct SchemeListQuery {
    pub congress_id: Option<CongressId>,
    pub year: Option<i32>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Rows per page, 1–200 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of scheme versions (oldest first; with `updated_since`, by change time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SchemePage {
    pub items: Vec<AssessmentScheme>,
    /// Where the next page starts; none on the last page.
    pub next_cursor: Option<String>,
}

/// A template scheme modelled on a real one (`GET /api/v1/assessment-scheme-templates`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SchemeTemplate {
    /// `points_zhrd`, `points_jiangbei`, `bands_hundred`.
    pub code: String,
    pub name: String,
    /// The real practice it follows, and where it is documented.
    pub source: String,
    pub definition: SchemeDefinition,
}

fn is_key(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The most items a scheme has (real schemes have 10–30): bounds the work and the size
/// of every score of a run.
pub const MAX_ITEMS: usize = 60;

/// The largest number of points any value of a scheme carries (base score, points,
/// caps, maxima): far above any real scheme, and low enough that no total overflows.
pub const MAX_POINTS: f64 = 1000.0;

/// The most bands a rate item or the grades have.
const MAX_BANDS: usize = 20;

fn finite_nonneg(x: f64) -> bool {
    x.is_finite() && (0.0..=MAX_POINTS).contains(&x)
}

fn positive_points(x: f64) -> bool {
    finite_nonneg(x) && x > 0.0
}

/// Checks a scheme's definition; every problem comes back with the JSON pointer of its
/// field (`/definition/items/2/cap`).
///
/// Rules: at least one item and at most [`MAX_ITEMS`]; keys unique and `[a-z0-9_]{1,40}`; labels 1–60 characters;
/// points, caps and weights within 0–[`MAX_POINTS`] (caps above 0), the base score within
/// ±[`MAX_POINTS`]; rate bands not empty and at most 20,
/// each minimum within 0–100, strictly descending; rater weights for distinct stages,
/// summing to 1 (±0.001), present exactly when an item uses them; grade bands not empty,
/// distinct grades, descending minima; a quota of more than 0 and at most 100 %; a group
/// weight within 0–1; a consequence of at least 1 year.
pub fn validate_scheme(def: &SchemeDefinition) -> Vec<Refusal> {
    let mut out = vec![];
    let mut bad = |pointer: String, m: M| out.push(Refusal::invalid(&pointer, m));
    let p = |rest: &str| format!("/definition{rest}");
    if def.items.is_empty() {
        bad(p("/items"), M::SchemeWithoutItems);
    }
    if def.items.len() > MAX_ITEMS {
        bad(
            p("/items"),
            M::TooManyItems {
                max: MAX_ITEMS as u32,
            },
        );
        return out;
    }
    if !(def.base_score.is_finite() && def.base_score.abs() <= MAX_POINTS) {
        bad(p("/base_score"), M::InvalidPoints);
    }
    let mut keys = std::collections::HashSet::new();
    let mut uses_raters = false;
    for (i, item) in def.items.iter().enumerate() {
        let at = |f: &str| p(&format!("/items/{i}{f}"));
        if !is_key(&item.key) {
            bad(at("/key"), M::InvalidItemKey);
        } else if !keys.insert(item.key.as_str()) {
            bad(
                at("/key"),
                M::DuplicateItemKey {
                    key: item.key.clone(),
                },
            );
        }
        let n = item.label.trim().chars().count();
        if n == 0 || n > 60 {
            bad(at("/label"), M::InvalidLabel);
        }
        if let Some(cap) = item.cap {
            if !positive_points(cap) {
                bad(at("/cap"), M::InvalidPoints);
            }
        }
        match &item.rule {
            ItemRule::Count {
                base_points,
                per_extra,
                ..
            } => {
                if !finite_nonneg(*base_points) || !finite_nonneg(*per_extra) {
                    bad(at("/rule"), M::InvalidPoints);
                }
            }
            ItemRule::Entries {
                kind_code,
                base_points,
                per_extra,
                ..
            } => {
                if !is_key(kind_code) {
                    bad(at("/rule/kind_code"), M::InvalidItemKey);
                }
                if !finite_nonneg(*base_points) || !finite_nonneg(*per_extra) {
                    bad(at("/rule"), M::InvalidPoints);
                }
            }
            ItemRule::Rate {
                bands, none_points, ..
            } => {
                if bands.is_empty() || bands.len() > MAX_BANDS {
                    bad(at("/rule/bands"), M::RateBandsInvalid);
                }
                let ordered = bands
                    .windows(2)
                    .all(|w| w[0].min_percent > w[1].min_percent);
                let in_range = bands.iter().all(|b| {
                    (0.0..=100.0).contains(&b.min_percent)
                        && finite_nonneg(b.points)
                        && b.points_at_top.is_none_or(finite_nonneg)
                });
                if !ordered || !in_range {
                    bad(at("/rule/bands"), M::RateBandsInvalid);
                }
                if none_points.is_some_and(|x| !finite_nonneg(x)) {
                    bad(at("/rule/none_points"), M::InvalidPoints);
                }
            }
            ItemRule::Raters { max_points } => {
                uses_raters = true;
                if !positive_points(*max_points) {
                    bad(at("/rule/max_points"), M::InvalidPoints);
                }
            }
        }
    }
    let sum: f64 = def.raters.iter().map(|r| r.weight).sum();
    let mut stages = std::collections::HashSet::new();
    let distinct = def.raters.iter().all(|r| stages.insert(r.stage));
    let weights_ok = def.raters.iter().all(|r| finite_nonneg(r.weight));
    if uses_raters
        && (def.raters.is_empty() || (sum - 1.0).abs() > 0.001 || !distinct || !weights_ok)
    {
        bad(p("/raters"), M::RaterWeightsInvalid);
    }
    if !uses_raters && !def.raters.is_empty() {
        bad(p("/raters"), M::RatersUnused);
    }
    let mut grades = std::collections::HashSet::new();
    let bands_ok = !def.bands.is_empty()
        && def.bands.len() <= MAX_BANDS
        && def
            .bands
            .iter()
            .all(|b| b.min_score.is_finite() && grades.insert(b.grade))
        && def
            .bands
            .windows(2)
            .all(|w| w[0].min_score > w[1].min_score);
    if !bands_ok {
        bad(p("/bands"), M::GradeBandsInvalid);
    }
    if def.max_total.is_some_and(|m| !positive_points(m)) {
        bad(p("/max_total"), M::InvalidPoints);
    }
    if let Some(q) = &def.quota {
        if !(q.percent > 0.0 && q.percent <= 100.0) {
            bad(p("/quota/percent"), M::QuotaPercentInvalid);
        }
    }
    if let Some(c) = &def.consequence {
        if c.years == 0 {
            bad(p("/consequence/years"), M::InvalidYears);
        }
    }
    if let Some(g) = &def.groups {
        if !((0.0..=1.0).contains(&g.members_weight)
            && finite_nonneg(g.activity_points)
            && finite_nonneg(g.activity_cap))
        {
            bad(p("/groups"), M::GroupRuleInvalid);
        }
    }
    out
}
