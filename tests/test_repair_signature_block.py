"""Scan noise in the signature block: what stamps and signatures leave as letters goes, names,
roles, places and every digit stay.

Every "noise" example is a real reading from the sample scans (``make eval`` diffs their signature
blocks against the true text); the kept lines are signature-block text the rule must not touch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aqb_extract.config import Settings
from aqb_extract.knowledge import load_knowledge
from aqb_extract.pipeline import extract_document
from aqb_extract.repair import raw_span, repair_signature_block, token_pairs

K = load_knowledge()
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # sample 22 (heavy scan): a stamp and a scribble between the two columns
        (
            "Kai Klose    R \n\n78    ER\n§ 7 5    Matthias Bräutigam  __-",
            "Kai Klose     \n\n78    \n 7 5    Matthias Bräutigam  ",
        ),
        ("Staatsminister    Sr    Landrat", "Staatsminister    Sr    Landrat"),
        (
            "Hessisches Ministerium    x    des Kreises Offenbach",
            "Hessisches Ministerium        des Kreises Offenbach",
        ),
        ("Se    /\n/\n\n\\e\\", "    \n\n\n"),
        # sample 23: shards around the partner's signature
        ("Heike Hofmann  -\nStaatsministerin N", "Heike Hofmann  \nStaatsministerin "),
        ("&    E JE)\nGötz Oyan,    DH", "     \nGötz Oyan,    "),
        # sample 20, sample 24, seed 001
        ("Anja von Bülow    es\nOberbürgermeisterin", "Anja von Bülow    \nOberbürgermeisterin"),
        ("ÄSTN\n\nKai Klose\n\nII\n\nGönül Becker", "ÄSTN\n\nKai Klose\n\n\n\nGönül Becker"),
        # heavy scan of seed 242: lines of nothing but shards, and a signature's strokes run into a role
        (
            "Wiesbaden, den  24118 \n\nAs\n eK\n\nStefan Grüttner",
            "Wiesbaden, den  24118 \n\n\n \n\nStefan Grüttner",
        ),
        (
            "Susanne Nöll\nOberbürgermeisterin—____\nder Stadt Kassel.",
            "Susanne Nöll\nOberbürgermeisterin\nder Stadt Kassel.",
        ),
        # letters beside a number stay: "Z" was the first "2" of "22.4.18" in ink (seed 245)
        ("Kassel, den Z 2.4.18: ==", "Kassel, den Z 2.4.18: "),
        # after the number they are shards (seed 244, the stamp's ink taken out)
        ("Wiesbaden, den 29.09.2021° © S", "Wiesbaden, den 29.09.2021°  "),
    ],
)
def test_signature_noise_goes(raw: str, fixed: str) -> None:
    repaired = repair_signature_block(raw, K)
    assert repaired.text == fixed
    assert token_pairs(raw, repaired.text) is not None  # the whitespace skeleton is kept
    assert all(c.reason for c in repaired.changes)


@pytest.mark.parametrize(
    "text",
    [
        "Wiesbaden, den 19.07.2021    Dietzenbach, den 17. August 2021",
        # digits, and letters in one column with them, stay: they may be a date in ink (seed 001)
        "Wiesbaden, den 7. 7 207 -4 Groß-Gerau, den AS O 2024",
        "Frankfurt a. M., den 3. Mai 2019",
        "Offenbach am Main, den 11. September 2020",
        "i. V. Dr. Martina G. Hoffmann",
        "Anja von Bülow\nOberbürgermeisterin\nder documenta Stadt Kassel",
        "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales (HMSI)",
        "Jutta Kühn-Weißbrod\nErste Kreisbeigeordnete\ndes Landkreises Kassel",
        "Landrat/Landrätin des Main-Kinzig-Kreises",
        "KAI KLOSE    SVEN SCHOELLER\nSTAATSMINISTER    OBERBÜRGERMEISTER",
        "gez. Kai Klose\nals Vertreter des Landrats",
        "i. V.\nKai Klose",
        "Hessisches Ministerium    des Werra-Meißner-\nfür Soziales und Integration    Kreises",
    ],
)
def test_signature_text_stays(text: str) -> None:
    assert repair_signature_block(text, K).text == text


def test_signature_repair_is_idempotent_and_maps_back() -> None:
    raw = "Kai Klose    R \n\n78    ER\n§ 7 5    Matthias Bräutigam  __-\nStaatsminister    Sr    Landrat"
    once = repair_signature_block(raw, K)
    assert repair_signature_block(once.text, K).text == once.text
    at = once.text.index("Matthias")
    start, end = raw_span(raw, once.text, at, at + len("Matthias Bräutigam"))
    assert raw[start:end] == "Matthias Bräutigam"
    removed = {c.raw for c in once.changes}
    assert {"R", "ER", "§", "__-"} <= removed


def test_heavy_scan_signature_block_loses_its_shards() -> None:
    """Real Tesseract on sample 22: the shards go, both signatories stay right."""
    extraction = extract_document(SAMPLES / "22_scan200-heavy_2021_kreis-offenbach.pdf", Settings())
    assert extraction.repaired is not None
    tail = extraction.repaired.tail
    assert "ER" in tail.raw.split() and "__-" in tail.raw.split()
    assert "ER" not in tail.text.split() and "__-" not in tail.text.split()
    names = [s.name for s in extraction.record.signatories]
    assert names == ["Kai Klose", "Matthias Bräutigam"]
