"""Warehouse at national size: load throughput, comparison queries and Thai search latency.

The sample corpus's extractions (extracted once, cached as JSON) are replicated to --orgs
organizations (default 8,000; each gets --docs-per-org documents, default 1, sha256s and numbers varied a
little) and loaded into SQLite (a temporary file) and PostgreSQL (PRONGSAI_TEST_PG_URL, in a
throwaway schema; skipped with a message when unset), with the search index.

    .venv/bin/python bench/warehouse.py [--orgs 8000] [--docs-per-org 2] [--cache FILE]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from sqlalchemy import Engine, text

from prongsai.flows.harvest import to_document
from prongsai.warehouse import db, load, query, search

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample" / "corpus"
DEFAULT_CACHE = ROOT / "var" / "bench-warehouse" / "corpus.json"
NOW = datetime(2025, 1, 15, tzinfo=UTC)
PROVINCES = ["นครสวรรค์", "กระบี่", "ขอนแก่น", "เชียงใหม่", "ลำปาง", "พิษณุโลก", "สงขลา", "อุดรธานี"]
TYPES = ["อบต.", "ทต.", "ทม.", "ทน."]
QUERIES = ["ผลประโยชน์ทับซ้อน", "การจัดซื้อจัดจ้าง", "เปิดเผยข้อมูล", "คุณธรรม ความโปร่งใส", "สินบน"]
BATCH = 250


def corpus_json(cache: Path) -> list[dict[str, Any]]:
    """The corpus's extractions with page text: from the cache, else extracted once and cached."""
    if cache.exists():
        data: list[dict[str, Any]] = json.loads(cache.read_text(encoding="utf-8"))
        return data
    from prongsai.flows.sandbox import Extractor

    files = sorted(CORPUS.glob("*.pdf"))
    print(f"extracting {len(files)} corpus PDFs once (cached in {cache}) ...", flush=True)
    out = []
    with Extractor(with_pages=True) as ex:
        for outcome in ex.map([(f.name, f.read_bytes()) for f in files]):
            if outcome.result is None:
                print(f"  {outcome.file}: {outcome.error}", file=sys.stderr)
            else:
                out.append(outcome.result)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def _vary(value: float | None, rng: random.Random, cap: float | None = None) -> float | None:
    if value is None:
        return None
    varied = round(value * rng.uniform(0.95, 1.05), 2)
    return min(varied, cap) if cap is not None else varied


def replica(template: dict[str, Any], org: int, copy_no: int, rng: random.Random) -> dict[str, Any]:
    """A copy of one extraction as if another organization had published it."""
    data = copy.deepcopy(template)
    data["sha256"] = hashlib.sha256(f"{org}:{copy_no}:{template['sha256']}".encode()).hexdigest()
    data["file"] = f"o{org}-{template['file']}"
    for project in data.get("projects") or []:
        project["budgets"] = {k: _vary(v, rng) for k, v in project["budgets"].items()}
    ita = data.get("ita")
    if ita:
        ita["total"] = _vary(ita.get("total"), rng, 100.0)
        for indicator in ita.get("indicators") or []:
            indicator["scores"] = {k: _vary(v, rng, 100.0) for k, v in indicator["scores"].items()}
    return data


def organizations(n: int) -> list[load.OrgRecord]:
    return [
        load.OrgRecord(
            name=f"ตำบลทดสอบ{i}",
            org_id=f"b{i:05d}",
            type=TYPES[i % len(TYPES)],
            district=f"อำเภอ{i % 97}",
            province=PROVINCES[i % len(PROVINCES)],
            website=f"https://b{i:05d}.go.th/",
        )
        for i in range(n)
    ]


def documents(
    templates: list[dict[str, Any]], n_orgs: int, per_org: int
) -> Iterator[tuple[str, dict[str, Any]]]:
    rng = random.Random(7)
    for i in range(n_orgs):
        for k in range(per_org):
            template = templates[(i + k * 5) % len(templates)]
            yield f"b{i:05d}", replica(template, i, k, rng)


