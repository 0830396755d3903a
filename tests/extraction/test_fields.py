"""General field extraction (extraction.fields) on small handwritten pages and on the saved fixture sites.

The handwritten pages test one rule each. Most replace the body extractor with a fixed text, so that they
test what fields.py does with the extractor's output (markdown cleanup, locating lines in the page),
whatever the extractor of the day returns.
"""

from __future__ import annotations

import pytest

import extraction.fields as fields_module
from extraction.content import unmark
from extraction.dates import normalise_date
from extraction.fields import clean_title, extract_fields
from extraction.furniture import is_info_line, pr_number_of
from tests.conftest import expected, saved_page

URL = "https://www.example.gov.pk/media/press-release/120"
P1 = "The Minister inaugurated the new training centre at the headquarters on Monday morning."
P2 = "The centre will train two hundred officers every year in modern management practices."
P3 = "He thanked the partner institutions for their generous support of the project."
SIDEBAR = """<aside><h3>Latest News</h3><ul>
<li><a href="/media/press-release/119">Delegation Visits Headquarters</a> <span>14-02-2025</span></li>
<li><a href="/media/press-release/118">Exercise Concludes Successfully</a> <span>09-01-2025</span></li>
</ul></aside>"""
NAV = '<nav><a href="/">Home</a> <a href="/media/press-releases">Press Releases</a></nav>'


def page(article: str, head: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><header>{NAV}</header>{before}"
        f"<main>{article}</main>{after}<footer>© 2025 Example Ministry</footer></body></html>"
    )


def prose(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def extractor(monkeypatch):
    """Make the body extractor return the given lines, as the real one would for these pages."""

    def use(*lines: str):
        monkeypatch.setattr(fields_module, "extract_body", lambda html, url=None: "\n\n".join(lines))

    return use


def extract(html: str, url: str = URL):
    return extract_fields(html, url, selectors={}, language_hint="en", names=("Example Ministry",))


def published(fields) -> str | None:
    return normalise_date(fields.raw_date).iso if fields.raw_date else None


# Headlines


def test_headline_is_the_heading_that_matches_og_title_not_a_banner_h1(extractor):
    extractor(P1, P2)
    html = page(
        f"<h2>Minister Opens Training Centre</h2><p>12/03/2024</p>{prose(P1, P2)}",
        head="<title>Minister Opens Training Centre | Example Ministry</title>"
        '<meta property="og:title" content="Minister Opens Training Centre">',
        before='<section class="banner"><h1>Press Releases</h1></section>',
    )
    fields = extract(html)
    assert fields.title == "Minister Opens Training Centre"
    assert fields.methods["title"] == "h2+og:title"


def test_a_heading_that_repeats_a_menu_entry_is_a_section_banner(extractor):
    extractor(P1, P2)
    html = page(
        f"<h2>Minister Opens Training Centre</h2>{prose(P1, P2)}",
        head="<title>Ministry Activities | Example Ministry</title>",
        before='<div class="banner"><h1>Ministry Activities</h1></div>'
        '<nav><a href="/activities">Ministry Activities</a></nav>',
    )
    assert extract(html).title == "Minister Opens Training Centre"


def test_clean_title_drops_site_names_and_section_labels():
    names = {"example ministry"}
    assert (
        clean_title("Minister Opens Centre | Press Releases | Example Ministry", names)
        == "Minister Opens Centre"
    )
    assert clean_title("Press Release Detail | Example Ministry Pakistan", names) == ""
    assert clean_title("Minister Opens Centre", names) == "Minister Opens Centre"


def test_table_layout_headline_is_the_line_above_the_body(extractor):
    extractor(f"{P1} {P2}", P3)
    html = page(
        '<table><tr><td class="heading">PRESS RELEASE</td></tr>'
        "<tr><td><span>Minister Opens Training Centre</span></td></tr>"
        "<tr><td>Dated: 12/03/2024</td></tr>"
        f"<tr><td>{prose(P1, P2, P3)}</td></tr></table>",
        head="<title>Example Ministry - Press Release</title>",
    )
    fields = extract(html)
    assert fields.title == "Minister Opens Training Centre"
    assert fields.methods["title"] == "line-above-body"
    assert fields.paragraphs == [P1, P2, P3]
    assert published(fields) == "2024-03-12"


def test_bold_capitals_first_line_is_the_headline_and_the_end_marker_ends_the_body(extractor):
    extractor("MINISTER OPENS TRAINING CENTRE", P1, P2, "-0-0-0-", "READERS CORNER")
    html = page(
        "<p><strong>MINISTER OPENS TRAINING CENTRE</strong></p>"
        f"{prose(P1, P2)}<p><strong>-0-0-0-</strong></p><p>READERS CORNER</p>",
        head="<title>Press Release Detail | Example Ministry</title>",
    )
    fields = extract(html)
    assert fields.title == "MINISTER OPENS TRAINING CENTRE"
    assert fields.paragraphs == [P1, P2]


# Dates


def test_published_date_wins_over_updated_date(extractor):
    extractor(P1, P2)
    html = page(
        "<article><h1>Minister Opens Training Centre</h1>"
        "<p>Updated: 5 January 2025 · Published: 2 January 2025</p>"
        f"{prose(P1, P2)}</article>"
    )
    fields = extract(html)
    assert published(fields) == "2025-01-02"
    assert fields.paragraphs == [P1, P2]


def test_the_articles_own_date_not_a_sidebars(extractor):
    extractor(P1, P2)
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1><p>Posted on 3 March 2024 by admin</p>"
        f"{prose(P1, P2)}</article>",
        before=SIDEBAR,
    )
    fields = extract(html)
    assert published(fields) == "2024-03-03"
    assert fields.paragraphs == [P1, P2]


