"""A fingerprint of everything that decides a record: the code, the data in ``corrections/``, the
user's corrections, the settings that change extraction, and the OCR engine.

A re-run that finds a record with the same fingerprint for an unchanged input re-uses it instead
of extracting again, so "run it again" after an interruption only does what is left. Any change
to a parser, a lexicon or a threshold changes the fingerprint, and the records are made anew
(the page OCR still comes from the OCR cache).
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path

from . import __version__
from .config import Settings
from .errors import MissingDependencyError

# Settings that do not change what a record says (how fast, where the cache is) stay out.
_NOT_IN_FINGERPRINT = frozenset({"workers", "use_cache", "cache_dir", "page_timeout", "page_images"})


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    data = resources.files("aqb_extract.corrections")
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith(".pyc"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


def _engine(lang: str) -> str:
    from .ocr import model_fingerprint, tesseract_version

    try:
        return f"{tesseract_version()}:{model_fingerprint(lang)}"
    except (MissingDependencyError, OSError):
        return "no-tesseract"


def fingerprint(settings: Settings) -> str:
    """The fingerprint of records made with ``settings`` by this installation."""
    digest = hashlib.sha256(_code_digest().encode())
    relevant = settings.model_dump(mode="json", exclude=set(_NOT_IN_FINGERPRINT))
    digest.update(repr(sorted(relevant.items())).encode())
    for path in settings.corrections_files:
        digest.update(Path(path).read_bytes())
    digest.update(_engine(settings.lang).encode())
    return digest.hexdigest()[:32]
