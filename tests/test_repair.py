"""The repair stage: each rule, the clean seed untouched, the damaged seed measured word by word."""

from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path

import pytest
from helpers.seeds import seed_text
from wordfreq import top_n_list, zipf_frequency

from aqb_extract import repair
from aqb_extract.knowledge import Knowledge, load_knowledge
from aqb_extract.models import Part, Section, SplitDocument
from aqb_extract.repair import Change, raw_span, repair_text, token_pairs

K = load_knowledge()


def fixed(text: str, knowledge: Knowledge = K) -> str:
    return repair_text(text, knowledge).text


# --------------------------------------------------------------------------- the seeds

# Every change repair makes on seed 001, checked by hand against the page (and seed 000, which is
# the same template text). A change that is not here is a wrong change: the test fails.
SEED_001_FIXES = {
    "fiir": "für", "fur": "für", "fir": "für", "far": "für", "dafiir": "dafür", "Dafur": "Dafür",
    "GroR": "Groß", "GroB": "Groß", "Gro3": "Groß", "Grof3": "Groß", "Grol3": "Groß",
    "MaRnahmen": "Maßnahmen", "MaBnahmen": "Maßnahmen", "Mallnahmen": "Maßnahmen",
    "Manahmenarten": "Maßnahmenarten",
    "WeiterbildungsmaRnahmen": "Weiterbildungsmaßnahmen", "MaRgabe": "Maßgabe",
    "auRerbetrieblichen": "außerbetrieblichen", "regelmaRig": "regelmäßig", "grofle": "große",
    "Praambel": "Präambel", "Stadten": "Städten", "Stadte": "Städte", "Uber": "über",
    "tber": "über", "tberdies": "überdies", "Ubergang": "Übergang", "Ubergangs": "Übergangs",
    "|st": "ist", "W|cht|g": "wichtig", "D|e": "Die", "krelsfre|en": "kreisfreien", "HMS!I": "HMSI",
    "ermdglichen": "ermöglichen", "ermogllchen": "ermöglichen", "Erméglichung": "Ermöglichung",
    "méglichst": "möglichst", "eréffnen": "eröffnen", "Héhe": "Höhe", "Férderung": "Förderung",
    "Arbeitsmarktférderung": "Arbeitsmarktförderung", "Forderansatz": "Förderansatz",
    "Verfigung": "Verfügung", "Verfiigung": "Verfügung", "Verfugung": "Verfügung",
    "grundsatzlich": "grundsätzlich", "genderadaquat": "genderadäquat",
    "Ausbildungsfahigkeit": "Ausbildungsfähigkeit", "Beschaftigungsfahigkeit": "Beschäftigungsfähigkeit",
    "befahigen": "befähigen", "langerfristige": "längerfristige", "eigenstandigen": "eigenständigen",
    "Entscheidungsspielraume": "Entscheidungsspielräume", "Fachkréaftesicherung": "Fachkräftesicherung",
    "Féchkréftemangels": "Fachkräftemangels", "Regierungsprasidium": "Regierungspräsidium",
    "aufgefihrten": "aufgeführten", "Unterjahrige": "Unterjährige", "berlcksichtigt": "berücksichtigt",
    "verdffentlicht": "veröffentlicht", "Bundnis": "Bündnis", "Individualitat": "Individualität",
    "zukinftigen": "zukünftigen", "unterstutzen": "unterstützen", "unterstutzt": "unterstützt",
    "konnen": "können", "Ausbildungsabschlﬂsse": "Ausbildungsabschlüsse", "demograﬁschen": "demografischen",
    "Bedurfnlssen": "Bedürfnissen", "Beschaftlgung": "Beschäftigung", "Tatlgkelten": "Tätigkeiten",
    "rechtskrelsubergrelfenden": "rechtskreisübergreifenden", "famlllensorgenden": "familiensorgenden",
    "Ausblldung": "Ausbildung", "Bausteln": "Baustein", "nachhaltlge": "nachhaltige",
    "verschledensten": "verschiedensten", "jewelllgen": "jeweiligen", "Errelchung": "Erreichung",
    "Zlels": "Ziels", "einzelrien": "einzelnen", "smnvoll": "sinnvoll", "Stlllen": "Stillen",
    "reglonale": "regionale", "reglonalen": "regionalen", "Arbeltsmarkt": "Arbeitsmarkt",
    "Arbeltsmarktstrategle": "Arbeitsmarktstrategie", "Rechtskrelse": "Rechtskreise", "Berelch": "Bereich",
    "abgestlmmt": "abgestimmt", "wefden": "werden", "OIoV": "OloV", "Entséheidung": "Entscheidung",
    "Servicestélle": "Servicestelle", "Integratié)n": "Integration", "Ausbildungsberufeh": "Ausbildungsberufen",
    "—": "–",  # the spaced dash: seed 000, the same template, has an en dash in each place
    # too damaged for the table; the nearest domain word, by a clear margin
    "UnterstﬁtZungsstfukturén": "Unterstützungsstrukturen", "erméglic‘hen": "ermöglichen",
    "Tellze!tausblldur_lgen": "Teilzeitausbildungen", "Teiihehff\\endenbezug": "Teilnehmendenbezug",
    "Spfaéhféfdérangebote": "Sprachförderangebote", "Quahﬁzuerungen": "Qualifizierungen",
    "Iﬁtegr’atio'n": "Integration",
}  # fmt: skip

