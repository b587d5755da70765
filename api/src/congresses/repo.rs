//! Queries on congresses and terms, and the caller's scope.

use super::models::{CongressRow, TermRow};
use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use crate::schema::{congresses, terms};
use diesel::prelude::*;
use renda_openapi::{CongressLevel, FieldError, NewCongress, NewTerm};
use uuid::Uuid;

/// The ids of `root` and every congress below it, as a subquery: a user's scope.
#[diesel::dsl::auto_type]
pub fn scope(root: Uuid) -> _ {
    let below: Vec<Uuid> = vec![root];
    congresses::table
        .filter(
            congresses::id
                .eq(root)
                .or(congresses::ancestor_ids.contains(below)),
        )
        .select(congresses::id)
}

/// The same scope as a filter on `congresses` itself (a table cannot take a subquery of
/// itself in diesel's DSL).
#[diesel::dsl::auto_type]
fn own_scope(root: Uuid) -> _ {
    let below: Vec<Uuid> = vec![root];
    congresses::id
        .eq(root)
        .or(congresses::ancestor_ids.contains(below))
}

/// 404 unless `congress` is in the caller's scope.
pub fn ensure_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
) -> Result<CongressRow, ApiError> {
    congresses::table
        .filter(congresses::id.eq(congress))
        .filter(own_scope(user.congress_id))
        .select(CongressRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("代表大会不存在或不在您的权限范围内。".into()))
}

/// Congresses in the caller's scope, highest level first, then by name.
pub fn list(conn: &mut PgConnection, user: &AuthUser) -> QueryResult<Vec<CongressRow>> {
    let mut rows: Vec<CongressRow> = congresses::table
        .filter(own_scope(user.congress_id))
        .select(CongressRow::as_select())
        .load(conn)?;
    rows.sort_by(|a, b| {
        let rank = |r: &CongressRow| {
            CongressLevel::parse(&r.level)
                .map(|l| l.rank())
                .unwrap_or(0)
        };
        rank(b)
            .cmp(&rank(a))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    Ok(rows)
}

/// Inserts a congress below `parent`, which must be in scope and of a higher level.
///
/// Errors: 404 parent out of scope; 422 bad name, level not below the parent's, or a
/// sibling with the same name.
pub fn insert(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewCongress,
) -> Result<CongressRow, ApiError> {
    let parent = ensure_in_scope(conn, user, new.parent_id)?;
    let mut errors = vec![];
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError {
            params: None,
            pointer: "/name".into(),
            code: "invalid_length".into(),
            message: "名称须为 1–100 个字符。".into(),
        });
    }
    if new.level.rank() >= parent.level()?.rank() {
        errors.push(FieldError {
            params: None,
            pointer: "/level".into(),
            code: "level_not_below_parent".into(),
            message: "下级人大的级别须低于上级人大。".into(),
        });
    }
    let tz = new
        .time_zone
        .clone()
        .unwrap_or_else(|| parent.time_zone.clone());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut ancestors = parent.ancestor_ids.clone();
    ancestors.push(parent.id);
    diesel::insert_into(congresses::table)
        .values((
            congresses::id.eq(Uuid::now_v7()),
            congresses::name.eq(name),
            congresses::level.eq(new.level.as_str()),
            congresses::parent_id.eq(Some(parent.id)),
            congresses::ancestor_ids.eq(ancestors),
            congresses::time_zone.eq(tz),
        ))
        .returning(CongressRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::field("/name", "taken", "同一上级下已有同名人大。"),
            other => other,
        })
}

/// Inserts a top-level congress (no parent): only the command line does this, when it
/// bootstraps the first administrator.
pub fn insert_root(
    conn: &mut PgConnection,
    name: &str,
    level: CongressLevel,
) -> QueryResult<CongressRow> {
    diesel::insert_into(congresses::table)
        .values((
            congresses::id.eq(Uuid::now_v7()),
            congresses::name.eq(name),
            congresses::level.eq(level.as_str()),
        ))
        .returning(CongressRow::as_returning())
        .get_result(conn)
}

/// 404 unless the term exists in the caller's scope.
pub fn term_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    term: Uuid,
) -> Result<TermRow, ApiError> {
    terms::table
        .filter(terms::id.eq(term))
        .filter(terms::congress_id.eq_any(scope(user.congress_id)))
        .select(TermRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("届次不存在或不在您的权限范围内。".into()))
}

/// Terms of a congress, newest first.
pub fn terms_of(conn: &mut PgConnection, congress: Uuid) -> QueryResult<Vec<TermRow>> {
    terms::table
        .filter(terms::congress_id.eq(congress))
        .order(terms::number.desc())
        .select(TermRow::as_select())
        .load(conn)
}

/// Inserts a term. Errors: 422 for a number below 1, an end not after the start, or a
/// number the congress already has.
pub fn insert_term(
    conn: &mut PgConnection,
    congress: Uuid,
    new: &NewTerm,
) -> Result<TermRow, ApiError> {
    let mut errors = vec![];
    if new.number < 1 {
        errors.push(FieldError {
            params: None,
            pointer: "/number".into(),
            code: "out_of_range".into(),
            message: "届次须为正整数。".into(),
        });
    }
    if let Some(end) = new.ends_on {
        if end <= new.starts_on {
            errors.push(FieldError {
                params: None,
                pointer: "/ends_on".into(),
                code: "before_start".into(),
                message: "结束日期须晚于开始日期。".into(),
            });
        }
    }
    // Terms follow each other: a term runs from its first session to the next term's
    // first session (R1; DL 2, OL 9).
    let others = terms_of(conn, congress)?;
    if let Some(earlier) = others
        .iter()
        .find(|t| t.number < new.number && t.starts_on >= new.starts_on)
    {
        errors.push(FieldError {
            params: None,
            pointer: "/starts_on".into(),
            code: "out_of_order".into(),
            message: format!(
                "第{}届须晚于第{}届（{}）开始。",
                new.number, earlier.number, earlier.starts_on
            ),
        });
    }
    if let Some(later) = others
        .iter()
        .find(|t| t.number > new.number && t.starts_on <= new.starts_on)
    {
        errors.push(FieldError {
            params: None,
            pointer: "/starts_on".into(),
            code: "out_of_order".into(),
            message: format!(
                "第{}届须早于第{}届（{}）开始。",
                new.number, later.number, later.starts_on
            ),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    // The term before this one ends where this one begins.
    if let Some(previous) = others
        .iter()
        .filter(|t| t.number < new.number)
        .max_by_key(|t| t.number)
    {
        if previous.ends_on.is_none() {
            diesel::update(terms::table.find(previous.id))
                .set((
                    terms::ends_on.eq(Some(new.starts_on)),
                    terms::version.eq(previous.version + 1),
                    terms::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
        }
    }
    diesel::insert_into(terms::table)
        .values((
            terms::id.eq(Uuid::now_v7()),
            terms::congress_id.eq(congress),
            terms::number.eq(new.number),
            terms::starts_on.eq(new.starts_on),
            terms::ends_on.eq(new.ends_on),
        ))
        .returning(TermRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::field(
                "/number",
                "taken",
                format!("该人大已有第{}届。", new.number),
            ),
            other => other,
        })
}
