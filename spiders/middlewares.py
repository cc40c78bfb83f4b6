"""Downloader middlewares that keep the crawl inside each site and off internal networks.

* `ScopeMiddleware`: a request tagged with a site (``meta["org_id"]``) may only go to that
  site's host or its subdomains, on its port (80 and 443 count as one: sites move to https).
  It runs before robots.txt handling and again for every redirect, so a redirect cannot leave.
* `AddressGuardMiddleware`: resolves the host and refuses private, loopback, link-local,
  reserved and multicast addresses, unless the request goes to a registered website itself
  (same host and port). Every refusal is counted in the stats and logged.
* `HostMapMiddleware`: in test or demo mode (``PRONGSAI_HOST_MAP = "127.0.0.1:8800"``) sends
  requests for the registered hosts to that address through it as an HTTP proxy: the request
  line carries the full URL and the Host header stays the site's, which is how the sample web
  picks a site. Nothing else changes, so response URLs, links and redirects stay the real ones.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def host_port(url: str) -> tuple[str, int]:
    """Lowercase host and effective port of a URL.

    >>> host_port("HTTPS://www.Khaothong.go.th/ita"), host_port("http://a.go.th:8080/")
    (('www.khaothong.go.th', 443), ('a.go.th', 8080))
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return host, port


def in_scope(url: str, site_url: str) -> bool:
    """Whether `url` belongs to the site registered as `site_url` (its host or a subdomain).

    >>> in_scope("http://www.a.go.th/x.pdf", "http://a.go.th/"), in_scope("http://ba.go.th/", "http://a.go.th/")
    (True, False)
    >>> in_scope("https://a.go.th/", "http://a.go.th/"), in_scope("http://a.go.th:8080/", "http://a.go.th/")
    (True, False)
    """
    host, port = host_port(url)
    site_host, site_port = host_port(site_url)
    if not (host == site_host or host.endswith("." + site_host)):
        return False
    web = (80, 443)
    return port == site_port or (port in web and site_port in web)


def is_public(address: Address) -> bool:
    """False for addresses a crawler of public websites has no business reaching.

    >>> [is_public(ipaddress.ip_address(a)) for a in ("203.0.113.9", "10.1.2.3", "127.0.0.1", "169.254.169.254", "164.115.1.1")]
    [False, False, False, False, True]
    """
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or (
            isinstance(address, ipaddress.IPv6Address)
            and address.ipv4_mapped is not None
            and not is_public(address.ipv4_mapped)
        )
    )


@functools.lru_cache(maxsize=16384)
def resolve(host: str) -> tuple[str, ...]:
    """Every address `host` resolves to ('' entries never; () when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def _sites(spider: Spider) -> dict[str, str]:
    sites: dict[str, str] = getattr(spider, "site_urls", {})
    return sites


class ScopeMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        if spider is None:
            return
        org_id = request.meta.get("org_id")
        if org_id is None:
            return  # robots.txt: asked for a request that already passed here
        site_url = _sites(spider).get(org_id)
        if site_url is None or not in_scope(request.url, site_url):
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("prongsai/offsite_refused")
            raise IgnoreRequest(f"offsite for {org_id}: {request.url}")


class AddressGuardMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.host_map: str | None = crawler.settings.get("PRONGSAI_HOST_MAP") or None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    def _addresses(self, host: str, spider: Spider) -> tuple[str, ...]:
        if self.host_map and _mapped(host, spider):
            return (self.host_map.rsplit(":", 1)[0],)
        try:
            return (str(ipaddress.ip_address(host.strip("[]"))),)
        except ValueError:
            return resolve(host)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        if spider is None:
            return
        target = host_port(request.url)
        registered: set[tuple[str, int]] = getattr(spider, "registered", set())
        if target in registered:
            return
        addresses = self._addresses(target[0], spider)
        bad = [a for a in addresses if not is_public(ipaddress.ip_address(a))]
        if bad or not addresses:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("prongsai/address_refused")
            why = f"resolves to {bad[0]}" if bad else "does not resolve"
            logger.warning("refused %s: %s", request.url, why)
            raise IgnoreRequest(f"refused {request.url}: {why}")


def _mapped(host: str, spider: Spider) -> bool:
    hosts: set[str] = getattr(spider, "registered_hosts", set())
    return host in hosts or any(host.endswith("." + h) for h in hosts)


class HostMapMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        target = crawler.settings.get("PRONGSAI_HOST_MAP") or None
        self.proxy = f"http://{target}" if target else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostMapMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        spider = spider or self.crawler.spider
        if self.proxy is None or spider is None:
            return None
        if _mapped(host_port(request.url)[0], spider):
            request.meta["proxy"] = self.proxy
        return None


class RedirectOnceMiddleware:
    """A redirect to a URL the site's crawl already asked for is not fetched a second time
    (an old file path that 302s to a file also linked directly would otherwise come twice)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectOnceMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        if not request.meta.get("redirect_urls") or spider is None:
            return
        state = getattr(spider, "states", {}).get(request.meta.get("org_id"))
        if state is None:
            return
        if request.url in state.requested:
            raise IgnoreRequest(f"redirect to a URL already requested: {request.url}")
        state.requested.add(request.url)
