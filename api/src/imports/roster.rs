//! Roster import: rows of people into deputies with mandates in one term.
//!
//! People with the same name are never merged. A row matches an existing deputy only by
//! its external id, its ID-card number, an identical record (same name, delegation and
//! every person field the file gives), or, failing those, as the only deputy of the term
//! with that name in that delegation whose data does not contradict the row. Each match
//! says how it was made; several candidates make the row an error, never a guess.

use super::columns::{Column, Layout};
use super::report::{Budget, Duplicates};
use super::snapshot::{Existing, Snapshot};
use super::ImportRun;
use crate::deputies::models::{DeputyValues, NewDeputyRow, NewMandateRow};
use crate::deputies::personal::{self, clean, PartialDate, Person, PersonalDataKey};
use crate::deputies::repo::person_values;
use crate::error::ApiError;
use crate::schema::{delegations, deputies, deputy_groups, mandates};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::imports::{Ambiguous, DateProblem, DuplicateKey};
use renda_openapi::messages::{ImportMessage as I, PersonField, RegistryMessage};
use renda_openapi::{
    CellMessage, DeputyInput, ElectedVia, Gender, ImportReport, ImportSummary, MandateStatus,
    MatchedBy, Message, RowOutcome, RowReport,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One parsed data row.
#[derive(Debug, Clone)]
pub struct RosterRow {
    pub row: u32,
    pub person: Person,
    pub delegation: Option<String>,
    pub group: Option<String>,
    pub constituency: Option<String>,
    pub certificate_number: Option<String>,
    pub errors: Vec<CellMessage>,
    pub warnings: Vec<CellMessage>,
}

/// A message about a cell (`column`) or the whole row, from the catalogue.
fn msg(column: Option<String>, message: impl Into<Message>) -> CellMessage {
    CellMessage::from_message(column, &message.into())
}

/// Removes a footnote mark that came along from a web page (`李兴魁 3` → `李兴魁`).
fn strip_footnote(name: &str) -> Option<&str> {
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    (base.len() < name.len() && !base.is_empty() && !base.chars().any(|c| c.is_ascii_digit()))
        .then_some(base)
}

/// Undoes the `'` an export puts before a cell that a spreadsheet would run as a formula.
fn unguard(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => cell,
    }
}

