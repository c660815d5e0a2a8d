"""The benchmark (``make bench``, bench/README.md) cannot rot: its data set is written at a tiny
scale into the test database, and every page it measures, and every admin changelist it compares
them with, answers with its queries counted. wrk and gunicorn are left to ``make bench``."""

import pytest
from django.apps import apps

from bench.bulk import _text
from bench.dataset import Scale, generate
from bench.pages import ROLES, find_pages
from bench.queries import count_pages
from pilots.models import Standard
from portal.models import Organization
from portal.standard_codes import parse_standard_code
from portal.validators import validate_uscc

pytestmark = pytest.mark.django_db

# The models the data set writes rows of (history, reminders, visit photos and the task queue
# are left empty).
WRITTEN = {
    "portal.User",
    "portal.User_groups",
    "portal.Membership",
    "portal.Notification",
    "portal.Organization",
    "portal.Registration",
    "portal.ReviewerProfile",
    "scoring.ItemScore",
    "scoring.Panel",
    "scoring.PanelEvent",
    "scoring.PanelMember",
    "scoring.ScoreSheet",
    "pilots.AcceptanceReview",
    "pilots.Activity",
    "pilots.Photo",
    "pilots.PilotDocument",
    "pilots.PilotProject",
    "pilots.PilotProject_participants",
    "pilots.PilotStandard",
    "pilots.PilotTransition",
    "pilots.Standard",
    "brands.ApplicationMaterial",
    "brands.ApplicationTransition",
    "brands.ApplicationVersion",
    "brands.ApplicationVersion_materials",
    "brands.ApplicationVisit",
    "brands.AwardApplication",
    "brands.AwardProgram",
    "brands.Brand",
    "brands.BrandOutput",
    "brands.BrandTitle",
    "brands.CompletenessCheck",
    "brands.CompletenessItem",
    "brands.CountyIndustrialOutput",
    "brands.Objection",
    "brands.RequiredMaterial",
}


@pytest.fixture
def data_set(settings):
    settings.ROOT_URLCONF = "bench.urls"
    return generate(Scale.tiny())


def test_data_set_writes_rows_of_every_kind(data_set):
    assert {label for label, count in data_set.items() if count} == WRITTEN


def test_data_set_standards_and_credit_codes_are_well_formed(data_set):
    designations = list(Standard.objects.values_list("designation", flat=True))
    assert [parse_standard_code(value).designation for value in designations] == designations
    for code in Organization.objects.values_list("uscc", flat=True):
        validate_uscc(code)


def test_every_page_and_admin_changelist_answers(data_set):
    """One request per view and role: a list's deep page, searches, filters and orders add
    nothing here but time (they answer whatever their query string holds)."""
    pages = find_pages()
    views = {}
    for page in pages:
        views.setdefault((page.role, page.path.partition("?")[0]), page)
    counts = count_pages(list(views.values()), warm=False)
    answers = {name: (row["status"], row.get("admin_status", 200)) for name, row in counts.items()}
    assert {name: answer for name, answer in answers.items() if answer != (200, 200)} == {}
    assert {name for name, row in counts.items() if row["queries"] == 0} == {"login form"}
    assert {page.role for page in pages} == set(ROLES)
    assert len({page.name for page in pages}) == len(pages)


def test_copy_text_escapes_what_copy_reads_as_control_characters():
    assert _text("a\tb\\c\nd\re") == "a\\tb\\\\c\\nd\\re"
    assert [_text(None), _text(True), _text(False), _text(7)] == ["\\N", "t", "f", "7"]
    assert _text({"名": "x\ty"}) == '{"名": "x\\\\ty"}'


def test_written_models_exist():
    """The labels above name real models (a rename shows here, not as a gap in the data)."""
    known = {model._meta.label for model in apps.get_models(include_auto_created=True)}
    assert WRITTEN - known == set()
