"""A local mirror of official press-release sites, generated, served on 127.0.0.1, and advanced day by day.

Two sites share one seeded stream of releases:

- `ispr`: the ISPR markup family (sequential `press-release-detail.php?id=N`, dateline and PR number
  headings, `-0-0-0-` end marker, a "latest releases" sidebar, listings per service category `?cat=army`
  paged with `&page=N`), with some releases in Urdu and some re-posts (the same text at a second id);
  a withdrawn release answers "Record not found." with HTTP 200, as the real site does;
- `news`: a WordPress-style site (`/press-release/<slug>/`, `/press-releases/page/N/`), crawled by the
  generic spider; a withdrawn release answers 404.

`advance()` publishes new releases, edits and withdraws some, and rewrites exactly the files that changed,
so tests and benchmarks can run "the next night" against the same URLs.

    from bench.mirror import Mirror
    mirror = Mirror(path, releases=2000)
    with mirror.serve() as urls:      # {"ispr": "http://127.0.0.1:…", "news": "http://127.0.0.1:…"}
        ...
        mirror.advance(new=5, edits=1, withdrawals=1)

    .venv/bin/python bench/mirror.py data/mirror --releases 2000 --serve   # serve it by hand
"""

from __future__ import annotations

import argparse
import contextlib
import html
import random
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synthetic import PLACES, URDU_WORDS, _text, _vocabulary  # noqa: E402
from commands.site_server import FixtureServer, file_name_for  # noqa: E402

SERVICES = ("army", "navy", "airforce")
PER_PAGE = 10
FIRST_ID = 20000
URDU_SHARE, REPOST_SHARE, NEWS_SHARE = 0.08, 0.03, 0.15
URDU_PLACES = {"Rawalpindi": "راولپنڈی", "Islamabad": "اسلام آباد", "Karachi": "کراچی"}
URDU_MONTHS = (
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
)
# The registry entry of the generic site (the ISPR site uses the built-in `ispr` entry with --base-url).
NEWS_SOURCE = """[sources.news]
name = "Mirror news site"
base_url = "{url}"
start_paths = ["/press-releases/"]
article_pattern = "/press-release/[^/?#]+/?$"
next_pattern = "/press-releases/page/\\\\d+/?$"
service = "navy"
language = "en"
"""


@dataclass
class Release:
    site: str  # "ispr" or "news"
    number: int  # ISPR id, or the n-th news post
    service: str
    published: date
    place: str
    language: str
    title: str
    paragraphs: list[str]
    pr_number: str | None = None
    withdrawn: bool = False
    edits: int = 0
    reposted_from: int | None = None
    path: str = field(init=False)

    def __post_init__(self):
        if self.site == "ispr":
            self.path = f"/press-release-detail.php?id={self.number}"
        else:
            self.path = f"/press-release/{self.number}-{self.title.lower().replace(' ', '-')[:40]}/"


