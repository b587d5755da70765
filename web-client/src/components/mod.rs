//! The layout and the widgets the pages share.

pub mod layout;
pub mod widgets;
