//! Database rows of congresses and terms.

use crate::error::ApiError;
use crate::schema::{congresses, terms};
use chrono::{DateTime, Months, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{Congress, CongressLevel, Term};
use uuid::Uuid;

/// A row of `congresses`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = congresses)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct CongressRow {
    pub id: Uuid,
    pub name: String,
    pub level: String,
    pub parent_id: Option<Uuid>,
    pub ancestor_ids: Vec<Uuid>,
    pub time_zone: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CongressRow {
    /// The level code parsed.
    pub fn level(&self) -> Result<CongressLevel, ApiError> {
        CongressLevel::parse(&self.level)
            .ok_or_else(|| ApiError::Internal(format!("bad level {}", self.level)))
    }
    /// The wire form.
    pub fn to_wire(&self) -> Result<Congress, ApiError> {
        Ok(Congress {
            id: self.id,
            name: self.name.clone(),
            level: self.level()?,
            parent_id: self.parent_id,
            time_zone: self.time_zone.clone(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A row of `terms`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = terms)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct TermRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub number: i32,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A term lasts five years from its first session (R1; DL 2, OL 9). From 29 February the
/// end falls on 28 February (chrono clamps to the month's last day).
pub fn expected_term_end(starts_on: NaiveDate) -> NaiveDate {
    starts_on
        .checked_add_months(Months::new(60))
        .unwrap_or(NaiveDate::MAX)
}

impl TermRow {
    /// The wire form.
    pub fn to_wire(&self) -> Term {
        Term {
            id: self.id,
            congress_id: self.congress_id,
            number: self.number,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            expected_ends_on: expected_term_end(self.starts_on),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}
