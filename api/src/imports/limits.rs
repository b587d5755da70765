//! The bounds of one import file, and the refusal that names the bound a file crossed.
//!
//! Every reader checks these while it reads, before it keeps what it read: a file over a
//! bound is refused with 413 problem+json whose `type` ends with the bound's code
//! (`too_many_rows` …), whose `errors[0].code` is that code, whose message names the bound
//! and its value in Chinese, and whose `limit` member carries the environment variable and
//! the value. Nothing is written.

use crate::error::ApiError;
use renda_openapi::messages::ImportMessage;

/// Bounds of one import file (configured from the environment, see `.env.example`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// `IMPORT_MAX_ROWS`, default 50,000: rows of a file, counted as a spreadsheet numbers
    /// them (title and header rows included; for XLSX the last used row number, declared or
    /// actual).
    pub max_rows: u32,
    /// `IMPORT_MAX_COLUMNS`, default 200: columns of a row (for XLSX, the last used column
    /// number, declared or actual).
    pub max_columns: u32,
    /// `IMPORT_MAX_CELLS`, default 1,000,000: cells kept in memory (each row counted up to
    /// its last non-empty cell).
    pub max_cells: u64,
    /// `IMPORT_MAX_CELL_BYTES`, default 32 KiB: UTF-8 bytes of one cell.
    pub max_cell_bytes: usize,
    /// `IMPORT_MAX_LINE_BYTES`, default 1 MiB: bytes of one CSV record (a line, or lines
    /// joined by a quoted line break).
    pub max_line_bytes: usize,
    /// `IMPORT_MAX_XLSX_PART_BYTES`, default 64 MiB: unpacked bytes of one part of an XLSX
    /// (a worksheet, the styles …), measured by unpacking, not taken from the header.
    pub max_xlsx_part_bytes: u64,
    /// `IMPORT_MAX_XLSX_UNPACKED_BYTES`, default 256 MiB: unpacked bytes of all parts.
    pub max_xlsx_unpacked_bytes: u64,
    /// `IMPORT_MAX_SHARED_STRINGS_BYTES`, default 16 MiB: unpacked bytes of the shared
    /// strings table, which a reader keeps whole in memory.
    pub max_shared_strings_bytes: u64,
    /// `IMPORT_MAX_REPORT_BYTES`, default 8 MiB: JSON bytes of the rows an import report
    /// lists; the rows past it are counted, not listed, and the report says so.
    pub max_report_bytes: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_rows: 50_000,
            max_columns: 200,
            max_cells: 1_000_000,
            max_cell_bytes: 32 << 10,
            max_line_bytes: 1 << 20,
            max_xlsx_part_bytes: 64 << 20,
            max_xlsx_unpacked_bytes: 256 << 20,
            max_shared_strings_bytes: 16 << 20,
            max_report_bytes: 8 << 20,
        }
    }
}

/// Parts (files) an XLSX may hold; a workbook has a dozen or two. Not configurable: it
/// bounds the zip directory read before anything else.
pub const MAX_XLSX_PARTS: usize = 1000;

/// Row numbers a possible-duplicate group or row lists; the rest are counted.
pub const DUPLICATE_ROWS_LISTED: usize = 20;

/// One bound of [`ImportLimits`] (or [`MAX_XLSX_PARTS`]): the catalogue's, which names
/// its environment variable and words its refusal.
pub use renda_openapi::messages::imports::FileBound as Limit;

/// Where a file crossed a bound (a row, a worksheet, an XLSX part …).
pub use renda_openapi::messages::imports::Place;

impl ImportLimits {
    /// The value of one bound.
    pub fn value(&self, limit: Limit) -> u64 {
        match limit {
            Limit::Rows => u64::from(self.max_rows),
            Limit::Columns => u64::from(self.max_columns),
            Limit::Cells => self.max_cells,
            Limit::CellBytes => self.max_cell_bytes as u64,
            Limit::LineBytes => self.max_line_bytes as u64,
            Limit::XlsxParts => MAX_XLSX_PARTS as u64,
            Limit::XlsxPartBytes => self.max_xlsx_part_bytes,
            Limit::XlsxUnpackedBytes => self.max_xlsx_unpacked_bytes,
            Limit::SharedStringsBytes => self.max_shared_strings_bytes,
        }
    }

    /// The 413 of a file over `limit`; `place` says where (a row, a worksheet …), when
    /// known.
    pub fn exceeded(&self, limit: Limit, place: Option<Place>) -> ApiError {
        let value = self.value(limit);
        ApiError::LimitExceeded {
            name: limit.variable(),
            value,
            message: ImportMessage::exceeded(limit, value, place).into(),
        }
    }
}
