"""Standard designations (标准编号): parsed, checked and normalised.

They follow the national, sector, local, association and enterprise standard rules; local codes
use the province codes of GB/T 2260 (a code, a sequence number with optional parts, a year).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Sector standard codes (行业标准代号) as listed by the Standardization Administration of China.
SECTOR_CODES = frozenset(
    "AQ BB CB CH CJ CY DA DL DZ EJ FZ GA GH GM GY HB HG HJ HS HY JB JC JG JR JT JY LB LD LS LY "  # noqa: SIM905
    "MH MT MZ NB NY QB QC QJ QX SB SC SH SJ SL SN SY TB TD TY WB WH WJ WM WS WW XB YB YC YD YS "
    "YY YZ ZY".split()
)
# GB/T 2260: the two-digit codes of the provinces, autonomous regions and municipalities.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 "  # noqa: SIM905
    "65".split()
)
STANDARD_YEAR_MIN = 1950
# Dashes seen in print and typing that NFKC leaves alone (the full-width hyphen it folds itself).
STANDARD_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹘", "-"))
# The code before the number when a space follows it; T/ and Q/ codes may contain digits.
STANDARD_HEAD_RE = re.compile(r"[TQ]/[A-Z0-9]*|DB\d*(?:/[A-Z]*)?|[A-Z]+(?:/[A-Z]*)?")
# Without a space, the code ends where the number begins.
STANDARD_UNSPACED_HEAD_RE = re.compile(r"T/[A-Z]*|[A-Z]+\d*/[A-Z]*|DB\d*|[A-Z]+")
STANDARD_BODY_RE = re.compile(
    r"(?P<number>[A-Z0-9]*)(?P<part>\.[^-/ ]*)?(?:-(?P<year>[A-Z0-9]*))?"
    r"(?:/(?P<amendment>[^/ ]*))?(?P<rest>.*)"
)


@dataclass(frozen=True)
class StandardCode:
    """A standard designation taken apart by ``parse_standard_code``."""

    kind: str  # "national", "sector", "local", "association" or "enterprise"
    issuer: str  # "GB", "NY", "DB42", "DB3301", "T/CAS", "Q/HPS"
    recommended: bool  # /T
    guidance: bool  # GB/Z
    number: str
    part: str
    year: int
    amendment: str  # "XG1-2006"
    designation: str  # "DB3301/T 0322.3-2020"


def _normalize_standard_code(text: str) -> str:
    """Fold full-width characters and dashes, upper-case, collapse whitespace and drop spaces
    around "/", "-" and ".", so that a space is left only between the code and the number."""
    text = unicodedata.normalize("NFKC", str(text)).translate(STANDARD_DASHES).upper()
    text = re.sub(r" ?([/.-]) ?", r"\1", " ".join(text.split()))
    return re.sub(r"^DB (?=\d)", "DB", text)


def _split_standard_code(text: str) -> tuple[str, str]:
    """Split the code (with /T or /Z) from the number, year and amendment."""
    head, space, body = text.partition(" ")
    if space and STANDARD_HEAD_RE.fullmatch(head):
        return head, body
    if re.match(r"Q/[A-Z0-9]|DB\d{3,}(?![\d/])", text):
        raise ValidationError(
            _(
                "Put a space between the code and the sequence number, e.g. DB42 169-2022 or "
                "Q/HPS 001-2013; without it the two cannot be told apart."
            ),
            code="standard_space",
        )
    match = STANDARD_UNSPACED_HEAD_RE.match(text)
    head = match.group() if match else ""
    return head, text[len(head) :]


def _parse_standard_issuer(head: str) -> tuple[str, str, bool, bool]:
    """(kind, issuer, recommended, guidance) for the code before the number."""
    if head.startswith("T/"):
        if head == "T/":
            raise ValidationError(
                _("The association's code is missing after “T/”, e.g. T/CAS 290-2017."),
                code="standard_association_missing",
            )
        if not re.fullmatch(r"[A-Z][A-Z0-9]{1,11}", head[2:]):
            raise ValidationError(
                _(
                    "“%(code)s” is not an association code: it has 2 to 12 capital letters or "
                    "digits and starts with a letter, e.g. T/CAS 290-2017."
                ),
                code="standard_association_code",
                params={"code": head[2:]},
            )
        return "association", head, False, False
    if head.startswith("Q/"):
        if head == "Q/":
            raise ValidationError(
                _("The enterprise's code is missing after “Q/”, e.g. Q/HPS 001-2013."),
                code="standard_enterprise_missing",
            )
        if not re.fullmatch(r"[A-Z0-9]{1,20}", head[2:]):
            raise ValidationError(
                _(
                    "“%(code)s” is not an enterprise code: it has 1 to 20 capital letters or "
                    "digits, e.g. Q/HPS 001-2013."
                ),
                code="standard_enterprise_code",
                params={"code": head[2:]},
            )
        return "enterprise", head, False, False
    if not head:
        raise ValidationError(
            _(
                "The code is missing: a designation starts with GB, a sector code such as NY, "
                "DB and a province code, T/ or Q/, e.g. GB/T 19580-2012."
            ),
            code="standard_prefix_missing",
        )
    match = re.fullmatch(r"([A-Z]+)(\d*)(?:/([A-Z]*))?", head)
    letters, digits, suffix = match.groups() if match else ("", "", None)
    code = letters + digits
    if letters == "DB":
        if len(digits) not in (2, 4):
            raise ValidationError(
                _(
                    "“%(code)s” is not a local standard code: DB is followed by a two-digit "
                    "province code or a four-digit city code, e.g. DB42 or DB3301."
                ),
                code="standard_local_code",
                params={"code": code},
            )
        if digits[:2] not in PROVINCE_CODES:
            raise ValidationError(
                _(
                    "“%(province)s” is not a province code, so “%(code)s” is not a local "
                    "standard code (e.g. DB42 for Hubei, DB3301 for Hangzhou)."
                ),
                code="standard_province",
                params={"province": digits[:2], "code": code},
            )
        kind = "local"
    elif letters == "GB" and not digits:
        kind = "national"
    elif len(letters) == 2 and not digits:
        if letters not in SECTOR_CODES:
            raise ValidationError(
                _(
                    "“%(code)s” is not a sector standard code; sector codes are two letters "
                    "from the official list, e.g. NY (agriculture) or LY (forestry)."
                ),
                code="standard_sector",
                params={"code": letters},
            )
        kind = "sector"
    else:
        raise ValidationError(
            _(
                "“%(prefix)s” is not a standard code: a designation starts with GB, a sector "
                "code such as NY, DB and a province code, T/ or Q/, e.g. GB/T 19580-2012."
            ),
            code="standard_prefix_unknown",
            params={"prefix": head},
        )
    if suffix not in (None, "T", "Z"):
        raise ValidationError(
            _(
                "“%(code)s/%(suffix)s” has an unknown suffix: the code may be followed only by "
                "/T (recommended) or, for national standards, /Z (guidance)."
            ),
            code="standard_suffix",
            params={"code": code, "suffix": suffix},
        )
    if suffix == "Z" and kind != "national":
        raise ValidationError(
            _("“%(code)s/Z” does not exist: only national standards have the guidance form GB/Z."),
            code="standard_guidance",
            params={"code": code},
        )
    return kind, code, suffix == "T", suffix == "Z"


def parse_standard_code(text: str) -> StandardCode:
    """Take a standard designation (标准编号) apart: code, sequence number, year, amendment.

    A designation is the issuer's code, the sequence number (with an optional part after a dot)
    and the year: national GB, GB/T, GB/Z (GB/T 19580-2012); sector standards under the
    two-letter codes of ``SECTOR_CODES``, with /T when recommended (NY/T 5010-2016); local
    standards under DB and the GB/T 2260 province code, or four digits for a city
    (DB42/T 169-2022, DB3301/T 0322.3-2020); association standards under T/ and the
    association's code (T/CAS 290-2017); enterprise standards under Q/ and the enterprise's code
    (Q/HPS 001-2013), whose numbers may contain letters. Older standards give the year in two
    digits (GB 7714-87 is of 1987); an amendment is appended as /XG1-2006.

    Full-width characters, dashes of any kind, lower case and missing or extra spaces are
    accepted. The first rule that fails is reported, reading from left to right.
    """
    text = _normalize_standard_code(text)
    if not text:
        raise ValidationError(
            _("Enter a standard designation, e.g. GB/T 19580-2012."), code="standard_empty"
        )
    head, body = _split_standard_code(text)
    kind, issuer, recommended, guidance = _parse_standard_issuer(head)
    match = STANDARD_BODY_RE.fullmatch(body)
    number, part, year_text, amendment, rest = match.group(
        "number", "part", "year", "amendment", "rest"
    )
    if not number:
        raise ValidationError(
            _(
                "The sequence number is missing: the code is followed by a number and the year, "
                "e.g. GB/T 19580-2012."
            ),
            code="standard_number_missing",
        )
    if kind != "enterprise" and not number.isdigit():
        raise ValidationError(
            _(
                "The sequence number “%(number)s” must be digits; only enterprise standards "
                "(Q/…) may have letters in it."
            ),
            code="standard_number",
            params={"number": number},
        )
    if part is not None and not re.fullmatch(r"\.\d+(?:\.\d+)*", part):
        raise ValidationError(
            _(
                "“%(part)s” is not a part number: after the dot come digits, e.g. .3 in "
                "DB3301/T 0322.3-2020."
            ),
            code="standard_part",
            params={"part": part},
        )
    if not year_text:
        raise ValidationError(
            _("The year is missing: a designation ends in -YEAR, e.g. GB/T 19580-2012."),
            code="standard_year_missing",
        )
    if not re.fullmatch(r"\d{2}|\d{4}", year_text):
        raise ValidationError(
            _(
                "“%(year)s” is not a year: write four digits (two in older standards), e.g. "
                "GB/T 19580-2012 or GB 7714-87."
            ),
            code="standard_year",
            params={"year": year_text},
        )
    year = int(year_text) + (1900 if len(year_text) == 2 else 0)
    latest = datetime.date.today().year + 1
    if not STANDARD_YEAR_MIN <= year <= latest:
        raise ValidationError(
            _("The year %(year)d is out of range: it must be between %(min)d and %(max)d."),
            code="standard_year_range",
            params={"year": year, "min": STANDARD_YEAR_MIN, "max": latest},
        )
    if amendment is not None:
        amendment_match = re.fullmatch(r"XG\d+-(\d{4})", amendment)
        if not amendment_match:
            raise ValidationError(
                _(
                    "“/%(amendment)s” is not an amendment: it is written /XG, its number and "
                    "its four-digit year, e.g. GB 2760-1996/XG1-2006."
                ),
                code="standard_amendment",
                params={"amendment": amendment},
            )
        amendment_year = int(amendment_match.group(1))
        if not year <= amendment_year <= latest:
            raise ValidationError(
                _(
                    "The amendment's year %(year)d must be between the standard's year "
                    "%(min)d and %(max)d."
                ),
                code="standard_amendment_year",
                params={"year": amendment_year, "min": year, "max": latest},
            )
    if rest:
        raise ValidationError(
            _(
                "Unexpected “%(rest)s” after the designation: it ends with the year, or with an "
                "amendment such as /XG1-2006."
            ),
            code="standard_trailing",
            params={"rest": rest.strip()},
        )
    prefix = issuer + ("/T" if recommended else "") + ("/Z" if guidance else "")
    designation = f"{prefix} {number}" + (part or "") + f"-{year}"
    if amendment:
        designation += f"/{amendment}"
    return StandardCode(
        kind=kind,
        issuer=issuer,
        recommended=recommended,
        guidance=guidance,
        number=number,
        part=(part or "")[1:],
        year=year,
        amendment=amendment or "",
        designation=designation,
    )
