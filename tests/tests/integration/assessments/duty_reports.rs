//! Duty reports to constituents (述职评议): tallies and their refusals, a ballot sheet,
//! the coverage of a term, access for each role.

use super::fixtures::{town, Town};
use renda_openapi::{
    BallotImportReport, DutyReport, DutyReportCoverage, DutyReportPage, ReportForm,
};
use renda_tests::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// The codes of a 422's field errors, with their pointers.
pub fn field_codes(p: &Value) -> Vec<(String, String)> {
    p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A handling organisation of the town with a user; its id and token.
pub async fn handling_org(z: &Town, name: &str, user: &str) -> (Uuid, String) {
    let org =
        z.t.post(
            "/api/v1/handling-orgs",
            &z.t.admin,
            json!({"congress_id": z.town, "name": name}),
        )
        .await
        .ok(201);
    z.t.post(
        &format!("/api/v1/handling-orgs/{}/users", id(&org)),
        &z.t.admin,
        json!({"username": user, "display_name": name, "password": PASSWORD}),
    )
    .await
    .ok(201);
    (id(&org), z.t.login(user).await)
}

/// An API key of an integration user of the town with `scopes`.
pub async fn api_key(z: &Town, user: &str, scopes: &[&str]) -> String {
    let u =
        z.t.post(
            "/api/v1/users",
            &z.t.admin,
            json!({"username": user, "display_name": user, "password": PASSWORD,
               "role": "integration", "congress_id": z.town}),
        )
        .await
        .ok(201);
    z.t.post(
        "/api/v1/api-keys",
        &z.t.admin,
        json!({"user_id": id(&u), "name": user, "scopes": scopes}),
    )
    .await
    .ok(201)["key"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn activity(z: &Town, kind: &str, day: &str) -> Uuid {
    let body = json!({
        "congress_id": z.town, "kind": kind, "title": format!("{day} 代表向选民述职"),
        "organiser": {"kind": "congress"}, "place": "兆通村村委会",
        "starts_at": format!("{day}T09:00:00+08:00"), "ends_at": format!("{day}T11:00:00+08:00"),
        "topics": []
    });
    id(&z
        .t
        .post("/api/v1/activities", &z.t.admin, body)
        .await
        .ok(201))
}

fn report(activity: Uuid, deputy: impl serde::Serialize, audience: u32, ballots: Value) -> Value {
    json!({"activity_id": activity, "deputy_id": deputy, "audience": audience,
           "form": "oral", "constituency": "第三选区", "ballots": ballots})
}

fn tally(s: u32, b: u32, d: u32, i: u32) -> Value {
    json!({"satisfied": s, "basically_satisfied": b, "dissatisfied": d, "invalid": i})
}

#[actix_web::test]
async fn a_tally_that_fits_the_audience_is_kept_and_each_bad_one_refused() {
    let z = town().await;
    let a = activity(&z, "duty_report", "2022-06-10").await;
    // Exactly the audience: 30 + 15 + 3 valid and 2 invalid ballots from 50 present.
    let r: DutyReport =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, z.deputies[0], 50, tally(30, 15, 3, 2)),
        )
        .await
        .typed(201);
    assert_eq!(
        (r.satisfaction_rate, r.form, r.reported_on.to_string()),
        (Some(93.75), ReportForm::Oral, "2022-06-10".into())
    );
    assert_eq!(r.constituency.as_deref(), Some("第三选区"));
    // A second report of the deputy at the same activity.
    let again =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, z.deputies[0], 50, Value::Null),
        )
        .await;
    assert_eq!(again.refusal(409), "duty_report_exists");
    // One ballot over: valid alone, and valid with invalid.
    let cases = [
        (
            report(a, z.deputies[1], 50, tally(30, 18, 3, 0)),
            "/ballots",
            "ballots_exceed_audience",
        ),
        (
            report(a, z.deputies[1], 50, tally(30, 15, 3, 3)),
            "/ballots",
            "ballots_cast_exceed_audience",
        ),
        (
            report(a, z.deputies[1], 100_001, Value::Null),
            "/audience",
            "out_of_range",
        ),
    ];
    for (body, pointer, code) in cases {
        let p =
            z.t.post("/api/v1/duty-reports", &z.staff, body)
                .await
                .problem(422);
        assert_eq!(
            field_codes(&p),
            [(pointer.to_string(), code.to_string())],
            "{p}"
        );
    }
    // Not a duty-report activity; a deputy of another township.
    let training = activity(&z, "training", "2022-06-11").await;
    let p =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(training, z.deputies[1], 50, Value::Null),
        )
        .await
        .problem(422);
    assert_eq!(field_codes(&p)[0].1, "not_a_duty_report_activity");
    let other = z.t.township("邻镇人民代表大会").await;
    let other_term = z.t.term(other, 10, "2022-01-25").await;
    let stranger = id(&z
        .t
        .deputy(&z.t.admin, other, other_term, json!({"name": "钱多多"}))
        .await);
    let p =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, stranger, 50, Value::Null),
        )
        .await
        .problem(422);
    assert_eq!(
        field_codes(&p)[0],
        ("/deputy_id".into(), "not_a_deputy_of_the_term".into())
    );
    // The ballots entered later with If-Match; stale and missing versions refused.
    let late: DutyReport =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, z.deputies[1], 40, Value::Null),
        )
        .await
        .typed(201);
    assert_eq!((late.ballots, late.satisfaction_rate), (None, None));
    let path = format!("/api/v1/duty-reports/{}", late.id);
    let body = report(a, z.deputies[1], 40, tally(20, 10, 10, 0));
    let put: DutyReport =
        z.t.put(&path, &z.staff, "\"1\"", body.clone())
            .await
            .typed(200);
    assert_eq!((put.version, put.satisfaction_rate), (2, Some(75.0)));
    assert_eq!(
        z.t.put(&path, &z.staff, "\"1\"", body.clone()).await.status,
        412
    );
    let no_match =
        z.t.call(
            actix_web::http::Method::PUT,
            &path,
            Some(&z.staff),
            Some(&body),
            &[],
        )
        .await;
    assert_eq!(no_match.status, 428);
    let p =
        z.t.put(
            &path,
            &z.staff,
            "\"2\"",
            report(a, z.deputies[1], 40, tally(20, 10, 10, 1)),
        )
        .await
        .problem(422);
    assert_eq!(field_codes(&p)[0].1, "ballots_cast_exceed_audience");
}

