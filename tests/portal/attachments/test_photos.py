"""Photos: validate_photo and process_photo."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from portal.attachments import MEGABYTE, process_photo, validate_photo
from tests.portal.attachments.files import (
    GPS_IFD,
    ORIENTATION,
    PHOTO_FORMATS,
    UNREADABLE,
    errors_of,
    exif_with_gps,
    jpeg_claiming,
    opened,
    picture,
    png_header_only,
    upload,
)

ROOT = Path(__file__).resolve().parents[3]

# validate_photo


@pytest.mark.parametrize(
    ("image_format", "name"),
    [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")],
)
def test_validate_photo_accepts_jpeg_png_and_webp_and_rewinds(image_format, name):
    uploaded = upload(name, picture(image_format))

    assert validate_photo(uploaded) == image_format
    assert uploaded.tell() == 0


def test_validate_photo_decides_by_content_not_by_name():
    assert validate_photo(upload("photo.jpg", picture("PNG"))) == "PNG"


def test_validate_photo_accepts_multi_picture_jpeg_as_jpeg():
    buffer = io.BytesIO()
    first = Image.new("RGB", (40, 30), "red")
    first.save(buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (40, 30))])

    assert validate_photo(upload("IMG_0001.JPG", buffer.getvalue())) == "JPEG"


@pytest.mark.parametrize(
    ("content", "expected_format"),
    [
        (picture("GIF"), "GIF"),
        (picture("BMP"), "BMP"),
        (picture("TIFF"), "TIFF"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(100), "HEIC"),
    ],
)
def test_validate_photo_refuses_other_picture_formats_by_name(content, expected_format):
    assert errors_of(validate_photo, upload("photo.jpg", content)) == [
        ("photo_format", f"{expected_format} pictures are not accepted; upload a {PHOTO_FORMATS}")
    ]


def test_validate_photo_refuses_text_named_jpg():
    uploaded = upload("photo.jpg", "这不是照片。".encode())

    assert errors_of(validate_photo, uploaded) == [("photo_unreadable", UNREADABLE)]
    assert uploaded.tell() == 0


def test_validate_photo_refuses_truncated_jpeg():
    noise = Image.effect_noise((400, 300), 50).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG")

    uploaded = upload("photo.jpg", buffer.getvalue()[:3000])

    assert errors_of(validate_photo, uploaded) == [("photo_unreadable", UNREADABLE)]


def test_validate_photo_refuses_photo_over_lowered_cap(settings):
    settings.PHOTO_MAX_BYTES = MEGABYTE

    uploaded = upload("photo.jpg", bytes(MEGABYTE * 3 // 2))

    assert errors_of(validate_photo, uploaded) == [
        ("photo_too_large", "This photo is 1.5 MB; the limit is 1 MB.")
    ]


def padded_upload(content, size):
    """A real upload as Django keeps large ones: in a temporary file."""
    uploaded = TemporaryUploadedFile("photo.jpg", "image/jpeg", size, None)
    uploaded.write(content + bytes(size - len(content)))
    uploaded.seek(0)
    return uploaded


def test_validate_photo_refuses_ten_megabytes_and_one_byte_under_default_cap(settings):
    assert settings.PHOTO_MAX_BYTES == 10 * MEGABYTE
    uploaded = padded_upload(picture("JPEG"), 10 * MEGABYTE + 1)

    with uploaded:
        assert errors_of(validate_photo, uploaded) == [
            ("photo_too_large", "This photo is 10.1 MB; the limit is 10 MB.")
        ]


def test_validate_photo_accepts_ten_megabytes_exactly(settings):
    uploaded = padded_upload(picture("JPEG"), 10 * MEGABYTE)

    with uploaded:
        assert validate_photo(uploaded) == "JPEG"


@pytest.mark.parametrize(
    "size",
    [
        (1000, 1001),  # over MAX_IMAGE_PIXELS: Pillow warns
        (1500, 1500),  # over twice MAX_IMAGE_PIXELS: Pillow raises
    ],
)
def test_validate_photo_refuses_decompression_bombs(monkeypatch, size):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)

    uploaded = upload("photo.png", picture("PNG", size=size, mode="L"))

    assert errors_of(validate_photo, uploaded) == [
        (
            "image_too_many_pixels",
            "This picture has more than 1 million pixels, too many to process safely; upload "
            "a smaller picture.",
        )
    ]


TOO_MANY_PIXELS = (
    "This picture has more than %s million pixels, too many to process safely; upload a "
    "smaller picture."
)


@pytest.mark.parametrize(
    "content", [png_header_only(9000, 9000), jpeg_claiming(9000, 9000)], ids=["PNG", "JPEG"]
)
def test_validate_photo_refuses_over_forty_million_pixels_from_the_header(settings, content):
    assert settings.PHOTO_MAX_PIXELS == 40_000_000

    assert errors_of(validate_photo, upload("photo.jpg", content)) == [
        ("image_too_many_pixels", TOO_MANY_PIXELS % "40")
    ]


def test_validate_photo_accepts_exactly_the_pixel_limit(settings):
    settings.PHOTO_MAX_PIXELS = 1_500_000

    assert validate_photo(upload("photo.png", picture("PNG", size=(1500, 1000), mode="L"))) == "PNG"
    assert errors_of(validate_photo, upload("photo.png", png_header_only(1501, 1000))) == [
        ("image_too_many_pixels", TOO_MANY_PIXELS % "1.5")
    ]


# process_photo

MEASURE_PEAK_MEMORY = """
import re, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from portal.attachments import process_photo, validate_photo

