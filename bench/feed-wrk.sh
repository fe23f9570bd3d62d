#!/usr/bin/env bash
# Calendar feed vs a static file of the same bytes, side by side with wrk (issue 3's measurement; issue 9 builds on it).
# Publishes a Release build from a temporary clone with the feed's bytes added as a static file, starts it on
# 127.0.0.1:5090 with demo data, and alternates: static file, feed (200), feed with If-None-Match (304).
# Prints one line per round and the ratios of the medians. Needs wrk (apt-get install wrk). Loopback only.
# Environment: PORT (default 5090), SECONDS_PER_RUN (default 8), WORKTREE=1 to measure the working tree's uncommitted
# state instead of the last commit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port="${PORT:-5090}"
if [[ "${WORKTREE:-0}" == 1 ]]; then
  mkdir -p "$work/src"
  (cd "$root" && tar --exclude=./.git --exclude='*/bin' --exclude='*/obj' --exclude='*/App_Data' -cf - .) | tar -xf - -C "$work/src"
else
  git clone -q "$root" "$work/src"
fi
# The feed of demo participant Zonnebloem is ~0.9 KB; a placeholder of the same size is replaced after the first start.
cd "$work/src"
dotnet publish Lotgenoten.Web -c Release -o "$work/pub" --nologo -v quiet
start() {
  ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Lotgenoten="Data Source=$work/bench.db" Logging__LogLevel__Default=Warning \
    dotnet "$work/pub/Lotgenoten.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$work/pub" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 1; done
  echo "app did not start" >&2; exit 1
}
start
feed="http://127.0.0.1:$port/calendar/demo-zonnebloem.ics"
curl -sf "$feed" -o "$work/src/Lotgenoten.Web/wwwroot/bench-static.ics"
kill "$app"; wait "$app" 2>/dev/null || true
dotnet publish Lotgenoten.Web -c Release -o "$work/pub" --nologo -v quiet
start
etag="$(curl -s -D - -o /dev/null "$feed" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')"
printf 'wrk.headers["If-None-Match"] = %s\n' "'$etag'" >"$work/inm.lua"
rps() { wrk -t2 -c32 -d"${SECONDS_PER_RUN:-8}s" "$@" 2>/dev/null | awk '/Requests\/sec/ {print $2}'; }
: >"$work/rounds"
for round in 1 2 3; do
  s=$(rps "http://127.0.0.1:$port/bench-static.ics"); f=$(rps "$feed"); n=$(rps -s "$work/inm.lua" "$feed")
  echo "round $round static=$s feed=$f feed304=$n" | tee -a "$work/rounds"
done
python3 - "$work/rounds" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r"(\w+)=([\d.]+)", line)) for line in open(sys.argv[1])]
med = {k: statistics.median(float(r[k]) for r in rows) for k in ("static", "feed", "feed304")}
print(f"RESULT feed-vs-static {med['feed']/med['static']:.3f}")
print(f"RESULT feed304-vs-static {med['feed304']/med['static']:.3f}")
PY
