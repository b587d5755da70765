//! The counts of performance records for many deputies at once: one SQL statement over
//! attendance, suggestions, motions, duty reports, work appraisals, awards and approved
//! entries, grouped by deputy (no query per deputy), and the deputies a term assesses.
//!
//! What is counted (see `renda_openapi::Metric`): activities of the term's congress that
//! started in the period (China Standard Time), before now, and were not cancelled, with
//! the deputy invited as a member; suggestions and motions submitted in the period, never
//! drafts or withdrawn ones; duty reports at activities in the period; work appraisals
//! whose period overlaps it; awards confirmed with a date in it; entries approved with a
//! date in it.

use crate::schema::{delegations, deputies, deputy_groups, mandates};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Date, Jsonb, Nullable, Uuid as SqlUuid};
use renda_openapi::{
    DeputyBrief, DeputyGroupId, DeputyId, MandateId, Metric, MetricCounts, Period, Post, TermId,
};
use std::collections::BTreeMap;

/// The deputies a term assesses: its mandates that are not terminated (suspended ones
/// included), with their group, delegation, constituency and post; by name. `only`
/// narrows to some deputies, `group` to one deputy group.
pub fn assessed(
    conn: &mut PgConnection,
    term: TermId,
    only: Option<&[DeputyId]>,
    group: Option<DeputyGroupId>,
) -> QueryResult<Vec<DeputyBrief>> {
    let mut q = mandates::table
        .inner_join(deputies::table.on(deputies::id.eq(mandates::deputy_id)))
        .left_join(
            deputy_groups::table.on(deputy_groups::id.nullable().eq(mandates::deputy_group_id)),
        )
        .left_join(delegations::table.on(delegations::id.nullable().eq(mandates::delegation_id)))
        .filter(mandates::term_id.eq(term))
        .filter(mandates::status.ne("terminated"))
        .select((
            deputies::id,
            deputies::name,
            mandates::id,
            mandates::deputy_group_id,
            deputy_groups::name.nullable(),
            delegations::name.nullable(),
            mandates::constituency,
            mandates::post,
        ))
        .order((deputies::name, deputies::id))
        .into_boxed();
    if let Some(only) = only {
        q = q.filter(mandates::deputy_id.eq_any(only.to_vec()));
    }
    if let Some(g) = group {
        q = q.filter(mandates::deputy_group_id.eq(g));
    }
    type Row = (
        DeputyId,
        String,
        MandateId,
        Option<DeputyGroupId>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    Ok(q.load::<Row>(conn)?
        .into_iter()
        .map(
            |(
                deputy_id,
                name,
                mandate_id,
                group_id,
                group_name,
                delegation,
                constituency,
                post,
            )| DeputyBrief {
                deputy_id,
                name,
                mandate_id,
                deputy_group_id: group_id,
                deputy_group_name: group_name,
                delegation_name: delegation,
                constituency,
                post: post.as_deref().and_then(Post::parse),
            },
        )
        .collect())
}

/// One deputy's counts as the statement returns them.
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    deputy_id: DeputyId,
    #[diesel(sql_type = Array<Nullable<BigInt>>)]
    counts: Vec<Option<i64>>,
    #[diesel(sql_type = Jsonb)]
    entries: serde_json::Value,
}

/// The names of the statement's `counts` array, in its order: metrics
/// (`renda_openapi::Metric`) and the ballot sums.
const COLUMNS: [&str; 32] = [
    "sessions_invited",
    "sessions_attended",
    "sessions_late",
    "sessions_on_leave",
    "sessions_absent",
    "presidium_meetings",
    "trainings",
    "inspections",
    "research",
    "law_enforcement_inspections",
    "forums",
    "reception_days",
    "liaison_days",
    "dual_contact_visits",
    "group_activities",
    "activities_invited",
    "activities_attended",
    "activities_on_leave",
    "activities_absent",
    "suggestions_led",
    "suggestions_cosigned",
    "suggestions_accepted",
    "suggestions_resolved",
    "motions_led",
    "motions_joined",
    "motions_on_agenda",
    "duty_reports",
    "ballots_satisfied",
    "ballots_valid",
    "work_appraisals",
    "awards",
    "entries_approved",
];

