//! The steps of `POST /suggestions/{id}/transitions`. Whether a step may be taken is
//! decided once, by the workflow of the contract crate ([`suggestion_step`]); this module
//! reads the facts it needs, checks the step's fields and stores its effects.

use super::*;

/// Takes one step of the workflow (see [`SuggestionAction`]); with `expected`, only from
/// that version.
///
/// Errors: 404 not visible; 412 not the `expected` version; then the workflow's refusals
/// ([`suggestion_step`]: 403 `role_may_not` / `not_your_step`, 409 `invalid_transition`,
/// `return_period_over`, `extension_limit`, `extension_request_pending`,
/// `no_extension_request`); 422 invalid fields; 409 `incomplete` and
/// `co_signers_unconfirmed` on submission.
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
    let referral = my_referral(conn, user, id)?;
    let who = actor(conn, user, &row, referral.as_ref())?;
    let facts = facts(conn, &row, referral.as_ref())?;
    let to = suggestion_step(row.state()?, action.step(), &who, &facts)?;
    let step = Step {
        row: &row,
        to,
        name: action.step().as_str(),
    };
    use SuggestionAction as A;
    match action {
        A::Submit => submit(conn, user, step),
        A::Withdraw { note } => {
            let changes = Changes {
                due_on: Some(None),
                ..Default::default()
            };
            simple(conn, user, step, note, changes)
        }
        A::Accept { wide_ranging, note } => {
            let changes = Changes {
                wide_ranging: Some(*wide_ranging),
                ..Default::default()
            };
            simple(conn, user, step, note, changes)
        }
        A::NotAccept { code, reason } => not_accept(conn, user, step, *code, reason),
        A::Refer { .. } | A::Forward { .. } => super::referral::refer(conn, user, step, action),
        A::Return { reason } => super::referral::give_back(conn, user, step, referral, reason),
        A::Start { note } => simple(conn, user, step, note, Changes::default()),
        A::RequestExtension { months, reason } => {
            super::referral::request_extension(conn, user, step, referral, *months, reason)
        }
        A::RefuseExtension { reason } => {
            super::referral::refuse_extension(conn, user, step, reason)
        }
        A::Extend { months, reason } => super::referral::extend(conn, user, step, *months, reason),
        A::Close { note } => close(conn, user, step, &facts, note),
        A::Supervise { is_key, note } => supervise(conn, user, step, *is_key, note),
        A::Categorise { category_id, note } => categorise(conn, user, step, *category_id, note),
    }
}

/// A step the workflow allowed: the item, the state it leads to, the step's name for the
/// history.
#[derive(Clone, Copy)]
pub(super) struct Step<'a> {
    pub row: &'a SuggestionRow,
    pub to: SuggestionStatus,
    pub name: &'static str,
}

/// What the caller is to the item: author, co-signer, confirmed signer, referred
/// organisation.
pub(super) fn actor(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
    referral: Option<&ReferralRow>,
) -> Result<SuggestionActor, ApiError> {
    let me = user.deputy_id.filter(|_| user.role == Role::Deputy);
    let mine: Vec<(String, Option<chrono::DateTime<Utc>>)> = match me {
        Some(me) => suggestion_signers::table
            .filter(suggestion_signers::suggestion_id.eq(row.id))
            .filter(suggestion_signers::deputy_id.eq(me))
            .select((suggestion_signers::role, suggestion_signers::confirmed_at))
            .load(conn)?,
        None => vec![],
    };
    Ok(SuggestionActor {
        role: user.role,
        author: is_author(user, row),
        co_signer: mine.iter().any(|(role, _)| role == "co"),
        signer: mine.iter().any(|(_, confirmed)| confirmed.is_some()),
        referral: referral.and_then(|r| ReferralRole::parse(&r.role)),
    })
}

/// What the workflow asks of the item besides its state (see [`SuggestionFacts`]);
/// `rated` is left false, the rating step reads it itself.
pub(super) fn facts(
    conn: &mut PgConnection,
    row: &SuggestionRow,
    referral: Option<&ReferralRow>,
) -> Result<SuggestionFacts, ApiError> {
    let has_signers = diesel::select(diesel::dsl::exists(
        suggestion_signers::table.filter(suggestion_signers::suggestion_id.eq(row.id)),
    ))
    .get_result::<bool>(conn)?;
    // Signers who leave a reply unrated for RATING_DAYS do not hold the item open for
    // ever: the office may then close it, saying why.
    let last_reply: Option<chrono::DateTime<Utc>> = suggestion_replies::table
        .filter(suggestion_replies::suggestion_id.eq(row.id))
        .filter(suggestion_replies::status.eq("sent"))
        .select(diesel::dsl::max(suggestion_replies::sent_at))
        .first(conn)?;
    Ok(SuggestionFacts {
        forwarded: row.forwarded_to.is_some(),
        has_signers,
        extension_months: row.extension_months,
        pending_request: pending_extension(conn, row.id)?.map(|p| p.months),
        return_due: referral.map(|r| r.return_due),
        today: crate::http::today(),
        rated: false,
        rating_lapsed: last_reply
            .is_some_and(|t| Utc::now() - t >= chrono::Duration::days(RATING_DAYS)),
    })
}

