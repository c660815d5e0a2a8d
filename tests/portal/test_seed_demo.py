import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from portal.demo import DEMO_PASSWORD
from portal.enums import RegistrationStatus, Role
from portal.models import Organization, Registration, User
from portal.validators import validate_uscc

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Organization.objects.values_list("uscc", "name", "modified")),
        sorted(User.objects.values_list("username", "password", "is_active")),
        sorted(Registration.objects.values_list("user__username", "status")),
    )


def test_seed_demo_loads_report_organizations_and_demo_users():
    output = StringIO()
    call_command("seed_demo", stdout=output)

    assert "Demo logins (password for all: Demo-2014):" in output.getvalue()
    names = set(Organization.objects.values_list("name", flat=True))
    assert {
        "通城县质量技术监督局",
        "湖北省标准化研究院",
        "黄袍山绿色产品有限公司",
        "中国电信股份有限公司通城分公司",
        "通城县人民政府政务服务中心",
        "湖北瀛通电子有限公司",
        "湖北百丈潭酒业有限公司",
    } <= names
    for organization in Organization.objects.all():
        assert organization.uscc_is_sample is True
        assert validate_uscc(organization.uscc) is None
    tongcheng = Organization.objects.get(name="湖北瀛通电子有限公司")
    assert tongcheng.uscc[2:8] == "421222"

    logins = {
        "staff": Role.BUREAU_STAFF,
        "enterprise": Role.ENTERPRISE_MEMBER,
        "enterprise2": Role.ENTERPRISE_MEMBER,
        "reviewer": Role.REVIEWER,
    }
    for username, role in logins.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD) is True
        assert user.groups.filter(name=role).exists() is True
    assert User.objects.get(username="enterprise").membership.organization.name == (
        "湖北瀛通电子有限公司"
    )
    assert User.objects.get(username="enterprise2").membership.organization.name == (
        "湖北百丈潭酒业有限公司"
    )
    assert User.objects.get(username="reviewer").reviewer_profile.employer.name == (
        "湖北省标准化研究院"
    )
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def readme_logins() -> list[tuple[str, str, str]]:
    """The rows of the README's "Demo logins" table, without the Markdown."""
    text = (Path(settings.BASE_DIR) / "README.md").read_text()
    table = text.split("### Demo logins", 1)[1].split("\n\n")[2]
    rows = [
        [cell.strip().replace("`", "") for cell in line.strip("|").split("|")]
        for line in table.splitlines()[2:]
    ]
    return [(username, role, organization) for username, role, organization in rows]


def test_seed_demo_prints_the_logins_once_in_the_readmes_words():
    output = StringIO()
    call_command("seed_demo", stdout=output)

    lines = output.getvalue().splitlines()
    start = lines.index("Demo logins (password for all: Demo-2014):")
    rows = [tuple(re.split(r"\s{2,}", line.strip())) for line in lines[start + 1 :]]
    assert rows == [("username", "role", "organization"), *readme_logins()]
    assert output.getvalue().count("Demo logins") == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_demo_sends_no_mail():
    output = StringIO()
    call_command("seed_demo", stdout=output)

    assert mail.outbox == []
    assert "Content-Type:" not in output.getvalue()


def test_apps_seed_in_the_order_of_installed_apps_whatever_was_imported_first(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from portal import demo

    calls = []

    def later(stdout=None):
        calls.append("brands")

    def earlier(stdout=None):
        calls.append("pilots")

    later.__module__, earlier.__module__ = "brands.demo", "pilots.demo"
    monkeypatch.setattr(demo, "SEEDERS", [later, earlier])
    monkeypatch.setattr(demo, "seed", lambda stdout=None: None)
    monkeypatch.setattr("django.utils.module_loading.autodiscover_modules", lambda *a: None)
    monkeypatch.setattr(
        "portal.management.commands.seed_demo.autodiscover_modules", lambda *a: None
    )
    monkeypatch.setattr(demo, "DEMO_LOGINS", [])

    call_command("seed_demo", stdout=StringIO())

    assert calls == ["pilots", "brands"]
