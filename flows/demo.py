"""The demo: the whole pipeline on the bundled sample, with outputs written under one folder."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from prongsai.flows.sandbox import Extractor, Outcome
from prongsai.sample.gold import CORPUS_DIR, load_gold, score


def _progress(done: int, total: int, outcome: Outcome) -> None:
    status = outcome.error or (outcome.result or {}).get("doc_type")
    print(f"  [{done}/{total}] {outcome.file}: {status}", file=sys.stderr, flush=True)


def run_demo(out: Path, *, workers: int | None = None) -> int:
    """Extract every corpus PDF, score it against the gold and write the results."""
    out.mkdir(parents=True, exist_ok=True)
    golds = load_gold()
    items = [(name, (CORPUS_DIR / name).read_bytes()) for name in golds]
    print(f"prongsai demo: extracting {len(items)} sample PDFs from {CORPUS_DIR}", flush=True)
    started = time.perf_counter()
    results: dict[str, dict[str, object]] = {}
    extractions = out / "extractions.jsonl"
    with Extractor(workers) as ex, extractions.open("w", encoding="utf-8") as fh:
        for i, outcome in enumerate(ex.map(items), 1):
            _progress(i, len(items), outcome)
            obj = outcome.result or {"file": outcome.file, "error": outcome.error}
            results[outcome.file] = obj
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    scores = score(results, golds)
    report = out / "accuracy.txt"
    report.write_text("\n".join(scores.lines()) + "\n", encoding="utf-8")
    print(f"prongsai demo: done in {time.perf_counter() - started:.0f} s")
    for line in scores.lines():
        print("  " + line)
    print(f"  extractions (JSON Lines): {extractions.resolve()}")
    print(f"  accuracy against gold:    {report.resolve()}")
    return 0
