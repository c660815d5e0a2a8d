"""Password-protected documents are refused with a message of their own: nobody at the bureau
could open them, and the applicant needs to know what to do instead."""

import io
import zipfile

import pytest

from portal.attachments import validate_document
from tests.portal.attachments.files import PDF, compound_file, errors_of, upload, zipped
from tests.portal.attachments.test_macros import MANIFEST

ENCRYPTED_PDF = PDF.replace(
    b"trailer <</Root 1 0 R>>", b"trailer <</Root 1 0 R /Encrypt 3 0 R /ID [<01> <01>]>>"
)
# A password-protected .docx, .xlsx or .pptx is a compound file holding the encrypted package.
ENCRYPTED_OOXML = compound_file(
    {"EncryptionInfo": bytes(200), "EncryptedPackage": bytes(5000)}, storages=("\x06DataSpaces",)
)
ENCRYPTED_ODT = zipped(
    {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "encrypted bytes",
        "META-INF/manifest.xml": MANIFEST.format(
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
            '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
            'manifest:initialisation-vector="x"/></manifest:encryption-data>'
            "</manifest:file-entry>"
        ),
    }
)


def zip_with_encrypted_entry(entries):
    """A zip whose entries carry the "encrypted" flag (bit 0 of the general purpose flags),
    as a zip tool writes them when a password is set."""
    data = bytearray(zipped(entries))
    buffer = io.BytesIO(bytes(data))
    with zipfile.ZipFile(buffer) as package:
        offsets = [info.header_offset for info in package.infolist()]
        central = data.find(b"PK\x01\x02")
    for offset in offsets:
        data[offset + 6] |= 0x01
    while central != -1:
        data[central + 8] |= 0x01
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def message(name):
    return (
        f"“{name}” is protected by a password, so the bureau could not open it: save a copy "
        "without the password (or print it to a new PDF) and upload that."
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("申报书.pdf", ENCRYPTED_PDF),
        ("财务报表.xlsx", ENCRYPTED_OOXML),
        ("自评报告.docx", ENCRYPTED_OOXML),
        ("自评报告.doc", ENCRYPTED_OOXML),
        ("自评报告.odt", ENCRYPTED_ODT),
        (
            "自评报告.docx",
            zip_with_encrypted_entry(
                {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
            ),
        ),
    ],
)
def test_validate_document_refuses_password_protected_files_with_their_own_message(name, content):
    uploaded = upload(name, content)

    assert errors_of(validate_document, uploaded) == [("document_encrypted", message(name))]
    assert uploaded.tell() == 0


def test_validate_document_accepts_pdf_that_mentions_no_encryption_in_its_trailer():
    assert validate_document(upload("申报书.pdf", PDF)) == "pdf"
