"""Score extraction results against the corpus gold (the figures `bench/accuracy.py` prints).

Project rows match by name after whitespace removal; measures by the measure text likewise.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prongsai.extract.records import INCONSISTENCY_CODES

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


def load_gold(corpus_dir: Path = CORPUS_DIR) -> dict[str, dict[str, Any]]:
    """Gold facts by PDF file name."""
    out = {}
    for path in sorted(corpus_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[gold.get("file") or path.name.replace(".gold.json", ".pdf")] = gold
    return out


def squash(text: str | None) -> str:
    """Text compared without whitespace, NFC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or ""))


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class F1:
    found: int = 0
    expected: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    doc_type: Tally = field(default_factory=Tally)
    org_name: Tally = field(default_factory=Tally)
    org_type: Tally = field(default_factory=Tally)
    org_province: Tally = field(default_factory=Tally)
    period: Tally = field(default_factory=Tally)
    fiscal_year: Tally = field(default_factory=Tally)
    projects: F1 = field(default_factory=F1)
    dimension: Tally = field(default_factory=Tally)
    budgets: Tally = field(default_factory=Tally)
    ita_total: Tally = field(default_factory=Tally)
    ita_level: Tally = field(default_factory=Tally)
    ita_scores: Tally = field(default_factory=Tally)
    measures: F1 = field(default_factory=F1)
    planted: Tally = field(default_factory=Tally)
    false_alarms: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def t(name: str, x: Tally) -> str:
            return f"{name:<22} {x.share:6.1%}  ({x.right}/{x.total})"

        def f(name: str, x: F1) -> str:
            return (
                f"{name:<22} F1 {x.f1:.3f}  (P {x.precision:.3f}, R {x.recall:.3f}; "
                f"{x.matched} matched of {x.expected} expected, {x.found} found)"
            )

        return [
            t("doc_type", self.doc_type),
            t("organization name", self.org_name),
            t("organization type", self.org_type),
            t("organization province", self.org_province),
            t("fiscal_year", self.fiscal_year),
            t("plan period", self.period),
            f("plan project rows", self.projects),
            t("project dimension", self.dimension),
            t("project budgets exact", self.budgets),
            t("ITA total", self.ita_total),
            t("ITA level", self.ita_level),
            t("ITA indicator scores", self.ita_scores),
            f("measure rows", self.measures),
            t("planted problems found", self.planted),
            f"{'false alarms':<22} {len(self.false_alarms)}",
            f"{'extraction failures':<22} {len(self.failures)}",
        ]


def _match(expected: list[str], found: list[str]) -> list[tuple[int, int]]:
    """Pairs (expected index, found index) of equal keys, each used once, in order."""
    pool: dict[str, list[int]] = {}
    for j, key in enumerate(found):
        pool.setdefault(key, []).append(j)
    pairs = []
    for i, key in enumerate(expected):
        if pool.get(key):
            pairs.append((i, pool[key].pop(0)))
    return pairs


def _score_projects(
    s: Scores, file: str, gold: list[dict[str, Any]], got: list[dict[str, Any]]
) -> None:
    keys_g = [squash(p["name"]) for p in gold]
    keys_f = [squash(p.get("name")) for p in got]
    pairs = _match(keys_g, keys_f)
    s.projects.expected += len(gold)
    s.projects.found += len(got)
    s.projects.matched += len(pairs)
    matched_g = {i for i, _ in pairs}
    s.projects.misses += [
        f"{file}: missing {gold[i]['name']}" for i in range(len(gold)) if i not in matched_g
    ]
    matched_f = {j for _, j in pairs}
    s.projects.misses += [
        f"{file}: extra {got[j].get('name')}" for j in range(len(got)) if j not in matched_f
    ]
    for i, j in pairs:
        g, f = gold[i], got[j]
        s.dimension.add(g.get("dimension") == f.get("dimension"), f"{file}: {g['name']} dimension")
        gb = {str(k): v for k, v in (g.get("budgets") or {}).items()}
        fb = {str(k): v for k, v in (f.get("budgets") or {}).items()}
        s.budgets.add(gb == fb, f"{file}: {g['name']} budgets {fb} != {gb}")


