//! Queries of the deputies registry. Every read is filtered by the caller's scope in SQL.

use super::models::*;
use super::personal::{Person, PersonalDataKey};
use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::schema::{
    assessment_runs, assessment_scores, delegations, deputies, deputy_groups,
    mandate_status_changes, mandates, terms, tombstones,
};
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use renda_openapi::{
    DeputyListQuery, DeputySort, ElectedVia, FieldError, MandateInput, MandateStatus,
    StatusChangeRequest, StatusReason,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Largest page of deputies.
pub const MAX_PAGE: i64 = 200;
/// Page size when none is asked for.
pub const DEFAULT_PAGE: i64 = 50;

/// 404 unless the deputy exists in the caller's scope.
pub fn ensure_deputy_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<DeputyRow, ApiError> {
    deputies::table
        .filter(deputies::id.eq(id))
        .filter(deputies::congress_id.eq_any(scope(user.congress_id)))
        .select(DeputyRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("代表不存在或不在您的权限范围内。".into()))
}

/// Whether the deputy holds an active mandate of `congress`: suspended (DL 61) and
/// terminated (DL 62) deputies do not exercise a deputy's powers, so they neither propose
/// nor sign suggestions and motions.
pub fn in_office(conn: &mut PgConnection, congress: Uuid, deputy: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        mandates::table
            .filter(mandates::deputy_id.eq(deputy))
            .filter(mandates::congress_id.eq(congress))
            .filter(mandates::status.eq("active")),
    ))
    .get_result(conn)
}

/// The stored columns for a validated person (the ID-card number encrypted and digested).
pub fn person_values(person: &Person, key: &PersonalDataKey) -> DeputyValues {
    DeputyValues {
        external_id: person.external_id.clone(),
        name: person.name.clone(),
        gender: person.gender.map(|g| g.as_str().to_string()),
        ethnicity: person.ethnicity.clone(),
        birth_year: person.birth.map(|b| b.year),
        birth_month: person.birth.and_then(|b| b.month.map(|m| m as i32)),
        birth_day: person.birth.and_then(|b| b.day.map(|d| d as i32)),
        party: person.party.clone(),
        workplace_post: person.workplace_post.clone(),
        phone: person.phone.clone(),
        id_card_encrypted: person.id_card.as_deref().map(|c| key.encrypt(c)),
        id_card_digest: person.id_card.as_deref().map(|c| key.digest(c)),
        address: person.address.clone(),
        notes: person.notes.clone(),
    }
}

/// Maps unique-index violations on a deputy to field errors.
pub fn deputy_conflict(e: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    if let Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) = &e {
        return match info.constraint_name() {
            Some("deputies_external_id") => {
                ApiError::field("/external_id", "taken", "该外部编号已被其他代表使用。")
            }
            Some("deputies_id_card") => {
                ApiError::field("/id_card_number", "taken", "该身份证号已登记给其他代表。")
            }
            _ => ApiError::from(e),
        };
    }
    ApiError::from(e)
}

#[derive(Serialize, Deserialize)]
struct Cursor {
    /// The sort key of the last row: a name or an RFC 3339 timestamp.
    k: String,
    id: Uuid,
}

fn encode_cursor(k: String, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(serde_json::to_vec(&Cursor { k, id }).unwrap_or_default())
}

fn decode_cursor(s: &str) -> Result<Cursor, ApiError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| {
            ApiError::field(
                "?cursor",
                "invalid_cursor",
                "分页游标无效，请从第一页重新开始。",
            )
        })
}

/// Deputies matching the list's filters (without order or paging).
fn filtered<'a>(user: &AuthUser, q: &'a DeputyListQuery) -> deputies::BoxedQuery<'a, Pg> {
    let mut query = deputies::table
        .filter(deputies::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if let Some(c) = q.congress_id {
        query = query.filter(deputies::congress_id.eq(c));
    }
    if q.term_id.is_some()
        || q.delegation_id.is_some()
        || q.deputy_group_id.is_some()
        || q.status.is_some()
    {
        query = query
            .filter(deputies::id.eq_any(matching_mandates(user, q).select(mandates::deputy_id)));
    }
    if let Some(g) = q.gender {
        query = query.filter(deputies::gender.eq(g.as_str()));
    }
    if let Some(e) = q.ethnicity.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(deputies::ethnicity.eq(e));
    }
    if let Some(p) = q.party.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(deputies::party.eq(p));
    }
    let search =
        q.q.as_deref()
            .map(|t| super::personal::normalize_name(&t.replace(|c: char| c.is_control(), "")));
    if let Some(text) = search.filter(|t| !t.is_empty()) {
        let pattern = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query = query.filter(deputies::name.ilike(pattern));
    }
    if let Some(since) = q.updated_since {
        query = query.filter(deputies::updated_at.gt(since));
    }
    query
}

