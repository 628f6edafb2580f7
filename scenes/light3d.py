"""Light 3-D primitives that Cairo renders quickly, and screen-space label placement.

Cairo draws ``Arrow3D`` slowly (its cone ignores ``resolution``), so arrows here are a thin
``Line3D`` with few faces plus an 8-sided ``Cone``. Labels in 3-D scenes are flat text that
faces the camera at a fixed *screen* offset from the point it names (see ``pin_label``), and
``place_labels`` picks those offsets so that, in every view a label is seen in (several camera
angles of a sweep, the steps of a zoom, or one flat 2-D picture), it overlaps no other label,
no dot and no obstacle (boxes and line segments).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from manim import Cone, Line, Mobject, VGroup

Box = tuple[float, float, float, float]  # left, bottom, right, top in screen units



class LightArrow(VGroup):
    """A 3-D arrow from ``start`` to ``end``: a stroked line and an 8-sided cone.

    The shaft is a plain line (one path, constant screen width), so Cairo draws the whole arrow
    as nine small paths; ``Arrow3D`` costs hundreds.
    """

    def __init__(self, start: Sequence[float], end: Sequence[float], color: str,
                 stroke_width: float = 3.0, tip_length: float = 0.16, tip_radius: float = 0.055,
                 opacity: float = 1.0) -> None:
        a = np.asarray(start, dtype=float)
        b = np.asarray(end, dtype=float)
        length = float(np.linalg.norm(b - a))
        if length < 1e-9:
            raise ValueError("A light arrow needs distinct start and end points.")
        direction = (b - a) / length
        tip_length = min(tip_length, 0.45 * length)
        base = b - direction * tip_length
        shaft = Line(a, base, stroke_width=stroke_width, color=color, stroke_opacity=opacity)
        tip = Cone(base_radius=tip_radius, height=tip_length, direction=direction,
                   resolution=(1, 8), fill_color=color, fill_opacity=opacity,
                   stroke_width=0, checkerboard_colors=False)
        tip.shift(b)
        super().__init__(shaft, tip)
        self.start_point = a
        self.end_point = b


DESCENDERS = set("gjpqyQ,;()[]{}|/_@$")


def baseline(text: Any) -> float:
    """The y of a Text's baseline: the bottom of its first glyph without a descender."""
    chars = text.text.replace(" ", "").replace("\n", "")
    plain = [g for g, ch in zip(text, chars, strict=False) if ch not in DESCENDERS]
    return float(plain[0].get_bottom()[1]) if plain else float(text.get_bottom()[1])


def stack_rows(texts: Sequence[Any], pitch: float) -> VGroup:
    """Stack Text rows left-aligned with their baselines ``pitch`` apart (arrange() spaces
    bounding boxes, so rows with descenders drift). Returns them as a VGroup at the origin."""
    if not texts:
        raise ValueError("stack_rows needs at least one row.")
    first = baseline(texts[0])
    left = texts[0].get_left()[0]
    for k, text in enumerate(texts):
        text.shift(np.array([left - text.get_left()[0],
                             first - k * pitch - baseline(text), 0.0]))
    group = VGroup(*texts)
    return group.move_to(np.zeros(3))


def pin_label(scene: object, label: Mobject, anchor: Sequence[float],
              offset: Sequence[float]) -> Mobject:
    """Place ``label`` so it faces the camera at a constant screen ``offset`` from ``anchor``.

    ThreeDCamera draws a fixed-orientation mobject at ``points + project(c) - c`` for its centre
    function ``c``; with ``c`` = the anchor and the label put at anchor + (dx, dy, 0), the label
    sits at project(anchor) + (dx, dy) on screen whatever the camera angle.
    """
    p = np.asarray(anchor, dtype=float)
    label.move_to(p + np.array([offset[0], offset[1], 0.0]))
    scene.add_fixed_orientation_mobjects(label, center_func=lambda: p)  # type: ignore[attr-defined]
    return label


