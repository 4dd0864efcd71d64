"""Labels that collide with nothing: measure what a drawn figure shows, and place labels in free space.

Everything is measured in display pixels on the drawn figure: a label is the box of its text and of
its background patch (a badge's circle, a label's white box); a node is the box of its scatter marker,
from the marker's path, its size in points² and its offset; a line (a network's link) is its drawn
segments. `collisions` reports every label that overlaps another label, a node other than its own, or
a line it is given; `place` puts each label beside its node at the first free spot of a fixed list of
candidates, so the same figure always gets the same labels."""

from __future__ import annotations

import math
from itertools import combinations, pairwise
from numbers import Real

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.text import Text

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels

# Where a label may go, in order of preference: above, below, right, left, then the diagonals.
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
# Between those, for crowded figures (place(..., fine=True)): a label slid half way along a side of
# its node, so it can sit in the gap between two links.
BETWEEN = ((0.5, 1), (-0.5, 1), (0.5, -1), (-0.5, -1), (1, 0.5), (1, -0.5), (-1, 0.5), (-1, -0.5))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grow(b: Box, by: float) -> Box:
    return (b[0] - by, b[1] - by, b[2] + by, b[3] + by)


def inside_length(seg: Segment, box: Box) -> float:
    """How much of a straight segment runs inside a box (0.0: it misses the box): Liang-Barsky clipping."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return 0.0
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return 0.0
    return (t1 - t0) * math.hypot(dx, dy)


def segments(lines) -> list[Segment]:
    """The straight pieces of drawn lines (Line2D), in display pixels."""
    out = []
    for line in lines:
        pts = line.get_transform().transform(line.get_xydata())
        out += [(*a, *b) for a, b in pairwise(pts) if all(map(math.isfinite, (*a, *b)))]
    return out


def label_box(text, renderer) -> Box:
    """The box a label covers: its text and, when it has one, its background patch (an annotation's
    leader line is not part of its label)."""
    bb = Text.get_window_extent(text, renderer)
    x0, y0, x1, y1 = bb.x0, bb.y0, bb.x1, bb.y1
    patch = text.get_bbox_patch()
    if patch is not None:
        text.update_bbox_position_size(renderer)
        pb = patch.get_window_extent(renderer)
        x0, y0, x1, y1 = min(x0, pb.x0), min(y0, pb.y0), max(x1, pb.x1), max(y1, pb.y1)
    return (x0, y0, x1, y1)


def _all_axes(axes) -> list:
    """The axes and, within each, its inset axes (a map's enlarged detail), which fig.axes leaves out."""
    return [a for ax in axes for a in [ax, *_all_axes(ax.child_axes)]]


def node_boxes(fig) -> list[tuple[Box, tuple[float, float]]]:
    """(box, centre) of every scatter marker in the figure's axes, in display pixels.

    A scatter marker is its path scaled by sqrt(size in points²) points, centred on its offset."""
    out = []
    for ax in _all_axes(fig.axes):
        for coll in ax.collections:
            if not isinstance(coll, PathCollection) or not coll.get_visible():
                continue
            paths, sizes = coll.get_paths(), coll.get_sizes()
            offsets = coll.get_offset_transform().transform(coll.get_offsets())
            edge = max(coll.get_linewidths(), default=0.0) / 2 * fig.dpi / 72
            for i, (cx, cy) in enumerate(offsets):
                if not (math.isfinite(cx) and math.isfinite(cy)) or not len(paths) or not len(sizes):
                    continue
                ext = paths[i % len(paths)].get_extents()
                scale = math.sqrt(sizes[i % len(sizes)]) * fig.dpi / 72
                out.append(
                    (
                        (
                            cx + ext.x0 * scale - edge,
                            cy + ext.y0 * scale - edge,
                            cx + ext.x1 * scale + edge,
                            cy + ext.y1 * scale + edge,
                        ),
                        (float(cx), float(cy)),
                    )
                )
    return out


def _own(centre: tuple[float, float], points: list[tuple[float, float]]) -> bool:
    return any(abs(centre[0] - p[0]) < 0.5 and abs(centre[1] - p[1]) < 0.5 for p in points)


def _owned_px(texts, owners) -> list[list[tuple[float, float]]]:
    """Display positions of the node(s) each label names. owners[i]: a data point (x, y), a list of
    points (a place drawn as several markers side by side; the first is where the label goes), or
    None when the label names no node."""
    owners = list(owners) if owners is not None else [None] * len(texts)
    out = []
    for t, o in zip(texts, owners):
        points = [] if o is None else ([o] if isinstance(o[0], Real) else list(o))
        out.append([tuple(float(v) for v in t.axes.transData.transform(p)) for p in points])
    return out


def _leads_to(seg: Segment, points, box: Box) -> bool:
    """A label's own leader line: from its node to inside its box (the box hides the rest)."""
    ends = ((seg[0], seg[1]), (seg[2], seg[3]))
    return any(_own(a, points) and box[0] <= b[0] <= box[2] and box[1] <= b[1] <= box[3] for a, b in (ends, ends[::-1]))


def _on_own_node(points, box: Box) -> bool:
    """A label set on its own node (a network's centre), where that node's links converge: links pass
    under its opaque box, and it names the node it covers."""
    return any(box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3] for p in points)


