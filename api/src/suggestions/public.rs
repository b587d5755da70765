//! The public list of replied items (R8; DL 51, 52: the handling of deputies' suggestions
//! is reported and made public). Anyone may read it without signing in; it carries no
//! deputy, no consultation and no individual rating, and masks runs of digits that may be
//! phone or ID-card numbers ([`mask_personal_numbers`]).

use super::repo;
use crate::error::ApiError;
use crate::schema::{handling_orgs, suggestion_referrals, suggestion_replies, suggestions};
use chrono::{DateTime, FixedOffset, Utc};
use diesel::prelude::*;
use renda_openapi::*;
use uuid::Uuid;

/// A sent reply: organisation, round, class, text, when sent.
type ReplyRow = (Option<String>, i32, String, String, Option<DateTime<Utc>>);

/// States in which an item has an answer the public may read.
const PUBLIC_STATES: &[&str] = &["replied", "rated", "rehandling", "closed"];

fn cst_date(at: Option<DateTime<Utc>>) -> Option<chrono::NaiveDate> {
    let cst = FixedOffset::east_opt(8 * 3600)?;
    at.map(|t| t.with_timezone(&cst).date_naive())
}

/// A page of a congress's replied items, newest first (by id). 422 for a limit outside
/// 1–100; an unknown congress simply has no items.
pub fn list(conn: &mut PgConnection, q: &PublicQuery) -> Result<PublicPage, ApiError> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        let m = renda_openapi::CommonMessage::OutOfRange {
            min: 1.0,
            max: 100.0,
        };
        return Err(renda_openapi::Refusal::invalid("?limit", m).into());
    }
    let mut query = suggestions::table
        .filter(suggestions::congress_id.eq(q.congress_id))
        .filter(suggestions::status.eq_any(PUBLIC_STATES))
        .into_boxed();
    if let Some(c) = q.cursor {
        query = query.filter(suggestions::id.lt(c));
    }
    type Row = (
        Uuid,
        String,
        String,
        String,
        Option<Uuid>,
        String,
        Option<chrono::NaiveDate>,
        Option<chrono::NaiveDate>,
    );
    let rows: Vec<Row> = query
        .order(suggestions::id.desc())
        .limit(limit + 1)
        .select((
            suggestions::id,
            suggestions::kind,
            suggestions::title,
            suggestions::content,
            suggestions::category_id,
            suggestions::status,
            suggestions::submitted_on,
            suggestions::closed_on,
        ))
        .load(conn)?;
    let more = rows.len() as i64 > limit;
    let last_row = rows.get(limit as usize - 1).map(|r| r.0);
    let mut items = vec![];
    for (id, kind, title, content, category, status, submitted_on, closed_on) in
        rows.into_iter().take(limit as usize)
    {
        let orgs: Vec<String> = suggestion_referrals::table
            .inner_join(handling_orgs::table)
            .filter(suggestion_referrals::suggestion_id.eq(id))
            .filter(suggestion_referrals::returned_at.is_null())
            .order((suggestion_referrals::role.desc(), handling_orgs::name))
            .select(handling_orgs::name)
            .load(conn)?;
        let replies: Vec<ReplyRow> = suggestion_replies::table
            .left_join(handling_orgs::table)
            .filter(suggestion_replies::suggestion_id.eq(id))
            .filter(suggestion_replies::status.eq("sent"))
            .order((suggestion_replies::round, suggestion_replies::sent_at))
            .select((
                handling_orgs::name.nullable(),
                suggestion_replies::round,
                suggestion_replies::result_class,
                suggestion_replies::body,
                suggestion_replies::sent_at,
            ))
            .load(conn)?;
        if replies.is_empty() {
            continue;
        }
        items.push(PublicSuggestion {
            id,
            kind: SuggestionKind::parse(&kind).unwrap_or(SuggestionKind::Suggestion),
            title: mask_personal_numbers(&title),
            content: mask_personal_numbers(&content),
            category_path: match category {
                Some(c) => repo::category_path(conn, c)?,
                None => None,
            },
            status: SuggestionStatus::parse(&status).unwrap_or(SuggestionStatus::Replied),
            submitted_on,
            handling_orgs: orgs,
            replies: replies
                .into_iter()
                .map(|(org, round, class, body, sent)| PublicReply {
                    handling_org_name: org,
                    round,
                    result_class: ResultClass::parse(&class).unwrap_or(ResultClass::D),
                    body: mask_personal_numbers(&body),
                    sent_on: cst_date(sent),
                })
                .collect(),
            closed_on,
        });
    }
    Ok(PublicPage {
        // The last row read, not the last shown: rows without a sent reply are skipped.
        next_cursor: if more { last_row } else { None },
        items,
    })
}
