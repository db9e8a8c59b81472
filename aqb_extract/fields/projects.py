"""The projects of § 5: every project under each of the four Maßnahmenarten, in document order.

§ 5 is a short list, but OCR makes it hard to read: headings are numbered or not and the long fourth
heading wraps over two or three lines; bullets come out as "-", "•", "«", "°", "o", "@" or vanish
(measured with Tesseract 5 ``deu`` on rendered bullets); titles wrap; residual umlaut damage remains.
The parser therefore works line by line with a few explicit rules and records every guess it makes
as a warning, because a silently misplaced or merged project is worse than one flagged for review.

Scans add specks: dots before a bullet (". - Berufs…", ".Lernwerkstatt"), marks or letters after a
title (" -", " _", " Ne", "*"), an apostrophe for a space, a closing „…“ read as ‘. Marks that no
title has are dropped; anything that might have been text is dropped only with a warning. Whether a
line wrapped is judged by its length against the widest line of § 5, not by what it ends with alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from ..knowledge import Category, Knowledge
from ..models import Extracted, FieldWarning, Part, Project, SplitDocument
from ..repair import dotless_twin, known_word, truncated_word
from .dates import folded_words

FIELD = "projects"

# Heading scores (rapidfuzz ratio on folded text, 0..100).
HEADING_SURE = 90.0  # at or above: a heading, no warning
HEADING_ACCEPT = 88.0  # at or above: a heading even out of the expected order
HEADING_FUZZY = 75.0  # at or above: a heading if it is the next expected one (warned)
HEADING_NEAR = 60.0  # at or above (but not accepted): a damaged heading, not a project (warned)

# A line wrapped at the right margin when its next word would not have fitted on it: the line plus
# that word reach this share of the widest line of § 5 (the intro and closing paragraphs run the
# full width; titles are proportional type, so the share leaves room). Sections too short to show
# their width are taken to be at least MIN_WIDTH characters wide.
WRAP_SHARE = 0.9
MIN_WIDTH = 70

# Bullet glyphs as typed, and what Tesseract makes of them ("•" -> "«" "°" "o", "●" -> "@",
# "▪" -> "m", "➢" -> ">" "D", "✓" -> "v", "►" -> "»", "·" -> ";"). A letter is only a bullet when it
# stands alone before the title: no German title starts with a lone "o" or "m".
_BULLET_SYMBOLS = "-–—‒•·∙*«»°º¢©®@>›‣▪■□●○◦➢➤►✓✔→+~;:"
_BULLET_LETTERS = frozenset({"o", "e", "m", "v", "c", "D"})
_NUMBER_MARKER = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-z]\))\s+")
# A run of dots and bullet glyphs before a capital: what OCR leaves of a bullet (". - Berufs…",
# ".. Ausbildungslotsen", ".Lernwerkstatt", ". » Außerschulischer"). No title starts with a dot;
# commas and apostrophes stay out (",," is how OCR reads an opening „).
_RESIDUE = "-–—•·∙*«»°º<>‹›‣▪■□●○◦➢➤►✓✔→~:;."
_RESIDUE_MARKER = re.compile(
    rf"^([{re.escape(_RESIDUE)}]+(?:\s+[{re.escape(_RESIDUE)}]+)*)\s*(?=[A-ZÄÖÜ0-9„“\"])"
)
# A token of marks alone at the end of a line (" -", " _", " :"): noise, or a dash before a wrap.
# Not "," (a comma before a wrap) and not "|" (OCR's reading of a final "I", as in "Teil I").
_TRAILING_MARKS = re.compile(r"(?:\s+[-–—_:;.~=*•·«»]+)+$")
_DASHES = ("-", "–", "—")
# Running headers and footers that slipped into § 5 ("AQB 2020 | Stadt Offenbach", "Seite 2 von 4").
# Quotes standing alone before a title ('" Assistierte …', '" - Qualifizierung …'): an opening
# quote is glued to its word, so these are specks too (unless the title closes a quote later).
_QUOTE_RESIDUE = re.compile(rf"^((?:[{re.escape(_RESIDUE)}\"'„“”‚‘’`´]+\s+)+)(?=[A-ZÄÖÜ0-9])")
_QUOTE_CHARS = "\"'„“”‚‘’`´»«"
# A bullet with a speck read as an apostrophe glued to the title ("-'Fachkräftesicherung …",
# "-‚Sprachförderung …" on a heavy scan of seed 152), when no other single quote in the line could
# be its partner.
_BULLET_QUOTE = re.compile(r"^([-–—•·*»«]['‘’`´‚])\s*(?=[A-ZÄÖÜ])")
# Running headers and footers that slipped into § 5 ("AQB 2020 | Stadt Offenbach",
# "Zielvereinbarung 2019 – Rheingau-Taunus-Kreis", "Seite 2 von 4", "- 2 -").
_PAGE_FURNITURE = re.compile(
    r"^\W*(?:A[QG0O]B\s*\d{4}\b.*|Zielvereinbarung\s+\d{4}\b.*|Seite\s+\d+\s*(?:von|/)\s*\d+\W*)$"
    r"|^\s*[-–]\s*\d{1,2}\s*[-–]\s*$",
    re.IGNORECASE,
)
# A word of one or two letters at the end of a title that no title ends with ("… Lagerlogistik
# Ne", "… Geflüchtete Ä", "… Alltagsbegleiter j"): specks read as letters. "Modul A", "Teil II",
# "… eG" are kept. A bar alone at the end ("Gebäudereinigung |") is one too: repair reads it as the
# numeral I only where the text shows that the title is numbered (repair._numbers_a_title).
# A speck mark standing alone after the last word is one too ("PersA 3.0 °", a heavy scan of seed
# 151).
_TRAILING_SPECK = re.compile(r"\s([a-zäöüß]{1,2}|[A-ZÄÖÜ][a-zäöüß]|[ÄÖÜ]|\||[°º*^~]+)$")
# A lone digit after a long word at the end ("… im Grünflächenamt 5" on txt-ocr of seed 151, in
# an `ok` record): a speck, or the number of a part ("Modul 2"); not guessed, but said.
_TRAILING_DIGIT = re.compile(r"[a-zäöüß]{4} \d$")
# Specks glued to the last character ("„Frischküche“*", "2026°", "Frischküche*.", "PersA 3.0:" on
# a text OCR of seed 260: no title ends in a colon).
_GLUED_SPECKS = "*°º^~:"
_GLUED_SPECK_RUN = re.compile(rf"(?<=\S)[{re.escape(_GLUED_SPECKS)}][{re.escape(_GLUED_SPECKS)}.]*$")
# A mark glued after a title's closing bracket or quote ("… für Ältere (U50):" on a heavy scan of
# seed 127, "… (BaE)-" on a TIFF of seed 184): what closes a title ends it.
_CLOSED_THEN_MARK = re.compile(r"(?<=[)“\"])[:;.,\-–—]+$")
# Full stops after a title's last word ("… Landschaftsbau.", "… Langzeitarbeitslose..", "Schule -
# Beruf." on a TIFF of seed 223, five letters with its capital; "-strategie 2022." after a year, a
# heavy scan of seed 231): no list item of an agreement ends with one. A single one after an abbreviation is its own ("e.V.",
# "etc.", "ausländ."): a word cut short (repair.truncated_word) keeps it.
_TRAILING_STOPS = re.compile(r"(?:(?<=[^\W\d_][a-zäöüß]{4})|(?<=(?<!\d)(?:19|20)\d\d))\.+$")
# An apostrophe where a space was ("Begleitung'von", "Ausbildung' zur", "in'Männerberufen"), when
# it is the only single quote of the title (so it closes nothing).
_SINGLE_QUOTES = "'‘’‚`´"
_STRAY_APOSTROPHE = re.compile(r"([^\W\d_]{2,}|\b[^\W\d_]\.)['‘’‚`´]\s?(?=[^\W\d_]{2,})")  # "v. d.'Höhe"
_OPENING_QUOTES = "„"
_CLOSING_LOOKALIKES = "‘’'‚\"”`´"
_HEADING_NUMBER = re.compile(r"^[\(]?([0-9lI|!])\s*[.):,]?\s+")

# Words after which a line cannot end a title: the next line continues it.
_CONNECTORS = frozenset(
    [
        "und",
        "oder",
        "sowie",
        "bzw",
        "für",
        "fur",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "mit",
        "zur",
        "zum",
        "im",
        "in",
        "von",
        "vom",
        "auf",
        "an",
        "bei",
        "über",
        "uber",
        "durch",
        "gegen",
        "ohne",
        "aus",
    ]
)
_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "bzw.", "sowie"})

# Characters a project title may contain. Anything else (ligatures "ﬂ", "|", "_", "{", "©"…) is
# OCR damage the repair stage did not fix.
_TITLE_PUNCTUATION = set(" .,:;-–—\"'„“”‚‘’«»()/&+%!?§*")
_TITLE_MARKS = "".join(sorted(_TITLE_PUNCTUATION))  # the same, for str.strip
_DAMAGE_PATTERNS = (
    (re.compile(r"[a-zäöü]ii[a-zäöü]|\bii"), "'ii' where 'ü' is likely"),
    (re.compile(r"[a-zäöüß](?:[RB]|[fl]?3)[a-zäöü]"), "letter in the middle of a word where 'ß' is likely"),
    (re.compile(r"[a-zäöüß]\d+[a-zäöüß]|[a-zäöüß]\d+-"), "digit inside a word"),
    (re.compile(r"(?<!\w)\w['‘’`´]\s[a-zäöüß]{2,}"), "a word torn by an apostrophe"),
    (re.compile(r"[a-zäöüß]{2}[.,:;][^\W\d_]{2}"), "a mark glued between two words"),
    (re.compile(r"„[^“”\"]*$"), "an opening quote mark without its closing one"),
    # OCR drops the dots of Ü. "U25" (unter 25: youth programmes) is a real label, so is "Ü50"
    # (über 50: older people); "U" before an age from 30 up is most likely a "Ü" that lost them
    (re.compile(r"(?<![\wÜ])U[3-9]\d\b"), "'U' before an age may be 'Ü' (über) with its dots lost"),
    (re.compile(r"\([1-3]\d\)"), "an age in brackets without its 'U' or 'Ü'"),
    # "Tiefbauhelfer/-innen N": a lone capital after a word is a speck more often than a label;
    # "Modul A" … "Teil C" and the roman I, V, X are labels
    (re.compile(r"[^\W\d_]{3,}\s[D-HJ-UWYZÄÖÜ]$"), "a lone capital letter at the end may be a speck"),
    # "Lernwerkstäatt": no German word has an umlaut beside its own vowel; a speck made the dots
    (re.compile(r"ä[aä]|a[ä]|ö[oö]|oö|ü[uü]|uü", re.IGNORECASE), "an umlaut beside its own vowel"),
    # "Berufsbezogene-Deutschförderung", "Produktionsschule-Bad Schwalbach" (text OCR of seed 207,
    # an unflagged wrong value): a space read as a hyphen between two whole words. Hyphenated
    # compounds in titles start short ("Kfz-Werkstatt", "Azubi-Sprachcoaching", "Schule-Beruf");
    # a long first word ending in "e" before a capital is an adjective or a whole noun.
    (re.compile(r"[a-zäöüß]{6,}e-[A-ZÄÖÜ][a-zäöüß]"), "a hyphen between two whole words may be a space"),
)

_CLOSING = "die forderung der aufgefuhrten massnahmen"


# A digit alone before a capitalised word: a bullet OCR read as a digit, when no heading still to
# come has that number (:func:`_bullet_digit`).
_DIGIT_FOR_BULLET = re.compile(r"([0-9]) (?=[A-ZÄÖÜ])")
# Two small letters alone before a capitalised word that are no word a title's rest starts with
# ("ze Qualifizierung zur Alltagsbegleiterin" among "•" items, a heavy scan of seed 167): a bullet
# OCR read as letters.
_LETTERS_FOR_BULLET = re.compile(r"([a-zäöüß]{2}) (?=[A-ZÄÖÜ])")
_TWO_LETTER_WORDS = frozenset(
    {"zu", "im", "in", "am", "an", "um", "ab", "ob", "so", "da", "wo", "je", "es", "er"}
)


@dataclass
class _Line:
    """One non-empty line of § 5: repaired text, raw text, and its list marker split off."""

    text: str
    raw: str
    marker: str | None
    body: str

    @property
    def bulleted(self) -> bool:
        """A bullet (not a number like "1."): numbered lines may be headings, bulleted ones not.
        Dots alone (".Lernwerkstatt", ". 2. Ausbildung …") are specks, not bullets."""
        return (
            self.marker is not None
            and not self.marker[:1].isdigit()
            and self.marker[:1] != "("
            and self.marker.strip(". ") != ""
        )


@dataclass
class _Item:
    """One list entry being assembled; ``lines`` are the lines it spans (for the raw evidence)."""

    category: Category
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _State:
    confidence: float = 0.95
    warnings: list[FieldWarning] = field(default_factory=list)

    def warn(self, message: str, factor: float, key: str = FIELD) -> None:
        self.warnings.append(FieldWarning(field=key, message=message))
        self.confidence *= factor


def paired_lines(part: Part) -> list[tuple[str, str]]:
    """Lines of ``part`` as (repaired, raw) pairs.

    Repair keeps the whitespace skeleton, so line i of ``text`` is line i of ``raw``; if a part
    ever breaks that promise, the repaired line stands in for the raw one rather than misattribute.
    """
    text_lines = part.text.replace("\f", "\n").split("\n")
    raw_lines = part.raw.replace("\f", "\n").split("\n")
    if len(raw_lines) != len(text_lines):
        raw_lines = text_lines
    return list(zip(text_lines, raw_lines, strict=True))


def split_marker(line: str) -> tuple[str | None, str]:
    """Split a list marker ("-", "•", "1.", an OCR'd bullet) off ``line``: (marker or None, title).

    A hyphen glued to a lower-case word ("-begleitung") is part of the title, not a bullet.
    """
    if line.count("**") >= 2:  # Markdown bold ("**Ausbildungs- … 2023**", seed 000)
        line = line.replace("**", "")
    line = line.strip()  # a lone "**" before a title is a bullet ("•" on a heavy scan of seed 159)
    if m := _NUMBER_MARKER.match(line):
        return m.group(0).strip(), line[m.end() :].strip()
    first, _, rest = line.partition(" ")
    rest = rest.strip()
    if rest and (
        first in _BULLET_LETTERS
        or (len(first) <= 2 and all(c in _BULLET_SYMBOLS or c in "]1" for c in first))
    ):
        if first.isdigit():
            return None, line
        return first, rest.lstrip("_ ").strip()
    if (
        len(line) > 1
        and line[0] in "-–—•·*»«"
        and (line[1].isupper() or line[1].isdigit() or line[1] in '"„')
    ):
        return line[0], line[1:].strip()
    if line[:1] == "_":
        return "_", line.lstrip("_ ").strip()
    if m := _RESIDUE_MARKER.match(line):
        return m.group(1), line[m.end() :].strip()
    if (m := _BULLET_QUOTE.match(line)) and not any(q in line[m.end() :] for q in _SINGLE_QUOTES):
        return m.group(1), line[m.end() :].strip()
    if (m := _QUOTE_RESIDUE.match(line)) and not any(q in line[m.end() :] for q in _QUOTE_CHARS):
        return m.group(1).strip(), line[m.end() :].strip()
    return None, line


def _forms(category: Category) -> tuple[str, ...]:
    return (category.name, *category.variants)


def _heading_score(text: str, category: Category) -> float:
    norm = folded_words(text)
    return max(fuzz.ratio(norm, folded_words(form)) for form in _forms(category))


def _strip_heading_number(text: str) -> tuple[int | None, str]:
    """("1. Ausbildungsvorbereitung") -> (1, "Ausbildungsvorbereitung"); OCR writes "l." for "1."."""
    if m := _HEADING_NUMBER.match(text):
        digit = m.group(1)
        number = int(digit) if digit.isdigit() else 1
        return number, text[m.end() :]
    return None, text


@dataclass(frozen=True)
class _Heading:
    category: Category
    score: float
    span: int  # lines the heading covers
    number: int | None  # the number written before it, if any
    rest: str  # text after "Heading:" on the same line (a project), or ""
    marked: tuple[str, ...] = ()  # lines with a marker taken as the heading's rest (said)


def _best_category(text: str, categories: tuple[Category, ...]) -> tuple[Category, float]:
    return max(((c, _heading_score(text, c)) for c in categories), key=lambda cs: cs[1])


HEADING_REST = 75
"""How alike (0-100) a line must be to the rest of a wrapped heading's name to continue it; other
projects' titles score about 50 against the rest of the fourth heading."""


def _match_heading(lines: list[_Line], i: int, categories: tuple[Category, ...]) -> _Heading | None:
    """The category heading starting at line ``i``, with the lines it spans; None if it is none.

    The long fourth heading wraps: its first line alone matches the short variant, but the lines
    after it would then become "projects". So fragments that follow are absorbed while they are
    pieces of the full name (partial match) and make the joined text closer to it.
    """
    line = lines[i]
    number, text = _strip_heading_number(line.body if line.bulleted or line.marker is None else line.text)
    rest = ""
    category, score = _best_category(text, categories)
    if ":" in text:
        head, _, tail = text.partition(":")
        head_cat, head_score = _best_category(head, categories)
        if head_score > score and tail.strip():
            if _name_goes_on(head, tail, head_cat):
                # "… kreisfreien Städte: in der" (text OCR of seed 187): a speck, not a project
                text = f"{head.rstrip()} {tail.strip()}"
                category, score = head_cat, head_score
            else:
                category, score, rest = head_cat, head_score, tail.strip()
    if score < HEADING_NEAR:
        return None
    span = 1
    joined = text
    full = folded_words(category.name)
    marked: list[str] = []
    while not rest and i + span < len(lines) and span < 4:
        nxt = lines[i + span]
        frag = folded_words(nxt.body)
        longer = f"{joined} {nxt.body}"
        # the rest of the name after what is joined so far: a fragment whose end OCR garbled
        # ("… im Kontext der SIDE EONEUARERDE:" on a heavy scan of seed 125) is still like it
        done = fuzz.partial_ratio_alignment(folded_words(joined), full)
        after = full[done.dest_end :].strip() if done is not None else full
        if nxt.marker is not None and not (
            # a speck read as a bullet before the name's last line ("- Verantwortung für
            # Benachteiligte im Kontext der Arbeitsmarktförderung", text OCR and a heavy scan of
            # seeds 129 and 140): that line is the name's end, which no project title is
            len(frag) >= HEADING_END_MIN
            and (full.endswith(" " + frag) or fuzz.ratio(frag, after) >= HEADING_END_RATIO)
        ):
            break
        if len(frag) < 10 or (fuzz.partial_ratio(frag, full) < 90 and fuzz.ratio(frag, after) < HEADING_REST):
            break
        if fuzz.ratio(folded_words(longer), full) <= fuzz.ratio(folded_words(joined), full):
            break
        joined, span = longer, span + 1
        if nxt.marker is not None:
            marked.append(nxt.text)
    if span > 1:
        score = max(score, _heading_score(joined, category))
    return _Heading(category, score, span, number, rest, tuple(marked))


def _name_goes_on(head: str, tail: str, category: Category) -> bool:
    """Does the text after a colon go on with the heading's name, so that the colon is a speck?"""
    said, name = folded_words(f"{head} {tail}"), folded_words(category.name)
    return fuzz.partial_ratio(said, name) >= 95 and len(said) < len(name)


HEADING_END_MIN = 15
"""Letters (folded, with spaces) a line with a marker needs to be taken as a heading's end."""
HEADING_END_RATIO = 90
"""How like (0-100) the rest of the heading's name such a line must be."""


def _is_closing(line: _Line) -> bool:
    """The paragraph after the list ("Die Förderung der aufgeführten Maßnahmen erfolgt …")."""
    norm = folded_words(line.text)
    return fuzz.ratio(norm[: len(_CLOSING)], _CLOSING) >= 80 or norm.startswith("die forderung der")


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _starts_continuation(body: str) -> bool:
    """A line starting in lower case (or "-begleitung", "(BaE)") continues the previous title:
    German titles start with a capital."""
    first = body[:1]
    return first.islower() or first == "(" or (first in "-–" and body[1:2].islower())


def _trailing_marks(text: str) -> tuple[str, list[str]]:
    """``text`` without the tokens of marks alone at its end, and those marks ("… (FiA) -")."""
    if m := _TRAILING_MARKS.search(text):
        return text[: m.start()].rstrip(), m.group(0).split()
    return text.rstrip(), []


def _could_wrap(line: _Line, next_body: str, width: int) -> bool:
    """Whether ``line`` reached the right margin: the first word of the next line would not have
    fitted after it. A short line was ended on purpose, whatever it ends with. A hyphenated word
    wraps after its hyphen, so only its first part must not have fitted ("Azubi-" of
    "Azubi-Sprachcoaching", an item whose bullet OCR lost, seed 117)."""
    first = next_body.split(" ", 1)[0]
    first = first[: first.find("-", 1) + 1] or first
    return len(line.text) + 1 + len(first) >= WRAP_SHARE * width


def _noun_meets_capital(body: str, next_body: str) -> bool:
    """Does a line end in a capitalised word and the next start with one? Under bullets, such a
    next line without a bullet is more often the next project, its bullet lost ("… aus der
    Ukraine" / "Grundqualifizierung Gebäudereinigung" on 300-dpi scans of seeds 136 and 164),
    than the rest of a title: titles wrap after a small word ("kooperatives" / "BaE-Modell"), a
    hyphen or a comma (nor after a closing bracket: "(Güterverkehr)" / "Anerkennungsberatung …",
    seed 166). Taken as its own project, the line is said; joined, it would not be."""
    words = body.split()
    last = words[-1].strip(_CLOSED_MARKS) if words else ""  # "(Güterverkehr)": closed, complete
    # a year ends a title too ("… Arbeitsmarktdialog und -strategie 2024" / "Weiterbildung …" on
    # a 300-dpi scan of seed 228, joined unwarned)
    complete = (last[:1].isupper() and last.isalpha()) or _YEAR.fullmatch(last) is not None
    return complete and next_body[:1].isupper()


_YEAR = re.compile(r"(?:19|20)\d\d")


_CLOSED_MARKS = '()„“”"»«'
_SPACED_DASH = re.compile(r"\s[-–—]\s")
_LOOSE_COMMA = re.compile(r"\s,$")


def _ends_open(line: _Line, next_body: str, width: int) -> tuple[bool, str | None]:
    """Whether ``line`` cannot end a title (it ends in a connector word, a comma or a hyphen), and
    a warning when that was decided on a guess.

    A dash standing alone at the end (" -") is ambiguous: "Übergang Schule -" wraps to "Beruf", but
    OCR also reads specks after a title as " -". It continues only on a line long enough to have
    wrapped, and only when neither line has a spaced dash of its own: no title has two (none of
    the seeds' and generator's 156), so "… Einzelförderungen -" above "Fachkräftesicherung in der
    Pflege - Qualifizierung …" (a heavy scan of seed 220) is two projects, said. Otherwise it is
    taken as noise, and said so. Other marks alone at the end (" _", " :", " ;") are always
    noise. A comma standing apart (" ,") is read as the dash is: German
    sets no space before a comma, so on a short line it is a speck ("Fachstelle Neuzugewanderte ,"
    in an unbulleted list, text OCR of seed 204).
    """
    text, marks = _trailing_marks(line.body)
    if not marks and _LOOSE_COMMA.search(text):
        text, marks = text[:-1].rstrip(), [","]
    if marks:
        if marks[0] not in (*_DASHES, ","):
            return False, None
        if _could_wrap(line, next_body, width):
            if marks[0] in _DASHES and (_SPACED_DASH.search(text) or _SPACED_DASH.search(next_body)):
                return (
                    False,
                    f"dash at the end of a line taken as noise, as a title has one spaced dash: {line.text!r}",
                )
            return True, None
        what = "dash" if marks[0] in _DASHES else "comma standing apart"
        return (
            False,
            f"{what} at the end of a short line taken as noise, next line a new project: {line.text!r}",
        )
    if text.endswith((",", "-", "–", "&", "/", "+")):
        return True, None
    words = text.split()
    return bool(words) and (
        words[-1].lower() in _CONNECTORS
        or _unfinished_pair(text)
        or _SMALL_ABBREVIATION.fullmatch(words[-1]) is not None
    ), None


# A word in small letters cut short by a full stop ("mit ausländ." wrapping to "Berufsabschlüssen"
# on scans of seeds 105 and 110): an adjective's abbreviation, whose noun is still to come.
_SMALL_ABBREVIATION = re.compile(r"[a-zäöüß]{3,}\.")


def _unfinished_pair(text: str) -> bool:
    """Does ``text`` end in the second half of a ";" pair that repeats the first half's opening
    words and stops short of its end ("Teilzeitausbildung Modul Kinderbetreuung; Teilzeitausbildung
    Modul", or whose last word is its own: "… - kooperatives BaE-Modell; … - integratives")? Pairs
    name two variants of one project, so the second half's rest is on the next line. The ";" may
    be read as another mark (:func:`_pair_mark`: "…-Modell: Ausbildung 3 Jahre - integratives" on
    a TIFF of seed 252), where the second half's first word is the first half's."""
    if ";" in text:
        cut = text.rindex(";")
    elif (pair := _pair_mark(text)) is not None:
        cut = pair[0]  # every mark _pair_mark finds is one character
    else:
        return False
    first, second = text[:cut].split(), text[cut + 1 :].split()
    # its last word may be the variant's own ("Ausbildung 3 Jahre - kooperatives BaE-Modell;
    # Ausbildung 3 Jahre - integratives" / "BaE-Modell", heavy scan of seed 166)
    return 0 < len(second) < len(first) and (
        first[: len(second)] == second or (len(second) > 1 and first[: len(second) - 1] == second[:-1])
    )


def _join(left: str, right: str) -> str:
    """Join a wrapped title; a word hyphenated at the line end ("Integrations-" "maßnahme") is
    rejoined, but "Ausbildungs- und" and "BaE-" "Modell" keep their hyphen. Noise marks at the
    end of the left line (" _", " :") go; a dash standing alone stays ("Schule -" "Beruf")."""
    stripped, marks = _trailing_marks(left)
    if marks and marks[0] not in _DASHES:
        left = stripped
    left, right = left.rstrip(), right.strip()
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha():
        first_word = right.split(" ", 1)[0].lower()
        if first_word in _CONJUNCTIONS:
            return f"{left} {right}"
        if right[:1].islower():
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def title_damage(title: str) -> str | None:
    """Why ``title`` looks damaged by OCR, or None. Only looks, never changes: repair is not ours."""
    odd = sorted(
        {
            c
            for c in title
            if not (c.isalnum() and (ord(c) < 0x250)) and c not in _TITLE_PUNCTUATION and not c.isspace()
        }
    )
    if odd:
        return "odd characters " + " ".join(repr(c) for c in odd)
    for pattern, reason in _DAMAGE_PATTERNS:
        if pattern.search(title):
            return reason
    return None


def _dotted_word(title: str, lexicon: frozenset[str]) -> str | None:
    """Why a word of ``title`` may have specks read as umlaut dots ("Schüle" for "Schule"), or
    None. Repair leaves such a word (it is also a name); in a project title no name stands, so
    it is worth a warning. Abbreviations ("ausländ.") and lexicon words are what they say."""
    for word in title.split():
        bare = word.strip(_TITLE_MARKS)
        if word.endswith(".") or bare in lexicon:
            continue
        if twin := dotless_twin(bare):
            return f"{word!r} may be {twin!r} with specks read as dots"
    return None


# A word worth asking about: six letters or more, written as words are (not "FAuB", "PersA"); or a
# short one in small letters, which in a title is a small word ("von", "für", "zur"), never a name
# or an acronym ("Begleitung vori Auszubildenden" on txt-ocr of seed 154, an unflagged wrong value).
_PLAIN_WORD = re.compile(r"[A-ZÄÖÜa-zäöüß][a-zäöüß]{5,}|[a-zäöüß]{2,5}")


def _unknown_word(title: str, knowledge: Knowledge) -> str | None:
    """A word of ``title`` that no word list knows, nor as a compound of known words, or None.
    Repair leaves such a word alone (it may be a name); a slip that keeps a word plausible
    ("Grundaqualifizierung", "Küchenheiferqualifizierung") looks just like one. Project titles
    are made of ordinary words, so an unknown one is worth a look."""
    for token in title.split():
        for word in re.split(r"[-/]", token.strip(_TITLE_MARKS)):
            if _PLAIN_WORD.fullmatch(word) and not known_word(word, knowledge):
                return word
    return None


def _close_quote(title: str) -> str:
    """A title opened with „ closes with “; OCR reads that “ as ‘ ’ ' or ". Only the last character
    is touched, and only when the opening quote is left unclosed."""
    if (
        title[-1:] in _CLOSING_LOOKALIKES
        and title.count(_OPENING_QUOTES) > title.count("“")
        and len(title) > 1
        and (title[-2].isalnum() or title[-2] in "!?.")
    ):
        return title[:-1] + "“"
    return title


def _clean_title(title: str) -> str:
    """Whitespace collapsed, marks alone at the end dropped (" -", " _", " :"; a title never ends
    in one), the closing quote made to match the opening one."""
    title = " ".join(title.replace("**", "").split())
    title = _trailing_marks(title)[0].strip(" ;,")
    return _close_quote(title)


def open_quote_speck(title: str) -> str:
    """``title`` without a quote mark before it that nothing in it closes ('"Ausbildungslotsen an
    beruflichen Schulen'), or that the marks after it pair off without ('"Sprachkurse … -
    "Sprachcafé"' on a TIFF of seed 229): OCR's speck, not a quotation. „Bleib dran!“ keeps its
    marks."""
    if title[:1] not in _QUOTE_CHARS:
        return title
    after = sum(title[1:].count(q) for q in _DOUBLE_QUOTES)
    if not any(q in title[1:] for q in _QUOTE_CHARS) or (
        title[0] in _DOUBLE_QUOTES and after and after % 2 == 0
    ):
        return title[1:].lstrip()
    return title


_DOUBLE_QUOTES = '"„“”»«'


def _last_word(text: str) -> str:
    """The last word of ``text``, and of a hyphenated one its last part: what a full stop after
    it may abbreviate ("Geflüchtete mit ausländ", "Kfz-Werkstatt"), without an opening mark
    before it ("„Übergänge")."""
    return text.rsplit(" ", 1)[-1].split("-")[-1].lstrip("„\"“‚'(")


def _trailing_specks(title: str, knowledge: Knowledge) -> tuple[str, list[str]]:
    """``title`` without specks read as letters or quotes at its end, and what was dropped.

    A closing quote is a speck when nothing in the title opened one. The caller warns: a speck
    might have been a real letter.
    """
    dropped: list[str] = []
    while True:
        if (m := _TRAILING_SPECK.search(title)) and len(title[: m.start()].split()) >= 1:
            dropped.append(m.group(1))
            title = _trailing_marks(title[: m.start()])[0]
            continue
        if title[-1:] in _QUOTE_CHARS and not any(q in title[:-1] for q in _QUOTE_CHARS):
            dropped.append(title[-1])
            title = _trailing_marks(title[:-1])[0]
            continue
        if m := _GLUED_SPECK_RUN.search(title):
            dropped.append(m.group(0))
            title = title[: m.start()].rstrip()
            continue
        if m := _CLOSED_THEN_MARK.search(title):
            dropped.append(m.group(0))
            title = title[: m.start()]
            continue
        if (m := _TRAILING_STOPS.search(title)) and (
            len(m.group(0)) > 1 or not truncated_word(_last_word(title[: m.start()]), knowledge)
        ):
            dropped.append(m.group(0))
            title = title[: m.start()]
            continue
        if m := _ACRONYM_STOP.search(title):
            dropped.append(".")
            title = title[: m.start(1)]
            continue
        if m := GLUED_ARTICLE.search(title):
            dropped.append(m.group(0))
            title = title[: m.start()]
            continue
        return title, dropped


# A full stop after an acronym that ends a title ("FAuB." on a heavy scan of seed 137): a capital
# inside the word makes it one, and an acronym takes no abbreviation's stop.
_ACRONYM_STOP = re.compile(r"(?:^|(?<=\s))[A-ZÄÖÜ][A-Za-zäöüß]*[A-ZÄÖÜ][A-Za-zäöüß]*(\.)$")
GLUED_ARTICLE = re.compile(r"-(?:Die|Der|Das)$")
"""The next line's first word glued on by a hyphen ("Weiterbildungspaket Anerkennungsberatung-Die"
before "Förderung der aufgeführten Maßnahmen", heavy scan of seed 136; § 5's title "des
Rheingau-Taunus-Kreises-Der", txt-ocr of seed 140): no compound or name ends in an article."""


_ARTICLES_PREPOSITIONS = "der|die|das|den|dem|des|für|mit|in|im|zur|zum|von|vom|am|an|auf|aus"
_SMALL_WORDS = f"{_ARTICLES_PREPOSITIONS}|und|oder"

# A full stop after a long word, before a small word that goes on the title ("Auszubildenden. mit
# Fluchterfahrung"): a speck, as no sentence ends inside a title. Abbreviations are short ("bzw.",
# "ggf.") or stand before a noun ("ausländ. Berufsabschlüssen"), so neither is touched.
_STRAY_STOP = re.compile(rf"(?<=[a-zäöüß]{{6}})\.(?= (?:{_SMALL_WORDS}|bei|ohne|nach) )")

# A hyphen where a space was, after a small word no compound starts with ("in der-Altenpflegehilfe",
# "und-Fachkräftesicherung", "in-der", and "und- Einzelförderungen" on a heavy scan of seed 128;
# before an acronym, "für-SuS" on a TIFF of seed 214); not inside a hyphenated chain
# ("Kinder-und-Jugendhilfe").
_STRAY_HYPHEN = re.compile(
    rf"(?<![\w-])({_SMALL_WORDS})- ?"
    r"([A-ZÄÖÜ][a-zäöüß]{2,}|[A-ZÄÖÜ][a-zäöüß]?[A-ZÄÖÜ][^\W\d_]*"
    r"|(?:der|die|das|den|dem|des|ein|eine|einer|einem|eines)(?![\w-]))"
)

# The same before a small letter, after a preposition or article ("Geflüchtete mit-ausländ.
# Berufsabschlüssen" on a heavy scan of seed 145). Not after "und"/"oder": "und-strategie" may be
# "und -strategie" with its space lost.
_STRAY_HYPHEN_SMALL = re.compile(rf"(?<![\w-])({_ARTICLES_PREPOSITIONS})-(?=[a-zäöüß]{{3,}})")

# A speck read glued between a small word and the next ("Geflüchtete mit.ausländ.
# Berufsabschlüssen" on a TIFF of seed 124): no abbreviation is one of these words.
_GLUED_MARK = re.compile(rf"(?<![\w.,:;-])({_SMALL_WORDS})[.,:;](?=[A-ZÄÖÜa-zäöüß][a-zäöüß]{{2,}})")


# A full stop after a long word, before a capitalised one ("Werkstattjahr. Grün- und
# Landschaftsbau" on a heavy scan of seed 121): a speck unless the word is cut short, as an
# abbreviation is ("ausländ. Berufsabschlüssen").
# Glued to the capitalised word ("Schulung.Gesprächsführung in …" on txt-ocr of seed 139, a silent
# error of its first look), the stop stands where a space was; glued to a word in small letters
# too ("Fachtag „Übergänge.gestalten“" on a heavy scan of seed 157). Before an opening quote
# as before its word ("Küchenhelferqualifizierung. „Frischküche“" on text OCR of seed 249).
_INNER_STOP = re.compile(r"(?<=[a-zäöüß]{5})\.(?:(?=( ?)[„‚\"]?[A-ZÄÖÜ])|(?=[a-zäöüß]{3}))")


def _inner_stop(title: str, knowledge: Knowledge) -> str:
    """``title`` without full stops that end a whole word inside it (see _INNER_STOP)."""
    for m in reversed(list(_INNER_STOP.finditer(title))):
        word = _last_word(title[: m.start()])
        if word.isalpha() and not truncated_word(word, knowledge):
            title = title[: m.start()] + ("" if m.group(1) else " ") + title[m.end() :]
    return title


# A dash glued after an abbreviation's stop ("mit ausländ.- Berufsabschlüssen" on a heavy scan of
# seed 144): the dash is the speck and the stop is the abbreviation's. After a whole word the
# stop is the speck (_STOP_BEFORE_MARK: "Schule.- Beruf").
_DASH_AFTER_STOP = re.compile(r"(?<=[a-zäöüß]{3})\.(-)(?= )")


def _abbreviation_dash(title: str, knowledge: Knowledge) -> str:
    """``title`` without a dash glued after the stop of a word cut short (see _DASH_AFTER_STOP)."""
    for m in reversed(list(_DASH_AFTER_STOP.finditer(title))):
        if truncated_word(_last_word(title[: m.start()]), knowledge):
            title = title[: m.start(1)] + title[m.end(1) :]
    return title


def _bullet_digit(body: str, current: Category, categories: tuple[Category, ...]) -> re.Match[str] | None:
    """A digit standing for a bullet at the start of ``body`` (:data:`_DIGIT_FOR_BULLET`), or
    None when it may number a heading still to come: headings follow in order, so under category
    ``current`` only a higher number could ("2 Azubi-Sprachcoaching" under heading 2, a heavy
    scan of seed 255, is an item; "3 Qualifizierung …" there may be heading 3 misread)."""
    m = _DIGIT_FOR_BULLET.match(body)
    if m is None or any(c.number == int(m.group(1)) > current.number for c in categories):
        return None
    return m


def _pair_mark(title: str) -> tuple[int, str] | None:
    """Where a comma, a colon or a full stop (or a hyphen glued to both words) stands for the ";"
    that joins two projects in one item, and which mark it is, or None: the part after it starts
    with the title's own first word ("Teilzeitausbildung Modul Kinderbetreuung, Teilzeitausbildung
    Modul Prüfungsvorbereitung", "…: Teilzeitausbildung …" on a TIFF of seed 127, "…
    Prüfungsvorbereitung-Teilzeitausbildung für …" on a heavy scan), which no enumeration or
    compound inside one title does."""
    words = title.split()
    if len(words) < 4 or len(words[0]) < 4 or not words[0][:1].isupper() or not words[0].isalpha():
        return None
    for mark in (", ", ": ", ". ", "-"):
        at = title.find(mark + words[0] + " ")
        if at > 0:
            return at, mark.strip()
    return None


def _stray_apostrophe(title: str) -> str:
    """``title`` with an apostrophe OCR put where a space was read as that space."""
    if sum(title.count(q) for q in _SINGLE_QUOTES) != 1:
        return title
    return _STRAY_APOSTROPHE.sub(r"\1 ", title)


# A short token far right of a line, past a column gap (ocr.COLUMN_SEPARATOR): a speck or a
# stamp's edge beside the list, which has one column ("* Schulung Mitarbeiterschaft    5").
_FAR_SPECK = re.compile(r" {3,}(\S{1,3})$")


def _lines_of(doc: SplitDocument) -> tuple[list[_Line], str, list[tuple[str, str]]] | None:
    """§ 5's lines, its raw text, and the specks cut off far right of a line (with the line)."""
    section = doc.section(5)
    if section is None:
        return None
    lines = []
    far: list[tuple[str, str]] = []
    for text, raw in paired_lines(section):
        if not text.strip():
            continue
        text = text.rstrip()
        if m := _FAR_SPECK.search(text):
            far.append((m.group(1), text[: m.start()].strip()))
            text = text[: m.start()]
        marker, body = split_marker(text)
        lines.append(_Line(text=text.strip(), raw=raw.strip(), marker=marker, body=body))
    return lines, section.raw, far


def _collect(lines: list[_Line], knowledge: Knowledge, state: _State) -> tuple[list[_Item], list[_Line]]:
    """Walk § 5's lines: headings open a category, the lines under one become items."""
    categories = tuple(sorted(knowledge.categories, key=lambda c: c.number))
    items: list[_Item] = []
    used: list[_Line] = []
    current: Category | None = None
    seen: set[int] = set()
    intro_done = False
    block_bulleted = False
    width = max([MIN_WIDTH, *(len(line.text) for line in lines)])
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_closing(line):
            break
        if _PAGE_FURNITURE.match(line.text):
            i += 1  # a running header or footer, not a project
            continue
        heading = _match_heading(lines, i, categories)
        if heading is not None and _accept_heading(heading, line, current, state):
            current = heading.category
            if current.number in seen:
                state.warn(f"category {current.number} heading appears twice: {line.text!r}", 0.8)
            seen.add(current.number)
            for text in heading.marked:
                state.warn(
                    f"line with a marker read as the end of category {current.number}'s heading: {text!r}",
                    0.9,
                )
            used.extend(lines[i : i + heading.span])
            block_bulleted = _block_has_bullets(lines, i + heading.span, categories, current)
            if heading.rest:
                marker, body = split_marker(heading.rest)
                items.append(_Item(current, [_Line(heading.rest, line.raw, marker, body)]))
            i += heading.span
            continue
        near = (
            heading is not None
            and current is not None
            and not line.bulleted
            and heading.category.number > current.number
        )
        if near and heading is not None and current is not None:
            last = items[-1] if items and items[-1].category is current else None
            wraps = last is not None and (
                _starts_continuation(line.body) or _ends_open(last.lines[-1], line.body, width)[0]
            )
            # A line numbered as the next category ("3. Qualifizierungsprojekte zur Seiterieitgheg…"
            # under a stamp, heavy scan of seed 141) is that heading too: items are not numbered so.
            numbered = (
                line.marker is not None
                and line.marker.rstrip(".)") == str(heading.category.number)
                and heading.category.number == current.number + 1
            )
            if (block_bulleted and not wraps) or numbered:
                # Under bullets, a line without one that resembles the next heading is that heading.
                state.warn(f"category {heading.category.number} heading read fuzzily: {line.text!r}", 0.7)
                current = heading.category
                seen.add(current.number)
                used.extend(lines[i : i + heading.span])
                block_bulleted = _block_has_bullets(lines, i + heading.span, categories, current)
                i += heading.span
                continue
            state.warn(
                f"line resembles the heading of category {heading.category.number}, "
                f"kept as a project: {line.text!r}",
                0.7,
            )
        if current is None:
            if line.marker is not None or intro_done:
                state.warn(f"line before any category heading cannot be placed: {line.text!r}", 0.7)
            if line.text.rstrip().endswith(":") or "folgende projekte" in folded_words(line.text):
                intro_done = True
            i += 1
            continue
        if _letters(line.body) < 2:
            if line.body.strip(" -–—.·/"):
                state.warn(f"unreadable line left out: {line.text!r}", 0.9)
            i += 1
            continue
        if folded_words(line.body) in ("keine", "entfallt", "keine projekte", "keine massnahmen"):
            i += 1
            continue
        used.append(line)
        last = items[-1] if items and items[-1].category is current else None
        if (
            block_bulleted
            and line.marker is None
            and (m := _LETTERS_FOR_BULLET.match(line.body))
            and m.group(1) not in _TWO_LETTER_WORDS
        ):
            state.warn(f"bullet read as the letters {m.group(1)!r}: {line.text!r}", 0.9)
            line = replace(line, marker="•", body=line.body[m.end() :])
        if block_bulleted and line.marker is None and (m := _bullet_digit(line.body, current, categories)):
            # "8 Azubi-Sprachcoaching" among "«" items (a heavy scan of seed 147): no category
            # is numbered so, and the list's items have bullets
            state.warn(f"bullet read as the digit {m.group(1)!r}: {line.text!r}", 0.9)
            line = replace(line, marker="•", body=line.body[m.end() :])
        if (
            line.marker in _SPECK_MARKERS
            and last is not None
            and _ends_open(last.lines[-1], line.body, width)[0]
        ):
            # ".BaE-Modell" after "…; Ausbildung 3 Jahre - integratives" (a heavy scan of seed
            # 166): the title above cannot end there, so a dot before this line is a speck
            state.warn(f"{line.marker!r} before the rest of a title taken as a speck: {line.text!r}", 0.9)
            last.lines.append(replace(line, marker=None))
            i += 1
            continue
        if line.marker is None and block_bulleted and last is None and _no_word(line.body):
            state.warn(f"unreadable line left out: {line.text!r}", 0.9)
            i += 1
            continue
        if line.marker is not None or last is None:
            items.append(_Item(current, [line]))
            if line.marker is None and block_bulleted:
                # the first item under its heading, its bullet lost or read as something else
                # ("2 Begleitung von …" where the list has "-")
                state.warn(f"line without a bullet taken as its own project: {line.text!r}", 0.9)
            i += 1
            continue
        open_end, note = _ends_open(last.lines[-1], line.body, width)
        if _starts_continuation(line.body) or open_end:
            last.lines.append(line)
            if not block_bulleted:
                state.confidence *= 0.97
        elif block_bulleted and _no_word(line.body):
            # "[fe" after an item (a TIFF of seed 159): not a title, nor the rest of one
            state.warn(f"unreadable line left out: {line.text!r}", 0.9)
        elif (
            block_bulleted
            and _could_wrap(last.lines[-1], line.body, width)
            and not _noun_meets_capital(last.lines[-1].body, line.body)
        ):
            last.lines.append(line)
        else:
            items.append(_Item(current, [line]))
            if note:
                state.warn(note, 0.9)
            elif block_bulleted:
                state.warn(f"line without a bullet taken as its own project: {line.text!r}", 0.9)
            elif _could_wrap(last.lines[-1], line.body, width):
                # the line above reached the margin: this may be the rest of its title
                state.warn(f"line after a full line taken as its own project: {line.text!r}", 0.9)
        i += 1
    _check_headings(seen, categories, items, state)
    return items, used


_SPECK_MARKERS = frozenset({".", "..", ",", ":"})
"""Markers that are OCR's specks as often as bullets: before the rest of an open title, specks."""
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
_NUMBER_WORD = re.compile(r"(?:[IVX]{1,4}|\d{1,4})[.,;:]?")


def _no_word(body: str) -> bool:
    """Is a line without a bullet no title at all, nor the rest of one: not three letters in a
    row ("[fe", "ll =") and not a number ("II", "2019", a title's rest)? Under bullets such a line
    is OCR noise."""
    return _THREE_LETTERS.search(body) is None and not all(_NUMBER_WORD.fullmatch(w) for w in body.split())


def _ahead_is_heading(
    lines: list[_Line], j: int, categories: tuple[Category, ...], current: Category
) -> bool:
    h = _match_heading(lines, j, categories)
    return h is not None and h.category.number > current.number and h.score >= HEADING_FUZZY


def _block_has_bullets(
    lines: list[_Line], start: int, categories: tuple[Category, ...], current: Category
) -> bool:
    """Whether the lines under the heading (up to the next heading or the closing paragraph) use
    markers: only then does a line without one continue the title above it.

    A list with markers has one on its first line, or on at least half its lines (wrapped titles
    make the other half). A stray mark that OCR made of a speck on one line of an unmarked list
    does not make it a marked list; a numbered heading is not a marker.
    """
    block: list[_Line] = []
    for j in range(start, len(lines)):
        if _is_closing(lines[j]) or (
            not lines[j].bulleted and _ahead_is_heading(lines, j, categories, current)
        ):
            break
        block.append(lines[j])
    if not block:
        return False
    marked = sum(line.marker is not None for line in block)
    return block[0].marker is not None or 2 * marked >= len(block)


def _accept_heading(heading: _Heading, line: _Line, current: Category | None, state: _State) -> bool:
    """Whether a heading-like line opens a category. Headings come in order 1..4, so a line that
    resembles an earlier (or the current) category is a project named like one ("Ausbildungs-
    vorbereitung plus"), unless it matches almost exactly. A damaged heading (HEADING_FUZZY) opens
    its category only where it is expected: first, or the next number, or numbered as itself."""
    number = heading.category.number
    expected_next = (current.number if current else 0) + 1
    forward = current is None or number > current.number
    bulleted = line.bulleted
    if bulleted and (heading.score < 95 or not forward):
        return False
    if heading.score >= HEADING_ACCEPT and (forward or heading.score >= 97):
        accepted = True
    else:
        # Before the first heading any category may open the list (an agreement lists only the
        # Maßnahmenarten it funds), and a line there could be nothing else: no project stands
        # outside a category.
        accepted = heading.score >= HEADING_FUZZY and (
            heading.number == number or current is None or number == expected_next
        )
    if not accepted:
        return False
    if heading.score < HEADING_SURE:
        state.warn(f"category {number} heading read fuzzily: {line.text!r}", 0.85)
    if heading.number is not None and heading.number != number:
        state.warn(f"heading numbered {heading.number} reads as category {number}: {line.text!r}", 0.85)
    return True


LOST_HEADING = 60.0
"""A project line under the previous category that resembles a missing heading this much
(token_set_ratio of folded words) may be that heading, damaged past recognition."""


def _check_headings(
    seen: set[int], categories: tuple[Category, ...], items: list[_Item], state: _State
) -> None:
    """A category without a heading is normal (agreements list only the Maßnahmenarten they fund),
    but a heading OCR destroyed files its projects under the category before it. That case leaves
    a trace: a "project" that reads like the missing heading. Only then is it flagged.

    A category missing before the first heading found cannot have lost projects that way: lines
    above the first heading are warned about as unplaced."""
    if not seen:
        return
    for category in categories:
        if category.number in seen or category.number < min(seen):
            continue
        names = [folded_words(category.name), *(folded_words(v) for v in category.variants)]
        suspects = [
            item
            for item in items
            if item.category is not None
            and item.category.number < category.number
            and any(
                fuzz.token_set_ratio(folded_words(" ".join(ln.body for ln in item.lines)), n) >= LOST_HEADING
                for n in names
            )
        ]
        if suspects:
            state.warn(
                f"no heading found for category {category.number} ({category.name}), and a line "
                f"reads like it: {suspects[0].lines[0].text!r}",
                0.6,
            )


_QUOTE_PAIRS = (("„", "“"), ('"', '"'))


def lost_closing_quote(title: str) -> str:
    """``title`` with the closing mark of a quotation that runs to its end unclosed ('…
    "Frischküche', '… „Bleib dran', and '„ Frischküche*' on txt-ocr of seed 145, the closer read
    as a speck and a space after the opener, which a later mend takes out): OCR lost that small
    mark at the line's end. Only a quotation of a few words after a space; a quote before the
    whole title is a speck (:func:`open_quote_speck`, applied first)."""
    for opener, closer in _QUOTE_PAIRS:
        at = title.rfind(opener)
        if at <= 0 or title[at - 1] != " ":
            continue
        quoted = title[at + 1 :].lstrip(" ")
        unclosed = title.count('"') % 2 == 1 if opener == '"' else not any(q in quoted for q in _QUOTE_CHARS)
        if unclosed and quoted[:1].isalpha() and quoted[-1:].isalnum() and len(quoted.split()) <= 4:
            return title + closer
    return title


# A quote mark OCR read for the hyphen of a compound's second half after "und" ("Anerkennungsberatung
# und „begleitung für …" on a TIFF of seed 125, "und - „begleitung" beside the hyphen on a heavy
# scan of seed 146): a lower-case word, and no closing mark follows.
_QUOTE_FOR_HYPHEN = re.compile(r"( (?:und|oder|bzw\.|sowie) )(?:- )?[„\"“,‚](?=[a-zäöüß]{3,}[^„\"“”]*$)")


# "Ü" of an age label read as a zero ("Ältere (050)" on txt-ocr of seed 124 and a TIFF of seed
# 129): a bracketed number with a leading zero is no label.
_ZERO_FOR_OVER = re.compile(r"(?<=\()0(?=[4-9]\d\))")

# A hyphen glued between a word and a preposition or article that goes on the title
# ("Gesprächsführung-in schwierigen" on a heavy scan of seed 123). Not before "und"/"oder":
# "Ausbildungs-und Qualifizierung…" lost a space after its hyphen, not the hyphen; a chain goes
# on with a hyphen ("Kinder-und-Jugendhilfe").
_HYPHEN_BEFORE_SMALL = re.compile(rf"(?<=[a-zäöüß]{{3}})-(?=(?:{_ARTICLES_PREPOSITIONS}) )")

# A mark glued between a word and a preposition or article that goes on the title
# ("Auszubildenden.mit Fluchterfahrung" on txt-ocr of seed 135, "Hilfen.in" on a heavy scan of
# seed 137), or after a hyphen before "und" ("Mädchen-.und Frauenförderung" on a TIFF of seed 134):
# a space, as OCR read a speck where one was. Not before "und"/"oder" after a word: "Pflege.und
# Betreuung" may have lost a hyphen as well as a space (flagged as damage instead).
_GLUED_BEFORE_SMALL = re.compile(rf"(?<=[^\W\d_][a-zäöüß]{{4}})[.,:;](?=(?:{_ARTICLES_PREPOSITIONS}) )")
_MARK_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]{2}-)[.,:;'’](?=(?:und|oder|bzw\.|sowie) )")

# A mark after a preposition or article, before the word it governs ("Sprachkurse für, Mütter" on
# a heavy scan of seed 139): a speck, as nothing may stand between the two.
_MARK_AFTER_SMALL = re.compile(rf"(?<![\w-])({_ARTICLES_PREPOSITIONS})[,.;:](?= [^\W\d_])")

# A full stop glued before a spaced dash or slash ("Schule.- Beruf", "Alltagsbegleiterin./ zum" on
# a heavy scan of seed 140): it stands where the space before the mark was. And a speck between a
# slash and the hyphen of a gender ending ("Maler/'-innen" on a TIFF of seed 141).
_STOP_BEFORE_MARK = re.compile(r"(?<=[a-zäöüß]{3})\.(?=[-–/] )")
_SPECK_IN_ENDING = re.compile(r"(?<=[^\W\d_]/)['‘’`´.,](?=-[a-zäöüß])")
# The hyphen of a gender ending read as another mark ("Gärtner/:in" on a text OCR of seed 225, an
# unflagged wrong value): after a slash only "-in" and "-innen" stand.
_MARK_FOR_ENDING_HYPHEN = re.compile(r"(?<=[^\W\d_]/)[:;.,'‘’`´~_](?=in(?:nen)?\b)")

# A quotation closed by a single mark ("Fachtag „Übergänge gestalten‘ 2020" on a TIFF of seed
# 134): the closing mark read short, when no other quote mark follows the opening one.
_SINGLE_CLOSE = re.compile(r"(?<= )([„\"])([^\"'‘’„“”]+)['‘’](?= |$)")

# A full stop glued before an opening quote ("Fachtag."Übergänge gestalten" 2024" on txt-ocr of
# seed 128): a space.
_STOP_BEFORE_QUOTE = re.compile(r"(?<=[a-zäöüß]{3})\.(?=[\"„][A-ZÄÖÜ])")


# "Ü50" (über 50: older people) with its dots lost (txt-ocr of seed 126, a heavy scan of seed 127):
# programmes for the young are "U25", "U27", "U30"; none is "unter 40" or more.
_OVER_AGE = re.compile(r"(?<![\wÜ])U(?=[4-9]\d\b)")


# A small word that German writes in lower case inside a title, capitalised by OCR after a
# word ("Qualifizierung Zur Pflegehelferin"); after a dash or inside quotes it may start a phrase.
_CAPITAL_SMALL_WORD = re.compile(
    r"(?<=[a-zß\u00e0-\u00ff] )(Zur|Zum|Für|Und|Oder|Der|Die|Das|Den|Dem|Des|Mit|Von|Vom|Im|In|Am|An|Auf|Aus|Bei)(?= )"
)
# The same for the second form after a slash ("zur Alltagsbegleiterin / Zum Alltagsbegleiter", a
# TIFF of seed 183); after a slash elsewhere a phrase may start ("Sprachkurse / Der Weg …").
_CAPITAL_SECOND_FORM = re.compile(r"(\bzu[rm] [A-ZÄÖÜ][^\W\d_]{2,} / )Zu([rm])(?= )")


def _small_word_capitalised(title: str) -> str:
    title = _CAPITAL_SMALL_WORD.sub(lambda m: m.group(1).lower(), title)
    return _CAPITAL_SECOND_FORM.sub(r"\1zu\2", title)


_SEMICOLON_BEFORE_MARK = re.compile(r";(?=[,.:] )")

# An opening mark read twice, the second as a single quote ("„‚Frischküche“" on a 300-dpi scan of
# seed 147): one opener.
_DOUBLE_OPENER = re.compile(r"(?<=[„\"“])[‚'‘’`´](?=[A-ZÄÖÜ])")

# A space OCR put after an opening mark whose partner follows ("„ Frischküche“", "( Ü50)"), and
# after a hyphen inside a compound ("Kfz- Werkstatt"; "Garten- und Landschaftsbau" keeps it).
_SPACE_AFTER_OPENER = re.compile(r"([„(])\s+(?=[^\s„(][^„(]*[“)])")
SPACE_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})- (?=[A-ZÄÖÜ])")  # "und", "oder" are lower case

