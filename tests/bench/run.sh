#!/usr/bin/env bash
# The two benchmarks of renda, each against a reference measured in the same run on the
# same machine (not part of the timed test suite):
#
#  1. import of a generated roster (100,000 rows) through POST /api/v1/imports/roster,
#     against `psql \copy` of the same file into a bare table of text columns;
#     target: <= 3x the copy's time, server peak RSS <= 300 MB. Also printed, without a
#     target: the floor, psql \copy of the rows renda stored into renda's own tables;
#  2. GET /api/v1/deputies (50 per page, filtered by term and delegation) under 32
#     concurrent connections with wrk, against tests/reference (a minimal actix-web +
#     tokio-postgres handler running the same SQL and returning the same JSON, checked
#     byte for byte before measuring); target: >= 0.5x its requests per second, p99 <= 2x
#     its p99, and no more scans of the deputies table per request than the reference
#     (a COUNT(*) on every page would add one).
#
# Usage (from anywhere; needs cargo, psql, curl, python3; installs wrk from apt if missing):
#   tests/bench/run.sh
# Environment (all optional):
#   BENCH_PG_URL        server URL without a database  (postgres://postgres@127.0.0.1:5432)
#   BENCH_DB            scratch database, dropped and recreated  (renda_bench)
#   BENCH_ROWS          roster rows  (100000; IMPORT_MAX_ROWS and IMPORT_MAX_CELLS are raised to fit)
#   BENCH_DURATION      wrk measuring time per server  (10s)
#   BENCH_RENDA_PORT / BENCH_REFERENCE_PORT  (18080 / 18081)
#   BENCH_RUST_LOG      renda's RUST_LOG  (unset: renda's default, info, request log on)
#   BENCH_KEEP_DB=1     keep the scratch database afterwards, for inspection
# Output: a summary on stdout; logs, wrk output and results.json in target/bench/.
# Exit status: 0 all targets met, 3 a target missed, anything else the run failed.

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/tests/bench"
OUT="$ROOT/target/bench"
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-renda_bench}
DB_URL="$PG_URL/$DB"
# A second scratch database with renda's schema, for the import's floor (see below).
FLOOR_DB="${DB}_floor"
ROWS=${BENCH_ROWS:-100000}
DURATION=${BENCH_DURATION:-10s}
RENDA_PORT=${BENCH_RENDA_PORT:-18080}
REF_PORT=${BENCH_REFERENCE_PORT:-18081}
RENDA="http://127.0.0.1:$RENDA_PORT"
REF="http://127.0.0.1:$REF_PORT"
# renda's default pool size; the reference gets the same.
POOL_SIZE=10
DELEGATION_NAME="城关镇代表团"

PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ "${BENCH_KEEP_DB:-}" != 1 ]]; then
        for db in "$DB" "$FLOOR_DB"; do
            psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
        done
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '\n--- %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }'; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# Waits until $1/healthz answers, or fails with the log of the process $2 when it died.
wait_up() {
    local url=$1 pid=$2 logfile=$3
    for _ in $(seq 1 100); do
        if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then tail -20 "$logfile" >&2; die "server on $url exited"; fi
        sleep 0.2
    done
    die "server on $url did not come up"
}

# Percentage of CPU time the whole machine spent busy over two seconds.
cpu_busy_percent() {
    { head -1 /proc/stat; sleep 2; head -1 /proc/stat; } | awk '
        { t = $2 + $3 + $4 + $5 + $6 + $7 + $8; i = $5 + $6 }
        NR == 1 { t0 = t; i0 = i }
        NR == 2 { printf "%d\n", 100 * (1 - (i - i0) / (t - t0)) }'
}

