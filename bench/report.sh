#!/usr/bin/env bash
# Issue 9, measurement 2 (report): the annual figures of one year on the scale database.
#   1. EF Core as the app runs it (FiguresQuery) ÷ hand-written SQL (the BenchmarkDotNet baseline), on SQLite and
#      PostgreSQL: bench/Lotgenoten.Bench.Report (first checks that both give identical figures; exit 1 if not).
#   2. GET /api/reports/annual/{year} (dev API key) on the published app in Development, warmed, 30 sequential requests:
#      the p95 in ms, per database.
# Environment: PUBLISH_DIR (a `dotnet publish -c Release` folder of Lotgenoten.Web; published into bench/out/report-publish
# when unset), SCALE_SQLITE (a path) and SCALE_POSTGRES (a connection string; made with the app's `seed-scale --years 10`
# when unset: SQLite in bench/out/report-scale.db, PostgreSQL in a throwaway cluster in bench/out/report-pg that is
# stopped on exit), YEAR (default 2025), PORT (the app's, default 5182), REQUESTS (default 30).
# Ends with RESULT report-ef-vs-sql-sqlite|postgres and report-api-p95-ms-sqlite|postgres lines.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
say() { printf '==> %s\n' "$*" >&2; }
year="${YEAR:-2025}"
port="${PORT:-5182}"
app=0
pg_dir=""
cleanup() {
  if ((app)); then kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; fi
  if [[ -n "$pg_dir" ]]; then
    (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
}
trap cleanup EXIT

if [[ -z "${PUBLISH_DIR:-}" ]]; then
  PUBLISH_DIR="$out/report-publish"
  say "Publishing Lotgenoten.Web (Release) to $PUBLISH_DIR"
  rm -rf "$PUBLISH_DIR"
  dotnet publish "$root/Lotgenoten.Web" -c Release -o "$PUBLISH_DIR" --nologo -v quiet || { say "publish failed"; exit 1; }
fi

seed() { # provider connection-string
  say "Seeding the $1 scale database (seed-scale --years 10)"
  (cd "$PUBLISH_DIR" && ASPNETCORE_ENVIRONMENT=Development Database__Provider="$1" ConnectionStrings__Lotgenoten="$2" \
    dotnet "$PUBLISH_DIR/Lotgenoten.Web.dll" seed-scale --years 10) >&2
}
if [[ -z "${SCALE_SQLITE:-}" ]]; then
  SCALE_SQLITE="$out/report-scale.db"
  [[ -f "$SCALE_SQLITE" ]] || seed Sqlite "Data Source=$SCALE_SQLITE" || { rm -f "$SCALE_SQLITE"; say "seeding SQLite failed"; }
fi
if [[ -z "${SCALE_POSTGRES:-}" ]]; then
  pg_dir="$out/report-pg"
  pg_port=5642
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  fresh=0
  if [[ ! -f "$pg_dir/data/PG_VERSION" ]]; then
    mkdir -p "$pg_dir/sock" && chown -R postgres "$pg_dir"
    (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    fresh=1
  fi
  (cd /tmp && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir/sock -c listen_addresses=127.0.0.1" start >/dev/null) || say "PostgreSQL did not start"
  SCALE_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lotgenoten_scale"
  ((fresh)) && { seed Postgres "$SCALE_POSTGRES" || say "seeding PostgreSQL failed"; }
fi

# 1. EF Core ÷ hand-written SQL (BenchmarkDotNet, in-process short run job).
project="$root/bench/Lotgenoten.Bench.Report/Lotgenoten.Bench.Report.csproj"
dotnet build "$project" -c Release --nologo -v quiet >&2 || { say "bench build failed"; exit 1; }
bench_dll="$root/bench/Lotgenoten.Bench.Report/bin/Release/net10.0/Lotgenoten.Bench.Report.dll"
rc=0
SCALE_SQLITE="$(realpath "$SCALE_SQLITE")"
(cd "$out" && dotnet "$bench_dll" --sqlite "$SCALE_SQLITE" --postgres "$SCALE_POSTGRES" --year "$year") || rc=$?  # BenchmarkDotNet.Artifacts/ in bench/out

# 2. The API on the published app, per database.
api() { # name provider connection-string
  say "Starting the published app on $1 (port $port)"
  (cd "$PUBLISH_DIR" && ASPNETCORE_ENVIRONMENT=Development Database__Provider="$2" ConnectionStrings__Lotgenoten="$3" \
    Demo__Seed=false Logging__LogLevel__Default=Warning \
    exec dotnet "$PUBLISH_DIR/Lotgenoten.Web.dll" --urls "http://127.0.0.1:$port") >"$out/report-app-$1.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  dotnet "$bench_dll" --api "http://127.0.0.1:$port" --year "$year" --requests "${REQUESTS:-30}" --name "$1" || rc=1
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; app=0
}
api sqlite Sqlite "Data Source=$SCALE_SQLITE"
api postgres Postgres "$SCALE_POSTGRES"
exit "$rc"