# A quotation closed with a mark of another kind than it opened with: "Sprachcafé” (straight, then
# curly: six heavy scans and TIFFs of seeds 114-155) and „Übergänge gestalten" 2017 (low, then
# straight, before more of the title: seeds 103, 110, 148). Titles pair „ with “ and " with ".
_CURLY_AFTER_STRAIGHT = re.compile(r'(?<!\w)"([^"“”„]+)[”“](?=[\s.,;:!?)]|$)')
_STRAIGHT_AFTER_LOW = re.compile(r'„([^"“”„]+)"(?=[\s.,;:!?)]|$)')

# A speck glued between a spaced dash and the next word ("Inmigra -.Integrationsmaßnahme" on a
# heavy scan of seed 157): it stands where the space was; or glued to the dash before the space
# ("Fachkräftesicherung in der Pflege -' Qualifizierung", a TIFF of seed 204).
_MARK_AFTER_DASH = re.compile(r"(?<= )([-–])[.,:;'’‘] ?(?=[A-ZÄÖÜ])")

# A colon glued to the title's last word ("Sprachförderung für zugewanderte Jugendliche:" on a heavy
# scan of seed 157): no title ends in one; spaced, _clean_title drops it already.
_FINAL_COLON = re.compile(r"(?<=[a-zäöüß]{3}):$")

