//! Referral steps: 交办 to handling organisations or 转交 to the upper-level congress, 退回,
//! and extensions of the reply deadline (requested by the lead, granted or refused by the
//! office). The workflow ([`suggestion_step`]) has allowed the step before these run: its
//! refusals (403, 409 `invalid_transition`, `return_period_over`,
//! `extension_request_pending`, `no_extension_request`, `extension_limit` at 3 months
//! granted) come before the 422s of the fields below.

use super::steps::Step;
use super::*;

/// 交办 (`refer`) or 转交 (`forward`): the reply is due 3 months after the referral date, 6
/// for a wide-ranging item (R7; DL 51); a referred organisation may return it within
/// `return_working_days` working days.
///
/// Errors: 422 a referral date in the future or before submission, an organisation not in
/// scope (`not_found`) or named twice (`duplicate_org`), texts over their length.
pub(super) fn refer(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    action: &SuggestionAction,
) -> Result<SuggestionRow, ApiError> {
    let row = step.row;
    let mut errors = vec![];
    let (day, wide, note, changes) = match action {
        SuggestionAction::Refer {
            lead_org_id,
            co_org_ids,
            wide_ranging,
            referred_on,
            note,
        } => {
            let note = note_of(&mut errors, note);
            let day = referral_date(&mut errors, row, *referred_on);
            orgs_in_scope(conn, user, &mut errors, *lead_org_id, co_org_ids)?;
            check(errors)?;
            add_referrals(conn, row, day, *lead_org_id, co_org_ids)?;
            let changes = Changes {
                forwarded_to: Some(None),
                external_reference: Some(None),
                ..Default::default()
            };
            (day, wide_ranging.unwrap_or(row.wide_ranging), note, changes)
        }
        SuggestionAction::Forward {
            forwarded_to,
            external_reference,
            referred_on,
            wide_ranging,
        } => {
            let target = text(&mut errors, "/forwarded_to", Some(forwarded_to), 100, true);
            let pointer = "/external_reference";
            let reference = text(&mut errors, pointer, Some(external_reference), 100, true);
            let day = referral_date(&mut errors, row, *referred_on);
            check(errors)?;
            let note = format!(
                "转交{}，编号 {}",
                target.clone().unwrap_or_default(),
                reference.clone().unwrap_or_default()
            );
            let changes = Changes {
                forwarded_to: Some(target),
                external_reference: Some(reference),
                ..Default::default()
            };
            (
                day,
                wide_ranging.unwrap_or(row.wide_ranging),
                Some(note),
                changes,
            )
        }
        _ => return Err(ApiError::Internal("refer called for another step".into())),
    };
    let due = reply_due(day, wide);
    let changes = Changes {
        wide_ranging: Some(wide),
        referred_on: Some(Some(day)),
        round_started_on: Some(Some(day)),
        reply_due_base: Some(Some(due)),
        extension_months: Some(0),
        reply_due: Some(Some(due)),
        due_on: Some(Some(due)),
        ..changes
    };
    apply(
        conn,
        user,
        row,
        step.to,
        step.name,
        note.as_deref(),
        changes,
    )
}

/// At most this many co-handling organisations on one referral: a bound on the work (one
/// query each) and on the size of the answer that a hostile list could ask for.
pub const MAX_CO_ORGS: usize = 20;

/// 422 unless the lead and every co-handler are organisations of the caller's scope, each
/// named once, and there are at most [`MAX_CO_ORGS`] co-handlers (one error then, without
/// looking at any).
fn orgs_in_scope(
    conn: &mut PgConnection,
    user: &AuthUser,
    errors: &mut Vec<FieldError>,
    lead: Uuid,
    co: &[Uuid],
) -> Result<(), ApiError> {
    let missing = |pointer: &str, what| {
        FieldError::from_message(pointer, &SuggestionMessage::NotFound { what }.into())
    };
    if org_in_scope(conn, user, lead)?.is_none() {
        errors.push(missing("/lead_org_id", SuggestionRecord::LeadOrg));
    }
    if co.len() > MAX_CO_ORGS {
        let max = MAX_CO_ORGS as u32;
        let m = SuggestionMessage::TooManyCoOrgs { max }.into();
        errors.push(FieldError::from_message("/co_org_ids", &m));
        return Ok(());
    }
    let mut seen = HashSet::from([lead]);
    for (i, o) in co.iter().enumerate() {
        let pointer = format!("/co_org_ids/{i}");
        if !seen.insert(*o) {
            let m = SuggestionMessage::DuplicateOrg.into();
            errors.push(FieldError::from_message(&pointer, &m));
        } else if org_in_scope(conn, user, *o)?.is_none() {
            errors.push(missing(&pointer, SuggestionRecord::CoOrg));
        }
    }
    Ok(())
}

