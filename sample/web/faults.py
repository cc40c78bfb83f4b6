"""The fault web: sample sites that fail in every way a nightly harvest meets, with ground truth.

Each `FaultSite` is a registered organization whose home page links one good document and the
faults of its kind (see `KINDS`): hanging and slow-drip downloads, connection resets, 5xx then
recovery, redirect loops, endless pages and link traps, wrong or missing Content-Type, gzip
bombs, a multi-GB Content-Length, files that are not what their name says, redirects and links
to private, loopback and link-local addresses and to other hosts, hostile Content-Disposition
names and hostile PDFs. They are served by the ordinary sample server beside the normal sites:

    faults = FaultWeb.build()
    with serve_faults(faults, web) as server:    # web: a SampleWeb, or None
        ...crawl the orgs of faults.write_registry(path, web)...
    faults.expected       # (url, sha256) of every document a correct crawler must store
    faults.hostile        # url -> reasons its extraction may fail with
    faults.forbidden_hits # requests that reached a place no crawler may go (must stay empty)

Pure except for the request counters (flaky answers) and the hit log, both under a lock.
"""

from __future__ import annotations

import csv
import functools
import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from prongsai.sample.web import hostile
from prongsai.sample.web.documents import CorpusDoc, fallback_corpus, unique_suffix
from prongsai.sample.web.registry import ORGS_CSV_HEADER

KINDS = (
    "hang",
    "drip",
    "reset",
    "flaky",
    "loop",
    "trap",
    "ctype",
    "gzip_bomb",
    "huge",
    "liar",
    "private",
    "offhost",
    "names",
    "hostile",
)
PDF = "application/pdf"
HTML = "text/html; charset=utf-8"
GZIP_BOMB_MB = 1024  # inflated size; about 1 MB on the wire
HUGE_LENGTH = 5 * 1024**3  # a Content-Length no crawler should wait for
HOSTILE_NAMES = {
    "../../etc/passwd": 'attachment; filename="../../etc/passwd"',
    "nul": "attachment; filename=\"plan\x00.pdf\"; filename*=UTF-8''evil%00name.pdf",
    "long": 'attachment; filename="' + "x" * 4000 + '.pdf"',
    "absolute": "attachment; filename*=UTF-8''%2Fetc%2Fcron.d%2Fprongsai",
    "windows": 'attachment; filename="C:\\Windows\\System32\\evil.pdf"',
    "control": 'attachment; filename="\x1b[31mred\r.pdf"',
}
_TITLE = "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566-2570"


@dataclass(frozen=True)
class FaultSite:
    code: str
    kind: str
    domain: str
    name: str

    @property
    def root(self) -> str:
        return f"http://{self.domain}/"


@dataclass
class _Reply:
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


