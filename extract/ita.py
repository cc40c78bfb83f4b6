"""ITA results from an analysis report: total, level, the ten indicator scores, and checks.

The indicator table reads เครื่องมือ | ตัวชี้วัด | ๒๕๖๓ | ๒๕๖๔ | การเปลี่ยนแปลง; the tool is
written once per group and carried down. When no table was found (scans read by OCR) the
same rows are read from page-text lines. The checks compare what the document states with
itself: trend words against the numbers, the total against the indicators, the level
against its band.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from prongsai.extract.classify import classify, fiscal_year
from prongsai.extract.columns import (
    Band,
    column_texts,
    header_bands,
    is_section_row,
    mean_length,
    score_of,
    scorer,
    squash,
    year_of,
)
from prongsai.extract.numbers import to_arabic_digits
from prongsai.extract.records import Indicator, Ita, Page, Problem, Table

# Bands of the AA–F rating used since ITA 2563 (score → level).
LEVEL_BANDS: tuple[tuple[float, str], ...] = (
    (95.0, "AA"),
    (85.0, "A"),
    (75.0, "B"),
    (65.0, "C"),
    (55.0, "D"),
    (50.0, "E"),
    (0.0, "F"),
)
TOOL_WEIGHTS = {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
# Real reports weight indicators by their question counts and round, so the plain
# weighted mean of indicator scores differs from the official total by up to about a point.
TOTAL_TOLERANCE = 1.5

_LEVEL = r"(?:AA|A|B|C|D|E|F|ผ่านดีเยี่ยม|ผ่านดีมาก|ผ่านดี|ไม่ผ่าน|ผ่าน|ต้องปรับปรุงเร่งด่วน|ต้องปรับปรุง)"
_LEVEL_CELL = re.compile(_LEVEL + r"$")
# "B (ผ่าน)", "C(ไม่ผ่าน)": the letter with its words
_LEVEL_WITH_WORDS = re.compile(r"^(AA|A|B|C|D|E|F)\(.*\)$")


def _level_cell(cell: str) -> str | None:
    s = squash(cell)
    if _LEVEL_CELL.match(s):
        return s
    m = _LEVEL_WITH_WORDS.match(s)
    return m.group(1) if m else None


_SCORE = r"(\d{1,3}(?:\.\d{1,2})?)"
_UP = ("เพิ่มขึ้น", "สูงขึ้น", "ดีขึ้น")
_DOWN = ("ลดลง", "ต่ำลง")
_SAME = ("คงที่", "เท่าเดิม")
_TREND = "(" + "|".join(_UP + _DOWN + _SAME) + ")"
_TOOL_NAMES = (
    ("IIT", ("IIT", "ภายใน")),
    ("EIT", ("EIT", "ภายนอก")),
    ("OIT", ("OIT", "เปิดเผยข้อมูลสาธารณะ", "แบบตรวจ")),
)
_INDICATOR = re.compile(r"^(?:(IIT|EIT|OIT)\s*)?(?:ตัวชี้วัดที่\s*)?(\d{1,2})\s*[.)]?\s*(\D.*)$")
_YEAR_CELL = re.compile(r"^(?:คะแนน)?(?:ปี)?(?:งบประมาณ)?(?:พ\.?ศ\.?)?(25\d\d)$")
# OCR leaves cell borders as "|", "]" or ")" after a number, and misreads trend words.
_BORDER = r"%?[|\])]?"
_TEXT_ROW = re.compile(
    r"^(?:(IIT|EIT|OIT)\s+)?(\d{1,2})\s*[.)]\s*(\D+?)\s+"
    + _SCORE
    + _BORDER
    + r"(?:\s+"
    + _SCORE
    + _BORDER
    + r")?(?:\s+"
    + _TREND
    + r")?(?:\s+\S{1,12})?\s*$"
)
# "ซึ่งเพิ่มขึ้น จากปีงบประมาณ พ.ศ. 2563 ที่ได้รับผลการประเมินอยู่ในระดับ F (54.78 คะแนน)"
_PREVIOUS = re.compile(
    _TREND + r"\s*จาก\s*(?:ปี)?(?:งบประมาณ)?\s*(?:พ\.?\s*ศ\.?)?\s*(25\d\d)?[^()\d]{0,80}?"
    r"(?:ระดับ\s*(?P<level>" + _LEVEL + r")\s*)?\(?\s*" + _SCORE + r"\s*คะแนน"
)


@dataclass
class ItaFacts:
    ita: Ita | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Trend:
    indicator: Indicator
    word: str
    page: int | None


@dataclass
class _Grid:
    """What the indicator rows gave: indicators, year columns, per-year totals and levels."""

    indicators: list[Indicator] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    totals: dict[str, float | None] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    trends: list[_Trend] = field(default_factory=list)
    page: int | None = None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"\s+", " ", to_arabic_digits(text)).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _clean(text))


def level_for(score: float) -> str:
    """The AA–F level whose band holds `score`.

    >>> level_for(60.12), level_for(94.99), level_for(95.0)
    ('D', 'A', 'AA')
    """
    for floor, level in LEVEL_BANDS:
        if round(score, 2) >= floor:
            return level
    return "F"


def _tool_of(cell: str) -> str | None:
    s = _squash(cell).upper()
    for tool, marks in _TOOL_NAMES:
        if any(mark in s for mark in marks):
            return tool
    return None


def _tool_by_number(number: int) -> str:
    return "IIT" if number <= 5 else "EIT" if number <= 8 else "OIT"


def _trend_of(cell: str) -> str | None:
    s = _squash(cell)
    for word in _UP + _DOWN + _SAME:
        if word in s:
            return word
    return None


# The ten indicators of the ITA since 2563, numbered as every report numbers them.
INDICATOR_NAMES = (
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงระบบการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
)
# What an indicator table's header cells say; a tool name alone scores nothing, so a section
# row "IIT" under the header does not join the header band.
_HEADER_WORDS = scorer(
    [
        (r"ตัวชี้วัด", 2.0),
        (r"เครื่องมือ|ประเภท", 1.0),
        (r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ)$", 0.5),
        (r"คะแนน|ผลการประเมิน|ITA", 1.0),
        (r"^(?:ปี|ปีงบประมาณ|ปีงบ|พ\.?ศ\.?)", 1.0),
        (r"เปลี่ยนแปลง|แนวโน้ม|ผลต่าง|ส่วนต่าง|เปรียบเทียบ|เพิ่ม|ลด", 0.5),
        (r"^ระดับ", 1.0),
        (r"รวม|เฉลี่ย", 0.5),
        ("|".join(INDICATOR_NAMES), 1.0),
    ]
)
_NAME_HEAD = re.compile(r"ตัวชี้วัด|ประเด็น|รายการ|ชื่อ")
_TOOL_HEAD = re.compile(r"เครื่องมือ|ประเภท|แบบวัด|แบบตรวจ")
_TREND_HEAD = re.compile(r"เปลี่ยนแปลง|แนวโน้ม|ผลต่าง|ส่วนต่าง|เปรียบเทียบ|เพิ่ม|ลด|\+|±")
_SCORE_HEAD = re.compile(r"คะแนน|ผลการประเมิน|ITA|ร้อยละ|%")
_YEAR_HEAD = re.compile(r"^(?:ปี|ปีงบประมาณ|ปีงบ|พ\.?ศ\.?|ปีที่ประเมิน)")
_TOTAL_LABEL = re.compile(r"คะแนนรวม|คะแนนเฉลี่ย|ภาพรวม|ผลรวม|^รวม|^เฉลี่ย|คะแนนITA")
_LEVEL_LABEL = re.compile(r"^ระดับ|ระดับผลการประเมิน|ระดับการประเมิน|ประเมินระดับ")
_NUMBER_CELL = re.compile(r"^\(?(\d{1,2})\s*[.)]?$")
_NUMBERED_NAME = re.compile(
    r"^(?:(IIT|EIT|OIT)\s*[:\-]?\s*)?(?:ตัวชี้วัดที่\s*)?(\d{1,2})\s*[.):：]?\s*(\D.*)?$"
)
_ALL_LEVELS = {level for _, level in LEVEL_BANDS}


@dataclass
class _Name:
    """What a name cell says about its indicator: "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่"."""

    number: int | None
    tool: str | None
    name: str


def _identify(text: str) -> _Name | None:
    """The indicator a cell names, by its number ("1.", "ตัวชี้วัดที่ 1", "IIT 1") or, when it
    has none, by the nearest of the ten names; None for a cell that names no indicator.

    >>> _identify("ตัวชี้วัดที่ ๓ การใช้อำนาจ")
    _Name(number=3, tool=None, name='การใช้อำนาจ')
    >>> _identify("การใช้ทรัพย์สินของทางราชการ").number
    4
    """
    s = _clean(text)
    if not s or score_of(s) is not None:
        return None
    m = _NUMBERED_NAME.match(s)
    if m and (m.group(3) or "ตัวชี้วัด" in s):
        number = int(m.group(2))
        name = (m.group(3) or "").strip(" :-")
        if not 1 <= number <= 10 or (name and _tool_of(name) is not None):
            return None
        return _Name(number, m.group(1), name or INDICATOR_NAMES[number - 1])
    guess = _fuzzy_number(s)
    return _Name(guess, None, s) if guess else None


def _fuzzy_number(text: str) -> int | None:
    s = re.sub(r"[^\u0e00-\u0e7f]", "", text)
    if len(s) < 6 or _tool_of(text) is not None:
        return None
    best, number = 0.0, 0
    for n, name in enumerate(INDICATOR_NAMES, 1):
        score = fuzz.ratio(name, s)
        if len(s) >= len(name):
            score = max(score, fuzz.partial_ratio(name, s) - 5)
        if score > best:
            best, number = score, n
    return number if best >= 80 else None


@dataclass
class _Layout:
    """Roles of an indicator table's columns, found from header words and body content."""

    width: int
    scores: dict[int, str]  # column -> year
    number: int | None = None
    tool: int | None = None
    name: int | None = None
    trends: list[int] = field(default_factory=list)