#[actix_web::test]
async fn each_role_sees_and_writes_what_it_may() {
    let z = town().await;
    let a = activity(&z, "duty_report", "2022-06-10").await;
    let body = |d: usize| report(a, z.deputies[d], 50, tally(40, 5, 5, 0));
    let mine: DutyReport =
        z.t.post("/api/v1/duty-reports", &z.staff, body(0))
            .await
            .typed(201);
    z.t.post("/api/v1/duty-reports", &z.staff, body(1))
        .await
        .ok(201);
    // Deputies and the presidium do not record reports.
    for token in [&z.dep[0], &z.presidium] {
        assert_eq!(
            z.t.post("/api/v1/duty-reports", token, body(2))
                .await
                .refusal(403),
            "role_may_not"
        );
    }
    // A deputy reads their own only; the presidium all; another township none.
    let own: DutyReportPage = z.t.get("/api/v1/duty-reports", &z.dep[0]).await.typed(200);
    assert_eq!(
        own.items.iter().map(|r| r.deputy_id).collect::<Vec<_>>(),
        [z.deputies[0]]
    );
    let theirs = format!("/api/v1/duty-reports/{}", own.items[0].id);
    z.t.get(&theirs, &z.dep[1]).await.problem(404);
    z.t.get(&theirs, &z.dep[0]).await.ok(200);
    let all: DutyReportPage =
        z.t.get("/api/v1/duty-reports", &z.presidium)
            .await
            .typed(200);
    assert_eq!(all.items.len(), 2);
    let none: DutyReportPage =
        z.t.get("/api/v1/duty-reports", &z.stranger)
            .await
            .typed(200);
    assert!(none.items.is_empty());
    z.t.get(&theirs, &z.stranger).await.problem(404);
    // Handling organisations have no part in it.
    let (_, org) = handling_org(&z, "镇财政所", "org").await;
    assert_eq!(
        z.t.get("/api/v1/duty-reports", &org).await.refusal(403),
        "role_may_not"
    );
    assert_eq!(z.t.get(&theirs, &org).await.refusal(403), "role_may_not");
    // Keys: read with assessments:read, write only with assessments:write.
    let read = api_key(&z, "sync_r", &["assessments:read"]).await;
    let page: DutyReportPage =
        z.t.get("/api/v1/duty-reports?limit=1", &read)
            .await
            .typed(200);
    assert_eq!(page.items.len(), 1);
    assert!(page.next_cursor.is_some());
    let p =
        z.t.post("/api/v1/duty-reports", &read, body(2))
            .await
            .problem(403);
    assert!(
        p["detail"].as_str().unwrap().contains("assessments:write"),
        "{p}"
    );
    let write = api_key(&z, "sync_w", &["assessments:read", "assessments:write"]).await;
    z.t.post("/api/v1/duty-reports", &write, body(2))
        .await
        .ok(201);
    // updated_since: only what changed after.
    let since = mine
        .updated_at
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let later: DutyReportPage =
        z.t.get(
            &format!("/api/v1/duty-reports?updated_since={}", encode(&since)),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(later.items.len(), 2);
    // Coverage: the office and the presidium only.
    let cov = format!("/api/v1/duty-report-coverage?term_id={}", z.term);
    z.t.get(&cov, &z.presidium).await.ok(200);
    z.t.get(&cov, &read).await.ok(200);
    assert_eq!(z.t.get(&cov, &z.dep[0]).await.refusal(403), "role_may_not");
    z.t.get(&cov, &z.stranger).await.problem(404);
}

fn encode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

/// A ballot sheet as a township office types it: a title row, then 序号, 姓名 and the counts.
fn sheet(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write(0, 0, "兆通镇2022年人大代表向选民述职测评计票表")
        .unwrap();
    let head = [
        "序号",
        "姓名",
        "满意票",
        "基本满意票",
        "不满意票",
        "无效票",
        "有效票",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        ws.write(r, 0, r - 1).unwrap();
        ws.write(r, 1, row[0]).unwrap();
        for (c, v) in row[1..].iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) => ws.write(r, c as u16 + 2, n).unwrap(),
                Err(_) => ws.write(r, c as u16 + 2, *v).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[actix_web::test]
async fn a_ballot_sheet_enters_the_tallies_and_reports_each_bad_row() {
    let z = town().await;
    let a = activity(&z, "duty_report", "2022-11-18").await;
    for (d, audience) in [(0, 60), (1, 60), (2, 40)] {
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, z.deputies[d], audience, Value::Null),
        )
        .await
        .ok(201);
    }
    let file = sheet(&[
        ["王建国", "40", "15", "3", "2", "58"],
        ["李秀英", "50", "8", "2", "1", "60"],
        ["张海燕", "20", "10", "5", "0", "36"],
        ["赵明华", "30", "5", "0", "0", "35"],
        ["孙桂兰", "三十", "5", "0", "0", ""],
    ]);
    let path = format!("/api/v1/duty-reports/import?activity_id={a}");
    let post = |q: &str, body: Vec<u8>, ct: &str, token: &str| {
        let (q, ct, token) = (format!("{path}{q}"), ct.to_string(), token.to_string());
        let t = &z.t;
        async move {
            t.send_bytes(actix_web::http::Method::POST, &q, Some(&token), &ct, body)
                .await
        }
    };
    let dry: BallotImportReport = post("&dry_run=true", file.clone(), XLSX, &z.staff)
        .await
        .typed(200);
    let errors: Vec<(&str, &str)> = dry
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!((dry.dry_run, dry.rows, dry.updated), (true, 5, 1));
    assert_eq!(
        errors,
        [
            ("/rows/4", "ballots_cast_exceed_audience"),
            ("/rows/5", "ballot_sum_mismatch"),
            ("/rows/6/姓名", "not_reported_here"),
            ("/rows/7/满意票", "invalid_value"),
        ]
    );
    // The dry run wrote nothing.
    let page: DutyReportPage =
        z.t.get(&format!("/api/v1/duty-reports?activity_id={a}"), &z.staff)
            .await
            .typed(200);
    assert!(page
        .items
        .iter()
        .all(|r| r.ballots.is_none() && r.version == 1));
    // Applied: the good row only.
    let done: BallotImportReport = post("", file, XLSX, &z.staff).await.typed(200);
    assert_eq!(
        (done.dry_run, done.updated, done.errors.len()),
        (false, 1, 4)
    );
    let page: DutyReportPage =
        z.t.get(
            &format!("/api/v1/duty-reports?deputy_id={}", z.deputies[0]),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(page.items[0].satisfaction_rate, Some(94.83));
    // A corrected CSV for the others; a deputy may not import.
    let csv = "姓名,满意,基本满意,不满意,无效\n李秀英,50,8,1,1\n张海燕,20,10,6,0\n"
        .as_bytes()
        .to_vec();
    let fixed: BallotImportReport = post("", csv.clone(), "text/csv", &z.staff).await.typed(200);
    assert_eq!(
        (fixed.updated, fixed.errors.len()),
        (2, 0),
        "{:?}",
        fixed.errors
    );
    assert_eq!(
        post("", csv.clone(), "text/csv", &z.dep[0])
            .await
            .refusal(403),
        "role_may_not"
    );
    // A file without the counts' header.
    let p = post(
        "",
        "姓名,票数\n王建国,3\n".as_bytes().to_vec(),
        "text/csv",
        &z.staff,
    )
    .await
    .problem(422);
    assert_eq!(field_codes(&p)[0].1, "missing_header");
    // Not a duty-report activity.
    let training = activity(&z, "training", "2022-11-19").await;
    let q = format!("/api/v1/duty-reports/import?activity_id={training}");
    let r =
        z.t.send_bytes(
            actix_web::http::Method::POST,
            &q,
            Some(&z.staff),
            "text/csv",
            csv,
        )
        .await;
    assert_eq!(
        field_codes(&r.problem(422))[0].1,
        "not_a_duty_report_activity"
    );
}

#[actix_web::test]
async fn the_coverage_shows_who_reported_this_term_and_who_not() {
    let z = town().await;
    let june = activity(&z, "duty_report", "2022-06-10").await;
    let nov = activity(&z, "duty_report", "2022-11-18").await;
    let before_term = activity(&z, "duty_report", "2021-12-01").await;
    z.t.post(
        "/api/v1/duty-reports",
        &z.staff,
        report(june, z.deputies[0], 50, tally(40, 5, 5, 0)),
    )
    .await
    .ok(201);
    z.t.post(
        "/api/v1/duty-reports",
        &z.staff,
        report(nov, z.deputies[0], 50, tally(20, 10, 20, 0)),
    )
    .await
    .ok(201);
    z.t.post(
        "/api/v1/duty-reports",
        &z.staff,
        report(june, z.deputies[1], 50, Value::Null),
    )
    .await
    .ok(201);
    z.t.post(
        "/api/v1/duty-reports",
        &z.staff,
        report(before_term, z.deputies[2], 50, Value::Null),
    )
    .await
    .ok(201);
    let cov: DutyReportCoverage =
        z.t.get(
            &format!("/api/v1/duty-report-coverage?term_id={}", z.term),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!((cov.deputies, cov.reported), (6, 2));
    let row = |d: usize| {
        cov.rows
            .iter()
            .find(|r| r.deputy.deputy_id == z.deputies[d])
            .unwrap()
    };
    assert_eq!(row(0).reports, 2);
    assert_eq!(
        row(0).last_reported_on.map(|d| d.to_string()).as_deref(),
        Some("2022-11-18")
    );
    assert_eq!(row(0).last_satisfaction_rate, Some(60.0));
    assert_eq!((row(1).reports, row(1).last_satisfaction_rate), (1, None));
    assert_eq!((row(2).reports, row(2).last_reported_on), (0, None));
    // The list by term leaves the report before the term out.
    let page: DutyReportPage =
        z.t.get(
            &format!("/api/v1/duty-reports?term_id={}", z.term),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(page.items.len(), 3);
}

/// A report at a cancelled duty-report activity would never count (the record and the
/// coverage leave cancelled activities out): refused, and nothing is kept.
#[actix_web::test]
async fn no_report_is_recorded_at_a_cancelled_activity() {
    use diesel::RunQueryDsl;
    let z = town().await;
    let a = activity(&z, "duty_report", "2022-12-15").await;
    diesel::sql_query(format!(
        "UPDATE activities SET status = 'cancelled' WHERE id = '{a}'"
    ))
    .execute(&mut z.t.db.conn())
    .unwrap();
    let p =
        z.t.post(
            "/api/v1/duty-reports",
            &z.staff,
            report(a, z.deputies[0], 40, tally(30, 5, 5, 0)),
        )
        .await
        .problem(422);
    assert_eq!(
        field_codes(&p),
        [("/activity_id".to_string(), "activity_cancelled".to_string())]
    );
    let list: Value =
        z.t.get(&format!("/api/v1/duty-reports?activity_id={a}"), &z.staff)
            .await
            .ok(200);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(0));
}
