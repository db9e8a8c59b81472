"""§ 5 projects: the seeds, each heading / marker / wrapping variant, and arbitrary text."""

from __future__ import annotations

import pytest
from helpers.seeds import seed_expected, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from aqb_extract import repair
from aqb_extract.fields.projects import open_quote_speck, parse_projects, split_marker, title_damage
from aqb_extract.knowledge import load_knowledge
from aqb_extract.models import DocumentText, PageText, Part, Section, SplitDocument
from aqb_extract.sections import split_sections

K = load_knowledge()
EMPTY = Part(text="", raw="")
CAT4 = (
    "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
    "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
)
INTRO = (
    "Der Landkreis Fulda finanziert mit den Mitteln des Ausbildungs- und\n"
    "Qualifizierungsbudgets 2024 in den jeweiligen Maßnahmenarten folgende Projekte:\n\n"
)
CLOSING = "\nDie Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des\n— Bescheides.\n"


def _repair_part(part: Part) -> Part:
    fixed = repair.repair_text(part.raw, K)
    return part.model_copy(update={"text": fixed.text})


def seed_doc(prefix: str) -> SplitDocument:
    """The seed as the pipeline sees it: split by the section splitter, then repaired."""
    split = split_sections(
        DocumentText(pages=(PageText(number=1, text=seed_text(prefix)),), method="text"), K
    )
    repair_document = getattr(repair, "repair_document", None)
    if repair_document is not None:
        repaired: SplitDocument = repair_document(split, K)
        return repaired
    return SplitDocument(
        head=_repair_part(split.head),
        sections=tuple(_repair_part(s) for s in split.sections),
        tail=_repair_part(split.tail),
    )


def doc5(text: str, raw: str | None = None) -> SplitDocument:
    """A document whose § 5 body is ``text`` (repaired) over ``raw`` (as read)."""
    section = Section(number=5, title="Ziele", text=text, raw=raw if raw is not None else text)
    return SplitDocument(head=EMPTY, sections=(section,), tail=EMPTY)


def titles(text: str) -> list[tuple[int, str]]:
    result = parse_projects(doc5(text), K)
    return [(p.category, p.title) for p in result.value or ()]


def messages(text: str) -> list[str]:
    return [w.message for w in parse_projects(doc5(text), K).warnings]


# --------------------------------------------------------------------------- seeds


def test_seed_projects_exact(seed_id: str) -> None:
    result = parse_projects(seed_doc(seed_id), K)
    expected = seed_expected(seed_id)["projects"]
    assert result.value is not None
    assert [(p.category, p.title) for p in result.value] == [(e["category"], e["title"]) for e in expected]
    names = {c.number: c.name for c in K.categories}
    assert all(p.category_name == names[p.category] for p in result.value)
    assert result.warnings == ()
    assert result.confidence >= 0.9
    assert [k for k, _ in result.parts] == [f"projects[{i}]" for i in range(len(expected))]


def test_seed000_has_eleven_projects_with_sprachcafe() -> None:
    result = parse_projects(seed_doc("000"), K)
    assert result.value is not None and len(result.value) == 11
    assert (3, 'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"') in [
        (p.category, p.title) for p in result.value
    ]
    # the ";" bullet is two projects, both pointing at the same raw line
    parts = dict(result.parts)
    assert parts["projects[1]"] == parts["projects[2]"]
    assert parts["projects[1]"].startswith("- Ausbildung 3 Jahre - kooperatives BaE-Modell;")


def test_seed001_unrepaired_still_places_every_project() -> None:
    """Residual OCR damage: headings still match, the damaged title is kept but warned about."""
    split = split_sections(DocumentText(pages=(PageText(number=1, text=seed_text("001")),), method="text"), K)
    result = parse_projects(split, K)
    assert result.value is not None
    assert [(p.category, p.title) for p in result.value] == [
        (1, "FAuB"),
        (1, "PersA 3.0"),
        (2, "Berufsausbildung in auRerbetrieblichen Einrichtungen (BaE)"),
        (3, "Fachstelle Neuzugewanderte"),
        (4, "Schulung Mitarbeiterschaft"),
    ]
    assert [w.field for w in result.warnings] == ["projects[2]"]
    assert result.confidence < 0.9


# --------------------------------------------------------------------------- headings


def test_numbered_headings_and_dash_bullets() -> None:
    text = (
        INTRO + "1. Ausbildungsvorbereitung\n\n- FAuB\n\n"
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n\n- BaE\n\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n\n- Fachstelle\n\n"
        f"4. {CAT4}\n\n- Schulung\n" + CLOSING
    )
    assert titles(text) == [(1, "FAuB"), (2, "BaE"), (3, "Fachstelle"), (4, "Schulung")]
    assert messages(text) == []


def test_unnumbered_headings_without_bullets_and_wrapped_category_4() -> None:
    text = (
        INTRO + "Ausbildungs- und Qualifizierungsvorbereitung\nFAuB\nPersA 3.0\n\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\nBaE\n\n"
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung\nFachstelle\n\n"
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n\n"
        "in der fachlichen Verantwortung für Benachteiligte im Kontext der\n\nArbeitsmarktförderung\n\n"
        "Schulung Mitarbeiterschaft\n" + CLOSING
    )
    assert titles(text) == [
        (1, "FAuB"),
        (1, "PersA 3.0"),
        (2, "BaE"),
        (3, "Fachstelle"),
        (4, "Schulung Mitarbeiterschaft"),
    ]
    assert messages(text) == []


def test_category_4_heading_on_two_lines() -> None:
    text = (
        "Ausbildungsvorbereitung\n- Aa\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- Bb\n"
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n- Cc\n"
        "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der\n"
        "fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung\n- Dd\n"
    )
    assert titles(text) == [(1, "Aa"), (2, "Bb"), (3, "Cc"), (4, "Dd")]


