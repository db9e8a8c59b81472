"""Stage 3: repair umlauts, ß and other letter confusions that OCR left in German words.

Tesseract's ``deu`` model turns "für" into "fiir"/"fur", "Groß" into "GroR"/"Gro3", "ist" into
"|st". Downstream parsers match names and headings, so those words must be fixed, but the tool
promises never to be silently wrong, which shapes everything here:

* Candidates come from the confusion table (``corrections/confusions.tsv``), so a change can name
  the confusion behind it. Only a long word that the table cannot mend and that is no word as
  written ("Tellze!tausblldur_lgen") is compared with the domain lexicon by edit distance, and
  taken only when one lexicon word is clearly nearest (:meth:`_Repairer._nearest`).
* A candidate is accepted only when it is a known word (the domain lexicon
  ``corrections/lexicon.txt``, the general German list of ``wordfreq``, or a compound of known
  words) and clearly better known than the word as written. Bare membership is not enough:
  the web corpus behind wordfreq is full of OCR junk ("fur" has zipf 4.35), so the candidate has to
  beat the written form by a margin, and a written form that is itself common German ("Hohe",
  "Forderung", "schon") is never touched.
* Words are repaired one whitespace-separated token at a time and only characters inside tokens
  change; a token that is only a speck (" . ", " ° ") may become empty. The whitespace between
  tokens is identical, so raw and repaired tokens pair one to one (:func:`token_pairs`) and any
  span of the repaired text maps back to the raw text (:func:`raw_span`).
* Each change is recorded with its reason, so later stages can lower their confidence in values
  read from repaired words.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wordfreq import get_frequency_dict, top_n_list

from .knowledge import Knowledge, load_knowledge
from .models import Frozen, Section, SplitDocument

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds
# Zipf values: 7 = "und", 5 = "Höhe", 3 = "Präambel", 1 = about once per billion words.

MIN_KNOWN = 2.0
"""A word wordfreq rates below this counts as unknown: below it the list holds mostly junk."""

MIN_CANDIDATE = 3.0
"""A candidate must be at least this well known. Lower, names creep in: "Hansch" would become
"Hänsch" (2.19), "Soller" "Söller" (2.04)."""

JUNK_TRIGRAM = 10
"""A plausible unknown word "looks like OCR junk" when one of its letter trigrams occurs in at
most this many of the 100,000 commonest German words: "abgestlmmt" has "tlm" (0), "wefden" "efd"
(2), "smnvoll" "mnv" (0); names and rare words rarely do ("Ariden" 51, "Tellen" 555)."""

MARGIN = 2.0
"""A candidate must beat a written form that wordfreq knows by this much ("fur" 4.35 -> "für"
6.88; "Stadte" 2.0 -> "Städte" 4.69), so that two real words ("Hohe"/"Höhe") are left alone."""

RAW_CEILING = 4.5
"""A written form at least this common is a real word: never changed ("Forderung" 4.43 is just
below, but "Förderung" 4.61 cannot beat it by MARGIN)."""

LEXICON_ZIPF = 4.5
"""Score of a word in the domain lexicon that wordfreq rates lower (or does not know)."""

COMPOUND_PART = 3.0
"""Head and tail of a compound must each be at least this well known. It is also the score of
a word known only as a compound, so a compound never beats a word wordfreq knows: "Weltstadt"
must not become "Weit+stadt"."""

AMBIGUITY = 1.0
"""Two acceptable candidates closer than this (and not the same word) mean: don't choose."""

EDIT_PENALTY = 0.5
"""Each confusion beyond the first costs this much when candidates are ranked: OCR rarely damages
one word twice, so "grofle" is "große" (one edit), not "größe" (two)."""

COMMON_SLIP = 4.0
"""An unknown word (6+ letters) one shape confusion away from a word at least this common is
repaired: "Septernber" -> "September" (5.17), "Qualifizterung" -> "Qualifizierung"."""

MIN_SLIP_LENGTH = 6

MAX_EDITS = 3
"""Most confusions applied to one word part ("Tatlgkelten" -> "Tätigkeiten" needs three)."""

# --------------------------------------------------------------------------- characters

NEAREST_MIN_LETTERS = 8
"""Only words this long are matched to the nearest domain word: short ones have too many
neighbours ("Mitten", "Mitteln")."""
NEAREST_SHARE = 0.25
"""At most this share of a word's letters may differ from the domain word it is taken for."""
NEAREST_MARGIN = 2
"""The runner-up domain word must differ in at least this many more letters."""

_VOWEL = re.compile(r"[aeiouyäöüAEIOUYÄÖÜ]")
_TOKEN = re.compile(r"\S+")  # \S matches exactly the complement of str.isspace, as str.split uses

_EDGE_PUNCT = frozenset("\"'`´.,;:!?()[]{}<>*_~^+=#%&@$§°®©™•·…‚‘’„“”«»‹›¡¿-‐‑–—/\\")
"""Characters stripped from the ends of a token before repair and put back after. The bar "|"
is not here: at the start of a word it is a damaged "i" or "l" ("|st")."""
_EDGE_CHARS = "".join(sorted(_EDGE_PUNCT))  # the same, for str.strip

_SPLIT = re.compile(r"([-‐‑–—/]|(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2}))")
"""Joiners inside a word: each part of "Groß-Gerau" or "Landrat/Landrätin" is repaired alone; so
is each word of two glued by a speck read as a full stop ("Kätrin.Wagner"), where letters stand
on both sides ("z.B." and "21.9.19" stay whole)."""

_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßÄÖÜ"
    "àáâãåæçèéêëìíîïñòóôõøùúûýÿÀÁÂÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕØÙÚÛÝ"
)
"""Letters a German word (or a loanword or name in one) is made of. A word part with anything
else ("|", "3", "!", a ligature) is not a word as written, whatever wordfreq says: wordfreq
tokenises "|st" to "st" and folds "ﬁ" into "fi"."""

_ONLY_LETTERS = re.compile("[" + "".join(sorted(_LETTERS)) + "]+")

_ODD_CASE = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
"""A capital after a small letter ("GroB", "MaBnahmen") is not a German word. wordfreq folds
case, so without this rule "GroB" would pass as "grob" (zipf 4.1)."""

_LINKS = ("", "s", "es", "n", "en", "er", "e")
"""Linking elements between compound parts: "Ausbildung-s-fähigkeit", "Stadt-e-rat"."""


# --------------------------------------------------------------------------- public API


class Change(Frozen):
    """One repaired word part: its span in the raw text, before and after, and why."""

    start: int
    end: int
    raw: str
    fixed: str
    reason: str


class Repaired(Frozen):
    """The raw text, the repaired text (same whitespace skeleton: see :func:`token_pairs`) and
    every change made."""

    raw: str
    text: str
    changes: tuple[Change, ...]


def repair_text(text: str, knowledge: Knowledge | None = None) -> Repaired:
    """Repair OCR letter confusions word by word; never raises, never changes whitespace.

    A token may be repaired away to nothing (a speck standing alone: " . ", " ° "); the whitespace
    on both sides of it stays, so every line keeps its place and :func:`token_pairs` can still
    pair each raw token with its repair.

    Repair runs until a pass changes nothing (at most MAX_PASSES): rules that look at neighbours
    see other neighbours once a speck is gone or a word is mended ("Ausbildu n gsabschluss": the
    "n" goes and "Ausbildu" becomes "Ausbildung", and only then is "Ausbildung gsabschluss" one
    split word). So repairing repaired text changes nothing, which the property tests check.

    ``knowledge`` defaults to :func:`aqb_extract.knowledge.load_knowledge` (built-in data).
    """
    repairer = _repairer_for(knowledge if knowledge is not None else load_knowledge())
    result = _repair_pass(text, repairer)
    for _ in range(MAX_PASSES - 1):
        if not result.changes:
            break
        again = _repair_pass(result.text, repairer)
        if again.text == result.text:
            break
        result = _compose(result, again)
    return result


MAX_PASSES = 3
"""Repair passes over one text at most; real text settles after the first or second."""


def _compose(first: Repaired, second: Repaired) -> Repaired:
    """``first`` followed by ``second`` (a pass over ``first.text``), as one repair of the raw
    text. A token the second pass changed gets one change for the whole token, raw to final, with
    the reasons of both passes; the first pass's changes stand for every other token."""
    pairs = token_pairs(first.raw, first.text)
    later = token_pairs(first.text, second.text)
    if pairs is None or later is None:  # cannot happen: each pass keeps the skeleton
        return first
    final = {f_span: s_span for f_span, s_span in later}
    firsts, seconds = (
        _by_token(first.changes, [r for r, _ in pairs]),
        _by_token(second.changes, [f for f, _ in later]),
    )
    changes: list[Change] = []
    for (r0, r1), f_span in pairs:
        mine = firsts.get((r0, r1), [])
        s_span = final.get(f_span) if f_span[0] < f_span[1] else None
        if s_span is None or second.text[s_span[0] : s_span[1]] == first.text[f_span[0] : f_span[1]]:
            changes.extend(mine)
            continue
        reasons = [c.reason for c in mine] + [c.reason for c in seconds.get(f_span, [])]
        changes.append(
            Change(
                start=r0,
                end=r1,
                raw=first.raw[r0:r1],
                fixed=second.text[s_span[0] : s_span[1]],
                reason="; then ".join(dict.fromkeys(reasons)),
            )
        )
    return Repaired(raw=first.raw, text=second.text, changes=tuple(changes))


def _by_token(
    changes: tuple[Change, ...], spans: list[tuple[int, int]]
) -> dict[tuple[int, int], list[Change]]:
    """``changes`` grouped by the token span (among ``spans``, in order) each starts in: whitespace
    parts the tokens, so a change starting at a token's end (an insertion) is still that token's."""
    starts = [a for a, _ in spans]
    grouped: dict[tuple[int, int], list[Change]] = {}
    for change in changes:
        k = bisect.bisect_right(starts, change.start) - 1
        if k >= 0 and change.start <= spans[k][1]:
            grouped.setdefault(spans[k], []).append(change)
    return grouped


def _repair_pass(text: str, repairer: _Repairer) -> Repaired:
    """One pass of repair over ``text``: every token once, left to right."""
    pieces: list[str] = []
    changes: list[Change] = []
    last = 0
    tokens = list(_TOKEN.finditer(text))
    in_list = _sgb_lists(tokens)
    joins = _split_words(tokens, repairer)
    quote_open = False  # a German „ was read as a comma and put back: its closing “ may follow
    quotes = ""  # the quote marks of the repaired tokens so far in this paragraph
    kept = 0  # where the last token that kept some text ends: a speck repaired away between two
    # lines leaves a blank line, and the next repair must see the same paragraphs as this one
    for index, match in enumerate(tokens):
        token = match.group()
        if len(_LINE_BREAK.findall(text[kept : match.start()].replace("\r\n", "\n"))) >= 2:
            quotes = ""  # no quotation runs across a blank line
        fixed, local = (
            joins.get(index)
            or in_list.get(index)
            or _list_marker(tokens, index)
            or _speck(tokens, index, _quote_open(quotes))
            or _in_context(tokens, index)
            or _age_label(token)
            or _acronym(token, repairer)
            or _dollar_s(token, repairer)
            or repairer.token(token)
        )
        fixed, local = _leading_specks(token, fixed, local, repairer)
        fixed, local = _linking_s(tokens, index, fixed, local, repairer)
        fixed, local = _stray_quotes(tokens, index, fixed, local, repairer)
        fixed, local = _loose_hyphens(tokens, index, fixed, local, repairer)
        fixed, local = _stop_before_small(tokens, index, fixed, local, repairer)
        if _LOW_QUOTE.match(fixed):
            fixed = "„" + fixed[1:]
            local = (_Edit(0, 1, ",", "„", "German opening quote read as a comma"), *local)
            quote_open = True
        if quote_open and (m := _STRAIGHT_CLOSE.search(fixed)):
            # only punctuation follows the quote, so it stands as far from the end in the raw token
            at = len(token) - (len(fixed) - m.start())
            fixed = fixed[: m.start()] + "“" + fixed[m.end() :]
            local = (*local, _Edit(at, at + 1, '"', "“", "German closing quote after „"))
            quote_open = False
        if (m := _STAR_CLOSE.search(fixed)) and _quote_open(quotes + _quote_marks(fixed[: m.start()])):
            # "„Bündnis für Ausbildung für die Jahre 2015 bis 2019*," "„Frischküche*": the closing
            # quote of an open quotation read as an asterisk (seeds 242, 243, heavy and 300 dpi)
            at = len(token) - (len(fixed) - m.start())
            if token[at : at + 1] == "*":
                fixed = fixed[: m.start()] + "“" + fixed[m.end() :]
                local = (*local, _Edit(at, at + 1, "*", "“", "German closing quote read as an asterisk"))
        if local and _mid_sentence(text, match.start()):
            fixed, local = repairer.lower_mid_sentence(token, fixed, local)
        pieces.append(text[last : match.start()])
        pieces.append(fixed)
        quotes += _quote_marks(fixed)
        last = match.end()
        if fixed:
            kept = last
        for edit in local:
            changes.append(
                Change(
                    start=match.start() + edit.start,
                    end=match.start() + edit.end,
                    raw=edit.raw,
                    fixed=edit.fixed,
                    reason=edit.reason,
                )
            )
    pieces.append(text[last:])
    return Repaired(raw=text, text="".join(pieces), changes=tuple(changes))


