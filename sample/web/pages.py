"""HTTP responses of a sample site: its pages per platform, its files, robots.txt and the traps.

`respond(site, method, target, headers, host)` is pure: the server only moves bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from urllib.parse import parse_qsl, quote, urlsplit

from prongsai.sample.web.sites import (
    FISCAL_YEARS,
    ITEM_OF_TYPE,
    MUTATED_AT,
    ServedFile,
    Site,
    _h,
    request_key,
)

WP_HUB, WP_ABOUT = 12, 2


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    hang: bool = False  # accept, then never answer
    decoy: bool = False  # a robots-disallowed file was fetched


# --- where things live on each platform -----------------------------------------------------


def home_path(site: Site) -> str:
    return {"phpmod": "/index.php", "static": "/index.html"}.get(site.platform, "/")


def hub_path(site: Site) -> str:
    return {
        "wordpress": f"/?page_id={WP_HUB}",
        "vendor": "/Pages/ita",
        "phpmod": "/index.php?_mod=ita&op=list",
        "static": "/ita/index.html",
    }[site.platform]


def year_path(site: Site, fy: int) -> str:
    page_id = site.year_ids[fy]
    return {
        "wordpress": f"/?page_id={page_id}",
        "vendor": f"/Pages/ita_year_detail/{page_id}",
        "phpmod": f"/index.php?_mod=ita&op=year&y={fy}",
        "static": f"/ita/ita{fy}.html",
    }[site.platform]


def news_index_path(site: Site) -> str:
    return {
        "wordpress": "/?cat=3",
        "vendor": "/Pages/news",
        "phpmod": "/index.php?_mod=news&op=list",
        "static": "/news/index.html",
    }[site.platform]


def news_path(site: Site, n: int) -> str:
    return {
        "wordpress": f"/?p={n}",
        "vendor": f"/Pages/news_detail/{n}",
        "phpmod": f"/index.php?_mod=news&op=view&id={n}",
        "static": f"/news/{n}.html",
    }[site.platform]


def about_path(site: Site) -> str:
    return {
        "wordpress": f"/?page_id={WP_ABOUT}",
        "vendor": "/Pages/about",
        "phpmod": "/index.php?_mod=page&op=view&id=1",
        "static": "/about.html",
    }[site.platform]


NEWS_COUNT = 60


def _routes(site: Site) -> dict[str, tuple[str, int]]:
    cached: dict[str, tuple[str, int]] | None = site.__dict__.get("_routes")
    if cached is not None:
        return cached
    routes = {
        "/": ("home", 0),
        home_path(site): ("home", 0),
        hub_path(site): ("hub", 0),
        about_path(site): ("about", 0),
    }
    for fy in FISCAL_YEARS:
        routes[year_path(site, fy)] = ("year", fy)
    if "news" in site.features:
        routes[news_index_path(site)] = ("news_index", 0)
        for n in range(1, NEWS_COUNT + 1):
            routes[news_path(site, 100 + n)] = ("news", 100 + n)
    if "embed" in site.features:
        routes["/ebook/plan.html"] = ("viewer", 0)
    keyed = {request_key(k): v for k, v in routes.items()}
    object.__setattr__(site, "_routes", keyed)
    return keyed


# --- HTML -----------------------------------------------------------------------------------


def _page(site: Site, title: str, body: str, base: str) -> str:
    org = site.org
    charset = "utf-8"
    if "cp874" in site.features:
        charset = "tis-620" if site.platform == "static" else "windows-874"
    nav = [
        (home_path(site), "หน้าหลัก"),
        (
            "/ita" if "redirect" in site.features else hub_path(site),
            "ITA การประเมินคุณธรรมและความโปร่งใส",
        ),
        (about_path(site), "ข้อมูลพื้นฐาน"),
    ]
    if "news" in site.features:
        nav.append((news_index_path(site), "ข่าวประชาสัมพันธ์"))
    if "calendar" in site.features:
        nav.append(("/calendar?month=2567-10", "ปฏิทินกิจกรรม"))
    links = "".join(f'<li><a href="{escape(base + h)}">{t}</a></li>' for h, t in nav)
    footer = "".join(f'<a href="{escape(u)}">{escape(u)}</a> ' for u in site.offsite)
    return (
        f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="{charset}">'
        f"<title>{escape(title)} - {escape(org.full_name)}</title></head><body>"
        f"<header><h1>{escape(org.full_name)}</h1><p>อำเภอ{escape(org.district.removeprefix('อำเภอ'))}"
        f" จังหวัด{escape(org.province)}</p><nav><ul>{links}</ul></nav></header>"
        f"<main><h2>{escape(title)}</h2>{body}</main>"
        f"<footer>ลิงก์หน่วยงาน: {footer}<p>สงวนลิขสิทธิ์ © {escape(org.full_name)}</p></footer>"
        "</body></html>\n"
    )


def _file_link(site: Site, f: ServedFile, base: str) -> str:
    href = f.href
    if "embed" in site.features and f is _embedded(site):
        href = "/ebook/plan.html"
    moved = [old for old, new in site.moves.items() if new == f.href]
    if moved:
        href = moved[0]
    return f'<a href="{escape(base + href)}">{escape(f.title)}</a>'


def _embedded(site: Site) -> ServedFile | None:
    return next((f for f in site.files if f.kind == "target"), None)


_ITEMS = (
    "โครงสร้าง",
    "ข้อมูลผู้บริหาร",
    "อำนาจหน้าที่",
    "แผนพัฒนาท้องถิ่น",
    "ข้อมูลการติดต่อ",
    "กฎหมายที่เกี่ยวข้อง",
    "ข่าวประชาสัมพันธ์",
    "Q&A",
    "Social Network",
    "แผนดำเนินงานประจำปี",
    "รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน",
    "รายงานผลการดำเนินงานประจำปี",
    "คู่มือหรือมาตรฐานการปฏิบัติงาน",
    "คู่มือหรือมาตรฐานการให้บริการ",
    "ข้อมูลเชิงสถิติการให้บริการ",
    "รายงานผลการสำรวจความพึงพอใจการให้บริการ",
    "E-Service",
    "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ",
    "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้าง",
    "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
    "รายงานผลการจัดซื้อจัดจ้างประจำปี",
    "นโยบายการบริหารทรัพยากรบุคคล",
    "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล",
    "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล",
    "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล",
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
    "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต",
    "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตประจำปี",
    "ช่องทางการรับฟังความคิดเห็น",
    "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
    "เจตจำนงสุจริตของผู้บริหาร",
    "การมีส่วนร่วมของผู้บริหาร",
    "การประเมินความเสี่ยงการทุจริตประจำปี",
    "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต",
    "แผนป้องกันการทุจริต",
    "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
)


def _covers(f: ServedFile, fy: int) -> bool:
    return f.fiscal_year == fy or (f.period is not None and f.period[0] <= fy <= f.period[1])


def _year_table(site: Site, fy: int, base: str) -> str:
    """The ITA page: ข้อ | ข้อมูล | คำอธิบาย | ลิงก์, O1..O37, documents under O35-O37."""
    listed: dict[str, list[str]] = {}
    for f in site.files:
        if f.kind == "target" and _covers(f, fy):
            listed.setdefault(ITEM_OF_TYPE[f.doc_type], []).append(_file_link(site, f, base))
        elif f.kind == "other" and fy == 2567:
            listed.setdefault("O19", []).append(_file_link(site, f, base))
    if fy == 2567:
        for href in site.broken:
            listed.setdefault("O36", []).append(
                f'<a href="{escape(base + href)}">รายงานการวิเคราะห์ผลการประเมิน ITA ปี 2565</a>'
            )
    rows = []
    for number, name in enumerate(_ITEMS, start=1):
        item = f"O{number}"
        cell = "<br>".join(listed.get(item, [])) or (
            f'<a href="{escape(base + about_path(site))}">รายละเอียด</a>' if number % 3 == 0 else "-"
        )
        rows.append(
            f"<tr><td>{item}</td><td>{name}</td><td>ข้อมูลประจำปีงบประมาณ พ.ศ. {fy}"
            f"</td><td>{cell}</td></tr>"
        )
    return (
        f"<p>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. {fy}</p>"
        "<table border=1><tr><th>ข้อ</th><th>ข้อมูล</th><th>คำอธิบาย</th><th>ลิงก์</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _html(site: Site, kind: str, arg: int, base: str) -> tuple[str, str]:
    """Title and body of one page."""
    org = site.org
    if kind == "home":
        items = [f'<a href="{escape(base + hub_path(site))}">ITA ประจำปี</a>']
        if "news" in site.features:
            items += [
                f'<a href="{escape(base + news_path(site, 100 + n))}">ข่าวที่ {n}: '
                f"ประชาสัมพันธ์กิจกรรม{escape(org.full_name)}</a>"
                for n in range(1, 6)
            ]
        items += [
            f'<a href="{escape(base + f.href)}">{escape(f.title)}</a>'
            for f in site.files
            if f.kind == "decoy"
        ]
        body = "<p>ยินดีต้อนรับสู่เว็บไซต์" + escape(org.full_name) + "</p><ul>"
        return org.full_name, body + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    if kind == "hub":
        years = "".join(
            f'<li><a href="{escape(base + year_path(site, fy))}">การประเมินคุณธรรม'
            f"และความโปร่งใส (ITA) ประจำปี {fy}</a></li>"
            for fy in FISCAL_YEARS
        )
        # Documents no year page lists (an old 2561-2565 plan) stay reachable from the hub.
        older = "".join(
            f"<li>{_file_link(site, f, base)}</li>"
            for f in site.files
            if f.kind == "target" and not any(_covers(f, fy) for fy in FISCAL_YEARS)
        )
        archive = f"<p>เอกสารย้อนหลัง</p><ul>{older}</ul>" if older else ""
        return "ITA", f"<ul>{years}</ul>{archive}"
    if kind == "year":
        return f"ITA {arg}", _year_table(site, arg, base)
    if kind == "about":
        return "ข้อมูลพื้นฐาน", f"<p>{escape(org.full_name)} ตั้งอยู่ที่อำเภอ{escape(org.district)}</p>"
    if kind == "news_index":
        links = [
            f'<li><a href="{escape(base + news_path(site, 100 + n))}">ข่าวประชาสัมพันธ์ '
            f"ฉบับที่ {n}/2567</a></li>"
            for n in range(1, 41)
        ]
        links += [f"<li>{_file_link(site, f, base)}</li>" for f in site.files if f.kind == "other"]
        return "ข่าวประชาสัมพันธ์", "<ul>" + "".join(links) + "</ul>"
    if kind == "news":
        others = [100 + (arg - 100 + k) % NEWS_COUNT + 1 for k in range(1, 26)]
        related = "".join(
            f'<a href="{escape(base + news_path(site, n))}">ข่าวที่ {n - 100}</a> ' for n in others
        )
        tags = "".join(
            f'<a href="{escape(base + about_path(site))}?tag={t}">#{t}</a> '
            for t in ("กิจกรรม", "ประชุมสภา", "ภาษีที่ดิน", "ศูนย์เด็กเล็ก")
        )
        return f"ข่าวที่ {arg - 100}", (
            f"<p>{escape(org.full_name)} จัดกิจกรรมตามโครงการประจำปี 2567 ณ หมู่ที่ {arg % 12 + 1}</p>"
            f"<p>{related}</p><p>{tags}</p>"
        )
    if kind == "viewer":
        f = _embedded(site)
        if f is None:
            raise KeyError("viewer without a document")
        src = escape(base + f.href)
        embed = (
            f'<object data="{src}" type="application/pdf" width="100%" height="800">'
            f"<p>{escape(f.title)}</p></object>"
            if _h(site.org.code) % 2
            else f'<iframe src="{src}" width="100%" height="800"></iframe>'
        )
        return f.title, embed
    raise KeyError(kind)


def _calendar(site: Site, month: str, base: str) -> tuple[str, str]:
    """An endless calendar: every month links the next and the previous one."""
    try:
        year, mon = (int(x) for x in month.split("-", 1))
    except ValueError:
        year, mon = 2567, 10
    nxt = f"{year + mon // 12}-{mon % 12 + 1:02d}"
    prv = f"{year - (mon == 1)}-{(mon - 2) % 12 + 1:02d}"
    days = "".join(
        f'<a href="{escape(base)}/calendar?month={year}-{mon:02d}&amp;day={d}">{d}</a> '
        for d in range(1, 29, 7)
    )
    body = (
        f'<p><a href="{escape(base)}/calendar?month={prv}">« เดือนก่อน</a> | '
        f'<a href="{escape(base)}/calendar?month={nxt}">เดือนถัดไป »</a></p><p>{days}</p>'
    )
    return f"ปฏิทินกิจกรรม {year}-{mon:02d}", body


# --- WordPress REST -------------------------------------------------------------------------


def _wp_media(site: Site, query: Mapping[str, str], base: str) -> Response:
    files = [f for f in site.files if f.kind in ("target", "other")]
    try:
        per_page = min(100, max(1, int(query.get("per_page", "10"))))
        page = max(1, int(query.get("page", "1")))
    except ValueError:
        return _json(400, {"code": "rest_invalid_param", "message": "Invalid parameter(s)"})
    pages = max(1, -(-len(files) // per_page))
    if page > pages:
        return _json(
            400,
            {
                "code": "rest_post_invalid_page_number",
                "message": "The page number requested is larger than the number of "
                "pages available.",
                "data": {"status": 400},
            },
        )
    chunk = files[(page - 1) * per_page : page * per_page]
    items = [
        {
            "id": 500 + site.files.index(f),
            "date": f.modified.strftime("%Y-%m-%dT%H:%M:%S"),
            "slug": f.filename.removesuffix(".pdf").lower(),
            "type": "attachment",
            "link": f"{base}/?attachment_id={500 + site.files.index(f)}",
            "title": {"rendered": f.title},
            "media_type": "file",
            "mime_type": "application/pdf",
            "source_url": base + f.href,
        }
        for f in chunk
    ]
    response = _json(200, items)
    response.headers += [("X-WP-Total", str(len(files))), ("X-WP-TotalPages", str(pages))]
    return response


def _wp_pages(site: Site, base: str) -> Response:
    pages = [(WP_HUB, "hub", 0), *((site.year_ids[fy], "year", fy) for fy in FISCAL_YEARS)]
    items = []
    for page_id, kind, arg in pages:
        title, body = _html(site, kind, arg, base)
        items.append(
            {
                "id": page_id,
                "link": f"{base}/?page_id={page_id}",
                "title": {"rendered": title},
                "content": {"rendered": body},
            }
        )
    return _json(200, items)


def _json(status: int, data: object) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(status, [("Content-Type", "application/json; charset=UTF-8")], body)


# --- dispatch -------------------------------------------------------------------------------


def _not_found(site: Site) -> Response:
    body = f"<html><body><h1>404 Not Found</h1><p>{escape(site.domain)}</p></body></html>"
    return Response(404, [("Content-Type", "text/html; charset=utf-8")], body.encode())


def _robots(site: Site) -> Response:
    if "robots" in site.features:
        lines = ["User-agent: *", *(f"Disallow: {p}" for p in site.disallow)]
        if site.platform == "wordpress":
            lines += ["Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
        text = "\n".join(lines) + "\n"
    elif _h("robots", site.org.code) % 2:
        text = "User-agent: *\nDisallow:\n"
    else:
        return _not_found(site)
    return Response(200, [("Content-Type", "text/plain")], text.encode())


def _fresh(headers: Mapping[str, str], etag: str, modified: datetime) -> bool:
    """True when the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    if "if-none-match" in headers:
        tags = [t.strip() for t in headers["if-none-match"].split(",")]
        return etag in tags or "*" in tags or f"W/{etag}" in tags
    since = headers.get("if-modified-since")
    if since:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _with_validators(
    site: Site, response: Response, headers: Mapping[str, str], etag: str, modified: datetime
) -> Response:
    if "etag" not in site.features:
        return response
    validators = [("ETag", etag), ("Last-Modified", format_datetime(modified, usegmt=True))]
    if _fresh(headers, etag, modified):
        return Response(304, validators)
    response.headers += validators
    return response


