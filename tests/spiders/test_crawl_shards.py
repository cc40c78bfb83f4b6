"""Crawl shards: several crawl processes, one share of the sites each, into one warehouse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from prongsai.flows.crawl import crawl_command, import_orgs, run_crawls, shard_commands
from prongsai.sample.web import SampleWeb, serve_in_thread, write_orgs_csv
from prongsai.spiders import store
from prongsai.spiders.run import in_shard
from prongsai.warehouse.models import DocumentVersion, Fetch


def test_every_org_is_in_exactly_one_shard() -> None:
    ids = [f"{6000000 + i}" for i in range(3000)]
    for n in (1, 2, 3, 5):
        homes = Counter(sum(in_shard(i, f"{k}/{n}") for k in range(n)) for i in ids)
        assert homes == {1: len(ids)}
    sizes = [sum(in_shard(i, f"{k}/2") for i in ids) for k in range(2)]
    assert min(sizes) > 0.4 * len(ids)  # an even split, not all in one


def test_shard_commands_import_once() -> None:
    cmds = shard_commands(["python", "-m", "x", "--orgs", "o.csv"], 3)
    assert [c[-1] for c in cmds] == ["0/3", "1/3", "2/3"]
    assert all("--skip-import" in c for c in cmds)
    assert shard_commands(["a"], 2) == [["a", "--shard", "0/2"], ["a", "--shard", "1/2"]]


def test_two_shards_find_what_one_crawl_finds(tmp_path: Path) -> None:
    web = SampleWeb.from_registry(sites=14)
    sites = [s for s in web.sites.values() if not s.hang][:12]
    orgs = write_orgs_csv([s.org for s in sites], tmp_path / "orgs.csv", raw=False)
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with serve_in_thread(web=web) as server:
        cmd = crawl_command(db_url=db, orgs=orgs, files=tmp_path / "files",
                            host_map=f"127.0.0.1:{server.port}", test=True, timeout=5.0)  # fmt: skip
        import_orgs(orgs, db)
        code, progress = run_crawls(shard_commands(cmd, 2), log=tmp_path / "crawl.log")
    assert code == 0
    assert progress.sites_done == progress.sites_total == len(sites)
    assert (tmp_path / "crawl.log.0").exists()
    assert (tmp_path / "crawl.log.1").exists()
    engine = store.open_db(db)
    with engine.connect() as conn:
        shas = set(conn.scalars(select(DocumentVersion.sha256)))
        per_org = dict(
            conn.execute(select(Fetch.org_id, func.count()).group_by(Fetch.org_id)).all()
        )
    engine.dispose()
    # As in test_crawl_e2e: an old plan (2561-2565) is linked from no page but WordPress's API.
    expected = {
        d.sha256
        for s in sites
        for d in s.documents
        if d.period is None or d.period[1] >= 2566 or s.platform == "wordpress"
    }
    assert expected <= shas
    assert set(per_org) == {s.org.code for s in sites}
