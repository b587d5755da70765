//! Delegations (代表团) and deputy groups (代表小组): named units of a congress that
//! mandates belong to. Both have the same shape, so one set of queries serves both, with
//! the table chosen by [`UnitKind`].

use crate::auth::caller::AuthUser;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Uuid as SqlUuid};
use renda_openapi::{Delegation, DeputyGroup};
use uuid::Uuid;

/// Which kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Delegation,
    DeputyGroup,
}

/// Smallest deputy group the law allows (R13; DL 26, 37; OL 43).
pub const MIN_GROUP_SIZE: i64 = 3;

impl UnitKind {
    fn table(self) -> &'static str {
        match self {
            UnitKind::Delegation => "delegations",
            UnitKind::DeputyGroup => "deputy_groups",
        }
    }
    fn mandate_column(self) -> &'static str {
        match self {
            UnitKind::Delegation => "delegation_id",
            UnitKind::DeputyGroup => "deputy_group_id",
        }
    }
    /// The audit entity name.
    pub fn table_entity(self) -> &'static str {
        match self {
            UnitKind::Delegation => "delegation",
            UnitKind::DeputyGroup => "deputy_group",
        }
    }
    /// Chinese name of the kind, for messages.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Delegation => "代表团",
            UnitKind::DeputyGroup => "代表小组",
        }
    }
    fn select(self) -> String {
        format!(
            "SELECT u.id, u.congress_id, u.name, u.version, u.created_at, u.updated_at, \
             (SELECT count(*) FROM mandates m WHERE m.{col} = u.id AND m.status <> 'terminated' \
             AND m.term_id = (SELECT t.id FROM terms t WHERE t.congress_id = u.congress_id ORDER BY t.number DESC LIMIT 1)) \
             AS member_count \
             FROM {table} u",
            col = self.mandate_column(),
            table = self.table()
        )
    }
}

const SCOPE: &str = "(SELECT id FROM congresses WHERE id = $1 OR ancestor_ids @> ARRAY[$1])";

/// A unit with the number of its current members.
#[derive(Debug, Clone, QueryableByName)]
pub struct UnitRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub congress_id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Integer)]
    pub version: i32,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub updated_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub member_count: i64,
}

impl UnitRow {
    /// As a delegation.
    pub fn to_delegation(&self) -> Delegation {
        Delegation {
            id: self.id,
            congress_id: self.congress_id,
            name: self.name.clone(),
            member_count: self.member_count,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
    /// As a deputy group, with the R13 minimum-size flag.
    pub fn to_group(&self) -> DeputyGroup {
        DeputyGroup {
            id: self.id,
            congress_id: self.congress_id,
            name: self.name.clone(),
            member_count: self.member_count,
            meets_minimum_size: self.member_count >= MIN_GROUP_SIZE,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

fn check_name(name: &str) -> Result<String, ApiError> {
    let name = super::personal::clean(name).unwrap_or_default();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::field(
            "/name",
            "invalid_length",
            "名称须为 1–100 个字符。",
        ));
    }
    Ok(name)
}

fn name_taken(kind: UnitKind, e: diesel::result::Error) -> ApiError {
    match ApiError::from(e) {
        ApiError::Conflict(_) => ApiError::field(
            "/name",
            "taken",
            format!("该人大已有同名{}。", kind.label()),
        ),
        other => other,
    }
}

/// Units of the caller's scope, optionally of one congress, by name.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    kind: UnitKind,
    congress: Option<Uuid>,
) -> QueryResult<Vec<UnitRow>> {
    diesel::sql_query(format!(
        "{} WHERE u.congress_id IN {SCOPE} AND ($2::uuid IS NULL OR u.congress_id = $2) ORDER BY u.name, u.id",
        kind.select()
    ))
    .bind::<SqlUuid, _>(user.congress_id)
    .bind::<diesel::sql_types::Nullable<SqlUuid>, _>(congress)
    .load(conn)
}

/// One unit in scope; 404 otherwise.
pub fn get(
    conn: &mut PgConnection,
    user: &AuthUser,
    kind: UnitKind,
    id: Uuid,
) -> Result<UnitRow, ApiError> {
    diesel::sql_query(format!(
        "{} WHERE u.congress_id IN {SCOPE} AND u.id = $2",
        kind.select()
    ))
    .bind::<SqlUuid, _>(user.congress_id)
    .bind::<SqlUuid, _>(id)
    .get_result(conn)
    .optional()?
    .ok_or_else(|| ApiError::NotFound(format!("{}不存在或不在您的权限范围内。", kind.label())))
}

/// Creates a unit in a congress of the caller's scope. Errors: 404 congress out of scope,
/// 422 bad or duplicate name.
pub fn create(
    conn: &mut PgConnection,
    user: &AuthUser,
    kind: UnitKind,
    congress: Uuid,
    name: &str,
) -> Result<UnitRow, ApiError> {
    crate::congresses::repo::ensure_in_scope(conn, user, congress)?;
    let name = check_name(name)?;
    let id = Uuid::now_v7();
    diesel::sql_query(format!(
        "INSERT INTO {} (id, congress_id, name) VALUES ($1, $2, $3)",
        kind.table()
    ))
    .bind::<SqlUuid, _>(id)
    .bind::<SqlUuid, _>(congress)
    .bind::<Text, _>(&name)
    .execute(conn)
    .map_err(|e| name_taken(kind, e))?;
    get(conn, user, kind, id)
}

/// Renames a unit if `version` is current. Errors: 404, 412 stale, 422 bad or duplicate name.
pub fn rename(
    conn: &mut PgConnection,
    user: &AuthUser,
    kind: UnitKind,
    id: Uuid,
    version: i32,
    name: &str,
) -> Result<UnitRow, ApiError> {
    let current = get(conn, user, kind, id)?;
    if current.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    let name = check_name(name)?;
    diesel::sql_query(format!(
        "UPDATE {} SET name = $1, version = version + 1, updated_at = now() WHERE id = $2",
        kind.table()
    ))
    .bind::<Text, _>(&name)
    .bind::<SqlUuid, _>(id)
    .execute(conn)
    .map_err(|e| name_taken(kind, e))?;
    get(conn, user, kind, id)
}

/// Deletes a unit that no mandate refers to. Errors: 404, 412 stale, 409 still in use.
pub fn delete(
    conn: &mut PgConnection,
    user: &AuthUser,
    kind: UnitKind,
    id: Uuid,
    version: i32,
) -> Result<UnitRow, ApiError> {
    let current = get(conn, user, kind, id)?;
    if current.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let refs: Count = diesel::sql_query(format!(
        "SELECT count(*) AS n FROM mandates WHERE {} = $1",
        kind.mandate_column()
    ))
    .bind::<SqlUuid, _>(id)
    .get_result(conn)?;
    if refs.n > 0 {
        return Err(ApiError::Conflict(format!(
            "该{}仍有 {} 条代表资格记录，不能删除。",
            kind.label(),
            refs.n
        )));
    }
    diesel::sql_query(format!("DELETE FROM {} WHERE id = $1", kind.table()))
        .bind::<SqlUuid, _>(id)
        .execute(conn)?;
    Ok(current)
}
