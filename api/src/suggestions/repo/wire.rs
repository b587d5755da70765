//! An item's wire form ([`Suggestion`]) and the category lists of a list's filter.

use super::*;

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
pub(super) fn category_and_below(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
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
