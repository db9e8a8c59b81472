"""Scanned variants of a born-digital agreement: what an office scanner makes of the signed paper.

Why our own numpy/Pillow code and not augraphy: augraphy pulls in OpenCV, scikit-learn and numba
(hundreds of MB) for effects we do not need (folded paper, bleed-through, book binding), and its
pipelines are hard to pin so that one seed gives the same pixels after an upgrade. Office scans of
these agreements show a short list of defects, each a few lines here and each tied to a known
Tesseract failure: skew (line finding), blur and low resolution (ä/a, ß/B, ii/ü), JPEG blocks and
sensor noise (broken strokes), uneven lighting and a lid shadow (binarisation), dust (stray
punctuation), bilevel thresholding (thin glyph parts vanish), a page fed upside down (orientation),
and ink on the signature block: a handwritten signature, a round stamp over the typed names, and
dates written by hand on a blank line (seed 001's "7. 7 207 -4").

Ink is drawn onto the clean raster first and the page is then "scanned" (skewed, blurred, noised,
compressed), so ink and print degrade together as they do on paper.
"""

from __future__ import annotations

import math
import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .layout import Box, Laid
from .spec import DocSpec, genitive

BLUE_INK = (28, 38, 120)
STAMP_INK = (88, 64, 168)


@dataclass(frozen=True)
class ScanProfile:
    dpi: int
    color: bool  # colour JPEG (heavy) or grey (light); bilevel for TIFF
    skew: float  # max degrees either way
    blur: float  # Gaussian radius in pixels
    noise: float  # sensor noise sigma (0..255)
    jpeg_quality: int
    uneven_light: bool = False
    lid_shadow: bool = False
    dust: int = 0  # specks per page
    stamps: bool = False  # round stamps over the typed names of the signature block
    bilevel: bool = False
    white_point: float = 255.0  # grey level the scanner maps to white (background removal)


PROFILES: dict[str, ScanProfile] = {
    "scan300": ScanProfile(
        dpi=300, color=False, skew=0.6, blur=0.45, noise=4.0, jpeg_quality=60, white_point=226
    ),
    "scan300-upside-down": ScanProfile(
        dpi=300, color=False, skew=0.5, blur=0.45, noise=4.0, jpeg_quality=60, white_point=226
    ),
    "scan200-heavy": ScanProfile(
        dpi=200,
        color=True,
        skew=1.8,
        blur=0.95,
        noise=11.0,
        jpeg_quality=32,
        uneven_light=True,
        lid_shadow=True,
        dust=350,
        stamps=True,
    ),
    "tiff": ScanProfile(
        dpi=200, color=False, skew=0.8, blur=0.7, noise=12.0, jpeg_quality=0, bilevel=True, dust=120
    ),
}


