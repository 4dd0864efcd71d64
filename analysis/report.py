"""Numbers, tables and figures for the chapters: each function glues what one chapter needs."""
from __future__ import annotations

from . import evidence, network, timeline
from .figures import glue_figure, glue_text


def glue_front_matter():
    ev = evidence.load()
    glue_text(as_of=f"{ev.as_of:%d %B %Y}", n_events=str(len(ev.events)))
    glue_figure("fig_t1", timeline.swimlanes(ev))
