//! Work appraisal (工作评议): a plan through every stage, refused steps, access by role.

use super::duty_reports::{api_key, field_codes, handling_org};
use super::fixtures::town;
use renda_openapi::{AppraisalStage, WorkAppraisal, WorkAppraisalPage};
use serde_json::{json, Value};

fn ballot(s: u32, b: u32, d: u32) -> Value {
    json!({"satisfied": s, "basically_satisfied": b, "dissatisfied": d, "invalid": 1})
}

#[actix_web::test]
async fn an_appraisal_goes_through_every_stage_in_order() {
    let z = town().await;
    let (finance, _) = handling_org(&z, "镇财政所", "fin").await;
    let (school, _) = handling_org(&z, "镇中心学校", "sch").await;
    let plan = json!({
        "congress_id": z.town, "title": "2022年对镇政府部门的工作评议", "year": 2022,
        "period_from": "2022-03-01", "period_to": "2022-11-30",
        "plan": "主席团会议讨论通过评议方案", "units": [finance, school],
        "team": [z.deputies[0], z.deputies[1]]
    });
    let w: WorkAppraisal =
        z.t.post("/api/v1/work-appraisals", &z.staff, plan.clone())
            .await
            .typed(201);
    assert_eq!(
        (w.stage, w.units.len(), w.team.len()),
        (AppraisalStage::Plan, 2, 2)
    );
    let path = format!("/api/v1/work-appraisals/{}", w.id);
    let step = format!("{path}/transitions");
    // Not discussed by the presidium yet; a skipped stage.
    let p = z.t.post(&step, &z.staff, json!({"to": "self_check"})).await;
    assert_eq!(p.refusal(409), "appraisal_stage_incomplete");
    assert_eq!(p.json()["params"]["requirement"], "plan_discussed");
    let p =
        z.t.post(&step, &z.staff, json!({"to": "investigation"}))
            .await;
    assert_eq!(p.refusal(409), "appraisal_step_out_of_order");
    // A unit's field before its stage.
    let unit = |org| format!("{path}/units/{org}");
    let p =
        z.t.put(
            &unit(finance),
            &z.staff,
            "\"1\"",
            json!({"self_check_report": "自查"}),
        )
        .await;
    assert_eq!(p.refusal(409), "field_not_in_stage");
    let mut discussed = plan.clone();
    discussed["plan_discussed_on"] = json!("2022-03-10");
    z.t.put(&path, &z.staff, "\"1\"", discussed.clone())
        .await
        .ok(200);
    let go = |to: &'static str| {
        let step = step.clone();
        let t = &z.t;
        let staff = z.staff.clone();
        async move { t.post(&step, &staff, json!({"to": to})).await }
    };
    let w: WorkAppraisal = go("self_check").await.typed(200);
    // The plan is fixed now.
    let p =
        z.t.put(&path, &z.staff, &format!("\"{}\"", w.version), discussed)
            .await;
    assert_eq!(p.refusal(409), "plan_fixed");
    let put_unit = |org, body: Value| {
        let (t, staff, path) = (&z.t, z.staff.clone(), unit(org));
        async move {
            let cur: WorkAppraisal = t
                .get(path.rsplit_once("/units").unwrap().0, &staff)
                .await
                .typed(200);
            t.put(&path, &staff, &format!("\"{}\"", cur.version), body)
                .await
        }
    };
    put_unit(finance, json!({"self_check_report": "财政所自查报告"}))
        .await
        .ok(200);
    let p = go("investigation").await;
    assert_eq!(p.refusal(409), "appraisal_stage_incomplete");
    assert_eq!(p.json()["params"]["requirement"], "self_check_reports");
    put_unit(school, json!({"self_check_report": "学校自查报告"}))
        .await
        .ok(200);
    go("investigation").await.ok(200);
    put_unit(finance, json!({"investigation_notes": "走访三个村"}))
        .await
        .ok(200);
    go("appraisal_meeting").await.ok(200);
    for org in [finance, school] {
        put_unit(org, json!({"first_ballot": ballot(30, 10, 5), "opinions": "整体满意",
                             "issues": ["惠农资金发放慢", "公示不及时"], "rectification_due": "2022-09-30"}))
            .await
            .ok(200);
    }
    let w: WorkAppraisal = go("rectification").await.typed(200);
    let fin = w
        .units
        .iter()
        .find(|u| u.handling_org_id.0 == finance)
        .unwrap();
    assert_eq!(fin.first_satisfaction_rate, Some(88.89));
    assert_eq!(fin.issues, ["惠农资金发放慢", "公示不及时"]);
    // The meeting's ballot may still be corrected; the second ballot waits for its stage.
    let p = put_unit(finance, json!({"second_ballot": ballot(40, 4, 1)})).await;
    assert_eq!(p.refusal(409), "field_not_in_stage");
    for org in [finance, school] {
        put_unit(org, json!({"rectification_report": "已整改"}))
            .await
            .ok(200);
    }
    go("second_ballot").await.ok(200);
    put_unit(finance, json!({"second_ballot": ballot(40, 4, 1)}))
        .await
        .ok(200);
    assert_eq!(
        go("closed").await.refusal(409),
        "appraisal_stage_incomplete"
    );
    put_unit(school, json!({"second_ballot": ballot(35, 8, 2)}))
        .await
        .ok(200);
    let w: WorkAppraisal = go("closed").await.typed(200);
    assert_eq!(w.stage, AppraisalStage::Closed);
    assert_eq!(go("closed").await.refusal(409), "appraisal_closed");
    let p = put_unit(finance, json!({"opinions": "补充"})).await;
    assert_eq!(p.refusal(409), "appraisal_closed");
    // Not a unit of this appraisal; stale version.
    let (other, _) = handling_org(&z, "镇派出所", "pol").await;
    let p =
        z.t.put(
            &unit(other),
            &z.staff,
            &format!("\"{}\"", w.version),
            json!({}),
        )
        .await;
    assert_eq!(p.refusal(404), "not_an_appraisal_unit");
    let p = z.t.put(&unit(finance), &z.staff, "\"1\"", json!({})).await;
    assert_eq!(p.status, 412);
    // The team's deputies find it in their list.
    let mine: WorkAppraisalPage =
        z.t.get("/api/v1/work-appraisals", &z.dep[0])
            .await
            .typed(200);
    assert_eq!(mine.items.len(), 1);
}

