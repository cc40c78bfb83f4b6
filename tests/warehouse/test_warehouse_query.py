"""Query helpers: DataFrames whose fact rows carry their sha256 and URL; the ITA choice rule."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from warehouse_records import NOW, ita_doc, plan_doc, sha

from prongsai.warehouse import load, query
from prongsai.warehouse.db import session_scope

ORG = "5810401"


@pytest.fixture
def ita_engine(engine: Engine) -> Engine:
    """Three documents state the 2566 total of ทต.คลองท่อมใต้ and disagree."""
    with session_scope(engine) as session:
        load.upsert_organizations(session, [load.OrgRecord(name="คลองท่อมใต้", dla_code=ORG)])
        docs = [
            (ita_doc(10, year=2566, total=86.9), "ita-2566.pdf", 0),
            (ita_doc(11, year=2567, total=90.0, previous_total=85.0), "ita-2567.pdf", 300),
            (
                ita_doc(12, year=2566, total=80.0, doc_type="integrity_measures_report"),
                "report-2566.pdf",
                200,
            ),
        ]
        for doc, name, days in docs:
            load.upsert_document(
                session,
                url=f"https://www.khlongthomcity.go.th/{name}",
                sha256=doc.sha256,
                seen_at=NOW + timedelta(days=days),
            )
            load.load_extraction(session, doc, extractor_version="1.0", now=NOW)
    return engine


def test_ita_analysis_of_the_year_wins(ita_engine: Engine) -> None:
    chosen = query.ita_scores(ita_engine, org_id=ORG)
    by_year = {row.year_be: row for row in chosen.itertuples()}
    assert set(by_year) == {2566, 2567}
    assert by_year[2566].total == pytest.approx(86.9)
    assert by_year[2566].sha256 == sha(10)
    assert by_year[2566].url == "https://www.khlongthomcity.go.th/ita-2566.pdf"
    assert by_year[2567].total == pytest.approx(90.0)


def test_all_sources_keeps_every_statement(ita_engine: Engine) -> None:
    every = query.ita_scores(ita_engine, year_be=2566, all_sources=True)
    assert sorted(every["total"]) == pytest.approx([80.0, 85.0, 86.9])
    assert every["chosen"].sum() == 1
    assert set(every["stated_as"]) == {"current", "previous"}


def test_without_the_analysis_a_current_figure_beats_a_quoted_previous(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, [load.OrgRecord(name="คลองท่อมใต้", dla_code=ORG)])
        load.load_extraction(
            session,
            ita_doc(11, year=2567, total=90.0, previous_total=85.0),
            extractor_version="1.0",
            now=NOW + timedelta(days=9),
        )
        load.load_extraction(
            session,
            ita_doc(12, year=2566, total=80.0, doc_type="integrity_measures_report"),
            extractor_version="1.0",
            now=NOW,
        )
    chosen = query.ita_scores(engine, year_be=2566)
    assert list(chosen["total"]) == pytest.approx([80.0])
    assert chosen["url"].isna().all()  # loaded without a crawl: no URL known


def test_among_equals_the_newest_source_wins(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, [load.OrgRecord(name="คลองท่อมใต้", dla_code=ORG)])
        for n, total, days in [(20, 70.0, 0), (21, 75.5, 40)]:
            load.upsert_document(
                session,
                url=f"https://www.khlongthomcity.go.th/ita-{n}.pdf",
                sha256=sha(n),
                seen_at=NOW + timedelta(days=days),
            )
            load.load_extraction(session, ita_doc(n, total=total), extractor_version="1.0", now=NOW)
    assert list(query.ita_scores(engine)["total"]) == pytest.approx([75.5])


def test_indicators_carry_their_source(ita_engine: Engine) -> None:
    frame = query.ita_indicators(ita_engine, year_be=2566)
    assert set(frame["sha256"]) == {sha(10), sha(12)}
    oit = frame[frame["tool"] == "OIT"]
    assert oit["score"].isna().all()


def test_projects_budgets_keep_null_apart_from_zero(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_document(
            session, url="https://khaothong.go.th/plan.pdf", sha256=sha(1), seen_at=NOW
        )
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    frame = query.projects_budgets(engine)
    assert len(frame) == 5
    assert set(frame["url"]) == {"https://khaothong.go.th/plan.pdf"}
    assert set(frame["sha256"]) == {sha(1)}
    first = frame[frame["seq"] == 0].set_index("fiscal_year_be")["amount"]
    assert first[2566] == 20000.0
    assert math.isnan(first[2567])
    assert first[2568] == 0.0
    only_2568 = query.projects_budgets(engine, fiscal_year_be=2568)
    assert list(only_2568["project"]) == ["โครงการส่งเสริมคุณธรรมและจริยธรรมแก่บุคลากร"]


def test_measures_with_dates_and_source(ita_engine: Engine) -> None:
    frame = query.measures(ita_engine, org_id=ORG, fiscal_year_be=2567)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["measure"] == "เผยแพร่ข้อมูลผ่านเว็บไซต์ขององค์กร"
    assert str(row["period_start"]) == "2023-10-01"
    assert row["url"] == "https://www.khlongthomcity.go.th/ita-2567.pdf"


def test_documents_lists_versions_and_the_current_one(engine: Engine) -> None:
    url = "https://khaothong.go.th/plan.pdf"
    with session_scope(engine) as session:
        load.upsert_document(session, url=url, sha256=sha(1), seen_at=NOW, size=1000)
        load.upsert_document(session, url=url, sha256=sha(2), seen_at=NOW + timedelta(days=1))
        load.load_extraction(session, plan_doc(2), extractor_version="1.0", now=NOW)
    frame = query.documents(engine)
    assert list(frame["sha256"]) == [sha(1), sha(2)]
    assert list(frame["is_current"]) == [False, True]
    assert frame["doc_type"].isna().tolist() == [True, False]
    assert frame["size"].tolist()[0] == 1000
    assert query.documents(engine, status="gone").empty
