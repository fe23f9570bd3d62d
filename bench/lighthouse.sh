#!/usr/bin/env bash
# Issue 9, measurement 5: page weight and Lighthouse on the participant home (/mijn) and the waiting list (/wachtlijst).
# Starts the published app (PUBLISH_DIR; a Release publish of the working tree is made when unset) in Development on
# loopback (fresh demo data; the waiting list on a copy of SCALE_SQLITE when set), and runs Lighthouse (bench/lighthouse, npm ci;
# audit.mjs) with Debian's Chromium signed in through the development sign-in as the demo participant and as the coordinator:
# desktop and mobile preset, RUNS (default 3) runs each, the median of each score.
# Prints RESULT lines (performance ≥ 90 desktop / ≥ 75 mobile, accessibility 100, transferred ≤ 250 KB per page, the
# larger of the two presets' medians). JSON reports are kept in bench/out/lighthouse/.
# Environment: PUBLISH_DIR, SCALE_SQLITE, PORT (default 5184), RUNS (default 3), CHROME_PATH (default /usr/bin/chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-5184}"
runs="${RUNS:-3}"
out="$root/bench/out/lighthouse"
work="$(mktemp -d)"
app=""
trap '[[ -n "$app" ]] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
mkdir -p "$out"
rm -f "$out"/*.json   # reports of an earlier run

if [[ ! -x "$CHROME_PATH" ]]; then
  echo "lighthouse.sh: installing Debian's Chromium" >&2
  apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -d "$root/bench/lighthouse/node_modules/lighthouse" ]]; then
  echo "lighthouse.sh: npm ci in bench/lighthouse" >&2
  (cd "$root/bench/lighthouse" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

pub="${PUBLISH_DIR:-}"
if [[ -z "$pub" ]]; then
  pub="$work/publish"
  echo "lighthouse.sh: publishing Lotgenoten.Web (Release) to $pub" >&2
  dotnet publish "$root/Lotgenoten.Web" -c Release -o "$pub" --nologo -v quiet >&2
fi

# The app on fresh demo data, or on a copy of a database (signing in writes to the audit log).
start_app() { # database-file-to-copy-or-empty
  stop_app
  local db="$work/lighthouse-$RANDOM.db"
  [[ -n "$1" ]] && cp "$1" "$db"
  ASPNETCORE_ENVIRONMENT=Development Database__Provider=Sqlite ConnectionStrings__Lotgenoten="Data Source=$db" \
    Logging__LogLevel__Default=Warning \
    dotnet "$pub/Lotgenoten.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$pub" >>"$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 1; done
  echo "lighthouse.sh: the app did not start (bench/out/lighthouse/app.log)" >&2
  return 1
}
stop_app() { if [[ -n "$app" ]]; then kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; app=""; fi; return 0; }
: >"$out/app.log"

# Each run: a fresh Chromium, signed in through the development sign-in in the browser itself, then Lighthouse
# (bench/lighthouse/audit.mjs; a Cookie header in --extra-headers does not reach the page's own fetches, so the circuit
# never started and the sign-in page was counted as the page's weight).
# The waiting list runs on SCALE_SQLITE when set (a few hundred waiting); the participant home always on the demo data,
# because the scale database has no demo participant (its participants are generated, without passphrases).
pages=("mijn participant /mijn demo" "wachtlijst coordinator /wachtlijst scale")
for entry in "${pages[@]}"; do
  read -r name user path data <<<"$entry"
  if [[ "$data" == scale && -n "${SCALE_SQLITE:-}" ]]; then start_app "$SCALE_SQLITE" || continue; else start_app "" || continue; fi
  for preset in desktop mobile; do
    for run in $(seq 1 "$runs"); do
      echo "lighthouse.sh: $path $preset run $run" >&2
      rm -f "$out/$name-$preset-$run.json"
      node "$root/bench/lighthouse/audit.mjs" "http://127.0.0.1:$port" "$user" "$path" "$preset" "$out/$name-$preset-$run.json" >&2 \
        || { echo "lighthouse.sh: run failed" >&2; rm -f "$out/$name-$preset-$run.json"; }
    done
  done
done
stop_app

python3 - "$out" "$runs" <<'PY'
import json, os, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
def verdict(ok): return "PASS" if ok else "MISS"
# How fast this machine was while measuring: Lighthouse's CPU benchmark (a desktop of 2020 scores about 1,000-2,000;
# its mobile preset assumes such a host and slows it 4x) and the load average (other work on the same cores).
index = [json.load(open(os.path.join(out, f)))["environment"]["benchmarkIndex"]
         for f in sorted(os.listdir(out)) if f.endswith(".json")]
if index:
    print(f"INFO lighthouse benchmarkIndex median {statistics.median(index):.0f} (min {min(index):.0f}, max {max(index):.0f}), "
          f"load average {open('/proc/loadavg').read().split()[0]}")
for name in ("mijn", "wachtlijst"):
    kbs = []
    for preset, perf_target in (("desktop", 90), ("mobile", 75)):
        perf, a11y, kb = [], [], []
        for run in range(1, runs + 1):
            path = os.path.join(out, f"{name}-{preset}-{run}.json")
            if not os.path.exists(path):
                continue
            report = json.load(open(path))
            cats = report["categories"]
            if report.get("runtimeError") or cats["performance"]["score"] is None:
                continue
            perf.append(round(cats["performance"]["score"] * 100))
            a11y.append(round(cats["accessibility"]["score"] * 100))
            kb.append(report["audits"]["total-byte-weight"]["numericValue"] / 1024)
        if not perf:
            print(f"RESULT lighthouse-{name}-{preset}-performance error target {perf_target} MISS")
            print(f"RESULT lighthouse-{name}-{preset}-accessibility error target 100 MISS")
            continue
        p, a = statistics.median(perf), statistics.median(a11y)
        kbs.append(statistics.median(kb))
        print(f"RESULT lighthouse-{name}-{preset}-performance {p:g} target {perf_target} {verdict(p >= perf_target)}")
        print(f"RESULT lighthouse-{name}-{preset}-accessibility {a:g} target 100 {verdict(a >= 100)}")
    if kbs:
        kb = max(kbs)
        print(f"RESULT lighthouse-{name}-transfer-kb {kb:.0f} target 250 {verdict(kb <= 250)}")
    else:
        print(f"RESULT lighthouse-{name}-transfer-kb error target 250 MISS")
PY
