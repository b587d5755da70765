//! The calendar: recurring series across month ends and February, in Beijing time.

use super::fixtures::{activity, create, town, Town};
use renda_tests::*;
use serde_json::{json, Value};

fn dates(cal: &Value) -> Vec<String> {
    cal.as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect()
}

// Long: one story from setup to its last step; each check builds on the state the one before left.
#[actix_web::test]
async fn recurrence_across_month_ends_february_and_beijing_time() {
    let Town { t, town, .. } = town(0).await;
    // Reception days on the 26th and 27th, 08:00 Beijing time = 00:00 UTC.
    let mut reception = activity(
        town,
        "reception_day",
        "人大代表接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T11:30:00+08:00",
    );
    reception["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=26,27;UNTIL=20221231T235959Z");
    let series = create(&t, reception).await;
    let sid = id(&series);
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-02"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&cal), vec!["2022-02-26", "2022-02-27"]);
    assert_eq!(cal[0]["starts_at"], "2022-02-26T00:00:00Z");
    assert_eq!(cal[0]["virtual_occurrence"], true);
    // The last day of each month: 28 February 2023, 29 February 2024.
    let mut last = activity(
        town,
        "liaison_day",
        "月末联系代表",
        "2023-01-31T09:00:00+08:00",
        "2023-01-31T10:00:00+08:00",
    );
    last["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=-1");
    create(&t, last).await;
    let feb = |m: &'static str| {
        let t = &t;
        async move {
            t.get(
                &format!("/api/v1/calendar?congress_id={town}&month={m}&kind=liaison_day"),
                &t.admin,
            )
            .await
            .ok(200)
        }
    };
    assert_eq!(dates(&feb("2023-02").await), vec!["2023-02-28"]);
    assert_eq!(dates(&feb("2024-02").await), vec!["2024-02-29"]);
    // The 30th skips February.
    let mut thirtieth = activity(
        town,
        "dual_contact_visit",
        "双联走访",
        "2023-01-30T09:00:00+08:00",
        "2023-01-30T10:00:00+08:00",
    );
    thirtieth["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=30");
    create(&t, thirtieth).await;
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&from=2023-01-01&to=2023-03-31&kind=dual_contact_visit"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&cal), vec!["2023-01-30", "2023-03-30"]);
    // 07:00 on 1 March in Beijing is still 28 February in UTC: it belongs to March.
    create(
        &t,
        activity(
            town,
            "forum",
            "座谈会",
            "2022-03-01T07:00:00+08:00",
            "2022-03-01T08:00:00+08:00",
        ),
    )
    .await;
    let march = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-03&kind=forum"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(dates(&march), vec!["2022-03-01"]);
    let feb22 = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-02&kind=forum"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(feb22, json!([]));
    // Move the 26 March occurrence to the 25th, cancel the 27th.
    let occ = format!("/api/v1/activities/{sid}/occurrences");
    t.post(
        &occ,
        &t.admin,
        json!({"occurrence_start": "2022-03-28T00:00:00Z"}),
    )
    .await
    .problem(422);
    let moved = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-26T00:00:00Z"}),
        )
        .await
        .ok(201);
    assert_eq!(moved["series_id"], json!(sid));
    let again = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-26T00:00:00Z"}),
        )
        .await
        .ok(200);
    assert_eq!(again["id"], moved["id"]);
    // The rule of a series with occurrences taken out no longer changes.
    let mut rule_change = activity(
        town,
        "reception_day",
        "人大代表接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T11:30:00+08:00",
    );
    rule_change.as_object_mut().unwrap().remove("congress_id");
    rule_change["rrule"] = json!("FREQ=MONTHLY;BYMONTHDAY=25");
    t.put(
        &format!("/api/v1/activities/{sid}"),
        &t.admin,
        "\"1\"",
        rule_change,
    )
    .await
    .problem(409);
    let mut body = activity(
        town,
        "reception_day",
        "人大代表接待日（调整）",
        "2022-03-25T08:00:00+08:00",
        "2022-03-25T11:30:00+08:00",
    );
    body.as_object_mut().unwrap().remove("congress_id");
    t.put(
        &format!("/api/v1/activities/{}", id(&moved)),
        &t.admin,
        "\"1\"",
        body,
    )
    .await
    .ok(200);
    let cancelled = t
        .post(
            &occ,
            &t.admin,
            json!({"occurrence_start": "2022-03-27T00:00:00Z"}),
        )
        .await
        .ok(201);
    t.post(
        &format!("/api/v1/activities/{}/status", id(&cancelled)),
        &t.admin,
        json!({"status": "cancelled", "reason": "与区人大会议冲突"}),
    )
    .await
    .ok(200);
    let cal = t
        .get(
            &format!("/api/v1/calendar?congress_id={town}&month=2022-03&kind=reception_day"),
            &t.admin,
        )
        .await
        .ok(200);
    let entries = cal.as_array().unwrap();
    assert_eq!(dates(&cal), vec!["2022-03-25", "2022-03-27"]);
    assert_eq!(entries[0]["virtual_occurrence"], false);
    assert_eq!(entries[1]["status"], "cancelled");
    // Bad rules and ranges are refused.
    let mut bad = activity(
        town,
        "reception_day",
        "接待日",
        "2022-01-26T08:00:00+08:00",
        "2022-01-26T09:00:00+08:00",
    );
    bad["rrule"] = json!("FREQ=SOMETIMES");
    let p = t
        .post("/api/v1/activities", &t.admin, bad)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "invalid_rrule");
    t.get("/api/v1/calendar?month=2022-13", &t.admin)
        .await
        .problem(422);
    t.get("/api/v1/calendar?from=2022-01-01&to=2023-06-01", &t.admin)
        .await
        .problem(422);
}