def _section_tool(cells: list[str]) -> str | None:
    """The tool a full-width row names: "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"."""
    if not is_section_row(cells):
        return None
    text = next(c for c in cells if c.strip())
    if score_of(text) is not None or _TOTAL_LABEL.search(squash(text)):
        return None
    return _tool_of(text)


def _bands(rows: list[list[str]]) -> list[Band]:
    """Candidate header bands, top first (title lines a word table takes in come before)."""
    out = []
    for band in header_bands(rows, _HEADER_WORDS, search=8):
        end = band.end
        while end - band.start > 1 and _section_tool(rows[end - 1]) is not None:
            end -= 1
        out.append(Band(band.start, end))
    if not out:
        # A transposed table may number its indicator headings, which header_band refuses.
        for i, row in enumerate(rows[:5]):
            names = [_identify(c) for c in row]
            if sum(1 for n in names if n) >= 3 and not any(score_of(c) for c in row):
                return [Band(i, i + 1)]
    return out


def _body_cells(body: list[list[str]], column: int) -> list[str]:
    return [r[column] for r in body if column < len(r) and r[column].strip()]


def _share(cells: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for c in cells if test(c)) / len(cells) if cells else 0.0


def _is_score_cell(cell: str) -> bool:
    return score_of(cell) is not None or bool(re.fullmatch(r"[\-–—]+", squash(cell)))


