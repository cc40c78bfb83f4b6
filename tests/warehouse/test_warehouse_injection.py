"""Hostile text from sites and documents goes through bound parameters: stored as written,
searched for as words, never run as SQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select

from prongsai.extract import records as r
from prongsai.warehouse import search
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.load import (
    OrgRecord,
    load_extraction,
    upsert_document,
    upsert_organizations,
)
from prongsai.warehouse.models import Document, Organization, PlanProject
from prongsai.warehouse.search import index_pages

HOSTILE = [
    "x'); DROP TABLE documents; --",
    'โครงการ " OR 1=1 --',
    "NEAR(a b) * AND OR NOT ^ : ( ) \\ %",
    "'; DELETE FROM organizations WHERE '1'='1",
]
NOW = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    sha = "a" * 64
    with session_scope(engine) as session:
        upsert_organizations(
            session, [OrgRecord(name=HOSTILE[0], org_id="6600301", province=HOSTILE[3])]
        )
        upsert_document(session, url="http://a.go.th/x.pdf?q=' OR '1'='1", sha256=sha,
                        seen_at=NOW, org_id="6600301", link_text=HOSTILE[1], file_name=HOSTILE[0])  # fmt: skip
        doc = r.Document(
            file="x.pdf", sha256=sha, doc_type="anticorruption_plan", period=(2566, 2570),
            projects=[r.Project(1, name, budgets={"2567": 1.0}) for name in HOSTILE],
            pages=[r.Page(1, "text", " ".join(["ไม่รับของขวัญ", *HOSTILE]))],
        )  # fmt: skip
        load_extraction(session, doc, extractor_version="t", org_id="6600301", now=NOW)
        index_pages(session, sha)
    return engine


def test_hostile_text_is_stored_as_written(loaded: Engine) -> None:
    with session_scope(loaded) as session:
        assert session.scalar(select(Organization.name)) == HOSTILE[0]
        assert session.scalar(select(Document.file_name)) == HOSTILE[0]
        names = set(session.scalars(select(PlanProject.name)))
        assert names == set(HOSTILE)
        assert session.scalar(select(func.count()).select_from(Document)) == 1


@pytest.mark.parametrize("query", [*HOSTILE, '"', "'", "*", "(", ")", "\x00", 'ไม่รับ"ของ'])
def test_search_takes_any_query_as_words(loaded: Engine, query: str) -> None:
    hits = search.search(loaded, query)
    assert len(hits) <= 1
    assert len(search.search(loaded, "ไม่รับของขวัญ", province=HOSTILE[3])) == 1
    with session_scope(loaded) as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 1
