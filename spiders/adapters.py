"""Platform adapters: what a platform offers beyond the links on its pages.

Thai local sites run on a few platforms (WordPress; vendor CMSs with /Pages/ita_year_detail/{id}
and /docs/file/; PHP CMSs with index.php?_mod=...; hand-made static pages). Link scoring already
rates their ITA URLs (`prongsai.spiders.links`: ita_year_detail, _mod=ita, /ita/ita2567.html);
an adapter names the platform and the extra requests worth one try, such as WordPress's media
listing, which lists uploads no page links any more.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from scrapy.http import TextResponse

WP_MEDIA = "wp-json/wp/v2/media?per_page=100&mime_type=application/pdf"
MAX_API_PAGES = 5

_SIGNS = (
    ("wordpress", re.compile(rb"wp-content/|wp-json|wp-includes|[?&]page_id=\d")),
    ("vendor", re.compile(rb"/Pages/(?:ita|news|about)|/docs/file/")),
    ("phpmod", re.compile(rb"index\.php\?_mod=")),
)


def detect(response: TextResponse) -> str | None:
    """The platform a page's markup gives away, or None.

    >>> detect(TextResponse("http://a.go.th/", body=b'<a href="/?page_id=12">ITA</a>', encoding="utf-8"))
    'wordpress'
    """
    body = response.body[:300_000]
    for name, sign in _SIGNS:
        if sign.search(body):
            return name
    return None


def extra_requests(platform: str | None, root: str) -> list[tuple[str, str]]:
    """(URL, kind) pairs to request once per site on `platform`.

    >>> extra_requests("wordpress", "http://a.go.th/")
    [('http://a.go.th/wp-json/wp/v2/media?per_page=100&mime_type=application/pdf', 'api')]
    """
    if platform == "wordpress":
        return [(urljoin(root, "/" + WP_MEDIA), "api")]
    return []


def next_api_page(url: str, total_pages: str | None) -> str | None:
    """The next page of a paginated WordPress REST listing, if any.

    >>> next_api_page("http://a.go.th/wp-json/wp/v2/media?per_page=100", "3")
    'http://a.go.th/wp-json/wp/v2/media?per_page=100&page=2'
    """
    try:
        total = int(total_pages or "1")
    except ValueError:
        return None
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    page = int(query.get("page", "1")) if query.get("page", "1").isdigit() else 1
    if page >= min(total, MAX_API_PAGES):
        return None
    query["page"] = str(page + 1)
    return urlunsplit(parts._replace(query=urlencode(query)))
