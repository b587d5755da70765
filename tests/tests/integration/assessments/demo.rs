//! The demo township's 2022 record comes from its data: the calendar, the suggestions,
//! the entries and the duty-report meeting that `renda up` loads (issue 11, item 9).

use diesel::prelude::*;
use renda_openapi::{Metric, PerformanceRecord, RateMetric, Role};
use renda_tests::*;

#[actix_web::test]
async fn the_demo_deputys_2022_record_is_built_from_the_demo_data() {
    let t = TestApp::new().await;
    let demo = {
        let key = renda_api::deputies::personal::PersonalDataKey::new(&t.config.data_key);
        let mut conn = t.db.conn();
        renda_api::demo::load(&mut conn, &key).unwrap();
        // Loading twice adds nothing (the suggestions are counted below).
        renda_api::demo::load(&mut conn, &key).unwrap()
    };
    let office = t.user("office", Role::Staff, demo.township, None).await;
    let deputy = t
        .user(
            "deputy",
            Role::Deputy,
            demo.township,
            Some(demo.sample_deputy),
        )
        .await;
    let path = format!(
        "/api/v1/performance-records/{}?year=2022",
        demo.sample_deputy
    );
    let r: PerformanceRecord = t.get(&path, &deputy).await.typed(200);
    let c = &r.counts;
    // The first session, where the sample deputy had leave approved beforehand; the
    // training, research, forum, dual-contact visit, reception and liaison days attended.
    assert_eq!(c.get(Metric::SessionsInvited), 1);
    assert_eq!(c.get(Metric::SessionsAttended), 0);
    assert_eq!(c.get(Metric::SessionsOnLeave), 1);
    assert_eq!(c.get(Metric::Trainings), 1);
    assert_eq!(c.get(Metric::ReceptionDays), 3);
    // Two suggestions led (the first and the thirteenth), one co-signed; both answered A/B.
    assert_eq!(c.get(Metric::SuggestionsLed), 2);
    assert_eq!(c.get(Metric::SuggestionsCosigned), 1);
    assert_eq!(c.get(Metric::SuggestionsAccepted), 2);
    assert_eq!(c.get(Metric::SuggestionsResolved), 2);
    // One approved entry (the pending and the rejected ones do not count).
    assert_eq!(c.get(Metric::EntriesApproved), 1);
    // The duty-report meeting: 38 + 5 satisfied of 44 valid ballots.
    assert_eq!(c.get(Metric::DutyReports), 1);
    assert_eq!((c.ballots_satisfied, c.ballots_valid), (43, 44));
    assert_eq!(r.rates[&RateMetric::DutyReportSatisfaction], 97.73);
    // The office sees the whole township: 32 suggestions led in 2022 in all.
    let term: uuid::Uuid = {
        use renda_api::schema::terms;
        let mut conn = t.db.conn();
        terms::table
            .filter(terms::congress_id.eq(demo.township))
            .select(terms::id)
            .first(&mut conn)
            .unwrap()
    };
    let all = t
        .get(
            &format!("/api/v1/performance-records?term_id={term}&year=2022&limit=200"),
            &office,
        )
        .await
        .ok(200);
    let led: u64 = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row["counts"]["counts"]["suggestions_led"]
                .as_u64()
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(led, 32, "{all}");
}

#[actix_web::test]
async fn the_demo_runs_2022_and_the_presidium_confirms_outstanding_deputies_and_groups() {
    use renda_api::schema::users;
    use renda_openapi::{AwardKind, AwardPage, AwardStatus};
    let t = TestApp::new().await;
    let key = renda_api::deputies::personal::PersonalDataKey::new(&t.config.data_key);
    let demo = renda_api::demo::load(&mut t.db.conn(), &key).unwrap();
    let office = t.user("office", Role::Staff, demo.township, None).await;
    t.user("presidium", Role::Presidium, demo.township, None)
        .await;
    let id_of = |name: &str| -> uuid::Uuid {
        users::table
            .filter(users::username.eq(name))
            .select(users::id)
            .first(&mut t.db.conn())
            .unwrap()
    };
    let (o, p) = (id_of("office"), id_of("presidium"));
    renda_api::demo::assessment::load(&mut t.db.conn(), &demo, o, p).unwrap();
    // Loading again adds no second run.
    renda_api::demo::assessment::load(&mut t.db.conn(), &demo, o, p).unwrap();
    let runs = t.get("/api/v1/assessment-runs", &office).await.ok(200);
    let runs = runs["items"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(runs[0]["status"], "frozen");
    let path = format!("/api/v1/awards?congress_id={}&limit=100", demo.township);
    let awards: AwardPage = t.get(&path, &office).await.typed(200);
    let count = |kind: AwardKind| {
        awards
            .items
            .iter()
            .filter(|a| a.kind == kind && a.status == AwardStatus::Confirmed)
            .count()
    };
    // 20 % of the 60 township deputies, the chairperson and vice-chairperson excluded.
    assert_eq!(count(AwardKind::OutstandingDeputy), 12);
    assert_eq!(count(AwardKind::OutstandingGroup), 3);
    assert!(awards
        .items
        .iter()
        .all(|a| a.document_no.as_deref() == Some(renda_api::demo::assessment::AWARD_DOCUMENT)));
}