def test_date_only_in_the_url(extractor):
    extractor(P1, P2)
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{prose(P1, P2)}</article>")
    fields = extract(html, "https://www.example.gov.pk/news/2024/03/15/minister-opens-centre/")
    assert (published(fields), fields.date_origin) == ("2024-03-15", "url")


def test_date_only_in_json_ld(extractor):
    extractor(P1, P2)
    head = (
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"datePublished": "2024-03-15T21:30:00+00:00", "dateModified": "2024-04-01T10:00:00+05:00"}]}'
        "</script>"
    )
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{prose(P1, P2)}</article>", head=head)
    fields = extract(html)
    assert (published(fields), fields.date_origin) == ("2024-03-16", "json-ld")  # already the 16th in Karachi


def test_date_only_in_the_opening_line(extractor):
    opening = f"ISLAMABAD, 29th November 2024: {P1}"
    extractor(opening, P2)
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{prose(opening, P2)}</article>")
    fields = extract(html)
    assert published(fields) == "2024-11-29"
    assert fields.place == "Islamabad"
    assert fields.paragraphs == [opening, P2]


def test_date_line_below_the_body(extractor):
    extractor(P1, P2, "Islamabad, 12 May 2024")
    body = f"{prose(P1, P2)}<p>Islamabad, 12 May 2024</p>"
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{body}</article>")
    fields = extract(html)
    assert published(fields) == "2024-05-12"
    assert fields.paragraphs == [P1, P2]


def dated(extractor, inside: str, head: str = "", over: str = "", after: str = "", body=(P1, P2)):
    """(published, origin) of an article whose headline has `over` above it and `inside` under it."""
    extractor(*body)
    headline = "<h1>Minister Opens Training Centre</h1>"
    fields = extract(page(f"<article>{over}{headline}{inside}{prose(P1, P2)}{after}</article>", head=head))
    return published(fields), fields.date_origin


STANDFIRST = "A guide to the new centre: what it teaches, who may apply and when it opens."
CREATED = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2024-12-30"}</script>'


@pytest.mark.parametrize(
    "standfirst",
    [
        # the page's own summary (its meta description), set as a paragraph over the byline
        f"<p class='summary'>{STANDFIRST}</p>",
        # a sub-headline set as a heading right under the headline
        f"<h2>{STANDFIRST}</h2>",
    ],
)
def test_a_standfirst_does_not_hide_the_byline_date_under_it(extractor, standfirst):
    head = f'<meta name="description" content="{STANDFIRST}">{CREATED}'
    byline = "<div class='byline'>By <a href='/staff/jane'>Jane Doe</a> | Mar 5, 2025</div>"
    found = dated(extractor, standfirst + byline, head, body=(STANDFIRST, P1, P2))
    assert found == ("2025-03-05", "text-near-title")


def test_a_standfirst_beside_the_headline_in_its_own_box_does_not_hide_the_byline(extractor):
    """A hero box holding the headline, a standfirst and the byline, the text in another box: the
    standfirst is passed over as a summary would be, whatever its words."""
    hero = (
        f"<div class='hero'><h1>Minister Opens Training Centre</h1><p>{STANDFIRST}</p>"
        "<section class='by'><b>Example Ministry</b><p>August 16, 2019 - Updated July 9, 2025</p></section>"
        "</div>"
    )
    extractor(STANDFIRST, P1, P2)
    fields = extract(page(f"<article>{hero}<div class='text'>{prose(P1, P2)}</div></article>"))
    assert (published(fields), fields.date_origin) == ("2019-08-16", "text-near-title")


def test_a_first_paragraph_that_is_not_the_summary_still_ends_the_search(extractor):
    """Only a standfirst is passed over: the release's own first paragraph still ends the search, so the
    date a later line reports is not taken."""
    extractor(P1, P2)
    head = f'<meta name="description" content="{STANDFIRST}">'
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1><p>{P1}</p><p>Event date: 12 May 2024</p>"
        f"<p>{P2}</p></article>",
        head=head,
    )
    assert extract(html).date_origin != "text-near-title"


TOC = "".join(
    f"<li><a href='#s{i}'>Section {i}: what the programme offers to applicants</a></li>" for i in range(9)
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # past the near window, a date labelled as the publication date is still the byline's
        ("<span>Posted on</span> <span>Nov 21, 2018</span>", ("2018-11-21", "text-near-title")),
        # an unlabelled one that far from the headline is not: the metadata is used
        ("<span>Nov 21, 2018</span>", ("2024-12-30", "json-ld")),
    ],
)
def test_a_labelled_publication_date_is_taken_further_from_the_headline(extractor, line, expected):
    assert dated(extractor, f"<ul class='toc'>{TOC}</ul><div>{line}</div>", CREATED) == expected


