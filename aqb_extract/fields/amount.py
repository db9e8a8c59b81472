"""The total budget from § 4, in euros.

German formats ("1.390.400 Euro", "1.390.400,00 €", "EUR") with OCR's digit confusions (O for 0,
l or I for 1, stray spaces) repaired. Every repair and every odd grouping lowers the confidence:
a misread digit in an amount is the kind of error nobody notices later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Extracted, FieldWarning, SplitDocument

PLAUSIBLE_MIN, PLAUSIBLE_MAX = 10_000.0, 50_000_000.0
CURRENCY_RE = re.compile(r"(?:Euro|EUR|€)", re.IGNORECASE)
# digits and the characters OCR puts in their place, with German separators and stray spaces
NUMBER_RE = re.compile(r"(?<![^\W\d_])([0-9OolI|][0-9OolI|., ':;]*[0-9OolI|-])([°^*~’‘`´.]?)\s*$")
# (not after a letter: the "l" of "Mittel 1.390.400 Euro" is no digit); a speck may stand between
# the number and its currency ("1.238.500,00°€" on a heavy scan of seed 203, "1.909.200,00. Euro"
# on one of seed 247): no amount is written with a mark there, so it is dirt, and the reading
# says so
# a point read with a speck on it ("2: 661. 400,00 €"): the number must not be cut at the colon
_POINT_LOOKALIKES = str.maketrans({":": ".", ";": "."})
_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_WITH_POINTS = r"\d{1,3}(?:\.\d{3})+(?:,\d{2})?"  # "1.390.400", "1.390.400,00"
_SPECK_BEFORE_GAP = re.compile(rf"^(\S{{1,2}})\s{{2,}}(?={_WITH_POINTS}$)")
_DIGIT_SPECK = re.compile(rf"(\d{{1,2}}) ({_WITH_POINTS})")
GROUPED_RE = re.compile(rf"^{_WITH_POINTS}$|^\d{{1,3}}(?:,\d{{2}})?$|^\d+(?:,\d{{2}})?$")


def _without_speck(number: str) -> str | None:
    """``number`` read with one of two touching separators dropped ("3,.117.300,00": a speck
    beside the thousands point), when exactly one reading is a well-formed amount; else None."""
    m = re.search(r"[.,]{2}", number)
    if m is None or re.search(r"[.,]{2}", number[m.end() - 1 :]):
        return None  # no pair, or more than one: too damaged to guess
    readings = {number[: m.start() + k] + number[m.start() + k + 1 :] for k in (0, 1)}
    good = [r for r in readings if GROUPED_RE.match(r)]
    return good[0] if len(good) == 1 else None


def _comma_for_point(number: str) -> str | None:
    """``number`` with one comma read as the thousands point it stands for ("3.007,023,45" on a
    heavy scan of seed 185), when exactly one such reading is a well-formed amount; else None."""
    readings = {number[:k] + "." + number[k + 1 :] for k, c in enumerate(number) if c == ","}
    good = [r for r in readings if GROUPED_RE.match(r)]
    return good[0] if len(good) == 1 else None


def _value(grouped: str) -> float:
    """The value of a well-formed German amount ("1.390.400,50")."""
    integer, _, cents = grouped.partition(",")
    return float(integer.replace(".", "")) + (float(cents) / 100 if cents else 0.0)


def _digit_speck(number: str) -> tuple[str, str] | None:
    """(speck, amount) when ``number`` is a digit or two, a space and a whole grouped amount, and
    read whole it would be a budget no agreement has ("5 2.304.700,00", a heavy scan of seed 204:
    a speck read as a digit); else None. Read whole and plausible, it stays whole."""
    m = _DIGIT_SPECK.fullmatch(number)
    if m is None or _value(m[1] + m[2]) <= PLAUSIBLE_MAX or _value(m[2]) > PLAUSIBLE_MAX:
        return None
    return m[1], m[2]


def _parse_number(token: str) -> tuple[float | None, float, list[str]]:
    """(value, confidence, notes) for one number as written before a currency word."""
    notes: list[str] = []
    confidence = 0.97
    t = token.strip().rstrip("-").rstrip(",").rstrip()
    if (m := _SPECK_BEFORE_GAP.match(t)) is not None:
        # "3    2.549.900" (a heavy scan of seed 181): a margin speck before OCR's column gap, and
        # a whole grouped amount after it; a number's own stray space is a single one ("1.390. 400")
        notes.append(f"{m[1]!r} before a wide gap taken as a speck")
        confidence -= 0.15
        t = t[m.end() :]
    if t.endswith(",--") or t.endswith(",-"):
        t = t.split(",")[0]
    fixed = t.translate(_DIGITS)
    if fixed != t:
        notes.append(f"OCR digits repaired in {token.strip()!r}")
        confidence -= 0.12
    if fixed != (pointed := fixed.translate(_POINT_LOOKALIKES)):
        fixed = pointed
        notes.append(f"a colon read as a thousands point in {token.strip()!r}")
        confidence -= 0.12
    if (parts := _digit_speck(fixed)) is not None:
        notes.append(
            f"{parts[0]!r} before the amount taken as a speck: read with it, the amount is implausible"
        )
        confidence -= 0.2
        fixed = parts[1]
    if " " in fixed or "'" in fixed:
        squeezed = re.sub(r"[ ']", "", fixed)
        # a space may stand for a thousands point ("1 390 400") or be noise ("1.390. 400")
        if re.fullmatch(r"\d{1,3}(?:\d{3})+(?:,\d{2})?", squeezed) and "." not in fixed:
            squeezed = f"{int(squeezed.split(',')[0]):,}".replace(",", ".") + (
                "," + squeezed.split(",")[1] if "," in squeezed else ""
            )
        fixed = squeezed
        notes.append("spaces inside the amount")
        confidence -= 0.08
    if not GROUPED_RE.match(fixed) and (unspecked := _without_speck(fixed)) is not None:
        fixed = unspecked
        notes.append(f"a speck beside a separator ignored in {token.strip()!r}")
        confidence -= 0.15
    if not GROUPED_RE.match(fixed) and (thousands := _comma_for_point(fixed)) is not None:
        fixed = thousands
        notes.append(f"a comma read for a thousands point in {token.strip()!r}")
        confidence -= 0.15
    if not GROUPED_RE.match(fixed):
        return None, 0.0, [*notes, f"amount {token.strip()!r} is not a readable number"]
    if not re.search(r"\.\d{3}", fixed) and len(fixed.split(",")[0]) > 4:
        confidence -= 0.1
        notes.append("amount written without thousands separators")
    return _value(fixed), confidence, notes


def _written_amounts(line: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Each number written before a currency word on ``line``, with that word."""
    for cm in CURRENCY_RE.finditer(line):
        if (nm := NUMBER_RE.search(line[: cm.start()])) is not None:
            yield nm, cm


