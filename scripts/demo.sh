#!/usr/bin/env bash
# Run the main job end to end on the bundled sample (sets itself up first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec prongsai demo --out "${1:-out/demo}"
