"""The second look at an amount OCR read unsurely: its line read again enlarged, a misread digit
put right only when both enlarged readings agree, and said."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqb_extract.config import Settings
from aqb_extract.evidence import locate
from aqb_extract.fields.amount import clean_amount
from aqb_extract.models import DocumentText, Extracted, PageText, Word
from aqb_extract.read import read_document, reread_line
from aqb_extract.second_look import RereadLine, second_look_amount

SAMPLES = Path(__file__).parent.parent / "samples"


def _doc(amount_text: str, conf: float) -> DocumentText:
    """A scanned page whose § 4 amount OCR read at ``conf``."""
    before = "Das HMSI stellt Haushaltsmittel in Höhe von insgesamt\n"
    text = before + amount_text
    words, at = [], len(before)
    for k, token in enumerate(amount_text.split(" ")):
        words.append(
            Word(text=token, conf=conf, start=at, left=1100 + 240 * k, top=824, width=220, height=37)
        )
        at += len(token) + 1
    return DocumentText(pages=(PageText(number=3, text=text, words=tuple(words)),), method="ocr")


def _found(value: float, raw: str) -> Extracted[float]:
    return Extracted[float](value=value, confidence=0.97, raw=raw)


def _reread(*texts: str | None) -> tuple[RereadLine, list[tuple[tuple[int, int, int, int], int]]]:
    """Recorded second readings, one per scale asked for (the boxes asked for are kept)."""
    asked: list[tuple[tuple[int, int, int, int], int]] = []
    answers = iter(texts)

    def reread(page: PageText, box: tuple[int, int, int, int], scale: int) -> PageText | None:
        asked.append((box, scale))
        text = next(answers)
        return PageText(number=page.number, text=text) if text is not None else None

    return reread, asked


def test_a_misread_digit_is_put_right_when_both_enlarged_readings_agree() -> None:
    # a 300-dpi scan of seed 237: "1.312.000" for "1.812.000", word confidence 0.81
    doc = _doc("1.312.000 Euro", 0.81)
    reread, asked = _reread("1.812.000 Euro", "1.812.000 Euro")
    out = second_look_amount(doc, _found(1312000.0, "1.312.000 Euro"), reread)
    assert out.value == 1812000.0
    assert out.confidence <= 0.85
    assert [w.message for w in out.warnings] == [
        "'1.312.000 Euro' was read unsurely; the line read again enlarged (2x and 3x) says "
        "1,812,000.00 EUR both times: taken, compare with the scan"
    ]
    assert [scale for _, scale in asked] == [2, 3]
    assert asked[0][0] == (1100, 824, 460, 37)  # the box around the amount's words


@pytest.mark.parametrize(
    ("first", "again"),
    [
        (("1.312.000 Euro", 0.95), ("1.812.000 Euro", "1.812.000 Euro")),  # read surely: no look
        (("1.312.000 Euro", 0.81), ("1.812.000 Euro", "1.872.000 Euro")),  # the two disagree
        (("1.312.000 Euro", 0.81), ("1.812.000 Euro", None)),  # one found nothing
        (("1.312.000 Euro", 0.81), ("1.8l2.000 Euro", "1.8l2.000 Euro")),  # needed a repair
        (("521.823,45 €", 0.7), ("21.823,45 €", "21.823,45 €")),  # a digit lost (heavy scan, seed 131)
        (("1.896.800 EUR", 0.7), ("41.896.800 EUR", "41.896.800 EUR")),  # a speck read (seed 188)
        (("1.312.000 Euro", 0.81), ("1.312.000 Euro", "1.312.000 Euro")),  # confirmed: as it was
    ],
)
def test_the_first_reading_stays_unless_both_enlarged_readings_mend_a_digit(
    first: tuple[str, float], again: tuple[str | None, str | None]
) -> None:
    raw, conf = first
    value = clean_amount(raw)
    assert value is not None
    found = _found(value, raw)
    reread, _ = _reread(*again)
    assert second_look_amount(_doc(raw, conf), found, reread) == found


def test_text_inputs_get_no_second_look() -> None:
    doc = DocumentText(pages=(PageText(number=1, text="1.312.000 Euro"),), method="text")
    found = _found(1312000.0, "1.312.000 Euro")
    reread, asked = _reread("1.812.000 Euro", "1.812.000 Euro")
    assert second_look_amount(doc, found, reread) == found and not asked


def test_the_line_is_read_again_enlarged_with_real_tesseract(tmp_path: Path) -> None:
    """The wrapper on a real 300-dpi sample scan: the amount's line, enlarged, read by Tesseract."""
    settings = Settings(use_cache=False, cache_dir=tmp_path)
    path = SAMPLES / "15_scan300_2023_landkreis-gross-gerau.pdf"
    doc = read_document(path, settings)
    evidence = locate(doc, "873.800,00 €")
    page = next(p for p in doc.pages if p.number == evidence.page)
    left, top = min(b[0] for b in evidence.boxes), min(b[1] for b in evidence.boxes)
    right = max(b[0] + b[2] for b in evidence.boxes)
    bottom = max(b[1] + b[3] for b in evidence.boxes)
    again = reread_line(path, settings, page, (left, top, right - left, bottom - top), 2)
    assert again is not None and clean_amount(again.text) == 873800.0
