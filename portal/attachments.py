"""Uploaded photos and documents: checked by their content, cleaned, stored and served privately.

Uploaded files are private. They are stored under names that ``private_upload_to`` makes up (nothing
the user typed), never served from a public media URL, and reach a browser only through a view that
checks permissions and then calls ``serve_private_file``.

The type of a file is decided by its content, never by its name or the browser's content type.
Photos are re-encoded by ``process_photo`` so that no EXIF (with its GPS position), XMP, comment or
ICC data leaves the server.
"""

import io
import re
import struct
import uuid
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

MEGABYTE = 1024 * 1024

# Photos: Pillow's format names, the extension each keeps after processing, the `accept` attribute.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
PHOTO_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"
PHOTO_JPEG_QUALITY = 88
PHOTO_WEBP_QUALITY = 88
THUMBNAIL_SIZE = (480, 360)
THUMBNAIL_JPEG_QUALITY = 82
# What Pillow raises on malformed input, besides its decompression-bomb error.
PILLOW_ERRORS = (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, struct.error)
# ISO/IEC 23008-12 (HEIF) brands of the `ftyp` box, as written by phones (iPhone photos are HEIC).
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}

# Documents: the kinds accepted, each with the file-name extensions that may carry it.
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
# The content type served for each accepted extension (not the server's mime.types, which
# varies); any other stored file is served as application/octet-stream.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".odg": "application/vnd.oasis.opendocument.graphics",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# [MS-CFB] §2.2: the compound file header signature of Office 97–2003 files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# ISO/IEC 29500-2 (OOXML packages): the part folder that names the application.
OOXML_KINDS = {"word/": "word", "xl/": "excel", "ppt/": "powerpoint"}
# OASIS OpenDocument 1.3 part 2 §3.3: a stored first entry "mimetype" holding the media type.
OPENDOCUMENT_MIMETYPE_PREFIX = b"application/vnd.oasis.opendocument."

SAFE_EXTENSION_RE = re.compile(r"^\.[a-z0-9]{1,10}$")


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: upright, re-encoded without metadata, with its thumbnail."""

    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    format: str


def _megabytes(size: int, rounding: str) -> str:
    """``size`` bytes in MB with at most one decimal: sizes round up, limits round down."""
    value = (Decimal(size) / MEGABYTE).quantize(Decimal("0.1"), rounding=rounding)
    return f"{value:f}".removesuffix(".0")


def _size_params(size: int, limit: int) -> dict[str, str]:
    return {"size": _megabytes(size, ROUND_CEILING), "limit": _megabytes(limit, ROUND_FLOOR)}


@contextmanager
def _rewound(uploaded_file) -> Iterator[None]:
    """Read the file from its start, and leave it at its start for whoever reads it next."""
    uploaded_file.seek(0)
    try:
        yield
    finally:
        uploaded_file.seek(0)


def _read_head(uploaded_file, size: int = 16) -> bytes:
    with _rewound(uploaded_file):
        return uploaded_file.read(size)


@contextmanager
def _pixel_limit() -> Iterator[None]:
    """Refuse pictures that Pillow flags as possible decompression bombs.

    Pillow warns above ``Image.MAX_IMAGE_PIXELS`` pixels and raises above twice that; both are
    turned into a ValidationError.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _(
                "This picture has more than %(limit)s million pixels, too many to process "
                "safely; upload a smaller picture."
            ),
            code="image_too_many_pixels",
            params={"limit": round((Image.MAX_IMAGE_PIXELS or 0) / 1_000_000)},
        ) from None


def _image_format(uploaded_file, formats: tuple[str, ...] | None = None) -> str | None:
    """Pillow's name for the picture's format, or None when Pillow cannot read it.

    Pillow opens and verifies the file; a picture in one of ``PHOTO_FORMATS`` is then decoded
    in full, which also finds truncated files that ``verify()`` lets through. A multi-picture
    JPEG (MPO, as some phones write; Pillow's JPEG opener returns it) counts as JPEG. HEIC,
    which Pillow cannot read, is named from its header so that the user learns what is wrong.
    ``formats`` limits the formats Pillow tries.
    """
    try:
        with _rewound(uploaded_file), _pixel_limit():
            with Image.open(uploaded_file, formats=formats) as image:
                image_format = "JPEG" if image.format == "MPO" else image.format
                image.verify()
            if image_format in PHOTO_FORMATS:
                uploaded_file.seek(0)
                with Image.open(uploaded_file, formats=formats) as image:
                    image.load()
    except PILLOW_ERRORS:
        head = _read_head(uploaded_file)
        if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
            return "HEIC"
        return None
    return image_format


