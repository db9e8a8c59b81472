"""Run many inputs: find them, extract each (pages OCR'd in parallel), write records as they finish.

One process pool (``settings.workers`` processes, each Tesseract single-threaded) is shared by all
documents, and a few documents are in flight at once, so the pool stays busy across document
boundaries and a single 40-page scan still uses every core.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import multiprocessing
import multiprocessing.util
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .errors import AqbError, MissingDependencyError, UsageError
from .fingerprint import fingerprint
from .models import Record, Source
from .output import pages_dir, record_path, temp_writer, write_batch_files, write_record
from .pageimages import write_page_images
from .read import PdfPageFacts, file_sha256, read_pdf_pages, text_layer_usable
from .validate import failed_record
from .worker import init_worker

log = logging.getLogger(__name__)

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


def _as_text(rel: str) -> str:
    """``rel`` as text that can be written to JSON and CSV: bytes of a file name that are not
    UTF-8 (a name from an old Windows share, say) are shown as ``\\xe9`` instead of the lone
    surrogates Python decodes them to, which no UTF-8 writer accepts."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(rel).decode("utf-8", errors="backslashreplace")
    return rel


def collect_inputs(paths: Sequence[Path], out_dir: Path) -> Collected:
    """Every input under the given files and folders, each with a unique REL."""
    inputs: list[InputFile] = []
    skipped: list[Path] = []
    used: set[str] = set()

    def add(path: Path, rel: str) -> None:
        rel = _as_text(rel)
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


class BatchInterrupted(KeyboardInterrupt):
    """The run was stopped by a signal (Ctrl-C, SIGTERM); ``signum`` says which, so the CLI can
    exit with 128 + signum as shells expect."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While the batch runs, SIGTERM stops it the way Ctrl-C does (finished records kept, temp
    files removed) instead of killing the process where it stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise BatchInterrupted(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


#: A temporary file of :func:`aqb_extract.output.write_atomic` (".NAME.PID-XXXXXXXX.tmp") older than
#: this is a leftover of a killed run (a live one renames its temp file within milliseconds).
STALE_TEMP_SECONDS = 60.0


def _temp_is_stale(name: str, age: float, older_than: float) -> bool:
    """Old, or its writer (named by pid) is gone: a run started right after a ``kill -9`` removes
    what that run left at once, not only once it has aged (a fresh file of a live run beside this
    one is kept)."""
    if age > older_than:
        return True
    pid = temp_writer(name)
    return pid is not None and pid > 0 and pid != os.getpid() and not _pid_alive(pid)


def remove_stale_temp_files(out_dir: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the temporary files a run killed with ``kill -9`` (or a power cut) left in the output
    folder, so they never pile up; returns what was removed. Nothing else is touched."""
    removed: list[Path] = []
    now = time.time()
    if not out_dir.is_dir():
        return removed
    for dirpath, _dirnames, filenames in os.walk(out_dir):
        for name in filenames:
            if not (name.startswith(".") and name.endswith(".tmp")):
                continue
            path = Path(dirpath) / name
            try:
                st = path.lstat()
                if stat.S_ISREG(st.st_mode) and _temp_is_stale(name, now - st.st_mtime, older_than):
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


#: Prefix of a run's own temp folder; the main process's pid follows, so a later run can tell a
#: folder whose run is gone from one a run beside it still uses.
RUN_TEMP_PREFIX = "aqb-run-"


