"""The HTML review report (``aqb-extract review DIR``): a static folder a reviewer opens in a browser.

A reviewer's job is to confirm or correct each value quickly. So the report puts the documents
that need a look first, and on each document's page shows every field next to the page image with
the words behind that field highlighted: the eye goes from the value to the marked words and back,
with no searching through a four-page scan.

Everything is static files (jinja2 templates, one small CSS and vanilla JS file, inline SVG for
the chart) with no network access: reports get mailed, zipped and opened on locked-down office
machines, where a CDN or a local server is not an option. Page images are copied into the report
so the folder stays complete when moved.

Page images are read from ``OUT/pages/<REL>/page-<n>.jpg`` with ``OUT/pages/<REL>/pages.json``
(``[{"number": 1, "width": W, "height": H}]``, the size of the OCR image the evidence boxes are
measured in). Boxes are placed in percent of that size, so the JPEG may be downscaled freely.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import ValidationError

from .errors import UsageError
from .models import Evidence, Record
from .show import (
    FIELDS,
    confidence_level,
    display_value,
    format_eur,
    is_missing,
    lowest_confidence,
    resolve,
    review_reasons,
)

MARKER = ".aqb-review"
"""File that marks a folder as a report we wrote: only such a folder is ever replaced, so a
mistyped ``--dest`` can never wipe a user's own folder."""

ASSETS = ("style.css", "report.js")
STATUS_RANK = {"failed": 0, "needs_review": 1, "ok": 2}
#: Colour-blind safe (Okabe–Ito) colours for the years in the chart.
YEAR_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#000000")


# --------------------------------------------------------------------------- view models


@dataclass(frozen=True)
class BoxView:
    """One highlight, in percent of the page so it scales with the image."""

    key: str
    left: float
    top: float
    width: float
    height: float
    label: str = ""


@dataclass
class PageView:
    number: int
    image: str | None  # href relative to the document page
    width: int
    height: int
    boxes: list[BoxView] = field(default_factory=list)


@dataclass
class FieldRow:
    key: str
    label: str
    value: str
    raw: str
    confidence: float | None
    level: str
    warnings: list[str]
    page: int | None
    boxed: bool
    item: bool = False


@dataclass
class DocView:
    index: int
    href: str  # from the report's root
    record: Record
    reasons: list[str]
    lowest_key: str | None
    lowest: float | None
    lowest_level: str
    rows: list[FieldRow] = field(default_factory=list)
    pages: list[PageView] = field(default_factory=list)
    page_note: str = ""
    other_warnings: list[str] = field(default_factory=list)
    prev_href: str | None = None
    next_href: str | None = None

    @property
    def sort_key(self) -> tuple[int, float, str]:
        """Failed, then needing review, then ok; within each, the weakest field first."""
        lowest = -1.0 if self.lowest is None else self.lowest
        return (STATUS_RANK.get(self.record.status, 3), lowest, self.path)

    @property
    def path(self) -> str:
        return self.record.source.path


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    colour: str
    year: int
    amount: str
    href: str
    doubtful: bool


@dataclass
class ChartGroup:
    partner: str
    y: float
    height: float
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    plot_width: int
    top: int
    groups: list[ChartGroup]
    ticks: list[Tick]
    legend: list[tuple[int, str]]
    years: list[int]
    pivot: list[tuple[str, list[str]]]


# --------------------------------------------------------------------------- reading


