import re

from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.enums import badge
from portal.text import enumeration

register = template.Library()

# Chinese characters (CJK unified ideographs, extension A, compatibility ideographs), and a run
# of Chinese: from one to the last of a stretch, with the CJK punctuation, full-width forms and
# designations ("（GB/T 19580-2012）") between them, but not the words around it.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = rf"\u3000-\u303f\uff00-\uffef{_HAN}"
HAN = re.compile(rf"[{_HAN}]")
HAN_RUN = re.compile(rf"([{_HAN}](?:[{_CJK}0-9A-Za-z/. -]*[{_CJK}])?)")


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


def _needs_marking(text: str) -> bool:
    return bool(HAN.search(text)) and not (get_language() or "").lower().startswith("zh")


@register.filter(needs_autoescape=True)
def zh(value, autoescape=True):
    """``{{ pilot.name|zh }}``: in a page that is not in Chinese, each run of Chinese in a text is
    marked ``<span lang="zh-Hans">`` so that screen readers read it as Chinese (WCAG 3.1.2,
    language of parts): "Acceptance review of <span lang="zh-Hans">油茶…示范区</span>". Text
    already made safe that holds markup (``|linebreaksbr``) is marked as a whole. Otherwise the
    value as it is. Use it wherever records' names and texts are shown as text, never inside an
    attribute (there, ``needs_zh`` tells whether to add ``lang="zh-Hans"``)."""
    if value is None or value == "" or not autoescape:
        return value
    text = str(value)
    if not _needs_marking(text):
        return conditional_escape(value)
    if isinstance(value, SafeData) and "<" in text:
        return format_html('<span lang="zh-Hans">{}</span>', value)
    pieces = []
    for index, piece in enumerate(HAN_RUN.split(text)):
        piece = conditional_escape(mark_safe(piece) if isinstance(value, SafeData) else piece)
        pieces.append(format_html('<span lang="zh-Hans">{}</span>', piece) if index % 2 else piece)
    return mark_safe("".join(pieces))


@register.filter
def needs_zh(value) -> bool:
    """``{% if option.label|needs_zh %} lang="zh-Hans"{% endif %}``: whether a text that cannot
    take ``|zh`` (an option, a field's value) is Chinese in a page that is not."""
    return value is not None and _needs_marking(str(value))


@register.simple_tag
def record_note(record) -> str:
    """``{% record_note event %}``: a workflow record's note (``TransitionRecord.note``) with the
    names in it marked as ``|zh`` marks them."""
    message = record.NOTES.get(record.note_code)
    if not message:
        return ""
    names = {key: zh(value) for key, value in record.note_params.items()}
    return mark_safe(conditional_escape(str(message)) % names)
