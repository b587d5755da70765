#!/usr/bin/env bash
# Benchmark of an assessment run (issue 11), not part of the timed test suite: a run over
# 3,000 deputies with a year of records (60 activities with every deputy invited, so
# 180,000 attendance rows; 5,000 suggestions, each with a lead and two co-signers; a
# duty report by 300 deputies with ballots),
# against one hand-written SQL aggregate that computes the same counts (every metric of
# a deputy's record: attendance by kind and status, suggestions, motions, duty reports,
# appraisals, awards, entries) over the same data, in the same run. The run is measured
# through the API: POST /assessment-runs (counts of every deputy in one statement, the
# score engine, ranks, the stored snapshot) and then the `compute` step (recomputing and
# replacing the snapshot), each taken as the median of BENCH_REPEAT tries; the
# aggregate is timed by psql the same number of times.
# Target (issue 11): the compute step at most 2x the aggregate's time and under 1 s.
#
# Usage: tests/bench/assessment.sh
# Environment (all optional):
#   BENCH_PG_URL      server URL without a database  (postgres://postgres@127.0.0.1:5432)
#   BENCH_DB          scratch database, dropped and recreated  (renda_bench_assessment)
#   BENCH_PROFILE     cargo profile of renda: release or dev  (release)
#   BENCH_DEPUTIES    deputies  (3000)
#   BENCH_REPEAT      tries of each measurement  (5)
#   BENCH_RENDA_PORT  (18090)
#   BENCH_KEEP_DB=1   keep the scratch database afterwards, for inspection
#   BENCH_RUST_LOG    the server's log filter (warn); renda=debug logs each run's phases
#                     to /tmp/renda-bench-assessment.log
# Exit status: 0 when the target is met, 3 when it is missed.

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-renda_bench_assessment}
PROFILE=${BENCH_PROFILE:-release}
DEPUTIES=${BENCH_DEPUTIES:-3000}
REPEAT=${BENCH_REPEAT:-5}
PORT=${BENCH_RENDA_PORT:-18090}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$PROFILE" in dev) BIN="$TARGET_DIR/debug/renda" ;; *) BIN="$TARGET_DIR/$PROFILE/renda" ;; esac

(cd "$ROOT" && cargo build -q --profile "$PROFILE" -p renda-api --bin renda)

psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
DATA_KEY=$(head -c 32 /dev/urandom | base64)
export DATA_KEY DATABASE_URL="$PG_URL/$DB" JWT_SECRET="bench-secret-bench-secret-bench-secret" \
    BIND_ADDR="127.0.0.1:$PORT" RUST_LOG="${BENCH_RUST_LOG:-warn}" RENDA_PASSWORD="bench-password-1"
"$BIN" create-user --username bench --role admin --congress-name 基准镇人民代表大会 \
    --congress-level township >/dev/null

echo "generating $DEPUTIES deputies, 60 activities with attendance, 5,000 suggestions …"
psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -v n="$DEPUTIES" <<'SQL'
CREATE TEMP TABLE c AS SELECT id FROM congresses LIMIT 1;
INSERT INTO terms (id, congress_id, number, starts_on) SELECT gen_random_uuid(), id, 10, '2022-01-01' FROM c;
INSERT INTO deputies (id, congress_id, name)
SELECT gen_random_uuid(), c.id, '代表' || g FROM c, generate_series(1, :n) g;
INSERT INTO mandates (id, deputy_id, congress_id, term_id)
SELECT gen_random_uuid(), d.id, d.congress_id, t.id FROM deputies d JOIN terms t ON t.congress_id = d.congress_id;
-- 60 activities over the year, kinds in turn (4 sessions).
INSERT INTO activities (id, congress_id, term_id, kind, title, organiser_kind, starts_at, ends_at, status, session_kind)
SELECT gen_random_uuid(), t.congress_id, t.id, k, '活动' || g, 'congress',
       '2022-01-03 09:00+08'::timestamptz + (g * interval '6 days'),
       '2022-01-03 11:00+08'::timestamptz + (g * interval '6 days'), 'held',
       CASE WHEN k = 'session' THEN 'regular' END
FROM terms t, generate_series(1, 60) g,
     LATERAL (SELECT (ARRAY['session', 'training', 'inspection', 'research', 'forum',
                            'reception_day', 'dual_contact_visit', 'law_enforcement_inspection',
                            'inspection', 'training', 'research', 'forum', 'inspection',
                            'reception_day', 'training'])[1 + g % 15] AS k) kk;
