//! Bulk import of rosters and status changes, and export of the deputies list.

pub mod columns;
pub mod export;
pub mod handlers;
pub mod limits;
pub mod report;
pub mod roster;
pub mod snapshot;
pub mod status_changes;
pub mod table;
pub mod upload;

use crate::congresses::models::TermRow;
use crate::deputies::personal::PersonalDataKey;
use actix_web::web;
use renda_openapi::{FieldError, RowReport};
use uuid::Uuid;

/// Options of one import run.
pub struct ImportRun<'a> {
    /// The term the rows' mandates belong to.
    pub term: &'a TermRow,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Write nothing when any row fails.
    pub all_or_nothing: bool,
    /// List only rows with errors, warnings or possible duplicates in the report.
    pub only_problems: bool,
    pub actor: Uuid,
    pub key: &'a PersonalDataKey,
    /// The bounds of the file and of the report (`max_report_bytes`).
    pub limits: limits::ImportLimits,
}

impl ImportRun<'_> {
    /// Whether the report lists this row.
    pub fn lists(&self, r: &RowReport) -> bool {
        !self.only_problems
            || !r.errors.is_empty()
            || !r.warnings.is_empty()
            || !r.possible_duplicate_rows.is_empty()
    }
}

/// The 422 of an `all_or_nothing` import: one error per failing cell, pointing at its row
/// (`/rows/12`), for the rows the report listed; `omitted` rows past the report's bound
/// are counted in a last error (`rows_omitted`).
pub fn failed_rows<'a>(
    rows: impl Iterator<Item = &'a RowReport>,
    omitted: u32,
) -> crate::error::ApiError {
    let rest = (omitted > 0).then(|| FieldError {
        params: None,
        pointer: "/rows".into(),
        code: "rows_omitted".into(),
        message: format!("另有 {omitted} 行超出报告大小上限（IMPORT_MAX_REPORT_BYTES），未列出。"),
    });
    crate::error::ApiError::Validation(
        rows.flat_map(|r| {
            r.errors.iter().map(move |e| FieldError {
                params: None,
                pointer: format!("/rows/{}", r.row),
                code: e.code.clone(),
                message: format!(
                    "第 {} 行{}：{}",
                    r.row,
                    e.column
                        .as_ref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default(),
                    e.message
                ),
            })
        })
        .chain(rest)
        .collect(),
    )
}

/// Routes under `/api/v1` (registered before the deputies' `/{id}` routes).
pub fn routes(cfg: &mut web::ServiceConfig) {
    // One resource per path, so a method the path lacks answers 405, not 404.
    cfg.service(web::resource("/imports/roster").route(web::post().to(handlers::import_roster)));
    cfg.service(
        web::resource("/imports/status-changes")
            .route(web::post().to(handlers::import_status_changes)),
    );
    cfg.service(web::resource("/deputies/export").route(web::get().to(handlers::export_deputies)));
}
