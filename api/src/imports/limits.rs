//! The bounds of one import file, and the refusal that names the bound a file crossed.
//!
//! Every reader checks these while it reads, before it keeps what it read: a file over a
//! bound is refused with 413 problem+json whose `type` ends with the bound's code
//! (`too_many_rows` …), whose `errors[0].code` is that code, whose message names the bound
//! and its value in Chinese, and whose `limit` member carries the environment variable and
//! the value. Nothing is written.

use crate::error::ApiError;

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

/// One bound of [`ImportLimits`] (or [`MAX_XLSX_PARTS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Rows,
    Columns,
    Cells,
    CellBytes,
    LineBytes,
    XlsxParts,
    XlsxPartBytes,
    XlsxUnpackedBytes,
    SharedStringsBytes,
}

impl Limit {
    /// The stable machine code of the refusal.
    pub fn code(self) -> &'static str {
        match self {
            Limit::Rows => "too_many_rows",
            Limit::Columns => "too_many_columns",
            Limit::Cells => "too_many_cells",
            Limit::CellBytes => "cell_too_long",
            Limit::LineBytes => "line_too_long",
            Limit::XlsxParts => "too_many_parts",
            Limit::XlsxPartBytes => "part_too_large",
            Limit::XlsxUnpackedBytes => "unpacked_too_large",
            Limit::SharedStringsBytes => "shared_strings_too_large",
        }
    }

    /// The environment variable that sets it (`MAX_XLSX_PARTS` names the constant).
    pub fn variable(self) -> &'static str {
        match self {
            Limit::Rows => "IMPORT_MAX_ROWS",
            Limit::Columns => "IMPORT_MAX_COLUMNS",
            Limit::Cells => "IMPORT_MAX_CELLS",
            Limit::CellBytes => "IMPORT_MAX_CELL_BYTES",
            Limit::LineBytes => "IMPORT_MAX_LINE_BYTES",
            Limit::XlsxParts => "MAX_XLSX_PARTS",
            Limit::XlsxPartBytes => "IMPORT_MAX_XLSX_PART_BYTES",
            Limit::XlsxUnpackedBytes => "IMPORT_MAX_XLSX_UNPACKED_BYTES",
            Limit::SharedStringsBytes => "IMPORT_MAX_SHARED_STRINGS_BYTES",
        }
    }

    /// What is bounded, in Chinese, with the value (`行数上限 50000 行`).
    fn describe(self, value: u64) -> String {
        match self {
            Limit::Rows => format!("行数上限 {value} 行"),
            Limit::Columns => format!("列数上限 {value} 列"),
            Limit::Cells => format!("单元格总数上限 {value} 个"),
            Limit::CellBytes => format!("单个单元格上限 {value} 字节"),
            Limit::LineBytes => format!("CSV 单行（一条记录）上限 {value} 字节"),
            Limit::XlsxParts => format!("XLSX 内部文件个数上限 {value} 个"),
            Limit::XlsxPartBytes => format!("XLSX 单个内部文件解压后上限 {value} 字节"),
            Limit::XlsxUnpackedBytes => format!("XLSX 解压后总大小上限 {value} 字节"),
            Limit::SharedStringsBytes => format!("XLSX 共享字符串表解压后上限 {value} 字节"),
        }
    }
}

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

    /// The 413 of a file over `limit`; `place` says where (`第 12 行`, `工作表“名册”`), or
    /// is empty.
    pub fn exceeded(&self, limit: Limit, place: &str) -> ApiError {
        let value = self.value(limit);
        let at = if place.is_empty() {
            String::new()
        } else {
            format!("（{place}）")
        };
        let message = format!(
            "文件超出{}{at}，未导入任何内容。请拆分文件后再上传，或请管理员调整 {}。",
            limit.describe(value),
            limit.variable()
        );
        ApiError::LimitExceeded {
            code: limit.code(),
            name: limit.variable(),
            value,
            message,
        }
    }
}
