//! Sessions, meetings and activities: lifecycle, invitations and attendance, leave (R12),
//! quorum (R3), votes (R4), temporary sessions (R2), the DL 62 flag (R10), recurrence in
//! Asia/Shanghai, iCalendar feeds, documents, views and role checks.

use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

struct Town {
    t: TestApp,
    town: Uuid,
    term: Uuid,
    deputies: Vec<Uuid>,
}

const GIVEN: &str = "建国志强秀英桂兰海燕明华红梅晓东玉兰春生德胜丽娟文博子涵宏伟静怡";

/// A township with its 10th term and `n` deputies (imported as a roster), in name order.
async fn town(n: usize) -> Town {
    let t = TestApp::new().await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    let deputies = if n > 0 {
        roster(&t, term, n).await
    } else {
        vec![]
    };
    Town {
        t,
        town,
        term,
        deputies,
    }
}

async fn roster(t: &TestApp, term: Uuid, n: usize) -> Vec<Uuid> {
    let given: Vec<char> = GIVEN.chars().collect();
    let mut csv = String::from("姓名,性别\n");
    for i in 0..n {
        let a = given[i % given.len()];
        let b = given[(i / given.len()) % given.len()];
        let c = given[(i / (given.len() * given.len())) % given.len()];
        csv.push_str(&format!("王{a}{b}{c},男\n"));
    }
    let report = t
        .import(term, "", "text/csv", csv.into_bytes())
        .await
        .ok(200);
    assert_eq!(report["summary"]["create"], n as u64, "{report}");
    let mut ids = vec![];
    let mut cursor = String::new();
    loop {
        let page = t
            .get(
                &format!("/api/v1/deputies?term_id={term}&limit=200{cursor}"),
                &t.admin,
            )
            .await
            .ok(200);
        ids.extend(page["items"].as_array().unwrap().iter().map(id));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(ids.len(), n);
    ids
}

fn activity(town: Uuid, kind: &str, title: &str, starts: &str, ends: &str) -> Value {
    json!({
        "congress_id": town, "kind": kind, "title": title,
        "organiser": {"kind": "congress"}, "place": "镇政府四楼会议室",
        "starts_at": starts, "ends_at": ends, "topics": ["履职培训"]
    })
}

fn session(town: Uuid, term: Uuid, starts: &str) -> Value {
    json!({
        "congress_id": town, "kind": "session", "term_id": term,
        "title": "第十届人民代表大会第一次会议", "organiser": {"kind": "presidium"},
        "starts_at": starts, "ends_at": starts, "session_kind": "regular", "session_number": 1
    })
}

async fn create(t: &TestApp, body: Value) -> Value {
    t.post("/api/v1/activities", &t.admin, body).await.ok(201)
}

async fn invite_all(t: &TestApp, activity: Uuid, town: Uuid) -> Value {
    t.post(
        &format!("/api/v1/activities/{activity}/invitations"),
        &t.admin,
        json!({"congress_id": town}),
    )
    .await
    .ok(200)
}

/// Records `status` for each deputy in one request.
async fn mark(t: &TestApp, activity: Uuid, deputies: &[Uuid], status: &str) -> Value {
    let entries: Vec<Value> = deputies
        .iter()
        .map(|d| json!({"deputy_id": d, "status": status}))
        .collect();
    t.post(
        &format!("/api/v1/activities/{activity}/attendance"),
        &t.admin,
        json!({"entries": entries}),
    )
    .await
    .ok(200)
}

async fn quorum(t: &TestApp, session: Uuid) -> Value {
    t.get(&format!("/api/v1/activities/{session}/quorum"), &t.admin)
        .await
        .ok(200)
}

#[actix_web::test]
async fn lifecycle_moves_forward_only_and_is_audited() {
    let Town { t, town, .. } = town(0).await;
    let a = create(
        &t,
        activity(
            town,
            "training",
            "代表履职培训",
            "2022-02-22T09:00:00+08:00",
            "2022-02-22T11:30:00+08:00",
        ),
    )
    .await;
    assert_eq!(a["status"], "planned");
    assert_eq!(a["date"], "2022-02-22");
    assert_eq!(a["organiser"]["kind"], "congress");
    let path = format!("/api/v1/activities/{}", id(&a));
    let read = t.get(&path, &t.admin).await;
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    let mut change = activity(
        town,
        "training",
        "区、镇代表培训",
        "2022-02-22T09:00:00+08:00",
        "2022-02-22T12:00:00+08:00",
    );
    change.as_object_mut().unwrap().remove("congress_id");
    t.put(&path, &t.admin, "\"0\"", change.clone())
        .await
        .problem(412);
    let updated = t.put(&path, &t.admin, "\"1\"", change).await.ok(200);
    assert_eq!(updated["title"], "区、镇代表培训");
    let status = format!("{path}/status");
    t.post(&status, &t.admin, json!({"status": "notified"}))
        .await
        .ok(200);
    t.post(&status, &t.admin, json!({"status": "summarised"}))
        .await
        .problem(422);
    t.post(&status, &t.admin, json!({"status": "held"}))
        .await
        .ok(200);
    t.post(&status, &t.admin, json!({"status": "planned"}))
        .await
        .problem(409);
    t.post(
        &status,
        &t.admin,
        json!({"status": "cancelled", "reason": "下雨"}),
    )
    .await
    .problem(409);
    let done = t
        .post(
            &status,
            &t.admin,
            json!({"status": "summarised", "summary": "传达了区人大常委会会议精神。", "outcomes": "收集建议 3 条"}),
        )
        .await
        .ok(200);
    assert_eq!(done["summary"], "传达了区人大常委会会议精神。");
    t.post(&status, &t.admin, json!({"status": "archived"}))
        .await
        .ok(200);
    t.post(
        &status,
        &t.admin,
        json!({"status": "cancelled", "reason": "x"}),
    )
    .await
    .problem(409);
    // A future activity cannot be held yet, and is cancelled with a reason.
    let future = create(
        &t,
        activity(
            town,
            "forum",
            "代表座谈会",
            "2099-05-01T09:00:00+08:00",
            "2099-05-01T11:00:00+08:00",
        ),
    )
    .await;
    let fs = format!("/api/v1/activities/{}/status", id(&future));
    t.post(&fs, &t.admin, json!({"status": "held"}))
        .await
        .problem(409);
    t.post(&fs, &t.admin, json!({"status": "cancelled"}))
        .await
        .problem(422);
    let c = t
        .post(
            &fs,
            &t.admin,
            json!({"status": "cancelled", "reason": "改期"}),
        )
        .await
        .ok(200);
    assert_eq!(c["cancel_reason"], "改期");
    // Bad input names its fields.
    let mut bad = activity(
        town,
        "training",
        "",
        "2022-02-22T09:00:00+08:00",
        "2022-02-21T09:00:00+08:00",
    );
    bad["organiser"] = json!({"kind": "liaison_station"});
    let p = t
        .post("/api/v1/activities", &t.admin, bad)
        .await
        .problem(422);
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert!(pointers.contains(&"/title"), "{p}");
    assert!(pointers.contains(&"/ends_at"), "{p}");
    assert!(pointers.contains(&"/organiser/name"), "{p}");
    use diesel::prelude::*;
    use renda_api::schema::audit_log::dsl as al;
    let n: i64 = al::audit_log
        .filter(al::entity.eq("activity"))
        .count()
        .get_result(&mut t.db.conn())
        .unwrap();
    assert!(n >= 8, "{n}");
}

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

fn dates(cal: &Value) -> Vec<String> {
    cal.as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn recurrence_across_month_ends_february_and_beijing_time() {
    let Town { t, town, .. } = town(0).await;
    // Reception days on the 26th and 27th, 08:00 Beijing time = 00:00 UTC.
    let mut reception = activity(
        town,
        "reception_day",
        "人大代表接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T11:30:00+08:00",
    );
    reception["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=26,27;UNTIL=20221231T235959Z");
    let series = create(&t, reception).await;
    let sid = id(&series);
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-02"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&cal), vec!["2022-02-26", "2022-02-27"]);
    assert_eq!(cal[0]["starts_at"], "2022-02-26T00:00:00Z");
    assert_eq!(cal[0]["virtual_occurrence"], true);
    // The last day of each month: 28 February 2023, 29 February 2024.
    let mut last = activity(
        town,
        "liaison_day",
        "月末联系代表",
        "2023-01-31T09:00:00+08:00",
        "2023-01-31T10:00:00+08:00",
    );
    last["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=-1");
    create(&t, last).await;
    let feb = |m: &'static str| {
        let t = &t;
        async move {
            t.get(
                &format!("/api/v1/calendar?congress_id={town}&month={m}&kind=liaison_day"),
                &t.admin,
            )
            .await
            .ok(200)
        }
    };
    assert_eq!(dates(&feb("2023-02").await), vec!["2023-02-28"]);
    assert_eq!(dates(&feb("2024-02").await), vec!["2024-02-29"]);
    // The 30th skips February.
    let mut thirtieth = activity(
        town,
        "dual_contact_visit",
        "双联走访",
        "2023-01-30T09:00:00+08:00",
        "2023-01-30T10:00:00+08:00",
    );
    thirtieth["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=30");
    create(&t, thirtieth).await;
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&from=2023-01-01&to=2023-03-31&kind=dual_contact_visit"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&cal), vec!["2023-01-30", "2023-03-30"]);
    // 07:00 on 1 March in Beijing is still 28 February in UTC: it belongs to March.
    create(
        &t,
        activity(
            town,
            "forum",
            "座谈会",
            "2022-03-01T07:00:00+08:00",
            "2022-03-01T08:00:00+08:00",
        ),
    )
    .await;
    let march = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-03&kind=forum"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&march), vec!["2022-03-01"]);
    let feb22 = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-02&kind=forum"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(feb22, json!([]));
    // Move the 26 March occurrence to the 25th, cancel the 27th.
    let occ = format!("/api/v1/activities/{sid}/occurrences");
    t.post(
        &occ,
        &t.admin,
        json!({"occurrence_start": "2022-03-28T00:00:00Z"}),
    )
    .await
    .problem(422);
    let moved = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-26T00:00:00Z"}),
        )
        .await
        .ok(201);
    assert_eq!(moved["series_id"], json!(sid));
    let again = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-26T00:00:00Z"}),
        )
        .await
        .ok(200);
    assert_eq!(again["id"], moved["id"]);
    // The rule of a series with occurrences taken out no longer changes.
    let mut rule_change = activity(
        town,
        "reception_day",
        "人大代表接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T11:30:00+08:00",
    );
    rule_change.as_object_mut().unwrap().remove("congress_id");
    rule_change["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=25");
    t.put(
        &format!("/api/v1/activities/{sid}"),
        &t.admin,
        "\"1\"",
        rule_change,
    )
    .await
    .problem(409);
    let mut body = activity(
        town,
        "reception_day",
        "人大代表接待日（调整）",
        "2022-03-25T08:00:00+08:00",
        "2022-03-25T11:30:00+08:00",
    );
    body.as_object_mut().unwrap().remove("congress_id");
    t.put(
        &format!("/api/v1/activities/{}", id(&moved)),
        &t.admin,
        "\"1\"",
        body,
    )
    .await
    .ok(200);
    let cancelled = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-27T00:00:00Z"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/activities/{}/status", id(&cancelled)),
        &t.admin,
        json!({"status": "cancelled", "reason": "与区人大会议冲突"}),
    )
    .await
    .ok(200);
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-03&kind=reception_day"),
            &t.admin,
        )
        .await
        .ok(200);
    let entries = cal.as_array().unwrap();
    assert_eq!(dates(&cal), vec!["2022-03-25", "2022-03-27"]);
    assert_eq!(entries[0]["virtual_occurrence"], false);
    assert_eq!(entries[1]["status"], "cancelled");
    // Bad rules and ranges are refused.
    let mut bad = activity(
        town,
        "reception_day",
        "接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T09:00:00+08:00",
    );
    bad["rrule"] = json!("FREQ=SOMETIMES");
    let p = t
        .post("/api/v1/activities", &t.admin, bad)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "invalid_rrule");
    t.get("/api/v1/calendar?month=2022-13", &t.admin)
        .await
        .problem(422);
    t.get("/api/v1/calendar?from=2022-01-01&to=2023-06-01", &t.admin)
        .await
        .problem(422);
}

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

