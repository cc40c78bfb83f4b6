"""What every generated document shares: organization, producer, font, digits, and the gold frame."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prongsai.sample.corpus_build.randomized.axes import FONTS, Draw
from prongsai.sample.corpus_build.randomized.doc import Document
from prongsai.sample.corpus_build.randomized.orgs import Org, orgs_by_type
from prongsai.sample.corpus_build.text import digits as to_digits

_KIND_SHORT = {
    "anticorruption_plan": "plan",
    "ita_analysis": "ita",
    "integrity_measures": "measures",
    "integrity_measures_report": "report",
    "other": "other",
}
_PRODUCER_SHORT = {
    "docx_libreoffice": "docx",
    "xlsx_libreoffice": "xlsx",
    "fpdf2": "fpdf",
    "oldword_pua": "pua",
    "scan": "scan",
}


@dataclass
class Context:
    d: Draw
    kind: str
    org: Org
    producer: str  # what draws the pages: docx_libreoffice | xlsx_libreoffice | fpdf2
    post: str  # none | pua | scan
    font: str
    digits: str
    landscape: bool
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)

    def t(self, text: str) -> str:
        """Running text and labels in the document's digits."""
        return to_digits(text, "thai") if self.digits in ("thai", "mixed") else text

    def n(self, text: str) -> str:
        """Amounts and scores: "mixed" documents print them in Arabic digits, the rest in Thai."""
        return to_digits(text, "thai") if self.digits == "thai" else text

    @property
    def stem(self) -> str:
        producer = self.d.axes["producer"]
        return f"r{self.d.seed:06d}_{_KIND_SHORT[self.kind]}_{_PRODUCER_SHORT[producer]}"

    def place_line(self) -> str:
        """อำเภอX จังหวัดY in one of the ways title pages write it."""
        o = self.org
        return self.d.choice(
            [f"อำเภอ{o.district} จังหวัด{o.province}", f"อ.{o.district} จ.{o.province}"]
        )


def start(d: Draw, kind: str, *, landscape_p: float, tabular: bool = True) -> Context:
    """Draw the axes every document has; `landscape_p` is this kind's share of landscape pages."""
    org_type = d.pick("org_type", {"อบต.": 5, "ทต.": 3, "ทม.": 1, "ทน.": 0.5, "อบจ.": 1})
    org = d.choice(orgs_by_type()[org_type])
    weights = {"docx_libreoffice": 3.5, "fpdf2": 3.0, "oldword_pua": 1.0, "scan": 1.0}
    if tabular:
        weights["xlsx_libreoffice"] = 1.5
    producer = d.pick("producer", weights)
    post = "none"
    if producer == "scan":
        producer = d.pick("scan_source", {"docx_libreoffice": 1, "fpdf2": 1})
        d.axes["producer"] = "scan"
        d.fix("scan_dpi", d.choice(["200", "200", "300"]))
        post = "scan"
    else:
        d.fix("scan_source", "none")
        d.fix("scan_dpi", "none")
        if producer == "oldword_pua":
            producer, post = "fpdf2", "pua"
    font = d.pick("font", dict.fromkeys(FONTS, 1.0))
    digits = d.pick("digits", {"arabic": 5, "thai": 3, "mixed": 1.5})
    landscape = d.pick("orientation", {"landscape": landscape_p, "portrait": 1 - landscape_p})
    ctx = Context(d, kind, org, producer, post, font, digits, landscape == "landscape")
    if digits == "thai":
        ctx.defects.append("thai_digits")
    elif digits == "mixed":
        ctx.defects.append("mixed_digits")
    if post == "pua":
        ctx.defects.append("pua_tone_marks")
    if post == "scan":
        ctx.defects.append("scan")
    return ctx


@dataclass
class Built:
    """One generated document: what to draw, how, and its gold."""

    stem: str
    doc: Document
    producer: str
    post: str
    gold: dict[str, Any]


def gold_frame(ctx: Context) -> dict[str, Any]:
    return {
        "file": f"{ctx.stem}.pdf",
        "doc_type": ctx.kind,
        "organization": ctx.org.gold(),
        "fiscal_year": None,
        "period": None,
        "projects": [],
        "details": [],
        "ita": None,
        "measures": [],
        "planted_problems": [],
        "defects": [],
        "render": ctx.d.axes["producer"],
        "scan": ctx.post == "scan",
        "generator": "randomized",
        "seed": ctx.d.seed,
        "axes": {},
    }


def finish(ctx: Context, doc: Document, gold: dict[str, Any]) -> Built:
    if not ctx.planted:
        ctx.d.fix("planted", "none")
    else:
        ctx.d.fix("planted", ctx.planted[0])
    gold["planted_problems"] = sorted(set(ctx.planted))
    gold["defects"] = sorted(set(ctx.defects))
    gold["axes"] = dict(sorted(ctx.d.axes.items()))
    return Built(ctx.stem, doc, ctx.producer, ctx.post, gold)


def money(amount: float, form: str) -> str:
    """200000.0 as "200,000.00" (comma_00), "200,000" (comma) or "200000" (plain)."""
    if form == "comma_00":
        return f"{amount:,.2f}"
    if form == "comma":
        return f"{amount:,.0f}"
    return f"{amount:.0f}"
