//! The handling organisations' duties in a suggestion's handling: R7 (DL 51) — the lead
//! organisation consults the deputy before it replies — and the local-practice rules of
//! DOMAIN.md: co-handlers give their input within 1 month of referral (with reminders),
//! and extensions are requested by the lead organisation and approved or refused by the
//! office (at most 3 months in all).

use super::suggestions::{code, today, world, World};
use chrono::NaiveDate;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

impl World {
    /// The organisation of `token` drafts a reply and sends it; the send's answer.
    async fn reply_and_send(&self, s: Uuid, token: &str) -> Res {
        let r = self
            .t
            .post(
                &format!("/api/v1/suggestions/{s}/replies"),
                token,
                json!({"result_class": "B", "body": "已列入明年计划。"}),
            )
            .await
            .ok(201);
        self.send(id(&r), token).await
    }

    async fn send(&self, reply: Uuid, token: &str) -> Res {
        self.t
            .post(&format!("/api/v1/replies/{reply}/send"), token, json!({}))
            .await
    }

    async fn draft_reply(&self, s: Uuid, token: &str) -> Uuid {
        id(&self
            .t
            .post(
                &format!("/api/v1/suggestions/{s}/replies"),
                token,
                json!({"result_class": "A", "body": "已安排资金，年内完成修缮。"}),
            )
            .await
            .ok(201))
    }

    async fn rate(&self, s: Uuid, signer: usize, result: &str) -> Value {
        self.t
            .post(
                &format!("/api/v1/suggestions/{s}/feedback"),
                &self.dep[signer],
                json!({"attitude": "satisfied", "result": result}),
            )
            .await
            .ok(200)
    }
}

fn refused_for_consultation(res: &Res) {
    let p = res.problem(409);
    assert_eq!(code(&p), "consultation_required", "{p}");
    assert!(
        p["detail"].as_str().unwrap().contains("代表法第五十一条"),
        "{p}"
    );
}

#[actix_web::test]
async fn r7_the_lead_consults_the_deputy_in_this_round_before_replying() {
    let w = world().await;
    // Referred on 31 January 2025 to A (lead) and B (co): round 1 starts that day.
    let (s, r) = w.referred(Some("2025-01-31")).await;
    assert_eq!(r["round_started_on"], "2025-01-31");
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    // The co-handler's input to the lead needs no consultation of its own.
    w.reply_and_send(s, &w.b).await.ok(200);
    let reply = w.draft_reply(s, &w.a).await;
    // R7 (DL 51): the lead's reply without any consultation is refused.
    refused_for_consultation(&w.send(reply, &w.a).await);
    // The co-handler's consultation is not the lead's.
    w.consult(s, &w.b).await;
    refused_for_consultation(&w.send(reply, &w.a).await);
    // Held the day before the referral: not of this round.
    let c = w.consult_on(s, &w.a, d("2025-01-30")).await.ok(201);
    assert_eq!(c["round"], 1);
    let res = w.send(reply, &w.a).await;
    refused_for_consultation(&res);
    let detail = res.json()["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("2025-01-31") && detail.contains("早于"),
        "{detail}"
    );
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "in_progress");
    // Held on the referral day itself: enough.
    w.consult_on(s, &w.a, d("2025-01-31")).await.ok(201);
    let sent = w.send(reply, &w.a).await.ok(200);
    assert_eq!(sent["status"], "sent");
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "replied");

    // A dissatisfied rating starts round 2 today: round 1's consultations do not count.
    w.rate(s, 0, "satisfied").await;
    let r = w.rate(s, 1, "dissatisfied").await;
    assert_eq!(r["status"], "rehandling");
    assert_eq!(r["round"], 2);
    assert_eq!(r["round_started_on"], today().to_string());
    let reply = w.draft_reply(s, &w.a).await;
    let res = w.send(reply, &w.a).await;
    refused_for_consultation(&res);
    assert!(
        res.json()["detail"].as_str().unwrap().contains("第 2 轮"),
        "{}",
        res.json()
    );
    // Recorded now but held yesterday, before re-handling began: still refused.
    let yesterday = today().pred_opt().unwrap();
    let c = w.consult_on(s, &w.a, yesterday).await.ok(201);
    assert_eq!(c["round"], 2);
    refused_for_consultation(&w.send(reply, &w.a).await);
    w.consult(s, &w.a).await;
    w.send(reply, &w.a).await.ok(200);
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "replied");
}

