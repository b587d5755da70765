//! Roles, scope and the attendance views: a deputy's activities and the attendance rates.

use super::fixtures::{activity, create, invite_all, mark, session, town, Town};
use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;
use uuid::Uuid;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn roles_scope_and_views_per_deputy_activity_and_rates() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(4).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    let training = id(&create(
        &t,
        activity(
            town,
            "training",
            "培训",
            "2022-02-22T09:00:00+08:00",
            "2022-02-22T11:00:00+08:00",
        ),
    )
    .await);
    t.post(
        &format!("/api/v1/activities/{training}/invitations"),
        &t.admin,
        json!({"deputy_ids": [deputies[1], deputies[2]]}),
    )
    .await
    .ok(200);
    mark(&t, s, &deputies[..3], "present").await;
    mark(&t, s, &deputies[3..], "absent").await;
    mark(&t, training, &deputies[1..2], "late").await;
    mark(&t, training, &deputies[2..3], "absent").await;
    for a in [s, training] {
        t.post(
            &format!("/api/v1/activities/{a}/status"),
            &t.admin,
            json!({"status": "held"}),
        )
        .await
        .ok(200);
    }
    // A method a path lacks answers 405 naming the ones it has.
    let r = t
        .call(
            Method::DELETE,
            &format!("/api/v1/activities/{s}"),
            Some(&t.admin),
            None,
            &[],
        )
        .await;
    r.problem(405);
    assert!(r
        .header("allow")
        .is_some_and(|a| a.contains("GET") && a.contains("PUT")));
    // Handling organisations see nothing of this area.
    let org = t.user("org", Role::HandlingOrg, town, None).await;
    t.get("/api/v1/calendar?month=2022-01", &org)
        .await
        .problem(403);
    t.get(&format!("/api/v1/activities/{s}"), &org)
        .await
        .problem(403);
    // A deputy sees only what they are invited to, and writes nothing.
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&from=2022-01-01&to=2022-03-31"),
            &deputy,
        )
        .await
        .ok(200);
    assert_eq!(cal.as_array().unwrap().len(), 1);
    assert_eq!(cal[0]["my_attendance"], "present");
    t.get(&format!("/api/v1/activities/{training}"), &deputy)
        .await
        .problem(404);
    t.post(
        "/api/v1/activities",
        &deputy,
        activity(
            town,
            "forum",
            "x",
            "2022-01-01T00:00:00Z",
            "2022-01-01T01:00:00Z",
        ),
    )
    .await
    .problem(403);
    mark_as(&t, &deputy, s, deputies[0]).await.problem(403);
    t.get(
        &format!("/api/v1/deputies/{}/activities", deputies[1]),
        &deputy,
    )
    .await
    .problem(403);
    // Presidium members read everything.
    let presidium = t.user("pres", Role::Presidium, town, None).await;
    let all = t
        .get(
            &format!("/api/v1/activities?congress_id={town}&from=2022-01-01&to=2022-03-31"),
            &presidium,
        )
        .await
        .ok(200);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["attendance_counts"]["present"], 3);
    // Per deputy: every activity and their attendance.
    let mine = t
        .get(
            &format!("/api/v1/deputies/{}/activities", deputies[1]),
            &presidium,
        )
        .await
        .ok(200);
    assert_eq!(mine.as_array().unwrap().len(), 2);
    assert_eq!(mine[0]["attendance"], "late");
    assert_eq!(mine[1]["attendance"], "present");
    // Rates by deputy, and by term.
    let rates = t
        .get(
            &format!("/api/v1/attendance-rates?congress_id={town}"),
            &t.admin,
        )
        .await
        .ok(200);
    let r1 = rates
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == json!(deputies[2]))
        .unwrap();
    assert_eq!(r1["invited"], 2);
    assert_eq!(r1["rate"], 0.5);
    let by_term = t
        .get(
            &format!("/api/v1/attendance-rates?group_by=term&term_id={term}"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(by_term[0]["invited"], 6);
    assert_eq!(by_term[0]["present"], 3);
    assert_eq!(by_term[0]["late"], 1);
    assert_eq!(by_term[0]["rate"], 0.6667);
    assert!(by_term[0]["name"].as_str().unwrap().contains("第10届"));
    let own = t.get("/api/v1/attendance-rates", &deputy).await.ok(200);
    assert_eq!(own.as_array().unwrap().len(), 1);
}

async fn mark_as(t: &TestApp, token: &str, activity: Uuid, deputy: Uuid) -> Res {
    t.post(
        &format!("/api/v1/activities/{activity}/attendance"),
        token,
        json!({"entries": [{"deputy_id": deputy, "status": "present"}]}),
    )
    .await
}
