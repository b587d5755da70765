//! HTTP handlers of suggestions, their transitions, consultations, replies and feedback;
//! handling organisations and their users; categories; settings; the working calendar.

use super::repo;
use crate::auth::caller::AuthUser;
use crate::db::{tx, DbPool};
use crate::error::{ApiError, ImportErrors, ReadErrors, WriteErrors};
use crate::http::{etag, if_match, Json, Query};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use renda_openapi::*;
use uuid::Uuid;

fn with_etag(status: StatusCode, s: &Suggestion) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(s.version))
        .json(s)
}

/// Roles that read suggestions at all (a handling organisation only those referred to it).
fn ensure_reader(user: &AuthUser) -> Result<(), ApiError> {
    user.require(&Role::ALL)
}

/// Suggestions the caller may see, filtered. A deputy sees the items they lead or
/// co-signed; a handling organisation those actively referred to it; the office, the
/// presidium and integration clients every submitted item of their congresses; drafts only
/// their authors. `overdue` and `due_soon` are derived from each item's current deadline.
/// In creation order by default; `order=newest` lists the latest first (the `cursor` then
/// continues with older items); `updated_since` has its own (`updated_at`, `id`) order and
/// refuses `order=newest` (422 on `?order`).
#[utoipa::path(
    get, path = "/api/v1/suggestions", tag = "suggestions",
    params(SuggestionQuery),
    responses((status = 200, description = "A page of suggestions in creation order, or newest first with `order=newest`", body = SuggestionPage), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_suggestions(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<SuggestionQuery>,
) -> Result<web::Json<SuggestionPage>, ApiError> {
    ensure_reader(&user)?;
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::list(conn, &user, &q)).await?,
    ))
}

/// Start a suggestion as a draft (a deputy, as its lead; or admin and staff entering one
/// on a deputy's behalf, naming `lead_deputy_id`). Co-signers must each confirm
/// (`POST /api/v1/suggestions/{id}/confirm`) before it is submitted.
///
/// Send `Idempotency-Key` to make retries safe: the same key and body return the first
/// response; the same key with another body is refused (422).
#[utoipa::path(
    post, path = "/api/v1/suggestions", tag = "suggestions",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried create return the first response")),
    request_body = SuggestionInput,
    responses((status = 201, description = "The draft; `ETag` holds the version", body = Suggestion), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_suggestion(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<SuggestionInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let idem = crate::idempotency::key(&req)?.map(|k| (k, crate::idempotency::digest(&input)));
    let (status, body) = tx(&pool, move |conn| {
        if let Some((k, d)) = &idem {
            if let Some(previous) = crate::idempotency::replay(conn, user.id, k, d)? {
                return Ok(previous);
            }
        }
        let row = repo::create(conn, &user, &input)?;
        let s = serde_json::to_value(repo::to_wire(conn, &user, &row)?)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some((k, d)) = &idem {
            crate::idempotency::store(conn, user.id, k, d, 201, &s)?;
        }
        Ok((201u16, s))
    })
    .await?;
    let version = body.get("version").and_then(|v| v.as_i64()).unwrap_or(1) as i32;
    Ok(
        HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED))
            .insert_header(etag(version))
            .json(body),
    )
}

