"""The randomized corpus generator and its committed test sample (sample/testset/).

Checks the committed files and re-draws their gold from the seeds; rendering needs LibreOffice
and is done by hand (sample/testset/README.md), so nothing here renders a PDF.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from prongsai.extract.records import DOC_TYPES, INCONSISTENCY_CODES
from prongsai.sample.corpus_build.randomized import build
from prongsai.sample.corpus_build.randomized.axes import AXES, Draw
from prongsai.sample.corpus_build.randomized.ita import weighted
from prongsai.sample.corpus_build.text import level_of
from prongsai.sample.gold import load_gold, score, score_by_axis

TESTSET = Path(__file__).resolve().parents[2] / "sample" / "testset"
DEV_SEEDS = range(1, 121)


@functools.cache
def _golds() -> dict[str, dict[str, Any]]:
    return load_gold(TESTSET)


def _seeds() -> list[int]:
    return sorted(g["seed"] for g in _golds().values())


def test_sample_is_held_out_and_small() -> None:
    golds = _golds()
    assert len(golds) >= 60
    assert not set(_seeds()) & set(DEV_SEEDS)
    size = sum((TESTSET / f).stat().st_size for f in golds)
    assert size <= 25 * 1024 * 1024
    for file in golds:
        assert (TESTSET / file).read_bytes()[:5] == b"%PDF-"


def test_every_axis_value_occurs() -> None:
    seen = {(a, v) for g in _golds().values() for a, v in g["axes"].items()}
    missing = [(a, v) for a, values in AXES.items() for v in values if (a, v) not in seen]
    assert not missing


@pytest.mark.parametrize("seed", [100001, 100002, 100003])
def test_same_seed_same_gold(seed: int) -> None:
    one = json.dumps(build.make(seed).gold, ensure_ascii=False, sort_keys=True)
    two = json.dumps(build.make(seed).gold, ensure_ascii=False, sort_keys=True)
    assert one == two


def test_committed_gold_is_what_the_seed_draws() -> None:
    for file, gold in sorted(_golds().items())[:12]:
        drawn = json.loads(json.dumps(build.make(gold["seed"]).gold, ensure_ascii=False))
        # the PUA producer decides lost_sara_am after drawing; everything else must agree
        drawn["defects"], committed = [], dict(gold, defects=[])
        assert drawn == committed, file


def test_draw_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="not in AXES"):
        Draw(1).pick("borders", {"dotted": 1.0})


def _clean(text: str | None) -> bool:
    if text is None:
        return True
    return unicodedata.normalize("NFC", text) == text and not re.search(
        r"[๐-๙\uf700-\uf8ff]|\s{2,}|^\s|\s$", text
    )


def test_gold_is_well_formed() -> None:
    for file, g in _golds().items():
        assert g["doc_type"] in DOC_TYPES, file
        assert g["axes"]["kind"] == g["doc_type"], file
        for axis, value in g["axes"].items():
            assert value in AXES[axis], (file, axis, value)
        assert set(g["planted_problems"]) <= INCONSISTENCY_CODES, file
        assert g["organization"]["name"].endswith(g["organization"]["name"][-2:])
        if g["doc_type"] == "anticorruption_plan":
            start, end = g["period"]
            years = [str(y) for y in range(start, end + 1)]
            assert g["projects"], file
            for p in g["projects"]:
                assert p["dimension"] in (1, 2, 3, 4)
                assert p["name"].startswith(p["kind"]), p["name"]
                assert _clean(p["name"]), p["name"]
                assert list(p["budgets"]) == years
                assert all(v is None or v > 0 for v in p["budgets"].values())
        if g["ita"]:
            ita = g["ita"]
            assert [i["number"] for i in ita["indicators"]] == list(range(1, 11))
            year_scores = {
                y: {i["number"]: i["scores"][str(y)] for i in ita["indicators"]}
                for y in (ita["year"],)
            }
            mean = weighted(year_scores[ita["year"]])
            if "ita_total_mismatch" not in g["planted_problems"]:
                assert abs(ita["total"] - mean) <= 1.0, file
            if "ita_level_mismatch" not in g["planted_problems"]:
                assert ita["level"] == level_of(ita["total"]), file
        if g["doc_type"].startswith("integrity_measures"):
            assert g["measures"], file
            for m in g["measures"]:
                assert m["measure"], m
                assert all(_clean(m[k]) for k in m if k != "tool"), m
                assert m["tool"] in ("IIT", "EIT", "OIT", None)
                assert (m["result"] is not None) == (g["doc_type"].endswith("_report"))


def test_gold_scores_perfectly_against_itself_by_axis() -> None:
    golds = _golds()
    results = {
        f: {**g, "problems": [{"code": c} for c in g["planted_problems"]]} for f, g in golds.items()
    }
    assert score(results, golds).projects.f1 == 1.0
    by_axis = score_by_axis(results, golds)
    assert ("producer", "scan") in by_axis
    for s in by_axis.values():
        assert s.projects.f1 == 1.0
        assert s.ita_scores.share == 1.0
        assert not s.false_alarms
