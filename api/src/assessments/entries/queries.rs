//! Queries of self-declared entries: rows with their kind and deputy, the review queue,
//! and the writes of each step.

use super::super::access::{is_office, own_deputy, readable_deputy, reads_scope};
use super::super::kinds::KindRow;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::{deputies, entry_attachments, entry_kinds, performance_entries};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    CongressId, DeputyId, EntryAttachment, EntryAttachmentId, EntryInput, EntryKindId,
    EntryListQuery, EntryPage, EntryStatus, PerformanceEntry, PerformanceEntryId, Refusal, UserId,
};
use std::collections::HashMap;

/// A row of `performance_entries`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = performance_entries)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct EntryRow {
    pub id: PerformanceEntryId,
    pub congress_id: CongressId,
    pub deputy_id: DeputyId,
    pub kind_id: EntryKindId,
    pub occurred_on: NaiveDate,
    pub title: String,
    pub content: String,
    pub status: EntryStatus,
    pub review_note: Option<String>,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The metadata of an attachment (never its content).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = entry_attachments)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct AttachmentMeta {
    pub id: EntryAttachmentId,
    pub entry_id: PerformanceEntryId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_at: DateTime<Utc>,
}

impl AttachmentMeta {
    /// The wire form.
    pub fn to_wire(&self) -> EntryAttachment {
        EntryAttachment {
            id: self.id,
            filename: self.file_name.clone(),
            content_type: self.content_type.clone(),
            size: self.size_bytes,
            uploaded_at: self.uploaded_at,
        }
    }
}

fn wire(
    row: EntryRow,
    kind: &KindRow,
    deputy_name: String,
    attachments: Vec<EntryAttachment>,
) -> PerformanceEntry {
    PerformanceEntry {
        id: row.id,
        congress_id: row.congress_id,
        deputy_id: row.deputy_id,
        deputy_name,
        kind_id: row.kind_id,
        kind_code: kind.code.clone(),
        kind_name: kind.name.clone(),
        section: kind.section,
        occurred_on: row.occurred_on,
        title: row.title,
        content: row.content,
        status: row.status,
        review_note: row.review_note,
        reviewed_by: row.reviewed_by,
        reviewed_at: row.reviewed_at,
        attachments,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    }
}

/// The wire form of rows: kinds, names and attachments in three queries for any number
/// of rows.
pub fn to_wire(conn: &mut PgConnection, rows: Vec<EntryRow>) -> QueryResult<Vec<PerformanceEntry>> {
    let ids: Vec<PerformanceEntryId> = rows.iter().map(|r| r.id).collect();
    let kind_ids: Vec<EntryKindId> = rows.iter().map(|r| r.kind_id).collect();
    let deputy_ids: Vec<DeputyId> = rows.iter().map(|r| r.deputy_id).collect();
    let kinds: HashMap<EntryKindId, KindRow> = entry_kinds::table
        .filter(entry_kinds::id.eq_any(&kind_ids))
        .select(KindRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|k| (k.id, k))
        .collect();
    let names: HashMap<DeputyId, String> = deputies::table
        .filter(deputies::id.eq_any(&deputy_ids))
        .select((deputies::id, deputies::name))
        .load::<(DeputyId, String)>(conn)?
        .into_iter()
        .collect();
    let mut files: HashMap<PerformanceEntryId, Vec<EntryAttachment>> = HashMap::new();
    for a in entry_attachments::table
        .filter(entry_attachments::entry_id.eq_any(&ids))
        .order((entry_attachments::uploaded_at, entry_attachments::id))
        .select(AttachmentMeta::as_select())
        .load(conn)?
    {
        files.entry(a.entry_id).or_default().push(a.to_wire());
    }
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let kind = kinds.get(&r.kind_id)?;
            let name = names.get(&r.deputy_id).cloned().unwrap_or_default();
            let attachments = files.remove(&r.id).unwrap_or_default();
            Some(wire(r, kind, name, attachments))
        })
        .collect())
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// An entry the caller may read (the office and the presidium in their scope, a deputy
/// their own), locked for update when `lock`.
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: PerformanceEntryId,
    lock: bool,
) -> Result<EntryRow, ApiError> {
    let q = performance_entries::table
        .find(id)
        .filter(performance_entries::congress_id.eq_any(scope(user.congress_id)))
        .select(EntryRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    let row = row.ok_or_else(not_found)?;
    if reads_scope(user) || user.deputy_id == Some(row.deputy_id.0) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// The kind of an input: of the deputy's congress and active.
///
/// Errors: 422 at `/kind_id` for an unknown or inactive kind.
fn usable_kind(
    conn: &mut PgConnection,
    congress: CongressId,
    kind: EntryKindId,
) -> Result<KindRow, ApiError> {
    let row: KindRow = entry_kinds::table
        .find(kind)
        .filter(entry_kinds::congress_id.eq(congress))
        .select(KindRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::from(Refusal::invalid("/kind_id", CommonMessage::NotInScope)))?;
    if row.is_active {
        Ok(row)
    } else {
        Err(Refusal::invalid("/kind_id", M::EntryKindInactive).into())
    }
}

/// Checks the texts and the date of an input (`/title` 1–100, `/content` ≤ 5,000, no
/// control characters but line breaks; `/occurred_on` not after `today`).
pub fn check(input: &EntryInput, today: NaiveDate) -> Result<(), ApiError> {
    let mut faults = vec![];
    let title = input.title.trim();
    if title.is_empty() {
        faults.push(Refusal::invalid("/title", CommonMessage::Required));
    } else if title.chars().count() > 100 {
        faults.push(Refusal::invalid(
            "/title",
            CommonMessage::TooLong { max: 100 },
        ));
    }
    if input.content.chars().count() > 5000 {
        faults.push(Refusal::invalid(
            "/content",
            CommonMessage::TooLong { max: 5000 },
        ));
    }
    if renda_openapi::validation::has_control_chars(title, false) {
        faults.push(Refusal::invalid("/title", CommonMessage::InvalidCharacters));
    }
    if renda_openapi::validation::has_control_chars(&input.content, true) {
        faults.push(Refusal::invalid(
            "/content",
            CommonMessage::InvalidCharacters,
        ));
    }
    if input.occurred_on > today {
        faults.push(Refusal::invalid("/occurred_on", M::DateInFuture));
    }
    faults.extend(renda_openapi::validation::date_fault(
        "/occurred_on",
        input.occurred_on,
        renda_openapi::validation::record_dates(),
    ));
    if faults.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Rules(faults))
    }
}

