"""Thai full-text search over the repaired text of every stored page.

Thai is written without spaces between words, so neither SQLite FTS5 nor PostgreSQL's parser can
find words in it. Page text is segmented with pythainlp (newmm, offline) and stored as
space-separated words in the ``page_search`` index (migration 0002: FTS5 on SQLite, a tsvector
with a GIN index on PostgreSQL). A query is segmented the same way: each whitespace-separated part
of it must occur as a phrase, and every part must occur (AND).

Because the index is built from the repaired text (``prongsai.extract.thai.repair_text``), a query
finds words that the PDF's text layer had broken: "ไม่รับของขวัญ" finds a page whose text layer
read "ไม่รบั ของขวญั".

The index is not kept by triggers: call `index_pages` after loading a file's extraction (the same
transaction is fine). `index_missing` indexes every page not indexed yet.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import Engine, or_, select, text, tuple_
from sqlalchemy.orm import Session

from prongsai.extract.numbers import to_arabic_digits
from prongsai.warehouse.models import SEARCH_TABLE, Extraction, Organization, Page
from prongsai.warehouse.query import _file_sources

COLUMNS = [
    "org_id",
    "org_name",
    "province",
    "sha256",
    "url",
    "doc_type",
    "fiscal_year_be",
    "page",
    "snippet",
    "rank",
]
_SNIPPET_CHARS = 60
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _tokens(text_: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(to_arabic_digits(text_), engine="newmm", keep_whitespace=False)
    # Tokens without a letter or digit (punctuation, marks) would be separators to both backends.
    return tuple(w.lower() for w in (w.strip() for w in words) if any(c.isalnum() for c in w))


def segment(text_: str) -> str:
    """The words of `text_` separated by single spaces, as the index stores them.

    >>> segment("ไม่รับของขวัญ ๒๕๖๖")
    'ไม่ รับ ของขวัญ 2566'
    """
    # Per line: the segmenter is quadratic-ish on long runs, and lines are natural breaks.
    return " ".join(w for line in text_.splitlines() for w in _tokens(line))


def query_parts(query: str) -> list[list[str]]:
    """The phrases a query asks for: one word list per whitespace-separated part.

    >>> query_parts("ไม่รับของขวัญ ปีใหม่")
    [['ไม่', 'รับ', 'ของขวัญ'], ['ปีใหม่']]
    """
    parts = [list(_tokens(part)) for part in query.split()]
    return [p for p in parts if p]


def index_pages(session: Session, sha256: str) -> int:
    """(Re)index the pages of one file; returns how many pages were indexed."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # Through the index on the sha256 column: FTS5 would scan for an UNINDEXED one.
        session.execute(
            text(
                f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN "  # noqa: S608 - constant name
                f"(SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :m)"
            ),
            {"m": f'sha256 : "{sha256}"'},
        )
    else:
        session.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE sha256 = :s"),  # noqa: S608
            {"s": sha256},
        )
    pages = session.execute(
        select(Page.number, Page.text).where(Page.sha256 == sha256).order_by(Page.number)
    ).all()
    rows = [
        {"sha256": sha256, "number": number, "words": segment(page_text)}
        for number, page_text in pages
    ]
    if rows:
        session.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (sha256, number, words) "  # noqa: S608
                "VALUES (:sha256, :number, :words)"
            ),
            rows,
        )
    return len(rows)


def index_missing(session: Session) -> int:
    """Index every file with pages but no indexed page (e.g. loaded before search existed)."""
    done = {
        row[0]
        for row in session.execute(text(f"SELECT DISTINCT sha256 FROM {SEARCH_TABLE}"))  # noqa: S608
    }
    pending = [s for s in session.scalars(select(Page.sha256).distinct()) if s not in done]
    return sum(index_pages(session, sha) for sha in pending)


def _fts5_match(parts: list[list[str]]) -> str:
    phrases = " AND ".join('"' + " ".join(w.replace('"', '""') for w in p) + '"' for p in parts)
    return f"words : ({phrases})"


def _hits(
    engine: Engine, parts: list[list[str]], province: str | None, year: int | None, limit: int
) -> list[tuple[str, int, float]]:
    params: dict[str, Any] = {"limit": limit}
    filters = ""
    if province is not None:
        filters += " AND COALESCE(o.province, e.stated_province) = :province"
        params["province"] = province
    if year is not None:
        # A plan for 2566-2570 is a document of each of those years.
        filters += (
            " AND (e.fiscal_year_be = :year"
            " OR (e.period_first_be <= :year AND e.period_last_be >= :year))"
        )
        params["year"] = year
    joins = (
        " JOIN extractions e ON e.sha256 = s.sha256"
        " LEFT JOIN organizations o ON o.org_id = e.org_id"
    )
    if engine.dialect.name == "sqlite":
        params["m"] = _fts5_match(parts)
        # bm25 is lower for better matches; the sha256 column gets no weight.
        sql = (
            f"SELECT s.sha256, s.number, -bm25({SEARCH_TABLE}, 1.0, 0.0) AS score "  # noqa: S608
            f"FROM {SEARCH_TABLE} s{joins} WHERE {SEARCH_TABLE} MATCH :m{filters} "
            "ORDER BY score DESC, s.sha256, s.number LIMIT :limit"
        )
    else:
        tsquery = " && ".join(f"phraseto_tsquery('simple', :p{i})" for i in range(len(parts)))
        params.update({f"p{i}": " ".join(p) for i, p in enumerate(parts)})
        sql = (
            "SELECT s.sha256, s.number, ts_rank(s.tsv, q.q) AS score "  # noqa: S608
            f"FROM {SEARCH_TABLE} s CROSS JOIN (SELECT {tsquery} AS q) q{joins} "
            f"WHERE s.tsv @@ q.q{filters} "
            "ORDER BY score DESC, s.sha256, s.number LIMIT :limit"
        )
    with engine.connect() as conn:
        return [(r[0], int(r[1]), float(r[2])) for r in conn.execute(text(sql), params)]


