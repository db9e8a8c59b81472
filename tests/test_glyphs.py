"""The second look at the pixels: umlaut dots on age labels, and which way up a page lies.

Real Tesseract on pages rendered and scanned here; the labels are the ones § 5 lists carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers.scan import degrade, rasterise, render_pdf, seed_text
from PIL import Image, ImageDraw, ImageFont

from aqb_extract import ocr
from aqb_extract.config import Settings
from aqb_extract.glyphs import AGE_LABEL_RE, umlaut_dots
from aqb_extract.models import Word
from aqb_extract.ocr import UPSIDE_DOWN_BALANCE, UPSIDE_DOWN_MIN_LINES, look_at, ocr_image

LINES = [
    "- Jugendberufshilfe (U25)",
    "- Digitale Grundbildung für Ältere (Ü50)",
    "- Coaching für Langzeitarbeitslose Ü25",
    "- Ausbildungsbegleitung U25 und Übergang",
    "- Perspektive Ü58 im Kreis Gießen",
    "- Berufsorientierung (U27) für Geflüchtete",
    "- Qualifizierung Ü27, Teilzeit",
]
LABELS = [w for line in LINES for w in line.split() if AGE_LABEL_RE.match(w)]


@pytest.fixture(scope="module")
def label_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = "\n\n".join(["§ 5 Maßnahmen", *LINES] * 2)
    return render_pdf(text, tmp_path_factory.mktemp("glyphs") / "labels.pdf")


@pytest.mark.parametrize(("dpi", "scanned"), [(300, True), (200, True), (150, False)])
def test_age_labels_read_with_their_umlauts(label_page: Path, dpi: int, scanned: bool) -> None:
    """Unaided, Tesseract 5 reads "(Ü50)" as "(U50)" and "Ü27," as "U27," on pages like these
    (at 150 dpi also "Ü25" as "U25"); after the look at the dots every label is right."""
    image = next(rasterise(label_page, dpi))
    if scanned:
        image = degrade(image, angle=0.4, noise=12.0, blur=0.8, seed=dpi)
    page = ocr_image(image, Settings(), dpi=dpi)
    assert [w.text for w in page.words if AGE_LABEL_RE.match(w.text)] == LABELS * 2
    for w in page.words:  # the page text and the words agree
        assert page.text[w.start : w.start + len(w.text)] == w.text


def _drawn(text: str, size: int = 42) -> tuple[Image.Image, Word]:
    font = ImageFont.truetype("DejaVuSans.ttf", size)
    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).text((20, 40), text, font=font, fill=0)
    left, top, right, bottom = image.point(lambda v: 255 - v).getbbox() or (0, 0, 0, 0)
    if "Ü" in text:  # Tesseract's box for a label it read without dots starts at the U's top
        top += 10
    return image, Word(
        text=text.replace("Ü", "U"),
        conf=0.8,
        start=0,
        left=left,
        top=top,
        width=right - left,
        height=bottom - top,
    )


def test_dots_are_seen_or_their_absence_is() -> None:
    image, word = _drawn("(Ü50)")
    assert umlaut_dots(image, word, 1) is True
    image, word = _drawn("(U25)")
    assert umlaut_dots(image, word, 1) is False


def test_no_answer_when_the_crop_does_not_show_one_glyph_per_letter() -> None:
    image, word = _drawn("(Ü50)")
    wrong = word.model_copy(update={"text": "(U5)"})  # Tesseract lost a glyph
    assert umlaut_dots(image, wrong, 1) is None
    speck = image.copy()
    ImageDraw.Draw(speck).rectangle((word.left + 30, word.top - 14, word.left + 34, word.top - 10), fill=0)
    assert umlaut_dots(speck, word, 1) in (None, True)  # never "no dots" with ink above the U
    assert umlaut_dots(Image.new("L", (400, 120), 255), word, 1) is None  # blank: nothing to see


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Image.Image]:
    pdf = render_pdf(seed_text("001"), tmp_path_factory.mktemp("turn") / "seed.pdf")
    return [degrade(p, angle=0.7, seed=i) for i, p in enumerate(rasterise(pdf, 200))][:3]


def test_upside_down_is_told_before_ocr(seed_pages: list[Image.Image]) -> None:
    for page in seed_pages:
        upright, turned = look_at(page), look_at(page.rotate(180))
        assert upright.lines >= UPSIDE_DOWN_MIN_LINES and turned.lines >= UPSIDE_DOWN_MIN_LINES
        assert upright.upside_down > UPSIDE_DOWN_BALANCE
        assert turned.upside_down < -UPSIDE_DOWN_BALANCE


def test_a_page_without_text_lines_decides_nothing() -> None:
    assert look_at(Image.new("L", (1654, 2339), 255)).lines == 0


def test_upside_down_page_is_read_once_turned(
    seed_pages: list[Image.Image], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Turned first on the ascender test, the page is read right with one Tesseract run: the
    confidence rescue (OSD and a second reading) is not needed."""
    calls: list[Sequence[str]] = []
    real = ocr.run_tesseract

    def counting(args: Sequence[str], *, timeout: float, what: str) -> str:
        calls.append(args)
        return real(args, timeout=timeout, what=what)

    monkeypatch.setattr(ocr, "run_tesseract", counting)
    page = ocr_image(seed_pages[0].rotate(180), Settings(), dpi=200)
    assert page.rotation == 180
    assert "Zielvereinbarung" in page.text and "Ausbildungs- und Qualifizierungsbudget" in page.text
    assert len(calls) == 1 and "osd" not in calls[0]
