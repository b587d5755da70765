//! Deputies' suggestions (issue 5): every transition and refused transition, deadlines at
//! their boundaries (R7; DL 51: reply within 3 months of referral, 6 for wide-ranging
//! items; working-day limits across the National Day holiday), the taxonomy from the real
//! TipDM file, and the access rules for every endpoint.

use actix_web::http::Method;
use chrono::{Months, NaiveDate};
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// A township with four deputies (with logins), the office, two handling organisations
/// with a login each and a category.
pub(crate) struct World {
    pub(crate) t: TestApp,
    pub(crate) town: Uuid,
    pub(crate) deputies: Vec<Uuid>,
    /// Tokens of the four deputies.
    pub(crate) dep: Vec<String>,
    pub(crate) staff: String,
    pub(crate) org_a: Uuid,
    pub(crate) org_b: Uuid,
    pub(crate) org_c: Uuid,
    /// Tokens of organisations A, B and C.
    pub(crate) a: String,
    pub(crate) b: String,
    pub(crate) c: String,
    pub(crate) category: Uuid,
}

pub(crate) async fn org(t: &TestApp, town: Uuid, name: &str, login: &str) -> (Uuid, String) {
    let o = t
        .post(
            "/api/v1/handling-orgs",
            &t.admin,
            json!({"congress_id": town, "name": name}),
        )
        .await
        .ok(201);
    let u = t
        .post(
            &format!("/api/v1/handling-orgs/{}/users", id(&o)),
            &t.admin,
            json!({"username": login, "display_name": name, "password": PASSWORD}),
        )
        .await
        .ok(201);
    assert_eq!(u["role"], "handling_org");
    (id(&o), t.login(login).await)
}

pub(crate) async fn world() -> World {
    // A dozen logins from one address: above the default login burst.
    let t = TestApp::with_config(|c| {
        c.login_burst = 50;
        c.login_per_minute = 600;
    })
    .await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    let mut deputies = vec![];
    let mut dep = vec![];
    for (i, name) in ["王建国", "李秀英", "张海燕", "赵明华"].iter().enumerate() {
        let d = id(&t.deputy(&t.admin, town, term, json!({"name": name})).await);
        dep.push(t.user(&format!("d{i}"), Role::Deputy, town, Some(d)).await);
        deputies.push(d);
    }
    let staff = t.user("staff", Role::Staff, town, None).await;
    let (org_a, a) = org(&t, town, "镇农业农村办公室", "org_a").await;
    let (org_b, b) = org(&t, town, "镇建设管理办公室", "org_b").await;
    let (org_c, c) = org(&t, town, "镇财政所", "org_c").await;
    let top = t
        .post(
            "/api/v1/suggestion-categories",
            &staff,
            json!({"congress_id": town, "name": "城乡建设"}),
        )
        .await
        .ok(201);
    let category = id(&t
        .post(
            "/api/v1/suggestion-categories",
            &staff,
            json!({"congress_id": town, "parent_id": id(&top), "name": "交通运输"}),
        )
        .await
        .ok(201));
    World {
        t,
        town,
        deputies,
        dep,
        staff,
        org_a,
        org_b,
        org_c,
        a,
        b,
        c,
        category,
    }
}

impl World {
    /// A draft by deputy 0 with deputy 1 as co-signer.
    pub(crate) async fn draft(&self) -> Value {
        self.t
            .post(
                "/api/v1/suggestions",
                &self.dep[0],
                json!({
                    "kind": "suggestion", "title": "关于修缮村道的建议",
                    "content": "兆通村村道破损严重，建议列入年度修缮计划。",
                    "category_id": self.category, "co_signer_ids": [self.deputies[1]]
                }),
            )
            .await
            .ok(201)
    }

    pub(crate) async fn act(&self, s: Uuid, token: &str, body: Value) -> Res {
        self.t
            .post(&format!("/api/v1/suggestions/{s}/transitions"), token, body)
            .await
    }

    /// A submitted item (co-signer confirmed).
    pub(crate) async fn submitted(&self) -> Uuid {
        let s = id(&self.draft().await);
        self.t
            .post(
                &format!("/api/v1/suggestions/{s}/confirm"),
                &self.dep[1],
                json!({}),
            )
            .await
            .ok(200);
        let r = self
            .act(s, &self.dep[0], json!({"action": "submit"}))
            .await
            .ok(200);
        assert_eq!(r["status"], "submitted");
        s
    }

    /// Pretends the item was submitted on `day` (tests of past referral dates).
    pub(crate) fn submitted_on(&self, s: Uuid, day: &str) {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE suggestions SET submitted_on = '{day}' WHERE id = '{s}'"
        ))
        .execute(&mut self.t.db.conn())
        .unwrap();
    }

    /// An accepted item referred to A (lead) and B (co) on `day` (default today).
    pub(crate) async fn referred(&self, day: Option<&str>) -> (Uuid, Value) {
        let s = self.submitted().await;
        if let Some(d) = day {
            self.submitted_on(s, d);
        }
        self.act(s, &self.staff, json!({"action": "accept"}))
            .await
            .ok(200);
        let mut body =
            json!({"action": "refer", "lead_org_id": self.org_a, "co_org_ids": [self.org_b]});
        if let Some(d) = day {
            body["referred_on"] = json!(d);
        }
        let r = self.act(s, &self.staff, body).await.ok(200);
        assert_eq!(r["status"], "referred");
        (s, r)
    }

    pub(crate) async fn get(&self, s: Uuid, token: &str) -> Res {
        self.t.get(&format!("/api/v1/suggestions/{s}"), token).await
    }

    /// The organisation of `token` records a phone consultation with the deputy held on
    /// `day` (R7; DL 51: needed before the lead organisation's reply).
    pub(crate) async fn consult_on(&self, s: Uuid, token: &str, day: NaiveDate) -> Res {
        self.t
            .post(
                &format!("/api/v1/suggestions/{s}/consultations"),
                token,
                json!({"form": "phone", "held_on": day, "met_by": "经办人 孙立"}),
            )
            .await
    }

    /// [`Self::consult_on`] today, which must succeed.
    pub(crate) async fn consult(&self, s: Uuid, token: &str) {
        self.consult_on(s, token, today()).await.ok(201);
    }
}

pub(crate) fn code(p: &Value) -> &str {
    p["type"].as_str().unwrap().rsplit('/').next().unwrap()
}

pub(crate) fn today() -> NaiveDate {
    renda_api::http::today()
}

