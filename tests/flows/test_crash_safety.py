"""Crash safety: a harvest killed with SIGKILL at random points, then rerun, ends with the same
warehouse as an uninterrupted one: no duplicate, no lost document, no half-loaded facts.

Each harvest is the real ``prongsai harvest`` command in its own process group, against one
Prefect test server. Kills land in the crawl and in extraction/loading (chosen by the progress
lines the harvest prints, then a random delay), and the killed harvest must leave no process
behind (a crawl or a sandbox worker still writing while the rerun starts).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select

from prongsai.sample.web import SampleWeb, serve_in_thread
from prongsai.sample.web.faults import FaultWeb

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

KILLS = 10
SEED = int(os.environ.get("PRONGSAI_CRASH_SEED", "7"))
# Columns that differ between any two runs: surrogate keys and clocks.
VOLATILE = {"id", "first_seen", "last_seen", "loaded_at", "fetched_at", "started_at",
            "finished_at"}  # fmt: skip
# The request log grows with every (killed) run; it is history, not state. The FTS shadow
# tables hold the same rows as page_search in an internal layout.
SKIPPED = ("fetches", "alembic_version", "page_search_")


def canonical(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every warehouse table as a sorted list of rows, surrogate ids replaced by natural keys."""
    engine = create_engine(db_url)
    meta = MetaData()
    meta.reflect(engine)
    out: dict[str, list[tuple[Any, ...]]] = {}
    docs = meta.tables["documents"]
    projects = meta.tables["plan_projects"]
    with engine.connect() as conn:
        doc_url = {i: url for i, url in conn.execute(select(docs.c.id, docs.c.url))}
        project_key = {
            i: (sha, seq)
            for i, sha, seq in conn.execute(
                select(projects.c.id, projects.c.sha256, projects.c.seq)
            )
        }
        for name, table in meta.tables.items():
            if name.startswith(SKIPPED):
                continue
            cols = [c for c in table.columns if c.name not in VOLATILE]
            rows = []
            for row in conn.execute(select(*cols)):
                values = dict(zip([c.name for c in cols], row, strict=True))
                if "document_id" in values:
                    values["document_id"] = doc_url[values["document_id"]]
                if "project_id" in values:
                    values["project_id"] = project_key[values["project_id"]]
                rows.append(tuple(str(v) for v in values.values()))
            out[name] = sorted(rows)
    engine.dispose()
    return out


