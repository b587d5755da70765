//! Performance records (履职档案): the record of a deputy matches the activities,
//! attendance and suggestions the fixture holds; the list with counts; the DOCX and XLSX
//! exports; access for each role.

use super::fixtures::{town, Town};
use diesel::prelude::*;
use renda_openapi::{
    AttendanceStatus, Metric, PerformanceRecord, PerformanceSummaryPage, RecordSection,
    RecordSource, ResultClass, Role, Satisfaction,
};
use renda_tests::*;
use serde_json::json;
use uuid::Uuid;

/// What [`seed`] created.
#[allow(dead_code)]
pub struct Seeded {
    /// Session 2022-03-10 (d0 present, d1 on leave, d2 absent).
    pub session: Uuid,
    /// Training 2022-05-20 (d0 late, d1 absent).
    pub training: Uuid,
    /// Inspection 2022-06-15 (d0 absent, d1 present).
    pub inspection: Uuid,
    /// Research 2022-07-01, cancelled (d0 present: never counted).
    pub cancelled: Uuid,
    /// Forum 2022-09-09 where d0 has no attendance recorded.
    pub forum: Uuid,
    /// Suggestion led by d0 (co-signed by d1, d2 unconfirmed), replied class A, rated
    /// satisfied by d0.
    pub led: Uuid,
    /// Suggestion led by d1, co-signed by d0.
    pub cosigned: Uuid,
}

fn exec(conn: &mut PgConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
}

fn activity(conn: &mut PgConnection, z: &Town, kind: &str, day: &str, status: &str) -> Uuid {
    let id = Uuid::now_v7();
    let session = if kind == "session" {
        "'regular', 1"
    } else {
        "NULL, NULL"
    };
    exec(
        conn,
        &format!(
            "INSERT INTO activities (id, congress_id, term_id, kind, title, organiser_kind, starts_at, ends_at, status, session_kind, session_number) \
             VALUES ('{id}', '{}', '{}', '{kind}', '{kind} {day}', 'congress', '{day} 09:00+08', '{day} 11:00+08', '{status}', {session})",
            z.town, z.term
        ),
    );
    id
}

fn attend(conn: &mut PgConnection, activity: Uuid, deputy: Uuid, status: &str) {
    exec(
        conn,
        &format!(
            "INSERT INTO attendances (id, activity_id, deputy_id, capacity, status) VALUES ('{}', '{activity}', '{deputy}', 'member', '{status}')",
            Uuid::now_v7()
        ),
    );
}

fn suggestion(
    conn: &mut PgConnection,
    z: &Town,
    lead: Uuid,
    title: &str,
    status: &str,
    on: Option<&str>,
) -> Uuid {
    let id = Uuid::now_v7();
    let on = on.map(|d| format!("'{d}'")).unwrap_or("NULL".into());
    exec(
        conn,
        &format!(
            "INSERT INTO suggestions (id, congress_id, lead_deputy_id, kind, title, content, status, submitted_on) \
             VALUES ('{id}', '{}', '{lead}', 'suggestion', '{title}', '内容', '{status}', {on})",
            z.town
        ),
    );
    exec(
        conn,
        &format!("INSERT INTO suggestion_signers (suggestion_id, deputy_id, role, confirmed_at) VALUES ('{id}', '{lead}', 'lead', now())"),
    );
    id
}

fn sign(conn: &mut PgConnection, s: Uuid, deputy: Uuid, confirmed: bool) {
    let at = if confirmed { "now()" } else { "NULL" };
    exec(
        conn,
        &format!("INSERT INTO suggestion_signers (suggestion_id, deputy_id, role, confirmed_at) VALUES ('{s}', '{deputy}', 'co', {at})"),
    );
}

