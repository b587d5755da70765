//! The screens of the app, one module each.

pub mod activity;
pub mod activity_form;
#[cfg(any(
    feature = "assessments",
    feature = "assessment_office",
    feature = "assessment_duties",
    feature = "assessment_schemes"
))]
pub mod assessments;
pub mod attendance_rates;
pub mod calendar;
pub mod check_in;
pub mod deputies;
pub mod deputy;
pub mod deputy_activities;
pub mod deputy_form;
pub mod import;
pub mod login;
pub mod not_found;
pub mod suggestion;
pub mod suggestion_form;
pub mod suggestion_report;
pub mod suggestions;
