//! Correction requests (纠错申请, 错重漏): a wrong absence corrected and the record
//! following it, a missing attendance added, a rejection with its reason, a withdrawal,
//! and who may do what.

use super::fixtures::town;
use super::records::{key, seed};
use renda_openapi::{
    CorrectionPage, CorrectionRequest, CorrectionStatus, Metric, PerformanceRecord, Role,
};
use serde_json::json;

#[actix_web::test]
async fn an_accepted_correction_changes_the_absence_and_the_record_follows() {
    let z = town().await;
    let s = seed(&z);
    let record = format!("/api/v1/performance-records/{}?year=2022", z.deputies[0]);
    let before: PerformanceRecord = z.t.get(&record, &z.dep[0]).await.typed(200);
    assert_eq!(before.counts.get(Metric::Inspections), 0);
    assert_eq!(before.counts.get(Metric::ActivitiesAbsent), 1);
    let body = json!({"claim": {"type": "attendance", "activity_id": s.inspection, "status": "present"},
                      "reason": "当天参加了视察，签到表漏记"});
    let c: CorrectionRequest =
        z.t.post("/api/v1/correction-requests", &z.dep[0], body)
            .await
            .typed(201);
    assert_eq!(c.status, CorrectionStatus::Open);
    assert_eq!(
        c.recorded_status,
        Some(renda_openapi::AttendanceStatus::Absent)
    );
    assert_eq!(c.deputy_id, z.deputies[0]);
    let open: PerformanceRecord = z.t.get(&record, &z.dep[0]).await.typed(200);
    assert_eq!(open.open_corrections, 1);
    // The office's queue holds it; another deputy neither sees nor resolves it.
    let queue: CorrectionPage =
        z.t.get("/api/v1/correction-requests?status=open", &z.staff)
            .await
            .typed(200);
    assert_eq!(queue.items.len(), 1);
    let theirs: CorrectionPage =
        z.t.get("/api/v1/correction-requests", &z.dep[1])
            .await
            .typed(200);
    assert!(theirs.items.is_empty());
    z.t.get(&format!("/api/v1/correction-requests/{}", c.id), &z.dep[1])
        .await
        .problem(404);
    let path = format!("/api/v1/correction-requests/{}/transitions", c.id);
    assert_eq!(
        z.t.post(&path, &z.dep[0], json!({"step": "accept"}))
            .await
            .refusal(403),
        "role_may_not"
    );
    assert_eq!(
        z.t.post(&path, &z.presidium, json!({"step": "accept"}))
            .await
            .refusal(403),
        "role_may_not"
    );
    let done: CorrectionRequest =
        z.t.post(
            &path,
            &z.staff,
            json!({"step": "accept", "note": "核对签到表属实"}),
        )
        .await
        .typed(200);
    assert_eq!(done.status, CorrectionStatus::Accepted);
    assert!(done.resolved_by.is_some());
    let after: PerformanceRecord = z.t.get(&record, &z.dep[0]).await.typed(200);
    assert_eq!(after.counts.get(Metric::Inspections), 1);
    assert_eq!(after.counts.get(Metric::ActivitiesAbsent), 0);
    assert_eq!(after.open_corrections, 0);
    // The change is audited on the activity.
    let mut conn = z.t.db.conn();
    use diesel::prelude::*;
    let n: i64 = renda_api::schema::audit_log::table
        .filter(renda_api::schema::audit_log::entity_id.eq(s.inspection))
        .filter(renda_api::schema::audit_log::action.eq("attendance"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(n, 1);
    // Resolved once.
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "reject", "note": "x"}))
            .await
            .refusal(409),
        "correction_step_not_allowed"
    );
}

