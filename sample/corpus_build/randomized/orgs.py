"""Organizations drawn from the sample registry (sample/registry/sample_dla.csv, the DLA format)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY = Path(__file__).resolve().parents[2] / "registry" / "sample_dla.csv"

# registry type -> (short type used by the gold, the name's prefix)
_TYPES = {
    "อบต.": ("อบต.", "องค์การบริหารส่วนตำบล"),
    "เทศบาลตำบล": ("ทต.", "เทศบาลตำบล"),
    "เทศบาลเมือง": ("ทม.", "เทศบาลเมือง"),
    "เทศบาลนคร": ("ทน.", "เทศบาลนคร"),
    "อบจ.": ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
}


@dataclass(frozen=True)
class Org:
    name: str  # องค์การบริหารส่วนตำบลเขาทอง
    type: str  # อบต.
    base: str  # เขาทอง
    district: str
    province: str

    @property
    def short(self) -> str:
        """The short form documents use in running text: อบต.เขาทอง, ทต.เขาโจด."""
        return f"{self.type}{self.base}"

    def gold(self) -> dict[str, str]:
        return {
            "name": self.name,
            "type": self.type,
            "district": self.district,
            "province": self.province,
        }


@cache
def orgs_by_type(path: Path = REGISTRY) -> dict[str, list[Org]]:
    """One Org per organization of the registry (its rows are per covered tambon), by type."""
    seen: dict[str, Org] = {}
    with path.open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            short, prefix = _TYPES[row["ประเภท อปท."]]
            base = row["อปท."].strip()
            org = Org(prefix + base, short, base, row["อำเภอ"].strip(), row["จังหวัด"].strip())
            seen.setdefault(org.name + "|" + org.province, org)
    out: dict[str, list[Org]] = {}
    for org in sorted(seen.values(), key=lambda o: (o.province, o.name)):
        out.setdefault(org.type, []).append(org)
    return out
