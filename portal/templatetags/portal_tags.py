from django import template

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
