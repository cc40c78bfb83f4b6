"""Alembic environment: the warehouse models are the target; SQLite runs in batch mode."""

from __future__ import annotations

import logging
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from prongsai.warehouse.db import make_engine
from prongsai.warehouse.models import Base, is_search_table

config = context.config
# Leave logging alone when the host process (a Scrapy crawl, a Prefect flow) has set it up.
if (
    config.config_file_name is not None
    and config.attributes.get("configure_logger", True)
    and not logging.getLogger().handlers
):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return url or config.get_main_option("sqlalchemy.url") or ""


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    # The search index (migration 0002) is backend-specific DDL the models do not describe.
    return not (type_ == "table" and name is not None and is_search_table(name))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can alter little in place; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=_url().startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Foreign keys off on SQLite: a batch rebuild copies tables that others still reference.
    engine = make_engine(_url(), sqlite_foreign_keys=False)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