BEYOND_GAP = 0.06  # a line's name starts this far past its end


def along_line(size: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """Where a line's name of ``size`` tries to go first (as ray_shift offsets): on the line,
    then further out, a little to either side, beside the line's end, then further out along
    it (clear of a dot that sits at the end in some view)."""
    side = max(size) / 2 + 0.12
    return ((0.0, 0.0), (0.12, 0.0), (0.25, 0.0), (0.4, 0.0), (0.0, 0.15), (0.0, -0.15),
            (0.25, 0.2), (0.25, -0.2), (0.6, 0.0), (-0.2, side), (-0.2, -side), (0.0, side),
            (0.0, -side), *((0.1 * k, 0.0) for k in range(7, 16)))


def ray_shift(direction: Sequence[float], size: tuple[float, float], gap: float,
              offset: Sequence[float] = (0.0, 0.0)) -> np.ndarray:
    """The screen shift from a line's end to the centre of a box of ``size`` just past it on
    the line (unit screen ``direction``): its edge ``gap`` beyond, so it reads as the line's
    name; then ``offset`` further along the line and across it (to its left)."""
    d = np.asarray(direction, dtype=float)[:2]
    w, h = size
    reach = min(w / 2 / abs(d[0]) if abs(d[0]) > 1e-9 else np.inf,
                h / 2 / abs(d[1]) if abs(d[1]) > 1e-9 else np.inf)
    return d * (reach + gap + offset[0]) + np.array([-d[1], d[0]]) * offset[1]


def line_direction(start: Sequence[float], end: Sequence[float]) -> np.ndarray:
    """The unit screen direction from ``start`` to ``end`` (up when they coincide)."""
    d = np.asarray(end, dtype=float)[:2] - np.asarray(start, dtype=float)[:2]
    n = float(np.linalg.norm(d))
    return d / n if n > 1e-9 else np.array([0.0, 1.0])


def pin_beyond(scene: object, label: Mobject, start: Sequence[float], end: Sequence[float],
               offset: Sequence[float]) -> Mobject:
    """Pin ``label`` just past the 3-D line end ``end`` (drawn as ``pin_label`` draws), on the
    line from ``start`` as it looks on screen, following it as the camera turns; ``offset``
    as in ``ray_shift`` (the placer's ``LabelSpot.along``)."""
    a, b = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    size = (label.width, label.height)
    cam: Any = scene.camera  # type: ignore[attr-defined]

    def follow(m: Mobject) -> None:
        cam.reset_rotation_matrix()
        ends = cam.project_points(np.array([a, b]))
        shift = ray_shift(line_direction(ends[0], ends[1]), size, BEYOND_GAP, offset)
        m.move_to(b + np.array([shift[0], shift[1], 0.0]))

    pin_label(scene, label, b, (0.0, 0.0))
    follow(label)
    label.add_updater(follow)
    return label


@dataclass(frozen=True)
class Placement:
    """Screen offsets for labels, which left their default spot, and which were left out."""

    offsets: tuple[tuple[float, float], ...]
    nudged: tuple[bool, ...]
    overlaps: int  # clashes left among the labels kept, over all views (0 is the goal)
    dropped: tuple[bool, ...] = ()  # labels left out because no free spot was found

    @property
    def any_nudged(self) -> bool:
        return any(n for n, d in zip(self.nudged, self.dropped or [False] * len(self.nudged),
                                     strict=True) if not d)

    @property
    def any_dropped(self) -> bool:
        return any(self.dropped)


DOT_RADIUS = 0.05  # the words' dots (scene units)

# directions to try around a point, on the edge of a square: right and left first (text reads
# best beside its dot), then above and below, then the corners and the points between
_RING: tuple[tuple[float, float], ...] = (
    (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1),
    (1, 0.5), (-1, 0.5), (1, -0.5), (-1, -0.5), (0.5, 1), (-0.5, 1), (0.5, -1), (-0.5, -1),
)
_REACH = (0.0, 0.12, 0.3)  # extra distance from the point, ring by ring
_FAR = (0.5, 0.8)  # and, for a label that must show, farther out still
# last, for crowded places: 32 directions evenly round the point, at finer steps of distance
_FINE: tuple[tuple[float, float], ...] = tuple(
    (float(np.clip(1.5 * np.cos(a), -1, 1)), float(np.clip(1.5 * np.sin(a), -1, 1)))
    for a in np.linspace(0.0, 2 * np.pi, 32, endpoint=False))
_FINE_REACH = (0.0, 0.06, 0.12, 0.2, 0.3)


@dataclass(frozen=True)
class ScreenView:
    """One view of a picture as its labels see it, in screen units: the obstacles they avoid.

    ``boxes`` are other mobjects' bounding boxes (text, arrowheads, circles, panels);
    ``segments`` rows are x0, y0, x1, y1 and a half-width (lines, axes and arrow shafts).
    """

    dots: np.ndarray  # (m, 2) centres of the dots drawn in this view
    frame: Box  # labels stay inside this
    boxes: tuple[Box, ...] = ()
    segments: np.ndarray = field(default_factory=lambda: np.zeros((0, 5)))
    dot_radius: float = DOT_RADIUS


@dataclass(frozen=True)
class LabelSpot:
    """A label to place: its size and, in each view it is seen in, the point it names."""

    size: tuple[float, float]
    anchors: dict[int, np.ndarray]  # view index -> the named point on screen
    preferred: tuple[tuple[float, float], ...] = ()  # offsets to try first
    droppable: bool = False  # may be left out when no clear spot is found
    priority: int = 0  # lower claims its spot first
    radius: float = DOT_RADIUS  # radius of the mark it names (a dot, a circle)
    frames: dict[int, Box] = field(default_factory=dict)  # per-view frame (else the view's)
    rank: int = 0  # the round it is placed in: a later round yields to the labels before it
    # a label past a line's end (pin_beyond): per view, the line's screen direction; the label
    # starts just past the end (beyond_end) and its offset is (further along, across) the line
    along: dict[int, np.ndarray] = field(default_factory=dict)

    def box(self, view: int, offset: Sequence[float]) -> Box:
        """The label's box in ``view`` at ``offset`` from its point."""
        c = np.asarray(self.anchors[view], dtype=float)[:2]
        if view in self.along:
            c = c + ray_shift(self.along[view], self.size, BEYOND_GAP, offset)
        else:
            c = c + np.asarray(offset, dtype=float)
        w, h = self.size
        return (c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2)


def box_inside(box: Box, frame: Box) -> bool:
    """Whether ``box`` lies wholly inside ``frame``."""
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


def box_overlaps(box: Box, others: Sequence[Box]) -> int:
    """How many of ``others`` overlap ``box``."""
    return sum(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]
               for o in others)


