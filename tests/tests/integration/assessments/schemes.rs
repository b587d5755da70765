//! Assessment schemes (考核细则): the templates, validation with field pointers, versions
//! with If-Match, a scheme in use frozen and a new version made from it, and who may do
//! what.

use super::fixtures::town;
use super::run_fixtures::{boundary_scheme, handling_org, key, run, scheme};
use renda_openapi::{AssessmentScheme, SchemePage, SchemeTemplate};
use serde_json::json;

#[actix_web::test]
async fn three_templates_are_offered_and_each_is_a_valid_scheme() {
    let z = town().await;
    let templates: Vec<SchemeTemplate> =
        z.t.get("/api/v1/assessment-scheme-templates", &z.dep[0])
            .await
            .typed(200);
    let codes: Vec<&str> = templates.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["points_zhrd", "points_jiangbei", "bands_hundred"]);
    assert!(templates.iter().all(|t| !t.source.is_empty()));
    // Each template's definition is accepted as it is, naming its template.
    for t in &templates {
        let s: AssessmentScheme =
            z.t.post(
                "/api/v1/assessment-schemes",
                &z.staff,
                json!({"congress_id": z.town, "name": t.name, "year": 2022, "template": t.code, "definition": t.definition}),
            )
            .await
            .typed(201);
        assert_eq!((s.number, s.frozen), (1, false));
        assert_eq!(s.definition, t.definition);
    }
    let org = handling_org(&z).await;
    assert_eq!(
        z.t.get("/api/v1/assessment-scheme-templates", &org)
            .await
            .refusal(403),
        "role_may_not"
    );
}

#[actix_web::test]
async fn a_bad_scheme_is_refused_with_a_pointer_and_a_code_for_each_fault() {
    let z = town().await;
    let mut def = boundary_scheme();
    def["items"][1]["key"] = json!("inspections");
    def["items"][0]["cap"] = json!(0);
    def["items"][2]["rule"]["bands"] =
        json!([{"min_percent": 50, "points": 4}, {"min_percent": 90, "points": 10}]);
    def["quota"]["percent"] = json!(120);
    def["bands"] = json!([]);
    let p =
        z.t.post(
            "/api/v1/assessment-schemes",
            &z.staff,
            json!({"congress_id": z.town, "name": "", "year": 1999, "template": "nowhere", "definition": def}),
        )
        .await
        .problem(422);
    let faults: Vec<(String, String)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("/name", "required"),
        ("/year", "out_of_range"),
        ("/template", "unknown_template"),
        ("/definition/items/0/cap", "invalid_points"),
        ("/definition/items/1/key", "duplicate_item_key"),
        ("/definition/items/2/rule/bands", "rate_bands_invalid"),
        ("/definition/bands", "grade_bands_invalid"),
        ("/definition/quota/percent", "quota_percent_invalid"),
    ];
    let got: Vec<(&str, &str)> = faults
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(got, want);
    // Bounds, at their value and one over: at most 60 items; points up to 1,000.
    let with_items = |n: usize, points: f64| {
        let mut def = boundary_scheme();
        let item = def["items"][0].clone();
        def["items"] = json!((0..n)
            .map(|i| {
                let mut it = item.clone();
                it["key"] = json!(format!("k{i}"));
                it["rule"]["base_points"] = json!(points);
                it
            })
            .collect::<Vec<_>>());
        json!({"congress_id": z.town, "name": "x", "year": 2022, "definition": def})
    };
    z.t.post(
        "/api/v1/assessment-schemes",
        &z.staff,
        with_items(60, 1000.0),
    )
    .await
    .ok(201);
    let over =
        z.t.post("/api/v1/assessment-schemes", &z.staff, with_items(61, 1.0))
            .await
            .problem(422);
    assert_eq!(over["errors"][0]["pointer"], "/definition/items");
    assert_eq!(over["errors"][0]["code"], "too_many_items");
    assert_eq!(over["errors"][0]["params"]["max"], 60);
    let huge =
        z.t.post(
            "/api/v1/assessment-schemes",
            &z.staff,
            with_items(1, 1000.5),
        )
        .await
        .problem(422);
    assert_eq!(huge["errors"][0]["pointer"], "/definition/items/0/rule");
    assert_eq!(huge["errors"][0]["code"], "invalid_points");
    // Unknown fields are refused too (deny_unknown_fields).
    let mut extra = boundary_scheme();
    extra["weights"] = json!(1);
    z.t.post(
        "/api/v1/assessment-schemes",
        &z.staff,
        json!({"congress_id": z.town, "name": "x", "year": 2022, "definition": extra}),
    )
    .await
    .problem(422);
}

