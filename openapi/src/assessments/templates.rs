//! Three template schemes modelled on real ones (the sources are in each template's
//! `source` and in the README): an office starts from one and edits it.

use super::{
    Consequence, Grade, GradeBand, GroupRule, ItemCategory as C, ItemRule, Metric, Post, Quota,
    RateBand, RateMetric, RaterStage, RaterWeight, RecordSection, SchemeDefinition, SchemeItem,
    SchemeTemplate,
};

/// The kinds of self-declared entry a congress starts with: `(code, name, section)`.
pub const DEFAULT_ENTRY_KINDS: [(&str, &str, RecordSection); 6] = [
    ("practical_deed", "为民办实事", RecordSection::Other),
    ("dispute_mediation", "调解矛盾纠纷", RecordSection::Other),
    (
        "constituent_contact",
        "联系走访选民",
        RecordSection::GroupActivities,
    ),
    (
        "higher_level_activity",
        "参加上级人大活动",
        RecordSection::InspectionsResearch,
    ),
    ("study", "自学与交流", RecordSection::Training),
    ("other", "其他履职", RecordSection::Other),
];

fn count(
    key: &str,
    label: &str,
    category: C,
    metric: Metric,
    base: f64,
    extra: f64,
    cap: f64,
) -> SchemeItem {
    SchemeItem {
        key: key.into(),
        label: label.into(),
        category,
        rule: ItemRule::Count {
            metric,
            base_points: base,
            per_extra: extra,
            deduct: false,
        },
        cap: Some(cap),
    }
}

fn deduct(
    key: &str,
    label: &str,
    metric: Metric,
    base: f64,
    extra: f64,
    cap: Option<f64>,
) -> SchemeItem {
    SchemeItem {
        key: key.into(),
        label: label.into(),
        category: C::Deductions,
        rule: ItemRule::Count {
            metric,
            base_points: base,
            per_extra: extra,
            deduct: true,
        },
        cap,
    }
}

fn entries(key: &str, label: &str, kind: &str, base: f64, extra: f64, cap: f64) -> SchemeItem {
    SchemeItem {
        key: key.into(),
        label: label.into(),
        category: C::SelfDeclared,
        rule: ItemRule::Entries {
            kind_code: kind.into(),
            base_points: base,
            per_extra: extra,
            deduct: false,
        },
        cap: Some(cap),
    }
}

fn raters(max: f64) -> SchemeItem {
    SchemeItem {
        key: "raters".into(),
        label: "评议打分".into(),
        category: C::Raters,
        rule: ItemRule::Raters { max_points: max },
        cap: None,
    }
}

fn baihe_bands() -> Vec<GradeBand> {
    vec![
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
    ]
}

fn yuanjiang_quota() -> Quota {
    Quota {
        percent: 20.0,
        exclude_posts: vec![Post::Chairperson, Post::ViceChairperson],
        min_grade: Grade::Excellent,
    }
}

fn band(min: f64, points: f64, at_top: Option<f64>) -> RateBand {
    RateBand {
        min_percent: min,
        points,
        points_at_top: at_top,
    }
}

