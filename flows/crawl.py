"""The crawl commands: import the registry, run a crawl, list what was harvested.

`crawl` starts ``python -m prongsai.spiders.run`` as its own subprocess (Twisted's reactor
cannot restart inside one process) and shows its ``PROGRESS`` lines as sites done / documents /
errors. The lead wires `add_parsers` and `run` into flows/cli.py:

    prongsai orgs import FILE --db URL
    prongsai crawl --orgs ORGS.csv | --db URL [--files DIR] [--only ORG_ID ...]
    prongsai documents --db URL --json        # one JSON object per document
    prongsai documents --db URL --health      # one line per site; sites that yield nothing flagged
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, func, select

DEFAULT_DB = os.environ.get("PRONGSAI_DB", "sqlite:///var/prongsai.sqlite")


# --- registry import ---------------------------------------------------------------------------


def import_orgs(path: Path, db_url: str, *, err: TextIO = sys.stderr) -> dict[str, int]:
    """Read a registry CSV and upsert its organizations; problems are reported, not guessed."""
    from prongsai.spiders import store
    from prongsai.spiders.registry import parse_registry

    orgs, problems = parse_registry(path)
    for problem in problems:
        print(f"prongsai orgs import: {path}: {problem}", file=err)
    engine = store.open_db(db_url)
    try:
        counts = store.load_organizations(engine, orgs)
    finally:
        engine.dispose()
    counts["problems"] = len(problems)
    counts["without_website"] = sum(1 for o in orgs if not o.website)
    return counts


# --- crawl ------------------------------------------------------------------------------------


@dataclass
class CrawlProgress:
    """What the crawl subprocess has reported so far."""

    sites_total: int = 0
    sites_done: int = 0
    documents: int = 0
    new: int = 0
    new_versions: int = 0
    not_modified: int = 0
    gone: int = 0
    errors: int = 0
    requests: int = 0
    skipped: int = 0
    wire_bytes: int = 0
    sites: list[dict[str, Any]] = field(default_factory=list)

    def update(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "start":
            self.sites_total = int(event.get("sites", 0))
        elif kind == "skipped":
            self.skipped += 1
        elif kind == "finished":
            self.wire_bytes = int(event.get("wire_bytes", 0))
        elif kind == "site":
            self.sites.append(event)
            self.sites_done += 1
            for name in (
                "documents",
                "new",
                "new_versions",
                "not_modified",
                "gone",
                "errors",
                "requests",
            ):
                setattr(self, name, getattr(self, name) + int(event.get(name, 0)))

    @classmethod
    def total(cls, parts: Sequence[CrawlProgress]) -> CrawlProgress:
        """The progress of several shards added up."""
        out = cls()
        for part in parts:
            for f in fields(cls):
                if f.name != "sites":
                    setattr(out, f.name, getattr(out, f.name) + getattr(part, f.name))
            out.sites.extend(part.sites)
        return out

    def line(self) -> str:
        return (
            f"sites {self.sites_done}/{self.sites_total}  documents {self.documents} "
            f"(new {self.new}, changed {self.new_versions}, unchanged {self.not_modified}, "
            f"gone {self.gone})  errors {self.errors}  requests {self.requests}"
        )


def crawl_command(
    *,
    db_url: str,
    orgs: Path | None = None,
    files: Path = Path("var/files"),
    only: Sequence[str] = (),
    host_map: str | None = None,
    test: bool = False,
    timeout: float | None = None,
    budget: int | None = None,
    shard: tuple[int, int] | None = None,
    full_check_days: float | None = None,
) -> list[str]:
    """The subprocess command line of one crawl (of one shard (i, n) of the sites, if given)."""
    cmd = [sys.executable, "-m", "prongsai.spiders.run", "--db", db_url, "--files", str(files)]
    if orgs is not None:
        cmd += ["--orgs", str(orgs)]
    if only:
        cmd += ["--only", *only]
    if host_map:
        cmd += ["--host-map", host_map]
    if test:
        cmd.append("--test")
    if timeout is not None:
        cmd += ["--timeout", str(timeout)]
    if budget is not None:
        cmd += ["--budget", str(budget)]
    if full_check_days is not None:
        cmd += ["--full-check-days", str(full_check_days)]
    if shard is not None:
        cmd += ["--shard", f"{shard[0]}/{shard[1]}"]
    return cmd


def shard_commands(cmd: Sequence[str], shards: int) -> list[list[str]]:
    """`shards` copies of a crawl command, each crawling its own share of the sites.

    Every site stays in one shard, so per-site politeness (robots.txt, per-domain concurrency,
    AutoThrottle) is unchanged. The caller imports the registry (``--orgs``) once beforehand
    (`import_orgs`); the shards only read it, so they never race to upsert it.

    >>> [c[-3:] for c in shard_commands(["crawl", "--orgs", "o.csv"], 2)]
    [['--skip-import', '--shard', '0/2'], ['--skip-import', '--shard', '1/2']]
    """
    base = [*cmd, "--skip-import"] if "--orgs" in cmd else list(cmd)
    return [[*base, "--shard", f"{i}/{shards}"] for i in range(shards)]


def run_crawl(
    cmd: Sequence[str],
    *,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    log: Path | None = None,
) -> tuple[int, CrawlProgress]:
    """Run a crawl subprocess to its end; returns its exit code and the progress it reported."""
    progress = CrawlProgress()
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    with log.open("wb") if log else open(os.devnull, "wb") as log_fh:  # noqa: PTH123
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log_fh, env=env, text=True)
        for raw in proc.stdout or ():
            if not raw.startswith("PROGRESS "):
                continue
            try:
                event = json.loads(raw[len("PROGRESS ") :])
            except ValueError:
                continue
            progress.update(event)
            if on_progress is not None:
                on_progress(progress)
        code = proc.wait()
    return code, progress


def run_crawls(
    cmds: Sequence[Sequence[str]],
    *,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    log: Path | None = None,
) -> tuple[int, CrawlProgress]:
    """Run several crawl subprocesses at once (shards); the worst exit code and summed progress.

    Each shard's log goes to ``<log>.<i>`` when `log` is given.
    """
    if len(cmds) == 1:
        return run_crawl(cmds[0], on_progress=on_progress, log=log)
    parts = [CrawlProgress() for _ in cmds]
    lock = threading.Lock()

    def report(index: int, progress: CrawlProgress) -> None:
        with lock:
            parts[index] = progress
            if on_progress is not None:
                on_progress(CrawlProgress.total(parts))

    codes = [0] * len(cmds)

    def one(index: int) -> None:
        shard_log = log.with_name(f"{log.name}.{index}") if log else None
        codes[index], parts[index] = run_crawl(
            cmds[index], on_progress=lambda p: report(index, p), log=shard_log
        )

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(cmds))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return max(codes, key=abs), CrawlProgress.total(parts)


def _show(out: TextIO) -> Callable[[CrawlProgress], None]:
    tty = out.isatty()

    def show(progress: CrawlProgress) -> None:
        if tty:
            out.write("\r\x1b[K" + progress.line())
        elif progress.sites_done % 25 == 0 or progress.sites_done == progress.sites_total:
            out.write(progress.line() + "\n")
        out.flush()

    return show


# --- documents and health -----------------------------------------------------------------------


def iter_documents(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every harvested document (its latest version), with the extraction's facts if any."""
    from prongsai.warehouse.db import session_scope
    from prongsai.warehouse.models import Document, DocumentVersion, Extraction

    latest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.last_seen).label("at"))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    query = (
        select(Document, DocumentVersion.sha256, Extraction)
        .join(latest, latest.c.document_id == Document.id)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.last_seen == latest.c.at),
        )
        .outerjoin(Extraction, Extraction.sha256 == DocumentVersion.sha256)
        .order_by(Document.org_id, Document.url)
    )
    with session_scope(engine) as session:
        versions = dict(
            session.execute(
                select(DocumentVersion.document_id, func.count()).group_by(
                    DocumentVersion.document_id
                )
            ).all()
        )
        for doc, sha, ext in session.execute(query):
            period = None
            if ext is not None and ext.period_first_be is not None:
                period = [ext.period_first_be, ext.period_last_be]
            yield {
                "org_id": doc.org_id,
                "url": doc.url,
                "sha256": sha,
                "doc_type": ext.doc_type if ext is not None else None,
                "fiscal_year": ext.fiscal_year_be if ext is not None else None,
                "period": period,
                "status": doc.status,
                "first_seen": _iso(doc.first_seen),
                "last_seen": _iso(doc.last_seen),
                "versions": versions.get(doc.id, 1),
                "link_text": doc.link_text,
                "page_url": doc.page_url,
                "file_name": doc.file_name,
            }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def site_health(engine: Engine) -> list[dict[str, Any]]:
    """Per organization: last successful fetch, active documents, errors of its last crawl.

    The last crawl is every fetch since the latest fetch of the organization's home page. A site
    that was crawled and yields no active document is flagged ``"flag": "no_documents"``; one
    whose home page did not answer last time, ``"unreachable"``.
    """
    from prongsai.warehouse.db import session_scope
    from prongsai.warehouse.models import Document, Fetch, Organization

    out: list[dict[str, Any]] = []
    with session_scope(engine) as session:
        docs = dict(
            session.execute(
                select(Document.org_id, func.count())
                .where(Document.status == "active")
                .group_by(Document.org_id)
            ).all()
        )
        good = dict(
            session.execute(
                select(Fetch.org_id, func.max(Fetch.fetched_at))
                .where(Fetch.status.in_((200, 304)))
                .group_by(Fetch.org_id)
            ).all()
        )
        for org in session.scalars(select(Organization).order_by(Organization.org_id)):
            row: dict[str, Any] = {
                "org_id": org.org_id,
                "name": org.name,
                "website": org.website,
                "last_success": None,
                "documents": int(docs.get(org.org_id, 0)),
                "errors": 0,
                "flag": None,
            }
            if not org.website:
                row["flag"] = "no_website"
                row["website_error"] = org.website_error
                out.append(row)
                continue
            home = session.execute(
                select(Fetch.fetched_at, Fetch.status)
                .where(Fetch.url == org.website)
                .order_by(Fetch.fetched_at.desc())
                .limit(1)
            ).first()
            last = good.get(org.org_id)
            row["last_success"] = _iso(last)
            if home is None:
                row["flag"] = "not_crawled"
                out.append(row)
                continue
            errors = session.scalar(
                select(func.count())
                .select_from(Fetch)
                .where(
                    Fetch.org_id == org.org_id,
                    Fetch.fetched_at >= home[0],
                    (Fetch.error.is_not(None)) | (Fetch.status >= 400),
                )
            )
            row["errors"] = int(errors or 0)
            if home[1] not in (200, 304):
                row["flag"] = "unreachable"
            elif row["documents"] == 0:
                row["flag"] = "no_documents"
            out.append(row)
    return out


