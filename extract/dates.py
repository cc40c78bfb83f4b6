"""Thai dates as local documents write them: Buddhist Era years, Thai month names, Thai digits.

Fiscal years run 1 October (BE year - 1) to 30 September; a period cell may name one
("ปีงบประมาณ ๒๕๖๗"), a quarter of one, two dates or two months.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from prongsai.extract.numbers import to_arabic_digits

_MONTHS: dict[str, int] = {
    "มกราคม": 1,
    "กุมภาพันธ์": 2,
    "มีนาคม": 3,
    "เมษายน": 4,
    "พฤษภาคม": 5,
    "มิถุนายน": 6,
    "กรกฎาคม": 7,
    "สิงหาคม": 8,
    "กันยายน": 9,
    "ตุลาคม": 10,
    "พฤศจิกายน": 11,
    "ธันวาคม": 12,
}
# Abbreviations as written, "ต.ค."; the dots are required so plain syllables never match.
_ABBREVIATIONS: dict[str, int] = {
    "ม.ค.": 1,
    "ก.พ.": 2,
    "มี.ค.": 3,
    "เม.ย.": 4,
    "พ.ค.": 5,
    "มิ.ย.": 6,
    "ก.ค.": 7,
    "ส.ค.": 8,
    "ก.ย.": 9,
    "ต.ค.": 10,
    "พ.ย.": 11,
    "ธ.ค.": 12,
}
_ABBREVIATION_KEYS = {re.sub(r"[.\s]", "", abbr): n for abbr, n in _ABBREVIATIONS.items()}


def _abbreviation_pattern(abbr: str) -> str:
    first, second = abbr.rstrip(".").split(".")
    return re.escape(first) + r"\.\s*" + re.escape(second) + r"\.?"


# Full names first so "มีนาคม" wins over any shorter alternative.
_MONTH_ALTERNATIVES = sorted(_MONTHS, key=len, reverse=True) + [
    _abbreviation_pattern(abbr) for abbr in sorted(_ABBREVIATIONS, key=len, reverse=True)
]
_MONTH = "(?P<month>" + "|".join(_MONTH_ALTERNATIVES) + ")"
_DATE = re.compile(
    r"(?:(?<!\d)(?P<day>\d{1,2})\s*)?"
    + _MONTH
    + r"\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{4}|\d{2})?(?!\d)"
)
_FISCAL = re.compile(r"ปีงบ(?:ประมาณ)?\s*(?:พ\.?\s*ศ\.?)?\s*(?P<year>\d{4})")
_QUARTER = re.compile(r"ไตรมาส(?:ที่)?\s*(?P<q>[1-4])")
_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")


def be_to_ce(year_be: int) -> int:
    """A Buddhist Era year as the Common Era year.

    >>> be_to_ce(2567)
    2024
    """
    return year_be - 543


def _normalize(text: str) -> str:
    return to_arabic_digits(unicodedata.normalize("NFC", text)).replace("\u0e4d\u0e32", "\u0e33")


def _month_number(token: str) -> int:
    if token in _MONTHS:
        return _MONTHS[token]
    return _ABBREVIATION_KEYS[re.sub(r"[.\s]", "", token)]


def _year_be(token: str) -> int:
    year = int(token)
    if year < 100:  # "๖๖" in "๑ ต.ค.๖๖" is BE 2566
        return 2500 + year
    if year < 2400:  # a Common Era year written in a Thai document
        return year + 543
    return year


def _fiscal_year_range(year_be: int) -> tuple[date, date]:
    return date(be_to_ce(year_be) - 1, 10, 1), date(be_to_ce(year_be), 9, 30)


def _point(match: re.Match[str], year_be: int, *, end: bool) -> date:
    """The day `match` names, or the month's first (last, for an `end`) where it names none or
    day 0; a day past the month's end is its last.

    >>> parse_period("0 มกราคม 2567")
    (datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    """
    month = _month_number(match.group("month"))
    year = be_to_ce(year_be)
    last = calendar.monthrange(year, month)[1]
    day = int(match.group("day") or 0)
    if day < 1:
        day = last if end else 1
    return date(year, month, min(day, last))


def parse_thai_date(text: str) -> date | None:
    """The first Thai date in `text`; a month without a day means its first day.

    >>> parse_thai_date("๑ ต.ค.๖๖")
    datetime.date(2023, 10, 1)
    >>> parse_thai_date("วันที่ ๑๑ ตุลาคม ๒๕๕๙")
    datetime.date(2016, 10, 11)
    >>> parse_thai_date("ไม่มีวันที่") is None
    True
    """
    m = _DATE.search(_normalize(text))
    if not m or not m.group("year"):
        return None
    return _point(m, _year_be(m.group("year")), end=False)


def parse_period(text: str) -> tuple[date | None, date | None]:
    """Start and end of a period cell; (None, None) when it names none.

    >>> parse_period("๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗")
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> parse_period("ตุลาคม ๒๕๖๖ – กันยายน ๒๕๖๗")
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> parse_period("ปีงบประมาณ พ.ศ. ๒๕๖๗")
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> parse_period("ไตรมาสที่ ๒")
    (None, None)
    """
    s = _normalize(text)
    dates = list(_DATE.finditer(s))
    if dates:
        first, last = dates[0], dates[-1]
        years = [m.group("year") for m in dates if m.group("year")]
        if years:
            end_year = _year_be(last.group("year") or years[-1])
            if len(dates) == 1:
                return _point(first, end_year, end=False), _point(first, end_year, end=True)
            if first.group("year"):
                start_year = _year_be(first.group("year"))
            else:  # "ตุลาคม - ธันวาคม ๒๕๖๖": the start borrows the end's year
                start_year = end_year
                if _month_number(first.group("month")) > _month_number(last.group("month")):
                    start_year -= 1
            return _point(first, start_year, end=False), _point(last, end_year, end=True)
    fiscal = _FISCAL.search(s)
    if fiscal:
        year_be = _year_be(fiscal.group("year"))
        start, end = _fiscal_year_range(year_be)
        quarter = _QUARTER.search(s)
        if quarter:
            q = int(quarter.group("q"))
            month = 10 + 3 * (q - 1)
            year = start.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            last_month = month + 2
            start = date(year, month, 1)
            end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        return start, end
    return None, None


def parse_year_range(text: str) -> tuple[int, int] | None:
    """The first BE year range such as a plan's span.

    >>> parse_year_range("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖ - ๒๕๗๐)")
    (2566, 2570)
    >>> parse_year_range("พ.ศ.๒๕๖๑ –๒๕๖๔")
    (2561, 2564)
    """
    s = _normalize(text)
    m = re.search(r"(?<!\d)(25\d\d)\s*(?:[-–—~]|ถึง)\s*(?:พ\.?\s*ศ\.?\s*)?(25\d\d)(?!\d)", s)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if start <= end else None


def parse_years(text: str) -> list[int]:
    """Every BE year written in `text`, in order.

    >>> parse_years("ปี ๒๕๖๓ และ 2564")
    [2563, 2564]
    """
    return [int(y) for y in _YEAR.findall(_normalize(text))]