def _score_ita(
    s: Scores, file: str, gold: dict[str, Any] | None, got: dict[str, Any] | None
) -> None:
    if gold is None:
        return
    got = got or {}
    s.ita_total.add(got.get("total") == gold.get("total"), f"{file}: total {got.get('total')}")
    s.ita_level.add(got.get("level") == gold.get("level"), f"{file}: level {got.get('level')}")
    found = {(i.get("tool"), i.get("number")): i for i in got.get("indicators") or []}
    for ind in gold.get("indicators") or []:
        f = found.get((ind["tool"], ind["number"]), {})
        for year, score in (ind.get("scores") or {}).items():
            fs = (f.get("scores") or {}).get(str(year))
            s.ita_scores.add(
                fs == score, f"{file}: {ind['tool']}{ind['number']} {year} {fs} != {score}"
            )


def score(results: dict[str, dict[str, Any]], golds: dict[str, dict[str, Any]]) -> Scores:
    """Compare extraction results (contract JSON by file name) with the gold."""
    s = Scores()
    for file, gold in sorted(golds.items()):
        got = results.get(file)
        if got is None or got.get("error"):
            s.failures.append(f"{file}: {got.get('error') if got else 'no result'}")
            got = {}
        s.doc_type.add(got.get("doc_type") == gold["doc_type"], f"{file}: {got.get('doc_type')}")
        go, fo = gold.get("organization") or {}, got.get("organization") or {}
        s.org_name.add(fo.get("name") == go.get("name"), f"{file}: {fo.get('name')}")
        s.org_type.add(fo.get("type") == go.get("type"), f"{file}: {fo.get('type')}")
        s.org_province.add(
            fo.get("province") == go.get("province"), f"{file}: {fo.get('province')}"
        )
        s.fiscal_year.add(
            got.get("fiscal_year") == gold.get("fiscal_year"), f"{file}: {got.get('fiscal_year')}"
        )
        gp = list(gold["period"]) if gold.get("period") else None
        fp = list(got["period"]) if got.get("period") else None
        s.period.add(gp == fp, f"{file}: {fp}")
        _score_projects(s, file, gold.get("projects") or [], got.get("projects") or [])
        _score_ita(s, file, gold.get("ita"), got.get("ita"))
        gm = [squash(m["measure"]) for m in gold.get("measures") or []]
        fm = [squash(m.get("measure")) for m in got.get("measures") or []]
        pairs = _match(gm, fm)
        s.measures.expected += len(gm)
        s.measures.found += len(fm)
        s.measures.matched += len(pairs)
        matched = {i for i, _ in pairs}
        s.measures.misses += [f"{file}: {m}" for i, m in enumerate(gm) if i not in matched]
        raised = Counter(
            p["code"] for p in got.get("problems") or [] if p["code"] in INCONSISTENCY_CODES
        )
        planted = set(gold.get("planted_problems") or [])
        for code in sorted(planted):
            s.planted.add(raised[code] > 0, f"{file}: {code} not raised")
        s.false_alarms += [f"{file}: {code}" for code in sorted(raised) if code not in planted]
    return s


def score_by_axis(
    results: dict[str, dict[str, Any]], golds: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], Scores]:
    """`score()` over the documents of each (axis, value) the golds name in their `axes`.

    The randomized corpus (sample/corpus_build/randomized) records every layout axis it drew,
    e.g. ("borders", "hrules"): a low score there says which layouts the extractor misreads.
    Golds without `axes` (the fixed corpus) are left out.
    """
    groups: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for file, gold in golds.items():
        for axis, value in (gold.get("axes") or {}).items():
            groups.setdefault((axis, str(value)), {})[file] = gold
    return {key: score(results, sub) for key, sub in sorted(groups.items())}


def axis_lines(by_axis: dict[tuple[str, str], Scores]) -> list[str]:
    """One line per (axis, value): documents, doc_type, project F1, budgets, ITA scores, measures."""
    out = [
        f"{'axis':<28} {'value':<26} {'docs':>4} {'type':>6} {'proj F1':>7} {'budget':>6} "
        f"{'ita':>6} {'meas F1':>7}"
    ]
    for (axis, value), s in by_axis.items():
        out.append(
            f"{axis:<28} {value:<26} {s.doc_type.total:>4} {s.doc_type.share:6.1%} "
            f"{s.projects.f1:7.3f} {s.budgets.share:6.1%} {s.ita_scores.share:6.1%} "
            f"{s.measures.f1:7.3f}"
        )
    return out
