"""Office 97–2003 files: just enough of the compound file format ([MS-CFB]) to look for macros.

A compound file is a small file system inside one file: a header, a table of sector chains (the
FAT), a directory of storages (folders) and streams (files), and a second, smaller table (the
mini FAT) for streams under 4096 bytes, which live in sectors of 64 bytes inside one stream.
Only reading is supported; anything malformed raises CompoundFileError.
"""

import struct
from dataclasses import dataclass
from functools import cached_property

# [MS-CFB] §2.1: the largest regular sector number; those above are special (ENDOFCHAIN...).
MAXREGSECT = 0xFFFFFFFA
HEADER_SIZE = 512
DIRECTORY_ENTRY_SIZE = 128
# [MS-CFB] §2.6.1: object types of directory entries.
STORAGE, STREAM, ROOT = 1, 2, 5


class CompoundFileError(ValueError):
    """The file is not a well-formed compound file."""


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    kind: int
    start: int
    size: int


class CompoundFile:
    """The directory and streams of a compound file, read from a binary file object."""

    def __init__(self, file, file_size: int):
        self._file = file
        header = self._read(0, HEADER_SIZE)
        (major, byte_order, sector_shift, mini_shift) = struct.unpack_from("<HHHH", header, 0x1A)
        if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)):
            raise CompoundFileError("Unknown compound file version.")
        if mini_shift != 6:
            raise CompoundFileError("Unknown mini sector size.")
        self.sector_size = 1 << sector_shift
        self._version = major
        # Sector 0 follows the header, which takes a whole sector in version 4.
        self._sector_count = max(file_size // self.sector_size - 1, 0)
        (fat_sectors, first_directory, _, self._mini_cutoff, first_mini_fat, _, first_difat) = (
            struct.unpack_from("<7I", header, 0x2C)
        )
        difat_count = struct.unpack_from("<I", header, 0x48)[0]
        self._fat = self._read_fat(header, fat_sectors, first_difat, difat_count)
        self.entries = self._read_directory(first_directory)
        if not self.entries or self.entries[0].kind != ROOT:
            raise CompoundFileError("The first directory entry is not the root.")
        self._mini_fat = self._sector_table(self._chain(first_mini_fat, self._fat))

    def _read(self, offset: int, size: int) -> bytes:
        self._file.seek(offset)
        data = self._file.read(size)
        if not data:
            raise CompoundFileError("A sector lies beyond the end of the file.")
        # Some writers leave out the unused end of the last sector.
        return data.ljust(size, b"\0")

    def _sector(self, number: int) -> bytes:
        return self._read((number + 1) * self.sector_size, self.sector_size)

    @cached_property
    def _mini_stream(self) -> bytes:
        """The stream that holds the 64-byte mini sectors: the root entry's."""
        root = self.entries[0]
        return self._stream_bytes(root.start, root.size, mini=False)

    def _sector_table(self, sectors) -> list[int]:
        """Sector numbers stored in ``sectors``, four bytes each."""
        table = []
        for sector in sectors:
            data = self._sector(sector)
            table.extend(struct.unpack(f"<{len(data) // 4}I", data))
        return table

    def _read_fat(self, header: bytes, fat_sectors: int, first_difat: int, difat_count: int):
        # A FAT sector lists sector_size / 4 sectors; more FAT than the file needs is refused,
        # so that a small file cannot make a large table.
        if fat_sectors > self._sector_count // (self.sector_size // 4) + 2:
            raise CompoundFileError("More FAT sectors than the file needs.")
        if difat_count > fat_sectors:
            raise CompoundFileError("More DIFAT sectors than FAT sectors.")
        # The first 109 FAT sectors are listed in the header, the others in a chain of DIFAT
        # sectors, each ending with the number of the next.
        locations = list(struct.unpack_from("<109I", header, 0x4C))
        sector = first_difat
        for _ in range(difat_count):
            if sector > MAXREGSECT:
                raise CompoundFileError("The DIFAT chain ends early.")
            *listed, sector = struct.unpack(f"<{self.sector_size // 4}I", self._sector(sector))
            locations.extend(listed)
        locations = locations[:fat_sectors]
        if len(locations) < fat_sectors or any(s > MAXREGSECT for s in locations):
            raise CompoundFileError("A FAT sector is missing.")
        return self._sector_table(locations)

    def _chain(self, start: int, table: list[int]):
        """The sector numbers of the chain that starts at ``start`` in ``table``."""
        sector, length = start, 0
        # ENDOFCHAIN ends a chain; so does any other special number (some writers mark an empty
        # chain FREESECT). A stream cut short this way is then shorter than its size.
        while sector <= MAXREGSECT:
            if sector >= len(table) or length > len(table):
                raise CompoundFileError("A sector chain is broken.")
            yield sector
            sector, length = table[sector], length + 1

    def _stream_bytes(self, start: int, size: int, *, mini: bool) -> bytes:
        """``size`` bytes from the chain at ``start``: of mini sectors when ``mini``."""
        if size > self._sector_count * self.sector_size:
            raise CompoundFileError("A stream is larger than the file.")
        if mini:
            stream = self._mini_stream
            pieces = (stream[n * 64 : (n + 1) * 64] for n in self._chain(start, self._mini_fat))
        else:
            pieces = (self._sector(n) for n in self._chain(start, self._fat))
        data = b"".join(pieces)
        if len(data) < size:
            raise CompoundFileError("A stream is shorter than its size.")
        return data[:size]

    def _read_directory(self, first_sector: int) -> list[DirectoryEntry]:
        entries = []
        for sector in self._chain(first_sector, self._fat):
            data = self._sector(sector)
            for offset in range(0, len(data), DIRECTORY_ENTRY_SIZE):
                raw = data[offset : offset + DIRECTORY_ENTRY_SIZE]
                name_size, kind = struct.unpack_from("<HB", raw, 0x40)
                start, size = struct.unpack_from("<IQ", raw, 0x74)
                if self._version == 3:
                    size &= 0xFFFFFFFF  # [MS-CFB] §2.6.3: the high half may hold garbage
                name_size = min(name_size, 64)
                name = raw[: max(name_size - 2, 0)].decode("utf-16-le", "replace")
                entries.append(DirectoryEntry(name=name, kind=kind, start=start, size=size))
        return entries

    def read_stream(self, entry: DirectoryEntry) -> bytes:
        """The content of a stream entry."""
        if entry.kind != STREAM:
            raise CompoundFileError("Not a stream.")
        return self._stream_bytes(entry.start, entry.size, mini=entry.size < self._mini_cutoff)
