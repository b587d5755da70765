//! A ballot sheet (计票表) into the duty reports of one activity: the file read by the
//! bounded table reader (`crate::imports::table`), one row per deputy, each row checked on
//! its own and reported by its row number.

use super::queries::{self, ActivityRef, ReportRow};
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::imports::upload::Upload;
use crate::schema::{deputies, duty_reports};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{BallotImportReport, BallotTally, FieldError, Message};
use std::collections::{HashMap, HashSet};

/// Most data rows in one sheet.
pub const MAX_ROWS: usize = 1000;

/// A column of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Name,
    Satisfied,
    Basically,
    Dissatisfied,
    Invalid,
    Valid,
}

/// Each column found: its index and its header as the sheet spells it.
type Columns = HashMap<Col, (usize, String)>;

/// The column a header names: Chinese as offices write it (with or without 票/数/（票）) or
/// English.
fn col_of(header: &str) -> Option<Col> {
    let h: String = header
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '（' | '）' | '(' | ')'))
        .collect::<String>()
        .to_lowercase();
    let h = h
        .trim_end_matches("张")
        .trim_end_matches("数")
        .trim_end_matches("票");
    Some(match h {
        "姓名" | "代表姓名" | "述职代表" | "name" => Col::Name,
        "满意" | "satisfied" => Col::Satisfied,
        "基本满意" | "basically_satisfied" => Col::Basically,
        "不满意" | "dissatisfied" => Col::Dissatisfied,
        "无效" | "invalid" => Col::Invalid,
        "有效" | "valid" => Col::Valid,
        _ => return None,
    })
}

fn row_error(row: u32, column: Option<&str>, message: impl Into<Message>) -> FieldError {
    let pointer = match column {
        Some(c) => format!("/rows/{row}/{c}"),
        None => format!("/rows/{row}"),
    };
    FieldError::from_message(&pointer, &message.into())
}

/// A count cell: empty is 0; a whole number (`12`, `12.0`) from 0 up.
fn count(cell: &str) -> Option<u32> {
    let c = cell.trim();
    if c.is_empty() {
        return Some(0);
    }
    c.parse::<u32>().ok().or_else(|| {
        let f: f64 = c.parse().ok()?;
        (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u32)
    })
}

/// The sheet's header: its position among the first 10 rows, and the column of each kind.
fn header(rows: &[(u32, Vec<String>)]) -> Result<(usize, Columns), ApiError> {
    let at = rows
        .iter()
        .take(10)
        .position(|(_, cells)| {
            let cols: HashSet<Col> = cells.iter().filter_map(|c| col_of(c)).collect();
            [Col::Name, Col::Satisfied, Col::Basically, Col::Dissatisfied]
                .iter()
                .all(|c| cols.contains(c))
        })
        .ok_or_else(|| {
            ApiError::field(
                "",
                "missing_header",
                "文件前 10 行中没有找到表头：计票表须有“姓名”“满意”“基本满意”“不满意”列（“无效”“有效”可选）。",
            )
        })?;
    let mut cols = HashMap::new();
    for (i, h) in rows[at].1.iter().enumerate() {
        if let Some(c) = col_of(h) {
            cols.entry(c).or_insert((i, h.trim().to_string()));
        }
    }
    Ok((at, cols))
}

/// One data row read: the name and the tally, or the row's error.
fn read_row(
    number: u32,
    cells: &[String],
    cols: &Columns,
) -> Result<(String, BallotTally, Option<u32>), FieldError> {
    let cell = |c: Col| {
        cols.get(&c)
            .and_then(|(i, _)| cells.get(*i))
            .map(|s| s.trim())
    };
    let name = cell(Col::Name).unwrap_or("").to_string();
    if name.is_empty() {
        return Err(row_error(number, Some("姓名"), CommonMessage::Required));
    }
    let n = |c: Col| -> Result<u32, FieldError> {
        let head = cols.get(&c).map(|(_, h)| h.as_str());
        count(cell(c).unwrap_or(""))
            .ok_or_else(|| row_error(number, head, CommonMessage::InvalidValue))
    };
    let tally = BallotTally {
        satisfied: n(Col::Satisfied)?,
        basically_satisfied: n(Col::Basically)?,
        dissatisfied: n(Col::Dissatisfied)?,
        invalid: n(Col::Invalid)?,
    };
    let valid = match cell(Col::Valid) {
        Some(v) if !v.is_empty() => Some(n(Col::Valid)?),
        _ => None,
    };
    Ok((name, tally, valid))
}

