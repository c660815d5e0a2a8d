import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here."""
    with translation.override("en"):
        yield
