"""Thai full-text search: pages segmented with pythainlp, FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import argparse
import json
import os

import pytest
from sqlalchemy import Engine, inspect, text
from warehouse_records import NOW, sha

from prongsai.extract import records
from prongsai.extract.thai import repair_text
from prongsai.warehouse import db, load, search
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.models import Base, is_search_table

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

# A text layer as a broken PDF font gives it: sara am split ("ส านักงาน"), vowels after tone marks.
BROKEN = "ประกาศ ส านักงานปลัด เรื่อง นโยบายไม่รบั ของขวญั และของก านัลทุกชนิดจากการปฏิบัติหน้าที่"

ORGS = [
    load.OrgRecord(name="เขาทอง", org_id="k1", province="นครสวรรค์", type="อบต."),
    load.OrgRecord(name="คลองท่อมใต้", org_id="k2", province="กระบี่", type="ทต."),
    load.OrgRecord(name="ดอนสำราญ", org_id="k3", province="นครสวรรค์", type="อบต."),
]


def _doc(n: int, pages: list[str], *, year: int, doc_type: records.DocType) -> records.Document:
    return records.Document(
        file=f"doc-{n}.pdf",
        sha256=sha(n),
        doc_type=doc_type,
        organization=records.Organization(name="องค์การบริหารส่วนตำบล"),
        fiscal_year=year,
        pages=[records.Page(i + 1, "text", t) for i, t in enumerate(pages)],
    )


def _load(engine: Engine, docs: list[tuple[records.Document, str]]) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, ORGS)
        for doc, org_id in docs:
            load.upsert_document(
                session,
                url=f"https://{org_id}.go.th/{doc.file}",
                sha256=doc.sha256,
                seen_at=NOW,
                org_id=org_id,
            )
            load.load_extraction(session, doc, extractor_version="1.0", org_id=org_id, now=NOW)
            search.index_pages(session, doc.sha256)


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    gift = repair_text(BROKEN)
    _load(
        engine,
        [
            (_doc(1, ["หน้าแรก แผนปฏิบัติการ", gift], year=2566, doc_type="integrity_measures"), "k1"),
            # The same page with the phrase twice more: ranks above the page that has it once.
            (
                _doc(
                    2, [f"{gift} ไม่รับของขวัญ ไม่รับของขวัญ"], year=2567, doc_type="integrity_measures"
                ),
                "k2",
            ),
            (_doc(3, ["ไม่รับของขวัญ ปีใหม่ ทุกกรณี"], year=2567, doc_type="other"), "k3"),
            # The words, but not as a phrase.
            (_doc(4, ["ของขวัญ ไม่ได้ รับ"], year=2567, doc_type="other"), "k3"),
        ],
    )
    return engine


def test_repaired_text_finds_words_the_text_layer_broke() -> None:
    assert "ไม่รับของขวัญ" not in BROKEN
    assert "ไม่ รับ ของขวัญ" in search.segment(repair_text(BROKEN))


def test_phrase_found_across_documents_with_source(loaded: Engine) -> None:
    hits = search.search(loaded, "ไม่รับของขวัญ")
    assert sorted(hits["sha256"]) == [sha(1), sha(2), sha(3)]  # not sha(4): words not adjacent
    first = hits.set_index("sha256").loc[sha(1)]
    assert first["page"] == 2
    assert first["org_id"] == "k1"
    assert first["org_name"] == "เขาทอง"
    assert first["province"] == "นครสวรรค์"
    assert first["url"] == "https://k1.go.th/doc-1.pdf"
    assert first["fiscal_year_be"] == 2566
    assert "ไม่รับของขวัญ" in first["snippet"]


def test_more_occurrences_rank_higher(loaded: Engine) -> None:
    hits = search.search(loaded, "ไม่รับของขวัญ")
    order = list(hits["sha256"])
    assert order.index(sha(2)) < order.index(sha(1))
    assert list(hits["rank"]) == sorted(hits["rank"], reverse=True)


def test_every_part_of_the_query_must_occur(loaded: Engine) -> None:
    hits = search.search(loaded, "ไม่รับของขวัญ ปีใหม่")
    assert list(hits["sha256"]) == [sha(3)]
    assert search.search(loaded, "ของขวัญ รับ")["sha256"].nunique() == 4


def test_filters_by_province_and_year(loaded: Engine) -> None:
    by_province = search.search(loaded, "ไม่รับของขวัญ", province="นครสวรรค์")
    assert sorted(by_province["sha256"]) == [sha(1), sha(3)]
    by_year = search.search(loaded, "ไม่รับของขวัญ", year=2567)
    assert sorted(by_year["sha256"]) == [sha(2), sha(3)]
    both = search.search(loaded, "ไม่รับของขวัญ", province="กระบี่", year=2566)
    assert both.empty
    assert len(search.search(loaded, "ไม่รับของขวัญ", limit=1)) == 1


def test_thai_digits_match_arabic(loaded: Engine) -> None:
    _load(loaded, [(_doc(5, ["แผน พ.ศ. ๒๕๖๖ - ๒๕๗๐"], year=2566, doc_type="other"), "k1")])
    assert list(search.search(loaded, "2566")["sha256"]) == [sha(5)]


def test_reindex_replaces_a_files_pages(loaded: Engine) -> None:
    doc = _doc(1, ["ไม่มีคำนั้นแล้ว"], year=2566, doc_type="integrity_measures")
    with session_scope(loaded) as session:
        load.load_extraction(session, doc, extractor_version="2.0", org_id="k1", now=NOW)
        assert search.index_pages(session, doc.sha256) == 1
    assert sha(1) not in set(search.search(loaded, "ไม่รับของขวัญ")["sha256"])
    assert list(search.search(loaded, "ไม่มีคำนั้นแล้ว")["sha256"]) == [sha(1)]


def test_index_missing_indexes_files_loaded_without_it(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, ORGS)
        doc = _doc(7, ["มาตรการป้องกันผลประโยชน์ทับซ้อน"], year=2566, doc_type="other")
        load.load_extraction(session, doc, extractor_version="1.0", org_id="k1", now=NOW)
    assert search.search(engine, "ผลประโยชน์ทับซ้อน").empty
    with session_scope(engine) as session:
        assert search.index_missing(session) == 1
        assert search.index_missing(session) == 0
    assert list(search.search(engine, "ผลประโยชน์ทับซ้อน")["sha256"]) == [sha(7)]


def test_empty_and_unknown_queries(loaded: Engine) -> None:
    assert search.search(loaded, "   ").empty
    assert search.search(loaded, "ช้างเผือก").empty
    assert list(search.search(loaded, "").columns) == search.COLUMNS
    # FTS5 syntax in a query is just text.
    assert search.search(loaded, 'ของขวัญ" OR "x').empty


def test_search_index_is_in_the_migration_and_round_trips(db_url: str) -> None:
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    try:
        assert "page_search" in inspect(engine).get_table_names()
        db.check(db_url)  # the index is not drift
        db.downgrade(db_url, "0001")
        names = set(inspect(engine).get_table_names())
        assert not any(is_search_table(n) for n in names)
        assert names == set(Base.metadata.tables) | {"alembic_version"}
        db.upgrade(db_url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM page_search")).scalar() == 0
    finally:
        engine.dispose()


def test_cli_prints_json_lines(loaded: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    search.add_parser(parser.add_subparsers(dest="command"))
    url = loaded.url.render_as_string(hide_password=False)
    args = parser.parse_args(["search", "ไม่รับของขวัญ", "--db", url, "--province", "กระบี่", "--json"])
    assert search.run(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["sha256"] for line in lines] == [sha(2)]
    assert lines[0]["org_name"] == "คลองท่อมใต้"
    args = parser.parse_args(["search", "ไม่รับของขวัญ", "--db", url, "--year", "2566"])
    assert search.run(args) == 0
    printed = capsys.readouterr().out
    assert "เขาทอง (นครสวรรค์) integrity_measures 2566 p.2" in printed
    assert "https://k1.go.th/doc-1.pdf" in printed
    args = parser.parse_args(["search", "ช้างเผือก", "--db", url])
    assert search.run(args) == 1
