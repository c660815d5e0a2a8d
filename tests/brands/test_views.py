import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from brands.models import Brand, BrandOutput, BrandTitle, CountyIndustrialOutput
from tests.brands.factories import (
    BrandFactory,
    BrandOutputFactory,
    BrandTitleFactory,
    CountyIndustrialOutputFactory,
)
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


# --- the staff's register ------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_brand_list_query_count(staff_client, django_assert_num_queries, rows):
    for _ in range(rows):
        BrandOutputFactory(brand=BrandFactory(valid_from=D(2014, 1, 1), valid_until=days(30)))
    CountyIndustrialOutputFactory(year=2014)
    # session, user, groups, pending registrations, latest county year,
    # share (brands, county), expiring count, count, page, title and holder choices
    with django_assert_num_queries(13):
        response = staff_client.get(reverse("brands:brand-list"))
    assert len(response.context["object_list"]) == rows


def listed(response) -> list[str]:
    return [brand.product for brand in response.context["object_list"]]


def test_brand_list_filters_by_status(staff_client):
    BrandFactory(product="有效", valid_from=days(-10), valid_until=days(400))
    BrandFactory(product="即将到期", valid_from=days(-1000), valid_until=days(90))
    BrandFactory(product="已过期", valid_from=days(-1000), valid_until=days(-1))
    BrandFactory(product="尚未生效", valid_from=days(1), valid_until=days(1000))
    results = {
        status: listed(staff_client.get(reverse("brands:brand-list"), {"status": status}))
        for status in ("valid", "expiring", "expired", "not_yet_valid")
    }
    assert results == {
        "valid": ["有效"],
        "expiring": ["即将到期"],
        "expired": ["已过期"],
        "not_yet_valid": ["尚未生效"],
    }


def test_brand_list_filters_by_year_valid_in(staff_client):
    BrandFactory(product="年末有效", valid_from=D(2012, 12, 1), valid_until=D(2014, 12, 31))
    BrandFactory(product="年末前到期", valid_from=D(2011, 12, 31), valid_until=D(2014, 12, 30))
    response = staff_client.get(reverse("brands:brand-list"), {"year": "2014"})
    assert listed(response) == ["年末有效"]


def test_brand_list_searches_product_holder_and_certificate(staff_client):
    holder = OrganizationFactory(name="湖北福人药业股份有限公司")
    BrandFactory(product="“福人”牌金刚藤胶囊", holder=holder, certificate_number="HBMP-1")
    BrandFactory(product="“通城”牌农产品", certificate_number="HBMP-2014-S001")
    for query, expected in [
        ("金刚藤", ["“福人”牌金刚藤胶囊"]),
        ("福人药业", ["“福人”牌金刚藤胶囊"]),
        ("2014-S001", ["“通城”牌农产品"]),
    ]:
        assert listed(staff_client.get(reverse("brands:brand-list"), {"q": query})) == expected


def test_brand_list_filters_by_title_and_holder(staff_client):
    title = BrandTitleFactory()
    brand = BrandFactory(title=title)
    BrandFactory(holder=brand.holder)
    response = staff_client.get(
        reverse("brands:brand-list"), {"title": title.pk, "holder": brand.holder.pk}
    )
    assert listed(response) == [brand.product]


def test_brand_list_sorts_products_in_pinyin_order(staff_client):
    for product in ["“通城”牌", "“百丈潭”牌", "“黄袍山”牌"]:
        BrandFactory(product=product)
    response = staff_client.get(reverse("brands:brand-list"), {"sort": "product"})
    assert listed(response) == ["“百丈潭”牌", "“黄袍山”牌", "“通城”牌"]


def test_brand_list_shows_the_share_of_the_latest_year(staff_client, english):
    brand = BrandFactory(valid_from=D(2013, 12, 1), valid_until=D(2016, 11, 30))
    BrandOutputFactory(brand=brand, year=2014, output=Decimal("260000"))
    CountyIndustrialOutputFactory(year=2013, output=Decimal("1000"))
    CountyIndustrialOutputFactory(year=2014, output=Decimal("520000"))
    response = staff_client.get(reverse("brands:brand-list"))
    assert response.context["figure_year"] == 2014
    assert (
        "In 2014, the titles then valid produced 50.00% of the county's gross output of "
        "industrial enterprises above designated size (260,000 of 520,000 × 10,000 yuan)."
    ) in response.content.decode()


def test_brand_list_shows_the_share_of_the_year_filtered(staff_client, english):
    CountyIndustrialOutputFactory(year=2014)
    response = staff_client.get(reverse("brands:brand-list"), {"year": "2012"})
    assert response.context["figure_year"] == 2012
    assert "in 2012 is not recorded" in response.content.decode()


def test_brand_list_links_the_titles_expiring_soon(staff_client):
    BrandFactory(valid_from=days(-1000), valid_until=days(30))
    content = staff_client.get(reverse("brands:brand-list")).content.decode()
    assert f'href="{reverse("brands:brand-expiring")}"' in content


