"""Extraction accuracy against the corpus gold, and extraction speed.

    .venv/bin/python bench/accuracy.py [--workers 2] [--real-pdfs DIR ...] [--real-only] [--misses]

Prints: the gold scores (doc_type, organization, projects F1, budgets, ITA, measures, planted
problems, false alarms); the dictionary share of the pages read from the real PDFs
(../shared/real-pdfs and real-pdfs-2; OCR where a text layer is missing or junk) per file and
folder, and which pages were OCR'd and why;
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
from prongsai.flows import registry
from prongsai.flows.sandbox import Extractor
from prongsai.sample.gold import CORPUS_DIR, Scores, axis_lines, load_gold, score, score_by_axis

ROOT = Path(__file__).resolve().parents[1]
# The organizations the corpora are drawn from, as the warehouse would know them.
SAMPLE_REGISTRY = ROOT / "sample" / "registry" / "sample_dla.csv"
REAL_PDFS = [ROOT.parent / "shared" / "real-pdfs", ROOT.parent / "shared" / "real-pdfs-2"]


def accuracy(
    workers: int | None, misses: bool, corpus: Path = CORPUS_DIR, *, by_axis: bool = False
) -> Scores:
    golds = load_gold(corpus)
    items = [(name, (corpus / name).read_bytes()) for name in golds]
    t0 = time.perf_counter()
    with Extractor(workers, registry=registry.from_file(SAMPLE_REGISTRY)) as ex:
        results = {o.file: (o.result or {"error": o.error}) for o in ex.map(items)}
    wall = time.perf_counter() - t0
    s = score(results, golds)
    print(f"== accuracy on {len(golds)} PDFs of {corpus} ({wall:.1f} s wall)")
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
    if by_axis:
        print("== by layout axis")
        for line in axis_lines(score_by_axis(results, golds)):
            print("  " + line)
    return s


def real_pdfs(folders: list[Path], *, ocr: bool = True, pages_too: bool = False) -> None:
    """Per folder: each file's dictionary share over its measured pages (mean, min), the pages
    OCR'd and why (no text layer, junk letters, Thai that is not words), and the folder's
    figures: mean over its measured pages, mean of the file means, worst file."""
    for folder in folders:
        files = sorted(folder.glob("*.pdf"))
        if not files:
            print(f"== real PDFs: {folder} absent, skipped")
            continue
        print(f"== dictionary share of the pages read from {folder} (ocr={ocr})")
        file_means: dict[str, float] = {}
        all_shares: list[float] = []
        t0 = time.perf_counter()
        for f in files:
            pages = pdftext.read_pages(f.read_bytes(), ocr=ocr)
            measured = [p for p in pages if pdftext.is_measured(p)]
            shares = [p.dictionary_share or 0.0 for p in measured]
            all_shares += shares
            methods = {m: sum(p.method == m for p in pages) for m in ("text", "ocr", "empty")}
            ocred: dict[str, list[int]] = {}
            for p in pages:
                if reason := pdftext.why_ocr(p):
                    ocred.setdefault(reason, []).append(p.number)
            figures = "no measured page"
            if shares:
                file_means[f.name] = sum(shares) / len(shares)
                figures = f"mean {file_means[f.name]:.3f} min {min(shares):.3f}"
            print(
                f"  {f.name}: {len(pages)} pages {methods}, {len(measured)} measured, {figures}"
                + "".join(f"; OCR {why}: {_ranges(n)}" for why, n in ocred.items())
            )
            if pages_too:
                for p in measured:
                    print(f"    p{p.number} {p.method} {p.dictionary_share:.3f}")
        if file_means:
            worst = min(file_means, key=file_means.__getitem__)
            print(
                f"  folder: {len(all_shares)} measured pages, mean {sum(all_shares) / len(all_shares):.3f};"
                f" mean of file means {sum(file_means.values()) / len(file_means):.3f};"
                f" worst file {worst} {file_means[worst]:.3f} ({time.perf_counter() - t0:.0f} s)"
            )


def _ranges(numbers: list[int]) -> str:
    """ "1-3,7" for [1, 2, 3, 7]."""
    out: list[str] = []
    for n in numbers:
        if out and int(out[-1].split("-")[-1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ",".join(out)


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
    parser.add_argument("--real-pdfs", type=Path, nargs="*", default=REAL_PDFS)
    parser.add_argument("--real-only", action="store_true", help="only the real PDFs' figures")
    parser.add_argument("--no-ocr", action="store_true", help="real PDFs: text layers only")
    parser.add_argument("--pages", action="store_true", help="real PDFs: every page's share")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--corpus", type=Path, action="append", help="gold folders (default: the fixed corpus)"
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    if args.real_only:
        real_pdfs(args.real_pdfs, ocr=not args.no_ocr, pages_too=args.pages)
        return 0
    for corpus in args.corpus or [CORPUS_DIR]:
        accuracy(args.workers, args.misses, corpus, by_axis=corpus != CORPUS_DIR)
    real_pdfs(args.real_pdfs, ocr=not args.no_ocr, pages_too=args.pages)
    if not args.skip_speed:
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
