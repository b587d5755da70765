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
