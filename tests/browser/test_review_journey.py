"""A reviewer declares, fills in and submits a score sheet; staff conclude the review."""

import datetime
from decimal import Decimal

from playwright.sync_api import expect

from pilots import services
from pilots.models import AcceptanceReview, PilotProject
from portal.models import Organization, User
from tests.scoring.factories import scoring_template_with


def test_reviewer_scores_and_staff_conclude(page, live_server, demo_data, login, screenshot):
    # The demo's open review is the hog-raising zone's; this journey reviews the tea zone.
    staff = User.objects.get(username="staff")
    pilot = PilotProject.objects.get(name="茶叶种植市级农业标准化示范区")
    services.set_pilot_state(
        pilot=pilot,
        target="acceptance_requested",
        actor=staff,
        occurred_on=datetime.date(2014, 5, 1),
    )
    template = scoring_template_with({"1": ["10", "5"], "2": ["20", "15", "10"], "3": ["25", "15"]})
    reviewer = User.objects.get(username="reviewer")
    review = services.schedule_review(
        pilot=pilot,
        scheduled_for=datetime.date(2014, 5, 20),
        organizer=Organization.objects.get(name="咸宁市质量技术监督局"),
        methods=["material_review", "on_site"],
        template=template,
        reviewers=[reviewer],
        chair=reviewer,
        actor=staff,
    )

    # The reviewer declares before anything opens.
    login("reviewer")
    page.get_by_role("link", name="考核验收").first.click()
    page.get_by_role("link", name="茶叶种植市级农业标准化示范区").click()
    page.get_by_role("link", name="声明", exact=True).click()
    page.get_by_label("本人与本专家组评审的对象及其相关单位无利益冲突", exact=False).check()
    page.get_by_role("button", name="提交声明").click()
    expect(page.get_by_text("评审材料和您的评分表现已向您开放")).to_be_visible()

    # Staff open scoring.
    page.context.clear_cookies()
    login("staff")
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("button", name="开始评分").click()
    expect(page.get_by_text("评分已开始")).to_be_visible()

    # The reviewer fills the sheet: a wrong value is caught next to its item, nothing is lost.
    page.context.clear_cookies()
    login("reviewer")
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="打开我的评分表").click()
    points = page.locator("input[type=number]")
    for index, value in enumerate(["9.5", "5", "18", "13.25", "9", "30", "14"]):
        points.nth(index).fill(value)
    # 30 is above its item's maximum of 25: marked, and left out of the live total.
    expect(page.locator("[data-total]")).to_have_text("68.75 (6/7)")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("确保该值小于或等于25.00。", exact=True)).to_be_visible()
    expect(points.nth(3)).to_have_value("13.25")
    points.nth(5).fill("23.5")
    expect(page.locator("[data-total]")).to_have_text("92.25")
    screenshot("score-sheet")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("您的评分表已提交，总分92.25分")).to_be_visible()

    # Staff conclude; the pilot passes through its workflow.
    page.context.clear_cookies()
    login("staff")
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    screenshot("review-panel")
    page.get_by_role("link", name="结束考核验收").click()
    page.get_by_label("专家组意见").fill("资料齐全，示范效果明显，同意通过验收。")
    page.get_by_role("button", name="结束考核验收").click()
    expect(
        page.get_by_text("考核验收结束，得分92.25分；试点状态现为“已通过验收”。")
    ).to_be_visible()
    screenshot("review-concluded")

    review = AcceptanceReview.objects.get(pk=review.pk)
    assert (review.panel.status, review.panel.score, review.panel.passed) == (
        "concluded",
        Decimal("92.25"),
        True,
    )
    assert PilotProject.objects.get(pk=pilot.pk).status == "passed"
