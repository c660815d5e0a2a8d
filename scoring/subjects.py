"""What a panel reviews: its subject, a record of another app that links one ``Panel``.

An app whose records are reviewed by expert panels (``pilots``: acceptance reviews; ``brands``:
award applications) gives its model a one-to-one field to ``scoring.Panel`` and registers the
field's reverse accessor in its ``AppConfig.ready``, so that the scoring app finds a panel's
subject without importing the app. A subject provides:

- ``__str__()``: what is reviewed, as shown on sheets and in the panel's record;
- ``get_absolute_url()``: its page, which shows the panel (``templates/scoring/_panel*.html``);
- ``panel_organization_ids()``: the organizations whose employees may not sit on its panel.
"""

from django.core.exceptions import ObjectDoesNotExist

SUBJECT_ACCESSORS: list[str] = []
# What each subject's ``__str__`` reads, as paths from the panel (``acceptance_review__pilot``).
SUBJECT_RELATED: list[str] = []


def register_subject(accessor: str, related: tuple[str, ...] = ()) -> None:
    """Register ``Panel.<accessor>``, the reverse one-to-one of a subject model, and the
    relations (``related``, from the subject) that its ``__str__`` reads."""
    if accessor not in SUBJECT_ACCESSORS:
        SUBJECT_ACCESSORS.append(accessor)
        SUBJECT_RELATED.extend(f"{accessor}__{path}" for path in related)


def subject_related(prefix: str = "") -> list[str]:
    """``select_related`` paths that bring a panel's subject with it, whatever its kind:
    ``ScoreSheet.objects.select_related(*subject_related("panel_member__panel__"))``."""
    return [prefix + path for path in (*SUBJECT_ACCESSORS, *SUBJECT_RELATED)]


def subject_of(panel):
    """The record that ``panel`` reviews, or None for a panel that nothing links (yet)."""
    for accessor in SUBJECT_ACCESSORS:
        try:
            return getattr(panel, accessor)
        except ObjectDoesNotExist:
            continue
    return None
