//! Import of a sign-in sheet (签到表) as CSV, XLSX or JSON into an activity's attendance.
//!
//! The file is read with the roster import's reader (`imports::table`: title rows, BOM,
//! GB18030, XLSX numbers and dates). Its header names the invitee and how they attended;
//! the rows become attendance entries applied exactly like a bulk request
//! ([`super::queries::record_batch`]), so every rule (leave approved before the start, no
//! suspended deputy present, DL 62 flags) holds for imports too. A dry run applies
//! everything inside a savepoint, reports, and rolls back.

use super::queries;
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::imports::report::{Budget, Duplicates};
use crate::imports::table::Table;
use crate::imports::upload::Upload;
use crate::meetings::models::ActivityRow;
use crate::meetings::shared::congress_tz;
use crate::schema::{attendances, deputies, mandates};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use renda_openapi::messages::imports::{Ambiguous, MissingHeader, RequiredCell, RowsBound};
use renda_openapi::messages::ImportMessage as I;
use renda_openapi::{
    AttendanceBatchReport, AttendanceEntry, AttendanceStatus, CellMessage, ImportReport,
    ImportSummary, RowOutcome, RowReport,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The columns a sign-in sheet may have, with the headers accepted for each (compared
/// without spaces, case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    ExternalId,
    Certificate,
    Status,
    CheckIn,
    Note,
}

const HEADERS: [(Col, &[&str]); 6] = [
    (Col::Name, &["姓名", "代表姓名", "name"]),
    (Col::ExternalId, &["外部编号", "代表编号", "external_id"]),
    (
        Col::Certificate,
        &["代表证号", "代表证编号", "certificate_number"],
    ),
    (
        Col::Status,
        &[
            "出席情况",
            "签到",
            "签到情况",
            "出席",
            "状态",
            "attendance",
            "status",
        ],
    ),
    (
        Col::CheckIn,
        &["签到时间", "到会时间", "checked_in_at", "check_in"],
    ),
    (Col::Note, &["备注", "说明", "note", "notes"]),
];

fn col_of(header: &str) -> Option<Col> {
    let key: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(c, _)| *c)
}

/// Reads a status cell: 出席/√/已签到 → present, 迟到 → late, 请假 → on_leave,
/// 缺席/未到/× → absent (English codes too).
pub fn parse_status(cell: &str) -> Option<AttendanceStatus> {
    let v = cell.trim().to_lowercase();
    match v.as_str() {
        "出席" | "到" | "已到" | "到会" | "签到" | "已签到" | "√" | "✓" | "✔" | "是"
        | "present" => Some(AttendanceStatus::Present),
        "迟到" | "late" => Some(AttendanceStatus::Late),
        "请假" | "已请假" | "on_leave" | "leave" => Some(AttendanceStatus::OnLeave),
        "缺席" | "未到" | "未出席" | "×" | "✗" | "否" | "absent" => {
            Some(AttendanceStatus::Absent)
        }
        _ => None,
    }
}

