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


def register_subject(accessor: str) -> None:
    """Register ``Panel.<accessor>``, the reverse one-to-one of a subject model."""
    if accessor not in SUBJECT_ACCESSORS:
        SUBJECT_ACCESSORS.append(accessor)


def subject_of(panel):
    """The record that ``panel`` reviews, or None for a panel that nothing links (yet)."""
    for accessor in SUBJECT_ACCESSORS:
        try:
            return getattr(panel, accessor)
        except ObjectDoesNotExist:
            continue
    return None
