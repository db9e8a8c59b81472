"""The fixed sample corpus: which partner, year and variant each committed sample is.

Pinned by hand (not drawn) so the committed set covers what matters, whatever the seed:
every one of the 26 partners once, including both Kassels and both Offenbachs and the Landkreis
Darmstadt-Dieburg (seated in Darmstadt) in scanned variants; every year 2016–2026 at least twice;
all three ministers and both ministry names in scans; 1 and 12 projects; dates written by hand.
Everything else (names, amounts, projects, wording variants, layout) comes from the seed.

The OCR budget: ``make test`` OCRs every scanned page with real Tesseract, so the scanned
variants are kept to about 50 pages (see ``MAX_SCANNED_PAGES``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import facts
from .layout import Laid, fit
from .spec import DocSpec, Variant, draw_spec, sample_seed

DEFAULT_SEED = 20240707
MAX_SCANNED_PAGES = 60
MAX_TOTAL_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    variant: Variant
    ags: str
    year: int
    n_projects: int | None = None
    handwritten: bool = False
    txt_layout: bool = False  # .txt as text extracted from the PDF (headers, footers, form feeds)
    layout: dict[str, Any] = field(default_factory=dict)


CORPUS: tuple[Entry, ...] = (
    # born-digital PDF (text layer)
    Entry("pdf", "06412", 2016, n_projects=1),
    Entry("pdf", "06414", 2022),
    Entry("pdf", "06431", 2024, layout={"side_by_side": True}),
    Entry("pdf", "06435", 2019),
    Entry("pdf", "06532", 2026),
    Entry("pdf", "06631", 2018, layout={"font": "TimesNewRoman"}),
    # text, born-digital (clean) — one as a PDF text dump with page headers and footers
    Entry("txt", "06436", 2017),
    Entry("txt", "06437", 2020, n_projects=12),
    Entry("txt", "06534", 2023, txt_layout=True),
    Entry("txt", "06535", 2021),
    Entry("txt", "06632", 2025),
    # text that went through OCR elsewhere (Tesseract on a heavy scan, at generation time)
    Entry("txt-ocr", "06439", 2019),
    Entry("txt-ocr", "06635", 2024, handwritten=True, layout={"side_by_side": True}),
    # 300 dpi grey, light
    Entry("scan300", "06411", 2019),
    Entry("scan300", "06433", 2023, n_projects=12),
    Entry("scan300", "06531", 2016),
    Entry("scan300", "06634", 2022, layout={"font": "TimesNewRoman"}),
    Entry("scan300", "06440", 2024),
    Entry("scan300-upside-down", "06533", 2025),
    # 200 dpi colour, heavy: skew, blur, noise, JPEG, stamps, dates by hand
    Entry("scan200-heavy", "06611", 2018, handwritten=True),
    Entry("scan200-heavy", "06633", 2024, handwritten=True, layout={"side_by_side": True}),
    Entry("scan200-heavy", "06438", 2021),
    Entry("scan200-heavy", "06636", 2026),
    # bilevel multi-page TIFF, 200 dpi
    Entry("tiff", "06413", 2020),
    Entry("tiff", "06432", 2017, layout={"side_by_side": True}),
    Entry("tiff", "06434", 2025),
)


def slug(text: str) -> str:
    """ASCII file-name part: "Werra-Meißner-Kreis" -> "werra-meissner-kreis"."""
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(text.lower().replace("(", "").replace(")", "").split())


def sample_name(index: int, entry: Entry) -> str:
    partner = facts.partner_by_ags(entry.ags)
    return f"{index:02d}_{entry.variant}_{entry.year}_{slug(partner.forms[0])}"


@dataclass(frozen=True)
class Planned:
    entry: Entry
    spec: DocSpec
    laid: Laid


def plan(seed: int = DEFAULT_SEED) -> list[Planned]:
    """Draw and lay out every sample. Pure and fast (no rendering), so tests can call it."""
    out = []
    for i, entry in enumerate(CORPUS, start=1):
        name = sample_name(i, entry)
        spec = draw_spec(
            name,
            entry.variant,
            entry.ags,
            entry.year,
            sample_seed(seed, name),
            n_projects=entry.n_projects,
            handwritten=entry.handwritten,
            **entry.layout,
        )
        spec, laid = fit(spec)
        out.append(Planned(entry, spec, laid))
    return out
