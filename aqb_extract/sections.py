"""Stage 2: clean the page texts and cut the agreement into head, Präambel, § 1 … § 7 and tail.

Runs on the raw OCR text, before repair, because the headings are where OCR is at its worst: the
``deu`` model never learnt "§" and reads it as ``$``, ``S``, ``s``, ``8``, ``5`` or ``&``. A heading
is therefore recognised by shape *and* order (numbers must rise) *and*, for the ambiguous
readings, by what follows it (a known section title), never by a single character.

The steps are plain functions, called in order by :func:`split_sections`:
``pages_to_lines -> drop_running_lines -> join_hyphenated -> find_headings -> lines_to_parts``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from .knowledge import Knowledge, load_knowledge
from .models import DocumentText, PageText, Part, Section, SplitDocument, Word


@dataclass(frozen=True)
class Line:
    """One line of the cleaned text and the page it is on. ``edge`` says that its words lie in
    the top or the bottom band of the page image (EDGE_BAND), wherever OCR put the line in reading
    order; text without word boxes never sets it."""

    page: int
    text: str
    edge: Literal["top", "bottom"] | None = None


EDGE_BAND = 0.08
"""Share of the page height at the top and at the bottom where running headers and footers sit.
Body text starts about 2.5 cm (8.4 % of A4) from the edge; headers and footers sit outside that."""


# "Seite 2 von 4", "Seite 2/4", "- 2 -", "2 / 4": page furniture, never content.
FOOTER_RE = re.compile(
    r"^\W{0,3}\s*(?:(?:Seite|Page|S\.)\s*\d{1,3}\s*(?:(?:von|of|/)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}\s*/\s*\d{1,3})\s*\W{0,3}$",
    re.IGNORECASE,
)
# The same as OCR damages it on scans: "Seite 3 von‘4", "Seite | von 4", "Seite +von +", "Seite 2vond".
DAMAGED_FOOTER_RE = re.compile(
    r"^\W{0,3}\s*Seite\s*\S{0,3}?\s*\W?\s*v\s?[o0]\s?n\s*\W?\s*\S{1,2}\s*\W{0,3}$", re.IGNORECASE
)
LONE_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
# A heading "§ 3", also as OCR reads it: "$3", "S 3", "s3", "83", "& 3", "53", "§3.", "§ 3 Title".
HEADING_RE = re.compile(r"^\s*(?P<mark>§|\$|S|s|8|5|&|[^\w\s]{1,2})\s?(?P<num>[1-9])\s*\.?\s*(?P<rest>.*)$")
PREAMBLE_RE = re.compile(r"^\s*Pr\S{0,3}ambel\s*$", re.IGNORECASE)
# "Wiesbaden, den 8.8.23", "Groß-Gerau, den …", "Kassel, 08.09.2023": the signature block starts here.
# A speck or quote mark OCR put before it ('"Wiesbaden, den 4.8.2021' on a heavy scan of seed
# 108) does not hide it, nor its comma read as a full stop or a semicolon before "den" ("Wiesbaden.
# den 30.3.20" on a TIFF of seed 178; "Abs. 3" is no place line, so not before a number), nor a
# speck glued after its comma ("Wiesbaden,.den 18.03.2026" on a heavy scan of seed 203), nor its
# comma read as "!" ("Wiesbaden! den 20.5.25" on a TIFF of seed 207).
PLACE_COMMA_READINGS = ".;!"
"""What OCR reads for the comma between a place and its "den" ("Wiesbaden. den", "Wiesbaden!
den"); the signature parser anchors a date after such a place too."""
PLACE_COMMA_SPECKS = ".;:'’‘`´"
"""Specks OCR glues after that comma ("Wiesbaden,.den"); the signature parser cuts them off."""
PLACE_DATE_RE = re.compile(
    r"^\s*(?:[^\w\s]{1,2}\s?)?[A-ZÄÖÜ][^,\n]{1,40}"
    rf"(?:,[{re.escape(PLACE_COMMA_SPECKS)}]?\s*(?:den\b|d\.|\d)|[{re.escape(PLACE_COMMA_READINGS)}]\s+den\b)"
)
# Conjunctions after which a line-end hyphen is a real one: "Ausbildungs- und Qualifizierungsbudget".
KEEP_HYPHEN_BEFORE = frozenset({"und", "oder", "bzw", "bzw.", "sowie", "als", "wie", "&"})


def _is_page_number(text: str, page: int) -> bool:
    """A lone number at a page edge is furniture only when it is that page's number: "85" on
    page 3 is OCR's reading of "§ 5", not a page number."""
    return LONE_PAGE_NUMBER_RE.match(text) is not None and abs(int(text) - page) <= 1


def restore_block_order(page: PageText) -> PageText:
    """``page`` with each OCR block that Tesseract read too early put back after the blocks above
    it (by the word boxes); the page itself when none is.

    Tesseract sometimes reads a stray block first: on a heavy scan of seed 124 the name line
    "Kai Klose", cut off by a stamp, came before page 4's header, so it ended § 5's project list
    on page 3. A block is out of place when a block read after it lies wholly above it and overlaps
    it sideways; it moves to just after the last such block. Blocks side by side (two signature
    columns, read column by column) do not overlap sideways and keep their order."""
    if not page.words:
        return page
    spans: list[tuple[int, int]] = []
    at = 0
    for m in re.finditer(r"\n\s*\n", page.text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(page.text)))
    groups = [[w for w in page.words if start <= w.start < end] for start, end in spans]
    boxes: list[tuple[int, int, int, int] | None] = []
    for group in groups:
        inside = [w for w in group if w.height > 0]
        boxes.append(
            (
                min(w.top for w in inside),
                max(w.top + w.height for w in inside),
                min(w.left for w in inside),
                max(w.left + w.width for w in inside),
            )
            if inside
            else None
        )
    order = list(range(len(spans)))
    for i, box in enumerate(boxes):
        if box is None:
            continue
        top, _, left, right = box
        above = [
            j
            for j in range(i + 1, len(spans))
            if (other := boxes[j]) is not None and other[1] <= top and other[2] < right and left < other[3]
        ]
        if above:
            order.remove(i)
            order.insert(order.index(above[-1]) + 1, i)
    if order == sorted(order):
        return page
    text_parts: list[str] = []
    moved: list[Word] = []
    length = 0
    for n, k in enumerate(order):
        start, end = spans[k]
        if n:
            text_parts.append("\n\n")
            length += 2
        text_parts.append(page.text[start:end])
        moved.extend(w.model_copy(update={"start": w.start - start + length}) for w in groups[k])
        length += end - start
    return page.model_copy(update={"text": "".join(text_parts), "words": tuple(moved)})


