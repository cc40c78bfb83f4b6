"""The harvest flows: crawl -> extract -> load -> outputs, resumability, and a Dask fan-out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from prongsai.extract import records
from prongsai.extract.document import EXTRACTOR_VERSION
from prongsai.flows.harvest import (
    _extract,
    extract_batch,
    find_pending,
    harvest,
    load_batch,
    to_document,
)
from prongsai.warehouse import db
from prongsai.warehouse.models import Extraction, ExtractionRun

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _extractions(url: str) -> set[tuple[str, str, str]]:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Extraction.sha256, Extraction.digest, Extraction.doc_type))
        out = {(a, b, c) for a, b, c in rows}
    engine.dispose()
    return out


def test_to_document_round_trip() -> None:
    doc = records.Document(
        file="plan.pdf", sha256="a" * 64, doc_type="anticorruption_plan", period=(2566, 2570),
        organization=records.Organization(name="องค์การบริหารส่วนตำบลเขาทอง", type="อบต."),
        projects=[records.Project(1, "มาตรการ No Gift Policy", {"2566": None, "2567": 5000.0})],
        ita=records.Ita(2567, 91.2, "A", [records.Indicator("IIT", 1, "การปฏิบัติหน้าที่", {"2567": 90.0})]),
        measures=[records.Measure("OIT", "เปิดเผยข้อมูล", page=3)],
        problems=[records.Problem("ocr_page", "page read by OCR", 2)],
        pages=[records.Page(1, "text", "แผน"), records.Page(2, "ocr", "สแกน")],
        extractor_version="0.1.0",
    )  # fmt: skip
    assert to_document(doc.to_json(with_pages=True)) == doc


@pytest.mark.slow
def test_rerun_after_crash_does_only_what_is_left(crawled: Any, tmp_path: Path) -> None:
    url, files = crawled.copy_to(tmp_path)
    only = crawled.codes[:4]
    pending = find_pending.fn(url, EXTRACTOR_VERSION, only)
    done = len(pending) // 2
    assert done >= 1
    # A run that loaded its first batch and then died.
    load_batch.fn(url, extract_batch.fn(pending[:done], files, workers=1, ocr=False))
    summary = _extract(url, files, only, 2, None, 16, False, False)
    assert summary.pending == len(pending) - done
    assert summary.loaded == len(pending) - done
    assert len(_extractions(url)) == len(pending)
    again = _extract(url, files, only, 2, None, 16, False, False)
    assert (again.pending, again.loaded) == (0, 0)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        runs = conn.scalar(select(func.count()).select_from(ExtractionRun))
    engine.dispose()
    assert runs == len(pending)  # one attempt per file, none repeated


@pytest.mark.slow
def test_dask_cluster_gives_the_same_warehouse(crawled: Any, tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    local_url, files = crawled.copy_to(tmp_path / "local")
    dask_url, _ = crawled.copy_to(tmp_path / "dask")
    only = crawled.codes[:3]
    _extract(local_url, files, only, 2, None, 8, False, False)
    # Each Dask worker runs a sandbox, which starts a process: workers must not be daemons.
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                 dashboard_address=None) as cluster,
    ):  # fmt: skip
        summary = _extract(dask_url, files, only, None, cluster.scheduler_address, 8, False, False)
    assert summary.pending > 0
    assert summary.failed == 0
    assert _extractions(dask_url) == _extractions(local_url)


@pytest.mark.slow
def test_harvest_crawls_extracts_and_writes_outputs(crawled: Any, tmp_path: Path) -> None:
    from prongsai.sample.web import serve_in_thread, write_orgs_csv

    site = next(s for s in crawled.web.sites.values() if s.missing)
    orgs = write_orgs_csv([site.org], tmp_path / "orgs.csv")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with serve_in_thread(web=crawled.web) as server:
        result = harvest(
            db_url=url, files=tmp_path / "files", orgs=orgs, out_dir=tmp_path / "out",
            formats=("csv", "html"), workers=2, host_map=f"127.0.0.1:{server.port}", test=True,
            crawl_timeout=10.0, ocr=False,
        )  # fmt: skip
    assert result.crawl is not None
    assert result.crawl.sites == 1
    assert result.extract.pending == len(site.documents)
    assert result.extract.failed == 0
    assert (tmp_path / "out" / "compare" / "compare.html").exists()
    action = (tmp_path / "out" / "compliance" / "action_list.csv").read_text(encoding="utf-8-sig")
    assert site.org.code in action
    changes = (tmp_path / "out" / "compliance" / "changes.csv").read_text(encoding="utf-8-sig")
    assert changes.count(",new,") == len(site.documents)  # a first harvest: everything is new


def test_nightly_deployment_at_two_bangkok_time() -> None:
    from prongsai.flows.schedule import nightly, parameters

    deployment: Any = harvest.to_deployment(
        name="nightly", schedules=[nightly()], parameters=parameters()
    )
    schedule: Any = deployment.schedules[0].schedule
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Asia/Bangkok")
    assert deployment.parameters["formats"] == ["csv", "parquet", "xlsx", "html"]