@pytest.mark.parametrize(
    ("above", "head", "expected"),
    [
        # a date set over the headline in its header, and nothing else: taken
        (
            "<div class='meta'>Published <span>October 14, 2025</span></div>",
            "",
            ("2025-10-14", "text-above-title"),
        ),
        (
            "<time datetime='2023-10-12T19:38:01-04:00'>10/12/2023 7:38 PM</time>",
            "",
            ("2023-10-12", "time-above-title"),
        ),
        # metadata is stronger evidence than a date above the headline (it may be a listing's)
        ("<div class='meta'>October 14, 2025</div>", CREATED, ("2024-12-30", "json-ld")),
        # labelled as an update: never
        ("<div class='stamp'>Last updated: <span>Dec 12, 2025</span></div>", "", (None, None)),
    ],
)
def test_a_date_just_above_the_headline(extractor, above, head, expected):
    assert dated(extractor, "", head, over=above) == expected


def test_a_site_headers_date_above_the_headline_is_not_the_releases(extractor):
    """Many official sites print the day's date in the page header's top bar, over the menu: a few words
    above the headline, but in the site's furniture, not the article's header."""
    extractor(P1, P2)
    topbar = "<div class='topbar'>Tuesday, 2 December 2025</div>"
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{prose(P1, P2)}</article>")
    html = html.replace("<header>", f"<header>{topbar}", 1)
    assert extract(html).date_origin != "text-above-title"


def related(date: str) -> str:
    """A "most popular" list of cards between the headline and the text, each with its own date."""
    card = (
        "<div class='card'><a href='/news/{n}'>Delegation Visits The Northern Headquarters Today</a>"
        "<div class='meta'><a href='/staff/ali'>Ali Khan</a> <span>| {date}</span></div></div>"
    )
    cards = card.format(n=1, date=date) + card.format(n=2, date="1 May 2025")
    return f"<h4>Most Popular</h4><div class='cards'>{cards}</div>"


def test_a_related_posts_card_never_dates_the_page(extractor):
    assert dated(extractor, related("July 15, 2025"), CREATED) == ("2024-12-30", "json-ld")


def test_a_byline_among_repeated_boxes_with_a_long_author_link_still_dates_the_page(extractor):
    """An author link with a role is long like a headline, and the byline's boxes repeat, but the date is
    in no card of its own: it is the page's."""
    byline = (
        "<div class='wrap'><div class='info'><a href='/staff/claire'>By Claire Wilson, Co-Founder & COO</a>"
        "</div><div class='info'>Published <span>Apr 26, 2023</span></div>"
        "<div class='info'>Reading time <span>15 minutes</span></div></div>"
    )
    assert dated(extractor, byline, CREATED) == ("2023-04-26", "text-near-title")


def test_a_pictures_caption_never_dates_the_page(extractor):
    caption = "The signing of the treaty, August 12, 1998."
    figure = f"<figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"
    assert dated(extractor, figure, CREATED) == ("2024-12-30", "json-ld")


def test_a_headline_known_from_metadata_alone_is_looked_for_as_the_h1_that_prints_it(extractor):
    """The headline's <h1> stands in the page header, outside the article and inside a link, so the title
    comes from the metadata; the date under that <h1> is still the release's, not the metadata's
    creation date."""
    extractor(P1, P2)
    hero = (
        "<header class='site-header'><a href='/news/120'><h1>Minister Opens Training Centre</h1></a>"
        "<div><span>Mar 27, 2025</span> <span>5 mins</span></div></header>"
    )
    head = f'<meta property="og:title" content="Minister Opens Training Centre">{CREATED}'
    html = page(f"<article>{prose(P1, P2)}</article>", head=head, before=hero)
    fields = extract(html)
    assert fields.methods["title"] == "og:title"
    assert (published(fields), fields.date_origin) == ("2025-03-27", "text-near-title")


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "This article was originally published on 26 Sep 2019 at 4:12pm.",
            ("2019-09-26", "originally-published"),
        ),
        # a date the line only mentions later is not what it says the article was first issued on
        (
            "This story was first published in our print edition, which closed on 26 Sep 2019.",
            ("2022-09-30", "text-near-title"),
        ),
        # the text reporting when something else was first published: not the page's own date
        (
            "The order was first published on 12 March 2020 in the official gazette.",
            ("2022-09-30", "text-near-title"),
        ),
    ],
)
def test_a_line_saying_when_the_article_was_first_published_dates_it(extractor, note, expected):
    byline = "<p class='by'>Chris Carroll</p><p>30 Sep 2022</p>"
    assert dated(extractor, byline, after=f"<p class='note'>{note}</p>") == expected


OTHER_CARD = (
    "<div class='post-info'><a href='/news/2'>Delegation Visits The Northern Headquarters Today</a>"
    "<div class='date'>January 20, 2026</div></div>"
)


