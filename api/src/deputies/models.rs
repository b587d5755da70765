//! Database rows of deputies, mandates, status changes, delegations and deputy groups.

use super::personal::{mask_id_card, mask_phone, PartialDate, PersonalDataKey};
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{delegations, deputies, deputy_groups, mandate_status_changes, mandates};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    Deputy, DeputySummary, ElectedVia, Gender, Mandate, MandateStatus, StatusChange, StatusReason,
};
use uuid::Uuid;

/// A row of `deputies`.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = deputies)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct DeputyRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_month: Option<i32>,
    pub birth_day: Option<i32>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
    pub phone: Option<String>,
    pub id_card_encrypted: Option<Vec<u8>>,
    pub id_card_digest: Option<Vec<u8>>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The person's stored columns, for inserts and updates.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = deputies)]
#[diesel(treat_none_as_null = true, treat_none_as_default_value = false)]
pub struct DeputyValues {
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_month: Option<i32>,
    pub birth_day: Option<i32>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
    pub phone: Option<String>,
    pub id_card_encrypted: Option<Vec<u8>>,
    pub id_card_digest: Option<Vec<u8>>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

/// A whole new deputy row (also for bulk `COPY`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = deputies)]
#[diesel(treat_none_as_default_value = false)]
pub struct NewDeputyRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_month: Option<i32>,
    pub birth_day: Option<i32>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
    pub phone: Option<String>,
    pub id_card_encrypted: Option<Vec<u8>>,
    pub id_card_digest: Option<Vec<u8>>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

impl NewDeputyRow {
    /// A new row with the given id in the given congress. (Flat rather than embedding
    /// [`DeputyValues`], because `COPY` needs the columns as one flat tuple.)
    pub fn new(id: Uuid, congress_id: Uuid, v: DeputyValues) -> NewDeputyRow {
        NewDeputyRow {
            id,
            congress_id,
            external_id: v.external_id,
            name: v.name,
            gender: v.gender,
            ethnicity: v.ethnicity,
            birth_year: v.birth_year,
            birth_month: v.birth_month,
            birth_day: v.birth_day,
            party: v.party,
            workplace_post: v.workplace_post,
            phone: v.phone,
            id_card_encrypted: v.id_card_encrypted,
            id_card_digest: v.id_card_digest,
            address: v.address,
            notes: v.notes,
        }
    }
}

impl DeputyRow {
    /// The birth date as stored.
    pub fn birth(&self) -> Option<PartialDate> {
        PartialDate::from_parts(self.birth_year, self.birth_month, self.birth_day)
    }

    /// The gender code parsed.
    pub fn gender(&self) -> Option<Gender> {
        self.gender.as_deref().and_then(Gender::parse)
    }

    /// Decrypted ID-card number.
    pub fn id_card(&self, key: &PersonalDataKey) -> Option<String> {
        self.id_card_encrypted
            .as_deref()
            .and_then(|d| key.decrypt(d))
    }

    /// Whether `user` may see this deputy's contacts unmasked: office and presidium, and
    /// the deputy themself.
    fn contacts_visible(&self, user: &AuthUser) -> bool {
        user.sees_contacts() || user.deputy_id == Some(self.id)
    }

