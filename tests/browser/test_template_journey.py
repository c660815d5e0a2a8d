"""Staff change a scoring template in use: copy it as a new version and edit the copy."""

from decimal import Decimal

from playwright.sync_api import expect

from scoring.models import ScoringTemplate

NAME = "农业标准化示范区考核验收评分表（示例）"


def test_staff_copy_a_template_in_use_and_edit_the_copy(
    page, live_server, demo_data, login, screenshot
):
    login("staff")
    page.get_by_role("link", name="考核验收").first.click()
    page.get_by_role("link", name="评分模板").click()
    screenshot("scoringtemplate_list")
    page.get_by_role("link", name=NAME).click()

    # The demo's review uses it: it is read-only and offers a new version.
    expect(page.get_by_text("已使用").first).to_be_visible()
    expect(page.get_by_role("link", name="编辑 1.1")).to_have_count(0)
    screenshot("scoringtemplate_detail_frozen")
    page.get_by_role("button", name="复制为新版本").click()

    copy = ScoringTemplate.objects.get(name=NAME, version=2)
    expect(page).to_have_url(f"{live_server.url}{copy.get_absolute_url()}")

    # An item's points change; the page names the sums that no longer add up.
    page.get_by_role("link", name="编辑 1.1").click()
    page.get_by_label("分值").fill("6")
    page.get_by_label("评分说明").fill("查阅领导小组成立文件和会议记录。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("修改已保存。")).to_be_visible()
    expect(page.get_by_text("该模板暂不能用于考核验收：")).to_be_visible()
    expect(page.get_by_text("1 组织管理的分值为15.00分，但其下各项合计16.00分。")).to_be_visible()
    screenshot("scoringtemplate_detail_problems")

    # Another item gives up the point; the template adds up again.
    page.get_by_role("link", name="编辑 1.2").click()
    page.get_by_label("分值").fill("4")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("修改已保存。")).to_be_visible()
    expect(page.get_by_text("该模板暂不能用于考核验收：")).to_have_count(0)
    assert [
        (c.code, c.max_points) for c in copy.criteria.filter(parent__code="1").order_by("code")
    ] == [("1.1", Decimal("6.00")), ("1.2", Decimal("4.00")), ("1.3", Decimal("5.00"))]
    original = ScoringTemplate.objects.get(name=NAME, version=1)
    assert original.criteria.get(code="1.1").max_points == Decimal("5.00")
