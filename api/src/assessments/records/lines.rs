//! The lines of one deputy's performance record for a period, by section, each pointing
//! at its source (an activity and the attendance, a suggestion, a motion, a duty report,
//! a work appraisal, an award, an approved entry). They are read from the tables that hold
//! the facts, with the same definitions as [`super::counts`]: nothing is typed twice.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Text, Uuid as SqlUuid};
use renda_openapi::{
    section_of, ActivityId, ActivityKind, AttendanceStatus, AwardId, AwardKind, CongressId,
    DeputyId, DutyReportId, MotionId, MotionStatus, PerformanceEntryId, Period, RecordItem,
    RecordSection, RecordSectionItems, RecordSource, ResultClass, Satisfaction, SuggestionId,
    SuggestionStatus, WorkAppraisalId,
};

#[derive(QueryableByName)]
struct ActivityLine {
    #[diesel(sql_type = SqlUuid)]
    id: ActivityId,
    #[diesel(sql_type = Text)]
    kind: ActivityKind,
    #[diesel(sql_type = Text)]
    organiser_kind: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    #[diesel(sql_type = Text)]
    status: AttendanceStatus,
}

/// Activities of the congress that started in the period (China Standard Time), before
/// now, not cancelled, where the deputy was invited as a member.
const ACTIVITIES_SQL: &str = r#"
SELECT a.id, a.kind, a.organiser_kind, a.title,
       (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS day, t.status
FROM attendances t JOIN activities a ON a.id = t.activity_id
WHERE t.deputy_id = $1 AND t.capacity = 'member' AND a.congress_id = $2
  AND a.status <> 'cancelled' AND a.starts_at < now()
  AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $3 AND $4
"#;

#[derive(QueryableByName)]
struct SuggestionLine {
    #[diesel(sql_type = SqlUuid)]
    id: SuggestionId,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    #[diesel(sql_type = Text)]
    role: String,
    #[diesel(sql_type = Text)]
    status: SuggestionStatus,
    #[diesel(sql_type = Nullable<Text>)]
    result_class: Option<ResultClass>,
    #[diesel(sql_type = Nullable<Text>)]
    satisfaction: Option<Satisfaction>,
}

/// Suggestions led or co-signed (signature confirmed), submitted in the period, never
/// drafts or withdrawn ones; the class of the last sent reply of a handling organisation
/// and the deputy's latest rating of the result.
const SUGGESTIONS_SQL: &str = r#"
SELECT s.id, s.title, s.submitted_on AS day, g.role, s.status,
    (SELECT r.result_class FROM suggestion_replies r
     WHERE r.suggestion_id = s.id AND r.status = 'sent' AND r.handling_org_id IS NOT NULL
     ORDER BY r.round DESC, r.sent_at DESC LIMIT 1) AS result_class,
    (SELECT f.result FROM suggestion_feedback f
     WHERE f.suggestion_id = s.id AND f.deputy_id = g.deputy_id
     ORDER BY f.round DESC, f.rated_at DESC LIMIT 1) AS satisfaction
FROM suggestion_signers g JOIN suggestions s ON s.id = g.suggestion_id
WHERE g.deputy_id = $1 AND s.congress_id = $2
  AND (g.role = 'lead' OR g.confirmed_at IS NOT NULL)
  AND s.status NOT IN ('draft', 'withdrawn') AND s.submitted_on BETWEEN $3 AND $4
"#;

#[derive(QueryableByName)]
struct MotionLine {
    #[diesel(sql_type = SqlUuid)]
    id: MotionId,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    #[diesel(sql_type = Text)]
    role: String,
    #[diesel(sql_type = Text)]
    status: MotionStatus,
}

const MOTIONS_SQL: &str = r#"
SELECT m.id, m.subject AS title, m.submitted_on AS day, g.role, m.status
FROM motion_signers g JOIN motions m ON m.id = g.motion_id
WHERE g.deputy_id = $1 AND m.congress_id = $2
  AND (g.role = 'lead' OR g.confirmed_at IS NOT NULL)
  AND m.status NOT IN ('draft', 'withdrawn') AND m.submitted_on BETWEEN $3 AND $4
"#;

#[derive(QueryableByName)]
struct DutyLine {
    #[diesel(sql_type = SqlUuid)]
    id: DutyReportId,
    #[diesel(sql_type = SqlUuid)]
    activity_id: ActivityId,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    #[diesel(sql_type = Nullable<diesel::sql_types::Int4>)]
    satisfied: Option<i32>,
    #[diesel(sql_type = Nullable<diesel::sql_types::Int4>)]
    valid: Option<i32>,
}

const DUTY_SQL: &str = r#"
SELECT r.id, a.id AS activity_id, a.title,
    (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
    r.satisfied + r.basically_satisfied AS satisfied,
    r.satisfied + r.basically_satisfied + r.dissatisfied AS valid
FROM duty_reports r JOIN activities a ON a.id = r.activity_id
WHERE r.deputy_id = $1 AND a.congress_id = $2 AND a.status <> 'cancelled'
  AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $3 AND $4
"#;

#[derive(QueryableByName)]
struct OtherLine {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Date)]
    day: NaiveDate,
    /// Award kind, or the entry's kind code.
    #[diesel(sql_type = Text)]
    code: String,
    /// The entry kind's name and section.
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    section: Option<String>,
}

