//! Congresses (人民代表大会) and their terms (届).

pub mod handlers;
pub mod models;
pub mod repo;

use actix_web::web;

/// Routes under `/api/v1`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/congresses", web::get().to(handlers::list_congresses))
        .route("/congresses", web::post().to(handlers::create_congress))
        .route("/congresses/{id}", web::get().to(handlers::get_congress))
        .route(
            "/congresses/{id}/terms",
            web::get().to(handlers::list_terms),
        )
        .route(
            "/congresses/{id}/terms",
            web::post().to(handlers::create_term),
        )
        .route("/terms/{id}", web::get().to(handlers::get_term));
}
