"""Read the organization registry: the DLA coverage table as published, or a simple CSV.

The DLA file (re01_9112566tambon.csv) is UTF-8 with a BOM, RFC 4180 quoted, and has one row per
tambon an organization covers, so a code repeats on several rows; its website column is typed by
hand ("www.Khlongphon go.th", "WWW..Aolueknuea.go.th", "www,tlpm.go.th", "hattp://..."). The
simple CSV has the header ``org_id,name,type,district,province,website``.

Both readers are pure: they return the organizations and a list of problems (a website that
cannot be cleaned, a row that is too short, a code whose rows disagree) instead of guessing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DLA_HEADER: tuple[str, ...] = (
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
SIMPLE_HEADER: tuple[str, ...] = ("org_id", "name", "type", "district", "province", "website")

# The DLA name column holds the bare name (เขาทอง); documents print the full one.
TYPE_PREFIX = {
    "อบต.": "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
}

_NO_SITE = {"", "-", "ไม่มี", "none", "n/a", "null", "http://", "https://", "www", "www."}
_SCHEME_RE = re.compile(r"^([a-z]{2,8})\s*[:;]+/*")
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_TLDS = ("th", "org", "com", "net", "info", "biz", "asia", "co", "go")


@dataclass(frozen=True)
class RegistryOrg:
    """One organization; `website` is the cleaned root URL the crawler starts from, or None."""

    org_id: str
    name: str
    type: str | None
    district: str | None
    province: str | None
    website: str | None
    website_raw: str
    website_error: str | None = None
    dla_code: str | None = None


@dataclass(frozen=True)
class RegistryProblem:
    """Something the importer would not guess about: it names the line, code and value."""

    line: int
    org_id: str | None
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return (
            f"line {self.line}: {self.org_id or '?'}: {self.field}={self.value!r}: {self.message}"
        )


def parse_website(raw: str) -> tuple[str | None, str | None]:
    """The root URL a hand-typed website cell names, or (None, why it names none).

    Lowercase; a typed scheme is kept (typos of http fixed), else http; "," and spaces inside the
    host become dots, repeated dots collapse, a leading "www." goes (the crawl scope takes in
    subdomains anyway) and any path is dropped: the crawler starts from the site root.

    >>> parse_website("www.Khlongphon go.th")
    ('http://khlongphon.go.th/', None)
    >>> parse_website("WWW..Aolueknuea.go.th")[0], parse_website("www,tlpm.go.th")[0]
    ('http://aolueknuea.go.th/', 'http://tlpm.go.th/')
    >>> parse_website("hattp://www.kiriwong.go.th/index.php?m=1")[0]
    'http://kiriwong.go.th/'
    >>> parse_website("https://www.prudinna.go.th:8443/ita")[0]
    'https://prudinna.go.th:8443/'
    >>> parse_website(".org"), parse_website(" - ")
    ((None, 'not a host name: .org'), (None, 'blank'))
    >>> parse_website("เทศบาลตำบลคลองพน")
    (None, 'not a host name: เทศบาลตำบลคลองพน')
    """
    text = raw.strip().strip("\"'").strip()
    if text.lower() in _NO_SITE:
        return None, "blank"
    lowered = text.lower()
    scheme = "http"
    m = _SCHEME_RE.match(lowered)
    if m:
        typed = m.group(1)
        if typed.startswith("h") and typed.rstrip("s").endswith("p"):
            scheme = "https" if typed.endswith("s") else "http"  # hattp, htp, htttp, https
        elif typed not in ("www",):
            return None, f"unknown scheme: {text}"
        lowered = lowered[m.end() :]
    host_port = re.split(r"[/?#\\]", lowered, maxsplit=1)[0]
    host_port = re.sub(r"[\s,]+", ".", host_port.strip())
    host, _, port = host_port.partition(":")
    host = re.sub(r"\.{2,}", ".", host).strip(".")
    while host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if (
        len(labels) < 2
        or not all(_LABEL_RE.match(label) for label in labels)
        or labels[-1] not in _TLDS
        or labels[0] in _TLDS
    ):
        return None, f"not a host name: {text}"
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        return None, f"bad port: {text}"
    default = {"http": "80", "https": "443"}[scheme]
    netloc = host if not port or port == default else f"{host}:{port}"
    return f"{scheme}://{netloc}/", None


def parse_registry(path: Path) -> tuple[list[RegistryOrg], list[RegistryProblem]]:
    """Organizations in a registry CSV (DLA or simple format, BOM or not), one per code."""
    return parse_registry_text(path.read_bytes().decode("utf-8-sig"), source=str(path))


def parse_registry_text(
    text: str, *, source: str = "<registry>"
) -> tuple[list[RegistryOrg], list[RegistryProblem]]:
    """Like `parse_registry`, from the decoded text.

    >>> dla = ",".join(DLA_HEADER) + "\\n"
    >>> dla += "กระบี่,คลองท่อม,คลองท่อมใต้,5810402,เทศบาลตำบล,คลองพน,399,1,81170,7.65,7.8,99.2,www.Khlongphon go.th\\n"
    >>> dla += "กระบี่,คลองท่อม,คลองท่อมเหนือ,5810402,เทศบาลตำบล,คลองพน,399,1,81170,7.65,7.8,99.2,www.Khlongphon go.th\\n"
    >>> dla += "กระบี่,คลองท่อม,ทรายขาว,5810405,เทศบาลตำบล,ทรายขาว,,,,,,,-\\n"
    >>> orgs, problems = parse_registry_text(dla)
    >>> [(o.org_id, o.name, o.website) for o in orgs]
    [('5810402', 'เทศบาลตำบลคลองพน', 'http://khlongphon.go.th/'), ('5810405', 'เทศบาลตำบลทรายขาว', None)]
    >>> [str(p) for p in problems]
    ["line 4: 5810405: website='-': blank"]
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = tuple(h.strip() for h in next(reader))
    except StopIteration:
        return [], [RegistryProblem(1, None, "header", "", f"{source}: empty file")]
    if header[: len(DLA_HEADER)] == DLA_HEADER:
        return _read_dla(reader)
    if header[: len(SIMPLE_HEADER)] == SIMPLE_HEADER:
        return _read_simple(reader)
    message = f"{source}: neither the DLA nor the simple header"
    return [], [RegistryProblem(1, None, "header", ",".join(header), message)]


