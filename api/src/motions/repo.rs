//! Queries of motions. Who sees what is decided in SQL by [`visible`]: a deputy the
//! motions they lead or signed; the office, presidium and integration clients every
//! submitted motion of their congresses; drafts only their authors; handling
//! organisations nothing (403 before any query).

use super::models::*;
use crate::auth::caller::AuthUser;
use crate::congresses::repo::{ensure_in_scope, scope};
use crate::deputies::repo::in_office;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::models::ActivityRow;
use crate::meetings::rules;
use crate::schema::{
    activities, deputies, mandates, motion_events, motion_signers, motions, terms,
};
use chrono::{NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::PgExpressionMethods;
use renda_openapi::*;
use std::collections::HashSet;
use uuid::Uuid;

/// Who decides the agenda and withdrawals on the agenda: the office and the presidium.
pub const DECIDERS: &[Role] = &[Role::Admin, Role::Staff, Role::Presidium];

/// 403 for handling organisations, which have no part in motions.
pub fn ensure_reader(user: &AuthUser) -> Result<(), ApiError> {
    user.require(&[
        Role::Admin,
        Role::Staff,
        Role::Presidium,
        Role::Deputy,
        Role::Integration,
    ])
}

/// Motions the caller may see.
pub fn visible<'a>(user: &AuthUser) -> motions::BoxedQuery<'a, Pg> {
    let q = motions::table
        .filter(motions::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    match user.role {
        Role::Deputy => {
            let me = user.deputy_id.unwrap_or(Uuid::nil());
            let signed = motion_signers::table
                .filter(motion_signers::deputy_id.eq(me))
                .select(motion_signers::motion_id);
            q.filter(
                motions::id
                    .eq_any(signed)
                    .or(motions::created_by.is_not_distinct_from(user.id)),
            )
        }
        Role::HandlingOrg => q.filter(motions::id.eq(Uuid::nil())),
        // A draft withdrawn before it was ever submitted stays its authors' own.
        _ => q.filter(
            motions::status
                .ne("draft")
                .and(
                    motions::status
                        .ne("withdrawn")
                        .or(motions::submitted_on.is_not_null()),
                )
                .or(motions::created_by.is_not_distinct_from(user.id)),
        ),
    }
}

/// 404 unless the motion is visible.
pub fn ensure(conn: &mut PgConnection, user: &AuthUser, id: Uuid) -> Result<MotionRow, ApiError> {
    visible(user)
        .filter(motions::id.eq(id))
        .select(MotionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("议案不存在或不在您的权限范围内。".into()))
}

fn ensure_locked(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<MotionRow, ApiError> {
    ensure(conn, user, id)?;
    Ok(motions::table
        .find(id)
        .for_update()
        .select(MotionRow::as_select())
        .first(conn)?)
}

fn status(row: &MotionRow) -> Result<MotionStatus, ApiError> {
    MotionStatus::parse(&row.status)
        .ok_or_else(|| ApiError::Internal(format!("bad motion status {}", row.status)))
}

/// The wire form.
pub fn to_wire(conn: &mut PgConnection, row: &MotionRow) -> Result<Motion, ApiError> {
    let signers: Vec<(Uuid, String, String, Option<chrono::DateTime<Utc>>)> = motion_signers::table
        .inner_join(deputies::table)
        .filter(motion_signers::motion_id.eq(row.id))
        .order((motion_signers::role.desc(), deputies::name, deputies::id))
        .select((
            motion_signers::deputy_id,
            deputies::name,
            motion_signers::role,
            motion_signers::confirmed_at,
        ))
        .load(conn)?;
    Ok(Motion {
        id: row.id,
        congress_id: row.congress_id,
        session_activity_id: row.session_activity_id,
        proposer: MotionProposer::parse(&row.proposer_kind)
            .ok_or_else(|| ApiError::Internal(format!("bad proposer {}", row.proposer_kind)))?,
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
        subject: row.subject.clone(),
        grounds: row.grounds.clone(),
        proposal: row.proposal.clone(),
        status: status(row)?,
        decision_note: row.decision_note.clone(),
        suggestion_id: row.suggestion_id,
        submitted_on: row.submitted_on,
        vote: vote_of(row),
        version: row.version,
        created_at: row.created_at,
    })
}

/// The recorded vote of a motion, judged as recorded (R4; OL 25).
fn vote_of(row: &MotionRow) -> Option<MotionVote> {
    let in_office = i64::from(row.votes_in_office?);
    let votes_for = row.votes_for?;
    let yes = i64::from(votes_for);
    Some(MotionVote {
        votes_for,
        votes_against: row.votes_against?,
        abstentions: row.abstentions?,
        in_office,
        required: rules::vote_required(in_office),
        passed: rules::vote_passes(yes, in_office),
        date: row.voted_on?,
        explanation: rules::vote_explanation(yes, in_office),
    })
}

/// The deputies in office for a motion's vote (R4; OL 25: the denominator is ALL deputies,
/// not those present) and the date they are counted on: the motion's session's date, else
/// today; in the session's term, else the congress's term begun last on or before that
/// date. Suspended deputies count, terminated ones do not ([`rules::in_office`]).
fn voters(conn: &mut PgConnection, row: &MotionRow) -> Result<(i64, NaiveDate), ApiError> {
    let session: Option<ActivityRow> = match row.session_activity_id {
        Some(a) => activities::table
            .find(a)
            .select(ActivityRow::as_select())
            .first(conn)
            .optional()?,
        None => None,
    };
    let (term, date) = match session {
        Some(s) => (s.term_id, rules::session_date(conn, &s)?),
        None => (None, crate::http::today()),
    };
    let term = match term {
        Some(t) => Some(t),
        None => terms::table
            .filter(terms::congress_id.eq(row.congress_id))
            .filter(terms::starts_on.le(date))
            .order(terms::starts_on.desc())
            .select(terms::id)
            .first::<Uuid>(conn)
            .optional()?,
    };
    let n = match term {
        Some(t) => rules::in_office(conn, t, date)?.deputies.len() as i64,
        None => 0,
    };
    Ok((n, date))
}

fn record(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    from: Option<MotionStatus>,
    to: MotionStatus,
    action: &str,
    note: Option<&str>,
) -> Result<(), ApiError> {
    diesel::insert_into(motion_events::table)
        .values((
            motion_events::id.eq(Uuid::now_v7()),
            motion_events::motion_id.eq(id),
            motion_events::from_status.eq(from.map(|s| s.as_str())),
            motion_events::to_status.eq(to.as_str()),
            motion_events::action.eq(action),
            motion_events::actor_id.eq(user.id),
            motion_events::actor_role.eq(user.role.as_str()),
            motion_events::note.eq(note),
            motion_events::at.eq(Utc::now()),
        ))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user.id),
        if from.is_none() {
            "create"
        } else {
            "status_change"
        },
        "motion",
        Some(id),
        from.map(|s| serde_json::json!({ "status": s.as_str() }))
            .as_ref(),
        Some(&serde_json::json!({ "status": to.as_str(), "action": action, "note": note })),
    )?;
    Ok(())
}

/// Visible motions, in creation order (at most 500).
pub fn list(conn: &mut PgConnection, user: &AuthUser) -> Result<Vec<Motion>, ApiError> {
    let rows: Vec<MotionRow> = visible(user)
        .order(motions::id)
        .limit(500)
        .select(MotionRow::as_select())
        .load(conn)?;
    rows.iter().map(|r| to_wire(conn, r)).collect()
}

/// Creates a draft motion. A deputy proposes a deputies' motion and leads it; the office
/// enters motions of any proposer (naming the lead deputy, or the congress).
///
/// Errors: 403 other roles, or a deputy proposing for the presidium or government; 404 lead
/// deputy or congress not in scope; 422 fields, including `not_in_office` on
/// `/lead_deputy_id` or `/co_signer_ids/{i}` for a deputy whose mandate is suspended or
/// terminated (R9, R10; DL 61, 62).
pub fn create(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewMotion,
) -> Result<MotionRow, ApiError> {
    let mut errors = vec![];
    let (congress, lead) = match (user.role, new.proposer) {
        (Role::Deputy, MotionProposer::Deputies) => {
            let me = user
                .deputy_id
                .ok_or_else(|| ApiError::Forbidden("账号未关联代表记录。".into()))?;
            if new.lead_deputy_id.is_some_and(|d| d != me) {
                return Err(ApiError::Forbidden(
                    "代表只能以本人为领衔代表提出议案。".into(),
                ));
            }
            let d = crate::deputies::repo::ensure_deputy_in_scope(conn, user, me)?;
            (d.congress_id, Some(me))
        }
        (Role::Admin | Role::Staff, MotionProposer::Deputies) => {
            let lead = new.lead_deputy_id.ok_or_else(|| {
                ApiError::field(
                    "/lead_deputy_id",
                    "required",
                    "代表联名议案须指定领衔代表。",
                )
            })?;
            let d = crate::deputies::repo::ensure_deputy_in_scope(conn, user, lead)?;
            (d.congress_id, Some(lead))
        }
        (Role::Admin | Role::Staff, _) => {
            let c = new.congress_id.ok_or_else(|| {
                ApiError::field("/congress_id", "required", "请指定人民代表大会。")
            })?;
            ensure_in_scope(conn, user, c)?;
            (c, None)
        }
        _ => {
            return Err(ApiError::Forbidden(
                "代表只能提出代表联名议案；其他议案由人大办录入。".into(),
            ))
        }
    };
    let subject = text(&mut errors, "/subject", Some(&new.subject), 200, true);
    let grounds = text(&mut errors, "/grounds", Some(&new.grounds), 20_000, true);
    let proposal = text(&mut errors, "/proposal", Some(&new.proposal), 20_000, true);
    if let Some(a) = new.session_activity_id {
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
    let mut co = vec![];
    if lead.is_none() && !new.co_signer_ids.is_empty() {
        errors.push(FieldError {
            params: None,
            pointer: "/co_signer_ids".into(),
            code: "not_allowed".into(),
            message: "只有代表联名议案有联名代表。".into(),
        });
    }
    // Suspended (DL 61) and terminated (DL 62) deputies do not exercise a deputy's powers:
    // they neither lead nor join a motion (R5 counts township deputies in office).
    if let Some(lead) = lead {
        if !in_office(conn, congress, lead)? {
            errors.push(FieldError {
                params: None,
                pointer: "/lead_deputy_id".into(),
                code: "not_in_office".into(),
                message: "领衔代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能提出议案。".into(),
            });
        }
    }
    let mut seen: HashSet<Uuid> = lead.into_iter().collect();
    for (i, d) in new.co_signer_ids.iter().enumerate().take(100) {
        let pointer = format!("/co_signer_ids/{i}");
        if !seen.insert(*d) {
            errors.push(FieldError {
                params: None,
                pointer,
                code: "duplicate".into(),
                message: "联名代表重复，或与领衔代表相同。".into(),
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
                message: "该联名代表已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不能联名提出议案。".into(),
            });
        } else if ok {
            co.push(*d);
        } else {
            errors.push(FieldError {
                params: None,
                pointer,
                code: "not_found".into(),
                message: "联名代表须为本级人大的代表。".into(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let id = Uuid::now_v7();
    let row = diesel::insert_into(motions::table)
        .values((
            motions::id.eq(id),
            motions::congress_id.eq(congress),
            motions::session_activity_id.eq(new.session_activity_id),
            motions::proposer_kind.eq(new.proposer.as_str()),
            motions::lead_deputy_id.eq(lead),
            motions::created_by.eq(user.id),
            motions::subject.eq(subject.unwrap_or_default()),
            motions::grounds.eq(grounds.unwrap_or_default()),
            motions::proposal.eq(proposal.unwrap_or_default()),
        ))
        .returning(MotionRow::as_returning())
        .get_result(conn)?;
    if let Some(lead) = lead {
        diesel::insert_into(motion_signers::table)
            .values((
                motion_signers::motion_id.eq(id),
                motion_signers::deputy_id.eq(lead),
                motion_signers::role.eq("lead"),
                motion_signers::confirmed_at.eq(Some(Utc::now())),
            ))
            .execute(conn)?;
    }
    for d in &co {
        diesel::insert_into(motion_signers::table)
            .values((
                motion_signers::motion_id.eq(id),
                motion_signers::deputy_id.eq(d),
                motion_signers::role.eq("co"),
            ))
            .execute(conn)?;
    }
    record(conn, user, id, None, MotionStatus::Draft, "create", None)?;
    Ok(row)
}

/// A joint proposer confirms their signature on a draft.
///
/// Errors: 404 not visible; 403 not a joint proposer; 409 `not_a_draft`.
pub fn confirm(conn: &mut PgConnection, user: &AuthUser, id: Uuid) -> Result<MotionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let me = user
        .deputy_id
        .filter(|_| user.role == Role::Deputy)
        .unwrap_or(Uuid::nil());
    let target = motion_signers::table
        .filter(motion_signers::motion_id.eq(id))
        .filter(motion_signers::deputy_id.eq(me))
        .filter(motion_signers::role.eq("co"));
    let is_co: bool = diesel::select(diesel::dsl::exists(target)).get_result(conn)?;
    if !is_co {
        return Err(ApiError::Forbidden("只有联名代表本人可以确认联名。".into()));
    }
    if status(&row)? != MotionStatus::Draft {
        return Err(ApiError::Refused(
            "not_a_draft",
            "议案已提出，联名确认须在提出前进行。".into(),
        ));
    }
    diesel::update(target)
        .set(motion_signers::confirmed_at.eq(Some(Utc::now())))
        .execute(conn)?;
    record(
        conn,
        user,
        id,
        Some(MotionStatus::Draft),
        MotionStatus::Draft,
        "confirm",
        None,
    )?;
    Ok(row)
}

/// Where `action` leads from `from`.
///
/// Errors: 409 `invalid_transition`.
pub fn next(from: MotionStatus, action: &str) -> Result<MotionStatus, ApiError> {
    use MotionStatus as S;
    let (allowed, to): (&[S], S) = match action {
        "submit" => (&[S::Draft], S::Submitted),
        "place_on_agenda" => (&[S::Submitted], S::OnAgenda),
        "not_on_agenda" => (&[S::Submitted], S::NotOnAgenda),
        "adopt" => (&[S::OnAgenda], S::Adopted),
        "reject" => (&[S::OnAgenda], S::Rejected),
        "withdraw" => (&[S::Draft, S::Submitted, S::OnAgenda], S::Withdrawn),
        _ => (&[], S::Draft),
    };
    if allowed.contains(&from) {
        Ok(to)
    } else {
        let allowed: Vec<&str> = allowed.iter().map(|s| s.label_zh()).collect();
        Err(ApiError::Refused(
            "invalid_transition",
            format!(
                "议案当前为“{}”状态，不能执行此操作（仅限{}状态）。",
                from.label_zh(),
                allowed.join("、")
            ),
        ))
    }
}

/// Checks R5 (OL 22) at submission: at least [`MOTION_MIN_DEPUTIES`] confirmed proposers
/// (the lead included) whose mandate of the motion's congress is active. A proposer
/// suspended (DL 61) or terminated (DL 62) after signing no longer counts.
///
/// Errors: 409 `too_few_proposers`, with the confirmed and in-office counts.
fn proposers_suffice(conn: &mut PgConnection, row: &MotionRow) -> Result<(), ApiError> {
    let confirmed: Vec<Uuid> = motion_signers::table
        .filter(motion_signers::motion_id.eq(row.id))
        .filter(motion_signers::confirmed_at.is_not_null())
        .select(motion_signers::deputy_id)
        .load(conn)?;
    let active = mandates::table
        .filter(mandates::congress_id.eq(row.congress_id))
        .filter(mandates::status.eq("active"))
        .filter(mandates::deputy_id.eq_any(&confirmed))
        .select(mandates::deputy_id)
        .distinct()
        .load::<Uuid>(conn)?
        .len();
    if active >= MOTION_MIN_DEPUTIES {
        return Ok(());
    }
    let total = confirmed.len();
    let out = total - active;
    let detail = if out > 0 {
        format!(
            "目前确认联名的 {total} 名代表中，{out} 名已暂停执行代表职务或代表资格已终止（代表法第六十一、六十二条），不再计入，在任的只有 {active} 名。"
        )
    } else {
        format!("目前确认联名的只有 {active} 名。")
    };
    Err(ApiError::Refused(
        "too_few_proposers",
        format!(
            "代表联名提出议案须有 {MOTION_MIN_DEPUTIES} 名以上在任代表（地方组织法第二十二条），{detail}"
        ),
    ))
}

/// Takes one step (see [`MotionAction`]).
///
/// Errors: 404 not visible; 403 the role may not; 409 `invalid_transition`,
/// `too_few_proposers` (R5: a deputies' motion needs at least 5 confirmed proposers in
/// office; see [`proposers_suffice`]),
/// `vote_not_passed` / `vote_passed` (R4: the vote decides adopt or reject) or
/// `no_deputies_in_office`; 422 fields, negative counts or more votes than deputies in
/// office.
pub fn transition(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
    action: &MotionAction,
) -> Result<MotionRow, ApiError> {
    let row = ensure_locked(conn, user, id)?;
    let from = status(&row)?;
    let is_author = row.created_by == Some(user.id)
        || (user.role == Role::Deputy
            && user.deputy_id.is_some()
            && user.deputy_id == row.lead_deputy_id);
    let mut errors = vec![];
    let name = action.name();
    let mut suggestion = None;
    // A recorded vote: (for, against, abstentions, in office, date), and its history note.
    let mut vote: Option<(i32, i32, i32, i64, NaiveDate)> = None;
    let mut history_note: Option<String> = None;
    let (to, note, submitted_on) = match action {
        MotionAction::Submit => {
            if !is_author {
                return Err(ApiError::Forbidden(
                    "只有领衔代表或录入人可以提出议案。".into(),
                ));
            }
            let to = next(from, name)?;
            if row.proposer_kind == "deputies" {
                proposers_suffice(conn, &row)?;
            }
            (to, None, Some(crate::http::today()))
        }
        MotionAction::PlaceOnAgenda { note } => {
            user.require(DECIDERS)?;
            let to = next(from, name)?;
            (
                to,
                text(&mut errors, "/note", note.as_deref(), 500, false),
                None,
            )
        }
        MotionAction::Adopt {
            votes_for,
            votes_against,
            abstentions,
            note,
        }
        | MotionAction::Reject {
            votes_for,
            votes_against,
            abstentions,
            note,
        } => {
            // The office records the vote; its outcome decides adopt or reject.
            user.require(&[Role::Admin, Role::Staff])?;
            let to = next(from, name)?;
            let note = text(&mut errors, "/note", note.as_deref(), 500, false);
            let counts = [
                ("votes_for", *votes_for),
                ("votes_against", *votes_against),
                ("abstentions", *abstentions),
            ];
            for (field, n) in counts {
                if n < 0 {
                    errors.push(FieldError {
                        params: None,
                        pointer: format!("/{field}"),
                        code: "out_of_range".into(),
                        message: "票数不能为负数。".into(),
                    });
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let (in_office, date) = voters(conn, &row)?;
            if in_office == 0 {
                return Err(ApiError::Refused(
                    "no_deputies_in_office",
                    format!(
                        "{date} 本人大没有在任代表，无法按全体代表的过半数判断表决结果（地方组织法第二十五条）。"
                    ),
                ));
            }
            let cast: i64 = counts.iter().map(|(_, n)| i64::from(*n)).sum();
            if cast > in_office {
                return Err(ApiError::field(
                    "/votes_for",
                    "too_many_votes",
                    format!("赞成、反对、弃权合计 {cast} 票，超过全体在任代表 {in_office} 人。"),
                ));
            }
            let yes = i64::from(*votes_for);
            let passed = rules::vote_passes(yes, in_office);
            let explanation = rules::vote_explanation(yes, in_office);
            match (to, passed) {
                (MotionStatus::Adopted, false) => {
                    return Err(ApiError::Refused(
                        "vote_not_passed",
                        format!("{explanation}不能记为通过。"),
                    ))
                }
                (MotionStatus::Rejected, true) => {
                    return Err(ApiError::Refused(
                        "vote_passed",
                        format!("{explanation}不能记为未通过。"),
                    ))
                }
                _ => {}
            }
            vote = Some((*votes_for, *votes_against, *abstentions, in_office, date));
            history_note = Some(match &note {
                Some(n) => format!("{explanation}{n}"),
                None => explanation,
            });
            (to, note, None)
        }
        MotionAction::NotOnAgenda {
            reason,
            as_suggestion,
        } => {
            user.require(DECIDERS)?;
            let to = next(from, name)?;
            let reason = text(&mut errors, "/reason", Some(reason), 500, true);
            if *as_suggestion && row.lead_deputy_id.is_none() {
                errors.push(FieldError {
                    params: None,
                    pointer: "/as_suggestion".into(),
                    code: "not_allowed".into(),
                    message: "只有代表联名议案可以转为建议。".into(),
                });
            }
            if errors.is_empty() && *as_suggestion {
                suggestion = Some(());
            }
            (to, reason, None)
        }
        MotionAction::Withdraw { note } => {
            let to = next(from, name)?;
            let note = text(
                &mut errors,
                "/note",
                note.as_deref(),
                500,
                from == MotionStatus::OnAgenda,
            );
            if from == MotionStatus::OnAgenda {
                // Before the vote, only with the presidium's consent, recorded by the
                // office or a presidium member.
                user.require(DECIDERS)?;
            } else if !is_author {
                return Err(ApiError::Forbidden(
                    "只有领衔代表或录入人可以撤回议案。".into(),
                ));
            }
            (to, note, None)
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let suggestion_id = match suggestion {
        Some(()) => {
            let co: Vec<Uuid> = motion_signers::table
                .filter(motion_signers::motion_id.eq(id))
                .filter(motion_signers::role.eq("co"))
                .filter(motion_signers::confirmed_at.is_not_null())
                .select(motion_signers::deputy_id)
                .load(conn)?;
            let content = format!("案据：{}\n\n方案：{}", row.grounds, row.proposal);
            Some(crate::suggestions::repo::create_from_motion(
                conn,
                user,
                row.congress_id,
                row.lead_deputy_id.unwrap_or(Uuid::nil()),
                &co,
                &row.subject,
                &content,
                row.session_activity_id,
            )?)
        }
        None => row.suggestion_id,
    };
    let updated = diesel::update(motions::table.find(id))
        .set((
            motions::status.eq(to.as_str()),
            motions::decision_note.eq(note.clone().or(row.decision_note.clone())),
            motions::suggestion_id.eq(suggestion_id),
            motions::submitted_on.eq(submitted_on.or(row.submitted_on)),
            motions::version.eq(row.version + 1),
            motions::updated_at.eq(Utc::now()),
        ))
        .returning(MotionRow::as_returning())
        .get_result(conn)?;
    let updated = match vote {
        Some((yes, no, abstain, in_office, date)) => diesel::update(motions::table.find(id))
            .set((
                motions::votes_for.eq(yes),
                motions::votes_against.eq(no),
                motions::abstentions.eq(abstain),
                motions::votes_in_office.eq(i32::try_from(in_office).unwrap_or(i32::MAX)),
                motions::voted_on.eq(date),
            ))
            .returning(MotionRow::as_returning())
            .get_result(conn)?,
        None => updated,
    };
    let note = history_note.or(note);
    record(conn, user, id, Some(from), to, name, note.as_deref())?;
    Ok(updated)
}

/// The history of a visible motion, oldest first.
pub fn history(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<Vec<MotionEvent>, ApiError> {
    ensure(conn, user, id)?;
    let rows: Vec<MotionEventRow> = motion_events::table
        .filter(motion_events::motion_id.eq(id))
        .order((motion_events::at, motion_events::id))
        .select(MotionEventRow::as_select())
        .load(conn)?;
    let parse = |s: &str| {
        MotionStatus::parse(s).ok_or_else(|| ApiError::Internal(format!("bad motion status {s}")))
    };
    rows.iter()
        .map(|r| {
            Ok(MotionEvent {
                from_status: r.from_status.as_deref().map(parse).transpose()?,
                to_status: parse(&r.to_status)?,
                action: r.action.clone(),
                actor_id: r.actor_id,
                actor_role: r.actor_role.clone(),
                note: r.note.clone(),
                at: r.at,
            })
        })
        .collect()
}
