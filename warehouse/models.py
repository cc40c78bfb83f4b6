"""The warehouse schema: typed SQLAlchemy 2 models, the same on SQLite and PostgreSQL.

Three groups of tables:

* crawl — organizations, org_aliases, fetches, files, documents (one per URL) and
  document_versions (one per distinct sha256 seen at that URL);
* extraction — extractions (the current extraction of one file: which extractor, what kind of
  document, which years, which organization) and extraction_runs (a log of attempts, failed ones too);
* facts — pages, plan_projects, plan_budgets, plan_details, ita_assessments,
  ita_indicator_scores, measures, extraction_problems.

Every fact row is keyed by the sha256 of the file it was read from (``extractions.sha256``), so a
fact traces to the file, its URLs (document_versions), its page and the extractor version.
Natural keys carry unique constraints, so a loader bug cannot store a fact twice.

Years are Buddhist Era integers (``*_be``). Amounts are ``Numeric(18, 2)``: NULL means the document
states no amount ("-", blank), which is not the same as 0.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Constraint names are fixed from day one so later migrations (and SQLite batch mode, which
# rebuilds tables) can address every constraint by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both backends.

    SQLite keeps no offset, so values are converted to UTC on the way in (naive ones are refused:
    a crawler clock without a zone is a bug) and marked UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware one (e.g. UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


Baht = Annotated[Decimal, "baht"]
Score = Annotated[Decimal, "score"]
Sha256 = Annotated[str, "sha256"]
Timestamp = Annotated[datetime, "timestamp"]
ShortText = Annotated[str, "short"]
Url = Annotated[str, "url"]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy reads a class attribute
        Baht: Numeric(18, 2),
        Score: Numeric(6, 2),
        Sha256: String(64),
        Timestamp: UtcDateTime(),
        ShortText: String(255),
        Url: String(2048),
        str: Text(),
    }


# --- crawl -------------------------------------------------------------------------------------


class Organization(Base):
    """A local administrative organization; ``org_id`` is its DLA code, else a stable slug."""

    __tablename__ = "organizations"

    org_id: Mapped[ShortText] = mapped_column(primary_key=True)
    dla_code: Mapped[ShortText | None] = mapped_column(unique=True)
    name: Mapped[ShortText]
    type: Mapped[ShortText | None]  # อบต. / ทต. / ทม. / ทน. / อบจ. / เมืองพัทยา
    district: Mapped[ShortText | None]
    province: Mapped[ShortText | None]
    website: Mapped[Url | None]  # normalized URL the crawler starts from
    website_raw: Mapped[str | None]  # as the registry wrote it
    website_error: Mapped[str | None]  # why website_raw gave no usable URL

    aliases: Mapped[list[OrgAlias]] = relationship(back_populates="organization")


class OrgAlias(Base):
    """A name a document uses for an organization, e.g. องค์การบริหารส่วนตำบลเขาทอง."""

    __tablename__ = "org_aliases"
    __table_args__ = (UniqueConstraint("org_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[ShortText] = mapped_column(ForeignKey("organizations.org_id"))
    alias: Mapped[ShortText] = mapped_column(index=True)
    source_sha256: Mapped[Sha256 | None]  # the file where it was first seen

    organization: Mapped[Organization] = relationship(back_populates="aliases")


class File(Base):
    """Raw bytes stored content-addressed; ``path`` is where the store keeps them."""

    __tablename__ = "files"

    sha256: Mapped[Sha256] = mapped_column(primary_key=True)
    size: Mapped[int | None] = mapped_column(BigInteger)
    path: Mapped[str | None]


class Fetch(Base):
    """One HTTP request the crawler made, successful or not."""

    __tablename__ = "fetches"
    __table_args__ = (UniqueConstraint("url", "fetched_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[Url]
    fetched_at: Mapped[Timestamp]
    status: Mapped[int | None]  # HTTP status; NULL when no response (DNS, TLS, timeout)
    bytes: Mapped[int | None] = mapped_column(BigInteger)
    etag: Mapped[ShortText | None]
    last_modified: Mapped[ShortText | None]  # the header as sent
    error: Mapped[str | None]
    org_id: Mapped[ShortText | None] = mapped_column(ForeignKey("organizations.org_id"), index=True)
    sha256: Mapped[Sha256 | None] = mapped_column(ForeignKey("files.sha256"))


class Document(Base):
    """A document at one URL, across all the bytes ever served there."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("status IN ('active', 'gone')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[ShortText | None] = mapped_column(ForeignKey("organizations.org_id"), index=True)
    url: Mapped[Url] = mapped_column(unique=True)
    first_seen: Mapped[Timestamp]
    last_seen: Mapped[Timestamp]
    status: Mapped[ShortText] = mapped_column(default="active")
    link_text: Mapped[str | None]
    page_url: Mapped[Url | None]  # the page that linked to it
    file_name: Mapped[ShortText | None]

    versions: Mapped[list[DocumentVersion]] = relationship(back_populates="document")


