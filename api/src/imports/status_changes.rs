//! Import of status changes (补选, 辞职, 罢免, 去世 …) into mandates of one term.
//!
//! A by-election dates the mandate of the deputy it names (or registers a new deputy).
//! A departure terminates the mandate of the deputy it names; when nobody of that name
//! holds a mandate in the delegation, the person is registered as a former deputy with a
//! terminated mandate, so the congress's record of who served stays complete.
//! Delegations may be written short (`吉林` for `吉林省`) when that names exactly one.

use super::columns::{Column, Layout};
use super::roster::{parse_row, RosterRow};
use super::snapshot::Snapshot;
use super::ImportRun;
use crate::deputies::models::{MandateRow, NewDeputyRow, NewMandateRow};
use crate::deputies::personal::clean;
use crate::deputies::repo::{apply_status, person_values};
use crate::error::ApiError;
use crate::schema::{deputies, mandate_status_changes, mandates};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::imports::{Ambiguous, DateProblem, MissingHeader};
use renda_openapi::messages::ImportMessage;
use renda_openapi::{
    CellMessage, ElectedVia, ImportReport, ImportSummary, MandateStatus, MatchedBy, RowOutcome,
    RowReport, StatusReason,
};
use std::collections::HashMap;
use uuid::Uuid;

/// What a row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    ByElection,
    Status(StatusReason),
}

/// Parses a change type as offices write it, or a wire code.
pub fn parse_change(s: &str) -> Option<Change> {
    let s = clean(s)?;
    let reason = |r| Some(Change::Status(r));
    match s.as_str() {
        "补选" | "by_election" => Some(Change::ByElection),
        "辞职" | "resigned" => reason(StatusReason::Resigned),
        "罢免" | "recalled" => reason(StatusReason::Recalled),
        "去世" | "逝世" | "死亡" | "病逝" | "died" => reason(StatusReason::Died),
        "迁出" | "调离" | "moved_out" => reason(StatusReason::MovedOut),
        "丧失国籍" | "lost_nationality" => reason(StatusReason::LostNationality),
        "被剥夺政治权利" | "deprived_of_political_rights" => {
            reason(StatusReason::DeprivedOfPoliticalRights)
        }
        "丧失行为能力" | "lost_capacity" => reason(StatusReason::LostCapacity),
        "两次未出席" | "absent_twice_without_leave" => {
            reason(StatusReason::AbsentTwiceWithoutLeave)
        }
        "羁押" | "in_custody" => reason(StatusReason::InCustody),
        "服刑" | "serving_sentence" => reason(StatusReason::ServingSentence),
        other => StatusReason::parse(other).map(Change::Status),
    }
}

/// A message about a cell (`column`) or the whole row, from the catalogue.
fn msg(column: Option<String>, message: ImportMessage) -> CellMessage {
    CellMessage::from_message(column, &message.into())
}

