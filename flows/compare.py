"""Comparisons for researchers, from the warehouse, as pandas tables; and the table writers.

Only figures the documents state are used: a budget cell the plan leaves blank ("-") stays NaN
and sums skip it (a dimension whose every cell is blank sums to NaN, not 0); nothing is
interpolated. ITA totals per organization and year are chosen by
`prongsai.warehouse.query.ita_scores` (the year's own analysis first).

Tables (file stems): ita_scores, ita_indicators, ita_rank_province, ita_rank_type,
ita_distribution_type, ita_distribution_province, plan_budgets, plan_project_counts,
measures_vs_weak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz
from sqlalchemy import Engine

from prongsai.warehouse import query

FORMATS = ("csv", "parquet", "xlsx", "html")
# The NACC pass mark: an indicator below it is "weak" and should get a measure the next year.
WEAK_BELOW = 85.0
_MATCH_MIN = 80.0


def _orgs(engine: Engine) -> pd.DataFrame:
    from prongsai.flows.compliance import organizations

    return organizations(engine)[["org_id", "type", "province"]]


def ita_totals(engine: Engine) -> pd.DataFrame:
    """ITA total per organization and year with the change since the organization's last year."""
    scores = query.ita_scores(engine)
    frame = scores[["org_id", "org_name", "year_be", "total", "level", "doc_type", "sha256", "url"]]
    frame = frame.merge(_orgs(engine), on="org_id", how="left")
    frame = frame.sort_values(["org_id", "year_be"], kind="stable")
    previous = frame.groupby("org_id")["total"].shift(1)
    previous_year = frame.groupby("org_id")["year_be"].shift(1)
    # Only a score for exactly the year before counts as "last year".
    frame["change"] = (frame["total"] - previous).where(previous_year == frame["year_be"] - 1)
    columns = ["org_id", "org_name", "type", "province", "year_be", "total", "level", "change",
               "doc_type", "sha256", "url"]  # fmt: skip
    return frame[columns].reset_index(drop=True)


def ita_indicators(engine: Engine) -> pd.DataFrame:
    """Indicator scores per organization and year (one source per score), with the change."""
    raw = query.ita_indicators(engine)
    raw = raw[raw["org_id"].notna()].copy()
    raw["priority"] = (raw["doc_type"] != "ita_analysis").astype(int)
    raw = raw.sort_values(["priority", "sha256"], kind="stable")
    frame = raw.drop_duplicates(["org_id", "year_be", "tool", "number"], keep="first")
    frame = frame.sort_values(["org_id", "tool", "number", "year_be"], kind="stable")
    keys = ["org_id", "tool", "number"]
    previous = frame.groupby(keys)["score"].shift(1)
    previous_year = frame.groupby(keys)["year_be"].shift(1)
    frame["change"] = (frame["score"] - previous).where(previous_year == frame["year_be"] - 1)
    columns = ["org_id", "org_name", "year_be", "tool", "number", "name", "score", "change",
               "sha256", "url"]  # fmt: skip
    return frame[columns].reset_index(drop=True)


def rankings(totals: pd.DataFrame, within: str) -> pd.DataFrame:
    """Rank of each organization's ITA total among those of its `within` group in a year.

    Rank 1 is the highest score; ties share the better rank; organizations without a stated
    total are not ranked.
    """
    frame = totals[totals["total"].notna()].copy()
    group = frame.groupby([within, "year_be"], dropna=False)["total"]
    frame["rank"] = group.rank(method="min", ascending=False).astype("Int64")
    frame["of"] = group.transform("count").astype("Int64")
    frame = frame.sort_values([within, "year_be", "rank", "org_id"], kind="stable")
    return frame[[within, "year_be", "rank", "of", "org_id", "org_name", "total", "level"]]


def distribution(totals: pd.DataFrame, by: str) -> pd.DataFrame:
    """ITA totals summarized per `by` and year: count, mean, quartiles, min, max."""
    frame = totals[totals["total"].notna()]
    if frame.empty:
        columns = [by, "year_be", "count", "mean", "min", "q25", "median", "q75", "max"]
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby([by, "year_be"], dropna=False)["total"]
    out = grouped.agg(["count", "mean", "min", "median", "max"])
    out["q25"] = grouped.quantile(0.25)
    out["q75"] = grouped.quantile(0.75)
    out = out.reset_index().round(2)
    return out[[by, "year_be", "count", "mean", "min", "q25", "median", "q75", "max"]]


def plan_budgets(engine: Engine) -> pd.DataFrame:
    """Plan budget per organization, plan (sha256), dimension and fiscal year.

    ``amount`` sums the amounts stated (NaN when no cell of that dimension and year states one);
    ``stated`` and ``blank`` count the project cells with and without an amount.
    """
    rows = query.projects_budgets(engine)
    rows = rows[rows["fiscal_year_be"].notna()]
    keys = ["org_id", "org_name", "sha256", "period_first_be", "period_last_be", "dimension",
            "fiscal_year_be"]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "amount", "stated", "blank"])
    grouped = rows.groupby(keys, dropna=False)["amount"]
    out = pd.DataFrame(
        {
            "amount": grouped.sum(min_count=1),
            "stated": grouped.count(),
            "blank": grouped.size() - grouped.count(),
        }
    ).reset_index()
    out["fiscal_year_be"] = out["fiscal_year_be"].astype(int)
    return out