def load_records(out_dir: Path) -> tuple[list[Record], list[str]]:
    """The records of ``OUT/records.jsonl`` and a note per line that is not a valid record.

    A bad line is reported in the overview instead of failing the report: one damaged line (from
    an older tool version, or a hand edit) must not hide the other 99 documents from review.
    """
    path = out_dir / "records.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(
            f"{out_dir} has no records.jsonl; run `aqb-extract extract … --out {out_dir}` first"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    records: list[Record] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(Record.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            problems.append(f"records.jsonl line {number} is not a valid record ({where}: {first['msg']})")
    return records, problems


def _safe_rel(rel: str) -> PurePosixPath | None:
    """``source.path`` as a relative path, or None if it would leave ``OUT/pages``."""
    path = PurePosixPath(rel.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    return path


def _page_sizes(folder: Path) -> tuple[dict[int, tuple[int, int]], str]:
    """Sizes of the OCR images from ``pages.json``, and a note for the reviewer when unusable."""
    try:
        data = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, "pages.json is missing, so the words behind the fields cannot be marked"
    except (OSError, ValueError) as exc:
        return {}, f"pages.json is unreadable ({exc}), so the words behind the fields cannot be marked"
    sizes: dict[int, tuple[int, int]] = {}
    if isinstance(data, list):
        for entry in data:
            try:
                number, width, height = int(entry["number"]), int(entry["width"]), int(entry["height"])
            except (TypeError, KeyError, ValueError):
                continue
            if width > 0 and height > 0:
                sizes[number] = (width, height)
    return sizes, "" if sizes else "pages.json lists no page sizes, so the words cannot be marked"


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link the page image when possible: a report of hundreds of scans then costs no disk
    space twice, and a copy is still made where links are impossible (another file system)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _pct(value: float, total: int) -> float:
    return round(min(100.0, max(0.0, 100.0 * value / total)), 3)


def _pages(record: Record, out_dir: Path, dest: Path, index: int) -> tuple[list[PageView], str]:
    """Copy the document's page images into the report and place its evidence boxes on them."""
    rel = _safe_rel(record.source.path)
    if rel is None:
        return [], "no page images: the source path is not a relative path"
    folder = out_dir / "pages" / rel
    images = sorted(
        (int(m.group(1)), p)
        for p in (folder.glob("page-*.jpg") if folder.is_dir() else ())
        if (m := re.fullmatch(r"page-(\d+)\.jpg", p.name))
    )
    if not images:
        return [], "no page images (text input, or the extract step kept none): showing the text as written"
    sizes, note = _page_sizes(folder)
    target = dest / "pages" / str(index)
    target.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[tuple[str, Evidence]]] = defaultdict(list)
    for key, ev in record.evidence.items():
        if ev.page is not None and ev.boxes:
            by_page[ev.page].append((key, ev))
    pages: list[PageView] = []
    for number, image in images:
        _link_or_copy(image, target / image.name)
        width, height = sizes.get(number, (0, 0))
        view = PageView(number, f"../pages/{index}/{image.name}", width, height)
        if width and height:
            for key, ev in by_page.get(number, []):
                for i, (left, top, w, h) in enumerate(ev.boxes):
                    view.boxes.append(
                        BoxView(
                            key,
                            _pct(left, width),
                            _pct(top, height),
                            _pct(w, width),
                            _pct(h, height),
                            key if i == 0 else "",
                        )
                    )
        pages.append(view)
    return pages, note


def _rows(record: Record, thresholds: Mapping[str, float] | None) -> tuple[list[FieldRow], list[str]]:
    """One row per field, project and signatory (and per extra evidence key), each with the
    warnings that concern it; warnings that fit no row are returned separately."""
    rows: list[FieldRow] = []

    def add(key: str, label: str, confidence: float | None, item: bool, value: str | None = None) -> None:
        ev = record.evidence.get(key)
        if confidence is None and ev is not None and key not in record.confidence:
            confidence = ev.confidence
        level: str = confidence_level(confidence, key, thresholds)
        if confidence is None and (item or not is_missing(record, key)):
            level = "none"  # no number to judge: neutral, not alarming
        rows.append(
            FieldRow(
                key=key,
                label=label,
                value=value if value is not None else display_value(resolve(record, key), key),
                raw=ev.raw.strip() if ev else "",
                confidence=confidence,
                level=level,
                warnings=[],
                page=ev.page if ev else None,
                boxed=bool(ev and ev.page is not None and ev.boxes),
                item=item,
            )
        )

    used: set[str] = set()
    for key, label in FIELDS:
        items: list[object] = getattr(record, key) if key in ("projects", "signatories") else []
        value = f"{len(items)} found" if key in ("projects", "signatories") and items else None
        if key in ("projects", "signatories") and not items:
            value = "none found"
        add(key, label, record.confidence.get(key), False, value)
        used.add(key)
        for i in range(len(items)):
            item_key = f"{key}[{i}]"
            add(item_key, f"{'Project' if key == 'projects' else 'Signatory'} {i + 1}", None, True)
            used.add(item_key)
            for sub in sorted(k for k in record.evidence if k.startswith(item_key + ".")):
                add(sub, sub.split(".", 1)[1], None, True)
                used.add(sub)
    for key in sorted(set(record.evidence) - used):
        add(key, key, None, True)

    by_key = {row.key: row for row in rows}
    other: list[str] = []
    for w in record.warnings:
        owner = max(
            (k for k in by_key if w.field == k or w.field.startswith((k + "[", k + "."))),
            key=len,
            default=None,
        )
        if owner is None:
            other.append(f"{w.field}: {w.message}")
        else:
            by_key[owner].warnings.append(w.message if owner == w.field else f"{w.field}: {w.message}")
    return rows, other


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")[:60] or "document"


# --------------------------------------------------------------------------- chart


def _nice_step(maximum: float, target_ticks: int = 5) -> float:
    raw = maximum / target_ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _tick_label(value: float, maximum: float) -> str:
    if value == 0:
        return "0 €"
    if maximum >= 1_000_000:
        text = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} Mio. €"
    return format_eur(value).replace(",00 €", " €")