/// A step whose only field is an optional note.
fn simple(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    note: &Option<String>,
    changes: Changes,
) -> Result<SuggestionRow, ApiError> {
    let mut errors = vec![];
    let note = note_of(&mut errors, note);
    check(errors)?;
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, note.as_deref(), changes)
}

/// 提交: complete, with every co-signer confirmed; the referral is due a number of working
/// days later (`referral_working_days`).
fn submit(conn: &mut PgConnection, user: &AuthUser, step: Step) -> Result<SuggestionRow, ApiError> {
    let row = step.row;
    let unconfirmed: i64 = suggestion_signers::table
        .filter(suggestion_signers::suggestion_id.eq(row.id))
        .filter(suggestion_signers::confirmed_at.is_null())
        .count()
        .get_result(conn)?;
    let complete = !row.content.trim().is_empty() && row.category_id.is_some();
    ready_to_submit(complete, u32::try_from(unconfirmed).unwrap_or(u32::MAX))?;
    let today = crate::http::today();
    let s = settings(conn, row.congress_id)?;
    let due = add_working_days(conn, today, s.referral_working_days as u32)?;
    let changes = Changes {
        submitted_on: Some(Some(today)),
        referral_due: Some(Some(due)),
        due_on: Some(Some(due)),
        ..Default::default()
    };
    apply(conn, user, row, step.to, step.name, None, changes)
}

/// 不予立案 with the code and the reason shown to the deputy.
fn not_accept(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    code: NotAcceptedCode,
    reason: &str,
) -> Result<SuggestionRow, ApiError> {
    let mut errors = vec![];
    let reason = text(&mut errors, "/reason", Some(reason), 500, true);
    check(errors)?;
    let changes = Changes {
        not_accepted_code: Some(Some(code.as_str().into())),
        not_accepted_reason: Some(reason.clone()),
        due_on: Some(None),
        ..Default::default()
    };
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, reason.as_deref(), changes)
}

/// 办结; an item whose rating lapsed is closed with a note saying why.
fn close(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    facts: &SuggestionFacts,
    note: &Option<String>,
) -> Result<SuggestionRow, ApiError> {
    let mut errors = vec![];
    let note = note_of(&mut errors, note);
    let replied = step.row.state()? == SuggestionStatus::Replied;
    if replied && facts.has_signers && facts.rating_lapsed && note.is_none() {
        let m = SuggestionMessage::LapsedCloseNote { days: RATING_DAYS };
        errors.push(FieldError::from_message("/note", &m.into()));
    }
    check(errors)?;
    let changes = Changes {
        closed_on: Some(Some(crate::http::today())),
        due_on: Some(None),
        ..Default::default()
    };
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, note.as_deref(), changes)
}

/// Puts the item under key supervision (重点督办) or takes it out.
fn supervise(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    is_key: bool,
    note: &Option<String>,
) -> Result<SuggestionRow, ApiError> {
    let mut errors = vec![];
    let note = note_of(&mut errors, note);
    check(errors)?;
    let text = format!(
        "{}{}",
        if is_key {
            "列为重点督办"
        } else {
            "取消重点督办"
        },
        note.map(|n| format!("：{n}")).unwrap_or_default()
    );
    let changes = Changes {
        is_key: Some(is_key),
        ..Default::default()
    };
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, Some(&text), changes)
}

/// The office sets or corrects the category: an active one this congress uses.
fn categorise(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    category_id: Uuid,
    note: &Option<String>,
) -> Result<SuggestionRow, ApiError> {
    let usable = congress_and_ancestors(conn, step.row.congress_id)?;
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
        return Err(missing("/category_id", SuggestionRecord::Category));
    };
    let mut errors = vec![];
    let note = note_of(&mut errors, note);
    check(errors)?;
    let text = format!(
        "分类改为“{path}”{}",
        note.map(|n| format!("：{n}")).unwrap_or_default()
    );
    let changes = Changes {
        category_id: Some(Some(category_id)),
        ..Default::default()
    };
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, Some(&text), changes)
}