/// One suggestion with its signers, referrals, consultations, sent replies (and the
/// caller's own organisation's drafts) and feedback; `ETag` holds the version.
#[utoipa::path(
    get, path = "/api/v1/suggestions/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses((status = 200, description = "The suggestion", body = Suggestion), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_suggestion(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    let s = tx(&pool, move |conn| {
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// Edit a draft (its lead deputy or the user who entered it; `If-Match`). Co-signers who
/// stay keep their confirmation.
#[utoipa::path(
    put, path = "/api/v1/suggestions/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = SuggestionInput,
    responses(
        (status = 200, description = "Updated", body = Suggestion),
        (status = 409, description = "Not a draft (`not_a_draft`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_suggestion(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let s = tx(&pool, move |conn| {
        let row = repo::update(conn, &user, id, version, &input)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// A co-signer confirms their signature on a draft (附议确认).
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/confirm", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses(
        (status = 200, description = "Confirmed", body = Suggestion),
        (status = 409, description = "Not a draft (`not_a_draft`)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn confirm_signature(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let s = tx(&pool, move |conn| {
        repo::confirm(conn, &user, id)?;
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// Take one step of the workflow (see [`SuggestionAction`] for who may take which step
/// from which state). Deadlines: submission sets the referral due date
/// (`referral_working_days` working days); referral the reply due date, 3 calendar months
/// after `referred_on` or 6 when wide-ranging (R7; DL 51), the 31st clamped to the end of a
/// shorter month, and each organisation's return limit (`return_working_days` working
/// days, public holidays and adjusted working days counted: the lead may `return` only
/// while the item is `referred`, a co-handler also once the lead has started, in
/// `in_progress` and `extended`, ending its own part; after its `return_due`, 409
/// `return_period_over`); an extension adds 1–3 months
/// (at most 3 in all; local practice, "with approval"): the lead organisation asks with
/// `request_extension` (shown as `extension_request` until decided), the office approves by
/// `extend` (which it may also grant unasked) or refuses with `refuse_extension`. Every
/// step is recorded in the history.
///
/// `If-Match` is optional here: when sent, the step is taken only from that version (412
/// otherwise), so two officers cannot act on the same item unknowingly.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/transitions", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), ("If-Match" = Option<String>, Header, description = "ETag from the last read; checked when sent")),
    request_body = SuggestionAction,
    responses(
        (status = 200, description = "The suggestion after the step", body = Suggestion),
        (status = 204, description = "Done; the caller (an organisation that returned the item) no longer sees it"),
        (status = 409, description = "Refused by the workflow: `invalid_transition`, `co_signers_unconfirmed`, `incomplete`, `return_period_over`, `extension_limit`, `extension_request_pending`, `no_extension_request`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read (only when If-Match is sent)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn transition(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionAction>,
) -> Result<HttpResponse, ApiError> {
    let expected = match req.headers().get(actix_web::http::header::IF_MATCH) {
        Some(_) => Some(if_match(&req)?),
        None => None,
    };
    let (id, action) = (id.into_inner(), body.into_inner());
    let s = tx(&pool, move |conn| {
        repo::transition(conn, &user, id, &action, expected)?;
        // An organisation that returned the item no longer sees it: 204 then.
        match repo::ensure(conn, &user, id) {
            Ok(row) => repo::to_wire(conn, &user, &row).map(Some),
            Err(ApiError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await?;
    Ok(match s {
        Some(s) => with_etag(StatusCode::OK, &s),
        None => HttpResponse::NoContent().finish(),
    })
}

/// The history of an item: every transition with who, when, from, to and the note.
#[utoipa::path(
    get, path = "/api/v1/suggestions/{id}/history", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses((status = 200, description = "Transitions, oldest first", body = Vec<SuggestionEvent>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn history(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<SuggestionEvent>>, ApiError> {
    ensure_reader(&user)?;
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::history(conn, &user, id)).await?,
    ))
}

/// Record a consultation with the deputy (面商: form, date, who met the deputy) — a
/// referred handling organisation while the item is in handling (R7; DL 51: the
/// organisations must consult the deputy). It belongs to the item's current round; the
/// lead organisation needs one held on or after `round_started_on` before it can send its
/// reply.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/consultations", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    request_body = NewConsultation,
    responses(
        (status = 201, description = "Recorded", body = Consultation),
        (status = 409, description = "Not in handling (`not_in_handling`)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn add_consultation(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<NewConsultation>,
) -> Result<HttpResponse, ApiError> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let c = tx(&pool, move |conn| {
        repo::add_consultation(conn, &user, id, &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(c))
}

/// Draft a reply (a referred handling organisation; the office for an item forwarded to
/// the upper-level congress). Only the drafting organisation sees the draft.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/replies", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    request_body = ReplyInput,
    responses(
        (status = 201, description = "The draft; `ETag` holds its version", body = Reply),
        (status = 409, description = "Not in handling (`not_in_handling`)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn create_reply(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<ReplyInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let r = tx(&pool, move |conn| {
        repo::create_reply(conn, &user, id, &input)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(r.version))
        .json(r))
}

/// Edit a reply draft of the caller's organisation (`If-Match`).
#[utoipa::path(
    put, path = "/api/v1/replies/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Reply id"), ("If-Match" = String, Header, description = "ETag from the last read")),
    request_body = ReplyInput,
    responses(
        (status = 200, description = "Updated", body = Reply),
        (status = 409, description = "Already sent (`already_sent`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn update_reply(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<ReplyInput>,
) -> Result<HttpResponse, ApiError> {
    let version = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    let r = tx(&pool, move |conn| {
        repo::update_reply(conn, &user, id, version, &input)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(etag(r.version)).json(r))
}

/// Send a reply draft to every signer. The lead organisation's reply moves the item from
/// `in_progress`, `extended` or `rehandling` to `replied`; a co-handler's reply is its
/// input to the lead and changes no state.
///
/// R7 (DL 51: the handling organisation must consult the deputy): the lead
/// organisation's reply is refused (409 `consultation_required`) until the organisation
/// has recorded a consultation (`POST /api/v1/suggestions/{id}/consultations`) in the
/// current round, held on or after `round_started_on` (the referral date in round 1, the
/// day re-handling began later). Exempt: co-handlers' input, items forwarded to the
/// upper-level congress (the office records the other congress's reply), and items
/// without signers (imported items whose proposer is no deputy).
#[utoipa::path(
    post, path = "/api/v1/replies/{id}/send", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Reply id")),
    responses(
        (status = 200, description = "Sent", body = Reply),
        (status = 409, description = "`already_sent`, `not_in_handling`, `invalid_transition` or `consultation_required` (the lead organisation has not consulted the deputy in this round; R7, DL 51)", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn send_reply(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let r = tx(&pool, move |conn| repo::send_reply(conn, &user, id)).await?;
    Ok(HttpResponse::Ok().insert_header(etag(r.version)).json(r))
}

/// Rate the replies (a signer, once per round): attitude and result, each satisfied,
/// basically satisfied or dissatisfied. When every signer has rated the item is `rated`;
/// any dissatisfied rating sends it back for re-handling with a new deadline (1 month by
/// default), up to `max_rehandling_rounds` times.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/feedback", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    request_body = FeedbackInput,
    responses(
        (status = 200, description = "The suggestion after the rating", body = Suggestion),
        (status = 409, description = "`invalid_transition` (not replied) or `already_rated`", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn rate(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<FeedbackInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, input) = (id.into_inner(), body.into_inner());
    let s = tx(&pool, move |conn| {
        repo::rate(conn, &user, id, &input)?;
        let row = repo::ensure(conn, &user, id)?;
        repo::to_wire(conn, &user, &row)
    })
    .await?;
    Ok(with_etag(StatusCode::OK, &s))
}

/// `GET /api/v1/handling-orgs` parameters.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgQuery {
    /// Only this congress.
    pub congress_id: Option<Uuid>,
}

/// Handling organisations (承办单位) in the caller's scope, by name; a handling-organisation
/// user sees only their own; deputies none.
#[utoipa::path(
    get, path = "/api/v1/handling-orgs", tag = "suggestions",
    params(OrgQuery),
    responses((status = 200, description = "Organisations", body = Vec<HandlingOrg>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_orgs(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<OrgQuery>,
) -> Result<web::Json<Vec<HandlingOrg>>, ApiError> {
    use crate::schema::handling_orgs;
    use diesel::prelude::*;
    let q = query.into_inner();
    let rows = tx(&pool, move |conn| {
        let mut query = repo::visible_orgs(&user);
        if let Some(c) = q.congress_id {
            query = query.filter(handling_orgs::congress_id.eq(c));
        }
        Ok(query
            .order((handling_orgs::name, handling_orgs::id))
            .select(super::models::HandlingOrgRow::as_select())
            .load(conn)?)
    })
    .await?;
    Ok(web::Json(rows.iter().map(|r| r.to_wire()).collect()))
}

/// Add a handling organisation to a congress (admin, staff).
#[utoipa::path(
    post, path = "/api/v1/handling-orgs", tag = "suggestions",
    request_body = NewHandlingOrg,
    responses((status = 201, description = "Created", body = HandlingOrg), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_org(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<NewHandlingOrg>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::OFFICE)?;
    let new = body.into_inner();
    let row = tx(&pool, move |conn| {
        let row = repo::create_org(conn, &user, &new)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "handling_org",
            Some(row.id),
            None,
            Some(&serde_json::to_value(row.to_wire()).unwrap_or_default()),
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(etag(row.version))
        .json(row.to_wire()))
}

/// One handling organisation.
#[utoipa::path(
    get, path = "/api/v1/handling-orgs/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Organisation id")),
    responses((status = 200, description = "The organisation", body = HandlingOrg), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_org(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = tx(&pool, move |conn| repo::ensure_org(conn, &user, id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(row.version))
        .json(row.to_wire()))
}

/// Create a login for a handling organisation (admin): role `handling_org`, in the
/// organisation's congress, acting for this organisation only.
#[utoipa::path(
    post, path = "/api/v1/handling-orgs/{id}/users", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Organisation id")),
    request_body = NewHandlingOrgUser,
    responses((status = 201, description = "Created", body = CurrentUser), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_org_user(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<NewHandlingOrgUser>,
) -> Result<HttpResponse, ApiError> {
    use crate::schema::users;
    use diesel::prelude::*;
    user.require(&[Role::Admin])?;
    let (id, new) = (id.into_inner(), body.into_inner());
    let created = tx(&pool, move |conn| {
        let org = repo::ensure_org(conn, &user, id)?;
        let row = crate::auth::handlers::insert_user(
            conn,
            &NewUser {
                username: new.username,
                display_name: new.display_name,
                password: new.password,
                role: Role::HandlingOrg,
                congress_id: org.congress_id,
                deputy_id: None,
            },
        )?;
        diesel::update(users::table.find(row.id))
            .set(users::handling_org_id.eq(Some(org.id)))
            .execute(conn)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "user",
            Some(row.id),
            None,
            Some(&serde_json::json!({
                "username": row.username, "role": row.role, "handling_org_id": org.id
            })),
        )?;
        Ok(CurrentUser {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: Role::HandlingOrg,
            congress_id: row.congress_id,
            deputy_id: None,
            handling_org_id: Some(org.id),
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The category taxonomy usable in a congress: its own categories and those of the
/// congresses above it, by level and name, each with its full path.
#[utoipa::path(
    get, path = "/api/v1/suggestion-categories", tag = "suggestions",
    params(CategoryQuery),
    responses((status = 200, description = "Categories", body = Vec<SuggestionCategory>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_categories(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CategoryQuery>,
) -> Result<web::Json<Vec<SuggestionCategory>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::list_categories(conn, &user, &q)).await?,
    ))
}

/// Add a category (admin, staff): level 1 without `parent_id`, else below a level-1 or
/// level-2 category of the same congress.
#[utoipa::path(
    post, path = "/api/v1/suggestion-categories", tag = "suggestions",
    request_body = NewSuggestionCategory,
    responses((status = 201, description = "Created", body = SuggestionCategory), WriteErrors),
    security(("bearer" = []))
)]
pub async fn create_category(
    user: AuthUser,
    pool: web::Data<DbPool>,
    body: Json<NewSuggestionCategory>,
) -> Result<HttpResponse, ApiError> {
    user.require(repo::OFFICE)?;
    let new = body.into_inner();
    let c = tx(&pool, move |conn| repo::create_category(conn, &user, &new)).await?;
    Ok(HttpResponse::Created().json(c))
}

/// `POST /api/v1/suggestion-categories/import` parameters.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CategoryImportQuery {
    /// The congress whose taxonomy the file fills.
    pub congress_id: Uuid,
}

/// Import a three-level taxonomy from XLSX or CSV (admin, staff): a header row with
/// 一级分类, 二级分类, 三级分类 and one row per category path, as in the TipDM 2020
/// smart-government taxonomy (附件1.xlsx: 15 level-1 classes, 517 rows). Existing
/// categories are kept: importing twice changes nothing.
#[utoipa::path(
    post, path = "/api/v1/suggestion-categories/import", tag = "suggestions",
    params(CategoryImportQuery),
    request_body(description = "The taxonomy file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses(
        (status = 200, description = "Categories created and kept, rows skipped", body = CategoryImportReport),
        (status = 415, description = "Not a CSV or XLSX file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_categories(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<CategoryImportQuery>,
    body: web::Payload,
) -> Result<web::Json<CategoryImportReport>, ApiError> {
    use crate::imports::table;
    user.require(repo::OFFICE)?;
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let congress = query.congress_id;
    let report = tx(&pool, move |conn| {
        if upload.format()? == table::Format::Json {
            return Err(ApiError::UnsupportedMediaType(
                "分类表须为 XLSX 或 CSV 文件。".into(),
            ));
        }
        let rows = upload.table()?.1.rows;
        let _slot = upload.into_slot();
        let report = repo::import_categories(conn, &user, congress, &rows)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "import",
            "suggestion_category",
            Some(congress),
            None,
            Some(&serde_json::to_value(&report).unwrap_or_default()),
        )?;
        Ok(report)
    })
    .await?;
    Ok(web::Json(report))
}

/// Import suggestions from a file (admin, staff), with the roster import's dry run and
/// row report.
///
/// The body is the file itself: CSV (UTF-8 with or without BOM, or GB18030; quoted fields
/// may span lines), XLSX (title rows above the header allowed) or JSON (an array of
/// objects). Columns, Chinese or English: 编号/提案号 (`proposal_number`), 提出人
/// (`personnel_name`), 案由/标题 (`reason`, `title`), 内容 (`content`) are required;
/// 类别 (`type`), 提交日期/发布时间 (`publish_time`), 年度 (`year`) and 种类 (`kind`) are
/// read when present.
///
/// Each row creates a `submitted` item of origin `imported` that keeps the file's number,
/// year, proposer and category, or is `unchanged` when that number and year were imported
/// before (a re-import changes nothing), or an `error` with its reasons. Proposers are
/// matched by name against the congress's deputies and never created: the report says
/// per row which name matched which deputy, which matched none or several, and which
/// proposers are bodies. The file's categories are placed in the configured taxonomy by
/// name or by the documented mapping table; a category with no counterpart is a warning
/// and the item stays uncategorised. Row numbers are those the file shows. One
/// transaction; one import per congress at a time.
#[utoipa::path(
    post, path = "/api/v1/suggestions/import", tag = "suggestions",
    params(SuggestionImportQuery),
    request_body(description = "The suggestions file", content(
        (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "application/json"))),
    responses(
        (status = 200, description = "What was (or, in a dry run, would be) done to each row", body = SuggestionImportReport),
        (status = 415, description = "Not a CSV, XLSX or JSON file", body = Problem, content_type = "application/problem+json"),
        WriteErrors,
        ImportErrors
    ),
    security(("bearer" = []))
)]
pub async fn import_suggestions(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<SuggestionImportQuery>,
    body: web::Payload,
) -> Result<web::Json<SuggestionImportReport>, ApiError> {
    use crate::imports::columns;
    user.require(repo::OFFICE)?;
    let q = query.into_inner();
    let only_problems = match q.rows.as_deref() {
        None | Some("all") => false,
        Some("problems") => true,
        Some(_) => {
            return Err(ApiError::field(
                "?rows",
                "invalid_value",
                "rows 须为 all 或 problems。",
            ))
        }
    };
    let upload = crate::imports::upload::Upload::read(&req, body).await?;
    let report = tx(&pool, move |conn| {
        use crate::schema::congresses;
        use diesel::prelude::*;
        let congress = q.congress_id.unwrap_or(user.congress_id);
        crate::congresses::repo::ensure_in_scope(conn, &user, congress)?;
        // One import per congress at a time: a second one waits, then finds the first's
        // items (a double submit must not import everything twice).
        congresses::table
            .find(congress)
            .select(congresses::id)
            .for_update()
            .first::<Uuid>(conn)?;
        let (format, table) = upload.table()?;
        let limits = upload.limits;
        let layout = columns::layout(table, super::import::SuggestionColumn::Title)?;
        let _slot = upload.into_slot();
        let opts = super::import::Run {
            congress,
            dry_run: q.dry_run,
            all_or_nothing: q.all_or_nothing,
            only_problems,
            actor: user.id,
            actor_role: user.role.as_str(),
            report_bytes: limits.max_report_bytes,
        };
        super::import::run(conn, &opts, layout, format.as_str())
    })
    .await?;
    Ok(web::Json(report))
}

/// The suggestion settings of a congress (defaults when none are stored).
#[utoipa::path(
    get, path = "/api/v1/congresses/{id}/suggestion-settings", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Congress id")),
    responses((status = 200, description = "Settings", body = SuggestionSettings), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_settings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<SuggestionSettings>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| {
            crate::congresses::repo::ensure_in_scope(conn, &user, id)?;
            Ok(repo::settings(conn, id)?)
        })
        .await?,
    ))
}

/// Replace the suggestion settings of a congress (admin, staff): working days to refer
/// and to return, months to re-handle, the due-soon window, re-handling rounds, months for
/// a co-handler's input to the lead.
#[utoipa::path(
    put, path = "/api/v1/congresses/{id}/suggestion-settings", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Congress id")),
    request_body = SuggestionSettings,
    responses((status = 200, description = "Stored", body = SuggestionSettings), WriteErrors),
    security(("bearer" = []))
)]
pub async fn put_settings(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
    body: Json<SuggestionSettings>,
) -> Result<web::Json<SuggestionSettings>, ApiError> {
    user.require(repo::OFFICE)?;
    let (id, s) = (id.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| repo::put_settings(conn, &user, id, &s)).await?,
    ))
}

/// The public holidays and adjusted working days (调休) of a year, as the deadlines count
/// them. Days not listed follow the week.
#[utoipa::path(
    get, path = "/api/v1/working-calendar/{year}", tag = "suggestions",
    params(("year" = i32, Path, description = "Year, 2000–2100")),
    responses((status = 200, description = "The year's exceptions, by date", body = WorkingCalendar), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_calendar(
    _user: AuthUser,
    pool: web::Data<DbPool>,
    year: web::Path<i32>,
) -> Result<web::Json<WorkingCalendar>, ApiError> {
    let year = year.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| repo::calendar_year(conn, year)).await?,
    ))
}

/// Replace a year's holidays and adjusted working days (admin), e.g. when the State
/// Council publishes next year's arrangements (国务院办公厅关于部分节假日安排的通知).
#[utoipa::path(
    put, path = "/api/v1/working-calendar/{year}", tag = "suggestions",
    params(("year" = i32, Path, description = "Year, 2000–2100")),
    request_body = WorkingCalendar,
    responses((status = 200, description = "Stored", body = WorkingCalendar), WriteErrors),
    security(("bearer" = []))
)]
pub async fn put_calendar(
    user: AuthUser,
    pool: web::Data<DbPool>,
    year: web::Path<i32>,
    body: Json<WorkingCalendar>,
) -> Result<web::Json<WorkingCalendar>, ApiError> {
    user.require(&[Role::Admin])?;
    let (year, cal) = (year.into_inner(), body.into_inner());
    Ok(web::Json(
        tx(&pool, move |conn| {
            // One calendar serves every congress of the deployment: only an administrator
            // of its top congress (one without a parent) may change it.
            use diesel::prelude::*;
            let parent: Option<Uuid> = crate::schema::congresses::table
                .find(user.congress_id)
                .select(crate::schema::congresses::parent_id)
                .first(conn)?;
            if parent.is_some() {
                return Err(ApiError::Forbidden(
                    "工作日历全系统共用，只能由最高一级人大的管理员修改。".into(),
                ));
            }
            repo::put_calendar_year(conn, &user, year, &cal)
        })
        .await?,
    ))
}

