#!/usr/bin/env bash
# Issue 9: the one command for every measurement, on a published Release build.
#   bench/run.sh                     publish, seed the scale databases (SQLite + PostgreSQL), run every measurement
#   REUSE=1 bench/run.sh             keep bench/out/scale.db and the PostgreSQL scale database when they exist
#   ONLY=feed,lighthouse bench/run.sh   run some: feed, report, circuits, lighthouse
#   PUBLISH=0 bench/run.sh           reuse bench/out/publish instead of publishing again (for re-running one script)
#   YEARS=1 bench/run.sh             a smaller scale database (the measurements are defined on 10 years)
# Publishes Lotgenoten.Web once into bench/out/publish, starts a PostgreSQL cluster of its own (data in
# bench/out/pg, a free loopback port from 5600, stopped on exit), builds the scale databases with the app's own
# `seed-scale --years ${YEARS:-10}`, then runs bench/feed-wrk.sh, bench/report.sh, bench/circuits.sh and
# bench/lighthouse.sh with PUBLISH_DIR, SCALE_SQLITE, SCALE_POSTGRES (and SCALE_IDS_FILE) set. A script that is missing
# or fails still gets its RESULT lines, as `RESULT <name> error target <t> MISS`. Ends with every RESULT line together and
# exits 0: a MISS is a finding, not a crash. Logs: bench/out/<name>.log. Needs root (or sudo) for the installs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
pub="$out/publish"
mkdir -p "$out"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DEBIAN_FRONTEND=noninteractive
say() { printf '==> %s\n' "$*" >&2; }
if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi

# What each measurement prints: name and target, in the order of issue 9.
declare -A expected=(
  [feed]="feed-vs-static:1.0 feed304-vs-static:3.0"
  [report]="report-ef-vs-sql-sqlite:1.3 report-ef-vs-sql-postgres:1.3 report-api-p95-ms-sqlite:200 report-api-p95-ms-postgres:200"
  [circuits]="circuit-kb-waitinglist:1024 circuit-ratio-waitinglist-minimal:4 register-click-p95-ms:200"
  [lighthouse]="lighthouse-mijn-desktop-performance:90 lighthouse-mijn-desktop-accessibility:100 lighthouse-mijn-mobile-performance:75 lighthouse-mijn-mobile-accessibility:100 lighthouse-mijn-transfer-kb:250 lighthouse-wachtlijst-desktop-performance:90 lighthouse-wachtlijst-desktop-accessibility:100 lighthouse-wachtlijst-mobile-performance:75 lighthouse-wachtlijst-mobile-accessibility:100 lighthouse-wachtlijst-transfer-kb:250"
)
scripts=(feed report circuits lighthouse)
declare -A script_of=([feed]=feed-wrk.sh [report]=report.sh [circuits]=circuits.sh [lighthouse]=lighthouse.sh)
selected() { [[ -z "${ONLY:-}" ]] || [[ ",$ONLY," == *",$1,"* ]]; }
needs_scale() { selected report || selected circuits; }   # lighthouse uses SCALE_SQLITE for the waiting list when set