# Words of seed 001 that repair leaves alone although the page says otherwise: too damaged for
# the confusion table, merged with the next word, or ambiguous. Kept here so the measurement is
# honest; a future improvement moves a word from here to SEED_001_FIXES.
SEED_001_LEFT = {
    "Lmd": "und", "Handllljngsansétze": "Handlungsansätze", "Ain": "in", "22U": "zu", "Bel": "Bei",
    "heSS|schen": "hessischen", "potenzge_ll": "potenziell", "geschaffénwerden": "geschaffen werden",
    "zZu": "zu", "voIIquaInfuznerenden": "vollqualifizierenden", "geforderte": "geförderte",
    "geforderten": "geförderten", "AsbeLG": "AsylbLG", "ertschaft": "Wirtschaft",
}  # fmt: skip


# Repairs that need the neighbouring words (repair.py's context rules): not made to a lone token.
SEED_001_CONTEXT = {",": "„", '"': "“"}  # German quotes: OCR reads „ as a comma, “ as a straight quote
# Specks dropped, checked against the page: "der’ 'sog." is "der sog.", "‘Dem Land" is "Dem Land",
# "von. verschledensten" is "von verschiedensten", "und." and "der:" are "und AsylbLG, der Wirtschaft".
SEED_001_SPECKS = {"’": {""}, "‘": {""}, "'": {""}, ".": {""}, ":": {""}}
# "SGB I, I, VIII,. XII und." is "SGB II, III, VIII, XII und": one reading, two books. "SGB 1, III
# Vil "Xl und AsylbLG" is the same list, its commas lost (anchored once the speck '"' is gone).
SEED_001_LIST = {("I", "II"), ("I", "III"), ("1,", "II,"), ("III", "III,"), ("Vil", "VIII,"), ('"Xl', "XII")}
# "spezifi sche Angebote": one word that OCR cut after the "fi" ligature; the head takes the
# whole word, the tail goes.
SEED_001_SPLIT = {"spezifi": "spezifische", "sche": ""}


def _right(raw: str) -> set[str]:
    """The right repairs of ``raw``; "Uber" is "Über" at a sentence start, "über" elsewhere."""
    if raw in SEED_001_SPECKS:
        return SEED_001_SPECKS[raw]
    if raw in SEED_001_SPLIT:
        return {SEED_001_SPLIT[raw]}
    if raw in {r for r, _ in SEED_001_LIST}:
        return {f for r, f in SEED_001_LIST if r == raw}
    expected = SEED_001_FIXES.get(raw) or SEED_001_CONTEXT.get(raw) or "no change expected"
    return {expected, expected[:1].upper() + expected[1:]} if raw in {"Uber", "W|cht|g"} else {expected}