def load_all(engine: Engine, templates: list[dict[str, Any]], n_orgs: int, per_org: int) -> None:
    with db.session_scope(engine) as session:
        load.upsert_organizations(session, organizations(n_orgs))
    facts = docs = pages = 0
    started = time.perf_counter()
    search_s = 0.0
    items = list(documents(templates, n_orgs, per_org))
    for at in range(0, len(items), BATCH):
        with db.session_scope(engine) as session:
            for org_id, data in items[at : at + BATCH]:
                doc = to_document(data)
                load.upsert_document(
                    session,
                    url=f"https://{org_id}.go.th/files/{data['file']}",
                    sha256=doc.sha256,
                    seen_at=NOW + timedelta(minutes=docs),
                    org_id=org_id,
                    link_text=data["file"],
                )
                result = load.load_extraction(
                    session, doc, extractor_version="bench", org_id=org_id, now=NOW
                )
                facts += sum(v for k, v in result.counts.items() if k != "pages")
                t = time.perf_counter()
                pages += search.index_pages(session, doc.sha256)
                search_s += time.perf_counter() - t
                docs += 1
    elapsed = time.perf_counter() - started
    print(
        f"  load: {docs:,} documents, {facts:,} facts, {pages:,} pages in {elapsed:.1f} s"
        f" -> {docs / elapsed:,.0f} documents/s, {facts / elapsed:,.0f} facts/s"
        f" (search indexing {search_s:.1f} s of it)"
    )


def timed(label: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - started
    size = f"{len(value):,} rows" if hasattr(value, "__len__") else ""
    print(f"  {label:<28} {elapsed * 1000:8.0f} ms  {size}")
    return value


def queries(engine: Engine, compare: bool) -> None:
    timed("query.ita_scores", lambda: query.ita_scores(engine))
    timed("query.ita_indicators", lambda: query.ita_indicators(engine))
    timed("query.projects_budgets", lambda: query.projects_budgets(engine))
    timed("query.measures", lambda: query.measures(engine))
    timed("query.documents", lambda: query.documents(engine))
    if compare:
        from prongsai.flows.compare import compare_tables

        timed("compare.compare_tables", lambda: compare_tables(engine))


def search_latency(engine: Engine, repeat: int) -> None:
    for q in QUERIES:
        times, hits = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            hits = len(search.search(engine, q))
            times.append((time.perf_counter() - started) * 1000)
        filtered = time.perf_counter()
        search.search(engine, q, province=PROVINCES[0], year=2567)
        filtered_ms = (time.perf_counter() - filtered) * 1000
        print(
            f"  search {q!r:<24} median {statistics.median(times):6.0f} ms"
            f"  max {max(times):6.0f} ms  ({hits} hits shown; with province+year"
            f" {filtered_ms:.0f} ms)"
        )


def bench(name: str, url: str, args: argparse.Namespace, templates: list[dict[str, Any]]) -> None:
    print(f"\n== {name}", flush=True)
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        load_all(engine, templates, args.orgs, args.docs_per_org)
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        queries(engine, args.compare)
        search_latency(engine, args.repeat)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=8000)
    parser.add_argument("--docs-per-org", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each search query")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="time compare.compare_tables too (minutes at 8,000 organizations)",
    )
    parser.add_argument("--only", choices=("sqlite", "postgresql"), default=None)
    args = parser.parse_args(argv)
    templates = corpus_json(args.cache)
    print(
        f"corpus: {len(templates)} extractions; {args.orgs:,} organizations x"
        f" {args.docs_per_org} documents = {args.orgs * args.docs_per_org:,} documents"
    )
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            bench("SQLite", f"sqlite:///{tmp}/bench.sqlite", args, templates)
    if args.only != "sqlite":
        base = os.environ.get("PRONGSAI_TEST_PG_URL")
        if not base:
            print("\n== PostgreSQL: skipped (set PRONGSAI_TEST_PG_URL, e.g. via"
                  " scripts/pg-test-server.sh)")  # fmt: skip
        else:
            with db.scratch_schema(base, prefix="bench") as url:
                bench("PostgreSQL", url, args, templates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
