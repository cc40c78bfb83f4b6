"""Warehouse fixtures: every test runs on SQLite, and on PostgreSQL when PRONGSAI_TEST_PG_URL is set.

Each PostgreSQL test gets its own schema (dropped afterwards), so tests can run in parallel
against one database: PRONGSAI_TEST_PG_URL=postgresql+psycopg://prongsai:prongsai@127.0.0.1/prongsai_test
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from prongsai.warehouse import db

PG_ENV = "PRONGSAI_TEST_PG_URL"


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
    with db.scratch_schema(base, prefix="t") as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A database upgraded to head."""
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()
