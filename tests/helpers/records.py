"""Records and page images for testing the views (workbook, review report, terminal).

The records look like real extractions (real partners, AGS keys, ministries, projects of the seed
documents, OCR-damaged "as written" text), and the page image is drawn with Pillow so that every
evidence box points at the very pixels of its words: a test can then check that the report's
highlights land where the words are.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from aqb_extract.models import (
    Evidence,
    FieldWarning,
    Ministry,
    Partner,
    Project,
    Record,
    SectionOut,
    Signatory,
    Source,
)

Box = tuple[int, int, int, int]

#: The OCR image size of an A4 page at 300 dpi; the JPEG kept for the report is downscaled.
OCR_SIZE = (2480, 3508)
JPEG_SCALE = 0.4

PAGE_1 = [
    "Zielvereinbarung",
    "2024",
    "zwischen",
    "dem Hessischen Ministerium fiir Arbeit, Integration, Jugend und Soziales",
    "und dem Landkreis GroR-Gerau",
    "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
    "§ 4 Haushaltsmittel und Eckdaten",
    "Das Budget fiir 2024 betragt 1.390.400,00 Euro.",
    "§ 5 Ziele fiir die Umsetzung",
    "1. Ausbildungsvorbereitung",
    "- FAuB",
    "2. Ausbildung und Ausbildungscoaching",
    "- Ausbildung in Teilzeit; Azubi-Coaching",
    "Wiesbaden, den 7. 7 207 -4",
    "Heike Hofmann",
    "Staatsministerin",
]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def draw_page(lines: Sequence[str], size: tuple[int, int] = OCR_SIZE) -> tuple[Image.Image, list[list[Box]]]:
    """A white page with ``lines`` of black text, and each line's word boxes (left, top, width,
    height) in the page's pixels, as Tesseract would report them."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = _font(46)
    boxes: list[list[Box]] = []
    y = 260
    for line in lines:
        x = 250
        line_boxes: list[Box] = []
        for word in line.split(" "):
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, fill="black", font=font)
            line_boxes.append((int(left), int(top), int(right - left), int(bottom - top)))
            x = int(right) + 18
        boxes.append(line_boxes)
        y += 150
    return image, boxes


def _ev(boxes: list[list[Box]], line: int, words: slice, raw: str, confidence: float) -> Evidence:
    return Evidence(page=1, raw=raw, confidence=confidence, boxes=tuple(boxes[line][words]))


def gross_gerau(boxes: list[list[Box]] | None = None) -> Record:
    """A needs-review record of the Landkreis Groß-Gerau 2024 (the date of the ministry's signature
    is unreadable), with evidence boxes on page 1 when ``boxes`` (from :func:`draw_page` of
    :data:`PAGE_1`) is given."""
    evidence: dict[str, Evidence] = {}
    if boxes is not None:
        evidence = {
            "year": _ev(boxes, 1, slice(0, 1), "2024", 0.99),
            "partner": _ev(boxes, 4, slice(2, 4), "Landkreis GroR-Gerau", 0.97),
            "ministry": _ev(
                boxes,
                3,
                slice(1, None),
                "Hessischen Ministerium fiir Arbeit, Integration, Jugend und Soziales",
                0.9,
            ),
            "amount_eur": _ev(boxes, 7, slice(5, 7), "1.390.400,00 Euro.", 0.95),
            "projects[0]": _ev(boxes, 10, slice(1, 2), "FAuB", 0.85),
            "projects[1]": _ev(boxes, 12, slice(1, 4), "Ausbildung in Teilzeit", 0.8),
            "projects[2]": _ev(boxes, 12, slice(4, 5), "Azubi-Coaching", 0.8),
            "signatories[0]": _ev(boxes, 14, slice(0, 2), "Heike Hofmann", 0.9),
            "signatories[0].date": _ev(boxes, 13, slice(2, None), "7. 7 207 -4", 0.2),
        }
    return Record(
        status="needs_review",
        source=Source(path="2024/gross-gerau.pdf", sha256="ab" * 32, pages=4, method="ocr"),
        year=2024,
        partner=Partner(name="Groß-Gerau", kind="Landkreis", ags="06433", as_written="Landkreis GroR-Gerau"),
        ministry=Ministry(
            name="Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales", abbreviation="HMSI"
        ),
        amount_eur=1390400.0,
        projects=[
            Project(category=1, category_name="Ausbildungsvorbereitung", title="FAuB"),
            Project(
                category=2,
                category_name="Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
                title="Ausbildung in Teilzeit",
            ),
            Project(
                category=2,
                category_name="Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
                title="Azubi-Coaching",
            ),
        ],
        signatories=[
            Signatory(
                side="ministry",
                name="Heike Hofmann",
                role="Staatsministerin",
                place="Wiesbaden",
                date=None,
                date_as_written="7. 7 207 -4",
            ),
            Signatory(
                side="partner",
                name="Thomas Will",
                role="Landrat",
                place="Groß-Gerau",
                date=dt.date(2024, 7, 15),
                date_as_written="15.07.2024",
            ),
        ],
        sections=[
            SectionOut(number=1, title="Ausbildungs- und Qualifizierungsbudget", text="Ziele des Landes …"),
            SectionOut(
                number=4, title="Haushaltsmittel und Eckdaten", text="Das Budget beträgt 1.390.400,00 Euro."
            ),
        ],
        confidence={
            "year": 0.99,
            "partner": 0.97,
            "ministry": 0.9,
            "amount_eur": 0.95,
            "projects": 0.8,
            "signatories": 0.55,
        },
        warnings=[
            FieldWarning(field="signatories[0].date", message="date unreadable: '7. 7 207 -4'"),
            FieldWarning(field="sections", message="§ 3 not found"),
        ],
        evidence=evidence,
    )


