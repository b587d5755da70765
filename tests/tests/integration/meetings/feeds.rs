//! iCalendar feeds: they need only their token and can be revoked.

use super::fixtures::{activity, create, invite_all, session, town, Town};
use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn ics_feeds_need_only_their_token_and_can_be_revoked() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(2).await;
    let today = chrono::Utc::now().date_naive();
    let soon = |d: i64| format!("{}T09:00:00+08:00", today + chrono::Duration::days(d));
    let s = create(&t, session(town, term, &soon(10))).await;
    invite_all(&t, id(&s), town).await;
    create(&t, activity(town, "forum", "座谈会", &soon(20), &soon(20))).await;
    let feed = t
        .post(
            "/api/v1/calendar-feeds",
            &t.admin,
            json!({"congress_id": town}),
        )
        .await
        .ok(201);
    let path = feed["path"].as_str().unwrap().to_string();
    assert!(path.starts_with("/api/v1/calendar/") && path.ends_with(".ics"));
    let r = t.call(Method::GET, &path, None, None, &[]).await;
    assert_eq!(r.status.as_u16(), 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/calendar"));
    let body = String::from_utf8(r.bytes.clone()).unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR"), "{body}");
    assert!(body.contains("SUMMARY:第十届人民代表大会第一次会议"));
    assert!(body.contains("SUMMARY:座谈会"));
    // A deputy subscribes to their own invitations only.
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    t.post(
        "/api/v1/calendar-feeds",
        &deputy,
        json!({"congress_id": town, "deputy_id": deputies[1]}),
    )
    .await
    .problem(403);
    t.post(
        "/api/v1/calendar-feeds",
        &deputy,
        json!({"congress_id": town}),
    )
    .await
    .problem(403);
    let own = t
        .post(
            "/api/v1/calendar-feeds",
            &deputy,
            json!({"congress_id": town, "deputy_id": deputies[0]}),
        )
        .await
        .ok(201);
    let r = t
        .call(Method::GET, own["path"].as_str().unwrap(), None, None, &[])
        .await;
    let body = String::from_utf8(r.bytes.clone()).unwrap();
    assert!(body.contains("第十届人民代表大会第一次会议"));
    assert!(!body.contains("座谈会"), "not invited to the forum");
    // The token is stored hashed; listing never shows it; revoked feeds answer 404.
    let listed = t.get("/api/v1/calendar-feeds", &t.admin).await.ok(200);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["path"].is_null()));
    t.call(
        Method::GET,
        "/api/v1/calendar/not-a-token.ics",
        None,
        None,
        &[],
    )
    .await
    .problem(404);
    t.call(
        Method::DELETE,
        &format!("/api/v1/calendar-feeds/{}", id(&feed)),
        Some(&t.admin),
        None,
        &[],
    )
    .await
    .ok(204);
    t.call(Method::GET, &path, None, None, &[])
        .await
        .problem(404);
}
