//! Deadline reminders (issue 5 item 3): overdue and due-soon are derived from each item's
//! current deadline (`due_on`: referral, reply or re-handling) and sent as reminders to the
//! inboxes of who must act: the handling organisations an item is actively referred to (for
//! the reply and re-handling deadlines) and the congress office (for every deadline). A
//! co-handler is also reminded of its own input to the lead organisation
//! (`Referral.input_due`, local practice: within 1 month of referral) until it sends it.
//! The sweep runs in `renda serve` every `REMINDER_SWEEP_MINUTES` and on demand; it writes
//! each reminder once (a unique index), so running it again changes nothing.

use super::repo;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::schema::{
    handling_orgs, suggestion_referrals, suggestion_reminders, suggestion_replies, suggestions,
};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use renda_openapi::*;
use std::collections::HashMap;
use uuid::Uuid;

/// States whose deadline is a handling organisation's (the reply or the re-handling).
const ORG_STATES: &[&str] = &["referred", "in_progress", "extended", "rehandling"];

/// States in which a co-handler's input to the lead is awaited: before the lead's reply.
/// Re-handling asks a new reply of the lead, not new input of the co-handlers.
const INPUT_STATES: &[&str] = &["referred", "in_progress", "extended"];

/// Writes the reminders due on `today`: for every item whose deadline has passed
/// (`overdue`) or falls within its congress's `due_soon_days` (`due_soon`), one for the
/// office and one for each handling organisation that holds it; and for every co-handler
/// whose input to the lead (`co_input_months` after its referral) is overdue
/// (`input_overdue`) or due within `due_soon_days` (`input_due_soon`) and not yet sent
/// while the item awaits the lead's reply, one for that co-handler.
pub fn sweep(conn: &mut PgConnection, today: NaiveDate) -> Result<SweepReport, ApiError> {
    // The widest window any congress uses bounds the query; each item is then judged by
    // its own congress's setting.
    let rows: Vec<(Uuid, Uuid, String, NaiveDate)> = suggestions::table
        .filter(suggestions::due_on.is_not_null())
        .filter(suggestions::status.ne_all(["draft", "withdrawn", "not_accepted", "closed"]))
        .filter(suggestions::due_on.le(today + Duration::days(366)))
        .select((
            suggestions::id,
            suggestions::congress_id,
            suggestions::status,
            suggestions::due_on.assume_not_null(),
        ))
        .load(conn)?;
    let mut windows: HashMap<Uuid, i64> = HashMap::new();
    let mut due = 0i64;
    let mut written = 0i64;
    for (id, congress, status, due_on) in rows {
        let days = match windows.get(&congress) {
            Some(d) => *d,
            None => {
                let d = i64::from(repo::settings(conn, congress)?.due_soon_days);
                windows.insert(congress, d);
                d
            }
        };
        let kind = if due_on < today {
            ReminderKind::Overdue
        } else if due_on <= today + Duration::days(days) {
            ReminderKind::DueSoon
        } else {
            continue;
        };
        due += 1;
        let mut recipients: Vec<Option<Uuid>> = vec![None];
        if ORG_STATES.contains(&status.as_str()) {
            recipients.extend(
                suggestion_referrals::table
                    .filter(suggestion_referrals::suggestion_id.eq(id))
                    .filter(suggestion_referrals::returned_at.is_null())
                    .select(suggestion_referrals::handling_org_id)
                    .load::<Uuid>(conn)?
                    .into_iter()
                    .map(Some),
            );
        }
        for org in recipients {
            written += diesel::insert_into(suggestion_reminders::table)
                .values((
                    suggestion_reminders::id.eq(Uuid::now_v7()),
                    suggestion_reminders::suggestion_id.eq(id),
                    suggestion_reminders::congress_id.eq(congress),
                    suggestion_reminders::recipient_org_id.eq(org),
                    suggestion_reminders::kind.eq(kind.as_str()),
                    suggestion_reminders::due_on.eq(due_on),
                ))
                .on_conflict_do_nothing()
                .execute(conn)? as i64;
        }
    }
    let (co_inputs_due, co_written) = sweep_co_inputs(conn, today)?;
    Ok(SweepReport {
        today,
        due,
        co_inputs_due,
        written: written + co_written,
    })
}

