import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from portal.validators import (
    latest_plausible_date,
    make_uscc,
    normalize_uscc,
    organization_code_check_character,
    single_line,
    uscc_check_character,
    validate_phone,
    validate_plausible_date,
    validate_plausible_year,
    validate_single_line,
    validate_uscc,
)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the worked example of GB 32100-2015
        "914403001922038216",  # 华为技术有限公司
        "91110108551385082Q",  # 小米科技有限责任公司
    ],
)
def test_validate_uscc_accepts_published_codes(code):
    assert validate_uscc(code) is None


def test_validate_uscc_accepts_lower_case_spaces_and_full_width():
    assert validate_uscc(" 91110108551385082q ") is None
    assert validate_uscc("９１１１０１０８５５１３８５０８２Ｑ") is None


def test_normalize_uscc_trims_folds_and_upper_cases():
    assert normalize_uscc(" 9111 0108 5513 8508 2q\n") == "91110108551385082Q"
    assert normalize_uscc("９１３５０１００ｍ０００１００ｙ４３") == "91350100M000100Y43"


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here; views tests assert the Chinese ones."""
    with translation.override("en"):
        yield


def error_of(code):
    with pytest.raises(ValidationError) as raised:
        validate_uscc(code)
    error = raised.value.error_list[0]
    return error.code, error.message % error.params


@pytest.mark.parametrize(
    ("code", "expected_code", "expected_message"),
    [
        (
            "9135010M000100Y43",
            "uscc_length",
            "A unified social credit code has 18 characters; this one has 17.",
        ),
        (
            "91350100M000100Y431",
            "uscc_length",
            "A unified social credit code has 18 characters; this one has 19.",
        ),
        (
            "91350100M000100Y4Z",
            "uscc_alphabet",
            "Character 18 (“Z”) is not allowed: a credit code uses digits and capital letters "
            "except I, O, S, V and Z.",
        ),
        (
            "9I350100M000100Y43",
            "uscc_alphabet",
            "Character 2 (“I”) is not allowed: a credit code uses digits and capital letters "
            "except I, O, S, V and Z.",
        ),
        (
            "91350100M0O0100Y43",
            "uscc_alphabet",
            "Character 11 (“O”) is not allowed: a credit code uses digits and capital letters "
            "except I, O, S, V and Z.",
        ),
        (
            "9135A100M000100Y43",
            "uscc_division",
            "Characters 3 to 8 are the administrative division code and must be digits; "
            "character 5 is “A”.",
        ),
        (
            "B1350100M000100Y43",
            "uscc_department",
            "Character 1 (“B”) is not a registering department code; it must be one of 1–9, "
            "A, N or Y.",
        ),
        (
            "91350100M000100Y53",
            "uscc_organization_code",
            "The organization code inside the credit code (characters 9 to 17) is wrong: its "
            "check character should be “4”, not “5”.",
        ),
        (
            "914403001922038217",
            "uscc_check",
            "The last character is the check character and should be “6”, not “7”; please "
            "check the code for a typing mistake.",
        ),
    ],
)
def test_validate_uscc_names_the_rule_that_failed(code, expected_code, expected_message):
    assert error_of(code) == (expected_code, expected_message)


def test_validate_uscc_department_zero_fails_on_department_rule_alone():
    # '0' is in the alphabet but is no registering department; every other rule holds.
    code = make_uscc("01", "421222", "MA48B1C3")
    assert error_of(code)[0] == "uscc_department"


def test_validate_uscc_organization_code_error_only_when_other_rules_hold():
    # A wrong organization check character with a final check character computed to match:
    # only the GB 11714 rule fails.
    first_16 = "91421222MA48B1C3"
    wrong = "0" if organization_code_check_character("MA48B1C3") != "0" else "1"
    code = first_16 + wrong
    code += uscc_check_character(code)
    assert error_of(code)[0] == "uscc_organization_code"


def test_organization_code_check_character_maps_ten_and_eleven():
    # GB 11714: C9 = 11 - (Σ mod 11); 10 is written "X" and 11 is written "0".
    assert organization_code_check_character("00000001") == "9"  # Σ = 2
    assert organization_code_check_character("40000000") == "X"  # Σ = 12, 12 mod 11 = 1
    assert organization_code_check_character("00000000") == "0"  # Σ = 0
    assert organization_code_check_character("0000000A") == "2"  # A = 10, Σ = 20


def test_make_uscc_builds_valid_codes():
    code = make_uscc("93", "421222", "MA48F5G7")
    assert len(code) == 18
    assert validate_uscc(code) is None


@pytest.mark.parametrize(
    "phone",
    [
        "13800000000",
        "+86 138 0000 0000",
        "0715-4321234",
        "07154321234",
        "027-87654321-801",
        "400-810-8888",
        "（0715）4321234",
    ],
)
def test_validate_phone_accepts_mobile_and_landline(phone):
    assert validate_phone(phone) is None


@pytest.mark.parametrize("phone", ["12345", "1380000000", "23800000000", "0715-12", "abc"])
def test_validate_phone_rejects_malformed_numbers(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


# --- single-line text and plausible dates ---


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("通城县\n茶叶", "U+000A"),
        ("通城县\r茶叶", "U+000D"),
        ("通城县\t茶叶", "U+0009"),
        ("通城县\x00茶叶", "U+0000"),
        ("通城县\x7f茶叶", "U+007F"),
        ("通城县\x85茶叶", "U+0085"),
        ("通城县\u202e茶叶", "U+202E"),
        ("通城县\u2066茶叶", "U+2066"),
    ],
)
def test_validate_single_line_refuses_control_characters(text, character):
    with pytest.raises(ValidationError) as error:
        validate_single_line(text)
    assert (error.value.code, error.value.params) == ("control_character", {"character": character})


def test_validate_single_line_accepts_ordinary_names():
    assert validate_single_line("通城县 A&B 茶叶（集团）有限公司 <总部>") is None


def test_single_line_folds_whitespace_and_drops_control_characters():
    assert single_line("  A&B\r\nBcc: x\t\x00y\u202e  ") == "A&B Bcc: x y"


def test_validate_plausible_date_bounds():
    latest = latest_plausible_date()
    assert validate_plausible_date(datetime.date(1949, 1, 1)) is None
    assert validate_plausible_date(latest) is None
    for date in (
        datetime.date(1948, 12, 31),
        latest + datetime.timedelta(days=1),
        datetime.date(1, 1, 1),
        datetime.date(9999, 1, 1),
    ):
        with pytest.raises(ValidationError) as error:
            validate_plausible_date(date)
        assert error.value.code == "date_range"


def test_latest_plausible_date_of_29_february_is_28_february(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2028, 2, 29))
    assert latest_plausible_date() == datetime.date(2038, 2, 28)


def test_validate_plausible_year_bounds():
    assert validate_plausible_year(1949) is None
    for year in (0, -1, 1948, 10000, latest_plausible_date().year + 1):
        with pytest.raises(ValidationError) as error:
            validate_plausible_year(year)
        assert error.value.code == "year_range"