#[actix_web::test]
async fn r7_a_consultation_of_the_previous_round_on_the_same_day_does_not_count() {
    let w = world().await;
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    w.consult(s, &w.a).await;
    w.reply_and_send(s, &w.a).await.ok(200);
    w.rate(s, 0, "dissatisfied").await;
    let r = w.rate(s, 1, "satisfied").await;
    assert_eq!(r["status"], "rehandling");
    // Round 1's consultation was held today, the day round 2 began: it is round 1's.
    let consultations = r["consultations"].as_array().unwrap();
    assert_eq!(consultations.len(), 1);
    assert_eq!(consultations[0]["round"], 1);
    let reply = w.draft_reply(s, &w.a).await;
    let res = w.send(reply, &w.a).await;
    refused_for_consultation(&res);
    assert!(res.json()["detail"].as_str().unwrap().contains("此前一轮"));
    w.consult(s, &w.a).await;
    w.send(reply, &w.a).await.ok(200);
}

#[actix_web::test]
async fn r7_forwarded_items_need_no_consultation_by_the_office() {
    let w = world().await;
    let s = w.submitted().await;
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "forward", "forwarded_to": "测试区人大常委会", "external_reference": "区建议〔2026〕3号"}),
        )
        .await
        .ok(200);
    assert_eq!(r["round_started_on"], today().to_string());
    w.act(s, &w.staff, json!({"action": "start"})).await.ok(200);
    // The office records the upper level's reply: the other congress consulted the deputy.
    w.reply_and_send(s, &w.staff).await.ok(200);
    assert_eq!(w.get(s, &w.dep[0]).await.ok(200)["status"], "replied");
}

#[actix_web::test]
async fn co_handlers_input_is_due_a_month_after_referral_clamped_at_month_end() {
    let w = world().await;
    let t = &w.t;
    // Local practice: within 1 month of referral, a missing day giving the month's last.
    for (day, due) in [
        ("2025-01-31", "2025-02-28"),
        ("2024-01-31", "2024-02-29"),
        ("2025-03-15", "2025-04-15"),
    ] {
        let (_, r) = w.referred(Some(day)).await;
        let refs = r["referrals"].as_array().unwrap();
        assert_eq!(refs[0]["role"], "lead");
        assert!(refs[0]["input_due"].is_null(), "the lead gives no input");
        assert!(refs[0]["input_sent_at"].is_null());
        assert_eq!(refs[1]["role"], "co");
        assert_eq!(refs[1]["input_due"], due, "referred on {day}");
        assert!(refs[1]["input_sent_at"].is_null());
    }
    // The co-handler sends its input (even before the lead starts): no change of state.
    let (s, _) = w.referred(Some("2025-01-31")).await;
    w.reply_and_send(s, &w.b).await.ok(200);
    let r = w.get(s, &w.a).await.ok(200);
    assert_eq!(r["status"], "referred");
    assert!(r["referrals"][1]["input_sent_at"].is_string(), "{r}");
    assert!(r["referrals"][0]["input_sent_at"].is_null());
    // A congress may allow 2 months: 31 January → 31 March; 0 and 4 are out of range.
    let settings = format!("/api/v1/congresses/{}/suggestion-settings", w.town);
    let body = |months: i32| {
        json!({"referral_working_days": 7, "return_working_days": 7, "rehandling_months": 1,
               "due_soon_days": 7, "max_rehandling_rounds": 1, "co_input_months": months})
    };
    for bad in [0, 4] {
        let p = t
            .put(&settings, &w.staff, "\"1\"", body(bad))
            .await
            .problem(422);
        assert_eq!(p["errors"][0]["pointer"], "/co_input_months");
    }
    let stored = t.put(&settings, &w.staff, "\"1\"", body(2)).await.ok(200);
    assert_eq!(stored["co_input_months"], 2);
    let r = w.get(s, &w.a).await.ok(200);
    assert_eq!(r["referrals"][1]["input_due"], "2025-03-31");
    // Settings sent without it fall back to 1 month.
    let mut old = body(1);
    old.as_object_mut().unwrap().remove("co_input_months");
    let stored = t.put(&settings, &w.staff, "\"1\"", old).await.ok(200);
    assert_eq!(stored["co_input_months"], 1);
}