# Other work on the machine (another cargo build) skews every figure: waits up to a minute
# for it to quiet down, and records how busy it was before measuring $1.
quiet_down() {
    local busy
    busy=$(cpu_busy_percent)
    for _ in $(seq 1 30); do
        ((busy > 20)) || break
        printf 'bench: the machine is %s%% busy; waiting for it to quiet down\n' "$busy" >&2
        busy=$(cpu_busy_percent)
    done
    echo "$busy" >>"$OUT/busy_percent"
    if ((busy > 20)); then
        printf 'bench: WARNING: the machine is still %s%% busy; measuring %s anyway, the figures will be noisy\n' "$busy" "$1" >&2
    fi
}

# Scans of the deputies table so far (sequential and index), once the counter has settled:
# backends report their statistics lazily, so poll until two readings a second apart agree.
# Per request, renda must scan it no more often than the reference does: a COUNT(*) of the
# matching deputies on every page would add one scan per request.
deputies_scans() {
    local previous=-1 current
    for _ in $(seq 1 20); do
        current=$(psql -Atq "$DB_URL" -c "SELECT seq_scan + coalesce(idx_scan, 0)
            FROM pg_stat_user_tables WHERE relname = 'deputies'")
        [[ $current == "$previous" ]] && break
        previous=$current
        sleep 1
    done
    echo "$current"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- tools ------------------------------------------------------------------------------
for tool in cargo psql curl python3 awk; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
if ! command -v wrk >/dev/null; then
    log "installing wrk (apt)"
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO=sudo
    $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
psql -q "$PG_URL/postgres" -c "SELECT 1" >/dev/null || die "cannot reach PostgreSQL at $PG_URL"
port_free "$RENDA_PORT" || die "port $RENDA_PORT is in use (set BENCH_RENDA_PORT)"
port_free "$REF_PORT" || die "port $REF_PORT is in use (set BENCH_REFERENCE_PORT)"

log "building renda and the reference (release)"
# Two builds, not one: built together their dependencies' features unify differently from
# a plain `cargo build --release -p renda-api`, which would rebuild renda from scratch.
(cd "$ROOT" && cargo build --release -p renda-api && cargo build --release -p renda-bench-reference)
TARGET_DIR=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
RENDA_BIN="$TARGET_DIR/release/renda"
REF_BIN="$TARGET_DIR/release/renda-bench-reference"

rm -rf "$OUT"
mkdir -p "$OUT"
echo "$ROWS" >"$OUT/rows"

log "scratch databases $DB, $FLOOR_DB"
for db in "$DB" "$FLOOR_DB"; do
    psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" 2>/dev/null
    psql -q "$PG_URL/postgres" -c "CREATE DATABASE \"$db\""
done

log "generating a $ROWS-row roster"
CSV="$OUT/roster.csv"
python3 "$BENCH_DIR/gen_roster.py" "$CSV" "$ROWS"
printf '%s bytes\n' "$(wc -c <"$CSV")" >&2

# --- 1. import vs \copy -------------------------------------------------------------------
quiet_down "the import"

log "reference: psql \\copy into a bare table (3 runs, median)"
psql -q "$DB_URL" -c "CREATE TABLE roster_copy (序号 text, 代表团 text, 代表小组 text, 姓名 text, 性别 text,
    民族 text, 出生年月 text, 党派 text, 工作单位及职务 text, 联系电话 text)"
copies=()
for _ in 1 2 3; do
    psql -q "$DB_URL" -c "TRUNCATE roster_copy"
    t0=$EPOCHREALTIME
    psql -q "$DB_URL" -c "\\copy roster_copy FROM '$CSV' WITH (FORMAT csv, HEADER true)"
    copies+=("$(seconds_since "$t0")")
done
printf '%s\n' "${copies[@]}" | sort -g | sed -n 2p >"$OUT/copy_seconds"
[[ $(psql -Atq "$DB_URL" -c "SELECT count(*) FROM roster_copy") == "$ROWS" ]] || die "\\copy loaded the wrong number of rows"
echo "copy runs: ${copies[*]} s" >&2

# Fixed, throwaway secrets: the database is created and dropped by this script.
export DATABASE_URL="$DB_URL"
export BIND_ADDR="127.0.0.1:$RENDA_PORT"
export JWT_SECRET="renda-bench-jwt-secret-for-a-scratch-database"
DATA_KEY=$(head -c 32 /dev/urandom | base64)
export DATA_KEY
export MAX_UPLOAD_BYTES=$((256 << 20))
# The bench file is larger than an import's default bounds (README, "Limits"): raise them
# to fit it (10 columns a row).
export IMPORT_MAX_ROWS=$((ROWS + 10)) IMPORT_MAX_CELLS=$(((ROWS + 10) * 10))
export ACCESS_TOKEN_TTL_SECONDS=3600
export DB_POOL_SIZE=$POOL_SIZE
export STATIC_DIR="$OUT/no-web-client"
if [[ -n "${BENCH_RUST_LOG:-}" ]]; then export RUST_LOG=$BENCH_RUST_LOG; else unset RUST_LOG; fi
PASSWORD="bench-password-$RANDOM$RANDOM"

log "renda: migrate, create the bench user, serve"
# Run from $OUT so that a developer's .env in the checkout is not picked up.
(cd "$OUT" && RENDA_PASSWORD="$PASSWORD" "$RENDA_BIN" create-user --username bench --role admin \
    --congress-name 基准测试镇人民代表大会 --congress-level township) >"$OUT/create-user.log" 2>&1 \
    || { cat "$OUT/create-user.log" >&2; die "create-user failed"; }
(cd "$OUT" && exec "$RENDA_BIN" serve) >"$OUT/renda.log" 2>&1 &
RENDA_PID=$!
PIDS+=("$RENDA_PID")
wait_up "$RENDA" "$RENDA_PID" "$OUT/renda.log"

TOKEN=$(curl -fsS "$RENDA/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" | json_field access_token)
AUTH="Authorization: Bearer $TOKEN"
CONGRESS=$(curl -fsS "$RENDA/api/v1/congresses" -H "$AUTH" | python3 -c 'import json, sys
d = json.load(sys.stdin)
items = d["items"] if isinstance(d, dict) else d
print(items[0]["id"])')
TERM_ID=$(curl -fsS "$RENDA/api/v1/congresses/$CONGRESS/terms" -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"number":1,"starts_on":"2022-01-25"}' | json_field id)

log "renda: import the roster"
grep VmRSS "/proc/$RENDA_PID/status" | awk '{ print $2 }' >"$OUT/baseline_rss_kb"
read -r code total < <(curl -sS -o "$OUT/import-report.json" -w '%{http_code} %{time_total}\n' \
    -X POST "$RENDA/api/v1/imports/roster?term_id=$TERM_ID&rows=problems" \
    -H "$AUTH" -H 'Content-Type: text/csv' --data-binary "@$CSV")
# The server process is fresh, so its high-water mark is the import's peak.
grep VmHWM "/proc/$RENDA_PID/status" | awk '{ print $2 }' >"$OUT/peak_rss_kb"
echo "$total" >"$OUT/import_seconds"
[[ $code == 200 ]] || { head -c 2000 "$OUT/import-report.json" >&2; die "import answered HTTP $code"; }
python3 - "$OUT/import-report.json" "$ROWS" <<'EOF' >&2
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print("import summary:", json.dumps(s))
if s["create"] != int(sys.argv[2]):
    sys.exit(f"expected {sys.argv[2]} created rows")
EOF
[[ $(psql -Atq "$DB_URL" -c "SELECT count(*) FROM mandates WHERE term_id = '$TERM_ID'") == "$ROWS" ]] \
    || die "the import did not store $ROWS mandates"

# The floor under any importer: the same rows, as renda stored them, copied with psql into
# renda's own tables (their indexes and foreign keys) in a second database. Informational:
# it shows how much of the import's time the schema itself costs.
log "floor: psql \\copy of the imported rows into renda's schema"
(cd "$OUT" && DATABASE_URL="$PG_URL/$FLOOR_DB" "$RENDA_BIN" migrate) >"$OUT/floor-migrate.log" 2>&1 \
    || { cat "$OUT/floor-migrate.log" >&2; die "migrating $FLOOR_DB failed"; }
for table in congresses terms delegations deputy_groups deputies mandates; do
    psql -q "$DB_URL" -c "\\copy $table TO '$OUT/floor-$table.csv' WITH (FORMAT csv)"
done
for table in congresses terms delegations deputy_groups; do
    psql -q "$PG_URL/$FLOOR_DB" -c "\\copy $table FROM '$OUT/floor-$table.csv' WITH (FORMAT csv)"
done
# One transaction, as renda's import is.
printf '%s\n' "\\copy deputies FROM '$OUT/floor-deputies.csv' WITH (FORMAT csv)" \
    "\\copy mandates FROM '$OUT/floor-mandates.csv' WITH (FORMAT csv)" >"$OUT/floor.sql"
t0=$EPOCHREALTIME
psql -q -1 -v ON_ERROR_STOP=1 "$PG_URL/$FLOOR_DB" -f "$OUT/floor.sql"
seconds_since "$t0" >"$OUT/floor_seconds"
psql -q "$PG_URL/postgres" -c "DROP DATABASE \"$FLOOR_DB\" WITH (FORCE)"

# --- 2. the deputies page vs the reference ------------------------------------------------
# Statistics as autovacuum would soon leave them, so the plan is the steady-state one.
psql -q "$DB_URL" -c "VACUUM ANALYZE"
DELEGATION=$(psql -Atq "$DB_URL" -c "SELECT id FROM delegations WHERE name = '$DELEGATION_NAME'")
[[ -n $DELEGATION ]] || die "delegation $DELEGATION_NAME not found"
PATH_QUERY="/api/v1/deputies?term_id=$TERM_ID&delegation_id=$DELEGATION&limit=50"

log "reference server"
(cd "$OUT" && BIND_ADDR="127.0.0.1:$REF_PORT" SCOPE_CONGRESS_ID="$CONGRESS" exec "$REF_BIN") >"$OUT/reference.log" 2>&1 &
REF_PID=$!
PIDS+=("$REF_PID")
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$REF$PATH_QUERY" 2>/dev/null && break
    kill -0 "$REF_PID" 2>/dev/null || { cat "$OUT/reference.log" >&2; die "the reference exited"; }
    sleep 0.2
done

# The two must answer the same bytes, or the comparison means nothing.
curl -fsS "$RENDA$PATH_QUERY" -H "$AUTH" -o "$OUT/page-renda.json"
curl -fsS "$REF$PATH_QUERY" -H "$AUTH" -o "$OUT/page-reference.json"
cmp -s "$OUT/page-renda.json" "$OUT/page-reference.json" \
    || die "renda and the reference answer differently: compare $OUT/page-renda.json and $OUT/page-reference.json"
python3 - "$OUT/page-renda.json" <<'EOF' >&2
import json, sys
p = json.load(open(sys.argv[1]))
assert len(p["items"]) == 50 and p["next_cursor"] and p["total"] is None, "unexpected page"
print(f"identical pages: {len(p['items'])} deputies, next_cursor set, total null")
EOF

quiet_down "the deputies page"
for side in renda reference; do
    if [[ $side == renda ]]; then base=$RENDA; else base=$REF; fi
    log "wrk: $side (3 s warm-up, then $DURATION)"
    wrk -t2 -c32 -d3s -H "$AUTH" "$base$PATH_QUERY" >/dev/null
    scans_before=$(deputies_scans)
    wrk -t2 -c32 -d"$DURATION" --latency -H "$AUTH" "$base$PATH_QUERY" | tee "$OUT/wrk-$side.txt" >&2
    echo $(($(deputies_scans) - scans_before)) >"$OUT/deputies-scans-$side"
done

set +e
python3 "$BENCH_DIR/report.py" "$OUT"
status=$?
set -e
exit "$status"
