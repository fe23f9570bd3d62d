#!/usr/bin/env bash
# Adds an EF Core migration for both providers (SQLite and PostgreSQL); each has its own folder and model snapshot.
#
#   scripts/add-migration.sh <Name>            add migration <Name> on top of the existing ones
#   scripts/add-migration.sh --reset <Name>    delete ALL migrations of both providers and create <Name> from scratch
#                                              (e.g. `scripts/add-migration.sh --reset Initial` before the first release)
set -euo pipefail

usage() { echo "usage: $0 [--reset] <MigrationName>" >&2; exit 2; }

reset=false
if [[ "${1:-}" == "--reset" ]]; then reset=true; shift; fi
name="${1:-}"
[[ -n "$name" && $# -eq 1 && "$name" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] || usage

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
project=Lotgenoten.Infrastructure

dotnet tool restore >/dev/null
if $reset; then
  echo "Deleting every migration of both providers"
  rm -rf "$project/Data/Migrations/Sqlite" "$project/Data/Migrations/Postgres"
fi
# Build first so that a compile error shows plainly (each `ef` call builds again: others may build at the same time).
dotnet build "$project" --nologo -v quiet

for provider in Sqlite Postgres; do
  echo "Adding migration $name for $provider"
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project "$project" \
    --context "${provider}LotgenotenDbContext" \
    --output-dir "Data/Migrations/$provider"
done

# The design-time SQLite connection string names a file that `migrations add` never needs; remove it if a tool made it.
rm -f "$project/lotgenoten-design-time.db"

echo "Done. Build and run the tests: dotnet test tests/Lotgenoten.Infrastructure.Tests"
