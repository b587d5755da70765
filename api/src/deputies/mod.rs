//! The deputies registry: deputies (the person), mandates (a seat in one congress for one
//! term) with their status history, delegations and deputy groups.

pub mod handlers;
pub mod models;
pub mod personal;
pub mod repo;
pub mod units;

use actix_web::web;

/// Routes under `/api/v1`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    // One resource per path, so a method the path lacks answers 405, not 404.
    cfg.service(
        web::resource("/deputies")
            .route(web::get().to(handlers::list_deputies))
            .route(web::post().to(handlers::create_deputy)),
    );
    cfg.service(
        web::resource("/deputies/{id}")
            .route(web::get().to(handlers::get_deputy))
            .route(web::put().to(handlers::update_deputy))
            .route(web::delete().to(handlers::delete_deputy)),
    );
    cfg.service(
        web::resource("/deputies/{id}/mandates").route(web::post().to(handlers::create_mandate)),
    );
    cfg.service(web::resource("/mandates/{id}").route(web::put().to(handlers::update_mandate)));
    cfg.service(
        web::resource("/mandates/{id}/status")
            .route(web::post().to(handlers::change_mandate_status)),
    );
    cfg.service(
        web::resource("/delegations")
            .route(web::get().to(handlers::list_delegations))
            .route(web::post().to(handlers::create_delegation)),
    );
    cfg.service(
        web::resource("/delegations/{id}")
            .route(web::get().to(handlers::get_delegation))
            .route(web::put().to(handlers::rename_delegation))
            .route(web::delete().to(handlers::delete_delegation)),
    );
    cfg.service(
        web::resource("/deputy-groups")
            .route(web::get().to(handlers::list_deputy_groups))
            .route(web::post().to(handlers::create_deputy_group)),
    );
    cfg.service(
        web::resource("/deputy-groups/{id}")
            .route(web::get().to(handlers::get_deputy_group))
            .route(web::put().to(handlers::rename_deputy_group))
            .route(web::delete().to(handlers::delete_deputy_group)),
    );
}