/// Parses and validates one row. Problems that lose the row are errors; problems the
/// row survives (a birth date that is not a date, a footnote mark) are warnings.
pub fn parse_row(layout: &Layout, row: u32, cells: &[String], today: NaiveDate) -> RosterRow {
    let cell = |c: Column| unguard(layout.cell(cells, c));
    let col = |c: Column| Some(layout.header_of(c));
    let mut errors = vec![];
    let mut warnings = vec![];
    let mut name = clean(&cell(Column::Name)).unwrap_or_default();
    let gender_cell = clean(&cell(Column::Gender));
    let gender = gender_cell.as_deref().and_then(Gender::parse);
    // A section heading that crept into the table repeats itself across the row
    // (姓名 = 性别 = 民族 = "中央 提名").
    let repeats = cells
        .iter()
        .filter(|c| clean(c).as_deref() == Some(name.as_str()))
        .count();
    if !name.is_empty() && gender_cell.is_some() && gender.is_none() && repeats >= 3 {
        errors.push(msg(
            None,
            I::SectionHeader {
                value: name.clone(),
            },
        ));
        return RosterRow {
            row,
            person: Person {
                name,
                ..Default::default()
            },
            delegation: None,
            group: None,
            constituency: None,
            certificate_number: None,
            errors,
            warnings,
        };
    }
    if let Some(base) = strip_footnote(&name) {
        warnings.push(msg(
            col(Column::Name),
            I::FootnoteRemoved {
                value: name.clone(),
                kept: base.to_string(),
            },
        ));
        name = base.to_string();
    }
    if gender_cell.is_some() && gender.is_none() {
        errors.push(msg(
            col(Column::Gender),
            I::InvalidGender {
                value: gender_cell.unwrap_or_default(),
            },
        ));
    }
    let mut notes = clean(&cell(Column::Notes));
    let birth_raw = clean(&cell(Column::BirthDate));
    let birth = birth_raw
        .as_deref()
        .and_then(|b| PartialDate::parse(b, today));
    if let (Some(raw), None) = (&birth_raw, birth) {
        warnings.push(msg(
            col(Column::BirthDate),
            I::InvalidDate(DateProblem::Birth { value: raw.clone() }),
        ));
        let kept = format!("出生年月原文：{raw}");
        notes = Some(match notes {
            Some(n) => format!("{n}；{kept}"),
            None => kept,
        });
    }
    let input = DeputyInput {
        external_id: Some(cell(Column::ExternalId).to_string()),
        name,
        gender,
        ethnicity: Some(cell(Column::Ethnicity).to_string()),
        birth_date: birth.map(PartialDate::to_wire),
        party: Some(cell(Column::Party).to_string()),
        workplace_post: Some(cell(Column::WorkplacePost).to_string()),
        phone: Some(cell(Column::Phone).to_string()),
        id_card_number: Some(cell(Column::IdCardNumber).to_string()),
        address: Some(cell(Column::Address).to_string()),
        notes,
    };
    let person = match personal::validate(&input, today) {
        Ok(p) => p,
        Err(issues) => {
            for i in issues {
                let column = match i.field {
                    "name" => Column::Name,
                    "birth_date" => Column::BirthDate,
                    "phone" => Column::Phone,
                    "id_card_number" => Column::IdCardNumber,
                    "external_id" => Column::ExternalId,
                    "ethnicity" => Column::Ethnicity,
                    "party" => Column::Party,
                    "workplace_post" => Column::WorkplacePost,
                    "address" => Column::Address,
                    _ => Column::Notes,
                };
                errors.push(msg(col(column), i.message));
            }
            Person {
                name: input.name.clone(),
                ..Default::default()
            }
        }
    };
    let short = |c: Column, field: PersonField, errors: &mut Vec<CellMessage>| {
        let v = clean(&cell(c));
        let max = 100;
        if v.as_deref()
            .is_some_and(|v| v.chars().count() > max as usize)
        {
            errors.push(msg(col(c), RegistryMessage::TooLong { field, max }));
        }
        v
    };
    let delegation = short(Column::Delegation, PersonField::Delegation, &mut errors);
    let group = short(Column::DeputyGroup, PersonField::DeputyGroup, &mut errors);
    let constituency = short(Column::Constituency, PersonField::Constituency, &mut errors);
    let certificate_number = short(
        Column::CertificateNumber,
        PersonField::CertificateNumber,
        &mut errors,
    );
    RosterRow {
        row,
        person,
        delegation,
        group,
        constituency,
        certificate_number,
        errors,
        warnings,
    }
}

/// What a row does once matched.
#[derive(Debug, Clone)]
enum Plan {
    Create,
    Update {
        existing: usize,
        by: MatchedBy,
        changes: Vec<String>,
    },
    Unchanged {
        existing: usize,
        by: MatchedBy,
    },
    Error,
}

