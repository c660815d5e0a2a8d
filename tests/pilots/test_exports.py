import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import StaffFactory
from tests.pilots.factories import AcceptanceReviewFactory, ScoreSheetFactory

pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://x","y")'


def test_panel_matrix_writes_a_formula_like_name_as_text(client):
    review = AcceptanceReviewFactory(pilot__name="+SUM(1,2)")
    ScoreSheetFactory(panel_member__review=review, panel_member__reviewer__full_name=FORMULA_NAME)
    client.force_login(StaffFactory())

    response = client.get(reverse("pilots:review-matrix-xlsx", args=[review.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet["A1"]
    name = next(cell for cell in sheet[4] if cell.value == FORMULA_NAME)
    assert (title.value, title.data_type) == ("+SUM(1,2)", "s")
    assert (name.data_type, name.quotePrefix) == ("s", True)