def test_ocr_damaged_headings_still_match() -> None:
    text = (
        "l. Ausbildungsvorbereitunq\n- Aa\n"
        "2. Ausbi1dung und Ausbildungscoachinq in anerkannten Ausbi|dungsberufen\n- Bb\n"
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkréaftesicherung\n- Cc\n"
        "WeiterbildungsmaRnahmen fiir Personal der Landkreise und kreisfreien Stadte\n"
        "in der fachlichen Verantwortung fiir Benachteiligte im Kontext der\nArbeitsmarktférderung\n- Dd\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [(1, "Aa"), (2, "Bb"), (3, "Cc"), (4, "Dd")]
    assert result.value is not None and result.value[3].category_name == CAT4


def test_fuzzy_heading_is_warned() -> None:
    text = (
        "Ausbildgsvorbrtng\n- Aa\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- Bb\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [(1, "Aa"), (2, "Bb")]
    assert any("category 1 heading read fuzzily" in w.message for w in result.warnings)
    assert result.confidence < 0.9


def test_categories_without_projects_are_normal() -> None:
    """Agreements list only the Maßnahmenarten they fund: absent headings alone are no warning."""
    text = (
        "1. Ausbildungsvorbereitung\n- Aa\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n- Cc\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [(1, "Aa"), (3, "Cc")]
    assert result.warnings == () and result.confidence >= 0.9


def test_heading_damaged_into_a_project_line_is_warned() -> None:
    """A heading OCR garbled past recognition turns into a "project" of the category above and
    its projects are filed there too: the line that reads like the missing heading gives it away."""
    text = (
        "1. Ausbildungsvorbereitung\n- Aa\n"
        "- Ausbldung nd Ausbldungscoachng in anerkanten Ausbldungsberufn\n- Bb\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n- Cc\n"
        f"4. {CAT4}\n- Dd\n"
    )
    result = parse_projects(doc5(text), K)
    assert [w.message for w in result.warnings if "no heading" in w.message] == [
        "no heading found for category 2 "
        "(Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen), and a line reads like it: "
        "'- Ausbldung nd Ausbldungscoachng in anerkanten Ausbldungsberufn'"
    ]
    assert result.confidence <= 0.6


def test_project_named_like_an_earlier_category_is_a_project() -> None:
    text = (
        "Ausbildungsvorbereitung\nFAuB\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\nAusbildungsbegleitung\n"
    )
    assert titles(text) == [(1, "FAuB"), (2, "Ausbildungsbegleitung")]


def test_project_named_like_its_category_in_unbulleted_list() -> None:
    text = "Ausbildungsvorbereitung\nAusbildungsvorbereitung plus\nAusbildungsbegleitung\n"
    assert titles(text) == [(1, "Ausbildungsvorbereitung plus"), (1, "Ausbildungsbegleitung")]


def test_heading_with_project_after_colon() -> None:
    assert titles(
        "Ausbildungsvorbereitung: FAuB\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen: BaE\n"
    ) == [
        (1, "FAuB"),
        (2, "BaE"),
    ]


def test_a_colon_inside_a_heading_is_a_speck_when_the_name_goes_on() -> None:
    # text OCR of seed 187: "… kreisfreien Städte: in der" / "fachlichen Verantwortung …" was read
    # as a heading with a project "in der" that took the next line with it
    text = (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte: in der\n"
        "fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung.\n\n"
        "- Weiterbildung Datenschutz und Schweigepflicht in der Beratung\n"
        "- Weiterbildungspaket Anerkennungsberatung\n"
    )
    assert titles(text) == [
        (4, "Weiterbildung Datenschutz und Schweigepflicht in der Beratung"),
        (4, "Weiterbildungspaket Anerkennungsberatung"),
    ]


# --------------------------------------------------------------------------- markers and lines


@pytest.mark.parametrize(
    ("line", "marker", "title"),
    [
        ("- FAuB", "-", "FAuB"),
        ("• FAuB", "•", "FAuB"),
        ("– FAuB", "–", "FAuB"),
        ("* FAuB", "*", "FAuB"),
        (
            "** Fortbildung interkulturelle Kompetenz",
            "**",
            "Fortbildung interkulturelle Kompetenz",
        ),  # seed 159
        ("**FAuB** in Kassel", None, "FAuB in Kassel"),  # Markdown bold stays text
        ("« FAuB", "«", "FAuB"),
        ("° FAuB", "°", "FAuB"),
        ("¢ FAuB", "¢", "FAuB"),
        ("e FAuB", "e", "FAuB"),
        ("o _Inmigra - Integrationsmaßnahme", "o", "Inmigra - Integrationsmaßnahme"),
        ("@ Weiterbildungspaket", "@", "Weiterbildungspaket"),
        ("» Fortschreibung", "»", "Fortschreibung"),
        ("1. FAuB", "1.", "FAuB"),
        ("2) FAuB", "2)", "FAuB"),
        ("-FAuB", "-", "FAuB"),
        ("-begleitung für Geflüchtete", None, "-begleitung für Geflüchtete"),
        (
            "Ausbildung 3 Jahre - kooperatives BaE-Modell",
            None,
            "Ausbildung 3 Jahre - kooperatives BaE-Modell",
        ),
        ("PersA 3.0", None, "PersA 3.0"),
        ("3 Jahre Ausbildung", None, "3 Jahre Ausbildung"),
    ],
)
def test_split_marker(line: str, marker: str | None, title: str) -> None:
    assert split_marker(line) == (marker, title)


def test_every_bullet_style_in_one_list() -> None:
    text = "1. Ausbildungsvorbereitung\n- Aa\n• Bb\n– Cc\n* Dd\n« Ee\n¢ Ff\ne Gg\no Hh\n° Ii\n@ Jj\n» Kk\nLernort\n"
    assert [t for _, t in titles(text)] == [
        "Aa",
        "Bb",
        "Cc",
        "Dd",
        "Ee",
        "Ff",
        "Gg",
        "Hh",
        "Ii",
        "Jj",
        "Kk",
        "Lernort",  # without a bullet: its own project (a line of no word is noise, see below)
    ]


def test_semicolon_makes_two_projects_inner_hyphens_kept() -> None:
    text = "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n" + (
        "- Ausbildung 3 Jahre - kooperatives BaE-Modell; Ausbildung 3 Jahre - integratives BaE-Modell\n"
        "- Anerkennungsberatung und -begleitung\n"
    )
    assert titles(text) == [
        (2, "Ausbildung 3 Jahre - kooperatives BaE-Modell"),
        (2, "Ausbildung 3 Jahre - integratives BaE-Modell"),
        (2, "Anerkennungsberatung und -begleitung"),
    ]


def test_wrapped_title_in_bulleted_list() -> None:
    text = (
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        "- Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ.\n"
        "Berufsabschlüssen\n"
        "- Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und\n"
        "Einzelförderungen\n"
        "- Integrations-\nmaßnahme\n"
        "- Digitalschulung\n"
    )
    assert titles(text) == [
        (3, "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen"),
        (3, "Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und Einzelförderungen"),
        (3, "Integrationsmaßnahme"),
        (3, "Digitalschulung"),
    ]
    assert not [m for m in messages(text) if "no heading" in m]  # category 1 simply has none


def test_lost_bullet_after_short_line_is_its_own_project_and_warned() -> None:
    text = "1. Ausbildungsvorbereitung\n- FAuB\nPersA 3.0\n- Kompass\n"
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == ["FAuB", "PersA 3.0", "Kompass"]
    assert any("without a bullet" in w.message for w in result.warnings)


def test_unbulleted_continuation_starting_lower_case() -> None:
    text = "Ausbildungsvorbereitung\nBerufsorientierung für junge Menschen\nmit Fluchterfahrung\nFAuB\n"
    assert titles(text) == [(1, "Berufsorientierung für junge Menschen mit Fluchterfahrung"), (1, "FAuB")]


def test_intro_and_closing_are_not_projects() -> None:
    text = INTRO + "Ausbildungsvorbereitung\n- FAuB\n" + CLOSING + "- nicht mehr in der Liste\n"
    assert titles(text) == [(1, "FAuB")]


def test_damaged_closing_paragraph_still_stops() -> None:
    text = (
        "Ausbildungsvorbereitung\n- FAuB\nDie Férderung der aufgefihrten MaBnahmen erfolgt auf Basis\n- X\n"
    )
    assert titles(text) == [(1, "FAuB")]


def test_line_before_any_heading_cannot_be_placed() -> None:
    text = INTRO + "- Verwaist\n1. Ausbildungsvorbereitung\n- FAuB\n"
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == ["FAuB"]
    assert any("cannot be placed: '- Verwaist'" in w.message for w in result.warnings)
    assert result.confidence < 0.7


def test_damaged_title_is_kept_and_warned() -> None:
    text = "Ausbildungsvorbereitung\n- Sprachf|irderung fiir Mütter\n- Schulung ﬂexibel\n- Gro3-Gerau hilft\n"
    result = parse_projects(doc5(text), K)
    assert [w.field for w in result.warnings if "damaged" in w.message] == [
        "projects[0]",
        "projects[1]",
        "projects[2]",
    ]
    assert result.confidence < 0.7


@pytest.mark.parametrize(
    "title",
    [
        "Inmigra - Integrationsmaßnahme",
        'Sprachcafé "Mütter"',
        "PersA 3.0",
        "BaE-Modell (Teil 2)",
        "U25-Beratung",
        "Übergangsmanagement Schule-Beruf",
        "Azubi-Sprachcoaching",
        "Außerschulischer Lernort Kfz-Werkstatt",
    ],
)
def test_clean_titles_are_not_flagged(title: str) -> None:
    assert title_damage(title) is None


@pytest.mark.parametrize(
    "title", ["Produktionsschule-Bad Schwalbach", "Berufsbezogene-Deutschförderung für Geflüchtete"]
)
def test_a_space_read_as_a_hyphen_between_whole_words_is_flagged(title: str) -> None:
    # text OCR of seed 207: both titles came out so with no warning naming them
    assert title_damage(title) == "a hyphen between two whole words may be a space"


def test_raw_parts_come_from_the_raw_text() -> None:
    raw = "Ausbildungsvorbereitung\n- Berufsorientierung fiir alle\n"
    text = "Ausbildungsvorbereitung\n- Berufsorientierung für alle\n"
    result = parse_projects(doc5(text, raw), K)
    assert result.value is not None and result.value[0].title == "Berufsorientierung für alle"
    assert result.parts == (("projects[0]", "- Berufsorientierung fiir alle"),)
    assert "fiir" in result.raw


def test_empty_category_placeholder_is_no_project() -> None:
    text = f"Ausbildungsvorbereitung\n- FAuB\n{CAT4}\n- keine\n"
    assert titles(text) == [(1, "FAuB")]


# --------------------------------------------------------------------------- nothing found


def test_no_section_5() -> None:
    doc = SplitDocument(head=EMPTY, sections=(), tail=EMPTY)
    result = parse_projects(doc, K)
    assert result.value is None and result.confidence == 0.0
    assert [w.message for w in result.warnings] == ["§ 5 not found"]


def test_no_projects() -> None:
    result = parse_projects(doc5(INTRO + CLOSING), K)
    assert result.value is None and result.confidence == 0.0
    assert any(w.message == "no projects found in § 5" for w in result.warnings)


def test_bullets_without_any_heading_are_not_placed() -> None:
    result = parse_projects(doc5("- FAuB\n- BaE\n"), K)
    assert result.value is None
    assert sum("cannot be placed" in w.message for w in result.warnings) == 2


# --------------------------------------------------------------------------- any text


_LINES = st.sampled_from(
    [
        "1. Ausbildungsvorbereitung",
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte",
        "in der fachlichen Verantwortung für Benachteiligte im Kontext der",
        "- FAuB; BaE",
        "• ",
        "-",
        ";;;",
        "e",
        "Die Förderung der aufgeführten Maßnahmen erfolgt",
        "",
        "\f",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=25), st.text(max_size=200))
def test_any_text_gives_an_extracted(lines: list[str], raw: str) -> None:
    text = "\n".join(lines)
    for doc in (doc5(text), doc5(text, raw)):
        result = parse_projects(doc, K)
        assert 0.0 <= result.confidence <= 1.0
        if result.value is None:
            assert result.confidence == 0.0
        else:
            assert all(1 <= p.category <= 4 and p.title.strip() for p in result.value)
            assert len(result.parts) == len(result.value)


def test_badly_damaged_heading_under_bullets_is_still_a_heading() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n- FAuB\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- BaE\n"
        "Qualifizierung zur Arbeitsmarktintegration\n- Fachstelle\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [(1, "FAuB"), (2, "BaE"), (3, "Fachstelle")]
    assert any("category 3 heading read fuzzily" in w.message for w in result.warnings)
    assert result.confidence < 0.7


def test_unbulleted_line_resembling_a_later_heading_is_kept_and_warned() -> None:
    text = (
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "Qualifizierung zur Arbeitsmarktintegration\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (2, "Qualifizierung zur Arbeitsmarktintegration")
    ]
    assert any("resembles the heading of category 3" in w.message for w in result.warnings)


# --------------------------------------------------------------------------- OCR residue (scans)


@pytest.mark.parametrize(
    ("line", "marker", "title"),
    [
        (
            ". - Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)",
            ". -",
            "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)",
        ),
        (".. Ausbildungslotsen an beruflichen Schulen", "..", "Ausbildungslotsen an beruflichen Schulen"),
        (".Lernwerkstatt „Zukunft gestalten“", ".", "Lernwerkstatt „Zukunft gestalten“"),
        (". » Außerschulischer Lernort Kfz-Werkstatt", ". »", "Außerschulischer Lernort Kfz-Werkstatt"),
        (
            ",,Bleib dran!“ - Ausbildungsabbrüche verhindern",
            None,
            ",,Bleib dran!“ - Ausbildungsabbrüche verhindern",
        ),
        (". und weitere", None, ". und weitere"),
    ],
)
def test_split_marker_strips_bullet_residue(line: str, marker: str | None, title: str) -> None:
    assert split_marker(line) == (marker, title)


def test_bullet_residue_in_a_list() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n.. Ausbildungslotsen an beruflichen Schulen\n"
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "- Ausbildungsabbrüche verhindern\n. - Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)\n"
    )
    assert titles(text) == [
        (1, "Ausbildungslotsen an beruflichen Schulen"),
        (2, "Ausbildungsabbrüche verhindern"),
        (2, "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)"),
    ]


def test_dots_before_a_heading_are_a_speck_not_a_bullet() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n- Aa\n"
        ". 2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- Bb\n"
    )
    assert titles(text) == [(1, "Aa"), (2, "Bb")]


def test_marks_alone_at_the_end_of_a_title_are_dropped() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n- Teilzeitausbildung für Alleinerziehende _\n"
        "- Ausbildung zur Hauswirtschafterin ;\n- Fit für die Ausbildung (FiA) -\n"
        ". » Außerschulischer Lernort Kfz-Werkstatt\n- Modul Teil |\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Teilzeitausbildung für Alleinerziehende",
        "Ausbildung zur Hauswirtschafterin",
        "Fit für die Ausbildung (FiA)",
        "Außerschulischer Lernort Kfz-Werkstatt",
        # a bar left by repair is no numeral: repair reads "Teil |" as "Teil I" (test_repair_lists);
        # here, unrepaired, it goes as a speck, and the warning says it might have been a letter
        "Modul Teil",
    ]
    assert [w.field for w in result.warnings if "'|' at the end taken as OCR specks" in w.message] == [
        "projects[4]"
    ]