/// Activities of 2022 (and one of 2023) with attendance, and suggestions, written as the
/// meetings and suggestions areas keep them.
pub fn seed(z: &Town) -> Seeded {
    let mut conn = z.t.db.conn();
    let c = &mut conn;
    let d: Vec<Uuid> = z.deputies.iter().map(|d| d.0).collect();
    let session = activity(c, z, "session", "2022-03-10", "held");
    let training = activity(c, z, "training", "2022-05-20", "held");
    let inspection = activity(c, z, "inspection", "2022-06-15", "held");
    let cancelled = activity(c, z, "research", "2022-07-01", "cancelled");
    let forum = activity(c, z, "forum", "2022-09-09", "held");
    let later = activity(c, z, "inspection", "2023-02-01", "held");
    for (a, dep, s) in [
        (session, 0, "present"),
        (session, 1, "on_leave"),
        (session, 2, "absent"),
        (training, 0, "late"),
        (training, 1, "absent"),
        (inspection, 0, "absent"),
        (inspection, 1, "present"),
        (cancelled, 0, "present"),
        (later, 0, "present"),
    ] {
        attend(c, a, d[dep], s);
    }
    let led = suggestion(c, z, d[0], "修缮村道", "replied", Some("2022-03-09"));
    sign(c, led, d[1], true);
    sign(c, led, d[2], false);
    let org = Uuid::now_v7();
    exec(
        c,
        &format!(
            "INSERT INTO handling_orgs (id, congress_id, name) VALUES ('{org}', '{}', '镇交通办')",
            z.town
        ),
    );
    exec(
        c,
        &format!(
            "INSERT INTO suggestion_replies (id, suggestion_id, handling_org_id, round, result_class, body, status, sent_at) \
             VALUES ('{}', '{led}', '{org}', 1, 'A', '已修缮', 'sent', now())",
            Uuid::now_v7()
        ),
    );
    exec(
        c,
        &format!(
            "INSERT INTO suggestion_feedback (id, suggestion_id, deputy_id, round, attitude, result) \
             VALUES ('{}', '{led}', '{}', 1, 'satisfied', 'satisfied')",
            Uuid::now_v7(),
            d[0]
        ),
    );
    let cosigned = suggestion(c, z, d[1], "增设路灯", "submitted", Some("2022-08-01"));
    sign(c, cosigned, d[0], true);
    suggestion(c, z, d[0], "草稿建议", "draft", None);
    Seeded {
        session,
        training,
        inspection,
        cancelled,
        forum,
        led,
        cosigned,
    }
}

/// An integration key of the town with `scopes`.
pub async fn key(z: &Town, scopes: &[&str]) -> String {
    let user =
        z.t.post(
            "/api/v1/users",
            &z.t.admin,
            json!({"username": "sync", "display_name": "区平台", "password": PASSWORD,
                   "role": "integration", "congress_id": z.town}),
        )
        .await
        .ok(201);
    let key =
        z.t.post(
            "/api/v1/api-keys",
            &z.t.admin,
            json!({"user_id": id(&user), "name": "同步", "scopes": scopes}),
        )
        .await
        .ok(201);
    key["key"].as_str().unwrap().to_string()
}

fn section(r: &PerformanceRecord, s: RecordSection) -> &Vec<renda_openapi::RecordItem> {
    &r.sections.iter().find(|x| x.section == s).unwrap().items
}

#[actix_web::test]
async fn a_deputys_record_is_what_the_calendar_and_the_suggestions_hold() {
    let z = town().await;
    let s = seed(&z);
    let path = format!("/api/v1/performance-records/{}?year=2022", z.deputies[0]);
    let r: PerformanceRecord = z.t.get(&path, &z.dep[0]).await.typed(200);
    let c = &r.counts;
    let expected = [
        (Metric::SessionsInvited, 1),
        (Metric::SessionsAttended, 1),
        (Metric::SessionsAbsent, 0),
        (Metric::Trainings, 1),
        (Metric::Inspections, 0),
        (Metric::Research, 0),
        (Metric::ActivitiesInvited, 2),
        (Metric::ActivitiesAttended, 1),
        (Metric::ActivitiesAbsent, 1),
        (Metric::SuggestionsLed, 1),
        (Metric::SuggestionsCosigned, 1),
        (Metric::SuggestionsAccepted, 1),
        (Metric::SuggestionsResolved, 1),
    ];
    for (m, n) in expected {
        assert_eq!(c.get(m), n, "{m:?}");
    }
    assert_eq!(r.period.from.to_string(), "2022-01-01");
    // The lines point at their sources, with the attendance recorded.
    let meetings = section(&r, RecordSection::Meetings);
    assert_eq!(meetings.len(), 1);
    assert!(
        matches!(meetings[0].source, RecordSource::Activity { activity_id, attendance: AttendanceStatus::Present, .. } if activity_id.0 == s.session)
    );
    let training = section(&r, RecordSection::Training);
    assert!(matches!(
        training[0].source,
        RecordSource::Activity {
            attendance: AttendanceStatus::Late,
            ..
        }
    ));
    let insp = section(&r, RecordSection::InspectionsResearch);
    assert_eq!(insp.len(), 1, "the cancelled research is not a line");
    assert!(
        matches!(insp[0].source, RecordSource::Activity { activity_id, attendance: AttendanceStatus::Absent, .. } if activity_id.0 == s.inspection)
    );
    let sugg = section(&r, RecordSection::SuggestionsMotions);
    assert_eq!(sugg.len(), 2, "the draft is not a line");
    let led = sugg.iter().find(|i| i.label == "领衔建议").unwrap();
    assert!(
        matches!(led.source, RecordSource::Suggestion { suggestion_id, led: true, result_class: Some(ResultClass::A), satisfaction: Some(Satisfaction::Satisfied), .. } if suggestion_id.0 == s.led)
    );
    let co = sugg.iter().find(|i| i.label == "附议建议").unwrap();
    assert!(
        matches!(co.source, RecordSource::Suggestion { suggestion_id, led: false, .. } if suggestion_id.0 == s.cosigned)
    );
    assert_eq!(r.sections.len(), RecordSection::ALL.len());
}

