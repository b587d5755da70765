//! Self-declared entries (履职登记): kinds, recording, review, recall, files, access.

use super::fixtures::town;
use renda_openapi::{EntryKind, EntryPage, EntryStatus, PerformanceEntry};
use serde_json::json;

async fn kind(t: &renda_tests::TestApp, token: &str, code: &str) -> EntryKind {
    let kinds: Vec<EntryKind> = t
        .get("/api/v1/performance-entry-kinds", token)
        .await
        .typed(200);
    kinds
        .into_iter()
        .find(|k| k.code == code)
        .expect("default kind")
}

#[actix_web::test]
async fn a_congress_starts_with_the_default_kinds_and_the_office_adds_its_own() {
    let z = town().await;
    let kinds: Vec<EntryKind> =
        z.t.get("/api/v1/performance-entry-kinds", &z.dep[0])
            .await
            .typed(200);
    assert!(kinds
        .iter()
        .any(|k| k.code == "practical_deed" && k.name == "为民办实事"));
    let body = json!({"congress_id": z.town, "code": "flood_relief", "name": "防汛救灾", "section": "other"});
    let created: EntryKind =
        z.t.post("/api/v1/performance-entry-kinds", &z.staff, body.clone())
            .await
            .typed(201);
    assert!(created.is_active);
    assert_eq!(
        z.t.post("/api/v1/performance-entry-kinds", &z.staff, body)
            .await
            .refusal(409),
        "duplicate"
    );
    let bad =
        json!({"congress_id": z.town, "code": "Flood Relief", "name": "", "section": "other"});
    let p =
        z.t.post("/api/v1/performance-entry-kinds", &z.staff, bad)
            .await
            .problem(422);
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/code", "/name"]);
    // Deputies and other townships may not add kinds here.
    let body = json!({"congress_id": z.town, "code": "x", "name": "某类", "section": "other"});
    assert_eq!(
        z.t.post("/api/v1/performance-entry-kinds", &z.dep[0], body.clone())
            .await
            .refusal(403),
        "role_may_not"
    );
    z.t.post("/api/v1/performance-entry-kinds", &z.stranger, body)
        .await
        .problem(404);
}

#[actix_web::test]
async fn an_entry_is_reviewed_once_and_a_rejection_says_why() {
    let z = town().await;
    let deed = kind(&z.t, &z.dep[0], "practical_deed").await;
    let body = json!({"kind_id": deed.id, "occurred_on": "2022-05-04", "title": "为村里修缮路灯", "content": "协调资金修好12盏路灯"});
    let e: PerformanceEntry =
        z.t.post("/api/v1/performance-entries", &z.dep[0], body.clone())
            .await
            .typed(201);
    assert_eq!(
        (e.status, e.deputy_id, e.kind_code.as_str()),
        (EntryStatus::Pending, z.deputies[0], "practical_deed")
    );
    // The office's queue holds it; another deputy neither sees nor reviews it.
    let queue: EntryPage =
        z.t.get("/api/v1/performance-entries?status=pending", &z.staff)
            .await
            .typed(200);
    assert_eq!(queue.items.len(), 1);
    let theirs: EntryPage =
        z.t.get("/api/v1/performance-entries", &z.dep[1])
            .await
            .typed(200);
    assert!(theirs.items.is_empty());
    z.t.get(&format!("/api/v1/performance-entries/{}", e.id), &z.dep[1])
        .await
        .problem(404);
    z.t.get(
        &format!("/api/v1/performance-entries/{}", e.id),
        &z.stranger,
    )
    .await
    .problem(404);
    let path = format!("/api/v1/performance-entries/{}/transitions", e.id);
    assert_eq!(
        z.t.post(&path, &z.dep[0], json!({"step": "approve"}))
            .await
            .refusal(403),
        "role_may_not"
    );
    // Rejecting needs a reason.
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "reject"}))
            .await
            .refusal(422),
        "reason_required"
    );
    let r: PerformanceEntry =
        z.t.post(
            &path,
            &z.staff,
            json!({"step": "reject", "reason": "缺少佐证材料"}),
        )
        .await
        .typed(200);
    assert_eq!(
        (r.status, r.review_note.as_deref()),
        (EntryStatus::Rejected, Some("缺少佐证材料"))
    );
    // Reviewed once: no recall, no second review, no edit.
    let p = z.t.post(&path, &z.dep[0], json!({"step": "recall"})).await;
    assert_eq!(p.refusal(409), "entry_step_not_allowed");
    assert!(p.json()["detail"].as_str().unwrap().contains("未通过"));
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "approve"}))
            .await
            .refusal(409),
        "entry_step_not_allowed"
    );
    let etag = format!("\"{}\"", r.version);
    assert_eq!(
        z.t.put(
            &format!("/api/v1/performance-entries/{}", e.id),
            &z.dep[0],
            &etag,
            body
        )
        .await
        .refusal(409),
        "entry_reviewed"
    );
}