def make_run_temp() -> Path:
    """A temp folder for this run's workers (page images, Tesseract's input): the main process
    removes it at the end. The workers cannot clean up after themselves when a run is stopped:
    they end their process group with SIGKILL (Tesseract ignores SIGINT), which skips every
    ``finally``, and each stop left a page image behind in ``/tmp``."""
    return Path(tempfile.mkdtemp(prefix=f"{RUN_TEMP_PREFIX}{os.getpid()}-"))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_run_temps(older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the temp folders of runs killed with ``kill -9`` (their main process could not
    remove them): those whose process is gone, older than ``older_than``. A folder of a run still
    going (its pid alive) is never touched, nor is anything not named as ours."""
    removed: list[Path] = []
    now = time.time()
    root = Path(tempfile.gettempdir())
    for path in root.glob(f"{RUN_TEMP_PREFIX}*"):
        pid = path.name[len(RUN_TEMP_PREFIX) :].split("-", 1)[0]
        try:
            st = path.lstat()
            if (
                not pid.isdigit()
                or not stat.S_ISDIR(st.st_mode)
                or st.st_uid != os.getuid()
                or now - st.st_mtime <= older_than
                or _pid_alive(int(pid))
            ):
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


#: An AF_UNIX socket's path holds at most 107 bytes on Linux, 103 on macOS; the forkserver's
#: socket is "$TMPDIR/pymp-XXXXXXXX/listener-XXXXXXXX".
SOCKET_PATH_MAX = 103
_SOCKET_NAME = len("/pymp-XXXXXXXX/listener-XXXXXXXX")


def socket_folder_fits() -> None:
    """Make sure the forkserver can bind its socket: Python before 3.13 puts it under TMPDIR, and
    a long TMPDIR (a pytest or CI temp path, a deep project folder) made every document fail
    with "AF_UNIX path too long". As Python 3.13 does (cpython gh-132124), that one socket then
    goes under ``/tmp``; everything else still uses TMPDIR. Python picks the folder once per
    process: when it already has, this changes nothing."""
    if len(os.fsencode(tempfile.gettempdir())) + _SOCKET_NAME <= SOCKET_PATH_MAX:
        return
    for short in ("/tmp", "/var/tmp", "/usr/tmp"):
        if os.path.isdir(short) and os.access(short, os.W_OK | os.X_OK):
            previous = tempfile.tempdir
            tempfile.tempdir = short
            try:
                multiprocessing.util.get_temp_dir()
            finally:
                tempfile.tempdir = previous
            return


def _unexpected(item: InputFile, exc: BaseException) -> Record:
    """A document whose extraction raised what the pipeline does not expect: it fails alone."""
    log.error("internal error on %s", item.path, exc_info=exc)
    return failed_record(
        Source(path=item.rel),
        f"internal error while reading this file ({type(exc).__name__}: {str(exc)[:200]}); please report it",
    )


def reusable_record(item: InputFile, out_dir: Path, settings: Settings, fp: str) -> Record | None:
    """The record a previous run wrote for this input, when it still holds: same fingerprint
    (code, data, settings, engine), same input bytes, not failed (a failure may have been
    passing: a timeout, a full disk), and its page images in place."""
    if not settings.use_cache:
        return None
    try:
        record = Record.model_validate_json(record_path(out_dir, item.rel).read_bytes())
    except (OSError, ValueError, UsageError):
        return None
    if record.fingerprint != fp or record.status == "failed" or record.source.sha256 is None:
        return None
    pictures = pages_dir(out_dir, item.rel) / "pages.json"
    if record.source.method == "ocr" and settings.page_images and not pictures.is_file():
        return None
    try:
        if file_sha256(item.path) != record.source.sha256:
            return None
    except OSError:  # gone or unreadable since: extracting it again says why
        return None
    return record


def _extract_one(
    item: InputFile,
    settings: Settings,
    pool: Executor | None,
    out_dir: Path,
    fp: str,
    run_temp: Path | None = None,
    pdf_pages: Sequence[PdfPageFacts] | None = None,
) -> Record:
    """One document: its record, and for a scan its page images for the review report (which
    never decide the record: a picture that cannot be made is logged and left out).

    Runs in a document thread with the OCR pool for a scan, or inside a pool worker (``pool``
    None) for a document that needs no OCR."""
    # Imported here, not at the top: a re-run whose records all still hold parses nothing, and
    # the parsers with their word lists take 0.2 s of its 0.6 s to import.
    from .pipeline import extract_document

    extraction = extract_document(item.path, settings, pool, item.rel, pdf_pages)
    if settings.page_images and extraction.doc is not None and extraction.doc.method == "ocr":
        try:
            write_page_images(
                item.path, extraction.doc, pages_dir(out_dir, item.rel), settings, temp_root=run_temp
            )
        except (AqbError, OSError, ValueError) as exc:
            log.warning("no page images for %s: %s", item.rel, exc)
    return extraction.record.model_copy(update={"fingerprint": fp})


def needs_no_ocr(item: InputFile, settings: Settings) -> bool:
    """Text, or a PDF whose text layer will be used: such a document is parsed whole in a worker
    process, so born-digital batches use every core (threads would share one, as parsing is
    Python). Anything doubtful takes the scan path, which handles every case. The batch asks this
    in a worker (:func:`_extract_unless_scanned`), never in its own thread."""
    suffix = item.path.suffix.lower()
    return suffix == ".txt" or (suffix == ".pdf" and _usable_layer(item, settings) is not None)


def may_need_no_ocr(item: InputFile) -> bool:
    """Could ``item`` be read without OCR (:func:`needs_no_ocr`)? Only its name is looked at: the
    batch's one thread must not read PDFs (deciding 120 born-digital ones there took 3.7 s, while
    the workers waited); a worker decides (:func:`_extract_unless_scanned`)."""
    return item.path.suffix.lower() in (".txt", ".pdf")


def _usable_layer(item: InputFile, settings: Settings) -> list[PdfPageFacts] | None:
    """The pages of a PDF that can be read from its text layer alone, else None."""
    try:
        pages = read_pdf_pages(item.path)
    except Exception:  # a damaged PDF: the scan path reports it properly
        return None
    return pages if text_layer_usable(pages, settings) else None


def _extract_unless_scanned(item: InputFile, settings: Settings, out_dir: Path, fp: str) -> Record | None:
    """In a pool worker: the record of a text or a PDF whose text layer will do, or None for a
    PDF that needs OCR (the batch then gives it to a document thread, which spreads its pages
    over the pool). A PDF's pages are read once, for the decision and the extraction alike."""
    if item.path.suffix.lower() != ".pdf":
        return _extract_one(item, settings, None, out_dir, fp)
    pages = _usable_layer(item, settings)
    if pages is None:
        return None
    return _extract_one(item, settings, None, out_dir, fp, pdf_pages=pages)


