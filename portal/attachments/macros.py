"""Macros in office documents, found by content: by the parts, folders and records that hold them.

- OOXML (.docx, .xlsx, .pptx; ISO/IEC 29500): a VBA project part (``vbaProject.bin``), or any
  part whose content type is a VBA project, a macro-enabled main part (.docm, .xlsm, .pptm...) or
  an Excel 4.0 macro sheet.
- OpenDocument: a ``Basic/`` (StarBasic) or ``Scripts/`` (Python, JavaScript, BeanShell) folder,
  or a manifest entry of such a folder or of a script media type.
- Office 97–2003 (.doc, .xls, .ppt; a compound file): a VBA storage or stream (``Macros``,
  ``_VBA_PROJECT_CUR``, ``VBA``, ``_VBA_PROJECT``); in PowerPoint, whose VBA project is stored
  inside the "PowerPoint Document" stream, a VBA information record that says it has macros; in
  Excel, an Excel 4.0 macro sheet or Excel 5 VBA module sheet.

Parts read from a zip are read up to ``XML_READ_LIMIT`` bytes, so that a zip bomb costs little;
a larger part raises UnreadablePackage.
"""

import re
import struct
import zipfile
from pathlib import PurePosixPath

from portal.attachments.common import MEGABYTE, rewound
from portal.attachments.compound import STORAGE, STREAM, CompoundFile

XML_READ_LIMIT = 4 * MEGABYTE
# Lower-case fragments of OOXML content types that mark macros: application/vnd.ms-office.
# vbaProject, application/vnd.ms-word.document.macroEnabled.main+xml (and the other
# macro-enabled documents, templates, add-ins and shows), application/vnd.ms-excel.macrosheet+xml
# and application/vnd.ms-excel.intlmacrosheet+xml.
OOXML_MACRO_CONTENT_TYPES = ("vbaproject", "macroenabled", "macrosheet")
OPENDOCUMENT_MACRO_FOLDERS = ("basic/", "scripts/")
# Subtypes (without "x-") of script media types; not a fragment such as "script", which would
# also match application/postscript pictures.
OPENDOCUMENT_SCRIPT_SUBTYPES = {"javascript", "ecmascript", "python", "beanshell", "basic"}
# [MS-OVBA] §2.2.1, [MS-DOC] §2.1.8, [MS-XLS] §2.1.7.23: where Word and Excel keep a VBA project.
OFFICE97_VBA_NAMES = {"macros", "_vba_project_cur", "vba", "_vba_project"}
# [MS-PPT] §2.4.10: the headers of a VBAInfoContainer and of its VBAInfoAtom, which then holds
# persistIdRef, fHasMacros and version (4 bytes each).
POWERPOINT_VBA_INFO = bytes.fromhex("0f00ff0314000000020000040c000000")
# [MS-XLS] §2.4.28 BoundSheet8 (its dt byte: 1 macro sheet, 6 VBA module), §2.4.103 EOF,
# §2.4.117 FilePass (what follows is encrypted and cannot be read).
XLS_BOUNDSHEET, XLS_EOF, XLS_FILEPASS = 0x0085, 0x000A, 0x002F
XLS_MACRO_SHEET_TYPES = {1, 6}

