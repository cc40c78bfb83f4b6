#!/usr/bin/env bash
# mypy --strict on the packages. The folders are mapped to prongsai.* by setuptools, which mypy
# cannot follow through the editable install, so it reads them through a tree of symlinks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shim="$ROOT/build/mypy/prongsai"
mkdir -p "$shim"
for pkg in spiders extract flows warehouse sample; do
  ln -sfn "$ROOT/$pkg" "$shim/$pkg"
done
cd "$ROOT"
mypy --strict -p prongsai.extract -p prongsai.spiders -p prongsai.flows -p prongsai.warehouse -p prongsai.sample
