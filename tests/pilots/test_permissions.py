"""Who may open which page of the pilots app: every role × every URL."""

import pytest
from django.urls import reverse
from django.utils import timezone

from scoring.enums import Declaration
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    PilotProjectFactory,
    PilotStandardFactory,
    StandardFactory,
)
from tests.scoring.factories import PanelMemberFactory

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, REDIRECT, NOT_FOUND = "ok", "login", "forbidden", "redirect", "404"
ROLES = ["anonymous", "staff", "member", "other_member", "reviewer"]

STAFF_ONLY = {
    "anonymous": LOGIN,
    "staff": OK,
    "member": FORBIDDEN,
    "other_member": FORBIDDEN,
    "reviewer": FORBIDDEN,
}
STAFF_AND_OWN = STAFF_ONLY | {"member": OK}
STAFF_AND_MEMBERS = STAFF_ONLY | {"member": OK, "other_member": OK}
ANY_LOGGED_IN = dict.fromkeys(ROLES, OK) | {"anonymous": LOGIN}
EVERYONE = dict.fromkeys(ROLES, OK)


def pilot_args(objects):
    return [objects["pilot"].pk]


# (url name, args from the objects, method, data, expected per role)
MATRIX = [
    ("pilots:pilot-list", lambda o: [], "get", None, STAFF_AND_MEMBERS),
    ("pilots:pilot-create", lambda o: [], "get", None, STAFF_ONLY),
    ("pilots:pilot-detail", pilot_args, "get", None, STAFF_AND_OWN),
    ("pilots:pilot-edit", pilot_args, "get", None, STAFF_ONLY),
    ("pilots:pilot-history", pilot_args, "get", None, STAFF_ONLY),
    ("pilots:pilot-delete", pilot_args, "get", None, STAFF_ONLY),
    ("pilots:pilot-move", lambda o: [o["pilot"].pk, "in_progress"], "get", None, STAFF_ONLY),
    (
        "pilots:pilot-move",
        lambda o: [o["pilot"].pk, "in_progress"],
        "post",
        {"occurred_on": "2013-01-01", "comment": ""},
        STAFF_ONLY | {"staff": REDIRECT},
    ),
    ("pilots:pilot-standard-add", pilot_args, "get", None, STAFF_ONLY),
    (
        "pilots:pilot-standard-remove",
        lambda o: [o["pilot"].pk, o["entry"].pk],
        "get",
        None,
        STAFF_ONLY,
    ),
    ("pilots:document-upload", pilot_args, "get", None, STAFF_ONLY),
    (
        "pilots:document-download",
        lambda o: [o["pilot"].pk, o["document"].pk],
        "get",
        None,
        STAFF_AND_OWN,
    ),
    (
        "pilots:document-delete",
        lambda o: [o["pilot"].pk, o["document"].pk],
        "get",
        None,
        STAFF_ONLY,
    ),
    ("pilots:standard-list", lambda o: [], "get", None, ANY_LOGGED_IN),
    ("pilots:standard-detail", lambda o: [o["entry"].standard.pk], "get", None, ANY_LOGGED_IN),
    ("pilots:standard-create", lambda o: [], "get", None, STAFF_ONLY),
    ("pilots:standard-edit", lambda o: [o["entry"].standard.pk], "get", None, STAFF_ONLY),
    ("pilots:standard-delete", lambda o: [o["entry"].standard.pk], "get", None, STAFF_ONLY),
    ("pilots:activity-list", lambda o: [], "get", None, STAFF_AND_MEMBERS),
    ("pilots:activity-create", lambda o: [], "get", None, STAFF_ONLY),
    ("pilots:activity-detail", lambda o: [o["activity"].pk], "get", None, STAFF_AND_OWN),
    ("pilots:activity-edit", lambda o: [o["activity"].pk], "get", None, STAFF_ONLY),
    ("pilots:activity-delete", lambda o: [o["activity"].pk], "get", None, STAFF_ONLY),
    ("pilots:photo-upload", lambda o: [o["activity"].pk], "get", None, STAFF_ONLY),
    ("pilots:photo-file", lambda o: [o["photo"].pk], "get", None, STAFF_AND_OWN),
    ("pilots:photo-thumbnail", lambda o: [o["photo"].pk], "get", None, STAFF_AND_OWN),
    ("pilots:photo-edit", lambda o: [o["photo"].pk], "get", None, STAFF_ONLY),
    ("pilots:photo-delete", lambda o: [o["photo"].pk], "get", None, STAFF_ONLY),
    ("pilots:public-pilot-list", lambda o: [], "get", None, EVERYONE),
    ("pilots:public-pilot-detail", pilot_args, "get", None, EVERYONE),
]

