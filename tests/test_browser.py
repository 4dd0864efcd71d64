"""A real browser (Debian's Chromium driven by Playwright) opens every page of the built site over
a local HTTP server: no console errors, no failed or outside requests, every image loads, search works."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from publish.localserver import CHROMIUM, CHROMIUM_FLAGS, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Debian's Chromium is missing: run `make tools` (as root) or apt-get install chromium",
    ),
]


@pytest.fixture(scope="module")
def site(built_book):
    root = built_book / "_build" / "html"
    with serve(root) as base:
        yield root, base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


# Pages opened at once: each waits for its network to fall idle (half a second with nothing in flight),
# so loading them side by side costs about one wait per batch instead of one per page.
BATCH = 6


def _batches(items: list, n: int = BATCH):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def test_every_page_is_clean(site, browser):
    root, base = site
    problems = []
    rels = [
        p.relative_to(root).as_posix()
        for p in sorted(root.rglob("*.html"))
        if not p.relative_to(root).as_posix().startswith("_static/")  # theme template fragments, not pages
    ]
    assert len(rels) >= 20
    for batch in _batches(rels):
        opened = []
        for rel in batch:
            page = browser.new_page()
            errors, failed, outside = [], [], []
            # default arguments bind this page's lists (the handlers live only as long as the page)
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
            page.on(
                "response", lambda r, failed=failed: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
            )
            page.on(
                "request",
                lambda r, outside=outside: (
                    outside.append(r.url)
                    if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
                    else None
                ),
            )
            page.goto(f"{base}/{rel}", wait_until="commit")  # returns at once: the batch loads side by side
            opened.append((rel, page, errors, failed, outside))
        for rel, page, errors, failed, outside in opened:
            page.wait_for_load_state("networkidle")
            broken = page.evaluate(
                "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
            )
            for what, items in (
                ("console", errors),
                ("failed", failed),
                ("outside", outside),
                ("broken images", broken),
            ):
                if items:
                    problems.append(f"{rel}: {what}: {items[:3]}")
            page.close()
    assert not problems, "\n".join(problems)


def test_search_finds_a_term_in_the_book(site, browser):
    _, base = site
    page = browser.new_page()
    page.goto(f"{base}/search.html?q=Lahad", wait_until="networkidle")
    page.wait_for_selector("#search-results ul li", timeout=15000)
    hits = page.locator("#search-results ul li").count()
    page.close()
    assert hits >= 1


def test_glued_text_reads_as_the_prose_around_it(site, browser):
    """MyST-NB sets glued text in bold; the site's stylesheet undoes it, so a glued paragraph of the methods
    chapter (the story of the checks) and every number from the data carry the weight of their paragraph."""
    _, base = site
    page = browser.new_page()
    page.goto(f"{base}/book/methods.html", wait_until="networkidle")
    weights = page.eval_on_selector_all(
        "article p span.pasted-text",
        "els => els.map(e => [getComputedStyle(e).fontWeight, getComputedStyle(e.closest('p')).fontWeight])",
    )
    page.close()
    assert len(weights) > 5  # the chapter glues counts, dates and whole paragraphs
    assert [w for w in weights if w[0] != w[1]] == []


AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make tools` (needs npm)")
def test_no_serious_accessibility_violations(site, browser):
    """The current axe-core (tests/axe, from npm) on every chapter page: nothing 'serious' or 'critical'."""
    root, base = site
    problems = []
    pages = sorted((root / "book").glob("*.html"))
    assert len(pages) >= 20
    for batch in _batches(pages):
        opened = []
        for page_path in batch:
            page = browser.new_page()
            page.goto(f"{base}/book/{page_path.name}", wait_until="commit")
            opened.append((page_path, page))
        for _, page in opened:
            # the page as loaded, its scripts run; requests after that are test_every_page_is_clean's to catch
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            # started, not awaited (a function returning the promise would be awaited here)
            page.evaluate("() => { window.__axe = axe.run(document, {resultTypes: ['violations']}); }")
        for page_path, page in opened:
            for v in page.evaluate("window.__axe")["violations"]:  # awaited here: the batch's runs overlap
                if v["impact"] in ("serious", "critical"):
                    problems.append(f"{page_path.name}: {v['id']} ({v['impact']}): {v['help']}")
            page.close()
    assert not problems, "\n".join(problems)
