"""German date parsing: strict on purpose, since a guessed date must never look certain."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aqb_extract.fields.dates import month_number, parse_german_date, read_german_date

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("8.8.23", dt.date(2023, 8, 8)),
        ("08.09.2023", dt.date(2023, 9, 8)),
        ("8. 9. 2023", dt.date(2023, 9, 8)),
        ("12. März 2019", dt.date(2019, 3, 12)),
        ("12. Maerz 2019", dt.date(2019, 3, 12)),
        ("12. Marz 2019", dt.date(2019, 3, 12)),
        ("1.Juli 2024", dt.date(2024, 7, 1)),
        ("1. Juli 2024.", dt.date(2024, 7, 1)),
        ("den 3. Dez. 2023", dt.date(2023, 12, 3)),
        ("2024-07-07", dt.date(2024, 7, 7)),
    ],
)
def test_readable(text: str, date: dt.date) -> None:
    got, confidence = parse_german_date(text, date.year)
    assert got == date
    assert confidence >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "7. 7 207 -4",
        "AS O 2024",
        "31.02.2023",  # no such day
        "12.13.2023",  # no such month
        "7.7.207",  # three-digit year
        "7 7 2024",  # no separators: which is day, which month?
        "12. Mai",  # no year: the hint would be a guess
        "3. Juii 2024",  # Juni or Juli?
        "8.8.1923",  # not an AQB year
        "14:30:2024",  # two colons: no dot was read at all
        "02:07.21",  # a colon and a two-digit year: a time as much as a date
        "",
        "den",
    ],
)
def test_unreadable_is_none(text: str) -> None:
    assert parse_german_date(text, 2024) == (None, 0.0)
    assert read_german_date(text, 2024).note


def test_damage_lowers_confidence_and_says_why() -> None:
    for text, note in [
        ("1O.07.2024", "letters read as digits"),
        ("8,9.2024", "comma instead of a dot"),
        ("02:07.2024", "colon instead of a dot"),  # a heavy scan of seed 141
        ("12. Mérz 2024", "month 'Mérz' read fuzzily"),
    ]:
        reading = read_german_date(text, 2024)
        assert reading.date is not None
        assert reading.confidence <= 0.85
        assert reading.note == note


def test_two_digit_year_is_this_century() -> None:
    assert parse_german_date("8.8.23", None)[0] == dt.date(2023, 8, 8)


def test_far_from_the_budget_year_is_doubted() -> None:
    reading = read_german_date("8.8.2019", 2023)
    assert reading.date == dt.date(2019, 8, 8)
    assert reading.confidence <= 0.4
    assert reading.note == "2019-08-08 is far from the budget year 2023"
    assert read_german_date("20.12.2022", 2023).confidence >= 0.9  # the year before is normal


def test_month_names() -> None:
    assert [month_number(m)[0] for m in MONTHS] == list(range(1, 13))
    assert month_number("Sept.") == (9, 1.0)
    assert month_number("Juii") == (None, 0.0)
    assert month_number("Oktobr") == (10, 0.75)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.one_of(st.none(), st.integers(-5, 3000)))
def test_any_text_never_raises(text: str, year: int | None) -> None:
    date, confidence = parse_german_date(text, year)
    assert 0.0 <= confidence <= 1.0
    assert (date is None) == (confidence == 0.0)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.booleans(), st.booleans())
def test_written_dates_round_trip(date: dt.date, zero_pad: bool, month_name: bool) -> None:
    day = f"{date.day:02d}" if zero_pad else str(date.day)
    if month_name:
        text = f"{day}. {MONTHS[date.month - 1]} {date.year}"
    else:
        month = f"{date.month:02d}" if zero_pad else str(date.month)
        text = f"{day}.{month}.{date.year}"
    got, confidence = parse_german_date(text, date.year)
    assert got == date
    assert confidence >= 0.9


def test_specks_after_the_date() -> None:
    # standing apart, a speck is no part of the date
    assert parse_german_date("24.9.19 “", 2019) == (dt.date(2019, 9, 24), 0.95)
    assert parse_german_date("8.8.2023 ° ~", 2023)[0] == dt.date(2023, 8, 8)
    # glued to the last digit it might have been one: read, but with doubts said
    reading = read_german_date("21.9.19°", 2019)
    assert reading.date == dt.date(2019, 9, 21)
    assert reading.confidence <= 0.85
    assert reading.note == "mark '°' after the date ignored"
    # a speck never turns noise into a date
    assert parse_german_date("7. 7 207 -4 “", 2024) == (None, 0.0)
    assert parse_german_date("21.9.1°", 2019) == (None, 0.0)


def test_month_with_an_ocr_letter_confusion() -> None:
    assert month_number("Septernber") == (9, 0.8)
    assert month_number("Novernber") == (11, 0.8)
    assert month_number("Augiist") == (8, 0.8)
    reading = read_german_date("11. Septernber 2020", 2020)
    assert reading.date == dt.date(2020, 9, 11)
    assert reading.confidence <= 0.85 and reading.note == "month 'Septernber' read fuzzily"
    assert month_number("Juii") == (None, 0.0)  # still Juni or Juli


def test_noise_around_a_date_with_a_four_digit_year() -> None:
    reading = read_german_date("4. Juli ‚2026 AD", 2026)
    assert reading.date == dt.date(2026, 7, 4)
    assert reading.confidence <= 0.7
    assert reading.note == "'‚2026 AD' around the date ignored"
    assert read_german_date("4.7.2026 Be", 2026).date == dt.date(2026, 7, 4)
    # after "20", the noise might have been the rest of the year ("2019"): no date; "19" can
    # begin no year since 2000, so it is the year itself
    assert parse_german_date("19.6.20 Be", 2019) == (None, 0.0)
    assert read_german_date("19.6.19 Be", 2019).date == dt.date(2019, 6, 19)
    # noise that is most of the text stays unreadable
    assert parse_german_date("8 = 18 ERRER", 2018) == (None, 0.0)
    assert parse_german_date("1.7.2026 x y z", 2026) == (None, 0.0)


@pytest.mark.parametrize(
    ("text", "year", "date", "note"),
    [
        # handwritten dates on heavy scans of held-out seeds 104-121, each read with doubts said
        ("8.2.26 cc EN", 2026, dt.date(2026, 2, 8), "'cc EN' around the date ignored"),
        ("26.4.26 Fr", 2026, dt.date(2026, 4, 26), "'Fr' around the date ignored"),
        ("16.7.26 = HIN", 2026, dt.date(2026, 7, 16), "'= HIN' around the date ignored"),
        ('8.5.2026 ° * "On', 2026, dt.date(2026, 5, 8), "'° * \"On' around the date ignored"),
        ("8.7.2026... WR", 2026, dt.date(2026, 7, 8), "'... WR' around the date ignored"),
        ("04.09.2026 TEEN,", 2026, dt.date(2026, 9, 4), "'TEEN' around the date ignored"),  # seed 125
        ("03.07.2019 5", 2019, dt.date(2019, 7, 3), "'5' around the date ignored"),  # txt-ocr, seed 110
        ("05.05.2019 55.", 2019, dt.date(2019, 5, 5), "'55' around the date ignored"),  # txt-ocr, seed 122
        ("11. Oktober-2026", 2026, dt.date(2026, 10, 11), "a comma or hyphen where a dot or space was"),
        ("28-April 2021", 2021, dt.date(2021, 4, 28), "a comma or hyphen where a dot or space was"),
        ("9. Juni'2019", 2019, dt.date(2019, 6, 9), '"\'" before the year taken as a speck'),  # seed 203
        ("20. Juni;2021", 2021, dt.date(2021, 6, 20), "';' before the year taken as a speck"),  # seed 205
        ("03.032021-", 2021, dt.date(2021, 3, 3), "the dot before the year lost"),  # seed 214
        ("I. November 2019", 2019, dt.date(2019, 11, 1), "letters read as digits"),  # txt-ocr, seed 103
        ("18.8.19 ED", 2019, dt.date(2019, 8, 18), "'ED' around the date ignored"),  # txt-ocr, seed 126
        ("6.4.26, Er", 2026, dt.date(2026, 4, 6), "'Er' around the date ignored"),  # heavy scan, seed 222
        ("31.3.19 _ EL Se", 2019, dt.date(2019, 3, 31), "'_ EL Se' around the date ignored"),  # seed 131
        ("15: Juni 2019", 2019, dt.date(2019, 6, 15), "colon instead of a dot"),  # txt-ocr, seed 158
        ("7.3.24...", 2024, dt.date(2024, 3, 7), "'...' after the date ignored"),  # "27.3.24", seed 169
        ("24.'März 2026", 2026, dt.date(2026, 3, 24), '"\'" before the month taken as a speck'),  # seed 256
        ("31 ‚8.2019", 2019, dt.date(2019, 8, 31), "comma instead of a dot"),  # txt-ocr, seed 256
    ],
)
def test_handwritten_dates_with_noise_are_read_with_doubts(
    text: str, year: int, date: dt.date, note: str
) -> None:
    reading = read_german_date(text, year)
    assert reading.date == date
    assert reading.confidence <= 0.85
    assert reading.note == note


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("19.6.20 Be", 2020),  # "20" may begin "2019": the noise may be the year's rest
        ("8.2.26 cc", 2019),  # a two-digit year far from the budget year: no anchor
        ("12. Mai OHR TS", 2021),  # no year at all
        ("1.7.2026 x y z", 2026),  # noise most of the text
        ("4.9.26 TEEN", 2026),  # a long word after a two-digit year may hold the year's rest
        ("4.9.20 26", 2026),  # digits after a two-digit year may be the year's rest
        ("I November 19", 2019),  # a letter for the day only before a four-digit year
    ],
)
def test_noise_after_a_date_that_may_hide_digits_stays_unreadable(text: str, year: int) -> None:
    assert parse_german_date(text, year) == (None, 0.0)


def test_a_dash_and_dots_after_a_date_are_doubted_like_dots() -> None:
    # heavy scan of seed 163, on the second look: "2, 10.19 —.."
    reading = read_german_date("2.10.19 —..", 2019)
    assert reading.date == dt.date(2019, 10, 2)
    assert reading.confidence <= 0.8 and "after the date ignored" in (reading.note or "")