/// The referrals of a 交办: the lead and each co-handler, with their return limit.
fn add_referrals(
    conn: &mut PgConnection,
    row: &SuggestionRow,
    day: NaiveDate,
    lead: Uuid,
    co: &[Uuid],
) -> Result<(), ApiError> {
    let s = settings(conn, row.congress_id)?;
    let return_due = add_working_days(conn, day, s.return_working_days as u32)?;
    for (org, role) in std::iter::once((lead, "lead")).chain(co.iter().map(|o| (*o, "co"))) {
        diesel::insert_into(suggestion_referrals::table)
            .values((
                suggestion_referrals::id.eq(Uuid::now_v7()),
                suggestion_referrals::suggestion_id.eq(row.id),
                suggestion_referrals::handling_org_id.eq(org),
                suggestion_referrals::role.eq(role),
                suggestion_referrals::referred_on.eq(day),
                suggestion_referrals::return_due.eq(return_due),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// 退回: the lead's return sends the whole item back to the office; a co-handler's ends
/// its own part and the item stays where it is.
///
/// Errors: 422 `/reason` empty or over 500 characters.
pub(super) fn give_back(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    referral: Option<ReferralRow>,
    reason: &str,
) -> Result<SuggestionRow, ApiError> {
    let referral = referral.ok_or_else(|| ApiError::Internal("return without referral".into()))?;
    let mut errors = vec![];
    let reason = text(&mut errors, "/reason", Some(reason), 500, true);
    check(errors)?;
    let now = Utc::now();
    diesel::update(suggestion_referrals::table.find(referral.id))
        .set((
            suggestion_referrals::returned_at.eq(Some(now)),
            suggestion_referrals::return_reason.eq(reason.as_deref()),
        ))
        .execute(conn)?;
    let row = step.row;
    if referral.role != "lead" {
        let note = format!("协办单位退回：{}", reason.unwrap_or_default());
        let from = row.state()?;
        return apply(
            conn,
            user,
            row,
            from,
            "return_co",
            Some(&note),
            Changes::default(),
        );
    }
    diesel::update(
        suggestion_referrals::table
            .filter(suggestion_referrals::suggestion_id.eq(row.id))
            .filter(suggestion_referrals::returned_at.is_null()),
    )
    .set(suggestion_referrals::returned_at.eq(Some(now)))
    .execute(conn)?;
    let changes = Changes {
        due_on: Some(None),
        ..Default::default()
    };
    apply(
        conn,
        user,
        row,
        step.to,
        step.name,
        reason.as_deref(),
        changes,
    )
}

/// The lead organisation asks for 1–3 more months; the office decides.
///
/// Errors: 422 `/months` outside 1–3, `/reason`; 409 `extension_limit` past 3 in all.
pub(super) fn request_extension(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    referral: Option<ReferralRow>,
    months: i32,
    reason: &str,
) -> Result<SuggestionRow, ApiError> {
    let lead = referral.ok_or_else(|| ApiError::Internal("request without referral".into()))?;
    let mut errors = vec![];
    extension_months(&mut errors, months);
    let reason = text(&mut errors, "/reason", Some(reason), 500, true);
    check(errors)?;
    extension_total(step.row.extension_months, Some(months))?;
    let reason = reason.unwrap_or_default();
    diesel::insert_into(suggestion_extension_requests::table)
        .values((
            suggestion_extension_requests::id.eq(Uuid::now_v7()),
            suggestion_extension_requests::suggestion_id.eq(step.row.id),
            suggestion_extension_requests::handling_org_id.eq(lead.handling_org_id),
            suggestion_extension_requests::months.eq(months),
            suggestion_extension_requests::reason.eq(&reason),
            suggestion_extension_requests::requested_by.eq(user.id),
            suggestion_extension_requests::requested_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    let note = format!("申请延期 {months} 个月：{reason}");
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, Some(&note), Changes::default())
}

/// The office refuses the pending request; the deadline stays.
///
/// Errors: 422 `/reason`.
pub(super) fn refuse_extension(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    reason: &str,
) -> Result<SuggestionRow, ApiError> {
    let mut errors = vec![];
    let reason = text(&mut errors, "/reason", Some(reason), 500, true);
    check(errors)?;
    let asked = pending_extension(conn, step.row.id)?.map_or(0, |p| p.months);
    let reason = reason.unwrap_or_default();
    decide_extension(conn, user, step.row.id, "refused", Some(&reason))?;
    let note = format!("不同意延期申请（申请 {asked} 个月）：{reason}");
    let Step { row, to, name } = step;
    apply(conn, user, row, to, name, Some(&note), Changes::default())
}

/// 延期 by the office, deciding a pending request (approved, for the months granted).
/// Counted from the referral, like the first deadline: 31 January + 3 + 2 months is 30
/// June, + 3 + 3 months 31 July.
///
/// Errors: 422 `/months` outside 1–3, `/reason`; 409 `extension_limit` past 3 in all.
pub(super) fn extend(
    conn: &mut PgConnection,
    user: &AuthUser,
    step: Step,
    months: i32,
    reason: &str,
) -> Result<SuggestionRow, ApiError> {
    let row = step.row;
    let mut errors = vec![];
    extension_months(&mut errors, months);
    let reason = text(&mut errors, "/reason", Some(reason), 500, true);
    check(errors)?;
    let total = extension_total(row.extension_months, Some(months))?;
    let reason = match pending_extension(conn, row.id)? {
        Some(pending) => {
            decide_extension(conn, user, row.id, "approved", reason.as_deref())?;
            Some(format!(
                "批准主办单位的延期申请（申请 {} 个月，批准 {months} 个月）：{}",
                pending.months,
                reason.unwrap_or_default()
            ))
        }
        None => reason,
    };
    let referred = row
        .referred_on
        .ok_or_else(|| ApiError::Internal("referred item without date".into()))?;
    let base = if row.wide_ranging { 6 } else { 3 };
    let due = add_months(referred, (base + total) as u32);
    let changes = Changes {
        extension_months: Some(total),
        reply_due: Some(Some(due)),
        due_on: Some(Some(due)),
        ..Default::default()
    };
    apply(
        conn,
        user,
        row,
        step.to,
        step.name,
        reason.as_deref(),
        changes,
    )
}
