"""PDFs that mix text-layer pages with bare scanned pages: a born-digital agreement with its
signature page scanned and appended, a scan behind a typed cover page. Only the scanned pages go
to OCR (real Tesseract); the others keep their exact text layer, and the record is as good as the
born-digital one's.

The mixed PDFs are built from the committed born-digital sample: the chosen pages rasterised with
pdftoppm and packed as image-only pages (one JPEG a page, as scanners write them), the rest
copied with pypdf.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.golden import field_diff
from helpers.scan import pack_pdf
from PIL import Image
from pypdf import PdfReader, PdfWriter

from aqb_extract import read
from aqb_extract.batch import InputFile, needs_no_ocr
from aqb_extract.config import Settings
from aqb_extract.evaluate import compare
from aqb_extract.models import DocumentText, PageText, Record
from aqb_extract.pipeline import extract_document
from aqb_extract.read import PageJob, read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BORN = SAMPLES / "03_pdf_2024_kreis-bergstrasse.pdf"
EXPECTED = SAMPLES / "03_pdf_2024_kreis-bergstrasse.expected.json"
SCAN_DPI = 200


def settings(**kw: object) -> Settings:
    return Settings.model_validate({"use_cache": False, "workers": 2, **kw})


def scanned_page(pdf: Path, number: int, folder: Path) -> Image.Image:
    """One page of ``pdf`` as a scanner would give it: greyscale pixels at SCAN_DPI."""
    out = folder / f"page-{number}"
    pages = ["-f", str(number), "-l", str(number), "-singlefile"]
    subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", *pages, str(pdf), str(out)], check=True)
    with Image.open(out.with_suffix(".pgm")) as im:
        im.load()
        return im.copy()


def mix(pdf: Path, scanned: Sequence[int], dest: Path, keep: int | None = None) -> Path:
    """``pdf``'s first ``keep`` pages (all by default), those numbered in ``scanned`` replaced by
    image-only pages of themselves."""
    reader = PdfReader(pdf)
    writer = PdfWriter()
    for number, page in enumerate(reader.pages[:keep], start=1):
        if number in scanned:
            image = scanned_page(pdf, number, dest.parent)
            scan = pack_pdf([image], dest.parent / f"scan-{number}.pdf", dpi=SCAN_DPI)
            writer.add_page(PdfReader(scan).pages[0])
        else:
            writer.add_page(page)
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


@dataclass(frozen=True)
class Run:
    """What reading one PDF did: the pages handed to OCR, and what came out."""

    pdf: Path
    ocred: list[int]
    doc: DocumentText
    record: Record


def run(pdf: Path, s: Settings) -> Run:
    """Extract ``pdf`` in this process (OCR on threads), noting every page given to OCR."""
    ocred: list[int] = []
    real = read.ocr_page

    def counting(job: PageJob) -> PageText:
        ocred.append(job.number)
        return real(job)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(read, "ocr_page", counting)
        extraction = extract_document(pdf, s)
    assert extraction.doc is not None
    return Run(pdf, sorted(ocred), extraction.doc, extraction.record)


@pytest.fixture(scope="module")
def born() -> Run:
    return run(BORN, settings())


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The born-digital sample with its last page (the signatures) scanned."""
    pages = len(PdfReader(BORN).pages)
    pdf = mix(BORN, [pages], tmp_path_factory.mktemp("signed") / "signed.pdf")
    return run(pdf, settings())


# --------------------------------------------------------------------------- signature page scanned


def test_only_the_scanned_page_is_ocred(born: Run, signed: Run) -> None:
    assert born.ocred == [] and born.doc.method == "text_layer"
    last = len(born.doc.pages)
    assert signed.ocred == [last]
    assert signed.doc.method == "ocr" and signed.record.source.method == "ocr"
    assert [p.number for p in signed.doc.pages] == list(range(1, last + 1))
    assert [p.method for p in signed.doc.pages] == ["text_layer"] * (last - 1) + ["ocr"]
    assert [signed.doc.method_of(p) for p in signed.doc.pages] == ["text_layer"] * (last - 1) + ["ocr"]


def test_text_layer_pages_are_the_born_digital_text(born: Run, signed: Run) -> None:
    for mine, theirs in zip(signed.doc.pages[:-1], born.doc.pages[:-1], strict=True):
        assert mine.text == theirs.text and not mine.words
    ocred = signed.doc.pages[-1]
    assert ocred.words and "Heike Hofmann" in ocred.text and "Ralf Schmitt" in ocred.text


def test_record_has_every_expected_value(born: Run, signed: Run) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert field_diff(expected, signed.record) == []
    checks, (tp, fp, fn) = compare(expected, signed.record)
    assert [c.field for c in checks if not c.right] == [] and fp == fn == 0 and tp > 0
    assert born.record.status == "ok"
    if signed.record.status != "ok":  # allowed only with a reason a reviewer can act on
        assert signed.record.status == "needs_review" and signed.record.warnings


def test_values_on_text_layer_pages_are_as_sure_as_born_digital(born: Run, signed: Run) -> None:
    """A value found on a text-layer page of the mixed PDF carries the text layer's certainty,
    not the OCR's; values on the scanned page carry the OCR's word confidences."""
    last = len(born.doc.pages)
    on_layer = [k for k, ev in signed.record.evidence.items() if ev.page is not None and ev.page < last]
    assert {"year", "partner", "amount_eur"} <= set(on_layer)
    for key in on_layer:
        assert signed.record.evidence[key].confidence == born.record.evidence[key].confidence, key
    for key in ("year", "partner", "ministry", "amount_eur"):
        assert signed.record.confidence[key] == born.record.confidence[key], key
    on_scan = [ev for ev in signed.record.evidence.values() if ev.page == last and ev.boxes]
    assert on_scan and all(ev.confidence < 1.0 for ev in on_scan)


