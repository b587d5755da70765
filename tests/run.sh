#!/usr/bin/env bash
# Runs every test of Renda on this machine: the integration tests against a real
# PostgreSQL (cargo nextest, one binary, a fresh database per test) and, when the web
# client is present, the browser tests in headless Chromium.
#
# It makes sure what the tests need is there: PostgreSQL running on 127.0.0.1:5432 (the
# server or TEST_DATABASE_URL), libpq's headers for diesel, and cargo-nextest.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

apt_install() {
  if command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
  else
    echo "please install: $*" >&2
    return 1
  fi
}

log "PostgreSQL"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432 and cannot be started here." >&2
    echo "Start one (e.g. docker compose up -d postgres) and set TEST_DATABASE_URL." >&2
    exit 1
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

[ -e /usr/include/postgresql/libpq-fe.h ] || { log "installing libpq-dev"; apt_install libpq-dev; }

if ! cargo nextest --version >/dev/null 2>&1; then
  log "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

log "format, lints and the OpenAPI document"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
python3 -c 'import openapi_spec_validator' 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check openapi-spec-validator
python3 tests/tools/check_openapi.py openapi/openapi.json

log "integration tests"
cargo nextest run --no-fail-fast -p renda-tests -p renda-api -p renda-openapi -p renda-web

if [ -x tests/browser/run.sh ]; then
  log "browser tests"
  tests/browser/run.sh
fi
