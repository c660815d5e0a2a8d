"""Office and OpenDocument files with macros are refused, whatever their name."""

import struct

import pytest

from portal.attachments import validate_document
from tests.portal.attachments.files import OLE2, compound_file, errors_of, upload, zipped

MACROS = (
    "“{}” contains macros, which are not accepted: remove the macros, or save a copy in a format "
    "without them (such as .docx, .xlsx or .pptx), and upload that."
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>{}</Types>'
)
MAIN_DOCUMENT = (
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "{}</manifest:manifest>"
)


def refused_for_macros(name, content):
    return errors_of(validate_document, upload(name, content)) == [
        ("document_macros", MACROS.format(name))
    ]


def ooxml(content_types, **parts):
    return zipped({"[Content_Types].xml": content_types, "_rels/.rels": "<Relationships/>"} | parts)


def opendocument(manifest_entries="", **parts):
    return zipped(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": MANIFEST.format(manifest_entries),
        }
        | parts
    )


def powerpoint_document(*, has_macros, size):
    """A "PowerPoint Document" stream with a VBAInfoContainer ([MS-PPT] §2.4.10)."""
    vba_info = bytes.fromhex("0f00ff0314000000020000040c000000")
    return (bytes(40) + vba_info + struct.pack("<III", 7, has_macros, 2)).ljust(size, b"\0")


def workbook(sheet_type):
    """An Excel "Workbook" stream: BOF, one BoundSheet8 of this type ([MS-XLS] §2.4.28), EOF."""
    sheet = struct.pack("<IBBBB", 0, 0, sheet_type, 6, 0) + b"Sheet1"
    records = (
        struct.pack("<HH", 0x0809, 16) + bytes(16)
        + struct.pack("<HH", 0x0085, len(sheet)) + sheet
        + struct.pack("<HH", 0x000A, 0)
    )  # fmt: skip
    return records.ljust(4096, b"\0")


# OOXML

DOCX_PARTS = {"word/document.xml": "<w:document/>"}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "report.docx",
            ooxml(
                CONTENT_TYPES.format(MAIN_DOCUMENT),
                **DOCX_PARTS,
                **{"word/vbaProject.bin": "VBA"},
            ),
        ),
        ("macros.xlsm", zipped({"[Content_Types].xml": "", "xl/vbaProject.bin": "x"})),
        (
            "report.docm",
            ooxml(
                CONTENT_TYPES.format(
                    '<Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
                ),
                **DOCX_PARTS,
            ),
        ),
        (
            "slides.pptx",
            ooxml(
                CONTENT_TYPES.format(
                    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                ),
                **{"ppt/presentation.xml": "<p:presentation/>", "ppt/project.bin": "VBA"},
            ),
        ),
        (
            "明细.xlsx",
            ooxml(
                CONTENT_TYPES.format(
                    "<Override ContentType='application/vnd.ms-excel.macrosheet+xml' "
                    "PartName='/xl/macrosheets/sheet1.xml'/>"
                ),
                **{"xl/workbook.xml": "<workbook/>", "xl/macrosheets/sheet1.xml": "<xm/>"},
            ),
        ),
        (
            "report.docx",
            ooxml(
                CONTENT_TYPES.format(
                    '<Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
                ).encode("utf-16"),
                **DOCX_PARTS,
            ),
        ),
    ],
    ids=["vbaProject.bin", "xlsm", "macro-enabled", "VBA content type", "macro sheet", "UTF-16"],
)
def test_validate_document_refuses_ooxml_with_macros(name, content):
    assert refused_for_macros(name, content)


def test_validate_document_accepts_ooxml_declaring_a_vba_type_that_no_part_has():
    content = ooxml(
        CONTENT_TYPES.format(
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            + MAIN_DOCUMENT
        ),
        **DOCX_PARTS,
    )

    assert validate_document(upload("report.docx", content)) == "word"


# OpenDocument


@pytest.mark.parametrize(
    "content",
    [
        opendocument(**{"Basic/Standard/Module1.xml": "<script:module/>"}),
        opendocument(**{"Scripts/python/macro.py": "import os"}),
        opendocument(
            '<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" '
            'manifest:media-type="text/xml"/>'
        ),
        opendocument(
            '<manifest:file-entry manifest:full-path="run.js" '
            'manifest:media-type="application/javascript"/>'
        ),
        opendocument(
            '<manifest:file-entry manifest:full-path="run.py" manifest:media-type="text/x-python"/>'
        ),
    ],
    ids=[
        "Basic folder",
        "Scripts folder",
        "Basic in manifest",
        "JavaScript in manifest",
        "Python in manifest",
    ],
)
def test_validate_document_refuses_opendocument_with_macros(content):
    assert refused_for_macros("report.odt", content)


