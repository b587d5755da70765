//! Congress sessions: the quorum (R3), votes (R4), deputies terminated or suspended mid-term,
//! temporary sessions (R2) and the yearly check of R2.

use super::fixtures::{activity, create, invite_all, mark, quorum, session, town, Town};
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};

#[actix_web::test]
async fn r3_quorum_is_valid_at_exactly_two_thirds() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(60).await;
    let s = create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await;
    let s = id(&s);
    let inv = invite_all(&t, s, town).await;
    assert_eq!(inv["invited_members"], 60);
    // 39 present and one late make 40 = exactly 2/3 of 60.
    mark(&t, s, &deputies[..39], "present").await;
    mark(&t, s, &deputies[39..40], "late").await;
    mark(&t, s, &deputies[40..], "absent").await;
    let q = quorum(&t, s).await;
    assert_eq!(q["in_office"], 60);
    assert_eq!(q["attending"], 40);
    assert_eq!(q["required"], 40);
    assert_eq!(q["valid"], true, "{q}");
    assert!(q["explanation"].as_str().unwrap().contains("三分之二"));
    // One fewer: 39 of 60 is below 2/3.
    mark(&t, s, &deputies[39..40], "absent").await;
    let q = quorum(&t, s).await;
    assert_eq!(q["attending"], 39);
    assert_eq!(q["valid"], false);
    assert!(q["explanation"].as_str().unwrap().contains("不足法定人数"));
    // Observers (列席) are in the room but never count for the quorum.
    t.post(
        &format!("/api/v1/activities/{s}/invitations"),
        &t.admin,
        json!({"observers": [{"name": "李局长", "affiliation": "镇财政所"}]}),
    )
    .await
    .ok(200);
    let list = t
        .get(&format!("/api/v1/activities/{s}/attendance"), &t.admin)
        .await
        .ok(200);
    let guest = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "李局长")
        .unwrap()
        .clone();
    assert_eq!(guest["capacity"], "observer");
    t.post(
        &format!("/api/v1/activities/{s}/attendance"),
        &t.admin,
        json!({"entries": [{"attendance_id": guest["id"], "status": "present"}]}),
    )
    .await
    .ok(200);
    let q = quorum(&t, s).await;
    assert_eq!(q["valid"], false);
    assert_eq!(q["observers_attending"], 1);
    assert_eq!(q["total_attending"], 40);
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn r4_a_vote_of_exactly_half_of_all_deputies_fails() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(60).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    // No vote without a quorum (R3).
    let item = t
        .post(
            &format!("/api/v1/activities/{s}/agenda-items"),
            &t.admin,
            json!({"title": "关于镇人民政府工作报告的决议", "kind": "resolution"}),
        )
        .await
        .ok(201);
    let votes = format!("/api/v1/agenda-items/{}/votes", id(&item));
    mark(&t, s, &deputies[..39], "present").await;
    let p = t
        .post(
            &votes,
            &t.admin,
            json!({"subject": "决议", "yes": 39, "no": 0, "abstain": 0}),
        )
        .await
        .problem(409);
    assert!(p["detail"].as_str().unwrap().contains("法定人数"));
    mark(&t, s, &deputies[39..45], "present").await;
    // 30 of 60 is exactly half: not more than half of ALL deputies (45 present).
    let v = t
        .post(
            &votes,
            &t.admin,
            json!({"subject": "决议", "yes": 30, "no": 10, "abstain": 5}),
        )
        .await
        .ok(201);
    assert_eq!(v["passed"], false, "{v}");
    assert_eq!(v["in_office"], 60);
    assert_eq!(v["required"], 31);
    assert!(v["explanation"].as_str().unwrap().contains("恰为"));
    let v = t
        .post(
            &votes,
            &t.admin,
            json!({"subject": "决议", "yes": 31, "no": 9, "abstain": 5}),
        )
        .await
        .ok(201);
    assert_eq!(v["passed"], true);
    assert!(v["explanation"].as_str().unwrap().contains("通过"));
    // More votes than deputies present is refused.
    t.post(
        &votes,
        &t.admin,
        json!({"subject": "决议", "yes": 40, "no": 6, "abstain": 0}),
    )
    .await
    .problem(422);
    // The presidium elected at the session.
    let election = t
        .post(
            &format!("/api/v1/activities/{s}/agenda-items"),
            &t.admin,
            json!({"title": "选举镇人大主席、副主席", "kind": "election"}),
        )
        .await
        .ok(201);
    let ev = format!("/api/v1/agenda-items/{}/votes", id(&election));
    t.post(
        &ev,
        &t.admin,
        json!({"subject": "赵青社", "yes": 44, "no": 1, "abstain": 0}),
    )
    .await
    .problem(422);
    t.post(
        &ev,
        &t.admin,
        json!({"subject": "赵青社", "office": "chairperson", "candidate_deputy_id": deputies[0], "yes": 44, "no": 1, "abstain": 0}),
    )
    .await
    .ok(201);
    t.post(
        &ev,
        &t.admin,
        json!({"subject": "钱某", "office": "vice_chairperson", "yes": 30, "no": 15, "abstain": 0}),
    )
    .await
    .ok(201);
    let o = t
        .get(&format!("/api/v1/activities/{s}/outcome"), &t.admin)
        .await
        .ok(200);
    assert_eq!(o["quorum"]["valid"], true);
    assert_eq!(o["agenda"].as_array().unwrap().len(), 2);
    let presidium = o["presidium"].as_array().unwrap();
    assert_eq!(presidium.len(), 1, "{o}");
    assert_eq!(presidium[0]["name"], "赵青社");
    assert_eq!(presidium[0]["office"], "chairperson");
}