@dataclass(eq=False)
class FaultWeb:
    """The fault sites, their served files and what a crawl of them must (not) do."""

    sites: dict[str, FaultSite]
    port: int = 0  # set when served: redirects to loopback name the server's own port
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)  # per fault domain
    forbidden_hits: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(cls, kinds: tuple[str, ...] = KINDS) -> FaultWeb:
        sites = {}
        for i, kind in enumerate(kinds, start=1):
            domain = f"fault-{kind.replace('_', '-')}.go.th"
            name = f"องค์การบริหารส่วนตำบลทดสอบ{i}"
            sites[domain] = FaultSite(f"F{i:04d}", kind, domain, name)
        return cls(sites)

    # --- ground truth -----------------------------------------------------------------------

    @property
    def faults(self) -> int:
        """How many faults the sites inject (one per hostile file, name, redirect, ...)."""
        return sum(len(_links(site, self)) - 1 for site in self.sites.values())

    @property
    def expected(self) -> list[tuple[str, str]]:
        """(url, sha256) of every good document: each must be stored by the end of a harvest."""
        out = []
        for site in self.sites.values():
            for path, served in _files(site).items():
                if served.good:
                    out.append((f"http://{site.domain}{path}", served.sha256))
        return out

    @property
    def hostile(self) -> dict[str, tuple[str, ...]]:
        """URL -> reasons: PDFs whose extraction must fail with a recorded reason."""
        out = {}
        for site in self.sites.values():
            for path, served in _files(site).items():
                if served.reasons:
                    out[f"http://{site.domain}{path}"] = served.reasons
        return out

    def write_registry(self, path: Path, web: Any = None) -> Path:
        """A simple registry CSV of the fault sites (and of `web`'s sample sites)."""
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(ORGS_CSV_HEADER)
            for site in self.sites.values():
                writer.writerow([site.code, site.name, "อบต.", "ทดสอบ", "ทดสอบ", site.domain])
            for s in web.sites.values() if web is not None else ():
                o = s.org
                writer.writerow(
                    [o.code, o.full_name, o.type, o.district, o.province, o.website_raw]
                )
        return path

    # --- serving ----------------------------------------------------------------------------

    def serve(self, handler: BaseHTTPRequestHandler, name: str) -> bool:
        """Answer `handler`'s request if it is for a fault site or a forbidden place."""
        parts = urlsplit(handler.path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        site = self.sites.get(name)
        if site is None:
            # Nothing of ours is served on these names: a crawler got here by a redirect
            # or link it should have refused.
            if name in ("127.0.0.1", "localhost", "::1", "[::1]") and path not in ("/", ""):
                self._forbidden(handler, f"http://{name}{path}")
                return True
            if name.startswith("intranet."):
                self._forbidden(handler, f"http://{name}{path}")
                return True
            return False
        with self.lock:
            self.hits[site.domain] += 1
            self.counts[(site.domain, path)] += 1
            seen = self.counts[(site.domain, path)]
        if path.startswith("/docs/stolen"):
            self._forbidden(handler, f"http://{name}{path}")
            return True
        action = _route(site, self, path, seen)
        if callable(action):
            action(handler)
        else:
            _write(handler, action, with_body=handler.command != "HEAD")
        return True

    def _forbidden(self, handler: BaseHTTPRequestHandler, url: str) -> None:
        with self.lock:
            self.forbidden_hits.append(url)
        _write(handler, _Reply(200, [("Content-Type", "text/plain")], b"secret\n"))


# --- what each site serves ------------------------------------------------------------------


@dataclass(frozen=True)
class _Served:
    body: bytes
    content_type: str | None = PDF
    disposition: str | None = None
    good: bool = True  # a document the crawler must store
    reasons: tuple[str, ...] = ()  # a hostile PDF: its extraction must fail so

    @property
    def sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.body).hexdigest()


def _good(site: FaultSite, slot: str, pick: int = 0) -> bytes:
    docs: tuple[CorpusDoc, ...] = tuple(d for d in fallback_corpus() if not d.scan)
    return docs[pick % len(docs)].data + unique_suffix(site.code, slot)


@functools.cache
def _hostile_body(name: str) -> bytes:
    return hostile.HOSTILE[name][0]()


