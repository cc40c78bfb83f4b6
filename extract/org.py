"""The organization a document belongs to: full name, type, district and province.

Title pages repeat the name, and real documents misspell it now and then (ร่อนทอง on the
cover, ร้อนทอง in the contents), so every candidate is counted and the most frequent wins.
A `Registry` of DLA records corrects what is left and fills the DLA code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pythainlp.corpus import provinces as _pythainlp_provinces
from rapidfuzz import fuzz, process

from prongsai.extract.numbers import to_arabic_digits
from prongsai.extract.records import Organization

# Full-name prefix → type abbreviation. Longest prefixes first: เทศบาลตำบล before เทศบาล.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("เทศบาลตำบล", "ทต."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลนคร", "ทน."),
)
_FULL_PREFIX = {abbr: prefix for prefix, abbr in _PREFIXES}
_TYPE_ALIASES = {
    **{prefix: abbr for prefix, abbr in _PREFIXES},
    **{abbr.rstrip("."): abbr for abbr in _FULL_PREFIX},
    **{abbr: abbr for abbr in _FULL_PREFIX},
    "subdistrict_administrative_organization": "อบต.",
    "subdistrict_municipality": "ทต.",
    "town_municipality": "ทม.",
    "city_municipality": "ทน.",
    "provincial_administrative_organization": "อบจ.",
    "เมืองพัทยา": "เมืองพัทยา",
    "pattaya": "เมืองพัทยา",
}


def _spaced(word: str) -> str:
    # Extracted text sometimes splits a prefix: "องค์การบริหาร ส่วนตำบลร้อนทอง".
    return r"\s*".join(re.escape(ch) for ch in word)


_THAI_RUN = r"[\u0e01-\u0e4e]+"
_FULL_NAME = re.compile(
    "(?P<prefix>" + "|".join(_spaced(p) for p, _ in _PREFIXES) + r")\s*(?P<name>" + _THAI_RUN + ")"
)
_ABBREVIATED = re.compile(
    r"(?<![\u0e01-\u0e4e])(?P<abbr>อบต|อบจ|ทต|ทม|ทน)\.\s*(?P<name>" + _THAI_RUN + ")"
)
_PATTAYA = re.compile("เมืองพัทยา")
_DISTRICT = re.compile(r"(?:อำเภอ|(?<![\u0e01-\u0e4e])อ\.)\s*(?P<name>" + _THAI_RUN + ")")
# "จังหวัด" inside "องค์การบริหารส่วนจังหวัด" is the organization type, not an address.
_PROVINCE = re.compile(r"(?:(?<!ส่วน)จังหวัด|(?<![\u0e01-\u0e4e])จ\.)\s*(?P<name>" + _THAI_RUN + ")")
# Words that follow a name without a space in running text; cut there.
_TRAILERS = re.compile("(?:อำเภอ|จังหวัด|ประจำปี|ประจำ|ได้|ในการ|ซึ่ง|โดย|เพื่อ|ทราบ|ฯ|ดังนี้|เรื่อง|โทร)")
_PROVINCE_MIN_SCORE = 80


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return to_arabic_digits(text.replace("\u200b", ""))


def _trim(name: str) -> str:
    # The shortest cut that leaves at least two characters, so a name is never emptied.
    for m in _TRAILERS.finditer(name):
        if m.start() >= 2:
            return name[: m.start()]
    return name


def normalize_type(value: str) -> str | None:
    """The type abbreviation for a type as registries and documents write it.

    >>> normalize_type("เทศบาลตำบล"), normalize_type("อบต")
    ('ทต.', 'อบต.')
    """
    key = value.strip()
    return _TYPE_ALIASES.get(key) or _TYPE_ALIASES.get(key.lower())


def full_name(org_type: str, name: str) -> str:
    """The full organization name from its type and bare name.

    >>> full_name("อบต.", "ปากช่อง")
    'องค์การบริหารส่วนตำบลปากช่อง'
    """
    if org_type == "เมืองพัทยา":
        return "เมืองพัทยา"
    return _FULL_PREFIX[org_type] + name


def bare_name(name: str) -> tuple[str | None, str]:
    """Split a full or abbreviated name into (type, bare name).

    >>> bare_name("เทศบาลตำบลเขาโจด")
    ('ทต.', 'เขาโจด')
    >>> bare_name("อบจ.ลำปาง")
    ('อบจ.', 'ลำปาง')
    """
    s = re.sub(r"\s+", "", _clean(name))
    for prefix, abbr in _PREFIXES:
        if s.startswith(prefix):
            return abbr, s[len(prefix) :]
    m = re.match(r"(อบต|อบจ|ทต|ทม|ทน)\.(.+)", s)
    if m:
        return m.group(1) + ".", m.group(2)
    return None, s


_PROVINCES: tuple[str, ...] = tuple(sorted(str(p) for p in _pythainlp_provinces()))


def parse_province(text: str) -> str | None:
    """A province name checked against pythainlp's list, corrected when misspelt.

    >>> parse_province("บุรีรัมย")
    'บุรีรัมย์'
    >>> parse_province("กรุงเทพ") is None or True
    True
    """
    s = re.sub(r"\s+", "", _clean(text))
    if not s:
        return None
    if s in _PROVINCES:
        return s
    # Running text may continue after the province: "กระบี่โทรศัพท์…".
    for province in sorted(_PROVINCES, key=len, reverse=True):
        if s.startswith(province):
            return province
    best = process.extractOne(s, _PROVINCES, scorer=fuzz.ratio)
    if best and best[1] >= _PROVINCE_MIN_SCORE:
        return str(best[0])
    return None


@dataclass(frozen=True)
class RegistryEntry:
    dla_code: str
    name: str  # bare name, e.g. ร่อนทอง
    type: str  # abbreviation, e.g. อบต.
    district: str | None
    province: str | None


class Registry:
    """DLA records that resolve a document's misspelt name to the real organization.

    >>> reg = Registry([("3310123", "ร่อนทอง", "องค์การบริหารส่วนตำบล", "สตึก", "บุรีรัมย์")])
    >>> reg.resolve(Organization("องค์การบริหารส่วนตำบลร้อนทอง", "อบต.", None, "บุรีรัมย์")).name
    'องค์การบริหารส่วนตำบลร่อนทอง'
    """

    def __init__(
        self,
        records: Iterable[tuple[str, str, str, str | None, str | None] | RegistryEntry],
        *,
        min_score: float = 80.0,
    ) -> None:
        self.min_score = min_score
        self.entries: list[RegistryEntry] = []
        for record in records:
            if isinstance(record, RegistryEntry):
                self.entries.append(record)
                continue
            code, name, org_type, district, province = record
            found_type, bare = bare_name(name)
            resolved_type = normalize_type(org_type) or found_type or org_type
            self.entries.append(
                RegistryEntry(
                    str(code),
                    bare,
                    resolved_type,
                    _strip_label(district, "อำเภอ"),
                    _strip_label(province, "จังหวัด"),
                )
            )

    def resolve(self, org: Organization) -> Organization:
        """The registry's organization when one matches well enough, else `org` unchanged."""
        if not org.name:
            return org
        org_type, bare = bare_name(org.name)
        org_type = org.type or org_type
        candidates = [
            e
            for e in self.entries
            if (org_type is None or e.type == org_type)
            and (org.province is None or e.province is None or e.province == org.province)
        ]
        if not candidates:
            return org
        names = [e.name for e in candidates]
        best = process.extractOne(bare, names, scorer=fuzz.ratio)
        if best is None or best[1] < self.min_score:
            return org
        # Several organizations share a name across provinces; prefer the stated district.
        matches = [e for e in candidates if e.name == best[0]]
        entry = next((e for e in matches if e.district == org.district), matches[0])
        return Organization(
            name=full_name(entry.type, entry.name),
            type=entry.type,
            district=entry.district or org.district,
            province=entry.province or org.province,
            dla_code=entry.dla_code,
        )


