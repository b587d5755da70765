//! CSV (comma- or tab-separated, UTF-8 with or without BOM, or GB18030) read with
//! `csv-core` into buffers of fixed size: a record longer than `IMPORT_MAX_LINE_BYTES` or
//! with more fields than `IMPORT_MAX_COLUMNS` stops the reader where it stands, before
//! anything of it is kept.

use super::{unreadable, Format, Rows, Table};
use crate::error::ApiError;
use crate::imports::limits::{ImportLimits, Limit, Place};
use csv_core::{ReadRecordResult, ReaderBuilder};
use renda_openapi::messages::imports::{FileNote, Unreadable};

/// Reads a CSV body. Row numbers are the file's line numbers.
///
/// Errors: 413 over a bound; 422 for text that is neither UTF-8 nor GB18030.
pub fn read(body: &[u8], limits: &ImportLimits) -> Result<Table, ApiError> {
    let mut notes = vec![];
    let body = body
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(body);
    let text: std::borrow::Cow<str> = match std::str::from_utf8(body) {
        Ok(s) => s.into(),
        Err(_) => {
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(body);
            if had_errors {
                return Err(unreadable(Unreadable::Encoding));
            }
            notes.push(FileNote::Gb18030);
            decoded.into_owned().into()
        }
    };
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let rows = records(text.as_bytes(), delimiter, limits)?;
    Ok(Table {
        format: Format::Csv,
        rows,
        notes,
    })
}

/// Splits `bytes` into records of text cells with their line numbers.
fn records(
    bytes: &[u8],
    delimiter: u8,
    limits: &ImportLimits,
) -> Result<Vec<(u32, Vec<String>)>, ApiError> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    // A record never holds more bytes than the file: a small file gets a small buffer.
    let mut out = vec![0u8; limits.max_line_bytes.min(bytes.len() + 1)];
    let mut ends = vec![0usize; limits.max_columns as usize + 1];
    let mut rows = Rows::new(limits);
    // A record's row number is its first byte's line: the reader skips the line breaks
    // before a record (blank lines, the LF of a CRLF), so they are skipped here too.
    let (mut line, mut seen) = (1u32, 0usize);
    let mut line_at = |start: usize| {
        let first = start
            + bytes[start..]
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
        line += bytes[seen..first].iter().filter(|b| **b == b'\n').count() as u32;
        seen = first;
        line
    };
    let mut pos = 0;
    loop {
        let start = pos;
        let (mut outlen, mut endlen) = (0, 0);
        let result = loop {
            let (res, nin, nout, nend) =
                reader.read_record(&bytes[pos..], &mut out[outlen..], &mut ends[endlen..]);
            pos += nin;
            outlen += nout;
            endlen += nend;
            // All the input is given at once; the empty slice of the next call says it ended.
            if !matches!(res, ReadRecordResult::InputEmpty) {
                break res;
            }
        };
        match result {
            ReadRecordResult::Record => {}
            ReadRecordResult::End => break,
            ReadRecordResult::OutputFull => {
                let at = line_at(start);
                return Err(limits.exceeded(Limit::LineBytes, Some(Place::Row { row: at })));
            }
            ReadRecordResult::OutputEndsFull => {
                let at = line_at(start);
                return Err(limits.exceeded(Limit::Columns, Some(Place::Row { row: at })));
            }
            ReadRecordResult::InputEmpty => unreachable!("the input's end was signalled"),
        }
        let at = line_at(start);
        let mut cells = Vec::with_capacity(endlen);
        let mut from = 0;
        for &end in &ends[..endlen] {
            let field = &out[from..end.min(outlen)];
            from = end;
            if field.len() > limits.max_cell_bytes {
                return Err(limits.exceeded(Limit::CellBytes, Some(Place::Row { row: at })));
            }
            cells.push(String::from_utf8_lossy(field).into_owned());
        }
        rows.push(at, cells)?;
    }
    Ok(rows.rows)
}
