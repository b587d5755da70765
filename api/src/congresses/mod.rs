//! Congresses (人民代表大会) and their terms (届).

pub mod handlers;
pub mod models;
pub mod repo;

use actix_web::web;

/// Routes under `/api/v1`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // One resource per path, so a method the path lacks answers 405, not 404.
    cfg.service(
        web::resource("/congresses")
            .route(web::get().to(handlers::list_congresses))
            .route(web::post().to(handlers::create_congress)),
    );
    cfg.service(web::resource("/congresses/{id}").route(web::get().to(handlers::get_congress)));
    cfg.service(
        web::resource("/congresses/{id}/terms")
            .route(web::get().to(handlers::list_terms))
            .route(web::post().to(handlers::create_term)),
    );
    cfg.service(web::resource("/terms/{id}").route(web::get().to(handlers::get_term)));
}
