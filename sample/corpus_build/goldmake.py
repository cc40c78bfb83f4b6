"""Gold JSON from a document definition: the same objects the renderers draw."""

from __future__ import annotations

import re
from typing import Any

from prongsai.sample.corpus_build.model import (
    PLAN_YEARS,
    Announcement,
    Doc,
    ItaReport,
    Measures,
    Org,
    Plan,
)
from prongsai.sample.corpus_build.text import level_of


def cell_text(paragraphs: list[str]) -> str | None:
    """Paragraphs joined by single spaces, whitespace collapsed; None when empty."""
    text = re.sub(r"\s+", " ", " ".join(paragraphs)).strip()
    return text or None


def weighted_total(r: ItaReport, year: str) -> float:
    """0.3 x mean(IIT 1-5) + 0.3 x mean(EIT 6-8) + 0.4 x mean(OIT 9-10), to 2 places."""

    def mean(tool: str) -> float:
        xs = [
            i.previous if year == "previous" else i.current for i in r.indicators if i.tool == tool
        ]
        return sum(xs) / len(xs)

    return round(0.3 * mean("IIT") + 0.3 * mean("EIT") + 0.4 * mean("OIT"), 2)


def printed_ita(r: ItaReport) -> tuple[float, str, float, str]:
    """(total, level, previous total, previous level) as the report prints them."""
    total = round(weighted_total(r, "current") + r.total_error, 2)
    prev = weighted_total(r, "previous")
    return total, r.level or level_of(total), prev, level_of(prev)


def _plan(plan: Plan) -> dict[str, Any]:
    from prongsai.sample.corpus_build.plan import amount, yearly

    return {
        "projects": [
            {
                "dimension": p.dimension,
                "name": p.name,
                "kind": p.kind,
                "mission": p.mission,
                "budgets": {str(y): amount(b) for y, b in zip(PLAN_YEARS, p.budgets, strict=True)},
            }
            for p in plan.projects
        ],
        "details": [
            {
                "name": p.detail_name or p.name,
                "budget": p.detail_budget if p.detail_budget is not None else yearly(p),
                "responsible": p.responsible,
                "period": "ปีงบประมาณ พ.ศ. 2566 - 2570",
            }
            for p in plan.projects
        ],
    }


def _ita(r: ItaReport) -> dict[str, Any]:
    total, level, prev, prev_level = printed_ita(r)
    return {
        "year": r.year,
        "total": total,
        "level": level,
        "previous_total": prev,
        "previous_level": prev_level,
        "indicators": [
            {
                "tool": i.tool,
                "number": i.number,
                "name": i.name,
                "scores": {str(r.year - 1): i.previous, str(r.year): i.current},
            }
            for i in r.indicators
        ],
    }


def _measures(m: Measures) -> list[dict[str, Any]]:
    return [
        {
            "tool": row.tool,
            "measure": cell_text(row.measure),
            "method": cell_text(row.method),
            "responsible": cell_text([row.responsible]),
            "period": cell_text([row.period]),
            "result": cell_text(row.result) if m.report else None,
            "outcome": cell_text(row.outcome) if m.report else None,
        }
        for row in m.rows
    ]


def gold(doc: Doc, org: Org, defects: list[str]) -> dict[str, Any]:
    """The gold facts of one corpus PDF (see sample/gold.py for how they are scored)."""
    render = getattr(doc, "render", "fpdf2")
    scan = bool(getattr(doc, "scan", False))
    out: dict[str, Any] = {
        "file": f"{doc.stem}.pdf",
        "doc_type": doc.doc_type,
        "organization": org.gold(),
        "fiscal_year": None,
        "period": None,
        "projects": [],
        "details": [],
        "ita": None,
        "measures": [],
        "planted_problems": sorted(doc.planted),
        "defects": sorted(defects),
        "render": "scan" if scan else render,
        "scan": scan,
    }
    if isinstance(doc, Plan):
        out["period"] = [PLAN_YEARS[0], PLAN_YEARS[-1]]
        out.update(_plan(doc))
    elif isinstance(doc, ItaReport):
        out["fiscal_year"] = doc.year
        out["ita"] = _ita(doc)
    elif isinstance(doc, Measures):
        out["fiscal_year"] = doc.year
        out["measures"] = _measures(doc)
    elif isinstance(doc, Announcement):
        pass
    return out