def kassel_2023() -> Record:
    """An ok record of the documenta Stadt Kassel 2023, from a text input (no page images)."""
    return Record(
        status="ok",
        source=Source(path="2023/kassel.txt", sha256="cd" * 32, pages=5, method="text"),
        year=2023,
        partner=Partner(
            name="Kassel", kind="kreisfreie Stadt", ags="06611", as_written="documenta Stadt Kassel"
        ),
        ministry=Ministry(name="Hessisches Ministerium für Soziales und Integration", abbreviation="HMSI"),
        amount_eur=1106600.0,
        projects=[
            Project(
                category=1,
                category_name="Ausbildungsvorbereitung",
                title="Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte",
            ),
            Project(
                category=3,
                category_name="Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
                title='Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"',
            ),
        ],
        signatories=[
            Signatory(
                side="ministry",
                name="Kai Klose",
                role="Staatsminister",
                place="Wiesbaden",
                date=dt.date(2023, 8, 8),
                date_as_written="08.08.2023",
            ),
            Signatory(
                side="partner",
                name="Sven Schoeller",
                role="Oberbürgermeister",
                place="Kassel",
                date=dt.date(2023, 9, 8),
                date_as_written="08.09.2023",
            ),
        ],
        confidence={
            "year": 0.99,
            "partner": 0.95,
            "ministry": 0.93,
            "amount_eur": 0.97,
            "projects": 0.88,
            "signatories": 0.9,
        },
        evidence={
            "amount_eur": Evidence(page=2, raw="1.106.600,00 €", confidence=0.97),
            "partner": Evidence(page=1, raw="documenta Stadt Kassel", confidence=0.95),
        },
    )


def gross_gerau_2023() -> Record:
    """Same partner a year earlier: gives the chart two years."""
    base = kassel_2023()
    return base.model_copy(
        update={
            "source": Source(path="2023/gross-gerau.pdf", pages=4, method="text_layer"),
            "partner": Partner(
                name="Groß-Gerau", kind="Landkreis", ags="06433", as_written="Kreis Groß-Gerau"
            ),
            "amount_eur": 1250000.0,
            "evidence": {},
        }
    )


def failed_record() -> Record:
    """An input that could not be read."""
    return Record(
        status="failed",
        error="The file is empty (0 bytes); there is nothing to extract.",
        source=Source(path="2024/leer.pdf", pages=None, method=None),
    )


def all_records(boxes: list[list[Box]] | None = None) -> list[Record]:
    """One record of each status, in the order an extract run might list them (ok first)."""
    return [kassel_2023(), gross_gerau(boxes), gross_gerau_2023(), failed_record()]


def write_out_dir(
    out: Path, records: Sequence[Record], pages: dict[str, list[Image.Image]] | None = None
) -> None:
    """Lay out ``out`` as the extract step does: ``REL.json`` per record, ``records.jsonl``, and
    for documents in ``pages`` the downscaled ``pages/<REL>/page-<n>.jpg`` with ``pages.json``
    holding the OCR image sizes."""
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for record in records:
        text = record.model_dump_json()
        target = out / f"{record.source.path}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        lines.append(text)
    (out / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for rel, images in (pages or {}).items():
        folder = out / "pages" / rel
        folder.mkdir(parents=True, exist_ok=True)
        sizes = []
        for number, image in enumerate(images, start=1):
            small = image.resize((round(image.width * JPEG_SCALE), round(image.height * JPEG_SCALE)))
            small.save(folder / f"page-{number}.jpg", quality=80)
            sizes.append({"number": number, "width": image.width, "height": image.height})
        (folder / "pages.json").write_text(json.dumps(sizes), encoding="utf-8")
