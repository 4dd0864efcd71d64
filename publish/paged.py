"""Lay out the print edition part by part (title pages, then one part per chapter) and reuse
every part whose input has not changed, so an edit to one chapter re-renders that chapter only.

A part's PDF depends on its own HTML and images, on the page it starts on, on the total page
count (the "Page x of y" footer) and on the page numbers it prints for targets in other parts
(contents entries and "Figure 5 (p. 10)" references). Those numbers come from the layout of the
other parts, so rendering goes in rounds until every part was laid out with the numbers that
the final layout produces. A cold build takes two rounds (measure, then render); a rebuild
usually takes one, and re-renders only the parts whose input changed."""
from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .log import BuildError

XREF = "ct-xref:"  # a link to another part; stitch.py turns it back into an internal link
PLACEHOLDER = re.compile(r"@@page:([^@]+)@@")
MAX_ROUNDS = 6  # cold: measure, render, confirm; more only if a number's width moves a page break
CACHE_VERSION = "1"  # bump when the way parts are rendered changes


@dataclass
class Part:
    name: str
    body: str  # the part's HTML inside <body>, with cross-part links as XREF and page placeholders


@dataclass
class Layout:
    pages: int
    anchors: dict[str, int]  # id -> page index within the part, from 0


def page_css(start: int, total: int, as_of: str) -> str:
    """The footer numbers and the first page number, which differ per part."""
    q = as_of.replace('"', "'")
    return (f'@page {{ @bottom-right {{ content: "Page " counter(page) " of {total}"; }}\n'
            f'  @bottom-left {{ content: "data as of {q}"; }} }}\n'
            f"@page :first {{ counter-reset: page {start}; }}\n")


class Plan:
    """Where each part starts and on which page each target lies, given the layouts known so far."""

    def __init__(self, parts: list[Part], layouts: dict[str, Layout]):
        self.start: dict[str, int] = {}
        page = 1
        for p in parts:
            self.start[p.name] = page
            page += layouts[p.name].pages if p.name in layouts else 0
        self.total = page - 1
        self.page_of: dict[str, int] = {}
        for p in parts:
            if p.name in layouts:
                for anchor, idx in layouts[p.name].anchors.items():
                    self.page_of.setdefault(anchor, self.start[p.name] + idx)

    def html(self, part: Part) -> str:
        return PLACEHOLDER.sub(lambda m: str(self.page_of.get(m[1], "?")), part.body)


