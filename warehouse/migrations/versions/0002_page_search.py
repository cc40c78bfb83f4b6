"""Full-text search over the repaired page text, Thai words segmented by pythainlp.

The index holds each page's text as space-separated words (``prongsai.warehouse.search``
segments it with newmm, since neither backend can find Thai word boundaries itself):

* SQLite: an FTS5 virtual table ``page_search(words, sha256, number UNINDEXED)``. ``sha256`` is
  indexed (as one token) so re-indexing a file deletes its rows through the index, not a scan.
* PostgreSQL: a table ``page_search`` with a stored tsvector (``to_tsvector('simple', words)``)
  under a GIN index; its rows go with their page (ON DELETE CASCADE).

Neither is in the models (``models.is_search_table``); Alembic's comparison skips them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# remove_diacritics 0: the index must keep words exactly as segmented (it only touches Latin
# letters, but the words are matched as given).
_SQLITE = """
CREATE VIRTUAL TABLE page_search USING fts5(
    words, sha256, number UNINDEXED, tokenize = 'unicode61 remove_diacritics 0'
)
"""

_POSTGRESQL = (
    """
    CREATE TABLE page_search (
        sha256 VARCHAR(64) NOT NULL,
        number INTEGER NOT NULL,
        words TEXT NOT NULL,
        tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED,
        CONSTRAINT pk_page_search PRIMARY KEY (sha256, number),
        CONSTRAINT fk_page_search_pages FOREIGN KEY (sha256, number)
            REFERENCES pages (sha256, number) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_page_search_tsv ON page_search USING gin (tsv)",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE)
    else:
        for statement in _POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    # Dropping the FTS5 table drops its shadow tables too.
    op.execute("DROP TABLE page_search")