/// Parses `2023年7月27日`, `2023-07-27` or `2023/7/27` (a full date only).
fn parse_full_date(s: &str) -> Option<NaiveDate> {
    let s = clean(s)?;
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// A person registered by an earlier row of the file: deputy and mandate ids (none in a
/// dry run) and that row's number, by name and delegation.
type CreatedHere = (Option<(Uuid, Uuid)>, u32);

/// The mandate a row's change applies to.
enum Target {
    /// An existing deputy (index into the snapshot) and their mandate in the term.
    Existing(usize),
    /// A person this file registered in an earlier row: their id and mandate id (none in a
    /// dry run, where nothing was written), and that row's number.
    CreatedHere(Option<(Uuid, Uuid)>, u32),
}

/// Runs a status-change import inside the caller's transaction. One person may appear in
/// several rows (a by-election, then a resignation); rows apply in file order.
///
/// Errors: 422 with every failing row when `all_or_nothing` is set and a row fails.
pub fn run(
    conn: &mut PgConnection,
    opts: &ImportRun,
    layout: Layout,
    format: &str,
    today: NaiveDate,
) -> Result<ImportReport, ApiError> {
    if !layout.has(Column::ChangeType) {
        return Err(ApiError::invalid(
            "",
            ImportMessage::MissingHeader(MissingHeader::StatusChanges),
        ));
    }
    let snap = Snapshot::load(conn, opts.term)?;
    // Without a delegation column, people are found by name across the whole term.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in snap
        .existing
        .iter()
        .enumerate()
        .filter(|(_, e)| e.mandate.is_some())
    {
        by_name.entry(e.deputy.name.as_str()).or_default().push(i);
    }
    let apply = !opts.dry_run;
    let mut summary = ImportSummary {
        rows: layout.rows.len() as u32,
        ..Default::default()
    };
    let mut reports = vec![];
    let mut budget = super::report::Budget::new(opts.limits.max_report_bytes, &());
    let mut created_here: HashMap<(String, String), CreatedHere> = HashMap::new();
    for (n, cells) in &layout.rows {
        let mut r: RosterRow = parse_row(&layout, *n, cells, today);
        let change = read_change(&layout, cells, today, &mut r);
        resolve_delegation(&layout, &snap, &mut r);
        let mut outcome = RowOutcome::Error;
        let mut deputy_id = None;
        let mut matched_by = None;
        let mut changes = vec![];
        if let (true, Some((change, date))) = (r.errors.is_empty(), change) {
            let here_key = (
                r.person.name.clone(),
                r.delegation.clone().unwrap_or_default(),
            );
            let target = find(&snap, &by_name, opts, &mut r).map(|(i, by)| {
                matched_by = Some(by);
                Target::Existing(i)
            });
            let target = target.or_else(|| {
                created_here
                    .get(&here_key)
                    .map(|(ids, row)| Target::CreatedHere(*ids, *row))
            });
            match target {
                _ if !r.errors.is_empty() => {}
                Some(Target::Existing(i)) => {
                    let e = &snap.existing[i];
                    deputy_id = Some(e.deputy.id);
                    match &e.mandate {
                        // Re-read: an earlier row of this file may have changed it.
                        Some(m) => {
                            let m = mandates::table
                                .find(m.id)
                                .select(MandateRow::as_select())
                                .first(conn)?;
                            (outcome, changes) =
                                change_mandate(conn, opts, &m, change, date, &mut r)?;
                        }
                        None => r.errors.push(msg(None, ImportMessage::NoMandate)),
                    }
                }
                Some(Target::CreatedHere(ids, first_row)) => {
                    r.warnings.push(msg(
                        None,
                        ImportMessage::CreatedEarlierInFile { row: first_row },
                    ));
                    match ids {
                        Some((deputy, mandate)) => {
                            deputy_id = Some(deputy);
                            let m = mandates::table
                                .find(mandate)
                                .select(MandateRow::as_select())
                                .first(conn)?;
                            (outcome, changes) =
                                change_mandate(conn, opts, &m, change, date, &mut r)?;
                        }
                        None => {
                            outcome = RowOutcome::Update;
                            changes = vec!["status".into()];
                        }
                    }
                }
                None => {
                    outcome = RowOutcome::Create;
                    let ids = register(conn, opts, &snap, &mut r, change, date)?;
                    deputy_id = ids.map(|(d, _)| d);
                    created_here.insert(here_key, (ids, r.row));
                }
            }
        }
        if !r.errors.is_empty() {
            outcome = RowOutcome::Error;
        }
        match outcome {
            RowOutcome::Create => summary.create += 1,
            RowOutcome::Update => summary.update += 1,
            RowOutcome::Unchanged => summary.unchanged += 1,
            RowOutcome::Error => summary.error += 1,
        }
        summary.with_warnings += u32::from(!r.warnings.is_empty());
        let rep = report(&r, outcome, deputy_id, matched_by, changes);
        if opts.lists(&rep) && budget.admit(&rep) {
            reports.push(rep);
        }
    }
    if summary.error > 0 && opts.all_or_nothing && apply {
        return Err(super::failed_rows(reports.iter(), budget.omitted));
    }
    if apply {
        crate::audit::record(
            conn,
            Some(opts.actor),
            "import",
            "status_changes",
            Some(opts.term.id),
            None,
            Some(&serde_json::json!({"format": format, "summary": summary})),
        )?;
    }
    Ok(ImportReport {
        dry_run: opts.dry_run,
        applied: apply,
        format: format.into(),
        columns: layout.describe(),
        created_units: vec![],
        file_warnings: layout.warnings.clone(),
        summary,
        rows: reports,
        duplicate_groups: vec![],
        truncated: budget.truncated(),
        rows_omitted: budget.omitted,
    })
}

/// Reads the change type and date of a row; problems go into the row.
fn read_change(
    layout: &Layout,
    cells: &[String],
    today: NaiveDate,
    r: &mut RosterRow,
) -> Option<(Change, Option<NaiveDate>)> {
    let change_col = Some(layout.header_of(Column::ChangeType));
    let date_col = Some(layout.header_of(Column::ChangeDate));
    let written = layout.cell(cells, Column::ChangeType).trim().to_string();
    let change = parse_change(&written);
    if change.is_none() {
        r.errors.push(msg(
            change_col,
            ImportMessage::InvalidChangeType {
                value: written.clone(),
            },
        ));
    }
    let date_text = layout.cell(cells, Column::ChangeDate).trim().to_string();
    let date = parse_full_date(&date_text);
    if !date_text.is_empty() && date.is_none() {
        r.errors.push(msg(
            date_col,
            ImportMessage::InvalidDate(DateProblem::Change { value: date_text }),
        ));
        return None;
    }
    if date.is_some_and(|d| d > today) {
        r.errors.push(msg(date_col, ImportMessage::InFuture));
        return None;
    }
    if date.is_none() && matches!(change, Some(Change::Status(_))) {
        r.warnings.push(msg(date_col, ImportMessage::DateMissing));
    }
    change.map(|c| (c, date))
}

/// Replaces a short delegation name by the full one it names, or reports it.
fn resolve_delegation(layout: &Layout, snap: &Snapshot, r: &mut RosterRow) {
    let Some(w) = r.delegation.clone() else {
        return;
    };
    let column = Some(layout.header_of(Column::Delegation));
    match snap.resolve_delegation(&w) {
        Some(full) if full != w => {
            r.warnings.push(msg(
                column,
                ImportMessage::DelegationShortName {
                    written: w,
                    full: full.clone(),
                },
            ));
            r.delegation = Some(full);
        }
        Some(_) => {}
        None => r
            .errors
            .push(msg(column, ImportMessage::UnknownDelegation { value: w })),
    }
}

/// Finds the existing deputy a row names: by external id or ID-card number, else the only
/// deputy of that name in the delegation (or, without a delegation, in the term).
/// Several namesakes make the row an error.
fn find(
    snap: &Snapshot,
    by_name: &HashMap<&str, Vec<usize>>,
    opts: &ImportRun,
    r: &mut RosterRow,
) -> Option<(usize, MatchedBy)> {
    if !r.errors.is_empty() {
        return None;
    }
    let by_key = r
        .person
        .external_id
        .as_ref()
        .and_then(|x| snap.by_external_id.get(x))
        .map(|i| (*i, MatchedBy::ExternalId))
        .or_else(|| {
            r.person
                .id_card
                .as_ref()
                .and_then(|c| snap.by_id_digest.get(&opts.key.digest(c)))
                .map(|i| (*i, MatchedBy::IdCard))
        });
    if by_key.is_some() {
        return by_key;
    }
    let namesakes: Vec<usize> = match &r.delegation {
        Some(d) => snap
            .by_name_and_delegation
            .get(&(r.person.name.clone(), d.clone()))
            .cloned()
            .unwrap_or_default(),
        None => by_name
            .get(r.person.name.as_str())
            .cloned()
            .unwrap_or_default(),
    };
    match namesakes.as_slice() {
        [] => None,
        [one] => Some((*one, MatchedBy::NameAndDelegation)),
        many => {
            r.errors.push(msg(
                None,
                ImportMessage::AmbiguousMatch(Ambiguous::Term {
                    count: many.len() as u32,
                }),
            ));
            None
        }
    }
}

/// Applies a row's change to a mandate (when not a dry run): a by-election dates it, a
/// departure or suspension changes its status with history. The same change again is
/// `unchanged`.
fn change_mandate(
    conn: &mut PgConnection,
    opts: &ImportRun,
    m: &MandateRow,
    change: Change,
    date: Option<NaiveDate>,
    r: &mut RosterRow,
) -> Result<(RowOutcome, Vec<String>), ApiError> {
    let apply = !opts.dry_run;
    match change {
        Change::ByElection => {
            if m.elected_via == ElectedVia::ByElection.as_str() && m.elected_on == date {
                return Ok((RowOutcome::Unchanged, vec![]));
            }
            if apply {
                diesel::update(mandates::table.find(m.id))
                    .set((
                        mandates::elected_via.eq(ElectedVia::ByElection.as_str()),
                        mandates::elected_on.eq(date),
                        mandates::version.eq(m.version + 1),
                        mandates::updated_at.eq(Utc::now()),
                    ))
                    .execute(conn)?;
                crate::deputies::repo::touch_deputy(conn, m.deputy_id)?;
                crate::audit::record(
                    conn,
                    Some(opts.actor),
                    "by_election",
                    "mandate",
                    Some(m.id),
                    Some(
                        &serde_json::json!({"elected_via": m.elected_via, "elected_on": m.elected_on}),
                    ),
                    Some(&serde_json::json!({"elected_via": "by_election", "elected_on": date})),
                )?;
            }
            Ok((
                RowOutcome::Update,
                vec!["elected_via".into(), "elected_on".into()],
            ))
        }
        Change::Status(reason) => {
            let to = if reason.suspends() {
                MandateStatus::Suspended
            } else {
                MandateStatus::Terminated
            };
            if m.status == to.as_str()
                && m.status_reason.as_deref() == Some(reason.as_str())
                && m.status_date == date
            {
                return Ok((RowOutcome::Unchanged, vec![]));
            }
            if m.status == MandateStatus::Terminated.as_str() {
                r.errors.push(msg(None, ImportMessage::AlreadyTerminated));
                return Ok((RowOutcome::Error, vec![]));
            }
            if to == MandateStatus::Suspended && m.status != MandateStatus::Active.as_str() {
                r.errors.push(msg(
                    None,
                    ImportMessage::InvalidTransition {
                        change: "suspend".into(),
                    },
                ));
                return Ok((RowOutcome::Error, vec![]));
            }
            if apply {
                apply_status(
                    conn,
                    m,
                    to,
                    Some(reason),
                    date,
                    Some("批量导入".into()),
                    Some(opts.actor),
                )?;
                crate::deputies::repo::touch_deputy(conn, m.deputy_id)?;
                crate::audit::record(
                    conn,
                    Some(opts.actor),
                    "status_change",
                    "mandate",
                    Some(m.id),
                    Some(&serde_json::json!({"status": m.status, "reason": m.status_reason})),
                    Some(
                        &serde_json::json!({"status": to.as_str(), "reason": reason.as_str(), "date": date}),
                    ),
                )?;
            }
            Ok((
                RowOutcome::Update,
                vec![
                    "status".into(),
                    "status_reason".into(),
                    "status_date".into(),
                ],
            ))
        }
    }
}

/// Registers a person the roster does not have, with the mandate the row describes (a
/// former deputy for a departure). Returns the deputy and mandate ids (none in a dry run).
fn register(
    conn: &mut PgConnection,
    opts: &ImportRun,
    snap: &Snapshot,
    r: &mut RosterRow,
    change: Change,
    date: Option<NaiveDate>,
) -> Result<Option<(Uuid, Uuid)>, ApiError> {
    let (status, reason) = match change {
        Change::ByElection => (MandateStatus::Active, None),
        Change::Status(x) if x.suspends() => (MandateStatus::Suspended, Some(x)),
        Change::Status(x) => (MandateStatus::Terminated, Some(x)),
    };
    if status == MandateStatus::Terminated {
        r.warnings
            .push(msg(None, ImportMessage::FormerDeputyCreated));
    }
    if opts.dry_run {
        return Ok(None);
    }
    let id = Uuid::now_v7();
    let delegation_id = r
        .delegation
        .as_ref()
        .and_then(|d| snap.delegations.get(d).copied());
    diesel::insert_into(deputies::table)
        .values(NewDeputyRow::new(
            id,
            opts.term.congress_id,
            person_values(&r.person, opts.key),
        ))
        .execute(conn)
        .map_err(crate::deputies::repo::deputy_conflict)?;
    let mandate_id = Uuid::now_v7();
    let by_election = change == Change::ByElection;
    diesel::insert_into(mandates::table)
        .values(NewMandateRow {
            id: mandate_id,
            deputy_id: id,
            congress_id: opts.term.congress_id,
            term_id: opts.term.id,
            delegation_id,
            deputy_group_id: None,
            constituency: None,
            certificate_number: None,
            elected_via: if by_election {
                ElectedVia::ByElection
            } else {
                ElectedVia::GeneralElection
            }
            .as_str()
            .into(),
            elected_on: if by_election { date } else { None },
            status: status.as_str().into(),
            status_reason: reason.map(|x| x.as_str().to_string()),
            status_date: if by_election { None } else { date },
        })
        .execute(conn)?;
    if status != MandateStatus::Active {
        diesel::insert_into(mandate_status_changes::table)
            .values((
                mandate_status_changes::id.eq(Uuid::now_v7()),
                mandate_status_changes::mandate_id.eq(mandate_id),
                mandate_status_changes::from_status.eq(Some(MandateStatus::Active.as_str())),
                mandate_status_changes::to_status.eq(status.as_str()),
                mandate_status_changes::reason.eq(reason.map(|x| x.as_str())),
                mandate_status_changes::changed_on.eq(date),
                mandate_status_changes::note.eq(Some("批量导入")),
                mandate_status_changes::recorded_by.eq(Some(opts.actor)),
            ))
            .execute(conn)?;
    }
    crate::audit::record(
        conn,
        Some(opts.actor),
        "create",
        "deputy",
        Some(id),
        None,
        Some(
            &serde_json::json!({"name": r.person.name, "status": status.as_str(), "reason": reason.map(|x| x.as_str()), "date": date}),
        ),
    )?;
    Ok(Some((id, mandate_id)))
}

fn report(
    r: &RosterRow,
    outcome: RowOutcome,
    deputy_id: Option<Uuid>,
    matched_by: Option<MatchedBy>,
    changes: Vec<String>,
) -> RowReport {
    RowReport {
        row: r.row,
        outcome,
        name: (!r.person.name.is_empty()).then(|| r.person.name.clone()),
        delegation: r.delegation.clone(),
        deputy_id,
        matched_by,
        changes,
        errors: r.errors.clone(),
        warnings: r.warnings.clone(),
        possible_duplicate_rows: vec![],
        possible_duplicates_more: 0,
        duplicate_group: None,
    }
}
