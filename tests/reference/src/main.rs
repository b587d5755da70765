//! Benchmark reference for `GET /api/v1/deputies`: the least a server can do to answer
//! the benchmark's page, so that renda's throughput and latency can be compared with it on
//! the same machine, database and data.
//!
//! It runs the two statements renda's `deputies::repo::list` sends for a page filtered by
//! term and delegation (the page itself with `limit + 1` rows, then the page's mandates
//! with their term number and unit names), byte for byte the same SQL text, and returns
//! the same JSON as renda returns to an administrator (phones unmasked). What it leaves
//! out is exactly renda's overhead: no token check, no transaction, no pool health
//! check, no blocking thread pool, no ORM, no logging or compression middleware.
//!
//! Environment: `DATABASE_URL`, `BIND_ADDR` (default `127.0.0.1:8081`),
//! `SCOPE_CONGRESS_ID` (the congress whose scope renda derives from the token; here
//! given directly), `DB_POOL_SIZE` (default 10, renda's default) and `WORKERS`
//! (default: the number of CPUs, as renda).
//!
//! Route: `GET /api/v1/deputies?term_id=…&delegation_id=…[&limit=50]`.

use actix_web::{web, App, HttpResponse, HttpServer};
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tokio_postgres::Row;
use uuid::Uuid;

/// The page query diesel builds for `scope ∧ term ∧ delegation`, ordered by name, as
/// captured from PostgreSQL's statement log. `$1`/`$3` scope root, `$2`/`$4` `{root}`
/// (the descendants test; the mandates are scoped too), `$5` term, `$6` delegation,
/// `$7` limit + 1.
const PAGE_SQL: &str = r#"SELECT "deputies"."id", "deputies"."congress_id", "deputies"."external_id", "deputies"."name", "deputies"."gender", "deputies"."ethnicity", "deputies"."birth_year", "deputies"."birth_month", "deputies"."birth_day", "deputies"."party", "deputies"."workplace_post", "deputies"."phone", "deputies"."id_card_encrypted", "deputies"."id_card_digest", "deputies"."address", "deputies"."notes", "deputies"."version", "deputies"."created_at", "deputies"."updated_at" FROM "deputies" WHERE (("deputies"."congress_id" = ANY(SELECT "congresses"."id" FROM "congresses" WHERE (("congresses"."id" = $1) OR ("congresses"."ancestor_ids" @> $2)))) AND ("deputies"."id" = ANY(SELECT "mandates"."deputy_id" FROM "mandates" WHERE ((("mandates"."congress_id" = ANY(SELECT "congresses"."id" FROM "congresses" WHERE (("congresses"."id" = $3) OR ("congresses"."ancestor_ids" @> $4)))) AND ("mandates"."term_id" = $5)) AND ("mandates"."delegation_id" = $6))))) ORDER BY "deputies"."name" ASC, "deputies"."id" ASC LIMIT $7"#;

/// The page's mandates in scope, newest term first per deputy, as diesel builds it. `$1`
/// scope root, `$2` `{root}`, `$3` term, `$4` delegation, `$5` the page's deputy ids.
const MANDATES_SQL: &str = r#"SELECT "mandates"."id", "mandates"."deputy_id", "mandates"."congress_id", "mandates"."term_id", "mandates"."delegation_id", "mandates"."deputy_group_id", "mandates"."constituency", "mandates"."certificate_number", "mandates"."elected_via", "mandates"."elected_on", "mandates"."status", "mandates"."status_reason", "mandates"."status_date", "mandates"."version", "mandates"."created_at", "mandates"."updated_at", "terms"."number", "delegations"."name", "deputy_groups"."name" FROM ((("mandates" INNER JOIN "terms" ON ("mandates"."term_id" = "terms"."id")) LEFT OUTER JOIN "delegations" ON ("mandates"."delegation_id" = "delegations"."id")) LEFT OUTER JOIN "deputy_groups" ON ("mandates"."deputy_group_id" = "deputy_groups"."id")) WHERE (((("mandates"."congress_id" = ANY(SELECT "congresses"."id" FROM "congresses" WHERE (("congresses"."id" = $1) OR ("congresses"."ancestor_ids" @> $2)))) AND ("mandates"."term_id" = $3)) AND ("mandates"."delegation_id" = $4)) AND ("mandates"."deputy_id" = ANY($5))) ORDER BY "mandates"."deputy_id", "terms"."number" DESC"#;

/// Shared state: the pool and the scope root.
struct State {
    pool: Pool,
    scope: Uuid,
}

/// The query parameters the reference understands: the benchmark's filter.
#[derive(Deserialize)]
struct ListQuery {
    term_id: Uuid,
    delegation_id: Uuid,
    limit: Option<i64>,
}

/// Same fields, order and types as `renda_openapi::DeputyPage`.
#[derive(Serialize)]
struct DeputyPage {
    items: Vec<DeputySummary>,
    next_cursor: Option<String>,
    total: Option<i64>,
    deleted: Vec<Uuid>,
}

/// Same fields, order and types as `renda_openapi::DeputySummary`.
#[derive(Serialize)]
struct DeputySummary {
    id: Uuid,
    congress_id: Uuid,
    external_id: Option<String>,
    name: String,
    gender: Option<String>,
    ethnicity: Option<String>,
    birth_date: Option<String>,
    party: Option<String>,
    workplace_post: Option<String>,
    phone: Option<String>,
    mandate: Option<Mandate>,
    version: i32,
    updated_at: DateTime<Utc>,
}

