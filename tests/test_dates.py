from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction.dates import KARACHI, date_from_url, find_date_strings, normalise_date

TODAY = date(2026, 11, 29)
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
UR_MONTHS = [
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
]
URDU_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("May 10, 2022", "2022-05-10"),
        ("10 May 2022", "2022-05-10"),
        ("Sep 3, 2023", "2023-09-03"),
        ("29 Oct 2024", "2024-10-29"),
        ("October 29, 2024", "2024-10-29"),
        ("29-10-2024", "2024-10-29"),
        ("29/10/2024", "2024-10-29"),
        ("03/04/2023", "2023-04-03"),  # day first, as Pakistani sites write it
        ("2024-10-29", "2024-10-29"),
        ("2024-10-29T10:00:00+05:00", "2024-10-29"),
        ("2024-10-29T22:30:00Z", "2024-10-30"),  # already the next day in Karachi
        ("2024-10-29T22:30:00", "2024-10-29"),  # no offset: taken as Karachi time
        ("29 اکتوبر 2024", "2024-10-29"),
        ("۱۰ مئی ۲۰۲۲", "2022-05-10"),
        ("4th March 2023:", "2023-03-04"),
    ],
)
def test_normalise_date_examples(raw, iso):
    assert normalise_date(raw, today=TODAY).iso == iso


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("sometime soon", "unparseable"),
        ("May 2022", "unparseable"),
        ("30 February 2023", "unparseable"),
        ("12 May 2031", "future"),
        ("14 August 1946", "before_1947"),
    ],
)
def test_normalise_date_refuses_with_reason(raw, reason):
    result = normalise_date(raw, today=TODAY)
    assert (result.value, result.reason) == (None, reason)


days = st.dates(min_value=date(1947, 1, 1), max_value=TODAY)


@given(days)
def test_every_written_form_of_a_day_normalises_to_it(day):
    forms = [
        f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}",
        f"{EN_MONTHS[day.month - 1][:3]} {day.day}, {day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        day.isoformat(),
        f"{day.day} {UR_MONTHS[day.month - 1]} {day.year}",
        f"{day.day} {UR_MONTHS[day.month - 1]} {day.year}".translate(URDU_DIGITS),
    ]
    for raw in forms:
        assert normalise_date(raw, today=TODAY).value == day, raw
        assert find_date_strings(f"Rawalpindi - {raw}: text") == [raw], raw


@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2026, 1, 1), timezones=st.timezones()))
def test_timestamps_land_on_the_karachi_calendar_day(moment):
    assert normalise_date(moment.isoformat(), today=TODAY).value == moment.astimezone(KARACHI).date()


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2100, 1, 1)))
def test_future_dates_are_refused(day):
    assert normalise_date(day.isoformat(), today=TODAY).reason == "future"


def test_date_strings_in_text_and_urls():
    assert find_date_strings("Posted on October 29, 2024 by admin. Updated: 30 Oct 2024") == [
        "October 29, 2024",
        "30 Oct 2024",
    ]
    assert date_from_url("https://x.pk/2024/10/29/navy-ship-visit/") == "2024-10-29"
    assert date_from_url("https://x.pk/press-release/2024-ship/") is None
