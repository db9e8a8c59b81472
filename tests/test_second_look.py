"""The second look at a stamped signature block: stamp ink out, gaps filled, nothing replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import numpy as np
import pytest
from PIL import Image, ImageDraw

from aqb_extract.config import Settings
from aqb_extract.fields.signatories import NOISY_NAME
from aqb_extract.knowledge import load_knowledge
from aqb_extract.models import DocumentText, Extracted, FieldWarning, PageText, Signatory, Source, Word
from aqb_extract.ocr import drop_stamp_ink
from aqb_extract.pipeline import document_to_record
from aqb_extract.read import read_document, reread_without_stamps
from aqb_extract.second_look import fill_gaps, needs_second_look, splice_region

STAMPED = Path(__file__).parent / "data" / "stamped"
K = load_knowledge()


def _sig(side: Literal["ministry", "partner"], name: str | None, date: dt.date | None) -> Signatory:
    return Signatory(
        side=side,
        name=name,
        role="Landrat",
        place="Dietzenbach",
        date=date,
        date_as_written=date.strftime("%d.%m.%Y") if date else None,
    )


# --------------------------------------------------------------------------- stamp ink


def test_stamp_ink_goes_print_and_pen_stay() -> None:
    page = Image.new("RGB", (400, 200), (235, 235, 232))
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 200, 40), fill=(25, 25, 25))  # print
    draw.line((20, 100, 380, 110), fill=(28, 38, 120), width=4)  # blue pen (signature, date)
    draw.ellipse((220, 20, 380, 180), outline=(150, 120, 205), width=6)  # violet stamp
    out = drop_stamp_ink(page)
    assert out is not None and out.mode == "L"
    grey = np.asarray(out)
    assert grey[30, 100] < 60  # print
    assert grey[102, 100] < 90  # pen
    assert grey[100, 222] == 255 and grey[100, 377] == 255  # the stamp's ring, left and right


def test_print_under_the_stamp_stays_whole() -> None:
    """Stamp ink is multiplied onto the page: where it lies over print, the print's grey edges
    turn violet too. Taken out with the stamp, they cost Tesseract the date under it ("27.3.2021"
    read "27.2.362" on a heavy scan of seed 258); dark in every channel, they stay."""
    ink = np.array((88, 64, 168)) / 255.0  # the generator's stamp ink, 60 % coverage
    page = np.full((120, 300, 3), 235.0)
    page[40:60, 20:280] = 110.0  # a print stroke's grey edge
    page[30:90, 150:280] *= 0.4 + 0.6 * ink  # the stamp over its right half, and paper
    out = drop_stamp_ink(Image.fromarray(page.astype(np.uint8), "RGB"))
    assert out is not None
    grey = np.asarray(out)
    assert grey[50, 100] == 0 and grey[50, 200] == 0  # the stroke, beside and under the stamp
    assert grey[75, 200] == 255  # the stamp on paper


@pytest.mark.parametrize("mode", ["L", "1"])
def test_a_grey_or_bilevel_scan_has_no_stamp_to_take_out(mode: str) -> None:
    assert drop_stamp_ink(Image.new(mode, (100, 100), 255)) is None


def test_a_colour_page_without_violet_ink_has_no_stamp() -> None:
    page = Image.new("RGB", (200, 200), (240, 240, 240))
    ImageDraw.Draw(page).line((0, 100, 200, 100), fill=(28, 38, 120), width=5)  # pen only
    assert drop_stamp_ink(page) is None


# --------------------------------------------------------------------------- gaps


def test_needs_a_second_look_only_with_a_gap() -> None:
    both = (
        _sig("ministry", "Kai Klose", dt.date(2021, 4, 5)),
        _sig("partner", "Günter Sauer", dt.date(2021, 5, 1)),
    )
    assert not needs_second_look(Extracted(value=both, confidence=0.9))
    assert needs_second_look(Extracted(value=both[:1], confidence=0.9))
    assert needs_second_look(
        Extracted(value=(both[0], _sig("partner", "Günter Sauer", None)), confidence=0.9)
    )
    assert needs_second_look(Extracted(value=None, confidence=0.0))


def test_fill_gaps_fills_only_what_is_missing_and_says_so() -> None:
    first: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(_sig("ministry", "Kai Klose", None), _sig("partner", None, dt.date(2021, 5, 1))),
        confidence=0.95,
        warnings=(FieldWarning(field="signatories[0].date", message="place and date line not found"),),
    )
    second: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(
            _sig("ministry", "Kai Kloss", dt.date(2021, 4, 5)),
            _sig("partner", "Günter Sauer", dt.date(2021, 5, 7)),
        ),
        confidence=0.9,
    )
    filled = fill_gaps(first, second, 2021)
    assert filled.value is not None
    ministry, partner = filled.value
    assert (ministry.name, ministry.date) == ("Kai Klose", dt.date(2021, 4, 5))  # the name stays
    assert (partner.name, partner.date) == ("Günter Sauer", dt.date(2021, 5, 1))  # the date stays
    assert [w.field for w in filled.warnings] == [
        "signatories[0].date",
        "signatories[0].date",
        "signatories[1].name",
    ]
    assert "second look" in filled.warnings[1].message
    assert filled.confidence <= 0.85


def test_a_name_read_amid_noise_takes_its_second_reading_when_it_is_the_same_name() -> None:
    """Heavy scans of held-out seeds 208-255: "Bamd Krüger", "Omer Lämmerhirt" amid a stamp's
    noise; with the stamp's ink taken out, "Bernd Krüger", "Ömer Lämmerhirt". Only a name read
    amid noise is replaced, and only by the same name mended (not by another person)."""
    noisy = FieldWarning(field="signatories[1].name", message=f"{NOISY_NAME}: 'Bamd Krüger    EL'")
    dates = dt.date(2021, 4, 5), dt.date(2021, 5, 1)
    first: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(_sig("ministry", "Kai Klose", dates[0]), _sig("partner", "Bamd Krüger", dates[1])),
        confidence=0.9,
        warnings=(noisy,),
    )
    assert needs_second_look(first)  # nothing missing, but a name read amid noise

    def second(ministry: str, partner: str) -> Extracted[tuple[Signatory, ...]]:
        return Extracted(
            value=(_sig("ministry", ministry, dates[0]), _sig("partner", partner, dates[1])), confidence=0.9
        )

    filled = fill_gaps(first, second("Kai Kloss", "Bernd Krüger"), 2021)
    assert [s.name for s in filled.value or ()] == ["Kai Klose", "Bernd Krüger"]  # Kai Klose was clean
    assert (
        "'Bamd Krüger', read amid noise, read 'Bernd Krüger' on a second look" in filled.warnings[-1].message
    )
    assert filled.confidence <= 0.85
    for other in ("Günter Sauer", "Bernd", "Bernd Krüger Sauer"):  # another person, or other words
        assert fill_gaps(first, second("Kai Klose", other), 2021) is first
    # a name read amid noise may still be right: a well-known word gives way only to one as well
    # known ("Uwe Dörr" amid a stamp's noise, "Une Dörr" on the second look: heavy scan of seed 262)
    uwe = first.model_copy(
        update={"value": (_sig("ministry", "Kai Klose", dates[0]), _sig("partner", "Uwe Dörr", dates[1]))}
    )
    assert fill_gaps(uwe, second("Kai Klose", "Une Dörr"), 2021) is uwe
    clean = first.model_copy(update={"warnings": ()})
    assert not needs_second_look(clean)
    assert fill_gaps(clean, second("Kai Klose", "Bernd Krüger"), 2021) is clean


def test_a_second_look_date_outside_the_budget_year_is_turned_away() -> None:
    # seed 113, heavy scan: "2036" read for "2026" under the stamp
    first: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(_sig("partner", "Jutta Kühn-Weißbrod", None),), confidence=0.9
    )
    second: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(_sig("partner", "Jutta Kühn-Weißbrod", dt.date(2036, 3, 23)),), confidence=0.9
    )
    assert fill_gaps(first, second, 2026) == first


@pytest.mark.parametrize("written", ["2.2. 18...", "2.2.18 —..", "2.2.18…"])
def test_a_second_look_date_with_dots_after_it_is_turned_away(written: str) -> None:
    # heavy scan of seed 104: the second look read "2.2. 18..." for a handwritten "26.2.18"
    first: Extracted[tuple[Signatory, ...]] = Extracted(
        value=(_sig("ministry", "Stefan Grüttner", None),), confidence=0.9
    )
    doubtful = _sig("ministry", "Stefan Grüttner", dt.date(2018, 2, 2)).model_copy(
        update={"date_as_written": written}
    )
    second: Extracted[tuple[Signatory, ...]] = Extracted(value=(doubtful,), confidence=0.9)
    assert fill_gaps(first, second, 2018) == first
    # one full stop after a date ends it ("30.8.21." on a heavy scan of seed 111)
    ended = doubtful.model_copy(update={"date_as_written": "2.2.18."})
    assert fill_gaps(first, Extracted(value=(ended,), confidence=0.9), 2018).value == (ended,)


def test_splice_keeps_whole_lines_above_the_region() -> None:
    page = PageText(
        number=3,
        text="veröffentlicht.\n\nKai Klose Rest",
        words=(
            Word(text="veröffentlicht.", conf=0.95, start=0, left=10, top=10, width=100, height=20),
            Word(text="Kai", conf=0.9, start=17, left=10, top=80, width=30, height=20),
            Word(text="Klose", conf=0.9, start=21, left=50, top=60, width=50, height=20),
        ),
    )
    region = PageText(number=3, text="Wiesbaden, den 5.4.2021\nKai Klose")
    assert splice_region(page, 40, region).text == "veröffentlicht.\n\nWiesbaden, den 5.4.2021\nKai Klose"


# --------------------------------------------------------------------------- real Tesseract


def test_the_stamped_date_line_is_read_on_the_second_look(tmp_path: Path) -> None:
    settings = Settings(use_cache=False)
    image = STAMPED / "page3.jpg"
    first = read_document(image, settings).pages[0]
    assert "Wiesbaden, den" not in first.text  # the stamp hides it from the first reading
    again = reread_without_stamps(image, settings, first, 0)
    assert again is not None
    assert "Wiesbaden, den 5.4.2021" in again.text


def test_the_pipeline_takes_the_date_from_the_second_look(tmp_path: Path) -> None:
    settings = Settings(use_cache=False)
    image = STAMPED / "page3.jpg"
    page1, page2 = (STAMPED / "pages1-2.txt").read_text(encoding="utf-8").rstrip("\n").split("\f")
    scanned = read_document(image, settings).pages[0].model_copy(update={"number": 3})
    doc = DocumentText(
        pages=(PageText(number=1, text=page1), PageText(number=2, text=page2), scanned), method="ocr"
    )

    def reread(page: PageText, top: int) -> PageText | None:  # page 3 of the scan is the image's page 1
        found = reread_without_stamps(image, settings, page.model_copy(update={"number": 1}), top)
        return found.model_copy(update={"number": 3}) if found else None

    without, _ = document_to_record(doc, Source(path="stamped.pdf"), settings, K)
    assert without.signatories[0].date is None
    record, _ = document_to_record(doc, Source(path="stamped.pdf"), settings, K, reread)
    ministry = record.signatories[0]
    assert (ministry.name, ministry.place, ministry.date) == ("Kai Klose", "Wiesbaden", dt.date(2021, 4, 5))
    assert any(w.field == "signatories[0].date" and "second look" in w.message for w in record.warnings)
    assert record.status == "needs_review"


def test_a_block_over_two_pages_is_read_again_on_both() -> None:
    """The partner's block alone on the page after the ministry's (55 of 481 scanned held-out
    documents have the block over two pages): the second look reads that page again too."""
    settings = Settings(use_cache=False)
    pdf = STAMPED / "split-pages3-4.pdf"
    page1, page2 = (STAMPED / "split-pages1-2.txt").read_text(encoding="utf-8").rstrip("\n").split("\f")
    scanned = read_document(pdf, settings).pages  # the PDF's pages 1 and 2 are the scan's 3 and 4
    doc = DocumentText(
        pages=(
            PageText(number=1, text=page1),
            PageText(number=2, text=page2),
            *(p.model_copy(update={"number": p.number + 2}) for p in scanned),
        ),
        method="ocr",
    )

    def reread(page: PageText, top: int) -> PageText | None:
        found = reread_without_stamps(pdf, settings, page.model_copy(update={"number": page.number - 2}), top)
        return found.model_copy(update={"number": page.number}) if found else None

    without, _ = document_to_record(doc, Source(path="split.pdf"), settings, K)
    assert [s.date for s in without.signatories] == [None, None]
    record, _ = document_to_record(doc, Source(path="split.pdf"), settings, K, reread)
    assert [(s.name, s.date) for s in record.signatories] == [
        ("Kai Klose", dt.date(2021, 4, 1)),
        ("Jörg Ströbel", dt.date(2021, 3, 27)),
    ]
    for field in ("signatories[0].date", "signatories[1].date"):
        assert any(w.field == field and "second look" in w.message for w in record.warnings)
