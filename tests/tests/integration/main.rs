//! Integration tests of the Renda API against a real PostgreSQL: one binary, a fresh
//! database per test, the real application served over HTTP.
//! Rules of law are cited by their R-number in DOMAIN.md.

mod assessments;
mod auth;
mod bounds;
mod deputies;
mod errors;
mod imports;
mod meetings;
mod motions;
mod openapi;
mod personal;
mod real_roster;
mod registry;
mod suggestion_handling;
mod suggestion_import;
mod suggestions;