ELEMENT_RE = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)\b([^>]*)>")
ATTRIBUTE_RE = re.compile(rb"""(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class UnreadablePackage(ValueError):
    """A part of the package is too large to read."""


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    """A small part of the package; without NUL bytes, so UTF-16 XML reads like ASCII."""
    with package.open(name) as part:
        data = part.read(XML_READ_LIMIT + 1)
    if len(data) > XML_READ_LIMIT:
        raise UnreadablePackage(f"{name} is larger than {XML_READ_LIMIT} bytes.")
    return data.replace(b"\0", b"")


def _elements(xml: bytes):
    """(local name, {attribute local name: value}) of each element, all in lower case."""
    for element, attributes in ELEMENT_RE.findall(xml.lower()):
        values = {
            name.decode("ascii", "replace"): (double or single).decode("utf-8", "replace")
            for name, double, single in ATTRIBUTE_RE.findall(attributes)
        }
        yield element.decode("ascii", "replace"), values


def ooxml_has_macros(package: zipfile.ZipFile) -> bool:
    """Whether an OOXML package holds a VBA project, is macro-enabled or has macro sheets."""
    names = [info.filename.lower() for info in package.infolist()]
    if any(PurePosixPath(name).name == "vbaproject.bin" for name in names):
        return True
    defaults, overrides = {}, {}
    for element, attributes in _elements(_read_part(package, "[Content_Types].xml")):
        content_type = attributes.get("contenttype", "")
        if element == "default":
            defaults[attributes.get("extension", "")] = content_type
        elif element == "override":
            overrides[attributes.get("partname", "").lstrip("/")] = content_type
    for name in names:
        content_type = overrides.get(name, defaults.get(PurePosixPath(name).suffix[1:], ""))
        if any(marker in content_type for marker in OOXML_MACRO_CONTENT_TYPES):
            return True
    return False


def opendocument_has_macros(package: zipfile.ZipFile) -> bool:
    """Whether an OpenDocument package holds Basic macros or scripts."""
    names = [info.filename for info in package.infolist()]
    if any(name.lower().startswith(OPENDOCUMENT_MACRO_FOLDERS) for name in names):
        return True
    if "META-INF/manifest.xml" not in names:
        return False
    for element, attributes in _elements(_read_part(package, "META-INF/manifest.xml")):
        if element != "file-entry":
            continue
        path, media_type = attributes.get("full-path", ""), attributes.get("media-type", "")
        subtype = media_type.rpartition("/")[2].removeprefix("x-")
        if path.startswith(OPENDOCUMENT_MACRO_FOLDERS) or subtype in OPENDOCUMENT_SCRIPT_SUBTYPES:
            return True
    return False


def opendocument_is_encrypted(package: zipfile.ZipFile) -> bool:
    """Whether an OpenDocument package's manifest describes encrypted entries (OpenDocument
    1.3 part 2 §4.8: an ``encryption-data`` element): it is protected by a password."""
    names = [info.filename for info in package.infolist()]
    if "META-INF/manifest.xml" not in names:
        return False
    return any(
        element == "encryption-data"
        for element, _attributes in _elements(_read_part(package, "META-INF/manifest.xml"))
    )


def _powerpoint_has_macros(stream: bytes) -> bool:
    start = stream.find(POWERPOINT_VBA_INFO)
    while start != -1:
        has_macros = stream[start + 20 : start + 24]
        if len(has_macros) == 4 and struct.unpack("<I", has_macros)[0] != 0:
            return True
        start = stream.find(POWERPOINT_VBA_INFO, start + 1)
    return False


def _workbook_has_macro_sheets(stream: bytes) -> bool:
    """Whether the workbook globals (BIFF5 or BIFF8 records) list a macro or module sheet."""
    offset = 0
    while offset + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, offset)
        body = stream[offset + 4 : offset + 4 + length]
        if record == XLS_BOUNDSHEET and len(body) >= 6 and body[5] in XLS_MACRO_SHEET_TYPES:
            return True
        if record in (XLS_EOF, XLS_FILEPASS):
            return False
        offset += 4 + length
    return False


def office97_has_macros(uploaded_file) -> bool:
    """Whether a Word, Excel or PowerPoint 97–2003 file holds macros.

    Raises CompoundFileError when the file is not a well-formed compound file.
    """
    with rewound(uploaded_file):
        compound = CompoundFile(uploaded_file, uploaded_file.size)
        entries = {
            entry.name.lower(): entry
            for entry in compound.entries
            if entry.kind in (STORAGE, STREAM)
        }
        if entries.keys() & OFFICE97_VBA_NAMES:
            return True
        powerpoint = entries.get("powerpoint document")
        if powerpoint and _powerpoint_has_macros(compound.read_stream(powerpoint)):
            return True
        workbook = entries.get("workbook") or entries.get("book")
        return bool(workbook and _workbook_has_macro_sheets(compound.read_stream(workbook)))
