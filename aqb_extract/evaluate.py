"""Measure extraction against samples with known answers (``samples/``, ``make eval``).

A sample is an input file with ``NAME.expected.json`` beside it (the seeds' shape) and, where
known, ``NAME.truth`` (the true text). :func:`evaluate` extracts every sample (or takes records
made elsewhere) and scores them; :func:`render_report` prints the tables; :func:`metrics` flattens
the scores to the names ``tests/accuracy_floors.toml`` pins.

What counts as right is decided here once, so every number in the report means the same:

- text values (names, titles) compare after Unicode NFC, with typographic quotes and dashes
  unified and runs of whitespace collapsed: „Bleib dran!“ and "Bleib dran!" name the same project;
  everything else, case and umlauts included, must match exactly;
- a signatory is matched by ``side``, not position, so a missed ministry signatory does not turn
  the partner's values wrong too;
- a date expected null (unreadable, handwritten) is right only when the record says null, or when
  it says the true date (``date_handwritten``): a wrong date is never right;
- a **silent error** is a wrong value in a record whose status is ``ok``, whose confidence for the
  field is >= 0.9 (a field without a confidence counts as sure: nothing signals doubt) and which no
  warning names. Silent errors are the one defect an analyst cannot catch, hence their own count;
- a wrong value **no warning names** is the same without the record's status: wrong, confident,
  unwarned, in a record that is ``needs_review`` for other reasons. Today the other reasons
  catch it; a cleaner scan would make it silent. The count shows how close that is.

Character error rates (CER) are measured twice, on the pipeline's text before repair ("raw") and
after it, each against ``NAME.truth``:

- **plain**: Levenshtein distance of the whole text (whitespace collapsed) over the truth's length;
- **order-free**: the same after the output's lines are put in the truth's order
  (:func:`order_like`), in the spirit of the "flexible character accuracy" of Clausner, Pletschacher
  and Antonacopoulos (ICDAR 2019). Tesseract reads a two-column signature block column by column
  while the truth runs row by row, and a running footer may sit between them; Levenshtein counts
  a moved block twice (deleted here, inserted there) although not one character is wrong. Repair
  cannot and should not change reading order, so only the order-free numbers show what repair
  does to characters. Everything the plain CER counts except the moves stays counted: wrong,
  missing and extra characters, junk lines (they keep their place after the line before them).
  The procedure is the same for the raw and the repaired text. dinglehopper, which implements
  flexible character accuracy, needs the OCR-D framework (ocrd, lxml, click, ...) for what is
  here some thirty lines on rapidfuzz, which the project uses anyway.
"""

from __future__ import annotations

import json
import math
import os
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .config import Settings
from .models import Record

INPUT_SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".txt")
SILENT_CONFIDENCE = 0.9
SIGNATORY_ATTRS = ("name", "role", "place", "date")
# Field checks per document, in report order; section_titles.N are folded into one row.
FIELD_ROWS = (
    "year",
    "partner",
    "ministry",
    "amount_eur",
    "projects",
    *(f"signatories[{i}].{a}" for i in (0, 1) for a in SIGNATORY_ATTRS),
    "section_titles",
)

