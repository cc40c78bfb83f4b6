#!/usr/bin/env bash
# Set up everything prongsai needs on a Debian 12 machine; safe to run again.
# Sourced by scripts/demo.sh and scripts/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PRONGSAI_VENV:-$ROOT/.venv}"
DEBS=(fonts-thai-tlwg tesseract-ocr tesseract-ocr-tha poppler-utils)
[[ "${PRONGSAI_WITH_POSTGRES:-0}" == 1 ]] && DEBS+=(postgresql)
[[ "${PRONGSAI_WITH_CHROMIUM:-0}" == 1 ]] && DEBS+=(chromium)

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp="$VENV/.prongsai-installed"
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "setup: creating virtual environment $VENV"
  python3 -m venv "$VENV"
fi
if [[ ! -f "$stamp" || "$ROOT/pyproject.toml" -nt "$stamp" ]]; then
  echo "setup: installing prongsai and its Python dependencies"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$ROOT[dev,postgres,dask]"
  touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
export PYTHAINLP_OFFLINE=1