@pytest.mark.parametrize("rows", [1, 6])
def test_expiring_list_query_count(staff_client, django_assert_num_queries, rows):
    BrandFactory.create_batch(rows, valid_from=days(-1000), valid_until=days(89))
    BrandFactory(valid_from=days(-1000), valid_until=days(91))
    # session, user, groups, pending registrations, count, page
    with django_assert_num_queries(7):
        response = staff_client.get(reverse("brands:brand-expiring"))
    assert len(response.context["object_list"]) == rows


def test_expiring_list_shows_when_the_reminder_was_sent(staff_client):
    brand = BrandFactory(valid_from=days(-1000), valid_until=days(30))
    brand.reminders.create(valid_until=brand.valid_until, sent_on=days(-60))
    brand.reminders.create(valid_until=days(-1065), sent_on=D(2020, 1, 1))  # an earlier period
    response = staff_client.get(reverse("brands:brand-expiring"))
    assert [b.reminded_on for b in response.context["object_list"]] == [days(-60)]


def test_add_brand_saves_it_with_history(staff_client, organization):
    title = BrandTitle.objects.get(name="湖北名牌产品")
    response = staff_client.post(
        reverse("brands:brand-create"),
        {
            "product": "“通城”牌农产品",
            "holder": organization.pk,
            "title": title.pk,
            "certificate_number": "HBMP-2014-001",
            "valid_from": "2014-12-01",
            "valid_until": "2017-11-30",
        },
    )
    brand = Brand.objects.get()
    assert response.status_code == 302
    assert response.url == brand.get_absolute_url()
    assert (brand.holder, brand.title, brand.is_sample) == (organization, title, False)
    assert brand.history.get().history_user is not None


def test_add_brand_refuses_an_end_before_the_start(staff_client, organization):
    response = staff_client.post(
        reverse("brands:brand-create"),
        {
            "product": "“通城”牌农产品",
            "holder": organization.pk,
            "title": BrandTitleFactory().pk,
            "certificate_number": "HBMP-2014-001",
            "valid_from": "2014-12-01",
            "valid_until": "2014-11-30",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["valid_until"]
    assert Brand.objects.count() == 0


def test_edit_brand_is_recorded_in_its_history(staff_client, brand):
    staff_client.post(
        reverse("brands:brand-edit", args=[brand.pk]),
        {
            "product": brand.product,
            "holder": brand.holder.pk,
            "title": brand.title.pk,
            "certificate_number": brand.certificate_number,
            "valid_from": brand.valid_from.isoformat(),
            "valid_until": "2030-12-31",
        },
    )
    response = staff_client.get(reverse("brands:brand-history", args=[brand.pk]))
    changes = [change for record in response.context["records"] for change in record.changes]
    assert [(change.old, change.new) for change in changes] == [
        (brand.valid_until.isoformat(), "2030-12-31")
    ]


def test_delete_brand_removes_its_outputs(staff_client, brand_objects):
    brand = brand_objects["brand"]
    response = staff_client.post(reverse("brands:brand-delete", args=[brand.pk]))
    assert response.url == reverse("brands:brand-list")
    assert (Brand.objects.count(), BrandOutput.objects.count()) == (0, 0)


# --- output values on the brand's page -----------------------------------------------------


def test_add_output_of_a_new_year(staff_client, brand):
    response = staff_client.post(
        reverse("brands:brand-output-add", args=[brand.pk]), {"year": "2015", "output": "88.5"}
    )
    assert response.url == brand.get_absolute_url() + "#outputs"
    assert list(brand.outputs.values_list("year", "output")) == [(2015, Decimal("88.50"))]


def test_add_output_of_a_recorded_year_is_refused(staff_client, brand_objects, english):
    brand = brand_objects["brand"]
    response = staff_client.post(
        reverse("brands:brand-output-add", args=[brand.pk]), {"year": "2014", "output": "1"}
    )
    assert response.context["form"].errors == {
        "year": ["The output of 2014 is recorded already; edit that figure instead."]
    }
    assert list(brand.outputs.values_list("output", flat=True)) == [Decimal("1000.00")]


@pytest.mark.parametrize("output", ["-1", "abc", "1e400", "NaN"])
def test_add_output_refuses_a_bad_value(staff_client, brand, output):
    response = staff_client.post(
        reverse("brands:brand-output-add", args=[brand.pk]), {"year": "2015", "output": output}
    )
    assert list(response.context["form"].errors) == ["output"]


def test_edit_output_keeps_its_year(staff_client, brand_objects):
    brand, output = brand_objects["brand"], brand_objects["output"]
    staff_client.post(
        reverse("brands:brand-output-edit", args=[brand.pk, output.pk]),
        {"year": "2020", "output": "1234.56"},
    )
    assert list(brand.outputs.values_list("year", "output")) == [(2014, Decimal("1234.56"))]


def test_output_of_another_brand_is_not_found(staff_client, brand_objects):
    other = BrandOutputFactory()
    url = reverse("brands:brand-output-edit", args=[brand_objects["brand"].pk, other.pk])
    assert staff_client.get(url).status_code == 404


def test_remove_output(staff_client, brand_objects):
    brand, output = brand_objects["brand"], brand_objects["output"]
    response = staff_client.post(reverse("brands:brand-output-remove", args=[brand.pk, output.pk]))
    assert response.url == brand.get_absolute_url() + "#outputs"
    assert brand.outputs.count() == 0


# --- the county's output -------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_county_output_list_query_count(staff_client, django_assert_num_queries, rows):
    for year in range(2014, 2014 + rows):
        CountyIndustrialOutputFactory(year=year)
        BrandOutputFactory(
            year=year, brand=BrandFactory(valid_from=D(2013, 1, 1), valid_until=D(2030, 1, 1))
        )
    # session, user, groups, pending registrations, count, page,
    # shares (brands, county)
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("brands:county-output-list"))
    assert [figure.share for _record, figure in response.context["rows"]] == [
        Decimal("0.1000")
    ] * rows


def test_add_county_output_of_a_recorded_year_is_refused(staff_client, english):
    CountyIndustrialOutputFactory(year=2014)
    response = staff_client.post(
        reverse("brands:county-output-create"), {"year": "2014", "output": "1", "source_note": ""}
    )
    assert response.context["form"].errors == {
        "year": ["The county's output for this year is recorded already."]
    }


def test_edit_county_output_keeps_its_year(staff_client):
    record = CountyIndustrialOutputFactory(year=2014)
    staff_client.post(
        reverse("brands:county-output-edit", args=[record.pk]),
        {"year": "2015", "output": "520000", "source_note": "统计公报"},
    )
    assert list(CountyIndustrialOutput.objects.values_list("year", "output", "source_note")) == [
        (2014, Decimal("520000.00"), "统计公报")
    ]


# --- titles --------------------------------------------------------------------------------


def test_hubei_famous_brand_title_is_loaded_by_a_migration():
    assert BrandTitle.objects.filter(name="湖北名牌产品").values_list(
        "name_en", flat=True
    ).get() == ("Hubei famous brand product")


@pytest.mark.parametrize("rows", [1, 6])
def test_title_list_query_count(staff_client, django_assert_num_queries, rows):
    for title in BrandTitleFactory.create_batch(rows):
        BrandFactory(title=title)
    # session, user, groups, pending registrations, titles with counts
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("brands:title-list"))
    assert len(response.context["object_list"]) == rows + 1


