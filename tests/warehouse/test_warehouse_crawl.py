"""Crawl helpers: organizations, fetches, URL-level documents and their versions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from warehouse_records import NOW, sha

from prongsai.warehouse import load
from prongsai.warehouse.db import session_scope
from prongsai.warehouse.models import Document, DocumentVersion, Fetch, File, Organization

URL = "https://www.khlongthomcity.go.th/ita/plan2566.pdf"
REGISTRY = [
    load.OrgRecord(
        name="คลองท่อมใต้",
        dla_code="5810401",
        type="ทต.",
        district="คลองท่อม",
        province="กระบี่",
        website="https://www.khlongthomcity.go.th/",
        website_raw="http://www.khlongthomcity.go.th/",
    ),
    load.OrgRecord(name="เขาทอง", type="อบต.", district="พยุหะคีรี", province="นครสวรรค์"),
]


def test_upsert_organizations_inserts_then_updates_only_what_changed(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert load.upsert_organizations(session, REGISTRY) == {
            "inserted": 2,
            "updated": 0,
            "unchanged": 0,
        }
    moved = [
        REGISTRY[0],
        load.OrgRecord(
            name="เขาทอง",
            type="อบต.",
            district="พยุหะคีรี",
            province="นครสวรรค์",
            website_raw="www.khaothong.go.th ",
            website_error="no scheme",
        ),
    ]
    with session_scope(engine) as session:
        counts = load.upsert_organizations(session, moved)
    assert counts == {"inserted": 0, "updated": 1, "unchanged": 1}
    with Session(engine) as session:
        rows = {o.org_id: o for o in session.scalars(select(Organization))}
    slug = load.org_id_for("เขาทอง", type="อบต.", district="พยุหะคีรี", province="นครสวรรค์")
    assert set(rows) == {"5810401", slug}
    assert rows[slug].website_error == "no scheme"
    assert rows["5810401"].type == "ทต."


def test_slug_is_stable_across_whitespace() -> None:
    a = load.org_id_for("เขาทอง", type="อบต.", province="นครสวรรค์")
    b = load.org_id_for(" เขาทอง ", type="อบต.", province="นครสวรรค์")
    assert a == b
    assert a != load.org_id_for("เขาทอง", type="ทต.", province="นครสวรรค์")


def test_record_fetch_is_idempotent_on_url_and_time(engine: Engine) -> None:
    with session_scope(engine) as session:
        first = load.record_fetch(session, url=URL, fetched_at=NOW, error="timeout")
        again = load.record_fetch(
            session, url=URL, fetched_at=NOW, status=200, nbytes=1234, sha256=sha(1)
        )
        later = load.record_fetch(session, url=URL, fetched_at=NOW + timedelta(hours=1), status=304)
    assert first == again != later
    with Session(engine) as session:
        row = session.get(Fetch, first)
        assert row is not None
        assert (row.status, row.bytes, row.error) == (200, 1234, None)
        assert row.fetched_at == NOW
        assert session.get(File, sha(1)) is not None


def test_changed_bytes_at_the_same_url_are_a_new_version(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_organizations(session, REGISTRY)
        seen1 = load.upsert_document(
            session, url=URL, sha256=sha(1), seen_at=NOW, org_id="5810401", link_text="แผน 2566"
        )
        same = load.upsert_document(session, url=URL, sha256=sha(1), seen_at=NOW)
        seen2 = load.upsert_document(
            session, url=URL, sha256=sha(2), seen_at=NOW + timedelta(days=30)
        )
    assert (seen1.new_document, seen1.new_version) == (True, True)
    assert (same.new_document, same.new_version) == (False, False)
    assert same.version_id == seen1.version_id
    assert (seen2.new_document, seen2.new_version) == (False, True)
    assert seen2.document_id == seen1.document_id
    with Session(engine) as session:
        doc = session.scalars(select(Document)).one()
        assert doc.last_seen == NOW + timedelta(days=30)
        assert doc.link_text == "แผน 2566"  # None keeps what was known
        assert doc.org_id == "5810401"
        assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 2


def test_mark_gone_and_seen_again(engine: Engine) -> None:
    with session_scope(engine) as session:
        load.upsert_document(session, url=URL, sha256=sha(1), seen_at=NOW)
        assert load.mark_gone(session, [URL, "https://example.go.th/none.pdf"]) == 1
        assert load.mark_gone(session, [URL]) == 0
    with Session(engine) as session:
        assert session.scalar(select(Document.status)) == "gone"
    with session_scope(engine) as session:
        load.upsert_document(session, url=URL, sha256=sha(1), seen_at=NOW + timedelta(days=1))
    with Session(engine) as session:
        assert session.scalar(select(Document.status)) == "active"


def test_record_extraction_run_keeps_failures(engine: Engine) -> None:
    with session_scope(engine) as session:
        run = load.record_extraction_run(
            session,
            sha256=sha(3),
            extractor_version="1.0",
            started_at=NOW,
            outcome="failed",
            error="pdfminer: Unexpected EOF",
        )
        again = load.record_extraction_run(
            session,
            sha256=sha(3),
            extractor_version="1.0",
            started_at=NOW,
            outcome="failed",
            error="pdfminer: Unexpected EOF",
        )
    assert run == again
