-- The benchmark's reference (tests/bench/assessment.sh): one hand-written aggregate of
-- the same counts that an assessment run derives for each deputy of a term over 2022,
-- written for this benchmark without Renda's code. Attendance is counted in one pass
-- and pivoted with plain sums; the other sources are small and grouped on their own.
-- psql variables: :term (the term's id, quoted).
WITH d AS (
    SELECT deputy_id FROM mandates WHERE term_id = :term AND status <> 'terminated'
),
a AS (
    SELECT id, kind, organiser_kind = 'deputy_group' AS by_group
    FROM activities
    WHERE congress_id = (SELECT congress_id FROM terms WHERE id = :term)
      AND status <> 'cancelled' AND starts_at < now()
      AND starts_at >= timestamptz '2022-01-01 00:00+08' AND starts_at < timestamptz '2023-01-01 00:00+08'
),
per AS (
    SELECT x.deputy_id,
        sum((a.kind = 'session')::int) AS sessions_invited,
        sum((a.kind = 'session' AND x.status IN ('present', 'late'))::int) AS sessions_attended,
        sum((a.kind = 'session' AND x.status = 'late')::int) AS sessions_late,
        sum((a.kind = 'session' AND x.status = 'on_leave')::int) AS sessions_on_leave,
        sum((a.kind = 'session' AND x.status = 'absent')::int) AS sessions_absent,
        sum((a.kind = 'presidium_meeting' AND x.status IN ('present', 'late'))::int) AS presidium_meetings,
        sum((a.kind = 'training' AND x.status IN ('present', 'late'))::int) AS trainings,
        sum((a.kind = 'inspection' AND x.status IN ('present', 'late'))::int) AS inspections,
        sum((a.kind = 'research' AND x.status IN ('present', 'late'))::int) AS research,
        sum((a.kind = 'law_enforcement_inspection' AND x.status IN ('present', 'late'))::int) AS law_enforcement,
        sum((a.kind = 'forum' AND x.status IN ('present', 'late'))::int) AS forums,
        sum((a.kind = 'reception_day' AND x.status IN ('present', 'late'))::int) AS reception_days,
        sum((a.kind = 'liaison_day' AND x.status IN ('present', 'late'))::int) AS liaison_days,
        sum((a.kind = 'dual_contact_visit' AND x.status IN ('present', 'late'))::int) AS dual_contact,
        sum((a.by_group AND x.status IN ('present', 'late'))::int) AS group_activities,
        sum((a.kind NOT IN ('session', 'presidium_meeting'))::int) AS activities_invited,
        sum((a.kind NOT IN ('session', 'presidium_meeting') AND x.status IN ('present', 'late'))::int) AS activities_attended,
        sum((a.kind NOT IN ('session', 'presidium_meeting') AND x.status = 'on_leave')::int) AS activities_on_leave,
        sum((a.kind NOT IN ('session', 'presidium_meeting') AND x.status = 'absent')::int) AS activities_absent
    FROM attendances x JOIN a ON a.id = x.activity_id
    WHERE x.capacity = 'member'
    GROUP BY x.deputy_id
),
last_reply AS (
    SELECT DISTINCT ON (suggestion_id) suggestion_id, result_class
    FROM suggestion_replies
    WHERE status = 'sent' AND handling_org_id IS NOT NULL
    ORDER BY suggestion_id, round DESC, sent_at DESC
),
sg AS (
    SELECT ss.deputy_id,
        sum((ss.role = 'lead')::int) AS led,
        sum((ss.role = 'co' AND ss.confirmed_at IS NOT NULL)::int) AS cosigned,
        sum((ss.role = 'lead' AND s.status NOT IN ('submitted', 'not_accepted'))::int) AS accepted,
        sum((ss.role = 'lead' AND lr.result_class IN ('A', 'B'))::int) AS resolved
    FROM suggestion_signers ss
    JOIN suggestions s ON s.id = ss.suggestion_id
    LEFT JOIN last_reply lr ON lr.suggestion_id = s.id
    WHERE s.status NOT IN ('draft', 'withdrawn') AND s.submitted_on BETWEEN '2022-01-01' AND '2022-12-31'
    GROUP BY ss.deputy_id
),
mo AS (
    SELECT ms.deputy_id,
        sum((ms.role = 'lead')::int) AS led,
        sum((ms.role = 'co' AND ms.confirmed_at IS NOT NULL)::int) AS joined,
        sum((m.status IN ('on_agenda', 'adopted', 'rejected') AND (ms.role = 'lead' OR ms.confirmed_at IS NOT NULL))::int) AS on_agenda
    FROM motion_signers ms JOIN motions m ON m.id = ms.motion_id
    WHERE m.status NOT IN ('draft', 'withdrawn') AND m.submitted_on BETWEEN '2022-01-01' AND '2022-12-31'
    GROUP BY ms.deputy_id
),
du AS (
    SELECT r.deputy_id, count(*) AS reports,
        sum(r.satisfied + r.basically_satisfied) AS satisfied,
        sum(r.satisfied + r.basically_satisfied + r.dissatisfied) AS valid
    FROM duty_reports r JOIN activities ac ON ac.id = r.activity_id
    WHERE ac.congress_id = (SELECT congress_id FROM terms WHERE id = :term) AND ac.status <> 'cancelled'
      AND ac.starts_at >= timestamptz '2022-01-01 00:00+08' AND ac.starts_at < timestamptz '2023-01-01 00:00+08'
    GROUP BY r.deputy_id
),
ap AS (
    SELECT t.deputy_id, count(*) AS n FROM work_appraisal_team t JOIN work_appraisals w ON w.id = t.appraisal_id
    WHERE w.period_from <= '2022-12-31' AND w.period_to >= '2022-01-01' GROUP BY t.deputy_id
),
aw AS (
    SELECT deputy_id, count(*) AS n FROM awards
    WHERE status = 'confirmed' AND awarded_on BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY deputy_id
),
en AS (
    SELECT e.deputy_id, k.code, count(*) AS n
    FROM performance_entries e JOIN entry_kinds k ON k.id = e.kind_id
    WHERE e.status = 'approved' AND e.occurred_on BETWEEN '2022-01-01' AND '2022-12-31'
    GROUP BY e.deputy_id, k.code
)
SELECT d.deputy_id,
    per.sessions_invited, per.sessions_attended, per.sessions_late, per.sessions_on_leave,
    per.sessions_absent, per.presidium_meetings, per.trainings, per.inspections, per.research,
    per.law_enforcement AS law_enforcement_inspections, per.forums, per.reception_days,
    per.liaison_days, per.dual_contact AS dual_contact_visits, per.group_activities,
    per.activities_invited, per.activities_attended, per.activities_on_leave,
    per.activities_absent,
    sg.led AS suggestions_led, sg.cosigned AS suggestions_cosigned,
    sg.accepted AS suggestions_accepted, sg.resolved AS suggestions_resolved,
    mo.led AS motions_led, mo.joined AS motions_joined, mo.on_agenda AS motions_on_agenda,
    du.reports AS duty_reports, du.satisfied AS ballots_satisfied, du.valid AS ballots_valid,
    ap.n AS work_appraisals, aw.n AS awards,
    (SELECT sum(n) FROM en WHERE en.deputy_id = d.deputy_id) AS entries_approved,
    (SELECT string_agg(code || '=' || n, ',') FROM en WHERE en.deputy_id = d.deputy_id) AS entries_by_kind
FROM d
LEFT JOIN per ON per.deputy_id = d.deputy_id
LEFT JOIN sg ON sg.deputy_id = d.deputy_id
LEFT JOIN mo ON mo.deputy_id = d.deputy_id
LEFT JOIN du ON du.deputy_id = d.deputy_id
LEFT JOIN ap ON ap.deputy_id = d.deputy_id
LEFT JOIN aw ON aw.deputy_id = d.deputy_id;
