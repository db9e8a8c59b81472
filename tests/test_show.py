"""The terminal views: one record (``show FILE``) and the end-of-run summary."""

from __future__ import annotations

from helpers.records import PAGE_1, all_records, draw_page, failed_record, gross_gerau, kassel_2023
from rich.console import Console

from aqb_extract.models import FieldWarning, Project
from aqb_extract.show import (
    confidence_level,
    format_date,
    format_eur,
    render_record,
    render_summary,
    resolve,
    review_reasons,
)


def _text(renderable: object) -> str:
    console = Console(record=True, width=120, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_record_shows_header_fields_projects_and_signatories() -> None:
    _, boxes = draw_page(PAGE_1)
    text = _text(render_record(gross_gerau(boxes)))
    assert "2024/gross-gerau.pdf" in text
    assert "needs_review" in text
    assert "read by ocr" in text
    assert "Groß-Gerau (Landkreis, AGS 06433)" in text
    assert "as written: Landkreis GroR-Gerau" in text
    assert "1.390.400,00 €" in text
    assert "Hessisches Ministerium für Arbeit, Integration, Jugend" in text  # wraps at width 120
    assert "und Soziales (HMSI)" in text
    # confidences, including the low one that made it need review
    assert "0.99" in text and "0.55" in text
    # the warning appears with the field it concerns, and the non-field warning separately
    assert "signatories[0].date: date" in text  # in the fields table, with its key
    assert "date unreadable: '7. 7 207 -4'" in text  # in the signatories table
    assert "Other warnings" in text and "sections: § 3 not found" in text
    # projects and signatories tables
    assert "Projects (§ 5)" in text
    assert "FAuB" in text and "Azubi-Coaching" in text
    assert "Heike Hofmann" in text and "Staatsministerin" in text
    assert "Thomas Will" in text and "15.07.2024" in text
    assert "7. 7 207 -4" in text  # the unreadable date as written, next to the missing date


def test_failed_record_shows_the_error_and_no_empty_tables() -> None:
    text = _text(render_record(failed_record()))
    assert "2024/leer.pdf" in text and "failed" in text
    assert "The file is empty (0 bytes); there is nothing to extract." in text
    assert "Projects (§ 5)" not in text and "Signatories" not in text


def test_ocr_text_with_brackets_is_not_read_as_markup() -> None:
    record = kassel_2023().model_copy(
        update={
            "projects": [
                Project(category=1, category_name="Ausbildungsvorbereitung", title="[bold]Kurs[/] [1]")
            ],
            "warnings": [FieldWarning(field="projects[0]", message="title looks damaged: '[/red]'")],
        }
    )
    text = _text(render_record(record))
    assert "[bold]Kurs[/] [1]" in text
    assert "[/red]" in text


def test_confidence_colours_follow_the_thresholds() -> None:
    assert confidence_level(0.99, "year") == "high"
    assert confidence_level(0.7, "year") == "medium"  # threshold 0.8, within the band below it
    assert confidence_level(0.3, "year") == "low"
    assert confidence_level(None, "year") == "missing"
    assert confidence_level(0.6, "signatories[0].date") == "high"  # signatories' threshold is 0.6
    assert confidence_level(0.6, "year", {"year": 0.5}) == "high"


def test_formatting_is_german() -> None:
    assert format_eur(1390400.0) == "1.390.400,00 €"
    assert format_eur(0.5) == "0,50 €"
    assert format_eur(None) == "—"
    assert format_date(None) == "—"


def test_resolve_follows_warning_keys() -> None:
    record = gross_gerau()
    assert resolve(record, "signatories[1].role") == "Landrat"
    assert resolve(record, "projects[0].title") == "FAuB"
    assert resolve(record, "projects[9]") is None
    assert resolve(record, "no such key!") is None


def test_review_reasons() -> None:
    reasons = review_reasons(gross_gerau())
    assert "signatories: confidence 0.55 below 0.60" in reasons
    assert "signatories[0].date: date unreadable: '7. 7 207 -4'" in reasons
    assert review_reasons(failed_record()) == ["The file is empty (0 bytes); there is nothing to extract."]
    missing = kassel_2023().model_copy(update={"amount_eur": None, "status": "needs_review"})
    assert "amount_eur: not found" in review_reasons(missing)


def test_summary_lists_documents_to_look_at_failed_first() -> None:
    text = _text(render_summary(all_records()))
    assert "4 documents: 2 ok, 1 need review, 1 failed" in text
    assert text.index("2024/leer.pdf") < text.index("2024/gross-gerau.pdf")
    assert "date unreadable" in text
    assert "2023/kassel.txt" not in text  # ok documents are not listed
    assert "need review" in _text(render_summary([kassel_2023()]))
