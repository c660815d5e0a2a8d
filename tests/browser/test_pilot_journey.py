"""Bureau staff enter a pilot, build its standard system, record an activity with a photo and
take the pilot to "acceptance requested" — every action through the pages, as a clerk would."""

import datetime
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from pilots.models import Activity, PilotProject

PILOT = "油茶低产林改造标准化示范区"
LEAD = "黄袍山绿色产品有限公司"
PARTICIPANTS = ["通城县合玉立农产品专业合作社", "湖北省标准化研究院"]
DESIGNATION = "Q/HPS 009-2015"
STANDARD_TITLE = "油茶低产林改造技术规程"
ACTIVITY = "油茶低产林改造技术培训"
CAPTION = "黄袍山油茶基地田间培训现场"
# (button, date it took effect, comment, status afterwards)
MOVES = [
    ("批准", "2013-04-15", "县政府批准创建（通政发〔2013〕12号）", "已批准"),
    ("开始实施", "2013-05-02", "实施方案已印发", "创建中"),
    ("申请验收", "2015-11-20", "创建期满，企业提交自评报告", "已申请验收"),
]


def make_jpeg(folder: Path) -> Path:
    """A real 1200×900 JPEG; its thumbnail fits 480×360 (portal.attachments.THUMBNAIL_SIZE)."""
    image = Image.new("RGB", (1200, 900), (70, 140, 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 300), fill=(150, 200, 240))
    draw.ellipse((500, 350, 700, 550), fill=(200, 160, 60))
    path = folder / "田间培训.jpg"
    image.save(path, "JPEG", quality=85)
    return path


def navbar_link(page: Page, name: str):
    return page.locator("nav.portal-navbar").get_by_role("link", name=name, exact=True)


def create_pilot(page: Page) -> None:
    navbar_link(page, "试点示范").click()
    expect(page.get_by_role("heading", name="试点与示范区", exact=True)).to_be_visible()
    page.get_by_role("link", name="添加试点").click()
    expect(page.get_by_role("heading", name="添加试点")).to_be_visible()

    page.get_by_label("名称").fill(PILOT)
    page.get_by_label("类别").select_option(label="农业标准化示范区")
    page.get_by_label("级别").select_option(label="县级")
    page.get_by_label("牵头单位").select_option(label=LEAD)
    page.get_by_label("行政区划").select_option(label="421222 通城县")
    page.get_by_label("参与单位").select_option(label=PARTICIPANTS)
    page.get_by_label("申报日期").fill("2013-03-01")
    # No approval date here: the approve move sets it (below).
    expect(page.get_by_label("批准日期")).to_have_count(0)
    page.get_by_label("计划完成日期").fill("2015-12-31")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text(f"已添加{PILOT}。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{PILOT} 已申报")
    expect(page.locator("h1 .badge")).to_have_text("已申报")
    overview = page.locator("#overview")
    expect(overview.get_by_role("link", name=LEAD)).to_be_visible()
    for participant in PARTICIPANTS:
        expect(overview).to_contain_text(participant)
    expect(overview).to_contain_text("2015-12-31")
    expect(page.locator("#timeline .timeline-item .fw-semibold")).to_have_text(
        ["2013-03-01 · 已申报"]
    )


def register_standard(page: Page) -> None:
    navbar_link(page, "标准").click()
    page.get_by_role("link", name="添加标准").click()
    page.get_by_label("标准编号").fill("q/hps 009—2015")
    page.get_by_label("名称").fill(STANDARD_TITLE)
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(DESIGNATION)
    expect(page.get_by_text(STANDARD_TITLE)).to_be_visible()
    expect(page.locator("dl.details dd").first).to_have_text("企业标准")


def open_pilot_from_list(page: Page) -> None:
    navbar_link(page, "试点示范").click()
    page.get_by_role("link", name=PILOT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PILOT)


def add_to_standard_system(page: Page) -> None:
    system = page.locator("#system")
    expect(system.get_by_role("alert")).to_contain_text("产前、产中、产后")
    system.get_by_role("link", name="添加标准").click()
    expect(page.get_by_role("heading", name="向标准体系添加标准")).to_be_visible()
    page.get_by_label("标准").select_option(label=f"{DESIGNATION} {STANDARD_TITLE}")
    page.get_by_label("体系组成部分").select_option(label="产中")
    page.get_by_role("button", name="添加", exact=True).click()

    expect(page.get_by_text(f"已将{DESIGNATION}加入标准体系。")).to_be_visible()
    row = system.get_by_role("row").filter(has=page.get_by_role("link", name=DESIGNATION))
    expect(row).to_have_count(1)
    expect(row.get_by_role("rowheader")).to_have_text("产中")
    expect(row).to_contain_text(STANDARD_TITLE)
    expect(system.get_by_role("rowheader")).to_have_text(["产前", "产中", "产后"])
    warning = system.get_by_role("alert")
    expect(warning).to_contain_text("全过程覆盖不完整")
    expect(warning.locator("strong")).to_have_text(["产前", "产后"])


