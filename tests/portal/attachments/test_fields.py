"""The upload form fields."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from portal.attachments import DOCUMENT_ACCEPT, DocumentField, MultipleFileInput, MultiplePhotoField
from tests.portal.attachments.files import EXE, PHOTO_FORMATS, UNREADABLE, picture, upload, xlsx


class PhotosForm(forms.Form):
    photos = MultiplePhotoField()


def test_document_field_sets_accept_attribute():
    assert DocumentField().widget.attrs == {"accept": DOCUMENT_ACCEPT}
    assert DOCUMENT_ACCEPT == (
        ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.odg,.doc,.xls,.ppt,.wps,.et,.dps,.ofd,.jpg,.jpeg,.png,.webp"
    )
    assert DocumentField(accept=".pdf").widget.attrs == {"accept": ".pdf"}


def test_document_field_keeps_initial_file_without_new_upload():
    assert DocumentField(required=False).clean(None, "stored/report.pdf") == "stored/report.pdf"


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
