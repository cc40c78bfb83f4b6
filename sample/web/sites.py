"""The ground truth: which site each organization runs, which files it serves and links.

Everything here is pure and deterministic: the same registry, corpus and mutation set give the
same sites, paths and sha256 values. `pages.respond` turns a `Site` into HTTP responses.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from prongsai.sample.web.documents import (
    TARGET_TYPES,
    CorpusDoc,
    corpus,
    doc_for,
    fallback_corpus,
    unique_suffix,
)
from prongsai.sample.web.registry import (
    FEATURED_CSV,
    REGISTRY_CSV,
    Org,
    read_featured,
    read_registry,
)

PLATFORMS = ("wordpress", "vendor", "phpmod", "static")
FISCAL_YEARS = (2566, 2567, 2568)
ITEM_OF_TYPE = {
    "anticorruption_plan": "O35",
    "ita_analysis": "O36",
    "integrity_measures": "O37",
    "integrity_measures_report": "O37",
    "other": "O19",
}
MUTATED_AT = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)
PDF = "application/pdf"


@dataclass(frozen=True)
class ExpectedDoc:
    """A target document a correct crawler must find; `url` has no port (match on it or sha256)."""

    domain: str
    path: str  # as linked: percent-encoded path and query
    sha256: str
    doc_type: str
    fiscal_year: int | None
    period: tuple[int, int] | None
    title: str
    source: str  # the corpus stem whose gold file describes the content
    scan: bool
    slot: str

    @property
    def url(self) -> str:
        return f"http://{self.domain}{self.path}"


@dataclass(frozen=True)
class ServedFile:
    """A PDF a site serves: source bytes plus the org's trailing comment."""

    href: str  # percent-encoded path (and query) as pages link it
    source: CorpusDoc
    suffix: bytes
    kind: str  # target | other | decoy
    slot: str
    title: str
    filename: str  # Thai file name, for Content-Disposition
    doc_type: str
    fiscal_year: int | None
    period: tuple[int, int] | None
    modified: datetime
    content_type: str = PDF
    attachment: bool = False

    @property
    def body(self) -> bytes:
        return self.source.data + self.suffix

    @property
    def sha256(self) -> str:
        return self.source.sha256_with(self.suffix)


@dataclass(frozen=True, eq=False)
class Site:
    org: Org
    domain: str
    platform: str
    features: frozenset[str]
    files: tuple[ServedFile, ...]
    year_ids: Mapping[int, int]  # ITA year -> page id on this platform
    missing: tuple[tuple[str, int], ...]  # required (doc_type, fiscal_year) not published
    broken: tuple[str, ...]  # hrefs linked but answering 404
    removed: tuple[str, ...] = ()  # hrefs removed by mutation (404, unlinked)
    offsite: tuple[str, ...] = ()
    moves: Mapping[str, str] = field(default_factory=dict)  # old href -> new href
    featured: bool = False
    mutated: bool = False

    @property
    def hang(self) -> bool:
        return "hang" in self.features

    @property
    def documents(self) -> tuple[ExpectedDoc, ...]:
        return tuple(
            ExpectedDoc(
                self.domain,
                f.href,
                f.sha256,
                f.doc_type,
                f.fiscal_year,
                f.period,
                f.title,
                f.source.stem,
                f.source.scan,
                f.slot,
            )
            for f in self.files
            if f.kind == "target"
        )

    @property
    def forbidden(self) -> tuple[str, ...]:
        """URLs robots.txt disallows: a crawler must never fetch them."""
        return tuple(f"http://{self.domain}{f.href}" for f in self.files if f.kind == "decoy")

    @property
    def non_target(self) -> tuple[str, ...]:
        return tuple(f"http://{self.domain}{f.href}" for f in self.files if f.kind == "other")

    @property
    def disallow(self) -> tuple[str, ...]:
        return ("/private/",) if "robots" in self.features else ()

    def file(self, key: str) -> ServedFile | None:
        return self._file_index.get(key)

    @property
    def _file_index(self) -> dict[str, ServedFile]:
        index: dict[str, ServedFile] | None = self.__dict__.get("_index")
        if index is None:
            index = {request_key(f.href): f for f in self.files}
            object.__setattr__(self, "_index", index)
        return index