/// 积分制 after zhrd's evaluation standard: per category base points, points per further
/// occurrence and a cap; four raters; Baihe's bands; Yuanjiang's quota.
pub fn points_zhrd() -> SchemeTemplate {
    use Metric as M;
    let items = vec![
        count(
            "sessions",
            "出席代表大会会议",
            C::Meetings,
            M::SessionsAttended,
            10.0,
            5.0,
            15.0,
        ),
        count(
            "trainings",
            "参加学习培训",
            C::Activities,
            M::Trainings,
            3.0,
            2.0,
            7.0,
        ),
        count(
            "inspections",
            "参加视察",
            C::Activities,
            M::Inspections,
            3.0,
            2.0,
            8.0,
        ),
        count(
            "research",
            "参加专题调研",
            C::Activities,
            M::Research,
            3.0,
            2.0,
            8.0,
        ),
        count(
            "law_enforcement",
            "参加执法检查",
            C::Activities,
            M::LawEnforcementInspections,
            3.0,
            2.0,
            6.0,
        ),
        count(
            "group_activities",
            "参加代表小组活动",
            C::Activities,
            M::GroupActivities,
            2.0,
            1.0,
            6.0,
        ),
        count(
            "reception_days",
            "代表接待日值班",
            C::Activities,
            M::ReceptionDays,
            2.0,
            1.0,
            6.0,
        ),
        count(
            "dual_contact",
            "双联走访",
            C::Activities,
            M::DualContactVisits,
            2.0,
            1.0,
            4.0,
        ),
        count(
            "suggestions_led",
            "领衔提出建议",
            C::SuggestionsMotions,
            M::SuggestionsLed,
            3.0,
            2.0,
            9.0,
        ),
        count(
            "suggestions_cosigned",
            "附议建议",
            C::SuggestionsMotions,
            M::SuggestionsCosigned,
            1.0,
            1.0,
            3.0,
        ),
        count(
            "motions",
            "领衔提出议案",
            C::SuggestionsMotions,
            M::MotionsLed,
            4.0,
            2.0,
            6.0,
        ),
        count(
            "duty_report",
            "向选民述职",
            C::DutyReports,
            M::DutyReports,
            5.0,
            0.0,
            5.0,
        ),
        entries(
            "practical_deeds",
            "为民办实事",
            "practical_deed",
            2.0,
            2.0,
            6.0,
        ),
        deduct(
            "session_absence",
            "无故缺席代表大会会议",
            M::SessionsAbsent,
            5.0,
            5.0,
            Some(10.0),
        ),
        raters(20.0),
    ];
    SchemeTemplate {
        code: "points_zhrd".into(),
        name: "积分制考核细则（按类别基础分、增加分和上限）".into(),
        source: "按珠海市人大代表履职评价标准（zhrd）：每类履职活动设基础分、每增加一次的加分和上限，并设代表本人、代表小组、主席团（街道人大工委）、人大办四方评议；等次按白河县标准（优秀≥90，良好80–89，一般60–79，较差≤59，连续两年较差提请主席团处理）；优秀代表名额按元江县做法不超过代表总数的20%，主席、副主席不参评。".into(),
        definition: SchemeDefinition {
            base_score: 0.0,
            items,
            raters: vec![
                RaterWeight { stage: RaterStage::SelfRating, weight: 0.1 },
                RaterWeight { stage: RaterStage::Group, weight: 0.3 },
                RaterWeight { stage: RaterStage::Presidium, weight: 0.3 },
                RaterWeight { stage: RaterStage::Office, weight: 0.3 },
            ],
            bands: baihe_bands(),
            max_total: Some(100.0),
            quota: Some(yuanjiang_quota()),
            consequence: Some(Consequence { grade: Grade::Poor, years: 2 }),
            groups: Some(GroupRule {
                members_weight: 0.8,
                activity_points: 4.0,
                activity_cap: 20.0,
                advanced_max: 3,
            }),
        },
    }
}

/// 积分公示制 after Chongqing Jiangbei: +3 per suggestion, +3 per inspection joined, −1 per
/// session on leave (Jiangbei counts half days; Renda records whole sessions), with the
/// running score published and objections taken before it is final.
pub fn points_jiangbei() -> SchemeTemplate {
    use Metric as M;
    let items = vec![
        count(
            "suggestions_led",
            "领衔提出建议（每件3分）",
            C::SuggestionsMotions,
            M::SuggestionsLed,
            3.0,
            3.0,
            30.0,
        ),
        count(
            "suggestions_cosigned",
            "附议建议（每件1分）",
            C::SuggestionsMotions,
            M::SuggestionsCosigned,
            1.0,
            1.0,
            10.0,
        ),
        count(
            "inspections",
            "参加视察（每次3分）",
            C::Activities,
            M::Inspections,
            3.0,
            3.0,
            15.0,
        ),
        count(
            "research",
            "参加调研（每次3分）",
            C::Activities,
            M::Research,
            3.0,
            3.0,
            15.0,
        ),
        count(
            "law_enforcement",
            "参加执法检查（每次3分）",
            C::Activities,
            M::LawEnforcementInspections,
            3.0,
            3.0,
            9.0,
        ),
        count(
            "trainings",
            "参加培训（每次2分）",
            C::Activities,
            M::Trainings,
            2.0,
            2.0,
            8.0,
        ),
        count(
            "reception_days",
            "接待选民（每次2分）",
            C::Activities,
            M::ReceptionDays,
            2.0,
            2.0,
            12.0,
        ),
        count(
            "duty_report",
            "向选民述职（5分）",
            C::DutyReports,
            M::DutyReports,
            5.0,
            0.0,
            5.0,
        ),
        deduct(
            "session_leave",
            "大会请假（每次扣1分）",
            M::SessionsOnLeave,
            1.0,
            1.0,
            None,
        ),
        deduct(
            "session_absence",
            "大会无故缺席（每次扣3分）",
            M::SessionsAbsent,
            3.0,
            3.0,
            None,
        ),
    ];
    SchemeTemplate {
        code: "points_jiangbei".into(),
        name: "履职积分公示制（按件计分）".into(),
        source: "按重庆市江北区人大代表履职积分管理办法：提出建议每件加3分、参加视察每次加3分、会议请假每半天扣1分（本系统按会议场次计），设“错重漏”更正期并公示积分（亮分）；优秀代表名额按元江县做法不超过20%。等次分数线由人大办按本地实际设定。".into(),
        definition: SchemeDefinition {
            base_score: 0.0,
            items,
            raters: vec![],
            bands: vec![
                GradeBand { grade: Grade::Excellent, min_score: 40.0 },
                GradeBand { grade: Grade::Good, min_score: 25.0 },
                GradeBand { grade: Grade::Fair, min_score: 10.0 },
                GradeBand { grade: Grade::Poor, min_score: 0.0 },
            ],
            max_total: None,
            quota: Some(yuanjiang_quota()),
            consequence: None,
            groups: None,
        },
    }
}