/// Work appraisals whose period overlaps the record's (dated by their end, or the
/// record's end), confirmed awards dated in the period, and approved entries dated in it.
const OTHER_SQL: &str = r#"
SELECT w.id, w.title, least(w.period_to, $4) AS day, 'work_appraisal' AS code,
       NULL::text AS name, NULL::text AS section
FROM work_appraisal_team t JOIN work_appraisals w ON w.id = t.appraisal_id
WHERE t.deputy_id = $1 AND w.congress_id = $2 AND w.period_from <= $4 AND w.period_to >= $3
UNION ALL
SELECT w.id, coalesce(w.document_no, ''), w.awarded_on, w.kind, NULL, NULL
FROM awards w
WHERE w.deputy_id = $1 AND w.congress_id = $2 AND w.status = 'confirmed'
  AND w.awarded_on BETWEEN $3 AND $4
UNION ALL
SELECT e.id, e.title, e.occurred_on, 'entry:' || k.code, k.name, k.section
FROM performance_entries e JOIN entry_kinds k ON k.id = e.kind_id
WHERE e.deputy_id = $1 AND e.congress_id = $2 AND e.status = 'approved'
  AND e.occurred_on BETWEEN $3 AND $4
"#;

fn load<T: QueryableByName<diesel::pg::Pg> + 'static>(
    conn: &mut PgConnection,
    sql: &str,
    deputy: DeputyId,
    congress: CongressId,
    period: Period,
) -> QueryResult<Vec<T>> {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(deputy)
        .bind::<SqlUuid, _>(congress)
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

fn item(
    section: RecordSection,
    date: NaiveDate,
    title: String,
    label: &str,
    source: RecordSource,
) -> (RecordSection, RecordItem) {
    (
        section,
        RecordItem {
            date,
            title,
            label: label.to_string(),
            source,
        },
    )
}

fn activities(rows: Vec<ActivityLine>) -> impl Iterator<Item = (RecordSection, RecordItem)> {
    rows.into_iter().map(|a| {
        let section = match section_of(a.kind) {
            RecordSection::InspectionsResearch | RecordSection::Training
                if a.organiser_kind == "deputy_group" =>
            {
                RecordSection::GroupActivities
            }
            s => s,
        };
        let source = RecordSource::Activity {
            activity_id: a.id,
            kind: a.kind,
            attendance: a.status,
        };
        item(section, a.day, a.title, a.kind.label_zh(), source)
    })
}

fn suggestions(rows: Vec<SuggestionLine>) -> impl Iterator<Item = (RecordSection, RecordItem)> {
    rows.into_iter().map(|s| {
        let led = s.role == "lead";
        let source = RecordSource::Suggestion {
            suggestion_id: s.id,
            led,
            status: s.status,
            result_class: s.result_class,
            satisfaction: s.satisfaction,
        };
        let label = if led { "领衔建议" } else { "附议建议" };
        item(
            RecordSection::SuggestionsMotions,
            s.day,
            s.title,
            label,
            source,
        )
    })
}

fn motions(rows: Vec<MotionLine>) -> impl Iterator<Item = (RecordSection, RecordItem)> {
    rows.into_iter().map(|m| {
        let led = m.role == "lead";
        let source = RecordSource::Motion {
            motion_id: m.id,
            led,
            status: m.status,
        };
        let label = if led { "领衔议案" } else { "联名议案" };
        item(
            RecordSection::SuggestionsMotions,
            m.day,
            m.title,
            label,
            source,
        )
    })
}

fn duty(rows: Vec<DutyLine>) -> impl Iterator<Item = (RecordSection, RecordItem)> {
    rows.into_iter().map(|d| {
        let rate = match (d.satisfied, d.valid) {
            (Some(s), Some(v)) if v > 0 => {
                Some((f64::from(s) * 10000.0 / f64::from(v)).round() / 100.0)
            }
            _ => None,
        };
        let source = RecordSource::DutyReport {
            duty_report_id: d.id,
            activity_id: d.activity_id,
            satisfaction_rate: rate,
        };
        item(
            RecordSection::DutyReportsSupervision,
            d.day,
            d.title,
            "向选民述职",
            source,
        )
    })
}

fn others(rows: Vec<OtherLine>) -> impl Iterator<Item = (RecordSection, RecordItem)> {
    rows.into_iter().map(|o| {
        if o.code == "work_appraisal" {
            let source = RecordSource::WorkAppraisal {
                work_appraisal_id: WorkAppraisalId(o.id),
            };
            return item(
                RecordSection::DutyReportsSupervision,
                o.day,
                o.title,
                "工作评议",
                source,
            );
        }
        if let Some(code) = o.code.strip_prefix("entry:") {
            let section = o
                .section
                .as_deref()
                .and_then(RecordSection::parse)
                .unwrap_or(RecordSection::Other);
            let source = RecordSource::Entry {
                entry_id: PerformanceEntryId(o.id),
                kind_code: code.to_string(),
            };
            let label = o.name.unwrap_or_else(|| "履职登记".into());
            return item(section, o.day, o.title, &label, source);
        }
        let kind = AwardKind::parse(&o.code).unwrap_or(AwardKind::OutstandingDeputy);
        let title = if o.title.is_empty() {
            kind.label_zh().to_string()
        } else {
            format!("{}（{}）", kind.label_zh(), o.title)
        };
        let source = RecordSource::Award {
            award_id: AwardId(o.id),
        };
        item(RecordSection::Awards, o.day, title, "表彰奖励", source)
    })
}

/// Every section of the record in order (empty ones included), lines newest first.
/// Five statements, whatever the number of lines.
pub fn sections(
    conn: &mut PgConnection,
    deputy: DeputyId,
    congress: CongressId,
    period: Period,
) -> QueryResult<Vec<RecordSectionItems>> {
    let mut all: Vec<(RecordSection, RecordItem)> = vec![];
    all.extend(activities(load(
        conn,
        ACTIVITIES_SQL,
        deputy,
        congress,
        period,
    )?));
    all.extend(suggestions(load(
        conn,
        SUGGESTIONS_SQL,
        deputy,
        congress,
        period,
    )?));
    all.extend(motions(load(conn, MOTIONS_SQL, deputy, congress, period)?));
    all.extend(duty(load(conn, DUTY_SQL, deputy, congress, period)?));
    all.extend(others(load(conn, OTHER_SQL, deputy, congress, period)?));
    all.sort_by(|a, b| {
        b.1.date
            .cmp(&a.1.date)
            .then_with(|| a.1.title.cmp(&b.1.title))
    });
    Ok(RecordSection::ALL
        .iter()
        .map(|&section| RecordSectionItems {
            section,
            items: all
                .iter()
                .filter(|(s, _)| *s == section)
                .map(|(_, i)| i.clone())
                .collect(),
        })
        .collect())
}
