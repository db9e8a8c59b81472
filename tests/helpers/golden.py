"""Compare a record with an ``*.expected.json`` (the seeds' shape), field by field, readably."""

from __future__ import annotations

import json
from typing import Any

from aqb_extract.models import Record


def comparable(record: Record) -> dict[str, Any]:
    """The record in the shape of the expected files: only the hand-checked fields."""
    return {
        "year": record.year,
        "partner": None
        if record.partner is None
        else {
            "name": record.partner.name,
            "kind": record.partner.kind,
            "ags": record.partner.ags,
        },
        "ministry": None if record.ministry is None else record.ministry.model_dump(),
        "amount_eur": record.amount_eur,
        "projects": [{"category": p.category, "title": p.title} for p in record.projects],
        "signatories": [
            {
                "side": s.side,
                "name": s.name,
                "role": s.role,
                "place": s.place,
                "date": None if s.date is None else s.date.isoformat(),
            }
            for s in record.signatories
        ],
        "section_titles": {str(s.number): s.title for s in record.sections},
    }


def field_diff(expected: dict[str, Any], record: Record) -> list[str]:
    """One line per field that differs, showing both values (empty when all match)."""
    got = comparable(record)
    lines = []
    for key, want in expected.items():
        if key.startswith("_") or key not in got:
            continue
        if got[key] != want:
            lines.append(
                f"{key}:\n  expected {json.dumps(want, ensure_ascii=False)}\n  got      {json.dumps(got[key], ensure_ascii=False)}"
            )
    return lines
