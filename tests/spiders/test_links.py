from __future__ import annotations

import pytest

from prongsai.spiders.links import looks_like_file, score_link, url_pattern


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("แผนปฏิบัติการป้องกันการทุจริต 2566-2570", "/docs/file/07e55fc3.pdf"),
        (
            "O36 รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี 2567",
            "/download.php?id=8382",
        ),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี 2568", "/files/ita2568/x.pdf"),
        ("การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี 2567", "/?page_id=6723"),
        (
            "ดาวน์โหลด",
            "/wp-content/uploads/2024/03/O36-%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99-ITA-2567.pdf",
        ),
    ],
)
def test_targets_score_high(text: str, url: str) -> None:
    assert score_link(text, url) >= 3


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("ปฏิทินกิจกรรม", "/calendar?month=2567-10"),
        ("ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 4", "/download.php?id=12"),
        ("ผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน", "/docs/file/ab.pdf"),
        ("เข้าสู่ระบบ", "/login"),
    ],
)
def test_traps_score_low(text: str, url: str) -> None:
    assert score_link(text, url) < 3


def test_context_lifts_a_bare_link() -> None:
    row = "O36 รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ข้อมูลประจำปีงบประมาณ พ.ศ. 2567"
    assert score_link("ดาวน์โหลด", "/docs/file/1.pdf", row) > score_link(
        "ดาวน์โหลด", "/docs/file/1.pdf"
    )


def test_ita_year_page_url_alone_scores() -> None:
    assert score_link("2567", "/Pages/ita_year_detail/1234") >= 3
    assert score_link("2567", "/index.php?_mod=ita&op=year&y=2567") >= 3


def test_file_shapes() -> None:
    assert looks_like_file("http://a.go.th/download.php?id=1")
    assert looks_like_file("http://a.go.th/docs/file/ab12.pdf")
    assert not looks_like_file("http://a.go.th/download.php")
    assert not looks_like_file("http://a.go.th/Pages/ita_year_detail/12")


def test_calendar_months_share_a_pattern() -> None:
    assert url_pattern("http://a.go.th/calendar?month=2567-10") == url_pattern(
        "http://a.go.th/calendar?month=2568-01"
    )
