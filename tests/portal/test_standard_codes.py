import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from portal.standard_codes import StandardCode, parse_standard_code

LATEST_YEAR = datetime.date.today().year + 1


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here."""
    with translation.override("en"):
        yield


def error_of(text):
    with pytest.raises(ValidationError) as raised:
        parse_standard_code(text)
    error = raised.value.error_list[0]
    return error.code, error.message % (error.params or {})


# StandardCode fields: kind, issuer, recommended, guidance, number, part, year, amendment,
# designation.
VALID = [
    (
        "GB/T 19580-2012",
        StandardCode("national", "GB", True, False, "19580", "", 2012, "", "GB/T 19580-2012"),
    ),
    (
        "GB 7714-87",
        StandardCode("national", "GB", False, False, "7714", "", 1987, "", "GB 7714-1987"),
    ),
    (
        "GB/Z 17624.1-1998",
        StandardCode("national", "GB", False, True, "17624", "1", 1998, "", "GB/Z 17624.1-1998"),
    ),
    (
        "GB/T 1.1-2020",
        StandardCode("national", "GB", True, False, "1", "1", 2020, "", "GB/T 1.1-2020"),
    ),
    (
        "GB/T 7714.1.2-2015",
        StandardCode("national", "GB", True, False, "7714", "1.2", 2015, "", "GB/T 7714.1.2-2015"),
    ),
    (
        "NY/T 5010-2016",
        StandardCode("sector", "NY", True, False, "5010", "", 2016, "", "NY/T 5010-2016"),
    ),
    (
        "LY/T 2987-2018",
        StandardCode("sector", "LY", True, False, "2987", "", 2018, "", "LY/T 2987-2018"),
    ),
    (
        "SB/T 10482-2008",
        StandardCode("sector", "SB", True, False, "10482", "", 2008, "", "SB/T 10482-2008"),
    ),
    (
        "SC/T 1077-2004",
        StandardCode("sector", "SC", True, False, "1077", "", 2004, "", "SC/T 1077-2004"),
    ),
    (
        "QB 1002-1990",
        StandardCode("sector", "QB", False, False, "1002", "", 1990, "", "QB 1002-1990"),
    ),
    (
        "DB42/T 169-2022",
        StandardCode("local", "DB42", True, False, "169", "", 2022, "", "DB42/T 169-2022"),
    ),
    (
        "DB42 169-2022",
        StandardCode("local", "DB42", False, False, "169", "", 2022, "", "DB42 169-2022"),
    ),
    (
        "DB3301/T 0322.3-2020",
        StandardCode("local", "DB3301", True, False, "0322", "3", 2020, "", "DB3301/T 0322.3-2020"),
    ),
    (
        "T/CAS 290-2017",
        StandardCode("association", "T/CAS", False, False, "290", "", 2017, "", "T/CAS 290-2017"),
    ),
    (
        "T/CCSA 123-2019",
        StandardCode("association", "T/CCSA", False, False, "123", "", 2019, "", "T/CCSA 123-2019"),
    ),
    (
        "Q/HPS 001-2013",
        StandardCode("enterprise", "Q/HPS", False, False, "001", "", 2013, "", "Q/HPS 001-2013"),
    ),
    (
        "Q/JLY J711-2009",
        StandardCode("enterprise", "Q/JLY", False, False, "J711", "", 2009, "", "Q/JLY J711-2009"),
    ),
    (
        "GB 2760-1996/XG1-2006",
        StandardCode(
            "national", "GB", False, False, "2760", "", 1996, "XG1-2006", "GB 2760-1996/XG1-2006"
        ),
    ),
    # Em dash, en dash, minus sign and full-width hyphen as printed.
    (
        "DB52/T 380—2017",
        StandardCode("local", "DB52", True, False, "380", "", 2017, "", "DB52/T 380-2017"),
    ),
    (
        "LY/T 2987–2018",
        StandardCode("sector", "LY", True, False, "2987", "", 2018, "", "LY/T 2987-2018"),
    ),
    (
        "GB/T 19580−2012",
        StandardCode("national", "GB", True, False, "19580", "", 2012, "", "GB/T 19580-2012"),
    ),
    (
        "NY/T 5010－2016",
        StandardCode("sector", "NY", True, False, "5010", "", 2016, "", "NY/T 5010-2016"),
    ),
    # Full-width letters, digits, slash, hyphen and ideographic space.
    (
        "ＧＢ／Ｔ　１９５８０－２０１２",
        StandardCode("national", "GB", True, False, "19580", "", 2012, "", "GB/T 19580-2012"),
    ),
    # Lower case, missing and extra spaces.
    (
        "gb/t19580-2012",
        StandardCode("national", "GB", True, False, "19580", "", 2012, "", "GB/T 19580-2012"),
    ),
    (
        "gb7714-87",
        StandardCode("national", "GB", False, False, "7714", "", 1987, "", "GB 7714-1987"),
    ),
    (
        "db3301/t0322.3-2020",
        StandardCode("local", "DB3301", True, False, "0322", "3", 2020, "", "DB3301/T 0322.3-2020"),
    ),
    (
        "t/cas290-2017",
        StandardCode("association", "T/CAS", False, False, "290", "", 2017, "", "T/CAS 290-2017"),
    ),
    (
        "  GB/T  19580 - 2012 ",
        StandardCode("national", "GB", True, False, "19580", "", 2012, "", "GB/T 19580-2012"),
    ),
    (
        "DB 42 / T 169 - 2022",
        StandardCode("local", "DB42", True, False, "169", "", 2022, "", "DB42/T 169-2022"),
    ),
    (
        "gb 2760-1996 / xg1-2006",
        StandardCode(
            "national", "GB", False, False, "2760", "", 1996, "XG1-2006", "GB 2760-1996/XG1-2006"
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_standard_code_takes_valid_designations_apart(text, expected):
    assert parse_standard_code(text) == expected


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_standard_code_reads_its_own_designation_back(text, expected):
    assert parse_standard_code(expected.designation) == expected


def test_parse_standard_code_accepts_next_year_and_refuses_the_year_after():
    assert parse_standard_code(f"GB/T 1-{LATEST_YEAR}").year == LATEST_YEAR
    assert error_of(f"GB/T 1-{LATEST_YEAR + 1}") == (
        "standard_year_range",
        f"The year {LATEST_YEAR + 1} is out of range: it must be between 1950 and {LATEST_YEAR}.",
    )


@pytest.mark.parametrize(
    ("text", "expected_code", "expected_message"),
    [
        ("", "standard_empty", "Enter a standard designation, e.g. GB/T 19580-2012."),
        ("  　", "standard_empty", "Enter a standard designation, e.g. GB/T 19580-2012."),
        (
            "19580-2012",
            "standard_prefix_missing",
            "The code is missing: a designation starts with GB, a sector code such as NY, DB "
            "and a province code, T/ or Q/, e.g. GB/T 19580-2012.",
        ),
        (
            "GBT 19580-2012",
            "standard_prefix_unknown",
            "“GBT” is not a standard code: a designation starts with GB, a sector code such as "
            "NY, DB and a province code, T/ or Q/, e.g. GB/T 19580-2012.",
        ),
        (
            "XY/T 123-2020",
            "standard_sector",
            "“XY” is not a sector standard code; sector codes are two letters from the official "
            "list, e.g. NY (agriculture) or LY (forestry).",
        ),
        (
            "DB99/T 1-2020",
            "standard_province",
            "“99” is not a province code, so “DB99” is not a local standard code (e.g. DB42 for "
            "Hubei, DB3301 for Hangzhou).",
        ),
        (
            "DB7301/T 1-2020",
            "standard_province",
            "“73” is not a province code, so “DB7301” is not a local standard code (e.g. DB42 "
            "for Hubei, DB3301 for Hangzhou).",
        ),
        (
            "DB421/T 1-2020",
            "standard_local_code",
            "“DB421” is not a local standard code: DB is followed by a two-digit province code "
            "or a four-digit city code, e.g. DB42 or DB3301.",
        ),
        (
            "DB/T 1-2020",
            "standard_local_code",
            "“DB” is not a local standard code: DB is followed by a two-digit province code or "
            "a four-digit city code, e.g. DB42 or DB3301.",
        ),
        (
            "GB/X 1-2020",
            "standard_suffix",
            "“GB/X” has an unknown suffix: the code may be followed only by /T (recommended) or, "
            "for national standards, /Z (guidance).",
        ),
        (
            "NY/Z 5010-2016",
            "standard_guidance",
            "“NY/Z” does not exist: only national standards have the guidance form GB/Z.",
        ),
        (
            "DB42/Z 169-2022",
            "standard_guidance",
            "“DB42/Z” does not exist: only national standards have the guidance form GB/Z.",
        ),
        (
            "T/ 290-2017",
            "standard_association_missing",
            "The association's code is missing after “T/”, e.g. T/CAS 290-2017.",
        ),
        (
            "T/1CA 290-2017",
            "standard_association_code",
            "“1CA” is not an association code: it has 2 to 12 capital letters or digits and "
            "starts with a letter, e.g. T/CAS 290-2017.",
        ),
        (
            "Q/-2013",
            "standard_enterprise_missing",
            "The enterprise's code is missing after “Q/”, e.g. Q/HPS 001-2013.",
        ),
        (
            "Q/ABCDEFGHIJKLMNOPQRSTU 001-2013",
            "standard_enterprise_code",
            "“ABCDEFGHIJKLMNOPQRSTU” is not an enterprise code: it has 1 to 20 capital letters "
            "or digits, e.g. Q/HPS 001-2013.",
        ),
        (
            "Q/HPS001-2013",
            "standard_space",
            "Put a space between the code and the sequence number, e.g. DB42 169-2022 or "
            "Q/HPS 001-2013; without it the two cannot be told apart.",
        ),
        (
            "DB42169-2022",
            "standard_space",
            "Put a space between the code and the sequence number, e.g. DB42 169-2022 or "
            "Q/HPS 001-2013; without it the two cannot be told apart.",
        ),
        (
            "GB/T -2012",
            "standard_number_missing",
            "The sequence number is missing: the code is followed by a number and the year, "
            "e.g. GB/T 19580-2012.",
        ),
        (
            "GB/T 19S80-2012",
            "standard_number",
            "The sequence number “19S80” must be digits; only enterprise standards (Q/…) may "
            "have letters in it.",
        ),
        (
            "DB3301/T 0322.A-2020",
            "standard_part",
            "“.A” is not a part number: after the dot come digits, e.g. .3 in "
            "DB3301/T 0322.3-2020.",
        ),
        (
            "GB/T 19580.-2012",
            "standard_part",
            "“.” is not a part number: after the dot come digits, e.g. .3 in DB3301/T 0322.3-2020.",
        ),
        (
            "GB/T 19580",
            "standard_year_missing",
            "The year is missing: a designation ends in -YEAR, e.g. GB/T 19580-2012.",
        ),
        (
            "GB/T 19580 2012",
            "standard_year_missing",
            "The year is missing: a designation ends in -YEAR, e.g. GB/T 19580-2012.",
        ),
        (
            "GB/T 19580-201",
            "standard_year",
            "“201” is not a year: write four digits (two in older standards), e.g. "
            "GB/T 19580-2012 or GB 7714-87.",
        ),
        (
            "GB/T 19580-1949",
            "standard_year_range",
            f"The year 1949 is out of range: it must be between 1950 and {LATEST_YEAR}.",
        ),
        (
            "GB 2760-1996/XG1-06",
            "standard_amendment",
            "“/XG1-06” is not an amendment: it is written /XG, its number and its four-digit "
            "year, e.g. GB 2760-1996/XG1-2006.",
        ),
        (
            "GB 2760-1996/1-2006",
            "standard_amendment",
            "“/1-2006” is not an amendment: it is written /XG, its number and its four-digit "
            "year, e.g. GB 2760-1996/XG1-2006.",
        ),
        (
            "GB 2760-1996/XG1-1990",
            "standard_amendment_year",
            f"The amendment's year 1990 must be between the standard's year 1996 and "
            f"{LATEST_YEAR}.",
        ),
        (
            "GB/T 19580-2012 draft",
            "standard_trailing",
            "Unexpected “DRAFT” after the designation: it ends with the year, or with an "
            "amendment such as /XG1-2006.",
        ),
        (
            "GB/T 19580-2012/XG1-2013/XG2-2014",
            "standard_trailing",
            "Unexpected “/XG2-2014” after the designation: it ends with the year, or with an "
            "amendment such as /XG1-2006.",
        ),
    ],
)
def test_parse_standard_code_names_the_rule_that_failed(text, expected_code, expected_message):
    assert error_of(text) == (expected_code, expected_message)
