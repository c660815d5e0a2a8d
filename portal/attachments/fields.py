"""Form fields for uploads: each checks the files by their content before the form is valid."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.attachments.documents import DOCUMENT_ACCEPT, validate_document
from portal.attachments.photos import PHOTO_ACCEPT, validate_photo


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
