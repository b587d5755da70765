//! Fixtures of the meetings tests: a township with deputies, activities and sessions,
//! invitations, attendance and the quorum.

use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// A township (its congress) with its 10th term and deputies, served by a test app.
pub struct Town {
    pub t: TestApp,
    pub town: Uuid,
    pub term: Uuid,
    pub deputies: Vec<Uuid>,
}

/// Given names the roster's deputies are named from.
const GIVEN: &str = "建国志强秀英桂兰海燕明华红梅晓东玉兰春生德胜丽娟文博子涵宏伟静怡";

/// A township with its 10th term and `n` deputies (imported as a roster), in name order.
pub async fn town(n: usize) -> Town {
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

/// Imports `n` deputies into `term` and answers their ids in name order.
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

/// The body of an activity of `kind` in the township `town`, organised by the congress.
pub fn activity(town: Uuid, kind: &str, title: &str, starts: &str, ends: &str) -> Value {
    json!({
        "congress_id": town, "kind": kind, "title": title,
        "organiser": {"kind": "congress"}, "place": "镇政府四楼会议室",
        "starts_at": starts, "ends_at": ends, "topics": ["履职培训"]
    })
}

/// The body of the first regular session of `term`, starting and ending at `starts`.
pub fn session(town: Uuid, term: Uuid, starts: &str) -> Value {
    json!({
        "congress_id": town, "kind": "session", "term_id": term,
        "title": "第十届人民代表大会第一次会议", "organiser": {"kind": "presidium"},
        "starts_at": starts, "ends_at": starts, "session_kind": "regular", "session_number": 1
    })
}

/// Creates an activity as the admin (201).
pub async fn create(t: &TestApp, body: Value) -> Value {
    t.post("/api/v1/activities", &t.admin, body).await.ok(201)
}

/// Invites every deputy of the township `town` to `activity`.
pub async fn invite_all(t: &TestApp, activity: Uuid, town: Uuid) -> Value {
    t.post(
        &format!("/api/v1/activities/{activity}/invitations"),
        &t.admin,
        json!({"congress_id": town}),
    )
    .await
    .ok(200)
}

/// Records `status` for each deputy in one request.
pub async fn mark(t: &TestApp, activity: Uuid, deputies: &[Uuid], status: &str) -> Value {
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

/// The quorum of `session`.
pub async fn quorum(t: &TestApp, session: Uuid) -> Value {
    t.get(&format!("/api/v1/activities/{session}/quorum"), &t.admin)
        .await
        .ok(200)
}

/// Moves an activity's start and end as time passing would (the API refuses to move a
/// held or attended one).
pub fn shift_to(t: &TestApp, activity: Uuid, starts: &str) {
    use diesel::prelude::*;
    diesel::sql_query(format!(
        "UPDATE activities SET starts_at = '{starts}', ends_at = '{starts}'::timestamptz + interval '2 hours' WHERE id = '{activity}'"
    ))
    .execute(&mut t.db.conn())
    .unwrap();
}