@pytest.mark.parametrize("closing", ["‘", "’", "'", '"', "”"])
def test_closing_quote_matches_the_opening_one(closing: str) -> None:
    text = f"1. Ausbildungsvorbereitung\n- Berufsvorbereitung für Geflüchtete „Perspektive Zukunft{closing}\n"
    assert titles(text) == [(1, "Berufsvorbereitung für Geflüchtete „Perspektive Zukunft“")]


def test_quotes_without_an_open_german_quote_are_left_alone() -> None:
    text = "1. Ausbildungsvorbereitung\n- Sprachcafé 'Mütter'\n- „Bleib dran!“ plus\n- Kurs „A“ und 'B'\n"
    assert [t for _, t in titles(text)] == ["Sprachcafé 'Mütter'", "„Bleib dran!“ plus", "Kurs „A“ und 'B'"]


# The widest line of § 5 (88 characters): a title line wrapped when it came close to this.
WIDE = "Die Förderung aller hier im Folgenden aufgeführten Projekte und Maßnahmen durch das Land\n"


@pytest.mark.parametrize(
    ("lines", "expected", "said"),
    [
        (
            "Berufsbezogene Deutschförderung für Geflüchtete\n"
            "- Küchenhelferqualifizierung „Frischküche‘ -\n"
            "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter\n"
            "Gärtnerische Qualifizierung im Grünflächenamt\n",
            [
                "Berufsbezogene Deutschförderung für Geflüchtete",
                "Küchenhelferqualifizierung „Frischküche“",
                "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter",
                "Gärtnerische Qualifizierung im Grünflächenamt",
            ],
            "dash at the end of a short line",
        ),
        # text OCR of seed 204: "Fachstelle Neuzugewanderte ," in an unbulleted list took the next
        # project into its title; a comma glued to its word before a wrap still joins
        (
            "Fachstelle Neuzugewanderte ,\n\n"
            "Führerscheinförderung für Langzeitarbeitslose\n"
            "Qualifizierung von Menschen mit Fluchthintergrund in Pflege, Gastronomie, Handwerk,\n"
            "Gebäudereinigung und Logistik\n",
            [
                "Fachstelle Neuzugewanderte",
                "Führerscheinförderung für Langzeitarbeitslose",
                "Qualifizierung von Menschen mit Fluchthintergrund in Pflege, Gastronomie, Handwerk, "
                "Gebäudereinigung und Logistik",
            ],
            "comma standing apart at the end of a short line",
        ),
    ],
)
def test_a_mark_standing_apart_at_the_end_of_a_short_line_is_noise_and_warned(
    lines: str, expected: list[str], said: str
) -> None:
    text = WIDE + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n" + lines
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == expected
    assert any(said in w.message for w in result.warnings)


def test_marks_around_an_abbreviation_and_a_quotation_on_heavy_scans() -> None:
    # seeds 144 and 145: a dash glued after an abbreviation's stop is the speck (after a whole
    # word the stop is: "Schule.- Beruf"), a hyphen after a preposition stands for a space, and a
    # quotation whose closer was read as a speck, with a space after its opener, is closed
    text = (
        "1. Ausbildungsvorbereitung\n"
        "- Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ.- Berufsabschlüssen\n"
        "- Anerkennungsberatung für Geflüchtete mit-ausländ. Berufsabschlüssen\n"
        "- Küchenhelferqualifizierung „ Frischküche*\n"
        "- Mädchenförderung im Übergang Schule.- Beruf\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Küchenhelferqualifizierung „Frischküche“",
        "Mädchenförderung im Übergang Schule - Beruf",
    ]
    said = [w.message.split(":")[0] for w in result.warnings]
    assert "dash after an abbreviation taken as a speck" in said
    assert "hyphen read as a space" in said
    assert "closing quote mark lost at the end, put back" in said


def test_doubled_marks_and_a_bullet_read_as_a_digit() -> None:
    # seeds 146 and 147: an opener read twice, a ";" glued before a comma (no pair of projects),
    # a quote beside the hyphen after "und", and a bullet read as a digit no heading has
    text = (
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "« Begleitung von Auszubildenden mit Fluchterfahrung\n"
        "8 Azubi-Sprachcoaching\n"
        "« Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        "« Küchenhelferqualifizierung „‚Frischküche“\n"
        "« Fachkräfteoffensive: Anerkennungspraktika;, Qualifizierungen und Einzelförderungen\n"
        "« Anerkennungsberatung und - „begleitung für Geflüchtete\n"
        "« Qualifizierung Lagerhelfer/-in;.Qualifizierung Küchenhelfer/-in\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (2, "Begleitung von Auszubildenden mit Fluchterfahrung"),
        (2, "Azubi-Sprachcoaching"),
        (2, "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)"),
        (3, "Küchenhelferqualifizierung „Frischküche“"),
        (3, "Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und Einzelförderungen"),
        (3, "Anerkennungsberatung und -begleitung für Geflüchtete"),
        (3, "Qualifizierung Lagerhelfer/-in"),
        (3, "Qualifizierung Küchenhelfer/-in"),
    ]
    said = " | ".join(w.message for w in result.warnings)
    for what in ("bullet read as the digit '8'", "opening quote mark read twice", "';' glued before a mark"):
        assert what in said


def test_a_bullet_read_as_a_digit_no_later_heading_has() -> None:
    # heavy scan of held-out seed 255: "2 Azubi-Sprachcoaching" among "-" items under heading 2;
    # category 2 is open, so a "2" cannot start a heading still to come
    text = (
        "1. Ausbildungsvorbereitung\n"
        "- Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte\n"
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "- Berufsausbildung in außerbetrieblichen Einrichtungen (BaE) .\n"
        "2 Azubi-Sprachcoaching    i\n"
        "1 Ausbildungslotsen\n"
        "3 Qualifizierung Lagerhelfer/-in\n"
        "- Küchenhelferqualifizierung\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung\n"
        "- Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (1, "Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte"),
        (2, "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)"),
        (2, "Azubi-Sprachcoaching"),
        (2, "Ausbildungslotsen"),
        (2, "3 Qualifizierung Lagerhelfer/-in"),
        (2, "Küchenhelferqualifizierung"),
        (3, "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen"),
    ]
    said = " | ".join(w.message for w in result.warnings)
    assert "bullet read as the digit '2'" in said and "bullet read as the digit '1'" in said
    # "3" could be the next heading's number: kept, and said
    assert "line without a bullet taken as its own project: '3 Qualifizierung Lagerhelfer/-in'" in said


def test_a_lone_mark_or_digit_at_the_end_of_a_title() -> None:
    # seed 151: a spaced "°" after "PersA 3.0" (heavy scan) is a speck; "Grünflächenamt 5"
    # (txt-ocr) was an unflagged value: a lone digit may be a part's number, so it is said, not cut
    text = "1. Ausbildungsvorbereitung\n- PersA 3.0 °\n- Gärtnerische Qualifizierung im Grünflächenamt 5\n"
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "PersA 3.0",
        "Gärtnerische Qualifizierung im Grünflächenamt 5",
    ]
    assert ("projects[1]", True) in {(w.field, "lone digit" in w.message) for w in result.warnings}
    assert any(w.field == "projects[0]" and "'°' at the end" in w.message for w in result.warnings)
    # text OCR of held-out seed 260: a colon glued to the end, kept unflagged (no title ends in one)
    result = parse_projects(
        doc5("1. Ausbildungsvorbereitung‘\n- PersA 3.0:\n- Coaching für Jugendliche\n"), K
    )
    assert [p.title for p in result.value or ()] == ["PersA 3.0", "Coaching für Jugendliche"]
    assert any(w.field == "projects[0]" and "':' at the end" in w.message for w in result.warnings)


def test_dash_at_the_end_of_a_full_line_wraps() -> None:
    text = (
        WIDE + "1. Ausbildungsvorbereitung\n"
        "- Mädchen- und Frauenförderung im Übergang von der allgemeinbildenden Schule -\n"
        "Beruf\n- Coaching\n"
    )
    assert titles(text) == [
        (1, "Mädchen- und Frauenförderung im Übergang von der allgemeinbildenden Schule - Beruf"),
        (1, "Coaching"),
    ]


def test_dash_at_the_end_of_a_full_line_is_noise_when_a_title_would_get_two() -> None:
    # a heavy scan of seed 220, an unbulleted list: a speck read as " -" after a full line
    text = (
        WIDE + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        "Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und Einzelförderungen in Betrieben -\n"
        "Fachkräftesicherung in der Pflege - Qualifizierung zur Pflegehelferin\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und Einzelförderungen in Betrieben",
        "Fachkräftesicherung in der Pflege - Qualifizierung zur Pflegehelferin",
    ]
    assert any("as a title has one spaced dash" in w.message for w in result.warnings)


def test_unmarked_list_with_a_stray_mark_is_not_a_bulleted_list() -> None:
    """A speck read as "-" on one line does not make the lines after long ones their wraps."""
    text = (
        WIDE + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        "Berufsbezogene Deutschförderung für Geflüchtete\n"
        "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)\n"
        "- Küchenhelferqualifizierung\n"
        "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter\n"
        "Gärtnerische Qualifizierung im Grünflächenamt\n"
    )
    assert [t for _, t in titles(text)] == [
        "Berufsbezogene Deutschförderung für Geflüchtete",
        "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)",
        "Küchenhelferqualifizierung",
        "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter",
        "Gärtnerische Qualifizierung im Grünflächenamt",
    ]


def test_numbered_next_heading_does_not_make_an_unmarked_list_bulleted() -> None:
    text = (
        WIDE + "1. Ausbildungsvorbereitung\nProduktionsschule Darmstadt\n"
        "Mädchen- und Frauenförderung im Übergang Schule - Beruf\n"
        "Coaching für Jugendliche ohne Schulabschluss\n"
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (1, "Produktionsschule Darmstadt"),
        (1, "Mädchen- und Frauenförderung im Übergang Schule - Beruf"),
        (1, "Coaching für Jugendliche ohne Schulabschluss"),
        (3, "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)"),
    ]
    assert not any("bullet" in w.message for w in result.warnings)


def test_unmarked_line_after_a_full_line_is_warned() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n"
        "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländischen Berufsabschlüssen\n"
        "Nachqualifizierung\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländischen Berufsabschlüssen",
        "Nachqualifizierung",
    ]
    assert any("after a full line" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    "furniture", ["AQB 2020 | Stadt Offenbach", "AGB 2025'| Hochtaunuskreis -", "Seite 2 von 4"]
)
def test_running_header_or_footer_is_no_project(furniture: str) -> None:
    text = f"1. Ausbildungsvorbereitung\n- FAuB\n{furniture}\n- PersA 3.0\n"
    assert titles(text) == [(1, "FAuB"), (1, "PersA 3.0")]


