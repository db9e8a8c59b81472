"""Stage 6: write the records: ``DIR/REL.json`` per input, ``records.jsonl`` and ``summary.csv``.

Every file is written to a temporary file in the same folder and moved into place with
``os.replace``, which is atomic on POSIX: an interrupted run (Ctrl-C, SIGTERM, kill -9) leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .models import Record

SUMMARY_COLUMNS = (
    "file",
    "status",
    "error",
    "year",
    "partner",
    "kind",
    "ags",
    "amount_eur",
    "projects",
    "signatories",
    "min_confidence",
    "warnings",
)


TEMP_STEM_BYTES = 200

_TEMP_WRITER = re.compile(r"\.(\d{1,7})-[0-9a-z_]{8}\.tmp$")  # pid_max is at most 2**22


def temp_prefix(path: Path) -> str:
    """The start of a temp file's name for ``path``: ".NAME.PID-" (8 random characters and ".tmp"
    follow). The writer's pid is in it so that a run right after a kill -9 can tell that run's
    leftovers (process gone) from a live writer's file without waiting for them to age
    (:func:`temp_writer` reads it back)."""
    # The temp name must fit in NAME_MAX (255 bytes) even when the target's name nearly fills it.
    stem = path.name.encode("utf-8")[:TEMP_STEM_BYTES].decode("utf-8", "ignore")
    return f".{stem}.{os.getpid()}-"


def temp_writer(name: str) -> int | None:
    """The pid of the process that wrote the temp file named ``name`` (see :func:`temp_prefix`),
    or None for a name without one (an older version's)."""
    m = _TEMP_WRITER.search(name)
    return int(m.group(1)) if m else None


def _umask() -> int:
    """The process umask (read by setting and restoring it: POSIX offers no plain getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers only ever see a complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    try:
        # mkstemp makes the file 0600; records are shared, so give it what open() would (umask)
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def record_path(out_dir: Path, rel: str) -> Path:
    """``DIR/REL.json``, refusing any REL that would land outside ``DIR`` ("../x", absolute)."""
    root = out_dir.resolve()
    target = (root / (rel + ".json")).resolve()
    if not target.is_relative_to(root) or target == root:
        raise UsageError(f"refusing to write {rel!r} outside the output folder {out_dir}")
    return target


def pages_dir(out_dir: Path, rel: str) -> Path:
    """``DIR/pages/REL/``: where the page images of one input go (never outside ``DIR``)."""
    root = out_dir.resolve()
    target = (root / "pages" / rel).resolve()
    if not target.is_relative_to(root / "pages") or target == root / "pages":
        raise UsageError(f"refusing to write page images of {rel!r} outside the output folder {out_dir}")
    return target


def record_json(record: Record) -> str:
    return record.model_dump_json(indent=2) + "\n"


def write_record(out_dir: Path, rel: str, record: Record) -> Path:
    path = record_path(out_dir, rel)
    write_atomic(path, record_json(record))
    return path


def summary_row(record: Record) -> dict[str, str]:
    conf = min(record.confidence.values()) if record.confidence else None
    return {
        "file": record.source.path,
        "status": record.status,
        "error": record.error or "",
        "year": "" if record.year is None else str(record.year),
        "partner": record.partner.name if record.partner else "",
        "kind": record.partner.kind if record.partner else "",
        "ags": record.partner.ags if record.partner else "",
        "amount_eur": "" if record.amount_eur is None else f"{record.amount_eur:.2f}",
        "projects": str(len(record.projects)),
        "signatories": "; ".join(s.name or "?" for s in record.signatories),
        "min_confidence": "" if conf is None else f"{conf:.2f}",
        "warnings": " | ".join(f"{w.field}: {w.message}" for w in record.warnings),
    }


def write_batch_files(out_dir: Path, records: Iterable[Record]) -> None:
    """``records.jsonl`` (one record per line) and ``summary.csv`` (one row per document)."""
    ordered = sorted(records, key=lambda r: r.source.path)
    write_atomic(out_dir / "records.jsonl", "".join(r.model_dump_json() + "\n" for r in ordered))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in ordered:
        writer.writerow(summary_row(r))
    write_atomic(out_dir / "summary.csv", buf.getvalue())
