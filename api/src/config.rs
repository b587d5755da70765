//! Configuration from the environment (and a `.env` file); `.env.example` documents each
//! variable.

use crate::imports::limits::ImportLimits;
use std::env;

/// Runtime configuration. Secrets have no defaults: the server refuses to start without them.
#[derive(Clone)]
pub struct Config {
    /// `DATABASE_URL`: PostgreSQL connection string.
    pub database_url: String,
    /// `BIND_ADDR`, default `127.0.0.1:8080`.
    pub bind_addr: String,
    /// `JWT_SECRET`: HMAC key for access tokens, at least 32 bytes.
    pub jwt_secret: Vec<u8>,
    /// `JWT_ISSUER`, default `renda`.
    pub jwt_issuer: String,
    /// `JWT_AUDIENCE`, default `renda-api`.
    pub jwt_audience: String,
    /// `ACCESS_TOKEN_TTL_SECONDS`, default 900 (15 minutes).
    pub access_token_ttl_seconds: i64,
    /// `REFRESH_TOKEN_TTL_DAYS`, default 14.
    pub refresh_token_ttl_days: i64,
    /// `DATA_KEY`: 32 bytes, base64, that encrypt ID-card numbers (AES-256-GCM) and key their
    /// matching digest (HMAC-SHA256).
    pub data_key: [u8; 32],
    /// `MAX_JSON_BYTES`, default 1 MiB: larger JSON bodies get 413.
    pub max_json_bytes: usize,
    /// `MAX_UPLOAD_BYTES`, default 32 MiB: larger import files get 413.
    pub max_upload_bytes: usize,
    /// `MAX_DOCUMENT_BYTES`, default 20 MiB: larger activity documents get 413 (the
    /// request itself is also bounded by `MAX_UPLOAD_BYTES`).
    pub max_document_bytes: usize,
    /// `LOGIN_BURST`, default 10: login attempts one address may make at once before it is
    /// slowed to `LOGIN_PER_MINUTE` (default 10) a minute.
    pub login_burst: u32,
    /// See `login_burst`.
    pub login_per_minute: u32,
    /// `DB_POOL_SIZE`, default 10.
    pub db_pool_size: u32,
    /// `REMINDER_SWEEP_MINUTES`, default 60: how often `renda serve` writes deadline
    /// reminders of suggestions (0: never; `POST /api/v1/reminders/sweep` still works).
    pub reminder_sweep_minutes: u64,
    /// `STATIC_DIR`, default `dist`: the built web client served at `/`.
    pub static_dir: String,
    /// The bounds of one import file (`IMPORT_MAX_*`, see [`ImportLimits`]).
    pub import_limits: ImportLimits,
    /// `MAX_CONCURRENT_IMPORTS`, default 2: file imports a process runs at once (from
    /// reading the upload to the answer); further ones wait.
    pub max_concurrent_imports: usize,
    /// `IMPORT_QUEUE_SECONDS`, default 30: how long an import waits for a free slot before
    /// it is answered 503 `import_busy` with `Retry-After`.
    pub import_queue_seconds: u64,
    /// `BODY_TIMEOUT_SECONDS`, default 120: a request body must arrive whole within this
    /// time from the request head, else 408 `body_timeout`.
    pub body_timeout_seconds: u64,
    /// `BODY_IDLE_SECONDS`, default 15: the longest pause between two pieces of a request
    /// body, else 408 `body_timeout`.
    pub body_idle_seconds: u64,
    /// `CLIENT_REQUEST_TIMEOUT_SECONDS`, default 5: the request head (line and headers)
    /// must arrive within this time of the connection or of the previous answer.
    pub client_request_timeout_seconds: u64,
    /// `KEEP_ALIVE_SECONDS`, default 5: an idle kept-alive connection is closed after this.
    pub keep_alive_seconds: u64,
    /// `STATEMENT_TIMEOUT_SECONDS`, default 30: PostgreSQL cancels any statement of a
    /// pooled connection that runs (or waits for a lock) longer (0: no limit).
    pub statement_timeout_seconds: u64,
}

/// A missing or malformed variable.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