@pytest.mark.parametrize(
    "head, inside, after",
    [
        # the update line under the headline, the label in the same block as the date
        ("", "<p>Last updated: <time datetime='2025-12-12'>Dec 12, 2025</time></p>", ""),
        # the label and the date in sibling boxes
        ("", "<div class='info'><div>Last Updated:</div><div class='date'>August 1, 2025</div></div>", ""),
        # the label inside a <time> whose datetime says the same date; a two-digit year
        (
            "",
            "<time class='date' datetime='2025-04-10T06:00'><span>Updated April 10, 2025</span></time>",
            "",
        ),
        ("", "<div class='attribution-date'>Updated on 09/11/25</div>", ""),
        # the label, then the date in a comment's tail (a script framework's markup)
        ("", "<p class='byline'><span class='when'>Updated on <!-- -->Oct 21, 2025</span></p>", ""),
        # a "page last modified" footer
        (
            "",
            "",
            "<p>Page last modified <span><time datetime='2025-01-17T13:39:16-0500'>Jan. 17, 2025</time> @ "
            "<time datetime='2025-01-17T13:39:16-0500'>01:39 PM EST</time></span></p>",
        ),
        # the modification time stated for machines, and the only date in the page
        ("<meta property='article:modified_time' content='2026-01-12T16:29:48+00:00'>", "", ""),
        ("<meta name='last-modified' content='January 16, 2026'>", "", ""),
        (
            '<script type="application/ld+json">{"dateModified": "2025-11-04T00:00:00Z"}</script>',
            "",
            "",
        ),
        # an embedded video's upload date
        (
            "",
            "<div itemscope itemtype='https://schema.org/VideoObject'>"
            "<meta itemprop='uploadDate' content='2024-01-06T16:10:58Z'></div>",
            "",
        ),
        # the cards of other articles after the text, each dated
        (
            "",
            "",
            f"<div class='more'>{OTHER_CARD * 2}</div>",
        ),
        # a picture's upload folder
        (
            "<meta property='og:image' content='https://agency.example/wp-content/uploads/2023/02/7.jpg'>",
            "",
            "",
        ),
    ],
)
def test_a_page_that_shows_only_when_it_was_updated_gets_no_date(extractor, head, inside, after):
    """An update date is not the issuing date, and it moves with every edit: the search near the headline
    refuses it, and so does the last resort (htmldate), which would otherwise hand it back."""
    assert dated(extractor, inside, head=head, after=after) == (None, None)


def test_the_last_resort_still_reads_a_publication_date_it_knows():
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1>{prose(P1, P2)}</article>",
        head="<meta name='parsely-pub-date' content='2020-02-10T16:48:12Z'>"
        "<meta property='article:modified_time' content='2026-01-12T16:29:48+00:00'>",
    )
    fields = extract(html)
    assert (published(fields), fields.date_origin) == ("2020-02-10", "htmldate")


def test_a_date_whose_markup_says_updated_is_passed_over(extractor):
    """The class of the element holding the date (or of its parent) says what it is, as for a <time>."""
    meta = "<div class='meta'><span class='meta-date'><span class='updated'>2025-11-03</span></span></div>"
    assert dated(extractor, meta, CREATED) == ("2024-12-30", "json-ld")
    modified = "<div class='header__datemodified'>16 December 2025</div>"
    assert dated(extractor, modified, CREATED) == ("2024-12-30", "json-ld")


def test_a_time_marked_pubdate_dates_the_page_over_metadata(extractor):
    """A byline "Published August 13, 2025" below the text, marked up as the article's publication date,
    while article:published_time names the day the post was created."""
    line = "<div class='published'>Published <time pubdate datetime='2025-08-13'>August 13, 2025</time></div>"
    head = "<meta property='article:published_time' content='2025-08-08T00:00:00-04:00'>"
    assert dated(extractor, "", head=head, after=line) == ("2025-08-13", "time-pubdate")


# Bodies


def test_markdown_lists_and_tables_are_cleaned():
    lines = [
        "- Cooked meals",
        "* Clean water",
        "| Position | Team |",
        "|---|---|",
        "| 1st | Karachi \\| Fleet |",
    ]
    assert unmark(lines) == ["Cooked meals", "Clean water", "Position | Team", "1st | Karachi | Fleet"]


def test_list_and_table_come_out_one_paragraph_per_item_and_row(extractor):
    extractor(
        P1, "- Cooked meals", "- Clean water", "| Position | Team |", "|---|---|", "| 1st | Karachi |", P2
    )
    html = page(
        f"<article><h1>Relief Operations</h1><p>{P1}</p><ul><li>Cooked meals</li><li>Clean water</li></ul>"
        "<table><tr><th>Position</th><th>Team</th></tr><tr><td>1st</td><td>Karachi</td></tr></table>"
        f"<p>{P2}</p></article>"
    )
    assert extract(html).paragraphs == [
        P1,
        "Cooked meals",
        "Clean water",
        "Position | Team",
        "1st | Karachi",
        P2,
    ]


def test_a_list_the_extractor_skipped_is_put_back(extractor):
    extractor(P1, P2)
    html = page(
        f"<article><h1>Relief Operations</h1><p>{P1}</p><ul><li>Cooked meals</li></ul><p>{P2}</p></article>"
    )
    assert extract(html).paragraphs == [P1, "Cooked meals", P2]


