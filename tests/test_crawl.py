"""Every page as every role: no link or image that a page offers answers an error (403, 404,
405, 500…) or asks to log in.

Starting from the home page, the crawl follows (breadth first, GET only) every same-site ``href``
and ``src`` of each page it reaches, on the demo data (``seed_demo``) with a few more records:
a review whose panel is scoring, an unpublished pilot, photos and a document.
"""

import datetime
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pilots import services
from pilots.demo import SERVICE_TEMPLATE
from pilots.enums import PilotCategory, PilotLevel, PilotStatus, SystemPart
from pilots.models import PilotProject, PilotStandard, Standard
from portal import demo
from portal.models import User
from scoring import services as scoring_services
from scoring.models import ScoringTemplate
from tests.factories import EnterpriseMemberFactory, ReviewerFactory, region
from tests.pilots.factories import ActivityFactory, PhotoFactory, PilotDocumentFactory

pytestmark = pytest.mark.django_db

# Pages a crawl does not open: they change state or leave the pages of the portal.
SKIPPED_PREFIXES = ("/static/", "/admin/", "/i18n/", "/accounts/logout/", "/favicon.ico")
MAX_PAGES = 1500


class _Links(HTMLParser):
    """The ``href`` of links and the ``src`` of images, scripts and frames of one page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"a", "link", "area"} and attributes.get("href"):
            self.found.append(attributes["href"])
        if tag in {"img", "script", "iframe", "source", "embed"} and attributes.get("src"):
            self.found.append(attributes["src"])


def _same_site(page: str, link: str) -> str | None:
    """The site-relative address of ``link`` found on ``page``, or None for another site, an
    anchor on the same page, or a page the crawl skips."""
    link = link.strip()
    if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{page}", link))
    if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client) -> tuple[list[str], int]:
    """Open every page reachable from the home page; the problems found and the pages opened."""
    start = reverse("portal:home")
    queue = deque([(start, "(start)")])
    seen = {start}
    problems = []
    login = reverse("login")
    opened = 0
    while queue and opened < MAX_PAGES:
        url, referrer = queue.popleft()
        response = client.get(url)
        opened += 1
        if response.streaming:
            # Read files to the end: the test client then closes them as a server would.
            b"".join(response.streaming_content)
        status = response.status_code
        if status >= 400:
            problems.append(f"{referrer} offers {url}, which answers {status}")
        elif status in {301, 302, 303, 307, 308}:
            target = _same_site(url, response["Location"])
            if target is not None and target.startswith(login) and not url.startswith(login):
                problems.append(f"{referrer} offers {url}, which asks to log in")
            elif target is not None and target not in seen:
                seen.add(target)
                queue.append((target, f"{referrer} → {url}"))
        elif response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            for link in parser.found:
                target = _same_site(url, link)
                if target is not None and target not in seen:
                    seen.add(target)
                    queue.append((target, url))
    return problems, opened


@pytest.fixture
def demo_site():
    """The demo data, and: a review of the telecom pilot whose panel is scoring (the demo
    reviewer declared no conflict, another reviewer not yet); the camellia zone's lead
    organization taking part in the telecom pilot and leading an unpublished pilot that shares
    a standard with the zone; photos and a document."""
    call_command("seed_demo", stdout=StringIO())
    staff = User.objects.get(username="staff")
    huangpaoshan = demo.organization("huangpaoshan")
    telecom_pilot = PilotProject.objects.get(name="中国电信通城分公司省级服务业标准化试点")
    telecom_pilot.participants.add(huangpaoshan)
    services.set_pilot_state(
        pilot=telecom_pilot,
        target=PilotStatus.ACCEPTANCE_REQUESTED,
        actor=staff,
        occurred_on=datetime.date(2014, 5, 1),
        comment="",
    )
    declared = User.objects.get(username="reviewer")
    undeclared = ReviewerFactory(username="crawl-undeclared")
    review = services.schedule_review(
        pilot=telecom_pilot,
        scheduled_for=datetime.date(2014, 6, 1),
        organizer=demo.organization("city_bureau"),
        methods=["material_review"],
        template=ScoringTemplate.objects.filter(name=SERVICE_TEMPLATE).latest("version"),
        reviewers=[declared, undeclared],
        chair=declared,
        actor=staff,
    )
    member = review.panel.members.get(reviewer=declared)
    scoring_services.declare(member=member, conflict=False, actor=declared)
    scoring_services.start_scoring(panel=review.panel, actor=staff)
    telecom_activity = ActivityFactory(pilot=telecom_pilot, created_by=staff)
    PhotoFactory(activity=telecom_activity, uploaded_by=staff)
    PilotDocumentFactory(pilot=telecom_pilot, uploaded_by=staff)

    camellia = PilotProject.objects.get(name="油茶栽培国家级农业标准化示范区")
    PhotoFactory(activity=camellia.activities.first(), uploaded_by=staff)
    unpublished = services.create_pilot(
        pilot=PilotProject(
            name="油茶精深加工示范区（申报中）",
            category=PilotCategory.AGRICULTURAL_ZONE,
            level=PilotLevel.COUNTY,
            lead_organization=huangpaoshan,
            region=region(),
        ),
        participants=[],
        actor=staff,
        declared_on=datetime.date(2014, 3, 1),
    )
    PilotStandard.objects.create(
        pilot=unpublished,
        standard=Standard.objects.get(designation="Q/HPS 001-2012"),
        part=SystemPart.PRODUCTION,
    )
    return {
        "anonymous": None,
        "staff": staff,
        "lead_member": EnterpriseMemberFactory(
            username="crawl-lead", membership__organization=huangpaoshan
        ),
        "other_member": User.objects.get(username="enterprise"),
        "declared_reviewer": declared,
        "undeclared_reviewer": undeclared,
        "unassigned_reviewer": ReviewerFactory(username="crawl-unassigned"),
    }


ROLES = [
    "anonymous",
    "staff",
    "lead_member",
    "other_member",
    "declared_reviewer",
    "undeclared_reviewer",
    "unassigned_reviewer",
]


@pytest.mark.parametrize("role", ROLES)
def test_crawl_offers_no_link_the_role_cannot_open(demo_site, role):
    client = Client(raise_request_exception=False)
    if demo_site[role] is not None:
        client.force_login(demo_site[role])

    problems, opened = crawl(client)

    assert opened < MAX_PAGES, "the crawl stopped at its bound before it reached every page"
    assert problems == [], f"{role} is offered links it cannot open:\n" + "\n".join(problems)
