"""An award from application to the public register, through the pages as the people would use
them: the enterprise applies and supplements, the bureau checks, puts the application before a
panel, decides and publishes it, the reviewers score, the public objects during the notice, and
the final award puts the brand in the public list."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from brands import services
from brands.demo.applications import SAMPLE_PDF
from brands.enums import ProgramKind, ProgramLevel
from brands.models import AwardApplication, AwardProgram, Brand, BrandTitle, RequiredMaterial
from tests.scoring.factories import scoring_template_with

PROGRAMME = "湖北名牌产品（专家评审）"
ENTERPRISE = "湖北瀛通电子有限公司"
PRODUCT = "“瀛通”牌电声组件"
# The programme's materials: (name, mandatory).
MATERIALS = [
    ("申报表", True),
    ("营业执照复印件", True),
    ("产品检验报告", True),
    ("近三年财务报表", True),
    ("商标注册证复印件", False),
]
MANDATORY = [name for name, mandatory in MATERIALS if mandatory]
SUPPLEMENT = "近三年财务报表未经审计，利润与申报书数据不一致，请补充经审计的财务报表。"
REPORT_COMMENT = "利润与申报书不一致"
REASON = "产品质量达到国内同类产品先进水平，专家组评分88.75分，高于合格线。"
OBJECTION = "该企业2013年曾因产品抽检不合格被通报，请核实。"
CERTIFICATE = "HBMP-J-0001"
# Revenue, profit and taxes of the three years before the round, in 10,000 yuan.
FIGURES = [("86000", "5200", "3100"), ("94000", "6100", "3500"), ("105000", "7300", "3900")]
# Each reviewer's points for items 1.1 (20), 1.2 (30) and 2.1 (50): 90 and 87.5, mean 88.75.
SHEETS = {"reviewer": ["18", "27", "45"], "reviewer2": ["17", "26.5", "44"]}


def open_scored_programme() -> AwardProgram:
    """Not part of the journey: the bureau set up a scored round of the famous-brand title."""
    today = timezone.localdate()
    return services.save_program(
        program=AwardProgram(
            name=PROGRAMME,
            level=ProgramLevel.PROVINCIAL,
            kind=ProgramKind.SCORED,
            scoring_template=scoring_template_with(name="名牌产品评价细则"),
            confers_title=BrandTitle.objects.get(name="湖北名牌产品"),
            round=str(today.year),
            opens_on=today - datetime.timedelta(days=5),
            closes_on=today + datetime.timedelta(days=40),
            eligibility="产品质量达到国内同类产品先进水平的企业。",
        ),
        materials=[
            RequiredMaterial(name=name, mandatory=mandatory) for name, mandatory in MATERIALS
        ],
    )


def pdf(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(SAMPLE_PDF)
    return path


def as_user(page: Page, login, username: str | None) -> None:
    page.context.clear_cookies()
    if username is not None:
        login(username)


def navbar_link(page: Page, name: str):
    return page.locator("nav.portal-navbar").get_by_role("link", name=name, exact=True)


def badge(page: Page):
    return page.locator("h1 .badge")


def message(page: Page, text: str):
    return page.locator(".alert").filter(has_text=text)


# --- the enterprise --------------------------------------------------------------------------


def start_application(page: Page) -> None:
    navbar_link(page, "评选项目").click()
    expect(page.get_by_role("heading", name="正在申报的评选项目")).to_be_visible()
    card = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=PROGRAMME, exact=False)
    )
    expect(card.get_by_role("listitem")).to_contain_text([name for name, _ in MATERIALS])
    card.get_by_role("link", name="申报").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"申报{PROGRAMME} {timezone.localdate().year}"
    )
    page.get_by_role("button", name="开始申报").click()
    expect(message(page, "申报已创建。请逐项填写申报书并上传材料。")).to_be_visible()


def fill_sections(page: Page, years: list[int]) -> None:
    expect(page.get_by_role("heading", name="基本情况", level=1)).to_be_visible()
    page.get_by_label("申报产品、品牌或服务").fill(PRODUCT)
    expect(page.get_by_label("联系人")).to_have_value("李强")
    page.get_by_label("联系电话").fill("0715-4321000")
    page.get_by_label("职工人数").fill("1200")
    page.get_by_label("企业简介").fill("公司专业从事耳机线材、电声组件的研发与制造。")
    page.get_by_role("button", name="保存并继续").click()
    expect(message(page, "“基本情况”已保存。")).to_be_visible()

    expect(page.get_by_role("heading", name="质量管理", level=1)).to_be_visible()
    page.get_by_label("质量管理", exact=True).fill("通过GB/T 19001、GB/T 24001认证。")
    page.get_by_label("质量成果").fill("建成省级企业技术中心。")
    page.get_by_role("button", name="保存并继续").click()
    expect(message(page, "“质量管理”已保存。")).to_be_visible()

    expect(page.get_by_role("heading", name="近三年经营数据", level=1)).to_be_visible()
    for year, (revenue, profit, tax) in zip(years, FIGURES, strict=True):
        page.get_by_label(f"{year}年营业收入（万元）").fill(revenue)
        page.get_by_label(f"{year}年利润（万元）").fill(profit)
        page.get_by_label(f"{year}年纳税额（万元）").fill(tax)
    page.get_by_role("button", name="保存并继续").click()
    expect(message(page, "“近三年经营数据”已保存。")).to_be_visible()

    expect(page.get_by_role("heading", name="声明", level=1)).to_be_visible()
    page.get_by_label("声明人").fill("李强")
    page.get_by_label("本单位承诺所填报的申报书及提交的材料真实、准确、完整", exact=False).check()
    page.get_by_role("button", name="保存", exact=True).click()
    expect(message(page, "“声明”已保存。")).to_be_visible()
    expect(badge(page)).to_have_text("草稿")
    for year, values in zip(years, FIGURES, strict=True):
        expect(page.get_by_role("row", name=str(year)).get_by_role("cell")).to_have_text(values)
    expect(page.get_by_text("声明人：李强。")).to_be_visible()


def upload(page: Page, material: str, file: Path, *, replace: bool = False) -> None:
    verb = "替换" if replace else "上传"
    page.get_by_role("link", name=f"{verb} {material}", exact=True).click()
    expect(page.get_by_role("heading", name=material, level=1)).to_be_visible()
    page.get_by_label("文件").set_input_files(file)
    page.get_by_role("button", name="上传", exact=True).click()
    expect(message(page, f"“{file.name}”已上传。")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=material)
    expect(row.get_by_role("link", name=file.name, exact=True)).to_be_visible()


def submit(page: Page, *, resubmission: bool = False) -> None:
    verb = "重新提交" if resubmission else "提交"
    page.get_by_role("link", name=verb, exact=True).click()
    expect(page.get_by_role("heading", name=f"{verb}申报")).to_be_visible()
    page.get_by_role("button", name=verb, exact=True).click()


# --- the bureau ------------------------------------------------------------------------------


def open_from_staff_list(page: Page, reference: str) -> None:
    page.get_by_role("link", name="审查申报").click()
    expect(page.get_by_role("heading", name="奖项申报", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text(ENTERPRISE)
    expect(row).to_contain_text(PRODUCT)
    expect(row.locator(".badge")).to_have_text("已提交")
    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name=f"申报 {reference}", exact=False)).to_be_visible()


def open_from_register(page: Page, reference: str, status: str) -> None:
    """Staff reach every application from the register's tab of applications."""
    navbar_link(page, "品牌").click()
    page.locator("ul.nav-pills").get_by_role("link", name="申报").click()
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row.locator(".badge")).to_have_text(status)
    row.get_by_role("link", name=reference).click()
    expect(badge(page)).to_have_text(status)


