"""Stage 5: decide whether the text is an agreement at all, and assemble the validated record.

Confidence per field combines the parser's own certainty (pattern quality, fuzzy match score,
agreement of repeated mentions) with the OCR's word confidences behind the value. The status is
derived from them, never set by hand: a record is ``ok`` only when every field is present, above its
threshold, and unwarned.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from .config import Settings
from .errors import NotAnAgreementError
from .evidence import locate
from .models import (
    DocumentText,
    Evidence,
    Extracted,
    FieldWarning,
    Ministry,
    Partner,
    Project,
    Record,
    SectionOut,
    Signatory,
    Source,
    SplitDocument,
)

DATA_FIELDS = ("year", "partner", "ministry", "amount_eur", "projects", "signatories")


def require_agreement(doc: SplitDocument) -> None:
    """Raise :class:`NotAnAgreementError` unless the text has the marks of an AQB agreement.

    Two of three must be present: the title "Zielvereinbarung", the words "Ausbildungs- und
    Qualifizierungsbudget", and at least three of the § headings. One alone is common in other
    ministry letters; all three missing means someone pointed us at the wrong file.
    """
    everything = (
        doc.head.text + "\n" + "\n".join(s.title + "\n" + s.text for s in doc.sections) + "\n" + doc.tail.text
    )
    flat = " ".join(everything.split())
    missing = []
    head_words = doc.head.text.split()[:40]
    if not any(fuzz.ratio(w.strip(",.:"), "Zielvereinbarung") >= 85 for w in head_words) and not re.search(
        r"Zielvereinbarung", flat[:2000]
    ):
        missing.append("title 'Zielvereinbarung'")
    if (
        not re.search(r"Qualifizierungsbudget", flat)
        and fuzz.partial_ratio("Qualifizierungsbudget", flat) < 85
    ):
        missing.append("'Ausbildungs- und Qualifizierungsbudget'")
    numbered = [s for s in doc.sections if 1 <= s.number <= 7]
    if len(numbered) < 3:
        missing.append("sections § 1 to § 7")
    if len(missing) >= 2:
        raise NotAnAgreementError(missing)


def failed_record(source: Source, error: str) -> Record:
    return Record(status="failed", error=error, source=source)


def _ocr_factor(evidence: Evidence) -> float:
    """How much the OCR's doubt about the words behind a value lowers the field's confidence."""
    return 0.7 + 0.3 * evidence.confidence


DIGITS_SURE = 0.9
"""OCR word confidence below which the digits of the amount are warned about. Nothing checks a
digit as a word list checks a letter, and one wrong digit changes the money: on 260 scans of the
held-out corpora the only two wrong amounts were read at 0.66 and 0.87 ("993.700" for
"998.700"); the 26 right ones also read below 0.9 are the price of catching them."""


TEXT_OCR_REPAIRS = 5
"""A text file whose words needed at least this many repairs came from OCR (clean text needs
none). It carries no word confidences, so its amount is doubted and said: "956.100" read as
"936.100" on a text OCR of seed 233 was the one wrong value of its first look no warning named."""


def build_record(
    source: Source,
    doc: DocumentText,
    *,
    year: Extracted[int],
    partner: Extracted[Partner],
    ministry: Extracted[Ministry],
    amount: Extracted[float],
    projects: Extracted[tuple[Project, ...]],
    signatories: Extracted[tuple[Signatory, ...]],
    sections: Extracted[tuple[SectionOut, ...]],
    settings: Settings,
    repaired_words: int = 0,
) -> Record:
    fields: dict[str, Extracted[Any]] = {
        "year": year,
        "partner": partner,
        "ministry": ministry,
        "amount_eur": amount,
        "projects": projects,
        "signatories": signatories,
        "sections": sections,
    }
    evidence: dict[str, Evidence] = {}
    confidence: dict[str, float] = {}
    warnings: list[FieldWarning] = []
    for key, ex in fields.items():
        conf = ex.confidence
        if ex.raw:
            ev = locate(doc, ex.raw)
            evidence[key] = ev
            conf *= _ocr_factor(ev)
            if key == "amount_eur" and ex.value is not None and ev.confidence < DIGITS_SURE:
                conf = min(conf, ev.confidence)
                warnings.append(
                    FieldWarning(
                        field=key,
                        message=f"its digits were read with OCR confidence {ev.confidence:.2f}: "
                        f"compare {ex.raw!r} with the scan",
                    )
                )
            if (
                key == "amount_eur"
                and ex.value is not None
                and doc.method == "text"
                and repaired_words >= TEXT_OCR_REPAIRS
            ):
                conf = min(conf, 0.85)
                warnings.append(
                    FieldWarning(
                        field=key,
                        message=f"the text came from OCR ({repaired_words} words repaired) and says "
                        f"nothing of how surely its digits were read: compare {ex.raw!r} with the source",
                    )
                )
        part_confs = []
        for part_key, raw in ex.parts:
            ev = locate(doc, raw)
            evidence[part_key] = ev
            part_confs.append(_ocr_factor(ev))
        if part_confs:
            conf *= min(part_confs)
        confidence[key] = round(conf, 3)
        warnings.extend(ex.warnings)
    status = "needs_review" if warnings else "ok"
    for key in DATA_FIELDS:
        ex = fields[key]
        empty = ex.value is None or (isinstance(ex.value, tuple) and not ex.value)
        if empty and not any(w.field.split("[")[0].split(".")[0] == key for w in ex.warnings):
            warnings.append(FieldWarning(field=key, message=f"{key} not found"))
        if empty or confidence[key] < settings.thresholds.get(key, 0.8):
            status = "needs_review"
    return Record(
        status=status,
        source=source,
        year=year.value,
        partner=partner.value,
        ministry=ministry.value,
        amount_eur=amount.value,
        projects=list(projects.value or ()),
        signatories=list(signatories.value or ()),
        sections=list(sections.value or ()),
        confidence=confidence,
        warnings=warnings,
        evidence=evidence,
    )
