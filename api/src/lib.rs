//! Renda's server: an actix-web API over PostgreSQL (diesel) for the deputy work of
//! township people's congresses. The binary `renda` (see `main.rs`) serves it, migrates the
//! database, creates users and loads the demo township.
//!
//! One folder per domain area (`auth`, `congresses`, `deputies`, `imports`, `meetings`,
//! `motions`, `suggestions`), each with
//! `mod.rs` (routes), `handlers.rs` (HTTP), `repo.rs` (queries) and `models.rs` (rows).

pub mod api_doc;
pub mod app;
pub mod assessments;
pub mod audit;
pub mod auth;
pub mod body_deadline;
pub mod config;
pub mod congresses;
pub mod db;
pub mod demo;
pub mod deputies;
pub mod error;
pub mod fields;
pub mod files;
pub mod health;
pub mod http;
pub mod idempotency;
pub mod imports;
pub mod meetings;
pub mod motions;
pub mod paging;
pub mod routes;
pub mod schema;
pub mod suggestions;
pub mod web_client;
