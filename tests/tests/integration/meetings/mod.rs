//! Sessions, meetings and activities: lifecycle, invitations and attendance, leave (R12),
//! quorum (R3), votes (R4), temporary sessions (R2), the DL 62 flag (R10), recurrence in
//! Asia/Shanghai, iCalendar feeds, documents, views and role checks. One module per
//! resource; the shared fixtures in [`fixtures`].

mod activities;
mod attendance;
mod calendar;
mod demo;
mod documents;
mod feeds;
pub mod fixtures;
mod flags;
mod invitations;
mod leave;
mod sessions;
mod signin;
mod views;
