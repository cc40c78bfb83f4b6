"""`python -m prongsai.sample.corpus_build [STEM-PART]`: rebuild sample/corpus/ (all or matching)."""

from __future__ import annotations

import sys

from prongsai.sample.corpus_build.build import build
from prongsai.sample.corpus_build.readme import write_readme

if __name__ == "__main__":
    only = sys.argv[1] if len(sys.argv) > 1 else None
    build(only=only)
    write_readme()
