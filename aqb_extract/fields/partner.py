"""The partner (Landkreis or kreisfreie Stadt), matched against the gazetteer of all 26.

Kassel and Offenbach each exist as Stadt and as Kreis, and the Landkreis Darmstadt-Dieburg sits in
Darmstadt, so the decision rests on the full name form ("documenta Stadt Kassel" vs "Landkreis
Kassel"), never on the bare place name, and a near tie between two partners is a warning, not a
coin toss.
"""

from __future__ import annotations

from collections import defaultdict

from ..knowledge import Knowledge, PartnerInfo
from ..models import Extracted, FieldWarning, Partner, PartnerKind, SplitDocument
from .match import Hit, find_phrases, raw_of

MIN_SCORE = 84.0
SURE_TITLE = 95.0
"""A title's partner matched below this was read only fuzzily ("dem Riieiigei-Taunus-Kreis" on
text OCR of seed 181, nearest to Main-Taunus-Kreis at 90): twice the text's votes for another
partner outweigh it. At or above it the title decides, since the text may name a neighbour."""


def _phrases(knowledge: Knowledge) -> list[tuple[str, str]]:
    return [(p.ags, form) for p in knowledge.partners for form in p.surface_forms()]


def _mentions(doc: SplitDocument) -> list[tuple[str, str, str]]:
    """(where, repaired text, raw text) of the places that name the partner, title first."""
    out = [("head", doc.head.text, doc.head.raw)]
    for s in doc.sections:
        if s.number in (2, 4, 5, 6, 7):
            out.append((f"§ {s.number}", s.title + "\n" + s.text, s.title_raw + "\n" + s.raw))
    out.append(("tail", doc.tail.text, doc.tail.raw))
    return out


def _best(hits: list[Hit]) -> tuple[Hit | None, float]:
    """The best hit and its margin over the best hit for a *different* partner."""
    if not hits:
        return None, 0.0
    best = hits[0]
    rival = next((h.score for h in hits if h.key != best.key), 0.0)
    return best, best.score - rival


def parse_partner(doc: SplitDocument, knowledge: Knowledge) -> Extracted[Partner]:
    phrases = _phrases(knowledge)
    votes: dict[str, float] = defaultdict(float)
    head_hit: Hit | None = None
    head_margin = 0.0
    written: dict[str, str] = {}  # each partner's first mention as written
    for where, text, raw in _mentions(doc):
        hits = find_phrases(phrases, text, MIN_SCORE)
        best, margin = _best(hits)
        if best is None:
            continue
        votes[best.key] += best.score / 100.0
        written.setdefault(best.key, raw_of(raw, text, best.start, best.end))
        if where == "head" and head_hit is None:
            head_hit, head_margin = best, margin
    if not votes:
        return Extracted[Partner](
            value=None,
            confidence=0.0,
            warnings=(
                FieldWarning(field="partner", message="no Landkreis or kreisfreie Stadt of Hessen is named"),
            ),
        )
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    winner_ags = head_hit.key if head_hit is not None else ranked[0][0]
    warnings: list[FieldWarning] = []
    overruled = (
        head_hit is not None
        and head_hit.score < SURE_TITLE
        and ranked[0][0] != head_hit.key
        and ranked[0][1] >= 2 * votes[head_hit.key]
    )
    if overruled and head_hit is not None:
        winner_ags = ranked[0][0]
        warnings.append(
            FieldWarning(
                field="partner",
                message=f"the title's {written[head_hit.key]!r} reads nearest as "
                f"{knowledge.partner_by_ags(head_hit.key).name}, but the text names "
                f"{knowledge.partner_by_ags(winner_ags).name}; that taken",
            )
        )
    as_written = written[winner_ags]
    info: PartnerInfo = knowledge.partner_by_ags(winner_ags)
    total = sum(votes.values())
    agreement = votes[winner_ags] / total
    base = (head_hit.score / 100.0) if head_hit is not None else 0.7
    confidence = base * (0.6 + 0.4 * agreement)
    if overruled:
        confidence = min(confidence, 0.6)
    elif head_hit is None:
        warnings.append(
            FieldWarning(field="partner", message="partner not found in the title block; taken from the text")
        )
        confidence = min(confidence, 0.75)
    elif head_margin < 8:
        confidence = min(confidence, 0.6)
        warnings.append(
            FieldWarning(
                field="partner", message=f"partner name {as_written!r} is close to another partner's name"
            )
        )
    if agreement < 0.75:
        others = ", ".join(knowledge.partner_by_ags(a).name for a, _ in ranked if a != winner_ags)
        warnings.append(FieldWarning(field="partner", message=f"the text also names {others}"))
        confidence = min(confidence, 0.6)
    kind: PartnerKind = "Landkreis" if info.kind == "Landkreis" else "kreisfreie Stadt"
    partner = Partner(name=info.name, kind=kind, ags=info.ags, as_written=" ".join(as_written.split()))
    return Extracted[Partner](
        value=partner, confidence=round(min(confidence, 0.99), 3), raw=as_written, warnings=tuple(warnings)
    )