def test_validate_document_accepts_opendocument_with_manifest_and_pictures():
    content = opendocument(
        '<manifest:file-entry manifest:full-path="Pictures/logo.png" '
        'manifest:media-type="image/png"/>'
        '<manifest:file-entry manifest:full-path="Pictures/plan.eps" '
        'manifest:media-type="application/postscript"/>',
        **{"Pictures/logo.png": "PNG", "Pictures/plan.eps": "%!PS"},
    )

    assert validate_document(upload("report.odt", content)) == "opendocument"


# Office 97–2003


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("old-report.doc", compound_file({"WordDocument": bytes(4096)}, storages=["Macros"])),
        ("明细.xls", compound_file({"Workbook": workbook(0)}, storages=["_VBA_PROJECT_CUR"])),
        ("old-report.doc", compound_file({"WordDocument": bytes(4096), "_VBA_PROJECT": b"VBA"})),
        ("old-report.doc", compound_file({"WordDocument": bytes(4096)}, storages=["vba"])),
        (
            "slides.ppt",
            compound_file({"PowerPoint Document": powerpoint_document(has_macros=1, size=6000)}),
        ),
        (
            "slides.ppt",
            compound_file(
                {"PowerPoint Document": powerpoint_document(has_macros=1, size=700)}, version=4
            ),
        ),
        ("明细.xls", compound_file({"Workbook": workbook(1)})),
        ("明细.xls", compound_file({"Workbook": workbook(6)})),
    ],
    ids=[
        "Word Macros storage",
        "Excel VBA storage",
        "VBA project stream",
        "VBA storage",
        "PowerPoint VBA record",
        "PowerPoint VBA record in mini stream, version 4",
        "Excel 4.0 macro sheet",
        "Excel 5 module sheet",
    ],
)
def test_validate_document_refuses_office97_with_macros(name, content):
    assert refused_for_macros(name, content)


WITHOUT_MINI_FAT = compound_file({"WordDocument": bytes(4096)})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("old-report.doc", OLE2),
        (
            "slides.ppt",
            compound_file({"PowerPoint Document": powerpoint_document(has_macros=0, size=6000)}),
        ),
        ("明细.xls", compound_file({"Workbook": workbook(0)}, version=4)),
        # No mini stream, its chain marked FREESECT rather than ENDOFCHAIN.
        ("old-report.doc", WITHOUT_MINI_FAT[:0x3C] + b"\xff" * 4 + WITHOUT_MINI_FAT[0x40:]),
        # Over 109 FAT sectors: the rest are listed in DIFAT sectors.
        ("明细.xls", compound_file({"Workbook": workbook(0).ljust(8 * 1024 * 1024, b"\0")})),
    ],
    ids=["Word", "PowerPoint", "Excel, version 4", "FREESECT", "Excel over 7 MB"],
)
def test_validate_document_accepts_office97_without_macros(name, content):
    assert validate_document(upload(name, content)) == "office97"


DIRECTORY_SECTOR = struct.unpack_from("<I", OLE2, 0x30)[0]


def with_fat_entry(content, sector, value):
    """``content`` with FAT entry ``sector`` set to ``value`` (first FAT sector, version 3)."""
    fat_sector = struct.unpack_from("<I", content, 0x4C)[0]
    offset = (fat_sector + 1) * 512 + sector * 4
    return content[:offset] + struct.pack("<I", value) + content[offset + 4 :]


@pytest.mark.parametrize(
    "content",
    [
        OLE2[:0x1C] + b"\xff\xfe" + OLE2[0x1E:],  # big-endian byte order mark
        OLE2[:0x30] + struct.pack("<I", 5000) + OLE2[0x34:],  # directory beyond the file
        with_fat_entry(OLE2, DIRECTORY_SECTOR, DIRECTORY_SECTOR),  # its chain loops
        OLE2[: len(OLE2) // 2],  # cut short
    ],
    ids=["byte order", "directory beyond end", "loop", "truncated"],
)
def test_validate_document_refuses_office97_that_cannot_be_read(content):
    assert errors_of(validate_document, upload("old-report.doc", content)) == [
        (
            "document_name_mismatch",
            "The content of “old-report.doc” does not match its name; check that you chose the "
            "right file and that its name ends in the right extension.",
        )
    ]
