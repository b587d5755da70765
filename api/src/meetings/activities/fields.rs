//! The validation of an activity's fields, step by step; every failing field is reported.

use crate::congresses::models::CongressRow;
use crate::error::ApiError;
use crate::fields::text;
use crate::meetings::models::*;
use crate::meetings::shared::fault;
use crate::meetings::{recurrence, rules};
use crate::schema::{deputy_groups, terms};
use diesel::prelude::*;
use renda_openapi::*;
use uuid::Uuid;

/// Validates an activity's fields for `congress` (`existing` on update) and returns the
/// columns to store.
///
/// Errors: 422 with every failing field: lengths, times, organiser, term and session data,
/// the temporary-session proposers (R2; OL 14) and the recurrence rule.
pub fn validate(
    conn: &mut PgConnection,
    congress: &CongressRow,
    input: &ActivityInput,
    existing: Option<&ActivityRow>,
) -> Result<ActivityValues, ApiError> {
    let mut errors = vec![];
    let tz = time_zone(&congress.time_zone);
    let texts = texts(&mut errors, input);
    let (organiser_group_id, organiser_name) = organiser(conn, &mut errors, congress, input);
    term_in_congress(conn, &mut errors, congress, input)?;
    let is_session = input.kind == ActivityKind::Session;
    session_fields(&mut errors, input, is_session);
    proposers(conn, &mut errors, input, is_session, tz)?;
    let rrule = rule(&mut errors, input, existing, tz);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(ActivityValues {
        term_id: input.term_id,
        kind: input.kind.as_str().into(),
        title: texts.title,
        organiser_kind: input.organiser.kind.as_str().into(),
        organiser_group_id,
        organiser_name,
        place: texts.place,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        description: texts.description,
        topics: texts.topics,
        session_kind: input
            .session_kind
            .filter(|_| is_session)
            .map(|k| k.as_str().into()),
        session_number: input.session_number,
        requested_by_count: input.requested_by_count,
        rrule,
    })
}

/// The texts of an activity, trimmed.
struct Texts {
    title: String,
    place: Option<String>,
    description: Option<String>,
    topics: Vec<String>,
}

/// Title, place, description and topics (at most 20 of 50 characters), and the end not
/// before the start.
fn texts(errors: &mut Vec<FieldError>, input: &ActivityInput) -> Texts {
    let title = text(errors, "/title", Some(&input.title), 200, true).unwrap_or_default();
    let place = text(errors, "/place", input.place.as_deref(), 200, false);
    let description = text(
        errors,
        "/description",
        input.description.as_deref(),
        10_000,
        false,
    );
    if input.topics.len() > 20 {
        errors.push(fault("/topics", "too_many", "议题最多 20 个。"));
    }
    let mut topics = vec![];
    for (i, t) in input.topics.iter().enumerate() {
        if let Some(t) = text(errors, &format!("/topics/{i}"), Some(t), 50, true) {
            topics.push(t);
        }
    }
    if input.ends_at < input.starts_at {
        errors.push(fault(
            "/ends_at",
            "before_start",
            "结束时间不能早于开始时间。",
        ));
    }
    Texts {
        title,
        place,
        description,
        topics,
    }
}

/// The organiser's group (a deputy group of the congress) or name (a liaison station).
fn organiser(
    conn: &mut PgConnection,
    errors: &mut Vec<FieldError>,
    congress: &CongressRow,
    input: &ActivityInput,
) -> (Option<Uuid>, Option<String>) {
    match input.organiser.kind {
        OrganiserKind::DeputyGroup => {
            let group = input.organiser.deputy_group_id.and_then(|g| {
                deputy_groups::table
                    .filter(deputy_groups::id.eq(g))
                    .filter(deputy_groups::congress_id.eq(congress.id))
                    .select(deputy_groups::id)
                    .first::<Uuid>(conn)
                    .optional()
                    .ok()
                    .flatten()
            });
            if group.is_none() {
                errors.push(fault(
                    "/organiser/deputy_group_id",
                    "not_found",
                    "组织者为代表小组时，须指定本人大的一个代表小组。",
                ));
            }
            (group, None)
        }
        OrganiserKind::LiaisonStation => (
            None,
            text(
                errors,
                "/organiser/name",
                input.organiser.name.as_deref(),
                100,
                true,
            ),
        ),
        OrganiserKind::Congress | OrganiserKind::Presidium => (None, None),
    }
}