def test_word_torn_by_an_apostrophe_is_flagged() -> None:
    assert title_damage("Schulverweigerung - Die 2. C' hance") == "a word torn by an apostrophe"
    assert title_damage("Schulverweigerung - Die 2. Chance") is None


@pytest.mark.parametrize(
    ("line", "marker", "title"),
    [
        (
            '" Assistierte Ausbildung in der Altenpflegehilfe',
            '"',
            "Assistierte Ausbildung in der Altenpflegehilfe",
        ),
        (
            '" - Qualifizierung Straßen- und Tiefbauhelfer/-innen',
            '" -',
            "Qualifizierung Straßen- und Tiefbauhelfer/-innen",
        ),
        (
            '" Bleib dran!" - Ausbildungsabbrüche verhindern',
            None,
            '" Bleib dran!" - Ausbildungsabbrüche verhindern',
        ),
        (
            "„Bleib dran!“ - Ausbildungsabbrüche verhindern",
            None,
            "„Bleib dran!“ - Ausbildungsabbrüche verhindern",
        ),
        # a heavy scan of seed 152: the speck glued to the bullet read as a low single quote
        (
            "-‚Sprachförderung für zugewanderte Jugendliche",
            "-‚",
            "Sprachförderung für zugewanderte Jugendliche",
        ),
    ],
)
def test_split_marker_quote_specks(line: str, marker: str | None, title: str) -> None:
    """A quote standing alone before a title is a speck, unless the title closes a quote later."""
    assert split_marker(line) == (marker, title)


def test_specks_read_as_letters_at_the_end_are_dropped_and_warned() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n- Verbundausbildung Fachkraft für Lagerlogistik Ne\n"
        "- Ausbildungscoaching für Geflüchtete Ä\n- Qualifizierung zur Alltagsbegleiterin j\n"
        "- Qualifizierung Straßen- und Tiefbauhelfer/-innen'\n"
        "- Modul A\n- Kurs Teil II\n- Beschäftigungsgesellschaft eG\n- Sprachcafé 'Mütter'\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Verbundausbildung Fachkraft für Lagerlogistik",
        "Ausbildungscoaching für Geflüchtete",
        "Qualifizierung zur Alltagsbegleiterin",
        "Qualifizierung Straßen- und Tiefbauhelfer/-innen",
        "Modul A",
        "Kurs Teil II",
        "Beschäftigungsgesellschaft eG",
        "Sprachcafé 'Mütter'",
    ]
    assert [w.field for w in result.warnings if "OCR specks" in w.message] == [
        "projects[0]",
        "projects[1]",
        "projects[2]",
        "projects[3]",
    ]


@pytest.mark.parametrize("furniture", ["Zielvereinbarung 2019 – Rheingau-Taunus-Kreis", "- 3 -"])
def test_more_running_headers_and_footers(furniture: str) -> None:
    text = f"1. Ausbildungsvorbereitung\n- FAuB\n{furniture}\n- PersA 3.0\n"
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [(1, "FAuB"), (1, "PersA 3.0")]
    assert not any(furniture in w.message for w in result.warnings)


def test_specks_glued_to_the_end_and_stray_apostrophes() -> None:
    text = (
        "1. Ausbildungsvorbereitung\n- Küchenhelferqualifizierung „Frischküche“*\n"
        "- Fachtag „Übergänge gestalten“ 2026°\n- Begleitung'von Auszubildenden\n"
        "- Ausbildung' zur Hauswirtschafterin\n- Frauen in'Männerberufen\n"
        "- Sprachcafé 'Mütter' und Kinder\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Küchenhelferqualifizierung „Frischküche“",
        "Fachtag „Übergänge gestalten“ 2026",
        "Begleitung von Auszubildenden",
        "Ausbildung zur Hauswirtschafterin",
        "Frauen in Männerberufen",
        "Sprachcafé 'Mütter' und Kinder",
    ]
    assert sorted({w.field for w in result.warnings if w.field != "projects"}) == [
        f"projects[{i}]" for i in range(5)
    ]


def test_u_before_an_age_is_flagged() -> None:
    text = "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n- Digitale Grundbildung für Ältere (U50)\n- Jobcoaching Ü25\n- Berufsorientierung U25\n"
    result = parse_projects(doc5(text), K)
    assert [w.field for w in result.warnings] == ["projects[0]"]
    assert "'U' before an age" in result.warnings[0].message


def test_first_item_without_the_lists_bullet_is_warned() -> None:
    text = (
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "Begleitung von Auszubildenden mit Fluchterfahrung\n"
        "- Ausbildungsbegleitende Hilfen in Gesundheitsberufen\n"
    )
    assert titles(text) == [
        (2, "Begleitung von Auszubildenden mit Fluchterfahrung"),
        (2, "Ausbildungsbegleitende Hilfen in Gesundheitsberufen"),
    ]
    assert messages(text) == [
        "line without a bullet taken as its own project: 'Begleitung von Auszubildenden mit Fluchterfahrung'"
    ]
    # held-out scan (seed 104): the "-" of the first item under its heading read as "2", which
    # heading 2 being open cannot be a heading's number (it was kept in the title, said, until
    # seed 255 showed the same under a later item)
    text = text.replace("\nBegleitung", "\n2 Begleitung")
    assert titles(text)[0] == (2, "Begleitung von Auszubildenden mit Fluchterfahrung")
    assert messages(text) == [
        "bullet read as the digit '2': '2 Begleitung von Auszubildenden mit Fluchterfahrung'"
    ]


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Qualifizierung Straßen- und Tiefbauhelfer/-innen N", True),
        ("Sprachkurs Modul A", False),
        ("Fortbildung Fallmanagement II", False),
        ("Schulverweigerung - Die 2. Chance", False),
    ],
)
def test_a_lone_capital_at_the_end_is_flagged(title: str, flagged: bool) -> None:
    assert (title_damage(title) == "a lone capital letter at the end may be a speck") is flagged


def test_a_comma_for_the_semicolon_of_a_pair_and_a_hyphen_for_a_space() -> None:
    # held-out txt-ocr sample (seed 106): "Modul A; … Modul B" came out with a comma
    text = (
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "- Teilzeitausbildung Modul Kinderbetreuung, Teilzeitausbildung Modul Prüfungsvorbereitung\n"
        "- Assistierte Ausbildung in der-Altenpflegehilfe\n"
        "- Kinder-und-Jugendhilfe, Beratung und Begleitung\n"
        "- Inmigra - Integrationsmaßnahme für-SuS mit oder ohne Migrationsgeschichte\n"  # TIFF, seed 214
    )
    assert titles(text) == [
        (2, "Teilzeitausbildung Modul Kinderbetreuung"),
        (2, "Teilzeitausbildung Modul Prüfungsvorbereitung"),
        (2, "Assistierte Ausbildung in der Altenpflegehilfe"),
        (2, "Kinder-und-Jugendhilfe, Beratung und Begleitung"),
        (2, "Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte"),
    ]
    assert messages(text) == [
        "',' read for the ';' between two projects: "
        "'Teilzeitausbildung Modul Kinderbetreuung, Teilzeitausbildung Modul Prüfungsvorbereitung'",
        "hyphen read as a space: 'Assistierte Ausbildung in der-Altenpflegehilfe'",
        "hyphen read as a space: 'Inmigra - Integrationsmaßnahme für-SuS mit oder ohne Migrationsgeschichte'",
    ]


# --------------------------------------------------------------------------- held-out seeds 104-107


def test_a_pair_whose_second_half_stops_short_goes_on_on_the_next_line() -> None:
    # upside-down scan, seed 104: no bullets, the pair's second half wrapped after "Modul"
    text = (
        INTRO + "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n\n"
        "Teilzeitausbildung Modul Kinderbetreuung; Teilzeitausbildung Modul\n"
        "Prüfungsvorbereitung\n\nAusbildungsplatzakquise für Jugendliche mit Behinderung\n"
    )
    assert titles(text) == [
        (2, "Teilzeitausbildung Modul Kinderbetreuung"),
        (2, "Teilzeitausbildung Modul Prüfungsvorbereitung"),
        (2, "Ausbildungsplatzakquise für Jugendliche mit Behinderung"),
    ]


def test_a_finished_pair_does_not_swallow_the_next_line() -> None:
    text = (
        INTRO + "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "Teilzeitausbildung Modul Kinderbetreuung; Teilzeitausbildung Modul Prüfungsvorbereitung\n"
        "Ausbildungsplatzakquise\n"
    )
    assert [t for _, t in titles(text)][-1] == "Ausbildungsplatzakquise"


def test_a_damaged_first_heading_opens_any_category() -> None:
    # heavy scan, seed 107: a stamp over the first heading; the agreement funds no category 1,
    # so the first heading is category 2's, read fuzzily (84)
    text = (
        INTRO + "Ausbildung und Ausbildungscoaching i in anerkannten PR ORHUEgERSeUIeN i\n"
        "» Ausbildungsabbrüche verhindern - „Bleib dran!“\n« Ausbildungscoaching für Geflüchtete\n"
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung\n"
        "- Küchenhelferqualifizierung „Frischküche“\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (2, "Ausbildungsabbrüche verhindern - „Bleib dran!“"),
        (2, "Ausbildungscoaching für Geflüchtete"),
        (3, "Küchenhelferqualifizierung „Frischküche“"),
    ]
    assert any("category 2 heading read fuzzily" in w.message for w in result.warnings)


def test_a_bar_at_the_end_of_a_title_is_a_speck() -> None:
    text = (
        INTRO
        + "Qualifizierungsprojekte zur Arbeitsmarktintegration\n- Grundqualifizierung Gebäudereinigung |\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == ["Grundqualifizierung Gebäudereinigung"]
    assert any("'|' at the end taken as OCR specks" in w.message for w in result.warnings)


def test_a_title_word_that_may_have_specks_for_dots_is_warned() -> None:
    # bilevel TIFF, held-out seed 109: "Schule" read as "Schüle", a name wordfreq knows, so repair
    # leaves it; in a title it is worth a look
    text = (
        INTRO + "1. Ausbildungsvorbereitung\n- Übergangsmanagement Schüle - Beruf\n- Mütter in Ausbildung\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(w.field, w.message) for w in result.warnings if "dots" in w.message] == [
        (
            "projects[0]",
            "title looks damaged ('Schüle' may be 'Schule' with specks read as dots): "
            "'Übergangsmanagement Schüle - Beruf'",
        )
    ]


def test_a_full_stop_inside_a_title_is_a_speck() -> None:
    # txt-ocr, held-out seed 111
    text = (
        INTRO
        + "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + (
            "- Begleitung von Auszubildenden. mit Fluchterfahrung\n- Anerkennung ausländ. Berufsabschlüsse\n"
            "- Coaching bzw. die Begleitung\n"
        )
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Begleitung von Auszubildenden mit Fluchterfahrung",
        "Anerkennung ausländ. Berufsabschlüsse",
        "Coaching bzw. die Begleitung",
    ]
    assert [w.field for w in result.warnings if "full stop" in w.message] == ["projects[0]"]