# --- argparse ---------------------------------------------------------------------------------


def add_parsers(sub: Any) -> None:
    """Add ``orgs import``, ``crawl`` and ``documents`` to a subparsers object."""
    p = sub.add_parser("orgs", help="the organization registry")
    orgs_sub = p.add_subparsers(dest="orgs_command", metavar="ACTION")
    q = orgs_sub.add_parser("import", help="import a registry CSV (DLA as published, or simple)")
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument("--db", default=DEFAULT_DB)

    p = sub.add_parser("crawl", help="crawl the organizations' sites for documents")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--orgs", type=Path, default=None, help="registry CSV to import and crawl")
    p.add_argument("--files", type=Path, default=Path("var/files"))
    p.add_argument("--only", nargs="+", default=[], metavar="ORG_ID")
    p.add_argument(
        "--host-map",
        default=None,
        metavar="IP:PORT",
        help="send every registered host there (the sample web)",
    )
    p.add_argument("--test", action="store_true", help="loopback mode: no delays, short timeouts")
    p.add_argument("--timeout", type=float, default=None)
    p.add_argument("--budget", type=int, default=None, help="requests per site")
    p.add_argument("--full-check-days", type=float, default=None,
                   help="servers without ETag/Last-Modified: a full GET of each document after "
                        "this many days (default 7; tail checks in between)")  # fmt: skip
    p.add_argument("--log", type=Path, default=None, help="write Scrapy's log here")

    p = sub.add_parser("documents", help="list harvested documents")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--json", action="store_true", help="JSON Lines, one document per line")
    p.add_argument("--health", action="store_true", help="one line per site instead")


