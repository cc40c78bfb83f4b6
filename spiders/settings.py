"""Scrapy settings: the polite production baseline, and the overrides for tests and the demo.

The baseline follows Scrapy's project template: obey robots.txt, few requests per domain,
AutoThrottle, an identifying User-Agent. ``PRONGSAI_*`` settings are read by this package.
"""

from __future__ import annotations

from typing import Any

USER_AGENT = "prongsai/0.1 (+https://github.com/prongsai/prongsai)"

BASE: dict[str, Any] = {
    "BOT_NAME": "prongsai",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "ROBOTSTXT_USER_AGENT": "prongsai",
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    # Scrapy starts this many asyncio tasks for every response's output (a handful of items and
    # requests); the store pipeline is synchronous anyway. 100 (the default): 9% of crawl CPU.
    "CONCURRENT_ITEMS": 4,
    "DOWNLOAD_DELAY": 0.5,
    "DOWNLOAD_DELAY_JITTER": 0.5,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 64 * 1024 * 1024,  # the largest plan seen is ~40 MB of scans
    "DOWNLOAD_WARNSIZE": 32 * 1024 * 1024,
    "RETRY_TIMES": 1,
    "REDIRECT_MAX_TIMES": 5,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "DEPTH_PRIORITY": 0,
    # Scrapy's default DownloaderAwarePriorityQueue scans every site's queue on each pop: at
    # 3,900 sites a crawl process spent 38% of its CPU there (py-spy, issue 8). A plain priority
    # queue pops in O(log n); the downloader still holds each site to its own concurrency.
    "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
    # Our own offsite check knows each site's scope; Scrapy's reads spider.allowed_domains.
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
        "prongsai.spiders.middlewares.ScopeMiddleware": 40,
        "prongsai.spiders.middlewares.AddressGuardMiddleware": 45,
        "prongsai.spiders.middlewares.RedirectOnceMiddleware": 50,
        "prongsai.spiders.middlewares.HostMapMiddleware": 740,
    },
    "ITEM_PIPELINES": {"prongsai.spiders.pipelines.StorePipeline": 300},
    # prongsai
    "PRONGSAI_SITE_BUDGET": 80,  # requests per site, robots.txt included
    "PRONGSAI_MAX_DEPTH": 4,
    "PRONGSAI_PATTERN_CAP": 6,  # URLs per look-alike pattern (calendar months, news pages)
    "PRONGSAI_FULL_CHECK_DAYS": 7,  # no-validator servers: tail checks, a full GET after this
    "PRONGSAI_HOST_MAP": None,  # "127.0.0.1:PORT": send registered hosts there (sample web)
}

# Loopback sample web: no delays (it is our own server), short timeouts for the hanging site.
TEST: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "DOWNLOAD_TIMEOUT": 3,
    "RETRY_TIMES": 0,
    "LOG_LEVEL": "WARNING",
}


def build_settings(*, test: bool = False, **overrides: Any) -> dict[str, Any]:
    """The settings of one crawl.

    >>> build_settings(test=True, PRONGSAI_HOST_MAP="127.0.0.1:8800")["DOWNLOAD_DELAY"]
    0
    """
    settings = dict(BASE)
    if test:
        settings.update(TEST)
    settings.update({k: v for k, v in overrides.items() if v is not None})
    return settings