/// Reads a check-in time: RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` or `HH:MM` in the
/// congress's time zone (a bare time is on the activity's date).
fn parse_time(cell: &str, tz: chrono_tz::Tz, day: NaiveDate) -> Option<DateTime<Utc>> {
    let v = cell.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
        .or_else(|| {
            ["%H:%M:%S", "%H:%M"]
                .iter()
                .find_map(|f| chrono::NaiveTime::parse_from_str(v, f).ok())
                .map(|t| day.and_time(t))
        })?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A message about a cell (`column`) or the whole row, from the catalogue.
fn msg(column: Option<&str>, message: I) -> CellMessage {
    CellMessage::from_message(column.map(str::to_string), &message.into())
}

/// Imports a sign-in sheet into `activity`. `dry_run` reports without writing.
///
/// Errors: 415/422 for a file that cannot be read; 422 when no header names 姓名 and a
/// status column, or the file has more than 1,000 rows; 409 for a cancelled or archived
/// activity or a recurring series.
pub fn import(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    upload: Upload,
    dry_run: bool,
) -> Result<ImportReport, ApiError> {
    let (format, Table { rows, notes, .. }) = upload.table()?;
    let report_bytes = upload.limits.max_report_bytes;
    // The cells are read: the file's bytes are freed, its import slot kept until the end.
    let _slot = upload.into_slot();
    let mut file_warnings: Vec<CellMessage> = notes
        .into_iter()
        .map(|n| msg(None, I::FileNote(n)))
        .collect();
    let sheet = Sheet::read(rows, &mut file_warnings)?;
    let invitees = Invitees::load(conn, activity)?;
    let tz = congress_tz(conn, activity.congress_id)?;
    let day = crate::meetings::models::local_date(activity.starts_at, tz);
    let mut reports: Vec<RowReport> = vec![];
    let mut entries: Vec<AttendanceEntry> = vec![];
    let mut entry_rows: Vec<usize> = vec![];
    for (row_no, cells) in &sheet.data {
        let (report, entry) = sheet.read_row(&invitees, activity, *row_no, cells, (tz, day));
        if let Some(entry) = entry {
            entry_rows.push(reports.len());
            entries.push(entry);
        }
        reports.push(report);
    }
    let dups = invitees.duplicates(&mut reports, &entries, &entry_rows);
    let before: HashMap<Uuid, String> = attendances::table
        .filter(attendances::activity_id.eq(activity.id))
        .filter(attendances::deputy_id.is_not_null())
        .select((
            attendances::deputy_id.assume_not_null(),
            attendances::status,
        ))
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .collect();
    if !entries.is_empty() {
        let batch = record(conn, user, activity, &entries, dry_run)?;
        merge(&mut reports, &entry_rows, batch, &before);
    }
    let summary = summarise(&reports);
    let mut budget = Budget::new(report_bytes, &dups.groups);
    reports.retain(|r| budget.admit(r));
    Ok(ImportReport {
        dry_run,
        applied: !dry_run && summary.update + summary.unchanged > 0,
        format: format.as_str().into(),
        columns: sheet.columns(),
        created_units: vec![],
        file_warnings,
        summary,
        rows: reports,
        duplicate_groups: dups.groups,
        truncated: budget.truncated(),
        rows_omitted: budget.omitted,
    })
}

/// The sheet as read: its recognised columns (index, column, header as written) and its
/// non-blank data rows (row number, cells).
struct Sheet {
    header: Vec<(usize, Col, String)>,
    data: Vec<(u32, Vec<String>)>,
}

impl Sheet {
    /// Finds the header in the first 10 rows (title rows above it skipped, with a
    /// warning) and keeps the data rows below it.
    ///
    /// Errors: 422 without a header naming 姓名 and a status or time column, without data
    /// rows, or with more than [`queries::MAX_BATCH`] of them.
    fn read(
        rows: Vec<(u32, Vec<String>)>,
        file_warnings: &mut Vec<CellMessage>,
    ) -> Result<Sheet, ApiError> {
        let header_at = rows
            .iter()
            .take(10)
            .position(|(_, cells)| {
                cells.iter().any(|c| col_of(c) == Some(Col::Name))
                    && cells
                        .iter()
                        .any(|c| col_of(c) == Some(Col::Status) || col_of(c) == Some(Col::CheckIn))
            })
            .ok_or_else(|| ApiError::invalid("", I::MissingHeader(MissingHeader::SignIn)))?;
        if header_at > 0 {
            file_warnings.push(msg(
                None,
                I::TitleRowsSkipped {
                    header_row: rows[header_at].0,
                    rows: header_at as u32,
                },
            ));
        }
        let header: Vec<(usize, Col, String)> = rows[header_at]
            .1
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some((i, col_of(h)?, h.trim().to_string())))
            .collect();
        let data: Vec<(u32, Vec<String>)> = rows
            .into_iter()
            .skip(header_at + 1)
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        if data.is_empty() {
            return Err(ApiError::invalid("", I::NoRows));
        }
        if data.len() > queries::MAX_BATCH {
            let max = queries::MAX_BATCH as u32;
            return Err(ApiError::invalid(
                "",
                I::TooManyRows(RowsBound::SignInSheet { max }),
            ));
        }
        Ok(Sheet { header, data })
    }

    /// A row's cell of column `c`, trimmed (empty without that column), with the header
    /// it stands under.
    fn cell(&self, row: &[String], c: Col) -> (String, Option<String>) {
        self.header
            .iter()
            .find(|(_, col, _)| *col == c)
            .map(|(i, _, h)| {
                (
                    row.get(*i)
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default(),
                    Some(h.clone()),
                )
            })
            .unwrap_or_default()
    }

    /// Reads one data row: its report and, when it is fit to record, its attendance
    /// entry. Times are read in the congress's time zone on the activity's day.
    fn read_row(
        &self,
        invitees: &Invitees,
        activity: &ActivityRow,
        row: u32,
        cells: &[String],
        (tz, day): (chrono_tz::Tz, NaiveDate),
    ) -> (RowReport, Option<AttendanceEntry>) {
        let (name, name_h) = self.cell(cells, Col::Name);
        let mut report = RowReport {
            row,
            outcome: RowOutcome::Error,
            name: Some(name.clone()).filter(|n| !n.is_empty()),
            delegation: None,
            deputy_id: None,
            matched_by: None,
            changes: vec![],
            errors: vec![],
            warnings: vec![],
            possible_duplicate_rows: vec![],
            possible_duplicates_more: 0,
            duplicate_group: None,
        };
        let (ext, _) = self.cell(cells, Col::ExternalId);
        let (cert, _) = self.cell(cells, Col::Certificate);
        let deputy = invitees.find(&mut report, (&name, name_h.as_deref()), &ext, &cert);
        let (status_text, status_h) = self.cell(cells, Col::Status);
        let (time_text, time_h) = self.cell(cells, Col::CheckIn);
        let status = status_of(&mut report, activity, (&status_text, status_h), &time_text);
        let checked_in = if time_text.is_empty() {
            None
        } else {
            let t = parse_time(&time_text, tz, day);
            if t.is_none() {
                report.warnings.push(msg(
                    time_h.as_deref(),
                    I::InvalidTime {
                        value: time_text.clone(),
                    },
                ));
            }
            t
        };
        let (note, _) = self.cell(cells, Col::Note);
        report.deputy_id = deputy;
        let entry = match (deputy, status, report.errors.is_empty()) {
            (Some(d), Some(s), true) => Some(AttendanceEntry {
                deputy_id: Some(d),
                attendance_id: None,
                status: s,
                checked_in_at: checked_in,
                note: Some(note).filter(|n| !n.is_empty()),
                version: None,
            }),
            _ => None,
        };
        (report, entry)
    }

    /// The columns recognised, as `header → field`.
    fn columns(&self) -> Vec<String> {
        self.header
            .iter()
            .map(|(_, c, h)| {
                let field = match c {
                    Col::Name => "name",
                    Col::ExternalId => "external_id",
                    Col::Certificate => "certificate_number",
                    Col::Status => "status",
                    Col::CheckIn => "checked_in_at",
                    Col::Note => "note",
                };
                format!("{h} → {field}")
            })
            .collect()
    }
}

