"""Thai dates, periods and BE year ranges."""

from datetime import date

import pytest

from prongsai.extract.dates import be_to_ce, parse_period, parse_thai_date, parse_year_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑ ต.ค.๖๖", date(2023, 10, 1)),
        ("วันที่ ๑๕ มีนาคม ๒๕๖๗", date(2024, 3, 15)),
        ("3 ม.ค. 2568", date(2025, 1, 3)),
        ("๒๘ ก.พ. ๖๗", date(2024, 2, 28)),
        ("พฤศจิกายน ๒๕๖๔", date(2021, 11, 1)),
        ("ไม่ระบุ", None),
        ("ตุลาคม", None),
        # A day no month has (a misread digit, a damaged text layer): never a ValueError.
        ("๐ มกราคม ๒๕๖๗", date(2024, 1, 1)),
        ("00 ก.พ. 67", date(2024, 2, 1)),
        ("๓๑ ก.พ. ๒๕๖๗", date(2024, 2, 29)),
    ],
)
def test_parse_thai_date(text: str, expected: date | None) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗", (date(2023, 10, 1), date(2024, 9, 30))),
        ("๑ ต.ค.๖๖ -๓๐ ก.ย. ๖๗", (date(2023, 10, 1), date(2024, 9, 30))),
        ("ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗", (date(2023, 10, 1), date(2024, 9, 30))),
        ("ตุลาคม - ธันวาคม ๒๕๖๖", (date(2023, 10, 1), date(2023, 12, 31))),
        ("พฤศจิกายน - มกราคม ๒๕๖๘", (date(2024, 11, 1), date(2025, 1, 31))),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", (date(2023, 10, 1), date(2024, 9, 30))),
        ("ตลอดปีงบประมาณ ๒๕๖๘", (date(2024, 10, 1), date(2025, 9, 30))),
        ("ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๗", (date(2024, 1, 1), date(2024, 3, 31))),
        ("มีนาคม ๒๕๖๗", (date(2024, 3, 1), date(2024, 3, 31))),
        ("ไตรมาสที่ ๒", (None, None)),
        ("0 ต.ค.66 - 0 ก.ย.67", (date(2023, 10, 1), date(2024, 9, 30))),
        ("", (None, None)),
    ],
)
def test_parse_period(text: str, expected: tuple[date | None, date | None]) -> None:
    assert parse_period(text) == expected


def test_parse_year_range() -> None:
    assert parse_year_range("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖ - ๒๕๗๐)") == (2566, 2570)
    assert parse_year_range("ปี 2561–2564") == (2561, 2564)
    assert parse_year_range("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") is None
    assert parse_year_range("๒๕๗๐ - ๒๕๖๖") is None


def test_be_to_ce() -> None:
    assert be_to_ce(2566) == 2023
