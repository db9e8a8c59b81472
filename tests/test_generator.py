"""The sample generator and the committed corpus in ``samples/``.

The samples are the yardstick for the whole pipeline, so these tests check the yardstick itself:
the same seed gives the same corpus (and the committed files are that corpus), the expected values
agree with the public facts and with ``corrections/``, and the corpus stays within its budget of
size and OCR time.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT / "scripts"))

from samplegen import corpus, facts  # noqa: E402
from samplegen.spec import (  # noqa: E402
    SCANNED,
    dative,
    draw_spec,
    expected,
    format_amount,
    format_date,
    genitive,
    nominative,
)
from samplegen.text import plain_text  # noqa: E402

from aqb_extract.knowledge import load_knowledge  # noqa: E402


@pytest.fixture(scope="module")
def planned() -> list[corpus.Planned]:
    return corpus.plan()


def _committed() -> dict[str, dict[str, Any]]:
    return {
        p.name[: -len(".expected.json")]: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(SAMPLES.glob("*.expected.json"))
    }


# --------------------------------------------------------------------------- reproducibility


def test_same_seed_same_corpus(planned: list[corpus.Planned]) -> None:
    again = corpus.plan()
    assert [expected(p.spec, p.laid.pages) for p in planned] == [
        expected(p.spec, p.laid.pages) for p in again
    ]
    assert [p.laid.text() for p in planned] == [p.laid.text() for p in again]


def test_other_seed_other_corpus(planned: list[corpus.Planned]) -> None:
    other = corpus.plan(seed=corpus.DEFAULT_SEED + 1)
    assert [p.spec.amount_cents for p in planned] != [p.spec.amount_cents for p in other]


def test_committed_samples_are_the_generated_corpus(planned: list[corpus.Planned]) -> None:
    """``samples/`` must be what ``make samples`` writes: expected values, truths and clean texts."""
    committed = _committed()
    for item in planned:
        name = item.spec.name
        assert name in committed, f"{name} missing from samples/: run make samples"
        assert committed[name] == expected(item.spec, item.laid.pages), (
            f"{name}: expected.json differs from generator"
        )
        truth = (SAMPLES / f"{name}.truth").read_text(encoding="utf-8")
        assert truth == item.laid.text(furniture=False) or item.spec.variant == "txt", name
        if item.spec.variant == "txt" and not item.entry.txt_layout:
            assert (SAMPLES / f"{name}.txt").read_text(encoding="utf-8") == plain_text(item.spec) == truth
    generated = {p.spec.name for p in planned}
    extra = {n for n in committed if n not in generated and not n.startswith("seed_")}
    assert not extra, f"stale samples not written by the generator: {sorted(extra)}"


# --------------------------------------------------------------------------- facts


def test_generator_facts_agree_with_corrections() -> None:
    """Two independent copies of facts.md: a slip in either shows up here."""
    k = load_knowledge()
    mine = {p.ags: (p.kind, p.name, p.forms, p.seat) for p in facts.PARTNERS}
    theirs = {p.ags: (p.kind, p.name, p.forms, p.seat) for p in k.partners}
    assert mine == theirs
    for year in facts.YEARS:
        names = [m.name for m in k.ministries if m.covers(year)]
        assert names == [facts.ministry_name(year)], year
        ministers = [(m.name, m.role) for m in k.ministers if m.covers(year)]
        assert ministers == [facts.minister(year)], year
    roles = {r.name for r in k.roles if r.side == "partner"}
    for m, f, _ in facts.ROLES_LANDKREIS + facts.ROLES_STADT:
        assert {m, f} <= roles
    for number, name in facts.CATEGORY_NAMES.items():
        cat = next(c for c in k.categories if c.number == number)
        assert cat.name == name
        assert set(facts.CATEGORY_VARIANTS[number]) <= set(cat.variants)


def test_facts_table_is_complete() -> None:
    assert len(facts.PARTNERS) == 26
    assert len({p.ags for p in facts.PARTNERS}) == 26
    assert all(p.ags.startswith("06") and len(p.ags) == 5 for p in facts.PARTNERS)
    assert Counter(p.kind for p in facts.PARTNERS) == {"Landkreis": 21, "kreisfreie Stadt": 5}


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.expected.json")), ids=lambda p: p.name)
def test_expected_values_agree_with_facts(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    year = data["year"]
    assert 2016 <= year <= 2026
    p = data["partner"]
    fact = facts.partner_by_ags(p["ags"])
    assert (p["name"], p["kind"]) == (fact.name, fact.kind)
    assert data["ministry"] == {"name": facts.ministry_name(year), "abbreviation": "HMSI"}
    ministry, partner = data["signatories"]
    assert (ministry["side"], partner["side"]) == ("ministry", "partner")
    assert (ministry["name"], ministry["role"], ministry["place"]) == (*facts.minister(year), "Wiesbaden")
    assert partner["place"] == fact.seat
    roles = facts.ROLES_STADT if fact.kind == "kreisfreie Stadt" else facts.ROLES_LANDKREIS
    assert partner["role"] in {r for m, f, _ in roles for r in (m, f)}
    for s in (ministry, partner):
        if s["date"] is not None:
            assert dt.date.fromisoformat(s["date"]).year == year
    assert data["amount_eur"] > 0
    assert 1 <= len(data["projects"]) <= 12
    cats = [q["category"] for q in data["projects"]]
    assert cats == sorted(cats) and set(cats) <= {1, 2, 3, 4}
    assert all(q["title"] and q["title"] == q["title"].strip() for q in data["projects"])
    assert sorted(data["section_titles"]) == [str(n) for n in range(1, 8)]
    assert data["variant"] in {"pdf", "txt", "txt-ocr", *SCANNED}


# --------------------------------------------------------------------------- coverage


def test_corpus_covers_what_matters(planned: list[corpus.Planned]) -> None:
    specs = [p.spec for p in planned]
    assert {s.partner.ags for s in specs} == {p.ags for p in facts.PARTNERS}
    assert {s.year for s in specs} == set(facts.YEARS)
    assert {s.variant for s in specs} == {"pdf", "txt", "txt-ocr", *SCANNED}
    scanned = [s for s in specs if s.variant in SCANNED]
    assert {s.partner.ags for s in scanned} >= {
        "06611",
        "06633",
        "06413",
        "06438",
        "06432",
    }  # twins, Darmstadt
    assert {facts.minister(s.year)[0] for s in scanned} == {"Stefan Grüttner", "Kai Klose", "Heike Hofmann"}
    counts = [len(s.project_titles()) for s in specs]
    assert min(counts) == 1 and max(counts) == 12
    assert any(len(line.titles) == 2 for s in specs for line in s.projects), "no 'A; B' pair"
    assert {s.bullet for s in specs} == {"-", "•", ""}
    assert {s.numbered for s in specs} == {True, False}
    assert any(s.signers[0].handwritten for s in scanned)
    assert {s.layout.side_by_side for s in specs} == {True, False}
    assert all(3 <= p.laid.pages <= 5 for p in planned)
    amounts = {s.amount_text.split()[-1] for s in specs}
    assert amounts == {"Euro", "€", "EUR"}
    dates = " ".join(sig.date_text for s in specs for sig in s.signers if not sig.handwritten)
    assert any(m in dates for m in facts.MONTHS)


def test_text_is_encodable_in_the_pdf_fonts(planned: list[corpus.Planned]) -> None:
    """The embedded fonts use WinAnsi (cp1252): any other character would print as a blank."""
    for p in planned:
        p.laid.text().replace("\f", "").encode("cp1252")


# --------------------------------------------------------------------------- wording


def test_declension() -> None:
    assert genitive("Landkreis Groß-Gerau") == "des Landkreises Groß-Gerau"
    assert genitive("Kreis Bergstraße") == "des Kreises Bergstraße"
    assert genitive("Lahn-Dill-Kreis") == "des Lahn-Dill-Kreises"
    assert genitive("Hochtaunuskreis") == "des Hochtaunuskreises"
    assert genitive("documenta Stadt Kassel") == "der documenta Stadt Kassel"
    assert dative("Landeshauptstadt Wiesbaden") == "der Landeshauptstadt Wiesbaden"
    assert dative("Main-Kinzig-Kreis") == "dem Main-Kinzig-Kreis"
    assert nominative("Wissenschaftsstadt Darmstadt") == "die Wissenschaftsstadt Darmstadt"


def test_amount_and_date_forms() -> None:
    assert format_amount(110_660_000, 0) == "1.106.600 Euro"
    assert format_amount(110_660_000, 1) == "1.106.600,00 €"
    assert format_amount(110_660_000, 2) == "1.106.600 EUR"
    assert format_amount(87_432_550, 0) == "874.325,50 €"  # cents are always written
    d = dt.date(2023, 8, 8)
    assert [format_date(d, i) for i in range(4)] == ["8.8.23", "08.08.2023", "8. August 2023", "8.8.2023"]
    assert format_date(dt.date(2019, 3, 12), 2) == "12. März 2019"


def test_handwritten_dates_are_expected_null() -> None:
    spec = draw_spec("x", "scan200-heavy", "06433", 2024, 7, handwritten=True)
    sig = expected(spec, 4)["signatories"]
    assert all(s["date"] is None and s["date_handwritten"] for s in sig)


# --------------------------------------------------------------------------- the files and their budget


def _pages(path: Path) -> int:
    if path.suffix == ".tif":
        from PIL import Image

        with Image.open(path) as im:
            return int(getattr(im, "n_frames", 1))
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def test_sample_files_and_budget(planned: list[corpus.Planned]) -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < corpus.MAX_TOTAL_BYTES, f"samples/ is {total / 2**20:.1f} MB"
    scanned_pages = 0
    for item in planned:
        spec = item.spec
        path = SAMPLES / f"{spec.name}{spec.ext}"
        assert path.is_file(), path
        if spec.ext in (".pdf", ".tif"):
            assert _pages(path) == item.laid.pages, path.name
        if spec.variant in SCANNED:
            scanned_pages += item.laid.pages
    assert scanned_pages <= corpus.MAX_SCANNED_PAGES
    assert not list(SAMPLES.rglob("*.truth.txt")), (
        "truth files must not end in .txt (extract would take them)"
    )
    for exp in SAMPLES.glob("*.expected.json"):
        stem = exp.name[: -len(".expected.json")]
        assert (SAMPLES / f"{stem}.truth").is_file(), stem


def test_scans_are_image_only(planned: list[corpus.Planned]) -> None:
    from PIL import Image
    from pypdf import PdfReader

    for item in planned:
        spec = item.spec
        path = SAMPLES / f"{spec.name}{spec.ext}"
        if spec.variant not in SCANNED:
            continue
        if spec.ext == ".tif":
            with Image.open(path) as im:
                assert im.mode == "1"
            continue
        for page in PdfReader(path).pages:
            assert not (page.extract_text() or "").strip(), f"{path.name} has a text layer"
            assert len(page.images) == 1, path.name


def test_born_digital_pdf_text_layer_is_the_truth(tmp_path: Path, planned: list[corpus.Planned]) -> None:
    """Rendering round trip: what pdfplumber reads back is the laid-out text (fonts embedded)."""
    import pdfplumber
    from samplegen.render import render_pdf

    item = next(p for p in planned if p.spec.variant == "pdf" and p.spec.layout.side_by_side)
    pdf = tmp_path / "x.pdf"
    render_pdf(item.spec, item.laid, pdf)
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert text.split() == item.laid.text().split()