/// The co-handlers' part of [`sweep`]: (inputs due, reminders written).
fn sweep_co_inputs(conn: &mut PgConnection, today: NaiveDate) -> Result<(i64, i64), ApiError> {
    // Active co-referrals of items awaiting the lead's reply whose organisation has sent
    // nothing since it was referred.
    let sent_since_referral = suggestion_replies::table
        .filter(suggestion_replies::suggestion_id.eq(suggestion_referrals::suggestion_id))
        .filter(
            suggestion_replies::handling_org_id
                .eq(suggestion_referrals::handling_org_id.nullable()),
        )
        .filter(suggestion_replies::status.eq("sent"))
        .filter(suggestion_replies::sent_at.ge(suggestion_referrals::created_at.nullable()));
    let rows: Vec<(Uuid, Uuid, Uuid, NaiveDate)> = suggestion_referrals::table
        .inner_join(suggestions::table)
        .filter(suggestion_referrals::role.eq("co"))
        .filter(suggestion_referrals::returned_at.is_null())
        .filter(suggestions::status.eq_any(INPUT_STATES))
        .filter(diesel::dsl::not(diesel::dsl::exists(sent_since_referral)))
        .select((
            suggestions::id,
            suggestions::congress_id,
            suggestion_referrals::handling_org_id,
            suggestion_referrals::referred_on,
        ))
        .load(conn)?;
    let mut settings: HashMap<Uuid, SuggestionSettings> = HashMap::new();
    let (mut due, mut written) = (0i64, 0i64);
    for (id, congress, org, referred_on) in rows {
        let s = match settings.get(&congress) {
            Some(s) => s.clone(),
            None => {
                let s = repo::settings(conn, congress)?;
                settings.insert(congress, s.clone());
                s
            }
        };
        let due_on = repo::co_input_due(referred_on, &s);
        let kind = if due_on < today {
            ReminderKind::InputOverdue
        } else if due_on <= today + Duration::days(i64::from(s.due_soon_days)) {
            ReminderKind::InputDueSoon
        } else {
            continue;
        };
        due += 1;
        written += diesel::insert_into(suggestion_reminders::table)
            .values((
                suggestion_reminders::id.eq(Uuid::now_v7()),
                suggestion_reminders::suggestion_id.eq(id),
                suggestion_reminders::congress_id.eq(congress),
                suggestion_reminders::recipient_org_id.eq(Some(org)),
                suggestion_reminders::kind.eq(kind.as_str()),
                suggestion_reminders::due_on.eq(due_on),
            ))
            .on_conflict_do_nothing()
            .execute(conn)? as i64;
    }
    Ok((due, written))
}

/// The caller's inbox, newest first (at most 500): a handling organisation's user sees
/// their organisation's reminders; the office and the presidium the office's reminders of
/// their scope. Other roles have no inbox (403).
pub fn inbox(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &ReminderQuery,
) -> Result<Vec<Reminder>, ApiError> {
    // Only items the caller still sees (an organisation that returned one loses it).
    let visible = repo::visible(user).select(suggestions::id);
    let mut query = suggestion_reminders::table
        .inner_join(suggestions::table)
        .left_join(handling_orgs::table)
        .filter(suggestions::id.eq_any(visible))
        .into_boxed();
    query = match user.role {
        Role::HandlingOrg => query.filter(
            suggestion_reminders::recipient_org_id.eq(user.handling_org_id.unwrap_or(Uuid::nil())),
        ),
        Role::Admin | Role::Staff | Role::Presidium => query
            .filter(suggestion_reminders::recipient_org_id.is_null())
            .filter(suggestion_reminders::congress_id.eq_any(scope(user.congress_id))),
        _ => {
            return Err(renda_openapi::Refusal::forbidden(
                renda_openapi::SuggestionMessage::NoReminders,
            )
            .into())
        }
    };
    if q.unread == Some(true) {
        query = query.filter(suggestion_reminders::read_at.is_null());
    }
    let rows: Vec<(ReminderRow, String, String, Option<String>)> = query
        .order((
            suggestion_reminders::created_at.desc(),
            suggestion_reminders::id.desc(),
        ))
        .limit(500)
        .select((
            ReminderRow::as_select(),
            suggestions::title,
            suggestions::status,
            handling_orgs::name.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(r, title, status, org)| Reminder {
            id: r.id,
            suggestion_id: r.suggestion_id,
            congress_id: r.congress_id,
            title,
            status: SuggestionStatus::parse(&status).unwrap_or(SuggestionStatus::Submitted),
            kind: ReminderKind::parse(&r.kind).unwrap_or(ReminderKind::Overdue),
            due_on: r.due_on,
            recipient_org_id: r.recipient_org_id,
            recipient_org_name: org,
            created_at: r.created_at,
            read_at: r.read_at,
        })
        .collect())
}

/// Marks a reminder of the caller's inbox read; 404 for anyone else's.
pub fn mark_read(conn: &mut PgConnection, user: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    let mine = inbox(conn, user, &ReminderQuery::default())?
        .into_iter()
        .any(|r| r.id == id);
    if !mine {
        let what = renda_openapi::SuggestionRecord::Reminder;
        return Err(renda_openapi::Refusal::not_found(
            renda_openapi::SuggestionMessage::NotFound { what },
        )
        .into());
    }
    diesel::update(suggestion_reminders::table.find(id))
        .filter(suggestion_reminders::read_at.is_null())
        .set(suggestion_reminders::read_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
}

/// A row of `suggestion_reminders`.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = suggestion_reminders)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct ReminderRow {
    pub id: Uuid,
    pub suggestion_id: Uuid,
    pub congress_id: Uuid,
    pub recipient_org_id: Option<Uuid>,
    pub kind: String,
    pub due_on: NaiveDate,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub read_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Runs [`sweep`] at start and then every `every`, on a thread of its own, for as long as
/// the process lives. A failed sweep is logged and tried again at the next turn.
pub fn spawn_sweeper(pool: crate::db::DbPool, every: std::time::Duration) {
    std::thread::spawn(move || loop {
        let result = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
            conn.transaction(|c| sweep(c, crate::http::today()))
                .map_err(|e| format!("{e:?}"))
        });
        match result {
            Ok(r) if r.written > 0 => {
                log::info!("reminders: {} due, {} written", r.due, r.written)
            }
            Ok(_) => {}
            Err(e) => log::warn!("reminder sweep failed: {e}"),
        }
        std::thread::sleep(every);
    });
}
