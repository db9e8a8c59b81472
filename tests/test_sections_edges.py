"""Running headers and footers found by where their words sit on the page image, not only by
where OCR put them in reading order."""

from __future__ import annotations

from aqb_extract.models import DocumentText, PageText, Word
from aqb_extract.sections import EDGE_BAND, clean_lines, pages_to_lines, restore_block_order

HEIGHT = 3508  # A4 at 300 dpi


def page(number: int, rows: list[tuple[str, float]]) -> PageText:
    """A page whose lines (text, top as a share of the page height) each carry word boxes."""
    text = ""
    words: list[Word] = []
    for line, top in rows:
        for token in line.split():
            start = len(text)
            text += token + " "
            words.append(
                Word(text=token, conf=0.9, start=start, left=100, top=int(top * HEIGHT), width=80, height=40)
            )
        text = text.rstrip(" ") + "\n"
    return PageText(number=number, text=text, words=tuple(words), width=2480, height=HEIGHT)


FOOTER = "Zielvereinbarung 2016 – Landkreis Gießen"
BODY = "Der Landkreis Gießen finanziert mit den Mitteln Maßnahmen."


def test_footer_read_between_signature_columns_is_dropped() -> None:
    pages = (
        page(1, [("Zielvereinbarung", 0.14), (BODY, 0.3), ("Mehr Text.", 0.5), (FOOTER, 0.95)]),
        page(2, [(BODY, 0.2), ("Noch mehr Text.", 0.5), (FOOTER, 0.95)]),
        # Tesseract read the left signature column, then the footer, then the right column
        page(
            3,
            [
                ("Wiesbaden, den 16.8.16", 0.30),
                ("Stefan Grüttner", 0.40),
                ("Staatsminister", 0.42),
                (FOOTER, 0.95),
                ("Gießen, den 11. September 2016", 0.30),
                ("Süheyla Kühn-Weißbrod", 0.40),
                ("Landrätin", 0.42),
            ],
        ),
    )
    doc = DocumentText(pages=pages, method="ocr")
    flagged = [ln.text for ln in pages_to_lines(doc) if ln.edge]
    assert flagged == [FOOTER] * 3
    texts = [ln.text for ln in clean_lines(doc)]
    assert FOOTER not in texts
    assert "Gießen, den 11. September 2016" in texts and "Landrätin" in texts


def test_a_line_at_the_edge_on_one_page_only_stays() -> None:
    pages = (
        page(1, [("Zielvereinbarung", 0.03), (BODY, 0.3)]),
        page(2, [("Noch mehr Text.", 0.2), ("Landrätin", 0.96)]),
    )
    texts = [ln.text for ln in clean_lines(DocumentText(pages=pages, method="ocr"))]
    assert texts == ["Zielvereinbarung", BODY, "Noch mehr Text.", "Landrätin"]


def test_body_lines_outside_the_band_and_text_without_boxes_are_no_edge_lines() -> None:
    inside = page(1, [("Kopf 2024", EDGE_BAND / 2), ("Text", EDGE_BAND + 0.01), ("Fuß 2024", 0.97)])
    assert [ln.edge for ln in pages_to_lines(DocumentText(pages=(inside,), method="ocr"))] == [
        "top",
        None,
        "bottom",
    ]
    plain = PageText(number=1, text="Kopf 2024\nText\nFuß 2024\n")
    assert not any(ln.edge for ln in pages_to_lines(DocumentText(pages=(plain,), method="text")))


def test_a_line_with_one_word_inside_the_body_is_no_edge_line() -> None:
    p = page(1, [("Kopf 2024 Text", 0.03)])
    moved = p.words[2].model_copy(update={"top": int(0.5 * HEIGHT)})
    p = p.model_copy(update={"words": (*p.words[:2], moved)})
    assert [ln.edge for ln in pages_to_lines(DocumentText(pages=(p,), method="ocr"))] == [None]


def test_running_header_with_specks_matches_its_clean_copies() -> None:
    pages = (
        page(1, [("Zielvereinbarung", 0.14), ("Präambel", 0.5)]),
        page(2, [("AOB 2025 | Hochtaunuskreis", 0.04), ("Text zwei.", 0.5)]),
        page(3, [("AOB 2025 | Hochtaunuskreis", 0.04), ("Text drei.", 0.5)]),
        # read in the middle of the last page, and with specks around it
        page(
            4,
            [
                ("Wiesbaden, den 1.2.25", 0.2),
                ("Heike Hofmann", 0.3),
                ("AGB 2025'| Hochtaunuskreis -", 0.04),
                ("Staatsministerin", 0.32),
                ("Landrat", 0.34),
            ],
        ),
    )
    texts = [ln.text for ln in clean_lines(DocumentText(pages=pages, method="ocr"))]
    assert texts == [
        "Zielvereinbarung",
        "Präambel",
        "Text zwei.",
        "Text drei.",
        "Wiesbaden, den 1.2.25",
        "Heike Hofmann",
        "Staatsministerin",
        "Landrat",
    ]


def blocks(rows: list[tuple[str, float, int]]) -> PageText:
    """A page of OCR blocks in reading order: (text, top as a share of the page height, left)."""
    text = ""
    words: list[Word] = []
    for line, top, left in rows:
        if text:
            text += "\n\n"
        for k, token in enumerate(line.split()):
            if k:
                text += " "
            words.append(
                Word(
                    text=token,
                    conf=0.9,
                    start=len(text),
                    left=left + 90 * k,
                    top=int(top * HEIGHT),
                    width=80,
                    height=40,
                )
            )
            text += token
    return PageText(number=4, text=text, words=tuple(words), width=2480, height=HEIGHT)


def test_a_block_read_before_the_blocks_above_it_is_put_back() -> None:
    # heavy scan of seed 124: "Kai Klose" under a stamp read first, before page 4's header
    p = blocks(
        [
            ("Kai Klose", 0.55, 230),
            ("Zielvereinbarung 2021 - Kreis Offenbach", 0.03, 1200),
            ("Die Zielvereinbarungen werden veröffentlicht.", 0.40, 230),
            ("Wiesbaden, den 17. September 2021", 0.50, 230),
            ("Staatsminister", 0.58, 230),
        ]
    )
    texts = [ln.text for ln in pages_to_lines(DocumentText(pages=(p,), method="ocr")) if ln.text]
    assert texts == [
        "Zielvereinbarung 2021 - Kreis Offenbach",
        "Die Zielvereinbarungen werden veröffentlicht.",
        "Wiesbaden, den 17. September 2021",
        "Kai Klose",
        "Staatsminister",
    ]
    moved = restore_block_order(p)
    assert all(moved.text[w.start : w.start + len(w.text)] == w.text for w in moved.words)


def test_signature_columns_read_one_after_the_other_keep_their_order() -> None:
    p = blocks(
        [
            ("Wiesbaden, den 8.8.23", 0.50, 230),
            ("Kai Klose Staatsminister", 0.56, 230),
            ("Kassel, den 8.9.2023", 0.50, 1300),
            ("Sven Schoeller Oberbürgermeister", 0.56, 1300),
        ]
    )
    assert restore_block_order(p) == p
