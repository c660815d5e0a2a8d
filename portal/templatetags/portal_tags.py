from django import template

from portal.enums import badge

register = template.Library()


@register.simple_tag
def field_label(labels: dict, name: str) -> str:
    """The verbose name of a field from a {name: label} mapping, or the name itself."""
    return labels.get(name, name)


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
