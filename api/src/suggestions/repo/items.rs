//! Items: the wire form, lists, drafts (create, edit, co-signers' confirmation).

use super::*;

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
        let m = CommonMessage::OutOfRange {
            min: 1.0,
            max: 200.0,
        };
        return Err(Refusal::invalid("?limit", m).into());
    }
    let newest = q.order == Some(SuggestionOrder::Newest);
    if newest && q.updated_since.is_some() {
        return Err(Refusal::invalid("?order", SuggestionMessage::OrderWithUpdatedSince).into());
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
            errors.push(FieldError::from_message(
                "/category_id",
                &SuggestionMessage::NotFound {
                    what: SuggestionRecord::Category,
                }
                .into(),
            ));
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
            errors.push(FieldError::from_message(
                "/session_activity_id",
                &SuggestionMessage::NotASession.into(),
            ));
        }
    }
    if input.co_signer_ids.len() > 50 {
        errors.push(FieldError::from_message(
            "/co_signer_ids",
            &SuggestionMessage::TooManyCoSigners { max: 50 }.into(),
        ));
    }
    if !in_office(conn, congress, lead)? {
        errors.push(FieldError::from_message(
            "/lead_deputy_id",
            &SuggestionMessage::SignerNotServing { lead: true }.into(),
        ));
    }
    let mut seen = HashSet::new();
    let mut co_signers = vec![];
    for (i, d) in input.co_signer_ids.iter().enumerate().take(50) {
        let pointer = format!("/co_signer_ids/{i}");
        if *d == lead || !seen.insert(*d) {
            errors.push(FieldError::from_message(
                &pointer,
                &SuggestionMessage::DuplicateSigner.into(),
            ));
            continue;
        }
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputies::table
                .filter(deputies::id.eq(d))
                .filter(deputies::congress_id.eq(congress)),
        ))
        .get_result(conn)?;
        if ok && !in_office(conn, congress, *d)? {
            errors.push(FieldError::from_message(
                &pointer,
                &SuggestionMessage::SignerNotServing { lead: false }.into(),
            ));
        } else if ok {
            co_signers.push(*d);
        } else {
            errors.push(FieldError::from_message(
                &pointer,
                &SuggestionMessage::SignerOfOtherCongress.into(),
            ));
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
                .ok_or_else(|| Refusal::forbidden(SuggestionMessage::NoDeputyRecord))?;
            if input.lead_deputy_id.is_some_and(|d| d != me) {
                return Err(Refusal::forbidden(SuggestionMessage::OwnNameOnly).into());
            }
            me
        }
        Role::Admin | Role::Staff => input
            .lead_deputy_id
            .ok_or_else(|| Refusal::invalid("/lead_deputy_id", SuggestionMessage::LeadRequired))?,
        role => return Err(Refusal::forbidden(CommonMessage::RoleMayNot { role }).into()),
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
    draft_step(conn, user, &row, SuggestionStep::Edit)?;
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
    let state = draft_step(conn, user, &row, SuggestionStep::Confirm)?;
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

/// Asks the workflow whether the caller may take `step` (edit, confirm) on a draft.
///
/// Errors: 403 `not_your_step` (not an author; not a co-signer); 409 `not_a_draft`.
fn draft_step(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
    step: SuggestionStep,
) -> Result<SuggestionStatus, ApiError> {
    let who = super::steps::actor(conn, user, row, None)?;
    let facts = super::steps::facts(conn, row, None)?;
    Ok(suggestion_step(row.state()?, step, &who, &facts)?)
}