#[actix_web::test]
async fn r3_r4_deputies_terminated_mid_term_stop_counting_and_suspended_ones_count() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(60).await;
    let mandate = |d: Value| d["mandates"][0]["id"].as_str().unwrap().to_string();
    let d0 = t
        .get(&format!("/api/v1/deputies/{}", deputies[0]), &t.admin)
        .await
        .ok(200);
    let d1 = t
        .get(&format!("/api/v1/deputies/{}", deputies[1]), &t.admin)
        .await
        .ok(200);
    let d2 = t
        .get(&format!("/api/v1/deputies/{}", deputies[2]), &t.admin)
        .await
        .ok(200);
    // Resigned on 1 June (before the session), died on 1 August (after it), suspended in May.
    t.post(
        &format!("/api/v1/mandates/{}/status", mandate(d0)),
        &t.admin,
        json!({"status": "terminated", "reason": "resigned", "date": "2022-06-01"}),
    )
    .await
    .ok(200);
    t.post(
        &format!("/api/v1/mandates/{}/status", mandate(d1)),
        &t.admin,
        json!({"status": "terminated", "reason": "died", "date": "2022-08-01"}),
    )
    .await
    .ok(200);
    t.post(
        &format!("/api/v1/mandates/{}/status", mandate(d2)),
        &t.admin,
        json!({"status": "suspended", "reason": "in_custody", "date": "2022-05-01"}),
    )
    .await
    .ok(200);
    let s = id(&create(&t, session(town, term, "2022-07-01T09:00:00+08:00")).await);
    t.post(
        &format!("/api/v1/activities/{s}/invitations"),
        &t.admin,
        json!({"deputy_ids": deputies}),
    )
    .await
    .ok(200);
    let q = quorum(&t, s).await;
    assert_eq!(q["in_office"], 59, "{q}");
    assert_eq!(q["suspended"], 1);
    // A suspended deputy cannot be recorded present (DL 61).
    let r = mark(&t, s, &deputies[2..3], "present").await;
    assert_eq!(r["failed"], 1);
    assert_eq!(r["results"][0]["errors"][0]["code"], "suspended");
    // 2/3 of 59 is 39.33: 40 are needed, and the terminated deputy's attendance is ignored.
    mark(&t, s, &deputies[3..42], "present").await;
    mark(&t, s, &deputies[0..1], "present").await;
    let q = quorum(&t, s).await;
    assert_eq!(q["attending"], 39);
    assert_eq!(q["required"], 40);
    assert_eq!(q["valid"], false);
    mark(&t, s, &deputies[1..2], "present").await;
    let q = quorum(&t, s).await;
    assert_eq!(q["attending"], 40);
    assert_eq!(q["valid"], true);
}

