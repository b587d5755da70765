//! Motions (议案): R5 (OL 22) — at least 5 township deputies jointly, with subject, grounds
//! and proposed solution — through the agenda decision to the vote (R4, OL 25: adopted only
//! with more than half of ALL deputies in office), withdrawal with the presidium's consent,
//! and turning a motion into a suggestion; access rules.

use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

struct Town {
    t: TestApp,
    town: Uuid,
    term: Uuid,
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
        term,
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

    /// Records a change of the deputy's (first) mandate status, e.g. suspended (DL 61).
    async fn mandate_status(&self, deputy: Uuid, body: Value) {
        let d = self
            .t
            .get(&format!("/api/v1/deputies/{deputy}"), &self.t.admin)
            .await
            .ok(200);
        let mandate = d["mandates"][0]["id"].as_str().unwrap().to_string();
        self.t
            .post(
                &format!("/api/v1/mandates/{mandate}/status"),
                &self.t.admin,
                body,
            )
            .await
            .ok(200);
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
async fn r5_r9_r10_only_proposers_in_office_count_and_others_cannot_propose() {
    let w = town().await;
    let t = &w.t;
    // The lead and four joint proposers confirm: five (R5; OL 22)...
    let m = w.motion(5).await;
    w.confirm(m, 1..=4).await;
    // ...then deputy 4 is suspended (DL 61: in custody) and no longer counts.
    w.mandate_status(
        w.deputies[4],
        json!({"status": "suspended", "reason": "in_custody", "date": "2024-01-02"}),
    )
    .await;
    let p = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .problem(409);
    assert_eq!(code(&p), "too_few_proposers");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("5 名代表中，1 名"), "{detail}");
    assert!(detail.contains("在任的只有 4 名"), "{detail}");
    // Deputy 5 confirms: five in office again, exactly enough.
    w.confirm(m, 5..=5).await;
    let r = w
        .act(m, &w.dep[0], json!({"action": "submit"}))
        .await
        .ok(200);
    assert_eq!(r["status"], "submitted");
    // Deputy 6 resigned (DL 62). Neither the suspended nor the terminated deputy joins a
    // motion, nor leads one, whoever enters it.
    w.mandate_status(
        w.deputies[6],
        json!({"status": "terminated", "reason": "resigned", "date": "2024-01-03"}),
    )
    .await;
    let body = |co: &[Uuid]| {
        json!({"proposer": "deputies", "subject": "关于修缮村道的议案", "grounds": "村道破损。",
               "proposal": "镇政府安排资金修缮。", "co_signer_ids": co})
    };
    let p = t
        .post(
            "/api/v1/motions",
            &w.dep[0],
            body(&[w.deputies[1], w.deputies[4], w.deputies[6]]),
        )
        .await
        .problem(422);
    let errors: Vec<(&str, &str)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("/co_signer_ids/1", "not_in_office"),
            ("/co_signer_ids/2", "not_in_office")
        ]
    );
    let p = t
        .post("/api/v1/motions", &w.dep[4], body(&[w.deputies[1]]))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/lead_deputy_id");
    assert_eq!(p["errors"][0]["code"], "not_in_office");
    let mut by_office = body(&[w.deputies[1]]);
    by_office["lead_deputy_id"] = json!(w.deputies[6]);
    let p = t
        .post("/api/v1/motions", &w.staff, by_office)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/lead_deputy_id");
    // Deputies in office still may.
    t.post("/api/v1/motions", &w.dep[0], body(&[w.deputies[1]]))
        .await
        .ok(201);
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
    // 7 deputies in office: 4 for is more than half.
    let adopt = json!({"action": "adopt", "votes_for": 4, "votes_against": 2, "abstentions": 1});
    let reject = json!({"action": "reject", "votes_for": 3, "votes_against": 4, "abstentions": 0});
    for body in [adopt.clone(), reject.clone()] {
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
    w.act(m, &presidium, adopt.clone()).await.problem(403);
    let mut noted = adopt.clone();
    noted["note"] = json!("第一次会议表决");
    let r = w.act(m, &w.staff, noted).await.ok(200);
    assert_eq!(r["status"], "adopted");
    assert_eq!(r["vote"]["votes_for"], 4);
    assert_eq!(r["vote"]["in_office"], 7);
    assert_eq!(r["vote"]["passed"], true);
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
    let r = w.act(m, &w.staff, reject).await.ok(200);
    assert_eq!(r["status"], "rejected");
    assert_eq!(r["vote"]["passed"], false);
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

impl Town {
    /// Brings the deputies in office to `n` (deputies without logins).
    async fn deputies_in_office(&mut self, n: usize) {
        while self.deputies.len() < n {
            // Names have no digits: 陈 with two characters counted in 甲乙丙….
            const DIGITS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            let i = self.deputies.len();
            let name = format!("陈{}{}", DIGITS[i / 10 % 10], DIGITS[i % 10]);
            let d = self
                .t
                .deputy(&self.t.admin, self.town, self.term, json!({"name": name}))
                .await;
            self.deputies.push(id(&d));
        }
    }

    /// A deputies' motion of deputies 0–4 put on the agenda, for `session` if given.
    async fn on_agenda(&self, session: Option<Uuid>) -> Uuid {
        let m = self
            .t
            .post(
                "/api/v1/motions",
                &self.dep[0],
                json!({
                    "proposer": "deputies", "session_activity_id": session,
                    "subject": "关于制定镇区河道保洁办法的议案",
                    "grounds": "镇区河道垃圾较多，影响环境。",
                    "proposal": "由镇政府制定河道保洁办法并落实经费。",
                    "co_signer_ids": self.deputies[1..=4]
                }),
            )
            .await
            .ok(201);
        let m = id(&m);
        self.confirm(m, 1..=4).await;
        self.act(m, &self.dep[0], json!({"action": "submit"}))
            .await
            .ok(200);
        self.act(m, &self.staff, json!({"action": "place_on_agenda"}))
            .await
            .ok(200);
        m
    }
}

fn vote(action: &str, yes: i32, no: i32, abstain: i32) -> Value {
    json!({"action": action, "votes_for": yes, "votes_against": no, "abstentions": abstain})
}

#[actix_web::test]
async fn r4_a_motion_is_adopted_only_with_more_than_half_of_all_deputies_in_office() {
    let mut w = town().await;
    w.deputies_in_office(40).await;
    let m = w.on_agenda(None).await;
    // 20 of 40: exactly half of all deputies is not enough, although it is two thirds of
    // the 30 who voted (R4; OL 25).
    let p = w
        .act(m, &w.staff, vote("adopt", 20, 8, 2))
        .await
        .problem(409);
    assert_eq!(code(&p), "vote_not_passed");
    let detail = p["detail"].as_str().unwrap();
    for needle in [
        "赞成 20 票",
        "40 人",
        "至少需要 21 票",
        "地方组织法第二十五条",
    ] {
        assert!(detail.contains(needle), "{needle}: {detail}");
    }
    let r =
        w.t.get(&format!("/api/v1/motions/{m}"), &w.staff)
            .await
            .ok(200);
    assert_eq!(r["status"], "on_agenda");
    assert!(r["vote"].is_null());
    // So it is recorded as not adopted, with the counts.
    let r = w.act(m, &w.staff, vote("reject", 20, 8, 2)).await.ok(200);
    assert_eq!(r["status"], "rejected");
    assert_eq!(
        r["vote"],
        json!({"votes_for": 20, "votes_against": 8, "abstentions": 2, "in_office": 40,
               "required": 21, "passed": false, "date": today_str(),
               "explanation": r["vote"]["explanation"]})
    );
    let h =
        w.t.get(&format!("/api/v1/motions/{m}/history"), &w.staff)
            .await
            .ok(200);
    let last = h.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "reject");
    assert!(last["note"]
        .as_str()
        .unwrap()
        .contains("恰为全体代表 40 人的半数"));

    // 21 of 40 passes: it cannot be recorded as rejected, and is adopted.
    let m = w.on_agenda(None).await;
    let p = w
        .act(m, &w.staff, vote("reject", 21, 19, 0))
        .await
        .problem(409);
    assert_eq!(code(&p), "vote_passed");
    assert!(p["detail"].as_str().unwrap().contains("赞成 21 票"));
    let r = w.act(m, &w.staff, vote("adopt", 21, 19, 0)).await.ok(200);
    assert_eq!(r["status"], "adopted");
    assert_eq!(r["vote"]["passed"], true);
    assert_eq!(r["vote"]["required"], 21);

    // Counts: none negative, together not more than the deputies in office; required.
    let m = w.on_agenda(None).await;
    let p = w
        .act(m, &w.staff, vote("adopt", 30, 11, 0))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/votes_for");
    assert_eq!(p["errors"][0]["code"], "too_many_votes");
    let p = w
        .act(m, &w.staff, vote("reject", 10, -1, 0))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/votes_against");
    w.act(m, &w.staff, json!({"action": "adopt", "votes_for": 30}))
        .await
        .problem(422);
    // Only the office records votes.
    w.act(m, &w.dep[0], vote("adopt", 30, 0, 0))
        .await
        .problem(403);
    let r = w.act(m, &w.staff, vote("adopt", 40, 0, 0)).await.ok(200);
    assert_eq!(r["status"], "adopted");
}

