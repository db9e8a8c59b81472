"""The signatories: who signed for the ministry and for the partner, where, when, in which role.

The signature block comes in two layouts. Stacked (seed 000): both "Place, den date" lines, then
name / role / institution for the ministry, then for the partner. Side by side (seed 001): each line
holds both columns, "Wiesbaden, den 7. 7 207 -4 GroR-Gerau, den AS O 2024", "Heike Hofmann Adil
Oyan", "Staatsministerin Erster Kreisbeigeordneter". OCR flattens the two columns into one line with
a single space between them, so the columns are cut using what we know: the places (Wiesbaden, the
partner's seat), the roles (longest match wins, so "Erster Kreisbeigeordneter" is not read as
"Kreisbeigeordneter") and the ministers of the year.

Dates are often handwritten and come out as noise; they are None with a warning rather than a
guess (see :mod:`.dates`). Everything else that had to be guessed also lowers the confidence and
says why.

Heavy scans put signature scribbles and stamps over the block: names share their line with noise
("GE ls] Kai Klose RS A Matthias Bräutigam"), "den" or a whole place is lost. The minister of the
year is then found fuzzily anywhere on the line, the partner's name is the run of two to four name
words after it; a place that is unreadable or missing is assumed (Wiesbaden, the partner's seat).
All but a minister's name read (nearly) exactly are warned about, so such a value never looks
certain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from ..knowledge import Knowledge, Minister, PartnerInfo, Role
from ..models import Extracted, FieldWarning, Part, Signatory, SplitDocument
from ..repair import COLUMN_GAP, token_pairs, vanishes_as_speck
from ..sections import PLACE_COMMA_READINGS, PLACE_COMMA_SPECKS
from .dates import fold, folded_words, read_german_date
from .projects import paired_lines, title_damage

FIELD = "signatories"
NOISY_NAME = "name read from a line with OCR noise"
"""How a name read amid a stamp's or a scribble's noise is warned; the second look reads such a
name again (:mod:`aqb_extract.second_look`)."""
MINISTRY_PLACE = "Wiesbaden"

PLACE_MIN = 80.0  # fuzzy score (0..100) for a place to count as a known place
ROLE_MIN = 85.0  # fuzzy score for a role
ROLE_SURE = 92.0  # below: the role is taken but the reading is warned about
ROLE_WORD_BONUS = 1.0
"""Added to a role's score for each word past its first: "Erster Kreisbeigeordneit" (a heavy scan
of seed 244) reads "Kreisbeigeordnete" at 94.1 from its second word alone and "Erster
Kreisbeigeordneter" at 93.9 from both; the role that accounts for "Erster" is the reading."""
ROLE_RIVAL = 1.0
"""A different role the same words read within this makes the role doubtful:
"Erste Kreisbeigeordnete" reads "Erster Kreisbeigeordneit" at 93.6, and only a name could tell."""
NAME_MIN = 85.0  # fuzzy score for a minister's name

# Words of institution lines ("Hessisches Ministerium", "für Soziales und Integration", "der
# documenta Stadt Kassel"): a line with one of them is not a person's name.
_INSTITUTION_WORDS = frozenset(
    [
        "ministerium",
        "hessisches",
        "hessische",
        "hessischen",
        "landkreis",
        "landkreises",
        "kreis",
        "kreises",
        "stadt",
        "städte",
        "stadte",
        "landeshauptstadt",
        "wissenschaftsstadt",
        "documenta",
        "magistrat",
        "kreisausschuss",
        "soziales",
        "integration",
        "arbeit",
        "jugend",
        "gesundheit",
        "familie",
        "für",
        "fur",
        "und",
        "der",
        "des",
        "die",
        "den",
        "dem",
        "im",
        "in",
        "am",
        "an",
        "gez",
        "gezeichnet",
    ]
)
_NAME_PARTICLES = frozenset({"von", "van", "vom", "zu", "de", "di", "da", "la", "le", "del", "der"})
_NAME_TOKEN = re.compile(r"^(?:Dr\.|Prof\.|[A-ZÄÖÜ][\w'’.-]*[^\W\d_]\.?|[A-ZÄÖÜ]\.)$")
_TOKEN = re.compile(r"\S+")
_CAPITAL_VOWEL = re.compile("[AEIOUYÄÖÜ]")
_QUOTES = "\"'“”„‚‘’«»`´"
# "den" glued to the date: "den.24.9.19", "den'24.10.2026" (a heavy scan of seed 142).
_GLUED_DEN = re.compile(r"^(den[.,'’‘`´]?)(\d.*)$", re.IGNORECASE)
_PLACE_COMMA = f"[,{re.escape(PLACE_COMMA_SPECKS)}]"
_DEN_GLUED_TO_PLACE = re.compile(rf"^([^\W\d_]{{3,}}{_PLACE_COMMA}){_PLACE_COMMA}?(den)$")
"""A place and its "den" that OCR glued through a speck after the comma ("Wiesbaden,.den" on a
heavy scan of seed 203): two tokens, so "den" anchors the date as it does when apart."""
_DOT_AFTER_NAME = re.compile(r"\s[A-ZÄÖÜ][a-zäöüßéèáàçñ-]{2,}([.,;:]*\.[.,;:]*)$")
"""A full stop after a name's last word ("Martina Grünewald.", "Oliver Lämmerhirt,." on a heavy
scan of seed 130), with any marks beside it: OCR's specks, as names end in a word; a dot after an
initial ("Martina G.") or a title ("Dr.") is the name's own."""
_CAPITAL_UMLAUT = re.compile(r"(?<=\b[A-ZÄÖÜ])([ÄÖÜ])(?=[a-zäöüß]+\b)")
"""A capital umlaut after a word's capital and before small letters ("Ralf SÜß" on a TIFF of seed
134): Tesseract's reading of a small umlaut; no name is written so."""
_ESZETT_R = re.compile(r"(?<=[^\W\d_])(?:ßR(?=[a-zäöü])|Rß)")
"""A capital "R" after "ß" inside a word ("Mustafa EßRer", "Anja EßRer": tiff and heavy scans of
seeds 118-132) or before it ("Birgit SÜRß", a heavy scan of seed 202): no German name has a
capital there; it is the "ß" read twice."""
_ESZETT_AS_R = re.compile(r"(?<=\b[AEIOUÄÖÜ])R(?=[a-zäöü]{2,}\b)")
"""A capital "R" after a name's first letter, a vowel, and before small letters ("Dörte ERer",
"Birgit ERer": an upside-down scan of seed 142, heavy scans before it): no name is written so;
it is "ß" as OCR reads it ("GroR-Gerau"), and "ß" follows a vowel. After a consonant ("FRank")
an "r" read large is likelier, and that is left as read."""
_LETTER_MENDS: tuple[tuple[Callable[[str], str], str], ...] = (
    (lambda n: _ESZETT_R.sub("ß", n), "'ßR' or 'Rß' inside the name read as 'ß'"),
    (
        lambda n: _CAPITAL_UMLAUT.sub(lambda m: m.group(1).lower(), n),
        "capital umlaut inside the name read small",
    ),
    (lambda n: _ESZETT_AS_R.sub("ß", n), "'R' after the name's first letter read as 'ß'"),
)
"""Letters OCR misread inside a name, mended in this order, each with a warning that names it."""
# One or two letters after a name's full stop ("Hans-Jürgen Krüger. Se"), or after a name of two
# words or more ("Tobias Öztürk Ne", "Özcan Böhm Be": three heavy scans of seeds 112-123): a
# scribble read as letters; after a double surname too ("Gülsen Kühn-Weißbrod Sr", heavy scan of
# seed 203). A two-word name ending in a short word ("Anna Li") is left alone; a longer one ("Anna
# Maria Li") would lose it, with the warning that says so.
_SPECK_AFTER_NAME = re.compile(
    r"(?:[a-zäöüß]{2}\.|^\S+(?:\s+\S+)*\s+[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]{2,})*)(\s+[^\W\d_]{1,2})$"
)
# The same before a name of two words or more ("Ka Susanne Kößler" on a heavy scan of seed 117,
# "Be Björn Kößler" on txt-ocr of seed 124, "Su, Bernd Nöll" on txt-ocr of seed 137, "Ne
# Andreas von Bülow" on a heavy scan of seed 143): a scribble's tail at the line's start. A
# two-word name starting with a short word ("Jo Müller", "Jo von Müller") is left alone. Marks
# count too, alone or before such letters (". Hans-Jürgen Bühler" on a TIFF of seed 176, ". Sy Lars
# Groß" on text OCR of seed 173): no name starts with one.
_SPECK_BEFORE_NAME = re.compile(
    r"^((?:[.,;:·•*°'’‘`´]+\s+)?(?:[A-ZÄÖÜ][a-zäöüß]?[,;:]?\s+)?)(?<=\s)(?=[A-ZÄÖÜ][a-zäöüß]{2,}(?:-\S+)?"
    rf"(?:\s+(?:{'|'.join(sorted(_NAME_PARTICLES))}))*\s+[A-ZÄÖÜ]\S{{2,}}$)"
)
# A word of a person's name on a line with OCR noise: a capital and at least two small letters
# (double names with a hyphen), or a title. Noise tokens ("GE", "ls]", "Be", "\\", "%") fail.
_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜ][a-zäöüßéèáàçñ]{2,}(?:-[A-ZÄÖÜ][a-zäöüßéèáàçñ]{2,})*|Dr\.|Prof\.)$")
# Marks OCR makes of strokes and specks at a word's edges (a signature's loop read as "®").
_NOISE_EDGES = _QUOTES + ",;:!?*%#=_~^°()[]{}<>|\\/®©™@&+$§"
# The § 7 text just before the signature block ends with this word.
_BODY_END = "veroffentlicht"
# "den" as OCR and typists write it after "Place,": "d.", and misreadings of "den".
_DEN_LOOKALIKES = frozenset({"d.", "dcn", "deu", "dem", "clen", "dën"})


