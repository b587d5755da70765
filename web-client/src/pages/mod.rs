//! The screens of the app, one module each.

pub mod deputies;
pub mod deputy;
pub mod deputy_form;
pub mod import;
pub mod login;
pub mod not_found;
