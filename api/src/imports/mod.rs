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
use renda_openapi::messages::ImportMessage;
use renda_openapi::{CellMessage, FieldError, RowReport};
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
/// are counted in a last error (`rows_omitted`). A row's error has its cell's code, and as
/// `params` its cell's params with the cell's `column` added (as the file names it).
pub fn failed_rows<'a>(
    rows: impl Iterator<Item = &'a RowReport>,
    omitted: u32,
) -> crate::error::ApiError {
    let rest = (omitted > 0).then(|| {
        FieldError::from_message(
            "/rows",
            &ImportMessage::RowsOmitted { rows: omitted }.into(),
        )
    });
    crate::error::ApiError::Validation(
        rows.flat_map(|r| r.errors.iter().map(move |e| row_error(r.row, e)))
            .chain(rest)
            .collect(),
    )
}

/// The field error of a failing cell of row `row`.
fn row_error(row: u32, e: &CellMessage) -> FieldError {
    let mut params = match &e.params {
        Some(serde_json::Value::Object(o)) => o.clone(),
        _ => serde_json::Map::new(),
    };
    if let Some(c) = &e.column {
        params.insert("column".into(), c.clone().into());
    }
    FieldError {
        params: (!params.is_empty()).then_some(serde_json::Value::Object(params)),
        pointer: format!("/rows/{row}"),
        code: e.code.clone(),
        message: format!(
            "第 {row} 行{}：{}",
            e.column
                .as_ref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default(),
            e.message
        ),
    }
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
