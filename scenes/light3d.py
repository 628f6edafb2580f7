"""Light 3-D primitives that Cairo renders quickly, and screen-space label placement.

Cairo draws ``Arrow3D`` slowly (its cone ignores ``resolution``), so arrows here are a thin
``Line3D`` with few faces plus an 8-sided ``Cone``. Labels in 3-D scenes are flat text that
faces the camera at a fixed *screen* offset from the point it names (see ``pin_label``), and
``place_labels`` picks those offsets so that labels do not overlap each other or the dots,
checked at several camera angles of a sweep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import Cone, Line, Mobject, VGroup

Box = tuple[float, float, float, float]  # left, bottom, right, top in screen units

# candidate label offsets (unit directions on screen), the first is the default
_DIRECTIONS: tuple[tuple[float, float], ...] = (
    (1, 0), (1, 0.7), (1, -0.7), (-1, 0), (-1, 0.7), (-1, -0.7), (0, 1), (0, -1),
)


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


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(center: np.ndarray, w: float, h: float, pad: float) -> Box:
    return (center[0] - w / 2 - pad, center[1] - h / 2 - pad,
            center[0] + w / 2 + pad, center[1] + h / 2 + pad)


def place_labels(views: Sequence[np.ndarray], sizes: Sequence[tuple[float, float]],
                 dot_radius: float = 0.08, gap: float = 0.1, pad: float = 0.03,
                 frame: Box | None = None,
                 obstacles: Sequence[Sequence[Box]] | None = None,
                 preferred: Sequence[Sequence[tuple[float, float]]] | None = None,
                 droppable: Sequence[bool] | None = None,
                 priority: Sequence[int] | None = None) -> Placement:
    """Greedy label placement valid in every view.

    ``views``: for each sampled camera view, an (n, 2) array of the anchors' screen positions.
    ``sizes``: (width, height) of each label. ``obstacles``: boxes to avoid, one list per view.
    ``preferred``: per label, offsets to try first (empty: start right of the dot). Each label
    tries those, then eight spots around the anchor (near, then farther); the first that
    overlaps no placed label, no dot, no obstacle and stays inside ``frame`` in every view wins;
    else the least bad one, or, when the label is ``droppable``, none: it is left out (its
    dot stays) and later labels are free to use its place. ``priority`` (lower first) decides
    which droppable labels claim their spots first, e.g. the lecturer's order of words.
    """
    n = len(sizes)
    views = [np.asarray(v, dtype=float)[:, :2] for v in views]
    obstacles = obstacles if obstacles is not None else [[] for _ in views]
    if len(obstacles) != len(views):
        raise ValueError("place_labels needs one obstacle list per view.")
    preferred = preferred if preferred is not None else [()] * n
    droppable = droppable if droppable is not None else [False] * n
    priority = priority if priority is not None else [0] * n
    dots = [[_box(v[i], 2 * dot_radius, 2 * dot_radius, 0.0) for i in range(n)] for v in views]
    placed: list[list[Box]] = [[] for _ in views]
    overlaps = 0
    # labels that must show first, then those with a preferred spot, then by priority, then
    # crowded anchors (they have the fewest free spots)
    crowd = [sum(float(np.sum(np.linalg.norm(v - v[i], axis=1) < 1.0)) for v in views)
             for i in range(n)]
    order = sorted(range(n), key=lambda i: (droppable[i], not preferred[i], priority[i],
                                            -crowd[i]))
    result: dict[int, tuple[tuple[float, float], bool, bool]] = {}
    for i in order:
        w, h = sizes[i]
        candidates = [(ux * (w / 2 + dot_radius + gap * far), uy * (h / 2 + dot_radius
                                                                     + gap * far / 2))
                      for far in (1.0, 3.0) for ux, uy in _DIRECTIONS]
        candidates = [(float(x), float(y)) for x, y in preferred[i]] + candidates
        best: tuple[int, int, tuple[float, float]] | None = None
        for k, off in enumerate(candidates):
            clashes = 0
            for vi, v in enumerate(views):
                box = _box(v[i] + np.array(off), w, h, pad)
                if frame is not None and not (box[0] >= frame[0] and box[1] >= frame[1]
                                              and box[2] <= frame[2] and box[3] <= frame[3]):
                    clashes += 100
                clashes += sum(_overlap(box, b) for b in placed[vi])
                clashes += sum(_overlap(box, d) for j, d in enumerate(dots[vi])
                               if j != i and j < n)
                clashes += sum(_overlap(box, o) for o in obstacles[vi])
            if best is None or clashes < best[0]:
                best = (clashes, k, off)
            if clashes == 0:
                break
        assert best is not None
        clashes, k, off = best
        if clashes and droppable[i]:
            result[i] = (off, k != 0, True)
            continue
        overlaps += clashes
        for vi, v in enumerate(views):
            placed[vi].append(_box(v[i] + np.array(off), w, h, pad))
        result[i] = (off, k != 0, False)
    return Placement(tuple(result[i][0] for i in range(n)), tuple(result[i][1] for i in range(n)),
                     overlaps, tuple(result[i][2] for i in range(n)))


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


__all__ = ["LightArrow", "baseline", "stack_rows", "pin_label", "place_labels",
           "screen_views", "Placement", "Box"]
