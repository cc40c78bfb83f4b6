"""What the spider hands to the pipeline: one item per fetch, one per finished site."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Fetched:
    """One request's outcome. `kind` is page, document or other; `body` None when none came."""

    org_id: str
    url: str
    fetched_at: datetime
    kind: str
    status: int | None = None
    body: bytes | None = field(default=None, repr=False)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    link_text: str | None = None
    page_url: str | None = None
    file_name: str | None = None
    not_modified_sha256: str | None = None  # a 304 confirmed these stored bytes


@dataclass
class SiteDone:
    """A site has no request left in flight."""

    org_id: str
    reached: bool  # its home page answered
    exhausted: bool  # the request budget ran out: unseen documents may still be there
    requests: int
    errors: int
    documents_seen: set[str] = field(default_factory=set, repr=False)
