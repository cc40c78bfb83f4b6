"""One loopback HTTP server for every sample site, chosen by the Host header.

A threaded stdlib server (one thread per connection, HTTP/1.1 keep-alive). It binds 127.0.0.1
only. The host `control.sample` drives it from another process: /mutate?org=CODE, /reset,
/state, /truth?org=CODE (the ground truth of one site as JSON).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from prongsai.sample.web.pages import Response, respond
from prongsai.sample.web.registry import REGISTRY_CSV
from prongsai.sample.web.sites import SampleWeb, Site

LOOPBACK = "127.0.0.1"
CONTROL_HOST = "control.sample"
HANG_SECONDS = 3600.0


class SampleServer(ThreadingHTTPServer):
    """Serves a `SampleWeb`; `web` is swapped whole on mutation, so readers never see half."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, web: SampleWeb, port: int = 0, host: str = LOOPBACK) -> None:
        if host != LOOPBACK:
            raise ValueError(f"the sample web binds {LOOPBACK} only, not {host!r}")
        self.web = web
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.hits: Counter[str] = Counter()  # per domain
        self.decoy_hits: list[str] = []  # robots-disallowed URLs someone fetched
        self.fault_web: Any = None  # a `faults.FaultWeb` answers its hosts first, when set
        super().__init__((host, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up: routine
            super().handle_error(request, client_address)

    def mutate(self, code: str) -> Site:
        """Change one document (new bytes, same URL) and remove another (404, unlinked)."""
        with self.lock:
            self.web = self.web.with_mutation(code)
            site = self.web.site_of(code)
        if site is None:
            raise KeyError(code)
        return site

    def reset(self) -> None:
        with self.lock:
            self.web = self.web.without_mutations()
            self.hits.clear()
            self.decoy_hits.clear()

    def stop(self) -> None:
        self.stopping.set()  # wakes the hanging site's threads
        self.shutdown()
        self.server_close()


def truth(site: Site) -> dict[str, Any]:
    """The ground truth of one site as JSON-ready data."""
    return {
        "code": site.org.code,
        "name": site.org.full_name,
        "domain": site.domain,
        "platform": site.platform,
        "features": sorted(site.features),
        "documents": [
            {
                "url": d.url,
                "sha256": d.sha256,
                "doc_type": d.doc_type,
                "fiscal_year": d.fiscal_year,
                "period": list(d.period) if d.period else None,
                "title": d.title,
                "scan": d.scan,
            }
            for d in site.documents
        ],
        "missing": [list(m) for m in site.missing],
        "forbidden": list(site.forbidden),
        "non_target": list(site.non_target),
        "broken": [f"http://{site.domain}{b}" for b in site.broken],
        "removed": [f"http://{site.domain}{r}" for r in site.removed],
        "offsite": list(site.offsite),
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: SampleServer
    server_version = "Apache/2.4.41"
    sys_version = ""

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def do_POST(self) -> None:  # only the control host takes POST
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._serve(with_body=True)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # thousands of requests per benchmark; the hit counters are the log

    def _serve(self, *, with_body: bool) -> None:
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0].strip().lower().rstrip(".").removeprefix("www.")
        faults = self.server.fault_web
        if faults is not None and faults.serve(self, name):
            return
        if name == CONTROL_HOST:
            response = self._control()
        elif name in ("127.0.0.1", "localhost", ""):
            response = self._index()
        else:
            web = self.server.web
            site = web.sites.get(name)
            if site is None:
                body = f"no sample site for host {name!r}\n".encode()
                response = Response(404, [("Content-Type", "text/plain; charset=utf-8")], body)
            else:
                headers = {k.lower(): v for k, v in self.headers.items()}
                response = respond(site, self.command, self.path, headers, host)
                with self.server.lock:
                    self.server.hits[name] += 1
                    if response.decoy:
                        self.server.decoy_hits.append(f"http://{name}{self.path}")
        if response.hang:
            self.server.stopping.wait(HANG_SECONDS)
            self.close_connection = True
            return
        self._send(response, with_body=with_body)

    def _send(self, response: Response, *, with_body: bool) -> None:
        response = _gzipped(response, self.headers.get("Accept-Encoding", ""))
        self.send_response(response.status)
        for key, value in response.headers:
            self.send_header(key, value)
        if response.status != 304 and not any(k == "Content-Length" for k, _ in response.headers):
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body and response.status != 304:
            self.wfile.write(response.body)

    def _index(self) -> Response:
        web = self.server.web
        featured = [s for s in web.sites.values() if s.featured]
        lines = [
            f"prongsai sample web: {len(web.sites)} sites ({len(web.orgs)} organizations)",
            "featured:",
            *(f"  {s.domain}  {s.org.full_name}  [{s.platform}]" for s in featured),
        ]
        body = ("\n".join(lines) + "\n").encode()
        return Response(200, [("Content-Type", "text/plain; charset=utf-8")], body)

    def _control(self) -> Response:
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        try:
            if parts.path == "/mutate":
                data: Any = truth(self.server.mutate(query["org"]))
            elif parts.path == "/reset":
                self.server.reset()
                data = {"ok": True}
            elif parts.path == "/state":
                web = self.server.web
                data = {
                    "sites": len(web.sites),
                    "mutated": sorted(web.mutated),
                    "hang": web.hang_domain,
                    "decoy_hits": list(self.server.decoy_hits),
                    "hits": sum(self.server.hits.values()),
                }
            elif parts.path == "/domains":
                data = sorted(self.server.web.sites)
            elif parts.path == "/truth":
                site = self.server.web.site_of(query["org"])
                if site is None:
                    raise KeyError(query["org"])
                data = truth(site)
            else:
                raise KeyError(parts.path)
        except (KeyError, ValueError) as exc:
            body = json.dumps({"error": str(exc)}).encode()
            return Response(404, [("Content-Type", "application/json")], body)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return Response(200, [("Content-Type", "application/json; charset=utf-8")], body)


def make_server(
    port: int = 0,
    *,
    host: str = LOOPBACK,
    sites: int | None = None,
    registry: Path = REGISTRY_CSV,
    corpus_dir: Path | None = None,
    web: SampleWeb | None = None,
) -> SampleServer:
    """A bound, not yet serving, server; refuses any address but 127.0.0.1."""
    if host != LOOPBACK:
        raise ValueError(f"the sample web binds {LOOPBACK} only, not {host!r}")
    if web is None:
        web = SampleWeb.from_registry(registry, corpus_dir=corpus_dir, sites=sites)
    return SampleServer(web, port, host)


@contextmanager
def serve_in_thread(
    port: int = 0,
    *,
    sites: int | None = None,
    registry: Path = REGISTRY_CSV,
    corpus_dir: Path | None = None,
    web: SampleWeb | None = None,
) -> Iterator[SampleServer]:
    """`with serve_in_thread() as server:` serves in a daemon thread; `server.port` is bound."""
    server = make_server(port, sites=sites, registry=registry, corpus_dir=corpus_dir, web=web)
    thread = threading.Thread(target=server.serve_forever, name="sample-web", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        thread.join(timeout=5)


def _gzipped(response: Response, accept: str) -> Response:
    """HTML and JSON gzipped for a client that accepts it, as real web servers do."""
    ctype = next((v for k, v in response.headers if k.lower() == "content-type"), "")
    textual = ctype.startswith(("text/html", "application/json"))
    if response.status != 200 or not textual or "gzip" not in accept.lower():
        return response
    body = gzip.compress(response.body, mtime=0)
    headers = [*response.headers, ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    return dataclasses.replace(response, headers=headers, body=body)