class Mirror:
    """The two sites' releases, written as fixture-server folders under `root`."""

    def __init__(self, root: str | Path, releases: int = 2000, seed: int = 7):
        self.root = Path(root)
        self.rng = random.Random(seed)
        self.vocabulary = _vocabulary(self.rng)
        # Dated in the past (a future date is refused), with room for a few months of advance().
        self.day = date.today() - timedelta(days=releases + 120)
        self.releases: list[Release] = []
        for _ in range(releases):
            self.publish()
        self.write_all()

    @property
    def sites(self) -> dict[str, Path]:
        return {"ispr": self.root / "ispr", "news": self.root / "news"}

    # -- releases -------------------------------------------------------------------------------------
    def publish(self) -> Release:
        """A new release, dated on or after the last one; sometimes an ISPR re-post of an older one."""
        rng = self.rng
        self.day += timedelta(days=rng.choice((0, 0, 1, 1, 2)))
        site = "news" if rng.random() < NEWS_SHARE else "ispr"
        numbers = [r.number for r in self.releases if r.site == site]
        number = max(numbers, default=FIRST_ID if site == "ispr" else 0) + rng.choice((1, 1, 1, 2))
        originals = [r for r in self.releases if r.site == "ispr" and r.reposted_from is None]
        if site == "ispr" and originals and rng.random() < REPOST_SHARE:
            old = rng.choice(originals)
            release = Release(
                **{
                    k: getattr(old, k) for k in ("site", "service", "published", "place", "language", "title")
                },
                number=number,
                paragraphs=list(old.paragraphs),
                pr_number=old.pr_number,
                reposted_from=old.number,
            )
        else:
            release = self.draft(site, number)
        self.releases.append(release)
        return release

    def draft(self, site: str, number: int) -> Release:
        rng = self.rng
        urdu = site == "ispr" and rng.random() < URDU_SHARE
        words = URDU_WORDS if urdu else self.vocabulary
        title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 9)))
        sentences = rng.choice((3, 4, 6, 9, 12, 18, 30))  # short notices to long statements
        return Release(
            site=site,
            number=number,
            service="navy" if site == "news" else rng.choice(SERVICES),
            published=self.day,
            place=rng.choice(PLACES),
            language="ur" if urdu else "en",
            title=title if urdu or site == "news" else title.upper(),
            paragraphs=_text(rng, words, sentences).split("\n\n"),
            pr_number=f"{number - FIRST_ID}/{self.day.year}-ISPR" if site == "ispr" else None,
        )

    def advance(self, new: int = 0, edits: int = 0, withdrawals: int = 0, days: int = 1) -> dict:
        """The next day(s) on the sites: `new` releases, `edits` corrected texts (a statement's re-posts
        change with it), `withdrawals` taken down. Returns the releases touched, by kind."""
        self.day += timedelta(days=days)
        live = [r for r in self.releases if not r.withdrawn]
        edited = self.rng.sample([r for r in live if r.reposted_from is None], edits)
        for release in edited:
            release.edits += 1
            correction = f"(Corrected on {self.day.isoformat()}: figures revised, edit {release.edits}.)"
            for copy in [release, *self.reposts_of(release)]:
                copy.paragraphs = [*release.paragraphs[:-1], f"{release.paragraphs[-1]} {correction}"]
        gone = self.rng.sample([r for r in live if r not in edited], withdrawals)
        for release in gone:
            release.withdrawn = True
        added = [self.publish() for _ in range(new)]
        self.write_all()
        return {"new": added, "edited": edited, "withdrawn": gone}

    def reposts_of(self, release: Release) -> list[Release]:
        return [r for r in self.releases if r.site == release.site and r.reposted_from == release.number]

    def live(self, site: str) -> list[Release]:
        """A site's listed releases, newest first (as listings show them)."""
        chosen = [r for r in self.releases if r.site == site and not r.withdrawn]
        return sorted(chosen, key=lambda r: r.number, reverse=True)

    # -- files ----------------------------------------------------------------------------------------
    def write(self, site: str, target: str, text: str) -> None:
        path = self.sites[site] / file_name_for(target)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return  # unchanged files keep their bytes, so the server's ETag stays the same
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def write_all(self) -> None:
        for site in self.sites.values():
            site.mkdir(parents=True, exist_ok=True)
            (site / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
        latest = self.live("ispr")[:5]
        for release in self.releases:
            if release.site == "ispr":
                page = ispr_missing(latest) if release.withdrawn else ispr_detail(release, latest)
                self.write("ispr", release.path, page)
            elif release.withdrawn:
                (self.sites["news"] / file_name_for(release.path)).unlink(missing_ok=True)
            else:
                self.write("news", release.path, news_detail(release))
        for service in SERVICES:
            chosen = [r for r in self.live("ispr") if r.service == service]
            for number, chunk in enumerate(pages_of(chosen), start=1):
                target = f"/press-release-archive.php?cat={service}" + (
                    f"&page={number}" if number > 1 else ""
                )
                self.write("ispr", target, ispr_listing(service, chunk, number, len(pages_of(chosen))))
        # Home pages, whose menus lead to the listings: for crawlers that start at a site's root.
        self.write("ispr", "/", ispr_page("Home", '<h2 class="page-title">ISPR</h2>', latest))
        self.write("news", "/", news_page("Home", '<h1 class="page-title">Mirror News</h1>'))
        news = self.live("news")
        for number, chunk in enumerate(pages_of(news), start=1):
            target = "/press-releases/" + (f"page/{number}/" if number > 1 else "")
            self.write("news", target, news_listing(chunk, number, len(pages_of(news))))

    def crawl(self, urls: dict[str, str], db: str | Path, *extra: str) -> subprocess.CompletedProcess:
        """The real `pressarchive crawl` of both sites into `db`, in a subprocess as cron runs it."""
        return subprocess.run(
            self.crawl_command(urls, db, *extra), capture_output=True, text=True, cwd=ROOT, check=False
        )

    def crawl_command(self, urls: dict[str, str], db: str | Path, *extra: str) -> list[str]:
        command = [sys.executable, "-c", "from commands.cli import main; main()", "crawl", "ispr", "news"]
        sites = ["--base-url", f"ispr={urls['ispr']}", "--base-url", f"news={urls['news']}"]
        return [*command, "--db", str(db), *sites, "--sources", str(self.registry(urls)), *extra]

    def registry(self, urls: dict[str, str]) -> Path:
        """A registry file holding the generic site's entry at its served URL, and both sites' listing
        bound (`max_pages`, 200 by default) raised to the mirror's size, so that a large mirror is walked
        whole: the shipped ISPR entry as it is, plus that bound."""
        bound = f"max_pages = {max(200, len(self.releases) // PER_PAGE + 10)}\n"
        path = self.root / "sources.toml"
        path.write_text(
            NEWS_SOURCE.format(url=urls["news"]) + bound + "\n" + shipped_ispr() + bound, encoding="utf-8"
        )
        return path

    @contextlib.contextmanager
    def serve(self, delay: float = 0.0):
        """Both sites on 127.0.0.1: yields {"ispr": url, "news": url}; `self.servers` counts requests."""
        with (
            FixtureServer(self.sites["ispr"], delay=delay) as ispr,
            FixtureServer(self.sites["news"]) as news,
        ):
            self.servers = {"ispr": ispr, "news": news}
            yield {"ispr": ispr.url, "news": news.url}


def shipped_ispr() -> str:
    """The `[sources.ispr]` table of the shipped registry, as written there, without its own `max_pages`
    (the mirror sets the bound that fits its size)."""
    text = (ROOT / "crawlers" / "sources.toml").read_text(encoding="utf-8")
    start = text.index("[sources.ispr]")
    end = text.find("\n[sources.", start + 1)
    lines = text[start : end if end > 0 else len(text)].rstrip().splitlines()
    while lines[-1].startswith("#") or not lines[-1].strip():  # the next table's comments
        lines.pop()
    lines = [line for line in lines if not line.replace(" ", "").startswith("max_pages=")]
    return "\n".join(lines) + "\n"


def age_archive(db_path: str | Path, days: int) -> None:
    """Move an archive's check times `days` back, as if the next run came that much later: how tests and
    benches let the re-check schedule come round without waiting."""
    shift = f"strftime('%Y-%m-%dT%H:%M:%S+00:00', {{0}}, '-{int(days)} days')"
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(f"UPDATE copies SET last_checked = {shift.format('last_checked')}")
        connection.execute(f"UPDATE dropped_pages SET last_seen = {shift.format('last_seen')}")
    connection.close()


def pages_of(releases: list[Release]) -> list[list[Release]]:
    return [releases[i : i + PER_PAGE] for i in range(0, len(releases), PER_PAGE)] or [[]]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def dateline(release: Release) -> str:
    day = release.published
    if release.language == "ur":
        place = URDU_PLACES.get(release.place, "راولپنڈی")
        return f"{place} - {day.day} {URDU_MONTHS[day.month - 1]} {day.year}"
    return f"{release.place} - {day.strftime('%B')} {day.day}, {day.year}"


def ispr_page(title: str, main: str, latest: list[Release]) -> str:
    sidebar = "".join(
        f'<li><a href="press-release-detail.php?id={r.number}">{e(r.title)}</a>'
        f'<span class="small text-muted">{r.published.strftime("%d %b %Y")}</span></li>'
        for r in latest
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} | Inter Services Public Relations Pakistan</title></head>
<body>
<nav class="navbar"><ul class="nav navbar-nav"><li><a href="/">Home</a></li>
<li><a href="press-release-archive.php?cat=army">Pakistan Army</a></li>
<li><a href="press-release-archive.php?cat=navy">Pakistan Navy</a></li>
<li><a href="press-release-archive.php?cat=airforce">Pakistan Air Force</a></li></ul></nav>
<div class="container main-container"><div class="row"><div class="col-md-8">
{main}
</div>
<div class="col-md-4 sidebar"><div class="widget latest-releases">
<h3 class="widget-title">Latest Press Releases</h3>
<ul class="list-unstyled">{sidebar}</ul></div></div></div></div>
<footer class="footer"><p>Directorate General ISPR, General Headquarters, Rawalpindi Cantt</p></footer>
</body></html>
"""


def ispr_detail(release: Release, latest: list[Release]) -> str:
    urdu = release.language == "ur"
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in release.paragraphs)
    heading = "" if urdu else f"<p><strong>{e(release.title)}</strong></p>\n"
    main = f"""<ol class="breadcrumb"><li><a href="/">Home</a></li>
<li><a href="press-release-archive.php?cat={release.service}">Press Releases</a></li>
<li class="active">Press Release</li></ol>
<div class="media press-detail"><div class="media-body">
<h4 class="media-heading">PR No. {e(release.pr_number or "")}</h4>
<h4 class="media-date">{e(dateline(release))}</h4>
<div class="content-text{" urdu" if urdu else ""}"{' dir="rtl"' if urdu else ""}>
{heading}{paragraphs}
<p style="text-align: center;">-0-0-0-</p>
</div></div></div>"""
    return ispr_page(release.title, main, latest)


def ispr_missing(latest: list[Release]) -> str:
    main = """<div class="media press-detail"><div class="media-body">
<h4 class="media-heading"></h4><h4 class="media-date"></h4>
<div class="alert alert-warning text-center">Record not found.</div>
<div class="content-text"></div></div></div>"""
    return ispr_page("Press Release", main, latest)


def ispr_listing(service: str, chunk: list[Release], number: int, last: int) -> str:
    items = "\n".join(
        f"""<div class="media press-item"><div class="media-body">
<h4 class="media-heading"><a href="press-release-detail.php?id={r.number}">{e(r.title)}</a></h4>
<p class="media-date">{r.published.strftime("%d %b %Y")}</p></div></div>"""
        for r in chunk
    )
    base = f"press-release-archive.php?cat={service}"
    links = [f'<li><a href="{base}">1</a></li>']
    if number > 1:
        links.append(f'<li><a href="{base}&amp;page={number - 1}">Prev</a></li>' if number > 2 else "")
    if number < last:
        links.append(f'<li><a href="{base}&amp;page={number + 1}" aria-label="Next">Next</a></li>')
    main = f"""<h2 class="page-title">Press Releases</h2><div class="press-list">
{items}
</div><ul class="pagination">{"".join(links)}</ul>"""
    return ispr_page("Press Releases", main, [])


def news_page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} – Mirror News</title></head>
<body><header class="site-header"><nav class="main-navigation"><ul>
<li><a href="/">Home</a></li><li><a href="/press-releases/">Press Releases</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
{main}
</main></div>
<footer class="site-footer"><p>© Mirror News. All rights reserved.</p></footer></body></html>
"""


def news_detail(release: Release) -> str:
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in release.paragraphs)
    main = f"""<article class="post type-post hentry"><header class="entry-header">
<h1 class="entry-title">{e(release.title)}</h1>
<div class="entry-meta"><span class="date">{release.published.strftime("%d %b %Y")}</span></div></header>
<div class="entry-content">
{paragraphs}
</div></article>"""
    return news_page(release.title, main)