# "§" as the deu model reads it (it never learnt the sign): a mark standing alone before a
# section number. "8" only after a word that introduces a § reference, as "8" is a number too.
_PARAGRAPH_MARKS = frozenset({"$", "&", "S"})
_PARAGRAPH_AFTER = frozenset(
    {"in", "nach", "gemäß", "gem.", "des", "dem", "den", "im", "vgl.", "siehe", "und"}
)
_SECTION_NUMBER = re.compile(r"^[1-9][.,;:)]?$")
# Roman numerals of the social code books ("SGB II, III, VIII, XII") as OCR writes them.
_ROMAN_READING = re.compile(r"^(?P<num>[IVXilH|]{1,5})(?P<tail>[,.;]?)$")
# the books the agreements name ("Rechtskreise SGB II, III, VIII, XII"): a reading that gives
# another numeral is left alone, since OCR may also have dropped a stroke ("Xl" for "XII")
_SGB_BOOKS = frozenset({"II", "III", "VIII", "XII"})


# ",Bündnis für Ausbildung …"": OCR's reading of „…“. A comma glued to the start of a word is
# never German punctuation; a straight closing quote counts only after such an opening.
_LOW_QUOTE = re.compile(r"^,[A-Za-zÄÖÜäöü]")
_STRAIGHT_CLOSE = re.compile(r'"(?=[.,;:!?)]*$)')
_STAR_CLOSE = re.compile(r"(?<=[^\W_])\*(?=[.,;:!?)]*$)")


def _edit(token: str, fixed: str, reason: str) -> tuple[str, tuple[_Edit, ...]]:
    start = _common_prefix(token, fixed)
    end_raw, end_fixed = len(token), len(fixed)
    while end_raw > start and end_fixed > start and token[end_raw - 1] == fixed[end_fixed - 1]:
        end_raw, end_fixed = end_raw - 1, end_fixed - 1
    return fixed, (_Edit(start, end_raw, token[start:end_raw], fixed[start:end_fixed], reason),)


def _in_context(tokens: list[re.Match[str]], index: int) -> tuple[str, tuple[_Edit, ...]] | None:
    """Repairs that need the neighbouring tokens, which word-by-word repair cannot see: the "§"
    before a section number, bullets and dashes, and OCR's em dash for the spaced en dash
    German uses as a dash ("Wirtschaft und – für")."""
    token = tokens[index].group()
    prev = tokens[index - 1].group() if index > 0 else ""
    nxt = tokens[index + 1].group() if index + 1 < len(tokens) else ""
    if _SECTION_NUMBER.match(nxt) and (
        token in _PARAGRAPH_MARKS or (token == "8" and prev.casefold() in _PARAGRAPH_AFTER)
    ):
        return _edit(token, "§", "section sign read as " + token)
    if (m := _BAR_NUMERAL.match(token)) and _numbers_a_title(tokens, index, m["tail"]):
        numeral = "I" * len(m["num"])
        return _edit(token, numeral + m["tail"], "roman numeral after a name read as a bar")
    if token == "—":
        return _edit(token, "–", "em dash for the German en dash")
    if token in _BULLET_READINGS and _starts_list_item(tokens, index):
        return _edit(token, "•", "bullet read as " + token)
    if token == "-" and _spaced_dash(tokens, index):
        return _edit(token, "–", "spaced hyphen before a linking word: the German dash")
    return None


# An age label ("U25", "(Ü50)") with a digit read as a letter ("ÜS0", "U2S", "(Ü5O)"); at least
# one digit must be left, so an abbreviation of letters ("USO") is not taken for one. Whether its
# "U" had dots is for the pixels to say (glyphs.py), not the text.
_AGE_LABEL = re.compile(r"^(?P<open>\(?)(?P<u>[UÜ])(?P<num>[0-9SOoIl|]{2})(?P<close>\)?[.,;:]?)$")
_DIGIT_LOOKALIKES = str.maketrans("SOoIl|", "500111")


def _age_label(token: str) -> tuple[str, tuple[_Edit, ...]] | None:
    m = _AGE_LABEL.match(token)
    if m is None or m["num"].isdigit() or not any(c.isdigit() for c in m["num"]):
        return None
    fixed = m["open"] + m["u"] + m["num"].translate(_DIGIT_LOOKALIKES) + m["close"]
    return _edit(token, fixed, "digit of an age label read as a letter")


# An all-capital abbreviation whose last "I" OCR read as another stroke ("HMS!", "HMSi", "(HMST)").
# Only a lexicon abbreviation ending in "I" qualifies (the lexicon lists them, "HMSI"), and only when
# what was read is no word: an abbreviation's letters cannot be checked against a dictionary.
_ACRONYM_LAST = re.compile(r"^(?P<open>[(„\"]?)(?P<stem>[A-ZÄÖÜ]{2,})(?P<last>[!|il1T])(?P<close>[).,;:]*)$")


def _acronym(token: str, repairer: _Repairer) -> tuple[str, tuple[_Edit, ...]] | None:
    core = token.strip(_EDGE_CHARS)
    if (written := repairer.mixed_case.get(core.casefold())) is not None and core != written:
        # "SUS", "AsylblG", "Olov": an abbreviation the lexicon writes with a capital inside
        # ("SuS", "AsylbLG", "OloV") read with a letter's case wrong; no word is spelt so
        at = token.find(core)
        return _edit(
            token, token[:at] + written + token[at + len(core) :], f"case of the abbreviation {written}"
        )
    m = _ACRONYM_LAST.match(token)
    if m is None:
        return None
    word, written = m["stem"] + "I", m["stem"] + m["last"]
    if word not in repairer.lexicon_exact or written in repairer.lexicon_exact:
        return None
    if written.casefold() != word.casefold() and repairer.attested(written):
        return None  # (the lexicon matches case-blind, so "HMSi" is attested as "HMSI" itself)
    return _edit(
        token, m["open"] + word + m["close"], f"last letter of the abbreviation {word} read as {m['last']}"
    )


# A capital "S" read as "$" at the start of a word ("beruflichen $chulen", a heavy scan of seed 223):
# the "$" is an edge mark to word repair, which would see only "chulen". Taken only when the word
# with "S" is known and the rest alone is not.
_DOLLAR_S = re.compile(r"^\$(?P<rest>[a-zäöüß]{3,})(?P<close>[.,;:!?)]*)$")


def _dollar_s(token: str, repairer: _Repairer) -> tuple[str, tuple[_Edit, ...]] | None:
    m = _DOLLAR_S.match(token)
    if m is None or repairer.attested(m["rest"]) or not repairer.knows("S" + m["rest"]):
        return None
    return _edit(token, "S" + m["rest"] + m["close"], "capital S read as $")


# A noun in -ung, -heit, -keit, -schaft, -ion or -tät takes a linking "s" as the first part of any
# compound ("Ausbildungs|budget"), so its truncated form before "und" ends in "s-": "Ausbildungs- und
# Qualifizierungsbudget". "Ausbildung- und" is no German: OCR lost the "s" (heavy scans, often). But
# OCR also glues a stray hyphen to a whole word before "und" ("Arbeitsmarktintegration- und
# Fachkräftesicherung"), so the "s" is put back only when the compound it completes, the word with
# the tail of the word after "und" ("Ausbildungs|budget"), is a known word as written.
_LINKING_S = re.compile(r"^(?P<word>[A-ZÄÖÜ][a-zäöüß]+(?:ung|heit|keit|schaft|ion|tät))-$")
_COORDINATING = frozenset({"und", "oder", "bzw.", "sowie"})


def _linking_s(
    tokens: list[re.Match[str]], index: int, fixed: str, edits: tuple[_Edit, ...], repairer: _Repairer
) -> tuple[str, tuple[_Edit, ...]]:
    """Put back the linking "s" before a truncation hyphen that a coordinating word follows."""
    token = tokens[index].group()
    m = _LINKING_S.match(fixed)
    if m is None or token[-1:] != "-" or (edits and edits[-1].end >= len(token) - 1):
        return fixed, edits
    after = _staying(tokens, index, 1)
    if after is None or tokens[after].group() not in _COORDINATING or not repairer.knows(m["word"]):
        return fixed, edits
    tail_at = _staying(tokens, after, 1)
    shared = tokens[tail_at].group().strip(_EDGE_CHARS) if tail_at is not None else ""
    if not any(repairer.attested(m["word"] + "s" + shared[i:]) for i in repairer._splits(shared)):
        return fixed, edits
    at = len(token) - 2  # the word's last letter and the hyphen
    edit = _Edit(at, len(token), token[at:], token[at] + "s-", "linking s lost before a truncation hyphen")
    return fixed[:-1] + "s-", (*edits, edit)


# --------------------------------------------------------------------------- words split by OCR

SPLIT_MIN_LETTERS = 6
"""A word put back together from two tokens has at least this many letters: short joins ("a b",
"im er") are as likely two words as one."""


def _split_words(
    tokens: list[re.Match[str]], repairer: _Repairer
) -> dict[int, tuple[str, tuple[_Edit, ...]]]:
    """Put back words that OCR cut in two on one line ("Einstiegsqualifi zierung", "F
    achkräftesicherung", "re gionale"): the first token takes the whole word, the second is
    repaired away to nothing, so the whitespace skeleton stays (:func:`token_pairs`).

    Tesseract breaks a word like that after a ligature ("fi") or a wide first letter; the tail it
    leaves is no word ("zierung", "achkräftesicherung"). So a join needs: a tail that starts with a
    small letter, is letters only and not a damaged word of its own, nothing between the two parts
    but spaces, and a whole that is either a lexicon word (then the tail need only be rare: the web
    corpus knows fragments such as "sche") or, with a tail that is no word at all, a common German
    word (MIN_CANDIDATE). A compound of known words is not enough: "Hausha tsmittel" would become
    "Haus|hat|s|mittel". A letter
    doubled across the cut ("Qualifi izierung") is read once, an apostrophe-like speck at the cut
    ("C' hance") goes; a single small letter may be a
    tail ("Ausbildun g"), as it would otherwise be repaired away as a speck. A join grows to the
    right and then to the left ("Haus haltsmi ttel") as long as it can, so that a second repair,
    seeing the joined word, finds nothing more to join.
    """
    joins: dict[int, tuple[str, tuple[_Edit, ...]]] = {}
    done = -1  # the last token a join took: joins do not overlap
    for index in range(len(tokens)):
        if index <= done:
            continue
        start = end = index
        word = tokens[index].group()
        grown = True
        while grown:  # grow right, then (after a join) left, until neither finds more
            grown = False
            while end + 1 < len(tokens) and not _break_between(tokens, end, end + 1):
                joined = _join(word, tokens[end + 1].group(), repairer)
                if joined is None:
                    break
                word, end, grown = joined, end + 1, True
            while end > start and start - 1 > done and not _break_between(tokens, start - 1, start):
                # "Haus haltsmi ttel": "haltsmittel" is found first; "Haus" + it is the word
                joined = _join(tokens[start - 1].group(), word, repairer)
                if joined is None:
                    break
                word, start, grown = joined, start - 1, True
        if end == start:
            continue
        parts = [t.group() for t in tokens[start : end + 1]]
        reason = "a word that OCR split in two: " + " ".join(parts)
        joins[start] = (word, (_Edit(0, len(parts[0]), parts[0], word, reason),))  # the whole word
        for k, tail in enumerate(parts[1:], start + 1):
            joins[k] = ("", (_Edit(0, len(tail), tail, "", reason),))
        done = end
    return joins


