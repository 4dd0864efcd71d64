"""Text labels that do not collide: measure them, then push overlapping ones apart."""

from __future__ import annotations

from itertools import combinations


def extents(texts, renderer, pad: float = 1.0):
    out = []
    for t in texts:
        bb = t.get_window_extent(renderer=renderer)
        out.append((bb.x0 - pad, bb.y0 - pad, bb.x1 + pad, bb.y1 + pad))
    return out


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overlapping_pairs(texts, renderer) -> list[tuple[int, int]]:
    boxes = extents(texts, renderer, pad=0.0)
    return [(i, j) for i, j in combinations(range(len(boxes)), 2) if overlaps(boxes[i], boxes[j])]


def declutter(ax, texts, max_rounds: int = 600, step_px: float = 2.0) -> None:
    """Move overlapping labels apart (vertically, then horizontally) until none overlap.

    Deterministic: the same labels in the same order always end in the same place."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    inv = ax.transData.inverted()
    for _ in range(max_rounds):
        boxes = extents(texts, renderer)
        moved = False
        for i, j in combinations(range(len(texts)), 2):
            a, b = boxes[i], boxes[j]
            if not overlaps(a, b):
                continue
            moved = True
            dy = step_px if (a[1] + a[3]) >= (b[1] + b[3]) else -step_px
            dx = step_px / 2 if (a[0] + a[2]) >= (b[0] + b[2]) else -step_px / 2
            for t, sign in ((texts[i], 1), (texts[j], -1)):
                x, y = ax.transData.transform(t.get_position())
                t.set_position(inv.transform((x + sign * dx, y + sign * dy)))
            boxes[i] = extents([texts[i]], renderer)[0]
            boxes[j] = extents([texts[j]], renderer)[0]
        if not moved:
            return
