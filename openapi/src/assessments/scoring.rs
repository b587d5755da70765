//! The computation of an assessment, pure: item points from a deputy's counts, rater
//! scores and upheld objections; totals, shared ranks and grades; the quota of
//! outstanding deputies; group scores; the repeated-lowest-grade consequence. Every
//! number it gives comes with what it was computed from, so a deputy can check it.

use super::{
    DeputyBrief, Grade, GradeBand, ItemCategory, ItemRule, Metric, MetricCounts, ObjectionId,
    Quota, RateBand, RateMetric, RaterStage, SchemeDefinition, SchemeItem,
};
use crate::messages::num;
use crate::{DeputyGroupId, DeputyId, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Rounds to two decimals (points and percentages are kept so).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A rater's score of a deputy (0–100), as the engine takes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct StageScore {
    pub stage: RaterStage,
    pub score: f64,
}

/// An adjustment of a score by an upheld objection: points added (or, negative, taken
/// off) to one item, or to the total when `item_key` is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Adjustment {
    pub objection_id: ObjectionId,
    pub item_key: Option<String>,
    pub points: f64,
}

/// One rater stage's part of a rater item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct StageResult {
    pub stage: RaterStage,
    pub weight: f64,
    /// The average of the stage's scores (0–100); none: nobody has rated.
    pub average: Option<f64>,
    /// How many scores the average is of.
    pub raters: u32,
}

/// What an item's points were computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemBasis {
    Count {
        metric: Metric,
        count: u32,
        base_points: f64,
        per_extra: f64,
        deduct: bool,
    },
    Entries {
        kind_code: String,
        count: u32,
        base_points: f64,
        per_extra: f64,
        deduct: bool,
    },
    Rate {
        rate: RateMetric,
        numerator: u32,
        denominator: u32,
        /// Percent, two decimals; none when there was nothing to rate.
        percent: Option<f64>,
        /// The minimum of the band applied; none below every band or with nothing to rate.
        band_min: Option<f64>,
    },
    Raters {
        max_points: f64,
        stages: Vec<StageResult>,
    },
}

/// One item of a deputy's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ItemScore {
    pub key: String,
    pub label: String,
    pub category: ItemCategory,
    pub basis: ItemBasis,
    /// Points before the cap (negative for a deduction), two decimals.
    pub uncapped: f64,
    /// The cap, when it applied.
    pub cap_applied: Option<f64>,
    /// Points added by upheld objections.
    pub adjustment: f64,
    /// The item's points: capped, plus the adjustment (two decimals).
    pub points: f64,
}

/// Points for `count` occurrences: `base` for the first, `per_extra` for each further.
pub fn count_points(count: u32, base: f64, per_extra: f64) -> f64 {
    if count == 0 {
        0.0
    } else {
        base + per_extra * f64::from(count - 1)
    }
}

/// The points of a rate in percent under `bands` (highest first), and the band's minimum.
pub fn rate_points(percent: f64, bands: &[RateBand]) -> (f64, Option<f64>) {
    for (i, band) in bands.iter().enumerate() {
        // A tiny tolerance, so 90.0 computed as 9 × 100 ÷ 10 is never 89.999….
        if percent + 1e-9 >= band.min_percent {
            let top = if i == 0 {
                100.0
            } else {
                bands[i - 1].min_percent
            };
            let points = match band.points_at_top {
                Some(at_top) if top > band.min_percent => {
                    let share =
                        ((percent - band.min_percent) / (top - band.min_percent)).clamp(0.0, 1.0);
                    band.points + (at_top - band.points) * share
                }
                _ => band.points,
            };
            return (points, Some(band.min_percent));
        }
    }
    (0.0, None)
}

fn stage_results(
    def: &SchemeDefinition,
    counts: &MetricCounts,
    ratings: &[StageScore],
) -> Vec<StageResult> {
    def.raters
        .iter()
        .map(|w| {
            let (sum, n) = if w.stage == RaterStage::Constituents {
                match counts.rate(RateMetric::DutyReportSatisfaction) {
                    Some(r) => (r, 1),
                    None => (0.0, 0),
                }
            } else {
                ratings
                    .iter()
                    .filter(|r| r.stage == w.stage)
                    .fold((0.0, 0u32), |(s, n), r| (s + r.score, n + 1))
            };
            StageResult {
                stage: w.stage,
                weight: w.weight,
                average: (n > 0).then(|| round2(sum / f64::from(n))),
                raters: n,
            }
        })
        .collect()
}