# An "&" before the first title of a list without bullets ("& Berufsorientierung für …" on a heavy
# scan of seed 157): a speck, not a bullet (taken for one, it made the list look bulleted and the
# next title a continuation of this one); no title starts with "&".
_LEADING_AMPERSAND = re.compile(r"^&\s+(?=[A-ZÄÖÜ])")
# An "&" standing alone after the last title of a category ('„Perspektive Zukunft“ &', '…
# Berufsabschlüssen &': a heavy scan of seed 210, one of seed 216): nothing follows it, and no
# title ends in one.
_TRAILING_AMPERSAND = re.compile(r"\s+&$")


# A curly or square bracket that a round one closes ("Einrichtungen {BaE)" on a TIFF of seed 184):
# a round one misread; titles use round brackets.
_BRACKET_FOR_ROUND = re.compile(r"[{\[](?=[^(){}\[\]]*\))")

# A compound's hyphen read twice with a space between ("Azubi- -Sprachcoaching" on a heavy scan of
# seed 175): one hyphen; a word part's hyphen before "und" is followed by a small word.
_HYPHEN_READ_TWICE = re.compile(r"(?<=[^\W\d_])- -(?=[A-ZÄÖÜ])")

# A spaced dash read as two hyphens glued to the word before it ('Kinderbetreuung-- "Sprachcafé"'
# on a heavy scan of seed 161): a hyphen that ends a word part ("Kinderbetreuungs- und") is one.
_GLUED_DOUBLE_HYPHEN = re.compile(r"(?<=[^\W\d_])-{2,}(?= )")

