import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from brands import services
from brands.models import Brand, BrandOutput, BrandReminder, CountyIndustrialOutput
from tests.brands.factories import BrandFactory, BrandOutputFactory, BrandTitleFactory
from tests.factories import EnterpriseMemberFactory, OrganizationFactory, StaffFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def new_brand(**fields):
    values = {
        "product": "“通城”牌农产品",
        "holder": OrganizationFactory(),
        "title": BrandTitleFactory(),
        "certificate_number": "HBMP-2014-001",
        "valid_from": D(2014, 12, 1),
        "valid_until": D(2017, 11, 30),
    }
    return Brand(**(values | fields))


def test_register_brand_saves_it_with_its_outputs():
    brand = services.register_brand(
        brand=new_brand(), outputs={2014: Decimal("12000"), 2015: Decimal("13500.50")}
    )
    assert sorted(brand.outputs.values_list("year", "output")) == [
        (2014, Decimal("12000.00")),
        (2015, Decimal("13500.50")),
    ]
    assert brand.history.count() == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"valid_until": D(2014, 11, 30)}, "valid_until"),
        ({"valid_from": D(1900, 1, 1)}, "valid_from"),
        ({"certificate_number": "HBMP\n2014"}, "certificate_number"),
        ({"product": "通城\u202e牌"}, "product"),
    ],
)
def test_register_brand_refuses_invalid_fields(fields, error_field):
    with pytest.raises(ValidationError) as error:
        services.register_brand(brand=new_brand(**fields))
    assert list(error.value.message_dict) == [error_field]
    assert Brand.objects.count() == 0


def test_register_brand_refuses_a_certificate_number_twice():
    services.register_brand(brand=new_brand())
    with pytest.raises(ValidationError) as error:
        services.register_brand(brand=new_brand())
    assert list(error.value.message_dict) == ["certificate_number"]


def test_set_brand_output_replaces_the_years_figure():
    output = BrandOutputFactory(year=2014, output=Decimal("100.00"))
    services.set_brand_output(brand=output.brand, year=2014, output=Decimal("150.00"))
    assert list(BrandOutput.objects.values_list("year", "output")) == [(2014, Decimal("150.00"))]


@pytest.mark.parametrize(("year", "output"), [(1900, "1.00"), (2014, "-0.01")])
def test_set_brand_output_refuses_implausible_figures(year, output):
    with pytest.raises(ValidationError):
        services.set_brand_output(brand=BrandFactory(), year=year, output=Decimal(output))
    assert BrandOutput.objects.count() == 0


def test_set_county_output_replaces_the_years_figure():
    services.set_county_output(year=2014, output=Decimal("500000"), source_note="统计公报")
    services.set_county_output(year=2014, output=Decimal("520000"), source_note="修订")
    assert list(CountyIndustrialOutput.objects.values_list("year", "output", "source_note")) == [
        (2014, Decimal("520000.00"), "修订")
    ]


# --- reminders of titles about to expire -------------------------------------------------------

TODAY = D(2026, 11, 27)


@pytest.fixture
def recipients(organization):
    """A staff member and a member of ``organization``; and a member of another organization."""
    EnterpriseMemberFactory(email="other@example.com")
    return [
        StaffFactory(email="staff@example.com"),
        EnterpriseMemberFactory(membership__organization=organization, email="member@example.com"),
    ]


def expiring(organization, **fields):
    """A title of ``organization`` that ends in 60 days."""
    values = {"valid_from": D(2023, 1, 27), "valid_until": D(2027, 1, 26)}
    return BrandFactory(holder=organization, **(values | fields))


def send(django_capture_on_commit_callbacks, today=TODAY):
    with django_capture_on_commit_callbacks(execute=True):
        return services.send_expiry_reminders(today=today)


@pytest.mark.usefixtures("recipients")
def test_send_expiry_reminders_tells_staff_and_the_holders_members(
    organization, django_capture_on_commit_callbacks
):
    brand = expiring(organization, product="“通城”牌农产品")

    reminders = send(django_capture_on_commit_callbacks)

    assert [(r.brand, r.valid_until, r.sent_on, r.recipient_count) for r in reminders] == [
        (brand, D(2027, 1, 26), TODAY, 2)
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "member@example.com",
        "staff@example.com",
    ]
    assert "“通城”牌农产品" in mail.outbox[0].subject
    assert f"/brands/{brand.pk}/" in mail.outbox[0].body


@pytest.mark.usefixtures("recipients")
def test_send_expiry_reminders_twice_sends_nothing_new(
    organization, django_capture_on_commit_callbacks
):
    expiring(organization)
    send(django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert send(django_capture_on_commit_callbacks, today=TODAY + datetime.timedelta(days=1)) == []
    assert mail.outbox == []
    assert BrandReminder.objects.count() == 1


@pytest.mark.usefixtures("recipients")
def test_send_expiry_reminders_reminds_a_renewed_title_again(
    organization, django_capture_on_commit_callbacks
):
    brand = expiring(organization)
    send(django_capture_on_commit_callbacks)
    brand.valid_from, brand.valid_until = D(2027, 1, 27), D(2030, 1, 26)
    brand.save()
    later = D(2029, 11, 1)

    reminders = send(django_capture_on_commit_callbacks, today=later)

    assert [(r.valid_until, r.sent_on) for r in reminders] == [(D(2030, 1, 26), later)]
    assert BrandReminder.objects.filter(brand=brand).count() == 2


@pytest.mark.usefixtures("recipients")
def test_send_expiry_reminders_skips_titles_outside_the_window(
    organization, django_capture_on_commit_callbacks
):
    expiring(organization, valid_until=TODAY - datetime.timedelta(days=1))  # expired
    expiring(organization, valid_until=TODAY + datetime.timedelta(days=91))  # not yet due
    expiring(
        organization,
        valid_from=TODAY + datetime.timedelta(days=1),
        valid_until=TODAY + datetime.timedelta(days=30),
    )  # not yet valid
    on_the_edge = expiring(organization, valid_until=TODAY + datetime.timedelta(days=90))

    reminders = send(django_capture_on_commit_callbacks)

    assert [reminder.brand for reminder in reminders] == [on_the_edge]


@pytest.mark.usefixtures("recipients")
def test_send_reminders_command_says_how_many_were_sent(
    organization, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    for days in (10, 20):
        expiring(
            organization,
            valid_from=today - datetime.timedelta(days=1000),
            valid_until=today + datetime.timedelta(days=days),
        )
    first, second = StringIO(), StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=first)
        call_command("send_reminders", stdout=second)

    assert first.getvalue().splitlines()[-1] == "Reminders sent: 2."
    assert second.getvalue() == "Reminders sent: 0.\n"
    assert len(mail.outbox) == 4
