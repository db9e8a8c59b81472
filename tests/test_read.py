"""Stage 1 (read): every accepted kind of input, and every hostile one, on real files.

Scans are made here from seed 000's text (rendered, rasterised, degraded, packed as image-only
PDF or TIFF) and read by the real Tesseract: nothing about OCR is mocked.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from helpers import hostile
from helpers.scan import pack_pdf, pack_tiff, render_pdf, scan_images, scan_pdf, seed_text
from PIL import Image
from rapidfuzz.distance import Levenshtein
from reportlab.pdfgen import canvas

from aqb_extract import read
from aqb_extract.config import Settings
from aqb_extract.errors import (
    CorruptFileError,
    DecompressionBombError,
    EmptyFileError,
    EncryptedPdfError,
    InputError,
    MislabelledFileError,
    TooManyPagesError,
    UnreadableFileError,
    UnsupportedFileError,
)
from aqb_extract.models import DocumentText
from aqb_extract.read import read_document, sniff

SEED = seed_text("000")


def settings(**kw: object) -> Settings:
    return Settings.model_validate({"use_cache": False, "workers": 2, **kw})


def cer(expected: str, got: str) -> float:
    a, b = " ".join(expected.replace("**", "").split()), " ".join(got.split())
    return Levenshtein.distance(a, b) / len(a)


def check_words(doc: DocumentText) -> None:
    """Every word sits at its offset in its page's text and has a confidence and a box."""
    for page in doc.pages:
        assert page.words, f"page {page.number} has no words"
        for w in page.words:
            assert page.text[w.start : w.start + len(w.text)] == w.text
            assert 0.0 <= w.conf <= 1.0 and w.width > 0 and w.height > 0


