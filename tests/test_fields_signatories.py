"""Signatories: both seed layouts, each way a date, role, name or place is written, arbitrary text."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.seeds import seed_expected
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fields_projects import seed_doc

from aqb_extract.fields.signatories import parse_signatories
from aqb_extract.knowledge import load_knowledge
from aqb_extract.models import Extracted, Part, Section, Signatory, SplitDocument

K = load_knowledge()
EMPTY = Part(text="", raw="")
KASSEL = K.partner_by_ags("06611")
GROSS_GERAU = K.partner_by_ags("06433")
WIESBADEN = K.partner_by_ags("06414")

STACKED = """Wiesbaden, den 8.8.23

Kassel, den 8.9.2023



Kai Klose

Staatsminister
Hessisches Ministerium
für Soziales und Integration



Sven Schoeller

Oberbürgermeister
der documenta Stadt Kassel"""

SIDE_BY_SIDE_RAW = """Wiesbaden, den 7. 7 207 -4 GroR-Gerau, den AS O 2024
Heike Hofmann Adil Oyan

Staatsministerin Erster Kreisbeigeordneter
Hessisches Ministerium des Landkreises Grol3-Gerau

fur Arbeit, Integration,
Jugend und Soziales"""

SIDE_BY_SIDE = (
    SIDE_BY_SIDE_RAW.replace("GroR-Gerau", "Groß-Gerau")
    .replace("Grol3-Gerau", "Groß-Gerau")
    .replace("fur ", "für ")
)


def tail_doc(text: str, raw: str | None = None) -> SplitDocument:
    return SplitDocument(head=EMPTY, sections=(), tail=Part(text=text, raw=raw if raw is not None else text))


def parse(
    text: str, year: int | None = 2023, partner: object = KASSEL, raw: str | None = None
) -> Extracted[tuple[Signatory, ...]]:
    return parse_signatories(tail_doc(text, raw), K, year, partner)  # type: ignore[arg-type]


def rows(result: Extracted[tuple[Signatory, ...]]) -> list[tuple[object, ...]]:
    return [(s.side, s.name, s.role, s.place, s.date, s.date_as_written) for s in result.value or ()]


def messages(result: Extracted[tuple[Signatory, ...]]) -> list[tuple[str, str]]:
    return [(w.field, w.message) for w in result.warnings]


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("with_partner", [True, False], ids=["partner-known", "partner-unknown"])
def test_seed_signatories_exact(seed_id: str, with_partner: bool) -> None:
    expected = seed_expected(seed_id)
    partner = K.partner_by_ags(expected["partner"]["ags"]) if with_partner else None
    result = parse_signatories(seed_doc(seed_id), K, expected["year"], partner)
    got = [
        {
            "side": s.side,
            "name": s.name,
            "role": s.role,
            "place": s.place,
            "date": s.date.isoformat() if s.date else None,
        }
        for s in result.value or ()
    ]
    assert got == expected["signatories"]


def test_seed001_dates_are_null_with_warnings() -> None:
    result = parse_signatories(seed_doc("001"), K, 2024, GROSS_GERAU)
    assert [s.date_as_written for s in result.value or ()] == ["7. 7 207 -4", "AS O 2024"]
    assert messages(result) == [
        ("signatories[0].date", "date unreadable: '7. 7 207 -4'"),
        ("signatories[1].date", "date unreadable: 'AS O 2024'"),
    ]
    assert result.confidence <= 0.6


def test_seed000_is_clean_and_confident() -> None:
    result = parse_signatories(seed_doc("000"), K, 2023, KASSEL)
    assert result.warnings == ()
    assert result.confidence >= 0.9
    assert dict(result.parts)["signatories[0].date"] == "8.8.23"


# --------------------------------------------------------------------------- layouts


def test_stacked_layout() -> None:
    assert rows(parse(STACKED)) == [
        ("ministry", "Kai Klose", "Staatsminister", "Wiesbaden", dt.date(2023, 8, 8), "8.8.23"),
        ("partner", "Sven Schoeller", "Oberbürgermeister", "Kassel", dt.date(2023, 9, 8), "8.9.2023"),
    ]


def test_side_by_side_repaired_and_raw() -> None:
    expected = [
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", None, "7. 7 207 -4"),
        ("partner", "Adil Oyan", "Erster Kreisbeigeordneter", "Groß-Gerau", None, "AS O 2024"),
    ]
    assert rows(parse(SIDE_BY_SIDE, 2024, GROSS_GERAU, raw=SIDE_BY_SIDE_RAW)) == expected
    # unrepaired text: place and role come out canonical anyway
    assert rows(parse(SIDE_BY_SIDE_RAW, 2024, GROSS_GERAU)) == expected
    assert rows(parse(SIDE_BY_SIDE_RAW, 2024, None)) == expected


def test_side_by_side_with_readable_dates_and_wide_gaps() -> None:
    text = (
        "Wiesbaden, den 01.07.2024          Fulda, den 3. Juli 2024\n"
        "Dr. Anna Beispiel          Bernd Woide\n"
        "Staatssekretärin          Landrat\n"
    )
    assert rows(parse(text, 2024, K.partner_by_ags("06631"))) == [
        ("ministry", "Dr. Anna Beispiel", "Staatssekretärin", "Wiesbaden", dt.date(2024, 7, 1), "01.07.2024"),
        ("partner", "Bernd Woide", "Landrat", "Fulda", dt.date(2024, 7, 3), "3. Juli 2024"),
    ]


def test_side_by_side_names_split_by_word_count_is_warned() -> None:
    text = (
        "Wiesbaden, den 1.7.2024 Fulda, den 2.7.2024\nAnna Beispiel Bernd Woide\nStaatssekretärin Landrat\n"
    )
    result = parse(text, 2024, K.partner_by_ags("06631"))
    assert [s.name for s in result.value or ()] == ["Anna Beispiel", "Bernd Woide"]
    assert any("split by word count" in m for _, m in messages(result))
    assert result.confidence < 0.8


def test_one_block_per_person() -> None:
    text = (
        "Wiesbaden, den 12. März 2019\nKai Klose\nStaatsminister\n"
        "Hessisches Ministerium für Soziales und Integration\n\n"
        "Kassel, den 14.03.2019\nChristian Geselle\nOberbürgermeister\nder documenta Stadt Kassel\n"
    )
    assert rows(parse(text, 2019)) == [
        ("ministry", "Kai Klose", "Staatsminister", "Wiesbaden", dt.date(2019, 3, 12), "12. März 2019"),
        ("partner", "Christian Geselle", "Oberbürgermeister", "Kassel", dt.date(2019, 3, 14), "14.03.2019"),
    ]


def test_partner_written_first_still_comes_second() -> None:
    text = (
        "Kassel, den 8.9.2023\nWiesbaden, den 8.8.23\nSven Schoeller\n"
        "Oberbürgermeister\nKai Klose\nStaatsminister\n"
    )
    assert [(s.side, s.name, s.place) for s in parse(text).value or ()] == [
        ("ministry", "Kai Klose", "Wiesbaden"),
        ("partner", "Sven Schoeller", "Kassel"),
    ]


def test_partner_seated_in_wiesbaden_goes_by_order() -> None:
    text = (
        "Wiesbaden, den 1.8.2023\nWiesbaden, den 2.8.2023\nKai Klose\n"
        "Staatsminister\nGert-Uwe Mende\nOberbürgermeister\n"
    )
    assert [(s.side, s.name, s.date) for s in parse(text, 2023, WIESBADEN).value or ()] == [
        ("ministry", "Kai Klose", dt.date(2023, 8, 1)),
        ("partner", "Gert-Uwe Mende", dt.date(2023, 8, 2)),
    ]


def test_falls_back_to_end_of_section_7() -> None:
    body = "Die Zielvereinbarungen werden veröffentlicht.\n\n" + STACKED
    doc = SplitDocument(
        head=EMPTY,
        sections=(Section(number=7, title="Kontinuierlicher Verbesserungsprozess", text=body, raw=body),),
        tail=EMPTY,
    )
    result = parse_signatories(doc, K, 2023, KASSEL)
    assert [s.name for s in result.value or ()] == ["Kai Klose", "Sven Schoeller"]


def test_no_signature_block() -> None:
    result = parse_signatories(SplitDocument(head=EMPTY, sections=(), tail=EMPTY), K, 2023, KASSEL)
    assert result.value is None and result.confidence == 0.0
    assert messages(result) == [("signatories", "signature block not found")]


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Erster Kreisbeigeordneter", "Erster Kreisbeigeordneter"),
        ("Kreisbeigeordneter", "Kreisbeigeordneter"),
        ("Erste Kreisbeigeordnete", "Erste Kreisbeigeordnete"),
        ("Oberbürgermeisterin", "Oberbürgermeisterin"),
        ("Oberburgermeister", "Oberbürgermeister"),
        ("Oberbiirgermeister", "Oberbürgermeister"),
        ("Landratin", "Landrätin"),
        ("Landrat", "Landrat"),
        ("Bürgermeister", "Bürgermeister"),
        ("Stadtrat", "Stadtrat"),
    ],
)
def test_partner_roles_canonical_longest_first(written: str, role: str) -> None:
    text = f"Wiesbaden, den 8.8.23\nKassel, den 8.9.2023\nKai Klose\nStaatsminister\nMax Muster\n{written}\n"
    result = parse(text)
    assert result.value is not None and result.value[1].role == role


def test_two_roles_on_one_line_longest_match() -> None:
    text = (
        "Wiesbaden, den 8.8.24 Groß-Gerau, den 9.8.24\nHeike Hofmann Adil Oyan\n"
        "Staatsministerin Erster Kreisbeigeordneter\n"
    )
    result = parse(text, 2024, GROSS_GERAU)
    assert [s.role for s in result.value or ()] == ["Staatsministerin", "Erster Kreisbeigeordneter"]
    assert result.warnings == ()


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("written", "year", "date"),
    [
        ("8.8.23", 2023, dt.date(2023, 8, 8)),
        ("08.09.2023", 2023, dt.date(2023, 9, 8)),
        ("12. März 2019", 2019, dt.date(2019, 3, 12)),
        ("12. Maerz 2019", 2019, dt.date(2019, 3, 12)),
        ("1.Juli 2024", 2024, dt.date(2024, 7, 1)),
    ],
)
def test_readable_dates(written: str, year: int, date: dt.date) -> None:
    minister = "Kai Klose\nStaatsminister" if year < 2024 else "Heike Hofmann\nStaatsministerin"
    result = parse(
        f"Wiesbaden, den {written}\nKassel, den {written}\n{minister}\nMax Muster\nLandrat\n", year
    )
    assert [s.date for s in result.value or ()] == [date, date]
    assert [s.date_as_written for s in result.value or ()] == [written, written]
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("7. 7 207 -4", "date unreadable: '7. 7 207 -4'"),
        ("AS O 2024", "date unreadable: 'AS O 2024'"),
        ("31.02.2023", "not a valid date: '31.02.2023'"),
        ("3. Juii 2023", "date unreadable: '3. Juii 2023'"),
        ("", "date not written or not found"),
    ],
)
def test_unreadable_dates_are_none_with_a_warning(written: str, message: str) -> None:
    text = (
        f"Wiesbaden, den {written}\nKassel, den 8.9.2023\nKai Klose\n"
        f"Staatsminister\nSven Schoeller\nOberbürgermeister\n"
    )
    result = parse(text)
    assert result.value is not None
    assert result.value[0].date is None
    assert result.value[1].date == dt.date(2023, 9, 8)
    assert ("signatories[0].date", message) in messages(result)
    assert result.confidence <= 0.6


def test_date_far_from_the_budget_year_is_kept_but_doubted() -> None:
    text = (
        "Wiesbaden, den 8.8.2019\nKassel, den 8.9.2023\nKai Klose\n"
        "Staatsminister\nSven Schoeller\nOberbürgermeister\n"
    )
    result = parse(text, 2023)
    assert result.value is not None and result.value[0].date == dt.date(2019, 8, 8)
    assert any(
        f == "signatories[0].date" and "far from the budget year 2023" in m for f, m in messages(result)
    )
    assert result.confidence <= 0.4


# --------------------------------------------------------------------------- plausibility


def test_minister_from_another_year_is_warned() -> None:
    text = (
        "Wiesbaden, den 8.8.24\nGroß-Gerau, den 9.8.24\nKai Klose\n"
        "Staatsminister\nAdil Oyan\nErster Kreisbeigeordneter\n"
    )
    result = parse(text, 2024, GROSS_GERAU)
    assert result.value is not None and result.value[0].name == "Kai Klose"
    assert (
        "signatories[0].name",
        "Kai Klose was not the minister in 2024 (expected Heike Hofmann)",
    ) in messages(result)
    assert result.confidence < 0.7


def test_minister_role_mismatch_is_warned() -> None:
    text = (
        "Wiesbaden, den 8.8.24\nGroß-Gerau, den 9.8.24\nHeike Hofmann\nStaatsminister\nAdil Oyan\nLandrat\n"
    )
    result = parse(text, 2024, GROSS_GERAU)
    assert ("signatories[0].role", "role 'Staatsminister' does not fit Heike Hofmann") in messages(result)


def test_damaged_minister_name_is_repaired_to_the_known_spelling() -> None:
    text = "Wiesbaden, den 8.8.18\nKassel, den 9.8.18\nStefan Grittner\nStaatsminister\nMax Muster\nLandrat\n"
    result = parse(text, 2018)
    assert result.value is not None and result.value[0].name == "Stefan Grüttner"


def test_unknown_place_is_kept_as_written_and_warned() -> None:
    text = (
        "Wiesbaden, den 8.8.23\nIrgendwo, den 8.9.2023\nKai Klose\n"
        "Staatsminister\nSven Schoeller\nOberbürgermeister\n"
    )
    result = parse(text)
    assert result.value is not None and result.value[1].place == "Irgendwo"
    assert ("signatories[1].place", "place not recognised: 'Irgendwo'") in messages(result)


def test_missing_partner_signatory_is_warned() -> None:
    result = parse("Wiesbaden, den 8.8.23\nKai Klose\nStaatsminister\n")
    assert [s.side for s in result.value or ()] == ["ministry"]
    assert ("signatories[1]", "no partner signatory found") in messages(result)
    assert result.confidence <= 0.6


def test_only_partner_found_is_signatory_0() -> None:
    result = parse("Kassel, den 8.9.2023\nSven Schoeller\nOberbürgermeister\n")
    assert [s.side for s in result.value or ()] == ["partner"]
    assert all(not f.startswith("signatories[1]") for f, _ in messages(result))


# --------------------------------------------------------------------------- any text


_LINES = st.sampled_from(
    [
        "Wiesbaden, den 7. 7 207 -4 GroR-Gerau, den AS O 2024",
        "Wiesbaden, den",
        "den den den",
        ", den 1.1.2024",
        "Heike Hofmann Adil Oyan",
        "Staatsministerin Erster Kreisbeigeordneter",
        "Landrat Landrat Landrat",
        "Kai Klose",
        "Hessisches Ministerium",
        "",
        "\f",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=15),
    st.text(max_size=120),
    st.one_of(st.none(), st.integers(1990, 2100)),
    st.one_of(st.none(), st.sampled_from(K.partners)),
)
def test_any_text_gives_an_extracted(lines: list[str], raw: str, year: int | None, partner: object) -> None:
    text = "\n".join(lines)
    for doc in (tail_doc(text), tail_doc(text, raw)):
        result = parse_signatories(doc, K, year, partner)  # type: ignore[arg-type]
        assert 0.0 <= result.confidence <= 1.0
        if result.value is not None:
            assert 1 <= len(result.value) <= 2
            assert result.value[0].side == "ministry" or len(result.value) == 1


@pytest.mark.parametrize(
    "block",
    [
        "Kai Klose, Staatsminister\nSven Schoeller, Oberbürgermeister",
        "Staatsminister Kai Klose\nOberbürgermeister Sven Schoeller",
        "Staatsminister\nKai Klose\nOberbürgermeister\nSven Schoeller",
    ],
    ids=["name-comma-role", "role-name", "role-above-name"],
)
def test_name_and_role_order_variants(block: str) -> None:
    result = parse(f"Wiesbaden, den 8.8.23\nKassel, den 8.9.2023\n{block}\n")
    assert [(s.side, s.name, s.role) for s in result.value or ()] == [
        ("ministry", "Kai Klose", "Staatsminister"),
        ("partner", "Sven Schoeller", "Oberbürgermeister"),
    ]


@pytest.mark.parametrize("den", ["den", "d.", "dcn", "clen"])
def test_den_as_written_or_misread(den: str) -> None:
    result = parse(f"Wiesbaden, {den} 8.8.23\nKassel, {den} 8.9.2023\n{STACKED.split(chr(10), 3)[3]}")
    assert [(s.place, s.date) for s in result.value or ()] == [
        ("Wiesbaden", dt.date(2023, 8, 8)),
        ("Kassel", dt.date(2023, 9, 8)),
    ]


def test_den_inside_an_institution_line_is_no_place() -> None:
    text = STACKED.replace("für Soziales und Integration", "für den Landkreis und die Stadt")
    assert rows(parse(text)) == rows(parse(STACKED))
    assert rows(parse("Wiesbaden den 8.8.23\nKassel den 8.9.2023\nKai Klose\nStaatsminister\n"))[0][3:5] == (
        "Wiesbaden",
        dt.date(2023, 8, 8),
    )
