//! Records, schemes and runs for the tests of schemes, runs and awards: activities with
//! attendance written straight into the database (the meetings area is tested on its
//! own), a small scheme whose items sit at their boundaries, and helpers for runs.

use super::fixtures::Town;
use diesel::prelude::*;
use renda_openapi::{AssessmentRun, AssessmentScheme, DeputyId, Role};
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// Writes `n` held activities of `kind` on `date` (China Standard Time, 10:00) in the
/// town, each with `deputy` invited as a member with `status`; organised by `group`
/// when given.
pub fn activities(
    z: &Town,
    kind: &str,
    date: &str,
    n: u32,
    deputy: Option<DeputyId>,
    status: &str,
    group: Option<Uuid>,
) {
    let mut conn = z.t.db.conn();
    let session_kind = if kind == "session" {
        "'regular'"
    } else {
        "NULL"
    };
    let (organiser, group) = match group {
        Some(g) => ("deputy_group", format!("'{g}'")),
        None => ("congress", "NULL".into()),
    };
    let sql = format!(
        "WITH a AS (INSERT INTO activities (id, congress_id, term_id, kind, title, organiser_kind, \
         organiser_group_id, starts_at, ends_at, status, session_kind) \
         SELECT gen_random_uuid(), '{town}', '{term}', '{kind}', '活动' || g, '{organiser}', {group}, \
         '{date} 10:00+08', '{date} 12:00+08', 'held', {session_kind} FROM generate_series(1, {n}) g \
         RETURNING id) \
         INSERT INTO attendances (id, activity_id, deputy_id, capacity, status) \
         SELECT gen_random_uuid(), a.id, {deputy}, 'member', '{status}' FROM a WHERE {has_deputy}",
        town = z.town,
        term = z.term,
        deputy = deputy.map_or("NULL".to_string(), |d| format!("'{}'", d.0)),
        has_deputy = deputy.is_some(),
    );
    diesel::sql_query(sql).execute(&mut conn).unwrap();
}

/// Makes a deputy group of the town with `members` (mandates of the term) led by
/// `leader`; returns its id.
pub fn group(z: &Town, name: &str, members: &[DeputyId], leader: Option<DeputyId>) -> Uuid {
    let mut conn = z.t.db.conn();
    let id = Uuid::now_v7();
    let leader = leader.map_or("NULL".to_string(), |d| format!("'{}'", d.0));
    diesel::sql_query(format!(
        "INSERT INTO deputy_groups (id, congress_id, name, leader_deputy_id) VALUES ('{id}', '{}', '{name}', {leader})",
        z.town
    ))
    .execute(&mut conn)
    .unwrap();
    for d in members {
        diesel::sql_query(format!(
            "UPDATE mandates SET deputy_group_id = '{id}' WHERE deputy_id = '{}'",
            d.0
        ))
        .execute(&mut conn)
        .unwrap();
    }
    id
}

/// Gives a deputy a post (chairperson, …) in the term.
pub fn post(z: &Town, deputy: DeputyId, post: &str) {
    let mut conn = z.t.db.conn();
    diesel::sql_query(format!(
        "UPDATE mandates SET post = '{post}' WHERE deputy_id = '{}'",
        deputy.0
    ))
    .execute(&mut conn)
    .unwrap();
}

/// A scheme whose items sit at their boundaries: inspections 2 for the first and 1 for
/// each further, capped at 4; 1 point off per session absent without leave, at most 2;
/// session attendance ≥ 90 % → 10, below → 4 (invited to nothing: neutral, 10). Bands
/// 优秀 ≥ 13, 良好 ≥ 10, 一般 ≥ 5, 较差 below; quota 20 % of 一般 or better, chairpersons
/// excluded.
pub fn boundary_scheme() -> Value {
    json!({
        "items": [
            {"key": "inspections", "label": "参加视察", "category": "activities",
             "rule": {"type": "count", "metric": "inspections", "base_points": 2, "per_extra": 1}, "cap": 4},
            {"key": "absent", "label": "无故缺席大会", "category": "deductions",
             "rule": {"type": "count", "metric": "sessions_absent", "base_points": 1, "per_extra": 1, "deduct": true}, "cap": 2},
            {"key": "attendance", "label": "大会出席率", "category": "meetings",
             "rule": {"type": "rate", "rate": "session_attendance", "bands": [
                 {"min_percent": 90.0, "points": 10}, {"min_percent": 0, "points": 4}]}}
        ],
        "bands": [
            {"grade": "excellent", "min_score": 13}, {"grade": "good", "min_score": 10},
            {"grade": "fair", "min_score": 5}, {"grade": "poor", "min_score": 0}
        ],
        "quota": {"percent": 20, "exclude_posts": ["chairperson"], "min_grade": "fair"}
    })
}

/// Creates a scheme of the town for 2022 with `definition` (as the office).
pub async fn scheme(z: &Town, definition: Value) -> AssessmentScheme {
    z.t.post(
        "/api/v1/assessment-schemes",
        &z.staff,
        json!({"congress_id": z.town, "name": "2022年度代表履职考核细则", "year": 2022, "definition": definition}),
    )
    .await
    .typed(201)
}

/// Creates a yearly run of the term under `scheme` (as the office).
pub async fn run(z: &Town, scheme: &AssessmentScheme, year: i32) -> AssessmentRun {
    z.t.post(
        "/api/v1/assessment-runs",
        &z.staff,
        json!({"term_id": z.term, "scheme_id": scheme.id, "name": format!("{year}年度代表履职考核"), "year": year}),
    )
    .await
    .typed(201)
}

/// Takes a step on a run as `token`.
pub async fn step(z: &Town, token: &str, run: &AssessmentRun, body: Value) -> Res {
    z.t.post(
        &format!("/api/v1/assessment-runs/{}/transitions", run.id),
        token,
        body,
    )
    .await
}

/// Today in China Standard Time (`YYYY-MM-DD`).
pub fn today() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8))
        .date_naive()
        .to_string()
}

/// Publishes a run with an objection window ending today.
pub async fn publish(z: &Town, run: &AssessmentRun) {
    step(
        z,
        &z.staff,
        run,
        json!({"step": "publish", "objections_until": today()}),
    )
    .await
    .ok(200);
}

/// Publishes a run with the window open until today, then freezes it closing the window
/// early.
pub async fn publish_and_freeze(z: &Town, run: &AssessmentRun) -> AssessmentRun {
    publish(z, run).await;
    step(
        z,
        &z.staff,
        run,
        json!({"step": "freeze", "close_window_early": true}),
    )
    .await
    .typed(200)
}

/// An API key of an integration user of the town with `scopes`.
pub async fn key(z: &Town, name: &str, scopes: &[&str]) -> String {
    let user =
        z.t.post(
            "/api/v1/users",
            &z.t.admin,
            json!({"username": name, "display_name": name, "password": PASSWORD,
                   "role": "integration", "congress_id": z.town}),
        )
        .await
        .ok(201);
    z.t.post(
        "/api/v1/api-keys",
        &z.t.admin,
        json!({"user_id": id(&user), "name": name, "scopes": scopes}),
    )
    .await
    .ok(201)["key"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A handling organisation's user of the town.
pub async fn handling_org(z: &Town) -> String {
    z.t.user("org", Role::HandlingOrg, z.town, None).await
}

/// The text of a DOCX document's body (`word/document.xml`).
pub fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}
