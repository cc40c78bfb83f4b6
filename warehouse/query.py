"""Query helpers for researchers: pandas DataFrames, one row per fact, each with its source.

Every fact row carries ``sha256`` (the file it was read from; ``extractor_version`` says which
extractor read it) and ``url``: of the URLs that served the file, the one of an active document
seen most recently (NULL for files loaded without a crawl). Amounts and scores are floats;
NaN means the document states none, which is not 0.

Choosing between documents that disagree (`ita_scores`)
-------------------------------------------------------
Every stated ITA total is kept with its source. For each (org_id, year_be) one row is chosen:

1. the year's own figure in an ``ita_analysis`` document (stated_as 'current'), over
2. the year's own figure in any other kind of document, over
3. a figure quoted as the previous year's by a later document (stated_as 'previous');
4. among equals, the newest source: the file first seen latest by the crawler (else loaded
   latest), then the smallest sha256 so the choice is stable.

Rows without an organization or a year are never chosen; ``all_sources=True`` returns every row
with a ``chosen`` column.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, case, func, select
from sqlalchemy.sql import Subquery

from prongsai.warehouse.models import (
    Document,
    DocumentVersion,
    Extraction,
    File,
    ItaAssessment,
    ItaIndicatorScore,
    Measure,
    Organization,
    PlanBudget,
    PlanProject,
)


def _read(
    engine: Engine, stmt: Select[*tuple[Any, ...]], numeric: tuple[str, ...] = ()
) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = pd.read_sql(stmt, conn)
    for column in numeric:
        # Decimal objects (and None) to float64 (and NaN): a float is exact enough for Baht
        # amounts below 10^13 and lets pandas sum them.
        frame[column] = pd.to_numeric(frame[column].astype(object), errors="coerce").astype(
            "float64"
        )
    return frame


def _file_sources() -> Subquery:
    """Per sha256: one URL (active first, then seen most recently) and when it was first seen."""
    ranked = (
        select(
            DocumentVersion.sha256,
            Document.url,
            func.min(DocumentVersion.first_seen)
            .over(partition_by=DocumentVersion.sha256)
            .label("first_seen"),
            func.row_number()
            .over(
                partition_by=DocumentVersion.sha256,
                order_by=(
                    case((Document.status == "active", 0), else_=1),
                    DocumentVersion.last_seen.desc(),
                    Document.id,
                ),
            )
            .label("rank"),
        )
        .join(Document, Document.id == DocumentVersion.document_id)
        .subquery()
    )
    return (
        select(ranked.c.sha256, ranked.c.url, ranked.c.first_seen)
        .where(ranked.c.rank == 1)
        .subquery("file_sources")
    )


def _with_source(stmt: Select[*tuple[Any, ...]], sources: Subquery) -> Select[*tuple[Any, ...]]:
    return stmt.outerjoin(sources, sources.c.sha256 == Extraction.sha256).outerjoin(
        Organization, Organization.org_id == Extraction.org_id
    )


def ita_scores(
    engine: Engine,
    *,
    org_id: str | None = None,
    year_be: int | None = None,
    all_sources: bool = False,
) -> pd.DataFrame:
    """ITA totals per organization and year, chosen by the rule in the module docstring."""
    sources = _file_sources()
    stmt = _with_source(
        select(
            Extraction.org_id,
            Organization.name.label("org_name"),
            ItaAssessment.year_be,
            ItaAssessment.total,
            ItaAssessment.level,
            ItaAssessment.stated_as,
            Extraction.doc_type,
            Extraction.sha256,
            sources.c.url,
            Extraction.extractor_version,
            func.coalesce(sources.c.first_seen, Extraction.loaded_at).label("source_seen"),
        ).join(Extraction, Extraction.sha256 == ItaAssessment.sha256),
        sources,
    )
    if org_id is not None:
        stmt = stmt.where(Extraction.org_id == org_id)
    if year_be is not None:
        stmt = stmt.where(ItaAssessment.year_be == year_be)
    frame = _read(engine, stmt, numeric=("total",))
    frame["source_seen"] = pd.to_datetime(frame["source_seen"], utc=True)
    frame["priority"] = [
        (0 if doc_type == "ita_analysis" else 1) if stated == "current" else 2
        for stated, doc_type in zip(frame["stated_as"], frame["doc_type"], strict=True)
    ]
    frame = frame.sort_values(
        ["priority", "source_seen", "sha256"], ascending=[True, False, True], kind="stable"
    )
    known = frame["org_id"].notna() & frame["year_be"].notna()
    first = ~frame.duplicated(["org_id", "year_be"], keep="first")
    frame["chosen"] = known & first
    if not all_sources:
        frame = frame[frame["chosen"]]
    order = ["org_id", "year_be", "priority", "source_seen"]
    frame = frame.sort_values(order, ascending=[True, True, True, False], kind="stable")
    return frame.reset_index(drop=True)


def ita_indicators(
    engine: Engine, *, org_id: str | None = None, year_be: int | None = None
) -> pd.DataFrame:
    """Indicator scores as each document states them (no choice between sources)."""
    sources = _file_sources()
    stmt = _with_source(
        select(
            Extraction.org_id,
            Organization.name.label("org_name"),
            ItaIndicatorScore.year_be,
            ItaIndicatorScore.tool,
            ItaIndicatorScore.number,
            ItaIndicatorScore.name,
            ItaIndicatorScore.score,
            Extraction.doc_type,
            Extraction.sha256,
            sources.c.url,
            Extraction.extractor_version,
        ).join(Extraction, Extraction.sha256 == ItaIndicatorScore.sha256),
        sources,
    ).order_by(
        Extraction.org_id, ItaIndicatorScore.year_be, ItaIndicatorScore.number, Extraction.sha256
    )
    if org_id is not None:
        stmt = stmt.where(Extraction.org_id == org_id)
    if year_be is not None:
        stmt = stmt.where(ItaIndicatorScore.year_be == year_be)
    return _read(engine, stmt, numeric=("score",))


def projects_budgets(
    engine: Engine,
    *,
    org_id: str | None = None,
    fiscal_year_be: int | None = None,
    sha256: str | None = None,
) -> pd.DataFrame:
    """One row per plan project and budget year (a project without any year appears once)."""
    sources = _file_sources()
    stmt = _with_source(
        select(
            Extraction.org_id,
            Organization.name.label("org_name"),
            Extraction.period_first_be,
            Extraction.period_last_be,
            PlanProject.dimension,
            PlanProject.mission,
            PlanProject.kind,
            PlanProject.name.label("project"),
            PlanProject.seq,
            PlanProject.order_no,
            PlanProject.page,
            PlanBudget.fiscal_year_be,
            PlanBudget.amount,
            Extraction.sha256,
            sources.c.url,
            Extraction.extractor_version,
        )
        .join(Extraction, Extraction.sha256 == PlanProject.sha256)
        .outerjoin(PlanBudget, PlanBudget.project_id == PlanProject.id),
        sources,
    ).order_by(Extraction.org_id, Extraction.sha256, PlanProject.seq, PlanBudget.fiscal_year_be)
    if org_id is not None:
        stmt = stmt.where(Extraction.org_id == org_id)
    if fiscal_year_be is not None:
        stmt = stmt.where(PlanBudget.fiscal_year_be == fiscal_year_be)
    if sha256 is not None:
        stmt = stmt.where(Extraction.sha256 == sha256)
    return _read(engine, stmt, numeric=("amount",))


def measures(
    engine: Engine,
    *,
    org_id: str | None = None,
    fiscal_year_be: int | None = None,
    tool: str | None = None,
) -> pd.DataFrame:
    """Integrity measures; the year is the fiscal year of the document that lists them."""
    sources = _file_sources()
    stmt = _with_source(
        select(
            Extraction.org_id,
            Organization.name.label("org_name"),
            Extraction.fiscal_year_be,
            Measure.tool,
            Measure.measure,
            Measure.method,
            Measure.responsible,
            Measure.period,
            Measure.result,
            Measure.outcome,
            Measure.period_start,
            Measure.period_end,
            Measure.page,
            Measure.seq,
            Extraction.doc_type,
            Extraction.sha256,
            sources.c.url,
            Extraction.extractor_version,
        ).join(Extraction, Extraction.sha256 == Measure.sha256),
        sources,
    ).order_by(Extraction.org_id, Extraction.fiscal_year_be, Extraction.sha256, Measure.seq)
    if org_id is not None:
        stmt = stmt.where(Extraction.org_id == org_id)
    if fiscal_year_be is not None:
        stmt = stmt.where(Extraction.fiscal_year_be == fiscal_year_be)
    if tool is not None:
        stmt = stmt.where(Measure.tool == tool)
    return _read(engine, stmt)


def documents(
    engine: Engine, *, org_id: str | None = None, status: str | None = None
) -> pd.DataFrame:
    """One row per document version (URL x sha256), with what extraction said about the file.

    ``is_current`` marks the version seen most recently at its URL; extraction columns are NaN
    for files not extracted yet.
    """
    ranked = func.row_number().over(
        partition_by=DocumentVersion.document_id,
        order_by=(DocumentVersion.last_seen.desc(), DocumentVersion.first_seen.desc()),
    )
    stmt = (
        select(
            Document.id.label("document_id"),
            Document.url,
            Document.org_id,
            Organization.name.label("org_name"),
            Document.status,
            Document.first_seen,
            Document.last_seen,
            Document.link_text,
            Document.page_url,
            Document.file_name,
            DocumentVersion.sha256,
            DocumentVersion.first_seen.label("version_first_seen"),
            DocumentVersion.last_seen.label("version_last_seen"),
            (ranked == 1).label("is_current"),
            File.size,
            Extraction.doc_type,
            Extraction.fiscal_year_be,
            Extraction.period_first_be,
            Extraction.period_last_be,
            Extraction.page_count,
            Extraction.extractor_version,
            Extraction.loaded_at,
        )
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .join(File, File.sha256 == DocumentVersion.sha256)
        .outerjoin(Extraction, Extraction.sha256 == DocumentVersion.sha256)
        .outerjoin(Organization, Organization.org_id == Document.org_id)
        .order_by(Document.url, DocumentVersion.first_seen)
    )
    if org_id is not None:
        stmt = stmt.where(Document.org_id == org_id)
    if status is not None:
        stmt = stmt.where(Document.status == status)
    frame = _read(engine, stmt)
    frame["is_current"] = frame["is_current"].astype(bool)
    return frame