    /// The detail view for `user`, personal data masked as their role requires.
    pub fn to_wire(
        &self,
        user: &AuthUser,
        key: &PersonalDataKey,
        mandates: Vec<Mandate>,
    ) -> Deputy {
        let contacts = self.contacts_visible(user);
        let ids = user.sees_id_cards() || user.deputy_id == Some(self.id);
        let id_card = self.id_card(key);
        let masked = (!contacts && (self.phone.is_some() || self.address.is_some()))
            || (!ids && id_card.is_some());
        Deputy {
            id: self.id,
            congress_id: self.congress_id,
            external_id: self.external_id.clone(),
            name: self.name.clone(),
            gender: self.gender(),
            ethnicity: self.ethnicity.clone(),
            birth_date: self.birth().map(PartialDate::to_wire),
            party: self.party.clone(),
            workplace_post: self.workplace_post.clone(),
            phone: self
                .phone
                .as_ref()
                .map(|p| if contacts { p.clone() } else { mask_phone(p) }),
            id_card_number: id_card.map(|c| if ids { c } else { mask_id_card(&c) }),
            address: if contacts { self.address.clone() } else { None },
            notes: self.notes.clone(),
            personal_data_masked: masked,
            mandates,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    /// The list view for `user`.
    pub fn to_summary(&self, user: &AuthUser, mandate: Option<Mandate>) -> DeputySummary {
        let contacts = self.contacts_visible(user);
        DeputySummary {
            id: self.id,
            congress_id: self.congress_id,
            external_id: self.external_id.clone(),
            name: self.name.clone(),
            gender: self.gender(),
            ethnicity: self.ethnicity.clone(),
            birth_date: self.birth().map(PartialDate::to_wire),
            party: self.party.clone(),
            workplace_post: self.workplace_post.clone(),
            phone: self
                .phone
                .as_ref()
                .map(|p| if contacts { p.clone() } else { mask_phone(p) }),
            mandate,
            version: self.version,
            updated_at: self.updated_at,
        }
    }
}

/// A row of `mandates`.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = mandates)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct MandateRow {
    pub id: Uuid,
    pub deputy_id: Uuid,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    pub delegation_id: Option<Uuid>,
    pub deputy_group_id: Option<Uuid>,
    pub constituency: Option<String>,
    pub certificate_number: Option<String>,
    pub elected_via: String,
    pub elected_on: Option<NaiveDate>,
    pub status: String,
    pub status_reason: Option<String>,
    pub status_date: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A whole new mandate row (also for bulk `COPY`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = mandates)]
#[diesel(treat_none_as_default_value = false)]
pub struct NewMandateRow {
    pub id: Uuid,
    pub deputy_id: Uuid,
    pub congress_id: Uuid,
    pub term_id: Uuid,
    pub delegation_id: Option<Uuid>,
    pub deputy_group_id: Option<Uuid>,
    pub constituency: Option<String>,
    pub certificate_number: Option<String>,
    pub elected_via: String,
    pub elected_on: Option<NaiveDate>,
    pub status: String,
    pub status_reason: Option<String>,
    pub status_date: Option<NaiveDate>,
}

/// A mandate with the names a reader wants beside the ids.
pub type MandateWithNames = (MandateRow, i32, Option<String>, Option<String>);

/// The wire form of a mandate (without history).
pub fn mandate_to_wire(
    (m, term_number, delegation, group): &MandateWithNames,
) -> Result<Mandate, ApiError> {
    Ok(Mandate {
        id: m.id,
        deputy_id: m.deputy_id,
        congress_id: m.congress_id,
        term_id: m.term_id,
        term_number: *term_number,
        delegation_id: m.delegation_id,
        delegation_name: delegation.clone(),
        deputy_group_id: m.deputy_group_id,
        deputy_group_name: group.clone(),
        constituency: m.constituency.clone(),
        certificate_number: m.certificate_number.clone(),
        elected_via: ElectedVia::parse(&m.elected_via)
            .ok_or_else(|| ApiError::Internal("bad elected_via".into()))?,
        elected_on: m.elected_on,
        status: MandateStatus::parse(&m.status)
            .ok_or_else(|| ApiError::Internal("bad status".into()))?,
        status_reason: m.status_reason.as_deref().and_then(StatusReason::parse),
        status_date: m.status_date,
        status_history: vec![],
        credentials_flags: vec![],
        version: m.version,
        updated_at: m.updated_at,
    })
}

/// A row of `mandate_status_changes`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = mandate_status_changes)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct StatusChangeRow {
    pub id: Uuid,
    pub mandate_id: Uuid,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub changed_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

impl StatusChangeRow {
    /// The wire form.
    pub fn to_wire(&self) -> StatusChange {
        StatusChange {
            id: self.id,
            from_status: self.from_status.as_deref().and_then(MandateStatus::parse),
            to_status: MandateStatus::parse(&self.to_status).unwrap_or(MandateStatus::Active),
            reason: self.reason.as_deref().and_then(StatusReason::parse),
            changed_on: self.changed_on,
            note: self.note.clone(),
            recorded_by: self.recorded_by,
            recorded_at: self.recorded_at,
        }
    }
}

/// A row of `delegations` (same shape as `deputy_groups`).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = delegations)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct DelegationRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A row of `deputy_groups`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deputy_groups)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct DeputyGroupRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