/// The status of a row: as written, or present with only a sign-in time. A row with
/// neither is someone who did not sign, i.e. absent once the activity has started
/// (approved leave is still respected: the attendance rules refuse `absent` over it).
/// An unreadable status is an error of the row.
fn status_of(
    report: &mut RowReport,
    activity: &ActivityRow,
    (status_text, status_h): (&str, Option<String>),
    time_text: &str,
) -> Option<AttendanceStatus> {
    let started = activity.starts_at <= Utc::now();
    let status = match (status_text.is_empty(), time_text.is_empty()) {
        (true, false) => Some(AttendanceStatus::Present),
        (true, true) if started => {
            report.warnings.push(msg(status_h.as_deref(), I::NotSigned));
            Some(AttendanceStatus::Absent)
        }
        (true, true) => None,
        (false, _) => parse_status(status_text),
    };
    if status.is_none() {
        report.errors.push(msg(
            status_h.as_deref(),
            I::InvalidStatus {
                value: status_text.to_string(),
            },
        ));
    }
    status
}

/// The deputies invited to the activity: (id, name, external id), and their certificate
/// numbers.
struct Invitees {
    invited: Vec<(Uuid, String, Option<String>)>,
    certificates: HashMap<String, Uuid>,
}

impl Invitees {
    fn load(conn: &mut PgConnection, activity: &ActivityRow) -> QueryResult<Invitees> {
        let invited: Vec<(Uuid, String, Option<String>)> = attendances::table
            .inner_join(deputies::table)
            .filter(attendances::activity_id.eq(activity.id))
            .select((deputies::id, deputies::name, deputies::external_id))
            .load(conn)?;
        let ids: Vec<Uuid> = invited.iter().map(|i| i.0).collect();
        let certificates: HashMap<String, Uuid> = mandates::table
            .filter(mandates::deputy_id.eq_any(&ids))
            .filter(mandates::certificate_number.is_not_null())
            .select((mandates::certificate_number, mandates::deputy_id))
            .load::<(Option<String>, Uuid)>(conn)?
            .into_iter()
            .filter_map(|(c, d)| Some((c?, d)))
            .collect();
        Ok(Invitees {
            invited,
            certificates,
        })
    }

    /// The invitee a row names: by external id, else certificate number, else a name
    /// unique among the invitees. An ambiguous or unknown name is an error of the row.
    fn find(
        &self,
        report: &mut RowReport,
        (name, name_h): (&str, Option<&str>),
        ext: &str,
        cert: &str,
    ) -> Option<Uuid> {
        let deputy = if !ext.is_empty() {
            let found = self.invited.iter().find(|i| i.2.as_deref() == Some(ext));
            report.matched_by = Some(renda_openapi::MatchedBy::ExternalId);
            found.map(|i| i.0)
        } else if let Some(d) = self.certificates.get(cert).filter(|_| !cert.is_empty()) {
            Some(*d)
        } else {
            let same: Vec<&(Uuid, String, Option<String>)> =
                self.invited.iter().filter(|i| i.1 == name).collect();
            report.matched_by = Some(renda_openapi::MatchedBy::NameAndDelegation);
            match same.len() {
                1 => Some(same[0].0),
                0 => None,
                _ => {
                    report.errors.push(msg(
                        name_h,
                        I::AmbiguousMatch(Ambiguous::Invited {
                            count: same.len() as u32,
                            name: name.to_string(),
                        }),
                    ));
                    None
                }
            }
        };
        if deputy.is_none() && report.errors.is_empty() {
            report.errors.push(msg(
                name_h,
                if name.is_empty() {
                    I::Required(RequiredCell::SignInName)
                } else {
                    I::NotInvited {
                        name: name.to_string(),
                    }
                },
            ));
        }
        deputy
    }

