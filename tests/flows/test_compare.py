"""Comparisons from a warehouse loaded through the real loaders (tests/flows/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from prongsai.flows import compare


def test_ita_change_since_last_year(facts_engine: Any) -> None:
    totals = compare.ita_totals(facts_engine).set_index(["org_id", "year_be"])
    assert totals.loc[("6600301", 2567), "change"] == 10.75
    assert totals.loc[("6600302", 2567), "change"] == -5.0
    assert str(totals.loc[("6600301", 2566), "change"]) == "nan"  # no 2565 score
    assert ("6600303", 2567) not in totals.index  # no analysis that year: nothing invented
    assert totals.loc[("5400601", 2566), "province"] == "ขอนแก่น"


def test_rankings_within_province_and_type(facts_engine: Any) -> None:
    totals = compare.ita_totals(facts_engine)
    by_province = compare.rankings(totals, "province")
    nsw_2566 = by_province[
        (by_province["province"] == "นครสวรรค์") & (by_province["year_be"] == 2566)
    ]
    assert nsw_2566["org_id"].tolist() == ["6600303", "6600301", "6600302"]
    assert nsw_2566["rank"].tolist() == [1, 2, 3]
    assert set(nsw_2566["of"]) == {3}
    by_type = compare.rankings(totals, "type")
    tt_2566 = by_type[(by_type["type"] == "ทต.") & (by_type["year_be"] == 2566)]
    assert tt_2566["org_id"].tolist() == ["5400601", "6600303"]


def test_distribution_by_type(facts_engine: Any) -> None:
    dist = compare.distribution(compare.ita_totals(facts_engine), "type").set_index(
        ["type", "year_be"]
    )
    assert dist.loc[("อบต.", 2566), "count"] == 2
    assert dist.loc[("อบต.", 2566), "mean"] == 75.25
    assert dist.loc[("ทต.", 2567), "count"] == 1


def test_budgets_keep_null_as_null(facts_engine: Any) -> None:
    budgets = compare.plan_budgets(facts_engine)
    mine = budgets[budgets["org_id"] == "6600301"].set_index(["dimension", "fiscal_year_be"])
    assert mine.loc[(1, 2566), "amount"] == 10000.0  # No Gift (blank) + training 10,000
    assert str(mine.loc[(1, 2567), "amount"]) == "nan"  # every cell blank: not 0
    assert mine.loc[(1, 2567), "blank"] == 2
    assert mine.loc[(2, 2566), "amount"] == 5000.0
    counts = compare.project_counts(facts_engine)
    row = counts[(counts["org_id"] == "6600302") & (counts["dimension"] == 3)]
    assert row["projects"].tolist() == [1]


def test_measures_against_weak_indicators(facts_engine: Any) -> None:
    table = compare.measures_vs_weak(facts_engine)
    weak = table[table["weak"]]
    keys = weak[["org_id", "year_be", "tool", "number"]].values.tolist()
    # Weak in 2566 and again in 2567; measures exist for 2567 only.
    assert keys == [["6600302", 2567, "IIT", 1], ["6600302", 2568, "IIT", 1]]
    answered, unanswered = weak.iloc[0], weak.iloc[1]
    assert answered["measures_same_tool"] == 1
    assert answered["measures_naming_it"] == 1  # "...การปฏิบัติหน้าที่..." names the indicator
    assert unanswered["measures_same_tool"] == 0


def test_write_tables_csv_bom_parquet_xlsx(facts_engine: Any, tmp_path: Path) -> None:
    tables = compare.compare_tables(facts_engine)
    written = compare.write_tables(tables, tmp_path / "out", ["csv", "parquet", "xlsx"])
    csv_path = tmp_path / "out" / "ita_scores.csv"
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "องค์การบริหารส่วนตำบลเขาทอง" in csv_path.read_text(encoding="utf-8-sig")
    back = pd.read_parquet(tmp_path / "out" / "plan_budgets.parquet")
    assert back["amount"].isna().any()
    book = load_workbook(tmp_path / "out" / "out.xlsx", read_only=True)
    assert set(tables) <= set(book.sheetnames)
    assert len(written) == 2 * len(tables) + 1
