"""The public API: ``aqb_extract.extract(path) -> Record``."""

from __future__ import annotations

from pathlib import Path

from helpers.seeds import seed_path

import aqb_extract


def test_extract_a_file(tmp_path: Path) -> None:
    record = aqb_extract.extract(seed_path("000"))
    assert isinstance(record, aqb_extract.Record)
    assert (record.status, record.year, record.amount_eur) == ("ok", 2023, 1106600.0)
    assert record.partner is not None and record.partner.ags == "06611"


def test_extract_never_raises_for_a_bad_file(tmp_path: Path) -> None:
    empty = tmp_path / "leer.pdf"
    empty.write_bytes(b"")
    record = aqb_extract.extract(str(empty))
    assert (
        record.status == "failed"
        and record.error is not None
        and record.error.startswith("the file is empty")
    )
