//! The committed OpenAPI document matches the code, and Swagger UI works offline.

use actix_web::http::Method;
use renda_tests::*;

#[test]
fn committed_openapi_json_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).expect("openapi/openapi.json exists");
    let generated = renda_api::api_doc::openapi_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: regenerate it with `cargo run -p renda-api --bin renda -- openapi > openapi/openapi.json`"
    );
}

#[test]
fn every_operation_documents_errors_and_security() {
    let doc: serde_json::Value = serde_json::from_str(&renda_api::api_doc::openapi_json()).unwrap();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} has no success response"
            );
            let public = path.starts_with("/health")
                || path.starts_with("/ready")
                || path.ends_with("/auth/login")
                || path.ends_with("/auth/refresh")
                // iCalendar feeds are authorised by the secret token in their URL.
                || path.ends_with(".ics")
                // The public list of replied items (R8) is for everyone.
                || path.starts_with("/api/v1/public/");
            if !public {
                assert!(
                    op.get("security").is_some(),
                    "{method} {path} documents no security"
                );
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} documents no 401"
                );
            }
            if op.get("requestBody").is_some() {
                assert!(
                    responses.contains_key("408"),
                    "{method} {path} takes a body and documents no 408"
                );
            }
            if ["post", "put", "delete"].contains(&method.as_str()) && !public {
                assert!(
                    responses.contains_key("403") || path.ends_with("/logout"),
                    "{method} {path} documents no 403"
                );
            }
        }
    }
    assert!(operations >= 30, "only {operations} operations documented");
}

#[actix_web::test]
async fn swagger_ui_and_document_are_served_without_a_token() {
    let t = TestApp::new().await;
    let r = t
        .call(Method::GET, "/api/openapi.json", None, None, &[])
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["info"]["title"], "Renda API");
    // /api/docs redirects to /api/docs/ (the client follows it).
    let r = t.call(Method::GET, "/api/docs", None, None, &[]).await;
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.bytes).contains("swagger-ui"));
    let r = t.call(Method::GET, "/api/docs/", None, None, &[]).await;
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.bytes).contains("swagger-ui"));
    // The UI's assets come from the binary (vendored), not from the internet.
    let r = t
        .call(
            Method::GET,
            "/api/docs/swagger-ui-bundle.js",
            None,
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.bytes.len() > 100_000);
}
