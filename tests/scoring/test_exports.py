import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import StaffFactory
from tests.pilots.factories import AcceptanceReviewFactory
from tests.scoring.factories import ScoreSheetFactory, scoring_template_with

pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://x","y")'


def test_panel_matrix_writes_formula_like_text_as_text(client):
    review = AcceptanceReviewFactory(panel__template=scoring_template_with(name="+SUM(1,2)"))
    ScoreSheetFactory(
        panel_member__panel=review.panel, panel_member__reviewer__full_name=FORMULA_NAME
    )
    client.force_login(StaffFactory())

    response = client.get(reverse("scoring:panel-matrix-xlsx", args=[review.panel.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    template = sheet["B2"]
    name = next(cell for cell in sheet[4] if cell.value == FORMULA_NAME)
    assert (template.value, template.data_type) == ("+SUM(1,2) (v1)", "s")
    assert (name.data_type, name.quotePrefix) == ("s", True)
