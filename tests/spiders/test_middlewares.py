from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from prongsai.spiders.middlewares import AddressGuardMiddleware, HostMapMiddleware, ScopeMiddleware


def _spider() -> Any:
    return SimpleNamespace(
        site_urls={"6600301": "http://khaothong.go.th/"},
        registered={("khaothong.go.th", 80), ("www.khaothong.go.th", 80)},
        registered_hosts={"khaothong.go.th"},
    )


def _request(url: str) -> Request:
    return Request(url, meta={"org_id": "6600301"})


def test_scope_refuses_other_hosts_and_ports() -> None:
    mw = ScopeMiddleware(get_crawler(settings_dict={}))
    spider = _spider()
    mw.crawler.stats.open_spider()
    mw.process_request(_request("http://www.khaothong.go.th/ita"), spider)
    for url in ("http://www.dla.go.th/", "http://khaothong.go.th:8080/", "http://127.0.0.1/"):
        with pytest.raises(IgnoreRequest):
            mw.process_request(_request(url), spider)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://[::1]:8080/",
        "http://internal.khaothong.go.th/",  # a subdomain that resolves (here: is mapped) to loopback
    ],
)
def test_guard_refuses_private_addresses(url: str) -> None:
    crawler = get_crawler(settings_dict={"PRONGSAI_HOST_MAP": "127.0.0.1:8800"})
    mw = AddressGuardMiddleware(crawler)
    spider = _spider()
    crawler.stats.open_spider()
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request(url), spider)


def test_guard_lets_the_registered_site_through_on_loopback() -> None:
    crawler = get_crawler(settings_dict={"PRONGSAI_HOST_MAP": "127.0.0.1:8800"})
    mw = AddressGuardMiddleware(crawler)
    assert mw.process_request(Request("http://khaothong.go.th/robots.txt"), _spider()) is None


def test_host_map_proxies_only_registered_hosts() -> None:
    crawler = get_crawler(settings_dict={"PRONGSAI_HOST_MAP": "127.0.0.1:8800"})
    mw = HostMapMiddleware(crawler)
    inside, outside = Request("http://khaothong.go.th/"), Request("https://www.dla.go.th/")
    mw.process_request(inside, _spider())
    mw.process_request(outside, _spider())
    assert inside.meta["proxy"] == "http://127.0.0.1:8800"
    assert "proxy" not in outside.meta
