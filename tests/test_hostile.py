"""Hostile and broken inputs (issue 4): one batch folder holding every kind of bad file beside good
ones. Each bad file gets a ``failed`` record with a one-sentence reason, the good ones come out
right, the batch exits 1, nothing but records lands in ``--out``, and no input is touched.

Also the faults: Tesseract missing (exit 2 with the packages to install), and Tesseract hanging
or crashing on one page (that document fails with the reason, the others go on).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.golden import field_diff
from helpers.scan import pack_pdf, render_pdf, scan_images
from helpers.seeds import seed_expected, seed_path, seed_text
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from aqb_extract.models import Record

SCRIPT = Path(sys.executable).with_name("aqb-extract")
TESSERACT = shutil.which("tesseract")

LETTER = """Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales

Landkreis Marburg-Biedenkopf
Fachdienst Arbeit und Beschäftigung

Wiesbaden, den 14. März 2024

Betreff: Ausbildungs- und Qualifizierungsbudget 2024, Mittelabruf für das erste Halbjahr

Sehr geehrte Damen und Herren,

wir bestätigen den Eingang Ihres Schreibens vom 2. März 2024 und danken Ihnen für die
ausführliche Darstellung der geplanten Maßnahmen. Die Mittel für das erste Halbjahr werden
nach Prüfung der Unterlagen in den nächsten Wochen angewiesen. Bitte reichen Sie den
Verwendungsnachweis wie gewohnt bis zum Ende des Folgejahres ein.

Mit freundlichen Grüßen
Im Auftrag
Maria Beispiel
"""

ENGLISH = """Quarterly report on vocational training in the region

The regional labour market improved during the last quarter. Training providers reported more
applications than in the previous year, and the number of apprenticeships that were cancelled
early went down. The working group will meet again in the autumn to discuss the results of the
survey among employers and to prepare the next report for the district council.
"""


# --------------------------------------------------------------------------- making bad files


def png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A valid 90-byte PNG whose header claims ``width`` x ``height`` pixels (3.6 billion):
    decoding it would need gigabytes; it must be refused from the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def giant_page_pdf(path: Path) -> Path:
    """One 200 x 200 inch page (the PDF maximum) with a line on it: 60000 x 60000 pixels at 300 dpi."""
    c = canvas.Canvas(str(path), pagesize=(14_400, 14_400))
    c.line(100, 100, 200, 200)
    c.showPage()
    c.save()
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.drawString(72, 720, f"Seite {n + 1} von {pages}")
        c.showPage()
    c.save()
    return path


def blank_pdf(path: Path, pages: int = 2) -> Path:
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.showPage()
    c.save()
    return path


def encrypt(src: Path, dest: Path, user: str, owner: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


def image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buf, format=fmt)
    return buf.getvalue()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry under ``root`` (links not followed) with its content hash and mode."""
    out: dict[str, tuple[str, int]] = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        if p.is_symlink():
            out[p.relative_to(root).as_posix()] = ("-> " + os.readlink(p), st.st_mode)
        elif p.is_file():
            p.chmod(st.st_mode | 0o400)  # root may read anyway; restore at once
            out[p.relative_to(root).as_posix()] = (sha(p), st.st_mode)
            p.chmod(st.st_mode)
        else:
            out[p.relative_to(root).as_posix()] = ("dir", st.st_mode)
    return out