# A spaced dash glued to the capitalised word or the opening quote after it ("Übergangsmanagement
# Schule -Beruf" on a heavy scan of seed 163, 'verhindern -„Bleib dran!“' on a TIFF of 171): a
# hyphen before a capital or a quote is no word part's ("und -begleitung" is small).
_DASH_GLUED_TO_NEXT = re.compile(r"(?<=[^\W\d_]) -(?=[A-ZÄÖÜ„\"])")

# A hyphen glued before a capitalised word after "und" ("Kompetenzfeststellung und
# -Berufswegeplanung", text OCR of seed 206): no dash follows "und", and a hyphen that stands for a
# word's missing part leads a small tail ("und -begleitung"); it is a speck.
_HYPHEN_AFTER_AND = re.compile(r"( (?:und|oder|sowie) )-(?=[A-ZÄÖÜ][a-zäöüß]{2})")

# A colon whose space was read as a hyphen ("Jugendberufshilfe:-Einstiegsqualifizierung Plus" on
# a heavy scan of seed 166), or as a quote mark ("Jugendberufshilfe:'Einstiegsqualifizierung Plus",
# text OCR of seed 216): no word part starts after a colon, and no quotation opens with "'".
_MARK_FOR_SPACE_AFTER_COLON = re.compile(r"(?<=[^\W\d_]):[-'’‘`´](?=[A-ZÄÖÜ])")
# A speck glued after a title's colon ("Jugendberufshilfe:. Einstiegsqualifizierung Plus", a heavy
# scan of seed 195).
_SPECK_AFTER_COLON = re.compile(r"(?<=[^\W\d_]):[.,;'’`´](?= [A-ZÄÖÜ])")