def request_key(target: str) -> str:
    """One spelling for a request target: decoded path, sorted query (so %E0%B8 == %e0%b8)."""
    parts = urlsplit(target)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    path = unquote(parts.path) or "/"
    return f"{path}?{query}" if query else path


def _h(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


# --- what each organization publishes -------------------------------------------------------

_TITLES = {
    "anticorruption_plan": (
        "แผนปฏิบัติการป้องกันการทุจริต {a}-{b}",
        "แผนป้องกันการทุจริต 4 ปี (พ.ศ. {a} - {b})",
        "O35 แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {a}-{b}",
    ),
    "ita_analysis": (
        "O36 รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี {y}",
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ปี {y}",
        "การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {y}",
    ),
    "integrity_measures": (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี {y}",
        "O37 มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {y}",
    ),
    "integrity_measures_report": (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ {y}",
        "O37 รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมฯ ปี {y}",
    ),
}
_FILE_STEMS = {
    "anticorruption_plan": "แผนปฏิบัติการป้องกันการทุจริต {a}-{b}",
    "ita_analysis": "O36 รายงานการวิเคราะห์ผลการประเมิน ITA {y}",
    "integrity_measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส {y}",
    "integrity_measures_report": "รายงานผลการดำเนินการตามมาตรการ {y}",
}
_ASCII_STEMS = {
    "anticorruption_plan": "plan{a}-{b}",
    "ita_analysis": "ita{y}_o36",
    "integrity_measures": "measures{y}",
    "integrity_measures_report": "o37_report{y}",
}
_OTHERS = (
    ("ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n}", "ประกาศประกวดราคา ถนน คสล ม{n}"),
    ("ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน ครั้งที่ {n}", "ผู้ชนะการเสนอราคา {n}"),
    ("ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567", "ข้อบัญญัติงบประมาณ 2567"),
    ("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2567", "แผนจัดซื้อจัดจ้าง 2567"),
)


@dataclass(frozen=True)
class _Slot:
    name: str
    doc_type: str
    fiscal_year: int | None
    period: tuple[int, int] | None
    scan: bool


def _slots(org: Org, rng: random.Random, featured: bool) -> list[_Slot]:
    slots: list[_Slot] = []
    if not featured and rng.random() < 0.05:
        return slots  # a site that publishes none of it
    p = rng.random()
    full = featured
    if full or p < 0.78:
        slots.append(_Slot("plan-2566-2570", "anticorruption_plan", None, (2566, 2570), False))
    elif p < 0.88:
        slots.append(_Slot("plan-2565-2567", "anticorruption_plan", None, (2565, 2567), False))
    if rng.random() < 0.2:
        slots.append(_Slot("plan-2561-2565", "anticorruption_plan", None, (2561, 2565), False))
    for fy in FISCAL_YEARS:
        for doc_type in TARGET_TYPES[1:]:
            keep = 0.97 if full else 0.9 if fy < 2568 else 0.75
            if rng.random() < keep:
                slots.append(_Slot(f"{doc_type}-{fy}", doc_type, fy, None, False))
    return [
        _Slot(s.name, s.doc_type, s.fiscal_year, s.period, True)
        if rng.random() < 0.07 and s.period != (2561, 2565)
        else s
        for s in slots
    ]


def _missing(files: Iterable[ServedFile]) -> tuple[tuple[str, int], ...]:
    targets = [f for f in files if f.kind == "target"]
    gaps: list[tuple[str, int]] = []
    for fy in FISCAL_YEARS:
        if not any(f.period and f.period[0] <= fy <= f.period[1] for f in targets):
            gaps.append(("anticorruption_plan", fy))
        for doc_type in TARGET_TYPES[1:]:
            if not any(f.doc_type == doc_type and f.fiscal_year == fy for f in targets):
                gaps.append((doc_type, fy))
    return tuple(gaps)


def _features(org: Org, platform: str, rng: random.Random) -> set[str]:
    chances = {
        "cp874": {"wordpress": 0.0, "vendor": 0.15, "phpmod": 0.5, "static": 0.4}[platform],
        "octet": 0.5 if platform == "phpmod" else 0.0,
        "redirect": 0.2,
        "robots": 0.3,
        "broken": 0.2,
        "embed": 0.15,
        "calendar": 0.1,
        "news": 0.45,
        "nontarget": 0.7,
        "offsite_pdf": 0.3,
        "etag": 0.85,
    }
    return {name for name, chance in chances.items() if rng.random() < chance}


def _href(platform: str, org: Org, seq: int, filename: str, fy: int | None, month: int) -> str:
    """Where the platform stores an uploaded file, percent-encoded as pages link it."""
    if platform == "wordpress":
        return f"/wp-content/uploads/{(fy or 2567) - 543}/{month:02d}/{quote(filename)}"
    if platform == "vendor":
        digest = hashlib.md5(f"{org.code}:{seq}".encode(), usedforsecurity=False).hexdigest()
        return f"/docs/file/{digest}.pdf"
    if platform == "phpmod":
        return f"/download.php?id={_h(org.code) % 9000 + 1000 + seq}"
    return f"/files/ita{fy or 'misc'}/{quote(filename)}"


def _file_name(slot: _Slot, rng: random.Random) -> str:
    a, b = slot.period or (0, 0)
    stems = _ASCII_STEMS if rng.random() < 0.2 else _FILE_STEMS
    stem = stems[slot.doc_type].format(a=a, b=b, y=slot.fiscal_year)
    if slot.scan:
        stem += " (สแกน)"
    return stem.replace(" ", "-") + ".pdf"


def build_site(
    org: Org,
    docs: tuple[CorpusDoc, ...],
    *,
    featured: bool = False,
    hang: bool = False,
    mutated: bool = False,
    platform: str | None = None,
) -> Site:
    """One organization's site; `docs` are the corpus (or fallback) documents to draw from."""
    domain = org.domain
    if domain is None:
        raise ValueError(f"{org.code} {org.name}: website {org.website_raw!r} has no domain")
    rng = random.Random(f"site:{org.code}")
    if platform is None:
        roll = _h("platform", org.code) % 100
        platform = PLATFORMS[0 if roll < 40 else 1 if roll < 68 else 2 if roll < 88 else 3]
    features = _features(org, platform, rng)
    if hang:
        features.add("hang")
    spare = fallback_corpus()
    own = [d for d in docs if featured and d.org_name and org.name in d.org_name]
    files: list[ServedFile] = []
    seq = 0

    def add(
        source: CorpusDoc,
        slot: str,
        kind: str,
        title: str,
        filename: str,
        doc_type: str,
        fy: int | None,
        period: tuple[int, int] | None,
        *,
        as_is: bool = False,
    ) -> None:
        nonlocal seq
        seq += 1
        month = 1 + _h(org.code, slot) % 9
        href = _href(platform, org, seq, filename, fy, month)
        if kind == "decoy":
            href = f"/private/{quote(filename)}"
        day = 1 + _h(slot, org.code) % 27
        modified = datetime((fy or 2567) - 543, month, day, 9, 30, tzinfo=UTC)
        suffix = b"" if as_is else unique_suffix(org.code, slot)
        octet = "octet" in features and seq % 2 == 0
        files.append(
            ServedFile(
                href,
                source,
                suffix,
                kind,
                slot,
                title,
                filename,
                doc_type,
                fy,
                period,
                modified,
                "application/octet-stream" if octet else PDF,
                platform == "phpmod",
            )
        )

    if own:
        for d in own:
            slot = _Slot(f"{d.doc_type}-{d.stem}", d.doc_type, d.fiscal_year, d.period, d.scan)
            title = _title(slot, rng) if d.doc_type in _TITLES else d.stem
            kind = "target" if d.doc_type in TARGET_TYPES else "other"
            add(
                d,
                slot.name,
                kind,
                title,
                _file_name(slot, rng) if kind == "target" else f"{d.stem}.pdf",
                d.doc_type,
                d.fiscal_year,
                d.period,
                as_is=True,
            )
    else:
        for slot in _slots(org, rng, featured):
            pick = _h(org.code, slot.name)
            source = None
            for pool in (docs, spare):
                source = source or doc_for(
                    pool,
                    slot.doc_type,
                    fiscal_year=slot.fiscal_year,
                    period=slot.period,
                    scan=slot.scan,
                    pick=pick,
                )
            if source is None:
                continue
            add(
                source,
                slot.name,
                "target",
                _title(slot, rng),
                _file_name(slot, rng),
                slot.doc_type,
                slot.fiscal_year,
                slot.period,
            )
    if "nontarget" in features:
        for n in range(1 + rng.randrange(3)):
            title, stem = _OTHERS[(n + _h(org.code)) % len(_OTHERS)]
            number = 1 + rng.randrange(12)
            source = doc_for(docs, "other", pick=n) or spare[-3 + n % 2]
            add(
                source,
                f"other-{n}",
                "other",
                title.format(n=number),
                stem.format(n=number).replace(" ", "-") + ".pdf",
                "other",
                2567,
                None,
            )
    if "robots" in features:
        add(
            spare[-1],
            "decoy",
            "decoy",
            "แผนป้องกันการทุจริต (ร่าง เอกสารภายใน ห้ามเผยแพร่)",
            "ร่างแผนป้องกันการทุจริต-ภายใน.pdf",
            "anticorruption_plan",
            2567,
            (2566, 2570),
        )
    removed: tuple[str, ...] = ()
    targets = [f for f in files if f.kind == "target"]
    if mutated:
        if len(targets) < 2:
            raise ValueError(f"{org.code} {domain}: too few documents to mutate")
        first, last = targets[0], targets[-1]
        changed = ServedFile(
            first.href,
            first.source,
            unique_suffix(org.code, first.slot, 1),
            first.kind,
            first.slot,
            first.title,
            first.filename,
            first.doc_type,
            first.fiscal_year,
            first.period,
            MUTATED_AT,
            first.content_type,
            first.attachment,
        )
        files = [changed if f is first else f for f in files if f is not last]
        removed = (last.href,)
    # Page ids that grow with the year by a random step, so no two years share a page.
    year_ids: dict[int, int] = {}
    page_id = 1000 + _h(org.code) % 5000
    for fy in FISCAL_YEARS:
        page_id += 1 + _h(org.code, fy) % 997
        year_ids[fy] = page_id
    broken: tuple[str, ...] = ()
    if "broken" in features:
        broken = (_href(platform, org, 900 + seq, "O36-รายงานการวิเคราะห์ITA-2565.pdf", 2565, 4),)
    offsite: tuple[str, ...] = ("https://www.dla.go.th/", "https://itas.nacc.go.th/")
    if "offsite_pdf" in features:
        offsite += (
            "https://www.nacc.go.th/files/article/attachments/"
            + quote("คู่มือการประเมิน ITA 2567.pdf"),
        )
    moves: dict[str, str] = {}
    if "redirect" in features and targets:
        moves["/ita"] = "hub"  # resolved by pages: old hub path -> platform hub
        moves[f"/old/upload/{_h(org.code) % 997}.pdf"] = (
            files[0].href if files[0].kind == "target" else targets[0].href
        )
    return Site(
        org,
        domain,
        platform,
        frozenset(features),
        tuple(files),
        year_ids,
        _missing(files),
        broken,
        removed,
        offsite,
        moves,
        featured,
        mutated,
    )


def _title(slot: _Slot, rng: random.Random) -> str:
    a, b = slot.period or (0, 0)
    title = rng.choice(_TITLES[slot.doc_type]).format(a=a, b=b, y=slot.fiscal_year)
    return title + (" (ฉบับสแกน)" if slot.scan else "")


# --- the whole web --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SampleWeb:
    """All sample sites, by domain; `orgs` keeps the organizations without a site too."""

    orgs: tuple[Org, ...]
    sites: Mapping[str, Site]
    featured: tuple[str, ...]  # DLA codes
    hang_domain: str | None
    mutated: frozenset[str] = frozenset()
    corpus_dir: Path | None = None

    @classmethod
    def from_registry(
        cls,
        path: Path = REGISTRY_CSV,
        *,
        featured_path: Path | None = FEATURED_CSV,
        corpus_dir: Path | None = None,
        mutated: Iterable[str] = (),
        sites: int | None = None,
    ) -> SampleWeb:
        orgs = read_registry(path)
        featured = read_featured(featured_path) if featured_path and featured_path.exists() else []
        return build_sites(
            orgs, featured=featured, corpus_dir=corpus_dir, mutated=mutated, limit=sites
        )

    def site_of(self, code: str) -> Site | None:
        for site in self.sites.values():
            if site.org.code == code:
                return site
        return None

    def without_site(self) -> tuple[Org, ...]:
        """Organizations whose website cell can't be cleaned: a crawler should report them."""
        return tuple(o for o in self.orgs if o.domain is None)

    def with_mutation(self, code: str) -> SampleWeb:
        """The web after `code`'s site changed one document and removed another."""
        return self.with_mutations([code])

    def with_mutations(self, codes: Iterable[str]) -> SampleWeb:
        return self._rebuilt(self.mutated | frozenset(codes))

    def without_mutations(self) -> SampleWeb:
        return self._rebuilt(frozenset())

    def _rebuilt(self, mutated: frozenset[str]) -> SampleWeb:
        docs = corpus(self.corpus_dir) if self.corpus_dir else corpus()
        sites = dict(self.sites)
        for code in self.mutated ^ mutated:
            old = self.site_of(code)
            if old is None:
                raise KeyError(f"no site for org {code}")
            sites[old.domain] = build_site(
                old.org,
                docs,
                featured=old.featured,
                hang=old.hang,
                mutated=code in mutated,
                platform=old.platform,
            )
        return SampleWeb(
            self.orgs, sites, self.featured, self.hang_domain, mutated, self.corpus_dir
        )


def build_sites(
    orgs: Iterable[Org],
    *,
    featured: Iterable[str] = (),
    corpus_dir: Path | None = None,
    mutated: Iterable[str] = (),
    limit: int | None = None,
) -> SampleWeb:
    """Sites for every organization with a cleanable website (the featured ones always kept)."""
    org_list = tuple(orgs)
    featured_codes = tuple(featured)
    docs = corpus(corpus_dir) if corpus_dir else corpus()
    with_site = [o for o in org_list if o.domain]
    chosen = [o for o in with_site if o.code in featured_codes]
    rest = [o for o in with_site if o.code not in featured_codes]
    if limit is not None:
        rest = rest[: max(0, limit - len(chosen))]
    hang = rest[len(rest) // 2].code if len(rest) > 20 else None
    mutated_set = frozenset(mutated)
    sites: dict[str, Site] = {}
    for i, org in enumerate(chosen):
        site = build_site(
            org,
            docs,
            featured=True,
            mutated=org.code in mutated_set,
            platform=PLATFORMS[i % len(PLATFORMS)],
        )
        sites[site.domain] = site
    for org in rest:
        site = build_site(org, docs, hang=org.code == hang, mutated=org.code in mutated_set)
        sites[site.domain] = site
    hang_domain = next((d for d, s in sites.items() if s.hang), None)
    return SampleWeb(org_list, sites, featured_codes, hang_domain, mutated_set, corpus_dir)
