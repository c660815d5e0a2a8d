"""factory_boy factories for every model; defaults are plain and unsurprising."""

import datetime

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


class PilotProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotProject"

    name = factory.Sequence(lambda n: f"示范区{n}")
    category = "agricultural_zone"
    level = "national"
    lead_organization = factory.SubFactory(OrganizationFactory)
    region = factory.LazyFunction(region)
    status = "declared"


class PilotTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotTransition"

    pilot = factory.SubFactory(PilotProjectFactory)
    from_status = "declared"
    to_status = "approved"
    actor = factory.SubFactory(StaffFactory)
    occurred_on = factory.Faker("past_date")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.Standard"

    designation = factory.Sequence(lambda n: f"Q/TEST {n + 1:03d}-2020")
    title = factory.Sequence(lambda n: f"测试标准{n}")
    kind = "enterprise"


class PilotStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotStandard"

    pilot = factory.SubFactory(PilotProjectFactory)
    standard = factory.SubFactory(StandardFactory)
    part = "production"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.Activity"

    kind = "training"
    date = datetime.date(2013, 3, 20)
    title = factory.Sequence(lambda n: f"培训{n}")
    pilot = factory.SubFactory(PilotProjectFactory)
    participants_count = 0
    materials_count = 0
    created_by = factory.SubFactory(StaffFactory)


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo row with small real JPEG files."""

    class Meta:
        model = "pilots.Photo"

    activity = factory.SubFactory(ActivityFactory)
    image = factory.django.FileField(filename="photo.jpg", data=b"\xff\xd8\xff\xe0 photo")
    thumbnail = factory.django.FileField(filename="thumb.jpg", data=b"\xff\xd8\xff\xe0 thumb")
    width = 640
    height = 480
    original_name = "现场.jpg"
    uploaded_by = factory.SubFactory(StaffFactory)


class PilotDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pilots.PilotDocument"

    pilot = factory.SubFactory(PilotProjectFactory)
    kind = "plan"
    title = "创建工作规划"
    file = factory.django.FileField(filename="plan.pdf", data=b"%PDF-1.4 plan")
    original_name = "创建工作规划.pdf"
    size = 13
    uploaded_by = factory.SubFactory(StaffFactory)
