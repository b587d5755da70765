//! Sessions, meetings and activities with attendance: the office's calendar (issue 4).
//!
//! Terms follow DOMAIN.md: an activity (会议、活动) has a kind, an organiser and a lifecycle
//! `planned → notified → held → summarised → archived`, or `cancelled`. Invited deputies'
//! attendance is `invited → present | late | on_leave | absent`. Times are RFC 3339 instants;
//! business dates are taken in the congress's time zone (default Asia/Shanghai, UTC+8).
//!
//! One module per resource; every type is re-exported here (and at the crate's root).

pub mod activities;
pub mod attendance;
pub mod calendar;
pub mod documents;
pub mod feeds;
pub mod flags;
pub mod invitations;
pub mod leave;
pub mod sessions;
pub mod statistics;

pub use activities::*;
pub use attendance::*;
pub use calendar::*;
pub use documents::*;
pub use feeds::*;
pub use flags::*;
pub use invitations::*;
pub use leave::*;
pub use sessions::*;
pub use statistics::*;