CASES = [
    pytest.param(name, args, method, data, role, expected[role], id=f"{name}-{method}-{role}")
    for name, args, method, data, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "args", "method", "data", "role", "expected"), CASES)
def test_permission_matrix(
    client_for, users, pilot_objects, name, args, method, data, role, expected
):
    url = reverse(name, args=args(pilot_objects))
    response = getattr(client_for(users[role]), method)(url, data)

    if expected == OK:
        assert response.status_code == 200
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login"))


def test_public_detail_hides_pilots_not_yet_approved(client, pilot):
    pilot.status = "declared"
    pilot.save()
    response = client.get(reverse("pilots:public-pilot-detail", args=[pilot.pk]))
    assert response.status_code == 404


def test_member_sees_own_and_others_published_pilots_in_list(client, member, pilot):
    PilotProjectFactory(name="别人申报中的示范区")
    published = PilotProjectFactory(name="别人已批准的示范区", status="approved")
    client.force_login(member)
    response = client.get(reverse("pilots:pilot-list"))
    assert list(response.context["own_pilots"]) == [pilot]
    assert list(response.context["object_list"]) == [published]


def test_uploaded_files_have_no_public_url(client, staff_user, pilot_objects):
    client.force_login(staff_user)
    for name in (pilot_objects["photo"].image.name, pilot_objects["document"].file.name):
        assert client.get(f"/media/{name}").status_code == 404


# --- reviewers inspect the records of the pilot they review ------------------------------------

PANEL_ROLES = ["declared", "undeclared", "removed", "other_review"]
PANEL_MATRIX = [
    ("pilots:pilot-detail", lambda o: [o["pilot"].pk], {"declared": OK}),
    (
        "pilots:document-download",
        lambda o: [o["pilot"].pk, o["document"].pk],
        {"declared": OK},
    ),
    ("pilots:activity-detail", lambda o: [o["activity"].pk], {"declared": OK}),
    ("pilots:photo-file", lambda o: [o["photo"].pk], {"declared": OK}),
    ("pilots:photo-thumbnail", lambda o: [o["photo"].pk], {"declared": OK}),
    ("pilots:activity-edit", lambda o: [o["activity"].pk], {}),
    ("pilots:activity-delete", lambda o: [o["activity"].pk], {}),
    ("pilots:photo-upload", lambda o: [o["activity"].pk], {}),
    ("pilots:photo-edit", lambda o: [o["photo"].pk], {}),
    ("pilots:photo-delete", lambda o: [o["photo"].pk], {}),
    ("pilots:pilot-list", lambda o: [], {}),
    ("pilots:activity-list", lambda o: [], {}),
    ("portal:organization-detail", lambda o: [o["pilot"].lead_organization.pk], {}),
]


@pytest.fixture
def panel_members(pilot_objects):
    """Reviewers of a review of the pilot: one declared no conflict, one not yet, one declared
    and then removed; and a declared reviewer of another pilot's review."""
    review = AcceptanceReviewFactory(pilot=pilot_objects["pilot"])
    return {
        "declared": PanelMemberFactory(panel=review.panel).reviewer,
        "undeclared": PanelMemberFactory(
            panel=review.panel, declaration=Declaration.PENDING
        ).reviewer,
        "removed": PanelMemberFactory(panel=review.panel, removed=timezone.now()).reviewer,
        "other_review": PanelMemberFactory(panel=AcceptanceReviewFactory().panel).reviewer,
    }


@pytest.mark.parametrize(
    ("name", "args", "role", "expected"),
    [
        pytest.param(name, args, role, allowed.get(role, FORBIDDEN), id=f"{name}-{role}")
        for name, args, allowed in PANEL_MATRIX
        for role in PANEL_ROLES
    ],
)
def test_panel_member_permission_matrix(
    client, pilot_objects, panel_members, name, args, role, expected
):
    client.force_login(panel_members[role])
    response = client.get(reverse(name, args=args(pilot_objects)))
    assert response.status_code == (200 if expected == OK else 403)