def box_distance(box: Box, points: np.ndarray) -> np.ndarray:
    """Distance from each point to the box (0 inside it)."""
    dx = np.maximum.reduce([box[0] - points[:, 0], np.zeros(len(points)), points[:, 0] - box[2]])
    dy = np.maximum.reduce([box[1] - points[:, 1], np.zeros(len(points)), points[:, 1] - box[3]])
    return np.hypot(dx, dy)


def segment_hits(box: Box, segments: np.ndarray) -> int:
    """How many segments (x0, y0, x1, y1, half-width) pass through the box."""
    if not len(segments):
        return 0
    p, q, hw = segments[:, :2], segments[:, 2:4], segments[:, 4:5]
    lo = np.array(box[:2]) - hw
    hi = np.array(box[2:]) + hw
    d = q - p
    flat = np.abs(d) < 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        t1, t2 = (lo - p) / d, (hi - p) / d
    within = (p >= lo) & (p <= hi)
    enter = np.where(flat, np.where(within, -np.inf, np.inf), np.minimum(t1, t2))
    leave = np.where(flat, np.where(within, np.inf, -np.inf), np.maximum(t1, t2))
    return int(np.sum(np.maximum(enter.max(axis=1), 0.0) <= np.minimum(leave.min(axis=1), 1.0)))


