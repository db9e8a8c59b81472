"""aqb-extract: turn AQB target agreements (scans, PDFs, OCR text) into validated records.

Public API::

    import aqb_extract
    record = aqb_extract.extract("zielvereinbarung-2024.pdf")
"""

from __future__ import annotations

from pathlib import Path

from .config import Settings
from .models import Record

__version__ = "0.1.0"
__all__ = ["Record", "Settings", "__version__", "extract"]


def extract(path: str | Path, settings: Settings | None = None) -> Record:
    """Extract one document into a :class:`Record` (never raises for a bad input: the record
    says ``failed`` and why)."""
    from .pipeline import extract_file

    return extract_file(path, settings or Settings())
