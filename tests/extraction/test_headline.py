"""Headline rules of evidence (extraction.headline) on small handwritten pages, one rule each."""

from __future__ import annotations

import json

from extraction.dom import parse_html
from extraction.fields import extract_fields
from extraction.headline import breadcrumb_ends, clean_title, find_headline, site_names, without_site_name

URL = "https://www.example-ministry.org/news/2025/minister-opens-centre"
HEADLINE = "Minister Opens New Training Centre in the Capital"
TEXT = "".join(
    f"<p>{line}</p>"
    for line in (
        "The Minister inaugurated the new training centre at the headquarters on Monday morning.",
        "The centre will train two hundred officers every year in modern management practices.",
        "He thanked the partner institutions for their generous support of the project.",
    )
)


def headline(html: str, url: str = URL) -> str | None:
    root = parse_html(html)
    return find_headline(root, url, site_names(root, (), url)).title


def test_the_host_and_the_home_link_name_the_site_but_home_does_not():
    root = parse_html(
        '<html><body><div id="logo"><a href="/index.php"><img alt="Defence Wing"></a></div>'
        '<a href="/">Home</a><a href="/about">About Us</a></body></html>'
    )
    names = site_names(root, (), "https://promotions.newegg.com/index.php?page=2")
    assert {"defence wing", "newegg.com", "newegg", "promotions.newegg.com"} <= names
    assert "home" not in names and "about us" not in names
    assert clean_title("Game Changer | Newegg.com", names) == "Game Changer"


def test_a_short_host_label_is_not_a_site_name_and_names_match_whole_words():
    root = parse_html("<html><body></body></html>")
    names = site_names(root, (), "https://go.dev/blog/defer")
    assert "go" not in names
    assert clean_title("Google Ends Support | go.dev", names) == "Google Ends Support"


def test_a_logo_h1_repeating_the_home_links_alt_text_is_not_the_headline():
    html = (
        "<html><head><title>Defence Wing - Embassy of Pakistan :: News Detail</title></head><body>"
        '<div id="logo"><a href="/index.php"><img alt="Defence Wing"></a></div><h1>Defence Wing</h1>'
        f"<div><h2>{HEADLINE}</h2>{TEXT}</div></body></html>"
    )
    assert headline(html) != "Defence Wing"


def test_an_h1_equal_to_one_part_of_the_title_beats_a_blog_name_h1():
    html = (
        "<html><head><title>Defer, Panic, and Recover - The Go Programming Language</title></head><body>"
        '<main><h1><a href="/blog/">The Go Blog</a></h1><h1>Defer, Panic, and Recover</h1>'
        f"{TEXT}</main></body></html>"
    )
    assert headline(html, "https://go.dev/blog/defer-panic-and-recover") == "Defer, Panic, and Recover"


def test_a_heading_kept_for_screen_readers_is_not_the_visible_headline():
    html = (
        f"<html><head><title>{HEADLINE} | Patient Education | Children's Hospital</title></head><body>"
        f'<main><h1 class="sr-only sr-only-focusable">{HEADLINE} | Patient Education | Children\'s Hospital'
        f"</h1><h2 class='section-title'>{HEADLINE}</h2>{TEXT}</main></body></html>"
    )
    assert headline(html) == HEADLINE
    clipped = html.replace(
        'class="sr-only sr-only-focusable"', 'style="position:absolute; clip: rect(0,0,0,0)"'
    )
    assert headline(clipped) == HEADLINE


def test_a_date_set_in_its_own_element_inside_the_heading_is_not_part_of_the_title():
    html = (
        f'<html><head><meta property="og:title" content="{HEADLINE}"></head><body><main>'
        f'<h1><a href="{URL}"><time datetime="2025-12-18">Dec <span>18</span> 2025</time> {HEADLINE}</a></h1>'
        f'<h2><a href="{URL}">{HEADLINE}</a> <span class="title-date"> / Dec 2025</span></h2>'
        f"{TEXT}</main></body></html>"
    )
    assert headline(html) == HEADLINE


def test_words_running_on_before_the_metadata_title_do_not_make_a_heading_agree():
    html = (
        '<html><head><meta property="og:title" content="Perfect Privacy Review"></head><body><main>'
        f"<article><h1>Perfect Privacy VPN Review</h1>{TEXT}<h4>Add your own Perfect Privacy review</h4>"
        "</article></main></body></html>"
    )
    assert headline(html) == "Perfect Privacy VPN Review"