def _is_number_cell(cell: str) -> bool:
    m = _NUMBER_CELL.match(squash(cell))
    return m is not None and 1 <= int(m.group(1)) <= 10


def _cell(cells: list[str], column: int | None) -> str:
    return cells[column] if column is not None and column < len(cells) else ""


def _layout(heads: list[str], body: list[list[str]], default_year: str | None) -> _Layout | None:
    """Column roles of a table whose indicators are rows; None when it is not one."""
    width = len(heads)
    rows = [r for r in body if not is_section_row(r)]
    free = set(range(width))
    layout = _Layout(width, {})
    for i in sorted(free):
        cells = _body_cells(rows, i)
        head = squash(heads[i])
        if (_TREND_HEAD.search(head) and year_of(heads[i]) is None) or (
            cells and _share(cells, lambda c: _trend_of(c) is not None) >= 0.5
        ):
            layout.trends.append(i)
            free.discard(i)
    for i in sorted(free):
        cells = _body_cells(rows, i)
        if cells and year_of(heads[i]) is None and _share(cells, _is_number_cell) >= 0.8:
            layout.number = i
            free.discard(i)
            break
    unyeared: list[int] = []
    for i in sorted(free):
        cells = _body_cells(rows, i)
        head = squash(heads[i])
        if not cells or head.startswith("ระดับ") or _share(cells, _is_score_cell) < 0.6:
            continue
        year = year_of(heads[i])
        if year is not None:
            layout.scores[i] = year
            free.discard(i)
        elif _SCORE_HEAD.search(head) and not _NAME_HEAD.search(head):
            unyeared.append(i)
    if not layout.scores and len(unyeared) == 1 and default_year:
        layout.scores[unyeared[0]] = default_year
        free.discard(unyeared[0])
    if not layout.scores:
        return None
    texts = [i for i in free if _share(_body_cells(rows, i), _is_score_cell) < 0.5]
    named = [i for i in texts if _NAME_HEAD.search(squash(heads[i]))]
    by_length = sorted(texts, key=lambda i: mean_length(rows, i), reverse=True)
    for i in by_length:
        if mean_length(rows, i) >= 4 and (not named or i in named or len(named) > 1):
            layout.name = i
            break
    if layout.name is None and by_length:
        layout.name = by_length[0]
    for i in sorted(free - {layout.name}):
        cells = _body_cells(rows, i)
        if _TOOL_HEAD.search(squash(heads[i])) or (
            cells and _share(cells, lambda c: _tool_of(c) is not None) >= 0.5
        ):
            layout.tool = i
            break
    cued = any("ตัวชี้วัด" in squash(h) or _TOOL_HEAD.search(squash(h)) for h in heads)
    found = sum(1 for r in rows if layout.name is not None and _row_name(r, layout))
    return layout if cued or found >= 3 else None


