//! Roster import edge cases, matching rules, export round trips.

use actix_web::http::Method;
use renda_openapi::Role;
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

async fn setup() -> (TestApp, Uuid, Uuid) {
    let t = TestApp::new().await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    (t, town, term)
}

fn csv(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

async fn total(t: &TestApp, q: &str) -> i64 {
    t.get(&format!("/api/v1/deputies?with_total=true&{q}"), &t.admin)
        .await
        .ok(200)["total"]
        .as_i64()
        .unwrap()
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
async fn empty_file_wrong_headers_and_header_only_are_refused() {
    let (t, _, term) = setup().await;
    let p = t.import(term, "", "text/csv", vec![]).await.problem(422);
    assert_eq!(p["errors"][0]["code"], "empty_file");
    let p = t
        .import(
            term,
            "",
            "text/csv",
            csv("编号,单位,电话\n1,镇政府,13800000000\n"),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "missing_header");
    assert!(p["detail"].as_str().unwrap().contains("姓名"));
    let p = t
        .import(term, "", "text/csv", csv("姓名,性别\n"))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "no_rows");
    let p = t
        .import(term, "", "text/csv", csv("姓名,name\n张三,张三\n"))
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "duplicate_header");
    assert_eq!(total(&t, "").await, 0);
}

#[actix_web::test]
async fn a_file_over_the_upload_limit_is_413() {
    let t = TestApp::with_config(|c| c.max_upload_bytes = 2048).await;
    let town = t.township("兆通镇").await;
    let term = t.term(town, 1, "2022-01-01").await;
    let mut body = String::from("姓名,备注\n");
    while body.len() < 4096 {
        body.push_str("张三,很长的备注很长的备注很长的备注\n");
    }
    t.import(term, "", "text/csv", body.into_bytes())
        .await
        .problem(413);
    assert_eq!(total(&t, "").await, 0);
}

#[actix_web::test]
async fn files_that_are_not_spreadsheets_are_415() {
    let (t, _, term) = setup().await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    let p = t
        .import(term, "", "image/png", png.clone())
        .await
        .problem(415);
    assert!(p["detail"].as_str().unwrap().contains("CSV"));
    t.import(term, "", "application/octet-stream", png)
        .await
        .problem(415);
    let xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let p = t
        .import(term, "", "application/vnd.ms-excel", xls)
        .await
        .problem(415);
    assert!(p["detail"].as_str().unwrap().contains(".xls"));
    // A zip that is not a workbook.
    let p = t
        .import(term, "", XLSX, b"PK\x03\x04garbage-not-a-zip".to_vec())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "unreadable_file");
    t.import(term, "", "multipart/form-data; boundary=x", csv("--x\r\n"))
        .await
        .problem(415);
}

#[actix_web::test]
async fn only_writers_may_import_and_the_term_must_be_in_scope() {
    let (t, town, term) = setup().await;
    let deputy = t.user("d", Role::Deputy, town, Some(Uuid::now_v7())).await;
    let r = t
        .send_bytes(
            Method::POST,
            &format!("/api/v1/imports/roster?term_id={term}"),
            Some(&deputy),
            "text/csv",
            csv("姓名\n张三\n"),
        )
        .await;
    r.problem(403);
    t.import(Uuid::now_v7(), "", "text/csv", csv("姓名\n张三\n"))
        .await
        .problem(404);
    t.send_bytes(
        Method::POST,
        "/api/v1/imports/roster",
        Some(&t.admin),
        "text/csv",
        csv("姓名\n张三\n"),
    )
    .await
    .problem(422);
}