/// 百分制 with rate bands: session attendance ≥ 90 % → 12–15 of 15 (over what the deputy
/// was invited to: excused absences are neutral); duty-report satisfaction graded as Dawu
/// county grades its ballots (≥ 80 %, 50–80 %, < 50 %); Baihe's bands; groups as Chunfu
/// township scores them (3 advanced).
pub fn bands_hundred() -> SchemeTemplate {
    use Metric as M;
    let items = vec![
        SchemeItem {
            key: "session_attendance".into(),
            label: "大会出席率".into(),
            category: C::Meetings,
            rule: ItemRule::Rate {
                rate: RateMetric::SessionAttendance,
                bands: vec![
                    band(90.0, 12.0, Some(15.0)),
                    band(80.0, 8.0, Some(11.0)),
                    band(60.0, 4.0, None),
                ],
                none_points: None,
            },
            cap: None,
        },
        SchemeItem {
            key: "activity_attendance".into(),
            label: "闭会期间活动参加率".into(),
            category: C::Activities,
            rule: ItemRule::Rate {
                rate: RateMetric::ActivityAttendance,
                bands: vec![
                    band(90.0, 16.0, Some(20.0)),
                    band(70.0, 10.0, Some(15.0)),
                    band(50.0, 5.0, None),
                ],
                none_points: None,
            },
            cap: None,
        },
        count(
            "suggestions_led",
            "领衔提出建议",
            C::SuggestionsMotions,
            M::SuggestionsLed,
            3.0,
            2.0,
            11.0,
        ),
        count(
            "suggestions_cosigned",
            "附议建议",
            C::SuggestionsMotions,
            M::SuggestionsCosigned,
            1.0,
            1.0,
            4.0,
        ),
        SchemeItem {
            key: "duty_report_satisfaction".into(),
            label: "述职测评满意率".into(),
            category: C::DutyReports,
            rule: ItemRule::Rate {
                rate: RateMetric::DutyReportSatisfaction,
                bands: vec![band(80.0, 10.0, None), band(50.0, 6.0, None)],
                none_points: Some(6.0),
            },
            cap: None,
        },
        entries(
            "practical_deeds",
            "为民办实事",
            "practical_deed",
            2.0,
            2.0,
            6.0,
        ),
        entries(
            "mediation",
            "调解矛盾纠纷",
            "dispute_mediation",
            2.0,
            2.0,
            4.0,
        ),
        deduct(
            "session_absence",
            "无故缺席代表大会会议",
            M::SessionsAbsent,
            5.0,
            5.0,
            Some(10.0),
        ),
        raters(30.0),
    ];
    SchemeTemplate {
        code: "bands_hundred".into(),
        name: "百分制考核细则（出席率分档）".into(),
        source: "百分制模板：大会出席率≥90%得12–15分（按应出席且未请假的会议计，请假不扣分）；述职测评按大悟县做法以满意票比例分档（≥80%、50%–80%、<50%）；等次按白河县标准；代表小组按春福镇做法评出3个先进小组。".into(),
        definition: SchemeDefinition {
            base_score: 0.0,
            items,
            raters: vec![
                RaterWeight { stage: RaterStage::SelfRating, weight: 0.2 },
                RaterWeight { stage: RaterStage::Group, weight: 0.4 },
                RaterWeight { stage: RaterStage::Office, weight: 0.4 },
            ],
            bands: baihe_bands(),
            max_total: Some(100.0),
            quota: Some(Quota {
                percent: 20.0,
                exclude_posts: vec![Post::Chairperson, Post::ViceChairperson],
                min_grade: Grade::Excellent,
            }),
            consequence: Some(Consequence { grade: Grade::Poor, years: 2 }),
            groups: Some(GroupRule {
                members_weight: 0.8,
                activity_points: 4.0,
                activity_cap: 20.0,
                advanced_max: 3,
            }),
        },
    }
}

/// Every template, in the order the editor offers them.
pub fn all() -> Vec<SchemeTemplate> {
    vec![points_zhrd(), points_jiangbei(), bands_hundred()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_scheme() {
        for t in all() {
            assert!(
                super::super::validate_scheme(&t.definition).is_empty(),
                "{}",
                t.code
            );
        }
    }

    #[test]
    fn the_hundred_point_template_can_reach_exactly_100() {
        let d = bands_hundred().definition;
        let max: f64 = d
            .items
            .iter()
            .map(|i| match &i.rule {
                ItemRule::Count { deduct: true, .. } => 0.0,
                ItemRule::Count { .. } | ItemRule::Entries { .. } => i.cap.unwrap(),
                ItemRule::Rate { bands, .. } => bands[0].points_at_top.unwrap_or(bands[0].points),
                ItemRule::Raters { max_points } => *max_points,
            })
            .sum();
        assert_eq!(max, 100.0);
    }
}