def pages_to_lines(doc: DocumentText) -> list[Line]:
    """Every line of every page, tagged with its page (and whether its words sit in the page's
    top or bottom band), with lone page furniture dropped; blocks Tesseract read out of place
    put back (:func:`restore_block_order`)."""
    lines: list[Line] = []
    for page in map(restore_block_order, doc.pages):
        page_lines = page.text.replace("\f", "\n").splitlines()
        in_band = _lines_in_edge_band(page)
        nonblank = [i for i, t in enumerate(page_lines) if t.strip()]
        edges = set(nonblank[:2] + nonblank[-2:])
        for i, text in enumerate(page_lines):
            if FOOTER_RE.match(text) or DAMAGED_FOOTER_RE.match(text):
                continue
            if i in edges and _is_page_number(text, page.number) and len(doc.pages) > 1:
                continue
            lines.append(Line(page.number, text.rstrip(), in_band.get(i)))
    return lines


def _lines_in_edge_band(page: PageText) -> dict[int, Literal["top", "bottom"]]:
    """Indexes (as ``splitlines`` counts them) of the page's lines whose every word lies within
    EDGE_BAND of the page image's top (or whose every word lies within it of the bottom), with
    that edge. Empty without words or page size."""
    if not page.words or page.height <= 0:
        return {}
    top_edge = page.height * EDGE_BAND
    bottom_edge = page.height * (1 - EDGE_BAND)
    ends = list(itertools.accumulate(len(t) for t in page.text.splitlines(keepends=True)))
    verdict: dict[int, Literal["top", "bottom"] | None] = {}
    for word in page.words:
        if not word.text.strip() or word.height <= 0:
            continue
        i = bisect.bisect_right(ends, word.start)
        side: Literal["top", "bottom"] | None = (
            "top" if word.top + word.height <= top_edge else "bottom" if word.top >= bottom_edge else None
        )
        verdict[i] = side if verdict.get(i, side) == side else None
    return {i: side for i, side in verdict.items() if side is not None}


