//! The computation at its boundaries: caps, deductions, rate bands, raters, adjustments,
//! shared ranks, grades, the quota, groups and the repeated lowest grade.

use super::*;
use crate::assessments::{
    Consequence, GroupRule, ItemCategory as C, Post, RaterWeight, SchemeItem,
};
use crate::{DeputyGroupId, MandateId};

fn deputy(name: &str) -> DeputyBrief {
    DeputyBrief {
        deputy_id: DeputyId::new_v7(),
        name: name.into(),
        mandate_id: MandateId::new_v7(),
        deputy_group_id: None,
        deputy_group_name: None,
        delegation_name: None,
        constituency: None,
        post: None,
    }
}

fn scheme(items: Vec<SchemeItem>) -> SchemeDefinition {
    SchemeDefinition {
        base_score: 0.0,
        items,
        raters: vec![],
        bands: vec![
            GradeBand {
                grade: Grade::Excellent,
                min_score: 90.0,
            },
            GradeBand {
                grade: Grade::Good,
                min_score: 80.0,
            },
            GradeBand {
                grade: Grade::Fair,
                min_score: 60.0,
            },
            GradeBand {
                grade: Grade::Poor,
                min_score: 0.0,
            },
        ],
        max_total: Some(100.0),
        quota: None,
        consequence: None,
        groups: None,
    }
}

fn count_item(metric: Metric, base: f64, extra: f64, cap: Option<f64>, deduct: bool) -> SchemeItem {
    SchemeItem {
        key: "item".into(),
        label: "项目".into(),
        category: C::Activities,
        rule: ItemRule::Count {
            metric,
            base_points: base,
            per_extra: extra,
            deduct,
        },
        cap,
    }
}

fn counts(pairs: &[(Metric, u32)]) -> MetricCounts {
    let mut c = MetricCounts::default();
    for (m, v) in pairs {
        c.set(*m, *v);
    }
    c
}

fn item_points(def: &SchemeDefinition, c: &MetricCounts) -> ItemScore {
    score_item(def, &def.items[0], c, &[])
}

#[test]
fn a_count_item_reaches_its_cap_exactly_and_stops_one_over() {
    // 3 for the first inspection, 2 for each further, capped at 7: 3 inspections make
    // exactly 7, a fourth would make 9 and stays at 7.
    let def = scheme(vec![count_item(
        Metric::Inspections,
        3.0,
        2.0,
        Some(7.0),
        false,
    )]);
    let at_cap = item_points(&def, &counts(&[(Metric::Inspections, 3)]));
    assert_eq!((at_cap.points, at_cap.cap_applied), (7.0, None));
    let over = item_points(&def, &counts(&[(Metric::Inspections, 4)]));
    assert_eq!(
        (over.uncapped, over.points, over.cap_applied),
        (9.0, 7.0, Some(7.0))
    );
    assert_eq!(item_points(&def, &MetricCounts::default()).points, 0.0);
    assert!(
        over.explain(Lang::Zh).contains("封顶 7 分"),
        "{}",
        over.explain(Lang::Zh)
    );
    assert!(over.explain(Lang::En).contains("capped at 7"));
}

#[test]
fn a_deduction_takes_points_off_up_to_its_cap() {
    // Jiangbei: −1 per session on leave; an unexcused absence −5, at most −10.
    let def = scheme(vec![count_item(
        Metric::SessionsAbsent,
        5.0,
        5.0,
        Some(10.0),
        true,
    )]);
    assert_eq!(
        item_points(&def, &counts(&[(Metric::SessionsAbsent, 1)])).points,
        -5.0
    );
    assert_eq!(
        item_points(&def, &counts(&[(Metric::SessionsAbsent, 3)])).points,
        -10.0
    );
    let leave = scheme(vec![count_item(
        Metric::SessionsOnLeave,
        1.0,
        1.0,
        None,
        true,
    )]);
    assert_eq!(
        item_points(&leave, &counts(&[(Metric::SessionsOnLeave, 4)])).points,
        -4.0
    );
    // The total never goes below 0.
    let s = score_deputy(
        &def,
        deputy("甲"),
        &counts(&[(Metric::SessionsAbsent, 2)]),
        &[],
        &[],
    );
    assert_eq!(s.total, 0.0);
}

fn attendance_scheme() -> SchemeDefinition {
    scheme(vec![SchemeItem {
        key: "attendance".into(),
        label: "大会出席率".into(),
        category: C::Meetings,
        rule: ItemRule::Rate {
            rate: RateMetric::SessionAttendance,
            bands: vec![
                RateBand {
                    min_percent: 90.0,
                    points: 12.0,
                    points_at_top: Some(15.0),
                },
                RateBand {
                    min_percent: 80.0,
                    points: 8.0,
                    points_at_top: None,
                },
            ],
            none_points: None,
        },
        cap: None,
    }])
}