def project_counts(engine: Engine) -> pd.DataFrame:
    """Number of projects (rows of Part 2) per organization, plan and dimension."""
    rows = query.projects_budgets(engine)
    keys = ["org_id", "org_name", "sha256", "period_first_be", "period_last_be", "dimension"]
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "projects"])
    projects = rows.drop_duplicates(["sha256", "seq"])
    out = projects.groupby(keys, dropna=False).size().rename("projects").reset_index()
    return out


def measures_vs_weak(engine: Engine, indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each organization and year Y: indicators weak in Y-1 and the measures adopted in Y.

    A measure answers an indicator when it is under the same ITA tool (IIT/EIT/OIT) and its text
    names the indicator (rapidfuzz partial_ratio >= 80); ``measures_same_tool`` counts the
    year's measures under that tool either way.
    """
    scores = indicators if indicators is not None else ita_indicators(engine)
    acts = query.measures(engine)
    acts = acts[acts["doc_type"] == "integrity_measures"]
    # Measures by (organization, year, tool), looked up per indicator: filtering the whole
    # table per indicator was quadratic in organizations (137 s at 1,000, issue 8).
    adopted = {(o, y) for o, y in zip(acts["org_id"], acts["fiscal_year_be"], strict=True)}
    by_tool: dict[Any, list[Any]] = (
        acts.groupby(["org_id", "fiscal_year_be", "tool"])["measure"].agg(list).to_dict()
    )
    rows = []
    for ind in scores.to_dict("records"):
        if pd.isna(ind["score"]) or pd.isna(ind["year_be"]):
            continue
        year = int(ind["year_be"]) + 1
        if (ind["org_id"], year) not in adopted and ind["score"] >= WEAK_BELOW:
            continue
        same_tool = by_tool.get((ind["org_id"], year, ind["tool"]), [])
        matched = [
            str(m) for m in same_tool if fuzz.partial_ratio(str(ind["name"]), str(m)) >= _MATCH_MIN
        ]
        rows.append(
            {
                "org_id": ind["org_id"],
                "org_name": ind["org_name"],
                "year_be": year,
                "tool": ind["tool"],
                "number": ind["number"],
                "indicator": ind["name"],
                "score_previous_year": ind["score"],
                "weak": bool(ind["score"] < WEAK_BELOW),
                "measures_same_tool": len(same_tool),
                "measures_naming_it": len(matched),
                "measures": " | ".join(matched) or None,
            }
        )
    columns = ["org_id", "org_name", "year_be", "tool", "number", "indicator",
               "score_previous_year", "weak", "measures_same_tool", "measures_naming_it",
               "measures"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.drop_duplicates(["org_id", "year_be", "tool", "number"])
    return frame.sort_values(["org_id", "year_be", "tool", "number"]).reset_index(drop=True)


def compare_tables(engine: Engine) -> dict[str, pd.DataFrame]:
    """Every comparison, by table name (the file stem each is written under)."""
    totals = ita_totals(engine)
    indicators = ita_indicators(engine)
    return {
        "ita_scores": totals,
        "ita_indicators": indicators,
        "ita_rank_province": rankings(totals, "province"),
        "ita_rank_type": rankings(totals, "type"),
        "ita_distribution_type": distribution(totals, "type"),
        "ita_distribution_province": distribution(totals, "province"),
        "plan_budgets": plan_budgets(engine),
        "plan_project_counts": project_counts(engine),
        "measures_vs_weak": measures_vs_weak(engine, indicators),
    }


# --- writers ------------------------------------------------------------------------------------


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Timezone-aware timestamps as ISO text, which Excel cannot hold and Parquet keeps anyway."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = series.map(lambda v: v.isoformat() if pd.notna(v) else None)
        elif series.dtype == object:
            out[column] = series.map(
                lambda v: v.isoformat() if hasattr(v, "isoformat") and not isinstance(v, str) else v
            )
    return out


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: Path, formats: Iterable[str] = ("csv",)
) -> list[Path]:
    """Write each table as CSV (UTF-8 with BOM, for Excel), Parquet, and one XLSX workbook.

    ``html`` is written by `prongsai.flows.report`; it is ignored here.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {FORMATS}")
    plain = {name: _plain(frame) for name, frame in tables.items()}
    if "csv" in wanted:
        for name, frame in plain.items():
            path = out_dir / f"{name}.csv"
            frame.to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    if "parquet" in wanted:
        for name, frame in plain.items():
            path = out_dir / f"{name}.parquet"
            frame.to_parquet(path, index=False)
            written.append(path)
    if "xlsx" in wanted:
        path = out_dir / f"{out_dir.name or 'tables'}.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in plain.items():
                frame.to_excel(writer, sheet_name=name[:31], index=False)
        written.append(path)
    return written