def clean_amount(text: str) -> float | None:
    """The amount ``text`` states plainly ("1.812.000 Euro"): a well-formed, plausible number before
    a currency word that needed no repair at all; else None. For a second look, which must not
    guess where the first reading did."""
    for nm, _ in _written_amounts(text):
        if nm.group(2):
            continue
        value, _, notes = _parse_number(nm.group(1))
        if value is not None and not notes and PLAUSIBLE_MIN <= value <= PLAUSIBLE_MAX:
            return value
    return None


def parse_amount(doc: SplitDocument) -> Extracted[float]:
    section = doc.section(4)
    if section is None:
        return Extracted[float](
            value=None,
            confidence=0.0,
            warnings=(FieldWarning(field="amount_eur", message="§ 4 not found, so no amount"),),
        )
    found: list[tuple[float, float, list[str], str]] = []
    for line in section.text.splitlines():
        for nm, cm in _written_amounts(line):
            value, conf, notes = _parse_number(nm.group(1))
            if nm.group(2) and value is not None:
                notes.append(f"{nm.group(2)!r} between the amount and its currency taken as a speck")
                conf -= 0.1
            raw = (nm.group(1) + " " + cm.group(0)).strip()
            if value is None:
                found.append((-1.0, 0.0, notes, raw))
            else:
                found.append((value, conf, notes, raw))
    good = [f for f in found if f[0] >= 0]
    if not good:
        msgs = [n for f in found for n in f[2]] or ["no amount in euros found in § 4"]
        return Extracted[float](
            value=None,
            confidence=0.0,
            warnings=tuple(FieldWarning(field="amount_eur", message=m) for m in msgs),
        )
    value, confidence, notes, raw = max(good, key=lambda f: f[0])
    warnings = [FieldWarning(field="amount_eur", message=n) for n in notes if confidence < 0.9]
    if len({f[0] for f in good}) > 1:
        confidence = min(confidence, 0.6)
        warnings.append(
            FieldWarning(
                field="amount_eur", message=f"§ 4 names several amounts: {sorted({f[0] for f in good})}"
            )
        )
    if not PLAUSIBLE_MIN <= value <= PLAUSIBLE_MAX:
        confidence = min(confidence, 0.5)
        warnings.append(
            FieldWarning(
                field="amount_eur",
                message=f"implausible budget {value:,.2f} EUR (expected 10,000 to 50,000,000)",
            )
        )
    return Extracted[float](
        value=value, confidence=round(max(confidence, 0.0), 3), raw=raw, warnings=tuple(warnings)
    )
