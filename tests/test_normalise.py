from hypothesis import given
from hypothesis import strategies as st

from extraction.normalise import canonical_url, content_hash, normalise_body

words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)
params = st.lists(st.tuples(words, words), max_size=4, unique_by=lambda kv: kv[0])
paths = st.lists(words, max_size=4).map(lambda parts: "/" + "/".join(parts))


def build(host, path, query, fragment=""):
    return f"http://{host}{path}" + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "") + fragment


def test_canonical_url_examples():
    assert canonical_url("HTTP://WWW.Official-Site.ORG:80/press-release-detail.php?id=6501#top") == (
        "http://www.official-site.org/press-release-detail.php?id=6501"
    )
    assert canonical_url("https://x.pk/a?utm_source=tw&id=3&fbclid=zz") == "https://x.pk/a?id=3"
    assert canonical_url("https://x.pk") == "https://x.pk/"
    assert canonical_url("http://127.0.0.1:8101/a/") == "http://127.0.0.1:8101/a/"
    assert canonical_url("https://x.pk/A/") != canonical_url("https://x.pk/a/")


@given(st.sampled_from(["ispr.gov.pk", "WWW.PakNavy.gov.pk", "127.0.0.1:8101"]), paths, params, words)
def test_canonical_url_properties(host, path, query, fragment):
    url = build(host, path, query)
    canonical = canonical_url(url)
    assert canonical_url(canonical) == canonical
    assert canonical_url(build(host.lower(), path, list(reversed(query)), "#" + fragment)) == canonical
    assert canonical_url(build(host, path, [*query, ("utm_campaign", "x")])) == canonical


def test_body_normalisation_ignores_spacing_case_and_markup_leftovers():
    a = "COAS visited\u00a0troops.\n\nHe  praised them."
    b = "coas visited troops. he praised them.\u200b"
    assert normalise_body(a) == normalise_body(b)
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("COAS visited troops. He praised him.")


@given(st.text())
def test_normalise_body_is_idempotent(text):
    assert normalise_body(normalise_body(text)) == normalise_body(text)
