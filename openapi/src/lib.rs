//! Renda's API contract: the request and response types of `/api/v1`, shared by the server
//! (`renda-api`) and the web client (`renda-web`). No database code lives here.
//!
//! Conventions (ARCHITECTURE.md): JSON with snake_case fields, UUID v7 ids, timestamps in
//! RFC 3339 with offset, dates `YYYY-MM-DD`. Errors are RFC 9457 [`Problem`] documents.
//!
//! The committed `openapi/openapi.json` is generated from the server's code with
//! `renda openapi > openapi/openapi.json`; a test fails when it drifts.

pub mod auth;
pub mod deputies;
pub mod imports;
#[macro_use]
pub mod meetings;
pub mod keys;
pub mod motions;
pub mod problem;
pub mod registry;
pub mod suggestions;
pub mod validation;

pub use auth::*;
pub use deputies::*;
pub use imports::*;
pub use keys::*;
pub use meetings::*;
pub use motions::*;
pub use problem::*;
pub use registry::*;
pub use suggestions::*;
