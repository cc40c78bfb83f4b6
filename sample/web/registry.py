"""The sample registry: invented organizations written in the DLA coverage-table CSV format.

The DLA file (re01_9112566tambon.csv) has one row per tambon an organization covers, so codes
repeat; it is RFC 4180 quoted and its website column is typed by hand, e.g. "www.Khlongphon go.th",
"WWW..Aolueknuea.go.th", "www,tlpm.go.th". `generate_registry` invents our own organizations in
that shape (deterministic for a seed); `write_registry` writes sample/registry/sample_dla.csv
(UTF-8 with BOM) and featured.csv; `read_registry` reads either back; `clean_website` is the one
cleaning rule the sample web uses to decide each site's domain.

Run `python -m prongsai.sample.web.make_registry` to regenerate the committed files.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from prongsai.sample.web.names import PROVINCES, Province, place_name, province

HEADER: tuple[str, ...] = (
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "รหัส อปท.",
    "ประเภท อปท.",
    "อปท.",
    "ที่ตั้งสำนักงานเลขที่",
    "หมู่ที่",
    "รหัสไปรษณีย์",
    "ขนาดพื้นที่",
    "LAT",
    "LONG",
    "เว็ปไซต์ของอปท",
)
FEATURED_HEADER: tuple[str, ...] = ("org_id", "name", "type", "district", "province", "website")
REGISTRY_DIR = Path(__file__).resolve().parent.parent / "registry"
REGISTRY_CSV = REGISTRY_DIR / "sample_dla.csv"
FEATURED_CSV = REGISTRY_DIR / "featured.csv"
SEED = 2567

# The first digit of a DLA code gives the type (checked against the real registry).
TYPE_DIGIT = {"อบจ.": "2", "เทศบาลนคร": "3", "เทศบาลเมือง": "4", "เทศบาลตำบล": "5", "อบต.": "6"}
TYPE_PREFIX = {
    "อบต.": "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
}
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.(go\.th|or\.th|in\.th|org|com|net)$")


@dataclass(frozen=True)
class Org:
    """One organization: the first row of its code, plus every tambon it covers."""

    code: str
    type: str  # as in the DLA column ประเภท อปท.: อบต., เทศบาลตำบล, ...
    name: str  # as in the column อปท.: the bare name, e.g. เขาทอง
    district: str
    province: str
    website_raw: str
    tambons: tuple[str, ...] = ()
    address: tuple[str, str, str, str, str, str] = ("", "", "", "", "", "")

    @property
    def full_name(self) -> str:
        """The name as documents print it, e.g. องค์การบริหารส่วนตำบลเขาทอง."""
        return TYPE_PREFIX.get(self.type, "") + self.name

    @property
    def domain(self) -> str | None:
        return clean_website(self.website_raw)


def clean_website(raw: str) -> str | None:
    """The bare host a DLA website cell names, or None when it names none.

    >>> clean_website("www.Khlongphon go.th"), clean_website("WWW..Aolueknuea.go.th")
    ('khlongphon.go.th', 'aolueknuea.go.th')
    >>> clean_website("hattp://www.kiriwong.go.th/"), clean_website(".org"), clean_website("-")
    ('kiriwong.go.th', None, None)
    """
    text = raw.strip().strip('"').strip().lower().replace(",", ".").replace(" ", ".")
    text = re.sub(r"^[a-z]{3,6}:/*", "", text)  # http://, https://, hattp:// ...
    text = text.split("/", 1)[0]
    text = re.sub(r"\.{2,}", ".", text).strip(".")
    text = text.removeprefix("www.")
    return text if _DOMAIN_RE.match(text) else None


ORGS_CSV_HEADER = ("org_id", "name", "type", "district", "province", "website")


def write_orgs_csv(orgs: Iterable[Org], path: Path, *, raw: bool = True) -> Path:
    """The crawl's simple registry CSV (``--orgs``) of `orgs`, the website as the DLA cell
    spells it (`raw`) or as its bare domain."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ORGS_CSV_HEADER)
        for o in orgs:
            website = o.website_raw if raw else o.domain
            writer.writerow([o.code, o.full_name, o.type, o.district, o.province, website])
    return path


# --- generation -------------------------------------------------------------------------------