#[actix_web::test]
async fn a_bad_plan_is_refused_field_by_field() {
    let z = town().await;
    let (finance, _) = handling_org(&z, "镇财政所", "fin").await;
    let elsewhere = z.t.township("邻镇人民代表大会").await;
    let org =
        z.t.post(
            "/api/v1/handling-orgs",
            &z.t.admin,
            json!({"congress_id": elsewhere, "name": "邻镇财政所"}),
        )
        .await
        .ok(201);
    let body = json!({
        "congress_id": z.town, "title": "", "year": 2022,
        "period_from": "2022-12-01", "period_to": "2022-03-01",
        "plan_discussed_on": "2099-01-01", "units": [finance, renda_tests::id(&org)],
        "team": [z.deputies[0]]
    });
    let p =
        z.t.post("/api/v1/work-appraisals", &z.staff, body)
            .await
            .problem(422);
    let codes = field_codes(&p);
    assert_eq!(
        codes
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect::<Vec<_>>(),
        [
            ("/title", "required"),
            ("/period_to", "end_before_start"),
            ("/plan_discussed_on", "date_in_future")
        ]
    );
    let body = json!({
        "congress_id": z.town, "title": "评议", "year": 2022,
        "period_from": "2022-03-01", "period_to": "2022-11-30",
        "units": [finance, renda_tests::id(&org)], "team": [z.deputies[0]]
    });
    let p =
        z.t.post("/api/v1/work-appraisals", &z.staff, body)
            .await
            .problem(422);
    assert_eq!(
        field_codes(&p),
        [("/units/1".to_string(), "not_in_scope".to_string())]
    );
}