def _join(word: str, tail_token: str, repairer: _Repairer) -> str | None:
    """``word`` with ``tail_token`` (the next token on its line) joined on, if that token is the
    rest of a word OCR split; else None."""
    tail = tail_token.rstrip(_EDGE_CHARS)
    marks = tail_token[len(tail) :]
    if not (tail[:1].islower() and _ONLY_LETTERS.fullmatch(tail)):
        return None
    head_piece = _SPLIT.split(word)[-1]
    speck = len(head_piece) - len(head_piece.rstrip("'’‘`´"))
    if speck == 1:  # "C' hance": an apostrophe-like speck where the cut is
        head_piece = head_piece[:-1]
    if not head_piece or not _ONLY_LETTERS.fullmatch(head_piece):
        return None  # marks or digits between head and tail: no word runs through them
    if repairer.token(tail)[0] != tail:
        return None  # a damaged word of its own ("fiir")
    letter = len(tail) == 1  # a letter alone is no word here, however common wordfreq says it is
    if letter and any(m in _NOISE_MARKS for m in marks):
        return None  # "Renate Jäger n_" (txt-ocr of seed 221): a letter with a scan mark is a speck
    rare_tail = letter or repairer.rare(tail)
    prefix = word[: len(word) - len(head_piece) - speck]
    readings = [head_piece + tail]
    if head_piece[-1] == tail[0]:
        readings.append(head_piece + tail[1:])
    for whole in readings:
        if len(whole) < SPLIT_MIN_LETTERS or not _plausible(whole):
            continue
        # A domain word is strong evidence: its tail may be a fragment the web corpus knows
        # ("spezifi sche", "Waldeck-F rankenberg"); a general word needs a tail that is no word.
        if (repairer.in_lexicon(whole) and rare_tail) or (
            repairer.well_known(whole) and (letter or not repairer.knows(tail))
        ):
            return prefix + whole + marks
    if head_piece.endswith(_LIGATURES) and not letter and not repairer.knows(tail):
        for whole in readings:  # "Küchenhelferqualifi izierung" (heavy scan, seed 135)
            if repairer.lexicon_compound(whole, len(head_piece)):
                return prefix + whole + marks
    return None


_NOISE_MARKS = frozenset("_\\|~^")
"""Marks no German text writes after a word: glued to a letter standing alone they make it noise."""

_LIGATURES = ("fi", "fl", "ff")
"""Letter pairs a typeface sets as one glyph, after which Tesseract cuts a word: a cut right after
one, inside a compound whose last part is a domain word ("Grundqualifi zierung", seeds 122 and
127), is one word even when the whole compound is known to no list."""


_BAR_NUMERAL = re.compile(r"^(?P<num>\||(?!II)[|Il!i]{2})(?P<tail>[;,]?)$")
""""I" and "II" as Tesseract reads them after a title ("Fallmanagement |;", "Teil Il",
"Fallmanagement il" and "!l" on TIFFs of seeds 159 and 161): bars, small l's and i's,
exclamation marks; a lone "|" for "I" (a lone "l", "i" or "!" is as likely a speck). A numeral
read right stays as it is."""


def _numbers_a_title(tokens: list[re.Match[str]], index: int, tail: str) -> bool:
    """Does the token at ``index`` stand where a roman numeral numbers a title: after a
    capitalised word on its line, and last on the line or before ";" ("Fallmanagement I; …")? A
    bar between words on a line ("AQB 2019 | Landkreis Kassel") is a separator and stays. Specks
    that repair takes away are passed over, as in :func:`_starts_list_item`."""
    before, after = _staying(tokens, index, -1), _staying(tokens, index, 1)
    if before is None or _break_between(tokens, before, index):
        return False
    prev = tokens[before].group()
    if not (prev[:1].isupper() and prev.isalpha() and len(prev) >= 3):
        return False
    if tail == ";":
        return True  # "Fallmanagement |; Fallmanagement Il": a pair of numbered parts
    if after is not None and not _break_between(tokens, index, after):
        return False
    # Last on its line, a bar is as often a speck ("Gebäudereinigung |"): a numeral only after a
    # word that takes one ("Teil |") or one that the text numbers elsewhere ("Fallmanagement II").
    if prev in _NUMBERED_WORDS:
        return True
    return any(
        t.group() == prev and k + 1 < len(tokens) and _numeral_after(tokens[k + 1].group())
        for k, t in enumerate(tokens)
        if k != before
    )


_NUMBERED_WORDS = frozenset({"Teil", "Modul", "Stufe", "Phase", "Baustein", "Level", "Block", "Abschnitt"})
"""Words a title numbers ("Teil I", "Modul II"): a bar after one of them is the numeral."""
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V)[;,]?$")


def _numeral_after(token: str) -> bool:
    """Is ``token`` a roman numeral after a title, read right ("II") or as bars (:data:`_BAR_NUMERAL`)?"""
    return bool(_ROMAN.match(token) or _BAR_NUMERAL.match(token))


# --------------------------------------------------------------------------- marks around words

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")


def _line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts."""
    return max(text.rfind(c, 0, pos) for c in _LINE_BREAKS) + 1


_QUOTE_CHARS = frozenset("'’‘“”\"`´")

_NEVER_LAST = frozenset(
    {"der", "dem", "den", "des", "eine", "einem", "einen", "einer", "eines", "und", "oder",
     "sowie", "für", "von", "vom", "zur", "zum", "im", "am", "beim", "in"}
)  # fmt: skip
"""Words that never end a German sentence (articles, "für", "von", "und" …; not "ein", "mit",
"aus", "an", "zu": separable verb parts end sentences, "bindet … ein.", "kommt mit."): a full stop
or colon right after one, with more text to follow, is a speck ("der. UN-Behindertenrechts…")."""


def _quote_marks(text: str) -> str:
    """The quote marks of ``text``, in order, the German opening ones („ ‚) included."""
    return "".join(c for c in text if c in _QUOTE_CHARS or c in "„‚")


def _quote_open(quotes: str) -> bool:
    """Is a quotation open after these quote marks (in order)?"""
    double = quotes.count("„") - quotes.count("“") - quotes.count("”")
    single = quotes.count("‚") - quotes.count("‘")
    return double > 0 or single > 0 or quotes.count('"') % 2 == 1


# --------------------------------------------------------------------------- lists and dashes

_SGB_CANON = ("II", "III", "VIII", "XII")
"""The social code books the agreements name together: "Rechtskreise SGB II, III, VIII, XII und
AsylbLG". In that list, in that order, a reading that lost strokes is one of these."""

_ROMAN_ITEM = re.compile(r"^(?P<num>[IVXilL|1!HN]{1,5})(?P<tail>[,.;]{0,2})$")
_STROKES = str.maketrans({"l": "I", "i": "I", "L": "I", "|": "I", "1": "I", "!": "I", "H": "II", "N": "II"})


def _sgb_lists(tokens: list[re.Match[str]]) -> dict[int, tuple[str, tuple[_Edit, ...]]]:
    """Repairs of the roman numerals after every "SGB", by token index.

    A list that reads as exactly the four books, "SGB II, III, VIII, XII und", is repaired by
    position: each numeral is a reading of its book with strokes lost or misread ("VII" and "VI"
    for "VIII", "II" and "I" for "III", "XN" and "XI!" for "XII"). In any other list after "SGB"
    (up to six numerals) a numeral is only repaired when reading its strokes ("H" for "II", "l",
    "i", "|" for "I") gives one of those books: OCR may also have dropped a stroke there, and
    without the list's shape that cannot be told from another book. Where the whole fixed phrase
    "SGB … und AsylbLG" stands, :func:`_anchored_sgb_list` repairs by position more freely."""
    fixes: dict[int, tuple[str, tuple[_Edit, ...]]] = {}
    for k, match in enumerate(tokens):
        if (anchored := _anchored_sgb_list(tokens, k)) is not None:
            fixes.update(anchored)
            continue
        if match.group() != "SGB":
            continue
        if k + 5 < len(tokens) and tokens[k + 5].group().rstrip(".,;:") == "und":
            items = [_ROMAN_ITEM.match(t.group()) for t in tokens[k + 1 : k + 5]]
            if all(
                m is not None and _could_be(m["num"], book) for m, book in zip(items, _SGB_CANON, strict=True)
            ):
                for j, (m, book) in enumerate(zip(items, _SGB_CANON, strict=True)):
                    assert m is not None
                    if m["num"] != book:
                        edit = _Edit(
                            0, len(m["num"]), m["num"], book, "roman numeral in the list of social code books"
                        )
                        fixes[k + 1 + j] = (book + m["tail"], (edit,))
                continue
        for j in range(k + 1, min(len(tokens), k + 7)):
            token = tokens[j].group()
            m = _ROMAN_READING.match(token)
            if m is None:
                break
            numeral = m["num"].replace("H", "II").replace("l", "I").replace("i", "I").replace("|", "I")
            if m["num"] not in ("I", "II", "III", "V", "X") and numeral in _SGB_BOOKS and numeral != m["num"]:
                fixes[j] = _edit(token, numeral + m["tail"], "roman numeral of a social code book")
    return fixes


# The whole phrase "SGB II, III, VIII, XII und AsylbLG" is fixed text in § 2: with "SGB" (or OCR's
# "&GB") before and "und AsylbLG" after four tokens, each token is its book by position, however
# OCR read its strokes ("VIE", "vun", "Xu", "xH", "TIL"), as long as it starts as its book does.
_SGB_READINGS = frozenset({"SGB", "&GB", "$GB", "5GB", "SG8", "S6B"})
_SGB_PHRASE = "the fixed phrase 'SGB II, III, VIII, XII und AsylbLG'"
_SGB_STARTS = ("IiLl1|!T", "IiLl1|!T", "Vv", "Xx")


def _anchored_sgb_list(
    tokens: list[re.Match[str]], k: int
) -> dict[int, tuple[str, tuple[_Edit, ...]]] | None:
    """Repairs of "SGB" and its four numerals by position, or None when the phrase's anchors or
    the items' shapes are not there (see _SGB_STARTS)."""
    sgb = tokens[k].group()
    name = sgb.strip(".,;:")
    if k + 6 >= len(tokens) or name not in _SGB_READINGS:
        return None
    if tokens[k + 5].group().rstrip(".,;:") != "und" or not tokens[k + 6].group().startswith("Asyl"):
        return None
    items = [t.group() for t in tokens[k + 1 : k + 5]]
    cores = [item.strip(".,;:}|-") for item in items]
    if not all(
        1 <= len(core) <= 5 and core[0] in starts for core, starts in zip(cores, _SGB_STARTS, strict=True)
    ):
        return None
    fixes: dict[int, tuple[str, tuple[_Edit, ...]]] = {}
    if name != "SGB":
        fixes[k] = _edit(sgb, "SGB", f"the social code's name in {_SGB_PHRASE}")
    for j, (item, book) in enumerate(zip(items, _SGB_CANON, strict=True)):
        fixed = book + ("," if j < 3 else "")
        if item != fixed:
            fixes[k + 1 + j] = _edit(item, fixed, f"roman numeral in {_SGB_PHRASE}")
    return fixes


def _could_be(reading: str, numeral: str) -> bool:
    """Is ``reading`` what OCR makes of ``numeral`` by losing or misreading "I" strokes?"""
    strokes = reading.translate(_STROKES)
    return strokes.replace("I", "") == numeral.replace("I", "") and strokes.count("I") <= numeral.count("I")


_LIST_MARKER = re.compile(r"^(?:[-–—•·*+«»°o>]|\d{1,2}[.)]|[a-z][.)])$")

_DASH_BEFORE = frozenset(
    {"für", "mit", "nach", "und", "oder", "sowie", "aber", "sondern", "auch", "inklusive",
     "einschließlich", "insbesondere", "vor", "von", "vom", "bei", "in", "im", "zur", "zum", "zu",
     "durch", "ohne", "gegen", "unter", "über", "auf", "an", "am", "aus", "wie", "als", "etwa"}
)  # fmt: skip
"""Linking words after which a spaced hyphen is the German dash ("und – für den Bereich", "des –
nach Antragstellung"). Project titles use spaced hyphens before nouns and adjectives ("Schule -
Beruf", "3 Jahre - kooperatives BaE-Modell"); those stay."""


def _spaced_dash(tokens: list[re.Match[str]], index: int) -> bool:
    """Is the hyphen at ``index`` a dash inside running text: a word before it on its line, a
    linking word after it, and its line no list item?"""
    if index == 0 or index + 1 >= len(tokens) or tokens[index + 1].group() not in _DASH_BEFORE:
        return False
    text = tokens[index].string
    start = tokens[index].start()
    if _LINE_BREAK.search(text, tokens[index - 1].end(), start):
        return False  # first on its line: a bullet
    line_start = _line_start(text, start)
    first = text[line_start:start].split(None, 1)[0]
    return _LIST_MARKER.match(first) is None


_BULLET_READINGS = frozenset({"«", "»", "°"})
"""How Tesseract reads the round bullet "•" at the start of a list item. ("*", "+" and "-" are
bullets of their own in typed text and stay.)"""


def _starts_list_item(tokens: list[re.Match[str]], index: int) -> bool:
    """Does the token at ``index`` start its line, with a capitalised word after it on the line?
    Specks that repair takes away are passed over on both sides, so that a second repair, with
    them gone, decides the same."""
    before, after = _staying(tokens, index, -1), _staying(tokens, index, 1)
    if after is None or _break_between(tokens, index, after):
        return False
    if before is not None and not _break_between(tokens, before, index):
        return False
    return tokens[after].group()[:1].isupper()


