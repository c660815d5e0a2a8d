"""Demo records of the brands app: the seven Hubei famous brand products (湖北名牌产品) within
their validity period in the source report (2014), whose output was about half of the county's
output of industrial enterprises above designated size.

The report names the two titles won that year: the "通城" brand of 合玉立农产品专业合作社 and
湖北福人药业股份有限公司. It gives no products, certificate numbers, dates or figures, so those
are samples, as are the other five titles (products of demo organizations and of two sample
organizations): every brand here is marked ``is_sample``. The validity periods (three years)
cover 31 December 2014, and the 2014 figures give a share of exactly 50%.

Two more sample titles of other kinds (湖北省著名商标) are dated from the day the demo is
loaded, so that the public list, the expiring titles and ``send_reminders`` have something to
show: one valid for years yet, one that ends within 90 days.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from brands import services
from brands.models import (
    Brand,
    BrandTitle,
    CountyIndustrialOutput,
)
from portal import demo
from portal.enums import Industry, OrganizationKind
from portal.models import Organization, Region
from portal.validators import make_uscc

D = datetime.date
FAMOUS_BRAND = "湖北名牌产品"
FIGURE_YEAR = 2014
COUNTY_OUTPUT = Decimal("520000.00")
COUNTY_SOURCE = "通城县统计数据（示例数据：报道只载明名牌产品产值约占50%）"

# Holders the report does not name: well-formed sample codes, marked as such.
SAMPLE_ORGANIZATIONS = [
    (
        "materials",
        "通城县示例新材料有限公司",
        "91",
        "MA48K9L2",
        OrganizationKind.ENTERPRISE,
        Industry.C,
    ),
    (
        "grain_coop",
        "通城县示例粮油专业合作社",
        "93",
        "MA48L1M3",
        OrganizationKind.COOPERATIVE,
        Industry.A,
    ),
]

# (holder, product, certificate number, valid from, valid until, output in 2014 in 10,000 yuan)
FAMOUS_BRANDS = [
    ("heyuli", "“通城”牌农产品", "HBMP-2014-S001", D(2014, 12, 1), D(2017, 11, 30), "12000"),
    ("furen", "“福人”牌金刚藤胶囊", "HBMP-2014-S002", D(2014, 12, 1), D(2017, 11, 30), "52000"),
    ("yingtong", "“瀛通”牌耳机线材", "HBMP-2013-S003", D(2013, 12, 1), D(2016, 11, 30), "68000"),
    ("baizhangtan", "“百丈潭”牌白酒", "HBMP-2012-S004", D(2012, 12, 1), D(2015, 11, 30), "36000"),
    (
        "huangpaoshan",
        "“黄袍山”牌油茶籽油",
        "HBMP-2012-S005",
        D(2012, 12, 1),
        D(2015, 11, 30),
        "30000",
    ),
    (
        "materials",
        "“示例”牌新型墙体材料",
        "HBMP-2013-S006",
        D(2013, 12, 1),
        D(2016, 11, 30),
        "40000",
    ),
    ("grain_coop", "“示例”牌富硒大米", "HBMP-2013-S007", D(2013, 12, 1), D(2016, 11, 30), "22000"),
]

OTHER_TITLES = [
    ("湖北省著名商标", "Hubei famous trademark"),
    ("中国驰名商标", "China well-known trademark"),
]


def _holder(key: str) -> Organization:
    row = next((row for row in SAMPLE_ORGANIZATIONS if row[0] == key), None)
    if row is None:
        return demo.organization(key)
    _, name, prefix, body, kind, industry = row
    organization, _ = Organization.objects.get_or_create(
        uscc=make_uscc(prefix, "421222", body),
        defaults={
            "name": name,
            "uscc_is_sample": True,
            "kind": kind,
            "region": Region.objects.get(code="421222"),
            "industry": industry,
            "address": "湖北省咸宁市通城县",
        },
    )
    return organization


def _years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (or earlier); 28 February for a 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _brand(*, holder, title, product, number, valid_from, valid_until, outputs=None) -> None:
    if Brand.objects.filter(certificate_number=number).exists():
        return
    services.register_brand(
        brand=Brand(
            product=product,
            holder=holder,
            title=title,
            certificate_number=number,
            valid_from=valid_from,
            valid_until=valid_until,
            is_sample=True,
        ),
        outputs=outputs,
    )


@transaction.atomic
def seed(stdout=None) -> None:
    famous = BrandTitle.objects.get(name=FAMOUS_BRAND)
    for key, product, number, valid_from, valid_until, output in FAMOUS_BRANDS:
        _brand(
            holder=_holder(key),
            title=famous,
            product=product,
            number=number,
            valid_from=valid_from,
            valid_until=valid_until,
            outputs={FIGURE_YEAR: Decimal(output)},
        )
    if not CountyIndustrialOutput.objects.filter(year=FIGURE_YEAR).exists():
        services.set_county_output(
            year=FIGURE_YEAR, output=COUNTY_OUTPUT, source_note=COUNTY_SOURCE
        )

    titles = {
        name: BrandTitle.objects.get_or_create(name=name, defaults={"name_en": name_en})[0]
        for name, name_en in OTHER_TITLES
    }
    trademark = titles["湖北省著名商标"]
    today = timezone.localdate()
    ends_soon = today + datetime.timedelta(days=45)
    _brand(
        holder=_holder("yingtong"),
        title=trademark,
        product="“瀛通”商标（耳机线材）",
        number="HBZM-S001",
        valid_from=_years_later(ends_soon, -3) + datetime.timedelta(days=1),
        valid_until=ends_soon,
    )
    started = today.replace(day=1) - datetime.timedelta(days=365)
    _brand(
        holder=_holder("baizhangtan"),
        title=trademark,
        product="“百丈潭”商标（白酒）",
        number="HBZM-S002",
        valid_from=started,
        valid_until=_years_later(started, 3) - datetime.timedelta(days=1),
    )
