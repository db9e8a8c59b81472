"""A second look at a signature block that OCR read with gaps: its region read again with the
stamp's ink taken out, and only what the first reading lacked taken from it.

Why: the stamps pressed over the signature block are what OCR loses most on office scans. On the
100 heavy 200-dpi scans of held-out seeds 101-125, 71 first readings lacked a signatory's name
or date (most of them handwritten dates Tesseract cannot read at all); reading the region below
§ 7 again with violet ink turned white filled 5 dates, all right, none wrong. Since session 16
the stamp is dropped by each pixel's brightest channel (:func:`aqb_extract.ocr.drop_stamp_ink`),
which keeps the print under it: on 156 heavy scans of held-out 200-259, 13 more fields right,
1 fewer. Tesseract's reading of such a region is fragile (the same region cut a few
lines shorter filled 2 others and lost 3 of these), and an earlier cut read "2036" for "2026",
which the year check below turns away. A value found only by the second look is never sure: it
comes with a warning naming it, so the record asks for review.

The steps are plain functions, called in order by :func:`second_look`:
``needs_second_look -> signature_region -> (reread) -> splice_region -> fill_gaps``.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz

from .evidence import locate
from .fields.amount import clean_amount
from .fields.dates import TRAILING_DOTS, fold
from .fields.signatories import FIELD, NOISY_NAME, parse_signatories
from .knowledge import Knowledge, PartnerInfo
from .models import DocumentText, Extracted, FieldWarning, PageText, Signatory, SplitDocument
from .repair import MIN_CANDIDATE, repair_document, zipf
from .sections import split_sections
from .validate import DIGITS_SURE

SECOND_LOOK_CONFIDENCE = 0.85
"""Most the field's confidence can be when a value came from the second look."""

Reread = Callable[[PageText, int], PageText | None]
"""Reads a page again from a pixel row down (:func:`aqb_extract.read.reread_without_stamps`)."""


def needs_second_look(found: Extracted[tuple[Signatory, ...]]) -> bool:
    """A side, a name or a date missing from the first reading, or a name read amid noise."""
    sigs = found.value or ()
    return len(sigs) < 2 or any(s.name is None or s.date is None for s in sigs) or bool(_noisy_names(found))


def _noisy_names(found: Extracted[tuple[Signatory, ...]]) -> set[int]:
    """The signatories whose name the first reading took from a line with OCR noise."""
    noisy = {w.field for w in found.warnings if w.message.startswith(NOISY_NAME)}
    return {i for i in range(len(found.value or ())) if f"{FIELD}[{i}].name" in noisy}


SAME_NAME = 75
"""Least rapidfuzz ratio (folded: case, umlauts, ß ignored) of a name read amid noise and its
second reading for the second to replace the first: the same name with letters mended ("Bamd
Krüger" -> "Bernd Krüger" 78, "Hans-Jürgen Sger" -> "Hans-Jürgen Jäger" 91, "Omer" -> "Ömer"
100), not another person."""


def signature_region(doc: DocumentText, split: SplitDocument) -> tuple[PageText, int] | None:
    """The page the signature block stands on and the pixel row it starts at: below the last
    sentence of § 7 (a line ending in a full stop that OCR read surely), when that is on the same
    page, else the top of the page. Not the block's own first line: that is often the very line
    the stamp made OCR lose, and § 7 then runs on into the block ("Heike Hofmann \\° Q",
    "Jugend und Soziales" on a heavy scan of seed 107), whose lines end in no full stop."""
    if doc.method != "ocr" or not split.sections:
        return None
    pages = {p.number: p for p in doc.pages}
    number = split.tail.page or doc.pages[-1].number
    page = pages.get(number)
    if page is None or not page.words or page.method not in (None, "ocr"):
        return None
    for line in reversed(split.sections[-1].raw.splitlines()):
        if not line.rstrip().endswith("."):
            continue
        evidence = locate(doc, line, hint_page=number)
        if evidence.page is None or evidence.confidence < SURE_SENTENCE:
            continue
        if evidence.page < number:
            return page, 0
        if evidence.page == number and evidence.boxes:
            return page, max(top + height for _, top, _, height in evidence.boxes)
    return None


