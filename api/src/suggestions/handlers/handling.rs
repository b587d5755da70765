//! HTTP handlers of an item's handling: history, consultations, replies, ratings.

use super::*;

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