def _file_response(site: Site, f: ServedFile, headers: Mapping[str, str]) -> Response:
    out = [("Content-Type", f.content_type)]
    if f.attachment:
        seq = urlsplit(f.href).query.rsplit("=", 1)[-1]
        out.append(
            (
                "Content-Disposition",
                f"attachment; filename=\"file_{seq}.pdf\"; filename*=UTF-8''{quote(f.filename)}",
            )
        )
    response = Response(200, out, f.body, decoy=f.kind == "decoy")
    response = _with_validators(site, response, headers, f'"{f.sha256[:24]}"', f.modified)
    return response if site.platform == "phpmod" else _ranged(response, headers)


def _ranged(response: Response, headers: Mapping[str, str]) -> Response:
    """One byte range of a file, as Apache serves static files (a PHP download script does
    not: phpmod sites send the whole file whatever the Range)."""
    found = re.fullmatch(r"bytes=(\d*)-(\d*)", headers.get("range", "").strip())
    if response.status != 200 or not found or found.groups() == ("", ""):
        return response
    size, (start, end) = len(response.body), found.groups()
    if start:
        first, last = int(start), min(int(end), size - 1) if end else size - 1
    else:
        first, last = max(0, size - int(end)), size - 1
    if first > last:
        return Response(416, [("Content-Range", f"bytes */{size}")])
    ranged = [*response.headers, ("Content-Range", f"bytes {first}-{last}/{size}")]
    return replace(response, status=206, headers=ranged, body=response.body[first : last + 1])