def build_chart(docs: Sequence[DocView]) -> Chart | None:
    """Amounts by partner (rows, alphabetical so a partner is easy to find) and year (one bar per
    document, coloured by year). One bar per document, not a sum: two records for the same partner
    and year are a mistake a reviewer should see as two bars, not as one doubled amount."""
    data = [d for d in docs if d.record.partner and d.record.amount_eur is not None and d.record.year]
    if not data:
        return None
    years = sorted({d.record.year for d in data if d.record.year is not None})
    colour = {y: YEAR_COLOURS[i % len(YEAR_COLOURS)] for i, y in enumerate(years)}
    maximum = max(d.record.amount_eur or 0.0 for d in data) or 1.0
    step = _nice_step(maximum)
    axis_max = step * math.ceil(maximum / step)
    label_width, plot_width, value_width, top = 190, 560, 150, 44
    bar_h, gap, group_gap = 14, 3, 12
    scale = plot_width / axis_max
    by_partner: dict[str, list[DocView]] = defaultdict(list)
    for d in data:
        assert d.record.partner is not None
        by_partner[d.record.partner.name].append(d)
    groups: list[ChartGroup] = []
    y = float(top)
    for partner in sorted(by_partner, key=str.casefold):
        members = sorted(by_partner[partner], key=lambda d: (d.record.year or 0, d.path))
        bars = []
        for i, d in enumerate(members):
            amount = d.record.amount_eur or 0.0
            bars.append(
                Bar(
                    y=y + i * (bar_h + gap),
                    width=round(max(1.0, amount * scale), 2),
                    colour=colour[d.record.year or 0],
                    year=d.record.year or 0,
                    amount=format_eur(amount),
                    href=d.href,
                    doubtful=d.record.status != "ok",
                )
            )
        height = len(members) * (bar_h + gap) - gap
        groups.append(ChartGroup(partner, y, height, bars))
        y += height + group_gap
    ticks = [
        Tick(round(v * step * scale, 2), _tick_label(v * step, axis_max))
        for v in range(round(axis_max / step) + 1)
    ]
    pivot_cells: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for d in data:
        assert d.record.partner is not None and d.record.year is not None
        pivot_cells[d.record.partner.name][d.record.year].append(d.record.amount_eur or 0.0)
    pivot = [
        (p, [" + ".join(format_eur(a) for a in pivot_cells[p].get(year, [])) or "—" for year in years])
        for p in sorted(pivot_cells, key=str.casefold)
    ]
    return Chart(
        width=label_width + plot_width + value_width,
        height=int(y) + 8,
        label_width=label_width,
        plot_width=plot_width,
        top=top,
        groups=groups,
        ticks=ticks,
        legend=[(year, colour[year]) for year in years],
        years=years,
        pivot=pivot,
    )


