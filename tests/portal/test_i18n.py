"""Both catalogues are complete, and the compiled files match them."""

import gettext
from ast import literal_eval
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def read_po(language):
    """(msgid, msgstr values, flags) of each entry, parsed without extra dependencies."""
    entries, current, key = [], None, None
    for line in (LOCALE / language / "LC_MESSAGES" / "django.po").read_text().splitlines():
        if line.startswith("#,"):
            current = {"flags": line, "msgid": "", "msgstr": {}, "context": ""}
            entries.append(current)
        elif line.startswith("msgctxt "):
            if current is None or current["msgid"] or current["msgstr"]:
                current = {"flags": "", "msgid": "", "msgstr": {}, "context": ""}
                entries.append(current)
            current["context"] = literal_eval(line[8:])
        elif line.startswith("msgid "):
            if current is None or current["msgid"] or current["msgstr"]:
                current = {"flags": "", "msgid": "", "msgstr": {}, "context": ""}
                entries.append(current)
            key = "msgid"
            current["msgid"] = literal_eval(line[6:])
        elif line.startswith("msgid_plural "):
            key = "plural"
        elif line.startswith("msgstr"):
            key = line.split(" ", 1)[0]
            current["msgstr"][key] = literal_eval(line.split(" ", 1)[1])
        elif line.startswith('"') and key:
            if key == "msgid":
                current["msgid"] += literal_eval(line)
            elif key.startswith("msgstr"):
                current["msgstr"][key] += literal_eval(line)
        elif not line.strip():
            current, key = None, None
    return [entry for entry in entries if entry["msgid"]]


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_catalogue_is_complete(language):
    entries = read_po(language)
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_compiled_catalogue_matches_source(language):
    entries = read_po(language)
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    singular = [e for e in entries if "msgstr" in e["msgstr"]]
    for entry in singular:
        key = f"{entry['context']}\x04{entry['msgid']}" if entry["context"] else entry["msgid"]
        assert catalog[key] == entry["msgstr"]["msgstr"]
