//! Bulk import of rosters and status changes, and export of the deputies list.

pub mod columns;
pub mod export;
pub mod handlers;
pub mod roster;
pub mod snapshot;
pub mod status_changes;
pub mod table;

use actix_web::web;

/// Routes under `/api/v1` (registered before the deputies' `/{id}` routes).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/imports/roster", web::post().to(handlers::import_roster))
        .route(
            "/imports/status-changes",
            web::post().to(handlers::import_status_changes),
        )
        .route("/deputies/export", web::get().to(handlers::export_deputies));
}
