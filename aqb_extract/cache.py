"""The OCR cache: a page read once is never read again, unless something that changes its reading
changed.

OCR is nearly all of the run time (about 1.7 s of CPU a page, everything else is milliseconds), and
analysts re-run whole folders after a parser or repair change. So each page's :class:`PageText` is
kept on disk, keyed by what determines it: the file's SHA-256, the page number, the OCR settings
(language, dpi, page segmentation mode), :data:`aqb_extract.ocr.PREPROCESS_VERSION`, the Tesseract
version and the identity of its language data. Nothing else (file name, folder, time) is in the
key, so a renamed or moved file still hits.

Entries are written atomically (a temporary file in the same folder, then ``os.replace``), so a
killed run leaves either a whole entry or none. An entry that is damaged anyway (disk trouble, a
hand edit, a different key inside) is ignored, removed and rebuilt: never trusted. A cache that
cannot be written (read-only folder, full disk) only costs speed; the run goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .config import Settings
from .models import PageText
from .ocr import PREPROCESS_VERSION, model_fingerprint, tesseract_version

log = logging.getLogger(__name__)

#: Bump when the entry layout changes.
CACHE_FORMAT = 1


class OcrCache:
    """Per-page OCR results on disk under ``settings.cache_dir / "ocr"``; inert when
    ``settings.use_cache`` is False."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.enabled = settings.use_cache
        self.root = settings.cache_dir / "ocr"
        self._engine: tuple[str, str] | None = None
        self._warned = False

    def key_fields(self, sha256: str, page: int, variant: str = "") -> dict[str, Any]:
        """Everything the reading of this page depends on. ``variant`` names a second reading
        of part of the page (a region with stamp ink taken out); the page's own reading has
        none, so its key is what it always was."""
        if self._engine is None:
            self._engine = (tesseract_version(), model_fingerprint(self.settings.lang))
        extra = {"variant": variant} if variant else {}
        return {
            **extra,
            "format": CACHE_FORMAT,
            "sha256": sha256,
            "page": page,
            "lang": self.settings.lang,
            "dpi": self.settings.dpi,
            "psm": self.settings.psm,
            "preprocess": PREPROCESS_VERSION,
            "tesseract": self._engine[0],
            "model": self._engine[1],
        }

    def path_for(self, fields: dict[str, Any]) -> Path:
        digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
        return self.root / digest[:2] / f"{digest}.json"

    def get(self, sha256: str, page: int, variant: str = "") -> PageText | None:
        """The cached reading of ``page`` of the file with this hash, or None (not cached,
        cache off, or a damaged entry, which is then removed so it gets rebuilt)."""
        if not self.enabled:
            return None
        fields = self.key_fields(sha256, page, variant)
        path = self.path_for(fields)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.debug("OCR cache entry %s unreadable: %s", path, exc)
            return None
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("key") != fields:
                raise ValueError("key does not match")
            result = PageText.model_validate(entry["page"])
            if result.number != page:
                raise ValueError("page number does not match")
        except (ValueError, KeyError, TypeError, ValidationError, RecursionError) as exc:
            log.warning(
                "ignoring damaged OCR cache entry %s (%s); the page is read again", path, str(exc)[:80]
            )
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return result

    def put(self, sha256: str, page: int, result: PageText, variant: str = "") -> None:
        """Store a page's reading; failures to write are logged once and otherwise ignored."""
        if not self.enabled:
            return
        fields = self.key_fields(sha256, page, variant)
        path = self.path_for(fields)
        data = json.dumps({"key": fields, "page": result.model_dump(mode="json")}, ensure_ascii=False)
        tmp_name = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", suffix=".json", delete=False
            ) as tmp:
                tmp_name = tmp.name
                tmp.write(data)
            os.replace(tmp_name, path)
        except OSError as exc:
            if tmp_name:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
            if not self._warned:
                log.warning("cannot write the OCR cache in %s (%s); going on without it", self.root, exc)
                self._warned = True
