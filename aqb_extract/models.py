"""Typed values passed between stages, and the output record of the contract.

Every stage returns a frozen model, so a later stage can never change what an earlier one saw:
a bug shows up where it happens instead of three stages later. Field names of :class:`Record`
and its parts are the public contract (``shared/contract.md``): add fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Method = Literal["ocr", "text_layer", "text"]
Status = Literal["ok", "needs_review", "failed"]
Side = Literal["ministry", "partner"]
PartnerKind = Literal["Landkreis", "kreisfreie Stadt"]


class Frozen(BaseModel):
    """Base for every model here: immutable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- stage 1: read / OCR


class Word(Frozen):
    """One word as the OCR engine saw it, with its place in the page text and on the image."""

    text: str
    conf: float = Field(ge=0.0, le=1.0, description="Tesseract's word confidence scaled to 0..1")
    start: int = Field(ge=0, description="offset of the word in PageText.text")
    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0


class PageText(Frozen):
    """The text of one page. ``words`` is empty when the text did not come from OCR."""

    number: int = Field(ge=1)
    text: str
    words: tuple[Word, ...] = ()
    rotation: int = Field(default=0, description="degrees the page was turned before OCR")
    width: int = 0
    height: int = 0
    method: Method | None = Field(
        default=None,
        description="how this page was read, when the pages of its document were not all read "
        "the same way (a born-digital PDF with a scanned page); None: as DocumentText.method says",
    )


class DocumentText(Frozen):
    """All pages of one input, in order, and how their text was obtained. ``method`` is "ocr" as
    soon as any page was OCR'd; the pages of a mixed PDF each say how they were read."""

    pages: tuple[PageText, ...]
    method: Method

    def method_of(self, page: PageText) -> Method:
        """How ``page`` was read: a text-layer page of a mixed PDF is as exact as a born-digital
        one, so confidence must not take the document's "ocr" for it."""
        return page.method or self.method

    @property
    def text(self) -> str:
        """The whole text, pages separated by a form feed (so page breaks stay visible)."""
        return "\n\f\n".join(p.text for p in self.pages)


class FieldWarning(Frozen):
    field: str
    message: str


# --------------------------------------------------------------------------- provenance


class Evidence(Frozen):
    """Where an extracted value came from: the page, the span in that page's text, the raw text
    as written (before repair), the boxes of the words behind it, and how sure we are."""

    page: int | None = None
    start: int | None = None
    end: int | None = None
    raw: str = ""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    boxes: tuple[tuple[int, int, int, int], ...] = Field(
        default=(), description="(left, top, width, height) of each word, in page-image pixels"
    )


# --------------------------------------------------------------------------- stage 2/3: sections


class Part(Frozen):
    """A stretch of the agreement: ``raw`` as read (headers/footers dropped, hyphenation joined),
    ``text`` after repair. Repair keeps the whitespace skeleton, so the i-th whitespace-separated
    token of ``text`` is the repaired form of the i-th token of ``raw`` (see
    :func:`aqb_extract.repair.raw_span`)."""

    text: str
    raw: str
    page: int | None = Field(default=None, description="page the part starts on")


class Section(Part):
    """One section (§ 1 … § 7). ``number`` 0 is the Präambel."""

    number: int = Field(ge=0, le=9)
    title: str
    title_raw: str = ""


class SplitDocument(Frozen):
    """The agreement cut into its parts.

    ``head`` is everything before the Präambel or § 1 (title, year, parties); ``sections`` are the
    Präambel (0) and § 1 … § 7 as found, in document order; ``tail`` is the signature block (place
    and date lines, names, roles) once it is separated from § 7's body.
    """

    head: Part
    sections: tuple[Section, ...]
    tail: Part

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)


T = TypeVar("T")


class Extracted(Frozen, Generic[T]):
    """What a field parser found: the value (None when not found), how sure it is, the raw text it
    was read from (before repair; used to locate the evidence on the page), and warnings.

    ``parts`` gives per-item raw text for list fields, keyed like the record's warnings
    ("projects[2]", "signatories[0].date").
    """

    value: T | None
    confidence: float = Field(ge=0.0, le=1.0)
    raw: str = ""
    warnings: tuple[FieldWarning, ...] = ()
    parts: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------- the record (contract)


class Source(Frozen):
    path: str
    sha256: str | None = None
    pages: int | None = None
    method: Method | None = None


class Partner(Frozen):
    name: str
    kind: PartnerKind
    ags: str = Field(pattern=r"^06\d{3}$")
    as_written: str


class Ministry(Frozen):
    name: str
    abbreviation: str


class Project(Frozen):
    category: int = Field(ge=1, le=4)
    category_name: str
    title: str


class Signatory(Frozen):
    side: Side
    name: str | None
    role: str | None
    place: str | None
    date: dt.date | None
    date_as_written: str | None


class SectionOut(Frozen):
    number: int = Field(ge=1, le=7)
    title: str
    text: str


class Record(Frozen):
    """One JSON object per input: see ``shared/contract.md``."""

    schema_version: Literal[1] = 1
    status: Status
    error: str | None = None
    source: Source
    year: int | None = None
    partner: Partner | None = None
    ministry: Ministry | None = None
    amount_eur: float | None = None
    projects: list[Project] = Field(default_factory=list)
    signatories: list[Signatory] = Field(default_factory=list)
    sections: list[SectionOut] = Field(default_factory=list)
    confidence: dict[str, float] = Field(default_factory=dict)
    warnings: list[FieldWarning] = Field(default_factory=list)
    fingerprint: str | None = Field(
        default=None,
        description="identifies the code, data and settings that made this record; a re-run of "
        "the same input with the same fingerprint re-uses the record",
    )
    evidence: dict[str, Evidence] = Field(
        default_factory=dict,
        description="where each value came from, keyed like warnings' field ('year', 'projects[2]')",
    )
