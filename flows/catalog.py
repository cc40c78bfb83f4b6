"""A catalog of projects across organizations: the same activity under its many spellings.

"มาตรการ No Gift Policy", "มาตรการ NO Gift Policy" and "กิจกรรมงดรับของขวัญและของกำนัล (No Gift
Policy)" are one activity. Names are normalized (`normalize_name`: NFC, Latin casefolded,
numbering, quotes, kind words โครงการ/กิจกรรม/มาตรการ, the organization's own name and fiscal
years removed, then cut into words with PyThaiNLP's newmm and stop words dropped), compared with
rapidfuzz's token_set_ratio, and grouped by average linkage: two groups merge while the mean
similarity between their members reaches the threshold, which keeps one shared word from
chaining unrelated activities together as single linkage would.

Cost: the similarity matrix is quadratic in the number of *distinct normalized* names (a plan's
"No Gift Policy" spelled the same way by 500 organizations counts once).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from sqlalchemy import Engine

from prongsai.extract.numbers import to_arabic_digits
from prongsai.warehouse import query

THRESHOLD = 65.0
_NUMBERING = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]?\s*)+")
_KIND = re.compile(r"^(?:ชื่อ)?(?:โครงการ|กิจกรรม|มาตรการ)\s*[:：]?\s*")
# The organization's own name: "...ขององค์การบริหารส่วนตำบลเขาทอง", "ของเทศบาลตำบลหนองบัวแดง".
_ORG = re.compile(
    r"(?:ของ|ใน)?\s*(?:องค์การบริหารส่วน(?:ตำบล|จังหวัด)|องค์กรปกครองส่วนท้องถิ่น|"
    r"เทศบาล(?:ตำบล|เมือง|นคร)?|อบต\.?|อบจ\.?|อปท\.?|ทต\.|ทม\.|ทน\.)\S*"
)
_YEARS = re.compile(r"(?:ประจำ)?(?:ปี)?(?:งบประมาณ)?\s*(?:พ\.ศ\.)?\s*25\d\d")
_PUNCT = re.compile(r"[\"'“”‘’()\[\]{}/:;,.!?\-–—_]+")
_STOP = frozenset(
    {"การ", "ของ", "และ", "ให้", "แก่", "ใน", "ที่", "ประจำ", "ปี", "ประจำปี", "งบประมาณ", "เพื่อ",
     "ต่อ", "กับ", "เรื่อง", "ด้าน", "ตาม", "โดย", "จาก", "มี", "ผ่าน", "ความ"}
)  # fmt: skip
# Equivalent phrasings no string measure can see.
_SYNONYMS = ((re.compile(r"(?:งด|ไม่)รับของขวัญ(?:และ)?(?:ของกำนัล)?(?:ทุกชนิด)?"), " no gift policy "),)


def normalize_name(name: str) -> str:
    """The words of a project name that identify the activity, space-separated.

    >>> normalize_name("๑. มาตรการ “ไม่รับของขวัญ” (No Gift Policy)")
    'no gift policy'
    """
    from pythainlp.tokenize import word_tokenize

    text = unicodedata.normalize("NFC", to_arabic_digits(name)).casefold()
    text = _NUMBERING.sub("", text)
    text = _PUNCT.sub(" ", text).strip()
    text = _KIND.sub("", text)
    text = _ORG.sub(" ", text)
    text = _YEARS.sub(" ", text)
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    words = word_tokenize(text, engine="newmm", keep_whitespace=False)
    kept = [w.strip() for w in words if w.strip() and w.strip() not in _STOP]
    # Set semantics: "no gift policy no gift policy" is "no gift policy".
    return " ".join(dict.fromkeys(kept))


def similarity(a: Sequence[str], b: Sequence[str] | None = None) -> np.ndarray:
    """Pairwise token_set_ratio (0-100) of normalized names."""
    return process.cdist(a, b if b is not None else a, scorer=fuzz.token_set_ratio, workers=-1)


def cluster_names(names: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """A cluster id per name (0, 1, ... in order of first appearance), by average linkage."""
    normal = [normalize_name(n) for n in names]
    distinct = list(dict.fromkeys(normal))
    labels = _average_linkage(similarity(distinct).astype(float), threshold)
    by_norm = dict(zip(distinct, labels, strict=True))
    renumber: dict[int, int] = {}
    return [renumber.setdefault(by_norm[n], len(renumber)) for n in normal]


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    n = len(sim)
    if n == 0:
        return []
    sim = sim.copy()
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    label = list(range(n))
    while True:
        masked = np.where(alive[:, None] & alive[None, :], sim, -np.inf)
        flat = int(np.argmax(masked))
        i, j = divmod(flat, n)
        if masked[i, j] < threshold:
            break
        # Lance-Williams update for average linkage: j joins i.
        merged = (size[i] * sim[i] + size[j] * sim[j]) / (size[i] + size[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        size[i] += size[j]
        alive[j] = False
        label = [i if x == j else x for x in label]
    return label


def pairwise_scores(predicted: Sequence[int], truth: Sequence[object]) -> dict[str, float]:
    """Pairwise precision and recall of a clustering against true labels."""
    tp = fp = fn = 0
    for i in range(len(truth)):
        for j in range(i + 1, len(truth)):
            same_pred = predicted[i] == predicted[j]
            same_true = truth[i] == truth[j]
            tp += same_pred and same_true
            fp += same_pred and not same_true
            fn += same_true and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "pairs_tp": tp, "pairs_fp": fp,
            "pairs_fn": fn}  # fmt: skip


def _common_spelling(spellings: pd.Series) -> str:
    counts = spellings.astype(str).value_counts()
    names = [str(name) for name in counts.index]
    return sorted(names, key=lambda name: (-int(counts[name]), len(name), name))[0]


def project_catalog(
    engine: Engine, threshold: float = THRESHOLD
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalog, members): one row per activity cluster, and one per project with its cluster.

    ``members`` lists which organization runs which project, with the budget its plan states
    per year as ``budget_<year>`` columns (NaN where the plan states none) and ``budget_total``
    (the sum of the stated amounts; NaN when none is stated).
    """
    rows = query.projects_budgets(engine)
    member_cols = ["cluster", "activity", "org_id", "org_name", "dimension", "kind", "project",
                   "sha256", "url", "budget_total"]  # fmt: skip
    catalog_cols = ["cluster", "activity", "organizations", "projects", "budget_total", "names"]
    if rows.empty:
        return pd.DataFrame(columns=catalog_cols), pd.DataFrame(columns=member_cols)
    keys = ["org_id", "org_name", "sha256", "seq", "dimension", "kind", "project", "url"]
    # One amount per project (sha256, seq) and year: "first" keeps a blank cell NaN, not 0.
    # Unstacked on the project's own key: a pivot_table over all eight keys with dropna=False
    # built their cartesian product (210 GiB at 100 organizations, issue 8).
    wide = (
        rows.dropna(subset=["fiscal_year_be"])
        .groupby(["sha256", "seq", "fiscal_year_be"])["amount"]
        .first()
        .unstack("fiscal_year_be")
    )
    wide.columns = [f"budget_{int(c)}" for c in wide.columns]
    projects = rows.drop_duplicates(["sha256", "seq"])[keys]
    members = projects.merge(wide, left_on=["sha256", "seq"], right_index=True, how="left")
    members = members.reset_index(drop=True)
    budget_cols = [c for c in members.columns if c.startswith("budget_")]
    members["budget_total"] = members[budget_cols].sum(axis=1, min_count=1)
    members["cluster"] = cluster_names(members["project"].astype(str).tolist(), threshold)
    # The activity's name: its most common spelling, shortest first among equals.
    names = members.groupby("cluster")["project"].agg(_common_spelling)
    members["activity"] = members["cluster"].map(names)
    catalog = (
        members.groupby(["cluster", "activity"])
        .agg(
            organizations=("org_id", "nunique"),
            projects=("project", "size"),
            budget_total=("budget_total", lambda s: s.sum(min_count=1)),
            names=("project", lambda s: " | ".join(dict.fromkeys(s))),
        )
        .reset_index()
        .sort_values(["organizations", "projects", "cluster"], ascending=[False, False, True])
    )
    ordered = member_cols[:-1] + budget_cols + ["budget_total"]
    return catalog.reset_index(drop=True), members[ordered].sort_values(["cluster", "org_id"])
