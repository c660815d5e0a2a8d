from django import template

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