def _size(item: InputFile) -> int:
    try:
        return item.path.stat().st_size
    except OSError:
        return 0


def run_batch(
    inputs: Sequence[InputFile],
    out_dir: Path,
    settings: Settings,
    on_done: Callable[[InputFile, Record], None] | None = None,
) -> list[Record]:
    """Extract every input, writing ``DIR/REL.json`` as each finishes, then the batch files.

    Records are written one by one, so an interrupted run keeps every finished record; the OCR
    cache lets a second run skip the pages already read. Ctrl-C and SIGTERM raise
    :class:`KeyboardInterrupt` (:class:`BatchInterrupted` for SIGTERM) after the records of the
    documents already finished are written; pages in flight are abandoned.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in [*remove_stale_temp_files(out_dir), *remove_stale_run_temps()]:
        log.info("removed %s, left by an interrupted run", path)
    records: dict[str, Record] = {}
    in_flight = 2 * settings.workers + 1
    fp = fingerprint(settings)
    reused: set[str] = set()

    def finish(item: InputFile, fut: Future[Record | None]) -> None:
        exc = fut.exception()
        if isinstance(exc, MissingDependencyError):
            raise exc  # nothing can be OCR'd: the run stops with the message (exit 2)
        result = fut.result() if exc is None else None  # None: never here, the loop re-routes it
        record = result if result is not None else _unexpected(item, exc or ValueError("no record"))
        try:
            if item.rel not in reused:
                write_record(out_dir, item.rel, record)
        except UsageError as refused:  # e.g. a symlink in DIR pointing elsewhere
            record = failed_record(record.source, f"its record was not written: {refused.message}")
        except (OSError, ValueError) as exc:  # name too long, disk full, text JSON cannot hold
            log.error("cannot write the record of %s", item.path, exc_info=exc)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            record = failed_record(
                Source(path=item.rel),
                f"its record could not be written to the output folder ({reason}); "
                "shorten or rename the file, or free disk space, and run again",
            )
        records[item.rel] = record
        if on_done is not None:
            on_done(item, record)

    # forkserver, not fork: the pool starts while document threads run, and forking a threaded
    # process can deadlock on locks held by the other threads.
    ctx = multiprocessing.get_context("forkserver")
    socket_folder_fits()
    # The workers watch this pipe: when this process dies, even by kill -9, its end closes and
    # they exit (a ProcessPoolExecutor's workers otherwise wait for work forever, each holding
    # its queues open, and keep the forkserver alive with them).
    lifeline, keep_alive = ctx.Pipe(duplex=False)
    run_temp = make_run_temp()
    remove_run_temp = functools.partial(shutil.rmtree, run_temp, ignore_errors=True)
    # Also at exit, after the interpreter has joined the document threads: a stopped run's thread
    # may still be writing a page picture into the folder while it is removed.
    atexit.register(remove_run_temp)
    pool = ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=ctx,
        initializer=init_worker,
        initargs=(lifeline, str(run_temp)),
    )
    docs = ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="aqb-doc")
    pending: dict[Future[Record | None], InputFile] = {}
    # Largest files first (popped from the end): a big scan started last would leave the other
    # workers idle while it finishes. Records are still listed in input order.
    queue = sorted(inputs, key=_size)
    try:
        with _sigterm_as_interrupt():
            while queue or pending:
                while queue and len(pending) < in_flight:
                    item = queue.pop()
                    previous = reusable_record(item, out_dir, settings, fp)
                    if previous is not None:
                        reused.add(item.rel)  # its file stays as it is
                        done_now: Future[Record | None] = Future()
                        done_now.set_result(previous)
                        finish(item, done_now)
                    elif may_need_no_ocr(item):
                        pending[pool.submit(_extract_unless_scanned, item, settings, out_dir, fp)] = item
                    else:
                        pending[docs.submit(_extract_one, item, settings, pool, out_dir, fp, run_temp)] = item
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    item = pending.pop(fut)
                    if not fut.cancelled() and fut.exception() is None and fut.result() is None:
                        # a worker found that this PDF needs OCR: the scan path takes it
                        pending[docs.submit(_extract_one, item, settings, pool, out_dir, fp, run_temp)] = item
                        continue
                    finish(item, fut)
    except BaseException:
        # Keep what is finished (a signal may arrive between a document's end and its write),
        # then stop at once: the pages in flight are abandoned; their processes are ended.
        with contextlib.suppress(BaseException):
            for fut, item in list(pending.items()):
                # a result of None is a PDF on its way to OCR: nothing to keep
                if (
                    fut.done()
                    and not fut.cancelled()
                    and fut.exception() is None
                    and (result := fut.result()) is not None
                ):
                    write_record(out_dir, item.rel, result)
        _abandon(pool, docs, pending)
        keep_alive.close()
        lifeline.close()
        remove_run_temp()  # after _abandon: its workers are gone
        raise
    docs.shutdown(wait=True)
    pool.shutdown(wait=True)
    keep_alive.close()
    lifeline.close()
    remove_run_temp()
    atexit.unregister(remove_run_temp)
    ordered = [records[i.rel] for i in inputs if i.rel in records]
    write_batch_files(out_dir, ordered)
    return ordered


def _abandon(
    pool: ProcessPoolExecutor, docs: ThreadPoolExecutor, pending: dict[Future[Record | None], InputFile]
) -> None:
    """Stop without waiting for the pages in flight: end the worker processes, so every page not
    yet read fails with ``BrokenProcessPool`` and the document threads waiting on them return.

    Not ``pool.shutdown(cancel_futures=True)``: ``Future.cancel()`` does not wake a thread waiting
    in ``as_completed`` (the reader's), which would then wait forever, and with it the interpreter's
    exit, which joins every document thread. A Tesseract child still running finishes its page
    and exits; its output is not read.
    """
    for fut in pending:
        fut.cancel()  # documents not started yet
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public API for this
    docs.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.join(timeout=5)
    pool.shutdown(wait=False)
