"""Reading a table by content: its header band, what each column's header means, what its body
cells hold. Every reader (plan, ITA, measures) finds its columns through these rules.

A header band is the 1-3 rows above the body (found by content: no amounts, not numbered, and
words a reader knows); a column's header text joins its cells over the band, so a year written
in the second header row under a merged "งบประมาณ (บาท)" heads its column as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from prongsai.extract.numbers import parse_amount, parse_score, to_arabic_digits

_SPACE = re.compile(r"\s+")
_FULL_YEAR = re.compile(r"(?<!\d)(25[0-9]{2})(?!\d)")
# A two-digit year stands alone or behind a year word: "66", "ปี 66", "พ.ศ.66", "ปีงบประมาณ 66".
_SHORT_YEAR = re.compile(r"^(?:ปี|พ\.?ศ\.?|ปีงบประมาณ|ปีงบ|งบประมาณ|ปีพ\.?ศ\.?)*\(?([4-9][0-9])\)?$")
_NUMBERED = re.compile(r"^\(?[0-9]{1,2}(?:\.[0-9]{1,2})*\s*[).](?![0-9])|^\(?[0-9]{1,2}\)")
_DASH = re.compile(r"^[\-–—_.]+$")
_NO_BUDGET = re.compile(r"^(?:\(?ไม่ใช้งบ(?:ประมาณ)?\)?|ไม่มีงบ(?:ประมาณ)?|ไม่ได้ตั้งงบ(?:ประมาณ)?)")
# Full-width rows that head a group of body rows.
_SECTION = re.compile(r"^(?:ม[ิ]?ติที่|ตัวชี้วัดที่|(?:IIT|EIT|OIT)$|[0-9]\.?ม[ิ]?ติ)")
# A line that heads a section of a table's body: a dimension, an indicator, an ITA tool.
_SECTION_LINE = re.compile(
    r"^(?:ม[ิ]?ติที่|ตัวชี้วัดที่|[0-9๐-๙]\.?ม[ิ]?ติ|แบบวัด|แบบตรวจ)|^\(?(?:IIT|EIT|OIT)\)?$|\((?:IIT|EIT|OIT)\)$"
)


def is_section_line(text: str) -> bool:
    """A line that opens a section of a table: "มิติที่ 2 ...", "แบบวัด...ภายนอก (EIT)"."""
    return bool(_SECTION_LINE.search(squash(text)))


_PERCENT = re.compile(r"^([0-9]{1,3}(?:[.,][0-9]+)?)\s*%$")


def squash(text: str | None) -> str:
    """Text without whitespace and with Arabic digits, for matching words in cells."""
    return _SPACE.sub("", to_arabic_digits(text or ""))


def years_in(text: str) -> list[str]:
    """Buddhist-era years written in full: "ปีงบประมาณ พ.ศ. ๒๕๖๖" -> ["2566"]."""
    return _FULL_YEAR.findall(to_arabic_digits(text))


def year_of(text: str) -> str | None:
    """The one year a header cell names, in any of the forms offices write it; None when it
    names none or a range ("2566-2570" heads a total, not a year).

    >>> [year_of(x) for x in ("2566", "ปี 2566", "พ.ศ. ๒๕๖๖", "ปีงบประมาณ 2566", "66", "ปี 66")]
    ['2566', '2566', '2566', '2566', '2566', '2566']
    >>> year_of("รวม 5 ปี (2566-2570)") is None, year_of("ลำดับ") is None
    (True, True)
    """
    found = years_in(text)
    if len(set(found)) == 1:
        return found[0]
    if found:
        return None
    short = _SHORT_YEAR.match(squash(text))
    return f"25{short.group(1)}" if short else None


def is_amount(text: str) -> bool:
    """A budget cell that states an amount."""
    return parse_amount(text) is not None


def is_budget_cell(text: str) -> bool:
    """A cell a budget column holds: an amount, a dash, "ไม่ใช้งบประมาณ", "#####" or blank;
    one per line where several projects share the cell."""
    lines = [x for x in (text or "").splitlines() if x.strip()]
    if len(lines) > 1:
        return all(map(is_budget_cell, lines)) or is_budget_cell(" ".join(lines))
    s = squash(text)
    if not s or _DASH.match(s) or set(s) == {"#"} or _NO_BUDGET.match(s):
        return True
    return is_amount(text)


def score_of(text: str) -> float | None:
    """An ITA score cell: "86.90", "86.90%", "๘๖.๙๐"."""
    s = squash(text)
    m = _PERCENT.match(s)
    value = parse_score(m.group(1) if m else s)
    return value if value is not None and value <= 100 else None


def is_numbered(text: str) -> bool:
    return bool(_NUMBERED.match(squash(text)))


def filled(row: Sequence[str]) -> list[str]:
    return [c for c in row if c and c.strip()]


def is_section_row(row: Sequence[str]) -> bool:
    """A full-width row such as "มิติที่ 1 ...", "ตัวชี้วัดที่ 9 ..." or "IIT": one distinct text."""
    texts = {squash(c) for c in filled(row)}
    return len(texts) == 1


@dataclass(frozen=True)
class Band:
    """Where the header band sits in a table's rows: rows[start:end]."""

    start: int
    end: int

    @property
    def size(self) -> int:
        return self.end - self.start


