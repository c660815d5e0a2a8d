"""Photos and documents of pilots and activities."""

import pytest
from django.urls import reverse

from tests.pilots.factories import (
    ActivityFactory,
    PilotProjectFactory,
)

pytestmark = pytest.mark.django_db


def jpeg_with_gps(name="现场.jpg"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (29.0, 15.0, 0.0), 3: "E", 4: (113.0, 49.0, 0.0)}
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_photo_upload_strips_gps_and_serves_privately(staff_client, client, pilot):
    from PIL import Image

    activity = ActivityFactory(pilot=pilot)
    response = staff_client.post(
        reverse("pilots:photo-upload", args=[activity.pk]),
        {"photos": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")], "caption": "田间培训"},
    )
    assert response.url == activity.get_absolute_url()
    photos = list(activity.photos.order_by("pk"))
    assert [(photo.caption, photo.original_name) for photo in photos] == [
        ("田间培训", "a.jpg"),
        ("田间培训", "b.jpg"),
    ]
    with photos[0].image.open("rb") as stored:
        assert Image.open(stored).getexif().get_ifd(0x8825) == {}
    served = staff_client.get(reverse("pilots:photo-file", args=[photos[0].pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    client.logout()
    assert client.get(reverse("pilots:photo-file", args=[photos[0].pk])).status_code == 302


def test_photo_upload_refuses_a_fake_image_and_stores_nothing(staff_client, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = ActivityFactory(pilot=pilot)
    fake = SimpleUploadedFile("fake.jpg", b"not a picture at all", content_type="image/jpeg")
    response = staff_client.post(
        reverse("pilots:photo-upload", args=[activity.pk]),
        {"photos": [jpeg_with_gps("good.jpg"), fake], "caption": "保留的说明"},
    )
    assert response.status_code == 200
    assert "fake.jpg" in str(response.context["upload_form"].errors["photos"])
    assert response.context["upload_form"]["caption"].value() == "保留的说明"
    assert activity.photos.count() == 0


def test_document_upload_and_download(staff_client, client, member, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("实施方案.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    response = staff_client.post(
        reverse("pilots:document-upload", args=[pilot.pk]),
        {"kind": "scheme", "title": "实施方案", "file": pdf},
    )
    document = pilot.documents.get()
    assert response.url == pilot.get_absolute_url() + "#documents"
    assert document.original_name == "实施方案.pdf"
    assert "实施方案" not in document.file.name

    client.force_login(member)
    download = client.get(reverse("pilots:document-download", args=[pilot.pk, document.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


def test_document_upload_refuses_a_disguised_file(staff_client, pilot):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    response = staff_client.post(
        reverse("pilots:document-upload", args=[pilot.pk]),
        {"kind": "report", "title": "报告", "file": fake},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert response.context["form"]["title"].value() == "报告"
    assert pilot.documents.count() == 0


def test_activity_page_without_photos_does_not_send_the_user_to_itself(staff_client, staff_user):
    activity = ActivityFactory()
    page = staff_client.get(activity.get_absolute_url()).content.decode()
    assert ("这项活动还没有照片。" in page, "照片在活动页面上传" in page) == (True, False)


def test_document_upload_page_names_everyone_who_can_open_the_files(staff_client):
    pilot = PilotProjectFactory()
    page = staff_client.get(reverse("pilots:document-upload", args=[pilot.pk])).content.decode()
    assert "已声明无利益冲突的验收专家组成员可以打开" in page
