//! Queries of assessment schemes: rows, the check of an input, the list with its paging,
//! and the freezing of a version when a run uses it.

use super::super::access::congress_in_scope;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::paging::{cut, limit, Cursor};
use crate::schema::assessment_schemes;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::{
    templates, validate_scheme, AssessmentScheme, AssessmentSchemeId, CongressId, Refusal,
    SchemeDefinition, SchemeInput, SchemeListQuery, SchemePage,
};

/// A row of `assessment_schemes` (`definition` is the contract's [`SchemeDefinition`]).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = assessment_schemes)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct SchemeRow {
    pub id: AssessmentSchemeId,
    pub congress_id: CongressId,
    pub name: String,
    pub year: i32,
    pub number: i32,
    pub previous_id: Option<AssessmentSchemeId>,
    pub template: Option<String>,
    pub notes: Option<String>,
    pub definition: serde_json::Value,
    pub frozen: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SchemeRow {
    /// The definition as the contract reads it.
    ///
    /// Errors: 500 when the stored JSON does not fit (never written so by the server).
    pub fn definition(&self) -> Result<SchemeDefinition, ApiError> {
        serde_json::from_value(self.definition.clone())
            .map_err(|e| ApiError::Internal(format!("scheme {}: {e}", self.id.0)))
    }

    /// The wire form.
    pub fn to_wire(&self) -> Result<AssessmentScheme, ApiError> {
        Ok(AssessmentScheme {
            id: self.id,
            congress_id: self.congress_id,
            name: self.name.clone(),
            year: self.year,
            number: self.number,
            previous_id: self.previous_id,
            template: self.template.clone(),
            notes: self.notes.clone(),
            definition: self.definition()?,
            frozen: self.frozen,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        })
    }
}

/// Checks an input: `/name` 1–100 characters without control characters, `/year` 2000–2100, `/template` a known
/// template code, `/notes` at most 2,000 characters, and the definition by the contract's
/// [`validate_scheme`] (each fault with its pointer).
pub fn check(input: &SchemeInput) -> Result<(), ApiError> {
    let mut faults = vec![];
    let n = input.name.trim().chars().count();
    if n == 0 {
        faults.push(Refusal::invalid("/name", CommonMessage::Required));
    } else if n > 100 {
        faults.push(Refusal::invalid(
            "/name",
            CommonMessage::TooLong { max: 100 },
        ));
    } else if renda_openapi::validation::has_control_chars(&input.name, false) {
        faults.push(Refusal::invalid("/name", CommonMessage::InvalidCharacters));
    }
    if !(2000..=2100).contains(&input.year) {
        faults.push(Refusal::invalid(
            "/year",
            CommonMessage::OutOfRange {
                min: 2000.0,
                max: 2100.0,
            },
        ));
    }
    if let Some(code) = &input.template {
        if !templates::all().iter().any(|t| &t.code == code) {
            faults.push(Refusal::invalid(
                "/template",
                M::UnknownTemplate { code: code.clone() },
            ));
        }
    }
    if input
        .notes
        .as_ref()
        .is_some_and(|n| n.chars().count() > 2000)
    {
        faults.push(Refusal::invalid(
            "/notes",
            CommonMessage::TooLong { max: 2000 },
        ));
    }
    faults.extend(validate_scheme(&input.definition));
    super::super::access::faults(faults)
}

/// The definition as stored.
pub fn to_json(def: &SchemeDefinition) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(def).map_err(|e| ApiError::Internal(e.to_string()))
}

fn not_found() -> ApiError {
    Refusal::not_found(CommonMessage::NotInScope).into()
}

