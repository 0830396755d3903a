"""ISPR's site rules (`rules = "ispr"`): its dateline headings, release numbers, end marker and services."""

from __future__ import annotations

import pytest

from extraction.dateline import Dateline, dateline_line, read_dateline
from extraction.furniture import pr_number_of
from extraction.rules.ispr import infer_service, trim_release


@pytest.mark.parametrize(
    ("text", "place", "raw"),
    [
        ("Rawalpindi - May 10, 2022", "Rawalpindi", "May 10, 2022"),
        ("Islamabad – 25 April 2019", "Islamabad", "25 April 2019"),
        ("Karachi\u00a0-\u00a0March 04, 2024:", "Karachi", "March 04, 2024"),
        ("راولپنڈی - ۴ اکتوبر ۲۰۲۱", "راولپنڈی", "۴ اکتوبر ۲۰۲۱"),
        ("Gwadar", "Gwadar", None),
        ("RAWALPINDI - 10th May, 2022", "Rawalpindi", "10th May, 2022"),
        ("Dera Ismail Khan, May 10, 2022 (18:30 PST)", "Dera Ismail Khan", "May 10, 2022"),
    ],
)
def test_parse_dateline(text, place, raw):
    dateline = read_dateline(text)
    assert (dateline.place, dateline.date) == (place, raw)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PR No. 123/2022-ISPR", "123/2022-ISPR"),
        ("PR No.152/2021-ISPR", "152/2021-ISPR"),
        ("PR-No. 45/2021-ISPR", "45/2021-ISPR"),
        ("No PR-7/2023-ISPR", "7/2023-ISPR"),
        ("Press Release", None),
    ],
)
def test_pr_numbers_from_headings(text, number):
    assert pr_number_of(text) == number


def test_trim_release_cuts_at_any_end_marker_and_drops_chrome():
    for marker in ("-0-0-0-", "-0-0-0-0-0-", "- 0 - 0 - 0 -"):
        assert trim_release(["One.", "Two.", marker, "READERS CORNER", "A link"]) == ["One.", "Two."]
    assert trim_release(["One.", "Two. -0-0-0-", "Share this"]) == ["One.", "Two."]
    assert trim_release(["One.", "READERS CORNER", "Chrome"]) == ["One."]
    assert trim_release(["Scores 0-0 at half time."]) == ["Scores 0-0 at half time."]


def test_service_is_inferred_from_what_the_release_talks_about():
    assert (
        infer_service("PAF aircraft flew relief to Gilgit; the Air Chief thanked the squadron") == "airforce"
    )
    assert infer_service("PNS Tippu Sultan joined the naval exercise with the fleet") == "navy"
    assert infer_service("The COAS visited the Corps headquarters") == "army"
    assert infer_service("Security forces conducted an IBO; troops recovered weapons") == "army"
    assert infer_service("پاک بحریہ کے جہاز نے بحری مشق میں حصہ لیا") == "navy"
    assert infer_service("Air Commodore Khan received the delegation") == "airforce"
    assert infer_service("The Prime Minister chaired a meeting") is None


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        ("TURBAT: 05 February 2018", ("Turbat", "05 February 2018")),
        ("اسکردو، ۱۵ جنوری ۲۰۲۱ء", ("اسکردو", "۱۵ جنوری ۲۰۲۱")),
        ("Rawalpindi, Tuesday, May 10, 2022", ("Rawalpindi", "May 10, 2022")),
        ("RAWALPINDI, Jul 18, 2022: Army troops are assisting the civil administration.", None),
        ("COAS VISITS TROOPS", None),
    ],
)
def test_a_dateline_written_as_the_first_line(paragraph, found):
    dateline = dateline_line(paragraph)
    assert (dateline and (dateline.place, dateline.date)) == found
    assert dateline is None or isinstance(dateline, Dateline)