#[actix_web::test]
async fn leave_is_neutral_and_unconfirmed_signatures_and_other_periods_do_not_count() {
    let z = town().await;
    seed(&z);
    // Excused absence is neutral in the rate; d1 was on leave at the only session.
    let r1: PerformanceRecord =
        z.t.get(
            &format!("/api/v1/performance-records/{}?year=2022", z.deputies[1]),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(r1.counts.get(Metric::SessionsOnLeave), 1);
    assert!(!r1
        .rates
        .contains_key(&renda_openapi::RateMetric::SessionAttendance));
    assert_eq!(r1.counts.get(Metric::SuggestionsCosigned), 1);
    let r2: PerformanceRecord =
        z.t.get(
            &format!("/api/v1/performance-records/{}?year=2022", z.deputies[2]),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(
        r2.counts.get(Metric::SuggestionsCosigned),
        0,
        "unconfirmed signature"
    );
    assert_eq!(r2.counts.get(Metric::SessionsAbsent), 1);
    // Another year, a quarter.
    let q1: PerformanceRecord =
        z.t.get(
            &format!(
                "/api/v1/performance-records/{}?year=2022&quarter=1",
                z.deputies[0]
            ),
            &z.dep[0],
        )
        .await
        .typed(200);
    assert_eq!(
        (
            q1.counts.get(Metric::SessionsAttended),
            q1.counts.get(Metric::Trainings)
        ),
        (1, 0)
    );
    let y23: PerformanceRecord =
        z.t.get(
            &format!("/api/v1/performance-records/{}?year=2023", z.deputies[0]),
            &z.dep[0],
        )
        .await
        .typed(200);
    assert_eq!(y23.counts.get(Metric::Inspections), 1);
}

#[actix_web::test]
async fn a_record_is_read_by_its_deputy_and_the_office_only() {
    let z = town().await;
    seed(&z);
    let path = format!("/api/v1/performance-records/{}?year=2022", z.deputies[0]);
    z.t.get(&path, &z.dep[0]).await.ok(200);
    z.t.get(&path, &z.staff).await.ok(200);
    z.t.get(&path, &z.presidium).await.ok(200);
    z.t.get(&path, &z.t.admin).await.ok(200);
    z.t.get(&path, &z.dep[1]).await.problem(404);
    z.t.get(&path, &z.stranger).await.problem(404);
    let org = z.t.user("org", Role::HandlingOrg, z.town, None).await;
    z.t.get(&path, &org).await.problem(404);
    let read = key(&z, &["assessments:read"]).await;
    z.t.get(&path, &read).await.ok(200);
    // Bad periods.
    let base = format!("/api/v1/performance-records/{}", z.deputies[0]);
    let code = |p: serde_json::Value| {
        p["errors"][0]["code"]
            .as_str()
            .unwrap_or(p["code"].as_str().unwrap_or(""))
            .to_string()
    };
    let p =
        z.t.get(&format!("{base}?from=2018-01-01&to=2023-12-31"), &z.staff)
            .await
            .problem(422);
    assert_eq!(code(p), "period_too_long");
    z.t.get(&format!("{base}?from=2019-01-01&to=2023-12-31"), &z.staff)
        .await
        .ok(200);
    // Days outside 2000–2100 (once a 500: before 4713 BC PostgreSQL has no date).
    for (q, pointer) in [
        ("from=-4800-01-01&to=-4800-12-31", "?from"),
        ("from=1999-12-31&to=2000-12-31", "?from"),
        ("from=2100-06-01&to=2101-01-01", "?to"),
    ] {
        let p = z.t.get(&format!("{base}?{q}"), &z.staff).await.problem(422);
        assert_eq!(
            (code(p.clone()), p["errors"][0]["pointer"].as_str()),
            ("out_of_range".to_string(), Some(pointer)),
            "{q}"
        );
    }
    z.t.get(&format!("{base}?from=2000-01-01&to=2000-12-31"), &z.staff)
        .await
        .ok(200);
    z.t.get(&format!("{base}?year=2022&quarter=5"), &z.staff)
        .await
        .problem(422);
    z.t.get(&format!("{base}?from=2022-01-01"), &z.staff)
        .await
        .problem(422);
    let p =
        z.t.get(
            &format!("{base}?year=2022&term_id={}", Uuid::now_v7()),
            &z.staff,
        )
        .await
        .problem(422);
    assert_eq!(code(p), "not_a_deputy_of_the_term");
}

#[actix_web::test]
async fn the_list_counts_every_deputy_of_the_term_in_pages() {
    let z = town().await;
    seed(&z);
    let base = format!("/api/v1/performance-records?term_id={}&year=2022", z.term);
    let all: PerformanceSummaryPage = z.t.get(&base, &z.staff).await.typed(200);
    assert_eq!(all.items.len(), 6);
    assert!(all.next_cursor.is_none());
    let d0 = all
        .items
        .iter()
        .find(|s| s.deputy.deputy_id == z.deputies[0])
        .unwrap();
    assert_eq!(
        (
            d0.counts.get(Metric::SessionsAttended),
            d0.counts.get(Metric::SuggestionsLed)
        ),
        (1, 1)
    );
    let d1 = all
        .items
        .iter()
        .find(|s| s.deputy.deputy_id == z.deputies[1])
        .unwrap();
    assert_eq!(d1.counts.get(Metric::Inspections), 1);
    // Pages of two, in the same order, nobody twice.
    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{base}&limit=2&cursor={c}"),
            None => format!("{base}&limit=2"),
        };
        let page: PerformanceSummaryPage = z.t.get(&url, &z.presidium).await.typed(200);
        seen.extend(page.items.iter().map(|s| s.deputy.deputy_id));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    let order: Vec<_> = all.items.iter().map(|s| s.deputy.deputy_id).collect();
    assert_eq!(seen, order);
    let named: PerformanceSummaryPage =
        z.t.get(&format!("{base}&name=李"), &z.staff)
            .await
            .typed(200);
    assert_eq!(named.items.len(), 1);
    // Access: deputies and handling organisations may not; other towns see no term.
    assert_eq!(z.t.get(&base, &z.dep[0]).await.refusal(403), "role_may_not");
    let org = z.t.user("org", Role::HandlingOrg, z.town, None).await;
    z.t.get(&base, &org).await.problem(403);
    z.t.get(&base, &z.stranger).await.problem(404);
    let read = key(&z, &["assessments:read"]).await;
    z.t.get(&base, &read).await.ok(200);
    z.t.get(&format!("{base}&limit=201"), &z.staff)
        .await
        .problem(422);
}

#[actix_web::test]
async fn an_integration_key_without_the_assessment_scope_reads_no_record() {
    let z = town().await;
    let other = key(&z, &["suggestions:read"]).await;
    let path = format!("/api/v1/performance-records/{}", z.deputies[0]);
    z.t.get(&path, &other).await.problem(403);
}

#[actix_web::test]
async fn the_exports_are_a_valid_workbook_and_document() {
    use calamine::{Data, Reader, Xlsx};
    let z = town().await;
    seed(&z);
    let url = format!(
        "/api/v1/performance-records/xlsx?term_id={}&year=2022",
        z.term
    );
    let res = z.t.get(&url, &z.staff).await;
    assert_eq!(res.status.as_u16(), 200);
    assert!(res
        .header("content-type")
        .unwrap()
        .contains("spreadsheetml"));
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("履职统计").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 2 + 6, "title, header, one row per deputy");
    let header: Vec<String> = rows[1].iter().map(|c| c.to_string()).collect();
    let col = |label: &str| header.iter().position(|h| h == label).unwrap();
    let row = rows
        .iter()
        .find(|r| r[0] == Data::String("王建国".into()))
        .unwrap();
    assert_eq!(row[col("出席大会次数")], Data::Float(1.0));
    assert_eq!(row[col("领衔建议件数")], Data::Float(1.0));
    assert_eq!(row[col("附议建议件数")], Data::Float(1.0));
    assert_eq!(row[col("活动缺席次数")], Data::Float(1.0));
    z.t.get(&url, &z.dep[0]).await.problem(403);
    // The document: a zip with the Chinese headings in word/document.xml.
    let url = format!(
        "/api/v1/performance-records/{}/docx?year=2022",
        z.deputies[0]
    );
    let res = z.t.get(&url, &z.dep[0]).await;
    assert_eq!(res.status.as_u16(), 200);
    assert!(res
        .header("content-type")
        .unwrap()
        .contains("wordprocessingml"));
    let xml = super::run_fixtures::document_xml(&res.bytes);
    for text in [
        "人大代表履职档案",
        "基本情况",
        "参加会议",
        "修缮村道",
        "出席",
    ] {
        assert!(xml.contains(text), "{text}");
    }
    if let Ok(dir) = std::env::var("RENDA_DOCX_OUT") {
        std::fs::write(format!("{dir}/record.docx"), &res.bytes).unwrap();
    }
    z.t.get(&url, &z.dep[1]).await.problem(404);
}