def collisions(fig, texts, owners=None, lines=(), clear_px: float = 0.0) -> list[str]:
    """Every label that overlaps another label, a node other than the one it names, or one of `lines`
    (Line2D, e.g. a network's links; a label's own leader line aside, and any line under a label set
    on its own node) in the drawn figure. `owners[i]`
    is the data point of the node label i names (see _owned_px; None: no node). With `clear_px`, labels
    must stay that far from each other and from other nodes: touching counts as overlapping."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [label_box(t, renderer) for t in texts]
    owned = _owned_px(texts, owners)
    half = clear_px / 2
    found = [
        f"label {texts[i].get_text()!r} overlaps label {texts[j].get_text()!r}"
        for i, j in combinations(range(len(texts)), 2)
        if overlaps(_grow(boxes[i], half), _grow(boxes[j], half))
    ]
    for box, centre in node_boxes(fig):
        for i, t in enumerate(texts):
            if overlaps(_grow(boxes[i], clear_px), box) and not _own(centre, owned[i]):
                found.append(f"label {t.get_text()!r} overlaps a node at ({centre[0]:.0f}, {centre[1]:.0f}) px")
    segs = segments(lines)
    for i, t in enumerate(texts):
        if _on_own_node(owned[i], boxes[i]):
            continue
        crossing = [g for g in segs if inside_length(g, boxes[i]) > 0 and not _leads_to(g, owned[i], boxes[i])]
        if crossing:
            found.append(f"label {t.get_text()!r} is crossed by {len(crossing)} line(s)")
    return found


def _directions(away, fine: bool = False) -> tuple[tuple[float, float], ...]:
    """DIRECTIONS (and BETWEEN when `fine`), those pointing most along `away` (a vector, or None)
    first; ties keep their order."""
    spots = DIRECTIONS + BETWEEN if fine else DIRECTIONS
    if away is None or not any(away):
        return spots
    return tuple(sorted(spots, key=lambda d: -(d[0] * away[0] + d[1] * away[1]) / math.hypot(*d)))


def _overlap_areas(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Areas of overlap of every box in `a` (n x 4) with every box in `b` (m x 4): n x m."""
    if not len(a) or not len(b):
        return np.zeros((len(a), len(b)))
    a, b = a[:, None, :], b[None, :, :]
    wide = np.clip(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0, None)
    high = np.clip(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0, None)
    return wide * high


def _inside_lengths(segs: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """inside_length of every segment (n x 4) in every box (m x 4), clipped at once: n x m."""
    if not len(segs) or not len(boxes):
        return np.zeros((len(segs), len(boxes)))
    s, b = segs[:, None, :], boxes[None, :, :]
    x0, y0 = s[..., 0], s[..., 1]
    dx, dy = s[..., 2] - x0, s[..., 3] - y0
    shape = np.broadcast_shapes(s.shape[:2], b.shape[:2])
    t0, t1, miss = np.zeros(shape), np.ones(shape), np.zeros(shape, bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, x0 - b[..., 0]), (dx, b[..., 2] - x0), (-dy, y0 - b[..., 1]), (dy, b[..., 3] - y0)):
            p, q = np.broadcast_to(p, t0.shape), np.broadcast_to(q, t0.shape)
            miss |= (p == 0) & (q < 0)
            t = np.where(p != 0, q / np.where(p != 0, p, 1), 0)
            t0 = np.where(p < 0, np.maximum(t0, t), t0)
            t1 = np.where(p > 0, np.minimum(t1, t), t1)
    length = (t1 - t0) * np.hypot(dx, dy)
    return np.where(miss | (t0 > t1), 0.0, length)


