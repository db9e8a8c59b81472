"""End to end: the command on a folder of real inputs (two OCR'd text files and a scan that goes
through real Tesseract), the files it writes, its exit codes, ``--version`` and ``schema``."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.golden import comparable, field_diff
from helpers.scan import scan_pdf
from helpers.seeds import seed_expected, seed_path, seed_text
from typer.testing import CliRunner, Result

from aqb_extract import __version__
from aqb_extract.cli import app
from aqb_extract.config import Settings
from aqb_extract.models import Record

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("aqb-extract")
FIELDS = ["year", "partner", "ministry", "amount_eur", "projects", "signatories", "section_titles"]
INPUTS = {"2023/kassel.txt": "000", "2024/gross-gerau.txt": "001", "scans/kassel scan.pdf": "000"}

runner = CliRunner()


@dataclass(frozen=True)
class Run:
    inp: Path
    out: Path
    cache: Path
    result: Result

    def record(self, rel: str) -> Record:
        return Record.model_validate_json((self.out / f"{rel}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("cli")
    inp, out, cache = base / "in", base / "out", base / "cache"
    for rel, seed in INPUTS.items():
        target = inp / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".txt"):
            shutil.copyfile(seed_path(seed), target)
        else:
            scan_pdf(seed_text(seed), target)  # rendered, rasterised, turned 0.6°, noise, blur, JPEG
    result = runner.invoke(
        app, ["extract", str(inp), "--out", str(out), "--cache-dir", str(cache), "--workers", "2"]
    )
    return Run(inp, out, cache, result)


def test_exit_code_and_files_written(run: Run) -> None:
    assert run.result.exit_code == 0, run.result.output
    written = sorted(p.relative_to(run.out).as_posix() for p in run.out.rglob("*") if p.is_file())
    pictures = [f"pages/scans/kassel scan.pdf/page-{n}.jpg" for n in (1, 2, 3, 4)]
    pictures.append("pages/scans/kassel scan.pdf/pages.json")
    assert written == sorted([f"{rel}.json" for rel in INPUTS] + ["records.jsonl", "summary.csv", *pictures])
    assert "3 documents" in run.result.output


def test_records_jsonl_and_summary_csv_agree_with_the_record_files(run: Run) -> None:
    lines = (run.out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(INPUTS)
    by_path = {json.loads(line)["source"]["path"]: Record.model_validate_json(line) for line in lines}
    assert set(by_path) == set(INPUTS)
    for rel, record in by_path.items():
        assert record == run.record(rel)
    with (run.out / "summary.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["file"] for r in rows) == sorted(INPUTS)
    for row in rows:
        record = by_path[row["file"]]
        assert row["status"] == record.status
        assert row["year"] == str(record.year)
        assert row["ags"] == (record.partner.ags if record.partner else "")


@pytest.mark.parametrize("rel", ["2023/kassel.txt", "2024/gross-gerau.txt"])
def test_text_inputs_give_their_expected_values(run: Run, rel: str) -> None:
    record = run.record(rel)
    assert record.source.method == "text" and record.source.path == rel
    diff = field_diff(seed_expected(INPUTS[rel]), record)
    assert not diff, "\n".join(diff)


# The scan of seed 000 through real Tesseract: every field must equal seed 000's expected value.


@pytest.mark.ocr
@pytest.mark.parametrize("field", FIELDS)
def test_scan_gives_seed000_values(run: Run, field: str) -> None:
    record = run.record("scans/kassel scan.pdf")
    assert record.source.method == "ocr" and record.source.pages == 4
    expected = seed_expected("000")
    assert comparable(record)[field] == expected[field], "\n".join(
        field_diff({field: expected[field]}, record)
    )


@pytest.mark.ocr
def test_scan_record_is_right_or_says_it_is_unsure(run: Run) -> None:
    """The contract's worst outcome is a wrong value with high confidence: every field that differs
    from the expected value must be below its threshold or carry a warning."""
    record = run.record("scans/kassel scan.pdf")
    expected = seed_expected("000")
    got = comparable(record)
    wrong = [f for f in FIELDS if got[f] != expected[f]]
    thresholds = Settings().thresholds
    warned = {w.field.split("[")[0].split(".")[0] for w in record.warnings}
    confident_and_wrong = [
        f
        for f in wrong
        if f in thresholds and record.confidence.get(f, 0) >= thresholds[f] and f not in warned
    ]
    assert not confident_and_wrong, f"status {record.status}: {confident_and_wrong}\n" + "\n".join(
        field_diff(expected, record)
    )


@pytest.mark.ocr
def test_installed_script_in_a_subprocess(run: Run, tmp_path: Path) -> None:
    """The console script as analysts run it; the OCR cache of the first run makes this one quick,
    and it must give the very same records."""
    assert SCRIPT.is_file(), f"{SCRIPT} missing: pip install -e . in the venv"
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(run.inp), "--out", str(out), "--cache-dir", str(run.cache)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 documents" in proc.stdout
    for rel in INPUTS:
        assert Record.model_validate_json((out / f"{rel}.json").read_text(encoding="utf-8")) == run.record(
            rel
        )
    assert (out / "summary.csv").read_text(encoding="utf-8") == (run.out / "summary.csv").read_text(
        encoding="utf-8"
    )


def test_a_long_tmpdir_does_not_break_the_worker_pool(tmp_path: Path) -> None:
    """A TMPDIR too long for the forkserver's socket (Python < 3.13 binds it there) made every
    document of a batch an "internal error ... AF_UNIX path too long"; found when the interrupt
    test ran with its own TMPDIR under pytest-xdist."""
    long_tmp = tmp_path / ("t" * 60) / ("m" * 40)
    long_tmp.mkdir(parents=True)
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copy(seed_path("000"), inp / "kassel.txt")
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(inp), "--out", str(out), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(long_tmp), "COLUMNS": "120"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    record = Record.model_validate_json((out / "kassel.txt.json").read_text(encoding="utf-8"))
    assert record.status == "ok" and record.error is None, record.error
    assert field_diff(seed_expected("000"), record) == []
    assert list(long_tmp.iterdir()) == []  # and the run's temp folder went with it


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"aqb-extract {__version__}"


def test_schema_command_equals_committed_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    committed = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == committed, (
        "schemas/record.schema.json is out of date: run `aqb-extract schema > schemas/record.schema.json`"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],  # no PATH, no --out
        ["extract", "."],  # no --out
        ["extract", ".", "--out", "x", "--bogus"],
        ["extract", ".", "--out", "x", "--workers", "0"],
        ["extract", ".", "--out", "x", "--page-limit", "zero"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)
        result = runner.invoke(app, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "x").exists()


def test_nonexistent_path_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "kassel.txt"
    shutil.copyfile(seed_path("000"), good)
    missing = tmp_path / "no such folder"
    result = runner.invoke(app, ["extract", str(good), str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())  # rich wraps long lines
    assert "no such folder does not exist" in message
    assert not (tmp_path / "out").exists()


def test_written_files_follow_the_umask(run: Run) -> None:
    """Records on a share must be readable by colleagues: with umask 022, mode 0644 (as xlsx.py does)."""
    umask = os.umask(0o022)
    os.umask(umask)
    for path in [run.out / "records.jsonl", run.out / "summary.csv", run.out / "2023" / "kassel.txt.json"]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, (
            f"{path.name}: {oct(path.stat().st_mode & 0o777)}"
        )


def test_review_report_of_a_real_run_marks_words_on_the_scan(run: Run, tmp_path: Path) -> None:
    """The review report built from this run shows the scan's page images with the evidence
    boxes of the OCR'd words (percent positions over the picture)."""
    result = runner.invoke(app, ["review", str(run.out), "--dest", str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    pages = json.loads((run.out / "pages" / "scans" / "kassel scan.pdf" / "pages.json").read_text())
    assert [p["number"] for p in pages] == [1, 2, 3, 4] and pages[0]["width"] > 2000
    doc_page = next(p for p in (tmp_path / "review" / "docs").glob("*.html") if "kassel-scan" in p.name)
    html = doc_page.read_text(encoding="utf-8")
    assert "page-1.jpg" in html
    assert re.search(r'class="box" data-key="amount_eur"[^>]*style="left: [\d.]+%; top: [\d.]+%', html)
