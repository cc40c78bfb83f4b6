"""The national sample web: one site for every organization of the real DLA registry.

`../shared/registry/localAuthorities.json` (third-party data, read where it lies, never copied)
lists all 7,849 organizations with their DLA code, Thai name, type and district; the province
comes from the code's digits 2-3. Each organization gets a site at ``lao<code>.go.th`` built by
`sites.build_site` (platform, features and documents hashed from its code), so content varies
the way the 1,230-site sample does and every document sha256 is unique.

Sites are built lazily, on first request, and cached: a test that looks at a handful of sites
never pays for 7,849 of them.

>>> to_org({"dlaCode": "5810401", "nameTh": "คลองท่อมใต้",
...         "type": "subdistrict_municipality", "districtNameTh": "คลองท่อม"}).province
'กระบี่'
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prongsai.sample.web.documents import CorpusDoc, corpus, fallback_corpus
from prongsai.sample.web.registry import Org
from prongsai.sample.web.sites import SampleWeb, Site, build_site

REGISTRY_JSON = Path(__file__).resolve().parents[3] / "shared/registry/localAuthorities.json"

TYPE_OF = {
    "subdistrict_admin_org": "อบต.",
    "subdistrict_municipality": "เทศบาลตำบล",
    "town_municipality": "เทศบาลเมือง",
    "city_municipality": "เทศบาลนคร",
    "provincial_admin_org": "อบจ.",
    "special_admin_area": "ท้องถิ่นรูปแบบพิเศษ",
}

# Province numbers as in DLA codes (ISO 3166-2:TH); Bangkok (10) has no DLA organizations.
PROVINCE_OF_CODE = {
    "11": "สมุทรปราการ", "12": "นนทบุรี", "13": "ปทุมธานี", "14": "พระนครศรีอยุธยา",
    "15": "อ่างทอง", "16": "ลพบุรี", "17": "สิงห์บุรี", "18": "ชัยนาท", "19": "สระบุรี",
    "20": "ชลบุรี", "21": "ระยอง", "22": "จันทบุรี", "23": "ตราด", "24": "ฉะเชิงเทรา",
    "25": "ปราจีนบุรี", "26": "นครนายก", "27": "สระแก้ว", "30": "นครราชสีมา",
    "31": "บุรีรัมย์", "32": "สุรินทร์", "33": "ศรีสะเกษ", "34": "อุบลราชธานี", "35": "ยโสธร",
    "36": "ชัยภูมิ", "37": "อำนาจเจริญ", "38": "บึงกาฬ", "39": "หนองบัวลำภู", "40": "ขอนแก่น",
    "41": "อุดรธานี", "42": "เลย", "43": "หนองคาย", "44": "มหาสารคาม", "45": "ร้อยเอ็ด",
    "46": "กาฬสินธุ์", "47": "สกลนคร", "48": "นครพนม", "49": "มุกดาหาร", "50": "เชียงใหม่",
    "51": "ลำพูน", "52": "ลำปาง", "53": "อุตรดิตถ์", "54": "แพร่", "55": "น่าน", "56": "พะเยา",
    "57": "เชียงราย", "58": "แม่ฮ่องสอน", "60": "นครสวรรค์", "61": "อุทัยธานี",
    "62": "กำแพงเพชร", "63": "ตาก", "64": "สุโขทัย", "65": "พิษณุโลก", "66": "พิจิตร",
    "67": "เพชรบูรณ์", "70": "ราชบุรี", "71": "กาญจนบุรี", "72": "สุพรรณบุรี", "73": "นครปฐม",
    "74": "สมุทรสาคร", "75": "สมุทรสงคราม", "76": "เพชรบุรี", "77": "ประจวบคีรีขันธ์",
    "80": "นครศรีธรรมราช", "81": "กระบี่", "82": "พังงา", "83": "ภูเก็ต", "84": "สุราษฎร์ธานี",
    "85": "ระนอง", "86": "ชุมพร", "90": "สงขลา", "91": "สตูล", "92": "ตรัง", "93": "พัทลุง",
    "94": "ปัตตานี", "95": "ยะลา", "96": "นราธิวาส",
}  # fmt: skip


def to_org(record: Mapping[str, Any]) -> Org:
    """One registry record as an `Org` with its sample website."""
    code = str(record["dlaCode"])
    province = PROVINCE_OF_CODE.get(str(record.get("provinceCode") or code[1:3]), "")
    return Org(
        code,
        TYPE_OF.get(str(record["type"]), str(record["type"])),
        str(record["nameTh"]),
        str(record.get("districtNameTh") or ""),
        province,
        f"www.lao{code}.go.th",
    )


def read_national(path: Path = REGISTRY_JSON, limit: int | None = None) -> list[Org]:
    """The registry's organizations in file order (the first `limit` of them)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    records = data["localAuthorities"]
    return [to_org(r) for r in records[:limit]]


