"""Run many inputs: find them, extract each (pages OCR'd in parallel), write records as they finish.

One process pool (``settings.workers`` processes, each Tesseract single-threaded) is shared by all
documents, and a few documents are in flight at once, so the pool stays busy across document
boundaries and a single 40-page scan still uses every core.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .models import Record
from .output import write_batch_files, write_record
from .pipeline import extract_file

INPUT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt"})


@dataclass(frozen=True)
class InputFile:
    path: Path
    rel: str  # path relative to the folder it was found under (for a file argument: its name)


@dataclass(frozen=True)
class Collected:
    inputs: tuple[InputFile, ...]
    skipped: tuple[Path, ...]  # files in walked folders that are not of an accepted type


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path, out_dir: Path) -> Iterator[tuple[Path, str] | Path]:
    """Files under ``root`` (following symlinks, each real folder once, so loops end), skipping
    hidden entries and the output folder. Yields (path, rel) for inputs and bare paths for others."""
    seen: set[tuple[int, int]] = set()
    out_real = out_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        d = Path(dirpath)
        try:
            st = d.stat()
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen or d.resolve() == out_real or d.resolve().is_relative_to(out_real):
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(n for n in dirnames if not _is_hidden(n))
        for name in sorted(filenames):
            if _is_hidden(name):
                continue
            p = d / name
            try:
                if not stat.S_ISREG(p.stat().st_mode):
                    continue
            except OSError:
                pass  # a dangling link or an unreadable entry: let extraction report it
            if p.suffix.lower() in INPUT_SUFFIXES:
                yield p, p.relative_to(root).as_posix()
            else:
                yield p


def collect_inputs(paths: Sequence[Path], out_dir: Path) -> Collected:
    """Every input under the given files and folders, each with a unique REL."""
    inputs: list[InputFile] = []
    skipped: list[Path] = []
    used: set[str] = set()

    def add(path: Path, rel: str) -> None:
        base, n = rel, 2
        while rel.casefold() in used:
            stem, dot, suffix = base.rpartition(".")
            rel = f"{stem}~{n}.{suffix}" if dot else f"{base}~{n}"
            n += 1
        used.add(rel.casefold())
        inputs.append(InputFile(path, rel))

    for arg in paths:
        if arg.is_dir():
            for item in _walk(arg, out_dir):
                if isinstance(item, tuple):
                    add(*item)
                else:
                    skipped.append(item)
        else:
            add(arg, arg.name)
    return Collected(tuple(inputs), tuple(skipped))


def needs_ocr(inputs: Iterable[InputFile]) -> bool:
    return any(i.path.suffix.lower() != ".txt" for i in inputs)


def run_batch(
    inputs: Sequence[InputFile],
    out_dir: Path,
    settings: Settings,
    on_done: Callable[[InputFile, Record], None] | None = None,
) -> list[Record]:
    """Extract every input, writing ``DIR/REL.json`` as each finishes, then the batch files.

    Records are written one by one, so an interrupted run keeps every finished record; the OCR
    cache lets a second run skip the pages already read.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    records: dict[str, Record] = {}
    in_flight = max(2, settings.workers + 1)
    # forkserver, not fork: the pool starts while document threads run, and forking a threaded
    # process can deadlock on locks held by the other threads.
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=ctx) as pool, ThreadPoolExecutor(max_workers=in_flight) as docs:
        pending: dict[Future[Record], InputFile] = {}
        queue = list(reversed(inputs))
        try:
            while queue or pending:
                while queue and len(pending) < in_flight:
                    item = queue.pop()
                    pending[docs.submit(extract_file, item.path, settings, pool, item.rel)] = item
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    item = pending.pop(fut)
                    record = fut.result()
                    write_record(out_dir, item.rel, record)
                    records[item.rel] = record
                    if on_done is not None:
                        on_done(item, record)
        except BaseException:
            for fut in pending:
                fut.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    ordered = [records[i.rel] for i in inputs if i.rel in records]
    write_batch_files(out_dir, ordered)
    return ordered
