#!/usr/bin/env bash
# End-to-end tests of the web client in headless Chromium, against the real server and a
# fresh PostgreSQL database that is dropped afterwards.
#
#   tests/browser/run.sh                          every test file
#   tests/browser/run.sh tests/meetings.test.js   one of them (paths relative to tests/browser)
#
# Builds the server (debug) and the web client (web-client/build.sh), creates the database
# renda_browser_<random>, starts `renda up` on a free port with every secret given in the
# environment (so no .env is written), waits for /readyz, runs the tests with node's test
# runner and playwright-core driving Debian's chromium, then stops the server and drops the
# database. Screenshots go to artifacts/browser/ (git-ignored).
#
# Access tokens live 65 s here: the client renews a token in its last minute, so during the
# journey it refreshes (and rotates the refresh token) over and over, as a long working day
# would with the default 15 minutes.
#
# Environment: PG_URL (default postgres://postgres@127.0.0.1:5432) is the server without a
# database name; SKIP_BUILD=1 uses the server binary and dist/ as they are.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

pg_url="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
artifacts="$root/artifacts/browser"
roster="$(cd "$root/.." && pwd)/shared/data/derived/npc14-roster.xlsx"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# Chinese text in the screenshots needs a CJK font.
fc-list 2>/dev/null | grep -qi "CJK" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "run.sh: installing ${need_apt[*]}" >&2
        apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "run.sh: please install ${need_apt[*]} (apt-get install ${need_apt[*]})" >&2
        exit 1
    fi
fi
if [ ! -f "$roster" ]; then
    echo "run.sh: the roster $roster is missing" >&2
    exit 1
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    cargo build -p renda-api
    web-client/build.sh
fi
bin="${CARGO_TARGET_DIR:-$root/target}/debug/renda"
if [ ! -x "$bin" ] || [ ! -f "$root/dist/index.html" ]; then
    echo "run.sh: build the server and the web client first (or run without SKIP_BUILD)" >&2
    exit 1
fi

(cd "$here" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })

db="renda_browser_$(date +%s)_$RANDOM"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
workdir="$(mktemp -d)"
mkdir -p "$artifacts"
server_pid=""

cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    psql "$pg_url/postgres" -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT

export DEMO_PASSWORD="browser-test-password-1"
(
    cd "$workdir"
    DATABASE_URL="$pg_url/$db" \
    BIND_ADDR="127.0.0.1:$port" \
    STATIC_DIR="$root/dist" \
    JWT_SECRET="browser-tests-jwt-secret-0123456789abcdef" \
    DATA_KEY="$(head -c 32 /dev/urandom | base64)" \
    LOGIN_BURST=100 \
    ACCESS_TOKEN_TTL_SECONDS=65 \
    RUST_LOG="${RUST_LOG:-warn}" \
    exec "$bin" up
) >"$artifacts/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 120); do
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run.sh: the server did not start; see $artifacts/server.log" >&2
        cat "$artifacts/server.log" >&2
        exit 1
    fi
    sleep 0.5
done
curl -fsS "$base/readyz" >/dev/null

cd "$here"
# Test files may be named (e.g. tests/meetings.test.js); default: every file in tests/.
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(tests/)
BASE_URL="$base" ROSTER="$roster" ARTIFACTS="$artifacts" DATABASE_URL="$pg_url/$db" \
    node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