#[actix_web::test]
async fn documents_are_checked_stored_and_served_as_attachments() {
    let Town {
        t, town, deputies, ..
    } = town(1).await;
    let a = id(&create(
        &t,
        activity(
            town,
            "inspection",
            "视察大气污染综合治理",
            "2022-11-01T09:00:00+08:00",
            "2022-11-01T12:00:00+08:00",
        ),
    )
    .await);
    let up = |name: &str| format!("/api/v1/activities/{a}/documents?filename={name}");
    let pdf = b"%PDF-1.7\n...".to_vec();
    let doc = t
        .send_bytes(
            Method::POST,
            &up("../../会议通知.pdf"),
            Some(&t.admin),
            "application/pdf",
            pdf.clone(),
        )
        .await
        .ok(201);
    assert_eq!(doc["file_name"], "会议通知.pdf");
    assert_eq!(doc["size_bytes"], pdf.len());
    t.send_bytes(
        Method::POST,
        &up("virus.exe"),
        Some(&t.admin),
        "application/octet-stream",
        b"MZ".to_vec(),
    )
    .await
    .problem(415);
    t.send_bytes(
        Method::POST,
        &up("fake.pdf"),
        Some(&t.admin),
        "application/pdf",
        b"<html>".to_vec(),
    )
    .await
    .problem(415);
    t.send_bytes(
        Method::POST,
        &up("big.txt"),
        Some(&t.admin),
        "text/plain",
        vec![b'a'; (1 << 20) + 1],
    )
    .await
    .problem(413);
    let deputy = t.user("dep", Role::Deputy, town, Some(deputies[0])).await;
    t.send_bytes(
        Method::POST,
        &up("a.txt"),
        Some(&deputy),
        "text/plain",
        b"hi".to_vec(),
    )
    .await
    .problem(403);
    let list = t
        .get(&format!("/api/v1/activities/{a}/documents"), &t.admin)
        .await
        .ok(200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let r = t
        .get(&format!("/api/v1/documents/{}", id(&doc)), &t.admin)
        .await;
    assert_eq!(r.status.as_u16(), 200);
    assert_eq!(r.bytes, pdf);
    assert_eq!(r.header("content-type").as_deref(), Some("application/pdf"));
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(r
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment;"));
    // Not invited: the deputy cannot read it.
    t.get(&format!("/api/v1/documents/{}", id(&doc)), &deputy)
        .await
        .problem(404);
    t.call(
        Method::DELETE,
        &format!("/api/v1/documents/{}", id(&doc)),
        Some(&t.admin),
        None,
        &[],
    )
    .await
    .ok(204);
}

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

#[actix_web::test]
async fn sign_in_sheets_import_as_csv_and_xlsx_with_a_dry_run() {
    let Town { t, town, term, .. } = town(3).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    let path = format!("/api/v1/activities/{s}/attendance/import");
    let sheet = "兆通镇第十届人民代表大会第一次会议签到表\n姓名,出席情况,签到时间,备注\n王建建建,√,08:45,\n王国建建,迟到,09:10,堵车\n王志建建,请假,,\n张三丰,出席,,\n";
    let dry = t
        .send_bytes(
            Method::POST,
            &format!("{path}?dry_run=true"),
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["summary"]["update"], 2, "{dry}");
    assert_eq!(dry["summary"]["error"], 2);
    let code = |r: &Value, row: u64| {
        r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["row"] == row)
            .unwrap()["errors"][0]["code"]
            .clone()
    };
    // R12: leave needs approval before the start; strangers are not invitees.
    assert_eq!(code(&dry, 5), "leave_not_approved");
    assert_eq!(code(&dry, 6), "not_invited");
    assert_eq!(
        quorum(&t, s).await["not_recorded"],
        3,
        "a dry run writes nothing"
    );
    let done = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(done["applied"], true);
    let list = t
        .get(&format!("/api/v1/activities/{s}/attendance"), &t.admin)
        .await
        .ok(200);
    let late = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "王国建建")
        .unwrap();
    assert_eq!(late["status"], "late");
    assert_eq!(late["checked_in_at"], "2022-01-25T01:10:00Z");
    assert_eq!(late["note"], "堵车");
    // The same sheet again changes nothing.
    let again = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(again["summary"]["unchanged"], 2);
    // XLSX, with 签到 as the status column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (j, h) in ["姓名", "签到"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "王志建建").unwrap();
    ws.write_string(1, 1, "缺席").unwrap();
    let r = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            XLSX,
            book.save_to_buffer().unwrap(),
        )
        .await
        .ok(200);
    assert_eq!(r["format"], "xlsx");
    assert_eq!(r["summary"]["update"], 1, "{r}");
    assert_eq!(quorum(&t, s).await["absent"], 1);
    // No usable header: 422; a deputy may not import.
    t.send_bytes(
        Method::POST,
        &path,
        Some(&t.admin),
        "text/csv",
        b"a,b\n1,2\n".to_vec(),
    )
    .await
    .problem(422);
}

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

