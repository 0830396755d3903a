import trafilatura
def extract_body(html, url=None):
    return trafilatura.extract(html, url=url, include_comments=False) or ""
