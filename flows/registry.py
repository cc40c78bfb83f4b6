"""The organizations extraction resolves document names against: from the warehouse or a
registry file, as the records `sandbox.Extractor(registry=...)` hands each worker."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from prongsai.flows.sandbox import RegistryRecord


def from_file(path: Path) -> list[RegistryRecord]:
    """Records of a DLA registry CSV (or the simple org CSV)."""
    from prongsai.spiders.registry import parse_registry

    orgs, _problems = parse_registry(path)
    return [(o.dla_code or o.org_id, o.name, o.type or "", o.district, o.province) for o in orgs]


def from_warehouse(db_url: str) -> list[RegistryRecord]:
    """Records of every organization the warehouse holds (none before the first import)."""
    from prongsai.warehouse import db, models

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    models.Organization.org_id,
                    models.Organization.name,
                    models.Organization.type,
                    models.Organization.district,
                    models.Organization.province,
                )
            ).all()
    finally:
        engine.dispose()
    return [(r[0], r[1], r[2] or "", r[3], r[4]) for r in rows]
