"""Photos: checked by their content, re-encoded without metadata, with a thumbnail.

Photos are re-encoded by ``process_photo`` so that no EXIF (with its GPS position), XMP, comment or
ICC data leaves the server.
"""

import io
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from portal.attachments.common import PILLOW_ERRORS, read_head, rewound, size_params

# Pillow's format names, the extension each keeps after processing, the `accept` attribute.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
PHOTO_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"
PHOTO_JPEG_QUALITY = 88
PHOTO_WEBP_QUALITY = 88
THUMBNAIL_SIZE = (480, 360)
THUMBNAIL_JPEG_QUALITY = 82
# ISO/IEC 23008-12 (HEIF) brands of the `ftyp` box, as written by phones (iPhone photos are HEIC).
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: upright, re-encoded without metadata, with its thumbnail."""

    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    format: str


def _millions(pixels: int) -> str:
    """``pixels`` in millions, rounded down to at most one decimal."""
    value = (Decimal(pixels) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    return f"{value:f}".removesuffix(".0")


def _too_many_pixels(limit: int) -> ValidationError:
    return ValidationError(
        _(
            "This picture has more than %(limit)s million pixels, too many to process "
            "safely; upload a smaller picture."
        ),
        code="image_too_many_pixels",
        params={"limit": _millions(limit)},
    )


def _pixel_cap() -> int:
    """The most pixels a picture may have: ``settings.PHOTO_MAX_PIXELS``, or Pillow's own limit
    (``Image.MAX_IMAGE_PIXELS``) when that is lower."""
    return min(settings.PHOTO_MAX_PIXELS, Image.MAX_IMAGE_PIXELS or settings.PHOTO_MAX_PIXELS)


def _check_pixels(image: Image.Image) -> None:
    """Refuse a picture with more than ``_pixel_cap()`` pixels, by the size in its header.

    Called after ``Image.open``, which reads only the header, and before anything is decoded:
    a small file can describe a huge picture, and decoding takes 3 to 4 bytes per pixel.
    """
    limit = _pixel_cap()
    if image.width * image.height > limit:
        raise _too_many_pixels(limit)


@contextmanager
def _pixel_limit() -> Iterator[None]:
    """Refuse pictures that Pillow flags as possible decompression bombs.

    Pillow warns above ``Image.MAX_IMAGE_PIXELS`` pixels and raises above twice that, as soon as
    it opens a picture (before ``_check_pixels`` can look); both are turned into the same
    ValidationError as ``_check_pixels`` raises.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(_pixel_cap()) from None


def picture_format(uploaded_file, formats: tuple[str, ...] | None = None) -> str | None:
    """Pillow's name for the picture's format, or None when Pillow cannot read it.

    Pillow opens and verifies the file; a picture in one of ``PHOTO_FORMATS`` is then decoded,
    which also finds truncated files that ``verify()`` lets through. It must not have more
    pixels than ``settings.PHOTO_MAX_PIXELS`` (a ValidationError otherwise, before anything is
    decoded). A JPEG is decoded at an eighth of its size, which reads all of its data but takes
    a sixty-fourth of the memory. A multi-picture JPEG (MPO, as some phones write; Pillow's JPEG
    opener returns it) counts as JPEG. HEIC, which Pillow cannot read, is named from its header
    so that the user learns what is wrong. ``formats`` limits the formats Pillow tries.
    """
    try:
        with rewound(uploaded_file), _pixel_limit():
            with Image.open(uploaded_file, formats=formats) as image:
                image_format = "JPEG" if image.format == "MPO" else image.format
                if image_format in PHOTO_FORMATS:
                    _check_pixels(image)
                image.verify()
            if image_format in PHOTO_FORMATS:
                uploaded_file.seek(0)
                with Image.open(uploaded_file, formats=formats) as image:
                    image.draft(None, (1, 1))
                    image.load()
    except PILLOW_ERRORS:
        head = read_head(uploaded_file)
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
            params=size_params(uploaded_file.size, limit),
        )
    image_format = picture_format(uploaded_file)
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
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        converted = ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode=output_mode,
            # In place when the mode stays, so that no second full-size copy is made.
            inPlace=image.mode == output_mode,
        )
    except (ImageCms.PyCMSError, *PILLOW_ERRORS):
        return image
    return image if converted is None else converted


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
    # One full-size picture at a time (a 40-megapixel photo takes 160 MB): each step below works
    # in place, or makes a new picture and lets the previous one go.
    with rewound(uploaded_file), _pixel_limit():
        image = Image.open(uploaded_file)
        image.load()
        icc_profile = image.info.get("icc_profile")
        ImageOps.exif_transpose(image, in_place=True)
    image = _web_mode(_to_srgb(image, icc_profile), image_format)
    options = {
        # Not optimize=True: libjpeg would then hold every coefficient of the picture (another
        # 3 bytes a pixel) to choose its tables, for a file a few per cent smaller.
        "JPEG": {"quality": PHOTO_JPEG_QUALITY, "exif": b""},
        "PNG": {},
        "WEBP": {"quality": PHOTO_WEBP_QUALITY, "exif": b""},
    }[image_format]
    stem = uuid.uuid4().hex
    content = ContentFile(
        _encode(image, image_format, **options),
        name=stem + PHOTO_EXTENSIONS[image_format],
    )
    width, height = image.size

    # In place: the full-size picture is not needed any more.
    thumbnail = image
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
        width=width,
        height=height,
        format=image_format,
    )


def store_photos(files, make) -> list:
    """Store validated photos (``validate_photo``) without their metadata, each with its
    thumbnail: ``make(processed, upload)`` returns the unsaved record, with a FileField
    ``image`` and ``thumbnail``. Either every photo is stored or, on an error, none is (the
    files written so far are removed)."""
    records, written = [], []
    try:
        for upload in files:
            processed = process_photo(upload)
            record = make(processed, upload)
            record.image.save(processed.image.name, processed.image, save=False)
            written.append(record.image)
            record.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
            written.append(record.thumbnail)
            record.save()
            records.append(record)
    except Exception:
        for file in written:
            if file.name:
                file.storage.delete(file.name)
        raise
    return records
