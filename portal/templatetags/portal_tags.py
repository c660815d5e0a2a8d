from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm
from django.utils.translation import gettext as _

from portal.enums import badge
from portal.text import enumeration

register = template.Library()


@register.filter
def minutes(duration) -> int:
    """Whole minutes of a timedelta (rounded up), for sentences such as lock-out periods."""
    if duration is None:
        return 0
    return -(-int(duration.total_seconds()) // 60)


@register.inclusion_tag("includes/_status_badge.html")
def status_badge(value: str, choices_name: str) -> dict:
    """``{% status_badge pilot.status "PilotStatus" %}``: the state's label in its colour
    (``portal.enums.badge_colours``)."""
    label, colour = badge(choices_name, value)
    return {"label": label, "colour": colour}


@register.filter(name="enumeration")
def enumeration_filter(items) -> str:
    """``{{ names|enumeration }}``: see ``portal.text.enumeration``."""
    return enumeration(items)


def _anchor(field) -> str:
    """The id a link to a field points at: its input, or the first of its radios or boxes."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*forms, note=None) -> dict:
    """``{% error_summary form [other_form …] note=_("…") %}``, at the top of a page whose form
    was not accepted: the problems (WCAG 3.3.1), each with a link to its field. portal.js moves
    the focus to it. ``note`` replaces the default sentence under the heading."""
    forms = [form for form in forms if form and form.is_bound and form.errors]
    general, fields = [], []
    for form in forms:
        general += form.non_field_errors()
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS or name not in form.fields:
                continue
            field = form[name]
            if field.is_hidden:
                general += errors
            else:
                fields += [(_anchor(field), field.label, error) for error in errors]
    return {"shown": bool(forms), "general": general, "fields": fields, "note": note}


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """``<title>{% error_title_prefix %}…``: "Error: " on a page whose form was not accepted, so
    that its title differs from the blank form's (WCAG 2.4.2, 3.3.1)."""
    for value in context.flatten().values():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return _("Error: ")
    return ""
