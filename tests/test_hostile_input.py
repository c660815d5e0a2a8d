"""Junk in every query parameter and form field is answered without a server error.

Every page without URL parameters is found through the URLconf, so that a new list page is
covered without touching this module; its filters, search, sort and page parameters are sent
one by one with each junk value. Forms are posted with every field set to the same junk value.
No answer may be a 5xx, and a ``<script>`` that was sent is never echoed unescaped.
"""

import pytest
from django.forms import BaseForm
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pilots.enums import PilotStatus
from portal.validators import latest_plausible_date
from tests.brands.factories import BrandFactory, BrandOutputFactory, CountyIndustrialOutputFactory
from tests.factories import EnterpriseMemberFactory, OrganizationFactory, StaffFactory
from tests.pilots.factories import (
    AcceptanceReviewFactory,
    ActivityFactory,
    PhotoFactory,
    PilotProjectFactory,
    StandardFactory,
)
from tests.scoring.factories import ScoringTemplateFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
JUNK = [
    "a\x00b",
    "0",
    "-1",
    "10000",
    "99999999999999999999999999",
    "1e400",
    "abc",
    "x" * 10_000,
    SCRIPT,
    "\u202e\r\n",
]
# Parameters that views read by hand (not through a filter set) somewhere, sent to every page.
COMMON_PARAMETERS = ["q", "page", "sort", "status", "year", "pilot", "parent", "next"]
SKIPPED_NAMESPACES = {"admin"}


def parameterless_routes(resolver=None, prefix=""):
    """(route, view) of every URL pattern that takes no parameters, outside the admin."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace not in SKIPPED_NAMESPACES and not pattern.pattern.regex.groups:
                yield from parameterless_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and not pattern.pattern.regex.groups:
            yield "/" + prefix + str(pattern.pattern), pattern.callback


def separate_parameters(view) -> list[str]:
    """The parameters of the view's filter set and its page, if it has them."""
    view_class = getattr(view, "view_class", None)
    filterset_class = getattr(view_class, "filterset_class", None)
    names = list(filterset_class.base_filters) if filterset_class else []
    return names + (["page"] if getattr(view_class, "paginate_by", None) else [])


def junk_queries(view) -> list[dict]:
    """Each filter parameter and the page alone with each junk value (a refused filter or page
    would hide how the others are handled), then the other common parameters, which views read
    by hand, all at once with each junk value."""
    alone = separate_parameters(view)
    others = [name for name in COMMON_PARAMETERS if name not in alone]
    return [{name: value} for name in alone for value in JUNK] + [
        dict.fromkeys(others, value) for value in JUNK
    ]


ROUTES = sorted(parameterless_routes(), key=lambda route: route[0])


def echoes_script(response) -> bool:
    return SCRIPT.encode() in response.content


def check(client, method, url, data) -> str | None:
    """A description of what went wrong, or None."""
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        return f"{method.upper()} {url} {data!r:.80} -> {response.status_code}"
    if echoes_script(response):
        return f"{method.upper()} {url} {data!r:.80} echoes <script> unescaped"
    return None


@pytest.fixture
def objects(db):
    """Something on every list, so that rows, filters and pages are rendered."""
    organization = OrganizationFactory()
    pilot = PilotProjectFactory(lead_organization=organization, status=PilotStatus.APPROVED)
    activity = ActivityFactory(pilot=pilot)
    brand = BrandFactory(holder=organization)
    return {
        "organization": organization,
        "member": EnterpriseMemberFactory(membership__organization=organization),
        "staff": StaffFactory(),
        "pilot": pilot,
        "activity": activity,
        "photo": PhotoFactory(activity=activity),
        "standard": StandardFactory(),
        "template": ScoringTemplateFactory(),
        "review": AcceptanceReviewFactory(),
        "brand": brand,
        "brand_output": BrandOutputFactory(brand=brand),
        "county_output": CountyIndustrialOutputFactory(),
    }


def hostile_client(objects, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(objects[role])
    return client


def test_routes_are_found():
    routes = [route for route, _view in ROUTES]
    assert "/activities/" in routes
    assert "/experts/" in routes
    assert "/pilots/" in routes
    assert "/brands/" in routes
    assert "/public/brands/" in routes


@pytest.mark.parametrize("role", ["staff", "member", "anonymous"])
@pytest.mark.parametrize(("route", "view"), ROUTES, ids=[route for route, _view in ROUTES])
def test_list_parameters_with_junk_do_not_fail(objects, role, route, view):
    client = hostile_client(objects, role)
    if client.get(route).status_code != 200:
        return  # a redirect to the login page, or a refusal, reads no parameters
    failures = [check(client, "get", route, query) for query in junk_queries(view)]
    assert [failure for failure in failures if failure] == []


def form_field_names(response) -> list[str]:
    """The names of every field of every form in the page's context."""
    names = []
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, BaseForm):
                names += [value.add_prefix(name) for name in value.fields]
    return sorted(set(names))