def peak():
    # This process's own peak (getrusage's ru_maxrss would count the parent's, across exec).
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read())[1]) * 1024

content = open(sys.argv[1], "rb").read()
start = peak()
validate_photo(SimpleUploadedFile("photo", content))
validated = peak()
process_photo(SimpleUploadedFile("photo", content))
print(validated - start, peak() - start)
"""


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_process_photo_holds_one_full_size_picture_at_a_time(tmp_path, image_format):
    path = tmp_path / "photo"
    Image.new("RGB", (4000, 3000), "red").save(path, image_format)

    result = subprocess.run(
        [sys.executable, "-c", MEASURE_PEAK_MEMORY, path],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    validating, processing = map(int, result.stdout.split())
    full_size = 4000 * 3000 * 4  # Pillow keeps RGB in 4 bytes a pixel
    assert processing < 1.5 * full_size
    if image_format == "JPEG":  # validated at an eighth of the size
        assert validating < full_size / 10


@pytest.mark.parametrize("with_icc_profile", [True, False])
def test_process_photo_removes_exif_gps_xmp_comment_and_icc_profile(with_icc_profile):
    metadata = {
        "exif": exif_with_gps(),
        "xmp": b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>Zhang San</x:xmpmeta>",
        "comment": b"Zhang San's phone",
    }
    if with_icc_profile:
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        metadata["icc_profile"] = srgb
    content = picture("JPEG", **metadata)
    before = Image.open(io.BytesIO(content))
    assert before.getexif().get_ifd(GPS_IFD) == {
        1: "N",
        2: (29.0, 12.0, 3.5),
        3: "E",
        4: (113.0, 51.0, 7.25),
    }
    assert metadata.keys() <= before.info.keys()

    processed = process_photo(upload("IMG_0001.jpg", content))

    after = opened(processed.image)
    assert after.format == "JPEG"
    assert dict(after.getexif()) == {}
    assert after.getexif().get_ifd(GPS_IFD) == {}
    assert {"exif", "xmp", "comment", "icc_profile"} & after.info.keys() == set()
    assert dict(opened(processed.thumbnail).getexif()) == {}


def test_process_photo_applies_exif_orientation():
    source = Image.new("RGB", (20, 10), "blue")
    source.paste("red", (0, 0, 10, 10))
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif_with_gps(orientation=6), quality=95)

    processed = process_photo(upload("sideways.jpg", buffer.getvalue()))

    after = opened(processed.image)
    assert (processed.width, processed.height) == (10, 20)
    assert after.size == (10, 20)
    # Orientation 6 is a quarter turn clockwise: the red left half ends on top.
    top, bottom = after.getpixel((5, 2)), after.getpixel((5, 17))
    assert (top.index(max(top)), bottom.index(max(bottom))) == (0, 2)
    assert ORIENTATION not in after.getexif()


def test_process_photo_keeps_png_drops_text_chunks_and_keeps_transparency():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "张三")
    text.add_text("GPS", "29.2, 113.9")
    content = picture("PNG", mode="RGBA", color=(255, 0, 0, 128), pnginfo=text)
    assert Image.open(io.BytesIO(content)).text == {"Author": "张三", "GPS": "29.2, 113.9"}

    processed = process_photo(upload("logo.png", content))

    after = opened(processed.image)
    assert (processed.format, after.format, after.mode) == ("PNG", "PNG", "RGBA")
    assert after.text == {}
    assert after.getpixel((0, 0)) == (255, 0, 0, 128)
    thumbnail = opened(processed.thumbnail)
    assert (thumbnail.format, thumbnail.mode) == ("PNG", "RGBA")
    assert processed.thumbnail.name.endswith("_thumb.png")


def test_process_photo_gives_opaque_png_a_jpeg_thumbnail():
    processed = process_photo(upload("chart.png", picture("PNG", mode="RGBA")))

    assert processed.format == "PNG"
    assert opened(processed.thumbnail).format == "JPEG"


def test_process_photo_keeps_webp_and_drops_its_exif():
    content = picture("WEBP", exif=exif_with_gps())
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD) != {}

    processed = process_photo(upload("photo.webp", content))

    after = opened(processed.image)
    assert (processed.format, after.format) == ("WEBP", "WEBP")
    assert dict(after.getexif()) == {}
    assert "exif" not in after.info


@pytest.mark.parametrize(
    ("size", "thumbnail_size"),
    [
        ((1600, 900), (480, 270)),
        ((900, 1600), (202, 360)),
        ((960, 720), (480, 360)),
        ((100, 50), (100, 50)),  # small pictures are not enlarged
    ],
)
def test_process_photo_makes_thumbnail_within_480_by_360(size, thumbnail_size):
    processed = process_photo(upload("photo.jpg", picture("JPEG", size=size)))

    assert (processed.width, processed.height) == size
    assert opened(processed.image).size == size
    assert opened(processed.thumbnail).size == thumbnail_size


def test_process_photo_names_files_with_uuid_and_format_extension():
    processed = process_photo(upload("张三的照片.JPEG", picture("PNG")))

    assert re.fullmatch(r"[0-9a-f]{32}\.png", processed.image.name)
    assert processed.thumbnail.name == processed.image.name.removesuffix(".png") + "_thumb.jpg"


def test_process_photo_refuses_what_validate_photo_refuses():
    assert errors_of(process_photo, upload("photo.gif", picture("GIF"))) == [
        ("photo_format", f"GIF pictures are not accepted; upload a {PHOTO_FORMATS}")
    ]