def _row_name(cells: list[str], layout: _Layout) -> _Name | None:
    if layout.name is None or layout.name >= len(cells):
        return None
    return _identify(cells[layout.name])


def _grid_from_tables(tables: list[Table], doc_year: int | None) -> _Grid:
    grid = _Grid()
    default_year = str(doc_year) if doc_year else None
    layout: _Layout | None = None
    seen: set[int] = set()
    for table in tables:
        rows = [[_clean(c) for c in r] for r in table.rows]
        if not rows:
            continue
        bands = _bands(rows)
        if bands:
            found = None
            for band in bands:
                heads = column_texts(rows[band.start : band.end], max(map(len, rows)))
                body = rows[band.end :]
                if _read_transposed(heads, body, grid, seen, table.page):
                    found = "transposed"
                    break
                layout = _layout(heads, body, default_year)
                if layout is not None:
                    found = "rows"
                    break
            if found != "rows" or layout is None:
                layout = None
                continue
        elif layout is None or not any(len(r) == layout.width for r in rows):
            continue
        else:
            body = rows
        for y in (layout.scores[i] for i in sorted(layout.scores)):
            if y not in grid.years:
                grid.years.append(y)
        section: str | None = None
        for cells in body:
            tool = _section_tool(cells)
            if tool is not None:
                section = tool
                continue
            _read_row(cells, layout, section, grid, seen, table.page)
    return grid


def _row_values(cells: list[str], layout: _Layout, test: Callable[[str], bool]) -> list[str]:
    """The row's cells under the score columns; a row of another width gives the cells that
    pass `test` after the label, in order."""
    if len(cells) == layout.width:
        return [cells[i] for i in sorted(layout.scores)]
    start = (layout.name or 0) + 1 if layout.name is not None and layout.name < len(cells) else 0
    return [c for c in cells[start:] if test(c)][: len(layout.scores)]


def _read_row(
    cells: list[str],
    layout: _Layout,
    section: str | None,
    grid: _Grid,
    seen: set[int],
    page: int | None,
) -> None:
    years = [layout.scores[i] for i in sorted(layout.scores)]
    label_cols = [i for i in range(len(cells)) if i not in layout.scores and i not in layout.trends]
    label = squash(" ".join(cells[i] for i in label_cols))
    if not label:
        return
    if _TOTAL_LABEL.search(label) and _tool_of(label) is None:
        values = _row_values(cells, layout, lambda c: score_of(c) is not None)
        totals = {y: score_of(v) for y, v in zip(years, values, strict=False)}
        grid.totals.update({y: s for y, s in totals.items() if s is not None})
        grid.page = grid.page or page
        return
    if _LEVEL_LABEL.search(label):
        values = _row_values(cells, layout, lambda c: _level_cell(c) is not None)
        for y, v in zip(years, values, strict=False):
            level = _level_cell(v)
            if level is not None:
                grid.levels[y] = level
        return
    named = _row_name(cells, layout)
    number = named.number if named else None
    if layout.number is not None and layout.number < len(cells):
        m = _NUMBER_CELL.match(squash(cells[layout.number]))
        if m and 1 <= int(m.group(1)) <= 10:
            number = int(m.group(1))
        elif named is None:
            return
    if number is None or number in seen:
        return
    values = _row_values(cells, layout, lambda c: score_of(c) is not None)
    scores = {y: score_of(v) for y, v in zip(years, values, strict=False)}
    if all(s is None for s in scores.values()):  # a numbered line of another table
        return
    tool_cell = cells[layout.tool] if layout.tool is not None and layout.tool < len(cells) else ""
    # The tool cell spans its rows; an extractor may put its text in any of them, so rows
    # without one take the section's tool, else the one their number belongs to.
    tool = _tool_of(tool_cell) or (named.tool if named else None) or section
    name = named.name if named and named.name else INDICATOR_NAMES[number - 1]
    indicator = Indicator(tool or _tool_by_number(number), number, name, scores)
    grid.indicators.append(indicator)
    seen.add(number)
    grid.page = grid.page or page
    others = [c for i, c in enumerate(cells) if i not in (layout.name, layout.number, layout.tool)]
    word = next((w for c in others if (w := _trend_of(c))), None)
    if word:
        grid.trends.append(_Trend(indicator, word, page))


