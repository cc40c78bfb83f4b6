"""python -m prongsai.sample.corpus_build.randomized --seeds 100001-100300 --out DIR [--jobs 2]

With --select-from DIR it copies a stratified subset of an already built set to --out instead
(and writes its README.md).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from prongsai.sample.corpus_build.randomized import build, readme


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m prongsai.sample.corpus_build.randomized")
    ap.add_argument("--seeds", help="e.g. 1-120 or 100001-100300,7")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--select-from", type=Path, help="copy a stratified subset of this set")
    ap.add_argument("--count", type=int, default=80)
    ap.add_argument("--max-mb", type=float, default=25.0)
    args = ap.parse_args(argv)
    if args.select_from:
        chosen = build.copy_sample(args.select_from, args.out, args.count, args.max_mb)
        readme.write(args.out, chosen, args.select_from)
        print(f"{len(chosen)} documents copied to {args.out}")
        return 0
    if not args.seeds:
        ap.error("--seeds is required")
    start = time.monotonic()
    golds = build.build(build.parse_seeds(args.seeds), args.out, jobs=args.jobs)
    took = time.monotonic() - start
    print(f"{len(golds)} documents in {args.out} ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
