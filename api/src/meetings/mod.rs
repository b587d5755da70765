//! Sessions, meetings and activities with attendance (issue 4): the office's calendar.
//!
//! Activities of each kind in DOMAIN.md with their lifecycle; recurring series (RFC 5545
//! RRULE) expanded in the congress's time zone; invitations and attendance (one by one or
//! up to 1,000 per request, or a sign-in sheet imported); leave requests (R12; DL 13); congress sessions with the
//! quorum (R3; OL 14), votes (R4; OL 25) and temporary sessions (R2; OL 14); the DL 62
//! credentials flag (R10); attendance views and rates; iCalendar feeds; documents.

pub mod documents;
pub mod feeds;
pub mod flags;
pub mod handlers;
pub mod models;
pub mod recurrence;
pub mod repo;
pub mod rules;
pub mod signin;

use actix_web::web;

/// Routes under `/api/v1`: one resource per path, so a method the path lacks answers 405
/// with `Allow`, as in the other areas.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/activities")
            .route(web::get().to(handlers::list_activities))
            .route(web::post().to(handlers::create_activity)),
    );
    cfg.service(
        web::resource("/activities/{id}")
            .route(web::get().to(handlers::get_activity))
            .route(web::put().to(handlers::update_activity)),
    );
    cfg.service(
        web::resource("/activities/{id}/status").route(web::post().to(handlers::change_status)),
    );
    cfg.service(
        web::resource("/activities/{id}/occurrences")
            .route(web::post().to(handlers::take_out_occurrence)),
    );
    cfg.service(
        web::resource("/activities/{id}/invitations").route(web::post().to(handlers::invite)),
    );
    cfg.service(
        web::resource("/activities/{id}/attendance")
            .route(web::get().to(handlers::list_attendance))
            .route(web::post().to(handlers::record_attendance)),
    );
    cfg.service(web::resource("/attendances/{id}").route(web::delete().to(handlers::uninvite)));
    cfg.service(
        web::resource("/activities/{id}/attendance/import")
            .route(web::post().to(handlers::import_sign_in_sheet)),
    );
    cfg.service(
        web::resource("/activities/{id}/leave-requests")
            .route(web::get().to(handlers::list_leave_requests))
            .route(web::post().to(handlers::request_leave)),
    );
    cfg.service(web::resource("/leave-requests").route(web::get().to(handlers::leave_queue)));
    cfg.service(
        web::resource("/leave-requests/{id}/decision")
            .route(web::post().to(handlers::decide_leave)),
    );
    cfg.service(
        web::resource("/leave-requests/{id}/withdraw")
            .route(web::post().to(handlers::withdraw_leave)),
    );
    cfg.service(web::resource("/activities/{id}/quorum").route(web::get().to(handlers::quorum)));
    cfg.service(web::resource("/activities/{id}/outcome").route(web::get().to(handlers::outcome)));
    cfg.service(
        web::resource("/activities/{id}/agenda-items")
            .route(web::post().to(handlers::add_agenda_item)),
    );
    cfg.service(
        web::resource("/agenda-items/{id}/votes").route(web::post().to(handlers::add_vote)),
    );
    cfg.service(
        web::resource("/activities/{id}/documents")
            .route(web::get().to(handlers::list_documents))
            .route(web::post().to(handlers::upload_document)),
    );
    cfg.service(
        web::resource("/documents/{id}")
            .route(web::get().to(handlers::download_document))
            .route(web::delete().to(handlers::delete_document)),
    );
    cfg.service(web::resource("/calendar").route(web::get().to(handlers::calendar)));
    cfg.service(web::resource("/calendar/{token}.ics").route(web::get().to(handlers::feed)));
    cfg.service(
        web::resource("/calendar-feeds")
            .route(web::get().to(handlers::list_feeds))
            .route(web::post().to(handlers::create_feed)),
    );
    cfg.service(
        web::resource("/calendar-feeds/{id}").route(web::delete().to(handlers::revoke_feed)),
    );
    cfg.service(web::resource("/credentials-flags").route(web::get().to(handlers::list_flags)));
    cfg.service(
        web::resource("/credentials-flags/{id}/clear").route(web::post().to(handlers::clear_flag)),
    );
    cfg.service(
        web::resource("/deputies/{id}/activities")
            .route(web::get().to(handlers::deputy_activities)),
    );
    cfg.service(web::resource("/activity-counts").route(web::get().to(handlers::activity_counts)));
    cfg.service(web::resource("/session-check").route(web::get().to(handlers::session_check)));
    cfg.service(
        web::resource("/attendance-rates").route(web::get().to(handlers::attendance_rates)),
    );
}
