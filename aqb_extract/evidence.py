"""Locate a field's raw text on its page, so the record says where a value came from (page, span,
word boxes) and the OCR's own word confidences can feed the field's confidence."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .models import DocumentText, Evidence, PageText

FUZZY_MIN = 80.0


def _pattern(raw: str) -> re.Pattern[str] | None:
    tokens = raw.split()
    if not tokens:
        return None
    return re.compile(r"\s+".join(re.escape(t) for t in tokens))


def _exact_on(page: PageText, pattern: re.Pattern[str]) -> tuple[int, int, float] | None:
    m = pattern.search(page.text)
    return (m.start(), m.end(), 100.0) if m else None


def _fuzzy_on(page: PageText, raw: str) -> tuple[int, int, float] | None:
    al = fuzz.partial_ratio_alignment(" ".join(raw.split()), page.text, score_cutoff=FUZZY_MIN)
    return (al.dest_start, al.dest_end, al.score) if al is not None else None


def locate(doc: DocumentText, raw: str, hint_page: int | None = None) -> Evidence:
    """Evidence for ``raw``: the page and span where it stands and the words behind it.

    The hinted page is tried first, because the same phrase (a partner's name) recurs on every page.
    Without OCR words (text inputs, text layers) the evidence has a span but no boxes, and its
    confidence is 1.0: there is no OCR doubt to add. That holds per page: in a born-digital PDF
    with a scanned page, a value on a text-layer page is as sure as in a wholly born-digital one.
    """
    pattern = _pattern(raw)
    if pattern is None:
        return Evidence(raw=raw, confidence=1.0)
    pages = sorted(doc.pages, key=lambda p: (p.number != hint_page, p.number))
    best: tuple[PageText, int, int, float] | None = None
    # the exact text on any page first: the fuzzy search of a whole page costs far more
    for page in pages:
        if (found := _exact_on(page, pattern)) is not None:
            best = (page, *found)
            break
    if best is None and len(raw) >= 4:
        for page in pages:
            found = _fuzzy_on(page, raw)
            if found is not None and (best is None or found[2] > best[3]):
                best = (page, *found)
    if best is None:
        return Evidence(raw=raw, confidence=1.0 if doc.method != "ocr" else 0.5)
    page, start, end, score = best
    words = [w for w in page.words if w.start < end and w.start + len(w.text) > start]
    conf = min(w.conf for w in words) if words else 1.0 if doc.method_of(page) != "ocr" else 0.5
    conf *= score / 100.0
    return Evidence(
        page=page.number,
        start=start,
        end=end,
        raw=raw,
        confidence=round(conf, 3),
        boxes=tuple((w.left, w.top, w.width, w.height) for w in words),
    )