def validate_photo(uploaded_file) -> str:
    """Check that the file is a JPEG, PNG or WebP photo within ``settings.PHOTO_MAX_BYTES``.

    Returns Pillow's format name ("JPEG", "PNG" or "WEBP"). The file is left at its start.
    """
    limit = settings.PHOTO_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB."),
            code="photo_too_large",
            params=_size_params(uploaded_file.size, limit),
        )
    image_format = _image_format(uploaded_file)
    if image_format is None:
        raise ValidationError(
            _("This file is not a picture that can be read; upload a JPEG, PNG or WebP photo."),
            code="photo_unreadable",
        )
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("%(format)s pictures are not accepted; upload a JPEG, PNG or WebP photo."),
            code="photo_format",
            params={"format": image_format},
        )
    return image_format


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert colours described by an embedded ICC profile (e.g. Display P3) to sRGB.

    The profile itself is then dropped with the other metadata; a profile that cannot be used
    is simply dropped.
    """
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, *PILLOW_ERRORS):
        return image


def _web_mode(image: Image.Image, image_format: str) -> Image.Image:
    """The image in a mode every browser shows: L or RGB, or RGBA where the format keeps alpha."""
    if image.mode.startswith("I"):
        # 16-bit greyscale: scale to 8 bits (a plain convert would clip at 255).
        image = image.convert("I").point(lambda value: value * (1 / 256))
    if image_format != "JPEG" and image.has_transparency_data:
        return image.convert("RGBA")
    if image.mode == "L" and image_format != "WEBP":
        return image
    if image.mode in ("1", "I", "F"):
        image = image.convert("L")
        return image if image_format != "WEBP" else image.convert("RGB")
    return image if image.mode == "RGB" else image.convert("RGB")


def _has_visible_alpha(image: Image.Image) -> bool:
    return image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255


def _encode(image: Image.Image, image_format: str, **options) -> bytes:
    """Encode with no metadata: ``info`` is emptied so that Pillow copies none of it."""
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def process_photo(uploaded_file) -> ProcessedPhoto:
    """Make a validated photo safe to store and show.

    - runs ``validate_photo`` (and raises its ValidationError);
    - turns the picture upright by its EXIF orientation, converts colours to sRGB;
    - re-encodes it in its own format (JPEG quality 88, PNG, WebP quality 88) with no EXIF,
      GPS, XMP, comment, text chunk or ICC profile; only the first frame of an animation is kept;
    - makes a thumbnail that fits in 480×360: a JPEG, or a PNG when the picture has visible
      transparency (PNG rather than WebP so that Office and PDF exports can embed it).

    Both files get names made of a random UUID and the extension of their format.
    """
    image_format = validate_photo(uploaded_file)
    with _rewound(uploaded_file), _pixel_limit(), Image.open(uploaded_file) as source:
        icc_profile = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
    image = _web_mode(_to_srgb(image, icc_profile), image_format)
    options = {
        "JPEG": {"quality": PHOTO_JPEG_QUALITY, "optimize": True, "exif": b""},
        "PNG": {},
        "WEBP": {"quality": PHOTO_WEBP_QUALITY, "exif": b""},
    }[image_format]
    stem = uuid.uuid4().hex
    content = ContentFile(
        _encode(image, image_format, **options),
        name=stem + PHOTO_EXTENSIONS[image_format],
    )

    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    if _has_visible_alpha(thumbnail):
        thumbnail_bytes, thumbnail_extension = _encode(thumbnail, "PNG"), ".png"
    else:
        thumbnail = thumbnail if thumbnail.mode in ("L", "RGB") else thumbnail.convert("RGB")
        thumbnail_bytes = _encode(thumbnail, "JPEG", quality=THUMBNAIL_JPEG_QUALITY, optimize=True)
        thumbnail_extension = ".jpg"
    return ProcessedPhoto(
        image=content,
        thumbnail=ContentFile(thumbnail_bytes, name=f"{stem}_thumb{thumbnail_extension}"),
        width=image.width,
        height=image.height,
        format=image_format,
    )


def _zip_kind(uploaded_file) -> str | None:
    """The kind of an OOXML or OpenDocument package; None for any other zip.

    Only the list of entries and the small "mimetype" entry are read, so a zip bomb costs
    nothing. OOXML files with macros (a vbaProject.bin part) are not accepted.
    """
    try:
        with _rewound(uploaded_file), zipfile.ZipFile(uploaded_file) as package:
            entries = package.infolist()
            if entries and entries[0].filename == "mimetype" and entries[0].file_size <= 200:
                mimetype = package.read(entries[0])
                if mimetype.startswith(OPENDOCUMENT_MIMETYPE_PREFIX):
                    return "opendocument"
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, *PILLOW_ERRORS):
        return None
    names = [entry.filename for entry in entries]
    if "[Content_Types].xml" not in names or any(n.endswith("vbaProject.bin") for n in names):
        return None
    for folder, kind in OOXML_KINDS.items():
        if any(name.startswith(folder) for name in names):
            return kind
    return None


def _document_kind(uploaded_file) -> str | None:
    head = _read_head(uploaded_file)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "office97"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(uploaded_file)
    if _image_format(uploaded_file, formats=PHOTO_FORMATS) in PHOTO_FORMATS:
        return "image"
    return None


def validate_document(uploaded_file) -> str:
    """Check that the file is an accepted document within ``settings.DOCUMENT_MAX_BYTES``.

    Returns its kind: "pdf", "word", "excel", "powerpoint", "opendocument", "office97" (Word,
    Excel or PowerPoint 97–2003) or "image" (JPEG, PNG or WebP). The kind is read from the
    content; the name's extension must then be one that the kind may carry, so that a zip or a
    program named ``report.pdf`` is refused. The file is left at its start.
    """
    limit = settings.DOCUMENT_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            code="document_too_large",
            params=_size_params(uploaded_file.size, limit),
        )
    kind = _document_kind(uploaded_file)
    extension = PurePath(uploaded_file.name or "").suffix.lower()
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
            params={"name": PurePath(uploaded_file.name or "").name},
        )
    return kind


class _AcceptMixin:
    """Puts an ``accept`` attribute on the file input, so the browser offers the right files."""

    default_accept = ""

    def __init__(self, *, accept: str | None = None, **kwargs):
        self.accept = self.default_accept if accept is None else accept
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.accept and isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = self.accept
        return attrs


class PhotoField(_AcceptMixin, forms.FileField):
    """A file field for one photo, checked by ``validate_photo``.

    The cleaned upload carries the detected format as ``photo_format``.
    """

    default_accept = PHOTO_ACCEPT

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            value.photo_format = validate_photo(value)
        return value


class DocumentField(_AcceptMixin, forms.FileField):
    """A file field for one document, checked by ``validate_document``.

    The cleaned upload carries the detected kind as ``document_kind``.
    """

    default_accept = DOCUMENT_ACCEPT

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            value.document_kind = validate_document(value)
        return value


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the user choose several files (Django docs, "Uploading files")."""

    allow_multiple_selected = True