def _shape(text: str) -> str:
    """A line with its digits folded, so "Seite 2" and "Seite 3" headers compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _letters(shape: str) -> str:
    """A shape with everything but letters, digits (folded to "#") and single spaces removed."""
    return " ".join(re.sub(r"[^\w#]+", " ", shape).split())


def drop_running_lines(lines: list[Line], page_count: int) -> list[Line]:
    """Drop running headers and footers: short lines that recur at the top or bottom of pages.

    Only lines near a page edge count (first or last two in reading order, or in the page's top
    or bottom band by their word boxes), and only when they recur on at least two pages at the
    same edge, so a phrase that merely repeats in the body ("Das HMSI …") is never dropped, nor
    the partner's name under the title on page 1 that recurs under the last page's signature
    ("der Landeshauptstadt Wiesbaden").
    """
    if page_count < 2:
        return _drop_recurring_numbered_lines(lines)
    by_page: dict[int, list[int]] = {}
    for idx, line in enumerate(lines):
        if line.text.strip():
            by_page.setdefault(line.page, []).append(idx)
    pages_at: dict[tuple[str, str], set[int]] = {}  # (shape, edge) -> pages it stands there on
    sides_of: dict[int, set[str]] = {}  # line index -> the edges it stands at
    for page, indexes in by_page.items():
        # the first and last two lines in reading order, and any line the page image puts in its
        # top or bottom band: Tesseract may read a footer between the columns of a signature block
        for i in indexes:
            edge = lines[i].edge
            sides: set[str] = (
                {edge}
                if edge
                else ({"top"} if i in indexes[:2] else set()) | ({"bottom"} if i in indexes[-2:] else set())
            )
            if sides:
                sides_of[i] = sides
            for side in sides:
                pages_at.setdefault((_shape(lines[i].text), side), set()).add(page)
    # a bare number is no running header: "2025" under the title folds to the same shape as a
    # page number OCR misread, and page numbers are dropped by _is_page_number already
    # nor is a line on the title page and the signature page only: both name the partner ("der
    # Landeshauptstadt Wiesbaden" ends page 1's text and the last page's), a running line would
    # stand on the pages between too
    title_and_last = {1, page_count}
    running = {
        key
        for key, pages in pages_at.items()
        if len(pages) >= 2
        and not (page_count >= 3 and pages == title_and_last)
        and len(key[0]) <= 120
        and any(c.isalpha() for c in key[0])
    }
    # OCR reads the same header a little differently on each page ("AQB 2020 | Stadt Offenbach",
    # "AGB 2020 | Stadt Offenbach"): near-identical lines at one edge of two pages count as one.
    # Only lines with a number (a year, a page) qualify: "dem Lahn-Dill-Kreis" on page 1 and "des
    # Lahn-Dill-Kreises" under the last page's signature are as alike, and both are content.
    # Specks and strokes beside the line ("AGB 2025'| Hochtaunuskreis -") are no difference.
    numbered = [key for key in pages_at if len(key[0]) >= 12 and "#" in key[0]]
    for a, b in itertools.combinations(numbered, 2):
        if a[1] == b[1] and pages_at[a] != pages_at[b] and fuzz.ratio(_letters(a[0]), _letters(b[0])) >= 88:
            running.update((a, b))
    return [
        ln
        for i, ln in enumerate(lines)
        if not (
            any((_shape(ln.text), side) in running for side in sides_of.get(i, ()))
            and not HEADING_RE.match(ln.text)
        )
    ]


def _drop_recurring_numbered_lines(lines: list[Line]) -> list[Line]:
    """Text that went through OCR elsewhere arrives as one page, its page breaks gone, so running
    headers sit mid-text ("AQB 2019 | Rheingau-Taunus-Kreis", "AOB 2019 | …"). A short line with a
    number that recurs nearly alike is one; a heading, a place/date line or a sentence is not."""
    candidates = [
        i
        for i, ln in enumerate(lines)
        if 12 <= len(ln.text.strip()) <= 60
        and re.search(r"\d", ln.text)
        and not HEADING_RE.match(ln.text)
        and not PLACE_DATE_RE.match(ln.text)
        and not ln.text.rstrip().endswith((".", ",", ":", ";"))
    ]
    shapes = {i: _shape(lines[i].text) for i in candidates}
    drop: set[int] = set()
    for a, b in itertools.combinations(candidates, 2):
        if fuzz.ratio(shapes[a], shapes[b]) >= 88:
            drop.update((a, b))
    return [ln for i, ln in enumerate(lines) if i not in drop]


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Join words hyphenated across line breaks, keeping real hyphens.

    "Ausbildungs-" + "fähigkeit von" -> "Ausbildungsfähigkeit" + "von"; "Ausbildungs-" + "und …"
    stays a hyphen; "UN-" + "Behindertenrechtskonvention" (capital: a hyphenated compound) keeps
    its hyphen and loses the break. One blank line between the parts is tolerated, because
    Tesseract sometimes reports a paragraph break there.
    """
    out = list(lines)
    i = 0
    while i < len(out):
        text = out[i].text
        m = re.search(r"(\S*[A-Za-zÄÖÜäöüß])-$", text)
        if m and not text.rstrip().endswith(" -"):
            j = i + 1
            if j < len(out) and not out[j].text.strip():
                j += 1
            if j < len(out) and out[j].text.strip():
                nxt = out[j].text.lstrip()
                first, _, rest = nxt.partition(" ")
                if first.lower().rstrip(",.;:") not in KEEP_HYPHEN_BEFORE and first[:1].isalpha():
                    joined = text[:-1] + first if first[0].islower() else text + first
                    out[i] = Line(out[i].page, joined)
                    out[j] = Line(out[j].page, rest)
                    if not rest.strip():
                        del out[j]
                    if j == i + 2:
                        del out[i + 1]  # the blank line was OCR's paragraph guess, not the author's
        i += 1
    return out


