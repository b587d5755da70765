//! Issue 10: no import file can stop the server or take its memory past the bounds, and a
//! slow client cannot hold a connection. Each hostile file is generated here (the large
//! ones smaller than in `tests/reliability/`, against lowered bounds), its answer checked,
//! and the server is asked for something else right after.

use actix_web::http::Method;
use renda_tests::*;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use uuid::Uuid;
use zip::write::SimpleFileOptions;

async fn setup_with(adjust: impl FnOnce(&mut renda_api::config::Config)) -> (TestApp, Uuid) {
    let t = TestApp::with_config(adjust).await;
    let town = t.township("兆通镇人民代表大会").await;
    let term = t.term(town, 10, "2022-01-25").await;
    (t, term)
}

/// Asserts a 413 limit refusal with this code, its structured limit, and that nothing was
/// written and the server still answers.
async fn refused(t: &TestApp, res: Res, code: &str, limit: &str) -> Value {
    let p = res.problem(413);
    assert_eq!(p["errors"][0]["code"], code, "{p}");
    assert!(p["type"].as_str().unwrap().ends_with(code), "{p}");
    assert_eq!(p["limit"]["name"], limit, "{p}");
    let value = p["limit"]["value"].as_u64().unwrap();
    assert!(
        p["detail"].as_str().unwrap().contains(&value.to_string()),
        "{p}"
    );
    still_serves(t).await;
    p
}

/// The server answers the next request, and no deputy was written.
async fn still_serves(t: &TestApp) {
    let r = t.get("/api/v1/deputies?with_total=true", &t.admin).await;
    assert_eq!(r.ok(200)["total"], 0);
}

/// An XLSX assembled part by part, so it can say what a real workbook never would.
/// `sheet_data` goes inside `<sheetData>`; `dimension` into a `<dimension>` tag.
fn crafted_xlsx(dimension: Option<&str>, sheet_data: &str, shared: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, String); 4] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into()),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.start_file("xl/sharedStrings.xml", o).unwrap();
    z.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">").unwrap();
    z.write_all(shared).unwrap();
    z.write_all(b"</sst>").unwrap();
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    let dim = dimension
        .map(|d| format!(r#"<dimension ref="{d}"/>"#))
        .unwrap_or_default();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{sheet_data}</sheetData></worksheet>"#).unwrap();
    z.finish().unwrap().into_inner()
}

fn cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Cells only at A1 and XFD1048576 (1.6 KB), as Excel itself writes them.
fn sparse_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "张").unwrap();
    book.save_to_buffer().unwrap()
}

#[actix_web::test]
async fn a_sparse_xlsx_is_refused_before_any_cell_is_kept() {
    let (t, term) = setup_with(|_| {}).await;
    let file = sparse_xlsx();
    assert!(file.len() < 10_000);
    let res = t.import(term, "", XLSX, file.clone()).await;
    let p = refused(&t, res, "too_many_rows", "IMPORT_MAX_ROWS").await;
    assert_eq!(p["limit"]["value"], 50_000);
    // Without a dimension tag the cell itself is caught, by its row or its column.
    let file = crafted_xlsx(
        None,
        &format!(
            r#"<row r="1">{}</row><row r="2">{}</row>"#,
            cell("A1", "姓名"),
            cell("XFD2", "张")
        ),
        b"",
    );
    let res = t.import(term, "", XLSX, file).await;
    refused(&t, res, "too_many_columns", "IMPORT_MAX_COLUMNS").await;
}

#[actix_web::test]
async fn every_file_import_shares_the_bounded_reader() {
    let (t, term) = setup_with(|_| {}).await;
    let file = sparse_xlsx();
    let congress = t.get("/api/v1/congresses", &t.admin).await.ok(200)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [
        format!("/api/v1/imports/status-changes?term_id={term}"),
        format!("/api/v1/suggestions/import?congress_id={congress}&dry_run=true"),
        format!("/api/v1/suggestion-categories/import?congress_id={congress}"),
    ] {
        let res = t
            .send_bytes(Method::POST, &path, Some(&t.admin), XLSX, file.clone())
            .await;
        let p = res.problem(413);
        assert_eq!(p["errors"][0]["code"], "too_many_rows", "{path}: {p}");
    }
    still_serves(&t).await;
}

