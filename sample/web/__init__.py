"""The sample web: one loopback server playing ~1,000 Thai local-government websites.

Used by the demo, the crawler tests and the crawl benchmark. Start it with
``python -m prongsai.sample.web --port 8800 [--sites N]`` (prints the bound address) or in a
test with ``with serve_in_thread(port=0) as server: ... server.port``. It binds 127.0.0.1 only
(anything else raises ValueError) and picks the site by the Host header (``www.`` optional), so
a crawler maps each domain to 127.0.0.1 and keeps the port.

Registry (`prongsai.sample.web.registry`): sample/registry/sample_dla.csv is our own invented
organizations in the DLA coverage-table format (UTF-8 BOM, RFC 4180, one row per covered tambon,
messy website cells such as "www.Khlongphon go.th" or "www,tlpm.go.th"); featured.csv
(org_id,name,type,district,province,website) is the demo set. `clean_website(raw)` decides each
site's domain: ``clean_website("WWW..Aolueknuea.go.th") == "aolueknuea.go.th"``; organizations
whose cell cleans to None have no site. Regenerate with ``python -m prongsai.sample.web.make_registry``.

Ground truth (`prongsai.sample.web.sites`, pure and deterministic):
    web = SampleWeb.from_registry(path=REGISTRY_CSV, corpus_dir=None, mutated=(), sites=None)
    web.sites[domain] -> Site; web.site_of(code); web.without_site(); web.hang_domain
    site.platform            wordpress | vendor | phpmod | static
    site.features            cp874, redirect, robots, broken, embed, calendar, news,
                             nontarget, octet, offsite_pdf, etag, hang
    site.documents           ExpectedDoc(url, path, sha256, doc_type, fiscal_year, period,
                             title, source, scan, slot): what a correct crawler must find
    site.missing             required (doc_type, fiscal_year) for 2566-2568 it does not publish
    site.forbidden           robots-disallowed decoy URLs: never fetch
    site.non_target          other PDFs (procurement notices, budget ordinance)
    site.broken, site.offsite, site.removed
ExpectedDoc.url is ``http://<domain><path>`` without the port; compare on it or on sha256.

Documents (`prongsai.sample.web.documents`): sample/corpus/*.pdf with *.gold.json when present,
otherwise small generated PDFs. Featured organizations serve corpus PDFs whose gold organization
names them unchanged; every other site serves corpus PDFs with a trailing PDF comment naming the
org, so each sha256 is unique and the file still opens.

National scale (`prongsai.sample.web.national`): ``NationalWeb.from_json()`` gives every one of
the 7,849 organizations of ../shared/registry/localAuthorities.json a site at
``lao<DLA code>.go.th`` (names, types, districts from the registry; built lazily, on first
request); ``python -m prongsai.sample.web --national PATH [--sites N]`` serves it.

Mutation (refresh tests): ``server.mutate(code)`` in process, or GET
``http://127.0.0.1:PORT/mutate?org=CODE`` with ``Host: control.sample`` from another process:
the site's first document gets new bytes at the same URL and its last one is removed (404,
unlinked). The expected state is ``web.with_mutation(code)``; ``/reset`` or ``server.reset()``
undoes it. ``/state`` and ``/truth?org=CODE`` report as JSON; ``server.decoy_hits`` lists any
robots-disallowed URL that was fetched.
"""

from prongsai.sample.web.registry import clean_website, read_registry, write_orgs_csv
from prongsai.sample.web.server import CONTROL_HOST, SampleServer, make_server, serve_in_thread
from prongsai.sample.web.sites import ExpectedDoc, SampleWeb, Site, build_sites

__all__ = [
    "CONTROL_HOST",
    "ExpectedDoc",
    "SampleServer",
    "SampleWeb",
    "Site",
    "build_sites",
    "clean_website",
    "make_server",
    "read_registry",
    "serve_in_thread",
    "write_orgs_csv",
]