#[test]
fn a_rate_band_starts_at_90_0_and_89_9_falls_below() {
    let def = attendance_scheme();
    let rate = |attended: u32, invited: u32| {
        item_points(
            &def,
            &counts(&[
                (Metric::SessionsAttended, attended),
                (Metric::SessionsInvited, invited),
            ]),
        )
    };
    // 9 of 10 is exactly 90.0 %: the band's bottom, 12 points.
    assert_eq!(rate(9, 10).points, 12.0);
    // 899 of 1,000 is 89.9 %: the next band down.
    let below = rate(899, 1000);
    assert_eq!(below.points, 8.0);
    assert!(
        matches!(below.basis, ItemBasis::Rate { band_min: Some(m), percent: Some(p), .. } if m == 80.0 && p == 89.9)
    );
    // 100 % is the band's top; 95 % halfway.
    assert_eq!(rate(10, 10).points, 15.0);
    assert_eq!(rate(19, 20).points, 13.5);
    // Under every band: 0.
    assert_eq!(rate(1, 10).points, 0.0);
}

#[test]
fn excused_absences_are_neutral_in_a_rate() {
    let def = attendance_scheme();
    // Invited to 10, on leave for 1, attended the other 9: 9 of 9 = 100 %.
    let c = counts(&[
        (Metric::SessionsInvited, 10),
        (Metric::SessionsOnLeave, 1),
        (Metric::SessionsAttended, 9),
    ]);
    assert_eq!(c.rate(RateMetric::SessionAttendance), Some(100.0));
    assert_eq!(item_points(&def, &c).points, 15.0);
    // Invited to nothing: neutral, the top band's points.
    assert_eq!(item_points(&def, &MetricCounts::default()).points, 15.0);
}

#[test]
fn rater_scores_are_weighted_and_a_missing_stage_gives_nothing() {
    let mut def = scheme(vec![SchemeItem {
        key: "raters".into(),
        label: "评议".into(),
        category: C::Raters,
        rule: ItemRule::Raters { max_points: 20.0 },
        cap: None,
    }]);
    def.raters = vec![
        RaterWeight {
            stage: RaterStage::SelfRating,
            weight: 0.2,
        },
        RaterWeight {
            stage: RaterStage::Group,
            weight: 0.4,
        },
        RaterWeight {
            stage: RaterStage::Constituents,
            weight: 0.4,
        },
    ];
    let ratings = [
        StageScore {
            stage: RaterStage::SelfRating,
            score: 100.0,
        },
        StageScore {
            stage: RaterStage::Group,
            score: 80.0,
        },
        StageScore {
            stage: RaterStage::Group,
            score: 90.0,
        },
    ];
    let c = MetricCounts {
        ballots_satisfied: 45,
        ballots_valid: 50,
        ..Default::default()
    };
    // 20 × (0.2 × 100 + 0.4 × 85 + 0.4 × 90) / 100 = 18.
    let s = score_deputy(&def, deputy("乙"), &c, &ratings, &[]);
    assert_eq!(s.items[0].points, 18.0);
    assert!(s.flags.is_empty());
    // Without the group's scores: 20 × (0.2 + 0.36) = 11.2, flagged.
    let s = score_deputy(&def, deputy("乙"), &c, &ratings[..1], &[]);
    assert_eq!(s.items[0].points, 11.2);
    assert_eq!(s.flags, vec![ScoreFlag::RatingsMissing]);
}

#[test]
fn an_upheld_objection_changes_the_score() {
    let def = scheme(vec![count_item(
        Metric::Trainings,
        5.0,
        5.0,
        Some(10.0),
        false,
    )]);
    let c = counts(&[(Metric::Trainings, 1)]);
    let before = score_deputy(&def, deputy("丙"), &c, &[], &[]);
    assert_eq!(before.total, 5.0);
    let adj = Adjustment {
        objection_id: ObjectionId::new_v7(),
        item_key: Some("item".into()),
        points: 5.0,
    };
    let after = score_deputy(&def, deputy("丙"), &c, &[], &[adj]);
    assert_eq!(
        (
            after.items[0].points,
            after.items[0].adjustment,
            after.total
        ),
        (10.0, 5.0, 10.0)
    );
    let on_total = Adjustment {
        objection_id: ObjectionId::new_v7(),
        item_key: None,
        points: -2.5,
    };
    assert_eq!(
        score_deputy(&def, deputy("丙"), &c, &[], &[on_total]).total,
        2.5
    );
}

fn scored(name: &str, total: f64) -> DeputyScore {
    let def = scheme(vec![]);
    let mut s = score_deputy(&def, deputy(name), &MetricCounts::default(), &[], &[]);
    s.total = total;
    s
}

#[test]
fn equal_totals_share_a_rank_and_grades_follow_the_bands() {
    let mut v = vec![
        scored("丁", 89.99),
        scored("甲", 95.0),
        scored("乙", 95.0),
        scored("丙", 90.0),
    ];
    rank_and_grade(&mut v, &scheme(vec![]).bands);
    let got: Vec<(&str, u32, Grade)> = v
        .iter()
        .map(|s| (s.deputy.name.as_str(), s.rank, s.grade))
        .collect();
    assert_eq!(
        got,
        vec![
            ("乙", 1, Grade::Excellent),
            ("甲", 1, Grade::Excellent),
            ("丙", 3, Grade::Excellent),
            ("丁", 4, Grade::Good)
        ]
    );
    assert_eq!(grade_of(&scheme(vec![]).bands, 59.99), Grade::Poor);
    assert_eq!(grade_of(&scheme(vec![]).bands, 60.0), Grade::Fair);
}