@functools.cache
def _files(site: FaultSite) -> dict[str, _Served]:
    """The files a site serves, by path (the good one first)."""
    files = {"/docs/plan.pdf": _Served(_good(site, "plan"))}
    kind = site.kind
    if kind == "flaky":
        files["/docs/flaky.pdf"] = _Served(_good(site, "flaky", 1))
        files["/docs/behind-flaky.pdf"] = _Served(_good(site, "behind", 2))
    elif kind == "ctype":
        files["/docs/as-html.pdf"] = _Served(_good(site, "as-html", 1), HTML)
        files["/docs/no-type.pdf"] = _Served(_good(site, "no-type", 2), None)
        files["/docs/as-image.pdf"] = _Served(_good(site, "as-image", 3), "image/jpeg")
    elif kind == "liar":
        files["/ita/list.html"] = _Served(_good(site, "liar-html", 1), HTML)
        page = "<html><body><h1>ไม่พบหน้าที่ต้องการ</h1></body></html>".encode()
        files["/docs/soft404.pdf"] = _Served(page, PDF, good=False)
        files["/docs/scan.pdf"] = _Served(hostile.image_named_pdf(), PDF, good=False)
    elif kind == "names":
        for n, (label, value) in enumerate(HOSTILE_NAMES.items(), start=1):
            path = f"/docs/name-{n}.pdf"
            files[path] = _Served(_good(site, f"name-{label}", n), PDF, value)
    elif kind == "hostile":
        for name, (_, reasons) in hostile.HOSTILE.items():
            body = _hostile_body(name)
            ok = body.startswith(b"%PDF")
            files[f"/docs/{name}.pdf"] = _Served(
                body, PDF, good=False, reasons=reasons if ok else ()
            )
    return files


def _links(site: FaultSite, web: FaultWeb) -> list[tuple[str, str]]:
    """(href, text) of the home page: the good document, then every fault of the kind."""
    port = web.port
    kind = site.kind
    links = [("/docs/plan.pdf", _TITLE)]
    plan = "แผนปฏิบัติการป้องกันการทุจริต"
    pages = "ITA การประเมินคุณธรรมและความโปร่งใส"
    if kind == "hang":
        links.append(("/docs/hang.pdf", f"{plan} (ฉบับเต็ม)"))
    elif kind == "drip":
        links.append(("/docs/drip.pdf", f"{plan} (ฉบับเต็ม)"))
    elif kind == "reset":
        links += [("/docs/reset.pdf", f"{plan} (ฉบับเต็ม)"), ("/ita/reset.html", pages)]
    elif kind == "flaky":
        links += [("/docs/flaky.pdf", f"{plan} 2567"), ("/ita/flaky.html", pages)]
    elif kind == "loop":
        links += [("/loop/a.pdf", f"{plan} 2567"), ("/ita/self", pages)]
    elif kind == "trap":
        links += [
            ("/trap/1", f"{pages} หน้า 1"),
            ("/ita/a/", f"{pages} หมวด"),
            ("/ita/endless", f"{pages} ทั้งหมด"),
        ]
    elif kind in ("ctype", "liar", "names", "hostile"):
        for path in list(_files(site))[1:]:
            links.append((path, f"{plan} {path.rsplit('/', 1)[-1]}"))
    elif kind == "gzip_bomb":
        links += [("/ita/bomb.html", pages), ("/docs/bomb.pdf", f"{plan} 2567")]
    elif kind == "huge":
        links.append(("/docs/huge.pdf", f"{plan} 2567"))
    elif kind == "private":
        links += [
            (f"http://127.0.0.1:{port}/secret.pdf", f"{plan} 2567"),
            (f"http://intranet.{site.domain}/plan.pdf", f"{plan} 2568"),
            ("/ita/admin", pages),
            ("/docs/meta.pdf", f"{plan} 2565"),
            ("/docs/lan.pdf", f"{plan} 2564"),
            ("/docs/v6.pdf", f"{plan} 2563"),
        ]
    elif kind == "offhost":
        links += [
            ("/docs/moved.pdf", f"{plan} 2567"),
            ("http://evil.example/plan.pdf", f"{plan} 2568"),
        ]
    return links


_REDIRECTS = {
    "private": {
        "/ita/admin": "http://localhost:{port}/admin",
        "/docs/meta.pdf": "http://169.254.169.254/latest/meta-data/",
        "/docs/lan.pdf": "http://10.0.0.1/plan.pdf",
        "/docs/v6.pdf": "http://[::1]:{port}/secret6.pdf",
    },
    "loop": {"/loop/a.pdf": "/loop/b.pdf", "/loop/b.pdf": "/loop/a.pdf", "/ita/self": "/ita/self"},
}


