"""factory_boy factories of the portal app; each app's own are in tests/<app>/factories.py.
Defaults are plain and unsurprising."""

import factory
from django.contrib.auth.models import Group

from portal.enums import OrganizationKind, Role
from portal.models import Membership, Organization, Region, Registration, ReviewerProfile, User
from portal.validators import make_uscc

PASSWORD = "Correct-Horse-42"


def region(code: str = "421222") -> Region:
    """Regions are loaded by a migration; factories use them rather than making new ones."""
    return Region.objects.get(code=code)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{430100 + n}")
    name = factory.Sequence(lambda n: f"测试区{n}")
    level = "county"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    uscc = factory.Sequence(lambda n: make_uscc("91", "421222", f"{10000000 + n:08d}"))
    kind = OrganizationKind.ENTERPRISE
    region = factory.LazyFunction(region)


def add_role(default: Role | None = None) -> factory.PostGeneration:
    """Post-generation hook putting the user in a role group (``role=...`` overrides)."""

    def add(user, create, extracted, **kwargs):
        role = extracted or default
        if create and role:
            user.groups.add(Group.objects.get(name=role))

    return factory.PostGeneration(add)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)
    role = add_role()


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    role = add_role(Role.BUREAU_STAFF)


class EnterpriseMemberFactory(UserFactory):
    username = factory.Sequence(lambda n: f"member{n}")
    role = add_role(Role.ENTERPRISE_MEMBER)
    membership = factory.RelatedFactory(
        "tests.factories.MembershipFactory", factory_related_name="user"
    )


class ReviewerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"reviewer{n}")
    role = add_role(Role.REVIEWER)
    reviewer_profile = factory.RelatedFactory(
        "tests.factories.ReviewerProfileFactory", factory_related_name="user"
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = "质量经理"


class ReviewerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerProfile

    user = factory.SubFactory(UserFactory)
    title = "高级工程师"
    specialty = "农业标准化"
    employer = factory.SubFactory(OrganizationFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    user = factory.SubFactory(UserFactory, is_active=False)
    organization = factory.SubFactory(OrganizationFactory)
    organization_name = factory.SelfAttribute("organization.name")
    creates_organization = False


# --- pilots ---------------------------------------------------------------------------------
