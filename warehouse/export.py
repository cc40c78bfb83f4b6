"""Export the warehouse's fact tables for researchers: CSV, Parquet or one Excel workbook.

Tables (file stems / sheet names): organizations, documents, ita_scores, ita_indicators,
plan_projects (one row per project and budget year), measures, extraction_problems and
compliance (who published which required document; from `prongsai.flows.compliance`), plus
data_dictionary: one row per exported column with its English name, type and a Thai description.

Every fact row carries the sha256 of the file it was read from and a URL that served the file
(empty for files loaded without a crawl). CSV is UTF-8 with a BOM so Excel shows Thai; in the
workbook numbers are numbers and timestamps are Excel dates in UTC.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import Engine, select

from prongsai.warehouse import query
from prongsai.warehouse.models import Extraction, ExtractionProblem, Organization

FORMATS = ("csv", "parquet", "xlsx")
WORKBOOK = "prongsai.xlsx"
DICTIONARY = "data_dictionary"

# column -> (English name, Thai description); TABLE_COLUMNS overrides per (table, column).
COLUMNS: dict[str, tuple[str, str]] = {
    "org_id": ("organization id", "รหัสองค์กรปกครองส่วนท้องถิ่น (รหัส สถ. หรือรหัสที่ระบบสร้าง)"),
    "org_name": ("organization name", "ชื่อองค์กรปกครองส่วนท้องถิ่น"),
    "name": ("name", "ชื่อ"),
    "dla_code": ("DLA code", "รหัสองค์กรปกครองส่วนท้องถิ่นของกรมส่งเสริมการปกครองท้องถิ่น"),
    "type": ("organization type", "ประเภทองค์กร (อบต. ทต. ทม. ทน. อบจ. เมืองพัทยา)"),
    "district": ("district", "อำเภอ"),
    "province": ("province", "จังหวัด"),
    "website": ("website", "เว็บไซต์ขององค์กร"),
    "website_error": ("website problem", "เหตุที่ใช้ที่อยู่เว็บไซต์ในทะเบียนไม่ได้"),
    "sha256": ("file sha256", "ค่า SHA-256 ของไฟล์เอกสารที่อ่านข้อมูลมา"),
    "url": ("document URL", "ที่อยู่ (URL) ที่เผยแพร่ไฟล์เอกสาร"),
    "extractor_version": ("extractor version", "รุ่นของโปรแกรมที่อ่านข้อมูลจากเอกสาร"),
    "doc_type": ("document type", "ประเภทเอกสาร (แผนป้องกันการทุจริต รายงาน ITA มาตรการ ฯลฯ)"),
    "fiscal_year_be": ("fiscal year (B.E.)", "ปีงบประมาณ (พ.ศ.)"),
    "year_be": ("assessment year (B.E.)", "ปีที่ประเมิน (พ.ศ.)"),
    "period_first_be": ("plan period first year (B.E.)", "ปีแรกของระยะเวลาแผน (พ.ศ.)"),
    "period_last_be": ("plan period last year (B.E.)", "ปีสุดท้ายของระยะเวลาแผน (พ.ศ.)"),
    "page": ("page", "เลขหน้าในไฟล์เอกสาร (เริ่มที่ 1)"),
    "seq": ("row in document", "ลำดับแถวในเอกสาร (เริ่มที่ 0)"),
    "total": ("ITA total score", "คะแนนรวม ITA"),
    "level": ("ITA level", "ระดับผลการประเมิน ITA (AA A B C D E F)"),
    "stated_as": ("stated as", "คะแนนของปีที่รายงาน (current) หรือคะแนนปีก่อนที่อ้างถึง (previous)"),
    "source_seen": ("source first seen (UTC)", "เวลาที่พบเอกสารต้นทางครั้งแรก (UTC)"),
    "priority": ("choice priority", "ลำดับความสำคัญของแหล่งข้อมูล (0 = รายงานวิเคราะห์ ITA ของปีนั้น)"),
    "chosen": ("chosen", "เป็นคะแนนที่เลือกใช้สำหรับองค์กรและปีนั้นหรือไม่"),
    "tool": ("ITA tool", "เครื่องมือการประเมิน (IIT EIT OIT)"),
    "number": ("indicator number", "ตัวชี้วัดที่"),
    "score": ("indicator score", "คะแนนตัวชี้วัด"),
    "dimension": ("plan dimension", "มิติของแผนปฏิบัติการป้องกันการทุจริต"),
    "mission": ("mission", "ภารกิจตามมิติ"),
    "kind": ("kind", "ประเภท (โครงการ กิจกรรม มาตรการ)"),
    "project": ("project", "ชื่อโครงการ/กิจกรรม/มาตรการ"),
    "order_no": ("order number", "ลำดับที่ตามเอกสาร"),
    "amount": ("budget (baht)", "งบประมาณ (บาท); ว่างหมายถึงเอกสารไม่ระบุ ไม่ใช่ 0"),
    "measure": ("measure", "มาตรการ"),
    "method": ("method", "วิธีการดำเนินการ"),
    "responsible": ("responsible unit", "ผู้รับผิดชอบ"),
    "period": ("period as stated", "ระยะเวลาดำเนินการตามที่เอกสารระบุ"),
    "result": ("result", "ผลการดำเนินการ"),
    "outcome": ("outcome", "ผลลัพธ์/ข้อเสนอแนะ"),
    "period_start": ("period start", "วันเริ่มดำเนินการ"),
    "period_end": ("period end", "วันสิ้นสุดการดำเนินการ"),
    "document_id": ("document id", "รหัสเอกสาร (หนึ่งรหัสต่อหนึ่ง URL)"),
    "status": ("status", "สถานะ"),
    "first_seen": ("first seen (UTC)", "เวลาที่พบครั้งแรก (UTC)"),
    "last_seen": ("last seen (UTC)", "เวลาที่พบครั้งล่าสุด (UTC)"),
    "link_text": ("link text", "ข้อความของลิงก์ที่ชี้มายังเอกสาร"),
    "page_url": ("linking page URL", "ที่อยู่ของหน้าเว็บที่มีลิงก์มายังเอกสาร"),
    "file_name": ("file name", "ชื่อไฟล์"),
    "version_first_seen": ("version first seen (UTC)", "เวลาที่พบไฟล์รุ่นนี้ที่ URL ครั้งแรก (UTC)"),
    "version_last_seen": ("version last seen (UTC)", "เวลาที่พบไฟล์รุ่นนี้ที่ URL ครั้งล่าสุด (UTC)"),
    "is_current": ("current version", "เป็นไฟล์รุ่นล่าสุดที่ URL นี้หรือไม่"),
    "size": ("file size (bytes)", "ขนาดไฟล์ (ไบต์)"),
    "page_count": ("page count", "จำนวนหน้า"),
    "loaded_at": ("loaded at (UTC)", "เวลาที่นำข้อมูลเข้าคลังข้อมูล (UTC)"),
    "code": ("problem code", "รหัสปัญหาที่พบระหว่างอ่านเอกสาร"),
    "message": ("problem", "คำอธิบายปัญหา"),
    "required": ("required document", "เอกสารที่ต้องเผยแพร่"),
    "required_th": ("required document (Thai)", "ชื่อเอกสารที่ต้องเผยแพร่"),
    "basis": ("evidence basis", "ที่มาของประเภทและปีของเอกสาร (ผลการอ่านเอกสาร หรือข้อความลิงก์/ชื่อไฟล์)"),
    "documents": ("matching documents", "จำนวนเอกสารที่ตรงกับข้อกำหนด"),
}
TABLE_COLUMNS: dict[tuple[str, str], tuple[str, str]] = {
    ("organizations", "name"): ("organization name", "ชื่อองค์กรปกครองส่วนท้องถิ่น"),
    ("ita_indicators", "name"): ("indicator name", "ชื่อตัวชี้วัด"),
    ("compliance", "name"): ("organization name", "ชื่อองค์กรปกครองส่วนท้องถิ่น"),
    ("compliance", "status"): (
        "publication status",
        "สถานะการเผยแพร่ (found พบ, scan_only มีแต่ฉบับสแกน, gone ถูกนำออก, missing ไม่พบ, "
        "not_crawled ยังเข้าเว็บไซต์ไม่ได้)",
    ),
    ("compliance", "first_seen"): ("evidence first seen (UTC)", "เวลาที่พบเอกสารหลักฐานครั้งแรก (UTC)"),
    ("documents", "status"): ("document status", "สถานะเอกสาร (active ยังเผยแพร่, gone ถูกนำออก)"),
    ("documents", "first_seen"): ("URL first seen (UTC)", "เวลาที่พบ URL ครั้งแรก (UTC)"),
    ("documents", "last_seen"): ("URL last seen (UTC)", "เวลาที่พบ URL ครั้งล่าสุด (UTC)"),
    ("measures", "fiscal_year_be"): ("fiscal year (B.E.)", "ปีงบประมาณของเอกสารมาตรการ (พ.ศ.)"),
    ("plan_projects", "fiscal_year_be"): ("budget year (B.E.)", "ปีงบประมาณของงบประมาณ (พ.ศ.)"),
}


def describe(table: str, column: str) -> tuple[str, str]:
    """English name and Thai description of an exported column; KeyError if undocumented."""
    return TABLE_COLUMNS.get((table, column)) or COLUMNS[column]


def organizations(engine: Engine) -> pd.DataFrame:
    stmt = select(
        Organization.org_id,
        Organization.dla_code,
        Organization.name,
        Organization.type,
        Organization.district,
        Organization.province,
        Organization.website,
        Organization.website_error,
    ).order_by(Organization.org_id)
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def extraction_problems(engine: Engine) -> pd.DataFrame:
    sources = query._file_sources()
    stmt = (
        select(
            Extraction.org_id,
            Organization.name.label("org_name"),
            Extraction.doc_type,
            ExtractionProblem.seq,
            ExtractionProblem.code,
            ExtractionProblem.message,
            ExtractionProblem.page,
            Extraction.sha256,
            sources.c.url,
            Extraction.extractor_version,
        )
        .join(Extraction, Extraction.sha256 == ExtractionProblem.sha256)
        .outerjoin(Organization, Organization.org_id == Extraction.org_id)
        .outerjoin(sources, sources.c.sha256 == Extraction.sha256)
        .order_by(Extraction.org_id, Extraction.sha256, ExtractionProblem.seq)
    )
    with engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def compliance(engine: Engine) -> pd.DataFrame:
    # flows builds on the warehouse; imported here only, so the warehouse imports no flows.
    from prongsai.flows import compliance as flows_compliance

    orgs = flows_compliance.organizations(engine)
    docs = flows_compliance.documents(engine)
    return flows_compliance.compliance_matrix(orgs, docs)


TABLES: dict[str, Callable[[Engine], pd.DataFrame]] = {
    "organizations": organizations,
    "documents": query.documents,
    "ita_scores": lambda engine: query.ita_scores(engine, all_sources=True),
    "ita_indicators": query.ita_indicators,
    "plan_projects": query.projects_budgets,
    "measures": query.measures,
    "extraction_problems": extraction_problems,
    "compliance": compliance,
}


def tables(engine: Engine) -> dict[str, pd.DataFrame]:
    """Every exported table by name, as written (before format-specific conversions)."""
    return {name: read(engine) for name, read in TABLES.items()}


def _type_name(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        # Integers with gaps (a year not stated) come back as floats; say what they hold.
        values = series.dropna()
        if len(values) and bool((values == values.round()).all()) and series.name != "amount":
            return "integer"
        return "decimal"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamp (UTC)"
    values = series.dropna()
    if len(values) and all(hasattr(v, "isoformat") for v in values.head(20)):
        return "date"
    return "text"


def data_dictionary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for table, frame in frames.items():
        for column in frame.columns:
            english, thai = describe(table, str(column))
            rows.append(
                {
                    "table": table,
                    "column": column,
                    "english_name": english,
                    "type": _type_name(frame[column]),
                    "description_th": thai,
                }
            )
    return pd.DataFrame(rows, columns=["table", "column", "english_name", "type", "description_th"])


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel holds no time zones, no nullable integers and no control characters."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)
        elif pd.api.types.is_extension_array_dtype(series.dtype) and pd.api.types.is_numeric_dtype(
            series.dtype
        ):
            out[column] = series.astype("float64")
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(
                lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
            )
    return out


def export(engine: Engine, to: Path | str, fmt: str) -> list[Path]:
    """Write every table and the data dictionary under `to`; returns the files written.

    csv and parquet: one file per table (``ita_scores.csv`` ...) and ``data_dictionary.*``;
    xlsx: one workbook ``prongsai.xlsx`` with a sheet per table and a data_dictionary sheet.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {FORMATS}")
    out = Path(to)
    out.mkdir(parents=True, exist_ok=True)
    frames = tables(engine)
    frames_and_dictionary = {**frames, DICTIONARY: data_dictionary(frames)}
    if fmt == "xlsx":
        path = out / WORKBOOK
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in frames_and_dictionary.items():
                _for_excel(frame).to_excel(writer, sheet_name=name, index=False)
        return [path]
    written = []
    for name, frame in frames_and_dictionary.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False, encoding="utf-8-sig")
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written


# --- CLI ------------------------------------------------------------------------------------------


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``prongsai export --db URL --to DIR --format csv|parquet|xlsx``."""
    from prongsai.warehouse.db import DEFAULT_URL

    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="write every fact table and a data dictionary (CSV, Parquet or Excel)"
    )
    p.add_argument("--db", default=DEFAULT_URL, help=f"database URL (default {DEFAULT_URL})")
    p.add_argument("--to", type=Path, required=True, metavar="DIR", help="output folder")
    p.add_argument("--format", choices=FORMATS, default="csv", dest="fmt")
    return p


def run(args: argparse.Namespace) -> int:
    from prongsai.warehouse import db

    engine = db.make_engine(args.db)
    try:
        paths = export(engine, args.to, args.fmt)
    finally:
        engine.dispose()
    for path in paths:
        print(path, file=sys.stdout)
    return 0


__all__ = [
    "COLUMNS",
    "FORMATS",
    "TABLES",
    "add_parser",
    "data_dictionary",
    "describe",
    "export",
    "run",
    "tables",
]
