"""Who may open each page of award applications (every role × every URL, the panel's
reviewers before and after declaring), and the private files: materials and visit photos."""

import pytest
from django.urls import reverse

from scoring import services as scoring_services

pytestmark = pytest.mark.django_db


OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT = "ok", "login", "forbidden", "not_found", "redirect"
ROLES = [
    "anonymous",
    "staff",
    "member",
    "other_member",
    "reviewer",
    "panel_undeclared",
    "panel_declared",
]


def expect(default, **overrides):
    return dict.fromkeys(ROLES, default) | {"anonymous": LOGIN} | overrides


STAFF_ONLY = expect(FORBIDDEN, staff=OK)
APPLICANT_ONLY = expect(FORBIDDEN, member=OK)
STAFF_APPLICANT_AND_PANEL = expect(
    FORBIDDEN, staff=OK, member=OK, panel_undeclared=OK, panel_declared=OK
)
READERS = expect(FORBIDDEN, staff=OK, member=OK, panel_declared=OK)


def draft(o):
    return [o["draft"].pk]


def reviewed(o):
    return [o["reviewed"].pk]


# (url name, args, method, data, expected per role)
MATRIX = [
    (
        "brands:application-list",
        lambda o: [],
        "get",
        None,
        expect(OK, anonymous=LOGIN),
    ),
    (
        "brands:application-start",
        lambda o: [o["draft"].program.pk],
        "get",
        None,
        expect(FORBIDDEN, member=OK, other_member=OK),
    ),
    ("brands:application-detail", reviewed, "get", None, STAFF_APPLICANT_AND_PANEL),
    ("brands:application-detail", draft, "get", None, expect(FORBIDDEN, staff=OK, member=OK)),
    ("brands:application-section", lambda o: [o["draft"].pk, "basic"], "get", None, APPLICANT_ONLY),
    (
        "brands:application-section",
        lambda o: [o["draft"].pk, "figures"],
        "post",
        {},
        expect(FORBIDDEN, member=REDIRECT),
    ),
    (
        "brands:application-section",
        lambda o: [o["reviewed"].pk, "basic"],
        "get",
        None,
        expect(FORBIDDEN),
    ),
    ("brands:material-upload", lambda o: [o["draft"].pk, 0], "get", None, APPLICANT_ONLY),
    (
        "brands:material-remove",
        lambda o: [o["draft_file"].pk],
        "get",
        None,
        APPLICANT_ONLY,
    ),
    ("brands:material-file", lambda o: [o["reviewed_file"].pk], "get", None, READERS),
    (
        "brands:material-file",
        lambda o: [o["draft_file"].pk],
        "get",
        None,
        expect(FORBIDDEN, staff=OK, member=OK),
    ),
    ("brands:application-submit", draft, "get", None, APPLICANT_ONLY),
    ("brands:application-withdraw", draft, "get", None, expect(FORBIDDEN, staff=OK, member=OK)),
    ("brands:application-version", lambda o: [o["reviewed"].pk, 1], "get", None, STAFF_ONLY),
    ("brands:application-check", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-extend", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-panel", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-decide", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-publish", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-finalise", reviewed, "get", None, STAFF_ONLY),
    ("brands:application-visit-add", reviewed, "get", None, STAFF_ONLY),
    ("brands:notice-list", lambda o: [], "get", None, dict.fromkeys(ROLES, OK)),
    ("brands:notice-detail", reviewed, "get", None, dict.fromkeys(ROLES, NOT_FOUND)),
]

CASES = [
    pytest.param(name, args, method, data, role, expected[role], id=f"{name}-{method}-{role}")
    for name, args, method, data, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "args", "method", "data", "role", "expected"), CASES)
def test_permission_matrix(client_for, roles, objects, name, args, method, data, role, expected):
    url = reverse(name, args=args(objects))
    response = getattr(client_for(roles[role]), method)(url, data)

    if expected == OK:
        assert response.status_code == 200
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == NOT_FOUND:
        assert response.status_code == 404
    elif expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login"))


def test_a_deactivated_applicant_loses_access(client, member, objects):
    client.force_login(member)
    member.is_active = False
    member.save()

    response = client.get(reverse("brands:material-file", args=[objects["draft_file"].pk]))

    assert response.status_code in (302, 403)


def test_the_applicant_sees_states_and_comments_but_no_reviewer_or_score(client, member, objects):
    application = objects["reviewed"]
    client.force_login(member)

    content = client.get(application.get_absolute_url()).content.decode()

    assert application.get_status_display() in content or "评审中" in content
    for reviewer in (objects["panel_declared"], objects["panel_undeclared"]):
        assert reviewer.get_full_name() not in content
    assert reverse("scoring:panel-matrix-xlsx", args=[application.panel_id]) not in content


def test_a_panel_member_reads_the_materials_only_after_declaring(client, objects):
    application, file = objects["reviewed"], objects["reviewed_file"]
    file_url = reverse("brands:material-file", args=[file.pk])

    client.force_login(objects["panel_undeclared"])
    content = client.get(application.get_absolute_url()).content.decode()
    assert file_url not in content
    assert reverse("scoring:panel-declare", args=[application.panel_id]) in content

    client.force_login(objects["panel_declared"])
    content = client.get(application.get_absolute_url()).content.decode()
    assert file_url in content
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_removed_panel_member_loses_the_materials(client, staff_user, objects):
    application = objects["reviewed"]
    declared = objects["panel_declared"]
    scoring_services.remove_panel_member(
        member=application.panel.members.get(reviewer=declared), reason="回避", actor=staff_user
    )
    client.force_login(declared)

    response = client.get(reverse("brands:material-file", args=[objects["reviewed_file"].pk]))

    assert response.status_code == 403


def test_a_replaced_file_is_the_bureaus_record_only(client, member, staff_user, objects):
    from brands import services
    from tests.brands.factories import document

    draft, old = objects["draft"], objects["draft_file"]
    services.upload_material(
        application=draft, required=old.required, uploaded_file=document(), kind="pdf", actor=member
    )
    url = reverse("brands:material-file", args=[old.pk])

    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_visit_photos_are_for_staff_only(client_for, roles, objects, staff_user):
    from brands import services
    from tests.portal.attachments.files import picture, upload

    visit = services.record_visit(
        application=objects["reviewed"],
        kind="on_site",
        visited_on=objects["reviewed"].submitted_on,
        visitors="市局专家组",
        notes="",
        photos=[upload("现场.jpg", picture("JPEG"))],
        actor=staff_user,
    )
    photo = visit.photos.get()
    for name in ("brands:visit-photo", "brands:visit-photo-thumbnail"):
        url = reverse(name, args=[photo.pk])
        for role, user in roles.items():
            response = client_for(user).get(url)
            if role == "staff":
                assert response.status_code == 200
                assert response["Content-Type"] == "image/jpeg"
            elif role == "anonymous":
                assert response.status_code == 302
            else:
                assert response.status_code == 403, role

    client_for(staff_user)
    record = reverse("brands:application-record", args=[objects["reviewed"].pk])
    content = client_for(staff_user).get(record).content.decode()
    assert reverse("brands:visit-photo-thumbnail", args=[photo.pk]) in content
