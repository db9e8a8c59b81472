"""The ``sections`` field: § 1 to § 7 with their titles (canonical where OCR damaged a known title)
and repaired text; a missing section is absent and warned about."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..knowledge import Knowledge
from ..models import Extracted, FieldWarning, SectionOut, SplitDocument
from .projects import GLUED_ARTICLE, SPACE_AFTER_HYPHEN, open_quote_speck, speck_first

SNAP_SCORE = 80.0
_SPECKS = " -–—•·.,:;_*~=»«°<>|"  # not quotes: a partner's name in § 5's title may end in one
DAMAGED_SCORE = 60.0
DAMAGED_SNAPPED = 0.55
"""A title this like (0-100) one known title of its § and no other is that title, damaged by a
stamp or blur ("AueDAuuge: und Qualifi eunastudgst" for § 1 on a heavy scan of seed 126, 67):
written as known, at this confidence, with a warning that shows what was read."""
PARTNER_UNREAD = 0.7
"""Confidence of a § 5 title whose partner part is no partner's name as written: the title is
kept as read and warned about ("im Landkreis Freiburg")."""


def canonical_title(number: int, title: str, knowledge: Knowledge) -> tuple[str, float]:
    """A damaged known title becomes the known title ("Umsetzung der UN-Behindertenrec_htskon{/ention").

    § 5's title names the partner, so only its fixed start is compared, and the repaired title
    is kept. Returns (title, confidence)."""
    titles = next((s.titles for s in knowledge.section_titles if s.number == number), ())
    # a heading neither starts nor ends with a mark: "- Ziele für …" is a speck before the title
    cleaned = open_quote_speck(" ".join(title.split()).strip(_SPECKS)).strip(_SPECKS)
    # letters before the title's capital that start no title ("x    Ziele für …" on a heavy scan of
    # seed 163): a speck, as in a project title
    cleaned = speck_first(cleaned)
    if number == 5:
        return _partner_title(cleaned, titles, knowledge)
    if cleaned in titles:
        return cleaned, 1.0
    scored = sorted(((fuzz.ratio(cleaned, t), t) for t in titles), reverse=True)
    if scored and scored[0][0] >= SNAP_SCORE:
        return scored[0][1], scored[0][0] / 100.0
    if scored and scored[0][0] >= DAMAGED_SCORE and (len(scored) == 1 or scored[1][0] < scored[0][0] - 10):
        return scored[0][1], DAMAGED_SNAPPED
    return cleaned, 0.5


def _partner_title(cleaned: str, starts: tuple[str, ...], knowledge: Knowledge) -> tuple[str, float]:
    """§ 5's title: a fixed start and the partner ("Ziele für die Umsetzung" "im Kreis Groß-
    Gerau"). A start that reads as the known one (SNAP_SCORE, specks after words dropped: "die.")
    is written as known; the title is sure only when it ends in a partner's name as documents
    write it, so a damaged name is kept as read at PARTNER_UNREAD. No known start: score 0."""
    words = cleaned.split()
    score, rest = 0.0, cleaned
    for start in starts:
        known = start.split()
        head = " ".join(w.rstrip(".,:;") for w in words[: len(known)])
        ratio = fuzz.ratio(head, start)
        if ratio >= SNAP_SCORE:  # the start is fixed text: snap it, as other known titles are
            cleaned = " ".join([*known, *words[len(known) :]])
            score, rest = ratio / 100.0, cleaned[len(start) :]
            break
    forms = tuple(form for p in knowledge.partners for form in p.surface_forms())
    if rest.strip() in forms and (joiner := _lost_joiner(rest.strip())):
        # "Ziele für die Umsetzung Landkreis Kassel" (heavy scan of seed 124): OCR lost "im"
        return f"{cleaned[: len(cleaned) - len(rest)]} {joiner}{rest}", min(score, PARTNER_MENDED)
    if _names_partner(rest, forms):
        return cleaned, score
    mended = _mend_partner_part(rest)
    for candidate in (mended, mended.replace("-", " ")):  # "im Landkreis-Kassel"
        if candidate != rest and _names_partner(candidate, forms):
            return cleaned[: len(cleaned) - len(rest)] + candidate, min(score, PARTNER_MENDED)
    if (near := _nearest_partner(mended, forms)) is not None:
        return cleaned[: len(cleaned) - len(rest)] + near, min(score, PARTNER_MENDED)
    return cleaned, min(score, PARTNER_UNREAD)


PARTNER_NEAR = 90.0
"""How like (0-100) the end of § 5's title must be to one partner's name as documents write it,
and ahead of every other, to be that name with a letter misread ("documenta Stadt Kassal", heavy
scan of seed 119). A name is fixed text, as the title's start is."""