def rasterize(pdf: Path, dpi: int, tmp: Path) -> list[Image.Image]:
    """Pages of a PDF as RGB images (pdftoppm: fast, and the renderer the pipeline also uses)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), str(pdf), str(tmp / "p")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp.glob("p-*.ppm"))]


# --------------------------------------------------------------------------- ink


def _px(box: Box, dpi: int) -> tuple[float, float, float, float]:
    k = dpi / 72.0
    return box.x0 * k, box.y0 * k, box.x1 * k, box.y1 * k


def draw_signature(img: Image.Image, box: Box, dpi: int, rng: random.Random) -> None:
    """A handwritten signature: a few fast loops that run left to right and end in a flourish.
    Kept inside its space, touching the lines around it at most: the typed name under it is what
    extraction has to read, and a name struck through is unrecoverable for an invented person."""
    x0, y0, x1, y1 = _px(box, dpi)
    span = y1 - y0
    w = min(x1 - x0, dpi * 2.1) * rng.uniform(0.65, 0.95)
    h = span * rng.uniform(0.5, 0.8)
    yc = y0 + span * 0.5
    xs = x0 + rng.uniform(0, 0.15) * (x1 - x0)
    loops = rng.randint(3, 7)
    phase = rng.uniform(0, math.tau)
    pts = []
    n = 400
    for i in range(n):
        t = i / (n - 1)
        x = xs + w * t + 0.06 * w * math.sin(math.tau * loops * t + phase)
        y = (
            yc
            + 0.45 * h * math.sin(math.tau * loops * t * 0.5 + phase) * (1 - 0.6 * t)
            + 0.25 * h * math.cos(math.tau * loops * t)
        )
        pts.append((x, y))
    flourish_y = y0 + span * rng.uniform(0.75, 0.95)
    pts += [(xs + w * 1.02, flourish_y - h * 0.1), (xs - w * 0.05, flourish_y + h * 0.05)]
    width = max(2, round(dpi / 110))
    ImageDraw.Draw(img).line(pts, fill=BLUE_INK, width=width, joint="curve")


# Digits as pen strokes in a unit box (x right, y down): a crude but human-looking hand.
_STROKES: dict[str, list[list[tuple[float, float]]]] = {
    "0": [
        [
            (0.5, 0.0),
            (0.15, 0.2),
            (0.1, 0.6),
            (0.35, 1.0),
            (0.75, 0.9),
            (0.9, 0.45),
            (0.7, 0.05),
            (0.45, 0.02),
        ]
    ],
    "1": [[(0.25, 0.25), (0.6, 0.0), (0.55, 1.0)]],
    "2": [[(0.1, 0.25), (0.35, 0.0), (0.75, 0.05), (0.85, 0.3), (0.5, 0.65), (0.1, 1.0), (0.95, 0.95)]],
    "3": [[(0.1, 0.1), (0.55, 0.0), (0.85, 0.2), (0.45, 0.45), (0.9, 0.7), (0.55, 1.0), (0.1, 0.9)]],
    "4": [[(0.65, 1.0), (0.7, 0.0), (0.05, 0.65), (0.95, 0.65)]],
    "5": [[(0.85, 0.0), (0.25, 0.0), (0.2, 0.45), (0.65, 0.4), (0.9, 0.7), (0.6, 1.0), (0.1, 0.9)]],
    "6": [
        [
            (0.8, 0.05),
            (0.4, 0.1),
            (0.15, 0.6),
            (0.3, 1.0),
            (0.75, 0.95),
            (0.85, 0.65),
            (0.5, 0.5),
            (0.2, 0.65),
        ]
    ],
    "7": [[(0.05, 0.05), (0.95, 0.0), (0.4, 1.0)], [(0.35, 0.5), (0.8, 0.5)]],
    "8": [
        [
            (0.5, 0.5),
            (0.15, 0.25),
            (0.5, 0.0),
            (0.85, 0.25),
            (0.5, 0.5),
            (0.1, 0.75),
            (0.5, 1.0),
            (0.9, 0.75),
            (0.5, 0.5),
        ]
    ],
    "9": [[(0.85, 0.3), (0.5, 0.5), (0.15, 0.3), (0.5, 0.0), (0.85, 0.3), (0.8, 0.6), (0.5, 1.0)]],
    ".": [[(0.45, 0.92), (0.55, 0.98)]],
}


def draw_handwritten(img: Image.Image, box: Box, text: str, dpi: int, rng: random.Random) -> None:
    """Write ``text`` (digits and dots) by hand on the blank of a date line: slanted, uneven,
    sitting on or above the dotted line. Meant to be hard to read, as real ones are."""
    x0, y0, _x1, y1 = _px(box, dpi)
    height = (y1 - y0) * rng.uniform(0.9, 1.3)
    x = x0 + rng.uniform(0, 10)
    base = y1 - (y1 - y0) * 0.25
    draw = ImageDraw.Draw(img)
    width = max(2, round(dpi / 120))
    for ch in text:
        w = height * (0.25 if ch == "." else 0.6) * rng.uniform(0.85, 1.2)
        top = base - height + rng.uniform(-0.12, 0.12) * height
        for stroke in _STROKES.get(ch, []):
            pts = []
            for sx, sy in stroke:
                jx, jy = rng.gauss(0, 0.06), rng.gauss(0, 0.05)
                px = x + (sx + jx + (1 - sy) * 0.25) * w
                py = top + (sy + jy) * height
                pts.append((px, py))
            draw.line(pts, fill=BLUE_INK, width=width, joint="curve")
        x += w * rng.uniform(1.05, 1.35)


def _stamp_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def draw_stamp(
    img: Image.Image, center: tuple[float, float], radius: float, text: str, rng: random.Random
) -> None:
    """A round office stamp (Dienstsiegel): two rings, the authority's name around the rim, an
    emblem in the middle; blotchy violet ink, multiplied onto the page so the print shows through."""
    size = int(radius * 2 + 8)
    layer = Image.new("L", (size, size), 0)  # ink coverage 0..255
    draw = ImageDraw.Draw(layer)
    c = size / 2
    lw = max(2, int(radius / 40))
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=lw)
    r2 = radius * 0.72
    draw.ellipse((c - r2, c - r2, c + r2, c + r2), outline=255, width=max(1, lw - 1))
    font = _stamp_font(max(8, int(radius * 0.17)))
    chars = list(text.upper())
    span = math.radians(300)
    start = math.radians(-240)
    for i, ch in enumerate(chars):
        ang = start + span * (i + 0.5) / len(chars)
        rr = (radius + r2) / 2
        gx, gy = c + rr * math.cos(ang), c + rr * math.sin(ang)
        glyph = Image.new("L", (int(radius * 0.3), int(radius * 0.3)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.Resampling.BICUBIC)
        layer.paste(glyph, (int(gx - glyph.width / 2), int(gy - glyph.height / 2)), glyph)
    # emblem: a shield with a lion-ish bar pattern
    s = r2 * 0.55
    shield = [
        (c - s, c - s * 0.9),
        (c + s, c - s * 0.9),
        (c + s, c + s * 0.1),
        (c, c + s * 1.1),
        (c - s, c + s * 0.1),
    ]
    draw.polygon(shield, outline=255, width=lw)
    for k in range(-2, 3):
        draw.line((c - s * 0.8, c + k * s * 0.3, c + s * 0.8, c + k * s * 0.3 - s * 0.2), fill=255, width=lw)
    # uneven ink: a smooth random field times speckle
    arr = np.asarray(layer, dtype=np.float32) / 255.0
    nprng = np.random.default_rng(rng.randrange(2**32))
    field = Image.fromarray((nprng.random((8, 8)) * 255).astype(np.uint8)).resize(
        (size, size), Image.Resampling.BICUBIC
    )
    cover = (
        arr * (0.45 + 0.55 * np.asarray(field, dtype=np.float32) / 255.0) * (nprng.random(arr.shape) > 0.12)
    )
    cover = np.clip(cover * rng.uniform(0.7, 0.95), 0, 1)
    cover_img = Image.fromarray((cover * 255).astype(np.uint8)).rotate(
        rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC
    )
    cover = np.asarray(cover_img, dtype=np.float32)[..., None] / 255.0
    x, y = int(center[0] - size / 2), int(center[1] - size / 2)
    page = np.asarray(img, dtype=np.float32)
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(page.shape[1], x + size), min(page.shape[0], y + size)
    if x1 <= x0 or y1 <= y0:
        return
    cv = cover[y0 - y : y1 - y, x0 - x : x1 - x]
    ink = np.array(STAMP_INK, dtype=np.float32) / 255.0
    region = page[y0:y1, x0:x1]
    page[y0:y1, x0:x1] = region * (1 - cv + cv * ink)  # multiply blend
    img.paste(Image.fromarray(page.clip(0, 255).astype(np.uint8)))


def stamp_text(spec: DocSpec, side: int) -> str:
    if side == 0:
        return (
            "Hessisches Ministerium für "
            + ("Soziales und Integration" if spec.year < 2024 else "Arbeit und Soziales")
            + " *"
        )
    if spec.partner.kind == "kreisfreie Stadt":
        return f"Der Magistrat {genitive(spec.partner_form)} *"
    return f"Der Kreisausschuss {genitive(spec.partner_form)} *"


def ink_signature_block(
    pages: list[Image.Image], spec: DocSpec, laid: Laid, dpi: int, stamps: bool, rng: random.Random
) -> None:
    """Sign the paper: signatures always (a scan is of the signed copy), dates by hand where the
    spec left them blank, stamps over the typed names where the profile asks for them."""
    k = dpi / 72.0
    for side, anchor in enumerate(laid.anchors):
        page = pages[anchor.sign.page]
        draw_signature(page, anchor.sign, dpi, rng)
        signer = spec.signers[side]
        if signer.handwritten:
            d = signer.date
            draw_handwritten(page, anchor.date, f"{d.day}.{d.month}.{d.year % 100:02d}", dpi, rng)
        if stamps:
            # a Dienstsiegel goes beside the signature and overlaps the ends of the typed lines
            t, sg = anchor.text, anchor.sign
            radius = dpi * rng.uniform(0.5, 0.62)
            cx = t.x1 * k + radius * rng.uniform(0.1, 0.6)
            cy = (sg.y0 + (t.y0 - sg.y0) * rng.uniform(0.4, 1.0)) * k
            draw_stamp(page, (cx, cy), radius, stamp_text(spec, side), rng)


# --------------------------------------------------------------------------- the scanner


def scan_page(img: Image.Image, prof: ScanProfile, rng: random.Random, upside_down: bool) -> Image.Image:
    """Paper tone, skew, blur, lighting, noise, dust: the page as the scanner's sensor sees it."""
    nprng = np.random.default_rng(rng.randrange(2**32))
    paper = rng.uniform(238, 250)
    ink = rng.uniform(18, 40)
    arr = np.asarray(img, dtype=np.float32)
    arr = ink + (paper - ink) * arr / 255.0  # toner is not black, paper not white
    page = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    angle = rng.uniform(-prof.skew, prof.skew)
    fill = (int(paper),) * 3
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill)
    if prof.blur:
        page = page.filter(ImageFilter.GaussianBlur(prof.blur))
    arr = np.asarray(page, dtype=np.float32)
    h, w = arr.shape[:2]
    if prof.uneven_light:
        gx = np.linspace(rng.uniform(0.86, 0.95), 1.0, w, dtype=np.float32)
        gy = np.linspace(1.0, rng.uniform(0.9, 1.0), h, dtype=np.float32)
        arr *= (gy[:, None] * gx[None, :])[..., None]
    if prof.lid_shadow:
        band = int(w * rng.uniform(0.015, 0.03))
        prof_x = np.ones(w, dtype=np.float32)
        prof_x[:band] = np.linspace(0.25, 1.0, band, dtype=np.float32)
        arr *= prof_x[None, :, None]
    if prof.noise:
        arr += nprng.normal(0, prof.noise, arr.shape[:2]).astype(np.float32)[..., None]
    if prof.dust:
        ys = nprng.integers(0, h, prof.dust)
        xs = nprng.integers(0, w, prof.dust)
        rs = nprng.integers(1, 3, prof.dust)
        for y, x, r in zip(ys, xs, rs, strict=True):
            arr[max(0, y - r + 1) : y + r, max(0, x - r + 1) : x + r] = nprng.uniform(40, 120)
    if prof.white_point < 255:
        arr *= 255.0 / prof.white_point
    page = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if not prof.color:
        page = page.convert("L")
    if prof.bilevel:
        threshold = rng.uniform(135, 160)
        page = page.point(lambda v: 255 if v > threshold else 0).convert("1", dither=Image.Dither.NONE)
    if upside_down:
        page = page.rotate(180)
    return page