_BULLET_LOOKALIKES = frozenset({"e", "=", "~"})
"""What Tesseract makes of a small or faint bullet that is no bullet of its own ("e Küchenhelfer…",
"= Sprachkurse…"). At a line's start in a list such a mark stands for the list's bullet; in a list
without bullets it is a speck."""
_LIST_BULLETS = frozenset({"-", "–", "•", "*"})
_BULLET_STANDINS = frozenset({"+", "*"})
"""Bullets of their own in typed text, and what Tesseract makes of a round bullet "•" on a poor
scan (seeds 128, 133: one list read "+", "*" and "•"). Beside an item starting with "•", or with
the other of the two, one stands for "•"; in a list of its own kind it stays."""
_DIRT_BEFORE_BULLET = "„,.'‘’`´:;"
"""Specks glued before a bullet ("„+ Praxisklassen"): no bullet is typed after a mark."""


def _line_firsts(tokens: list[re.Match[str]], index: int, step: int, count: int) -> list[int]:
    """The indexes of the first tokens of up to ``count`` lines before (``step`` -1) or after
    (``step`` 1) the line that token ``index`` starts."""
    found: list[int] = []
    k = index + step
    while 0 <= k < len(tokens) and len(found) < count:
        if k == 0 or _break_between(tokens, k - 1, k):
            found.append(k)
        k += step
    return found


def _list_marker(tokens: list[re.Match[str]], index: int) -> tuple[str, tuple[_Edit, ...]] | None:
    """Repair a bullet lookalike that starts a list item: to the bullet the neighbouring items
    start with, or to nothing when they start with no marker at all.

    The neighbours are the two lines before and the two after (blank lines skipped: OCR puts them
    between items). A line of another kind (a number, a lower-case continuation) says nothing; two
    or more lines that start with a capitalised word and no marker make an unbulleted list.
    """
    token = tokens[index].group()
    standin = _standin(token)
    if not (token in _BULLET_LOOKALIKES or standin) or not _starts_list_item(tokens, index):
        return None
    before, after = _line_firsts(tokens, index, -1, 2), _line_firsts(tokens, index, 1, 2)
    bullets: list[str] = []
    unmarked = 0
    for k in itertools.chain.from_iterable(itertools.zip_longest(before, after)):
        if k is None:
            continue
        first = tokens[k].group()
        if first in _LIST_BULLETS or (standin and _standin(first)):
            bullets.append(_standin(first) or first)
        elif first in _BULLET_READINGS and _starts_list_item(tokens, k):
            bullets.append("•")
        elif first[:1].isupper() and first.isalpha():
            unmarked += 1
    if standin:
        if "•" in bullets or ({standin, *bullets} >= _BULLET_STANDINS):
            return _edit(token, "•", f"bullet read as {token}: the list's items start with •")
        return None
    if bullets:
        bullet = max(bullets, key=bullets.count)  # the commonest; on a tie the nearest
        return _edit(token, bullet, f"bullet read as {token}: the list's items start with {bullet}")
    if unmarked >= 2:
        return _edit(token, "", f"speck read as {token} before an item of a list without bullets")
    return None


def _standin(token: str) -> str:
    """The bullet stand-in ("+" or "*") that ``token`` is, specks glued before it dropped; else ""."""
    core = token.lstrip(_DIRT_BEFORE_BULLET)
    return core if core in _BULLET_STANDINS and len(token) - len(core) <= 2 else ""


# --------------------------------------------------------------------------- specks

_SPECK_CHARS = frozenset(".:;'\"`´‘’‚“”°©®™^~=\\{}<>_!?»«")
"""What dust, staples and stamp edges become when Tesseract reads them as a word of their own.
Not here: "," (a comma typed apart from its word is still a comma), "-" "–" "/" "|" "%" "&" "+"
"*" "•" "§" "€" (all of them stand alone in typed agreements: "Schule - Beruf", "50 %")."""
_SPECK_MARKERS = frozenset("»«°<>~=")
"""Specks that are list markers when they start a line with text after them."""
_STRAY_LETTERS = frozenset("bcdefghijklmnpqrstuvwyzäöüß")
"""Small letters that are no German word alone: a speck Tesseract took for "i" or "j", or a
scribble's tail ("Müller a"). Not "a" (Frankfurt a M), "o" (a typed bullet), "x" (3 x wöchentlich);
abbreviations carry their dot ("i. d. R.", "z. B.") and are no lone letter."""
_SENTENCE_END = re.compile(r"[^\W\d_]{3,}[.!?;]$")
_DASHES = frozenset({"-", "–", "—"})


def _is_speck(token: str) -> bool:
    """A token made only of speck marks, but not a typed ellipsis ("...") or a typed line ("___")."""
    return all(c in _SPECK_CHARS for c in token) and not (len(token) >= 3 and set(token) <= {".", "_"})


def _speck(tokens: list[re.Match[str]], index: int, quote_open: bool) -> tuple[str, tuple[_Edit, ...]] | None:
    """Repair a speck that stands alone between words to nothing.

    German print never sets ".", ":", ";", "°" or a quote mark apart from a word, and Tesseract
    attaches real punctuation to its word, so a token made only of such marks is dirt on the page:
    sample scans have 110 of them and not one is in the true text. It stays when it may be a list
    marker ("» Begleitung" at a line's start) or may close a quotation that is open. A hyphen or
    dash standing alone is a speck only right after a sentence's end ("verpflichtet. - - ."):
    German sets a dash between words, never after a full stop.
    """
    if len(tokens) < 2:
        return None  # a mark with no words around it is all there is: nothing to tell it from
    token = tokens[index].group()
    if not (vanishes_as_speck(token) or token in _DASHES or token == "„"):
        return None  # a word: most tokens end here, before any look at their neighbours
    before, after = _staying(tokens, index, -1), _staying(tokens, index, 1)
    first_on_line = before is None or _break_between(tokens, before, index)
    more_on_line = after is not None and not _break_between(tokens, index, after)
    if _is_speck(token):
        if first_on_line and more_on_line and set(token) <= _SPECK_MARKERS:
            return None
        prev = tokens[before].group() if before is not None else ""
        nxt = tokens[after].group() if after is not None else ""
        if (
            first_on_line
            and more_on_line
            and set(token) == {"."}
            and not _mid_line_dot(prev, nxt)
            and not (nxt in _LIST_BULLETS or nxt in _BULLET_READINGS or _standin(nxt))
        ):
            return None  # "• Ausbildungslotsen" with a faint bullet: a list marker, not dust
        if quote_open and any(c in _QUOTE_CHARS for c in token):
            return None  # it may close a quotation: "„ Bleib dran! “"
        if (token == "°" and prev[-1:].isdigit()) or (token in ("©", "®") and nxt[:1].isdigit()):
            return None  # "um 90 °", "© 2024"
        return _edit(token, "", "speck standing alone")
    if token in _STRAY_LETTERS:
        return _edit(token, "", "letter standing alone: a speck")
    if token == "„" and (after is None or not tokens[after].group()[:1].isalnum()):
        # a quotation opens glued to its word, or at least before one ("„ Bleib dran! “")
        return _edit(token, "", "opening quote before no word: a speck")
    if token in _DASHES and not first_on_line and before is not None:
        back = before
        while back > 0 and tokens[back].group() in _DASHES:
            back -= 1
        if _SENTENCE_END.search(tokens[back].group()):
            return _edit(token, "", "dash after a sentence's end: a speck")
    return None


def vanishes_as_speck(token: str) -> bool:
    """Is ``token`` of a kind that :func:`_speck` repairs away (mostly) in any text: a mark, a lone
    small letter? Not the shards only the signature block loses (:func:`repair_signature_block`)."""
    return _is_speck(token) or token in _STRAY_LETTERS  # a set of single letters: one letter only


def _staying(tokens: list[re.Match[str]], index: int, step: int) -> int | None:
    """The nearest token before (``step`` -1) or after (``step`` 1) token ``index`` that repair does
    not take away. Decisions that look at neighbours look at these, or a second repair, with the
    specks gone, would decide otherwise."""
    k = index + step
    while 0 <= k < len(tokens):
        if not vanishes_as_speck(tokens[k].group()):
            return k
        k += step
    return None


def _break_between(tokens: list[re.Match[str]], first: int, second: int) -> bool:
    """Does a line break stand between token ``first`` and the later token ``second``?"""
    return bool(_LINE_BREAK.search(tokens[first].string, tokens[first].end(), tokens[second].start()))


def _mid_line_dot(prev: str, nxt: str) -> bool:
    """Is a dot that starts a line inside a running sentence, so it cannot be a list bullet? It is
    when a small word follows it ("eine\n. gemeinsame") or ends the line before ("große\n.
    Bedeutung"), or a bare number does ("§ 3\n. Umsetzung": a heading, never a list). After a
    capitalised word ("Ausbildungsvorbereitung\n. Berufsvorbereitung") it may be a bullet."""
    return nxt[:1].islower() or prev.isdigit() or (prev[:1].islower() and prev[-1:].isalpha())


def _leading_specks(
    token: str, fixed: str, edits: tuple[_Edit, ...], repairer: _Repairer
) -> tuple[str, tuple[_Edit, ...]]:
    """Drop specks stuck to the front of a known capitalised word (".Küchenhelferqualifizierung",
    ":Lernwerkstatt") or a well-known small one (".zu"): no German word starts with a full stop or
    colon. Only when nothing else was repaired at the front of the token, so the edit's span is the
    marks as written."""
    marks = len(fixed) - len(fixed.lstrip(".:;_"))
    if not 0 < marks <= 2 or not fixed.startswith(token[:marks]):
        return fixed, edits
    if edits and edits[0].start < marks:
        return fixed, edits
    word = fixed[marks:].rstrip(_EDGE_CHARS)
    if not _ONLY_LETTERS.fullmatch(word):
        return fixed, edits
    if word[0].isupper():
        if len(word) < 4 or not repairer.knows(word):
            return fixed, edits
    elif len(word) < 2 or word in _FILE_ENDINGS or not repairer.well_known(word):
        # ".zu sichern", "und .die verstärkte", "– .nach Antragstellung" (heavy scans and text
        # OCR of seeds 242, 243): a small word, well known, never starts with a stop either
        return fixed, edits
    return fixed[marks:], (_Edit(0, marks, token[:marks], "", "speck before a word"), *edits)


_FILE_ENDINGS = frozenset({"de", "com", "org", "net", "eu", "pdf", "doc", "docx", "xlsx", "txt", "html"})
"""What may follow a full stop standing apart in a web or file name (". de"): no speck's."""


_COMPLETING = frozenset({"und", "oder", "bzw.", "sowie", "als", "wie", "bis"})
"""Words beside which a hyphen stands for a word's missing part ("Straßen- und Tiefbau", "und
-begleitung"): there a hyphen between words is German, not dirt."""


def _loose_hyphens(
    tokens: list[re.Match[str]], index: int, fixed: str, edits: tuple[_Edit, ...], repairer: _Repairer
) -> tuple[str, tuple[_Edit, ...]]:
    """Drop a hyphen that joins a known word to nothing.

    Before a capitalised word that follows a lower-case one on its line ("psychischen
    -Beeinträchtigungen"; after a noun it is a dash whose space was lost, "Schule -Beruf" on a
    heavy scan of seed 163, left for the projects parser): a hyphen that stands for a missing
    part follows "und" or "oder" and leads a lower-case tail ("und -begleitung"). At the end of a
    list item whose next line starts with a bullet ("Gebäudereinigung- =" / "- Frauen in …";
    specks that go are passed over): no word is hyphenated across a bullet, and no "und" follows
    to complete it.
    """
    token = tokens[index].group()
    if (
        fixed[:1] == "-"
        and fixed[1:2].isupper()
        and token[:1] == "-"
        and not (edits and edits[0].start < 1)
        and index > 0
        and not _break_between(tokens, index - 1, index)
    ):
        prev, word = tokens[index - 1].group(), fixed[1:].rstrip(_EDGE_CHARS)
        if (
            prev.isalpha()
            and prev.islower()  # after a noun it is a dash that lost its space ("Schule -Beruf")
            and prev.casefold() not in _COMPLETING
            and len(word) >= 4
            and _ONLY_LETTERS.fullmatch(word)
            and repairer.knows(word)
        ):
            edit = _Edit(0, 1, "-", "", "hyphen between a word and a capitalised one")
            fixed, edits = fixed[1:], (edit, *edits)
    if not (fixed[-1:] == "-" and fixed[-2:-1].isalpha() and token[-1:] == "-"):
        return fixed, edits
    after = _staying(tokens, index, 1)
    if (
        not (edits and edits[-1].end >= len(token))
        and after is not None
        and _break_between(tokens, index, after)
    ):
        nxt, word = tokens[after].group(), fixed[:-1].lstrip(_EDGE_CHARS)
        if (
            (nxt in _LIST_BULLETS or nxt in _BULLET_READINGS or nxt in _BULLET_LOOKALIKES)
            and _starts_list_item(tokens, after)
            and len(word) >= 4
            and _ONLY_LETTERS.fullmatch(word)
            and repairer.knows(word)
        ):
            edit = _Edit(len(token) - 1, len(token), "-", "", "hyphen ending a list item")
            fixed, edits = fixed[:-1], (*edits, edit)
    return fixed, edits


