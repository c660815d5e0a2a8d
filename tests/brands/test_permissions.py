"""Who may open which page of the brands app: every role × every URL.

The roles: ``member`` is a member of the organization that holds the brand, ``other_member``
of another organization."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, REDIRECT = "ok", "login", "forbidden", "redirect"
ROLES = ["anonymous", "staff", "member", "other_member", "reviewer"]

STAFF_ONLY = {
    "anonymous": LOGIN,
    "staff": OK,
    "member": FORBIDDEN,
    "other_member": FORBIDDEN,
    "reviewer": FORBIDDEN,
}
STAFF_AND_HOLDER = STAFF_ONLY | {"member": OK}
EVERYONE = dict.fromkeys(ROLES, OK)
STAFF_AND_MEMBERS = STAFF_ONLY | {"member": OK, "other_member": OK}


def brand_args(objects):
    return [objects["brand"].pk]


def output_args(objects):
    return [objects["brand"].pk, objects["output"].pk]


def program_args(objects):
    return [objects["material"].program.pk]


def material_args(objects):
    return [objects["material"].program.pk, objects["material"].pk]


# (url name, args from the objects, method, data, expected per role)
MATRIX = [
    ("brands:brand-list", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:brand-create", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:brand-expiring", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:brand-detail", brand_args, "get", None, STAFF_AND_HOLDER),
    ("brands:brand-edit", brand_args, "get", None, STAFF_ONLY),
    ("brands:brand-history", brand_args, "get", None, STAFF_ONLY),
    ("brands:brand-delete", brand_args, "get", None, STAFF_ONLY),
    ("brands:brand-delete", brand_args, "post", {}, STAFF_ONLY | {"staff": REDIRECT}),
    ("brands:brand-output-add", brand_args, "get", None, STAFF_ONLY),
    (
        "brands:brand-output-add",
        brand_args,
        "post",
        {"year": "2015", "output": "100"},
        STAFF_ONLY | {"staff": REDIRECT},
    ),
    ("brands:brand-output-edit", output_args, "get", None, STAFF_ONLY),
    ("brands:brand-output-remove", output_args, "get", None, STAFF_ONLY),
    ("brands:brand-output-remove", output_args, "post", {}, STAFF_ONLY | {"staff": REDIRECT}),
    ("brands:title-list", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:title-create", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:title-edit", lambda o: [o["title"].pk], "get", None, STAFF_ONLY),
    ("brands:title-delete", lambda o: [o["title"].pk], "get", None, STAFF_ONLY),
    ("brands:county-output-list", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:county-output-create", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:county-output-edit", lambda o: [o["county_output"].pk], "get", None, STAFF_ONLY),
    ("brands:public-brand-list", lambda o: [], "get", None, EVERYONE),
    ("brands:program-list", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:program-create", lambda o: [], "get", None, STAFF_ONLY),
    ("brands:program-detail", program_args, "get", None, STAFF_ONLY),
    ("brands:program-edit", program_args, "get", None, STAFF_ONLY),
    ("brands:program-delete", program_args, "get", None, STAFF_ONLY),
    ("brands:program-delete", program_args, "post", {}, STAFF_ONLY | {"staff": REDIRECT}),
    ("brands:program-material-add", program_args, "get", None, STAFF_ONLY),
    (
        "brands:program-material-add",
        program_args,
        "post",
        {"name": "自评报告", "mandatory": "on"},
        STAFF_ONLY | {"staff": REDIRECT},
    ),
    ("brands:program-material-edit", material_args, "get", None, STAFF_ONLY),
    ("brands:program-material-remove", material_args, "get", None, STAFF_ONLY),
    (
        "brands:program-material-remove",
        material_args,
        "post",
        {},
        STAFF_ONLY | {"staff": REDIRECT},
    ),
    ("brands:open-program-list", lambda o: [], "get", None, STAFF_AND_MEMBERS),
]

CASES = [
    pytest.param(name, args, method, data, role, expected[role], id=f"{name}-{method}-{role}")
    for name, args, method, data, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "args", "method", "data", "role", "expected"), CASES)
def test_permission_matrix(
    client_for, users, brand_objects, name, args, method, data, role, expected
):
    url = reverse(name, args=args(brand_objects))
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


def test_holder_member_sees_the_brand_read_only(client, member, brand_objects):
    brand = brand_objects["brand"]
    client.force_login(member)
    content = client.get(brand.get_absolute_url()).content.decode()
    for name in ("brand-edit", "brand-delete", "brand-history", "brand-output-add"):
        assert reverse(f"brands:{name}", args=[brand.pk]) not in content
    assert reverse("brands:brand-output-edit", args=[brand.pk, brand_objects["output"].pk]) not in (
        content
    )
    assert f'href="{reverse("brands:brand-list")}"' not in content
    assert brand.certificate_number in content


def test_staff_sees_the_brands_actions(staff_client, brand_objects):
    brand = brand_objects["brand"]
    content = staff_client.get(brand.get_absolute_url()).content.decode()
    for name in ("brand-edit", "brand-delete", "brand-history", "brand-output-add"):
        assert reverse(f"brands:{name}", args=[brand.pk]) in content
