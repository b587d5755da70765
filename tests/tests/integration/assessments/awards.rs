//! Awards (表彰): outstanding groups and deputies proposed when a run is frozen, confirmed
//! by the presidium with date and document number or declined with a reason; a
//! confirmed award counts in a later assessment; who may do what.

use super::fixtures::town;
use super::run_fixtures::*;
use renda_openapi::{AssessmentRun, Award, AwardKind, AwardPage, AwardStatus, RunScores};
use serde_json::json;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn a_group_award_is_proposed_by_the_rules_and_confirmed_by_the_presidium() {
    let z = town().await;
    let d = &z.deputies;
    let first = group(&z, "第一代表小组", &[d[0], d[1], d[2]], Some(d[0]));
    group(&z, "第二代表小组", &[d[3], d[4], d[5]], Some(d[3]));
    // The first group held two activities; its members attended.
    activities(
        &z,
        "inspection",
        "2022-06-01",
        2,
        Some(d[0]),
        "present",
        Some(first),
    );
    let mut def = boundary_scheme();
    def["groups"] =
        json!({"members_weight": 1.0, "activity_points": 3, "activity_cap": 5, "advanced_max": 1});
    let s = scheme(&z, def).await;
    let r = publish_and_freeze(&z, &run(&z, &s, 2022).await).await;
    let sc: RunScores =
        z.t.get(
            &format!("/api/v1/assessment-runs/{}/scores", r.id),
            &z.staff,
        )
        .await
        .typed(200);
    let g = &sc.groups[0];
    assert_eq!(
        (g.name.as_str(), g.activities, g.activity_points, g.proposed),
        ("第一代表小组", 2, 5.0, true)
    );
    assert!(!sc.groups[1].proposed);
    let page: AwardPage =
        z.t.get(&format!("/api/v1/awards?run_id={}", r.id), &z.staff)
            .await
            .typed(200);
    let award = page
        .items
        .iter()
        .find(|a| a.kind == AwardKind::OutstandingGroup)
        .unwrap()
        .clone();
    assert_eq!(
        (award.name.as_str(), award.year, award.status),
        ("第一代表小组", 2022, AwardStatus::Proposed)
    );
    let path = format!("/api/v1/awards/{}/transitions", award.id);
    let confirm =
        json!({"step": "confirm", "awarded_on": "2023-01-10", "document_no": "兆人大〔2023〕1号"});
    for token in [&z.staff, &z.dep[0]] {
        assert_eq!(
            z.t.post(&path, token, confirm.clone()).await.refusal(403),
            "only_the_presidium"
        );
    }
    z.t.post(&path, &z.stranger, confirm.clone())
        .await
        .problem(404);
    assert_eq!(
        z.t.post(
            &path,
            &z.presidium,
            json!({"step": "confirm", "awarded_on": "2023-01-10"})
        )
        .await
        .refusal(422),
        "award_needs_document"
    );
    assert_eq!(
        z.t.post(
            &path,
            &z.presidium,
            json!({"step": "confirm", "awarded_on": "2999-01-10", "document_no": "x"})
        )
        .await
        .refusal(422),
        "date_in_future"
    );
    let done: Award =
        z.t.post(&path, &z.presidium, confirm.clone())
            .await
            .typed(200);
    assert_eq!(
        (
            done.status,
            done.document_no.as_deref(),
            done.awarded_on.map(|d| d.to_string())
        ),
        (
            AwardStatus::Confirmed,
            Some("兆人大〔2023〕1号"),
            Some("2023-01-10".into())
        )
    );
    assert_eq!(
        z.t.post(&path, &z.presidium, confirm).await.refusal(409),
        "award_step_not_allowed"
    );
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn a_confirmed_award_enters_the_record_and_a_declined_one_says_why() {
    let z = town().await;
    let d = &z.deputies;
    activities(
        &z,
        "inspection",
        "2022-03-01",
        3,
        Some(d[0]),
        "present",
        None,
    );
    activities(
        &z,
        "inspection",
        "2022-03-01",
        2,
        Some(d[1]),
        "present",
        None,
    );
    let s = scheme(&z, boundary_scheme()).await;
    let r = publish_and_freeze(&z, &run(&z, &s, 2022).await).await;
    // 20 % of 6 is 1: the best deputy.
    assert_eq!(r.proposal.as_ref().unwrap().chosen, [d[0]]);
    // A deputy reads the run, but not who is proposed: it was published to each alone.
    assert!(!r.publish_to_all);
    let path = format!("/api/v1/assessment-runs/{}", r.id);
    let seen: AssessmentRun = z.t.get(&path, &z.dep[1]).await.typed(200);
    assert_eq!(seen.proposal, None);
    let listed: renda_openapi::RunPage =
        z.t.get("/api/v1/assessment-runs", &z.dep[1])
            .await
            .typed(200);
    assert!(listed.items.iter().all(|x| x.proposal.is_none()));
    let office: AssessmentRun = z.t.get(&path, &z.staff).await.typed(200);
    assert!(office.proposal.is_some());
    let page: AwardPage =
        z.t.get("/api/v1/awards?status=proposed", &z.presidium)
            .await
            .typed(200);
    assert_eq!(page.items.len(), 1);
    let a = &page.items[0];
    assert_eq!(
        (a.kind, a.deputy_id, a.rank),
        (AwardKind::OutstandingDeputy, Some(d[0]), Some(1))
    );
    // Deputies see confirmed awards and their own only.
    let other: AwardPage = z.t.get("/api/v1/awards", &z.dep[1]).await.typed(200);
    assert!(other.items.is_empty());
    let own: AwardPage = z.t.get("/api/v1/awards", &z.dep[0]).await.typed(200);
    assert_eq!(own.items.len(), 1);
    let org = handling_org(&z).await;
    z.t.get("/api/v1/awards", &org).await.problem(403);
    let read = key(&z, "sync_read", &["assessments:read"]).await;
    let listed: AwardPage = z.t.get("/api/v1/awards", &read).await.typed(200);
    assert_eq!(listed.items.len(), 1);
    let path = format!("/api/v1/awards/{}/transitions", a.id);
    z.t.post(&path, &read, json!({"step": "decline", "reason": "x"}))
        .await
        .problem(403);
    z.t.post(
        &path,
        &z.presidium,
        json!({"step": "confirm", "awarded_on": "2023-01-10", "document_no": "兆人大〔2023〕1号"}),
    )
    .await
    .ok(200);
    let seen: AwardPage = z.t.get("/api/v1/awards", &z.dep[1]).await.typed(200);
    assert_eq!(seen.items.len(), 1);
    // Another deputy sees the award, not its rank and total; its deputy sees both.
    assert_eq!((seen.items[0].rank, seen.items[0].total), (None, None));
    let own: AwardPage = z.t.get("/api/v1/awards", &z.dep[0]).await.typed(200);
    assert!(own.items[0].rank.is_some() && own.items[0].total.is_some());
    // A quarterly run of the same year proposes the same deputy by its quota, but no
    // second award of 2022: one set of outstanding deputies a year.
    let q1: AssessmentRun = z
        .t
        .post(
            "/api/v1/assessment-runs",
            &z.staff,
            json!({"term_id": z.term, "scheme_id": s.id, "name": "2022年第一季度", "year": 2022, "quarter": 1}),
        )
        .await
        .typed(201);
    let q1 = publish_and_freeze(&z, &q1).await;
    assert_eq!(q1.proposal.as_ref().unwrap().chosen, [d[0]]);
    let again: AwardPage =
        z.t.get(&format!("/api/v1/awards?run_id={}", q1.id), &z.staff)
            .await
            .typed(200);
    assert!(again.items.is_empty(), "{:?}", again.items);
    // The award counts in the 2023 record.
    let mut def = boundary_scheme();
    def["items"] = json!([{"key": "awards", "label": "获得表彰", "category": "awards",
        "rule": {"type": "count", "metric": "awards", "base_points": 5, "per_extra": 5}}]);
    let s2 = scheme(&z, def).await;
    let r2 = run(&z, &s2, 2023).await;
    let sc: RunScores =
        z.t.get(
            &format!("/api/v1/assessment-runs/{}/scores", r2.id),
            &z.staff,
        )
        .await
        .typed(200);
    let wang = sc
        .scores
        .iter()
        .find(|x| x.deputy.deputy_id == d[0])
        .unwrap();
    assert_eq!(wang.total, 5.0);
    // Declining needs a reason (a run of 2024: 2022 has its frozen run).
    activities(
        &z,
        "inspection",
        "2024-03-01",
        3,
        Some(d[0]),
        "present",
        None,
    );
    let r3 = publish_and_freeze(&z, &run(&z, &s, 2024).await).await;
    let p: AwardPage =
        z.t.get(&format!("/api/v1/awards?run_id={}", r3.id), &z.staff)
            .await
            .typed(200);
    let path = format!("/api/v1/awards/{}/transitions", p.items[0].id);
    assert_eq!(
        z.t.post(&path, &z.presidium, json!({"step": "decline"}))
            .await
            .refusal(422),
        "reason_required"
    );
    let declined: Award =
        z.t.post(
            &path,
            &z.presidium,
            json!({"step": "decline", "reason": "已于同年表彰"}),
        )
        .await
        .typed(200);
    assert_eq!(
        (declined.status, declined.decline_reason.as_deref()),
        (AwardStatus::Declined, Some("已于同年表彰"))
    );
}