def test_clean_seed_000_is_left_exactly_as_it_is() -> None:
    text = seed_text("000")
    result = repair_text(text, K)
    assert result.text == text
    assert result.changes == ()
    assert result.raw == text


def test_clean_text_never_builds_the_trigram_table() -> None:
    """The trigram table (0.3 s a process) is for damaged words: a worker given born-digital
    PDFs never needs it, so it is built on first use, not with the repairer."""
    import subprocess
    import sys

    code = (
        "from aqb_extract import repair; from helpers.seeds import seed_text; "
        "repair.repair_text(seed_text('000')); print(repair._trigram_counts.cache_info().currsize); "
        "repair.repair_text('Die Ausbildungsfahigkeit vonn Mensxhqen'); print(repair._trigram_counts.cache_info().currsize)"
    )
    tests = str(Path(__file__).parent)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tests)
    assert out.stdout.split() == ["0", "1"]


def test_every_change_on_seed_001_is_right() -> None:
    """Precision on real Tesseract damage: each change is in the hand-checked table."""
    result = repair_text(seed_text("001"), K)
    wrong = [(c.raw, c.fixed) for c in result.changes if c.fixed not in _right(c.raw)]
    assert wrong == []
    made = {c.raw for c in result.changes}
    expected = (
        set(SEED_001_FIXES)
        | set(SEED_001_CONTEXT)
        | set(SEED_001_SPECKS)
        | {r for r, _ in SEED_001_LIST}
        | set(SEED_001_SPLIT)
    )
    assert made == expected, "a hand-checked fix is no longer made"
    assert len(result.changes) >= 120  # 124 of 816 tokens when written


def test_repairing_seed_001_twice_changes_nothing_more() -> None:
    once = repair_text(seed_text("001"), K)
    twice = repair_text(once.text, K)
    assert twice.text == once.text
    assert twice.changes == ()


@pytest.mark.parametrize(("damaged", "expected"), sorted(SEED_001_FIXES.items()))
def test_seed_001_word_on_its_own(damaged: str, expected: str) -> None:
    """Each damaged word also repairs without its context (capital kept where the context decides)."""
    got = fixed(damaged)
    assert got in (expected, expected[:1].upper() + expected[1:])


@pytest.mark.parametrize(("damaged", "right"), sorted(SEED_001_LEFT.items()))
def test_seed_001_words_beyond_repair_are_not_made_worse(damaged: str, right: str) -> None:
    assert fixed(damaged) in (damaged, right)


def test_changes_point_at_the_raw_text() -> None:
    raw = seed_text("001")
    result = repair_text(raw, K)
    for change in result.changes:
        assert raw[change.start : change.end] == change.raw
        assert change.reason.startswith(
            (
                "confusion ",
                "nearest domain word",
                "em dash",
                "section sign",
                "roman numeral",
                "German ",
                "speck",
                "full stop before a small word",
                "quote mark",
                "dash",
                "letter standing alone",
                "a word that OCR split",
            )
        )
    pairs = token_pairs(raw, result.text)
    assert pairs is not None and len(pairs) == len(raw.split())
    gone = [raw[r0:r1] for (r0, r1), (f0, f1) in pairs if f0 == f1]
    marks = ".:;'\"`´‘’‚“”°©®™^~=\\{}<>_!?»«-–—"
    assert gone and all(
        set(token) <= set(marks) or (len(token) == 1 and token.islower()) or token in SEED_001_SPLIT
        for token in gone
    ), gone


# --------------------------------------------------------------------------- rule by rule


