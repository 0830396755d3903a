"""The pure Wayback functions: CDX queries and answers, capture URLs, choosing captures, date bounds."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from crawlers.wayback import (
    CDX_FIELDS,
    Capture,
    CdxError,
    capture_timestamp_of,
    capture_url,
    cdx_query,
    date_bound,
    good_candidates,
    on_base_host,
    parse_cdx,
    resume_at,
)

ORIGINAL = "http://www.ispr.gov.pk:80/press-release-detail.php?id=6503"


def capture(timestamp, status="200", mimetype="text/html", digest=None, original=ORIGINAL):
    return Capture(
        "pk,gov,ispr)/press-release-detail.php?id=6503",
        timestamp,
        original,
        mimetype,
        status,
        digest or timestamp,
    )


def test_a_query_names_the_documented_parameters():
    url = cdx_query(
        "https://web.archive.org/cdx/search/cdx", "https://www.ispr.gov.pk/press-release-detail.php",
        match_type="prefix", collapse="urlkey", since="2020", until="20241231", limit=500,
    )  # fmt: skip
    parts = urlsplit(resume_at(url, "k%2C1+2023%21"))
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert parts.netloc == "web.archive.org" and parts.path == "/cdx/search/cdx"
    assert query == {
        "url": "https://www.ispr.gov.pk/press-release-detail.php",
        "output": "json",
        "fl": ",".join(CDX_FIELDS),
        "matchType": "prefix",
        "collapse": "urlkey",
        "from": "2020",
        "to": "20241231",
        "limit": "500",
        "showResumeKey": "true",
        "resumeKey": "k,1 2023!",  # sent back exactly as the API encoded it
    }
    exact = parse_qs(urlsplit(cdx_query("http://x/cdx", ORIGINAL)).query)
    assert "matchType" not in exact and "limit" not in exact and exact["url"] == [ORIGINAL]


def test_an_answer_gives_its_captures_and_the_resume_key():
    header = list(CDX_FIELDS)
    row = ["pk,gov,ispr)/x", "20230514093012", ORIGINAL, "text/html", "200", "ABC", "1415"]
    body = json.dumps([header, row, row, [], ["pk%2Cgov%2Cispr%29%2Fx+20230514093012%21"]]).encode()
    captures, key = parse_cdx(body)
    assert (
        len(captures) == 2 and captures[0].timestamp == "20230514093012" and captures[0].statuscode == "200"
    )
    assert key == "pk%2Cgov%2Cispr%29%2Fx+20230514093012%21"
    assert parse_cdx(json.dumps([header, row]).encode())[1] is None
    assert parse_cdx(b"") == ([], None)  # the API's "no captures"
    reordered = json.dumps([["timestamp", "original", "urlkey", "mimetype", "statuscode", "digest"], [
        "20200101000000", ORIGINAL, "k", "text/html", "404", "D"]]).encode()  # fmt: skip
    assert parse_cdx(reordered)[0][0].statuscode == "404"


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Service Unavailable</html>",
        b'{"error": "x"}',
        b'[["urlkey", "original"], ["k", "u"]]',
        b"\xff\xfe",
    ],
)
def test_anything_else_is_a_cdx_error(body):
    with pytest.raises(CdxError):
        parse_cdx(body)


def test_good_candidates_are_200_html_distinct_and_newest_first():
    captures = [
        capture("20200101000000", digest="A"),
        capture("20210101000000", digest="A"),  # same content captured again: one is enough
        capture("20220101000000", status="302"),
        capture("20220601000000", status="-", mimetype="warc/revisit"),
        capture("20230101000000", mimetype="application/pdf"),
        capture("20230601000000", mimetype="text/html; charset=utf-8", digest="B"),
        capture("20230601000000", mimetype="text/html; charset=utf-8", digest="B"),  # listed twice
        capture("20240101000000", mimetype="application/xhtml+xml", digest="C"),
    ]
    chosen = [c.timestamp for c in good_candidates(captures)]
    assert chosen == ["20240101000000", "20230601000000", "20210101000000"]
    assert [c.timestamp for c in good_candidates(captures, after="20230601000000")] == ["20240101000000"]
    assert [c.timestamp for c in good_candidates(captures, since="2021", until="202306")] == [
        "20230601000000",
        "20210101000000",
    ]


def test_capture_urls_are_raw_and_name_their_timestamp():
    base = "https://web.archive.org/web/"
    url = capture_url(base, "20230514093012", ORIGINAL)
    assert url == f"{base}20230514093012id_/{ORIGINAL}"
    assert capture_timestamp_of(url, base) == "20230514093012"
    assert capture_timestamp_of(f"{base}20230514093012/{ORIGINAL}", base) == "20230514093012"
    assert capture_timestamp_of("https://elsewhere.example/web/20230514093012id_/x", base) is None


def test_captured_urls_are_placed_on_the_sources_own_host():
    assert (
        on_base_host(ORIGINAL, "https://www.ispr.gov.pk")
        == "https://www.ispr.gov.pk/press-release-detail.php?id=6503"
    )
    assert on_base_host("http://paknavy.gov.pk/", "http://127.0.0.1:8101") == "http://127.0.0.1:8101/"


@pytest.mark.parametrize(
    ("text", "bound"),
    [("2021", "2021"), ("2021-03", "202103"), ("2021-03-15", "20210315"), (" 2024-02-29 ", "20240229")],
)
def test_date_bounds_are_timestamp_prefixes(text, bound):
    assert date_bound(text, "--since") == bound


@pytest.mark.parametrize(
    ("text", "message"),
    [("2021-13", "not a calendar date"), ("2023-02-29", "not a calendar"), ("03/2021", "must be a date")],
)
def test_bad_dates_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        date_bound(text, "--since")
