//! Assessment runs (考核): items at their boundaries through the API (cap reached exactly
//! and one over, a deduction, a rate band at 90.0 % and just below, excused absences
//! neutral), shared ranks, the quota of 20 % of 61 deputies, a frozen run unchanged by a
//! later record, an objection that changes a score, rater stages, and who sees what.

use super::fixtures::town;
use super::run_fixtures::*;
use diesel::prelude::*;
use renda_openapi::{
    AssessmentRun, DeputyScore, Grade, ItemBasis, Objection, ObjectionStatus, RunScores, RunStatus,
};
use serde_json::json;

pub(super) fn item<'a>(s: &'a DeputyScore, key: &str) -> &'a renda_openapi::ItemScore {
    s.items.iter().find(|i| i.key == key).unwrap()
}

pub(super) fn of<'a>(scores: &'a RunScores, name: &str) -> &'a DeputyScore {
    scores
        .scores
        .iter()
        .find(|s| s.deputy.name == name)
        .unwrap()
}

pub(super) async fn scores(
    z: &super::fixtures::Town,
    token: &str,
    run: &AssessmentRun,
) -> RunScores {
    z.t.get(&format!("/api/v1/assessment-runs/{}/scores", run.id), token)
        .await
        .typed(200)
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn items_at_their_boundaries_and_shared_ranks() {
    let z = town().await;
    let d = &z.deputies;
    // 王建国: 3 inspections (cap reached exactly), 9 of 10 sessions (90.0 %), 1 absent.
    activities(
        &z,
        "inspection",
        "2022-03-01",
        3,
        Some(d[0]),
        "present",
        None,
    );
    activities(&z, "session", "2022-01-25", 9, Some(d[0]), "present", None);
    activities(&z, "session", "2022-01-26", 1, Some(d[0]), "absent", None);
    // 李秀英: 4 inspections (one over the cap), 899 of 1,000 sessions (89.9 %), 101 absent.
    activities(
        &z,
        "inspection",
        "2022-03-01",
        4,
        Some(d[1]),
        "present",
        None,
    );
    activities(&z, "session", "2022-02-01", 899, Some(d[1]), "late", None);
    activities(&z, "session", "2022-02-02", 101, Some(d[1]), "absent", None);
    // 张海燕: 9 sessions attended, 1 on leave: the leave is neutral (100 %).
    activities(&z, "session", "2022-01-25", 9, Some(d[2]), "present", None);
    activities(&z, "session", "2022-01-26", 1, Some(d[2]), "on_leave", None);
    // A record outside the year does not count.
    activities(
        &z,
        "inspection",
        "2023-01-05",
        2,
        Some(d[3]),
        "present",
        None,
    );
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    assert_eq!((r.status, r.scored), (RunStatus::Draft, 6));
    let all = scores(&z, &z.staff, &r).await;
    assert_eq!(all.assessed, 6);
    let wang = of(&all, "王建国");
    let insp = item(wang, "inspections");
    assert_eq!(
        (insp.uncapped, insp.cap_applied, insp.points),
        (4.0, None, 4.0)
    );
    assert!(matches!(insp.basis, ItemBasis::Count { count: 3, .. }));
    let att = item(wang, "attendance");
    assert!(
        matches!(att.basis, ItemBasis::Rate { numerator: 9, denominator: 10, percent: Some(p), band_min: Some(m), .. } if p == 90.0 && m == 90.0)
    );
    assert_eq!(att.points, 10.0);
    assert_eq!(item(wang, "absent").points, -1.0);
    assert_eq!(wang.total, 13.0);
    let li = of(&all, "李秀英");
    let insp = item(li, "inspections");
    assert_eq!(
        (insp.uncapped, insp.cap_applied, insp.points),
        (5.0, Some(4.0), 4.0)
    );
    assert!(insp.explain(renda_openapi::Lang::Zh).contains("封顶 4 分"));
    let att = item(li, "attendance");
    assert!(
        matches!(att.basis, ItemBasis::Rate { percent: Some(p), band_min: Some(m), .. } if p == 89.9 && m == 0.0)
    );
    assert_eq!(att.points, 4.0);
    let absent = item(li, "absent");
    assert_eq!(
        (absent.uncapped, absent.cap_applied, absent.points),
        (-101.0, Some(2.0), -2.0)
    );
    assert_eq!(li.total, 6.0);
    let zhang = of(&all, "张海燕");
    assert!(matches!(
        item(zhang, "attendance").basis,
        ItemBasis::Rate {
            numerator: 9,
            denominator: 9,
            ..
        }
    ));
    // Invited to nothing: neutral (the top band).
    let zhao = of(&all, "赵明华");
    assert_eq!(item(zhao, "attendance").points, 10.0);
    assert_eq!(item(zhao, "inspections").points, 0.0);
    // Ranks: 13 first; four at 10 share rank 2; 6 is sixth. Grades by the bands.
    let ranks: Vec<(u32, f64)> = all.scores.iter().map(|s| (s.rank, s.total)).collect();
    assert_eq!(
        ranks,
        [
            (1, 13.0),
            (2, 10.0),
            (2, 10.0),
            (2, 10.0),
            (2, 10.0),
            (6, 6.0)
        ]
    );
    assert_eq!(
        (wang.grade, zhang.grade, li.grade),
        (Grade::Excellent, Grade::Good, Grade::Fair)
    );
    // The workbook of the ranking.
    let x =
        z.t.get(
            &format!("/api/v1/assessment-runs/{}/scores.xlsx", r.id),
            &z.staff,
        )
        .await;
    assert_eq!(x.status.as_u16(), 200);
    assert!(x.bytes.starts_with(b"PK"));
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn twenty_percent_of_61_deputies_is_12_and_the_chairperson_is_left_out() {
    let z = town().await;
    let mut all = z.deputies.clone();
    for i in 0..55 {
        let d = renda_tests::id(
            &z.t.deputy(
                &z.t.admin,
                z.town,
                z.term,
                json!({"name": format!("代表{}", char::from_u32(0x4e00 + i).unwrap())}),
            )
            .await,
        );
        all.push(renda_openapi::DeputyId(d));
    }
    assert_eq!(all.len(), 61);
    // Deputy i attended i + 1 inspections: distinct totals with an uncapped item.
    let mut def = boundary_scheme();
    def["items"] = json!([{"key": "inspections", "label": "参加视察", "category": "activities",
        "rule": {"type": "count", "metric": "inspections", "base_points": 1, "per_extra": 1}}]);
    def["bands"] =
        json!([{"grade": "excellent", "min_score": 1}, {"grade": "poor", "min_score": 0}]);
    def["quota"]["min_grade"] = json!("excellent");
    for (i, d) in all.iter().enumerate() {
        activities(
            &z,
            "inspection",
            "2022-05-01",
            i as u32 + 1,
            Some(*d),
            "present",
            None,
        );
    }
    post(&z, all[60], "chairperson");
    let s = scheme(&z, def).await;
    let r = publish_and_freeze(&z, &run(&z, &s, 2022).await).await;
    let p = r.proposal.clone().expect("a proposal");
    assert_eq!(p.limit, 12);
    // The best (the chairperson) is left out; the next twelve are proposed.
    assert_eq!(
        p.chosen,
        all[48..60].iter().rev().copied().collect::<Vec<_>>()
    );
    assert!(p.tied_at_cut.is_empty());
    let sc = scores(&z, &z.staff, &r).await;
    assert!(sc.scores[0]
        .flags
        .contains(&renda_openapi::ScoreFlag::ExcludedFromQuota));
    let awards: renda_openapi::AwardPage =
        z.t.get(&format!("/api/v1/awards?run_id={}", r.id), &z.presidium)
            .await
            .typed(200);
    assert_eq!(awards.items.len(), 12);
    assert!(awards
        .items
        .iter()
        .all(|a| a.status == renda_openapi::AwardStatus::Proposed));
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn a_frozen_run_is_a_snapshot_that_later_records_never_alter() {
    let z = town().await;
    activities(
        &z,
        "inspection",
        "2022-03-01",
        1,
        Some(z.deputies[0]),
        "present",
        None,
    );
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    // Publishing needs a window from today on.
    let p = step(
        &z,
        &z.staff,
        &r,
        json!({"step": "publish", "objections_until": "2022-12-31"}),
    )
    .await;
    assert_eq!(p.refusal(422), "objection_window_in_past");
    assert_eq!(
        step(&z, &z.staff, &r, json!({"step": "publish"}))
            .await
            .refusal(422),
        "required"
    );
    step(
        &z,
        &z.staff,
        &r,
        json!({"step": "publish", "objections_until": today()}),
    )
    .await
    .ok(200);
    // Inside the window the run freezes only when the office closes it early.
    assert_eq!(
        step(&z, &z.staff, &r, json!({"step": "freeze"}))
            .await
            .refusal(409),
        "objection_window_open"
    );
    let frozen: AssessmentRun = step(
        &z,
        &z.staff,
        &r,
        json!({"step": "freeze", "close_window_early": true}),
    )
    .await
    .typed(200);
    assert_eq!(frozen.status, RunStatus::Frozen);
    let before = scores(&z, &z.staff, &r).await;
    assert_eq!(of(&before, "王建国").total, 12.0);
    // Freezing wrote each breakdown beside its inputs: the frozen run reads it, not a
    // rebuild by the score engine (here made impossible).
    let mut conn = z.t.db.conn();
    let rows = diesel::sql_query(format!(
        "UPDATE assessment_scores SET inputs = '{{}}' WHERE run_id = '{}' AND score IS NOT NULL",
        r.id
    ))
    .execute(&mut conn)
    .unwrap();
    assert_eq!(rows, before.scores.len());
    assert_eq!(scores(&z, &z.staff, &r).await, before);
    // Nor can a deputy of the snapshot be deleted as "entered by mistake".
    let path = format!("/api/v1/deputies/{}", z.deputies[0].0);
    let version = z.t.get(&path, &z.t.admin).await.header("etag").unwrap();
    let gone =
        z.t.call(
            actix_web::http::Method::DELETE,
            &path,
            Some(&z.t.admin),
            None,
            &[("If-Match", &version)],
        )
        .await;
    assert_eq!(gone.refusal(409), "deputy_in_frozen_run");
    assert_eq!(gone.problem(409)["params"]["runs"], 1);
    // The public page shows the grade of the year it shows, and no other year's.
    let settings = format!("/api/v1/congresses/{}/publication-settings", z.town);
    z.t.put(
        &settings,
        &z.staff,
        "\"0\"",
        json!(renda_openapi::PublicationSettings {
            enabled: true,
            show_grade: true,
            ..Default::default()
        }),
    )
    .await
    .ok(200);
    let page = |year: i32| format!("/api/v1/public/deputies/{}?year={year}", z.deputies[0].0);
    let grade = |v: serde_json::Value| v["grade"].as_str().map(str::to_string);
    let shown = grade(z.t.get(&page(2022), &z.staff).await.ok(200));
    assert_eq!(shown.as_deref(), Some(of(&before, "王建国").grade.as_str()));
    assert_eq!(grade(z.t.get(&page(2023), &z.staff).await.ok(200)), None);
    // A later record of the period: the frozen run keeps its scores and is not recomputed.
    activities(
        &z,
        "inspection",
        "2022-04-01",
        2,
        Some(z.deputies[0]),
        "present",
        None,
    );
    assert_eq!(
        step(&z, &z.staff, &r, json!({"step": "compute"}))
            .await
            .refusal(409),
        "run_step_not_allowed"
    );
    assert_eq!(scores(&z, &z.staff, &r).await, before);
    // A new run of the same year sees it.
    let again = run(&z, &s, 2022).await;
    assert_eq!(
        of(&scores(&z, &z.staff, &again).await, "王建国").total,
        14.0
    );
    // A draft recomputes from the records.
    activities(
        &z,
        "inspection",
        "2022-04-02",
        5,
        Some(z.deputies[1]),
        "present",
        None,
    );
    step(&z, &z.staff, &again, json!({"step": "compute"}))
        .await
        .ok(200);
    assert_eq!(
        of(&scores(&z, &z.staff, &again).await, "李秀英").total,
        14.0
    );
    // But the period has one frozen result: the second run does not freeze.
    publish(&z, &again).await;
    assert_eq!(
        step(
            &z,
            &z.staff,
            &again,
            json!({"step": "freeze", "close_window_early": true})
        )
        .await
        .refusal(409),
        "period_already_frozen"
    );
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn an_upheld_objection_changes_the_score_and_open_ones_block_freezing() {
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    let objections = format!("/api/v1/assessment-runs/{}/objections", r.id);
    let body = json!({"item_key": "inspections", "text": "3月参加了视察，记录遗漏"});
    // Not before the score is published.
    z.t.post(&objections, &z.dep[0], body.clone())
        .await
        .problem(404);
    step(
        &z,
        &z.staff,
        &r,
        json!({"step": "publish", "objections_until": today()}),
    )
    .await
    .ok(200);
    assert_eq!(
        z.t.post(&objections, &z.staff, body.clone())
            .await
            .refusal(403),
        "only_the_deputy"
    );
    assert_eq!(
        z.t.post(
            &objections,
            &z.dep[0],
            json!({"item_key": "nothing", "text": "x"})
        )
        .await
        .refusal(422),
        "unknown_item"
    );
    assert_eq!(
        z.t.post(
            &objections,
            &z.dep[0],
            json!({"item_key": "inspections", "text": "漏记\u{202e}视察"})
        )
        .await
        .refusal(422),
        "invalid_characters"
    );
    let o: Objection = z.t.post(&objections, &z.dep[0], body).await.typed(201);
    assert_eq!(
        (o.status, o.deputy_id),
        (ObjectionStatus::Open, z.deputies[0])
    );
    // Each deputy sees their own objections; the office all.
    let theirs: Vec<Objection> = z.t.get(&objections, &z.dep[1]).await.typed(200);
    assert!(theirs.is_empty());
    let office: Vec<Objection> = z.t.get(&objections, &z.presidium).await.typed(200);
    assert_eq!(office.len(), 1);
    // A district's sync: only what changed after an instant (its own `updated_at` or later).
    let since = |at: String| format!("{objections}?updated_since={}", at.replace('+', "%2B"));
    let before = (office[0].updated_at - chrono::Duration::seconds(1)).to_rfc3339();
    for (at, n) in [(before, 1), (office[0].updated_at.to_rfc3339(), 0)] {
        let got: Vec<Objection> = z.t.get(&since(at.clone()), &z.presidium).await.typed(200);
        assert_eq!(got.len(), n, "{at}");
    }
    assert_eq!(
        step(
            &z,
            &z.staff,
            &r,
            json!({"step": "freeze", "close_window_early": true})
        )
        .await
        .refusal(409),
        "objections_open"
    );
    let path = format!("/api/v1/objections/{}/transitions", o.id);
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "uphold"}))
            .await
            .refusal(422),
        "reason_required"
    );
    assert_eq!(
        z.t.post(
            &path,
            &z.dep[0],
            json!({"step": "uphold", "resolution": "自己认可"})
        )
        .await
        .refusal(403),
        "role_may_not"
    );
    z.t.post(&path, &z.dep[1], json!({"step": "withdraw"}))
        .await
        .problem(404);
    let upheld: Objection =
        z.t.post(
            &path,
            &z.staff,
            json!({"step": "uphold", "resolution": "经核实，补记视察一次", "adjustment": 2}),
        )
        .await
        .typed(200);
    assert_eq!(
        (upheld.status, upheld.adjustment),
        (ObjectionStatus::Upheld, Some(2.0))
    );
    let after = scores(&z, &z.dep[0], &r).await;
    assert_eq!(after.scores.len(), 1);
    let wang = &after.scores[0];
    assert_eq!(
        (
            item(wang, "inspections").adjustment,
            item(wang, "inspections").points
        ),
        (2.0, 2.0)
    );
    assert_eq!(wang.total, 12.0);
    assert_eq!(
        z.t.post(
            &path,
            &z.staff,
            json!({"step": "dismiss", "resolution": "再议"})
        )
        .await
        .refusal(409),
        "objection_step_not_allowed"
    );
    // Frozen: the window is closed.
    step(
        &z,
        &z.staff,
        &r,
        json!({"step": "freeze", "close_window_early": true}),
    )
    .await
    .ok(200);
    assert_eq!(
        z.t.post(&objections, &z.dep[1], json!({"text": "晚了"}))
            .await
            .refusal(409),
        "objection_window_closed"
    );
}