@dataclass(frozen=True)
class _Token:
    text: str
    raw: str
    start: int  # offset in the text line
    end: int
    raw_start: int  # offset in the raw line
    raw_end: int

    @property
    def bare(self) -> str:
        return self.text.strip(",;:." + _QUOTES)


@dataclass
class _Line:
    text: str
    raw: str
    tokens: list[_Token]
    shards: bool = False
    """Did repair take shards of a stamp or signature out of the line (more than the specks it
    takes out of any text)? Then the line was noisy, however clean it reads now."""

    def raw_between(self, start: int, end: int) -> str:
        """The raw text of tokens ``start`` .. ``end - 1``, with the spacing as written."""
        if start >= end:
            return ""
        return self.raw[self.tokens[start].raw_start : self.tokens[end - 1].raw_end]

    def text_between(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def gaps(self) -> list[int]:
        """Token indices after which the line has a wide gap (a column border in the text layer)."""
        return [
            i
            for i in range(len(self.tokens) - 1)
            if self.tokens[i + 1].start - self.tokens[i].end >= COLUMN_GAP
        ]


@dataclass
class _Side:
    """What is known so far about one signatory."""

    place: str | None = None
    place_raw: str | None = None
    date_text: str | None = None
    date_raw: str | None = None
    name: str | None = None
    name_raw: str | None = None
    name_noisy: bool = False  # the name was cut out of a line with OCR noise
    role: str | None = None
    role_raw: str | None = None
    place_unreadable: bool = False


@dataclass
class _State:
    confidence: float = 0.95
    cap: float = 1.0
    warnings: list[FieldWarning] = field(default_factory=list)

    def warn(self, key: str, message: str, factor: float = 1.0, cap: float = 1.0) -> None:
        self.warnings.append(FieldWarning(field=key, message=message))
        self.confidence *= factor
        self.cap = min(self.cap, cap)


def _line(text: str, raw: str) -> _Line:
    """A line with its tokens' offsets in the repaired and the raw line. Repair keeps tokens one
    to one (:func:`token_pairs`; a speck it repaired away is no token here). If a line ever broke
    that, the repaired line stands in for the raw one rather than misattribute."""
    pairs = token_pairs(raw, text)
    if pairs is None:
        raw = text
        pairs = [(m.span(), m.span()) for m in _TOKEN.finditer(text)]
    out: list[_Token] = []
    shards = False
    for (r_start, r_end), (t_start, t_end) in pairs:
        if t_start == t_end:
            shards = shards or not vanishes_as_speck(raw[r_start:r_end])
            continue
        word, word_raw = text[t_start:t_end], raw[r_start:r_end]
        for glued_pattern in (_GLUED_DEN, _DEN_GLUED_TO_PLACE):
            glued, glued_raw = glued_pattern.match(word), glued_pattern.match(word_raw)
            if glued and glued_raw:
                # "den.24.9.19" is "den" and a date, "Wiesbaden,.den" a place and its "den": two
                # tokens each, so each is read on its own; a speck between them goes like a space
                first, second = (t_start, t_start + glued.end(1)), (t_start + glued.start(2), t_end)
                raw_first = (r_start, r_start + glued_raw.end(1))
                raw_second = (r_start + glued_raw.start(2), r_end)
                out.append(_Token(glued.group(1), glued_raw.group(1), *first, *raw_first))
                out.append(_Token(glued.group(2), glued_raw.group(2), *second, *raw_second))
                break
        else:
            out.append(_Token(word, word_raw, t_start, t_end, r_start, r_end))
    return _Line(text, raw, out, shards)


def _score(a: str, b: str) -> float:
    return float(fuzz.ratio(folded_words(a), folded_words(b)))


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class _Place:
    written: str  # a form the place may be written in
    canonical: str
    side: str


def _known_places(knowledge: Knowledge, partner: PartnerInfo | None) -> list[_Place]:
    """Places a signature line may name. The partner's seat, its name and the seat's short form
    ("Bad Homburg" for "Bad Homburg v. d. Höhe"); without a known partner, every partner's."""
    places = [_Place(MINISTRY_PLACE, MINISTRY_PLACE, "ministry")]
    for p in (partner,) if partner is not None else knowledge.partners:
        for written in {p.seat, p.name, re.split(r" (?:v\.|a\.|am|\()", p.seat)[0]}:
            places.append(_Place(written, p.seat, "partner"))
    return places


def _match_place(text: str, places: list[_Place]) -> tuple[_Place | None, float]:
    text = text.strip(" ,;:")
    if not text:
        return None, 0.0
    best = max(places, key=lambda p: (_score(text, p.written), p.side == "ministry"))
    return best, _score(text, best.written)


def _is_place_like(text: str) -> bool:
    """Whether an unrecognised place looks like a written place ("Irgendwo", "Bad Orb") rather than
    noise ("SE EIN", "En 1"): a capitalised word of at least three small letters in it."""
    return any(re.match(r"^[A-ZÄÖÜ][a-zäöüß]{2,}", w) for w in text.split())


# --------------------------------------------------------------------------- place / date lines


@dataclass(frozen=True)
class _PlaceDate:
    place_text: str
    place_raw: str
    place: _Place | None
    place_score: float
    date_text: str
    date_raw: str


def _ends_place(line: _Line, i: int, places: list[_Place], plain_den: bool) -> bool:
    """Whether the tokens before index ``i`` end a place: "Kassel," (a comma after a word), or, for
    a plain "den" without the comma, a known place ("Wiesbaden den"), its comma perhaps read as a
    full stop ("Bad Homburg v. d. Höhe. den", a TIFF of seed 210: six tokens). "für den Landkreis"
    is not."""
    prev = line.tokens[i - 1].text
    if prev.endswith(",") and any(c.isalpha() for c in prev):
        return True
    if not plain_den:
        return False
    return any(
        _match_place(line.text_between(s, i).rstrip(PLACE_COMMA_READINGS), places)[1] >= 90
        for s in range(max(0, i - 6), i)
    )


def _den_word(tok: _Token) -> str:
    """The token folded for comparing with "den": a speck glued before it ("'den") or after it
    ("den'", "den-", cut from its date; "den)," before a scribbled date, text OCR of seed 224) is
    OCR's."""
    return fold(tok.text).lstrip(_NOISE_EDGES).rstrip(",'’‘`´-);:")


def _is_den(tok: _Token) -> bool:
    word = _den_word(tok)
    return word.rstrip(".") == "den" or word in _DEN_LOOKALIKES


def _place_before(line: _Line, i: int, places: list[_Place]) -> tuple[int, float]:
    """The start and score of the best known place among the tokens ending at index ``i``."""
    best = (i, 0.0)
    for start in range(max(0, i - 4), i + 1):
        _, score = _match_place(line.text_between(start, i + 1), places)
        if score > best[1]:
            best = (start, score)
    return best


def _anchors(line: _Line, places: list[_Place]) -> list[tuple[int, int]]:
    """(end of place, start of date) token indices for each "Place, den date" on the line.

    "den" is the anchor; without it ("Wiesbaden, 8.8.2023") a known place ending in a comma and
    followed by a digit is. Scans garble the rest: "den" read as "ee" or "En" (a known place with a
    comma, at the start of the line or of the second column, then a short word and a digit later
    on), or the second place lost ("… SE EIN den 17. August 2021": a "den" before a digit, in the
    second column).
    """
    out: list[tuple[int, int]] = []
    toks = line.tokens
    for i, tok in enumerate(toks):
        word = _den_word(tok)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if i > 0 and _is_den(tok):
            if _ends_place(line, i, places, word == "den"):
                out.append((i, i + 1))
                continue
            if word.rstrip(".") == "den" and out and nxt is not None and nxt.text[:1].isdigit():
                out.append((i, i + 1))  # the second place is unreadable
                continue
        if not tok.text.endswith(",") or nxt is None or _is_den(nxt):
            continue
        start, score = _place_before(line, i, places)
        if score < 90:
            continue
        if nxt.text[:1].isdigit():
            out.append((i + 1, i + 1))
        elif (
            (start == 0 or (out and out[-1][1] <= start))
            and len(nxt.text) <= 3
            and nxt.text.isalpha()
            and any(c.isdigit() for c in line.text_between(i + 2, len(toks)))
        ):
            out.append((i + 1, i + 2))  # "Kassel, ee 30. 8.": "ee" is what is left of "den"
    return out


def _parse_place_dates(line: _Line, places: list[_Place]) -> list[_PlaceDate]:
    """All place/date pairs of a line: one in the stacked layout, two side by side.

    Between the first date and the second "den" lie the rest of the first date and the second
    place; the cut is where a suffix of those tokens best matches a known place (or, failing that,
    where the capitalised words before "den" begin).
    """
    anchors = _anchors(line, places)
    if not anchors:
        return []
    bounds: list[int] = [0]  # start token of each place
    for k in range(1, len(anchors)):
        lo = anchors[k - 1][1]
        hi = anchors[k][0]
        bounds.append(_place_start(line, lo, hi, places))
    pairs = []
    for k, (place_end, date_start) in enumerate(anchors):
        date_end = bounds[k + 1] if k + 1 < len(anchors) else len(line.tokens)
        place_text = line.text_between(bounds[k], place_end).strip(" ,")
        place, score = _match_place(place_text, places)
        if k == 0 and score < PLACE_MIN and (gaps := [g + 1 for g in line.gaps() if g + 1 < place_end]):
            # "en den. DRBA    Kassel, den …" (heavy scans of seeds 240, 243): the first column's
            # place and date lost to a stamp; the known place after the column gap is the second
            # column's, not the end of a place that runs across the gap
            tail_text = line.text_between(gaps[-1], place_end).strip(" ,")
            tail_place, tail_score = _match_place(tail_text, places)
            if tail_score >= PLACE_MIN:
                bounds[0], place_text, place, score = gaps[-1], tail_text, tail_place, tail_score
        pairs.append(
            _PlaceDate(
                place_text=place_text,
                place_raw=line.raw_between(bounds[k], place_end).strip(" ,"),
                place=place if score >= PLACE_MIN else None,
                place_score=score,
                date_text=line.text_between(date_start, date_end),
                date_raw=_date_raw(line, date_start, date_end),
            )
        )
    return pairs


def _date_raw(line: _Line, start: int, end: int) -> str:
    """The date as written: the raw text between the anchor ("den", or the place's comma) and the
    next place or the line's end, without the specks repair takes out of any text at its ends.
    Repair takes a signature's shards out of the signature block too ("AS O 2024" of seed 001,
    "28.3.2 EN"), but ink read as shards may be the date's own, and the record shows what was
    written."""
    lo = line.tokens[start - 1].raw_end if start > 0 else 0
    hi = line.tokens[end].raw_start if end < len(line.tokens) else len(line.raw)
    words = [m for m in _TOKEN.finditer(line.raw, lo, hi) if not vanishes_as_speck(m.group())]
    return line.raw[words[0].start() : words[-1].end()] if words else ""


def _place_start(line: _Line, lo: int, hi: int, places: list[_Place]) -> int:
    gaps = [g + 1 for g in line.gaps() if lo <= g < hi]
    if gaps:
        return gaps[-1]
    best_start, best_score = hi, 0.0
    for start in range(max(lo, hi - 5), hi):
        _, score = _match_place(line.text_between(start, hi), places)
        if score > best_score:
            best_start, best_score = start, score
    if best_score >= PLACE_MIN:
        return best_start
    start = hi
    while (
        start > lo
        and line.tokens[start - 1].text[:1].isupper()
        and not any(c.isdigit() for c in line.tokens[start - 1].text)
    ):
        start -= 1
    return start if start < hi else hi - 1


# --------------------------------------------------------------------------- roles and names


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: str
    score: float
    side: str
    glued: str | None = None  # the token, when the role was read from its part before a hyphen
    rival: str | None = None  # another role the same words read nearly as well as (ROLE_RIVAL)

    @property
    def rank(self) -> float:
        """The score, and ROLE_WORD_BONUS for each word of the role past its first."""
        return self.score + ROLE_WORD_BONUS * (self.end - self.start - 1)


def _find_roles(line: _Line, roles: tuple[Role, ...]) -> list[_Found]:
    """Roles on a line, left to right, not overlapping. Windows of one to three tokens are scored
    against every role; the best (and on a tie, the longest role) wins first, so "Erster
    Kreisbeigeordneter" takes both words before "Kreisbeigeordneter" can take one."""
    cands: list[_Found] = []
    toks = line.tokens
    for i in range(len(toks)):
        for n in (1, 2, 3):
            if i + n > len(toks):
                break
            window = " ".join(t.bare for t in toks[i : i + n])
            for role in roles:
                score = _score(window, role.name)
                if score >= ROLE_MIN:
                    cands.append(_Found(i, i + n, role.name, score, role.side))
        # "Oberbürgermeister-Hessisches" (heavy scans of seeds 182 and before): OCR glued the role
        # to the word under it in the next line; no role holds a hyphen, so its first part is read
        head, hyphen, rest = toks[i].bare.partition("-")
        if hyphen and rest[:1].isupper():
            for role in roles:
                if (score := _score(head, role.name)) >= ROLE_SURE:
                    cands.append(_Found(i, i + 1, role.name, score, role.side, toks[i].bare))
    cands.sort(key=lambda f: (f.rank, len(f.value), -(f.end - f.start)), reverse=True)
    taken: list[_Found] = []
    for cand in cands:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            rival = next(
                (
                    c
                    for c in cands
                    if c.value != cand.value
                    and (c.start, c.end) == (cand.start, cand.end)
                    and c.rank >= cand.rank - ROLE_RIVAL
                ),
                None,
            )
            taken.append(replace(cand, rival=rival.value) if rival is not None else cand)
    return sorted(taken, key=lambda f: f.start)


def _damaged_surname_of(name: str, minister: str) -> bool:
    """Is ``name`` ``minister``'s name with the surname damaged: the same first name(s) and a
    surname that starts as the minister's does ("Heike Holen" for "Heike Hofmann")? Such a name
    on the ministry's side is no partner's name that went astray."""
    *first, last = name.split() or [""]
    *m_first, m_last = minister.split()
    return bool(first) and first == m_first and last[:1] == m_last[:1] and last != m_last


def _match_minister(text: str, ministers: tuple[Minister, ...]) -> tuple[Minister | None, float]:
    if not ministers or not text.strip():
        return None, 0.0
    best = max(ministers, key=lambda m: _score(text, m.name))
    return best, _score(text, best.name)


def _match_minister_glued(text: str, ministers: tuple[Minister, ...]) -> tuple[Minister | None, float]:
    """Like :func:`_match_minister`, but blind to spaces: OCR glues "KaiKlose" and splits
    "Hof mann"."""
    if not ministers or not text.strip():
        return None, 0.0
    squeezed = folded_words(text).replace(" ", "")
    scored = [(float(fuzz.ratio(squeezed, folded_words(m.name).replace(" ", ""))), m) for m in ministers]
    score, best = max(scored, key=lambda sm: sm[0])
    return best, score


def _in_capitals(name: str | None) -> bool:
    """Is ``name`` written in capitals only (no small letter)?"""
    return name is not None and not any(c.islower() for c in name)


def _is_name(tokens: list[_Token]) -> bool:
    """Two to twelve capitalised words (particles like "von" allowed, "gez." skipped), no
    institution words, no digits: a person's name, not "Hessisches Ministerium"."""
    toks = [t.bare for t in tokens if t.bare and fold(t.bare) not in ("gez", "gezeichnet")]
    if not 2 <= len(toks) <= 12:
        return False
    if any(fold(t) in _INSTITUTION_WORDS for t in toks if t not in ("der",)):
        return False
    if any(any(c.isdigit() for c in t) for t in toks):
        return False
    if all(t.isupper() for t in toks):
        if any(len(t) == 2 and t.isalpha() for t in toks):
            return False  # "KO    INNEN" (a signature on a TIFF of seed 176): no name word is so short
    elif any(t.isupper() and len(t) >= 2 for t in toks):
        # "Marlies Bräutigam ER": a speck read as capitals, for the noisy reader; "Fe ERRENN" (a
        # stamp on a heavy scan of seed 177): a name is either in capitals or not
        return False
    if any(t.isupper() and len(t) >= 2 and not _CAPITAL_VOWEL.search(t) for t in toks):
        return False  # "IT TT": a scribble read as capitals; a name in capitals has its vowels
    capitalised = [t for t in toks if t not in _NAME_PARTICLES]
    return (
        bool(capitalised)
        and toks[0] not in _NAME_PARTICLES
        and all(_NAME_TOKEN.match(t) for t in capitalised)
        # "As As." (a signature on a TIFF of seed 164): a name has a word of three letters or more
        and any(sum(c.isalpha() for c in t) >= 3 for t in capitalised if t not in ("Dr.", "Prof."))
    )


def _is_name_line(line: _Line) -> bool:
    """A line of names only, as read: a line repair took shards out of goes to the reader of
    noisy lines, which warns ("Stefan nn    Gönül Groß" on a TIFF of seed 243 is no three-word
    name once "nn" is gone)."""
    return not line.shards and _is_name(line.tokens)


def _name_tokens_start(line: _Line) -> int:
    return 1 if line.tokens and fold(line.tokens[0].bare) in ("gez", "gezeichnet") else 0


def _minister_cut(
    line: _Line,
    s: int,
    cuts: range,
    ministers: tuple[Minister, ...],
    match: Callable[[str, tuple[Minister, ...]], tuple[Minister | None, float]],
) -> tuple[float, int]:
    """(score, end) of the best minister's name that starts the line at token ``s`` and ends at
    one of ``cuts``; (0.0, 0) when there is none."""
    best: tuple[float, int] = (0.0, 0)
    for cut in cuts:
        _, score = match(line.text_between(s, cut), ministers)
        if score > best[0]:
            best = (score, cut)
    return best


def _split_names(
    line: _Line, ministers: tuple[Minister, ...], state: _State
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, bool]:
    """Cut a two-column name line: (ministry span, partner span, guessed).

    A wide gap decides; otherwise the minister's name at the start does; otherwise four words are
    read as two names of two words each, which is a guess and says so.
    """
    n = len(line.tokens)
    s = _name_tokens_start(line)
    gaps = line.gaps()
    if gaps:
        g = gaps[0] + 1
        if len(gaps) == 2:
            # Three columns, one of the two right ones a single word between the names ("Stefan
            # Grüner    Nas.    Frank-Peter Köhler", a heavy scan of seed 243) or after them
            # ("Heike Hofmann    Ute Grünewald    Sur", seed 240): a scribble's shard, no part
            # of the partner's name. The caller says what it left out.
            h = gaps[1] + 1
            if h - g == 1 and _is_name(line.tokens[h:n]):
                return (s, g), (h, n), False
            if n - h == 1 and _is_name(line.tokens[g:h]):
                return (s, g), (g, h), False
        return (s, g), (g, n), False
    score, cut = _minister_cut(line, s, range(s + 2, min(s + 5, n)), ministers, _match_minister)
    if score >= NAME_MIN:
        return (s, cut), (cut, n), False
    if n - s == 4:
        return (s, s + 2), (s + 2, n), True
    return None, None, True


@dataclass(frozen=True)
class _NoisyNames:
    """Names found on a line with OCR noise (signature scribbles, stamps): the minister, if one
    is there, and the runs of name words after it, each as (first token, end token, text)."""

    minister: Minister | None
    minister_score: float
    minister_span: tuple[int, int]
    runs: list[tuple[int, int, str]]


def _name_words(line: _Line) -> list[tuple[int, str]]:
    """(token index, word) with the noise around each token cut off; a token OCR glued
    ("Kätrin.Wagner", "JensKrüger": the space lost) gives two words."""
    out: list[tuple[int, str]] = []
    for k, tok in enumerate(line.tokens):
        text = tok.text if tok.text in ("Dr.", "Prof.") else tok.text.strip(_NOISE_EDGES + ".")
        for word in _GLUED_NAMES.split(text):
            if word:
                out.append((k, word))
    return out


# Where OCR glued two name words: a full stop or an apostrophe between them ("Marlies’Ströbel" on
# a heavy scan of seed 186), or nothing between a word of two small letters or more and a
# capitalised one ("JensKrüger"; "Dr.Anna" too, "McAllister" not).
_GLUED_NAMES = re.compile(r"(?<=[a-zäöüß])[.’'‘`´](?=[A-ZÄÖÜ])|(?<=[a-zäöüß]{2})(?=[A-ZÄÖÜ][a-zäöüß]{2})")


_OPENING_QUOTES = ("„", "‚", "“", '"', "»", "«")
_CLOSING_QUOTES = ("“", "”", "‘", '"', "«", "»")
"""A run of name words inside quotation marks is a title ("„Arbeitswelt Hessen“", a web portal
the last sentence of § 7 names, on a line of its own when OCR broke it), never a person."""


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and fold(word) not in _INSTITUTION_WORDS


_SIZE_ONLY_CAPITALS = frozenset("cosuvwxzäöü")
"""Letters whose capital differs from the small one only in size: OCR reads "Süß" as "süß"."""


def _small_surname(line: _Line, first: int, word: tuple[int, str], gaps: set[int]) -> bool:
    """Whether ``word``, right after the lone first name at token ``first`` and last in its
    column, is the surname with its capital read small ("Hannelore süß" on a TIFF of seed 182):
    three letters or more, all small, the first one that only size tells apart. A small word
    inside a column ("Kai Klose und") is no such surname: only a lone first name takes one."""
    k, text = word
    return (
        k == first + 1
        and first not in gaps
        and (k in gaps or k == len(line.tokens) - 1)
        and len(text) >= 3
        and text[0] in _SIZE_ONLY_CAPITALS
        and text.isalpha()
        and text.islower()
        and text not in _NAME_PARTICLES
    )


def _find_noisy_names(line: _Line, ministers: tuple[Minister, ...], places: list[_Place]) -> _NoisyNames:
    """The minister's name anywhere on the line (fuzzily), and the runs of two to four name words
    (particles like "von" inside) after it, each within one column. A run that is a known place is
    no name."""
    words = _name_words(line)
    minister: Minister | None = None
    m_score, m_span = 0.0, (0, 0)
    for a in range(len(words)):
        for n in (1, 2, 3):
            if a + n > len(words):
                break
            cand, score = _match_minister_glued(" ".join(w for _, w in words[a : a + n]), ministers)
            if cand is not None and score >= NAME_MIN and score > m_score:
                minister, m_score, m_span = cand, score, (a, a + n)
    runs: list[tuple[int, int, str]] = []
    gaps = set(line.gaps())
    a = m_span[1] if minister is not None else 0
    while a < len(words):
        if not _is_name_word(words[a][1]):
            a += 1
            continue
        b = a
        while b < len(words) and (_is_name_word(words[b][1]) or (words[b][1] in _NAME_PARTICLES and b > a)):
            if b > a and words[b - 1][0] != words[b][0] and words[b - 1][0] in gaps:
                break  # a name stands in one column ("Kai Klose    Nee    Dörte Bühler")
            if b > a and words[b][0] - words[b - 1][0] > 1:
                break  # nor runs on across a speck ("Hannelore Fuß \\& Een")
            b += 1
        while b > a and words[b - 1][1] in _NAME_PARTICLES:
            b -= 1
        found = [w for _, w in words[a:b]]
        if b == a + 1 and b < len(words) and _small_surname(line, words[a][0], words[b], gaps):
            found.append(words[b][1][0].upper() + words[b][1][1:])  # "Hannelore süß"
            b += 1
        names = [w for w in found if w not in _NAME_PARTICLES]
        text = " ".join(found)
        quoted = line.tokens[words[a][0]].text.startswith(_OPENING_QUOTES) and line.tokens[
            words[b - 1][0]
        ].text.endswith(_CLOSING_QUOTES)
        if 2 <= len(names) <= 4 and not quoted and _match_place(text, places)[1] < 85:
            runs.append((words[a][0], words[b - 1][0] + 1, text))
        a = max(b, a + 1)
    tokens = (words[m_span[0]][0], words[m_span[1] - 1][0] + 1) if minister is not None else (0, 0)
    return _NoisyNames(minister, m_score, tokens, runs)


# --------------------------------------------------------------------------- the block


def _block(
    doc: SplitDocument, places: list[_Place], roles: tuple[Role, ...], ministers: tuple[Minister, ...]
) -> Part | None:
    """The signature block: the tail, or (when the splitter left it inside § 7) § 7 from its first
    "Place, den" line on ("Wiesbaden, En 1901…" counts: a known place and a comma). When stamps
    left no such line, the block starts at the first line with a role or the minister's name, with
    the few short lines above it (a garbled place/date line, the names), not the § 7 text. The
    same holds when a stamp took only the first "Place, den" line: the splitter then began the
    tail at the second one, and the first signatory's name and role, which stand after § 7's last
    sentence, belong in front of it."""
    section = doc.section(7)
    if doc.tail.text.strip():
        above = _signature_lines_in_section(section, places, roles, ministers) if section else []
        if section is None or not above:
            return doc.tail
        pairs = above + paired_lines(doc.tail)
        return Part(
            text="\n".join(t for t, _ in pairs), raw="\n".join(r for _, r in pairs), page=section.page
        )
    if section is None:
        return None
    pairs = paired_lines(section)
    start = next(
        (
            i
            for i, (text, _raw) in enumerate(pairs)
            if re.match(r"^\s*[A-ZÄÖÜ][^,\n]{1,40},\s*(?:den\b|\d)", text) or _starts_with_place(text, places)
        ),
        None,
    )
    signature = _first_signature_line(pairs, places, roles, ministers, after_body=True)
    if signature is not None and (start is None or signature < start):
        # a name and role above the first place line: that place line is the second signatory's
        # (a stamp took the first one's), or there is none at all
        start = signature
    if start is None:
        start = _first_signature_line(pairs, places, roles, ministers)
    if start is None:
        return None
    rest = pairs[start:]
    return Part(text="\n".join(t for t, _ in rest), raw="\n".join(r for _, r in rest), page=section.page)


def _starts_with_place(text: str, places: list[_Place]) -> bool:
    head, comma, _ = text.strip().partition(",")
    return bool(comma) and 0 < len(head) <= 40 and _match_place(head, places)[1] >= 90


def _signature_lines_in_section(
    section: Part, places: list[_Place], roles: tuple[Role, ...], ministers: tuple[Minister, ...]
) -> list[tuple[str, str]]:
    """Signature lines (a name, a role) that stand in § 7 after its last sentence ("…
    veröffentlicht."), as (text, raw) pairs; empty when there are none."""
    pairs = paired_lines(section)
    start = _first_signature_line(pairs, places, roles, ministers, after_body=True)
    return pairs[start:] if start is not None else []


def _body_end(pairs: list[tuple[str, str]]) -> int | None:
    """The index of § 7's last sentence ("… veröffentlicht."), or None when it was not read."""
    found = [i for i, (text, _raw) in enumerate(pairs) if _BODY_END in fold(text)]
    return found[-1] if found else None


def _first_signature_line(
    pairs: list[tuple[str, str]],
    places: list[_Place],
    roles: tuple[Role, ...],
    ministers: tuple[Minister, ...],
    *,
    after_body: bool = False,
) -> int | None:
    """The first line of a signature block that has no "Place, den" line: the first short line
    with a role or the minister's name, with the few short lines above it. With ``after_body``
    only lines after § 7's last sentence count (None when that sentence was not read): there the
    § 7 text cannot be mistaken for a signature."""
    first = 0
    if after_body:
        end = _body_end(pairs)
        if end is None:
            return None
        first = end + 1
    for i, (text, raw) in enumerate(pairs):
        if i < first:
            continue
        line = _line(text, raw)
        if not line.tokens or len(line.tokens) > 10:
            continue
        roles_found = [f for f in _find_roles(line, roles) if f.score >= ROLE_SURE]
        if roles_found or _find_noisy_names(line, ministers, places).minister is not None:
            start = i
            while start > first and i - start < 3:
                above = pairs[start - 1][0]
                if len(above) > 60 or _BODY_END in fold(above):
                    break
                start -= 1
            return start
    return None


def _lines(part: Part) -> list[_Line]:
    out = []
    for text, raw in paired_lines(part):
        if text.strip():
            out.append(_line(text, raw))
    return out


def _ministers_for(knowledge: Knowledge, year: int | None) -> tuple[Minister, ...]:
    """All ministers, those of the year first: a name is matched against everyone so that a
    minister signing in the wrong year is recognised (and warned about), not missed."""
    ms = knowledge.ministers
    if year is None:
        return ms
    return tuple(sorted(ms, key=lambda m: not m.covers(year)))


class _Reader:
    def __init__(self, knowledge: Knowledge, year: int | None, partner: PartnerInfo | None) -> None:
        self.knowledge = knowledge
        self.year = year
        self.partner = partner
        self.places = _known_places(knowledge, partner)
        self.ministers = _ministers_for(knowledge, year)
        self.roles = tuple(sorted(knowledge.roles, key=lambda r: len(r.name), reverse=True))
        self.state = _State()
        self.sides: dict[str, _Side] = {"ministry": _Side(), "partner": _Side()}
        # names waiting for a role: (text, raw, score, the noisy line it was read from or None)
        self.pending_names: list[tuple[str, str, float, str | None]] = []
        self.two_columns = False

    def key(self, side: str, attr: str | None = None) -> str:
        index = 0 if side == "ministry" else 1
        return f"{FIELD}[{index}]" + (f".{attr}" if attr else "")

    # place/date ---------------------------------------------------------------------------
    def place_dates(self, pairs: list[_PlaceDate]) -> None:
        if len(pairs) >= 2:
            self.two_columns = True
        for k, pd in enumerate(pairs):
            side = self._side_of_place(pd, k, len(pairs))
            if side is None:
                self.state.warn(FIELD, f"more than two place/date entries; ignored: {pd.place_raw!r}", 0.8)
                continue
            slot = self.sides[side]
            if pd.place is not None:
                slot.place = pd.place.canonical
                if pd.place_score < 90:
                    self.state.confidence *= 0.95
            elif _is_place_like(pd.place_text):
                slot.place = pd.place_text
                self.state.warn(self.key(side, "place"), f"place not recognised: {pd.place_raw!r}", 0.8)
            else:
                # noise where the place was ("SE EIN"): left to the assumption in signatory()
                slot.place_unreadable = True
            slot.place_raw = pd.place_raw
            slot.date_text = pd.date_text
            slot.date_raw = pd.date_raw

    def _side_of_place(self, pd: _PlaceDate, k: int, count: int) -> str | None:
        """By the place when it tells (Wiesbaden is the ministry unless the partner is Wiesbaden
        too), otherwise by order: the ministry signs on the left / first."""
        free = [s for s in ("ministry", "partner") if self.sides[s].date_raw is None]
        if not free:
            return None
        if pd.place is not None:
            partner_seat = self.partner.seat if self.partner else None
            ambiguous = partner_seat == MINISTRY_PLACE
            if not ambiguous and pd.place.side in free:
                return pd.place.side
        if count == 2:
            wanted = "ministry" if k == 0 else "partner"
            if wanted in free:
                return wanted
        return free[0]

    # roles --------------------------------------------------------------------------------
    def roles_on(self, line: _Line, found: list[_Found]) -> None:
        if len(found) >= 2:
            self.two_columns = True
            pairs = [("ministry", found[0]), ("partner", found[1])]
            for side, f in pairs:
                if f.side != side:
                    self.state.warn(self.key(side, "role"), f"role {f.value!r} is not a {side} role", 0.8)
            if len(found) > 2:
                self.state.warn(FIELD, f"more than two roles on one line: {line.text!r}", 0.8)
        else:
            pairs = [(found[0].side, found[0])]
        for side, f in pairs:
            slot = self.sides[side]
            if slot.role is not None:
                self.state.warn(
                    self.key(side, "role"), f"second role {f.value!r} for one signatory ignored", 0.8
                )
                continue
            slot.role = f.value
            slot.role_raw = line.raw_between(f.start, f.end)
            if f.glued is not None:
                self.state.warn(self.key(side, "role"), f"role glued to the next word: {f.glued!r}", 0.9)
            if f.score < ROLE_SURE:
                self.state.warn(
                    self.key(side, "role"), f"role read fuzzily as {f.value!r}: {slot.role_raw!r}", 0.85
                )
            if f.rival is not None:
                self.state.warn(
                    self.key(side, "role"),
                    f"role read as {f.value!r}, but {f.rival!r} fits nearly as well: {slot.role_raw!r}",
                    0.85,
                )
        if len(found) == 1:
            # "Kai Klose, Staatsminister" or "Landrat Bernd Woide": the name shares the role's line
            f = found[0]
            for a, b in ((0, f.start), (f.end, len(line.tokens))):
                if b - a >= 2 and _is_name(line.tokens[a:b]) and self.sides[f.side].name is None:
                    text = line.text_between(a, b).strip(" ,;")
                    raw = line.raw_between(a, b).strip(" ,;")
                    self._set_name(f.side, text, raw, 0.0)
        # names seen before this role line belong to the role's side
        if len(found) == 1 and self.pending_names and self.sides[found[0].side].name is None:
            text, raw, score, noisy = self.pending_names.pop()
            self._set_name(found[0].side, text, raw, score, noisy)
        self._flush_pending()

    # names --------------------------------------------------------------------------------
    def names_on(self, line: _Line) -> None:
        s = _name_tokens_start(line)
        if self.two_columns and len(line.tokens) - s >= 4:
            left, right, guessed = _split_names(line, self.ministers, self.state)
            if left is None or right is None:
                self.state.warn(FIELD, f"names could not be told apart: {line.raw!r}", 0.6)
                return
            if guessed:
                self.state.warn(FIELD, f"names split by word count, a guess: {line.raw!r}", 0.75)
            if left[1] < right[0] or right[1] < len(line.tokens):
                shard = line.raw_between(left[1], right[0]) or line.raw_between(right[1], len(line.tokens))
                self.state.warn(
                    self.key("partner", "name"),
                    f"{shard!r} in a column of its own taken as a speck: {line.raw!r}",
                    0.9,
                )
            for side, (a, b) in (("ministry", left), ("partner", right)):
                self._set_name(side, line.text_between(a, b), line.raw_between(a, b), 0.0)
            return
        if len(line.tokens) - s >= 3 and self._minister_beside_a_name(line, s):
            return
        text, raw = line.text_between(s, len(line.tokens)), line.raw_between(s, len(line.tokens))
        minister, score = _match_minister(text, self.ministers)
        if minister is not None and score >= NAME_MIN:
            self._set_name("ministry", text, raw, score)
            return
        self._flush_pending()
        self.pending_names.append((text, raw, score, None))

    def _minister_beside_a_name(self, line: _Line, s: int) -> bool:
        """Two names on one line although only one column was seen ("Kai Klose Adil
        Kühn-Weißbrod", "HeikeHofmann Marlies Kößler" where OCR lost the partner's place line):
        the year's minister at the start (glued or not) and a name after it. A stacked block
        never has two names on a line."""
        cuts = range(s + 1, min(s + 5, len(line.tokens) - 1))
        score, cut = _minister_cut(line, s, cuts, self.ministers, _match_minister_glued)
        if score < NAME_MIN or not _is_name(line.tokens[cut:]):
            return False
        self.two_columns = True
        self._set_name("ministry", line.text_between(s, cut), line.raw_between(s, cut), score)
        end = len(line.tokens)
        self._set_name("partner", line.text_between(cut, end), line.raw_between(cut, end), 0.0)
        return True

    def noisy_names_on(self, line: _Line) -> None:
        """Names on a line with OCR noise around them ("GE ls] Kai Klose RS A Matthias Bräutigam").

        The minister is known for the year, so the name is looked for fuzzily anywhere on the line;
        the partner's name is the run of two to four name words after it, the noise dropped. A name
        read that way is always warned about: the noise may have eaten or added a letter.
        """
        if all(side.name is not None for side in self.sides.values()):
            return  # both names are known: a noisy line can only add doubt, not a name
        found = _find_noisy_names(line, self.ministers, self.places)
        if found.minister is None and not found.runs:
            return
        if found.minister is not None:
            a, b = found.minister_span
            known = self.sides["ministry"].name
            if known is None:
                noisy = None if found.minister_score >= 90 else line.raw
                self._set_name(
                    "ministry", found.minister.name, line.raw_between(a, b), found.minister_score, noisy
                )
            elif known != found.minister.name:
                self.state.warn(FIELD, f"second minister's name ignored: {line.raw!r}", 0.8)
            if len(found.runs) == 1:
                self.two_columns = True
                a, b, text = found.runs[0]
                self._set_name("partner", text, line.raw_between(a, b), 0.0, line.raw)
            elif len(found.runs) > 1:
                self.state.warn(FIELD, f"names could not be told apart: {line.raw!r}", 0.6)
            return
        if len(found.runs) == 1:
            a, b, text = found.runs[0]
            if self.two_columns and 2 * a >= len(line.tokens) and self.sides["partner"].name is None:
                # one name in the right half of a two-column line: the partner's
                self._set_name("partner", text, line.raw_between(a, b), 0.0, line.raw)
                return
            self._flush_pending()
            self.pending_names.append((text, line.raw_between(a, b), 0.0, line.raw))
        elif len(found.runs) == 2 and self.two_columns:
            for side, (a, b, text) in zip(("ministry", "partner"), found.runs, strict=True):
                self._set_name(side, text, line.raw_between(a, b), 0.0, line.raw)
        else:
            self.state.warn(FIELD, f"names could not be told apart: {line.raw!r}", 0.6)

    def _flush_pending(self) -> None:
        """A name with no role line after it goes to the first side still without a name."""
        while self.pending_names:
            text, raw, score, noisy = self.pending_names.pop(0)
            free = [s for s in ("ministry", "partner") if self.sides[s].name is None]
            if free:
                self.state.confidence *= 0.9
            self._set_name(free[0] if free else "partner", text, raw, score, noisy)

    def _set_name(self, side: str, text: str, raw: str, score: float, noisy: str | None = None) -> None:
        """Give ``side`` its name; ``noisy`` is the raw line when the name was cut out of noise."""
        slot = self.sides[side]
        if slot.name is not None:
            other = "partner" if side == "ministry" else "ministry"
            if self.sides[other].name is None:
                side, slot = other, self.sides[other]
                self.state.warn(self.key(side, "name"), f"name placed by elimination: {raw!r}", 0.85)
            elif (caps := next((s for s in (side, other) if _in_capitals(self.sides[s].name)), None)) and (
                not _in_capitals(text)
            ):
                # A third name, and one taken before is all capitals ("DEREN EEE" over the
                # minister's name on a 300-dpi scan of seed 146, "VE TEN", "EERAN ES"): that was a
                # scribble read as letters, and this name takes its place.
                self.state.warn(
                    self.key(caps, "name"),
                    f"name in capitals taken as a scribble: {self.sides[caps].name_raw!r}; replaced by {raw!r}",
                    0.8,
                )
                side, slot = caps, self.sides[caps]
            elif (
                noisy is None
                and not _in_capitals(text)  # "RE EN" on a line of its own is a scribble too (seed 112)
                and len(amid := [s for s in (side, other) if self.sides[s].name_noisy]) == 1
            ):
                # A third name on a clean line, and one taken before was cut out of noise
                # ("BuaSzasn", a signature read as a glued name above "Jutta Schäfer" on a 300-dpi
                # scan of seed 164): the noise was a scribble, and this name takes its place.
                self.state.warn(
                    self.key(amid[0], "name"),
                    f"name read amid noise taken as a scribble: {self.sides[amid[0]].name_raw!r}; "
                    f"replaced by {raw!r}",
                    0.8,
                )
                side, slot = amid[0], self.sides[amid[0]]
            else:
                self.state.warn(FIELD, f"more than two names; ignored: {raw!r}", 0.8)
                return
        name = " ".join(text.split()).strip(" ,;:" + _QUOTES)
        if m := _SPECK_AFTER_NAME.search(name):
            self.state.warn(
                self.key(side, "name"),
                f"{m.group(1).strip()!r} after the name taken as a speck: {raw!r}",
                0.9,
            )
            name = name[: m.start(1)].rstrip()
        if m := _SPECK_BEFORE_NAME.match(name):
            self.state.warn(
                self.key(side, "name"),
                f"{m.group(1).strip()!r} before the name taken as a speck: {raw!r}",
                0.9,
            )
            name = name[m.end(1) :]
        if m := _DOT_AFTER_NAME.search(name):
            name = name[: m.start(1)]  # "Martina Grünewald.": a speck; a title's dot comes first ("Dr.")
        for mend, what in _LETTER_MENDS:
            if (mended := mend(name)) != name:
                self.state.warn(self.key(side, "name"), f"{what}: {raw!r}", 0.9)
                name = mended
        if noisy is not None:
            self.state.warn(self.key(side, "name"), f"{NOISY_NAME}: {noisy!r}", 0.9)
        if side == "ministry":
            minister, score = _match_minister(name, self.ministers)
            if minister is not None and score >= NAME_MIN:
                name = minister.name  # the repaired spelling of a known name
                if score < 97:
                    self.state.confidence *= 0.95
        if any(c in name for c in ",;:"):  # "Su, Bernd Nöll" had passed unwarned (seed 137)
            self.state.warn(self.key(side, "name"), f"name holds a mark no name has: {raw!r}", 0.8)
        damage = title_damage(name)
        if damage:
            self.state.warn(self.key(side, "name"), f"name looks damaged ({damage}): {raw!r}", 0.8)
        slot.name = name
        slot.name_raw = raw
        slot.name_noisy = noisy is not None

    # the whole block ----------------------------------------------------------------------
    def read(self, lines: list[_Line]) -> None:
        for line in lines:
            pairs = _parse_place_dates(line, self.places)
            if pairs:
                self.place_dates(pairs)
                continue
            found = _find_roles(line, self.roles)
            if found:
                self.roles_on(line, found)
                continue
            if _is_name_line(line):
                self.names_on(line)
            else:
                self.noisy_names_on(line)
        self._flush_pending()
        self._untangle_names()
        self._name_of_no_minister()

    def _name_of_no_minister(self) -> None:
        """Give the partner the one name of the block when it stands on the ministry's side, is
        no minister's, and the ministry's role is a minister's ("Jens Sauer" above "Staatsministerin
        … Erster Kreisbeigeordneter" on text OCR of seed 188, "Mustafa Brückner" on a heavy scan
        of seed 182: the minister's name was lost, and a name without a role line of its own goes
        to the first side free). A state secretary signs under his own name: his stays."""
        ministry, partner = self.sides["ministry"], self.sides["partner"]
        if ministry.name is None or partner.name is not None or partner.role is None:
            return
        if ministry.role not in ("Staatsminister", "Staatsministerin"):
            return
        if _match_minister(ministry.name, self.ministers)[1] >= NAME_MIN or any(
            fuzz.partial_ratio(m.name, ministry.name) >= NAME_MIN for m in self.ministers
        ):
            return  # the minister's name, or one with noise glued on ("Stefan Grüttner Jörgsüß")
        if any(_damaged_surname_of(ministry.name, m.name) for m in self.ministers):
            return  # "Heike Holen" for "Heike Hofmann" (a heavy scan of seed 225): hers, damaged
        partner.name, partner.name_raw, partner.name_noisy = (
            ministry.name,
            ministry.name_raw,
            ministry.name_noisy,
        )
        ministry.name, ministry.name_raw, ministry.name_noisy = None, None, False
        # what was said about the name ("read from a line with OCR noise") goes with it
        moved = {self.key("ministry", "name"): self.key("partner", "name")}
        self.state.warnings = [
            w.model_copy(update={"field": moved[w.field]}) if w.field in moved else w
            for w in self.state.warnings
        ]
        self.state.warn(
            self.key("partner", "name"),
            f"name {partner.name_raw!r} is not a minister's: taken as the partner's, whose name was missing",
            0.8,
        )

    def _untangle_names(self) -> None:
        """Swap the two names when the minister's stands on the partner's side and the ministry's
        name is no minister's: OCR may read a name line out of order ("Andreas Lämmerhirt" first,
        "Kai Klose" after the block), and the year's minister is known."""
        ministry, partner = self.sides["ministry"], self.sides["partner"]
        if ministry.name is None or partner.name is None:
            return
        _, on_ministry = _match_minister(ministry.name, self.ministers)
        minister, on_partner = _match_minister(partner.name, self.ministers)
        if minister is None or on_partner < NAME_MIN or on_ministry >= NAME_MIN:
            return
        ministry.name, partner.name = minister.name, ministry.name
        ministry.name_raw, partner.name_raw = partner.name_raw, ministry.name_raw
        ministry.name_noisy, partner.name_noisy = partner.name_noisy, ministry.name_noisy
        for side in ("ministry", "partner"):
            self.state.warn(
                self.key(side, "name"),
                f"names swapped: the minister {minister.name} was read on the partner's side",
                0.85,
            )

    def signatory(self, side: str) -> Signatory | None:
        slot = self.sides[side]
        if not any((slot.name, slot.role, slot.place, slot.date_raw)):
            return None
        date = None
        if slot.date_raw is not None:
            date = self._date(side, slot)
        if slot.place is None:
            self._assume_place(side, slot)
        for attr in ("name", "role", "place"):
            if getattr(slot, attr) is None:
                self.state.warn(self.key(side, attr), f"{attr} not found", 0.8)
        if slot.date_raw is None:
            self.state.warn(self.key(side, "date"), "place and date line not found", 0.9, cap=0.6)
        return Signatory(
            side="ministry" if side == "ministry" else "partner",
            name=slot.name,
            role=slot.role,
            place=slot.place,
            date=date,
            date_as_written=slot.date_raw,
        )

    def _assume_place(self, side: str, slot: _Side) -> None:
        """A place lost under a stamp or never read: the ministry signs in Wiesbaden, the partner at
        its seat. Only assumed, so always warned about (the value may be right, it is not read)."""
        if side == "ministry":
            place, why = MINISTRY_PLACE, "the ministry's seat"
        elif self.partner is not None:
            place, why = self.partner.seat, "the partner's seat"
        else:
            if slot.place_unreadable:
                self.state.warn(self.key(side, "place"), f"place unreadable: {slot.place_raw!r}", 0.8)
            return
        found = f"place unreadable ({slot.place_raw!r})" if slot.place_unreadable else "place not found"
        self.state.warn(self.key(side, "place"), f"{found}; {why} {place} assumed", 0.8)
        slot.place = place

    def _date(self, side: str, slot: _Side) -> dt.date | None:
        key = self.key(side, "date")
        raw = slot.date_raw or ""
        reading = read_german_date(slot.date_text or "", self.year)
        raw_reading = read_german_date(raw, self.year)
        if reading.date is None and raw_reading.date is not None:
            reading = raw_reading
        elif reading.date is not None and raw_reading.date not in (None, reading.date):
            self.state.warn(key, f"date reads differently before and after repair: {raw!r}", cap=0.6)
            return None
        if reading.date is None:
            if not raw.strip():
                self.state.warn(key, "date not written or not found", cap=0.6)
            elif reading.note and reading.note.startswith("not a valid date"):
                self.state.warn(key, f"not a valid date: {raw!r}", cap=0.6)
            else:
                self.state.warn(key, f"date unreadable: {raw!r}", cap=0.6)
            return None
        if reading.note:
            self.state.warn(
                key, f"date {reading.date.isoformat()} read with doubts ({reading.note}): {raw!r}"
            )
            self.state.cap = min(self.state.cap, max(reading.confidence, 0.4))
        return reading.date

    def check_minister(self, sig: Signatory) -> Signatory:
        """The minister who signs must be the one in office in the budget year, with their title.

        A name OCR lost under a stamp or a scribble, beside the title "Staatsminister(in)", is the
        one minister of that title in office in the budget year: assumed, as a lost place is, and
        always warned about. In a year with two ministers it stays empty."""
        if self.year is None:
            return sig
        in_office = [m for m in self.knowledge.ministers if m.covers(self.year)]
        # the one minister of the signatory's title in office: whom a lost or damaged name stands for
        sole = (
            in_office[0]
            if len(in_office) == 1
            and sig.role in ("Staatsminister", "Staatsministerin")
            and in_office[0].role == sig.role
            else None
        )
        if sig.name is None:
            if sig.role in ("Staatsminister", "Staatsministerin"):
                if sole is not None:
                    name = sole.name
                    self.state.warn(
                        self.key("ministry", "name"),
                        f"name not found; {name}, the {sig.role} in office in {self.year}, assumed",
                        0.85,
                    )
                    return sig.model_copy(update={"name": name})
                self.state.warn(self.key("ministry", "name"), "minister's name not found", 0.9)
            return sig
        minister, score = _match_minister(sig.name, self.ministers)
        known = minister is not None and score >= NAME_MIN
        expected = ", ".join(m.name for m in in_office) or "unknown"
        if known and minister is not None and not minister.covers(self.year):
            self.state.warn(
                self.key("ministry", "name"),
                f"{minister.name} was not the minister in {self.year} (expected {expected})",
                0.7,
            )
        if known and minister is not None and sig.role is not None and sig.role.startswith("Staatsminist"):
            if sig.role != minister.role:
                self.state.warn(
                    self.key("ministry", "role"), f"role {sig.role!r} does not fit {minister.name}", 0.8
                )
        elif not known and sole is not None and _damaged_surname_of(sig.name, sole.name):
            # "Heike Holen" (a heavy scan of seed 225): the minister in office, her surname damaged
            name = sole.name
            self.state.warn(
                self.key("ministry", "name"),
                f"{sig.name!r} taken as {name}, the {sig.role} in office in {self.year}: "
                "the same first name, the surname damaged",
                0.8,
            )
            return sig.model_copy(update={"name": name})
        elif not known and sig.role is not None and sig.role.startswith("Staatsminist"):
            self.state.warn(
                self.key("ministry", "name"),
                f"{sig.name!r} signs as {sig.role} but is not a known minister (in {self.year}: {expected})",
                0.8,
            )
        return sig


def parse_signatories(
    doc: SplitDocument, knowledge: Knowledge, year: int | None, partner: PartnerInfo | None
) -> Extracted[tuple[Signatory, ...]]:
    """The signatories from the signature block, ministry side first; see the module docstring.

    ``year`` (the budget year) checks the dates and the minister; ``partner`` (when known) gives
    the place to expect on the partner's side. Never raises: anything unreadable becomes None
    with a warning, and the confidence says how much was guessed.
    """
    reader = _Reader(knowledge, year, partner)
    block = _block(doc, reader.places, reader.roles, reader.ministers)
    if block is None:
        return Extracted(
            value=None,
            confidence=0.0,
            warnings=(FieldWarning(field=FIELD, message="signature block not found"),),
        )
    reader.read(_lines(block))
    signatories: list[Signatory] = []
    parts: list[tuple[str, str]] = []
    for side in ("ministry", "partner"):
        sig = reader.signatory(side)
        if sig is None:
            reader.state.warn(reader.key(side), f"no {side} signatory found", 0.6)
            continue
        if side == "ministry":
            sig = reader.check_minister(sig)
        index = len(signatories)
        slot = reader.sides[side]
        evidence = "\n".join(x for x in (slot.place_raw, slot.name_raw, slot.role_raw) if x)
        parts.append((f"{FIELD}[{index}]", evidence))
        if slot.date_raw is not None:
            parts.append((f"{FIELD}[{index}].date", slot.date_raw))
        signatories.append(sig)
    state = reader.state
    if signatories and signatories[0].side == "partner":
        # The partner is signatories[0] in the record: key its warnings so.
        state.warnings = [
            w.model_copy(update={"field": w.field.replace(f"{FIELD}[1]", f"{FIELD}[0]")})
            for w in state.warnings
        ]
    if not signatories:
        return Extracted(value=None, confidence=0.0, raw=block.raw, warnings=tuple(state.warnings))
    confidence = max(0.0, min(1.0, state.confidence, state.cap))
    return Extracted(
        value=tuple(signatories),
        confidence=round(confidence, 3),
        raw=block.raw,
        warnings=tuple(state.warnings),
        parts=tuple(parts),
    )


__all__ = ["parse_signatories"]
