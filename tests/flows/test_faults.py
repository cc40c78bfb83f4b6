"""The fault web crawled twice (the crawler's own subprocess), then its hostile PDFs extracted:
every fault is recorded, nothing is lost or let in, hostile files fail with a reason in time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from prongsai.flows.crawl import CrawlProgress, crawl_command, run_crawl
from prongsai.sample.web.faults import FaultWeb, serve_faults
from prongsai.warehouse import db
from prongsai.warehouse.models import Document, DocumentVersion, ExtractionRun, Fetch

TIMEOUT_S = 3.0
EXTRACT_TIMEOUT_S = 30.0


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("faults")
    faults = FaultWeb.build()
    orgs = faults.write_registry(root / "orgs.csv")
    url = f"sqlite:///{root / 'db.sqlite'}"
    runs: list[CrawlProgress] = []
    gone_after_first = None
    with serve_faults(faults) as server:
        for n in range(2):  # the second run finds what failed for a passing reason
            cmd = crawl_command(db_url=url, orgs=orgs, files=root / "files",
                                host_map=f"127.0.0.1:{server.port}", test=True,
                                timeout=TIMEOUT_S)  # fmt: skip
            code, progress = run_crawl(cmd, log=root / f"crawl{n}.log")
            assert code == 0, (root / f"crawl{n}.log").read_text()[-2000:]
            runs.append(progress)
            if n == 0:
                gone_after_first = _rows(url, select(Document.url).where(Document.status == "gone"))
        yield {"faults": faults, "url": url, "root": root, "runs": runs,
               "gone_after_first": gone_after_first, "budget": 80}  # fmt: skip


def _rows(url: str, query: Any) -> list[Any]:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        rows = list(conn.execute(query))
    engine.dispose()
    return rows


def _errors(crawled: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for url, status, error in _rows(crawled["url"], select(Fetch.url, Fetch.status, Fetch.error)):
        if error or (status or 0) >= 400:
            out.setdefault(url, set()).add(error or f"HTTP {status}")
    return out


def test_every_good_document_is_stored(crawled: dict[str, Any]) -> None:
    stored = {
        (u, s)
        for u, s in _rows(crawled["url"], select(Document.url, DocumentVersion.sha256).join(DocumentVersion))
    }  # fmt: skip
    missing = set(crawled["faults"].expected) - stored
    assert not missing
    assert crawled["gone_after_first"] == []  # a bad night empties nothing


def test_nothing_reaches_a_forbidden_place(crawled: dict[str, Any]) -> None:
    faults: FaultWeb = crawled["faults"]
    assert faults.forbidden_hits == []
    for url, status, error in _rows(crawled["url"], select(Fetch.url, Fetch.status, Fetch.error)):
        host = urlsplit(url).hostname or ""
        if host not in faults.sites:
            assert status is None, url
            assert (error or "").startswith("refused:"), (url, error)


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("fault-hang.go.th/docs/hang.pdf", r"Timeout"),
        ("fault-drip.go.th/docs/drip.pdf", r"Timeout"),
        ("fault-reset.go.th/docs/reset.pdf", r"ConnectionLost|ConnectionReset|DataLoss"),
        ("fault-reset.go.th/ita/reset.html", r"DataLoss|ConnectionLost|ConnectionReset"),
        ("fault-flaky.go.th/docs/flaky.pdf", r"HTTP 503"),
        ("fault-flaky.go.th/ita/flaky.html", r"HTTP 500"),
        ("fault-loop.go.th/loop/a.pdf", r"refused: redirect"),
        ("fault-huge.go.th/docs/huge.pdf", r"larger than download max size"),
        ("fault-gzip-bomb.go.th/ita/bomb.html", r"DOWNLOAD_MAXSIZE"),
        ("fault-gzip-bomb.go.th/docs/bomb.pdf", r"DOWNLOAD_MAXSIZE"),
        ("fault-trap.go.th/ita/endless", r"Timeout|max size"),
        ("169.254.169.254/latest/meta-data/", r"refused: offsite"),
        ("10.0.0.1/plan.pdf", r"refused: offsite"),
        ("intranet.fault-private.go.th/plan.pdf", r"refused: .*resolves to 127.0.0.1"),
        ("fault-hang.go.th/docs/stolen.pdf", r"refused: offsite"),
    ],
)
def test_each_fault_is_recorded(crawled: dict[str, Any], path: str, pattern: str) -> None:
    errors = _errors(crawled)
    assert f"http://{path}" in errors, sorted(errors)
    assert any(re.search(pattern, e) for e in errors[f"http://{path}"]), errors[f"http://{path}"]


def test_loopback_redirects_are_refused(crawled: dict[str, Any]) -> None:
    refused = [u for u in _errors(crawled) if urlsplit(u).hostname in ("localhost", "::1")]
    assert len(refused) == 2, refused


def test_link_traps_stay_within_the_site_budget(crawled: dict[str, Any]) -> None:
    hits = crawled["faults"].hits["fault-trap.go.th"]
    assert hits <= 2 * crawled["budget"]  # two crawls


def test_server_file_names_never_name_stored_files(crawled: dict[str, Any]) -> None:
    files = crawled["root"] / "files"
    for path in files.rglob("*"):
        if path.is_file():
            assert re.fullmatch(r"[0-9a-f]{64}\.(pdf|html|bin)", path.name), path
            assert path.resolve().is_relative_to(files.resolve())
    names = [n for (n,) in _rows(crawled["url"], select(Document.file_name)) if n]
    assert "passwd" in names  # ../../etc/passwd, its directories dropped
    for name in names:
        assert not re.search(r"[\x00-\x1f\x7f/\\]", name), repr(name)
        assert len(name) <= 200


@pytest.mark.usefixtures("prefect_harness")
def test_hostile_pdfs_fail_with_a_recorded_reason_in_time(crawled: dict[str, Any]) -> None:
    from prongsai.flows.harvest import extract_and_load

    faults: FaultWeb = crawled["faults"]
    hostile_site = next(s for s in faults.sites.values() if s.kind == "hostile")
    summary = extract_and_load(crawled["url"], crawled["root"] / "files", [hostile_site.code],
                               workers=1, ocr=False, timeout=EXTRACT_TIMEOUT_S,
                               memory_mb=1024)  # fmt: skip
    assert summary.failed == len(faults.hostile)
    query = (
        select(Document.url, ExtractionRun.outcome, ExtractionRun.error,
               ExtractionRun.started_at, ExtractionRun.finished_at)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .join(ExtractionRun, ExtractionRun.sha256 == DocumentVersion.sha256)
    )  # fmt: skip
    runs = {url: rest for url, *rest in _rows(crawled["url"], query)}
    for url, reasons in faults.hostile.items():
        outcome, error, started, finished = runs[url]
        assert outcome == "failed"
        assert error.split(":", 1)[0] in reasons, (url, error)
        assert (finished - started).total_seconds() < EXTRACT_TIMEOUT_S + 10