#[actix_web::test]
async fn an_approved_entry_joins_the_record_and_a_pending_one_does_not() {
    let z = town().await;
    let kinds: Vec<renda_openapi::EntryKind> =
        z.t.get("/api/v1/performance-entry-kinds", &z.dep[0])
            .await
            .typed(200);
    let deed = kinds.iter().find(|k| k.code == "practical_deed").unwrap();
    let mut ids = vec![];
    for title in ["修缮路灯", "调解纠纷"] {
        let body = json!({"kind_id": deed.id, "occurred_on": "2022-05-04", "title": title});
        let e: renda_openapi::PerformanceEntry =
            z.t.post("/api/v1/performance-entries", &z.dep[0], body)
                .await
                .typed(201);
        ids.push(e.id);
    }
    let path = format!("/api/v1/performance-entries/{}/transitions", ids[0]);
    z.t.post(&path, &z.staff, json!({"step": "approve"}))
        .await
        .ok(200);
    let url = format!("/api/v1/performance-records/{}?year=2022", z.deputies[0]);
    let r: PerformanceRecord = z.t.get(&url, &z.dep[0]).await.typed(200);
    assert_eq!(r.counts.get(Metric::EntriesApproved), 1);
    assert_eq!(r.counts.entries.get("practical_deed"), Some(&1));
    let lines: Vec<_> = r.sections.iter().flat_map(|s| s.items.iter()).collect();
    assert_eq!(lines.len(), 1);
    assert!(
        matches!(&lines[0].source, RecordSource::Entry { entry_id, kind_code } if *entry_id == ids[0] && kind_code == "practical_deed")
    );
    assert_eq!(lines[0].title, "修缮路灯");
}