#[actix_web::test]
async fn a_deputy_recalls_a_pending_entry_and_edits_only_while_it_waits() {
    let z = town().await;
    let deed = kind(&z.t, &z.dep[0], "dispute_mediation").await;
    let body =
        json!({"kind_id": deed.id, "occurred_on": "2022-06-01", "title": "调解邻里宅基地纠纷"});
    let e: PerformanceEntry =
        z.t.post("/api/v1/performance-entries", &z.dep[0], body.clone())
            .await
            .typed(201);
    let mut edited = body.clone();
    edited["title"] = json!("调解两户宅基地纠纷");
    let path = format!("/api/v1/performance-entries/{}", e.id);
    z.t.put(&path, &z.dep[0], "\"9\"", edited.clone())
        .await
        .problem(412);
    let e2: PerformanceEntry =
        z.t.put(&path, &z.dep[0], &format!("\"{}\"", e.version), edited)
            .await
            .typed(200);
    assert_eq!(
        (e2.title.as_str(), e2.version),
        ("调解两户宅基地纠纷", e.version + 1)
    );
    let r: PerformanceEntry =
        z.t.post(
            &format!("{path}/transitions"),
            &z.dep[0],
            json!({"step": "recall"}),
        )
        .await
        .typed(200);
    assert_eq!(r.status, EntryStatus::Recalled);
    assert_eq!(
        z.t.post(
            &format!("{path}/transitions"),
            &z.staff,
            json!({"step": "approve"})
        )
        .await
        .refusal(409),
        "entry_step_not_allowed"
    );
}

