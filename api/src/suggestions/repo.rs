//! Queries of suggestions and their handling. Who sees what is decided in SQL by
//! [`visible`]: a deputy their own and co-signed items, a handling organisation the items
//! actively referred to it, the office, presidium and integration clients every submitted
//! item of their scope; drafts only their authors.

use super::calendar::{add_months, add_working_days};
use super::models::*;
use super::rules;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::{ensure_in_scope, scope};
// Suspended (DL 61) and terminated (DL 62) deputies neither lead nor co-sign.
use crate::deputies::repo::in_office;
use crate::error::ApiError;
use crate::fields::text;
use crate::schema::{
    activities, congresses, deputies, handling_orgs, suggestion_categories,
    suggestion_consultations, suggestion_events, suggestion_extension_requests,
    suggestion_feedback, suggestion_referrals, suggestion_replies, suggestion_settings,
    suggestion_signers, suggestions,
};
use chrono::{NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::PgExpressionMethods;
use renda_openapi::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Days after the last reply after which the office may close an item its signers have
/// not rated (with a note).
pub const RATING_DAYS: i64 = 30;

/// The office: reviews, refers, extends and closes (admin, staff).
pub const OFFICE: &[Role] = &[Role::Admin, Role::Staff];
/// Who may put items under key supervision: the office and the presidium.
pub const SUPERVISORS: &[Role] = &[Role::Admin, Role::Staff, Role::Presidium];

const NOT_FOUND: &str = "建议不存在或不在您的权限范围内。";

fn not_found() -> ApiError {
    ApiError::NotFound(NOT_FOUND.into())
}

/// Suggestions the caller may see (see the module documentation).
pub fn visible<'a>(user: &AuthUser) -> suggestions::BoxedQuery<'a, Pg> {
    let q = suggestions::table
        .filter(suggestions::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    match user.role {
        Role::Deputy => {
            let me = user.deputy_id.unwrap_or(Uuid::nil());
            let signed = suggestion_signers::table
                .filter(suggestion_signers::deputy_id.eq(me))
                .select(suggestion_signers::suggestion_id);
            q.filter(
                suggestions::id
                    .eq_any(signed)
                    .or(suggestions::created_by.is_not_distinct_from(user.id)),
            )
        }
        Role::HandlingOrg => {
            let org = user.handling_org_id.unwrap_or(Uuid::nil());
            let referred = suggestion_referrals::table
                .filter(suggestion_referrals::handling_org_id.eq(org))
                .filter(suggestion_referrals::returned_at.is_null())
                .select(suggestion_referrals::suggestion_id);
            q.filter(suggestions::id.eq_any(referred))
                .filter(suggestions::status.ne("draft"))
        }
        // A draft withdrawn before it was ever submitted stays its authors' own.
        Role::Admin | Role::Staff | Role::Presidium | Role::Integration => q.filter(
            suggestions::status
                .ne("draft")
                .and(
                    suggestions::status
                        .ne("withdrawn")
                        .or(suggestions::submitted_on.is_not_null()),
                )
                .or(suggestions::created_by.is_not_distinct_from(user.id)),
        ),
    }
}

/// 404 unless the suggestion is visible to the caller.
pub fn ensure(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionRow, ApiError> {
    visible(user)
        .filter(suggestions::id.eq(id))
        .select(SuggestionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)
}

/// The visible suggestion, locked for a change.
fn ensure_locked(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionRow, ApiError> {
    ensure(conn, user, id)?;
    Ok(suggestions::table
        .find(id)
        .for_update()
        .select(SuggestionRow::as_select())
        .first(conn)?)
}

/// The settings of a congress, defaults when none are stored.
pub fn settings(conn: &mut PgConnection, congress: Uuid) -> QueryResult<SuggestionSettings> {
    Ok(suggestion_settings::table
        .find(congress)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()?
        .map(|r| r.to_wire())
        .unwrap_or_default())
}

/// Appends a transition to the history and the audit log.
#[allow(clippy::too_many_arguments)]
fn record(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    from: Option<SuggestionStatus>,
    to: SuggestionStatus,
    action: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    diesel::insert_into(suggestion_events::table)
        .values((
            suggestion_events::id.eq(Uuid::now_v7()),
            suggestion_events::suggestion_id.eq(id),
            suggestion_events::from_status.eq(from.map(|s| s.as_str())),
            suggestion_events::to_status.eq(to.as_str()),
            suggestion_events::action.eq(action),
            suggestion_events::actor_id.eq(user.id),
            suggestion_events::actor_role.eq(user.role.as_str()),
            suggestion_events::note.eq(note),
            // The clock, not the transaction's start: steps of one request stay in order.
            suggestion_events::at.eq(Utc::now()),
        ))
        .execute(conn)?;
    // Every recorded step is a change that `updated_since` syncs, sub-records included.
    diesel::update(suggestions::table.find(id))
        .set(suggestions::updated_at.eq(Utc::now()))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user.id),
        if from.is_none() {
            "create"
        } else {
            "status_change"
        },
        "suggestion",
        Some(id),
        from.map(|s| serde_json::json!({ "status": s.as_str() }))
            .as_ref(),
        Some(&serde_json::json!({ "status": to.as_str(), "action": action, "note": note })),
    )?;
    Ok(())
}

fn check(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The congress and the congresses above it: where a congress's categories come from.
pub(crate) fn congress_and_ancestors(
    conn: &mut PgConnection,
    congress: Uuid,
) -> QueryResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = congresses::table
        .find(congress)
        .select(congresses::ancestor_ids)
        .first(conn)?;
    ids.push(congress);
    Ok(ids)
}

/// Category paths (`一级 / 二级 / 三级`) of every category of these congresses.
pub(crate) fn category_paths(
    conn: &mut PgConnection,
    congresses: &[Uuid],
) -> QueryResult<(Vec<CategoryRow>, HashMap<Uuid, String>)> {
    let rows: Vec<CategoryRow> = suggestion_categories::table
        .filter(suggestion_categories::congress_id.eq_any(congresses))
        .order((
            suggestion_categories::level,
            suggestion_categories::name,
            suggestion_categories::id,
        ))
        .select(CategoryRow::as_select())
        .load(conn)?;
    let mut paths: HashMap<Uuid, String> = HashMap::new();
    for r in &rows {
        // Rows come by level, so a parent's path is known before its children's.
        let path = match r.parent_id.and_then(|p| paths.get(&p)) {
            Some(parent) => format!("{parent} / {}", r.name),
            None => r.name.clone(),
        };
        paths.insert(r.id, path);
    }
    Ok((rows, paths))
}

pub(crate) fn category_path(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<String>> {
    let mut names = vec![];
    let mut next = Some(id);
    while let Some(c) = next {
        let row: Option<(String, Option<Uuid>)> = suggestion_categories::table
            .find(c)
            .select((
                suggestion_categories::name,
                suggestion_categories::parent_id,
            ))
            .first(conn)
            .optional()?;
        match row {
            Some((name, parent)) => {
                names.push(name);
                next = parent;
            }
            None => break,
        }
        if names.len() > 3 {
            break;
        }
    }
    names.reverse();
    Ok((!names.is_empty()).then(|| names.join(" / ")))
}

/// The wire form of a suggestion as the caller may see it: sent replies and the caller's
/// own organisation's drafts only.
pub fn to_wire(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
) -> Result<Suggestion, ApiError> {
    let signers: Vec<(Uuid, String, String, Option<chrono::DateTime<Utc>>)> =
        suggestion_signers::table
            .inner_join(deputies::table)
            .filter(suggestion_signers::suggestion_id.eq(row.id))
            .order((
                suggestion_signers::role.desc(),
                deputies::name,
                deputies::id,
            ))
            .select((
                suggestion_signers::deputy_id,
                deputies::name,
                suggestion_signers::role,
                suggestion_signers::confirmed_at,
            ))
            .load(conn)?;
    let referrals: Vec<(ReferralRow, String)> = suggestion_referrals::table
        .inner_join(handling_orgs::table)
        .filter(suggestion_referrals::suggestion_id.eq(row.id))
        .order((suggestion_referrals::created_at, suggestion_referrals::id))
        .select((ReferralRow::as_select(), handling_orgs::name))
        .load(conn)?;
    let mut replies = suggestion_replies::table
        .filter(suggestion_replies::suggestion_id.eq(row.id))
        .into_boxed();
    replies = match user.role {
        Role::HandlingOrg => replies.filter(
            suggestion_replies::status
                .eq("sent")
                .or(suggestion_replies::handling_org_id
                    .is_not_distinct_from(user.handling_org_id.unwrap_or(Uuid::nil()))),
        ),
        Role::Admin | Role::Staff => replies.filter(
            suggestion_replies::status
                .eq("sent")
                .or(suggestion_replies::handling_org_id.is_null()),
        ),
        _ => replies.filter(suggestion_replies::status.eq("sent")),
    };
    let replies: Vec<ReplyRow> = replies
        .order(suggestion_replies::id)
        .select(ReplyRow::as_select())
        .load(conn)?;
    let consultations: Vec<ConsultationRow> = suggestion_consultations::table
        .filter(suggestion_consultations::suggestion_id.eq(row.id))
        .order((
            suggestion_consultations::held_on,
            suggestion_consultations::id,
        ))
        .select(ConsultationRow::as_select())
        .load(conn)?;
    let feedback: Vec<FeedbackRow> = suggestion_feedback::table
        .filter(suggestion_feedback::suggestion_id.eq(row.id))
        .order((suggestion_feedback::round, suggestion_feedback::rated_at))
        .select(FeedbackRow::as_select())
        .load(conn)?;
    let category_path = match row.category_id {
        Some(c) => category_path(conn, c)?,
        None => None,
    };
    let imported: Option<ImportRow> = if row.origin == SuggestionOrigin::Imported.as_str() {
        crate::schema::suggestion_imports::table
            .find(row.id)
            .select(ImportRow::as_select())
            .first(conn)
            .optional()?
    } else {
        None
    };
    let today = crate::http::today();
    let s = settings(conn, row.congress_id)?;
    let soon = s.due_soon_days;
    let overdue = row.due_on.is_some_and(|d| d < today);
    let due_soon = row
        .due_on
        .is_some_and(|d| d >= today && d <= today + chrono::Duration::days(i64::from(soon)));
    Ok(Suggestion {
        id: row.id,
        congress_id: row.congress_id,
        kind: SuggestionKind::parse(&row.kind)
            .ok_or_else(|| ApiError::Internal(format!("bad kind {}", row.kind)))?,
        title: row.title.clone(),
        content: row.content.clone(),
        category_id: row.category_id,
        category_path,
        session_activity_id: row.session_activity_id,
        lead_deputy_id: row.lead_deputy_id,
        signers: signers
            .into_iter()
            .map(|(deputy_id, name, role, confirmed_at)| Signer {
                deputy_id,
                name,
                role: ReferralRole::parse(&role).unwrap_or(ReferralRole::Co),
                confirmed_at,
            })
            .collect(),
        status: row.state()?,
        not_accepted_code: row
            .not_accepted_code
            .as_deref()
            .and_then(NotAcceptedCode::parse),
        not_accepted_reason: row.not_accepted_reason.clone(),
        wide_ranging: row.wide_ranging,
        is_key: row.is_key,
        forwarded_to: row.forwarded_to.clone(),
        external_reference: row.external_reference.clone(),
        round: row.round,
        round_started_on: row.round_started_on,
        submitted_on: row.submitted_on,
        referral_due: row.referral_due,
        referred_on: row.referred_on,
        reply_due: row.reply_due,
        extension_months: row.extension_months,
        extension_request: pending_extension(conn, row.id)?.map(|r| r.to_wire()),
        rehandling_due: row.rehandling_due,
        due_on: row.due_on,
        overdue,
        due_soon,
        closed_on: row.closed_on,
        referrals: referrals
            .into_iter()
            .map(|(r, name)| {
                let role = ReferralRole::parse(&r.role).unwrap_or(ReferralRole::Co);
                let co = role == ReferralRole::Co;
                Referral {
                    id: r.id,
                    handling_org_id: r.handling_org_id,
                    handling_org_name: name,
                    role,
                    referred_on: r.referred_on,
                    return_due: r.return_due,
                    returned_at: r.returned_at,
                    return_reason: r.return_reason.clone(),
                    input_due: co.then(|| co_input_due(r.referred_on, &s)),
                    input_sent_at: if co {
                        input_sent_at(&r, &replies)
                    } else {
                        None
                    },
                }
            })
            .collect(),
        replies: replies
            .iter()
            .map(ReplyRow::to_wire)
            .collect::<Result<_, _>>()?,
        consultations: consultations
            .iter()
            .map(ConsultationRow::to_wire)
            .collect::<Result<_, _>>()?,
        feedback: feedback
            .iter()
            .map(FeedbackRow::to_wire)
            .collect::<Result<_, _>>()?,
        origin: SuggestionOrigin::parse(&row.origin).unwrap_or(SuggestionOrigin::Entered),
        imported: imported.map(|i| ImportedFrom {
            reference: i.source_reference,
            year: i.source_year,
            proposer: i.proposer,
            category: i.source_category,
            imported_at: i.imported_at,
        }),
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// Categories at and below `id` (three levels at most).
fn category_and_below(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    let mut all = vec![id];
    let mut frontier = vec![id];
    for _ in 0..2 {
        frontier = suggestion_categories::table
            .filter(suggestion_categories::parent_id.eq_any(&frontier))
            .select(suggestion_categories::id)
            .load(conn)?;
        all.extend(&frontier);
    }
    Ok(all)
}

/// A page of visible suggestions, filtered, in creation order (id ascending), newest first
/// (id descending) with `order=newest`, or in (`updated_at`, `id`) order with
/// `updated_since`.
///
/// `due_soon` uses the `due_soon_days` of `congress_id` when given, else of the caller's
/// congress.
///
/// Errors: 422 `?limit` out of 1–200; `?order` `newest` with `updated_since`.
pub fn list(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &SuggestionQuery,
) -> Result<SuggestionPage, ApiError> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::field(
            "?limit",
            "out_of_range",
            "limit 须在 1–200 之间。",
        ));
    }
    let newest = q.order == Some(SuggestionOrder::Newest);
    if newest && q.updated_since.is_some() {
        return Err(ApiError::field(
            "?order",
            "not_allowed",
            "按更新时间同步（updated_since）时按更新时间排序，不能同时指定 order=newest。",
        ));
    }
    let mut query = visible(user);
    if let Some(c) = q.congress_id {
        query = query.filter(suggestions::congress_id.eq(c));
    }
    if let Some(s) = q.status {
        query = query.filter(suggestions::status.eq(s.as_str()));
    }
    if let Some(k) = q.kind {
        query = query.filter(suggestions::kind.eq(k.as_str()));
    }
    if let Some(c) = q.category_id {
        let ids = category_and_below(conn, c)?;
        query = query.filter(suggestions::category_id.eq_any(ids));
    }
    if let Some(org) = q.handling_org_id {
        query = query.filter(
            suggestions::id.eq_any(
                suggestion_referrals::table
                    .filter(suggestion_referrals::handling_org_id.eq(org))
                    .filter(suggestion_referrals::returned_at.is_null())
                    .select(suggestion_referrals::suggestion_id),
            ),
        );
    }
    if let Some(d) = q.deputy_id {
        query = query.filter(
            suggestions::id.eq_any(
                suggestion_signers::table
                    .filter(suggestion_signers::deputy_id.eq(d))
                    .select(suggestion_signers::suggestion_id),
            ),
        );
    }
    if let Some(k) = q.is_key {
        query = query.filter(suggestions::is_key.eq(k));
    }
    let today = crate::http::today();
    match q.overdue {
        Some(true) => query = query.filter(suggestions::due_on.lt(today)),
        Some(false) => {
            query = query.filter(
                suggestions::due_on
                    .is_null()
                    .or(suggestions::due_on.ge(today)),
            )
        }
        None => {}
    }
    if let Some(soon) = q.due_soon {
        let days = settings(conn, q.congress_id.unwrap_or(user.congress_id))?.due_soon_days;
        let until = today + chrono::Duration::days(i64::from(days));
        let window = suggestions::due_on
            .ge(today)
            .and(suggestions::due_on.le(until));
        query = if soon {
            query.filter(window)
        } else {
            query.filter(suggestions::due_on.is_null().or(window.eq(false)))
        };
    }
    let rows: Vec<SuggestionRow> = match (q.updated_since, q.cursor) {
        // Keyset on (updated_at, id): many items may share one instant (an import writes
        // hundreds in one transaction), so the next page continues after the last item
        // with `updated_since` = its `updated_at` and `cursor` = its id.
        (Some(since), cursor) => {
            let after = match cursor {
                Some(c) => query.filter(
                    suggestions::updated_at
                        .gt(since)
                        .or(suggestions::updated_at.eq(since).and(suggestions::id.gt(c))),
                ),
                None => query.filter(suggestions::updated_at.ge(since)),
            };
            after
                .order((suggestions::updated_at, suggestions::id))
                .limit(limit + 1)
                .select(SuggestionRow::as_select())
                .load(conn)?
        }
        // Keyset on the id, either way: the cursor is the last id of the page before.
        (None, cursor) if newest => {
            if let Some(c) = cursor {
                query = query.filter(suggestions::id.lt(c));
            }
            query
                .order(suggestions::id.desc())
                .limit(limit + 1)
                .select(SuggestionRow::as_select())
                .load(conn)?
        }
        (None, cursor) => {
            if let Some(c) = cursor {
                query = query.filter(suggestions::id.gt(c));
            }
            query
                .order(suggestions::id)
                .limit(limit + 1)
                .select(SuggestionRow::as_select())
                .load(conn)?
        }
    };
    let more = rows.len() as i64 > limit;
    let rows = &rows[..rows.len().min(limit as usize)];
    Ok(SuggestionPage {
        items: rows
            .iter()
            .map(|r| to_wire(conn, user, r))
            .collect::<Result<_, _>>()?,
        next_cursor: if more {
            rows.last().map(|r| r.id)
        } else {
            None
        },
    })
}

/// The validated fields of a suggestion.
struct Fields {
    kind: String,
    title: String,
    content: String,
    category_id: Option<Uuid>,
    session_activity_id: Option<Uuid>,
    co_signers: Vec<Uuid>,
}

fn validate(
    conn: &mut PgConnection,
    congress: Uuid,
    lead: Uuid,
    input: &SuggestionInput,
) -> Result<Fields, ApiError> {
    let mut errors = vec![];
    let title = text(&mut errors, "/title", Some(&input.title), 200, true).unwrap_or_default();
    let content =
        text(&mut errors, "/content", Some(&input.content), 20_000, false).unwrap_or_default();
    if let Some(c) = input.category_id {
        let usable = congress_and_ancestors(conn, congress)?;
        let ok: bool = diesel::select(diesel::dsl::exists(
            suggestion_categories::table
                .filter(suggestion_categories::id.eq(c))
                .filter(suggestion_categories::is_active)
                .filter(suggestion_categories::congress_id.eq_any(usable)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: "/category_id".into(),
                code: "not_found".into(),
                message: "分类不存在、已停用或不适用于本人大。".into(),
            });
        }
    }
    if let Some(a) = input.session_activity_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            activities::table
                .filter(activities::id.eq(a))
                .filter(activities::kind.eq("session"))
                .filter(activities::congress_id.eq(congress)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(FieldError {
                params: None,
                pointer: "/session_activity_id".into(),
                code: "not_found".into(),
                message: "须为本人大的一次人民代表大会会议。".into(),
            });
        }
    }
    if input.co_signer_ids.len() > 50 {
        errors.push(FieldError {
            params: None,
            pointer: "/co_signer_ids".into(),
            code: "too_many".into(),
            message: "附议代表最多 50 人。".into(),
        });
    }
    if !in_office(conn, congress, lead)? {
        errors.push(FieldError {
            params: None,
            pointer: "/lead_deputy_id".into(),
            code: "not_in_office".into(),
            message: "领衔代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能提出建议。".into(),
        });
    }
    let mut seen = HashSet::new();
    let mut co_signers = vec![];
    for (i, d) in input.co_signer_ids.iter().enumerate().take(50) {
        let pointer = format!("/co_signer_ids/{i}");
        if *d == lead || !seen.insert(*d) {
            errors.push(FieldError {
                params: None,
                pointer,
                code: "duplicate".into(),
                message: "附议代表重复，或与领衔代表相同。".into(),
            });
            continue;
        }
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputies::table
                .filter(deputies::id.eq(d))
                .filter(deputies::congress_id.eq(congress)),
        ))
        .get_result(conn)?;
        if ok && !in_office(conn, congress, *d)? {
            errors.push(FieldError {
                params: None,
                pointer,
                code: "not_in_office".into(),
                message: "该附议代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能附议。".into(),
            });
        } else if ok {
            co_signers.push(*d);
        } else {
            errors.push(FieldError {
                params: None,
                pointer,
                code: "not_found".into(),
                message: "附议代表须为同一人大的代表。".into(),
            });
        }
    }
    check(errors)?;
    Ok(Fields {
        kind: input.kind.as_str().to_string(),
        title,
        content,
        category_id: input.category_id,
        session_activity_id: input.session_activity_id,
        co_signers,
    })
}

