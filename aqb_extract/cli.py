"""The command line: the only layer that prints and picks exit codes (as in typer/fastapi-cli).

Everything it does is a call into the library; exit codes come from the exception classes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .config import Settings, default_cache_dir
from .errors import AqbError
from .models import Record

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn AQB target agreements (scans, PDFs, OCR text) into validated records.",
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message: easy to grep


def _version(value: bool) -> None:
    if value:
        out.print(f"aqb-extract {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """aqb-extract."""


def _fail(exc: AqbError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc.message}")
    return typer.Exit(exc.exit_code)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the records.")],
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=64, help="OCR processes (default: cores).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the OCR cache.")] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help=f"OCR cache folder (default {default_cache_dir()}).")
    ] = None,
    page_limit: Annotated[
        int, typer.Option("--page-limit", min=1, help="Fail documents with more pages.")
    ] = 200,
    page_timeout: Annotated[
        float, typer.Option("--page-timeout", min=0.1, help="Seconds Tesseract may take for one page.")
    ] = 120.0,
    corrections: Annotated[
        list[Path] | None, typer.Option("--corrections", help="User corrections file (TOML).")
    ] = None,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Also write records.xlsx.")] = False,
) -> None:
    """Extract every input into DIR/REL.json, DIR/records.jsonl and DIR/summary.csv."""
    from .batch import collect_inputs, needs_ocr, run_batch
    from .ocr import check_tesseract

    for p in paths:
        if not p.exists():
            err.print(f"[bold red]error:[/] {p} does not exist")
            raise typer.Exit(2)
    options: dict[str, object] = {
        "use_cache": not no_cache,
        "page_limit": page_limit,
        "page_timeout": page_timeout,
    }
    if workers is not None:
        options["workers"] = workers
    if cache_dir is not None:
        options["cache_dir"] = cache_dir
    if corrections:
        options["corrections_files"] = tuple(corrections)
    settings = Settings.model_validate(options)
    try:
        if corrections:
            from .knowledge import load_knowledge

            load_knowledge(settings.corrections_files)
        collected = collect_inputs(paths, out_dir)
        if needs_ocr(collected.inputs):
            check_tesseract()
        progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not err.is_terminal,
            transient=True,
        )
        with progress:
            task = progress.add_task("extracting", total=len(collected.inputs))
            records = run_batch(
                collected.inputs,
                out_dir,
                settings,
                on_done=lambda item, rec: progress.update(task, advance=1, description=item.rel[-40:]),
            )
        if xlsx:
            from .xlsx import write_workbook

            write_workbook(records, out_dir / "records.xlsx")
    except AqbError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (batch.BatchInterrupted)
        err.print("[yellow]interrupted:[/] finished records are kept; run again to do the rest")
        raise typer.Exit(128 + getattr(exc, "signum", 2)) from None
    from .show import render_summary

    out.print(render_summary(records, thresholds=settings.thresholds))
    if collected.skipped:
        out.print(
            f"[dim]{len(collected.skipped)} file(s) skipped: not .pdf, .png, .jpg, .jpeg, .tif, .tiff or .txt[/]"
        )
    out.print(f"records written to {out_dir}")
    raise typer.Exit(1 if any(r.status == "failed" for r in records) else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from .schema import record_schema

    sys.stdout.write(json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def show(file: Annotated[Path, typer.Argument(help="A record (DIR/REL.json).")]) -> None:
    """Print one record readably."""
    from .show import render_record

    try:
        record = Record.model_validate_json(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        err.print(f"[bold red]error:[/] cannot read {file} as a record: {exc}")
        raise typer.Exit(2) from None
    out.print(render_record(record, thresholds=Settings().thresholds))


@app.command()
def review(
    out_dir: Annotated[Path, typer.Argument(help="The --out folder of an extract run.")],
    dest: Annotated[
        Path | None, typer.Option("--dest", help="Where to write the report (default DIR/review).")
    ] = None,
) -> None:
    """Write a static HTML review report from the records of an extract run."""
    from .review import build_review

    try:
        index = build_review(out_dir, dest, thresholds=Settings().thresholds)
    except AqbError as exc:
        raise _fail(exc) from None
    out.print(f"review report: {index}")


@app.command("eval")
def evaluate_cmd(
    samples: Annotated[Path, typer.Argument(help="Folder of samples with *.expected.json.")] = Path(
        "samples"
    ),
) -> None:
    """Measure accuracy on a folder of samples with expected records."""
    from .evaluate import evaluate, render_report

    report = evaluate(samples)
    typer.echo(render_report(report))  # plain text: rich would wrap the tables and eat [brackets]
