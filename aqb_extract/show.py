"""One record, readable in a terminal (``aqb-extract show FILE``), and the end-of-run summary.

The JSON record is written for scripts; a person checking one document wants the values, how sure
the tool is about each, and what it warned about, side by side. Everything here *returns* rich
renderables and never prints: the CLI decides where output goes (terminal, pager, a test's
recording console), so the library stays usable from notebooks and tests.

The small helpers (:func:`format_eur`, :func:`confidence_level`, :func:`warnings_for`,
:func:`review_reasons`, :func:`display_value`) are shared with the HTML review report and the
workbook so that all three views word and colour the same facts the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Literal

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .config import Settings
from .models import FieldWarning, Ministry, Partner, Project, Record, Signatory

Level = Literal["high", "medium", "low", "missing"]

#: The data fields of the record in the order the document presents them, with their labels.
FIELDS: tuple[tuple[str, str], ...] = (
    ("year", "Year"),
    ("partner", "Partner"),
    ("ministry", "Ministry"),
    ("amount_eur", "Amount"),
    ("projects", "Projects"),
    ("signatories", "Signatories"),
)

#: How far below its threshold a confidence still counts as "medium" (worth a look, probably right)
#: rather than "low" (probably wrong). Two bands are enough to sort a review queue by urgency.
MEDIUM_BAND = 0.15

_STATUS_STYLE = {"ok": "bold green", "needs_review": "bold yellow", "failed": "bold red"}
_LEVEL_STYLE: dict[Level, str] = {"high": "green", "medium": "yellow", "low": "red", "missing": "red"}


@functools.cache
def default_thresholds() -> Mapping[str, float]:
    """The thresholds a run uses when the user set none; the views colour by the same numbers
    that decided ``needs_review``, so a yellow field is exactly one that triggered review."""
    return dict(Settings().thresholds)


def base_field(key: str) -> str:
    """``"signatories[0].date"`` -> ``"signatories"``: item keys inherit their field's threshold."""
    match = re.match(r"[A-Za-z_]+", key)
    return match.group(0) if match else key


def confidence_level(
    confidence: float | None, key: str, thresholds: Mapping[str, float] | None = None
) -> Level:
    """Classify a confidence against the field's threshold (``high`` means: would not trigger
    review). A field without a threshold is judged against 0.8, the strictest default."""
    if confidence is None:
        return "missing"
    limit = (thresholds or default_thresholds()).get(base_field(key), 0.8)
    if confidence >= limit:
        return "high"
    if confidence >= limit - MEDIUM_BAND:
        return "medium"
    return "low"


def format_eur(amount: float | None) -> str:
    """German money format (``1.390.400,00 €``), as the agreements themselves write it, so a
    reviewer can compare the value with the page at a glance."""
    if amount is None:
        return "—"
    text = f"{amount:,.2f}"  # 1,390,400.00
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"


def format_date(date: dt.date | None) -> str:
    """``07.07.2024``: the way the documents write dates (German day-first order)."""
    return "—" if date is None else f"{date:%d.%m.%Y}"


def warnings_for(record: Record, key: str) -> list[FieldWarning]:
    """The warnings about ``key`` and everything inside it (``projects`` also gets
    ``projects[2]``; ``signatories[0]`` also gets ``signatories[0].date``)."""
    return [
        w
        for w in record.warnings
        if w.field == key or w.field.startswith(key + "[") or w.field.startswith(key + ".")
    ]


def other_warnings(record: Record) -> list[FieldWarning]:
    """Warnings that concern none of the data fields (e.g. a missing § 3), shown separately so
    they are not lost."""
    keys = [k for k, _ in FIELDS]
    return [w for w in record.warnings if base_field(w.field) not in keys]


def is_missing(record: Record, key: str) -> bool:
    """True when a data field has no value (an empty list counts as missing)."""
    value = getattr(record, key, None)
    return value is None or (isinstance(value, list) and not value)


