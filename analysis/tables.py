"""Tables for the book: whole (never truncated by pandas' display limits), without the index."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, border=0, classes="data-table", na_rep="", float_format=lambda x: f"{x:g}")


def glue_table(key: str, frame: pd.DataFrame) -> None:
    from myst_nb import glue

    glue(key, Table(frame.reset_index(drop=True)), display=False)