# One or two letters before a title's capital that are no word a title starts with: small ("er
# Sprachförderung für zugewanderte Jugendliche", a heavy scan of seed 169) or capitalised ("Ne
# Ausbildungsbegleitende Hilfen …", a bullet on a heavy scan of seed 178): a bullet's or a
# scribble's speck. "Im", "Zu", "An" … do start titles; in small letters no title starts.
_SPECK_FIRST = re.compile(r"^([a-zäöüß]{1,2}|[A-ZÄÖÜ][a-zäöüß]) (?=[A-ZÄÖÜ])")


def speck_first(title: str) -> str:
    """``title`` without one or two letters before it that start no title (see _SPECK_FIRST):
    the one rule for project titles and § titles."""
    m = _SPECK_FIRST.match(title)
    if m is None or (m[1][0].isupper() and m[1].lower() in _TWO_LETTER_WORDS):
        return title
    return title[m.end() :]


# A version number glued to the word before it ("PersA3.0", a heavy scan of seed 178), or its
# space read as an apostrophe ("PersA'3.0", text OCR of seed 192).
_GLUED_VERSION = re.compile(r"(?<=[^\W\d_])['’‘`´]?(?=\d\.\d\b)")
# A version number's point read as a colon ("PersA 3:0", a heavy scan of seed 202): a digit, a
# colon and one digit after a word, the title's end; no time of day ("9:30") is written so.
_COLON_IN_VERSION = re.compile(r"(?<=[^\W\d_] \d):(?=\d$)")

