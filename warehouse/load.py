"""Idempotent loaders: extraction records into fact tables, crawl results into the crawl tables.

`load_extraction` keeps one extraction per file (sha256):

* the same record with the same extractor version and organization changes nothing;
* a newer extractor version (or a different record from the same version) replaces every fact of
  that sha256 inside one SAVEPOINT, so an exception half-way leaves the previous facts as they
  were, whatever the caller then does with its transaction;
* an older extractor version than the one loaded is not loaded (status ``kept_newer``).

Facts from different files never replace each other: when two documents state different values
(an ITA score in the analysis and in a later report), both stay with their sha256, and
`prongsai.warehouse.query` documents which one a query picks.

Versions compare as dotted numbers ("0.10" > "0.9"). Nothing here commits: the caller owns the
transaction (see `prongsai.warehouse.db.session_scope`).

Values a database column cannot hold are not guessed at: the fact keeps NULL (or the row is
skipped when its key is unusable) and a ``load_*`` problem is stored beside the extractor's own
problems, naming the page.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from prongsai.extract import records
from prongsai.extract.numbers import to_arabic_digits
from prongsai.warehouse.models import (
    FACT_TABLES,
    Document,
    DocumentVersion,
    Extraction,
    ExtractionProblem,
    ExtractionRun,
    Fetch,
    File,
    ItaAssessment,
    ItaIndicatorScore,
    Measure,
    OrgAlias,
    Organization,
    Page,
    PlanBudget,
    PlanDetail,
    PlanProject,
)

LoadStatus = Literal["inserted", "replaced", "unchanged", "kept_newer"]
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CENT = Decimal("0.01")
# Numeric(18, 2) holds 16 digits before the point.
_MAX_AMOUNT = Decimal(10) ** 16
_MAX_SCORE = Decimal(10) ** 4
_ALIAS_MAX = 255


@dataclass(frozen=True)
class LoadResult:
    sha256: str
    status: LoadStatus
    extractor_version: str  # the version whose facts are stored after the call
    org_id: str | None
    counts: dict[str, int] = field(default_factory=dict)  # rows written per table


def load_extraction(
    session: Session,
    doc: records.Document,
    *,
    extractor_version: str,
    org_id: str | None = None,
    now: datetime,
) -> LoadResult:
    """Store `doc`'s facts under its sha256, replacing those of an older extraction.

    `org_id` attributes the facts; without it the organization is resolved from the document's
    stated DLA code, then the one organization whose website served the file, then an exact
    alias match (e.g. องค์การบริหารส่วนตำบลเขาทอง seen before); else it stays NULL.
    """
    sha = _check_sha256(doc.sha256)
    resolved = _resolve_org(session, doc, org_id)
    digest = _digest(doc, extractor_version)
    current = session.get(Extraction, sha)
    if current is not None:
        same = current.extractor_version == extractor_version and current.digest == digest
        if same and current.org_id == resolved:
            return LoadResult(sha, "unchanged", extractor_version, resolved)
        if _version_key(extractor_version) < _version_key(current.extractor_version):
            return LoadResult(sha, "kept_newer", current.extractor_version, current.org_id)

    replacing = current is not None
    with session.begin_nested():
        _ensure_file(session, sha, path=doc.file)
        if current is None:
            current = Extraction(sha256=sha)
            session.add(current)
        else:
            for table in FACT_TABLES:
                if table.name == "plan_budgets":
                    projects = select(PlanProject.id).where(PlanProject.sha256 == sha)
                    session.execute(delete(PlanBudget).where(PlanBudget.project_id.in_(projects)))
                else:
                    session.execute(delete(table).where(table.c.sha256 == sha))
        _fill_extraction(current, doc, extractor_version, digest, resolved, now)
        session.flush()
        counts = _Facts(session, sha).write(doc)
        if resolved is not None:
            _add_alias(session, resolved, doc.organization.name, sha)
    status: LoadStatus = "replaced" if replacing else "inserted"
    return LoadResult(sha, status, extractor_version, resolved, counts)


def _fill_extraction(
    row: Extraction,
    doc: records.Document,
    extractor_version: str,
    digest: str,
    org_id: str | None,
    now: datetime,
) -> None:
    stated = doc.organization
    row.extractor_version = extractor_version
    row.digest = digest
    row.loaded_at = now
    row.doc_type = doc.doc_type
    row.fiscal_year_be = doc.fiscal_year
    row.period_first_be, row.period_last_be = doc.period if doc.period else (None, None)
    row.page_count = len(doc.pages)
    row.file_name = doc.file or None
    row.org_id = org_id
    row.stated_name = stated.name
    row.stated_type = stated.type
    row.stated_district = stated.district
    row.stated_province = stated.province
    row.stated_dla_code = stated.dla_code


class _Facts:
    """Writes one record's fact rows, collecting ``load_*`` problems for values it cannot store."""

    def __init__(self, session: Session, sha: str) -> None:
        self.session = session
        self.sha = sha
        self.problems: list[records.Problem] = []
        self.budget_count = 0

    def write(self, doc: records.Document) -> dict[str, int]:
        counts = {
            "pages": self._pages(doc.pages),
            "plan_projects": self._projects(doc.projects),
            "plan_details": self._details(doc.details),
            "measures": self._measures(doc.measures),
        }
        counts.update(self._ita(doc.ita, doc.fiscal_year))
        counts["plan_budgets"] = self.budget_count
        counts["extraction_problems"] = self._insert(
            ExtractionProblem,
            [
                {"seq": i, "code": p.code, "message": p.message, "page": p.page}
                for i, p in enumerate([*doc.problems, *self.problems])
            ],
        )
        return counts

    def _insert(self, model: type[Any], rows: list[dict[str, Any]]) -> int:
        if rows:
            self.session.execute(insert(model), [{"sha256": self.sha, **r} for r in rows])
        return len(rows)

    def _problem(self, code: str, message: str, page: int | None) -> None:
        self.problems.append(records.Problem(code, f"{message} (file {self.sha})", page))

    def _pages(self, pages: list[records.Page]) -> int:
        rows: dict[int, dict[str, Any]] = {}
        for p in pages:
            if p.number in rows:
                self._problem(
                    "load_duplicate", f"page {p.number} given twice; kept the first", p.number
                )
                continue
            rows[p.number] = {
                "number": p.number,
                "method": p.method,
                "text": p.text,
                "dictionary_share": _finite(p.dictionary_share),
            }
        return self._insert(Page, list(rows.values()))

    def _projects(self, projects: list[records.Project]) -> int:
        if not projects:
            return 0
        rows = [
            {
                "sha256": self.sha,
                "seq": seq,
                "order_no": p.order,
                "dimension": p.dimension,
                "mission": p.mission,
                "kind": p.kind,
                "name": p.name,
                "page": p.page,
            }
            for seq, p in enumerate(projects)
        ]
        # One multi-row INSERT .. RETURNING on both backends, ids in the order of `rows`.
        ids = self.session.scalars(
            insert(PlanProject).returning(PlanProject.id, sort_by_parameter_order=True), rows
        ).all()
        budgets = []
        for project_id, p in zip(ids, projects, strict=True):
            for key, amount in p.budgets.items():
                year = self._year(key, f"budget of project {p.name!r}", p.page)
                if year is not None:
                    value = self._amount(amount, f"budget {key} of project {p.name!r}", p.page)
                    budgets.append(
                        {"project_id": project_id, "fiscal_year_be": year, "amount": value}
                    )
        if budgets:
            self.session.execute(insert(PlanBudget), budgets)
        self.budget_count = len(budgets)
        return len(rows)

    def _details(self, details: list[records.Detail]) -> int:
        rows = [
            {
                "seq": seq,
                "name": d.name,
                "budget": self._amount(d.budget, f"budget of detail {d.name!r}", d.page),
                "responsible": d.responsible,
                "period": d.period,
                "page": d.page,
            }
            for seq, d in enumerate(details)
        ]
        return self._insert(PlanDetail, rows)

    def _measures(self, measures: list[records.Measure]) -> int:
        rows = [
            {
                "seq": seq,
                "tool": m.tool,
                "measure": m.measure,
                "method": m.method,
                "responsible": m.responsible,
                "period": m.period,
                "result": m.result,
                "outcome": m.outcome,
                "period_start": self._date(m.period_start, m.page),
                "period_end": self._date(m.period_end, m.page),
                "page": m.page,
            }
            for seq, m in enumerate(measures)
        ]
        return self._insert(Measure, rows)

    def _ita(self, ita: records.Ita | None, fiscal_year: int | None) -> dict[str, int]:
        if ita is None:
            return {"ita_assessments": 0, "ita_indicator_scores": 0}
        # An ITA analysis titled "ประจำปี 2566" without a separate assessment year is that year's.
        year = ita.year if ita.year is not None else fiscal_year
        assessments = [
            {
                "stated_as": "current",
                "year_be": year,
                "total": self._score(ita.total, "ITA total", None),
                "level": ita.level,
            }
        ]
        if ita.previous_total is not None or ita.previous_level is not None:
            assessments.append(
                {
                    "stated_as": "previous",
                    "year_be": year - 1 if year is not None else None,
                    "total": self._score(ita.previous_total, "previous ITA total", None),
                    "level": ita.previous_level,
                }
            )
        scores: dict[tuple[str, int, int], dict[str, Any]] = {}
        for ind in ita.indicators:
            for key, score in ind.scores.items():
                what = f"{ind.tool} indicator {ind.number}"
                year_be = self._year(key, what, None)
                if year_be is None:
                    continue
                if (ind.tool, ind.number, year_be) in scores:
                    self._problem("load_duplicate", f"{what} {year_be} given twice", None)
                    continue
                scores[(ind.tool, ind.number, year_be)] = {
                    "tool": ind.tool,
                    "number": ind.number,
                    "name": ind.name,
                    "year_be": year_be,
                    "score": self._score(score, f"{what} {year_be}", None),
                }
        return {
            "ita_assessments": self._insert(ItaAssessment, assessments),
            "ita_indicator_scores": self._insert(ItaIndicatorScore, list(scores.values())),
        }

    def _year(self, key: str, what: str, page: int | None) -> int | None:
        text = to_arabic_digits(key).strip()
        if text.isdigit():
            return int(text)
        self._problem("load_bad_year", f"{what}: year key {key!r} is not a year", page)
        return None

    def _amount(self, value: float | None, what: str, page: int | None) -> Decimal | None:
        return self._decimal(value, _MAX_AMOUNT, what, page)

    def _score(self, value: float | None, what: str, page: int | None) -> Decimal | None:
        return self._decimal(value, _MAX_SCORE, what, page)

    def _decimal(
        self, value: float | None, limit: Decimal, what: str, page: int | None
    ) -> Decimal | None:
        if value is None:
            return None
        if not math.isfinite(value):
            self._problem("load_bad_number", f"{what}: {value!r} stored as NULL", page)
            return None
        # repr gives the shortest text that reads back as the float: 5225000.0, not 5224999.99...
        number = Decimal(repr(float(value))).quantize(_CENT)
        if abs(number) >= limit:
            self._problem("load_bad_number", f"{what}: {value!r} too large, stored as NULL", page)
            return None
        return number

    def _date(self, value: str | None, page: int | None) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self._problem("load_bad_date", f"measure date {value!r} is not ISO", page)
            return None


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _check_sha256(sha: str) -> str:
    if not _SHA256.match(sha):
        raise ValueError(f"not a lowercase hex sha256: {sha!r}")
    return sha