#[test]
fn twenty_percent_of_61_deputies_is_12() {
    assert_eq!(quota_limit(20.0, 61), 12);
    assert_eq!(quota_limit(20.0, 60), 12);
    assert_eq!(quota_limit(20.0, 59), 11);
    assert_eq!(quota_limit(20.0, 65), 13);
}

#[test]
fn the_quota_skips_excluded_posts_and_leaves_a_tie_at_the_cut_to_the_presidium() {
    // 10 deputies: 20 % is 2. The best holds the chair (excluded); two are tied behind.
    let mut v: Vec<DeputyScore> = (0..10)
        .map(|i| scored(&format!("代表{i}"), 99.0 - f64::from(i)))
        .collect();
    v[0].deputy.post = Some(Post::Chairperson);
    v[2].total = 98.0;
    v[3].total = 97.0;
    v[4].total = 97.0;
    rank_and_grade(&mut v, &scheme(vec![]).bands);
    let quota = Quota {
        percent: 20.0,
        exclude_posts: vec![Post::Chairperson],
        min_grade: Grade::Excellent,
    };
    let p = propose_outstanding(&v, &quota);
    assert_eq!(p.limit, 2);
    let names = |ids: &[DeputyId]| -> Vec<String> {
        ids.iter()
            .map(|id| {
                v.iter()
                    .find(|s| s.deputy.deputy_id == *id)
                    .unwrap()
                    .deputy
                    .name
                    .clone()
            })
            .collect()
    };
    // 代表1 and 代表2 both have 98: they fit together.
    assert_eq!(names(&p.chosen), vec!["代表1", "代表2"]);
    assert!(p.tied_at_cut.is_empty());
    // With a quota of 3, the two tied at 97 cannot both fit: left to the presidium.
    let p = propose_outstanding(
        &v,
        &Quota {
            percent: 30.0,
            ..quota.clone()
        },
    );
    assert_eq!(names(&p.chosen), vec!["代表1", "代表2"]);
    assert_eq!(names(&p.tied_at_cut), vec!["代表3", "代表4"]);
    // Only excellent deputies qualify.
    let mut low = v.clone();
    for s in &mut low {
        s.grade = Grade::Good;
    }
    assert!(propose_outstanding(&low, &quota).chosen.is_empty());
}

#[test]
fn the_lowest_grade_two_years_running_is_flagged() {
    assert!(repeated_lowest(
        Grade::Poor,
        2,
        Grade::Poor,
        &[Some(Grade::Poor)]
    ));
    assert!(!repeated_lowest(
        Grade::Poor,
        2,
        Grade::Poor,
        &[Some(Grade::Fair)]
    ));
    assert!(!repeated_lowest(Grade::Poor, 2, Grade::Poor, &[None]));
    assert!(!repeated_lowest(
        Grade::Poor,
        2,
        Grade::Fair,
        &[Some(Grade::Poor)]
    ));
    assert!(repeated_lowest(Grade::Poor, 1, Grade::Poor, &[]));
    let c = Consequence {
        grade: Grade::Poor,
        years: 3,
    };
    assert!(!repeated_lowest(
        c.grade,
        c.years,
        Grade::Poor,
        &[Some(Grade::Poor)]
    ));
}

#[test]
fn groups_are_scored_from_members_and_activities_and_the_best_proposed() {
    let g1 = DeputyGroupId::new_v7();
    let g2 = DeputyGroupId::new_v7();
    let g3 = DeputyGroupId::new_v7();
    let mut v = vec![
        scored("甲", 90.0),
        scored("乙", 80.0),
        scored("丙", 70.0),
        scored("丁", 95.0),
    ];
    v[0].deputy.deputy_group_id = Some(g1);
    v[1].deputy.deputy_group_id = Some(g1);
    v[2].deputy.deputy_group_id = Some(g2);
    v[3].deputy.deputy_group_id = None;
    let names = BTreeMap::from([
        (g1, ("第一组".to_string(), 2)),
        (g2, ("第二组".to_string(), 10)),
        (g3, ("第三组".to_string(), 0)),
    ]);
    let rule = GroupRule {
        members_weight: 0.8,
        activity_points: 4.0,
        activity_cap: 20.0,
        advanced_max: 1,
    };
    let g = score_groups(&v, &names, &rule);
    // 第一组: 85 × 0.8 + 8 = 76; 第二组: 70 × 0.8 + 20 (capped) = 76: tied, both first.
    assert_eq!((g[0].total, g[0].rank, g[0].proposed), (76.0, 1, true));
    assert_eq!((g[1].total, g[1].rank, g[1].proposed), (76.0, 1, true));
    assert_eq!(g[1].activity_points, 20.0);
    // A group without members is never proposed.
    assert_eq!(
        (g[2].name.as_str(), g[2].members, g[2].proposed),
        ("第三组", 0, false)
    );
}
