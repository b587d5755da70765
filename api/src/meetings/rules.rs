//! The rules of law that follow from sessions and attendance: who is in office on a date,
//! the quorum (R3), votes (R4), temporary sessions (R2), and the DL 62 credentials flag
//! (R10). All arithmetic is on integers: no rounding can turn a failing count into a
//! passing one.

use super::models::{local_date, time_zone, ActivityRow, FlagRow};
use crate::error::ApiError;
use crate::schema::{activities, attendances, congresses, credentials_flags, mandates};
use chrono::NaiveDate;
use diesel::prelude::*;
use renda_openapi::{ActivityKind, ActivityStatus, AttendanceStatus, Capacity, Quorum};
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// R3 (OL 14): a session may be held only with at least 2/3 of all deputies present:
/// `attending × 3 ≥ in_office × 2`. A congress with no deputy in office has no quorum.
pub fn quorum_met(attending: i64, in_office: i64) -> bool {
    in_office > 0 && attending * 3 >= in_office * 2
}

/// The least number attending for a quorum: ⌈2 × in_office / 3⌉.
pub fn quorum_required(in_office: i64) -> i64 {
    (2 * in_office + 2) / 3
}

/// R4 (OL 25): elections and resolutions pass with more than half of ALL deputies in
/// office, not of those present: `yes × 2 > in_office`. Exactly half fails.
pub fn vote_passes(yes: i64, in_office: i64) -> bool {
    yes * 2 > in_office
}

/// The least `yes` that passes: ⌊in_office / 2⌋ + 1.
pub fn vote_required(in_office: i64) -> i64 {
    in_office / 2 + 1
}

/// R2 (OL 14): a temporary session is called when at least 1/5 of the deputies propose
/// it: `requesters × 5 ≥ in_office`.
pub fn temporary_request_met(requesters: i64, in_office: i64) -> bool {
    in_office > 0 && requesters * 5 >= in_office
}

/// The least number of proposers for a temporary session: ⌈in_office / 5⌉.
pub fn temporary_required(in_office: i64) -> i64 {
    (in_office + 4) / 5
}

/// The Chinese explanation of a vote's result.
pub fn vote_explanation(yes: i64, in_office: i64) -> String {
    let required = vote_required(in_office);
    if vote_passes(yes, in_office) {
        format!(
            "赞成 {yes} 票，超过全体代表 {in_office} 人的半数（至少 {required} 票），通过（地方组织法第二十五条）。"
        )
    } else if yes * 2 == in_office {
        format!(
            "赞成 {yes} 票，恰为全体代表 {in_office} 人的半数，未超过半数（至少需要 {required} 票），未通过。须以全体代表的过半数通过，而非出席代表的过半数（地方组织法第二十五条）。"
        )
    } else {
        format!(
            "赞成 {yes} 票，未超过全体代表 {in_office} 人的半数（至少需要 {required} 票），未通过。须以全体代表的过半数通过，而非出席代表的过半数（地方组织法第二十五条）。"
        )
    }
}

/// Deputies of a term in office on a date.
#[derive(Debug, Clone, Default)]
pub struct InOffice {
    /// Deputy ids whose mandate counts.
    pub deputies: HashSet<Uuid>,
    /// Of those, suspended on the date.
    pub suspended: HashSet<Uuid>,
}

/// The deputies of `term` in office on `date`: every mandate of the term elected on or
/// before the date (or without an election date) and not terminated on or before it.
/// A deputy terminated mid-term stops counting from the termination date; a terminated
/// mandate without a recorded date is taken as terminated already.
///
/// Suspended deputies (暂停执行代表职务, R9; DL 61) **count**: suspension pauses the exercise
/// of the mandate but does not end it (only DL 62's causes end a deputy's status, and
/// DL 61 says the status resumes when the cause ends). "全体代表" in OL 14 and OL 25 are
/// the deputies whose status has not terminated, so a suspended deputy stays in the
/// denominator of the quorum and of votes, while they may not be recorded as attending
/// (see [`suspended_on`]). This is the conservative reading: it never lets a session or a
/// vote pass with fewer deputies than the law requires.
pub fn in_office(conn: &mut PgConnection, term: Uuid, date: NaiveDate) -> QueryResult<InOffice> {
    let rows: Vec<(Uuid, String, Option<NaiveDate>, Option<NaiveDate>)> = mandates::table
        .filter(mandates::term_id.eq(term))
        .select((
            mandates::deputy_id,
            mandates::status,
            mandates::status_date,
            mandates::elected_on,
        ))
        .load(conn)?;
    let mut out = InOffice::default();
    for (deputy, status, status_date, elected_on) in rows {
        if elected_on.is_some_and(|e| e > date) {
            continue;
        }
        let since = |d: Option<NaiveDate>| d.is_none_or(|d| d <= date);
        if status == "terminated" && since(status_date) {
            continue;
        }
        if status == "suspended" && since(status_date) {
            out.suspended.insert(deputy);
        }
        out.deputies.insert(deputy);
    }
    Ok(out)
}

