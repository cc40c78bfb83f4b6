"""The harvest: crawl -> extract new document versions -> load -> comparisons and compliance.

Thin Prefect 3 flows over typed tasks; only I/O tasks retry (the crawl, database loads):

* `harvest` — the nightly job. The crawl runs as its own subprocess
  (`prongsai.flows.crawl.run_crawl`: Twisted's reactor cannot restart in one process); then every
  stored file with no extraction at the current `EXTRACTOR_VERSION` is extracted in sandboxed
  worker processes (`prongsai.flows.sandbox.Extractor`), loaded batch by batch
  (`load_extraction`, `record_extraction_run`), and the outputs are rewritten.
* `reextract` — the same extraction and load without a crawl, after the extractor changed.
* `compare_outputs`, `compliance_outputs` — the outputs from the warehouse alone.

Resumable: extraction and load are keyed by sha256 and extractor version, and each batch is
committed as soon as it is extracted, so a rerun after a crash (or Ctrl-C) extracts only what is
not loaded yet. A file that failed at this extractor version is not retried unless asked
(``retry_failed``): a broken PDF stays broken until the extractor changes.

Scale-out: with ``dask_address`` the extraction batches run on a Dask cluster through
prefect-dask (``DaskTaskRunner(address=...)``), each batch in its own sandbox on a Dask worker;
loading stays in the flow's process (one writer). Dask workers must be allowed to start
processes: run them with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``
(``dask worker tcp://scheduler:8786 --nworkers 4 --nthreads 1``).

Command-line glue (`add_parsers`, `run`) and the demo (`demo`) are at the end.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.exceptions import MissingContextError
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy import Engine, and_, exists, select

from prongsai.extract import records
from prongsai.flows.crawl import (
    CrawlProgress,
    crawl_command,
    import_orgs,
    run_crawls,
    shard_commands,
)

DEFAULT_DB = os.environ.get("PRONGSAI_DB", "sqlite:///var/prongsai.sqlite")
DEFAULT_FILES = Path("var/files")
BATCH_SIZE = 16


def say(message: str) -> None:
    """One progress line: to stderr for a person at a terminal, and to the run's log."""
    try:
        logger = get_run_logger()
    except MissingContextError:  # outside a flow or task run: plain stderr
        print(f"prongsai: {message}", file=sys.stderr, flush=True)
    else:
        logger.info(message)


_UPGRADED: set[tuple[str, int]] = set()


def _engine(db_url: str) -> Engine:
    """An engine on `db_url` with its schema upgraded: once per SQLite file and process (an
    Alembic check per batch cost ~40 ms), every time elsewhere."""
    from sqlalchemy import make_url

    from prongsai.warehouse import db

    url = make_url(db.normalize_url(db_url))
    key = None
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        with contextlib.suppress(OSError):
            key = (db_url, Path(url.database).stat().st_ino)
    if key is None or key not in _UPGRADED:
        db.upgrade(db_url)
        if key is not None:
            _UPGRADED.add((db_url, Path(str(url.database)).stat().st_ino))
    return db.make_engine(db_url)


def _now() -> datetime:
    return datetime.now(UTC)


# --- records from the extractor's JSON ------------------------------------------------------------


