"""A second look at the pixels where Tesseract's reading cannot be settled from the text alone.

Age labels of § 5 projects are the case: "U25" (under 25) and "Ü50" / "Ü25" (over) are all real,
so no lexicon can tell "(U50)" from "(Ü50)", and Tesseract drops or invents umlaut dots on a
capital more often than anywhere else (the 300-dpi samples: "(Ü50)" read "(U50)" twice, with
confidence 0.83). The dots are plainly on the page, so they are looked for there: the word's box
is cut into glyphs by blank columns, and above the capital U's body, separated from it by a
blank row, sit two small marks or nothing.

The check only answers when the picture is unambiguous (as many glyphs as letters, the U as
tall as the digits beside it, nothing but two marks or clean paper above it); otherwise the
reading stays as Tesseract gave it and the field parser flags it as before.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image

from .models import PageText, Word

log = logging.getLogger(__name__)

#: A word that is an age label: "U25", "(Ü50)", "Ü27," …
AGE_LABEL_RE = re.compile(r"^\(?([UÜ])\d{2}\)?[.,;:]?$")


def check_age_labels(page: PageText, image: Path) -> PageText:
    """``page`` with the U/Ü of each age label set by what the image shows (see the module
    docstring); the page itself when it has no age label or nothing could be decided.
    ``image`` is the file Tesseract read (already checked against the pixel limit)."""
    hits = [i for i, w in enumerate(page.words) if AGE_LABEL_RE.match(w.text)]
    if not hits:
        return page
    words = list(page.words)
    text = page.text
    with Image.open(image) as im:
        grey = im.convert("L")
        for i in hits:
            word = words[i]
            found = AGE_LABEL_RE.match(word.text)
            assert found is not None
            at = found.start(1)
            seen = umlaut_dots(grey, word, at)
            if seen is None:
                continue
            letter = "Ü" if seen else "U"
            if word.text[at] == letter:
                continue
            log.info("page %d: %r read as %s from the image", page.number, word.text, letter)
            new = word.text[:at] + letter + word.text[at + 1 :]
            words[i] = word.model_copy(update={"text": new})
            pos = word.start + at
            text = text[:pos] + letter + text[pos + 1 :]
    return page.model_copy(update={"words": tuple(words), "text": text})


def umlaut_dots(grey: Image.Image, word: Word, index: int) -> bool | None:
    """Does the capital at ``word.text[index]`` carry two dots in ``grey``? None when the crop
    does not let that be said for sure."""
    if word.width < 4 or word.height < 8:
        return None
    h = word.height
    reach = int(0.7 * h)  # dots may lie above the box Tesseract drew
    x0, y0 = max(0, word.left - 2), max(0, word.top - reach)
    x1, y1 = min(grey.width, word.left + word.width + 2), min(grey.height, word.top + h + 2)
    arr = np.asarray(grey.crop((x0, y0, x1, y1)), dtype=np.int16)
    if arr.size == 0:
        return None
    paper, ink = float(np.percentile(arr, 95)), float(np.percentile(arr, 3))
    if paper - ink < 60:  # no contrast: nothing to see
        return None
    dark = arr < (paper + ink) / 2
    box_top = word.top - y0
    glyphs = ink_runs(dark[box_top:].any(axis=0), min_len=max(2, h // 12))
    if len(glyphs) != len(word.text):
        return None
    letter = _body(dark, glyphs[index])
    digits = [_body(dark, glyphs[j]) for j, c in enumerate(word.text) if c.isdigit()]
    if letter is None or not digits or any(d is None for d in digits):
        return None
    top, bottom = letter
    cap = max(d[1] - d[0] + 1 for d in digits if d is not None)
    if abs((bottom - top + 1) - cap) > 0.2 * cap:
        return None  # the U is not as tall as the digits: dots merged, or not a capital
    c0, c1 = glyphs[index]
    band = dark[max(0, top - int(0.6 * cap)) : max(0, top - 1), c0:c1]
    if not band.any():
        return False
    marks = ink_runs(band.any(axis=0), min_len=1)
    return True if len(marks) == 2 else None


def ink_runs(flags: npt.ArrayLike, *, min_len: int) -> list[tuple[int, int]]:
    """(start, end) of each run of True at least ``min_len`` long, end exclusive: glyphs in a
    column profile here, text lines in a row profile in :func:`aqb_extract.ocr.look_at`."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(flags, dtype=np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= min_len]


def _body(dark: np.ndarray, cols: tuple[int, int]) -> tuple[int, int] | None:
    """First and last row of the tallest run of inked rows in a glyph's columns: its body."""
    runs = ink_runs(dark[:, cols[0] : cols[1]].any(axis=1), min_len=1)
    if not runs:
        return None
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return a, b - 1