/// Whether the deputy's mandate in `term` is suspended on `date` (DL 61): a suspended
/// deputy may not be recorded present at a session.
pub fn suspended_on(
    conn: &mut PgConnection,
    term: Uuid,
    deputy: Uuid,
    date: NaiveDate,
) -> QueryResult<bool> {
    Ok(in_office(conn, term, date)?.suspended.contains(&deputy))
}

/// The date of a session in its congress's time zone.
pub fn session_date(conn: &mut PgConnection, session: &ActivityRow) -> QueryResult<NaiveDate> {
    let tz: String = congresses::table
        .find(session.congress_id)
        .select(congresses::time_zone)
        .first(conn)?;
    Ok(local_date(session.starts_at, time_zone(&tz)))
}

/// The quorum of a session (R3; OL 14), from its recorded attendance.
///
/// Errors: 422 when the activity is not a session.
pub fn quorum(conn: &mut PgConnection, session: &ActivityRow) -> Result<Quorum, ApiError> {
    let term = match (session.is_session(), session.term_id) {
        (true, Some(t)) => t,
        _ => {
            return Err(ApiError::field(
                "/kind",
                "not_a_session",
                "只有人民代表大会会议才计算法定人数。",
            ))
        }
    };
    let date = session_date(conn, session)?;
    let office = in_office(conn, term, date)?;
    let rows: Vec<(Option<Uuid>, String, String)> = attendances::table
        .filter(attendances::activity_id.eq(session.id))
        .select((
            attendances::deputy_id,
            attendances::capacity,
            attendances::status,
        ))
        .load(conn)?;
    let (mut present, mut late, mut on_leave, mut absent, mut observers) = (0, 0, 0, 0, 0);
    for (deputy, capacity, status) in rows {
        let status = AttendanceStatus::parse(&status).unwrap_or(AttendanceStatus::Invited);
        let member = capacity == Capacity::Member.as_str()
            && deputy.is_some_and(|d| office.deputies.contains(&d));
        if !member {
            if status.attended() {
                observers += 1;
            }
            continue;
        }
        match status {
            AttendanceStatus::Present => present += 1,
            AttendanceStatus::Late => late += 1,
            AttendanceStatus::OnLeave => on_leave += 1,
            AttendanceStatus::Absent => absent += 1,
            AttendanceStatus::Invited => {}
        }
    }
    let in_office_n = office.deputies.len() as i64;
    let attending = present + late;
    let required = quorum_required(in_office_n);
    let valid = quorum_met(attending, in_office_n);
    let explanation = if in_office_n == 0 {
        "该届次在会议日期没有在任代表，无法计算法定人数。".to_string()
    } else if valid {
        format!(
            "应到代表 {in_office_n} 人，实到 {attending} 人（其中迟到 {late} 人），达到全体代表的三分之二（至少 {required} 人），会议有效（地方组织法第十四条）。"
        )
    } else {
        format!(
            "应到代表 {in_office_n} 人，实到 {attending} 人，不足全体代表的三分之二（至少需要 {required} 人），不足法定人数，会议不能举行（地方组织法第十四条）。"
        )
    };
    Ok(Quorum {
        session_id: session.id,
        date,
        in_office: in_office_n,
        suspended: office.suspended.len() as i64,
        present,
        late,
        on_leave,
        absent,
        not_recorded: in_office_n - present - late - on_leave - absent,
        attending,
        required,
        valid,
        observers_attending: observers,
        total_attending: attending + observers,
        explanation,
    })
}