-- Every deputy invited to every activity; statuses mixed by a hash.
INSERT INTO attendances (id, activity_id, deputy_id, capacity, status)
SELECT gen_random_uuid(), a.id, d.id, 'member',
       (ARRAY['present', 'present', 'present', 'present', 'present', 'present', 'late', 'on_leave', 'absent', 'present'])
       [1 + abs(hashtext(a.id::text || d.id::text)) % 10]
FROM activities a CROSS JOIN deputies d;
-- 5,000 suggestions submitted in the year, each with a lead and two co-signers.
CREATE TEMP TABLE ds AS SELECT id, row_number() OVER (ORDER BY id) AS i FROM deputies;
INSERT INTO suggestions (id, congress_id, lead_deputy_id, kind, title, content, status, submitted_on)
SELECT gen_random_uuid(), c.id, ds.id, 'suggestion', '建议' || g, '内容',
       (ARRAY['submitted', 'accepted', 'referred', 'replied', 'closed'])[1 + g % 5],
       '2022-01-01'::date + (g % 360)
FROM c, generate_series(1, 5000) g JOIN ds ON ds.i = 1 + g % :n;
INSERT INTO suggestion_signers (suggestion_id, deputy_id, role, confirmed_at)
SELECT id, lead_deputy_id, 'lead', now() FROM suggestions;
INSERT INTO suggestion_signers (suggestion_id, deputy_id, role, confirmed_at)
SELECT s.id, ds.id, 'co', now()
FROM (SELECT id, lead_deputy_id, row_number() OVER (ORDER BY id) AS r FROM suggestions) s
JOIN ds ON ds.i IN (1 + (s.r + 7) % :n, 1 + (s.r + 13) % :n) AND ds.id <> s.lead_deputy_id
ON CONFLICT DO NOTHING;
-- A duty report to constituents by 300 deputies, with their ballots.
INSERT INTO activities (id, congress_id, term_id, kind, title, organiser_kind, starts_at, ends_at, status)
SELECT gen_random_uuid(), t.congress_id, t.id, 'duty_report', '代表述职评议', 'presidium',
       '2022-12-15 09:00+08', '2022-12-15 11:00+08', 'held'
FROM terms t;
INSERT INTO duty_reports (id, activity_id, deputy_id, audience, form, satisfied, basically_satisfied, dissatisfied, invalid)
SELECT gen_random_uuid(), a.id, ds.id, 50, 'oral', 30 + ds.i % 10, 5, 3, 1
FROM activities a JOIN ds ON ds.i <= 300 WHERE a.kind = 'duty_report';
ANALYZE;
SQL

"$BIN" serve >/tmp/renda-bench-assessment.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
    sleep 0.2
