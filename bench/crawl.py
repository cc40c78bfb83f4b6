"""Crawl benchmark on the sample web: a first crawl of N sites, then a refresh after a few changes.

    .venv/bin/python bench/crawl.py [--sites 1000] [--changed 10] [--out var/bench-crawl]

Prints sites/minute, requests per site, documents found / expected, bytes transferred on the first
crawl and on the refresh, and their ratio. The crawl runs as its own process (as in production);
the sample web serves every site from one loopback port.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from prongsai.flows.crawl import crawl_command, run_crawl
from prongsai.sample.web import SampleWeb, serve_in_thread, write_orgs_csv
from prongsai.warehouse.db import make_engine
from prongsai.warehouse.models import DocumentVersion, Fetch


def fetched_bytes(db_url: str, since: datetime) -> tuple[int, int]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(
            select(func.coalesce(func.sum(Fetch.bytes), 0), func.count()).where(
                Fetch.fetched_at >= since
            )
        ).one()
    engine.dispose()
    return int(row[0]), int(row[1])


def found_documents(db_url: str, web: SampleWeb) -> tuple[int, int]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        shas = set(conn.scalars(select(DocumentVersion.sha256)))
    engine.dispose()
    expected = [d for s in web.sites.values() if not s.hang for d in s.documents]
    return sum(d.sha256 in shas for d in expected), len(expected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=10, help="sites changed before the refresh")
    parser.add_argument("--out", type=Path, default=Path("var/bench-crawl"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    db = f"sqlite:///{args.out / 'bench.sqlite'}"
    web = SampleWeb.from_registry(sites=args.sites)
    write_orgs_csv([s.org for s in web.sites.values()], args.out / "orgs.csv", raw=False)
    with serve_in_thread(web=web) as server:
        cmd = crawl_command(
            db_url=db,
            orgs=args.out / "orgs.csv",
            files=args.out / "files",
            host_map=f"127.0.0.1:{server.port}",
            test=True,
            timeout=20,  # 3 s (the tests') lost PDFs when the cores were shared
        )
        start = datetime.now(UTC)
        t0 = time.perf_counter()
        _, first = run_crawl(cmd, log=args.out / "first.log")
        first_s = time.perf_counter() - t0
        first_bytes, first_requests = fetched_bytes(db, start)
        found, expected = found_documents(db, web)

        codes = [s.org.code for s in web.sites.values() if len(s.documents) >= 2 and not s.hang]
        for code in codes[:: max(1, len(codes) // max(1, args.changed))][: args.changed]:
            server.mutate(code)
        start = datetime.now(UTC)
        t0 = time.perf_counter()
        _, refresh = run_crawl(cmd, log=args.out / "refresh.log")
        refresh_s = time.perf_counter() - t0
        refresh_bytes, refresh_requests = fetched_bytes(db, start)

    sites = max(1, first.sites_done)
    print(f"== crawl of {first.sites_done} sample sites (2 cores, one crawl process)")
    print(f"  first crawl: {first_s:.0f} s, {first.sites_done / first_s * 60:.0f} sites/minute")
    print(f"  requests per site: {first.requests / sites:.1f} (fetch rows {first_requests})")
    print(f"  documents found / expected: {found} / {expected} ({found / max(1, expected):.1%})")
    print(f"  errors: {first.errors}; robots-disallowed decoys fetched: {len(server.decoy_hits)}")
    print(f"  body bytes, first crawl: {first_bytes:,}")
    print(
        f"  refresh after {args.changed} changed sites: {refresh_s:.0f} s, "
        f"new versions {refresh.new_versions}, gone {refresh.gone}, requests {refresh_requests}"
    )
    ratio = refresh_bytes / max(1, first_bytes)
    print(f"  body bytes, refresh: {refresh_bytes:,}  ratio refresh/first {ratio:.2%}")
    wire = refresh.wire_bytes / max(1, first.wire_bytes)
    print(
        f"  wire bytes (gzip, headers): first {first.wire_bytes:,}, "
        f"refresh {refresh.wire_bytes:,}, ratio {wire:.2%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