def review_reasons(record: Record, thresholds: Mapping[str, float] | None = None) -> list[str]:
    """Why a record is not ``ok``, one short sentence each: what a reviewer must look at first.

    Derived from the record alone (error, missing fields, confidences below threshold, warnings),
    so the terminal summary, the workbook and the HTML report give the same reasons.
    """
    if record.status == "failed":
        return [record.error or "failed without an error message"]
    limits = thresholds or default_thresholds()
    reasons: list[str] = []
    for key, _ in FIELDS:
        conf = record.confidence.get(key)
        if is_missing(record, key):
            reasons.append(f"{key}: not found")
        elif conf is not None and key in limits and conf < limits[key]:
            reasons.append(f"{key}: confidence {conf:.2f} below {limits[key]:.2f}")
    reasons.extend(f"{w.field}: {w.message}" for w in record.warnings)
    return list(dict.fromkeys(reasons))


def lowest_confidence(record: Record) -> tuple[str, float] | None:
    """The weakest field and its confidence: the one a reviewer should check first."""
    if not record.confidence:
        return None
    key = min(record.confidence, key=lambda k: record.confidence[k])
    return key, record.confidence[key]


_KEY_PART = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def resolve(record: Record, key: str) -> object:
    """The value a warning/evidence key points at (``"signatories[0].date"`` -> a date), or None
    when the key names nothing in this record (evidence may outlive a dropped item)."""
    value: object = record
    for part in key.split("."):
        match = _KEY_PART.fullmatch(part)
        if match is None:
            return None
        value = getattr(value, match.group(1), None)
        if match.group(2) is not None:
            if not isinstance(value, list):
                return None
            index = int(match.group(2))
            if index >= len(value):
                return None
            value = value[index]
    return value


def display_value(value: object, key: str = "") -> str:
    """One line of text for any record value, worded as a reviewer compares it with the page."""
    if value is None:
        return "—"
    if isinstance(value, Partner):
        return f"{value.name} ({value.kind}, AGS {value.ags})"
    if isinstance(value, Ministry):
        return f"{value.name} ({value.abbreviation})"
    if isinstance(value, Project):
        return f"[{value.category}] {value.title}"
    if isinstance(value, Signatory):
        parts = [value.name or "?", value.role or "", value.place or "", format_date(value.date)]
        return ", ".join(p for p in parts if p) + f" ({value.side})"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float) and base_field(key) == "amount_eur":
        return format_eur(value)
    if isinstance(value, list):
        return f"{len(value)} {key or 'items'}"
    return str(value)


# --------------------------------------------------------------------------- rich renderables


def _confidence_text(confidence: float | None, key: str, thresholds: Mapping[str, float] | None) -> Text:
    level = confidence_level(confidence, key, thresholds)
    label = "—" if confidence is None else f"{confidence:.2f}"
    return Text(label, style=_LEVEL_STYLE[level])


def _warnings_text(warnings: Sequence[FieldWarning], with_field: bool = False) -> Text:
    lines = [f"{w.field}: {w.message}" if with_field else w.message for w in warnings]
    return Text("\n".join(lines), style="yellow")


def _header(record: Record) -> RenderableType:
    title = Text()
    title.append(record.source.path, style="bold")
    title.append("  ")
    title.append(record.status, style=_STATUS_STYLE.get(record.status, "bold"))
    details = [
        f"{record.source.pages} pages" if record.source.pages is not None else None,
        f"read by {record.source.method}" if record.source.method else None,
        f"sha256 {record.source.sha256[:12]}…" if record.source.sha256 else None,
    ]
    body = Text(" · ".join(d for d in details if d), style="dim")
    if record.error:
        body.append("\n")
        body.append(record.error, style="red")
    return Panel(body, title=title, title_align="left", box=box.ROUNDED)


