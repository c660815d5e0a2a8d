"""Private storage: uploads are stored under made-up names and served only through views.

Uploaded files are private. They are stored under names that ``PrivateUploadTo`` makes up (nothing
the user typed), never served from a public media URL, and reach a browser only through a view that
checks permissions and then calls ``serve_private_file``.
"""

import re
import uuid
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

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
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
    ".dps": "application/vnd.ms-powerpoint",
    ".ofd": "application/ofd",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
SAFE_EXTENSION_RE = re.compile(r"^\.[a-z0-9]{1,10}$")


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
