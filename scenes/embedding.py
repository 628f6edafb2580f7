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
    ORIGIN,
    OUT,
    RIGHT,
    UP,
    WHITE,
    AnimationGroup,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    LaggedStart,
    Line,
    ManimColor,
    MathTex,
    Rectangle,
    VGroup,
    VMobject,
    config,
    interpolate_color,
    smooth,
    there_and_back,
)

from livenumbers import gpt, words
from livenumbers.errors import FactsError
from scenes.common import narration, style
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import LectureSlide, LectureThreeDSlide
from scenes.common.widgets import (
    fit_width,
    flat_text,
    label,
    model_badge,
    number_column,
    scene_title,
    stage_note,
)
from scenes.light3d import (
    BEYOND_GAP,
    DOT_RADIUS,
    Box,
    LabelSpot,
    LightArrow,
    Placement,
    ScreenView,
    along_line,
    box_inside,
    label_candidates,
    line_direction,
    pin_beyond,
    pin_label,
    place_labels,
    ray_shift,
    screen_views,
    segment_rows,
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


# ---------------------------------------------------------------- label placement


def _part(placement: Placement, costs: Sequence[int], idx: Sequence[int]) -> Placement:
    """The placement of some of the labels (e.g. those of one view of the scene)."""
    return Placement(tuple(placement.offsets[i] for i in idx),
                     tuple(placement.nudged[i] for i in idx), sum(costs[i] for i in idx),
                     tuple(placement.dropped[i] for i in idx))


# ---------------------------------------------------------------- the 3-D slice

PHI = 68 * np.pi / 180  # camera tilt
# the camera turn at the middle of the sweep; the turn goes from THETA - SWEEP to THETA + SWEEP
# (with the default words, woman and girl, the closest pair in the slice, line up one behind
# the other at turns below -50°, and queen and prince do past -5°: this turn keeps every two
# dots apart, and the crowded configurations of the tests keep their labels apart)
THETA = -31 * np.pi / 180
SWEEP = 13 * np.pi / 180
RADIUS = 3.1  # the farthest word sits this far from the origin (scene units)
# the words' dots: a little smaller than the labels' clearance assumes (DOT_RADIUS), so that
# the closest pair (woman, girl: 0.17 apart) reads as two dots
WORD_DOT = 0.04
AXIS_EXTRA = 0.3  # the axes run this much farther out than the farthest word
DROP = -0.7  # the cloud sits this far down the z axis, below the title
ZOOM_SPAN = 3.6  # on zooming in, the neighbours spread over about this many units
ZOOM_MAX = 3.0
FOCUS = np.array([-2.2, -0.6])  # where the neighbours' centre lands on screen when zoomed
DIM_AXES = 0.7  # the opacity of the axes kept in the zoomed view: a faint reference
LEAVE_BY = 0.4  # the legend and the axes the zoomed view drops are gone by this share of the zoom
OPEN: Box = (-1e9, -1e9, 1e9, 1e9)  # a frame that lets a label leave the screen
# run times of the animations in the two beats the camera turns through (seconds)
ARROWS_TIME, DOTS_TIME, TIPS_TIME = 2.4, 1.2, 1.0
PATH_STEPS = (0.2, 0.4, 0.6, 0.8)  # where labels kept through the zoom are checked on its way
# the two beats the camera turns through
ARROWS_WORDS = (
    "Every word becomes an arrow from the origin to its own point. Turning a word into its "
    "vector has a name, embedding the word; in a transformer, those vectors are the columns of "
    "a learned table, the embedding matrix."
)
SPIN_WORDS = (
    "From now on, just the arrows' tips. Training tends to pull related words close together, "
    "and to make directions through the space mean something."
)


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
    gpt3_dim: int  # the original video's reference: GPT-3's embedding size
    neighbour_word: str
    neighbours: tuple[str, ...]
    similarities: tuple[float, ...]  # cosine similarity of each neighbour, all dimensions
    model_id: str
    example_word: str = ""  # one placed word whose first entries are shown as numbers
    example_values: tuple[float, ...] = ()


EXAMPLE_ENTRIES = 6  # how many of a word vector's entries the first beat shows


ORDINALS = ("closest", "second closest", "third closest", "fourth closest", "fifth closest",
            "sixth closest", "seventh closest", "eighth closest", "ninth closest",
            "tenth closest")


def farthest_on_screen(at: np.ndarray, centre: int, drawn: Sequence[int]) -> int | None:
    """Of the ``drawn`` points, the one farthest on screen from point ``centre`` (None if
    none is drawn)."""
    if not drawn:
        return None
    return max(drawn, key=lambda i: float(np.linalg.norm(at[i] - at[centre])))


def slice_hint(s: SpaceFacts, far: int | None) -> tuple[str, str]:
    """What the slice gets wrong, said with the words on screen: the neighbour drawn farthest
    from the subject (``far``: its index in ``s.neighbours``), when it is not the least
    similar of them. Returns the sentence and that word ("" when there is none)."""
    n = len(s.neighbours)
    if far is None or far == n - 1 or far >= len(ORDINALS):
        return ("two words that look close here may still be far apart in the full "
                "space.", "")
    word = s.neighbours[far]
    return (f"on screen {word} is the farthest of these {n} from \u201c{s.neighbour_word}\u201d, "
            f"yet in all {s.dimensions} dimensions it is the {ORDINALS[far]}.", word)


@dataclass
class _SpaceStage:
    """The 3-D scene's mobjects and camera views, laid out before the first beat."""

    title: VMobject
    legend: VGroup
    panel: VGroup  # head, sub-heading, rows, and (when other words show) a key
    caption: VMobject  # the zoomed view's line under the title
    badge: VMobject
    axes: VGroup
    zoom_axes: list[Line]  # the axes kept in the zoomed view (their names show there)
    dots: list[Dot]
    arrows: list[LightArrow]
    note_a: VMobject | None  # stage notes, when labels were nudged or left out
    note_b: VMobject | None
    centre: int
    centre_label: VMobject  # the subject's label in the turn
    subject_label: VMobject  # and in the zoom: it takes over as the subject is picked out
    zoomed: dict[str, Any]  # the camera setting of the zoomed view
    overview_labels: list[VMobject]  # words' labels shown with the dots
    late_labels: list[VMobject]  # those that wait until the arrows have gone
    axis_names: list[VMobject]  # shown with the axes
    named_axes: list[tuple[Line, VMobject]]  # each axis with its name (those named)
    leaving: list[VMobject]  # overview labels that go before the zoom
    axis_leaving: list[VMobject]  # axes' names that go with their axes during the zoom
    hidden: list[Dot]  # dots that leave the picture on zooming in
    others: list[VMobject]  # labels that arrive with the zoomed view (not neighbours)
    recolour: list[tuple[Dot, str]]  # dots that change colour in the zoomed view
    new_dots: list[Dot]  # neighbours that were not in the overview
    lit_dots: list[Dot]  # neighbours that were
    lit_labels: list[VMobject]  # their labels, kept through the zoom
    neighbour_labels: list[VMobject]
    links: VGroup
    # the neighbour drawn farthest from the subject in the zoomed view (its index in the
    # neighbours, 0 = the closest in all dimensions), its dot and its label: the slice's hint
    far: int | None = None
    far_marks: VGroup | None = None


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
        self.set_camera_orientation(phi=PHI, theta=THETA)
        v = self._stage(s)
        self.set_camera_orientation(theta=self.theta - SWEEP)

        dims = s.dimensions
        with self.narrate(
            "The vectors in these scenes come from a ready-made word-vector model, not from "
            f"our small GPT. Each word gets {dims} numbers; GPT-3 gives each token "
            f"{s.gpt3_dim:,}, far too many to draw."
        ) as beat:  # the model named, then one word's numbers, then GPT-3's, each as said
            self.play(FadeIn(v.title), FadeIn(v.badge), run_time=0.8)
            self.wait_for_words(beat, "come from")
            self.play(light(v.badge),
                      run_time=self.seconds_until(beat, "word-vector model,", least=1.0))
            example = self._example(s)
            theirs = self._gpt3_column(s, example)
            self.wait_for_words(beat, "Each word gets")
            self.play(FadeIn(example, shift=RIGHT * 0.2),
                      run_time=self.seconds_until(beat, f"{dims} numbers;", least=0.8))
            self.play(light(example[1]), run_time=0.8)
            self.wait_for_words(beat, "GPT-3 gives")
            name, (left, entries, more, right), count = theirs
            self.play(FadeIn(name), Create(left), Create(right),
                      LaggedStart(*[Create(e) for e in entries], lag_ratio=0.3),
                      FadeIn(more), FadeIn(count),
                      run_time=self.seconds_until(beat, f"{s.gpt3_dim:,},", least=1.2))
            self.play(light(count), run_time=0.8)  # (as "far too many" is said)

        how = (f"the three directions along which these {len(s.words)} words vary most"
               if s.method == "pca" else
               "three directions, each running from one word to another")
        with self.narrate(
            f"So we project every word onto a three-dimensional slice of the space, spanned by "
            f"{how}. The legend gives each axis's share of the words' spread."
        ) as beat:  # the axes drawn, then named, then their shares lit with the legend's rows
            self.play(FadeOut(example), FadeOut(theirs), run_time=0.6)
            self.play(LaggedStart(*[Create(a) for a in v.axes], lag_ratio=0.5),
                      run_time=self.seconds_until(beat, "slice of the space,", least=1.2))
            self.wait_for_words(beat, "spanned by")
            self.play(LaggedStart(*[AnimationGroup(light(axis, color=style.TEXT), FadeIn(name))
                                    for axis, name in v.named_axes], lag_ratio=0.6),
                      run_time=self.seconds_until(beat, f"{how}.", least=1.5))
            self.wait_for_words(beat, "The legend")
            self.play(FadeIn(v.legend, shift=RIGHT * 0.2), run_time=0.5)
            rows, foot = v.legend[1], v.legend[2]  # each share lit with its axis, then "%"
            self.play(LaggedStart(*[AnimationGroup(light(rows[k]), light(axis, color=style.TEXT))
                                    for k, axis in enumerate(v.axes)], light(foot[-2]),
                                  lag_ratio=0.6),
                      run_time=self.seconds_until(beat, "share of", least=1.5))

        with self.narrate(ARROWS_WORDS) as beat:
            self._turn(2 * SWEEP / sum(self._turn_times(beat.duration)))
            self.play(LaggedStart(*[Create(a) for a in v.arrows], lag_ratio=0.08),
                      run_time=ARROWS_TIME)
            space = [v.dots[self._index(w)] for w in s.space_words]
            self.play(*[FadeIn(d) for d in space], *[FadeIn(m) for m in v.overview_labels],
                      *[a.animate.set_opacity(0.3) for a in v.arrows],
                      *([FadeIn(v.note_a)] if v.note_a else []), run_time=DOTS_TIME)

        with self.narrate(SPIN_WORDS) as beat:
            left = self.theta + SWEEP - self.camera.get_theta()  # type: ignore[attr-defined]
            self._turn(left / max(beat.duration, TIPS_TIME + narration.MIN_HOLD))
            self.play(*[FadeOut(a) for a in v.arrows], *[FadeIn(m) for m in v.late_labels],
                      run_time=TIPS_TIME)

        near = ", ".join(s.neighbours[:3])
        with self.narrate(
            f"Now we turn to one word, \u201c{s.neighbour_word}\u201d, and search the model's "
            f"whole vocabulary for the {len(s.neighbours)} vectors closest to it. Words such "
            f"as {near} come back: nearness in this space goes with nearness in meaning."
        ) as beat:
            self.stop_ambient_camera_rotation()
            self._zoom_in(v)
            self.wait_for_words(beat, "Words such")  # the three named, down the panel
            self.play(light_in_turn(v.panel[2][:3], scale=1.1, lag_ratio=0.4),
                      run_time=self.seconds_until(beat, "come back", least=1.2))

        hint, far_word = slice_hint(s, v.far)
        with self.narrate(
            f"The panel scores each neighbour by cosine similarity, measured in all "
            f"{s.dimensions} dimensions: 1 would mean pointing exactly the same way. Our "
            f"three-dimensional slice can only hint at those distances: {hint}"
        ) as beat:  # the scores, what they measure and what 1 means, then the slice's lines
            head, sub, rows = v.panel[0], v.panel[1], v.panel[2]
            self.play(light(head),
                      light_in_turn(rows, lag_ratio=0.2),
                      run_time=self.seconds_until(beat, "each neighbour", least=1.2))
            self.play(light(sub[0]),
                      run_time=self.seconds_until(beat, "cosine similarity,", least=0.8))
            self.wait_for_words(beat, "measured in")
            self.play(light(sub[1]),
                      run_time=self.seconds_until(beat, "dimensions:", least=0.8))
            self.play(FadeIn(v.panel[-1], shift=RIGHT * 0.2),
                      run_time=self.seconds_until(beat, "the same way.", least=0.8))
            self.wait_for_words(beat, "Our three-dimensional slice")
            # (already gold and faint: the lines to the neighbours pulse bright white)
            self.play(v.links.animate(rate_func=there_and_back).set_stroke(style.TEXT, opacity=1),
                      run_time=self.seconds_until(beat, "those distances:", least=1.0))
            if far_word and v.far is not None and v.far_marks is not None:  # word, then rank
                self.wait_for_words(beat, f"{far_word} is")
                # (already gold: it pulses white, so the flash shows)
                self.play(light(v.far_marks, scale=1.5, color=style.TEXT),
                          run_time=1.2)
                self.wait_for_words(beat, "yet")
                self.play(light(v.panel[2][v.far], scale=1.15), run_time=1.2)

    def _zoom_in(self, v: _SpaceStage) -> None:
        """From the whole slice to the subject word and its neighbours, labelled all the way.

        The subject is picked out where it stands; the words the zoomed view does not need
        fade; the camera zooms in (labels kept through it stay clear on the way) while the
        legend and the axes it does not keep fade out (gone by LEAVE_BY of the way) and those
        it keeps dim to a faint reference, so the picture never stands half-empty; the panel,
        the caption and the neighbours arrive.
        """
        centre = v.dots[v.centre]
        pick = ([FadeIn(centre)] if centre not in self.mobjects else [])
        pick += [centre.animate.set_color(style.HIGHLIGHT).scale(1.4)]
        if v.centre_label in self.mobjects:  # (placed for the turn: it hands over)
            pick.append(FadeOut(v.centre_label))
        pick.append(FadeIn(v.subject_label))
        self.play(*pick, run_time=0.8)
        self.play(*[FadeOut(m) for m in v.leaving], *[FadeOut(d) for d in v.hidden],
                  *([FadeOut(v.note_a)] if v.note_a else []),
                  *([FadeIn(v.note_b)] if v.note_b else []), run_time=0.8)
        def early(t: float) -> float:
            return smooth(min(1.0, t / LEAVE_BY))

        self.move_camera(**v.zoomed, run_time=2.0, added_anims=[
            *[FadeOut(m, rate_func=early) for m in [v.legend, *v.axis_leaving]],
            *[a.animate.set_stroke(opacity=DIM_AXES) if a in v.zoom_axes
              else FadeOut(a, rate_func=early) for a in v.axes]])
        self.play(FadeIn(v.caption), FadeIn(v.panel[0]), FadeIn(v.panel[1]),
                  *[FadeIn(m) for m in v.others],
                  *[d.animate.set_color(c) for d, c in v.recolour], run_time=0.8)
        self.play(LaggedStart(*[FadeIn(row, shift=LEFT * 0.2) for row in v.panel[2]],
                              lag_ratio=0.2),
                  *[FadeIn(d) for d in v.new_dots],
                  *[d.animate.set_color(style.HIGHLIGHT) for d in v.lit_dots],
                  *[m.animate.set_fill(style.HIGHLIGHT) for m in v.lit_labels],
                  *[FadeIn(m) for m in v.neighbour_labels], Create(v.links),
                  *[FadeIn(p) for p in v.panel[3:-1]], run_time=2.2)  # (what 1 means: later)

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

    def _gpt3_column(self, s: SpaceFacts, example: VGroup) -> VGroup:
        """Layout: a GPT-3 token's vector beside ``example``, as places for its entries only
        (no GPT-3 values are at hand), fading down the column: far too many to write out."""
        name = label("a GPT-3 token", style.BODY)
        rows = 30
        entries = VGroup(*[Line(LEFT * 0.3, RIGHT * 0.3, stroke_width=3, color=style.DATA,
                                stroke_opacity=1.0 - 0.75 * k / rows) for k in range(rows)])
        entries.arrange(DOWN, buff=0.13)
        more = label("\u22ee", style.BODY, color=style.DATA_DIM).next_to(entries, DOWN, buff=0.1)
        body = VGroup(entries, more)
        h, w = body.height + 0.2, 0.12
        left = VGroup(Line(UP * h / 2, DOWN * h / 2), Line(UP * h / 2, UP * h / 2 + RIGHT * w),
                      Line(DOWN * h / 2, DOWN * h / 2 + RIGHT * w)).set_stroke(style.DATA, 2)
        right = left.copy().flip()
        left.next_to(body, LEFT, buff=0.12)
        right.next_to(body, RIGHT, buff=0.12)
        col = VGroup(left, entries, more, right)
        group = VGroup(name, col).arrange(RIGHT, buff=0.35)
        count = label(f"{s.gpt3_dim:,} numbers", style.SMALL, color=style.DATA)
        count.next_to(col, DOWN, buff=0.2)
        group = VGroup(name, col, count)
        group.next_to(example, RIGHT, buff=1.2)
        group.shift(UP * (example[0][1].get_y() - col.get_y()))
        self._fix(group)
        return group

    def _turn(self, rate: float) -> None:
        """Turn the camera steadily at ``rate`` radians a second (replacing any earlier turn)."""
        self.stop_ambient_camera_rotation()
        self.begin_ambient_camera_rotation(rate=rate)

    def _turn_times(self, arrows: float | None = None) -> tuple[float, float]:
        """How long the camera turns in the arrows beat and in the next (seconds); ``arrows``:
        the arrows beat's length once known. The label layout uses the estimate from the
        words; with a synthetic voice the clip may run a little longer or shorter."""
        wpm = self.lecture.narration.words_per_minute
        own = max(arrows if arrows is not None else narration.speech_seconds(ARROWS_WORDS, wpm),
                  ARROWS_TIME + DOTS_TIME + narration.MIN_HOLD)
        ahead = max(narration.speech_seconds(SPIN_WORDS, wpm), TIPS_TIME + narration.MIN_HOLD)
        return own, ahead

    def _world(self, coords: Sequence[Sequence[float]]) -> np.ndarray:
        c = np.asarray(coords, dtype=float)
        scale = RADIUS / max(float(np.max(np.linalg.norm(c, axis=1))), 1e-9)
        return c * scale + OUT * DROP

    def _title(self, s: SpaceFacts) -> VMobject:
        return flat_text(scene_title(f"A 3-D slice of {s.dimensions}-D word space"))

    def _legend(self, s: SpaceFacts, title: VMobject) -> VGroup:
        """How the slice is chosen, and each axis's share of the words' spread: under the
        title, on the left, where the picture leaves room."""
        if s.method == "pca":
            how = ["Axes: the top 3 principal", f"components of {len(s.words)} words"]
            unit = "variance"
        else:
            how = ["Each axis runs from", "one word to another"]
            unit = "spread"
        head = VGroup(*[_lab(t, style.SMALL) for t in how]).arrange(DOWN, aligned_edge=LEFT,
                                                                   buff=0.1)
        names = [_lab(n, style.SMALL, color=style.DATA) for n in s.axis_labels]
        shares = [_lab(_pct(x), style.SMALL) for x in s.explained]
        name_w = max(m.width for m in names)
        rows = VGroup()
        for name, share in zip(names, shares, strict=True):
            share.next_to(name, RIGHT, buff=0.3 + name_w - name.width)
            rows.add(VGroup(name, share))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        foot = [f"% = share of the {unit}", "origin = the words' mean"]
        if s.method != "pca":
            foot.insert(0, "(made perpendicular)")
        lines = VGroup(*[_lab(t, style.SMALL, color=style.DATA) for t in foot])
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        legend = VGroup(head, rows, lines).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return legend.next_to(title, DOWN, buff=0.45, aligned_edge=LEFT)

    def _panel(self, s: SpaceFacts, title: VMobject, key: bool) -> VGroup:
        """The neighbours and their cosine similarities, right, below the title's line; with
        ``key``, a line saying what the white dots are."""
        head = _lab(f"Closest to \u201c{s.neighbour_word}\u201d", style.BODY,
                    color=style.HIGHLIGHT)
        sub = VGroup(_lab("cosine similarity,", style.SMALL, color=style.DATA),
                     _lab(f"all {s.dimensions} dimensions", style.SMALL, color=style.DATA))
        sub.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        width = max(len(w) for w in s.neighbours)
        texts = [label(f"{w.ljust(width)}  {v:.2f}", style.SMALL, mono=True,
                       t2c={f"[{width + 2}:]": style.HIGHLIGHT})
                 for w, v in zip(s.neighbours, s.similarities, strict=True)]
        rows = VGroup(*[flat_text(t) for t in stack_rows(texts, 0.42)])
        parts = [head, sub, rows]
        if key:
            parts.append(VGroup(_lab("white: other words", style.SMALL, color=style.DATA),
                                _lab("of the same slice", style.SMALL, color=style.DATA)
                                ).arrange(DOWN, aligned_edge=LEFT, buff=0.1))
        # what a score of 1 means: last, as it arrives after the rest (with its words)
        parts.append(_lab("1 = pointing the same way", style.SMALL, color=style.DATA))
        panel = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        room = title.get_bottom()[1] - 0.3 + config.frame_height / 2 - 0.8
        if panel.height > room:  # many neighbours: shrink the panel to clear the badge
            panel.scale_to_fit_height(room)
        panel.to_edge(RIGHT, buff=style.MARGIN)
        return panel.shift(UP * (title.get_bottom()[1] - 0.3 - panel.get_top()[1]))

    def _caption(self, s: SpaceFacts, title: VMobject, zoom: float) -> VMobject:
        """The zoomed view's line under the title: the same slice, only closer."""
        text = _lab(f"The same slice, zoomed in \u00d7{zoom:.1f} on \u201c{s.neighbour_word}\u201d",
                    style.SMALL, color=style.DATA)
        return text.next_to(title, DOWN, buff=0.2, aligned_edge=LEFT)

    def _axes(self, s: SpaceFacts) -> tuple[VGroup, np.ndarray, list[VMobject]]:
        """Plain lines through the origin, with their names' anchors beyond the positive ends."""
        axis_len = RADIUS + AXIS_EXTRA
        origin = OUT * DROP
        axes = VGroup(*[Line(origin - d * axis_len, origin + d * axis_len, stroke_width=2,
                             color=style.DATA_DIM) for d in (RIGHT, UP, OUT)])
        tips = np.array([origin + d * (axis_len + 0.12) for d in (RIGHT, UP, OUT)])
        names = [_outlined(_lab(n, style.SMALL, color=style.DATA)) for n in s.axis_labels]
        return axes, tips, names

    def _zoom_setting(self, points: np.ndarray, focus_set: list[int],
                      theta: float) -> dict[str, Any]:
        """The camera setting that frames the neighbour word and its neighbours (at ``theta``,
        so that zooming in turns nothing: the same slice, only closer)."""
        base = screen_views(self.camera, points,
                            [{"theta": theta, "zoom": 1.0, "frame_center": ORIGIN}])[0]
        spread = np.ptp(base[focus_set], axis=0).max()
        zoom = float(np.clip(ZOOM_SPAN / max(spread, 1e-6), 1.0, ZOOM_MAX))
        rot = self._rotation(theta)
        middle = points[focus_set].mean(axis=0)
        centre_fc = middle - rot.T @ np.array([FOCUS[0] / zoom, FOCUS[1] / zoom, 0.0])
        return {"theta": theta, "zoom": zoom, "frame_center": centre_fc}

    def _stage(self, s: SpaceFacts) -> _SpaceStage:
        """Every mobject of the scene, with labels placed for the turn, the zoom and after.

        The views a label must be clear in: the overview over the whole camera turn, a few
        points on the way into the zoom (labels kept through it), and the zoomed view. In each,
        labels keep clear of the dots, the word arrows, the axes, the links to the neighbours
        and the text around the picture (see light3d.place_labels).
        """
        points = self._world(s.coords)
        space = [self._index(w) for w in s.space_words]
        neighbours = [self._index(w) for w in s.neighbours]
        centre = self._index(s.neighbour_word)
        focus_set = [centre, *neighbours]
        self.theta = THETA
        end = self.theta + SWEEP
        zoomed = self._zoom_setting(points, focus_set, end)

        title = self._title(s)
        legend = self._legend(s, title)
        badge = flat_text(model_badge(s.model_id, "word vectors"))
        caption = self._caption(s, title, zoomed["zoom"])
        frame = _frame_box(0.15)
        axes, tips, axis_names = self._axes(s)
        notes = (_bbox(stage_note(self._note_text(Placement((), (), 0, (True,))))),
                 _bbox(stage_note(self._note_text(Placement((), (), 0, (True,)), True))))

        # the camera settings sampled: the turn (from the axes' arrival, through the words'
        # arrival and the arrows' leaving, to its end exactly), the way in, the zoomed view
        own, ahead = self._turn_times()
        start = self.theta - SWEEP
        labels_at = start + 2 * SWEEP * ARROWS_TIME / (own + ahead)
        arrows_until = start + 2 * SWEEP * (own + TIPS_TIME) / (own + ahead)
        thetas = sorted({*np.linspace(start, end, 9).round(9), round(labels_at, 9),
                         round(arrows_until, 9)}) + [end + 0.05 * SWEEP]
        flat = {"zoom": 1.0, "frame_center": ORIGIN}
        turn = [{"theta": t, **flat} for t in thetas]
        way = [{"theta": end, "zoom": 1.0 + a * (zoomed["zoom"] - 1.0),
                "frame_center": a * np.asarray(zoomed["frame_center"], dtype=float)}
               for a in PATH_STEPS]
        settings = [*turn, *way, zoomed]
        o_views, p_views = list(range(len(turn))), list(range(len(turn), len(turn) + len(way)))
        leaving_views = [v for v, a in zip(p_views, PATH_STEPS, strict=True) if a < LEAVE_BY]
        word_views = [v for v, t in enumerate(thetas) if t >= labels_at - 1e-9]
        late_views = [v for v, t in enumerate(thetas) if t > arrows_until + 1e-9]
        end_view, z = len(turn) - 2, len(settings) - 1
        screen = screen_views(self.camera, np.vstack([points, tips]), settings)
        at = [sc[:len(points)] for sc in screen]
        tip_at = [sc[len(points):] for sc in screen]
        origin_at = screen_views(self.camera, np.array([OUT * DROP]), settings)

        def size(m: VMobject) -> tuple[float, float]:
            return (m.width, m.height)

        axis_ends = [screen_views(self.camera, np.array([a.get_start(), a.get_end()]),
                                  settings) for a in axes]
        # the axes whose names stay on screen in the zoomed view stay too, as a faint reference
        # each axis's name sits just past its tip, on the line, in every view (pin_beyond)
        along = [{v: line_direction(origin_at[v][0], tip_at[v][k]) for v in range(len(settings))}
                 for k in range(3)]
        zoom_axes = [k for k in range(3) if box_inside(_bbox_at(
            tip_at[z][k] + ray_shift(along[k][z], size(axis_names[k]), BEYOND_GAP),
            axis_names[k]), frame)]

        # what the zoomed view shows: the neighbours and the words that fall in its plot area
        panel = self._panel(s, title, key=False)
        area = (frame[0], frame[1], panel.get_left()[0] - 0.2, caption.get_bottom()[1] - 0.1)
        inside = [i for i in range(len(points))
                  if area[0] + 0.2 < at[z][i][0] < area[2] - 0.4
                  and area[1] + 0.4 < at[z][i][1] < area[3] - 0.2]
        shown_b = _union(focus_set, inside)
        if any(i not in focus_set for i in shown_b):
            panel = self._panel(s, title, key=True)
        kept = [i for i in space if i in shown_b] + ([centre] if centre not in space else [])

        def axis_rows(v: int, which: Sequence[int] = (0, 1, 2)) -> np.ndarray:
            return segment_rows([(axis_ends[k][v][0], axis_ends[k][v][1]) for k in which],
                                0.03)

        views = []
        for v in range(len(settings)):
            if v in o_views:  # the arrows grow as the turn starts; the dots come at their tips
                dots = (at[v][sorted(set(space) | {centre})] if v in word_views
                        else np.zeros((0, 2)))
                arrows = (segment_rows([(origin_at[v][0], at[v][i]) for i in space], 0.04)
                          if start < thetas[v] <= arrows_until + 1e-9 else np.zeros((0, 5)))
                segs = np.vstack([arrows, axis_rows(v)])  # the axes are there all the turn
                boxes = (_bbox(title), _bbox(legend), _bbox(badge), notes[0])
            elif v in leaving_views:  # the legend and the axes dropped are still fading out
                dots, segs = at[v][kept], axis_rows(v)
                boxes = (_bbox(title), _bbox(legend), _bbox(badge), notes[0])
            elif v in p_views:
                dots, segs = at[v][kept], axis_rows(v, zoom_axes)
                boxes = (_bbox(title), _bbox(badge), notes[0])
            else:
                dots = at[v][shown_b]
                links = segment_rows([(at[v][centre], at[v][i]) for i in neighbours
                                       if i in inside], 0.03)
                segs = np.vstack([links, axis_rows(v, zoom_axes)])
                boxes = (_bbox(title), _bbox(caption), _bbox(panel), _bbox(badge), notes[1])
            views.append(ScreenView(dots=dots, frame=frame, boxes=boxes, segments=segs))

        # the labels: words of the overview (kept through the zoom when they show in it), the
        # subject word, the axes' names, and the words that arrive with the zoomed view
        names = {i: _outlined(_lab(s.words[i], style.SMALL)) for i in {*space, *shown_b}}

        order = {i: k for k, i in enumerate(space)}
        # a word's label shows with its dot, clear of the arrows; failing that, once the arrows
        # have gone; one kept through the zoom that finds no spot all the way is split in two
        late: set[int] = set()
        split: set[tuple[str, int]] = set()
        while True:
            specs: list[tuple[str, int]] = []  # (kind, index) of each label, as in spots
            spots: list[LabelSpot] = []
            for i in space:
                through = i in shown_b and ("word", i) not in split
                # (the subject's label has a spot for the turn and a copy has another for the
                # zoom: the copy takes over as the subject is picked out; one offset for both
                # put the label far off its dot)
                zoom_too = through and i != centre
                seen = ((late_views if i in late else word_views)
                        + (p_views + [z] if zoom_too else []))
                spots.append(LabelSpot(
                    size(names[i]), {v: at[v][i] for v in seen}, droppable=i != centre,
                    priority=0 if i == centre else 1 + order[i],
                    radius=DOT_RADIUS * (1.4 if i == centre else 1.0),
                    frames={z: area} if zoom_too else {}))
                specs.append(("word" if through else "overview", i))
            if centre not in space:  # the subject arrives just before the zoom
                spots.append(LabelSpot(size(names[centre]), {end_view: at[end_view][centre]},
                                       radius=DOT_RADIUS * 1.4))
                specs.append(("word", centre))
            spots.append(LabelSpot(size(names[centre]),
                                   {v: at[v][centre] for v in [end_view, *p_views, z]},
                                   radius=DOT_RADIUS * 1.4, frames={z: area}))
            specs.append(("subject-zoom", centre))
            for k in range(3):
                # an axis's name sits on its line just past the tip, all the way: through the
                # zoom, or until it fades during it; a name split in two goes before the zoom
                # and a copy arrives with the zoomed view. The names go first (the words,
                # which may be left out, find room around them).
                through = k in zoom_axes and ("axis", k) not in split
                kind = "axis" if through else "axis-early" if k in zoom_axes else "axis-overview"
                seen = o_views + (p_views if kind == "axis" else [])
                first = along_line(size(axis_names[k]))
                spots.append(LabelSpot(size(axis_names[k]),
                                       {v: tip_at[v][k] for v in seen + ([z] if through else [])},
                                       preferred=first, along=along[k], radius=0.0))
                specs.append((kind, k))
                if ("axis", k) in split:
                    spots.append(LabelSpot(size(axis_names[k]), {z: tip_at[z][k]},
                                           preferred=first, droppable=True,
                                           along=along[k], radius=0.0))
                    specs.append(("axis-zoom", k))
            for i in shown_b:
                if ("word", i) not in specs:
                    spots.append(LabelSpot(size(names[i]), {z: at[z][i]}, droppable=True,
                                           frames={z: area}))
                    specs.append(("zoom", i))
            placement, costs = place_labels(spots, views, pad=LABEL_PAD)
            if placement.overlaps:  # too crowded for the wider gap: the placer's own gap
                placement, costs = place_labels(spots, views)
            changed = False
            for (kind, k), c, d in zip(specs, costs, placement.dropped, strict=True):
                if not (c or d):
                    continue
                if kind in ("word", "overview") and k in space and k not in late:
                    late.add(k)
                elif kind in ("word", "axis") and (kind, k) != ("word", centre):
                    split.add((kind, k))
                else:
                    continue
                changed = True
            if not changed:
                break

        # mobjects, pinned at their points with the offsets found
        dots = []
        for i, p in enumerate(points):
            dot = Dot(p, radius=WORD_DOT, color=style.TEXT if i in space else style.HIGHLIGHT)
            self.add_fixed_orientation_mobjects(dot)
            dots.append(dot)
        self.remove(*dots)
        made: dict[tuple[str, int], VMobject] = {}
        for spec, off, dropped in zip(specs, placement.offsets, placement.dropped, strict=True):
            kind, k = spec
            if dropped:
                continue
            if kind.startswith("axis"):
                m = axis_names[k] if kind != "axis-zoom" else axis_names[k].copy()
                pin_beyond(self, m, OUT * DROP, tips[k], off)
            else:
                copied = kind == "subject-zoom" or (kind == "zoom" and k in space)
                m = names[k].copy() if copied else names[k]
                if kind in ("zoom", "subject-zoom") and k in focus_set:
                    m.set_fill(style.HIGHLIGHT)
                pin_label(self, m, points[k], off)
            made[spec] = m
        self.remove(*made.values())

        def part(view_set: Sequence[int]) -> Placement:
            return _part(placement, costs, [j for j, spot in enumerate(spots)
                                            if any(v in spot.anchors for v in view_set)])

        self.placement = (part(o_views), part([z]))
        labelled_b = [i for i in shown_b if ("word", i) in made or ("zoom", i) in made]
        self.zoomed_view = {"zoom": zoomed["zoom"],
                            "labelled": tuple(s.words[i] for i in labelled_b)}
        self.views, self.spots, self.specs = views, spots, specs  # (tests)
        self.settings, self.label_placement, self.axis_lines = settings, placement, axes

        centre_label = made[("word", centre)]  # the subject's label is never left out
        named_axes = [(axes[k], m) for k, m in enumerate(
            made.get(("axis", k)) or made.get(("axis-overview", k)) or made.get(("axis-early", k))
            for k in range(3)) if m is not None]
        overview_words = [made.get(("word", i)) or made.get(("overview", i)) for i in space]
        self.late = tuple(s.words[i] for i, m in zip(space, overview_words, strict=True)
                          if i in late and m is not None)  # (tests)
        # a dot whose label was left out in the overview is drawn dim, so that every bright dot
        # has its name beside it; in the zoomed view it takes its colour there
        recolour: list[tuple[Dot, str]] = []
        for i, m in zip(space, overview_words, strict=True):
            if m is None and i != centre:
                dots[i].set_color(style.DATA_DIM)
                if i in shown_b and i not in neighbours:
                    recolour.append((dots[i], style.TEXT))
        origin = OUT * DROP
        arrows = [LightArrow(origin, points[i], style.DATA, opacity=0.8) for i in space]
        place_a, place_b = self.placement
        note_a = flat_text(stage_note(self._note_text(place_a)))
        note_b = flat_text(stage_note(self._note_text(place_b, listed=True)))
        self._fix(title, legend, panel, caption, badge, note_a, note_b)
        self.frame_parts = VGroup(title, legend, panel, badge, caption, note_a, note_b)  # (tests)
        links = VGroup(*[Line(points[centre], points[i], stroke_width=2,
                              color=style.HIGHLIGHT, stroke_opacity=0.5)
                         for i in neighbours if i in inside])
        far = farthest_on_screen(at[z], centre, [i for i in neighbours if i in inside])
        far_label = None if far is None else made.get(("zoom", far)) or made.get(("word", far))
        return _SpaceStage(
            title=title, legend=legend, panel=panel, caption=caption, badge=badge, axes=axes,
            zoom_axes=[axes[k] for k in zoom_axes
                       if ("axis", k) in made or ("axis-zoom", k) in made],
            dots=dots, arrows=arrows,
            note_a=note_a if place_a.any_nudged or place_a.any_dropped else None,
            note_b=note_b if place_b.any_nudged or place_b.any_dropped else None,
            centre=centre, centre_label=centre_label,
            subject_label=made[("subject-zoom", centre)], zoomed=zoomed,
            overview_labels=[m for i, m in zip(space, overview_words, strict=True)
                             if m is not None and i not in late],
            late_labels=[m for i, m in zip(space, overview_words, strict=True)
                         if m is not None and i in late],
            axis_names=[m for _, m in named_axes],
            named_axes=named_axes,
            leaving=[m for (kind, _), m in made.items() if kind in ("overview", "axis-early")],
            axis_leaving=[m for (kind, _), m in made.items() if kind == "axis-overview"],
            hidden=[dots[i] for i in space if i not in shown_b],
            others=[m for (kind, k), m in made.items()
                    if kind == "axis-zoom" or (kind == "zoom" and k not in focus_set)],
            recolour=recolour,
            new_dots=[dots[i] for i in neighbours if i not in space and i in inside],
            lit_dots=[dots[i] for i in neighbours if i in space],
            lit_labels=[m for (kind, k), m in made.items() if kind == "word" and k in neighbours],
            neighbour_labels=[m for (kind, k), m in made.items()
                              if kind == "zoom" and k in neighbours],
            links=links, far=None if far is None else neighbours.index(far),
            far_marks=None if far is None else VGroup(
                dots[far], *([far_label] if far_label is not None else [])))

    def _fix(self, *mobs: Any) -> None:
        """Fix mobjects in the frame without showing them yet."""
        self.add_fixed_in_frame_mobjects(*mobs)
        self.remove(*mobs)

    @staticmethod
    def _note_text(placement: Placement, listed: bool = False) -> str:
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


def _bbox_at(centre: np.ndarray, mob: VMobject) -> Box:
    """The box ``mob`` would fill centred at the screen point ``centre``."""
    return (centre[0] - mob.width / 2, centre[1] - mob.height / 2,
            centre[0] + mob.width / 2, centre[1] + mob.height / 2)


# the 3-D labels keep this far apart where there is room, so that two words side by side
# ("dog", "cat") read as two labels, not one phrase
LABEL_PAD = 0.22

# ---------------------------------------------------------------- vector arithmetic

# The two directions of an analogy's parallelogram (b→c with a→e, and b→a with c→e). For
# king − man + woman these are the original video's gender and royal colours.
PAIR_ADD = style.WORD_COLORS["gender"]
PAIR_SIDE = style.WORD_COLORS["royal"]
# left, bottom, right, top of the four-word drawing (room above it for the labels)
DIAGRAM = (-5.4, -2.45, -0.6, 1.95)
GUESS_RADIUS = 0.13  # the circle around the point a − b + c
INTO_E_OPACITY = 0.3  # the arrows into e while the search for a − b + c is shown
CIRCLE_CLEAR = 0.1  # arrows keep this far out of the circle (beyond both strokes)
LIST_GAP = 0.4  # the word labels keep this far from the lines of the right-hand panel
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


def _stroke_half(mob: VMobject) -> float:
    """Half a stroke's width in scene units (Cairo draws width × 0.01)."""
    return 0.005 * float(mob.get_stroke_width())


def _polygon_gap(vertices: np.ndarray, centre: np.ndarray) -> float:
    """Distance from ``centre`` to a convex polygon (0 inside it; two vertices: a segment)."""
    v = np.asarray(vertices, dtype=float)[:, :2]
    c = np.asarray(centre, dtype=float)[:2]
    edges = np.roll(v, -1, axis=0) - v
    cross = edges[:, 0] * (c[1] - v[:, 1]) - edges[:, 1] * (c[0] - v[:, 0])
    if len(v) > 2 and ((cross >= 0).all() or (cross <= 0).all()):
        return 0.0
    t = np.clip(np.einsum("ij,ij->i", c - v, edges)
                / np.maximum(np.einsum("ij,ij->i", edges, edges), 1e-12), 0.0, 1.0)
    return float(np.min(np.linalg.norm(v + t[:, None] * edges - c, axis=1)))


def _outside_disk(start: np.ndarray, end: np.ndarray, centre: np.ndarray,
                  radius: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The parts of the segment start–end that lie outside the disk (centre, radius)."""
    d = end - start
    f = start - centre
    a, b, c = float(d @ d), 2 * float(f @ d), float(f @ f) - radius ** 2
    disc = b * b - 4 * a * c
    if a < 1e-12 or disc <= 0:
        return [(start, end)]
    t1, t2 = (-b - np.sqrt(disc)) / (2 * a), (-b + np.sqrt(disc)) / (2 * a)
    parts = [(0.0, min(t1, 1.0)), (max(t2, 0.0), 1.0)]
    return [(start + u * d, start + w * d) for u, w in parts if w - u > 1e-6]


def clear_of_circle(arrow: Arrow, circle: Circle, gap: float = CIRCLE_CLEAR) -> VGroup | None:
    """``arrow`` redrawn to keep ``gap`` out of ``circle`` (None: it is clear already).

    Its head is drawn back along it until clear, and its shaft is broken where it crosses the
    circle, so a dimmed arrow never runs through or touches the mark of a − b + c.
    """
    centre = circle.get_center()
    keep = circle.width / 2 + _stroke_half(circle) + gap
    tip = arrow.tip.copy()
    start, end = arrow.get_start(), arrow.get_end()
    along = (end - start) / max(float(np.linalg.norm(end - start)), 1e-9)
    shaft_keep = keep + _stroke_half(arrow)
    if (_polygon_gap(tip.get_vertices(), centre) >= keep
            and _polygon_gap(np.array([start, tip.base]), centre) >= shaft_keep):
        return None
    step = 0.01
    while (_polygon_gap(tip.get_vertices(), centre) < keep
           and float((tip.base - start) @ along) > 2 * step):
        tip.shift(-along * step)
    pieces = [Line(p, q, stroke_width=arrow.get_stroke_width(), color=arrow.get_color())
              for p, q in _outside_disk(start, tip.base, centre, shaft_keep)
              if np.linalg.norm(q - p) > 0.02]
    return VGroup(*pieces, tip)


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
        self.label_clashes: list[int] = []
        self.searches: list[tuple[Circle, VGroup]] = []  # (tests) the circle, arrows shown
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
        d = self._diagram(it, right, top)
        self.label_clashes.append(d["overlaps"])  # (tests)
        self.searches.append((d["guess"], VGroup(*[cut or arrow for arrow, cut, _ in d["search"]])))
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
            ) as beat:  # the words, then the question, each as it is named
                self.play(*[FadeIn(m) for m in self.keep], run_time=0.8)
                self.wait_for_words(beat, "Here are four words,")
                self.play(LaggedStart(*[FadeIn(VGroup(dot, name)) for dot, name
                                        in zip(d["dots"], d["labels"], strict=True)],
                                      lag_ratio=0.3), FadeIn(d["caption"]), run_time=1.6)
                self.wait_for_words(beat, "the question at the top")
                self.play(FadeIn(formula), FadeIn(ask), run_time=0.8)
            with self.narrate(
                f"Subtracting {b} from {c} leaves the arrow that leads from the {b} point to "
                f"the {c} point. The arrow from {a} to {e} points {_alike(it.cos_added)}: the "
                f"cosine of the angle between them, taken in all {dims} dimensions, is "
                f"{it.cos_added:.2f}, where 1 would mean exactly parallel and 0 at right angles."
            ) as beat:  # from the b point to the c point, as said; then its partner
                dots, names = d["dots"], d["labels"]
                self.play(light(VGroup(dots[1], names[1]), scale=1.3),
                          run_time=self.seconds_until(beat, f"from the {b} point", least=0.8))
                self.play(GrowArrow(d["added"][0]),
                          run_time=self.seconds_until(beat, f"the {c} point.", least=0.8))
                self.play(light(VGroup(dots[2], names[2]), scale=1.3), run_time=0.8)
                self.wait_for_words(beat, f"The arrow from {a} to {e}")
                self.play(GrowArrow(d["added"][1]), run_time=0.9)
                self.wait_for_words(beat, "the cosine of the angle")
                self.play(FadeIn(cosines[0]), FadeIn(cosines[2][0]), run_time=0.6)
                self.wait_for_words(beat, "where 1 would mean")
                self.play(FadeIn(cosines[2][1], shift=UP * 0.1), run_time=0.8)
            both = round(min(it.cos_added, it.cos_side), 2) >= ALIGNED
            with self.narrate(
                f"The other two sides, {b} to {a} and {c} to {e}, point "
                f"{_alike(it.cos_side)}, with a cosine of {it.cos_side:.2f}. "
                + (f"It is as if one direction means going from {b} to {c}, and another "
                   f"from {b} to {a}." if both else
                   "So the neat parallelogram only partly holds in the full space.")
            ) as beat:  # each side drawn as it is named, then its cosine
                self.wait_for_words(beat, "The other two sides,")
                self.play(GrowArrow(d["side"][0]),
                          run_time=self.seconds_until(beat, f"{b} to {a}", least=0.6))
                self.play(GrowArrow(d["side"][1]),
                          run_time=self.seconds_until(beat, f"{c} to {e},", least=0.6))
                self.play(*[light(arrow) for arrow in d["side"]],
                          run_time=self.seconds_until(beat, f"{c} to {e}, point "
                                                      f"{_alike(it.cos_side)}", least=0.8))
                self.play(FadeIn(cosines[1]),
                          run_time=self.seconds_until(beat, f"{it.cos_side:.2f}.", least=0.6))
                if both:  # each direction lit as it is named: both its arrows
                    for pair, words in ((d["added"], f"from {b} to {c},"),
                                        (d["side"], f"from {b} to {a}.")):
                        self.wait_for_words(beat, words)
                        self.play(*[light(arrow)
                                    for arrow in pair], run_time=1.0)
                else:  # the four sides together
                    self.wait_for_words(beat, "So the neat parallelogram")
                    self.play(*[light(arrow) for arrow in [*d["added"], *d["side"]]],
                              run_time=1.0)
        else:
            with self.narrate(
                f"Another one: {a} minus {b} plus {c}. The arrow from {b} to {c} and the "
                f"arrow from {a} to {e} point {_alike(it.cos_added)}, with a cosine of "
                f"{it.cos_added:.2f}; the other pair of sides gives {it.cos_side:.2f}."
            ) as beat:
                self.play(*clear, run_time=0.6)
                self.play(*show, run_time=0.8)
                # each arrow as it is named, then the cosine between them
                self.wait_for_words(beat, f"The arrow from {b} to {c}")
                self.play(GrowArrow(d["added"][0]), run_time=0.9)
                self.wait_for_words(beat, f"arrow from {a} to {e}")
                self.play(GrowArrow(d["added"][1]), run_time=0.9)
                self.wait_for_words(beat, "with a cosine of")
                self.play(FadeIn(cosines[0]), FadeIn(cosines[2]), run_time=0.8)
                self.wait_for_words(beat, "the other pair of sides")
                self.play(GrowArrow(d["side"][0]), GrowArrow(d["side"][1]),
                          FadeIn(cosines[1]), run_time=0.9)

        verdict = " ".join(self._verdict(it).split()[:3])  # the results come with these words
        with self.narrate(self._search_words(it, first, last)) as beat:
            # the arrows into e step back (a − b + c often lands on or beside them), and any
            # arrow that would run through or touch the circle gives way around it
            steps, cuts = [], []
            for arrow, cut, opacity in d["search"]:
                if cut is not None:
                    cuts += [FadeOut(arrow), FadeIn(cut)]
                elif opacity < 1:
                    steps.append(arrow.animate.set_opacity(opacity))
            carried = []
            if first:  # the arrow b → c lit, carried to a, and where it ends marked, as said
                carried, steps = [FadeOut(self._carry(it, d, beat, steps))], []
            self.play(Create(d["moved"]), FadeIn(d["guess"]), FadeIn(d["guess_label"]),
                      *steps, *cuts, *carried, run_time=1.0)
            self.wait_for_words(beat, verdict)
            self.play(FadeIn(results), FadeTransform(ask, answer), run_time=1.0)
            if first:  # how the list is made: its scores, and the three words left out
                self.wait_for_words(beat, "The list ranks words")
                self.play(light(results[1]),
                          run_time=self.seconds_until(beat, "by cosine similarity,", least=0.8))
                self.wait_for_words(beat, "leaving out")
                self.play(light(results[2][1]),
                          *[light(VGroup(dot, name)) for dot, name
                            in zip(d["dots"][:3], d["labels"][:3], strict=True)],
                          run_time=self.seconds_until(beat, "the three words", least=0.8))
            if last and len(self.shown.analogies) > 1:  # the summary, one row per analogy
                self.wait_for_words(beat, " ".join(self._summary().split()[:2]))
                board = self._scoreboard().next_to(self.keep[2], DOWN, buff=0.7).set_x(0)
                badge, _, title = self.keep  # the view note goes with the view
                self.play(*[FadeOut(m) for m in self.mobjects if m not in (badge, title)],
                          run_time=0.6)
                self.play(LaggedStart(*[FadeIn(r, shift=RIGHT * 0.1) for r in board],
                                      lag_ratio=0.3), run_time=1.6)
                self.scoreboard = board  # (tests)

    def _carry(self, it: AnalogyShown, d: dict[str, Any], beat: Any,
               steps: Sequence[Any]) -> VMobject:
        """The search's first words: the arrow from b to c lights up and a copy of it slides
        to start at a (the arrows into e step back meanwhile). Returns the copy, to go as the
        spot where it ends is marked (the dashed path and the circle take its place)."""
        b, c, a = it.b, it.c, it.a
        added = d["added"][0]
        self.play(light(added),
                  run_time=self.seconds_until(beat, f"from {b} to {c},", least=0.8))
        carried = added.copy()
        self.add(carried)
        start = d["pos"][0] - d["pos"][1]
        self.play(carried.animate.shift(start), *steps,
                  run_time=self.seconds_until(beat, f"start it at {a},", least=1.0))
        self.wait_for_words(beat, "nearest the spot")
        return carried

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

    def _scoreboard(self) -> VGroup:
        """Every analogy shown: a − b + c, the word expected and where it ranked (1 = first)."""
        rows = []
        for it in self.shown.analogies:
            hit = it.expected_rank == 1
            where = ("first" if hit else f"came in at #{it.expected_rank:,}"
                     if it.expected_rank else "not among the nearest")
            cells = [label(f"{it.a} \u2212 {it.b} + {it.c}", style.BODY),
                     label(f"\u2192 {it.expected}", style.BODY, color=PAIR_ADD),
                     label(where, style.BODY, color=style.HIGHLIGHT if hit else style.DATA)]
            rows.append(cells)
        widths = [max(r[k].width for r in rows) for k in range(3)]
        out = VGroup()
        for cells in rows:
            slots = VGroup(*[Rectangle(width=w, height=0.5, stroke_width=0, fill_opacity=0)
                             for w in widths]).arrange(RIGHT, buff=0.6)
            for cell, slot in zip(cells, slots, strict=True):
                cell.move_to(slot).align_to(slot, LEFT)
            out.add(VGroup(*cells))
            out[-1].add(slots)  # keeps each row's columns where the slots put them
        out.arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        hits = sum(it.expected_rank == 1 for it in self.shown.analogies)
        out.add(label(f"the expected word came first in {hits} of {len(rows)}", style.BODY,
                      color=style.HIGHLIGHT).next_to(out, DOWN, buff=0.6))
        return fit_width(out)

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
        right.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
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
                       f"{it.cos_side:.2f}", font_size=38)
        # the pair colours, lightened so that thin formula strokes read on a projector
        both[0].set_color(interpolate_color(ManimColor(PAIR_ADD), WHITE, 0.35))
        both[2].set_color(interpolate_color(ManimColor(PAIR_SIDE), WHITE, 0.35))
        if both.width > PANEL_WIDTH:  # long words: only the formulas shrink, not the text
            both.scale_to_fit_width(PANEL_WIDTH)
        note = VGroup(_lab(f"cosines in all {self.shown.dimensions} dimensions:", style.SMALL,
                           color=style.DATA),
                      _lab("1 = parallel, 0 = perpendicular", style.SMALL, color=style.DATA)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
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
                      _lab(f"cosine similarity; {a}, {b}, {c} left out", style.SMALL,
                           color=style.DATA)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        return VGroup(head, rows, foot).arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def _diagram(self, it: AnalogyShown, panel: VGroup, top_edge: float) -> dict[str, Any]:
        """The four words, the parallelogram's arrows, the path to a − b + c and the labels.

        Every label is placed clear of the dots, the arrows (shafts and heads), the dashed
        path, the circle and the other labels (see light3d.place_labels). The drawing is as
        wide as it can be while its labels all find such a spot facing outwards: it leaves
        room, as needed, on its right for the labels of c and e and for that of a − b + c
        (which lands near e), and on its left for those of a and b. The lines of the
        ``panel`` on its right are obstacles too, kept ``LIST_GAP`` away, so no label reads
        as part of one of them.
        """
        right_edge = panel.get_left()[0]
        lines = [*panel[0][:2], *panel[0][2], panel[1][0], *panel[1][1], *panel[1][2]]
        obstacles = tuple(_bbox(m, pad=LIST_GAP) for m in lines if m.width > 0)
        names = [it.a, it.b, it.c, it.expected]
        word_labels = [_lab(n, style.BODY, color=style.HIGHLIGHT if k == 3 else style.TEXT)
                       for k, n in enumerate(names)]
        one = label(f"{it.a} \u2212 {it.b} + {it.c}", style.SMALL, color=style.HIGHLIGHT)
        two = VGroup(label(f"{it.a} \u2212 {it.b}", style.SMALL, color=style.HIGHLIGHT),
                     label(f"+ {it.c}", style.SMALL, color=style.HIGHLIGHT)
                     ).arrange(DOWN, buff=0.08)
        caption = VGroup(_lab("2-D view: the top 2 principal components", style.SMALL,
                              color=style.DATA),
                         _lab(f"of these 4 words ({_pct(it.explained_2d)} of their spread)",
                              style.SMALL, color=style.DATA))
        caption.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        caption.to_edge(LEFT, buff=style.MARGIN)
        # clear gaps: word labels / the view caption / the stage note read as three things
        caption.shift(UP * (self.keep[1].get_top()[1] + 0.2 - caption.get_bottom()[1]))
        frame = (-config.frame_width / 2 + 0.15, caption.get_top()[1] + 0.22,
                 right_edge - 0.15, top_edge - 0.1)

        # the widest drawing whose labels all find a clear spot facing outwards wins
        inner = right_edge - LIST_GAP  # the nearest a label may come to the panel's lines
        rights = {min(DIAGRAM[2], inner - room) for room in (
            1.25, max(word_labels[2].width, word_labels[3].width) + 0.3, two.width + 0.3)}
        lefts = {DIAGRAM[0], max(DIAGRAM[0], frame[0] + 0.4
                                 + max(word_labels[0].width, word_labels[1].width))}
        # (when none does, a label may also take the outward side's other corner)
        best: tuple[tuple[int, int], dict[str, Any]] | None = None
        boxes = sorted(((x0, x1) for x0 in lefts for x1 in rights if x1 - x0 > 1.0),
                       key=lambda b: b[0] - b[1])
        for x0, x1, corners in [(x0, x1, c) for c in (False, True) for x0, x1 in boxes]:
            d = self._drawing(it, (x0, DIAGRAM[1], x1, DIAGRAM[3]), word_labels, (one, two),
                              frame, (_bbox(caption), *obstacles), corners)
            if best is None or d["score"] < best[0]:
                best = (d["score"], d)
            if d["score"] == (0, 0):
                break
        assert best is not None
        d = best[1]
        guess_label = flat_text(d["variant"])
        for m, p, off in zip([*word_labels, guess_label], d["pos"][:5], d["offsets"],
                             strict=True):
            m.move_to(p + np.array([off[0], off[1], 0.0]))
        return {**d, "labels": VGroup(*word_labels), "guess_label": guess_label,
                "caption": caption}

    @staticmethod
    def _drawing(it: AnalogyShown, box: Box, word_labels: Sequence[VMobject],
                 variants: Sequence[VMobject], frame: Box,
                 obstacles: Sequence[Box], corners: bool = False) -> dict[str, Any]:
        """The diagram drawn into ``box`` and its labels' placement, clear of ``obstacles``
        (the caption, the panel's lines) too; ``score``: clashes left, then word labels that
        could not face outwards (0, 0 is the goal). ``search``: each arrow with its redrawn
        shape while a − b + c is searched for (None: unchanged) and its opacity then."""
        pos = analogy_view(it.coords, box)
        dots = VGroup(*[Dot(p, radius=0.08, color=style.TEXT) for p in pos[:4]])
        dots[3].set_color(style.HIGHLIGHT)
        guess = Circle(radius=GUESS_RADIUS, color=style.HIGHLIGHT, stroke_width=3).move_to(pos[4])

        def arrow(i: int, j: int, color: str) -> Arrow:
            return Arrow(pos[i], pos[j], buff=0.1, color=color, stroke_width=5, tip_length=0.24,
                         max_tip_length_to_length_ratio=0.2)

        added = VGroup(arrow(1, 2, PAIR_ADD), arrow(0, 3, PAIR_ADD))
        side = VGroup(arrow(1, 0, PAIR_SIDE), arrow(2, 3, PAIR_SIDE))
        moved = DashedLine(pos[0], pos[4], color=PAIR_ADD, stroke_width=4, dash_length=0.12)
        shafts = [(a.get_start()[:2], a.get_end()[:2]) for a in [*added, *side]]
        view = ScreenView(
            dots=pos[:5, :2], dot_radius=0.08, frame=frame,
            boxes=(*[_bbox(a.tip, pad=0.08) for a in [*added, *side]], _bbox(guess, pad=0.05),
                   *obstacles),
            segments=np.vstack([segment_rows(shafts, 0.07),
                                segment_rows([(pos[0, :2], pos[4, :2])], 0.05)]))
        centre = pos[:4, :2].mean(axis=0)
        spots = []
        for k in range(4):  # word labels first try spots facing away from the middle
            w, h = word_labels[k].width, word_labels[k].height
            sx, sy = np.sign(pos[k, :2] - centre) + (np.abs(pos[k, :2] - centre) < 1e-9)
            # (with ``corners``, then the outward side's other corner, still beside the dot:
            # in a crowded spot the placer's rings may otherwise end far from it)
            other = ((sx * (w / 2 + 0.15), -sy * (h / 2 + 0.15)),
                     (sx * (w / 2 + 0.25), -sy * (h / 2 + 0.2))) if corners else ()
            spots.append(LabelSpot((w, h), {0: pos[k, :2]}, radius=0.08, preferred=(
                (sx * (w / 2 + 0.25), 0.0), (sx * (w / 2 + 0.15), sy * (h / 2 + 0.15)),
                (0.0, sy * (h / 2 + 0.25)), *other)))
        # the guess's label on one line, else on two; the one with fewer clashes is kept
        # (and placed after the words' labels, else before them: it is the longest)
        tries = []
        for variant in variants:
            for first in (False, True):
                size = (variant.width, variant.height)
                ring = tuple(label_candidates(LabelSpot(size, {}, radius=GUESS_RADIUS), 0.08))
                spot = LabelSpot(size, {0: pos[4, :2]}, radius=GUESS_RADIUS,
                                 preferred=ring if first else (), priority=-1 if first else 0)
                placement, _ = place_labels([*spots, spot], [view])
                inward = sum(tuple(off) not in [tuple(map(float, q)) for q in s.preferred]
                             for s, off in zip(spots, placement.offsets, strict=False))
                tries.append(((placement.overlaps, inward), placement, variant))
                if tries[-1][0] == (0, 0):
                    break
            if tries[-1][0] == (0, 0):
                break
        score, placement, variant = min(tries, key=lambda tr: tr[0])
        # while a − b + c is searched for, the arrows into e dim; none touches the circle
        search = []
        for drawn in [*added, *side]:
            opacity = INTO_E_OPACITY if drawn in (added[1], side[1]) else 1.0
            cut = clear_of_circle(drawn, guess)
            search.append((drawn, cut.set_opacity(opacity) if cut is not None else None,
                           opacity))
        return {"dots": dots, "added": added, "side": side, "moved": moved, "guess": guess,
                "view": view, "pos": pos, "offsets": placement.offsets, "variant": variant,
                "overlaps": placement.overlaps, "score": score, "search": search}


__all__ = ["EmbeddingSpaceScene", "EmbeddingArithmeticScene", "SpaceFacts", "ArithmeticFacts",
           "AnalogyShown", "analogy_view"]
