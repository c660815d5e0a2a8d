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
    "This kind of file is not accepted; upload a PDF or OFD file, a Word, Excel or PowerPoint "
    "file (also the older .doc, .xls and .ppt), a WPS Office file (.wps, .et, .dps), an "
    "OpenDocument file, or a JPEG, PNG or WebP picture."
)
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
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


FREESECT, ENDOFCHAIN, FATSECT, DIFSECT, NOSTREAM = (
    0xFFFFFFFF,
    0xFFFFFFFE,
    0xFFFFFFFD,
    0xFFFFFFFC,
    0xFFFFFFFF,
)


def compound_file(streams=None, storages=(), version=3):
    """An Office 97–2003 container ([MS-CFB], version 3 or 4) with these streams and empty
    storages, all in the root storage; streams under 4096 bytes go to the mini stream."""
    sector_size = 512 if version == 3 else 4096
    sectors, fat = [], []

    def allocate(data):
        """Store ``data`` in a chain of new sectors; the chain's first sector."""
        if not data:
            return ENDOFCHAIN
        start, count = len(sectors), -(-len(data) // sector_size)
        for i in range(count):
            sectors.append(data[i * sector_size : (i + 1) * sector_size].ljust(sector_size, b"\0"))
            fat.append(start + i + 1 if i < count - 1 else ENDOFCHAIN)
        return start

    mini_stream, mini_fat, entries = b"", [], []
    for name, data in (streams or {}).items():
        if len(data) >= 4096:
            entries.append((name, 2, allocate(data), len(data)))
            continue
        start, count = len(mini_stream) // 64, -(-len(data) // 64)
        mini_fat += [start + i + 1 if i < count - 1 else ENDOFCHAIN for i in range(count)]
        mini_stream += data.ljust(count * 64, b"\0")
        entries.append((name, 2, start if data else ENDOFCHAIN, len(data)))
    entries += [(name, 1, 0, 0) for name in storages]
    entries.insert(0, ("Root Entry", 5, allocate(mini_stream), len(mini_stream)))
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_start = allocate(mini_fat_bytes)

    directory = b""
    for index, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        child = 1 if index == 0 and len(entries) > 1 else NOSTREAM
        right = index + 1 if 0 < index < len(entries) - 1 else NOSTREAM
        directory += encoded.ljust(64, b"\0") + struct.pack(
            "<HBBIII16sIQQIQ", len(encoded), kind, 1, NOSTREAM, right, child, bytes(16), 0, 0, 0,
            start, size,
        )  # fmt: skip
    directory_start = allocate(directory)

    # FAT and DIFAT sectors: enough FAT entries for every sector, themselves included.
    per_sector = sector_size // 4
    fat_count = difat_count = 1
    while len(sectors) + fat_count + difat_count > fat_count * per_sector:
        fat_count += 1
    difat_count = -(-max(fat_count - 109, 0) // (per_sector - 1))
    fat_locations = list(range(len(sectors), len(sectors) + fat_count))
    difat_locations = list(range(fat_locations[-1] + 1, fat_locations[-1] + 1 + difat_count))
    fat += [FATSECT] * fat_count + [DIFSECT] * difat_count
    fat += [FREESECT] * (fat_count * per_sector - len(fat))
    for i in range(fat_count):
        sectors.append(struct.pack(f"<{per_sector}I", *fat[i * per_sector : (i + 1) * per_sector]))
    rest = fat_locations[109:]
    for i, _location in enumerate(difat_locations):
        listed = rest[i * (per_sector - 1) : (i + 1) * (per_sector - 1)]
        listed += [FREESECT] * (per_sector - 1 - len(listed))
        following = difat_locations[i + 1] if i + 1 < difat_count else ENDOFCHAIN
        sectors.append(struct.pack(f"<{per_sector}I", *listed, following))

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x3E,
        version,
        0xFFFE,
        9 if version == 3 else 12,
        6,
        bytes(6),
        0 if version == 3 else -(-len(directory) // sector_size),
        fat_count,
        directory_start,
        0,
        4096,
        mini_fat_start,
        -(-len(mini_fat_bytes) // sector_size),
        difat_locations[0] if difat_locations else ENDOFCHAIN,
        difat_count,
        *(fat_locations[:109] + [FREESECT] * (109 - len(fat_locations[:109]))),
    )
    return header.ljust(sector_size, b"\0") + b"".join(sectors)


OLE2 = compound_file({"WordDocument": bytes(4096), "1Table": bytes(600)})
