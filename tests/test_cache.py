"""The OCR cache: hits on re-runs (also after a rename), misses when OCR settings change, and a
damaged entry is rebuilt, never trusted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.scan import degrade, rasterise, render_pdf, seed_text

from aqb_extract import read
from aqb_extract.cache import OcrCache
from aqb_extract.config import Settings
from aqb_extract.models import PageText, Word
from aqb_extract.read import read_document


@pytest.fixture(scope="module")
def scan_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The top quarter of a scanned page as a PNG (OCR in about 0.3 s)."""
    folder = tmp_path_factory.mktemp("cache-src")
    page = next(rasterise(render_pdf(seed_text("000"), folder / "born.pdf")))
    path = folder / "scan.png"
    degrade(page.crop((0, 0, page.width, page.height // 4))).save(path, dpi=(300, 300))
    return path


def settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings.model_validate({"cache_dir": tmp_path / "cache", "workers": 1, **kw})


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.json"))


@pytest.fixture
def count_ocr(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pages are OCR'd (the real OCR still runs)."""
    calls: list[int] = []
    real: Callable[[read.PageJob], PageText] = read.ocr_page

    def counting(job: read.PageJob) -> PageText:
        calls.append(job.number)
        return real(job)

    monkeypatch.setattr(read, "ocr_page", counting)
    return calls


def test_second_read_is_a_cache_hit_even_after_a_rename(
    scan_png: Path, tmp_path: Path, count_ocr: list[int]
) -> None:
    s = settings(tmp_path)
    first = read_document(scan_png, s)
    assert count_ocr == [1] and len(entries(tmp_path)) == 1
    moved = tmp_path / "elsewhere" / "renamed.png"
    moved.parent.mkdir()
    shutil.copy(scan_png, moved)
    second = read_document(moved, s)
    assert count_ocr == [1], "the cached page was OCR'd again"
    assert second == first and "Zielvereinbarung" in second.text


@pytest.mark.parametrize("damage", ["truncated", "not-json", "wrong-key", "wrong-shape"])
def test_damaged_entry_is_rebuilt_not_trusted(
    scan_png: Path, tmp_path: Path, count_ocr: list[int], damage: str
) -> None:
    s = settings(tmp_path)
    first = read_document(scan_png, s)
    (entry,) = entries(tmp_path)
    raw = entry.read_text(encoding="utf-8")
    data = json.loads(raw)
    if damage == "truncated":
        entry.write_text(raw[: len(raw) // 2], encoding="utf-8")
    elif damage == "not-json":
        entry.write_bytes(b"\x00\xff garbage")
    elif damage == "wrong-key":  # an entry for another file in this one's place: must not be used
        data["key"]["sha256"] = "0" * 64
        data["page"]["text"] = "Falscher Text"
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        data["page"]["words"] = [{"text": "x", "conf": 7}]
        entry.write_text(json.dumps(data), encoding="utf-8")
    again = read_document(scan_png, s)
    assert count_ocr == [1, 1]
    assert again == first
    assert json.loads(entry.read_text(encoding="utf-8"))["page"]["text"] == first.pages[0].text


def test_no_cache_reads_and_writes_nothing(scan_png: Path, tmp_path: Path, count_ocr: list[int]) -> None:
    s = settings(tmp_path, use_cache=False)
    read_document(scan_png, s)
    read_document(scan_png, s)
    assert count_ocr == [1, 1] and not (tmp_path / "cache").exists()


def test_unwritable_cache_only_costs_speed(scan_png: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    doc = read_document(scan_png, settings(tmp_path))
    assert "Zielvereinbarung" in doc.text


def test_key_covers_everything_that_changes_the_reading(tmp_path: Path) -> None:
    base = OcrCache(settings(tmp_path))
    sha = "a" * 64
    paths = {base.path_for(base.key_fields(sha, 1)), base.path_for(base.key_fields(sha, 2))}
    paths.add(base.path_for(base.key_fields("b" * 64, 1)))
    for change in ({"dpi": 200}, {"psm": 6}, {"lang": "deu+eng"}):
        other = OcrCache(settings(tmp_path, **change))
        paths.add(other.path_for(other.key_fields(sha, 1)))
    assert len(paths) == 6
    fields = base.key_fields(sha, 1)
    assert {"tesseract", "model", "preprocess"} <= fields.keys()
    # the cache folder is not part of the key: moving the cache keeps it valid
    moved = OcrCache(Settings(cache_dir=tmp_path / "other"))
    assert moved.key_fields(sha, 1) == fields


def test_entries_are_written_whole(tmp_path: Path) -> None:
    cache = OcrCache(settings(tmp_path))
    page = PageText(number=1, text="Groß", words=(Word(text="Groß", conf=0.9, start=0),))
    cache.put("c" * 64, 1, page)
    assert cache.get("c" * 64, 1) == page
    assert not list((tmp_path / "cache").rglob(".tmp-*")), "a temporary file was left behind"
