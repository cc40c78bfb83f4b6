"""Servers without validators: a ranged request for a document's tail, a full GET now and then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.http import Request, Response
from scrapy.settings import Settings

from prongsai.spiders.middlewares import RedirectOnceMiddleware
from prongsai.spiders.registry import RegistryOrg
from prongsai.spiders.sites import TAIL_BYTES, SiteSpider, SiteState, _same_tail
from prongsai.spiders.store import FileStore, Validators

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\ntrailer << /ID [<ab>] >>\n%%EOF\n"
URL = "http://example.go.th/files/plan.pdf"


def _response(status: int, body: bytes, content_range: str | None) -> Response:
    headers = {"Content-Range": content_range} if content_range else {}
    return Response(URL, status=status, headers=headers, body=body)


def test_same_tail_needs_the_same_length_and_bytes() -> None:
    tail = PDF[-TAIL_BYTES:]
    first = len(PDF) - len(tail)
    whole = f"bytes {first}-{len(PDF) - 1}/{len(PDF)}"
    assert _same_tail(_response(206, tail, whole), len(PDF), tail)
    assert not _same_tail(
        _response(206, tail[:-2] + b"X\n", whole), len(PDF), tail
    )  # same length, edited
    grown = f"bytes {first + 5}-{len(PDF) + 4}/{len(PDF) + 5}"
    assert not _same_tail(_response(206, tail, grown), len(PDF), tail)
    assert not _same_tail(_response(206, tail, None), len(PDF), tail)
    assert not _same_tail(_response(206, tail, whole), len(PDF), None)


def test_file_store_tail(tmp_path: Path) -> None:
    files = FileStore(tmp_path)
    _, path = files.put(PDF, ".pdf")
    assert files.tail(str(path), len(PDF), 100) == PDF[-100:]
    assert files.tail(str(path), len(PDF) + 1, 100) is None  # not the size the warehouse says
    assert files.tail(str(tmp_path / "missing.pdf"), 10) is None


@pytest.mark.parametrize(("age_days", "ranged"), [(1, True), (8, False)])
def test_full_get_after_the_full_check_interval(age_days: int, ranged: bool) -> None:
    org = RegistryOrg("1", "อบต.ทดสอบ", "อบต.", "เมือง", "กระบี่", "http://example.go.th/", "")
    known = Validators(
        None, None, "ab" * 32, "ab/plan.pdf", len(PDF), datetime.now(UTC) - timedelta(age_days)
    )
    spider = SiteSpider(orgs=[org], validators={URL: known})
    spider.settings = Settings({"PRONGSAI_FULL_CHECK_DAYS": 7})
    state = SiteState(org, "http://example.go.th/")
    request = spider._request(state, URL, kind="document", depth=1, priority=10)
    assert isinstance(request, Request)
    assert (request.headers.get("Range") == f"bytes=-{TAIL_BYTES}".encode()) is ranged
    assert ("tail_of" in request.meta) is ranged


def test_full_get_after_a_redirected_tail_check_is_not_dropped(tmp_path: Path) -> None:
    """An old link redirected to the file and its tail differs: the full GET of the file is a
    new request, not a second redirect to a URL already asked for (which was dropped)."""
    org = RegistryOrg("1", "อบต.ทดสอบ", "อบต.", "เมือง", "กระบี่", "http://example.go.th/", "")
    spider = SiteSpider(orgs=[org], files_dir=str(tmp_path))
    state = SiteState(org, "http://example.go.th/")
    spider.states["1"] = state
    _, path = spider.files.put(PDF, ".pdf")
    old = "http://example.go.th/old/upload/7.pdf"
    state.requested |= {old, URL}  # RedirectOnceMiddleware added the redirect's target
    changed = PDF[:-TAIL_BYTES] + bytes(TAIL_BYTES)
    first = len(PDF) - TAIL_BYTES
    response = Response(
        URL,
        status=206,
        headers={"Content-Range": f"bytes {first}-{len(PDF) - 1}/{len(PDF)}"},
        body=changed[-TAIL_BYTES:],
        request=Request(URL),
    )
    response.request.meta.update(  # type: ignore[union-attr]
        org_id="1",
        kind="document",
        tail_of=(str(path), len(PDF)),
        redirect_urls=[old],
        redirect_times=1,
    )
    out = list(spider._tail_checked(response, state))
    assert len(out) == 1
    again = out[0]
    assert isinstance(again, Request)
    assert again.url == URL
    assert "Range" not in again.headers
    assert "tail_of" not in again.meta
    assert not any(k.startswith("redirect_") for k in again.meta)
    crawler = type("C", (), {"spider": spider})()
    RedirectOnceMiddleware(crawler).process_request(again, spider)  # type: ignore[arg-type]
