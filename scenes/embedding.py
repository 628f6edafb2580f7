"""Word embeddings: words as vectors in a 3-D slice, nearest neighbours, and vector arithmetic.

Every number comes from ``livenumbers.words`` with the knobs in ``[embedding]`` of the lecture
configuration; the scenes only lay them out. Both are told as narrated beats:
    manim -pqh scenes/embedding.py EmbeddingSpaceScene
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    OUT,
    RIGHT,
    UP,
    UR,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    Text,
    VGroup,
    VMobject,
    config,
)

from livenumbers import gpt, words
from livenumbers.errors import FactsError
from scenes.common import narration, style
from scenes.common.slide import LectureSlide, LectureThreeDSlide
from scenes.common.widgets import (
    flat_text,
    label,
    model_badge,
    number_column,
    scene_title,
    stage_note,
)
from scenes.light3d import (
    Box,
    LightArrow,
    pin_label,
    place_labels,
    screen_views,
    stack_rows,
)

# ---------------------------------------------------------------- shared helpers


def _keys(names: Sequence[str], spec: str) -> list[str]:
    """The model's keys for ``names`` (its case convention), via the vector facts."""
    return [words.vector(w, spec).word for w in names]


def _union(first: Sequence[str], more: Sequence[str]) -> list[str]:
    """``first`` followed by the words of ``more`` not already in it (order kept)."""
    out = list(first)
    for w in more:
        if w not in out:
            out.append(w)
    return out


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _lab(text: str, size: int = style.BODY, color: str = style.TEXT,
         mono: bool = False) -> VMobject:
    """A label as one path (see light3d.flat_text): cheap to draw every frame of a 3-D turn."""
    return flat_text(label(text, size, color=color, mono=mono))


def _outlined(text: VMobject) -> VMobject:
    """Give text a dark outline so it stays legible over lines and arrows."""
    text.set_stroke(style.BACKGROUND, width=5, background=True)
    return text


def _frame_box(margin: float = style.MARGIN) -> Box:
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    return (-w, -h, w, h)


def _bbox(mob: Any, pad: float = 0.05) -> Box:
    return (mob.get_left()[0] - pad, mob.get_bottom()[1] - pad,
            mob.get_right()[0] + pad, mob.get_top()[1] + pad)


# ---------------------------------------------------------------- the 3-D slice

PHI = 68 * np.pi / 180  # camera tilt
THETA = -58 * np.pi / 180  # camera turn at the reference view
SWEEP = 25 * np.pi / 180  # the ambient turn goes from THETA - SWEEP to THETA + SWEEP
RADIUS = 3.1  # the farthest word sits this far from the origin (scene units)
DROP = -0.7  # the cloud sits this far down the z axis, below the title
ZOOM_SPAN = 3.6  # on zooming in, the neighbours spread over about this many units
ZOOM_MAX = 3.0
FOCUS = np.array([-2.2, -0.4])  # where the neighbours' centre lands on screen when zoomed
PLOT_RIGHT = 2.7  # right edge of the zoomed plot area (the panel lies beyond)
# run times of the animations in the two beats the camera turns through (seconds)
ARROWS_TIME, DOTS_TIME, TIPS_TIME = 2.4, 1.2, 1.0


@dataclass(frozen=True)
class SpaceFacts:
    """What EmbeddingSpaceScene draws: the words of a 3-D slice and one word's neighbours."""

    method: str  # "pca" or "axes"
    words: tuple[str, ...]  # every word placed: the configured ones, then the neighbours
    space_words: tuple[str, ...]  # the configured words (the model's keys)
    coords: tuple[tuple[float, float, float], ...]
    axis_labels: tuple[str, str, str]
    explained: tuple[float, float, float]  # each axis's share of the words' spread
    dimensions: int  # entries in each word vector
    gpt3_dim: int  # the chapter's reference: GPT-3's embedding size
    neighbour_word: str
    neighbours: tuple[str, ...]
    similarities: tuple[float, ...]  # cosine similarity of each neighbour, all dimensions
    model_id: str
    example_word: str = ""  # one placed word whose first entries are shown as numbers
    example_values: tuple[float, ...] = ()


EXAMPLE_ENTRIES = 6  # how many of a word vector's entries the first beat shows


@dataclass
class _SpaceStage:
    """The 3-D scene's mobjects and camera views, laid out before the first beat."""

    title: VMobject
    legend: VGroup
    panel: VGroup
    badge: VMobject
    axes: VGroup
    axis_names: list[VMobject]
    dots: list[Dot]
    arrows: list[LightArrow]
    words_a: list[VMobject]  # overview labels kept
    note_a: VMobject | None  # stage notes, when labels were nudged or left out
    note_b: VMobject | None
    hidden: list[Dot]  # dots that leave the picture on zooming in
    zoomed: dict[str, Any]  # the camera setting of the zoomed view
    centre: int
    centre_label: VMobject
    others: list[VMobject]  # labels of words in the zoomed view that are not neighbours
    new_dots: list[Dot]  # neighbours that were not in the overview
    lit_dots: list[Dot]  # neighbours that were
    neighbour_labels: list[VMobject]
    links: VGroup