STOP_WORD_MIN = 5
"""A word at least this long that ends in a full stop is no abbreviation ("bzw.", "ggf.", "inkl."
are shorter); shorter words keep their stop."""


def _stop_before_small(
    tokens: list[re.Match[str]], index: int, fixed: str, edits: tuple[_Edit, ...], repairer: _Repairer
) -> tuple[str, tuple[_Edit, ...]]:
    """Drop a full stop between a whole word and a small word after it ("Menschen. mit
    Behinderungen" in seed 001, "„Bleib. dran!“" on a heavy scan of seed 131).

    No German sentence starts with a small letter, so a stop before one ends an abbreviation or
    is a speck. Abbreviations are short ("bzw.", "ggf.") or cut-off words no list knows whole
    ("einschl."); a well-known word of STOP_WORD_MIN letters or more is neither. Only a stop as
    written, and only before a word of the same line in the same column: a line that starts with
    a small word after a sentence's end is as likely a stamp's or scribble's noise.
    """
    token = tokens[index].group()
    if not (fixed[-2:-1].isalpha() and fixed[-1:] == "." and token[-2:-1].isalpha() and token[-1:] == "."):
        return fixed, edits
    if edits and edits[-1].end >= len(token):
        return fixed, edits
    word = fixed[:-1].lstrip(_EDGE_CHARS)
    if len(word) < STOP_WORD_MIN or not _ONLY_LETTERS.fullmatch(word) or not repairer.well_known(word):
        return fixed, edits
    after = _staying(tokens, index, 1)
    if after is None or _break_between(tokens, index, after):
        return fixed, edits  # the next line may be a scribble's ("veröffentlicht.\nen")
    if "  " in tokens[index].string[tokens[index].end() : tokens[after].start()]:
        return fixed, edits  # a word far right is no word of the sentence ("Bescheides.    :    in")
    nxt = tokens[after].group().rstrip(_EDGE_CHARS)
    if not (nxt[:1].islower() and _ONLY_LETTERS.fullmatch(nxt) and repairer.knows(nxt)):
        return fixed, edits
    end = len(token)
    return fixed[:-1], (*edits, _Edit(end - 1, end, ".", "", "full stop before a small word: a speck"))


# --------------------------------------------------------------------------- stray quotes

_CLOSER = {"“": "”", "‘": "’", "‚": "‘"}


def _stray_quotes(
    tokens: list[re.Match[str]], index: int, fixed: str, edits: tuple[_Edit, ...], repairer: _Repairer
) -> tuple[str, tuple[_Edit, ...]]:
    """Drop a mark that belongs to nothing: "der." and "von:" mid-text (these words never end a
    sentence), "Jahre’", "Entscheidungsspielräume’" (a speck after a known word that no possessive
    apostrophe ends: not after s, ß, x, z), "“der" ("“" opens no German quotation, and no "”"
    follows to close an English one), and '"Präambel' (a straight quote with nothing to close it
    in its paragraph)."""
    token = tokens[index].group()
    if fixed[-1:] in (".", ":") and fixed[:-1] in _NEVER_LAST and index + 1 < len(tokens):
        edit = _Edit(
            len(token) - 1, len(token), token[-1], "", "speck after a word that never ends a sentence"
        )
        return fixed[:-1], (*edits, edit)
    if len(fixed) >= 3 and fixed[-1] in "’‘'`´" and fixed[-2].isalpha() and fixed[-2] not in "sßxzSXZ":
        word = fixed[:-1].lstrip(_EDGE_CHARS)
        text = tokens[index].string
        line_start = _line_start(text, tokens[index].start())
        before = text[line_start : tokens[index].start()] + fixed[:-1]
        if (
            _ONLY_LETTERS.fullmatch(word)
            and len(word) >= 2
            and not _quote_open(_quote_marks(before))
            and "‘" not in fixed[:-1]
            and not _english_open(tokens, index)
            and repairer.attested(word)
        ):
            edit = _Edit(len(token) - 1, len(token), token[-1], "", "speck read as a quote after a word")
            fixed, edits = fixed[:-1], (*edits, edit)
    if len(fixed) >= 3 and fixed[0] in _CLOSER and fixed[1].isalpha() and token[0] == fixed[0]:
        text = tokens[index].string
        after = text[tokens[index].end() : tokens[index].end() + _LOOK_AHEAD]
        if _CLOSER[fixed[0]] not in after and _CLOSER[fixed[0]] not in fixed:
            edit = _Edit(0, 1, token[0], "", "quote mark that opens no quotation")
            fixed, edits = fixed[1:], (edit, *edits)
    if len(fixed) >= 3 and fixed[0] in _SINGLE_MARKS and fixed[1].isalpha() and token[0] == fixed[0]:
        # "’Beratungssituationen", "'Zielvereinbarung", "'von" (TIFFs and heavy scans): a speck
        # read as a single quote before a known word. These marks open no German quotation (only
        # "‚" does, and "‘" in English, above); the rule for marks after a word agrees, so that
        # 'Bleib dran' loses both marks in one pass, not one mark per pass
        parts = [p for p in re.split(r"[-/]", fixed[1:].rstrip(_EDGE_CHARS)) if p]
        if parts and all(_ONLY_LETTERS.fullmatch(p) and repairer.knows(p) for p in parts):
            edit = _Edit(0, 1, token[0], "", "speck read as a quote mark before a word")
            fixed, edits = fixed[1:], (edit, *edits)
    if len(fixed) >= 3 and fixed[0] == '"' and fixed[1].isupper() and token[0] == '"':
        # '"Präambel', '"Staatsminister' on heavy scans: a straight quote whose paragraph holds
        # no mark that could close it
        text = tokens[index].string
        paragraph = _BLANK_LINE.split(text[tokens[index].end() : tokens[index].end() + _LOOK_AHEAD], 1)[0]
        if not any(q in paragraph or q in fixed[1:] for q in '"“”'):
            edit = _Edit(0, 1, '"', "", "quote mark that opens no quotation")
            fixed, edits = fixed[1:], (edit, *edits)
    return fixed, edits


_SINGLE_MARKS = "'’`´"
"""Single quote marks that open no German quotation ("‘" is :data:`_CLOSER`'s)."""


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
"""Where a paragraph ends: no quotation runs on past it."""


_LOOK_AHEAD = 300
"""How far after an English opening quote ("“der", "‘Bleib") its closer is looked for."""


def _english_open(tokens: list[re.Match[str]], index: int) -> bool:
    """Is the quote mark ending token ``index`` the closer of an English ‘ before it? It is when
    a token starting with ‘ stands within the look-ahead that :func:`_stray_quotes` gives that ‘:
    the two rules must agree, or a second repair would take away what the first kept."""
    at = tokens[index].end() - 1
    k = index - 1
    while k >= 0 and tokens[k].end() + _LOOK_AHEAD > at:
        if tokens[k].group()[:1] == "‘":
            return True
        k -= 1
    return False


def token_pairs(raw: str, fixed: str) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """Pair each token of ``raw`` with its repair in ``fixed``: ((raw start, end), (fixed start,
    end)), in order; None when ``fixed`` is not a repair of ``raw``.

    Repair keeps the whitespace skeleton: ``fixed`` is the raw text's whitespace, unchanged,
    with each token replaced by its repair, which has no whitespace and may be empty (a speck
    repaired away). Reading ``fixed`` gap by gap therefore finds every repaired token, empty
    ones included, where counting ``fixed``'s own tokens would lose them.
    """
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    pos = last = 0
    for m in _TOKEN.finditer(raw):
        gap = raw[last : m.start()]
        if not fixed.startswith(gap, pos):
            return None
        pos += len(gap)
        token = _TOKEN.match(fixed, pos)
        end = token.end() if token is not None else pos
        pairs.append((m.span(), (pos, end)))
        pos, last = end, m.end()
    return pairs if fixed[pos:] == raw[last:] else None


def raw_span(raw: str, fixed: str, start: int, end: int) -> tuple[int, int]:
    """Map the span ``[start, end)`` of the repaired text ``fixed`` to the raw text ``raw``.

    Works because repair keeps the whitespace skeleton (:func:`token_pairs`): the i-th repaired
    token is the repair of the i-th raw token and the whitespace between tokens is the same. Inside
    a changed token the unchanged prefix and suffix map exactly; a position inside the changed
    middle widens to the whole changed middle of the raw token, so the raw span always covers
    what was read.

    Raises ``ValueError`` when the span is out of range or ``fixed`` is not a repair of ``raw``.
    """
    if not 0 <= start <= end <= len(fixed):
        raise ValueError(f"span ({start}, {end}) is outside the repaired text of length {len(fixed)}")
    pairs = token_pairs(raw, fixed)
    if pairs is None:
        raise ValueError("the repaired text does not keep the whitespace skeleton of the raw text")
    raw_tokens = [r for r, _ in pairs]
    fixed_tokens = [f for _, f in pairs]
    return (
        _map_position(raw, fixed, raw_tokens, fixed_tokens, start, is_end=False),
        _map_position(raw, fixed, raw_tokens, fixed_tokens, end, is_end=True),
    )


# --------------------------------------------------------------------------- span mapping


def _map_position(
    raw: str,
    fixed: str,
    raw_tokens: list[tuple[int, int]],
    fixed_tokens: list[tuple[int, int]],
    pos: int,
    *,
    is_end: bool,
) -> int:
    starts = [s for s, _ in fixed_tokens]
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:  # in the whitespace before the first token (or the text is empty)
        return pos
    f_start, f_end = fixed_tokens[k]
    r_start, r_end = raw_tokens[k]
    if pos == f_start and is_end and k > 0:
        # the end of a span that stops right before token k belongs to the gap before it
        return r_start
    if pos > f_end:  # in the whitespace after token k: identical on both sides
        return r_end + (pos - f_end)
    f_tok, r_tok = fixed[f_start:f_end], raw[r_start:r_end]
    offset = pos - f_start
    if is_end and offset == len(f_tok):  # a whole token's end covers marks dropped after it ("von.")
        return r_end
    # Align the two spellings of the token: unchanged letters map exactly, a position inside a
    # changed stretch widens to that stretch ("ü" of "für" -> "ii"; "„" of "„Bündnis" -> ",").
    for tag, r1, r2, f1, f2 in difflib.SequenceMatcher(None, r_tok, f_tok, autojunk=False).get_opcodes():
        if f1 <= offset < f2 or (offset == f2 and (is_end or tag == "equal") and f1 < f2):
            if tag == "equal":
                return r_start + r1 + (offset - f1)
            if offset == f1:
                return r_start + r1
            return r_start + (r2 if is_end else r1)
        if offset == f1 == f2:  # a pure deletion in the repaired text
            return r_start + (r2 if is_end else r1)
    return r_start + len(r_tok) if offset >= len(f_tok) else r_start


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# --------------------------------------------------------------------------- the repairer


@dataclass(frozen=True)
class _Rule:
    """One line of the confusion table, anchors parsed.

    ``restores`` marks lines that only put back lost diacritics ("u"->"ü", "a"->"ä") or name a
    whole word ("^far$"->"für"). Only those may change a word wordfreq knows: the web is full of
    "fur" and "Stadte" with their dots lost. Shape confusions ("l"->"i", "rn"->"m", "f"->"r") turn
    real words into other real words ("well"->"weil", "Selen"->"Seien", "Gehöft"->"gehört"), so
    they only repair words that are unknown as written.
    """

    damaged: str
    intended: str
    at_start: bool
    at_end: bool
    restores: bool

    @staticmethod
    def make(damaged: str, intended: str, at_start: bool, at_end: bool) -> _Rule:
        bare = "".join(c for c in unicodedata.normalize("NFD", intended) if not unicodedata.combining(c))
        restores = (at_start and at_end) or (bare == damaged and bare != intended)
        return _Rule(damaged, intended, at_start, at_end, restores)

    @property
    def label(self) -> str:
        return f"{self.damaged}->{self.intended}"

    @property
    def removes_dots(self) -> bool:
        """Takes an umlaut's dots away ("ä"->"a"): specks above a letter, read as dots."""
        return _UMLAUTS.get(self.damaged) == self.intended


_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}


@dataclass(frozen=True)
class _Site:
    """A place in a word part where a rule applies."""

    start: int
    end: int
    replacement: str
    rule: _Rule

    @property
    def blind_eszett(self) -> bool:
        """Makes "ß" out of small letters ("ll", "fl"), which wordfreq cannot check: it folds
        "ß" to "ss", so "Waßers" would pass as "Wassers". ("R", "B", "3" inside a small word
        are no German spelling, so there the "ß" is what the page had.)"""
        return "ß" in self.replacement and self.rule.damaged.isalpha() and self.rule.damaged.islower()


@dataclass(frozen=True)
class _Edit:
    """A change inside one token (offsets relative to the token)."""

    start: int
    end: int
    raw: str
    fixed: str
    reason: str


@dataclass(frozen=True)
class _Verdict:
    """How well known a word is, and what says so (for the change's reason)."""

    score: float
    source: str