def snippet(page_text: str, parts: list[list[str]], width: int = _SNIPPET_CHARS) -> str:
    """The page text around the first place a query phrase occurs, spaces collapsed.

    >>> snippet("ข้อ 1 ไม่รับของขวัญทุกเทศกาล", [["ไม่", "รับ", "ของขวัญ"]], width=6)
    'ข้อ 1 ไม่รับของขวัญทุกเทศ…'
    """
    flat = _SPACE.sub(" ", to_arabic_digits(page_text)).strip()
    haystack = flat.lower()
    at, size = -1, 0
    for words in parts:
        for needle in ("".join(words), " ".join(words), words[0]):
            at = haystack.find(needle)
            if at >= 0:
                size = len(needle)
                break
        if at >= 0:
            break
    if at < 0:
        return flat[: 2 * width] + ("…" if len(flat) > 2 * width else "")
    start, end = max(0, at - width), min(len(flat), at + size + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def search(
    engine: Engine,
    query: str,
    *,
    province: str | None = None,
    year: int | None = None,
    limit: int = 20,
) -> pd.DataFrame:
    """Pages whose repaired text holds every phrase of `query`, best first.

    `province` filters on the organization's province (else the one the document states);
    `year` on the document's fiscal year or a plan period containing it. Columns: org_id,
    org_name, province, sha256, url, doc_type, fiscal_year_be, page, snippet, rank (higher is
    better: -bm25 on SQLite, ts_rank on PostgreSQL; not comparable across backends).

    >>> search(engine, "ไม่รับของขวัญ", province="นครสวรรค์")  # doctest: +SKIP
    """
    parts = query_parts(query)
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    hits = _hits(engine, parts, province, year, limit)
    if not hits:
        return pd.DataFrame(columns=COLUMNS)
    sources = _file_sources()
    keys = [(sha, number) for sha, number, _ in hits]
    stmt = (
        select(
            Page.sha256,
            Page.number,
            Page.text,
            Extraction.org_id,
            Organization.name,
            Organization.province,
            Extraction.stated_name,
            Extraction.stated_province,
            Extraction.doc_type,
            Extraction.fiscal_year_be,
            sources.c.url,
        )
        .join(Extraction, Extraction.sha256 == Page.sha256)
        .outerjoin(Organization, Organization.org_id == Extraction.org_id)
        .outerjoin(sources, sources.c.sha256 == Page.sha256)
        .where(or_(*(tuple_(Page.sha256, Page.number) == k for k in keys)))
    )
    with engine.connect() as conn:
        found = {(r.sha256, r.number): r for r in conn.execute(stmt)}
    rows = []
    for sha, number, score in hits:
        r = found.get((sha, number))
        if r is None:  # indexed, but the page was replaced since: not a current fact
            continue
        rows.append(
            {
                "org_id": r.org_id,
                "org_name": r.name or r.stated_name,
                "province": r.province or r.stated_province,
                "sha256": sha,
                "url": r.url,
                "doc_type": r.doc_type,
                "fiscal_year_be": r.fiscal_year_be,
                "page": number,
                "snippet": snippet(r.text, parts),
                "rank": score,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["fiscal_year_be"] = frame["fiscal_year_be"].astype("Int64")
    return frame


# --- CLI ------------------------------------------------------------------------------------------


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``prongsai search "ไม่รับของขวัญ" --db URL [--province P] [--year Y] [--json]``."""
    from prongsai.warehouse.db import DEFAULT_URL

    p: argparse.ArgumentParser = sub.add_parser(
        "search", help="find Thai words in the text of every stored page"
    )
    p.add_argument("query", help='words to find, e.g. "ไม่รับของขวัญ" (each part a phrase)')
    p.add_argument("--db", default=DEFAULT_URL, help=f"database URL (default {DEFAULT_URL})")
    p.add_argument("--province", default=None, help="only organizations of this province")
    p.add_argument("--year", type=int, default=None, help="only documents of this B.E. year")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="one JSON object per hit, one per line")
    return p


def run(args: argparse.Namespace) -> int:
    """Print the hits (a table, or JSON Lines with --json); 1 when nothing was found."""
    from prongsai.warehouse import db

    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    engine = db.make_engine(args.db)
    try:
        frame = search(engine, args.query, province=args.province, year=args.year, limit=args.limit)
    finally:
        engine.dispose()
    if args.json:
        for record in frame.astype(object).where(frame.notna(), None).to_dict("records"):
            print(json.dumps(record, ensure_ascii=False))
    else:
        _print_table(frame)
    return 0 if len(frame) else 1


def _print_table(frame: pd.DataFrame) -> None:
    for r in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        year = "" if r["fiscal_year_be"] is None else f" {r['fiscal_year_be']}"
        print(
            f"{r['org_name'] or '?'} ({r['province'] or '?'}) {r['doc_type']}{year} p.{r['page']}"
        )
        print(f"  {r['url'] or r['sha256']}")
        print(f"  {r['snippet']}")


__all__ = [
    "add_parser",
    "index_missing",
    "index_pages",
    "query_parts",
    "run",
    "search",
    "segment",
]