#[actix_web::test]
async fn r2_a_temporary_session_needs_one_fifth_of_deputies() {
    let Town { t, town, term, .. } = town(60).await;
    let mut body = session(town, term, "2022-09-01T09:00:00+08:00");
    body["session_kind"] = json!("temporary");
    body["title"] = json!("临时会议");
    let p = t
        .post("/api/v1/activities", &t.admin, body.clone())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/requested_by_count");
    body["requested_by_count"] = json!(11);
    let p = t
        .post("/api/v1/activities", &t.admin, body.clone())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "too_few_proposers");
    assert!(p["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("五分之一"));
    body["requested_by_count"] = json!(12);
    let s = create(&t, body).await;
    assert_eq!(s["session"]["kind"], "temporary");
    assert_eq!(s["session"]["requested_by_count"], 12);
    // Sessions need a term; other kinds refuse session fields.
    let mut no_term = session(town, term, "2022-09-01T09:00:00+08:00");
    no_term.as_object_mut().unwrap().remove("term_id");
    t.post("/api/v1/activities", &t.admin, no_term)
        .await
        .problem(422);
    let mut training = activity(
        town,
        "training",
        "培训",
        "2022-09-01T09:00:00+08:00",
        "2022-09-01T10:00:00+08:00",
    );
    training["session_kind"] = json!("regular");
    t.post("/api/v1/activities", &t.admin, training)
        .await
        .problem(422);
}

#[actix_web::test]
async fn r2_a_congress_meets_at_least_once_a_year_generally_twice() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(10).await;
    let check = |year: i32| {
        let path = format!("/api/v1/session-check?congress_id={town}&year={year}");
        let t = &t;
        async move { t.get(&path, &t.admin).await.ok(200) }
    };
    let first = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    let c = check(2022).await;
    assert_eq!(c["sessions_held"], 0, "planned is not held: {c}");
    assert_eq!(c["sessions_planned"], 1);
    assert_eq!(c["meets_minimum"], false);
    assert!(c["explanation"].as_str().unwrap().contains("至少"));
    t.post(
        &format!("/api/v1/activities/{first}/status"),
        &t.admin,
        json!({"status": "held"}),
    )
    .await
    .ok(200);
    let c = check(2022).await;
    assert_eq!(
        (
            c["sessions_held"].as_i64(),
            c["meets_minimum"].as_bool(),
            c["generally_twice"].as_bool()
        ),
        (Some(1), Some(true), Some(false))
    );
    // A temporary session (2 of 10 proposers = 1/5) held on New Year's Eve, Beijing time:
    // 2022 in Beijing though 2022-12-31T16:30Z.
    let mut temp = session(town, term, "2023-01-01T00:30:00+08:00");
    temp["starts_at"] = json!("2022-12-31T23:30:00+08:00");
    temp["ends_at"] = json!("2022-12-31T23:50:00+08:00");
    temp["session_kind"] = json!("temporary");
    temp["session_number"] = json!(2);
    temp["requested_by_count"] = json!(2);
    let second = id(&create(&t, temp).await);
    t.post(
        &format!("/api/v1/activities/{second}/status"),
        &t.admin,
        json!({"status": "held"}),
    )
    .await
    .ok(200);
    let c = check(2022).await;
    assert_eq!(c["sessions_held"], 2);
    assert_eq!(c["temporary_held"], 1);
    assert_eq!(c["generally_twice"], true);
    assert_eq!(check(2023).await["sessions_held"], 0);
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    t.get("/api/v1/session-check?year=2022", &deputy)
        .await
        .problem(403);
    t.get("/api/v1/session-check?year=1800", &t.admin)
        .await
        .problem(422);
}
