"""The two real seed agreements (copied into tests/data so the tests are self-contained)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_DIR = DATA / "seeds"


def seed_path(prefix: str) -> Path:
    return next(p for p in sorted(SEED_DIR.glob("*.txt")) if p.name.startswith(prefix))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def seed_expected(prefix: str) -> dict[str, Any]:
    path = next(p for p in SEED_DIR.glob("*.expected.json") if p.name.startswith(prefix))
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