/// An activity belongs to the year of its day in China Standard Time: 23:59 on
/// 31 December (15:59 UTC) is the old year; 00:00 and 00:10 on 1 January (16:00 and
/// 16:10 UTC the day before) the new one. The same for duty reports.
#[actix_web::test]
async fn an_activity_counts_in_the_year_of_its_chinese_day() {
    let z = town().await;
    let mut conn = z.t.db.conn();
    let d0 = z.deputies[0].0;
    for (kind, at) in [
        ("training", "2022-12-31 23:59+08"),
        ("training", "2023-01-01 00:00+08"),
        ("training", "2023-01-01 00:10+08"),
        ("duty_report", "2022-12-31 23:59+08"),
        ("duty_report", "2023-01-01 00:00+08"),
    ] {
        let id = Uuid::now_v7();
        exec(
            &mut conn,
            &format!(
                "INSERT INTO activities (id, congress_id, term_id, kind, title, organiser_kind, starts_at, ends_at, status) \
                 VALUES ('{id}', '{}', '{}', '{kind}', '{kind} {at}', 'congress', '{at}', timestamptz '{at}' + interval '1 hour', 'held')",
                z.town, z.term
            ),
        );
        attend(&mut conn, id, d0, "present");
        if kind == "duty_report" {
            exec(
                &mut conn,
                &format!(
                    "INSERT INTO duty_reports (id, activity_id, deputy_id, audience, form, satisfied, basically_satisfied, dissatisfied, invalid) \
                     VALUES ('{}', '{id}', '{d0}', 40, 'oral', 30, 5, 5, 0)",
                    Uuid::now_v7()
                ),
            );
        }
    }
    for (year, quarter, trainings, reports) in [
        (2022, None, 1, 1),
        (2023, None, 2, 1),
        (2021, None, 0, 0),
        (2022, Some(4), 1, 1),
        (2023, Some(1), 2, 1),
    ] {
        let q = quarter.map(|q| format!("&quarter={q}")).unwrap_or_default();
        let r: PerformanceRecord =
            z.t.get(
                &format!("/api/v1/performance-records/{d0}?year={year}{q}"),
                &z.staff,
            )
            .await
            .typed(200);
        assert_eq!(
            (
                r.counts.get(Metric::Trainings),
                r.counts.get(Metric::DutyReports)
            ),
            (trainings, reports),
            "{year} {quarter:?}"
        );
    }
}