def _home(site: FaultSite, web: FaultWeb) -> _Reply:
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in _links(site, web)
    )
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(site.name)}</title>"
        f"</head><body><h1>{escape(site.name)}</h1><ul>{items}</ul></body></html>"
    )
    ctype = "application/octet-stream" if site.kind == "ctype" else HTML
    return _Reply(200, [("Content-Type", ctype)], html.encode())


def _page(title: str, links: list[tuple[str, str]]) -> _Reply:
    items = "".join(f'<a href="{escape(h)}">{escape(t)}</a><br>' for h, t in links)
    html = f"<!DOCTYPE html><html><body><h1>{escape(title)}</h1>{items}</body></html>"
    return _Reply(200, [("Content-Type", HTML)], html.encode())


Action = _Reply | Callable[[BaseHTTPRequestHandler], None]


def _route(site: FaultSite, web: FaultWeb, path: str, seen: int) -> Action:
    kind = site.kind
    if path in ("/", "/index.html"):
        return _home(site, web)
    if path == "/robots.txt":
        return _Reply(404, [("Content-Type", "text/plain")], b"")
    target = _REDIRECTS.get(kind, {}).get(path)
    if target is not None:
        return _Reply(302, [("Location", target.format(port=web.port))])
    if kind == "offhost" and path == "/docs/moved.pdf":
        other = next(d for d, s in web.sites.items() if s.kind != "offhost")
        return _Reply(302, [("Location", f"http://{other}/docs/stolen.pdf")])
    if kind == "flaky" and seen == 1 and path in ("/docs/flaky.pdf", "/ita/flaky.html"):
        return _Reply(503 if path.endswith(".pdf") else 500, [("Retry-After", "1")], b"busy")
    if kind == "flaky" and path == "/ita/flaky.html":
        return _page("ITA", [("/docs/behind-flaky.pdf", f"{_TITLE} (ฉบับปรับปรุง)")])
    if kind == "trap" and path.startswith(("/trap/", "/ita/a/", "/ita/endless")):
        return _trap(path)
    if kind == "hang" and path == "/docs/hang.pdf":
        return functools.partial(_hang, web=web)
    if kind == "drip" and path == "/docs/drip.pdf":
        return functools.partial(_drip, web=web)
    if kind == "reset" and path in ("/docs/reset.pdf", "/ita/reset.html"):
        return functools.partial(_reset, half=path.endswith(".html"))
    if kind == "gzip_bomb" and path in ("/ita/bomb.html", "/docs/bomb.pdf"):
        ctype = HTML if path.endswith(".html") else PDF
        return _Reply(200, [("Content-Type", ctype), ("Content-Encoding", "gzip")], _gzip_bomb())
    if kind == "huge" and path == "/docs/huge.pdf":
        return _huge
    served = _files(site).get(path)
    if served is None:
        return _Reply(404, [("Content-Type", HTML)], b"<html><body>404</body></html>")
    headers = [("Content-Type", served.content_type)] if served.content_type else []
    if served.disposition:
        headers.append(("Content-Disposition", served.disposition))
    return _Reply(200, headers, served.body)


def _trap(path: str) -> Action:
    title = "ITA การประเมินคุณธรรมและความโปร่งใส"
    if path.startswith("/trap/"):
        n = int(path.rsplit("/", 1)[-1].split("?")[0] or 0) if path[6:].isdigit() else 1
        return _page(
            f"{title} หน้า {n}",
            [(f"/trap/{n + 1}", f"{title} หน้า {n + 1}"), (f"/trap/{n}?sort=desc", title)],
        )
    if path.startswith("/ita/a/"):
        # Each page links one level deeper: the URL grows without end.
        return _page(title, [(path + "a/", f"{title} หมวดย่อย"), (path + "b/", title)])
    if path == "/ita/endless":
        return _endless
    return _Reply(404, [("Content-Type", HTML)], b"")