def check_materials(page: Page, *, failing: dict[str, str]) -> None:
    """Tick every check of each mandatory material but "accurate" for those in ``failing``,
    whose comment is written next to it."""
    page.get_by_role("link", name="形式审查").click()
    expect(page.get_by_role("heading", name="形式审查", level=1)).to_be_visible()
    for name in MANDATORY:
        expect(page.get_by_label(f"齐全: {name}")).to_be_checked()
        page.get_by_label(f"真实: {name}").check()
        if name not in failing:
            page.get_by_label(f"准确: {name}").check()
        page.get_by_label(f"合规: {name}").check()
    for name, comment in failing.items():
        page.get_by_label(f"对{name}的意见").fill(comment)
    expect(page.get_by_label("齐全: 商标注册证复印件")).not_to_be_checked()


# --- the journey -----------------------------------------------------------------------------


def test_an_award_from_application_to_the_public_register(
    page, live_server, demo_data, login, screenshot, tmp_path
):
    program = open_scored_programme()
    today = timezone.localdate()
    years = services.figure_years(program)
    files = {name: pdf(tmp_path, f"{name}.pdf") for name in MANDATORY}
    audited = pdf(tmp_path, "近三年财务报表（审计后）.pdf")

    # The enterprise starts a draft from the open programmes and fills in its four sections.
    login("enterprise")
    start_application(page)
    application = AwardApplication.objects.get(program=program)
    reference = application.reference
    fill_sections(page, years)
    problems = page.locator("[data-problems]")
    expect(problems.get_by_role("listitem")).to_have_text([f"缺少“{name}”" for name in MANDATORY])

    # It uploads all but one mandatory material and tries to submit: the missing one is named.
    for name in MANDATORY[:-1]:
        upload(page, name, files[name])
    page.get_by_role("link", name="提交", exact=True).click()
    expect(page.get_by_role("heading", name="申报尚不能提交")).to_be_visible()
    expect(page.locator("[data-problems]").get_by_role("listitem")).to_have_text(
        ["缺少“近三年财务报表”"]
    )
    expect(page.get_by_role("button", name="提交", exact=True)).to_have_count(0)
    screenshot("award-submit-refused")
    page.get_by_role("link", name="返回申报").click()
    upload(page, MANDATORY[-1], files[MANDATORY[-1]])
    expect(page.locator("[data-problems]")).to_have_count(0)
    submit(page)
    expect(message(page, f"申报{reference}已提交，本局将进行审查。")).to_be_visible()
    expect(badge(page)).to_have_text("已提交")
    expect(page.get_by_role("link", name="提交", exact=True)).to_have_count(0)

    # Staff check it and return it: the financial statements are not accurate.
    as_user(page, login, "staff")
    open_from_staff_list(page, reference)
    check_materials(page, failing={"近三年财务报表": REPORT_COMMENT})
    page.get_by_label("退回补正").check()
    page.get_by_label("意见或需补正的内容").fill(SUPPLEMENT)
    deadline = today + datetime.timedelta(days=10)
    page.get_by_label("补正期限").fill(deadline.isoformat())
    screenshot("award-completeness-check")
    page.get_by_role("button", name="记录审查结果").click()
    expect(message(page, "申报已退回补正。")).to_be_visible()
    expect(badge(page)).to_have_text("退回补正")

    # The enterprise sees what to fix and by when, replaces the file and resubmits.
    as_user(page, login, "enterprise")
    navbar_link(page, "本单位的申报").click()
    expect(page.get_by_role("heading", name="本单位的申报")).to_be_visible()
    item = page.get_by_role("link").filter(has_text=PROGRAMME)
    expect(item.locator(".badge")).to_have_text("退回补正")
    expect(item).to_contain_text(deadline.isoformat())
    item.click()
    expect(badge(page)).to_have_text("退回补正")
    supplement = page.locator("[data-supplement]")
    expect(supplement).to_contain_text(deadline.isoformat())
    expect(supplement).to_contain_text(SUPPLEMENT)
    flagged = page.locator("section[aria-labelledby=checks-heading] tr.table-warning")
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("近三年财务报表")
    expect(flagged).to_contain_text(REPORT_COMMENT)
    screenshot("award-returned-enterprise")
    upload(page, "近三年财务报表", audited, replace=True)
    submit(page, resubmission=True)
    expect(message(page, f"申报{reference}已提交，本局将进行审查。")).to_be_visible()
    expect(badge(page)).to_have_text("已提交")

    # Staff accept it, put it before a panel and open scoring.
    as_user(page, login, "staff")
    open_from_staff_list(page, reference)
    expect(page.locator("section[aria-labelledby=timeline-heading]")).to_contain_text(
        "补正后重新提交。"
    )
    check_materials(page, failing={})
    page.get_by_label("予以受理").check()
    page.get_by_label("意见或需补正的内容").fill("补正后材料齐全，予以受理。")
    page.get_by_role("button", name="记录审查结果").click()
    expect(message(page, "申报已受理。")).to_be_visible()
    expect(badge(page)).to_have_text("已受理")

    page.get_by_role("link", name="组建专家组").click()
    expect(page.get_by_role("heading", name="组建专家组", level=1)).to_be_visible()
    page.get_by_label("赵明", exact=False).check()
    page.get_by_label("孙丽", exact=False).check()
    page.get_by_label("组长").select_option(label="赵明")
    page.get_by_role("button", name="组建专家组").click()
    expect(message(page, "专家组已组建，已通知各位专家。")).to_be_visible()
    expect(badge(page)).to_have_text("评审中")
    page.get_by_role("button", name="开始评分").click()
    expect(message(page, "评分已开始：专家现在可以填写评分表。")).to_be_visible()

    # Each reviewer declares no conflict, reads the materials and scores.
    for username, points in SHEETS.items():
        as_user(page, login, username)
        navbar_link(page, "待评审的申报").click()
        expect(page.get_by_role("heading", name="待评审的申报")).to_be_visible()
        page.get_by_role("link").filter(has_text=PROGRAMME).click()
        expect(page.get_by_role("heading", name="申报书")).to_have_count(0)
        page.get_by_role("link", name="声明", exact=True).click()
        page.get_by_label("本人与本专家组评审的对象及其相关单位无利益冲突", exact=False).check()
        page.get_by_role("button", name="提交声明").click()
        expect(message(page, "谢谢。评审材料和您的评分表现已向您开放。")).to_be_visible()
        expect(page.get_by_role("heading", name="申报书")).to_be_visible()
        expect(page.get_by_text(PRODUCT).first).to_be_visible()
        materials = page.locator("section").filter(has=page.get_by_role("heading", name="申报材料"))
        expect(materials.get_by_role("link", name=files["近三年财务报表"].name)).to_have_count(0)
        with page.expect_download() as download:
            materials.get_by_role("link", name=audited.name).click()
        assert download.value.suggested_filename == audited.name
        page.get_by_role("link", name="打开我的评分表").click()
        fields = page.locator("input[type=number]")
        for index, value in enumerate(points):
            fields.nth(index).fill(value)
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="提交", exact=True).click()
        total = sum(float(value) for value in points)
        expect(message(page, f"您的评分表已提交，总分{total:.2f}分。谢谢。")).to_be_visible()
    screenshot("award-score-sheet")

    # Staff decide: awarded, and publish it for a short notice.
    as_user(page, login, "staff")
    open_from_register(page, reference, "评审中")
    page.get_by_role("link", name="作出决定").click()
    expect(page.get_by_role("heading", name="专家组评审结果")).to_be_visible()
    expect(page.get_by_text("88.75", exact=True)).to_be_visible()
    page.get_by_label("授予", exact=True).check()
    page.get_by_label("理由").fill(REASON)
    page.get_by_role("button", name="作出决定").click()
    expect(message(page, "已决定授予。下一步请进行公示。")).to_be_visible()
    expect(badge(page)).to_have_text("已决定")
    page.get_by_role("link", name="发布公示").click()
    expect(page.get_by_label("公示开始日期")).to_have_value(today.isoformat())
    page.get_by_label("公示期（天）").fill("3")
    page.get_by_role("button", name="发布公示").click()
    notice_ends = today + datetime.timedelta(days=2)
    expect(message(page, f"已公示，公示期至{notice_ends.isoformat()}。")).to_be_visible()
    expect(badge(page)).to_have_text("公示中")
    expect(page.get_by_role("link", name="终结决定")).to_have_count(0)

    # A visitor reads the notice and objects.
    as_user(page, login, None)
    page.goto(live_server.url)
    navbar_link(page, "公示").click()
    expect(page.get_by_role("heading", name="奖项公示", level=1)).to_be_visible()
    page.get_by_role("link").filter(has_text=PRODUCT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PROGRAMME)
    expect(page.locator("dl")).to_contain_text(ENTERPRISE)
    expect(page.locator("dl")).to_contain_text(f"{today.isoformat()} – {notice_ends.isoformat()}")
    page.get_by_label("您的姓名").fill("张伟")
    page.get_by_label("电话或电子邮箱").fill("13800000000")
    page.get_by_label("异议").fill(OBJECTION)
    screenshot("award-notice-objection")
    page.get_by_role("button", name="提交异议").click()
    expect(message(page, "您的异议已收到，本局将进行核查。")).to_be_visible()

    # The notice period ends (moved into the past; the live server shares this database).
    AwardApplication.objects.filter(pk=application.pk).update(
        notice_starts=today - datetime.timedelta(days=5),
        notice_ends=today - datetime.timedelta(days=3),
    )

    # Staff read the objection and make the award final with its certificate.
    as_user(page, login, "staff")
    open_from_register(page, reference, "公示中")
    objections = page.locator("section").filter(has=page.get_by_role("heading", name="异议"))
    expect(objections).to_contain_text(OBJECTION)
    expect(objections).to_contain_text("张伟")
    page.get_by_role("link", name="终结决定").click()
    expect(page.get_by_role("blockquote")).to_have_text(OBJECTION)
    valid_until = today.replace(year=today.year + 3)
    page.get_by_label("证书编号").fill(CERTIFICATE)
    expect(page.get_by_label("有效期自")).to_have_value(today.isoformat())
    expect(page.get_by_label("有效期至")).to_have_value(valid_until.isoformat())
    page.get_by_label("说明").fill("经核实，异议所述抽检不合格产品非本次申报产品，维持授予决定。")
    page.get_by_role("button", name="终结决定").click()
    expect(message(page, "决定已终结，品牌已登记入名录。")).to_be_visible()
    expect(badge(page)).to_have_text("已终结")
    screenshot("award-final")

    # The brand is in the public list.
    as_user(page, login, None)
    page.goto(live_server.url)
    navbar_link(page, "品牌").click()
    expect(page.get_by_role("heading", name="知名品牌", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text=PRODUCT)
    expect(row.get_by_role("cell")).to_have_text(
        [PRODUCT, ENTERPRISE, "湖北名牌产品", CERTIFICATE, valid_until.isoformat()]
    )
    screenshot("award-public-brands")

    brand = Brand.objects.get(certificate_number=CERTIFICATE)
    assert (brand.product, brand.holder.name, brand.source_application_id) == (
        PRODUCT,
        ENTERPRISE,
        application.pk,
    )
