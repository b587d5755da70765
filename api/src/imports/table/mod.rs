//! Reads an uploaded file (CSV, XLSX or JSON) into rows of text cells under a header, the
//! way offices lay out rosters: a title row or two above the header is allowed, CSV may
//! carry a BOM or be in GB18030 (what Excel writes on Chinese Windows), XLSX cells may
//! hold numbers and dates.
//!
//! Every reader is bounded by [`ImportLimits`]: it checks rows, columns, cells and bytes
//! while it reads and keeps nothing past a bound, so memory follows the file's size, not
//! what the file claims (see `limits`).

mod csv;
mod json;
mod xlsx;

use super::limits::{ImportLimits, Limit, Place};
use crate::error::ApiError;
use renda_openapi::messages::imports::{FileNote, Unreadable};
use renda_openapi::messages::ImportMessage;

/// Formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

impl Format {
    /// `csv`, `xlsx` or `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

/// A file read into text cells.
#[derive(Debug, Clone)]
pub struct Table {
    pub format: Format,
    /// Every row in file order with its 1-based row number as a spreadsheet shows it.
    pub rows: Vec<(u32, Vec<String>)>,
    /// Notes about the file itself (encoding guessed, sheet chosen).
    pub notes: Vec<FileNote>,
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Decides the format from the `Content-Type` and the first bytes.
///
/// Errors: 422 for an empty body; 415 for a legacy `.xls`, an unknown binary, or a type
/// that is not a spreadsheet.
pub fn detect(content_type: Option<&str>, body: &[u8]) -> Result<Format, ApiError> {
    if body.is_empty() {
        return Err(ApiError::invalid(
            "",
            ImportMessage::EmptyFile { workbook: false },
        ));
    }
    let mime = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let zip = body.starts_with(b"PK\x03\x04");
    let ole = body.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let first = body
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF));
    let not_spreadsheet = || {
        ApiError::UnsupportedMediaType(
            "无法识别的文件：请上传 CSV、XLSX（Excel 2007 及以后）或 JSON 文件。".into(),
        )
    };
    if ole {
        return Err(ApiError::UnsupportedMediaType(
            "这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后再上传。".into(),
        ));
    }
    match mime.as_str() {
        XLSX_MIME => return if zip { Ok(Format::Xlsx) } else { Err(not_spreadsheet()) },
        "application/json" => return Ok(Format::Json),
        "text/csv" | "application/csv" | "text/plain" | "text/tab-separated-values" => {
            return if zip || looks_binary(body) { Err(not_spreadsheet()) } else { Ok(Format::Csv) }
        }
        "multipart/form-data" => {
            return Err(ApiError::UnsupportedMediaType(
                "请直接以文件内容作为请求体上传（Content-Type 为 text/csv、XLSX 或 application/json），不要用 multipart/form-data。".into(),
            ))
        }
        "" | "application/octet-stream" | "application/x-www-form-urlencoded" => {}
        _ => return Err(not_spreadsheet()),
    }
    if zip {
        Ok(Format::Xlsx)
    } else if matches!(first, Some(b'[') | Some(b'{')) {
        Ok(Format::Json)
    } else if looks_binary(body) {
        Err(not_spreadsheet())
    } else {
        Ok(Format::Csv)
    }
}

/// Control bytes other than tab, CR and LF mean a binary file, not text.
fn looks_binary(body: &[u8]) -> bool {
    body.iter()
        .take(4096)
        .any(|&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
}

/// Reads the body in the given format, within `limits`.
///
/// Errors: 413 for a file over a bound (the bound's code, see [`Limit`]); 422 when the
/// file cannot be read as that format (with the reason); 400 for JSON that does not parse.
pub fn read(format: Format, body: &[u8], limits: &ImportLimits) -> Result<Table, ApiError> {
    match format {
        Format::Csv => csv::read(body, limits),
        Format::Xlsx => xlsx::read(body, limits),
        Format::Json => json::read(body, limits),
    }
}

fn unreadable(why: Unreadable) -> ApiError {
    ApiError::invalid("", ImportMessage::UnreadableFile(why))
}

/// Rows as a reader keeps them, checked against the bounds as each row comes in.
struct Rows<'a> {
    limits: &'a ImportLimits,
    rows: Vec<(u32, Vec<String>)>,
    cells: u64,
}

impl<'a> Rows<'a> {
    fn new(limits: &'a ImportLimits) -> Self {
        Rows {
            limits,
            rows: vec![],
            cells: 0,
        }
    }

    /// Checks a row's number (as the file shows it) against the row bound.
    fn check_row_number(&self, number: u32) -> Result<(), ApiError> {
        if number > self.limits.max_rows {
            return Err(self
                .limits
                .exceeded(Limit::Rows, Some(Place::Row { row: number })));
        }
        Ok(())
    }

    /// Checks a row's width (its cell count) against the column bound.
    fn check_width(&self, number: u32, width: usize) -> Result<(), ApiError> {
        if width as u64 > u64::from(self.limits.max_columns) {
            return Err(self.limits.exceeded(
                Limit::Columns,
                Some(Place::RowColumns {
                    row: number,
                    columns: width as u64,
                }),
            ));
        }
        Ok(())
    }

    /// Checks one cell's size.
    fn check_cell(&self, number: u32, cell: &str) -> Result<(), ApiError> {
        if cell.len() > self.limits.max_cell_bytes {
            return Err(self
                .limits
                .exceeded(Limit::CellBytes, Some(Place::Row { row: number })));
        }
        Ok(())
    }

    /// Counts `n` more cells kept.
    fn add_cells(&mut self, number: u32, n: usize) -> Result<(), ApiError> {
        self.cells += n as u64;
        if self.cells > self.limits.max_cells {
            return Err(self
                .limits
                .exceeded(Limit::Cells, Some(Place::ReadingRow { row: number })));
        }
        Ok(())
    }

    /// Keeps a row after checking its number, width, cells and the running totals.
    fn push(&mut self, number: u32, cells: Vec<String>) -> Result<(), ApiError> {
        if self.rows.len() as u64 >= u64::from(self.limits.max_rows) {
            return Err(self
                .limits
                .exceeded(Limit::Rows, Some(Place::Row { row: number })));
        }
        self.check_width(number, cells.len())?;
        for c in &cells {
            self.check_cell(number, c)?;
        }
        self.add_cells(number, cells.len())?;
        self.rows.push((number, cells));
        Ok(())
    }
}

#[cfg(test)]
mod tests;