_QUOTES = str.maketrans({c: '"' for c in "„“”‟«»"} | {c: "'" for c in "‚‘’‛‹›"} | {c: "-" for c in "‐‑‒–—―−"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Check(_Frozen):
    """One compared value of one document."""

    field: str  # e.g. "year", "signatories[1].date", "section_titles.5"
    right: bool
    expected: str
    got: str
    silent: bool = False
    unflagged: bool = False  # wrong, its confidence >= 0.9 and no warning names it (any status)


class SampleResult(_Frozen):
    name: str  # the input's path relative to the samples folder
    variant: str
    status: str
    error: str | None = None
    checks: tuple[Check, ...]
    projects_tp: int = 0
    projects_fp: int = 0
    projects_fn: int = 0
    truth_chars: int = 0
    raw_edits: int | None = None  # Levenshtein distance of the text before repair to the truth
    repaired_edits: int | None = None
    raw_edits_order_free: int | None = None  # the same after putting the lines in the truth's order
    repaired_edits_order_free: int | None = None
    seconds: float = 0.0

    @property
    def all_right(self) -> bool:
        return all(c.right for c in self.checks)

    @property
    def cer_raw(self) -> float | None:
        return _rate(self.raw_edits, self.truth_chars)

    @property
    def cer_repaired(self) -> float | None:
        return _rate(self.repaired_edits, self.truth_chars)

    @property
    def cer_raw_order_free(self) -> float | None:
        return _rate(self.raw_edits_order_free, self.truth_chars)

    @property
    def cer_repaired_order_free(self) -> float | None:
        return _rate(self.repaired_edits_order_free, self.truth_chars)


def _rate(edits: int | None, chars: int) -> float | None:
    return None if edits is None or not chars else edits / chars


class Score(_Frozen):
    right: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


class VariantScore(_Frozen):
    documents: int
    documents_all_right: int
    fields: Score
    cer_raw: float | None
    cer_repaired: float | None
    cer_raw_order_free: float | None = None
    cer_repaired_order_free: float | None = None


class EvalReport(_Frozen):
    samples: tuple[SampleResult, ...]
    fields: dict[str, Score] = Field(description="accuracy per row of FIELD_ROWS")
    projects_precision: float
    projects_recall: float
    projects_f1: float
    documents: int
    documents_all_right: int
    variants: dict[str, VariantScore]
    cer_raw: float | None
    cer_repaired: float | None
    cer_raw_order_free: float | None = None
    cer_repaired_order_free: float | None = None
    silent_errors: tuple[tuple[str, Check], ...]
    unflagged: tuple[tuple[str, Check], ...] = ()
    seconds: float
    notes: tuple[str, ...] = ()

    @property
    def share_all_right(self) -> float:
        return self.documents_all_right / self.documents if self.documents else 1.0


# --------------------------------------------------------------------------- comparing


def norm(value: object) -> str:
    """The comparison form of a text value (see the module docstring)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_QUOTES)
    return " ".join(text.split())


def _cer_norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# A line is placed where it aligns best in the truth (rapidfuzz partial_ratio, 0-100) unless it
# aligns that well, or nearly, right after the line before it: short lines that occur more than
# once ("den", "Landrat") then keep the reading order instead of jumping to the first occurrence.
ORDER_MIN_SCORE = 60.0
"""Below this a line is found nowhere (signature scribbles, stamps): it stays after its
predecessor, as read."""
ORDER_MIN_CHARS = 4
"""Lines shorter than this are too ambiguous to place; they stay after their predecessor."""
ORDER_MOVE_SCORE = 85.0
"""A line moves away from the place after its predecessor only to a place it matches this well:
moved blocks are read well, junk lines (". an den 2 942 4") match loosely all over the text."""
ORDER_MIN_GAIN = 3
"""A line moves away from the place after its predecessor only when the place elsewhere saves at
least this many edits (and a fifth of the line): a short junk line such as ". an den" otherwise
jumps to some "an den" far away."""


def _place(line: str, truth: str, cursor: int) -> tuple[int, int] | None:
    """Where ``line`` sits in ``truth`` (start, end): just after ``cursor`` unless it matches a place
    elsewhere well (ORDER_MOVE_SCORE) and that saves clearly more edits (ORDER_MIN_GAIN); None
    when it fits nowhere (ORDER_MIN_SCORE)."""
    lo = max(0, cursor - 5)
    window = truth[lo : cursor + len(line) + 30]
    exact = window.find(line)
    if exact >= 0:
        return lo + exact, lo + exact + len(line)
    near_score, near_start, near_end = _align(line, window)
    far_at = truth.find(line, lo)
    if far_at < 0:
        far_at = truth.find(line)
    if far_at >= 0:  # elsewhere verbatim: the next occurrence, else the first
        far_start, far_end, far_cost = far_at, far_at + len(line), 0.0
    else:
        far_score, far_start, far_end = _align(line, truth)
        far_cost = _indel(line, far_score, far_end - far_start) if far_score >= ORDER_MOVE_SCORE else math.inf
    if _indel(line, near_score, near_end - near_start) - far_cost >= max(ORDER_MIN_GAIN, len(line) / 5):
        return far_start, far_end
    if near_score < ORDER_MIN_SCORE:
        return None
    return lo + near_start, lo + near_end


def _align(line: str, text: str) -> tuple[float, int, int]:
    """rapidfuzz's best alignment of the whole ``line`` to a stretch of ``text``: (score 0-100,
    start, end in ``text``)."""
    found = fuzz.partial_ratio_alignment(line, text)
    return (found.score, found.dest_start, found.dest_end) if found is not None else (0.0, 0, 0)


def _indel(line: str, score: float, matched: int) -> float:
    """The insertions and deletions behind a rapidfuzz ratio ``score`` of ``line`` against a
    stretch of ``matched`` characters (ratio = 1 - indel / total length)."""
    return (1 - score / 100) * (len(line) + matched)


def order_like(text: str, truth: str) -> str:
    """``text`` (normalised as for the CER) with its lines in the order the truth has them.

    Each line, in reading order, is aligned to the normalised truth: first just after where the
    previous line ended, then anywhere; the nearby place is kept unless the one elsewhere is
    clearly fewer edits (ORDER_MIN_GAIN). Lines that align nowhere (ORDER_MIN_SCORE) or are too
    short to place (ORDER_MIN_CHARS) keep their place behind their predecessor. The lines are then
    sorted stably by their place. Nothing inside a line changes, so every wrong, missing or
    extra character still counts; only blocks that were read in another order stop counting twice.
    """
    truth_n = _cer_norm(truth)
    lines = [_cer_norm(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    placed: list[tuple[int, int, str]] = []
    cursor = 0
    position = 0
    for index, line in enumerate(lines):
        if len(line) >= ORDER_MIN_CHARS and truth_n:
            span = _place(line, truth_n, cursor)
            if span is not None:
                position, cursor = span
        placed.append((position, index, line))
    return " ".join(line for _, _, line in sorted(placed))


def _names_warning(warning_field: str, key: str) -> bool:
    """Does a warning about ``warning_field`` concern the value at ``key``? "signatories" and
    "signatories[1]" name "signatories[1].date"; "projects[3]" names "projects"."""
    w = warning_field
    return w == key or key.startswith((w + ".", w + "[")) or w.startswith((key + ".", key + "["))


def _sure(record: Record, conf_key: str, warn_keys: Iterable[str], whole_record: bool = True) -> bool:
    """Does the record vouch for this value: its confidence high and no warning naming it, and
    (with ``whole_record``) the record's status "ok"?"""
    if whole_record and record.status != "ok":
        return False
    conf = record.confidence.get(conf_key)
    if conf is not None and conf < SILENT_CONFIDENCE:
        return False
    return not any(_names_warning(w.field, k) for w in record.warnings for k in warn_keys)


def _check(field: str, right: bool, expected: object, got: object, sure: Callable[[bool], bool]) -> Check:
    return Check(
        field=field,
        right=right,
        expected=_show(expected),
        got=_show(got),
        silent=not right and sure(True),
        unflagged=not right and sure(False),
    )


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def compare(expected: dict[str, Any], record: Record) -> tuple[list[Check], tuple[int, int, int]]:
    """All checks of one document, and (tp, fp, fn) of its projects."""
    checks: list[Check] = []

    def sure(conf_key: str, *warn_keys: str) -> Callable[[bool], bool]:
        return lambda whole_record: _sure(record, conf_key, warn_keys or (conf_key,), whole_record)

    checks.append(
        _check("year", record.year == expected["year"], expected["year"], record.year, sure("year"))
    )

    exp_p = expected["partner"]
    got_p = record.partner
    right = got_p is not None and (norm(got_p.name), got_p.kind, got_p.ags) == (
        norm(exp_p["name"]),
        exp_p["kind"],
        exp_p["ags"],
    )
    shown = f"{got_p.name} ({got_p.kind}, {got_p.ags})" if got_p else None
    checks.append(
        _check("partner", right, f"{exp_p['name']} ({exp_p['kind']}, {exp_p['ags']})", shown, sure("partner"))
    )

    exp_m = expected["ministry"]
    got_m = record.ministry
    right = got_m is not None and (norm(got_m.name), got_m.abbreviation) == (
        norm(exp_m["name"]),
        exp_m["abbreviation"],
    )
    shown = f"{got_m.name} ({got_m.abbreviation})" if got_m else None
    checks.append(
        _check("ministry", right, f"{exp_m['name']} ({exp_m['abbreviation']})", shown, sure("ministry"))
    )

    exp_a = expected["amount_eur"]
    got_a = record.amount_eur
    right = (got_a is None and exp_a is None) or (
        got_a is not None and exp_a is not None and abs(got_a - exp_a) < 0.005
    )
    checks.append(_check("amount_eur", right, exp_a, got_a, sure("amount_eur")))

    exp_pr = [(int(p["category"]), norm(p["title"])) for p in expected["projects"]]
    got_pr = [(p.category, norm(p.title)) for p in record.projects]
    common = sum((Counter(exp_pr) & Counter(got_pr)).values())
    counts = (common, len(got_pr) - common, len(exp_pr) - common)
    missing = [f"{c}:{t}" for c, t in (Counter(exp_pr) - Counter(got_pr)).elements()]
    extra = [f"{c}:{t}" for c, t in (Counter(got_pr) - Counter(exp_pr)).elements()]
    detail = (
        "; ".join([*(f"missing {m}" for m in missing), *(f"extra {e}" for e in extra)]) or "order differs"
    )
    checks.append(
        _check(
            "projects",
            exp_pr == got_pr,
            f"{len(exp_pr)} projects",
            f"{len(got_pr)} projects: {detail}",
            sure("projects"),
        )
    )

    for i, exp_s in enumerate(expected["signatories"][:2]):
        j, got_s = next(
            ((j, s) for j, s in enumerate(record.signatories) if s.side == exp_s["side"]), (None, None)
        )
        for attr in SIGNATORY_ATTRS:
            field = f"signatories[{i}].{attr}"
            got = getattr(got_s, attr) if got_s is not None else None
            want = exp_s.get(attr)
            if attr == "date":
                got_iso = got.isoformat() if got is not None else None
                right = got_iso == want or (
                    want is None and got_iso is not None and got_iso == exp_s.get("date_handwritten")
                )
                got = got_iso
            else:
                right = norm(got) == norm(want) and (got is None) == (want is None)
            warn = f"signatories[{j}].{attr}" if j is not None else "signatories"
            checks.append(_check(field, right, want, got, sure("signatories", warn)))

    by_number = {s.number: (k, s) for k, s in enumerate(record.sections)}
    for num, title in sorted(expected.get("section_titles", {}).items(), key=lambda kv: int(kv[0])):
        k, sec = by_number.get(int(num), (None, None))
        got_t = sec.title if sec is not None else None
        warn = f"sections[{k}].title" if k is not None else "sections"
        checks.append(
            _check(f"section_titles.{num}", norm(got_t) == norm(title), title, got_t, sure("sections", warn))
        )
    return checks, counts


# --------------------------------------------------------------------------- running


def find_samples(samples_dir: Path) -> list[tuple[Path, Path]]:
    """(input, expected.json) pairs under ``samples_dir``, sorted by path."""
    out = []
    for exp in sorted(samples_dir.rglob("*.expected.json")):
        stem = exp.name[: -len(".expected.json")]
        inputs = [exp.with_name(stem + s) for s in INPUT_SUFFIXES if exp.with_name(stem + s).is_file()]
        if inputs:
            out.append((inputs[0], exp))
    return out


def _truth(input_path: Path) -> str | None:
    stem = input_path.name[: -len(input_path.suffix)]
    for name in (stem + ".truth", stem + ".truth.txt"):
        p = input_path.with_name(name)
        if p.is_file():
            return p.read_text(encoding="utf-8")
    return None


def _extract_one(path: str, settings: Settings) -> tuple[Record, str | None, str | None, float]:
    """Extract one sample; with the pipeline's text before and after repair when it offers them."""
    t0 = time.perf_counter()
    try:
        from .pipeline import extract_with_text
    except ImportError:  # an older pipeline: the record only
        from . import extract

        return extract(path, settings), None, None, time.perf_counter() - t0
    record, raw, repaired = extract_with_text(path, settings)
    return record, (raw or None), (repaired or None), time.perf_counter() - t0


def _lookup(records: dict[str, Record], path: Path, samples_dir: Path) -> Record | None:
    for key in (str(path), str(path.resolve()), path.relative_to(samples_dir).as_posix(), path.name):
        if key in records:
            return records[key]
    return None


def _missing_record(rel: str) -> Record:
    from .models import Source

    return Record(status="failed", error="no record was given for this sample", source=Source(path=rel))


def evaluate(
    samples_dir: Path,
    records: dict[str, Record] | None = None,
    settings: Settings | None = None,
    jobs: int | None = None,
) -> EvalReport:
    """Score extraction on every sample under ``samples_dir``.

    Without ``records`` every sample is extracted here, ``jobs`` at a time in separate processes
    (default: one per CPU), each with ``settings.workers`` = 1: whole documents in parallel keep
    both cores busy without nesting pools. ``records`` (keyed by the sample's path, as given, absolute,
    relative to ``samples_dir`` or by file name) skips extraction; character error rates then
    cannot be measured and are reported as unknown.
    """
    t0 = time.perf_counter()
    samples_dir = Path(samples_dir)
    pairs = find_samples(samples_dir)
    notes: list[str] = []
    if not pairs:
        notes.append(f"no samples (*.expected.json beside an input) under {samples_dir}")
    made: dict[Path, tuple[Record, str | None, str | None, float]] = {}
    if records is None:
        base = settings or Settings()
        per_doc = base.model_copy(update={"workers": 1})
        n = jobs or min(len(pairs), os.cpu_count() or 1) or 1
        # big scans first, so no core waits on one long document at the end
        order = sorted((p for p, _ in pairs), key=lambda p: -p.stat().st_size)
        if n == 1:
            for p in order:
                made[p] = _extract_one(str(p), per_doc)
        else:
            with ProcessPoolExecutor(max_workers=n) as pool:
                futures = {p: pool.submit(_extract_one, str(p), per_doc) for p in order}
                made = {p: f.result() for p, f in futures.items()}
    else:
        for p, _ in pairs:
            rec = _lookup(records, p, samples_dir)
            made[p] = (rec or _missing_record(p.name), None, None, 0.0)
            if rec is None:
                notes.append(f"{p.name}: no record given")
    results = [_score(p, exp, samples_dir, *made[p]) for p, exp in pairs]
    return summarize(results, time.perf_counter() - t0, notes)


def _score(
    path: Path,
    exp_path: Path,
    samples_dir: Path,
    record: Record,
    raw: str | None,
    repaired: str | None,
    seconds: float,
) -> SampleResult:
    expected = json.loads(exp_path.read_text(encoding="utf-8"))
    checks, (tp, fp, fn) = compare(expected, record)
    truth = _truth(path)
    truth_n = _cer_norm(truth) if truth is not None else ""

    def edits(text: str | None, *, order_free: bool) -> int | None:
        if text is None or not truth_n:
            return None
        return Levenshtein.distance(order_like(text, truth_n) if order_free else _cer_norm(text), truth_n)

    return SampleResult(
        name=path.relative_to(samples_dir).as_posix(),
        variant=str(expected.get("variant", "unknown")),
        status=record.status,
        error=record.error,
        checks=tuple(checks),
        projects_tp=tp,
        projects_fp=fp,
        projects_fn=fn,
        truth_chars=len(truth_n),
        raw_edits=edits(raw, order_free=False),
        repaired_edits=edits(repaired, order_free=False),
        raw_edits_order_free=edits(raw, order_free=True),
        repaired_edits_order_free=edits(repaired, order_free=True),
        seconds=round(seconds, 2),
    )


def _row(field: str) -> str:
    return "section_titles" if field.startswith("section_titles.") else field


def _cer(results: Iterable[SampleResult], attr: str) -> float | None:
    """Character-weighted CER over the samples that have both truth and text."""
    pairs = [
        (getattr(r, attr), r.truth_chars) for r in results if getattr(r, attr) is not None and r.truth_chars
    ]
    return sum(e for e, _ in pairs) / sum(n for _, n in pairs) if pairs else None


def summarize(results: list[SampleResult], seconds: float = 0.0, notes: Iterable[str] = ()) -> EvalReport:
    rows: dict[str, list[int]] = {f: [0, 0] for f in FIELD_ROWS}
    for r in results:
        for c in r.checks:
            cell = rows.setdefault(_row(c.field), [0, 0])
            cell[0] += c.right
            cell[1] += 1
    tp = sum(r.projects_tp for r in results)
    fp = sum(r.projects_fp for r in results)
    fn = sum(r.projects_fn for r in results)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    variants: dict[str, VariantScore] = {}
    for v in sorted({r.variant for r in results}):
        rs = [r for r in results if r.variant == v]
        variants[v] = VariantScore(
            documents=len(rs),
            documents_all_right=sum(r.all_right for r in rs),
            fields=Score(
                right=sum(c.right for r in rs for c in r.checks), total=sum(len(r.checks) for r in rs)
            ),
            cer_raw=_cer(rs, "raw_edits"),
            cer_repaired=_cer(rs, "repaired_edits"),
            cer_raw_order_free=_cer(rs, "raw_edits_order_free"),
            cer_repaired_order_free=_cer(rs, "repaired_edits_order_free"),
        )
    return EvalReport(
        samples=tuple(results),
        fields={k: Score(right=v[0], total=v[1]) for k, v in rows.items()},
        projects_precision=precision,
        projects_recall=recall,
        projects_f1=f1,
        documents=len(results),
        documents_all_right=sum(r.all_right for r in results),
        variants=variants,
        cer_raw=_cer(results, "raw_edits"),
        cer_repaired=_cer(results, "repaired_edits"),
        cer_raw_order_free=_cer(results, "raw_edits_order_free"),
        cer_repaired_order_free=_cer(results, "repaired_edits_order_free"),
        silent_errors=tuple((r.name, c) for r in results for c in r.checks if c.silent),
        unflagged=tuple((r.name, c) for r in results for c in r.checks if c.unflagged),
        seconds=round(seconds, 1),
        notes=tuple(notes),
    )


def metrics(report: EvalReport) -> dict[str, float]:
    """The report as flat numbers, higher is better, named as in ``tests/accuracy_floors.toml``."""
    out = {f"field.{k}": v.accuracy for k, v in report.fields.items()}
    out["projects.precision"] = report.projects_precision
    out["projects.recall"] = report.projects_recall
    out["projects.f1"] = report.projects_f1
    out["documents.all_right"] = report.share_all_right
    # the share of OCR's character errors that repair takes away (1 - CER after / CER before)
    for name, raw, repaired in (
        ("cer.removed_by_repair", report.cer_raw, report.cer_repaired),
        ("cer.removed_by_repair_order_free", report.cer_raw_order_free, report.cer_repaired_order_free),
    ):
        if raw and repaired is not None:
            out[name] = 1 - repaired / raw
    for name, v in report.variants.items():
        out[f"variant.{name}.fields_right"] = v.fields.accuracy
        out[f"variant.{name}.documents_all_right"] = (
            v.documents_all_right / v.documents if v.documents else 1.0
        )
    return out


# --------------------------------------------------------------------------- rendering


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join("-" * w for w in widths)

    def fmt(r: list[str]) -> str:
        return "  ".join(
            str(x).ljust(w) if i == 0 else str(x).rjust(w)
            for i, (x, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([fmt(header), line, *(fmt(r) for r in rows)])


def render_report(report: EvalReport, max_mismatches: int = 80) -> str:
    """The report as plain-text tables (for the terminal, CI logs and the README)."""
    parts = [
        f"Evaluation of {report.documents} samples in {report.seconds:.0f} s: "
        f"{report.documents_all_right}/{report.documents} documents with every field right "
        f"({_pct(report.share_all_right)}); silent errors: {len(report.silent_errors)}; "
        f"wrong values no warning names: {len(report.unflagged)}",
        "",
        _table(
            ["field", "right", "total", "accuracy"],
            [[k, str(v.right), str(v.total), _pct(v.accuracy)] for k, v in report.fields.items()],
        ),
        "",
        f"projects (category, title): precision {_pct(report.projects_precision)}, recall "
        f"{_pct(report.projects_recall)}, F1 {_pct(report.projects_f1)}",
        "",
        _table(
            [
                "variant",
                "docs",
                "all right",
                "fields right",
                "CER raw",
                "CER repaired",
                "CER raw (order-free)",
                "CER repaired (order-free)",
            ],
            [
                [
                    name,
                    str(v.documents),
                    str(v.documents_all_right),
                    _pct(v.fields.accuracy),
                    _pct(v.cer_raw),
                    _pct(v.cer_repaired),
                    _pct(v.cer_raw_order_free),
                    _pct(v.cer_repaired_order_free),
                ]
                for name, v in report.variants.items()
            ]
            + [
                [
                    "all",
                    str(report.documents),
                    str(report.documents_all_right),
                    _pct(
                        sum(v.fields.right for v in report.variants.values())
                        / max(1, sum(v.fields.total for v in report.variants.values()))
                    ),
                    _pct(report.cer_raw),
                    _pct(report.cer_repaired),
                    _pct(report.cer_raw_order_free),
                    _pct(report.cer_repaired_order_free),
                ]
            ],
        ),
    ]
    if report.silent_errors:
        parts += ["", "SILENT ERRORS (wrong, status ok, confident, unwarned):"]
        parts += [
            f"  {name}: {c.field}: expected {c.expected!r}, got {c.got!r}" for name, c in report.silent_errors
        ]
    wrong = [(r.name, r.status, c) for r in report.samples for c in r.checks if not c.right]
    if wrong:
        parts += ["", f"wrong values ({len(wrong)}):"]
        for name, status, c in wrong[:max_mismatches]:
            mark = ", NO WARNING" if c.unflagged else ""
            parts.append(f"  {name} ({status}{mark}) {c.field}: expected {c.expected!r}, got {c.got!r}")
        if len(wrong) > max_mismatches:
            parts.append(f"  … and {len(wrong) - max_mismatches} more")
    failed = [r for r in report.samples if r.status == "failed"]
    if failed:
        parts += ["", "failed records:"] + [f"  {r.name}: {r.error}" for r in failed]
    parts += [f"note: {n}" for n in report.notes]
    return "\n".join(parts) + "\n"
