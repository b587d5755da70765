//! Credentials flags (R10; DL 62): two unexcused absences from sessions flag the mandate.

use super::fixtures::{activity, create, invite_all, mark, session, town, Town};
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;
use uuid::Uuid;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn r10_two_unexcused_absences_from_sessions_flag_the_mandate_without_terminating() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(5).await;
    let first = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    let mut second_body = session(town, term, "2022-12-20T09:00:00+08:00");
    second_body["title"] = json!("第十届人民代表大会第二次会议");
    second_body["session_number"] = json!(2);
    let second = id(&create(&t, second_body).await);
    invite_all(&t, first, town).await;
    invite_all(&t, second, town).await;
    // A training absence never counts for DL 62.
    let training = id(&create(
        &t,
        activity(
            town,
            "training",
            "培训",
            "2022-03-01T09:00:00+08:00",
            "2022-03-01T10:00:00+08:00",
        ),
    )
    .await);
    invite_all(&t, training, town).await;
    mark(&t, training, &deputies[..1], "absent").await;
    let r = mark(&t, first, &deputies[..1], "absent").await;
    assert_eq!(r["flags_raised"].as_array().unwrap().len(), 0);
    let r = mark(&t, second, &deputies[..1], "absent").await;
    let flags = r["flags_raised"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{r}");
    let flag = &flags[0];
    assert_eq!(flag["deputy_id"], json!(deputies[0]));
    let named: Vec<Uuid> = flag["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(id)
        .collect();
    assert_eq!(named, vec![first, second]);
    assert!(flag["reason"].as_str().unwrap().contains("第二次会议"));
    // Nothing is terminated.
    let d = t
        .get(&format!("/api/v1/deputies/{}", deputies[0]), &t.admin)
        .await
        .ok(200);
    assert_eq!(d["mandates"][0]["status"], "active");
    assert_eq!(d["mandates"][0]["credentials_flags"][0]["id"], flag["id"]);
    // Recording again raises nothing new; the list shows the open flag.
    let r = mark(&t, second, &deputies[..1], "absent").await;
    assert_eq!(r["flags_raised"].as_array().unwrap().len(), 0);
    let list = t.get("/api/v1/credentials-flags", &t.admin).await.ok(200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    // A deputy absent once and late once is not flagged.
    mark(&t, first, &deputies[1..2], "absent").await;
    let r = mark(&t, second, &deputies[1..2], "late").await;
    assert_eq!(r["flags_raised"].as_array().unwrap().len(), 0);
    // Staff clear it with a note; a deputy cannot.
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    let own = t.get("/api/v1/credentials-flags", &deputy).await.ok(200);
    assert_eq!(own.as_array().unwrap().len(), 1);
    let clear = format!("/api/v1/credentials-flags/{}/clear", id(flag));
    t.post(&clear, &deputy, json!({"note": "x"}))
        .await
        .problem(403);
    t.post(&clear, &t.admin, json!({"note": ""}))
        .await
        .problem(422);
    let cleared = t
        .post(
            &clear,
            &t.admin,
            json!({"note": "经资格审查委员会审查，两次缺席系因公出差，已补办手续。"}),
        )
        .await
        .ok(200);
    assert!(cleared["cleared_at"].is_string());
    t.post(&clear, &t.admin, json!({"note": "again"}))
        .await
        .problem(409);
    assert_eq!(
        t.get("/api/v1/credentials-flags", &t.admin).await.ok(200),
        json!([])
    );
    let all = t
        .get("/api/v1/credentials-flags?include_cleared=true", &t.admin)
        .await
        .ok(200);
    assert_eq!(all.as_array().unwrap().len(), 1);
}
