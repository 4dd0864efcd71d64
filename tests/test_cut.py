"""A site page is cut for print (publish.cut): theme and interactive parts dropped, ids made
unique per chapter, links to other chapters made #anchors of the joined document, links that show
a number marked for their page number, nothing outside the chapter's section silently lost."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from publish.cut import cut
from publish.log import BuildError

CHAPTERS = {"threat", "legal", "bibliography"}


def page(body: str) -> str:
    return f"""<html><head><script>theme()</script></head><body><nav class="bd-links">site menu</nav>
<main><article class="bd-article">{body}</article></main><footer>footer</footer></body></html>"""


SECTION = """<section id="threat-landscape"><h1>Threat landscape</h1>
<p>See <a class="reference internal" href="#fig-t1"><span class="std std-numref">Figure 1</span></a>,
<a class="reference internal" href="legal.html#fig-t2"><span class="std std-numref">Figure 2</span></a>,
the <a class="reference internal" href="legal.html">legal chapter</a>,
the <a class="reference internal" href="legal.html"><span class="doc">Legal framework</span></a> ({doc} link),
a source <a class="reference internal" href="bibliography.html#id12">[12]</a>,
<a class="reference external" href="https://www.example.org/page.html#x">the web</a> and
<a href="../report.pdf">the PDF</a>.</p>
<figure id="fig-t1"><img src="../_images/t1.svg" alt="T1"></figure>
<div class="html-only"><svg id="interactive"></svg></div>
<div class="cell_input">code</div>
<section id="what-we-know"><h2>What we know</h2><div class="output"><h2>A heading from a notebook</h2></div></section>
</section>"""


def parse(tmp_path, body: str, name: str = "threat"):
    f = tmp_path / f"{name}.html"
    f.write_text(page(body), encoding="utf-8")
    c = cut(name, f, CHAPTERS)
    return c, BeautifulSoup(c.body, "html.parser")


def test_ids_are_prefixed_and_links_rewritten(tmp_path):
    _c, soup = parse(tmp_path, SECTION)
    assert soup.main["id"] == "threat--"
    assert soup.find(id="threat--fig-t1") and soup.find(id="threat--threat-landscape")
    links = {a.get_text().strip(): a for a in soup.find_all("a")}
    assert links["Figure\xa01"]["href"] == "#threat--fig-t1" and "xref-page" in links["Figure\xa01"]["class"]
    assert links["Figure\xa02"]["href"] == "#legal--fig-t2" and "xref-page" in links["Figure\xa02"]["class"]
    assert links["legal chapter"]["href"] == "#legal--" and "xref-page" not in links["legal chapter"].get("class", [])
    # a chapter named by its title ({doc}) gets its page too (review 55), as a section's name does
    assert links["Legal framework"]["href"] == "#legal--" and "xref-doc" in links["Legal framework"]["class"]
    assert links["[12]"]["href"] == "#bibliography--id12"
    assert links["the web"]["href"] == "https://www.example.org/page.html#x"
    assert links["the PDF"]["href"] == "../report.pdf"


def test_theme_code_and_interactive_figures_are_left_out(tmp_path):
    c, soup = parse(tmp_path, SECTION)
    assert "site menu" not in c.body and "footer" not in c.body and "theme()" not in c.body
    assert soup.find("svg") is None and "code" not in soup.get_text()
    assert soup.find("img")["src"] == "../_images/t1.svg"


def test_contents_entries_point_at_sections_or_at_the_heading_itself(tmp_path):
    c, soup = parse(tmp_path, SECTION)
    assert c.headings[0] == [1, "Threat landscape", "threat--threat-landscape"]
    assert c.headings[1] == [2, "What we know", "threat--what-we-know"]
    level, text, target = c.headings[2]
    assert (level, text) == (2, "A heading from a notebook") and soup.find(id=target).name == "h2"


def test_content_outside_the_chapter_section_stops_the_build(tmp_path):
    with pytest.raises(BuildError, match="exactly one top-level section"):
        parse(tmp_path, SECTION + "<p>stray paragraph</p>")
    with pytest.raises(BuildError, match="no article"):
        f = tmp_path / "bare.html"
        f.write_text("<html><body><p>no theme</p></body></html>")
        cut("bare", f, CHAPTERS)


def test_glued_values_lose_their_span_but_keep_their_text(tmp_path):
    """WeasyPrint would not end a line just before a glued value's span, and broke the line early."""
    body = """<section id="s"><h1>S</h1><p>That no raid has followed in the
<span class="pasted-text">2.5</span> years since tests little.</p></section>"""
    _c, soup = parse(tmp_path, body)
    assert soup.find("span", class_="pasted-text") is None
    assert " ".join(soup.p.get_text().split()) == "That no raid has followed in the 2.5 years since tests little."


