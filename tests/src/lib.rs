//! Test harness: a fresh PostgreSQL database per test (cloned from a migrated template),
//! the real application served over HTTP on a random port, and a small client.
//!
//! The server is `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432`).

use actix_web::http::{header::HeaderMap, Method, StatusCode};
use diesel::prelude::*;
use migration_set::fingerprint;
use renda_api::app::{app, AppState};
use renda_api::config::Config;
use renda_openapi::{CongressLevel, NewUser, Role};
use serde_json::Value;
use std::time::Duration;
use uuid::Uuid;

/// The PostgreSQL server tests use (without a database name).
pub fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// The shared data folder beside the checkout (`../shared`), or `RENDA_SHARED_DIR`.
pub fn shared_dir() -> std::path::PathBuf {
    std::env::var("RENDA_SHARED_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

mod migration_set {
    /// A stable fingerprint of the migrations (FNV-1a), naming the template database so a
    /// changed migration gets a fresh template.
    pub fn fingerprint() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        let mut files: Vec<_> = walk(&dir);
        files.sort();
        let mut h: u64 = 0xcbf29ce484222325;
        for f in files {
            for b in f
                .to_string_lossy()
                .bytes()
                .chain(std::fs::read(&f).unwrap_or_default())
            {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        format!("{h:016x}")
    }
    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = vec![];
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p))
            } else {
                out.push(p)
            }
        }
        out
    }
}

fn admin_conn() -> PgConnection {
    PgConnection::establish(&format!("{}/postgres", server_url()))
        .expect("PostgreSQL reachable (see README: tests need a server)")
}

/// Creates the migrated template once (guarded by an advisory lock across processes).
fn template() -> String {
    let name = format!("renda_tpl_{}", fingerprint());
    let mut conn = admin_conn();
    diesel::sql_query("SELECT pg_advisory_lock(4242)")
        .execute(&mut conn)
        .unwrap();
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let exists = diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<diesel::sql_types::Text, _>(&name)
        .get_result::<N>(&mut conn)
        .unwrap()
        .n
        > 0;
    if !exists {
        let building = format!("{name}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {building}"))
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query(format!("CREATE DATABASE {building}"))
            .execute(&mut conn)
            .unwrap();
        {
            let mut c = PgConnection::establish(&format!("{}/{building}", server_url())).unwrap();
            renda_api::db::migrate(&mut c).unwrap();
        }
        diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
            .execute(&mut conn)
            .unwrap();
    }
    diesel::sql_query("SELECT pg_advisory_unlock(4242)")
        .execute(&mut conn)
        .unwrap();
    name
}

/// A database of one test, dropped at the end.
pub struct TestDb {
    pub name: String,
}

impl TestDb {
    /// A fresh, migrated, empty database.
    pub fn new() -> TestDb {
        let tpl = template();
        let name = format!("renda_t_{}", Uuid::now_v7().simple());
        let mut conn = admin_conn();
        // Another test may be cloning the same template at this instant: retry briefly.
        let mut tries = 0;
        loop {
            match diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {tpl}"))
                .execute(&mut conn)
            {
                Ok(_) => break,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!("cannot create test database: {e}"),
            }
        }
        TestDb { name }
    }

    /// Its connection URL.
    pub fn url(&self) -> String {
        format!("{}/{}", server_url(), self.name)
    }

    /// A direct connection, for setting up and checking state.
    pub fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url()).unwrap()
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let mut conn = admin_conn();
        let _ = diesel::sql_query(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&mut conn);
    }
}

/// A response: status, headers and the body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Res {
    /// The body as JSON (panics when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.bytes)))
    }
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
    /// Asserts a problem+json error with this status and returns the problem.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.bytes)
        );
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "body: {}",
            String::from_utf8_lossy(&self.bytes)
        );
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(p["type"]
            .as_str()
            .unwrap()
            .starts_with("https://renda.example/problems/"));
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()));
        p
    }
    /// Asserts a success status and returns the JSON body.
    /// The body as a wire type of `renda-openapi`, after checking the status.
    pub fn typed<T: serde::de::DeserializeOwned>(&self, status: u16) -> T {
        let v = self.ok(status);
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{e}: {v}"))
    }

    /// The catalogue code of a problem (its `code`, else the last segment of its `type`),
    /// after checking the status.
    pub fn refusal(&self, status: u16) -> String {
        let p = self.problem(status);
        p["code"]
            .as_str()
            .unwrap_or_else(|| p["type"].as_str().unwrap().rsplit('/').next().unwrap())
            .to_string()
    }

    pub fn ok(&self, status: u16) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.bytes)
        );
        if self.bytes.is_empty() {
            Value::Null
        } else {
            self.json()
        }
    }
}

/// A running server on a fresh database, with an admin of a district congress.
pub struct TestApp {
    pub srv: actix_test::TestServer,
    pub db: TestDb,
    pub config: Config,
    /// The district congress the admin belongs to.
    pub district: Uuid,
    /// Access token of `admin` (role admin at the district).
    pub admin: String,
}

/// Password every test user gets.
pub const PASSWORD: &str = "correct-horse-battery";

