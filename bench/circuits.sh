#!/usr/bin/env bash
# Measurements 3 and 4 of issue 9 with the circuit load client (bench/Lotgenoten.Bench.Circuits): managed heap per
# Blazor circuit on the waiting list and on a minimal page, and the p95 of a click on the attendance register.
# Environment:
#   PUBLISH_DIR   a `dotnet publish -c Release` of Lotgenoten.Web (made from the working tree when unset)
#   SCALE_SQLITE  a seeded SQLite database (copied, never changed); the demo data when unset
#   IDS_FILE      register ids for the latency run (the scale seeder's --ids-file); found through /groepen when unset
#   N             circuits per measurement (default 500; with the demo data the latency run uses at most one per member)
#   MEASURE_SECONDS seconds of clicking that count (default 30, after 5 s of warm-up)
#   PORT          the app's port (default 5183)
# Prints INFO lines and ends with the RESULT lines. Loopback only; the app runs in Development with Bench__Diagnostics.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
port="${PORT:-5183}"
n="${N:-500}"
app=""
cleanup() { [[ -n "$app" ]] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [[ -z "${PUBLISH_DIR:-}" ]]; then
  echo "publishing Lotgenoten.Web (Release) ..." >&2
  dotnet publish "$root/Lotgenoten.Web" -c Release -o "$work/pub" --nologo -v quiet >&2
  PUBLISH_DIR="$work/pub"
fi
dotnet build "$root/bench/Lotgenoten.Bench.Circuits/Lotgenoten.Bench.Circuits.csproj" -c Release -o "$work/client" --nologo -v quiet >&2

if [[ -n "${SCALE_SQLITE:-}" ]]; then
  cp "$SCALE_SQLITE" "$work/bench.db"
  seed=false
else
  seed=true
fi

start_app() {
  ASPNETCORE_ENVIRONMENT=Development Bench__Diagnostics=true Demo__Seed="$seed" Retention__Enabled=false \
    ConnectionStrings__Lotgenoten="Data Source=$work/bench.db" Logging__LogLevel__Default=Warning \
    DataProtection__DevelopmentKeyDirectory="$work/keys" Smtp__PickupDirectory="$work/mail" \
    dotnet "$PUBLISH_DIR/Lotgenoten.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$PUBLISH_DIR" >>"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 1; done
  echo "app did not start; its log:" >&2; tail -50 "$work/app.log" >&2; exit 1
}

# The client shares the two cores with the app. It does little per message (reads a batch's tables, answers JS calls
# with constants; workstation non-concurrent GC), reports its own CPU next to the app's, and a busy client can only
# make the latency worse (its receive timestamps late), never better. (Running it under `nice` was tried: on a
# machine loaded by others its SignalR pings then came too late and the server dropped circuits.)
client() { dotnet "$work/client/Lotgenoten.Bench.Circuits.dll" "$@" --base "http://127.0.0.1:$port"; }

start_app
echo "== memory: $n circuits on /_bench/leeg, then on /wachtlijst (coordinator)" >&2
client memory --n "$n" | tee "$work/memory.out"

# A fresh app for the latency run, so that the memory run's garbage and caches do not count.
kill "$app"; wait "$app" 2>/dev/null || true; app=""
start_app
echo "== latency: $n circuits on attendance registers (facilitator), one click a second each" >&2
latency_args=(latency --n "$n" --seconds "${MEASURE_SECONDS:-30}" --server-pid "$app")
[[ -n "${IDS_FILE:-}" ]] && latency_args+=(--ids-file "$IDS_FILE")
client "${latency_args[@]}" | tee "$work/latency.out"

echo
grep -h '^RESULT' "$work/memory.out" "$work/latency.out"