def test_title_held_by_a_brand_cannot_be_deleted(staff_client, brand):
    response = staff_client.post(reverse("brands:title-delete", args=[brand.title.pk]))
    assert response.status_code == 302
    assert BrandTitle.objects.filter(pk=brand.title.pk).exists()


def test_title_without_brands_can_be_deleted(staff_client):
    title = BrandTitleFactory()
    response = staff_client.post(reverse("brands:title-delete", args=[title.pk]))
    assert response.url == reverse("brands:title-list")
    assert not BrandTitle.objects.filter(pk=title.pk).exists()


# --- the public list -----------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_public_brand_list_query_count(client, django_assert_num_queries, rows):
    BrandFactory.create_batch(rows)
    BrandFactory(valid_from=D(2012, 1, 1), valid_until=D(2014, 12, 31))
    # latest county year, count, page, title choices
    with django_assert_num_queries(4):
        response = client.get(reverse("brands:public-brand-list"))
    assert len(response.context["object_list"]) == rows


def test_public_brand_list_shows_titles_valid_today_without_figures(client):
    valid = BrandFactory(product="“瀛通”商标", valid_from=days(-1000), valid_until=days(10))
    BrandFactory(product="已过期商标", valid_from=days(-1000), valid_until=days(-1))
    BrandFactory(product="尚未生效商标", valid_from=days(1), valid_until=days(1000))
    BrandOutputFactory(brand=valid, year=2014, output=Decimal("98765.43"))

    response = client.get(reverse("brands:public-brand-list"))
    content = response.content.decode()

    assert listed(response) == ["“瀛通”商标"]
    assert valid.certificate_number in content
    assert "98765" not in content
    assert valid.get_absolute_url() not in content


# --- the organization's page and the home page ----------------------------------------------


def test_organization_page_shows_its_brands_to_its_member(client, member, organization):
    own = BrandFactory(holder=organization)
    other = BrandFactory()
    client.force_login(member)
    content = client.get(organization.get_absolute_url()).content.decode()
    assert f'href="{own.get_absolute_url()}"' in content
    assert other.product not in content


def test_home_page_links_visitors_to_the_public_brand_list(client):
    BrandFactory()
    response = client.get(reverse("portal:home"))
    assert response.context["public_brand_count"] == 1
    assert f'href="{reverse("brands:public-brand-list")}"' in response.content.decode()


def test_home_page_tells_staff_how_many_titles_expire_soon(staff_client):
    BrandFactory(valid_from=days(-1000), valid_until=days(30))
    response = staff_client.get(reverse("portal:home"))
    assert response.context["expiring_brand_count"] == 1
    assert f'href="{reverse("brands:brand-list")}"' in response.content.decode()


def test_organization_page_lists_its_brands_to_staff(staff_client, brand):
    BrandFactory()
    response = staff_client.get(brand.holder.get_absolute_url())
    section = dict(response.context["sections"])["brands/_organization_brands.html"]
    assert list(section["brands"]) == [brand]