#[actix_web::test]
async fn a_scheme_in_use_refuses_edits_and_a_new_version_takes_them() {
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let path = format!("/api/v1/assessment-schemes/{}", s.id);
    let mut body = json!({"congress_id": z.town, "name": "2022年度考核细则（修订）", "year": 2022, "definition": boundary_scheme()});
    // If-Match: missing 428, stale 412, current 200.
    let r =
        z.t.call(
            actix_web::http::Method::PUT,
            &path,
            Some(&z.staff),
            Some(&body),
            &[],
        )
        .await;
    r.problem(428);
    z.t.put(&path, &z.staff, "\"7\"", body.clone())
        .await
        .problem(412);
    let edited: AssessmentScheme =
        z.t.put(&path, &z.staff, &format!("\"{}\"", s.version), body.clone())
            .await
            .typed(200);
    assert_eq!(edited.version, s.version + 1);
    let got = z.t.get(&path, &z.dep[0]).await;
    assert_eq!(
        got.header("etag").as_deref(),
        Some(format!("\"{}\"", edited.version).as_str())
    );
    // A run uses it: frozen, edits refused.
    run(&z, &edited, 2022).await;
    let frozen: AssessmentScheme = z.t.get(&path, &z.staff).await.typed(200);
    assert!(frozen.frozen);
    body["name"] = json!("再改");
    assert_eq!(
        z.t.put(
            &path,
            &z.staff,
            &format!("\"{}\"", frozen.version),
            body.clone()
        )
        .await
        .refusal(409),
        "scheme_frozen"
    );
    // A new version: number 2, from this one, editable.
    let v2: AssessmentScheme =
        z.t.post(&format!("{path}/versions"), &z.staff, json!({}))
            .await
            .typed(201);
    assert_eq!(
        (v2.number, v2.previous_id, v2.frozen),
        (2, Some(s.id), false)
    );
    z.t.put(
        &format!("/api/v1/assessment-schemes/{}", v2.id),
        &z.staff,
        &format!("\"{}\"", v2.version),
        body,
    )
    .await
    .ok(200);
    let page: SchemePage =
        z.t.get("/api/v1/assessment-schemes?year=2022", &z.dep[1])
            .await
            .typed(200);
    assert_eq!(page.items.len(), 2);
}

#[actix_web::test]
async fn only_the_office_writes_schemes_and_each_role_reads_within_its_scope() {
    let z = town().await;
    let s = scheme(&z, boundary_scheme()).await;
    let body =
        json!({"congress_id": z.town, "name": "x", "year": 2022, "definition": boundary_scheme()});
    let path = format!("/api/v1/assessment-schemes/{}", s.id);
    let etag = format!("\"{}\"", s.version);
    for token in [&z.dep[0], &z.presidium] {
        assert_eq!(
            z.t.post("/api/v1/assessment-schemes", token, body.clone())
                .await
                .refusal(403),
            "role_may_not"
        );
        z.t.put(&path, token, &etag, body.clone())
            .await
            .problem(403);
        z.t.post(&format!("{path}/versions"), token, json!({}))
            .await
            .problem(403);
        z.t.get(&path, token).await.ok(200);
    }
    let org = handling_org(&z).await;
    z.t.get(&path, &org).await.problem(403);
    z.t.get("/api/v1/assessment-schemes", &org)
        .await
        .problem(403);
    // Another township neither sees nor writes here.
    z.t.get(&path, &z.stranger).await.problem(404);
    let theirs: SchemePage =
        z.t.get("/api/v1/assessment-schemes", &z.stranger)
            .await
            .typed(200);
    assert!(theirs.items.is_empty());
    z.t.post("/api/v1/assessment-schemes", &z.stranger, body.clone())
        .await
        .problem(404);
    // Integration keys: read with assessments:read, write with assessments:write.
    let read = key(&z, "sync_read", &["assessments:read"]).await;
    z.t.get(&path, &read).await.ok(200);
    z.t.post("/api/v1/assessment-schemes", &read, body.clone())
        .await
        .problem(403);
    let write = key(&z, "sync_write", &["assessments:write"]).await;
    z.t.post("/api/v1/assessment-schemes", &write, body)
        .await
        .ok(201);
    // updated_since lists what changed after an instant.
    let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let page: SchemePage =
        z.t.get(
            &format!("/api/v1/assessment-schemes?updated_since={since}"),
            &z.staff,
        )
        .await
        .typed(200);
    assert!(page.items.is_empty());
    let all: SchemePage =
        z.t.get(
            "/api/v1/assessment-schemes?updated_since=2020-01-01T00:00:00Z",
            &z.staff,
        )
        .await
        .typed(200);
    assert_eq!(all.items.len(), 2);
}
