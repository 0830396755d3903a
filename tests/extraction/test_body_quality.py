"""When trafilatura and readability disagree, the page's evidence decides: an article's opening above the
part readability found is kept (a headline, deck or byline is not), and when trafilatura stopped at the
first of several sections readability's rest of the article is added (unless the page lists whole posts
under their headlines' links)."""

from __future__ import annotations

from extraction.body_text import _assemble, _Evidence, _load
from extraction.furniture import headline_keys

URL = "https://ports.example.org/news/terminal"
HEADLINE = "Port terminal opened"
BYLINE = ["By the port desk", "3 March 2026"]
DECK = "A new era for the port: what the terminal means for trade, jobs and the city around it today."
OPENING = [
    "The minister opened the new terminal at the port on Monday morning, officials said in a statement. "
    "Ships waiting in the roads sounded their horns as the first crane lifted a container ashore.",
    "It will handle two million containers a year once fully operational, doubling the port's capacity. "
    "Half of that traffic is expected to come from the new shipping line to the southern ports.",
    "Work on the second phase is due to start next spring, the port authority announced on its website. "
    "It will add a grain terminal and a rail link to the industrial estate north of the city.",
]
SECTION = [
    "How the terminal was built",
    "The terminal was built in three years by a consortium of local and foreign companies at a cost of "
    "four hundred million dollars.",
    "It employs twelve hundred people from the surrounding districts, most of them trained at the port.",
    "The cranes were shipped in pieces and assembled on the quay over the course of the last winter.",
]
LATER = [
    "What it means for the city",
    "Traders expect the shorter waiting times to lower the price of imported goods in the city's markets.",
    "The road to the port will be widened next year so that lorries no longer queue through the centre.",
    "Residents of the harbour district have asked for a noise barrier along the new container yard.",
    "The city council will hear their petition at its next session, the mayor's office said on Tuesday.",
]


def page(*blocks: list[str], links: list[str] = (), cards: list[str] = ()) -> _Evidence:
    """A page holding the given blocks of paragraphs in an article, a menu of `links` above it and teaser
    cards (`cards`, each under another story's headline link) below it."""
    menu = "".join(f"<li><a href='/{n}'>{text}</a></li>" for n, text in enumerate(links))
    teasers = "".join(
        f"<div class='card'><h3><a href='/story/{n}'>Another story from the port authority</a></h3>"
        f"<p>{text}</p></div>"
        for n, text in enumerate(cards)
    )
    article = "".join(f"<div>{''.join(f'<p>{p}</p>' for p in block)}</div>" for block in blocks)
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<article>{article}</article><div class='more'>{teasers}</div></body></html>"
    )
    return _Evidence(_load(html), html, URL)


def test_an_opening_of_several_paragraphs_above_what_readability_found_is_kept():
    """readability took the article's lower container; trafilatura's text starts with the headline,
    byline and the opening paragraphs above it: the opening stays, the headline and byline go."""
    rest = SECTION + LATER
    backbone = [HEADLINE, *BYLINE, *OPENING, *rest]
    body = _assemble(backbone, rest, headline_keys([HEADLINE]), page(OPENING, SECTION, LATER))
    assert body == OPENING + rest


def test_a_deck_above_what_readability_found_is_still_cut():
    backbone = [HEADLINE, DECK, *BYLINE, *OPENING]
    assert _assemble(backbone, OPENING, headline_keys([HEADLINE]), page([DECK], OPENING)) == OPENING


def test_an_opening_is_found_across_a_heading_but_not_across_a_block_of_labels():
    """A sub-heading between prose paragraphs belongs to the article; a run of short lines longer than a
    sentence (a byline box, a table of contents) ends it."""
    rest = SECTION + LATER
    headed = [OPENING[0], "Background", OPENING[1], OPENING[2], *rest]
    assert _assemble(headed, rest, set(), page(OPENING, SECTION, LATER)) == headed
    labels = ["Share on social media", "Print this page", "Email", "Listen to this story", "Save it"]
    boxed = [OPENING[0], *labels, OPENING[1], OPENING[2], *rest]
    assert _assemble(boxed, rest, set(), page(OPENING, SECTION, LATER)) == rest


def test_a_list_of_long_link_texts_above_the_article_is_not_its_opening():
    headlines = [
        "The harbour master retires after thirty years of guiding ships into the old port basin",
        "New ferry timetable for the islands comes into force on the first day of next month",
        "Port authority publishes its annual report on cargo volumes and the state of the quays",
        "Fishermen and the port authority agree on new moorings for the fleet in the inner harbour",
        "Customs officers at the container terminal seize a shipment of counterfeit medicines from abroad",
        "The lighthouse on the northern breakwater reopens to visitors after two years of repairs",
        "Dock workers vote to accept the new pay agreement offered by the terminal operators this week",
    ]
    rest = SECTION + LATER
    assert _assemble([*headlines, *rest], rest, set(), page(SECTION, LATER, links=headlines)) == rest


def test_the_rest_of_the_article_readability_found_is_added_to_the_first_section():
    """trafilatura stopped after the opening section; readability found only the later sections. The two
    share nothing, the opening is a small part of the page's prose and readability found more of it."""
    rest = SECTION + LATER
    body = _assemble(OPENING, rest, set(), page(OPENING, SECTION, LATER, SECTION, LATER))
    assert body == OPENING + rest


def test_a_text_that_holds_a_fair_share_of_the_page_is_not_extended():
    """trafilatura's text is not a small part of the page's prose: readability's different text is
    something else on the page (a comment thread, a sidebar), not the article's rest."""
    other = SECTION[1:] + LATER[1:]
    assert _assemble(OPENING, other, set(), page(OPENING, other)) == OPENING


def test_a_smaller_text_readability_found_elsewhere_is_not_added():
    """A caption or a comment readability preferred is not the rest of the article."""
    body = _assemble(OPENING, LATER[1:2], set(), page(OPENING, SECTION, LATER, SECTION, LATER))
    assert body == OPENING


def test_a_post_under_its_headline_link_is_not_joined_to_the_listing():
    """On a page listing whole posts, each under its headline's link, trafilatura's text is one post and
    readability's the others: more text would be other posts."""
    post = [" ".join(OPENING)]
    others = SECTION + LATER
    body = _assemble(post, others, set(), page(others, others, cards=post))
    assert body == post


def test_other_pages_excerpts_after_a_teaser_heading_are_cut_however_long():
    """readability's span is a small part of trafilatura's text, the rest being long sentences: cutting
    prose would lose the article, but sentences after "Read this next" are other pages' excerpts."""
    excerpts = [
        "Read this next",
        "Airlines",
        "The national carrier will fly to three new destinations in the spring, its chief executive said "
        "at a press conference in the capital on Thursday afternoon.",
        "Travellers who book their tickets before the end of the month will be offered a discount on the "
        "fares to the islands and on the new routes across the border.",
        "Hotels",
        "A new hotel with four hundred rooms opens beside the airport, the first of three planned by the "
        "group in the region over the next five years, its owners announced.",
        "The group expects most of its guests to be business travellers on short stays between flights.",
    ]
    article = OPENING[:2]
    assert _assemble(article + excerpts, article, set(), page(article, excerpts)) == article