/// The statement: one row per deputy of `$1` (a term) among `$4` (deputy ids), with an
/// array of counts (named by [`COLUMNS`]) and a JSON object of approved entries by kind
/// code, for the period `$2`–`$3`. Each source is aggregated once, by deputy, and joined. Activities are
/// chosen by a range of `starts_at` (China Standard Time days), which the planner can
/// estimate, and each source filters its deputies with `= ANY($4)` rather than a join
/// with the unnested array, whose size the planner cannot know. The congress is a scalar
/// subquery rather than a CTE: a CTE read twice is materialised, and scanning it keeps
/// the attendance aggregate from running in parallel workers (122 ms against 83 ms over
/// 180,000 attendance rows).
const COUNTS_SQL: &str = r#"
WITH ds AS (SELECT unnest($4::uuid[]) AS deputy_id),
acts AS (
    SELECT a.id, a.kind, a.organiser_kind FROM activities a
    WHERE a.congress_id = (SELECT congress_id FROM terms WHERE id = $1) AND a.status <> 'cancelled' AND a.starts_at < now()
      AND a.starts_at >= $2::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND a.starts_at < ($3 + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
),
att AS (
    SELECT at.deputy_id,
        count(*) FILTER (WHERE k = 'session') AS sessions_invited,
        count(*) FILTER (WHERE k = 'session' AND s IN ('present', 'late')) AS sessions_attended,
        count(*) FILTER (WHERE k = 'session' AND s = 'late') AS sessions_late,
        count(*) FILTER (WHERE k = 'session' AND s = 'on_leave') AS sessions_on_leave,
        count(*) FILTER (WHERE k = 'session' AND s = 'absent') AS sessions_absent,
        count(*) FILTER (WHERE k = 'presidium_meeting' AND s IN ('present', 'late')) AS presidium_meetings,
        count(*) FILTER (WHERE k = 'training' AND s IN ('present', 'late')) AS trainings,
        count(*) FILTER (WHERE k = 'inspection' AND s IN ('present', 'late')) AS inspections,
        count(*) FILTER (WHERE k = 'research' AND s IN ('present', 'late')) AS research,
        count(*) FILTER (WHERE k = 'law_enforcement_inspection' AND s IN ('present', 'late')) AS law_enforcement_inspections,
        count(*) FILTER (WHERE k = 'forum' AND s IN ('present', 'late')) AS forums,
        count(*) FILTER (WHERE k = 'reception_day' AND s IN ('present', 'late')) AS reception_days,
        count(*) FILTER (WHERE k = 'liaison_day' AND s IN ('present', 'late')) AS liaison_days,
        count(*) FILTER (WHERE k = 'dual_contact_visit' AND s IN ('present', 'late')) AS dual_contact_visits,
        count(*) FILTER (WHERE o = 'deputy_group' AND s IN ('present', 'late')) AS group_activities,
        count(*) FILTER (WHERE k NOT IN ('session', 'presidium_meeting')) AS activities_invited,
        count(*) FILTER (WHERE k NOT IN ('session', 'presidium_meeting') AND s IN ('present', 'late')) AS activities_attended,
        count(*) FILTER (WHERE k NOT IN ('session', 'presidium_meeting') AND s = 'on_leave') AS activities_on_leave,
        count(*) FILTER (WHERE k NOT IN ('session', 'presidium_meeting') AND s = 'absent') AS activities_absent
    FROM (SELECT at.deputy_id, acts.kind AS k, acts.organiser_kind AS o, at.status AS s
          FROM attendances at JOIN acts ON acts.id = at.activity_id
          WHERE at.capacity = 'member' AND at.deputy_id = ANY($4)) at
    GROUP BY at.deputy_id
),
sug AS (
    SELECT g.deputy_id,
        count(*) FILTER (WHERE g.role = 'lead') AS suggestions_led,
        count(*) FILTER (WHERE g.role = 'co' AND g.confirmed_at IS NOT NULL) AS suggestions_cosigned,
        count(*) FILTER (WHERE g.role = 'lead' AND s.status NOT IN ('submitted', 'not_accepted')) AS suggestions_accepted,
        count(*) FILTER (WHERE g.role = 'lead' AND last.result_class IN ('A', 'B')) AS suggestions_resolved
    FROM suggestion_signers g
    JOIN suggestions s ON s.id = g.suggestion_id
    LEFT JOIN LATERAL (
        SELECT r.result_class FROM suggestion_replies r
        WHERE r.suggestion_id = s.id AND r.status = 'sent' AND r.handling_org_id IS NOT NULL
        ORDER BY r.round DESC, r.sent_at DESC LIMIT 1
    ) last ON g.role = 'lead'
    WHERE g.deputy_id = ANY($4) AND s.status NOT IN ('draft', 'withdrawn')
      AND s.submitted_on BETWEEN $2 AND $3
    GROUP BY g.deputy_id
),
mot AS (
    SELECT g.deputy_id,
        count(*) FILTER (WHERE g.role = 'lead') AS motions_led,
        count(*) FILTER (WHERE g.role = 'co' AND g.confirmed_at IS NOT NULL) AS motions_joined,
        count(*) FILTER (WHERE m.status IN ('on_agenda', 'adopted', 'rejected')
                         AND (g.role = 'lead' OR g.confirmed_at IS NOT NULL)) AS motions_on_agenda
    FROM motion_signers g
    JOIN motions m ON m.id = g.motion_id
    WHERE g.deputy_id = ANY($4) AND m.status NOT IN ('draft', 'withdrawn') AND m.submitted_on BETWEEN $2 AND $3
    GROUP BY g.deputy_id
),
duty AS (
    SELECT r.deputy_id, count(*) AS duty_reports,
        coalesce(sum(r.satisfied + r.basically_satisfied), 0) AS ballots_satisfied,
        coalesce(sum(r.satisfied + r.basically_satisfied + r.dissatisfied), 0) AS ballots_valid
    FROM duty_reports r JOIN activities a ON a.id = r.activity_id
    WHERE r.deputy_id = ANY($4) AND a.congress_id = (SELECT congress_id FROM terms WHERE id = $1) AND a.status <> 'cancelled'
      AND a.starts_at >= $2::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND a.starts_at < ($3 + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
    GROUP BY r.deputy_id
),
appr AS (
    SELECT t.deputy_id, count(*) AS work_appraisals
    FROM work_appraisal_team t JOIN work_appraisals w ON w.id = t.appraisal_id
    WHERE t.deputy_id = ANY($4) AND w.period_from <= $3 AND w.period_to >= $2
    GROUP BY t.deputy_id
),
aw AS (
    SELECT w.deputy_id, count(*) AS awards
    FROM awards w
    WHERE w.deputy_id = ANY($4) AND w.status = 'confirmed' AND w.awarded_on BETWEEN $2 AND $3
    GROUP BY w.deputy_id
),
ent AS (
    SELECT e.deputy_id, count(*) AS entries_approved, jsonb_object_agg(e.code, e.n) AS by_kind
    FROM (SELECT e.deputy_id, k.code, count(*) AS n
          FROM performance_entries e JOIN entry_kinds k ON k.id = e.kind_id
          WHERE e.deputy_id = ANY($4) AND e.status = 'approved' AND e.occurred_on BETWEEN $2 AND $3
          GROUP BY e.deputy_id, k.code) e
    GROUP BY e.deputy_id
)
SELECT ds.deputy_id,
    ARRAY[att.sessions_invited, att.sessions_attended, att.sessions_late,
        att.sessions_on_leave, att.sessions_absent, att.presidium_meetings, att.trainings,
        att.inspections, att.research, att.law_enforcement_inspections, att.forums,
        att.reception_days, att.liaison_days, att.dual_contact_visits,
        att.group_activities, att.activities_invited, att.activities_attended,
        att.activities_on_leave, att.activities_absent, sug.suggestions_led,
        sug.suggestions_cosigned, sug.suggestions_accepted, sug.suggestions_resolved,
        mot.motions_led, mot.motions_joined, mot.motions_on_agenda, duty.duty_reports,
        duty.ballots_satisfied, duty.ballots_valid, appr.work_appraisals, aw.awards,
        ent.entries_approved]::int8[] AS counts,
    coalesce(ent.by_kind, '{}'::jsonb) AS entries
FROM ds
LEFT JOIN att ON att.deputy_id = ds.deputy_id
LEFT JOIN sug ON sug.deputy_id = ds.deputy_id
LEFT JOIN mot ON mot.deputy_id = ds.deputy_id
LEFT JOIN duty ON duty.deputy_id = ds.deputy_id
LEFT JOIN appr ON appr.deputy_id = ds.deputy_id
LEFT JOIN aw ON aw.deputy_id = ds.deputy_id
LEFT JOIN ent ON ent.deputy_id = ds.deputy_id
"#;

fn counts_of(row: &Row) -> MetricCounts {
    let mut c = MetricCounts::default();
    let n = |v: i64| v.clamp(0, i64::from(u32::MAX)) as u32;
    for (name, v) in COLUMNS.iter().zip(&row.counts) {
        let Some(v) = v.map(n) else { continue };
        match *name {
            "ballots_satisfied" => c.ballots_satisfied = v,
            "ballots_valid" => c.ballots_valid = v,
            other => {
                if let Some(m) = Metric::parse(other) {
                    c.set(m, v);
                }
            }
        }
    }
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or(0).min(u64::from(u32::MAX)) as u32;
    if let Some(o) = row.entries.as_object() {
        c.entries = o.iter().map(|(k, v)| (k.clone(), n(v))).collect();
    }
    c
}

/// The counts of `deputies` (of `term`) over `period`, every deputy present (with zero
/// counts where they did nothing). One statement.
pub fn for_deputies(
    conn: &mut PgConnection,
    term: TermId,
    period: Period,
    deputies: &[DeputyId],
) -> QueryResult<BTreeMap<DeputyId, MetricCounts>> {
    let ids: Vec<uuid::Uuid> = deputies.iter().map(|d| d.0).collect();
    let rows: Vec<Row> = diesel::sql_query(COUNTS_SQL)
        .bind::<SqlUuid, _>(term)
        .bind::<Date, NaiveDate>(period.from)
        .bind::<Date, NaiveDate>(period.to)
        .bind::<Nullable<Array<SqlUuid>>, _>(Some(ids))
        .load(conn)?;
    Ok(rows.iter().map(|r| (r.deputy_id, counts_of(r))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name of the counts array is a metric (besides the two ballot sums), and the
    /// statement's array has as many entries as [`COLUMNS`], in the same order.
    #[test]
    fn the_counts_array_and_its_names_agree() {
        for name in COLUMNS {
            assert!(
                Metric::parse(name).is_some() || name.starts_with("ballots_"),
                "{name}"
            );
        }
        let array = COUNTS_SQL
            .split("ARRAY[")
            .nth(1)
            .and_then(|a| a.split("]::int8[]").next())
            .expect("the counts array");
        let columns: Vec<&str> = array.split(',').map(|c| c.trim()).collect();
        assert_eq!(columns.len(), COLUMNS.len());
        for (column, name) in columns.iter().zip(COLUMNS) {
            assert!(
                column.ends_with(&format!(".{name}")),
                "{column} is not {name}"
            );
        }
    }
}
