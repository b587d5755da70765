//! Sign-in sheets (签到表) imported as CSV and XLSX, with a dry run; unsigned rows are absences
//! once the activity has started.

use super::fixtures::{activity, create, invite_all, quorum, session, town, Town};
use actix_web::http::Method;
use renda_tests::*;
use serde_json::Value;

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn sign_in_sheets_import_as_csv_and_xlsx_with_a_dry_run() {
    let Town { t, town, term, .. } = town(3).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    let path = format!("/api/v1/activities/{s}/attendance/import");
    let sheet = "兆通镇第十届人民代表大会第一次会议签到表\n姓名,出席情况,签到时间,备注\n王建建建,√,08:45,\n王国建建,迟到,09:10,堵车\n王志建建,请假,,\n张三丰,出席,,\n";
    let dry = t
        .send_bytes(
            Method::POST,
            &format!("{path}?dry_run=true"),
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["summary"]["update"], 2, "{dry}");
    assert_eq!(dry["summary"]["error"], 2);
    let code = |r: &Value, row: u64| {
        r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["row"] == row)
            .unwrap()["errors"][0]["code"]
            .clone()
    };
    // R12: leave needs approval before the start; strangers are not invitees.
    assert_eq!(code(&dry, 5), "leave_not_approved");
    assert_eq!(code(&dry, 6), "not_invited");
    assert_eq!(
        quorum(&t, s).await["not_recorded"],
        3,
        "a dry run writes nothing"
    );
    let done = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(done["applied"], true);
    let list = t
        .get(&format!("/api/v1/activities/{s}/attendance"), &t.admin)
        .await
        .ok(200);
    let late = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "王国建建")
        .unwrap();
    assert_eq!(late["status"], "late");
    assert_eq!(late["checked_in_at"], "2022-01-25T01:10:00Z");
    assert_eq!(late["note"], "堵车");
    // The same sheet again changes nothing.
    let again = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(again["summary"]["unchanged"], 2);
    // XLSX, with 签到 as the status column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (j, h) in ["姓名", "签到"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "王志建建").unwrap();
    ws.write_string(1, 1, "缺席").unwrap();
    let r = t
        .send_bytes(
            Method::POST,
            &path,
            Some(&t.admin),
            XLSX,
            book.save_to_buffer().unwrap(),
        )
        .await
        .ok(200);
    assert_eq!(r["format"], "xlsx");
    assert_eq!(r["summary"]["update"], 1, "{r}");
    assert_eq!(quorum(&t, s).await["absent"], 1);
    // No usable header: 422; a deputy may not import.
    t.send_bytes(
        Method::POST,
        &path,
        Some(&t.admin),
        "text/csv",
        b"a,b\n1,2\n".to_vec(),
    )
    .await
    .problem(422);
}

#[actix_web::test]
async fn a_sign_in_sheet_row_without_status_or_time_is_an_absence_once_started() {
    let Town { t, town, term, .. } = town(2).await;
    let s = id(&create(&t, session(town, term, "2022-01-25T09:00:00+08:00")).await);
    invite_all(&t, s, town).await;
    let sheet = "姓名,出席情况,签到时间\n王建建建,,08:50\n王国建建,,\n";
    let r = t
        .send_bytes(
            Method::POST,
            &format!("/api/v1/activities/{s}/attendance/import"),
            Some(&t.admin),
            "text/csv",
            sheet.as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(r["summary"]["error"], 0, "{r}");
    let q = quorum(&t, s).await;
    assert_eq!(q["present"], 1);
    assert_eq!(q["absent"], 1);
    let row = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["row"] == 3)
        .unwrap()
        .clone();
    assert_eq!(row["warnings"][0]["code"], "not_signed", "{row}");
    // Before the start, a blank row is not an absence but an error.
    let f = id(&create(
        &t,
        activity(
            town,
            "forum",
            "座谈会",
            "2099-01-01T09:00:00+08:00",
            "2099-01-01T11:00:00+08:00",
        ),
    )
    .await);
    invite_all(&t, f, town).await;
    let r = t
        .send_bytes(
            Method::POST,
            &format!("/api/v1/activities/{f}/attendance/import?dry_run=true"),
            Some(&t.admin),
            "text/csv",
            "姓名,出席情况,签到时间\n王国建建,,\n".as_bytes().to_vec(),
        )
        .await
        .ok(200);
    assert_eq!(r["summary"]["error"], 1, "{r}");
}
