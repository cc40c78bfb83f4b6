"""The discovery spider: one generic crawler for every organization's site.

Each site starts at its registered root. Links are scored (`prongsai.spiders.links`) and the best
followed first; file-like links are fetched only when they look like a target document, pages
only while the site's request budget, depth and per-pattern caps allow. What a response *is* is
decided by its bytes (``%PDF``), not its Content-Type. Platform adapters
(`prongsai.spiders.adapters`) add what a platform offers beyond links, e.g. WordPress's media API.

A second crawl sends If-None-Match / If-Modified-Since from the stored fetches; a 304 page is
re-read from the stored bytes, a 304 document is seen again without downloading it. A server
that sends no validators is asked for a document's last bytes (``Range: bytes=-4096``): the same
total length and the same tail stand in for a 304 (a rewritten PDF gets a new trailer /ID; an
edited one a new xref). A server that ignores Range is cut off after its headers when the length
is the stored one. A full GET is made at least every PRONGSAI_FULL_CHECK_DAYS days.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.http.headers import Headers
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from prongsai.spiders import adapters
from prongsai.spiders.content import file_name_from_url, parse_content_disposition, sniff_kind
from prongsai.spiders.items import Fetched, SiteDone
from prongsai.spiders.links import looks_like_file, score_link, url_pattern
from prongsai.spiders.middlewares import host_port, in_scope
from prongsai.spiders.registry import RegistryOrg
from prongsai.spiders.store import FileStore, Validators

logger = logging.getLogger(__name__)

FILE_MIN_SCORE = 3.0  # a file link must look like a target document
PAGE_MIN_SCORE = 2.0  # a page link past the home page must look like the way to one
HANDLED = [304, 400, 401, 403, 404, 410, 416, 429, 500, 502, 503, 504]
TAIL_BYTES = 4096  # compared with the stored file when a server sends no validators
MAX_URL = 2048  # the warehouse's URL column; longer ones are link traps
MAX_HEADER = 255
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SiteState:
    org: RegistryOrg
    root: str
    requested: set[str] = field(default_factory=set)
    patterns: Counter[str] = field(default_factory=Counter)
    inflight: int = 0
    requests: int = 0
    errors: int = 0
    reached: bool = False
    exhausted: bool = False
    done: bool = False
    platform: str | None = None
    extras_sent: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    unsure: set[str] = field(default_factory=set)  # URLs that failed for a passing reason


def _same_tail(response: Response, size: int, stored: bytes | None) -> bool:
    """A 206 of a file of the stored `size` whose last bytes are the `stored` tail."""
    found = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", _header(response, "Content-Range") or "")
    if stored is None or not found:
        return False
    first, last, total = (int(g) for g in found.groups())
    return last + 1 == total == size and total - first == len(stored) and response.body == stored


def _now() -> datetime:
    return datetime.now(UTC)


def _clean_text(parts: Iterable[str]) -> str:
    # Control characters (a NUL in a hostile page) cannot be stored in PostgreSQL text.
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", " ".join(parts))).strip()


def _header(response: Response, name: str) -> str | None:
    """A header as text, cut to what the warehouse stores (a hostile server sends anything)."""
    value = response.headers.get(name)
    return _CONTROL.sub("", value.decode("latin-1"))[:MAX_HEADER] if value else None


class SiteSpider(scrapy.Spider):
    name = "sites"

    def __init__(
        self,
        orgs: Iterable[RegistryOrg] = (),
        validators: dict[str, Validators] | None = None,
        provenance: dict[tuple[str, str], str] | None = None,
        db_url: str = "",
        files_dir: str = "var/files",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.orgs = [o for o in orgs if o.website]
        self.validators = validators or {}
        self.provenance = provenance or {}
        self.db_url = db_url
        self.files_dir_path = files_dir
        self.files = FileStore(Path(files_dir))
        self.states: dict[str, SiteState] = {}
        # Read by the downloader middlewares.
        self.site_urls: dict[str, str] = {o.org_id: str(o.website) for o in self.orgs}
        self.registered: set[tuple[str, int]] = set()
        self.registered_hosts: set[str] = set()
        for o in self.orgs:
            host, port = host_port(str(o.website))
            self.registered |= {(host, port), (f"www.{host}", port)}
            self.registered_hosts.add(host)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._headers_received, signal=signals.headers_received)
        return spider

    def _headers_received(
        self, headers: Headers, body_length: int, request: Request, spider: scrapy.Spider
    ) -> None:
        """A server that ignores Range answers a tail check with the whole file: when it is the
        stored length, stop there (a HEAD's worth of bytes) and let the full check catch a
        same-length change; another length is a change, downloaded in full."""
        tail = request.meta.get("tail_of")
        if tail and body_length == tail[1] and b"Content-Range" not in headers:
            raise StopDownload(fail=False)

    # --- settings ---------------------------------------------------------------------------

    @property
    def budget(self) -> int:
        return int(self.settings.getint("PRONGSAI_SITE_BUDGET", 80))

    @property
    def max_depth(self) -> int:
        return int(self.settings.getint("PRONGSAI_MAX_DEPTH", 4))

    @property
    def pattern_cap(self) -> int:
        return int(self.settings.getint("PRONGSAI_PATTERN_CAP", 6))

    @property
    def full_check(self) -> timedelta:
        return timedelta(days=self.settings.getfloat("PRONGSAI_FULL_CHECK_DAYS", 7.0))

    # --- requests ---------------------------------------------------------------------------

    async def start(self) -> Any:
        for org in self.orgs:
            state = SiteState(org, str(org.website))
            self.states[org.org_id] = state
            request = self._request(state, state.root, kind="page", depth=0, priority=1000)
            if request is not None:
                request.meta["root"] = True
                yield request

    def _request(
        self,
        state: SiteState,
        url: str,
        *,
        kind: str,
        depth: int,
        priority: float,
        link_text: str | None = None,
        page_url: str | None = None,
    ) -> Request | None:
        # One spelling per URL: a link in raw Thai and the API's percent-encoded form are one file.
        url = safe_url_string(urldefrag(url)[0])
        if not url.startswith(("http://", "https://")) or url in state.requested:
            return None
        if len(url) > MAX_URL:
            return None
        if not in_scope(url, state.root):
            return None
        if kind == "page":
            pattern = url_pattern(url)
            if state.patterns[pattern] >= self.pattern_cap:
                return None
            state.patterns[pattern] += 1
        if state.requests >= self.budget - 1:  # robots.txt takes one
            state.exhausted = True
            return None
        state.requested.add(url)
        state.requests += 1
        state.inflight += 1
        headers: dict[str, str] = {}
        known = self.validators.get(url)
        if known is None and page_url and link_text:
            # A link that redirected last time: its target's validators still apply.
            target = self.provenance.get((page_url, link_text))
            known = self.validators.get(target) if target else None
        tail: tuple[str, int] | None = None
        if known is not None:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
            tail = None if headers else self._tail_check(known)
            if tail is not None:
                headers["Range"] = f"bytes=-{TAIL_BYTES}"
        meta = {
            "org_id": state.org.org_id,
            "kind": kind,
            "depth": depth,
            "link_text": link_text,
            "page_url": page_url,
            "handle_httpstatus_list": HANDLED,
        }
        if tail is not None:
            meta["tail_of"] = tail
        return Request(
            url,
            callback=self.parse,
            errback=self.failed,
            priority=int(priority),
            headers=headers,
            meta=meta,
            dont_filter=True,
        )

    def _release(self, state: SiteState) -> Iterator[SiteDone]:
        state.inflight -= 1
        if state.inflight <= 0 and not state.done:
            state.done = True
            yield SiteDone(
                state.org.org_id,
                state.reached,
                state.exhausted,
                state.requests,
                state.errors,
                set(state.documents) | state.unsure,
            )

    # --- responses --------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        state = self.states[response.meta["org_id"]]
        try:
            out = list(self._handle(response, state))
        except Exception:  # one bad page must not stall the site's completion
            logger.exception("%s: failed to handle %s", state.org.org_id, response.url)
            out = []
        yield from out
        yield from self._release(state)

    def failed(self, failure: Failure) -> Iterator[Any]:
        request: Request = failure.request  # type: ignore[attr-defined]
        state = self.states[request.meta["org_id"]]
        exc = failure.value
        if isinstance(exc, HttpError):
            response = exc.response
            state.errors += 1
            yield self._fetched(
                state, response, kind=request.meta["kind"], error=f"HTTP {response.status}"
            )
        elif isinstance(exc, IgnoreRequest):
            reason = str(exc)
            if "robots.txt" in reason:
                logger.debug("%s: not fetched: %s", state.org.org_id, exc)
            else:
                # Refused (offsite or private redirect, a loop) or too big once inflated
                # (a gzip bomb): recorded, and a document that grew too big is not gone.
                if "DOWNLOAD_MAXSIZE" in reason or "max size" in reason:
                    state.errors += 1
                    state.unsure.add(request.url)
                yield Fetched(
                    state.org.org_id,
                    request.url[:MAX_URL],
                    _now(),
                    request.meta["kind"],
                    error=f"refused: {reason}"[:500],
                )
        else:
            state.errors += 1
            state.unsure.add(request.url)
            yield Fetched(
                state.org.org_id,
                request.url,
                _now(),
                request.meta["kind"],
                error=f"{type(exc).__name__}: {exc}"[:500],
            )
        yield from self._release(state)

    def _fetched(self, state: SiteState, response: Response, **values: Any) -> Fetched:
        meta = response.meta
        return Fetched(
            org_id=state.org.org_id,
            url=response.url,
            fetched_at=_now(),
            status=response.status,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            link_text=meta.get("link_text"),
            page_url=meta.get("page_url"),
            **values,
        )

    def _handle(self, response: Response, state: SiteState) -> Iterator[Any]:
        meta = response.meta
        if meta.get("root") and response.status in (200, 304):
            state.reached = True
        if meta.get("tail_of") is not None:
            yield from self._tail_checked(response, state)
            return
        if response.status == 304:
            yield from self._not_modified(response, state)
            return
        if response.status >= 400:
            state.errors += 1
            if response.status >= 429:
                state.unsure.add(response.url)
            yield self._fetched(state, response, kind=meta["kind"], error=f"HTTP {response.status}")
            return
        ctype = _header(response, "Content-Type") or ""
        kind = sniff_kind(response.body, ctype)
        if kind == "pdf":
            state.documents.add(response.url)
            name = parse_content_disposition(response.headers.get("Content-Disposition"))
            yield self._fetched(
                state,
                response,
                kind="document",
                body=response.body,
                file_name=name or file_name_from_url(response.url),
            )
        elif kind == "json" and meta["kind"] == "api":
            yield self._fetched(state, response, kind="other")
            yield from self._api(response, state)
        elif kind == "html":
            if not isinstance(response, TextResponse):
                response = HtmlResponse(
                    response.url,
                    body=response.body,
                    headers=response.headers,
                    request=response.request,
                )
            yield self._fetched(state, response, kind="page", body=response.body)
            yield from self._page(response, state)
        else:
            yield self._fetched(state, response, kind="other")

    def _tail_check(self, known: Validators) -> tuple[str, int] | None:
        """(stored path, size) of a document to check by its tail; None: a full GET is due."""
        if not (known.size and known.path and known.path.endswith(".pdf")):
            return None
        # Full GETs spread over the nights: each URL is due after 50-100% of the interval.
        due = self.full_check * (0.5 + zlib.crc32(known.path.encode()) % 1000 / 2000)
        if known.fetched_at is not None and _now() - known.fetched_at >= due:
            return None
        return known.path, known.size

    def _tail_checked(self, response: Response, state: SiteState) -> Iterator[Any]:
        """The answer to a ranged request: the same tail is a 304; a server that ignored the
        range sent the whole file, handled as any GET; anything else is fetched in full."""
        path, size = response.meta.pop("tail_of")
        if response.status == 206:
            if _same_tail(response, size, self.files.tail(path, size, TAIL_BYTES)):
                yield from self._not_modified(response, state)
                return
        elif response.status == 200 and "download_stopped" in response.flags:
            yield from self._not_modified(response, state)  # ranges ignored, the same length
            return
        elif response.status != 416:
            yield from self._handle(response, state)
            return
        state.requests += 1
        state.inflight += 1
        # A fresh GET of where the check ended: without the redirect history, which would make
        # RedirectOnceMiddleware drop it (a changed file behind an old link was marked gone).
        meta = {k: v for k, v in response.meta.items() if not k.startswith("redirect_")}
        yield Request(
            response.url,
            callback=self.parse,
            errback=self.failed,
            priority=int(response.request.priority) if response.request else 0,
            meta=meta,
            dont_filter=True,
        )

    def _not_modified(self, response: Response, state: SiteState) -> Iterator[Any]:
        known = self.validators.get(response.url)
        if known is None:  # came through a redirect from a link seen before
            page, text = response.meta.get("page_url"), response.meta.get("link_text")
            target = self.provenance.get((page, text)) if page and text else None
            known = self.validators.get(target) if target else None
        if known is not None and known.path:
            kind = "document" if known.path.endswith(".pdf") else "page"
        else:
            kind = "document" if response.meta["kind"] == "document" else "page"
        if kind == "document":
            state.documents.add(response.url)
            yield self._fetched(
                state,
                response,
                kind="document",
                not_modified_sha256=known.sha256 if known else None,
            )
            return
        yield self._fetched(state, response, kind="page")
        body = self.files.read(known.path) if known and known.path else None
        if body is None:
            return
        stored = HtmlResponse(response.url, body=body, request=response.request)
        yield from self._page(stored, state)

    # --- links ------------------------------------------------------------------------------

    def _page(self, response: TextResponse, state: SiteState) -> Iterator[Request]:
        depth = int(response.meta.get("depth", 0))
        platform = adapters.detect(response)
        if platform and state.platform is None:
            state.platform = platform
        for url, kind in adapters.extra_requests(state.platform, state.root):
            if url not in state.extras_sent:
                state.extras_sent.add(url)
                req = self._request(state, url, kind=kind, depth=depth + 1, priority=900)
                if req is not None:
                    yield req
        title = _clean_text(
            response.xpath("//title//text() | //h1//text() | //h2//text()").getall()
        )
        for link in response.xpath("//a[@href]"):
            href = (link.attrib.get("href") or "").strip()
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
                continue
            url = response.urljoin(href)
            text = _clean_text([*link.xpath(".//text()").getall(), link.attrib.get("title", "")])
            context = (
                link.xpath("normalize-space(ancestor::tr[1])").get()
                or link.xpath("normalize-space(ancestor::li[1])").get()
                or link.xpath("normalize-space(..)").get()
                or ""
            )[:400]
            score = score_link(text, url, context)
            if looks_like_file(url):
                if score >= FILE_MIN_SCORE:
                    req = self._request(
                        state,
                        url,
                        kind="document",
                        depth=depth + 1,
                        priority=500 + score,
                        link_text=text,
                        page_url=response.url,
                    )
                    if req is not None:
                        yield req
                continue
            if depth + 1 > self.max_depth:
                continue
            if score >= PAGE_MIN_SCORE or (depth == 0 and score >= 0):
                req = self._request(
                    state,
                    url,
                    kind="page",
                    depth=depth + 1,
                    priority=100 + 10 * score - 20 * depth,
                    link_text=text,
                    page_url=response.url,
                )
                if req is not None:
                    yield req
        # PDF viewers and old framesets: the file is in an <object>, <iframe> or <frame>.
        embeds = response.xpath("//iframe/@src | //frame/@src | //embed/@src | //object/@data")
        for src in embeds.getall():
            url = response.urljoin(src.strip())
            req = self._request(
                state,
                url,
                kind="document",
                depth=depth + 1,
                priority=600,
                link_text=title or None,
                page_url=response.url,
            )
            if req is not None:
                yield req

    def _api(self, response: Response, state: SiteState) -> Iterator[Request]:
        """WordPress media listing: each attachment's title and source URL, then the next page."""
        try:
            items = json.loads(response.text)
        except (ValueError, AttributeError):
            return
        if not isinstance(items, list):
            return
        for item in items:
            if not isinstance(item, dict):
                continue
            src = item.get("source_url")
            title = item.get("title") or {}
            text = unescape(str(title.get("rendered", "") if isinstance(title, dict) else title))
            if not isinstance(src, str):
                continue
            mime = str(item.get("mime_type") or "")
            if "pdf" not in mime and not src.lower().endswith(".pdf"):
                continue
            if score_link(text, src) >= FILE_MIN_SCORE:
                req = self._request(
                    state,
                    response.urljoin(src),
                    kind="document",
                    depth=int(response.meta.get("depth", 1)),
                    priority=550,
                    link_text=text or None,
                    page_url=response.url,
                )
                if req is not None:
                    yield req
        following = adapters.next_api_page(response.url, _header(response, "X-WP-TotalPages"))
        if following:
            req = self._request(state, following, kind="api", depth=1, priority=550)
            if req is not None:
                yield req
