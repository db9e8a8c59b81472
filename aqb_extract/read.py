"""Stage 1: any accepted input file -> :class:`DocumentText` (pages of text, with word confidences
when the text came from OCR).

- ``.txt``: decoded (UTF-8, BOM stripped; UTF-16 with BOM; else cp1252), pages split at form feeds.
- PDF with a usable text layer: its text, never rasterised (PDFium, via pypdfium2); pages in it
  that are bare images (a scanned signature page, scans behind a typed cover page) are OCR'd alone
  and put back in their places.
- PDF without one (or with an empty or garbage one), PNG, JPEG, TIFF: OCR, page by page, on the
  batch's process pool when one is given; each page's result is cached (:mod:`aqb_extract.cache`).

Everything wrong with an input is found by :func:`sniff` before heavy work where it can be (size,
type by content, encryption, truncation, page count, pixel count) and raised as an
:class:`~aqb_extract.errors.InputError` with one sentence telling the user what to do.

Measured choices (2 cores, seed 000 rendered and scanned at 300 dpi, 4 pages):

- Text layer with PDFium and a small line assembler: 2.5 ms a page; pdfplumber's ``extract_text``
  takes 40 ms a page, too slow for 20 born-digital documents a second.
- Scanned PDF pages: when a page is exactly one JPEG filling it (what scanners write), the JPEG is
  taken out as it is with PDFium (3 ms a page, no decoding; ``pdfimages -j``, 20 ms, where PDFium
  does not see one plain JPEG) and Tesseract reads it directly. Rendering with ``pdftoppm``
  instead costs 0.15-0.2 s a page more, and on the sample scans Tesseract then needs 15 % more
  CPU for slightly more errors (2.95 % against 2.85 %: a 200-dpi scan gains nothing from being
  upsampled). ``pdftoppm -gray`` at ``settings.dpi`` is used
  for every other page (several images, masks, CMYK, rotated pages, images far above the dpi).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import logging
import math
import os
import shutil
import stat
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from PIL import Image, ImageOps, UnidentifiedImageError

from .cache import OcrCache
from .config import Settings
from .errors import (
    CorruptFileError,
    DecompressionBombError,
    EmptyFileError,
    EncryptedPdfError,
    InputError,
    MislabelledFileError,
    MissingDependencyError,
    OcrFailedError,
    TooManyPagesError,
    UnreadableFileError,
    UnsupportedFileError,
)
from .models import DocumentText, Frozen, PageText
from .ocr import (
    check_pixels,
    check_tesseract,
    drop_stamp_ink,
    ocr_image,
    ocr_line,
    open_image,
    save_for_tesseract,
)

log = logging.getLogger(__name__)

Kind = Literal["text", "pdf", "image"]
Format = Literal["txt", "pdf", "png", "jpeg", "tiff"]

SUFFIXES: dict[str, Format] = {
    ".txt": "txt",
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".tif": "tiff",
    ".tiff": "tiff",
}
_KIND: dict[Format, Kind] = {"txt": "text", "pdf": "pdf", "png": "image", "jpeg": "image", "tiff": "image"}
_DESCRIBE = {
    "pdf": "a PDF document",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "tiff": "a TIFF image",
    "gif": "a GIF image",
    "bmp": "a BMP image",
    "webp": "a WebP image",
    "zip": "a ZIP archive (such as a Word .docx file)",
    "ole": "an old Microsoft Office file (such as a Word .doc file)",
}
_RENAME = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif"}

POPPLER_PACKAGE = "poppler-utils"


class SourceInfo(Frozen):
    """What an input is, found from its content (not its name) without decoding it."""

    path: Path
    kind: Kind
    format: Format
    sha256: str
    size: int
    pages: int | None = None  # None for .txt (pages appear when it is decoded)


# =========================================================================== sniff


def sniff(path: Path, settings: Settings) -> SourceInfo:
    """Identify ``path`` and refuse it early when it cannot be read: unsupported extension,
    unreadable, empty, content of another type than its name says, damaged, password-protected,
    truncated, too many pages, or an image with too many pixels (checked from its header)."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        what = f"ending in {path.suffix}" if path.suffix else "without an extension"
        raise UnsupportedFileError(
            f"files {what} are not supported; save it as PDF, PNG, JPEG, TIFF or TXT and run again"
        )
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before open(): a named pipe would block it
            if path.is_dir():
                raise IsADirectoryError(path)
            raise UnreadableFileError(
                "this is not a regular file (a device or pipe); give the path of a document"
            )
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_size == 0:
                raise EmptyFileError("the file is empty (0 bytes); copy it again from where it came from")
            memo_key = (
                str(path.resolve()),
                st.st_dev,
                st.st_ino,
                st.st_size,
                st.st_mtime_ns,
                settings.max_image_pixels,
                settings.page_limit,
            )
            facts = _memo_get(memo_key)
            if facts is None:
                head = fh.read(1024)
                fh.seek(max(0, st.st_size - 2048))
                tail = fh.read()
                fh.seek(0)
                digest = _sha256(fh)
                facts = _identify(path, fmt, head, tail, digest, st.st_size, settings)
                _memo_put(memo_key, facts)
    except PermissionError:
        raise UnreadableFileError(
            "the file cannot be read (permission denied); give this user read access and run again"
        ) from None
    except IsADirectoryError:
        raise UnreadableFileError(
            "this is a folder, not a file; give it as a folder to read the documents in it"
        ) from None
    except FileNotFoundError:
        raise UnreadableFileError(
            "the file does not exist (it was moved or deleted); check the path"
        ) from None
    except OSError as exc:
        raise UnreadableFileError(
            f"the file cannot be read ({exc.strerror or exc}); check the disk and run again"
        ) from None
    if facts.pages is not None and facts.pages > settings.page_limit:
        raise TooManyPagesError(
            f"the document has {facts.pages} pages, more than the limit of {settings.page_limit}; "
            "split it or raise --page-limit",
            pages=facts.pages,
            sha256=facts.sha256,
        )
    return facts


