"""Distractors: documents of other kinds that mention ITA or corruption in passing."""

from __future__ import annotations

from prongsai.sample.corpus_build.randomized import vocab
from prongsai.sample.corpus_build.randomized.axes import Draw
from prongsai.sample.corpus_build.randomized.common import Built, finish, gold_frame, money, start
from prongsai.sample.corpus_build.randomized.doc import Block, Cell, Document, Para, Table, Title

_PEOPLE = (
    "นายสมชาย ใจดี",
    "นางสาวมณีรัตน์ ศรีสุข",
    "นายประสิทธิ์ บุญมา",
    "นางวิไล ทองคำ",
    "นายอนุชา แก้วมณี",
    "นางสาวกัญญา พรหมวงศ์",
    "นายเกียรติศักดิ์ สายทอง",
)
_POSTS = (
    "นายก",
    "ปลัด",
    "รองปลัด",
    "ผู้อำนวยการกองคลัง",
    "ผู้อำนวยการกองช่าง",
    "นักวิเคราะห์นโยบายและแผน",
    "นักทรัพยากรบุคคล",
)


def make(d: Draw) -> Built:
    ctx = start(d, "other", landscape_p=0.05, tabular=False)
    what = d.pick("other_kind")
    year = d.randint(2564, 2568)
    org = ctx.org
    blocks: list[Block] = []
    if what == "procurement":
        road = d.choice(vocab.ROADS)
        price = float(d.randint(3, 60) * 50000)
        blocks.append(
            Title(
                [
                    f"ประกาศ{org.name}",
                    ctx.t(f"เรื่อง ประกวดราคาจ้างก่อสร้าง{road}"),
                    "ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
                ],
                size=16,
            )
        )
        blocks.append(
            Para(
                ctx.t(
                    f"{org.name} มีความประสงค์จะประกวดราคาจ้างก่อสร้าง{road} ด้วยวิธีประกวดราคา"
                    f"อิเล็กทรอนิกส์ ราคากลางของงานก่อสร้างในการประกวดราคาครั้งนี้ เป็นเงินทั้งสิ้น "
                    f"{money(price, 'comma_00')} บาท"
                ),
                indent=8,
            )
        )
        blocks.append(
            Para(
                ctx.t(
                    "ผู้ยื่นข้อเสนอต้องไม่เป็นผู้มีผลประโยชน์ร่วมกันกับผู้ยื่นข้อเสนอรายอื่น และไม่เป็นผู้กระทำการ"
                    "อันเป็นการขัดขวางการแข่งขันอย่างเป็นธรรม เพื่อป้องกันการทุจริตในการจัดซื้อจัดจ้าง"
                ),
                indent=8,
            )
        )
        blocks.append(
            Para(
                ctx.t(
                    f"ประกาศ ณ วันที่ {d.randint(1, 28)} เดือน มีนาคม พ.ศ. {year} "
                    "และเผยแพร่ทางเว็บไซต์ของหน่วยงานตามแนวทางการเปิดเผยข้อมูล (ITA)"
                ),
                indent=8,
            )
        )
    elif what == "budget_report":
        blocks.append(
            Title(
                [ctx.t(f"รายงานผลการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {year}"), org.name], size=16
            )
        )
        blocks.append(
            Para(
                ctx.t(
                    "เผยแพร่เพื่อให้ประชาชนได้รับทราบและตรวจสอบ ตามตัวชี้วัดที่ 9 การเปิดเผยข้อมูล "
                    "ของการประเมินคุณธรรมและความโปร่งใส (ITA)"
                ),
                indent=8,
            )
        )
        rows = []
        for item in vocab.BUDGET_ITEMS:
            got = float(d.randint(5, 400) * 10000)
            spent = round(got * d.uniform(0.4, 1.0), -2)
            rows.append(
                [
                    Cell(item),
                    Cell(ctx.n(money(got, "comma_00")), align="R"),
                    Cell(ctx.n(money(spent, "comma_00")), align="R"),
                    Cell(ctx.n(money(got - spent, "comma_00")), align="R"),
                    Cell(ctx.n(f"{100 * spent / got:.2f}"), align="R"),
                ]
            )
        head = [
            [
                Cell(x, align="C")
                for x in ("รายการ", "งบประมาณที่ได้รับ", "เบิกจ่าย", "คงเหลือ", "ร้อยละการเบิกจ่าย")
            ]
        ]
        blocks.append(
            Table(head, rows, [40.0, 25.0, 25.0, 25.0, 18.0], borders=d.pick("borders"), size=12)
        )
    else:
        no = d.randint(1, 6)
        blocks.append(
            Title(
                [
                    ctx.t(f"รายงานการประชุมพนักงาน ครั้งที่ {no}/{year}"),
                    ctx.t(f"วันที่ {d.randint(1, 28)} มิถุนายน {year}"),
                    f"ณ ห้องประชุม{org.name}",
                ],
                size=16,
            )
        )
        people = d.sample(_PEOPLE, d.randint(3, 6))
        head = [[Cell(x, align="C") for x in ("ที่", "ชื่อ - สกุล", "ตำแหน่ง")]]
        rows = [
            [Cell(ctx.t(str(i)), align="C"), Cell(p), Cell(d.choice(_POSTS))]
            for i, p in enumerate(people, start=1)
        ]
        blocks.append(Para("ผู้มาประชุม", bold=True))
        blocks.append(Table(head, rows, [8.0, 50.0, 45.0], borders=d.pick("borders"), size=12))
        for k, item in enumerate(vocab.MEETING_ITEMS, start=1):
            blocks.append(Para(ctx.t(f"ระเบียบวาระที่ {k} {item}"), bold=True))
            if "ITA" in item or "ทุจริต" in item:
                blocks.append(
                    Para(
                        ctx.t(
                            "ประธานแจ้งให้ทุกกองเผยแพร่ข้อมูลบนเว็บไซต์ให้ครบถ้วนก่อนการประเมิน ITA และกำชับ"
                            "ให้ถือปฏิบัติตามมาตรการป้องกันการทุจริตอย่างเคร่งครัด"
                        ),
                        indent=8,
                    )
                )
            else:
                blocks.append(Para("ที่ประชุมรับทราบ", indent=8))
    doc = Document(blocks, font=ctx.font, landscape=ctx.landscape, size=14.0)
    return finish(ctx, doc, gold_frame(ctx))
