"""Property tests: any text, however mangled, gives a value or a structured error, never a crash.

Three kinds of input: arbitrary Unicode, "agreement-ish" text built from the vocabulary and
furniture of real agreements (§ headings, numbers, dates, bullets, page breaks), and the two real
seeds damaged the way scanners and OCR damage them (deleted stretches, swapped letters, "§" read as
"$", "S" or "8", lines duplicated or dropped). Every field parser, the section splitter, repair and
the whole ``document_to_record`` must return; the only exception allowed anywhere is
:class:`NotAnAgreementError`, and only from ``document_to_record``.
"""

from __future__ import annotations

import functools

from helpers.seeds import seed_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aqb_extract.config import Settings
from aqb_extract.errors import NotAnAgreementError
from aqb_extract.fields.amount import parse_amount
from aqb_extract.fields.ministry import parse_ministry
from aqb_extract.fields.partner import parse_partner
from aqb_extract.fields.projects import parse_projects
from aqb_extract.fields.sections import parse_sections
from aqb_extract.fields.signatories import parse_signatories
from aqb_extract.fields.year import parse_year
from aqb_extract.knowledge import Knowledge, load_knowledge
from aqb_extract.models import DocumentText, Extracted, PageText, Part, Record, Section, Source, SplitDocument
from aqb_extract.pipeline import document_to_record
from aqb_extract.repair import repair_document, repair_text, token_pairs
from aqb_extract.sections import split_sections

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def knowledge() -> Knowledge:
    return load_knowledge()


@functools.cache
def seeds() -> tuple[str, str]:
    return seed_text("000"), seed_text("001")


# --------------------------------------------------------------------------- strategies

VOCAB = [
    "Zielvereinbarung",
    "2023",
    "2024",
    "20 24",
    "2O24",
    "zwischen",
    "dem",
    "Hessischen",
    "Ministerium",
    "für",
    "fiir",
    "Soziales",
    "und",
    "Integration",
    "Arbeit,",
    "Jugend",
    "der",
    "documenta",
    "Stadt",
    "Kassel",
    "Landkreis",
    "GroR-Gerau",
    "Kreis",
    "Offenbach",
    "Präambel",
    "Praambel",
    "§",
    "§ 1",
    "§1",
    "81",
    "S 1",
    "$1",
    "& 1",
    "§ 4",
    "§ 5",
    "§ 7",
    "Ausbildungs- und Qualifizierungsbudget",
    "Haushaltsmittel",
    "Eckdaten",
    "1.390.400,00",
    "1.106.600",
    "Euro",
    "€",
    "EUR",
    "l.39O.4OO",
    "1. Ausbildungsvorbereitung",
    "2. Ausbildung und Ausbildungscoaching",
    "Qualifizierungsprojekte",
    "Weiterbildungsmaßnahmen",
    "-",
    "•",
    "1.",
    ";",
    "Wiesbaden,",
    "den",
    "8.8.23",
    "7. 7 207 -4",
    "08.09.2023",
    "Staatsminister",
    "Staatsministerin",
    "Oberbürgermeister",
    "Landrat",
    "Erster Kreisbeigeordneter",
    "Kai Klose",
    "Heike Hofmann",
    "Seite 2 von 4",
    "Maßnahmen",
    "MaRnahmen",
    "|st",
    "W|cht|g",
    "Ausbildungs-",
    "fähigkeit",
    "(HMSI)",
    "„",
    "“",
    '"',
    ":",
]
SEPARATORS = [" ", " ", " ", "\n", "\n", "\n\n", "\f", "\t", "  ", "\n \n"]

agreementish = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS)), max_size=300).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)