/// The handling report (办理情况报告; R8, DL 51–52) of the items submitted in a period: by
/// handling organisation (received as lead and co-handler, replied on time or late, overdue,
/// result classes A–D, satisfaction with the result of the latest rated round) and by
/// level-1 category. `format=xlsx` answers a workbook (sheets 按承办单位 and 按分类).
/// Admin, staff, presidium and integration clients; items of the caller's scope.
#[utoipa::path(
    get, path = "/api/v1/suggestion-report", tag = "suggestions",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report", content(
            (SuggestionReport = "application/json"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, description = "Deputies and handling organisations", body = Problem, content_type = "application/problem+json"),
        ReadErrors
    ),
    security(("bearer" = []))
)]
pub async fn report(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let xlsx = match q.format.as_deref() {
        None | Some("json") => false,
        Some("xlsx") => true,
        Some(_) => {
            return Err(ApiError::field(
                "?format",
                "invalid_value",
                "format 须为 json 或 xlsx。",
            ))
        }
    };
    let report = tx(&pool, move |conn| super::report::build(conn, &user, &q)).await?;
    if !xlsx {
        return Ok(HttpResponse::Ok().json(report));
    }
    let bytes = web::block(move || super::report::to_xlsx(&report))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))??;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"suggestion-report.xlsx\"",
        ))
        .body(bytes))
}

