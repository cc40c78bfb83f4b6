"""A document of another kind: a procurement announcement (ประกาศ ... ประกวดราคาจ้างก่อสร้างถนน)."""

from __future__ import annotations

from prongsai.sample.corpus_build.layout import (
    Block,
    Heading,
    Layout,
    PageBreak,
    Para,
    Title,
    localize,
)
from prongsai.sample.corpus_build.model import Announcement, Org
from prongsai.sample.corpus_build.text import money


def layout(a: Announcement, org: Org) -> Layout:
    blocks: list[Block] = [
        Title([f"ประกาศ{org.name}", f"เรื่อง ประกวดราคาจ้างก่อสร้าง{a.road}"]),
        Heading(f"อำเภอ{org.district} จังหวัด{org.province}", 14, align="C"),
        Heading("ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", 14, align="C"),
        Para(
            f"{org.name} มีความประสงค์จะประกวดราคาจ้างก่อสร้าง{a.road} ด้วยวิธีประกวดราคา"
            f"อิเล็กทรอนิกส์ (e-bidding) ราคากลางของงานก่อสร้างในการประกวดราคาครั้งนี้ เป็นเงินทั้งสิ้น "
            f"{money(a.price)} บาท ตามรายการ ดังนี้"
        ),
        Para(f"{a.road} ผิวจราจรกว้าง 5.00 เมตร ยาว 850 เมตร หนา 0.15 เมตร", indent=8),
        Para(
            "ผู้ยื่นข้อเสนอจะต้องมีคุณสมบัติ ดังต่อไปนี้ 1. มีความสามารถตามกฎหมาย 2. ไม่เป็นบุคคลล้มละลาย "
            "3. ไม่อยู่ระหว่างเลิกกิจการ 4. มีผลงานก่อสร้างประเภทเดียวกันในวงเงินไม่น้อยกว่า "
            f"{money(round(a.price * 0.5, -3))} บาท"
        ),
        Para(
            "ผู้สนใจสามารถขอรับเอกสารประกวดราคาอิเล็กทรอนิกส์ได้ที่เว็บไซต์ www.gprocurement.go.th "
            "ระหว่างวันที่ 5 - 13 มีนาคม 2567 และกำหนดยื่นข้อเสนอในวันที่ 14 มีนาคม 2567 "
            "ระหว่างเวลา 08.30 น. ถึง 16.30 น."
        ),
        Para("ประกาศ ณ วันที่ 4 มีนาคม พ.ศ. 2567", indent=60),
        Para(f"นายก{org.name}", indent=60),
        PageBreak(),
        Heading("รายละเอียดแนบท้ายประกาศ", 16, align="C"),
        Para(
            "1. เอกสารแนบท้ายเอกสารประกวดราคา ได้แก่ แบบรูปรายการละเอียด แบบใบยื่นข้อเสนอ "
            "แบบสัญญาจ้าง แบบหนังสือค้ำประกัน และบทนิยาม"
        ),
        Para(f"2. หลักประกันการเสนอราคา จำนวน {money(round(a.price * 0.05, -2))} บาท"),
        Para("3. ระยะเวลาดำเนินการก่อสร้าง 120 วัน นับถัดจากวันลงนามในสัญญาจ้าง"),
        Para("4. การจ่ายเงินแบ่งเป็น 1 งวด เมื่อผู้รับจ้างได้ปฏิบัติงานทั้งหมดให้แล้วเสร็จ"),
    ]
    return Layout(localize(blocks, a.digits), landscape=False, font=a.font)
