//! iCalendar feeds (RFC 5545, rendered with the `icalendar` crate) that phone calendars
//! subscribe to: per deputy (the activities they are invited to) or per congress (every
//! activity). The URL carries a random 256-bit token; only its SHA-256 is stored, so a
//! leaked database does not leak feeds, and a feed is revoked by deleting its token.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::{ensure_in_scope, scope};
use crate::error::ApiError;
use crate::meetings::models::FeedRow;
use crate::meetings::{calendar, shared};
use crate::schema::{calendar_feeds, deputies};
use base64::Engine;
use chrono::{Duration, Utc};
use diesel::prelude::*;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use rand::RngCore;
use renda_openapi::{
    ActivityStatus, CalendarEntry, CalendarFeed, CalendarQuery, NewCalendarFeed, Role,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Days before today a feed reaches back.
pub const FEED_PAST_DAYS: i64 = 90;

fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn to_wire(row: &FeedRow, path: Option<String>) -> CalendarFeed {
    CalendarFeed {
        id: row.id,
        congress_id: row.congress_id,
        deputy_id: row.deputy_id,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
        path,
    }
}

/// Creates a feed and returns it with its path (the only time the token is shown).
///
/// Errors: 403 for a deputy asking for someone else's feed or a congress feed, and for
/// roles other than staff, admin, presidium and deputy; 422 (field) for a congress or
/// deputy outside the caller's scope.
pub fn create(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewCalendarFeed,
) -> Result<CalendarFeed, ApiError> {
    match user.role {
        Role::Admin | Role::Staff | Role::Presidium => {}
        Role::Deputy => {
            if new.deputy_id.is_none() || new.deputy_id != user.deputy_id {
                return Err(ApiError::Forbidden("代表只能订阅本人的日程。".into()));
            }
        }
        _ => return Err(ApiError::Forbidden("当前角色不能创建日历订阅。".into())),
    }
    ensure_in_scope(conn, user, new.congress_id).map_err(|_| {
        ApiError::field(
            "/congress_id",
            "not_found",
            "代表大会不存在或不在您的权限范围内。",
        )
    })?;
    if let Some(d) = new.deputy_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputies::table
                .filter(deputies::id.eq(d))
                .filter(deputies::congress_id.eq_any(scope(user.congress_id))),
        ))
        .get_result(conn)?;
        if !ok {
            return Err(ApiError::field(
                "/deputy_id",
                "not_found",
                "代表不存在或不在您的权限范围内。",
            ));
        }
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let row: FeedRow = diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::id.eq(Uuid::now_v7()),
            calendar_feeds::token_hash.eq(hash(&token)),
            calendar_feeds::congress_id.eq(new.congress_id),
            calendar_feeds::deputy_id.eq(new.deputy_id),
            calendar_feeds::created_by.eq(Some(user.id)),
        ))
        .returning(FeedRow::as_returning())
        .get_result(conn)?;
    Ok(to_wire(&row, Some(format!("/api/v1/calendar/{token}.ics"))))
}

