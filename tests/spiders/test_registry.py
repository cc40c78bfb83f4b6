from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from prongsai.spiders import store
from prongsai.spiders.registry import DLA_HEADER, parse_registry, parse_registry_text, parse_website
from prongsai.warehouse.models import Organization

SHARED = Path(__file__).resolve().parents[3] / "shared" / "registry" / "dla_re01_sample.csv"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("www.Khlongphon go.th", "http://khlongphon.go.th/"),
        ("WWW..Aolueknuea.go.th", "http://aolueknuea.go.th/"),
        ("www,tlpm.go.th", "http://tlpm.go.th/"),
        ("hattp://www.kiriwong.go.th", "http://kiriwong.go.th/"),
        ("http://www.khlongthomcity.go.th/", "http://khlongthomcity.go.th/"),
        ("https://www.prudinna.go.th", "https://prudinna.go.th/"),
        ("khlongthomnuea.go.th", "http://khlongthomnuea.go.th/"),
        ("www.thungsaithong.go.th/index.php?x=1", "http://thungsaithong.go.th/"),
        ("www.aoluktai.org ", "http://aoluktai.org/"),
        ("http://a.go.th:8080/x", "http://a.go.th:8080/"),
    ],
)
def test_website_cleaned(raw: str, url: str) -> None:
    assert parse_website(raw) == (url, None)


@pytest.mark.parametrize(
    "raw", ["", "-", '"-"', "ไม่มี", ".org", "www.", "องค์การบริหารส่วนตำบล", "ftp://x.go.th"]
)
def test_website_not_guessed(raw: str) -> None:
    url, error = parse_website(raw)
    assert url is None
    assert error


def test_dla_quoting_and_repeats() -> None:
    rows = [
        ",".join(DLA_HEADER),
        'กระบี่,เมือง,ก,6810101,อบต.,ทุ่งลุ่ม,1,2,81000,,,,"www,tlpm.go.th"',
        'กระบี่,เมือง,ข,6810101,อบต.,ทุ่งลุ่ม,1,2,81000,,,,"www,tlpm.go.th"',
        'กระบี่,เมือง,ค,6810102,อบต.,ไม่มีเว็บ,1,2,81000,,,,"""-"""',
    ]
    orgs, problems = parse_registry_text("\ufeff" + "\n".join(rows) + "\n")
    assert [(o.org_id, o.name, o.website) for o in orgs] == [
        ("6810101", "องค์การบริหารส่วนตำบลทุ่งลุ่ม", "http://tlpm.go.th/"),
        ("6810102", "องค์การบริหารส่วนตำบลไม่มีเว็บ", None),
    ]
    assert [(p.org_id, p.field) for p in problems] == [("6810102", "website")]


@pytest.mark.skipif(not SHARED.exists(), reason="shared/registry not present")
def test_dla_file_as_published() -> None:
    orgs, problems = parse_registry(SHARED)
    codes = [o.org_id for o in orgs]
    assert len(codes) == len(set(codes))
    by_code = {o.org_id: o for o in orgs}
    assert by_code["5810402"].website == "http://khlongphon.go.th/"
    assert by_code["6810506"].website == "http://aolueknuea.go.th/"
    assert by_code["5810404"].website is None
    assert {p.org_id for p in problems} == {o.org_id for o in orgs if o.website is None}


def test_reimport_updates_never_duplicates(tmp_path: Path) -> None:
    csv_path = tmp_path / "orgs.csv"
    csv_path.write_text(
        "org_id,name,type,district,province,website\n"
        "6600301,องค์การบริหารส่วนตำบลเขาทอง,อบต.,ไร่ลาน,นครสวรรค์,www.khaothong.go.th\n",
        encoding="utf-8",
    )
    engine = store.open_db(f"sqlite:///{tmp_path / 'db.sqlite'}")
    orgs, _ = parse_registry(csv_path)
    assert store.load_organizations(engine, orgs)["inserted"] == 1
    csv_path.write_text(
        csv_path.read_text(encoding="utf-8").replace("www.khaothong", "khaothong2"),
        encoding="utf-8",
    )
    orgs, _ = parse_registry(csv_path)
    assert store.load_organizations(engine, orgs)["updated"] == 1
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Organization)) == 1
        assert conn.scalar(select(Organization.website)) == "http://khaothong2.go.th/"
    engine.dispose()