def test_the_space_before_an_inline_element_moves_inside_it(tmp_path):
    """So that WeasyPrint breaks the line there, not at the line's first word."""
    body = """<section id="s"><h1>S</h1><ol><li><p>Through 2028, any attack comes from a small cell.
<strong>Highly likely</strong> (80 %); see <em>Table 1</em>.</p></li></ol></section>"""
    _c, soup = parse(tmp_path, body)
    strong = soup.find("strong")
    assert str(strong) == "<strong> Highly likely</strong>"
    assert str(strong.previous_sibling).endswith("small cell.")
    assert (
        " ".join(soup.p.get_text().split())
        == "Through 2028, any attack comes from a small cell. Highly likely (80 %); see Table 1."
    )


def test_bibliography_entries_become_numbered_paragraphs_that_keep_their_anchor(tmp_path):
    """The site's entry (a box with a floated label and a paragraph) is a paragraph in print, in
    the markup Sphinx writes; a citation's link still finds it, and link tooltips are dropped."""
    body = """<section id="bibliography"><h1>Bibliography</h1>
<div class="citation-list" role="list">
<div class="citation" id="id12" role="listitem">
<span class="label"><span class="fn-bracket">[</span>12<span class="fn-bracket">]</span></span>
<p>A title. A publisher. URL:<a class="reference external" href="https://example.org/a"> https://example.org/a</a>.</p>
</div></div>
<p>See <a class="reference internal" href="#id12" title="A title. A publisher.">[12]</a>.</p></section>"""
    _c, soup = parse(tmp_path, body, name="bibliography")
    assert soup.find("div", class_="citation") is None and soup.find("span", class_="label") is None
    entry = soup.find(id="bibliography--id12")
    assert entry.name == "p" and entry["class"] == ["citation"]
    assert " ".join(entry.get_text().split()) == "[12] A title. A publisher. URL: https://example.org/a."
    link = soup.find("a", href="#bibliography--id12")
    assert link is not None and not link.has_attr("title")


def test_a_short_numbered_table_is_kept_whole_and_a_long_one_may_break(tmp_path):
    """Review 48: a six-row table split 3 + 3 over two pages read as two tables. A table of few rows
    but much text (the checks table) may be taller than a page: kept whole, it would only leave a page
    half blank, so it may break like a long one."""

    def table(name: str, rows: int, text: str = "") -> str:
        body = "".join(f"<tr><td>{i} {text}</td></tr>" for i in range(rows))
        return f'<figure id="{name}"><table><thead><tr><th>n</th></tr></thead><tbody>{body}</tbody></table></figure>'

    wordy = "word " * 80  # 10 rows of 400 characters
    body = (
        f'<section id="t"><h1>T</h1>{table("tab-short", 12)}{table("tab-long", 13)}{table("tab-wordy", 10, wordy)}'
        '<figure id="fig-x"></figure></section>'
    )
    _c, soup = parse(tmp_path, body)
    assert "short-table" in soup.find(id="threat--tab-short")["class"]
    assert "short-table" not in soup.find(id="threat--tab-long").get("class", [])
    assert "short-table" not in soup.find(id="threat--tab-wordy").get("class", [])
    assert "short-table" not in soup.find(id="threat--fig-x").get("class", [])
