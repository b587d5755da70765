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

/// Routes under `/api/v1`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/activities", web::get().to(handlers::list_activities))
        .route("/activities", web::post().to(handlers::create_activity))
        .route("/activities/{id}", web::get().to(handlers::get_activity))
        .route("/activities/{id}", web::put().to(handlers::update_activity))
        .route(
            "/activities/{id}/status",
            web::post().to(handlers::change_status),
        )
        .route(
            "/activities/{id}/occurrences",
            web::post().to(handlers::take_out_occurrence),
        )
        .route(
            "/activities/{id}/invitations",
            web::post().to(handlers::invite),
        )
        .route(
            "/activities/{id}/attendance",
            web::get().to(handlers::list_attendance),
        )
        .route(
            "/activities/{id}/attendance",
            web::post().to(handlers::record_attendance),
        )
        .route("/attendances/{id}", web::delete().to(handlers::uninvite))
        .route(
            "/activities/{id}/attendance/import",
            web::post().to(handlers::import_sign_in_sheet),
        )
        .route(
            "/activities/{id}/leave-requests",
            web::get().to(handlers::list_leave_requests),
        )
        .route(
            "/activities/{id}/leave-requests",
            web::post().to(handlers::request_leave),
        )
        .route("/leave-requests", web::get().to(handlers::leave_queue))
        .route(
            "/leave-requests/{id}/decision",
            web::post().to(handlers::decide_leave),
        )
        .route(
            "/leave-requests/{id}/withdraw",
            web::post().to(handlers::withdraw_leave),
        )
        .route("/activities/{id}/quorum", web::get().to(handlers::quorum))
        .route("/activities/{id}/outcome", web::get().to(handlers::outcome))
        .route(
            "/activities/{id}/agenda-items",
            web::post().to(handlers::add_agenda_item),
        )
        .route(
            "/agenda-items/{id}/votes",
            web::post().to(handlers::add_vote),
        )
        .route(
            "/activities/{id}/documents",
            web::get().to(handlers::list_documents),
        )
        .route(
            "/activities/{id}/documents",
            web::post().to(handlers::upload_document),
        )
        .route(
            "/documents/{id}",
            web::get().to(handlers::download_document),
        )
        .route(
            "/documents/{id}",
            web::delete().to(handlers::delete_document),
        )
        .route("/calendar", web::get().to(handlers::calendar))
        .route("/calendar/{token}.ics", web::get().to(handlers::feed))
        .route("/calendar-feeds", web::get().to(handlers::list_feeds))
        .route("/calendar-feeds", web::post().to(handlers::create_feed))
        .route(
            "/calendar-feeds/{id}",
            web::delete().to(handlers::revoke_feed),
        )
        .route("/credentials-flags", web::get().to(handlers::list_flags))
        .route(
            "/credentials-flags/{id}/clear",
            web::post().to(handlers::clear_flag),
        )
        .route(
            "/deputies/{id}/activities",
            web::get().to(handlers::deputy_activities),
        )
        .route("/activity-counts", web::get().to(handlers::activity_counts))
        .route(
            "/attendance-rates",
            web::get().to(handlers::attendance_rates),
        );
}
