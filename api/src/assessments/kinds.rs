//! Kinds of self-declared entries (履职登记类别) of a congress. A congress starts with the
//! contract's default kinds (`DEFAULT_ENTRY_KINDS`), added the first time its kinds are
//! read; the office adds, renames and deactivates kinds.

use super::access::{congress_in_scope, require_office};
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json, Query};
use crate::schema::entry_kinds;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use renda_openapi::messages::{AssessmentMessage as M, CommonMessage};
use renda_openapi::templates::DEFAULT_ENTRY_KINDS;
use renda_openapi::{CongressId, EntryKind, EntryKindId, EntryKindInput, RecordSection, Refusal};
use serde::Deserialize;
use utoipa_actix_web::service_config::ServiceConfig;

/// Routes of this resource.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_kinds)
        .service(create_kind)
        .service(update_kind);
}

/// A row of `entry_kinds`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = entry_kinds)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct KindRow {
    pub id: EntryKindId,
    pub congress_id: CongressId,
    pub code: String,
    pub name: String,
    pub section: RecordSection,
    pub is_active: bool,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl KindRow {
    /// The wire form.
    pub fn to_wire(&self) -> EntryKind {
        EntryKind {
            id: self.id,
            congress_id: self.congress_id,
            code: self.code.clone(),
            name: self.name.clone(),
            section: self.section,
            is_active: self.is_active,
            version: self.version,
        }
    }
}

/// The kinds of a congress, seeding the defaults when it has none yet.
pub fn of_congress(conn: &mut PgConnection, congress: CongressId) -> QueryResult<Vec<KindRow>> {
    let load = |conn: &mut PgConnection| {
        entry_kinds::table
            .filter(entry_kinds::congress_id.eq(congress))
            .order((entry_kinds::code, entry_kinds::id))
            .select(KindRow::as_select())
            .load(conn)
    };
    let rows = load(conn)?;
    if !rows.is_empty() {
        return Ok(rows);
    }
    let defaults: Vec<_> = DEFAULT_ENTRY_KINDS
        .iter()
        .map(|(code, name, section)| {
            (
                entry_kinds::id.eq(EntryKindId::new_v7()),
                entry_kinds::congress_id.eq(congress),
                entry_kinds::code.eq(*code),
                entry_kinds::name.eq(*name),
                entry_kinds::section.eq(*section),
            )
        })
        .collect();
    diesel::insert_into(entry_kinds::table)
        .values(defaults)
        .on_conflict_do_nothing()
        .execute(conn)?;
    load(conn)
}

/// Checks an input's code and name (`/code`, `/name`).
fn check(input: &EntryKindInput) -> Result<(), ApiError> {
    let mut faults = vec![];
    let code_ok = (1..=40).contains(&input.code.len())
        && input
            .code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !code_ok {
        faults.push(Refusal::invalid("/code", M::InvalidItemKey));
    }
    let n = input.name.trim().chars().count();
    if n == 0 {
        faults.push(Refusal::invalid("/name", CommonMessage::Required));
    } else if n > 40 {
        faults.push(Refusal::invalid(
            "/name",
            CommonMessage::TooLong { max: 40 },
        ));
    } else if renda_openapi::validation::has_control_chars(&input.name, false) {
        faults.push(Refusal::invalid("/name", CommonMessage::InvalidCharacters));
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Rules(faults))
    }
}

/// `GET /performance-entry-kinds` parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KindQuery {
    /// The congress (default: the caller's).
    pub congress_id: Option<CongressId>,
}

/// Kinds of self-declared entries of a congress, by code (a congress without any gets the
/// default kinds). Every signed-in role but handling organisations.
#[utoipa::path(
    tag = "assessments",
    params(KindQuery),
    responses((status = 200, description = "The kinds", body = Vec<EntryKind>), ReadErrors),
    security(("bearer" = []))
)]
#[get("/performance-entry-kinds")]
pub async fn list_kinds(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<KindQuery>,
) -> Result<web::Json<Vec<EntryKind>>, ApiError> {
    let congress = query.congress_id.unwrap_or(CongressId(user.congress_id));
    let rows = tx(&pool, move |conn| {
        if user.role == renda_openapi::Role::HandlingOrg {
            return Err(Refusal::forbidden(CommonMessage::RoleMayNot { role: user.role }).into());
        }
        congress_in_scope(conn, &user, congress)?;
        Ok(of_congress(conn, congress)?)
    })
    .await?;
    Ok(web::Json(rows.iter().map(KindRow::to_wire).collect()))
}

