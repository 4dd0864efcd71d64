"""Tables for the book: whole (never truncated by pandas' display limits), without the index."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.frame.to_html(
            index=False, border=0, classes="data-table", na_rep="", float_format=lambda x: f"{x:g}"
        )


def glue_table(key: str, frame: pd.DataFrame) -> None:
    from myst_nb import glue

    glue(key, Table(frame.reset_index(drop=True)), display=False)


def _cell(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def cited_markdown(frame: pd.DataFrame, sources: str = "sources") -> str:
    """A MyST table of `frame` whose last column cites each row's source keys (a list column)."""
    cols = [c for c in frame.columns if c != sources]
    head = "| " + " | ".join([*cols, "Sources"]) + " |\n|" + "---|" * (len(cols) + 1) + "\n"
    rows = []
    for _, r in frame.iterrows():
        keys = [k for k in (r[sources] or []) if k]
        cite = f"{{cite:p}}`{','.join(keys)}`" if keys else ""
        rows.append("| " + " | ".join(_cell(r[c]) for c in cols) + f" | {cite} |")
    return head + "\n".join(rows)


def glue_cited_table(key: str, frame: pd.DataFrame, sources: str = "sources") -> None:
    """Glue a cited MyST table under `key`, for {glue:md} with :format: myst."""
    from IPython.display import Markdown
    from myst_nb import glue

    glue(key, Markdown(cited_markdown(frame, sources)), display=False)