@dataclass(frozen=True)
class Heading:
    index: int  # line index of the heading
    number: int
    title: str
    title_index: int  # line index of the title (same as index when on the heading line)
    raw: str


def _best_title_score(text: str, number: int, knowledge: Knowledge) -> float:
    titles = next((s.titles for s in knowledge.section_titles if s.number == number), ())
    cleaned = " ".join(text.split())
    return max(
        (fuzz.ratio(cleaned, t) if number != 5 else fuzz.partial_ratio(t, cleaned) for t in titles),
        default=0.0,
    )


def _next_nonblank(lines: Sequence[Line], start: int, limit: int = 3) -> int | None:
    for j in range(start, min(len(lines), start + limit)):
        if lines[j].text.strip():
            return j
    return None


def find_headings(lines: Sequence[Line], knowledge: Knowledge) -> list[Heading]:
    """Find § 1 … § 7 in order. A true "§" heading is taken on its shape alone; a reading that
    could be an ordinary number ("81", "S 1") needs its title to look like the known one. A "§"
    followed by a small word on its line is a reference in running text, never a heading."""
    found: list[Heading] = []
    last = 0
    for i, line in enumerate(lines):
        m = HEADING_RE.match(line.text)
        if not m or len(line.text.strip()) > 160:
            continue
        number = int(m["num"])
        if number <= last or number > 7:
            continue
        rest = m["rest"].strip()
        if not any(c.isalnum() for c in rest):
            rest = ""  # marks alone after the number ("$4    -" on a heavy scan of seed 140): specks
        if rest[:1].islower():
            continue  # a reference that a line break put first: "die in\n§ 5 vereinbarten Ziele"
        if rest:
            title, title_index = rest, i
        else:
            j = _next_nonblank(lines, i + 1)
            if j is None:
                continue
            title, title_index = lines[j].text.strip(), j
        sure_mark = m["mark"] == "§"
        score = _best_title_score(title, number, knowledge)
        if rest and not sure_mark and score < 75:
            continue  # "S 1 something" mid-text: not a heading
        if not sure_mark and score < 60 and not (m["mark"] in "$&" and not rest):
            continue
        found.append(Heading(i, number, title, title_index, line.text.strip()))
        last = number
    return found


_LEADING_SPECKS = re.compile(r"^(?:[^\w\s]{1,2}\s)+")


def _title_line_score(text: str, number: int, knowledge: Knowledge) -> float:
    """How nearly a whole line *is* the known title of § ``number`` (§ 5's title continues with
    the partner's name, so only its fixed start is compared)."""
    titles = next((s.titles for s in knowledge.section_titles if s.number == number), ())
    # specks before the title ("“ . Ziele für die Umsetzung …" under a "§ 5" read as "8", a heavy
    # scan of seed 226) are no part of it
    cleaned = _LEADING_SPECKS.sub("", " ".join(text.split()))
    if number == 5:
        return max(
            (fuzz.ratio(cleaned[: len(t)], t) for t in titles if len(cleaned) <= len(t) + 60), default=0.0
        )
    return max((fuzz.ratio(cleaned, t) for t in titles), default=0.0)


