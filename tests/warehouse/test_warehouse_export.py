"""Export: every fact table and a data dictionary as CSV (BOM), Parquet and one Excel workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine
from warehouse_records import NOW, ita_doc, plan_doc, sha

from prongsai.warehouse import export, load
from prongsai.warehouse.db import session_scope

FACT_TABLES = ("ita_scores", "ita_indicators", "plan_projects", "measures", "extraction_problems")


@pytest.fixture
def filled(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        load.upsert_organizations(
            session,
            [
                load.OrgRecord(name="เขาทอง", org_id="k1", province="นครสวรรค์", type="อบต."),
                load.OrgRecord(name="คลองท่อมใต้", dla_code="5810401", province="กระบี่"),
            ],
        )
        for doc, org_id in ((plan_doc(1), "k1"), (ita_doc(2), "5810401")):
            load.upsert_document(
                session,
                url=f"https://{org_id}.go.th/{doc.file}",
                sha256=doc.sha256,
                seen_at=NOW,
                org_id=org_id,
                link_text="แผนปฏิบัติการป้องกันการทุจริต",
            )
            load.load_extraction(session, doc, extractor_version="1.0", org_id=org_id, now=NOW)
    return engine


def _url(sha256: str) -> str:
    return {sha(1): "https://k1.go.th/plan-1.pdf", sha(2): "https://5810401.go.th/ita-2.pdf"}[
        sha256
    ]


def test_csv_has_a_bom_reads_back_and_every_fact_row_has_its_source(
    filled: Engine, tmp_path: Path
) -> None:
    paths = export.export(filled, tmp_path, "csv")
    assert {p.name for p in paths} == {f"{t}.csv" for t in export.TABLES} | {"data_dictionary.csv"}
    for path in paths:
        assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    projects = pd.read_csv(tmp_path / "plan_projects.csv", encoding="utf-8-sig")
    # Two projects, five budget years: one row per project-year.
    assert len(projects) == 5
    assert "โครงการส่งเสริมคุณธรรมและจริยธรรมแก่บุคลากร" in set(projects["project"])
    by_year = projects[projects["seq"] == 0].set_index("fiscal_year_be")["amount"]
    assert by_year[2566] == 20000.0
    assert pd.isna(by_year[2567])  # not stated stays empty, not 0
    assert by_year[2568] == 0.0
    for table in FACT_TABLES:
        frame = pd.read_csv(tmp_path / f"{table}.csv", encoding="utf-8-sig", dtype={"sha256": str})
        assert len(frame), table
        assert frame["sha256"].notna().all(), table
        assert [_url(s) for s in frame["sha256"]] == list(frame["url"]), table


def test_dictionary_lists_every_exported_column(filled: Engine, tmp_path: Path) -> None:
    export.export(filled, tmp_path, "csv")
    dictionary = pd.read_csv(tmp_path / "data_dictionary.csv", encoding="utf-8-sig")
    listed = set(zip(dictionary["table"], dictionary["column"], strict=True))
    for table in export.TABLES:
        columns = pd.read_csv(tmp_path / f"{table}.csv", encoding="utf-8-sig", nrows=0).columns
        assert {(table, c) for c in columns} <= listed, table
        assert len(columns) == (dictionary["table"] == table).sum()
    assert dictionary["description_th"].str.contains("[ก-๙]").all()
    assert dictionary["english_name"].notna().all()
    types = dictionary.set_index(["table", "column"])["type"]
    assert types[("plan_projects", "amount")] == "decimal"
    assert types[("plan_projects", "project")] == "text"
    assert types[("ita_scores", "chosen")] == "boolean"


def test_xlsx_keeps_thai_and_numbers_typed(filled: Engine, tmp_path: Path) -> None:
    [path] = export.export(filled, tmp_path, "xlsx")
    book = openpyxl.load_workbook(path)
    assert set(book.sheetnames) == set(export.TABLES) | {"data_dictionary"}
    sheet = book["plan_projects"]
    header = [c.value for c in sheet[1]]
    amount, project = header.index("amount"), header.index("project")
    rows = list(sheet.iter_rows(min_row=2))
    amounts = [r[amount] for r in rows if r[amount].value is not None]
    assert amounts
    assert all(c.data_type == "n" for c in amounts)
    assert 20000 in [c.value for c in amounts]
    assert any(r[project].value == "โครงการส่งเสริมคุณธรรมและจริยธรรมแก่บุคลากร" for r in rows)
    ita = book["ita_scores"]
    header = [c.value for c in ita[1]]
    totals = [r[header.index("total")] for r in ita.iter_rows(min_row=2)]
    assert [c.data_type for c in totals] == ["n"]
    assert totals[0].value == pytest.approx(86.9)
    # Read back with pandas too.
    sha_cells = [r[header.index("sha256")] for r in ita.iter_rows(min_row=2)]
    assert [c.data_type for c in sha_cells] == ["s"]  # a digest is text, even all digits
    scores = pd.read_excel(path, sheet_name="ita_indicators", dtype={"sha256": str})
    assert scores["score"].dropna().tolist() == [90.5]
    assert set(scores["sha256"]) == {sha(2)}


def test_parquet_reads_back_with_types(filled: Engine, tmp_path: Path) -> None:
    paths = export.export(filled, tmp_path, "parquet")
    assert len(paths) == len(export.TABLES) + 1
    projects = pd.read_parquet(tmp_path / "plan_projects.parquet")
    assert projects["amount"].dtype == "float64"
    assert projects["amount"].sum() == 20000.0
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert set(documents["url"]) == {_url(sha(1)), _url(sha(2))}


def test_empty_warehouse_exports_headers(engine: Engine, tmp_path: Path) -> None:
    export.export(engine, tmp_path, "csv")
    frame = pd.read_csv(tmp_path / "measures.csv", encoding="utf-8-sig")
    assert frame.empty
    assert "sha256" in frame.columns


def test_unknown_format_is_refused(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export.export(engine, tmp_path, "json")


def test_cli(filled: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    export.add_parser(parser.add_subparsers(dest="command"))
    url = filled.url.render_as_string(hide_password=False)
    args = parser.parse_args(["export", "--db", url, "--to", str(tmp_path), "--format", "xlsx"])
    assert export.run(args) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "prongsai.xlsx")
