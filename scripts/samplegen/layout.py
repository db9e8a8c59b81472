"""A small line-by-line page layout for the agreements (A4, standard PDF fonts).

Why not reportlab's platypus: the samples need to know exactly which line lands on which page
(the true text must have the page headers and footers where the scan has them) and where the
signature block sits (the scan draws a signature, a stamp and handwritten dates there). A greedy
line breaker over :func:`reportlab.pdfbase.pdfmetrics.stringWidth` gives both for ~150 lines of code.
Coordinates here are points from the top-left corner of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts
from .fonts import BOLD
from .spec import DocSpec
from .text import Block, compose, place_line, signature_lines

PAGE_W, PAGE_H = float(A4[0]), float(A4[1])
fonts.register()


@dataclass(frozen=True)
class PLine:
    page: int  # 0-based
    x: float
    y: float  # baseline, from the top
    text: str
    font: str
    size: float
    justify_to: float = 0.0  # stretch the word spaces to this width (0: set as is)
    role: str = "body"  # body | header | footer | sig


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class SigAnchor:
    """Where one side's signature block is: the scan draws the signature into ``sign``, a stamp
    over ``text`` (name, role, institution) and a handwritten date onto ``date``."""

    sign: Box
    text: Box
    date: Box


@dataclass(frozen=True)
class Laid:
    pages: int
    lines: tuple[PLine, ...]
    rules: tuple[Box, ...]  # drawn lines (the blank for a handwritten date); y0 == y1
    anchors: tuple[SigAnchor, SigAnchor]

    def text(self, furniture: bool = True) -> str:
        """The text of the printed pages, in reading order: lines top to bottom, lines on one
        baseline (the side-by-side signature block) joined by spaces, pages split by form feeds.
        ``furniture=False`` leaves out page headers and footers (the truth for CER is the
        agreement's content: the pipeline drops furniture by design)."""
        out = []
        for page in range(self.pages):
            rows: dict[float, list[PLine]] = {}
            for ln in self.lines:
                if ln.page == page and (furniture or ln.role not in ("header", "footer")):
                    rows.setdefault(round(ln.y, 1), []).append(ln)
            texts = [
                "    ".join(ln.text for ln in sorted(row, key=lambda r: r.x))
                for _, row in sorted(rows.items())
            ]
            out.append("\n".join(texts))
        return "\n\f\n".join(out) + "\n"


def width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def wrap(text: str, font: str, size: float, max_w: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        cand = f"{cur} {word}" if cur else word
        if cur and width(cand, font, size) > max_w:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


class _Flow:
    """Places lines top to bottom, starting a new page when the next line does not fit."""

    def __init__(self, spec: DocSpec) -> None:
        self.spec = spec
        lay = spec.layout
        self.x0 = lay.margin_left
        self.x1 = PAGE_W - lay.margin_right
        self.top = lay.margin_top
        self.bottom = PAGE_H - lay.margin_bottom
        self.page = 0
        self.y = self.top
        self.lines: list[PLine] = []
        self.rules: list[Box] = []

    def lead(self, size: float) -> float:
        return size * self.spec.layout.leading

    def room(self) -> float:
        return self.bottom - self.y

    def new_page(self) -> None:
        self.page += 1
        self.y = self.top

    def ensure(self, height: float) -> None:
        if self.room() < height and self.y > self.top:
            self.new_page()

    def put(
        self, text: str, font: str, size: float, x: float, justify_to: float = 0.0, role: str = "body"
    ) -> PLine:
        lead = self.lead(size)
        self.ensure(lead)
        line = PLine(self.page, x, self.y + lead * 0.78, text, font, size, justify_to, role)
        self.lines.append(line)
        self.y += lead
        return line

    def space(self, amount: float) -> None:
        if self.y > self.top:
            self.y = min(self.y + amount, self.bottom)


def _block_lines(flow: _Flow, block: Block) -> tuple[list[tuple[str, float, float]], str, float, float]:
    """(lines as (text, x, justify_to), font, size, space after) for one block."""
    lay = flow.spec.layout
    size = lay.size
    font, bold = lay.font, BOLD[lay.font]
    avail = flow.x1 - flow.x0
    if block.kind == "title":
        s = size * 1.9
        return [(block.text, (PAGE_W - width(block.text, bold, s)) / 2, 0.0)], bold, s, size * 0.6
    if block.kind == "year":
        s = size * 1.5
        return [(block.text, (PAGE_W - width(block.text, bold, s)) / 2, 0.0)], bold, s, size * 1.4
    if block.kind in ("center", "heading", "amount"):
        f = font if block.kind == "center" else bold
        after = {"center": size * 0.7, "heading": size * 0.5, "amount": size * 0.9}[block.kind]
        lines = wrap(block.text, f, size, avail)
        return (
            [(t, (PAGE_W - width(t, f, size)) / 2 + (flow.x0 - lay.margin_right) / 2, 0.0) for t in lines],
            f,
            size,
            after,
        )
    if block.kind == "subheading":
        return [(block.text, flow.x0, 0.0)], bold, size, size * 0.5
    if block.kind == "cat":
        return [(t, flow.x0, 0.0) for t in wrap(block.text, font, size, avail)], font, size, size * 0.25
    if block.kind == "item":
        tx = flow.x0 + (14.0 if block.bullet else 0.0)
        lines = wrap(block.text, font, size, flow.x1 - tx)
        out = [(t, tx, 0.0) for t in lines]
        if block.bullet:  # the bullet hangs left of the text
            lead_in = block.bullet + " "
            out[0] = (lead_in + lines[0], tx - width(lead_in, font, size), 0.0)
        return out, font, size, size * 0.2
    # para
    lines = wrap(block.text, font, size, avail)
    just = [avail if lay.justify and i < len(lines) - 1 else 0.0 for i in range(len(lines))]
    return [(t, flow.x0, j) for t, j in zip(lines, just, strict=True)], font, size, size * 0.75


def _signature_block(flow: _Flow) -> tuple[SigAnchor, SigAnchor]:
    spec = flow.spec
    lay = spec.layout
    size = lay.size
    lead = flow.lead(size)
    gap = lead * 3.4
    font = lay.font
    flow.space(lead * 1.5)

    def column(side: int) -> tuple[float, list[tuple[str, float]]]:
        rows: list[tuple[str, float]] = []  # (text, y offset)
        rows.append((place_line(spec, side), 0.0))
        y = lead + gap
        for t in signature_lines(spec, side):
            rows.append((t, y))
            y += lead
        return y, rows

    def anchors(side: int, x: float, y0: float, col_w: float, rows: list[tuple[str, float]]) -> SigAnchor:
        page = flow.page
        place = rows[0][0]
        px1 = x + width(place, font, size)
        date = Box(page, px1 + 4, y0, px1 + 4 + 95, y0 + lead)
        if spec.signers[side].handwritten:
            base = y0 + lead * 0.78 + 2
            flow.rules.append(Box(page, date.x0, base, date.x1, base))
        sign = Box(page, x, y0 + lead, x + min(col_w, 200), y0 + lead + gap)
        text_w = max(width(t, font, size) for t, _ in rows[1:])
        text = Box(page, x, y0 + lead + gap, x + text_w, y0 + lead + gap + lead * (len(rows) - 1))
        return SigAnchor(sign, text, date)

    if lay.side_by_side:
        col_w = (flow.x1 - flow.x0) / 2
        h0, rows0 = column(0)
        h1, rows1 = column(1)
        flow.ensure(max(h0, h1))
        y0 = flow.y
        for x, rows in ((flow.x0, rows0), (flow.x0 + col_w, rows1)):
            for t, dy in rows:
                flow.lines.append(PLine(flow.page, x, y0 + dy + lead * 0.78, t, font, size, role="sig"))
        a0 = anchors(0, flow.x0, y0, col_w, rows0)
        a1 = anchors(1, flow.x0 + col_w, y0, col_w, rows1)
        flow.y = y0 + max(h0, h1)
        return a0, a1
    out = []
    for side in (0, 1):
        h, rows = column(side)
        flow.ensure(h)
        y0 = flow.y
        for t, dy in rows:
            flow.lines.append(PLine(flow.page, flow.x0, y0 + dy + lead * 0.78, t, font, size, role="sig"))
        out.append(anchors(side, flow.x0, y0, flow.x1 - flow.x0, rows))
        flow.y = y0 + h + lead * 1.5
    return out[0], out[1]


def _headers(spec: DocSpec, pages: int) -> list[PLine]:
    lay = spec.layout
    size = lay.size * 0.8
    out = []
    for page in range(pages):
        if lay.header and page > 0:
            text = (
                f"Zielvereinbarung {spec.year} – {spec.partner_form}"
                if lay.header == 1
                else f"AQB {spec.year} | {spec.partner_form}"
            )
            out.append(
                PLine(
                    page,
                    PAGE_W - lay.margin_right - width(text, lay.font, size),
                    lay.margin_top - 26,
                    text,
                    lay.font,
                    size,
                    role="header",
                )
            )
        n = page + 1
        foot = (f"Seite {n} von {pages}", f"- {n} -", str(n))[lay.footer]
        out.append(
            PLine(
                page,
                (PAGE_W - width(foot, lay.font, size)) / 2,
                PAGE_H - lay.margin_bottom + 34,
                foot,
                lay.font,
                size,
                role="footer",
            )
        )
    return out


def lay_out(spec: DocSpec) -> Laid:
    flow = _Flow(spec)
    blocks = compose(spec)
    for i, block in enumerate(blocks):
        if block.kind == "pagebreak":
            flow.new_page()
            continue
        lines, font, size, after = _block_lines(flow, block)
        if block.kind == "title":
            flow.y += 40 if not spec.layout.title_page else 150
        if block.kind == "heading" and block.text.startswith(("§", "Präambel")):
            flow.space(spec.layout.size * 0.9)
        if block.kind in ("heading", "cat", "subheading"):
            # keep a heading with the first lines of what follows it
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            extra = 3 if nxt is not None and nxt.kind != "heading" else 4
            flow.ensure(flow.lead(size) * (len(lines) + extra))
        if block.kind == "item":
            flow.ensure(flow.lead(size) * len(lines))
        for text, x, just in lines:
            flow.put(text, font, size, x, just)
        flow.space(after)
    anchors = _signature_block(flow)
    pages = flow.page + 1
    return Laid(pages, tuple(flow.lines) + tuple(_headers(spec, pages)), tuple(flow.rules), anchors)


def fit(spec: DocSpec, lo: int = 3, hi: int = 5) -> tuple[DocSpec, Laid]:
    """Lay out ``spec``; nudge font size and title page until it has ``lo``..``hi`` pages (real
    agreements have 3 to 5). The adjustment is deterministic, so it keeps the corpus reproducible."""
    tries = [spec.layout]
    for size in (
        spec.layout.size + 0.5,
        spec.layout.size + 1.0,
        spec.layout.size - 0.5,
        spec.layout.size - 1.0,
    ):
        for title_page in (spec.layout.title_page, not spec.layout.title_page):
            tries.append(replace(spec.layout, size=size, title_page=title_page))
    for layout in tries:
        cand = replace(spec, layout=layout)
        laid = lay_out(cand)
        if lo <= laid.pages <= hi:
            return cand, laid
    raise ValueError(f"{spec.name}: cannot fit into {lo}..{hi} pages")
