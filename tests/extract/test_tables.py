"""Table extraction: named settings, and tables joined across page breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from prongsai.extract import pdftext
from prongsai.extract.records import Table
from prongsai.extract.tables import (
    LINES,
    TEXT,
    TableSettings,
    extract_tables,
    join_tables,
    same_row,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plan"

HEADER = ["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ", "ปี ๒๕๖๖ งบประมาณ (บาท)", "หมายเหตุ"]
MISSPELT = ["มติ", "ภารกิจตามมติ", "โครงการ/กิจกรรม/มาตรการ", "ปี ๒๕๖๖ งบประมาณ (บาท)", "หมายเหตุ"]


def test_settings_pass_text_options_flat() -> None:
    settings = LINES.to_pdfplumber()
    assert settings["vertical_strategy"] == "lines"
    assert "text_x_tolerance" in settings
    assert not any(isinstance(v, dict) for v in settings.values())
    assert TEXT.to_pdfplumber()["horizontal_strategy"] == "text"


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="strategy"):
        TableSettings(name="bad", vertical_strategy="grid")
    with pytest.raises(ValueError, match="negative"):
        TableSettings(name="bad", snap_tolerance=-1)


def test_misspelt_header_reads_as_the_same() -> None:
    assert same_row(HEADER, MISSPELT)
    assert not same_row(HEADER, ["ลำดับ", "ตัวชี้วัด", "คะแนน", "ผลการประเมิน", "หมายเหตุ"])


def _piece(page: int, rows: list[list[str]]) -> Table:
    return Table(page=page, rows=rows, pages=[page])


def test_repeated_header_joins_and_is_dropped() -> None:
    first = _piece(1, [HEADER, ["๑.การสร้าง", "๑.๑ การเสริม", "๑)โครงการอบรม", "-", ""]])
    second = _piece(2, [MISSPELT, ["", "๑.๒ การปลูก", "๒)กิจกรรมปลูกจิต", "๕,๐๐๐", ""]])
    (table,) = join_tables([first, second])
    assert table.pages == [1, 2]
    assert [r[2] for r in table.rows] == [
        "โครงการ/กิจกรรม/มาตรการ",
        "๑)โครงการอบรม",
        "๒)กิจกรรมปลูกจิต",
    ]
    assert table.row_pages == [1, 1, 2]


def test_missing_header_with_same_width_continues() -> None:
    first = _piece(1, [HEADER, ["๑.การสร้าง", "", "๑)โครงการอบรม", "-", ""]])
    second = _piece(2, [["๒.การบริหาร", "", "๑)มาตรการเผยแพร่", "-", ""]])
    (table,) = join_tables([first, second])
    assert len(table.rows) == 3


def test_row_cut_by_the_page_break_is_merged() -> None:
    first = _piece(1, [HEADER, ["", "๑.๒ การเสริม", "๓)กิจกรรมปลูกจิตสำนึก", "๑๐,๐๐๐", ""]])
    second = _piece(2, [MISSPELT, ["", "แก่เยาวชน", "ต่อต้านการทุจริต", "", ""]])
    (table,) = join_tables([first, second])
    assert table.rows[-1][2] == "๓)กิจกรรมปลูกจิตสำนึก\nต่อต้านการทุจริต"
    assert table.rows[-1][1] == "๑.๒ การเสริม\nแก่เยาวชน"


def test_a_new_row_after_the_break_is_not_merged() -> None:
    first = _piece(1, [HEADER, ["", "๑.๒ การเสริม", "๓)กิจกรรมปลูกจิต", "๑๐,๐๐๐", ""]])
    second = _piece(2, [["", "๑.๓ การเสริม", "๑)โครงการโรงเรียน", "๕,๐๐๐", ""]])
    (table,) = join_tables([first, second])
    assert len(table.rows) == 3


def test_another_table_on_the_next_page_stays_apart() -> None:
    first = _piece(1, [HEADER, ["๑.การสร้าง", "", "๑)โครงการอบรม", "-", ""]])
    other = _piece(2, [["ลำดับ", "ตัวชี้วัด", "คะแนน", "ระดับ", "หมายเหตุ"], ["๑", "ก", "ข", "ค", ""]])
    narrow = _piece(2, [["๑", "๒"]])
    assert len(join_tables([first, other])) == 2
    assert len(join_tables([first, narrow])) == 2
    assert len(join_tables([first, _piece(3, first.rows[1:])])) == 2  # a page between


def test_pdf_table_over_two_pages() -> None:
    pdf = pdftext.open_pdf((FIXTURES / "wrapped.pdf").read_bytes())
    try:
        tables = extract_tables(pdf)
    finally:
        pdf.close()
    (table,) = tables
    assert table.page == 1
    assert table.pages == [1, 2]
    assert len(table.rows) == 13  # the page 2 header is gone, the cut row merged
    assert len(table.row_pages) == len(table.rows)
    assert table.rows[5][2] == "๓)กิจกรรมปลูกจิตสำนึกต่อต้านการ\nทุจริตแก่เด็กและเยาวชน"
    assert table.rows[6][:3] == ["มติที่ ๑", "รวม", "จำนวน ๓ โครงการ"]
    assert table.row_pages[6] == 2
    assert table.rows[1][7] == "#####"


def test_page_selection() -> None:
    pdf = pdftext.open_pdf((FIXTURES / "wrapped.pdf").read_bytes())
    try:
        only_second = extract_tables(pdf, pages={2})
        filtered = extract_tables(pdf, page_filter=lambda n: n == 1)
    finally:
        pdf.close()
    assert [t.pages for t in only_second] == [[2]]
    assert [t.pages for t in filtered] == [[1]]