unicode_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=1500)
furniture = st.text(alphabet="§$S8&0123456789.,;:-–•„“()\n\f \tZielvereinbarungÄÖÜäöüß|lIO", max_size=1500)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed with scanner/OCR damage: each mutation is applied at a random place."""
    text = draw(st.sampled_from(seeds()))
    for _ in range(draw(st.integers(0, 12))):
        if not text:
            break
        kind = draw(st.sampled_from(["delete", "swap", "para", "insert", "dup_line", "cut", "pagebreak"]))
        i = draw(st.integers(0, len(text) - 1))
        if kind == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 400)) :]
        elif kind == "swap" and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif kind == "para":
            text = text.replace("§", draw(st.sampled_from(["$", "S", "8", "&", "", "§§"])))
        elif kind == "insert":
            text = text[:i] + draw(st.text(alphabet="§$8lIO0|.,-\n\f€", max_size=8)) + text[i:]
        elif kind == "dup_line":
            j = text.find("\n", i)
            text = text[:j] + text[i:j] + text[j:] if j > i else text
        elif kind == "cut":
            text = text[:i]
        else:
            text = text[:i] + "\f" + text[i:]
    return text


any_text = st.one_of(unicode_text, furniture, agreementish, mutated_seed())


def document(text: str) -> DocumentText:
    pages = text.split("\f") or [""]
    return DocumentText(
        pages=tuple(PageText(number=n, text=p) for n, p in enumerate(pages, 1)), method="text"
    )


def parse_all(doc: SplitDocument) -> list[Extracted[object]]:
    """Every field parser on ``doc``, fed the way the pipeline feeds them."""
    k = knowledge()
    year = parse_year(doc)
    partner = parse_partner(doc, k)
    info = k.partner_by_ags(partner.value.ags) if partner.value else None
    results: list[Extracted[object]] = [
        year,  # type: ignore[list-item]
        partner,  # type: ignore[list-item]
        parse_ministry(doc, k, year.value),  # type: ignore[list-item]
        parse_amount(doc),  # type: ignore[list-item]
        parse_projects(doc, k),  # type: ignore[list-item]
        parse_signatories(doc, k, year.value, info),  # type: ignore[list-item]
        parse_signatories(doc, k, None, None),  # type: ignore[list-item]
        parse_sections(doc, k),  # type: ignore[list-item]
    ]
    for result in results:
        assert 0.0 <= result.confidence <= 1.0, result
    return results


# --------------------------------------------------------------------------- properties


@FAST
@given(any_text)
def test_split_sections_never_raises(text: str) -> None:
    split = split_sections(document(text), knowledge())
    assert isinstance(split, SplitDocument)
    numbers = [s.number for s in split.sections]
    assert all(0 <= n <= 9 for n in numbers)


@FAST
@given(any_text)
def test_field_parsers_never_raise_on_split_text(text: str) -> None:
    parse_all(repair_document(split_sections(document(text), knowledge()), knowledge()))


part_text = st.one_of(furniture, agreementish, st.text(max_size=300))


@st.composite
def split_documents(draw: st.DrawFn) -> SplitDocument:
    """Split documents the splitter might never make: any numbers, order, duplicates, empty parts."""
    sections = tuple(
        Section(number=draw(st.integers(0, 9)), title=draw(part_text), text=t, raw=t)
        for t in draw(st.lists(part_text, max_size=9))
    )
    head, tail = draw(part_text), draw(part_text)
    return SplitDocument(head=Part(text=head, raw=head), sections=sections, tail=Part(text=tail, raw=tail))


@FAST
@given(split_documents())
def test_field_parsers_never_raise_on_any_split(doc: SplitDocument) -> None:
    parse_all(doc)


@FAST
@given(any_text)
def test_document_to_record_gives_record_or_not_an_agreement(text: str) -> None:
    try:
        record, _ = document_to_record(
            document(text), Source(path="x.txt", method="text"), Settings(), knowledge()
        )
    except NotAnAgreementError as exc:
        assert exc.message.startswith("not an AQB target agreement: no "), exc.message
        return
    assert isinstance(record, Record)
    assert record.status in ("ok", "needs_review")
    assert record.error is None
    Record.model_validate_json(record.model_dump_json())  # what is written can be read back


@FAST
@given(mutated_seed())
def test_damaged_seed_still_parses(text: str) -> None:
    """Damaged real agreements: a record or "not an agreement", never an exception."""
    try:
        record, _ = document_to_record(
            document(text), Source(path="x.txt", method="text"), Settings(), knowledge()
        )
    except NotAnAgreementError:
        event("not an agreement")
        return
    event(f"status {record.status}")


@FAST
@given(st.one_of(unicode_text, furniture, agreementish, mutated_seed()))
def test_repair_is_idempotent_and_keeps_whitespace(text: str) -> None:
    once = repair_text(text, knowledge()).text
    assert token_pairs(text, once) is not None  # same whitespace; tokens repaired, specks maybe gone
    assert repair_text(once, knowledge()).text == once
