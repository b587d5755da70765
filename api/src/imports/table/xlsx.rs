//! XLSX read cell by cell (calamine's streaming cell reader), after the zip itself is
//! checked: the number of parts, and each part's unpacked size measured by unpacking it
//! into nothing, never trusted from its header. The sheet's declared dimension and each
//! cell's position are checked before a cell is kept, and only the cells that hold a value
//! are kept: a cell at XFD1048576 costs one refusal, not a 16384 × 1048576 grid.

use super::{unreadable, Format, Rows, Table};
use crate::error::ApiError;
use crate::imports::limits::{ImportLimits, Limit, Place, MAX_XLSX_PARTS};
use calamine::{Data, DataRef, Reader, Xlsx};
use renda_openapi::messages::imports::{FileNote, Unreadable};
use renda_openapi::messages::ImportMessage;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Reads the first sheet that has content. Row numbers are the sheet's.
///
/// Errors: 413 over a bound; 422 for a file that is not a readable workbook, or has no
/// content.
pub fn read(body: &[u8], limits: &ImportLimits) -> Result<Table, ApiError> {
    check_parts(body, limits)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body))
        .map_err(|_| unreadable(Unreadable::Xlsx))?;
    let names = book.sheet_names();
    let mut notes = vec![];
    for (i, name) in names.iter().enumerate() {
        let rows = read_sheet(&mut book, name, limits)?;
        if rows.is_empty() {
            continue;
        }
        if names.len() > 1 {
            notes.push(FileNote::Sheet {
                index: i as u32 + 1,
                sheet: name.clone(),
            });
        }
        return Ok(Table {
            format: Format::Xlsx,
            rows,
            notes,
        });
    }
    Err(ApiError::invalid(
        "",
        ImportMessage::EmptyFile { workbook: true },
    ))
}

/// The zip's parts: at most [`MAX_XLSX_PARTS`], each no larger unpacked than its bound,
/// all together no larger than theirs. Unpacking into nothing costs time bounded by the
/// total, and no memory.
fn check_parts(body: &[u8], limits: &ImportLimits) -> Result<(), ApiError> {
    // Central-directory entries, counted before the zip reader builds its index of them.
    let entries = body.windows(4).filter(|w| w == b"PK\x01\x02").count();
    if entries > MAX_XLSX_PARTS {
        return Err(limits.exceeded(
            Limit::XlsxParts,
            Some(Place::Parts {
                count: entries as u64,
            }),
        ));
    }
    let broken = || unreadable(Unreadable::Xlsx);
    let mut zip = zip::ZipArchive::new(Cursor::new(body)).map_err(|_| broken())?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| broken())?;
        let name = part.name().to_string();
        let (limit, bound) = if name.to_ascii_lowercase().contains("sharedstrings") {
            (Limit::SharedStringsBytes, limits.max_shared_strings_bytes)
        } else {
            (Limit::XlsxPartBytes, limits.max_xlsx_part_bytes)
        };
        let place = || Some(Place::Part { part: name.clone() });
        if part.size() > bound {
            return Err(limits.exceeded(limit, place()));
        }
        let unpacked = std::io::copy(&mut (&mut part).take(bound + 1), &mut std::io::sink())
            .map_err(|_| broken())?;
        if unpacked > bound {
            return Err(limits.exceeded(limit, place()));
        }
        total += unpacked;
        if total > limits.max_xlsx_unpacked_bytes {
            return Err(limits.exceeded(Limit::XlsxUnpackedBytes, place()));
        }
    }
    Ok(())
}

/// The rows of one sheet that hold a value, each up to its last value.
fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &ImportLimits,
) -> Result<Vec<(u32, Vec<String>)>, ApiError> {
    let sheet_error = || {
        unreadable(Unreadable::Sheet {
            sheet: name.to_string(),
        })
    };
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|_| sheet_error())?;
    let mut kept = Rows::new(limits);
    let declared = cells.dimensions();
    let place = || {
        Some(Place::SheetRange {
            sheet: name.to_string(),
        })
    };
    kept.check_row_number(declared.end.0.saturating_add(1))
        .map_err(|_| limits.exceeded(Limit::Rows, place()))?;
    kept.check_width(0, declared.end.1 as usize + 1)
        .map_err(|_| limits.exceeded(Limit::Columns, place()))?;
    // Rows by number: a sheet may list them out of order.
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|_| sheet_error())? {
        let (r, c) = cell.get_position();
        let value: DataRef = cell.get_value().clone();
        let text = cell_text(&Data::from(value));
        if text.is_empty() {
            continue;
        }
        let number = r.saturating_add(1);
        kept.check_row_number(number)?;
        kept.check_width(number, c as usize + 1)?;
        kept.check_cell(number, &text)?;
        let row = rows.entry(number).or_default();
        if row.len() <= c as usize {
            let grown = c as usize + 1 - row.len();
            kept.add_cells(number, grown)?;
            row.resize(c as usize + 1, String::new());
        }
        row[c as usize] = text;
    }
    Ok(rows.into_iter().collect())
}
/// Text of an XLSX cell: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => {
            if *b {
                "是".into()
            } else {
                "否".into()
            }
        }
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(_) => String::new(),
    }
}
