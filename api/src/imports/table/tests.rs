//! Property tests of the readers (a bounded fuzz run: a fixed number of cases, so CI runs
//! them in seconds): any bytes give an answer, never a panic, and whatever a reader keeps
//! is within the bounds; a table written by a CSV or XLSX writer reads back as written.

use super::*;
use proptest::prelude::*;

/// Small bounds, so generated files cross them often.
fn small() -> ImportLimits {
    ImportLimits {
        max_rows: 20,
        max_columns: 8,
        max_cells: 60,
        max_cell_bytes: 24,
        max_line_bytes: 96,
        max_xlsx_part_bytes: 1 << 16,
        max_xlsx_unpacked_bytes: 1 << 18,
        max_shared_strings_bytes: 1 << 12,
        max_report_bytes: 1 << 16,
    }
}

/// What a reader kept is within `limits`.
fn within(table: &Table, limits: &ImportLimits) {
    assert!(table.rows.len() <= limits.max_rows as usize);
    let mut cells = 0;
    for (_, row) in &table.rows {
        assert!(row.len() <= limits.max_columns as usize);
        cells += row.len() as u64;
        for c in row {
            assert!(c.len() <= limits.max_cell_bytes);
        }
    }
    assert!(cells <= limits.max_cells);
}

/// An answer is a table within the bounds, or a refusal with a status the API documents.
fn answered(result: Result<Table, ApiError>, limits: &ImportLimits) {
    match result {
        Ok(table) => within(&table, limits),
        Err(e) => assert!([400, 413, 415, 422].contains(&e.problem().status), "{e:?}"),
    }
}

fn cell_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z张王,\"\t\n 1-9]{0,10}").unwrap()
}

fn grid() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(cell_text(), 1..6), 1..12)
}

/// The rows a spreadsheet keeps of `grid`: each up to its last non-empty cell, rows with
/// none left out.
fn kept(grid: &[Vec<String>]) -> Vec<Vec<String>> {
    grid.iter()
        .map(|r| {
            let n = r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            r[..n].to_vec()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn csv_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let limits = small();
        answered(csv::read(&bytes, &limits), &limits);
    }

    #[test]
    fn csv_any_text(text in "[a-z,\"\t\r\n张]{0,400}") {
        let limits = small();
        answered(csv::read(text.as_bytes(), &limits), &limits);
    }

    #[test]
    fn json_any_text(text in "[\\[\\]{}:,\"a1 n\\\\]{0,300}") {
        let limits = small();
        answered(json::read(text.as_bytes(), &limits), &limits);
    }

    #[test]
    fn csv_reads_back_what_a_writer_wrote(grid in grid()) {
        let mut w = ::csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
        for row in &grid {
            w.write_record(row).unwrap();
        }
        let body = w.into_inner().unwrap();
        // The delimiter is guessed from the first line: keep it a comma.
        prop_assume!(!grid[0].iter().any(|c| c.contains('\t')));
        let limits = ImportLimits::default();
        let table = csv::read(&body, &limits).unwrap();
        let read: Vec<Vec<String>> = table.rows.into_iter().map(|(_, r)| r).collect();
        prop_assert_eq!(read, grid);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn xlsx_reads_back_what_a_writer_wrote(grid in grid()) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in grid.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    sheet.write_string(r as u32, c as u16, text).unwrap();
                }
            }
        }
        let body = book.save_to_buffer().unwrap();
        let expected = kept(&grid);
        prop_assume!(!expected.is_empty());
        let table = xlsx::read(&body, &ImportLimits::default()).unwrap();
        let read: Vec<Vec<String>> = table.rows.into_iter().map(|(_, r)| r).collect();
        prop_assert_eq!(read, expected);
    }

    #[test]
    fn xlsx_damaged_anywhere(grid in grid(), cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), truncate in any::<prop::sample::Index>()) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in grid.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, text).unwrap();
            }
        }
        let mut body = book.save_to_buffer().unwrap();
        for (at, byte) in cuts {
            let i = at.index(body.len());
            body[i] = byte;
        }
        let keep = truncate.index(body.len()).max(body.len() / 2);
        body.truncate(keep);
        let limits = small();
        answered(xlsx::read(&body, &limits), &limits);
    }
}

#[test]
fn csv_row_numbers_follow_the_file_after_crlf_and_blank_lines() {
    let body = "标题\r\n\r\n姓名,性别\r\n张三,男\r\n\r\n李四,女\r\n\"王\n五\",男\n";
    let table = csv::read(body.as_bytes(), &ImportLimits::default()).unwrap();
    let numbers: Vec<u32> = table.rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, vec![1, 3, 4, 6, 7]);
    assert_eq!(table.rows[4].1[0], "王\n五");
}

#[test]
fn each_bound_has_its_own_refusal() {
    let limits = small();
    let code = |r: Result<Table, ApiError>| r.unwrap_err().problem().errors[0].code.clone();
    assert_eq!(
        code(csv::read(&b"a\n".repeat(30), &limits)),
        "too_many_rows"
    );
    assert_eq!(
        code(csv::read(&b",".repeat(50), &limits)),
        "too_many_columns"
    );
    assert_eq!(
        code(csv::read(&b"a,b,c,d,e,f\n".repeat(15), &limits)),
        "too_many_cells"
    );
    assert_eq!(code(csv::read(&b"x".repeat(50), &limits)), "cell_too_long");
    assert_eq!(
        code(csv::read(&b"x,".repeat(40), &limits)),
        "too_many_columns"
    );
    let long = format!("\"{}\"", "ab\n".repeat(40));
    assert_eq!(code(csv::read(long.as_bytes(), &limits)), "line_too_long");
    let p = csv::read(&b"a\n".repeat(30), &limits)
        .unwrap_err()
        .problem();
    assert_eq!(p.status, 413);
    let l = p.limit.unwrap();
    assert_eq!((l.name.as_str(), l.value), ("IMPORT_MAX_ROWS", 20));
}