def test_a_quote_before_a_title_that_nothing_closes_is_a_speck() -> None:
    # txt-ocr, held-out seed 112
    text = (
        INTRO
        + '1. Ausbildungsvorbereitung\n- "Ausbildungslotsen an beruflichen Schulen\n- „Bleib dran!“ plus\n'
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Ausbildungslotsen an beruflichen Schulen",
        "„Bleib dran!“ plus",
    ]
    assert [w.field for w in result.warnings if "quote mark before the title" in w.message] == ["projects[0]"]


def test_an_umlaut_beside_its_own_vowel_is_damage() -> None:
    # txt-ocr, held-out seed 113: "Lernwerkstäatt" (repair now knows "Lernwerkstatt"; the parser
    # flags the pattern wherever a word is not in the lexicon)
    assert title_damage("Kurs Schreibwerkstäatt") == "an umlaut beside its own vowel"
    assert title_damage("Sprachförderung für Mütter") is None


def test_full_stops_after_the_last_word_are_specks() -> None:
    # held-out seeds 114 (heavy scan: "Langzeitarbeitslose..") and 115 (txt-ocr, unwarned before)
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Führerscheinförderung für Langzeitarbeitslose..\n"
        + "- Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau.\n"
        + "- Beratung durch den Verein Jugendhilfe e.V.\n- Sprachkurse, Bewerbungstraining etc.\n"
        + "- Anerkennungsberatung für Geflüchtete mit ausländ.\n"
        + "- Supervision und Fallberatung für Jobcoaches.\n"
        + "- Mädchen- und Frauenförderung im Übergang Schule - Beruf.\n"  # TIFF, seed 223
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Führerscheinförderung für Langzeitarbeitslose",
        "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau",
        "Beratung durch den Verein Jugendhilfe e.V.",
        "Sprachkurse, Bewerbungstraining etc.",
        "Anerkennungsberatung für Geflüchtete mit ausländ.",  # an abbreviation keeps its dot
        "Supervision und Fallberatung für Jobcoaches",  # a word only the lexicon knows (seed 117)
        "Mädchen- und Frauenförderung im Übergang Schule - Beruf",  # five letters with the capital
    ]
    assert sorted(w.field for w in result.warnings if "OCR specks" in w.message) == [
        "projects[0]",
        "projects[1]",
        "projects[5]",
        "projects[6]",
    ]


def test_a_lost_closing_quote_is_put_back_and_warned() -> None:
    # held-out seed 114, bilevel TIFF: the closing mark at the end of the line was lost
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + '- Küchenhelferqualifizierung "Frischküche\n- Projekt „Bleib dran\n'
        + '- "Ausbildungslotsen an beruflichen Schulen\n- Projekt "Zukunft" gestalten\n'
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        'Küchenhelferqualifizierung "Frischküche"',
        "Projekt „Bleib dran“",
        "Ausbildungslotsen an beruflichen Schulen",
        'Projekt "Zukunft" gestalten',
    ]
    assert [w.field for w in result.warnings if "closing quote" in w.message] == [
        "projects[0]",
        "projects[1]",
    ]


def test_a_bracket_before_a_title_is_a_bullet_speck() -> None:
    # held-out seed 114, heavy scan: "< Teilzeitausbildung …"
    text = (
        INTRO
        + "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n\n< Teilzeitausbildung für Alleinerziehende\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == ["Teilzeitausbildung für Alleinerziehende"]


def test_a_title_word_no_word_list_knows_is_warned() -> None:
    # held-out seeds 114 (txt-ocr, unwarned before) and 115 (TIFF, an 'ok' record): slips that
    # leave a plausible word; compounds of known words, acronyms and lexicon words are no alarm
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Grundaqualifizierung Gebäudereinigung\n- Küchenheiferqualifizierung „Frischküche“\n"
        + "- Grundqualifizierung Gebäudereinigung\n- FAuB und PersA für Jobcoaching\n"
    )
    result = parse_projects(doc5(text), K)
    unknown = [
        (w.field, w.message.split(" is in ")[0]) for w in result.warnings if "no word list" in w.message
    ]
    assert unknown == [
        ("projects[0]", "'Grundaqualifizierung'"),
        ("projects[1]", "'Küchenheiferqualifizierung'"),
    ]


def test_a_short_word_in_small_letters_no_word_list_knows_is_warned() -> None:
    # txt-ocr of seed 154: "vori" for "von" (wordfreq lists "vori", so repair, which changes a
    # listed word only to put dots back, left it) was a wrong title no warning named; a short word
    # in small letters is a small word of the title, never a name or an acronym
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Begleitung vori Auszubildenden mit Fluchterfahrung\n"
        + "- Begleitung von Auszubildenden mit und ohne Fluchterfahrung, ggf. im Verbund\n"
        + "- Ausbildung zur/zum Kfz-Mechatroniker/-in bzw. Helfer/-in sowie PersA\n"
    )
    result = parse_projects(doc5(text), K)
    assert len(result.value or ()) == 3
    unknown = [(w.field, w.message) for w in result.warnings if "no word list" in w.message]
    assert unknown == [
        (
            "projects[0]",
            "'vori' is in no word list (a name, or misread): "
            "'Begleitung vori Auszubildenden mit Fluchterfahrung'",
        )
    ]


def test_a_hyphen_between_two_small_words_and_specks_before_a_final_dot() -> None:
    # held-out seed 116, heavy scans: "in-der", and a closing quote read as "*."
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Assistierte Ausbildung in-der Altenpflegehilfe\n"
        + "- Anerkennungspraktika, Qualifizierungen und- Einzelförderungen\n"
        + '- Küchenhelferqualifizierung "Frischküche*.\n'
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Assistierte Ausbildung in der Altenpflegehilfe",
        "Anerkennungspraktika, Qualifizierungen und Einzelförderungen",
        'Küchenhelferqualifizierung "Frischküche"',
    ]
    assert [w.field for w in result.warnings if w.field != "projects"] == [
        "projects[0]",
        "projects[1]",
        "projects[2]",
        "projects[2]",
    ]


def test_an_item_whose_bullet_was_lost_is_no_wrap_when_its_first_part_would_have_fitted() -> None:
    # held-out seed 117, 300 dpi: "• Azubi-Sprachcoaching" read without its bullet; "Azubi-"
    # would have fitted on the line above, so that line did not wrap
    prose = "Der Landkreis Groß-Gerau finanziert mit den Mitteln des Ausbildungs- und Quali-"  # 80 wide
    text = (
        f"{prose}\n2023 in den jeweiligen Maßnahmenarten folgende Projekte:\n\n"
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "• Assistierte Ausbildung in der Altenpflegehilfe\n"
        "• Ausbildungsplatzakquise für Jugendliche mit Behinderung\nAzubi-Sprachcoaching\n"
        "• Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Assistierte Ausbildung in der Altenpflegehilfe",
        "Ausbildungsplatzakquise für Jugendliche mit Behinderung",
        "Azubi-Sprachcoaching",
        "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)",
    ]
    assert any("taken as its own project: 'Azubi-Sprachcoaching'" in w.message for w in result.warnings)


def test_a_speck_far_right_of_a_line_is_no_part_of_the_title() -> None:
    # heavy scans, held-out seeds 101 and 107: OCR wrote the column gap before a speck (ocr.py)
    text = (
        INTRO
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "* Schulung Mitarbeiterschaft    5\n- Fortbildung Modul    2\n- Schulung Teil 2\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Schulung Mitarbeiterschaft",
        "Fortbildung Modul",
        "Schulung Teil 2",
    ]
    assert [w.message for w in result.warnings if "far right" in w.message] == [
        "'5' far right of a line taken as a speck: '* Schulung Mitarbeiterschaft'",
        "'2' far right of a line taken as a speck: '- Fortbildung Modul'",
    ]


def test_a_hyphen_glued_between_the_two_halves_of_a_pair() -> None:
    # heavy scan, held-out seed 105: the ";" of a pair read as a hyphen with no spaces
    text = (
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "- Teilzeitausbildung Modul Prüfungsvorbereitung-Teilzeitausbildung für Alleinerziehende\n"
        "- Teilzeitausbildung Kinderpflege-Teilzeitausbildung\n"
    )
    assert titles(text) == [
        (2, "Teilzeitausbildung Modul Prüfungsvorbereitung"),
        (2, "Teilzeitausbildung für Alleinerziehende"),
        (2, "Teilzeitausbildung Kinderpflege-Teilzeitausbildung"),
    ]
    assert messages(text)[0].startswith("'-' read for the ';' between two projects")


def test_a_small_word_with_a_capital_and_a_quote_glued_to_a_bullet() -> None:
    # heavy scans, held-out seed 111: "Zur" mid-title, and "-'" before a title
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Fachkräftesicherung in der Pflege - Qualifizierung Zur Pflegehelferin\n"
        + "-'Sprachcafé Für Mütter\n- Schulverweigerung - Die 2. Chance\n- Projekt „Die Brücke“\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Fachkräftesicherung in der Pflege - Qualifizierung zur Pflegehelferin",
        "Sprachcafé für Mütter",
        "Schulverweigerung - Die 2. Chance",
        "Projekt „Die Brücke“",
    ]
    assert [w.field for w in result.warnings if "capital" in w.message] == ["projects[0]", "projects[1]"]


def test_the_second_form_after_a_slash_read_with_a_capital() -> None:
    # TIFF of seed 183: "… zur Alltagsbegleiterin / Zum Alltagsbegleiter"
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Qualifizierung zur Alltagsbegleiterin / Zum Alltagsbegleiter\n"
        + "- Sprachkurse / Der Weg in den Beruf\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter",
        "Sprachkurse / Der Weg in den Beruf",
    ]
    assert [w.field for w in result.warnings if "capital" in w.message] == ["projects[0]"]


def test_spaces_ocr_put_after_an_opening_mark_or_a_hyphen_inside_a_word() -> None:
    # txt-ocr of held-out seeds 122 and 123
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Küchenhelferqualifizierung „ Frischküche“\n- Digitale Grundbildung für Ältere ( Ü50)\n"
        + "- Außerschulischer Lernort Kfz- Werkstatt\n- Werkstattjahr Grün- und Landschaftsbau\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Küchenhelferqualifizierung „Frischküche“",
        "Digitale Grundbildung für Ältere (Ü50)",
        "Außerschulischer Lernort Kfz-Werkstatt",
        "Werkstattjahr Grün- und Landschaftsbau",
    ]
    assert [w.field for w in result.warnings if "space after" in w.message] == [
        "projects[0]",
        "projects[1]",
        "projects[2]",
    ]


