"""The dot product: a sum of products, a measure of alignment, and a plurality direction.

The worked example, the three arrow pairs and the turning arrow are illustrations (numbers,
angles and lengths chosen by hand, and said so on screen; the turning arrow's dot products are
computed from its coordinates in ``gather``); every word-vector number comes from
``livenumbers.words`` with the knobs in ``[plurality]`` of the lecture configuration. Told as
narrated beats:
    manim -pqh scenes/plurality.py PluralityScene
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORANGE,
    ORIGIN,
    RIGHT,
    UP,
    Arc,
    Arrow,
    Circle,
    Create,
    CurvedArrow,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    UpdateFromFunc,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
)

from livenumbers import words
from scenes.common import style
from scenes.common.glyph_number import GlyphNumber
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import Beat, LectureSlide
from scenes.common.widgets import (
    fit_width,
    flat_text,
    label,
    model_badge,
    scene_title,
    stage_note,
    token_box,
)
from scenes.light3d import baseline

# The worked example: two short vectors chosen by hand (an illustration, not model numbers).
DEMO_U = (2, -1, 3)
DEMO_V = (1, 4, 2)
DEMO_DOT = sum(a * b for a, b in zip(DEMO_U, DEMO_V, strict=True))
# The three alignment pictures: the angle between two illustrative 2-D arrows, in degrees.
DEMO_ANGLES = (35, 90, 145)
# The turning arrow: two 2-D arrows with lengths chosen by hand (an illustration, not model
# numbers). v stays put, SPIN_HEADING degrees above the x-axis; w starts along v and turns.
SPIN_LENGTHS = (2.0, 1.5)  # |v|, |w|
SPIN_HEADING = 15.0  # degrees
SPIN_FROM, SPIN_TO = 30.0, 570.0  # degrees turned from v: one and a half turns
SPIN_REST = 450.0  # where w comes back to rest: at a right angle to v
SPIN_STEP = 0.5  # degrees between rows of the table
# Each stretch of the turn: the angle w reaches (degrees turned from v) as the narration ends
# the words beside it. A stretch that stays at its angle is a hold (the arrow waits at zero
# while "right angle" is said).
SPIN_PHASES = ((75.0, "they roughly agree,"), (90.0, "passes through zero"),
               (90.0, "at every right angle,"), (180.0, "as they point apart."))
SPIN_ON = ((270.0, "zero again"), (270.0, "at the next right angle,"),
           (360.0, "once they line up,"), (SPIN_REST, "it rests at zero:"))
ZERO_BAND = 0.06  # |v·w| below this share of |v||w| reads as near zero (within ~3.4° of 90°)
NEGATIVE = ORANGE  # negative dot products (not red: red means a negative weight)
LIVE_SIZE = 34  # the live angle and dot product (monospace, beside 40-pt formulas)
SINGULAR = style.DATA  # bars of singular nouns
PLURAL = style.WORD_COLORS["plural"]  # bars of plural nouns, and of the number words
CHART = (-6.4, -2.55, 6.4, 1.75)  # left, bottom, right, top of a bar chart's bars


def _lab(text: str, size: int = style.BODY, color: str = style.TEXT) -> Any:
    """A label as one path (see widgets.flat_text): cheap to copy for animations."""
    return flat_text(label(text, size, color=color))


def _signed(v: float) -> str:
    """A value with a real minus sign (U+2212) and two decimals."""
    return f"{v:+.2f}".replace("-", "\u2212")


def _live_signed(v: float) -> str:
    """A live dot product: sign and two decimals, a plain 0.00 (sign slot blank) near zero."""
    return " 0.00" if abs(v) < 0.005 else f"{v:+.2f}"


def _column(values: Sequence[float]) -> str:
    return r"\begin{bmatrix}" + r"\\".join(str(v) for v in values) + r"\end{bmatrix}"


def _tex_word(word: str) -> str:
    specials = {"_": r"\_", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "{": r"\{",
                "}": r"\}", "^": r"\^{}", "~": r"\~{}", "\\": r"\textbackslash{}"}
    return r"\text{" + "".join(specials.get(ch, ch) for ch in word) + "}"


def bar_chart(groups: Sequence[Sequence[tuple[str, float, str]]],
              box: tuple[float, float, float, float] = CHART,
              bar_width: float = 0.5) -> dict[str, Any]:
    """Vertical bars from a zero line: one group per entry of ``groups``, bars side by side.

    Each bar is (word, value, colour). Values label the bar ends; words go under the chart, one
    line per bar of the group, in the bar's colour. Returns the pieces for animating.
    """
    values = [v for g in groups for _, v, _ in g]
    top = max(0.0, max(values))
    bottom = min(0.0, min(values))
    span = max(top - bottom, 1e-9)
    left, low, right, high = box
    room = 0.35  # space for the value labels beyond the bar ends
    scale = (high - low - 2 * room) / span
    zero_y = low + room + (-bottom) * scale
    pitch = (right - left) / len(groups)
    zero = Line([left, zero_y, 0], [right, zero_y, 0], color=style.DATA_DIM, stroke_width=2)
    bars, numbers, names = VGroup(), VGroup(), VGroup()
    widest = max(label(_signed(v), style.SMALL).width for v in values)
    gap = max(0.12, widest - bar_width + 0.1)  # a value label never reaches the next bar
    for g, group in enumerate(groups):
        centre = left + pitch * (g + 0.5)
        n = len(group)
        total = n * bar_width + (n - 1) * gap
        for k, (_word, value, color) in enumerate(group):
            x = centre - total / 2 + bar_width / 2 + k * (bar_width + gap)
            height = abs(value) * scale
            bar = Rectangle(width=bar_width, height=max(height, 0.01), stroke_width=0,
                            fill_color=color, fill_opacity=0.85)
            edge = UP if value >= 0 else DOWN
            bar.move_to([x, zero_y, 0], aligned_edge=-edge)
            bar.edge = -edge  # type: ignore[attr-defined]  # where the bar grows from
            number = label(_signed(value), style.SMALL, color=color)
            number.next_to(bar, edge, buff=0.08)
            bars.add(bar)
            numbers.add(flat_text(number))
        lines = VGroup()
        for k, (word, _, color) in enumerate(group):
            # words sit on common baselines, one line per bar of the group
            text = label(word, style.SMALL, color=color)
            text.set_x(centre).shift(UP * (low - 0.35 - k * 0.36 - baseline(text)))
            lines.add(flat_text(text))
        names.add(lines)
    return {"zero": zero, "bars": bars, "numbers": numbers, "names": names,
            "zero_y": zero_y}


@dataclass(frozen=True)
class PluralityFacts:
    """What PluralityScene draws: the plus − minus direction dotted with pairs and numbers."""

    plus: str
    minus: str
    direction_norm: float
    pairs: tuple[tuple[str, str], ...]  # (singular, plural)
    singular_dots: tuple[float, ...]
    plural_dots: tuple[float, ...]
    plural_higher: int  # pairs whose plural scores higher than its singular
    numbers: tuple[str, ...]
    number_dots: tuple[float, ...]
    numbers_rising: int  # steps from one number word to the next where the score goes up
    model_id: str
    spin_v: tuple[float, float]  # the fixed 2-D arrow
    spin_w: tuple[float, float]  # the turning arrow before it turns (along spin_v)
    spin_angles: tuple[float, ...]  # degrees turned, SPIN_FROM..SPIN_TO
    spin_dots: tuple[float, ...]  # spin_v · (spin_w turned by that angle)
    plane_minus: tuple[float, float]  # E(minus) in the plane of E(minus), E(plus)
    plane_plus: tuple[float, float]  # E(plus) there: d = plus − minus points along +x


def difference_plane(minus: Sequence[float], plus: Sequence[float]
                     ) -> tuple[tuple[float, float], tuple[float, float]]:
    """2-D coordinates of two vectors in the plane they span, with ``plus − minus`` along +x.

    Lengths and the angle between them are exact (the plane holds both vectors); the two tips
    share a height, so the difference is the horizontal step between them.
    """
    a, b = np.asarray(minus, dtype=float), np.asarray(plus, dtype=float)
    d = b - a
    u = d / np.linalg.norm(d)
    off = a - (a @ u) * u  # the part of ``minus`` across the difference
    height = float(np.linalg.norm(off))
    return (float(a @ u), height), (float(b @ u), height)


def rotated(vec: Sequence[float], degrees: np.ndarray) -> np.ndarray:
    """A 2-D vector turned anticlockwise by each angle: shape (len(degrees), 2)."""
    t = np.deg2rad(np.asarray(degrees, dtype=float))
    x, y = float(vec[0]), float(vec[1])
    return np.stack([x * np.cos(t) - y * np.sin(t), x * np.sin(t) + y * np.cos(t)], axis=1)


class PluralityScene(LectureSlide):
    """Dot products: sum of products, alignment, and the cats − cat plurality direction."""

    shown: PluralityFacts

    def gather(self) -> PluralityFacts:
        """Dot products of plus − minus with the singular/plural pairs and the number words."""
        p = self.lecture.plurality
        flat = [w for pair in p.pairs for w in pair]
        spec = self.lecture.models.words
        pairs = words.direction_dots(p.plus, p.minus, flat, spec)
        numbers = words.direction_dots(p.plus, p.minus, list(p.numbers), spec)
        singular = pairs.dots[0::2]
        plural = pairs.dots[1::2]
        heading = np.deg2rad(SPIN_HEADING)
        unit = np.array([np.cos(heading), np.sin(heading)])
        v, w = SPIN_LENGTHS[0] * unit, SPIN_LENGTHS[1] * unit
        angles = np.arange(SPIN_FROM, SPIN_TO + SPIN_STEP / 2, SPIN_STEP)
        spin_dots = rotated(w, angles) @ v
        plane_minus, plane_plus = difference_plane(words.vector(pairs.minus, spec).values,
                                                   words.vector(pairs.plus, spec).values)
        self.shown = PluralityFacts(
            plus=pairs.plus, minus=pairs.minus, direction_norm=pairs.direction_norm,
            pairs=tuple(zip(pairs.words[0::2], pairs.words[1::2], strict=True)),
            singular_dots=singular, plural_dots=plural,
            plural_higher=sum(b > a for a, b in zip(singular, plural, strict=True)),
            numbers=numbers.words, number_dots=numbers.dots,
            numbers_rising=int(np.sum(np.diff(numbers.dots) > 0)),
            model_id=pairs.model_id,
            spin_v=(float(v[0]), float(v[1])), spin_w=(float(w[0]), float(w[1])),
            spin_angles=tuple(float(a) for a in angles),
            spin_dots=tuple(float(d) for d in spin_dots),
            plane_minus=plane_minus, plane_plus=plane_plus)
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        title = flat_text(scene_title("The dot product"))
        eq, caption, note = self._sum_of_products()
        with self.narrate(
            "Next, a tool the following chapter leans on heavily: the dot product. Pair up "
            "the entries of two vectors, multiply each pair, and add it all up; for these two "
            f"example vectors that gives {DEMO_DOT}. It is "
            "one more weighted sum, the shape almost every step in the network takes."
        ) as beat:  # the products, the sum and the caption each arrive with their words
            self.play(FadeIn(title), FadeIn(eq[0]), FadeIn(note), run_time=0.8)
            self.wait_for_words(beat, "Pair up")
            self.play(Write(eq[1]), run_time=1.2)
            self.wait_for_words(beat, "add it all up;")
            self.play(Write(eq[2]), run_time=1.0)
            self.wait_for_words(beat, "one more weighted sum,")
            self.play(FadeIn(caption, shift=UP * 0.1), run_time=0.8)

        panels, note2 = self._alignment()
        with self.narrate(
            "Geometrically, it tells you how well two vectors line up. Pointing roughly the "
            "same way gives a positive number, at right angles it gives zero, and pointing "
            "apart makes it negative."
        ) as beat:
            self.play(eq.animate.scale(0.6).to_edge(UP, buff=1.3), FadeOut(caption),
                      FadeOut(note), run_time=0.7)
            self.play(FadeIn(note2), run_time=0.4)  # after the old note: one place, one note
            # each picture arrives with the words that describe it
            for panel, words in zip(panels, ("same way", "at right angles", "pointing apart"),
                                    strict=True):
                self.wait_for_words(beat, words)
                self.play(GrowArrow(panel[0][0]), GrowArrow(panel[0][1]), Create(panel[0][2]),
                          FadeIn(panel[0][3]), FadeIn(VGroup(panel[1], panel[2]), shift=UP * 0.2),
                          run_time=0.9)

        self._spin(s, title)

        head, badge, idea = self._hypothesis(s, title)
        sketch = self._plane_sketch(s, idea)
        self.header = VGroup(title, head, badge)
        self.idea = VGroup(idea, sketch)
        with self.narrate(
            f"Now a test on real word vectors. Suppose the difference {s.plus} minus "
            f"{s.minus} points along a direction that means more than one. If so, plural "
            "nouns should score higher than singular ones when we take their dot product "
            "with it."
        ) as beat:
            self.play(*[FadeOut(m) for m in self.mobjects if m is not title], run_time=0.6)
            self.play(Write(head[0]), FadeIn(head[1]), FadeIn(badge), run_time=1.2)
            self.play(GrowArrow(sketch[0]), FadeIn(sketch[1]), GrowArrow(sketch[2]),
                      FadeIn(sketch[3]), FadeIn(sketch[6]), run_time=1.4)
            self.play(GrowArrow(sketch[4]), FadeIn(sketch[5]), run_time=1.0)
            self.wait_for_words(beat, "more than one.")
            self.play(FadeIn(idea[0]), light(sketch[5], scale=1.2, color=PLURAL), run_time=1.0)
            self.wait_for_words(beat, "singular ones")
            self.play(FadeIn(idea[1]), run_time=0.6)

        chart, what, verdict = self._pairs_chart(s, head)
        self.pairs_chart = VGroup(chart["zero"], chart["bars"], chart["numbers"],
                                  chart["names"], verdict)
        with self.narrate(
            f"Here are {len(s.pairs)} nouns, each beside its plural, scored against that "
            f"direction. {self._pairs_verdict(s)}"
        ):
            self.play(FadeOut(self.idea), run_time=0.4)
            self.play(Create(chart["zero"]), FadeIn(what), FadeIn(chart["names"]),
                      run_time=0.8)
            self.play(LaggedStart(*[GrowFromEdge(b, b.edge) for b in chart["bars"]],
                                  lag_ratio=0.08), run_time=2.0)
            self.play(LaggedStart(*[FadeIn(m, shift=UP * 0.05) for m in chart["numbers"]],
                                  lag_ratio=0.08), run_time=1.0)  # values once the bars stand
            self.play(FadeIn(verdict), run_time=0.5)

        chart2 = self._numbers_chart(s)
        self.numbers_chart = VGroup(chart2["zero"], chart2["bars"], chart2["numbers"],
                                    chart2["names"])
        with self.narrate(
            f"Now the same direction against the number words {', '.join(s.numbers)}. "
            f"{self._numbers_verdict(s)}"
        ) as beat:
            self.play(FadeOut(self.pairs_chart), run_time=0.5)
            self.play(Create(chart2["zero"]), FadeIn(chart2["names"]), run_time=0.6)
            # a bar for each number word as the list is read, then their scores
            self.play(LaggedStart(*[GrowFromEdge(b, b.edge) for b in chart2["bars"]],
                                  lag_ratio=0.25),
                      run_time=self.seconds_until(beat, f"{s.numbers[-1]}.", least=1.8))
            self.play(LaggedStart(*[FadeIn(m, shift=UP * 0.05) for m in chart2["numbers"]],
                                  lag_ratio=0.15), run_time=0.9)
            if len(s.numbers) > 1:  # the verdict, step by step along the row
                self.wait_for_words(beat, "The score goes up")
                self.play(light_in_turn([VGroup(b, m) for b, m in zip(
                    chart2["bars"], chart2["numbers"], strict=True)], lag_ratio=0.3),
                    run_time=2.0)

        preview = self._attention_preview()
        with self.narrate(
            "Keep this picture in mind for the next chapter: attention relies on dot "
            "products like these to judge which vectors have something to say to each other."
        ) as beat:
            # the picture of this chapter goes; the sketch has no numbers, so no model badge
            self.play(*[FadeOut(m) for m in self.mobjects if m is not title], run_time=0.6)
            self.play(LaggedStart(*[FadeIn(t, shift=UP * 0.1) for t in preview["tokens"]],
                                  lag_ratio=0.15), FadeIn(preview["note"]), run_time=0.8)
            self.wait_for_words(beat, "attention relies on")
            self.play(LaggedStart(*[Create(a) for a in preview["arcs"]], lag_ratio=0.3),
                      LaggedStart(*[FadeIn(d) for d in preview["dots"]], lag_ratio=0.3),
                      run_time=1.4)
            self.wait_for_words(beat, "dot products like these")
            self.play(FadeIn(preview["caption"], shift=UP * 0.1), run_time=0.6)

    def _spin(self, s: PluralityFacts, title: Any) -> None:
        """One arrow turns round the other while the dot product and the angle follow live."""
        pic = self._spin_picture(s)
        tracker = ValueTracker(s.spin_angles[0])
        angles, dots = np.array(s.spin_angles), np.array(s.spin_dots)
        v = np.array([*s.spin_v, 0.0])
        v_len = float(np.linalg.norm(v))
        w_len = float(np.hypot(*s.spin_w))
        v_hat = v / v_len
        heading = float(np.arctan2(v[1], v[0]))
        origin = pic["origin"].get_center()
        offset = np.array([v_hat[1], -v_hat[0], 0.0]) * 0.16  # the shadow runs beside v
        turned = [0.0]  # how far w's arrow has been rotated so far (radians)
        cues = pic["cues"]

        def towards(radians: float) -> np.ndarray:
            return np.array([np.cos(radians), np.sin(radians), 0.0])

        def follow(_: Any) -> None:
            a = tracker.get_value()
            dot = float(np.interp(a, angles, dots))
            t = np.deg2rad(a)
            pic["w"].rotate(t - turned[0], about_point=origin)
            turned[0] = t
            tip = origin + w_len * towards(heading + t)
            between = np.deg2rad((a + 180.0) % 360.0 - 180.0)  # signed, from v to w
            # beyond the tip, pushed to the side away from v (smoothly, so it never jumps)
            side = 0.3 * float(np.clip(np.sin(between) / np.sin(np.deg2rad(20)), -1, 1))
            pic["w_name"].move_to(tip + 0.25 * towards(heading + t)
                                  + side * towards(heading + t + np.pi / 2))
            sweep = heading + np.linspace(0.0, between, 32)
            pic["arc"].set_points_as_corners(
                origin + 0.5 * np.stack([np.cos(sweep), np.sin(sweep), 0 * sweep], axis=1))
            pic["theta"].move_to(origin + 0.8 * towards(heading + between / 2))
            # θ's name fades out while the arrows nearly overlap (it would sit on them)
            pic["theta"].set_fill(opacity=float(np.clip((abs(between) - 0.17) / 0.26, 0, 1)))
            foot = origin + (dot / v_len) * v_hat  # w's shadow on v's line
            pic["drop"].set_points_as_corners([tip, foot])
            pic["shadow"].set_points_as_corners([origin + offset, foot + offset])
            if abs(dot) <= ZERO_BAND * v_len * w_len:
                kind = 2 if abs(dot) < 0.005 else 1  # 0.00 on screen: zero
            else:
                kind = 0 if dot > 0 else 3
            color = (style.GOOD, style.TEXT, style.TEXT, NEGATIVE)[kind]
            pic["angle"].set_value(abs(np.rad2deg(between)))
            pic["dot"].set_value(dot).set_fill(color)
            pic["shadow"].set_stroke(color)
            for k, cue in enumerate(cues):
                cue.set_fill(opacity=1.0 if k == kind else 0.0)

        follow(None)
        moving = pic["moving"]
        with self.narrate(
            "Now keep one arrow fixed and let the other turn. The number stays positive while "
            "they roughly agree, passes through zero at every right angle, and goes negative "
            "as they point apart."
        ) as beat:
            self.play(*[FadeOut(m) for m in self.mobjects if m is not title], run_time=0.6)
            self.play(FadeIn(pic["still"]), FadeIn(moving), run_time=0.8)
            self.wait_for_words(beat, "let the other turn.")
            self._turn(beat, tracker, moving, follow, SPIN_PHASES)

        with self.narrate(
            "Turning on, it is zero again at the next right angle, positive once they line up, "
            "and back at a right angle it rests at zero: no shadow falls along the fixed "
            "arrow. The product is the two lengths times the cosine of the angle between them."
        ) as beat:
            self._turn(beat, tracker, moving, follow, SPIN_ON)
            self.wait_for_words(beat, "The product is")
            self.play(Write(pic["formula"]), run_time=1.2)
        self.remove(tracker)
        self.spin = VGroup(pic["still"], moving, pic["formula"])

    def _turn(self, beat: Beat, tracker: ValueTracker, moving: Any,
              follow: Callable[[Any], None], phases: tuple[tuple[float, str], ...]) -> None:
        """Turn w stretch by stretch, each stretch ending as its words are said."""
        for angle, phrase in phases:
            self.play(tracker.animate.set_value(angle), UpdateFromFunc(moving, follow),
                      run_time=self.seconds_until(beat, phrase), rate_func=linear)

    # ---- what the charts show, in words (from the facts)

    @staticmethod
    def _pairs_verdict(s: PluralityFacts) -> str:
        n, k = len(s.pairs), s.plural_higher
        if k == n:
            return "In every pair the plural scores higher, so the plurals do lean along it."
        if 2 * k >= n:
            return f"In {k} of the {n} pairs the plural scores higher: a tendency, not a rule."
        return (f"Only {k} of the {n} plurals score higher, so here this direction says little "
                "about plurality.")

    @staticmethod
    def _numbers_verdict(s: PluralityFacts) -> str:
        steps = len(s.numbers) - 1
        if steps < 1:
            return "One word alone shows no trend."
        if s.numbers_rising == steps:
            return ("The score goes up at every step, as if the direction also measured how "
                    "many things a word stands for.")
        return (f"The score goes up in {s.numbers_rising} of the {steps} steps from one word "
                "to the next: only a rough sense of how many.")

    # ---- layout

    def _sum_of_products(self) -> tuple[VGroup, Any, Any]:
        """The worked example: two columns, their products, the sum; a caption and a note."""
        products = [a * b for a, b in zip(DEMO_U, DEMO_V, strict=True)]
        terms = " + ".join(f"({a})({b})" if a < 0 or b < 0 else f"{a}\\cdot{b}"
                           for a, b in zip(DEMO_U, DEMO_V, strict=True))
        sums = " ".join(("" if k == 0 else ("- " if v < 0 else "+ ")) + str(abs(v) if k else v)
                        for k, v in enumerate(products))
        eq = MathTex(_column(DEMO_U), r"\cdot", _column(DEMO_V), "=", terms, "=", sums, "=",
                     str(sum(products)), font_size=48, color=style.TEXT)
        eq[0].set_color(style.DATA)
        eq[2].set_color(style.DATA)
        eq[-1].set_color(style.HIGHLIGHT)
        eq.move_to(UP * 0.9)
        if eq.width > config.frame_width - 1.0:
            eq.scale_to_fit_width(config.frame_width - 1.0)
        caption = _lab("multiply matching entries, then add: a weighted sum", style.SMALL,
                       color=style.DATA).next_to(eq, DOWN, buff=0.35)
        note = flat_text(stage_note("example numbers chosen by hand"))
        eq = VGroup(flat_text(eq[:3]), flat_text(eq[3:5]), flat_text(eq[5:]))
        return eq, caption, note

    def _alignment(self) -> tuple[VGroup, Any]:
        """Three illustrative arrow pairs: positive, zero and negative dot products."""
        panels = VGroup()
        signs = [(r"\vec{v}\cdot\vec{w} > 0", "similar directions", style.GOOD),
                 (r"\vec{v}\cdot\vec{w} = 0", "perpendicular", style.TEXT),
                 (r"\vec{v}\cdot\vec{w} < 0", "opposite directions", style.BAD)]
        length = 1.5
        for angle, (tex, words_, color) in zip(DEMO_ANGLES, signs, strict=True):
            start = ORIGIN
            v = Arrow(start, RIGHT * length, buff=0, color=style.DATA, stroke_width=6)
            a = np.deg2rad(angle)
            w_end = np.array([np.cos(a), np.sin(a), 0.0]) * length
            w = Arrow(start, w_end, buff=0, color=style.HIGHLIGHT, stroke_width=6)
            arc = Arc(radius=0.45, start_angle=0, angle=a, color=style.DATA_DIM, stroke_width=3)
            names = VGroup(MathTex(r"\vec{v}", font_size=34, color=style.DATA)
                           .next_to(v.get_end(), DOWN, buff=0.12),
                           MathTex(r"\vec{w}", font_size=34, color=style.HIGHLIGHT)
                           .next_to(w.get_end(), UP if angle < 120 else LEFT, buff=0.12))
            pic = VGroup(v, w, arc, names)
            sign = flat_text(MathTex(tex, font_size=40, color=color))
            text = _lab(words_, style.SMALL, color=color)
            panel = VGroup(pic, sign, text)
            sign.next_to(pic, DOWN, buff=0.4).set_x(0)
            text.next_to(sign, DOWN, buff=0.15)
            panels.add(panel)
        panels.arrange(RIGHT, buff=1.1, aligned_edge=DOWN).move_to(DOWN * 1.1)
        note = flat_text(stage_note("illustrative 2-D vectors, not from a model"))
        return panels, note

    def _spin_picture(self, s: PluralityFacts) -> dict[str, Any]:
        """The turning-arrow picture and its live readouts (all placed; w still along v).

        "still" holds what never changes, "moving" what ``_spin`` updates every frame.
        """
        v = np.array([*s.spin_v, 0.0])
        v_len = float(np.linalg.norm(v))
        w_len = float(np.hypot(*s.spin_w))
        v_hat = v / v_len
        reach = v_len + 0.5
        frame = Rectangle(width=2 * reach, height=2 * (w_len + 0.5), stroke_width=0,
                          fill_opacity=0)
        origin = Dot(ORIGIN, radius=0.05, color=style.DATA)
        track = DashedVMobject(Circle(radius=w_len, color=style.DATA_DIM, stroke_width=2),
                               num_dashes=48)
        v_line = DashedLine(-(w_len + 0.3) * v_hat, (v_len + 0.3) * v_hat, dash_length=0.08,
                            color=style.DATA_DIM, stroke_width=2)
        v_arrow = Arrow(ORIGIN, v, buff=0, color=style.DATA, stroke_width=6)
        v_name = MathTex(r"\vec{v}", font_size=36, color=style.DATA)
        v_name.next_to(v_arrow.get_end(), DOWN, buff=0.15)
        w_arrow = Arrow(ORIGIN, w_len * v_hat, buff=0, color=style.HIGHLIGHT, stroke_width=6)
        w_name = flat_text(MathTex(r"\vec{w}", font_size=36, color=style.HIGHLIGHT))
        arc = VMobject(color=style.TEXT, stroke_width=3)
        arc.set_points_as_corners([ORIGIN, RIGHT * 0.01])
        theta = flat_text(MathTex(r"\theta", font_size=30, color=style.TEXT))
        drop = Line(ORIGIN, RIGHT * 0.01, color=style.DATA_DIM, stroke_width=2)
        shadow = Line(ORIGIN, RIGHT * 0.01, color=style.GOOD, stroke_width=7)
        pic = VGroup(frame, track, v_line, origin, v_arrow, v_name)

        angle_eq = flat_text(MathTex(r"\theta =", font_size=40, color=style.TEXT))
        angle = GlyphNumber(SPIN_FROM, "{:3.0f}", LIVE_SIZE, style.TEXT)
        angle.next_to(angle_eq, RIGHT, buff=0.2, aligned_edge=DOWN)
        degree = flat_text(MathTex(r"^\circ", font_size=40, color=style.TEXT))
        degree.next_to(angle, RIGHT, buff=0.06, aligned_edge=UP)
        dot_eq = MathTex(r"\vec{v}", r"\cdot", r"\vec{w}", "=", font_size=40,
                         color=style.TEXT)
        dot_eq[0].set_color(style.DATA)
        dot_eq[2].set_color(style.HIGHLIGHT)
        dot_eq = flat_text(dot_eq)
        dot = GlyphNumber(0.0, _live_signed, LIVE_SIZE, style.GOOD)
        dot.next_to(dot_eq, RIGHT, buff=0.2, aligned_edge=DOWN)
        rows = VGroup(VGroup(angle_eq, angle, degree), VGroup(dot_eq, dot))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        cues = VGroup(*[_lab(text, style.BODY, color=color) for text, color in (
            ("positive: pointing roughly the same way", style.GOOD),
            ("near zero: nearly perpendicular", style.TEXT),
            ("zero: perpendicular", style.TEXT),
            ("negative: pointing apart", NEGATIVE))])
        for cue in cues[1:]:
            cue.move_to(cues[0], aligned_edge=LEFT)
        lengths = flat_text(MathTex(
            rf"\|\vec{{v}}\| = {v_len:.1f} \qquad \|\vec{{w}}\| = {w_len:.1f}",
            font_size=38, color=style.DATA))
        formula = flat_text(MathTex(
            r"\vec{v}\cdot\vec{w} = \|\vec{v}\|\,\|\vec{w}\|\cos\theta", font_size=38,
            color=style.TEXT))
        panel = VGroup(rows, cues, lengths, formula).arrange(DOWN, aligned_edge=LEFT,
                                                             buff=0.45)
        VGroup(pic, panel).arrange(RIGHT, buff=0.6).move_to(DOWN * 0.35)
        # the moving parts were drawn about ORIGIN: take them to the picture's origin
        VGroup(arc, theta, drop, shadow, w_arrow, w_name).shift(origin.get_center())
        note = flat_text(stage_note("2-D illustration, lengths chosen by hand"))
        moving = VGroup(shadow, drop, arc, theta, w_arrow, w_name, angle, dot, cues)
        still = VGroup(pic, angle_eq, degree, dot_eq, lengths, note)
        return {"origin": origin, "w": w_arrow, "w_name": w_name, "arc": arc, "theta": theta,
                "drop": drop, "shadow": shadow, "angle": angle, "dot": dot, "cues": cues,
                "formula": formula, "moving": moving, "still": still}

    @staticmethod
    def _attention_preview() -> dict[str, Any]:
        """A sketch of the next chapter: earlier words' vectors scored against a later one's
        by dot products (no numbers: the scores come from vectors attention computes)."""
        words_ = ("a", "fluffy", "blue", "creature")
        tokens = VGroup(*[token_box(w, style.DATA, style.BODY) for w in words_])
        tokens.arrange(RIGHT, buff=0.5).move_to(DOWN * 0.3)
        target = tokens[-1]
        arcs, dots = VGroup(), VGroup()
        for source in tokens[1:-1]:
            arc = CurvedArrow(source.get_top() + UP * 0.08, target.get_top() + UP * 0.08,
                              angle=-1.3, color=style.HIGHLIGHT, stroke_width=3,
                              tip_length=0.18)
            arcs.add(arc)
            # the dot-product sign, on a patch of background that cuts the arc
            sign = MathTex(r"\cdot", font_size=150, color=style.HIGHLIGHT)
            patch = Circle(radius=0.2, stroke_width=0, fill_color=style.BACKGROUND,
                           fill_opacity=1)
            mark = VGroup(patch, sign.move_to(patch))
            dots.add(mark.move_to(arc.point_from_proportion(0.5)))
        caption = _lab("next chapter: attention scores each pair with a dot product",
                       style.BODY, color=style.TEXT)
        fit_width(caption, config.frame_width - 2 * style.MARGIN).next_to(tokens, DOWN,
                                                                          buff=0.6)
        note = flat_text(stage_note("a sketch of what comes next: no numbers"))
        return {"tokens": tokens, "arcs": arcs, "dots": dots, "caption": caption,
                "note": note}

    def _hypothesis(self, s: PluralityFacts, title: Any) -> tuple[VGroup, Any, VGroup]:
        """d = plus − minus and its length beside the title; the badge; the idea to test."""
        badge = flat_text(model_badge(s.model_id, "word vectors"))
        formula = MathTex(r"\vec{d}", "=", _tex_word(s.plus), "-", _tex_word(s.minus),
                          font_size=44, color=style.TEXT)
        formula[0].set_color(PLURAL)
        formula = flat_text(formula)
        norm = flat_text(MathTex(rf"\|\vec{{d}}\| = {s.direction_norm:.2f}", font_size=32,
                                 color=style.DATA))
        head = VGroup(formula, norm).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
        head.next_to(title, RIGHT, buff=0.8).align_to(title, DOWN)
        if head.get_right()[0] > config.frame_width / 2 - style.MARGIN:
            head.next_to(title, DOWN, buff=0.25, aligned_edge=LEFT)
        idea = VGroup(_lab(f"Hypothesis: {s.plus} \u2212 {s.minus} points in a "
                           "\u201cplurality\u201d direction.", style.BODY),
                      _lab("Test: score each word by its dot product with it.", style.BODY,
                           color=style.DATA)).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        if idea.width > config.frame_width - 1.0:
            idea.scale_to_fit_width(config.frame_width - 1.0)
        idea.next_to(VGroup(title, head), DOWN, buff=0.45).to_edge(LEFT, buff=style.MARGIN)
        return head, badge, idea

    @staticmethod
    def _plane_sketch(s: PluralityFacts, idea: VGroup) -> VGroup:
        """E(minus), E(plus) and d between their tips, drawn in the plane the two span.

        VGroup(minus arrow, its name, plus arrow, its name, d arrow, d's name, the note).
        """
        (ax, ay), (bx, by) = s.plane_minus, s.plane_plus
        xs = [0.0, ax, bx]
        top = idea.get_bottom()[1] - 0.85  # the tips' names sit above the tips
        bottom = -config.frame_height / 2 + 1.25  # the note and the badge below
        unit = min(9.0 / (max(xs) - min(xs)), (top - bottom) / max(ay, 1e-6))
        origin = np.array([-(min(xs) + max(xs)) / 2 * unit, top - ay * unit, 0])
        tip_a = origin + unit * np.array([ax, ay, 0])
        tip_b = origin + unit * np.array([bx, by, 0])
        e_minus = Arrow(origin, tip_a, buff=0, color=SINGULAR, stroke_width=4)
        e_plus = Arrow(origin, tip_b, buff=0, color=PLURAL, stroke_width=4)
        d = Arrow(tip_a, tip_b, buff=0, color=PLURAL, stroke_width=7)
        name_a = MathTex(r"\vec E(" + _tex_word(s.minus) + ")", font_size=34, color=SINGULAR)
        name_a.next_to(tip_a, UP, buff=0.12)
        name_b = MathTex(r"\vec E(" + _tex_word(s.plus) + ")", font_size=34, color=PLURAL)
        name_b.next_to(tip_b, UP, buff=0.12)
        name_d = MathTex(r"\vec d", font_size=38, color=PLURAL)
        name_d.next_to(d, DOWN, buff=0.1)
        if name_a.get_right()[0] + 0.15 > name_b.get_left()[0]:  # tips close: names apart
            name_a.next_to(tip_a, LEFT, buff=0.15)
            name_b.next_to(tip_b, RIGHT, buff=0.15)
        note = stage_note("the two word vectors drawn in the plane they span: true lengths "
                          "and angle", max_width=12.0)  # one line: it sits above the badge
        note.next_to(VGroup(e_minus, e_plus), DOWN, buff=0.2)
        return VGroup(e_minus, name_a, e_plus, name_b, d, name_d, note)

    def _pairs_chart(self, s: PluralityFacts, head: VGroup) -> tuple[dict[str, Any], Any, Any]:
        """Singular and plural bars side by side, what they measure, and the tally."""
        groups = [[(a, va, SINGULAR), (b, vb, PLURAL)]
                  for (a, b), va, vb in zip(s.pairs, s.singular_dots, s.plural_dots,
                                            strict=True)]
        chart = bar_chart(groups, bar_width=min(0.5, 4.0 / len(groups)))
        what = flat_text(MathTex(r"\vec{d}\cdot\vec{E}(\text{word})", font_size=34,
                                 color=style.TEXT))
        what.next_to(head, DOWN, buff=0.3).to_edge(LEFT, buff=style.MARGIN)
        n = len(groups)
        verdict = _lab(f"plural higher in {s.plural_higher} of {n} pairs", style.SMALL,
                       color=PLURAL if s.plural_higher == n else style.TEXT)
        verdict.next_to(what, RIGHT, buff=0.6)
        return chart, what, verdict

    def _numbers_chart(self, s: PluralityFacts) -> dict[str, Any]:
        """One bar per number word."""
        # "one" names a single thing: it takes the singular nouns' colour, the rest the plural
        nums = [[(w, v, SINGULAR if w == "one" else PLURAL)]
                for w, v in zip(s.numbers, s.number_dots, strict=True)]
        return bar_chart(nums, bar_width=0.7)


__all__ = ["PluralityScene", "PluralityFacts", "bar_chart", "rotated"]