def _read_transposed(
    heads: list[str], body: list[list[str]], grid: _Grid, seen: set[int], page: int | None
) -> bool:
    """A table whose indicators are columns and years rows:
    ปีงบประมาณ | การปฏิบัติหน้าที่ | ... | คะแนนรวม | ระดับ, then 2566 | 85.10 | ... | B."""
    columns: dict[int, _Name] = {}
    for i, head in enumerate(heads):
        named = _identify(re.sub(r"IIT|EIT|OIT|\([^)]*\)", " ", head))
        if named and named.number is not None and named.number not in seen:
            columns[i] = named
    if len(columns) < 3:
        return False
    year_col = next(
        (
            i
            for i in range(len(heads))
            if i not in columns
            and _body_cells(body, i)
            and _share(_body_cells(body, i), lambda c: year_of(c) is not None) >= 0.5
        ),
        None,
    )
    if year_col is None:
        return False
    total_col = next(
        (i for i, h in enumerate(heads) if i not in columns and _TOTAL_LABEL.search(squash(h))),
        None,
    )
    level_col = next(
        (
            i
            for i, h in enumerate(heads)
            if i not in columns and i != year_col and squash(h).startswith("ระดับ")
        ),
        None,
    )
    indicators = {
        i: Indicator(_tool_of(heads[i]) or _tool_by_number(n.number or 0), n.number or 0, n.name)
        for i, n in columns.items()
    }
    for cells in body:
        year = year_of(cells[year_col]) if year_col < len(cells) else None
        if year is None:
            continue
        if year not in grid.years:
            grid.years.append(year)
        for i, indicator in indicators.items():
            if i < len(cells) and (s := score_of(cells[i])) is not None:
                indicator.scores[year] = s
        total = _cell(cells, total_col)
        if (score := score_of(total)) is not None:
            grid.totals[year] = score
        level = squash(_cell(cells, level_col))
        if _LEVEL_CELL.match(level):
            grid.levels[year] = level
    found = [ind for ind in indicators.values() if ind.scores]
    if not found:
        return False
    grid.indicators.extend(sorted(found, key=lambda ind: ind.number))
    seen.update(ind.number for ind in found)
    grid.page = grid.page or page
    return True


_TWO_SCORES = re.compile(r"(\d{1,3}\.\d{2})\D{0,3}\s+(\d{1,3}\.\d{2})\D{0,3}(?:\s|$)")


def _named_row(line: str) -> tuple[int, str, list[float]] | None:
    """An indicator row whose number and tool OCR garbled, known by its name and two scores:
    "แท 1. การปฏิบัติหน้าที่   66.37, 66.47; เพิ่มขึ้น" is indicator 1."""
    m = _TWO_SCORES.search(line)
    if m is None:
        return None
    head = re.sub(r"[^\u0e00-\u0e7f]", "", line[: m.start()])
    if len(head) < 6:
        return None
    scored = [(fuzz.partial_ratio(name, head), n) for n, name in enumerate(INDICATOR_NAMES, 1)]
    best, number = max(scored)
    if best < 85:
        return None
    return number, INDICATOR_NAMES[number - 1], [float(m.group(1)), float(m.group(2))]


def _grid_from_text(pages: list[Page], default_years: list[str]) -> _Grid:
    """Indicator rows read from text lines, as OCR gives them for a scanned table."""
    grid = _Grid()
    years = list(default_years)
    for page in pages:
        for line in page.text.splitlines():
            s = _clean(line)
            if "ตัวชี้วัด" in s and len(found := re.findall(r"(?<!\d)(25\d\d)(?!\d)", s)) >= 1:
                if not grid.indicators:
                    years = found
                continue
            m = _TEXT_ROW.match(s)
            if m is None and page.method == "ocr" and (named := _named_row(s)) is not None:
                number, name, scores = named
                if all(i.number != number for i in grid.indicators) and max(scores) <= 100:
                    row_years = years[-len(scores) :] if years else []
                    grid.indicators.append(
                        Indicator(
                            _tool_by_number(number),
                            number,
                            name,
                            dict(zip(row_years, scores, strict=False)),
                        )
                    )
                    grid.page = grid.page or page.number
                continue
            if m:
                number = int(m.group(2))
                if not 1 <= number <= 10:
                    continue
                scores = [float(x) for x in (m.group(4), m.group(5)) if x is not None]
                if any(x > 100 for x in scores):
                    continue
                row_years = years[-len(scores) :] if years else []
                indicator = Indicator(
                    tool=m.group(1) or _tool_by_number(number),
                    number=number,
                    name=m.group(3).strip(),
                    scores=dict(zip(row_years, scores, strict=False)),
                )
                grid.indicators.append(indicator)
                grid.page = grid.page or page.number
                if m.group(6):
                    grid.trends.append(_Trend(indicator, m.group(6), page.number))
                continue
            total = re.match(r"^คะแนน(?:เฉลี่ย|รวม)\s+" + _SCORE + r"(?:\s+" + _SCORE + ")?$", s)
            if total and grid.indicators:
                scores = [float(x) for x in total.groups() if x is not None]
                grid.totals.update(zip(years[-len(scores) :], scores, strict=False))
                continue
            level = re.match(r"^ระดับ\S*\s+(" + _LEVEL + r")(?:\s+(" + _LEVEL + r"))?$", s)
            if level and grid.indicators:
                found_levels = [x for x in level.groups() if x is not None]
                grid.levels.update(zip(years[-len(found_levels) :], found_levels, strict=False))
    grid.years = years
    # Fewer than three rows is a sentence that happens to look like one, not a table.
    return grid if len(grid.indicators) >= 3 else _Grid(years=list(default_years))


