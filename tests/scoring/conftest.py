import pytest

from scoring import services
from tests.scoring.factories import scoring_template_with


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def english(settings):
    """Pages in English, for messages whose Chinese is not in the catalogue yet."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def template():
    """Groups 1 (30 points: 1.1, 1.2) and 2 (70 points: 2.1), not in use."""
    return scoring_template_with({"1": ["10", "20"], "2": ["70"]}, name="验收评分表")


@pytest.fixture
def frozen(template):
    return services.freeze_template(template=template)