def _digest(doc: records.Document, extractor_version: str) -> str:
    data = {"extractor_version": extractor_version, "doc": doc.to_json(with_pages=True)}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Dotted versions compare part by part, numbers as numbers: 0.9 < 0.10 < 0.10.1."""
    parts = [p for p in re.split(r"[.\-+_]", version) if p]
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _resolve_org(session: Session, doc: records.Document, org_id: str | None) -> str | None:
    if org_id is not None:
        if session.get(Organization, org_id) is None:
            raise ValueError(f"unknown org_id {org_id!r} for file {doc.sha256}")
        return org_id
    stated = doc.organization
    if stated.dla_code:
        found = session.scalar(
            select(Organization.org_id).where(Organization.dla_code == stated.dla_code)
        )
        if found is not None:
            return found
    crawled = set(
        session.scalars(
            select(Document.org_id)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .where(DocumentVersion.sha256 == doc.sha256, Document.org_id.is_not(None))
        )
    )
    if len(crawled) == 1:
        return str(crawled.pop())
    if stated.name:
        named = set(session.scalars(select(OrgAlias.org_id).where(OrgAlias.alias == stated.name)))
        named |= set(
            session.scalars(select(Organization.org_id).where(Organization.name == stated.name))
        )
        if len(named) == 1:
            return named.pop()
    return None


def _add_alias(session: Session, org_id: str, name: str | None, sha: str) -> None:
    if not name or len(name) > _ALIAS_MAX:
        return
    exists = session.scalar(
        select(OrgAlias.id).where(OrgAlias.org_id == org_id, OrgAlias.alias == name)
    )
    if exists is None:
        session.add(OrgAlias(org_id=org_id, alias=name, source_sha256=sha))
        session.flush()


def _ensure_file(
    session: Session, sha: str, *, size: int | None = None, path: str | None = None
) -> File:
    row = session.get(File, _check_sha256(sha))
    if row is None:
        row = File(sha256=sha, size=size, path=path or None)
        session.add(row)
        session.flush()
        return row
    # The crawler knows size and store path better than a later extraction; keep what is known.
    if size is not None:
        row.size = size
    if path and row.path is None:
        row.path = path
    return row


def record_file(
    session: Session, sha: str, *, size: int | None = None, path: str | None = None
) -> None:
    """Note a stored file (the crawler's side of `_ensure_file`)."""
    _ensure_file(session, sha, size=size, path=path)


# --- organizations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgRecord:
    """An organization as the registry describes it; `org_id` defaults to `org_id_for(...)`."""

    name: str
    org_id: str | None = None
    dla_code: str | None = None
    type: str | None = None
    district: str | None = None
    province: str | None = None
    website: str | None = None
    website_raw: str | None = None
    website_error: str | None = None

    def key(self) -> str:
        if self.org_id:
            return self.org_id
        return org_id_for(
            self.name,
            dla_code=self.dla_code,
            type=self.type,
            district=self.district,
            province=self.province,
        )


def org_id_for(
    name: str,
    *,
    dla_code: str | None = None,
    type: str | None = None,
    district: str | None = None,
    province: str | None = None,
) -> str:
    """The DLA code where known, else a slug stable across runs and spellings of whitespace.

    >>> org_id_for("คลองท่อมใต้", dla_code="5810401")
    '5810401'
    >>> org_id_for("เขาทอง", type="อบต.", district="พยุหะคีรี", province="นครสวรรค์")[:5]
    'slug-'
    """
    if dla_code and dla_code.strip():
        return dla_code.strip()
    parts = [type or "", name, district or "", province or ""]
    text = "|".join(" ".join(unicodedata.normalize("NFC", p).split()) for p in parts)
    return "slug-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def upsert_organizations(session: Session, orgs: Iterable[OrgRecord]) -> dict[str, int]:
    """Insert new organizations and overwrite changed ones (the registry is the authority).

    Returns counts: ``{"inserted": n, "updated": n, "unchanged": n}``.
    """
    wanted: dict[str, OrgRecord] = {}
    for org in orgs:
        wanted[org.key()] = org
    existing: dict[str, Organization] = {}
    keys = list(wanted)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        query = select(Organization).where(Organization.org_id.in_(chunk))
        existing.update((found.org_id, found) for found in session.scalars(query))
    counts = {"inserted": 0, "updated": 0, "unchanged": 0}
    names = [f.name for f in fields(OrgRecord) if f.name != "org_id"]
    for org_id, org in wanted.items():
        row = existing.get(org_id)
        if row is None:
            session.add(Organization(org_id=org_id, **{n: getattr(org, n) for n in names}))
            counts["inserted"] += 1
            continue
        changed = False
        for n in names:
            if getattr(row, n) != getattr(org, n):
                setattr(row, n, getattr(org, n))
                changed = True
        counts["updated" if changed else "unchanged"] += 1
    session.flush()
    return counts


# --- crawl -------------------------------------------------------------------------------------


def record_fetch(
    session: Session,
    *,
    url: str,
    fetched_at: datetime,
    status: int | None = None,
    nbytes: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    error: str | None = None,
    org_id: str | None = None,
    sha256: str | None = None,
    path: str | None = None,
) -> int:
    """Record one request; the same (url, fetched_at) again updates that row. Returns its id."""
    if sha256 is not None:
        _ensure_file(session, sha256, size=nbytes, path=path)
    values = {
        "status": status,
        "bytes": nbytes,
        "etag": etag,
        "last_modified": last_modified,
        "error": error,
        "org_id": org_id,
        "sha256": sha256,
    }
    row = session.scalar(select(Fetch).where(Fetch.url == url, Fetch.fetched_at == fetched_at))
    if row is None:
        row = Fetch(url=url, fetched_at=fetched_at, **values)
        session.add(row)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.flush()
    return row.id


@dataclass(frozen=True)
class DocumentSeen:
    document_id: int
    version_id: int
    new_document: bool
    new_version: bool


def upsert_document(
    session: Session,
    *,
    url: str,
    sha256: str,
    seen_at: datetime,
    org_id: str | None = None,
    link_text: str | None = None,
    page_url: str | None = None,
    file_name: str | None = None,
    size: int | None = None,
    path: str | None = None,
) -> DocumentSeen:
    """Note that `url` served the bytes `sha256` at `seen_at`.

    A sha256 not seen at that URL before is a new version; a document marked gone that is seen
    again is active again. Link details given overwrite the stored ones; None keeps them.
    """
    _ensure_file(session, sha256, size=size, path=path)
    doc = session.scalar(select(Document).where(Document.url == url))
    new_document = doc is None
    if doc is None:
        doc = Document(url=url, first_seen=seen_at, last_seen=seen_at, status="active")
        session.add(doc)
    else:
        doc.first_seen = min(doc.first_seen, seen_at)
        doc.last_seen = max(doc.last_seen, seen_at)
        doc.status = "active"
    for name, value in (
        ("org_id", org_id),
        ("link_text", link_text),
        ("page_url", page_url),
        ("file_name", file_name),
    ):
        if value is not None:
            setattr(doc, name, value)
    session.flush()
    version = session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == doc.id, DocumentVersion.sha256 == sha256
        )
    )
    new_version = version is None
    if version is None:
        version = DocumentVersion(
            document_id=doc.id, sha256=sha256, first_seen=seen_at, last_seen=seen_at
        )
        session.add(version)
    else:
        version.first_seen = min(version.first_seen, seen_at)
        version.last_seen = max(version.last_seen, seen_at)
    session.flush()
    return DocumentSeen(doc.id, version.id, new_document, new_version)


