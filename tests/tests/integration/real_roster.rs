//! The real roster of the 14th National People's Congress (2,959 rows) and its 32 status
//! changes, imported through the HTTP API (issue 2, item 9).
//!
//! The expected figures are the data's own. The derived README names three section-header
//! rows (姓名 = 中央 提名); the table holds three more of the same kind (四川省提名,
//! 西藏自治区提名, 陕西省提名: every cell of the row is the heading, 性别 included), so six
//! rows are rejected and 2,953 deputies remain. The status-change file leaves the date
//! empty in seven rows.

use actix_web::http::Method;
use diesel::prelude::*;
use renda_openapi::{CongressLevel, NewUser, Role};
use renda_tests::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn data(path: &str) -> Vec<u8> {
    let p = shared_dir().join("data/derived").join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn rows_with(report: &Value, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| pred(r))
        .cloned()
        .collect()
}

#[actix_web::test]
async fn npc14_roster_and_status_changes() {
    let t = TestApp::new().await;
    let (npc, token) = {
        let mut conn = t.db.conn();
        let npc = renda_api::congresses::repo::insert_root(
            &mut conn,
            "第十四届全国人民代表大会",
            CongressLevel::National,
        )
        .unwrap();
        renda_api::auth::handlers::insert_user(
            &mut conn,
            &NewUser {
                username: "npc".into(),
                display_name: "全国人大".into(),
                password: PASSWORD.into(),
                role: Role::Staff,
                congress_id: npc.id,
                deputy_id: None,
            },
        )
        .unwrap();
        (npc.id, t.login("npc").await)
    };
    let term = t
        .post(
            &format!("/api/v1/congresses/{npc}/terms"),
            &t.admin,
            serde_json::json!({"number": 14, "starts_on": "2023-03-05"}),
        )
        .await;
    term.problem(404); // the district admin cannot reach the national congress
    let term = id(&t
        .post(
            &format!("/api/v1/congresses/{npc}/terms"),
            &token,
            serde_json::json!({"number": 14, "starts_on": "2023-03-05"}),
        )
        .await
        .ok(201));
    let import = |body: Vec<u8>, content_type: &'static str, path: &'static str| {
        let t = &t;
        let token = token.clone();
        async move {
            let started = std::time::Instant::now();
            let r = t
                .send_bytes(
                    Method::POST,
                    &format!("/api/v1/imports/{path}?term_id={term}"),
                    Some(&token),
                    content_type,
                    body,
                )
                .await;
            eprintln!("import {path} ({content_type}): {:?}", started.elapsed());
            r.ok(200)
        }
    };

    // 1. The XLSX roster: a title row above the header.
    let r = import(data("npc14-roster.xlsx"), XLSX, "roster").await;
    let s = &r["summary"];
    assert_eq!(
        (
            s["rows"].as_i64(),
            s["create"].as_i64(),
            s["error"].as_i64()
        ),
        (Some(2959), Some(2953), Some(6)),
        "{s}"
    );
    let rejected = rows_with(&r, |row| row["outcome"] == "error");
    assert!(
        rejected
            .iter()
            .all(|row| row["errors"][0]["code"] == "section_header"),
        "{rejected:?}"
    );
    let headings: BTreeSet<&str> = rejected
        .iter()
        .map(|row| row["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        BTreeSet::from(["中央 提名", "四川省提名", "西藏自治区提名", "陕西省提名"])
    );
    assert_eq!(
        rejected
            .iter()
            .filter(|row| row["name"] == "中央 提名")
            .count(),
        3
    );
    assert_eq!(r["created_units"].as_array().unwrap().len(), 35);
    // Three pairs share a name inside one delegation: flagged, not merged.
    let flagged = rows_with(&r, |row| row.get("possible_duplicate_rows").is_some());
    let pairs: BTreeSet<(String, String)> = flagged
        .iter()
        .map(|row| {
            (
                row["delegation"].as_str().unwrap().into(),
                row["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        BTreeSet::from([
            ("河南省".to_string(), "王天宇".to_string()),
            ("河南省".to_string(), "王永红".to_string()),
            ("西藏自治区".to_string(), "拉琼".to_string()),
        ])
    );
    assert_eq!(flagged.len(), 6);
    assert!(flagged.iter().all(|row| row["outcome"] == "create"));

    let list = t
        .get("/api/v1/deputies?with_total=true&limit=1", &token)
        .await
        .ok(200);
    assert_eq!(list["total"], 2953);
    assert_eq!(
        t.get("/api/v1/delegations", &token)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        35
    );
    // 113 rows share 53 names: all kept as distinct people.
    let mut conn = t.db.conn();
    use renda_api::schema::deputies::dsl as d;
    let names: Vec<String> = d::deputies.select(d::name).load(&mut conn).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    let shared: Vec<usize> = counts.values().copied().filter(|c| *c > 1).collect();
    assert_eq!((shared.len(), shared.iter().sum::<usize>()), (53, 113));
    // 马旭 of 北京市, as the roster gives him.
    let ma = t.get("/api/v1/deputies?q=马旭", &token).await.ok(200);
    assert_eq!(ma["items"][0]["birth_date"], "1963-09");
    assert_eq!(ma["items"][0]["ethnicity"], "满族");
    assert_eq!(ma["items"][0]["mandate"]["delegation_name"], "北京市");

    // 2. The same roster again, as CSV with a BOM: nothing changes.
    let again = import(data("npc14-roster.csv"), "text/csv", "roster").await;
    let s = &again["summary"];
    assert_eq!(
        (
            s["create"].as_i64(),
            s["update"].as_i64(),
            s["unchanged"].as_i64(),
            s["error"].as_i64()
        ),
        (Some(0), Some(0), Some(2953), Some(6)),
        "{s}"
    );
    assert_eq!(again["created_units"].as_array().unwrap().len(), 0);
    // Row numbers are the file's lines: the first 中央 提名 heading is on line 2061 of the
    // CSV (header on line 1) and on row 2062 of the XLSX (title row, then header).
    let heading_rows = |report: &Value| -> Vec<u64> {
        rows_with(report, |row| row["name"] == "中央 提名")
            .iter()
            .map(|row| row["row"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(heading_rows(&again), [2061, 2372, 2397]);
    assert_eq!(heading_rows(&r), [2062, 2373, 2398]);
    assert_eq!(
        t.get("/api/v1/deputies?with_total=true&limit=1", &token)
            .await
            .ok(200)["total"],
        2953
    );

    // 3. The status changes.
    let sc = import(
        data("npc14-status-changes.csv"),
        "text/csv",
        "status-changes",
    )
    .await;
    let s = &sc["summary"];
    assert_eq!(
        (
            s["rows"].as_i64(),
            s["update"].as_i64(),
            s["create"].as_i64(),
            s["error"].as_i64()
        ),
        (Some(32), Some(3), Some(29), Some(0)),
        "{sc}"
    );
    // By-elections date the mandates of deputies in the roster; short names resolve.
    let hu = sc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["name"] == "胡玉亭")
        .unwrap();
    assert_eq!(hu["delegation"], "吉林省");
    assert_eq!(hu["matched_by"], "name_and_delegation");
    let detail = t
        .get(
            &format!("/api/v1/deputies/{}", hu["deputy_id"].as_str().unwrap()),
            &token,
        )
        .await
        .ok(200);
    assert_eq!(detail["mandates"][0]["elected_via"], "by_election");
    assert_eq!(detail["mandates"][0]["elected_on"], "2023-07-27");
    let pla = sc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["name"] == "张振中")
        .unwrap();
    assert_eq!(pla["delegation"], "中国人民解放军和中国人民武装警察部队");
    // Departures: former deputies with terminated mandates, reason and date.
    let terminated = |reason: &str| {
        let (t, token) = (&t, token.clone());
        let q =
            format!("/api/v1/deputies?with_total=true&limit=200&status=terminated&term_id={term}");
        let reason = reason.to_string();
        async move {
            let page = t.get(&q, &token).await.ok(200);
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["mandate"]["status_reason"] == reason.as_str())
                .count()
        }
    };
    assert_eq!(terminated("resigned").await, 4);
    assert_eq!(terminated("recalled").await, 22);
    assert_eq!(terminated("died").await, 3);
    let undated = rows_with(&sc, |row| {
        row["warnings"].to_string().contains("date_missing")
    });
    assert_eq!(undated.len(), 7);
    let qin = t.get("/api/v1/deputies?q=秦刚", &token).await.ok(200);
    assert_eq!(qin["items"][0]["mandate"]["status"], "terminated");
    assert_eq!(qin["items"][0]["mandate"]["status_date"], "2024-02-27");
    let detail = t
        .get(
            &format!(
                "/api/v1/deputies/{}",
                qin["items"][0]["id"].as_str().unwrap()
            ),
            &token,
        )
        .await
        .ok(200);
    assert_eq!(
        detail["mandates"][0]["status_history"][0]["reason"],
        "resigned"
    );
    assert_eq!(
        t.get(
            "/api/v1/deputies?with_total=true&limit=1&status=active",
            &token
        )
        .await
        .ok(200)["total"],
        2953
    );
    assert_eq!(
        t.get("/api/v1/deputies?with_total=true&limit=1", &token)
            .await
            .ok(200)["total"],
        2982
    );
    // Re-importing the status changes changes nothing.
    let twice = import(
        data("npc14-status-changes.csv"),
        "text/csv",
        "status-changes",
    )
    .await;
    assert_eq!(twice["summary"]["unchanged"], 32, "{}", twice["summary"]);
    assert_eq!(
        t.get("/api/v1/deputies?with_total=true&limit=1", &token)
            .await
            .ok(200)["total"],
        2982
    );
}
