"""Uploaded photos and documents: checked by their content, cleaned, stored and served privately.

- ``photos``: ``validate_photo`` and ``process_photo`` (upright, re-encoded without EXIF, GPS,
  XMP, comment or ICC data, with a thumbnail);
- ``documents``: ``validate_document``, which decides a file's kind by its content, never by its
  name or the browser's content type, and refuses office files with macros (``macros``, with
  ``compound`` for Office 97–2003 files);
- ``fields``: the form fields that run those checks;
- ``storage``: ``PrivateUploadTo`` (made-up file names) and ``serve_private_file`` (uploads are
  private: a view checks permissions, then streams the file).

The names below are the public ones; import them from ``portal.attachments``.
"""

from portal.attachments.common import MEGABYTE
from portal.attachments.documents import DOCUMENT_ACCEPT, DOCUMENT_EXTENSIONS, validate_document
from portal.attachments.fields import DocumentField, MultipleFileInput, MultiplePhotoField
from portal.attachments.photos import (
    PHOTO_ACCEPT,
    THUMBNAIL_SIZE,
    ProcessedPhoto,
    process_photo,
    store_photos,
    validate_photo,
)
from portal.attachments.storage import CONTENT_TYPES, PrivateUploadTo, serve_private_file

__all__ = [
    "CONTENT_TYPES",
    "DOCUMENT_ACCEPT",
    "DOCUMENT_EXTENSIONS",
    "MEGABYTE",
    "PHOTO_ACCEPT",
    "THUMBNAIL_SIZE",
    "DocumentField",
    "MultipleFileInput",
    "MultiplePhotoField",
    "PrivateUploadTo",
    "ProcessedPhoto",
    "process_photo",
    "serve_private_file",
    "store_photos",
    "validate_document",
    "validate_photo",
]