def _sha256(fh: BinaryIO) -> str:
    h = hashlib.sha256()
    while chunk := fh.read(1 << 20):
        h.update(chunk)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as ``source.sha256`` records it (raises OSError)."""
    with path.open("rb") as fh:
        return _sha256(fh)


# Facts about files already sniffed, keyed by path and stat: the pipeline sniffs, then reads
# (which sniffs again); hashing a 40-page scan twice would be waste.
_MemoKey = tuple[str, int, int, int, int, int, int]
_MEMO: dict[_MemoKey, SourceInfo] = {}
_MEMO_LOCK = threading.Lock()


def _memo_get(key: _MemoKey) -> SourceInfo | None:
    with _MEMO_LOCK:
        return _MEMO.get(key)


def _memo_put(key: _MemoKey, info: SourceInfo) -> None:
    with _MEMO_LOCK:
        if len(_MEMO) > 512:
            _MEMO.clear()
        _MEMO[key] = info


def content_format(head: bytes) -> str | None:
    """The file type its first bytes show ("pdf", "png", …), or None when unknown."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    return None


def _identify(
    path: Path, fmt: Format, head: bytes, tail: bytes, digest: str, size: int, settings: Settings
) -> SourceInfo:
    actual = content_format(head)
    if fmt == "txt":
        if (actual is not None and actual != "pdf") or head.startswith(b"%PDF-"):
            raise _mislabelled(path, actual or "pdf")
        return SourceInfo(path=path, kind="text", format="txt", sha256=digest, size=size)
    if actual != fmt:
        if actual is not None:
            raise _mislabelled(path, actual)
        if fmt == "pdf":
            raise CorruptFileError(
                f"the file is named {path.suffix} but is not a PDF (it does not start with %PDF-); "
                "it is damaged or of another kind"
            )
        raise CorruptFileError(
            f"the file is named {path.suffix} but its content is not {_DESCRIBE[fmt]}; it is damaged or of another kind"
        )
    pages = _pdf_page_count(path, tail) if fmt == "pdf" else _image_frames(path, fmt, settings)
    return SourceInfo(path=path, kind=_KIND[fmt], format=fmt, sha256=digest, size=size, pages=pages)


def _mislabelled(path: Path, actual: str) -> MislabelledFileError:
    fix = f"rename it to {_RENAME[actual]}" if actual in _RENAME else "convert it to PDF"
    return MislabelledFileError(
        f"the file is named {path.suffix} but is {_DESCRIBE[actual]}; {fix} and run again"
    )


