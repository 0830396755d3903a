"""One classifier of page furniture, with its words and patterns as data."""

from __future__ import annotations

from importlib import resources

import pytest

from extraction import Article, Page, furniture, process
from extraction.furniture import (
    classify,
    cut_at_end,
    headline_keys,
    is_edge_furniture,
    kinds,
    parse_kinds,
    pr_number_of,
    repeats_headline,
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("-0-0-0-", "end_marker"),
        ("- 0 - 0 - 0 -", "end_marker"),
        ("###", "end_marker"),
        ("-ENDS-", "end_marker"),
        ("Share this", "share"),
        ("Share on Facebook", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("شیئر کریں", "share"),
        ("Related press releases", "teaser_heading"),
        ("READERS CORNER", "teaser_heading"),
        ("Read more: Navy chief visits Gwadar", "teaser_heading"),
        ("متعلقہ خبریں", "teaser_heading"),
        ("Subscribe to our newsletter", "call_to_action"),
        ("© 2024 Ministry of Defence. All rights reserved.", "call_to_action"),
        ("جملہ حقوق محفوظ ہیں", "call_to_action"),
        ("Advertisement", "label"),
        ("Leave a comment", "label"),
        ("Latest Press Releases", "teaser_heading"),
        ("Media Centre", "section_label"),
        ("پریس ریلیز", "section_label"),
        ("Press Release No. 389/2024", "pr_number"),
        ("ISPR/PR-433/2019", "pr_number"),
        ("پریس ریلیز نمبر ۸۶۱", "pr_number"),
        ("Posted on 29 Oct 2024 by admin", "byline"),
        ("Hits: 1877", "info_line"),
        ("Tags: army, exercise", "info_line"),
        ("(Spokesperson)", "signature"),
        ("GOVERNMENT OF PAKISTAN", "letterhead"),
        ("MINISTRY OF DEFENCE", "letterhead"),
        ("حکومت پاکستان", "letterhead"),
        ("The delegation at Dubai World Central. (Photo: DEPO)", "caption"),
        ("Sorry, the page you requested was not found", "soft_404"),
        ("صفحہ نہیں ملا", "soft_404"),
    ],
)
def test_each_kind_in_english_and_urdu(line, kind):
    assert classify(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The Chief of Army Staff visited the troops on 29 October 2024 and praised their resolve.",
        "Ministry of Defence Holds Consultative Session on Cantonment Services",  # headline
        "Scores 0-0 at half time.",
        "Rescuers said the missing fisherman was not found before nightfall.",
        "(Photo)" * 60,  # longer than any caption
    ],
)
def test_release_text_is_not_furniture(line):
    assert classify(line) is None


def test_roles_say_where_a_kind_is_dropped():
    assert classify("Share this", ("anywhere",)) == "share"
    assert classify("Hits: 1877", ("anywhere",)) is None  # only at the text's edges
    assert is_edge_furniture("Hits: 1877")
    assert not is_edge_furniture("Sorry, the page you requested was not found")  # describes the page
    assert {kind.role for kind in kinds().values()} <= set(furniture.ROLES)


def test_release_numbers_are_read_from_their_labels():
    assert pr_number_of("PR No. 123/2022-ISPR") == "123/2022-ISPR"
    assert pr_number_of("No PR-7/2023-ISPR") == "7/2023-ISPR"
    assert pr_number_of("پریس ریلیز نمبر 312") == "312"
    assert pr_number_of("Press Release") is None


def test_the_end_marker_cut():
    assert cut_at_end(["One.", "Two.", "-0-0-0-", "READERS CORNER"]) == ["One.", "Two."]
    assert cut_at_end(["One.", "Two. -0-0-0-", "Share this"]) == ["One.", "Two."]
    assert cut_at_end(["One.", "Related news", "Other."]) == ["One.", "Related news", "Other."]
    assert cut_at_end(["One.", "Related news", "Other."], ("teaser_heading",)) == ["One."]
    assert cut_at_end(["Scores 0-0 at half time."]) == ["Scores 0-0 at half time."]


def test_the_repeated_headline_whatever_its_case_and_punctuation():
    keys = headline_keys(["Navy Chief Visits Gwadar", None])
    assert repeats_headline("NAVY CHIEF VISITS GWADAR", keys)
    assert repeats_headline("Navy chief visits Gwadar.", keys)
    assert not repeats_headline("Navy chief visits Gwadar port", keys)


def test_the_data_file_is_the_only_place_of_the_word_lists():
    text = resources.files("extraction").joinpath("data/furniture.toml").read_text("utf-8")
    assert parse_kinds(text) == kinds()
    with pytest.raises(ValueError, match="role must be one of"):
        parse_kinds('[kinds.odd]\nrole = "sometimes"\n')


RELEASE = """<html><head><title>Navy chief visits Gwadar</title></head><body><main>
<h1>Navy chief visits Gwadar</h1>
<p>The Chief of the Naval Staff visited Gwadar on Monday and met the local commanders there.</p>
<p>Powered by SiteBuilder 5</p>
<p>He reviewed the progress of the new harbour works and praised the engineers for their dedication.</p>
</main></body></html>"""


def test_a_new_kind_is_a_data_change(monkeypatch):
    """A wording the data does not know stays in the text; the same page loses it once a kind names it."""

    class Source:
        name, service, language, selectors, rules = "example", None, "en", {}, None

    page = Page("example", "https://navy.example/news/1", 200, "text/html", RELEASE.encode(), "utf-8", "")
    before = process(page, Source())
    assert isinstance(before, Article) and "Powered by" in before.body
    text = resources.files("extraction").joinpath("data/furniture.toml").read_text("utf-8")
    extended = parse_kinds(text + '\n[kinds.credit]\nrole = "anywhere"\npatterns = ["^powered by "]\n')
    monkeypatch.setattr(furniture, "kinds", lambda: extended)
    after = process(page, Source())
    assert "Powered by" not in after.body
    assert after.body.split("\n\n") == [p for p in before.body.split("\n\n") if "Powered" not in p]
