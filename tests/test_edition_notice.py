"""The edition notice in the built book: 'What changed since the last edition' follows the executive
summary on one printed page, agrees with the data and the latest frozen edition (read here without
the code that wrote it), the landing page points to it, and the full list is an annex."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

NOTICE = "What changed since the last edition"
ANNEX = "Changes since the last edition"


def article(project: Path, page: str) -> BeautifulSoup:
    html = (project / "_build" / "html" / "book" / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.bd-article")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def latest_manifest(project: Path) -> dict:
    def order(p: Path):
        year, n = p.stem.split("-")
        return int(year), int(n)

    path = max((project / "data" / "editions").glob("*.yaml"), key=order)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def differences(project: Path) -> dict[str, set]:
    """What a reader can count without hashing: records added or removed, judgments that moved."""
    m = latest_manifest(project)
    data = project / "data"
    events = {e["id"] for e in yaml.safe_load((data / "events.yaml").read_text(encoding="utf-8"))}
    keys = set(re.findall(r"(?m)^@\w+\{([^,\s]+),", (data / "references.bib").read_text(encoding="utf-8")))
    judgments = yaml.safe_load((data / "judgments.yaml").read_text(encoding="utf-8"))
    frozen_events, frozen_keys = set(m["records"]["events"]["hashes"]), set(m["records"]["references"]["hashes"])
    moved = {
        j["id"]
        for j in judgments
        if j["id"] in m["judgments"]
        and (j["likelihood"], j["confidence"])
        != (m["judgments"][j["id"]]["likelihood"], m["judgments"][j["id"]]["confidence"])
    }
    return {
        "new events": events - frozen_events,
        "removed events": frozen_events - events,
        "new sources": keys - frozen_keys,
        "retired sources": frozen_keys - keys,
        "moved": moved,
    }


def test_the_notice_follows_the_executive_summary_on_one_page_and_the_annex_lists_it_all(report_pdf):
    reader = report_pdf
    top = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline if not isinstance(o, list)]
    titles = [t for t, _ in top]
    i = titles.index(NOTICE)
    assert titles[i - 1] == "Executive summary"
    assert top[i + 1][1] - top[i][1] == 1, "the notice takes more than one page"
    assert any(re.fullmatch(rf"Annex [A-Z]: {ANNEX}", t) for t in titles)


def test_the_notice_agrees_with_the_data_and_the_latest_edition(built_book):
    m = latest_manifest(built_book)
    diff = differences(built_book)
    notice = article(built_book, "whats-changed")
    text = text_of(notice)
    if not any(diff.values()) and "No changes since" in text:
        assert f"No changes since edition {m['edition']} (frozen on " in text
        assert notice.find("table") is None
        return
    assert f"Changes since edition {m['edition']} (frozen on " in text
    rows = {
        text_of(tr.find_all("td")[0]): [text_of(td) for td in tr.find_all("td")[1:]]
        for tr in notice.find("table").find_all("tr")
        if tr.find("td")
    }
    assert rows["Events"][0] == str(len(diff["new events"]))
    assert rows["Events"][2] == str(len(diff["removed events"]))
    assert rows["Sources"][0] == str(len(diff["new sources"]))
    assert rows["Sources"][2] == f"{len(diff['retired sources'])} retired"
    assert rows["Key judgments"][1].startswith(f"{len(diff['moved'])} moved")


def test_the_landing_page_says_what_changed_and_links_to_the_notice(built_book):
    m = latest_manifest(built_book)
    index = article(built_book, "index")
    para = next(p for p in index.find_all("p") if f"What changed since edition {m['edition']}:" in text_of(p))
    assert any(a.get("href", "").startswith("whats-changed.html") for a in para.find_all("a"))
    # the landing page and the notice agree on whether anything changed
    nothing = "No changes since" in text_of(article(built_book, "whats-changed"))
    assert (f"What changed since edition {m['edition']}: nothing;" in text_of(para)) == nothing


def test_the_annex_and_the_notice_name_the_same_edition(built_book):
    m = latest_manifest(built_book)
    assert f"edition {m['edition']} (frozen on" in text_of(article(built_book, "annex-changes"))
    methods = text_of(article(built_book, "methods"))
    assert f"Edition {m['edition']}, frozen on" in methods
