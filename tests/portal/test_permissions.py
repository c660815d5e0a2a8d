"""Who may open which page: every role × every URL of the portal app."""

import pytest
from django.urls import reverse

from scoring.services import freeze_template
from tests.factories import RegistrationFactory, StaffFactory
from tests.scoring.factories import scoring_template_with

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
ANY_LOGGED_IN = {"anonymous": LOGIN, "staff": OK, "member": OK, "other_member": OK, "reviewer": OK}

# (url name, which object the URL names, method, expected outcome per role)
MATRIX = [
    ("portal:home", None, "get", dict.fromkeys(ROLES, OK)),
    ("portal:register", None, "get", {"anonymous": OK} | dict.fromkeys(ROLES[1:], REDIRECT)),
    ("portal:register-done", None, "get", dict.fromkeys(ROLES, OK)),
    ("portal:profile", None, "get", ANY_LOGGED_IN),
    ("portal:profile-edit", None, "get", ANY_LOGGED_IN),
    ("password_change", None, "get", ANY_LOGGED_IN),
    ("portal:organization-list", None, "get", STAFF_ONLY),
    ("portal:organization-create", None, "get", STAFF_ONLY),
    ("portal:organization-detail", "organization", "get", STAFF_ONLY | {"member": OK}),
    ("portal:organization-edit", "organization", "get", STAFF_ONLY),
    ("portal:organization-contacts", "organization", "get", STAFF_ONLY | {"member": OK}),
    ("portal:organization-history", "organization", "get", STAFF_ONLY),
    ("portal:organization-delete", "organization", "get", STAFF_ONLY),
    (
        "portal:my-organization",
        None,
        "get",
        {
            "anonymous": LOGIN,
            "staff": FORBIDDEN,
            "member": REDIRECT,
            "other_member": REDIRECT,
            "reviewer": FORBIDDEN,
        },
    ),
    ("portal:reviewer-list", None, "get", STAFF_ONLY),
    ("portal:reviewer-create", None, "get", STAFF_ONLY),
    ("portal:reviewer-edit", "reviewer", "get", STAFF_ONLY),
    ("portal:reviewer-deactivate", "reviewer", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("portal:reviewer-reactivate", "reviewer", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("portal:staff-account-list", None, "get", STAFF_ONLY),
    ("portal:staff-account-create", None, "get", STAFF_ONLY),
    ("portal:staff-account-edit", "staff_account", "get", STAFF_ONLY),
    ("portal:staff-account-deactivate", "staff_account", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("portal:staff-account-reactivate", "staff_account", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("scoring:template-list", None, "get", STAFF_ONLY | {"reviewer": OK}),
    ("scoring:template-detail", "template", "get", STAFF_ONLY | {"reviewer": OK}),
    ("scoring:template-create", None, "get", STAFF_ONLY),
    ("scoring:template-edit", "template", "get", STAFF_ONLY),
    ("scoring:template-delete", "template", "get", STAFF_ONLY),
    ("scoring:template-copy", "template", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("scoring:criterion-create", "template", "get", STAFF_ONLY),
    ("scoring:criterion-edit", "criterion", "get", STAFF_ONLY),
    ("scoring:criterion-delete", "criterion", "get", STAFF_ONLY),
    # A template in use: read and copy only.
    ("scoring:template-detail", "frozen_template", "get", STAFF_ONLY | {"reviewer": OK}),
    ("scoring:template-edit", "frozen_template", "get", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:template-edit", "frozen_template", "post", STAFF_ONLY | {"staff": FORBIDDEN}),
    # Its delete page says why it cannot go (and offers the copy); a POST is refused.
    ("scoring:template-delete", "frozen_template", "get", STAFF_ONLY),
    ("scoring:template-delete", "frozen_template", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("scoring:template-copy", "frozen_template", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("scoring:criterion-create", "frozen_template", "get", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:criterion-create", "frozen_template", "post", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:criterion-edit", "frozen_criterion", "get", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:criterion-edit", "frozen_criterion", "post", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:criterion-delete", "frozen_criterion", "get", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("scoring:criterion-delete", "frozen_criterion", "post", STAFF_ONLY | {"staff": FORBIDDEN}),
    ("portal:registration-list", None, "get", STAFF_ONLY),
    ("portal:registration-detail", "registration", "get", STAFF_ONLY),
    ("portal:registration-approve", "registration", "post", STAFF_ONLY | {"staff": REDIRECT}),
    ("portal:registration-reject", "registration", "post", STAFF_ONLY | {"staff": REDIRECT}),
]

CASES = [
    pytest.param(
        name,
        target,
        method,
        role,
        expected[role],
        id="-".join(part for part in (name, target, method, role) if part),
    )
    for name, target, method, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "target", "method", "role", "expected"), CASES)
def test_permission_matrix(client_for, users, organization, name, target, method, role, expected):
    template = scoring_template_with({"1": ["20", "30"], "2": ["50"]})
    frozen = freeze_template(template=scoring_template_with({"1": ["100"]}))
    objects = {
        "reviewer": users["reviewer"],
        "staff_account": StaffFactory(),
        "organization": organization,
        "registration": RegistrationFactory(),
        "template": template,
        "criterion": template.criteria.first(),
        "frozen_template": frozen,
        "frozen_criterion": frozen.criteria.first(),
    }
    args = [objects[target].pk] if target else []
    url = reverse(name, args=args)
    client = client_for(users[role])

    data = {"reason": "不符合要求", "comment": ""} if method == "post" else None
    response = getattr(client, method)(url, data)

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


def test_forbidden_page_is_friendly(client_for, users):
    response = client_for(users["member"]).get(reverse("portal:organization-list"))
    assert response.status_code == 403
    assert "您无权打开此页面" in response.content.decode()