def _image_frames(path: Path, fmt: Format, settings: Settings) -> int:
    """Frame count of an image, every frame's pixel count checked from its header only."""
    try:
        with open_image(path, settings) as im:
            frames = getattr(im, "n_frames", 1) if fmt == "tiff" else 1
            if frames > settings.page_limit:
                return int(frames)
            for i in range(frames):
                if i:
                    im.seek(i)
                check_pixels(im.width, im.height, settings, "the image" if frames == 1 else f"page {i + 1}")
            return int(frames)
    except (DecompressionBombError, UnreadableFileError):
        raise
    except PermissionError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, UnidentifiedImageError) as exc:
        log.debug("cannot open %s as an image: %s", path, exc)
        raise CorruptFileError(
            f"the {_DESCRIBE[fmt].split(' ', 1)[1]} is damaged and cannot be read; export or scan it again"
        ) from None


# =========================================================================== PDF via PDFium

# PDFium is not thread-safe, and the batch reads several documents at once in threads.
_PDFIUM_LOCK = threading.Lock()


def _pdf_page_count(path: Path, tail: bytes) -> int:
    """Open the PDF to count its pages: finds password protection and damage early."""
    if b"%%EOF" not in tail.rstrip(b"\x00\r\n\t \x0c")[-1100:]:
        raise CorruptFileError("the PDF is truncated (its end is missing); copy it again from its source")
    with _open_pdf(path) as doc:
        pages = len(doc)
    if pages == 0:
        raise CorruptFileError("the PDF has no pages; copy it again from its source")
    return pages


@contextlib.contextmanager
def _open_pdf(path: Path) -> Iterator[Any]:
    """``with _open_pdf(path) as doc``: a PDFium document, under the PDFium lock, its errors
    turned into one-sentence input errors."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == 4:  # FPDF_ERR_PASSWORD: the empty password did not open it
                raise EncryptedPdfError(
                    "the PDF is password-protected; save an unprotected copy and run again"
                ) from None
            if code == 5:  # FPDF_ERR_SECURITY: an unsupported security handler
                raise EncryptedPdfError(
                    "the PDF is protected with an unsupported security scheme; save an unprotected copy and run again"
                ) from None
            raise CorruptFileError(
                "the PDF is damaged and cannot be opened; copy it again from its source or re-save it from a PDF viewer"
            ) from None
        try:
            yield doc
        finally:
            doc.close()


@dataclass(frozen=True)
class PdfPageFacts:
    number: int
    width: float  # points, as displayed (rotation applied)
    height: float
    rotation: int  # the page's /Rotate, degrees clockwise
    text: str  # the text layer, laid out in lines and paragraphs
    has_images: bool


def read_pdf_pages(path: Path) -> list[PdfPageFacts]:
    """Geometry and text layer of every page (PDFium, ~2.5 ms a page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    out: list[PdfPageFacts] = []
    with _open_pdf(path) as doc:
        for i in range(len(doc)):
            try:
                page = doc[i]
            except pdfium.PdfiumError:
                raise CorruptFileError(
                    f"page {i + 1} of the PDF is damaged and cannot be loaded; copy it again from its source"
                ) from None
            try:
                width, height = page.get_size()
                rotation = int(page.get_rotation()) % 360
                text = _page_text(page, rotation)
                has_images = True
                if len(text.strip()) < 20:
                    has_images = any(
                        True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4)
                    )
            finally:
                page.close()
            out.append(PdfPageFacts(i + 1, float(width), float(height), rotation, text, has_images))
    return out