def mark_gone(session: Session, urls: Iterable[str]) -> int:
    """Mark documents no longer linked or served as gone (their facts stay). Returns how many."""
    wanted = list(urls)
    changed = 0
    for i in range(0, len(wanted), 500):
        result = session.execute(
            update(Document)
            .where(Document.url.in_(wanted[i : i + 500]), Document.status != "gone")
            .values(status="gone")
            .execution_options(synchronize_session="fetch")
        )
        changed += int(getattr(result, "rowcount", 0) or 0)
    return changed


def record_extraction_run(
    session: Session,
    *,
    sha256: str,
    extractor_version: str,
    started_at: datetime,
    outcome: Literal["ok", "failed"],
    finished_at: datetime | None = None,
    error: str | None = None,
) -> int:
    """Log one extraction attempt (idempotent on sha256, version and start time). Returns its id."""
    _ensure_file(session, sha256)
    row = session.scalar(
        select(ExtractionRun).where(
            ExtractionRun.sha256 == sha256,
            ExtractionRun.extractor_version == extractor_version,
            ExtractionRun.started_at == started_at,
        )
    )
    if row is None:
        row = ExtractionRun(
            sha256=sha256, extractor_version=extractor_version, started_at=started_at
        )
        session.add(row)
    row.outcome = outcome
    row.finished_at = finished_at
    row.error = error
    session.flush()
    return row.id