def segment_rows(ends: Sequence[tuple[np.ndarray, np.ndarray]], half_width: float) -> np.ndarray:
    """Segments as rows for ScreenView, from the screen points of each one's two ends."""
    if not ends:
        return np.zeros((0, 5))
    return np.array([[a[0], a[1], b[0], b[1], half_width] for a, b in ends], dtype=float)


def label_candidates(spot: LabelSpot, gap: float) -> list[tuple[float, float]]:
    """Offsets to try for a label: its preferred ones, then rings of spots around its point
    (the sides and corners first, then finer steps round it for crowded places, then, for a
    label that must show, farther out)."""
    w, h = spot.size
    out = [(float(x), float(y)) for x, y in spot.preferred]
    for ring, reach in ((_RING, _REACH), (_FINE, _FINE_REACH),
                        (_RING, () if spot.droppable else _FAR)):
        for extra in reach:
            near = spot.radius + gap + extra
            out += [(ux * (w / 2 + near), uy * (h / 2 + near)) for ux, uy in ring]
    return out


def _cost(spot: LabelSpot, off: tuple[float, float], views: Sequence[ScreenView],
          placed: Sequence[Sequence[Box]], pad: float, clear: float, bound: int | None) -> int:
    """The clashes of one label at offset ``off``, summed over the views it is seen in (the
    count stops once it reaches ``bound``: no better than the best so far)."""
    cost = 0
    for v, anchor in spot.anchors.items():
        if bound is not None and cost >= bound:
            break
        view = views[v]
        a = np.asarray(anchor, dtype=float)[:2]
        box = spot.box(v, off)
        if not box_inside(box, spot.frames.get(v, view.frame)):
            cost += 100
        padded = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
        cost += box_overlaps(padded, placed[v]) + box_overlaps(box, view.boxes)
        cost += segment_hits(box, view.segments)
        own = float(box_distance(box, a[None, :])[0])
        cost += own < spot.radius + 0.02  # the label covers its own point
        if len(view.dots):  # other dots: clear by ``clear`` and farther than its own point
            gaps = box_distance(box, view.dots)
            mine = np.linalg.norm(view.dots - a, axis=1) < 1e-6
            # (a line's name reads as the line's by sitting on it: it only must not touch a dot)
            near = gaps < (view.dot_radius + 0.04 if v in spot.along
                           else max(view.dot_radius + clear, own + 0.08))
            cost += int(np.sum(near & ~mine))
    return cost