fn today_str() -> String {
    renda_api::http::today().to_string()
}

#[actix_web::test]
async fn r4_the_deputies_in_office_on_the_session_date_decide_terminated_ones_do_not_count() {
    let mut w = town().await;
    w.deputies_in_office(40).await;
    let t = &w.t;
    let status = |deputy: Uuid, body: Value| async move {
        let d = t
            .get(&format!("/api/v1/deputies/{deputy}"), &t.admin)
            .await
            .ok(200);
        let mandate = d["mandates"][0]["id"].as_str().unwrap().to_string();
        t.post(
            &format!("/api/v1/mandates/{mandate}/status"),
            &t.admin,
            body,
        )
        .await
        .ok(200);
    };
    // Before the session on 1 March 2026 one deputy resigned and one was suspended (DL 61:
    // still a deputy, still counted); one died after it.
    status(
        w.deputies[39],
        json!({"status": "terminated", "reason": "resigned", "date": "2026-02-01"}),
    )
    .await;
    status(
        w.deputies[38],
        json!({"status": "suspended", "reason": "in_custody", "date": "2026-02-10"}),
    )
    .await;
    status(
        w.deputies[37],
        json!({"status": "terminated", "reason": "died", "date": "2026-04-01"}),
    )
    .await;
    let session = id(&t
        .post(
            "/api/v1/activities",
            &t.admin,
            json!({
                "congress_id": w.town, "kind": "session", "term_id": w.term,
                "title": "第十届人民代表大会第五次会议", "organiser": {"kind": "presidium"},
                "starts_at": "2026-03-01T09:00:00+08:00", "ends_at": "2026-03-01T17:00:00+08:00",
                "session_kind": "regular", "session_number": 5
            }),
        )
        .await
        .ok(201));
    // 39 in office on 1 March: 20 is more than half of them.
    let m = w.on_agenda(Some(session)).await;
    let r = w.act(m, &w.staff, vote("adopt", 20, 15, 4)).await.ok(200);
    assert_eq!(r["status"], "adopted");
    assert_eq!(r["vote"]["in_office"], 39);
    assert_eq!(r["vote"]["required"], 20);
    assert_eq!(r["vote"]["date"], "2026-03-01");
    // Without a session the vote counts the deputies in office today: 38.
    let m = w.on_agenda(None).await;
    let p = w
        .act(m, &w.staff, vote("adopt", 30, 9, 0))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "too_many_votes");
    let r = w.act(m, &w.staff, vote("adopt", 20, 18, 0)).await.ok(200);
    assert_eq!(r["vote"]["in_office"], 38);
}