/// Add a kind of self-declared entry (the office). `Idempotency-Key` makes a retry safe.
///
/// Errors: 422 for a code not `[a-z0-9_]{1,40}` or a name not 1–40 characters; 409
/// `duplicate` for a code the congress has already.
#[utoipa::path(
    tag = "assessments",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create safe")),
    request_body = EntryKindInput,
    responses((status = 201, description = "Created", body = EntryKind), (status = 409, description = "A kind with this code exists", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[post("/performance-entry-kinds")]
pub async fn create_kind(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<EntryKindInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    require_office(&user)?;
    check(&input)?;
    let actor = user.id;
    crate::idempotency::created(&req, &pool, user.id, &input.clone(), move |conn| {
        congress_in_scope(conn, &user, input.congress_id)?;
        of_congress(conn, input.congress_id)?;
        let row: KindRow = diesel::insert_into(entry_kinds::table)
            .values((
                entry_kinds::id.eq(EntryKindId::new_v7()),
                entry_kinds::congress_id.eq(input.congress_id),
                entry_kinds::code.eq(&input.code),
                entry_kinds::name.eq(input.name.trim()),
                entry_kinds::section.eq(input.section),
                entry_kinds::is_active.eq(input.is_active),
            ))
            .returning(KindRow::as_returning())
            .get_result(conn)
            .map_err(duplicate)?;
        let wire = row.to_wire();
        crate::audit::record(
            conn,
            Some(actor),
            "create",
            "entry_kind",
            Some(row.id.0),
            None,
            Some(&serde_json::json!(&wire)),
        )?;
        Ok(wire)
    })
    .await
}

fn duplicate(e: diesel::result::Error) -> ApiError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => Refusal::conflict(CommonMessage::Duplicate).into(),
        other => other.into(),
    }
}

/// Rename, move or (de)activate a kind (the office), with `If-Match`. The code may change
/// only while no entry uses the kind (scheme items count entries by code).
#[utoipa::path(
    tag = "assessments",
    params(("id" = EntryKindId, Path, description = "Kind id")),
    request_body = EntryKindInput,
    responses((status = 200, description = "Updated", body = EntryKind), (status = 409, description = "Duplicate code", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = []))
)]
#[put("/performance-entry-kinds/{id}")]
pub async fn update_kind(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<EntryKindId>,
    body: Json<EntryKindInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let input = body.into_inner();
    let id = id.into_inner();
    require_office(&user)?;
    check(&input)?;
    let row = tx(&pool, move |conn| {
        let before: KindRow = entry_kinds::table
            .find(id)
            .select(KindRow::as_select())
            .for_update()
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::from(Refusal::not_found(CommonMessage::NotInScope)))?;
        congress_in_scope(conn, &user, before.congress_id)?;
        if before.version != version {
            return Err(ApiError::PreconditionFailed);
        }
        let row: KindRow = diesel::update(entry_kinds::table.find(id))
            .set((
                entry_kinds::code.eq(&input.code),
                entry_kinds::name.eq(input.name.trim()),
                entry_kinds::section.eq(input.section),
                entry_kinds::is_active.eq(input.is_active),
                entry_kinds::version.eq(before.version + 1),
                entry_kinds::updated_at.eq(Utc::now()),
            ))
            .returning(KindRow::as_returning())
            .get_result(conn)
            .map_err(duplicate)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "update",
            "entry_kind",
            Some(id.0),
            Some(&serde_json::json!(before.to_wire())),
            Some(&serde_json::json!(row.to_wire())),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_wire()))
}