def place_labels(spots: Sequence[LabelSpot], views: Sequence[ScreenView], gap: float = 0.08,
                 pad: float = 0.08, clear: float = 0.14) -> tuple[Placement, tuple[int, ...]]:
    """Place labels where, in every view they are seen in, they touch nothing else drawn.

    Each label tries its preferred offsets, then spots around its point (near, then farther);
    the first that stays inside the frame and clear of the labels placed before it (by ``pad``),
    of the views' obstacles (boxes and segments), and of every other dot (by ``clear``, and
    farther from them than from its own point, so it is read as that point's label) wins; else
    the least bad one, or, when the label is droppable, none: it is left out (its dot stays) and
    later labels are free to use its place. Labels that must show go first, then those with a
    preferred spot, then by ``priority``, then those in crowded places (they have the fewest
    free spots). A label left out then gets a second chance: a clear spot that only one
    other label blocks is taken when that label finds another clear spot. Returns the
    placement (overlaps: the clashes left among labels kept) and each label's clashes.
    """
    boxes: dict[int, dict[int, Box]] = {}  # each kept label's box, view by view

    def at(i: int, off: tuple[float, float]) -> dict[int, Box]:
        return {v: spots[i].box(v, off) for v in spots[i].anchors}

    def placed(skip: int = -1, extra: dict[int, Box] | None = None) -> list[list[Box]]:
        out = [[b[v] for j, b in boxes.items() if j != skip and v in b] for v in range(len(views))]
        for v, box in (extra or {}).items():
            out[v].append(box)
        return out

    crowd = [sum(int(np.sum(np.linalg.norm(views[v].dots - a, axis=1) < 1.0))
                 for v, a in spot.anchors.items()) for spot in spots]
    order = sorted(range(len(spots)), key=lambda i: (spots[i].rank, spots[i].droppable,
                                                     not spots[i].preferred, spots[i].priority,
                                                     -crowd[i]))
    result: dict[int, tuple[tuple[float, float], bool, bool, int]] = {}
    for i in order:
        spot = spots[i]
        taken = placed()
        best: tuple[int, int, tuple[float, float]] | None = None
        for k, off in enumerate(label_candidates(spot, gap)):
            cost = _cost(spot, off, views, taken, pad, clear, None if best is None else best[0])
            if best is None or cost < best[0]:
                best = (cost, k, off)
            if cost == 0:
                break
        assert best is not None
        cost, k, off = best
        dropped = bool(cost) and spot.droppable
        if not dropped:
            boxes[i] = at(i, off)
        result[i] = (off, k != 0, dropped, 0 if dropped else cost)
    empty: list[list[Box]] = [[] for _ in views]
    for i in order:  # second chance for those left out: move one label aside
        if not result[i][2]:
            continue
        for off in label_candidates(spots[i], gap):
            if _cost(spots[i], off, views, empty, pad, clear, 1):
                continue  # not clear of the picture itself
            mine = at(i, off)
            padded = {v: (b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad) for v, b in mine.items()}
            blockers = [j for j, b in boxes.items()
                        if any(v in b and box_overlaps(padded[v], [b[v]]) for v in mine)]
            if len(blockers) != 1:
                continue
            j = blockers[0]
            others = placed(skip=j, extra=mine)
            move = next(((k, o) for k, o in enumerate(label_candidates(spots[j], gap))
                         if not _cost(spots[j], o, views, others, pad, clear, 1)), None)
            if move is None:
                continue
            boxes[j], result[j] = at(j, move[1]), (move[1], move[0] != 0, False, 0)
            boxes[i], result[i] = mine, (off, True, False, 0)
            break
    n = range(len(spots))
    costs = tuple(result[i][3] for i in n)
    return (Placement(tuple(result[i][0] for i in n), tuple(result[i][1] for i in n), sum(costs),
                      tuple(result[i][2] for i in n)), costs)


def screen_views(camera: object, points: np.ndarray,
                 settings: Sequence[dict[str, Any]]) -> list[np.ndarray]:
    """Screen positions of ``points`` for each camera setting (the camera is restored after).

    A setting names any of ``theta``, ``phi``, ``zoom`` and ``frame_center``.
    """
    cam: Any = camera
    saved = {"theta": cam.get_theta(), "phi": cam.get_phi(), "zoom": cam.get_zoom(),
             "frame_center": np.array(cam.frame_center, dtype=float)}
    pts = np.asarray(points, dtype=float)

    def apply(values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key == "frame_center":
                cam.frame_center = np.asarray(value, dtype=float)
            else:
                getattr(cam, f"set_{key}")(value)
        cam.reset_rotation_matrix()

    out = []
    for setting in settings:
        apply(setting)
        out.append(cam.project_points(pts)[:, :2].copy())
    apply(saved)
    return out


__all__ = ["LightArrow", "baseline", "stack_rows", "pin_label", "pin_beyond", "ray_shift",
           "line_direction", "BEYOND_GAP", "along_line",
           "place_labels", "screen_views", "Placement", "Box", "ScreenView", "LabelSpot",
           "DOT_RADIUS", "label_candidates", "segment_rows", "segment_hits", "box_inside",
           "box_overlaps", "box_distance"]