/// The ranking as a DOCX: the run's name, every deputy by rank with total and grade; the
/// office reads it at once, a deputy only once the run is published, nobody outside.
#[actix_web::test]
async fn the_ranking_exports_to_a_document_the_office_can_print() {
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let r = run(&z, &s, 2022).await;
    let path = format!("/api/v1/assessment-runs/{}/scores.docx", r.id);
    let res = z.t.get(&path, &z.staff).await;
    assert_eq!(res.status.as_u16(), 200);
    let xml = document_xml(&res.bytes);
    for text in [
        "2022年度代表履职考核",
        "代表得分排名",
        "2022-01-01 至 2022-12-31",
    ] {
        assert!(xml.contains(text), "{text}");
    }
    for name in super::fixtures::NAMES {
        assert!(xml.contains(name), "{name}");
    }
    z.t.get(&path, &z.dep[0]).await.problem(404);
    z.t.get(&path, &z.stranger).await.problem(404);
    // Published (not to all): a deputy's document holds their own row only.
    publish(&z, &r).await;
    let mine = z.t.get(&path, &z.dep[0]).await;
    assert_eq!(mine.status.as_u16(), 200);
    let xml = document_xml(&mine.bytes);
    let names = super::fixtures::NAMES;
    assert!(xml.contains(names[0]));
    assert!(
        names[1..].iter().all(|n| !xml.contains(n)),
        "another deputy's row"
    );
    // A name with a control character would make the document unreadable: refused.
    let body = json!({"term_id": z.term, "scheme_id": s.id, "name": "考核\u{1}", "year": 2022});
    let p =
        z.t.post("/api/v1/assessment-runs", &z.staff, body)
            .await
            .problem(422);
    assert_eq!(p["errors"][0]["code"], "invalid_characters");
}