_LEXICON = "domain lexicon"
_UNKNOWN_WORD = "unknown"
_NOT_A_WORD = "not a word"
_COMPOUND = "compound"
_UNKNOWN_VERDICT = _Verdict(0.0, _UNKNOWN_WORD)
_NOT_A_WORD_VERDICT = _Verdict(0.0, _NOT_A_WORD)  # shared: most candidates repair scores are these


def _parse_rules(pairs: tuple[tuple[str, str], ...]) -> tuple[_Rule, ...]:
    """Turn confusion pairs into rules, skipping (with a warning) any that could break the
    whitespace skeleton or empty a word: a user corrections file must not be able to."""
    rules: list[_Rule] = []
    seen: set[_Rule] = set()
    for damaged, intended in pairs:
        at_start = damaged.startswith("^")
        at_end = damaged.endswith("$") and len(damaged) > 1
        core = damaged[1 if at_start else 0 : len(damaged) - 1 if at_end else len(damaged)]
        if not core or any(c.isspace() for c in core) or not intended or not intended.isalpha():
            log.warning("ignoring confusion %r -> %r: it could change more than letters", damaged, intended)
            continue
        rule = _Rule.make(core, intended, at_start, at_end)
        if rule not in seen:
            seen.add(rule)
            rules.append(rule)
    return tuple(rules)


@functools.cache
def _frequencies() -> dict[str, float]:
    """wordfreq's German word frequencies, loaded once (about 0.3 s). Looking words up here
    directly is 20 times faster than ``zipf_frequency``, which tokenises every query; for the
    letter-only words we ask about, both give the same value (a test checks)."""
    return get_frequency_dict("de")  # wordfreq's own (cached) dict: a copy cost 15 MB


def zipf(word: str) -> float:
    """wordfreq's German zipf value of a letter-only word (0.0 when wordfreq does not list it):
    how well known a word is, for repair and for parsers that weigh two readings of one word."""
    if not unicodedata.is_normalized("NFC", word):  # a C check, far cheaper than normalising
        word = unicodedata.normalize("NFC", word)
    frequency = _frequencies().get(word.casefold(), 0.0)
    return round(math.log10(frequency) + 9.0, 2) if frequency > 0 else 0.0


def _plausible(word: str) -> bool:
    """Could this be a German word as written? (Only then may wordfreq vouch for it.) "ii" does
    not occur in German words; it is the classic damaged "ü" ("fiir" has wordfreq 2.13)."""
    return (
        "ii" not in word  # the cheap tests first: repair asks this of every candidate it makes
        and not word.startswith(("ß", "ẞ"))
        and _ONLY_LETTERS.fullmatch(word) is not None
        and not _ODD_CASE.search(word)
    )


def _apart(sites: list[_Site], limit: int) -> Iterator[tuple[_Site, ...]]:
    """The non-overlapping combinations of 1 to ``limit`` (at most 3, MAX_EDITS) of ``sites``
    (sorted by start), by size, each size in the order ``itertools.combinations`` gives. Built
    site by site, so that the overlapping ones are never made (most of them, for a word with many
    sites): the sites that may follow site ``i`` are a suffix, from ``after[i]`` on."""
    if limit > 3:
        raise ValueError(f"combinations of up to 3 sites only, not {limit}: extend _apart with MAX_EDITS")
    count = len(sites)
    starts = [site.start for site in sites]
    after = [max(i + 1, bisect.bisect_left(starts, site.end)) for i, site in enumerate(sites)]
    for site in sites:
        yield (site,)
    if limit >= 2:
        for i in range(count):
            for j in range(after[i], count):
                yield (sites[i], sites[j])
    if limit >= 3:
        for i in range(count):
            for j in range(after[i], count):
                for k in range(after[j], count):
                    yield (sites[i], sites[j], sites[k])


