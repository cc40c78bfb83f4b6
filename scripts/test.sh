#!/usr/bin/env bash
# Lint, type-check and run the whole test suite (sets itself up first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PRONGSAI_WITH_POSTGRES=1
export PRONGSAI_WITH_CHROMIUM=1  # the report is checked as a browser shows it
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

if [[ -z "${PRONGSAI_TEST_PG_URL:-}" ]]; then
  # A throwaway PostgreSQL cluster on a loopback port for the warehouse tests.
  eval "$(bash "$ROOT/scripts/pg-test-server.sh")"
fi

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy (strict)"
bash "$ROOT/scripts/mypy.sh"
echo "== pytest"
set +e
pytest -n 2 "$@"
rc=$?
set -e
if [[ $rc -eq 5 ]]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit $rc