# An age label whose letter OCR lost altogether ("Digitale Grundbildung für Ältere (50)", text OCR
# of seed 193, unflagged at first look): from 40 up it is "Ü" (über), as _OVER_AGE has it; a
# younger bare age is only said (damage check), as "U" (unter) and "Ü" both label such ages.
_LOST_OVER = re.compile(r"(?<=\()(?=[4-9]\d\))")

# A full stop glued before a small word after a space ("Schweigepflicht .in der Beratung", a heavy
# scan of seed 169): a speck where nothing ends.
_STOP_BEFORE_SMALL_WORD = re.compile(r"(?<= )\.(?=[a-zäöüß]{2,} )")

# A hyphen between an adjective in small letters and the capitalised noun it goes with
# ("beruflichen-Schulen", heavy scan of seed 171): no compound starts with a small word, though
# one may hold it inside a chain ("Arbeit-statt-Sozialhilfe", guarded as _STRAY_HYPHEN is).
_SMALL_HYPHEN_NOUN = re.compile(r"(?<![\w-])([a-zäöüß]{4,})-(?=[A-ZÄÖÜ][a-zäöüß])")

# The slash between a title's two forms lost ("Ausbildung zur Hauswirtschafterin zum
# Hauswirtschafter", text OCR of seed 170, with no warning naming projects).
_LOST_FORM_SLASH = re.compile(r"\b(zur [A-ZÄÖÜ][^\W\d_]*in) (zum [A-ZÄÖÜ])")


