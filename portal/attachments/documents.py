"""Documents: their kind is decided by their content, never by their name or content type."""

import zipfile
import zlib
from pathlib import PurePath
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.attachments.common import PILLOW_ERRORS, read_head, rewound, size_params
from portal.attachments.compound import CompoundFile, CompoundFileError
from portal.attachments.macros import (
    office97_has_macros,
    ooxml_has_macros,
    opendocument_has_macros,
    opendocument_is_encrypted,
)
from portal.attachments.photos import PHOTO_FORMATS, picture_format

# The kinds accepted, each with the file-name extensions that may carry it.
DOCUMENT_EXTENSIONS = {
    "pdf": (".pdf",),
    "word": (".docx",),
    "excel": (".xlsx",),
    "powerpoint": (".pptx",),
    "opendocument": (".odt", ".ods", ".odp", ".odg"),
    # Word, Excel and PowerPoint 97–2003, and WPS Office's own Writer, Spreadsheets and
    # Presentation files (.wps, .et, .dps), which are compound files of the same kind.
    "office97": (".doc", ".xls", ".ppt", ".wps", ".et", ".dps"),
    # GB/T 33190-2016 Open Fixed-layout Document, common in Chinese government offices.
    "ofd": (".ofd",),
    # Any picture extension will do: viewers open pictures by their content.
    "image": (".jpg", ".jpeg", ".png", ".webp"),
}
DOCUMENT_ACCEPT = ",".join(ext for exts in DOCUMENT_EXTENSIONS.values() for ext in exts)
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# [MS-CFB] §2.2: the compound file header signature of Office 97–2003 files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# ISO/IEC 29500-2 (OOXML packages): the part folder that names the application.
OOXML_KINDS = {"word/": "word", "xl/": "excel", "ppt/": "powerpoint"}
# OASIS OpenDocument 1.3 part 2 §3.3: a stored first entry "mimetype" holding the media type.
OPENDOCUMENT_MIMETYPE_PREFIX = b"application/vnd.oasis.opendocument."
# The compound-file stream of a password-protected OOXML file ([MS-OFFCRYPTO] §2.3.4.4).
OLE2_ENCRYPTED_STREAM = "encryptedpackage"
# GB/T 33190-2016 §7.2: an OFD package holds its entry file OFD.xml at the root.
OFD_ENTRY = "ofd.xml"
# How much of a PDF's end is searched for the trailer's /Encrypt entry.
PDF_TAIL_BYTES = 64 * 1024
# What reading a malformed, encrypted or oversized zip may raise.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    *PILLOW_ERRORS,
)


class Inspection(NamedTuple):
    """What the content says about a file: its kind (None when it is not one accepted), and
    whether it holds macros or is protected by a password."""

    kind: str | None
    has_macros: bool = False
    encrypted: bool = False


def _zip_kind(uploaded_file) -> Inspection:
    """The kind of an OOXML, OpenDocument or OFD package (None for any other zip), whether it
    holds macros, and whether it is encrypted (a zip entry with the encryption flag, or an
    OpenDocument manifest with encryption data).

    Only the list of entries and a few small parts ("mimetype", the content types or the
    manifest) are read, so a zip bomb costs little.
    """
    try:
        with rewound(uploaded_file), zipfile.ZipFile(uploaded_file) as package:
            entries = package.infolist()
            encrypted = any(entry.flag_bits & 0x1 for entry in entries)
            if entries and entries[0].filename == "mimetype" and entries[0].file_size <= 200:
                mimetype = package.read(entries[0])
                if mimetype.startswith(OPENDOCUMENT_MIMETYPE_PREFIX):
                    if encrypted or opendocument_is_encrypted(package):
                        return Inspection("opendocument", False, True)
                    return Inspection("opendocument", opendocument_has_macros(package))
                return Inspection(None)
            names = [entry.filename for entry in entries]
            if any(name.lower() == OFD_ENTRY for name in names):
                return Inspection("ofd", False, encrypted)
            if "[Content_Types].xml" not in names:
                return Inspection(None)
            for folder, kind in OOXML_KINDS.items():
                if any(name.startswith(folder) for name in names):
                    # Encrypted parts cannot be read: the password is reason enough to refuse.
                    if encrypted:
                        return Inspection(kind, False, True)
                    return Inspection(kind, ooxml_has_macros(package))
    except ZIP_ERRORS:
        pass
    return Inspection(None)


