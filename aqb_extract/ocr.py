"""The Tesseract wrapper: one page image in, one :class:`PageText` (words, confidences, boxes) out.

Tesseract is run as a program, not through pytesseract, for two measured reasons: pytesseract
cannot give the child its own environment (``OMP_THREAD_LIMIT=1``, without which parallel pages
run several times slower), and it re-encodes an in-memory image to PNG before every call, while
here Tesseract reads the page file poppler wrote (JPEG or PGM) as it is.

What happens to a page (:func:`ocr_image`), and why:

1. **Skew and which way up**, from one quarter-size copy (projection profiles and the ascender
   test of :func:`look_at`, ~20 ms). Tesseract 5 reads 1.5° of skew without loss but silently
   *drops whole paragraphs* from 2° on (seed 000 scanned at 2°: 16 % character errors, at 3°:
   27 %; deskewed: 1.0 %), so pages turned 1° or more are straightened first. A page whose
   lines have more ink below the baseline than above the x-height is turned round before it is
   read (an upside-down page read as it lies costs a wasted reading and OSD: 2.1 s). Straight,
   upright pages go to Tesseract untouched.
2. **OCR** with ``tesseract IMAGE stdout -l deu --psm 3 tsv``: words, boxes and confidences;
   then a look at the pixels of age labels ("U25" / "Ü50", :mod:`aqb_extract.glyphs`).
3. **Orientation**, only when the result looks unreadable (mean word confidence below 0.6; an
   upright page scores ~0.94, an upside-down one ~0.28): Tesseract's OSD (``-l osd --psm 0``;
   run with ``-l deu`` it answers "Rotate: 90" for upright pages) says how to turn the page, and
   the turned page is read again; the better-scoring reading is kept. This is the safety net for
   pages the ascender test cannot judge (sideways, few lines, all capitals) or judges wrongly.
   Upright pages never pay for OSD (0.8 s a page).

Settings chosen by measurement (2 cores; character error rate against the true text; CPU per
page). On the 50 pages of ``samples/`` (300-dpi grey JPEG, 200-dpi heavy colour JPEG with skew,
noise and stamps, 200-dpi Group 4 TIFF, one page upside down): as shipped 2.85 % at 1.24 s;
``-c load_system_dawg=0`` gives byte-identical output (the LSTM model ignores it), so it stays
on; rendering every PDF page with pdftoppm at 300 dpi instead of reading its JPEG 2.95 % at
1.42 s; without deskew 2.90 %; without the orientation rescue 4.69 % (the upside-down document:
24 % instead of 2.2 %). On seed 000 scanned at 300 dpi: ``--psm 3`` 1.06 % at 1.27 s, ``--psm 6``
same errors at 1.63 s and 169 % (repeated garbage) on a very noisy page, ``--psm 4`` 1.78 s,
``--psm 1`` 2.9 s; rendering at 200/300/400 dpi: 1.02/1.03/1.13 % at 0.99/1.31/1.80 s (300 is kept
as the default for small print; it is only used for pages that must be rendered).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from .config import Settings
from .errors import DecompressionBombError, MissingDependencyError, OcrFailedError
from .glyphs import check_age_labels, ink_runs
from .models import PageText, Word

log = logging.getLogger(__name__)

#: Bump when anything below changes what a page's OCR gives (skew rule, rescue rule, text
#: layout): the OCR cache keys on it, so old results are not re-used for the new behaviour.
PREPROCESS_VERSION = 3

#: Two words on one line further apart than this many word heights (the page's median) stand in
#: two columns; a justified line's widest space is about one height.
COLUMN_GAP_HEIGHTS = 4.0
#: What stands between them in the page text: the gap a text layer has there, which the parsers
#: read as a column border (:mod:`aqb_extract.fields.signatories`).
COLUMN_SEPARATOR = "    "

#: Pages whose measured skew is at least this many degrees are straightened before OCR.
DESKEW_MIN_DEGREES = 1.0
#: Greys darker than this are ink when skew and orientation are measured.
INK_BELOW = 140
#: Fewer ink pixels than this on the quarter-size copy: a blank page, nothing to measure.
MIN_INK_PIXELS = 500
#: Skew is searched within ± this many degrees; beyond, a page is better re-scanned.
DESKEW_MAX_DEGREES = 8.0
#: A page whose mean word confidence is below this is checked for orientation.
RESCUE_BELOW_CONFIDENCE = 0.6
#: Fewer words than this and there is nothing to judge (blank or signature-only page).
RESCUE_MIN_WORDS = 5
#: A page is read turned round first when its ascender balance (:func:`look_at`) is below
#: minus this, measured on at least this many lines (samples: upright >= +0.15, turned <= -0.15).
UPSIDE_DOWN_BALANCE = 0.1
UPSIDE_DOWN_MIN_LINES = 10

TESSERACT_PACKAGES = "tesseract-ocr tesseract-ocr-deu"


# --------------------------------------------------------------------------- the program


def run_tesseract(args: Sequence[str], *, timeout: float, what: str) -> str:
    """Run ``tesseract ARGS`` and return its standard output.

    Every Tesseract call goes through here: one thread each (``OMP_THREAD_LIMIT=1``; measured on
    2 cores, two single-threaded processes read a page in 0.83 s wall, one multi-threaded in
    5.2 s), a time limit, and a one-sentence :class:`OcrFailedError` naming ``what`` (e.g.
    "page 3") when it hangs or crashes, so only that document fails.
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(
            ["tesseract", *args],
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise MissingDependencyError(
            f"tesseract is not installed; install the Debian packages {TESSERACT_PACKAGES} and run again"
        ) from None
    except subprocess.TimeoutExpired:
        raise OcrFailedError(
            f"Tesseract did not finish {what} within {timeout:g} s; the scan may be damaged, "
            "or allow more time per page"
        ) from None
    if proc.returncode != 0:
        detail = _last_line(proc.stderr)
        how = (
            f"crashed (signal {-proc.returncode})"
            if proc.returncode < 0
            else f"failed (exit status {proc.returncode})"
        )
        raise OcrFailedError(f"Tesseract {how} on {what}{': ' + detail if detail else ''}")
    return proc.stdout.decode("utf-8", errors="replace")


def _last_line(data: bytes) -> str:
    lines = [ln.strip() for ln in data.decode("utf-8", errors="replace").splitlines() if ln.strip()]
    return lines[-1][:200] if lines else ""


@functools.cache
def _version_output() -> str:
    try:
        proc = subprocess.run(["tesseract", "--version"], capture_output=True, timeout=30, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return ""
    return (proc.stdout + proc.stderr).decode("utf-8", errors="replace")


@functools.cache
def _langs() -> tuple[Path | None, frozenset[str]]:
    """Tesseract's tessdata folder and the languages installed there."""
    try:
        proc = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None, frozenset()
    text = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    m = re.search(r'"(.+?)"', text)
    langs = {ln.strip() for ln in text.splitlines()[1:] if ln.strip()}
    return (Path(m.group(1)) if m else None), frozenset(langs)


def tesseract_version() -> str:
    """The installed Tesseract's version ("5.3.0") plus the identity of its language files.

    Part of the OCR cache key: a different engine or a replaced ``deu.traineddata`` reads pages
    differently, so its results must not be mixed with older ones.
    """
    m = re.search(r"tesseract\s+v?(\S+)", _version_output())
    if not m:
        raise MissingDependencyError(
            f"tesseract is not installed; install the Debian packages {TESSERACT_PACKAGES} and run again"
        )
    return m.group(1)


def model_fingerprint(lang: str) -> str:
    """Size and modification time of each traineddata file ``lang`` uses ("deu:1234:5678")."""
    tessdata, _ = _langs()
    parts = []
    for code in lang.split("+"):
        try:
            st = (tessdata / f"{code}.traineddata").stat() if tessdata else None
        except OSError:
            st = None
        parts.append(f"{code}:{st.st_size}:{st.st_mtime_ns}" if st else code)
    return ",".join(parts)


def check_tesseract(lang: str = "deu") -> None:
    """Fail the whole run at its start, with the packages to install, when Tesseract or its
    language data is missing (rather than failing every document one by one)."""
    if shutil.which("tesseract") is None or not _version_output():
        raise MissingDependencyError(
            f"tesseract is not installed; install the Debian packages {TESSERACT_PACKAGES} and run again"
        )
    _, langs = _langs()
    missing = [code for code in lang.split("+") if code not in langs]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise MissingDependencyError(
            f"Tesseract has no language data for {', '.join(missing)}; install the Debian package {pkgs} and run again"
        )


def has_osd() -> bool:
    """Orientation detection needs ``osd.traineddata`` (Debian: tesseract-ocr-osd, which
    tesseract-ocr pulls in); without it pages are read as they lie."""
    return "osd" in _langs()[1]


# --------------------------------------------------------------------------- images


def open_image(path: Path, settings: Settings) -> Image.Image:
    """Open an image lazily (header only) and refuse it before decoding when it is too large.

    Pillow's own guard (about 179 million pixels) also applies; both give the same error.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError:
            raise DecompressionBombError(
                "the image has far more pixels than a scanned page (a decompression bomb?); it was not opened"
            ) from None
    check_pixels(image.width, image.height, settings)
    return image


def check_pixels(width: int, height: int, settings: Settings, what: str = "the image") -> None:
    """Refuse a page image larger than ``settings.max_image_pixels`` (decoding it could take
    gigabytes); an A4 page at 300 dpi has 8.7 million pixels."""
    if width * height > settings.max_image_pixels:
        raise DecompressionBombError(
            f"{what} is {width}×{height} pixels ({width * height / 1e6:.0f} million), more than the limit of "
            f"{settings.max_image_pixels / 1e6:.0f} million (a decompression bomb?); it was not decoded"
        )


def save_for_tesseract(image: Image.Image, folder: Path, name: str = "page") -> Path:
    """Write ``image`` as uncompressed PBM/PGM: the fastest format for both sides to handle."""
    if image.mode not in ("1", "L"):
        image = flatten(image)
    path = folder / f"{name}.{'pbm' if image.mode == '1' else 'pgm'}"
    image.save(path)
    return path


def flatten(image: Image.Image) -> Image.Image:
    """Greyscale, with any transparency laid on white (black text on a transparent background
    would otherwise turn into black on black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        arr = np.asarray(image, dtype=np.float64)
        top = float(arr.max()) or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), mode="L")
    return image.convert("L")


# --------------------------------------------------------------------------- stamp ink

#: A pixel is stamp ink when its blue is this far above its green, and its red above its green
#: by STAMP_RED_OVER_GREEN: violet. Blue pen ink (signatures, handwritten dates) has red at or
#: below green and stays; black print is grey and stays.
STAMP_BLUE_OVER_GREEN = 25
STAMP_RED_OVER_GREEN = 5
#: Fewer stamp pixels than this: no stamp, nothing to take out. Few pixels pass the test (a
#: stamp's ink is light and blotchy: 900-1900 on the last pages of heavy scans of seeds 116 and
#: 125); they only tell that a stamp is there (the dropout itself is PRINT_BELOW's).
MIN_STAMP_PIXELS = 200
#: A pixel whose brightest channel is below this is print or pen; above, paper or stamp ink. On
#: the 152 heavy scans of held-out seeds 200-215, 230-231 and 240-259, against the stamp's pixels
#: turned white: 13 signatories' fields wrong -> right and 1 right -> wrong at 128; 100 and 150
#: did less (+10, +8).
PRINT_BELOW = 128


def drop_stamp_ink(image: Image.Image) -> Image.Image | None:
    """``image`` with violet stamp ink taken out: black where a pixel is dark in every colour
    channel (print, pen), white elsewhere (paper, stamp); None when it has no such ink (a grey or
    bilevel scan, or no stamp).

    Why: a round stamp pressed over a typed name or a date line makes Tesseract drop that line
    ("Wiesbaden, den 15.8.26" under the ministry's stamp on a heavy scan of seed 125). Colour
    dropout is what form readers do with coloured ink. A pixel's brightest channel tells the two
    apart: stamp ink is bright in its blue, print is dark in all three, also where the stamp lies
    over it (the ink is multiplied onto the paper). Turning the stamp's pixels white instead, as
    this did first, also erased the strokes of print under the stamp ("27.3.2021" came back as
    "27.2.362" or not at all). Used only for a second look at a signature block whose first
    reading lacks a name or a date, or read a name amid noise (:mod:`aqb_extract.second_look`)."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return None
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    stamp = ((blue - green) > STAMP_BLUE_OVER_GREEN) & ((red - green) > STAMP_RED_OVER_GREEN)
    if int(stamp.sum()) < MIN_STAMP_PIXELS:
        return None
    brightest = rgb.max(axis=2)
    return Image.fromarray(np.where(brightest < PRINT_BELOW, np.uint8(0), np.uint8(255)), mode="L")


# --------------------------------------------------------------------------- skew


@dataclass(frozen=True)
class Layout:
    """What one quarter-size look at a page tells before OCR (see :func:`look_at`)."""

    skew: float  # degrees to turn counter-clockwise (PIL's ``rotate``) to level the lines
    upside_down: float  # ascender/descender balance: about +0.2..+0.7 upright, the negative turned
    lines: int  # text lines the balance was measured on


def estimate_skew(image: Image.Image) -> float:
    """Degrees to turn ``image`` counter-clockwise (PIL's ``rotate``) to make its lines level.

    Projection profiles on a quarter-size copy: at the right angle the rows of dark pixels line up
    with the text lines and the sum of squared row counts peaks. Returns 0.0 when the peak is too
    weak to trust (blank pages, pages lying sideways, photographs).
    """
    dark = np.asarray(_quarter(image), dtype=np.uint8) < INK_BELOW
    ys, xs = np.nonzero(dark)
    return _skew_of(ys, xs, dark.shape[1]) if len(ys) >= MIN_INK_PIXELS else 0.0


def look_at(image: Image.Image) -> Layout:
    """Skew and which way up a page is, from one quarter-size copy (~20 ms a page).

    The second is the classic ascender test: in each text line, Latin print has more ink above
    the x-height band (capitals, b d f h k l t, i-dots, umlauts; German capitalises every noun)
    than below the baseline (g j p q y). Turned 180° the balance changes sign. On the 50 sample
    pages upright ones score +0.15 to +0.76 and turned ones -0.15 to -0.76 when they have 10 lines
    or more; fewer lines (a signature page) decide nothing. It only picks which way to read first:
    Tesseract's confidence still decides (:func:`ocr_image`), so a wrong guess costs time, never text.
    """
    small = _quarter(image)
    dark = np.asarray(small, dtype=np.uint8) < INK_BELOW
    ys, xs = np.nonzero(dark)
    if len(ys) < MIN_INK_PIXELS:
        return Layout(0.0, 0.0, 0)
    skew = _skew_of(ys, xs, dark.shape[1])
    if abs(skew) >= 0.3:  # level the lines first: the balance is measured row by row
        level = small.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
        dark = np.asarray(level, dtype=np.uint8) < INK_BELOW
    return Layout(skew, *_ascender_balance(dark))


def _skew_of(ys: np.ndarray, xs: np.ndarray, width: int) -> float:
    if len(ys) > 400_000:  # a dark page: a sample is as good and keeps this fast
        pick = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    yf = ys.astype(np.float64)
    xf = xs.astype(np.float64) - width / 2.0

    def scores(angles: np.ndarray) -> np.ndarray:
        out = np.empty(len(angles))
        for i, angle in enumerate(angles):
            rows = np.rint(yf - xf * np.tan(np.radians(angle))).astype(np.int64)
            counts = np.bincount(rows - rows.min()).astype(np.float64)
            out[i] = float(np.dot(counts, counts))
        return out

    # 0.5° steps, then 0.05° around the best: 42 profiles instead of 67, and still far finer than
    # the 1° from which a page is straightened (this runs on every page, beside Tesseract)
    coarse = np.arange(-DESKEW_MAX_DEGREES, DESKEW_MAX_DEGREES + 1e-9, 0.5)
    sc = scores(coarse)
    if sc.max() < 1.2 * float(np.median(sc)):
        return 0.0
    best = float(coarse[int(sc.argmax())])
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    return round(float(fine[int(scores(fine).argmax())]), 2)


def _ascender_balance(dark: np.ndarray) -> tuple[float, int]:
    """(ink above the x-height band - ink below the baseline) / both, over the text lines of a
    levelled page's ink mask, and the number of lines. Columns dark from top to bottom (a
    scanner's edge) are left out."""
    dark = dark[:, dark.mean(axis=0) < 0.3]
    rows = dark.sum(axis=1).astype(np.int64)
    if not rows.any():
        return 0.0, 0
    inked = rows > max(1.0, 0.06 * float(np.percentile(rows, 95)))  # specks are no line
    above = below = lines = 0
    for start, end in ink_runs(inked, min_len=4):
        line = rows[start:end]
        core = np.flatnonzero(line >= 0.5 * line.max())
        above += int(line[: core[0]].sum())
        below += int(line[core[-1] + 1 :].sum())
        lines += 1
    return (above - below) / max(1, above + below), lines


def _quarter(image: Image.Image) -> Image.Image:
    """A quarter-size greyscale copy; JPEGs are decoded at that size directly (DCT scaling)."""
    w, h = image.size
    if image.format == "JPEG":
        image.draft("L", (w // 4, h // 4))
    grey = image.convert("L")
    factor = max(1, round(grey.width / max(1, w // 4)))
    return grey.reduce(factor) if factor > 1 else grey


# --------------------------------------------------------------------------- orientation


@dataclass(frozen=True)
class Orientation:
    rotate: int  # degrees clockwise that make the page upright: 0, 90, 180 or 270
    confidence: float  # Tesseract's orientation confidence (> 2 is fairly sure)


def detect_orientation(image: Path, settings: Settings, *, what: str = "the page") -> Orientation | None:
    """Tesseract's orientation and script detection for one page image, or None when it cannot
    tell (too little text) or the ``osd`` data is missing. Must use ``-l osd``: with ``-l deu``
    Tesseract 5.3 answers "Rotate: 90" with confidence 250 for upright pages."""
    if not has_osd():
        log.warning("Tesseract's osd data is missing (Debian: tesseract-ocr-osd); pages are read as they lie")
        return None
    try:
        out = run_tesseract(
            [str(image), "stdout", "-l", "osd", "--psm", "0"], timeout=settings.page_timeout, what=what
        )
    except OcrFailedError as exc:
        if "Too few characters" in exc.message or "exit status" in exc.message:
            return None
        raise
    rot = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rot:
        return None
    return Orientation(int(rot.group(1)) % 360, float(conf.group(1)) if conf else 0.0)


# --------------------------------------------------------------------------- reading a page


def ocr_image(
    image: Path | Image.Image,
    settings: Settings,
    *,
    number: int = 1,
    dpi: int | None = None,
) -> PageText:
    """Read one page image: straighten, OCR, and turn it round if it was read upside down or
    sideways (see the module docstring). ``dpi`` is the image's resolution when known (a PGM
    carries none; Tesseract then guesses, sometimes badly)."""
    with tempfile.TemporaryDirectory(prefix="aqb-ocr-") as tmp:
        folder = Path(tmp)
        original = save_for_tesseract(image, folder, "input") if isinstance(image, Image.Image) else image
        what = f"page {number}"
        with open_image(original, settings) as im:
            layout = look_at(im)
        first = (
            180 if layout.lines >= UPSIDE_DOWN_MIN_LINES and layout.upside_down < -UPSIDE_DOWN_BALANCE else 0
        )
        page, seen = _read_turned(
            original, first, layout.skew, folder, settings, number=number, dpi=dpi, what=what
        )
        if _looks_unreadable(page):
            orient = detect_orientation(seen, settings, what=what)
            turn = (first + orient.rotate) % 360 if orient is not None else 0
            if turn != first:
                # 180° keeps the skew; a quarter turn is measured afresh
                skew = layout.skew if turn in (0, 180) else None
                again, _ = _read_turned(
                    original, turn, skew, folder, settings, number=number, dpi=dpi, what=what
                )
                log.info(
                    "page %d: turned %d°, confidence %.2f -> %.2f",
                    number,
                    turn,
                    _mean_conf(page),
                    _mean_conf(again),
                )
                if _mean_conf(again) > _mean_conf(page):
                    page = again
        return page


def _read_turned(
    original: Path,
    turn: int,
    skew: float | None,
    folder: Path,
    settings: Settings,
    *,
    number: int,
    dpi: int | None,
    what: str,
) -> tuple[PageText, Path]:
    """OCR the page turned ``turn`` degrees clockwise and levelled (``skew`` measured on the
    page as it lies, or None to measure it here); the text and the image Tesseract read."""
    source = _turn(original, turn, folder, settings) if turn else original
    seen, skew = _straighten(source, folder, settings, skew, name=f"straight{turn}")
    page = _read(seen, settings, number=number, dpi=dpi, what=what, rotation=turn)
    page = check_age_labels(page, seen)
    return _level_boxes(page, skew), seen


def _level_boxes(page: PageText, skew: float) -> PageText:
    """Word boxes of a straightened page, moved back onto the page image as given (turned by
    ``page.rotation`` only), so evidence boxes drawn on that image sit on their words. Each box
    keeps its size; its centre is turned back by ``skew`` around the image centre (the inverse
    of PIL's ``rotate(skew)``)."""
    if not skew or not page.words:
        return page
    t = math.radians(skew)
    cos, sin = math.cos(t), math.sin(t)
    cx, cy = page.width / 2.0, page.height / 2.0
    words = []
    for w in page.words:
        dx, dy = w.left + w.width / 2.0 - cx, w.top + w.height / 2.0 - cy
        x, y = cx + dx * cos - dy * sin, cy + dx * sin + dy * cos
        left = min(max(0, round(x - w.width / 2.0)), max(0, page.width - w.width))
        top = min(max(0, round(y - w.height / 2.0)), max(0, page.height - w.height))
        words.append(w.model_copy(update={"left": left, "top": top}))
    log.debug("page %d: straightened by %.2f°", page.number, skew)
    return page.model_copy(update={"words": tuple(words)})


def _straighten(
    path: Path, folder: Path, settings: Settings, skew: float | None = None, name: str = "straight"
) -> tuple[Path, float]:
    """The page file itself when it is level, else a deskewed copy (and the angle)."""
    if skew is None:
        with open_image(path, settings) as im:
            skew = estimate_skew(im)
    if abs(skew) < DESKEW_MIN_DEGREES:
        return path, 0.0
    with open_image(path, settings) as im:
        im.load()
        grey = flatten(im) if im.mode != "L" else im
        level = grey.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        return save_for_tesseract(level, folder, name), skew


def _turn(path: Path, clockwise: int, folder: Path, settings: Settings) -> Path:
    transpose = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }[clockwise]
    with open_image(path, settings) as im:
        im.load()
        grey = flatten(im) if im.mode not in ("1", "L") else im
        return save_for_tesseract(grey.transpose(transpose), folder, f"turned{clockwise}")


def _read(
    path: Path, settings: Settings, *, number: int, dpi: int | None, what: str, rotation: int = 0
) -> PageText:
    args = [str(path), "stdout", "-l", settings.lang, "--psm", str(settings.psm)]
    if dpi:
        args += ["--dpi", str(dpi)]
    tsv = run_tesseract([*args, "tsv"], timeout=settings.page_timeout, what=what)
    with Image.open(path) as im:
        width, height = im.size
    return tsv_to_page(tsv, number=number, rotation=rotation, width=width, height=height)


def ocr_line(image: Image.Image, settings: Settings, *, number: int = 1, dpi: int | None = None) -> PageText:
    """Read a crop holding one line of print (``--psm 7``), as it lies: no straightening or
    turning, which a few words cannot support. For a second look at a value OCR read unsurely."""
    with tempfile.TemporaryDirectory(prefix="aqb-line-") as tmp:
        path = save_for_tesseract(image, Path(tmp), "line")
        args = [str(path), "stdout", "-l", settings.lang, "--psm", "7"]
        if dpi:
            args += ["--dpi", str(dpi)]
        tsv = run_tesseract([*args, "tsv"], timeout=settings.page_timeout, what=f"a line of page {number}")
        return tsv_to_page(tsv, number=number, width=image.width, height=image.height)


def _mean_conf(page: PageText) -> float:
    words = [w for w in page.words if any(c.isalnum() for c in w.text)]
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _looks_unreadable(page: PageText) -> bool:
    words = [w for w in page.words if any(c.isalnum() for c in w.text)]
    return len(words) >= RESCUE_MIN_WORDS and _mean_conf(page) < RESCUE_BELOW_CONFIDENCE


# --------------------------------------------------------------------------- TSV -> PageText


def tsv_to_page(tsv: str, *, number: int, rotation: int = 0, width: int = 0, height: int = 0) -> PageText:
    """Build the page text from Tesseract's TSV the way a person would lay it out: words joined by
    a space, lines by a newline, paragraphs and blocks by a blank line (like the seeds), and two
    words far apart on one line (two signature blocks side by side, which Tesseract sometimes
    reads as one line) by :data:`COLUMN_SEPARATOR`, as a text layer writes them. Each
    :class:`Word` keeps its offset in that text, its box, and its confidence scaled to 0..1."""
    rows: list[tuple[str, str, str, str, float, tuple[int, int, int, int]]] = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            conf = min(1.0, max(0.0, float(cols[10]) / 100.0))
            left, top, w, h = (max(0, int(c)) for c in cols[6:10])
        except ValueError:
            conf, left, top, w, h = 0.0, 0, 0, 0, 0
        rows.append((cols[2], cols[3], cols[4], text, conf, (left, top, w, h)))
    heights = sorted(box[3] for *_, box in rows if box[3] > 0)
    column_gap = COLUMN_GAP_HEIGHTS * heights[len(heights) // 2] if heights else math.inf
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    prev: tuple[str, str, str] | None = None
    prev_right = 0
    for block, par, ln, text, conf, (left, top, w, h) in rows:
        if prev is not None:
            if (block, par) != prev[:2]:
                sep = "\n\n"
            elif ln != prev[2]:
                sep = "\n"
            else:
                sep = COLUMN_SEPARATOR if left - prev_right > column_gap else " "
            parts.append(sep)
            length += len(sep)
        prev, prev_right = (block, par, ln), left + w
        words.append(Word(text=text, conf=conf, start=length, left=left, top=top, width=w, height=h))
        parts.append(text)
        length += len(text)
    return PageText(
        number=number, text="".join(parts), words=tuple(words), rotation=rotation, width=width, height=height
    )
