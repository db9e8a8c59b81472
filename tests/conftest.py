"""Shared fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["000", "001"], ids=["seed000-clean", "seed001-ocr"])
def seed_id(request: pytest.FixtureRequest) -> str:
    return str(request.param)
