from __future__ import annotations

from scrapy.http import HtmlResponse

from prongsai.spiders.content import file_name_from_url, parse_content_disposition, sniff_kind

THAI = "รายงานการวิเคราะห์ผลการประเมิน ITA 2567.pdf"
CP874_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=tis-620">'
    "<title>แผนป้องกันการทุจริต</title></head><body><a href='/download.php?id=7'>"
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส</a></body></html>"
).encode("cp874")


def test_rfc5987_name_wins_over_ascii_fallback() -> None:
    from urllib.parse import quote

    header = f"attachment; filename=\"file_7.pdf\"; filename*=UTF-8''{quote(THAI)}"
    assert parse_content_disposition(header.encode("latin-1")) == THAI


def test_raw_utf8_and_tis620_names() -> None:
    assert parse_content_disposition(b'attachment; filename="' + THAI.encode() + b'"') == THAI
    assert parse_content_disposition(b'inline; filename="' + THAI.encode("cp874") + b'"') == THAI


def test_server_path_is_dropped() -> None:
    assert parse_content_disposition('attachment; filename="../../etc/แผน.pdf"') == "แผน.pdf"
    assert parse_content_disposition("inline") is None


def test_name_from_url() -> None:
    assert file_name_from_url("http://a.go.th/files/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf") == "แผน.pdf"
    assert file_name_from_url("http://a.go.th/download.php?id=7") is None


def test_pdf_by_bytes_not_header() -> None:
    assert sniff_kind(b"%PDF-1.4\n...", "application/octet-stream") == "pdf"
    assert sniff_kind(b"%PDF-1.4\n...", "text/html; charset=utf-8") == "pdf"
    assert sniff_kind(b"<!DOCTYPE html><html>", "application/octet-stream") == "html"
    assert sniff_kind(b"PK\x03\x04", "application/zip") == "other"


def test_tis620_meta_only_page_decodes() -> None:
    response = HtmlResponse("http://a.go.th/", body=CP874_PAGE)  # no Content-Type header
    assert response.xpath("//title/text()").get() == "แผนป้องกันการทุจริต"
    assert response.xpath("//a/text()").get() == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"


def test_windows874_header_page_decodes() -> None:
    body = CP874_PAGE.replace(b"tis-620", b"x-unknown")
    headers = {"Content-Type": "text/html; charset=windows-874"}
    response = HtmlResponse("http://a.go.th/", body=body, headers=headers)
    assert response.xpath("//title/text()").get() == "แผนป้องกันการทุจริต"