def test_change_record() -> None:
    result = repair_text("Landkreis GroR-Gerau", K)
    assert result.text == "Landkreis Groß-Gerau"
    assert result.changes == (
        Change(start=10, end=14, raw="GroR", fixed="Groß", reason=result.changes[0].reason),
    )
    assert "R->ß" in result.changes[0].reason
    assert "lexicon" in result.changes[0].reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GroR-Gerau", "Groß-Gerau"),
        ("Grol3-Gerau", "Groß-Gerau"),
        ("Werra-MeiRner-Kreis", "Werra-Meißner-Kreis"),
        ("UN-Behindertenrechtskonvention", "UN-Behindertenrechtskonvention"),
        ("Ausbildungs-", "Ausbildungs-"),
        ("-begleitung", "-begleitung"),
        ("Landrat/Landratin", "Landrat/Landrätin"),
    ],
)
def test_hyphenated_compounds_are_repaired_part_by_part(raw: str, expected: str) -> None:
    assert fixed(raw) == expected


def test_ind_is_und() -> None:
    # a TIFF of held-out seed 243 and heavy scans: "und" read "ind", which wordfreq rates 3.21
    assert fixed("Kooperative Ausbildung Gärtner/-in Garten- ind Landschaftsbau") == (
        "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau"
    )
    assert fixed("Ind. Kaufmann") == "Ind. Kaufmann"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (",Bundnis", "„Bündnis"),  # and the comma was OCR's „
        ('Hessen"®', 'Hessen"®'),
        ("(HMSI)", "(HMSI)"),
        ("(HMS!I)", "(HMSI)"),
        ("„Sprachcafé“", "„Sprachcafé“"),
        ("fur:", "für:"),
        ("...fiir...", "...für..."),
        ("sog.", "sog."),
    ],
)
def test_punctuation_around_a_word_is_kept(raw: str, expected: str) -> None:
    assert fixed(raw) == expected


@pytest.mark.parametrize(
    "word",
    [
        # both spellings are German words: nothing tells which one the page had
        "Mutter", "Forderung", "schon", "Hohe", "hohe", "zahlen", "geforderte", "Bar", "Schwachen",
        # correct as written (seed 000 and the AQB vocabulary)
        "Sprachcafé", "behörden", "SuS", "BaE-Modell", "AsylbLG", "OloV-Steuerungsgruppen", "documenta",
        "Inmigra", "FAuB", "PersA", "HMSI", "Gross", "dass", "Teilnehmendenbezug", "Altersbegrenzungen",
        # real words that shape confusions (l->i, ri->n, m->in, f->r, ll->ß) would turn into others
        "well", "Karin", "Selen", "Gehöft", "Weltstadt", "Waller", "Wallers", "Tellen", "Meme",
        # names and words wordfreq does not know
        "Oyan", "Schoeller", "Kriebel", "Ariden", "Regelbaren", "Selbstauferlegten", "Hofen",
    ],
)  # fmt: skip
def test_correct_and_ambiguous_words_are_left_alone(word: str) -> None:
    assert fixed(word) == word


def test_common_german_words_are_left_alone() -> None:
    """The 10,000 commonest German words (wordfreq), as listed and capitalised: only the web's
    own OCR junk among them is changed."""
    changed = set()
    for word in top_n_list("de", 10_000):
        for form in {word, word[:1].upper() + word[1:]}:
            if repair_text(form, K).changes:
                changed.add(word)
    assert changed <= {"fur", "uber", "far"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Héhe", "Höhe"),  # "Hohe" would be a word, but "é" inside says the page was damaged
        ("Férderung", "Förderung"),
        ("Gro3e", "Große"),
        ("MaBe", "Maße"),  # "B" for "ß" is the confusion; wordfreq cannot tell "Maße" from "Masse"
    ],
)
def test_impossible_forms_are_repaired_even_next_to_a_real_word(raw: str, expected: str) -> None:
    assert fixed(raw) == expected


def test_frequency_margin_beats_web_ocr_junk() -> None:
    # wordfreq lists "fur" (4.35) and "Uber" (4.08): web OCR junk, far below "für" and "über"
    assert fixed("fur") == "für"
    assert fixed("Uber") == "Über"
    # "Losung" is a word (3.02) but "Lösung" beats it by the margin: a known, accepted risk
    assert fixed("Losung") == "Lösung"