#[actix_web::test]
async fn co_handlers_are_reminded_of_their_input_from_seven_days_before_until_they_send_it() {
    let w = world().await;
    let t = &w.t;
    // Referred on 31 January 2025 to A (lead) and B (co): B's input is due 28 February.
    let (waiting, _) = w.referred(Some("2025-01-31")).await;
    // B already gave its input here: it is never reminded.
    let (given, _) = w.referred(Some("2025-01-31")).await;
    w.reply_and_send(given, &w.b).await.ok(200);
    // Here the lead replied already: B's input is no longer awaited.
    let (replied, _) = w.referred(Some("2025-01-31")).await;
    w.act(replied, &w.a, json!({"action": "start"}))
        .await
        .ok(200);
    w.consult(replied, &w.a).await;
    w.reply_and_send(replied, &w.a).await.ok(200);

    let sweep =
        |day: &str| renda_api::suggestions::reminders::sweep(&mut t.db.conn(), d(day)).unwrap();
    let inbox = |token: &str| {
        let token = token.to_string();
        async move {
            let mut v: Vec<(Uuid, String, String)> = t
                .get("/api/v1/reminders", &token)
                .await
                .ok(200)
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["suggestion_id"].as_str().unwrap().parse().unwrap(),
                        r["kind"].as_str().unwrap().to_string(),
                        r["due_on"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            v.sort();
            v
        }
    };
    // 8 days before (due_soon_days 7): nothing yet.
    let r = sweep("2025-02-20");
    assert_eq!((r.co_inputs_due, r.written), (0, 0), "{r:?}");
    // 7 days before: due soon, to B only, for the item still waiting.
    let r = sweep("2025-02-21");
    assert_eq!((r.co_inputs_due, r.written), (1, 1), "{r:?}");
    let soon = (
        waiting,
        "input_due_soon".to_string(),
        "2025-02-28".to_string(),
    );
    assert_eq!(inbox(&w.b).await, vec![soon.clone()]);
    // On the day itself it is still due soon, and written once only.
    let r = sweep("2025-02-28");
    assert_eq!((r.co_inputs_due, r.written), (1, 0), "{r:?}");
    // The day after: overdue.
    let r = sweep("2025-03-01");
    assert_eq!((r.co_inputs_due, r.written), (1, 1), "{r:?}");
    let overdue = (
        waiting,
        "input_overdue".to_string(),
        "2025-02-28".to_string(),
    );
    let mut want = vec![soon, overdue];
    want.sort();
    assert_eq!(inbox(&w.b).await, want);
    // The lead and the office are not reminded of a co-handler's input.
    assert!(inbox(&w.a).await.is_empty());
    assert!(inbox(&w.staff).await.is_empty());
    // Once B sends its input, it is no longer reminded.
    w.reply_and_send(waiting, &w.b).await.ok(200);
    let r = sweep("2025-03-02");
    assert_eq!((r.co_inputs_due, r.written), (0, 0), "{r:?}");
}

/// The history's notes of `action`, oldest first.
async fn notes(w: &World, s: Uuid, action: &str) -> Vec<String> {
    w.t.get(&format!("/api/v1/suggestions/{s}/history"), &w.staff)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .map(|e| e["note"].as_str().unwrap_or("").to_string())
        .collect()
}

#[actix_web::test]
async fn extensions_are_requested_by_the_lead_and_approved_or_refused_by_the_office() {
    let w = world().await;
    let request = |months: i32, reason: &str| json!({"action": "request_extension", "months": months, "reason": reason});
    let refuse = |reason: &str| json!({"action": "refuse_extension", "reason": reason});
    // Referred on 31 January 2025: the reply is due 30 April.
    let (s, _) = w.referred(Some("2025-01-31")).await;
    // Not before handling has started.
    let p = w.act(s, &w.a, request(2, "x")).await.problem(409);
    assert_eq!(code(&p), "invalid_transition");
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    // Only the lead organisation asks: not the co-handler, the office or a deputy; an
    // organisation it was not referred to does not even see it.
    for token in [&w.b, &w.staff, &w.dep[0]] {
        w.act(s, token, request(2, "需要更多时间"))
            .await
            .problem(403);
    }
    w.act(s, &w.c, request(2, "x")).await.problem(404);
    // 1–3 months, with a reason.
    for months in [0, 4] {
        let p = w.act(s, &w.a, request(months, "x")).await.problem(422);
        assert_eq!(p["errors"][0]["pointer"], "/months");
    }
    let p = w.act(s, &w.a, request(2, " ")).await.problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    // Nothing to refuse yet; only the office refuses.
    let p = w.act(s, &w.staff, refuse("不同意")).await.problem(409);
    assert_eq!(code(&p), "no_extension_request");

    // The lead asks for 2 months: no change of state nor deadline, shown on the item.
    let r = w
        .act(s, &w.a, request(2, "需协调区交通局资金"))
        .await
        .ok(200);
    assert_eq!(r["status"], "in_progress");
    assert_eq!(r["reply_due"], "2025-04-30");
    assert_eq!(r["extension_request"]["months"], 2);
    assert_eq!(r["extension_request"]["reason"], "需协调区交通局资金");
    assert_eq!(
        r["extension_request"]["requested_by_org_id"],
        json!(w.org_a)
    );
    assert!(r["extension_request"]["requested_at"].is_string());
    assert_eq!(
        w.get(s, &w.dep[0]).await.ok(200)["extension_request"]["months"],
        2
    );
    assert_eq!(
        notes(&w, s, "request_extension").await,
        ["申请延期 2 个月：需协调区交通局资金"]
    );
    // One request at a time.
    let p = w.act(s, &w.a, request(1, "再申请")).await.problem(409);
    assert_eq!(code(&p), "extension_request_pending");
    // The office refuses it, saying why: the request is gone, the deadline stays.
    w.act(s, &w.a, refuse("x")).await.problem(403);
    let p = w.act(s, &w.staff, refuse("")).await.problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    let r = w
        .act(s, &w.staff, refuse("资金已落实，请按期答复"))
        .await
        .ok(200);
    assert_eq!(r["status"], "in_progress");
    assert!(r["extension_request"].is_null());
    assert_eq!(r["reply_due"], "2025-04-30");
    assert_eq!(
        notes(&w, s, "refuse_extension").await,
        ["不同意延期申请（申请 2 个月）：资金已落实，请按期答复"]
    );
    let p = w.act(s, &w.staff, refuse("再次")).await.problem(409);
    assert_eq!(code(&p), "no_extension_request");

    // Asked again, the office approves it by extending: 31 January + 3 + 2 months.
    w.act(s, &w.a, request(2, "施工需跨汛期")).await.ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 2, "reason": "主席团同意"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "extended");
    assert_eq!(r["extension_months"], 2);
    assert_eq!(r["reply_due"], "2025-06-30");
    assert!(r["extension_request"].is_null());
    assert_eq!(
        notes(&w, s, "extend").await,
        ["批准主办单位的延期申请（申请 2 个月，批准 2 个月）：主席团同意"]
    );
    // Extended: a request past 3 months in all is refused; one month more is allowed.
    let p = w.act(s, &w.a, request(2, "再延")).await.problem(409);
    assert_eq!(code(&p), "extension_limit");
    assert!(p["detail"].as_str().unwrap().contains("3 个月"));
    let r = w.act(s, &w.a, request(1, "最后一次")).await.ok(200);
    assert_eq!(r["status"], "extended");
    // The office may grant fewer months than asked... but not more than the cap.
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 2, "reason": "x"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "extension_limit");
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 1, "reason": "同意"}),
        )
        .await
        .ok(200);
    assert_eq!(r["extension_months"], 3);
    assert_eq!(r["reply_due"], "2025-07-31");
    assert!(r["extension_request"].is_null());
    // At the cap nothing more can be asked.
    let p = w.act(s, &w.a, request(1, "x")).await.problem(409);
    assert_eq!(code(&p), "extension_limit");
}

