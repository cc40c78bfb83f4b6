"""The national sample web: every organization of the DLA registry gets a site, lazily."""

from __future__ import annotations

import json
import urllib.request
from collections import Counter

import pytest
from pythainlp.corpus import provinces

from prongsai.sample.web import serve_in_thread
from prongsai.sample.web.national import (
    PROVINCE_OF_CODE,
    REGISTRY_JSON,
    TYPE_OF,
    LazySites,
    NationalWeb,
)

pytestmark = pytest.mark.skipif(
    not REGISTRY_JSON.exists(), reason=f"no DLA registry at {REGISTRY_JSON}"
)


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    data = json.loads(REGISTRY_JSON.read_text(encoding="utf-8"))
    found: list[dict[str, object]] = data["localAuthorities"]
    return found


@pytest.fixture(scope="module")
def web() -> NationalWeb:
    return NationalWeb.from_json()


def test_every_organization_has_a_site_named_from_the_registry(
    web: NationalWeb, records: list[dict[str, object]]
) -> None:
    assert len(records) == len(web.orgs) == len(web.sites) == 7849
    by_code = {o.code: o for o in web.orgs}
    assert len(by_code) == len(records)
    for r in records:
        org = by_code[str(r["dlaCode"])]
        assert org.name == r["nameTh"]
        assert org.district == r["districtNameTh"]
        assert org.type == TYPE_OF[str(r["type"])]
        assert org.province == PROVINCE_OF_CODE[str(r["provinceCode"])]
        assert org.domain in web.sites


def test_provinces_are_the_real_76(web: NationalWeb) -> None:
    real = {p["name_th"] for p in provinces(details=True)}
    assert set(PROVINCE_OF_CODE.values()) <= real
    assert len({o.province for o in web.orgs}) == 76
    assert Counter(o.type for o in web.orgs)["อบต."] == 5300


def test_sites_are_built_on_first_use_and_vary(web: NationalWeb) -> None:
    sites = web.sites
    assert isinstance(sites, LazySites)
    domains = [o.domain for o in web.orgs[:200:10]]
    built = [sites[str(d)] for d in domains]
    assert len(sites._built) < 100  # the rest stay unbuilt
    assert len({s.platform for s in built}) >= 3
    shas = [d.sha256 for s in built for d in s.documents]
    assert len(shas) == len(set(shas)) > 50


def test_mutation_changes_one_site_only(web: NationalWeb) -> None:
    code = next(o.code for o in web.orgs if len(web.sites[str(o.domain)].documents) >= 2)
    other = web.orgs[-1]
    before = web.site_of(code)
    kept = web.site_of(other.code)  # built before the mutation: shared after it
    after = web.with_mutation(code)
    changed = after.site_of(code)
    assert before is not None
    assert changed is not None
    assert changed.mutated
    assert changed.documents[0].sha256 != before.documents[0].sha256
    assert after.site_of(other.code) is kept
    again = after.without_mutations().site_of(code)
    assert again is not None
    assert again.documents == before.documents


def test_served_by_host(web: NationalWeb) -> None:
    org = web.orgs[1234]
    with serve_in_thread(web=web) as server:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.port}/", headers={"Host": f"www.{org.domain}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            body = response.read()
    site = web.sites[str(org.domain)]
    encoding = "cp874" if "cp874" in site.features else "utf-8"
    assert org.full_name in body.decode(encoding)
