//! HTTP handlers of deputies, mandates, delegations and deputy groups.

use super::models::{mandate_to_wire, DeputyRow};
use super::personal::{self, mask_id_card, mask_phone, PersonIssue, PersonalDataKey};
use super::repo;
use super::units::{self, UnitKind};
use crate::auth::caller::{AuthUser, REGISTRY_WRITERS};
use crate::db::{tx, DbPool};
use crate::error::ApiError;
use crate::error::{ReadErrors, WriteErrors};
use crate::http::{etag, if_match, today};
use crate::idempotency;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::PgConnection;
use renda_openapi::{
    Delegation, Deputy, DeputyGroup, DeputyInput, DeputyListQuery, DeputyPage, FieldError, Mandate,
    MandateInput, MandateStatus, NamedUnitUpdate, NewDeputy, NewNamedUnit, Role,
    StatusChangeRequest,
};
use std::sync::Arc;
use uuid::Uuid;

/// Person issues as field errors under `prefix` (`""` → `/name`).
fn issues_to_errors(issues: Vec<PersonIssue>, prefix: &str) -> ApiError {
    ApiError::Validation(
        issues
            .into_iter()
            .map(|i| FieldError::from_message(&format!("{prefix}/{}", i.field), &i.message.into()))
            .collect(),
    )
}

/// A deputy as the audit log and the idempotency store keep it: the ID-card number
/// masked, since it is stored nowhere in plain text.
fn redacted(deputy: &Deputy) -> serde_json::Value {
    let mut copy = deputy.clone();
    copy.id_card_number = copy.id_card_number.as_deref().map(mask_id_card);
    serde_json::to_value(&copy).unwrap_or_default()
}

/// A deputy's detail as `user` may see it.
fn detail(
    conn: &mut PgConnection,
    user: &AuthUser,
    key: &PersonalDataKey,
    row: &DeputyRow,
) -> Result<Deputy, ApiError> {
    let mandates = repo::mandates_of(conn, user, row.id)?;
    Ok(row.to_wire(user, key, mandates))
}

fn with_etag(status: actix_web::http::StatusCode, deputy: &Deputy) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(deputy.version))
        .json(deputy)
}

/// List deputies in the caller's scope, with filters, name search and keyset pagination.
///
/// Phones are masked unless the caller is office staff, presidium, or the deputy. Pages
/// hold at most 200 deputies; the total is counted only with `with_total=true`.
#[utoipa::path(
    get, path = "/api/v1/deputies", tag = "deputies",
    params(DeputyListQuery),
    responses((status = 200, description = "One page of deputies", body = DeputyPage), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_deputies(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: crate::http::Query<DeputyListQuery>,
) -> Result<web::Json<DeputyPage>, ApiError> {
    let q = query.into_inner();
    let page = tx(&pool, move |conn| {
        let page = repo::list(conn, &user, &q)?;
        let items = page
            .rows
            .iter()
            .map(|(d, m)| Ok(d.to_summary(&user, m.as_ref().map(mandate_to_wire).transpose()?)))
            .collect::<Result<_, ApiError>>()?;
        Ok(DeputyPage {
            items,
            next_cursor: page.next_cursor,
            total: page.total,
            deleted: page.deleted,
        })
    })
    .await?;
    Ok(web::Json(page))
}

/// Register a deputy, usually with their first mandate (admin, staff, integration).
///
/// Send `Idempotency-Key` to make retries safe: the same key and body return the first
/// response; the same key with another body is refused (422).
#[utoipa::path(
    post, path = "/api/v1/deputies", tag = "deputies",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create return the first response")),
    request_body = NewDeputy,
    responses((status = 201, description = "Created", body = Deputy, headers(("ETag" = String, description = "The version, `\"<version>\"`, for `If-Match`"))), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_deputy(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    body: crate::http::Json<NewDeputy>,
) -> Result<HttpResponse, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    let new = body.into_inner();
    let idem = idempotency::key(&req)?.map(|k| (k, idempotency::digest(&new)));
    let person = personal::validate(&new.person, today()).map_err(|i| issues_to_errors(i, ""))?;
    let key: Arc<PersonalDataKey> = key.into_inner();
    let (status, body) = tx(&pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = idempotency::replay(conn, user.id, k, d)? {
                return Ok(previous);
            }
        }
        crate::congresses::repo::ensure_in_scope(conn, &user, new.congress_id).map_err(|_| {
            ApiError::field(
                "/congress_id",
                "not_found",
                "代表大会不存在或不在您的权限范围内。",
            )
        })?;
        let row = repo::insert_deputy(conn, new.congress_id, repo::person_values(&person, &key))?;
        if let Some(m) = &new.mandate {
            repo::insert_mandate(conn, &user, row.id, m, "/mandate")?;
        }
        let deputy = detail(conn, &user, &key, &row)?;
        let body = serde_json::to_value(&deputy).map_err(|e| ApiError::Internal(e.to_string()))?;
        let kept = redacted(&deputy);
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "deputy",
            Some(row.id),
            None,
            Some(&kept),
        )?;
        if let Some((k, d)) = &idem {
            // A replay answers with the ID-card number masked: it is stored encrypted only.
            idempotency::store(conn, user.id, k, d, 201, &kept)?;
        }
        Ok((201u16, body))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status)
            .unwrap_or(actix_web::http::StatusCode::CREATED),
    )
    .insert_header(etag(version))
    .json(body))
}