# ---- 1. Install what is missing ------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
selected feed && ! command -v wrk >/dev/null && missing+=(wrk)
selected lighthouse && [[ ! -x /usr/bin/chromium ]] && missing+=(chromium)
selected lighthouse && ! command -v npm >/dev/null && missing+=(nodejs npm)
needs_scale && [[ ! -x /usr/lib/postgresql/15/bin/initdb ]] && missing+=(postgresql)
if ((${#missing[@]})); then
  say "Installing missing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi
if selected lighthouse && ! (cd "$root/bench/lighthouse" && npm ls --all >/dev/null 2>&1); then
  say "Installing Lighthouse (npm ci in bench/lighthouse)"
  (cd "$root/bench/lighthouse" && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---- 2. Publish once -----------------------------------------------------------------------------------------------
publish_failed=0
if [[ "${PUBLISH:-1}" == 0 && -f "$pub/Lotgenoten.Web.dll" ]]; then
  say "Reusing bench/out/publish (PUBLISH=0)"
else
  say "Publishing Lotgenoten.Web (Release) to bench/out/publish"
  rm -rf "$pub"
  dotnet publish "$root/Lotgenoten.Web" -c Release -o "$pub" --nologo -v quiet >"$out/publish.log" 2>&1 || publish_failed=1
fi
if ((publish_failed)); then
  say "publish failed (bench/out/publish.log)"
  cat "$out/publish.log" >&2
  for s in "${scripts[@]}"; do selected "$s" || continue
    for e in ${expected[$s]}; do echo "RESULT ${e%%:*} error target ${e##*:} MISS"; done
  done
  exit 0
fi
export PUBLISH_DIR="$pub"

# ---- 3. PostgreSQL of our own and the scale databases --------------------------------------------------------------
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$out/pg"
pg_started=0
stop_postgres() {
  if ((pg_started)); then
    (cd /tmp && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1) || true
    pg_started=0
  fi
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_postgres() { if [[ $(id -u) -eq 0 ]]; then (cd /tmp && runuser -u postgres -- "$@"); else (cd /tmp && "$@"); fi; }
seed() { # provider connection-string log [extra args]
  local provider="$1" conn="$2" log="$3"; shift 3
  say "Seeding the $provider scale database (seed-scale --years ${YEARS:-10}; log bench/out/$log)"
  # Development, like the measured apps: the same configuration (key-encryption key, demo staff) as the app that reads it.
  (cd "$pub" && ASPNETCORE_ENVIRONMENT=Development Database__Provider="$provider" ConnectionStrings__Lotgenoten="$conn" \
    dotnet "$pub/Lotgenoten.Web.dll" seed-scale --years "${YEARS:-10}" "$@") >"$out/$log" 2>&1
}

if needs_scale; then
  if [[ "${REUSE:-0}" != 1 ]]; then rm -rf "$PG_DIR" "$out/scale.db" "$out/scale.db-wal" "$out/scale.db-shm" "$out/scale-ids.json"; fi
  PG_PORT=5600
  while port_in_use "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  mkdir -p "$PG_DIR/sock"
  [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$PG_DIR"
  if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$out/pg-initdb.log" 2>&1 \
      || say "initdb failed (bench/out/pg-initdb.log)"
  fi
  rm -f "$PG_DIR/data/postmaster.pid" 2>/dev/null  # left by a run that was killed
  if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    pg_started=1
    say "PostgreSQL on 127.0.0.1:$PG_PORT (bench/out/pg)"
  else
    say "PostgreSQL did not start (bench/out/pg/server.log)"
  fi
  export SCALE_SQLITE="$out/scale.db"
  export SCALE_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=lotgenoten_scale"
  export SCALE_IDS_FILE="$out/scale-ids.json"
  if [[ -f "$out/scale.db" ]]; then
    say "Reusing bench/out/scale.db"
  else
    seed Sqlite "Data Source=$out/scale.db" seed-sqlite.log --ids-file "$SCALE_IDS_FILE" \
      || { say "seeding SQLite failed (bench/out/seed-sqlite.log)"; rm -f "$out/scale.db"; }
  fi
  if ((pg_started)); then
    if [[ -f "$PG_DIR/seeded" ]]; then
      say "Reusing the PostgreSQL scale database"
    elif seed Postgres "$SCALE_POSTGRES" seed-postgres.log; then
      touch "$PG_DIR/seeded"
    else
      say "seeding PostgreSQL failed (bench/out/seed-postgres.log)"
    fi
  fi
  grep -h '^SCALE' "$out"/seed-*.log 2>/dev/null >&2 || true
fi

# ---- 4. The measurements -------------------------------------------------------------------------------------------
: >"$out/results"
: >"$out/info"
for s in "${scripts[@]}"; do
  selected "$s" || continue
  script="$root/bench/${script_of[$s]}"
  log="$out/$s.log"
  rc=0
  if [[ -f "$script" ]]; then
    say "Running bench/${script_of[$s]} (log bench/out/$s.log)"
    started=$SECONDS
    bash "$script" >"$log" 2>&1 || rc=$?
    say "bench/${script_of[$s]} exited $rc after $((SECONDS - started)) s"
  else
    say "bench/${script_of[$s]} does not exist yet"
    : >"$log"
  fi
  grep -E '^RESULT ' "$log" >>"$out/results" || true
  grep -E '^INFO ' "$log" >>"$out/info" || true
  # Every expected line that the script did not print is an error.
  for e in ${expected[$s]}; do
    grep -qE "^RESULT ${e%%:*} " "$log" || echo "RESULT ${e%%:*} error target ${e##*:} MISS" >>"$out/results"
  done
done
stop_postgres

echo
echo "== RESULT lines ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
cat "$out/info" "$out/results"
exit 0