def test_compound_tail_repairs_words_wordfreq_lacks() -> None:
    assert zipf_frequency("Vermittlungsfähigkeit", "de") == 0
    assert fixed("Vermittlungsfahigkeit") == "Vermittlungsfähigkeit"
    assert "compound Vermittlungs|fähigkeit" in repair_text("Vermittlungsfahigkeit", K).changes[0].reason
    assert fixed("ZuwanderungsmaRnahmen") == "Zuwanderungsmaßnahmen"
    # a prefix part that is no word at all ("MaRnahmen") may be repaired too
    assert fixed("MaRnahmenziele") == "Maßnahmenziele"
    # but not the head of a plausible word: that mostly invents compounds
    assert fixed("Selbstauferlegten") == "Selbstauferlegten"


def test_shape_confusions_need_junk_or_the_lexicon() -> None:
    assert fixed("abgestlmmt") == "abgestimmt"  # "tlm" occurs in no common German word
    assert fixed("Zlels") == "Ziels"
    assert fixed("Tellen") == "Tellen"  # a plausible name: "Teilen" is not forced on it


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a thin "l" read as "t" (TIFFs and text OCR of seeds 107-165, sample 26)
        ("Schülerinnen und Schüter mit", "Schülerinnen und Schüler mit"),
        ("für Langzeitarbeitstose", "für Langzeitarbeitslose"),
        ("die regionate Wirtschaft", "die regionale Wirtschaft"),
        ("die Haushaltsmittet", "die Haushaltsmittel"),
        ("unterschiedliche Lebenstagen", "unterschiedliche Lebenslagen"),
        ("Arbeit mit Tieren", "Arbeit mit Tieren"),  # a word as written stays
        ("Treten", "Treten"),
    ],
)
def test_t_read_for_l(raw: str, expected: str) -> None:
    assert fixed(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Praxisklassen än Haupt- und Förderschulen",
            "Praxisklassen an Haupt- und Förderschulen",
        ),  # seed 184
        ("Impulse zü setzen", "Impulse zu setzen"),  # held-out 170-177, twice
        ("äh", "äh"),  # a small word with real dots is as common as its twin
        ("Än der Schule", "Än der Schule"),  # a capital may start a name
    ],
)
def test_specks_read_as_dots_over_a_two_letter_small_word(raw: str, expected: str) -> None:
    assert fixed(raw) == expected


def test_ri_for_n_in_a_small_word_inside_a_sentence() -> None:
    # heavy scans and txt-ocr of seeds 110, 123, 138, 153, 155: "urid", "ohrie" (unknown to every
    # list) are "und", "ohne"; articles are not listed in small letters alone, so a capital after a
    # lost full stop stays (seed 001: "gestellt D|e geforderten" is "gestellt. Die geförderten")
    assert fixed("Soziales urid Integration") == "Soziales und Integration"
    assert fixed("Jugendliche ohrie Schulabschluss") == "Jugendliche ohne Schulabschluss"
    assert fixed("gestellt D|e Mittel") == "gestellt Die Mittel"
    assert fixed("Tellen") == "Tellen"


def test_project_words_wordfreq_knows_too_rarely_lose_dots_a_speck_put_on_them() -> None:
    # heavy scans and TIFFs of seeds 141, 156, 157: wordfreq knows "außerschulischer" (2.05) too
    # rarely to take a speck's dots off for it; the domain lexicon lists such project words
    assert fixed("Außerschülischer Lernort") == "Außerschulischer Lernort"
    assert fixed("Werkstattjähr") == "Werkstattjahr"
    assert fixed("Maler/-innen und Läckierer/-innen") == "Maler/-innen und Lackierer/-innen"


def test_ligatures_become_letters_when_that_gives_a_word() -> None:
    assert fixed("Einﬂuss") == "Einfluss"
    assert fixed("demograﬁschen") == "demografischen"


def test_bar_takes_the_case_of_its_neighbours() -> None:
    assert fixed("|NTEGRATION") == "INTEGRATION"
    assert fixed("|st") == "ist"


