//! Login, tokens, refresh rotation and reuse detection, logout, rate limiting, users.

use actix_web::http::Method;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use renda_openapi::Role;
use renda_tests::*;
use serde_json::json;

async fn login_body(t: &TestApp, username: &str, password: &str) -> Res {
    t.call(
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(&json!({"username": username, "password": password})),
        &[],
    )
    .await
}

#[actix_web::test]
async fn login_gives_a_short_lived_pinned_jwt_and_a_refresh_token() {
    let t = TestApp::new().await;
    let body = login_body(&t, "admin", PASSWORD).await.ok(200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["role"], "admin");
    let token = body["access_token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    use base64::Engine;
    let header: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[0])
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "HS256");
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[1])
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["iss"], "renda");
    assert_eq!(claims["aud"], "renda-api");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        900
    );
    let me = t.get("/api/v1/auth/me", token).await.ok(200);
    assert_eq!(me["username"], "admin");
}

#[actix_web::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let t = TestApp::new().await;
    let a = login_body(&t, "admin", "wrong-password").await.problem(401);
    let b = login_body(&t, "nobody", "wrong-password")
        .await
        .problem(401);
    assert_eq!(a["detail"], b["detail"]);
    let p = login_body(&t, "", "").await.problem(422);
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn every_route_but_health_docs_and_login_needs_a_token() {
    let t = TestApp::new().await;
    for path in [
        "/api/v1/deputies",
        "/api/v1/congresses",
        "/api/v1/auth/me",
        "/api/v1/delegations",
        "/api/v1/deputies/export",
        "/api/v1/users",
    ] {
        let r = t.call(Method::GET, path, None, None, &[]).await;
        r.problem(401);
        assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
    }
    t.call(Method::GET, "/api/v1/deputies", Some("garbage"), None, &[])
        .await
        .problem(401);
}

fn forge(claims: serde_json::Value, secret: &[u8], alg: Algorithm) -> String {
    encode(
        &Header::new(alg),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[actix_web::test]
async fn tokens_with_wrong_signature_audience_issuer_algorithm_or_expiry_are_refused() {
    let t = TestApp::new().await;
    let now = chrono::Utc::now().timestamp();
    let me = t.get("/api/v1/auth/me", &t.admin).await.ok(200);
    let good = json!({"sub": me["id"], "role": "admin", "cid": t.district, "iss": "renda", "aud": "renda-api", "iat": now, "exp": now + 600});
    let secret = t.config.jwt_secret.clone();
    // The forged token with the right key works: the checks below fail for their own reason.
    t.get(
        "/api/v1/auth/me",
        &forge(good.clone(), &secret, Algorithm::HS256),
    )
    .await
    .ok(200);
    t.get(
        "/api/v1/auth/me",
        &forge(
            good.clone(),
            b"another-secret-another-secret-!!",
            Algorithm::HS256,
        ),
    )
    .await
    .problem(401);
    t.get(
        "/api/v1/auth/me",
        &forge(good.clone(), &secret, Algorithm::HS512),
    )
    .await
    .problem(401);
    let mut aud = good.clone();
    aud["aud"] = json!("someone-else");
    t.get("/api/v1/auth/me", &forge(aud, &secret, Algorithm::HS256))
        .await
        .problem(401);
    let mut iss = good.clone();
    iss["iss"] = json!("evil");
    t.get("/api/v1/auth/me", &forge(iss, &secret, Algorithm::HS256))
        .await
        .problem(401);
    let mut expired = good.clone();
    expired["exp"] = json!(now - 60);
    t.get(
        "/api/v1/auth/me",
        &forge(expired, &secret, Algorithm::HS256),
    )
    .await
    .problem(401);
    // alg "none": header and claims without a signature.
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let none = format!(
        "{}.{}.",
        b64(json!({"alg": "none", "typ": "JWT"})),
        b64(good)
    );
    t.get("/api/v1/auth/me", &none).await.problem(401);
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_whole_session() {
    let t = TestApp::new().await;
    let first = login_body(&t, "admin", PASSWORD).await.ok(200);
    let r1 = first["refresh_token"].as_str().unwrap().to_string();
    let second = t
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(&json!({"refresh_token": r1})),
            &[],
        )
        .await
        .ok(200);
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    t.get("/api/v1/auth/me", second["access_token"].as_str().unwrap())
        .await
        .ok(200);
    // The old token again: theft is assumed, and the newer token dies too.
    let p = t
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(&json!({"refresh_token": r1})),
            &[],
        )
        .await
        .problem(401);
    assert!(p["detail"].as_str().unwrap().contains("已被使用"));
    t.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(&json!({"refresh_token": r2})),
        &[],
    )
    .await
    .problem(401);
    t.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(&json!({"refresh_token": "made-up"})),
        &[],
    )
    .await
    .problem(401);
}