    /// Rows naming the same deputy more than once: the last wins; all are flagged, the
    /// group reported once.
    fn duplicates(
        &self,
        reports: &mut [RowReport],
        entries: &[AttendanceEntry],
        entry_rows: &[usize],
    ) -> Duplicates {
        let mut deputy_of: Vec<Option<Uuid>> = vec![None; reports.len()];
        for (k, e) in entries.iter().enumerate() {
            deputy_of[entry_rows[k]] = e.deputy_id;
        }
        let names: HashMap<Uuid, &str> = self.invited.iter().map(|i| (i.0, i.1.as_str())).collect();
        let dups = Duplicates::group(
            reports.iter().zip(&deputy_of).map(|(r, d)| (r.row, *d)),
            |d| (names.get(d).copied().unwrap_or_default().to_string(), None),
        );
        for (i, r) in reports.iter_mut().enumerate() {
            dups.mark(i, r);
        }
        dups
    }
}

/// Records the entries like a bulk request; a dry run inside a savepoint that always
/// rolls back.
fn record(
    conn: &mut PgConnection,
    user: &AuthUser,
    activity: &ActivityRow,
    entries: &[AttendanceEntry],
    dry_run: bool,
) -> Result<AttendanceBatchReport, ApiError> {
    if !dry_run {
        return queries::record_batch(conn, user, activity, entries);
    }
    enum Outcome {
        Report(AttendanceBatchReport),
        Failed(ApiError),
    }
    impl From<diesel::result::Error> for Outcome {
        fn from(e: diesel::result::Error) -> Self {
            Outcome::Failed(e.into())
        }
    }
    match conn.transaction::<(), Outcome, _>(|c| {
        let r = queries::record_batch(c, user, activity, entries).map_err(Outcome::Failed)?;
        Err(Outcome::Report(r))
    }) {
        Err(Outcome::Report(r)) => Ok(r),
        Err(Outcome::Failed(e)) => Err(e),
        Ok(()) => unreachable!("the savepoint always rolls back"),
    }
}

/// The batch's results in the rows' reports: unchanged or updated (against the statuses
/// `before`), or the entry's errors.
fn merge(
    reports: &mut [RowReport],
    entry_rows: &[usize],
    batch: AttendanceBatchReport,
    before: &HashMap<Uuid, String>,
) {
    for result in batch.results {
        let report = &mut reports[entry_rows[result.index]];
        if result.ok {
            let was = report.deputy_id.and_then(|d| before.get(&d)).cloned();
            let now = result.status.map(|s| s.as_str().to_string());
            report.outcome = if was == now {
                RowOutcome::Unchanged
            } else {
                report.changes.push("status".into());
                RowOutcome::Update
            };
        } else {
            report
                .errors
                .extend(result.errors.into_iter().map(|e| CellMessage {
                    column: None,
                    code: e.code,
                    message: e.message,
                    params: e.params,
                }));
        }
    }
}

/// The counts of the rows by outcome, with warnings, and possibly duplicated.
fn summarise(reports: &[RowReport]) -> ImportSummary {
    let mut summary = ImportSummary {
        rows: reports.len() as u32,
        ..Default::default()
    };
    for r in reports {
        match r.outcome {
            RowOutcome::Update => summary.update += 1,
            RowOutcome::Unchanged => summary.unchanged += 1,
            RowOutcome::Create => summary.create += 1,
            RowOutcome::Error => summary.error += 1,
        }
        if !r.warnings.is_empty() {
            summary.with_warnings += 1;
        }
        if r.duplicate_group.is_some() {
            summary.possible_duplicates += 1;
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_as_offices_write_them() {
        assert_eq!(parse_status("√"), Some(AttendanceStatus::Present));
        assert_eq!(parse_status(" 迟到 "), Some(AttendanceStatus::Late));
        assert_eq!(parse_status("请假"), Some(AttendanceStatus::OnLeave));
        assert_eq!(parse_status("未到"), Some(AttendanceStatus::Absent));
        assert_eq!(parse_status("也许"), None);
    }
}
