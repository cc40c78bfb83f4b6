"""Score links by how likely they lead to an anti-corruption plan or ITA document.

A Thai local site links hundreds of pages (news, procurement notices, photo albums, calendars);
the crawler follows the best-scored links first and the negative ones never, so it reaches the
ITA and plan pages within a small request budget. Text is cut into words with PyThaiNLP's newmm
engine; a keyword counts when a word contains it, because newmm glues prefixes onto compounds
("แผนปฏิบัติการป้องกันการทุจริต" gives "การป้องกัน", "การ", "ทุจริต").
"""

from __future__ import annotations

import functools
import os
import re
from urllib.parse import unquote, urlsplit

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

# Thai words: weight. Each counts once per text.
THAI_KEYWORDS: dict[str, float] = {
    "ทุจริต": 5,
    "คุณธรรม": 4,
    "โปร่งใส": 4,
    "มาตรการ": 3,
    "ประพฤติมิชอบ": 3,
    "ป้องกัน": 2,
    "ประเมิน": 2,
    "วิเคราะห์": 2,
    "ข้อมูลสาธารณะ": 2,
    "เปิดเผยข้อมูล": 2,
    "ผลการดำเนินงาน": 1,
    "ผลการดำเนินการ": 1,
    "แผน": 1,
    "รายงาน": 1,
    "ดาวน์โหลด": 1,
    "เอกสาร": 1,
    "ปีงบประมาณ": 1,
    # Pages that swallow a budget and never hold the documents.
    "ปฏิทิน": -5,
    "ประกวดราคา": -4,
    "จัดซื้อจัดจ้าง": -3,
    "ผู้ชนะ": -3,
    "สอบราคา": -3,
    "ภาพกิจกรรม": -3,
    "อัลบั้ม": -3,
    "กระทู้": -3,
    "เว็บบอร์ด": -3,
    "สมัครสมาชิก": -4,
    "เข้าสู่ระบบ": -5,
    "ร้องเรียน": -1,
    "แผนที่": -2,
}
# Latin words and ITA item numbers (lowercase): weight.
LATIN_KEYWORDS: dict[str, float] = {
    "ita": 5,
    "o35": 4,
    "o36": 4,
    "o37": 4,
    "o33": 2,
    "o34": 2,
    "o38": 2,
    "oit": 3,
    "integrity": 3,
    "corruption": 4,
    "transparency": 3,
    "tujarit": 4,
    "anticorruption": 4,
    "ita_year_detail": 5,
    "ita_year": 5,
    "itas": 2,
    "download": 1,
    "docs": 1,
    "uploads": 1,
    "calendar": -5,
    "event": -2,
    "events": -2,
    "login": -5,
    "logout": -5,
    "register": -4,
    "webboard": -3,
    "gallery": -3,
    "facebook": -5,
    "youtube": -5,
    "line": -1,
    "feed": -3,
    "replytocom": -5,
    "share": -3,
    "print": -3,
}
FILE_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar")
_LATIN_SPLIT = re.compile(r"[^a-z0-9_]+")
_HAS_THAI = re.compile(r"[\u0e00-\u0e7f]")
_ITA_WORD = re.compile(r"^(ita|o3[5-7])_?\d{2,4}")


@functools.lru_cache(maxsize=65536)
def to_words(text: str) -> tuple[str, ...]:
    """Words of a text: newmm for Thai, lowercase alphanumeric runs for the rest.

    >>> to_words("O36 รายงานผลการวิเคราะห์ ITA")
    ('o36', 'รายงาน', 'ผลการวิเคราะห์', 'ita')
    """
    words: list[str] = []
    for chunk in re.split(r"(\s+|[^\u0e00-\u0e7fA-Za-z0-9_]+)", text):
        if not chunk or chunk.isspace():
            continue
        if _HAS_THAI.search(chunk):
            from pythainlp.tokenize import word_tokenize

            for token in word_tokenize(chunk, engine="newmm", keep_whitespace=False):
                words.extend(_latin(token) if not _HAS_THAI.search(token) else [token])
        else:
            words.extend(_latin(chunk))
    return tuple(words)


def _latin(token: str) -> list[str]:
    return [w for w in _LATIN_SPLIT.split(token.lower()) if w]


def score_text(text: str) -> float:
    """Keyword weight of a text, each keyword counted once.

    >>> score_text("แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2566-2570)")
    8.0
    >>> score_text("ปฏิทินกิจกรรม") < 0
    True
    """
    if not text.strip():
        return 0.0
    words = to_words(text[:400])
    joined = "|".join(words)
    total = 0.0
    for keyword, weight in THAI_KEYWORDS.items():
        if keyword in joined:
            total += weight
    for word in set(words):
        latin: float | None = LATIN_KEYWORDS.get(word)
        if latin is None and _ITA_WORD.match(word):
            latin = 4  # ita2567, ita_2566, o36_2567: item or year glued on
        total += latin if latin is not None else 0.0
    return total


def url_text(url: str) -> str:
    """The words a URL carries in its path and query, decoded (Thai file names too).

    >>> url_text("http://x.go.th/wp-content/uploads/2024/03/O36-%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.pdf")
    'wp content uploads 2024 03 O36 รายงาน pdf'
    """
    parts = urlsplit(url)
    raw = unquote(f"{parts.path} {parts.query}", errors="replace")
    return " ".join(w for w in re.split(r"[/\s?&=._+\-]+", raw) if w)


def score_link(text: str, url: str, context: str = "") -> float:
    """How promising a link is: its text, its URL and (at half weight) the text around it.

    >>> score_link("O36 รายงานการวิเคราะห์ผลการประเมิน ITA 2567", "/docs/file/ab12.pdf") > 10
    True
    >>> score_link("ปฏิทินกิจกรรม", "/index.php?_mod=calendar&month=5") < 0
    True
    """
    return score_text(text) + score_text(url_text(url)) + 0.5 * score_text(context)


def looks_like_file(url: str) -> bool:
    """Whether a URL names a downloadable file rather than a page (by its shape only).

    >>> looks_like_file("http://a.go.th/download.php?id=1203"), looks_like_file("http://a.go.th/news.php")
    (True, False)
    """
    parts = urlsplit(url)
    path = unquote(parts.path).lower()
    if path.endswith(FILE_EXTENSIONS):
        return True
    if "/docs/file/" in path or "/wp-content/uploads/" in path:
        return True
    name = path.rsplit("/", 1)[-1]
    return name in ("download.php", "download", "file.php", "getfile.php") and bool(parts.query)


def url_pattern(url: str) -> str:
    """A URL with digits and query values blurred, to cap look-alike pages (calendars, pagers).

    >>> url_pattern("http://a.go.th/index.php?_mod=calendar&month=5&year=2567")
    'a.go.th/index.php?_mod=calendar&month=#&year=#'
    """
    parts = urlsplit(url)
    path = re.sub(r"\d+", "#", parts.path)
    query = "&".join(
        k + ("=" + re.sub(r"\d+", "#", v) if v else "")
        for k, _, v in sorted(p.partition("=") for p in parts.query.split("&") if p)
    )
    return f"{parts.netloc}{path}" + (f"?{query}" if query else "")
