#!/usr/bin/env python3
"""Write the sample corpus: ``python scripts/generate_samples.py --out samples`` (``make samples``).

For each entry of :data:`samplegen.corpus.CORPUS` it writes, side by side:

- ``NAME.pdf|.tif|.txt``  the input, in its variant (born-digital PDF, text, scans);
- ``NAME.expected.json``  the values extraction must find (the shape of the seeds' expected.json,
  plus ``variant`` and ``pages``);
- ``NAME.truth``          the true text as printed, without page headers and footers, for
  character error rates. Not ``.truth.txt``:
  ``aqb-extract extract samples`` walks the folder and takes every ``.txt`` as an input document.

It also copies the two seeds (``shared/seeds``) as ``.txt`` samples and writes ``README.md``.
Same seed, same corpus: the specs, texts and expected values are identical on every machine; the
pixels depend only on poppler's rasteriser, and the ``txt-ocr`` texts on the Tesseract version.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from samplegen import corpus
from samplegen.corpus import Planned
from samplegen.render import render_pdf
from samplegen.scan import PROFILES, make_scan
from samplegen.spec import SCANNED, expected
from samplegen.text import plain_text

ROOT = Path(__file__).resolve().parent.parent
SEED_TRUTH = Path(__file__).resolve().parent / "samplegen" / "seed_truth"
SEEDS = {
    "000_502fc6f1d506ce06": ("txt", "clean text of a real agreement"),
    "001_ce5f81b6480a0ba4": ("txt-ocr", "real Tesseract output of a scan"),
}


def _ocr_pages(pages: list[Path]) -> str:
    """Tesseract as an outside OCR service would run it: default settings, German model."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    texts = []
    for p in pages:
        r = subprocess.run(
            ["tesseract", str(p), "-", "-l", "deu"], capture_output=True, text=True, env=env, check=True
        )
        texts.append(r.stdout.rstrip("\f\n"))
    return "\n\n".join(texts) + "\n"