/// The caller's deadline reminders, newest first (at most 500): a handling organisation's
/// user gets their organisation's; admin, staff and presidium the office's reminders of
/// their scope (every deadline, referral included). Other roles: 403.
#[utoipa::path(
    get, path = "/api/v1/reminders", tag = "suggestions",
    params(ReminderQuery),
    responses((status = 200, description = "Reminders", body = Vec<Reminder>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_reminders(
    user: AuthUser,
    pool: web::Data<DbPool>,
    query: Query<ReminderQuery>,
) -> Result<web::Json<Vec<Reminder>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| super::reminders::inbox(conn, &user, &q)).await?,
    ))
}

/// Mark one of the caller's reminders read (204); 404 for anyone else's.
#[utoipa::path(
    post, path = "/api/v1/reminders/{id}/read", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Reminder id")),
    responses((status = 204, description = "Read"), WriteErrors),
    security(("bearer" = []))
)]
pub async fn read_reminder(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        super::reminders::mark_read(conn, &user, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Write the reminders due today now (admin, staff), as `renda serve` does every
/// `REMINDER_SWEEP_MINUTES`: overdue and due-soon items get one reminder per recipient and
/// deadline, and so does each co-handler whose input to the lead is overdue or due soon
/// (`input_overdue`, `input_due_soon`) until it sends it; running it again writes nothing
/// new.
#[utoipa::path(
    post, path = "/api/v1/reminders/sweep", tag = "suggestions",
    responses((status = 200, description = "What the sweep did", body = SweepReport), WriteErrors),
    security(("bearer" = []))
)]
pub async fn sweep_reminders(
    user: AuthUser,
    pool: web::Data<DbPool>,
) -> Result<web::Json<SweepReport>, ApiError> {
    user.require(repo::OFFICE)?;
    Ok(web::Json(
        tx(&pool, move |conn| {
            super::reminders::sweep(conn, crate::http::today())
        })
        .await?,
    ))
}