/// Writes a new entry: a deputy's own, or the office's for a deputy of its scope.
///
/// Errors: 403 for other roles or another deputy; 404 for a deputy out of scope; 422 for
/// a bad kind.
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &EntryInput,
) -> Result<EntryRow, ApiError> {
    let deputy = match (input.deputy_id, is_office(user)) {
        (Some(d), true) => d,
        (None, true) => return Err(Refusal::invalid("/deputy_id", CommonMessage::Required).into()),
        (Some(d), false) if Some(d.0) != user.deputy_id => {
            return Err(Refusal::forbidden(M::OnlyTheDeputy).into())
        }
        _ => own_deputy(user)?,
    };
    let deputy = readable_deputy(conn, user, deputy)?;
    let kind = usable_kind(conn, deputy.congress_id, input.kind_id)?;
    Ok(diesel::insert_into(performance_entries::table)
        .values((
            performance_entries::id.eq(PerformanceEntryId::new_v7()),
            performance_entries::congress_id.eq(deputy.congress_id),
            performance_entries::deputy_id.eq(deputy.id),
            performance_entries::kind_id.eq(kind.id),
            performance_entries::occurred_on.eq(input.occurred_on),
            performance_entries::title.eq(input.title.trim()),
            performance_entries::content.eq(input.content.trim()),
            performance_entries::created_by.eq(Some(user.id)),
        ))
        .returning(EntryRow::as_returning())
        .get_result(conn)?)
}

/// Replaces the fields of a pending entry.
pub fn update(
    conn: &mut PgConnection,
    row: &EntryRow,
    input: &EntryInput,
) -> Result<EntryRow, ApiError> {
    let kind = usable_kind(conn, row.congress_id, input.kind_id)?;
    Ok(diesel::update(performance_entries::table.find(row.id))
        .set((
            performance_entries::kind_id.eq(kind.id),
            performance_entries::occurred_on.eq(input.occurred_on),
            performance_entries::title.eq(input.title.trim()),
            performance_entries::content.eq(input.content.trim()),
            performance_entries::version.eq(row.version + 1),
            performance_entries::updated_at.eq(Utc::now()),
        ))
        .returning(EntryRow::as_returning())
        .get_result(conn)?)
}

/// Records a step's new state (and, for a review, who and why).
pub fn set_status(
    conn: &mut PgConnection,
    row: &EntryRow,
    status: EntryStatus,
    reviewer: Option<UserId>,
    note: Option<&str>,
) -> QueryResult<EntryRow> {
    let now = Utc::now();
    diesel::update(performance_entries::table.find(row.id))
        .set((
            performance_entries::status.eq(status),
            performance_entries::review_note.eq(note),
            performance_entries::reviewed_by.eq(reviewer),
            performance_entries::reviewed_at.eq(reviewer.map(|_| now)),
            performance_entries::version.eq(row.version + 1),
            performance_entries::updated_at.eq(now),
        ))
        .returning(EntryRow::as_returning())
        .get_result(conn)
}

/// A page of entries: a deputy's own, or the office's and the presidium's scope, with the
/// filters of [`EntryListQuery`]; oldest first (by change time with `updated_since`).
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &EntryListQuery,
) -> Result<EntryPage, ApiError> {
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = performance_entries::table
        .filter(performance_entries::congress_id.eq_any(scope(user.congress_id)))
        .select(EntryRow::as_select())
        .into_boxed();
    if !reads_scope(user) {
        query = query.filter(performance_entries::deputy_id.eq(own_deputy(user)?));
    }
    if let Some(s) = q.status {
        query = query.filter(performance_entries::status.eq(s));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(performance_entries::deputy_id.eq(d));
    }
    if let Some(c) = q.congress_id {
        query = query.filter(performance_entries::congress_id.eq(c));
    }
    let rows: Vec<EntryRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(performance_entries::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    performance_entries::updated_at
                        .gt(at)
                        .or(performance_entries::updated_at
                            .eq(at)
                            .and(performance_entries::id.gt(PerformanceEntryId(id)))),
                );
            }
            query
                .order((performance_entries::updated_at, performance_entries::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(performance_entries::id.gt(PerformanceEntryId(c.id)));
            }
            query
                .order(performance_entries::id)
                .limit(limit + 1)
                .load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(EntryPage {
        items: to_wire(conn, rows)?,
        next_cursor,
    })
}
