"""Fault benchmark: harvests over the fault web (plus a few normal sample sites), counted.

    .venv/bin/python bench/faults.py [--sites 6] [--runs 2] [--out var/bench-faults]

The fault web (`prongsai.sample.web.faults`) hangs, drips, resets, fails then recovers, loops,
traps, lies about types and sizes, gzip-bombs, redirects to private and link-local addresses
and to other hosts, sends hostile file names and serves hostile PDFs. Each run is the
`harvest` flow (crawl subprocess, sandboxed extraction, load). Prints faults injected, runs
completed, crashes, documents lost, duplicates, forbidden requests, hostile PDFs recorded as
failed, max memory and wall time. Exits 1 unless crashes, lost, duplicates and forbidden are 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Tight per-document limits, so the bombs fail fast (the defaults are 300 s and 3 GB).
os.environ.setdefault("PRONGSAI_EXTRACT_TIMEOUT", "60")
os.environ.setdefault("PRONGSAI_EXTRACT_MEMORY_MB", "1024")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from sqlalchemy import func, select

from prongsai.sample.web import SampleWeb
from prongsai.sample.web.faults import FaultWeb, serve_faults
from prongsai.warehouse.db import make_engine
from prongsai.warehouse.models import (
    Document,
    DocumentVersion,
    ExtractionRun,
    Fetch,
)


def attempted_forbidden(db_url: str, allowed_hosts: set[str]) -> list[str]:
    """Fetches that went out to a host no site registered (refusals recorded don't count)."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(Fetch.url, Fetch.status, Fetch.error)).all()
    engine.dispose()
    out = []
    for url, status, error in rows:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        refused = status is None and (error or "").startswith("refused:")
        if host not in allowed_hosts and not refused:
            out.append(url)
    return out


def check(
    db_url: str, expected: set[tuple[str, str]], hostile: dict[str, tuple[str, ...]]
) -> dict[str, Any]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        stored = set(
            conn.execute(
                select(Document.url, DocumentVersion.sha256).join(DocumentVersion)
            ).tuples()
        )
        gone = conn.scalar(select(func.count()).where(Document.status == "gone"))
        urls = [u for (u,) in conn.execute(select(Document.url))]
        runs = conn.execute(
            select(ExtractionRun.sha256, ExtractionRun.extractor_version, func.count()).group_by(
                ExtractionRun.sha256, ExtractionRun.extractor_version
            )
        ).all()
        failures = {
            url: error
            for url, error in conn.execute(
                select(Document.url, ExtractionRun.error)
                .join(DocumentVersion, DocumentVersion.document_id == Document.id)
                .join(ExtractionRun, ExtractionRun.sha256 == DocumentVersion.sha256)
                .where(ExtractionRun.outcome == "failed")
            )
        }
    engine.dispose()
    lost = sorted(expected - stored)
    normalized = [u.lower().rstrip("/") for u in urls]
    duplicates = len(normalized) - len(set(normalized)) + sum(n - 1 for _, _, n in runs)
    recorded = {
        url: failures[url]
        for url, reasons in hostile.items()
        if url in failures and (failures[url] or "").split(":", 1)[0] in reasons
    }
    return {"lost": lost, "gone": gone, "duplicates": duplicates, "hostile": recorded,
            "failures": failures}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sites", type=int, default=6, help="normal sample sites beside the faults")
    p.add_argument("--runs", type=int, default=2, help="harvests, one after another")
    p.add_argument("--out", type=Path, default=Path("var/bench-faults"))
    args = p.parse_args(argv)
    from prongsai.flows.harvest import harvest

    started = time.perf_counter()
    shutil.rmtree(args.out, ignore_errors=True)
    (args.out / "no-corpus").mkdir(parents=True)
    web = SampleWeb.from_registry(
        featured_path=None, corpus_dir=args.out / "no-corpus", sites=args.sites
    )
    faults = FaultWeb.build()
    orgs = faults.write_registry(args.out / "orgs.csv", web)
    db_url = f"sqlite:///{(args.out / 'prongsai.sqlite').resolve()}"
    expected = set(faults.expected) | {
        (d.url, d.sha256) for s in web.sites.values() for d in s.documents
    }
    allowed = set(faults.sites) | set(web.sites)
    completed = crashes = 0
    gone_after_first: int | None = None
    with serve_faults(faults, web) as server:
        for run in range(args.runs):
            try:
                result = harvest(
                    db_url=db_url, files=args.out / "files", orgs=orgs, workers=1,
                    host_map=f"127.0.0.1:{server.port}", test=True, crawl_timeout=3.0,
                    ocr=False,
                )  # fmt: skip
            except Exception as exc:  # a crash is what this counts
                crashes += 1
                print(f"run {run + 1}: crashed: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            completed += 1
            crawl = result.crawl
            print(
                f"run {run + 1}: {result.seconds:.0f} s, crawl exit {crawl.exit_code if crawl else '-'}"
                f", extracted {result.extract.loaded} loaded / {result.extract.failed} failed",
                file=sys.stderr,
            )
            if run == 0:
                gone_after_first = check(db_url, expected, faults.hostile)["gone"]
        forbidden = list(faults.forbidden_hits) + list(server.decoy_hits)
    forbidden += attempted_forbidden(db_url, allowed)
    found = check(db_url, expected, faults.hostile)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wall = time.perf_counter() - started
    print(f"faults injected:        {faults.faults} on {len(faults.sites)} fault sites "
          f"(+ {len(web.sites)} normal sites)")  # fmt: skip
    print(f"runs completed:         {completed}/{args.runs}")
    print(f"crashes:                {crashes}")
    print(f"documents lost:         {len(found['lost'])} of {len(expected)}")
    for url, sha in found["lost"]:
        print(f"  lost {url} {sha[:12]}")
    print(f"gone after a bad night: {gone_after_first}")
    print(f"duplicates:             {found['duplicates']}")
    print(f"forbidden requests:     {len(forbidden)}")
    for url in forbidden:
        print(f"  forbidden {url}")
    print(
        f"hostile PDFs recorded:  {len(found['hostile'])}/{len(faults.hostile)} failed with a reason"
    )
    for url in sorted(faults.hostile):
        print(f"  {url.rsplit('/', 1)[-1]:<24} {str(found['failures'].get(url))[:70]}")
    print(f"max memory:             {self_kb / 1024:.0f} MB (this process), "
          f"{child_kb / 1024:.0f} MB (largest child: crawl or sandbox worker)")  # fmt: skip
    print(f"wall time:              {wall:.0f} s")
    bad = crashes or found["lost"] or found["duplicates"] or forbidden or gone_after_first
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
