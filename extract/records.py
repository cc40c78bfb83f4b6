"""Typed records that extraction produces; their JSON form is the `prongsai extract --json` contract.

Years are Buddhist Era integers. Budget and score maps are keyed by the year as a string
("2566"), as in the JSON contract, with None for a cell that states no amount ("-", blank, "#####").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocType = Literal[
    "anticorruption_plan",
    "ita_analysis",
    "integrity_measures",
    "integrity_measures_report",
    "other",
]
DOC_TYPES: tuple[DocType, ...] = (
    "anticorruption_plan",
    "ita_analysis",
    "integrity_measures",
    "integrity_measures_report",
    "other",
)
OrgType = Literal["อบต.", "ทต.", "ทม.", "ทน.", "อบจ.", "เมืองพัทยา"]
Tool = Literal["IIT", "EIT", "OIT"]
PageMethod = Literal["text", "ocr", "empty"]


@dataclass
class Organization:
    """An organization as a document names it: `name` is the full name, e.g. องค์การบริหารส่วนตำบลเขาทอง."""

    name: str | None = None
    type: str | None = None
    district: str | None = None
    province: str | None = None
    dla_code: str | None = None


@dataclass
class Project:
    """One row of a plan's Part 2 table: a project, activity or measure with its budget per year."""

    dimension: int | None
    name: str
    budgets: dict[str, float | None] = field(default_factory=dict)
    kind: str | None = None  # โครงการ / กิจกรรม / มาตรการ
    mission: str | None = None
    order: int = 0
    page: int | None = None


@dataclass
class Detail:
    """A plan Part 3 section describing one project."""

    name: str
    budget: float | None = None
    responsible: str | None = None
    period: str | None = None
    page: int | None = None


@dataclass
class Indicator:
    tool: str
    number: int
    name: str
    scores: dict[str, float | None] = field(default_factory=dict)


@dataclass
class Ita:
    year: int | None
    total: float | None
    level: str | None
    indicators: list[Indicator] = field(default_factory=list)
    previous_total: float | None = None
    previous_level: str | None = None


@dataclass
class Measure:
    tool: str | None
    measure: str
    method: str | None = None
    responsible: str | None = None
    period: str | None = None
    result: str | None = None
    outcome: str | None = None
    period_start: str | None = None  # ISO date
    period_end: str | None = None
    page: int | None = None


@dataclass
class Problem:
    code: str
    message: str
    page: int | None = None


@dataclass
class Page:
    number: int  # 1-based
    method: PageMethod
    text: str
    raw: str = ""
    dictionary_share: float | None = None


@dataclass
class Document:
    file: str
    sha256: str
    doc_type: DocType = "other"
    organization: Organization = field(default_factory=Organization)
    fiscal_year: int | None = None
    period: tuple[int, int] | None = None
    projects: list[Project] = field(default_factory=list)
    ita: Ita | None = None
    measures: list[Measure] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    extractor_version: str = ""

    def to_json(self, *, with_pages: bool = False) -> dict[str, Any]:
        """The contract's JSON object; page texts only when asked (they are large)."""
        data = asdict(self)
        data["period"] = list(self.period) if self.period else None
        pages = data.pop("pages")
        data["page_count"] = len(self.pages)
        data["page_methods"] = [p.method for p in self.pages]
        if with_pages:
            data["pages"] = pages
        return data


@dataclass
class Table:
    """A table as found on one or more pages: cell texts repaired, None cells as ""."""

    page: int  # 1-based page where it starts
    rows: list[list[str]]
    pages: list[int] = field(default_factory=list)
    header: list[str] | None = None
    row_pages: list[int] = field(default_factory=list)  # the page of each row, parallel to rows


# Problem codes that mean the document contradicts itself (an "inconsistency"); the corpus gold
# lists the ones planted in each file, and a consistent file must raise none of them.
INCONSISTENCY_CODES = frozenset(
    {
        "project_count_mismatch",  # declared "จำนวน N โครงการ" vs rows found
        "subtotal_mismatch",  # a dimension subtotal row vs the sum of its projects
        "total_mismatch",  # the grand total row vs the sum of projects or subtotals
        "multiyear_total_mismatch",  # a stated multi-year total vs its yearly amounts
        "trend_mismatch",  # "เพิ่มขึ้น/ลดลง" written beside numbers that moved the other way
        "ita_total_mismatch",  # total score vs weighted indicator mean beyond tolerance
        "ita_level_mismatch",  # level vs the band its score falls in
        "part3_mismatch",  # Part 2 vs Part 3 project names or budgets
    }
)
# Codes that report on reading rather than on the document's content.
NOTICE_CODES = frozenset(
    {
        "ocr_page",  # a page was read by OCR; numbers from it are unverified
        "ocr_numbers_unverified",  # numbers read by OCR that no total could confirm
        "unreadable_page",  # neither text layer nor OCR gave usable text
        "no_tables",  # a document of a tabular kind where no table was found
        "no_projects_found",  # a plan whose project table could not be read
        "no_ita_scores",  # an ITA analysis without indicator scores read
        "no_ita_total",  # an ITA analysis without a total score read
        "ita_level_derived",  # no level stated: the level of the total by the NACC's bands
        "no_measures_found",  # an integrity-measures document where no measure was read
    }
)
