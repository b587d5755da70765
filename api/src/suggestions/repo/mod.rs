//! Queries of suggestions and their handling. Who sees what is decided in SQL by
//! [`visible`]: a deputy their own and co-signed items, a handling organisation the items
//! actively referred to it, the office, presidium and integration clients every submitted
//! item of their scope; drafts only their authors.

use super::calendar::{add_months, add_working_days};
use super::models::*;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::{ensure_in_scope, scope};
// Suspended (DL 61) and terminated (DL 62) deputies neither lead nor co-sign.
use crate::deputies::repo::in_office;
use crate::error::ApiError;
use crate::fields::text;
use crate::schema::{
    activities, congresses, deputies, handling_orgs, suggestion_categories,
    suggestion_consultations, suggestion_events, suggestion_extension_requests,
    suggestion_feedback, suggestion_referrals, suggestion_replies, suggestion_settings,
    suggestion_signers, suggestions,
};
use chrono::{NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::PgExpressionMethods;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Days after the last reply after which the office may close an item its signers have
/// not rated (with a note).
pub const RATING_DAYS: i64 = 30;

/// The office: reviews, refers, extends and closes (admin, staff).
pub const OFFICE: &[Role] = &[Role::Admin, Role::Staff];

/// 404: no such suggestion in the caller's scope.
fn not_found() -> ApiError {
    Refusal::not_found(SuggestionMessage::NotFound {
        what: SuggestionRecord::Suggestion,
    })
    .into()
}

/// 422 at `pointer`: no such record (`what`) in the caller's scope.
fn missing(pointer: &str, what: SuggestionRecord) -> ApiError {
    Refusal::invalid(pointer, SuggestionMessage::NotFound { what }).into()
}

/// Suggestions the caller may see (see the module documentation).
pub fn visible<'a>(user: &AuthUser) -> suggestions::BoxedQuery<'a, Pg> {
    let q = suggestions::table
        .filter(suggestions::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    match user.role {
        Role::Deputy => {
            let me = user.deputy_id.unwrap_or(Uuid::nil());
            let signed = suggestion_signers::table
                .filter(suggestion_signers::deputy_id.eq(me))
                .select(suggestion_signers::suggestion_id);
            q.filter(
                suggestions::id
                    .eq_any(signed)
                    .or(suggestions::created_by.is_not_distinct_from(user.id)),
            )
        }
        Role::HandlingOrg => {
            let org = user.handling_org_id.unwrap_or(Uuid::nil());
            let referred = suggestion_referrals::table
                .filter(suggestion_referrals::handling_org_id.eq(org))
                .filter(suggestion_referrals::returned_at.is_null())
                .select(suggestion_referrals::suggestion_id);
            q.filter(suggestions::id.eq_any(referred))
                .filter(suggestions::status.ne("draft"))
        }
        // A draft withdrawn before it was ever submitted stays its authors' own.
        Role::Admin | Role::Staff | Role::Presidium | Role::Integration => q.filter(
            suggestions::status
                .ne("draft")
                .and(
                    suggestions::status
                        .ne("withdrawn")
                        .or(suggestions::submitted_on.is_not_null()),
                )
                .or(suggestions::created_by.is_not_distinct_from(user.id)),
        ),
    }
}

/// 404 unless the suggestion is visible to the caller.
pub fn ensure(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionRow, ApiError> {
    visible(user)
        .filter(suggestions::id.eq(id))
        .select(SuggestionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)
}

/// The visible suggestion, locked for a change.
fn ensure_locked(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionRow, ApiError> {
    ensure(conn, user, id)?;
    Ok(suggestions::table
        .find(id)
        .for_update()
        .select(SuggestionRow::as_select())
        .first(conn)?)
}

/// The settings of a congress, defaults when none are stored.
pub fn settings(conn: &mut PgConnection, congress: Uuid) -> QueryResult<SuggestionSettings> {
    Ok(suggestion_settings::table
        .find(congress)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()?
        .map(|r| r.to_wire())
        .unwrap_or_default())
}

/// Appends a transition to the history and the audit log.
#[allow(clippy::too_many_arguments)]
fn record(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    from: Option<SuggestionStatus>,
    to: SuggestionStatus,
    action: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    diesel::insert_into(suggestion_events::table)
        .values((
            suggestion_events::id.eq(Uuid::now_v7()),
            suggestion_events::suggestion_id.eq(id),
            suggestion_events::from_status.eq(from.map(|s| s.as_str())),
            suggestion_events::to_status.eq(to.as_str()),
            suggestion_events::action.eq(action),
            suggestion_events::actor_id.eq(user.id),
            suggestion_events::actor_role.eq(user.role.as_str()),
            suggestion_events::note.eq(note),
            // The clock, not the transaction's start: steps of one request stay in order.
            suggestion_events::at.eq(Utc::now()),
        ))
        .execute(conn)?;
    // Every recorded step is a change that `updated_since` syncs, sub-records included.
    diesel::update(suggestions::table.find(id))
        .set(suggestions::updated_at.eq(Utc::now()))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user.id),
        if from.is_none() {
            "create"
        } else {
            "status_change"
        },
        "suggestion",
        Some(id),
        from.map(|s| serde_json::json!({ "status": s.as_str() }))
            .as_ref(),
        Some(&serde_json::json!({ "status": to.as_str(), "action": action, "note": note })),
    )?;
    Ok(())
}

fn check(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The congress and the congresses above it: where a congress's categories come from.
pub(crate) fn congress_and_ancestors(
    conn: &mut PgConnection,
    congress: Uuid,
) -> QueryResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = congresses::table
        .find(congress)
        .select(congresses::ancestor_ids)
        .first(conn)?;
    ids.push(congress);
    Ok(ids)
}

/// Category paths (`一级 / 二级 / 三级`) of every category of these congresses.
pub(crate) fn category_paths(
    conn: &mut PgConnection,
    congresses: &[Uuid],
) -> QueryResult<(Vec<CategoryRow>, HashMap<Uuid, String>)> {
    let rows: Vec<CategoryRow> = suggestion_categories::table
        .filter(suggestion_categories::congress_id.eq_any(congresses))
        .order((
            suggestion_categories::level,
            suggestion_categories::name,
            suggestion_categories::id,
        ))
        .select(CategoryRow::as_select())
        .load(conn)?;
    let mut paths: HashMap<Uuid, String> = HashMap::new();
    for r in &rows {
        // Rows come by level, so a parent's path is known before its children's.
        let path = match r.parent_id.and_then(|p| paths.get(&p)) {
            Some(parent) => format!("{parent} / {}", r.name),
            None => r.name.clone(),
        };
        paths.insert(r.id, path);
    }
    Ok((rows, paths))
}

pub(crate) fn category_path(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<String>> {
    let mut names = vec![];
    let mut next = Some(id);
    while let Some(c) = next {
        let row: Option<(String, Option<Uuid>)> = suggestion_categories::table
            .find(c)
            .select((
                suggestion_categories::name,
                suggestion_categories::parent_id,
            ))
            .first(conn)
            .optional()?;
        match row {
            Some((name, parent)) => {
                names.push(name);
                next = parent;
            }
            None => break,
        }
        if names.len() > 3 {
            break;
        }
    }
    names.reverse();
    Ok((!names.is_empty()).then(|| names.join(" / ")))
}

/// The columns a step changes, besides the state.
#[derive(Default, AsChangeset)]
#[diesel(table_name = suggestions)]
struct Changes {
    not_accepted_code: Option<Option<String>>,
    not_accepted_reason: Option<Option<String>>,
    wide_ranging: Option<bool>,
    is_key: Option<bool>,
    forwarded_to: Option<Option<String>>,
    external_reference: Option<Option<String>>,
    round: Option<i32>,
    submitted_on: Option<Option<NaiveDate>>,
    referral_due: Option<Option<NaiveDate>>,
    referred_on: Option<Option<NaiveDate>>,
    reply_due_base: Option<Option<NaiveDate>>,
    extension_months: Option<i32>,
    reply_due: Option<Option<NaiveDate>>,
    rehandling_due: Option<Option<NaiveDate>>,
    due_on: Option<Option<NaiveDate>>,
    closed_on: Option<Option<NaiveDate>>,
    category_id: Option<Option<Uuid>>,
    round_started_on: Option<Option<NaiveDate>>,
}

/// The item's pending extension request, if any.
fn pending_extension(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<ExtensionRequestRow>> {
    suggestion_extension_requests::table
        .filter(suggestion_extension_requests::suggestion_id.eq(id))
        .filter(suggestion_extension_requests::outcome.is_null())
        .select(ExtensionRequestRow::as_select())
        .first(conn)
        .optional()
}

/// Decides the item's pending extension request, if any: `approved`, `refused` or
/// `lapsed`.
fn decide_extension(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    outcome: &str,
    note: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        suggestion_extension_requests::table
            .filter(suggestion_extension_requests::suggestion_id.eq(id))
            .filter(suggestion_extension_requests::outcome.is_null()),
    )
    .set((
        suggestion_extension_requests::outcome.eq(outcome),
        suggestion_extension_requests::decided_by.eq(user.id),
        suggestion_extension_requests::decided_at.eq(Utc::now()),
        suggestion_extension_requests::decision_note.eq(note),
    ))
    .execute(conn)
}

/// Stores a step: the new state, the changed columns, a new version and the history entry.
#[allow(clippy::too_many_arguments)]
fn apply(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
    to: SuggestionStatus,
    action: &str,
    note: Option<&str>,
    changes: Changes,
) -> Result<SuggestionRow, ApiError> {
    let from = row.state()?;
    diesel::update(suggestions::table.find(row.id))
        .set(&changes)
        .execute(conn)
        .or_else(|e| match e {
            // Nothing besides the state changed.
            diesel::result::Error::QueryBuilderError(_) => Ok(0),
            e => Err(e),
        })?;
    let updated = diesel::update(suggestions::table.find(row.id))
        .set((
            suggestions::status.eq(to.as_str()),
            suggestions::version.eq(row.version + 1),
            suggestions::updated_at.eq(Utc::now()),
        ))
        .returning(SuggestionRow::as_returning())
        .get_result(conn)?;
    record(conn, user, row.id, Some(from), to, action, note)?;
    Ok(updated)
}

fn org_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> QueryResult<Option<HandlingOrgRow>> {
    handling_orgs::table
        .filter(handling_orgs::id.eq(id))
        .filter(handling_orgs::congress_id.eq_any(scope(user.congress_id)))
        .select(HandlingOrgRow::as_select())
        .first(conn)
        .optional()
}

/// The caller's active referral of the item, if any (handling-organisation users).
fn my_referral(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> QueryResult<Option<ReferralRow>> {
    if user.role != Role::HandlingOrg {
        return Ok(None);
    }
    suggestion_referrals::table
        .filter(suggestion_referrals::suggestion_id.eq(id))
        .filter(
            suggestion_referrals::handling_org_id.eq(user.handling_org_id.unwrap_or(Uuid::nil())),
        )
        .filter(suggestion_referrals::returned_at.is_null())
        .select(ReferralRow::as_select())
        .first(conn)
        .optional()
}

fn note_of(errors: &mut Vec<FieldError>, note: &Option<String>) -> Option<String> {
    text(errors, "/note", note.as_deref(), 500, false)
}

/// The referral date: today by default; not in the future nor before submission.
fn referral_date(
    errors: &mut Vec<FieldError>,
    row: &SuggestionRow,
    given: Option<NaiveDate>,
) -> NaiveDate {
    let today = crate::http::today();
    let day = given.unwrap_or(today);
    if day > today {
        let m = SuggestionMessage::ReferralInFuture.into();
        errors.push(FieldError::from_message("/referred_on", &m));
    }
    if row.submitted_on.is_some_and(|s| day < s) {
        let m = SuggestionMessage::ReferralBeforeSubmission.into();
        errors.push(FieldError::from_message("/referred_on", &m));
    }
    day
}

/// Checks the months of an extension or a request for one: 1–3 (422 `/months`).
fn extension_months(errors: &mut Vec<FieldError>, months: i32) {
    if !(1..=3).contains(&months) {
        let m = CommonMessage::OutOfRange { min: 1.0, max: 3.0 }.into();
        errors.push(FieldError::from_message("/months", &m));
    }
}

/// Reply due after referral: 3 months, or 6 for wide-ranging or difficult items (R7; DL 51).
pub fn reply_due(referred_on: NaiveDate, wide_ranging: bool) -> NaiveDate {
    add_months(referred_on, if wide_ranging { 6 } else { 3 })
}

/// A co-handler's input to the lead is due `co_input_months` (default 1) calendar months
/// after its referral (local practice, DOMAIN.md), clamped at the end of a shorter month
/// like the reply deadline: referred on 31 January, due 28 February (29 in a leap year).
pub fn co_input_due(referred_on: NaiveDate, s: &SuggestionSettings) -> NaiveDate {
    add_months(referred_on, s.co_input_months.clamp(1, 3) as u32)
}

/// When the co-handler of `referral` sent its input: its first reply sent since the
/// referral (an earlier referral of the same organisation, since returned, does not count).
fn input_sent_at(referral: &ReferralRow, replies: &[ReplyRow]) -> Option<chrono::DateTime<Utc>> {
    replies
        .iter()
        .filter(|r| r.handling_org_id == Some(referral.handling_org_id))
        .filter_map(|r| r.sent_at)
        .filter(|at| *at >= referral.created_at)
        .min()
}

mod handling;
mod items;
mod referral;
mod setup;
mod steps;
mod wire;

pub use handling::*;
pub use items::*;
pub use setup::*;
pub use steps::*;
pub use wire::*;
