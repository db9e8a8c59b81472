"""Stage 6: atomic writes, paths that cannot escape --out, the batch files, and the schema."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from aqb_extract.batch import RUN_TEMP_PREFIX, remove_stale_run_temps, remove_stale_temp_files
from aqb_extract.errors import UsageError
from aqb_extract.models import Record, Source
from aqb_extract.output import record_path, write_atomic, write_batch_files, write_record
from aqb_extract.schema import record_schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_models() -> None:
    committed = json.loads((ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8"))
    assert committed == record_schema(), "schemas/record.schema.json is stale: run `make schema`"


def test_record_path_stays_inside_out(tmp_path: Path) -> None:
    assert (
        record_path(tmp_path, "2024/gross-gerau.pdf")
        == (tmp_path / "2024" / "gross-gerau.pdf.json").resolve()
    )
    for bad in ("../escape.pdf", "/etc/passwd", "a/../../b.pdf"):
        with pytest.raises(UsageError):
            record_path(tmp_path, bad)


def test_write_atomic_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "x" / "a.json"
    write_atomic(target, "eins")
    write_atomic(target, "zwei")
    assert target.read_text() == "zwei"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_a_killed_writers_temp_files_go_at_the_next_run_however_fresh(tmp_path: Path) -> None:
    """kill -9 in the middle of write_atomic leaves ".NAME.PID-XXXXXXXX.tmp"; the next run removes
    it at once when that pid is gone (CI saw one left in pages/ by a run re-started seconds after
    the kill), keeps a fresh one of a live writer or with no pid, and removes any old one."""
    killed = subprocess.run(  # a writer that dies between writing and renaming, as kill -9 would
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path; from aqb_extract import output; "
            "os.fsync = lambda fd: os._exit(9); "
            "output.write_atomic(Path(sys.argv[1]) / 'pages' / 'a.pdf' / 'pages.json', '{}')",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 9, killed.stderr
    (left,) = (tmp_path / "pages" / "a.pdf").iterdir()
    assert left.name.startswith(".pages.json.") and left.name.endswith(".tmp"), left.name
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as live:
        try:
            kept = [
                tmp_path / f".records.jsonl.{live.pid}-abcd1234.tmp",  # a run beside this one
                tmp_path / f".summary.xlsx.{live.pid}-0123abcd.tmp",
                tmp_path / ".b.pdf.json.k1ll3d00.tmp",  # no pid: only once it has aged
                tmp_path / "notes.tmp",  # not ours
            ]
            old = tmp_path / ".c.pdf.json.x9x9x9x9.tmp"
            for path in [*kept, old]:
                path.write_text('{"half": ')
            os.utime(old, (time.time() - 3600, time.time() - 3600))
            assert sorted(remove_stale_temp_files(tmp_path)) == sorted([left, old])
            assert all(p.exists() for p in kept)
        finally:
            live.kill()


def test_batch_files(tmp_path: Path) -> None:
    records = [
        Record(status="failed", error="the file is empty (0 bytes).", source=Source(path="b.pdf")),
        Record(
            status="ok",
            source=Source(path="a.txt", method="text"),
            year=2024,
            amount_eur=1.5,
            confidence={"year": 0.99},
        ),
    ]
    for r in records:
        write_record(tmp_path, r.source.path, r)
    write_batch_files(tmp_path, records)
    lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == ["a.txt", "b.pdf"]
    rows = list(csv.DictReader((tmp_path / "summary.csv").open(encoding="utf-8")))
    assert [(r["file"], r["status"], r["year"]) for r in rows] == [
        ("a.txt", "ok", "2024"),
        ("b.pdf", "failed", ""),
    ]
    assert rows[1]["error"] == "the file is empty (0 bytes)."
    assert json.loads((tmp_path / "b.pdf.json").read_text())["status"] == "failed"


def test_only_the_temp_folders_of_runs_that_are_gone_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed with kill -9 leaves its temp folder; the next run removes it, but never the
    folder of a run still going (its pid alive), a fresh one, or anything not named as ours."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    folders = {
        "killed": tmp_path / f"{RUN_TEMP_PREFIX}{dead_pid}-abc",
        "running": tmp_path / f"{RUN_TEMP_PREFIX}{os.getpid()}-def",
        "fresh": tmp_path / f"{RUN_TEMP_PREFIX}{dead_pid}-ghi",
        "not ours": tmp_path / f"{RUN_TEMP_PREFIX}x-jkl",
    }
    for name, folder in folders.items():
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "img-000.jpg").write_bytes(b"x")
        if name != "fresh":
            os.utime(folder, (time.time() - 3600, time.time() - 3600))
    assert remove_stale_run_temps() == [folders["killed"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f.name for n, f in folders.items() if n != "killed"
    )
