"""Bureau staff enter a pilot, build its standard system, record an activity with a photo, and
move it to "acceptance requested" — all through the pages."""

from io import BytesIO

from PIL import Image
from playwright.sync_api import expect

from pilots.models import Activity, PilotProject, PilotStandard


def jpeg(tmp_path):
    path = tmp_path / "田间培训.jpg"
    buffer = BytesIO()
    Image.new("RGB", (800, 600), (60, 140, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_staff_build_a_pilot_up_to_acceptance_requested(
    page, live_server, demo_data, login, screenshot, tmp_path
):
    login("staff")

    # A new pilot.
    page.locator(".portal-navbar").get_by_role("link", name="试点示范").click()
    page.get_by_role("link", name="添加试点").click()
    page.get_by_label("名称").fill("油茶低产林改造示范区")
    page.get_by_label("类别").select_option(label="农业标准化示范区")
    page.get_by_label("级别").select_option(label="县级")
    page.get_by_label("牵头单位").select_option(label="黄袍山绿色产品有限公司")
    page.get_by_label("行政区划").select_option(label="421222 通城县")
    page.get_by_label("申报日期").fill("2015-03-01")
    page.get_by_label("批准日期").fill("2015-04-01")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="油茶低产林改造示范区")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("已申报")
    screenshot("pilot-created")
    pilot_url = page.url

    # A standard, typed the way a clerk might, stored in its standard form.
    page.locator(".portal-navbar").get_by_role("link", name="标准", exact=True).click()
    page.get_by_role("link", name="添加标准").click()
    page.get_by_label("标准编号").fill("q/hps 009—2015")
    page.get_by_label("名称").fill("油茶低产林改造技术规程")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="Q/HPS 009-2015")).to_be_visible()

    # Into the pilot's standard system, in the production part.
    page.goto(pilot_url)
    page.locator("#system").get_by_role("link", name="添加标准").click()
    page.locator("#id_standard").select_option(label="Q/HPS 009-2015 油茶低产林改造技术规程")
    page.get_by_label("体系组成部分").select_option(label="产中")
    page.get_by_role("button", name="添加").click()
    system = page.locator("#system")
    expect(system.get_by_role("link", name="Q/HPS 009-2015")).to_be_visible()
    expect(system.get_by_text("全过程覆盖不完整")).to_be_visible()
    screenshot("pilot-standard-system")

    # An activity with a photo.
    page.locator("#activities").get_by_role("link", name="登记活动").click()
    page.locator("#id_kind").select_option(label="培训")
    page.locator("#id_title").fill("低产林改造技术培训")
    page.locator("#id_date").fill("2015-05-12")
    page.locator("#id_participants_count").fill("45")
    page.locator("#id_materials_count").fill("60")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("活动已登记")).to_be_visible()
    page.locator("#id_photos").set_input_files(jpeg(tmp_path))
    page.locator("#id_caption").fill("田间培训现场")
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text("已上传1张照片。")).to_be_visible()
    expect(page.locator(".gallery img")).to_have_count(1)
    screenshot("activity-photo")

    # Through the workflow to "acceptance requested".
    page.goto(pilot_url)
    for button in ("批准", "开始实施", "申请验收"):
        page.get_by_role("link", name=button).click()
        page.get_by_label("生效日期").fill("2016-10-10")
        page.get_by_role("button", name=button).click()
        expect(page.get_by_text("的状态已变为")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("申请验收")
    expect(page.locator("#timeline .timeline-item")).to_have_count(4)
    screenshot("pilot-acceptance-requested")

    pilot = PilotProject.objects.get(name="油茶低产林改造示范区")
    assert pilot.status == "acceptance_requested"
    assert PilotStandard.objects.filter(pilot=pilot).count() == 1
    activity = Activity.objects.get(pilot=pilot)
    assert (activity.participants_count, activity.photos.count()) == (45, 1)
