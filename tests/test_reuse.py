"""Re-running a folder re-uses the records that still hold (same input bytes, same code, data and
settings) and extracts the rest: the interrupted run's work is not done twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers.seeds import seed_path

from aqb_extract.batch import collect_inputs, run_batch
from aqb_extract.config import Settings
from aqb_extract.fingerprint import fingerprint


def _run(inp: Path, out: Path, settings: Settings) -> dict[str, str]:
    records = run_batch(collect_inputs([inp], out).inputs, out, settings)
    return {r.source.path: r.status for r in records}


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.txt.json")}


def test_unchanged_inputs_reuse_their_records(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copyfile(seed_path("000"), inp / "a.txt")
    shutil.copyfile(seed_path("001"), inp / "b.txt")
    settings = Settings(workers=1, cache_dir=tmp_path / "cache")
    first = _run(inp, out, settings)
    before = _mtimes(out)
    record = json.loads((out / "a.txt.json").read_text(encoding="utf-8"))
    assert record["fingerprint"] == fingerprint(settings)

    (inp / "b.txt").write_text((inp / "b.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = _run(inp, out, settings)
    after = _mtimes(out)
    assert second == first
    assert after["a.txt.json"] == before["a.txt.json"]  # re-used, not rewritten
    assert after["b.txt.json"] != before["b.txt.json"]  # the input changed: extracted again
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_changed_settings_or_no_cache_extract_again(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copyfile(seed_path("000"), inp / "a.txt")
    settings = Settings(workers=1, cache_dir=tmp_path / "cache")
    _run(inp, out, settings)
    stamp = _mtimes(out)["a.txt.json"]

    stricter = settings.model_copy(update={"thresholds": {**settings.thresholds, "year": 0.99}})
    assert fingerprint(stricter) != fingerprint(settings)
    _run(inp, out, stricter)
    assert _mtimes(out)["a.txt.json"] != stamp

    stamp = _mtimes(out)["a.txt.json"]
    _run(inp, out, stricter.model_copy(update={"use_cache": False}))
    assert _mtimes(out)["a.txt.json"] != stamp


def test_failed_records_are_tried_again(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "empty.txt").write_bytes(b"")
    settings = Settings(workers=1, cache_dir=tmp_path / "cache")
    assert _run(inp, out, settings) == {"empty.txt": "failed"}
    shutil.copyfile(seed_path("000"), inp / "empty.txt")
    assert _run(inp, out, settings) == {"empty.txt": "ok"}


def test_documents_without_ocr_run_in_worker_processes(tmp_path: Path) -> None:
    """Text and born-digital PDFs are parsed whole in the process pool (both cores), scans take
    the page-parallel path; the records are the same either way."""
    from helpers.scan import render_pdf, scan_pdf
    from helpers.seeds import seed_text

    from aqb_extract.batch import InputFile, needs_no_ocr

    born = render_pdf(seed_text("000"), tmp_path / "born.pdf")
    scan = scan_pdf(seed_text("000"), tmp_path / "scan.pdf", max_pages=1)
    settings = Settings(workers=2, use_cache=False)
    assert needs_no_ocr(InputFile(born, "born.pdf"), settings)
    assert needs_no_ocr(InputFile(seed_path("000"), "a.txt"), settings)
    assert not needs_no_ocr(InputFile(scan, "scan.pdf"), settings)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    assert not needs_no_ocr(InputFile(tmp_path / "broken.pdf", "broken.pdf"), settings)

    inp = tmp_path / "in"
    inp.mkdir()
    for i in range(4):
        shutil.copyfile(born, inp / f"born-{i}.pdf")
    records = run_batch(collect_inputs([inp], tmp_path / "out").inputs, tmp_path / "out", settings)
    assert [(r.source.method, r.status, r.year) for r in records] == [("text_layer", "ok", 2023)] * 4

    # The batch's own thread only looks at names (reading PDFs there kept the workers waiting);
    # a worker finds the scan among PDFs and hands it back, and it is OCR'd like any scan.
    from aqb_extract.batch import may_need_no_ocr

    assert may_need_no_ocr(InputFile(scan, "scan.pdf"))
    assert not may_need_no_ocr(InputFile(tmp_path / "s.tif", "s.tif"))
    shutil.copyfile(scan, inp / "scan.pdf")
    records = run_batch(collect_inputs([inp], tmp_path / "out2").inputs, tmp_path / "out2", settings)
    assert [(r.source.path, r.source.method) for r in records] == [
        *[(f"born-{i}.pdf", "text_layer") for i in range(4)],
        ("scan.pdf", "ocr"),
    ]
    assert records[-1].source.pages == 1 and records[-1].status != "failed"


def test_a_rerun_that_reuses_every_record_imports_no_parser(tmp_path: Path) -> None:
    """The batch module imports the parsers only when a document is extracted: a re-run whose
    records all still hold spends its time on nothing else (the parsers and word lists are a
    third of its start-up)."""
    import subprocess
    import sys

    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copy(seed_path("000"), inp / "a.txt")
    settings = Settings(use_cache=True, cache_dir=tmp_path / "cache", page_images=False)
    _run(inp, out, settings)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from aqb_extract.batch import collect_inputs, run_batch\n"
        "from aqb_extract.config import Settings\n"
        f"s = Settings(use_cache=True, cache_dir=Path({str(tmp_path / 'cache')!r}), page_images=False)\n"
        f"run_batch(collect_inputs([Path({str(inp)!r})], Path({str(out)!r})).inputs, Path({str(out)!r}), s)\n"
        "print(sorted(m for m in sys.modules if m.startswith('aqb_extract.')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "aqb_extract.batch" in loaded
    assert "aqb_extract.pipeline" not in loaded and "aqb_extract.repair" not in loaded
