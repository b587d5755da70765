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
    cfg.route("/deputies", web::get().to(handlers::list_deputies))
        .route("/deputies", web::post().to(handlers::create_deputy))
        .route("/deputies/{id}", web::get().to(handlers::get_deputy))
        .route("/deputies/{id}", web::put().to(handlers::update_deputy))
        .route("/deputies/{id}", web::delete().to(handlers::delete_deputy))
        .route(
            "/deputies/{id}/mandates",
            web::post().to(handlers::create_mandate),
        )
        .route("/mandates/{id}", web::put().to(handlers::update_mandate))
        .route(
            "/mandates/{id}/status",
            web::post().to(handlers::change_mandate_status),
        )
        .route("/delegations", web::get().to(handlers::list_delegations))
        .route("/delegations", web::post().to(handlers::create_delegation))
        .route("/delegations/{id}", web::get().to(handlers::get_delegation))
        .route(
            "/delegations/{id}",
            web::put().to(handlers::rename_delegation),
        )
        .route(
            "/delegations/{id}",
            web::delete().to(handlers::delete_delegation),
        )
        .route(
            "/deputy-groups",
            web::get().to(handlers::list_deputy_groups),
        )
        .route(
            "/deputy-groups",
            web::post().to(handlers::create_deputy_group),
        )
        .route(
            "/deputy-groups/{id}",
            web::get().to(handlers::get_deputy_group),
        )
        .route(
            "/deputy-groups/{id}",
            web::put().to(handlers::rename_deputy_group),
        )
        .route(
            "/deputy-groups/{id}",
            web::delete().to(handlers::delete_deputy_group),
        );
}