@dataclass
class _Builder:
    rng: random.Random
    taken_domains: set[str] = field(default_factory=set)

    def domain_for(self, org_type: str, roman: str, prov: Province) -> str:
        r = self.rng.random()
        if org_type == "อบจ.":
            base = f"{prov.roman}pao" if r < 0.6 else f"pao-{prov.roman}"
        elif org_type in ("เทศบาลเมือง", "เทศบาลนคร"):
            base = f"{roman}city" if r < 0.6 else roman
        elif org_type == "เทศบาลตำบล":
            base = (
                roman
                if r < 0.5
                else f"tessaban{roman}"
                if r < 0.7
                else f"{roman}city"
                if r < 0.85
                else f"{roman}-{prov.abbr}"
            )
        else:
            base = roman if r < 0.7 else f"obt{roman}" if r < 0.85 else f"{roman}sao"
        tld = "org" if self.rng.random() < 0.04 else "go.th"
        domain = f"{base}.{tld}"
        n = 1
        while domain in self.taken_domains:
            n += 1
            domain = f"{base}{n}.{tld}" if n > 2 else f"{base}-{prov.abbr}.{tld}"
        self.taken_domains.add(domain)
        return domain

    def messy(self, domain: str) -> str:
        """The domain as a clerk might type it into the DLA form."""
        r = self.rng.random()
        label = domain.split(".", 1)[0]
        if r < 0.33:
            return f"www.{domain}"
        if r < 0.47:
            return f"http://www.{domain}/"
        if r < 0.55:
            return f"https://www.{domain}"
        if r < 0.65:
            return domain
        if r < 0.70:
            return f"www.{domain}/"
        if r < 0.74:
            return f"http://{domain}"
        if r < 0.78:
            return f"WWW..{label.capitalize()}.{domain.split('.', 1)[1]}"
        if r < 0.83 and domain.endswith(".go.th"):
            return f"www.{label.capitalize()} go.th"
        if r < 0.87:
            return f"www,{domain}"
        if r < 0.90:
            return f"hattp://www.{domain}"
        if r < 0.93:
            return f"WWW.{domain.upper()}"
        return f"www.{domain} "

    def no_site(self) -> str:
        return self.rng.choice(["", "", "", "", "", "", "", "-", '"-"', ".org", "ไม่มี", "www."])


def _address(rng: random.Random, prov: Province) -> tuple[str, str, str, str, str, str]:
    if rng.random() < 0.3:
        return ("", "", "", "", "", "")
    number = rng.choice(
        ["-", str(rng.randint(1, 399)), f"{rng.randint(1, 250)}/{rng.randint(1, 9)}"]
    )
    moo = str(rng.randint(1, 15)) if rng.random() < 0.9 else ""
    postal = f"{prov.code}{rng.randint(1, 2)}{rng.randint(1, 9)}0"
    if rng.random() < 0.35:
        return (number, moo, postal, "", "", "")
    area = f"{rng.uniform(1.5, 320):.2f}".rstrip("0").rstrip(".")
    lat = f"{prov.lat + rng.uniform(-0.6, 0.6):.{rng.choice([2, 6, 9])}f}"
    lon = f"{prov.lon + rng.uniform(-0.6, 0.6):.{rng.choice([2, 6, 9])}f}"
    return (number, moo, postal, area, lat, lon)


def generate_registry(seed: int = SEED, per_province: int = 41) -> list[Org]:
    """Invented organizations in real provinces, types in roughly the national proportions."""
    rng = random.Random(seed)
    builder = _Builder(rng)
    orgs: list[Org] = []
    for p_index, prov in enumerate(PROVINCES):
        names_used: set[str] = set()
        districts: list[tuple[str, list[str]]] = []
        for _ in range(6):
            d_name = place_name(rng)[0]
            tambons = list(dict.fromkeys(place_name(rng)[0] for _ in range(rng.randint(7, 10))))
            districts.append((d_name, tambons))
        mueang = f"เมือง{prov.name}"
        districts[0] = (mueang, districts[0][1])
        types = ["อบจ."] if p_index % 2 == 0 else []
        types += ["เทศบาลนคร" if p_index < 5 else "เทศบาลเมือง"]
        types += ["เทศบาลตำบล"] * round(per_province * 0.285)
        types += ["อบต."] * (per_province - len(types))
        seq: dict[tuple[str, int], int] = {}
        for org_type in types:
            d_index = 0 if org_type != "อบต." and org_type != "เทศบาลตำบล" else rng.randrange(6)
            district, tambons = districts[d_index]
            if org_type in ("อบจ.", "เทศบาลนคร", "เทศบาลเมือง"):
                name, roman = prov.name, prov.roman
                if org_type == "เทศบาลนคร":
                    name = f"นคร{prov.name}" if rng.random() < 0.3 else prov.name
            else:
                name, roman = place_name(rng)
                while name in names_used:
                    name, roman = place_name(rng)
            names_used.add(name)
            key = (org_type, d_index)
            seq[key] = seq.get(key, 0) + 1
            code = f"{TYPE_DIGIT[org_type]}{prov.code}{d_index + 1:02d}{seq[key]:02d}"
            if org_type == "อบจ.":
                covered = [t for _, ts in districts for t in ts][: rng.randint(8, 14)]
            elif org_type == "อบต.":
                covered = rng.sample(tambons, rng.choice([1, 1, 1, 2]))
            else:
                covered = rng.sample(tambons, rng.choice([1, 2, 2, 3]))
            has_site = rng.random() < 0.86
            raw = builder.messy(builder.domain_for(org_type, roman, prov)) if has_site else ""
            if not has_site:
                raw = builder.no_site()
            orgs.append(
                Org(
                    code,
                    org_type,
                    name,
                    district,
                    prov.name,
                    raw,
                    tuple(covered),
                    _address(rng, prov),
                )
            )
    return orgs


