"""Fuzzy matching of canonical phrases (partner names, ministry names, headings) inside OCR text.

rapidfuzz's ``partial_ratio_alignment`` finds where a phrase best fits in a line, so a phrase is
found despite OCR damage and despite the grammar around it ("des Landkreises …").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..repair import raw_span


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text: its key, the score (0..100) and the span in that text."""

    key: str
    phrase: str
    score: float
    start: int
    end: int


def find_phrases(phrases: Iterable[tuple[str, str]], text: str, min_score: float = 80.0) -> list[Hit]:
    """Best placement of each (key, phrase) in each line of ``text`` scoring at least ``min_score``.

    Lines are matched one at a time (plus each pair of neighbouring lines, for phrases that wrap),
    which keeps a phrase from being assembled out of words far apart.
    """
    hits: list[Hit] = []
    offsets: list[tuple[int, str]] = []
    pos = 0
    lines = text.split("\n")
    for line in lines:
        offsets.append((pos, line))
        pos += len(line) + 1
    windows = list(offsets)
    for (a, la), (_, lb) in itertools.pairwise(offsets):
        if la.strip() and lb.strip():
            windows.append((a, la + "\n" + lb))
    phrase_list = list(phrases)
    windows = [(base, window) for base, window in windows if window.strip()]
    if not phrase_list or not windows:
        return hits
    # every score at once in C (cdist), then the alignment only where a phrase reached the cutoff:
    # most pairs of a page's lines and the 26 partners' names never do
    scores = process.cdist(
        [phrase for _, phrase in phrase_list],
        [window for _, window in windows],
        scorer=fuzz.partial_ratio,
        score_cutoff=min_score,
    )
    for w, (base, window) in enumerate(windows):
        for p in scores[:, w].nonzero()[0]:
            key, phrase = phrase_list[p]
            if len(window) < len(phrase) * 0.6:
                continue
            al = fuzz.partial_ratio_alignment(phrase, window, score_cutoff=min_score)
            if al is None:
                continue
            start, end = _widen_to_words(window, al.dest_start, al.dest_end)
            hits.append(Hit(key, phrase, al.score, base + start, base + end))
    hits.sort(key=lambda h: (-h.score, -len(h.phrase), h.start))
    return hits


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words, so the raw text we report is never a cut-off word."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in ",.;:)":
        end += 1
    return start, end


def raw_of(raw: str, fixed: str, start: int, end: int) -> str:
    """The raw (unrepaired) text behind a span of repaired text."""
    try:
        rs, re_ = raw_span(raw, fixed, start, end)
    except ValueError:
        return fixed[start:end]  # raw and repaired text out of step: report what we read
    return raw[rs:re_]
