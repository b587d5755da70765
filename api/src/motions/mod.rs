//! Motions (议案; R5, OL 22): proposal by the presidium, the government or at least 5
//! township deputies jointly, with subject, grounds and proposed solution; the agenda
//! decision, the vote, withdrawal, and turning a motion that is not put on the agenda into
//! a suggestion.

pub mod handlers;
pub mod models;
pub mod repo;

use actix_web::web;

/// Routes under `/api/v1`, one resource per path.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/motions")
            .route(web::get().to(handlers::list_motions))
            .route(web::post().to(handlers::create_motion)),
    );
    cfg.service(web::resource("/motions/{id}").route(web::get().to(handlers::get_motion)));
    cfg.service(
        web::resource("/motions/{id}/confirm").route(web::post().to(handlers::confirm_motion)),
    );
    cfg.service(
        web::resource("/motions/{id}/transitions")
            .route(web::post().to(handlers::motion_transition)),
    );
    cfg.service(
        web::resource("/motions/{id}/history").route(web::get().to(handlers::motion_history)),
    );
}
