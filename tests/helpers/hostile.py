"""Builders for the broken and hostile inputs of issue 4, each written to a path the test gives.

Each builder makes the real thing (a real password-protected PDF, a real decompression bomb), not
a file that merely has the right name, so the checks are tested against what analysts will meet.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path

import pypdf
from PIL import Image


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated_pdf(source: Path, path: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` of a real PDF: a download or copy that stopped half-way."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def corrupt_pdf(path: Path) -> Path:
    """A PDF header and end marker around bytes that are no PDF at all."""
    rng = random.Random(4)
    path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(20_000)) + b"\n%%EOF\n")
    return path


def no_pages_pdf(path: Path) -> Path:
    """A well-formed PDF without a single page."""
    with open(path, "wb") as fh:
        pypdf.PdfWriter().write(fh)
    return path


def encrypted_pdf(source: Path, path: Path, user_password: str = "geheim") -> Path:
    """``source`` protected with AES-256; an empty ``user_password`` gives a PDF that opens
    without asking (only its owner permissions are protected)."""
    writer = pypdf.PdfWriter(clone_from=source)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def png_named(path: Path) -> Path:
    """A real PNG saved under ``path`` (e.g. ``scan.pdf``): a renamed file."""
    Image.new("L", (200, 100), 255).save(path, format="PNG")
    return path


def jpeg_named(path: Path) -> Path:
    Image.new("RGB", (200, 100), (255, 255, 255)).save(path, format="JPEG")
    return path


def garbage(path: Path, size: int = 50_000) -> Path:
    """Random bytes (e.g. as ``scan.tif``)."""
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(size)))
    return path


def png_bomb(path: Path, side: int = 20_000) -> Path:
    """A valid bilevel PNG of ``side``×``side`` white pixels: about 50 KB on disk, hundreds of
    megabytes once decoded. Written a row at a time, so building it needs no memory either."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    chunks = [comp.compress(row) for _ in range(side)]
    idat = b"".join(chunks) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def tiff_pages(path: Path, pages: int, size: tuple[int, int] = (400, 300)) -> Path:
    """A multi-page TIFF of blank pages (for page limits)."""
    frames = [Image.new("1", size, 1) for _ in range(pages)]
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:], compression="group4")
    return path


def unsupported(path: Path) -> Path:
    """A Word-like .docx (a ZIP archive)."""
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    path.write_bytes(buf.getvalue())
    return path


def make_unreadable(path: Path) -> Path:
    """Take every permission away (root can still read it: tests check ``os.geteuid()``)."""
    os.chmod(path, 0)
    return path