def test_pilot_page_offers_a_declared_reviewer_only_what_opens(
    client, pilot_objects, panel_members
):
    pilot, activity, photo = (
        pilot_objects["pilot"],
        pilot_objects["activity"],
        pilot_objects["photo"],
    )
    client.force_login(panel_members["declared"])
    content = client.get(pilot.get_absolute_url()).content.decode()
    assert f'href="{activity.get_absolute_url()}"' in content
    assert f'src="{reverse("pilots:photo-thumbnail", args=[photo.pk])}"' in content
    assert f'href="{reverse("pilots:pilot-list")}"' not in content
    assert f'href="{pilot.lead_organization.get_absolute_url()}"' not in content
    assert pilot.lead_organization.display_name in content


def test_pilot_page_links_a_reviewer_only_to_reviews_whose_panel_they_sit_on(client, pilot):
    earlier = AcceptanceReviewFactory(pilot=pilot)
    PanelMemberFactory(panel=earlier.panel)
    current = AcceptanceReviewFactory(pilot=pilot)
    reviewer = PanelMemberFactory(panel=current.panel).reviewer
    client.force_login(reviewer)
    content = client.get(pilot.get_absolute_url()).content.decode()
    assert f'href="{current.get_absolute_url()}"' in content
    assert f'href="{earlier.get_absolute_url()}"' not in content


def test_pilot_page_links_a_participant_not_to_the_lead_organization(client, member):
    pilot = PilotProjectFactory(status="in_progress")
    pilot.participants.add(member.membership.organization)
    client.force_login(member)
    response = client.get(pilot.get_absolute_url())
    assert response.status_code == 200
    assert f'href="{pilot.lead_organization.get_absolute_url()}"' not in response.content.decode()


# --- the pilots that use a standard ----------------------------------------------------------


@pytest.fixture
def standard_uses(organization):
    """A standard used by a published pilot, an unpublished pilot of ``organization`` and an
    unpublished pilot of another organization."""
    standard = StandardFactory()
    pilots = {
        "published": PilotProjectFactory(name="已批准的示范区", status="in_progress"),
        "own": PilotProjectFactory(name="本单位申报中的示范区", lead_organization=organization),
        "foreign": PilotProjectFactory(name="别人申报中的示范区"),
    }
    for pilot in pilots.values():
        PilotStandardFactory(standard=standard, pilot=pilot)
    return standard, pilots


def uses(response):
    return sorted((entry.pilot.name, entry.opens_pilot) for entry in response.context["uses"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "staff",
            [
                ("别人申报中的示范区", True),
                ("已批准的示范区", True),
                ("本单位申报中的示范区", True),
            ],
        ),
        ("member", [("已批准的示范区", False), ("本单位申报中的示范区", True)]),
        ("other_member", [("已批准的示范区", False)]),
        ("reviewer", [("已批准的示范区", False)]),
    ],
)
def test_standard_page_lists_only_pilots_the_user_may_see(
    client_for, users, standard_uses, role, expected
):
    standard, _pilots = standard_uses
    response = client_for(users[role]).get(standard.get_absolute_url())
    assert uses(response) == expected


def test_standard_page_links_published_pilots_to_their_public_page(
    client, other_member, standard_uses
):
    standard, pilots = standard_uses
    client.force_login(other_member)
    content = client.get(standard.get_absolute_url()).content.decode()
    assert f'href="{reverse("pilots:public-pilot-detail", args=[pilots["published"].pk])}"' in (
        content
    )
    assert f'href="{pilots["published"].get_absolute_url()}"' not in content
    assert "别人申报中的示范区" not in content


def test_standard_page_links_a_reviewer_to_the_pilot_they_review(client, standard_uses):
    standard, pilots = standard_uses
    review = AcceptanceReviewFactory(pilot=pilots["foreign"])
    client.force_login(PanelMemberFactory(panel=review.panel).reviewer)
    response = client.get(standard.get_absolute_url())
    assert uses(response) == [("别人申报中的示范区", True), ("已批准的示范区", False)]


@pytest.mark.usefixtures("standard_uses")
def test_standard_list_counts_only_pilots_the_user_may_see(client_for, users):
    counts = {
        role: client_for(users[role])
        .get(reverse("pilots:standard-list"))
        .context["object_list"][0]
        .pilot_count
        for role in ["staff", "member", "other_member"]
    }
    assert counts == {"staff": 3, "member": 2, "other_member": 1}