/// Creates a draft. A deputy is its lead; the office names the lead deputy.
///
/// Errors: 403 for other roles, or a deputy naming another lead; 404 lead deputy not in
/// scope; 422 invalid fields.
pub fn create(
    conn: &mut PgConnection,
    user: &AuthUser,
    input: &SuggestionInput,
) -> Result<SuggestionRow, ApiError> {
    let lead = match user.role {
        Role::Deputy => {
            let me = user
                .deputy_id
                .ok_or_else(|| ApiError::Forbidden("账号未关联代表记录。".into()))?;
            if input.lead_deputy_id.is_some_and(|d| d != me) {
                return Err(ApiError::Forbidden(
                    "代表只能以本人为领衔代表提出建议。".into(),
                ));
            }
            me
        }
        Role::Admin | Role::Staff => input
            .lead_deputy_id
            .ok_or_else(|| ApiError::field("/lead_deputy_id", "required", "请指定领衔代表。"))?,
        _ => {
            return Err(ApiError::Forbidden(format!(
                "当前角色（{}）不能提出建议。",
                user.role.as_str()
            )))
        }
    };
    let deputy = crate::deputies::repo::ensure_deputy_in_scope(conn, user, lead)?;
    let f = validate(conn, deputy.congress_id, lead, input)?;
    let id = Uuid::now_v7();
    let row = diesel::insert_into(suggestions::table)
        .values((
            suggestions::id.eq(id),
            suggestions::congress_id.eq(deputy.congress_id),
            suggestions::lead_deputy_id.eq(lead),
            suggestions::created_by.eq(user.id),
            suggestions::kind.eq(&f.kind),
            suggestions::title.eq(&f.title),
            suggestions::content.eq(&f.content),
            suggestions::category_id.eq(f.category_id),
            suggestions::session_activity_id.eq(f.session_activity_id),
        ))
        .returning(SuggestionRow::as_returning())
        .get_result(conn)?;
    // The lead confirms by creating when it is the deputy; entered by the office, the
    // lead deputy too (the office enters what the deputy handed in).
    diesel::insert_into(suggestion_signers::table)
        .values((
            suggestion_signers::suggestion_id.eq(id),
            suggestion_signers::deputy_id.eq(lead),
            suggestion_signers::role.eq("lead"),
            suggestion_signers::confirmed_at.eq(Some(Utc::now())),
        ))
        .execute(conn)?;
    set_co_signers(conn, id, &f.co_signers)?;
    record(
        conn,
        user,
        id,
        None,
        SuggestionStatus::Draft,
        "create",
        None,
    )?;
    Ok(row)
}