/// One deputy with every mandate and its status history; `ETag` holds the version.
#[utoipa::path(
    get, path = "/api/v1/deputies/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy id")),
    responses((status = 200, description = "The deputy", body = Deputy, headers(("ETag" = String, description = "The version, `\"<version>\"`, for `If-Match`"))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_deputy(
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (id, key) = (id.into_inner(), key.into_inner());
    let deputy = tx(&pool, move |conn| {
        let row = repo::ensure_deputy_in_scope(conn, &user, id)?;
        detail(conn, &user, &key, &row)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, &deputy))
}

/// Fields a deputy may change in their own record.
const SELF_EDITABLE: [&str; 2] = ["phone", "address"];

/// Replace a deputy's person fields (`If-Match` required).
///
/// Admin, staff and integration may change any deputy in scope; a deputy may change only
/// their own phone and address. A masked value sent back unchanged keeps the stored one.
#[utoipa::path(
    put, path = "/api/v1/deputies/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = DeputyInput,
    responses(
        (status = 200, description = "Updated", body = Deputy, headers(("ETag" = String, description = "The new version"))),
        (status = 412, description = "The deputy changed since it was read", body = renda_openapi::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_deputy(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    id: web::Path<Uuid>,
    body: crate::http::Json<DeputyInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let own_record = user.role == Role::Deputy && user.deputy_id == Some(id);
    if !own_record {
        user.require(REGISTRY_WRITERS)?;
    }
    let version = if_match(&req)?;
    let mut input = body.into_inner();
    let key = key.into_inner();
    let deputy = tx(&pool, move |conn| {
        let row = repo::ensure_deputy_in_scope(conn, &user, id)?;
        // A masked value sent back as read means "unchanged".
        if let (Some(sent), Some(stored)) = (&input.id_card_number, row.id_card(&key)) {
            if *sent == mask_id_card(&stored) {
                input.id_card_number = Some(stored);
            }
        }
        if let (Some(sent), Some(stored)) = (&input.phone, &row.phone) {
            if *sent == mask_phone(stored) {
                input.phone = Some(stored.clone());
            }
        }
        // Callers who cannot see the address receive none: sending none back keeps it.
        if input.address.is_none() && !user.sees_contacts() && user.deputy_id != Some(id) {
            input.address = row.address.clone();
        }
        let person = personal::validate(&input, today()).map_err(|i| issues_to_errors(i, ""))?;
        let before = detail(conn, &user, &key, &row)?;
        let values = repo::person_values(&person, &key);
        if own_record {
            let current =
                personal::validate(&stored_input(&row, &key), today()).unwrap_or_default();
            let changed = changed_fields(&current, &person);
            let forbidden: Vec<&str> = changed
                .into_iter()
                .filter(|f| !SELF_EDITABLE.contains(f))
                .collect();
            if !forbidden.is_empty() {
                return Err(ApiError::Forbidden(format!(
                    "代表本人只能修改联系电话和地址，不能修改：{}。",
                    forbidden.join("、")
                )));
            }
        }
        let updated = repo::update_deputy(conn, id, version, &values)?;
        let after = detail(conn, &user, &key, &updated)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "update",
            "deputy",
            Some(id),
            Some(&redacted(&before)),
            Some(&redacted(&after)),
        )?;
        Ok(after)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, &deputy))
}

/// The stored person as an input, to compare with an update.
pub fn stored_input(row: &DeputyRow, key: &PersonalDataKey) -> DeputyInput {
    DeputyInput {
        external_id: row.external_id.clone(),
        name: row.name.clone(),
        gender: row.gender(),
        ethnicity: row.ethnicity.clone(),
        birth_date: row.birth().map(personal::PartialDate::to_wire),
        party: row.party.clone(),
        workplace_post: row.workplace_post.clone(),
        phone: row.phone.clone(),
        id_card_number: row.id_card(key),
        address: row.address.clone(),
        notes: row.notes.clone(),
    }
}

/// Names of the fields that differ between two persons.
pub fn changed_fields(a: &personal::Person, b: &personal::Person) -> Vec<&'static str> {
    let mut out = vec![];
    macro_rules! cmp {
        ($($f:ident),*) => { $( if a.$f != b.$f { out.push(stringify!($f)); } )* };
    }
    cmp!(
        external_id,
        name,
        gender,
        ethnicity,
        birth,
        party,
        workplace_post,
        phone,
        id_card,
        address,
        notes
    );
    out.into_iter()
        .map(|f| match f {
            "birth" => "birth_date",
            "id_card" => "id_card_number",
            other => other,
        })
        .collect()
}

/// Delete a deputy registered by mistake (admin, staff; `If-Match` required).
///
/// A deputy whose mandate has recorded status changes cannot be deleted (409): terminate
/// the mandate instead. Deletions appear as tombstones in `updated_since` lists.
#[utoipa::path(
    delete, path = "/api/v1/deputies/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "The deputy has a status history, or is in a frozen assessment run (deputy_in_frozen_run)", body = renda_openapi::Problem, content_type = "application/problem+json"),
        (status = 412, description = "The deputy changed since it was read", body = renda_openapi::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn delete_deputy(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin, Role::Staff])?;
    let version = if_match(&req)?;
    let (id, key) = (id.into_inner(), key.into_inner());
    tx(&pool, move |conn| {
        let row = repo::ensure_deputy_in_scope(conn, &user, id)?;
        let before = detail(conn, &user, &key, &row)?;
        repo::delete_deputy(conn, &row, version)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "delete",
            "deputy",
            Some(id),
            Some(&redacted(&before)),
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add a mandate (a seat for a term) to a deputy (admin, staff, integration).
#[utoipa::path(
    post, path = "/api/v1/deputies/{id}/mandates", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy id")),
    request_body = MandateInput,
    responses(
        (status = 201, description = "Created; the deputy with all mandates", body = Deputy),
        (status = 409, description = "The deputy already has a mandate in that term", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn create_mandate(
    user: AuthUser,
    pool: web::Data<DbPool>,
    key: web::Data<PersonalDataKey>,
    id: web::Path<Uuid>,
    body: crate::http::Json<MandateInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    let (id, input, key) = (id.into_inner(), body.into_inner(), key.into_inner());
    let deputy = tx(&pool, move |conn| {
        repo::ensure_deputy_in_scope(conn, &user, id)?;
        let m = repo::insert_mandate(conn, &user, id, &input, "")?;
        repo::touch_deputy(conn, id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "mandate",
            Some(m.id),
            None,
            Some(&serde_json::json!({"deputy_id": id, "term_id": m.term_id})),
        )?;
        let row = repo::ensure_deputy_in_scope(conn, &user, id)?;
        detail(conn, &user, &key, &row)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::CREATED, &deputy))
}

/// Update a mandate's delegation, group, constituency, certificate number and election
/// data (`If-Match` with the mandate's version; the term cannot change).
#[utoipa::path(
    put, path = "/api/v1/mandates/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Mandate id"), ("If-Match" = String, Header, description = "The mandate's version as `\"<version>\"`")),
    request_body = MandateInput,
    responses(
        (status = 200, description = "Updated mandate", body = Mandate),
        (status = 412, description = "The mandate changed since it was read", body = renda_openapi::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_mandate(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<MandateInput>,
) -> Result<HttpResponse, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let mandate = tx(&pool, move |conn| {
        let current = repo::mandate_in_scope(conn, &user, id)?;
        let updated = repo::update_mandate(conn, &user, &current, version, &input)?;
        repo::touch_deputy(conn, updated.deputy_id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "update",
            "mandate",
            Some(id),
            Some(&serde_json::json!({"version": current.version})),
            Some(&serde_json::to_value(&input).unwrap_or_default()),
        )?;
        one_mandate(conn, &user, updated.deputy_id, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(mandate.version))
        .json(mandate))
}

fn one_mandate(
    conn: &mut PgConnection,
    user: &AuthUser,
    deputy: Uuid,
    id: Uuid,
) -> Result<Mandate, ApiError> {
    repo::mandates_of(conn, user, deputy)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| ApiError::Internal("mandate vanished".into()))
}

/// Suspend, resume or terminate a mandate (admin, staff).
///
/// `active` ⇄ `suspended` → `terminated`. Suspension needs a DL 61 reason (`in_custody`,
/// `serving_sentence`); termination a DL 62 reason and its date; a terminated mandate is
/// final (409). `If-Match` with the mandate's version is honoured when sent.
#[utoipa::path(
    post, path = "/api/v1/mandates/{id}/status", tag = "deputies",
    params(("id" = Uuid, Path, description = "Mandate id"), ("If-Match" = Option<String>, Header, description = "The mandate's version")),
    request_body = StatusChangeRequest,
    responses(
        (status = 200, description = "The mandate with its history", body = Mandate),
        (status = 409, description = "Not allowed from the current status", body = renda_openapi::Problem, content_type = "application/problem+json"),
        (status = 412, description = "The mandate changed since it was read", body = renda_openapi::Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn change_mandate_status(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<StatusChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin, Role::Staff])?;
    let version = match if_match(&req) {
        Ok(v) => Some(v),
        Err(ApiError::PreconditionRequired) => None,
        Err(e) => return Err(e),
    };
    let (id, change) = (id.into_inner(), body.into_inner());
    if change.status == MandateStatus::Terminated && change.date.is_none() {
        return Err(ApiError::field(
            "/date",
            "required",
            "终止代表资格须填写终止日期。",
        ));
    }
    let mandate = tx(&pool, move |conn| {
        let current = repo::mandate_in_scope(conn, &user, id)?;
        if version.is_some_and(|v| v != current.version) {
            return Err(ApiError::PreconditionFailed);
        }
        let from = MandateStatus::parse(&current.status)
            .ok_or_else(|| ApiError::Internal("bad status".into()))?;
        repo::check_transition(from, &change, today())?;
        let note = change.note.as_deref().and_then(personal::clean);
        let updated = repo::apply_status(
            conn,
            &current,
            change.status,
            change.reason,
            change.date,
            note,
            Some(user.id),
        )?;
        repo::touch_deputy(conn, updated.deputy_id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "status_change",
            "mandate",
            Some(id),
            Some(&serde_json::json!({"status": current.status, "reason": current.status_reason})),
            Some(&serde_json::to_value(&change).unwrap_or_default()),
        )?;
        one_mandate(conn, &user, updated.deputy_id, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(mandate.version))
        .json(mandate))
}

/// Query of unit lists.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Only units of this congress.
    pub congress_id: Option<Uuid>,
}

async fn list_units(
    user: AuthUser,
    pool: web::Data<DbPool>,
    kind: UnitKind,
    congress: Option<Uuid>,
) -> Result<Vec<units::UnitRow>, ApiError> {
    tx(&pool, move |conn| {
        Ok(units::list(conn, &user, kind, congress)?)
    })
    .await
}

async fn create_unit(
    user: AuthUser,
    pool: web::Data<DbPool>,
    kind: UnitKind,
    new: NewNamedUnit,
) -> Result<units::UnitRow, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    tx(&pool, move |conn| {
        let row = units::create(conn, &user, kind, new.congress_id, &new.name)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            kind.table_entity(),
            Some(row.id),
            None,
            Some(&serde_json::json!({"name": row.name})),
        )?;
        Ok(row)
    })
    .await
}

async fn get_unit(
    user: AuthUser,
    pool: web::Data<DbPool>,
    kind: UnitKind,
    id: Uuid,
) -> Result<units::UnitRow, ApiError> {
    tx(&pool, move |conn| units::get(conn, &user, kind, id)).await
}

async fn rename_unit(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    kind: UnitKind,
    id: Uuid,
    name: String,
) -> Result<units::UnitRow, ApiError> {
    user.require(REGISTRY_WRITERS)?;
    let version = if_match(&req)?;
    tx(&pool, move |conn| {
        let row = units::rename(conn, &user, kind, id, version, &name)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "update",
            kind.table_entity(),
            Some(id),
            None,
            Some(&serde_json::json!({"name": row.name})),
        )?;
        Ok(row)
    })
    .await
}

async fn delete_unit(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    kind: UnitKind,
    id: Uuid,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin, Role::Staff])?;
    let version = if_match(&req)?;
    tx(&pool, move |conn| {
        let row = units::delete(conn, &user, kind, id, version)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "delete",
            kind.table_entity(),
            Some(id),
            Some(&serde_json::json!({"name": row.name})),
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Delegations in the caller's scope, by name, with their current member counts.
#[utoipa::path(get, path = "/api/v1/delegations", tag = "deputies", params(UnitQuery),
    responses((status = 200, description = "Delegations", body = Vec<Delegation>), ReadErrors), security(("bearer" = [])))]
pub async fn list_delegations(
    user: AuthUser,
    pool: web::Data<DbPool>,
    q: crate::http::Query<UnitQuery>,
) -> Result<web::Json<Vec<Delegation>>, ApiError> {
    Ok(web::Json(
        list_units(user, pool, UnitKind::Delegation, q.congress_id)
            .await?
            .iter()
            .map(|u| u.to_delegation())
            .collect(),
    ))
}

/// Create a delegation (admin, staff, integration).
#[utoipa::path(post, path = "/api/v1/delegations", tag = "deputies", request_body = NewNamedUnit,
    responses((status = 201, description = "Created", body = Delegation), WriteErrors), security(("bearer" = [])))]