class Harvest:
    """One ``prongsai harvest`` process; its output lines tell which stage it is in."""

    def __init__(self, cmd: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.started = time.monotonic()
        self.stage = "start"
        self.events = {"crawl": threading.Event(), "extract": threading.Event()}
        self.at: dict[str, float] = {}  # seconds from the start to each stage
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.write(line)
            stage = "crawl" if "crawl: starting" in line else None
            stage = "extract" if "without an extraction" in line else stage
            if stage is not None:
                self.stage = stage
                self.at[stage] = time.monotonic() - self.started
                self.events[stage].set()

    def kill_during(self, stage: str, delay: float, timeout: float = 60) -> str | None:
        """SIGKILL the harvest `delay` s into `stage`; the stage it was in, or None if it ended."""
        while stage != "start" and not self.events[stage].wait(0.1):
            if self.proc.poll() is not None or time.monotonic() - self.started > timeout:
                return None
        try:
            self.proc.wait(delay)
            return None  # it finished first
        except subprocess.TimeoutExpired:
            pass
        stage_now = self.stage
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        return stage_now

    def orphans_gone(self, within: float = 15) -> bool:
        """Whether every process the harvest started is gone within `within` seconds."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join(5)
        self.log.close()


@pytest.fixture(scope="module")
def small_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path, int]]:
    """Two small sample sites (generated documents) on a loopback server."""
    root = tmp_path_factory.mktemp("crash-web")
    (root / "no-corpus").mkdir()
    web = SampleWeb.from_registry(featured_path=None, corpus_dir=root / "no-corpus", sites=12)
    small = sorted(
        (s for s in web.sites.values() if len(s.documents) >= 2 and not s.hang),
        key=lambda s: (len(s.files), s.domain),
    )[:2]
    web = SampleWeb(web.orgs, {s.domain: s for s in small}, (), None, corpus_dir=web.corpus_dir)
    orgs = FaultWeb({}).write_registry(root / "orgs.csv", web)
    with serve_in_thread(web=web) as server:
        yield web, orgs, server.port


def _command(root: Path, orgs: Path, port: int) -> list[str]:
    return [
        sys.executable, "-m", "prongsai.flows.cli", "harvest",
        "--db", f"sqlite:///{root / 'db.sqlite'}", "--files", str(root / "files"),
        "--orgs", str(orgs), "--host-map", f"127.0.0.1:{port}", "--test", "--no-ocr",
        "--workers", "1",
    ]  # fmt: skip


def _env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return dict(
        os.environ,
        PREFECT_API_URL=str(PREFECT_API_URL.value()),
        PRONGSAI_EXTRACT_TIMEOUT="60",
        PRONGSAI_EXTRACT_MEMORY_MB="1024",
    )


def _run_to_end(cmd: list[str], env: dict[str, str], log: Path) -> dict[str, float]:
    """Run a harvest to its end; seconds from its start to each stage and to the end."""
    harvest = Harvest(cmd, env, log)
    code = harvest.proc.wait(300)
    ended = time.monotonic() - harvest.started
    harvest.close()
    assert code == 0, log.read_text()[-3000:]
    return {**harvest.at, "end": ended}


def test_killed_harvests_end_like_an_uninterrupted_one(
    small_web: tuple[Any, Path, int], tmp_path: Path
) -> None:
    web, orgs, port = small_web
    env = _env()
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    reference.mkdir()
    crashed.mkdir()
    at = _run_to_end(_command(reference, orgs, port), env, reference / "harvest.log")
    # How long each stage lasts, so that kills land inside them.
    spans = {
        "start": at["crawl"],
        "crawl": at["extract"] - at["crawl"],
        "extract": at["end"] - at["extract"],
    }
    # The first kill while the empty warehouse is being set up, then crawl and extraction in
    # turn; extraction kills mostly land mid-batch, so extraction stays to be done.
    plan = ["start", *(["crawl", "extract"] * KILLS)]
    rng = random.Random(SEED)
    kills: list[str] = []
    attempts = 0
    while len(kills) < KILLS and attempts < 2 * KILLS:
        stage = plan[attempts]
        attempts += 1
        delay = rng.uniform(0.0, 0.9 * spans[stage])
        harvest = Harvest(_command(crashed, orgs, port), env, crashed / f"run{attempts}.log")
        try:
            hit = harvest.kill_during(stage, delay)
            if hit is not None:
                kills.append(hit)
                assert harvest.orphans_gone(), f"processes left after killing run {attempts}"
        finally:
            harvest.close()
    print(f"kills: {kills} in {attempts} runs")
    assert len(kills) >= KILLS, kills
    assert {"start", "crawl", "extract"} <= set(kills), kills
    _run_to_end(_command(crashed, orgs, port), env, crashed / "final.log")

    want = canonical(f"sqlite:///{reference / 'db.sqlite'}")
    got = canonical(f"sqlite:///{crashed / 'db.sqlite'}")
    for table in want:
        assert got[table] == want[table], table
    assert set(got) == set(want)
    expected = {d.sha256 for s in web.sites.values() for d in s.documents}
    stored = {row[1] for row in got["document_versions"]}
    assert expected <= stored  # nothing lost
    assert len(got["extractions"]) == len(stored)  # every stored version extracted once
    # No half-written file under a real name, no temporary file left visible as data.
    for path in (crashed / "files").rglob("*"):
        if path.is_file() and not path.name.startswith(".part-"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[0]