def _build(cls: type[Any], data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def to_document(data: dict[str, Any]) -> records.Document:
    """A `records.Document` back from its contract JSON (`Document.to_json(with_pages=True)`)."""
    doc: records.Document = _build(records.Document, data)
    doc.organization = _build(records.Organization, data.get("organization") or {})
    period = data.get("period")
    doc.period = (int(period[0]), int(period[1])) if period else None
    doc.projects = [_build(records.Project, p) for p in data.get("projects") or []]
    doc.details = [_build(records.Detail, d) for d in data.get("details") or []]
    doc.measures = [_build(records.Measure, m) for m in data.get("measures") or []]
    doc.problems = [_build(records.Problem, p) for p in data.get("problems") or []]
    doc.pages = [_build(records.Page, p) for p in data.get("pages") or []]
    ita = data.get("ita")
    if ita:
        doc.ita = _build(records.Ita, ita)
        doc.ita.indicators = [_build(records.Indicator, i) for i in ita.get("indicators") or []]
    return doc


# --- tasks --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CrawlSummary:
    exit_code: int
    sites: int
    documents: int
    new: int
    changed: int
    gone: int
    errors: int
    seconds: float


@task(retries=1, retry_delay_seconds=60, cache_policy=NONE)
def crawl_sites(
    db_url: str,
    files: Path,
    orgs: Path | None = None,
    only: Sequence[str] = (),
    host_map: str | None = None,
    test: bool = False,
    timeout: float | None = None,
    log: Path | None = None,
    shards: int = 1,
) -> CrawlSummary:
    """Run the crawler's subprocess(es) to the end; a non-zero exit fails the task (and retries).

    With ``shards`` > 1 that many crawl processes each take a share of the sites (one site is
    never split, so per-site politeness holds): one process is bound to one core by Scrapy's
    single-threaded reactor, and on 2 cores two shards crawl ~1.7x faster (bench/national.py).
    """
    started = time.perf_counter()
    cmd = crawl_command(db_url=db_url, orgs=orgs, files=files, only=only, host_map=host_map,
                        test=test, timeout=timeout)  # fmt: skip
    cmds = [cmd]
    if shards > 1:
        if orgs is not None:
            import_orgs(orgs, db_url)
        cmds = shard_commands(cmd, shards)
    shown = [0]

    def progress(p: CrawlProgress) -> None:
        if p.sites_done != shown[0] and (p.sites_done % 25 == 0 or p.sites_done == p.sites_total):
            shown[0] = p.sites_done
            say(f"crawl: {p.line()}")

    code, p = run_crawls(cmds, on_progress=progress, log=log)
    if code != 0:
        raise RuntimeError(f"crawl exited with code {code} (log: {log or 'not kept'})")
    return CrawlSummary(code, p.sites_done, p.documents, p.new, p.new_versions, p.gone,
                        p.errors, time.perf_counter() - started)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Pending:
    sha256: str
    path: str  # as stored in files.path (relative to the file store, or absolute)


@task(cache_policy=NONE)
def find_pending(
    db_url: str,
    extractor_version: str,
    only: Sequence[str] = (),
    retry_failed: bool = False,
) -> list[Pending]:
    """Stored document files with no extraction at `extractor_version` (oldest first)."""
    from prongsai.warehouse.models import (
        Document,
        DocumentVersion,
        Extraction,
        ExtractionRun,
        File,
    )

    done = exists().where(
        and_(Extraction.sha256 == File.sha256, Extraction.extractor_version == extractor_version)
    )
    stmt = (
        select(File.sha256, File.path)
        .join(DocumentVersion, DocumentVersion.sha256 == File.sha256)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(File.path.is_not(None), ~done)
        .group_by(File.sha256, File.path)
        .order_by(File.sha256)
    )
    if only:
        stmt = stmt.where(Document.org_id.in_(list(only)))
    if not retry_failed:
        failed = exists().where(
            and_(
                ExtractionRun.sha256 == File.sha256,
                ExtractionRun.extractor_version == extractor_version,
                ExtractionRun.outcome == "failed",
            )
        )
        stmt = stmt.where(~failed)
    engine = _engine(db_url)
    try:
        with engine.connect() as conn:
            return [Pending(sha, str(path)) for sha, path in conn.execute(stmt)]
    finally:
        engine.dispose()


@dataclasses.dataclass
class Extracted:
    sha256: str
    path: str
    started_at: datetime
    finished_at: datetime
    result: dict[str, Any] | None = None
    error: str | None = None


@task(cache_policy=NONE)
def extract_batch(
    batch: Sequence[Pending],
    files: Path,
    workers: int | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    ocr: bool = True,
    registry: Sequence[Any] = (),
) -> list[Extracted]:
    """Extract one batch in a sandboxed pool; failures come back as `Extracted.error`.

    `registry`: the warehouse's organizations (flows.registry), so misspelt names resolve.

    The batch's documents go to the pool's workers side by side (one at a time left all but
    one worker idle: issue 8); the pool outlives the batch (`_extractor`).
    """
    from prongsai.flows import sandbox

    def one(item: Pending) -> Extracted:
        full = Path(item.path) if Path(item.path).is_absolute() else files / item.path
        started = _now()
        try:
            data = full.read_bytes()
        except OSError as exc:
            return Extracted(item.sha256, item.path, started, _now(),
                             error=f"unreadable: {exc.strerror or exc}")  # fmt: skip
        outcome = extractor.run(item.path, data)
        return Extracted(item.sha256, item.path, started, _now(), outcome.result, outcome.error)

    size = workers or os.cpu_count() or 1
    extractor = _extractor(size, timeout or sandbox.DEFAULT_TIMEOUT_S,
                           memory_mb or sandbox.DEFAULT_MEMORY_MB, ocr, tuple(registry))  # fmt: skip
    with ThreadPoolExecutor(min(size, max(1, len(batch)))) as pool:
        return list(pool.map(one, batch))


_EXTRACTORS: dict[tuple[int, float, int, bool, int], Any] = {}


def _extractor(
    size: int, timeout: float, memory_mb: int, ocr: bool, registry: tuple[Any, ...] = ()
) -> Any:
    """One sandbox pool per process and settings, kept across batches: a new pool per batch
    started (spawned, imported) fresh workers every 16 documents, 2-10 s each (issue 8)."""
    from prongsai.flows import sandbox

    key = (size, timeout, memory_mb, ocr, hash(registry))
    found = _EXTRACTORS.get(key)
    if found is None:
        found = sandbox.Extractor(size, timeout=timeout, memory_mb=memory_mb, ocr=ocr,
                                  with_pages=True, registry=registry)  # fmt: skip
        _EXTRACTORS[key] = found
        atexit.register(found.close)
    return found


@dataclasses.dataclass
class LoadCounts:
    loaded: int = 0
    unchanged: int = 0
    failed: int = 0

    def add(self, other: LoadCounts) -> None:
        self.loaded += other.loaded
        self.unchanged += other.unchanged
        self.failed += other.failed


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE)
def load_batch(db_url: str, extracted: Sequence[Extracted]) -> LoadCounts:
    """Load a batch's records and log every attempt, in one transaction."""
    from prongsai.extract.document import EXTRACTOR_VERSION
    from prongsai.warehouse.db import session_scope
    from prongsai.warehouse.load import load_extraction, record_extraction_run
    from prongsai.warehouse.search import index_pages

    counts = LoadCounts()
    engine = _engine(db_url)
    try:
        with session_scope(engine) as session:
            for item in extracted:
                version = EXTRACTOR_VERSION
                if item.result is not None:
                    doc = to_document(item.result)
                    # The file's name in the warehouse is its store path, not the worker's label.
                    doc.file, doc.sha256 = item.path, item.sha256
                    version = item.result.get("extractor_version") or EXTRACTOR_VERSION
                    result = load_extraction(
                        session, doc, extractor_version=version, now=item.finished_at
                    )
                    if result.status == "unchanged":
                        counts.unchanged += 1
                    else:
                        counts.loaded += 1
                        index_pages(session, doc.sha256)  # the Thai full-text index
                else:
                    counts.failed += 1
                record_extraction_run(
                    session,
                    sha256=item.sha256,
                    extractor_version=version,
                    started_at=item.started_at,
                    finished_at=item.finished_at,
                    outcome="ok" if item.result is not None else "failed",
                    error=item.error,
                )
    finally:
        engine.dispose()
    return counts