def _page_text(page: object, rotation: int) -> str:
    """The page's text layer as lines (segments side by side joined by a space, in reading
    order) and paragraphs (a blank line where the gap between lines is larger than usual)."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        segments: list[tuple[float, float, float, float, str]] = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left - 0.5, bottom - 0.5, right + 0.5, top + 0.5)
            text = _clean_layer_text(text)
            if not text.strip():
                continue
            x0, y0, x1, y1 = _display_box(left, bottom, right, top, rotation)
            segments.append((x0, y0, x1, y1, text.strip()))
    finally:
        textpage.close()
    segments.sort(key=lambda s: (-s[3], s[0]))
    lines: list[list[float | list[tuple[float, str]]]] = []  # [bottom, top, [(x, text)]]
    for x0, y0, _x1, y1, text in segments:
        if lines:
            last = lines[-1]
            lb, lt = float(last[0]), float(last[1])  # type: ignore[arg-type]
            overlap = min(y1, lt) - max(y0, lb)
            if overlap > 0.5 * min(y1 - y0, lt - lb):
                last[0], last[1] = min(lb, y0), max(lt, y1)
                last[2].append((x0, text))  # type: ignore[union-attr]
                continue
        lines.append([y0, y1, [(x0, text)]])
    out: list[str] = []
    prev: tuple[float, float] | None = None
    for bottom, top, segs in lines:
        line = " ".join(t for _, t in sorted(segs))  # type: ignore[arg-type]
        if prev is not None and prev[0] - float(top) > 0.6 * (prev[1] - prev[0]):  # type: ignore[arg-type]
            out.append("")
        out.append(line)
        prev = (float(bottom), float(top))  # type: ignore[arg-type]
    return "\n".join(out)


def _display_box(
    left: float, bottom: float, right: float, top: float, rotation: int
) -> tuple[float, float, float, float]:
    """A box in the page's coordinates turned as the page is displayed (/Rotate, clockwise), up
    to a shift: only the order of boxes matters here."""
    if rotation == 90:
        xs, ys = (bottom, top), (-right, -left)
    elif rotation == 180:
        xs, ys = (-right, -left), (-top, -bottom)
    elif rotation == 270:
        xs, ys = (-top, -bottom), (left, right)
    else:
        xs, ys = (left, right), (bottom, top)
    return min(xs), min(ys), max(xs), max(ys)


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _clean_layer_text(text: str) -> str:
    # PDFium marks a hyphen it generated at a line end as U+0002; soft hyphens mean the same.
    text = text.replace("\x02", "-").replace("\xad", "-").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "").translate(_LIGATURES)
    return unicodedata.normalize("NFC", " ".join(text.split()))


# --------------------------------------------------------------------------- is the layer usable?

_TOKEN_STRIP = ".,;:!?()[]{}„“”\"'‚‘’«»–—-/§*"


def _known(word: str, lang: str) -> bool:
    """Does wordfreq list ``word`` (letters only) in ``lang``? Looked up in its frequency table
    first: ``zipf_frequency`` tokenises every query, which made this check 1.3 of the 3.7 s a
    batch of 120 born-digital PDFs spent deciding which need OCR. Only a word the table lacks
    (rare in a real layer) is asked the slow way, which splits scripts written without spaces."""
    from wordfreq import get_frequency_dict, zipf_frequency

    if get_frequency_dict(lang).get(unicodedata.normalize("NFC", word).casefold(), 0.0) > 0:
        return True
    return zipf_frequency(word, lang) > 0


def layer_quality(text: str) -> float:
    """Share of the text layer's words (letters only, 3 or more) that are real words (German, or
    English when German ones are too few: an English letter is text too, not a scan).

    Measured: clean German text 0.93, seed 001 (a poor OCR) 0.83, an upside-down page's OCR 0.32,
    random characters 0.19. Below :data:`MIN_LAYER_QUALITY` the layer is garbage (a bad hidden OCR
    layer, a broken font encoding) and the pages are OCR'd instead.
    """
    words = [w.strip(_TOKEN_STRIP) for w in text.split()]
    words = [w for w in words if len(w) >= 3 and w.isalpha()]
    if not words:
        return 0.0
    if len(words) > 600:  # a sample is as good, and keeps long documents fast
        step = len(words) / 600
        words = [words[int(i * step)] for i in range(600)]
    german = [_known(w, "de") for w in words]
    share = sum(german) / len(words)
    if share >= MIN_LAYER_QUALITY:
        return share
    return (
        sum(german) + sum(1 for w, de in zip(words, german, strict=True) if not de and _known(w, "en"))
    ) / len(words)


MIN_LAYER_QUALITY = 0.6


def is_bare_image(page: PdfPageFacts) -> bool:
    """A page that is only a picture (a scanned sheet, at most a few stray characters of text):
    its text can only come from OCR."""
    return len(page.text.strip()) < 20 and page.has_images


def layer_reads_as_text(pages: Sequence[PdfPageFacts], settings: Settings) -> bool:
    """There is enough text layer on ``pages`` and it reads as words: not a broken font encoding
    or a bad hidden OCR layer, which OCR of the page images beats."""
    text = "\n".join(p.text for p in pages)
    if len("".join(text.split())) < max(1, settings.min_text_layer_chars):
        return False
    return layer_quality(text) >= MIN_LAYER_QUALITY


def text_layer_usable(pages: Sequence[PdfPageFacts], settings: Settings) -> bool:
    """The whole document can be read from its text layer, with no OCR at all: the layer is
    usable and no page is a bare image (a scanned page needs OCR even when the others have text;
    see :func:`read_pdf`)."""
    return not any(is_bare_image(p) for p in pages) and layer_reads_as_text(pages, settings)


# =========================================================================== .txt


def decode_text(data: bytes) -> str:
    """Text that went through OCR elsewhere: UTF-8 (with or without BOM), UTF-16/32 with BOM, and
    cp1252 (the Windows default, a superset of Latin-1's letters) when it is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined: read as Latin-1
                text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def read_text_file(path: Path) -> DocumentText:
    """One page per form-feed-separated part (a trailing form feed adds no page)."""
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise UnreadableFileError(
            f"the file cannot be read ({exc.strerror or exc}); check it and run again"
        ) from None
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return DocumentText(
        pages=tuple(PageText(number=i, text=t) for i, t in enumerate(parts, start=1)), method="text"
    )


# =========================================================================== poppler


def _poppler(tool: str, args: Sequence[str], *, timeout: float, what: str) -> bytes:
    """Run a poppler-utils program (pdfimages, pdftoppm) with a time limit."""
    try:
        proc = subprocess.run(
            [tool, *args], capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise MissingDependencyError(
            f"{tool} is not installed; install the Debian package {POPPLER_PACKAGE} and run again"
        ) from None
    except subprocess.TimeoutExpired:
        raise OcrFailedError(
            f"{tool} did not finish {what} within {timeout:g} s; the PDF may be damaged"
        ) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise CorruptFileError(
            f"{what} of the PDF cannot be rendered ({(detail[-1] if detail else f'{tool} failed')[:150]}); "
            "copy it again from its source"
        )
    return proc.stdout


def check_poppler() -> None:
    for tool in ("pdftoppm", "pdfimages"):
        if shutil.which(tool) is None:
            raise MissingDependencyError(
                f"{tool} is not installed; install the Debian package {POPPLER_PACKAGE} and run again"
            )


@dataclass(frozen=True)
class PdfImage:
    page: int
    kind: str  # image, smask, mask, stencil
    width: int
    height: int
    color: str  # gray, rgb, cmyk, index, …
    bpc: int
    enc: str  # jpeg, image, ccitt, jbig2, jpx, …
    x_ppi: float
    y_ppi: float


def list_pdf_images(path: Path, settings: Settings) -> list[PdfImage]:
    """``pdfimages -list``: every image on every page, without decoding any."""
    out = _poppler(
        "pdfimages", ["-list", str(path)], timeout=settings.page_timeout, what="listing the images"
    )
    images = []
    for line in out.decode("utf-8", errors="replace").splitlines()[2:]:
        cols = line.split()
        if len(cols) < 14:
            continue
        try:
            images.append(
                PdfImage(
                    page=int(cols[0]),
                    kind=cols[2],
                    width=int(cols[3]),
                    height=int(cols[4]),
                    color=cols[5],
                    bpc=int(cols[7]),
                    enc=cols[8],
                    x_ppi=float(cols[12]),
                    y_ppi=float(cols[13]),
                )
            )
        except ValueError:
            continue
    return images


# =========================================================================== OCR


Source = Literal["pdf-image", "pdf-render", "tiff-frame", "image-file"]


class PageJob(Frozen):
    """One page to OCR: everything a worker process needs, small and picklable."""

    path: Path
    number: int
    source: Source
    dpi: int | None = None
    settings: Settings


def ocr_page(job: PageJob) -> PageText:
    """Get one page's image and read it. Top-level so a process pool can run it; only one page
    image exists at a time in a worker (streaming: a 40-page scan never sits in memory)."""
    with tempfile.TemporaryDirectory(prefix="aqb-page-") as tmp:
        try:
            image = page_image(job, Path(tmp))
            return ocr_image(image, job.settings, number=job.number, dpi=job.dpi)
        except (InputError, MissingDependencyError):
            raise
        except (OSError, ValueError, SyntaxError, EOFError, UnidentifiedImageError) as exc:
            log.debug("page %d of %s: %s", job.number, job.path, exc)
            raise CorruptFileError(
                f"page {job.number} is damaged and its image cannot be decoded ({str(exc)[:100]}); scan or export it again"
            ) from None


def embedded_jpeg(path: Path, number: int) -> bytes | None:
    """The JPEG stream of the one image on page ``number``, read in this process with PDFium:
    the same bytes ``pdfimages -j`` writes (checked on 425 scanned pages), without starting a
    program for the page: that cost about 12 ms of CPU, twice a page (for OCR and for the review
    picture), 1 % of a cold run. None when PDFium does not see exactly one JPEG there (outer
    filters such as Flate are undone, as pdfimages does); ``pdfimages`` then decides, with its
    own errors."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        with _open_pdf(path) as doc:
            page = doc[number - 1]
            try:
                found = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4))
                if len(found) != 1 or found[0].get_filters(skip_simple=True) != ["DCTDecode"]:
                    return None
                return bytes(found[0].get_data(decode_simple=True))
            finally:
                page.close()
    except (InputError, pdfium.PdfiumError, IndexError):
        return None


def page_image(job: PageJob, folder: Path) -> Path:
    """The page image as a file Tesseract reads directly (JPEG as it was, or PGM/PBM)."""
    settings = job.settings
    n = str(job.number)
    if job.source == "pdf-image":
        stored = embedded_jpeg(job.path, job.number)
        if stored is not None:
            out = folder / "img-000.jpg"
            out.write_bytes(stored)
            return out
        _poppler(
            "pdfimages",
            ["-j", "-f", n, "-l", n, str(job.path), str(folder / "img")],
            timeout=settings.page_timeout,
            what=f"page {n}",
        )
        files = sorted(folder.glob("img-*"))
        if len(files) != 1:
            raise CorruptFileError(
                f"page {n} of the PDF has no readable image; copy it again from its source"
            )
        return files[0]
    if job.source == "pdf-render":
        _poppler(
            "pdftoppm",
            [
                "-r",
                str(settings.dpi),
                "-gray",
                "-f",
                n,
                "-l",
                n,
                "-singlefile",
                str(job.path),
                str(folder / "page"),
            ],
            timeout=settings.page_timeout,
            what=f"page {n}",
        )
        return folder / "page.pgm"
    with open_image(job.path, settings) as im:
        if job.source == "tiff-frame":
            im.seek(job.number - 1)
            check_pixels(im.width, im.height, settings, f"page {n}")
            im.load()
            return save_for_tesseract(im, folder)
        # A single PNG or JPEG: Tesseract reads it directly unless it needs turning (EXIF) or
        # has a mode Leptonica handles badly (alpha, 16 bit, palette, CMYK).
        exif_turn = im.getexif().get(0x0112, 1) if im.format == "JPEG" else 1
        if im.format in ("PNG", "JPEG") and im.mode in ("1", "L", "RGB") and exif_turn == 1:
            return job.path
        im.load()
        upright = ImageOps.exif_transpose(im) or im
        return save_for_tesseract(upright, folder)


def plan_pages(
    info: SourceInfo, settings: Settings, wanted: Sequence[int], pdf_pages: Sequence[PdfPageFacts] = ()
) -> list[PageJob]:
    """How to get each wanted page's image, checking pixel counts before anything is decoded."""
    if info.kind == "image":
        source: Source = "tiff-frame" if info.format == "tiff" else "image-file"
        if source == "image-file" and info.pages == 1:
            with open_image(info.path, settings) as im:
                dpi_info = im.info.get("dpi")
        else:
            dpi_info = None
        dpi = _dpi_from(dpi_info)
        if source == "tiff-frame":
            return [
                PageJob(
                    path=info.path,
                    number=n,
                    source=source,
                    dpi=_tiff_dpi(info.path, n, settings),
                    settings=settings,
                )
                for n in wanted
            ]
        return [PageJob(path=info.path, number=n, source=source, dpi=dpi, settings=settings) for n in wanted]
    check_poppler()
    images: dict[int, list[PdfImage]] = {}
    for img in list_pdf_images(info.path, settings):
        images.setdefault(img.page, []).append(img)
        check_pixels(img.width, img.height, settings, f"an image on page {img.page}")
    facts = {p.number: p for p in pdf_pages}
    jobs = []
    for n in wanted:
        page = facts.get(n)
        on_page = images.get(n, [])
        if page is not None and _take_image_as_is(page, on_page, settings):
            jobs.append(
                PageJob(
                    path=info.path,
                    number=n,
                    source="pdf-image",
                    dpi=round(on_page[0].x_ppi),
                    settings=settings,
                )
            )
            continue
        if page is not None:
            check_pixels(
                math.ceil(page.width / 72 * settings.dpi),
                math.ceil(page.height / 72 * settings.dpi),
                settings,
                f"page {n} at {settings.dpi} dpi",
            )
        jobs.append(
            PageJob(path=info.path, number=n, source="pdf-render", dpi=settings.dpi, settings=settings)
        )
    return jobs


def _take_image_as_is(page: PdfPageFacts, images: Sequence[PdfImage], settings: Settings) -> bool:
    """True when the page is exactly one plain JPEG filling it: then the JPEG *is* the page."""
    if len(images) != 1 or page.rotation != 0:
        return False
    img = images[0]
    if img.kind != "image" or img.enc != "jpeg" or img.color not in ("gray", "rgb") or img.bpc != 8:
        return False
    if not (100 <= img.x_ppi <= settings.dpi * 1.34) or abs(img.x_ppi - img.y_ppi) > 1:
        return False
    placed_w, placed_h = img.width / img.x_ppi * 72, img.height / img.y_ppi * 72
    return (
        abs(placed_w - page.width) <= 0.02 * page.width and abs(placed_h - page.height) <= 0.02 * page.height
    )


def _dpi_from(value: object) -> int | None:
    try:
        x = float(value[0])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return None
    return round(x) if 70 <= x <= 1200 else None


def _tiff_dpi(path: Path, number: int, settings: Settings) -> int | None:
    with open_image(path, settings) as im:
        im.seek(number - 1)
        return _dpi_from(im.info.get("dpi"))


def ocr_document(
    info: SourceInfo,
    settings: Settings,
    executor: Executor | None = None,
    pdf_pages: Sequence[PdfPageFacts] = (),
    only: Sequence[int] | None = None,
) -> DocumentText:
    """OCR every page of a scanned input (or just the pages ``only`` names, in page order: the
    scanned pages of an otherwise born-digital PDF), re-using cached pages, in parallel on
    ``executor`` (the batch's process pool) or, without one, on ``settings.workers`` threads (each
    page is a Tesseract process, so threads are enough to keep the cores busy)."""
    numbers = sorted(set(only)) if only is not None else list(range(1, (info.pages or 1) + 1))
    cache = OcrCache(settings)
    check_tesseract(settings.lang)
    results: dict[int, PageText] = {}
    for n in numbers:
        hit = cache.get(info.sha256, n)
        if hit is not None:
            results[n] = hit
    missing = [n for n in numbers if n not in results]
    if missing:
        jobs = plan_pages(info, settings, missing, pdf_pages)
        for job, page in _run_jobs(jobs, settings, executor):
            cache.put(info.sha256, job.number, page)
            results[job.number] = page
    return DocumentText(pages=tuple(results[n] for n in numbers), method="ocr")


def _run_jobs(
    jobs: Sequence[PageJob], settings: Settings, executor: Executor | None
) -> Iterator[tuple[PageJob, PageText]]:
    """Results as pages finish (so each is cached at once); the first failure cancels the rest of
    this document's pages and is raised."""
    own: ThreadPoolExecutor | None = None
    if executor is None:
        own = executor = ThreadPoolExecutor(
            max_workers=max(1, min(settings.workers, len(jobs))), thread_name_prefix="aqb-ocr"
        )
    futures: dict[Future[PageText], PageJob] = {executor.submit(ocr_page, job): job for job in jobs}
    try:
        for fut in concurrent.futures.as_completed(futures):
            yield futures[fut], fut.result()
    finally:
        for fut in futures:
            fut.cancel()
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)


def _reread(
    path: Path, settings: Settings, page: PageText, variant: str, read: Callable[[PageJob, Path], PageText]
) -> PageText | None:
    """What a second reading of part of ``page`` shares: the cache under its own key
    (``variant``), and the page's job, handed to ``read`` with a folder for the page image; an
    empty reading is cached too, and returned as None."""
    info = sniff(path, settings)
    cache = OcrCache(settings)
    hit = cache.get(info.sha256, page.number, variant)
    if hit is not None:
        return hit if hit.text else None
    pdf_pages = read_pdf_pages(path) if info.kind == "pdf" else []
    [job] = plan_pages(info, settings, [page.number], pdf_pages)
    with tempfile.TemporaryDirectory(prefix="aqb-page-") as tmp:
        result = read(job, Path(tmp))
    cache.put(info.sha256, page.number, result, variant)
    return result if result.text else None


def reread_without_stamps(path: Path, settings: Settings, page: PageText, top: int) -> PageText | None:
    """A second reading of ``page`` from ``top`` (a pixel row of the image OCR read) down, with
    violet stamp ink taken out (:func:`aqb_extract.ocr.drop_stamp_ink`); None when the page
    image has no such ink or is not the one OCR read as it lay (turned, or rendered in grey).
    Word boxes are in the region's pixels. Cached like a page, under its own key."""
    if page.rotation or top < 0 or (page.height and top >= page.height):
        return None

    def read(job: PageJob, folder: Path) -> PageText:
        if job.source != "pdf-render":  # rendered pages are grey: no colour to tell ink by
            with Image.open(page_image(job, folder)) as im:
                if im.height > top:
                    region = drop_stamp_ink(im.crop((0, top, im.width, im.height)))
                    if region is not None:
                        return ocr_image(region, settings, number=page.number, dpi=job.dpi)
        return PageText(number=page.number, text="")

    return _reread(path, settings, page, f"stamp-dropout:{top}", read)


def reread_line(
    path: Path, settings: Settings, page: PageText, box: tuple[int, int, int, int], scale: int
) -> PageText | None:
    """A second reading of the line of ``page`` inside ``box`` (left, top, width, height in the
    pixels OCR read), enlarged ``scale`` times: Tesseract reads a digit it took for another at the
    page's size ("1.312.000" for "1.812.000" at 300 dpi) right when it is larger. None when the
    page image is not the one OCR read as it lay (turned). Cached like a page, under its own key."""
    left, top, width, height = box
    if page.rotation or width <= 0 or height <= 0:
        return None

    def read(job: PageJob, folder: Path) -> PageText:
        with Image.open(page_image(job, folder)) as im:
            margin = height  # room around the line, as Tesseract wants some paper round the print
            crop = im.crop(
                (
                    max(0, left - margin),
                    max(0, top - margin // 2),
                    min(im.width, left + width + margin),
                    min(im.height, top + height + margin // 2),
                )
            )
        grey = crop.convert("L")
        bigger = grey.resize((grey.width * scale, grey.height * scale), Image.Resampling.LANCZOS)
        return ocr_line(bigger, settings, number=page.number, dpi=job.dpi * scale if job.dpi else None)

    return _reread(path, settings, page, f"line:{left},{top},{width},{height}:x{scale}", read)


# =========================================================================== the stage


def read_document(
    path: Path,
    settings: Settings,
    executor: Executor | None = None,
    pdf_pages: Sequence[PdfPageFacts] | None = None,
) -> DocumentText:
    """Read any accepted input into pages of text. Raises only :class:`InputError` subclasses for
    problems with the input, and :class:`MissingDependencyError` when a program is missing.
    ``pdf_pages``: a PDF's pages as :func:`read_pdf_pages` gave them already (a batch reads them
    to decide whether a document needs OCR), so that they are not read twice."""
    path = Path(path)
    info = sniff(path, settings)
    if info.kind == "text":
        return read_text_file(path)
    if info.kind == "pdf":
        return read_pdf(info, settings, executor, pdf_pages)
    return ocr_document(info, settings, executor)


def read_pdf(
    info: SourceInfo,
    settings: Settings,
    executor: Executor | None = None,
    pdf_pages: Sequence[PdfPageFacts] | None = None,
) -> DocumentText:
    """A PDF from its text layer where that is usable, OCR only where it is not.

    A born-digital agreement with a scanned signature page, or a scan behind a typed cover page,
    keeps its exact text-layer pages (OCR would only add errors, and time) and has just its bare
    image pages OCR'd. A scan, or a layer too thin or garbled to trust, is OCR'd whole."""
    if pdf_pages is None:
        pdf_pages = read_pdf_pages(info.path)
    scanned = [p.number for p in pdf_pages if is_bare_image(p)]
    typed = [p for p in pdf_pages if not is_bare_image(p)]
    if not layer_reads_as_text(typed, settings):  # also when there is no typed page at all
        return ocr_document(info, settings, executor, pdf_pages)
    layer = layer_document(pdf_pages)
    if not scanned:
        return layer
    return with_pages_replaced(layer, ocr_document(info, settings, executor, pdf_pages, only=scanned))


def layer_document(pdf_pages: Sequence[PdfPageFacts]) -> DocumentText:
    """Every page as its text layer says (page size in points: there are no word boxes to fit)."""
    return DocumentText(
        pages=tuple(
            PageText(number=p.number, text=p.text, width=round(p.width), height=round(p.height))
            for p in pdf_pages
        ),
        method="text_layer",
    )


def with_pages_replaced(layer: DocumentText, ocred: DocumentText) -> DocumentText:
    """The text-layer pages with the OCR'd ones put in their places, in page order. The document
    counts as "ocr" (OCR was involved: page pictures, reviewers' caution), and each page records
    how it was read, so a value on a text-layer page keeps the layer's certainty."""
    by_number = {p.number: p.model_copy(update={"method": "ocr"}) for p in ocred.pages}
    pages = tuple(by_number.get(p.number, p.model_copy(update={"method": "text_layer"})) for p in layer.pages)
    return DocumentText(pages=pages, method="ocr")
