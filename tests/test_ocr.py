"""The Tesseract wrapper: layout of the page text, skew, orientation, and its failure modes."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.scan import degrade, rasterise, render_pdf, seed_text
from PIL import Image

from aqb_extract import ocr
from aqb_extract.config import Settings
from aqb_extract.errors import MissingDependencyError, OcrFailedError
from aqb_extract.models import PageText
from aqb_extract.ocr import (
    COLUMN_SEPARATOR,
    check_tesseract,
    detect_orientation,
    estimate_skew,
    ocr_image,
    run_tesseract,
    tesseract_version,
    tsv_to_page,
)

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """Page 1 of seed 000, clean, 300 dpi, greyscale."""
    pdf = render_pdf(seed_text("000"), tmp_path_factory.mktemp("ocr") / "born.pdf")
    return next(rasterise(pdf))


@pytest.fixture(scope="module")
def top(page: Image.Image) -> Image.Image:
    """The top quarter of the page (title, parties, start of the Präambel): quick to OCR."""
    return degrade(page.crop((0, 0, page.width, page.height // 4)), angle=0.0)


def test_tsv_becomes_lines_and_paragraphs_with_offsets() -> None:
    rows = [
        "5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t96.5\tZielvereinbarung",
        "5\t1\t1\t1\t2\t1\t10\t50\t40\t30\t91\t2024",
        "4\t1\t2\t1\t1\t0\t10\t90\t200\t30\t-1\t",
        "5\t1\t2\t1\t1\t1\t10\t90\t60\t30\t88\tzwischen",
        "5\t1\t2\t1\t1\t2\t80\t90\t60\t30\t45.25\tdem",
        "5\t1\t2\t1\t1\t3\t150\t90\t60\t30\t90\t ",
        "5\t1\t2\t2\t1\t1\t10\t130\t60\t30\t77\tMaßnahmen",
    ]
    page = tsv_to_page("\n".join([HEADER, *rows]), number=3, rotation=180, width=2480, height=3508)
    assert page.text == "Zielvereinbarung\n2024\n\nzwischen dem\n\nMaßnahmen"
    assert [w.text for w in page.words] == ["Zielvereinbarung", "2024", "zwischen", "dem", "Maßnahmen"]
    for w in page.words:
        assert page.text[w.start : w.start + len(w.text)] == w.text
    assert page.words[0].conf == pytest.approx(0.965) and page.words[3].conf == pytest.approx(0.4525)
    assert (page.number, page.rotation, page.width, page.words[4].top) == (3, 180, 2480, 130)


def test_words_far_apart_on_one_line_are_two_columns() -> None:
    """Two signature blocks side by side that Tesseract read as one line (seed 115's TIFF): the
    wide gap becomes the text layer's column border; ordinary word spaces stay single."""
    words = [("Kai", 238, 40), ("Klose", 291, 73), ("Tobias", 869, 90), ("Häußler", 971, 106)]
    rows = [f"5\t1\t3\t1\t1\t{k}\t{left}\t900\t{w}\t23\t90\t{t}" for k, (t, left, w) in enumerate(words, 1)]
    page = tsv_to_page("\n".join([HEADER, *rows]), number=4)
    assert page.text == "Kai Klose" + COLUMN_SEPARATOR + "Tobias Häußler"
    for w in page.words:
        assert page.text[w.start : w.start + len(w.text)] == w.text
    # a justified line's widest space (about one word height) is no column
    wide = [("mit", 100, 40), ("dem", 170, 50)]
    rows = [f"5\t1\t1\t1\t1\t{k}\t{left}\t100\t{w}\t23\t90\t{t}" for k, (t, left, w) in enumerate(wide, 1)]
    assert tsv_to_page("\n".join([HEADER, *rows]), number=1).text == "mit dem"


def test_empty_tsv_is_an_empty_page() -> None:
    assert tsv_to_page(HEADER + "\n", number=1).text == ""


@pytest.mark.parametrize("angle", [0.0, 0.7, -2.5, 4.0])
def test_skew_is_measured(page: Image.Image, angle: float) -> None:
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(turned) == pytest.approx(-angle, abs=0.15)  # the turn that levels it


def test_blank_page_has_no_skew() -> None:
    assert estimate_skew(Image.new("L", (2480, 3508), 255)) == 0.0


def test_ocr_of_an_in_memory_image(top: Image.Image) -> None:
    result = ocr_image(top, Settings(), number=7, dpi=300)
    assert result.number == 7 and result.rotation == 0
    assert re.match(r"Zielvereinbarung\n+2023\n", result.text)
    assert "dem Hessischen Ministerium für Soziales und Integration" in result.text
    assert sum(w.conf for w in result.words) / len(result.words) > 0.85
    assert (result.width, result.height) == top.size


def test_orientation_of_an_upside_down_page(top: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "turned.pgm"
    top.rotate(180).save(path)
    found = detect_orientation(path, Settings())
    assert found is not None and found.rotate == 180


def test_blank_page_has_no_orientation(tmp_path: Path) -> None:
    path = tmp_path / "blank.pgm"
    Image.new("L", (1200, 1600), 255).save(path)
    assert detect_orientation(path, Settings()) is None
    assert ocr_image(path, Settings()).text == ""


def test_hanging_tesseract_fails_the_page_with_a_reason(top: Image.Image) -> None:
    with pytest.raises(OcrFailedError) as info:
        ocr_image(top, Settings(page_timeout=0.05), number=2)
    assert info.value.message.startswith("Tesseract did not finish page 2 within 0.05 s")


def test_crashing_tesseract_fails_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(OcrFailedError) as info:
        run_tesseract([str(tmp_path / "missing.png"), "stdout"], timeout=30, what="page 5")
    assert info.value.message.startswith("Tesseract failed (exit status 1) on page 5")


def test_tesseract_runs_single_threaded(tmp_path: Path) -> None:
    """The wrapper gives Tesseract OMP_THREAD_LIMIT=1 (checked via a stand-in on PATH)."""
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "threads=$OMP_THREAD_LIMIT"\n')
    fake.chmod(0o755)
    old = os.environ["PATH"]
    os.environ["PATH"] = f"{fake.parent}{os.pathsep}{old}"
    try:
        assert run_tesseract(["x"], timeout=10, what="a test").strip() == "threads=1"
    finally:
        os.environ["PATH"] = old


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr._version_output.cache_clear()
    ocr._langs.cache_clear()
    yield
    ocr._version_output.cache_clear()
    ocr._langs.cache_clear()


@pytest.mark.usefixtures("no_tesseract")
def test_missing_tesseract_names_the_packages() -> None:
    with pytest.raises(MissingDependencyError) as info:
        check_tesseract()
    assert "install the Debian packages tesseract-ocr tesseract-ocr-deu" in info.value.message
    assert info.value.exit_code == 2
    with pytest.raises(MissingDependencyError):
        run_tesseract(["x"], timeout=5, what="page 1")


def test_missing_language_names_its_package() -> None:
    with pytest.raises(MissingDependencyError) as info:
        check_tesseract("deu+xyz")
    assert "tesseract-ocr-xyz" in info.value.message
    check_tesseract("deu")


def test_version_is_a_version() -> None:
    assert tesseract_version()[0].isdigit()
    assert ocr.model_fingerprint("deu").startswith("deu:")


def test_boxes_of_a_straightened_page_sit_on_the_page_as_given(top: Image.Image) -> None:
    """A page scanned 2.5° askew is straightened for Tesseract, but its word boxes are reported
    on the askew image, where the review report draws them."""

    def centre(result: PageText, text: str) -> tuple[float, float]:
        w = next(w for w in result.words if w.text == text)
        return w.left + w.width / 2, w.top + w.height / 2

    level = ocr_image(top, Settings(), dpi=300)
    askew = top.rotate(2.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    read = ocr_image(askew, Settings(), dpi=300)
    (x0, y0), (x1, y1) = centre(level, "zwischen"), centre(read, "zwischen")
    t, cx, cy = math.radians(2.5), top.width / 2, top.height / 2
    expected = (
        cx + (x0 - cx) * math.cos(t) + (y0 - cy) * math.sin(t),
        cy - (x0 - cx) * math.sin(t) + (y0 - cy) * math.cos(t),
    )
    assert abs(expected[1] - y0) > 30  # the turn moved this word noticeably
    assert math.dist((x1, y1), expected) < 8
