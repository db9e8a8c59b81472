"""Properties of repair that other stages rely on, checked on arbitrary and OCR-like text.

* the whitespace skeleton is kept (token i of the repaired text is token i of the raw text, or
  nothing where a speck was repaired away, and the whitespace between tokens is the same);
* repair is idempotent and never raises;
* the changes describe the difference exactly, and raw_span maps tokens back to raw tokens;
* clean German text (seed 000), cut into pieces anywhere between words, is never changed.
"""

from __future__ import annotations

import itertools
import re

from helpers.seeds import seed_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aqb_extract import repair
from aqb_extract.knowledge import load_knowledge
from aqb_extract.repair import Repaired, raw_span, repair_text, token_pairs

K = load_knowledge()
SEED_000 = seed_text("000")
SEED_001 = seed_text("001")
GAPS = re.compile(r"\S+")

# Words to build OCR-like text from: both seeds, the confusion table's damaged forms, junk.
WORDS = sorted(
    set(SEED_000.split())
    | set(SEED_001.split())
    | {damaged.strip("^$") for damaged, _ in K.confusions}
    | {"GroR-Gerau", "W|cht|g", "HMS!I", "|st", "Uber", ",Bundnis", "Héhe", "ﬁ", "ß", "ii", "-", "|"}
    # specks, stray quotes, SGB lists and dashes as OCR writes them
    | {".", ":", ";", "_", "°", "“", "'", "’", "i", "j", "«", "»", "von.dem", "Menschen.mit", "in’eine"}
    | {"für.Ausbildung", "für-Ausbildung", "anzubieten..Menschen", "Jahre’", "“der", "der.", "von:"}
    | {"SGB", "VII,", "VI,", "XN", "I,", "und", "für", "nach", "—", "–", "„", "“,"}
    # list markers and loose hyphens as OCR writes them, roman numerals read as bars
    | {"e", "=", "~", "•", "*", "Küchenhelfer", "Gebäudereinigung-", "-Beeinträchtigungen", "|;", "Il"}
)
WHITESPACE = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", "\f", "\n\f\n", "\xa0", "\u2028", "\x1c", "\r\n"]
)
OCR_TEXT = st.builds(
    lambda words, gaps, lead, trail: lead + "".join(w + g for w, g in zip(words, gaps, strict=False)) + trail,
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12)), max_size=40),
    st.lists(WHITESPACE, min_size=40, max_size=40),
    st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["", " ", "\n"]),
)
ANY_TEXT = st.one_of(st.text(), OCR_TEXT)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _skeleton(text: str) -> list[str]:
    """The whitespace between (and around) the tokens."""
    return GAPS.split(text)


def _apply(raw: str, result: Repaired) -> str:
    out, last = [], 0
    for change in result.changes:
        out.append(raw[last : change.start])
        out.append(change.fixed)
        last = change.end
    out.append(raw[last:])
    return "".join(out)


@PROPERTY
@given(ANY_TEXT)
def test_whitespace_skeleton_is_kept(text: str) -> None:
    result = repair_text(text, K)
    assert result.raw == text
    pairs = token_pairs(text, result.text)
    assert pairs is not None
    assert len(pairs) == len(text.split())
    assert " ".join(result.text[a:b] for _, (a, b) in pairs).split() == result.text.split()
    # the gaps are the raw text's, whatever became of the tokens between them
    assert _skeleton(_blank_tokens(result.text, pairs)) == _skeleton(_blank_tokens(text, pairs, raw=True))


def _blank_tokens(
    text: str, pairs: list[tuple[tuple[int, int], tuple[int, int]]], *, raw: bool = False
) -> str:
    """``text`` with every token (empty ones too) as one "x": only the whitespace is left to compare."""
    out, last = [], 0
    for r, f in pairs:
        start, end = r if raw else f
        out += [text[last:start], "x"]
        last = end
    return "".join(out) + text[last:]


@PROPERTY
@given(ANY_TEXT)
@example('" « A')  # a bullet behind a speck that goes: a list item either way
@example("‘A0 AA’")  # an English quote kept open keeps its closer
@example("‘A0\rAA’")
@example('0"\rb\r"')  # a speck that goes between two lines leaves a paragraph break
@example("Fallmanagement . |")  # a numeral's word behind a speck that goes
def test_repair_is_idempotent(text: str) -> None:
    once = repair_text(text, K).text
    assert repair_text(once, K).text == once


