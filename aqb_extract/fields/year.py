"""The budget year: from the title ("Zielvereinbarung 2024"), cross-checked against § 1 and § 4."""

from __future__ import annotations

import re
from collections import Counter

from ..models import Extracted, FieldWarning, SplitDocument

# OCR reads 0 as O/o and 1 as l/I; a year is "20" and two more digits.
_YEAR_TOKEN = r"(?P<y>[2Z][0OoD][0-9OolI|]{2})"
TITLE_RE = re.compile(r"Zielvereinbarung[\s:,-]*" + _YEAR_TOKEN + r"\b", re.IGNORECASE)
MENTION_RE = re.compile(r"(?:im\s+Jahr|[Bb]udgets?|Qualifizierungsbudgets?)\s+" + _YEAR_TOKEN + r"\b")
_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "Z": "2"})
MIN_YEAR, MAX_YEAR = 2010, 2035


def _to_year(token: str) -> int | None:
    digits = token.translate(_DIGITS)
    if not digits.isdigit():
        return None
    year = int(digits)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def parse_year(doc: SplitDocument) -> Extracted[int]:
    """The year in the title decides; mentions elsewhere confirm it or lower the confidence."""
    warnings: list[FieldWarning] = []
    title_year: int | None = None
    raw = ""
    m = TITLE_RE.search(doc.head.text)
    if m:
        title_year = _to_year(m["y"])
        raw = m.group(0)
    mentions: Counter[int] = Counter()
    for number in (1, 2, 4, 5, 6):
        section = doc.section(number)
        if section is None:
            continue
        for mm in MENTION_RE.finditer(section.text):
            y = _to_year(mm["y"])
            if y is not None:
                mentions[y] += 1
    if title_year is None:
        if not mentions:
            return Extracted[int](
                value=None,
                confidence=0.0,
                warnings=(FieldWarning(field="year", message="no year found in the title or in § 1/§ 4"),),
            )
        year, count = mentions.most_common(1)[0]
        agree = count / sum(mentions.values())
        warnings.append(
            FieldWarning(
                field="year",
                message=f"year not found in the title; taken from {count} mention(s) in the text",
            )
        )
        return Extracted[int](value=year, confidence=round(0.6 * agree, 3), warnings=tuple(warnings))
    exact = m is not None and m["y"].isdigit()
    confidence = 0.97 if exact else 0.85
    if mentions:
        others = {y: n for y, n in mentions.items() if y != title_year}
        if not others:
            confidence = min(1.0, confidence + 0.02 * min(mentions[title_year], 2))
        elif mentions[title_year] >= sum(others.values()):
            confidence = min(confidence, 0.75)
            warnings.append(
                FieldWarning(
                    field="year",
                    message=f"the text also names {sorted(others)} besides the title's {title_year}",
                )
            )
        else:
            confidence = 0.4
            warnings.append(
                FieldWarning(
                    field="year",
                    message=f"title says {title_year} but § 1/§ 4 mostly say {max(others, key=lambda y: others[y])}",
                )
            )
    else:
        confidence = min(confidence, 0.9)
    return Extracted[int](
        value=title_year, confidence=round(confidence, 3), raw=raw, warnings=tuple(warnings)
    )