def _crossings(leaders: np.ndarray, segs: np.ndarray) -> np.ndarray:
    """For every leader (n x 4), how many segments (m x 4) it crosses properly, leaving out those it
    shares an end with (within half a pixel: the node's own links)."""
    if not len(leaders) or not len(segs):
        return np.zeros(len(leaders))
    a, b = leaders[:, None, :], segs[None, :, :]

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])

    p1, p2, p3, p4 = a[..., 0:2], a[..., 2:4], b[..., 0:2], b[..., 2:4]
    cross = (side(p3, p4, p1) * side(p3, p4, p2) < 0) & (side(p1, p2, p3) * side(p1, p2, p4) < 0)
    shared = np.zeros(cross.shape, bool)
    for p in (p1, p2):
        for q in (p3, p4):
            shared |= np.hypot(p[..., 0] - q[..., 0], p[..., 1] - q[..., 1]) < 0.5
    return (cross & ~shared).sum(axis=1)


def _box_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The gap between every box in `a` (n x 4) and the nearest box in `b` (m x 4); inf if b is empty."""
    if not len(b):
        return np.full(len(a), np.inf)
    a, b = a[:, None, :], b[None, :, :]
    gx = np.clip(np.maximum(b[..., 0] - a[..., 2], a[..., 0] - b[..., 2]), 0, None)
    gy = np.clip(np.maximum(b[..., 1] - a[..., 3], a[..., 1] - b[..., 3]), 0, None)
    return np.hypot(gx, gy).min(axis=1)


def _costs(
    cands, ring_of, anchor, placed, others, segs, clear_px, h, frame, own=(), distinct_px=None, moved_clear_px=None
) -> np.ndarray:
    """What each candidate spot of a label costs (0: free), all candidates at once: the area it
    overlaps of placed labels and other nodes (grown by clear_px), a strip of the label as wide as the
    lines running through it are long, for a spot off its node (ring > 0) a leader line that must not
    cross a placed label and had better not cross a line, and ten times any part outside the axes."""
    clear = cands + np.array([-clear_px, -clear_px, clear_px, clear_px])
    obstacles = np.array(list(placed) + list(others)).reshape(-1, 4)
    seg_arr = np.array(segs).reshape(-1, 4)
    cost = _overlap_areas(clear, obstacles).sum(axis=1)
    cost += h * _inside_lengths(seg_arr, cands).sum(axis=0)
    centres = np.column_stack(((cands[:, 0] + cands[:, 2]) / 2, (cands[:, 1] + cands[:, 3]) / 2))
    leaders = np.column_stack((np.broadcast_to(anchor, centres.shape), centres))
    off = ring_of > 0
    cost += off * h * _inside_lengths(leaders, np.array(list(placed)).reshape(-1, 4)).sum(axis=1)
    cost += off * 0.01 * _crossings(leaders, seg_arr)
    outside = np.clip(frame.x0 - cands[:, 0], 0, None) + np.clip(cands[:, 2] - frame.x1, 0, None)
    outside += np.clip(frame.y0 - cands[:, 1], 0, None) + np.clip(cands[:, 3] - frame.y1, 0, None)
    w = cands[:, 2] - cands[:, 0]
    theirs = _box_distances(cands, np.array(list(others)).reshape(-1, 4))  # the gap to the nearest other node
    if distinct_px is not None:  # a name beside its node must be nearer it than any other node by that much
        mine = _box_distances(cands, np.array(list(own)).reshape(-1, 4))
        cost += ~off * h * np.clip(mine + distinct_px - theirs, 0, None)
    if moved_clear_px is not None:  # a name moved out on a leader must not sit beside another node either
        cost += off * 0.1 * h * np.clip(moved_clear_px - theirs, 0, None)  # less than any overlap
    return cost + outside * (w + h) * 10


def place(
    ax,
    texts,
    owners,
    away=None,
    avoid=(),
    gap_px: float = 2.0,
    rings: int = 8,
    step_px: float = 6.0,
    lines=(),
    clear_px: float = 0.0,
    fine: bool = False,
    distinct_px: float | None = None,
    moved_clear_px: float | None = None,
    keep_out=(),
) -> list[int]:
    """Move each label (in the order given: put the most important first) to the first candidate
    spot beside its node that overlaps no placed label, no node and stays inside the axes. The
    candidates are the DIRECTIONS at the node's edge, then the same directions step_px further out,
    ring by ring; `away[i]` (optional) is a direction label i prefers, e.g. away from its links, and
    `avoid` holds texts that stay where they are (names of seas, say) and must not be covered.
    `lines` (Line2D, a network's links) must not run through a label either, and a label that moves
    out (ring > 0) gets a leader line that must not cross a placed label; `clear_px` keeps labels that
    far from each other and from other nodes; `fine` adds the BETWEEN spots. With `distinct_px`, a label
    beside its node (ring 0) must be that much nearer its own node than any other, or it moves out and
    gets a leader line: a name between two nodes reads as either's. With `moved_clear_px`, a label moved
    out keeps that far from every other node where it can. `keep_out` holds areas of the axes (left,
    bottom, width, height, as axes fractions) that an inset drawn later will cover. A label with no
    free spot takes the candidate that overlaps least.

    Returns, for each label, the ring it went to (0: touching its node), so a caller can draw a
    leader line to a label that had to move out."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    nodes = node_boxes(fig)
    owned = _owned_px(texts, owners)
    frame = ax.get_window_extent(renderer)
    inv = ax.transData.inverted()
    placed: list[Box] = [label_box(t, renderer) for t in avoid]
    for left, bottom, width, height in keep_out:
        (x0, y0), (x1, y1) = ax.transAxes.transform([(left, bottom), (left + width, bottom + height)])
        placed.append((x0, y0, x1, y1))
    segs = segments(lines)
    rings_used = []
    aways = list(away) if away is not None else [None] * len(texts)
    for text, points, prefer in zip(texts, owned, aways):
        anchor = points[0]
        text.set_horizontalalignment("center")
        text.set_verticalalignment("center")
        text.set_position(inv.transform(anchor))
        box = label_box(text, renderer)
        w, h = box[2] - box[0], box[3] - box[1]
        dx0, dy0 = (box[0] + box[2]) / 2 - anchor[0], (box[1] + box[3]) / 2 - anchor[1]
        own = [b for b, c in nodes if _own(c, points)]
        others = [b for b, c in nodes if not _own(c, points)]
        rx = max((max(anchor[0] - b[0], b[2] - anchor[0]) for b in own), default=0.0)
        ry = max((max(anchor[1] - b[1], b[3] - anchor[1]) for b in own), default=0.0)
        spots = _directions(prefer, fine)
        cands, ring_of = [], []
        for ring in range(rings):
            for ux, uy in spots:
                shrink = 0.75 if abs(ux) == abs(uy) else 1.0  # a diagonal spot tucks into the node's corner
                cx = anchor[0] + ux * (rx * shrink + gap_px + w / 2 + ring * step_px)
                cy = anchor[1] + uy * (ry * shrink + gap_px + h / 2 + ring * step_px)
                cands.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
                ring_of.append(ring)
        cost = _costs(
            np.array(cands),
            np.array(ring_of),
            anchor,
            placed,
            others,
            segs,
            clear_px,
            h,
            frame,
            own,
            distinct_px,
            moved_clear_px,
        )
        # the first free spot in the order of preference, else the one that overlaps least
        free = np.flatnonzero(cost == 0)
        pick = int(free[0]) if len(free) else int(np.argmin(cost))
        cand, ring = cands[pick], ring_of[pick]
        cx, cy = (cand[0] + cand[2]) / 2, (cand[1] + cand[3]) / 2
        text.set_position(inv.transform((cx - dx0, cy - dy0)))
        placed.append(cand)
        if ring:  # later labels keep off this label's leader line too
            segs.append((*anchor, cx, cy))
        rings_used.append(ring)
    return rings_used