def _pdf_is_encrypted(uploaded_file) -> bool:
    """Whether the PDF's trailer (or cross-reference stream) names an /Encrypt dictionary
    (ISO 32000-1 §7.6): it is protected by a password."""
    with rewound(uploaded_file):
        size = uploaded_file.size or 0
        uploaded_file.seek(max(size - PDF_TAIL_BYTES, 0))
        return b"/Encrypt" in uploaded_file.read(PDF_TAIL_BYTES)


def _compound_kind(uploaded_file) -> Inspection:
    """A compound file: a password-protected OOXML file (its encrypted package), or an Office
    97–2003 or WPS Office file."""
    try:
        with rewound(uploaded_file):
            names = {
                entry.name.lower()
                for entry in CompoundFile(uploaded_file, uploaded_file.size).entries
            }
        if OLE2_ENCRYPTED_STREAM in names:
            return Inspection("office97", False, True)
        return Inspection("office97", office97_has_macros(uploaded_file))
    except CompoundFileError:
        return Inspection(None)


def inspect_document(uploaded_file) -> Inspection:
    """What the file's content says it is (see ``Inspection``); the file is left at its start."""
    head = read_head(uploaded_file)
    if head.startswith(PDF_MAGIC):
        return Inspection("pdf", False, _pdf_is_encrypted(uploaded_file))
    if head.startswith(OLE2_MAGIC):
        return _compound_kind(uploaded_file)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(uploaded_file)
    if picture_format(uploaded_file, formats=PHOTO_FORMATS) in PHOTO_FORMATS:
        return Inspection("image")
    return Inspection(None)


def validate_document(uploaded_file) -> str:
    """Check that the file is an accepted document within ``settings.DOCUMENT_MAX_BYTES``.

    Returns its kind: "pdf", "word", "excel", "powerpoint", "opendocument", "office97" (Word,
    Excel or PowerPoint 97–2003, or WPS Office), "ofd" or "image" (JPEG, PNG or WebP). A file
    protected by a password is refused with a message of its own (nobody could read it). The
    kind is read from the content; the name's extension must then be one that the kind may
    carry, so that a zip or a program named ``report.pdf`` is refused. Office and OpenDocument
    files with macros are refused whatever their name (see ``portal.attachments.macros``). The
    file is left at its start.
    """
    limit = settings.DOCUMENT_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            code="document_too_large",
            params=size_params(uploaded_file.size, limit),
        )
    kind, has_macros, encrypted = inspect_document(uploaded_file)
    name = PurePath(uploaded_file.name or "").name
    if encrypted:
        raise ValidationError(
            _(
                "“%(name)s” is protected by a password, so the bureau could not open it: save "
                "a copy without the password (or print it to a new PDF) and upload that."
            ),
            code="document_encrypted",
            params={"name": name},
        )
    if has_macros:
        raise ValidationError(
            _(
                "“%(name)s” contains macros, which are not accepted: remove the macros, or save "
                "a copy in a format without them (such as .docx, .xlsx or .pptx), and upload "
                "that."
            ),
            code="document_macros",
            params={"name": name},
        )
    extension = PurePath(name).suffix.lower()
    named_as_accepted = any(extension in exts for exts in DOCUMENT_EXTENSIONS.values())
    if kind is None and not named_as_accepted:
        raise ValidationError(
            _(
                "This kind of file is not accepted; upload a PDF or OFD file, a Word, Excel or "
                "PowerPoint file (also the older .doc, .xls and .ppt), a WPS Office file (.wps, "
                ".et, .dps), an OpenDocument file, or a JPEG, PNG or WebP picture."
            ),
            code="document_type",
        )
    if kind is None or extension not in DOCUMENT_EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "The content of “%(name)s” does not match its name; check that you chose the "
                "right file and that its name ends in the right extension."
            ),
            code="document_name_mismatch",
            params={"name": name},
        )
    return kind