fn var_or(name: &str, default: &str) -> String {
    env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> Result<T, ConfigError> {
    match env::var(name) {
        Ok(v) if !v.is_empty() => v
            .parse()
            .map_err(|_| ConfigError(format!("{name} is not a valid number: {v}"))),
        _ => Ok(default),
    }
}

impl Config {
    /// Reads the environment (after loading `.env` if present).
    ///
    /// Errors: a missing `DATABASE_URL`, `JWT_SECRET` (or one shorter than 32 bytes),
    /// `DATA_KEY` that is not 32 bytes of base64, or a number that does not parse.
    pub fn from_env() -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        let database_url = env::var("DATABASE_URL")
            .map_err(|_| ConfigError("DATABASE_URL is not set (see .env.example)".into()))?;
        let jwt_secret = env::var("JWT_SECRET")
            .map_err(|_| ConfigError("JWT_SECRET is not set (see .env.example)".into()))?
            .into_bytes();
        if jwt_secret.len() < 32 {
            return Err(ConfigError("JWT_SECRET must be at least 32 bytes".into()));
        }
        let data_key = decode_data_key(
            &env::var("DATA_KEY")
                .map_err(|_| ConfigError("DATA_KEY is not set (see .env.example)".into()))?,
        )?;
        Ok(Config {
            database_url,
            bind_addr: var_or("BIND_ADDR", "127.0.0.1:8080"),
            jwt_secret,
            jwt_issuer: var_or("JWT_ISSUER", "renda"),
            jwt_audience: var_or("JWT_AUDIENCE", "renda-api"),
            access_token_ttl_seconds: parse_var("ACCESS_TOKEN_TTL_SECONDS", 900)?,
            refresh_token_ttl_days: parse_var("REFRESH_TOKEN_TTL_DAYS", 14)?,
            data_key,
            max_json_bytes: parse_var("MAX_JSON_BYTES", 1 << 20)?,
            max_upload_bytes: parse_var("MAX_UPLOAD_BYTES", 32 << 20)?,
            max_document_bytes: parse_var("MAX_DOCUMENT_BYTES", 20 << 20)?,
            login_burst: parse_var("LOGIN_BURST", 10)?,
            login_per_minute: parse_var("LOGIN_PER_MINUTE", 10)?,
            db_pool_size: parse_var("DB_POOL_SIZE", 10)?,
            reminder_sweep_minutes: parse_var("REMINDER_SWEEP_MINUTES", 60)?,
            static_dir: var_or("STATIC_DIR", "dist"),
            import_limits: import_limits_from_env()?,
            max_concurrent_imports: parse_var("MAX_CONCURRENT_IMPORTS", 2)?,
            import_queue_seconds: parse_var("IMPORT_QUEUE_SECONDS", 30)?,
            body_timeout_seconds: parse_var("BODY_TIMEOUT_SECONDS", 120)?,
            body_idle_seconds: parse_var("BODY_IDLE_SECONDS", 15)?,
            client_request_timeout_seconds: parse_var("CLIENT_REQUEST_TIMEOUT_SECONDS", 5)?,
            keep_alive_seconds: parse_var("KEEP_ALIVE_SECONDS", 5)?,
            statement_timeout_seconds: parse_var("STATEMENT_TIMEOUT_SECONDS", 30)?,
        })
    }

    /// A configuration for tests: the given database and fixed, non-secret keys.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            bind_addr: "127.0.0.1:0".into(),
            jwt_secret: b"test-secret-test-secret-test-secret!".to_vec(),
            jwt_issuer: "renda".into(),
            jwt_audience: "renda-api".into(),
            access_token_ttl_seconds: 900,
            refresh_token_ttl_days: 14,
            data_key: [7u8; 32],
            max_json_bytes: 1 << 20,
            max_upload_bytes: 8 << 20,
            max_document_bytes: 1 << 20,
            login_burst: 10,
            login_per_minute: 10,
            db_pool_size: 4,
            reminder_sweep_minutes: 0,
            static_dir: "dist".into(),
            import_limits: ImportLimits::default(),
            max_concurrent_imports: 2,
            import_queue_seconds: 30,
            body_timeout_seconds: 120,
            body_idle_seconds: 15,
            client_request_timeout_seconds: 5,
            keep_alive_seconds: 5,
            statement_timeout_seconds: 30,
        }
    }
}

/// `IMPORT_MAX_*`, each defaulting to [`ImportLimits::default`].
fn import_limits_from_env() -> Result<ImportLimits, ConfigError> {
    let d = ImportLimits::default();
    Ok(ImportLimits {
        max_rows: parse_var("IMPORT_MAX_ROWS", d.max_rows)?,
        max_columns: parse_var("IMPORT_MAX_COLUMNS", d.max_columns)?,
        max_cells: parse_var("IMPORT_MAX_CELLS", d.max_cells)?,
        max_cell_bytes: parse_var("IMPORT_MAX_CELL_BYTES", d.max_cell_bytes)?,
        max_line_bytes: parse_var("IMPORT_MAX_LINE_BYTES", d.max_line_bytes)?,
        max_xlsx_part_bytes: parse_var("IMPORT_MAX_XLSX_PART_BYTES", d.max_xlsx_part_bytes)?,
        max_xlsx_unpacked_bytes: parse_var(
            "IMPORT_MAX_XLSX_UNPACKED_BYTES",
            d.max_xlsx_unpacked_bytes,
        )?,
        max_shared_strings_bytes: parse_var(
            "IMPORT_MAX_SHARED_STRINGS_BYTES",
            d.max_shared_strings_bytes,
        )?,
        max_report_bytes: parse_var("IMPORT_MAX_REPORT_BYTES", d.max_report_bytes)?,
    })
}

fn decode_data_key(b64: &str) -> Result<[u8; 32], ConfigError> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| ConfigError("DATA_KEY is not valid base64".into()))?;
    bytes
        .try_into()
        .map_err(|_| ConfigError("DATA_KEY must decode to exactly 32 bytes".into()))
}