/// Mandates in the caller's scope matching the list's mandate filters. (A deputy of a
/// township may also sit in the district congress: township staff must not see that seat.)
fn matching_mandates<'a>(user: &AuthUser, q: &DeputyListQuery) -> mandates::BoxedQuery<'a, Pg> {
    let mut m = mandates::table
        .filter(mandates::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    if let Some(t) = q.term_id {
        m = m.filter(mandates::term_id.eq(t));
    }
    if let Some(d) = q.delegation_id {
        m = m.filter(mandates::delegation_id.eq(d));
    }
    if let Some(g) = q.deputy_group_id {
        m = m.filter(mandates::deputy_group_id.eq(g));
    }
    if let Some(s) = q.status {
        m = m.filter(mandates::status.eq(s.as_str()));
    }
    m
}

/// One page of the deputies list.
pub struct DeputyListPage {
    pub rows: Vec<(DeputyRow, Option<MandateWithNames>)>,
    pub next_cursor: Option<String>,
    pub total: Option<i64>,
    pub deleted: Vec<Uuid>,
}

/// Lists deputies with keyset pagination: one query for the page (limit + 1 rows, to know
/// whether there is a next page), one for the page's mandates, and a count only when asked.
///
/// Errors: 422 for a page size outside 1–200 or a malformed cursor.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &DeputyListQuery,
) -> Result<DeputyListPage, ApiError> {
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::field(
            "?limit",
            "out_of_range",
            format!("每页条数须在 1 到 {MAX_PAGE} 之间。"),
        ));
    }
    let sort = q.sort.unwrap_or(if q.updated_since.is_some() {
        DeputySort::UpdatedAt
    } else {
        DeputySort::Name
    });
    let mut query = filtered(user, q);
    if let Some(c) = q.cursor.as_deref() {
        let c = decode_cursor(c)?;
        query = match sort {
            DeputySort::Name => query.filter(
                deputies::name
                    .gt(c.k.clone())
                    .or(deputies::name.eq(c.k).and(deputies::id.gt(c.id))),
            ),
            DeputySort::NameDesc => query.filter(
                deputies::name
                    .lt(c.k.clone())
                    .or(deputies::name.eq(c.k).and(deputies::id.lt(c.id))),
            ),
            DeputySort::UpdatedAt | DeputySort::UpdatedAtDesc => {
                let at: DateTime<Utc> = DateTime::parse_from_rfc3339(&c.k)
                    .map_err(|_| {
                        ApiError::field(
                            "?cursor",
                            "invalid_cursor",
                            "分页游标无效，请从第一页重新开始。",
                        )
                    })?
                    .with_timezone(&Utc);
                if sort == DeputySort::UpdatedAt {
                    query.filter(
                        deputies::updated_at
                            .gt(at)
                            .or(deputies::updated_at.eq(at).and(deputies::id.gt(c.id))),
                    )
                } else {
                    query.filter(
                        deputies::updated_at
                            .lt(at)
                            .or(deputies::updated_at.eq(at).and(deputies::id.lt(c.id))),
                    )
                }
            }
        };
    }
    query = match sort {
        DeputySort::Name => query.order((deputies::name.asc(), deputies::id.asc())),
        DeputySort::NameDesc => query.order((deputies::name.desc(), deputies::id.desc())),
        DeputySort::UpdatedAt => query.order((deputies::updated_at.asc(), deputies::id.asc())),
        DeputySort::UpdatedAtDesc => {
            query.order((deputies::updated_at.desc(), deputies::id.desc()))
        }
    };
    let mut rows: Vec<DeputyRow> = query
        .limit(limit + 1)
        .select(DeputyRow::as_select())
        .load(conn)?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|last| match sort {
            DeputySort::Name | DeputySort::NameDesc => encode_cursor(last.name.clone(), last.id),
            _ => encode_cursor(
                last.updated_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                last.id,
            ),
        })
    } else {
        None
    };
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut chosen = std::collections::HashMap::new();
    for m in mandates_with_names(
        matching_mandates(user, q).filter(mandates::deputy_id.eq_any(&ids)),
        conn,
    )? {
        // Ordered newest term first: the first seen per deputy is the one to show.
        chosen.entry(m.0.deputy_id).or_insert(m);
    }
    let total = if q.with_total == Some(true) {
        Some(filtered(user, q).count().get_result(conn)?)
    } else {
        None
    };
    let deleted = match (q.updated_since, &q.cursor) {
        (Some(since), None) => tombstones::table
            .filter(tombstones::entity.eq("deputy"))
            .filter(tombstones::congress_id.eq_any(scope(user.congress_id)))
            .filter(tombstones::deleted_at.gt(since))
            .order(tombstones::deleted_at)
            .select(tombstones::entity_id)
            .load(conn)?,
        _ => vec![],
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            let m = chosen.remove(&r.id);
            (r, m)
        })
        .collect();
    Ok(DeputyListPage {
        rows,
        next_cursor,
        total,
        deleted,
    })
}

