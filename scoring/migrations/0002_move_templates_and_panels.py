"""Move the scoring engine's data into the scoring app, keeping every id.

Templates and criteria come from ``portal``; each acceptance review's panel data (template,
status, score, result, opinion, conclusion date), its members, sheets, item scores and events
come from ``pilots``. A review's panel keeps the review's id, so ``pilots`` links the two by id
in its next migration, and sheets keep theirs, so ``/sheets/<id>/`` still opens the same sheet.
Rows are copied by SQL (``INSERT … SELECT``) so that creation and modification times stay as
they were; the id sequences are then moved past the copied ids.
"""

from django.core.management.color import no_style
from django.db import migrations

COPIES = [
    (
        "scoring_scoringtemplate",
        "portal_scoringtemplate",
        "id, name, version, total_points, pass_mark, aggregation, description, is_sample, "
        "is_frozen, based_on_id, created, modified",
        None,
    ),
    (
        "scoring_criterion",
        "portal_criterion",
        "id, template_id, parent_id, code, title, max_points, guidance, position",
        None,
    ),
    (
        "scoring_panel",
        "pilots_acceptancereview",
        "id, template_id, status, score, passed, opinion, concluded_on, created, modified",
        "id, template_id, status, panel_score, passed, opinion, concluded_on, created, modified",
    ),
    (
        "scoring_panelmember",
        "pilots_panelmember",
        "id, panel_id, reviewer_id, is_chair, declaration, declared, declaration_note, removed, "
        "removal_reason",
        "id, review_id, reviewer_id, is_chair, declaration, declared, declaration_note, removed, "
        "removal_reason",
    ),
    (
        "scoring_scoresheet",
        "pilots_acceptancescoresheet",
        "id, panel_member_id, status, total, submitted, created, modified",
        None,
    ),
    (
        "scoring_itemscore",
        "pilots_acceptanceitemscore",
        "id, sheet_id, criterion_id, points, comment",
        None,
    ),
    (
        "scoring_panelevent",
        "pilots_reviewevent",
        "id, panel_id, from_status, to_status, actor_id, occurred_on, recorded, note_code, "
        "note_params, comment",
        "id, review_id, from_status, to_status, actor_id, occurred_on, recorded, note_code, "
        "note_params, comment",
    ),
]

MODELS = ["ScoringTemplate", "Criterion", "Panel", "PanelMember", "ScoreSheet", "ItemScore"]


def copy_forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for target, source, columns, source_columns in COPIES:
            cursor.execute(
                f"INSERT INTO {target} ({columns}) "  # noqa: S608 (fixed names, no input)
                f"SELECT {source_columns or columns} FROM {source} ORDER BY id"
            )
        models = [apps.get_model("scoring", name) for name in [*MODELS, "PanelEvent"]]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def grant_staff(apps, schema_editor):
    """The bureau staff group gets the scoring app's model permissions (for the admin), as it
    had the portal app's, which the templates used to be part of."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("scoring")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="bureau_staff")
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="scoring"))


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0001_initial"),
        ("portal", "0005_criterion_order_label"),
        ("pilots", "0004_structured_notes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_forward, migrations.RunPython.noop),
        migrations.RunPython(grant_staff, migrations.RunPython.noop),
    ]