class MultiplePhotoField(_AcceptMixin, forms.FileField):
    """Several photos at once; cleans to a list of uploads, each with ``photo_format``.

    When any photo is refused, the whole upload is refused (so nothing is half-saved) with one
    ValidationError: a first message saying so, then one per refused file with its name and
    reason (the code of each is the reason's code).
    """

    widget = MultipleFileInput
    default_accept = PHOTO_ACCEPT

    def clean(self, data, initial=None):
        if isinstance(data, UploadedFile):
            data = [data]
        if isinstance(data, list | tuple):
            uploads = [upload for upload in data if upload]
            data = None
        else:
            uploads = []
        if not uploads:
            # Nothing chosen, "clear" ticked or both: FileField decides (required, contradiction).
            super().clean(data, initial)
            return []
        refused = []
        for upload in uploads:
            try:
                super().clean(upload)
                upload.photo_format = validate_photo(upload)
            except ValidationError as error:
                refused.extend(
                    ValidationError(
                        _("“%(name)s”: %(reason)s"),
                        code=reason.code,
                        params={"name": upload.name, "reason": message},
                    )
                    for reason, message in zip(error.error_list, error, strict=True)
                )
        if refused:
            raise ValidationError(
                [
                    ValidationError(
                        _(
                            "Nothing was uploaded: correct or leave out the files below, then "
                            "choose the photos again."
                        ),
                        code="photos_refused",
                    ),
                    *refused,
                ]
            )
        return uploads


@deconstructible(path="portal.attachments.PrivateUploadTo")
class PrivateUploadTo:
    """An ``upload_to`` that stores a file as ``<prefix>/<YYYY>/<MM>/<uuid4 hex><.ext>``.

    Nothing the user typed is kept except a short lower-case alphanumeric extension.
    The year and month are those of the local date (settings.TIME_ZONE).
    """

    def __init__(self, prefix: str):
        if not all(part not in ("", ".", "..") for part in prefix.split("/")):
            raise ValueError("An upload prefix is a relative folder such as 'pilots/photos'.")
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename).suffix.lower()
        if not SAFE_EXTENSION_RE.match(extension):
            extension = ""
        today = timezone.localdate()
        return f"{self.prefix}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and self.prefix == other.prefix

    def __hash__(self):
        return hash(self.prefix)


def private_upload_to(prefix: str) -> PrivateUploadTo:
    """``FileField(upload_to=private_upload_to("pilots/photos"))``; serialisable in migrations."""
    return PrivateUploadTo(prefix)


def serve_private_file(file_field, *, download_name: str, as_attachment: bool) -> FileResponse:
    """Stream a stored file to a user whom the calling view has already allowed to see it.

    ``file_field`` is a FieldFile (or anything with ``storage`` and ``name``). The content type
    follows the stored name's extension (see ``CONTENT_TYPES``), which was checked against the
    content on upload. ``download_name`` (in any language) goes into Content-Disposition as
    RFC 6266 and RFC 5987 say. The response is marked ``nosniff`` and kept out of shared
    caches. Raises Http404 when the file is missing from storage.
    """
    name = file_field.name
    storage = file_field.storage
    if not name or not storage.exists(name):
        raise Http404("The file is missing from storage.")
    # No control characters (they would break the header) and no folders in the name.
    printable = "".join(char for char in download_name if char.isprintable())
    download_name = printable.replace("/", "_").replace("\\", "_").strip() or PurePath(name).name
    content_type = CONTENT_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response