#[actix_web::test]
async fn dry_run_reports_and_changes_nothing() {
    let (t, _, term) = setup().await;
    let file = csv("序号,代表团,姓名,性别,出生年月\n1,一团,张三,男,1970年1月\n2,一团,李四,未知,1971\n3,二团,王五,女,\n");
    let r = t
        .import(term, "&dry_run=true", "text/csv", file.clone())
        .await
        .ok(200);
    assert_eq!(r["dry_run"], true);
    assert_eq!(r["applied"], false);
    assert_eq!(r["summary"]["create"], 2);
    assert_eq!(r["summary"]["error"], 1);
    let bad = row(&r, 3);
    assert_eq!(bad["outcome"], "error");
    assert_eq!(bad["errors"][0]["column"], "性别");
    assert_eq!(bad["errors"][0]["code"], "invalid_gender");
    assert_eq!(r["created_units"], json!(["代表团：一团", "代表团：二团"]));
    assert_eq!(total(&t, "").await, 0);
    assert_eq!(
        t.get("/api/v1/delegations", &t.admin).await.ok(200),
        json!([])
    );
    // all_or_nothing: a failing row means nothing is written, and the rows are named.
    let p = t
        .import(term, "&all_or_nothing=true", "text/csv", file.clone())
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/rows/3");
    assert_eq!(total(&t, "").await, 0);
    // Without it, the valid rows go in.
    let r = t.import(term, "", "text/csv", file).await.ok(200);
    assert_eq!(r["applied"], true);
    assert_eq!(total(&t, "").await, 2);
    assert_eq!(
        t.get("/api/v1/delegations", &t.admin)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[actix_web::test]
async fn duplicate_rows_inside_one_file() {
    let (t, _, term) = setup().await;
    // The same ID-card number twice: the second row is an error.
    let file = csv("姓名,身份证号\n张三,11010519491231002X\n张三,11010519491231002x\n");
    let r = t.import(term, "", "text/csv", file).await.ok(200);
    assert_eq!(row(&r, 3)["errors"][0]["code"], "duplicate_in_file");
    assert!(row(&r, 3)["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("第 2 行"));
    assert_eq!(total(&t, "").await, 1);
    // Identical rows without keys: two people of the same name, flagged, never merged.
    let file = csv("代表团,姓名,性别\n一团,王永红,女\n一团,王永红,女\n二团,王永红,女\n");
    let r = t.import(term, "", "text/csv", file.clone()).await.ok(200);
    assert_eq!(r["summary"]["create"], 3);
    assert_eq!(r["summary"]["possible_duplicates"], 2);
    assert_eq!(row(&r, 2)["possible_duplicate_rows"], json!([3]));
    assert_eq!(row(&r, 3)["possible_duplicate_rows"], json!([2]));
    assert!(row(&r, 4).get("possible_duplicate_rows").is_none());
    assert_eq!(total(&t, "q=王永红").await, 3);
    // Importing it again pairs identical records one to one: nothing changes.
    let again = t.import(term, "", "text/csv", file).await.ok(200);
    assert_eq!(again["summary"]["unchanged"], 3);
    assert_eq!(row(&again, 2)["matched_by"], "exact_record");
    assert_eq!(total(&t, "q=王永红").await, 3);
}

#[actix_web::test]
async fn mixed_full_width_and_half_width_characters() {
    let (t, _, term) = setup().await;
    let full = "姓　名,性别,出生年月,联系电话,身份证号,代表团\n王　芳,女,１９８０年２月,１３８１２３４５６７８,１１０１０５１９４９１２３１００２ｘ,一团\n";
    let r = t.import(term, "", "text/csv", csv(full)).await.ok(200);
    assert_eq!(r["summary"]["create"], 1, "{r}");
    let d = t.get("/api/v1/deputies?q=王", &t.admin).await.ok(200)["items"][0].clone();
    assert_eq!(d["phone"], "13812345678");
    assert_eq!(d["birth_date"], "1980-02");
    let half = "姓名,性别,出生年月,联系电话,身份证号,代表团\n王 芳,女,1980年2月,13812345678,11010519491231002X,一团\n";
    let r = t.import(term, "", "text/csv", csv(half)).await.ok(200);
    assert_eq!(r["summary"]["unchanged"], 1, "{r}");
    assert_eq!(r["rows"][0]["matched_by"], "id_card");
}

#[actix_web::test]
async fn matching_by_keys_and_by_the_only_namesake() {
    let (t, _, term) = setup().await;
    let first = "外部编号,代表团,姓名,性别,工作单位及职务\nA1,一团,张三,男,村支书\n,一团,李四,男,教师\n,一团,王五,女,医生\n,一团,王五,女,护士\n";
    t.import(term, "", "text/csv", csv(first)).await.ok(200);
    let second = "外部编号,代表团,姓名,性别,工作单位及职务\nA1,一团,张三丰,男,村支书\n,一团,李四,男,校长\n,一团,王五,女,主任\n,一团,李四,女,学生\n";
    let r = t
        .import(term, "&dry_run=true", "text/csv", csv(second))
        .await
        .ok(200);
    // By external id: renamed.
    assert_eq!(row(&r, 2)["outcome"], "update");
    assert_eq!(row(&r, 2)["matched_by"], "external_id");
    assert_eq!(row(&r, 2)["changes"], json!(["name"]));
    // The only 李四 in 一团, nothing contradicts: updated, and the report says how.
    assert_eq!(row(&r, 3)["outcome"], "update");
    assert_eq!(row(&r, 3)["matched_by"], "name_and_delegation");
    assert_eq!(row(&r, 3)["changes"], json!(["workplace_post"]));
    // Two 王五 already: ambiguous, reported, not guessed.
    assert_eq!(row(&r, 4)["outcome"], "error");
    assert_eq!(row(&r, 4)["errors"][0]["code"], "ambiguous_match");
    // A second 李四 of another gender is someone else (and the two rows are flagged).
    assert_eq!(row(&r, 5)["outcome"], "create");
    assert_eq!(row(&r, 5)["possible_duplicate_rows"], json!([3]));
    // An empty cell keeps the stored value.
    let sparse = "代表团,姓名,工作单位及职务\n一团,李四,\n";
    let r = t.import(term, "", "text/csv", csv(sparse)).await.ok(200);
    assert_eq!(r["rows"][0]["outcome"], "unchanged");
}

#[actix_web::test]
async fn json_with_english_headers_and_xlsx_with_title_rows() {
    let (t, _, term) = setup().await;
    let body = json!([
        {"name": "Zhang San", "gender": "male", "delegation": "一团", "birth_date": "1970-01-02", "external_id": "E-1"},
        {"name": "李四", "gender": "F", "delegation": "一团", "unknown_column": "x"}
    ]);
    let r = t
        .import(term, "", "application/json", body.to_string().into_bytes())
        .await
        .ok(200);
    assert_eq!(r["format"], "json");
    assert_eq!(r["summary"]["create"], 2);
    assert!(r["file_warnings"].to_string().contains("unknown_column"));
    // An XLSX with a title and a blank line above the header, and a real date cell.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "兆通镇第十届人民代表大会代表名册")
        .unwrap();
    for (j, h) in ["序号", "代表团", "姓名", "性别", "出生年月"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, j as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 1).unwrap();
    sheet.write_string(3, 1, "二团").unwrap();
    sheet.write_string(3, 2, "王五").unwrap();
    sheet.write_string(3, 3, "男").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1968, 5, 4).unwrap();
    sheet
        .write_datetime_with_format(
            3,
            4,
            &date,
            &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
        )
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = t.import(term, "", XLSX, bytes).await.ok(200);
    assert_eq!(r["format"], "xlsx");
    assert_eq!(r["rows"][0]["row"], 4);
    assert_eq!(r["file_warnings"][0]["code"], "title_rows_skipped");
    let d = t.get("/api/v1/deputies?q=王五", &t.admin).await.ok(200);
    assert_eq!(d["items"][0]["birth_date"], "1968-05-04");
}

#[actix_web::test]
async fn gb18030_csv_from_excel_on_chinese_windows() {
    let (t, _, term) = setup().await;
    let text = "姓名,性别,民族\r\n张三,男,汉族\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let r = t
        .import(term, "", "text/csv", gbk.into_owned())
        .await
        .ok(200);
    assert_eq!(r["summary"]["create"], 1);
    assert!(r["file_warnings"].to_string().contains("GB18030"));
    assert_eq!(
        t.get("/api/v1/deputies", &t.admin).await.ok(200)["items"][0]["ethnicity"],
        "汉族"
    );
}

#[actix_web::test]
async fn export_is_formula_safe_and_round_trips() {
    let (t, _, term) = setup().await;
    let file = "代表团,姓名,性别,出生年月,工作单位及职务,联系电话,身份证号,备注\n一团,张三,男,1970年1月,=HYPERLINK(\"x\"),13812345678,11010519491231002X,@备注\n一团,李四,女,1971,-1+1,+86 13900001111,,\n";
    t.import(term, "", "text/csv", csv(file)).await.ok(200);
    let r = t
        .get(
            &format!("/api/v1/deputies/export?format=csv&term_id={term}"),
            &t.admin,
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    assert!(r.bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(r.bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("序号,代表团,代表小组"));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'@备注"));
    assert!(text.contains("'-1+1"));
    assert!(text.contains("11010519491231002X"));
    // The exported file imports back unchanged.
    let again = t
        .import(term, "", "text/csv", r.bytes.clone())
        .await
        .ok(200);
    assert_eq!(again["summary"]["unchanged"], 2, "{again}");
    let x = t
        .get(
            &format!("/api/v1/deputies/export?format=xlsx&term_id={term}"),
            &t.admin,
        )
        .await;
    assert_eq!(x.header("content-type").as_deref(), Some(XLSX));
    let again = t.import(term, "", XLSX, x.bytes.clone()).await.ok(200);
    assert_eq!(again["summary"]["unchanged"], 2, "{again}");
    t.get("/api/v1/deputies/export?format=pdf", &t.admin)
        .await
        .problem(422);
    // Contacts and ID numbers leave only with roles that may see them.
    let town = t
        .get("/api/v1/congresses", &t.admin)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["level"] == "township")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let presidium = t.user("p", Role::Presidium, town, None).await;
    let r = t.get("/api/v1/deputies/export", &presidium).await;
    let text = String::from_utf8_lossy(&r.bytes);
    assert!(
        text.contains("联系电话")
            && !text.contains("身份证号")
            && !text.contains("11010519491231002X")
    );
    let org = t.user("o", Role::HandlingOrg, town, None).await;
    t.get("/api/v1/deputies/export", &org).await.problem(403);
}

#[actix_web::test]
async fn status_changes_import_edge_cases() {
    let (t, _, term) = setup().await;
    t.import(
        term,
        "",
        "text/csv",
        csv("代表团,姓名,性别\n吉林省,张三,男\n吉林省,李四,女\n"),
    )
    .await
    .ok(200);
    let path = format!("/api/v1/imports/status-changes?term_id={term}");
    let p = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            "text/csv",
            csv("代表团,姓名\n吉林,张三\n"),
        )
        .await
        .problem(422);
    assert!(p["detail"].as_str().unwrap().contains("变动类型"));
    let file = "变动类型,代表团,姓名,变动日期\n辞职,吉林,张三,2024年2月27日\n升职,吉林,李四,2024年2月27日\n去世,吉林,李四,2099年1月1日\n罢免,黑龙江,王五,2024年1月1日\n";
    let r = t
        .send_bytes(Method::POST, &path, Some(&t.admin), "text/csv", csv(file))
        .await
        .ok(200);
    assert_eq!(row(&r, 2)["outcome"], "update");
    assert_eq!(row(&r, 2)["warnings"][0]["code"], "delegation_short_name");
    assert_eq!(row(&r, 3)["errors"][0]["code"], "invalid_change_type");
    assert_eq!(row(&r, 4)["errors"][0]["code"], "in_future");
    assert_eq!(row(&r, 5)["errors"][0]["code"], "unknown_delegation");
    let d = t.get("/api/v1/deputies?q=张三", &t.admin).await.ok(200);
    assert_eq!(d["items"][0]["mandate"]["status"], "terminated");
    assert_eq!(d["items"][0]["mandate"]["status_reason"], "resigned");
    assert_eq!(d["items"][0]["mandate"]["status_date"], "2024-02-27");
    // all_or_nothing with failing rows writes nothing.
    let r = t
        .send_bytes(
            Method::POST,
            &format!("{path}&all_or_nothing=true"),
            Some(&t.admin),
            "text/csv",
            csv("变动类型,代表团,姓名,变动日期\n去世,吉林,李四,2024年3月1日\n升职,吉林,李四,\n"),
        )
        .await;
    r.problem(422);
    let d = t.get("/api/v1/deputies?q=李四", &t.admin).await.ok(200);
    assert_eq!(d["items"][0]["mandate"]["status"], "active");
}

#[actix_web::test]
async fn two_imports_of_one_file_at_once_do_not_duplicate_anyone() {
    let (t, _, term) = setup().await;
    let mut file = String::from("代表团,姓名,性别\n");
    for i in 0..300 {
        let name = format!(
            "代表{}",
            "甲乙丙丁戊己庚辛壬癸".chars().nth(i % 10).unwrap()
        );
        file.push_str(&format!("一团,{name},男\n"));
    }
    // 300 rows with 10 distinct names: namesakes are kept apart, so 300 people.
    let (a, b) = futures_util::future::join(
        t.import(term, "", "text/csv", csv(&file)),
        t.import(term, "", "text/csv", csv(&file)),
    )
    .await;
    let (a, b) = (a.ok(200), b.ok(200));
    let created =
        a["summary"]["create"].as_i64().unwrap() + b["summary"]["create"].as_i64().unwrap();
    let unchanged =
        a["summary"]["unchanged"].as_i64().unwrap() + b["summary"]["unchanged"].as_i64().unwrap();
    assert_eq!(
        (created, unchanged),
        (300, 300),
        "one import creates, the other finds them all"
    );
    assert_eq!(total(&t, "").await, 300);
}

#[actix_web::test]
async fn a_roster_that_gains_a_key_column_matches_the_people_it_already_has() {
    let (t, _, term) = setup().await;
    t.import(
        term,
        "",
        "text/csv",
        csv("代表团,姓名,性别\n一团,赵一,男\n一团,钱二,女\n"),
    )
    .await
    .ok(200);
    let keyed = "外部编号,身份证号,代表团,姓名,性别\nX-1,11010519491231002X,一团,赵一,男\nX-2,,一团,钱二,女\n";
    let r = t.import(term, "", "text/csv", csv(keyed)).await.ok(200);
    assert_eq!(r["summary"]["create"], 0, "{r}");
    assert_eq!(row(&r, 2)["matched_by"], "name_and_delegation");
    assert_eq!(
        row(&r, 2)["changes"],
        json!(["external_id", "id_card_number"])
    );
    assert_eq!(total(&t, "").await, 2);
    // From now on the keys match.
    let again = t.import(term, "", "text/csv", csv(keyed)).await.ok(200);
    assert_eq!(row(&again, 2)["matched_by"], "external_id");
    assert_eq!(again["summary"]["unchanged"], 2);
    // A different stored key means a different person: not matched by name.
    let other = "外部编号,代表团,姓名,性别\nX-9,一团,赵一,男\n";
    let r = t
        .import(term, "&dry_run=true", "text/csv", csv(other))
        .await
        .ok(200);
    assert_eq!(r["rows"][0]["outcome"], "create");
}

#[actix_web::test]
async fn separate_workplace_and_post_columns_are_read_together() {
    let (t, _, term) = setup().await;
    let r = t
        .import(
            term,
            "",
            "text/csv",
            csv("姓名,工作单位,职务\n张三,兆通镇卫生院,院长\n"),
        )
        .await
        .ok(200);
    assert_eq!(r["summary"]["create"], 1, "{r}");
    let d = t.get("/api/v1/deputies?q=张三", &t.admin).await.ok(200);
    assert_eq!(d["items"][0]["workplace_post"], "兆通镇卫生院 院长");
}

#[actix_web::test]
async fn status_changes_without_a_delegation_and_one_person_in_two_rows() {
    let (t, _, term) = setup().await;
    t.import(
        term,
        "",
        "text/csv",
        csv("代表团,姓名,性别\n一团,孙三,男\n一团,周五,女\n二团,周五,女\n"),
    )
    .await
    .ok(200);
    let path = format!("/api/v1/imports/status-changes?term_id={term}");
    // No 代表团 column: a unique name across the term is found; namesakes are not guessed.
    let file = "变动类型,姓名,变动日期\n辞职,孙三,2024年2月27日\n去世,周五,2024年3月1日\n";
    let r = t
        .send_bytes(Method::POST, &path, Some(&t.admin), "text/csv", csv(file))
        .await
        .ok(200);
    assert_eq!(row(&r, 2)["outcome"], "update", "{r}");
    assert_eq!(row(&r, 3)["errors"][0]["code"], "ambiguous_match");
    assert_eq!(total(&t, "q=孙三").await, 1);
    // A by-election and then a resignation of the same new person: one person.
    let file =
        "变动类型,代表团,姓名,变动日期\n补选,一团,吴六,2023年5月1日\n辞职,一团,吴六,2024年1月2日\n";
    let r = t
        .send_bytes(Method::POST, &path, Some(&t.admin), "text/csv", csv(file))
        .await
        .ok(200);
    assert_eq!(
        (
            row(&r, 2)["outcome"].as_str(),
            row(&r, 3)["outcome"].as_str()
        ),
        (Some("create"), Some("update")),
        "{r}"
    );
    assert_eq!(total(&t, "q=吴六").await, 1);
    let wu = t.get("/api/v1/deputies?q=吴六", &t.admin).await.ok(200);
    assert_eq!(wu["items"][0]["mandate"]["status"], "terminated");
    assert_eq!(wu["items"][0]["mandate"]["elected_via"], "by_election");
    // The same file again changes nothing.
    let again = t
        .send_bytes(Method::POST, &path, Some(&t.admin), "text/csv", csv(file))
        .await
        .ok(200);
    assert_eq!(again["summary"]["unchanged"], 2, "{again}");
    assert_eq!(total(&t, "q=吴六").await, 1);
}

#[actix_web::test]
async fn row_numbers_are_the_spreadsheet_lines_with_lf_or_crlf() {
    let (t, _, term) = setup().await;
    for file in [
        "姓名,性别\n张三,男\n李四,X\n",
        "姓名,性别\r\n张三,男\r\n李四,X\r\n",
        "\u{feff}姓名,性别\r\n\r\n张三,男\r\n李四,X\r\n",
    ] {
        let r = t
            .import(term, "&dry_run=true", "text/csv", csv(file))
            .await
            .ok(200);
        let bad = r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["outcome"] == "error")
            .unwrap();
        let expected = if file.contains("\r\n\r\n") { 4 } else { 3 };
        assert_eq!(bad["row"], expected, "{file:?}");
    }
}
