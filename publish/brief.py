"""The short briefing PDF (_build/pdf/brief.pdf, at most 4 pages): key judgments, the timeline and
the partnership network, a sources line and the as-of date, drawn from the same data in the same
build as the report. Tagged (PDF/UA-1) like the report."""
from __future__ import annotations

import html
from pathlib import Path

from analysis import network, report, schema, timeline
from .pdf import edition, font_faces, render

BRIEF_CSS = """
@page { size: A4; margin: 16mm 18mm 18mm 18mm;
  @top-right { content: "Briefing · data as of %(as_of)s"; font: 7.5pt 'Report Sans'; color: #666; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt 'Report Sans'; color: #666; } }
html { font-family: 'Report Serif'; font-size: 9pt; line-height: 1.35; }
h1 { font: bold 17pt 'Report Sans'; color: #0b3d63; margin: 0 0 1mm; bookmark-level: 1; }
h2 { font: bold 11pt 'Report Sans'; color: #0b3d63; margin: 4mm 0 1.5mm; bookmark-level: 2; }
.meta { font: 8.5pt 'Report Sans'; color: #444; margin-bottom: 3mm; border-bottom: 0.6pt solid #0b3d63; padding-bottom: 2mm; }
ol { padding-left: 5mm; margin: 0; } li { margin-bottom: 1.4mm; }
figure { margin: 2mm 0; break-inside: avoid; } img { width: 100%%; }
figcaption { font: 7.5pt 'Report Sans'; color: #333; }
.sources { font: 7.5pt 'Report Sans'; color: #444; margin-top: 3mm; }
.fig-page { break-before: page; }
"""


def write_brief(ev, target: Path, title: str) -> Path:
    work = target.parent / "brief-assets"
    work.mkdir(exist_ok=True)
    t1 = timeline.swimlanes(ev)
    g = network.partnerships(ev)
    n1 = network.draw(g, ev.as_of, "Malaysia's counter-terrorism partnerships", center="malaysia", height_in=5.0)
    (work / "t1.svg").write_bytes(t1.svg)
    (work / "n1.svg").write_bytes(n1.svg)
    s = network.summary(g)
    facts = report.front_matter(ev)
    e = html.escape
    items = "".join(
        f"<li><b>{e(j.statement)}</b> We judge this <b>{e(j.likelihood)}</b> "
        f"({schema.YARDSTICK[j.likelihood][0]}–{schema.YARDSTICK[j.likelihood][1]} %). "
        f"Our confidence is <b>{e(j.confidence)}</b>.</li>" for j in ev.judgments.itertuples())
    doc = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}: briefing</title>
<style>{font_faces()}</style></head><body>
<h1>{e(title)}</h1>
<p class="meta">Briefing, {e(edition()['edition'].lower())} · data as of {e(facts['as_of'])} ·
{e(facts['n_events'])} events, {e(facts['n_relations'])} relations, {e(facts['n_sources'])} graded sources</p>
<h2>Key judgments</h2><ol>{items}</ol>
<p class="sources">Likelihood terms follow the UK PHIA probability yardstick; confidence is stated separately.
{e(facts['pct_two_sources'])} of events cite two or more independent publishers; {e(facts['pct_grade_ab'])} of
sources are graded A or B. The full report, with every source, is report.pdf and the HTML site.</p>
<section class="fig-page"><h2>The record at a glance</h2>
<figure><img src="brief-assets/t1.svg" alt="{e(t1.alt)}"><figcaption>Every event in the evidence base by kind;
numbered key events are listed under the chart.</figcaption></figure></section>
<section class="fig-page"><h2>Whom Malaysia works with</h2>
<figure><img src="brief-assets/n1.svg" alt="{e(n1.alt)}"><figcaption>Counter-terrorism partnerships in force:
{e(str(s['n_partners']))} direct partners. Most central: {e(s['most_central'])}.</figcaption></figure>
<p class="sources">Sources: data/references.bib ({e(facts['n_sources'])} public documents, each graded A–F).
{e(edition()['licence'])}</p></section>
</body></html>"""
    render(doc, f"{target.parent.as_uri()}/", target, b"ct-brief", [BRIEF_CSS % {"as_of": facts["as_of"]}])
    return target