# --------------------------------------------------------------------------- writing


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("aqb_extract", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["eur"] = format_eur
    return env


def _replace_dir(built: Path, dest: Path) -> None:
    """Put the freshly built report in place of the old one (so no stale document pages from an
    earlier run linger), refusing to replace a folder that is not one of our reports."""
    if dest.exists():
        if not dest.is_dir() or (any(dest.iterdir()) and not (dest / MARKER).exists()):
            raise UsageError(f"{dest} exists and is not a review report; choose another destination")
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        os.replace(dest, old)
        os.replace(built, dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(built, dest)


def build_review(
    out_dir: Path, dest: Path | None = None, *, thresholds: Mapping[str, float] | None = None
) -> Path:
    """Write the report for the records in ``out_dir`` to ``dest`` (default ``OUT/review``) and
    return its ``index.html``.

    The report is built in a sibling temp folder and swapped in at the end, so an interrupted
    build leaves the previous report intact. ``thresholds`` should be the run's settings, so the
    colours agree with the status the records got.
    """
    out_dir = Path(out_dir)
    dest = Path(dest) if dest is not None else out_dir / "review"
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} exists and is not a folder; choose another destination")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).exists():
        raise UsageError(f"{dest} exists and is not a review report; choose another destination")
    records, problems = load_records(out_dir)
    dest.parent.mkdir(parents=True, exist_ok=True)
    built = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(built, ignore_errors=True)
    (built / "docs").mkdir(parents=True)
    try:
        _write_report(records, problems, out_dir, built, thresholds)
        _replace_dir(built, dest)
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    return dest / "index.html"


def _write_report(
    records: Sequence[Record],
    problems: Sequence[str],
    out_dir: Path,
    built: Path,
    thresholds: Mapping[str, float] | None,
) -> None:
    docs: list[DocView] = []
    for index, record in enumerate(records, start=1):
        weakest = lowest_confidence(record)
        key, value = weakest if weakest else (None, None)
        doc = DocView(
            index=index,
            href=f"docs/{index:04d}-{_slug(record.source.path)}.html",
            record=record,
            reasons=review_reasons(record, thresholds),
            lowest_key=key,
            lowest=value,
            lowest_level=confidence_level(value, key or "", thresholds) if key else "none",
        )
        doc.rows, doc.other_warnings = _rows(record, thresholds)
        doc.pages, doc.page_note = _pages(record, out_dir, built, index)
        docs.append(doc)
    docs.sort(key=lambda d: d.sort_key)
    for before, after in itertools.pairwise(docs):
        before.next_href = "../" + after.href
        after.prev_href = "../" + before.href

    env = _environment()
    counts = {s: sum(d.record.status == s for d in docs) for s in STATUS_RANK}
    document_tpl = env.get_template("document.html")
    for position, doc in enumerate(docs, start=1):
        html = document_tpl.render(
            doc=doc, record=doc.record, position=position, total=len(docs), root="../", fields=FIELDS
        )
        (built / doc.href).write_text(html, encoding="utf-8")
    index_html = env.get_template("index.html").render(
        docs=docs,
        counts=counts,
        problems=problems,
        chart=build_chart(docs),
        source=str(out_dir / "records.jsonl"),
        root="",
    )
    (built / "index.html").write_text(index_html, encoding="utf-8")
    templates = resources.files("aqb_extract.templates")
    for name in ASSETS:
        (built / name).write_text(templates.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    (built / MARKER).write_text("written by aqb-extract review; replaced on every run\n", encoding="utf-8")
