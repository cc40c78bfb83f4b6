"""The sample web: registry format, per-platform pages, encodings, validators, traps, mutation."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from urllib.parse import unquote

import pypdfium2 as pdfium
import pytest
from pythainlp.corpus import provinces

from prongsai.sample.web import SampleServer, Site, clean_website, make_server, serve_in_thread
from prongsai.sample.web.pages import hub_path, year_path
from prongsai.sample.web.registry import HEADER, REGISTRY_CSV, build_registry, render_csv

Fetch = tuple[int, dict[str, str], bytes]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get(port: int, host: str, path: str, headers: dict[str, str] | None = None) -> Fetch:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **(headers or {})}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server() -> Iterator[SampleServer]:
    with serve_in_thread(port=0) as running:
        yield running


def pick(server: SampleServer, test: Callable[[Site], bool]) -> Site:
    return next(s for s in server.web.sites.values() if test(s) and not s.hang)


def test_registry_is_dla_format_with_1000_sites(server: SampleServer) -> None:
    data = REGISTRY_CSV.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(data) < 500_000
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    codes = [r[3] for r in rows[1:]]
    assert len(set(codes)) >= 1200
    assert len(codes) > len(set(codes))  # codes repeat per tambon
    assert b'"www,' in data  # a comma inside the website cell is quoted
    assert {r[0] for r in rows[1:]} <= set(provinces())
    assert len(server.web.sites) >= 1000
    assert server.web.without_site()  # blank and uncleanable website cells


def test_registry_file_is_what_the_generator_writes() -> None:
    assert render_csv(build_registry()[0]) == REGISTRY_CSV.read_bytes()


@pytest.mark.parametrize(
    ("raw", "domain"),
    [
        ("www.Khlongphon go.th", "khlongphon.go.th"),
        ("WWW..Aolueknuea.go.th", "aolueknuea.go.th"),
        ("www,tlpm.go.th", "tlpm.go.th"),
        ("hattp://www.kiriwong.go.th/", "kiriwong.go.th"),
        ("http://www.khlongthomcity.go.th/", "khlongthomcity.go.th"),
        ("www.aoluktai.org", "aoluktai.org"),
        (".org", None),
        ('"-"', None),
        ("", None),
    ],
)
def test_clean_website(raw: str, domain: str | None) -> None:
    assert clean_website(raw) == domain


@pytest.mark.parametrize("platform", ["wordpress", "vendor", "phpmod", "static"])
def test_platform_pages_link_documents_with_expected_bytes(
    server: SampleServer, platform: str
) -> None:
    site = pick(server, lambda s: s.platform == platform and len(s.documents) >= 2)
    status, _, home = get(server.port, f"www.{site.domain}", "/")
    assert status == 200
    charset = "cp874" if "cp874" in site.features else "utf-8"
    assert site.org.full_name in home.decode(charset)
    doc = site.documents[-1]
    fy = doc.fiscal_year or 2567
    status, _, page = get(server.port, site.domain, year_path(site, fy))
    assert status == 200
    html = page.decode(charset)
    assert "<th>ข้อ</th><th>ข้อมูล</th><th>คำอธิบาย</th><th>ลิงก์</th>" in html
    assert doc.path.replace("&", "&amp;") in html
    status, _, body = get(server.port, site.domain, doc.path)
    assert status == 200
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == doc.sha256
    assert pdfium.PdfDocument(body)[0] is not None  # the org's trailing comment keeps it a PDF


def test_vendor_paths(server: SampleServer) -> None:
    site = pick(server, lambda s: s.platform == "vendor" and bool(s.documents))
    assert year_path(site, 2567).startswith("/Pages/ita_year_detail/")
    assert site.documents[0].path.startswith("/docs/file/")


def test_cp874_page_decodes(server: SampleServer) -> None:
    site = pick(server, lambda s: s.platform == "phpmod" and "cp874" in s.features)
    status, headers, body = get(server.port, site.domain, hub_path(site))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=windows-874"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "การประเมินคุณธรรมและความโปร่งใส" in body.decode("cp874")
    static = pick(server, lambda s: s.platform == "static" and "cp874" in s.features)
    _, headers, body = get(server.port, static.domain, "/")
    assert headers["Content-Type"] == "text/html"
    assert b'<meta charset="tis-620">' in body
    assert static.org.full_name in body.decode("tis-620")


def test_download_php_sends_rfc5987_thai_filename(server: SampleServer) -> None:
    site = pick(server, lambda s: "octet" in s.features and len(s.documents) >= 2)
    types = set()
    for doc in site.documents:
        _, headers, body = get(server.port, site.domain, doc.path)
        disposition = headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="file_')
        encoded = disposition.split("filename*=UTF-8''", 1)[1]
        assert unquote(encoded).endswith(".pdf")
        assert body.startswith(b"%PDF")
        types.add(headers["Content-Type"])
    assert "application/octet-stream" in types  # the wrong type some sites send
    names = [unquote(get(server.port, site.domain, d.path)[1]["Content-Disposition"])
             for d in site.documents]  # fmt: skip
    assert any(any("\u0e00" <= c <= "\u0e7f" for c in name) for name in names)  # Thai names


def test_etag_and_last_modified_give_304(server: SampleServer) -> None:
    site = pick(
        server, lambda s: "etag" in s.features and s.platform != "phpmod" and bool(s.documents)
    )
    path = site.documents[0].path
    _, headers, _ = get(server.port, site.domain, path)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert get(server.port, site.domain, path, {"If-None-Match": etag})[0] == 304
    assert get(server.port, site.domain, path, {"If-Modified-Since": modified})[0] == 304
    assert get(server.port, site.domain, path, {"If-None-Match": '"other"'})[0] == 200
    _, page_headers, _ = get(server.port, site.domain, "/")
    assert get(server.port, site.domain, "/", {"If-None-Match": page_headers["ETag"]})[0] == 304


def test_robots_disallows_a_linked_decoy(server: SampleServer) -> None:
    site = pick(server, lambda s: "robots" in s.features)
    status, _, body = get(server.port, site.domain, "/robots.txt")
    assert status == 200
    assert b"Disallow: /private/" in body
    decoy = site.forbidden[0]
    path = decoy.split(site.domain, 1)[1]
    _, _, home = get(server.port, site.domain, "/")
    assert path.encode() in home  # linked, so only robots.txt keeps a crawler out
    assert get(server.port, site.domain, path)[0] == 200
    assert f"http://{site.domain}{path}" in server.decoy_hits


def test_redirects_and_404(server: SampleServer) -> None:
    site = pick(server, lambda s: "redirect" in s.features and "broken" in s.features)
    status, headers, _ = get(server.port, site.domain, "/ita")
    assert status == 301
    assert headers["Location"].endswith(hub_path(site))
    old, new = next((o, n) for o, n in site.moves.items() if n != "hub")
    status, headers, _ = get(server.port, site.domain, old)
    assert status == 302
    assert headers["Location"].endswith(new)
    assert get(server.port, site.domain, site.broken[0])[0] == 404
    assert get(server.port, site.domain, "/no/such/page.html")[0] == 404
    assert get(server.port, "unknown.go.th", "/")[0] == 404


def test_wordpress_rest_media_lists_the_uploads(server: SampleServer) -> None:
    site = pick(server, lambda s: s.platform == "wordpress" and len(s.documents) >= 3)
    host = f"{site.domain}:{server.port}"
    status, headers, _ = get(server.port, host, "/wp-json/wp/v2/media?per_page=2&page=1")
    assert status == 200
    total = int(headers["X-WP-Total"])
    urls = []
    for page in range(1, int(headers["X-WP-TotalPages"]) + 1):
        items = json.loads(
            get(server.port, host, f"/wp-json/wp/v2/media?per_page=2&page={page}")[2]
        )
        urls += [i["source_url"] for i in items]
        assert all(i["mime_type"] == "application/pdf" and i["title"]["rendered"] for i in items)
    expected = {f"http://{host}{d.path}" for d in site.documents}
    assert len(urls) == total
    assert expected <= set(urls)
    pages = json.loads(get(server.port, host, "/wp-json/wp/v2/pages")[2])
    assert any("O36" in p["content"]["rendered"] for p in pages)


def test_embed_and_calendar_trap(server: SampleServer) -> None:
    site = pick(server, lambda s: "embed" in s.features and bool(s.documents))
    _, _, body = get(server.port, site.domain, "/ebook/plan.html")
    assert b"<object data=" in body or b"<iframe src=" in body
    cal = pick(server, lambda s: "calendar" in s.features)
    _, _, body = get(server.port, cal.domain, "/calendar?month=2599-12")
    assert b"/calendar?month=2600-01" in body  # always one more month


def test_mutation_in_process_and_by_control_host(server: SampleServer) -> None:
    site = pick(server, lambda s: len(s.documents) >= 3 and s.platform == "static")
    before = site.documents
    after = server.mutate(site.org.code)
    assert after.documents[0].path == before[0].path
    assert after.documents[0].sha256 != before[0].sha256
    truth = server.web.without_mutations().with_mutation(site.org.code)
    assert after.documents == truth.sites[site.domain].documents
    _, _, body = get(server.port, site.domain, before[0].path)
    assert hashlib.sha256(body).hexdigest() == after.documents[0].sha256
    assert get(server.port, site.domain, before[-1].path)[0] == 404
    fy = before[-1].fiscal_year or 2567
    _, _, page = get(server.port, site.domain, year_path(site, fy))
    assert before[-1].path.encode() not in page
    assert get(server.port, "control.sample", "/reset")[0] == 200
    assert get(server.port, site.domain, before[-1].path)[0] == 200
    _, _, body = get(server.port, "control.sample", f"/mutate?org={site.org.code}")
    assert json.loads(body)["removed"] == [f"http://{site.domain}{before[-1].path}"]
    get(server.port, "control.sample", "/reset")


def test_hanging_site_does_not_block_others(server: SampleServer) -> None:
    assert server.web.hang_domain
    with socket.create_connection(("127.0.0.1", server.port), timeout=0.5) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: {server.web.hang_domain}\r\n\r\n".encode())
        with pytest.raises(TimeoutError):
            sock.recv(100)
        other = pick(server, lambda s: True)
        assert get(server.port, other.domain, "/")[0] == 200


def test_binds_loopback_only() -> None:
    for host in ("0.0.0.0", "", "localhost", "::"):  # noqa: S104 - the hosts it must refuse
        with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
            make_server(0, host=host, sites=5)
