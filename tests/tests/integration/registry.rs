//! Congresses, terms, delegations and deputy groups; scope across a district and its
//! townships.

use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;

#[actix_web::test]
async fn congress_hierarchy_and_scope() {
    let t = TestApp::new().await;
    let a = t.township("甲镇人民代表大会").await;
    let b = t.township("乙镇人民代表大会").await;
    let p = t
        .post(
            "/api/v1/congresses",
            &t.admin,
            json!({"name": "甲镇人民代表大会", "level": "township", "parent_id": t.district}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "taken");
    // A township cannot sit above a district.
    let p = t
        .post(
            "/api/v1/congresses",
            &t.admin,
            json!({"name": "错层", "level": "district", "parent_id": a}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/level");
    // The district admin sees all three; a township's staff only their own.
    assert_eq!(
        t.get("/api/v1/congresses", &t.admin)
            .await
            .ok(200)
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let staff_a = t.user("staff-a", Role::Staff, a, None).await;
    let seen = t.get("/api/v1/congresses", &staff_a).await.ok(200);
    assert_eq!(seen.as_array().unwrap().len(), 1);
    assert_eq!(id(&seen[0]), a);
    t.get(&format!("/api/v1/congresses/{b}"), &staff_a)
        .await
        .problem(404);
    t.get(&format!("/api/v1/congresses/{}", t.district), &staff_a)
        .await
        .problem(404);
    t.post(
        "/api/v1/congresses",
        &staff_a,
        json!({"name": "x", "level": "township", "parent_id": t.district}),
    )
    .await
    .problem(403);
}

#[actix_web::test]
async fn staff_see_and_change_only_their_congress_deputies() {
    let t = TestApp::new().await;
    let a = t.township("甲镇人民代表大会").await;
    let b = t.township("乙镇人民代表大会").await;
    let ta = t.term(a, 10, "2022-01-25").await;
    let tb = t.term(b, 10, "2022-01-26").await;
    let in_a = t.deputy(&t.admin, a, ta, json!({"name": "甲代表"})).await;
    let in_b = t.deputy(&t.admin, b, tb, json!({"name": "乙代表"})).await;
    let staff_a = t.user("staff-a", Role::Staff, a, None).await;
    let list = t
        .get("/api/v1/deputies?with_total=true", &staff_a)
        .await
        .ok(200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["name"], "甲代表");
    t.get(&format!("/api/v1/deputies/{}", id(&in_b)), &staff_a)
        .await
        .problem(404);
    t.put(
        &format!("/api/v1/deputies/{}", id(&in_b)),
        &staff_a,
        "\"1\"",
        json!({"name": "改名"}),
    )
    .await
    .problem(404);
    // Staff of A cannot register a deputy in B, nor use B's term.
    let p = t
        .post(
            "/api/v1/deputies",
            &staff_a,
            json!({"congress_id": b, "name": "越权"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/congress_id");
    let p = t
        .post(
            "/api/v1/deputies",
            &staff_a,
            json!({"congress_id": a, "name": "越权", "mandate": {"term_id": tb}}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/mandate/term_id");
    // The district's admin sees both townships' deputies.
    let all = t
        .get("/api/v1/deputies?with_total=true", &t.admin)
        .await
        .ok(200);
    assert_eq!(all["total"], 2);
    let only_a = t
        .get(
            &format!("/api/v1/deputies?with_total=true&congress_id={a}"),
            &t.admin,
        )
        .await
        .ok(200);
    assert_eq!(only_a["total"], 1);
    let _ = in_a;
}

#[actix_web::test]
async fn terms_last_five_years_r1() {
    let t = TestApp::new().await;
    let a = t.township("甲镇人民代表大会").await;
    let term = t
        .post(
            &format!("/api/v1/congresses/{a}/terms"),
            &t.admin,
            json!({"number": 10, "starts_on": "2022-01-25"}),
        )
        .await
        .ok(201);
    // R1 (DL 2, OL 9): five years from the first session.
    assert_eq!(term["expected_ends_on"], "2027-01-25");
    let leap = t
        .post(
            &format!("/api/v1/congresses/{a}/terms"),
            &t.admin,
            json!({"number": 11, "starts_on": "2024-02-29"}),
        )
        .await
        .ok(201);
    assert_eq!(leap["expected_ends_on"], "2029-02-28");
    let p = t
        .post(
            &format!("/api/v1/congresses/{a}/terms"),
            &t.admin,
            json!({"number": 10, "starts_on": "2020-01-25"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "taken");
    let p = t
        .post(
            &format!("/api/v1/congresses/{a}/terms"),
            &t.admin,
            json!({"number": 0, "starts_on": "2027-01-25", "ends_on": "2026-01-01"}),
        )
        .await
        .problem(422);
    let codes: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"out_of_range") && codes.contains(&"before_start"),
        "{codes:?}"
    );
    // Terms follow each other: the 10th ended where the 11th began (R1).
    let tenth = t
        .get(&format!("/api/v1/terms/{}", id(&term)), &t.admin)
        .await
        .ok(200);
    assert_eq!(tenth["ends_on"], "2024-02-29");
    let p = t
        .post(
            &format!("/api/v1/congresses/{a}/terms"),
            &t.admin,
            json!({"number": 12, "starts_on": "2023-01-01"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "out_of_order");
    let terms = t
        .get(&format!("/api/v1/congresses/{a}/terms"), &t.admin)
        .await
        .ok(200);
    assert_eq!(terms[0]["number"], 11);
    t.get(&format!("/api/v1/terms/{}", id(&term)), &t.admin)
        .await
        .ok(200);
    let deputy_user = t
        .user("d", Role::Deputy, a, Some(uuid::Uuid::now_v7()))
        .await;
    t.post(
        &format!("/api/v1/congresses/{a}/terms"),
        &deputy_user,
        json!({"number": 12, "starts_on": "2032-01-25"}),
    )
    .await
    .problem(403);
}

#[actix_web::test]
async fn delegations_crud_with_versions() {
    let t = TestApp::new().await;
    let a = t.township("甲镇人民代表大会").await;
    let r = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": a, "name": "第一代表团"}),
        )
        .await;
    assert_eq!(r.header("etag").as_deref(), Some("\"1\""));
    let d = r.ok(201);
    assert_eq!(d["member_count"], 0);
    let p = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": a, "name": "第一代表团"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "taken");
    t.post(
        "/api/v1/delegations",
        &t.admin,
        json!({"congress_id": a, "name": "  "}),
    )
    .await
    .problem(422);
    let path = format!("/api/v1/delegations/{}", id(&d));
    t.call(
        actix_web::http::Method::PUT,
        &path,
        Some(&t.admin),
        Some(&json!({"name": "改名"})),
        &[],
    )
    .await
    .problem(428);
    t.put(&path, &t.admin, "\"7\"", json!({"name": "改名"}))
        .await
        .problem(412);
    let renamed = t
        .put(&path, &t.admin, "\"1\"", json!({"name": "第二代表团"}))
        .await
        .ok(200);
    assert_eq!(renamed["version"], 2);
    // In use: cannot be deleted.
    let term = t.term(a, 1, "2022-01-01").await;
    let mut body = json!({"congress_id": a, "name": "团员", "mandate": {"term_id": term, "delegation_id": d["id"]}});
    t.post("/api/v1/deputies", &t.admin, body.take())
        .await
        .ok(201);
    assert_eq!(t.get(&path, &t.admin).await.ok(200)["member_count"], 1);
    t.call(
        actix_web::http::Method::DELETE,
        &path,
        Some(&t.admin),
        None,
        &[("If-Match", "\"2\"")],
    )
    .await
    .problem(409);
    let empty = t
        .post(
            "/api/v1/delegations",
            &t.admin,
            json!({"congress_id": a, "name": "空团"}),
        )
        .await
        .ok(201);
    let r = t
        .call(
            actix_web::http::Method::DELETE,
            &format!("/api/v1/delegations/{}", id(&empty)),
            Some(&t.admin),
            None,
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(r.status, 204);
    let list = t
        .get(&format!("/api/v1/delegations?congress_id={a}"), &t.admin)
        .await
        .ok(200);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_deputy_group_needs_three_deputies_r13() {
    let t = TestApp::new().await;
    let a = t.township("甲镇人民代表大会").await;
    let term = t.term(a, 1, "2022-01-01").await;
    let g = t
        .post(
            "/api/v1/deputy-groups",
            &t.admin,
            json!({"congress_id": a, "name": "东片代表小组"}),
        )
        .await
        .ok(201);
    assert_eq!(g["meets_minimum_size"], false);
    let path = format!("/api/v1/deputy-groups/{}", id(&g));
    for (i, expected) in [(1, false), (2, false), (3, true)] {
        t.post("/api/v1/deputies", &t.admin, json!({"congress_id": a, "name": format!("组员{}", "甲乙丙".chars().nth(i - 1).unwrap()), "mandate": {"term_id": term, "deputy_group_id": g["id"]}})).await.ok(201);
        let now = t.get(&path, &t.admin).await.ok(200);
        assert_eq!(now["member_count"], i as i64);
        // R13 (DL 26, 37; OL 43): at least 3 deputies.
        assert_eq!(now["meets_minimum_size"], expected, "with {i} members");
    }
}