/// Values of a row compared with an existing record: `(field, row value, existing value)`
/// for every column the file has. The ID-card number compares by keyed digest.
fn comparable(
    layout: &Layout,
    r: &RosterRow,
    e: &Existing,
    key: &PersonalDataKey,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let d = &e.deputy;
    let m = e.mandate.as_ref();
    let mut out = vec![];
    let push = |out: &mut Vec<_>, c: Column, row: Option<String>, ex: Option<String>| {
        if layout.has(c) {
            out.push((c.field(), row, ex));
        }
    };
    push(
        &mut out,
        Column::ExternalId,
        r.person.external_id.clone(),
        d.external_id.clone(),
    );
    push(
        &mut out,
        Column::Name,
        Some(r.person.name.clone()),
        Some(d.name.clone()),
    );
    push(
        &mut out,
        Column::Gender,
        r.person.gender.map(|g| g.as_str().into()),
        d.gender.clone(),
    );
    push(
        &mut out,
        Column::Ethnicity,
        r.person.ethnicity.clone(),
        d.ethnicity.clone(),
    );
    push(
        &mut out,
        Column::BirthDate,
        r.person.birth.map(PartialDate::to_wire),
        d.birth().map(PartialDate::to_wire),
    );
    push(
        &mut out,
        Column::Party,
        r.person.party.clone(),
        d.party.clone(),
    );
    push(
        &mut out,
        Column::WorkplacePost,
        r.person.workplace_post.clone(),
        d.workplace_post.clone(),
    );
    push(
        &mut out,
        Column::Phone,
        r.person.phone.clone(),
        d.phone.clone(),
    );
    push(
        &mut out,
        Column::IdCardNumber,
        r.person.id_card.as_deref().map(|c| hex(&key.digest(c))),
        d.id_card_digest.as_deref().map(hex),
    );
    push(
        &mut out,
        Column::Address,
        r.person.address.clone(),
        d.address.clone(),
    );
    // Notes may carry the original text of a birth date that was not a date.
    if layout.has(Column::Notes) || r.person.notes.is_some() {
        out.push(("notes", r.person.notes.clone(), d.notes.clone()));
    }
    push(
        &mut out,
        Column::Delegation,
        r.delegation.clone(),
        e.delegation.clone(),
    );
    push(
        &mut out,
        Column::DeputyGroup,
        r.group.clone(),
        e.group.clone(),
    );
    push(
        &mut out,
        Column::Constituency,
        r.constituency.clone(),
        m.and_then(|m| m.constituency.clone()),
    );
    push(
        &mut out,
        Column::CertificateNumber,
        r.certificate_number.clone(),
        m.and_then(|m| m.certificate_number.clone()),
    );
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every column the file gives equals the stored value (empty equals empty only).
fn identical(layout: &Layout, r: &RosterRow, e: &Existing, key: &PersonalDataKey) -> bool {
    e.mandate.is_some() && comparable(layout, r, e, key).iter().all(|(_, a, b)| a == b)
}

/// Fields the row would change: non-empty cells that differ. Empty cells keep the stored
/// value, so a sparse file never erases data.
fn changes(layout: &Layout, r: &RosterRow, e: &Existing, key: &PersonalDataKey) -> Vec<String> {
    let mut out: Vec<String> = comparable(layout, r, e, key)
        .into_iter()
        .filter(|(_, a, b)| a.is_some() && a != b)
        .map(|(f, _, _)| f.to_string())
        .collect();
    if e.mandate.is_none() {
        out.push("mandate".into());
    }
    out
}

/// Gender, ethnicity or birth date given on both sides and different: not the same person.
fn contradicts(r: &RosterRow, e: &Existing) -> bool {
    let d = &e.deputy;
    let differ =
        |a: Option<String>, b: Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
    differ(r.person.gender.map(|g| g.as_str().into()), d.gender.clone())
        || differ(r.person.ethnicity.clone(), d.ethnicity.clone())
        || differ(
            r.person.birth.map(PartialDate::to_wire),
            d.birth().map(PartialDate::to_wire),
        )
}

/// Matches every valid row against the snapshot and against the other rows.
fn plan(
    layout: &Layout,
    rows: &mut [RosterRow],
    snap: &Snapshot,
    key: &PersonalDataKey,
) -> Vec<Plan> {
    let mut plans = vec![Plan::Create; rows.len()];
    // Keys repeated inside the file: the later row is an error.
    let mut seen_ext: HashMap<String, u32> = HashMap::new();
    let mut seen_id: HashMap<String, u32> = HashMap::new();
    for r in rows.iter_mut().filter(|r| r.errors.is_empty()) {
        if let Some(x) = &r.person.external_id {
            if let Some(first) = seen_ext.insert(x.clone(), r.row) {
                seen_ext.insert(x.clone(), first);
                r.errors.push(msg(
                    Some(layout.header_of(Column::ExternalId)),
                    I::DuplicateInFile {
                        key: DuplicateKey::ExternalId,
                        row: first,
                    },
                ));
            }
        }
        if let Some(c) = &r.person.id_card {
            if let Some(first) = seen_id.insert(c.clone(), r.row) {
                seen_id.insert(c.clone(), first);
                r.errors.push(msg(
                    Some(layout.header_of(Column::IdCardNumber)),
                    I::DuplicateInFile {
                        key: DuplicateKey::IdCard,
                        row: first,
                    },
                ));
            }
        }
    }
    let mut claimed: HashSet<usize> = HashSet::new();
    let settle = |i: usize,
                  existing: usize,
                  by: MatchedBy,
                  plans: &mut Vec<Plan>,
                  claimed: &mut HashSet<usize>,
                  r: &RosterRow| {
        claimed.insert(existing);
        let ch = changes(layout, r, &snap.existing[existing], key);
        plans[i] = if ch.is_empty() {
            Plan::Unchanged { existing, by }
        } else {
            Plan::Update {
                existing,
                by,
                changes: ch,
            }
        };
    };
    // 1. Explicit keys.
    for (i, r) in rows.iter_mut().enumerate() {
        if !r.errors.is_empty() {
            continue;
        }
        let by_ext = r
            .person
            .external_id
            .as_ref()
            .and_then(|x| snap.by_external_id.get(x))
            .copied();
        let by_id = r
            .person
            .id_card
            .as_ref()
            .and_then(|c| snap.by_id_digest.get(&key.digest(c)))
            .copied();
        match (by_ext, by_id) {
            (Some(a), Some(b)) if a != b => {
                r.errors.push(msg(None, I::KeyConflict));
            }
            (Some(a), _) => settle(i, a, MatchedBy::ExternalId, &mut plans, &mut claimed, r),
            (None, Some(b)) => settle(i, b, MatchedBy::IdCard, &mut plans, &mut claimed, r),
            (None, None) => {}
        }
    }
    // Rows not matched by a key go on to the name steps, even when they carry a key that
    // is new (a roster that gains an ID-card column must not duplicate everyone). A stored
    // key that differs from the row's rules a candidate out.
    let unkeyed = |r: &RosterRow, plan: &Plan| r.errors.is_empty() && matches!(plan, Plan::Create);
    let candidates = |r: &RosterRow| {
        let digest = r.person.id_card.as_deref().map(|c| key.digest(c));
        snap.by_name_and_delegation
            .get(&(r.person.name.clone(), r.delegation.clone().unwrap_or_default()))
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                let d = &snap.existing[*e].deputy;
                let differs = |row: Option<&[u8]>, stored: Option<&[u8]>| matches!((row, stored), (Some(a), Some(b)) if a != b);
                !differs(r.person.external_id.as_deref().map(str::as_bytes), d.external_id.as_deref().map(str::as_bytes))
                    && !differs(digest.as_deref(), d.id_card_digest.as_deref())
            })
            .collect::<Vec<usize>>()
    };
    // 2. Identical records, one existing record per row (identical rows pair off one to one).
    for (i, r) in rows.iter().enumerate() {
        if !unkeyed(r, &plans[i]) {
            continue;
        }
        if let Some(e) = candidates(r)
            .into_iter()
            .find(|e| !claimed.contains(e) && identical(layout, r, &snap.existing[*e], key))
        {
            claimed.insert(e);
            plans[i] = Plan::Unchanged {
                existing: e,
                by: MatchedBy::ExactRecord,
            };
        }
    }
    // 3. The only namesake in the delegation, when nothing contradicts.
    for (i, r) in rows.iter_mut().enumerate() {
        if !unkeyed(r, &plans[i]) {
            continue;
        }
        let open: Vec<usize> = candidates(r)
            .into_iter()
            .filter(|e| !claimed.contains(e))
            .collect();
        match open.as_slice() {
            [] => {}
            [e] if !contradicts(r, &snap.existing[*e]) => {
                settle(
                    i,
                    *e,
                    MatchedBy::NameAndDelegation,
                    &mut plans,
                    &mut claimed,
                    r,
                );
            }
            [e] => r.warnings.push(msg(
                None,
                I::NamesakeDiffers {
                    deputy_id: snap.existing[*e].deputy.id,
                },
            )),
            many => r.errors.push(msg(
                None,
                I::AmbiguousMatch(Ambiguous::Delegation {
                    count: many.len() as u32,
                }),
            )),
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if !r.errors.is_empty() {
            plans[i] = Plan::Error;
        }
    }
    plans
}

