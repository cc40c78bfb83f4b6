"""A changed file behind an old link that redirects, on a server without validators.

The refresh asks the old link for the file's tail; the server redirects and answers the range
with a new tail, so the crawl fetches the file in full. That GET must not carry the redirect's
history: RedirectOnceMiddleware took it for a second redirect to the same URL and dropped it,
and the changed document was marked gone (found by `bench/national.py` at 7,849 sites; it
happens when the crawl meets the old link before a direct one, so the unit test in
`test_tail_check.py` is the one that always catches it).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from prongsai.flows.crawl import CrawlProgress, crawl_command, run_crawl
from prongsai.sample.web import SampleServer, SampleWeb, serve_in_thread, write_orgs_csv
from prongsai.spiders import store
from prongsai.warehouse.models import Document, DocumentVersion


def _crawl(server: SampleServer, root: Path, orgs: Path) -> CrawlProgress:
    cmd = crawl_command(
        db_url=f"sqlite:///{root / 'db.sqlite'}",
        files=root / "files",
        host_map=f"127.0.0.1:{server.port}",
        test=True,
        timeout=5.0,
        orgs=orgs,
    )
    code, progress = run_crawl(cmd, log=root / "crawl.log")
    assert code == 0, (root / "crawl.log").read_text()[-3000:]
    return progress


def test_changed_file_behind_a_redirect_is_a_new_version(tmp_path: Path) -> None:
    web = SampleWeb.from_registry(sites=150)
    site = next(
        s
        for s in web.sites.values()
        if "redirect" in s.features
        and "etag" not in s.features  # no validators: the refresh checks tails
        and s.platform != "phpmod"  # a server that answers byte ranges
        and len(s.documents) >= 2
        and not s.hang
    )
    moved = {new for old, new in site.moves.items() if old.endswith(".pdf")}
    assert moved == {site.documents[0].path}  # the file the mutation changes
    orgs = write_orgs_csv([site.org], tmp_path / "orgs.csv")
    with serve_in_thread(web=web) as server:
        first = _crawl(server, tmp_path, orgs)
        assert first.new >= len(site.documents)
        mutated = server.mutate(site.org.code)
        second = _crawl(server, tmp_path, orgs)
    assert second.new_versions == 1
    assert second.gone == 1
    engine = store.open_db(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        rows = conn.execute(
            select(Document.url, Document.status, DocumentVersion.sha256).join(DocumentVersion)
        ).all()
    engine.dispose()
    gone = {url.split("/", 3)[3] for url, status, _ in rows if status == "gone"}
    assert gone == {r.lstrip("/") for r in mutated.removed}
    assert mutated.documents[0].sha256 in {sha for _, _, sha in rows}
