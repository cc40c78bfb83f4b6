"""The store pipeline: bytes to the file store, fetches and documents to the warehouse.

It also closes each site: documents the site no longer links or serves are marked gone, unless
the site could not be reached, ran out of budget, or the document failed for a passing reason
(timeout, 5xx), so a bad night never empties the warehouse. One JSON progress line per site goes
to stdout (``PROGRESS {...}``) for `prongsai.flows.crawl` to show.

Fetch and document rows are written in batches (`BATCH` items, one transaction) rather than one
commit per response: a commit is a journal sync, and with one per item the reactor spent a third
of its time there (py-spy, issue 8). A site's rows are always committed before its ``site`` line
and before documents are marked gone; a crash loses at most one uncommitted batch, which the
next crawl fetches again.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from sqlalchemy.orm import Session

from prongsai.spiders import store
from prongsai.spiders.items import Fetched, SiteDone
from prongsai.warehouse import db, load

logger = logging.getLogger(__name__)
PROGRESS = "PROGRESS "
BATCH = 200  # fetches per transaction


def _suffix(kind: str) -> str:
    return {"document": ".pdf", "page": ".html"}.get(kind, ".bin")


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        self.engine = store.open_db(getattr(spider, "db_url", ""))
        self.files = store.FileStore(Path(getattr(spider, "files_dir_path", "var/files")))
        self.totals: dict[str, int] = {
            "sites": 0,
            "documents": 0,
            "new": 0,
            "new_versions": 0,
            "not_modified": 0,
            "downloaded": 0,
            "errors": 0,
            "gone": 0,
            "requests": 0,
        }
        self.per_site: dict[str, dict[str, int]] = {}
        self.pending: list[tuple[Fetched, str | None, str | None]] = []

    def close_spider(self, spider: Spider | None = None) -> None:
        self._flush()
        stats = self.crawler.stats
        wire = {
            # Bytes as they crossed the wire (compressed bodies, headers included).
            "wire_bytes": int(stats.get_value("downloader/response_bytes", 0)) if stats else 0,
        }
        print(PROGRESS + json.dumps({"event": "finished", **self.totals, **wire}), flush=True)
        self.engine.dispose()

    def _site(self, org_id: str) -> dict[str, int]:
        return self.per_site.setdefault(
            org_id,
            {"documents": 0, "new": 0, "new_versions": 0, "not_modified": 0, "downloaded": 0},
        )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Fetched):
            self._fetched(item)
        elif isinstance(item, SiteDone):
            self._site_done(item)
        return item

    def _fetched(self, item: Fetched) -> None:
        sha: str | None = None
        path: str | None = None
        if item.body is not None and item.kind in ("page", "document"):
            sha, full = self.files.put(item.body, _suffix(item.kind))
            path = str(full.relative_to(self.files.root))
        self.pending.append((item, sha, path))
        if len(self.pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        """Write the pending fetches in one transaction (one at a time if that fails)."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            with db.session_scope(self.engine) as session:
                counted = [self._write(session, *entry) for entry in pending]
        except Exception:
            logger.exception("batch of %d fetches failed; writing them one by one", len(pending))
            counted = []
            for entry in pending:
                try:
                    with db.session_scope(self.engine) as session:
                        counted.append(self._write(session, *entry))
                except Exception:
                    logger.exception("%s: could not record %s", entry[0].org_id, entry[0].url)
        for org_id, key, seen in counted:
            if key is None or seen is None:
                continue
            counts = self._site(org_id)
            counts["documents"] += 1
            counts[key] += 1
            counts["new"] += int(seen.new_document)
            counts["new_versions"] += int(seen.new_version and not seen.new_document)

    def _write(
        self, session: Session, item: Fetched, sha: str | None, path: str | None
    ) -> tuple[str, str | None, load.DocumentSeen | None]:
        store.add_fetch(
            session,
            url=item.url,
            fetched_at=item.fetched_at,
            status=item.status,
            nbytes=len(item.body) if item.body is not None else None,
            etag=item.etag,
            last_modified=item.last_modified,
            error=item.error,
            org_id=item.org_id,
            sha256=sha,
            path=path,
        )
        if item.kind != "document" or item.status not in (200, 206, 304):
            return item.org_id, None, None
        seen_sha = sha or item.not_modified_sha256 or store.latest_sha256_in(session, item.url)
        if seen_sha is None:
            logger.warning("%s: 304 for %s with no stored version", item.org_id, item.url)
            return item.org_id, None, None
        seen = load.upsert_document(
            session,
            url=item.url,
            sha256=seen_sha,
            seen_at=item.fetched_at,
            org_id=item.org_id,
            link_text=item.link_text,
            page_url=item.page_url,
            file_name=item.file_name,
            size=len(item.body) if item.body is not None else None,
            path=path,
        )
        return item.org_id, "downloaded" if sha else "not_modified", seen

    def _site_done(self, item: SiteDone) -> None:
        self._flush()
        gone = 0
        if item.reached and not item.exhausted:
            known = store.known_documents(self.engine, item.org_id)
            lost = [
                u
                for u, status in known.items()
                if status == "active" and u not in item.documents_seen
            ]
            gone = store.mark_gone(self.engine, lost)
        counts = self._site(item.org_id)
        line = {
            "event": "site",
            "org_id": item.org_id,
            "reached": item.reached,
            "exhausted": item.exhausted,
            "requests": item.requests,
            "errors": item.errors,
            "gone": gone,
            **counts,
        }
        self.totals["sites"] += 1
        self.totals["requests"] += item.requests
        self.totals["errors"] += item.errors
        self.totals["gone"] += gone
        for key in ("documents", "new", "new_versions", "not_modified", "downloaded"):
            self.totals[key] += counts[key]
        print(PROGRESS + json.dumps(line, ensure_ascii=False), flush=True)
        sys.stdout.flush()