class _Repairer:
    """Repairs tokens with one Knowledge; caches per token, since documents repeat words."""

    _CACHE_LIMIT = 200_000

    def __init__(self, knowledge: Knowledge) -> None:
        self.lexicon_exact = knowledge.lexicon
        self.lexicon = frozenset(w.casefold() for w in knowledge.lexicon)
        self.mixed_case = {  # abbreviations written with a capital inside: "SuS", "OloV", "AsylbLG"
            w.casefold(): w
            for w in knowledge.lexicon
            if w.isalpha() and any(c.isupper() for c in w[1:]) and not w.isupper()
        }
        self.rules = _parse_rules(knowledge.confusions)
        self._tokens: dict[str, tuple[str, tuple[_Edit, ...]]] = {}
        self._parts: dict[str, tuple[str, str] | None] = {}
        self._scores: dict[str, _Verdict] = {}
        self._split_cache: dict[tuple[str, int], tuple[int, ...]] = {}
        self._nearest_words = sorted(
            w for w in knowledge.lexicon if len(w) >= NEAREST_MIN_LETTERS and w.isalpha()
        )
        self._nearest_keys = [_fold(w) for w in self._nearest_words]

    # ---------------------------------------------------------------- tokens

    def token(self, token: str) -> tuple[str, tuple[_Edit, ...]]:
        """The repaired token and its edits; a token that cannot be handled stays as it is."""
        cached = self._tokens.get(token)
        if cached is not None:
            return cached
        try:
            result = self._repair_token(token)
        except Exception:  # a bug here must not lose the document: keep the raw token, say so
            log.warning("repair failed on token %r; kept as written", token, exc_info=True)
            result = (token, ())
        if len(self._tokens) >= self._CACHE_LIMIT:
            self._tokens.clear()
            self._parts.clear()
            self._scores.clear()
            self._split_cache.clear()
        self._tokens[token] = result
        return result

    def lower_mid_sentence(
        self, token: str, fixed: str, edits: tuple[_Edit, ...]
    ) -> tuple[str, tuple[_Edit, ...]]:
        """Lower-case the first letter of a repaired word mid-sentence when the lexicon knows the
        word only in lower case ("wichtig", "über") and the capital itself is suspect: the first
        letter was repaired ("Uber": Tesseract reads a small "ü" as "U") or the word was no word
        at all ("W|cht|g"). Nouns keep their capital ("am Ubergang" -> "am Übergang": the lexicon
        lists "Übergang"); anything less sure keeps the case as written."""
        first = edits[0]
        if any(c not in _EDGE_PUNCT for c in token[: first.start]) or not first.fixed[:1].isupper():
            return fixed, edits
        lowered = first.fixed[0].lower() + first.fixed[1:]
        if lowered not in self.lexicon_exact or first.fixed in self.lexicon_exact:
            return fixed, edits
        if first.raw[:1] == first.fixed[:1] and self._plain(first.raw).source != _NOT_A_WORD:
            return fixed, edits  # the capital was read cleanly: the writer put it there
        changed = _Edit(
            first.start,
            first.end,
            first.raw,
            lowered,
            first.reason + "; lower case as in the lexicon, mid-sentence",
        )
        return fixed[: first.start] + lowered + fixed[first.start + len(lowered) :], (changed, *edits[1:])

    def _repair_token(self, token: str) -> tuple[str, tuple[_Edit, ...]]:
        lead = 0
        while lead < len(token) and token[lead] in _EDGE_PUNCT:
            lead += 1
        trail = len(token)
        while trail > lead and token[trail - 1] in _EDGE_PUNCT:
            trail -= 1
        core = token[lead:trail]
        if not core:
            return token, ()
        out: list[str] = []
        edits: list[_Edit] = []
        offset = lead
        for piece in _SPLIT.split(core):
            repaired = self._repair_part(piece) if piece and not _SPLIT.fullmatch(piece) else None
            if repaired is None:
                out.append(piece)
            else:
                fixed, reason = repaired
                out.append(fixed)
                edits.append(_Edit(offset, offset + len(piece), piece, fixed, reason))
            offset += len(piece)
        if not edits:
            return token, ()
        return token[:lead] + "".join(out) + token[trail:], tuple(edits)

    # ---------------------------------------------------------------- word parts

    def _repair_part(self, part: str) -> tuple[str, str] | None:
        """Repair a word part to a fixed point, so that repairing the result changes nothing
        (idempotence). A chain that does not settle within three steps is not trusted."""
        if part in self._parts:
            return self._parts[part]
        result: tuple[str, str] | None = None
        current = part
        reasons: list[str] = []
        for _ in range(3):
            step = self._best(current)
            if step is None:
                result = (current, "; ".join(reasons)) if reasons else None
                break
            current = step[0]
            reasons.append(step[1])
        if result is None and not reasons:
            result = self._nearest(part)
        self._parts[part] = result
        return result

    def _nearest(self, part: str) -> tuple[str, str] | None:
        """The domain word that a badly damaged ``part`` clearly is, or None.

        The confusion table repairs a few letters at known places; Tesseract on a poor scan can
        scatter more than that over one long word ("Tellze!tausblldur_lgen", "Quliizierungsbudges").
        Agreements repeat their vocabulary, so such a word is compared, letters only, with the
        domain lexicon. It is taken only when the part is no word as written (nor a compound of
        known words), is long (NEAREST_MIN_LETTERS), differs from the lexicon word in at most a
        NEAREST_SHARE of its letters, and no other lexicon word comes within NEAREST_MARGIN edits.
        """
        letters = "".join(c for c in part if c.isalpha())
        if len(letters) < NEAREST_MIN_LETTERS or not part[:1].isalpha():
            return None
        if self.attested(part):
            return None
        if self._plain(part).source != _NOT_A_WORD and self._splits(part):
            return None
        pieces = [w for w in re.split(r"[^\w]|[\d_]", part) if w]
        if len(pieces) > 1 and any(len(w) >= 4 and self._plain(w).score >= MIN_KNOWN for w in pieces):
            return None  # two words glued by a speck ("Die’Zielvereinbarungen"), not one damaged word
        folded = _fold(letters)
        limit = int(len(folded) * NEAREST_SHARE)
        found = process.extract(
            folded,
            self._nearest_keys,
            scorer=Levenshtein.distance,
            score_cutoff=limit + NEAREST_MARGIN,
            limit=2,
        )
        if not found or found[0][1] > limit or found[0][1] == 0:
            return None
        if len(found) > 1 and found[1][1] - found[0][1] < NEAREST_MARGIN:
            return None
        word = self._nearest_words[found[0][2]]
        if part[0].islower() and word[0].isupper():
            return None  # a noun's capital is rarely lost: more likely another word than this one
        if any(self._plain(text).score > 0 for text, _ in self._candidates(part, self._sites(part))):
            return None  # the table makes a real word of it, only too rare to be sure: "heraüsfordernden"
        if part[0].isupper() and word[0].islower():
            word = word[0].upper() + word[1:]  # a sentence's first word
        return word, f"nearest domain word ({found[0][1]} letters differ)"

    def _best(self, part: str) -> tuple[str, str] | None:
        """The one acceptable candidate for ``part``, or None (fine, unknown, or ambiguous).

        How much evidence a candidate needs depends on what the part is as written:

        * attested (wordfreq knows it, or it is a compound of known words): only diacritic
          restorations, only to a plain word at least MARGIN better known ("fur" -> "für"); a
          mere compound ("Mall|nahmen") may also become a lexicon word by any confusion;
        * unknown (a plausible word wordfreq has never seen, perhaps a name): restorations to a
          known word, or to a compound whose repaired tail is known; shape confusions only to a
          lexicon word, or to a known word when the part (5+ letters) also looks like OCR junk
          (:func:`_looks_like_junk`);
        * not a word ("GroR", "|st", "MaBnahmen"): anything from the table, compounds included;
        * two small letters with umlaut dots whose dotless twin is far better known ("än"): the
          twin (:func:`dotless_twin`), though the table needs three letters.

        A candidate is at least MIN_CANDIDATE well known, and a "ß" made from ordinary letters
        ("ll", "fl") must be in the lexicon: wordfreq scores "Waßers" as "Wassers".
        """
        if len(part) == 2 and part.islower() and (twin := dotless_twin(part)) is not None:
            # "än", "zü" (text OCR of seeds 184, 170-177): a two-letter word is too short for the
            # confusion table, but a small word with dots far rarer than without them is no name
            return twin, "specks read as umlaut dots over a small word"
        if len(part) < 3 or sum(c.isalpha() for c in part) < 2:
            return None
        raw = self._plain(part)
        if raw.source == _LEXICON or raw.score >= RAW_CEILING:
            return None
        damaged = raw.source == _NOT_A_WORD
        if not damaged and raw.score < MIN_KNOWN and self._splits(part):
            # a compound of known words counts as a rare word: "Teilnehmenden|bezug" stays, but
            # "Uber|gang" still becomes "Übergang" (4.18)
            raw = _Verdict(MIN_KNOWN, _COMPOUND)
        sites = self._sites(part)
        if raw.score > 0 and raw.source != _COMPOUND:
            sites = [site for site in sites if site.rule.restores]  # see below: nothing else applies
        if not sites:
            return None
        blind = any(site.blind_eszett for site in sites)  # mostly none: then no check per candidate
        candidates = [
            (text, used)
            for text, used in self._candidates(part, sites)
            if (
                not blind
                or not any(site.blind_eszett for site in used)
                or self._plain(text).source == _LEXICON
            )
            and _VOWEL.search(text)  # "vii" is no "vll" (an abbreviation wordfreq knows)
        ]
        if raw.score > 0:  # attested as written: only put back lost dots, and only by a margin
            floor = max(MIN_CANDIDATE, raw.score + MARGIN)
            accepted = []
            for text, used in candidates:
                if not self._maybe_known(text):
                    continue
                verdict = self._plain(text)
                if verdict.score < floor:
                    continue
                # A word known only as a compound is weak evidence ("Mall|nahmen"): a lexicon word
                # may replace it through any confusion ("Maßnahmen").
                if all(site.rule.restores for site in used) or (
                    raw.source == _COMPOUND and verdict.source == _LEXICON
                ):
                    accepted.append((text, used, verdict))
            return self._choose(accepted, raw)
        junk = damaged or (len(part) >= 5 and _looks_like_junk(part))
        accepted = []
        for text, used in candidates:
            if not self._maybe_known(text):
                continue
            verdict = self._plain(text)
            shape = not all(site.rule.restores for site in used)
            # one shape confusion that turns a long unknown word into a common one is OCR's
            # classic slip ("Septernber", "flexibie"); a name is rarely one slip from "September"
            common_slip = len(used) == 1 and len(part) >= MIN_SLIP_LENGTH and verdict.score >= COMMON_SLIP
            # Specks above a letter read as an umlaut ("Kätrin", "Kooperätive" on a bilevel scan):
            # taking one word's dots away is the mirror of putting lost ones back, and as safe on a
            # word nobody writes with them.
            dots = len(used) == 1 and used[0].rule.removes_dots
            if verdict.score >= MIN_CANDIDATE and (
                not shape or junk or common_slip or dots or verdict.source == _LEXICON
            ):
                accepted.append((text, used, verdict))
        if accepted:
            return self._choose(accepted, raw)
        # No plain word fits: try compounds ("Ausbildungsfahigkeit" -> "Ausbildungs|fähigkeit").
        # Shape confusions only for parts that are no word at all: on a plausible unknown word
        # they make compounds like "Schwinden|dein" out of "Schwindendem". One exception, the
        # classic slip again: one shape confusion that makes a common word of the unknown head of
        # a noun ("Fiucht|erfahrung" -> "Flucht|erfahrung"; not "geschaffén|werden", two words).
        for text, used in candidates:
            slip = not damaged and len(used) == 1 and len(part) >= MIN_SLIP_LENGTH and part[0].isupper()
            if not damaged and not slip and not all(site.rule.restores for site in used):
                continue
            split = self._repaired_split(part, text, used, heads=damaged, common_heads=slip)
            if split is not None:
                accepted.append((text, used, _Verdict(COMPOUND_PART, f"compound {split}")))
        return self._choose(accepted, raw)

    def _choose(
        self, accepted: list[tuple[str, tuple[_Site, ...], _Verdict]], raw: _Verdict
    ) -> tuple[str, str] | None:
        """The best accepted candidate, unless a different word fits about as well."""
        if not accepted:
            return None
        ranked = sorted(
            (
                (verdict.score - EDIT_PENALTY * (len(used) - 1), -len(used), text, used, verdict)
                for text, used, verdict in accepted
            ),
            reverse=True,
        )
        best_rank, _, best_text, used, verdict = ranked[0]
        folded = _fold(best_text)
        for other_rank, _, other_text, _, _ in ranked[1:]:
            if _fold(other_text) != folded and other_rank > best_rank - AMBIGUITY:
                return None
        labels = " + ".join(site.rule.label for site in used)
        return best_text, f"confusion {labels}, {verdict.source} (as written: {raw.source})"

    def _repaired_split(
        self, part: str, text: str, used: tuple[_Site, ...], *, heads: bool, common_heads: bool = False
    ) -> str | None:
        """A split of the candidate ``text`` into known head and tail such that every side the
        repair touched was unknown as written ("fahigkeit" -> "fähigkeit"), or None. Without that
        condition "Regelbaren" would become "Regel|bären". Repairs in the head are allowed only
        when ``heads`` (the part is no word at all, as "MaRnahmenziele"): on a plausible word they
        mostly invent compounds ("Selbstauferlegten" -> "Selbstäufer|legten"); or, with
        ``common_heads``, when the repaired head is a common word (COMMON_SLIP: "Flucht|erfahrung")."""
        spans = []  # (start, end, length change) of each edit, in candidate coordinates
        shift = 0
        for site in used:
            start = site.start + shift
            spans.append(
                (start, start + len(site.replacement), len(site.replacement) - (site.end - site.start))
            )
            shift += spans[-1][2]
        for i in self._splits(text):
            if any(a < i < b for a, b, _ in spans):
                continue
            j = i - sum(delta for _, b, delta in spans if b <= i)
            head_edited = any(b <= i for _, b, _ in spans)
            tail_edited = any(a >= i for a, _, _ in spans)
            if head_edited and (
                not (heads or (common_heads and self._common_head(text[:i])))
                or self._plain(part[:j]).score >= MIN_KNOWN
            ):
                continue
            if tail_edited and self._plain(part[j:].lower()).score >= MIN_KNOWN:
                continue
            return f"{text[:i]}|{text[i:]}"
        return None

    def _common_head(self, head: str) -> bool:
        """Is ``head`` (a compound's first part, linking letters allowed) a common word?"""
        return any(
            self._plain(head[: len(head) - len(link)]).score >= COMMON_SLIP
            for link in _LINKS
            if head.endswith(link) and len(head) - len(link) >= 4
        )

    def _sites(self, part: str) -> list[_Site]:
        sites: list[_Site] = []
        for rule in self.rules:
            start = part.find(rule.damaged)
            while start >= 0:
                end = start + len(rule.damaged)
                if (not rule.at_start or start == 0) and (not rule.at_end or end == len(part)):
                    sites.append(_Site(start, end, _adapt_case(part, start, end, rule.intended), rule))
                start = part.find(rule.damaged, start + 1)
        sites.sort(key=lambda s: (s.start, s.end, s.rule.label))
        return sites

    def _candidates(self, part: str, sites: list[_Site]) -> Iterator[tuple[str, tuple[_Site, ...]]]:
        """Every way to apply up to MAX_EDITS non-overlapping sites (fewer for busy words, to
        bound the work on long garbage tokens): all single edits first, then pairs, then triples,
        each in the order ``itertools.combinations`` gives them. Repair's hottest loop (a long
        damaged word has hundreds of candidates): each text is cut from ``part`` directly."""
        limit = MAX_EDITS if len(sites) <= 16 else 2 if len(sites) <= 40 else 1
        seen: set[str] = set()
        for combo in _apart(sites, limit):
            last = 0
            text = ""
            for site in combo:
                text += part[last : site.start] + site.replacement
                last = site.end
            text += part[last:]
            if text != part and text not in seen:
                seen.add(text)
                yield text, combo

    # ---------------------------------------------------------------- knowing words

    def lexicon_compound(self, word: str, cut: int) -> bool:
        """Is ``word`` a compound of known words whose last part, a domain lexicon word, holds
        position ``cut`` ("Grund|qualifizierung", cut after "qualifi")?"""
        return any(i < cut and self.in_lexicon(word[i:].lower()) for i in self._splits(word))

    def in_lexicon(self, word: str) -> bool:
        """Is ``word`` a domain lexicon word?"""
        return self._plain(word).source == _LEXICON

    def rare(self, word: str) -> bool:
        """Is ``word`` no lexicon word and rarer than a word repair would ever touch (RAW_CEILING)?
        Word fragments pass ("sche" 3.13); common words do not ("und", "sich")."""
        verdict = self._plain(word)
        return verdict.source != _LEXICON and verdict.score < RAW_CEILING

    def well_known(self, word: str) -> bool:
        """Is ``word`` a lexicon word, or one wordfreq knows well enough to repair to
        (MIN_CANDIDATE)? Stricter than :meth:`knows`, which lets any compound of known words pass."""
        verdict = self._plain(word)
        return verdict.source == _LEXICON or verdict.score >= MIN_CANDIDATE

    def attested(self, word: str) -> bool:
        """Is ``word`` in the lexicon or known to wordfreq (MIN_KNOWN) as written?"""
        verdict = self._plain(word)
        return verdict.source == _LEXICON or verdict.score >= MIN_KNOWN

    def knows(self, word: str) -> bool:
        """Is ``word`` a known word as written: attested, or a compound of known words? For marks
        around a word: only beside a known word are they surely dirt."""
        return self.attested(word) or bool(self._splits(word))

    def _maybe_known(self, word: str) -> bool:
        """Could :meth:`_plain` give ``word`` a score above 0? False only for a word neither the
        lexicon nor wordfreq lists, which no candidate check accepts: most of the hundreds of
        candidates a damaged word makes ("Beschaftigungsfahigkeit": 621), and this answers for
        them in a third of :meth:`_plain`'s time, which the repair of a new document spent most
        of its time in."""
        if word in self._scores:
            return self._scores[word].score > 0
        folded = word.casefold()
        if word in self.lexicon_exact or folded in self.lexicon:
            return True
        # not NFC ("a" and a combining diaeresis): _plain finds no word in it, as _plausible
        # takes letters only, so the lookup as written may miss it too (the property test checks)
        return _frequencies().get(folded, 0.0) > 0

    def _plain(self, word: str) -> _Verdict:
        """How well known ``word`` is by itself: the lexicon, else wordfreq if it could be a
        word as written."""
        cached = self._scores.get(word)
        if cached is not None:
            return cached
        if word in self.lexicon_exact or (word.casefold() in self.lexicon and _plausible(word)):
            verdict = _Verdict(max(LEXICON_ZIPF, zipf(word)), _LEXICON)
        elif _plausible(word):
            z = zipf(word)
            verdict = _Verdict(z, f"wordfreq {z:.2f}") if z > 0 else _UNKNOWN_VERDICT
        else:
            verdict = _NOT_A_WORD_VERDICT
        self._scores[word] = verdict
        return verdict

    def _splits(self, word: str, depth: int = 1) -> tuple[int, ...]:
        """Where ``word`` splits into a known head and a known tail, both of 4+ letters (linking
        "s"/"n"/... allowed; the head may itself be a compound once). Covers long words
        wordfreq lacks ("Weiterbildungsmaßnahmen") and prefix parts ("Maßnahmen|arten")."""
        key = (word, depth)
        cached = self._split_cache.get(key)
        if cached is not None:
            return cached
        found: list[int] = []
        if len(word) >= 8 and _plausible(word):
            for i in range(4, len(word) - 3):
                if self._plain(word[i:].lower()).score < COMPOUND_PART:
                    continue
                head = word[:i]
                for link in _LINKS:
                    if not head.endswith(link) or len(head) - len(link) < 4:
                        continue
                    stem = head[: len(head) - len(link)]
                    if self._plain(stem).score >= COMPOUND_PART or (depth > 0 and self._splits(stem, 0)):
                        found.append(i)
                        break
        result = tuple(found)
        self._split_cache[key] = result
        return result


def _adapt_case(part: str, start: int, end: int, intended: str) -> str:
    """Upper-case the replacement of a non-letter ("|", "!") that sits among capitals, so that
    "|NTEGRATION" becomes "INTEGRATION" and "W|cht|g" stays "Wichtig"."""
    if any(c.isalpha() for c in part[start:end]):
        return intended
    before = next((c for c in reversed(part[:start]) if c.isalpha()), "")
    after = next((c for c in part[end:] if c.isalpha()), "")
    neighbours = [c for c in (before, after) if c]
    if neighbours and all(c.isupper() for c in neighbours):
        return intended.upper()
    return intended


@functools.cache
def _trigram_counts() -> dict[str, int]:
    """In how many of the 100,000 commonest German words each letter trigram occurs (word
    boundaries as "^" and "$"). Built once per process from wordfreq, in about 0.4 s."""
    counts: dict[str, int] = {}
    for word in top_n_list("de", 100_000):
        if not word.isalpha():
            continue
        padded = f"^{word}$"
        for gram in {padded[i : i + 3] for i in range(len(padded) - 2)}:
            counts[gram] = counts.get(gram, 0) + 1
    return counts


DOTS_MARGIN = 2.5
"""A word with an umlaut whose dotless twin is this much more common (zipf) may be the twin with
specks read as dots ("Schüle" 2.49, "Schule" 5.34); words with real umlauts rarely trail their
twin so far ("Mütter" 4.23 / "Mutter" 5.26, "Güte" 4.19 / "Gute" 5.61)."""


