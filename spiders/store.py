"""Where the crawl puts what it fetched: bytes on disk by sha256, fetches and documents in the DB.

Files are content-addressed (``ab/cd/<sha256>.pdf``), written to a temporary file in the same
directory tree and renamed into place, so a crash never leaves half a file under a valid name and
no name the server sent ever reaches the file system. Database rows go through the warehouse
loaders (`prongsai.warehouse.load`): `upsert_document` makes a changed sha256 at one URL a new
version; `mark_gone` keeps documents that disappeared.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, make_url, select
from sqlalchemy.orm import Session

from prongsai.spiders.registry import RegistryOrg
from prongsai.warehouse import db, load
from prongsai.warehouse.models import Document, DocumentVersion, Fetch, File, Organization


class FileStore:
    """Bytes under `root`, named by their sha256 and a suffix taken from their content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str, suffix: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}{suffix}"

    def put(self, data: bytes, suffix: str = ".bin") -> tuple[str, Path]:
        """Store `data` (once) and return its sha256 and path."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha, suffix)
        if target.exists() and target.stat().st_size == len(data):
            return sha, target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, target

    def read(self, path: str) -> bytes | None:
        try:
            return self._full(path).read_bytes()
        except OSError:
            return None

    def tail(self, path: str, size: int, n: int = 4096) -> bytes | None:
        """The last `n` bytes of a stored file of `size` bytes (None if it is not that size)."""
        try:
            with self._full(path).open("rb") as fh:
                if fh.seek(0, os.SEEK_END) != size:
                    return None
                fh.seek(max(0, size - n))
                return fh.read()
        except OSError:
            return None

    def _full(self, path: str) -> Path:
        return Path(path) if Path(path).is_absolute() else self.root / path


@dataclass(frozen=True)
class Validators:
    """What the last good fetch of a URL said, for a conditional request."""

    etag: str | None
    last_modified: str | None
    sha256: str | None
    path: str | None
    size: int | None = None
    fetched_at: datetime | None = None  # of the last full fetch


def to_records(orgs: Iterable[RegistryOrg]) -> list[load.OrgRecord]:
    return [
        load.OrgRecord(
            name=o.name,
            org_id=o.org_id,
            dla_code=o.dla_code,
            type=o.type,
            district=o.district,
            province=o.province,
            website=o.website,
            website_raw=o.website_raw,
            website_error=o.website_error,
        )
        for o in orgs
    ]


def open_db(url: str) -> Engine:
    """An engine on `url` with the schema brought up to date.

    On SQLite a writer takes the write lock when its transaction begins and waits up to a
    minute for another (crawl shards share one file).
    """
    db.upgrade(url)
    if make_url(db.normalize_url(url)).get_backend_name() == "sqlite":
        return db.make_engine(url, sqlite_begin="BEGIN IMMEDIATE", connect_args={"timeout": 60})
    return db.make_engine(url)


def load_organizations(engine: Engine, orgs: Iterable[RegistryOrg]) -> dict[str, int]:
    """Insert or update organizations (never duplicates: keyed on org_id)."""
    with db.session_scope(engine) as session:
        return load.upsert_organizations(session, to_records(orgs))


def read_organizations(engine: Engine, only: Iterable[str] = ()) -> list[RegistryOrg]:
    wanted = set(only)
    with db.session_scope(engine) as session:
        rows = session.scalars(select(Organization).order_by(Organization.org_id)).all()
        return [
            RegistryOrg(
                r.org_id,
                r.name,
                r.type,
                r.district,
                r.province,
                r.website,
                r.website_raw or "",
                r.website_error,
                r.dla_code,
            )
            for r in rows
            if not wanted or r.org_id in wanted
        ]


def read_validators(engine: Engine, org_ids: Iterable[str]) -> dict[str, Validators]:
    """URL -> validators of its latest 200 fetch, for the organizations about to be crawled."""
    ids = list(org_ids)
    out: dict[str, Validators] = {}
    with db.session_scope(engine) as session:
        for i in range(0, len(ids), 500):
            latest = (
                select(Fetch.url, func.max(Fetch.fetched_at).label("at"))
                .where(
                    Fetch.org_id.in_(ids[i : i + 500]),
                    Fetch.status == 200,
                    Fetch.sha256.is_not(None),  # a HEAD check stores no body
                )
                .group_by(Fetch.url)
                .subquery()
            )
            query = (
                select(
                    Fetch.url,
                    Fetch.etag,
                    Fetch.last_modified,
                    Fetch.sha256,
                    File.path,
                    File.size,
                    latest.c.at,
                )
                .join(latest, (Fetch.url == latest.c.url) & (Fetch.fetched_at == latest.c.at))
                .outerjoin(File, File.sha256 == Fetch.sha256)
            )
            for url, etag, modified, sha, path, size, at in session.execute(query):
                at = at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at
                out[url] = Validators(etag, modified, sha, path, size, at)
    return out


def read_provenance(engine: Engine, org_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    """(page URL, link text) -> document URL: a link that redirected reuses its target's ETag."""
    ids = list(org_ids)
    out: dict[tuple[str, str], str] = {}
    with db.session_scope(engine) as session:
        for i in range(0, len(ids), 500):
            query = select(Document.page_url, Document.link_text, Document.url).where(
                Document.org_id.in_(ids[i : i + 500])
            )
            for page, text, url in session.execute(query):
                if page and text:
                    out[(page, text)] = url
    return out


def known_documents(engine: Engine, org_id: str) -> dict[str, str]:
    """URL -> status of an organization's documents."""
    with db.session_scope(engine) as session:
        query = select(Document.url, Document.status).where(Document.org_id == org_id)
        return {url: status for url, status in session.execute(query)}


def latest_sha256(engine: Engine, url: str) -> str | None:
    with db.session_scope(engine) as session:
        return latest_sha256_in(session, url)


def latest_sha256_in(session: Session, url: str) -> str | None:
    """The sha256 last seen at `url`, inside an open session."""
    query = (
        select(DocumentVersion.sha256)
        .join(Document)
        .where(Document.url == url)
        .order_by(DocumentVersion.last_seen.desc())
        .limit(1)
    )
    return session.scalar(query)


def add_fetch(session: Session, **values: Any) -> None:
    """Add a fetch row without looking for an earlier one: a crawl's fetches are new (their
    time is now), and `load.record_fetch`'s lookup and flush per row cost 7% of a refresh."""
    sha, nbytes, path = values.pop("sha256"), values.get("nbytes"), values.pop("path")
    if sha is not None:
        load.record_file(session, sha, size=nbytes, path=path)
    values["bytes"] = values.pop("nbytes")
    session.add(Fetch(sha256=sha, **values))


def record_fetch(engine: Engine, **values: object) -> None:
    with db.session_scope(engine) as session:
        load.record_fetch(session, **values)  # type: ignore[arg-type]


def record_document(
    engine: Engine,
    *,
    url: str,
    sha256: str,
    seen_at: datetime,
    org_id: str,
    link_text: str | None,
    page_url: str | None,
    file_name: str | None,
    size: int | None,
    path: str | None,
) -> load.DocumentSeen:
    with db.session_scope(engine) as session:
        return load.upsert_document(
            session,
            url=url,
            sha256=sha256,
            seen_at=seen_at,
            org_id=org_id,
            link_text=link_text,
            page_url=page_url,
            file_name=file_name,
            size=size,
            path=path,
        )


def mark_gone(engine: Engine, urls: Iterable[str]) -> int:
    with db.session_scope(engine) as session:
        return load.mark_gone(session, urls)