def test_a_one_paragraph_release_keeps_its_list(extractor):
    items = ["Cooked meals twice a day", "Clean drinking water", "Tents and blankets", "Medical camps"]
    extractor(P1, *(f"- {item}" for item in items))
    html = page(
        f"<article><h1>Relief Operations</h1><div><p>{P1}</p><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul></div></article>"
    )
    assert extract(html).paragraphs == [P1, *items]


def test_share_buttons_bylines_and_release_numbers_are_dropped(extractor):
    extractor(
        "Press Release No. 45/2024",
        "Posted on 3 March 2024 by admin",
        P1,
        P2,
        "Share this:",
        "Share on Facebook",
        "Tweet",
    )
    html = page(
        "<article><p>Press Release No. 45/2024</p><h1>Minister Opens Training Centre</h1>"
        f"<p>Posted on 3 March 2024 by admin</p><div class='content'>{prose(P1, P2)}"
        '<div class="share"><h3>Share this:</h3><ul><li><a href="#">Share on Facebook</a></li>'
        '<li><a href="#">Tweet</a></li></ul></div></div></article>'
    )
    fields = extract(html)
    assert fields.paragraphs == [P1, P2]
    assert fields.pr_number == "45/2024"


def test_sidebar_prose_and_whole_layout_cells_are_sorted_out(extractor):
    side = "Welcome to the official website of the Example Ministry, serving the nation since 1947."
    extractor(side, f"{P1} {P2} {P3}", "Keywords: Training")
    html = (
        "<html><body><table><tr>"
        f'<td class="left"><p>{side}</p><b>Latest Updates</b>'
        '<p><a href="/pr?id=119">Delegation Visits Headquarters</a></p>'
        '<p><a href="/pr?id=118">Exercise Concludes Successfully at Sea</a></p>'
        '<p><a href="/pr?id=117">Seminar on Maritime Domain Awareness Held</a></p></td>'
        f'<td class="content"><b>Minister Opens Training Centre</b><div>{prose(P1, P2, P3)}</div>'
        '<p>Keywords: <a href="/k/training">Training</a></p></td>'
        "</tr></table></body></html>"
    )
    fields = extract(html)
    assert fields.paragraphs == [P1, P2, P3]
    assert fields.title == "Minister Opens Training Centre"


def test_lead_and_closing_note_in_sibling_wrappers_are_kept_but_not_a_sidebar_widget(extractor):
    lead = "A summary of the release that the site keeps in a field of its own above the text."
    note = "For further details, contact the public relations office of the ministry today."
    widget = "Subscribe to our weekly newsletter to receive updates about ministry programmes."
    text = [f"Paragraph {n} of the release describes the event in one complete sentence." for n in range(20)]
    extractor(lead, *text, note, widget)
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1><div class='lead'><p>{lead}</p></div>"
        f"<div class='text'>{prose(*text)}</div><div class='share'><a href='#'>Facebook</a></div>"
        f"<div class='notes'><p>{note}</p></div></article>",
        after=f"<div class='widget'><h3>Newsletter</h3><p>{widget}</p></div>",
    )
    assert extract(html).paragraphs == [lead, *text, note]


def test_a_caption_the_extractor_left_out_stays_out(extractor):
    caption = "The Minister addressing the participants of the ceremony at the new training centre."
    extractor(P1, P2)
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1><p>{P1}</p>"
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure><p>{P2}</p></article>"
    )
    assert extract(html).paragraphs == [P1, P2]


def test_an_end_marker_closing_the_last_paragraph_ends_the_body(extractor):
    extractor(P1, f"{P2} -0-0-0-", "READERS CORNER")
    text = prose(P1, f"{P2} -0-0-0-", "READERS CORNER")
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{text}</article>")
    assert extract(html).paragraphs == [P1, P2]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Press Release No. 389/2024", "389/2024"),
        ("PR No. 228/2019-ISPR", "228/2019-ISPR"),
        ("No PR-201/2019-ISPR", "201/2019-ISPR"),
        ("PR-241/2018-ISPR", "241/2018-ISPR"),
        ("Press Releases", None),
    ],
)
def test_release_number_labels(line, number):
    assert pr_number_of(line) == number


def test_text_the_page_does_not_hold_is_kept_as_extracted(extractor):
    extractor("- A line the extractor rewrote.", "Another rewritten line.")
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{prose(P1)}</article>")
    assert extract(html).paragraphs == ["A line the extractor rewrote.", "Another rewritten line."]


# The saved development sites, with the real body extractor


def articles(site: str) -> list[tuple[str, str]]:
    return [(site, path) for path in expected(site)["articles"]]


@pytest.mark.parametrize(("site", "path"), articles("paknavy") + articles("paf"))
def test_fixture_release(site, path):
    manifest = expected(site)
    source, want = manifest["source"], manifest["articles"][path]
    html = saved_page(site, path).decode("utf-8")
    fields = extract_fields(
        html,
        "http://127.0.0.1:8101" + path,
        selectors={},
        language_hint=source["language"],
        names=(source["name"],),
    )
    assert fields.title == want["title"]
    assert published(fields) == want["published"]
    assert fields.paragraphs == want["body"]
    assert fields.language == want["language"]
    assert not [text for text in manifest["boilerplate"] if text in fields.body]