def test_a_mark_glued_after_a_small_word_is_a_space_and_so_is_a_glued_stop_after_a_word() -> None:
    # held-out seed 124, TIFF: "mit.ausländ." in an 'ok' record, unwarned; the abbreviation's own
    # stop stays. A stop glued between a whole word and one in small letters stands where a space
    # was ("Übergänge.gestalten", heavy scan of seed 157): mended, and said
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Anerkennungsberatung für Geflüchtete mit.ausländ. Berufsabschlüssen\n"
        + "- Sprachkurs Pflege.und Betreuung\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Sprachkurs Pflege und Betreuung",
    ]
    messages = {w.field: w.message for w in result.warnings if w.field != "projects"}
    assert messages["projects[0]"].startswith("mark glued after a small word read as a space")
    assert messages["projects[1]"].startswith(
        "full stop after a whole word inside the title taken as a speck"
    )


def test_a_wrapped_heading_whose_second_line_ends_garbled_is_still_the_heading() -> None:
    # held-out seed 125, heavy scan: the fourth heading's second line ends in a stamp's noise
    text = (
        INTRO
        + "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Grundqualifizierung Gebäudereinigung\n"
        + "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen\n"
        + "Verantwortung für Benachteiligte im Kontext der SIDE EONEUARERDE:\n"
        + "- Weiterbildung Datenschutz und Schweigepflicht in der Beratung\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (3, "Grundqualifizierung Gebäudereinigung"),
        (4, "Weiterbildung Datenschutz und Schweigepflicht in der Beratung"),
    ]


def test_a_quote_mark_for_the_hyphen_after_und_and_an_unclosed_quote() -> None:
    # held-out seed 125, TIFF: "und „begleitung", unwarned; a „ left open is flagged
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Anerkennungsberatung und „begleitung für Geflüchtete mit ausländ. Berufsabschlüssen\n"
        + "- Sprachkurs „Pflege und Betreuung im Alltag der Familien\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Sprachkurs „Pflege und Betreuung im Alltag der Familien",
    ]
    messages = {w.field: w.message for w in result.warnings if w.field != "projects"}
    assert messages["projects[0]"].startswith("quote mark read for the hyphen after 'und'")
    assert "an opening quote mark without its closing one" in messages["projects[1]"]


def test_u_before_an_old_age_a_colon_pair_and_a_lone_und() -> None:
    # held-out seeds 126-127: "(U50)" (txt-ocr, heavy), two projects joined by ":" (TIFF), a
    # stray "und" read after the last title (300 dpi); "U25" is a real label and stays
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Teilzeitausbildung Modul Kinderbetreuung: Teilzeitausbildung Modul Prüfungsvorbereitung\n"
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Digitale Grundbildung für Ältere (U50):\n- Jobcoaching U25\n"
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "- Fortbildung interkulturelle Kompetenz für Fachkräfte\n\nund\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Teilzeitausbildung Modul Kinderbetreuung",
        "Teilzeitausbildung Modul Prüfungsvorbereitung",
        "Digitale Grundbildung für Ältere (Ü50)",
        "Jobcoaching U25",
        "Fortbildung interkulturelle Kompetenz für Fachkräfte",
    ]
    messages = " | ".join(w.message for w in result.warnings)
    assert "':' read for the ';'" in messages
    assert "'U' before an age of 40 or more read as 'Ü'" in messages
    assert "a line of only 'und' after a title taken as noise" in messages
    assert "':' at the end taken as OCR specks" in messages


def test_zero_for_ue_a_hyphen_before_a_preposition_and_a_stop_before_a_quote() -> None:
    # held-out seeds 123, 124, 128, 129: "(050)", "Gesprächsführung-in", "Fachtag."Übergänge"; a
    # hyphen before "und" is the compound's, and stays
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Digitale Grundbildung für Ältere (050)\n"
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "- Schulung Gesprächsführung-in schwierigen Beratungssituationen\n"
        + '- Fachtag."Übergänge gestalten" 2024\n'
        + "- Fortbildung Ausbildungs-und Prüfungsrecht\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Digitale Grundbildung für Ältere (Ü50)",
        "Schulung Gesprächsführung in schwierigen Beratungssituationen",
        'Fachtag "Übergänge gestalten" 2024',
        "Fortbildung Ausbildungs-und Prüfungsrecht",
    ]
    warned = {w.field for w in result.warnings if w.field != "projects"}
    assert {"projects[0]", "projects[1]", "projects[2]"} <= warned


def test_a_full_stop_after_a_whole_word_inside_a_title_is_a_speck() -> None:
    # heavy scan of seed 121: "Werkstattjahr. Grün- und Landschaftsbau"; an abbreviation's stop
    # stays, and a stop before the title's first word again parts a ";" pair
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "- Werkstattjahr. Grün- und Landschaftsbau\n"
        + "- Teilzeitausbildung Modul Kinderbetreuung. Teilzeitausbildung Modul Prüfungsvorbereitung\n"
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen\n"
        # text OCR of seed 249: before an opening quote too
        + "- Küchenhelferqualifizierung. „Frischküche“\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Werkstattjahr Grün- und Landschaftsbau",
        "Teilzeitausbildung Modul Kinderbetreuung",
        "Teilzeitausbildung Modul Prüfungsvorbereitung",
        "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Küchenhelferqualifizierung „Frischküche“",
    ]
    assert any(
        w.field == "projects[0]" and w.message.startswith("full stop after a whole word inside the title")
        for w in result.warnings
    )
    assert not any(w.field == "projects[3]" for w in result.warnings)


def test_marks_glued_before_a_small_word_and_a_quotation_closed_by_an_apostrophe() -> None:
    # txt-ocr of seed 135, TIFFs of seed 134: "Auszubildenden.mit", "Mädchen-.und",
    # "„Übergänge gestalten‘ 2020"; an abbreviation before a noun keeps its stop
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Begleitung von Auszubildenden.mit Fluchterfahrung\n"
        + "- Mädchen-.und Frauenförderung im Übergang Schule - Beruf\n"
        + "- Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen\n"
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "- Fachtag „Übergänge gestalten‘ 2020\n"
        + "- Fachtag \"Übergänge gestalten' 2021\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Begleitung von Auszubildenden mit Fluchterfahrung",
        "Mädchen- und Frauenförderung im Übergang Schule - Beruf",
        "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Fachtag „Übergänge gestalten“ 2020",
        'Fachtag "Übergänge gestalten" 2021',
    ]
    warned = {w.field for w in result.warnings if w.field != "projects"}
    assert {"projects[0]", "projects[1]", "projects[3]", "projects[4]"} <= warned
    assert "projects[2]" not in warned


def test_a_stop_after_an_acronym_and_the_next_paragraphs_first_word_are_specks() -> None:
    # heavy scans of seeds 136 and 137: "FAuB.", "Hilfen.in", "Anerkennungsberatung-Die" before
    # "Förderung der aufgeführten Maßnahmen"; an abbreviation keeps its stop
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "- FAuB.\n"
        + "- Ausbildungsbegleitende Hilfen.in Gesundheitsberufen\n"
        + "- Anerkennungsberatung für Geflüchtete mit ausländ.\n"
        + "- Weiterbildungspaket Anerkennungsberatung-Die\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "FAuB",
        "Ausbildungsbegleitende Hilfen in Gesundheitsberufen",
        "Anerkennungsberatung für Geflüchtete mit ausländ.",
        "Weiterbildungspaket Anerkennungsberatung",
    ]
    warned = {w.field for w in result.warnings if w.field != "projects"}
    assert {"projects[0]", "projects[1]", "projects[3]"} <= warned


def test_a_stop_glued_between_two_whole_words_is_a_space_and_a_mark_after_a_preposition_a_speck() -> None:
    # first look of seeds 138-139 on this round's final code: "Schulung.Gesprächsführung" (txt-ocr,
    # a silent error), "Sprachkurse für, Mütter" (heavy scan); an abbreviation glued to its noun
    # keeps its stop and is flagged
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Sprachkurse für, Mütter mit Kinderbetreuung\n"
        + "- Anerkennungsberatung für Geflüchtete mit ausländ.Berufsabschlüssen\n"
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "- Schulung.Gesprächsführung in schwierigen Beratungssituationen\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Sprachkurse für Mütter mit Kinderbetreuung",
        "Anerkennungsberatung für Geflüchtete mit ausländ.Berufsabschlüssen",
        "Schulung Gesprächsführung in schwierigen Beratungssituationen",
    ]
    warned = {w.field for w in result.warnings if w.field != "projects"}
    assert {"projects[0]", "projects[1]", "projects[2]"} <= warned


def test_a_stop_before_a_spaced_dash_or_slash_and_a_speck_in_a_gender_ending() -> None:
    # first look of seeds 140-141: "Schule.- Beruf", "Alltagsbegleiterin./ zum" (heavy scan),
    # "Maler/'-innen" (TIFF)
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "- Übergangsmanagement Schule.- Beruf\n"
        + "- Ausbildungscoaching im Handwerk: Maler/'-innen und Lackierer/-innen\n"
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Qualifizierung zur Alltagsbegleiterin./ zum Alltagsbegleiter\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Übergangsmanagement Schule - Beruf",
        "Ausbildungscoaching im Handwerk: Maler/-innen und Lackierer/-innen",
        "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter",
    ]
    warned = {w.field for w in result.warnings if w.field != "projects"}
    assert {"projects[0]", "projects[1]", "projects[2]"} <= warned


def test_a_gender_ending_whose_hyphen_was_read_as_another_mark() -> None:
    # text OCR of seed 225, an unflagged wrong value at first look: "Gärtner/:in"
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Kooperative Ausbildung Gärtner/:in Garten- und Landschaftsbau\n"
        + "- Ausbildung zur Fachkraft für Lagerlogistik, Maler/.innen\n"
    )
    result = parse_projects(doc5(text), K)
    assert [p.title for p in result.value or ()] == [
        "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau",
        "Ausbildung zur Fachkraft für Lagerlogistik, Maler/-innen",
    ]
    warned = {w.field for w in result.warnings if "'/-in' ending" in w.message}
    assert warned == {"projects[0]", "projects[1]"}