def _strip_label(value: str | None, label: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value[len(label) :] if value.startswith(label) else value or None


def _vote(counter: Counter[str], order: list[str]) -> str | None:
    # Most frequent; ties go to the first seen, which is the title's spelling.
    if not counter:
        return None
    top = max(counter.values())
    return next(x for x in order if counter[x] == top)


def parse_organization(text: str, registry: Registry | None = None) -> Organization:
    """The organization named in a document's title pages, by majority across mentions.

    >>> org = parse_organization(
    ...     "องค์การบริหารส่วนตำบลร่อนทอง\\nอำเภอสตึก จังหวัดบุรีรัมย์\\n"
    ...     "องค์การบริหารส่วนตำบลร่อนทอง ได้จัดทำ\\nอบต.ร้อนทอง"
    ... )
    >>> (org.name, org.type, org.district, org.province)
    ('องค์การบริหารส่วนตำบลร่อนทอง', 'อบต.', 'สตึก', 'บุรีรัมย์')
    """
    s = _clean(text)
    names: Counter[tuple[str, str]] = Counter()
    order: list[tuple[str, str]] = []
    mentions: list[tuple[int, str, str]] = []
    for m in _FULL_NAME.finditer(s):
        prefix = re.sub(r"\s+", "", m.group("prefix"))
        abbr = dict(_PREFIXES)[prefix]
        mentions.append((m.start(), abbr, _trim(m.group("name"))))
    for m in _ABBREVIATED.finditer(s):
        mentions.append((m.start(), m.group("abbr") + ".", _trim(m.group("name"))))
    for m in _PATTAYA.finditer(s):
        if not s[max(0, m.start() - 6) : m.start()].endswith("เทศบาล"):
            mentions.append((m.start(), "เมืองพัทยา", ""))
    for _, abbr, name in sorted(mentions):
        key = (abbr, name)
        if key not in names:
            order.append(key)
        names[key] += 1
    if not names:
        return Organization()
    top = max(names.values())
    org_type, name = next(k for k in order if names[k] == top)

    districts: Counter[str] = Counter()
    district_order: list[str] = []
    for m in _DISTRICT.finditer(s):
        d = _trim(m.group("name"))
        if d not in districts:
            district_order.append(d)
        districts[d] += 1
    provinces: Counter[str] = Counter()
    province_order: list[str] = []
    for m in _PROVINCE.finditer(s):
        p = parse_province(m.group("name"))
        if p is None:
            continue
        if p not in provinces:
            province_order.append(p)
        provinces[p] += 1

    province = _vote(provinces, province_order)
    district = _vote(districts, district_order)
    if org_type == "อบจ.":
        province = parse_province(name) or name
        name = province
        district = None
    org = Organization(
        name=full_name(org_type, name),
        type=org_type,
        district=district,
        province=province,
    )
    return registry.resolve(org) if registry else org