/// Rows that share a name inside one delegation: possibly one person entered twice,
/// possibly namesakes. Each group is reported once (see [`Duplicates`]).
fn possible_duplicates(rows: &[RosterRow]) -> Duplicates {
    Duplicates::group(
        rows.iter().map(|r| {
            let key = (!r.person.name.is_empty()
                && !r.errors.iter().any(|e| e.code == "section_header"))
            .then_some((r.person.name.as_str(), r.delegation.as_deref()));
            (r.row, key)
        }),
        |(name, delegation)| (name.to_string(), delegation.map(str::to_string)),
    )
}

/// Runs a roster import inside the caller's transaction.
///
/// Errors: 422 with every failing row when `all_or_nothing` is set and a row fails.
pub fn run(
    conn: &mut PgConnection,
    opts: &ImportRun,
    mut layout: Layout,
    format: &str,
    today: NaiveDate,
) -> Result<ImportReport, ApiError> {
    // Each row's cells are freed as soon as the row is parsed.
    let cells = std::mem::take(&mut layout.rows);
    let mut rows: Vec<RosterRow> = cells
        .into_iter()
        .map(|(n, cells)| parse_row(&layout, n, &cells, today))
        .collect();
    let snap = Snapshot::load(conn, opts.term)?;
    let plans = plan(&layout, &mut rows, &snap, opts.key);
    let dups = possible_duplicates(&rows);

    let apply = !opts.dry_run;

    // Delegations and groups the valid rows need.
    let mut created_units = vec![];
    let mut delegation_ids = snap.delegations.clone();
    let mut group_ids = snap.groups.clone();
    for (r, p) in rows.iter().zip(&plans) {
        if matches!(p, Plan::Error) {
            continue;
        }
        if let Some(d) = &r.delegation {
            if !delegation_ids.contains_key(d) {
                let id = Uuid::now_v7();
                if apply {
                    diesel::insert_into(delegations::table)
                        .values((
                            delegations::id.eq(id),
                            delegations::congress_id.eq(opts.term.congress_id),
                            delegations::name.eq(d),
                        ))
                        .execute(conn)?;
                }
                delegation_ids.insert(d.clone(), id);
                created_units.push(format!("代表团：{d}"));
            }
        }
        if let Some(g) = &r.group {
            if !group_ids.contains_key(g) {
                let id = Uuid::now_v7();
                if apply {
                    diesel::insert_into(deputy_groups::table)
                        .values((
                            deputy_groups::id.eq(id),
                            deputy_groups::congress_id.eq(opts.term.congress_id),
                            deputy_groups::name.eq(g),
                        ))
                        .execute(conn)?;
                }
                group_ids.insert(g.clone(), id);
                created_units.push(format!("代表小组：{g}"));
            }
        }
    }

    let mut new_deputies: Vec<NewDeputyRow> = vec![];
    let mut new_mandates: Vec<NewMandateRow> = vec![];
    let mut reports = Vec::with_capacity(rows.len());
    let mut summary = ImportSummary {
        rows: rows.len() as u32,
        ..Default::default()
    };
    let new_mandate = |deputy: Uuid, r: &RosterRow| NewMandateRow {
        id: Uuid::now_v7(),
        deputy_id: deputy,
        congress_id: opts.term.congress_id,
        term_id: opts.term.id,
        delegation_id: r
            .delegation
            .as_ref()
            .and_then(|d| delegation_ids.get(d).copied()),
        deputy_group_id: r.group.as_ref().and_then(|g| group_ids.get(g).copied()),
        constituency: r.constituency.clone(),
        certificate_number: r.certificate_number.clone(),
        elected_via: ElectedVia::GeneralElection.as_str().into(),
        elected_on: None,
        status: MandateStatus::Active.as_str().into(),
        status_reason: None,
        status_date: None,
    };
    let mut budget = Budget::new(opts.limits.max_report_bytes, &dups.groups);
    for (i, (r, p)) in rows.iter().zip(plans).enumerate() {
        let (outcome, deputy_id, matched_by, changed) = match p {
            Plan::Error => (RowOutcome::Error, None, None, vec![]),
            Plan::Create => {
                let id = Uuid::now_v7();
                if apply {
                    new_deputies.push(NewDeputyRow::new(
                        id,
                        opts.term.congress_id,
                        person_values(&r.person, opts.key),
                    ));
                    new_mandates.push(new_mandate(id, r));
                }
                (RowOutcome::Create, apply.then_some(id), None, vec![])
            }
            Plan::Unchanged { existing, by } => (
                RowOutcome::Unchanged,
                Some(snap.existing[existing].deputy.id),
                Some(by),
                vec![],
            ),
            Plan::Update {
                existing,
                by,
                changes,
            } => {
                let e = &snap.existing[existing];
                if apply {
                    update_existing(conn, e, r, opts.key)?;
                    // Which fields changed, and how the row was matched; the values
                    // themselves are in the uploaded file, not copied here.
                    crate::audit::record(
                        conn,
                        Some(opts.actor),
                        "update",
                        "deputy",
                        Some(e.deputy.id),
                        Some(&serde_json::json!({"version": e.deputy.version})),
                        Some(
                            &serde_json::json!({"via": "roster_import", "row": r.row, "matched_by": by, "changes": changes}),
                        ),
                    )?;
                    match &e.mandate {
                        Some(m) => {
                            diesel::update(mandates::table.find(m.id))
                                .set((
                                    mandates::delegation_id.eq(r
                                        .delegation
                                        .as_ref()
                                        .and_then(|d| delegation_ids.get(d).copied())
                                        .or(m.delegation_id)),
                                    mandates::deputy_group_id.eq(r
                                        .group
                                        .as_ref()
                                        .and_then(|g| group_ids.get(g).copied())
                                        .or(m.deputy_group_id)),
                                    mandates::constituency
                                        .eq(r.constituency.clone().or(m.constituency.clone())),
                                    mandates::certificate_number.eq(r
                                        .certificate_number
                                        .clone()
                                        .or(m.certificate_number.clone())),
                                    mandates::version.eq(m.version + 1),
                                    mandates::updated_at.eq(Utc::now()),
                                ))
                                .execute(conn)?;
                        }
                        None => new_mandates.push(new_mandate(e.deputy.id, r)),
                    }
                }
                (RowOutcome::Update, Some(e.deputy.id), Some(by), changes)
            }
        };
        match outcome {
            RowOutcome::Create => summary.create += 1,
            RowOutcome::Update => summary.update += 1,
            RowOutcome::Unchanged => summary.unchanged += 1,
            RowOutcome::Error => summary.error += 1,
        }
        summary.with_warnings += u32::from(!r.warnings.is_empty());
        let mut report = RowReport {
            row: r.row,
            outcome,
            name: (!r.person.name.is_empty()).then(|| r.person.name.clone()),
            delegation: r.delegation.clone(),
            deputy_id,
            matched_by,
            changes: changed,
            errors: r.errors.clone(),
            warnings: r.warnings.clone(),
            possible_duplicate_rows: vec![],
            possible_duplicates_more: 0,
            duplicate_group: None,
        };
        dups.mark(i, &mut report);
        summary.possible_duplicates += u32::from(report.duplicate_group.is_some());
        if opts.lists(&report) && budget.admit(&report) {
            reports.push(report);
        }
        if new_deputies.len() >= COPY_BATCH {
            copy_new(conn, &mut new_deputies, &mut new_mandates)?;
        }
    }
    if apply && opts.all_or_nothing && summary.error > 0 {
        // The transaction rolls back what the loop above already wrote.
        return Err(super::failed_rows(reports.iter(), budget.omitted));
    }
    if apply {
        copy_new(conn, &mut new_deputies, &mut new_mandates)?;
        crate::audit::record(
            conn,
            Some(opts.actor),
            "import",
            "roster",
            Some(opts.term.id),
            None,
            Some(
                &serde_json::json!({"format": format, "summary": summary, "created_units": created_units}),
            ),
        )?;
    }
    Ok(ImportReport {
        dry_run: opts.dry_run,
        applied: apply,
        format: format.into(),
        columns: layout.describe(),
        created_units,
        file_warnings: layout.warnings.clone(),
        summary,
        rows: reports,
        duplicate_groups: dups.groups,
        truncated: budget.truncated(),
        rows_omitted: budget.omitted,
    })
}