def drop_read_override() -> list[str] | None:
    """A command prefix under which a chmod 000 file really cannot be read, or None.

    Tests run as root here, and root reads any file (CAP_DAC_OVERRIDE). ``setpriv`` drops that
    capability (and CAP_DAC_READ_SEARCH) from the bounding set, so the command runs as root but
    is refused like any user. The prefix is probed before it is trusted."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"aqb-probe-{os.getpid()}"
    probe.write_text("x")
    probe.chmod(0)
    try:
        proc = subprocess.run([*prefix, "cat", str(probe)], capture_output=True, check=False)
        return prefix if proc.returncode != 0 else None
    except OSError:
        return None
    finally:
        probe.unlink()


# --------------------------------------------------------------------------- the batch


@dataclass(frozen=True)
class Batch:
    inp: Path
    out: Path
    proc: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, int]]
    after: dict[str, tuple[str, int]]
    permissions_enforced: bool

    def record(self, rel: str) -> Record:
        return Record.model_validate_json((self.out / f"{rel}.json").read_text(encoding="utf-8"))


GOOD_000 = [
    "text/utf8.txt",
    "text/utf8-bom.txt",
    "text/cp1252.txt",
    "text/utf16.txt",
    "Kassel PDF/KASSEL.PDF",
    "pdf/offen mit leerem Passwort.pdf",
]
GOOD_001 = ["Groß Gerau/Zielvereinbarung Groß-Gerau 2024 (Kopie).txt"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    base = tmp_path_factory.mktemp("hostile")
    inp, out, work = base / "in", base / "out", base / "work"
    for d in (inp / "text", inp / "pdf", inp / "bilder", inp / "Kassel PDF", inp / "Groß Gerau", work):
        d.mkdir(parents=True)
    text000 = seed_text("000")
    born = render_pdf(text000, work / "born.pdf")

    # good ones
    (inp / "text" / "utf8.txt").write_text(text000, encoding="utf-8")
    (inp / "text" / "utf8-bom.txt").write_text(text000, encoding="utf-8-sig")
    (inp / "text" / "cp1252.txt").write_bytes(text000.replace("\n", "\r\n").encode("cp1252"))
    (inp / "text" / "utf16.txt").write_text(text000, encoding="utf-16")
    shutil.copyfile(born, inp / "Kassel PDF" / "KASSEL.PDF")
    encrypt(born, inp / "pdf" / "offen mit leerem Passwort.pdf", user="", owner="owner-secret")
    shutil.copyfile(seed_path("001"), inp / GOOD_001[0])

    # bad ones
    (inp / "pdf" / "leer.pdf").write_bytes(b"")
    data = born.read_bytes()
    (inp / "pdf" / "abgeschnitten.pdf").write_bytes(data[: len(data) // 2])
    (inp / "pdf" / "kaputt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF\n")
    encrypt(born, inp / "pdf" / "geschützt.pdf", user="secret", owner="secret")
    (inp / "pdf" / "bild.pdf").write_bytes(image_bytes("PNG"))
    (inp / "pdf" / "foto.pdf").write_bytes(image_bytes("JPEG"))
    (inp / "bilder" / "rauschen.tif").write_bytes(os.urandom(5000))
    (inp / "bilder" / "kaputt.tif").write_bytes(b"II*\x00" + os.urandom(4000))  # right header, garbage after
    (inp / "bilder" / "bombe.png").write_bytes(png_bomb())
    page = io.BytesIO()
    next(scan_images(born, max_pages=1)).save(page, format="PNG")
    (inp / "bilder" / "halb.png").write_bytes(page.getvalue()[: len(page.getvalue()) // 2])  # cut off
    giant_page_pdf(inp / "pdf" / "riesenseite.pdf")
    many_pages_pdf(inp / "pdf" / "zu lang.pdf", 201)
    render_pdf(LETTER, inp / "pdf" / "brief.pdf")
    render_pdf(ENGLISH, inp / "pdf" / "english.pdf")
    blank_pdf(inp / "pdf" / "leere seiten.pdf")
    (inp / "text" / "eigentlich-pdf.txt").write_bytes(data)
    (inp / "pdf" / "verschwunden.pdf").symlink_to(work / "gelöscht.pdf")  # dangling
    locked = inp / "pdf" / "gesperrt.pdf"
    shutil.copyfile(born, locked)
    locked.chmod(0)
    (inp / "notiz.docx").write_bytes(b"PK\x03\x04 not an input")  # skipped, gets no record
    fifo = inp / "pdf" / "pipe.pdf"
    os.mkfifo(fifo)  # reading it would block forever: the walk must skip it

    before = snapshot(inp)
    prefix = drop_read_override()
    proc = subprocess.run(
        [
            *(prefix or []),
            str(SCRIPT),
            "extract",
            str(inp),
            "--out",
            str(out),
            "--cache-dir",
            str(work / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )
    return Batch(inp, out, proc, before, snapshot(inp), permissions_enforced=prefix is not None)


# rel -> words the one-sentence error must contain (case-insensitive)
BAD = {
    "pdf/leer.pdf": ["empty", "0 bytes"],
    "pdf/abgeschnitten.pdf": ["truncated"],
    "pdf/kaputt.pdf": ["damaged"],
    "pdf/geschützt.pdf": ["password"],
    "pdf/bild.pdf": ["PNG", "rename", ".png"],
    "pdf/foto.pdf": ["JPEG", "rename", ".jpg"],
    "bilder/rauschen.tif": ["TIFF", "damaged"],
    "bilder/kaputt.tif": ["TIFF", "damaged"],
    "bilder/halb.png": ["damaged", "truncated"],
    "bilder/bombe.png": ["pixels", "decompression bomb"],
    "pdf/riesenseite.pdf": ["60000", "pixels"],
    "pdf/zu lang.pdf": ["201 pages", "limit of 200"],
    "pdf/brief.pdf": ["not an AQB target agreement", "Zielvereinbarung", "§ 1"],
    "pdf/english.pdf": ["not an AQB target agreement", "Zielvereinbarung", "Qualifizierungsbudget"],
    "pdf/leere seiten.pdf": ["not an AQB target agreement"],
    "text/eigentlich-pdf.txt": ["PDF", "rename", ".pdf"],
    "pdf/verschwunden.pdf": ["does not exist"],
    "pdf/gesperrt.pdf": ["permission denied"],
}


def test_exit_code_1_and_every_input_has_a_record(batch: Batch) -> None:
    assert batch.proc.returncode == 1, batch.proc.stdout + batch.proc.stderr
    expected = set(BAD) | set(GOOD_000) | set(GOOD_001)
    if not batch.permissions_enforced:
        expected.discard("pdf/gesperrt.pdf")  # read fine: checked in test_unreadable_file
    lines = (batch.out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    paths = [json.loads(line)["source"]["path"] for line in lines]
    assert set(paths) >= expected and len(paths) == len(set(paths))
    assert "Traceback" not in batch.proc.stderr, batch.proc.stderr


@pytest.mark.parametrize("rel", sorted(BAD))
def test_bad_input_fails_with_one_sentence(batch: Batch, rel: str) -> None:
    if rel == "pdf/gesperrt.pdf" and not batch.permissions_enforced:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE: a chmod 000 file is readable")
    record = batch.record(rel)
    assert record.status == "failed", record.model_dump_json(indent=1)
    error = record.error or ""
    for word in BAD[rel]:
        assert word.lower() in error.lower(), f"{rel}: {error!r} lacks {word!r}"
    # one sentence a person understands: no line breaks, no traceback, no internal error
    assert "\n" not in error and 20 <= len(error) <= 300, error
    assert "internal error" not in error and "Traceback" not in error, error
    assert error.rstrip(".").count(". ") == 0, error
    # no data from a file that failed
    assert record.year is None and record.partner is None and record.projects == []
    assert record.source.path == rel


@pytest.mark.parametrize("rel", GOOD_000 + GOOD_001)
def test_good_inputs_beside_them_come_out_right(batch: Batch, rel: str) -> None:
    record = batch.record(rel)
    assert record.status in ("ok", "needs_review"), record.error
    seed = "001" if rel in GOOD_001 else "000"
    diff = field_diff(seed_expected(seed), record)
    assert not diff, "\n".join(diff)
    if rel.endswith((".PDF", ".pdf")):
        assert record.source.method == "text_layer"  # born-digital: no OCR


def test_out_holds_only_records_and_batch_files(batch: Batch) -> None:
    names = sorted(p.relative_to(batch.out).as_posix() for p in batch.out.rglob("*") if not p.is_dir())
    records = [json.loads(x) for x in (batch.out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    # page images exist only for documents that were read by OCR
    scans = {r["source"]["path"] for r in records if r["source"]["method"] == "ocr"}
    pictures = [n for n in names if n.startswith("pages/")]
    assert {n.split("/", 1)[1].rsplit("/", 1)[0] for n in pictures} == scans
    assert names == sorted(
        [f"{r['source']['path']}.json" for r in records] + ["records.jsonl", "summary.csv", *pictures]
    )
    assert not any(p.is_symlink() for p in batch.out.rglob("*"))


def test_inputs_unchanged(batch: Batch) -> None:
    assert batch.after == batch.before


def test_skipped_files_are_reported_not_recorded(batch: Batch) -> None:
    assert not (batch.out / "notiz.docx.json").exists()
    assert not (batch.out / "pdf" / "pipe.pdf.json").exists()
    assert "skipped" in batch.proc.stdout


def test_unreadable_file(batch: Batch) -> None:
    """chmod 000 really refuses reading only when the process lacks CAP_DAC_OVERRIDE: the batch
    runs under ``setpriv`` without it (as root) when it can; the dangling link always fails."""
    assert batch.record("pdf/verschwunden.pdf").status == "failed"
    if not batch.permissions_enforced:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here; chmod 000 is not enforced for root")
    assert batch.record("pdf/gesperrt.pdf").error == (
        "the file cannot be read (permission denied); give this user read access and run again"
    )


# --------------------------------------------------------------------------- page limit option


def test_page_limit_option(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    many_pages_pdf(inp / "drei.pdf", 3)
    shutil.copyfile(seed_path("000"), inp / "kassel.txt")
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(inp), "--out", str(out), "--page-limit", "2", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    failed = Record.model_validate_json((out / "drei.pdf.json").read_text(encoding="utf-8"))
    assert failed.status == "failed"
    assert (
        failed.error == "the document has 3 pages, more than the limit of 2; split it or raise --page-limit"
    )
    assert failed.source.pages == 3
    assert failed.source.sha256 == hashlib.sha256((inp / "drei.pdf").read_bytes()).hexdigest()
    assert Record.model_validate_json((out / "kassel.txt.json").read_text(encoding="utf-8")).status == "ok"


# --------------------------------------------------------------------------- Tesseract faults


def test_tesseract_missing_exits_2_naming_the_packages(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    blank_pdf(inp / "scan.pdf", 1)  # needs OCR
    shutil.copyfile(seed_path("000"), inp / "kassel.txt")
    env = {**os.environ, "PATH": f"/nonexistent:{SCRIPT.parent}"}
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(inp), "--out", str(out), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "COLUMNS": "300"},
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = " ".join(proc.stderr.split())
    assert "tesseract is not installed" in message and "tesseract-ocr tesseract-ocr-deu" in message, message
    assert "Traceback" not in proc.stderr
    assert message.count("error:") == 1  # one message, at the start, not one per document
    # text inputs need no Tesseract
    (inp / "scan.pdf").unlink()
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(inp), "--out", str(out), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


FAKE_TESSERACT = """#!{python}
# Tesseract that hangs on a page with a black square top left and crashes on one with a black
# square top right; every other call goes to the real program.
import os, signal, sys, time
from PIL import Image

