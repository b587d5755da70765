//! Sessions, meetings and activities with attendance (issue 4): the office's calendar.
//!
//! Activities of each kind in DOMAIN.md with their lifecycle; recurring series (RFC 5545
//! RRULE) expanded in the congress's time zone; invitations and attendance (one by one or
//! up to 1,000 per request, or a sign-in sheet imported); leave requests (R12; DL 13); congress sessions with the
//! quorum (R3; OL 14), votes (R4; OL 25) and temporary sessions (R2; OL 14); the DL 62
//! credentials flag (R10); attendance views and rates; iCalendar feeds; documents.

pub mod activities;
pub mod attendance;
pub mod calendar;
pub mod documents;
pub mod feeds;
pub mod flags;
pub mod invitations;
pub mod leave;
pub mod models;
pub mod recurrence;
pub mod rules;
pub mod sessions;
pub mod shared;
pub mod statistics;

use actix_web::web;

/// Routes under `/api/v1`: one resource per path, so a method the path lacks answers 405
/// with `Allow`, as in the other areas. Each resource registers its own paths.
pub fn routes(cfg: &mut web::ServiceConfig) {
    activities::routes(cfg);
    invitations::routes(cfg);
    attendance::routes(cfg);
    leave::routes(cfg);
    sessions::routes(cfg);
    documents::routes(cfg);
    calendar::routes(cfg);
    feeds::routes(cfg);
    flags::routes(cfg);
    statistics::routes(cfg);
}
