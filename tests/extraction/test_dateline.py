"""One dateline parser: every way a release states where and when it was issued gives one answer."""

from __future__ import annotations

import pytest

from extraction import Article, Page, process
from extraction.dateline import Dateline, dateline_line, opening_dateline, read_dateline
from extraction.rules.ispr import lead_date

ISLAMABAD = "Islamabad, 29 November 2024: The Ministry of Defence hosted a delegation from a friendly state."


def test_one_answer_for_an_opening_dateline():
    assert opening_dateline(ISLAMABAD) == Dateline("Islamabad", "29 November 2024", (0, 29))
    assert ISLAMABAD[29:].startswith("The Ministry")
    assert read_dateline(ISLAMABAD[:27]) == Dateline("Islamabad", "29 November 2024", (0, 27))
    assert lead_date(ISLAMABAD) == ("Islamabad", "29 November 2024")
    assert dateline_line(ISLAMABAD) is None  # the paragraph goes on: it is text, not a dateline line
    assert dateline_line(ISLAMABAD[:28]) == Dateline("Islamabad", "29 November 2024", (0, 28))


def page(html: str) -> Page:
    return Page("example", "https://mod.example/news/7", 200, "text/html", html.encode(), "utf-8", "")


class Generic:
    name, service, language, selectors, rules = "example", None, "en", {}, None


def test_the_general_rules_read_the_same_place_and_date_from_the_first_paragraph():
    html = f"""<html><head><title>Delegation visits the Ministry | MoD</title></head><body><main>
    <h1>Delegation visits the Ministry</h1><p>{ISLAMABAD}</p>
    <p>The delegation discussed training, exchanges and cooperation in defence production.</p>
    </main></body></html>"""
    article = process(page(html), Generic())
    assert isinstance(article, Article)
    assert (article.dateline_place, article.raw_date, article.published) == (
        "Islamabad",
        "29 November 2024",
        "2024-11-29",
    )
    assert article.body.startswith("Islamabad, 29 November 2024: The Ministry")


@pytest.mark.parametrize(
    ("text", "place", "date"),
    [
        ("KARACHI, 5 August 2024: The ship sailed.", "Karachi", "5 August 2024"),
        ("Paris, 26 September 2024 – The exhibition opened.", "Paris", "26 September 2024"),
        ("5 August 2024: The ship sailed.", None, "5 August 2024"),
        ("Dateline: Rawalpindi, 10 May 2024 – Troops arrived.", "Rawalpindi", "10 May 2024"),
        ("ISPR - GHQ - Rawalpindi, 10 May 2024: Troops arrived.", "Rawalpindi", "10 May 2024"),
        ("Dera Ismail Khan, May 10, 2022 (18:30 PST): Troops arrived.", "Dera Ismail Khan", "May 10, 2022"),
        ("اسلام آباد، ۵ اگست ۲۰۲۴: وزارت نے کہا", "اسلام آباد", "۵ اگست ۲۰۲۴"),
    ],
)
def test_opening_datelines(text, place, date):
    found = opening_dateline(text)
    assert (found.place, found.date) == (place, date)
    assert not text[found.span[1] :].startswith((" ", ":", "–"))


@pytest.mark.parametrize(
    "text",
    [
        "The COAS on 5 May 2024 visited the troops.",  # a date the sentence mentions
        "On 5 May 2024 the troops arrived.",  # no separator after the "place"
        "Security forces, 5 May 2024: lower-case words are no place",
        "The troops who arrived in Rawalpindi after a long march, 5 May 2024, were received",  # too far
    ],
)
def test_dates_that_are_not_datelines(text):
    assert opening_dateline(text) is None


def test_a_dateline_line_stands_alone():
    assert dateline_line("TURBAT: 05 February 2018") == Dateline("Turbat", "05 February 2018", (0, 24))
    assert dateline_line("Rawalpindi 10 May 2022").place == "Rawalpindi"  # no separator needed when alone
    assert dateline_line("Dated: 07.03.2024") == Dateline(None, "07.03.2024", (0, 17))
    assert dateline_line("COAS VISITS TROOPS") is None
