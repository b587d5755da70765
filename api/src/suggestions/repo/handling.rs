//! Handling: the history, consultations, replies and the signers' ratings.

use super::*;

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

/// The caller's part in handling the item, as the workflow allowed `step`.
struct Handling {
    /// The organisation handling: `None` for the office on a forwarded item.
    org: Option<Uuid>,
    /// Whether the caller leads the handling (see [`leads`]).
    lead: bool,
    /// The state the step leads to.
    to: SuggestionStatus,
}

/// Asks the workflow whether the caller may take a handling `step` (consult, draft or send
/// a reply) on the item.
///
/// Errors: 403 `not_your_step` for anyone but a referred organisation (the office, for a
/// forwarded item); 409 `not_in_handling` outside the handling states, and
/// `invalid_transition` for a lead's reply before it started.
fn handler(
    conn: &mut PgConnection,
    user: &AuthUser,
    row: &SuggestionRow,
    step: SuggestionStep,
) -> Result<Handling, ApiError> {
    let referral = my_referral(conn, user, row.id)?;
    let who = super::steps::actor(conn, user, row, referral.as_ref())?;
    let facts = super::steps::facts(conn, row, referral.as_ref())?;
    let to = suggestion_step(row.state()?, step, &who, &facts)?;
    Ok(Handling {
        org: referral.map(|r| r.handling_org_id),
        lead: leads(&who, &facts),
        to,
    })
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
    let org = handler(conn, user, &row, SuggestionStep::Consult)?.org;
    let mut errors = vec![];
    let met_by = text(&mut errors, "/met_by", Some(&input.met_by), 200, true);
    let notes = text(&mut errors, "/notes", input.notes.as_deref(), 2000, false);
    if input.held_on > crate::http::today() {
        let m = SuggestionMessage::ConsultationInFuture.into();
        errors.push(FieldError::from_message("/held_on", &m));
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
    let org = handler(conn, user, &row, SuggestionStep::DraftReply)?.org;
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
    let not_found = || {
        ApiError::from(Refusal::not_found(SuggestionMessage::NotFound {
            what: SuggestionRecord::Reply,
        }))
    };
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
        return Err(Refusal::conflict(SuggestionMessage::AlreadySent { edit: true }).into());
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
    Err(Refusal::conflict(SuggestionMessage::ConsultationRequired {
        round: row.round,
        since: start,
        earlier_round: mine.iter().any(|(round, _)| *round < row.round),
        before_round: !mine.is_empty(),
    })
    .into())
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
        return Err(Refusal::conflict(SuggestionMessage::AlreadySent { edit: false }).into());
    }
    let Handling { org, lead, to } = handler(conn, user, &row, SuggestionStep::SendReply)?;
    let from = row.state()?;
    if lead {
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
    let already: bool = diesel::select(diesel::dsl::exists(
        suggestion_feedback::table
            .filter(suggestion_feedback::suggestion_id.eq(id))
            .filter(suggestion_feedback::deputy_id.eq(me))
            .filter(suggestion_feedback::round.eq(row.round)),
    ))
    .get_result(conn)?;
    let who = super::steps::actor(conn, user, &row, None)?;
    let facts = SuggestionFacts {
        rated: already,
        ..super::steps::facts(conn, &row, None)?
    };
    let to = suggestion_step(row.state()?, SuggestionStep::Rate, &who, &facts)?;
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
        return Err(Refusal::conflict(SuggestionMessage::AlreadyRated).into());
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
        let to = suggestion_step(rated.state()?, SuggestionStep::Rehandle, &who, &facts)?;
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
