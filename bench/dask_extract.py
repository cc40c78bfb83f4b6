"""The extraction stage on a Dask cluster (prefect-dask): 1 worker, then 2, on the same documents.

    .venv/bin/python bench/dask_extract.py [--docs 48] [--batch 6] [--scans]

Takes `--docs` documents of the national sample web (text-layer ones unless ``--scans``), stores
them and registers them in a fresh SQLite warehouse, then runs the harvest's extract-and-load
flow (`prongsai.flows.harvest.extract_and_load`) on a `distributed.LocalCluster` through
`DaskTaskRunner(address=...)`, once with 1 worker process and once with 2, each on a copy of
the same warehouse, all of them reporting to one Prefect server. Prints the flow's wall time, documents/s and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from prongsai.flows.harvest import ExtractSummary, _extract
from prongsai.sample.web.documents import corpus
from prongsai.sample.web.national import NationalWeb
from prongsai.spiders.store import FileStore
from prongsai.warehouse import db, load


def seed(out: Path, docs: int, scans: bool) -> str:
    """A warehouse with `docs` stored, not yet extracted, national documents."""
    web = NationalWeb.from_json(sites=docs)
    store = FileStore(out / "files")
    url = f"sqlite:///{out / 'seed.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    picked = 0
    now = datetime.now(UTC)
    with db.session_scope(engine) as session:
        for org in web.orgs:
            site = web.sites[str(org.domain)]
            files = [f for f in site.files if f.kind == "target" and f.source.scan == scans]
            if not files:
                continue
            load.upsert_organizations(
                session, [load.OrgRecord(name=org.full_name, org_id=org.code)]
            )
            for f in files[:1]:
                sha, path = store.put(f.body, ".pdf")
                load.upsert_document(session, url=f"http://{site.domain}{f.href}", sha256=sha,
                                     seen_at=now, org_id=org.code, size=len(f.body),
                                     path=str(path.relative_to(store.root)))  # fmt: skip
                picked += 1
            if picked >= docs:
                break
    engine.dispose()
    return url


@contextmanager
def one_prefect_server() -> Iterator[None]:
    """One Prefect API for the flow and every Dask worker. Without PREFECT_API_URL each worker
    process starts a temporary server of its own on its first task (~10 s of CPU each, measured
    as a whole core's worth of overhead against 2 cores)."""
    from prefect.logging.handlers import APILogWorker
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        APILogWorker.drain_all(timeout=5)  # the last logs, before their server goes
        del os.environ["PREFECT_API_URL"]
        server.stop()


def run(out: Path, seed_url: str, workers: int, batch: int) -> tuple[ExtractSummary, float]:
    from dask import config
    from distributed import LocalCluster

    copy = out / f"workers{workers}.sqlite"
    shutil.copy(seed_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    # Each extraction runs in a sandboxed child process: Dask workers must not be daemons.
    with (
        config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        t0 = time.perf_counter()
        summary = _extract(url, out / "files", (), 1, cluster.scheduler_address, batch,
                           True, False)  # fmt: skip
        return summary, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=48)
    parser.add_argument("--batch", type=int, default=6, help="documents per Dask task")
    parser.add_argument("--scans", action="store_true", help="scanned documents (OCR) instead")
    parser.add_argument("--out", type=Path, default=Path("var/bench-dask"))
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    corpus()  # warm the corpus cache outside the timings
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    seed_url = seed(args.out.resolve(), args.docs, args.scans)
    kind = "scanned (OCR)" if args.scans else "text-layer"
    print(f"== extraction on a Dask LocalCluster: {args.docs} {kind} documents, "
          f"{args.batch} per task, same documents each run (2 cores, shared)")  # fmt: skip
    walls: dict[int, float] = {}
    for workers in (1, 2):
        with one_prefect_server():
            summary, wall = run(args.out.resolve(), seed_url, workers, args.batch)
        walls[workers] = summary.seconds
        load = os.getloadavg()[0]
        print(f"  {workers} worker(s): {summary.seconds:.1f} s in the flow ({wall:.1f} s with "
              f"cluster start), {summary.pending / summary.seconds:.2f} docs/s, loaded "
              f"{summary.loaded}, failed {summary.failed}; load average {load:.1f} "
              f"on {os.cpu_count()} cores")  # fmt: skip
    print(f"  speed-up 2 workers / 1 worker: {walls[1] / walls[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