def _fields_table(record: Record, thresholds: Mapping[str, float] | None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, title="Fields", title_justify="left")
    table.add_column("Field", no_wrap=True)
    table.add_column("Value", ratio=3)
    table.add_column("Conf.", justify="right", no_wrap=True)
    table.add_column("Warnings", ratio=2)
    for key, label in FIELDS:
        value = Text(display_value(resolve(record, key), key))
        evidence = record.evidence.get(key)
        if evidence and evidence.raw and evidence.raw.strip() != value.plain:
            value.append(f"\nas written: {evidence.raw.strip()}", style="dim")
        table.add_row(
            label,
            value,
            _confidence_text(record.confidence.get(key), key, thresholds),
            _warnings_text(warnings_for(record, key), with_field=True),
        )
    return table


def _projects_table(record: Record) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, title="Projects (§ 5)", title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Cat.", justify="right", no_wrap=True)
    table.add_column("Category", max_width=28, no_wrap=True, overflow="ellipsis")
    table.add_column("Title", ratio=2)
    table.add_column("Warnings")
    for i, project in enumerate(record.projects):
        table.add_row(
            str(i + 1),
            str(project.category),
            Text(project.category_name),
            Text(project.title),
            _warnings_text(warnings_for(record, f"projects[{i}]")),
        )
    return table


def _signatories_table(record: Record) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, title="Signatories", title_justify="left")
    for name in ("Side", "Name", "Role", "Place", "Date", "As written", "Warnings"):
        table.add_column(name)
    for i, s in enumerate(record.signatories):
        table.add_row(
            s.side,
            Text(s.name or "—"),
            Text(s.role or "—"),
            Text(s.place or "—"),
            Text(format_date(s.date), style="red" if s.date is None else ""),
            Text(s.date_as_written or "", style="dim"),
            _warnings_text(warnings_for(record, f"signatories[{i}]")),
        )
    return table


def render_record(record: Record, *, thresholds: Mapping[str, float] | None = None) -> RenderableType:
    """A record as a person reads it: header (file, status, error), fields with confidence and
    warnings, then projects and signatories. Values are wrapped in :class:`~rich.text.Text`, never
    markup, because OCR text full of ``[`` and ``]`` must not be read as rich markup.

    ``thresholds`` should be the run's ``Settings.thresholds`` so colours match the status.
    """
    parts: list[RenderableType] = [_header(record)]
    if record.status != "failed" or any(not is_missing(record, k) for k, _ in FIELDS):
        parts.append(_fields_table(record, thresholds))
    if record.projects:
        parts.append(_projects_table(record))
    if record.signatories:
        parts.append(_signatories_table(record))
    rest = other_warnings(record)
    if rest:
        parts.append(Panel(_warnings_text(rest, with_field=True), title="Other warnings", title_align="left"))
    return Group(*parts)


def render_summary(
    records: Sequence[Record], *, thresholds: Mapping[str, float] | None = None
) -> RenderableType:
    """The end-of-run summary of ``extract``: counts per status, then every document that is not
    ``ok`` with its reasons, failed first, so the user knows what to open next."""
    counts = {s: sum(r.status == s for r in records) for s in ("ok", "needs_review", "failed")}
    head = Text()
    head.append(f"{len(records)} documents: ")
    head.append(f"{counts['ok']} ok", style=_STATUS_STYLE["ok"])
    head.append(", ")
    head.append(f"{counts['needs_review']} need review", style=_STATUS_STYLE["needs_review"])
    head.append(", ")
    head.append(f"{counts['failed']} failed", style=_STATUS_STYLE["failed"])
    todo = sorted(
        (r for r in records if r.status != "ok"), key=lambda r: (r.status != "failed", r.source.path)
    )
    if not todo:
        return head
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    # long file names must not squeeze the reasons out of a narrow terminal: both may wrap
    table.add_column("Document", overflow="fold", ratio=2)
    table.add_column("Status", no_wrap=True)
    table.add_column("Reasons", ratio=3)
    for r in todo:
        table.add_row(
            Text(r.source.path),
            Text(r.status, style=_STATUS_STYLE[r.status]),
            Text("\n".join(review_reasons(r, thresholds))),
        )
    return Group(head, table)