#[actix_web::test]
async fn a_missing_attendance_is_added_and_a_rejected_request_leaves_the_record() {
    let z = town().await;
    let s = seed(&z);
    let record = format!("/api/v1/performance-records/{}?year=2022", z.deputies[0]);
    // Missing: nothing recorded at the forum.
    let body = json!({"claim": {"type": "attendance", "activity_id": s.forum, "status": "present"},
                      "reason": "参加了座谈会"});
    let missing: CorrectionRequest =
        z.t.post("/api/v1/correction-requests", &z.dep[0], body)
            .await
            .typed(201);
    assert_eq!(missing.recorded_status, None);
    // Rejected: the absence at the session of d2 stays.
    let body = json!({"claim": {"type": "attendance", "activity_id": s.session, "status": "on_leave"},
                      "reason": "我请过假"});
    let r: CorrectionRequest =
        z.t.post("/api/v1/correction-requests", &z.dep[2], body)
            .await
            .typed(201);
    let path = format!("/api/v1/correction-requests/{}/transitions", r.id);
    // No leave was approved before the session began: accepting would excuse an absence
    // the law does not excuse (R12; DL 13).
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "accept"}))
            .await
            .refusal(409),
        "leave_not_approved_before_start"
    );
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "reject"}))
            .await
            .refusal(422),
        "reason_required"
    );
    let rejected: CorrectionRequest =
        z.t.post(
            &path,
            &z.staff,
            json!({"step": "reject", "note": "未见请假记录"}),
        )
        .await
        .typed(200);
    assert_eq!(rejected.status, CorrectionStatus::Rejected);
    assert_eq!(rejected.resolution_note.as_deref(), Some("未见请假记录"));
    let r2: PerformanceRecord =
        z.t.get(
            &format!("/api/v1/performance-records/{}?year=2022", z.deputies[2]),
            &z.dep[2],
        )
        .await
        .typed(200);
    assert_eq!(r2.counts.get(Metric::SessionsAbsent), 1);
    // The missing one accepted by an integration key with assessments:write.
    let write = key(&z, &["assessments:write", "assessments:read"]).await;
    let path = format!("/api/v1/correction-requests/{}/transitions", missing.id);
    z.t.post(&path, &write, json!({"step": "accept"}))
        .await
        .ok(200);
    let after: PerformanceRecord = z.t.get(&record, &z.dep[0]).await.typed(200);
    assert_eq!(after.counts.get(Metric::Forums), 1);
    assert_eq!(after.counts.get(Metric::ActivitiesInvited), 3);
}

#[actix_web::test]
async fn requests_are_checked_and_only_their_deputy_files_or_withdraws_them() {
    let z = town().await;
    let s = seed(&z);
    let url = "/api/v1/correction-requests";
    // Already recorded as asked.
    let same = json!({"claim": {"type": "attendance", "activity_id": s.session, "status": "present"}, "reason": "核对"});
    assert_eq!(
        z.t.post(url, &z.dep[0], same).await.refusal(409),
        "attendance_already_recorded"
    );
    // A cancelled activity, an absence asked for, no reason.
    let cancelled = json!({"claim": {"type": "attendance", "activity_id": s.cancelled, "status": "present"}, "reason": "x"});
    let p = z.t.post(url, &z.dep[0], cancelled).await.problem(422);
    assert_eq!(p["errors"][0]["code"], "activity_not_correctable");
    let absent = json!({"claim": {"type": "attendance", "activity_id": s.training, "status": "absent"}, "reason": ""});
    let p = z.t.post(url, &z.dep[0], absent).await.problem(422);
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/reason", "/claim/status"]);
    // The office files none; a handling organisation neither.
    let other = json!({"claim": {"type": "other"}, "reason": "建议件数少计一件"});
    assert_eq!(
        z.t.post(url, &z.staff, other.clone()).await.refusal(403),
        "no_deputy_account"
    );
    let org = z.t.user("org", Role::HandlingOrg, z.town, None).await;
    z.t.post(url, &org, other.clone()).await.problem(403);
    z.t.get(url, &org).await.problem(403);
    // A deputy withdraws their own; another deputy may not.
    let c: CorrectionRequest = z.t.post(url, &z.dep[0], other).await.typed(201);
    let path = format!("/api/v1/correction-requests/{}/transitions", c.id);
    z.t.post(&path, &z.dep[1], json!({"step": "withdraw"}))
        .await
        .problem(404);
    assert_eq!(
        z.t.post(&path, &z.staff, json!({"step": "withdraw"}))
            .await
            .refusal(403),
        "only_the_deputy"
    );
    let w: CorrectionRequest =
        z.t.post(&path, &z.dep[0], json!({"step": "withdraw"}))
            .await
            .typed(200);
    assert_eq!(w.status, CorrectionStatus::Withdrawn);
    // Reads: the presidium and a read key see the scope; another town nothing.
    let all: CorrectionPage = z.t.get(url, &z.presidium).await.typed(200);
    assert_eq!(all.items.len(), 1);
    let none: CorrectionPage = z.t.get(url, &z.stranger).await.typed(200);
    assert!(none.items.is_empty());
    let read = key(&z, &["assessments:read"]).await;
    z.t.get(url, &read).await.ok(200);
    z.t.post(&path, &read, json!({"step": "accept"}))
        .await
        .problem(403);
}
