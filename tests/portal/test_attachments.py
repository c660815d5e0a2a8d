import io
import re
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import models
from django.db.migrations.serializer import serializer_factory
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from PIL import Image, ImageCms, PngImagePlugin

from portal.attachments import (
    DOCUMENT_ACCEPT,
    MEGABYTE,
    DocumentField,
    MultipleFileInput,
    MultiplePhotoField,
    PhotoField,
    PrivateUploadTo,
    private_upload_to,
    process_photo,
    serve_private_file,
    validate_document,
    validate_photo,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
PHOTO_FORMATS = "JPEG, PNG or WebP photo."
UNREADABLE = "This file is not a picture that can be read; upload a JPEG, PNG or WebP photo."
DOCUMENT_TYPE = (
    "This kind of file is not accepted; upload a PDF, a Word, Excel or PowerPoint file (also "
    "the older .doc, .xls and .ppt), an OpenDocument file, or a JPEG, PNG or WebP picture."
)
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(240) + b"PE\x00\x00"


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English here."""
    with translation.override("en"):
        yield


def picture(image_format, size=(40, 30), mode="RGB", color="red", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in entries.items():
            package.writestr(name, content)
    return buffer.getvalue()


def xlsx():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "试点名称"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def errors_of(validate, uploaded_file):
    with pytest.raises(ValidationError) as raised:
        validate(uploaded_file)
    error = raised.value
    return [(e.code, message) for e, message in zip(error.error_list, error, strict=True)]


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    exif[0x0110] = "Phone model"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (29.0, 12.0, 3.5), 3: "E", 4: (113.0, 51.0, 7.25)}
    return exif


def opened(content_file):
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


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


def test_photo_field_refuses_ten_megabytes_and_one_byte_under_default_cap(settings):
    assert settings.PHOTO_MAX_BYTES == 10 * MEGABYTE
    uploaded = padded_upload(picture("JPEG"), 10 * MEGABYTE + 1)

    with pytest.raises(ValidationError) as raised, uploaded:
        PhotoField().clean(uploaded)

    assert raised.value.messages == ["This photo is 10.1 MB; the limit is 10 MB."]


def test_photo_field_accepts_ten_megabytes_exactly(settings):
    uploaded = padded_upload(picture("JPEG"), 10 * MEGABYTE)

    with uploaded:
        assert PhotoField().clean(uploaded).photo_format == "JPEG"


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


# process_photo


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


# validate_document

DOCX = zipped(
    {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
    }
)
PPTX = zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})
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
        ("report.docx", PDF),
        ("report.xlsx", DOCX),
        ("old-report.doc", DOCX),
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
        ("macros.xlsm", zipped({"[Content_Types].xml": "", "xl/vbaProject.bin": "x"})),
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


# Form fields


class PhotosForm(forms.Form):
    photos = MultiplePhotoField()


def test_photo_and_document_fields_set_accept_attribute():
    assert PhotoField().widget.attrs == {"accept": "image/jpeg,image/png,image/webp"}
    assert DocumentField().widget.attrs == {"accept": DOCUMENT_ACCEPT}
    assert DOCUMENT_ACCEPT == (
        ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.odg,.doc,.xls,.ppt,.jpg,.jpeg,.png,.webp"
    )
    assert PhotoField(accept="image/jpeg").widget.attrs == {"accept": "image/jpeg"}


def test_photo_field_cleans_to_upload_with_its_format():
    cleaned = PhotoField().clean(upload("photo.jpg", picture("WEBP")))

    assert (cleaned.name, cleaned.photo_format) == ("photo.jpg", "WEBP")


def test_photo_field_keeps_initial_file_without_new_upload():
    assert PhotoField(required=False).clean(None, "stored/photo.jpg") == "stored/photo.jpg"


def test_document_field_cleans_to_upload_with_its_kind():
    assert DocumentField().clean(upload("明细.xlsx", xlsx())).document_kind == "excel"


def test_document_field_refuses_mismatching_file():
    with pytest.raises(ValidationError) as raised:
        DocumentField().clean(upload("report.pdf", EXE))

    assert raised.value.messages == [
        "The content of “report.pdf” does not match its name; check that you chose the right "
        "file and that its name ends in the right extension."
    ]


def test_multiple_photo_field_renders_multiple_input():
    assert isinstance(PhotosForm().fields["photos"].widget, MultipleFileInput)
    assert str(PhotosForm()["photos"]) == (
        '<input type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" '
        'required id="id_photos">'
    )


def test_multiple_photo_field_accepts_several_photos():
    files = MultiValueDict(
        {"photos": [upload("a.jpg", picture("JPEG")), upload("b.png", picture("PNG"))]}
    )
    form = PhotosForm(data={}, files=files)

    assert form.is_valid()
    assert [(p.name, p.photo_format) for p in form.cleaned_data["photos"]] == [
        ("a.jpg", "JPEG"),
        ("b.png", "PNG"),
    ]


def test_multiple_photo_field_refuses_all_when_one_is_bad_and_names_it():
    files = MultiValueDict(
        {
            "photos": [
                upload("good.jpg", picture("JPEG")),
                upload("会议纪要.jpg", b"not a picture"),
                upload("anim.gif", picture("GIF")),
            ]
        }
    )
    form = PhotosForm(data={}, files=files)

    assert not form.is_valid()
    assert "photos" not in form.cleaned_data
    assert form.errors["photos"] == [
        "Nothing was uploaded: correct or leave out the files below, then choose the photos again.",
        f"“会议纪要.jpg”: {UNREADABLE}",
        f"“anim.gif”: GIF pictures are not accepted; upload a {PHOTO_FORMATS}",
    ]
    assert [error.code for error in form.errors.as_data()["photos"]] == [
        "photos_refused",
        "photo_unreadable",
        "photo_format",
    ]


def test_multiple_photo_field_requires_a_photo():
    form = PhotosForm(data={}, files=MultiValueDict())

    assert form.errors["photos"] == ["This field is required."]


def test_multiple_photo_field_optional_cleans_to_empty_list():
    assert MultiplePhotoField(required=False).clean([]) == []


# private_upload_to


def test_private_upload_to_drops_the_users_file_name():
    upload_to = private_upload_to("pilots/photos")

    name = upload_to(None, "张三 身份证 照片.JPG")

    today = timezone.localdate()
    assert re.fullmatch(rf"pilots/photos/{today:%Y}/{today:%m}/[0-9a-f]{{32}}\.jpg", name)
    assert upload_to(None, "张三 身份证 照片.JPG") != name


@pytest.mark.parametrize(
    ("filename", "extension"),
    [("scan.tar.gz", ".gz"), ("no-extension", ""), ("evil.p hp", ""), ("x.名称", "")],
)
def test_private_upload_to_keeps_only_a_safe_extension(filename, extension):
    name = private_upload_to("documents")(None, filename)

    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}" + re.escape(extension), name)


def test_private_upload_to_is_serializable_in_migrations():
    upload_to = private_upload_to("brands/materials")

    assert upload_to.deconstruct() == (
        "portal.attachments.PrivateUploadTo",
        ("brands/materials",),
        {},
    )
    assert serializer_factory(upload_to).serialize() == (
        "portal.attachments.PrivateUploadTo('brands/materials')",
        {"import portal.attachments"},
    )
    assert upload_to == PrivateUploadTo("brands/materials")


@pytest.mark.parametrize(
    "prefix", ["", "/", "/srv/media", "photos/", "../secrets", "a/../b", "a//b"]
)
def test_private_upload_to_refuses_prefix_outside_storage(prefix):
    with pytest.raises(ValueError):
        private_upload_to(prefix)


# serve_private_file


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return FileSystemStorage(location=tmp_path)


def served(response):
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


# Closing a FileResponse sends request_finished, which touches the database connections.
@pytest.mark.django_db
def test_serve_private_file_streams_attachment_with_chinese_name(storage):
    name = storage.save("applications/2025/06/0123abcd.pdf", io.BytesIO(PDF))
    field_file = FieldFile(None, models.FileField(storage=storage), name)

    response = serve_private_file(field_file, download_name="申报书.pdf", as_attachment=True)

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=0"
    assert served(response) == PDF


# Closing a FileResponse sends request_finished, which touches the database connections.
@pytest.mark.django_db
def test_serve_private_file_inline_with_plain_object(storage):
    content = picture("JPEG")
    name = storage.save("pilots/photos/2025/06/abcdef.jpg", io.BytesIO(content))

    response = serve_private_file(
        SimpleNamespace(storage=storage, name=name),
        download_name="site\r\nvisit/../photo.jpg",
        as_attachment=False,
    )

    assert response["Content-Disposition"] == 'inline; filename="sitevisit_.._photo.jpg"'
    assert response["Content-Type"] == "image/jpeg"
    assert served(response) == content


# Closing a FileResponse sends request_finished, which touches the database connections.
@pytest.mark.django_db
def test_serve_private_file_serves_unknown_extension_as_octet_stream(storage):
    name = storage.save("legacy/notes.html", io.BytesIO(b"<script>alert(1)</script>"))

    response = serve_private_file(
        SimpleNamespace(storage=storage, name=name), download_name="", as_attachment=True
    )

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="notes.html"'
    served(response)


@pytest.mark.parametrize("name", ["applications/missing.pdf", ""])
def test_serve_private_file_raises_404_when_missing(storage, name):
    with pytest.raises(Http404):
        serve_private_file(
            SimpleNamespace(storage=storage, name=name), download_name="x.pdf", as_attachment=True
        )
