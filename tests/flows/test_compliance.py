"""Compliance against the sample web's ground truth, and changes between harvests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from prongsai.flows import compliance
from prongsai.flows.harvest import extract_batch, find_pending, load_batch
from prongsai.warehouse import db, query
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.load import OrgRecord, mark_gone, upsert_document, upsert_organizations


@pytest.fixture(scope="module")
def harvested(crawled: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The crawled featured sites, extracted (text layers only: fast) and loaded."""
    from prongsai.extract.document import EXTRACTOR_VERSION

    url, files = crawled.copy_to(tmp_path_factory.mktemp("compliance"))
    pending = find_pending.fn(url, EXTRACTOR_VERSION)
    published = {d.sha256 for c in crawled.codes for d in crawled.web.site_of(c).documents}
    assert {p.sha256 for p in pending} >= published
    load_batch.fn(url, extract_batch.fn(pending, files, workers=2, ocr=False))
    engine = db.make_engine(url)
    yield engine, crawled
    engine.dispose()


def test_matches_ground_truth_exactly(harvested: tuple[Any, Any]) -> None:
    engine, crawled = harvested
    matrix = compliance.compliance_tables(engine)["compliance_matrix"]
    assert set(matrix["org_id"]) == set(crawled.codes)
    for code in crawled.codes:
        site = crawled.web.site_of(code)
        mine = matrix[matrix["org_id"] == code]
        absent = mine[mine["status"].isin(["missing", "gone", "not_crawled"])]
        got = {
            (r, int(y)) for r, y in zip(absent["required"], absent["fiscal_year_be"], strict=True)
        }
        assert got == set(site.missing), code
    scans = {
        (d.doc_type, d.fiscal_year) for code in crawled.codes for d in crawled.web.site_of(code).documents
        if d.scan and d.doc_type != "anticorruption_plan"
    }  # fmt: skip
    scan_rows = matrix[matrix["status"] == "scan_only"]
    assert set(zip(scan_rows["required"], scan_rows["fiscal_year_be"], strict=True)) <= scans | {
        ("anticorruption_plan", y) for y in compliance.FISCAL_YEARS
    }


def test_found_rows_carry_first_seen_and_url(harvested: tuple[Any, Any]) -> None:
    engine, crawled = harvested
    matrix = compliance.compliance_tables(engine)["compliance_matrix"]
    found = matrix[matrix["status"] == "found"]
    assert len(found) > 0
    assert found["url"].str.startswith("http://").all()
    assert found["first_seen"].notna().all()
    shas = {d.sha256 for code in crawled.codes for d in crawled.web.site_of(code).documents}
    assert set(found["sha256"]) <= shas


def test_action_list_names_what_is_missing(harvested: tuple[Any, Any]) -> None:
    engine, crawled = harvested
    tables = compliance.compliance_tables(engine)
    actions = tables["action_list"].set_index("org_id")
    for code in crawled.codes:
        missing = crawled.web.site_of(code).missing
        if not missing:
            continue
        row = actions.loc[code]
        assert row["website"].startswith("http://")
        assert row["last_success"] is not None
        for doc_type, year in missing:
            assert f"{compliance.REQUIRED_TH[doc_type]} {year}" in row["missing"]
    summary = tables["compliance_by_province"]
    assert summary[["found", "scan_only", "missing", "gone"]].to_numpy().sum() == len(
        tables["compliance_matrix"]
    )


def test_changes_since_previous_harvest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    first = datetime(2025, 6, 1, 2, tzinfo=UTC)
    second = first + timedelta(days=1)
    shas = {k: (k * 64)[:64] for k in "abcde"}
    with session_scope(engine) as s:
        upsert_organizations(s, [OrgRecord(name="เทศบาลตำบลบางใหญ่", org_id="5700201")])
        for name, sha in (("kept", "a"), ("changed", "b"), ("removed", "c")):
            upsert_document(s, url=f"http://bangyai.go.th/{name}.pdf", sha256=shas[sha],
                            seen_at=first, org_id="5700201")  # fmt: skip
        upsert_document(s, url="http://bangyai.go.th/kept.pdf", sha256=shas["a"], seen_at=second)
        upsert_document(s, url="http://bangyai.go.th/changed.pdf", sha256=shas["d"], seen_at=second)
        upsert_document(s, url="http://bangyai.go.th/new.pdf", sha256=shas["e"], seen_at=second,
                        org_id="5700201")  # fmt: skip
        mark_gone(s, ["http://bangyai.go.th/removed.pdf"])
    found = compliance.changes(compliance.documents(engine), query.documents(engine), second, first)
    got = {(c, u.rsplit("/", 1)[1]) for c, u in zip(found["change"], found["url"], strict=True)}
    assert got == {("new", "new.pdf"), ("changed", "changed.pdf"), ("removed", "removed.pdf")}
    engine.dispose()


def test_parse_link_years() -> None:
    assert compliance.parse_period("แผนป้องกันการทุจริต 4 ปี (พ.ศ. 2566 - 2570) (ฉบับสแกน)") == (
        2566,
        2570,
    )
    assert compliance.parse_year("รายงานการวิเคราะห์ผลการประเมิน ITA พ.ศ. ๒๕๖๗ (ฉบับสแกน)") == 2567
    assert compliance.parse_year("9dcbd35fbc50875b8508950126cc380f.pdf") is None
