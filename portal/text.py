"""Small text helpers that depend on the reader's language."""

from collections.abc import Iterable

from django.utils.translation import pgettext


def enumeration(items: Iterable) -> str:
    """Items joined the way the reader's language lists them: "、" in Chinese, ", " in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