/// Loads mandates with their term number, delegation and group names, newest term first.
fn mandates_with_names(
    m: mandates::BoxedQuery<'_, Pg>,
    conn: &mut PgConnection,
) -> QueryResult<Vec<MandateWithNames>> {
    m.inner_join(terms::table)
        .left_join(delegations::table)
        .left_join(deputy_groups::table)
        .order((mandates::deputy_id, terms::number.desc()))
        .select((
            MandateRow::as_select(),
            terms::number,
            delegations::name.nullable(),
            deputy_groups::name.nullable(),
        ))
        .load(conn)
}

/// Every mandate of a deputy in the caller's scope, newest term first, each with its
/// status history (oldest first).
pub fn mandates_of(
    conn: &mut PgConnection,
    user: &AuthUser,
    deputy: Uuid,
) -> Result<Vec<renda_openapi::Mandate>, ApiError> {
    let rows = mandates_with_names(
        mandates::table
            .filter(mandates::deputy_id.eq(deputy))
            .filter(mandates::congress_id.eq_any(scope(user.congress_id)))
            .into_boxed(),
        conn,
    )?;
    let ids: Vec<Uuid> = rows.iter().map(|m| m.0.id).collect();
    let history: Vec<StatusChangeRow> = mandate_status_changes::table
        .filter(mandate_status_changes::mandate_id.eq_any(&ids))
        .order((
            mandate_status_changes::recorded_at,
            mandate_status_changes::id,
        ))
        .select(StatusChangeRow::as_select())
        .load(conn)?;
    // Handling organisations see deputies' basic data only, not credentials matters.
    let flags = if user.role == renda_openapi::Role::HandlingOrg {
        vec![]
    } else {
        crate::meetings::flags::queries::open_of_mandates(conn, &ids)?
    };
    rows.iter()
        .map(|row| {
            let mut m = mandate_to_wire(row)?;
            m.status_history = history
                .iter()
                .filter(|h| h.mandate_id == m.id)
                .map(StatusChangeRow::to_wire)
                .collect();
            m.credentials_flags = flags
                .iter()
                .filter(|f| f.mandate_id == m.id)
                .cloned()
                .collect();
            Ok(m)
        })
        .collect()
}

/// Inserts a deputy. Errors: 422 when the external id or ID-card number is taken.
pub fn insert_deputy(
    conn: &mut PgConnection,
    congress: Uuid,
    values: DeputyValues,
) -> Result<DeputyRow, ApiError> {
    diesel::insert_into(deputies::table)
        .values(NewDeputyRow::new(Uuid::now_v7(), congress, values))
        .returning(DeputyRow::as_returning())
        .get_result(conn)
        .map_err(deputy_conflict)
}

/// Replaces a deputy's person fields if `version` is current, bumping the version.
///
/// Errors: 412 for a stale version; 422 when the external id or ID-card number is taken.
pub fn update_deputy(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    values: &DeputyValues,
) -> Result<DeputyRow, ApiError> {
    diesel::update(
        deputies::table
            .filter(deputies::id.eq(id))
            .filter(deputies::version.eq(version)),
    )
    .set((
        values,
        deputies::version.eq(version + 1),
        deputies::updated_at.eq(Utc::now()),
    ))
    .returning(DeputyRow::as_returning())
    .get_result(conn)
    .optional()
    .map_err(deputy_conflict)?
    .ok_or(ApiError::PreconditionFailed)
}