def dotless_twin(word: str) -> str | None:
    """The word ``word`` may be with specks read as umlaut dots, or None.

    Repair does not make this change: the word as written is German too ("Schüle" is a name).
    A parser that knows the word stands where no name does (a project title) may warn with it.
    """
    if not _ONLY_LETTERS.fullmatch(word) or not any(c in _UMLAUTS for c in word):
        return None
    twin = "".join(_UMLAUTS.get(c, c) for c in word)
    return twin if zipf(twin) >= zipf(word) + DOTS_MARGIN else None


def _looks_like_junk(word: str) -> bool:
    """Does ``word`` hold a letter sequence that German words (almost) never have?"""
    with _WORD_DATA_LOCK:  # built on first use: clean text (born-digital, .txt) never asks
        counts = _trigram_counts()
    padded = f"^{word.lower()}$"
    return any(counts.get(padded[i : i + 3], 0) <= JUNK_TRIGRAM for i in range(len(padded) - 2))


def _mid_sentence(text: str, pos: int) -> bool:
    """Does the token at ``pos`` follow a small letter or a comma (so it starts no sentence)?"""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and (text[i].islower() or text[i] == ",")


def _fold(word: str) -> str:
    """The form wordfreq scores: case and ß/ss do not make two candidates different words."""
    return word.casefold().replace("ß", "ss")


_WORD_DATA_LOCK = threading.Lock()
"""A batch repairs several documents at once in threads; the caches above do not stop two
threads that miss at the same moment from both building the word data, and a re-run into a new
folder (OCR cached, five documents starting together) built it five times: 2.8 s of CPU."""


@functools.lru_cache(maxsize=8)
def _repairer_for(knowledge: Knowledge) -> _Repairer:
    """One repairer per Knowledge. Loads wordfreq's table up front (about 0.35 s once per
    process, under a lock so that it is once), so that no page pays for it in the middle of a
    batch. The trigram table (0.3 s) waits for its first use: only damaged words need it, and a
    worker given born-digital PDFs never meets one."""
    with _WORD_DATA_LOCK:
        _frequencies()
    return _Repairer(knowledge)


def known_word(word: str, knowledge: Knowledge) -> bool:
    """Is ``word`` a known word as written (lexicon, wordfreq, or a compound of known words)?
    For parsers that know no name stands where they look (a project title)."""
    return _repairer_for(knowledge).knows(word)


def truncated_word(word: str, knowledge: Knowledge) -> bool:
    """Is ``word`` the start of a longer word rather than a word itself, as an abbreviation is
    ("ausländ" of "ausländischen")? Not when German knows it as written (wordfreq, or a compound
    of known words): "Landschaftsbau" is a word though "Landschaftsbauer" is one too."""
    repairer = _repairer_for(knowledge)
    if zipf(word) >= MIN_KNOWN or repairer._splits(word):
        return False
    key = word.casefold()
    with _WORD_DATA_LOCK:
        words = _sorted_words()
    at = bisect.bisect_right(words, key)
    return (at < len(words) and words[at].startswith(key)) or any(
        w.startswith(key) and len(w) > len(key) for w in repairer.lexicon
    )


@functools.cache
def _sorted_words() -> list[str]:
    """wordfreq's German words in order, for finding the words a prefix starts (0.2 s, once)."""
    return sorted(_frequencies())


def repair_document(doc: SplitDocument, knowledge: Knowledge | None = None) -> SplitDocument:
    """Repair every part of a split agreement (titles too), keeping each part's raw text beside
    the repaired one so parsers can report what was written."""

    def fix(text: str) -> str:
        return repair_text(text, knowledge).text

    def body(section: Section) -> str:
        text = fix(section.raw)
        return text if section.number == 5 else _drop_opening_mark(text)

    return SplitDocument(
        head=doc.head.model_copy(update={"text": fix(doc.head.raw)}),
        sections=tuple(
            s.model_copy(update={"text": body(s), "title": repair_title(s.title_raw or s.title, knowledge)})
            for s in doc.sections
        ),
        tail=doc.tail.model_copy(update={"text": repair_signature_block(doc.tail.raw, knowledge).text}),
    )


def repair_title(title: str, knowledge: Knowledge | None = None) -> str:
    """Repair a section's title: :func:`repair_text`, then take away marks standing alone at its
    start or end ("§ 1\n. Ausbildungs- und Qualifizierungsbudget", "- Umsetzung der …" on heavy
    scans and text OCR of seeds 230-243). In running text a mark at a line's start may be a list's
    bullet; a heading is no list item and neither starts nor ends with a mark. Whitespace stays."""
    text = repair_text(title, knowledge).text
    tokens = list(_TOKEN.finditer(text))
    keep = [i for i, t in enumerate(tokens) if t.group().strip(_TITLE_MARKS)]
    if not keep:
        return text
    start, end = tokens[keep[0]].start(), tokens[keep[-1]].end()
    # the marks before the first word and after the last go, the whitespace around them stays
    return _TOKEN.sub("", text[:start]) + text[start:end] + _TOKEN.sub("", text[end:])


def _drop_opening_mark(text: str) -> str:
    """A section's body without a mark standing alone before its first word, when that word is
    capitalised (". Erfolgreiche Arbeitsmarktpolitik …", "- Der Hochtaunuskreis …", "- Die
    Integration …": heavy scans and text OCR of seeds 230-243). A body opens with a sentence, not
    a list item (§ 5's, whose projects are the list, is left to its parser); a bullet read as "•"
    stays."""
    tokens = list(itertools.islice(_TOKEN.finditer(text), 2))
    if len(tokens) < 2:
        return text
    first, word = tokens[0], tokens[1].group()
    if first.group() in _OPENING_MARKS and word[:1].isupper() and _ONLY_LETTERS.match(word):
        return text[: first.start()] + text[first.end() :]
    return text


_OPENING_MARKS = frozenset({"-", "–", "—", ".", "·", ":", ";", "_", "*", "~", "=", "°", "»", "«", "|"})

_TITLE_MARKS = "-–—•·.,:;_*~=»«°<>|"
"""Marks no heading starts or ends with standing alone (not quotes: § 5's title may end in a
partner's name in quotes)."""


def repair_signature_block(text: str, knowledge: Knowledge | None = None) -> Repaired:
    """Repair the signature block: :func:`repair_text`, then take away what stamps and signatures
    left as letters (:func:`_signature_noise`).

    Below § 7's last sentence an agreement holds only places and dates, names, roles and the two
    parties' names, all of them typed in ordinary case. What Tesseract makes of ink there is
    mostly shards: "R 78 ER § 7 5", "| Ef a & E JE)", "Anja von Bülow es" (22 of the 26 scanned
    samples have some). Repair in the body cannot take them, since "ER" or "es" may be German
    there. Digits stay whatever they look like: they may be a handwritten date, which the
    signatory parser reads. Like every repair this keeps the whitespace skeleton, so the
    columns of a two-column block stay where they were.
    """
    repairer = _repairer_for(knowledge if knowledge is not None else load_knowledge())
    first = repair_text(text, knowledge)
    pieces: list[str] = []
    changes: list[Change] = []
    last = 0
    for line in _SIGNATURE_LINE.finditer(first.text):
        tokens = list(_TOKEN.finditer(first.text, line.start(), line.end()))
        verdicts = [_signature_noise(t.group(), repairer) for t in tokens]
        for segment in _segments(tokens):
            digits = [i for i in segment if _has_digit(tokens[i].group())]
            # "Kassel, den Z 2.4.18" (a heavy scan of seed 245): letters before a number in its
            # column may be a date's first digits in ink ("22.4.18"); taken away, the rest would
            # read as a date. After the number they are shards ("29.09.2021° © S", seed 244).
            for i in segment:
                if digits and i < digits[-1] and any(c.isalpha() for c in tokens[i].group()):
                    verdicts[i] = ""
        if tokens and all(v or _shard(t.group()) for t, v in zip(tokens, verdicts, strict=True)):
            # "As", "eK", "| Ef   a": a line of nothing but shards is a scribble's, whole
            verdicts = [v or "a line of shards in the signature block: stamp or signature" for v in verdicts]
        for match, reason in zip(tokens, verdicts, strict=True):
            token = match.group()
            pieces.append(first.text[last : match.start()])
            last = match.end()
            if reason:
                pieces.append("")
                changes.append(
                    Change(start=match.start(), end=match.end(), raw=token, fixed="", reason=reason)
                )
                continue
            trail = _SIGNATURE_TRAIL.search(token)
            if trail is not None:  # "Oberbürgermeisterin—____": a signature's stroke run into a role
                at = match.start() + trail.start()
                changes.append(
                    Change(start=at, end=match.end(), raw=trail.group(), fixed="", reason=_TRAIL_REASON)
                )
                token = token[: trail.start()]
            pieces.append(token)
    pieces.append(first.text[last:])
    second = Repaired(raw=first.text, text="".join(pieces), changes=tuple(changes))
    return _compose(first, second) if changes else first


_SIGNATURE_LINE = re.compile(f"[^{_LINE_BREAKS}]+")
_SIGNATURE_TRAIL = re.compile(r"(?<=[^\W\d_])(?:[_—~]+|[-–]{2,})[-–—_~]*$")
"""A run of strokes glued to the end of a word: underscores, em dashes or two dashes or more (a
single hyphen may end a line of a name or partner that runs on: "Werra-Meißner-")."""
_TRAIL_REASON = "strokes after a word in the signature block: a signature's"


def _segments(tokens: list[re.Match[str]]) -> list[list[int]]:
    """The indices of ``tokens`` (one line's) grouped by column: a gap of COLUMN_GAP spaces or
    more starts the next group."""
    groups: list[list[int]] = []
    for i, token in enumerate(tokens):
        if not groups or token.start() - tokens[i - 1].end() >= COLUMN_GAP:
            groups.append([])
        groups[-1].append(i)
    return groups


COLUMN_GAP = 3
"""This many spaces between words in a line mean two columns (a text layer's layout, and OCR's
since it writes a wide gap as :data:`aqb_extract.ocr.COLUMN_SEPARATOR`); the signatory parser
reads columns by the same measure."""


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _shard(token: str) -> bool:
    """A token of one or two letters with no full stop ("As", "eK"): a shard when all its line holds
    is such tokens and noise; an initial keeps its stop ("M.")."""
    core = token.strip(_EDGE_CHARS + "|")
    return "." not in token and 0 < len(core) <= 2 and bool(_ONLY_LETTERS.fullmatch(core))


SIGNATURE_SMALL_WORDS = frozenset(
    {"a", "am", "an", "auf", "bei", "d", "da", "de", "del", "dem", "den", "der", "des", "di", "die"}
    | {"du", "für", "i", "im", "in", "la", "le", "ter", "und", "v", "van", "vom", "von", "zu", "zum", "zur"}
    | {"als", "bis", "gez", "mit", "per"}
)
"""Small words a signature block holds: "den" of the date, "für" and "und" of the ministry, "des"
and "der" of the partner, name particles ("von Bülow"), "am" and "a" of "Offenbach am Main",
"Frankfurt a. M.", "i." and "V." of "i. V.", "gez." and "als" of a signature on someone's behalf.
Any other small word there is a scribble's shard."""


def _signature_noise(token: str, repairer: _Repairer) -> str:
    """Why ``token`` of a signature block is scan noise, or "" when it may be text.

    Noise is a token with neither letter nor digit ("%", "__-", a "§" whose number stays), one or
    two capitals the lexicon does not know ("ER", "JE)"), and a small word no signature block
    holds ("es", "wa"). A token with a digit stays (it may be a date in ink), so does an initial
    ("M.") and any word in ordinary case, known or not, since names are mostly unknown words.
    Longer words in capitals stay too: a block may be typed in capitals ("KAI KLOSE"), and no
    test of letters tells "SCHOELLER" from "ERRENN"; the signatory parser judges those."""
    if _has_digit(token):
        return ""
    core = token.strip(_EDGE_CHARS + "|")
    if not core:
        return "mark in the signature block: stamp or signature"
    if not _ONLY_LETTERS.fullmatch(core):
        return ""  # "a.M.", "Kühn-Weißbrod", a damaged word: not ours to judge
    if "." in token and len(core) <= 2:
        return ""  # an initial or abbreviation ("M.,", "i.", "Dr.")
    if core.isupper():
        if len(core) > 2 or core in repairer.lexicon_exact:
            return ""  # a name or role in capitals ("KAI KLOSE"), or shards no rule tells from one
        return "one or two capitals in the signature block: stamp or signature"
    if core.islower() and len(core) <= 3 and core not in SIGNATURE_SMALL_WORDS:
        return "small word in the signature block: stamp or signature"
    return ""


def repaired_words(doc: SplitDocument) -> int:
    """How many words repair changed in the bodies of a split agreement. Clean text needs none;
    a text file that went through OCR elsewhere needs dozens (16 to 57 on 240 held-out text-OCR
    files), which is how the record learns that its digits came from an OCR nobody can see."""
    count = 0
    for part in (doc.head, *doc.sections, doc.tail):
        pairs = token_pairs(part.raw, part.text) or []
        count += sum(part.raw[a:b] != part.text[c:d] for (a, b), (c, d) in pairs)
    return count