# A score stated in prose: "๖๐.๑๒ คะแนน", not a threshold ("ตั้งแต่ ๘๕ คะแนนขึ้นไป").
_STATED = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)\s*%?\s*คะแนน(?!\s*ขึ้นไป)")
_LEVEL_WORD = r"(?P<level>" + _LEVEL + r")(?![A-Za-z])"
# "… คะแนน อยู่ในระดับ A", "… คะแนน ระดับผลการประเมิน D", "… คะแนน) และมีผลการประเมินในระดับ B"
_LEVEL_AFTER = re.compile(
    r"\s*\)?\s*(?:,|และ|โดย|ซึ่ง)?\s*(?:มี|ได้)?(?:ผลการประเมิน)?\s*(?:อยู่)?\s*(?:ใน)?\s*"
    r"ระดับ(?:ผลการประเมิน|การประเมิน)?\s*[:：]?\s*(?:คือ|เท่ากับ)?\s*" + _LEVEL_WORD
)
# "… ในระดับ D (๖๐.๑๒ " (OCR reads a B as 8 here: the only digit a level can be mistaken for.)
_LEVEL_BEFORE = re.compile(r"ระดับ\s*[:：]?\s*(?P<level>" + _LEVEL + r"|8)\s*\(\s*$")
# Words just before a total: "ได้", "เท่ากับ", ":", "คะแนนรวม", "ได้คะแนนรวม ITA".
_CUE_END = re.compile(
    r"(?:ได้|ได้รับ|เท่ากับ|คือ|[:：=]|คะแนน|รวม|เฉลี่ย|ภาพรวม|ITA)\s*"
    r"(?:คะแนน(?:รวม|เฉลี่ย|ภาพรวม)?)?\s*(?:ITA)?\s*\(?\s*$"
)
_TOTAL_CUE = re.compile(r"ผลการประเมิน|คะแนนรวม|คะแนนเฉลี่ย|ภาพรวม|ผลรวม|ITA|ผลคะแนน|หน่วยงาน")
# A score nearer to these words belongs to an indicator or a tool, or is a threshold.
_PART_CUE = re.compile(
    r"ตัวชี้วัด|IIT|EIT|OIT|ภายใน|ภายนอก|แบบวัด|แบบตรวจ|ตั้งแต่|น้อยกว่า|มากกว่า|ต่ำกว่า|"
    r"สูงกว่า|เกิน|ไม่ถึง|เกณฑ์|" + "|".join(INDICATOR_NAMES)
)
_PREVIOUS_CUE = re.compile(_TREND + r"\s*จาก|ปีที่ผ่านมา|ปีก่อน|ครั้งก่อน|เมื่อปี")
_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
_WINDOW = 160


@dataclass
class _Statement:
    """A total stated in prose, with the level beside it and the year its sentence names."""

    score: float
    level: str | None
    year: str | None
    previous: bool  # its sentence compares with it ("เพิ่มขึ้นจากปี 2565 ที่ได้ …")
    page: int
    after: str  # the text that follows, where a previous year's result is often given


