import pytest
from playwright.sync_api import expect

DEMO_USERS = [
    ("staff", "王静", "单位名录"),
    ("enterprise", "李强", "我的单位"),
    ("enterprise2", "陈芳", "我的单位"),
    ("reviewer", "赵明", "专家资料"),
]


@pytest.mark.parametrize(("username", "full_name", "landmark"), DEMO_USERS)
def test_each_role_logs_in_and_sees_its_home_page(
    page, live_server, demo_data, login, screenshot, username, full_name, landmark
):
    login(username)

    expect(page.get_by_role("heading", name=f"欢迎，{full_name}")).to_be_visible()
    expect(page.get_by_text(landmark).first).to_be_visible()
    screenshot(f"home-{username}")


def test_anonymous_home_page_and_pending_registration_message(
    page, live_server, demo_data, login, screenshot
):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="标准化工作平台")).to_be_visible()
    screenshot("home-anonymous")

    login("furen")
    expect(page.get_by_text("您的注册申请已收到，正在等待质监局审核。")).to_be_visible()
    screenshot("login-pending")
