//! The demo township: a year of activities like the seed's.

use renda_openapi::Role;
use renda_tests::*;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn the_demo_township_has_a_year_of_activities_like_the_seed() {
    let t = TestApp::new().await;
    let demo = {
        let key = renda_api::deputies::personal::PersonalDataKey::new(&t.config.data_key);
        let mut conn = t.db.conn();
        renda_api::demo::load(&mut conn, &key).unwrap();
        // Idempotent: a second load adds nothing.
        renda_api::demo::load(&mut conn, &key).unwrap()
    };
    let town = demo.township;
    let office = t.user("office", Role::Staff, town, None).await;
    let year = t
        .get(
            &format!("/api/v1/activities?congress_id={town}&from=2022-01-01&to=2022-12-31"),
            &office,
        )
        .await
        .ok(200);
    let year = year.as_array().unwrap();
    let session = year.iter().find(|a| a["kind"] == "session").unwrap();
    assert_eq!(session["date"], "2022-01-25");
    assert_eq!(session["attendance_counts"]["attending"], 91, "{session}");
    let q = t
        .get(
            &format!("/api/v1/activities/{}/quorum", id(session)),
            &office,
        )
        .await
        .ok(200);
    assert_eq!(q["in_office"], 60);
    assert_eq!(q["attending"], 58);
    assert_eq!(q["on_leave"], 2);
    assert_eq!(q["total_attending"], 91);
    assert_eq!(q["valid"], true);
    let o = t
        .get(
            &format!("/api/v1/activities/{}/outcome", id(session)),
            &office,
        )
        .await
        .ok(200);
    assert_eq!(o["presidium"].as_array().unwrap().len(), 2);
    assert!(o["agenda"][0]["votes"][0]["passed"].as_bool().unwrap());
    let dates_of = |kind: &str| -> Vec<String> {
        year.iter()
            .filter(|a| a["kind"] == kind)
            .map(|a| a["date"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(dates_of("training"), vec!["2022-02-22", "2022-09-05"]);
    assert_eq!(dates_of("research"), vec!["2022-04-12", "2022-06-09"]);
    assert_eq!(dates_of("inspection"), vec!["2022-11-01"]);
    assert_eq!(dates_of("forum").len(), 1);
    assert_eq!(dates_of("dual_contact_visit").len(), 5);
    // Reception days on the 26th and 27th, the liaison day on the 28th, every month.
    let june = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-06"),
            &office,
        )
        .await
        .ok(200);
    let june: Vec<(String, String)> = june
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["virtual_occurrence"] == true)
        .map(|e| {
            (
                e["kind"].as_str().unwrap().into(),
                e["date"].as_str().unwrap().into(),
            )
        })
        .collect();
    // The 26th and the 28th were held (taken out of their series); the 27th stays the rule's.
    assert_eq!(
        june,
        vec![("reception_day".to_string(), "2022-06-27".to_string())]
    );
    let feb = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-02&kind=reception_day"),
            &office,
        )
        .await
        .ok(200);
    assert_eq!(feb[0]["status"], "summarised");
    assert_eq!(feb[0]["virtual_occurrence"], false);
    assert_eq!(feb[1]["date"], "2022-02-27");
    let rates = t
        .get(
            &format!("/api/v1/attendance-rates?congress_id={town}&group_by=deputy_group"),
            &office,
        )
        .await
        .ok(200);
    assert_eq!(rates.as_array().unwrap().len(), 5);
    // The annual report's counts: by month and kind, from the data.
    let counts = t
        .get(
            &format!("/api/v1/activity-counts?congress_id={town}&year=2022"),
            &office,
        )
        .await
        .ok(200);
    let find = |month: u64, kind: &str| {
        counts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["month"] == month && c["kind"] == kind)
            .cloned()
            .unwrap_or_else(|| panic!("no {kind} in {month}: {counts}"))
    };
    assert_eq!(find(1, "session")["attending"], 91);
    assert_eq!(find(2, "training")["held"], 1);
    assert_eq!(find(9, "training")["deputies_attending"], 16);
    assert_eq!(find(3, "reception_day")["held"], 1);
    let held_of = |kind: &str| -> i64 {
        counts
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == kind)
            .map(|c| c["held"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(
        held_of("reception_day"),
        11,
        "the 26th, February to December"
    );
    assert_eq!(held_of("liaison_day"), 11, "the 28th, February to December");
    assert_eq!(find(12, "reception_day")["deputies_attending"], 3);
    t.get("/api/v1/activity-counts?year=1800", &office)
        .await
        .problem(422);
    let deputy = t
        .user("dep", Role::Deputy, town, Some(demo.sample_deputy))
        .await;
    t.get("/api/v1/activity-counts?year=2022", &deputy)
        .await
        .problem(403);
    // The sample deputy sees the session with their approved leave.
    let mine = t
        .get(
            &format!("/api/v1/deputies/{}/activities", demo.sample_deputy),
            &deputy,
        )
        .await
        .ok(200);
    let session = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "session")
        .unwrap();
    assert_eq!(session["attendance"], "on_leave");
    assert_eq!(session["leave"], "approved");
}
