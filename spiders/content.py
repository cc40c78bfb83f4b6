"""Small HTTP helpers: what a body is (by its bytes), and the file name a server suggests.

Thai sites send PDFs as application/octet-stream or text/html, and name them in
Content-Disposition either the RFC 5987 way (filename*=UTF-8''%E0%B8...) or as raw UTF-8 or
TIS-620 bytes in a quoted filename. The name is provenance only: stored files are named by sha256.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_to_bytes, urlsplit

_EXT_RE = re.compile(r"filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[\w-]*'([^;\s]+)", re.IGNORECASE)
_PLAIN_RE = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.IGNORECASE)


def sniff_kind(body: bytes, content_type: str = "") -> str:
    """'pdf', 'html', 'json' or 'other', trusting the bytes before the header.

    >>> sniff_kind(b"\\r\\n%PDF-1.7 ...", "text/html"), sniff_kind(b"<!DOCTYPE html>", "application/octet-stream")
    ('pdf', 'html')
    """
    head = body[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(b"%PDF-") or b"%PDF-" in body[:1024]:
        return "pdf"
    ctype = content_type.lower()
    low = head[:256].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body")):
        return "html"
    if low.startswith((b"[", b"{")) and "json" in ctype:
        return "json"
    if "html" in ctype or "xml" in ctype:
        return "html"
    return "other"


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def parse_content_disposition(value: bytes | str | None) -> str | None:
    """The file name a Content-Disposition header suggests, or None.

    >>> parse_content_disposition("attachment; filename=\\"file_12.pdf\\"; filename*=UTF-8''%E0%B9%81%E0%B8%9C%E0%B8%99.pdf")
    'แผน.pdf'
    >>> parse_content_disposition("แผนป้องกันการทุจริต.pdf".encode("cp874").join([b'inline; filename="', b'"']))
    'แผนป้องกันการทุจริต.pdf'
    >>> parse_content_disposition(b"attachment") is None
    True
    """
    if not value:
        return None
    text = value if isinstance(value, str) else _decode(value)
    m = _EXT_RE.search(text)
    if m:
        charset, encoded = m.group(1).lower(), m.group(2).strip('"')
        raw = unquote_to_bytes(encoded)
        try:
            name = raw.decode("utf-8" if charset in ("utf-8", "utf8") else charset)
        except (LookupError, UnicodeDecodeError):
            name = _decode(raw)
        return _clean_name(name)
    m = _PLAIN_RE.search(text)
    if m:
        name = m.group(1) if m.group(1) is not None else m.group(2).strip()
        name = re.sub(r"\\(.)", r"\1", name)
        if "%" in name:
            name = _decode(unquote_to_bytes(name))
        return _clean_name(name)
    return None


MAX_NAME = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean_name(name: str) -> str | None:
    """The last path part without control characters, at most MAX_NAME long (extension kept).

    >>> _clean_name("../../etc/passwd"), _clean_name("plan" + chr(0) + ".pdf"), len(_clean_name("x" * 4000 + ".pdf"))
    ('passwd', 'plan.pdf', 200)
    """
    # Only the last path part, never a directory the server chose.
    name = re.split(r"[/\\]", _CONTROL.sub("", name).strip())[-1].strip()
    if name in (".", ".."):
        return None
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = dot + ext if dot and len(ext) <= 10 else ""
        name = (stem if dot else name)[: MAX_NAME - len(ext)] + ext
    return name or None


def file_name_from_url(url: str) -> str | None:
    """The last path part of a URL, decoded; None for scripts like download.php.

    >>> file_name_from_url("http://a.go.th/files/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf")
    'แผน.pdf'
    """
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1], errors="replace")
    if not name or name.lower().endswith((".php", ".asp", ".aspx", ".jsp")):
        return None
    return name
