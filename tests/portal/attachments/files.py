"""Files for the upload tests, made in memory."""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

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


def png_header_only(width, height):
    """A PNG that says it is ``width`` × ``height`` pixels, with no picture data at all."""

    def chunk(kind, data):
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def jpeg_claiming(width, height):
    """A small JPEG whose frame header says it is ``width`` × ``height`` pixels."""
    content = bytearray(picture("JPEG", size=(16, 16)))
    frame = content.index(b"\xff\xc0")  # SOF0: marker, length, precision, height, width
    content[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(content)