/// Members of `session`'s term absent without approved leave, for DL 62: raises a flag for
/// each deputy among `deputies` with two unexcused absences from sessions of the term
/// (cancelled sessions do not count) that no cleared flag already covers. Returns the new
/// flags. Nothing is terminated (DL 63: the congress announces a termination).
pub fn raise_flags(
    conn: &mut PgConnection,
    session: &ActivityRow,
    deputies: &[Uuid],
) -> QueryResult<Vec<FlagRow>> {
    let Some(term) = session.term_id.filter(|_| session.is_session()) else {
        return Ok(vec![]);
    };
    if deputies.is_empty() {
        return Ok(vec![]);
    }
    let absences: Vec<(Option<Uuid>, Uuid)> = attendances::table
        .inner_join(activities::table)
        .filter(activities::term_id.eq(term))
        .filter(activities::kind.eq(ActivityKind::Session.as_str()))
        .filter(activities::status.ne(ActivityStatus::Cancelled.as_str()))
        .filter(attendances::capacity.eq(Capacity::Member.as_str()))
        .filter(attendances::status.eq(AttendanceStatus::Absent.as_str()))
        .filter(attendances::deputy_id.eq_any(deputies))
        .order((
            attendances::deputy_id,
            activities::starts_at,
            activities::id,
        ))
        .select((attendances::deputy_id, activities::id))
        .load(conn)?;
    let mut by_deputy: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for (d, s) in absences {
        if let Some(d) = d {
            by_deputy.entry(d).or_default().push(s);
        }
    }
    let mut raised = vec![];
    for (deputy, sessions) in by_deputy {
        if sessions.len() >= 2 {
            raised.extend(raise_flag(conn, session, term, deputy, sessions)?);
        }
    }
    Ok(raised)
}

/// Flags the mandate of `deputy` in `term` for two of its unexcused `absences` (in start
/// order) that no flag covers yet, unless an open flag exists: the new flag, if any.
fn raise_flag(
    conn: &mut PgConnection,
    session: &ActivityRow,
    term: Uuid,
    deputy: Uuid,
    absences: Vec<Uuid>,
) -> QueryResult<Option<FlagRow>> {
    let Some(mandate) = mandates::table
        .filter(mandates::term_id.eq(term))
        .filter(mandates::deputy_id.eq(deputy))
        .select(mandates::id)
        .first::<Uuid>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let flags: Vec<FlagRow> = credentials_flags::table
        .filter(credentials_flags::mandate_id.eq(mandate))
        .select(FlagRow::as_select())
        .load(conn)?;
    if flags.iter().any(|f| f.cleared_at.is_none()) {
        return Ok(None);
    }
    let covered: HashSet<Uuid> = flags
        .iter()
        .flat_map(|f| f.session_ids.iter().copied())
        .collect();
    let open: Vec<Uuid> = absences
        .into_iter()
        .filter(|s| !covered.contains(s))
        .take(2)
        .collect();
    if open.len() < 2 {
        return Ok(None);
    }
    diesel::insert_into(credentials_flags::table)
        .values((
            credentials_flags::id.eq(Uuid::now_v7()),
            credentials_flags::mandate_id.eq(mandate),
            credentials_flags::deputy_id.eq(deputy),
            credentials_flags::congress_id.eq(session.congress_id),
            credentials_flags::term_id.eq(term),
            credentials_flags::session_ids.eq(&open),
        ))
        .on_conflict_do_nothing()
        .returning(FlagRow::as_returning())
        .get_result(conn)
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r3_quorum_boundaries() {
        // 60 in office: 40 is exactly 2/3.
        assert!(quorum_met(40, 60));
        assert!(!quorum_met(39, 60));
        assert_eq!(quorum_required(60), 40);
        // 61 in office: 2/3 is 40.67, so 41 are needed.
        assert!(!quorum_met(40, 61));
        assert!(quorum_met(41, 61));
        assert_eq!(quorum_required(61), 41);
        assert!(!quorum_met(0, 0));
    }

    #[test]
    fn r4_vote_boundaries() {
        assert!(!vote_passes(30, 60), "exactly half fails");
        assert!(vote_passes(31, 60));
        assert_eq!(vote_required(60), 31);
        assert!(!vote_passes(30, 61));
        assert!(vote_passes(31, 61));
        assert_eq!(vote_required(61), 31);
    }

    #[test]
    fn r2_temporary_boundaries() {
        assert!(temporary_request_met(12, 60));
        assert!(!temporary_request_met(11, 60));
        assert_eq!(temporary_required(61), 13);
        assert!(!temporary_request_met(12, 61));
    }
}