class EmbeddingSpaceScene(LectureThreeDSlide):
    """Words as vectors in a 3-D slice of the embedding space; the nearest words to one word."""

    shown: SpaceFacts

    def gather(self) -> SpaceFacts:
        """Compute the slice and the neighbours (all from livenumbers.words)."""
        e = self.lecture.embedding
        spec = self.lecture.models.words
        nb = words.neighbours(e.neighbour_word, e.neighbours, spec)
        space = _keys(e.space_words, spec)
        placed = _union(space, [nb.word, *nb.words])
        if e.slice == "pca":
            proj = words.project_pca(placed, spec)
        else:
            proj = words.project_axes(placed, [list(p) for p in e.axes], spec)
        example = words.vector(space[min(2, len(space) - 1)], spec)  # "king" by default
        self.shown = SpaceFacts(
            method=proj.method, words=proj.words, space_words=tuple(space), coords=proj.coords,
            axis_labels=proj.axis_labels, explained=proj.explained,
            dimensions=len(example.values), gpt3_dim=gpt.GPT3_DIM,
            neighbour_word=nb.word, neighbours=nb.words, similarities=nb.similarities,
            model_id=proj.model_id, example_word=example.word,
            example_values=tuple(example.values[:EXAMPLE_ENTRIES]))
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        self.set_camera_orientation(phi=PHI, theta=THETA - SWEEP)
        v = self._stage(s)

        with self.narrate(
            "The vectors in these scenes come from a ready-made word-vector model, not from "
            f"our small GPT. Each word gets {s.dimensions} numbers; GPT-3 gives each token "
            f"{s.gpt3_dim:,}, far too many to draw."
        ):
            self.play(FadeIn(v.title), FadeIn(v.badge), run_time=0.8)
            example = self._example(s)
            self.play(FadeIn(example, shift=RIGHT * 0.2), run_time=1.0)

        how = (f"the three directions along which these {len(s.words)} words vary most"
               if s.method == "pca" else
               "three directions, each running from one word to another")
        with self.narrate(
            f"So we project every word onto a three-dimensional slice of the space, spanned by "
            f"{how}. The legend gives each axis's share of the words' spread."
        ):
            self.play(FadeOut(example), Create(v.axes), FadeIn(v.legend),
                      *[FadeIn(n) for n in v.axis_names], run_time=1.6)

        spin = (
            "From now on, just the arrows' tips. Training tends to pull related words close "
            "together, and to make directions through the space mean something."
        )
        with self.narrate(
            "Every word becomes an arrow from the origin to its own point. Turning a word into "
            "its vector has a name, embedding the word; in a transformer, those vectors are "
            "the columns of a learned table, the embedding matrix."
        ) as beat:
            own = max(beat.duration, ARROWS_TIME + DOTS_TIME + narration.MIN_HOLD)
            ahead = max(narration.speech_seconds(spin, self.lecture.narration.words_per_minute),
                        TIPS_TIME + narration.MIN_HOLD)
            self._turn(2 * SWEEP / (own + ahead))
            self.play(LaggedStart(*[Create(a) for a in v.arrows], lag_ratio=0.08),
                      run_time=ARROWS_TIME)
            space = [v.dots[self._index(w)] for w in s.space_words]
            self.play(*[FadeIn(d) for d in space], *[FadeIn(m) for m in v.words_a],
                      *[a.animate.set_opacity(0.3) for a in v.arrows],
                      *([FadeIn(v.note_a)] if v.note_a else []), run_time=DOTS_TIME)

        with self.narrate(spin) as beat:
            left = THETA + SWEEP - self.camera.get_theta()  # type: ignore[attr-defined]
            self._turn(left / max(beat.duration, TIPS_TIME + narration.MIN_HOLD))
            self.play(*[FadeOut(a) for a in v.arrows], run_time=TIPS_TIME)

        near = ", ".join(s.neighbours[:3])
        with self.narrate(
            f"Now we turn to one word, \u201c{s.neighbour_word}\u201d, and search the model's "
            f"whole vocabulary for the {len(s.neighbours)} vectors closest to it. Words such "
            f"as {near} come back: nearness in this space goes with nearness in meaning."
        ):
            self.stop_ambient_camera_rotation()
            # the axes go too: zoomed in, only unlabelled fragments of them would show
            self.play(*[FadeOut(m) for m in v.words_a + v.axis_names], FadeOut(v.legend),
                      FadeOut(v.axes),
                      *([FadeOut(v.note_a)] if v.note_a else []),
                      *([FadeIn(v.note_b)] if v.note_b else []),
                      *[FadeOut(d) for d in v.hidden], run_time=0.6)
            self.move_camera(**v.zoomed, run_time=2.0)
            centre = v.dots[v.centre]
            self.play(FadeIn(centre), centre.animate.set_color(style.HIGHLIGHT),
                      FadeIn(v.centre_label), *[FadeIn(m) for m in v.others],
                      FadeIn(v.panel[0]), FadeIn(v.panel[1]), run_time=0.8)
            self.play(LaggedStart(*[FadeIn(row, shift=LEFT * 0.2) for row in v.panel[2]],
                                  lag_ratio=0.2),
                      *[FadeIn(d) for d in v.new_dots],
                      *[d.animate.set_color(style.HIGHLIGHT) for d in v.lit_dots],
                      *[FadeIn(m) for m in v.neighbour_labels], Create(v.links), run_time=2.2)

        with self.narrate(
            f"The panel scores each neighbour by cosine similarity, measured in all "
            f"{s.dimensions} dimensions: 1 would mean pointing exactly the same way. Our "
            "three-dimensional slice can only hint at those distances; two words that look "
            "close here may still be far apart in the full space."
        ):
            self.play(Indicate(v.panel[2], color=style.HIGHLIGHT, scale_factor=1.05),
                      run_time=1.2)

    # ---- layout

    def _index(self, word: str) -> int:
        return self.shown.words.index(word)

    def _example(self, s: SpaceFacts) -> VGroup:
        """Layout: one word's vector as the column of numbers it really is (first entries)."""
        name = label(f"\u201c{s.example_word}\u201d", style.BODY)
        col = number_column(s.example_values, size=style.BODY)
        count = label(f"{s.dimensions} numbers", style.SMALL, color=style.DATA)
        group = VGroup(name, col).arrange(RIGHT, buff=0.35)
        count.next_to(col, DOWN, buff=0.2)
        group = VGroup(group, count).move_to(LEFT * 2.5 + DOWN * 0.4)
        self._fix(group)
        return group

    def _turn(self, rate: float) -> None:
        """Turn the camera steadily at ``rate`` radians a second (replacing any earlier turn)."""
        self.stop_ambient_camera_rotation()
        self.begin_ambient_camera_rotation(rate=rate)

    def _world(self, coords: Sequence[Sequence[float]]) -> np.ndarray:
        c = np.asarray(coords, dtype=float)
        scale = RADIUS / max(float(np.max(np.linalg.norm(c, axis=1))), 1e-9)
        return c * scale + OUT * DROP

    def _title(self, s: SpaceFacts) -> VMobject:
        return flat_text(scene_title(f"A 3-D slice of {s.dimensions}-D word space"))

    def _legend(self, s: SpaceFacts) -> VGroup:
        """How the slice is chosen, and each axis's share of the words' spread."""
        if s.method == "pca":
            how = ["the top 3 principal components", f"of these {len(s.words)} words"]
            unit = "variance"
        else:
            how = ["three word-pair directions,", "each made perpendicular to the last"]
            unit = "spread"
        head = _lab("How this slice is chosen:", style.SMALL)
        lines = VGroup(*[_lab(t, style.TINY, color=style.DATA) for t in how])
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        names = [_lab(n, style.SMALL) for n in s.axis_labels]
        shares = [_lab(_pct(x), style.SMALL, color=style.DATA) for x in s.explained]
        name_w = max(m.width for m in names)
        rows = VGroup()
        for name, share in zip(names, shares, strict=True):
            share.next_to(name, RIGHT, buff=0.3 + name_w - name.width)
            rows.add(VGroup(name, share))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        foot = VGroup(_lab(f"% = share of the words' {unit}", style.TINY, color=style.DATA),
                      _lab("origin = mean of the words shown", style.TINY, color=style.DATA))
        foot.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        legend = VGroup(head, lines, rows, foot).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        return legend.to_corner(UR, buff=style.MARGIN)

    def _panel(self, s: SpaceFacts) -> VGroup:
        """The neighbours and their cosine similarities, top right."""
        head = _lab(f"Closest to \u201c{s.neighbour_word}\u201d", style.BODY,
                    color=style.HIGHLIGHT)
        sub = _lab(f"cosine similarity, all {s.dimensions} dimensions", style.TINY,
                   color=style.DATA)
        width = max(len(w) for w in s.neighbours)
        texts = [label(f"{w.ljust(width)}  {v:.2f}", style.SMALL, mono=True,
                       t2c={f"[{width + 2}:]": style.HIGHLIGHT})
                 for w, v in zip(s.neighbours, s.similarities, strict=True)]
        rows = VGroup(*[flat_text(t) for t in stack_rows(texts, 0.42)])
        panel = VGroup(head, sub, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        if panel.height > config.frame_height - 1.6:
            panel.scale_to_fit_height(config.frame_height - 1.6)
        return panel.to_corner(UR, buff=style.MARGIN).shift(DOWN * 0.2)

    def _axes(self, s: SpaceFacts) -> tuple[VGroup, np.ndarray, list[VMobject]]:
        """Plain lines through the origin, with their names' anchors beyond the positive ends."""
        axis_len = RADIUS + 0.3
        origin = OUT * DROP
        axes = VGroup(*[Line(origin - d * axis_len, origin + d * axis_len, stroke_width=2,
                             color=style.DATA_DIM) for d in (RIGHT, UP, OUT)])
        tips = np.array([origin + d * (axis_len + 0.12) for d in (RIGHT, UP, OUT)])
        return axes, tips, [_outlined(_lab(n, style.TINY)) for n in s.axis_labels]

    def _zoom_setting(self, points: np.ndarray, focus_set: list[int]) -> dict[str, Any]:
        """The camera setting that frames the neighbour word and its neighbours."""
        base = screen_views(self.camera, points, [{"theta": THETA}])[0]
        spread = np.ptp(base[focus_set], axis=0).max()
        zoom = float(np.clip(ZOOM_SPAN / max(spread, 1e-6), 1.0, ZOOM_MAX))
        rot = self._rotation(THETA)
        middle = points[focus_set].mean(axis=0)
        centre_fc = middle - rot.T @ np.array([FOCUS[0] / zoom, FOCUS[1] / zoom, 0.0])
        return {"theta": THETA, "zoom": zoom, "frame_center": centre_fc}

    def _stage(self, s: SpaceFacts) -> _SpaceStage:
        """Every mobject of the scene, with labels placed for the turn and the zoomed view."""
        points = self._world(s.coords)
        space = [self._index(w) for w in s.space_words]
        neighbours = [self._index(w) for w in s.neighbours]
        centre = self._index(s.neighbour_word)
        focus_set = [centre, *neighbours]
        title, legend, panel = self._title(s), self._legend(s), self._panel(s)
        badge = flat_text(model_badge(s.model_id, "word vectors"))
        frame = _frame_box(0.15)
        axes, axis_tips, axis_names = self._axes(s)

        # overview labels: the placed words and the axes, valid over the whole camera turn
        labels_a = [_outlined(_lab(s.words[i], style.SMALL)) for i in space]
        anchors_a = np.vstack([points[space], axis_tips])
        thetas = np.linspace(THETA - SWEEP, THETA + SWEEP * 1.15, 7)
        views_a = screen_views(self.camera, anchors_a, [{"theta": t} for t in thetas])
        blocked = [_bbox(title), _bbox(legend), _bbox(badge)]
        place_a = place_labels(views_a, [(m.width, m.height) for m in labels_a + axis_names],
                               frame=frame, obstacles=[blocked] * len(views_a),
                               preferred=[()] * len(labels_a) + [((0.0, 0.0),)] * 3,
                               droppable=[True] * len(labels_a) + [False] * 3,
                               # the lecturer's first words keep their labels when crowded
                               priority=[*range(len(labels_a)), 0, 0, 0])

        # the zoomed view on the neighbour word: which words fall inside, and their labels
        zoomed = self._zoom_setting(points, focus_set)
        view_b = screen_views(self.camera, points, [zoomed])[0]
        area = (frame[0], frame[1] + 0.3, PLOT_RIGHT, _bbox(title)[1])
        inside = [i for i in range(len(points))
                  if area[0] + 0.2 < view_b[i][0] < area[2] - 0.4
                  and area[1] + 0.2 < view_b[i][1] < area[3] - 0.2]
        shown_b = _union(focus_set, inside)
        labels_b = [_outlined(_lab(s.words[i], style.SMALL,
                                   color=style.HIGHLIGHT if i in focus_set else style.TEXT))
                    for i in shown_b]
        # the lines from the word to its neighbours, sampled as small boxes labels avoid
        link_boxes: list[Box] = []
        for i in neighbours:
            for t in np.linspace(0.12, 0.88, 14):
                q = view_b[centre] + t * (view_b[i] - view_b[centre])
                link_boxes.append((q[0] - 0.04, q[1] - 0.04, q[0] + 0.04, q[1] + 0.04))
        place_b = place_labels([view_b[shown_b]], [(m.width, m.height) for m in labels_b],
                               frame=area, obstacles=[[_bbox(badge), *link_boxes]],
                               droppable=[i != centre for i in shown_b])
        self.placement = (place_a, place_b)
        kept_a = [m for m, d in zip(labels_a, place_a.dropped, strict=False) if not d]
        kept_b = {i: m for i, m, d in zip(shown_b, labels_b, place_b.dropped, strict=True)
                  if not d}
        self.zoomed_view = {"zoom": zoomed["zoom"],
                            "labelled": tuple(s.words[i] for i in shown_b if i in kept_b)}

        dots = []
        for i, p in enumerate(points):
            dot = Dot(p, radius=0.06, color=style.TEXT if i in space else style.HIGHLIGHT)
            self.add_fixed_orientation_mobjects(dot)
            dots.append(dot)
        self.remove(*dots)
        for lab, p, off in zip(labels_a + axis_names, anchors_a, place_a.offsets, strict=True):
            pin_label(self, lab, p, off)
        for lab, i, off in zip(labels_b, shown_b, place_b.offsets, strict=True):
            pin_label(self, lab, points[i], off)
        self.remove(*labels_a, *axis_names, *labels_b)
        origin = OUT * DROP
        arrows = [LightArrow(origin, points[i], style.DATA, opacity=0.8) for i in space]
        note_a = flat_text(stage_note(self._note_text(place_a)))
        note_b = flat_text(stage_note(self._note_text(place_b, listed=True)))
        self._fix(title, legend, panel, badge, note_a, note_b)
        self.frame_parts = VGroup(title, legend, panel, badge, note_a, note_b)  # (tests)
        links = VGroup(*[Line(points[centre], points[i], stroke_width=2,
                              color=style.HIGHLIGHT, stroke_opacity=0.5)
                         for i in neighbours if i in inside])
        return _SpaceStage(
            title=title, legend=legend, panel=panel, badge=badge, axes=axes,
            axis_names=axis_names, dots=dots, arrows=arrows, words_a=kept_a,
            note_a=note_a if place_a.any_nudged or place_a.any_dropped else None,
            note_b=note_b if place_b.any_nudged or place_b.any_dropped else None,
            hidden=[dots[i] for i in space if i not in focus_set and i not in inside],
            zoomed=zoomed, centre=centre, centre_label=kept_b[centre],
            others=[m for i, m in kept_b.items() if i not in focus_set],
            new_dots=[dots[i] for i in neighbours if i not in space and i in inside],
            lit_dots=[dots[i] for i in neighbours if i in space],
            neighbour_labels=[kept_b[i] for i in neighbours if i in kept_b], links=links)

    def _fix(self, *mobs: Any) -> None:
        """Fix mobjects in the frame without showing them yet."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)

    @staticmethod
    def _note_text(placement: Any, listed: bool = False) -> str:
        """The stage note for a label placement: what was arranged by hand."""
        if placement.any_dropped:
            return ("labels nudged; crowded ones left out"
                    + (" (all listed at right)" if listed else ""))
        return "labels nudged apart for legibility"

    def _rotation(self, theta: float) -> np.ndarray:
        """The camera's rotation matrix at ``theta`` (current phi), restoring the camera."""
        cam: Any = self.camera
        old = cam.get_theta()
        cam.set_theta(theta)
        rot = cam.generate_rotation_matrix()
        cam.set_theta(old)
        return rot


# ---------------------------------------------------------------- vector arithmetic

# The two directions of an analogy's parallelogram (b→c with a→e, and b→a with c→e). For
# king − man + woman these are the chapter's gender and royal colours.
PAIR_ADD = style.WORD_COLORS["gender"]
PAIR_SIDE = style.WORD_COLORS["royal"]
# left, bottom, right, top of the four-word drawing (room above it for the labels)
DIAGRAM = (-5.4, -2.55, -0.6, 1.95)
ALIGNED = 0.55  # a cosine from which two arrows count as pointing much the same way
FORMULA_GAP = 0.7  # between the title and the formula beside it
PANEL_WIDTH = 6.9  # the right-hand panel (cosines and nearest words) is scaled down to this
TEX_SPECIALS = {"\\": r"\textbackslash{}", "_": r"\_", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "{": r"\{", "}": r"\}", "^": r"\^{}", "~": r"\~{}"}


def _tex(word: str) -> str:
    """A word as LaTeX text (specials escaped)."""
    return r"\text{" + "".join(TEX_SPECIALS.get(ch, ch) for ch in word) + "}"


def _diff(x: str, y: str) -> str:
    return f"{_tex(x)} - {_tex(y)}"


def _fit(points: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Scale and centre 2-D points uniformly into ``box`` (layout only)."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    scale = min((box[2] - box[0]) / span[0], (box[3] - box[1]) / span[1])
    centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
    return (points - (lo + hi) / 2) * scale + centre


def analogy_view(coords: Sequence[Sequence[float]],
                 box: tuple[float, float, float, float] = DIAGRAM) -> np.ndarray:
    """Screen positions of a, b, c, e and the point a − b + c from their PCA coordinates.

    Only layout: the first two principal coordinates, turned so that c − b points right and
    flipped so that a lies above b (a rotation or mirror keeps every angle and length), then
    fitted into the drawing's box. Returns a (5, 3) array: a, b, c, e, a − b + c.
    """
    xy = np.asarray(coords, dtype=float)[:, :2]
    a, b, c, e = xy
    pts = np.vstack([a, b, c, e, a - b + c])  # PCA is affine, so this is where a − b + c lands
    d = c - b
    if np.linalg.norm(d) > 1e-9:
        ang = -np.arctan2(d[1], d[0])
        rot = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
        pts = pts @ rot.T
    if pts[0, 1] < pts[1, 1]:
        pts[:, 1] *= -1
    fitted = _fit(pts, box)
    return np.hstack([fitted, np.zeros((5, 1))])


@dataclass(frozen=True)
class AnalogyShown:
    """One analogy a − b + c ≈ expected as the scene draws it."""

    a: str
    b: str
    c: str
    expected: str
    words: tuple[str, ...]  # the nearest words to a − b + c, best first
    similarities: tuple[float, ...]
    expected_rank: int | None  # 1 = the expected word comes first
    expected_similarity: float | None
    cos_added: float  # cos(c − b, e − a): the added arrow against the side it should match
    cos_side: float  # cos(a − b, e − c): the other pair of sides
    coords: tuple[tuple[float, float, float], ...]  # PCA of a, b, c, e
    explained_2d: float  # share of the four words' spread in the 2-D view
    model_id: str


@dataclass(frozen=True)
class ArithmeticFacts:
    """What EmbeddingArithmeticScene draws: every configured analogy."""

    analogies: tuple[AnalogyShown, ...]
    dimensions: int
    model_id: str


def _alike(cosine: float) -> str:
    """How parallel two arrows are, in words, from the cosine of their angle (as shown)."""
    shown = round(cosine, 2)
    if shown >= 0.75:
        return "almost the same way"
    if shown >= ALIGNED:
        return "much the same way"
    if shown >= 0.35:
        return "only loosely the same way"
    return "only faintly the same way"


def _sentence(text: str) -> str:
    """``text`` with a capital first letter (the model's words may be all lower case)."""
    return text[:1].upper() + text[1:]


class EmbeddingArithmeticScene(LectureSlide):
    """woman − man ≈ queen − king, king + (woman − man) ≈ queen, and the configured analogies."""

    shown: ArithmeticFacts

    def gather(self) -> ArithmeticFacts:
        """Every analogy's answers, ranks, parallelism cosines and 2-D positions."""
        e = self.lecture.embedding
        spec = self.lecture.models.words
        if not e.analogies:
            raise FactsError("[embedding] has no [[embedding.analogies]]; add one, e.g. "
                             "a = \"king\", b = \"man\", c = \"woman\", expected = \"queen\".")
        items = []
        for item in e.analogies:
            res = words.analogy(item.a, item.b, item.c, item.expected, e.analogy_top, spec)
            # the same search with a and c swapped: its difference_cosine is cos(c − b, e − a)
            swapped = words.analogy(item.c, item.b, item.a, item.expected, e.analogy_top,
                                    spec)
            expected = res.expected if res.expected is not None else item.expected
            proj = words.project_pca([res.a, res.b, res.c, expected], spec)
            items.append(AnalogyShown(
                a=res.a, b=res.b, c=res.c, expected=expected, words=res.words,
                similarities=res.similarities, expected_rank=res.expected_rank,
                expected_similarity=res.expected_similarity,
                cos_added=swapped.difference_cosine, cos_side=res.difference_cosine,
                coords=proj.coords, explained_2d=proj.explained[0] + proj.explained[1],
                model_id=res.model_id))
        self.shown = ArithmeticFacts(analogies=tuple(items),
                                     dimensions=len(words.vector(items[0].a, spec).values),
                                     model_id=items[0].model_id)
        return self.shown

    # ---- the scene

    def construct(self) -> None:
        s = self.gather()
        title = flat_text(scene_title("Vector arithmetic"))
        badge = flat_text(model_badge(s.model_id, "word vectors"))
        note = flat_text(stage_note("view turned so the added arrow points right"))
        self.keep = [badge, note, title]
        self.layouts: list[VGroup] = []
        for k, it in enumerate(s.analogies):
            self._one(it, first=k == 0, last=k == len(s.analogies) - 1)

    def _one(self, it: AnalogyShown, first: bool, last: bool) -> None:
        """One analogy: the four words, both pairs of sides, then the search for a − b + c."""
        a, b, c, e = it.a, it.b, it.c, it.expected
        dims = self.shown.dimensions
        formula, ask, answer = self._formula(it)
        right = self._panel(it, formula)
        cosines, results = right
        top = min(formula.get_bottom()[1], self.keep[2].get_bottom()[1])
        d = self._diagram(it, right.get_left()[0], top)
        self.layouts.append(VGroup(formula, ask, answer, right, d["labels"], d["caption"],
                                   d["guess_label"]))
        clear = [FadeOut(m) for m in self.mobjects if m not in self.keep]
        show = [FadeIn(d["dots"]), FadeIn(d["labels"]), FadeIn(formula), FadeIn(ask),
                FadeIn(d["caption"])]

        if first:
            with self.narrate(
                "If directions can carry meaning, we can do arithmetic with them. Here are "
                f"four words, drawn in a flat view of the {dims}-dimensional space; the "
                f"question at the top asks what {a} minus {b} plus {c} comes to."
            ):
                self.play(*[FadeIn(m) for m in self.keep], *show, run_time=0.8)
            with self.narrate(
                f"Subtracting {b} from {c} leaves the arrow that leads from the {b} point to "
                f"the {c} point. The arrow from {a} to {e} points {_alike(it.cos_added)}: the "
                f"cosine of the angle between them, taken in all {dims} dimensions, is "
                f"{it.cos_added:.2f}, where 1 would mean exactly parallel and 0 at right angles."
            ):
                self.play(GrowArrow(d["added"][0]), run_time=0.8)
                self.play(GrowArrow(d["added"][1]), FadeIn(cosines[0]), FadeIn(cosines[2]),
                          run_time=0.9)
            both = round(min(it.cos_added, it.cos_side), 2) >= ALIGNED
            with self.narrate(
                f"The other two sides, {b} to {a} and {c} to {e}, point "
                f"{_alike(it.cos_side)}, with a cosine of {it.cos_side:.2f}. "
                + (f"It is as if one direction means going from {b} to {c}, and another "
                   f"from {b} to {a}." if both else
                   "So the neat parallelogram only partly holds in the full space.")
            ):
                self.play(GrowArrow(d["side"][0]), GrowArrow(d["side"][1]),
                          FadeIn(cosines[1]), run_time=0.9)
        else:
            with self.narrate(
                f"Another one: {a} minus {b} plus {c}. The arrow from {b} to {c} and the "
                f"arrow from {a} to {e} point {_alike(it.cos_added)}, with a cosine of "
                f"{it.cos_added:.2f}; the other pair of sides gives {it.cos_side:.2f}."
            ):
                self.play(*clear, run_time=0.6)
                self.play(*show, run_time=0.8)
                self.play(GrowArrow(d["added"][0]), GrowArrow(d["added"][1]),
                          FadeIn(cosines[0]), FadeIn(cosines[2]), run_time=0.9)
                self.play(GrowArrow(d["side"][0]), GrowArrow(d["side"][1]),
                          FadeIn(cosines[1]), run_time=0.9)

        with self.narrate(self._search_words(it, first, last)):
            self.play(Create(d["moved"]), FadeIn(d["guess"]), FadeIn(d["guess_label"]),
                      run_time=1.0)
            self.play(FadeIn(results), FadeTransform(ask, answer), run_time=1.0)

    def _search_words(self, it: AnalogyShown, first: bool, last: bool) -> str:
        """The narration of the search for a − b + c: how it works (first), what it found."""
        a, b, c = it.a, it.b, it.c
        if first:
            how = (f"Follow that same arrow from {b} to {c}, but start it at {a}, then ask "
                   "which word's vector lies nearest the spot where it ends.")
            after = ("The list ranks words by cosine similarity, leaving out the three words "
                     "we started from.")
        else:
            how, after = f"Again we search for the word nearest to {a} minus {b} plus {c}.", ""
        return " ".join([how, self._verdict(it), after, self._summary() if last else ""])

    @staticmethod
    def _verdict(it: AnalogyShown) -> str:
        """What the search found, said from the facts."""
        rank, top = it.expected_rank, it.words[0]
        if rank == 1:
            return _sentence(f"{it.expected} comes out on top, with a similarity of "
                             f"{it.similarities[0]:.2f}.")
        if rank is None:
            return f"The nearest word is {top}."
        return (f"Only kind of: the nearest word is {top}, and {it.expected} comes in at number "
                f"{rank:,}.")

    def _summary(self) -> str:
        """A closing line over all the analogies shown."""
        items = self.shown.analogies
        hits = sum(it.expected_rank == 1 for it in items)
        if len(items) == 1:
            return ""
        if hits == len(items):
            return f"In all {len(items)} examples the expected word came first."
        return (f"Across these {len(items)} examples the expected word came first in {hits}: "
                "the directions carry meaning, but only roughly.")

    # ---- layout

    def _formula(self, it: AnalogyShown) -> VGroup:
        """a − b + c ≈ ?, right of the title, and the top answer to swap in for the ?."""
        a, b, c = it.a, it.b, it.c
        main = MathTex(_tex(a), "-", _tex(b), "+", _tex(c), r"\approx", font_size=44,
                       color=style.TEXT)
        main[2].set_color(PAIR_ADD)
        main[4].set_color(PAIR_ADD)
        ask = MathTex("?", font_size=44, color=style.HIGHLIGHT)
        answer = MathTex(_tex(it.words[0]), font_size=44, color=style.HIGHLIGHT)
        title = self.keep[2]
        main.next_to(title, RIGHT, buff=FORMULA_GAP).set_y(title.get_y())
        for end in (ask, answer):
            end.next_to(main, RIGHT, buff=0.2)
        parts = VGroup(main, ask, answer)
        room = config.frame_width / 2 - style.MARGIN - main.get_left()[0]
        widest = max(ask.get_right()[0], answer.get_right()[0]) - main.get_left()[0]
        if widest > room:  # long words: shrink the formula into the room beside the title
            parts.scale(room / widest, about_point=main.get_left())
        return VGroup(flat_text(main), flat_text(ask), flat_text(answer))

    def _panel(self, it: AnalogyShown, formula: VGroup) -> VGroup:
        """The cosines and the nearest words, on the right below the formula."""
        right = VGroup(self._cosines(it), self._results(it))
        right.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        if right.width > PANEL_WIDTH:
            right.scale_to_fit_width(PANEL_WIDTH)
        room = formula.get_bottom()[1] - 0.45 - (self.keep[0].get_top()[1] + 0.2)
        if right.height > room:  # many answers: shrink the panel to clear the model badge
            right.scale_to_fit_height(room)
        return right.next_to(formula, DOWN, buff=0.45).to_edge(RIGHT, buff=style.MARGIN)

    def _cosines(self, it: AnalogyShown) -> VGroup:
        a, b, c, e = it.a, it.b, it.c, it.expected
        both = MathTex(rf"&\cos\!\big({_diff(c, b)},\ {_diff(e, a)}\big) = "
                       f"{it.cos_added:.2f}", r"\\",
                       rf"&\cos\!\big({_diff(a, b)},\ {_diff(e, c)}\big) = "
                       f"{it.cos_side:.2f}", font_size=30)
        both[0].set_color(PAIR_ADD)
        both[2].set_color(PAIR_SIDE)
        note = _lab(f"cosine in all {self.shown.dimensions} dimensions: "
                    "1 = parallel, 0 = perpendicular", style.TINY, color=style.DATA)
        return VGroup(flat_text(both[0]), flat_text(both[2]), note).arrange(
            DOWN, aligned_edge=LEFT, buff=0.16)


    def _results(self, it: AnalogyShown) -> VGroup:
        a, b, c, e = it.a, it.b, it.c, it.expected
        head = _lab(f"Nearest words to {a} \u2212 {b} + {c}", style.SMALL)
        entries = list(zip(range(1, len(it.words) + 1), it.words, it.similarities,
                           strict=True))
        rank = it.expected_rank
        beyond = rank is not None and rank > len(entries)
        if beyond:
            entries.append((rank, e, it.expected_similarity))
        width = max(len(w) for _, w, _ in entries)
        digits = max(len(str(r)) for r, _, _ in entries)
        rows = VGroup()
        for r, w, v in entries:
            # every row has the same number of monospace characters and ends in a digit, so
            # aligning right edges lines up the columns (Text drops leading spaces)
            color = style.HIGHLIGHT if w == e else style.TEXT
            rows.add(label(f"{str(r).rjust(digits)}  {w.ljust(width)}  {v:5.2f}", style.SMALL,
                           color=color, mono=True))
        stack_rows(list(rows), 0.4)
        for row in rows:  # right edges line up the columns (see above)
            row.align_to(rows[0], RIGHT)
        if beyond:
            dots = label("\u22ee", style.SMALL, color=style.DATA)
            rows[-1].shift(DOWN * 0.4)  # a row's room for the ellipsis
            dots.move_to([rows[-1][digits - 1].get_x(),
                          (rows[-2].get_y() + rows[-1].get_y()) / 2, 0])
            rows.insert(len(rows) - 1, dots)
        rows = VGroup(*[flat_text(r) for r in rows])
        if rank == 1:
            verdict = f"\u201c{e}\u201d comes first"
        elif rank is None:
            verdict = ""
        else:
            verdict = f"\u201c{e}\u201d is only number {rank}"
        foot = VGroup(_lab(verdict, style.SMALL, color=style.HIGHLIGHT),
                      _lab(f"cosine similarity; {a}, {b}, {c} themselves excluded", style.TINY,
                            color=style.DATA)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        return VGroup(head, rows, foot).arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def _diagram(self, it: AnalogyShown, right_edge: float, top_edge: float) -> dict[str, Any]:
        box = (DIAGRAM[0], DIAGRAM[1], min(DIAGRAM[2], right_edge - 1.4), DIAGRAM[3])
        pos = analogy_view(it.coords, box)
        names = [it.a, it.b, it.c, it.expected]
        dots = VGroup(*[Dot(p, radius=0.08, color=style.TEXT) for p in pos[:4]])
        dots[3].set_color(style.HIGHLIGHT)
        guess = Circle(radius=0.13, color=style.HIGHLIGHT, stroke_width=3).move_to(pos[4])

        def arrow(i: int, j: int, color: str) -> Arrow:
            return Arrow(pos[i], pos[j], buff=0.1, color=color, stroke_width=5,
                         max_tip_length_to_length_ratio=0.12)

        added = VGroup(arrow(1, 2, PAIR_ADD), arrow(0, 3, PAIR_ADD))
        side = VGroup(arrow(1, 0, PAIR_SIDE), arrow(2, 3, PAIR_SIDE))
        moved = DashedLine(pos[0], pos[4], color=PAIR_ADD, stroke_width=4, dash_length=0.12)
        word_labels = [_lab(n, style.BODY, color=style.HIGHLIGHT if k == 3 else style.TEXT)
                       for k, n in enumerate(names)]
        guess_label: VGroup | Text | VMobject = label(f"{it.a} \u2212 {it.b} + {it.c}",
                                           style.SMALL, color=style.HIGHLIGHT)
        # the labels avoid the arrows: sample each side of the parallelogram as small boxes
        lines = []
        for i, j in ((1, 2), (0, 3), (1, 0), (2, 3), (0, 4)):
            for t in np.linspace(0.0, 1.0, 24):
                q = pos[i] + t * (pos[j] - pos[i])
                lines.append((q[0] - 0.04, q[1] - 0.04, q[0] + 0.04, q[1] + 0.04))
        frame = (-config.frame_width / 2 + 0.15, DIAGRAM[1] - 0.4, right_edge - 0.15,
                 top_edge - 0.1)
        sizes = [(m.width, m.height) for m in word_labels + [guess_label]]
        centre = pos[:4, :2].mean(axis=0)
        preferred: list[list[tuple[float, float]]] = []
        for k in range(4):  # word labels first try spots facing away from the middle
            w, h = sizes[k]
            sx, sy = np.sign(pos[k, :2] - centre) + (np.abs(pos[k, :2] - centre) < 1e-9)
            preferred.append([(sx * (w / 2 + 0.25), 0.0),
                              (sx * (w / 2 + 0.15), sy * (h / 2 + 0.15)),
                              (0.0, sy * (h / 2 + 0.25))])
        # the guess's label may sit above the dashed line from a to the guess (the drawing
        # leaves room above it), or inside the parallelogram, which no arrow crosses
        to_mid = centre - pos[4, :2]
        along = float(pos[0, 0] + pos[4, 0]) / 2 - float(pos[4, 0])
        over = [(along * u, up) for up in (0.4, 0.5) for u in (1.0, 1.5, 2.0, 0.5, 0.0)]
        preferred.append(over + [(float(to_mid[0]) * u, float(to_mid[1]) * t)
                                 for t in (0.3, 0.5, 0.7, 0.9) for u in (t, 1.0)])
        # try the guess's label on one line around its point, then inside; then on two lines
        def two_lines() -> VGroup:
            return VGroup(label(f"{it.a} \u2212 {it.b}", style.SMALL,
                                color=style.HIGHLIGHT),
                          label(f"+ {it.c}", style.SMALL, color=style.HIGHLIGHT)
                          ).arrange(DOWN, buff=0.08)

        placement = None
        variant: Any = guess_label
        for k, prefs in enumerate(([], preferred[4], [], preferred[4])):
            if k == 2:
                variant = two_lines()
            sizes[4] = (variant.width, variant.height)
            placement = place_labels([pos[:5, :2]], sizes, dot_radius=0.13, frame=frame,
                                     obstacles=[lines], preferred=preferred[:4] + [prefs])
            guess_label = variant
            if placement.overlaps == 0:
                break
        assert placement is not None
        guess_label = flat_text(guess_label)
        for m, p, off in zip(word_labels + [guess_label], pos[:5], placement.offsets,
                             strict=True):
            m.move_to(p + np.array([off[0], off[1], 0.0]))
        caption = VGroup(_lab("2-D view: the top 2 principal components", style.TINY,
                              color=style.DATA),
                         _lab(f"of these 4 words ({_pct(it.explained_2d)} of their spread)",
                              style.TINY, color=style.DATA))
        caption.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        caption.to_edge(LEFT, buff=style.MARGIN)
        caption.shift(UP * (DIAGRAM[1] - 0.45 - caption.get_top()[1]))
        return {"dots": dots, "labels": VGroup(*word_labels), "added": added, "side": side,
                "moved": moved, "guess": guess, "guess_label": guess_label,
                "caption": caption, "overlaps": placement.overlaps}


__all__ = ["EmbeddingSpaceScene", "EmbeddingArithmeticScene", "SpaceFacts", "ArithmeticFacts",
           "AnalogyShown", "analogy_view"]
