//! Database rows of suggestions and their handling, handling organisations, categories
//! and settings.

use crate::error::ApiError;
use crate::schema::{
    handling_orgs, suggestion_categories, suggestion_consultations, suggestion_events,
    suggestion_extension_requests, suggestion_feedback, suggestion_referrals, suggestion_replies,
    suggestion_settings, suggestions,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    Consultation, ConsultationForm, ExtensionRequest, Feedback, HandlingOrg, Reply, ResultClass,
    Satisfaction, SuggestionEvent, SuggestionSettings, SuggestionStatus,
};
use uuid::Uuid;

/// A stored code that does not parse: a bug or a hand-edited row.
fn bad(what: &str, code: &str) -> ApiError {
    ApiError::Internal(format!("bad {what} code {code}"))
}

/// A row of `suggestions`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestions)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct SuggestionRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    /// None only for an imported item whose proposer is no deputy of the congress.
    pub lead_deputy_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub kind: String,
    pub title: String,
    pub content: String,
    pub category_id: Option<Uuid>,
    pub session_activity_id: Option<Uuid>,
    pub status: String,
    pub not_accepted_code: Option<String>,
    pub not_accepted_reason: Option<String>,
    pub wide_ranging: bool,
    pub is_key: bool,
    pub forwarded_to: Option<String>,
    pub external_reference: Option<String>,
    pub round: i32,
    pub submitted_on: Option<NaiveDate>,
    pub referral_due: Option<NaiveDate>,
    pub referred_on: Option<NaiveDate>,
    pub reply_due_base: Option<NaiveDate>,
    pub extension_months: i32,
    pub reply_due: Option<NaiveDate>,
    pub rehandling_due: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// `entered` or `imported`.
    pub origin: String,
    /// The day the current round of handling began: the referral date in round 1, the day
    /// re-handling began in later rounds (R7; DL 51: the consultation that must precede
    /// the lead organisation's reply is of this round).
    pub round_started_on: Option<NaiveDate>,
}

/// A row of `suggestion_imports`: what an imported item keeps of its file.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::suggestion_imports)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ImportRow {
    pub suggestion_id: Uuid,
    pub congress_id: Uuid,
    pub source_year: Option<i32>,
    pub source_reference: String,
    pub proposer: Option<String>,
    pub source_category: Option<String>,
    pub imported_at: DateTime<Utc>,
}

impl SuggestionRow {
    /// The state.
    pub fn state(&self) -> Result<SuggestionStatus, ApiError> {
        SuggestionStatus::parse(&self.status).ok_or_else(|| bad("status", &self.status))
    }
}

/// A row of `suggestion_extension_requests`: a lead organisation's request for more time,
/// pending while `outcome` is null, then `approved`, `refused` or `lapsed` (the reply was
/// sent first).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_extension_requests)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ExtensionRequestRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub handling_org_id: Uuid,
    pub months: i32,
    pub reason: String,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

impl ExtensionRequestRow {
    /// The wire form.
    pub fn to_wire(&self) -> ExtensionRequest {
        ExtensionRequest {
            months: self.months,
            reason: self.reason.clone(),
            requested_by_org_id: self.handling_org_id,
            requested_at: self.requested_at,
        }
    }
}

/// A row of `suggestion_referrals`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_referrals)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ReferralRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub handling_org_id: Uuid,
    pub role: String,
    pub referred_on: NaiveDate,
    pub return_due: NaiveDate,
    pub returned_at: Option<DateTime<Utc>>,
    pub return_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A row of `suggestion_replies`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_replies)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ReplyRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub handling_org_id: Option<Uuid>,
    pub round: i32,
    pub result_class: String,
    pub body: String,
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub author_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ReplyRow {
    /// The wire form.
    pub fn to_wire(&self) -> Result<Reply, ApiError> {
        Ok(Reply {
            id: self.id,
            suggestion_id: self.suggestion_id,
            handling_org_id: self.handling_org_id,
            round: self.round,
            result_class: ResultClass::parse(&self.result_class)
                .ok_or_else(|| bad("result class", &self.result_class))?,
            body: self.body.clone(),
            status: self.status.clone(),
            sent_at: self.sent_at,
            version: self.version,
        })
    }
}

/// A row of `suggestion_consultations`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_consultations)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ConsultationRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub handling_org_id: Option<Uuid>,
    pub form: String,
    pub held_on: NaiveDate,
    pub met_by: String,
    pub notes: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// The round of handling in which it was recorded.
    pub round: i32,
}

impl ConsultationRow {
    /// The wire form.
    pub fn to_wire(&self) -> Result<Consultation, ApiError> {
        Ok(Consultation {
            id: self.id,
            handling_org_id: self.handling_org_id,
            form: ConsultationForm::parse(&self.form).ok_or_else(|| bad("form", &self.form))?,
            held_on: self.held_on,
            round: self.round,
            met_by: self.met_by.clone(),
            notes: self.notes.clone(),
        })
    }
}

/// A row of `suggestion_feedback`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_feedback)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct FeedbackRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub deputy_id: Uuid,
    pub round: i32,
    pub attitude: String,
    pub result: String,
    pub comment: Option<String>,
    pub rated_at: DateTime<Utc>,
}

impl FeedbackRow {
    /// The wire form.
    pub fn to_wire(&self) -> Result<Feedback, ApiError> {
        let parse = |s: &str| Satisfaction::parse(s).ok_or_else(|| bad("satisfaction", s));
        Ok(Feedback {
            deputy_id: self.deputy_id,
            round: self.round,
            attitude: parse(&self.attitude)?,
            result: parse(&self.result)?,
            comment: self.comment.clone(),
            rated_at: self.rated_at,
        })
    }
}

/// A row of `suggestion_events`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_events)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct EventRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub from_status: Option<String>,
    pub to_status: String,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl EventRow {
    /// The wire form.
    pub fn to_wire(&self) -> Result<SuggestionEvent, ApiError> {
        let parse = |s: &str| SuggestionStatus::parse(s).ok_or_else(|| bad("status", s));
        Ok(SuggestionEvent {
            id: self.id,
            from_status: self.from_status.as_deref().map(parse).transpose()?,
            to_status: parse(&self.to_status)?,
            action: self.action.clone(),
            actor_id: self.actor_id,
            actor_role: self.actor_role.clone(),
            note: self.note.clone(),
            at: self.at,
        })
    }
}

/// A row of `handling_orgs`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = handling_orgs)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct HandlingOrgRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub name: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl HandlingOrgRow {
    /// The wire form.
    pub fn to_wire(&self) -> HandlingOrg {
        HandlingOrg {
            id: self.id,
            congress_id: self.congress_id,
            name: self.name.clone(),
            version: self.version,
        }
    }
}

/// A row of `suggestion_categories`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_categories)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct CategoryRow {
    pub id: Uuid,
    pub congress_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: i32,
    pub name: String,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
}

/// A row of `suggestion_settings`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = suggestion_settings)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct SettingsRow {
    pub congress_id: Uuid,
    pub referral_working_days: i32,
    pub return_working_days: i32,
    pub rehandling_months: i32,
    pub due_soon_days: i32,
    pub max_rehandling_rounds: i32,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub co_input_months: i32,
}

impl SettingsRow {
    /// The wire form.
    pub fn to_wire(&self) -> SuggestionSettings {
        SuggestionSettings {
            referral_working_days: self.referral_working_days,
            return_working_days: self.return_working_days,
            rehandling_months: self.rehandling_months,
            due_soon_days: self.due_soon_days,
            max_rehandling_rounds: self.max_rehandling_rounds,
            co_input_months: self.co_input_months,
        }
    }
}