/// Moves an activity's start and end as time passing would (the API refuses to move a
/// held or attended one).
fn shift_to(t: &TestApp, activity: Uuid, starts: &str) {
    use diesel::prelude::*;
    diesel::sql_query(format!(
        "UPDATE activities SET starts_at = '{starts}', ends_at = '{starts}'::timestamptz + interval '2 hours' WHERE id = '{activity}'"
    ))
    .execute(&mut t.db.conn())
    .unwrap();
}

#[actix_web::test]
async fn r3_r10_r12_the_facts_of_a_held_or_attended_activity_are_fixed() {
    let Town {
        t,
        town,
        term,
        deputies,
    } = town(6).await;
    // A held session: kind, term and start are fixed; the title may still be corrected.
    let s = create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await;
    let sid = id(&s);
    t.post(
        &format!("/api/v1/activities/{sid}/status"),
        &t.admin,
        json!({"status": "held"}),
    )
    .await
    .ok(200);
    let current = t.get(&format!("/api/v1/activities/{sid}"), &t.admin).await;
    let etag = current.header("etag").unwrap();
    let mut body = session(town, term, "2022-01-26T09:00:00+08:00");
    body.as_object_mut().unwrap().remove("congress_id");
    let p = t
        .put(
            &format!("/api/v1/activities/{sid}"),
            &t.admin,
            &etag,
            body.clone(),
        )
        .await
        .problem(409);
    assert!(p["detail"].as_str().unwrap().contains("开始时间"), "{p}");
    let mut training = body.clone();
    training["kind"] = json!("training");
    training["starts_at"] = json!("2022-01-25T09:00:00+08:00");
    for k in ["session_kind", "session_number", "term_id"] {
        training.as_object_mut().unwrap().remove(k);
    }
    t.put(
        &format!("/api/v1/activities/{sid}"),
        &t.admin,
        &etag,
        training,
    )
    .await
    .problem(409);
    body["starts_at"] = json!("2022-01-25T09:00:00+08:00");
    body["title"] = json!("兆通镇第十届人民代表大会第一次会议（更正）");
    t.put(&format!("/api/v1/activities/{sid}"), &t.admin, &etag, body)
        .await
        .ok(200);

    // A future forum with leave approved for deputy 0: the approval records on_leave, so
    // the start can no longer move (it would undo "approved before the start").
    let f = create(
        &t,
        activity(
            town,
            "forum",
            "乡村振兴座谈会",
            "2099-03-01T09:00:00+08:00",
            "2099-03-01T11:00:00+08:00",
        ),
    )
    .await;
    let fid = id(&f);
    invite_all(&t, fid, town).await;
    let leave = t
        .post(
            &format!("/api/v1/activities/{fid}/leave-requests"),
            &t.admin,
            json!({"deputy_id": deputies[0], "reason": "外出学习"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/leave-requests/{}/decision", id(&leave)),
        &t.admin,
        json!({"approve": true}),
    )
    .await
    .ok(200);
    let etag = t
        .get(&format!("/api/v1/activities/{fid}"), &t.admin)
        .await
        .header("etag")
        .unwrap();
    let mut moved = activity(
        town,
        "forum",
        "乡村振兴座谈会",
        "2099-02-01T09:00:00+08:00",
        "2099-02-01T11:00:00+08:00",
    );
    moved.as_object_mut().unwrap().remove("congress_id");
    t.put(&format!("/api/v1/activities/{fid}"), &t.admin, &etag, moved)
        .await
        .problem(409);

    // Once it has started: approved leave cannot be turned into an absence (R12 vs R10)…
    shift_to(&t, fid, "2022-03-01T09:00:00+08:00");
    let decided_at = |at: &str| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE leave_requests SET decided_at = '{at}' WHERE id = '{}'",
            id(&leave)
        ))
        .execute(&mut t.db.conn())
        .unwrap();
    };
    decided_at("2022-02-20T10:00:00+08:00");
    let r = mark(&t, fid, &[deputies[0], deputies[1]], "absent").await;
    assert_eq!(r["recorded"], 1, "{r}");
    assert_eq!(r["results"][0]["errors"][0]["code"], "leave_approved");
    // …and leave decided after the start does not excuse.
    decided_at("2022-03-01T10:00:00+08:00");
    let r = mark(&t, fid, &[deputies[0]], "on_leave").await;
    assert_eq!(r["results"][0]["errors"][0]["code"], "leave_not_approved");

    // R2: more proposers than deputies in office is refused.
    let mut temp = session(town, term, "2022-09-01T09:00:00+08:00");
    temp["session_kind"] = json!("temporary");
    temp["requested_by_count"] = json!(7);
    let p = t
        .post("/api/v1/activities", &t.admin, temp)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "out_of_range");

    // A cancelled series makes no new occurrences; an archived activity's documents are final.
    let mut series = activity(
        town,
        "reception_day",
        "人大代表接待日",
        "2022-02-26T09:00:00+08:00",
        "2022-02-26T11:30:00+08:00",
    );
    series["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=26");
    let series = id(&create(&t, series).await);
    t.post(
        &format!("/api/v1/activities/{series}/status"),
        &t.admin,
        json!({"status": "cancelled", "reason": "改为线上接待"}),
    )
    .await
    .ok(200);
    t.post(
        &format!("/api/v1/activities/{series}/occurrences"),
        &t.admin,
        json!({"occurrence_start": "2022-03-26T01:00:00Z"}),
    )
    .await
    .problem(409);
    let mut minutely = activity(
        town,
        "forum",
        "每分钟",
        "2022-02-26T09:00:00+08:00",
        "2022-02-26T09:30:00+08:00",
    );
    minutely["rrule"] = json!("FREQ=MINUTELY");
    t.post("/api/v1/activities", &t.admin, minutely)
        .await
        .problem(422);
    for status in ["summarised", "archived"] {
        t.post(
            &format!("/api/v1/activities/{sid}/status"),
            &t.admin,
            json!({"status": status, "summary": "会议纪要"}),
        )
        .await
        .ok(200);
    }
    t.send_bytes(
        Method::POST,
        &format!("/api/v1/activities/{sid}/documents?filename=纪要.txt"),
        Some(&t.admin),
        "text/plain",
        "会议纪要".as_bytes().to_vec(),
    )
    .await
    .problem(409);
}