def news_listing(chunk: list[Release], number: int, last: int) -> str:
    items = "\n".join(
        f"""<article class="post hentry"><h2 class="entry-title"><a href="{r.path}">{e(r.title)}</a></h2>
<time class="entry-date published" datetime="{r.published.isoformat()}">
{r.published.strftime("%B %d, %Y")}</time></article>"""
        for r in chunk
    )
    nav = (
        f'<a class="next page-numbers" href="/press-releases/page/{number + 1}/">Next</a>'
        if number < last
        else ""
    )
    return news_page(
        "Press Releases",
        f'<h1 class="page-title">Press Releases</h1>\n{items}\n<nav class="pagination">{nav}</nav>',
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Generate (and optionally serve) a local press-release mirror."
    )
    parser.add_argument("root", help="folder to write the mirror into")
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", action="store_true", help="serve both sites until interrupted")
    args = parser.parse_args()
    mirror = Mirror(args.root, args.releases, args.seed)
    print(f"{len(mirror.releases)} releases written under {mirror.root}")
    if args.serve:
        with mirror.serve() as urls, contextlib.suppress(KeyboardInterrupt):
            print(f"ispr at {urls['ispr']}, news at {urls['news']} (sources file {mirror.registry(urls)})")
            mirror.servers["ispr"]._thread.join()


if __name__ == "__main__":
    main()