impl TestApp {
    /// A server with the test configuration.
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    /// A server whose configuration `adjust` changes first.
    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDb::new();
        let mut config = Config::for_tests(&db.url());
        adjust(&mut config);
        let district = {
            let mut conn = db.conn();
            let c = renda_api::congresses::repo::insert_root(
                &mut conn,
                "测试区人民代表大会",
                CongressLevel::District,
            )
            .unwrap();
            renda_api::auth::handlers::insert_user(
                &mut conn,
                &NewUser {
                    username: "admin".into(),
                    display_name: "管理员".into(),
                    password: PASSWORD.into(),
                    role: Role::Admin,
                    congress_id: c.id,
                    deputy_id: None,
                },
            )
            .unwrap();
            c.id
        };
        let state = AppState::new(config.clone());
        let srv = actix_test::start(move || app(state.clone()));
        let mut t = TestApp {
            srv,
            db,
            config,
            district,
            admin: String::new(),
        };
        t.admin = t.login("admin").await;
        t
    }

    /// Sends a request; `body` JSON when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Res {
        let mut req = self
            .srv
            .request(method, self.srv.url(&encode_uri(path)))
            .timeout(Duration::from_secs(120));
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        let mut res = match body {
            Some(b) => req.send_json(b).await,
            None => req.send().await,
        }
        .expect("request sent");
        let bytes = res
            .body()
            .limit(256 << 20)
            .await
            .expect("body read")
            .to_vec();
        Res {
            status: res.status(),
            headers: res.headers().clone(),
            bytes,
        }
    }

    /// Sends raw bytes with a content type.
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Res {
        let mut req = self
            .srv
            .request(method, self.srv.url(&encode_uri(path)))
            .timeout(Duration::from_secs(120))
            .insert_header(("Content-Type", content_type));
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        let mut res = req.send_body(body).await.expect("request sent");
        let bytes = res
            .body()
            .limit(256 << 20)
            .await
            .expect("body read")
            .to_vec();
        Res {
            status: res.status(),
            headers: res.headers().clone(),
            bytes,
        }
    }

    /// GET with a token.
    pub async fn get(&self, path: &str, token: &str) -> Res {
        self.call(Method::GET, path, Some(token), None, &[]).await
    }
    /// POST JSON with a token.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Res {
        self.call(Method::POST, path, Some(token), Some(&body), &[])
            .await
    }
    /// PUT JSON with a token and `If-Match`.
    pub async fn put(&self, path: &str, token: &str, etag: &str, body: Value) -> Res {
        self.call(
            Method::PUT,
            path,
            Some(token),
            Some(&body),
            &[("If-Match", etag)],
        )
        .await
    }

    /// Logs a user in and returns the access token.
    pub async fn login(&self, username: &str) -> String {
        let r = self
            .call(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(&serde_json::json!({"username": username, "password": PASSWORD})),
                &[],
            )
            .await;
        r.ok(200)["access_token"].as_str().unwrap().to_string()
    }

    /// Creates a user directly and returns their access token.
    pub async fn user(
        &self,
        username: &str,
        role: Role,
        congress: Uuid,
        deputy: Option<Uuid>,
    ) -> String {
        let mut conn = self.db.conn();
        renda_api::auth::handlers::insert_user(
            &mut conn,
            &NewUser {
                username: username.into(),
                display_name: username.into(),
                password: PASSWORD.into(),
                role,
                congress_id: congress,
                deputy_id: deputy,
            },
        )
        .unwrap();
        self.login(username).await
    }

    /// Creates a township below the district through the API and returns its id.
    pub async fn township(&self, name: &str) -> Uuid {
        let r = self
            .post(
                "/api/v1/congresses",
                &self.admin,
                serde_json::json!({"name": name, "level": "township", "parent_id": self.district}),
            )
            .await;
        id(&r.ok(201))
    }

    /// Creates a term of a congress and returns its id.
    pub async fn term(&self, congress: Uuid, number: i32, starts_on: &str) -> Uuid {
        let r = self
            .post(
                &format!("/api/v1/congresses/{congress}/terms"),
                &self.admin,
                serde_json::json!({"number": number, "starts_on": starts_on}),
            )
            .await;
        id(&r.ok(201))
    }

    /// Creates a deputy (with a mandate in `term`) and returns the response body.
    pub async fn deputy(&self, token: &str, congress: Uuid, term: Uuid, person: Value) -> Value {
        let mut body = person;
        body["congress_id"] = serde_json::json!(congress);
        body["mandate"] = serde_json::json!({"term_id": term});
        self.post("/api/v1/deputies", token, body).await.ok(201)
    }

    /// Imports a file as a roster into `term`; `query` adds parameters (`&dry_run=true`).
    pub async fn import(&self, term: Uuid, query: &str, content_type: &str, body: Vec<u8>) -> Res {
        self.send_bytes(
            Method::POST,
            &format!("/api/v1/imports/roster?term_id={term}{query}"),
            Some(&self.admin),
            content_type,
            body,
        )
        .await
    }
}

/// Percent-encodes what a URI may not hold as is (non-ASCII, spaces), so tests can write
/// `?q=马旭`.
pub fn encode_uri(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The `id` of a JSON object.
pub fn id(v: &Value) -> Uuid {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .parse()
        .unwrap()
}

/// MIME type of XLSX.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