_TITLE_MENDS: tuple[tuple[Callable[[str], str], str], ...] = (
    (_stray_apostrophe, "apostrophe read as a space"),
    (open_quote_speck, "quote mark before the title taken as a speck"),
    (lambda t: _STRAY_STOP.sub("", t), "full stop inside the title taken as a speck"),
    (lambda t: _STRAY_HYPHEN.sub(r"\1 \2", t), "hyphen read as a space"),
    (lambda t: _STRAY_HYPHEN_SMALL.sub(r"\1 ", t), "hyphen read as a space"),
    (lambda t: _GLUED_MARK.sub(r"\1 ", t), "mark glued after a small word read as a space"),
    (lambda t: _QUOTE_FOR_HYPHEN.sub(r"\1-", t), "quote mark read for the hyphen after 'und'"),
    (lambda t: _OVER_AGE.sub("Ü", t), "'U' before an age of 40 or more read as 'Ü' (über), its dots lost"),
    (lambda t: _ZERO_FOR_OVER.sub("Ü", t), "'0' before an age of 40 or more read as 'Ü' (über)"),
    (lambda t: _HYPHEN_BEFORE_SMALL.sub(" ", t), "hyphen before a small word read as a space"),
    (lambda t: _STOP_BEFORE_QUOTE.sub(" ", t), "full stop before an opening quote read as a space"),
    (lambda t: _GLUED_BEFORE_SMALL.sub(" ", t), "mark glued before a small word read as a space"),
    (lambda t: _MARK_AFTER_HYPHEN.sub(" ", t), "mark after a hyphen before 'und' read as a space"),
    (lambda t: _MARK_AFTER_SMALL.sub(r"\1", t), "mark after a preposition or article taken as a speck"),
    (lambda t: _STOP_BEFORE_MARK.sub(" ", t), "full stop before a spaced dash or slash read as a space"),
    (lambda t: _SPECK_IN_ENDING.sub("", t), "speck inside a '/-innen' ending"),
    (lambda t: _MARK_FOR_ENDING_HYPHEN.sub("-", t), "hyphen of a '/-in' ending read as another mark"),
    (
        lambda t: _SINGLE_CLOSE.sub(lambda m: m[1] + m[2] + ("“" if m[1] == "„" else '"'), t),
        "single quote mark closing a quotation read as a double one",
    ),
    (lost_closing_quote, "closing quote mark lost at the end, put back"),
    (_small_word_capitalised, "small word read with a capital"),
    (lambda t: _SPACE_AFTER_OPENER.sub(r"\1", t), "space after an opening mark"),
    (lambda t: _DOUBLE_OPENER.sub("", t), "opening quote mark read twice"),
    (lambda t: SPACE_AFTER_HYPHEN.sub("-", t), "space after a hyphen inside a word"),
    (
        lambda t: _CURLY_AFTER_STRAIGHT.sub(r'"\1"', t),
        "quotation closed with a curly mark after a straight one",
    ),
    (lambda t: _STRAIGHT_AFTER_LOW.sub(r"„\1“", t), "quotation closed with a straight mark after „"),
    (lambda t: _MARK_AFTER_DASH.sub(r"\1 ", t), "mark glued after a spaced dash read as a space"),
    (lambda t: _FINAL_COLON.sub("", t), "colon at the end of the title taken as a speck"),
    (lambda t: _LEADING_AMPERSAND.sub("", t), "'&' before the title taken as a speck"),
    (lambda t: _TRAILING_AMPERSAND.sub("", t), "'&' after the title taken as a speck"),
    (lambda t: _HYPHEN_READ_TWICE.sub("-", t), "hyphen read twice with a space between"),
    (lambda t: _BRACKET_FOR_ROUND.sub("(", t), "bracket read for '(' before a ')'"),
    (lambda t: _GLUED_DOUBLE_HYPHEN.sub(" -", t), "spaced dash read as two hyphens glued to a word"),
    (
        lambda t: _HYPHEN_AFTER_AND.sub(r"\1", t),
        "hyphen before a capitalised word after 'und' taken as a speck",
    ),
    (lambda t: _DASH_GLUED_TO_NEXT.sub(" - ", t), "spaced dash glued to the next word"),
    (lambda t: _MARK_FOR_SPACE_AFTER_COLON.sub(": ", t), "mark after a colon read as a space"),
    (lambda t: _SPECK_AFTER_COLON.sub(":", t), "mark glued after a colon taken as a speck"),
    (speck_first, "letters before the title taken as a speck"),
    (lambda t: _GLUED_VERSION.sub(" ", t), "space before a version number lost"),
    (lambda t: _COLON_IN_VERSION.sub(".", t), "colon read for a version number's point"),
    (lambda t: _LOST_OVER.sub("Ü", t), "'Ü' before an age of 40 or more lost, put back"),
    (lambda t: _STOP_BEFORE_SMALL_WORD.sub("", t), "full stop before a small word taken as a speck"),
    (lambda t: _LOST_FORM_SLASH.sub(r"\1 / \2", t), "'/' between the two forms lost, put back"),
    (lambda t: _SMALL_HYPHEN_NOUN.sub(r"\1 ", t), "hyphen between a small word and a noun read as a space"),
)
"""Specks and slips inside a title, mended in this order, each with a warning that names it."""


