"""Born-digital PDF of a laid-out agreement, with reportlab's standard fonts.

Helvetica and Times are built into every PDF reader (no font files to ship or install) and their
WinAnsi encoding covers ä ö ü ß § „ “ – € •. ``invariant=1`` drops the creation date and random
document id, so the same spec gives byte-identical PDFs.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from .layout import PAGE_H, PAGE_W, Laid, width
from .spec import DocSpec


def render_pdf(spec: DocSpec, laid: Laid, path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(f"Zielvereinbarung {spec.year}")
    c.setAuthor("HMSI")
    for page in range(laid.pages):
        for ln in laid.lines:
            if ln.page != page:
                continue
            t = c.beginText()
            t.setTextOrigin(ln.x, PAGE_H - ln.y)
            t.setFont(ln.font, ln.size)
            gaps = ln.text.count(" ")
            # word spacing is graphics state and outlives the text object: set it on every line
            stretch = (
                (ln.justify_to - width(ln.text, ln.font, ln.size)) / gaps if ln.justify_to and gaps else 0.0
            )
            t.setWordSpace(stretch)
            t.textOut(ln.text)
            c.drawText(t)
        c.setLineWidth(0.6)
        for r in laid.rules:
            if r.page == page:
                c.setDash(1, 2)
                c.line(r.x0, PAGE_H - r.y0, r.x1, PAGE_H - r.y1)
                c.setDash()
        c.showPage()
    c.save()