/// A version in the caller's scope, locked when `lock`.
///
/// Errors: 404 `not_in_scope`.
pub fn find(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: AssessmentSchemeId,
    lock: bool,
) -> Result<SchemeRow, ApiError> {
    let q = assessment_schemes::table
        .find(id)
        .filter(assessment_schemes::congress_id.eq_any(scope(user.congress_id)))
        .select(SchemeRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    row.ok_or_else(not_found)
}

/// Writes a new version (number 1 unless `previous` is given).
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &SchemeInput,
    previous: Option<&SchemeRow>,
) -> Result<SchemeRow, ApiError> {
    congress_in_scope(conn, user, input.congress_id)?;
    Ok(diesel::insert_into(assessment_schemes::table)
        .values((
            assessment_schemes::id.eq(AssessmentSchemeId::new_v7()),
            assessment_schemes::congress_id.eq(input.congress_id),
            assessment_schemes::name.eq(input.name.trim()),
            assessment_schemes::year.eq(input.year),
            assessment_schemes::number.eq(previous.map_or(1, |p| p.number + 1)),
            assessment_schemes::previous_id.eq(previous.map(|p| p.id)),
            assessment_schemes::template.eq(&input.template),
            assessment_schemes::notes.eq(&input.notes),
            assessment_schemes::definition.eq(to_json(&input.definition)?),
        ))
        .returning(SchemeRow::as_returning())
        .get_result(conn)?)
}

/// Replaces the fields of an unfrozen version.
pub fn update(
    conn: &mut PgConnection,
    row: &SchemeRow,
    input: &SchemeInput,
) -> Result<SchemeRow, ApiError> {
    Ok(diesel::update(assessment_schemes::table.find(row.id))
        .set((
            assessment_schemes::name.eq(input.name.trim()),
            assessment_schemes::year.eq(input.year),
            assessment_schemes::template.eq(&input.template),
            assessment_schemes::notes.eq(&input.notes),
            assessment_schemes::definition.eq(to_json(&input.definition)?),
            assessment_schemes::version.eq(row.version + 1),
            assessment_schemes::updated_at.eq(Utc::now()),
        ))
        .returning(SchemeRow::as_returning())
        .get_result(conn)?)
}

/// Freezes a version (a run now uses it); nothing when it is frozen already.
pub fn freeze(conn: &mut PgConnection, row: &SchemeRow) -> QueryResult<()> {
    if !row.frozen {
        diesel::update(assessment_schemes::table.find(row.id))
            .set((
                assessment_schemes::frozen.eq(true),
                assessment_schemes::version.eq(row.version + 1),
                assessment_schemes::updated_at.eq(Utc::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A page of versions of the caller's scope, with the filters of [`SchemeListQuery`].
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &SchemeListQuery,
) -> Result<SchemePage, ApiError> {
    use assessment_schemes as s;
    let limit = limit(q.limit)?;
    let after = q.cursor.as_deref().map(Cursor::parse).transpose()?;
    let mut query = s::table
        .filter(s::congress_id.eq_any(scope(user.congress_id)))
        .select(SchemeRow::as_select())
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(s::congress_id.eq(c));
    }
    if let Some(y) = q.year {
        query = query.filter(s::year.eq(y));
    }
    let rows: Vec<SchemeRow> = match q.updated_since {
        Some(since) => {
            query = query.filter(s::updated_at.gt(since));
            if let Some(Cursor { at: Some(at), id }) = after {
                query = query.filter(
                    s::updated_at
                        .gt(at)
                        .or(s::updated_at.eq(at).and(s::id.gt(AssessmentSchemeId(id)))),
                );
            }
            query
                .order((s::updated_at, s::id))
                .limit(limit + 1)
                .load(conn)?
        }
        None => {
            if let Some(c) = after {
                query = query.filter(s::id.gt(AssessmentSchemeId(c.id)));
            }
            query.order(s::id).limit(limit + 1).load(conn)?
        }
    };
    let with_time = q.updated_since.is_some();
    let (rows, next_cursor) = cut(rows, limit, |r| Cursor {
        at: with_time.then_some(r.updated_at),
        id: r.id.0,
    });
    Ok(SchemePage {
        items: rows
            .iter()
            .map(SchemeRow::to_wire)
            .collect::<Result<_, _>>()?,
        next_cursor,
    })
}
