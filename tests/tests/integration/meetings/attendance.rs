//! Attendance: 500 deputies in one request, stale versions refused, and syncs that see
//! attendance.

use super::fixtures::{activity, create, invite_all, quorum, session, town, Town};
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

#[actix_web::test]
async fn bulk_attendance_of_500_deputies_in_one_request() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(500).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    assert_eq!(invite_all(&t, s, town).await["invited_members"], 500);
    let mut entries: Vec<Value> = deputies
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({"deputy_id": d, "status": if i % 10 == 0 { "absent" } else { "present" },
                   "checked_in_at": "2022-01-25T08:45:00+08:00"})
        })
        .collect();
    let r = t
        .post(
            &format!("/api/v1/activities/{s}/attendance"),
            &t.admin,
            json!({"entries": entries}),
        )
        .await
        .ok(200);
    assert_eq!(r["recorded"], 500);
    assert_eq!(r["failed"], 0);
    let q = quorum(&t, s).await;
    assert_eq!(q["attending"], 450);
    assert_eq!(q["absent"], 50);
    assert_eq!(q["valid"], true);
    // One entry for someone not invited fails alone; over 1,000 entries are refused.
    entries.truncate(2);
    entries.push(json!({"deputy_id": Uuid::now_v7(), "status": "present"}));
    let r = t
        .post(
            &format!("/api/v1/activities/{s}/attendance"),
            &t.admin,
            json!({"entries": entries}),
        )
        .await
        .ok(200);
    assert_eq!(r["recorded"], 2);
    assert_eq!(r["results"][2]["errors"][0]["code"], "not_invited");
    assert_eq!(
        r["results"][2]["errors"][0]["pointer"],
        "/entries/2/deputy_id"
    );
    let many: Vec<Value> = (0..1001)
        .map(|_| json!({"deputy_id": deputies[0], "status": "present"}))
        .collect();
    t.post(
        &format!("/api/v1/activities/{s}/attendance"),
        &t.admin,
        json!({"entries": many}),
    )
    .await
    .problem(422);
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn attendance_entries_with_a_stale_version_are_refused_and_syncs_see_attendance() {
    let Town {
        t, town, deputies, ..
    } = town(3).await;
    let a = id(&create(
        &t,
        activity(
            town,
            "training",
            "代表履职培训",
            "2022-03-10T09:00:00+08:00",
            "2022-03-10T11:00:00+08:00",
        ),
    )
    .await);
    invite_all(&t, a, town).await;
    let list = t
        .get(&format!("/api/v1/activities/{a}/attendance"), &t.admin)
        .await
        .ok(200);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["deputy_id"] == json!(deputies[0]))
        .unwrap()
        .clone();
    let v = row["version"].as_i64().unwrap();
    let path = format!("/api/v1/activities/{a}/attendance");
    // The first clerk records with the version read; the second, who read the same
    // version, is refused for that entry while their other entry goes through.
    let first = t
        .post(
            &path,
            &t.admin,
            json!({"entries": [{"deputy_id": deputies[0], "status": "present", "version": v}]}),
        )
        .await
        .ok(200);
    assert_eq!(first["recorded"], 1, "{first}");
    let second = t
        .post(
            &path,
            &t.admin,
            json!({"entries": [
                {"deputy_id": deputies[0], "status": "late", "version": v},
                {"deputy_id": deputies[1], "status": "present"}
            ]}),
        )
        .await
        .ok(200);
    assert_eq!(second["recorded"], 1, "{second}");
    assert_eq!(second["results"][0]["ok"], false);
    assert_eq!(
        second["results"][0]["errors"][0]["code"],
        "version_mismatch"
    );
    assert_eq!(
        second["results"][0]["errors"][0]["pointer"],
        "/entries/0/version"
    );
    let list = t.get(&path, &t.admin).await.ok(200);
    let now = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["deputy_id"] == json!(deputies[0]))
        .unwrap();
    assert_eq!(now["status"], "present");
    assert_eq!(now["version"].as_i64().unwrap(), v + 1);

    // updated_since: the activity reappears after attendance is recorded; it cannot be
    // mixed with a range, and the calendar refuses it.
    let before = t
        .get(&format!("/api/v1/activities/{a}"), &t.admin)
        .await
        .ok(200)["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    let since = encode_uri(&before);
    let changed = t
        .get(
            &format!("/api/v1/activities?updated_since={since}"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(changed.as_array().unwrap().len(), 1, "{changed}");
    assert_eq!(changed[0]["id"], json!(a));
    let later = t
        .get(
            "/api/v1/activities?updated_since=2099-01-01T00:00:00Z",
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(later, json!([]));
    t.post(
        &path,
        &t.admin,
        json!({"entries": [{"deputy_id": deputies[2], "status": "absent"}]}),
    )
    .await
    .ok(200);
    let after = t
        .get(
            &format!("/api/v1/activities?updated_since={since}"),
            &t.admin,
        )
        .await
        .ok(200);
    assert!(
        after[0]["updated_at"].as_str().unwrap() > before.as_str(),
        "{after}"
    );
    let p = t
        .get(
            &format!("/api/v1/activities?updated_since={since}&month=2022-03"),
            &t.admin,
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?updated_since");
    t.get(&format!("/api/v1/calendar?updated_since={since}"), &t.admin)
        .await
        .problem(422);
}
