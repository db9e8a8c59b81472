"""German dates as they appear in the signature block ("8.8.23", "08.09.2023", "12. März 2019").

The dates are often handwritten or stamped and come out of OCR as "7. 7 207 -4". The contract says
such a date is null rather than a guess, so this parser is deliberately strict: the whole text must
be one date, separators must be there, and anything it had to repair (a comma for a dot, an "O" for
a zero, a misspelt month) lowers the confidence and says why, so the caller can warn. Noise after
a date (a scribble read as "cc EN") is dropped only where it cannot have been part of the date:
after a four-digit year, or after two digits that cannot begin one, in the budget year or next
to it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

# Month names folded to ASCII (see fold), with the forms documents and OCR produce.
_MONTHS: dict[str, int] = {
    "januar": 1,
    "janner": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "marz": 3,
    "maerz": 3,
    "mar": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
# Full names only for fuzzy matching: abbreviations are too short to tell apart after damage.
_FULL_MONTHS = {k: v for k, v in _MONTHS.items() if len(k) >= 4 and k not in ("maerz", "sept")}

# Letters OCR puts where a digit was printed. Only these: "S"->5 or "B"->8 would be guesses.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})

# Specks OCR glues to the last digit of a handwritten or stamped date.
_GLUED_MARKS = "°º“”\"'‘’`´*~^"
_QUOTE_MARKS = "‚‘’'\"„“”`´"
# A relaxed reading must end in a four-digit year: after one, nothing dropped can have been a digit
# of the date; after "19.6.19", "Be" might have been "20".
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}$")
# Letter pairs OCR reads for one letter in month names ("Septernber", "Novernber").
_LETTER_CONFUSIONS = (("rn", "m"), ("ii", "u"), ("cl", "d"))

# "‚" (a low single quote) is a comma as OCR reads one ("31 ‚8.2019", text OCR of seed 256).
_NUMERIC = re.compile(r"(\d{1,2})\s*([.,:‚])\s*(\d{1,2})\s*([.,:‚])\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A numeric date whose dot before a four-digit year OCR lost: "03.032021".
_LOST_YEAR_DOT = re.compile(r"(\d{1,2})\.(0[1-9]|1[0-2])(20\d{2})")
# A day "1" read as a letter before a written-out month and a four-digit year, the only place a
# lone letter can be a digit here: "I. November 2019".
_LETTER_DAY = re.compile(r"^[Il|](?=\.?\s*[^\W\d_]{3,}\.?\s*\d{4}$)")
# The day's full stop may be read as a comma, hyphen or colon ("15: Juni 2019": a speck above the
# dot on a text OCR of seed 158); before a month's name a colon is no time of day. The space
# before the year may be read as a hyphen or a speck ("9. Juni'2019" on a text OCR of seed 203,
# "20. Juni;2021" on a heavy scan of seed 205), and a speck may stand before the month ("24.'März
# 2026", a heavy scan of seed 256).
_TEXTUAL = re.compile(
    r"(\d{1,2})\s*([.,:–-]?)\s*(['’‘`´]?)([^\W\d_]+)\.?\s*([–'’‘`´,;:-]?)\s*(\d{4}|\d{2})", re.UNICODE
)

# Dates outside these years are OCR damage, not the signing date of an AQB agreement.
MIN_YEAR = 2000
MAX_YEAR = 2099


@dataclass(frozen=True)
class DateReading:
    """A parsed date with its confidence and, when the confidence was lowered or the date is None,
    the reason in words (for the caller's warning)."""

    date: dt.date | None
    confidence: float
    note: str | None = None


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, accents and umlauts dropped, ß as ss: OCR loses them ("Marz", "Mérz") more often
    than not, so every fuzzy comparison in the field parsers is made on folded text. Cached: the
    parsers fold the same lines and names many times over."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


@functools.lru_cache(maxsize=65536)
def folded_words(text: str) -> str:
    """Folded words only (case, umlauts, punctuation ignored), for fuzzy comparison of names,
    roles and headings."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def month_number(word: str) -> tuple[int | None, float]:
    """The month a German month name means, and how sure that is.

    Exact names, abbreviations and the "ae" spelling are certain; a name one edit away from exactly
    one month (and clearly further from the rest) is accepted with lower confidence. "Juii" is one
    edit from both "Juni" and "Juli", so it gives None: the month would be a coin toss.
    """
    folded = fold(word).rstrip(".")
    if folded in _MONTHS:
        return _MONTHS[folded], 1.0
    for damaged, letter in _LETTER_CONFUSIONS:
        if damaged in folded and folded.replace(damaged, letter) in _FULL_MONTHS:
            return _FULL_MONTHS[folded.replace(damaged, letter)], 0.8
    if len(folded) < 4:
        return None, 0.0
    scored = sorted((Levenshtein.distance(folded, name), month) for name, month in _FULL_MONTHS.items())
    best_dist, best_month = scored[0]
    rivals = [d for d, m in scored if m != best_month]
    if best_dist == 1 and (not rivals or rivals[0] >= 3):
        return best_month, 0.75
    return None, 0.0


def _clean(text: str) -> str:
    """Drop what surrounds a date without being part of it: a leading "den", trailing punctuation,
    and specks standing apart after it ("24.9.19 “": a token with no letter or digit)."""
    words = text.split()
    while words and not any(c.isalnum() for c in words[-1]):
        words.pop()
    text = " ".join(words)
    text = re.sub(r"^(?:den|dem)\b\s*", "", text, flags=re.IGNORECASE)
    return text.strip(" \t,;:-–—_").rstrip(".").rstrip()


def _strip_glued_marks(text: str) -> tuple[str, bool]:
    """A speck glued to the last digit ("21.9.19°") is dropped; the caller says so, because the
    mark might have been a digit."""
    stripped = text.rstrip(_GLUED_MARKS)
    if stripped != text and stripped[-1:].isdigit():
        return stripped, True
    return text, False


def _fix_lookalikes(text: str) -> tuple[str, bool]:
    """Turn O/l/I/| into digits, but only inside tokens that are otherwise digits ("1O" -> "10"):
    a lone "O" or a word like "AS" stays as it is, so "AS O 2024" stays unreadable."""
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        token = match.group(0)
        if not any(c.isdigit() for c in token):
            return token
        fixed = token.translate(_DIGIT_LOOKALIKES)
        changed = changed or fixed != token
        return fixed

    out = re.sub(r"(?<![^\W\d_])[0-9Ool|I]+(?![^\W\d_])", fix, text)
    return out, changed


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(digits: str) -> tuple[int, bool]:
    """Two-digit years are 20xx: the AQB exists since 2014 and no agreement is from the 1900s."""
    value = int(digits)
    return (2000 + value, True) if len(digits) == 2 else (value, False)


def read_german_date(text: str, year_hint: int | None = None) -> DateReading:
    """Read ``text`` as one German date; see the module docstring for how strict and why.

    ``year_hint`` is the budget year: agreements are signed in it or next to it, so a date outside
    year-1 .. year+1 is kept but its confidence drops and the note says so.
    """
    cleaned = _clean(text)
    if not cleaned:
        return DateReading(None, 0.0, "no date written")
    reading = _read(cleaned, year_hint)
    if reading.date is not None and (dots := TRAILING_DOTS.search(text.rstrip())):
        # "7.3.24..." for a handwritten "27.3.24" (a heavy scan of seed 169): dots after a date are
        # a pen's trail or specks, and where they are, a digit may have been lost too
        note = f"{dots.group()!r} after the date ignored"
        return DateReading(
            reading.date, min(reading.confidence, 0.8), "; ".join(n for n in (note, reading.note) if n)
        )
    if reading.date is None and (reading.note or "").startswith("date unreadable"):
        relaxed, dropped = _without_noise(cleaned)
        relaxed = _clean(relaxed)  # what the noise stood behind: "6.4.26, Er" (seed 222)
        if dropped:
            again = _read(relaxed, year_hint)
            if again.date is not None and (
                _FOUR_DIGIT_YEAR.search(relaxed) or _short_year_stands(relaxed, again.date, year_hint)
            ):
                note = f"{' '.join(dropped)!r} around the date ignored"
                notes = "; ".join(n for n in (note, again.note) if n)
                return DateReading(again.date, min(again.confidence, 0.7), notes)
    return reading


TRAILING_DOTS = re.compile(r"(?<=\d)[\s—–-]*(?:\.{2,}|…)$")
"""Dots after a date ("7.3.24...", "10.19 —..", "2.2. 18…"): a pen's trail or specks, where a digit
may have been lost too; the date is kept, doubted."""
_ENDS_IN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\W*$")


def _without_noise(text: str) -> tuple[str, list[str]]:
    """``text`` without short tokens that hold no digit at its end ("AD", "Be"; at most two, and
    marks standing alone between them: "8.5.2026 ° * "On"), without quote marks glued to the
    numbers ("‚2026") and full stops after the last digit ("8.7.2026..."), and what was
    dropped."""
    words = text.split()
    trailing: list[str] = []
    short = 0
    while len(words) > 1 and (
        not any(c.isdigit() for c in words[-1])
        # a short token with digits after a complete date: "03.07.2019 5", "05.05.2019 55."
        or (len(words[-1]) <= 3 and _ENDS_IN_YEAR.search(words[-2]) is not None)
    ):
        if any(c.isalnum() for c in words[-1]):
            # after a four-digit year the date is complete: any word is noise ("04.09.2026
            # TEEN," on a heavy scan of seed 125), though no more than a short one's count
            if short == 2 or (len(words[-1]) > 3 and not _ENDS_IN_YEAR.search(words[-2])):
                break
            short += 1
        trailing.insert(0, words.pop())
    unquoted = [w.strip(_QUOTE_MARKS) if any(c.isdigit() for c in w) else w for w in words]
    quoted = [w for w, u in zip(words, unquoted, strict=True) if w != u]
    if unquoted and (dots := re.search(r"(?<=\d)\.+$", unquoted[-1])):
        unquoted[-1] = unquoted[-1][: dots.start()]
        quoted.append(dots.group())
    return " ".join(u for u in unquoted if u), quoted + trailing


def _short_year_stands(relaxed: str, date: dt.date, year_hint: int | None) -> bool:
    """Whether a two-digit year stands although noise after it was dropped. The noise may have
    been the rest of a four-digit year ("19.6.20 Be" for "19.6.2019"), but only "20" can begin
    one between MIN_YEAR and MAX_YEAR ("19" would begin a year of the 1900s, which no agreement
    has); any other two digits ("8.2.26 cc", "18.8.19 ED") are the year itself, when the date
    falls in the budget year or next to it."""
    m = re.search(r"(?<!\d)(\d{2})$", relaxed)
    return (
        m is not None
        and not MIN_YEAR // 100 <= int(m.group(1)) <= MAX_YEAR // 100
        and year_hint is not None
        and abs(date.year - year_hint) <= 1
    )


def _read(cleaned: str, year_hint: int | None) -> DateReading:
    unglued, speck = _strip_glued_marks(cleaned)
    candidate, lookalikes = _fix_lookalikes(unglued)
    if m := _LETTER_DAY.match(candidate):  # "I. November 2019": a day 1 read as a letter
        candidate, lookalikes = "1" + candidate[m.end() :], True
    confidence = 0.99
    notes: list[str] = []
    if speck:
        confidence = min(confidence, 0.8)
        notes.append(f"mark {cleaned[len(unglued) :]!r} after the date ignored")
    if lookalikes:
        confidence = min(confidence, 0.7)
        notes.append("letters read as digits")

    date: dt.date | None
    if m := _LOST_YEAR_DOT.fullmatch(candidate):
        # "03.032021" (a heavy scan of seed 214): two digits of month and four of a year this
        # century can be cut one way only
        candidate = f"{m[1]}.{m[2]}.{m[3]}"
        confidence = min(confidence, 0.85)
        notes.append("the dot before the year lost")
    if m := _NUMERIC.fullmatch(candidate):
        day, sep1, month, sep2, year_digits = m.groups()
        year, short = _full_year(year_digits)
        if short:
            confidence = min(confidence, 0.95)
        if {",", "‚"} & {sep1, sep2}:
            confidence = min(confidence, 0.85)
            notes.append("comma instead of a dot")
        if ":" in (sep1, sep2):
            # a dot read as a colon ("02:07.2021", a heavy scan of seed 141): once, and before a
            # four-digit year only, so that nothing like a time ("14:30") is taken for a date
            if sep1 == sep2 or short:
                return DateReading(None, 0.0, f"date unreadable: {cleaned!r}")
            confidence = min(confidence, 0.85)
            notes.append("colon instead of a dot")
        date = _make(year, int(month), int(day)) if MIN_YEAR <= year <= MAX_YEAR else None
        if date is None:
            return DateReading(None, 0.0, f"not a valid date: {cleaned!r}")
    elif m := _ISO.fullmatch(candidate):
        date = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date is None or not MIN_YEAR <= date.year <= MAX_YEAR:
            return DateReading(None, 0.0, f"not a valid date: {cleaned!r}")
    elif m := _TEXTUAL.fullmatch(candidate):
        day, after_day, before_month, word, before_year, year_digits = m.groups()
        if before_month:
            confidence = min(confidence, 0.85)
            notes.append(f"{before_month!r} before the month taken as a speck")
        if before_year and before_year not in "-–":
            confidence = min(confidence, 0.85)
            notes.append(f"{before_year!r} before the year taken as a speck")
        elif after_day in (",", "-", "–") or before_year:
            confidence = min(confidence, 0.85)
            notes.append("a comma or hyphen where a dot or space was")
        elif after_day == ":":
            confidence = min(confidence, 0.85)
            notes.append("colon instead of a dot")
        month_no, month_conf = month_number(word)
        if month_no is None:
            return DateReading(None, 0.0, f"month unreadable: {word!r}")
        if month_conf < 1.0:
            confidence = min(confidence, month_conf)
            notes.append(f"month {word!r} read fuzzily")
        year, short = _full_year(year_digits)
        if short:
            confidence = min(confidence, 0.95)
        date = _make(year, month_no, int(day)) if MIN_YEAR <= year <= MAX_YEAR else None
        if date is None:
            return DateReading(None, 0.0, f"not a valid date: {cleaned!r}")
    else:
        return DateReading(None, 0.0, f"date unreadable: {cleaned!r}")

    if year_hint is not None and not year_hint - 1 <= date.year <= year_hint + 1:
        confidence = min(confidence, 0.4)
        notes.append(f"{date.isoformat()} is far from the budget year {year_hint}")
    return DateReading(date, confidence, "; ".join(notes) or None)


def parse_german_date(text: str, year_hint: int | None) -> tuple[dt.date | None, float]:
    """``(date, confidence)`` for ``text``; ``(None, 0.0)`` when it is not certainly one date.

    The short form of :func:`read_german_date` for callers that need no reason.
    """
    reading = read_german_date(text, year_hint)
    return reading.date, reading.confidence