/// One item's score (without adjustments).
pub fn score_item(
    def: &SchemeDefinition,
    item: &SchemeItem,
    counts: &MetricCounts,
    ratings: &[StageScore],
) -> ItemScore {
    let (basis, raw, deduct) = match &item.rule {
        ItemRule::Count {
            metric,
            base_points,
            per_extra,
            deduct,
        } => {
            let count = counts.get(*metric);
            let basis = ItemBasis::Count {
                metric: *metric,
                count,
                base_points: *base_points,
                per_extra: *per_extra,
                deduct: *deduct,
            };
            (
                basis,
                count_points(count, *base_points, *per_extra),
                *deduct,
            )
        }
        ItemRule::Entries {
            kind_code,
            base_points,
            per_extra,
            deduct,
        } => {
            let count = counts.entries.get(kind_code).copied().unwrap_or(0);
            let basis = ItemBasis::Entries {
                kind_code: kind_code.clone(),
                count,
                base_points: *base_points,
                per_extra: *per_extra,
                deduct: *deduct,
            };
            (
                basis,
                count_points(count, *base_points, *per_extra),
                *deduct,
            )
        }
        ItemRule::Rate {
            rate,
            bands,
            none_points,
        } => {
            let parts = counts.rate_parts(*rate);
            let percent = counts.rate(*rate);
            let (points, band_min) = match percent {
                Some(p) => rate_points(p, bands),
                None => {
                    let top = bands.first().map(|b| b.points_at_top.unwrap_or(b.points));
                    (none_points.or(top).unwrap_or(0.0), None)
                }
            };
            let (numerator, denominator) = parts.unwrap_or((0, 0));
            let basis = ItemBasis::Rate {
                rate: *rate,
                numerator,
                denominator,
                percent: percent.map(round2),
                band_min,
            };
            (basis, points, false)
        }
        ItemRule::Raters { max_points } => {
            let stages = stage_results(def, counts, ratings);
            let share: f64 = stages
                .iter()
                .map(|s| s.weight * s.average.unwrap_or(0.0) / 100.0)
                .sum();
            let basis = ItemBasis::Raters {
                max_points: *max_points,
                stages,
            };
            (basis, max_points * share, false)
        }
    };
    let capped = match item.cap {
        Some(cap) if raw > cap => Some(cap),
        _ => None,
    };
    let magnitude = round2(capped.unwrap_or(raw));
    let sign = if deduct { -1.0 } else { 1.0 };
    ItemScore {
        key: item.key.clone(),
        label: item.label.clone(),
        category: item.category,
        basis,
        uncapped: round2(sign * raw),
        cap_applied: capped,
        adjustment: 0.0,
        points: sign * magnitude,
    }
}

code_enum! {
    /// Something about a score the office and the presidium should see.
    ScoreFlag {
        /// The consequence of the scheme: the lowest grade in consecutive years.
        LowestGradeRepeated = "lowest_grade_repeated" / "连续评为最低等次" / "Lowest grade in consecutive years",
        /// A rater stage of the scheme has no score for this deputy yet.
        RatingsMissing = "ratings_missing" / "评议打分未完成" / "Rater scores missing",
        /// Holds a post the quota excludes from the selection of outstanding deputies.
        ExcludedFromQuota = "excluded_from_quota" / "不参与评先" / "Not eligible for the quota",
    }
}

/// A deputy's score in a run: items, total, rank (ties share one), grade, flags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DeputyScore {
    pub deputy: DeputyBrief,
    pub base_score: f64,
    pub items: Vec<ItemScore>,
    /// Adjustments of upheld objections not tied to an item.
    pub total_adjustment: f64,
    /// Two decimals, never below 0, at most the scheme's `max_total`.
    pub total: f64,
    /// 1 for the best; equal totals share a rank (1, 1, 3).
    pub rank: u32,
    pub grade: Grade,
    pub flags: Vec<ScoreFlag>,
}

/// Scores one deputy (rank 0 and the lowest grade until [`rank_and_grade`] runs).
pub fn score_deputy(
    def: &SchemeDefinition,
    deputy: DeputyBrief,
    counts: &MetricCounts,
    ratings: &[StageScore],
    adjustments: &[Adjustment],
) -> DeputyScore {
    let mut items: Vec<ItemScore> = def
        .items
        .iter()
        .map(|item| score_item(def, item, counts, ratings))
        .collect();
    let mut total_adjustment = 0.0;
    for a in adjustments {
        match items
            .iter_mut()
            .find(|i| Some(&i.key) == a.item_key.as_ref())
        {
            Some(item) => {
                item.adjustment = round2(item.adjustment + a.points);
                item.points = round2(item.points + a.points);
            }
            None => total_adjustment = round2(total_adjustment + a.points),
        }
    }
    let sum: f64 = def.base_score + items.iter().map(|i| i.points).sum::<f64>() + total_adjustment;
    let total = round2(sum.max(0.0).min(def.max_total.unwrap_or(f64::INFINITY)));
    let mut flags = vec![];
    let missing_rating = items.iter().any(|i| match &i.basis {
        ItemBasis::Raters { stages, .. } => stages
            .iter()
            .any(|s| s.average.is_none() && s.stage != RaterStage::Constituents),
        _ => false,
    });
    if missing_rating {
        flags.push(ScoreFlag::RatingsMissing);
    }
    DeputyScore {
        deputy,
        base_score: def.base_score,
        items,
        total_adjustment,
        total,
        rank: 0,
        grade: lowest_grade(&def.bands),
        flags,
    }
}