@PROPERTY
@given(ANY_TEXT)
def test_changes_describe_the_difference(text: str) -> None:
    result = repair_text(text, K)
    ends = [0]
    for change in result.changes:
        assert change.start >= ends[-1], "changes are in order and do not overlap"
        assert text[change.start : change.end] == change.raw
        assert change.raw != change.fixed and change.reason
        ends.append(change.end)
    assert _apply(text, result) == result.text


@PROPERTY
@given(OCR_TEXT, st.data())
def test_raw_span_maps_tokens_to_raw_tokens(text: str, data: st.DataObject) -> None:
    result = repair_text(text, K)
    pairs = token_pairs(text, result.text)
    assert pairs is not None
    for (r_start, r_end), (f_start, f_end) in pairs:
        if f_start < f_end:  # a speck repaired away has no span of its own to map
            assert raw_span(text, result.text, f_start, f_end) == (r_start, r_end)
    start = data.draw(st.integers(0, len(result.text)))
    end = data.draw(st.integers(start, len(result.text)))
    r_start, r_end = raw_span(text, result.text, start, end)
    assert 0 <= r_start <= r_end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, len(SEED_000)), max_size=30))
def test_clean_text_in_random_chunks_is_unchanged(cuts: list[int]) -> None:
    """Cut points move to the next whitespace: a piece of a word ("grun" of "grundsätzlich") is no
    clean German, and repair rightly reads it as damaged "grün"."""
    points = sorted({0, len(SEED_000)} | {_next_space(SEED_000, c) for c in cuts})
    for start, end in itertools.pairwise(points):
        chunk = SEED_000[start:end]
        result = repair_text(chunk, K)
        assert result.text == chunk, result.changes


def _next_space(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


@settings(deadline=None)  # the first example loads the word data
@given(
    spans=st.lists(st.tuples(st.integers(0, 12), st.integers(1, 3)), max_size=14),
    limit=st.integers(1, 3),
)
def test_candidate_edits_are_the_non_overlapping_combinations_in_order(
    spans: list[tuple[int, int]], limit: int
) -> None:
    """Repair builds its candidates from the non-overlapping combinations of a word's edit sites,
    site by site (never making the overlapping ones); the order matters (the first of equal
    candidates is kept), so it must be exactly itertools.combinations' order, filtered."""
    from aqb_extract.repair import _apart, _Site

    rule = repair._repairer_for(K).rules[0]
    sites = sorted(
        (_Site(start, start + width, "x", rule) for start, width in spans), key=lambda s: (s.start, s.end)
    )
    expected = [
        combo
        for n in range(1, limit + 1)
        for combo in itertools.combinations(sites, n)
        if not any(a.end > b.start for a, b in itertools.pairwise(combo))
    ]
    assert list(_apart(sites, limit)) == expected


# The signature block's repair (:func:`repair.repair_signature_block`) keeps the same promises.
SIGNATURE_WORDS = st.sampled_from(
    (
        *("Wiesbaden,", "den", "8.8.23", "Kassel,", "Z", "2.4.18", "Kai", "Klose", "Staatsminister"),
        *("ER", "JE)", "es", "As", "eK", "§", "7", "__-", "Oberbürgermeisterin—____", "i.", "V."),
        *("|", "&", "Hessisches"),
    )
)
SIGNATURE_TEXT = st.builds(
    lambda words, gaps: "".join(w + g for w, g in zip(words, gaps, strict=False)),
    st.lists(SIGNATURE_WORDS, max_size=30),
    st.lists(st.sampled_from([" ", "    ", "\n", "\n\n"]), min_size=30, max_size=30),
)


@PROPERTY
@given(st.one_of(SIGNATURE_TEXT, ANY_TEXT))
def test_signature_block_repair_keeps_the_skeleton_and_settles(text: str) -> None:
    result = repair.repair_signature_block(text, K)
    assert token_pairs(text, result.text) is not None
    assert repair.repair_signature_block(result.text, K).text == result.text
    assert _apply(text, result) == result.text


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(WORDS),
        st.text(alphabet="aäbcdefghiïlmnoöprsßtuüzAÄGMÖÜ|!'’ﬁé\u0308", min_size=1, max_size=14),
    )
)
@example("Beschäftigungsfähigkeit")
@example("Bescha\u0308ftigung")  # not NFC: wordfreq's lookup normalises first
def test_a_candidate_skipped_as_unknown_could_never_be_accepted(word: str) -> None:
    """Repair skips most of a damaged word's candidates with a quick test
    (``_maybe_known``); it may only skip words :meth:`_plain` scores 0, which no check accepts."""
    repairer = repair._repairer_for(K)
    fresh = repair._Repairer(K)  # before _plain has scored the word: the quick path itself
    if not fresh._maybe_known(word):
        assert repairer._plain(word).score == 0
