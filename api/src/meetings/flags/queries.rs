//! Credentials flags (R10; DL 62 (3)): a mandate whose deputy missed two sessions of the
//! same term without approved leave is flagged for the credentials committee, with the
//! two sessions named. The flag never terminates anything; staff clear it with a note.
//! A flag stays open when an absence is corrected later (the correction is in the audit
//! log): only staff clear it, with the reason, so the committee sees every flag raised.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::meetings::models::{local_date, time_zone, FlagRow};
use crate::schema::{activities, congresses, credentials_flags, deputies};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::{ClearFlag, CredentialsFlag, FlagQuery, FlagSession, Role, StatusReason};
use std::collections::HashMap;
use uuid::Uuid;

/// Wire forms of flags, with the deputy's name and the sessions' titles and dates.
pub fn to_wire(
    conn: &mut PgConnection,
    rows: &[FlagRow],
) -> Result<Vec<CredentialsFlag>, ApiError> {
    let deputy_ids: Vec<Uuid> = rows.iter().map(|r| r.deputy_id).collect();
    let names: HashMap<Uuid, String> = deputies::table
        .filter(deputies::id.eq_any(&deputy_ids))
        .select((deputies::id, deputies::name))
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .collect();
    let session_ids: Vec<Uuid> = rows.iter().flat_map(|r| r.session_ids.clone()).collect();
    let sessions: HashMap<Uuid, (String, DateTime<Utc>, String)> = activities::table
        .inner_join(congresses::table)
        .filter(activities::id.eq_any(&session_ids))
        .select((
            activities::id,
            activities::title,
            activities::starts_at,
            congresses::time_zone,
        ))
        .load::<(Uuid, String, DateTime<Utc>, String)>(conn)?
        .into_iter()
        .map(|(id, t, s, tz)| (id, (t, s, tz)))
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let named: Vec<FlagSession> = r
                .session_ids
                .iter()
                .filter_map(|id| {
                    let (title, start, tz) = sessions.get(id)?;
                    Some(FlagSession {
                        id: *id,
                        title: title.clone(),
                        date: local_date(*start, time_zone(tz)),
                    })
                })
                .collect();
            let list = named
                .iter()
                .map(|s| format!("{}（{}）", s.title, s.date))
                .collect::<Vec<_>>()
                .join("、");
            CredentialsFlag {
                id: r.id,
                mandate_id: r.mandate_id,
                deputy_id: r.deputy_id,
                deputy_name: names.get(&r.deputy_id).cloned().unwrap_or_default(),
                congress_id: r.congress_id,
                term_id: r.term_id,
                reason: format!(
                    "{}：{list}。请代表资格审查委员会审查（代表法第六十二条第三项）；代表资格不自动终止。",
                    StatusReason::AbsentTwiceWithoutLeave.label_zh()
                ),
                sessions: named,
                raised_at: r.raised_at,
                cleared_at: r.cleared_at,
                cleared_by: r.cleared_by,
                clear_note: r.clear_note.clone(),
            }
        })
        .collect())
}

/// Open flags of some mandates (for a deputy's detail).
pub fn open_of_mandates(
    conn: &mut PgConnection,
    mandates: &[Uuid],
) -> Result<Vec<CredentialsFlag>, ApiError> {
    let rows: Vec<FlagRow> = credentials_flags::table
        .filter(credentials_flags::mandate_id.eq_any(mandates))
        .filter(credentials_flags::cleared_at.is_null())
        .order((credentials_flags::raised_at, credentials_flags::id))
        .select(FlagRow::as_select())
        .load(conn)?;
    to_wire(conn, &rows)
}

/// Flags in the caller's scope (a deputy: their own), newest first.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &FlagQuery,
) -> Result<Vec<CredentialsFlag>, ApiError> {
    let mut query = credentials_flags::table
        .filter(credentials_flags::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(credentials_flags::congress_id.eq(c));
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(credentials_flags::deputy_id.eq(d));
    }
    if user.role == Role::Deputy {
        query =
            query.filter(credentials_flags::deputy_id.eq(user.deputy_id.unwrap_or(Uuid::nil())));
    }
    if !q.include_cleared.unwrap_or(false) {
        query = query.filter(credentials_flags::cleared_at.is_null());
    }
    let rows: Vec<FlagRow> = query
        .order((credentials_flags::raised_at.desc(), credentials_flags::id))
        .select(FlagRow::as_select())
        .load(conn)?;
    to_wire(conn, &rows)
}

/// Clears an open flag with a note (staff).
///
/// Errors: 404 outside the scope; 409 already cleared; 422 note missing or too long.
pub fn clear(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    body: &ClearFlag,
) -> Result<(FlagRow, FlagRow), ApiError> {
    let note = body.note.trim();
    if note.is_empty() || note.chars().count() > 500 {
        return Err(ApiError::field(
            "/note",
            "invalid_length",
            "请填写 1–500 字的处理说明。",
        ));
    }
    let row: FlagRow = credentials_flags::table
        .filter(credentials_flags::id.eq(id))
        .filter(credentials_flags::congress_id.eq_any(scope(user.congress_id)))
        .for_update()
        .select(FlagRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("提示不存在或不在您的权限范围内。".into()))?;
    if row.cleared_at.is_some() {
        return Err(ApiError::Conflict("该提示已处理。".into()));
    }
    let after = diesel::update(credentials_flags::table.find(id))
        .set((
            credentials_flags::cleared_at.eq(Some(Utc::now())),
            credentials_flags::cleared_by.eq(Some(user.id)),
            credentials_flags::clear_note.eq(Some(note)),
        ))
        .returning(FlagRow::as_returning())
        .get_result(conn)?;
    Ok((row, after))
}
