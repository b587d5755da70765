//! Renda's API contract: the request and response types of `/api/v1`, shared by the server
//! (`renda-api`) and the web client (`renda-web`): the wire types, the ids and status
//! enums, the [`messages`] catalogue, and the pure rules of the workflows (no I/O). No
//! queries live here; behind the `diesel` feature (the server's) the ids and code enums
//! also map to their PostgreSQL types, so the server's rows use them directly.
//!
//! Conventions (ARCHITECTURE.md): JSON with snake_case fields, UUID v7 ids, timestamps in
//! RFC 3339 with offset, dates `YYYY-MM-DD`. Errors are RFC 9457 [`Problem`] documents.
//!
//! The committed `openapi/openapi.json` is generated from the server's code with
//! `renda openapi > openapi/openapi.json`; a test fails when it drifts.

#[macro_use]
pub mod codes;
pub mod assessments;
pub mod auth;
pub mod deputies;
pub mod ids;
pub mod imports;
pub mod keys;
pub mod meetings;
pub mod messages;
pub mod motions;
pub mod problem;
pub mod registry;
pub mod suggestions;
pub mod validation;

pub use assessments::*;
pub use auth::*;
pub use deputies::*;
pub use ids::*;
pub use imports::*;
pub use keys::*;
pub use meetings::*;
pub use messages::{
    Catalogue, CommonMessage, ImportMessage, Lang, Message, Refusal, RefusalKind, RegistryMessage,
    SuggestionMessage, SuggestionRecord,
};
pub use motions::*;
pub use problem::*;
pub use registry::*;
pub use suggestions::*;
