"""Render every corpus definition to NAME.pdf + NAME.gold.json and write the README table."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from prongsai.sample.corpus_build import documents, goldmake, render_fpdf, textlayer
from prongsai.sample.corpus_build.layout import Layout
from prongsai.sample.corpus_build.model import Doc, Org, Plan, featured_orgs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def layout_of(doc: Doc, org: Org) -> Layout:
    from prongsai.sample.corpus_build import ita, measures, other, plan

    if isinstance(doc, Plan):
        # hand wrapping needs widths measured with the font fpdf2 will draw
        measure = render_fpdf.measurer(doc.font, 11).get_string_width
        return plan.layout(doc, org, measure if doc.render == "fpdf2" else None)
    if doc.doc_type == "ita_analysis":
        return ita.layout(doc, org)  # type: ignore[arg-type]
    if doc.doc_type == "other":
        return other.layout(doc, org)  # type: ignore[arg-type]
    return measures.layout(doc, org)  # type: ignore[arg-type]


def render(doc: Doc, org: Org, workdir: Path) -> bytes:
    lay = layout_of(doc, org)
    if doc.render == "docx-libreoffice":
        from prongsai.sample.corpus_build import render_docx

        data = render_docx.render(lay, workdir / doc.stem)
    else:
        data = render_fpdf.render(lay)
    pua = "pua_tone_marks" in doc.defects
    lose_am = "lost_sara_am" in doc.defects
    if pua or lose_am:
        data = textlayer.degrade(data, pua=pua, lose_am=lose_am)
    if getattr(doc, "scan", False):
        from prongsai.sample.corpus_build import scan

        data = scan.rasterize(data, workdir / doc.stem, seed=len(doc.stem))
    return data


def build(out: Path = CORPUS, only: str | None = None) -> list[dict[str, object]]:
    """Write the corpus into `out`; returns the gold objects."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(prefix="corpus_build_")
    work = Path(tmp.name)
    orgs = featured_orgs()
    golds = []
    for make in documents.ALL:
        doc = make()
        if only and only not in doc.stem:
            continue
        org = orgs[doc.org]
        data = render(doc, org, work)
        (out / f"{doc.stem}.pdf").write_bytes(data)
        defects = list(doc.defects) + (["scan"] if getattr(doc, "scan", False) else [])
        gold = goldmake.gold(doc, org, defects)
        text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (out / f"{doc.stem}.gold.json").write_text(text, encoding="utf-8")
        golds.append(gold)
        print(f"{doc.stem}.pdf  {len(data) // 1024} KB")
    tmp.cleanup()
    return golds