#[actix_web::test]
async fn entries_are_checked_and_kept_to_their_deputy() {
    let z = town().await;
    let deed = kind(&z.t, &z.dep[0], "practical_deed").await;
    // A date after today, an empty title.
    let p =
        z.t.post(
            "/api/v1/performance-entries",
            &z.dep[0],
            json!({"kind_id": deed.id, "occurred_on": "2999-01-01", "title": " "}),
        )
        .await
        .problem(422);
    let codes: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["required", "date_in_future", "date_out_of_range"]);
    // Dates before 2000 (the first year a record is read for) and control characters in
    // the content, each at its own field.
    let p =
        z.t.post(
            "/api/v1/performance-entries",
            &z.dep[0],
            json!({"kind_id": deed.id, "occurred_on": "1999-12-31", "title": "修路", "content": "a\u{7}b"}),
        )
        .await
        .problem(422);
    let faults: Vec<(&str, &str)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        faults,
        [
            ("/content", "invalid_characters"),
            ("/occurred_on", "date_out_of_range")
        ]
    );
    assert_eq!(p["errors"][1]["params"]["from"], "2000-01-01");
    // A deputy writes only their own; the office for any deputy of its township.
    let other = json!({"deputy_id": z.deputies[1], "kind_id": deed.id, "occurred_on": "2022-01-02", "title": "代他人登记"});
    assert_eq!(
        z.t.post("/api/v1/performance-entries", &z.dep[0], other.clone())
            .await
            .refusal(403),
        "only_the_deputy"
    );
    let e: PerformanceEntry =
        z.t.post("/api/v1/performance-entries", &z.staff, other.clone())
            .await
            .typed(201);
    assert_eq!(e.deputy_id, z.deputies[1]);
    z.t.post("/api/v1/performance-entries", &z.stranger, other)
        .await
        .problem(404);
    // An inactive kind is refused.
    let etag = format!("\"{}\"", deed.version);
    z.t.put(&format!("/api/v1/performance-entry-kinds/{}", deed.id), &z.staff, &etag,
        json!({"congress_id": z.town, "code": "practical_deed", "name": "为民办实事", "section": "other", "is_active": false})).await.ok(200);
    let p =
        z.t.post(
            "/api/v1/performance-entries",
            &z.dep[0],
            json!({"kind_id": deed.id, "occurred_on": "2022-01-02", "title": "x"}),
        )
        .await;
    assert_eq!(p.refusal(422), "entry_kind_inactive");
    // A retried create with the same Idempotency-Key makes one entry.
    let body = json!({"kind_id": kind(&z.t, &z.dep[2], "study").await.id, "occurred_on": "2022-03-03", "title": "自学代表法"});
    let once =
        z.t.call(
            actix_web::http::Method::POST,
            "/api/v1/performance-entries",
            Some(&z.dep[2]),
            Some(&body),
            &[("Idempotency-Key", "k1")],
        )
        .await;
    let twice =
        z.t.call(
            actix_web::http::Method::POST,
            "/api/v1/performance-entries",
            Some(&z.dep[2]),
            Some(&body),
            &[("Idempotency-Key", "k1")],
        )
        .await;
    assert_eq!(once.json()["id"], twice.json()["id"]);
}

#[actix_web::test]
async fn files_go_with_a_pending_entry_and_stay_once_reviewed() {
    let z = town().await;
    let deed = kind(&z.t, &z.dep[0], "practical_deed").await;
    let e: PerformanceEntry =
        z.t.post(
            "/api/v1/performance-entries",
            &z.dep[0],
            json!({"kind_id": deed.id, "occurred_on": "2022-05-04", "title": "修路灯"}),
        )
        .await
        .typed(201);
    let up = format!(
        "/api/v1/performance-entries/{}/attachments?filename=照片说明.txt",
        e.id
    );
    let a =
        z.t.send_bytes(
            actix_web::http::Method::POST,
            &up,
            Some(&z.dep[0]),
            "text/plain",
            "路灯修好了".as_bytes().to_vec(),
        )
        .await
        .ok(201);
    let file = format!("/api/v1/entry-attachments/{}", a["id"].as_str().unwrap());
    let got = z.t.get(&file, &z.staff).await;
    assert_eq!(
        (got.status.as_u16(), got.bytes.as_slice()),
        (200, "路灯修好了".as_bytes())
    );
    z.t.get(&file, &z.dep[1]).await.problem(404);
    let bad =
        z.t.send_bytes(
            actix_web::http::Method::POST,
            &up.replace(".txt", ".exe"),
            Some(&z.dep[0]),
            "application/octet-stream",
            b"MZ".to_vec(),
        )
        .await;
    bad.problem(415);
    z.t.post(
        &format!("/api/v1/performance-entries/{}/transitions", e.id),
        &z.staff,
        json!({"step": "approve"}),
    )
    .await
    .ok(200);
    let late =
        z.t.send_bytes(
            actix_web::http::Method::POST,
            &up,
            Some(&z.dep[0]),
            "text/plain",
            b"more".to_vec(),
        )
        .await;
    assert_eq!(late.refusal(409), "entry_reviewed");
    let del =
        z.t.call(
            actix_web::http::Method::DELETE,
            &file,
            Some(&z.dep[0]),
            None,
            &[],
        )
        .await;
    assert_eq!(del.refusal(409), "entry_reviewed");
    let e2: PerformanceEntry =
        z.t.get(&format!("/api/v1/performance-entries/{}", e.id), &z.dep[0])
            .await
            .typed(200);
    assert_eq!(e2.attachments.len(), 1);
}
