"""The accuracy gate: extraction over the committed sample of the randomized test set.

The sample (sample/testset, seeds never tuned on) is read by the production extractor in its
sandbox and scored against its gold. Each figure must stay at or above its floor in
sample/testset/floors.json, the figures last measured: a change that reads any layout worse
fails here. The floors rise toward the bars of the generalization issue (BARS) as readers
improve; `bench/accuracy.py --corpus sample/testset` prints the full table by layout axis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from prongsai.flows import registry
from prongsai.flows.sandbox import Extractor
from prongsai.sample.gold import Scores, load_gold, score

TESTSET = Path(__file__).resolve().parents[2] / "sample" / "testset"
FLOORS = json.loads((TESTSET / "floors.json").read_text(encoding="utf-8"))
# The bars the extractor must reach on documents it has never seen.
BARS = {
    "doc_type": 0.99,
    "org_name": 0.98,
    "org_type": 0.98,
    "org_province": 0.98,
    "projects_f1": 0.97,
    "dimension": 0.98,
    "budgets": 0.99,
    "ita_total": 0.99,
    "ita_level": 0.99,
    "ita_scores": 0.98,
    "measures_f1": 0.95,
}


def figures(s: Scores) -> dict[str, float]:
    return {
        "doc_type": s.doc_type.share,
        "org_name": s.org_name.share,
        "org_type": s.org_type.share,
        "org_province": s.org_province.share,
        "projects_f1": s.projects.f1,
        "dimension": s.dimension.share,
        "budgets": s.budgets.share,
        "ita_total": s.ita_total.share,
        "ita_level": s.ita_level.share,
        "ita_scores": s.ita_scores.share,
        "measures_f1": s.measures.f1,
    }


@pytest.fixture(scope="module")
def results() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    golds = load_gold(TESTSET)
    items = [(name, (TESTSET / name).read_bytes()) for name in golds]
    orgs = registry.from_file(TESTSET.parent / "registry" / "sample_dla.csv")
    with Extractor(2, registry=orgs) as ex:
        found = {o.file: (o.result or {"error": o.error}) for o in ex.map(items)}
    return found, golds


def test_the_sample_is_the_test_set() -> None:
    golds = load_gold(TESTSET)
    assert len(golds) >= 60
    assert all(int(g["seed"]) > 100000 for g in golds.values())  # test seeds, not dev seeds


@pytest.mark.parametrize("name", sorted(BARS))
def test_accuracy_holds_its_floor(results: Any, name: str) -> None:
    found, golds = results
    got = figures(score(found, golds))[name]
    assert got >= FLOORS[name] - 1e-9, f"{name} {got:.3f} fell below its floor {FLOORS[name]}"


def test_no_document_fails(results: Any) -> None:
    found, golds = results
    assert score(found, golds).failures == []
