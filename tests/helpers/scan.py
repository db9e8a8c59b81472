"""Make realistic test inputs from text: born-digital PDFs, and "scans" of them.

A scan here is what an office scanner produces: the born-digital pages rasterised, turned a little
(or upside down, or sideways when a sheet went in wrong), with sensor noise, a little blur and JPEG
compression, packed one image per page into a PDF with no text layer. Tests and the benchmark use
real Tesseract on these, so the OCR path is exercised end to end without shipping binary fixtures.

Everything is deterministic for a given ``seed``, so a failing test can be reproduced.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, ImageFilter
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from samplegen import fonts

from .seeds import seed_text

__all__ = [
    "degrade",
    "pack_pdf",
    "pack_tiff",
    "rasterise",
    "render_pdf",
    "scan_images",
    "scan_pdf",
    "seed_text",
    "turn",
]


# --------------------------------------------------------------------------- born-digital


# Embedded Arial-metric fonts (the sample generator's): a non-embedded "Helvetica" is drawn by
# poppler with DejaVu Sans at Helvetica's positions, which tears words apart ("J ahre").
fonts.register()
for _bold, _italic, _face in ((0, 0, "Arial"), (1, 0, "Arial-Bold"), (0, 1, "Arial"), (1, 1, "Arial-Bold")):
    addMapping("Arial", _bold, _italic, _face)  # so Paragraph can resolve the family
_BODY = ParagraphStyle("body", fontName="Arial", fontSize=11, leading=14.5, spaceAfter=7)
_HEAD = ParagraphStyle("head", parent=_BODY, fontName="Arial-Bold", alignment=1, spaceAfter=9)
_TITLE = ParagraphStyle("title", parent=_HEAD, fontSize=18, leading=24)


def _flowables(text: str) -> Iterator[object]:
    """Paragraphs of ``text`` (blank-line separated) as reportlab flowables; a form feed is a page
    break. Lines inside a paragraph are kept as line breaks, as in the seeds' signature block."""
    for page_no, page in enumerate(text.split("\f")):
        if page_no:
            yield PageBreak()
        for para in re.split(r"\n\s*\n", page):
            para = para.strip()
            if not para:
                continue
            para = para.replace("**", "")
            markup = "<br/>".join(escape(line.strip()) for line in para.splitlines())
            if para in ("Zielvereinbarung",) or re.fullmatch(r"\d{4}", para):
                yield Paragraph(markup, _TITLE)
            elif re.fullmatch(r"§ ?\d+", para) or para == "Präambel":
                yield Paragraph(markup, _HEAD)
            else:
                yield Paragraph(markup, _BODY)
    yield Spacer(1, 1)


def _footer(canv: canvas.Canvas, doc: SimpleDocTemplate) -> None:
    canv.setFont("Arial", 9)
    canv.drawCentredString(A4[0] / 2, 12 * mm, f"Seite {doc.page}")


def render_pdf(text: str, path: Path) -> Path:
    """A born-digital A4 PDF of ``text`` in embedded Arial (cp1252 covers ä ö ü ß § „ “ –)."""
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=22 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
    )
    doc.build(list(_flowables(text)), onFirstPage=_footer, onLaterPages=_footer)  # type: ignore[arg-type]
    return path


# --------------------------------------------------------------------------- scanning


def rasterise(pdf: Path, dpi: int = 300) -> Iterator[Image.Image]:
    """The pages of ``pdf`` as greyscale images, one at a time (pdftoppm, PGM)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(1, pages + 1):
            out = Path(tmp) / "p"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(dpi),
                    "-gray",
                    "-f",
                    str(n),
                    "-l",
                    str(n),
                    "-singlefile",
                    str(pdf),
                    str(out),
                ],
                check=True,
            )
            with Image.open(out.with_suffix(".pgm")) as im:
                im.load()
                yield im.copy()


def degrade(
    image: Image.Image, *, angle: float = 0.6, noise: float = 10.0, blur: float = 0.6, seed: int = 0
) -> Image.Image:
    """What a scanner does to a page: a slight turn, blur, and Gaussian sensor noise."""
    rng = np.random.default_rng(seed)
    out = image.convert("L")
    if angle:
        out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        arr = np.asarray(out, dtype=np.float32) + rng.normal(0.0, noise, size=(out.height, out.width))
        out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    return out


def turn(image: Image.Image, degrees: int) -> Image.Image:
    """A sheet fed in the wrong way: ``degrees`` counter-clockwise, a multiple of 90."""
    if degrees % 360 == 0:
        return image
    return image.rotate(degrees, expand=True)


def pack_pdf(
    images: Iterable[Image.Image],
    path: Path,
    *,
    dpi: int = 300,
    quality: int = 75,
    hidden_text: Sequence[str] = (),
) -> Path:
    """An image-only PDF: each image a JPEG (as scanners write them) filling one page.

    ``hidden_text`` puts these lines under every page as invisible text (render mode 3), the way
    scanner software adds an OCR layer: used to make a scan whose hidden layer is garbage.
    """
    canv = canvas.Canvas(str(path))
    for im in images:
        buf = io.BytesIO()
        im.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi))
        buf.seek(0)
        w, h = im.width * 72.0 / dpi, im.height * 72.0 / dpi
        canv.setPageSize((w, h))
        canv.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
        if hidden_text:
            text = canv.beginText(72, h - 72)
            text.setTextRenderMode(3)
            text.setFont("Helvetica", 10)
            for line in hidden_text:
                text.textLine(line)
            canv.drawText(text)
        canv.showPage()
    canv.save()
    return path


def pack_tiff(images: Sequence[Image.Image], path: Path, *, dpi: int = 300) -> Path:
    """A multi-page TIFF (one frame per page, Group 4 for bilevel pages, LZW otherwise)."""
    first, *rest = images
    first.save(path, format="TIFF", save_all=True, append_images=rest, compression="tiff_lzw", dpi=(dpi, dpi))
    return path


def scan_pdf(
    text: str,
    path: Path,
    *,
    dpi: int = 300,
    turns: dict[int, int] | None = None,
    angle: float = 0.6,
    angles: dict[int, float] | None = None,
    max_pages: int | None = None,
    seed: int = 0,
) -> Path:
    """Render ``text``, scan it, and write the scan as an image-only PDF at ``path``.

    ``turns`` maps a 1-based page number to the degrees that sheet was turned counter-clockwise
    (180: upside down); ``angle`` is the slight skew of every page (alternating in sign),
    ``angles`` overrides it for single pages; ``max_pages`` keeps only the first pages (tests that
    need one page stay fast).
    """
    with tempfile.TemporaryDirectory() as tmp:
        born = render_pdf(text, Path(tmp) / "born.pdf")
        pages = scan_images(
            born, dpi=dpi, turns=turns, angle=angle, angles=angles, max_pages=max_pages, seed=seed
        )
        return pack_pdf(pages, path, dpi=dpi)


def scan_images(
    born: Path,
    *,
    dpi: int = 300,
    turns: dict[int, int] | None = None,
    angle: float = 0.6,
    angles: dict[int, float] | None = None,
    max_pages: int | None = None,
    seed: int = 0,
) -> Iterator[Image.Image]:
    """The scanned pages of the born-digital ``born``, one at a time."""
    turns, angles = turns or {}, angles or {}
    for n, page in enumerate(rasterise(born, dpi), start=1):
        if max_pages is not None and n > max_pages:
            break
        skew = angles.get(n, angle if n % 2 else -angle)
        yield turn(degrade(page, angle=skew, seed=seed + n), turns.get(n, 0))