def test_mid_sentence_lower_case_only_when_the_capital_is_suspect() -> None:
    assert fixed("Dem Land Hessen |st es W|cht|g, Menschen") == "Dem Land Hessen ist es wichtig, Menschen"
    assert fixed("W|cht|g ist") == "Wichtig ist"  # sentence start: keep the capital
    assert fixed("die Uber das Budget") == "die über das Budget"
    assert fixed("bereitgestellt. Uber die") == "bereitgestellt. Über die"
    assert fixed("am Ubergang Schule-Beruf") == "am Übergang Schule-Beruf"  # a noun keeps it


def test_edge_cases_do_not_raise() -> None:
    for text in ["", " ", "\n\f\n", "\x00\x01", "§1", "1.390.400", "ﬁ", "|", "!I", "ß", "-" * 50, "é" * 40]:
        result = repair_text(text, K)
        assert len(result.text.split()) == len(text.split())


def test_long_garbage_token_is_bounded() -> None:
    token = "lIl|é" * 40
    start = time.perf_counter()
    repair_text(token, K)
    assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------- knowledge


def test_user_knowledge_adds_words_and_confusions() -> None:
    extra = dataclasses.replace(
        K,
        lexicon=K.lexicon | {"Qualifizierungsmodul"},
        confusions=(*K.confusions, ("rn", "m")),
    )
    assert fixed("Qualifizierungsrnodul", extra) == "Qualifizierungsmodul"
    # a word in the lexicon is never changed, even when wordfreq would prefer another
    protected = dataclasses.replace(K, lexicon=K.lexicon | {"Losung"})
    assert fixed("Losung", protected) == "Losung"


def test_confusions_that_could_break_the_skeleton_are_ignored() -> None:
    bad = dataclasses.replace(K, confusions=(("u", "ü x"), ("u", "ü-"), ("", "a"), ("o", "")))
    assert fixed("Bundnis fur", bad) == "Bundnis fur"


def test_default_knowledge_is_the_builtin() -> None:
    assert repair_text("Praambel").text == "Präambel"


def test_fast_lookup_matches_wordfreq() -> None:
    """repair reads wordfreq's table directly; it must give zipf_frequency's value."""
    words = [w for w in top_n_list("de", 20_000)[::37] if w.isalpha()]
    words += ["Groß", "Maßnahmen", "ÜBER", "Sprachcafé", "fiir", "Qualifizierungsbudget"]
    for word in words:
        assert math.isclose(repair.zipf(word), zipf_frequency(word, "de"), abs_tol=0.011), word


# --------------------------------------------------------------------------- raw_span


@pytest.mark.parametrize(
    ("repaired", "occurrence", "expected_raw"),
    [
        ("Groß-Gerau", 0, "GroR-Gerau"),
        ("Landkreises Groß-Gerau", 0, "Landkreises GroR-Gerau"),
        ("Gerau  und", 0, "Gerau  und"),
        ("Bündnis", 0, "Bundnis"),
        ("„Bündnis", 0, ",Bundnis"),
        ("für", 0, "fiir"),
        ("ü", 0, "u"),  # inside a changed word: what was read in its place
        ("ü", 1, "ii"),
        ("ß", 0, "R"),
    ],
)
def test_raw_span_maps_through_changed_tokens(repaired: str, occurrence: int, expected_raw: str) -> None:
    raw = "des Landkreises GroR-Gerau  und ,Bundnis fiir"
    text = fixed(raw)
    assert text == "des Landkreises Groß-Gerau  und „Bündnis für"
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(repaired, start + 1)
    r_start, r_end = raw_span(raw, text, start, start + len(repaired))
    assert raw[r_start:r_end] == expected_raw
    assert raw_span(raw, text, 0, len(text)) == (0, len(raw))


def test_raw_span_of_unchanged_text_is_identity() -> None:
    text = "  Das HMSI stellt\n\nHaushaltsmittel "
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert raw_span(text, text, start, end) == (start, end)


