"""prongsai: harvest, extract and compare the anti-corruption plans and ITA documents of Thailand's
local administrative organizations.

Run `prongsai COMMAND --help` for the options of each command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from prongsai.flows import crawl
from prongsai.flows import harvest as hv
from prongsai.flows.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Extractor, Outcome
from prongsai.warehouse import export, search


def _add_limits(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers", type=int, default=None, help="parallel worker processes (default: cores)"
    )
    p.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds allowed per document"
    )
    p.add_argument(
        "--memory-mb", type=int, default=DEFAULT_MEMORY_MB, help="memory allowed per document"
    )
    p.add_argument("--no-ocr", action="store_true", help="never OCR pages without a text layer")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="prongsai",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract the facts of PDF files (JSON Lines with --json)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    p.add_argument("--pages", action="store_true", help="with --json: include each page's text")
    _add_limits(p)

    p = sub.add_parser(
        "text", help="print the repaired text of every page (form feed between pages)"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--raw", action="store_true", help="print the text layer as pdfplumber reads it")
    _add_limits(p)

    crawl.add_parsers(sub)
    hv.add_parsers(sub)
    search.add_parser(sub)
    export.add_parser(sub)

    p = sub.add_parser("sample-web", help="serve the bundled sample web of organization sites")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument("--sites", type=int, default=None, help="serve only the first N sites")

    p = sub.add_parser("demo", help="run the whole pipeline on the bundled sample")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="output folder")
    p.add_argument("--workers", type=int, default=None)
    return parser


def _extractor(args: argparse.Namespace, *, with_pages: bool = False) -> Extractor:
    return Extractor(
        args.workers,
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        ocr=not args.no_ocr,
        with_pages=with_pages,
    )


def _read_inputs(files: Sequence[Path]) -> list[tuple[str, bytes | str]]:
    out: list[tuple[str, bytes | str]] = []
    for f in files:
        try:
            out.append((str(f), f.read_bytes()))
        except OSError as exc:
            out.append((str(f), f"unreadable: {exc.strerror or exc}"))
    return out


def _run_extract(args: argparse.Namespace) -> int:
    inputs = _read_inputs(args.files)
    failed = 0

    def emit(outcome: Outcome) -> None:
        nonlocal failed
        if outcome.error is not None:
            failed += 1
            print(f"prongsai extract: {outcome.file}: {outcome.error}", file=sys.stderr)
        if args.json:
            obj = outcome.result or {"file": outcome.file, "error": outcome.error}
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        elif outcome.result is not None:
            print(_summary(outcome.result), flush=True)

    good = [(f, d) for f, d in inputs if isinstance(d, bytes)]
    for f, d in inputs:
        if isinstance(d, str):
            emit(Outcome(f, error=d))
    with _extractor(args, with_pages=args.pages) as ex:
        for _ in ex.map(good, on_done=emit):
            pass
    return 1 if failed else 0


def _summary(r: dict[str, object]) -> str:
    org = r.get("organization") or {}
    name = org.get("name") if isinstance(org, dict) else None
    ita = r.get("ita")
    parts = [
        f"{r['file']}: {r['doc_type']}",
        f"org={name or '?'}",
        f"fiscal_year={r.get('fiscal_year')}",
        f"period={r.get('period')}",
        f"projects={len(r.get('projects') or [])}",  # type: ignore[arg-type]
        f"measures={len(r.get('measures') or [])}",  # type: ignore[arg-type]
    ]
    if isinstance(ita, dict):
        parts.append(f"ita={ita.get('total')} {ita.get('level')}")
    problems = r.get("problems") or []
    parts.append(f"problems={len(problems)}")  # type: ignore[arg-type]
    return "  ".join(parts)


def _run_text(args: argparse.Namespace) -> int:
    args.workers = 1
    [(file, data)] = _read_inputs([args.file])
    if isinstance(data, str):
        print(f"prongsai text: {file}: {data}", file=sys.stderr)
        return 1
    with _extractor(args, with_pages=True) as ex:
        outcome = ex.run(file, data)
    if outcome.result is None:
        print(f"prongsai text: {file}: {outcome.error}", file=sys.stderr)
        return 1
    key = "raw" if args.raw else "text"
    pages = outcome.result["pages"]
    sys.stdout.write("\f".join(p[key] for p in pages))
    sys.stdout.write("\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "extract":
        return _run_extract(args)
    if args.command == "text":
        return _run_text(args)
    if args.command in ("orgs", "crawl", "documents"):
        return crawl.run(args)
    if args.command in ("harvest", "reextract", "compare", "compliance", "serve"):
        return hv.run(args)
    if args.command == "search":
        return search.run(args)
    if args.command == "export":
        return export.run(args)
    if args.command == "sample-web":
        from prongsai.sample.web.__main__ import main as web_main

        web_main(["--port", str(args.port)] + (["--sites", str(args.sites)] if args.sites else []))
        return 0
    if args.command == "demo":
        return hv.demo(args.out, workers=args.workers)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
