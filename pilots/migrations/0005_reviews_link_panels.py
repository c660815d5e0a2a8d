"""Each acceptance review links the scoring app's panel that now holds its panel data (copied,
with the review's own id, by ``scoring.0002``); the copied fields and tables go. A review also
protects its pilot from deletion now (a concluded review's sheets must never go with it)."""

import django.db.models.deletion
from django.db import migrations, models


def link_panels(apps, schema_editor):
    AcceptanceReview = apps.get_model("pilots", "AcceptanceReview")
    AcceptanceReview.objects.update(panel_id=models.F("id"))


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0004_structured_notes"),
        ("scoring", "0002_move_templates_and_panels"),
    ]

    operations = [
        migrations.AddField(
            model_name="acceptancereview",
            name="panel",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="acceptance_review",
                to="scoring.panel",
                verbose_name="expert panel",
            ),
        ),
        migrations.RunPython(link_panels, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="acceptancereview",
            name="panel",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="acceptance_review",
                to="scoring.panel",
                verbose_name="expert panel",
            ),
        ),
        migrations.AlterField(
            model_name="acceptancereview",
            name="pilot",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reviews",
                to="pilots.pilotproject",
                verbose_name="pilot project",
            ),
        ),
        migrations.RemoveField(model_name="acceptancereview", name="template"),
        migrations.RemoveField(model_name="acceptancereview", name="status"),
        migrations.RemoveField(model_name="acceptancereview", name="panel_score"),
        migrations.RemoveField(model_name="acceptancereview", name="passed"),
        migrations.RemoveField(model_name="acceptancereview", name="opinion"),
        migrations.RemoveField(model_name="acceptancereview", name="concluded_on"),
        migrations.DeleteModel(name="AcceptanceItemScore"),
        migrations.DeleteModel(name="AcceptanceScoreSheet"),
        migrations.DeleteModel(name="ReviewEvent"),
        migrations.DeleteModel(name="PanelMember"),
    ]
