from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"


@pytest.fixture(scope="session")
def minimal_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Garuda", fname=FONT)
    pdf.set_font("Garuda", size=14)
    pdf.cell(text="แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลเขาทอง")
    return bytes(pdf.output())


# --- flows: one Prefect test server for the whole session, a crawled sample web --------------------


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for every flow test (starting one takes 10-20 s; on 2 cores
    busy with other work it took over 30 s, Prefect's default wait)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


@dataclass
class Crawled:
    """A crawl of the featured sample sites: a database and file store to copy, and the truth."""

    db_path: Path
    files: Path
    web: Any  # prongsai.sample.web.SampleWeb
    codes: list[str]

    def copy_to(self, target: Path) -> tuple[str, Path]:
        """A private copy of the database (as a URL) beside the shared, read-only file store."""
        target.mkdir(parents=True, exist_ok=True)
        db = target / "db.sqlite"
        shutil.copy(self.db_path, db)
        return f"sqlite:///{db}", self.files


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """The ~10 featured sample sites crawled once (the crawler's own subprocess)."""
    from prongsai.flows.crawl import crawl_command, run_crawl
    from prongsai.sample.web import SampleWeb, serve_in_thread, write_orgs_csv

    root = tmp_path_factory.mktemp("crawled")
    web = SampleWeb.from_registry(sites=0)
    codes = [site.org.code for site in web.sites.values()]
    orgs = write_orgs_csv([site.org for site in web.sites.values()], root / "orgs.csv")
    db_path = root / "db.sqlite"
    with serve_in_thread(web=web) as server:
        cmd = crawl_command(db_url=f"sqlite:///{db_path}", orgs=orgs, files=root / "files",
                            host_map=f"127.0.0.1:{server.port}", test=True, timeout=15.0)  # fmt: skip
        code, _ = run_crawl(cmd, log=root / "crawl.log")
    assert code == 0, (root / "crawl.log").read_text()[-2000:]
    return Crawled(db_path, root / "files", web, codes)


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


# (org_id, name, type, province): two provinces, two types.
FACT_ORGS = (
    ("6600301", "องค์การบริหารส่วนตำบลเขาทอง", "อบต.", "นครสวรรค์"),
    ("6600302", "องค์การบริหารส่วนตำบลหนองกรด", "อบต.", "นครสวรรค์"),
    ("6600303", "เทศบาลตำบลพยุหะ", "ทต.", "นครสวรรค์"),
    ("5400601", "เทศบาลตำบลหนองบัวแดง", "ทต.", "ขอนแก่น"),
)
# ITA totals by org and year; None: the org published no analysis that year.
FACT_ITA: dict[str, dict[int, float | None]] = {
    "6600301": {2566: 80.5, 2567: 91.25},
    "6600302": {2566: 70.0, 2567: 65.0},
    "6600303": {2566: 88.0, 2567: None},
    "5400601": {2566: 95.0, 2567: 96.0},
}
SCRIPT_NAME = "โครงการ <script>alert('x')</script> ทดสอบ"


def build_facts(engine: Any) -> None:
    """A warehouse of plans, ITA analyses and measures, loaded through the real loaders."""
    from datetime import UTC, datetime

    from prongsai.extract import records as r
    from prongsai.warehouse.db import session_scope
    from prongsai.warehouse.load import OrgRecord, load_extraction, upsert_organizations

    now = datetime(2025, 6, 1, tzinfo=UTC)
    with session_scope(engine) as session:
        upsert_organizations(
            session,
            [
                OrgRecord(name=n, org_id=o, dla_code=o, type=t, province=p)
                for o, n, t, p in FACT_ORGS
            ],
        )
        for org_id, name, _, _ in FACT_ORGS:
            for year, total in FACT_ITA[org_id].items():
                if total is None:
                    continue
                weak = 70.0 if org_id == "6600302" else 90.0
                doc = r.Document(
                    file=f"ita-{org_id}-{year}.pdf", sha256=_sha(f"ita{org_id}{year}"),
                    doc_type="ita_analysis", fiscal_year=year,
                    organization=r.Organization(name=name),
                    ita=r.Ita(year=year, total=total, level="A", indicators=[
                        r.Indicator("IIT", 1, "การปฏิบัติหน้าที่", {str(year): weak}),
                        r.Indicator("OIT", 9, "การเปิดเผยข้อมูล", {str(year): 95.0}),
                    ]),
                )  # fmt: skip
                load_extraction(session, doc, extractor_version="t", org_id=org_id, now=now)
            budgets_a: dict[str, float | None] = {"2566": 10000.0, "2567": None, "2568": 20000.0}
            projects = [
                r.Project(1, "มาตรการ No Gift Policy", budgets={"2566": None, "2567": None}),
                r.Project(1, "โครงการฝึกอบรมคุณธรรมจริยธรรมแก่พนักงาน", budgets=budgets_a),
                r.Project(2, "โครงการปรับปรุงศูนย์ข้อมูลข่าวสาร", budgets={"2566": 5000.0}),
            ]
            if org_id == "6600302":
                projects[0] = r.Project(1, "กิจกรรมงดรับของขวัญและของกำนัล (No Gift Policy)",
                                        budgets={"2566": None})  # fmt: skip
                projects.append(r.Project(3, SCRIPT_NAME, budgets={"2567": 1500.0}))
            plan = r.Document(
                file=f"plan-{org_id}.pdf", sha256=_sha(f"plan{org_id}"),
                doc_type="anticorruption_plan", period=(2566, 2570), projects=projects,
                organization=r.Organization(name=name),
            )  # fmt: skip
            load_extraction(session, plan, extractor_version="t", org_id=org_id, now=now)
            measures = r.Document(
                file=f"measures-{org_id}.pdf", sha256=_sha(f"measures{org_id}"),
                doc_type="integrity_measures", fiscal_year=2567,
                organization=r.Organization(name=name),
                measures=[r.Measure("IIT", "มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างโปร่งใส"),
                          r.Measure("EIT", "มาตรการลดขั้นตอนการให้บริการ")],
            )  # fmt: skip
            load_extraction(session, measures, extractor_version="t", org_id=org_id, now=now)


@pytest.fixture
def facts_engine(tmp_path: Path) -> Iterator[Any]:
    from prongsai.warehouse import db

    url = f"sqlite:///{tmp_path / 'facts.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    build_facts(engine)
    yield engine
    engine.dispose()
