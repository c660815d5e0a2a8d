"""Scoring templates: copies as new versions, freezing once in use."""

from django.db import transaction

from scoring.models import (
    Criterion,
    ScoringTemplate,
)


@transaction.atomic
def copy_template(*, template: ScoringTemplate) -> ScoringTemplate:
    """An editable copy of a template (and its whole criteria tree) as its next version."""
    latest = ScoringTemplate.objects.filter(name=template.name).order_by("-version").first().version
    copy = ScoringTemplate.objects.create(
        name=template.name,
        version=latest + 1,
        total_points=template.total_points,
        pass_mark=template.pass_mark,
        aggregation=template.aggregation,
        description=template.description,
        is_sample=template.is_sample,
        based_on=template,
    )
    new_ids: dict[int, Criterion] = {}
    for criterion in template.criteria.order_by("position", "pk"):
        new_ids[criterion.pk] = Criterion.objects.create(
            template=copy,
            parent=new_ids.get(criterion.parent_id),
            code=criterion.code,
            title=criterion.title,
            max_points=criterion.max_points,
            guidance=criterion.guidance,
            position=criterion.position,
        )
    return copy


def freeze_template(*, template: ScoringTemplate) -> ScoringTemplate:
    """Mark a template as in use: from now on it changes only through a new version."""
    if not template.is_frozen:
        template.is_frozen = True
        template.save(update_fields=["is_frozen", "modified"])
    return template
