"""Documents: their kind is decided by their content, never by their name or content type."""

import zipfile
import zlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.attachments.common import PILLOW_ERRORS, read_head, rewound, size_params
from portal.attachments.compound import CompoundFileError
from portal.attachments.macros import office97_has_macros, ooxml_has_macros, opendocument_has_macros
from portal.attachments.photos import PHOTO_FORMATS, picture_format

# The kinds accepted, each with the file-name extensions that may carry it.
DOCUMENT_EXTENSIONS = {
    "pdf": (".pdf",),
    "word": (".docx",),
    "excel": (".xlsx",),
    "powerpoint": (".pptx",),
    "opendocument": (".odt", ".ods", ".odp", ".odg"),
    "office97": (".doc", ".xls", ".ppt"),
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
# What reading a malformed, encrypted or oversized zip may raise.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    *PILLOW_ERRORS,
)


def _zip_kind(uploaded_file) -> tuple[str | None, bool]:
    """The kind of an OOXML or OpenDocument package (None for any other zip), and whether it
    holds macros.

    Only the list of entries and a few small parts ("mimetype", the content types or the
    manifest) are read, so a zip bomb costs little.
    """
    try:
        with rewound(uploaded_file), zipfile.ZipFile(uploaded_file) as package:
            entries = package.infolist()
            if entries and entries[0].filename == "mimetype" and entries[0].file_size <= 200:
                mimetype = package.read(entries[0])
                if mimetype.startswith(OPENDOCUMENT_MIMETYPE_PREFIX):
                    return "opendocument", opendocument_has_macros(package)
                return None, False
            names = [entry.filename for entry in entries]
            if "[Content_Types].xml" not in names:
                return None, False
            for folder, kind in OOXML_KINDS.items():
                if any(name.startswith(folder) for name in names):
                    return kind, ooxml_has_macros(package)
    except ZIP_ERRORS:
        pass
    return None, False


def _document_kind(uploaded_file) -> tuple[str | None, bool]:
    """The kind of the document (None when it is not one accepted), and whether it holds
    macros."""
    head = read_head(uploaded_file)
    if head.startswith(PDF_MAGIC):
        return "pdf", False
    if head.startswith(OLE2_MAGIC):
        try:
            return "office97", office97_has_macros(uploaded_file)
        except CompoundFileError:
            return None, False
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(uploaded_file)
    if picture_format(uploaded_file, formats=PHOTO_FORMATS) in PHOTO_FORMATS:
        return "image", False
    return None, False


def validate_document(uploaded_file) -> str:
    """Check that the file is an accepted document within ``settings.DOCUMENT_MAX_BYTES``.

    Returns its kind: "pdf", "word", "excel", "powerpoint", "opendocument", "office97" (Word,
    Excel or PowerPoint 97–2003) or "image" (JPEG, PNG or WebP). The kind is read from the
    content; the name's extension must then be one that the kind may carry, so that a zip or a
    program named ``report.pdf`` is refused. Office and OpenDocument files with macros are
    refused whatever their name (see ``portal.attachments.macros``). The file is left at its
    start.
    """
    limit = settings.DOCUMENT_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            code="document_too_large",
            params=size_params(uploaded_file.size, limit),
        )
    kind, has_macros = _document_kind(uploaded_file)
    name = PurePath(uploaded_file.name or "").name
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
                "This kind of file is not accepted; upload a PDF, a Word, Excel or PowerPoint "
                "file (also the older .doc, .xls and .ppt), an OpenDocument file, or a JPEG, "
                "PNG or WebP picture."
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