def _statements(pages: list[Page]) -> list[_Statement]:
    found: list[_Statement] = []
    for page in pages:
        # Lines kept: a year ties a statement only when written on its own line.
        text = "\n".join(_clean(line) for line in page.text.splitlines())
        last = 0
        for m in _STATED.finditer(text):
            start, end = m.start(), m.end()
            # The words since the previous stated score are this score's own sentence.
            near, wide = (
                text[max(last, start - _WINDOW) : start],
                text[max(0, start - _WINDOW) : start],
            )
            last = end
            score = float(m.group(1))
            if score > 100:
                continue
            part = max((x.end() for x in _PART_CUE.finditer(near)), default=-1)
            cue = max((x.end() for x in _TOTAL_CUE.finditer(near)), default=-1)
            if part > cue:
                continue
            after = _LEVEL_AFTER.match(text, end)
            before = _LEVEL_BEFORE.search(near)
            stated = after or before
            if stated is None and not (_CUE_END.search(near[-40:]) and _TOTAL_CUE.search(wide)):
                continue
            level = stated.group("level") if stated else None
            years = _YEAR.findall(near[near.rfind("\n") + 1 :])
            found.append(
                _Statement(
                    score,
                    "B" if level == "8" else level,
                    years[-1] if years else None,
                    bool(_PREVIOUS_CUE.search(near)),
                    page.number,
                    text[(after.end() if after else end) :][:200],
                )
            )
    return found


@dataclass
class _Narrative:
    total: float | None = None
    level: str | None = None
    page: int | None = None
    previous_year: str | None = None
    previous_total: float | None = None
    previous_level: str | None = None
    trend: str | None = None


def _narrative(
    statements: list[_Statement], year: int | None, table_totals: dict[str, float | None]
) -> _Narrative:
    """The report year's total from prose: a statement naming that year first, else one naming
    no year that is neither a comparison nor another year's table total."""
    key = str(year) if year is not None else None
    others = {s for y, s in table_totals.items() if y != key and s is not None}
    if key is not None and table_totals.get(key) is not None:
        others.discard(table_totals[key])
    current = next((s for s in statements if key and s.year == key and not s.previous), None)
    if current is None:
        current = next(
            (
                s
                for s in statements
                if not s.previous and (s.year is None or key is None) and s.score not in others
            ),
            None,
        )
    found = _Narrative()
    if current is None:
        return found
    found.total, found.level, found.page = current.score, current.level, current.page
    after = re.sub(r"^\s*\)?\s*(?:ซึ่ง|และ|โดย)?\s*", "", current.after)
    prev = _PREVIOUS.match(after) or _PREVIOUS.search(after[:40])
    if prev:
        found.trend = prev.group(1)
        found.previous_year = prev.group(2)
        found.previous_level = prev.group("level")
        found.previous_total = float(prev.group(4))
        return found
    if year is not None:
        earlier = next(
            (s for s in statements if s is not current and s.year == str(year - 1)), None
        )
        if earlier is not None:
            found.previous_year = earlier.year
            found.previous_total, found.previous_level = earlier.score, earlier.level
    return found


def _problems(ita: Ita, grid: _Grid, story: _Narrative) -> list[Problem]:
    problems: list[Problem] = []
    years = sorted(grid.years)
    if len(years) >= 2:
        before, now = years[-2], years[-1]
        for trend in grid.trends:
            old, new = trend.indicator.scores.get(before), trend.indicator.scores.get(now)
            if old is None or new is None:
                continue
            if _contradicts(trend.word, old, new):
                problems.append(
                    Problem(
                        "trend_mismatch",
                        f"ตัวชี้วัดที่ {trend.indicator.number} {trend.indicator.name}: "
                        f"'{trend.word}' but {before} {old:.2f} → {now} {new:.2f}",
                        trend.page,
                    )
                )
    if (
        story.trend
        and ita.total is not None
        and ita.previous_total is not None
        and _contradicts(story.trend, ita.previous_total, ita.total)
    ):
        problems.append(
            Problem(
                "trend_mismatch",
                f"text says '{story.trend}' but the total went "
                f"{ita.previous_total:.2f} → {ita.total:.2f}",
                story.page,
            )
        )
    if ita.year is not None and ita.total is not None:
        weighted = weighted_total(ita.indicators, str(ita.year))
        if weighted is not None and abs(weighted - ita.total) > TOTAL_TOLERANCE:
            problems.append(
                Problem(
                    "ita_total_mismatch",
                    f"total {ita.total:.2f} vs weighted indicator mean {weighted:.2f}",
                    grid.page or story.page,
                )
            )
        table_total = grid.totals.get(str(ita.year))
        if table_total is not None and abs(table_total - ita.total) > 0.005:
            problems.append(
                Problem(
                    "ita_total_mismatch",
                    f"text total {ita.total:.2f} vs table average {table_total:.2f}",
                    grid.page or story.page,
                )
            )
    for label, score, level, page in (
        ("total", ita.total, ita.level, story.page or grid.page),
        ("previous total", ita.previous_total, ita.previous_level, story.page or grid.page),
    ):
        if score is None or level is None or level not in dict((v, k) for k, v in LEVEL_BANDS):
            continue
        if level_for(score) != level:
            problems.append(
                Problem(
                    "ita_level_mismatch",
                    f"{label} {score:.2f} is level {level_for(score)}, document says {level}",
                    page,
                )
            )
    return problems