pub async fn create_delegation(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewNamedUnit>,
) -> Result<HttpResponse, ApiError> {
    let row = create_unit(user, pool, UnitKind::Delegation, body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(row.version))
        .json(row.to_delegation()))
}

/// One delegation.
#[utoipa::path(get, path = "/api/v1/delegations/{id}", tag = "deputies", params(("id" = Uuid, Path, description = "Delegation id")),
    responses((status = 200, description = "The delegation", body = Delegation), ReadErrors), security(("bearer" = [])))]
pub async fn get_delegation(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let row = get_unit(user, pool, UnitKind::Delegation, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_delegation()))
}

/// Rename a delegation (`If-Match` required).
#[utoipa::path(put, path = "/api/v1/delegations/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Delegation id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = NamedUnitUpdate,
    responses((status = 200, description = "Renamed", body = Delegation), (status = 412, description = "Stale version", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = [])))]
pub async fn rename_delegation(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NamedUnitUpdate>,
) -> Result<HttpResponse, ApiError> {
    let row = rename_unit(
        req,
        user,
        pool,
        UnitKind::Delegation,
        id.into_inner(),
        body.into_inner().name,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_delegation()))
}

/// Delete a delegation that no mandate refers to (admin, staff; `If-Match` required).
#[utoipa::path(delete, path = "/api/v1/delegations/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Delegation id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    responses((status = 204, description = "Deleted"), (status = 409, description = "Still referred to by mandates", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = [])))]
pub async fn delete_delegation(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    delete_unit(req, user, pool, UnitKind::Delegation, id.into_inner()).await
}

