//! Every error is application/problem+json, and no internal text reaches the client.

use actix_web::http::Method;
use renda_api::app::{app, AppState};
use renda_api::config::Config;
use renda_tests::*;
use serde_json::json;

#[actix_web::test]
async fn unknown_routes_and_methods_are_problems() {
    let t = TestApp::new().await;
    let p = t.get("/api/v1/no-such-thing", &t.admin).await.problem(404);
    assert!(p["detail"].as_str().unwrap().contains("没有这个接口"));
    t.call(Method::GET, "/api/v1/nothing/here", None, None, &[])
        .await
        .problem(404);
    // Outside /api/v1 too: an API client never gets the web client's page.
    t.call(Method::GET, "/api/v2/deputies", None, None, &[])
        .await
        .problem(404);
    t.call(Method::POST, "/api/foo", None, None, &[])
        .await
        .problem(404);
    // A method the route does not have: 405, naming the methods it has.
    let r = t
        .call(
            Method::PATCH,
            "/api/v1/congresses",
            Some(&t.admin),
            None,
            &[],
        )
        .await;
    r.problem(405);
    assert!(
        r.header("allow")
            .is_some_and(|a| a.contains("GET") && a.contains("POST")),
        "{:?}",
        r.header("allow")
    );
}

#[actix_web::test]
async fn malformed_json_is_a_400_problem() {
    let t = TestApp::new().await;
    let r = t
        .send_bytes(
            Method::POST,
            "/api/v1/auth/login",
            None,
            "application/json",
            b"{\"username\": ".to_vec(),
        )
        .await;
    let p = r.problem(400);
    assert!(p["detail"].as_str().unwrap().contains("JSON"));
}

#[actix_web::test]
async fn missing_and_mistyped_fields_point_at_the_field() {
    let t = TestApp::new().await;
    let p = t
        .post(
            "/api/v1/deputies",
            &t.admin,
            json!({"congress_id": t.district}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "/name");
    assert_eq!(p["errors"][0]["code"], "required");
    let p = t
        .post(
            "/api/v1/deputies",
            &t.admin,
            json!({"congress_id": t.district, "name": "张三", "gender": "x"}),
        )
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "invalid_value");
}

#[actix_web::test]
async fn wrong_content_type_for_json_is_415() {
    let t = TestApp::new().await;
    t.send_bytes(
        Method::POST,
        "/api/v1/auth/login",
        None,
        "text/plain",
        b"hello".to_vec(),
    )
    .await
    .problem(415);
}

#[actix_web::test]
async fn bad_query_strings_are_422_problems_naming_the_parameter() {
    let t = TestApp::new().await;
    let p = t
        .get("/api/v1/deputies?status=retired", &t.admin)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?status");
    let p = t
        .get("/api/v1/deputies?limit=abc", &t.admin)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["pointer"], "?limit");
    let p = t
        .get("/api/v1/deputies?limit=201", &t.admin)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "out_of_range");
    t.get("/api/v1/deputies?limit=200", &t.admin).await.ok(200);
    let p = t
        .get("/api/v1/deputies?cursor=not-a-cursor", &t.admin)
        .await
        .problem(422);
    assert_eq!(p["errors"][0]["code"], "invalid_cursor");
}

#[actix_web::test]
async fn a_path_id_that_is_not_a_uuid_is_404() {
    let t = TestApp::new().await;
    t.get("/api/v1/deputies/123", &t.admin).await.problem(404);
}

#[actix_web::test]
async fn json_over_the_size_limit_is_413() {
    let t = TestApp::with_config(|c| c.max_json_bytes = 1024).await;
    let big = json!({"congress_id": t.district, "name": "张三", "notes": "备".repeat(2000)});
    t.post("/api/v1/deputies", &t.admin, big).await.problem(413);
}

#[actix_web::test]
async fn database_outage_is_503_and_leaks_nothing() {
    // The application pointed at a port where no database listens.
    let t = TestApp::new().await;
    let config = Config::for_tests("postgres://postgres@127.0.0.1:1/none");
    let state = AppState::new(config);
    let srv = actix_test::start(move || app(state.clone()));
    let wait = std::time::Duration::from_secs(30);
    let mut res = srv.get("/readyz").timeout(wait).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 503);
    let body = res.body().await.unwrap();
    let text = String::from_utf8_lossy(&body);
    assert!(
        !text.contains("127.0.0.1:1"),
        "connection details leaked: {text}"
    );
    let mut res = srv.get("/healthz").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let _ = res.body().await;
    // An authenticated API call: the token is valid (same keys), the database is not there.
    let mut res = srv
        .get("/api/v1/deputies")
        .timeout(wait)
        .insert_header(("Authorization", format!("Bearer {}", t.admin)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "application/problem+json"
    );
    let body: serde_json::Value = serde_json::from_slice(&res.body().await.unwrap()).unwrap();
    assert_eq!(body["type"], "https://renda.example/problems/unavailable");
    assert!(!body.to_string().contains("127.0.0.1"));
}

#[actix_web::test]
async fn health_and_readiness() {
    let t = TestApp::new().await;
    assert_eq!(
        t.call(Method::GET, "/healthz", None, None, &[])
            .await
            .status,
        200
    );
    assert_eq!(
        t.call(Method::GET, "/readyz", None, None, &[]).await.status,
        200
    );
}
