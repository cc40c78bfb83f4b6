"""Invented Thai place names with their romanization, and the real provinces they are placed in.

Names are built from syllables common in Thai place names, each paired with an RTGS-like
romanization so a site's domain follows from its name, e.g. หนอง + บัว -> หนองบัว, nongbua.go.th.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    name: str  # Thai, as in the DLA file: กระบี่
    code: str  # the two digits inside DLA org codes: 81
    roman: str  # krabi
    abbr: str  # kb, as in baanklang-kb.go.th
    lat: float
    lon: float


# Real provinces with their real DLA/ISO province numbers and approximate centres.
PROVINCES: tuple[Province, ...] = (
    Province("กระบี่", "81", "krabi", "kb", 8.09, 98.91),
    Province("กาญจนบุรี", "71", "kanchanaburi", "kn", 14.02, 99.53),
    Province("ขอนแก่น", "40", "khonkaen", "kk", 16.44, 102.83),
    Province("เชียงใหม่", "50", "chiangmai", "cm", 18.79, 98.98),
    Province("เชียงราย", "57", "chiangrai", "cr", 19.91, 99.83),
    Province("นครราชสีมา", "30", "korat", "nm", 14.97, 102.10),
    Province("อุบลราชธานี", "34", "ubon", "ub", 15.24, 104.85),
    Province("อุดรธานี", "41", "udon", "ud", 17.41, 102.79),
    Province("สงขลา", "90", "songkhla", "sk", 7.19, 100.60),
    Province("นครศรีธรรมราช", "80", "nakhonsi", "ns", 8.43, 99.96),
    Province("สุราษฎร์ธานี", "84", "suratthani", "st", 9.14, 99.33),
    Province("ชลบุรี", "20", "chonburi", "cb", 13.36, 100.98),
    Province("พิษณุโลก", "65", "phitsanulok", "pl", 16.82, 100.26),
    Province("นครสวรรค์", "60", "nakhonsawan", "nw", 15.70, 100.14),
    Province("ลำปาง", "52", "lampang", "lp", 18.29, 99.49),
    Province("บุรีรัมย์", "31", "buriram", "br", 14.99, 103.10),
    Province("สุรินทร์", "32", "surin", "sr", 14.88, 103.49),
    Province("ศรีสะเกษ", "33", "sisaket", "ss", 15.12, 104.32),
    Province("ร้อยเอ็ด", "45", "roiet", "re", 16.05, 103.65),
    Province("มหาสารคาม", "44", "mahasarakham", "mk", 16.18, 103.30),
    Province("กาฬสินธุ์", "46", "kalasin", "ks", 16.43, 103.51),
    Province("สกลนคร", "47", "sakonnakhon", "sn", 17.16, 104.15),
    Province("สุพรรณบุรี", "72", "suphanburi", "sp", 14.47, 100.12),
    Province("ราชบุรี", "70", "ratchaburi", "rb", 13.54, 99.82),
    Province("ตรัง", "92", "trang", "tg", 7.56, 99.61),
    Province("พัทลุง", "93", "phatthalung", "pt", 7.62, 100.07),
    Province("น่าน", "55", "nan", "nn", 18.78, 100.77),
    Province("ชัยภูมิ", "36", "chaiyaphum", "cy", 15.81, 102.03),
    Province("เลย", "42", "loei", "le", 17.49, 101.72),
    Province("ตาก", "63", "tak", "tk", 16.88, 99.13),
)

_FIRST: tuple[tuple[str, str], ...] = (
    ("บ้าน", "ban"),
    ("หนอง", "nong"),
    ("ห้วย", "huai"),
    ("คลอง", "khlong"),
    ("โนน", "non"),
    ("ดอน", "don"),
    ("นา", "na"),
    ("บึง", "bueng"),
    ("เขา", "khao"),
    ("ท่า", "tha"),
    ("บาง", "bang"),
    ("วัง", "wang"),
    ("โคก", "khok"),
    ("ทุ่ง", "thung"),
    ("สระ", "sa"),
    ("ป่า", "pa"),
    ("แม่", "mae"),
    ("ลำ", "lam"),
    ("โพน", "phon"),
    ("ศรี", "si"),
    ("หาด", "hat"),
    ("ปาก", "pak"),
    ("ดง", "dong"),
    ("เวียง", "wiang"),
    ("ไร่", "rai"),
)
_SECOND: tuple[tuple[str, str], ...] = (
    ("ใหญ่", "yai"),
    ("ทอง", "thong"),
    ("แก้ว", "kaeo"),
    ("ยาง", "yang"),
    ("ขาม", "kham"),
    ("บัว", "bua"),
    ("หลวง", "luang"),
    ("ไผ่", "phai"),
    ("ม่วง", "muang"),
    ("แดง", "daeng"),
    ("ขาว", "khao"),
    ("โพธิ์", "pho"),
    ("จันทร์", "chan"),
    ("สวรรค์", "sawan"),
    ("เจริญ", "charoen"),
    ("สำราญ", "samran"),
    ("น้ำใส", "namsai"),
    ("กุง", "kung"),
    ("ตะเคียน", "takhian"),
    ("มะขาม", "makham"),
    ("ไทร", "sai"),
    ("สูง", "sung"),
    ("งาม", "ngam"),
    ("หิน", "hin"),
    ("ทราย", "sai"),
    ("ปลาดุก", "pladuk"),
    ("ช้าง", "chang"),
    ("เสือ", "suea"),
    ("กลาง", "klang"),
    ("ดู่", "du"),
    ("ยาว", "yao"),
    ("ผึ้ง", "phueng"),
    ("สะอาด", "saat"),
    ("เตย", "toei"),
    ("ชัย", "chai"),
    ("พอก", "phok"),
    ("ลาน", "lan"),
    ("คำ", "kham"),
    ("ตาล", "tan"),
)
_THIRD: tuple[tuple[str, str], ...] = (
    ("เหนือ", "nuea"),
    ("ใต้", "tai"),
    ("พัฒนา", "phatthana"),
    ("ใหม่", "mai"),
    ("ตะวันออก", "tawanok"),
    ("ทอง", "thong"),
    ("ศรี", "si"),
)


def place_name(rng: random.Random) -> tuple[str, str]:
    """One invented place name and its romanization, e.g. ("หนองบัวเหนือ", "nongbuanuea")."""
    first = rng.choice(_FIRST)
    second = rng.choice(_SECOND)
    parts = [first, second]
    if rng.random() < 0.18:
        parts.append(rng.choice(_THIRD))
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def province(name: str) -> Province:
    for p in PROVINCES:
        if p.name == name:
            return p
    raise KeyError(name)
