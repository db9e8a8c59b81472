"""The record's JSON Schema, exported to ``schemas/record.schema.json`` (a test keeps them equal)."""

from __future__ import annotations

from typing import Any

from .models import Record


def record_schema() -> dict[str, Any]:
    schema = Record.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://aqb-extract/schemas/record.schema.json"
    return schema
