//! Import of suggestions (issue 5 item 8) with the real Jiangsu CPPCC 2019 proposals file
//! (436 proposals, multi-line quoted fields, proposers that are people, bodies or
//! `X等N人`): every row accounted for, categories mapped onto the TipDM taxonomy,
//! proposers matched against the deputies and never invented, a re-import that changes
//! nothing, malformed files refused with nothing written, and who may import.

use actix_web::http::Method;
use diesel::prelude::*;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use std::time::Instant;
use uuid::Uuid;

const REAL: &str = "data/real/jiangsu-cppcc-2019-proposals/jszx2019.csv";

/// A township whose deputies include three proposers of the real file (邹正 and 韩鸣明
/// with two proposals each, 冯少东 who leads `冯少东等2人`), two namesakes called 王黎明
/// (who leads three proposals of the file) and one deputy the file does not name; the
/// TipDM taxonomy at the district, as the suggestion categories are seeded.
struct World {
    t: TestApp,
    town: Uuid,
    staff: String,
    zou: Uuid,
    han: Uuid,
    feng: Uuid,
}

async fn world() -> World {
    let t = TestApp::with_config(|c| {
        c.login_burst = 50;
        c.login_per_minute = 600;
    })
    .await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    let mut ids = vec![];
    for name in ["邹正", "韩鸣明", "冯少东", "王黎明", "王黎明", "赵明华"] {
        ids.push(id(&t
            .deputy(&t.admin, town, term, json!({"name": name}))
            .await));
    }
    let staff = t.user("staff", Role::Staff, town, None).await;
    let taxonomy = std::fs::read(
        shared_dir().join("data/real/tipdm2020-smart-government-messages/附件1.xlsx"),
    )
    .expect("the TipDM taxonomy file");
    t.send_bytes(
        Method::POST,
        &format!(
            "/api/v1/suggestion-categories/import?congress_id={}",
            t.district
        ),
        Some(&t.admin),
        XLSX,
        taxonomy,
    )
    .await
    .ok(200);
    World {
        town,
        staff,
        zou: ids[0],
        han: ids[1],
        feng: ids[2],
        t,
    }
}

fn real_file() -> Vec<u8> {
    std::fs::read(shared_dir().join(REAL)).expect("the Jiangsu CPPCC 2019 proposals file")
}

impl World {
    async fn import(&self, token: &str, query: &str, content_type: &str, body: Vec<u8>) -> Res {
        self.t
            .send_bytes(
                Method::POST,
                &format!(
                    "/api/v1/suggestions/import?congress_id={}{query}",
                    self.town
                ),
                Some(token),
                content_type,
                body,
            )
            .await
    }

    /// Suggestions of the township, straight from the database.
    fn count(&self) -> i64 {
        use renda_api::schema::suggestions;
        suggestions::table
            .filter(suggestions::congress_id.eq(self.town))
            .count()
            .get_result(&mut self.t.db.conn())
            .unwrap()
    }
}

fn row(report: &Value, n: u64) -> &Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == n)
        .unwrap_or_else(|| panic!("no row {n}"))
}

