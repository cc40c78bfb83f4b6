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
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from prongsai.extract.classify import fiscal_year
from prongsai.extract.numbers import parse_score, to_arabic_digits
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
_BORDER = r"[|\])]?"
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
_CURRENT_PATTERNS = (
    # "คะแนนภาพรวมหน่วยงาน องค์การบริหารส่วนตำบลร่อนทอง : 60.12 คะแนน ระดับผลการประเมิน D"
    re.compile(
        r"คะแนนภาพรวม[^0-9:：]{0,80}[:：]?\s*" + _SCORE + r"\s*คะแนน"
        r"(?:\s*(?:ระดับผลการประเมิน|ระดับ|อยู่ในระดับ)\s*[:：]?\s*(?P<level>" + _LEVEL + r"))?"
    ),
    # "ได้รับผลการประเมินอยู่ในระดับ D (60.12 คะแนน)"
    # (OCR reads a B as 8 here: the only digit a level can be mistaken for.)
    re.compile(r"ในระดับ\s*(?P<level>" + _LEVEL + r"|8)\s*\(\s*" + _SCORE + r"\s*คะแนน\s*\)"),
    # "ได้คะแนน 87.50 คะแนน อยู่ในระดับ A"
    re.compile(
        r"ได้(?:รับ)?คะแนน(?:รวม)?\s*" + _SCORE + r"\s*คะแนน\s*(?:อยู่)?(?:ใน)?(?:ระดับ\s*"
        r"(?P<level>" + _LEVEL + r"))?"
    ),
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


def _header_years(row: list[str]) -> dict[int, str]:
    years: dict[int, str] = {}
    for i, cell in enumerate(row):
        m = _YEAR_CELL.match(_squash(cell))
        if m:
            years[i] = m.group(1)
    return years


def _is_header(row: list[str]) -> bool:
    return any("ตัวชี้วัด" in _squash(c) for c in row) and bool(_header_years(row))


def _row_scores(cells: list[str], start: int, year_cols: dict[int, str], width: int) -> list[float]:
    if len(cells) == width and year_cols:
        scores = [parse_score(cells[i]) for i in sorted(year_cols)]
        return [s for s in scores if s is not None]
    return [s for c in cells[start:] if (s := parse_score(c)) is not None]


def _grid_from_tables(tables: list[Table]) -> _Grid:
    grid = _Grid()
    year_cols: dict[int, str] = {}
    width = 0
    for table in tables:
        for raw in table.rows:
            cells = [_clean(c) for c in raw]
            if _is_header(cells):
                year_cols, width = _header_years(cells), len(cells)
                for y in year_cols.values():
                    if y not in grid.years:
                        grid.years.append(y)
                grid.page = grid.page or table.page
                continue
            if not year_cols:
                continue
            _read_row(cells, grid, year_cols, width, table.page)
    return grid


def _read_row(
    cells: list[str],
    grid: _Grid,
    year_cols: dict[int, str],
    width: int,
    page: int | None,
) -> None:
    years = [year_cols[i] for i in sorted(year_cols)]
    for i, cell in enumerate(cells):
        squashed = _squash(cell)
        if not squashed:
            continue
        if "คะแนนเฉลี่ย" in squashed or "คะแนนรวม" in squashed or "ภาพรวม" in squashed:
            scores = _row_scores(cells, i + 1, year_cols, width)
            grid.totals.update(zip(years, scores, strict=False))
            return
        if squashed.startswith("ระดับ"):
            levels = [c for c in (_squash(x) for x in cells[i + 1 :]) if _LEVEL_CELL.match(c)]
            grid.levels.update(zip(years, levels, strict=False))
            return
        m = _INDICATOR.match(cell)
        if m and parse_score(cell) is None and _tool_of(m.group(3)) is None:
            number = int(m.group(2))
            if not 1 <= number <= 10:
                return
            row_tool = m.group(1) or next((t for c in cells[:i] if (t := _tool_of(c))), None)
            # The tool cell spans its rows; an extractor may put its text in any of them,
            # so rows without one take the tool their number belongs to in the 10-indicator
            # framework, which is also what carrying the first row's tool down gives.
            indicator_tool = row_tool or _tool_by_number(number)
            scores = _row_scores(cells, i + 1, year_cols, width)
            if not scores:  # a numbered line of another table, e.g. a measure
                return
            indicator = Indicator(
                tool=indicator_tool,
                number=number,
                name=m.group(3).strip(),
                scores={y: s for y, s in zip(years, scores, strict=False)},
            )
            grid.indicators.append(indicator)
            word = next((w for c in cells[i + 1 :] if (w := _trend_of(c))), None)
            if word:
                grid.trends.append(_Trend(indicator, word, page))
            return


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


@dataclass
class _Narrative:
    total: float | None = None
    level: str | None = None
    page: int | None = None
    previous_year: str | None = None
    previous_total: float | None = None
    previous_level: str | None = None
    trend: str | None = None


def _narrative(pages: list[Page]) -> _Narrative:
    found = _Narrative()
    for page in pages:
        text = _clean(page.text)
        for pattern in _CURRENT_PATTERNS:
            for m in pattern.finditer(text):
                level = m.group("level")
                score = next(
                    float(g)
                    for i, g in enumerate(m.groups(), 1)
                    if g and i != pattern.groupindex["level"] and re.fullmatch(_SCORE, g)
                )
                if score > 100:
                    continue
                if found.total is None:
                    found.total, found.page = score, page.number
                if found.level is None and level and found.total == score:
                    found.level = "B" if level == "8" else level
                after = text[m.end() : m.end() + 200]
                prev = _PREVIOUS.match(re.sub(r"^\s*(?:ซึ่ง|และ|โดย)?\s*", "", after))
                if prev is None:
                    prev = _PREVIOUS.search(after[:40])
                if prev and found.previous_total is None and found.total == score:
                    found.trend = prev.group(1)
                    found.previous_year = prev.group(2)
                    found.previous_level = prev.group("level")
                    found.previous_total = float(prev.group(4))
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
    grid = _grid_from_tables(tables)
    if not grid.indicators:
        default = [str(doc_year - 1), str(doc_year)] if doc_year else []
        grid = _grid_from_text(pages, default)
    story = _narrative(pages)
    years = sorted(grid.years, key=int)
    year = int(years[-1]) if years and grid.indicators else doc_year
    if year is None and story.previous_year:
        year = int(story.previous_year) + 1
    if not grid.indicators and story.total is None:
        return ItaFacts(None, [])
    key = str(year) if year is not None else ""
    total = story.total if story.total is not None else grid.totals.get(key)
    level = story.level or grid.levels.get(key)
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
    return ItaFacts(ita, _problems(ita, grid, story))