/// The term, when given, is one of the congress's.
fn term_in_congress(
    conn: &mut PgConnection,
    errors: &mut Vec<FieldError>,
    congress: &CongressRow,
    input: &ActivityInput,
) -> QueryResult<()> {
    if let Some(term) = input.term_id {
        let ok: bool = diesel::select(diesel::dsl::exists(
            terms::table
                .filter(terms::id.eq(term))
                .filter(terms::congress_id.eq(congress.id)),
        ))
        .get_result(conn)?;
        if !ok {
            errors.push(fault("/term_id", "not_found", "届次须为本人大的届次。"));
        }
    }
    Ok(())
}

/// A session has a term and a session kind, a positive number and no rule; other kinds
/// have no session data.
fn session_fields(errors: &mut Vec<FieldError>, input: &ActivityInput, is_session: bool) {
    if !is_session {
        for (field, given) in [
            ("session_kind", input.session_kind.is_some()),
            ("session_number", input.session_number.is_some()),
            ("requested_by_count", input.requested_by_count.is_some()),
        ] {
            if given {
                errors.push(fault(
                    format!("/{field}"),
                    "not_allowed",
                    format!("{field} 只适用于人民代表大会会议。"),
                ));
            }
        }
        return;
    }
    if input.term_id.is_none() {
        errors.push(fault(
            "/term_id",
            "required",
            "人民代表大会会议须指定届次。",
        ));
    }
    if input.session_kind.is_none() {
        errors.push(fault(
            "/session_kind",
            "required",
            "人民代表大会会议须注明是例会还是临时会议。",
        ));
    }
    if input.session_number.is_some_and(|n| n < 1) {
        errors.push(fault(
            "/session_number",
            "out_of_range",
            "会议次数须为正整数。",
        ));
    }
    if input.rrule.is_some() {
        errors.push(fault(
            "/rrule",
            "not_allowed",
            "人民代表大会会议不能设为重复活动。",
        ));
    }
}

/// The proposers of a temporary session: recorded, and at least 1/5 of the deputies in
/// office on its date (R2; OL 14); only temporary sessions record them.
fn proposers(
    conn: &mut PgConnection,
    errors: &mut Vec<FieldError>,
    input: &ActivityInput,
    is_session: bool,
    tz: chrono_tz::Tz,
) -> Result<(), ApiError> {
    let temporary = is_session && input.session_kind == Some(SessionKind::Temporary);
    let pointer = "/requested_by_count";
    match (temporary, input.requested_by_count) {
        (true, None) => errors.push(fault(
            pointer,
            "required",
            "临时会议须记录提议召开的代表人数（地方组织法第十四条）。",
        )),
        (true, Some(n)) if n < 0 => {
            errors.push(fault(pointer, "out_of_range", "提议人数不能为负数。"))
        }
        (true, Some(n)) => {
            if let Some(term) = input.term_id {
                let date = local_date(input.starts_at, tz);
                let in_office = rules::in_office(conn, term, date)?.deputies.len() as i64;
                if i64::from(n) > in_office {
                    errors.push(fault(
                        pointer,
                        "out_of_range",
                        format!("提议人数 {n} 超过了会议日期在任的全体代表人数 {in_office}。"),
                    ));
                } else if !rules::temporary_request_met(i64::from(n), in_office) {
                    errors.push(fault(
                        pointer,
                        "too_few_proposers",
                        format!(
                            "提议召开临时会议的代表 {n} 人，不足全体代表 {in_office} 人的五分之一（至少 {} 人），不能召开临时会议（地方组织法第十四条）。",
                            rules::temporary_required(in_office)
                        ),
                    ));
                }
            }
        }
        (false, Some(_)) if is_session => {
            errors.push(fault(pointer, "not_allowed", "只有临时会议记录提议人数。"))
        }
        _ => {}
    }
    Ok(())
}

/// The recurrence rule, without its `RRULE:` prefix: valid from the start in `tz`, and
/// never on an occurrence taken out of a series.
fn rule(
    errors: &mut Vec<FieldError>,
    input: &ActivityInput,
    existing: Option<&ActivityRow>,
    tz: chrono_tz::Tz,
) -> Option<String> {
    let rrule = input
        .rrule
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches("RRULE:").to_string());
    if let Some(rule) = &rrule {
        if existing.is_some_and(|e| e.series_id.is_some()) {
            errors.push(fault(
                "/rrule",
                "not_allowed",
                "从系列中取出的单次活动不能再设重复规则。",
            ));
        } else if let Err(message) = recurrence::rule_set(rule, input.starts_at, tz) {
            errors.push(fault("/rrule", "invalid_rrule", message));
        }
    }
    rrule
}
