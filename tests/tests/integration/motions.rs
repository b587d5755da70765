//! Motions (议案): R5 (OL 22) — at least 5 township deputies jointly, with subject, grounds
//! and proposed solution — through the agenda decision to the vote, withdrawal with the
//! presidium's consent, and turning a motion into a suggestion; access rules.

use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

struct Town {
    t: TestApp,
    town: Uuid,
    deputies: Vec<Uuid>,
    dep: Vec<String>,
    staff: String,
}

async fn town() -> Town {
    let t = TestApp::with_config(|c| {
        c.login_burst = 50;
        c.login_per_minute = 600;
    })
    .await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    let mut deputies = vec![];
    let mut dep = vec![];
    for (i, name) in [
        "王建国",
        "李秀英",
        "张海燕",
        "赵明华",
        "孙桂兰",
        "周志强",
        "吴春生",
    ]
    .iter()
    .enumerate()
    {
        let d = id(&t.deputy(&t.admin, town, term, json!({"name": name})).await);
        dep.push(t.user(&format!("m{i}"), Role::Deputy, town, Some(d)).await);
        deputies.push(d);
    }
    let staff = t.user("staff", Role::Staff, town, None).await;
    Town {
        t,
        town,
        deputies,
        dep,
        staff,
    }
}

fn code(p: &Value) -> &str {
    p["type"].as_str().unwrap().rsplit('/').next().unwrap()
}

impl Town {
    /// A deputies' motion led by deputy 0 with deputies 1..=n as joint proposers.
    async fn motion(&self, n: usize) -> Uuid {
        let m = self
            .t
            .post(
                "/api/v1/motions",
                &self.dep[0],
                json!({
                    "proposer": "deputies",
                    "subject": "关于制定镇区河道保洁办法的议案",
                    "grounds": "镇区河道垃圾较多，影响环境。",
                    "proposal": "由镇政府制定河道保洁办法并落实经费。",
                    "co_signer_ids": self.deputies[1..=n]
                }),
            )
            .await
            .ok(201);
        assert_eq!(m["status"], "draft");
        id(&m)
    }

    async fn confirm(&self, m: Uuid, who: std::ops::RangeInclusive<usize>) {
        for i in who {
            self.t
                .post(
                    &format!("/api/v1/motions/{m}/confirm"),
                    &self.dep[i],
                    json!({}),
                )
                .await
                .ok(200);
        }
    }

    async fn act(&self, m: Uuid, token: &str, body: Value) -> Res {
        self.t
            .post(&format!("/api/v1/motions/{m}/transitions"), token, body)
            .await
    }
}

#[actix_web::test]
async fn r5_a_deputies_motion_needs_five_confirmed_deputies() {
    let w = town().await;
    // Lead plus three: four deputies are too few (R5; OL 22).
    let m = w.motion(3).await;
    w.confirm(m, 1..=3).await;
    let p = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "too_few_proposers");
    assert!(p["detail"].as_str().unwrap().contains("5"));
    // Lead plus four named, one not yet confirmed: still too few.
    let m = w.motion(4).await;
    w.confirm(m, 1..=3).await;
    let p = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "too_few_proposers");
    // The fifth confirms: exactly five is enough.
    w.confirm(m, 4..=4).await;
    let r = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "submitted");
    assert_eq!(r["signers"].as_array().unwrap().len(), 5);
    // Confirming after submission is refused.
    let m2 = w.motion(5).await;
    w.confirm(m2, 1..=4).await;
    w.act(m2, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    let p =
        w.t.post(
            &format!("/api/v1/motions/{m2}/confirm"),
            &w.dep[5],
            json!({}),
        )
        .await
        .problem(409);
    assert_eq!(code(&p), "not_a_draft");
}