def test_raw_span_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="outside"):
        raw_span("a b", "a b", 2, 9)
    with pytest.raises(ValueError, match="skeleton"):
        raw_span("a b", "a  b", 0, 1)
    with pytest.raises(ValueError, match="skeleton"):
        raw_span("a b", "ab", 0, 1)


# --------------------------------------------------------------------------- whole documents


def test_repair_document_repairs_every_part_and_keeps_raw() -> None:
    empty = Part(text="", raw="")
    section = Section(
        number=4, title="Haushaltsmittel", title_raw="Haushaltsmlttel", text="", raw="in Héhe von"
    )
    doc = SplitDocument(head=Part(text="", raw="Landkreis GroR-Gerau"), sections=(section,), tail=empty)
    repaired = repair.repair_document(doc, K)
    assert repaired.head.text == "Landkreis Groß-Gerau"
    assert repaired.head.raw == "Landkreis GroR-Gerau"
    assert repaired.sections[0].text == "in Höhe von"
    assert repaired.sections[0].raw == "in Héhe von"
    assert repaired.sections[0].title == "Haushaltsmittel"


def test_a_heading_and_a_body_open_with_no_mark() -> None:
    """Heavy scans and text OCR of seeds 230-243: a mark standing alone before a title or a body's
    first word ("§ 1\n. Ausbildungs- …", "- Der Hochtaunuskreis …"). § 5's body keeps it: its
    list is its projects parser's to read."""
    body = "- Der Hochtaunuskreis und das HMSI"
    sections = tuple(
        Section(number=n, title="", title_raw=". Zielsteuerung -", text="", raw=body) for n in (6, 5)
    )
    doc = SplitDocument(head=Part(text="", raw=""), sections=sections, tail=Part(text="", raw=""))
    six, five = repair.repair_document(doc, K).sections
    assert " ".join(six.title.split()) == "Zielsteuerung"
    assert six.text == " Der Hochtaunuskreis und das HMSI"
    assert token_pairs(body, six.text) is not None  # the whitespace skeleton stays
    assert five.text == body
    bullet = SplitDocument(
        head=Part(text="", raw=""),
        sections=(Section(number=6, title="", raw="• Ausbildungslotsen\n- und weitere", text=""),),
        tail=Part(text="", raw=""),
    )
    assert repair.repair_document(bullet, K).sections[0].text == "• Ausbildungslotsen\n- und weitere"
    assert repair.repair_title("Ziele für die Umsetzung im Kreis Groß-Gerau", K) == (
        "Ziele für die Umsetzung im Kreis Groß-Gerau"
    )


def test_raw_span_of_a_token_covers_a_mark_dropped_after_it() -> None:
    """Found by hypothesis: "von." repaired to "von" must map back to all of "von."."""
    raw = "von. ! dem"
    fixed = repair_text(raw, load_knowledge()).text
    assert fixed == "von  dem"  # and the "!" between words is a speck
    assert raw_span(raw, fixed, 0, 3) == (0, 4)
    assert raw_span(raw, fixed, 5, 8) == (7, 10)
    assert raw_span(raw, fixed, 0, 8) == (0, 10)
    assert raw_span(raw, fixed, 4, 4) == (5, 5)  # between the two gaps: where the speck stood


def test_dots_a_speck_put_on_a_vowel_are_taken_off_unknown_words() -> None:
    k = load_knowledge()
    assert repair_text("21.9.19 Kätrin Wagner", k).text == "21.9.19 Katrin Wagner"
    assert repair_text("einer nachhältigen Integration", k).text == "einer nachhaltigen Integration"
    assert repair_text("Qualifizierungsvorbereitüng", k).text == "Qualifizierungsvorbereitung"
    # a word known with its umlaut keeps it, and one known both ways is left alone
    assert (
        repair_text("Männer Bär Höhe Jürgen Müller Gießen", k).text == "Männer Bär Höhe Jürgen Müller Gießen"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # txt-ocr of held-out seed 118: a digit of the age label read as a letter
        ("Digitale Grundbildung für Ältere (ÜS0)", "Digitale Grundbildung für Ältere (Ü50)"),
        ("Jobcoaching U2S,", "Jobcoaching U25,"),
        ("Sprachkurs (Ü5O).", "Sprachkurs (Ü50)."),
        # no digit left: letters, not an age ("USO"); right already: untouched
        ("der USO Verband", "der USO Verband"),
        ("U25 und Ü50", "U25 und Ü50"),
    ],
)
def test_an_age_label_gets_its_digits_back(raw: str, expected: str) -> None:
    fixed = repair_text(raw)
    assert fixed.text == expected
    assert all(c.reason == "digit of an age label read as a letter" for c in fixed.changes)


