"""`make screenshots`: the README's pictures, taken from the built book as a reader sees it:
an HTML page in headless Chromium and a PDF page rendered by pdftoppm."""

from __future__ import annotations

import subprocess
import sys

from analysis.paths import BOOK, BUILD

from .localserver import CHROMIUM, CHROMIUM_FLAGS, serve

OUT = BOOK / "_static" / "screenshots"


def html_page(page: str = "book/partnerships.html", name: str = "html-partnerships.png") -> None:
    from playwright.sync_api import sync_playwright

    with serve(BUILD / "html") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(f"{base}/{page}", wait_until="networkidle")
        tab.locator("#fig-n1").scroll_into_view_if_needed()
        tab.screenshot(path=str(OUT / name))
        browser.close()


def pdf_page(number: int, name: str) -> None:
    stem = OUT / name.removesuffix(".png")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-singlefile",
            "-f",
            str(number),
            "-l",
            str(number),
            str(BUILD / "pdf" / "report.pdf"),
            str(stem),
        ],
        check=True,
    )


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    html_page()
    pdf_page(1, "pdf-title-page.png")
    pdf_page(7, "pdf-timeline-page.png")
    print(f"screenshots written to {OUT.relative_to(BOOK.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
