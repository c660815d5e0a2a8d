"""Documents: validate_document decides the kind by the content."""

import pytest

from portal.attachments import MEGABYTE, validate_document
from tests.portal.attachments.files import (
    DOCUMENT_TYPE,
    EXE,
    OLE2,
    PDF,
    compound_file,
    errors_of,
    picture,
    png_header_only,
    upload,
    xlsx,
    zipped,
)

# validate_document

DOCX = zipped(
    {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
    }
)
PPTX = zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})
OFD = zipped({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<ofd:Document/>"})
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("申报书.pdf", PDF, "pdf"),
        ("明细.xlsx", xlsx(), "excel"),
        ("report.DOCX", DOCX, "word"),
        ("slides.pptx", PPTX, "powerpoint"),
        ("report.odt", ODT, "opendocument"),
        ("old-report.doc", OLE2, "office97"),
        ("申报书.wps", OLE2, "office97"),
        ("财务数据.et", compound_file({"Workbook": bytes(600)}), "office97"),
        ("汇报.dps", compound_file({"PowerPoint Document": bytes(600)}), "office97"),
        ("营业执照.ofd", OFD, "ofd"),
        ("营业执照.OFD", OFD, "ofd"),
        ("scan.jpeg", picture("JPEG"), "image"),
        ("scan.jpg", picture("PNG"), "image"),
        ("scan.webp", picture("WEBP"), "image"),
    ],
)
def test_validate_document_detects_kind_by_content(name, content, kind):
    uploaded = upload(name, content)

    assert validate_document(uploaded) == kind
    assert uploaded.tell() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", zipped({"report.txt": "hello"})),
        ("report.pdf", EXE),
        ("report.pdf", OFD),
        ("report.ofd", PDF),
        ("report.docx", PDF),
        ("report.xlsx", DOCX),
        ("old-report.doc", DOCX),
        # An Office 97 header and nothing else: not a compound file that can be read.
        ("old-report.doc", OLE2[:8] + bytes(504)),
        ("scan.png", picture("GIF")),
        ("report", PDF),
    ],
)
def test_validate_document_refuses_content_that_contradicts_the_name(name, content):
    uploaded = upload(name, content)

    assert errors_of(validate_document, uploaded) == [
        (
            "document_name_mismatch",
            f"The content of “{name}” does not match its name; check that you chose the right "
            "file and that its name ends in the right extension.",
        )
    ]
    assert uploaded.tell() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", EXE),
        ("archive.zip", zipped({"report.txt": "hello"})),
        ("notes.txt", "会议纪要".encode()),
        ("animation.gif", picture("GIF")),
    ],
)
def test_validate_document_refuses_other_kinds(name, content):
    assert errors_of(validate_document, upload(name, content)) == [("document_type", DOCUMENT_TYPE)]


def test_validate_document_refuses_oversized_document(settings):
    settings.DOCUMENT_MAX_BYTES = MEGABYTE

    uploaded = upload("report.pdf", PDF + bytes(MEGABYTE * 5 // 2))

    assert errors_of(validate_document, uploaded) == [
        ("document_too_large", "This file is 2.6 MB; the limit is 1 MB.")
    ]


def test_validate_document_limit_defaults_to_twenty_megabytes(settings):
    assert settings.DOCUMENT_MAX_BYTES == 20 * MEGABYTE
    uploaded = upload("report.pdf", PDF + bytes(20 * MEGABYTE + 1 - len(PDF)))

    assert errors_of(validate_document, uploaded) == [
        ("document_too_large", "This file is 20.1 MB; the limit is 20 MB.")
    ]


def test_validate_document_refuses_picture_over_the_pixel_limit_before_decoding():
    assert errors_of(validate_document, upload("scan.png", png_header_only(9000, 9000))) == [
        (
            "image_too_many_pixels",
            "This picture has more than 40 million pixels, too many to process safely; upload "
            "a smaller picture.",
        )
    ]