fn lowest_grade(bands: &[GradeBand]) -> Grade {
    bands.last().map(|b| b.grade).unwrap_or(Grade::Poor)
}

/// The grade of a total: the first band (highest first) whose minimum it reaches; below
/// every band, the lowest band's grade.
pub fn grade_of(bands: &[GradeBand], total: f64) -> Grade {
    bands
        .iter()
        .find(|b| total + 1e-9 >= b.min_score)
        .map(|b| b.grade)
        .unwrap_or_else(|| lowest_grade(bands))
}

/// Sorts by total (highest first, then by name for a stable order), gives shared ranks
/// (1, 1, 3) and grades.
pub fn rank_and_grade(scores: &mut [DeputyScore], bands: &[GradeBand]) {
    scores.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.deputy.name.cmp(&b.deputy.name))
            .then_with(|| a.deputy.deputy_id.cmp(&b.deputy.deputy_id))
    });
    let mut rank = 0;
    let mut last: Option<f64> = None;
    for (i, s) in scores.iter_mut().enumerate() {
        if last != Some(s.total) {
            rank = i as u32 + 1;
            last = Some(s.total);
        }
        s.rank = rank;
        s.grade = grade_of(bands, s.total);
    }
}

/// The outstanding deputies the quota proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OutstandingProposal {
    /// ⌊percent × deputies assessed ÷ 100⌋.
    pub limit: u32,
    /// Proposed, best first.
    pub chosen: Vec<DeputyId>,
    /// Deputies tied at the cut whom the quota cannot take all together: left to the
    /// presidium (none of them is proposed).
    pub tied_at_cut: Vec<DeputyId>,
}

/// The quota's limit for `assessed` deputies: ⌊percent × assessed ÷ 100⌋ (20 % of 61 is 12).
pub fn quota_limit(percent: f64, assessed: usize) -> u32 {
    (percent * assessed as f64 / 100.0 + 1e-9).floor() as u32
}

fn grade_rank(g: Grade) -> u8 {
    match g {
        Grade::Excellent => 0,
        Grade::Good => 1,
        Grade::Fair => 2,
        Grade::Poor => 3,
    }
}

/// Proposes outstanding deputies from ranked scores (see [`Quota`]): by rank, among those
/// of at least `min_grade` holding no excluded post, up to the limit; a group of equal
/// totals that does not fit whole at the cut is left to the presidium.
pub fn propose_outstanding(scores: &[DeputyScore], quota: &Quota) -> OutstandingProposal {
    let limit = quota_limit(quota.percent, scores.len());
    let eligible: Vec<&DeputyScore> = scores
        .iter()
        .filter(|s| grade_rank(s.grade) <= grade_rank(quota.min_grade))
        .filter(|s| {
            !s.deputy
                .post
                .is_some_and(|p| quota.exclude_posts.contains(&p))
        })
        .collect();
    let mut chosen = vec![];
    let mut tied_at_cut = vec![];
    let mut i = 0;
    while i < eligible.len() {
        let total = eligible[i].total;
        let tie: Vec<DeputyId> = eligible[i..]
            .iter()
            .take_while(|s| s.total == total)
            .map(|s| s.deputy.deputy_id)
            .collect();
        i += tie.len();
        if chosen.len() + tie.len() <= limit as usize {
            chosen.extend(tie);
        } else {
            if chosen.len() < limit as usize {
                tied_at_cut = tie;
            }
            break;
        }
    }
    OutstandingProposal {
        limit,
        chosen,
        tied_at_cut,
    }
}

/// Whether this year's `grade` with the previous years' grades (last year first; `None`
/// where the deputy had no frozen yearly run) makes `years` consecutive years of `lowest`.
pub fn repeated_lowest(
    lowest: Grade,
    years: u32,
    grade: Grade,
    previous: &[Option<Grade>],
) -> bool {
    grade == lowest
        && years >= 1
        && previous
            .iter()
            .take(years as usize - 1)
            .filter(|g| **g == Some(lowest))
            .count()
            == years as usize - 1
}

/// A deputy group's score in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct GroupScore {
    pub deputy_group_id: DeputyGroupId,
    pub name: String,
    pub members: u32,
    /// The members' average total, two decimals.
    pub member_average: f64,
    /// Activities the group organised and held in the period.
    pub activities: u32,
    pub activity_points: f64,
    pub total: f64,
    pub rank: u32,
    /// Among the best `advanced_max` groups: proposed as an outstanding group.
    pub proposed: bool,
}