def test_registry_selectors_come_first_and_say_so():
    html = """<html><head><title>Portal</title></head><body>
    <div class="hd"><span class="headline-x">Navy ship visits Colombo</span></div>
    <div class="when" data-x="1"><em>Issued:</em> 03/04/2024</div>
    <div class="txt"><p>PNS Saif arrived at Colombo on a goodwill visit.</p>
    <div class="ad">Advertisement: subscribe now</div>
    <p>The ship will take part in a passage exercise.</p></div>
    <div class="side"><p>Other news of 1 January 2020</p></div></body></html>"""
    selectors = {"title_css": ".headline-x", "date_css": ".when", "body_css": ".txt", "drop_css": ".ad"}
    fields = extract_fields(html, "https://navy.example/release/1", selectors)
    assert fields.title == "Navy ship visits Colombo"
    assert fields.raw_date == "03/04/2024"
    assert fields.paragraphs == [
        "PNS Saif arrived at Colombo on a goodwill visit.",
        "The ship will take part in a passage exercise.",
    ]
    assert (fields.methods["title"], fields.methods["date"], fields.methods["body"]) == ("css", "css", "css")


def test_selectors_that_match_nothing_fall_back_to_general_rules():
    html = """<html><head><title>Navy ship visits Colombo | Navy</title></head><body><main><article>
    <h1>Navy ship visits Colombo</h1><p>Posted on 3 April 2024</p>
    <p>PNS Saif arrived at Colombo on a goodwill visit and was received by the Sri Lanka Navy.</p>
    <p>The ship will take part in a passage exercise before returning to Karachi.</p>
    </article></main></body></html>"""
    selectors = {"title_css": ".gone", "date_css": ".gone", "body_css": ".gone"}
    fields = extract_fields(html, "https://navy.example/release/1", selectors)
    assert fields.title == "Navy ship visits Colombo" and fields.methods["title"] != "css"
    assert fields.raw_date == "3 April 2024" and fields.methods["date"] != "css"
    assert fields.paragraphs[0].startswith("PNS Saif arrived") and fields.methods["body"] != "css"


ARTICLE = """<html><head><title>Pavilion opens | Agency</title></head><body><div id="app">
<div class="col"><h1 class="t">Pavilion opens at the exhibition</h1>
<p class="small">14.11.2024</p>
<div class="prose"><p>{first}</p>
<p>The pavilion was inaugurated by the Secretary, who was accompanied by the Ambassador and the Director.</p>
<figure><img src="a.jpg"><p class="cap">The Secretary at the pavilion. (Photo: Agency)</p></figure>
<p>The Secretary said that participation reflects the growing capability of national industry.</p></div>
<div class="box"><p>Subscribe to our newsletter</p><p>Get the latest releases in your inbox.</p>
<form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
<div class="prose"><p>The exhibition continues until Friday.</p></div>
</div></div></body></html>"""


def test_a_date_the_text_mentions_is_not_the_release_date():
    html = ARTICLE.format(
        first="The exhibition opened in Paris on 7 November 2024 with forty national pavilions."
    )
    fields = extract_fields(html, "https://agency.example/news/1")
    assert normalise_date(fields.raw_date).iso == "2024-11-14"


def test_an_opening_dateline_gives_the_date():
    html = ARTICLE.format(
        first="PARIS, 12 November 2024: The exhibition opened with forty national pavilions."
    )
    fields = extract_fields(
        html.replace('<p class="small">14.11.2024</p>', ""), "https://agency.example/news/1"
    )
    assert (normalise_date(fields.raw_date).iso, fields.date_origin) == ("2024-11-12", "first-paragraph")


def test_widgets_and_captions_stay_out_and_a_split_article_is_joined():
    html = ARTICLE.format(
        first="The exhibition opened in Paris with forty national pavilions and many visitors."
    )
    fields = extract_fields(html, "https://agency.example/news/1")
    body = fields.body
    assert "newsletter" not in body and "inbox" not in body and "(Photo: Agency)" not in body
    assert fields.paragraphs[-1] == "The exhibition continues until Friday."
    assert fields.paragraphs[0].startswith("The exhibition opened in Paris")


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("پریس ریلیز نمبر 312", "312"),
        ("پریس ریلیز نمبر ۸۶۱", "۸۶۱"),
        ("Press Release No. 389/2024", "389/2024"),
    ],
)
def test_release_number_lines_in_english_and_urdu(line, number):
    assert pr_number_of(line) == number


@pytest.mark.parametrize("line", ["Hits: 1877", "Written by Media Wing", "Release Date:", "Category: News"])
def test_article_info_lines_are_recognised(line):
    assert is_info_line(line)


