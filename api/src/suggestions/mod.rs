//! Deputies' suggestions, criticisms and opinions (issue 5): submission with co-signers,
//! review, referral to handling organisations or forwarding to the upper-level congress,
//! returns, deadlines (R7; DL 51) counted in calendar months and in working days under the
//! official holiday calendar, consultations, replies, satisfaction feedback, re-handling,
//! closure and key supervision, with the history of every transition; deadline reminders
//! and the public list of replied items.

pub mod attachments;
pub mod calendar;
pub mod handlers;
pub mod import;
pub mod models;
pub mod public;
pub mod reminders;
pub mod repo;
pub mod report;

use actix_web::web;

/// Routes under `/api/v1`, one resource per path.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/suggestions")
            .route(web::get().to(handlers::list_suggestions))
            .route(web::post().to(handlers::create_suggestion)),
    );
    // Before `/suggestions/{id}`, which would answer a POST here with 405.
    cfg.service(
        web::resource("/suggestions/import").route(web::post().to(handlers::import_suggestions)),
    );
    cfg.service(
        web::resource("/suggestions/{id}")
            .route(web::get().to(handlers::get_suggestion))
            .route(web::put().to(handlers::update_suggestion)),
    );
    cfg.service(
        web::resource("/suggestions/{id}/confirm")
            .route(web::post().to(handlers::confirm_signature)),
    );
    cfg.service(
        web::resource("/suggestions/{id}/transitions").route(web::post().to(handlers::transition)),
    );
    cfg.service(web::resource("/suggestions/{id}/history").route(web::get().to(handlers::history)));
    cfg.service(
        web::resource("/suggestions/{id}/consultations")
            .route(web::post().to(handlers::add_consultation)),
    );
    cfg.service(
        web::resource("/suggestions/{id}/replies").route(web::post().to(handlers::create_reply)),
    );
    cfg.service(web::resource("/suggestions/{id}/feedback").route(web::post().to(handlers::rate)));
    cfg.service(web::resource("/replies/{id}").route(web::put().to(handlers::update_reply)));
    cfg.service(web::resource("/replies/{id}/send").route(web::post().to(handlers::send_reply)));
    cfg.service(
        web::resource("/handling-orgs")
            .route(web::get().to(handlers::list_orgs))
            .route(web::post().to(handlers::create_org)),
    );
    cfg.service(web::resource("/handling-orgs/{id}").route(web::get().to(handlers::get_org)));
    cfg.service(
        web::resource("/handling-orgs/{id}/users").route(web::post().to(handlers::create_org_user)),
    );
    cfg.service(
        web::resource("/suggestion-categories")
            .route(web::get().to(handlers::list_categories))
            .route(web::post().to(handlers::create_category)),
    );
    cfg.service(
        web::resource("/suggestion-categories/import")
            .route(web::post().to(handlers::import_categories)),
    );
    cfg.service(
        web::resource("/congresses/{id}/suggestion-settings")
            .route(web::get().to(handlers::get_settings))
            .route(web::put().to(handlers::put_settings)),
    );
    cfg.service(web::resource("/suggestion-report").route(web::get().to(handlers::report)));
    cfg.service(
        web::resource("/suggestions/{id}/attachments")
            .route(web::get().to(handlers::list_attachments))
            .route(web::post().to(handlers::upload_attachment)),
    );
    cfg.service(
        web::resource("/attachments/{id}")
            .route(web::get().to(handlers::download_attachment))
            .route(web::delete().to(handlers::delete_attachment)),
    );
    cfg.service(web::resource("/reminders").route(web::get().to(handlers::list_reminders)));
    cfg.service(web::resource("/reminders/sweep").route(web::post().to(handlers::sweep_reminders)));
    cfg.service(
        web::resource("/reminders/{id}/read").route(web::post().to(handlers::read_reminder)),
    );
    cfg.service(web::resource("/public/suggestions").route(web::get().to(handlers::public_list)));
    cfg.service(
        web::resource("/working-calendar/{year}")
            .route(web::get().to(handlers::get_calendar))
            .route(web::put().to(handlers::put_calendar)),
    );
}