/// Deputy groups in the caller's scope, by name, with member counts and whether each has
/// the 3 members the law requires (R13).
#[utoipa::path(get, path = "/api/v1/deputy-groups", tag = "deputies", params(UnitQuery),
    responses((status = 200, description = "Deputy groups", body = Vec<DeputyGroup>), ReadErrors), security(("bearer" = [])))]
pub async fn list_deputy_groups(
    user: AuthUser,
    pool: web::Data<DbPool>,
    q: crate::http::Query<UnitQuery>,
) -> Result<web::Json<Vec<DeputyGroup>>, ApiError> {
    Ok(web::Json(
        list_units(user, pool, UnitKind::DeputyGroup, q.congress_id)
            .await?
            .iter()
            .map(|u| u.to_group())
            .collect(),
    ))
}

/// Create a deputy group (admin, staff, integration).
#[utoipa::path(post, path = "/api/v1/deputy-groups", tag = "deputies", request_body = NewNamedUnit,
    responses((status = 201, description = "Created", body = DeputyGroup), WriteErrors), security(("bearer" = [])))]
pub async fn create_deputy_group(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: crate::http::Json<NewNamedUnit>,
) -> Result<HttpResponse, ApiError> {
    let row = create_unit(user, pool, UnitKind::DeputyGroup, body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(row.version))
        .json(row.to_group()))
}