/// Turns a deputies' motion that is not put on the agenda into a submitted suggestion of
/// the same deputies (DOMAIN.md, Motion workflow): kind `suggestion`, the motion's subject
/// as title, its grounds and proposed solution as content, every confirmed proposer as a
/// confirmed signer, no category yet (the office adds it when reviewing). Returns its id.
#[allow(clippy::too_many_arguments)]
pub fn create_from_motion(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
    lead: Uuid,
    co_signers: &[Uuid],
    title: &str,
    content: &str,
    session: Option<Uuid>,
) -> Result<Uuid, ApiError> {
    let id = Uuid::now_v7();
    let today = crate::http::today();
    let s = settings(conn, congress)?;
    let due = add_working_days(conn, today, s.referral_working_days as u32)?;
    let title: String = title.chars().take(200).collect();
    diesel::insert_into(suggestions::table)
        .values((
            suggestions::id.eq(id),
            suggestions::congress_id.eq(congress),
            suggestions::lead_deputy_id.eq(lead),
            suggestions::created_by.eq(user.id),
            suggestions::kind.eq("suggestion"),
            suggestions::title.eq(title),
            suggestions::content.eq(content),
            suggestions::session_activity_id.eq(session),
            suggestions::status.eq("submitted"),
            suggestions::submitted_on.eq(today),
            suggestions::referral_due.eq(due),
            suggestions::due_on.eq(due),
        ))
        .execute(conn)?;
    let now = Utc::now();
    for (d, role) in std::iter::once((lead, "lead")).chain(co_signers.iter().map(|d| (*d, "co"))) {
        diesel::insert_into(suggestion_signers::table)
            .values((
                suggestion_signers::suggestion_id.eq(id),
                suggestion_signers::deputy_id.eq(d),
                suggestion_signers::role.eq(role),
                suggestion_signers::confirmed_at.eq(Some(now)),
            ))
            .execute(conn)?;
    }
    record(
        conn,
        user,
        id,
        None,
        SuggestionStatus::Draft,
        "create",
        Some("由议案转为建议"),
    )?;
    record(
        conn,
        user,
        id,
        Some(SuggestionStatus::Draft),
        SuggestionStatus::Submitted,
        "submit",
        Some("由议案转为建议"),
    )?;
    Ok(id)
}

