"""The ``sections`` field: § 1 to § 7 with their titles (canonical where OCR damaged a known title)
and repaired text; a missing section is absent and warned about."""

from __future__ import annotations

from rapidfuzz import fuzz

from ..knowledge import Knowledge
from ..models import Extracted, FieldWarning, SectionOut, SplitDocument

SNAP_SCORE = 80.0
_SPECKS = " -–—•·.,:;_*~=»«°"  # not quotes: a partner's name in § 5's title may end in one


def canonical_title(number: int, title: str, knowledge: Knowledge) -> tuple[str, float]:
    """A damaged known title becomes the known title ("Umsetzung der UN-Behindertenrec_htskon{/ention").

    § 5's title names the partner, so only its fixed start is compared, and the repaired title
    is kept. Returns (title, confidence)."""
    titles = next((s.titles for s in knowledge.section_titles if s.number == number), ())
    # a heading neither starts nor ends with a mark: "- Ziele für …" is a speck before the title
    cleaned = " ".join(title.split()).strip(_SPECKS)
    if number == 5:
        score = max((fuzz.ratio(cleaned[: len(t)], t) for t in titles), default=0.0)
        return cleaned, score / 100.0
    if cleaned in titles:
        return cleaned, 1.0
    scored = sorted(((fuzz.ratio(cleaned, t), t) for t in titles), reverse=True)
    if scored and scored[0][0] >= SNAP_SCORE:
        return scored[0][1], scored[0][0] / 100.0
    return cleaned, 0.5


def parse_sections(doc: SplitDocument, knowledge: Knowledge) -> Extracted[tuple[SectionOut, ...]]:
    out: list[SectionOut] = []
    warnings: list[FieldWarning] = []
    scores: list[float] = []
    for s in doc.sections:
        if not 1 <= s.number <= 7:
            continue
        title, score = canonical_title(s.number, s.title, knowledge)
        scores.append(score)
        if score < 0.6:
            warnings.append(
                FieldWarning(
                    field=f"sections[{len(out)}].title",
                    message=f"unusual title for § {s.number}: {s.title!r}",
                )
            )
        out.append(SectionOut(number=s.number, title=title, text=s.text))
    missing = sorted(set(range(1, 8)) - {s.number for s in out})
    for n in missing:
        warnings.append(FieldWarning(field="sections", message=f"§ {n} not found"))
    confidence = (min(scores) if scores else 0.0) * (len(out) / 7)
    return Extracted[tuple[SectionOut, ...]](
        value=tuple(out), confidence=round(confidence, 3), warnings=tuple(warnings)
    )
