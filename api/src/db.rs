//! The connection pool, embedded migrations, and the one helper through which every query
//! runs off the request threads.

use crate::error::ApiError;
use actix_web::web;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

/// The r2d2 pool of PostgreSQL connections.
pub type DbPool = Pool<ConnectionManager<PgConnection>>;
/// One pooled connection.
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

/// The migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// Builds the pool without connecting, so the server starts (and `/readyz` answers 503)
/// while the database is down. Checking a connection out waits at most 5 seconds.
pub fn pool(database_url: &str, size: u32) -> DbPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(5))
        .build_unchecked(ConnectionManager::new(database_url))
}

/// Applies pending migrations; returns the versions applied.
pub fn migrate(conn: &mut PgConnection) -> Result<Vec<String>, String> {
    conn.run_pending_migrations(MIGRATIONS)
        .map(|v| v.iter().map(|m| m.to_string()).collect())
        .map_err(|e| e.to_string())
}

/// Runs `f` with a pooled connection inside one transaction on the blocking thread pool.
///
/// Errors: 503 when no connection can be had, else whatever `f` returns (the transaction
/// is rolled back on any error).
pub async fn tx<T, F>(pool: &web::Data<DbPool>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut PgConnection) -> Result<T, ApiError> + Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn: DbConn = pool.get().map_err(|e| {
            log::error!("database unavailable: {e}");
            ApiError::Unavailable
        })?;
        let conn: &mut PgConnection = &mut conn;
        conn.transaction(f)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}
