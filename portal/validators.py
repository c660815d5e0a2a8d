"""Validation rules shared by models and forms.

The unified social credit code follows GB 32100-2015; the organization code embedded in it
follows GB 11714-1997. Standard designations are parsed in ``portal.standard_codes``.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 32100-2015 §4.1: the code's character set, valued 0–30 in this order (no I, O, S, V, Z).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
# GB 32100-2015 §4.2 and Appendix A: registering department (position 1).
USCC_DEPARTMENTS = {
    "1": _("Institutional organization (机构编制)"),
    "2": _("Foreign affairs (外交)"),
    "3": _("Judicial administration (司法行政)"),
    "4": _("Culture (文化)"),
    "5": _("Civil affairs (民政)"),
    "6": _("Tourism (旅游)"),
    "7": _("Religious affairs (宗教)"),
    "8": _("Trade unions (工会)"),
    "9": _("Industry and commerce (工商)"),
    "A": _("Central Military Commission reform and staffing office"),
    "N": _("Agriculture (农业)"),
    "Y": _("Other (其他)"),
}
# GB 32100-2015 §5: weights 3^(i-1) mod 31 for positions 1–17.
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
# GB 11714-1997 §5: weights of the organization code's eight body characters.
ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


# --- single-line text and plausible dates ---------------------------------------------------

# C0 and C1 control characters (line breaks, tabs, NUL…) and the Unicode bidirectional
# embeddings, overrides and isolates, which can make a name read differently from what it is.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The founding of the People's Republic: no record the bureau keeps is older.
DATE_MIN = datetime.date(1949, 1, 1)
# How far ahead plans (completion dates, implementation of a standard) may reach.
DATE_FUTURE_YEARS = 10


def validate_single_line(value: str) -> None:
    """Refuse control characters (line breaks, tabs…) and bidirectional overrides in a name,
    an address or another one-line text: they would break e-mail subjects and mislead readers."""
    match = CONTROL_CHARACTERS_RE.search(str(value))
    if match:
        raise ValidationError(
            _(
                "Enter this on a single line, without line breaks, tabs or other invisible "
                "control characters (found %(character)s)."
            ),
            code="control_character",
            params={"character": f"U+{ord(match.group()):04X}"},
        )


def single_line(text: str) -> str:
    """``text`` on one line: runs of whitespace become one space, control characters go."""
    return CONTROL_CHARACTERS_RE.sub("", " ".join(str(text).split()))


def latest_plausible_date() -> datetime.date:
    """Today, ``DATE_FUTURE_YEARS`` years on (28 February for a 29 February)."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + DATE_FUTURE_YEARS)
    except ValueError:
        return today.replace(year=today.year + DATE_FUTURE_YEARS, day=28)


def validate_plausible_date(value: datetime.date) -> None:
    """A date from 1949 to ten years ahead: years such as 1 or 9999 are typing mistakes."""
    latest = latest_plausible_date()
    if not DATE_MIN <= value <= latest:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s."),
            code="date_range",
            params={"min": DATE_MIN.isoformat(), "max": latest.isoformat()},
        )


def validate_plausible_year(value: int) -> None:
    """A year of a date that ``validate_plausible_date`` accepts."""
    latest = latest_plausible_date().year
    if not DATE_MIN.year <= value <= latest:
        raise ValidationError(
            _("Enter a year between %(min)d and %(max)d."),
            code="year_range",
            params={"min": DATE_MIN.year, "max": latest},
        )


# --- unified social credit codes ------------------------------------------------------------


def normalize_uscc(value: str) -> str:
    """Fold full-width characters, drop spaces and upper-case, as typed codes often need."""
    value = unicodedata.normalize("NFKC", str(value))
    return "".join(value.split()).upper()


def organization_code_check_character(body: str) -> str:
    """GB 11714 check character for the eight-character organization code body."""
    total = 0
    for char, weight in zip(body, ORGANIZATION_CODE_WEIGHTS, strict=True):
        value = int(char) if char.isdigit() else ord(char) - ord("A") + 10
        total += value * weight
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_character(first_17: str) -> str:
    """GB 32100 check character (position 18) for the first 17 characters."""
    total = sum(
        USCC_ALPHABET.index(char) * weight
        for char, weight in zip(first_17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """Check a unified social credit code against every rule of GB 32100-2015.

    The value is normalised first (see ``normalize_uscc``). The first rule that fails is reported,
    in the order: length, character set per position, registering department, the embedded
    organization code's check character (GB 11714), the final check character.
    """
    code = normalize_uscc(value)
    if len(code) != USCC_LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="uscc_length",
            params={"count": len(code)},
        )
    for position, char in enumerate(code, start=1):
        if 3 <= position <= 8:
            if not char.isascii() or not char.isdigit():
                raise ValidationError(
                    _(
                        "Characters 3 to 8 are the administrative division code and must be "
                        "digits; character %(position)d is “%(char)s”."
                    ),
                    code="uscc_division",
                    params={"position": position, "char": char},
                )
        elif char not in USCC_ALPHABET:
            raise ValidationError(
                _(
                    "Character %(position)d (“%(char)s”) is not allowed: a credit code uses "
                    "digits and capital letters except I, O, S, V and Z."
                ),
                code="uscc_alphabet",
                params={"position": position, "char": char},
            )
    if code[0] not in USCC_DEPARTMENTS:
        raise ValidationError(
            _(
                "Character 1 (“%(char)s”) is not a registering department code; it must be "
                "one of 1–9, A, N or Y."
            ),
            code="uscc_department",
            params={"char": code[0]},
        )
    expected = organization_code_check_character(code[8:16])
    if code[16] != expected:
        raise ValidationError(
            _(
                "The organization code inside the credit code (characters 9 to 17) is wrong: "
                "its check character should be “%(expected)s”, not “%(found)s”."
            ),
            code="uscc_organization_code",
            params={"expected": expected, "found": code[16]},
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The last character is the check character and should be “%(expected)s”, "
                "not “%(found)s”; please check the code for a typing mistake."
            ),
            code="uscc_check",
            params={"expected": expected, "found": code[17]},
        )


def make_uscc(department_and_kind: str, division_code: str, organization_body: str) -> str:
    """Build a well-formed code (for samples and tests) from its parts, adding both checks."""
    first_16 = department_and_kind + division_code + organization_body
    first_17 = first_16 + organization_code_check_character(organization_body)
    return first_17 + uscc_check_character(first_17)


PHONE_RE = re.compile(
    r"^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|400-?\d{3}-?\d{4})$"
)


def validate_phone(value: str) -> None:
    """A mainland mobile number (11 digits), a landline with its area code, or a 400 number."""
    compact = re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", value))
    if not PHONE_RE.match(compact):
        raise ValidationError(
            _(
                "Enter a mobile number (11 digits, e.g. 13800000000) or a landline with its "
                "area code (e.g. 0715-4321234)."
            ),
            code="phone",
        )