def test_a_damaged_heading_numbered_as_the_next_category_is_that_heading_in_an_unbulleted_list() -> None:
    # heavy scan of seed 141: a stamp over the third heading; its items went to category 2 and the
    # heading itself became a project
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "Produktionsschule Kassel\n"
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "Teilzeitausbildung für Alleinerziehende\n"
        + "3. Qualifizierungsprojekte zur Seiterieitgheg.deigeh und ER RUNG\n"
        + "Grundqualifizierung Gebäudereinigung\n"
        + "Berufsbezogene Deutschförderung für Geflüchtete\n"
    )
    result = parse_projects(doc5(text), K)
    assert [(p.category, p.title) for p in result.value or ()] == [
        (1, "Produktionsschule Kassel"),
        (2, "Teilzeitausbildung für Alleinerziehende"),
        (3, "Grundqualifizierung Gebäudereinigung"),
        (3, "Berufsbezogene Deutschförderung für Geflüchtete"),
    ]
    assert any("category 3 heading read fuzzily" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    ("line", "title", "said"),
    [
        # text OCR of seed 206: no dash follows "und"; a hyphen for a word's missing part leads a
        # small tail, and the next title's "und -begleitung" keeps it
        (
            "Kompetenzfeststellung und -Berufswegeplanung",
            "Kompetenzfeststellung und Berufswegeplanung",
            "hyphen before a capitalised word after 'und' taken as a speck",
        ),
        # TIFF of seed 204: a speck glued to a spaced dash, before its space
        (
            "Fachkräftesicherung in der Pflege -' Qualifizierung zur Pflegehelferin",
            "Fachkräftesicherung in der Pflege - Qualifizierung zur Pflegehelferin",
            "mark glued after a spaced dash",
        ),
    ],
)
def test_a_speck_at_a_hyphen_or_dash_inside_a_title(line: str, title: str, said: str) -> None:
    later = "Anerkennungsberatung und -begleitung für Geflüchtete"
    text = INTRO + f"1. Ausbildungsvorbereitung\n- {line}\n- {later}\n" + CLOSING
    assert titles(text) == [(1, title), (1, later)]
    assert any(said in m for m in messages(text))


def test_quote_marks_of_another_kind_specks_at_a_dash_or_the_end_and_a_leading_ampersand() -> None:
    # heavy scans and TIFFs of seeds 103-157: a quotation closed with a mark of another kind, a
    # speck glued after a spaced dash, a colon glued to the last word, an "&" before the first title
    # of a list without bullets (it must not make the list look bulleted: the next line is a title
    # of its own), a full stop glued between a quoted word and a small one
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "& Berufsorientierung für Schülerinnen und Schüler mit Förderbedarf\n"
        + "Ausbildungslotsen an beruflichen Schulen\n"
        + "Sprachförderung für zugewanderte Jugendliche:\n"
        + "Inmigra -.Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte\n"
        + 'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé”\n'
        + 'Fachtag „Übergänge gestalten" 2017\n'
        + "Fachtag „Übergänge.gestalten“ 2024\n"
        + "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen &\n"  # seeds 210, 216
        + CLOSING
    )
    assert titles(text) == [
        (1, "Berufsorientierung für Schülerinnen und Schüler mit Förderbedarf"),
        (1, "Ausbildungslotsen an beruflichen Schulen"),
        (1, "Sprachförderung für zugewanderte Jugendliche"),
        (1, "Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte"),
        (1, 'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"'),
        (1, "Fachtag „Übergänge gestalten“ 2017"),
        (1, "Fachtag „Übergänge gestalten“ 2024"),
        (1, "Anerkennungsberatung für Geflüchtete mit ausländ. Berufsabschlüssen"),
    ]
    warned = {w.field for w in parse_projects(doc5(text), K).warnings if w.field.startswith("projects[")}
    assert warned == {f"projects[{i}]" for i in (0, 2, 3, 4, 5, 6, 7)}  # every mend said, nothing else


def test_a_line_of_no_word_between_bulleted_titles_is_left_out_and_said() -> None:
    """TIFF, seed 159: a speck line "[fe" under the last item of category 1 was taken as a
    project of its own (flagged, but a wrong extra project)."""
    text = (
        "jeweiligen Maßnahmenarten folgende Projekte:\n1. Ausbildungs- und Qualifizierungsvorbereitung\n"
        "- Coaching für Jugendliche ohne Schulabschluss\n"
        "- Jugendwerkstatt Bad Homburg v. d. Höhe - Grundqualifizierung\n[fe\n"
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        "- Ausbildungsbegleitende Hilfen in Gesundheitsberufen\n"
    )
    assert titles(text) == [
        (1, "Coaching für Jugendliche ohne Schulabschluss"),
        (1, "Jugendwerkstatt Bad Homburg v. d. Höhe - Grundqualifizierung"),
        (2, "Ausbildungsbegleitende Hilfen in Gesundheitsberufen"),
    ]
    assert "unreadable line left out: '[fe'" in messages(text)
    # a numeral on a line of its own may be a title's rest: never left out as noise
    numeral = text.replace("[fe\n", "").replace("ohne Schulabschluss\n", "ohne Schulabschluss Teil\nII\n")
    assert (1, "II") in titles(numeral)
    assert "line without a bullet taken as its own project: 'II'" in messages(numeral)


def test_a_spaced_dash_read_as_two_hyphens_glued_to_the_word_before() -> None:
    # heavy scan, held-out seed 161
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + '• Sprachkurse für Mütter mit Kinderbetreuung-- "Sprachcafé"\n'
        + "• Anerkennungsberatung und -begleitung für Geflüchtete\n"
        + CLOSING
    )
    assert titles(text) == [
        (1, 'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"'),
        (1, "Anerkennungsberatung und -begleitung für Geflüchtete"),
    ]
    assert "spaced dash read as two hyphens glued to a word" in " ".join(messages(text))


def test_a_spaced_dash_glued_to_the_capitalised_word_after_it() -> None:
    # heavy scan, held-out seed 163 (repair keeps the hyphen after a noun: "Schule -Beruf")
    text = INTRO + "1. Ausbildungsvorbereitung\n. Übergangsmanagement Schule -Beruf\n• FAuB\n" + CLOSING
    assert titles(text) == [(1, "Übergangsmanagement Schule - Beruf"), (1, "FAuB")]
    assert "spaced dash glued to the next word: 'Übergangsmanagement Schule -Beruf'" in messages(text)
    # heavy scan of seed 166: the space after a colon read as a hyphen
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n• Jugendberufshilfe:-Einstiegsqualifizierung Plus\n• FAuB\n"
        + CLOSING
    )
    assert titles(text) == [(1, "Jugendberufshilfe: Einstiegsqualifizierung Plus"), (1, "FAuB")]
    # heavy scan of seed 195: a speck glued after the colon
    specked = text.replace(":-Einstiegs", ":. Einstiegs")
    assert titles(specked)[0] == (1, "Jugendberufshilfe: Einstiegsqualifizierung Plus")
    assert (
        "mark glued after a colon taken as a speck: 'Jugendberufshilfe:. Einstiegsqualifizierung Plus'"
        in messages(specked)
    )
    assert (
        "mark after a colon read as a space: 'Jugendberufshilfe:-Einstiegsqualifizierung Plus'"
        in messages(text)
    )
    # text OCR of seed 216: the space read as a quote mark
    quoted = text.replace(":-Einstiegs", ":'Einstiegs")
    assert titles(quoted)[0] == (1, "Jugendberufshilfe: Einstiegsqualifizierung Plus")
    assert (
        'mark after a colon read as a space: "Jugendberufshilfe:\'Einstiegsqualifizierung Plus"'
        in messages(quoted)
    )


@pytest.mark.parametrize(
    "end",
    [
        "- Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",  # seeds 129, 140
        "-Arbeitsmarktförderung",  # text OCR of seed 122, the line between lost
    ],
)
def test_the_long_heading_s_last_line_read_with_a_bullet_is_still_the_heading(end: str) -> None:
    first = "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen"
    if end.startswith("-A"):
        first = "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in"
    text = INTRO + f"{first}\n{end}\n- Schulung Mitarbeiterschaft\n" + CLOSING
    assert titles(text) == [(4, "Schulung Mitarbeiterschaft")]
    assert f"line with a marker read as the end of category 4's heading: {end!r}" in messages(text)
    # a project under the heading is never taken for its end
    assert titles(INTRO + f"{first}\n- Fortbildung Fallmanagement II\n" + CLOSING) == [
        (4, "Fortbildung Fallmanagement II")
    ]


def test_a_title_wrapped_after_an_abbreviation_in_small_letters_continues() -> None:
    # heavy and upside-down scans of seeds 105 and 110: "mit ausländ." ended a line
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung\n"
        + "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ.\n"
        + "Berufsabschlüssen\n"
        + "Gärtnerische Qualifizierung im Grünflächenamt\n"
        + CLOSING
    )
    assert titles(text) == [
        (3, "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen"),
        (3, "Gärtnerische Qualifizierung im Grünflächenamt"),
    ]


def test_under_bullets_a_capitalised_line_after_a_noun_is_a_project_whose_bullet_was_lost() -> None:
    # 300-dpi scans of seeds 136 and 164: the line reached far enough right to have wrapped, but
    # a title wraps after a small word ("integratives" / "BaE-Modell"), not between two nouns
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "• Sprach- und Qualifizierungsangebote für Geflüchtete aus der Ukraine\n"
        + "Grundqualifizierung Gebäudereinigung\n"
        + "• Ausbildung 3 Jahre - kooperatives BaE-Modell; Ausbildung 3 Jahre - integratives\n"
        + "BaE-Modell\n"
        + CLOSING
    )
    assert titles(text) == [
        (3, "Sprach- und Qualifizierungsangebote für Geflüchtete aus der Ukraine"),
        (3, "Grundqualifizierung Gebäudereinigung"),
        (3, "Ausbildung 3 Jahre - kooperatives BaE-Modell"),
        (3, "Ausbildung 3 Jahre - integratives BaE-Modell"),
    ]
    assert (
        "line without a bullet taken as its own project: 'Grundqualifizierung Gebäudereinigung'"
        in messages(text)
    )


def test_under_bullets_a_title_ending_in_a_year_is_complete() -> None:
    # 300-dpi scan of seed 228: the next item's bullet was lost, and the two titles ran together
    # unwarned; a heavy scan of seed 231 had a full stop after such a year
    text = (
        INTRO
        + "4. Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte\n"
        + "« Fortschreibung und Vernetzung der regionalen Träger: Arbeitsmarktdialog und -strategie 2024\n"
        + "Weiterbildung Datenschutz und Schweigepflicht in der Beratung\n"
        + "« Fachtag „Übergänge gestalten“ 2022.\n"
        + CLOSING
    )
    assert titles(text) == [
        (4, "Fortschreibung und Vernetzung der regionalen Träger: Arbeitsmarktdialog und -strategie 2024"),
        (4, "Weiterbildung Datenschutz und Schweigepflicht in der Beratung"),
        (4, "Fachtag „Übergänge gestalten“ 2022"),
    ]
    said = messages(text)
    assert (
        "line without a bullet taken as its own project: 'Weiterbildung Datenschutz und Schweigepflicht in der Beratung'"
        in said
    )