#[actix_web::test]
async fn each_role_reads_and_writes_what_it_may() {
    let z = town().await;
    let (finance, fin_token) = handling_org(&z, "镇财政所", "fin").await;
    let (school, _) = handling_org(&z, "镇中心学校", "sch").await;
    let (_, police) = handling_org(&z, "镇派出所", "pol").await;
    let body = json!({
        "congress_id": z.town, "title": "2022年工作评议", "year": 2022,
        "period_from": "2022-03-01", "period_to": "2022-11-30", "plan_discussed_on": "2022-03-10",
        "units": [finance, school], "team": [z.deputies[0]]
    });
    // Only the office plans.
    for token in [&z.dep[0], &z.presidium, &fin_token] {
        assert_eq!(
            z.t.post("/api/v1/work-appraisals", token, body.clone())
                .await
                .refusal(403),
            "role_may_not"
        );
    }
    let w: WorkAppraisal =
        z.t.post("/api/v1/work-appraisals", &z.staff, body)
            .await
            .typed(201);
    let path = format!("/api/v1/work-appraisals/{}", w.id);
    assert_eq!(
        z.t.post(
            &format!("{path}/transitions"),
            &z.presidium,
            json!({"to": "self_check"})
        )
        .await
        .refusal(403),
        "role_may_not"
    );
    assert_eq!(
        z.t.put(
            &format!("{path}/units/{finance}"),
            &fin_token,
            "\"1\"",
            json!({})
        )
        .await
        .refusal(403),
        "role_may_not"
    );
    // Readers: the presidium; the team's deputy, not another; the department sees its own
    // unit only; a department not under appraisal and another township nothing.
    z.t.get(&path, &z.presidium).await.ok(200);
    z.t.get(&path, &z.dep[0]).await.ok(200);
    z.t.get(&path, &z.dep[1]).await.problem(404);
    let seen: WorkAppraisal = z.t.get(&path, &fin_token).await.typed(200);
    assert_eq!(
        seen.units
            .iter()
            .map(|u| u.handling_org_id.0)
            .collect::<Vec<_>>(),
        [finance]
    );
    z.t.get(&path, &police).await.problem(404);
    z.t.get(&path, &z.stranger).await.problem(404);
    let none: WorkAppraisalPage =
        z.t.get("/api/v1/work-appraisals", &z.dep[1])
            .await
            .typed(200);
    assert!(none.items.is_empty());
    let none: WorkAppraisalPage =
        z.t.get("/api/v1/work-appraisals", &z.stranger)
            .await
            .typed(200);
    assert!(none.items.is_empty());
    // Keys: read and write scopes.
    let read = api_key(&z, "sync_r", &["assessments:read"]).await;
    let page: WorkAppraisalPage =
        z.t.get(
            &format!("/api/v1/work-appraisals?handling_org_id={school}"),
            &read,
        )
        .await
        .typed(200);
    assert_eq!(page.items.len(), 1);
    z.t.post(
        &format!("{path}/transitions"),
        &read,
        json!({"to": "self_check"}),
    )
    .await
    .problem(403);
    let write = api_key(&z, "sync_w", &["assessments:write", "assessments:read"]).await;
    let moved: WorkAppraisal =
        z.t.post(
            &format!("{path}/transitions"),
            &write,
            json!({"to": "self_check"}),
        )
        .await
        .typed(200);
    assert_eq!(moved.stage, AppraisalStage::SelfCheck);
    // updated_since sees the change.
    let since = w
        .updated_at
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        .replace('+', "%2B");
    let page: WorkAppraisalPage =
        z.t.get(
            &format!("/api/v1/work-appraisals?updated_since={since}"),
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(page.items.len(), 1);
}