/// One deputy group.
#[utoipa::path(get, path = "/api/v1/deputy-groups/{id}", tag = "deputies", params(("id" = Uuid, Path, description = "Deputy group id")),
    responses((status = 200, description = "The deputy group", body = DeputyGroup), ReadErrors), security(("bearer" = [])))]
pub async fn get_deputy_group(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let row = get_unit(user, pool, UnitKind::DeputyGroup, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_group()))
}

/// Rename a deputy group (`If-Match` required).
#[utoipa::path(put, path = "/api/v1/deputy-groups/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy group id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = NamedUnitUpdate,
    responses((status = 200, description = "Renamed", body = DeputyGroup), (status = 412, description = "Stale version", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = [])))]
pub async fn rename_deputy_group(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: crate::http::Json<NamedUnitUpdate>,
) -> Result<HttpResponse, ApiError> {
    let row = rename_unit(
        req,
        user,
        pool,
        UnitKind::DeputyGroup,
        id.into_inner(),
        body.into_inner().name,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_group()))
}

/// Delete a deputy group that no mandate refers to (admin, staff; `If-Match` required).
#[utoipa::path(delete, path = "/api/v1/deputy-groups/{id}", tag = "deputies",
    params(("id" = Uuid, Path, description = "Deputy group id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    responses((status = 204, description = "Deleted"), (status = 409, description = "Still has members", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 412, description = "Stale version", body = renda_openapi::Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match missing", body = renda_openapi::Problem, content_type = "application/problem+json"), WriteErrors),
    security(("bearer" = [])))]
pub async fn delete_deputy_group(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    delete_unit(req, user, pool, UnitKind::DeputyGroup, id.into_inner()).await
}
