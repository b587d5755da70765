//! Authentication (login, refresh, logout), users, and the [`AuthUser`] extractor that
//! every protected handler takes.

pub mod caller;
pub mod handlers;
pub mod keys;
pub mod models;
pub mod tokens;

pub use caller::{AuthUser, REGISTRY_WRITERS};

use actix_web::web;
/// The login rate limit, shared by every worker: `LOGIN_BURST` attempts at once per client
/// address, then `LOGIN_PER_MINUTE` a minute.
pub type LoginLimit = actix_governor::GovernorConfig<
    actix_governor::PeerIpKeyExtractor,
    actix_governor::governor::middleware::NoOpMiddleware,
>;

/// Builds the login rate limit from the configuration.
pub fn login_limit(config: &crate::config::Config) -> LoginLimit {
    actix_governor::GovernorConfigBuilder::default()
        .requests_per_minute(u64::from(config.login_per_minute.max(1)))
        .burst_size(config.login_burst.max(1))
        .finish()
        .expect("non-zero rate and burst")
}

/// Routes under `/api/v1/auth` and `/api/v1/users`.
pub fn routes(cfg: &mut web::ServiceConfig, login_limit: &LoginLimit) {
    cfg.service(
        web::resource("/auth/login")
            .wrap(actix_governor::Governor::new(login_limit))
            .route(web::post().to(handlers::login)),
    )
    .route("/auth/refresh", web::post().to(handlers::refresh))
    .route("/auth/logout", web::post().to(handlers::logout))
    .route("/auth/me", web::get().to(handlers::me))
    .route("/users", web::post().to(handlers::create_user))
    .route("/users", web::get().to(handlers::list_users));
    cfg.service(
        web::resource("/api-keys")
            .route(web::get().to(handlers::list_api_keys))
            .route(web::post().to(handlers::create_api_key)),
    );
    cfg.service(web::resource("/api-keys/{id}").route(web::delete().to(handlers::revoke_api_key)));
}