SURE_SENTENCE = 0.7
"""Lowest OCR word confidence of a line taken as § 7's last sentence (a stamp's noise, "Erste
Kreisbeigeordnete .", reads its marks at 0.1-0.5)."""


def splice_region(page: PageText, top: int, region: PageText) -> PageText:
    """``page`` with what it read from ``top`` down replaced by ``region``'s reading. The words
    of two readings do not share one offset scale, so the result has none: it is only parsed."""
    starts = [w.start for w in page.words if w.top >= top]
    cut = min(starts) if starts else len(page.text)
    if starts:
        # whole lines only: back to the start of the line the first word below ``top`` is on
        cut = page.text.rfind("\n", 0, cut) + 1
    return PageText(number=page.number, text=page.text[:cut].rstrip() + "\n\n" + region.text)


def fill_gaps(
    first: Extracted[tuple[Signatory, ...]], second: Extracted[tuple[Signatory, ...]], year: int | None
) -> Extracted[tuple[Signatory, ...]]:
    """``first`` with each missing name and date (of a side both readings found) taken from
    ``second``, warned; a date outside the budget year ±1 or with dots after it is turned away.
    Nothing ``first`` has is replaced: the second look reads with doubts of its own."""
    if not first.value or not second.value:
        return first
    theirs = {s.side: s for s in second.value}
    noisy = _noisy_names(first)
    sigs: list[Signatory] = []
    warnings: list[FieldWarning] = []
    for index, sig in enumerate(first.value):
        other = theirs.get(sig.side)
        update: dict[str, object] = {}
        if other is not None and sig.name is None and other.name is not None:
            update["name"] = other.name
            warnings.append(_warning(f"{FIELD}[{index}].name", "name", other.name))
        elif (
            other is not None
            and index in noisy
            and sig.name is not None
            and other.name is not None
            and other.name != sig.name
            and len(other.name.split()) == len(sig.name.split())
            and fuzz.ratio(fold(sig.name), fold(other.name)) >= SAME_NAME
            and _no_worse(sig.name, other.name)
        ):
            # "Bamd Krüger" amid a stamp's noise, "Bernd Krüger" with the stamp's ink taken out
            # (heavy scans of seeds 208-255: 5 of 6 such names mended on a second look)
            update["name"] = other.name
            warnings.append(
                FieldWarning(
                    field=f"{FIELD}[{index}].name",
                    message=f"name {sig.name!r}, read amid noise, read {other.name!r} on {_SECOND_LOOK}: taken",
                )
            )
        if (
            other is not None
            and sig.date is None
            and other.date is not None
            # dots after a date the second look read ("2.2. 18..." for a handwritten "26.2.18" on
            # a heavy scan of seed 104): a reading that doubtful fills no gap
            and not TRAILING_DOTS.search((other.date_as_written or "").rstrip())
            and (year is None or abs(other.date.year - year) <= 1)
        ):
            update["date"], update["date_as_written"] = other.date, other.date_as_written
            warnings.append(_warning(f"{FIELD}[{index}].date", "date", other.date.isoformat()))
        sigs.append(sig.model_copy(update=update) if update else sig)
    if not warnings:
        return first
    return first.model_copy(
        update={
            "value": tuple(sigs),
            "confidence": min(first.confidence, SECOND_LOOK_CONFIDENCE),
            "warnings": (*first.warnings, *warnings),
        }
    )


def _no_worse(first: str, second: str) -> bool:
    """Does the second reading of a name keep each word of the first that is a well-known word
    (MIN_CANDIDATE), unless its own word there is at least as well known? A name read amid noise
    may still be right: "Uwe Dörr" (Uwe 4.21) stays against "Une Dörr" (3.59, a heavy scan of seed
    262), while "Bamd" (unlisted) gives way to "Bernd" and "Omer" (2.91) to "Ömer"."""
    return all(
        a == b or zipf(a) < MIN_CANDIDATE or zipf(b) >= zipf(a)
        for a, b in zip(first.split(), second.split(), strict=True)
    )


_SECOND_LOOK = "a second look at the signature block with the stamp's ink taken out"


def _warning(field: str, what: str, value: str) -> FieldWarning:
    return FieldWarning(field=field, message=f"{what} {value!r} read only on {_SECOND_LOOK}")


