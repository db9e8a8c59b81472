"""The HTML review report: its files and contents, then the real thing in headless Chromium.

The browser tests are what matter to a reviewer: the pages render, report.js runs without an
error, sorting works, and the screenshot shows the highlight boxes over the page image. They skip
only on a developer machine without Chromium; in CI (``CI`` set) a missing browser is a failure,
so the report can never silently go untested.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest
from helpers.records import (
    OCR_SIZE,
    PAGE_1,
    all_records,
    draw_page,
    failed_record,
    gross_gerau,
    kassel_2023,
    write_out_dir,
)
from PIL import Image

from aqb_extract.errors import UsageError
from aqb_extract.models import Evidence, Project
from aqb_extract.review import MARKER, build_review

GG = "2024/gross-gerau.pdf"
HIGHLIGHT = (0x70, 0x48, 0xE8)  # --hl in style.css


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An extract output folder: four records, and page images for the scanned Groß-Gerau one."""
    page1, boxes = draw_page(PAGE_1)
    page2, _ = draw_page(["§ 6 Zielsteuerungsdialoge", "Seite 2"])
    out = tmp_path / "out"
    write_out_dir(out, all_records(boxes), {GG: [page1, page2]})
    return out


def _doc_page(index: Path, rel: str) -> Path:
    html = index.read_text(encoding="utf-8")
    match = re.search(r'<a href="(docs/[^"]+)">' + re.escape(rel) + "</a>", html)
    assert match, f"no link to {rel} in the overview"
    return index.parent / match.group(1)


# --------------------------------------------------------------------------- files and contents


def test_report_layout_and_order(out: Path) -> None:
    index = build_review(out)
    assert index == out / "review" / "index.html"
    root = index.parent
    for name in ("style.css", "report.js", MARKER):
        assert (root / name).is_file()
    assert len(list((root / "docs").glob("*.html"))) == 4
    html = index.read_text(encoding="utf-8")
    # failed first, then needs review, then ok
    order = [m.group(1) for m in re.finditer(r'data-path="([^"]+)"', html)]
    assert order == ["2024/leer.pdf", GG, "2023/gross-gerau.pdf", "2023/kassel.txt"]
    assert "1 failed" in html and "1 need review" in html and "2 ok" in html
    assert "The file is empty (0 bytes)" in html
    assert "signatories: confidence 0.55 below 0.60" in html


def test_everything_is_local_and_links_resolve(out: Path) -> None:
    """No CDN, no network: every src/href is a local file that exists (or an in-page anchor)."""
    root = build_review(out).parent
    pages = [root / "index.html", *sorted((root / "docs").glob("*.html"))]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            parts = urlsplit(url)
            if url.startswith("#") or url == "data:,":
                continue
            assert not parts.scheme, f"{page.name} refers to {url}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.name}: {url} does not exist"
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in html
    js = (root / "report.js").read_text(encoding="utf-8") + (root / "style.css").read_text(encoding="utf-8")
    assert "http" not in js and "@import" not in js


def test_boxes_are_placed_in_percent_of_the_ocr_page(out: Path) -> None:
    doc = _doc_page(build_review(out), GG).read_text(encoding="utf-8")
    _, boxes = draw_page(PAGE_1)
    left, top, width, height = boxes[1][0]  # the year "2024"
    w, h = OCR_SIZE
    x, y, bw, bh = (round(100 * v / total, 3) for v, total in ((left, w), (top, h), (width, w), (height, h)))
    expected = (
        f'data-key="year" data-label="year" title="year" '
        f'style="left: {x}%; top: {y}%; width: {bw}%; height: {bh}%"'
    )
    assert expected in doc
    assert doc.count('class="box" data-key="partner"') == 2  # "Landkreis" and "GroR-Gerau"
    assert 'src="../pages/' in doc
    # the field rows: value, raw text and warning side by side
    assert "Landkreis GroR-Gerau" in doc
    assert "date unreadable: &#39;7. 7 207 -4&#39;" in doc
    assert "§ 3 not found" in doc  # a warning that belongs to no field row still shows


def test_text_input_shows_raw_evidence_instead_of_images(out: Path) -> None:
    doc = _doc_page(build_review(out), "2023/kassel.txt").read_text(encoding="utf-8")
    assert "no page images" in doc
    assert "documenta Stadt Kassel" in doc and "1.106.600,00 €" in doc
    assert "<img" not in doc


def test_missing_pages_json_shows_images_without_boxes(out: Path) -> None:
    (out / "pages" / GG / "pages.json").unlink()
    doc = _doc_page(build_review(out), GG).read_text(encoding="utf-8")
    assert "<img" in doc
    assert 'class="box"' not in doc
    assert "pages.json is missing" in doc