args = sys.argv[1:]
if args and os.path.isfile(args[0]):
    with Image.open(args[0]) as im:
        g = im.convert("L")
        w, h = g.size
        s = max(8, w // 20)
        left = sum(g.crop((0, 0, s, s)).getdata()) / (s * s)
        right = sum(g.crop((w - s, 0, w, s)).getdata()) / (s * s)
    if left < 60:
        time.sleep(600)
    if right < 60:
        os.kill(os.getpid(), signal.SIGSEGV)
os.execv({real!r}, [{real!r}, *args])
"""


def marked_scan(path: Path, corner: str, work: Path) -> Path:
    """A one-page scan of seed 000's first page with a black square in a corner."""
    born = render_pdf(seed_text("000"), work / f"born-{corner}.pdf")
    page = next(scan_images(born, max_pages=1)).convert("L")
    s = page.width // 20 + 10
    x = 0 if corner == "left" else page.width - s
    page.paste(0, (x, 0, x + s, s))
    return pack_pdf([page], path)


@pytest.mark.ocr
@pytest.mark.skipif(TESSERACT is None, reason="needs tesseract")
def test_hanging_or_crashing_tesseract_fails_that_document_only(tmp_path: Path) -> None:
    inp, out, work, bin_dir = tmp_path / "in", tmp_path / "out", tmp_path / "work", tmp_path / "bin"
    for d in (inp, work, bin_dir):
        d.mkdir()
    fake = bin_dir / "tesseract"
    fake.write_text(FAKE_TESSERACT.format(python=sys.executable, real=TESSERACT))
    fake.chmod(0o755)
    marked_scan(inp / "hängt.pdf", "left", work)
    marked_scan(inp / "stürzt ab.pdf", "right", work)
    good = work / "good.pdf"
    pack_pdf(scan_images(render_pdf(seed_text("000"), work / "born.pdf"), max_pages=1), good)
    shutil.copyfile(good, inp / "gut.pdf")
    shutil.copyfile(seed_path("001"), inp / "gross-gerau.txt")
    proc = subprocess.run(
        [str(SCRIPT), "extract", str(inp), "--out", str(out), "--no-cache", "--page-timeout", "8"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr

    def record(rel: str) -> Record:
        return Record.model_validate_json((out / f"{rel}.json").read_text(encoding="utf-8"))

    hung = record("hängt.pdf")
    assert hung.status == "failed"
    assert hung.error is not None and "did not finish page 1 within 8 s" in hung.error
    crashed = record("stürzt ab.pdf")
    assert crashed.status == "failed"
    assert crashed.error is not None and "Tesseract crashed (signal 11) on page 1" in crashed.error
    # the others went on: the clean scan was read by the same Tesseract, the text file as usual
    assert record("gut.pdf").source.method == "ocr"
    assert "Tesseract" not in (record("gut.pdf").error or "")
    assert record("gross-gerau.txt").status == "needs_review"


def test_a_bug_on_one_file_fails_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a stage raises on one file (here a RuntimeError no stage expects), that file gets a
    failed record saying so, and the rest of the batch is extracted and written."""
    import aqb_extract.batch as batch_mod
    import aqb_extract.pipeline as pipeline_mod
    from aqb_extract.config import Settings
    from aqb_extract.pipeline import Extraction
    from aqb_extract.pipeline import extract_document as real

    def flaky(path: Path, *args: object, **kwargs: object) -> Extraction:
        if Path(path).name == "boom.txt":
            raise RuntimeError("a stage fell over")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    # batch imports extract_document from the pipeline when it first extracts a document
    monkeypatch.setattr(pipeline_mod, "extract_document", flaky)
    # keep these text files in this process (where the patch holds), not in a pool worker
    monkeypatch.setattr(batch_mod, "may_need_no_ocr", lambda item: False)
    for name in ("a.txt", "boom.txt", "b.txt"):
        shutil.copyfile(seed_path("000"), tmp_path / name)
    inputs = batch_mod.collect_inputs([tmp_path], tmp_path / "out").inputs
    records = batch_mod.run_batch(inputs, tmp_path / "out", Settings(workers=1, use_cache=False))
    assert [(r.source.path, r.status) for r in records] == [
        ("a.txt", "ok"),
        ("b.txt", "ok"),
        ("boom.txt", "failed"),
    ]
    assert (
        records[2].error
        == "internal error while reading this file (RuntimeError: a stage fell over); please report it"
    )
    assert (tmp_path / "out" / "boom.txt.json").is_file()
    assert len((tmp_path / "out" / "records.jsonl").read_text().splitlines()) == 3
