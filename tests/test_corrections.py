"""User corrections (``--corrections FILE``): an analyst adds a name form, a word or a role
without touching the package, and the extraction uses them."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.seeds import seed_text
from typer.testing import CliRunner

from aqb_extract.cli import app
from aqb_extract.knowledge import load_knowledge

runner = CliRunner()

USER_FILE = """
# my corrections
words = ["Kreisausschuß"]

[[partner]]
ags = "06433"
forms = ["Kreisausschuss Groß-Gerau"]

[[role]]
name = "Erste Stadträtin"
side = "partner"

[[confusion]]
damaged = "0"
intended = "o"
"""


def test_user_file_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "meine.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    k = load_knowledge((path,))
    assert "Kreisausschuss Groß-Gerau" in k.partner_by_ags("06433").forms
    assert "Kreisausschuß" in k.lexicon
    assert any(r.name == "Erste Stadträtin" for r in k.roles)
    assert ("0", "o") in k.confusions
    assert "Kreisausschuss Groß-Gerau" not in load_knowledge().partner_by_ags("06433").forms


def test_cli_uses_a_new_role(tmp_path: Path) -> None:
    """A signatory whose role the built-in list lacks: without the user's file it is not read as
    certain; with it, the role comes out as written and the record is ok."""
    text = seed_text("000").replace("Oberbürgermeister\n", "Erste Stadträtin\n")
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "kassel.txt").write_text(text, encoding="utf-8")
    user = tmp_path / "meine.toml"
    user.write_text(USER_FILE, encoding="utf-8")

    plain = runner.invoke(app, ["extract", str(inp), "--out", str(tmp_path / "a"), "--no-cache"])
    with_file = runner.invoke(
        app, ["extract", str(inp), "--out", str(tmp_path / "b"), "--no-cache", "--corrections", str(user)]
    )
    assert plain.exit_code == 0 and with_file.exit_code == 0, plain.output + with_file.output
    before = json.loads((tmp_path / "a" / "kassel.txt.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "b" / "kassel.txt.json").read_text(encoding="utf-8"))
    assert before["signatories"][1]["role"] != "Erste Stadträtin" or before["status"] == "needs_review"
    assert after["signatories"][1]["role"] == "Erste Stadträtin"
    assert after["status"] == "ok", after["warnings"]


def test_broken_user_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[partner]]\nags = '99999'\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("irgendwas", encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(tmp_path / "x.txt"), "--out", str(tmp_path / "o"), "--corrections", str(bad)]
    )
    assert result.exit_code == 2
    assert "unknown partner AGS '99999'" in result.output
