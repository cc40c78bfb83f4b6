"""Extraction accuracy against the corpus gold, and extraction speed.

    .venv/bin/python bench/accuracy.py [--workers 2] [--real-pdfs ../shared/real-pdfs] [--misses]

Prints: the gold scores (doc_type, organization, projects F1, budgets, ITA, measures, planted
problems, false alarms); the dictionary share of the real PDFs' text pages, raw and repaired;
pages per second per core for text-layer pages and CPU seconds per OCR page, and the ratio against plain
pdfplumber `extract_text()` on the same text pages (one process, one thread, same run).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

import pdfplumber

from prongsai.extract import pdftext
from prongsai.extract.document import extract_document
from prongsai.flows.sandbox import Extractor
from prongsai.sample.gold import CORPUS_DIR, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
REAL_PDFS = ROOT.parent / "shared" / "real-pdfs"


def accuracy(workers: int | None, misses: bool) -> None:
    golds = load_gold()
    items = [(name, (CORPUS_DIR / name).read_bytes()) for name in golds]
    t0 = time.perf_counter()
    with Extractor(workers) as ex:
        results = {o.file: (o.result or {"error": o.error}) for o in ex.map(items)}
    wall = time.perf_counter() - t0
    s = score(results, golds)
    print(f"== accuracy on {len(golds)} corpus PDFs ({wall:.1f} s wall)")
    for line in s.lines():
        print("  " + line)
    if misses:
        for name in ("doc_type", "org_name", "org_province", "dimension", "budgets", "ita_scores"):
            for m in getattr(s, name).misses:
                print(f"  miss {name}: {m}")
        for m in s.projects.misses + s.measures.misses + s.planted.misses:
            print(f"  miss: {m}")
        for m in s.false_alarms + s.failures:
            print(f"  alarm/failure: {m}")


def real_pdfs(folder: Path) -> None:
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"== real PDFs: {folder} absent, skipped")
        return
    print(f"== dictionary share on the real PDFs' text pages ({folder})")
    worst, pages, raw_total, text_total = 1.0, 0, 0, 0
    for f in files:
        for page in pdftext.read_pages(f.read_bytes(), ocr=False):
            if page.method != "text":
                continue
            raw_share = pdftext.dictionary_share(page.raw)
            share = page.dictionary_share or 0.0
            worst = min(worst, share)
            pages += 1
            raw_total += len(page.raw)
            text_total += len(page.text)
            print(
                f"  {f.name} p{page.number}: raw {raw_share:.3f} -> {share:.3f}  chars {len(page.text) / max(1, len(page.raw)):.3f}"
            )
    print(
        f"  text pages {pages}; worst repaired share {worst:.3f}; chars repaired/raw {text_total / max(1, raw_total):.3f}"
    )


def speed() -> None:
    golds = load_gold()
    text_s = ocr_s = plain_s = ocr_cpu = 0.0
    text_pages = ocr_pages = 0
    for name, gold in golds.items():
        data = (CORPUS_DIR / name).read_bytes()
        t0, c0 = time.perf_counter(), time.process_time()
        doc = extract_document(data, name, ocr_workers=1)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        n_ocr = sum(p.method == "ocr" for p in doc.pages)
        n_text = sum(p.method == "text" for p in doc.pages)
        if gold.get("scan") or n_ocr:
            ocr_s += took
            ocr_cpu += cpu
            ocr_pages += n_ocr
            continue
        text_s += took
        text_pages += n_text
        t0 = time.perf_counter()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
        plain_s += time.perf_counter() - t0
    print("== speed (one process, OMP_THREAD_LIMIT=1)")
    if text_pages:
        print(
            f"  text-layer pages: {text_pages / text_s:.2f} pages/s per core (full extraction: text, tables, parsers)"
        )
        print(
            f"  plain pdfplumber extract_text on the same pages: {text_pages / plain_s:.2f} pages/s"
        )
        print(f"  ratio full/plain time: {text_s / plain_s:.2f}x")
    if ocr_pages:
        print(
            f"  OCR pages: {ocr_cpu / ocr_pages:.2f} CPU s per page (one thread; tesseract runs"
            f" in-process), {ocr_s / ocr_pages:.2f} s wall per page ({ocr_pages} pages)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--real-pdfs", type=Path, default=REAL_PDFS)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    accuracy(args.workers, args.misses)
    real_pdfs(args.real_pdfs)
    if not args.skip_speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