/// Same fields, order and types as `renda_openapi::Mandate` (the enums are stored as
/// their wire codes, so the text passes through).
#[derive(Serialize)]
struct Mandate {
    id: Uuid,
    deputy_id: Uuid,
    congress_id: Uuid,
    term_id: Uuid,
    term_number: i32,
    delegation_id: Option<Uuid>,
    delegation_name: Option<String>,
    deputy_group_id: Option<Uuid>,
    deputy_group_name: Option<String>,
    constituency: Option<String>,
    certificate_number: Option<String>,
    elected_via: String,
    elected_on: Option<NaiveDate>,
    status: String,
    status_reason: Option<String>,
    status_date: Option<NaiveDate>,
    status_history: Vec<()>,
    credentials_flags: Vec<()>,
    version: i32,
    updated_at: DateTime<Utc>,
}

/// The cursor renda encodes: the last row's sort key and id.
#[derive(Serialize)]
struct Cursor<'a> {
    k: &'a str,
    id: Uuid,
}

/// A partial birth date as renda writes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn birth_date(row: &Row) -> Option<String> {
    let year: i32 = row.get::<_, Option<i32>>(6)?;
    Some(
        match (row.get::<_, Option<i32>>(7), row.get::<_, Option<i32>>(8)) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        },
    )
}

fn mandate(row: &Row) -> Mandate {
    Mandate {
        id: row.get(0),
        deputy_id: row.get(1),
        congress_id: row.get(2),
        term_id: row.get(3),
        delegation_id: row.get(4),
        deputy_group_id: row.get(5),
        constituency: row.get(6),
        certificate_number: row.get(7),
        elected_via: row.get(8),
        elected_on: row.get(9),
        status: row.get(10),
        status_reason: row.get(11),
        status_date: row.get(12),
        version: row.get(13),
        updated_at: row.get(15),
        term_number: row.get(16),
        delegation_name: row.get(17),
        deputy_group_name: row.get(18),
        status_history: vec![],
        credentials_flags: vec![],
    }
}

/// Internal errors as a bare 500: the benchmark counts non-2xx answers as failures.
fn internal(e: impl std::fmt::Display) -> actix_web::Error {
    actix_web::error::ErrorInternalServerError(e.to_string())
}

async fn list(
    state: web::Data<State>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Ok(HttpResponse::UnprocessableEntity().finish());
    }
    let client = state.pool.get().await.map_err(internal)?;
    // Prepared once per connection, as diesel's statement cache does for these queries.
    let page = client.prepare_cached(PAGE_SQL).await.map_err(internal)?;
    let mut rows = client
        .query(
            &page,
            &[
                &state.scope,
                &vec![state.scope],
                &state.scope,
                &vec![state.scope],
                &q.term_id,
                &q.delegation_id,
                &(limit + 1),
            ],
        )
        .await
        .map_err(internal)?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|last| {
            let cursor = Cursor {
                k: last.get(3),
                id: last.get(0),
            };
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(serde_json::to_vec(&cursor).unwrap_or_default())
        })
    } else {
        None
    };
    let ids: Vec<Uuid> = rows.iter().map(|r| r.get(0)).collect();
    let stmt = client
        .prepare_cached(MANDATES_SQL)
        .await
        .map_err(internal)?;
    let mut chosen: HashMap<Uuid, Mandate> = HashMap::new();
    for m in client
        .query(
            &stmt,
            &[
                &state.scope,
                &vec![state.scope],
                &q.term_id,
                &q.delegation_id,
                &ids,
            ],
        )
        .await
        .map_err(internal)?
    {
        // Newest term first: the first mandate seen per deputy is the one shown.
        let m = mandate(&m);
        chosen.entry(m.deputy_id).or_insert(m);
    }
    drop(client);
    let items = rows
        .iter()
        .map(|r| {
            let id: Uuid = r.get(0);
            DeputySummary {
                id,
                congress_id: r.get(1),
                external_id: r.get(2),
                name: r.get(3),
                gender: r.get(4),
                ethnicity: r.get(5),
                birth_date: birth_date(r),
                party: r.get(9),
                workplace_post: r.get(10),
                phone: r.get(11),
                mandate: chosen.remove(&id),
                version: r.get(16),
                updated_at: r.get(18),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(DeputyPage {
        items,
        next_cursor,
        total: None,
        deleted: vec![],
    }))
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL is not set");
    let scope: Uuid = std::env::var("SCOPE_CONGRESS_ID")
        .expect("SCOPE_CONGRESS_ID is not set")
        .parse()
        .expect("SCOPE_CONGRESS_ID is not a UUID");
    let bind = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:8081".into());
    let pool_size = env_or("DB_POOL_SIZE", 10usize);
    let workers = env_or(
        "WORKERS",
        std::thread::available_parallelism().map_or(2, |n| n.get()),
    );
    let pg: tokio_postgres::Config = url.parse().expect("DATABASE_URL does not parse");
    // Fast recycling: no test query on checkout (renda's r2d2 pool does run one).
    let manager = Manager::from_config(
        pg,
        tokio_postgres::NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(pool_size)
        .build()
        .expect("pool configuration");
    let state = web::Data::new(State { pool, scope });
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/api/v1/deputies", web::get().to(list))
    })
    .workers(workers)
    .bind(&bind)?
    .run()
    .await
}
