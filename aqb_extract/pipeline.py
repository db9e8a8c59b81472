"""The runner: read -> split -> repair -> parse (-> second look) -> validate, one document at a time.

Like OCRmyPDF's ``_pipeline.py`` this only calls the stages in order; each stage lives in its own
module and can be tested alone. Per-file problems become a ``failed`` record here and never
escape, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .errors import InputError
from .fields.amount import parse_amount
from .fields.ministry import parse_ministry
from .fields.partner import parse_partner
from .fields.projects import parse_projects
from .fields.sections import parse_sections
from .fields.signatories import parse_signatories
from .fields.year import parse_year
from .knowledge import Knowledge, load_knowledge
from .models import DocumentText, Record, Source, SplitDocument
from .read import PdfPageFacts, read_document, reread_line, reread_without_stamps, sniff
from .repair import repair_document, repaired_words
from .second_look import Reread, RereadLine, second_look, second_look_amount
from .sections import split_sections
from .validate import build_record, failed_record, require_agreement

log = logging.getLogger(__name__)


def document_to_record(
    doc: DocumentText,
    source: Source,
    settings: Settings,
    knowledge: Knowledge,
    reread: Reread | None = None,
    reread_line: RereadLine | None = None,
) -> tuple[Record, SplitDocument]:
    """Turn a read document into its record (and the repaired parts, for evaluation). ``reread``
    reads part of a scanned page again for a second look at the signature block, ``reread_line``
    one line enlarged for a second look at the amount."""
    split = split_sections(doc, knowledge)
    repaired = repair_document(split, knowledge)
    require_agreement(repaired)
    year = parse_year(repaired)
    partner = parse_partner(repaired, knowledge)
    partner_info = knowledge.partner_by_ags(partner.value.ags) if partner.value else None
    record = build_record(
        source,
        doc,
        year=year,
        partner=partner,
        ministry=parse_ministry(repaired, knowledge, year.value),
        amount=second_look_amount(doc, parse_amount(repaired), reread_line),
        projects=parse_projects(repaired, knowledge),
        signatories=second_look(
            doc,
            repaired,
            parse_signatories(repaired, knowledge, year.value, partner_info),
            reread,
            knowledge,
            year.value,
            partner_info,
        ),
        sections=parse_sections(repaired, knowledge),
        settings=settings,
        repaired_words=repaired_words(repaired),
    )
    return record, repaired


@dataclass(frozen=True)
class Extraction:
    """What one input gave: its record, and for a document that could be read, its pages and
    its repaired parts (for page images and for measuring repair)."""

    record: Record
    doc: DocumentText | None = None
    repaired: SplitDocument | None = None


def extract_document(
    path: Path,
    settings: Settings,
    executor: Executor | None = None,
    rel: str | None = None,
    pdf_pages: Sequence[PdfPageFacts] | None = None,
) -> Extraction:
    """Read, split, repair, parse and validate one input. Per-file problems become a failed
    record here; only a missing program (:class:`MissingDependencyError`) escapes.
    ``pdf_pages``: a PDF's pages already read (:func:`aqb_extract.read.read_document`)."""
    knowledge = load_knowledge(settings.corrections_files)
    source = Source(path=rel or path.name)
    doc: DocumentText | None = None
    try:
        info = sniff(path, settings)
        source = Source(path=source.path, sha256=info.sha256, pages=info.pages)
        doc = read_document(path, settings, executor, pdf_pages)
        source = Source(path=source.path, sha256=info.sha256, pages=len(doc.pages), method=doc.method)
        scanned = doc.method == "ocr"
        reread = functools.partial(reread_without_stamps, path, settings) if scanned else None
        reread_amount = functools.partial(reread_line, path, settings) if scanned else None
        record, repaired = document_to_record(doc, source, settings, knowledge, reread, reread_amount)
        return Extraction(record, doc, repaired)
    except InputError as exc:
        # what is known of the file even though it failed (the page limit knows both)
        pages, sha = exc.fields.get("pages"), exc.fields.get("sha256")
        if isinstance(pages, int) and isinstance(sha, str):
            source = Source(path=source.path, sha256=sha, pages=pages)
        return Extraction(failed_record(source, exc.message), doc)
    except (
        MemoryError,
        RecursionError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OSError,
    ) as exc:
        # A bug of ours or a library's on a strange file: that file fails, the batch goes on.
        log.exception("internal error on %s", path)
        message = f"internal error while reading this file ({type(exc).__name__}: {exc}); please report it"
        return Extraction(failed_record(source, message), doc)


def extract_file(
    path: str | Path, settings: Settings, executor: Executor | None = None, rel: str | None = None
) -> Record:
    """One input file -> its record. Never raises for a bad input (only for a missing program)."""
    return extract_document(Path(path), settings, executor, rel).record


def extract_with_text(path: str | Path, settings: Settings) -> tuple[Record, str, str]:
    """The record plus the document's text before and after repair (for measuring repair)."""
    extraction = extract_document(Path(path), settings)
    record, repaired = extraction.record, extraction.repaired
    if repaired is None:
        return record, "", ""
    raw, text = [repaired.head.raw], [repaired.head.text]
    for s in repaired.sections:
        # the "§ n" mark is the splitter's reading, the same in both texts; titles and bodies
        # are what repair worked on
        mark = f"§ {s.number}\n" if s.number else ""
        raw.append(f"{mark}{s.title_raw or s.title}\n{s.raw}")
        text.append(f"{mark}{s.title}\n{s.text}")
    raw.append(repaired.tail.raw)
    text.append(repaired.tail.text)
    return record, "\n\n".join(raw), "\n\n".join(text)