#[actix_web::test]
async fn logout_revokes_the_refresh_token() {
    let t = TestApp::new().await;
    let s = login_body(&t, "admin", PASSWORD).await.ok(200);
    let refresh = s["refresh_token"].as_str().unwrap();
    let access = s["access_token"].as_str().unwrap();
    t.call(
        Method::POST,
        "/api/v1/auth/logout",
        None,
        Some(&json!({"refresh_token": refresh})),
        &[],
    )
    .await
    .problem(401);
    let r = t
        .call(
            Method::POST,
            "/api/v1/auth/logout",
            Some(access),
            Some(&json!({"refresh_token": refresh})),
            &[],
        )
        .await;
    assert_eq!(r.status, 204);
    t.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(&json!({"refresh_token": refresh})),
        &[],
    )
    .await
    .problem(401);
}

#[actix_web::test]
async fn login_is_rate_limited_per_address() {
    let t = TestApp::with_config(|c| {
        c.login_burst = 3;
        c.login_per_minute = 1;
    })
    .await; // the app's own admin login used one attempt
    login_body(&t, "admin", "wrong-password").await.problem(401);
    login_body(&t, "admin", "wrong-password").await.problem(401);
    let p = login_body(&t, "admin", PASSWORD).await.problem(429);
    assert_eq!(
        p["type"],
        "https://renda.example/problems/too_many_requests"
    );
}

#[actix_web::test]
async fn passwords_are_stored_as_argon2id() {
    let t = TestApp::new().await;
    use diesel::prelude::*;
    let hash: String = renda_api::schema::users::table
        .filter(renda_api::schema::users::username.eq("admin"))
        .select(renda_api::schema::users::password_hash)
        .first(&mut t.db.conn())
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[actix_web::test]
async fn admins_create_users_in_their_scope_and_others_cannot() {
    let t = TestApp::new().await;
    let town = t.township("一号镇人民代表大会").await;
    let staff = t.user("clerk", Role::Staff, town, None).await;
    let body = json!({"username": "new-staff", "display_name": "新同事", "password": "long-enough-pw", "role": "staff", "congress_id": town});
    t.post("/api/v1/users", &staff, body.clone())
        .await
        .problem(403);
    let created = t
        .post("/api/v1/users", &t.admin, body.clone())
        .await
        .ok(201);
    assert_eq!(created["role"], "staff");
    let p = t.post("/api/v1/users", &t.admin, body).await.problem(422);
    assert_eq!(p["errors"][0]["code"], "taken");
    let p = t.post("/api/v1/users", &t.admin, json!({"username": "x", "display_name": "x", "password": "short", "role": "deputy", "congress_id": town})).await.problem(422);
    let pointers: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert!(
        pointers.contains(&"/password") && pointers.contains(&"/deputy_id"),
        "{pointers:?}"
    );
    let users = t.get("/api/v1/users", &t.admin).await.ok(200);
    assert_eq!(users.as_array().unwrap().len(), 3);
    // A congress outside the admin's scope is invisible.
    let mut conn = t.db.conn();
    let other = renda_api::congresses::repo::insert_root(
        &mut conn,
        "别处人民代表大会",
        renda_openapi::CongressLevel::District,
    )
    .unwrap();
    t.post("/api/v1/users", &t.admin, json!({"username": "y", "display_name": "y", "password": "long-enough-pw", "role": "staff", "congress_id": other.id})).await.problem(404);
}

#[actix_web::test]
async fn expired_refresh_tokens_are_dropped_at_the_next_login() {
    let t = TestApp::new().await;
    use diesel::prelude::*;
    use renda_api::schema::refresh_tokens::dsl as r;
    let mut conn = t.db.conn();
    diesel::update(r::refresh_tokens)
        .set(r::expires_at.eq(chrono::Utc::now() - chrono::Duration::days(1)))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        r::refresh_tokens
            .count()
            .get_result::<i64>(&mut conn)
            .unwrap(),
        1
    );
    t.login("admin").await;
    let left: Vec<chrono::DateTime<chrono::Utc>> = r::refresh_tokens
        .select(r::expires_at)
        .load(&mut conn)
        .unwrap();
    assert_eq!(left.len(), 1, "only the new token remains");
    assert!(left[0] > chrono::Utc::now());
}
