#!/usr/bin/env bash
# Memory and timeout test of issue 10, run on demand (not part of tests/run.sh): each
# hostile import file, and the largest legitimate ones, sent to a fresh release
# `renda serve` process as a dry run; prints the answer (status, code), the server's peak
# memory (VmHWM from /proc/<pid>/status), whether it still serves the next request, and
# how long a request whose body never finishes holds its connection.
#
# The server runs under `prlimit --as` (RELIABILITY_AS, default 4 GiB of address space),
# so a file that would exhaust the machine makes the server fail instead.
#
# Usage: tests/reliability/run.sh [FILE_NAME ...]   (no names: every file of gen_files.py)
# Environment (all optional):
#   RELIABILITY_BIN     the renda binary (default: cargo build --release, then target/release/renda)
#   RELIABILITY_PG_URL  server URL without a database  (postgres://postgres@127.0.0.1:5432)
#   RELIABILITY_AS      address-space limit of the server, bytes  (4294967296)
#   RELIABILITY_PORT    port  (18090)
#   RELIABILITY_FILES   folder for the generated files  (/var/tmp/renda-reliability-files)
#   RELIABILITY_SLOW_WAIT  seconds the slow-body client waits at most  (120)
# Output: one line per file on stdout, and results.tsv in target/reliability/.
# Exit status: 0 when every file got an answer and the server survived, 3 otherwise.

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/reliability"
OUT="$ROOT/target/reliability"
PG_URL=${RELIABILITY_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=renda_reliability
AS_LIMIT=${RELIABILITY_AS:-4294967296}
PORT=${RELIABILITY_PORT:-18090}
FILES=${RELIABILITY_FILES:-/var/tmp/renda-reliability-files}
SLOW_WAIT=${RELIABILITY_SLOW_WAIT:-120}
BASE="http://127.0.0.1:$PORT"

PID=""
cleanup() {
    local status=$?
    [[ -n $PID ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
    psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { printf 'reliability: %s\n' "$*" >&2; exit 1; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

for tool in psql curl python3 prlimit; do command -v "$tool" >/dev/null || die "$tool is required"; done
if [[ -z ${RELIABILITY_BIN:-} ]]; then
    (cd "$ROOT" && cargo build --release -p renda-api --bin renda >&2)
    TARGET_DIR=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    RELIABILITY_BIN="$TARGET_DIR/release/renda"
fi
mkdir -p "$OUT"
python3 "$HERE/gen_files.py" "$FILES" "$@" >"$OUT/files.tsv"

psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql -q "$PG_URL/postgres" -c "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG_URL/$DB" BIND_ADDR="127.0.0.1:$PORT"
export JWT_SECRET="renda-reliability-jwt-secret-scratch-db"
DATA_KEY=$(head -c 32 /dev/urandom | base64)
export DATA_KEY STATIC_DIR="$OUT/no-web-client" RUST_LOG=warn
# A few glibc arenas, so the address-space limit measures the heap, not reservations.
export MALLOC_ARENA_MAX=2
PASSWORD="reliability-$RANDOM$RANDOM"
(cd "$OUT" && RENDA_PASSWORD="$PASSWORD" "$RELIABILITY_BIN" create-user --username rel --role admin \
    --congress-name 可靠性测试镇人民代表大会 --congress-level township) >"$OUT/create-user.log" 2>&1 \
    || { cat "$OUT/create-user.log" >&2; die "create-user failed"; }

start() {
    (cd "$OUT" && exec prlimit --as="$AS_LIMIT" -- "$RELIABILITY_BIN" serve) >>"$OUT/renda.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && return 0
        kill -0 "$PID" 2>/dev/null || die "the server exited (see $OUT/renda.log)"
        sleep 0.1
    done
    die "the server did not come up"
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
# Samples the server's VmHWM every 50 ms into $OUT/hwm_kb, so the peak of a server that
# dies during the request is known too (to the last sample before it died).
SAMPLER=""
sample() {
    local pid=$1
    echo 0 >"$OUT/hwm_kb"
    while kill -0 "$pid" 2>/dev/null; do
        awk '/VmHWM/ { print $2 }' "/proc/$pid/status" >"$OUT/hwm_kb.new" 2>/dev/null \
            && [[ -s "$OUT/hwm_kb.new" ]] && mv "$OUT/hwm_kb.new" "$OUT/hwm_kb"
        sleep 0.05
    done
}
hwm_mb() { awk '{ printf "%d", $1 / 1024 }' "$OUT/hwm_kb"; }

start
TOKEN=$(curl -fsS "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"rel\",\"password\":\"$PASSWORD\"}" | json_field access_token)
AUTH="Authorization: Bearer $TOKEN"
CONGRESS=$(curl -fsS "$BASE/api/v1/congresses" -H "$AUTH" | python3 -c 'import json, sys
d = json.load(sys.stdin); print((d["items"] if isinstance(d, dict) else d)[0]["id"])')
TERM_ID=$(curl -fsS "$BASE/api/v1/congresses/$CONGRESS/terms" -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"number":1,"starts_on":"2022-01-25"}' | json_field id)
stop

failed=0
printf 'file\tbytes\tstatus\tcode\tseconds\tpeak_mb\tanswer_bytes\tserves_next\n' | tee "$OUT/results.tsv"
while IFS=$'\t' read -r name bytes; do
    case $name in
        *.xlsx) type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;;
        *.json) type=application/json ;;
        *) type=text/csv ;;
    esac
    start
    sample "$PID" &
    SAMPLER=$!
    rm -f "$OUT/answer.json"
    # No `Expect: 100-continue`: the status is the answer's, or 000 when there is none.
    read -r status seconds size < <(curl -sS -o "$OUT/answer.json" -w '%{http_code} %{time_total} %{size_download}\n' \
        -X POST "$BASE/api/v1/imports/roster?term_id=$TERM_ID&dry_run=true" -H "$AUTH" -H 'Expect:' \
        -H "Content-Type: $type" --data-binary "@$FILES/$name" 2>/dev/null)
    [[ -s "$OUT/answer.json" ]] || status=000
    code=$(python3 -c 'import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("-"); sys.exit()
e = d.get("errors") or []
print(e[0]["code"] if e else (d.get("type", "").rsplit("/", 1)[-1] or ("report" if "summary" in d else "-")))' "$OUT/answer.json")
    if curl -fsS -o /dev/null -m 10 "$BASE/healthz" 2>/dev/null; then next=yes; else next=no; failed=1; fi
    sleep 0.1
    peak=$(hwm_mb)
    [[ $next == yes ]] || peak=">=$peak (died)"
    [[ $status == 000 ]] && failed=1
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$bytes" "$status" "$code" "$seconds" "$peak" "$size" "$next" | tee -a "$OUT/results.tsv"
    stop
    wait "$SAMPLER" 2>/dev/null || true
done <"$OUT/files.tsv"

# The largest accepted files, three at once: MAX_CONCURRENT_IMPORTS (2) run, the third
# waits for a slot, so the peak is that of two imports, not three.
if [[ -s "$FILES/roster-at-limit.csv" && -s "$FILES/roster-at-limit.xlsx" && -s "$FILES/roster-at-limit.json" ]]; then
    start
    t0=$EPOCHREALTIME
    uploads=()
    for f in roster-at-limit.csv roster-at-limit.xlsx roster-at-limit.json; do
        case $f in *.xlsx) type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;; *.json) type=application/json ;; *) type=text/csv ;; esac
        curl -sS -o /dev/null -w '%{http_code}\n' -X POST "$BASE/api/v1/imports/roster?term_id=$TERM_ID&dry_run=true" \
            -H "$AUTH" -H 'Expect:' -H "Content-Type: $type" --data-binary "@$FILES/$f" >"$OUT/concurrent-$f.status" &
        uploads+=($!)
    done
    wait "${uploads[@]}" || true
    seconds=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    statuses=$(cat "$OUT"/concurrent-*.status | tr '\n' ' ')
    peak=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$PID/status")
    printf '3 at-limit files at once\t-\t%s\t-\t%s\t%s\t-\tyes\n' "${statuses% }" "$seconds" "$peak" | tee -a "$OUT/results.tsv"
    stop
fi

# A body that never finishes: Content-Length 1000, 8 bytes sent, on the anonymous login.
start
python3 - "$PORT" "$SLOW_WAIT" <<'EOF' | tee -a "$OUT/results.tsv"
import socket, sys, time
port, wait = int(sys.argv[1]), float(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Content-Length: 1000\r\n\r\n{\"usern\"")
t0 = time.time()
s.settimeout(wait)
try:
    data = s.recv(4096)
except socket.timeout:
    data = None
held = time.time() - t0
status = data.split(b" ")[1].decode() if data else "none"
print(f"slow-body(/auth/login)\t8/1000\t{status}\t-\t{held:.1f}\t-\t{len(data or b'')}\t{'closed' if data is not None else 'held'}")
EOF
stop
exit $((failed * 3))