/// Rows per `COPY`: large enough to be fast, small enough that a 100,000-row roster does
/// not hold every new row in memory at once.
const COPY_BATCH: usize = 10_000;

/// Writes the collected new deputies, then their mandates, with `COPY` (the fastest way
/// in; its binary format writes every column given), and empties both lists.
fn copy_new(
    conn: &mut PgConnection,
    deputies_: &mut Vec<NewDeputyRow>,
    mandates_: &mut Vec<NewMandateRow>,
) -> Result<(), ApiError> {
    if !deputies_.is_empty() {
        diesel::copy_from(deputies::table)
            .from_insertable(&*deputies_)
            .execute(conn)
            .map_err(crate::deputies::repo::deputy_conflict)?;
        deputies_.clear();
    }
    if !mandates_.is_empty() {
        diesel::copy_from(mandates::table)
            .from_insertable(&*mandates_)
            .execute(conn)?;
        mandates_.clear();
    }
    Ok(())
}

/// Writes a matched row onto the stored deputy: non-empty cells replace, empty cells keep.
fn update_existing(
    conn: &mut PgConnection,
    e: &Existing,
    r: &RosterRow,
    key: &PersonalDataKey,
) -> QueryResult<()> {
    let d = &e.deputy;
    let fresh = person_values(&r.person, key);
    let values = DeputyValues {
        external_id: fresh.external_id.or(d.external_id.clone()),
        name: fresh.name,
        gender: fresh.gender.or(d.gender.clone()),
        ethnicity: fresh.ethnicity.or(d.ethnicity.clone()),
        birth_year: if r.person.birth.is_some() {
            fresh.birth_year
        } else {
            d.birth_year
        },
        birth_month: if r.person.birth.is_some() {
            fresh.birth_month
        } else {
            d.birth_month
        },
        birth_day: if r.person.birth.is_some() {
            fresh.birth_day
        } else {
            d.birth_day
        },
        party: fresh.party.or(d.party.clone()),
        workplace_post: fresh.workplace_post.or(d.workplace_post.clone()),
        phone: fresh.phone.or(d.phone.clone()),
        id_card_encrypted: fresh.id_card_encrypted.or(d.id_card_encrypted.clone()),
        id_card_digest: fresh.id_card_digest.or(d.id_card_digest.clone()),
        address: fresh.address.or(d.address.clone()),
        notes: fresh.notes.or(d.notes.clone()),
    };
    diesel::update(deputies::table.find(d.id))
        .set((
            &values,
            deputies::version.eq(d.version + 1),
            deputies::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}