def test_a_quote_mark_before_a_title_whose_other_marks_pair_off_is_a_speck() -> None:
    # TIFF of seed 229: '"Sprachkurse … - "Sprachcafé"'
    assert open_quote_speck('"Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"') == (
        'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"'
    )
    assert open_quote_speck('"Bleib dran!" für Jugendliche') == '"Bleib dran!" für Jugendliche'
    assert open_quote_speck("„Bleib dran!“") == "„Bleib dran!“"


def test_under_bullets_a_title_closed_by_a_bracket_is_complete() -> None:
    # 300-dpi scan of held-out seed 166: the next item's bullet was lost
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "• Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)\n"
        + "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ.\n"
        + "Berufsabschlüssen\n"
        + "• Qualifizierung Küchenhelfer/-in und Lagerhelfer/-in für Geflüchtete in der Region\n"
        + CLOSING
    )
    assert titles(text) == [
        (3, "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)"),
        (3, "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen"),
        (3, "Qualifizierung Küchenhelfer/-in und Lagerhelfer/-in für Geflüchtete in der Region"),
    ]


def test_an_unfinished_pair_joined_by_a_colon_ends_open() -> None:
    # TIFF of held-out seed 252: the ";" of a pair read as ":", its second half wrapped in an
    # unbulleted list; the rest of the title had become a project of its own
    text = (
        INTRO
        + "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "Ausbildung 3 Jahre - kooperatives BaE-Modell: Ausbildung 3 Jahre - integratives\n"
        + "BaE-Modell\n"
        + "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung\n"
        + "Teilzeitausbildung für Alleinerziehende\n"
        + CLOSING
    )
    assert titles(text) == [
        (2, "Ausbildung 3 Jahre - kooperatives BaE-Modell"),
        (2, "Ausbildung 3 Jahre - integratives BaE-Modell"),
        (3, "Teilzeitausbildung für Alleinerziehende"),
    ]
    assert "':' read for the ';' between two projects" in " ".join(messages(text))


def test_a_dot_before_the_rest_of_an_unfinished_pair_is_a_speck() -> None:
    # heavy scan of held-out seed 166: the pair's second half wrapped, a speck before its rest
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Ausbildung 3 Jahre - kooperatives BaE-Modell; Ausbildung 3 Jahre - integratives\n"
        + ".BaE-Modell\n"
        + "- Teilzeitausbildung für Alleinerziehende\n"
        + CLOSING
    )
    assert titles(text) == [
        (2, "Ausbildung 3 Jahre - kooperatives BaE-Modell"),
        (2, "Ausbildung 3 Jahre - integratives BaE-Modell"),
        (2, "Teilzeitausbildung für Alleinerziehende"),
    ]
    assert "'.' before the rest of a title taken as a speck: '.BaE-Modell'" in messages(text)
    # a one-word second half still ends open (text OCR and 300-dpi scan of seeds 111 and 162)
    pair = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "- Berufseinstiegsbegleitung Hauptschule; Berufseinstiegsbegleitung\n"
        + "Förderschule\n"
        + "- Teilzeitausbildung für Alleinerziehende\n"
        + CLOSING
    )
    assert titles(pair) == [
        (1, "Berufseinstiegsbegleitung Hauptschule"),
        (1, "Berufseinstiegsbegleitung Förderschule"),
        (1, "Teilzeitausbildung für Alleinerziehende"),
    ]


def test_two_letters_no_title_starts_with_before_a_title_are_a_bullet() -> None:
    # heavy scan of held-out seed 167: "ze" for "•"; the line had become the rest of the title above
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "• Jobcoaching für Menschen mit psychischen Beeinträchtigungen\n"
        + "ze Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter\n"
        + "• Teilzeitausbildung für Alleinerziehende, Modul Kinderbetreuung und\n"
        + "zu Hause\n"
        + CLOSING
    )
    assert titles(text) == [
        (3, "Jobcoaching für Menschen mit psychischen Beeinträchtigungen"),
        (3, "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter"),
        (3, "Teilzeitausbildung für Alleinerziehende, Modul Kinderbetreuung und zu Hause"),
    ]
    assert (
        "bullet read as the letters 'ze': 'ze Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter'"
        in messages(text)
    )


def test_small_letters_before_a_title_and_a_stop_before_a_small_word_are_specks() -> None:
    # heavy scans of held-out seed 169
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "er Sprachförderung für zugewanderte Jugendliche\n"
        + "Weiterbildung Datenschutz und Schweigepflicht .in der Beratung\n"
        + CLOSING
    )
    assert titles(text) == [
        (1, "Sprachförderung für zugewanderte Jugendliche"),
        (1, "Weiterbildung Datenschutz und Schweigepflicht in der Beratung"),
    ]
    said = " ".join(messages(text))
    assert "letters before the title taken as a speck" in said
    assert "full stop before a small word taken as a speck" in said


def test_a_lost_slash_between_two_forms_and_an_apostrophe_after_an_initial() -> None:
    # text OCR and TIFF of held-out seed 170 (the first was unflagged: no warning named projects)
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "Ausbildung zur Hauswirtschafterin zum Hauswirtschafter\n"
        + "Teilzeitberufsausbildung - Servicestelle Bad Homburg v. d.’Höhe\n"
        + CLOSING
    )
    assert titles(text) == [
        (2, "Ausbildung zur Hauswirtschafterin / zum Hauswirtschafter"),
        (2, "Teilzeitberufsausbildung - Servicestelle Bad Homburg v. d. Höhe"),
    ]
    said = " ".join(messages(text))
    assert "'/' between the two forms lost, put back" in said
    assert "apostrophe read as a space" in said


def test_a_hyphen_after_a_small_word_and_a_dash_glued_to_a_quote() -> None:
    # heavy scan and TIFF of held-out seed 171
    text = (
        INTRO
        + "1. Ausbildungsvorbereitung\n"
        + "Ausbildungslotsen an beruflichen-Schulen\n"
        + "Ausbildungsabbrüche verhindern -„Bleib dran!“\n"
        + "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau\n"
        + CLOSING
    )
    assert titles(text) == [
        (1, "Ausbildungslotsen an beruflichen Schulen"),
        (1, "Ausbildungsabbrüche verhindern - „Bleib dran!“"),
        (1, "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau"),
    ]
    said = " ".join(messages(text))
    assert "hyphen between a small word and a noun read as a space" in said
    assert "spaced dash glued to the next word: 'Ausbildungsabbrüche verhindern -„Bleib dran!“'" in said
    # a chain of hyphens is a compound's, small words inside it included
    text = INTRO + "1. Ausbildungsvorbereitung\n- Arbeit-statt-Sozialhilfe\n" + CLOSING
    assert titles(text) == [(1, "Arbeit-statt-Sozialhilfe")]


def test_a_compound_hyphen_read_twice_across_a_space() -> None:
    # heavy scan of seed 175: "Azubi-Sprachcoaching" read "Azubi- -Sprachcoaching"
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- Azubi- -Sprachcoaching\n- Ausbildungslotsen\n"
        + CLOSING
    )
    assert titles(text) == [(2, "Azubi-Sprachcoaching"), (2, "Ausbildungslotsen")]
    assert "hyphen read twice with a space between: 'Azubi- -Sprachcoaching'" in messages(text)
    # a hyphen ending a word part before "und" keeps its space
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n- Ausbildungs- und Berufscoaching\n"
        + CLOSING
    )
    assert titles(text) == [(2, "Ausbildungs- und Berufscoaching")]


def test_a_capitalised_two_letter_speck_before_a_title() -> None:
    # heavy scan of seed 178: a bullet read "Ne"; "Im" and "Zu" start titles
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "- Teilzeitausbildung für Alleinerziehende\n"
        + "Ne Ausbildungsbegleitende Hilfen in Gesundheitsberufen\n"
        + "- Im Job bleiben\n"
        + CLOSING
    )
    assert titles(text) == [
        (2, "Teilzeitausbildung für Alleinerziehende"),
        (2, "Ausbildungsbegleitende Hilfen in Gesundheitsberufen"),
        (2, "Im Job bleiben"),
    ]
    assert (
        "letters before the title taken as a speck: 'Ne Ausbildungsbegleitende Hilfen in Gesundheitsberufen'"
        in messages(text)
    )


def test_a_version_number_glued_to_the_word_before_it() -> None:
    # heavy scan of seed 178: "PersA 3.0" read "PersA3.0"
    text = INTRO + "1. Ausbildungsvorbereitung\n- PersA3.0\n- Berufsorientierung 4.0\n" + CLOSING
    assert titles(text) == [(1, "PersA 3.0"), (1, "Berufsorientierung 4.0")]
    assert "space before a version number lost: 'PersA3.0'" in messages(text)
    # heavy scan of seed 202: its point read as a colon
    text = INTRO + "1. Ausbildungsvorbereitung\n- PersA 3:0    ;\n- Berufsorientierung 4.0\n" + CLOSING
    assert titles(text) == [(1, "PersA 3.0"), (1, "Berufsorientierung 4.0")]
    assert "colon read for a version number's point: 'PersA 3:0'" in messages(text)


def test_a_bracket_for_a_round_one_and_a_hyphen_after_the_closing_one() -> None:
    # TIFF of seed 184: "Berufsausbildung in außerbetrieblichen Einrichtungen {BaE)-"
    text = (
        INTRO
        + "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen\n"
        + "• Berufsausbildung in außerbetrieblichen Einrichtungen {BaE)-\n• Ausbildungslotsen\n"
        + CLOSING
    )
    assert titles(text) == [
        (2, "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)"),
        (2, "Ausbildungslotsen"),
    ]
    said = " ".join(messages(text))
    assert "bracket read for '(' before a ')'" in said and "'-' at the end taken as OCR specks" in said


def test_an_age_label_whose_letter_was_lost() -> None:
    # text OCR of seed 193: "(Ü50)" read "(50)", an unflagged value at first look
    text = (
        INTRO
        + "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung\n"
        + "- Digitale Grundbildung für Ältere (50)\n- Jobcoaching (25)\n- PersA'3.0\n"
        + CLOSING
    )
    assert titles(text) == [
        (3, "Digitale Grundbildung für Ältere (Ü50)"),
        (3, "Jobcoaching (25)"),  # "U25" or "Ü25": not guessed, said
        (3, "PersA 3.0"),  # text OCR of seed 192: the space read as an apostrophe
    ]
    said = messages(text)
    assert "'Ü' before an age of 40 or more lost, put back: 'Digitale Grundbildung für Ältere (50)'" in said
    assert "title looks damaged (an age in brackets without its 'U' or 'Ü'): 'Jobcoaching (25)'" in said
