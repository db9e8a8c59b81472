"""Small JPEGs of the OCR'd pages for the review report: ``OUT/pages/<REL>/page-<n>.jpg`` and
``OUT/pages/<REL>/pages.json`` with the size of the image OCR read, so the evidence boxes (in that
image's pixels) can be drawn over the small picture as percentages.

The image is fetched again the way OCR fetched it (the reader's own page plan), turned as OCR
turned it, and shrunk; the OCR workers and the cache stay free of display concerns.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from PIL import Image

from .config import Settings
from .models import DocumentText
from .output import write_atomic
from .read import page_image, plan_pages, read_pdf_pages, sniff

MAX_SIDE = 1400
PICTURE_DPI = 120
QUALITY = 70
# PageText.rotation: degrees clockwise that made the page upright
_TURN = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def write_page_images(
    path: Path, doc: DocumentText, dest: Path, settings: Settings, *, temp_root: Path | None = None
) -> None:
    """Write the page images of an OCR'd document to ``dest`` (atomically, file by file). Its
    temp files go under ``temp_root`` when given: a batch's run folder, which the next run
    removes if this one is killed mid-picture."""
    if doc.method != "ocr":
        return
    info = sniff(path, settings)
    pdf_pages = read_pdf_pages(path) if info.kind == "pdf" else []
    numbers = [p.number for p in doc.pages]
    jobs = plan_pages(info, settings, numbers, pdf_pages)
    sizes = []
    with tempfile.TemporaryDirectory(prefix="aqb-pageimg-", dir=temp_root) as tmp:
        for job, page in zip(jobs, doc.pages, strict=True):
            folder = Path(tmp) / str(job.number)
            folder.mkdir()
            if job.source == "pdf-render":  # a picture needs no 300 dpi: render small
                job = job.model_copy(update={"settings": settings.model_copy(update={"dpi": PICTURE_DPI})})
            with Image.open(page_image(job, folder)) as im:
                # a JPEG decodes at 1/2, 1/4 or 1/8 size for a fraction of the work
                im.draft("L", (MAX_SIDE // 2, MAX_SIDE // 2))
                im.load()
                picture = im.convert("L") if im.mode not in ("L", "RGB") else im
                if page.rotation in _TURN:
                    picture = picture.transpose(_TURN[page.rotation])
                # bilinear, not the default Lanczos: 13 against 18 ms on a 300-dpi page, 14
                # against 25 on a TIFF frame; a page shrinks only 1.25-2.5 times here
                picture.thumbnail((MAX_SIDE, MAX_SIDE), resample=Image.Resampling.BILINEAR)
                target = dest / f"page-{page.number}.jpg"
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp_jpg = folder / "small.jpg"
                picture.save(tmp_jpg, format="JPEG", quality=QUALITY)
                write_atomic(target, tmp_jpg.read_bytes())
            width, height = page.width, page.height
            if not (width and height):
                width, height = picture.size
            sizes.append({"number": page.number, "width": width, "height": height})
    write_atomic(dest / "pages.json", json.dumps(sizes, indent=1) + "\n")