def record_activity_with_photo(page: Page, photo: Path) -> None:
    page.locator("#activities").get_by_role("link", name="登记活动").click()
    expect(page.get_by_role("heading", name="登记活动")).to_be_visible()
    expect(page.get_by_label("试点项目").locator("option:checked")).to_have_text(PILOT)
    expect(page.get_by_label("组织单位").locator("option:checked")).to_have_text(LEAD)
    page.get_by_label("类型").select_option(label="培训")
    page.get_by_label("名称").fill(ACTIVITY)
    page.get_by_label("日期").fill("2013-06-18")
    page.get_by_label("地点").fill("黄袍山油茶基地")
    page.get_by_label("参加人次").fill("45")
    page.get_by_label("发放资料").fill("60")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text("活动已登记，现在可以上传活动照片。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(ACTIVITY)
    expect(page.get_by_text("培训 · 2013-06-18 · 黄袍山油茶基地")).to_be_visible()
    expect(page.get_by_text("45人次")).to_be_visible()

    gallery = page.locator("#photos")
    expect(gallery.get_by_role("img")).to_have_count(0)
    page.get_by_label("照片").set_input_files(photo)
    page.get_by_label("说明").fill(CAPTION)
    page.get_by_role("button", name="上传").click()

    expect(page.get_by_text("已上传1张照片。")).to_be_visible()
    thumbnail = gallery.get_by_role("img", name=CAPTION)
    expect(thumbnail).to_have_count(1)
    thumbnail.scroll_into_view_if_needed()
    expect(thumbnail).to_have_js_property("complete", True)
    expect(thumbnail).to_have_js_property("naturalWidth", 480)
    expect(thumbnail).to_have_js_property("naturalHeight", 360)
    expect(gallery.locator("figcaption")).to_contain_text(CAPTION)


def move_pilot(page: Page, button: str, date: str, comment: str, status: str) -> None:
    before = page.locator("h1 .badge").inner_text()
    page.get_by_role("link", name=button, exact=True).click()
    expect(page.get_by_role("heading", name=button, exact=True)).to_be_visible()
    expect(page.get_by_text(f"{PILOT}将从“{before}”变为“{status}”。")).to_be_visible()
    page.get_by_label("生效日期").fill(date)
    page.get_by_label("说明").fill(comment)
    page.get_by_role("button", name=button, exact=True).click()

    expect(page.get_by_text(f"{PILOT}的状态已变为“{status}”。")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text(status)


def test_staff_take_a_new_pilot_to_acceptance_requested_through_the_pages(
    page, live_server, demo_data, login, screenshot, tmp_path
):
    login("staff")
    expect(page.get_by_role("heading", name="欢迎，王静")).to_be_visible()

    create_pilot(page)
    screenshot("pilot-created")

    register_standard(page)
    open_pilot_from_list(page)
    add_to_standard_system(page)
    screenshot("pilot-standard-system")

    record_activity_with_photo(page, make_jpeg(tmp_path))
    screenshot("activity-photo")

    page.get_by_role("navigation", name="导航路径").get_by_role("link", name=PILOT).click()
    activities = page.locator("#activities")
    expect(activities.get_by_role("link", name=ACTIVITY)).to_be_visible()
    expect(page.locator("#photos").get_by_role("img", name=CAPTION)).to_be_visible()
    for button, date, comment, status in MOVES:
        move_pilot(page, button, date, comment, status)

    expect(page.locator("h1 .badge")).to_have_text("已申请验收")
    expect(page.locator("#overview")).to_contain_text("2013-04-15")  # the approve move's date
    timeline = page.locator("#timeline .timeline-item")
    expect(timeline.locator(".fw-semibold")).to_have_text(
        [
            "2015-11-20 · 创建中 → 已申请验收",
            "2013-05-02 · 已批准 → 创建中",
            "2013-04-15 · 已申报 → 已批准",
            "2013-03-01 · 已申报",
        ]
    )
    expect(timeline.filter(has_text="→")).to_have_count(3)
    for _button, _date, comment, _status in MOVES:
        expect(timeline.filter(has_text=comment)).to_have_count(1)
    expect(page.locator("#reviews")).to_contain_text("已申请验收，尚未安排考核验收。")
    expect(page.get_by_role("link", name="安排考核验收")).to_be_visible()
    screenshot("pilot-acceptance-requested")

    pilot = PilotProject.objects.get(name=PILOT)
    assert pilot.status == "acceptance_requested"
    assert pilot.approval_date == datetime.date(2013, 4, 15)
    assert sorted(pilot.participants.values_list("name", flat=True)) == sorted(PARTICIPANTS)
    assert list(pilot.system_entries.values_list("standard__designation", "part")) == [
        (DESIGNATION, "production")
    ]
    assert list(
        pilot.transitions.order_by("occurred_on").values_list("to_status", "occurred_on")
    ) == [
        ("declared", datetime.date(2013, 3, 1)),
        ("approved", datetime.date(2013, 4, 15)),
        ("in_progress", datetime.date(2013, 5, 2)),
        ("acceptance_requested", datetime.date(2015, 11, 20)),
    ]
    activity = Activity.objects.get(pilot=pilot)
    assert (activity.kind, activity.date, activity.participants_count) == (
        "training",
        datetime.date(2013, 6, 18),
        45,
    )
    assert activity.materials_count == 60
    assert list(activity.photos.values_list("caption", "width", "height")) == [(CAPTION, 1200, 900)]
