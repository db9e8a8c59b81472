"""Settings, validated once: every stage receives the same frozen :class:`Settings`."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


def default_cache_dir() -> Path:
    """The user's cache folder (XDG), so repeated runs re-use OCR without being told where."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aqb-extract"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    lang: str = Field(default="deu", description="Tesseract language")
    dpi: int = Field(default=300, ge=72, le=600, description="rasterising resolution for scanned PDFs")
    psm: int = Field(default=3, ge=0, le=13, description="Tesseract page segmentation mode")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    use_cache: bool = True
    cache_dir: Path = Field(default_factory=default_cache_dir)
    page_limit: int = Field(default=200, ge=1, description="documents with more pages fail")
    page_timeout: float = Field(default=120.0, gt=0, description="seconds Tesseract may take for a page")
    max_image_pixels: int = Field(default=200_000_000, ge=1, description="refuse larger images undecoded")
    min_text_layer_chars: int = Field(default=200, ge=0, description="less text than this means: OCR it")
    thresholds: dict[str, float] = Field(
        default_factory=lambda: {
            "year": 0.8,
            "partner": 0.8,
            "ministry": 0.8,
            "amount_eur": 0.8,
            "projects": 0.7,
            "signatories": 0.6,
        },
        description="below its threshold a field's record needs review",
    )
    page_images: bool = Field(default=True, description="write small page images for the review report")
    corrections_files: tuple[Path, ...] = Field(default=(), description="user corrections (TOML)")