def test_a_headline_set_in_capitals_takes_the_metadatas_spelling():
    html = (
        '<html><head><meta property="og:title" content="Tips for Online Success"></head><body><main>'
        f"<h1>TIPS FOR ONLINE SUCCESS</h1>{TEXT}</main></body></html>"
    )
    assert headline(html) == "Tips for Online Success"


def test_an_h1_in_the_page_header_counts_when_metadata_agrees_with_it():
    html = (
        '<html><head><meta property="og:title" content="Seven Tips to Hit the Road in a Rental Car">'
        '<script type="application/ld+json">{"@type": "Article", "headline": "'
        + HEADLINE
        + '"}</script></head><body>'
        f'<header class="article-hero"><h1>{HEADLINE}</h1><p>By Staff Writer</p></header>'
        f"<div>{TEXT}</div></body></html>"
    )
    assert headline(html) == HEADLINE


def test_the_sites_name_after_a_separator_in_the_heading_is_cut():
    html = (
        '<html><head><meta property="og:site_name" content="Artlyst">'
        f'<meta property="og:title" content="{HEADLINE} – Artlyst - Artlyst"></head><body><main>'
        f"<h1>{HEADLINE} – Artlyst</h1>{TEXT}</main></body></html>"
    )
    assert headline(html, "https://artlyst.com/reviews/x") == HEADLINE


def test_a_bullet_separates_the_sites_name_in_a_title():
    assert (
        clean_title("A brief intro to git • Cory Dransfeldt", {"cory dransfeldt"}) == "A brief intro to git"
    )


def test_a_page_whose_only_heading_is_hidden_still_gets_a_title():
    html = (
        f"<html><head><title>{HEADLINE} | Example Ministry</title>"
        '<meta property="og:site_name" content="Example Ministry"></head><body>'
        f'<h1 class="visually-hidden">{HEADLINE}</h1><div>{TEXT}</div></body></html>'
    )
    assert extract_fields(html, URL).title == HEADLINE


def test_a_heading_keeps_its_subtitle_when_the_metadata_only_guesses_which_part_is_the_headline():
    html = (
        '<html><head><meta property="og:title" content="What Tutoring Is - Defining and choosing a good, '
        'effective tutor"></head><body><main><h1>What Tutoring Is <span>Defining and choosing a good, '
        f"effective tutor</span></h1>{TEXT}</main></body></html>"
    )
    assert headline(html) == "What Tutoring Is Defining and choosing a good, effective tutor"


def test_a_heading_ending_in_a_guessed_part_of_the_metadata_title_still_agrees_with_it():
    title = "AlignMerge - Alignment-Preserving Model Merging via Fisher-Guided Constraints"
    html = (
        f'<html><head><meta property="og:title" content="{title}"></head><body><main>'
        "<h1>Computer Science &gt; Artificial Intelligence</h1>"
        f"<h1>Title:{title}</h1>{TEXT}</main></body></html>"
    )
    assert headline(html) == f"Title:{title}"


def test_a_headline_streamed_into_a_hidden_block_by_a_script_built_page_still_counts():
    html = (
        '<html><head><meta property="og:title" content="Full EV Cars in 2025: Best Models | Recharged">'
        '<meta property="og:site_name" content="Recharged"></head><body><div hidden id="S:0"><main><header>'
        f"<h1>{HEADLINE}</h1></header>{TEXT}</main></div></body></html>"
    )
    assert headline(html) == HEADLINE


def test_a_heading_in_lower_case_takes_the_title_parts_spelling():
    html = (
        "<html><head><title>History of coffee | Origin, Spread, Facts | Britannica</title></head><body>"
        f"<main><h1>history of coffee</h1>{TEXT}</main></body></html>"
    )
    assert headline(html, "https://www.britannica.com/topic/history-of-coffee") == "History of coffee"


def test_the_sites_name_glued_to_any_headline_found_is_cut_but_a_name_alone_stays():
    head = '<meta property="og:site_name" content="Example Ministry">'
    html = f"<html><head>{head}</head><body><main><h1>{HEADLINE} | Example Ministry</h1>{TEXT}</main>"
    assert extract_fields(html, URL).title == HEADLINE
    assert without_site_name("Example Ministry", {"example ministry"}) == "Example Ministry"


