"""Interrupted runs (issue 4): Ctrl-C, SIGTERM and ``kill -9`` in the middle of a batch of scans
leave no half-written output; running again finishes the rest and re-uses the pages already read.

Tesseract is the real one, behind a two-line wrapper that counts its OCR calls, so "re-used the
finished work" is measured by calls, not by time.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.scan import degrade, pack_pdf, rasterise, render_pdf
from helpers.seeds import seed_text

from aqb_extract.models import Record

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract"),
]

SCRIPT = Path(sys.executable).with_name("aqb-extract")
DOCS = 8
PAGES = 1  # per document: each finished document is a step the runs can be stopped between


@dataclass
class Setup:
    inp: Path
    out: Path
    cache: Path
    log: Path
    tmp: Path  # the runs' TMPDIR: what a stopped run leaves in /tmp shows here
    env: dict[str, str]

    def start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                str(SCRIPT),
                "extract",
                str(self.inp),
                "--out",
                str(self.out),
                "--cache-dir",
                str(self.cache),
                "--workers",
                "2",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            start_new_session=True,  # its own process group, so a test can play the terminal's Ctrl-C
        )

    def records(self) -> set[str]:
        return {p.relative_to(self.out).as_posix() for p in self.out.rglob("*.pdf.json")}

    def ocr_calls(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0

    def temp_left(self) -> list[str]:
        return sorted(p.name for p in self.tmp.iterdir())

    def cached_pages(self) -> int:
        """Pages read and cached; a second look at a signature block is cached too, under its
        own key (with a "variant"), and is no page."""
        return sum(
            1
            for p in (self.cache / "ocr").rglob("*.json")
            if not p.name.startswith(".")
            and "variant" not in json.loads(p.read_text(encoding="utf-8"))["key"]
        )


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    inp, out, cache, bin_dir = tmp_path / "in", tmp_path / "out", tmp_path / "cache", tmp_path / "bin"
    tmp = tmp_path / "tmp"
    for folder in (inp, bin_dir, tmp):
        folder.mkdir()
    born = render_pdf(seed_text("000"), tmp_path / "born.pdf")
    pages = [p for _, p in zip(range(PAGES), rasterise(born), strict=False)]
    for d in range(DOCS):  # different noise, so every file (and its cache key) is its own
        pack_pdf([degrade(p, seed=100 * d + n) for n, p in enumerate(pages)], inp / f"scan-{d}.pdf")
    log = tmp_path / "ocr-calls.log"
    wrapper = bin_dir / "tesseract"
    wrapper.write_text(
        f'#!/bin/sh\ncase " $* " in *" -l deu "*) echo ocr >> "{log}";; esac\nexec {shutil.which("tesseract")} "$@"\n'
    )
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(tmp)}
    yield Setup(inp, out, cache, log, tmp, env)


def wait_for(cond: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the run")
        time.sleep(0.05)


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` now (OCR workers, forkserver, Tesseract)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                out.add(pid)
    return out


def stop(proc: subprocess.Popen[str], how: str) -> tuple[str, str, float, float]:
    """Stop the run ``how`` ("ctrl-c": SIGINT to its process group, as a terminal does; "term":
    SIGTERM to it; "kill": SIGKILL to it). Returns its output, the seconds until it exited, and
    until every process it had started (workers, Tesseract) was gone: none may be left over."""
    below = descendants(proc.pid)
    assert below, "the run had not started its OCR workers"
    t = time.monotonic()
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM if how == "term" else signal.SIGKILL)
    try:
        proc.wait(timeout=30)
        exited = time.monotonic() - t
        out, err = proc.communicate(timeout=30)
        wait_for(lambda: not alive(below), timeout=30)
    finally:
        for pid in alive(below | {proc.pid}):  # only if the test failed: leave nothing running
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    return out, err, exited, time.monotonic() - t


def assert_no_half_written_output(out: Path, *, allow_temp: bool = False) -> None:
    for path in out.rglob("*"):
        if path.is_dir():
            continue
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            assert allow_temp, f"temp file left behind: {path}"
            continue
        rel = path.relative_to(out).as_posix()
        if rel.startswith("pages/"):  # page images for the review report
            assert path.name == "pages.json" or (path.name.startswith("page-") and path.suffix == ".jpg"), (
                path
            )
            if path.suffix == ".jpg":
                assert path.read_bytes()[-2:] == b"\xff\xd9", f"half-written picture: {path}"  # JPEG end
            else:
                json.loads(path.read_text(encoding="utf-8"))
            continue
        assert path.name in ("records.jsonl", "summary.csv") or path.name.endswith(".pdf.json"), path
        if path.suffix == ".json":
            Record.model_validate_json(path.read_text(encoding="utf-8"))  # whole and valid
        elif path.name == "records.jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                json.loads(line)


def test_interrupt_and_kill_then_finish(setup: Setup) -> None:
    total = DOCS * PAGES
    timings: dict[str, tuple[float, float]] = {}
    done: set[str] = set()

    for how, code in (("ctrl-c", 130), ("term", 143), ("kill", -signal.SIGKILL)):
        proc = setup.start()
        previous = set(done)
        wait_for(lambda: len(setup.records() - previous) >= 1 or proc.poll() is not None)  # noqa: B023
        assert proc.poll() is None, "the run ended before it could be stopped"
        _out, err, exited, gone = stop(proc, how)
        timings[how] = (round(exited, 2), round(gone, 2))
        assert proc.returncode == code, err
        if how != "kill":  # like Ctrl-C: a clean message, finished records kept, no temp files
            assert "interrupted" in err and "Traceback" not in err, err
        assert_no_half_written_output(setup.out, allow_temp=how == "kill")  # kill -9 mid-write may leave one
        if how != "kill":  # the workers' page images and Tesseract input went with the run
            assert setup.temp_left() == [], setup.temp_left()
        done = setup.records()
        assert previous < done < {f"scan-{d}.pdf.json" for d in range(DOCS)}

    # What a kill -9 in the middle of write_atomic left a minute or more ago (names without the
    # writer's pid, as an older version wrote them): the next run removes it. Whatever this kill -9
    # left (".NAME.PID-XXXXXXXX.tmp", its pid gone) it removes at once: checked below.
    stale = [setup.out / ".scan-0.pdf.json.k1ll3d.tmp", setup.out / ".records.jsonl.x9x9x9.tmp"]
    for path in stale:
        path.write_text('{"half": ')
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    # kill -9 left its run's temp folder (nothing can remove it then): the next run removes it.
    killed = [p for p in setup.tmp.iterdir() if p.name.startswith("aqb-run-")]
    assert len(killed) == 1, setup.temp_left()
    os.utime(killed[0], (time.time() - 3600, time.time() - 3600))

    # Run again: it finishes, every record is there, and only pages never read are OCR'd.
    cached = setup.cached_pages()
    assert 0 < cached < total
    calls_before = setup.ocr_calls()
    proc = setup.start()
    t = time.monotonic()
    out, err = proc.communicate(timeout=180)
    final = time.monotonic() - t
    assert proc.returncode in (0, 1), out + err  # one-page excerpts are not agreements: failed is fine
    assert_no_half_written_output(setup.out)
    assert not any(p.exists() for p in stale)
    assert not any(p.name.startswith("aqb-") for p in setup.tmp.iterdir()), setup.temp_left()
    assert setup.records() == {f"scan-{d}.pdf.json" for d in range(DOCS)}
    lines = (setup.out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["source"]["path"] for x in lines) == [f"scan-{d}.pdf" for d in range(DOCS)]
    for line in lines:
        record = json.loads(line)
        assert "Tesseract" not in (record["error"] or ""), record["error"]
    calls = setup.ocr_calls() - calls_before
    assert calls == total - cached, f"final run OCR'd {calls} pages, {cached} of {total} were cached"
    assert setup.cached_pages() == total
    # Stopping does not wait for the pages in flight (that could take up to --page-timeout).
    assert all(exited < 10 for exited, _ in timings.values()), timings
    print(
        f"(exit, all gone) seconds: {timings}; final run {final:.1f} s; OCR calls {setup.ocr_calls()} for {total} pages"
    )