def test_scanned_page_comes_from_the_ocr_cache_the_second_time(
    signed: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = settings(use_cache=True, cache_dir=tmp_path / "cache")
    first = run(signed.pdf, s)
    assert first.ocred == [len(signed.doc.pages)]
    monkeypatch.setattr(read, "ocr_page", _no_ocr)
    again = read_document(signed.pdf, s)
    assert again == first.doc


def test_a_mixed_pdf_takes_the_scan_path_of_a_batch(tmp_path: Path) -> None:
    pdf = mix(BORN, [4], tmp_path / "signed.pdf")
    s = settings()
    assert not needs_no_ocr(InputFile(pdf, "signed.pdf"), s)
    assert needs_no_ocr(InputFile(BORN, BORN.name), s)


# --------------------------------------------------------------------------- typed cover, scanned pages


def test_typed_cover_page_then_scans_ocrs_only_the_scans(born: Run, tmp_path: Path) -> None:
    """The sample's cover page (title, year, parties: 184 characters) before two scanned pages.
    So short a layer is trusted only below a lowered ``min_text_layer_chars``: see the next test."""
    pdf = mix(BORN, [2, 3], tmp_path / "cover.pdf", keep=3)
    got = run(pdf, settings(min_text_layer_chars=100))
    assert got.ocred == [2, 3]
    assert [p.method for p in got.doc.pages] == ["text_layer", "ocr", "ocr"]
    assert got.doc.pages[0].text == born.doc.pages[0].text
    assert "Präambel" in got.doc.pages[1].text or "§ 1" in got.doc.pages[1].text
    assert all(p.words for p in got.doc.pages[1:])


# --------------------------------------------------------------------------- what stays whole


def test_typed_text_under_the_minimum_means_ocr_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Less text layer than ``min_text_layer_chars`` on the typed pages (the cover alone) is not
    trusted: it could be a scanner's caption over a scanned page, so every page is OCR'd, as a
    document with any scanned page always was."""
    pdf = mix(BORN, [2, 3], tmp_path / "cover.pdf", keep=3)
    assert len("".join(read.read_pdf_pages(pdf)[0].text.split())) < settings().min_text_layer_chars
    ocred, doc = _ocred_pages(pdf, monkeypatch)
    assert ocred == [1, 2, 3] and {p.method for p in doc.pages} == {None}


def _no_ocr(job: PageJob) -> PageText:
    raise AssertionError(f"page {job.number} must not be OCR'd")


def _fake_ocr(job: PageJob) -> PageText:
    return PageText(number=job.number, text=f"page {job.number} as OCR read it")


def _ocred_pages(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], DocumentText]:
    """Which pages reading ``pdf`` sends to OCR (OCR itself faked: only the choice matters)."""
    seen: list[int] = []

    def note(job: PageJob) -> PageText:
        seen.append(job.number)
        return _fake_ocr(job)

    monkeypatch.setattr(read, "ocr_page", note)
    doc = read_document(pdf, settings())
    return sorted(seen), doc


def test_whole_scan_is_ocred_whole_with_no_page_methods(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = mix(BORN, [1, 2], tmp_path / "scan.pdf", keep=2)
    ocred, doc = _ocred_pages(pdf, monkeypatch)
    assert ocred == [1, 2] and doc.method == "ocr"
    assert [p.method for p in doc.pages] == [None, None]


def test_born_digital_is_read_without_ocr_and_without_page_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    ocred, doc = _ocred_pages(BORN, monkeypatch)
    assert ocred == [] and doc.method == "text_layer"
    assert {p.method for p in doc.pages} == {None}


def test_garbage_layer_beside_a_scanned_page_is_ocred_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layer that does not read as words is not trusted on any page: the whole PDF is OCR'd."""
    junk = ["x7#k q@ Zv!l 0rR& ~~ qqx vtz l1l1 ||| %&$ kk9", "BHRG rrrrt 66§§ Xq zqz pfft :: ;; 00O0"] * 20
    image = scanned_page(BORN, 1, tmp_path)
    garbled = pack_pdf([image], tmp_path / "garbled.pdf", dpi=SCAN_DPI, hidden_text=junk)
    bare = pack_pdf([image], tmp_path / "bare.pdf", dpi=SCAN_DPI)
    writer = PdfWriter()
    writer.add_page(PdfReader(garbled).pages[0])
    writer.add_page(PdfReader(bare).pages[0])
    pdf = tmp_path / "garbled-and-bare.pdf"
    with pdf.open("wb") as fh:
        writer.write(fh)
    pages = read.read_pdf_pages(pdf)
    assert [read.is_bare_image(p) for p in pages] == [False, True]
    assert read.layer_quality(pages[0].text) < read.MIN_LAYER_QUALITY
    ocred, doc = _ocred_pages(pdf, monkeypatch)
    assert ocred == [1, 2] and doc.method == "ocr"


def test_ocr_document_reads_only_the_pages_asked_for_in_page_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "ocr_page", _fake_ocr)
    s = settings()
    info = read.sniff(BORN, s)
    doc = read.ocr_document(info, s, None, read.read_pdf_pages(BORN), only=[4, 2, 4])
    assert [p.number for p in doc.pages] == [2, 4] and doc.method == "ocr"