def test_a_site_name_h1_far_from_the_text_loses_to_the_headline_above_it():
    menu = "".join(f"<li><a href='/s{n}'>Section {n}</a></li>" for n in range(8))
    html = f"""<html><head><title>Press Release</title></head><body>
    <div class="top"><h1>National Authority of Somewhere</h1><ul>{menu}</ul></div>
    <div class="panel"><span class="big">Authority Hosts Regional Conference on Finance</span></div>
    <table><tr><td><h3>Release Date:</h3></td><td>04/11/2024</td></tr>
    <tr><td>AUTH/PR/2024/118</td></tr></table>
    <div class="field"><p>The Authority hosted a regional conference on countering the financing of crime.</p>
    <p>Delegates from twelve countries attended the two-day event held in the federal capital.</p></div>
    </body></html>"""
    fields = extract_fields(html, "https://authority.example/Pages/PressRelease.aspx?ItemID=1")
    assert fields.title == "Authority Hosts Regional Conference on Finance"


def test_microdata_names_the_headline():
    html = """<html><head><title>News</title></head><body><div class="item-page">
    <div class="page-header"><h2 itemprop="headline">Secretary Receives Delegation</h2></div>
    <dl class="article-info"><dd>Written by Media Wing</dd><dd>Hits: 1877</dd></dl>
    <p>The Secretary received a delegation of the European Union at the Ministry today.</p>
    <p>Both sides discussed cooperation on training and the exchange of information.</p>
    </div></body></html>"""
    fields = extract_fields(html, "https://ministry.example/index.php/press-releases/388-secretary")
    assert fields.title == "Secretary Receives Delegation"
    assert "Hits" not in fields.body and "Written by" not in fields.body


def test_page_layout_classes_on_body_do_not_make_the_article_a_sidebar():
    html = """<html><head><title>Seminar | JSHQ</title></head>
    <body class="single has-sidebar content-right-sidebar"><main><div class="page-title">
    <h1>Press Room</h1><h2 class="heading-title">JSHQ Hosts Seminar on Maritime Security</h2></div>
    <div class="text"><p>A seminar on maritime security in the Indian Ocean was held at the headquarters.</p>
    <p>Speakers discussed the protection of sea lanes and cooperation between regional navies.</p></div>
    </main></body></html>"""
    fields = extract_fields(html, "https://jshq.example/2024/07/seminar/")
    assert fields.title == "JSHQ Hosts Seminar on Maritime Security"


def test_a_caption_between_headline_and_text_and_a_closing_sign_off():
    html = """<html><head><title>Wing - Embassy :: News Detail</title></head><body>
    <h1>Defence Wing</h1><ul><li><a href="/">Home</a></li><li><a href="/news.php">News</a></li></ul>
    <div class="newshead">Defence Day Reception Held at the Embassy</div>
    <div class="newsdate">Posted on: 2023-09-07 16:05:42</div>
    <div class="newsimg"><img src="a.jpg"><br><span class="caption">Guests at the reception.</span></div>
    <div class="newsbody">The Defence Wing hosted a reception to commemorate Defence Day at a hotel.<br><br>
    Officers of the Indonesian armed forces and members of the diplomatic corps attended the event.<br><br>
    Islamabad<br>Dated: 07.09.2023</div></body></html>"""
    fields = extract_fields(html, "https://embassy.example/news_detail.php?nid=72")
    assert fields.title == "Defence Day Reception Held at the Embassy"
    assert fields.paragraphs[-1].startswith("Officers of the Indonesian armed forces")


def test_footnote_markers_pull_quotes_signatures_and_word_bullets_stay_out():
    html = """<html><head><title>Roundtable | Institute</title></head><body><main><article>
    <h1>Roundtable on Arms Control</h1><div class="content">
    <p>The Institute convened a roundtable on arms control and emerging technology.<sup id="fnref:1">
    <a href="#fn:1">1</a></sup></p>
    <aside class="pullquote"><blockquote><p>“Every minute counts in a crisis.”</p></blockquote></aside>
    <p>The following measures were discussed by the participants at length:</p>
    <p class="MsoNormal">· Joint construction of two offshore patrol vessels</p>
    <p>Participants agreed to meet again in the coming year to review progress.</p>
    <p>(Spokesperson)</p></div>
    <section class="footnotes"><ol><li id="fn:1">Held under the Chatham House rule.</li></ol></section>
    </article></main></body></html>"""
    fields = extract_fields(html, "https://institute.example/posts/roundtable/")
    assert (
        fields.paragraphs[0] == "The Institute convened a roundtable on arms control and emerging technology."
    )
    assert "Every minute counts" not in fields.body and "(Spokesperson)" not in fields.body
    assert "Joint construction of two offshore patrol vessels" in fields.paragraphs


def test_an_aria_heading_is_a_heading():
    html = """<html><head><title>Ministry</title></head><body><div id="__next">
    <div class="brand">MoDSC</div><div data-component="Label">Press release</div>
    <div role="heading" aria-level="1">New Cyber Defence Centre formally opened</div>
    <span data-testid="publish-date">Published 12 Nov 2024</span>
    <div data-component="RichText">
    <p>The Minister for Defence has formally opened the new Cyber Defence Centre today.</p>
    <p>The centre brings military and civilian specialists together under one roof for the first time.</p>
    </div>
    </div></body></html>"""
    fields = extract_fields(html, "https://ministry.example/press-releases/cyber-defence-centre-opens")
    assert fields.title == "New Cyber Defence Centre formally opened"
    assert fields.paragraphs[0].startswith("The Minister for Defence")