def test_ocr_text_is_escaped(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    record = kassel_2023().model_copy(
        update={
            "projects": [Project(category=1, category_name="Ausbildungsvorbereitung", title=evil)],
            "evidence": {"projects[0]": Evidence(page=1, raw=evil)},
        }
    )
    write_out_dir(tmp_path / "out", [record])
    root = build_review(tmp_path / "out").parent
    for page in [root / "index.html", *(root / "docs").glob("*.html")]:
        assert "<script>alert" not in page.read_text(encoding="utf-8")


def test_chart_has_a_bar_per_document_with_amount(out: Path) -> None:
    html = build_review(out).read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="bar') == 3  # the failed document has no amount
    assert "Groß-Gerau" in svg and "Kassel" in svg
    assert "1.390.400,00 €" in svg
    assert 'class="bar doubtful"' in svg  # the needs-review amount is marked as such
    assert ">2023<" in svg and ">2024<" in svg


def test_bad_lines_are_reported_not_fatal(out: Path) -> None:
    with (out / "records.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"status": "maybe"}\n')
    html = build_review(out).read_text(encoding="utf-8")
    assert "records.jsonl line 5 is not a valid record" in html
    assert html.count("data-path=") == 4


def test_missing_records_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no records\.jsonl"):
        build_review(tmp_path)


def test_never_replaces_a_folder_that_is_not_a_report(out: Path, tmp_path: Path) -> None:
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError, match="not a review report"):
        build_review(out, mine)
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_rebuild_replaces_the_old_report(out: Path) -> None:
    root = build_review(out).parent
    (root / "docs" / "stale.html").write_text("old", encoding="utf-8")
    write_out_dir(out, [failed_record()])
    root = build_review(out).parent
    assert not (root / "docs" / "stale.html").exists()
    assert len(list((root / "docs").glob("*.html"))) == 1
    assert not list(root.parent.glob(".review.*"))  # no temp folders left


def test_source_path_cannot_escape_the_pages_folder(tmp_path: Path) -> None:
    record = gross_gerau().model_copy(
        update={"source": gross_gerau().source.model_copy(update={"path": "../../etc"})}
    )
    write_out_dir(tmp_path / "out", [record])
    doc = next((build_review(tmp_path / "out").parent / "docs").glob("*.html")).read_text(encoding="utf-8")
    assert "not a relative path" in doc


# --------------------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must run the browser tests (make system-test)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def _run_chromium(chromium: str, tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1280,1600",
        "--hide-scrollbars",
        *extra,
        url,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _console_messages(stderr: str) -> list[str]:
    """Everything the page logged or threw: report.js logs nothing, so any message is a bug."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def _highlight_pixels(png: Path, x_from: int) -> int:
    """Pixels of the highlight border colour right of ``x_from``."""
    image = Image.open(png).convert("RGB")
    pixels = np.asarray(image.crop((x_from, 0, image.width, image.height)), dtype=np.int32)
    distance = np.abs(pixels - np.array(HIGHLIGHT, dtype=np.int32)).sum(axis=2)
    return int((distance < 60).sum())


def test_console_check_catches_errors(chromium: str, tmp_path: Path) -> None:
    """The harness itself: a page that throws must be caught, or the other tests prove nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><link rel=icon href='data:,'><script>undefinedFunction();</script>", "utf-8"
    )
    result = _run_chromium(chromium, tmp_path, bad.as_uri(), "--dump-dom")
    assert any("undefinedFunction" in m for m in _console_messages(result.stderr))


def test_document_page_renders_with_highlights(chromium: str, out: Path, tmp_path: Path) -> None:
    doc = _doc_page(build_review(out), GG)
    shot = tmp_path / "doc.png"
    result = _run_chromium(chromium, tmp_path, doc.as_uri(), f"--screenshot={shot}")
    assert _console_messages(result.stderr) == []
    assert Image.open(shot).size == (1280, 1600)
    boxed = _highlight_pixels(shot, x_from=660)  # the page images are in the right column

    # the same document without evidence: no marks on the page
    plain = tmp_path / "plain"
    page1, _ = draw_page(PAGE_1)
    write_out_dir(plain, [gross_gerau()], {GG: [page1]})
    shot_plain = tmp_path / "plain.png"
    _run_chromium(
        chromium, tmp_path, _doc_page(build_review(plain), GG).as_uri(), f"--screenshot={shot_plain}"
    )
    assert _highlight_pixels(shot_plain, x_from=660) < 50
    assert boxed > 1500, f"only {boxed} highlight pixels on the page image"


def test_document_page_js_marks_the_linked_field(chromium: str, out: Path, tmp_path: Path) -> None:
    doc = _doc_page(build_review(out), GG)
    result = _run_chromium(chromium, tmp_path, doc.as_uri() + "#field=amount_eur", "--dump-dom")
    assert _console_messages(result.stderr) == []
    dom = result.stdout
    assert 'data-js="ready"' in dom
    active = re.findall(r'<div class="box active" data-key="([^"]+)"', dom)
    assert active == ["amount_eur", "amount_eur"]
    assert re.search(r'<tr class="field[^"]*active[^"]*" data-key="amount_eur"', dom)


def test_overview_sorts_in_the_browser(chromium: str, out: Path, tmp_path: Path) -> None:
    index = build_review(out)
    shot = tmp_path / "index.png"
    result = _run_chromium(chromium, tmp_path, index.as_uri(), f"--screenshot={shot}")
    assert _console_messages(result.stderr) == []
    result = _run_chromium(chromium, tmp_path, index.as_uri() + "?sort=-amount", "--dump-dom")
    assert _console_messages(result.stderr) == []
    dom = result.stdout
    assert 'data-js="ready"' in dom
    order = re.findall(r'data-path="([^"]+)"', dom)
    # largest amount first; the failed document has none and goes last
    assert order == [GG, "2023/gross-gerau.pdf", "2023/kassel.txt", "2024/leer.pdf"]
    assert re.search(r'data-key="amount"[^>]*aria-sort="descending"', dom)
    assert "<svg" in dom and 'class="bar' in dom


def test_empty_run_gives_an_empty_report(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    html = build_review(tmp_path).read_text(encoding="utf-8")
    assert "0 documents" in html and "No records yet." in html
    assert "<svg" not in html