/// The public list of a congress's replied items (R8; DL 51, 52), newest first, without
/// signing in: no deputy, consultation or rating; phone and ID-card numbers masked.
#[utoipa::path(
    get, path = "/api/v1/public/suggestions", tag = "suggestions",
    params(PublicQuery),
    responses(
        (status = 200, description = "A page of replied items", body = PublicPage),
        (status = 422, description = "A parameter is missing or out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn public_list(
    pool: web::Data<DbPool>,
    query: Query<PublicQuery>,
) -> Result<web::Json<PublicPage>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| super::public::list(conn, &q)).await?,
    ))
}

/// Attach a file (the raw body; PDF, DOCX, XLSX, JPG, PNG or TXT up to
/// `MAX_DOCUMENT_BYTES`) to a suggestion — its authors while it is a draft, the office until
/// it is closed — or, with `reply_id`, to a reply draft of the caller's organisation.
#[utoipa::path(
    post, path = "/api/v1/suggestions/{id}/attachments", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id"), AttachmentUpload),
    request_body(description = "The file", content((String = "application/octet-stream"))),
    responses(
        (status = 201, description = "Stored", body = SuggestionAttachment),
        (status = 409, description = "The state no longer allows changes", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not an allowed type, or content not matching it", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn upload_attachment(
    req: HttpRequest,
    user: AuthUser,
    pool: web::Data<DbPool>,
    config: web::Data<crate::config::Config>,
    id: web::Path<Uuid>,
    query: Query<AttachmentUpload>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let q = query.into_inner();
    let (name, mime) =
        crate::files::check(&q.filename, declared, &body, config.max_document_bytes)?;
    let id = id.into_inner();
    let a = tx(&pool, move |conn| {
        let a = super::attachments::add(conn, &user, id, q.reply_id, &name, mime, &body)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "create",
            "suggestion_attachment",
            Some(a.id),
            None,
            Some(&serde_json::to_value(&a).unwrap_or_default()),
        )?;
        Ok(a)
    })
    .await?;
    Ok(HttpResponse::Created().json(a))
}

