#!/usr/bin/env bash
# Calendar feed vs a static file of the same bytes, side by side with wrk (issue 3's measurement; issue 9 builds on it).
# Publishes a Release build from a temporary clone with the feed's bytes added as a static file, starts it on
# 127.0.0.1:5090 with demo data, and alternates: static file, feed (200), feed with If-None-Match (304).
# Prints one line per round and the ratios of the medians. Needs wrk (apt-get install wrk). Loopback only.
# Environment: PORT (default 5090), SECONDS_PER_RUN (default 8), WORKTREE=1 to measure the working tree's uncommitted
# state instead of the last commit, PUBLISH_DIR to measure a finished `dotnet publish -c Release` of Lotgenoten.Web
# (bench/run.sh): it is copied, and the static file is added to the copy's wwwroot and its static asset manifest the way
# a build would add it (plain, not fingerprinted), so that `MapStaticAssets` serves it.
# Ends with RESULT lines: feed ÷ static (target ≥ 1.0) and 304 ÷ static (target ≥ 3.0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port="${PORT:-5090}"
if [[ -n "${PUBLISH_DIR:-}" ]]; then
  cp -a "$PUBLISH_DIR" "$work/pub"
  mkdir -p "$work/src/Lotgenoten.Web/wwwroot"
elif [[ "${WORKTREE:-0}" == 1 ]]; then
  mkdir -p "$work/src"
  (cd "$root" && tar --exclude=./.git --exclude='*/bin' --exclude='*/obj' --exclude='*/App_Data' -cf - .) | tar -xf - -C "$work/src"
else
  git clone -q "$root" "$work/src"
fi
# The feed of demo participant Zonnebloem is ~0.9 KB; a placeholder of the same size is replaced after the first start.
cd "$work/src"
[[ -n "${PUBLISH_DIR:-}" ]] || dotnet publish Lotgenoten.Web -c Release -o "$work/pub" --nologo -v quiet
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
if [[ -n "${PUBLISH_DIR:-}" ]]; then
  # The manifest entry a build writes for a plain (not fingerprinted) file in wwwroot, without its compressed variants
  # (wrk sends no Accept-Encoding, so they would not be chosen anyway).
  cp "$work/src/Lotgenoten.Web/wwwroot/bench-static.ics" "$work/pub/wwwroot/bench-static.ics"
  python3 - "$work/pub" <<'PY'
import base64, email.utils, hashlib, json, os, sys
pub = sys.argv[1]
path = os.path.join(pub, "wwwroot", "bench-static.ics")
data = open(path, "rb").read()
digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
manifest_path = os.path.join(pub, "Lotgenoten.Web.staticwebassets.endpoints.json")
manifest = json.load(open(manifest_path))
manifest["Endpoints"].append({
    "Route": "bench-static.ics",
    "AssetFile": "bench-static.ics",
    "Selectors": [],
    "ResponseHeaders": [
        {"Name": "Cache-Control", "Value": "max-age=3600, must-revalidate"},
        {"Name": "Content-Length", "Value": str(len(data))},
        {"Name": "Content-Type", "Value": "text/calendar"},
        {"Name": "ETag", "Value": f'"{digest}"'},
        {"Name": "Last-Modified", "Value": email.utils.formatdate(os.path.getmtime(path), usegmt=True)},
    ],
    "EndpointProperties": [{"Name": "integrity", "Value": f"sha256-{digest}"}],
})
json.dump(manifest, open(manifest_path, "w"), indent=2)
PY
else
  dotnet publish Lotgenoten.Web -c Release -o "$work/pub" --nologo -v quiet
fi
start
# The static file must answer 200 with the feed's bytes (a 404 would be measured as fast as a re-executed error page).
curl -sf "http://127.0.0.1:$port/bench-static.ics" | cmp -s - "$work/src/Lotgenoten.Web/wwwroot/bench-static.ics" \
  || { echo "the static file is not served with the feed's bytes" >&2; exit 1; }
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
for name, key, target in (("feed-vs-static", "feed", 1.0), ("feed304-vs-static", "feed304", 3.0)):
    ratio = med[key] / med["static"]
    print(f"RESULT {name} {ratio:.3f} target {target} {'PASS' if ratio >= target else 'MISS'}")
PY