#[actix_web::test]
async fn r7_one_item_from_draft_through_rehandling_to_closure() {
    let w = world().await;
    let t = &w.t;
    let draft = w.draft().await;
    let s = id(&draft);
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["category_path"], "城乡建设 / 交通运输");
    assert_eq!(draft["signers"].as_array().unwrap().len(), 2);
    assert_eq!(draft["signers"][0]["role"], "lead");
    assert!(draft["signers"][1]["confirmed_at"].is_null());
    // The co-signer sees the draft to confirm it; the office does not see drafts.
    w.get(s, &w.dep[1]).await.ok(200);
    w.get(s, &w.staff).await.problem(404);
    // Unconfirmed co-signers block submission.
    let p = w
        .act(s, &w.dep[0], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "co_signers_unconfirmed");
    t.post(
        &format!("/api/v1/suggestions/{s}/confirm"),
        &w.dep[1],
        json!({}),
    )
    .await
    .ok(200);
    let r = w
        .act(s, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "submitted");
    assert_eq!(r["submitted_on"], today().to_string());
    assert!(r["referral_due"].as_str().unwrap() > today().to_string().as_str());
    // With If-Match, a step is taken only from the version read.
    let version = r["version"].as_i64().unwrap();
    let path = format!("/api/v1/suggestions/{s}/transitions");
    let accept = json!({"action": "accept"});
    let stale = format!("\"{}\"", version - 1);
    t.call(
        Method::POST,
        &path,
        Some(&w.staff),
        Some(&accept),
        &[("If-Match", &stale)],
    )
    .await
    .problem(412);
    let current = format!("\"{version}\"");
    t.call(
        Method::POST,
        &path,
        Some(&w.staff),
        Some(&accept),
        &[("If-Match", &current)],
    )
    .await
    .ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "refer", "lead_org_id": w.org_a, "co_org_ids": [w.org_b]}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "referred");
    let due = today().checked_add_months(Months::new(3)).unwrap();
    assert_eq!(r["reply_due"], due.to_string());
    assert_eq!(r["due_on"], due.to_string());
    assert_eq!(r["referrals"].as_array().unwrap().len(), 2);
    // The co-handler may not start; the lead does.
    w.act(s, &w.b, json!({"action": "start"}))
        .await
        .problem(403);
    let r = w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    assert_eq!(r["status"], "in_progress");
    // Consultation (面商).
    let c = t
        .post(
            &format!("/api/v1/suggestions/{s}/consultations"),
            &w.a,
            json!({"form": "face_to_face", "held_on": today(), "met_by": "农业农村办主任 孙立"}),
        )
        .await
        .ok(201);
    assert_eq!(c["form"], "face_to_face");
    // The lead drafts a reply: only its organisation sees the draft.
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "B", "body": "已列入明年村道修缮计划。"}),
        )
        .await
        .ok(201);
    let rid = id(&reply);
    assert_eq!(reply["status"], "draft");
    assert_eq!(
        w.get(s, &w.a).await.ok(200)["replies"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for token in [&w.b, &w.staff, &w.dep[0], &w.dep[1]] {
        assert_eq!(
            w.get(s, token).await.ok(200)["replies"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
    }
    // Edit with If-Match, then send.
    let reply = t
        .put(
            &format!("/api/v1/replies/{rid}"),
            &w.a,
            "\"1\"",
            json!({"result_class": "A", "body": "已安排资金，年内完成修缮。"}),
        )
        .await
        .ok(200);
    assert_eq!(reply["result_class"], "A");
    t.post(&format!("/api/v1/replies/{rid}/send"), &w.a, json!({}))
        .await
        .ok(200);
    let r = w.get(s, &w.dep[1]).await.ok(200);
    assert_eq!(r["status"], "replied");
    assert_eq!(r["replies"][0]["body"], "已安排资金，年内完成修缮。");
    assert!(r["due_on"].is_null());
    // Each signer rates; one dissatisfied sends the item back for re-handling.
    let r = t
        .post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            &w.dep[0],
            json!({"attitude": "satisfied", "result": "satisfied"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "replied");
    let r = t
        .post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            &w.dep[1],
            json!({"attitude": "basically_satisfied", "result": "dissatisfied", "comment": "进度太慢"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "rehandling");
    assert_eq!(r["round"], 2);
    let rehandle_due = today().checked_add_months(Months::new(1)).unwrap();
    assert_eq!(r["rehandling_due"], rehandle_due.to_string());
    assert_eq!(r["due_on"], rehandle_due.to_string());
    // A new reply in round 2, after a consultation of round 2 (R7; DL 51).
    w.consult(s, &w.a).await;
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "已于本月完工。"}),
        )
        .await
        .ok(201);
    assert_eq!(reply["round"], 2);
    t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &w.a,
        json!({}),
    )
    .await
    .ok(200);
    for token in [&w.dep[0], &w.dep[1]] {
        t.post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            token,
            json!({"attitude": "satisfied", "result": "satisfied"}),
        )
        .await
        .ok(200);
    }
    let r = w.get(s, &w.staff).await.ok(200);
    assert_eq!(r["status"], "rated");
    assert_eq!(r["feedback"].as_array().unwrap().len(), 4);
    let r = w
        .act(s, &w.staff, json!({"action": "close", "note": "办结"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "closed");
    assert_eq!(r["closed_on"], today().to_string());
    // Every transition is in the history with who and when.
    let h = t
        .get(&format!("/api/v1/suggestions/{s}/history"), &w.dep[0])
        .await
        .ok(200);
    let steps: Vec<(String, String)> = h
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from_status"] != e["to_status"])
        .map(|e| {
            (
                e["from_status"].as_str().unwrap_or("").to_string(),
                e["to_status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "accepted"),
        ("accepted", "referred"),
        ("referred", "in_progress"),
        ("in_progress", "replied"),
        ("replied", "rated"),
        ("rated", "rehandling"),
        ("rehandling", "replied"),
        ("replied", "rated"),
        ("rated", "closed"),
    ];
    assert_eq!(
        steps,
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );
    assert!(h
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor_id"].is_string() && e["at"].is_string()));
}

#[actix_web::test]
async fn refused_transitions_answer_409_in_chinese_with_a_code() {
    let w = world().await;
    let t = &w.t;
    let s = id(&w.draft().await);
    // The office does not even see a draft.
    for body in [
        json!({"action": "accept"}),
        json!({"action": "close"}),
        json!({"action": "refer", "lead_org_id": w.org_a}),
    ] {
        let p = w.act(s, &w.staff, body).await.problem(404);
        assert_eq!(code(&p), "not_found");
    }
    let s = w.submitted().await;
    for (token, body) in [
        (&w.staff, json!({"action": "close"})),
        (&w.staff, json!({"action": "refer", "lead_org_id": w.org_a})),
        (
            &w.staff,
            json!({"action": "extend", "months": 1, "reason": "复杂"}),
        ),
        (&w.dep[0], json!({"action": "submit"})),
    ] {
        let p = w.act(s, token, body).await.problem(409);
        assert_eq!(code(&p), "invalid_transition");
        assert!(p["detail"].as_str().unwrap().contains("已提交"), "{p}");
    }
    // A draft cannot be edited once submitted.
    let p = t
        .put(
            &format!("/api/v1/suggestions/{s}"),
            &w.dep[0],
            "\"2\"",
            json!({"kind": "opinion", "title": "改"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "not_a_draft");
    // Roles: a deputy does not accept; an organisation does not refer.
    w.act(s, &w.dep[0], json!({"action": "accept"}))
        .await
        .problem(403);
    // Rating before a reply.
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            &w.dep[0],
            json!({"attitude": "satisfied", "result": "satisfied"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    // Not accepted needs a reason; malformed bodies are 422 with a pointer, never 500.
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "not_accept", "code": "court_case", "reason": " "}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    w.act(
        s,
        &w.staff,
        json!({"action": "not_accept", "code": "nonsense", "reason": "x"}),
    )
    .await
    .problem(422);
    w.act(s, &w.staff, json!({"action": "fly"}))
        .await
        .problem(422);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "not_accept", "code": "court_case", "reason": "涉及正在审理的诉讼案件"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "not_accepted");
    assert_eq!(r["not_accepted_code"], "court_case");
    let p = w
        .act(s, &w.dep[0], json!({"action": "withdraw"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");

    // In handling: start before extension; extensions add up to 3 months at most.
    let (s, _) = w.referred(Some("2025-01-31")).await;
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 1, "reason": "x"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.c,
            json!({"result_class": "A", "body": "x"}),
        )
        .await
        .problem(404);
    assert_eq!(code(&p), "not_found");
    let draft = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "答复"}),
        )
        .await
        .ok(201);
    // Sending the lead's reply before starting is refused.
    let p = t
        .post(
            &format!("/api/v1/replies/{}/send", id(&draft)),
            &w.a,
            json!({}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 2, "reason": "主席团批准延期"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "extended");
    // R7: counted from the referral, 31 January + 5 months, clamped to 30 June.
    assert_eq!(r["reply_due"], "2025-06-30");
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 2, "reason": "再延"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "extension_limit");
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 4, "reason": "x"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/months");
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "extend", "months": 1, "reason": "最后一次"}),
        )
        .await
        .ok(200);
    assert_eq!(r["reply_due"], "2025-07-31");
    assert_eq!(r["extension_months"], 3);
    w.consult(s, &w.a).await;
    t.post(
        &format!("/api/v1/replies/{}/send", id(&draft)),
        &w.a,
        json!({}),
    )
    .await
    .ok(200);
    let p = t
        .post(
            &format!("/api/v1/replies/{}/send", id(&draft)),
            &w.a,
            json!({}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "already_sent");
    let p = t
        .put(
            &format!("/api/v1/replies/{}", id(&draft)),
            &w.a,
            "\"2\"",
            json!({"result_class": "B", "body": "改"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "already_sent");
    t.post(
        &format!("/api/v1/suggestions/{s}/feedback"),
        &w.dep[0],
        json!({"attitude": "satisfied", "result": "satisfied"}),
    )
    .await
    .ok(200);
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            &w.dep[0],
            json!({"attitude": "satisfied", "result": "satisfied"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "already_rated");
    // Closing before every signer rated.
    let p = w
        .act(s, &w.staff, json!({"action": "close"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
}

#[actix_web::test]
async fn withdrawal_and_drafts_by_the_office() {
    let w = world().await;
    let t = &w.t;
    let s = w.submitted().await;
    // Only the lead (or whoever entered it) withdraws.
    w.act(s, &w.dep[1], json!({"action": "withdraw"}))
        .await
        .problem(403);
    let r = w
        .act(
            s,
            &w.dep[0],
            json!({"action": "withdraw", "note": "问题已解决"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "withdrawn");
    // The office enters a paper suggestion for deputy 2 (between sessions).
    let d = t
        .post(
            "/api/v1/suggestions",
            &w.staff,
            json!({"lead_deputy_id": w.deputies[2], "kind": "opinion", "title": "关于垃圾分类的意见",
                   "content": "增加分类垃圾桶", "category_id": w.category}),
        )
        .await
        .ok(201);
    assert_eq!(d["lead_deputy_id"], w.deputies[2].to_string());
    w.get(id(&d), &w.dep[2]).await.ok(200);
    w.get(id(&d), &w.dep[0]).await.problem(404);
    // A deputy cannot name someone else as lead; an organisation cannot submit at all.
    t.post(
        "/api/v1/suggestions",
        &w.dep[0],
        json!({"lead_deputy_id": w.deputies[2], "kind": "opinion", "title": "x"}),
    )
    .await
    .problem(403);
    t.post(
        "/api/v1/suggestions",
        &w.a,
        json!({"kind": "opinion", "title": "x"}),
    )
    .await
    .problem(403);
    // Field errors point at the field.
    let p = t
        .post(
            "/api/v1/suggestions",
            &w.dep[0],
            json!({"kind": "opinion", "title": "", "co_signer_ids": [w.deputies[0]],
                   "category_id": Uuid::now_v7()}),
        )
        .await
        .problem(422);
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/title", "/category_id", "/co_signer_ids/0"]);
    // A retried create with the same Idempotency-Key gives the first answer.
    let body = json!({"kind": "opinion", "title": "关于路灯的意见"});
    let first = t
        .call(
            Method::POST,
            "/api/v1/suggestions",
            Some(&w.dep[3]),
            Some(&body),
            &[("Idempotency-Key", "k-1")],
        )
        .await
        .ok(201);
    let again = t
        .call(
            Method::POST,
            "/api/v1/suggestions",
            Some(&w.dep[3]),
            Some(&body),
            &[("Idempotency-Key", "k-1")],
        )
        .await
        .ok(201);
    assert_eq!(id(&first), id(&again));
    // A co-signer confirms only a draft; someone else cannot confirm.
    t.post(
        &format!("/api/v1/suggestions/{s}/confirm"),
        &w.dep[0],
        json!({}),
    )
    .await
    .problem(403);
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/confirm"),
            &w.dep[1],
            json!({}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "not_a_draft");
    // A draft without content or category cannot be submitted.
    let bare = t
        .post(
            "/api/v1/suggestions",
            &w.dep[3],
            json!({"kind": "criticism", "title": "批评"}),
        )
        .await
        .ok(201);
    let p = w
        .act(id(&bare), &w.dep[3], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "incomplete");
    // Edit it with If-Match, then submit.
    let path = format!("/api/v1/suggestions/{}", id(&bare));
    let body = json!({"kind": "criticism", "title": "批评", "content": "办事拖沓", "category_id": w.category});
    t.call(Method::PUT, &path, Some(&w.dep[3]), Some(&body), &[])
        .await
        .problem(428);
    t.put(&path, &w.dep[3], "\"7\"", body.clone())
        .await
        .problem(412);
    t.put(&path, &w.dep[3], "\"1\"", body).await.ok(200);
    w.act(id(&bare), &w.dep[3], json!({"action": "submit"}))
        .await
        .ok(200);
}

#[actix_web::test]
async fn r7_reply_due_three_months_after_referral_on_the_31st_clamps_to_month_end() {
    let w = world().await;
    // Referral on 31 January: due 30 April (2025 is not a leap year).
    let (_, r) = w.referred(Some("2025-01-31")).await;
    assert_eq!(r["referred_on"], "2025-01-31");
    assert_eq!(r["reply_due"], "2025-04-30");
    assert!(r["overdue"].as_bool().unwrap());
    // Wide-ranging or difficult: 6 months, 31 July.
    let s = w.submitted().await;
    w.submitted_on(s, "2025-01-31");
    w.act(
        s,
        &w.staff,
        json!({"action": "accept", "wide_ranging": true}),
    )
    .await
    .ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "refer", "lead_org_id": w.org_a, "referred_on": "2025-01-31"}),
        )
        .await
        .ok(200);
    assert!(r["wide_ranging"].as_bool().unwrap());
    assert_eq!(r["reply_due"], "2025-07-31");
    // 30 November + 3 months: 28 February of a common year; 31 August + 6 months likewise.
    let (_, r) = w.referred(Some("2025-11-30")).await;
    assert_eq!(r["reply_due"], "2026-02-28");
    let s = w.submitted().await;
    w.submitted_on(s, "2025-08-31");
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "refer", "lead_org_id": w.org_a, "referred_on": "2025-08-31", "wide_ranging": true}),
        )
        .await
        .ok(200);
    assert_eq!(r["reply_due"], "2026-02-28");
    // Referral dates in the future or before submission are refused.
    let s = w.submitted().await;
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let tomorrow = today().succ_opt().unwrap();
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "refer", "lead_org_id": w.org_a, "referred_on": tomorrow}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/referred_on");
}

#[actix_web::test]
async fn return_within_seven_working_days_counts_the_national_day_holiday() {
    let w = world().await;
    let t = &w.t;
    // Referred Tuesday 30 September 2025: 1–8 October off, Saturday 11 October worked, so
    // the 7th working day is Thursday 16 October (not 9 October by calendar days).
    let (s, r) = w.referred(Some("2025-09-30")).await;
    assert_eq!(r["referrals"][0]["return_due"], "2025-10-16");
    // Referred Friday 26 September: Sunday 28 September is worked; due Monday 13 October.
    let (_, r) = w.referred(Some("2025-09-26")).await;
    assert_eq!(r["referrals"][0]["return_due"], "2025-10-13");
    // Past the limit the organisation can no longer return it.
    let p = w
        .act(
            s,
            &w.a,
            json!({"action": "return", "reason": "不属于本单位职责"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "return_period_over");
    assert!(p["detail"].as_str().unwrap().contains("2025-10-16"));

    // Referred today: the co-handler returns its part, the lead returns the item.
    let (s, _) = w.referred(None).await;
    let r = w
        .act(
            s,
            &w.b,
            json!({"action": "return", "reason": "与本单位无关"}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 204);
    w.get(s, &w.b).await.problem(404);
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "referred");
    let p = w
        .act(s, &w.a, json!({"action": "return", "reason": ""}))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    w.act(s, &w.a, json!({"action": "return", "reason": "属区级事权"}))
        .await;
    let r = w.get(s, &w.staff).await.ok(200);
    assert_eq!(r["status"], "returned");
    assert!(r["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["returned_at"].is_string()));
    w.get(s, &w.a).await.problem(404);
    // The office refers it again, to C.
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "refer", "lead_org_id": w.org_c}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "referred");
    w.get(s, &w.c).await.ok(200);
    let h = t
        .get(&format!("/api/v1/suggestions/{s}/history"), &w.staff)
        .await
        .ok(200);
    assert!(h
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["to_status"] == "returned" && e["note"] == "属区级事权"));

    // A configured limit of 3 working days (settings per congress).
    t.put(
        &format!("/api/v1/congresses/{}/suggestion-settings", w.town),
        &w.staff,
        "\"1\"",
        json!({"referral_working_days": 7, "return_working_days": 3, "rehandling_months": 2,
               "due_soon_days": 10, "max_rehandling_rounds": 1}),
    )
    .await
    .ok(200);
    let (_, r) = w.referred(Some("2025-09-30")).await;
    // 9 and 10 October, then the adjusted Saturday 11 October.
    assert_eq!(r["referrals"][0]["return_due"], "2025-10-11");
    let p = t
        .put(
            &format!("/api/v1/congresses/{}/suggestion-settings", w.town),
            &w.staff,
            "\"1\"",
            json!({"referral_working_days": 0, "return_working_days": 3, "rehandling_months": 9,
                   "due_soon_days": 10, "max_rehandling_rounds": 1}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/referral_working_days");
    assert_eq!(p["errors"][1]["pointer"], "/rehandling_months");
    t.put(
        &format!("/api/v1/congresses/{}/suggestion-settings", w.town),
        &w.dep[0],
        "\"1\"",
        json!({"referral_working_days": 7, "return_working_days": 3, "rehandling_months": 2,
               "due_soon_days": 10, "max_rehandling_rounds": 1}),
    )
    .await
    .problem(403);
}

#[actix_web::test]
async fn the_working_calendar_is_seeded_and_replaceable_by_an_admin() {
    let w = world().await;
    let t = &w.t;
    let cal = t
        .get("/api/v1/working-calendar/2025", &w.dep[0])
        .await
        .ok(200);
    let days = cal["days"].as_array().unwrap();
    let off: Vec<&str> = days
        .iter()
        .filter(|d| d["kind"] == "holiday" && d["date"].as_str().unwrap().starts_with("2025-10"))
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(off.len(), 8);
    assert!(days
        .iter()
        .any(|d| d["date"] == "2025-09-28" && d["kind"] == "workday"));
    assert!(days
        .iter()
        .any(|d| d["date"] == "2025-10-11" && d["kind"] == "workday"));
    let y2026 = t
        .get("/api/v1/working-calendar/2026", &w.staff)
        .await
        .ok(200);
    assert!(y2026["days"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == "2026-10-07" && d["kind"] == "holiday"));
    // Replacing a year: admin only, dates within the year, no duplicates.
    let body = json!({"days": [
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
        {"date": "2027-02-20", "kind": "workday", "name": "春节调休上班"}
    ]});
    t.call(
        Method::PUT,
        "/api/v1/working-calendar/2027",
        Some(&w.staff),
        Some(&body),
        &[],
    )
    .await
    .problem(403);
    // The calendar is the whole deployment's: a township's administrator may not change it.
    let town_admin = t.user("town_admin", Role::Admin, w.town, None).await;
    let p = t
        .call(
            Method::PUT,
            "/api/v1/working-calendar/2027",
            Some(&town_admin),
            Some(&body),
            &[],
        )
        .await
        .problem(403);
    assert!(p["detail"].as_str().unwrap().contains("最高一级"), "{p}");
    let r = t
        .call(
            Method::PUT,
            "/api/v1/working-calendar/2027",
            Some(&t.admin),
            Some(&body),
            &[],
        )
        .await
        .ok(200);
    assert_eq!(r["days"].as_array().unwrap().len(), 2);
    let bad = json!({"days": [
        {"date": "2026-12-31", "kind": "holiday"},
        {"date": "2027-01-01", "kind": "holiday"},
        {"date": "2027-01-01", "kind": "workday"},
        {"date": "2027-01-02", "kind": "weekend"}
    ]});
    let p = t
        .call(
            Method::PUT,
            "/api/v1/working-calendar/2027",
            Some(&t.admin),
            Some(&bad),
            &[],
        )
        .await
        .problem(422);
    assert!(
        p["errors"][0]["pointer"].as_str().unwrap().contains("kind"),
        "{p}"
    );
    let bad = json!({"days": [
        {"date": "2026-12-31", "kind": "holiday"},
        {"date": "2027-01-01", "kind": "holiday"},
        {"date": "2027-01-01", "kind": "workday"}
    ]});
    let p = t
        .call(
            Method::PUT,
            "/api/v1/working-calendar/2027",
            Some(&t.admin),
            Some(&bad),
            &[],
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/days/0/date");
    assert_eq!(p["errors"][1]["pointer"], "/days/2/date");
    t.get("/api/v1/working-calendar/1800", &t.admin)
        .await
        .problem(404);
    t.get("/api/v1/working-calendar/abc", &t.admin)
        .await
        .problem(404);
}

#[actix_web::test]
async fn overdue_and_due_soon_are_derived_and_filterable() {
    let w = world().await;
    let t = &w.t;
    let (late, _) = w.referred(Some("2025-01-31")).await;
    // Due three days from now.
    let soon_day = (today() + chrono::Duration::days(3))
        .checked_sub_months(Months::new(3))
        .unwrap();
    let (soon, r) = w.referred(Some(&soon_day.to_string())).await;
    assert!(r["due_soon"].as_bool().unwrap(), "{r}");
    assert!(!r["overdue"].as_bool().unwrap());
    let (fresh, r) = w.referred(None).await;
    assert!(!r["due_soon"].as_bool().unwrap());
    assert!(!r["overdue"].as_bool().unwrap());
    let ids = |v: Value| -> Vec<Uuid> { v["items"].as_array().unwrap().iter().map(id).collect() };
    assert_eq!(
        ids(t
            .get("/api/v1/suggestions?overdue=true", &w.staff)
            .await
            .ok(200)),
        [late]
    );
    assert_eq!(
        ids(t
            .get("/api/v1/suggestions?due_soon=true", &w.staff)
            .await
            .ok(200)),
        [soon]
    );
    assert_eq!(
        ids(t
            .get(
                &format!(
                    "/api/v1/suggestions?overdue=false&handling_org_id={}",
                    w.org_a
                ),
                &w.a
            )
            .await
            .ok(200)),
        [soon, fresh]
    );
    // Other filters and paging.
    let page = t
        .get("/api/v1/suggestions?status=referred&limit=2", &w.staff)
        .await
        .ok(200);
    assert_eq!(ids(page.clone()), [late, soon]);
    let next = page["next_cursor"].as_str().unwrap();
    assert_eq!(
        ids(t
            .get(
                &format!("/api/v1/suggestions?status=referred&cursor={next}"),
                &w.staff
            )
            .await
            .ok(200)),
        [fresh]
    );
    assert_eq!(
        ids(t
            .get(
                &format!("/api/v1/suggestions?category_id={}", w.category),
                &w.dep[1]
            )
            .await
            .ok(200))
        .len(),
        3
    );
    let p = t
        .get("/api/v1/suggestions?overdue=maybe", &w.staff)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?overdue");
    t.get("/api/v1/suggestions?limit=0", &w.staff)
        .await
        .problem(422);
    // Key supervision (presidium or office), filterable.
    let presidium = t.user("p", Role::Presidium, w.town, None).await;
    w.act(
        late,
        &presidium,
        json!({"action": "supervise", "is_key": true, "note": "逾期未答复"}),
    )
    .await
    .ok(200);
    w.act(
        late,
        &w.dep[0],
        json!({"action": "supervise", "is_key": true}),
    )
    .await
    .problem(403);
    assert_eq!(
        ids(t
            .get("/api/v1/suggestions?is_key=true", &presidium)
            .await
            .ok(200)),
        [late]
    );
}

#[actix_web::test]
async fn forwarding_to_the_upper_level_records_the_reference_and_the_office_replies() {
    let w = world().await;
    let t = &w.t;
    let s = w.submitted().await;
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "forward", "forwarded_to": "", "external_reference": "Q-1"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/forwarded_to");
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "forward", "forwarded_to": "测试区人大常委会", "external_reference": "区建议〔2025〕12号"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "referred");
    assert_eq!(r["forwarded_to"], "测试区人大常委会");
    assert_eq!(r["external_reference"], "区建议〔2025〕12号");
    assert_eq!(r["referrals"].as_array().unwrap().len(), 0);
    // The office records the upper level's handling and reply.
    w.act(s, &w.staff, json!({"action": "start"})).await.ok(200);
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.staff,
            json!({"result_class": "C", "body": "区交通局答复：受资金限制，暂缓实施。"}),
        )
        .await
        .ok(201);
    assert!(reply["handling_org_id"].is_null());
    t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &w.staff,
        json!({}),
    )
    .await
    .ok(200);
    assert_eq!(w.get(s, &w.dep[0]).await.ok(200)["status"], "replied");
}

#[actix_web::test]
async fn access_every_endpoint_hides_items_outside_the_callers_reach() {
    let w = world().await;
    let t = &w.t;
    // Another township's office, and a handling-org user without an organisation.
    let other = t.township("乙镇人民代表大会").await;
    let stranger_staff = t.user("s2", Role::Staff, other, None).await;
    let orphan = t.user("orphan", Role::HandlingOrg, w.town, None).await;
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    let draft_reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "草稿"}),
        )
        .await
        .ok(201);
    let rid = id(&draft_reply);
    let draft = id(&w.draft().await);
    // Who must not see `s`: a deputy who did not sign, an organisation it was not referred
    // to, an organisation user without an organisation, another township's office.
    let outsiders = [&w.dep[2], &w.c, &orphan, &stranger_staff];
    for token in outsiders {
        w.get(s, token).await.problem(404);
        t.get(&format!("/api/v1/suggestions/{s}/history"), token)
            .await
            .problem(404);
        t.put(
            &format!("/api/v1/suggestions/{s}"),
            token,
            "\"1\"",
            json!({"kind": "opinion", "title": "x"}),
        )
        .await
        .problem(404);
        t.post(
            &format!("/api/v1/suggestions/{s}/confirm"),
            token,
            json!({}),
        )
        .await
        .problem(404);
        for body in [
            json!({"action": "start"}),
            json!({"action": "close"}),
            json!({"action": "return", "reason": "x"}),
            json!({"action": "supervise", "is_key": true}),
        ] {
            w.act(s, token, body).await.problem(404);
        }
        t.post(
            &format!("/api/v1/suggestions/{s}/consultations"),
            token,
            json!({"form": "phone", "held_on": today(), "met_by": "x"}),
        )
        .await
        .problem(404);
        t.post(
            &format!("/api/v1/suggestions/{s}/replies"),
            token,
            json!({"result_class": "A", "body": "x"}),
        )
        .await
        .problem(404);
        t.post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            token,
            json!({"attitude": "satisfied", "result": "satisfied"}),
        )
        .await
        .problem(404);
        let list = t.get("/api/v1/suggestions", token).await.ok(200);
        assert!(list["items"].as_array().unwrap().iter().all(|i| id(i) != s));
    }
    // Reply drafts: only their organisation reaches them.
    for token in [&w.b, &w.c, &w.staff, &w.dep[0], &orphan] {
        t.put(
            &format!("/api/v1/replies/{rid}"),
            token,
            "\"1\"",
            json!({"result_class": "B", "body": "改"}),
        )
        .await
        .problem(404);
        t.post(&format!("/api/v1/replies/{rid}/send"), token, json!({}))
            .await
            .problem(404);
    }
    // Drafts: only their authors.
    for token in [&w.staff, &t.admin, &w.a, &w.dep[2]] {
        w.get(draft, token).await.problem(404);
        t.get(&format!("/api/v1/suggestions/{draft}/history"), token)
            .await
            .problem(404);
    }
    w.get(draft, &w.dep[1]).await.ok(200);
    // Those who may see it do.
    for token in [&w.dep[0], &w.dep[1], &w.a, &w.b, &w.staff, &t.admin] {
        w.get(s, token).await.ok(200);
    }
    let integration = t.user("int", Role::Integration, w.town, None).await;
    w.get(s, &integration).await.ok(200);
    w.act(s, &integration, json!({"action": "close"}))
        .await
        .problem(403);
    // Organisations: a deputy sees none, an organisation only itself.
    assert_eq!(
        t.get("/api/v1/handling-orgs", &w.dep[0]).await.ok(200),
        json!([])
    );
    let mine = t.get("/api/v1/handling-orgs", &w.a).await.ok(200);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    t.get(&format!("/api/v1/handling-orgs/{}", w.org_b), &w.a)
        .await
        .problem(404);
    t.get(
        &format!("/api/v1/handling-orgs/{}", w.org_b),
        &stranger_staff,
    )
    .await
    .problem(404);
    assert_eq!(
        t.get("/api/v1/handling-orgs", &w.staff)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Settings of a congress out of scope.
    t.get(
        &format!("/api/v1/congresses/{}/suggestion-settings", w.town),
        &stranger_staff,
    )
    .await
    .problem(404);
    // Creating organisations and their logins.
    t.post(
        "/api/v1/handling-orgs",
        &w.dep[0],
        json!({"congress_id": w.town, "name": "x"}),
    )
    .await
    .problem(403);
    let p = t
        .post(
            "/api/v1/handling-orgs",
            &w.staff,
            json!({"congress_id": w.town, "name": "镇财政所"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "taken");
    t.post(
        &format!("/api/v1/handling-orgs/{}/users", w.org_a),
        &w.staff,
        json!({"username": "x1", "display_name": "x", "password": PASSWORD}),
    )
    .await
    .problem(403);
}

#[actix_web::test]
async fn the_tipdm_taxonomy_imports_from_the_real_file() {
    let w = world().await;
    let t = &w.t;
    let path = shared_dir().join("data/real/tipdm2020-smart-government-messages/附件1.xlsx");
    let bytes = std::fs::read(&path).expect("the TipDM taxonomy file");
    let url = format!(
        "/api/v1/suggestion-categories/import?congress_id={}",
        t.district
    );
    let r = t
        .send_bytes(Method::POST, &url, Some(&t.admin), XLSX, bytes.clone())
        .await
        .ok(200);
    assert_eq!(r["rows"], 517);
    assert_eq!(r["created"][0], 15);
    assert!(r["skipped"].as_array().unwrap().is_empty(), "{r}");
    // Three levels, each path once: as many level-3 categories as distinct rows.
    let level3 = r["created"][2].as_u64().unwrap();
    assert!(level3 > 400 && level3 <= 517, "{r}");
    // Importing again changes nothing.
    let again = t
        .send_bytes(Method::POST, &url, Some(&t.admin), XLSX, bytes)
        .await
        .ok(200);
    assert_eq!(again["created"], json!([0, 0, 0]));
    assert_eq!(again["existing"], r["created"]);
    // A township uses the district's taxonomy next to its own.
    let cats = t
        .get(
            &format!(
                "/api/v1/suggestion-categories?congress_id={}&level=3",
                w.town
            ),
            &w.staff,
        )
        .await
        .ok(200);
    assert!(cats
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["path"] == "城乡建设 / 安全生产 / 事故处理"));
    let leaf = cats
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "劳动和社会保障 / 退休政策及待遇 / 退休金发放")
        .unwrap();
    let s = t
        .post(
            "/api/v1/suggestions",
            &w.dep[0],
            json!({"kind": "suggestion", "title": "关于退休金按时发放的建议", "category_id": leaf["id"]}),
        )
        .await
        .ok(201);
    assert_eq!(
        s["category_path"],
        "劳动和社会保障 / 退休政策及待遇 / 退休金发放"
    );
    // Not for deputies; a file without the header is refused with a reason.
    t.send_bytes(
        Method::POST,
        &url,
        Some(&w.dep[0]),
        "text/csv",
        b"a,b\n".to_vec(),
    )
    .await
    .problem(403);
    let p = t
        .send_bytes(
            Method::POST,
            &url,
            Some(&t.admin),
            "text/csv",
            b"a,b\n1,2\n".to_vec(),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "missing_header");
}

#[actix_web::test]
async fn r8_the_handling_report_counts_by_organisation_and_category() {
    let w = world().await;
    let t = &w.t;
    let rate = |s: Uuid, token: &str, result: &str| {
        let path = format!("/api/v1/suggestions/{s}/feedback");
        let body = json!({"attitude": "satisfied", "result": result});
        let token = token.to_string();
        async move { t.post(&path, &token, body).await.ok(200) }
    };
    let reply = |s: Uuid, token: &str, class: &str| {
        let token = token.to_string();
        let class = class.to_string();
        let w = &w;
        async move {
            w.consult(s, &token).await;
            let r = t
                .post(
                    &format!("/api/v1/suggestions/{s}/replies"),
                    &token,
                    json!({"result_class": class, "body": "答复"}),
                )
                .await
                .ok(201);
            t.post(
                &format!("/api/v1/replies/{}/send", id(&r)),
                &token,
                json!({}),
            )
            .await
            .ok(200);
        }
    };
    // 1: A (lead) and B (co), replied on time, class A, both satisfied.
    let (one, _) = w.referred(None).await;
    w.act(one, &w.a, json!({"action": "start"})).await.ok(200);
    reply(one, &w.a, "A").await;
    rate(one, &w.dep[0], "satisfied").await;
    rate(one, &w.dep[1], "satisfied").await;
    // 2: A, referred on 31 January 2025, never replied: overdue.
    w.referred(Some("2025-01-31")).await;
    // 3: B alone, referred on 31 January 2025, replied now (late), class C, one dissatisfied.
    let three = w.submitted().await;
    w.submitted_on(three, "2025-01-20");
    w.act(three, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    w.act(
        three,
        &w.staff,
        json!({"action": "refer", "lead_org_id": w.org_b, "referred_on": "2025-01-31"}),
    )
    .await
    .ok(200);
    w.act(three, &w.b, json!({"action": "start"})).await.ok(200);
    reply(three, &w.b, "C").await;
    rate(three, &w.dep[0], "satisfied").await;
    rate(three, &w.dep[1], "dissatisfied").await;
    // 4: not accepted.
    let four = w.submitted().await;
    w.act(
        four,
        &w.staff,
        json!({"action": "not_accept", "code": "personal_matter", "reason": "属个人私事"}),
    )
    .await
    .ok(200);

    let r = t
        .get(
            &format!("/api/v1/suggestion-report?from=2025-01-01&to={}", today()),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(r["submitted"], 4);
    let org_figures = |o: &Value| -> Vec<u64> {
        [
            "received_as_lead",
            "received_as_co",
            "replied",
            "replied_on_time",
            "replied_late",
            "overdue",
        ]
        .iter()
        .map(|k| o[k].as_u64().unwrap())
        .collect()
    };
    let a = &r["by_org"][0];
    assert_eq!(a["name"], "镇农业农村办公室");
    assert_eq!(org_figures(a), [2, 0, 1, 1, 0, 1]);
    assert_eq!(a["result_classes"], json!([1, 0, 0, 0]));
    assert_eq!(a["satisfaction"]["satisfaction_rate"], 1.0);
    let b = &r["by_org"][1];
    assert_eq!(b["name"], "镇建设管理办公室");
    // Co-handler of items 1 and 2, lead of item 3.
    assert_eq!(org_figures(b), [1, 2, 1, 0, 1, 0]);
    assert_eq!(b["result_classes"], json!([0, 0, 1, 0]));
    assert_eq!(b["satisfaction"]["dissatisfied"], 1);
    assert_eq!(b["satisfaction"]["satisfaction_rate"], 0.5);
    assert_eq!(r["by_category"].as_array().unwrap().len(), 1);
    let c = &r["by_category"][0];
    assert_eq!(c["name"], "城乡建设");
    let figures: Vec<u64> = [
        "submitted",
        "not_accepted",
        "in_handling",
        "replied",
        "closed",
    ]
    .iter()
    .map(|k| c[k].as_u64().unwrap())
    .collect();
    assert_eq!(figures, [4, 1, 1, 2, 0]);
    assert_eq!(c["satisfaction"]["satisfaction_rate"], 0.75);
    // By default, this year's items only.
    let r = t.get("/api/v1/suggestion-report", &w.staff).await.ok(200);
    assert_eq!(r["submitted"], 2);
    // XLSX export with the same figures.
    let x = t
        .get(
            &format!(
                "/api/v1/suggestion-report?from=2025-01-01&to={}&format=xlsx",
                today()
            ),
            &w.staff,
        )
        .await;
    assert_eq!(x.status.as_u16(), 200);
    assert_eq!(x.header("content-type").as_deref(), Some(XLSX));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("按承办单位").unwrap();
    assert_eq!(sheet.get((1, 0)).unwrap().to_string(), "镇农业农村办公室");
    assert_eq!(sheet.get((1, 1)).unwrap().to_string(), "2");
    assert_eq!(sheet.get((2, 14)).unwrap().to_string(), "50.0%");
    let sheet = book.worksheet_range("按分类").unwrap();
    assert_eq!(sheet.get((1, 0)).unwrap().to_string(), "城乡建设");
    // Not for deputies nor organisations; bad parameters are 422.
    t.get("/api/v1/suggestion-report", &w.dep[0])
        .await
        .problem(403);
    t.get("/api/v1/suggestion-report", &w.a).await.problem(403);
    let p = t
        .get("/api/v1/suggestion-report?format=pdf", &w.staff)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?format");
    t.get(
        "/api/v1/suggestion-report?from=2026-02-01&to=2026-01-01",
        &w.staff,
    )
    .await
    .problem(422);
}

#[actix_web::test]
async fn return_is_allowed_on_the_last_working_day_and_refused_the_day_after() {
    let w = world().await;
    let mut conn = w.t.db.conn();
    let due = |conn: &mut diesel::PgConnection, d: NaiveDate| {
        renda_api::suggestions::calendar::add_working_days(conn, d, 7).unwrap()
    };
    // The latest referral date whose limit has passed: refused.
    let late = (1..60)
        .map(|k| today() - chrono::Duration::days(k))
        .find(|d| due(&mut conn, *d) < today())
        .unwrap();
    let (s, r) = w.referred(Some(&late.to_string())).await;
    assert_eq!(
        r["referrals"][0]["return_due"],
        due(&mut conn, late).to_string()
    );
    let p = w
        .act(
            s,
            &w.b,
            json!({"action": "return", "reason": "不属于本单位职责"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "return_period_over");
    // A referral whose 7th working day is today (when today is a working day): allowed.
    if let Some(on_time) = (1..60)
        .map(|k| today() - chrono::Duration::days(k))
        .find(|d| due(&mut conn, *d) == today())
    {
        let (s, _) = w.referred(Some(&on_time.to_string())).await;
        let r = w
            .act(
                s,
                &w.a,
                json!({"action": "return", "reason": "不属于本单位职责"}),
            )
            .await;
        // 204: the organisation no longer sees the item it returned.
        assert_eq!(r.status.as_u16(), 204);
        assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "returned");
    }
}

#[actix_web::test]
async fn a_co_handler_may_return_its_part_after_the_lead_starts_until_its_last_day() {
    let w = world().await;
    let t = &w.t;
    // Sets the last day organisation `org` may return item `s` (local practice: 7 working
    // days after referral, so "today" and "yesterday" whatever the calendar).
    let return_due = |s: Uuid, org: Uuid, day: NaiveDate| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE suggestion_referrals SET return_due = '{day}' WHERE suggestion_id = '{s}' AND handling_org_id = '{org}'"
        ))
        .execute(&mut t.db.conn())
        .unwrap();
    };
    let back = json!({"action": "return", "reason": "不属于本单位职责"});
    // The lead (A) starts handling; the co-handler's (B) last day is today: it may still
    // return its part, and the item stays in progress with the lead.
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    return_due(s, w.org_b, today());
    let r = w.act(s, &w.b, back.clone()).await;
    assert_eq!(r.status.as_u16(), 204);
    w.get(s, &w.b).await.problem(404);
    let r = w.get(s, &w.staff).await.ok(200);
    assert_eq!(r["status"], "in_progress");
    let returned: Vec<(&str, bool)> = r["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["role"].as_str().unwrap(), f["returned_at"].is_string()))
        .collect();
    assert_eq!(returned, [("lead", false), ("co", true)]);
    let h = t
        .get(&format!("/api/v1/suggestions/{s}/history"), &w.staff)
        .await
        .ok(200);
    let last = h.as_array().unwrap().last().unwrap();
    assert_eq!(last["action"], "return_co");
    assert_eq!(last["to_status"], "in_progress");
    // The lead may not return once it has started, though its own window is open.
    let p = w.act(s, &w.a, back.clone()).await.problem(409);
    assert_eq!(code(&p), "invalid_transition");
    assert_eq!(w.get(s, &w.a).await.ok(200)["status"], "in_progress");

    // Extended: the day after its last day the co-handler is refused; on it, allowed.
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    w.act(
        s,
        &w.staff,
        json!({"action": "extend", "months": 1, "reason": "涉及多个部门"}),
    )
    .await
    .ok(200);
    return_due(s, w.org_b, today().pred_opt().unwrap());
    let p = w.act(s, &w.b, back.clone()).await.problem(409);
    assert_eq!(code(&p), "return_period_over");
    assert!(p["detail"]
        .as_str()
        .unwrap()
        .contains(&today().pred_opt().unwrap().to_string()));
    return_due(s, w.org_b, today());
    let r = w.act(s, &w.b, back.clone()).await;
    assert_eq!(r.status.as_u16(), 204);
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "extended");

    // Once the lead has replied, no longer, even within the window.
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    w.consult(s, &w.a).await;
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "B", "body": "已列入明年计划。"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &w.a,
        json!({}),
    )
    .await
    .ok(200);
    let p = w.act(s, &w.b, back).await.problem(409);
    assert_eq!(code(&p), "invalid_transition");
}

#[actix_web::test]
async fn refused_steps_in_handling_and_the_limit_of_rehandling_rounds() {
    let w = world().await;
    let t = &w.t;
    // Withdrawal is possible from a draft and from accepted, not once referred.
    let d = id(&w.draft().await);
    let r = w
        .act(d, &w.dep[0], json!({"action": "withdraw"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "withdrawn");
    // A draft withdrawn before it was ever submitted stays its authors' own: the office
    // reads neither it, its history nor its attachments, and does not list it.
    w.get(d, &w.staff).await.problem(404);
    w.get(d, &w.dep[0]).await.ok(200);
    for path in [
        format!("/api/v1/suggestions/{d}/history"),
        format!("/api/v1/suggestions/{d}/attachments"),
    ] {
        t.get(&path, &w.staff).await.problem(404);
    }
    let list = t
        .get("/api/v1/suggestions?limit=200", &w.staff)
        .await
        .ok(200);
    assert!(!list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == d.to_string()));
    let s = w.submitted().await;
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let r = w
        .act(s, &w.dep[0], json!({"action": "withdraw"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "withdrawn");
    // Re-handling in 2 months, once (settings).
    t.put(
        &format!("/api/v1/congresses/{}/suggestion-settings", w.town),
        &w.staff,
        "\"1\"",
        json!({"referral_working_days": 7, "return_working_days": 7, "rehandling_months": 2,
               "due_soon_days": 7, "max_rehandling_rounds": 1}),
    )
    .await
    .ok(200);
    let (s, _) = w.referred(None).await;
    let p = w
        .act(s, &w.dep[0], json!({"action": "withdraw"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    for (token, body) in [
        (&w.a, json!({"action": "start"})),
        (&w.a, json!({"action": "return", "reason": "x"})),
        (&w.staff, json!({"action": "accept"})),
        (&w.staff, json!({"action": "refer", "lead_org_id": w.org_c})),
        (&w.staff, json!({"action": "close"})),
    ] {
        let p = w.act(s, token, body).await.problem(409);
        assert_eq!(code(&p), "invalid_transition");
    }
    let w = &w;
    let send = |token: String| async move {
        w.consult(s, &token).await;
        let r = t
            .post(
                &format!("/api/v1/suggestions/{s}/replies"),
                &token,
                json!({"result_class": "B", "body": "正在解决"}),
            )
            .await
            .ok(201);
        t.post(
            &format!("/api/v1/replies/{}/send", id(&r)),
            &token,
            json!({}),
        )
        .await
        .ok(200)
    };
    // The co-handler's reply is its input: no change of state.
    send(w.b.clone()).await;
    assert_eq!(w.get(s, &w.staff).await.ok(200)["status"], "in_progress");
    send(w.a.clone()).await;
    // Replied: no more consultations or replies until re-handling.
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/consultations"),
            &w.a,
            json!({"form": "phone", "held_on": today(), "met_by": "x"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "not_in_handling");
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "x"}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "not_in_handling");
    // Only signers rate.
    t.post(
        &format!("/api/v1/suggestions/{s}/feedback"),
        &w.a,
        json!({"attitude": "satisfied", "result": "satisfied"}),
    )
    .await
    .problem(403);
    let rate = |token: String, result: &'static str| async move {
        t.post(
            &format!("/api/v1/suggestions/{s}/feedback"),
            &token,
            json!({"attitude": "dissatisfied", "result": result}),
        )
        .await
        .ok(200)
    };
    rate(w.dep[0].clone(), "satisfied").await;
    // A dissatisfied attitude is enough to send it back.
    let r = rate(w.dep[1].clone(), "satisfied").await;
    assert_eq!(r["status"], "rehandling");
    let due = today().checked_add_months(Months::new(2)).unwrap();
    assert_eq!(r["rehandling_due"], due.to_string());
    send(w.a.clone()).await;
    rate(w.dep[0].clone(), "dissatisfied").await;
    // Past the one re-handling round, the item stays rated for the office to close.
    let r = rate(w.dep[1].clone(), "dissatisfied").await;
    assert_eq!(r["status"], "rated");
    assert_eq!(r["round"], 2);
    w.act(s, &w.dep[0], json!({"action": "close"}))
        .await
        .problem(403);
    w.act(
        s,
        &w.staff,
        json!({"action": "close", "note": "已做解释工作"}),
    )
    .await
    .ok(200);
    for body in [
        json!({"action": "supervise", "is_key": true}),
        json!({"action": "extend", "months": 1, "reason": "x"}),
        json!({"action": "close"}),
    ] {
        let p = w.act(s, &w.staff, body).await.problem(409);
        assert_eq!(code(&p), "invalid_transition");
    }
}

#[actix_web::test]
async fn reminders_go_to_the_holders_and_the_office_once_per_deadline() {
    let w = world().await;
    let t = &w.t;
    let (late, _) = w.referred(Some("2025-01-31")).await;
    let soon_day = (today() + chrono::Duration::days(3))
        .checked_sub_months(Months::new(3))
        .unwrap();
    let (soon, _) = w.referred(Some(&soon_day.to_string())).await;
    let (_fresh, _) = w.referred(None).await;

    // Only the office runs a sweep by hand.
    t.post("/api/v1/reminders/sweep", &w.a, json!({}))
        .await
        .problem(403);
    let r = t
        .post("/api/v1/reminders/sweep", &w.staff, json!({}))
        .await
        .ok(200);
    assert_eq!(r["today"], today().to_string());
    assert_eq!(r["due"], 2, "{r}");
    // The co-handler B's input to the lead (1 month after referral) is overdue on both.
    assert_eq!(r["co_inputs_due"], 2, "{r}");
    // Each of the two: the office, the lead A and the co-handler B; and B's two inputs.
    assert_eq!(r["written"], 8, "{r}");
    let again = t
        .post("/api/v1/reminders/sweep", &w.staff, json!({}))
        .await
        .ok(200);
    assert_eq!(again["written"], 0, "a sweep writes each reminder once");

    let inbox = |token: &str| {
        let token = token.to_string();
        async move {
            t.get("/api/v1/reminders", &token)
                .await
                .ok(200)
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        id(&json!({"id": r["suggestion_id"]})),
                        r["kind"].as_str().unwrap().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let mut a = inbox(&w.a).await;
    a.sort();
    let mut want = vec![
        (late, "overdue".to_string()),
        (soon, "due_soon".to_string()),
    ];
    want.sort();
    assert_eq!(a, want);
    assert_eq!(inbox(&w.staff).await.len(), 2);
    assert!(inbox(&w.c).await.is_empty(), "C holds nothing");
    // An organisation that no longer holds an item (returned) no longer sees its reminders.
    assert_eq!(inbox(&w.b).await.len(), 4);
    {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE suggestion_referrals SET returned_at = now() WHERE suggestion_id = '{late}' AND handling_org_id = '{}'",
            w.org_b
        ))
        .execute(&mut t.db.conn())
        .unwrap();
    }
    let mut b = inbox(&w.b).await;
    b.sort();
    assert_eq!(
        b,
        vec![
            (soon, "due_soon".to_string()),
            (soon, "input_overdue".to_string())
        ]
    );
    t.get("/api/v1/reminders", &w.dep[0]).await.problem(403);

    // Read: only one's own; unread filters.
    let first = t.get("/api/v1/reminders", &w.a).await.ok(200)[0].clone();
    let rid = id(&first);
    t.post(&format!("/api/v1/reminders/{rid}/read"), &w.c, json!({}))
        .await
        .problem(404);
    t.post(
        &format!("/api/v1/reminders/{rid}/read"),
        &w.staff,
        json!({}),
    )
    .await
    .problem(404);
    let res = t
        .post(&format!("/api/v1/reminders/{rid}/read"), &w.a, json!({}))
        .await;
    assert_eq!(res.status.as_u16(), 204);
    let unread = t.get("/api/v1/reminders?unread=true", &w.a).await.ok(200);
    assert_eq!(unread.as_array().unwrap().len(), 1);
    assert!(unread[0]["id"] != first["id"]);
}

#[actix_web::test]
async fn r8_the_public_list_shows_replied_items_without_personal_data() {
    let w = world().await;
    let t = &w.t;
    let (s, _) = w.referred(None).await;
    let (_pending, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    t.post(
        &format!("/api/v1/suggestions/{s}/consultations"),
        &w.a,
        json!({"form": "phone", "held_on": today(), "met_by": "农业农村办主任 孙立"}),
    )
    .await
    .ok(201);
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "已修缮。联系人孙立，电话13912345678。"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &w.a,
        json!({}),
    )
    .await
    .ok(200);

    // No login needed.
    let path = format!("/api/v1/public/suggestions?congress_id={}", w.town);
    let page = t.call(Method::GET, &path, None, None, &[]).await.ok(200);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the replied item: {page}");
    let item = &items[0];
    assert_eq!(item["id"], json!(s));
    assert_eq!(item["title"], "关于修缮村道的建议");
    assert_eq!(
        item["handling_orgs"],
        json!(["镇农业农村办公室", "镇建设管理办公室"])
    );
    assert_eq!(item["replies"][0]["result_class"], "A");
    assert_eq!(
        item["replies"][0]["body"],
        "已修缮。联系人孙立，电话139******78。"
    );
    assert_eq!(item["replies"][0]["handling_org_name"], "镇农业农村办公室");
    let text = page.to_string();
    for hidden in [
        "王建国",
        "李秀英",
        "13912345678",
        "lead_deputy_id",
        "signers",
        "feedback",
    ] {
        assert!(!text.contains(hidden), "{hidden} is not public: {text}");
    }
    // Another congress's list is empty; a bad limit is a 422.
    let other = t.township("别镇人民代表大会").await;
    let empty = t
        .call(
            Method::GET,
            &format!("/api/v1/public/suggestions?congress_id={other}"),
            None,
            None,
            &[],
        )
        .await
        .ok(200);
    assert_eq!(empty["items"], json!([]));
    t.call(Method::GET, &format!("{path}&limit=0"), None, None, &[])
        .await
        .problem(422);
    t.call(Method::GET, "/api/v1/public/suggestions", None, None, &[])
        .await
        .problem(422);
}

#[actix_web::test]
async fn attachments_follow_the_drafts_and_the_replies_they_belong_to() {
    let w = world().await;
    let t = &w.t;
    let pdf = b"%PDF-1.7\n% test\n".to_vec();
    let upload = |s: Uuid, token: &str, name: &str, extra: &str, body: Vec<u8>| {
        let token = token.to_string();
        let path = format!("/api/v1/suggestions/{s}/attachments?filename={name}{extra}");
        async move {
            t.send_bytes(
                Method::POST,
                &path,
                Some(&token),
                "application/octet-stream",
                body,
            )
            .await
        }
    };
    // The author attaches to the draft; a co-signer may not; bad files are refused.
    let draft = w.draft().await;
    let s = id(&draft);
    let a = upload(s, &w.dep[0], "现场照片说明.pdf", "", pdf.clone())
        .await
        .ok(201);
    assert_eq!(a["file_name"], "现场照片说明.pdf");
    assert_eq!(a["size_bytes"], pdf.len() as u64);
    upload(s, &w.dep[1], "b.pdf", "", pdf.clone())
        .await
        .problem(403);
    upload(s, &w.dep[0], "a.exe", "", b"MZ".to_vec())
        .await
        .problem(415);
    upload(s, &w.dep[0], "a.pdf", "", b"<html>".to_vec())
        .await
        .problem(415);
    upload(s, &w.dep[0], "a.pdf", "", vec![]).await.problem(422);
    // Readers of the item read it; the file comes back as an attachment.
    let got = t
        .get(&format!("/api/v1/attachments/{}", id(&a)), &w.dep[0])
        .await;
    assert_eq!(got.status.as_u16(), 200);
    assert_eq!(got.bytes, pdf);
    assert!(got
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    // Outsiders: another deputy, an organisation, staff (a draft is its authors' only).
    for token in [&w.dep[2], &w.a, &w.staff] {
        t.get(&format!("/api/v1/attachments/{}", id(&a)), token)
            .await
            .problem(404);
        t.get(&format!("/api/v1/suggestions/{s}/attachments"), token)
            .await
            .problem(404);
    }

    // After submission the author can no longer change them; the office can.
    t.post(
        &format!("/api/v1/suggestions/{s}/confirm"),
        &w.dep[1],
        json!({}),
    )
    .await
    .ok(200);
    w.act(s, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    let p = t
        .call(
            Method::DELETE,
            &format!("/api/v1/attachments/{}", id(&a)),
            Some(&w.dep[0]),
            None,
            &[],
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "conflict");
    upload(s, &w.dep[0], "later.pdf", "", pdf.clone())
        .await
        .problem(409);
    upload(s, &w.staff, "扫描件.pdf", "", pdf.clone())
        .await
        .ok(201);

    // A reply draft's attachment is its organisation's alone until the reply is sent.
    w.act(s, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    w.act(
        s,
        &w.staff,
        json!({"action": "refer", "lead_org_id": w.org_a, "co_org_ids": [w.org_b]}),
    )
    .await
    .ok(200);
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "A", "body": "已修缮。"}),
        )
        .await
        .ok(201);
    let rid = id(&reply);
    let ra = upload(
        s,
        &w.a,
        "验收单.pdf",
        &format!("&reply_id={rid}"),
        pdf.clone(),
    )
    .await
    .ok(201);
    assert_eq!(ra["reply_id"], json!(rid));
    upload(s, &w.b, "x.pdf", &format!("&reply_id={rid}"), pdf.clone())
        .await
        .problem(404);
    let names = |v: Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| a["file_name"].as_str().unwrap().to_string())
            .collect()
    };
    let list = |token: &str| {
        let token = token.to_string();
        async move {
            names(
                t.get(&format!("/api/v1/suggestions/{s}/attachments"), &token)
                    .await
                    .ok(200),
            )
        }
    };
    assert_eq!(
        list(&w.a).await,
        ["现场照片说明.pdf", "扫描件.pdf", "验收单.pdf"]
    );
    assert_eq!(list(&w.dep[0]).await, ["现场照片说明.pdf", "扫描件.pdf"]);
    t.get(&format!("/api/v1/attachments/{}", id(&ra)), &w.dep[0])
        .await
        .problem(404);
    w.consult(s, &w.a).await;
    t.post(&format!("/api/v1/replies/{rid}/send"), &w.a, json!({}))
        .await
        .ok(200);
    assert_eq!(list(&w.dep[1]).await.len(), 3, "sent: every signer sees it");
    let got = t
        .get(&format!("/api/v1/attachments/{}", id(&ra)), &w.dep[1])
        .await;
    assert_eq!(got.status.as_u16(), 200);
    assert_eq!(got.bytes, pdf);
    // Sent: the organisation can no longer remove it; C never sees the item.
    t.call(
        Method::DELETE,
        &format!("/api/v1/attachments/{}", id(&ra)),
        Some(&w.a),
        None,
        &[],
    )
    .await
    .problem(409);
    t.get(&format!("/api/v1/attachments/{}", id(&ra)), &w.c)
        .await
        .problem(404);
}

#[actix_web::test]
async fn updated_since_syncs_every_change_oldest_first() {
    let w = world().await;
    let t = &w.t;
    let s1 = w.submitted().await;
    let s2 = w.submitted().await;
    let mark = w.get(s2, &w.staff).await.ok(200)["updated_at"]
        .as_str()
        .unwrap()
        .to_string();
    let since = encode_uri(&mark);
    let ids = |v: Value| -> Vec<Uuid> { v["items"].as_array().unwrap().iter().map(id).collect() };
    let page = t
        .get(
            &format!("/api/v1/suggestions?updated_since={since}"),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(ids(page.clone()), [s2]);
    assert!(page["next_cursor"].is_null());
    // A step on the older item brings it back, after s2.
    w.act(s1, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    let page = t
        .get(
            &format!("/api/v1/suggestions?updated_since={since}"),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(ids(page), [s2, s1]);
    // Scope still applies: the co-signer of both sees both, another deputy neither.
    assert_eq!(
        ids(t
            .get(
                &format!("/api/v1/suggestions?updated_since={since}"),
                &w.dep[2]
            )
            .await
            .ok(200)),
        Vec::<Uuid>::new()
    );
    // Items sharing one instant (as an import writes them) page by (updated_at, id).
    {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE suggestions SET updated_at = '{mark}' WHERE id IN ('{s1}', '{s2}')"
        ))
        .execute(&mut t.db.conn())
        .unwrap();
    }
    let first = t
        .get(
            &format!("/api/v1/suggestions?updated_since={since}&limit=1"),
            &w.staff,
        )
        .await
        .ok(200);
    let next = first["next_cursor"].as_str().unwrap().to_string();
    let second = t
        .get(
            &format!("/api/v1/suggestions?updated_since={since}&cursor={next}&limit=1"),
            &w.staff,
        )
        .await
        .ok(200);
    let mut both = ids(first);
    both.extend(ids(second.clone()));
    both.sort();
    let mut want = vec![s1, s2];
    want.sort();
    assert_eq!(both, want, "each item once, none skipped");
    assert!(second["next_cursor"].is_null());
}

#[actix_web::test]
async fn the_list_pages_newest_first_on_request() {
    let w = world().await;
    let t = &w.t;
    let (s1, s2, s3) = (
        id(&w.draft().await),
        id(&w.draft().await),
        id(&w.draft().await),
    );
    let ids =
        |page: &Value| -> Vec<Uuid> { page["items"].as_array().unwrap().iter().map(id).collect() };
    let dep = &w.dep[0];
    let list = |query: String| async move {
        t.get(&format!("/api/v1/suggestions?{query}"), dep)
            .await
            .ok(200)
    };
    // Newest first: the last two, then the cursor gives the first.
    let page = list("order=newest&limit=2".into()).await;
    assert_eq!(ids(&page), [s3, s2]);
    let next = page["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(next, s2.to_string());
    let page = list(format!("order=newest&limit=2&cursor={next}")).await;
    assert_eq!(ids(&page), [s1]);
    assert!(page["next_cursor"].is_null());
    // The default, and `oldest`, stay in creation order.
    for query in ["limit=2", "order=oldest&limit=2"] {
        let page = list(query.into()).await;
        assert_eq!(ids(&page), [s1, s2]);
        let next = page["next_cursor"].as_str().unwrap();
        let page = list(format!("{query}&cursor={next}")).await;
        assert_eq!(ids(&page), [s3]);
    }
    // Syncing keeps its own order: `newest` with `updated_since` is refused.
    let p = t
        .get(
            "/api/v1/suggestions?order=newest&updated_since=2020-01-01T00:00:00Z",
            &w.dep[0],
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?order");
    let p = t
        .get("/api/v1/suggestions?order=latest", &w.dep[0])
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?order");
}

#[actix_web::test]
async fn integration_keys_see_what_their_scopes_allow() {
    let w = world().await;
    let t = &w.t;
    let s = w.submitted().await;
    // An integration user of the township; a key with suggestions:read only.
    let user = t
        .post(
            "/api/v1/users",
            &t.admin,
            json!({"username": "district_sync", "display_name": "区人大履职平台",
                   "password": PASSWORD, "role": "integration", "congress_id": w.town}),
        )
        .await
        .ok(201);
    let key = t
        .post(
            "/api/v1/api-keys",
            &t.admin,
            json!({"user_id": id(&user), "name": "区平台同步", "scopes": ["suggestions:read"]}),
        )
        .await
        .ok(201);
    let secret = key["key"].as_str().unwrap().to_string();
    assert!(secret.starts_with("rk_"));
    // Read with the key as a bearer token or in X-API-Key.
    let page = t.get("/api/v1/suggestions", &secret).await.ok(200);
    assert_eq!(page["items"][0]["id"], json!(s));
    let via_header = t
        .call(
            Method::GET,
            &format!("/api/v1/suggestions/{s}"),
            None,
            None,
            &[("X-API-Key", &secret)],
        )
        .await
        .ok(200);
    assert_eq!(via_header["id"], json!(s));
    // Outside its scopes: writing suggestions, the registry, meetings.
    let p = t
        .post(
            &format!("/api/v1/suggestions/{s}/transitions"),
            &secret,
            json!({"action": "accept"}),
        )
        .await
        .problem(403);
    assert!(
        p["detail"].as_str().unwrap().contains("suggestions:write"),
        "{p}"
    );
    t.get("/api/v1/deputies", &secret).await.problem(403);
    // The area follows the route, however the path is spelled: a registry key does not
    // reach suggestions through a percent-encoded path.
    let registry = t
        .post(
            "/api/v1/api-keys",
            &t.admin,
            json!({"user_id": id(&user), "name": "名册", "scopes": ["registry:read"]}),
        )
        .await
        .ok(201)["key"]
        .as_str()
        .unwrap()
        .to_string();
    t.get("/api/v1/deputies", &registry).await.ok(200);
    for path in [
        "/api/v1/%73uggestions",
        "/api/v1/suggestions/",
        "/api/v1/Suggestions",
    ] {
        let r = t.call(Method::GET, path, Some(&registry), None, &[]).await;
        assert!(
            matches!(r.status.as_u16(), 403 | 404),
            "{path}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.bytes)
        );
    }
    t.get("/api/v1/activities?month=2022-01", &secret)
        .await
        .problem(403);
    // Keys are for integration users only, made by an admin; the list never shows secrets.
    let p = t
        .post(
            "/api/v1/api-keys",
            &t.admin,
            json!({"user_id": id(&json!({"id": w.deputies[0]})), "name": "x", "scopes": ["registry:read"]}),
        )
        .await;
    assert!(matches!(p.status.as_u16(), 404 | 422));
    t.post(
        "/api/v1/api-keys",
        &w.staff,
        json!({"user_id": id(&user), "name": "x", "scopes": ["registry:read"]}),
    )
    .await
    .problem(403);
    t.post(
        "/api/v1/api-keys",
        &t.admin,
        json!({"user_id": id(&user), "name": "x", "scopes": []}),
    )
    .await
    .problem(422);
    let list = t.get("/api/v1/api-keys", &t.admin).await.ok(200);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list.as_array().unwrap().iter().all(|k| k["key"].is_null()));
    assert!(!list.to_string().contains(&secret));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|k| k["last_used_at"].is_string()),
        "use is noted: {list}"
    );
    // Revoked: 401 at once; a made-up key is 401 too.
    t.call(
        Method::DELETE,
        &format!("/api/v1/api-keys/{}", id(&key)),
        Some(&t.admin),
        None,
        &[],
    )
    .await
    .ok(200);
    t.get("/api/v1/suggestions", &secret).await.problem(401);
    t.get("/api/v1/suggestions", "rk_madeup").await.problem(401);
}

#[actix_web::test]
async fn r9_r10_suspended_or_terminated_deputies_neither_lead_nor_co_sign() {
    let w = world().await;
    let t = &w.t;
    // Deputy 1 is suspended (DL 61: in custody).
    let d1 = t
        .get(&format!("/api/v1/deputies/{}", w.deputies[1]), &t.admin)
        .await
        .ok(200);
    let mandate = d1["mandates"][0]["id"].as_str().unwrap().to_string();
    t.post(
        &format!("/api/v1/mandates/{mandate}/status"),
        &t.admin,
        json!({"status": "suspended", "reason": "in_custody", "date": "2024-01-02"}),
    )
    .await
    .ok(200);
    let body = |co: Vec<Uuid>| {
        json!({"kind": "suggestion", "title": "关于修缮村道的建议", "content": "村道破损。",
               "category_id": w.category, "co_signer_ids": co})
    };
    let p = t
        .post("/api/v1/suggestions", &w.dep[0], body(vec![w.deputies[1]]))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/co_signer_ids/0");
    assert_eq!(p["errors"][0]["code"], "not_in_office");
    let p = t
        .post("/api/v1/suggestions", &w.dep[1], body(vec![]))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/lead_deputy_id");
    // Others still may.
    t.post("/api/v1/suggestions", &w.dep[0], body(vec![w.deputies[2]]))
        .await
        .ok(201);
}

#[actix_web::test]
async fn the_office_closes_a_reply_left_unrated_for_thirty_days_with_a_note() {
    let w = world().await;
    let t = &w.t;
    let (s, _) = w.referred(None).await;
    w.act(s, &w.a, json!({"action": "start"})).await.ok(200);
    let reply = t
        .post(
            &format!("/api/v1/suggestions/{s}/replies"),
            &w.a,
            json!({"result_class": "B", "body": "已列入明年计划。"}),
        )
        .await
        .ok(201);
    w.consult(s, &w.a).await;
    t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &w.a,
        json!({}),
    )
    .await
    .ok(200);
    let backdate = |days: i64| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE suggestion_replies SET sent_at = now() - interval '{days} days' WHERE suggestion_id = '{s}'"
        ))
        .execute(&mut t.db.conn())
        .unwrap();
    };
    // 29 days: the signers still have time.
    backdate(29);
    let p = w
        .act(s, &w.staff, json!({"action": "close", "note": "未测评"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    // 30 days: the office may close, but must say why.
    backdate(30);
    let p = w
        .act(s, &w.staff, json!({"action": "close"}))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/note");
    w.act(s, &w.dep[0], json!({"action": "close", "note": "x"}))
        .await
        .problem(403);
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "close", "note": "答复后 30 天代表未测评，电话询问无异议"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "closed");
}

#[actix_web::test]
async fn r7_deadlines_around_national_day_2026_and_the_31st() {
    let w = world().await;
    // Referred Wednesday 30 September 2026: 1–7 October off, Saturday 10 October worked
    // (State Council notice of November 2025), so the 7th working day is Thursday 15 October.
    let (_, r) = w.referred(Some("2026-09-30")).await;
    assert_eq!(r["referrals"][0]["return_due"], "2026-10-15");
    // Referred Friday 18 September: Sunday 20 September is worked; due Tuesday 29 September.
    let (_, r) = w.referred(Some("2026-09-18")).await;
    assert_eq!(r["referrals"][0]["return_due"], "2026-09-29");
    // R7 by months: referred 31 August 2026 → reply due 30 November (no 31st); the months
    // are not moved off holidays (1 July → 1 October, National Day).
    let (_, r) = w.referred(Some("2026-08-31")).await;
    assert_eq!(r["reply_due"], "2026-11-30");
    let (_, r) = w.referred(Some("2026-07-01")).await;
    assert_eq!(r["reply_due"], "2026-10-01");
}

#[actix_web::test]
async fn the_office_categorises_a_submitted_item() {
    let w = world().await;
    let t = &w.t;
    let other = id(&t
        .post(
            "/api/v1/suggestion-categories",
            &w.staff,
            json!({"congress_id": w.town, "name": "农业农村"}),
        )
        .await
        .ok(201));
    let draft = id(&w.draft().await);
    let p = w
        .act(
            draft,
            &w.staff,
            json!({"action": "categorise", "category_id": other}),
        )
        .await;
    assert!(
        matches!(p.status.as_u16(), 404 | 409),
        "a draft is its authors'"
    );
    let s = w.submitted().await;
    w.act(
        s,
        &w.dep[0],
        json!({"action": "categorise", "category_id": other}),
    )
    .await
    .problem(403);
    let p = w
        .act(
            s,
            &w.staff,
            json!({"action": "categorise", "category_id": Uuid::now_v7()}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/category_id");
    let r = w
        .act(
            s,
            &w.staff,
            json!({"action": "categorise", "category_id": other, "note": "按内容归类"}),
        )
        .await
        .ok(200);
    assert_eq!(r["category_id"], json!(other));
    assert_eq!(r["category_path"], "农业农村");
    assert_eq!(r["status"], "submitted", "the state stays");
    let history = t
        .get(&format!("/api/v1/suggestions/{s}/history"), &w.dep[0])
        .await
        .ok(200);
    let last = history.as_array().unwrap().last().unwrap();
    assert_eq!(last["action"], "categorise");
    assert!(last["note"].as_str().unwrap().contains("农业农村"));
}
