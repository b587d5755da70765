//! Queries of sessions: agenda items, votes judged against the deputies in office, the
//! outcome, and the sessions held in a year.

use crate::auth::caller::AuthUser;
use crate::congresses::repo::scope;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::models::*;
use crate::meetings::rules;
use crate::meetings::shared::{
    check_year, congress_tz, ensure_activity, ensure_open, fault, year_bounds,
};
use crate::schema::{activities, agenda_items, deputies, votes};
use diesel::prelude::*;
use renda_openapi::*;
use uuid::Uuid;

/// 422 unless the activity is a session.
pub fn ensure_session(activity: &ActivityRow) -> Result<Uuid, ApiError> {
    match (activity.is_session(), activity.term_id) {
        (true, Some(t)) => Ok(t),
        _ => Err(ApiError::field(
            "/kind",
            "not_a_session",
            "议程和表决只适用于人民代表大会会议。",
        )),
    }
}

/// Adds an agenda item to a session.
///
/// Errors: 422 not a session or bad title/position; 409 position taken.
pub fn add_agenda_item(
    conn: &mut PgConnection,
    activity: &ActivityRow,
    new: &NewAgendaItem,
) -> Result<AgendaItemRow, ApiError> {
    ensure_session(activity)?;
    ensure_open(activity)?;
    let mut errors = vec![];
    let title = text(&mut errors, "/title", Some(&new.title), 200, true);
    if new.position.is_some_and(|p| p < 1) {
        errors.push(fault("/position", "out_of_range", "议程序号须为正整数。"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let position = match new.position {
        Some(p) => p,
        None => {
            agenda_items::table
                .filter(agenda_items::activity_id.eq(activity.id))
                .select(diesel::dsl::max(agenda_items::position))
                .first::<Option<i32>>(conn)?
                .unwrap_or(0)
                + 1
        }
    };
    diesel::insert_into(agenda_items::table)
        .values((
            agenda_items::id.eq(Uuid::now_v7()),
            agenda_items::activity_id.eq(activity.id),
            agenda_items::position.eq(position),
            agenda_items::title.eq(title.unwrap_or_default()),
            agenda_items::kind.eq(new.kind.as_str()),
        ))
        .returning(AgendaItemRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => ApiError::Conflict(format!("第 {position} 项议程已存在。")),
            other => other,
        })
}

/// The agenda item and its session, visible to the caller.
pub fn ensure_agenda_item(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<(AgendaItemRow, ActivityRow), ApiError> {
    let item: AgendaItemRow = agenda_items::table
        .find(id)
        .select(AgendaItemRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound("议程不存在或不在您的权限范围内。".into()))?;
    let activity = ensure_activity(conn, user, item.activity_id)
        .map_err(|_| ApiError::NotFound("议程不存在或不在您的权限范围内。".into()))?;
    Ok((item, activity))
}

/// Records a vote on an agenda item (R4; OL 25).
///
/// Errors: 409 when the session lacks a quorum (R3): no vote can be taken; 422 for an
/// office on a non-election item or none on an election, negative counts, or more votes
/// than members attending.
pub fn add_vote(
    conn: &mut PgConnection,
    user: &AuthUser,
    item: &AgendaItemRow,
    activity: &ActivityRow,
    new: &NewVote,
) -> Result<VoteRow, ApiError> {
    ensure_open(activity)?;
    let mut errors = vec![];
    let subject = vote_fields(conn, user, item, new, &mut errors)?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let quorum = rules::quorum(conn, activity)?;
    if !quorum.valid {
        return Err(ApiError::Conflict(format!(
            "{} 不足法定人数时不能表决。",
            quorum.explanation
        )));
    }
    let cast = i64::from(new.yes) + i64::from(new.no) + i64::from(new.abstain);
    if cast > quorum.attending {
        return Err(ApiError::field(
            "/yes",
            "too_many_votes",
            format!(
                "赞成、反对、弃权合计 {cast} 票，超过出席代表 {} 人。",
                quorum.attending
            ),
        ));
    }
    Ok(diesel::insert_into(votes::table)
        .values((
            votes::id.eq(Uuid::now_v7()),
            votes::agenda_item_id.eq(item.id),
            votes::subject.eq(subject.unwrap_or_default()),
            votes::office.eq(new.office.map(|o| o.as_str())),
            votes::candidate_deputy_id.eq(new.candidate_deputy_id),
            votes::yes.eq(new.yes),
            votes::no.eq(new.no),
            votes::abstain.eq(new.abstain),
            votes::recorded_by.eq(Some(user.id)),
        ))
        .returning(VoteRow::as_returning())
        .get_result(conn)?)
}

/// The fields of a vote: its subject, an office only (and always) on an election, no
/// negative count, a candidate in the caller's scope.
fn vote_fields(
    conn: &mut PgConnection,
    user: &AuthUser,
    item: &AgendaItemRow,
    new: &NewVote,
    errors: &mut Vec<FieldError>,
) -> QueryResult<Option<String>> {
    let subject = text(errors, "/subject", Some(&new.subject), 200, true);
    let election = item.kind == AgendaItemKind::Election.as_str();
    if election && new.office.is_none() {
        errors.push(fault("/office", "required", "选举须注明所选职务。"));
    }
    if !election && (new.office.is_some() || new.candidate_deputy_id.is_some()) {
        errors.push(fault(
            "/office",
            "not_allowed",
            "只有选举议程才记录职务和候选人。",
        ));
    }
    for (f, v) in [("yes", new.yes), ("no", new.no), ("abstain", new.abstain)] {
        if v < 0 {
            errors.push(fault(format!("/{f}"), "out_of_range", "票数不能为负数。"));
        }
    }
    if let Some(c) = new.candidate_deputy_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            deputies::table
                .filter(deputies::id.eq(c))
                .filter(deputies::congress_id.eq_any(scope(user.congress_id))),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(fault(
                "/candidate_deputy_id",
                "not_found",
                "候选人不存在或不在您的权限范围内。",
            ));
        }
    }
    Ok(subject)
}

/// A vote's wire form, judged against the deputies in office on the session's date.
pub fn vote_to_wire(v: &VoteRow, in_office: i64) -> Vote {
    let yes = i64::from(v.yes);
    Vote {
        id: v.id,
        agenda_item_id: v.agenda_item_id,
        subject: v.subject.clone(),
        office: v.office.as_deref().and_then(Office::parse),
        candidate_deputy_id: v.candidate_deputy_id,
        yes: v.yes,
        no: v.no,
        abstain: v.abstain,
        in_office,
        required: rules::vote_required(in_office),
        passed: rules::vote_passes(yes, in_office),
        explanation: rules::vote_explanation(yes, in_office),
        recorded_at: v.recorded_at,
    }
}

/// The outcome of a session: quorum, agenda with votes, and who was elected.
pub fn outcome(
    conn: &mut PgConnection,
    activity: &ActivityRow,
) -> Result<SessionOutcome, ApiError> {
    ensure_session(activity)?;
    let quorum = rules::quorum(conn, activity)?;
    let items: Vec<AgendaItemRow> = agenda_items::table
        .filter(agenda_items::activity_id.eq(activity.id))
        .order(agenda_items::position)
        .select(AgendaItemRow::as_select())
        .load(conn)?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let vote_rows: Vec<VoteRow> = votes::table
        .filter(votes::agenda_item_id.eq_any(&ids))
        .order((votes::recorded_at, votes::id))
        .select(VoteRow::as_select())
        .load(conn)?;
    let (mut presidium, mut other_elected) = (vec![], vec![]);
    let agenda = items
        .iter()
        .map(|i| {
            let votes: Vec<Vote> = vote_rows
                .iter()
                .filter(|v| v.agenda_item_id == i.id)
                .map(|v| vote_to_wire(v, quorum.in_office))
                .collect();
            for v in votes.iter().filter(|v| v.passed) {
                if let Some(office) = v.office {
                    let e = Elected {
                        office,
                        name: v.subject.clone(),
                        candidate_deputy_id: v.candidate_deputy_id,
                        vote_id: v.id,
                        yes: v.yes,
                        in_office: v.in_office,
                    };
                    if office.on_presidium() {
                        presidium.push(e);
                    } else {
                        other_elected.push(e);
                    }
                }
            }
            Ok(AgendaItem {
                id: i.id,
                activity_id: i.activity_id,
                position: i.position,
                title: i.title.clone(),
                kind: AgendaItemKind::parse(&i.kind)
                    .ok_or_else(|| ApiError::Internal(format!("bad agenda kind {}", i.kind)))?,
                votes,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(SessionOutcome {
        quorum,
        agenda,
        presidium,
        other_elected,
    })
}

/// The yearly check of R2 (OL 14): sessions of a congress held in a year, against the
/// minimum of one and the usual two. 422 for a year outside 1900–2200; 404 for a congress
/// outside the caller's scope.
pub fn session_check(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &SessionCheckQuery,
) -> Result<SessionCheck, ApiError> {
    check_year(q.year)?;
    let congress = q.congress_id.unwrap_or(user.congress_id);
    crate::congresses::repo::ensure_in_scope(conn, user, congress)?;
    let tz = congress_tz(conn, congress)?;
    let (first, next) = year_bounds(q.year, tz);
    let rows: Vec<(String, Option<String>)> = activities::table
        .filter(activities::congress_id.eq(congress))
        .filter(activities::kind.eq(ActivityKind::Session.as_str()))
        .filter(activities::starts_at.ge(first))
        .filter(activities::starts_at.lt(next))
        .select((activities::status, activities::session_kind))
        .load(conn)?;
    let held = |s: &str| matches!(s, "held" | "summarised" | "archived");
    let sessions_held = rows.iter().filter(|r| held(&r.0)).count() as i64;
    let temporary_held = rows
        .iter()
        .filter(|r| held(&r.0) && r.1.as_deref() == Some(SessionKind::Temporary.as_str()))
        .count() as i64;
    let sessions_planned = rows
        .iter()
        .filter(|r| matches!(r.0.as_str(), "planned" | "notified"))
        .count() as i64;
    let explanation = match sessions_held {
        0 => format!(
            "{} 年尚未举行人民代表大会会议（计划 {sessions_planned} 次）：乡镇人民代表大会每年至少举行一次会议（地方组织法第十四条）。",
            q.year
        ),
        1 => format!(
            "{} 年举行会议 1 次，达到每年至少一次的要求；法律规定一般每年举行两次（地方组织法第十四条）。",
            q.year
        ),
        n => format!(
            "{} 年举行会议 {n} 次（其中临时会议 {temporary_held} 次），符合每年至少一次、一般两次的规定（地方组织法第十四条）。",
            q.year
        ),
    };
    Ok(SessionCheck {
        congress_id: congress,
        year: q.year,
        sessions_held,
        temporary_held,
        sessions_planned,
        meets_minimum: sessions_held >= 1,
        generally_twice: sessions_held >= 2,
        explanation,
    })
}