def second_look(
    doc: DocumentText,
    split: SplitDocument,
    first: Extracted[tuple[Signatory, ...]],
    reread: Reread | None,
    knowledge: Knowledge,
    year: int | None,
    partner: PartnerInfo | None,
) -> Extracted[tuple[Signatory, ...]]:
    """The signatories, with the first reading's gaps filled from a second look where it can."""
    if reread is None or not needs_second_look(first):
        return first
    found = signature_region(doc, split)
    if found is None:
        return first
    page, top = found
    # The block may run on to the next page (the partner's side below the ministry's, 55 of 481
    # scanned held-out documents): those pages are read again whole.
    regions = {page.number: (top, reread(page, top))}
    for later in doc.pages:
        if later.number > page.number and later.words and later.method in (None, "ocr"):
            regions[later.number] = (0, reread(later, 0))
    if all(region is None for _, region in regions.values()):
        return first
    pages = tuple(_spliced(p, regions.get(p.number)) for p in doc.pages)
    again = repair_document(split_sections(doc.model_copy(update={"pages": pages}), knowledge), knowledge)
    return fill_gaps(first, parse_signatories(again, knowledge, year, partner), year)


def _spliced(page: PageText, found: tuple[int, PageText | None] | None) -> PageText:
    """``page`` with its second reading from the row ``found`` names down, if it has one."""
    if found is None or found[1] is None:
        return page
    return splice_region(page, found[0], found[1])


__all__ = ["fill_gaps", "needs_second_look", "second_look", "signature_region", "splice_region"]


# --------------------------------------------------------------------------- the amount

AMOUNT_SCALES = (2, 3)
"""How much larger the amount's line is read again. On the 300-dpi scans of held-out seeds 229 and
237, Tesseract read an 8 as a 3 at the page's size (word confidence 0.52 and 0.81) and the 8 at
twice and three times the size."""

RereadLine = Callable[[PageText, tuple[int, int, int, int], int], PageText | None]
"""Reads the line in a box of a page again, enlarged (:func:`aqb_extract.read.reread_line`)."""


def second_look_amount(
    doc: DocumentText, found: Extracted[float], reread: RereadLine | None
) -> Extracted[float]:
    """The amount, read again where OCR read its digits unsurely (below DIGITS_SURE): the line
    enlarged twice and three times. Only when both readings state one plain amount (no repair
    needed) that differs from the first in a digit or two, no more and no fewer digits, is it
    taken, and said; the record still asks for review, as the first reading's doubt stands.
    Anything less leaves the first reading: on heavy scans an enlarged reading also lost a
    leading digit ("21.823,45" for "521.823,45") or read a speck as one ("41.896.800")."""
    if reread is None or found.value is None or not found.raw or doc.method != "ocr":
        return found
    evidence = locate(doc, found.raw)
    page = next((p for p in doc.pages if p.number == evidence.page), None)
    if page is None or not evidence.boxes or evidence.confidence >= DIGITS_SURE:
        return found
    boxes = evidence.boxes
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    readings = []
    for scale in AMOUNT_SCALES:
        again = reread(page, (left, top, right - left, bottom - top), scale)
        readings.append(clean_amount(again.text) if again is not None else None)
    value = readings[0]
    if value is None or any(r != value for r in readings) or not _digit_slip(found.value, value):
        return found
    message = (
        f"{found.raw!r} was read unsurely; the line read again enlarged ({' and '.join(f'{s}x' for s in AMOUNT_SCALES)}) "
        f"says {value:,.2f} EUR both times: taken, compare with the scan"
    )
    return found.model_copy(
        update={
            "value": value,
            "confidence": min(found.confidence, SECOND_LOOK_CONFIDENCE),
            "warnings": (*found.warnings, FieldWarning(field="amount_eur", message=message)),
        }
    )


def _digit_slip(first: float, second: float) -> bool:
    """Do two amounts differ in one or two digits, written with as many digits?"""
    a, b = f"{first:.2f}", f"{second:.2f}"
    return len(a) == len(b) and 1 <= sum(x != y for x, y in zip(a, b, strict=True)) <= 2
