#!/usr/bin/env bash
# The one test command: installs what is missing, starts a throwaway PostgreSQL, builds once,
# runs every test project under tests/, stops what it started, and prints
#   Tests: N passed, N failed, N skipped
# Works on a fresh Debian machine that only has the .NET SDK (as root, or as a user with sudo).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"
OUT="$ROOT/test-output"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
STARTED_AT=$SECONDS

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Playwright drives Debian's Chromium (/usr/bin/chromium); its own browser download cannot work here.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf '==> %s\n' "$*"; }

if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi

# ---------------------------------------------------------------------------------------------
# 1. Install what is missing (idempotent: nothing is downloaded when all is there).
# ---------------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
installed chromium && [[ -x /usr/bin/chromium ]] || missing+=(chromium)
installed "postgresql-$PG_VERSION" && [[ -x "$PG_BIN/initdb" ]] || missing+=(postgresql)
installed python3-icalendar || missing+=(python3-icalendar)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if ((${#missing[@]})); then
  say "Installing missing Debian packages: ${missing[*]} (apt-get update first)"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
  say "Installed: ${missing[*]}"
else
  say "Debian packages present: chromium, postgresql-$PG_VERSION, python3-icalendar, npm"
fi

if (cd tests/js && npm ls --all >/dev/null 2>&1); then
  say "npm packages of tests/js present"
else
  say "Installing npm packages of tests/js (npm ci)"
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---------------------------------------------------------------------------------------------
# 2. A throwaway PostgreSQL cluster on a free loopback port, stopped by the trap below.
# ---------------------------------------------------------------------------------------------
PG_DIR=""
stop_postgres() {
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
      say "Stopping the throwaway PostgreSQL"
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}
stop_app() { # the web app that the end-to-end tests start, if their test host died before stopping it
  local pid_file="$OUT/e2e-app.pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(cat "$pid_file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qs 'Lotgenoten.Web.dll' "/proc/$pid/cmdline"; then
    say "Stopping the web app left running by the end-to-end tests (pid $pid)"
    kill "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_app
  stop_postgres
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_postgres() { # from a folder that user postgres may enter (the clone may not be readable for it)
  if [[ $(id -u) -eq 0 ]]; then (cd "$PG_DIR" && runuser -u postgres -- "$@"); else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PG_PORT=5433
while port_in_use "$PG_PORT"; do
  PG_PORT=$((PG_PORT + 1))
  ((PG_PORT < 5533)) || { echo "No free port for PostgreSQL between 5433 and 5532" >&2; exit 1; }
done

PG_DIR="$(mktemp -d /tmp/lotgenoten-pg.XXXXXX)"
mkdir -p "$PG_DIR/data" "$PG_DIR/sock"
[[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$PG_DIR"
say "Starting a throwaway PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT ($PG_DIR)"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
# Throwaway data: durability off for speed. Web test hosts run in parallel, each with a database and a pool of its own.
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
export LOTGENOTEN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
# The fault tests start, stop and restart a PostgreSQL cluster of their own with these binaries.
export LOTGENOTEN_TEST_PG_BIN="$PG_BIN"
# For tests that check output with third-party parsers: Debian's Python (python3-icalendar is installed for it, not
# for another python3 that may come first on PATH) and the npm packages of tests/js.
export LOTGENOTEN_TEST_PYTHON=/usr/bin/python3
export LOTGENOTEN_TEST_NODE_MODULES="$ROOT/tests/js/node_modules"

# ---------------------------------------------------------------------------------------------
# 3. Build once, then run every test project.
# ---------------------------------------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT"

say "Building Lotgenoten.sln (Debug)"
dotnet build Lotgenoten.sln -c Debug -nologo -clp:NoSummary

# Every test project; the slow browser tests last, so that quick feedback comes first.
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort | awk '/EndToEnd/ { last[++n] = $0; next } { print } END { for (i = 1; i <= n; i++) print last[i] }')
((${#projects[@]})) || { echo "No test projects under tests/" >&2; exit 1; }

runner_failed=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  say "Testing $name"
  if ! dotnet test "$project" -c Debug --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" \
      --results-directory "$OUT" \
      --blame-hang-timeout 5min --blame-hang-dump-type none; then
    runner_failed=1
  fi
  if [[ "$name" == Lotgenoten.Web.Tests ]]; then
    # The web tests once more, every host on a fresh PostgreSQL database of the throwaway server (issue 8: parity).
    say "Testing $name on PostgreSQL"
    if ! LOTGENOTEN_WEB_TESTS_DATABASE=Postgres dotnet test "$project" -c Debug --no-build --nologo \
        --logger "trx;LogFileName=$name.Postgres.trx" \
        --results-directory "$OUT" \
        --blame-hang-timeout 5min --blame-hang-dump-type none; then
      runner_failed=1
    fi
  fi
done

stop_app
stop_postgres
# The hang detector leaves empty folders behind.
find "$OUT" -mindepth 1 -maxdepth 1 -type d -empty -delete

# ---------------------------------------------------------------------------------------------
# 4. The closing line, summed from the TRX files.
# ---------------------------------------------------------------------------------------------
# One <UnitTestResult> per test: Passed, Failed (or Error, Timeout, Aborted), NotExecuted (skipped).
# (The <Counters> summary does not count skipped tests, so the results themselves are counted.)
outcomes() { grep -ho '<UnitTestResult [^>]*>' "$@" | grep -o ' outcome="[A-Za-z]*"' | cut -d'"' -f2; }
count() { outcomes "${trx_files[@]}" | grep -cxE "$1" || true; }
shopt -s nullglob
trx_files=("$OUT"/*.trx)
passed=0 failed=0 skipped=0
if ((${#trx_files[@]})); then
  passed=$(count 'Passed')
  failed=$(count 'Failed|Error|Timeout|Aborted')
  skipped=$(count 'NotExecuted|Inconclusive|NotRunnable|Pending|Disconnected')
fi

say "Finished in $((SECONDS - STARTED_AT)) s; results in test-output/"
echo "Tests: $passed passed, $failed failed, $skipped skipped"

if ((failed > 0)); then exit 1; fi
if ((passed == 0)); then echo "No test ran." >&2; exit 1; fi
if ((runner_failed)); then echo "A test run failed without a failed test (see above)." >&2; exit 1; fi
exit 0