def recover_by_title(lines: Sequence[Line], found: Sequence[Heading], knowledge: Knowledge) -> list[Heading]:
    """Find headings whose § line OCR lost or garbled beyond recognition ("42 B") by their title:
    a line that is the known title nearly to the letter, in its place between the neighbours."""
    result = list(found)
    for number in range(1, 8):
        if any(h.number == number for h in result):
            continue
        prev = max((h for h in result if h.number < number), key=lambda h: h.number, default=None)
        nxt = min((h for h in result if h.number > number), key=lambda h: h.number, default=None)
        lo = prev.title_index + 1 if prev else 0
        hi = nxt.index if nxt else len(lines)
        for j in range(lo, hi):
            if not lines[j].text.strip() or _title_line_score(lines[j].text, number, knowledge) < 90:
                continue
            k = j - 1
            while k >= lo and not lines[k].text.strip():
                k -= 1
            index = k if k >= lo and len(lines[k].text.strip()) <= 6 else j
            result.append(Heading(index, number, lines[j].text.strip(), j, lines[index].text.strip()))
            break
    return sorted(result, key=lambda h: h.index)


def _block(lines: Sequence[Line]) -> str:
    return "\n".join(ln.text for ln in lines).strip("\n")


def _part(lines: Sequence[Line]) -> Part:
    text = _block(lines)
    page = next((ln.page for ln in lines if ln.text.strip()), None)
    return Part(text=text, raw=text, page=page)


def _find_tail_start(lines: Sequence[Line], start: int) -> int:
    """The signature block starts at the first "Place, den …" line after ``start``."""
    for i in range(start, len(lines)):
        if PLACE_DATE_RE.match(lines[i].text):
            return i
    return len(lines)


def lines_to_parts(lines: Sequence[Line], headings: Sequence[Heading]) -> SplitDocument:
    """Cut the lines at the headings; the text before is the head (and Präambel), the text
    after § 7's body (or the last section found) from the first place/date line on is the tail."""
    first = headings[0].index if headings else len(lines)
    pre = next((i for i in range(first) if PREAMBLE_RE.match(lines[i].text)), None)
    sections: list[Section] = []
    head_end = pre if pre is not None else first
    if pre is not None:
        body = lines[pre + 1 : first]
        p = _part(body)
        sections.append(
            Section(
                number=0,
                title="Präambel",
                title_raw=lines[pre].text.strip(),
                text=p.text,
                raw=p.raw,
                page=lines[pre].page,
            )
        )
    tail_start = len(lines)
    for k, h in enumerate(headings):
        end = headings[k + 1].index if k + 1 < len(headings) else len(lines)
        if k + 1 == len(headings):
            tail_start = _find_tail_start(lines, h.title_index + 1)
            end = tail_start
        body_lines = list(lines[h.title_index + 1 : end])
        if h.title_index == h.index:
            body_lines = list(lines[h.index + 1 : end])
        p = _part(body_lines)
        sections.append(
            Section(
                number=h.number,
                title=" ".join(h.title.split()),
                title_raw=h.title,
                text=p.text,
                raw=p.raw,
                page=lines[h.index].page,
            )
        )
    if not headings:
        tail_start = _find_tail_start(lines, head_end)
    return SplitDocument(
        head=_part(lines[:head_end]), sections=tuple(sections), tail=_part(lines[tail_start:])
    )


def clean_lines(doc: DocumentText) -> list[Line]:
    """The page texts as one list of lines without page furniture, hyphenation joined."""
    lines = pages_to_lines(doc)
    lines = drop_running_lines(lines, len(doc.pages))
    return join_hyphenated(lines)


def split_sections(doc: DocumentText, knowledge: Knowledge | None = None) -> SplitDocument:
    """Clean the text and cut it into parts (``text`` and ``raw`` are equal until repair)."""
    knowledge = knowledge or load_knowledge()
    lines = clean_lines(doc)
    headings = recover_by_title(lines, find_headings(lines, knowledge), knowledge)
    return lines_to_parts(lines, headings)