def _contradicts(word: str, old: float, new: float) -> bool:
    if word in _UP:
        return new < old
    if word in _DOWN:
        return new > old
    return abs(new - old) >= 0.01


def weighted_total(indicators: list[Indicator], year: str) -> float | None:
    """0.3 × mean(IIT) + 0.3 × mean(EIT) + 0.4 × mean(OIT) for one year; None if a tool is missing.

    >>> weighted_total([Indicator("IIT", 1, "การปฏิบัติหน้าที่", {"2566": 90.0}),
    ...                 Indicator("EIT", 6, "คุณภาพการดำเนินงาน", {"2566": 80.0}),
    ...                 Indicator("OIT", 9, "การเปิดเผยข้อมูล", {"2566": 100.0})], "2566")
    91.0
    """
    means: dict[str, float] = {}
    for tool in TOOL_WEIGHTS:
        scores = [s for i in indicators if i.tool == tool and (s := i.scores.get(year)) is not None]
        if not scores:
            return None
        means[tool] = sum(scores) / len(scores)
    return round(sum(TOOL_WEIGHTS[t] * means[t] for t in TOOL_WEIGHTS), 2)


def extract_ita(pages: list[Page], tables: list[Table]) -> ItaFacts:
    """ITA facts of an analysis report.

    >>> page = Page(1, "text", "ได้รับผลการประเมินอยู่ในระดับ D (๖๐.๑๒ คะแนน) ซึ่งเพิ่มขึ้น "
    ...     "จากปีงบประมาณ พ.ศ. ๒๕๖๓ ที่ได้รับผลการประเมินอยู่ในระดับ E (๕๔.๗๘ คะแนน)")
    >>> ita = extract_ita([page], []).ita
    >>> ita.total, ita.level, ita.previous_total, ita.previous_level
    (60.12, 'D', 54.78, 'E')
    """
    first_text = "\n".join(p.text for p in pages[:2])
    doc_year = fiscal_year(first_text, "ita_analysis")
    grid = _grid_from_tables(tables, doc_year)
    if not grid.indicators:
        default = [str(doc_year - 1), str(doc_year)] if doc_year else []
        grid = _grid_from_text(pages, default)
    statements = _statements(pages)
    years = sorted(grid.years, key=int)
    year = int(years[-1]) if years and grid.indicators else doc_year
    story = _narrative(statements, year, grid.totals)
    if year is None and story.previous_year:
        year = int(story.previous_year) + 1
    unread = _unread(pages, grid, story, year)
    if not grid.indicators and story.total is None:
        return ItaFacts(None, unread)
    key = str(year) if year is not None else ""
    total = story.total if story.total is not None else grid.totals.get(key)
    level = story.level or grid.levels.get(key)
    derived: list[Problem] = []
    if level is None and total is not None:
        # The NACC's bands fix the level of a total: a document that states none still has one.
        level = level_for(total)
        derived.append(
            Problem("ita_level_derived", f"level {level} from the total {total:.2f}", grid.page)
        )
    previous_key = str(year - 1) if year is not None else ""
    previous_total = story.previous_total
    if previous_total is None:
        previous_total = grid.totals.get(previous_key)
    previous_level = story.previous_level or grid.levels.get(previous_key)
    ita = Ita(
        year=year,
        total=total,
        level=level,
        indicators=grid.indicators,
        previous_total=previous_total,
        previous_level=previous_level,
    )
    if total is not None:
        unread = [p for p in unread if p.code != "no_ita_total"]
    return ItaFacts(ita, _problems(ita, grid, story) + unread + derived)


def _unread(pages: list[Page], grid: _Grid, story: _Narrative, year: int | None) -> list[Problem]:
    """What an ITA analysis did not give: silence would read as "no scores in this report"."""
    if classify("\n".join(p.text for p in pages[:2])) != "ita_analysis":
        return []
    first = pages[0].number if pages else None
    out = []
    if not any(s is not None for i in grid.indicators for s in i.scores.values()):
        out.append(Problem("no_ita_scores", "ITA analysis: no indicator scores read", first))
    if story.total is None and grid.totals.get(str(year)) is None:
        out.append(Problem("no_ita_total", f"ITA analysis: no total score read for {year}", first))
    return out
