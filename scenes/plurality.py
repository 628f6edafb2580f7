"""The dot product: a sum of products, a measure of alignment, and a plurality direction.

The worked example and the three arrow pairs are illustrations (numbers and angles chosen by
hand, and said so on screen); every word-vector number comes from ``livenumbers.words`` with the
knobs in ``[plurality]`` of the lecture configuration.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Arc,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    VGroup,
    Write,
    config,
)

from livenumbers import words
from scenes.common import style
from scenes.common.slide import LectureSlide
from scenes.common.widgets import flat_text, label, model_badge, stage_note
from scenes.light3d import baseline

# The worked example: two short vectors chosen by hand (an illustration, not model numbers).
DEMO_U = (2, -1, 3)
DEMO_V = (1, 4, 2)
# The three alignment pictures: the angle between two illustrative 2-D arrows, in degrees.
DEMO_ANGLES = (35, 90, 145)
SINGULAR = style.DATA  # bars of singular nouns
PLURAL = style.WORD_COLORS["plural"]  # bars of plural nouns, and of the number words
CHART = (-6.4, -2.55, 6.4, 1.75)  # left, bottom, right, top of a bar chart's bars
HOLD = 1.5  # seconds to read something new before its beat


def _lab(text: str, size: int = style.BODY, color: str = style.TEXT) -> Any:
    """A label as one path (see widgets.flat_text): cheap to copy for animations."""
    return flat_text(label(text, size, color=color))


def _signed(v: float) -> str:
    """A value with a real minus sign (U+2212) and two decimals."""
    return f"{v:+.2f}".replace("-", "\u2212")


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
    for g, group in enumerate(groups):
        centre = left + pitch * (g + 0.5)
        n = len(group)
        gap = 0.12
        total = n * bar_width + (n - 1) * gap
        for k, (_word, value, color) in enumerate(group):
            x = centre - total / 2 + bar_width / 2 + k * (bar_width + gap)
            height = abs(value) * scale
            bar = Rectangle(width=bar_width, height=max(height, 0.01), stroke_width=0,
                            fill_color=color, fill_opacity=0.85)
            edge = UP if value >= 0 else DOWN
            bar.move_to([x, zero_y, 0], aligned_edge=-edge)
            bar.edge = -edge  # type: ignore[attr-defined]  # where the bar grows from
            number = label(_signed(value), style.TINY, color=color)
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


class PluralityScene(LectureSlide):
    """Dot products: sum of products, alignment, and the cats − cat plurality direction."""

    shown: dict[str, Any]

    def gather(self) -> dict[str, Any]:
        """Dot products of plus − minus with the singular/plural pairs and the number words."""
        p = self.lecture.plurality
        flat = [w for pair in p.pairs for w in pair]
        pairs = words.direction_dots(p.plus, p.minus, flat)
        numbers = words.direction_dots(p.plus, p.minus, list(p.numbers))
        singular = pairs.dots[0::2]
        plural = pairs.dots[1::2]
        self.shown = {
            "plus": pairs.plus,
            "minus": pairs.minus,
            "direction_norm": pairs.direction_norm,
            "pairs": tuple(zip(pairs.words[0::2], pairs.words[1::2], strict=True)),
            "singular_dots": singular,
            "plural_dots": plural,
            "plural_higher": sum(b > a for a, b in zip(singular, plural, strict=True)),
            "numbers": numbers.words,
            "number_dots": numbers.dots,
            "model_id": pairs.model_id,
        }
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        title = flat_text(label("The dot product", style.HEADING))
        title.to_corner(UL, buff=style.MARGIN)
        self.play(FadeIn(title), run_time=0.6)
        self._sum_of_products()
        self._alignment()
        self.play(*[FadeOut(m) for m in self.mobjects if m is not title], run_time=0.6)
        self._direction(s, title)

    # ---- beat 1: multiply corresponding components, add the results

    def _sum_of_products(self) -> None:
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
        self.note = note
        eq = VGroup(flat_text(eq[:3]), flat_text(eq[3:5]), flat_text(eq[5:]))
        self.play(FadeIn(eq[0]), FadeIn(note), run_time=0.8)
        self.play(Write(eq[1]), run_time=1.0)
        self.play(Write(eq[2]), FadeIn(caption), run_time=1.0)
        self.wait(HOLD)
        self.beat(
            "One bit of intuition for the next chapter: the dot product. Computationally you "
            "multiply all the corresponding components and add the results, which is good, "
            "since so much of our computation has to look like weighted sums."
        )
        self.play(eq.animate.scale(0.6).to_edge(UP, buff=1.3), FadeOut(caption), run_time=0.7)
        self.demo = eq

    # ---- beat 2: positive, zero, negative

    def _alignment(self) -> None:
        panels = VGroup()
        signs = [(r"\vec{v}\cdot\vec{w} > 0", "similar directions", style.GOOD),
                 (r"\vec{v}\cdot\vec{w} = 0", "perpendicular", style.TEXT),
                 (r"\vec{v}\cdot\vec{w} < 0", "opposite directions", style.WEIGHT_NEG)]
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
        self.play(FadeOut(self.note), FadeIn(note), run_time=0.4)
        self.play(LaggedStart(*[LaggedStart(GrowArrow(p[0][0]), GrowArrow(p[0][1]),
                                            Create(p[0][2]), FadeIn(p[0][3]), lag_ratio=0.2)
                                for p in panels], lag_ratio=0.3), run_time=2.0)
        self.play(LaggedStart(*[FadeIn(VGroup(p[1], p[2]), shift=UP * 0.2) for p in panels],
                              lag_ratio=0.3), run_time=1.2)
        self.wait(HOLD)
        self.beat(
            "Geometrically, the dot product is positive when vectors point in similar "
            "directions, zero if they are perpendicular, and negative when they point in "
            "opposite directions. It measures how well two vectors align."
        )

    # ---- beats 3-5: the plurality direction

    def _direction(self, s: dict[str, Any], title: Any) -> None:
        plus, minus = s["plus"], s["minus"]
        badge = flat_text(model_badge(s["model_id"], "word vectors"))
        formula = MathTex(r"\vec{d}", "=", _tex_word(plus), "-", _tex_word(minus),
                          font_size=44, color=style.TEXT)
        formula[0].set_color(PLURAL)
        formula = flat_text(formula)
        norm = flat_text(MathTex(rf"\|\vec{{d}}\| = {s['direction_norm']:.2f}", font_size=32,
                                 color=style.DATA))
        head = VGroup(formula, norm).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
        head.next_to(title, RIGHT, buff=0.8).align_to(title, DOWN)
        if head.get_right()[0] > config.frame_width / 2 - style.MARGIN:
            head.next_to(title, DOWN, buff=0.25, aligned_edge=LEFT)
        idea = VGroup(_lab(f"Hypothesis: {plus} \u2212 {minus} points in a "
                           "\u201cplurality\u201d direction.", style.BODY),
                      _lab("Test: score each word by its dot product with it.", style.BODY,
                           color=style.DATA)).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        idea.move_to(DOWN * 0.3)
        if idea.width > config.frame_width - 1.0:
            idea.scale_to_fit_width(config.frame_width - 1.0)
        self.play(Write(formula), FadeIn(norm), FadeIn(badge), run_time=1.2)
        self.play(FadeIn(idea[0]), run_time=0.6)
        self.play(FadeIn(idea[1]), run_time=0.6)
        self.header = VGroup(title, head, badge)
        self.idea = idea
        self.beat(
            f"Say you hypothesise that {plus} minus {minus} is a plurality direction in this "
            "space. To test it, take this vector's dot product with singular nouns and with "
            "their plurals."
        )

        groups = [[(a, va, SINGULAR), (b, vb, PLURAL)]
                  for (a, b), va, vb in zip(s["pairs"], s["singular_dots"], s["plural_dots"],
                                            strict=True)]
        chart = bar_chart(groups, bar_width=min(0.5, 4.0 / len(groups)))
        what = flat_text(MathTex(r"\vec{d}\cdot\vec{E}(\text{word})", font_size=34,
                                 color=style.TEXT))
        what.next_to(head, DOWN, buff=0.3).to_edge(LEFT, buff=style.MARGIN)
        n = len(groups)
        verdict = _lab(f"plural higher in {s['plural_higher']} of {n} pairs", style.SMALL,
                        color=PLURAL if s["plural_higher"] == n else style.TEXT)
        verdict.next_to(what, RIGHT, buff=0.6)
        self.play(FadeOut(idea), run_time=0.4)
        self.play(Create(chart["zero"]), FadeIn(what), FadeIn(chart["names"]), run_time=0.8)
        self.play(LaggedStart(*[GrowFromEdge(b, b.edge) for b in chart["bars"]],
                              lag_ratio=0.08),
                  LaggedStart(*[FadeIn(m) for m in chart["numbers"]], lag_ratio=0.08),
                  run_time=2.4)
        self.play(FadeIn(verdict), run_time=0.5)
        self.wait(HOLD)
        self.beat(
            "The plural nouns consistently give higher values than the singular ones: they "
            f"align more with this direction ({s['plural_higher']} of {n} pairs here)."
        )
        self.pairs_chart = VGroup(chart["zero"], chart["bars"], chart["numbers"],
                                  chart["names"], verdict)

        # the number words
        nums = [[(w, v, PLURAL)] for w, v in zip(s["numbers"], s["number_dots"], strict=True)]
        chart2 = bar_chart(nums, bar_width=0.7)
        self.play(FadeOut(self.pairs_chart), run_time=0.5)
        self.play(Create(chart2["zero"]), FadeIn(chart2["names"]), run_time=0.6)
        self.play(LaggedStart(*[GrowFromEdge(b, b.edge) for b in chart2["bars"]],
                              lag_ratio=0.25),
                  LaggedStart(*[FadeIn(m) for m in chart2["numbers"]], lag_ratio=0.25),
                  run_time=2.2)
        self.wait(HOLD)
        self.beat(
            f"And with the words {', '.join(s['numbers'])}, the values keep increasing, as if "
            "we can quantitatively measure how plural the model finds a given word."
        )
        self.numbers_chart = VGroup(chart2["zero"], chart2["bars"], chart2["numbers"],
                                    chart2["names"])
        self.wait(1.0)