def run(args: argparse.Namespace, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Carry out a parsed ``orgs``, ``crawl`` or ``documents`` command."""
    if args.command == "orgs":
        if getattr(args, "orgs_command", None) != "import":
            print("prongsai orgs: say 'import FILE'", file=err)
            return 2
        counts = import_orgs(args.file, args.db, err=err)
        print(json.dumps(counts), file=out)
        return 0
    if args.command == "crawl":
        cmd = crawl_command(
            db_url=args.db,
            orgs=args.orgs,
            files=args.files,
            only=args.only,
            host_map=args.host_map,
            test=args.test,
            timeout=args.timeout,
            budget=args.budget,
            full_check_days=args.full_check_days,
        )
        code, progress = run_crawl(cmd, on_progress=_show(err), log=args.log)
        print(("\n" if err.isatty() else "") + progress.line(), file=err)
        return code
    if args.command == "documents":
        from prongsai.spiders.store import open_db

        engine = open_db(args.db)
        try:
            rows = site_health(engine) if args.health else list(iter_documents(engine))
        finally:
            engine.dispose()
        for row in rows:
            if args.json or args.health:
                print(json.dumps(row, ensure_ascii=False), file=out)
            else:
                print(
                    f"{row['org_id']}\t{row['status']}\t{row['sha256'][:12]}\t{row['url']}",
                    file=out,
                )
        return 0
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="prongsai")
    add_parsers(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