/// The attachments of a suggestion and its replies that the caller may read.
#[utoipa::path(
    get, path = "/api/v1/suggestions/{id}/attachments", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Suggestion id")),
    responses((status = 200, description = "Attachments, oldest first", body = Vec<SuggestionAttachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_attachments(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<SuggestionAttachment>>, ApiError> {
    let id = id.into_inner();
    Ok(web::Json(
        tx(&pool, move |conn| super::attachments::list(conn, &user, id)).await?,
    ))
}

/// Download an attachment (as a file, `nosniff`); 404 for one the caller may not read.
#[utoipa::path(
    get, path = "/api/v1/attachments/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "application/octet-stream"), ReadErrors),
    security(("bearer" = []))
)]
pub async fn download_attachment(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (meta, content) = tx(&pool, move |conn| {
        super::attachments::fetch(conn, &user, id)
    })
    .await?;
    Ok(crate::files::download(
        &meta.content_type,
        &meta.file_name,
        content,
    ))
}

/// Remove an attachment, under the rules for adding one (204).
#[utoipa::path(
    delete, path = "/api/v1/attachments/{id}", tag = "suggestions",
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "The state no longer allows changes", body = Problem, content_type = "application/problem+json"),
        WriteErrors
    ),
    security(("bearer" = []))
)]
pub async fn delete_attachment(
    user: AuthUser,
    pool: web::Data<DbPool>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    tx(&pool, move |conn| {
        let a = super::attachments::remove(conn, &user, id)?;
        crate::audit::record(
            conn,
            Some(user.id),
            "delete",
            "suggestion_attachment",
            Some(a.id),
            Some(&serde_json::to_value(&a).unwrap_or_default()),
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
