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


def _span_on(page: PageText, raw: str) -> tuple[int, int, float] | None:
    pattern = _pattern(raw)
    if pattern is None:
        return None
    m = pattern.search(page.text)
    if m:
        return m.start(), m.end(), 100.0
    if len(raw) < 4:
        return None
    al = fuzz.partial_ratio_alignment(" ".join(raw.split()), page.text, score_cutoff=FUZZY_MIN)
    if al is None:
        return None
    return al.dest_start, al.dest_end, al.score


def locate(doc: DocumentText, raw: str, hint_page: int | None = None) -> Evidence:
    """Evidence for ``raw``: the page and span where it stands and the words behind it.

    The hinted page is tried first, because the same phrase (a partner's name) recurs on every page.
    Without OCR words (text inputs, text layers) the evidence has a span but no boxes, and its
    confidence is 1.0: there is no OCR doubt to add. That holds per page: in a born-digital PDF
    with a scanned page, a value on a text-layer page is as sure as in a wholly born-digital one.
    """
    if not raw.strip():
        return Evidence(raw=raw, confidence=1.0)
    pages = sorted(doc.pages, key=lambda p: (p.number != hint_page, p.number))
    best: tuple[PageText, int, int, float] | None = None
    for page in pages:
        found = _span_on(page, raw)
        if found is None:
            continue
        start, end, score = found
        if best is None or score > best[3]:
            best = (page, start, end, score)
        if score == 100.0:
            break
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
