"""Run one crawl in this process: ``python -m prongsai.spiders.run --db URL [--orgs CSV] ...``.

Twisted's reactor cannot be restarted, so callers (`prongsai.flows.crawl`) start this module as
a subprocess and read its ``PROGRESS {json}`` lines from stdout. With ``--orgs`` the registry is
imported (upserted) first and only its organizations are crawled; otherwise the organizations
come from the database. ``--only`` narrows either to some org ids.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

DEFAULT_DB = "sqlite:///var/prongsai.sqlite"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m prongsai.spiders.run", description=__doc__)
    p.add_argument("--db", default=os.environ.get("PRONGSAI_DB", DEFAULT_DB))
    p.add_argument("--orgs", type=Path, help="registry CSV (DLA or simple) to import and crawl")
    p.add_argument("--files", type=Path, default=Path("var/files"), help="file store folder")
    p.add_argument("--only", nargs="*", default=[], metavar="ORG_ID")
    p.add_argument(
        "--host-map",
        default=None,
        metavar="IP:PORT",
        help="send every registered host there (the sample web)",
    )
    p.add_argument("--test", action="store_true", help="no delays, short timeouts (loopback)")
    p.add_argument("--timeout", type=float, default=None, help="download timeout, seconds")
    p.add_argument("--budget", type=int, default=None, help="requests per site")
    p.add_argument("--full-check-days", type=float, default=None,
                   help="full GET of a document whose server sends no validators after this")  # fmt: skip
    p.add_argument("--log-level", default=None)
    p.add_argument("--shard", default=None, metavar="I/N", help="crawl only shard I of N")
    p.add_argument(
        "--skip-import", action="store_true", help="--orgs is already imported: only read it"
    )
    return p


def in_shard(org_id: str, shard: str | None) -> bool:
    """Whether `org_id` belongs to shard "I/N" (a stable hash of the id; None: every org).

    >>> sum(in_shard("5810401", f"{i}/3") for i in range(3))
    1
    """
    if not shard:
        return True
    index, count = (int(x) for x in shard.split("/"))
    return zlib.crc32(org_id.encode()) % count == index


def exit_with_parent(poll_s: float = 0.5) -> None:
    """Exit as soon as the harvest that started this crawl is gone: a killed harvest must not
    leave a crawl behind that keeps writing while its rerun starts."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    exit_with_parent()
    from scrapy.crawler import CrawlerProcess

    from prongsai.spiders import store
    from prongsai.spiders.registry import parse_registry
    from prongsai.spiders.settings import build_settings
    from prongsai.spiders.sites import SiteSpider

    engine = store.open_db(args.db)
    if args.orgs:
        orgs, problems = parse_registry(args.orgs)
        counts = {} if args.skip_import else store.load_organizations(engine, orgs)
        print(
            "PROGRESS " + json.dumps({"event": "registry", **counts, "problems": len(problems)}),
            flush=True,
        )
        if args.only:
            orgs = [o for o in orgs if o.org_id in set(args.only)]
    else:
        orgs = store.read_organizations(engine, args.only)
    orgs = [o for o in orgs if in_shard(o.org_id, args.shard)]
    crawlable = [o for o in orgs if o.website]
    for o in orgs:
        if not o.website:
            line = {"event": "skipped", "org_id": o.org_id, "error": o.website_error or "no site"}
            print("PROGRESS " + json.dumps(line, ensure_ascii=False), flush=True)
    ids = [o.org_id for o in crawlable]
    validators = store.read_validators(engine, ids)
    provenance = store.read_provenance(engine, ids)
    engine.dispose()
    # Alembic's fileConfig (run by open_db) left a root handler with no level: Scrapy's DEBUG
    # lines (every item's repr) went through it whatever LOG_LEVEL said: 11,790 for 200 sites.
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    print("PROGRESS " + json.dumps({"event": "start", "sites": len(crawlable)}), flush=True)
    settings = build_settings(
        test=args.test,
        PRONGSAI_HOST_MAP=args.host_map,
        DOWNLOAD_TIMEOUT=args.timeout,
        PRONGSAI_SITE_BUDGET=args.budget,
        PRONGSAI_FULL_CHECK_DAYS=args.full_check_days,
        LOG_LEVEL=args.log_level,
    )
    process = CrawlerProcess(settings)
    process.crawl(
        SiteSpider,
        orgs=crawlable,
        validators=validators,
        provenance=provenance,
        db_url=args.db,
        files_dir=str(args.files),
    )
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
