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
use crate::deputies::models::{NewDeputyRow, NewMandateRow};
use crate::deputies::personal::clean;
use crate::deputies::repo::{apply_status, person_values};
use crate::error::ApiError;
use crate::schema::{deputies, mandate_status_changes, mandates};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    CellMessage, ElectedVia, ImportReport, ImportSummary, MandateStatus, MatchedBy, RowOutcome,
    RowReport, StatusReason,
};
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

fn msg(column: Option<String>, code: &str, message: impl Into<String>) -> CellMessage {
    CellMessage {
        column,
        code: code.into(),
        message: message.into(),
    }
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

/// Runs a status-change import inside the caller's transaction.
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
        return Err(ApiError::field(
            "",
            "missing_header",
            "未找到“变动类型”列（补选、辞职、罢免、去世等）。",
        ));
    }
    let snap = Snapshot::load(conn, opts.term)?;
    let apply = !opts.dry_run;
    let mut summary = ImportSummary {
        rows: layout.rows.len() as u32,
        ..Default::default()
    };
    let mut reports = vec![];
    // Matches made by earlier rows of this file, so one person is not claimed twice.
    let mut claimed: Vec<Uuid> = vec![];
    for (n, cells) in &layout.rows {
        let mut r: RosterRow = parse_row(&layout, *n, cells, today);
        let change_col = Some(layout.header_of(Column::ChangeType));
        let date_col = Some(layout.header_of(Column::ChangeDate));
        let change = parse_change(layout.cell(cells, Column::ChangeType));
        if change.is_none() {
            r.errors.push(msg(
                change_col,
                "invalid_change_type",
                format!(
                    "变动类型“{}”无法识别，应为 补选、辞职、罢免、去世、迁出 等。",
                    layout.cell(cells, Column::ChangeType).trim()
                ),
            ));
        }
        let date_text = layout.cell(cells, Column::ChangeDate).trim().to_string();
        let date = parse_full_date(&date_text);
        if !date_text.is_empty() && date.is_none() {
            r.errors.push(msg(
                date_col.clone(),
                "invalid_date",
                format!("变动日期“{date_text}”无效，应为完整日期，如 2023年7月27日。"),
            ));
        } else if date.is_some_and(|d| d > today) {
            r.errors
                .push(msg(date_col.clone(), "in_future", "变动日期不能晚于今天。"));
        } else if date.is_none() && matches!(change, Some(Change::Status(_))) {
            r.warnings.push(msg(
                date_col.clone(),
                "date_missing",
                "未给出变动日期：已按无日期登记，请补充。",
            ));
        }
        let written = r.delegation.clone();
        if let Some(w) = &written {
            match snap.resolve_delegation(w) {
                Some(full) if &full != w => {
                    r.warnings.push(msg(
                        Some(layout.header_of(Column::Delegation)),
                        "delegation_short_name",
                        format!("代表团“{w}”按简称对应为“{full}”。"),
                    ));
                    r.delegation = Some(full);
                }
                Some(_) => {}
                None => r.errors.push(msg(
                    Some(layout.header_of(Column::Delegation)),
                    "unknown_delegation",
                    format!("代表团“{w}”不存在，或简称对应多个代表团。"),
                )),
            }
        }
        // Find the deputy: explicit keys first, then the namesakes in the delegation.
        let mut found: Option<usize> = None;
        let mut matched_by = None;
        if r.errors.is_empty() {
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
            if let Some((i, by)) = by_key {
                found = Some(i);
                matched_by = Some(by);
            } else {
                let namesakes: Vec<usize> = snap
                    .by_name_and_delegation
                    .get(&(
                        r.person.name.clone(),
                        r.delegation.clone().unwrap_or_default(),
                    ))
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|i| !claimed.contains(&snap.existing[*i].deputy.id))
                    .collect();
                match namesakes.as_slice() {
                    [] => {}
                    [one] => {
                        found = Some(*one);
                        matched_by = Some(MatchedBy::NameAndDelegation);
                    }
                    many => r.errors.push(msg(None, "ambiguous_match", format!(
                        "该代表团有 {} 名同名代表，无法确定是哪一位：请填写外部编号或身份证号。", many.len()))),
                }
            }
        }
        let mut outcome = RowOutcome::Error;
        let mut deputy_id = None;
        let mut changes = vec![];
        if r.errors.is_empty() {
            let change = change.expect("checked above");
            match (found, change) {
                (Some(i), change) => {
                    let e = &snap.existing[i];
                    claimed.push(e.deputy.id);
                    deputy_id = Some(e.deputy.id);
                    let Some(m) = &e.mandate else {
                        r.errors
                            .push(msg(None, "no_mandate", "该代表在本届没有代表资格记录。"));
                        summary.error += 1;
                        let rep = report(&r, RowOutcome::Error, deputy_id, matched_by, vec![]);
                        reports.push(rep);
                        continue;
                    };
                    match change {
                        Change::ByElection => {
                            if m.elected_via == ElectedVia::ByElection.as_str()
                                && m.elected_on == date
                            {
                                outcome = RowOutcome::Unchanged;
                            } else {
                                outcome = RowOutcome::Update;
                                changes = vec!["elected_via".into(), "elected_on".into()];
                                if apply {
                                    diesel::update(mandates::table.find(m.id))
                                        .set((
                                            mandates::elected_via
                                                .eq(ElectedVia::ByElection.as_str()),
                                            mandates::elected_on.eq(date),
                                            mandates::version.eq(m.version + 1),
                                            mandates::updated_at.eq(Utc::now()),
                                        ))
                                        .execute(conn)?;
                                    crate::deputies::repo::touch_deputy(conn, e.deputy.id)?;
                                }
                            }
                        }
                        Change::Status(reason) => {
                            let to = if reason.suspends() {
                                MandateStatus::Suspended
                            } else {
                                MandateStatus::Terminated
                            };
                            let same = m.status == to.as_str()
                                && m.status_reason.as_deref() == Some(reason.as_str())
                                && m.status_date == date;
                            if same {
                                outcome = RowOutcome::Unchanged;
                            } else if m.status == MandateStatus::Terminated.as_str() {
                                r.errors.push(msg(
                                    None,
                                    "already_terminated",
                                    "该代表的代表资格已按其他原因或日期终止，未作更改。",
                                ));
                            } else if to == MandateStatus::Suspended
                                && m.status != MandateStatus::Active.as_str()
                            {
                                r.errors.push(msg(
                                    None,
                                    "invalid_transition",
                                    "只有在职代表可以暂停执行职务。",
                                ));
                            } else {
                                outcome = RowOutcome::Update;
                                changes = vec![
                                    "status".into(),
                                    "status_reason".into(),
                                    "status_date".into(),
                                ];
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
                                    crate::deputies::repo::touch_deputy(conn, e.deputy.id)?;
                                }
                            }
                        }
                    }
                }
                (None, change) => {
                    // Not in the roster: register the person with the mandate this row describes.
                    outcome = RowOutcome::Create;
                    let id = Uuid::now_v7();
                    let (status, reason) = match change {
                        Change::ByElection => (MandateStatus::Active, None),
                        Change::Status(r) if r.suspends() => (MandateStatus::Suspended, Some(r)),
                        Change::Status(r) => (MandateStatus::Terminated, Some(r)),
                    };
                    if status == MandateStatus::Terminated {
                        r.warnings.push(msg(
                            None,
                            "former_deputy_created",
                            "名册中没有此人：已登记为代表资格已终止的原代表。",
                        ));
                    }
                    if apply {
                        deputy_id = Some(id);
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
                                elected_via: if change == Change::ByElection {
                                    ElectedVia::ByElection
                                } else {
                                    ElectedVia::GeneralElection
                                }
                                .as_str()
                                .into(),
                                elected_on: if change == Change::ByElection {
                                    date
                                } else {
                                    None
                                },
                                status: status.as_str().into(),
                                status_reason: reason.map(|r| r.as_str().to_string()),
                                status_date: if change == Change::ByElection {
                                    None
                                } else {
                                    date
                                },
                            })
                            .execute(conn)?;
                        if status != MandateStatus::Active {
                            diesel::insert_into(mandate_status_changes::table)
                                .values((
                                    mandate_status_changes::id.eq(Uuid::now_v7()),
                                    mandate_status_changes::mandate_id.eq(mandate_id),
                                    mandate_status_changes::from_status
                                        .eq(Some(MandateStatus::Active.as_str())),
                                    mandate_status_changes::to_status.eq(status.as_str()),
                                    mandate_status_changes::reason.eq(reason.map(|r| r.as_str())),
                                    mandate_status_changes::changed_on.eq(date),
                                    mandate_status_changes::note.eq(Some("批量导入")),
                                    mandate_status_changes::recorded_by.eq(Some(opts.actor)),
                                ))
                                .execute(conn)?;
                        }
                    }
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
        if opts.lists(&rep) {
            reports.push(rep);
        }
    }
    if summary.error > 0 && opts.all_or_nothing && apply {
        return Err(super::failed_rows(reports.iter()));
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
    })
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
    }
}
