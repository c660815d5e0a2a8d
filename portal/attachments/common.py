"""What the photo and document checks share: sizes in messages, rewinding, Pillow's errors."""

import struct
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

MEGABYTE = 1024 * 1024
# What Pillow raises on malformed input, besides its decompression-bomb error.
PILLOW_ERRORS = (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, struct.error)


def megabytes(size: int, rounding: str) -> str:
    """``size`` bytes in MB with at most one decimal: sizes round up, limits round down."""
    value = (Decimal(size) / MEGABYTE).quantize(Decimal("0.1"), rounding=rounding)
    return f"{value:f}".removesuffix(".0")


def size_params(size: int, limit: int) -> dict[str, str]:
    return {"size": megabytes(size, ROUND_CEILING), "limit": megabytes(limit, ROUND_FLOOR)}


@contextmanager
def rewound(uploaded_file) -> Iterator[None]:
    """Read the file from its start, and leave it at its start for whoever reads it next."""
    uploaded_file.seek(0)
    try:
        yield
    finally:
        uploaded_file.seek(0)


def read_head(uploaded_file, size: int = 16) -> bytes:
    with rewound(uploaded_file):
        return uploaded_file.read(size)
