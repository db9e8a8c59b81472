"""The ministry, by the name the document uses; the name changed in 2024, so a name that does not
fit the budget year is a warning (a reused template is common), not a silent correction."""

from __future__ import annotations

import re

from ..knowledge import Knowledge
from ..models import Extracted, FieldWarning, Ministry, SplitDocument
from .match import find_phrases, raw_of

MIN_SCORE = 85.0


def _declined(name: str) -> list[str]:
    """Nominative plus the forms after "dem"/"des": Hessischen Ministerium(s) für …"""
    rest = name.removeprefix("Hessisches ")
    return [name, "Hessischen " + rest, "Hessischen " + rest.replace("Ministerium", "Ministeriums", 1)]


def parse_ministry(doc: SplitDocument, knowledge: Knowledge, year: int | None) -> Extracted[Ministry]:
    phrases = [(m.name, form) for m in knowledge.ministries for form in _declined(m.name)]
    texts = [(doc.head.text, doc.head.raw)] + [(s.text, s.raw) for s in doc.sections if s.number in (0, 2, 3)]
    best = None
    raw = ""
    for text, raw_text in texts:
        hits = find_phrases(phrases, text, MIN_SCORE)
        if hits:
            if best is None or hits[0].score > best.score + 5:
                best = hits[0]
                raw = raw_of(raw_text, text, best.start, best.end)
            if best.score >= 97:
                break
    abbreviation = knowledge.ministry_abbreviation
    all_text = doc.head.text + "\n" + "\n".join(s.text for s in doc.sections)
    abbr_found = re.search(rf"\b{re.escape(abbreviation)}\b", all_text) is not None
    if best is None:
        return Extracted[Ministry](
            value=None,
            confidence=0.0,
            warnings=(FieldWarning(field="ministry", message="the ministry's name was not found"),),
        )
    warnings: list[FieldWarning] = []
    confidence = best.score / 100.0
    if not abbr_found:
        confidence *= 0.9
    info = next(m for m in knowledge.ministries if m.name == best.key)
    if year is not None and not info.covers(year):
        confidence = min(confidence, 0.6)
        warnings.append(
            FieldWarning(field="ministry", message=f"the ministry was not called {info.name!r} in {year}")
        )
    return Extracted[Ministry](
        value=Ministry(name=info.name, abbreviation=abbreviation),
        confidence=round(min(confidence, 0.99), 3),
        raw=raw,
        warnings=tuple(warnings),
    )
