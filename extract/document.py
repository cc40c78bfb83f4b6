"""One PDF's bytes in, one `Document` out: text, tables, kind, organization and facts.

Pure: no network, DB or clock. Bad input raises `PdfError` (from pdftext) with a reason; the
callers in flows/ run this under a time and memory limit and record the failure.
"""

from __future__ import annotations

import hashlib

from prongsai.extract import classify, ita, measures, ocr_tables, org, pdftext, plan, tables
from prongsai.extract.records import Document, Page, Problem, Table

EXTRACTOR_VERSION = "0.1.0"
# Pages whose text decides the kind and the organization: titles sit on the first pages.
_HEAD_PAGES = 3


def extract_document(
    data: bytes,
    file: str = "",
    *,
    registry: org.Registry | None = None,
    ocr: bool = True,
    ocr_workers: int | None = None,
) -> Document:
    """Extract the facts of one PDF (an anti-corruption plan, ITA analysis, measures or report)."""
    doc = Document(
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        extractor_version=EXTRACTOR_VERSION,
    )
    collect = tables.TableCollector()
    doc.pages = pdftext.read_pages(data, ocr=ocr, ocr_workers=ocr_workers, on_text_page=collect)
    found: list[Table] = collect.tables(pages={p.number for p in doc.pages if p.method == "text"})
    ocr_pages = [p.number for p in doc.pages if p.method == "ocr" and _has_table_header(p.text)]
    if ocr_pages:
        # Scans: tables rebuilt from the ruling lines in the page image, read cell by cell.
        found = sorted(found + ocr_tables.ocr_tables(data, ocr_pages), key=lambda t: t.page)
    doc.problems.extend(_reading_problems(doc.pages))

    head = "\n".join(p.text for p in doc.pages[:_HEAD_PAGES])
    full = "\n".join(p.text for p in doc.pages)
    doc.doc_type = classify.classify(head if head.strip() else full)
    doc.organization = org.parse_organization(full, registry)
    doc.fiscal_year = classify.fiscal_year(head, doc.doc_type)

    if doc.doc_type == "anticorruption_plan":
        facts = plan.extract_plan(doc.pages, found)
        doc.period = facts.period
        doc.projects, doc.details = facts.projects, facts.details
        doc.problems.extend(facts.problems)
    if doc.doc_type in ("ita_analysis", "integrity_measures", "integrity_measures_report"):
        if doc.doc_type == "ita_analysis":
            scores = ita.extract_ita(doc.pages, found)
            doc.ita = scores.ita
            doc.problems.extend(scores.problems)
        acts = measures.extract_measures(doc.pages, found, doc.doc_type)
        doc.measures = acts.measures
        doc.problems.extend(acts.problems)
    return doc


# Header words of the tables only cell-by-cell reading recovers from a scan (measures, plan
# projects); the ITA score table reads well enough line by line from the page OCR.
_TABLE_HEADER_WORDS = ("วิธีดำเนินการ", "ผู้รับผิดชอบ", "ภารกิจ", "งบประมาณ(บาท)", "มาตรการ/แนวทาง")


def _has_table_header(text: str) -> bool:
    squashed = "".join(text.split())
    return any(word in squashed for word in _TABLE_HEADER_WORDS)


def _reading_problems(pages: list[Page]) -> list[Problem]:
    out = [
        Problem("ocr_page", "page read by OCR: numbers on it are unverified", p.number)
        for p in pages
        if p.method == "ocr"
    ]
    out += [
        Problem("unreadable_page", "no usable text layer and no OCR text", p.number)
        for p in pages
        if p.method == "empty"
    ]
    return out