def _read_dla(reader: Any) -> tuple[list[RegistryOrg], list[RegistryProblem]]:
    orgs: dict[str, RegistryOrg] = {}
    problems: list[RegistryProblem] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(DLA_HEADER):
            problems.append(RegistryProblem(line, None, "row", ",".join(row), "too few columns"))
            continue
        province, district, _tambon, code, org_type, name = (c.strip() for c in row[:6])
        raw = row[12]
        if not code:
            problems.append(RegistryProblem(line, None, "รหัส อปท.", code, "no code"))
            continue
        full = TYPE_PREFIX.get(org_type, "") + name
        seen = orgs.get(code)
        if seen is not None:
            # Rows of one code agree in the real file; say so when a copy does not.
            if (seen.name, seen.type, seen.province) != (full, org_type, province):
                message = f"disagrees with the first row of {code}: {seen.name}"
                problems.append(RegistryProblem(line, code, "อปท.", name, message))
            continue
        website, error = parse_website(raw)
        if error:
            problems.append(RegistryProblem(line, code, "website", raw, error))
        orgs[code] = RegistryOrg(
            code,
            full,
            org_type or None,
            district or None,
            province or None,
            website,
            raw,
            error,
            code,
        )
    return list(orgs.values()), problems


def _read_simple(reader: Any) -> tuple[list[RegistryOrg], list[RegistryProblem]]:
    orgs: dict[str, RegistryOrg] = {}
    problems: list[RegistryProblem] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(SIMPLE_HEADER):
            problems.append(RegistryProblem(line, None, "row", ",".join(row), "too few columns"))
            continue
        org_id, name, org_type, district, province = (c.strip() for c in row[:5])
        raw = row[5]
        if not org_id or not name:
            problems.append(RegistryProblem(line, org_id or None, "org_id", org_id, "no id/name"))
            continue
        if org_id in orgs:
            problems.append(RegistryProblem(line, org_id, "org_id", org_id, "repeated id"))
            continue
        website, error = parse_website(raw)
        if error:
            problems.append(RegistryProblem(line, org_id, "website", raw, error))
        dla = org_id if re.fullmatch(r"\d{7}", org_id) else None
        orgs[org_id] = RegistryOrg(
            org_id,
            name,
            org_type or None,
            district or None,
            province or None,
            website,
            raw,
            error,
            dla,
        )
    return list(orgs.values()), problems