@task(cache_policy=NONE)
def write_compare(
    db_url: str, out_dir: Path, formats: Sequence[str] = ("csv",), with_catalog: bool = True
) -> list[Path]:
    """The researchers' tables (and the HTML report when 'html' is among `formats`)."""
    from prongsai.flows import catalog, compare, report

    engine = _engine(db_url)
    try:
        tables = compare.compare_tables(engine)
        cat = members = None
        if with_catalog:
            cat, members = catalog.project_catalog(engine)
            tables = {**tables, "catalog": cat, "catalog_members": members}
    finally:
        engine.dispose()
    written = compare.write_tables(tables, out_dir, [f for f in formats if f != "html"])
    if "html" in formats:
        written.append(
            report.compare_report(
                tables, out_dir / "compare.html", catalog=cat, database=_safe_url(db_url)
            )
        )
    return written


@task(cache_policy=NONE)
def write_compliance(
    db_url: str,
    out_dir: Path,
    formats: Sequence[str] = ("csv",),
    years: Sequence[int] | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
) -> list[Path]:
    """The oversight tables (and HTML report); `since` adds what changed since that harvest."""
    from prongsai.flows import compare, compliance, report

    engine = _engine(db_url)
    try:
        if since is None:
            since, before = compliance.harvest_times(engine)
        tables = compliance.compliance_tables(
            engine, years=years or compliance.FISCAL_YEARS, since=since, before=before
        )
    finally:
        engine.dispose()
    written = compare.write_tables(tables, out_dir, [f for f in formats if f != "html"])
    if "html" in formats:
        written.append(
            report.compliance_report(
                tables, out_dir / "compliance.html", database=_safe_url(db_url)
            )
        )
    return written