def write_image_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int) -> None:
    """An image-only PDF, one JPEG per page, embedded as encoded (no re-compression), page size
    from the pixel size and resolution, the way scanner firmware writes them. Images go in through
    an ``ImageReader``: reportlab then names them by content, not by the (random) temp path, so
    the same pages give the same PDF bytes."""
    c = canvas.Canvas(str(path), invariant=1)
    with tempfile.TemporaryDirectory() as tmp:
        for i, page in enumerate(pages):
            jpg = Path(tmp) / f"{i}.jpg"
            page.save(jpg, "JPEG", quality=quality, dpi=(dpi, dpi))
            w, h = page.width * 72.0 / dpi, page.height * 72.0 / dpi
            c.setPageSize((w, h))
            c.drawImage(ImageReader(str(jpg)), 0, 0, width=w, height=h)
            c.showPage()
        c.save()


def write_tiff(pages: list[Image.Image], path: Path, dpi: int) -> None:
    """Bilevel multi-page TIFF with CCITT Group 4, as "black & white" scan-to-folder produces."""
    first, *rest = pages
    first.save(path, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=rest)


def make_scan(spec: DocSpec, laid: Laid, pdf: Path, out: Path) -> list[Image.Image]:
    """Write the scanned variant of ``spec`` (its born-digital ``pdf``) to ``out``; return the pages."""
    prof = PROFILES[spec.variant]
    rng = random.Random(spec.seed ^ 0x5CA9)
    with tempfile.TemporaryDirectory() as tmp:
        pages = rasterize(pdf, prof.dpi, Path(tmp))
    ink_signature_block(pages, spec, laid, prof.dpi, prof.stamps, rng)
    flip = laid.pages - 2 if spec.variant == "scan300-upside-down" else -1
    scanned = [scan_page(p, prof, rng, upside_down=i == flip) for i, p in enumerate(pages)]
    if prof.bilevel:
        write_tiff(scanned, out, prof.dpi)
    else:
        write_image_pdf(scanned, out, prof.dpi, prof.jpeg_quality)
    return scanned