/// Feeds the caller may manage: their own (a deputy's are theirs), or, for staff and
/// admin, every feed in scope.
pub fn list(conn: &mut PgConnection, user: &AuthUser) -> Result<Vec<CalendarFeed>, ApiError> {
    let mut q = calendar_feeds::table
        .filter(calendar_feeds::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if !user.is_office() {
        q = q.filter(calendar_feeds::created_by.eq(user.id));
    }
    Ok(
        q.order((calendar_feeds::created_at.desc(), calendar_feeds::id))
            .select(FeedRow::as_select())
            .load(conn)?
            .iter()
            .map(|r| to_wire(r, None))
            .collect(),
    )
}

/// Revokes a feed: its URL answers 404 from then on.
///
/// Errors: 404 when the caller may not manage it; 409 already revoked.
pub fn revoke(conn: &mut PgConnection, user: &AuthUser, id: Uuid) -> Result<FeedRow, ApiError> {
    let row: FeedRow = calendar_feeds::table
        .filter(calendar_feeds::id.eq(id))
        .filter(calendar_feeds::congress_id.eq_any(scope(user.congress_id)))
        .select(FeedRow::as_select())
        .first(conn)
        .optional()?
        .filter(|r| user.is_office() || r.created_by == Some(user.id))
        .ok_or_else(|| ApiError::NotFound("订阅不存在或不在您的权限范围内。".into()))?;
    if row.revoked_at.is_some() {
        return Err(ApiError::Conflict("该订阅已停用。".into()));
    }
    Ok(diesel::update(calendar_feeds::table.find(id))
        .set(calendar_feeds::revoked_at.eq(Some(Utc::now())))
        .returning(FeedRow::as_returning())
        .get_result(conn)?)
}

/// Renders the feed of a token: `FEED_PAST_DAYS` back to a year ahead.
///
/// Errors: 404 for an unknown or revoked token (the same answer for both).
pub fn render(conn: &mut PgConnection, token: &str) -> Result<String, ApiError> {
    let not_found = || ApiError::NotFound("日历订阅不存在或已停用。".into());
    if token.is_empty() || token.len() > 100 {
        return Err(not_found());
    }
    let feed: FeedRow = calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(hash(token)))
        .filter(calendar_feeds::revoked_at.is_null())
        .select(FeedRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    // The feed reads as the person it is for: a deputy sees their invitations, a
    // congress feed every activity of the congress and the congresses below it.
    let reader = AuthUser {
        id: feed.created_by.unwrap_or(Uuid::nil()),
        role: if feed.deputy_id.is_some() {
            Role::Deputy
        } else {
            Role::Presidium
        },
        congress_id: feed.congress_id,
        deputy_id: feed.deputy_id,
        handling_org_id: None,
        scopes: None,
    };
    let tz = shared::congress_tz(conn, feed.congress_id)?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    // Two calendar ranges (each at most 366 days): the past days and the year ahead.
    let mut entries = calendar::queries::calendar(
        conn,
        &reader,
        &CalendarQuery {
            from: Some(today - Duration::days(FEED_PAST_DAYS)),
            to: Some(today - Duration::days(1)),
            ..Default::default()
        },
    )?;
    entries.extend(calendar::queries::calendar(
        conn,
        &reader,
        &CalendarQuery {
            from: Some(today),
            to: Some(today + Duration::days(365)),
            ..Default::default()
        },
    )?);
    // An activity running across midnight into today is in both ranges: once is enough.
    let mut seen = std::collections::HashSet::new();
    entries.retain(|e| seen.insert((e.activity_id, e.occurrence_start)));
    Ok(to_ics(&feed, tz, entries))
}

/// The iCalendar text of a feed's entries: one event each, its uid the activity's (and
/// the occurrence's start for an occurrence still in its series).
fn to_ics(feed: &FeedRow, tz: chrono_tz::Tz, entries: Vec<CalendarEntry>) -> String {
    let mut cal = Calendar::new();
    cal.name(if feed.deputy_id.is_some() {
        "人大代表活动日程"
    } else {
        "人大活动日程"
    })
    .timezone(tz.name());
    for e in entries {
        let uid = match (e.virtual_occurrence, e.occurrence_start) {
            (true, Some(s)) => format!("{}-{}@renda", e.activity_id, s.format("%Y%m%dT%H%M%SZ")),
            _ => format!("{}@renda", e.activity_id),
        };
        let mut event = Event::new();
        event
            .uid(&uid)
            .summary(&e.title)
            .description(&format!("{}（{}）", e.kind.label_zh(), e.status.label_zh()))
            .starts(e.starts_at)
            .ends(e.ends_at)
            .status(match e.status {
                ActivityStatus::Cancelled => EventStatus::Cancelled,
                ActivityStatus::Planned => EventStatus::Tentative,
                _ => EventStatus::Confirmed,
            });
        if let Some(place) = &e.place {
            event.location(place);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}