/// Deletes a deputy entered by mistake, leaving a tombstone for syncing clients.
///
/// Errors: 412 stale version; 409 when a mandate has recorded status changes (such a
/// deputy's history is kept: terminate the mandate instead); 409 `deputy_in_frozen_run`
/// when the deputy is in a frozen assessment run (the snapshot never changes).
pub fn delete_deputy(
    conn: &mut PgConnection,
    row: &DeputyRow,
    version: i32,
) -> Result<(), ApiError> {
    if row.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    let has_history: bool = diesel::select(diesel::dsl::exists(
        mandate_status_changes::table
            .inner_join(mandates::table)
            .filter(mandates::deputy_id.eq(row.id)),
    ))
    .get_result(conn)?;
    if has_history {
        return Err(ApiError::Conflict(
            "该代表已有代表资格变动记录，不能删除；如其代表资格已终止，请登记终止。".into(),
        ));
    }
    let frozen: i64 = assessment_scores::table
        .inner_join(assessment_runs::table)
        .filter(assessment_scores::deputy_id.eq(row.id))
        .filter(assessment_runs::status.eq(renda_openapi::RunStatus::Frozen))
        .count()
        .get_result(conn)?;
    if frozen > 0 {
        return Err(renda_openapi::Refusal::conflict(
            renda_openapi::messages::AssessmentMessage::DeputyInFrozenRun {
                runs: frozen as u32,
            },
        )
        .into());
    }
    diesel::delete(deputies::table.find(row.id)).execute(conn)?;
    diesel::insert_into(tombstones::table)
        .values((
            tombstones::id.eq(Uuid::now_v7()),
            tombstones::entity.eq("deputy"),
            tombstones::entity_id.eq(row.id),
            tombstones::congress_id.eq(row.congress_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// Checks a mandate's references: the term in scope, the delegation and group of the term's
/// congress, text lengths. Returns the term's congress.
fn check_mandate_input(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &MandateInput,
    pointer: &str,
) -> Result<Uuid, ApiError> {
    let term = crate::congresses::repo::term_in_scope(conn, user, input.term_id).map_err(|_| {
        ApiError::field(
            &format!("{pointer}/term_id"),
            "not_found",
            "届次不存在或不在您的权限范围内。",
        )
    })?;
    let mut errors = vec![];
    if let Some(d) = input.delegation_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            delegations::table
                .filter(delegations::id.eq(d))
                .filter(delegations::congress_id.eq(term.congress_id)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: format!("{pointer}/delegation_id"),
                code: "not_found".into(),
                message: "代表团不属于该届人大。".into(),
            });
        }
    }
    if let Some(g) = input.deputy_group_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputy_groups::table
                .filter(deputy_groups::id.eq(g))
                .filter(deputy_groups::congress_id.eq(term.congress_id)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: format!("{pointer}/deputy_group_id"),
                code: "not_found".into(),
                message: "代表小组不属于该届人大。".into(),
            });
        }
    }
    for (field, value) in [
        ("constituency", &input.constituency),
        ("certificate_number", &input.certificate_number),
    ] {
        if value.as_deref().is_some_and(|v| v.chars().count() > 100) {
            errors.push(FieldError {
                params: None,
                pointer: format!("{pointer}/{field}"),
                code: "too_long".into(),
                message: "不能超过 100 个字符。".into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(term.congress_id)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Inserts a mandate for a deputy. Errors: 422 for bad references; 409 when the deputy
/// already has a mandate in that term.
pub fn insert_mandate(
    conn: &mut PgConnection,
    user: &AuthUser,
    deputy: Uuid,
    input: &MandateInput,
    pointer: &str,
) -> Result<MandateRow, ApiError> {
    let congress = check_mandate_input(conn, user, input, pointer)?;
    diesel::insert_into(mandates::table)
        .values(NewMandateRow {
            id: Uuid::now_v7(),
            deputy_id: deputy,
            congress_id: congress,
            term_id: input.term_id,
            delegation_id: input.delegation_id,
            deputy_group_id: input.deputy_group_id,
            constituency: input
                .constituency
                .as_deref()
                .and_then(super::personal::clean),
            certificate_number: input
                .certificate_number
                .as_deref()
                .and_then(super::personal::clean),
            elected_via: input
                .elected_via
                .unwrap_or(ElectedVia::GeneralElection)
                .as_str()
                .into(),
            elected_on: input.elected_on,
            status: MandateStatus::Active.as_str().into(),
            status_reason: None,
            status_date: None,
        })
        .returning(MandateRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::Conflict("该代表在这一届已有代表资格记录。".into()),
            other => other,
        })
}

/// A mandate in the caller's scope, for update. 404 otherwise.
pub fn mandate_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<MandateRow, ApiError> {
    mandates::table
        .filter(mandates::id.eq(id))
        .filter(mandates::congress_id.eq_any(scope(user.congress_id)))
        .select(MandateRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("代表资格记录不存在或不在您的权限范围内。".into()))
}

/// Updates a mandate's delegation, group, constituency, certificate and election data.
///
/// Errors: 412 stale version; 422 when `term_id` differs (a new term is a new mandate) or
/// a reference is bad.
pub fn update_mandate(
    conn: &mut PgConnection,
    user: &AuthUser,
    current: &MandateRow,
    version: i32,
    input: &MandateInput,
) -> Result<MandateRow, ApiError> {
    if current.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    if input.term_id != current.term_id {
        return Err(ApiError::field(
            "/term_id",
            "immutable",
            "届次不能修改；新一届请新增代表资格。",
        ));
    }
    check_mandate_input(conn, user, input, "")?;
    Ok(diesel::update(mandates::table.find(current.id))
        .set((
            mandates::delegation_id.eq(input.delegation_id),
            mandates::deputy_group_id.eq(input.deputy_group_id),
            mandates::constituency.eq(input
                .constituency
                .as_deref()
                .and_then(super::personal::clean)),
            mandates::certificate_number.eq(input
                .certificate_number
                .as_deref()
                .and_then(super::personal::clean)),
            mandates::elected_via.eq(input
                .elected_via
                .unwrap_or(ElectedVia::GeneralElection)
                .as_str()),
            mandates::elected_on.eq(input.elected_on),
            mandates::version.eq(version + 1),
            mandates::updated_at.eq(Utc::now()),
        ))
        .returning(MandateRow::as_returning())
        .get_result(conn)?)
}

/// Checks a status change against the mandate workflow and the law: `active` ⇄
/// `suspended` → `terminated`, terminated is final; suspension needs a DL 61 reason,
/// termination a DL 62 reason; resuming takes no reason; the date may not lie in the future.
pub fn check_transition(
    from: MandateStatus,
    req: &StatusChangeRequest,
    today: NaiveDate,
) -> Result<(), ApiError> {
    use MandateStatus::*;
    if from == Terminated {
        return Err(ApiError::Conflict("代表资格已终止，不能再变更。".into()));
    }
    if from == req.status {
        return Err(ApiError::Conflict("状态没有变化。".into()));
    }
    let reason_error = |msg: &str| ApiError::field("/reason", "invalid_reason", msg);
    match (req.status, req.reason) {
        (Suspended, Some(r)) if r.suspends() => {}
        (Suspended, _) => return Err(reason_error("暂停执行代表职务须注明代表法第六十一条规定的原因：因刑事案件被羁押，或被判处刑罚正在服刑。")),
        (Terminated, Some(r)) if !r.suspends() => {}
        (Terminated, _) => return Err(reason_error("终止代表资格须注明代表法第六十二条规定的原因。")),
        (Active, None) => {
            if from != Suspended {
                return Err(ApiError::Conflict("只有暂停执行职务的代表可以恢复。".into()));
            }
        }
        (Active, Some(_)) => return Err(reason_error("恢复执行代表职务不需要原因。")),
    }
    if req.date.is_some_and(|d| d > today) {
        return Err(ApiError::field(
            "/date",
            "in_future",
            "变动日期不能晚于今天。",
        ));
    }
    if req.note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(ApiError::field(
            "/note",
            "too_long",
            "说明不能超过 500 个字符。",
        ));
    }
    Ok(())
}

/// Applies a checked status change and records it in the mandate's history.
pub fn apply_status(
    conn: &mut PgConnection,
    current: &MandateRow,
    to: MandateStatus,
    reason: Option<StatusReason>,
    date: Option<NaiveDate>,
    note: Option<String>,
    actor: Option<Uuid>,
) -> QueryResult<MandateRow> {
    diesel::insert_into(mandate_status_changes::table)
        .values((
            mandate_status_changes::id.eq(Uuid::now_v7()),
            mandate_status_changes::mandate_id.eq(current.id),
            mandate_status_changes::from_status.eq(Some(current.status.clone())),
            mandate_status_changes::to_status.eq(to.as_str()),
            mandate_status_changes::reason.eq(reason.map(|r| r.as_str())),
            mandate_status_changes::changed_on.eq(date),
            mandate_status_changes::note.eq(note),
            mandate_status_changes::recorded_by.eq(actor),
        ))
        .execute(conn)?;
    diesel::update(mandates::table.find(current.id))
        .set((
            mandates::status.eq(to.as_str()),
            mandates::status_reason.eq(reason.map(|r| r.as_str())),
            mandates::status_date.eq(date),
            mandates::version.eq(current.version + 1),
            mandates::updated_at.eq(Utc::now()),
        ))
        .returning(MandateRow::as_returning())
        .get_result(conn)
}

/// Marks the deputy changed, so `updated_since` picks up a change to one of its mandates.
pub fn touch_deputy(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(deputies::table.find(id))
        .set((
            deputies::updated_at.eq(Utc::now()),
            deputies::version.eq(deputies::version + 1),
        ))
        .execute(conn)
        .map(|_| ())
}