/// Replaces the co-signers, keeping the confirmations of those who stay.
fn set_co_signers(conn: &mut PgConnection, id: Uuid, co: &[Uuid]) -> QueryResult<()> {
    diesel::delete(
        suggestion_signers::table
            .filter(suggestion_signers::suggestion_id.eq(id))
            .filter(suggestion_signers::role.eq("co"))
            .filter(suggestion_signers::deputy_id.ne_all(co)),
    )
    .execute(conn)?;
    for d in co {
        diesel::insert_into(suggestion_signers::table)
            .values((
                suggestion_signers::suggestion_id.eq(id),
                suggestion_signers::deputy_id.eq(d),
                suggestion_signers::role.eq("co"),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    Ok(())
}

/// Whether the caller wrote the item: its lead deputy, or the user who entered it.
pub(crate) fn is_author(user: &AuthUser, row: &SuggestionRow) -> bool {
    row.created_by == Some(user.id)
        || (user.role == Role::Deputy
            && user.deputy_id.is_some()
            && user.deputy_id == row.lead_deputy_id)
}

/// Edits a draft (its authors; `If-Match`).
///
/// Errors: 404 not visible; 403 not an author; 409 not a draft; 412 stale; 422 fields.
pub fn update(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    version: i32,
    input: &SuggestionInput,
) -> Result<SuggestionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    if !is_author(user, &row) {
        return Err(ApiError::Forbidden(
            "只有领衔代表或录入人可以修改草稿。".into(),
        ));
    }
    if row.state()? != SuggestionStatus::Draft {
        return Err(ApiError::Refused(
            "not_a_draft",
            "只有草稿可以修改；已提交的建议请撤回后重新提出。".into(),
        ));
    }
    if row.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    // Drafts are entered, never imported: they have a lead deputy.
    let f = validate(
        conn,
        row.congress_id,
        row.lead_deputy_id.unwrap_or(Uuid::nil()),
        input,
    )?;
    let row = diesel::update(suggestions::table.find(id))
        .set((
            suggestions::kind.eq(&f.kind),
            suggestions::title.eq(&f.title),
            suggestions::content.eq(&f.content),
            suggestions::category_id.eq(f.category_id),
            suggestions::session_activity_id.eq(f.session_activity_id),
            suggestions::version.eq(row.version + 1),
            suggestions::updated_at.eq(Utc::now()),
        ))
        .returning(SuggestionRow::as_returning())
        .get_result(conn)?;
    set_co_signers(conn, id, &f.co_signers)?;
    crate::audit::record(
        conn,
        Some(user.id),
        "update",
        "suggestion",
        Some(id),
        None,
        Some(&serde_json::json!({ "title": row.title, "version": row.version })),
    )?;
    Ok(row)
}

/// A co-signer confirms their signature on a draft.
///
/// Errors: 404 not visible; 403 not a co-signer; 409 not a draft.
pub fn confirm(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<SuggestionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let me = user.deputy_id.filter(|_| user.role == Role::Deputy);
    let is_co: bool = diesel::select(diesel::dsl::exists(
        suggestion_signers::table
            .filter(suggestion_signers::suggestion_id.eq(id))
            .filter(suggestion_signers::deputy_id.eq(me.unwrap_or(Uuid::nil())))
            .filter(suggestion_signers::role.eq("co")),
    ))
    .get_result(conn)?;
    if !is_co {
        return Err(ApiError::Forbidden("只有附议代表本人可以确认附议。".into()));
    }
    let state = row.state()?;
    if state != SuggestionStatus::Draft {
        return Err(ApiError::Refused(
            "not_a_draft",
            "建议已提交，附议确认须在提交前进行。".into(),
        ));
    }
    diesel::update(
        suggestion_signers::table
            .filter(suggestion_signers::suggestion_id.eq(id))
            .filter(suggestion_signers::deputy_id.eq(me.unwrap_or(Uuid::nil())))
            .filter(suggestion_signers::role.eq("co")),
    )
    .set(suggestion_signers::confirmed_at.eq(Some(Utc::now())))
    .execute(conn)?;
    record(conn, user, id, Some(state), state, "confirm", None)?;
    Ok(row)
}

/// The columns a step changes, besides the state.
#[derive(Default, AsChangeset)]
#[diesel(table_name = suggestions)]
struct Changes {
    not_accepted_code: Option<Option<String>>,
    not_accepted_reason: Option<Option<String>>,
    wide_ranging: Option<bool>,
    is_key: Option<bool>,
    forwarded_to: Option<Option<String>>,
    external_reference: Option<Option<String>>,
    round: Option<i32>,
    submitted_on: Option<Option<NaiveDate>>,
    referral_due: Option<Option<NaiveDate>>,
    referred_on: Option<Option<NaiveDate>>,
    reply_due_base: Option<Option<NaiveDate>>,
    extension_months: Option<i32>,
    reply_due: Option<Option<NaiveDate>>,
    rehandling_due: Option<Option<NaiveDate>>,
    due_on: Option<Option<NaiveDate>>,
    closed_on: Option<Option<NaiveDate>>,
    category_id: Option<Option<Uuid>>,
    round_started_on: Option<Option<NaiveDate>>,
}

/// The item's pending extension request, if any.
fn pending_extension(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<ExtensionRequestRow>> {
    suggestion_extension_requests::table
        .filter(suggestion_extension_requests::suggestion_id.eq(id))
        .filter(suggestion_extension_requests::outcome.is_null())
        .select(ExtensionRequestRow::as_select())
        .first(conn)
        .optional()
}

/// Decides the item's pending extension request, if any: `approved`, `refused` or
/// `lapsed`.
fn decide_extension(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    outcome: &str,
    note: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        suggestion_extension_requests::table
            .filter(suggestion_extension_requests::suggestion_id.eq(id))
            .filter(suggestion_extension_requests::outcome.is_null()),
    )
    .set((
        suggestion_extension_requests::outcome.eq(outcome),
        suggestion_extension_requests::decided_by.eq(user.id),
        suggestion_extension_requests::decided_at.eq(Utc::now()),
        suggestion_extension_requests::decision_note.eq(note),
    ))
    .execute(conn)
}

/// Stores a step: the new state, the changed columns, a new version and the history entry.
#[allow(clippy::too_many_arguments)]
fn apply(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
    to: SuggestionStatus,
    action: &str,
    note: Option<&str>,
    changes: Changes,
) -> Result<SuggestionRow, ApiError> {
    let from = row.state()?;
    diesel::update(suggestions::table.find(row.id))
        .set(&changes)
        .execute(conn)
        .or_else(|e| match e {
            // Nothing besides the state changed.
            diesel::result::Error::QueryBuilderError(_) => Ok(0),
            e => Err(e),
        })?;
    let updated = diesel::update(suggestions::table.find(row.id))
        .set((
            suggestions::status.eq(to.as_str()),
            suggestions::version.eq(row.version + 1),
            suggestions::updated_at.eq(Utc::now()),
        ))
        .returning(SuggestionRow::as_returning())
        .get_result(conn)?;
    record(conn, user, row.id, Some(from), to, action, note)?;
    Ok(updated)
}

fn ensure_office(user: &AuthUser) -> Result<(), ApiError> {
    user.require(OFFICE)
}

fn org_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> QueryResult<Option<HandlingOrgRow>> {
    handling_orgs::table
        .filter(handling_orgs::id.eq(id))
        .filter(handling_orgs::congress_id.eq_any(scope(user.congress_id)))
        .select(HandlingOrgRow::as_select())
        .first(conn)
        .optional()
}

/// The caller's active referral of the item, if any (handling-organisation users).
fn my_referral(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> QueryResult<Option<ReferralRow>> {
    if user.role != Role::HandlingOrg {
        return Ok(None);
    }
    suggestion_referrals::table
        .filter(suggestion_referrals::suggestion_id.eq(id))
        .filter(
            suggestion_referrals::handling_org_id.eq(user.handling_org_id.unwrap_or(Uuid::nil())),
        )
        .filter(suggestion_referrals::returned_at.is_null())
        .select(ReferralRow::as_select())
        .first(conn)
        .optional()
}

/// Whether the caller handles the item as its lead: the lead organisation, or the office
/// for an item forwarded to the upper-level congress.
fn is_lead_handler(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
) -> QueryResult<bool> {
    if row.forwarded_to.is_some() {
        return Ok(user.is_office());
    }
    Ok(my_referral(conn, user, row.id)?.is_some_and(|r| r.role == "lead"))
}

fn note_of(errors: &mut Vec<FieldError>, note: &Option<String>) -> Option<String> {
    text(errors, "/note", note.as_deref(), 500, false)
}

/// The referral date: today by default; not in the future nor before submission.
fn referral_date(
    errors: &mut Vec<FieldError>,
    row: &SuggestionRow,
    given: Option<NaiveDate>,
) -> NaiveDate {
    let today = crate::http::today();
    let day = given.unwrap_or(today);
    if day > today {
        errors.push(FieldError {
            params: None,
            pointer: "/referred_on".into(),
            code: "in_future".into(),
            message: "交办日期不能晚于今天。".into(),
        });
    }
    if row.submitted_on.is_some_and(|s| day < s) {
        errors.push(FieldError {
            params: None,
            pointer: "/referred_on".into(),
            code: "before_submission".into(),
            message: "交办日期不能早于提交日期。".into(),
        });
    }
    day
}

/// Checks the months of an extension or a request for one: 1–3 (422 `/months`).
fn extension_months(errors: &mut Vec<FieldError>, months: i32) {
    if !(1..=3).contains(&months) {
        errors.push(FieldError {
            params: None,
            pointer: "/months".into(),
            code: "out_of_range".into(),
            message: "延期月数须为 1–3。".into(),
        });
    }
}

/// The months of extension in all after `months` more (local practice: at most 3).
///
/// Errors: 409 `extension_limit` past 3.
fn extension_total(row: &SuggestionRow, months: i32) -> Result<i32, ApiError> {
    let total = row.extension_months + months;
    if total > 3 {
        return Err(ApiError::Refused(
            "extension_limit",
            format!(
                "延期累计不得超过 3 个月（已延期 {} 个月，本次 {months} 个月）。",
                row.extension_months
            ),
        ));
    }
    Ok(total)
}

/// Reply due after referral: 3 months, or 6 for wide-ranging or difficult items (R7; DL 51).
pub fn reply_due(referred_on: NaiveDate, wide_ranging: bool) -> NaiveDate {
    add_months(referred_on, if wide_ranging { 6 } else { 3 })
}

/// A co-handler's input to the lead is due `co_input_months` (default 1) calendar months
/// after its referral (local practice, DOMAIN.md), clamped at the end of a shorter month
/// like the reply deadline: referred on 31 January, due 28 February (29 in a leap year).
pub fn co_input_due(referred_on: NaiveDate, s: &SuggestionSettings) -> NaiveDate {
    add_months(referred_on, s.co_input_months.clamp(1, 3) as u32)
}

/// When the co-handler of `referral` sent its input: its first reply sent since the
/// referral (an earlier referral of the same organisation, since returned, does not count).
fn input_sent_at(referral: &ReferralRow, replies: &[ReplyRow]) -> Option<chrono::DateTime<Utc>> {
    replies
        .iter()
        .filter(|r| r.handling_org_id == Some(referral.handling_org_id))
        .filter_map(|r| r.sent_at)
        .filter(|at| *at >= referral.created_at)
        .min()
}

/// Takes one step of the workflow (see [`SuggestionAction`]); with `expected`, only from
/// that version.
///
/// Errors: 404 not visible; 412 not the `expected` version; 403 the caller's role may not
/// take this step; 409
/// `invalid_transition` from this state, `co_signers_unconfirmed`, `incomplete`,
/// `return_period_over`, `extension_limit`, `extension_request_pending`,
/// `no_extension_request`; 422 invalid fields.
pub fn transition(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    action: &SuggestionAction,
    expected: Option<i32>,
) -> Result<SuggestionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    if expected.is_some_and(|v| v != row.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let from = row.state()?;
    let today = crate::http::today();
    let mut errors = vec![];
    let name = action.name();
    match action {
        SuggestionAction::Submit => {
            if !is_author(user, &row) {
                return Err(ApiError::Forbidden(
                    "只有领衔代表或录入人可以提交建议。".into(),
                ));
            }
            let to = rules::next(from, name, "提交")?;
            if row.content.trim().is_empty() || row.category_id.is_none() {
                return Err(ApiError::Refused(
                    "incomplete",
                    "提交前须填写建议内容并选择分类。".into(),
                ));
            }
            let unconfirmed: i64 = suggestion_signers::table
                .filter(suggestion_signers::suggestion_id.eq(id))
                .filter(suggestion_signers::confirmed_at.is_null())
                .count()
                .get_result(conn)?;
            if unconfirmed > 0 {
                return Err(ApiError::Refused(
                    "co_signers_unconfirmed",
                    format!("尚有 {unconfirmed} 位附议代表未确认附议，不能提交。"),
                ));
            }
            let s = settings(conn, row.congress_id)?;
            let due = add_working_days(conn, today, s.referral_working_days as u32)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                None,
                Changes {
                    submitted_on: Some(Some(today)),
                    referral_due: Some(Some(due)),
                    due_on: Some(Some(due)),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Withdraw { note } => {
            if !is_author(user, &row) {
                return Err(ApiError::Forbidden(
                    "只有领衔代表或录入人可以撤回建议。".into(),
                ));
            }
            let to = rules::next(from, name, "撤回")?;
            let note = note_of(&mut errors, note);
            check(errors)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                note.as_deref(),
                Changes {
                    due_on: Some(None),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Accept { wide_ranging, note } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "立案")?;
            let note = note_of(&mut errors, note);
            check(errors)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                note.as_deref(),
                Changes {
                    wide_ranging: Some(*wide_ranging),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::NotAccept { code, reason } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "不予立案")?;
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            check(errors)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                reason.as_deref(),
                Changes {
                    not_accepted_code: Some(Some(code.as_str().into())),
                    not_accepted_reason: Some(reason.clone()),
                    due_on: Some(None),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Refer {
            lead_org_id,
            co_org_ids,
            wide_ranging,
            referred_on,
            note,
        } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "交办")?;
            let note = note_of(&mut errors, note);
            let day = referral_date(&mut errors, &row, *referred_on);
            if org_in_scope(conn, user, *lead_org_id)?.is_none() {
                errors.push(FieldError {
                    params: None,
                    pointer: "/lead_org_id".into(),
                    code: "not_found".into(),
                    message: "主办单位不存在或不在您的权限范围内。".into(),
                });
            }
            let mut seen = HashSet::from([*lead_org_id]);
            for (i, o) in co_org_ids.iter().enumerate() {
                if !seen.insert(*o) {
                    errors.push(FieldError {
                        params: None,
                        pointer: format!("/co_org_ids/{i}"),
                        code: "duplicate".into(),
                        message: "协办单位重复，或与主办单位相同。".into(),
                    });
                } else if org_in_scope(conn, user, *o)?.is_none() {
                    errors.push(FieldError {
                        params: None,
                        pointer: format!("/co_org_ids/{i}"),
                        code: "not_found".into(),
                        message: "协办单位不存在或不在您的权限范围内。".into(),
                    });
                }
            }
            check(errors)?;
            let s = settings(conn, row.congress_id)?;
            let return_due = add_working_days(conn, day, s.return_working_days as u32)?;
            let wide = wide_ranging.unwrap_or(row.wide_ranging);
            let due = reply_due(day, wide);
            for (org, role) in
                std::iter::once((*lead_org_id, "lead")).chain(co_org_ids.iter().map(|o| (*o, "co")))
            {
                diesel::insert_into(suggestion_referrals::table)
                    .values((
                        suggestion_referrals::id.eq(Uuid::now_v7()),
                        suggestion_referrals::suggestion_id.eq(id),
                        suggestion_referrals::handling_org_id.eq(org),
                        suggestion_referrals::role.eq(role),
                        suggestion_referrals::referred_on.eq(day),
                        suggestion_referrals::return_due.eq(return_due),
                    ))
                    .execute(conn)?;
            }
            apply(
                conn,
                user,
                &row,
                to,
                name,
                note.as_deref(),
                Changes {
                    wide_ranging: Some(wide),
                    forwarded_to: Some(None),
                    external_reference: Some(None),
                    referred_on: Some(Some(day)),
                    round_started_on: Some(Some(day)),
                    reply_due_base: Some(Some(due)),
                    extension_months: Some(0),
                    reply_due: Some(Some(due)),
                    due_on: Some(Some(due)),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Forward {
            forwarded_to,
            external_reference,
            referred_on,
            wide_ranging,
        } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "转交上级人大")?;
            let target = text(&mut errors, "/forwarded_to", Some(forwarded_to), 100, true);
            let reference = text(
                &mut errors,
                "/external_reference",
                Some(external_reference),
                100,
                true,
            );
            let day = referral_date(&mut errors, &row, *referred_on);
            check(errors)?;
            let wide = wide_ranging.unwrap_or(row.wide_ranging);
            let due = reply_due(day, wide);
            let note = format!(
                "转交{}，编号 {}",
                target.clone().unwrap_or_default(),
                reference.clone().unwrap_or_default()
            );
            apply(
                conn,
                user,
                &row,
                to,
                name,
                Some(&note),
                Changes {
                    wide_ranging: Some(wide),
                    forwarded_to: Some(target),
                    external_reference: Some(reference),
                    referred_on: Some(Some(day)),
                    round_started_on: Some(Some(day)),
                    reply_due_base: Some(Some(due)),
                    extension_months: Some(0),
                    reply_due: Some(Some(due)),
                    due_on: Some(Some(due)),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Return { reason } => {
            let referral = my_referral(conn, user, id)?
                .ok_or_else(|| ApiError::Forbidden("只有交办的承办单位可以退回建议。".into()))?;
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            check(errors)?;
            // The lead returns only before it starts; a co-handler until the reply.
            let step = if referral.role == "lead" {
                name
            } else {
                "return_co"
            };
            let to = rules::next(from, step, "退回")?;
            if today > referral.return_due {
                return Err(ApiError::Refused(
                    "return_period_over",
                    format!(
                        "退回须在交办后规定的工作日内（截至 {}）提出，现已超过期限。",
                        referral.return_due
                    ),
                ));
            }
            let now = Utc::now();
            diesel::update(suggestion_referrals::table.find(referral.id))
                .set((
                    suggestion_referrals::returned_at.eq(Some(now)),
                    suggestion_referrals::return_reason.eq(reason.as_deref()),
                ))
                .execute(conn)?;
            if referral.role == "lead" {
                // The lead's return sends the whole item back to the office.
                diesel::update(
                    suggestion_referrals::table
                        .filter(suggestion_referrals::suggestion_id.eq(id))
                        .filter(suggestion_referrals::returned_at.is_null()),
                )
                .set(suggestion_referrals::returned_at.eq(Some(now)))
                .execute(conn)?;
                apply(
                    conn,
                    user,
                    &row,
                    to,
                    name,
                    reason.as_deref(),
                    Changes {
                        due_on: Some(None),
                        ..Default::default()
                    },
                )
            } else {
                let note = format!("协办单位退回：{}", reason.unwrap_or_default());
                apply(
                    conn,
                    user,
                    &row,
                    from,
                    "return_co",
                    Some(&note),
                    Changes::default(),
                )
            }
        }
        SuggestionAction::Start { note } => {
            if !is_lead_handler(conn, user, &row)? {
                return Err(ApiError::Forbidden("只有主办单位可以开始办理。".into()));
            }
            let to = rules::next(from, name, "开始办理")?;
            let note = note_of(&mut errors, note);
            check(errors)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                note.as_deref(),
                Changes::default(),
            )
        }
        SuggestionAction::RequestExtension { months, reason } => {
            let lead = my_referral(conn, user, id)?
                .filter(|r| r.role == "lead")
                .ok_or_else(|| {
                    ApiError::Forbidden("只有主办单位可以申请延期；延期由人大办批准。".into())
                })?;
            let to = rules::next(from, name, "申请延期")?;
            extension_months(&mut errors, *months);
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            check(errors)?;
            if let Some(pending) = pending_extension(conn, id)? {
                return Err(ApiError::Refused(
                    "extension_request_pending",
                    format!(
                        "已有一项待人大办审批的延期申请（{} 个月），请等待批准或不予同意后再申请。",
                        pending.months
                    ),
                ));
            }
            extension_total(&row, *months)?;
            let reason = reason.unwrap_or_default();
            diesel::insert_into(suggestion_extension_requests::table)
                .values((
                    suggestion_extension_requests::id.eq(Uuid::now_v7()),
                    suggestion_extension_requests::suggestion_id.eq(id),
                    suggestion_extension_requests::handling_org_id.eq(lead.handling_org_id),
                    suggestion_extension_requests::months.eq(*months),
                    suggestion_extension_requests::reason.eq(&reason),
                    suggestion_extension_requests::requested_by.eq(user.id),
                    suggestion_extension_requests::requested_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            let note = format!("申请延期 {months} 个月：{reason}");
            apply(conn, user, &row, to, name, Some(&note), Changes::default())
        }
        SuggestionAction::RefuseExtension { reason } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "不同意延期")?;
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            check(errors)?;
            let Some(pending) = pending_extension(conn, id)? else {
                return Err(ApiError::Refused(
                    "no_extension_request",
                    "没有待审批的延期申请。".into(),
                ));
            };
            let reason = reason.unwrap_or_default();
            decide_extension(conn, user, id, "refused", Some(&reason))?;
            let note = format!("不同意延期申请（申请 {} 个月）：{reason}", pending.months);
            apply(conn, user, &row, to, name, Some(&note), Changes::default())
        }
        SuggestionAction::Extend { months, reason } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "延期")?;
            extension_months(&mut errors, *months);
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            check(errors)?;
            let total = extension_total(&row, *months)?;
            // Extending decides a pending request: approved, for the months granted.
            let reason = match pending_extension(conn, id)? {
                Some(pending) => {
                    decide_extension(conn, user, id, "approved", reason.as_deref())?;
                    Some(format!(
                        "批准主办单位的延期申请（申请 {} 个月，批准 {months} 个月）：{}",
                        pending.months,
                        reason.unwrap_or_default()
                    ))
                }
                None => reason,
            };
            // Counted from the referral, like the first deadline: 31 January + 3 + 2
            // months is 30 June, + 3 + 3 months 31 July.
            let referred = row
                .referred_on
                .ok_or_else(|| ApiError::Internal("referred item without date".into()))?;
            let base = if row.wide_ranging { 6 } else { 3 };
            let due = add_months(referred, (base + total) as u32);
            apply(
                conn,
                user,
                &row,
                to,
                name,
                reason.as_deref(),
                Changes {
                    extension_months: Some(total),
                    reply_due: Some(Some(due)),
                    due_on: Some(Some(due)),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Close { note } => {
            ensure_office(user)?;
            // An imported item whose proposers are no deputies has nobody to rate the
            // reply: the office closes it once replied.
            let unrated = from == SuggestionStatus::Replied
                && !diesel::select(diesel::dsl::exists(
                    suggestion_signers::table.filter(suggestion_signers::suggestion_id.eq(row.id)),
                ))
                .get_result::<bool>(conn)?;
            // Signers who leave a reply unrated for RATING_DAYS do not hold the item open
            // for ever: the office may then close it, saying why.
            let last_reply: Option<chrono::DateTime<Utc>> = suggestion_replies::table
                .filter(suggestion_replies::suggestion_id.eq(row.id))
                .filter(suggestion_replies::status.eq("sent"))
                .select(diesel::dsl::max(suggestion_replies::sent_at))
                .first(conn)?;
            let lapsed = from == SuggestionStatus::Replied
                && last_reply
                    .is_some_and(|t| Utc::now() - t >= chrono::Duration::days(RATING_DAYS));
            let to = if unrated || lapsed {
                SuggestionStatus::Closed
            } else {
                rules::next(from, name, "办结")?
            };
            let note = note_of(&mut errors, note);
            if lapsed && !unrated && note.is_none() {
                errors.push(FieldError {
                    params: None,
                    pointer: "/note".into(),
                    code: "required".into(),
                    message: format!("代表答复后 {RATING_DAYS} 天仍未测评：办结时请写明情况。"),
                });
            }
            check(errors)?;
            apply(
                conn,
                user,
                &row,
                to,
                name,
                note.as_deref(),
                Changes {
                    closed_on: Some(Some(today)),
                    due_on: Some(None),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Supervise { is_key, note } => {
            user.require(SUPERVISORS)?;
            let to = rules::next(from, name, "设为重点督办")?;
            let note = note_of(&mut errors, note);
            check(errors)?;
            let text = format!(
                "{}{}",
                if *is_key {
                    "列为重点督办"
                } else {
                    "取消重点督办"
                },
                note.map(|n| format!("：{n}")).unwrap_or_default()
            );
            apply(
                conn,
                user,
                &row,
                to,
                name,
                Some(&text),
                Changes {
                    is_key: Some(*is_key),
                    ..Default::default()
                },
            )
        }
        SuggestionAction::Categorise { category_id, note } => {
            ensure_office(user)?;
            let to = rules::next(from, name, "更改分类")?;
            let usable = congress_and_ancestors(conn, row.congress_id)?;
            let path: Option<String> = suggestion_categories::table
                .filter(suggestion_categories::id.eq(category_id))
                .filter(suggestion_categories::is_active)
                .filter(suggestion_categories::congress_id.eq_any(usable))
                .select(suggestion_categories::id)
                .first::<Uuid>(conn)
                .optional()?
                .map(|c| category_path(conn, c))
                .transpose()?
                .flatten();
            let Some(path) = path else {
                return Err(ApiError::field(
                    "/category_id",
                    "not_found",
                    "分类不存在、已停用或不适用于本人大。",
                ));
            };
            let note = note_of(&mut errors, note);
            check(errors)?;
            let text = format!(
                "分类改为“{path}”{}",
                note.map(|n| format!("：{n}")).unwrap_or_default()
            );
            apply(
                conn,
                user,
                &row,
                to,
                name,
                Some(&text),
                Changes {
                    category_id: Some(Some(*category_id)),
                    ..Default::default()
                },
            )
        }
    }
}

/// The history of a visible item, oldest first.
pub fn history(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<Vec<SuggestionEvent>, ApiError> {
    ensure(conn, user, id)?;
    let rows: Vec<EventRow> = suggestion_events::table
        .filter(suggestion_events::suggestion_id.eq(id))
        .order((suggestion_events::at, suggestion_events::id))
        .select(EventRow::as_select())
        .load(conn)?;
    rows.iter().map(EventRow::to_wire).collect()
}

/// States in which an organisation handles an item (consults, drafts replies).
const HANDLING: &[SuggestionStatus] = &[
    SuggestionStatus::Referred,
    SuggestionStatus::InProgress,
    SuggestionStatus::Extended,
    SuggestionStatus::Rehandling,
];

/// The organisation the caller handles the item for: `Some(org)` for a referred
/// organisation, `None` for the office on a forwarded item.
///
/// Errors: 403 for anyone else; 409 `not_in_handling` outside the handling states.
fn handler(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
) -> Result<Option<Uuid>, ApiError> {
    let org = if let Some(r) = my_referral(conn, user, row.id)? {
        Some(r.handling_org_id)
    } else if row.forwarded_to.is_some() && user.is_office() {
        None
    } else {
        return Err(ApiError::Forbidden(
            "只有交办的承办单位（转交上级的建议由人大办）可以办理。".into(),
        ));
    };
    if !HANDLING.contains(&row.state()?) {
        return Err(ApiError::Refused(
            "not_in_handling",
            format!("建议当前为“{}”状态，不在办理中。", row.state()?.label_zh()),
        ));
    }
    Ok(org)
}

/// Records a consultation with the deputy.
///
/// Errors: 404 not visible; 403 not a handler; 409 not in handling; 422 fields.
pub fn add_consultation(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    input: &NewConsultation,
) -> Result<Consultation, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let org = handler(conn, user, &row)?;
    let mut errors = vec![];
    let met_by = text(&mut errors, "/met_by", Some(&input.met_by), 200, true);
    let notes = text(&mut errors, "/notes", input.notes.as_deref(), 2000, false);
    if input.held_on > crate::http::today() {
        errors.push(FieldError {
            params: None,
            pointer: "/held_on".into(),
            code: "in_future".into(),
            message: "面商日期不能晚于今天。".into(),
        });
    }
    check(errors)?;
    let c: ConsultationRow = diesel::insert_into(suggestion_consultations::table)
        .values((
            suggestion_consultations::id.eq(Uuid::now_v7()),
            suggestion_consultations::suggestion_id.eq(id),
            suggestion_consultations::handling_org_id.eq(org),
            suggestion_consultations::form.eq(input.form.as_str()),
            suggestion_consultations::held_on.eq(input.held_on),
            suggestion_consultations::met_by.eq(met_by.unwrap_or_default()),
            suggestion_consultations::notes.eq(notes),
            suggestion_consultations::recorded_by.eq(user.id),
            suggestion_consultations::round.eq(row.round),
        ))
        .returning(ConsultationRow::as_returning())
        .get_result(conn)?;
    let state = row.state()?;
    record(
        conn,
        user,
        id,
        Some(state),
        state,
        "consult",
        Some(&format!("{}（{}）", input.form.label_zh(), input.held_on)),
    )?;
    c.to_wire()
}

fn reply_fields(input: &ReplyInput) -> Result<String, ApiError> {
    let mut errors = vec![];
    let body = text(&mut errors, "/body", Some(&input.body), 20_000, true);
    check(errors)?;
    Ok(body.unwrap_or_default())
}

/// Drafts a reply for the caller's organisation (or the office, for a forwarded item).
///
/// Errors: 404 not visible; 403 not a handler; 409 not in handling; 422 fields.
pub fn create_reply(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    input: &ReplyInput,
) -> Result<Reply, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let org = handler(conn, user, &row)?;
    let body = reply_fields(input)?;
    let r: ReplyRow = diesel::insert_into(suggestion_replies::table)
        .values((
            suggestion_replies::id.eq(Uuid::now_v7()),
            suggestion_replies::suggestion_id.eq(id),
            suggestion_replies::handling_org_id.eq(org),
            suggestion_replies::round.eq(row.round),
            suggestion_replies::result_class.eq(input.result_class.as_str()),
            suggestion_replies::body.eq(body),
            suggestion_replies::author_id.eq(user.id),
        ))
        .returning(ReplyRow::as_returning())
        .get_result(conn)?;
    r.to_wire()
}

/// A reply draft of the caller's own organisation (the office's own for forwarded items),
/// locked, with its suggestion.
///
/// Errors: 404 for anyone else's reply or a suggestion not visible.
pub(crate) fn own_reply(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<(ReplyRow, SuggestionRow), ApiError> {
    let not_found = || ApiError::NotFound("答复不存在或不在您的权限范围内。".into());
    let mut q = suggestion_replies::table
        .filter(suggestion_replies::id.eq(id))
        .into_boxed();
    q = match user.role {
        Role::HandlingOrg => q.filter(
            suggestion_replies::handling_org_id
                .is_not_distinct_from(user.handling_org_id.unwrap_or(Uuid::nil())),
        ),
        Role::Admin | Role::Staff => q.filter(suggestion_replies::handling_org_id.is_null()),
        _ => return Err(not_found()),
    };
    let reply: Uuid = q
        .select(suggestion_replies::id)
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    let reply: ReplyRow = suggestion_replies::table
        .find(reply)
        .for_update()
        .select(ReplyRow::as_select())
        .first(conn)?;
    let row = ensure_locked(conn, user, reply.suggestion_id).map_err(|_| not_found())?;
    Ok((reply, row))
}

/// Edits a reply draft (`If-Match`).
///
/// Errors: 404 not the caller's; 409 `already_sent`; 412 stale; 422 fields.
pub fn update_reply(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    version: i32,
    input: &ReplyInput,
) -> Result<Reply, ApiError> {
    let (reply, _) = own_reply(conn, user, id)?;
    if reply.status == "sent" {
        return Err(ApiError::Refused(
            "already_sent",
            "答复已发出，不能修改。".into(),
        ));
    }
    if reply.version != version {
        return Err(ApiError::PreconditionFailed);
    }
    let body = reply_fields(input)?;
    let r: ReplyRow = diesel::update(suggestion_replies::table.find(id))
        .set((
            suggestion_replies::result_class.eq(input.result_class.as_str()),
            suggestion_replies::body.eq(body),
            suggestion_replies::version.eq(reply.version + 1),
            suggestion_replies::updated_at.eq(Utc::now()),
        ))
        .returning(ReplyRow::as_returning())
        .get_result(conn)?;
    r.to_wire()
}

/// R7 (DL 51: the handling organisations must consult the deputy): 409
/// `consultation_required` unless `org` recorded a consultation in the item's current
/// round held on or after the day the round began ([`SuggestionRow::round_started_on`]).
/// Not required for an item forwarded to the upper-level congress (the office records
/// the other congress's reply) nor for one without signers (an imported item whose
/// proposer is no deputy: there is nobody to consult).
fn ensure_consulted(
    conn: &mut PgConnection,
    row: &SuggestionRow,
    org: Option<Uuid>,
) -> Result<(), ApiError> {
    let Some(org) = org.filter(|_| row.forwarded_to.is_none()) else {
        return Ok(());
    };
    let signed: bool = diesel::select(diesel::dsl::exists(
        suggestion_signers::table.filter(suggestion_signers::suggestion_id.eq(row.id)),
    ))
    .get_result(conn)?;
    if !signed {
        return Ok(());
    }
    let start = row.round_started_on.or(row.referred_on);
    let mine: Vec<(i32, NaiveDate)> = suggestion_consultations::table
        .filter(suggestion_consultations::suggestion_id.eq(row.id))
        .filter(suggestion_consultations::handling_org_id.eq(org))
        .select((
            suggestion_consultations::round,
            suggestion_consultations::held_on,
        ))
        .load(conn)?;
    let counts =
        |(round, held): &(i32, NaiveDate)| *round == row.round && start.is_none_or(|s| *held >= s);
    if mine.iter().any(counts) {
        return Ok(());
    }
    let since = start.map(|s| format!("自 {s} 起")).unwrap_or_default();
    let earlier = if mine.iter().any(|(round, _)| *round < row.round) {
        "本单位已有的面商记录属于此前一轮办理，不计入本轮。"
    } else if mine.is_empty() {
        ""
    } else {
        "本单位已有的面商早于本轮办理开始之日，不计入本轮。"
    };
    Err(ApiError::Refused(
        "consultation_required",
        format!(
            "根据代表法第五十一条，承办单位应当与代表联系沟通、充分听取意见后再答复。本轮办理（第 {} 轮，{since}）尚无本单位与代表面商的记录，不能发出答复；请先记录面商情况。{earlier}",
            row.round
        ),
    ))
}

/// Sends a reply draft to every signer. The lead organisation's reply (the office's for a
/// forwarded item) moves the item to `replied`, and needs a consultation of the current
/// round first ([`ensure_consulted`]; R7, DL 51); a co-handler's is its input to the lead.
///
/// Errors: 404 not the caller's; 409 `already_sent`, `not_in_handling`,
/// `invalid_transition` (the lead must start handling first) or `consultation_required`.
pub fn send_reply(conn: &mut PgConnection, user: &AuthUser, id: Uuid) -> Result<Reply, ApiError> {
    let (reply, row) = own_reply(conn, user, id)?;
    if reply.status == "sent" {
        return Err(ApiError::Refused("already_sent", "答复已发出。".into()));
    }
    let org = handler(conn, user, &row)?;
    let from = row.state()?;
    let lead = is_lead_handler(conn, user, &row)?;
    if lead {
        let to = rules::next(from, "send_reply", "发出答复")?;
        ensure_consulted(conn, &row, org)?;
        apply(
            conn,
            user,
            &row,
            to,
            "send_reply",
            Some(&format!("答复（{}）", reply.result_class)),
            Changes {
                due_on: Some(None),
                ..Default::default()
            },
        )?;
        // A request for more time is moot once the reply is sent.
        decide_extension(conn, user, row.id, "lapsed", Some("主办单位已答复"))?;
    } else {
        record(conn, user, row.id, Some(from), from, "send_co_reply", None)?;
    }
    let r: ReplyRow = diesel::update(suggestion_replies::table.find(id))
        .set((
            suggestion_replies::status.eq("sent"),
            suggestion_replies::sent_at.eq(Some(Utc::now())),
            suggestion_replies::round.eq(row.round),
            suggestion_replies::version.eq(reply.version + 1),
        ))
        .returning(ReplyRow::as_returning())
        .get_result(conn)?;
    r.to_wire()
}

/// A signer rates the replies of the current round. When every confirmed signer has rated,
/// the item is `rated`; if anyone was dissatisfied (attitude or result) and re-handling
/// rounds remain (`max_rehandling_rounds`), it goes on to `rehandling` with a new deadline
/// of `rehandling_months` calendar months from today.
///
/// Errors: 404 not visible; 403 not a confirmed signer; 409 `invalid_transition` (not
/// replied) or `already_rated`; 422 fields.
pub fn rate(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    input: &FeedbackInput,
) -> Result<SuggestionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let me = user
        .deputy_id
        .filter(|_| user.role == Role::Deputy)
        .unwrap_or(Uuid::nil());
    let signer: bool = diesel::select(diesel::dsl::exists(
        suggestion_signers::table
            .filter(suggestion_signers::suggestion_id.eq(id))
            .filter(suggestion_signers::deputy_id.eq(me))
            .filter(suggestion_signers::confirmed_at.is_not_null()),
    ))
    .get_result(conn)?;
    if !signer {
        return Err(ApiError::Forbidden(
            "只有领衔代表和附议代表可以测评。".into(),
        ));
    }
    let from = row.state()?;
    let to = rules::next(from, "rate", "测评")?;
    let mut errors = vec![];
    let comment = text(
        &mut errors,
        "/comment",
        input.comment.as_deref(),
        2000,
        false,
    );
    check(errors)?;
    let inserted = diesel::insert_into(suggestion_feedback::table)
        .values((
            suggestion_feedback::id.eq(Uuid::now_v7()),
            suggestion_feedback::suggestion_id.eq(id),
            suggestion_feedback::deputy_id.eq(me),
            suggestion_feedback::round.eq(row.round),
            suggestion_feedback::attitude.eq(input.attitude.as_str()),
            suggestion_feedback::result.eq(input.result.as_str()),
            suggestion_feedback::comment.eq(comment),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 0 {
        return Err(ApiError::Refused(
            "already_rated",
            "您已对本轮答复进行过测评。".into(),
        ));
    }
    let signers: i64 = suggestion_signers::table
        .filter(suggestion_signers::suggestion_id.eq(id))
        .filter(suggestion_signers::confirmed_at.is_not_null())
        .count()
        .get_result(conn)?;
    let ratings: Vec<(String, String)> = suggestion_feedback::table
        .filter(suggestion_feedback::suggestion_id.eq(id))
        .filter(suggestion_feedback::round.eq(row.round))
        .select((suggestion_feedback::attitude, suggestion_feedback::result))
        .load(conn)?;
    let state = row.state()?;
    if (ratings.len() as i64) < signers {
        record(
            conn,
            user,
            id,
            Some(state),
            state,
            "rate",
            Some(&format!("已测评 {}/{}", ratings.len(), signers)),
        )?;
        return Ok(row);
    }
    let rated = apply(
        conn,
        user,
        &row,
        to,
        "rate",
        Some("全体联名代表已测评"),
        Changes::default(),
    )?;
    let dissatisfied = ratings
        .iter()
        .any(|(a, r)| a == "dissatisfied" || r == "dissatisfied");
    let s = settings(conn, row.congress_id)?;
    if dissatisfied && row.round - 1 < s.max_rehandling_rounds {
        let to = rules::next(SuggestionStatus::Rated, "rehandle", "重新办理")?;
        let today = crate::http::today();
        let due = add_months(today, s.rehandling_months as u32);
        return apply(
            conn,
            user,
            &rated,
            to,
            "rehandle",
            Some("代表不满意，重新办理"),
            Changes {
                round: Some(row.round + 1),
                round_started_on: Some(Some(today)),
                rehandling_due: Some(Some(due)),
                due_on: Some(Some(due)),
                ..Default::default()
            },
        );
    }
    Ok(rated)
}

// ---------------------------------------------------------------------------------------
// Handling organisations

/// Organisations the caller may see: in scope for the office, presidium and integration
/// clients; only their own for a handling-organisation user; none for deputies.
pub fn visible_orgs<'a>(user: &AuthUser) -> handling_orgs::BoxedQuery<'a, Pg> {
    let q = handling_orgs::table
        .filter(handling_orgs::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    match user.role {
        Role::HandlingOrg => {
            q.filter(handling_orgs::id.eq(user.handling_org_id.unwrap_or(Uuid::nil())))
        }
        Role::Deputy => q.filter(handling_orgs::id.eq(Uuid::nil())),
        _ => q,
    }
}

/// 404 unless the organisation is visible.
pub fn ensure_org(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<HandlingOrgRow, ApiError> {
    visible_orgs(user)
        .filter(handling_orgs::id.eq(id))
        .select(HandlingOrgRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("承办单位不存在或不在您的权限范围内。".into()))
}

/// Creates an organisation in a congress of the caller's scope.
///
/// Errors: 404 congress not in scope; 422 name empty, too long or taken.
pub fn create_org(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewHandlingOrg,
) -> Result<HandlingOrgRow, ApiError> {
    ensure_in_scope(conn, user, new.congress_id)?;
    let mut errors = vec![];
    let name = text(&mut errors, "/name", Some(&new.name), 100, true);
    check(errors)?;
    diesel::insert_into(handling_orgs::table)
        .values((
            handling_orgs::id.eq(Uuid::now_v7()),
            handling_orgs::congress_id.eq(new.congress_id),
            handling_orgs::name.eq(name.unwrap_or_default()),
        ))
        .returning(HandlingOrgRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::field("/name", "taken", "本人大已有同名承办单位。"),
            other => other,
        })
}

// ---------------------------------------------------------------------------------------
// Categories

/// The categories usable in a congress of the caller's scope (its own and those above).
///
/// Errors: 404 congress not in scope.
pub fn list_categories(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CategoryQuery,
) -> Result<Vec<SuggestionCategory>, ApiError> {
    let congress = q.congress_id.unwrap_or(user.congress_id);
    if congress != user.congress_id {
        ensure_in_scope(conn, user, congress)?;
    }
    let usable = congress_and_ancestors(conn, congress)?;
    let (rows, paths) = category_paths(conn, &usable)?;
    Ok(rows
        .into_iter()
        .filter(|r| q.level.is_none_or(|l| l == r.level))
        .map(|r| SuggestionCategory {
            path: paths.get(&r.id).cloned().unwrap_or_default(),
            id: r.id,
            congress_id: r.congress_id,
            parent_id: r.parent_id,
            level: r.level,
            name: r.name,
            is_active: r.is_active,
        })
        .collect())
}

/// Finds or creates the category `name` under `parent` (level `level`) of a congress;
/// `true` when created.
pub(crate) fn upsert_category(
    conn: &mut PgConnection,
    congress: Uuid,
    parent: Option<Uuid>,
    level: i32,
    name: &str,
) -> QueryResult<(Uuid, bool)> {
    let mut q = suggestion_categories::table
        .filter(suggestion_categories::congress_id.eq(congress))
        .filter(suggestion_categories::name.eq(name))
        .into_boxed();
    q = match parent {
        Some(p) => q.filter(suggestion_categories::parent_id.eq(p)),
        None => q.filter(suggestion_categories::parent_id.is_null()),
    };
    if let Some(id) = q
        .select(suggestion_categories::id)
        .first::<Uuid>(conn)
        .optional()?
    {
        return Ok((id, false));
    }
    let id = Uuid::now_v7();
    diesel::insert_into(suggestion_categories::table)
        .values((
            suggestion_categories::id.eq(id),
            suggestion_categories::congress_id.eq(congress),
            suggestion_categories::parent_id.eq(parent),
            suggestion_categories::level.eq(level),
            suggestion_categories::name.eq(name),
        ))
        .execute(conn)?;
    Ok((id, true))
}

/// Adds one category.
///
/// Errors: 404 congress not in scope; 422 name, parent (of another congress or level 3),
/// or a sibling of the same name.
pub fn create_category(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewSuggestionCategory,
) -> Result<SuggestionCategory, ApiError> {
    ensure_in_scope(conn, user, new.congress_id)?;
    let mut errors = vec![];
    let name = text(&mut errors, "/name", Some(&new.name), 50, true);
    let level = match new.parent_id {
        None => 1,
        Some(p) => {
            let parent: Option<i32> = suggestion_categories::table
                .filter(suggestion_categories::id.eq(p))
                .filter(suggestion_categories::congress_id.eq(new.congress_id))
                .select(suggestion_categories::level)
                .first(conn)
                .optional()?;
            match parent {
                Some(l) if l < 3 => l + 1,
                _ => {
                    errors.push(FieldError {
                        params: None,
                        pointer: "/parent_id".into(),
                        code: "invalid_parent".into(),
                        message: "上级分类须为本人大的一级或二级分类。".into(),
                    });
                    0
                }
            }
        }
    };
    check(errors)?;
    let name = name.unwrap_or_default();
    let (id, created) = upsert_category(conn, new.congress_id, new.parent_id, level, &name)?;
    if !created {
        return Err(ApiError::field(
            "/name",
            "taken",
            "同一上级下已有同名分类。",
        ));
    }
    Ok(SuggestionCategory {
        id,
        congress_id: new.congress_id,
        parent_id: new.parent_id,
        level,
        path: category_path(conn, id)?.unwrap_or_default(),
        name,
        is_active: true,
    })
}

/// Imports a three-level taxonomy: a header row with 一级分类, 二级分类 and 三级分类 (the
/// layout of the TipDM 2020 smart-government taxonomy, 附件1.xlsx), then one row per
/// path. Existing categories are kept, so importing twice changes nothing. A row with a
/// lower level but no higher one is skipped and reported.
///
/// Errors: 404 congress not in scope; 422 no such header.
pub fn import_categories(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
    rows: &[(u32, Vec<String>)],
) -> Result<CategoryImportReport, ApiError> {
    ensure_in_scope(conn, user, congress)?;
    let header = rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| c.trim() == "一级分类"))
        .ok_or_else(|| ApiError::field("", "missing_header", "找不到含“一级分类”的表头行。"))?;
    let cols: Vec<Option<usize>> = ["一级分类", "二级分类", "三级分类"]
        .iter()
        .map(|h| rows[header].1.iter().position(|c| c.trim() == *h))
        .collect();
    let mut report = CategoryImportReport {
        rows: 0,
        created: [0; 3],
        existing: [0; 3],
        skipped: vec![],
    };
    let mut seen: HashSet<(Option<Uuid>, String)> = HashSet::new();
    for (number, cells) in &rows[header + 1..] {
        let cell = |i: usize| {
            cols[i]
                .and_then(|c| cells.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let names = [cell(0), cell(1), cell(2)];
        if names.iter().all(Option::is_none) {
            continue;
        }
        report.rows += 1;
        let mut parent = None;
        for (i, n) in names.iter().enumerate() {
            let Some(n) = n else {
                if names[i + 1..].iter().any(Option::is_some) {
                    report.skipped.push(FieldError {
                        params: None,
                        pointer: format!("/rows/{number}"),
                        code: "missing_level".into(),
                        message: format!("第 {number} 行缺少第 {} 级分类。", i + 1),
                    });
                }
                break;
            };
            if n.chars().count() > 50 {
                report.skipped.push(FieldError {
                    params: None,
                    pointer: format!("/rows/{number}"),
                    code: "too_long".into(),
                    message: format!("第 {number} 行的分类名称超过 50 个字符。"),
                });
                break;
            }
            let (id, created) = upsert_category(conn, congress, parent, i as i32 + 1, n)?;
            if seen.insert((parent, n.clone())) {
                if created {
                    report.created[i] += 1;
                } else {
                    report.existing[i] += 1;
                }
            }
            parent = Some(id);
        }
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// Settings and the working calendar

/// Stores a congress's settings.
///
/// Errors: 404 congress not in scope; 422 values out of range.
pub fn put_settings(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
    s: &SuggestionSettings,
) -> Result<SuggestionSettings, ApiError> {
    ensure_in_scope(conn, user, congress)?;
    let mut errors = vec![];
    for (pointer, value, min, max) in [
        ("/referral_working_days", s.referral_working_days, 1, 60),
        ("/return_working_days", s.return_working_days, 1, 60),
        ("/rehandling_months", s.rehandling_months, 1, 6),
        ("/due_soon_days", s.due_soon_days, 1, 90),
        ("/max_rehandling_rounds", s.max_rehandling_rounds, 0, 5),
        ("/co_input_months", s.co_input_months, 1, 3),
    ] {
        if !(min..=max).contains(&value) {
            errors.push(FieldError {
                params: None,
                pointer: pointer.into(),
                code: "out_of_range".into(),
                message: format!(
                    "{} 须在 {min}–{max} 之间。",
                    pointer.trim_start_matches('/')
                ),
            });
        }
    }
    check(errors)?;
    let values = (
        suggestion_settings::referral_working_days.eq(s.referral_working_days),
        suggestion_settings::return_working_days.eq(s.return_working_days),
        suggestion_settings::rehandling_months.eq(s.rehandling_months),
        suggestion_settings::due_soon_days.eq(s.due_soon_days),
        suggestion_settings::max_rehandling_rounds.eq(s.max_rehandling_rounds),
        suggestion_settings::co_input_months.eq(s.co_input_months),
    );
    diesel::insert_into(suggestion_settings::table)
        .values((suggestion_settings::congress_id.eq(congress), values))
        .on_conflict(suggestion_settings::congress_id)
        .do_update()
        .set((
            values,
            suggestion_settings::version.eq(suggestion_settings::version + 1),
            suggestion_settings::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user.id),
        "update",
        "suggestion_settings",
        Some(congress),
        None,
        Some(&serde_json::to_value(s).unwrap_or_default()),
    )?;
    Ok(settings(conn, congress)?)
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) if (2000..=2100).contains(&year) => Ok((a, b)),
        _ => Err(ApiError::NotFound("年份须在 2000–2100 之间。".into())),
    }
}

/// The holidays and adjusted working days of a year, by date.
///
/// Errors: 404 a year outside 2000–2100.
pub fn calendar_year(conn: &mut PgConnection, year: i32) -> Result<WorkingCalendar, ApiError> {
    let (first, last) = year_bounds(year)?;
    let rows: Vec<(NaiveDate, String, String)> = crate::schema::working_calendar::table
        .filter(crate::schema::working_calendar::day.between(first, last))
        .order(crate::schema::working_calendar::day)
        .select((
            crate::schema::working_calendar::day,
            crate::schema::working_calendar::kind,
            crate::schema::working_calendar::name,
        ))
        .load(conn)?;
    Ok(WorkingCalendar {
        days: rows
            .into_iter()
            .map(|(date, kind, name)| CalendarDay {
                date,
                kind: CalendarDayKind::parse(&kind).unwrap_or(CalendarDayKind::Holiday),
                name,
            })
            .collect(),
    })
}

/// Replaces a year's holidays and adjusted working days (admin).
///
/// Errors: 404 a year outside 2000–2100; 422 a date outside the year, listed twice, or a
/// name over 50 characters.
pub fn put_calendar_year(
    conn: &mut PgConnection,
    user: &AuthUser,
    year: i32,
    cal: &WorkingCalendar,
) -> Result<WorkingCalendar, ApiError> {
    use crate::schema::working_calendar as wc;
    let (first, last) = year_bounds(year)?;
    let mut errors = vec![];
    let mut seen = HashSet::new();
    for (i, d) in cal.days.iter().enumerate() {
        if d.date < first || d.date > last {
            errors.push(FieldError {
                params: None,
                pointer: format!("/days/{i}/date"),
                code: "wrong_year".into(),
                message: format!("日期 {} 不在 {year} 年内。", d.date),
            });
        } else if !seen.insert(d.date) {
            errors.push(FieldError {
                params: None,
                pointer: format!("/days/{i}/date"),
                code: "duplicate".into(),
                message: format!("日期 {} 重复。", d.date),
            });
        }
        if d.name.chars().count() > 50 {
            errors.push(FieldError {
                params: None,
                pointer: format!("/days/{i}/name"),
                code: "too_long".into(),
                message: "名称最多 50 个字符。".into(),
            });
        }
    }
    if cal.days.len() > 366 {
        errors.push(FieldError {
            params: None,
            pointer: "/days".into(),
            code: "too_many".into(),
            message: "一年最多 366 天。".into(),
        });
    }
    check(errors)?;
    let before = calendar_year(conn, year)?;
    diesel::delete(wc::table.filter(wc::day.between(first, last))).execute(conn)?;
    for d in &cal.days {
        diesel::insert_into(wc::table)
            .values((
                wc::day.eq(d.date),
                wc::kind.eq(d.kind.as_str()),
                wc::name.eq(d.name.trim()),
            ))
            .execute(conn)?;
    }
    let after = calendar_year(conn, year)?;
    crate::audit::record(
        conn,
        Some(user.id),
        "update",
        "working_calendar",
        None,
        Some(&serde_json::to_value(&before).unwrap_or_default()),
        Some(&serde_json::to_value(&after).unwrap_or_default()),
    )?;
    Ok(after)
}