def _site_modified(site: Site) -> datetime:
    if site.mutated:
        return MUTATED_AT
    return max((f.modified for f in site.files), default=MUTATED_AT.replace(year=2023))


def respond(
    site: Site, method: str, target: str, headers: Mapping[str, str], host: str
) -> Response:
    """The response `site` gives; `headers` keys are lower case; `host` is the Host header."""
    del method  # HEAD is GET without the body; the server drops it
    if site.hang:
        return Response(0, hang=True)
    base = f"http://{host}" if site.platform == "wordpress" else ""
    key = request_key(target)
    path = key.split("?", 1)[0]
    query = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
    if path == "/robots.txt":
        return _robots(site)
    for old, new in site.moves.items():
        if key == request_key(old):
            status = 301 if new == "hub" else 302
            location = base + (hub_path(site) if new == "hub" else new)
            return Response(status, [("Location", location), ("Content-Length", "0")])
    served = site.file(key)
    if served is not None:
        return _file_response(site, served, headers)
    if site.platform == "wordpress" and path.startswith("/wp-json/"):
        if path.rstrip("/") == "/wp-json/wp/v2/media":
            return _wp_media(site, query, base)
        if path.rstrip("/") == "/wp-json/wp/v2/pages":
            return _wp_pages(site, base)
        if path.rstrip("/") == "/wp-json":
            return _json(200, {"name": site.org.full_name, "url": base, "namespaces": ["wp/v2"]})
        return _json(404, {"code": "rest_no_route", "data": {"status": 404}})
    if path == "/calendar" and "calendar" in site.features:
        title, body = _calendar(site, query.get("month", ""), base)
    else:
        route = _routes(site).get(key)
        if route is None:
            return _not_found(site)
        title, body = _html(site, *route, base)
    html = _page(site, title, body, base)
    if "cp874" in site.features:
        data = html.encode("cp874", errors="xmlcharrefreplace")
        # Some sites say it in the header, the others only in the meta tag.
        ctype = "text/html; charset=windows-874" if site.platform == "phpmod" else "text/html"
    else:
        data, ctype = html.encode("utf-8"), "text/html; charset=UTF-8"
    response = Response(200, [("Content-Type", ctype)], data)
    etag = '"' + hashlib.md5(data, usedforsecurity=False).hexdigest() + '"'
    return _with_validators(site, response, headers, etag, _site_modified(site))