/// Scores the groups of ranked deputies (see [`super::GroupRule`]). `names` gives each
/// group's name and the activities it held; deputies without a group are left out.
pub fn score_groups(
    scores: &[DeputyScore],
    names: &BTreeMap<DeputyGroupId, (String, u32)>,
    rule: &super::GroupRule,
) -> Vec<GroupScore> {
    let mut members: BTreeMap<DeputyGroupId, (f64, u32)> = BTreeMap::new();
    for s in scores {
        if let Some(g) = s.deputy.deputy_group_id {
            let e = members.entry(g).or_default();
            e.0 += s.total;
            e.1 += 1;
        }
    }
    let mut groups: Vec<GroupScore> = names
        .iter()
        .map(|(id, (name, activities))| {
            let (sum, n) = members.get(id).copied().unwrap_or((0.0, 0));
            let member_average = if n > 0 {
                round2(sum / f64::from(n))
            } else {
                0.0
            };
            let activity_points =
                round2((f64::from(*activities) * rule.activity_points).min(rule.activity_cap));
            GroupScore {
                deputy_group_id: *id,
                name: name.clone(),
                members: n,
                member_average,
                activities: *activities,
                activity_points,
                total: round2(member_average * rule.members_weight + activity_points),
                rank: 0,
                proposed: false,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut rank = 0;
    let mut last = None;
    for (i, g) in groups.iter_mut().enumerate() {
        if last != Some(g.total) {
            rank = i as u32 + 1;
            last = Some(g.total);
        }
        g.rank = rank;
        g.proposed = g.members > 0 && rank <= rule.advanced_max;
    }
    groups
}

impl ItemScore {
    /// What the points were computed from, in a sentence (`出席大会 3 次：首次 2 分，其后
    /// 每次 1 分，计 4 分；封顶 3 分`).
    pub fn explain(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = match &self.basis {
            ItemBasis::Count {
                count,
                base_points,
                per_extra,
                deduct,
                ..
            }
            | ItemBasis::Entries {
                count,
                base_points,
                per_extra,
                deduct,
                ..
            } => {
                let what = if zh {
                    format!(
                        "{count} 次：首次 {} 分，其后每次 {} 分",
                        num(*base_points),
                        num(*per_extra)
                    )
                } else {
                    format!(
                        "{count} {}: {} for the first, {} for each further",
                        if *count == 1 { "time" } else { "times" },
                        num(*base_points),
                        num(*per_extra)
                    )
                };
                let verb = match (zh, deduct) {
                    (true, true) => "扣",
                    (true, false) => "计",
                    (false, true) => "minus",
                    (false, false) => "makes",
                };
                if zh {
                    format!("{what}，{verb} {} 分", num(self.uncapped.abs()))
                } else {
                    format!("{what}; {verb} {}", num(self.uncapped.abs()))
                }
            }
            ItemBasis::Rate {
                numerator,
                denominator,
                percent,
                band_min,
                ..
            } => match (percent, zh) {
                (None, true) => "无可计算的场次或选票，按中性计分".into(),
                (None, false) => "nothing to rate: scored as neutral".into(),
                (Some(p), true) => format!(
                    "{numerator}/{denominator} = {}%{}",
                    num(*p),
                    band_min
                        .map(|m| format!("，适用 ≥{}% 档", num(m)))
                        .unwrap_or_else(|| "，低于各档".into())
                ),
                (Some(p), false) => format!(
                    "{numerator}/{denominator} = {}%{}",
                    num(*p),
                    band_min
                        .map(|m| format!(", band ≥{}%", num(m)))
                        .unwrap_or_else(|| ", below every band".into())
                ),
            },
            ItemBasis::Raters { max_points, stages } => {
                let parts: Vec<String> = stages
                    .iter()
                    .map(|st| {
                        let avg = st.average.map(num).unwrap_or_else(|| {
                            if zh {
                                "未评".into()
                            } else {
                                "none".into()
                            }
                        });
                        format!("{} {avg} × {}", st.stage.label(lang), num(st.weight))
                    })
                    .collect();
                if zh {
                    format!("{}，满分 {} 分", parts.join(" + "), num(*max_points))
                } else {
                    format!("{}, out of {}", parts.join(" + "), num(*max_points))
                }
            }
        };
        if let Some(cap) = self.cap_applied {
            s += &if zh {
                format!("；封顶 {} 分", num(cap))
            } else {
                format!("; capped at {}", num(cap))
            };
        }
        if self.adjustment != 0.0 {
            s += &if zh {
                format!("；异议调整 {:+} 分", self.adjustment)
            } else {
                format!("; objection adjustment {:+}", self.adjustment)
            };
        }
        s
    }
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