@pytest.fixture(scope="module")
def born(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_pdf(SEED, tmp_path_factory.mktemp("born") / "born.pdf")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Page 2 lies 2.5° askew: Tesseract alone drops whole paragraphs of such a page.
    return scan_pdf(SEED, tmp_path_factory.mktemp("scan") / "scan.pdf", angles={2: 2.5})


def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("a born-digital PDF must never be rasterised or OCR'd")

    monkeypatch.setattr(read, "ocr_document", forbidden)
    monkeypatch.setattr(read, "page_image", forbidden)


# --------------------------------------------------------------------------- text layer


def test_text_layer_is_read_without_ocr(born: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_ocr(monkeypatch)
    doc = read_document(born, settings())
    assert doc.method == "text_layer"
    assert len(doc.pages) == 4 and sniff(born, settings()).pages == 4
    assert doc.pages[0].text.startswith("Zielvereinbarung\n\n2023\n\nzwischen")
    for phrase in ("Maßnahmen", "§ 1", "„Bündnis für Ausbildung", "Oberbürgermeister", "1.106.600 Euro"):
        assert phrase in doc.text
    assert cer(SEED, doc.text) < 0.02  # only the page footers differ


def test_upper_case_extension_and_umlauts_in_the_name(
    born: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_ocr(monkeypatch)
    odd = tmp_path / "Zielvereinbarung Groß-Gerau 2024.PDF"
    shutil.copy(born, odd)
    assert read_document(odd, settings()).method == "text_layer"


def test_pdf_that_opens_with_an_empty_password_is_read(born: Path, tmp_path: Path) -> None:
    pdf = hostile.encrypted_pdf(born, tmp_path / "owner-only.pdf", user_password="")
    doc = read_document(pdf, settings())
    assert doc.method == "text_layer" and "Zielvereinbarung" in doc.text


def test_garbage_hidden_text_layer_falls_back_to_ocr(born: Path, tmp_path: Path) -> None:
    junk = ["x7#k q@ Zv!l 0rR& ~~ qqx vtz l1l1 ||| %&$ kk9", "BHRG rrrrt 66§§ Xq zqz pfft :: ;; 00O0"] * 20
    pdf = pack_pdf(scan_images(born, max_pages=1), tmp_path / "bad-layer.pdf", hidden_text=junk)
    assert read.layer_quality("\n".join(junk)) < read.MIN_LAYER_QUALITY
    doc = read_document(pdf, settings())
    assert doc.method == "ocr"
    assert "Zielvereinbarung" in doc.pages[0].text


def test_layer_quality_separates_text_from_garbage() -> None:
    assert read.layer_quality(SEED) > 0.85
    assert read.layer_quality(seed_text("001")) > 0.7  # a poor OCR layer is still worth keeping
    assert read.layer_quality("qx7 zzv lIl1 @@k8 vvq ÄÖxq " * 30) < read.MIN_LAYER_QUALITY


# --------------------------------------------------------------------------- scans


def test_scanned_pdf_is_ocred_on_the_batch_pool(scan: Path) -> None:
    """The real batch set-up: pages of one document on a shared forkserver process pool. Each
    page is one plain JPEG, which Tesseract gets as it is (no rendering)."""
    s = settings()
    jobs = read.plan_pages(sniff(scan, s), s, [1, 2, 3, 4], read.read_pdf_pages(scan))
    assert {(j.source, j.dpi) for j in jobs} == {("pdf-image", 300)}
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        doc = read_document(scan, settings(), pool)
    assert doc.method == "ocr" and [p.number for p in doc.pages] == [1, 2, 3, 4]
    check_words(doc)
    assert re.match(r"Zielvereinbarung\n+2023\n", doc.pages[0].text)
    assert "Maßnahmen" in doc.text and "Präambel" in doc.text and "Oberbürgermeister" in doc.text
    confs = [w.conf for p in doc.pages for w in p.words]
    assert sum(confs) / len(confs) > 0.85
    # Page 2 was straightened: without that Tesseract loses paragraphs (CER 15 % and more).
    assert cer(SEED, doc.text) < 0.03
    assert "Verpflichtungen der Vereinbarungspartner" in doc.pages[1].text


def test_ocr_workers_import_only_what_reading_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's OCR worker (set up with the initializer run_batch gives its pool) reads a page
    without importing the parsers, repair or their word lists: 20 MB and 0.3 s of CPU per worker
    when it did (a pool's initializer is pickled by reference: its module is imported)."""
    from aqb_extract import batch

    used: dict[str, object] = {}

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            used.update(kwargs)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recorded)
    (tmp_path / "in").mkdir()
    one_page = scan_pdf(SEED, tmp_path / "in" / "scan.pdf", max_pages=1)
    inputs = batch.collect_inputs([tmp_path / "in"], tmp_path / "out").inputs
    (record,) = batch.run_batch(inputs, tmp_path / "out", settings(page_images=False))
    assert record.source.method == "ocr"

    ctx = multiprocessing.get_context("forkserver")
    lifeline, keep_alive = ctx.Pipe(duplex=False)
    s = settings()
    (job,) = read.plan_pages(sniff(one_page, s), s, [1], read.read_pdf_pages(one_page))
    initializer = used["initializer"]
    assert callable(initializer)
    with ProcessPoolExecutor(
        1, mp_context=ctx, initializer=initializer, initargs=(lifeline, str(tmp_path))
    ) as pool:
        page = pool.submit(read.ocr_page, job).result()
        modules = set(pool.submit(eval, "list(__import__('sys').modules)").result())
    keep_alive.close()
    assert page.text.startswith("Zielvereinbarung")
    assert "aqb_extract.read" in modules
    assert not modules & {
        "aqb_extract.pipeline",
        "aqb_extract.repair",
        "aqb_extract.batch",
        "wordfreq",
        "rapidfuzz",
    }


def test_page_jpeg_is_taken_out_in_process_as_pdfimages_would(
    scan: Path, born: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scanned page's JPEG comes out of the PDF through PDFium, byte for byte what
    ``pdfimages -j`` writes, without starting a program; where PDFium does not see one plain JPEG
    pdfimages still does the work."""
    s = settings()
    jobs = read.plan_pages(sniff(scan, s), s, [1, 2, 3, 4], read.read_pdf_pages(scan))
    real_poppler = read._poppler
    for job in jobs:
        out = tmp_path / f"pdfimages-{job.number}"
        out.mkdir()
        real_poppler(
            "pdfimages",
            ["-j", "-f", str(job.number), "-l", str(job.number), str(scan), str(out / "img")],
            timeout=30,
            what="test",
        )
        (expected,) = out.glob("img-*.jpg")
        assert read.embedded_jpeg(scan, job.number) == expected.read_bytes()

        def no_program(*_: object, **__: object) -> bytes:
            raise AssertionError("the page's JPEG should come out without pdfimages")

        monkeypatch.setattr(read, "_poppler", no_program)
        inproc = tmp_path / f"inproc-{job.number}"
        inproc.mkdir()
        assert read.page_image(job, inproc).read_bytes() == expected.read_bytes()
        monkeypatch.setattr(read, "_poppler", real_poppler)
        # PDFium unable to tell: pdfimages takes the JPEG out, the same bytes
        monkeypatch.setattr(read, "embedded_jpeg", lambda *_: None)
        fallback = tmp_path / f"fallback-{job.number}"
        fallback.mkdir()
        assert read.page_image(job, fallback).read_bytes() == expected.read_bytes()
        monkeypatch.undo()
    assert read.embedded_jpeg(born, 1) is None  # text and vector drawing: no JPEG
    assert read.embedded_jpeg(scan, 9) is None  # no such page


def test_upside_down_page_is_turned_before_ocr(tmp_path: Path) -> None:
    pdf = scan_pdf(SEED, tmp_path / "upside-down.pdf", turns={1: 180}, max_pages=1)
    (page,) = read_document(pdf, settings()).pages
    assert page.rotation == 180
    assert page.text.startswith("Zielvereinbarung")
    assert "Maßnahmen" in page.text


def test_multi_page_tiff_is_one_document_with_a_sideways_page(born: Path, tmp_path: Path) -> None:
    frames = list(scan_images(born, dpi=200, turns={2: 90}, max_pages=2))
    tif = pack_tiff(
        [f.point(lambda v: 255 if v > 150 else 0).convert("1") for f in frames],
        tmp_path / "scan.tif",
        dpi=200,
    )
    assert sniff(tif, settings()).pages == 2
    doc = read_document(tif, settings())
    assert doc.method == "ocr" and len(doc.pages) == 2
    assert [p.rotation for p in doc.pages] == [0, 90]
    assert "Zielvereinbarung" in doc.pages[0].text
    assert "Verpflichtungen der Vereinbarungspartner" in doc.pages[1].text


def _crop_top(born: Path) -> Image.Image:
    page = next(scan_images(born, max_pages=1))
    return page.crop((0, 0, page.width, page.height // 4))


def test_png_with_transparency_and_jpeg_with_exif_turn(born: Path, tmp_path: Path) -> None:
    top = _crop_top(born)
    rgba = Image.new("RGBA", top.size, (0, 0, 0, 0))
    rgba.putalpha(top.point(lambda v: 255 - v))  # black text on a transparent background
    png = tmp_path / "page.png"
    rgba.save(png, dpi=(300, 300))
    assert "Zielvereinbarung" in read_document(png, settings()).text

    jpg = tmp_path / "photo.JPG"
    exif = Image.Exif()
    exif[0x0112] = 3  # "turn me by 180° to show": the pixels are stored upside down
    top.rotate(180).save(jpg, exif=exif, dpi=(300, 300))
    page = read_document(jpg, settings()).pages[0]
    assert "Zielvereinbarung" in page.text and page.rotation == 0


# --------------------------------------------------------------------------- .txt


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-be-bom"])
def test_text_files_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    text = "Zielvereinbarung 2024\r\nMaßnahmen für Groß-Gerau – „Bündnis“\fSeite 2: Präambel"
    path = tmp_path / "ocr.TXT"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))
    doc = read_document(path, settings())
    assert doc.method == "text"
    assert [p.text for p in doc.pages] == [
        "Zielvereinbarung 2024\nMaßnahmen für Groß-Gerau – „Bündnis“",
        "Seite 2: Präambel",
    ]


def test_latin1_bytes_undefined_in_cp1252_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Prüfung ".encode("latin-1") + b"\x81\x8d")
    assert read_document(path, settings()).pages[0].text.startswith("Prüfung")


# --------------------------------------------------------------------------- hostile inputs


def _unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, born: Path) -> Path:
    path = tmp_path / "locked.pdf"
    shutil.copy(born, path)
    hostile.make_unreadable(path)
    if os.geteuid() == 0:  # root reads anything: make the open fail the way it would for a user

        def deny(file: object, *args: object, **kwargs: object) -> object:
            if Path(str(file)) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(read, "open", deny, raising=False)
    return path


def _huge_page_pdf(path: Path) -> Path:
    canv = canvas.Canvas(str(path), pagesize=(14_400, 14_400))  # 200 × 200 inches
    canv.rect(10, 10, 100, 100)
    canv.showPage()
    canv.save()
    return path


HOSTILE: dict[str, tuple[Callable[[Path, Path], Path], type[InputError], str]] = {
    "zero-byte": (lambda d, b: hostile.empty(d / "empty.pdf"), EmptyFileError, "the file is empty (0 bytes)"),
    "truncated": (
        lambda d, b: hostile.truncated_pdf(b, d / "cut.pdf"),
        CorruptFileError,
        "the PDF is truncated",
    ),
    "corrupt": (lambda d, b: hostile.corrupt_pdf(d / "corrupt.pdf"), CorruptFileError, "the PDF is damaged"),
    "no-pages": (
        lambda d, b: hostile.no_pages_pdf(d / "hollow.pdf"),
        CorruptFileError,
        "the PDF is damaged",
    ),
    "password": (
        lambda d, b: hostile.encrypted_pdf(b, d / "secret.pdf"),
        EncryptedPdfError,
        "the PDF is password-protected; save an unprotected copy",
    ),
    "png-as-pdf": (
        lambda d, b: hostile.png_named(d / "scan.pdf"),
        MislabelledFileError,
        "the file is named .pdf but is a PNG image; rename it to .png",
    ),
    "jpeg-as-pdf": (
        lambda d, b: hostile.jpeg_named(d / "scan.pdf"),
        MislabelledFileError,
        "the file is named .pdf but is a JPEG image; rename it to .jpg",
    ),
    "pdf-as-txt": (
        lambda d, b: Path(shutil.copy(b, d / "agreement.txt")),
        MislabelledFileError,
        "the file is named .txt but is a PDF document",
    ),
    "garbage-tif": (
        lambda d, b: hostile.garbage(d / "scan.tif"),
        CorruptFileError,
        "the file is named .tif but its content is not a TIFF image",
    ),
    "bomb": (lambda d, b: hostile.png_bomb(d / "bomb.png"), DecompressionBombError, "decompression bomb"),
    "huge-pdf-page": (
        lambda d, b: _huge_page_pdf(d / "poster.pdf"),
        DecompressionBombError,
        "page 1 at 300 dpi is",
    ),
    "unsupported": (
        lambda d, b: hostile.unsupported(d / "letter.docx"),
        UnsupportedFileError,
        "files ending in .docx are not supported",
    ),
    "folder": (
        lambda d, b: Path(os.makedirs(d / "folder.pdf") or d / "folder.pdf"),
        UnreadableFileError,
        "folder",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_gets_its_own_one_sentence_error(case: str, tmp_path: Path, born: Path) -> None:
    build, error, message = HOSTILE[case]
    path = build(tmp_path, born)
    with pytest.raises(error) as info:
        read_document(path, settings())
    assert message in info.value.message
    assert_one_sentence(info.value.message)


def test_unreadable_file(tmp_path: Path, born: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _unreadable(tmp_path, monkeypatch, born)
    with pytest.raises(UnreadableFileError) as info:
        read_document(path, settings())
    assert "permission denied" in info.value.message
    assert_one_sentence(info.value.message)


def test_bomb_is_refused_from_the_header_under_our_own_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    Image.new("1", (4000, 3000), 1).save(big)
    with pytest.raises(DecompressionBombError) as info:
        sniff(big, settings(max_image_pixels=5_000_000))
    assert "4000×3000 pixels" in info.value.message


def test_page_limits(born: Path, tmp_path: Path) -> None:
    with pytest.raises(TooManyPagesError) as info:
        read_document(born, settings(page_limit=3))
    assert info.value.message.startswith("the document has 4 pages, more than the limit of 3")
    tif = hostile.tiff_pages(tmp_path / "many.tif", 6)
    with pytest.raises(TooManyPagesError):
        sniff(tif, settings(page_limit=5))
    assert sniff(tif, settings(page_limit=6)).pages == 6


def test_sniff_identifies_by_content(born: Path, tmp_path: Path) -> None:
    info = sniff(born, settings())
    assert (info.kind, info.format, info.pages, len(info.sha256)) == ("pdf", "pdf", 4, 64)
    assert read.content_format(b"\x89PNG\r\n\x1a\n....") == "png"
    assert read.content_format(b"II*\x00") == "tiff" and read.content_format(b"hello") is None


def assert_one_sentence(message: str) -> None:
    assert "\n" not in message and len(message) < 220
    assert not re.search(r"\.\s+[A-Z]", message), message  # no second sentence


def test_scan_with_a_lossless_page_image_is_rendered_one_page_at_a_time(born: Path, tmp_path: Path) -> None:
    """Not one plain JPEG per page (here a Flate-compressed image): rendered with pdftoppm."""
    top = _crop_top(born)
    pdf = tmp_path / "lossless.pdf"
    canv = canvas.Canvas(str(pdf), pagesize=(top.width * 72 / 300, top.height * 72 / 300))
    canv.drawInlineImage(top, 0, 0, width=top.width * 72 / 300, height=top.height * 72 / 300)
    canv.showPage()
    canv.save()
    s = settings()
    info = sniff(pdf, s)
    (job,) = read.plan_pages(info, s, [1], read.read_pdf_pages(pdf))
    assert (job.source, job.dpi) == ("pdf-render", 300)
    doc = read_document(pdf, s)
    assert doc.method == "ocr" and "Zielvereinbarung" in doc.text