def parse_projects(doc: SplitDocument, knowledge: Knowledge) -> Extracted[tuple[Project, ...]]:
    """Every project listed in § 5 with its category, in document order; see the module docstring.

    Confidence starts high and drops for every guess (fuzzy or missing heading, damaged title, line
    without a place, title joined across lines in an unbulleted list); each drop comes with a warning
    so a reviewer knows where to look.
    """
    found = _lines_of(doc)
    if found is None:
        return Extracted(
            value=None, confidence=0.0, warnings=(FieldWarning(field=FIELD, message="§ 5 not found"),)
        )
    lines, section_raw, far = found
    state = _State()
    for speck, where in far:
        state.warn(f"{speck!r} far right of a line taken as a speck: {where!r}", 0.95)
    items, used = _collect(lines, knowledge, state)

    projects: list[Project] = []
    parts: list[tuple[str, str]] = []
    for item in items:
        title = item.lines[0].body
        for k, line in enumerate(item.lines[1:], start=2):
            if k == len(item.lines) and line.body.strip().lower() in _CONJUNCTIONS:
                # a lone "und" after the last title, before the closing paragraph (seed 127,
                # 300 dpi): OCR's stray reading, as no title ends in a conjunction
                state.warn(f"a line of only {line.body.strip()!r} after a title taken as noise", 0.9)
                continue
            title = _join(title, line.body)
        raw = "\n".join(line.raw for line in item.lines)
        if _SEMICOLON_BEFORE_MARK.search(title):
            # "Anerkennungspraktika;, Qualifizierungen" (a heavy scan of seed 147): the ";" that
            # joins two projects is followed by its next title, not by a mark and a space (glued
            # to the next title, "Lagerhelfer/-in;.Qualifizierung", the ";" is the real one)
            state.warn(f"';' glued before a mark taken as a speck: {_clean_title(title)!r}", 0.9)
            title = _SEMICOLON_BEFORE_MARK.sub("", title)
        pieces = title.split(";")
        if len(pieces) == 1 and (pair := _pair_mark(title)) is not None:
            cut, mark = pair
            state.warn(f"{mark!r} read for the ';' between two projects: {_clean_title(title)!r}", 0.85)
            pieces = [title[:cut], title[cut + 1 :]]
        for piece in pieces:
            piece = _clean_title(piece)
            if not piece:
                continue
            piece = split_marker(piece)[1]
            key = f"{FIELD}[{len(projects)}]"
            piece, specks = _trailing_specks(piece, knowledge)
            if specks:
                shown = " ".join(reversed(specks))
                state.warn(f"{shown!r} at the end taken as OCR specks: {piece!r}", 0.9, key)
            if (mended := _abbreviation_dash(piece, knowledge)) != piece:
                state.warn(f"dash after an abbreviation taken as a speck: {piece!r}", 0.9, key)
                piece = mended
            for mend, what in _TITLE_MENDS:
                mended = mend(piece)
                if mended != piece:
                    state.warn(f"{what}: {piece!r}", 0.9, key)
                    piece = mended
            if (mended := _inner_stop(piece, knowledge)) != piece:
                state.warn(
                    f"full stop after a whole word inside the title taken as a speck: {piece!r}", 0.9, key
                )  # glued to the next word, it became a space
                piece = mended
            if _letters(piece) < 2:
                state.warn(f"project title unreadable, left out: {piece!r}", 0.8)
                continue
            if _TRAILING_DIGIT.search(piece):
                state.warn(f"title ends in a lone digit (a speck?): {piece!r}", 0.85, key)
            damage = title_damage(piece) or _dotted_word(piece, knowledge.lexicon)
            if damage:
                state.warn(f"title looks damaged ({damage}): {piece!r}", 0.85, key)
            elif unknown := _unknown_word(piece, knowledge):
                state.warn(f"{unknown!r} is in no word list (a name, or misread): {piece!r}", 0.9, key)
            projects.append(
                Project(category=item.category.number, category_name=item.category.name, title=piece)
            )
            parts.append((key, raw))

    if not projects:
        state.warnings.append(FieldWarning(field=FIELD, message="no projects found in § 5"))
        return Extracted(value=None, confidence=0.0, raw=section_raw, warnings=tuple(state.warnings))
    raw = "\n".join(line.raw for line in used) if used else section_raw
    return Extracted(
        value=tuple(projects),
        confidence=round(max(0.0, min(1.0, state.confidence)), 3),
        raw=raw,
        warnings=tuple(state.warnings),
        parts=tuple(parts),
    )


__all__ = ["paired_lines", "parse_projects", "split_marker", "title_damage"]