def _nearest_partner(rest: str, forms: tuple[str, ...]) -> str | None:
    """``rest`` with its end taken as the one partner name it is nearly, or None."""
    words = rest.split()
    ratios: dict[str, float] = {}  # the mended part -> how like its end is to that name
    for form in forms:
        n = len(form.split())
        if len(words) <= n or not _PLAIN_WORDS.fullmatch(" " + " ".join(words[:-n])):
            continue
        mended = " " + " ".join([*words[:-n], form])
        ratios[mended] = max(ratios.get(mended, 0.0), fuzz.ratio(" ".join(words[-n:]), form))
    ranked = sorted(((ratio, mended) for mended, ratio in ratios.items()), reverse=True)
    if not ranked or ranked[0][0] < PARTNER_NEAR:
        return None
    if len(ranked) > 1 and ranked[1][0] > ranked[0][0] - 5:
        return None
    return ranked[0][1]


def _lost_joiner(form: str) -> str | None:
    """The word § 5's title puts before a partner's name that OCR lost, where the name's case
    says it: "im" before a Kreis named as subject ("Landkreis Kassel", "Wetteraukreis"), "des"
    before one in the genitive ("Landkreises Kassel"). A Stadt takes "in der" or "der" alike, so
    none is guessed for it (the title stays unsure)."""
    words = form.split()
    if words[0] in ("Landkreis", "Kreis") or (len(words) == 1 and words[0].endswith(("kreis", "Kreis"))):
        return "im"
    if words[0] in ("Landkreises", "Kreises") or (
        len(words) == 1 and words[0].endswith(("kreises", "Kreises"))
    ):
        return "des"
    return None


def _names_partner(rest: str, forms: tuple[str, ...]) -> bool:
    """Does § 5's title, after its fixed start, end in a partner's name as documents write it?"""
    return any(rest.endswith(" " + form) and _PLAIN_WORDS.fullmatch(rest[: -len(form) - 1]) for form in forms)


_PLAIN_WORDS = re.compile(r"(?: [^\W\d_]+)+")
"""What joins § 5's start to the partner's name: plain words ("des", "im", "in der", and in seed
000 "in der Stadt" before "documenta Stadt Kassel"), at least one, no marks ("in’der" is a speck
between words)."""

PARTNER_MENDED = 0.8
"""Confidence of a § 5 title that names a partner once specks are taken out (warned)."""
_SPECK_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_])[.,'‘’`´]\s*(?=[^\W\d_])")
_TRAILING_SPECK_TOKENS = re.compile(r"(?:\s+(?:[^\w\s]+|\d{1,2}|[^\W\d_]))+$")


def _mend_partner_part(rest: str) -> str:
    """The partner's part of § 5's title without OCR's specks: a mark between two words where a
    space was ("Stadt‘Offenbach", "Kreises. Offenbach"), a space after a hyphen inside the name
    ("Werra- Meißner-Kreis", a heavy scan of seed 189) and tokens without a word after the
    name ("Stadt Kassel 5") or an article glued on ("Kreises-Der"), as a partner's name ends in a
    word. A hyphen for a space is tried by the caller only if this alone names no partner
    ("Groß-Gerau" has its own)."""
    rest = SPACE_AFTER_HYPHEN.sub("-", _SPECK_BETWEEN_WORDS.sub(" ", rest))
    return GLUED_ARTICLE.sub("", _TRAILING_SPECK_TOKENS.sub("", rest))


def parse_sections(doc: SplitDocument, knowledge: Knowledge) -> Extracted[tuple[SectionOut, ...]]:
    out: list[SectionOut] = []
    warnings: list[FieldWarning] = []
    scores: list[float] = []
    for s in doc.sections:
        if not 1 <= s.number <= 7:
            continue
        title, score = canonical_title(s.number, s.title, knowledge)
        scores.append(score)
        if score == DAMAGED_SNAPPED:
            warnings.append(
                FieldWarning(
                    field=f"sections[{len(out)}].title",
                    message=f"title of § {s.number} damaged, taken as the known one: {s.title!r} -> {title!r}",
                )
            )
        elif score < 0.6:
            warnings.append(
                FieldWarning(
                    field=f"sections[{len(out)}].title",
                    message=f"unusual title for § {s.number}: {s.title!r}",
                )
            )
        elif s.number == 5 and score == PARTNER_MENDED:
            warnings.append(
                FieldWarning(
                    field=f"sections[{len(out)}].title",
                    message=f"§ 5's title names the partner once OCR damage is mended: {s.title!r} -> {title!r}",
                )
            )
        elif s.number == 5 and score <= PARTNER_UNREAD:
            warnings.append(
                FieldWarning(
                    field=f"sections[{len(out)}].title",
                    message=f"§ 5's title names no partner as documents write it: {s.title!r}",
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
