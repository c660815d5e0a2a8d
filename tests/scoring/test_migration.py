"""The move of the scoring engine into its app keeps every score, declaration and event.

The database is taken back to the migrations before the move, filled there through the models
as they were (a review with its panel data, members, a submitted sheet and its events), and
migrated forward; then today's models must read the same data, under the same ids.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("portal", "0005_criterion_order_label"),
    ("pilots", "0004_structured_notes"),
    ("scoring", None),
]


@pytest.fixture
def sequences_past_restored_rows():
    """Taking the database back drops the scoring app's tables, and their id sequences start
    again at 1. The rows that a serialized rollback puts back after this test keep their ids,
    so the sequences are moved past any of them, or the next test's first row would collide."""
    yield
    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    with connection.cursor() as cursor:
        for model in apps.get_app_config("scoring").get_models():
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), 1000000)", [model._meta.db_table]
            )


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scoring_move_keeps_every_score_declaration_and_event(sequences_past_restored_rows):
    old = (
        migrate(BEFORE)
        .loader.project_state(
            [("portal", "0005_criterion_order_label"), ("pilots", "0004_structured_notes")]
        )
        .apps
    )
    User = old.get_model("portal", "User")
    Region = old.get_model("portal", "Region")
    Organization = old.get_model("portal", "Organization")
    Template = old.get_model("portal", "ScoringTemplate")
    Criterion = old.get_model("portal", "Criterion")
    Pilot = old.get_model("pilots", "PilotProject")
    Review = old.get_model("pilots", "AcceptanceReview")
    Member = old.get_model("pilots", "PanelMember")
    Sheet = old.get_model("pilots", "AcceptanceScoreSheet")
    Item = old.get_model("pilots", "AcceptanceItemScore")
    Event = old.get_model("pilots", "ReviewEvent")

    User.objects.create(username="clerk")
    expert = User.objects.create(username="expert", full_name="周涛")
    region = Region.objects.get_or_create(
        code="421222", defaults={"name": "通城县", "level": "county"}
    )[0]
    lead = Organization.objects.create(
        name="黄袍山绿色产品有限公司", uscc="91421222MA4900000X", kind="enterprise", region=region
    )
    template = Template.objects.create(
        name="迁移测试模板", total_points=D("100"), pass_mark=D("80"), is_frozen=True
    )
    group = Criterion.objects.create(template=template, code="1", title="组", max_points=D("100"))
    leaf = Criterion.objects.create(
        template=template, parent=group, code="1.1", title="项", max_points=D("100")
    )
    pilot = Pilot.objects.create(
        name="油茶示范区",
        category="agricultural_zone",
        level="national",
        lead_organization=lead,
        region=region,
        status="passed",
    )
    Review.objects.create(
        pilot=pilot, scheduled_for=datetime.date(2013, 9, 1), organizer=lead, template=template
    )  # a second review, so ids differ from counts
    review = Review.objects.create(
        pilot=pilot,
        scheduled_for=datetime.date(2013, 9, 26),
        organizer=lead,
        template=template,
        methods=["on_site"],
        status="concluded",
        panel_score=D("95.47"),
        passed=True,
        opinion="同意通过验收",
        concluded_on=datetime.date(2013, 9, 26),
    )
    member = Member.objects.create(
        review=review,
        reviewer=expert,
        is_chair=True,
        declaration="no_conflict",
        declaration_note="无",
    )
    sheet = Sheet.objects.create(panel_member=member, status="submitted", total=D("95.47"))
    Item.objects.create(sheet=sheet, criterion=leaf, points=D("95.47"), comment="很好")
    Event.objects.create(
        review=review,
        from_status="scoring",
        to_status="scoring",
        actor=expert,
        occurred_on=datetime.date(2013, 9, 26),
        note_code="submitted",
        note_params={"name": "周涛"},
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from pilots.models import AcceptanceReview
    from scoring.models import ItemScore, PanelEvent, ScoreSheet, ScoringTemplate

    moved = AcceptanceReview.objects.get(pk=review.pk)
    panel = moved.panel
    assert (panel.pk, panel.status, panel.score, panel.passed, panel.opinion) == (
        review.pk,
        "concluded",
        D("95.47"),
        True,
        "同意通过验收",
    )
    assert (panel.concluded_on, panel.template.pk, moved.methods) == (
        datetime.date(2013, 9, 26),
        template.pk,
        ["on_site"],
    )
    moved_member = panel.members.get()
    assert (
        moved_member.pk,
        moved_member.reviewer_id,
        moved_member.is_chair,
        moved_member.declaration,
    ) == (
        member.pk,
        expert.pk,
        True,
        "no_conflict",
    )
    moved_sheet = ScoreSheet.objects.get(pk=sheet.pk)
    assert (moved_sheet.panel_member_id, moved_sheet.status, moved_sheet.total) == (
        member.pk,
        "submitted",
        D("95.47"),
    )
    assert list(
        ItemScore.objects.filter(sheet=moved_sheet).values_list("criterion_id", "points", "comment")
    ) == [(leaf.pk, D("95.47"), "很好")]
    event = PanelEvent.objects.get(panel=panel)
    assert (event.note_code, event.note_params, event.occurred_on, event.actor_id) == (
        "submitted",
        {"name": "周涛"},
        datetime.date(2013, 9, 26),
        expert.pk,
    )
    copied = ScoringTemplate.objects.get(pk=template.pk)
    assert (copied.name, copied.is_frozen, [c.code for c in copied.criteria.order_by("pk")]) == (
        "迁移测试模板",
        True,
        ["1", "1.1"],
    )
    # New rows take ids after the copied ones.
    assert (
        ScoringTemplate.objects.create(name="新模板", total_points=1, pass_mark=0).pk > template.pk
    )