def form_urls(objects) -> list[tuple[str, str]]:
    """(role, url) of forms with URL parameters; the parameterless pages are found by route."""
    pilot, activity = objects["pilot"], objects["activity"]
    staff_urls = [
        reverse("portal:organization-edit", args=[objects["organization"].pk]),
        reverse("portal:organization-contacts", args=[objects["organization"].pk]),
        reverse("scoring:criterion-create", args=[objects["template"].pk]),
        reverse("scoring:template-edit", args=[objects["template"].pk]),
        reverse("scoring:panel-member-add", args=[objects["review"].panel.pk]),
        reverse("pilots:review-conclude", args=[objects["review"].pk]),
        reverse("pilots:pilot-edit", args=[pilot.pk]),
        reverse("pilots:pilot-move", args=[pilot.pk, "in_progress"]),
        reverse("pilots:pilot-standard-add", args=[pilot.pk]),
        reverse("pilots:document-upload", args=[pilot.pk]),
        reverse("pilots:standard-edit", args=[objects["standard"].pk]),
        reverse("pilots:activity-edit", args=[activity.pk]),
        reverse("pilots:photo-upload", args=[activity.pk]),
        reverse("pilots:photo-edit", args=[objects["photo"].pk]),
        reverse("pilots:review-schedule", args=[pilot.pk]),
        reverse("brands:brand-edit", args=[objects["brand"].pk]),
        reverse("brands:brand-output-add", args=[objects["brand"].pk]),
        reverse("brands:brand-output-edit", args=[objects["brand"].pk, objects["brand_output"].pk]),
        reverse("brands:title-edit", args=[objects["brand"].title.pk]),
        reverse("brands:county-output-edit", args=[objects["county_output"].pk]),
    ]
    member_urls = [
        reverse("portal:organization-contacts", args=[objects["organization"].pk]),
        reverse("portal:profile-edit"),
    ]
    return [("staff", url) for url in staff_urls] + [("member", url) for url in member_urls]


@pytest.mark.parametrize("role", ["staff", "member", "anonymous"])
def test_forms_with_junk_do_not_fail(objects, role):
    listed = [url for url_role, url in form_urls(objects) if url_role == role]
    failures, posted = [], []
    for url in [route for route, _view in ROUTES] + listed:
        client = hostile_client(objects, role)  # a post before may have logged out
        response = client.get(url)
        names = form_field_names(response) if response.status_code == 200 else []
        if names:
            posted.append(url)
            failures += [check(client, "post", url, dict.fromkeys(names, value)) for value in JUNK]
    assert [url for url in listed if url not in posted] == []
    assert len(posted) > len(listed)
    assert [failure for failure in failures if failure] == []


# --- the pages where junk used to fail, with what they answer now ---


def test_activity_year_out_of_range_is_explained(client, objects):
    client.force_login(objects["member"])
    latest = latest_plausible_date().year
    for year in ("0", "-1", "10000", "99999999999999999999"):
        response = client.get(
            reverse("pilots:activity-list"), {"year": year}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []
        assert response.context["filter"].form.errors == {
            "year": [f"Enter a year between 1949 and {latest}."]
        }


def test_activity_year_filters(client, objects):
    client.force_login(objects["staff"])
    response = client.get(reverse("pilots:activity-list"), {"year": "2013"})
    assert list(response.context["object_list"]) == [objects["activity"]]


def test_expert_search_with_nul_finds_nothing(client, objects):
    client.force_login(objects["staff"])
    response = client.get(reverse("portal:reviewer-list"), {"q": "茶\x00"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("pilot", ["abc", "\x00", "-1", "1.5", "99999999999999999999"])
def test_activity_form_ignores_a_bad_pilot_parameter(client, objects, pilot):
    client.force_login(objects["staff"])
    response = client.get(reverse("pilots:activity-create"), {"pilot": pilot})
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_activity_form_takes_pilot_and_organizer_from_the_parameter(client, objects):
    client.force_login(objects["staff"])
    pilot = objects["pilot"]
    response = client.get(reverse("pilots:activity-create"), {"pilot": pilot.pk})
    assert response.context["form"].initial == {
        "pilot": pilot,
        "organizer": pilot.lead_organization,
    }
