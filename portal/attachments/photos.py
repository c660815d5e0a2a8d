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


def picture_format(uploaded_file, formats: tuple[str, ...] | None = None) -> str | None:
    """Pillow's name for the picture's format, or None when Pillow cannot read it.

    Pillow opens and verifies the file; a picture in one of ``PHOTO_FORMATS`` is then decoded
    in full, which also finds truncated files that ``verify()`` lets through. A multi-picture
    JPEG (MPO, as some phones write; Pillow's JPEG opener returns it) counts as JPEG. HEIC,
    which Pillow cannot read, is named from its header so that the user learns what is wrong.
    ``formats`` limits the formats Pillow tries.
    """
    try:
        with rewound(uploaded_file), _pixel_limit():
            with Image.open(uploaded_file, formats=formats) as image:
                image_format = "JPEG" if image.format == "MPO" else image.format
                image.verify()
            if image_format in PHOTO_FORMATS:
                uploaded_file.seek(0)
                with Image.open(uploaded_file, formats=formats) as image:
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
    with rewound(uploaded_file), _pixel_limit(), Image.open(uploaded_file) as source:
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