Words = Callable[[str], float]


def header_band(rows: Sequence[Sequence[str]], words: Words, *, search: int = 5) -> Band | None:
    """The header rows of a table: up to three rows, starting within the first `search` rows,
    with no amounts (years aside) and no numbering, whose cells `words` scores as headers.

    `words(cell)` gives a cell's header score (0 for a cell no header of this kind would hold).
    """
    return next(header_bands(rows, words, search=search), None)


def header_bands(rows: Sequence[Sequence[str]], words: Words, *, search: int = 5) -> Iterator[Band]:
    """Every candidate header band, top first: a reader takes the first whose columns it can
    read, so title lines above a header (a word table takes them in) are passed over."""
    for start in range(min(search, len(rows))):
        end = start
        while end < len(rows) and end - start < 3 and _header_like(rows[end], words):
            if end > start and is_section_row(rows[end]) and _SECTION.match(squash(rows[end][0])):
                break  # "มิติที่ 1 ..." under the header opens the body
            end += 1
        if end > start and sum(words(c) for r in rows[start:end] for c in r) >= 2:
            yield Band(start, end)
            if end - start > 1:  # the same header without its first row (a title line)
                yield from (Band(k, end) for k in range(start + 1, end))


_DECIMAL = re.compile(r"\d+\.\d{2}")


def _header_like(row: Sequence[str], words: Words) -> bool:
    cells = filled(row)
    if not cells:
        return False
    if any(_DECIMAL.search(to_arabic_digits(c)) for c in cells):
        return False  # "ได้ 74.19 คะแนน": a title or prose line above the table, not a header
    hits = 0
    for cell in cells:
        s = squash(cell)
        if year_of(cell) is not None and len(s) <= 24:
            hits += 1
            continue
        if is_numbered(cell) or is_amount(cell) or score_of(cell) is not None or _DASH.match(s):
            return False
        if words(cell) > 0:
            hits += 1
    return hits * 2 >= len(cells)


def column_texts(band_rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """Each column's header: its cells over the band, top to bottom, repeated text once."""
    out = []
    for i in range(width):
        parts: list[str] = []
        for row in band_rows:
            cell = row[i].strip() if i < len(row) and row[i] else ""
            if cell and cell not in parts:
                parts.append(cell)
        out.append(" ".join(parts))
    return out


def body_share(rows: Sequence[Sequence[str]], column: int, test: Callable[[str], bool]) -> float:
    """Share of the column's non-blank body cells that pass `test` (1.0 when all are blank)."""
    cells = [r[column] for r in rows if column < len(r) and r[column] and r[column].strip()]
    if not cells:
        return 1.0
    return sum(1 for c in cells if test(c)) / len(cells)


def mean_length(rows: Sequence[Sequence[str]], column: int) -> float:
    cells = [squash(r[column]) for r in rows if column < len(r) and r[column] and r[column].strip()]
    return sum(map(len, cells)) / len(cells) if cells else 0.0


def scorer(marks: Sequence[tuple[str, float]]) -> Words:
    """A header-word score from (regex, weight) pairs, matched on the squashed cell."""
    compiled = [(re.compile(p), w) for p, w in marks]

    def words(cell: str) -> float:
        s = squash(cell)
        return sum(w for rx, w in compiled if rx.search(s))

    return words