class DocumentVersion(Base):
    """Bytes seen at a document's URL; a changed sha256 at the same URL is a new version."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    sha256: Mapped[Sha256] = mapped_column(ForeignKey("files.sha256"), index=True)
    first_seen: Mapped[Timestamp]
    last_seen: Mapped[Timestamp]

    document: Mapped[Document] = relationship(back_populates="versions")


# --- extraction --------------------------------------------------------------------------------

DOC_TYPE_CHECK = (
    "doc_type IN ('anticorruption_plan', 'ita_analysis', 'integrity_measures', "
    "'integrity_measures_report', 'other')"
)


class Extraction(Base):
    """The facts currently loaded for one file, and what the extractor said about the file.

    The ``stated_*`` columns are the organization as the document names it; ``org_id`` is the
    organization the facts are attributed to (NULL when it could not be resolved).
    """

    __tablename__ = "extractions"
    __table_args__ = (CheckConstraint(DOC_TYPE_CHECK, name="doc_type"),)

    sha256: Mapped[Sha256] = mapped_column(ForeignKey("files.sha256"), primary_key=True)
    extractor_version: Mapped[ShortText]
    digest: Mapped[Sha256]  # sha256 of the loaded record's JSON: same digest, nothing to do
    loaded_at: Mapped[Timestamp]
    doc_type: Mapped[ShortText]
    fiscal_year_be: Mapped[int | None]
    period_first_be: Mapped[int | None]
    period_last_be: Mapped[int | None]
    page_count: Mapped[int]
    file_name: Mapped[str | None]
    org_id: Mapped[ShortText | None] = mapped_column(ForeignKey("organizations.org_id"), index=True)
    stated_name: Mapped[str | None]
    stated_type: Mapped[str | None]
    stated_district: Mapped[str | None]
    stated_province: Mapped[str | None]
    stated_dla_code: Mapped[str | None]


class ExtractionRun(Base):
    """One attempt to extract a file; failed attempts have no facts but are kept for triage."""

    __tablename__ = "extraction_runs"
    __table_args__ = (
        UniqueConstraint("sha256", "extractor_version", "started_at"),
        CheckConstraint("outcome IN ('ok', 'failed')", name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey("files.sha256"))
    extractor_version: Mapped[ShortText]
    started_at: Mapped[Timestamp]
    finished_at: Mapped[Timestamp | None]
    outcome: Mapped[ShortText]
    error: Mapped[str | None]


# --- facts -------------------------------------------------------------------------------------

_SOURCE = "extractions.sha256"


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (CheckConstraint("method IN ('text', 'ocr', 'empty')", name="method"),)

    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)  # 1-based
    method: Mapped[ShortText]
    text: Mapped[str]
    dictionary_share: Mapped[float | None]


class PlanProject(Base):
    """A row of a plan's Part 2 table; ``seq`` is its position in the extraction (the key)."""

    __tablename__ = "plan_projects"
    __table_args__ = (UniqueConstraint("sha256", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    seq: Mapped[int]
    order_no: Mapped[int]  # the order the extractor gave (Project.order)
    dimension: Mapped[int | None]
    mission: Mapped[str | None]
    kind: Mapped[str | None]  # โครงการ / กิจกรรม / มาตรการ
    name: Mapped[str]
    page: Mapped[int | None]

    budgets: Mapped[list[PlanBudget]] = relationship(back_populates="project")


class PlanBudget(Base):
    """A project's amount for one fiscal year; NULL amount = the cell states none ("-")."""

    __tablename__ = "plan_budgets"
    __table_args__ = (UniqueConstraint("project_id", "fiscal_year_be"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("plan_projects.id"))
    fiscal_year_be: Mapped[int]
    amount: Mapped[Baht | None]

    project: Mapped[PlanProject] = relationship(back_populates="budgets")


class PlanDetail(Base):
    """A plan Part 3 section describing one project."""

    __tablename__ = "plan_details"
    __table_args__ = (UniqueConstraint("sha256", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    seq: Mapped[int]
    name: Mapped[str]
    budget: Mapped[Baht | None]
    responsible: Mapped[str | None]
    period: Mapped[str | None]
    page: Mapped[int | None]


class ItaAssessment(Base):
    """An ITA total as one document states it.

    ``stated_as`` is 'current' for the year the document reports on and 'previous' for the
    previous year's score it quotes, so two documents may disagree about one year; both are kept.
    """

    __tablename__ = "ita_assessments"
    __table_args__ = (
        UniqueConstraint("sha256", "stated_as"),
        CheckConstraint("stated_as IN ('current', 'previous')", name="stated_as"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    stated_as: Mapped[ShortText]
    year_be: Mapped[int | None] = mapped_column(index=True)
    total: Mapped[Score | None]
    level: Mapped[str | None]


class ItaIndicatorScore(Base):
    __tablename__ = "ita_indicator_scores"
    __table_args__ = (UniqueConstraint("sha256", "tool", "number", "year_be"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    tool: Mapped[str]  # IIT / EIT / OIT
    number: Mapped[int]
    name: Mapped[str]
    year_be: Mapped[int]
    score: Mapped[Score | None]


class Measure(Base):
    """A row of an integrity-measures plan or report (the year is the extraction's)."""

    __tablename__ = "measures"
    __table_args__ = (UniqueConstraint("sha256", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    seq: Mapped[int]
    tool: Mapped[str | None]
    measure: Mapped[str]
    method: Mapped[str | None]
    responsible: Mapped[str | None]
    period: Mapped[str | None]
    result: Mapped[str | None]
    outcome: Mapped[str | None]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    page: Mapped[int | None]


class ExtractionProblem(Base):
    __tablename__ = "extraction_problems"
    __table_args__ = (UniqueConstraint("sha256", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[Sha256] = mapped_column(ForeignKey(_SOURCE))
    seq: Mapped[int]
    code: Mapped[ShortText] = mapped_column(index=True)
    message: Mapped[str]
    page: Mapped[int | None]


# Fact tables in the order their rows must be deleted (children first).
FACT_TABLES = tuple(
    Base.metadata.tables[name]
    for name in (
        "plan_budgets",
        "plan_projects",
        "plan_details",
        "ita_indicator_scores",
        "ita_assessments",
        "measures",
        "extraction_problems",
        "pages",
    )
)

# The full-text index of page text (migration 0002) differs by backend and is not mapped: an FTS5
# virtual table on SQLite (with shadow tables page_search_data, _idx, ...), a table with a tsvector
# column on PostgreSQL. Alembic's comparison skips these names (see migrations/env.py).
SEARCH_TABLE = "page_search"


def is_search_table(name: str) -> bool:
    """True for the search index and FTS5's shadow tables, which the models do not describe."""
    return name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_")


__all__ = [
    "FACT_TABLES",
    "NAMING_CONVENTION",
    "SEARCH_TABLE",
    "Base",
    "Document",
    "DocumentVersion",
    "Extraction",
    "ExtractionProblem",
    "ExtractionRun",
    "Fetch",
    "File",
    "ItaAssessment",
    "ItaIndicatorScore",
    "Measure",
    "OrgAlias",
    "Organization",
    "Page",
    "PlanBudget",
    "PlanDetail",
    "PlanProject",
    "is_search_table",
]
