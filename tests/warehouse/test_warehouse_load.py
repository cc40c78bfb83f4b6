"""load_extraction: idempotent, newer extractor replaces, a crash half-way keeps the old facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from warehouse_records import NOW, ita_doc, plan_doc, sha

from prongsai.warehouse import load
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.models import (
    Base,
    Extraction,
    ExtractionProblem,
    OrgAlias,
    PlanBudget,
    PlanProject,
)


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def _budgets(engine: Engine) -> dict[tuple[str, int], Decimal | None]:
    with Session(engine) as session:
        rows = session.execute(
            select(PlanProject.name, PlanBudget.fiscal_year_be, PlanBudget.amount).join(
                PlanBudget.project
            )
        )
        return {(name, year): amount for name, year, amount in rows}


def test_first_load_inserts_every_fact(engine: Engine) -> None:
    with session_scope(engine) as session:
        result = load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    assert result.status == "inserted"
    assert result.counts["plan_projects"] == 2
    assert result.counts["plan_budgets"] == 5
    counts = _counts(engine)
    assert counts["plan_projects"] == 2
    assert counts["plan_budgets"] == 5
    assert counts["pages"] == 2
    assert counts["plan_details"] == 1
    assert counts["extraction_problems"] == 1
    assert counts["files"] == 1


def test_loading_twice_changes_nothing(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    before = _counts(engine)
    with session_scope(engine) as session:
        result = load.load_extraction(
            session, plan_doc(), extractor_version="1.0", now=NOW + timedelta(days=1)
        )
    assert result.status == "unchanged"
    assert _counts(engine) == before
    with Session(engine) as session:
        loaded_at = session.scalar(select(Extraction.loaded_at))
    assert loaded_at == NOW


def test_null_budget_stays_null_and_zero_stays_zero(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    budgets = _budgets(engine)
    name = "โครงการส่งเสริมคุณธรรมและจริยธรรมแก่บุคลากร"
    assert budgets[(name, 2566)] == Decimal("20000.00")
    assert budgets[(name, 2567)] is None
    assert budgets[(name, 2568)] == Decimal("0")
    assert budgets[(name, 2568)] is not None


def test_newer_extractor_replaces_the_facts_of_that_file(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="0.9", now=NOW)
        load.load_extraction(session, plan_doc(2), extractor_version="0.9", now=NOW)
    newer = plan_doc()
    newer.projects = newer.projects[:1]
    newer.projects[0].budgets = {"2566": 25000.0}
    with session_scope(engine) as session:
        result = load.load_extraction(session, newer, extractor_version="0.10", now=NOW)
    assert result.status == "replaced"
    with Session(engine) as session:
        per_file = dict(
            session.execute(
                select(PlanProject.sha256, func.count()).group_by(PlanProject.sha256)
            ).all()
        )
        version = session.scalar(select(Extraction.extractor_version).filter_by(sha256=sha(1)))
    assert per_file == {sha(1): 1, sha(2): 2}  # the other file is untouched
    assert version == "0.10"
    assert _counts(engine)["plan_budgets"] == 1 + 5


def test_older_extractor_does_not_replace_a_newer_one(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.10", now=NOW)
    older = plan_doc()
    older.projects = []
    with session_scope(engine) as session:
        result = load.load_extraction(session, older, extractor_version="1.9", now=NOW)
    assert result.status == "kept_newer"
    assert result.extractor_version == "1.10"
    assert _counts(engine)["plan_projects"] == 2


def test_exception_half_way_leaves_previous_facts_intact(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    before = _counts(engine)
    budgets_before = _budgets(engine)

    def crash(self: Any, measures: Any) -> int:
        raise RuntimeError("disk full")

    # Measures are written after the old facts are deleted and the new projects inserted.
    monkeypatch.setattr(load._Facts, "_measures", crash)
    newer = plan_doc()
    newer.projects[0].budgets = {"2566": 1.0}
    with Session(engine) as session, session.begin():
        with pytest.raises(RuntimeError, match="disk full"):
            load.load_extraction(session, newer, extractor_version="2.0", now=NOW)
        # Even a caller that swallows the error and commits keeps the old facts.
        assert session.scalar(select(func.count()).select_from(PlanProject)) == 2
    assert _counts(engine) == before
    assert _budgets(engine) == budgets_before
    with Session(engine) as session:
        assert session.scalar(select(Extraction.extractor_version)) == "1.0"


def test_same_version_with_different_record_replaces(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    changed = plan_doc()
    changed.problems = []
    with session_scope(engine) as session:
        result = load.load_extraction(session, changed, extractor_version="1.0", now=NOW)
    assert result.status == "replaced"
    assert _counts(engine)["extraction_problems"] == 0


def test_organization_resolved_by_stated_dla_code_and_alias_recorded(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(
            session, [load.OrgRecord(name="คลองท่อมใต้", dla_code="5810401", type="ทต.")]
        )
        result = load.load_extraction(session, ita_doc(5), extractor_version="1.0", now=NOW)
    assert result.org_id == "5810401"
    with Session(engine) as session:
        aliases = session.scalars(select(OrgAlias.alias)).all()
    assert aliases == ["เทศบาลตำบลคลองท่อมใต้"]


def test_organization_resolved_by_the_site_that_served_the_file(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, [load.OrgRecord(name="เขาทอง", type="อบต.")])
        org_id = load.org_id_for("เขาทอง", type="อบต.")
        load.upsert_document(
            session,
            url="https://khaothong.go.th/plan.pdf",
            sha256=sha(1),
            seen_at=NOW,
            org_id=org_id,
        )
        result = load.load_extraction(session, plan_doc(), extractor_version="1.0", now=NOW)
    assert result.org_id == org_id


def test_unknown_explicit_org_is_an_error(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(ValueError, match="unknown org_id"):
        load.load_extraction(
            session, plan_doc(), extractor_version="1.0", org_id="9999999", now=NOW
        )


def test_values_a_column_cannot_hold_become_null_with_a_problem(engine: Engine) -> None:
    doc = plan_doc()
    doc.projects[0].budgets = {"2566": float("nan"), "ปีหน้า": 5.0, "๒๕๖๗": 7.0}
    doc.measures = [replace(ita_doc(9).measures[0], period_start="1 ต.ค. 2566")]
    with session_scope(engine) as session:
        load.load_extraction(session, doc, extractor_version="1.0", now=NOW)
    name = doc.projects[0].name
    budgets = _budgets(engine)
    assert budgets[(name, 2566)] is None
    assert budgets[(name, 2567)] == Decimal("7.00")  # Thai digits in a year key
    with Session(engine) as session:
        codes = session.scalars(select(ExtractionProblem.code).order_by(ExtractionProblem.seq))
        assert list(codes) == ["ocr_page", "load_bad_number", "load_bad_year", "load_bad_date"]


def test_naive_datetime_is_refused(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(Exception, match="naive datetime"):
        load.load_extraction(
            session, plan_doc(), extractor_version="1.0", now=NOW.replace(tzinfo=None)
        )
