//! Leave requests (R12; DL 13): asked by the deputy, approved before the start.

use super::fixtures::{create, invite_all, mark, session, shift_to, town, Town};
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn r12_leave_is_asked_by_the_deputy_and_approved_before_the_start() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(3).await;
    let (me, other) = (deputies[0], deputies[1]);
    let s = create(&t, session(town, term, "2099-01-25T09:00:00+08:00")).await;
    let s = id(&s);
    invite_all(&t, s, town).await;
    let deputy = t.user("dep", Role::Deputy, town, Some(me)).await;
    let leave = format!("/api/v1/activities/{s}/leave-requests");
    // A deputy asks only for themself.
    t.post(
        &leave,
        &deputy,
        json!({"deputy_id": other, "reason": "出差"}),
    )
    .await
    .problem(403);
    t.post(&leave, &deputy, json!({"reason": ""}))
        .await
        .problem(422);
    let mine = t
        .post(&leave, &deputy, json!({"reason": "外出学习"}))
        .await
        .ok(201);
    assert_eq!(mine["status"], "pending");
    t.post(&leave, &deputy, json!({"reason": "again"}))
        .await
        .problem(409);
    // The deputy cannot approve it; staff can.
    let decide = format!("/api/v1/leave-requests/{}/decision", id(&mine));
    t.post(&decide, &deputy, json!({"approve": true}))
        .await
        .problem(403);
    let queue = t
        .get("/api/v1/leave-requests?status=pending", &t.admin)
        .await
        .ok(200);
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["id"], mine["id"]);
    let approved = t
        .post(&decide, &t.admin, json!({"approve": true, "note": "同意"}))
        .await
        .ok(200);
    assert_eq!(approved["status"], "approved");
    let own = t
        .get(&format!("/api/v1/activities/{s}/attendance"), &deputy)
        .await
        .ok(200);
    assert_eq!(
        own.as_array().unwrap().len(),
        1,
        "a deputy sees only their own row"
    );
    assert_eq!(own[0]["status"], "on_leave");
    assert_eq!(own[0]["leave"]["status"], "approved");
    // Without approved leave, on_leave is refused per row.
    let r = mark(&t, s, &[other], "on_leave").await;
    assert_eq!(r["results"][0]["errors"][0]["code"], "leave_not_approved");
    // Nobody is absent before the start, nor signed in more than a day early.
    let r = mark(&t, s, &[other], "absent").await;
    assert_eq!(r["results"][0]["errors"][0]["code"], "not_started");
    let r = mark(&t, s, &[other], "present").await;
    assert_eq!(r["results"][0]["errors"][0]["code"], "too_early");
    // Staff record a request for the other deputy; then time passes beyond the start
    // (the API no longer lets an attended meeting move): approval after the start is
    // refused and the absence stands.
    let theirs = t
        .post(
            &leave,
            &t.admin,
            json!({"deputy_id": other, "reason": "生病"}),
        )
        .await
        .ok(201);
    shift_to(&t, s, "2022-01-25T09:00:00+08:00");
    let p = t
        .post(
            &format!("/api/v1/leave-requests/{}/decision", id(&theirs)),
            &t.admin,
            json!({"approve": true}),
        )
        .await
        .problem(409);
    assert!(p["detail"].as_str().unwrap().contains("会前"));
    let r = mark(&t, s, &[other], "on_leave").await;
    assert_eq!(r["failed"], 1);
    let r = mark(&t, s, &[other], "absent").await;
    assert_eq!(r["recorded"], 1);
    // And no new request once it started.
    t.post(&leave, &deputy, json!({"reason": "late"}))
        .await
        .problem(409);
}
