"""Private storage: PrivateUploadTo and serve_private_file."""

import io
import re
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.migrations.serializer import serializer_factory
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone

from portal.attachments import PrivateUploadTo, serve_private_file
from tests.portal.attachments.files import PDF, picture

# PrivateUploadTo


def test_private_upload_to_drops_the_users_file_name():
    upload_to = PrivateUploadTo("pilots/photos")

    name = upload_to(None, "张三 身份证 照片.JPG")

    today = timezone.localdate()
    assert re.fullmatch(rf"pilots/photos/{today:%Y}/{today:%m}/[0-9a-f]{{32}}\.jpg", name)
    assert upload_to(None, "张三 身份证 照片.JPG") != name


@pytest.mark.parametrize(
    ("filename", "extension"),
    [("scan.tar.gz", ".gz"), ("no-extension", ""), ("evil.p hp", ""), ("x.名称", "")],
)
def test_private_upload_to_keeps_only_a_safe_extension(filename, extension):
    name = PrivateUploadTo("documents")(None, filename)

    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}" + re.escape(extension), name)


def test_private_upload_to_is_serializable_in_migrations():
    upload_to = PrivateUploadTo("brands/materials")

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
    assert upload_to != PrivateUploadTo("brands/photos")


@pytest.mark.parametrize(
    "prefix", ["", "/", "/srv/media", "photos/", "../secrets", "a/../b", "a//b"]
)
def test_private_upload_to_refuses_prefix_outside_storage(prefix):
    with pytest.raises(ValueError):
        PrivateUploadTo(prefix)


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
