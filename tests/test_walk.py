"""Folder walks and output paths: loops end, the output is never read back in, hidden entries are
skipped, names never collide, and nothing is written outside ``--out``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.seeds import seed_path
from typer.testing import CliRunner

from aqb_extract.batch import collect_inputs
from aqb_extract.cli import app
from aqb_extract.errors import UsageError
from aqb_extract.output import record_path

runner = CliRunner()


def rels(paths: list[Path], out: Path) -> list[str]:
    return [i.rel for i in collect_inputs(paths, out).inputs]


def agreement(path: Path, seed: str = "000") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(seed_path(seed).read_bytes())
    return path


def test_symlink_loops_end_and_each_file_is_found_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    agreement(root / "a" / "x.txt")
    agreement(root / "b" / "y.txt")
    (root / "a" / "up").symlink_to(root, target_is_directory=True)  # a -> in -> a -> ...
    (root / "b" / "self").symlink_to(root / "b", target_is_directory=True)
    (root / "b" / "twin").symlink_to(root / "a", target_is_directory=True)  # the same folder twice
    assert rels([root], tmp_path / "out") == ["a/x.txt", "b/y.txt"]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    agreement(root / "x.txt")
    agreement(root / ".hidden.txt")
    agreement(root / ".git" / "objects" / "y.txt")
    agreement(root / "sub" / ".cache" / "z.pdf")
    (root / "notes.docx").write_text("not an input")
    collected = collect_inputs([root], tmp_path / "out")
    assert [i.rel for i in collected.inputs] == ["x.txt"]
    assert [p.name for p in collected.skipped] == ["notes.docx"]


def test_same_name_from_two_arguments_gets_distinct_records(tmp_path: Path) -> None:
    a = agreement(tmp_path / "2023" / "kassel.txt")
    b = agreement(tmp_path / "2024" / "kassel.txt", "001")
    c = agreement(tmp_path / "2025" / "KASSEL.TXT")  # equal on a case-insensitive file system
    assert rels([a, b, c], tmp_path / "out") == ["kassel.txt", "kassel~2.txt", "KASSEL~3.TXT"]
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(a), str(b), str(c), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    years = {p.name: json.loads(p.read_text())["year"] for p in out.glob("*.json")}
    assert years == {"kassel.txt.json": 2023, "kassel~2.txt.json": 2024, "KASSEL~3.TXT.json": 2023}
    lines = (out / "records.jsonl").read_text().splitlines()
    assert sorted(json.loads(x)["source"]["path"] for x in lines) == [
        "KASSEL~3.TXT",
        "kassel.txt",
        "kassel~2.txt",
    ]


def test_same_name_from_a_folder_and_a_file_argument(tmp_path: Path) -> None:
    root = tmp_path / "in"
    agreement(root / "kassel.txt")
    other = agreement(tmp_path / "elsewhere" / "kassel.txt", "001")
    assert rels([root, other], tmp_path / "out") == ["kassel.txt", "kassel~2.txt"]


def test_output_inside_input_is_never_read_back(tmp_path: Path) -> None:
    root = tmp_path / "in"
    agreement(root / "2023" / "kassel.txt")
    agreement(root / "2024" / "gross-gerau.txt", "001")
    out = root / "out"
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(root), "--out", str(out), "--no-cache"])
        assert result.exit_code == 0, result.output
        written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        assert written == [
            "2023/kassel.txt.json",
            "2024/gross-gerau.txt.json",
            "records.jsonl",
            "summary.csv",
        ]
    # also when the output folder is named through a symlink, or as a relative path
    link = tmp_path / "link-to-out"
    link.symlink_to(out, target_is_directory=True)
    assert rels([root], link) == ["2023/kassel.txt", "2024/gross-gerau.txt"]
    cwd = Path.cwd()
    try:
        os.chdir(root)
        assert rels([Path(".")], Path("out")) == ["2023/kassel.txt", "2024/gross-gerau.txt"]
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("rel", ["../x.pdf", "../../etc/passwd", "/etc/passwd", "a/../../x.pdf", "../"])
def test_no_record_path_escapes_the_output_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(UsageError):
        record_path(tmp_path / "out", rel)


@pytest.mark.parametrize("rel", ["..", "", ".", "a/..", "a/../..", "...", "a/./b", "\\..\\x"])
def test_odd_rels_land_inside_the_output_folder(tmp_path: Path, rel: str) -> None:
    out = (tmp_path / "out").resolve()
    path = record_path(out, rel)
    assert path.is_relative_to(out) and path != out and path.name.endswith(".json")


def test_symlink_inside_output_folder_cannot_redirect_writes(tmp_path: Path) -> None:
    """A link left in the output folder (by someone, or an earlier tool) pointing elsewhere must not
    make us write there: that one record fails to be written, the batch goes on."""
    root = tmp_path / "in"
    agreement(root / "2023" / "kassel.txt")
    agreement(root / "2024" / "gross-gerau.txt", "001")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "2023").symlink_to(outside, target_is_directory=True)
    result = runner.invoke(app, ["extract", str(root), "--out", str(out), "--no-cache"])
    assert list(outside.iterdir()) == []
    assert result.exit_code == 1, result.output
    assert (out / "2024" / "gross-gerau.txt.json").is_file()
    records = {
        json.loads(x)["source"]["path"]: json.loads(x)
        for x in (out / "records.jsonl").read_text().splitlines()
    }
    assert records["2023/kassel.txt"]["status"] == "failed"
    assert "outside the output folder" in records["2023/kassel.txt"]["error"]
    assert records["2024/gross-gerau.txt"]["status"] == "needs_review"


def test_names_with_dots_and_odd_characters_stay_inside(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["..x.txt", "a..b.txt", "Groß Gerau (Kopie).txt", "tab\tname.txt", "new\nline.txt"]:
        agreement(root / "sub dir" / name)
    out = tmp_path / "out"
    for rel in rels([root], out):
        assert record_path(out, rel).is_relative_to(out.resolve())
    assert "sub dir/Groß Gerau (Kopie).txt" in rels([root], out)


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A name from an old Windows share (Latin-1 bytes): the file is read, and its REL shows the
    byte it cannot decode, so the record can be written as JSON and CSV."""
    root = tmp_path / "in"
    root.mkdir()
    raw_name = os.fsdecode(b"caf\xe9.txt")  # what os.listdir gives: a lone surrogate
    (root / raw_name).write_bytes(seed_path("000").read_bytes())
    agreement(root / "ok.txt", "001")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(root), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "caf\\xe9.txt.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == "caf\\xe9.txt" and record["status"] == "ok"
    assert "caf\\xe9.txt" in (out / "summary.csv").read_text(encoding="utf-8")


def test_long_file_name_does_not_stop_the_batch(tmp_path: Path) -> None:
    """A 241-byte name (131 characters, umlauts take two bytes) is a valid name; the batch goes on
    whatever happens to its record."""
    root = tmp_path / "in"
    long_name = "Zielvereinbarung_" + "ä" * 110 + ".txt"
    agreement(root / long_name)
    agreement(root / "ok.txt", "001")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(root), "--out", str(out), "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    records = {
        json.loads(x)["source"]["path"]: json.loads(x)
        for x in (out / "records.jsonl").read_text().splitlines()
    }
    assert records["ok.txt"]["status"] == "needs_review"
    assert set(records) == {"ok.txt", long_name}


def test_long_file_name_gets_its_record(tmp_path: Path) -> None:
    root = tmp_path / "in"
    long_name = "Zielvereinbarung_" + "ä" * 110 + ".txt"  # 241 bytes; REL.json 246 bytes: fits
    agreement(root / long_name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(root), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (out / f"{long_name}.json").is_file()
