//! Scope keeps townships apart; invitations by deputy group; retried creates are safe.

use super::fixtures::{activity, town, Town};
use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;
use uuid::Uuid;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn scope_keeps_townships_apart_and_invitations_by_group_and_retries_are_safe() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(4).await;
    let other = t.township("店上乡人民代表大会").await;
    let staff_other = t.user("other", Role::Staff, other, None).await;
    let staff = t.user("office", Role::Staff, town, None).await;
    let body = activity(
        town,
        "forum",
        "座谈会",
        "2022-03-15T09:00:00+08:00",
        "2022-03-15T11:00:00+08:00",
    );
    let r = t
        .call(
            Method::POST,
            "/api/v1/activities",
            Some(&staff),
            Some(&body),
            &[("Idempotency-Key", "forum-0315")],
        )
        .await;
    let a = r.ok(201);
    let again = t
        .call(
            Method::POST,
            "/api/v1/activities",
            Some(&staff),
            Some(&body),
            &[("Idempotency-Key", "forum-0315")],
        )
        .await
        .ok(201);
    assert_eq!(again["id"], a["id"], "a retry returns the first activity");
    let a = id(&a);
    // Another township's staff neither see nor change it, nor plan in this township.
    t.get(&format!("/api/v1/activities/{a}"), &staff_other)
        .await
        .problem(404);
    assert_eq!(
        t.get(
            "/api/v1/calendar?from=2022-03-01&to=2022-03-31",
            &staff_other
        )
        .await
        .ok(200),
        json!([])
    );
    t.post("/api/v1/activities", &staff_other, body.clone())
        .await
        .problem(422);
    t.post(
        &format!("/api/v1/activities/{a}/invitations"),
        &staff_other,
        json!({"deputy_ids": [deputies[0]]}),
    )
    .await
    .problem(404);
    // Invite a deputy group: its members, not the others.
    let group = t
        .post(
            "/api/v1/deputy-groups",
            &staff,
            json!({"congress_id": town, "name": "东兆通片代表小组"}),
        )
        .await
        .ok(201);
    for d in &deputies[..3] {
        let dep = t.get(&format!("/api/v1/deputies/{d}"), &staff).await;
        let m = &dep.json()["mandates"][0];
        let etag = format!("\"{}\"", m["version"]);
        t.put(
            &format!("/api/v1/mandates/{}", m["id"].as_str().unwrap()),
            &staff,
            &etag,
            json!({"term_id": term, "deputy_group_id": id(&group)}),
        )
        .await
        .ok(200);
    }
    let r = t
        .post(
            &format!("/api/v1/activities/{a}/invitations"),
            &staff,
            json!({"deputy_group_id": id(&group)}),
        )
        .await
        .ok(200);
    assert_eq!(r["invited_members"], 3);
    let r = t
        .post(
            &format!("/api/v1/activities/{a}/invitations"),
            &staff,
            json!({"deputy_ids": [deputies[0], deputies[3]]}),
        )
        .await
        .ok(200);
    assert_eq!(r["already_invited"], 1);
    assert_eq!(r["invited_members"], 1);
    // Invitations of someone outside the scope name the entry.
    let p = t
        .post(
            &format!("/api/v1/activities/{a}/invitations"),
            &staff,
            json!({"deputy_ids": [Uuid::now_v7()]}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/deputy_ids/0");
    // An invitation made by mistake is withdrawn while nothing is recorded for it.
    let list = t
        .get(&format!("/api/v1/activities/{a}/attendance"), &staff)
        .await
        .ok(200);
    assert_eq!(list.as_array().unwrap().len(), 4);
    let (first, second) = (id(&list[0]), id(&list[1]));
    t.post(
        &format!("/api/v1/activities/{a}/attendance"),
        &staff,
        json!({"entries": [{"attendance_id": second, "status": "present"}]}),
    )
    .await
    .ok(200);
    let delete = |x: Uuid, token: String| {
        let t = &t;
        async move {
            t.call(
                Method::DELETE,
                &format!("/api/v1/attendances/{x}"),
                Some(&token),
                None,
                &[],
            )
            .await
        }
    };
    delete(first, staff_other.clone()).await.problem(404);
    delete(first, staff.clone()).await.ok(204);
    delete(second, staff.clone()).await.problem(409);
    let list = t
        .get(&format!("/api/v1/activities/{a}/attendance"), &staff)
        .await
        .ok(200);
    assert_eq!(list.as_array().unwrap().len(), 3);
}
