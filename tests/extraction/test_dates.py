from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.dates import (
    KARACHI,
    PAKISTAN,
    DateStyle,
    date_from_url,
    date_order_for,
    find_date_strings,
    normalise_date,
    publication_date,
    url_period,
)

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


@settings(deadline=None)  # dateparser's first calls are slow on a loaded machine; speed is not asserted here
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
def test_timestamps_land_on_their_own_calendar_day(moment):
    """The issuer's own offset says which day it was; only a UTC (server) time moves to the source's zone."""
    expected = moment.astimezone(KARACHI).date() if moment.utcoffset().total_seconds() == 0 else moment.date()
    assert normalise_date(moment.isoformat(), today=TODAY).value == expected


def test_a_timestamp_keeps_its_own_offset():
    assert normalise_date("2020-08-14T12:50:57-07:00", today=TODAY).iso == "2020-08-14"
    us = DateStyle("America/Los_Angeles", "MDY")
    assert normalise_date("2020-08-15T02:00:00Z", today=TODAY, style=us).iso == "2020-08-14"
    assert (
        normalise_date("2020-08-15T02:00:00Z", today=TODAY, style=DateStyle("UTC", "DMY")).iso == "2020-08-15"
    )


@pytest.mark.parametrize(
    ("order", "raw", "iso"),
    [
        ("DMY", "2/11/2026", "2026-11-02"),
        ("MDY", "2/11/2026", "2026-02-11"),
        ("YMD", "2026/02/11", "2026-02-11"),
    ],
)
def test_date_order_reads_numeric_dates(order, raw, iso):
    assert normalise_date(raw, today=TODAY, style=DateStyle("UTC", order)).iso == iso


@pytest.mark.parametrize(
    ("url", "listing", "iso", "origin"),
    [
        ("https://ag.example.gov/news/February-2026/suit", None, "2026-02-11", None),  # the other reading
        ("https://ag.example.gov/2026/02/suit/", None, "2026-02-11", None),
        ("https://ag.example.gov/news/suit", "February 11, 2026", "2026-02-11", None),
        ("https://ag.example.gov/news/suit", None, "2026-11-02", None),  # nothing to contradict it
    ],
)
def test_a_date_the_url_or_listing_contradicts_loses(url, listing, iso, origin):
    result = publication_date("2/11/2026", "en", PAKISTAN, url, listing, today=TODAY)
    assert (result.iso, result.origin) == (iso, origin)


def test_a_contradicted_date_gives_way_to_the_evidence_or_to_none():
    listed = publication_date("5 March 2026", "en", PAKISTAN, "https://x.org/a", "14 Feb 2026", today=TODAY)
    assert (listed.iso, listed.origin) == ("2026-02-14", "listing")
    far = publication_date("5 Sept 2026", "en", PAKISTAN, "https://x.org/2026/02/a", today=TODAY)
    assert (far.iso, far.reason) == (None, "contradicted")
    # a post created in one month and published early in the next keeps its date
    near = publication_date("2 January 2024", "en", PAKISTAN, "https://x.org/2023/12/a", today=TODAY)
    assert near.iso == "2024-01-02"
    assert (
        publication_date(None, "en", PAKISTAN, "https://x.org/a", "14 Feb 2026", today=TODAY).origin
        == "listing"
    )


def test_url_periods():
    assert url_period("https://x.gov/news/February-2026/x") == (date(2026, 2, 1), date(2026, 2, 28))
    assert url_period("https://x.gov/2024/02/x") == (date(2024, 2, 1), date(2024, 2, 29))
    assert url_period("https://x.gov/2024/02/09/x") == (date(2024, 2, 9), date(2024, 2, 9))
    assert url_period("https://x.gov/news/covid-2020/x") is None


@pytest.mark.parametrize(
    ("html", "url", "order"),
    [
        ("<html lang='en-US'><p>2/11/2026</p>", "https://x.com/a", "MDY"),
        ("<html lang='en'><p>2/11/2026</p>", "https://ag.example.gov/a", "MDY"),
        ("<html lang='en-GB'><p>2/11/2026</p>", "https://x.gov/a", "DMY"),
        ("<html lang='en-US'><p>25/11/2026 and 2/11/2026</p>", "https://x.com/a", "DMY"),  # the page's own
        ("<html lang='ja-JP'>", "https://x.com/a", "YMD"),
        ("<html>", "https://x.com/a", "DMY"),
    ],
)
def test_date_order_of_an_unconfigured_site_comes_from_the_page(html, url, order):
    assert date_order_for(html, url) == order


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