@functools.cache
def _gzip_bomb() -> bytes:
    """GZIP_BOMB_MB of zeros, gzipped (about a thousand to one)."""
    chunk = bytes(1 << 20)
    squeeze = gzip.compress(chunk, compresslevel=9, mtime=0)
    # gzip members concatenate: a reader inflates them one after another.
    return squeeze * GZIP_BOMB_MB


# --- raw socket behaviours ------------------------------------------------------------------


def _write(handler: BaseHTTPRequestHandler, reply: _Reply, *, with_body: bool = True) -> None:
    handler.send_response(reply.status)
    for key, value in reply.headers:
        handler.send_header(key, value)
    if not any(k.lower() == "content-length" for k, _ in reply.headers):
        handler.send_header("Content-Length", str(len(reply.body)))
    handler.end_headers()
    if with_body:
        handler.wfile.write(reply.body)


def _hang(handler: BaseHTTPRequestHandler, web: FaultWeb) -> None:
    """Accept the request, then never answer."""
    web.stopping.wait(3600)
    handler.close_connection = True


def _drip(handler: BaseHTTPRequestHandler, web: FaultWeb) -> None:
    """Headers promise 10 MB; then one byte every 0.2 s until the client gives up."""
    handler.send_response(200)
    handler.send_header("Content-Type", PDF)
    handler.send_header("Content-Length", str(10 * 1024 * 1024))
    handler.end_headers()
    handler.close_connection = True
    try:
        handler.wfile.write(b"%PDF-1.7\n")
        while not web.stopping.wait(0.2):
            handler.wfile.write(b" ")
            handler.wfile.flush()
    except OSError:
        return


def _reset(handler: BaseHTTPRequestHandler, *, half: bool) -> None:
    """Reset the connection (RST), after half a response when `half`."""
    if half:
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.send_header("Content-Length", "4096")
        handler.end_headers()
        handler.wfile.write(b"<!DOCTYPE html><html><body>" + b"x" * 1000)
        handler.wfile.flush()
    sock: socket.socket = handler.connection
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    sock.close()


def _huge(handler: BaseHTTPRequestHandler) -> None:
    """Announce HUGE_LENGTH bytes, send a few, then close."""
    handler.send_response(200)
    handler.send_header("Content-Type", PDF)
    handler.send_header("Content-Length", str(HUGE_LENGTH))
    handler.end_headers()
    handler.close_connection = True
    try:
        handler.wfile.write(b"%PDF-1.7\n" + bytes(64 * 1024))
    except OSError:
        return


def _endless(handler: BaseHTTPRequestHandler) -> None:
    """An HTML page that never ends (no Content-Length, the connection stays open)."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()
    handler.close_connection = True
    link = '<a href="/ita/endless">ITA การประเมินคุณธรรมและความโปร่งใส</a>\n'.encode()
    started = time.monotonic()
    try:
        handler.wfile.write(b"<!DOCTYPE html><html><body>")
        while time.monotonic() - started < 60:
            handler.wfile.write(link * 500)
            time.sleep(0.01)
    except OSError:
        return


# --- serving next to the sample web ---------------------------------------------------------


@contextmanager
def serve_faults(faults: FaultWeb, web: Any = None) -> Iterator[Any]:
    """The sample server (with `web`'s sites, or none) serving the fault sites too."""
    from prongsai.sample.web.server import serve_in_thread
    from prongsai.sample.web.sites import SampleWeb

    if web is None:
        web = SampleWeb((), {}, (), None)
    for site in faults.sites.values():
        _files(site)  # hostile files take seconds to build: not while a crawler waits
    _gzip_bomb()
    with serve_in_thread(web=web) as server:
        faults.port = server.port
        faults.stopping.clear()
        server.fault_web = faults
        try:
            yield server
        finally:
            faults.stopping.set()