def _sha(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(c + b"\0")
    return h.hexdigest()


class Renderer:
    """Renders parts in worker processes and keeps each rendered part in a cache keyed on its input."""

    def __init__(self, head: str, stylesheet: Path, base: Path, as_of: str, cache: Path, pool, log):
        import weasyprint

        self.head, self.base, self.as_of, self.cache, self.pool, self.log = head, base, as_of, cache, pool, log
        self.fixed = _sha(CACHE_VERSION.encode(), weasyprint.__version__.encode(), stylesheet.read_bytes(), head.encode())
        self.stylesheet = stylesheet
        self._images: dict[str, str] = {}
        self.rendered: set[str] = set()  # parts rendered in this build

    def image_hashes(self, html: str) -> bytes:
        """Figures are files beside the page: a new figure under the same name must change the key."""
        out = []
        for src in sorted(set(re.findall(r'<img[^>]+src="([^"]+)"', html))):
            if src not in self._images:
                f = self.base / src
                self._images[src] = _sha(f.read_bytes()) if f.is_file() else "missing"
            out.append(f"{src}={self._images[src]}")
        return "\n".join(out).encode()

    def job(self, part: Part, plan: Plan) -> tuple[str, str, str]:
        html = f'<!DOCTYPE html><html lang="en">{self.head}<body>{plan.html(part)}</body></html>'
        css = page_css(plan.start[part.name], plan.total, self.as_of)
        return html, css, _sha(self.fixed.encode(), html.encode(), css.encode(), self.image_hashes(html))

    def cached(self, key: str) -> Layout | None:
        meta = self.cache / f"{key}.json"
        if meta.exists() and (self.cache / f"{key}.pdf").exists():
            d = json.loads(meta.read_text())
            return Layout(d["pages"], d["anchors"])
        return None

    def run(self, todo: list[tuple[Part, str, str, str]], write: bool) -> dict[str, Layout]:
        """Render (write=True) or only lay out (write=False) the given parts, biggest first."""
        todo = sorted(todo, key=lambda t: -len(t[1]))
        futures = [(part, key, self.pool.submit(render_part, html, css, str(self.stylesheet), str(self.base) + "/",
                                                 str(self.cache / f"{key}.pdf") if write else None))
                   for part, html, css, key in todo]
        out = {}
        for part, key, fut in futures:
            pages, anchors, warnings, seconds = fut.result()
            if warnings:
                raise BuildError(f"PDF part '{part.name}': WeasyPrint could not render everything: "
                                 + "; ".join(warnings[:5]))
            out[part.name] = Layout(pages, anchors)
            if write:
                (self.cache / f"{key}.json").write_text(json.dumps({"part": part.name, "pages": pages, "anchors": anchors}))
                self.rendered.add(part.name)
            self.log(f"  {'rendered' if write else 'measured'} {part.name}: {pages} pages in {seconds:.1f} s")
        return out


def render(parts: list[Part], renderer: Renderer, manifest: Path) -> list[Path]:
    """The PDF of every part, in order, each laid out with the page numbers of the final layout."""
    layouts: dict[str, Layout] = {}
    try:  # the last build's layout is the best first guess; without it, the first round measures
        known = json.loads(manifest.read_text())
        layouts = {n: Layout(d["pages"], d["anchors"]) for n, d in known.items() if n in {p.name for p in parts}}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        layouts = {}
    for _ in range(MAX_ROUNDS):
        plan = Plan(parts, layouts)
        complete = all(p.name in layouts for p in parts)
        jobs, keys = [], {}
        for p in parts:
            html, css, key = renderer.job(p, plan)
            keys[p.name] = key
            hit = renderer.cached(key)
            if hit:
                layouts[p.name] = hit
            else:
                jobs.append((p, html, css, key))
        if not jobs and complete:
            if Plan(parts, layouts).__dict__ == plan.__dict__:
                manifest.write_text(json.dumps({n: l.__dict__ for n, l in layouts.items()}, sort_keys=True))
                prune(renderer.cache, set(keys.values()))
                return [renderer.cache / f"{keys[p.name]}.pdf" for p in parts]
            continue
        # Without every part's page count the numbers are guesses: lay out only, render next round.
        layouts.update(renderer.run(jobs, write=complete))
    raise BuildError(f"PDF: page numbers did not settle after {MAX_ROUNDS} rounds of layout")


def prune(cache: Path, keep: set[str]) -> None:
    """Only this build's parts stay: the cache does not grow with every edit."""
    for f in cache.iterdir():
        if re.fullmatch(r"[0-9a-f]{64}\.(pdf|json)", f.name) and f.stem not in keep:
            f.unlink()


def render_part(html: str, css: str, stylesheet: str, base_url: str, target: str | None):
    """In a worker process: lay out one part and, if a target is given, write its PDF there."""
    from weasyprint import CSS, HTML

    t0 = time.perf_counter()
    problems = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        doc = HTML(string=html, base_url=base_url).render(stylesheets=[CSS(filename=stylesheet), CSS(string=css)])
        if target:
            tmp = Path(target).with_suffix(".tmp")
            doc.write_pdf(tmp, pdf_identifier=b"ct-report", custom_metadata=False)
            shutil.move(tmp, target)
    finally:
        logger.removeHandler(problems)
    anchors: dict[str, int] = {}
    for i, page in enumerate(doc.pages):
        for name in page.anchors:
            anchors.setdefault(name, i)
    return len(doc.pages), anchors, problems.messages, time.perf_counter() - t0


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if "Ignored" in msg and "unknown property" not in msg:
            return  # CSS the print stylesheet does not need, e.g. theme leftovers
        self.messages.append(msg)