def _safe_url(db_url: str) -> str:
    from sqlalchemy import make_url

    return make_url(db_url).render_as_string(hide_password=True)


# --- flows --------------------------------------------------------------------------------------


@dataclasses.dataclass
class ExtractSummary:
    pending: int = 0
    loaded: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0


def _batches(items: Sequence[Pending], size: int) -> list[list[Pending]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@flow(name="extract-and-load")
def extract_and_load(
    db_url: str,
    files: Path,
    only: Sequence[str] = (),
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    ocr: bool = True,
    retry_failed: bool = False,
    timeout: float | None = None,
    memory_mb: int | None = None,
    distributed: bool = False,
) -> ExtractSummary:
    """Extract every pending file in batches and load each batch as it comes back.

    On the default runner batches run one after another, each on `workers` processes; on a
    Dask runner (``distributed``) all batches are submitted at once, one process each.
    """
    from prongsai.extract.document import EXTRACTOR_VERSION

    started = time.perf_counter()
    pending = find_pending(db_url, EXTRACTOR_VERSION, only, retry_failed)
    summary = ExtractSummary(pending=len(pending))
    say(f"extract: {len(pending)} file(s) without an extraction at version {EXTRACTOR_VERSION}")
    batches = _batches(pending, max(1, batch_size))
    per_batch = 1 if distributed else workers
    from prongsai.flows import registry as known

    orgs = known.from_warehouse(db_url) if pending else []
    counts = LoadCounts()
    done = 0
    if distributed:
        futures = [
            extract_batch.submit(b, files, per_batch, timeout, memory_mb, ocr, orgs)
            for b in batches
        ]
        results = (f.result() for f in futures)
    else:
        results = (
            extract_batch(b, files, per_batch, timeout, memory_mb, ocr, orgs) for b in batches
        )
    for extracted in results:
        counts.add(load_batch(db_url, extracted))
        done += len(extracted)
        say(f"extract: {done}/{len(pending)} files (loaded {counts.loaded}, "
            f"unchanged {counts.unchanged}, failed {counts.failed})")  # fmt: skip
    summary.loaded, summary.unchanged, summary.failed = (
        counts.loaded,
        counts.unchanged,
        counts.failed,
    )
    summary.seconds = time.perf_counter() - started
    return summary


def _extract_runner(dask_address: str | None) -> Any:
    if not dask_address:
        return ThreadPoolTaskRunner(max_workers=1)
    from prefect_dask.task_runners import DaskTaskRunner

    return DaskTaskRunner(address=dask_address)


def _extract(
    db_url: str,
    files: Path,
    only: Sequence[str],
    workers: int | None,
    dask_address: str | None,
    batch_size: int,
    ocr: bool,
    retry_failed: bool,
) -> ExtractSummary:
    sub = extract_and_load.with_options(task_runner=_extract_runner(dask_address))
    return sub(db_url, files, only, workers, batch_size, ocr, retry_failed,
               distributed=bool(dask_address))  # fmt: skip


@dataclasses.dataclass
class HarvestSummary:
    crawl: CrawlSummary | None
    extract: ExtractSummary
    outputs: list[str]
    started_at: datetime
    seconds: float


@flow(name="harvest")
def harvest(
    db_url: str = DEFAULT_DB,
    files: Path = DEFAULT_FILES,
    orgs: Path | None = None,
    only: Sequence[str] = (),
    out_dir: Path | None = None,
    formats: Sequence[str] = ("csv", "html"),
    workers: int | None = None,
    dask_address: str | None = None,
    batch_size: int = BATCH_SIZE,
    crawl: bool = True,
    host_map: str | None = None,
    test: bool = False,
    crawl_timeout: float | None = None,
    ocr: bool = True,
    retry_failed: bool = False,
    crawl_shards: int = 1,
) -> HarvestSummary:
    """Crawl, extract what is new, load it, and rewrite comparisons and compliance."""
    started_at, started = _now(), time.perf_counter()
    crawled = None
    if crawl:
        say("crawl: starting")
        log = (out_dir / "crawl.log") if out_dir else None
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
        crawled = crawl_sites(db_url, files, orgs, only, host_map, test, crawl_timeout, log,
                              crawl_shards)  # fmt: skip
        say(f"crawl: done in {crawled.seconds:.0f} s: {crawled.sites} sites, "
            f"{crawled.documents} documents ({crawled.new} new, {crawled.changed} changed, "
            f"{crawled.gone} gone), {crawled.errors} errors")  # fmt: skip
    extracted = _extract(db_url, files, only, workers, dask_address, batch_size, ocr,
                         retry_failed)  # fmt: skip
    say(f"extract: done in {extracted.seconds:.0f} s")
    outputs: list[str] = []
    if out_dir is not None:
        paths = write_compare(db_url, out_dir / "compare", formats)
        say(f"compare: {len(paths)} file(s) in {out_dir / 'compare'}")
        since = started_at if crawl else None
        paths += write_compliance(db_url, out_dir / "compliance", formats, since=since)
        say(f"compliance: written to {out_dir / 'compliance'}")
        outputs = [str(p) for p in paths]
    return HarvestSummary(crawled, extracted, outputs, started_at, time.perf_counter() - started)


@flow(name="reextract")
def reextract(
    db_url: str = DEFAULT_DB,
    files: Path = DEFAULT_FILES,
    only: Sequence[str] = (),
    workers: int | None = None,
    dask_address: str | None = None,
    batch_size: int = BATCH_SIZE,
    ocr: bool = True,
    retry_failed: bool = True,
) -> ExtractSummary:
    """Extract again every stored file not yet extracted by the current extractor version."""
    return _extract(db_url, files, only, workers, dask_address, batch_size, ocr, retry_failed)


@flow(name="compare")
def compare_outputs(
    db_url: str = DEFAULT_DB, to: Path = Path("out/compare"), formats: Sequence[str] = ("csv",)
) -> list[Path]:
    return write_compare(db_url, to, formats)


@flow(name="compliance")
def compliance_outputs(
    db_url: str = DEFAULT_DB,
    to: Path = Path("out/compliance"),
    formats: Sequence[str] = ("csv",),
    years: Sequence[int] | None = None,
    since: datetime | None = None,
) -> list[Path]:
    return write_compliance(db_url, to, formats, years, since)


# --- command line -------------------------------------------------------------------------------


def add_parsers(sub: Any) -> None:
    """Add ``harvest``, ``reextract``, ``compare``, ``compliance`` and ``serve``."""
    p = sub.add_parser("harvest", help="crawl, extract new documents, load, write outputs")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--files", type=Path, default=DEFAULT_FILES)
    p.add_argument("--orgs", type=Path, default=None, help="registry CSV to import and crawl")
    p.add_argument("--only", nargs="+", default=[], metavar="ORG_ID")
    p.add_argument("--to", type=Path, default=None, help="write comparisons and compliance here")
    p.add_argument("--format", dest="formats", nargs="+", default=["csv", "html"],
                   choices=["csv", "parquet", "xlsx", "html"])  # fmt: skip
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--dask-address", default=None, metavar="tcp://HOST:8786")
    p.add_argument("--no-crawl", action="store_true", help="only extract and load what is stored")
    p.add_argument("--host-map", default=None, metavar="IP:PORT")
    p.add_argument("--test", action="store_true", help="crawler loopback mode (sample web)")
    p.add_argument("--no-ocr", action="store_true")
    p.add_argument("--retry-failed", action="store_true")
    p.add_argument("--crawl-shards", type=int, default=1, metavar="N",
                   help="crawl processes, each with its share of the sites (one per core)")  # fmt: skip

    p = sub.add_parser("reextract", help="re-run extraction after the extractor changed")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--files", type=Path, default=DEFAULT_FILES)
    p.add_argument("--only", nargs="+", default=[], metavar="ORG_ID")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--dask-address", default=None)
    p.add_argument("--no-ocr", action="store_true")

    for name, help_text in (
        ("compare", "ITA, rankings, budgets, measures and the project catalog"),
        ("compliance", "which required documents each organization published"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=DEFAULT_DB)
        p.add_argument("--to", type=Path, required=True)
        p.add_argument("--format", dest="formats", nargs="+", default=["csv"],
                       choices=["csv", "parquet", "xlsx", "html"])  # fmt: skip
        if name == "compliance":
            p.add_argument("--years", type=int, nargs="+", default=None)
            p.add_argument("--since", type=datetime.fromisoformat, default=None,
                           help="changes since this time (default: the previous harvest)")  # fmt: skip

    p = sub.add_parser("serve", help="serve the nightly harvest (02:00 Asia/Bangkok)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--files", type=Path, default=DEFAULT_FILES)
    p.add_argument("--to", type=Path, default=Path("out/nightly"))
    p.add_argument("--dask-address", default=None)


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed ``harvest``, ``reextract``, ``compare``, ``compliance`` or ``serve``."""
    if args.command == "harvest":
        result = harvest(
            db_url=args.db, files=args.files, orgs=args.orgs, only=args.only, out_dir=args.to,
            formats=args.formats, workers=args.workers, dask_address=args.dask_address,
            crawl=not args.no_crawl, host_map=args.host_map, test=args.test,
            ocr=not args.no_ocr, retry_failed=args.retry_failed, crawl_shards=args.crawl_shards,
        )  # fmt: skip
        for path in result.outputs:
            print(path)
        return 1 if result.crawl is not None and result.crawl.exit_code else 0
    if args.command == "reextract":
        summary = reextract(db_url=args.db, files=args.files, only=args.only,
                            workers=args.workers, dask_address=args.dask_address,
                            ocr=not args.no_ocr)  # fmt: skip
        return 1 if summary.failed else 0
    if args.command == "compare":
        for written in compare_outputs(args.db, args.to, args.formats):
            print(written)
        return 0
    if args.command == "compliance":
        for written in compliance_outputs(args.db, args.to, args.formats, args.years, args.since):
            print(written)
        return 0
    if args.command == "serve":
        from prongsai.flows.schedule import serve

        serve(db_url=args.db, files=args.files, out_dir=args.to, dask_address=args.dask_address)
        return 0
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="prongsai")
    add_parsers(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return run(parser.parse_args(argv))


# --- demo ---------------------------------------------------------------------------------------


def demo(out_dir: Path, *, workers: int | None = None) -> int:
    """Harvest the featured sample sites into a fresh SQLite file and write the HTML reports."""
    from prongsai.sample.web import SampleWeb, serve_in_thread
    from prongsai.sample.web.registry import FEATURED_CSV

    # The temporary Prefect server would try to reach the internet for telemetry.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "prongsai.sqlite"
    database.unlink(missing_ok=True)
    db_url = f"sqlite:///{database}"
    web = SampleWeb.from_registry(sites=0)
    say(f"demo: serving {len(web.sites)} featured sample sites on 127.0.0.1")
    with serve_in_thread(web=web) as server:
        result = harvest(
            db_url=db_url, files=out_dir / "files", orgs=Path(FEATURED_CSV), out_dir=out_dir,
            formats=("csv", "xlsx", "html"), workers=workers,
            host_map=f"127.0.0.1:{server.port}", test=True, crawl_timeout=2.0,
        )  # fmt: skip
    print(f"prongsai demo: done in {result.seconds:.0f} s")
    print(f"  warehouse (SQLite):   {database}")
    print(f"  comparisons (HTML):   {out_dir / 'compare' / 'compare.html'}")
    print(f"  compliance (HTML):    {out_dir / 'compliance' / 'compliance.html'}")
    print(f"  tables (CSV, XLSX):   {out_dir / 'compare'}, {out_dir / 'compliance'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