def _breadcrumb(last: dict) -> str:
    items = [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://www.example-ministry.org/"}
    ]
    items.append({"@type": "ListItem", "position": 2, **last})
    return json.dumps({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})


def _seo_page(crumb: str = "{}", trail: str = "") -> str:
    """An <h1> over the text, an SEO og:title that says otherwise, and a section heading in the text
    that repeats the og:title; JSON-LD `crumb` in the head, a breadcrumb `trail` over the text."""
    return (
        '<html><head><meta property="og:title" content="Training Centre Opened | Ministry Guide">'
        f'<script type="application/ld+json">{crumb}</script></head><body>{trail}<main>'
        f"<h1>{HEADLINE}</h1><p>The Minister spoke to officers and guests at the opening.</p>"
        f"<h2>Training Centre Opened</h2>{TEXT}</main></body></html>"
    )


def test_an_h1_the_breadcrumb_names_beats_a_section_heading_repeating_the_og_title():
    crumb = _breadcrumb({"name": HEADLINE, "item": URL})
    assert headline(_seo_page(crumb)) == HEADLINE
    unlinked = _breadcrumb({"name": HEADLINE})
    assert headline(_seo_page(unlinked)) == HEADLINE


def test_a_breadcrumb_ending_in_the_section_confirms_nothing():
    section = _breadcrumb({"name": HEADLINE, "item": "https://www.example-ministry.org/news/"})
    assert headline(_seo_page(section)) == "Training Centre Opened"
    root = parse_html(f'<html><head><script type="application/ld+json">{section}</script></head></html>')
    assert breadcrumb_ends(root, URL) == []


def test_an_h1_the_articles_json_ld_confirms_comes_before_a_lower_heading_confirmed_by_og_title():
    article = json.dumps({"@type": "Article", "headline": HEADLINE})
    assert headline(_seo_page(article)) == HEADLINE


def test_a_section_heading_saying_only_the_first_words_of_the_og_title_is_not_the_headline():
    html = (
        '<html><head><meta property="og:title" content="The Best Training Centres of 2026, Tested by Our'
        ' Editors"></head><body><main><h1>Our Favourite Training Centres, Visited and Compared</h1>'
        f"<p>We visited every centre in the country this year.</p><h2>The Best Training Centres of 2026</h2>"
        f"{TEXT}</main></body></html>"
    )
    assert headline(html) == "Our Favourite Training Centres, Visited and Compared"


def test_the_last_item_of_the_breadcrumb_the_page_shows_confirms_the_h1_unless_it_links_elsewhere():
    trail = '<nav class="c-breadcrumbs"><a href="/">Home</a> › <a href="/news/">News</a> › {}</nav>'
    assert headline(_seo_page(trail=trail.format(f"<span>{HEADLINE}</span>"))) == HEADLINE
    linked = trail.format(f'<a href="/news/archive/">{HEADLINE}</a>')
    assert headline(_seo_page(trail=linked)) == "Training Centre Opened"


def test_when_no_heading_is_confirmed_the_metadata_title_most_sources_agree_on_wins():
    html = (
        f"<html><head><title>{HEADLINE}</title>"
        '<meta property="og:title"'
        ' content="You Will Not Believe What the Minister Opened This Week">'
        '<script type="application/ld+json">{"@type": "Article", "headline": "' + HEADLINE + '"}</script>'
        f"</head><body><aside><h1>{HEADLINE}</h1><p>Most read this week</p></aside>"
        f"<div>{TEXT}</div></body></html>"
    )
    assert headline(html) == HEADLINE


def test_a_breadcrumb_trail_is_read_by_its_items_positions_and_its_scripts_are_not_its_items():
    trail = {
        "@type": ["BreadcrumbList"],
        "itemListElement": [
            {"@type": "ListItem", "position": "2", "name": HEADLINE},
            {
                "@type": "ListItem",
                "position": "1",
                "name": "News",
                "item": "https://www.example-ministry.org/",
            },
        ],
    }
    root = parse_html(
        f'<html><head><script type="application/ld+json">{json.dumps(trail)}</script></head><body>'
        f'<ol class="breadcrumb"><li><a href="/">Home</a></li><li>{HEADLINE}</li>'
        '<script>window.crumbs = "loaded";</script></ol></body></html>'
    )
    assert breadcrumb_ends(root, URL) == [HEADLINE, HEADLINE]
