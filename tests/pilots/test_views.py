import datetime

import pytest
from django.urls import reverse

from pilots import services
from pilots.enums import PilotStatus
from pilots.models import PilotProject, PilotStandard, Standard
from tests.factories import OrganizationFactory, StaffFactory, region
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    ActivityFactory,
    PilotDocumentFactory,
    PilotProjectFactory,
    PilotStandardFactory,
    PilotTransitionFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def names(response):
    return sorted(pilot.name for pilot in response.context["object_list"])


def test_pilot_list_filters(staff_client):
    PilotProjectFactory(
        name="油茶示范区",
        category="agricultural_zone",
        level="national",
        approval_date=datetime.date(2011, 12, 1),
        status="passed",
    )
    PilotProjectFactory(
        name="政务服务试点",
        category="administrative_service_pilot",
        level="municipal",
        approval_date=datetime.date(2013, 6, 1),
    )
    url = reverse("pilots:pilot-list")

    assert names(staff_client.get(url, {"q": "油茶"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"category": "administrative_service_pilot"})) == [
        "政务服务试点"
    ]
    assert names(staff_client.get(url, {"level": "national"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"status": "passed"})) == ["油茶示范区"]
    assert names(staff_client.get(url, {"year": "2013"})) == ["政务服务试点"]
    assert names(staff_client.get(url, {"region": region("421200").pk})) == [
        "政务服务试点",
        "油茶示范区",
    ]


def test_pilot_list_sorts_by_name(staff_client):
    PilotProjectFactory(name="B")
    PilotProjectFactory(name="A")
    response = staff_client.get(reverse("pilots:pilot-list"), {"sort": "name"})
    assert [pilot.name for pilot in response.context["object_list"]] == ["A", "B"]


