//! The connection pool, embedded migrations, and the one helper through which every query
//! runs off the request threads.

use crate::error::ApiError;
use actix_web::web;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::Connection;
use diesel::RunQueryDsl;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

/// The r2d2 pool of PostgreSQL connections.
pub type DbPool = Pool<ConnectionManager<PgConnection>>;
/// One pooled connection.
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

/// The migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// Builds the pool without connecting, so the server starts (and `/readyz` answers 503)
/// while the database is down. Checking a connection out waits at most 5 seconds. Each
/// connection gets `statement_timeout` (`STATEMENT_TIMEOUT_SECONDS`; 0 leaves the server's
/// default): PostgreSQL cancels a statement that runs or waits for a lock longer, and the
/// request is answered 503.
pub fn pool(database_url: &str, size: u32, statement_timeout_seconds: u64) -> DbPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(5))
        .connection_customizer(Box::new(StatementTimeout(statement_timeout_seconds)))
        .build_unchecked(ConnectionManager::new(database_url))
}

/// Sets `statement_timeout` (seconds; 0: untouched) on each new pooled connection.
#[derive(Debug, Clone, Copy)]
struct StatementTimeout(u64);

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for StatementTimeout {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        if self.0 > 0 {
            diesel::sql_query(format!("SET statement_timeout = {}", self.0 * 1000))
                .execute(conn)
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
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