def test_dots_over_a_compound_head_and_an_umlaut_read_over_a_go() -> None:
    k = load_knowledge()
    # heavy scans of seeds 133 ("Jugendberufshilfe" is a domain word) and 122
    assert repair_text("Jugendberüfshilfe: Einstiegsqualifizierung", k).text == (
        "Jugendberufshilfe: Einstiegsqualifizierung"
    )
    assert repair_text("für Geflächtete aus der Ukraine", k).text == "für Geflüchtete aus der Ukraine"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Teilhabe von Menschen. mit Behinderungen", "Teilhabe von Menschen mit Behinderungen"),  # seed 001
        ("verhindern - „Bleib. dran!“", "verhindern - „Bleib dran!“"),  # heavy scan, seed 131
    ],
)
def test_a_full_stop_before_a_small_word_goes(raw: str, fixed: str) -> None:
    assert repair_text(raw).text == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "bzw. die Förderung",
        "einschl. der Kosten",
        "der sog. Stillen Reserve",
        "am 12. März",
        "Ende.\nmit",
        "veröffentlicht.\nen\n",  # the next line is a scribble's (heavy scans, seeds 112 and 122)
        "erlassenen – Bescheides.        in\n",  # a speck far right (heavy scan, seed 121)
    ],
)
def test_a_full_stop_after_an_abbreviation_or_a_short_word_stays(clean: str) -> None:
    assert repair_text(clean).text == clean


def test_word_data_is_built_once_when_threads_start_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch repairs documents in several threads; when they all start at once (a re-run with
    the OCR cached), the word data must still be built once, not once per thread."""
    import threading

    calls = []
    real = repair.top_n_list

    def slow_top_n_list(*args: object, **kwargs: object) -> list[str]:
        calls.append(threading.get_ident())
        time.sleep(0.2)  # widens the window in which the other threads miss the cache
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(repair, "top_n_list", slow_top_n_list)
    for cached in (repair._repairer_for, repair._trigram_counts):
        cached.cache_clear()
    knowledge = load_knowledge()
    start = threading.Barrier(4)
    results: list[str] = []

    def work() -> None:
        start.wait()
        # "Arbeltsmarktstrategle": a damaged word, which the trigram table (built on first use) judges
        results.append(repair_text("Maßnahmen fiir Jugendliche Arbeltsmarktstrategle", knowledge).text)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert results == ["Maßnahmen für Jugendliche Arbeitsmarktstrategie"] * 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # TIFF, held-out seed 160: a speck before a title's last word
        ("in schwierigen ’Beratungssituationen", "in schwierigen Beratungssituationen"),
        ("inklusive der’ 'sog. Stillen Reserve", "inklusive der sog. Stillen Reserve"),  # seed 001's page
        ("des 'Waldeck-Frankenberg", "des Waldeck-Frankenberg"),
        ("die `Zielvereinbarung", "die Zielvereinbarung"),
        ("das Projekt ‚Bleib dran‘ läuft", "das Projekt ‚Bleib dran‘ läuft"),  # a German quotation
        ("der ‘Rahmen’ ist", "der ‘Rahmen’ ist"),  # an English one
        ("ein 'Xqzwv ist", "ein 'Xqzwv ist"),  # no known word: perhaps a name, kept as read
    ],
)
def test_a_single_quote_mark_before_a_known_word_is_a_speck(raw: str, expected: str) -> None:
    assert repair_text(raw, K).text == expected
