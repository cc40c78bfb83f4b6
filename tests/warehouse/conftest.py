"""Warehouse fixtures: every test runs on SQLite, and on PostgreSQL when PRONGSAI_TEST_PG_URL is set.

Each PostgreSQL test gets its own schema (dropped afterwards), so tests can run in parallel
against one database: PRONGSAI_TEST_PG_URL=postgresql+psycopg://prongsai:prongsai@127.0.0.1/prongsai_test
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from prongsai.warehouse import db

PG_ENV = "PRONGSAI_TEST_PG_URL"


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = db.make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(db.normalize_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no tables) on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'prongsai.sqlite'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} not set")
    yield from _pg_schema_url(base)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A database upgraded to head."""
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()