#[actix_web::test]
async fn the_real_proposals_file_dry_run_accounts_for_every_row() {
    let w = world().await;
    let started = Instant::now();
    let r = w
        .import(&w.staff, "&dry_run=true", "text/csv", real_file())
        .await
        .ok(200);
    eprintln!("dry run of 436 proposals: {:?}", started.elapsed());
    assert_eq!(r["dry_run"], true);
    assert_eq!(r["applied"], false);
    assert_eq!(r["format"], "csv");
    let s = &r["summary"];
    assert_eq!(s["rows"], 436, "{s}");
    assert_eq!(r["rows"].as_array().unwrap().len(), 436);
    assert_eq!(s["create"], 436, "{s}");
    assert_eq!(s["error"], 0, "{s}");
    // Proposers: 5 rows name one of the three deputies, 3 rows name 王黎明 (two deputies
    // of that name: not guessed), 84 rows are bodies (11 of them: party organisations,
    // CPPCC committees, the federation of industry and commerce), the other 344 name people
    // who are no deputy of this congress. 82 rows are `X等N人`.
    assert_eq!(s["proposers_matched"], 5, "{s}");
    assert_eq!(s["proposers_ambiguous"], 3, "{s}");
    assert_eq!(s["proposers_bodies"], 84, "{s}");
    assert_eq!(s["proposers_unmatched"], 344, "{s}");
    assert_eq!(s["proposers_with_unnamed_others"], 82, "{s}");
    // Categories: 13 of the file's 14 map onto the TipDM taxonomy (城乡建设 by name, the
    // others by the mapping table); 统战综合 (4 rows) has no counterpart.
    assert_eq!(s["categories_mapped"], 432, "{s}");
    assert_eq!(s["categories_unmapped"], 4, "{s}");
    assert_eq!(s["categories_missing"], 0, "{s}");
    let mapping: Vec<&str> = r["category_mapping"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(mapping.len(), 14, "{mapping:?}");
    assert!(
        mapping.contains(&"城乡建设 → 城乡建设（同名）"),
        "{mapping:?}"
    );
    assert!(
        mapping.contains(&"教育事业 → 教育文体（对照表）"),
        "{mapping:?}"
    );
    assert!(mapping.contains(&"统战综合 → 未对应"), "{mapping:?}");

    // Row numbers as the file shows them: the first proposal's text spans lines 2–86.
    let first = row(&r, 2);
    assert_eq!(first["reference"], "0001");
    assert_eq!(first["year"], 2019);
    assert_eq!(first["submitted_on"], "2019-01-12");
    assert_eq!(first["title"], "关于完善城市环卫公厕指引系统的建议");
    assert_eq!(first["proposers"][0]["match"], "matched");
    assert_eq!(first["proposers"][0]["deputy_id"], w.zou.to_string());
    assert_eq!(first["category"]["path"], "城乡建设");
    assert_eq!(first["category"]["mapped_by"], "same_name");
    let body = row(&r, 87);
    assert_eq!(body["reference"], "0002");
    assert_eq!(body["proposers"][0]["name"], "省政协学习委员会");
    assert_eq!(body["proposers"][0]["match"], "body");
    assert!(body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["code"] == "proposer_is_body"));
    assert_eq!(row(&r, 88)["proposers"][0]["deputy_id"], w.han.to_string());
    assert_eq!(r["rows"][435]["row"], 723);
    let rows = r["rows"].as_array().unwrap();
    let feng = rows
        .iter()
        .find(|x| x["proposers"][0]["written"] == "冯少东等2人")
        .unwrap();
    assert_eq!(feng["proposers"][0]["deputy_id"], w.feng.to_string());
    assert_eq!(feng["proposers"][0]["unnamed_others"], 1);
    let wang = rows
        .iter()
        .find(|x| x["proposers"][0]["name"] == "王黎明")
        .unwrap();
    assert_eq!(wang["proposers"][0]["match"], "ambiguous");
    assert_eq!(
        wang["proposers"][0]["candidates"].as_array().unwrap().len(),
        2
    );
    let unmapped = rows
        .iter()
        .find(|x| x["category"]["written"] == "统战综合")
        .unwrap();
    assert_eq!(unmapped["category"]["mapped_by"], "unmapped");
    assert!(unmapped["category"]["category_id"].is_null());
    assert!(unmapped["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["code"] == "category_unmapped"));
    let mapped = rows
        .iter()
        .find(|x| x["category"]["written"] == "财税金融")
        .unwrap();
    assert_eq!(mapped["category"]["path"], "经济管理 / 金融财税");
    assert_eq!(mapped["category"]["mapped_by"], "mapping_table");
    // Nothing written, no deputy invented.
    assert_eq!(w.count(), 0);
    let deputies =
        w.t.get(
            &format!("/api/v1/deputies?congress_id={}", w.town),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(
        deputies["items"].as_array().map(Vec::len),
        Some(6),
        "{deputies}"
    );
    // `rows=problems` lists only rows with warnings: all but the 5 matched rows whose
    // category maps and that name nobody else.
    let p = w
        .import(
            &w.staff,
            "&dry_run=true&rows=problems",
            "text/csv",
            real_file(),
        )
        .await
        .ok(200);
    assert_eq!(p["summary"]["rows"], 436);
    assert!(p["rows"].as_array().unwrap().len() < 436);
}

#[actix_web::test]
async fn the_real_proposals_file_imports_once_and_a_reimport_changes_nothing() {
    let w = world().await;
    let started = Instant::now();
    let r = w
        .import(&w.staff, "", "text/csv", real_file())
        .await
        .ok(200);
    eprintln!("import of 436 proposals: {:?}", started.elapsed());
    assert_eq!(r["applied"], true);
    assert_eq!(r["summary"]["rows"], 436);
    assert_eq!(r["summary"]["create"], 436);
    assert_eq!(w.count(), 436);
    let first = row(&r, 2);
    let s =
        w.t.get(
            &format!(
                "/api/v1/suggestions/{}",
                first["suggestion_id"].as_str().unwrap()
            ),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(s["status"], "submitted");
    assert_eq!(s["origin"], "imported");
    assert_eq!(s["submitted_on"], "2019-01-12");
    assert!(s["due_on"].is_null());
    assert_eq!(s["overdue"], false);
    assert_eq!(s["lead_deputy_id"], w.zou.to_string());
    assert_eq!(s["signers"][0]["deputy_id"], w.zou.to_string());
    assert_eq!(s["imported"]["reference"], "0001");
    assert_eq!(s["imported"]["year"], 2019);
    assert_eq!(s["imported"]["proposer"], "邹正");
    assert_eq!(s["imported"]["category"], "城乡建设");
    assert_eq!(s["category_path"], "城乡建设");
    // The whole text, line breaks included.
    assert!(s["content"].as_str().unwrap().lines().count() > 80);
    let h =
        w.t.get(
            &format!("/api/v1/suggestions/{}/history", s["id"].as_str().unwrap()),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(h[0]["action"], "import");
    assert_eq!(h[0]["to_status"], "submitted");
    // A body's proposal has no lead deputy; the body is kept as written.
    let body =
        w.t.get(
            &format!(
                "/api/v1/suggestions/{}",
                row(&r, 87)["suggestion_id"].as_str().unwrap()
            ),
            &w.staff,
        )
        .await
        .ok(200);
    assert!(body["lead_deputy_id"].is_null());
    assert_eq!(body["signers"], json!([]));
    assert_eq!(body["imported"]["proposer"], "省政协学习委员会");
    // The matched deputy sees their own two proposals.
    let zou = w.t.user("zou", Role::Deputy, w.town, Some(w.zou)).await;
    let mine = w.t.get("/api/v1/suggestions", &zou).await.ok(200);
    assert_eq!(mine["items"].as_array().unwrap().len(), 2, "{mine}");

    // The office handles a body's proposal like any other; with no signer to consult
    // (R7's consultation is not required) or to rate the reply, it closes it once replied.
    let b = body["id"].as_str().unwrap();
    let org =
        w.t.post(
            "/api/v1/handling-orgs",
            &w.t.admin,
            json!({"congress_id": w.town, "name": "镇建设管理办公室"}),
        )
        .await
        .ok(201);
    w.t.post(
        &format!("/api/v1/handling-orgs/{}/users", id(&org)),
        &w.t.admin,
        json!({"username": "org", "display_name": "镇建设管理办公室", "password": PASSWORD}),
    )
    .await
    .ok(201);
    let org_token = w.t.login("org").await;
    let path = format!("/api/v1/suggestions/{b}/transitions");
    w.t.post(&path, &w.staff, json!({"action": "accept"}))
        .await
        .ok(200);
    w.t.post(
        &path,
        &w.staff,
        json!({"action": "refer", "lead_org_id": id(&org)}),
    )
    .await
    .ok(200);
    w.t.post(&path, &org_token, json!({"action": "start"}))
        .await
        .ok(200);
    let reply =
        w.t.post(
            &format!("/api/v1/suggestions/{b}/replies"),
            &org_token,
            json!({"result_class": "D", "body": "留作参考。"}),
        )
        .await
        .ok(201);
    w.t.post(
        &format!("/api/v1/replies/{}/send", id(&reply)),
        &org_token,
        json!({}),
    )
    .await
    .ok(200);
    let closed =
        w.t.post(&path, &w.staff, json!({"action": "close"}))
            .await
            .ok(200);
    assert_eq!(closed["status"], "closed");
    // An entered item with signers still needs their rating first: see suggestions.rs.

    // Again: every row unchanged, nothing written.
    let again = w
        .import(&w.staff, "", "text/csv", real_file())
        .await
        .ok(200);
    let s2 = &again["summary"];
    assert_eq!(s2["rows"], 436, "{s2}");
    assert_eq!(s2["unchanged"], 436, "{s2}");
    assert_eq!(s2["create"], 0, "{s2}");
    assert_eq!(s2["error"], 0, "{s2}");
    assert_eq!(row(&again, 2)["suggestion_id"], first["suggestion_id"]);
    assert!(again["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["differs"].is_null()));
    assert_eq!(w.count(), 436);
}

#[actix_web::test]
async fn rows_with_errors_are_reported_and_all_or_nothing_writes_nothing() {
    let w = world().await;
    // JSON, with one row lacking a title and one repeating another's number.
    let rows = json!([
        {"编号": "1", "提出人": "邹正、韩鸣明", "案由": "关于修缮村道的建议", "类别": "城乡建设",
         "内容": "村道破损。", "提交日期": "2025-03-01"},
        {"编号": "2", "提出人": "赵明华", "案由": "", "内容": "x"},
        {"编号": "1", "提出人": "赵明华", "案由": "关于路灯的建议", "内容": "路灯不亮。", "提交日期": "2025-03-02"},
    ]);
    let body = serde_json::to_vec(&rows).unwrap();
    let p = w
        .import(
            &w.staff,
            "&all_or_nothing=true",
            "application/json",
            body.clone(),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/rows/2");
    assert!(p["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("第 2 行"));
    assert_eq!(p["errors"][1]["code"], "duplicate_in_file");
    assert_eq!(w.count(), 0);
    let r = w
        .import(&w.staff, "", "application/json", body)
        .await
        .ok(200);
    assert_eq!(r["summary"]["create"], 1);
    assert_eq!(r["summary"]["error"], 2);
    let first = row(&r, 1);
    assert_eq!(first["proposers"][0]["deputy_id"], w.zou.to_string());
    assert_eq!(first["proposers"][1]["deputy_id"], w.han.to_string());
    let s =
        w.t.get(
            &format!(
                "/api/v1/suggestions/{}",
                first["suggestion_id"].as_str().unwrap()
            ),
            &w.staff,
        )
        .await
        .ok(200);
    assert_eq!(s["signers"].as_array().unwrap().len(), 2);
    // Imported without a township category: the district's TipDM class of that name.
    assert_eq!(s["category_path"], "城乡建设");
    assert_eq!(w.count(), 1);
}

#[actix_web::test]
async fn malformed_suggestion_files_are_refused_and_nothing_is_written() {
    let w = world().await;
    // No header naming a title.
    let p = w
        .import(&w.staff, "", "text/csv", "甲,乙\n1,2\n".as_bytes().to_vec())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "missing_header");
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("案由"));
    // A title but not the other required columns.
    let p = w
        .import(
            &w.staff,
            "",
            "text/csv",
            "案由,内容\n关于x的建议,y\n".as_bytes().to_vec(),
        )
        .await
        .problem(422);
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("提出人"),
        "{p}"
    );
    // Not a spreadsheet.
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    let p = w.import(&w.staff, "", "image/png", png).await.problem(415);
    assert!(p["detail"].as_str().unwrap().contains("CSV"));
    // Text in neither UTF-8 nor GB18030.
    let p = w
        .import(&w.staff, "", "text/csv", b"\xff\xff,\xff\xfe\n".to_vec())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "unreadable_file");
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("编码"));
    // An empty body.
    w.import(&w.staff, "", "text/csv", vec![])
        .await
        .problem(422);
    // A header and no rows.
    w.import(
        &w.staff,
        "",
        "text/csv",
        "编号,提出人,案由,内容\n".as_bytes().to_vec(),
    )
    .await
    .problem(422);
    assert_eq!(w.count(), 0);
    // A bad `rows` value.
    w.import(&w.staff, "&rows=x", "text/csv", real_file())
        .await
        .problem(422);
    assert_eq!(w.count(), 0);
}

#[actix_web::test]
async fn deputies_and_handling_organisations_may_not_import_suggestions() {
    let w = world().await;
    let t = &w.t;
    let deputy = t.user("d0", Role::Deputy, w.town, Some(w.zou)).await;
    let p = w
        .import(&deputy, "&dry_run=true", "text/csv", real_file())
        .await
        .problem(403);
    assert!(p["detail"].as_str().unwrap().contains("不能"));
    let org = t
        .post(
            "/api/v1/handling-orgs",
            &t.admin,
            json!({"congress_id": w.town, "name": "镇建设管理办公室"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/handling-orgs/{}/users", id(&org)),
        &t.admin,
        json!({"username": "org", "display_name": "镇建设管理办公室", "password": PASSWORD}),
    )
    .await
    .ok(201);
    let org = t.login("org").await;
    w.import(&org, "", "text/csv", real_file())
        .await
        .problem(403);
    let presidium = t.user("p", Role::Presidium, w.town, None).await;
    w.import(&presidium, "", "text/csv", real_file())
        .await
        .problem(403);
    assert_eq!(w.count(), 0);
    // Staff of another township cannot import into this one.
    let other = t.township("另一镇人民代表大会").await;
    let stranger = t.user("s2", Role::Staff, other, None).await;
    w.import(&stranger, "", "text/csv", real_file())
        .await
        .problem(404);
    assert_eq!(w.count(), 0);
}