# Hand-picked demo organizations: varied types and provinces; the first is the docs' example.
FEATURED_SEED_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("เขาทอง", "khaothong", "อบต.", "นครสวรรค์"),
    ("หนองบัวแดง", "nongbuadaeng", "เทศบาลตำบล", "ขอนแก่น"),
    ("ท่าช้าง", "thachang", "อบต.", "สุราษฎร์ธานี"),
    ("บางใหญ่", "bangyai", "เทศบาลตำบล", "ราชบุรี"),
    ("ดอนสำราญ", "donsamran", "อบต.", "ศรีสะเกษ"),
    ("แม่ยาง", "maeyang", "อบต.", "ลำปาง"),
    ("คลองพนทอง", "khlongphonthong", "เทศบาลตำบล", "กระบี่"),
    ("โคกสูง", "khoksung", "อบต.", "บุรีรัมย์"),
    ("ลำปาง", "lampang", "อบจ.", "ลำปาง"),
    ("พิษณุโลก", "phitsanulok", "เทศบาลเมือง", "พิษณุโลก"),
)


def featured_orgs(orgs: list[Org]) -> list[Org]:
    """Give the first matching organizations the demo names and clean domains; return them."""
    picked: list[Org] = []
    used: set[str] = set()
    for name, roman, org_type, prov_name in FEATURED_SEED_NAMES:
        for i, org in enumerate(orgs):
            if org.code in used or org.type != org_type or org.province != prov_name:
                continue
            domain = f"{roman}.go.th" if org_type not in ("อบจ.",) else f"{roman}pao.go.th"
            if org_type == "เทศบาลเมือง":
                domain = f"{roman}city.go.th"
            for j, other in enumerate(orgs):
                if other.domain == domain and other.code != org.code:
                    # The demo keeps the plain domain; the namesake gets the province suffix.
                    prov = province(other.province)
                    moved = domain.replace(".", f"-{prov.abbr}.", 1)
                    orgs[j] = replace(other, website_raw=f"www.{moved}")
            new = Org(
                org.code,
                org.type,
                name,
                org.district,
                org.province,
                f"www.{domain}",
                org.tambons,
                org.address,
            )
            orgs[i] = new
            picked.append(new)
            used.add(org.code)
            break
    return picked


def to_rows(orgs: Iterable[Org]) -> list[list[str]]:
    rows: list[list[str]] = []
    for org in orgs:
        for tambon in org.tambons:
            rows.append(
                [
                    org.province,
                    org.district,
                    tambon,
                    org.code,
                    org.type,
                    org.name,
                    *org.address,
                    org.website_raw,
                ]
            )
    return rows


def render_csv(orgs: Iterable[Org]) -> bytes:
    """The DLA layout: BOM, header, one RFC 4180 quoted row per covered tambon, LF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(to_rows(orgs))
    return buf.getvalue().encode("utf-8-sig")


def render_featured(orgs: Iterable[Org]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FEATURED_HEADER)
    for o in orgs:
        writer.writerow([o.code, o.full_name, o.type, o.district, o.province, o.domain or ""])
    return buf.getvalue().encode("utf-8")


def build_registry(seed: int = SEED) -> tuple[list[Org], list[Org]]:
    """All organizations and the featured demo subset, as the committed files hold them."""
    orgs = generate_registry(seed)
    featured = featured_orgs(orgs)
    domains = [o.domain for o in orgs if o.domain]
    if len(domains) != len(set(domains)):
        raise AssertionError("sample registry domains collide")
    return orgs, featured


def write_registry(directory: Path = REGISTRY_DIR, seed: int = SEED) -> tuple[Path, Path]:
    orgs, featured = build_registry(seed)
    directory.mkdir(parents=True, exist_ok=True)
    main, demo = directory / REGISTRY_CSV.name, directory / FEATURED_CSV.name
    main.write_bytes(render_csv(orgs))
    demo.write_bytes(render_featured(featured))
    return main, demo


def read_registry(path: Path = REGISTRY_CSV) -> list[Org]:
    """Organizations in a DLA-format CSV (BOM or not), one per code, in first-seen order."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if tuple(h.strip() for h in header) != HEADER:
        raise ValueError(f"{path}: not the DLA header: {header}")
    firsts: dict[str, list[str]] = {}
    tambons: dict[str, list[str]] = {}
    for row in reader:
        if len(row) < len(HEADER):
            continue
        code = row[3].strip()
        firsts.setdefault(code, row)
        tambons.setdefault(code, []).append(row[2])
    return [
        Org(
            code,
            r[4],
            r[5],
            r[1],
            r[0],
            r[12],
            tuple(tambons[code]),
            (r[6], r[7], r[8], r[9], r[10], r[11]),
        )
        for code, r in firsts.items()
    ]


def read_featured(path: Path = FEATURED_CSV) -> list[str]:
    """The DLA codes of the demo organizations."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row["org_id"] for row in csv.DictReader(fh)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the sample DLA registry files.")
    parser.add_argument("--out", type=Path, default=REGISTRY_DIR)
    args = parser.parse_args(argv)
    for path in write_registry(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
