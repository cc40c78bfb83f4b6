"""Publication compliance for oversight bodies: who published which required document, and when.

Every organization must publish, for each fiscal year, four documents:

* ``anticorruption_plan`` — a plan whose period contains the year (a 2566-2570 plan covers 2568);
* ``ita_analysis`` — the analysis of its ITA results;
* ``integrity_measures`` — the integrity measures it adopts;
* ``integrity_measures_report`` — the report on carrying them out.

A document's kind and year are the extraction's; when the document does not state them (a scan
whose title OCR could not read, a file not extracted yet, a scan extracted without OCR) they
are taken from the link text or
file name the site gave it, e.g. "รายงานการวิเคราะห์ผลการประเมิน ITA พ.ศ. 2567 (ฉบับสแกน)" gives
2567, and the ``basis`` column says so.

Each (organization, year, required document) gets one status:

* ``found`` — an active document whose current version has a text layer;
* ``scan_only`` — only active documents without a text layer on any page (scans: OCR'd);
* ``gone`` — only documents the site no longer serves (``documents.status = 'gone'``);
* ``missing`` — nothing was ever found;
* ``not_crawled`` — the site was never fetched successfully, so absence proves nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, select

from prongsai.extract import classify
from prongsai.extract.numbers import to_arabic_digits
from prongsai.warehouse import query
from prongsai.warehouse.models import Fetch, Organization, Page

FISCAL_YEARS = (2566, 2567, 2568)
REQUIRED = (
    "anticorruption_plan",
    "ita_analysis",
    "integrity_measures",
    "integrity_measures_report",
)
REQUIRED_TH = {
    "anticorruption_plan": "แผนปฏิบัติการป้องกันการทุจริต",
    "ita_analysis": "รายงานการวิเคราะห์ผลการประเมิน ITA",
    "integrity_measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "integrity_measures_report": "รายงานผลการดำเนินการตามมาตรการฯ",
}
STATUSES = ("found", "scan_only", "gone", "missing", "not_crawled")
_RANGE = re.compile(r"(?<!\d)(25[4-9]\d)\s*[-–—]\s*(25[4-9]\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(25[4-9]\d)(?!\d)")
# Hex digests in file names ("d49db9a0...b2570a...") must not read as years.
_HEX_RUN = re.compile(r"[0-9a-fA-F]{16,}")


def records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def parse_period(text: str | None) -> tuple[int, int] | None:
    """A plan period written in a link text or file name.

    >>> parse_period("แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ๒๕๖๖ - ๒๕๗๐")
    (2566, 2570)
    """
    if not text:
        return None
    m = _RANGE.search(_HEX_RUN.sub(" ", to_arabic_digits(text)))
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    return (first, last) if first <= last else None


def parse_year(text: str | None) -> int | None:
    """The fiscal year a link text or file name names (the last BE year in it).

    >>> parse_year("O36-รายงานการวิเคราะห์ผลการประเมิน-ITA-2568.pdf")
    2568
    >>> parse_year("d49db9a022fbc783b2570a42785f8430.pdf") is None
    True
    """
    if not text:
        return None
    years = _YEAR.findall(_HEX_RUN.sub(" ", to_arabic_digits(text)))
    return int(years[-1]) if years else None


def documents(engine: Engine) -> pd.DataFrame:
    """The current version of every harvested document, with its kind, year, period and scan flag.

    Columns: org_id, document_id, url, status, first_seen, last_seen, sha256, doc_type,
    fiscal_year_be, period_first_be, period_last_be, scan, basis ('document' or 'link').
    """
    frame = query.documents(engine)
    frame = frame[frame["is_current"]].copy()
    scans = _scan_shas(engine)
    frame["scan"] = frame["sha256"].isin(scans)
    rows = [_classified(row) for row in records_of(frame)]
    return pd.DataFrame(rows, columns=_DOC_COLUMNS)


_DOC_COLUMNS = [
    "org_id",
    "document_id",
    "url",
    "status",
    "first_seen",
    "last_seen",
    "sha256",
    "doc_type",
    "fiscal_year_be",
    "period_first_be",
    "period_last_be",
    "scan",
    "basis",
]


def _scan_shas(engine: Engine) -> set[str]:
    # A scan has no text layer on any page: every page was OCR'd (or, with OCR off, is empty).
    ocr = func.sum(case((Page.method.in_(("ocr", "empty")), 1), else_=0))
    stmt = select(Page.sha256).group_by(Page.sha256).having(ocr == func.count(), func.count() > 0)
    with engine.connect() as conn:
        return set(conn.scalars(stmt))


def _known(value: Any) -> bool:
    return value is not None and not pd.isna(value)


def _classified(row: dict[str, Any]) -> dict[str, Any]:
    texts = [str(row[k]) for k in ("link_text", "file_name") if _known(row.get(k))]
    link = " ".join(texts)
    doc_type = row["doc_type"] if _known(row["doc_type"]) else None
    basis = "document"
    # A scan read without OCR has no text to classify: "other" then says nothing.
    if doc_type is None or (doc_type == "other" and row["scan"]):
        doc_type, basis = classify.classify(link), "link"
    year = int(row["fiscal_year_be"]) if _known(row["fiscal_year_be"]) else None
    first = int(row["period_first_be"]) if _known(row["period_first_be"]) else None
    last = int(row["period_last_be"]) if _known(row["period_last_be"]) else None
    if doc_type == "anticorruption_plan" and first is None:
        period = next((p for p in map(parse_period, texts) if p is not None), None)
        if period is not None:
            (first, last), basis = period, "link"
    elif doc_type in REQUIRED[1:] and year is None:
        year = next((y for y in map(parse_year, texts) if y is not None), None)
        if year is not None:
            basis = "link"
    return {
        "org_id": row["org_id"],
        "document_id": row["document_id"],
        "url": row["url"],
        "status": row["status"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "sha256": row["sha256"],
        "doc_type": doc_type,
        "fiscal_year_be": year,
        "period_first_be": first,
        "period_last_be": last,
        "scan": bool(row["scan"]),
        "basis": basis,
    }


def organizations(engine: Engine) -> pd.DataFrame:
    """Organizations with their website and last successful fetch (HTTP 200 or 304)."""
    last_ok = (
        select(Fetch.org_id, func.max(Fetch.fetched_at).label("last_success"))
        .where(Fetch.status.in_((200, 304)))
        .group_by(Fetch.org_id)
        .subquery()
    )
    stmt = (
        select(
            Organization.org_id,
            Organization.name,
            Organization.type,
            Organization.district,
            Organization.province,
            Organization.website,
            last_ok.c.last_success,
        )
        .outerjoin(last_ok, last_ok.c.org_id == Organization.org_id)
        .order_by(Organization.org_id)
    )
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    columns = ["org_id", "name", "type", "district", "province", "website", "last_success"]
    return pd.DataFrame(rows, columns=columns)


def _covers(doc: dict[str, Any], required: str, year: int) -> bool:
    if doc["doc_type"] != required:
        return False
    if required == "anticorruption_plan":
        first, last = doc["period_first_be"], doc["period_last_be"]
        return _known(first) and _known(last) and int(first) <= year <= int(last)
    return _known(doc["fiscal_year_be"]) and int(doc["fiscal_year_be"]) == year


def compliance_matrix(
    orgs: pd.DataFrame, docs: pd.DataFrame, years: Sequence[int] = FISCAL_YEARS
) -> pd.DataFrame:
    """One row per (organization, fiscal year, required document) with its status.

    The evidence is the best matching document (found over scan_only over gone; among equals the
    one first seen earliest): its URL, sha256 and when it was first seen.
    """
    by_org: dict[str, list[dict[str, Any]]] = {}
    for doc in records_of(docs):
        by_org.setdefault(str(doc["org_id"]), []).append(doc)
    rank = {"found": 0, "scan_only": 1, "gone": 2}
    rows = []
    for org in records_of(orgs):
        crawled = _known(org["last_success"])
        mine = by_org.get(str(org["org_id"]), [])
        for year in years:
            for required in REQUIRED:
                hits = []
                for doc in mine:
                    if _covers(doc, required, year):
                        status = (
                            "gone"
                            if doc["status"] == "gone"
                            else ("scan_only" if doc["scan"] else "found")
                        )
                        hits.append((rank[status], doc["first_seen"], status, doc))
                best = min(hits, key=lambda h: (h[0], h[1])) if hits else None
                if best is not None:
                    status, doc = best[2], best[3]
                else:
                    status, doc = ("missing" if crawled else "not_crawled"), {}
                doc = dict(doc)
                rows.append(
                    {
                        "org_id": org["org_id"],
                        "name": org["name"],
                        "type": org["type"],
                        "province": org["province"],
                        "fiscal_year_be": year,
                        "required": required,
                        "required_th": REQUIRED_TH[required],
                        "status": status,
                        "first_seen": doc.get("first_seen"),
                        "url": doc.get("url"),
                        "sha256": doc.get("sha256"),
                        "basis": doc.get("basis"),
                        "documents": len(hits),
                    }
                )
    return pd.DataFrame(rows, columns=_MATRIX_COLUMNS)


_MATRIX_COLUMNS = [
    "org_id",
    "name",
    "type",
    "province",
    "fiscal_year_be",
    "required",
    "required_th",
    "status",
    "first_seen",
    "url",
    "sha256",
    "basis",
    "documents",
]


def summary(matrix: pd.DataFrame, by: str) -> pd.DataFrame:
    """Counts of each status per `by` ('province' or 'type') and year, and the share found.

    ``found_share`` counts scans as published (they are, if not machine-readable).
    """
    if matrix.empty:
        return pd.DataFrame(columns=[by, "fiscal_year_be", "organizations", *STATUSES])
    table = (
        matrix.pivot_table(
            index=[by, "fiscal_year_be"],
            columns="status",
            values="org_id",
            aggfunc="count",
            fill_value=0,
            dropna=False,
        )
        .reindex(columns=list(STATUSES), fill_value=0)
        .reset_index()
    )
    orgs = matrix.groupby([by, "fiscal_year_be"], dropna=False)["org_id"].nunique()
    table = table.merge(orgs.rename("organizations").reset_index(), on=[by, "fiscal_year_be"])
    required = table[list(STATUSES)].sum(axis=1) - table["not_crawled"]
    published = table["found"] + table["scan_only"]
    table["found_share"] = (published / required.where(required > 0)).round(3)
    table.columns.name = None
    return table[[by, "fiscal_year_be", "organizations", *STATUSES, "found_share"]]


def changes(
    docs: pd.DataFrame, versions: pd.DataFrame, since: datetime, before: datetime | None = None
) -> pd.DataFrame:
    """What the harvest that started at `since` found different from the one before it.

    * ``new`` — a document (URL) first seen at or after `since`;
    * ``changed`` — new bytes at a URL known before `since`;
    * ``removed`` — a document now gone that was last seen before `since` (and, when `before`
      is the start of the previous harvest, at or after it: removed by the latest harvest).

    `versions` is `prongsai.warehouse.query.documents` (one row per version).
    """
    rows: list[dict[str, Any]] = []
    for doc in records_of(docs):
        base = {
            "org_id": doc["org_id"],
            "url": doc["url"],
            "doc_type": doc["doc_type"],
            "fiscal_year_be": doc["fiscal_year_be"],
        }
        if doc["first_seen"] >= since:
            rows.append({**base, "change": "new", "at": doc["first_seen"], "sha256": doc["sha256"]})
        elif (
            doc["status"] == "gone"
            and doc["last_seen"] < since
            and (before is None or doc["last_seen"] >= before)
        ):
            rows.append(
                {**base, "change": "removed", "at": doc["last_seen"], "sha256": doc["sha256"]}
            )
    known = {d["document_id"]: d for d in records_of(docs)}
    for v in records_of(versions):
        seen = known.get(v["document_id"])
        if seen is None or seen["first_seen"] >= since or v["version_first_seen"] < since:
            continue
        doc = seen
        rows.append(
            {
                "org_id": doc["org_id"],
                "url": doc["url"],
                "doc_type": doc["doc_type"],
                "fiscal_year_be": doc["fiscal_year_be"],
                "change": "changed",
                "at": v["version_first_seen"],
                "sha256": v["sha256"],
            }
        )
    columns = ["org_id", "change", "url", "doc_type", "fiscal_year_be", "at", "sha256"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["org_id", "change", "url"], kind="stable").reset_index(drop=True)


def action_list(matrix: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """One row per organization with something to fix: what, its website, last good crawl."""
    todo = matrix[matrix["status"].isin(["missing", "gone", "scan_only"])]
    rows = []
    sites = {str(r["org_id"]): r for r in records_of(orgs)}
    # One pass over the open items, in the matrix's order (pandas filtering per organization and
    # status took 13% of the compliance tables at 1,000 organizations).
    open_items: dict[Any, dict[str, list[str]]] = {}
    for r in records_of(todo):
        by_status = open_items.setdefault(r["org_id"], {"missing": [], "gone": [], "scan_only": []})
        by_status[r["status"]].append(f"{r['required_th']} {r['fiscal_year_be']}")
    for org_id in sorted(open_items):
        org = sites[str(org_id)]
        items = {status: "; ".join(found) for status, found in open_items[org_id].items()}
        group = [x for found in open_items[org_id].values() for x in found]
        rows.append(
            {
                "org_id": org_id,
                "name": org["name"],
                "type": org["type"],
                "province": org["province"],
                "website": org["website"],
                "last_success": org["last_success"],
                "missing": items["missing"] or None,
                "gone": items["gone"] or None,
                "scan_only": items["scan_only"] or None,
                "open_items": len(group),
            }
        )
    columns = ["org_id", "name", "type", "province", "website", "last_success", "missing",
               "gone", "scan_only", "open_items"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["open_items", "org_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def harvest_times(
    engine: Engine, gap: timedelta = timedelta(minutes=30)
) -> tuple[datetime | None, datetime | None]:
    """Start of the latest harvest and of the one before, from the fetch log.

    A harvest is a run of fetches with no pause longer than `gap` (a nightly crawl of thousands
    of sites never idles for half an hour; two nights are a day apart).
    """
    with engine.connect() as conn:
        times = sorted(conn.scalars(select(Fetch.fetched_at).distinct()))
    if not times:
        return None, None
    starts = [times[0]] + [b for a, b in itertools.pairwise(times) if b - a > gap]
    return starts[-1], (starts[-2] if len(starts) > 1 else None)


def compliance_tables(
    engine: Engine,
    *,
    years: Sequence[int] = FISCAL_YEARS,
    since: datetime | None = None,
    before: datetime | None = None,
) -> dict[str, pd.DataFrame]:
    """Every compliance output, by table name (the file stem each is written under)."""
    orgs = organizations(engine)
    docs = documents(engine)
    matrix = compliance_matrix(orgs, docs, years)
    tables = {
        "compliance_matrix": matrix,
        "compliance_by_province": summary(matrix, "province"),
        "compliance_by_type": summary(matrix, "type"),
        "action_list": action_list(matrix, orgs),
        "documents": docs,
    }
    if since is not None:
        tables["changes"] = changes(docs, query.documents(engine), since, before)
    return tables
