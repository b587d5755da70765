//! Activities: the lifecycle moves forward only and is audited; once held or attended, the
//! facts the law counts (kind, term, start) are fixed (R3, R10, R12).

use super::fixtures::{activity, create, invite_all, mark, session, shift_to, town, Town};
use actix_web::http::Method;
use renda_tests::*;
use serde_json::json;

// Long: one story from setup to its last step; each check builds on the state the one before left.
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

// Long: one story from setup to its last step; each check builds on the state the one before left.
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
