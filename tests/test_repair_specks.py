"""Stray marks on words, spaced dashes, bullets and the SGB list: OCR damage around words.

Every "repaired" example is a real reading from the sample scans (``make eval`` diffs against the
true text); every "left alone" example is correct German that the same rules must not touch.
Specks standing alone between words (" . ", " ° ") are repaired to nothing, the whitespace around
them kept; specks glued between two words ("von.dem") stay, as repair never adds whitespace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aqb_extract.config import Settings
from aqb_extract.read import read_document
from aqb_extract.repair import raw_span, repair_text, token_pairs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # a mark that belongs to nothing
        (
            "Handlungs- und Entscheidungsspielräume’ eröffnen",
            "Handlungs- und Entscheidungsspielräume eröffnen",
        ),
        ("für die Jahre’ 2015 bis 2019", "für die Jahre 2015 bis 2019"),
        ("aktualisierenden “regionalen Ausbildungs- und", "aktualisierenden regionalen Ausbildungs- und"),
        (
            "überdies den Leitlinien der. UN-Behindertenrechtskonvention",
            "überdies den Leitlinien der UN-Behindertenrechtskonvention",
        ),
        ("in Höhe von: insgesamt", "in Höhe von insgesamt"),
        # the German dash, typed as a spaced hyphen
        ("der Wirtschaft und - für den Bereich", "der Wirtschaft und – für den Bereich"),
        (
            "alle Zielgruppen - inklusive der sog. Stillen Reserve - und weitere",
            "alle Zielgruppen – inklusive der sog. Stillen Reserve – und weitere",
        ),
        ("nach Maßgabe des -\nnach Antragstellung", "nach Maßgabe des –\nnach Antragstellung"),
        # bullets read as guillemets or a degree sign
        (
            "Ausbildungsberufen\n« Begleitung von Auszubildenden",
            "Ausbildungsberufen\n• Begleitung von Auszubildenden",
        ),
        (
            "Fachkräftesicherung\n° Berufsbezogene Deutschförderung",
            "Fachkräftesicherung\n• Berufsbezogene Deutschförderung",
        ),
        # the social code books, strokes lost
        ("Rechtskreise SGB II, III, VII, XII und AsylbLG", "Rechtskreise SGB II, III, VIII, XII und AsylbLG"),
        ("Rechtskreise SGB II, II, VIII, XII und", "Rechtskreise SGB II, III, VIII, XII und"),
        ("Rechtskreise SGB II, I, VII, XII und", "Rechtskreise SGB II, III, VIII, XII und"),
        ("Rechtskreise SGB I, I, VII, XII und", "Rechtskreise SGB II, III, VIII, XII und"),
        ("SGB II, III, VI, XII und AsylbLG", "SGB II, III, VIII, XII und AsylbLG"),
        ("SGB II, III, VIL, XII und", "SGB II, III, VIII, XII und"),
        ("SGB II, III, VIIL, XII und", "SGB II, III, VIII, XII und"),
        ("SGB II, III, VIN, XII und", "SGB II, III, VIII, XII und"),
        ("SGB II, III, VII, XN und AsylbLG", "SGB II, III, VIII, XII und AsylbLG"),
        ("SGB II, III, VII, XI und AsylbLG", "SGB II, III, VIII, XII und AsylbLG"),
        ("SGB II, III, VIII, XI! und AsylbLG", "SGB II, III, VIII, XII und AsylbLG"),
        # the closing quote read as an asterisk (heavy scans, 300 dpi and TIFFs of seeds 242, 243)
        (
            "dem „Bündnis für Ausbildung für die Jahre 2015 bis 2019*, dem Fachkonzept",
            "dem „Bündnis für Ausbildung für die Jahre 2015 bis 2019“, dem Fachkonzept",
        ),
        (
            "Küchenhelferqualifizierung „Frischküche*\n• Sprachkurse",
            "Küchenhelferqualifizierung „Frischküche“\n• Sprachkurse",
        ),
        # a stop glued before a small word (heavy scans and text OCR of seeds 242, 243)
        ("Beschäftigungsfähigkeit .zu sichern", "Beschäftigungsfähigkeit zu sichern"),
        ("AsylbLG und .die verstärkte Einbindung", "AsylbLG und die verstärkte Einbindung"),
    ],
)
def test_repaired(raw: str, fixed: str) -> None:
    result = repair_text(raw)
    assert result.text == fixed
    assert result.changes, "every change is recorded"
    for change in result.changes:
        assert raw[change.start : change.end] == change.raw


@pytest.mark.parametrize(
    "clean",
    [
        # project titles use a spaced hyphen before nouns and adjectives
        "• Übergangsmanagement Schule - Beruf",
        "- Ausbildung 3 Jahre - kooperatives BaE-Modell",
        '- Digitalschulung "behörden und Bewerbungen" - digitale Instrumente anwenden',
        "Ausbildungsabbrüche verhindern - „Bleib dran!“",
        "- Sprachkurs - für Mütter",  # a list item: its hyphens stay
        "vom Regierungspräsidium Kassel erlassenen - Bescheides.",  # before a noun: could be either
        "- Berufsausbildung in außerbetrieblichen Einrichtungen",  # a bullet
        "* Praxisklassen\n* Verbundausbildung",  # typed bullets, one kind to a list
        "+ Praxisklassen\n+ Verbundausbildung",
        ". Ausbildungslotsen an beruflichen Schulen",  # a bullet read as a dot before a capital
        # abbreviations, names, numbers, web addresses
        "z.B. die Förderung, bzw.die Mittel, ca.drei Jahre, u.a. die Jugendlichen",
        "www.arbeitswelt.hessen.de und info@kreis-giessen.de, siehe kassel.info oder bericht.pdf",
        "geht’s, wie’s, Hans’ Haus, Klaus’ Buch, O’Neill",
        "um 90 ° gedreht, Abs. 2, Nr. 5, § 3 Abs. 1, S. 4",
        "Die Mittel sind gebunden.Der Rest folgt.",  # a real full stop without its space
        "Wer das sagt, meint das. Und es geht weiter.",
        "„ Bleib dran! “ sagt der Titel",  # spaced quotes that are open
        "Fachkonzept „Arbeitswelt Hessen“ des HMSI",
        "‚Jugend stärken‘ und ‚Wir‘",
        "Das Bündnis für Ausbildung, für die Jahre 2015 bis 2019.",
        "© 2024 Land Hessen",
        "SGB II und III, SGB VII, SGB II, III, VIII, XII und AsylbLG",  # not the list, or right
        "SGB II, III, VII und XII",  # not four numerals before "und"
        "bindet die Akteure in eine Strategie ein. Dafür will das Land",
        "Er kommt mit. Die anderen gehen vor. Das ist der.",
        "Teilnehmende* werden betreut, Frischküche* (siehe unten)",  # an asterisk with no quotation open
        "www.hessen .de",
    ],
)
def test_left_alone(clean: str) -> None:
    result = repair_text(clean)
    assert result.text == clean, result.changes


def test_raw_spans_of_dropped_marks() -> None:
    raw = "Leitlinien der. UN-Konvention, die Jahre’ 2015"
    result = repair_text(raw)
    assert result.text == "Leitlinien der UN-Konvention, die Jahre 2015"
    start = result.text.index("der UN")
    assert raw[slice(*raw_span(raw, result.text, start, start + 6))] == "der. UN"
    assert [(c.raw, c.fixed) for c in result.changes] == [(".", ""), ("’", "")]
    assert [raw[c.start : c.end] for c in result.changes] == [".", "’"]


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # specks standing alone: repaired to nothing, the whitespace on both sides stays
        ("in eine . gemeinsame", "in eine  gemeinsame"),
        ("die ° Maßnahmen", "die  Maßnahmen"),
        ("Präambel\n. Erfolgreiche", "Präambel\n. Erfolgreiche"),  # maybe a faint bullet: stays
        ("grundsätzlich\n. genderadäquat", "grundsätzlich\n genderadäquat"),
        ("große\n. Bedeutung", "große\n Bedeutung"),
        ("§ 3\n. Umsetzung", "§ 3\n Umsetzung"),
        ("Ausbildungs- und :\nQualifizierungsbudget", "Ausbildungs- und \nQualifizierungsbudget"),
        ("verpflichtet. - - .\n§ 1", "verpflichtet.   \n§ 1"),
        ("zu befähigen. - Querschnittsorientierte", "zu befähigen.  Querschnittsorientierte"),
        ("Schule-Beruf.\n“ Schwerpunkte", "Schule-Beruf.\n Schwerpunkte"),
        ("2026\n© zwischen", "2026\n zwischen"),
        ("Hofmann \\ | % y", "Hofmann  | % "),  # "|" and "%" may be meant; a lone "y" is no word
        ("von der Schule i in den Beruf", "von der Schule  in den Beruf"),
        ("Claudia Müller a\nStaatsministerin", "Claudia Müller a\nStaatsministerin"),  # "a" may be meant
        # stuck to the front of a word
        (".Küchenhelferqualifizierung", "Küchenhelferqualifizierung"),
        ("..Ausbildungs- und", "Ausbildungs- und"),
    ],
)
def test_specks_standing_alone_or_in_front_go(raw: str, fixed: str) -> None:
    result = repair_text(raw)
    assert result.text == fixed
    pairs = token_pairs(raw, result.text)
    assert pairs is not None and len(pairs) == len(raw.split())


@pytest.mark.parametrize(
    "clean",
    [
        "von.dem Kreis",  # glued between two words: a space would be needed, and repair adds none
        "geschaffen’werden",
        "um 90 ° gedreht",
        "© 2024 Land Hessen",
        "„ Bleib dran! “ sagt",
        "Schule - Beruf",
        "Ausbildungsvorbereitung\n. Berufsvorbereitung",
        "Ziele:\n> Praxisklassen",  # a marker at a line's start
        "...",
        "Ende ... und weiter",
        "Unterschrift ______________",
        ".",
        ".pdf und .NET",
    ],
)
def test_marks_that_may_be_meant_stay(clean: str) -> None:
    assert repair_text(clean).text == clean


def test_repair_of_a_repaired_text_changes_nothing() -> None:
    raw = "Zielgruppen - inklusive der. UN-Konvention, „Bündnis’ für Ausbildung“ und SGB II, II, VII, XI und"
    once = repair_text(raw)
    assert repair_text(once.text).text == once.text


# --------------------------------------------------------------------------- clean text stays


def _clean_texts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*_txt_*.txt"))]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.truth"))]
    return texts


@pytest.mark.parametrize(("name", "text"), _clean_texts(), ids=lambda v: v if len(v) < 60 else "text")
def test_clean_sample_text_is_left_exactly_as_it_is(name: str, text: str) -> None:
    result = repair_text(text)
    assert result.changes == (), name
    assert result.text == text


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*_pdf_*.pdf")), ids=lambda p: p.name)
def test_born_digital_text_layers_are_left_exactly_as_they_are(path: Path) -> None:
    doc = read_document(path, Settings(workers=1, use_cache=False))
    assert doc.method != "ocr"
    for page in doc.pages:
        assert repair_text(page.text).changes == (), (path.name, page.number)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # heavy scans: a straight quote before a heading or a role that nothing closes
        ('"Präambel\nDas HMSI verfolgt\n\n§ 2', "Präambel\nDas HMSI verfolgt\n\n§ 2"),
        ('Kai Klose\n"Staatsminister\nHessisches', "Kai Klose\nStaatsminister\nHessisches"),
    ],
)
def test_a_straight_quote_nothing_closes_is_a_speck(raw: str, fixed: str) -> None:
    assert repair_text(raw).text == fixed


@pytest.mark.parametrize(
    "clean", ['im Projekt "Bleib dran!" und', 'im Projekt "Bleib dran!“ und', '"Das Land\nund so"']
)
def test_a_straight_quote_closed_in_its_paragraph_stays(clean: str) -> None:
    assert repair_text(clean).text == clean