#[actix_web::test]
async fn r5_motion_goes_on_the_agenda_and_is_adopted_or_rejected() {
    let w = town().await;
    let t = &w.t;
    let m = w.motion(4).await;
    w.confirm(m, 1..=4).await;
    // The office does not see the draft; a presidium member cannot decide it yet.
    t.get(&format!("/api/v1/motions/{m}"), &w.staff)
        .await
        .problem(404);
    w.act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    for body in [json!({"action": "adopt"}), json!({"action": "reject"})] {
        let p = w.act(m, &w.staff, body).await.problem(409);
        assert_eq!(code(&p), "invalid_transition");
    }
    let p = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    w.act(m, &w.dep[0], json!({"action": "place_on_agenda"}))
        .await
        .problem(403);
    let presidium = t.user("p", Role::Presidium, w.town, None).await;
    let r = w
        .act(
            m,
            &presidium,
            json!({"action": "place_on_agenda", "note": "主席团第二次会议决定"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "on_agenda");
    // The presidium does not record votes; the office does.
    w.act(m, &presidium, json!({"action": "adopt"}))
        .await
        .problem(403);
    let r = w
        .act(m, &w.staff, json!({"action": "adopt", "note": "表决通过"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "adopted");
    let p = w
        .act(m, &w.staff, json!({"action": "withdraw", "note": "x"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "invalid_transition");
    let h = t
        .get(&format!("/api/v1/motions/{m}/history"), &w.dep[3])
        .await
        .ok(200);
    let to: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from_status"] != e["to_status"])
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(to, ["draft", "submitted", "on_agenda", "adopted"]);
    // Another one, rejected.
    let m = w.motion(4).await;
    w.confirm(m, 1..=4).await;
    w.act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    w.act(m, &w.staff, json!({"action": "place_on_agenda"}))
        .await
        .ok(200);
    let r = w
        .act(m, &w.staff, json!({"action": "reject"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "rejected");
}

#[actix_web::test]
async fn withdrawal_on_the_agenda_needs_the_presidium_and_a_note() {
    let w = town().await;
    let m = w.motion(4).await;
    w.confirm(m, 1..=4).await;
    w.act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    w.act(m, &w.staff, json!({"action": "place_on_agenda"}))
        .await
        .ok(200);
    w.act(
        m,
        &w.dep[0],
        json!({"action": "withdraw", "note": "申请撤回"}),
    )
    .await
    .problem(403);
    let p = w
        .act(m, &w.staff, json!({"action": "withdraw"}))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/note");
    let r = w
        .act(
            m,
            &w.staff,
            json!({"action": "withdraw", "note": "经主席团同意撤回"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "withdrawn");
    // Before the agenda the lead withdraws alone; a joint proposer cannot.
    let m = w.motion(4).await;
    w.act(m, &w.dep[1], json!({"action": "withdraw"}))
        .await
        .problem(403);
    let r = w
        .act(m, &w.dep[0], json!({"action": "withdraw"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "withdrawn");
}

#[actix_web::test]
async fn a_motion_not_on_the_agenda_becomes_a_suggestion_of_the_same_deputies() {
    let w = town().await;
    let t = &w.t;
    let m = w.motion(4).await;
    w.confirm(m, 1..=4).await;
    w.act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    let p = w
        .act(
            m,
            &w.staff,
            json!({"action": "not_on_agenda", "reason": ""}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/reason");
    let r = w
        .act(
            m,
            &w.staff,
            json!({"action": "not_on_agenda", "reason": "不属于本级人大职权范围，作为建议办理", "as_suggestion": true}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "not_on_agenda");
    let s = r["suggestion_id"].as_str().unwrap();
    let sug = t
        .get(&format!("/api/v1/suggestions/{s}"), &w.dep[4])
        .await
        .ok(200);
    assert_eq!(sug["status"], "submitted");
    assert_eq!(sug["title"], "关于制定镇区河道保洁办法的议案");
    assert_eq!(sug["signers"].as_array().unwrap().len(), 5);
    assert!(sug["signers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["confirmed_at"].is_string()));
    assert_eq!(sug["lead_deputy_id"], w.deputies[0].to_string());
    // It goes on as any suggestion.
    let r = t
        .post(
            &format!("/api/v1/suggestions/{s}/transitions"),
            &w.staff,
            json!({"action": "accept"}),
        )
        .await
        .ok(200);
    assert_eq!(r["status"], "accepted");
}

#[actix_web::test]
async fn motions_of_the_presidium_and_access() {
    let w = town().await;
    let t = &w.t;
    // The office enters the presidium's motion; a deputy cannot propose for the presidium.
    t.post(
        "/api/v1/motions",
        &w.dep[0],
        json!({"proposer": "presidium", "subject": "x", "grounds": "x", "proposal": "x"}),
    )
    .await
    .problem(403);
    let p = t
        .post(
            "/api/v1/motions",
            &w.staff,
            json!({"proposer": "presidium", "subject": "", "grounds": "x", "proposal": "x", "congress_id": w.town}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/subject");
    let m = t
        .post(
            "/api/v1/motions",
            &w.staff,
            json!({"proposer": "presidium", "subject": "关于镇2023年财政预算的议案", "grounds": "预算草案", "proposal": "审议批准", "congress_id": w.town}),
        )
        .await
        .ok(201);
    let m = id(&m);
    // No five-deputy rule for the presidium.
    let r = w
        .act(m, &w.staff, json!({"action": "submit"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "submitted");
    let p = w
        .act(
            m,
            &w.staff,
            json!({"action": "not_on_agenda", "reason": "x", "as_suggestion": true}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/as_suggestion");
    // Deputies see their own motions only; organisations nothing; another township nothing.
    let dm = w.motion(4).await;
    t.get(&format!("/api/v1/motions/{m}"), &w.dep[0])
        .await
        .problem(404);
    t.get(&format!("/api/v1/motions/{dm}"), &w.dep[6])
        .await
        .problem(404);
    t.get(&format!("/api/v1/motions/{dm}/history"), &w.dep[6])
        .await
        .problem(404);
    w.act(dm, &w.dep[6], json!({"action": "submit"}))
        .await
        .problem(404);
    t.post(
        &format!("/api/v1/motions/{dm}/confirm"),
        &w.dep[6],
        json!({}),
    )
    .await
    .problem(404);
    t.get(&format!("/api/v1/motions/{dm}"), &w.dep[2])
        .await
        .ok(200);
    let org = t.user("org", Role::HandlingOrg, w.town, None).await;
    t.get("/api/v1/motions", &org).await.problem(403);
    t.get(&format!("/api/v1/motions/{m}"), &org)
        .await
        .problem(403);
    let other = t.township("乙镇人民代表大会").await;
    let stranger = t.user("s2", Role::Staff, other, None).await;
    t.get(&format!("/api/v1/motions/{m}"), &stranger)
        .await
        .problem(404);
    w.act(m, &stranger, json!({"action": "place_on_agenda"}))
        .await
        .problem(404);
    let all = t.get("/api/v1/motions", &stranger).await.ok(200);
    assert_eq!(all, json!([]));
    let mine = t.get("/api/v1/motions", &w.dep[6]).await.ok(200);
    assert_eq!(mine, json!([]));
}
