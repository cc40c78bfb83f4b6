"""Natural keys: the database itself refuses a second copy of a fact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from warehouse_records import NOW, plan_doc, sha

from prongsai.warehouse import load
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.models import (
    Base,
    Document,
    DocumentVersion,
    File,
    ItaAssessment,
    ItaIndicatorScore,
    Measure,
    Organization,
    Page,
    PlanBudget,
    PlanProject,
)


def _seeded(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
        load.upsert_document(session, url="https://a.go.th/p.pdf", sha256=sha(1), seen_at=NOW)
        load.upsert_organizations(session, [load.OrgRecord(name="คลองท่อมใต้", dla_code="5810401")])


def _project_id(session: Session) -> int:
    project = session.query(PlanProject).filter_by(sha256=sha(1), seq=0).one()
    return project.id


DUPLICATES: dict[str, Callable[[Session], list[Base]]] = {
    "organization dla_code": lambda s: [
        Organization(org_id="x", name="คลองท่อมใต้ (ซ้ำ)", dla_code="5810401")
    ],
    "document url": lambda s: [
        Document(url="https://a.go.th/p.pdf", first_seen=NOW, last_seen=NOW, status="active")
    ],
    "document version": lambda s: [
        DocumentVersion(
            document_id=s.query(Document.id).scalar(), sha256=sha(1), first_seen=NOW, last_seen=NOW
        )
    ],
    "file sha256": lambda s: [File(sha256=sha(1))],
    "budget year": lambda s: [
        PlanBudget(project_id=_project_id(s), fiscal_year_be=2566, amount=Decimal(1))
    ],
    "project seq": lambda s: [PlanProject(sha256=sha(1), seq=0, order_no=9, name="โครงการซ้ำ")],
    "page number": lambda s: [Page(sha256=sha(1), number=1, method="text", text="ซ้ำ")],
    "ita current": lambda s: [
        ItaAssessment(sha256=sha(1), stated_as="current", year_be=2566),
        ItaAssessment(sha256=sha(1), stated_as="current", year_be=2567),
    ],
    "indicator score": lambda s: [
        ItaIndicatorScore(sha256=sha(1), tool="IIT", number=1, name="ก", year_be=2566),
        ItaIndicatorScore(sha256=sha(1), tool="IIT", number=1, name="ข", year_be=2566),
    ],
    "measure seq": lambda s: [
        Measure(sha256=sha(1), seq=0, measure="ก", period_start=date(2023, 10, 1)),
        Measure(sha256=sha(1), seq=0, measure="ข"),
    ],
}


@pytest.mark.parametrize("case", sorted(DUPLICATES))
def test_duplicate_is_rejected(engine: Engine, case: str) -> None:
    _seeded(engine)
    with Session(engine) as session:
        session.add_all(DUPLICATES[case](session))
        with pytest.raises(IntegrityError):
            session.flush()


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Document, {"url": "https://b.go.th/x.pdf", "status": "deleted"}),
        (Page, {"sha256": sha(1), "number": 7, "method": "scan", "text": ""}),
    ],
)
def test_check_constraints_reject_unknown_states(
    engine: Engine, model: type[Base], values: dict[str, object]
) -> None:
    _seeded(engine)
    if model is Document:
        values = {**values, "first_seen": NOW, "last_seen": NOW}
    with Session(engine) as session:
        session.add(model(**values))
        with pytest.raises(IntegrityError):
            session.flush()


def test_facts_need_a_loaded_extraction(engine: Engine) -> None:
    # Foreign keys are enforced on SQLite too (PRAGMA foreign_keys=ON in make_engine).
    with Session(engine) as session:
        session.add(Page(sha256=sha(42), number=1, method="text", text=""))
        with pytest.raises(IntegrityError):
            session.flush()