#[actix_web::test]
async fn a_declared_dimension_over_the_bound_is_refused() {
    let (t, term) = setup_with(|_| {}).await;
    let file = crafted_xlsx(
        Some("A1:Z200000"),
        &format!(r#"<row r="1">{}</row>"#, cell("A1", "姓名")),
        b"",
    );
    assert!(file.len() < 4_000);
    let res = t.import(term, "", XLSX, file).await;
    let p = refused(&t, res, "too_many_rows", "IMPORT_MAX_ROWS").await;
    assert!(p["detail"].as_str().unwrap().contains("声明的范围"), "{p}");
}

#[actix_web::test]
async fn a_shared_strings_bomb_is_refused_by_its_unpacked_size() {
    let (t, term) = setup_with(|c| c.import_limits.max_shared_strings_bytes = 4 << 20).await;
    // 8 MiB of shared strings that deflate to a few KB.
    let shared = b"<si><t>x</t></si>".repeat(8 << 16);
    let file = crafted_xlsx(
        Some("A1:A2"),
        &format!(
            r#"<row r="1">{}</row><row r="2"><c r="A2" t="s"><v>0</v></c></row>"#,
            cell("A1", "姓名")
        ),
        &shared,
    );
    assert!(file.len() < 100_000, "{}", file.len());
    let res = t.import(term, "", XLSX, file).await;
    refused(
        &t,
        res,
        "shared_strings_too_large",
        "IMPORT_MAX_SHARED_STRINGS_BYTES",
    )
    .await;
}

#[actix_web::test]
async fn xlsx_parts_are_bounded_by_what_they_unpack_to() {
    let (t, term) = setup_with(|c| {
        c.import_limits.max_xlsx_part_bytes = 1 << 20;
        c.import_limits.max_rows = 1_000_000;
    })
    .await;
    let rows: String = (2..40_000)
        .map(|i| format!(r#"<row r="{i}">{}</row>"#, cell(&format!("A{i}"), "张")))
        .collect();
    let file = crafted_xlsx(
        None,
        &format!(r#"<row r="1">{}</row>{rows}"#, cell("A1", "姓名")),
        b"",
    );
    let res = t.import(term, "", XLSX, file).await;
    refused(&t, res, "part_too_large", "IMPORT_MAX_XLSX_PART_BYTES").await;
}

#[actix_web::test]
async fn rows_and_cells_are_counted_as_they_are_read() {
    let (t, term) = setup_with(|c| {
        c.import_limits.max_rows = 1_000;
        c.import_limits.max_cells = 2_500;
    })
    .await;
    let rows: String = (2..=1_500)
        .map(|i| format!(r#"<row r="{i}">{}</row>"#, cell(&format!("A{i}"), "张")))
        .collect();
    let file = crafted_xlsx(
        None,
        &format!(r#"<row r="1">{}</row>{rows}"#, cell("A1", "姓名")),
        b"",
    );
    let res = t.import(term, "", XLSX, file).await;
    refused(&t, res, "too_many_rows", "IMPORT_MAX_ROWS").await;
    let mut text = String::from("姓名,性别,民族\n");
    for i in 0..900 {
        text.push_str(&format!("代表{i},男,汉族\n"));
    }
    let res = t.import(term, "", "text/csv", text.into_bytes()).await;
    refused(&t, res, "too_many_cells", "IMPORT_MAX_CELLS").await;
}

#[actix_web::test]
async fn a_line_of_commas_a_long_line_and_a_long_cell_are_refused() {
    let (t, term) = setup_with(|_| {}).await;
    let mut commas = b"\xe5\xa7\x93\xe5\x90\x8d\n".to_vec();
    commas.extend(std::iter::repeat_n(b',', 4 << 20));
    let res = t.import(term, "", "text/csv", commas).await;
    refused(&t, res, "too_many_columns", "IMPORT_MAX_COLUMNS").await;
    // One record of 2 MB: a quoted field that spans lines.
    let long = format!("姓名,备注\n张三,\"{}\"\n", "很长的备注\n".repeat(200_000));
    let res = t.import(term, "", "text/csv", long.into_bytes()).await;
    refused(&t, res, "line_too_long", "IMPORT_MAX_LINE_BYTES").await;
    let cell = format!("姓名,备注\n张三,{}\n", "长".repeat(20_000));
    let res = t.import(term, "", "text/csv", cell.into_bytes()).await;
    let p = refused(&t, res, "cell_too_long", "IMPORT_MAX_CELL_BYTES").await;
    assert!(p["detail"].as_str().unwrap().contains("第 2 行"), "{p}");
}

#[actix_web::test]
async fn json_is_read_item_by_item_within_the_bounds() {
    let (t, term) = setup_with(|c| c.import_limits.max_rows = 1_000).await;
    // A large array of numbers: refused at its first item, no Value tree built.
    let mut numbers = b"[".to_vec();
    numbers.extend(b"1,".repeat(2 << 20));
    numbers.extend(b"1]");
    let p = t
        .import(term, "", "application/json", numbers)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "unreadable_file");
    let items = format!("[{}{{}}]", "{},".repeat(5_000));
    let res = t
        .import(term, "", "application/json", items.into_bytes())
        .await;
    refused(&t, res, "too_many_rows", "IMPORT_MAX_ROWS").await;
    let keys: Vec<String> = (0..300).map(|i| format!("\"k{i}\": 1")).collect();
    let wide = format!("[{{\"姓名\": \"张三\", {}}}]", keys.join(","));
    let res = t
        .import(term, "", "application/json", wide.into_bytes())
        .await;
    refused(&t, res, "too_many_columns", "IMPORT_MAX_COLUMNS").await;
    // And a good file still reads, nested values as their JSON text.
    let ok = r#"{"rows": [{"姓名": "张三", "备注": {"a": [1, 2]}, "性别": null}]}"#;
    let report = t
        .import(term, "&dry_run=true", "application/json", ok.into())
        .await
        .ok(200);
    assert_eq!(report["summary"]["create"], 1, "{report}");
}

#[actix_web::test]
async fn namesakes_are_reported_once_per_group() {
    let (t, term) = setup_with(|_| {}).await;
    let file = format!("姓名\n{}", "张\n".repeat(10_000));
    let res = t
        .import(term, "&dry_run=true", "text/csv", file.into_bytes())
        .await;
    // The old report listed every other namesake on every row: 490 MB.
    assert!(res.bytes.len() < 4 << 20, "{} bytes", res.bytes.len());
    let report = res.ok(200);
    assert_eq!(report["summary"]["rows"], 10_000);
    assert_eq!(report["summary"]["possible_duplicates"], 10_000);
    let groups = report["duplicate_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["name"], "张");
    assert_eq!(groups[0]["count"], 10_000);
    assert_eq!(groups[0]["rows"].as_array().unwrap().len(), 20);
    assert_eq!(groups[0]["more"], 9_980);
    let first = &report["rows"][0];
    assert_eq!(first["duplicate_group"], 0);
    assert_eq!(
        first["possible_duplicate_rows"].as_array().unwrap().len(),
        20
    );
    assert_eq!(first["possible_duplicates_more"], 9_979);
    still_serves(&t).await;
}

#[actix_web::test]
async fn a_report_over_its_bound_says_it_was_cut() {
    let (t, term) = setup_with(|c| c.import_limits.max_report_bytes = 20_000).await;
    let mut file = String::from("姓名,性别\n");
    for i in 0..1_000 {
        file.push_str(&format!("代表{i},男\n"));
    }
    let report = t
        .import(term, "&dry_run=true", "text/csv", file.clone().into_bytes())
        .await
        .ok(200);
    assert_eq!(report["truncated"], true);
    assert_eq!(report["summary"]["rows"], 1_000);
    let listed = report["rows"].as_array().unwrap().len();
    assert!(listed > 10 && listed < 1_000, "{listed}");
    assert_eq!(report["rows_omitted"], 1_000 - listed as u64);
    assert_eq!(report["rows"][0]["row"], 2);
    // The rows are still all imported.
    let report = t
        .import(term, "", "text/csv", file.into_bytes())
        .await
        .ok(200);
    assert_eq!(report["summary"]["create"], 1_000);
}

/// Sends raw bytes to the server and reads until it answers or closes (at most `wait`).
fn raw_exchange(addr: std::net::SocketAddr, send: &[u8], wait: Duration) -> (String, Duration) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(send).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    let t0 = Instant::now();
    let mut answer = vec![];
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
            break;
        }
    }
    (String::from_utf8_lossy(&answer).into_owned(), t0.elapsed())
}

#[actix_web::test]
async fn a_body_that_never_finishes_is_answered_408() {
    let t = TestApp::with_config(|c| {
        c.body_idle_seconds = 1;
        c.body_timeout_seconds = 3;
    })
    .await;
    let addr = t.srv.addr();
    let head = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"usern\"";
    let (answer, took) = actix_web::rt::task::spawn_blocking(move || {
        raw_exchange(addr, head, Duration::from_secs(30))
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("body_timeout"), "{answer}");
    assert!(answer.contains("BODY_IDLE_SECONDS"), "{answer}");
    assert!(took < Duration::from_secs(20), "{took:?}");
    // A body that trickles in past the whole deadline is cut too.
    let answer = actix_web::rt::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n").unwrap();
        for _ in 0..8 {
            std::thread::sleep(Duration::from_millis(500));
            if s.write_all(b" ").is_err() {
                break;
            }
        }
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut answer = vec![];
        let _ = s.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("BODY_TIMEOUT_SECONDS"), "{answer}");
    t.login("admin").await;
}

#[actix_web::test]
async fn imports_wait_for_a_free_slot_then_get_503() {
    let (t, term) = setup_with(|c| {
        c.max_concurrent_imports = 1;
        c.import_queue_seconds = 1;
        c.body_idle_seconds = 4;
    })
    .await;
    let addr = t.srv.addr();
    let token = t.admin.clone();
    // An upload that stalls holds the only slot until its body times out.
    let stalled = actix_web::rt::task::spawn_blocking(move || {
        let head = format!("POST /api/v1/imports/roster?term_id={term}&dry_run=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: text/csv\r\nContent-Length: 100\r\n\r\n姓名\n");
        raw_exchange(addr, head.as_bytes(), Duration::from_secs(30))
    });
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    let res = t
        .import(term, "&dry_run=true", "text/csv", "姓名\n张三\n".into())
        .await;
    let p = res.problem(503);
    assert_eq!(p["type"], "https://renda.example/problems/import_busy");
    assert_eq!(p["limit"]["name"], "MAX_CONCURRENT_IMPORTS");
    assert_eq!(p["limit"]["value"], 1);
    assert!(res.header("retry-after").is_some());
    let (answer, _) = stalled.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // The slot is free again.
    t.import(term, "&dry_run=true", "text/csv", "姓名\n张三\n".into())
        .await
        .ok(200);
}

#[actix_web::test]
async fn the_server_closes_a_connection_whose_head_never_ends() {
    let db = TestDb::new();
    let mut config = renda_api::config::Config::for_tests(&db.url());
    config.client_request_timeout_seconds = 1;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server =
        renda_api::app::server(renda_api::app::AppState::new(config), listener, 1).unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let (answer, took) = actix_web::rt::task::spawn_blocking(move || {
        raw_exchange(
            addr,
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n",
            Duration::from_secs(30),
        )
    })
    .await
    .unwrap();
    // actix answers 408 itself (not problem+json: see `app::server`) and closes.
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
    let (answer, _) = actix_web::rt::task::spawn_blocking(move || {
        raw_exchange(
            addr,
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        )
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    handle.stop(false).await;
}

#[actix_web::test]
async fn a_statement_past_the_timeout_is_cancelled() {
    use diesel::prelude::*;
    let db = TestDb::new();
    let pool = renda_api::db::pool(&db.url(), 1, 1);
    let mut conn = pool.get().unwrap();
    let err = diesel::sql_query("SELECT pg_sleep(3)")
        .execute(&mut conn)
        .unwrap_err();
    let api: renda_api::error::ApiError = err.into();
    assert_eq!(api.problem().status, 503);
}