def test_a_headline_ending_in_a_no_break_space_beats_a_site_wide_title():
    html = (
        "<html><head><title>Office of the State Attorney General</title></head><body>"
        "<table><tr><td><a href='/'>Home</a><br><a href='/news/'>Newsroom</a></td><td>"
        "<p class='newstitle'><b>Attorney General Charges Contractor in Storm Repair Scheme&nbsp;</b></p>"
        "<p>The Attorney General today charged a roofing contractor with theft for taking deposits from "
        "homeowners after last spring's storms and never starting the work.</p>"
        "<p>Homeowners in six counties paid the contractor more than $400,000 in deposits.</p>"
        "</td></tr></table></body></html>"
    )
    fields = extract_fields(html, "https://ag.example.gov/news/storm-repair/")
    assert fields.title == "Attorney General Charges Contractor in Storm Repair Scheme"


def test_no_date_from_copyright_footers_counters_or_countdowns():
    html = (
        "<html><head><title>Science fair registration opens</title></head><body><main>"
        "<h1>Science fair registration opens</h1>"
        "<p>The registration portal for the national science fair is now open to schools in every "
        "district.</p>"
        "<div class='countdown' data-date='2026-03-01T10:00:00'>12 Days : 04 Hours : 33 Minutes</div>"
        "<script>var end = new Date('March 1, 2026 10:00:00');</script></main>"
        "<footer><p>Copyright © 2026 Ministry of Education</p><p>Page last modified: 11/04/2026</p>"
        "<p>Visitor Counter: 0012345</p></footer></body></html>"
    )
    fields = extract_fields(html, "https://education.example.org/news/science-fair")
    assert (fields.raw_date, fields.date_origin) == (None, None)


def test_posted_on_lines_under_a_sub_headline_date_the_release():
    html = (
        "<html><head><title>National Press Bureau</title></head><body><div class='content'>"
        "<h2>Cabinet Approves Continuation of Rural Roads Programme</h2>"
        "<h2>Programme to connect remaining habitations with all-weather roads</h2>"
        "<div>Posted On: 09 AUG 2026 5:20PM by NPB Delhi</div>"
        "<p>The Union Cabinet today approved the continuation of the rural roads programme for another "
        "five years.</p><p>The programme will connect the remaining habitations with all-weather roads.</p>"
        "</div></body></html>"
    )
    fields = extract_fields(html, "https://bureau.example.in/PressReleasePage.aspx?PRID=1")
    assert fields.title == "Cabinet Approves Continuation of Rural Roads Programme"
    assert fields.raw_date == "09 AUG 2026"
    assert not any("Posted On" in p for p in fields.paragraphs)


@pytest.mark.parametrize(
    "meta",
    [
        '<div> Updated on\n            <time datetime="2025-01-20T10:00:00+05:00">20 Jan</time></div>',
        '<time datetime="2025-01-20">Last Updated: January 20, 2025</time>',
        '<div class="dateblock-updated"><time datetime="2025-01-20">January 20, 2025</time></div>',
        '<time class="updated" datetime="2025-01-20">January 20, 2025</time>',
    ],
)
def test_a_time_labelled_as_an_update_gives_way_to_the_issuing_date(extractor, meta):
    """Labelled by the words before it (whatever the whitespace), its own words, its parent's class or its
    own class: the update date and its text are skipped, and the issuing date is found further on."""
    extractor(P1, P2)
    head = '<meta property="article:published_time" content="2025-01-02T09:00:00+05:00">'
    html = page(f"<article><h1>Minister Opens Training Centre</h1>{meta}{prose(P1, P2)}</article>", head=head)
    fields = extract(html)
    assert (published(fields), fields.date_origin) == ("2025-01-02", "meta:article:published_time")


@pytest.mark.parametrize(
    ("markup", "head", "expected"),
    [
        # WordPress's time for a post never updated says both: it is the issuing date.
        (
            "<span class='posted-on'><time class='entry-date published updated' "
            "datetime='2025-01-02T09:00:00+05:00'>2 January 2025</time></span>",
            '<meta property="article:published_time" content="2024-12-30T09:00:00+05:00">',
            ("2025-01-02", "time-near-title"),
        ),
        # A blog theme's datetime="Apr 12" names no day of any year: the search goes on to the metadata.
        (
            "<time datetime='Apr 12'><span>Apr 12</span></time>",
            '<meta itemprop="datePublished" content="2024-04-12T18:00:00-0700">',
            ("2024-04-12", "meta:datePublished"),
        ),
    ],
)
def test_a_time_near_the_headline_dates_the_release_only_with_a_full_issuing_date(
    extractor, markup, head, expected
):
    extractor(P1, P2)
    html = page(
        f"<article><h1>Minister Opens Training Centre</h1>{markup}{prose(P1, P2)}</article>", head=head
    )
    fields = extract(html)
    assert (published(fields), fields.date_origin) == expected