#[actix_web::test]
async fn a_sign_in_sheet_row_without_status_or_time_is_an_absence_once_started() {
    let Town { t, town, term, .. } = town(2).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    let sheet = "姓名,出席情况,签到时间\n王建建建,,08:50\n王国建建,,\n";
    let r = t
        .send_bytes(
            Method::POST,
            &format!("/api/v1/activities/{s}/attendance/import"),
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(r["summary"]["error"], 0, "{r}");
    let q = quorum(&t, s).await;
    assert_eq!(q["present"], 1);
    assert_eq!(q["absent"], 1);
    let row = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["row"] == 3)
        .unwrap()
        .clone();
    assert_eq!(row["warnings"][0]["code"], "not_signed", "{row}");
    // Before the start, a blank row is not an absence but an error.
    let f = id(&create(
        &t,
        activity(
            town,
            "forum",
            "座谈会",
            "2099-01-01T09:00:00+08:00",
            "2099-01-01T11:00:00+08:00",
        ),
    )
    .await);
    invite_all(&t, f, town).await;
    let r = t
        .send_bytes(
            Method::POST,
            &format!("/api/v1/activities/{f}/attendance/import?dry_run=true"),
            Some(&t.admin),
            "text/csv",
            "姓名,出席情况,签到时间\n王国建建,,\n".as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(r["summary"]["error"], 1, "{r}");
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