class LazySites(Mapping[str, Site]):
    """domain -> Site, each built on first access and kept."""

    def __init__(
        self,
        orgs: Iterable[Org],
        docs: tuple[CorpusDoc, ...],
        mutated: frozenset[str] = frozenset(),
        built: Mapping[str, Site] | None = None,
    ) -> None:
        self.orgs = {str(o.domain): o for o in orgs}
        self.domain_of = {o.code: d for d, o in self.orgs.items()}
        self.docs = docs
        self.mutated = mutated
        self._built: dict[str, Site] = dict(built or {})
        self._lock = threading.Lock()

    def __getitem__(self, domain: str) -> Site:
        site = self._built.get(domain)
        if site is None:
            org = self.orgs[domain]  # KeyError for an unknown host
            site = build_site(org, self.docs, mutated=org.code in self.mutated)
            with self._lock:
                site = self._built.setdefault(domain, site)
        return site

    def __iter__(self) -> Iterator[str]:
        return iter(self.orgs)

    def __len__(self) -> int:
        return len(self.orgs)

    def __contains__(self, domain: object) -> bool:
        return domain in self.orgs

    def rebuilt(self, mutated: frozenset[str]) -> LazySites:
        """The same sites with `mutated` changed; unchanged sites already built are shared."""
        changed = {self.domain_of[c] for c in self.mutated ^ mutated if c in self.domain_of}
        if len(changed) != len(self.mutated ^ mutated):
            missing = sorted(c for c in self.mutated ^ mutated if c not in self.domain_of)
            raise KeyError(f"no site for org {missing[0]}")
        keep = {d: s for d, s in self._built.items() if d not in changed}
        return LazySites(self.orgs.values(), self.docs, mutated, keep)


@dataclass(frozen=True, eq=False)
class NationalWeb(SampleWeb):
    """A `SampleWeb` over the whole registry, built lazily (no featured or hanging site)."""

    @classmethod
    def from_json(
        cls,
        path: Path = REGISTRY_JSON,
        *,
        sites: int | None = None,
        corpus_dir: Path | None = None,
        mutated: Iterable[str] = (),
    ) -> NationalWeb:
        orgs = read_national(path, sites)
        docs = corpus(corpus_dir) if corpus_dir else corpus()
        # Warm the shared caches (corpus hashes, fallback PDFs) once, here: built on a server's
        # first requests instead, every thread built them at once and the first 3 s timed out.
        for doc in (*docs, *fallback_corpus()):
            doc.sha256_with(b"")
        frozen = frozenset(mutated)
        return cls(tuple(orgs), LazySites(orgs, docs, frozen), (), None, frozen, corpus_dir)

    def site_of(self, code: str) -> Site | None:
        lazy = self._lazy
        domain = lazy.domain_of.get(code)
        return lazy[domain] if domain else None

    def _rebuilt(self, mutated: frozenset[str]) -> NationalWeb:
        return NationalWeb(
            self.orgs, self._lazy.rebuilt(mutated), (), None, mutated, self.corpus_dir
        )

    @property
    def _lazy(self) -> LazySites:
        if not isinstance(self.sites, LazySites):
            raise TypeError("a NationalWeb's sites are LazySites")
        return self.sites