@pytest.mark.parametrize("rows", [1, 6])
def test_pilot_list_query_count(staff_client, django_assert_num_queries, rows):
    PilotProjectFactory.create_batch(rows, approval_date=datetime.date(2012, 1, 1))
    # session, user, groups, pending registrations, permissions ×2, count, page,
    # region choices, approval years, unread notifications
    with django_assert_num_queries(11):
        response = staff_client.get(reverse("pilots:pilot-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_standard_list_query_count(staff_client, django_assert_num_queries, rows):
    for standard in StandardFactory.create_batch(rows):
        PilotStandardFactory(standard=standard)
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("pilots:standard-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_activity_list_query_count(staff_client, django_assert_num_queries, rows):
    ActivityFactory.create_batch(rows)
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("pilots:activity-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_public_list_query_count(client, django_assert_num_queries, rows):
    PilotProjectFactory.create_batch(rows, status=PilotStatus.PASSED)
    PilotProjectFactory(status=PilotStatus.DECLARED)
    with django_assert_num_queries(2):
        response = client.get(reverse("pilots:public-pilot-list"))
    assert len(response.context["object_list"]) == rows


# --- an enterprise member's pilots page ------------------------------------------------------


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_enterprise_pilot_list_separates_own_and_published_pilots(member_client, organization):
    led = PilotProjectFactory(name="本单位申报中的示范区", lead_organization=organization)
    joined = PilotProjectFactory(name="本单位参与的示范区", status=PilotStatus.IN_PROGRESS)
    joined.participants.add(organization)
    published = PilotProjectFactory(name="别人已通过的示范区", status=PilotStatus.PASSED)
    PilotProjectFactory(name="别人申报中的示范区")

    response = member_client.get(reverse("pilots:pilot-list"))

    assert sorted(pilot.name for pilot in response.context["own_pilots"]) == [
        "本单位参与的示范区",
        "本单位申报中的示范区",
    ]
    assert list(response.context["object_list"]) == [published]
    assert "filter" not in response.context
    content = response.content.decode()
    assert f'href="{led.get_absolute_url()}"' in content
    assert f'href="{reverse("pilots:public-pilot-detail", args=[published.pk])}"' in content
    assert f'href="{published.get_absolute_url()}"' not in content
    assert "别人申报中的示范区" not in content
    assert reverse("pilots:pilot-create") not in content


def test_enterprise_pilot_list_when_empty_says_how_to_declare_a_pilot(member_client, english):
    content = member_client.get(reverse("pilots:pilot-list")).content.decode()

    assert "Your organization has no pilot in the register yet." in content
    assert "To declare a pilot project or demonstration zone, contact" in content
    assert "No other organization's pilot has been published yet." in content
    assert "once they are entered" not in content


@pytest.mark.parametrize("rows", [1, 6])
def test_enterprise_pilot_list_query_count(
    member_client, organization, django_assert_num_queries, rows
):
    for _ in range(rows):
        PilotProjectFactory(lead_organization=organization)
        PilotProjectFactory(status=PilotStatus.PASSED)
    # session, user, groups, membership, organization, published count, permissions ×2,
    # own pilots, published page, unread notifications
    with django_assert_num_queries(11):
        response = member_client.get(reverse("pilots:pilot-list"))
    assert (len(response.context["own_pilots"]), len(response.context["object_list"])) == (
        rows,
        rows,
    )


def test_pilot_page_tells_a_member_who_attaches_documents_and_photos(member_client, pilot, english):
    content = member_client.get(pilot.get_absolute_url()).content.decode()

    assert "The bureau attaches the pilot's plans" in content
    assert "belong here" not in content
    assert reverse("pilots:document-upload", args=[pilot.pk]) not in content
    assert "No photos yet." in content
    assert "Photos are uploaded on an activity's page." not in content


def test_pilot_page_invites_staff_to_attach_documents_and_photos(staff_client, pilot, english):
    content = staff_client.get(pilot.get_absolute_url()).content.decode()

    assert "plans, implementation schemes and reports belong here." in content
    assert reverse("pilots:document-upload", args=[pilot.pk]) in content
    assert "Photos are uploaded on an activity's page." in content


def test_detail_offers_exactly_the_legal_moves(staff_client):
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    response = staff_client.get(pilot.get_absolute_url())
    assert [status for status, _label in response.context["moves"]] == ["passed", "failed"]
    content = response.content.decode()
    assert reverse("pilots:pilot-move", args=[pilot.pk, "passed"]) in content
    assert reverse("pilots:pilot-move", args=[pilot.pk, "revoked"]) not in content


def test_detail_offers_member_no_moves(client, member, pilot):
    client.force_login(member)
    response = client.get(pilot.get_absolute_url())
    assert response.context["moves"] == []
    assert (
        reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
        not in response.content.decode()
    )


def test_move_page_posts_the_move(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2012-01-10", "comment": "实施方案已定"})
    pilot.refresh_from_db()
    assert response.url == pilot.get_absolute_url()
    assert pilot.status == "in_progress"
    assert pilot.transitions.get().occurred_on == datetime.date(2012, 1, 10)


def test_illegal_move_is_refused_with_a_message(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "passed"])
    response = staff_client.post(url, {"occurred_on": "2012-01-10"}, follow=True)
    pilot.refresh_from_db()
    assert pilot.status == "approved"
    assert [str(m) for m in response.context["messages"]] == ["无法从“已批准”变更为“已通过验收”。"]


def test_move_with_future_date_keeps_the_form(staff_client, pilot):
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2999-01-01", "comment": "写了一半"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"occurred_on": ["日期不能晚于今天。"]}
    assert response.context["form"]["comment"].value() == "写了一半"


def test_standard_system_groups_and_warns_about_missing_parts(staff_client, pilot):
    PilotStandardFactory(pilot=pilot, part="production")
    response = staff_client.get(pilot.get_absolute_url())
    groups = response.context["system_groups"]
    assert [(group.part.value, len(group.entries)) for group in groups] == [
        ("pre_production", 0),
        ("production", 1),
        ("post_production", 0),
    ]
    assert [part.value for part in response.context["missing_parts"]] == [
        "pre_production",
        "post_production",
    ]
    assert "全过程覆盖不完整" in response.content.decode()


def test_service_pilot_system_uses_gbt_24421_parts(staff_client):
    pilot = PilotProjectFactory(category="service_industry_pilot")
    response = staff_client.get(pilot.get_absolute_url())
    assert [group.part.value for group in response.context["system_groups"]] == [
        "general",
        "support",
        "provision",
    ]


def test_add_standard_to_system_offers_only_the_categorys_parts(staff_client, pilot):
    standard = StandardFactory()
    url = reverse("pilots:pilot-standard-add", args=[pilot.pk])
    form = staff_client.get(url).context["form"]
    assert [value for value, _label in form.fields["part"].choices] == [
        "pre_production",
        "production",
        "post_production",
    ]
    response = staff_client.post(url, {"standard": standard.pk, "part": "general", "note": ""})
    assert response.status_code == 200
    assert "part" in response.context["form"].errors

    staff_client.post(url, {"standard": standard.pk, "part": "production", "note": ""})
    assert PilotStandard.objects.get().standard == standard


def test_activity_totals_per_year(staff_client, pilot):
    ActivityFactory(
        pilot=pilot,
        kind="training",
        date=datetime.date(2012, 3, 15),
        participants_count=120,
        materials_count=200,
    )
    ActivityFactory(
        pilot=pilot,
        kind="outreach",
        date=datetime.date(2012, 7, 8),
        participants_count=80,
        materials_count=150,
    )
    ActivityFactory(
        pilot=pilot,
        kind="training",
        date=datetime.date(2013, 3, 20),
        participants_count=100,
        materials_count=150,
    )
    totals = staff_client.get(pilot.get_absolute_url()).context["totals"]
    assert totals["per_year"] == [
        {"year": 2012, "activities": 2, "trainings": 1, "participants": 200, "materials": 350},
        {"year": 2013, "activities": 1, "trainings": 1, "participants": 100, "materials": 150},
    ]
    assert totals["total"] == {
        "activities": 3,
        "trainings": 2,
        "participants": 300,
        "materials": 500,
    }


def test_create_pilot_through_the_form(staff_client):
    lead, other = OrganizationFactory(), OrganizationFactory()
    response = staff_client.post(
        reverse("pilots:pilot-create"),
        {
            "name": "茶叶种植示范区",
            "category": "agricultural_zone",
            "level": "municipal",
            "lead_organization": lead.pk,
            "participants": [other.pk],
            "region": region().pk,
            "declared_on": "2012-12-01",
            "approval_date": "2013-03-01",
            "planned_completion": "2015-12-31",
            "target_area_mu": "1200.5",
            "target_households": "300",
        },
    )
    pilot = PilotProject.objects.get()
    assert response.url == pilot.get_absolute_url()
    assert pilot.status == "declared"
    assert list(pilot.participants.all()) == [other]
    assert pilot.transitions.get().occurred_on == datetime.date(2012, 12, 1)
    # A declared pilot has no approval date: the approve move will set it.
    assert pilot.approval_date is None


def test_create_pilot_with_errors_keeps_input(staff_client):
    lead = OrganizationFactory()
    response = staff_client.post(
        reverse("pilots:pilot-create"),
        {
            "name": "茶叶种植示范区",
            "category": "agricultural_zone",
            "level": "municipal",
            "lead_organization": lead.pk,
            "participants": [lead.pk],
            "region": region().pk,
            "declared_on": "2015-01-01",
            "approval_date": "2015-03-01",
            "planned_completion": "2013-12-31",
        },
    )
    form = response.context["form"]
    assert set(form.errors) == {"participants", "planned_completion"}
    assert form["name"].value() == "茶叶种植示范区"
    assert PilotProject.objects.count() == 0


def test_standard_create_normalises_designation(staff_client):
    response = staff_client.post(
        reverse("pilots:standard-create"),
        {"designation": "gb/t19580—2012", "title": "卓越绩效评价准则", "status": "current"},
    )
    standard = Standard.objects.get()
    assert response.url == standard.get_absolute_url()
    assert (standard.designation, standard.kind) == ("GB/T 19580-2012", "national")


def test_standard_designation_unique_after_normalisation(staff_client):
    StandardFactory(designation="GB/T 19580-2012", kind="national")
    response = staff_client.post(
        reverse("pilots:standard-create"),
        {"designation": "GB/T19580-2012", "title": "重复", "status": "current"},
    )
    assert response.context["form"].errors["designation"] == ["使用此编号的标准已登记。"]


def test_standard_detail_shows_supersession_chain(staff_client):
    newest = StandardFactory(designation="GB/T 19580-2012", kind="national")
    middle = StandardFactory(
        designation="GB/T 19580-2004", kind="national", status="superseded", superseded_by=newest
    )
    oldest = StandardFactory(
        designation="GB/T 19580-2001", kind="national", status="superseded", superseded_by=middle
    )
    response = staff_client.get(oldest.get_absolute_url())
    assert response.context["chain"] == [middle, newest]


def test_standard_delete_refused_while_used(staff_client):
    entry = PilotStandardFactory()
    response = staff_client.post(
        reverse("pilots:standard-delete", args=[entry.standard.pk]), follow=True
    )
    assert Standard.objects.filter(pk=entry.standard.pk).exists()
    assert len(list(response.context["messages"])) == 1


def test_public_detail_shows_no_internal_fields(client):
    pilot = PilotProjectFactory(
        status=PilotStatus.PASSED, approval_document="鄂质监标发〔2011〕12号", batch="第七批"
    )
    content = client.get(reverse("pilots:public-pilot-detail", args=[pilot.pk])).content.decode()
    assert pilot.name in content
    assert "鄂质监标发" not in content
    assert "第七批" not in content


def jpeg_with_gps(name="现场.jpg"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (29.0, 15.0, 0.0), 3: "E", 4: (113.0, 49.0, 0.0)}
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_photo_upload_strips_gps_and_serves_privately(staff_client, client, pilot):
    from PIL import Image

    activity = ActivityFactory(pilot=pilot)
    response = staff_client.post(
        reverse("pilots:photo-upload", args=[activity.pk]),
        {"photos": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")], "caption": "田间培训"},
    )
    assert response.url == activity.get_absolute_url()
    photos = list(activity.photos.order_by("pk"))
    assert [(photo.caption, photo.original_name) for photo in photos] == [
        ("田间培训", "a.jpg"),
        ("田间培训", "b.jpg"),
    ]
    with photos[0].image.open("rb") as stored:
        assert Image.open(stored).getexif().get_ifd(0x8825) == {}
    served = staff_client.get(reverse("pilots:photo-file", args=[photos[0].pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    client.logout()
    assert client.get(reverse("pilots:photo-file", args=[photos[0].pk])).status_code == 302


def test_photo_upload_refuses_a_fake_image_and_stores_nothing(staff_client, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = ActivityFactory(pilot=pilot)
    fake = SimpleUploadedFile("fake.jpg", b"not a picture at all", content_type="image/jpeg")
    response = staff_client.post(
        reverse("pilots:photo-upload", args=[activity.pk]),
        {"photos": [jpeg_with_gps("good.jpg"), fake], "caption": "保留的说明"},
    )
    assert response.status_code == 200
    assert "fake.jpg" in str(response.context["upload_form"].errors["photos"])
    assert response.context["upload_form"]["caption"].value() == "保留的说明"
    assert activity.photos.count() == 0


def test_document_upload_and_download(staff_client, client, member, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("实施方案.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    response = staff_client.post(
        reverse("pilots:document-upload", args=[pilot.pk]),
        {"kind": "scheme", "title": "实施方案", "file": pdf},
    )
    document = pilot.documents.get()
    assert response.url == pilot.get_absolute_url() + "#documents"
    assert document.original_name == "实施方案.pdf"
    assert "实施方案" not in document.file.name

    client.force_login(member)
    download = client.get(reverse("pilots:document-download", args=[pilot.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


def test_document_upload_refuses_a_disguised_file(staff_client, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    response = staff_client.post(
        reverse("pilots:document-upload", args=[pilot.pk]),
        {"kind": "report", "title": "报告", "file": fake},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert response.context["form"]["title"].value() == "报告"
    assert pilot.documents.count() == 0


def test_organization_page_lists_its_pilots(staff_client, pilot):
    other = PilotProjectFactory(name="参与的示范区", status=PilotStatus.IN_PROGRESS)
    other.participants.add(pilot.lead_organization)
    PilotProjectFactory(name="无关的示范区")
    response = staff_client.get(pilot.lead_organization.get_absolute_url())
    section = dict(response.context["sections"])["pilots/_organization_pilots.html"]
    assert sorted(p.name for p in section["pilots"]) == sorted([pilot.name, "参与的示范区"])


def test_public_home_counts_pilots_and_lists_recent_passes(client):
    from pilots import services as pilot_services
    from tests.factories import StaffFactory

    staff = StaffFactory()
    older = PilotProjectFactory(
        name="较早通过", status=PilotStatus.ACCEPTANCE_REQUESTED, level="national"
    )
    newer = PilotProjectFactory(
        name="最近通过", status=PilotStatus.ACCEPTANCE_REQUESTED, level="municipal"
    )
    pilot_services.set_pilot_state(
        pilot=older, target="passed", actor=staff, occurred_on=datetime.date(2010, 10, 1)
    )
    pilot_services.set_pilot_state(
        pilot=newer, target="passed", actor=staff, occurred_on=datetime.date(2013, 9, 26)
    )
    PilotProjectFactory(status=PilotStatus.IN_PROGRESS, level="county")
    PilotProjectFactory(status=PilotStatus.DECLARED, level="national")

    response = client.get(reverse("portal:home"))

    assert response.context["public_stats"] == {"passed": 2, "building": 1, "national": 1}
    assert [pilot.name for pilot in response.context["recently_passed"]] == ["最近通过", "较早通过"]


def test_move_form_refuses_a_date_before_the_previous_step(staff_client, pilot):
    from pilots import services as pilot_services

    pilot.status = "declared"
    pilot.save()
    pilot_services.set_pilot_state(
        pilot=pilot,
        target="approved",
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 4, 1),
    )
    url = reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"])
    response = staff_client.post(url, {"occurred_on": "2013-03-01", "comment": "补录"})
    assert response.context["form"].errors == {
        "occurred_on": ["日期不能早于上一步（2013-04-01）。"]
    }
    assert response.context["form"]["comment"].value() == "补录"


# --- the pilot's dates ----------------------------------------------------------------------


def approved_pilot(staff, *, declared_on, approved_on, **fields):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory(), **fields),
        participants=[],
        actor=staff,
        declared_on=declared_on,
    )
    return services.set_pilot_state(
        pilot=pilot, target=PilotStatus.APPROVED, actor=staff, occurred_on=approved_on
    )


def edit_data(pilot, **overrides):
    return {
        "name": pilot.name,
        "category": pilot.category,
        "level": pilot.level,
        "lead_organization": pilot.lead_organization_id,
        "region": pilot.region_id,
        "approval_date": "2000-01-01",  # not a field of the form: ignored
        "planned_completion": "",
    } | overrides


def test_pilot_forms_take_no_approval_date(staff_client, english, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    create = staff_client.get(reverse("pilots:pilot-create"))
    edit = staff_client.get(reverse("pilots:pilot-edit", args=[pilot.pk]))

    assert "approval_date" not in create.context["form"].fields
    assert "approval_date" not in edit.context["form"].fields
    content = edit.content.decode()
    assert "2013-03-01" in content
    assert "Set by the approve move, with the date that move took effect." in content


def test_pilot_edit_keeps_the_approval_date_of_the_move(staff_client, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2015-12-31"),
    )
    pilot.refresh_from_db()
    assert response.url == pilot.get_absolute_url()
    assert (pilot.approval_date, pilot.planned_completion) == (
        datetime.date(2013, 3, 1),
        datetime.date(2015, 12, 31),
    )


def test_pilot_edit_refuses_a_planned_completion_before_the_approval(staff_client, staff_user):
    pilot = approved_pilot(
        staff_user, declared_on=datetime.date(2013, 1, 1), approved_on=datetime.date(2013, 3, 1)
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2013-02-01"),
    )
    assert response.context["form"].errors == {"planned_completion": ["计划完成日期早于批准日期。"]}
    pilot.refresh_from_db()
    assert pilot.planned_completion is None


def test_pilot_edit_refuses_a_planned_completion_before_the_declaration(
    staff_client, english, staff_user
):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory()),
        participants=[],
        actor=staff_user,
        declared_on=datetime.date(2013, 1, 1),
    )
    response = staff_client.post(
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        edit_data(pilot, planned_completion="2012-12-31"),
    )
    assert response.context["form"].errors == {
        "planned_completion": ["The planned completion is before the declaration (2013-01-01)."]
    }


# --- deleting a pilot -----------------------------------------------------------------------


def test_pilot_delete_page_lists_what_goes_with_it(staff_client, english):
    pilot = PilotProjectFactory()
    PilotTransitionFactory(pilot=pilot)
    PilotStandardFactory(pilot=pilot)
    PilotDocumentFactory.create_batch(2, pilot=pilot)
    ActivityFactory(pilot=pilot)

    response = staff_client.get(reverse("pilots:pilot-delete", args=[pilot.pk]))

    assert response.context["can_delete"] is True
    assert response.context["parts"] == {
        "transitions": 1,
        "system_entries": 1,
        "documents": 2,
        "activities": 1,
    }
    content = response.content.decode()
    for text in [
        "1 entry of its standard system (the standard itself stays in the register)",
        "2 documents, with their files",
        "its timeline (1 record)",
        "1 activity is kept, without the link to it.",
        "Yes, delete it",
    ]:
        assert text in content


def test_pilot_delete_by_staff_removes_it(staff_client):
    pilot = PilotProjectFactory()
    response = staff_client.post(reverse("pilots:pilot-delete", args=[pilot.pk]))
    assert response.url == reverse("pilots:pilot-list")
    assert PilotProject.objects.filter(pk=pilot.pk).exists() is False


def test_pilot_with_a_review_delete_page_says_why_before_anything_is_confirmed(
    staff_client, english
):
    review = AcceptanceReviewFactory()
    url = reverse("pilots:pilot-delete", args=[review.pilot.pk])

    response = staff_client.get(url)

    assert response.status_code == 200
    assert response.context["can_delete"] is False
    assert [
        (group.label, group.count, group.records) for group in response.context["references"]
    ] == [("Acceptance reviews", 1, [review])]
    content = response.content.decode()
    assert "This pilot cannot be deleted" in content
    assert review.get_absolute_url() in content
    assert "Yes, delete it" not in content
    assert 'method="post"' not in content.split("<main", 1)[-1]
    # Its acceptance is requested: no move takes it out of the register yet.
    assert response.context["can_revoke"] is False
    assert reverse("pilots:pilot-move", args=[review.pilot.pk, "revoked"]) not in content


def test_passed_pilot_delete_page_offers_the_revoke_move(staff_client, english):
    pilot = PilotProjectFactory(status=PilotStatus.PASSED)
    PilotTransitionFactory(
        pilot=pilot,
        from_status="acceptance_requested",
        to_status="passed",
        occurred_on=datetime.date(2010, 10, 28),
    )

    response = staff_client.get(reverse("pilots:pilot-delete", args=[pilot.pk]))

    assert response.context["can_delete"] is False
    assert [record.occurred_on for record in response.context["decisions"]] == [
        datetime.date(2010, 10, 28)
    ]
    content = response.content.decode()
    assert "2010-10-28 Passed" in content
    assert reverse("pilots:pilot-move", args=[pilot.pk, "revoked"]) in content
    assert "Yes, delete it" not in content


def test_pilot_delete_post_is_refused_while_a_review_refers_to_it(staff_client, english):
    review = AcceptanceReviewFactory()
    url = reverse("pilots:pilot-delete", args=[review.pilot.pk])

    response = staff_client.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert PilotProject.objects.filter(pk=review.pilot.pk).exists() is True
    assert [str(message) for message in response.context["messages"]] == [
        f"{review.pilot.name} cannot be deleted: what holds it back is listed below."
    ]


def test_pilot_detail_offers_delete_only_when_nothing_holds_it(staff_client):
    free = PilotProjectFactory()
    held = AcceptanceReviewFactory().pilot
    decided = PilotProjectFactory(status=PilotStatus.PASSED)
    PilotTransitionFactory(pilot=decided, to_status="passed")

    offered = {
        pilot.name: reverse("pilots:pilot-delete", args=[pilot.pk])
        in staff_client.get(pilot.get_absolute_url()).content.decode()
        for pilot in (free, held, decided)
    }

    assert offered == {free.name: True, held.name: False, decided.name: False}


# --- one open review per pilot ----------------------------------------------------------------


def test_detail_offers_no_result_moves_nor_a_second_review_while_one_is_open(staff_client):
    review = AcceptanceReviewFactory()
    response = staff_client.get(review.pilot.get_absolute_url())

    assert response.context["moves"] == []
    assert response.context["can_schedule_review"] is False
    assert response.context["open_review"] == review
    content = response.content.decode()
    assert reverse("pilots:pilot-move", args=[review.pilot.pk, "passed"]) not in content
    assert reverse("pilots:review-schedule", args=[review.pilot.pk]) not in content
    assert "data-open-review" in content


def test_detail_offers_a_review_once_the_acceptance_is_requested(staff_client):
    pilot = PilotProjectFactory(status=PilotStatus.ACCEPTANCE_REQUESTED)
    response = staff_client.get(pilot.get_absolute_url())
    assert response.context["can_schedule_review"] is True
    assert reverse("pilots:review-schedule", args=[pilot.pk]) in response.content.decode()


@pytest.mark.parametrize("target", ["passed", "failed"])
def test_move_page_for_a_result_points_to_the_open_review(staff_client, english, target):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))
    url = reverse("pilots:pilot-move", args=[review.pilot.pk, target])

    response = staff_client.get(url)

    assert (response.context["allowed"], response.context["open_review"]) == (False, review)
    content = response.content.decode()
    assert "The acceptance review of 2013-09-20 is open" in content
    assert review.get_absolute_url() in content
    assert 'name="occurred_on"' not in content


def test_move_post_for_a_result_is_refused_while_a_review_is_open(staff_client, english):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))
    url = reverse("pilots:pilot-move", args=[review.pilot.pk, "passed"])

    response = staff_client.post(url, {"occurred_on": "2013-09-20"}, follow=True)

    review.pilot.refresh_from_db()
    assert review.pilot.status == "acceptance_requested"
    assert [str(message) for message in response.context["messages"]] == [
        "The acceptance review of 2013-09-20 is open: the pilot's result comes from its "
        "conclusion, not from a move."
    ]


def test_schedule_page_says_a_review_is_open_instead_of_a_form(staff_client, english):
    review = AcceptanceReviewFactory(scheduled_for=datetime.date(2013, 9, 20))

    response = staff_client.get(reverse("pilots:review-schedule", args=[review.pilot.pk]))

    assert response.context["open_review"] == review
    content = response.content.decode()
    assert "The acceptance review of 2013-09-20 is still open" in content
    assert 'name="scheduled_for"' not in content


def test_schedule_form_refuses_a_date_before_the_acceptance_request(staff_client, english):
    pilot = PilotProjectFactory(status=PilotStatus.IN_PROGRESS)
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.ACCEPTANCE_REQUESTED,
        actor=StaffFactory(),
        occurred_on=datetime.date(2013, 9, 1),
    )

    response = staff_client.post(
        reverse("pilots:review-schedule", args=[pilot.pk]), {"scheduled_for": "2013-08-31"}
    )

    assert response.context["form"].errors["scheduled_for"] == [
        "The review cannot be dated before the acceptance request (2013-09-01)."
    ]


# --- deleting a standard --------------------------------------------------------------------


def test_standard_delete_page_lists_the_pilots_using_it(staff_client, english):
    entry = PilotStandardFactory()
    newer = StandardFactory()
    StandardFactory(superseded_by=entry.standard, status="superseded")
    url = reverse("pilots:standard-delete", args=[entry.standard.pk])

    response = staff_client.get(url)

    assert response.context["can_delete"] is False
    assert [(group.label, group.count) for group in response.context["references"]] == [
        ("Standards (superseded by)", 1),
        ("Standards of pilots' systems", 1),
    ]
    content = response.content.decode()
    assert "This standard cannot be deleted" in content
    assert reverse("pilots:standard-edit", args=[entry.standard.pk]) in content
    assert "Yes, delete it" not in content
    assert (
        staff_client.get(reverse("pilots:standard-delete", args=[newer.pk])).context["can_delete"]
        is True
    )


def test_standard_superseding_another_is_not_deleted(staff_client):
    newer = StandardFactory()
    older = StandardFactory(superseded_by=newer, status="superseded")

    staff_client.post(reverse("pilots:standard-delete", args=[newer.pk]))

    older.refresh_from_db()
    assert older.superseded_by == newer


def test_standard_detail_offers_delete_only_when_unused(staff_client):
    used, unused = PilotStandardFactory().standard, StandardFactory()
    offered = {
        standard.pk: reverse("pilots:standard-delete", args=[standard.pk])
        in staff_client.get(standard.get_absolute_url()).content.decode()
        for standard in (used, unused)
    }
    assert offered == {used.pk: False, unused.pk: True}


# --- deleting an organization that pilots refer to ------------------------------------------


def test_organization_taking_part_in_a_pilot_is_not_deleted(staff_client, english):
    pilot = PilotProjectFactory()
    participant = OrganizationFactory()
    pilot.participants.add(participant)
    url = reverse("portal:organization-delete", args=[participant.pk])

    page = staff_client.get(url)
    staff_client.post(url)

    assert [(group.label, group.records) for group in page.context["references"]] == [
        ("Pilot projects (participating organizations)", [pilot])
    ]
    assert list(pilot.participants.all()) == [participant]


def test_organization_leading_a_pilot_lists_it_before_anything_is_confirmed(staff_client, english):
    pilot = PilotProjectFactory()
    review = AcceptanceReviewFactory(organizer=pilot.lead_organization)

    page = staff_client.get(
        reverse("portal:organization-delete", args=[pilot.lead_organization.pk])
    )

    assert [(group.label, group.count) for group in page.context["references"]] == [
        ("Pilot projects (lead organization)", 1),
        ("Acceptance reviews", 1),
    ]
    assert review.get_absolute_url() in page.content.decode()


def test_pilot_history_shows_status_changes_by_label_and_dates_as_iso(staff_client, staff_user):
    pilot = services.create_pilot(
        pilot=PilotProjectFactory.build(lead_organization=OrganizationFactory()),
        participants=[],
        actor=staff_user,
        declared_on=datetime.date(2013, 1, 5),
    )
    services.set_pilot_state(
        pilot=pilot,
        target=PilotStatus.APPROVED,
        actor=staff_user,
        occurred_on=datetime.date(2013, 3, 20),
    )

    response = staff_client.get(reverse("pilots:pilot-history", args=[pilot.pk]))

    changes = [
        [(change.label, change.old, change.new) for change in record.changes]
        for record in response.context["records"]
    ]
    assert changes == [
        [("批准日期", "", "2013-03-20"), ("状态", "已申报", "已批准")],
        [],
    ]


def test_activity_page_without_photos_does_not_send_the_user_to_itself(staff_client, staff_user):
    activity = ActivityFactory()
    page = staff_client.get(activity.get_absolute_url()).content.decode()
    assert ("这项活动还没有照片。" in page, "照片在活动页面上传" in page) == (True, False)


def test_document_upload_page_names_everyone_who_can_open_the_files(staff_client):
    pilot = PilotProjectFactory()
    page = staff_client.get(reverse("pilots:document-upload", args=[pilot.pk])).content.decode()
    assert "已声明无利益冲突的验收专家组成员可以打开" in page


def test_pilot_edit_page_title_names_the_pilot(staff_client, english):
    pilot = PilotProjectFactory(name="油茶栽培示范区")

    response = staff_client.get(reverse("pilots:pilot-edit", args=[pilot.pk]))

    assert response.content.decode().count("<title>Edit pilot · 油茶栽培示范区 · ") == 1