/// Imports the sheet into the reports of `activity`; `dry_run` writes nothing.
///
/// Errors: 415/413/422 for a file that cannot be read or is over a bound; 422
/// `missing_header`, `no_rows`, `too_many_rows` (over 1,000).
pub fn run(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRef,
    upload: Upload,
    dry_run: bool,
) -> Result<BallotImportReport, ApiError> {
    let (_, table) = upload.table()?;
    // The cells are read: the file's bytes are freed, its import slot kept until the end.
    let _slot = upload.into_slot();
    let (at, cols) = header(&table.rows)?;
    let data: Vec<&(u32, Vec<String>)> = table
        .rows
        .iter()
        .skip(at + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if data.is_empty() {
        return Err(ApiError::field(
            "",
            "no_rows",
            "文件中只有表头，没有数据行。",
        ));
    }
    if data.len() > MAX_ROWS {
        return Err(ApiError::field(
            "",
            "too_many_rows",
            format!("计票表最多 {MAX_ROWS} 行。"),
        ));
    }
    // The reports at the activity, by the deputy's name (namesakes: none matches).
    let reports: Vec<(ReportRow, String)> = duty_reports::table
        .inner_join(deputies::table)
        .filter(duty_reports::activity_id.eq(activity.id))
        .for_update()
        .select((ReportRow::as_select(), deputies::name))
        .load(conn)?;
    let mut by_name: HashMap<String, Vec<ReportRow>> = HashMap::new();
    for (r, name) in reports {
        by_name.entry(name.trim().to_string()).or_default().push(r);
    }
    let mut report = BallotImportReport {
        dry_run,
        rows: data.len() as u32,
        updated: 0,
        errors: vec![],
    };
    let mut seen: HashSet<String> = HashSet::new();
    for (number, cells) in data {
        let (name, tally, valid) = match read_row(*number, cells, &cols) {
            Ok(r) => r,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        let row = match by_name.get(&name).map(Vec::as_slice) {
            Some([only]) => only.clone(),
            _ => {
                report.errors.push(row_error(
                    *number,
                    Some("姓名"),
                    M::NotReportedHere { name },
                ));
                continue;
            }
        };
        if !seen.insert(name) {
            report
                .errors
                .push(row_error(*number, Some("姓名"), CommonMessage::Duplicate));
            continue;
        }
        let audience = u32::try_from(row.audience).unwrap_or(0);
        if let Err(m) = tally.check(audience, valid) {
            report.errors.push(row_error(*number, None, m));
            continue;
        }
        if !dry_run {
            let before = queries::to_wire(conn, vec![row.clone()])?;
            let updated = queries::set_ballots(conn, &row, tally)?;
            let after = queries::to_wire(conn, vec![updated])?;
            if let (Some(after), before) = (after.first(), before.first()) {
                super::audit(conn, user, "import", before, after)?;
            }
        }
        report.updated += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_as_offices_write_them() {
        assert_eq!(col_of(" 满意票 "), Some(Col::Satisfied));
        assert_eq!(col_of("基本满意（票）"), Some(Col::Basically));
        assert_eq!(col_of("不满意票数"), Some(Col::Dissatisfied));
        assert_eq!(col_of("无效票"), Some(Col::Invalid));
        assert_eq!(col_of("代表姓名"), Some(Col::Name));
        assert_eq!(col_of("满意率"), None);
    }

    #[test]
    fn counts_are_whole_numbers_from_zero() {
        assert_eq!(count(""), Some(0));
        assert_eq!(count("12"), Some(12));
        assert_eq!(count("12.0"), Some(12));
        assert_eq!(count("12.5"), None);
        assert_eq!(count("-1"), None);
        assert_eq!(count("十二"), None);
    }
}
