"""Article-body extraction on small handwritten pages shaped like the press-release
sites we archive: the body must come back paragraph by paragraph, with none of the
menus, sidebars, share rows, cookie notices or footers around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.body_text import _assemble, _clean, extract_body

FIXTURES = Path(__file__).parent / "fixtures" / "body_text"


def body_of(name: str) -> str:
    return extract_body((FIXTURES / name).read_text(encoding="utf-8"), url=f"https://example.org/{name}")


def test_release_with_sidebar_share_buttons_cookie_banner_and_footer():
    body = body_of("press_release_sidebar.html")

    assert body.split("\n\n") == [
        "KARACHI, 14 March 2024: Two naval ships returned to Karachi today after completing a five-day "
        "joint exercise in the Arabian Sea with ships from three friendly navies.",
        "The exercise focused on maritime security operations, search and rescue at sea, and communication "
        "drills between the participating ships. Crews also practised boarding procedures and replenishment "
        "at sea.",
        "Speaking on the occasion, the commander of the task group said that such exercises build trust "
        "among regional navies and improve their ability to respond together to threats at sea.",
        "The ships were received at the harbour by senior officers, families of the crew and representatives "
        "of the participating navies.",
    ]
    for clutter in (
        "Naval ships arrive in Karachi after joint exercise",  # headline
        "cookies",
        "Accept",
        "About Us",
        "Latest Press Releases",
        "Chief of the Naval Staff visits coastal installations",  # sidebar and inline "Read more"
        "Medical camp held",
        "Read more",
        "Share",
        "WhatsApp",
        "follow us",
        "All rights reserved",
        "Privacy Policy",
    ):
        assert clutter not in body


def test_urdu_right_to_left_release():
    body = body_of("urdu_release.html")

    assert body.split("\n\n") == [
        "اسلام آباد: وزارت اطلاعات و نشریات نے آج ملک بھر میں سیلاب سے متاثرہ علاقوں میں جاری امدادی "
        "سرگرمیوں کی تفصیلات جاری کر دیں۔",
        "ترجمان کے مطابق متاثرہ اضلاع میں پانچ ہزار سے زائد خاندانوں کو خوراک، ادویات اور خیمے فراہم کیے "
        "گئے ہیں جبکہ مزید سامان روانہ کیا جا رہا ہے۔",
        "انہوں نے کہا کہ امدادی ٹیمیں چوبیس گھنٹے کام کر رہی ہیں اور صورتحال کی مسلسل نگرانی کی جا رہی ہے "
        "تاکہ کسی بھی ہنگامی صورت میں فوری کارروائی کی جا سکے۔",
        "عوام سے اپیل کی گئی ہے کہ وہ دریاؤں اور ندی نالوں کے قریب جانے سے گریز کریں اور مقامی انتظامیہ "
        "سے مکمل تعاون کریں۔",
    ]
    for clutter in (
        "سیلاب متاثرین کے لیے امدادی سرگرمیاں جاری",  # headline
        "مزید پڑھیں",  # "read more"
        "وفاقی کابینہ کا اجلاس",  # the release it points to, also in the sidebar
        "شیئر کریں",  # "share"
        "تازہ ترین",  # "latest"
        "صفحہ اول",  # menu: "home"
        "جملہ حقوق",  # "all rights reserved"
    ):
        assert clutter not in body


def test_release_whose_body_is_one_div_of_br_separated_lines_in_a_layout_table():
    body = body_of("br_div_release.html")

    assert body.split("\n\n") == [
        "No PR-52/2024",
        "Rawalpindi - 3 March 2024",
        "The Air Chief visited the flying training wing at the academy today, where he was briefed on the "
        "progress of the current course of flight cadets.",
        "During the visit he flew a training sortie with an instructor and praised the high standard of "
        "flying, safety and discipline maintained at the wing.",
        "Addressing the cadets, he stressed the importance of professional knowledge, physical fitness and "
        "strong character for a career in the air force.",
        "Earlier on arrival, the Air Chief was received by the commandant of the academy.",
    ]
    for clutter in ("Home", "Speeches", "|", "Copyright"):
        assert clutter not in body


def test_page_with_nothing_but_boilerplate_gives_empty_text():
    assert body_of("boilerplate_only.html") == ""


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not markup at all"])
def test_empty_or_unusable_input_gives_empty_text(html):
    assert extract_body(html) == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 2,500 people were moved to relief camps, officials said.",
        "He said the committee did not follow through on the proposal.",
        "Cookies and sweets were distributed among the children at the ceremony.",
        "Sign language interpreters were present throughout the event.",
        "Copyright infringement cases rose sharply last year, the ministry said.",
    ],
)
def test_furniture_rules_keep_ordinary_sentences_that_share_their_words(sentence):
    assert _clean([sentence], titles=set()) == [sentence]


def test_a_share_toolbar_does_not_take_the_dateline_below_it_but_a_related_list_goes_whole():
    paragraphs = [
        "Share",
        "Print",
        "RAWALPINDI, 3 March 2024",
        "The delegation arrived this morning.",
        "Related stories",
        "Minister inaugurates new hospital wing",
        "Cadets pass out at the academy",
        "The delegation will leave on Friday.",
    ]
    assert _clean(paragraphs, titles=set()) == [
        "RAWALPINDI, 3 March 2024",
        "The delegation arrived this morning.",
        "The delegation will leave on Friday.",
    ]


def test_when_readability_found_something_else_the_trafilatura_text_is_not_cut_to_the_overlap():
    article = [
        "The minister opened the new terminal at the port on Monday morning.",
        "It will handle two million containers a year once fully operational.",
        "Work on the second phase is due to start next spring, officials said.",
        "The terminal was built with funding from the federal and provincial governments.",
        "Shipping companies have welcomed the shorter waiting times it promises.",
    ]
    comment_thread = [
        "Great news! It will handle two million containers a year once fully operational.",
        "Reader comment: when will the road to the port be repaired?",
    ]
    assert _assemble(article, comment_thread, titles=set()) == article