#[actix_web::test]
async fn the_office_still_extends_unasked_and_a_pending_request_lapses_with_the_reply() {
    let w = world().await;
    let (s, _) = w.referred(Some("2025-01-31")).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    // The office may extend without a request.
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 1, "reason": "主席团决定"}),
        )
        .await
        .ok(200);
    assert_eq!(r["reply_due"], "2025-05-31");
    assert_eq!(notes(&w, s, "extend").await, ["主席团决定"]);
    // A request pending when the lead replies lapses with the reply.
    w.act(
        s,
        &w.a,
        json!({"action": "request_extension", "months": 1, "reason": "x"}),
    )
    .await
    .ok(200);
    w.consult(s, &w.a).await;
    w.reply_and_send(s, &w.a).await.ok(200);
    let r = w.get(s, &w.staff).await.ok(200);
    assert_eq!(r["status"], "replied");
    assert!(r["extension_request"].is_null());
    // Replied: neither requests nor refusals.
    for (token, body) in [
        (
            &w.a,
            json!({"action": "request_extension", "months": 1, "reason": "x"}),
        ),
        (
            &w.staff,
            json!({"action": "refuse_extension", "reason": "x"}),
        ),
    ] {
        let p = w.act(s, token, body).await.problem(409);
        assert_eq!(code(&p), "invalid_transition");
    }
}

#[actix_web::test]
async fn a_referral_names_at_most_20_co_handlers_and_says_so_once() {
    let w = world().await;
    let s = w.submitted().await;
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    // A hostile list of 10,000 ids gets one error, not one per id.
    let many: Vec<Uuid> = (0..10_000).map(|_| Uuid::now_v7()).collect();
    let refer = |co: &[Uuid]| json!({"action": "refer", "lead_org_id": w.org_a, "co_org_ids": co});
    let p = w.act(s, &w.staff, refer(&many)).await.problem(422);
    let errors = p["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{p}");
    assert_eq!(errors[0]["pointer"], "/co_org_ids");
    assert_eq!(errors[0]["code"], "too_many_co_orgs");
    assert_eq!(errors[0]["params"]["max"], 20);
    assert!(errors[0]["message"].as_str().unwrap().contains("20"));
    // 21 is one too many; the real co-handler alone is fine.
    let p = w.act(s, &w.staff, refer(&many[..21])).await.problem(422);
    assert_eq!(p["errors"][0]["code"], "too_many_co_orgs");
    let r = w.act(s, &w.staff, refer(&[w.org_b])).await.ok(200);
    assert_eq!(r["status"], "referred");
}