done
API="http://127.0.0.1:$PORT/api/v1"
TOKEN=$(curl -sf "$API/auth/login" -H 'Content-Type: application/json' \
    -d '{"username": "bench", "password": "bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
AUTH=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
CONGRESS=$(psql -tA "$DATABASE_URL" -c "SELECT id FROM congresses LIMIT 1")
TERM=$(psql -tA "$DATABASE_URL" -c "SELECT id FROM terms LIMIT 1")
# The zhrd template as the scheme.
curl -sf "${AUTH[@]}" "$API/assessment-scheme-templates" | python3 -c "
import json, sys
t = json.load(sys.stdin)[0]
print(json.dumps({'congress_id': '$CONGRESS', 'name': '基准考核细则', 'year': 2022, 'template': t['code'], 'definition': t['definition']}))
" >/tmp/renda-bench-scheme.json
SCHEME=$(curl -sf "${AUTH[@]}" "$API/assessment-schemes" -d @/tmp/renda-bench-scheme.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

create_times=()
for i in $(seq 1 "$REPEAT"); do
    out=$(curl -s -o /tmp/renda-bench-run.json -w '%{http_code} %{time_total}' "${AUTH[@]}" "$API/assessment-runs" \
        -d "{\"term_id\": \"$TERM\", \"scheme_id\": \"$SCHEME\", \"name\": \"基准考核$i\", \"year\": 2022}")
    [ "${out%% *}" = 201 ] || { echo "create failed: $out"; cat /tmp/renda-bench-run.json; exit 1; }
    create_times+=("${out##* }")
done
RUN=$(python3 -c 'import json; print(json.load(open("/tmp/renda-bench-run.json"))["id"])')
SCORED=$(python3 -c 'import json; print(json.load(open("/tmp/renda-bench-run.json"))["scored"])')
compute_times=()
for _ in $(seq 1 "$REPEAT"); do
    out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "${AUTH[@]}" "$API/assessment-runs/$RUN/transitions" -d '{"step": "compute"}')
    [ "${out%% *}" = 200 ] || { echo "compute failed: $out"; exit 1; }
    compute_times+=("${out##* }")
done

# The reference: one hand-written aggregate of the same counts, written for this
# benchmark and independent of Renda's SQL (tests/bench/assessment_reference.sql).
REF_ROWS=$(psql -tA -v term="'$TERM'" "$DATABASE_URL" -f "$ROOT/tests/bench/assessment_reference.sql" | wc -l)
[ "$REF_ROWS" = "$SCORED" ] || { echo "the reference gives $REF_ROWS rows, the run scored $SCORED"; exit 1; }
# The times mean something only if the counts agree: every deputy's counts from the API's
# list of records (GET /performance-records, the product's statement) against the
# reference's, metric by metric.
psql -A -F $'\t' -P footer=off -v term="'$TERM'" "$DATABASE_URL" \
    -f "$ROOT/tests/bench/assessment_reference.sql" >/tmp/renda-bench-reference.tsv
python3 - "$API" "$TOKEN" "$TERM" /tmp/renda-bench-reference.tsv <<'PY' || exit 1
import csv, json, sys, urllib.request
api, token, term, path = sys.argv[1:5]
ours, cursor = {}, None
while True:
    url = f"{api}/performance-records?term_id={term}&year=2022&limit=200" + (f"&cursor={cursor}" if cursor else "")
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    page = json.load(urllib.request.urlopen(req))
    for row in page["items"]:
        c = dict(row["counts"]["counts"])
        c["ballots_satisfied"] = row["counts"].get("ballots_satisfied", 0)
        c["ballots_valid"] = row["counts"].get("ballots_valid", 0)
        ours[row["deputy"]["deputy_id"]] = c
    cursor = page.get("next_cursor")
    if not cursor:
        break
rows = list(csv.DictReader(open(path), delimiter="\t"))
differ = 0
for r in rows:
    mine = ours.get(r["deputy_id"], {})
    for metric, value in r.items():
        if metric in ("deputy_id", "entries_by_kind"):
            continue
        if int(value or 0) != int(mine.get(metric, 0)):
            differ += 1
            if differ <= 5:
                print(f"differs: {r['deputy_id']} {metric}: reference {value or 0}, Renda {mine.get(metric, 0)}")
print(f"counts compared: {len(rows)} deputies x {len(rows[0]) - 2} metrics, {differ} differ")
sys.exit(1 if differ or len(ours) != len(rows) else 0)
PY
ref_times=()
for _ in $(seq 1 "$REPEAT"); do
    ms=$( (echo '\timing on'; cat "$ROOT/tests/bench/assessment_reference.sql") \
        | psql -q -v term="'$TERM'" "$DATABASE_URL" -o /dev/null 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
    ref_times+=("$(awk -v m="$ms" 'BEGIN {printf "%.4f", m / 1000}')")
done

CREATE=$(printf '%s\n' "${create_times[@]}" | median)
COMPUTE=$(printf '%s\n' "${compute_times[@]}" | median)
REF=$(printf '%s\n' "${ref_times[@]}" | median)
RATIO=$(awk -v a="$COMPUTE" -v b="$REF" 'BEGIN {printf "%.2f", a / b}')
echo "deputies scored:                 $SCORED"
echo "create run (compute, store):     ${CREATE} s  (median of $REPEAT)"
echo "compute step (recompute, store): ${COMPUTE} s"
echo "hand-written SQL aggregate:      ${REF} s"
echo "ratio compute / aggregate:       ${RATIO}x  (target <= 2x and < 1 s)"
kill $PID 2>/dev/null || true
[ "${BENCH_KEEP_DB:-}" = 1 ] || psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
awk -v r="$RATIO" -v c="$COMPUTE" 'BEGIN {exit !(r <= 2 && c < 1)}' || exit 3