def write_sample(item: Planned, out: Path) -> Path:
    spec, laid, entry = item.spec, item.laid, item.entry
    target = out / f"{spec.name}{spec.ext}"
    truth = laid.text(furniture=False)
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        pdf = tmp / "born-digital.pdf"
        render_pdf(spec, laid, pdf)
        if spec.variant == "pdf":
            shutil.copyfile(pdf, target)
        elif spec.variant == "txt":
            text = laid.text() if entry.txt_layout else plain_text(spec)
            target.write_text(text, encoding="utf-8")
            truth = truth if entry.txt_layout else text
        elif spec.variant == "txt-ocr":
            heavy = replace(spec, variant="scan200-heavy")
            images = make_scan(heavy, laid, pdf, tmp / "scan.pdf")
            paths = []
            for i, img in enumerate(images):
                paths.append(tmp / f"page{i}.png")
                img.save(paths[-1], dpi=(PROFILES["scan200-heavy"].dpi,) * 2)
            target.write_text(_ocr_pages(paths), encoding="utf-8")
        else:
            make_scan(spec, laid, pdf, target)
    (out / f"{spec.name}.truth").write_text(truth, encoding="utf-8")
    data = expected(spec, laid.pages)
    (out / f"{spec.name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return target


def copy_seeds(seeds_dir: Path, out: Path) -> list[str]:
    """The two real seeds as ``.txt`` samples; seed 000's truth is itself, seed 001's was
    reconstructed by hand from its OCR text (handwritten dates left out, as for generated ones)."""
    names = []
    for stem, (variant, _) in SEEDS.items():
        src = seeds_dir / f"{stem}.txt"
        if not src.exists():
            print(f"note: {src} not found; keeping the seed samples already in {out}", file=sys.stderr)
            continue
        name = f"seed_{stem}"
        shutil.copyfile(src, out / f"{name}.txt")
        data = json.loads((seeds_dir / f"{stem}.expected.json").read_text(encoding="utf-8"))
        data = {"_note": data.pop("_note", ""), "variant": variant, **data}
        (out / f"{name}.expected.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        truth = SEED_TRUTH / f"{stem}.truth"
        shutil.copyfile(truth if truth.exists() else src, out / f"{name}.truth")
        names.append(name)
    return names


def _clean(out: Path) -> None:
    """Remove what an earlier run wrote (numbered samples, seeds, README), nothing else."""
    for p in out.iterdir():
        if p.is_file() and (
            (p.name[:2].isdigit() and p.name[2] == "_") or p.name.startswith("seed_") or p.name == "README.md"
        ):
            p.unlink()


SEED_ROWS = (
    "| `seed_000_502fc6f1d506ce06.txt` | txt | – | 2023 | documenta Stadt Kassel (06611) | 11 | |\n"
    "| `seed_001_ce5f81b6480a0ba4.txt` | txt-ocr | – | 2024 | Landkreis Groß-Gerau (06433) | 5 | |\n"
)


def write_readme(out: Path, planned: list[Planned], seed: int, seeds: bool = True) -> None:
    sizes = {p.name: p.stat().st_size for p in out.iterdir() if p.is_file()}
    total = sum(sizes.values())
    rows = []
    for item in planned:
        s = item.spec
        rows.append(
            f"| `{s.name}{s.ext}` | {s.variant} | {item.laid.pages} | {s.year} | {s.partner_form} ({s.partner.ags}) "
            f"| {len(s.project_titles())} | {sizes[s.name + s.ext] / 1024:.0f} KB |"
        )
    by_variant: dict[str, int] = {}
    for item in planned:
        by_variant[item.spec.variant] = by_variant.get(item.spec.variant, 0) + 1
    scanned = sum(i.laid.pages for i in planned if i.spec.variant in SCANNED)
    seed_note = ", plus 2 seeds (`txt`, `txt-ocr`)" if seeds else " (no seeds: a held-out corpus)"
    text = (
        f"""# Sample corpus

Generated by `make samples` (`python scripts/generate_samples.py --out samples --seed {seed}`); do not
edit by hand. Each input `NAME.pdf|.tif|.txt` has beside it `NAME.expected.json` (the values the
record must hold: the shape of `shared/seeds/*.expected.json` plus `variant` and `pages`) and
`NAME.truth` (the true text as printed, without page headers and footers, for character error
rates; not `.txt`, so that
`aqb-extract extract samples` does not take it for an input). `make eval` scores the pipeline here.

Variants: `pdf` born-digital with a text layer; `txt` clean text; `txt-ocr` text out of Tesseract
(a heavy scan, OCR'd when generated; seed 001 is real); `scan300` 300 dpi grey JPEG, light;
`scan300-upside-down` the same with one page fed upside down; `scan200-heavy` 200 dpi colour JPEG
with skew, blur, noise, strong JPEG, lid shadow, dust, stamps over the signature block; `tiff`
bilevel 200 dpi Group 4 multi-page TIFF. Every scan carries handwritten signatures; where
`expected.json` has a signatory `date` of null and a `date_handwritten`, the date was written by
hand: null is the expected answer, the true date is accepted too.

Counts: {", ".join(f"{v} {n}" for v, n in sorted(by_variant.items()))}{seed_note}.
Scanned pages: {scanned}. Total size: {total / 1024 / 1024:.1f} MB.

| file | variant | pages | year | partner | projects | size |
|---|---|---|---|---|---|---|
"""
        + "\n".join(rows)
        + "\n"
        + (SEED_ROWS if seeds else "")
    )
    (out / "README.md").write_text(text, encoding="utf-8")


def check_budget(out: Path, planned: list[Planned]) -> list[str]:
    problems = []
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    if total > corpus.MAX_TOTAL_BYTES:
        problems.append(f"samples total {total / 2**20:.1f} MB > {corpus.MAX_TOTAL_BYTES / 2**20:.0f} MB")
    scanned = sum(i.laid.pages for i in planned if i.spec.variant in SCANNED)
    if scanned > corpus.MAX_SCANNED_PAGES:
        problems.append(f"{scanned} scanned pages > {corpus.MAX_SCANNED_PAGES} (make test OCRs them all)")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=ROOT / "samples")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--seeds-dir", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--only", help="write only samples whose name contains this (for debugging)")
    ap.add_argument(
        "--no-seeds",
        action="store_true",
        help="leave the two real seeds out (a held-out corpus: make heldout)",
    )
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    planned = corpus.plan(args.seed)
    if args.only:
        planned = [p for p in planned if args.only in p.spec.name]
    else:
        _clean(args.out)
        if not args.no_seeds:
            copy_seeds(args.seeds_dir, args.out)
    for item in planned:
        target = write_sample(item, args.out)
        print(f"{target.name:60s} {item.laid.pages} p  {target.stat().st_size / 1024:8.0f} KB", flush=True)
    if args.only:
        return 0
    write_readme(args.out, planned, args.seed, seeds=not args.no_seeds)
    problems = check_budget(args.out, planned)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
