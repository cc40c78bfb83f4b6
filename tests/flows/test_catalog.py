"""The project catalog: normalization, clustering quality on a hand-labelled sample."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from prongsai.flows.catalog import cluster_names, normalize_name, pairwise_scores, project_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "project_names.csv"


def _sample() -> tuple[list[str], list[str]]:
    with FIXTURE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["name"] for r in rows], [r["cluster"] for r in rows]


def test_normalize_strips_numbering_kind_org_and_case() -> None:
    assert normalize_name("มาตรการ NO Gift Policy") == normalize_name("๑. มาตรการ No Gift Policy")
    assert normalize_name("กิจกรรมงดรับของขวัญและของกำนัล (No Gift Policy)") == "no gift policy"
    a = normalize_name("กิจกรรม “การจัดทำข้อตกลงการปฏิบัติราชการขององค์การบริหารส่วนตำบลเขาทอง”")
    b = normalize_name("2.1 กิจกรรมจัดทำข้อตกลงการปฏิบัติราชการ")
    assert a == b


def test_clustering_precision_on_labelled_sample() -> None:
    names, truth = _sample()
    assert len(names) >= 60
    scores = pairwise_scores(cluster_names(names), truth)
    print(f"catalog clustering: precision {scores['precision']:.3f} recall {scores['recall']:.3f}")
    assert scores["precision"] >= 0.9
    assert scores["recall"] >= 0.6


def test_pairwise_scores() -> None:
    assert pairwise_scores([0, 0, 1], ["a", "a", "b"]) == {
        "precision": 1.0, "recall": 1.0, "pairs_tp": 1, "pairs_fp": 0, "pairs_fn": 0}  # fmt: skip
    assert pairwise_scores([0, 0, 0], ["a", "a", "b"])["precision"] == 1 / 3


def test_catalog_shows_who_runs_what_with_budget(facts_engine: Any) -> None:
    catalog, members = project_catalog(facts_engine)
    nogift = members[members["project"].str.contains("Gift")]
    assert nogift["cluster"].nunique() == 1  # two spellings, one activity
    assert nogift["org_id"].nunique() == 4
    row = catalog[catalog["cluster"] == nogift["cluster"].iloc[0]].iloc[0]
    assert row["organizations"] == 4
    assert row["budget_total"] != row["budget_total"]  # every No Gift cell blank: NaN, not 0
    training = members[members["project"].str.contains("ฝึกอบรม")]
    assert training["budget_total"].tolist() == [30000.0] * 4
