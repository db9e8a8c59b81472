"""The order-free character error rate: moved blocks are not character errors, everything else is."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from aqb_extract.evaluate import SampleResult, _cer_norm, order_like, render_report, summarize

# The truth runs row by row through a two-column signature block; Tesseract reads it column by
# column (the left block, then the right one).
TRUTH = """\
Die Zielvereinbarungen werden auf dem Internetportal des HMSI veröffentlicht.
Wiesbaden, den 16.8.16    Gießen, den 11. September 2016
Stefan Grüttner    Süheyla Kühn-Weißbrod
Staatsminister    Landrätin
Hessisches Ministerium    des Landkreises Gießen
für Soziales und Integration
"""
BY_COLUMNS = """\
Die Zielvereinbarungen werden auf dem Internetportal des HMSI veröffentlicht.
Wiesbaden, den 16.8.16
Stefan Grüttner
Staatsminister
Hessisches Ministerium
für Soziales und Integration
Gießen, den 11. September 2016
Süheyla Kühn-Weißbrod
Landrätin
des Landkreises Gießen
"""


def cer_edits(text: str, truth: str, *, order_free: bool) -> int:
    truth_n = _cer_norm(truth)
    return Levenshtein.distance(order_like(text, truth) if order_free else _cer_norm(text), truth_n)


def test_a_block_read_column_by_column_costs_nothing_order_free() -> None:
    assert cer_edits(BY_COLUMNS, TRUTH, order_free=False) > 80
    assert cer_edits(BY_COLUMNS, TRUTH, order_free=True) == 0


def test_character_errors_still_count_order_free() -> None:
    damaged = BY_COLUMNS.replace("Grüttner", "Gruttner").replace("Landrätin", "Landratin")
    assert cer_edits(damaged, TRUTH, order_free=True) == 2


def test_text_in_the_right_order_is_left_as_it_is() -> None:
    text = "Präambel\nErfolgreiche Arbeitsmarktpolitik\n§ 1\nZiele des Landes\n§ 2\nZiele des Landes\n"
    assert order_like(text, text) == _cer_norm(text)


def test_a_repeated_line_keeps_its_place_in_reading_order() -> None:
    # "Ziele des Landes" occurs twice; rapidfuzz alone would put both copies at one of them
    truth = "§ 1 Ausbildungs- und Qualifizierungsbudget Ziele des Landes Das HMSI verfolgt mit dem "
    truth += "Ausbildungs- und Qualifizierungsbudget 2017 das Ziel, die Ausbildungsfähigkeit zu steigern"
    text = "§ 1\nAusbildungs- und Qualifizierungsbudget\nZiele des Landes\nDas HMSI verfolgt mit dem\n"
    text += "Ausbildungs- und Qualifizierungsbudget 2017 das Ziel, die Ausbildungsfähigkeit zu steigern\n"
    assert order_like(text, truth) == _cer_norm(truth)


def test_junk_lines_stay_behind_their_predecessor() -> None:
    # a speck line that loosely matches "an den" far above must not jump there
    truth = "orientiert sich das HMSI an den Zielsetzungen. Viel Text dazwischen. Korbach, den Heike Hofmann"
    text = "orientiert sich das HMSI an den Zielsetzungen.\nViel Text dazwischen.\n. an den 2 942 4\n"
    text += "Korbach, den\nHeike Hofmann\n"
    assert order_like(text, truth).split(". an den 2 942 4")[0].endswith("dazwischen. ")
    assert cer_edits(text, truth, order_free=True) <= cer_edits(text, truth, order_free=False)


def test_short_and_empty_lines() -> None:
    assert order_like("", "Wahrheit") == ""
    assert order_like("a\n\n  \nb", "") == "a b"


def test_report_shows_both_measures() -> None:
    result = SampleResult(
        name="x.pdf",
        variant="scan300",
        status="ok",
        checks=(),
        truth_chars=1000,
        raw_edits=40,
        repaired_edits=30,
        raw_edits_order_free=20,
        repaired_edits_order_free=10,
    )
    report = summarize([result])
    assert report.cer_raw_order_free == 0.02
    assert report.cer_repaired_order_free == 0.01
    assert report.variants["scan300"].cer_repaired_order_free == 0.01
    text = render_report(report)
    assert "CER repaired (order-free)" in text
    assert "1.0 %" in text and "2.0 %" in text
    assert "raw_edits_order_free" in report.model_dump_json()
