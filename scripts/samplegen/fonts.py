"""Fonts embedded in the sample PDFs: Arial and Times New Roman clones that ship with reportlab.

Why embed instead of using the PDF standard fonts: a standard font is not in the file, so each
renderer substitutes what its machine has. Here poppler drew "Helvetica" with DejaVu Sans at
Helvetica's glyph positions, which spreads letters apart ("S chwerpunkte") — a defect real scans
never have, and one that would differ between machines. reportlab ships Type 1 fonts with
Arial's and Times New Roman's metrics (what the ministry's Word documents use), covering
ä ö ü ß § „ “ – € •; embedding them makes every rasterisation identical.
"""

from __future__ import annotations

import codecs
import functools
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics

_DIR = Path(reportlab.__file__).parent / "fonts"
_FILES = {
    "Arial": "_a______",
    "Arial-Bold": "_ab_____",
    "TimesNewRoman": "_er_____",
    "TimesNewRoman-Bold": "_eb_____",
}
BOLD = {"Arial": "Arial-Bold", "TimesNewRoman": "TimesNewRoman-Bold"}


ENCODING = "AQBWinAnsi"


def _codec(name: str) -> codecs.CodecInfo | None:
    return codecs.lookup("cp1252") if name == ENCODING.lower() else None


@functools.cache
def register() -> None:
    """Register the four fonts with reportlab (idempotent).

    reportlab's own WinAnsi writes • as 0x7F, a code PDF's WinAnsiEncoding leaves undefined, so
    text extractors read "(cid:127)". Our encoding is plain cp1252 (• is 0x95) with those
    undefined codes cleared; reportlab encodes text with the Python codec of the same name.
    """
    codecs.register(_codec)
    enc = pdfmetrics.Encoding(ENCODING, "WinAnsiEncoding")
    for code in (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D):
        enc[code] = None
    pdfmetrics.registerEncoding(enc)
    for name, stem in _FILES.items():
        face = pdfmetrics.EmbeddedType1Face(str(_DIR / f"{stem}.afm"), str(_DIR / f"{stem}.pfb"))
        pdfmetrics.registerTypeFace(face)
        pdfmetrics.registerFont(pdfmetrics.Font(name, face.name, ENCODING))
