"""Softmax, and softmax with temperature (the original video's last mini-lesson, 22:22-26:03).

``SoftmaxScene`` builds softmax step by step on made-up example logits (from the configuration);
``TemperatureScene`` sweeps a temperature tracker over the small GPT's next-token distribution
and ends with text sampled from it at a low and a high temperature:
    manim -pqh scenes/softmax.py TemperatureScene
Every number comes from livenumbers.gpt (gathered before any animation); the scenes only lay out.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORANGE,
    RIGHT,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    MathTex,
    Mobject,
    NumberLine,
    Rectangle,
    Triangle,
    UpdateFromFunc,
    ValueTracker,
    VGroup,
    Write,
    config,
    smooth,
)

from livenumbers import gpt
from livenumbers.tokens import readable
from scenes.common import narration, style
from scenes.common.glyph_number import GlyphNumber
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import Beat, LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    label,
    model_badge,
    percent,
    scene_title,
    show_piece,
    stage_note,
    steady_label,
    tex_T,
)

# A limit the lecturer sets, not a weight: orange keeps red/blue for weights (style.py).
CAP_COLOR = ORANGE
# The temperatures of the original video's figure (its values are GPT-3's; ours are live).
FIGURE_TEMPERATURES = (0.5, 1.0, 2.0)
MIN_T_MAX = 5.0  # the slider reaches at least this far (the original video sweeps up to 5)
DRAG = 2.0  # how far SoftmaxScene pushes one logit up to show every probability respond
SAMPLE_TOKENS = 8  # tokens TemperatureScene samples at a low and at a high temperature


# ---------------------------------------------------------------- small layout helpers


def fmt_value(v: float) -> str:
    """A positive number such as e^x with about three significant digits."""
    if v >= 1000:
        return f"{v:,.0f}"
    if v >= 100:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def _bar(width: float, height: float, color: str, opacity: float = 0.85) -> Rectangle:
    return Rectangle(width=max(width, 1e-3), height=height, stroke_width=0, fill_color=color,
                     fill_opacity=opacity)


def motion_time(beat: Beat, phrase: str, longest: float = 3.0) -> float:
    """How long a beat's opening motion runs: it starts with the words and has arrived by the
    time ``phrase`` (the value it moves to) is said."""
    return min(max(0.9, narration.said_at(beat.text, phrase, beat.duration) - 0.2), longest)


def _baseline(text: Mobject) -> float:
    """Where ``text`` sits: the median bottom of its glyphs (most letters rest on the baseline;
    a comma or a "p" hangs below it, a "=" floats above)."""
    glyphs = text.submobjects or [text]
    return float(np.median([g.get_bottom()[1] for g in glyphs]))


class LiveLine(VGroup):
    """A line of text around one number that changes every frame: ``prefix number suffix``.

    The number is a GlyphNumber (cheap to change); ``place`` keeps the three on one baseline
    after the number's width changes.
    """

    def __init__(self, prefix: Mobject, number: GlyphNumber, suffix: Mobject | None = None,
                 buff: float = 0.12, base: Mobject | None = None) -> None:
        parts = [prefix, number] + ([suffix] if suffix is not None else [])
        super().__init__(*parts)
        self.prefix, self.number, self.suffix, self.buff = prefix, number, suffix, buff
        self.base = base if base is not None else prefix
        self.place()

    def place(self) -> LiveLine:
        """Put the number after the prefix and the suffix after the number, on one baseline."""
        baseline = _baseline(self.base)
        self.number.next_to(self.prefix, RIGHT, buff=self.buff)
        self.number.shift(UP * (baseline - self.number.points[0][1]))  # its baseline segment
        if self.suffix is not None:
            self.suffix.next_to(self.number, RIGHT, buff=self.buff * 0.5)
            self.suffix.shift(UP * (baseline - _baseline(self.suffix)))
        return self

    def set_value(self, value: float) -> LiveLine:
        """Show ``value``, keeping the line's left end where it is."""
        self.number.set_value(value)
        return self.place()


# ---------------------------------------------------------------- softmax, step by step


@dataclass(frozen=True)
class SoftmaxFacts:
    """What SoftmaxScene draws: the example logits and each step softmax takes from them."""

    logits: tuple[float, ...]
    logits_sum: float
    exps: tuple[float, ...]
    exp_sum: float
    probabilities: tuple[float, ...]
    probabilities_sum: float
    drag_index: int  # the runner-up logit, pushed up live in the last beat
    drag_values: tuple[float, ...]  # its values along the push
    drag_probs: tuple[tuple[float, ...], ...]  # every probability at each of those values
    drag_exps: tuple[float, ...]  # e to the pushed logit at each of those values
    drag_exp_sums: tuple[float, ...]  # the sum of every e^x at each of those values
    drag_logit_sums: tuple[float, ...]  # the sum of the logits at each of those values


class SoftmaxScene(LectureSlide):
    """Logits -> e^x -> divide by the sum -> probabilities that add up to 1."""

    BAR_W = 2.2  # probability bars: 100% = BAR_W
    EXP_W = 2.4  # the longest e^x bar reached during the push

    def gather(self) -> SoftmaxFacts:
        """The example logits (made-up numbers from the configuration) and everything softmax
        derives from them, also along the live push of the runner-up."""
        logits = tuple(float(x) for x in self.lecture.softmax.logits_demo)
        probs = tuple(float(p) for p in gpt.softmax(np.array(logits), 1.0))
        exps = tuple(math.exp(x) for x in logits)  # the step softmax takes first, shown as is
        order = np.argsort(logits)[::-1]
        k = int(order[1]) if len(logits) > 1 else 0  # the runner-up
        values = tuple(float(v) for v in np.linspace(logits[k], logits[k] + DRAG, 61))
        pushed = [[v if i == k else x for i, x in enumerate(logits)] for v in values]
        drag = tuple(tuple(float(q) for q in gpt.softmax(np.array(row), 1.0)) for row in pushed)
        return SoftmaxFacts(logits=logits, logits_sum=float(sum(logits)), exps=exps,
                            exp_sum=float(sum(exps)), probabilities=probs,
                            probabilities_sum=float(sum(probs)), drag_index=k,
                            drag_values=values, drag_probs=drag,
                            drag_exps=tuple(math.exp(v) for v in values),
                            drag_exp_sums=tuple(float(sum(math.exp(x) for x in row))
                                                for row in pushed),
                            drag_logit_sums=tuple(float(sum(row)) for row in pushed))

    @staticmethod
    def _rules(s: SoftmaxFacts, outside: int) -> VGroup:
        """What a probability distribution needs, each rule against these numbers."""
        n = len(s.logits)
        lines = VGroup(
            label("a probability distribution needs:", style.BODY),
            label("every value between 0 and 1: " + (
                "all of these are" if not outside else
                f"{outside} of these {n} {'is' if outside == 1 else 'are'} not"),
                  style.BODY, color=style.DATA),
            label(f"a total of exactly 1: these add up to {s.logits_sum:.2f}", style.BODY,
                  color=style.DATA),
        ).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        return fit_width(lines, 7.4)

    def construct(self) -> None:
        s = self.gather()
        n = len(s.logits)
        top = int(np.argmax(s.probabilities))
        row_h = min(0.62, 3.2 / n)
        ys = [1.45 - (i + 0.5) * row_h for i in range(n)]
        x_logit, x_exp, x_div, x_prob = -5.2, -1.8, 1.2, 2.2  # centre, bar lefts
        head_y = 2.05
        below = ys[-1] - 0.8

        title = scene_title("Softmax")
        note = stage_note("made-up logits to illustrate softmax, not a model's output")
        h_logits = VGroup(label("logits", style.BODY, color=style.HIGHLIGHT),
                          label("made-up example", style.SMALL, color=style.DATA))
        h_logits.arrange(DOWN, buff=0.06).move_to([x_logit, head_y, 0])
        logit_nums = VGroup(*[
            GlyphNumber(x, "{:+.2f}", style.BODY, style.TEXT).move_to([x_logit, y, 0])
            for x, y in zip(s.logits, ys, strict=True)
        ])
        logit_sum = LiveLine(label("sum =", style.SMALL, color=style.DATA),
                             GlyphNumber(s.logits_sum, "{:.2f}", style.SMALL, style.DATA),
                             label(", not 1", style.SMALL, color=style.DATA))
        logit_sum.move_to([x_logit, below, 0])
        outside = [i for i, x in enumerate(s.logits) if not 0 <= x <= 1]
        rules = self._rules(s, len(outside)).move_to([1.9, ys[n // 2], 0])
        with self.narrate("Suppose the last step of the network hands us a short list of "
                          "numbers like these. To be a probability distribution they would "
                          "all have to sit between zero and one and add up to exactly one. "
                          "Raw outputs break both rules.") as beat:
            self.play(FadeIn(title), FadeIn(note))
            self.play(FadeIn(h_logits), LaggedStart(
                *[FadeIn(m, shift=RIGHT * 0.2) for m in logit_nums], lag_ratio=0.15),
                run_time=1.6)
            self.wait_for_words(beat, "probability distribution")
            self.play(FadeIn(rules[0]), run_time=0.6)
            self.wait_for_words(beat, "between zero and one")
            self.play(FadeIn(rules[1]), *[light(logit_nums[i], scale=1.2)
                                          for i in outside], run_time=1.0)
            self.wait_for_words(beat, "add up to exactly one.")
            self.play(FadeIn(rules[2]), FadeIn(logit_sum), run_time=1.0)

        formula = MathTex(r"\mathrm{softmax}(x)_i = \frac{e^{x_i}}{\sum_{j} e^{x_j}}",
                          font_size=44, color=style.TEXT).to_corner(UR, buff=style.MARGIN)
        with self.narrate("Softmax is the usual repair, and this formula is all of it. We "
                          "build it in three steps on these numbers."):
            self.play(FadeOut(rules, shift=UP * 0.1), Write(formula))

        exp_rows, arrows, h_exp = self._exp_column(s, logit_nums, ys, x_exp, head_y, row_h)
        with self.narrate("Step one: raise e to the power of every number. Each result is "
                          "positive, and larger inputs pull far ahead of the rest."):
            self.play(FadeIn(h_exp), LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.1),
                      run_time=1.4)
            self.play(LaggedStart(*[AnimationGroup(FadeIn(r[0]), GrowFromEdge(r[1], LEFT))
                                    for r in exp_rows], lag_ratio=0.12), run_time=1.8)

        sigma = MathTex(r"\textstyle\sum_j e^{x_j} =", font_size=36, color=style.TEXT)
        exp_sum = LiveLine(sigma, GlyphNumber(s.exp_sum, fmt_value, style.BODY, style.TEXT),
                           base=sigma[0][2])  # the "e" sits on the baseline
        exp_sum.move_to([x_exp, below, 0])
        with self.narrate("Step two: add all of those positive values together. That total is "
                          "what every term gets divided by."):
            self.play(light_in_turn([r[0] for r in exp_rows], scale=1.1, lag_ratio=0.1),
                      FadeIn(exp_sum, shift=UP * 0.2))

        prob_rows, divide, h_prob = self._prob_column(s, ys, x_div, x_prob, head_y, row_h)
        prob_sum = label(f"sum = {percent(s.probabilities_sum)}", style.SMALL,
                         color=style.PROB).move_to([x_prob + self.BAR_W / 2 + 0.4, below, 0])
        with self.narrate("Step three: divide each term by the total. Now the list adds up to "
                          "one hundred percent: whatever numbers went in, what comes out is a "
                          "proper probability distribution.") as beat:
            self.play(FadeIn(h_prob), FadeIn(divide, lag_ratio=0.1), run_time=1.2)
            self.play(LaggedStart(*[AnimationGroup(FadeIn(r[2]), GrowFromEdge(r[0], LEFT))
                                    for r in prob_rows], lag_ratio=0.12),
                      LaggedStart(*[FadeIn(r[1]) for r in prob_rows], lag_ratio=0.12))
            self.wait_for_words(beat, "one hundred percent")
            self.play(FadeIn(prob_sum, shift=UP * 0.2))
            self.wait_for_words(beat, "whatever numbers went in")  # in, then out
            self.play(light(logit_nums), run_time=1.0)
            self.wait_for_words(beat, "what comes out")
            self.play(light_in_turn([r[1] for r in prob_rows], lag_ratio=0.2), run_time=1.2)

        box_in = highlight_box(logit_nums[top])
        box_out = highlight_box(VGroup(prob_rows[top][2], prob_rows[top][1]))
        with self.narrate("The order survives: the biggest input gets the biggest share. Yet "
                          "this is gentler than simply picking the maximum: close runners-up "
                          "keep a real share, and every output moves smoothly as the inputs "
                          "move.") as beat:  # the biggest input, then its share
            self.wait_for_words(beat, "the biggest input")
            self.play(Create(box_in), run_time=0.8)
            self.wait_for_words(beat, "the biggest share")
            self.play(Create(box_out), run_time=0.8)
            order = np.argsort(s.probabilities)[::-1]
            runners = VGroup(*[highlight_box(VGroup(prob_rows[i][2], prob_rows[i][1]),
                                             color=style.PROB) for i in order[1:3]])
            self.wait_for_words(beat, "close runners-up")
            self.play(LaggedStart(*[Create(b) for b in runners], lag_ratio=0.3), run_time=0.9)
            self.wait_for_words(beat, "every output moves")
            self.play(FadeOut(runners), run_time=0.5)

        self._drag(s, logit_nums, exp_rows, prob_rows, VGroup(logit_sum, exp_sum), prob_sum,
                   VGroup(box_in, box_out))

        jargon = VGroup(label("inputs: logits", style.SMALL, color=style.HIGHLIGHT),
                        label("outputs: probabilities", style.SMALL, color=style.PROB))
        jargon.arrange(RIGHT, buff=0.8).next_to(VGroup(logit_sum, exp_sum, prob_sum), DOWN,
                                                 buff=0.55)
        jargon.set_x(0)
        with self.narrate("A word of jargon: the raw inputs to softmax are called logits."):
            self.play(FadeIn(jargon, shift=UP * 0.2))

    def _drag(self, s: SoftmaxFacts, logit_nums: VGroup, exp_rows: VGroup, prob_rows: VGroup,
              sums: VGroup, prob_sum: Mobject, boxes: VGroup) -> None:
        """Push the runner-up logit up and back while everything derived from it follows: its
        e^x, both sums and every probability (one tracker, one per-frame function); the other
        shares and their 100% sum light as the narration names them."""
        k = s.drag_index
        tracker = ValueTracker(s.drag_values[0])
        table = np.array(s.drag_probs)
        logit_sum, exp_sum = sums
        logit_k, (exp_k, exp_bar_k) = logit_nums[k], exp_rows[k]
        exp_right = exp_k.get_right()[0]
        max_e = max(*s.exps, *s.drag_exps)
        pcts = [row[1] for row in prob_rows]

        def at(values: tuple[float, ...]) -> float:
            return float(np.interp(tracker.get_value(), s.drag_values, values))

        def follow(_: Any) -> None:
            v = tracker.get_value()
            logit_k.set_value(v)
            e = at(s.drag_exps)
            exp_k.set_value(e)
            exp_k.shift(RIGHT * (exp_right - exp_k.get_right()[0]))
            exp_bar_k.stretch_to_fit_width(max(self.EXP_W * e / max_e, 1e-3), about_edge=LEFT)
            logit_sum.set_value(at(s.drag_logit_sums))
            exp_sum.set_value(at(s.drag_exp_sums))
            for i, row in enumerate(prob_rows):
                q = float(np.interp(v, s.drag_values, table[:, i]))
                row[0].stretch_to_fit_width(max(self.BAR_W * q, 1e-3), about_edge=LEFT)
                pcts[i].set_value(q)

        live = VGroup(logit_k, exp_k, exp_bar_k, logit_sum, exp_sum, prob_rows)
        top_after = int(np.argmax(table[-1]))
        ahead = "overtakes the old leader" if top_after == k else "closes in on the leader"
        with self.narrate(f"Now watch everything move together. Push the runner-up logit up "
                          f"by {DRAG:g}: its exponential and the total both grow, its share "
                          f"grows, it {ahead}, and every other share shrinks to make room, "
                          "because the shares must still add up to one.") as beat:
            # the push starts as it is announced and lasts while its effects are listed
            start = min(max(0.6, narration.said_at(beat.text, "together.", beat.duration)), 2.5)
            push = min(max(3.0, narration.said_at(beat.text, ahead, beat.duration) - start), 7.0)
            self.play(FadeOut(boxes), logit_k.animate.set_color(style.HIGHLIGHT),
                      exp_k.animate.set_color(style.HIGHLIGHT), run_time=start)
            self.play(tracker.animate.set_value(s.drag_values[-1]),
                      UpdateFromFunc(live, follow), run_time=push)
            self.wait_for_words(beat, "every other share")
            self.play(light_in_turn([p for i, p in enumerate(pcts) if i != k], lag_ratio=0.25),
                      run_time=self.seconds_until(beat, "because the shares", least=1.2))
            self.wait_for_words(beat, "add up to one")
            self.play(light(prob_sum, scale=1.15), run_time=1.0)
        with self.narrate("And back down again: nothing jumps, every probability changes "
                          "smoothly with the inputs. That smoothness is what lets a network "
                          "learn through softmax."):
            self.play(tracker.animate.set_value(s.drag_values[0]),
                      UpdateFromFunc(live, follow), run_time=2.5)
            self.play(logit_k.animate.set_color(style.TEXT),
                      exp_k.animate.set_color(style.TEXT), run_time=0.8)

    def _exp_column(self, s: SoftmaxFacts, logit_nums: VGroup, ys: list[float], x_exp: float,
                    head_y: float, row_h: float) -> tuple[VGroup, VGroup, MathTex]:
        """Layout: e^x as numbers and bars, with arrows from the logits. The bars share one
        scale with the push in the last beats, so the pushed bar still fits."""
        max_e = max(*s.exps, *s.drag_exps)
        h_exp = MathTex(r"e^{x_i}", font_size=44, color=style.TEXT).move_to(
            [x_exp + 0.3, head_y, 0])
        exp_rows = VGroup()
        for e, y in zip(s.exps, ys, strict=True):
            num = GlyphNumber(e, fmt_value, style.SMALL, style.TEXT)  # one moves in _drag
            bar = _bar(self.EXP_W * e / max_e, row_h * 0.55, style.DATA)
            num.move_to([x_exp - 0.2, y, 0], aligned_edge=RIGHT)
            bar.move_to([x_exp, y, 0], aligned_edge=LEFT)
            exp_rows.add(VGroup(num, bar))
        arrow_end = x_exp - 0.2 - max(label("0" * 6, style.SMALL, mono=True).width,
                                      *[r[0].width for r in exp_rows]) - 0.1
        arrows = VGroup(*[
            Arrow(logit_nums[i].get_right() + RIGHT * 0.1,
                  [arrow_end, logit_nums[i].get_y(), 0], buff=0, stroke_width=2,
                  max_tip_length_to_length_ratio=0.15, color=style.DATA_DIM)
            for i in range(len(ys))
        ])
        return exp_rows, arrows, h_exp
    def _prob_column(self, s: SoftmaxFacts, ys: list[float], x_div: float, x_prob: float,
                     head_y: float, row_h: float) -> tuple[VGroup, VGroup, Any]:
        """Layout: the division signs and the probability bars with percentages."""
        h_prob = label("probabilities", style.BODY, color=style.PROB).move_to(
            [x_prob + self.BAR_W / 2 + 0.4, head_y, 0])
        prob_rows = VGroup()
        for p, y in zip(s.probabilities, ys, strict=True):
            bar = _bar(self.BAR_W * p, row_h * 0.55, style.PROB)
            bar.move_to([x_prob, y, 0], aligned_edge=LEFT)
            track = Rectangle(width=self.BAR_W, height=row_h * 0.55, stroke_width=1,
                              stroke_color=style.DATA_DIM, stroke_opacity=0.6)
            track.move_to(bar, aligned_edge=LEFT)
            pct = GlyphNumber(p, percent, style.SMALL, style.PROB)  # it moves in _drag
            pct.next_to([x_prob + self.BAR_W, y, 0], RIGHT, buff=0.15)
            prob_rows.add(VGroup(bar, pct, track))
        divide = VGroup(*[
            MathTex(r"\div \textstyle\sum", font_size=30, color=style.DATA).move_to(
                [x_div, y, 0])
            for y in ys
        ])
        return prob_rows, divide, h_prob


# ---------------------------------------------------------------- temperature


def sample_lines(text: str, chars: int) -> list[str]:
    """A sampled continuation (``tokens.readable``: cut-off bytes already read ‹E2›) as display
    lines of at most ``chars`` characters, wrapped between words: an ellipsis for the prompt
    before it, newlines shown as ↵, other control characters as their code (‹1B›)."""
    text = text.replace("\r", "").replace("\n", "\u21b5").replace("\t", " ")
    text = "".join(c if c.isprintable() else f"\u2039{ord(c):02X}\u203a" for c in text)
    lines = textwrap.wrap("\u2026" + text, chars, break_on_hyphens=False)
    return lines or ["\u2026"]


def _early(alpha: float) -> float:
    """A rate that finishes in the first third of its animation (a note clears the way)."""
    return smooth(min(1.0, 3.0 * alpha))


def _spoken(piece: str) -> str:
    """A token as the narration says it: without its leading space (unless that is all)."""
    return piece.strip() or show_piece(piece)


@dataclass(frozen=True)
class TemperatureFacts:
    """What TemperatureScene draws: the sweep, the exact values at each stop, the figure and
    text sampled at a low and a high temperature."""

    prompt: str
    pieces: tuple[str, ...]
    ids: tuple[int, ...]
    sweep_temperatures: tuple[float, ...]
    sweep_probs: tuple[tuple[float, ...], ...]
    sweep_entropy_bits: tuple[float, ...]
    stops: tuple[float, ...]
    stop_probs: tuple[tuple[float, ...], ...]
    stop_entropy_bits: tuple[float, ...]
    stop_other: tuple[float, ...]
    figure: tuple[tuple[float, float], ...]  # (T, the top token's share) for the figure's Ts
    gpt3_figure: tuple[tuple[float, float], ...]  # GPT-3's values as the original video quotes
    max_entropy_bits: float
    vocab_size: int
    t_max: float
    api_cap: float
    model_id: str
    samples: tuple[gpt.Generation, ...]  # SAMPLE_TOKENS sampled at a low T, then at t_max
    sample_seed: int


class TemperatureScene(LectureSlide):
    """A temperature tracker sweeping the small GPT's next-token distribution."""

    TRACK_W = 4.6  # a probability bar at 100%
    PCT_GAP = 0.3  # room between a bar's end and its percentage

    def gather(self) -> TemperatureFacts:
        """Sweep facts on a dense T grid, exact facts at each configured T and the figure's T,
        and text sampled at a low and a high temperature."""
        cfg = self.lecture.softmax
        stops = tuple(cfg.temperatures)  # validated floats (livenumbers.config)
        t_max = max(MIN_T_MAX, *stops)
        spec = self.lecture.models.gpt
        sweep = gpt.temperature_sweep(cfg.prompt, cfg.top, t_max, spec=spec)
        ids = list(sweep.ids)
        at_stop: dict[float, tuple[tuple[float, ...], float]] = {}
        for t in sorted(set(stops) | set(FIGURE_TEMPERATURES)):
            nt = gpt.next_token(cfg.prompt, t, len(ids), spec=spec)
            by_id = dict(zip(nt.ids, nt.probs, strict=True))
            if set(by_id) != set(ids):  # ties at T = 0 may order equal logits differently
                nt = gpt.next_token(cfg.prompt, t, nt.vocab_size, spec=spec)
                by_id = dict(zip(nt.ids, nt.probs, strict=True))
            at_stop[t] = (tuple(by_id[i] for i in ids), nt.entropy_bits)
        # the interpolation table: the sweep grid plus the exact values at every stop
        grid = dict(zip(sweep.temperatures, zip(zip(*sweep.probs, strict=True),
                                               sweep.entropy_bits, strict=True), strict=True))
        grid.update(at_stop)
        ts = sorted(grid)
        self.table_t = np.array(ts)
        self.table_p = np.array([grid[t][0] for t in ts])  # (len(ts), top)
        self.table_h = np.array([grid[t][1] for t in ts])
        # sampled text: the lowest configured T above zero, then the slider's end (the
        # [softmax] section has no seed of its own: the [generation] seed, shown on screen)
        seed = self.lecture.generation.seed
        low = min((t for t in stops if 0 < t < t_max), default=FIGURE_TEMPERATURES[0])
        samples = tuple(gpt.generate(cfg.prompt, SAMPLE_TOKENS, t, seed, top=1, spec=spec)
                        for t in (low, t_max))
        return TemperatureFacts(
            prompt=sweep.prompt, pieces=sweep.pieces, ids=sweep.ids,
            sweep_temperatures=sweep.temperatures, sweep_probs=sweep.probs,
            sweep_entropy_bits=sweep.entropy_bits, stops=stops,
            stop_probs=tuple(at_stop[t][0] for t in stops),
            stop_entropy_bits=tuple(at_stop[t][1] for t in stops),
            stop_other=tuple(1.0 - sum(at_stop[t][0]) for t in stops),
            figure=tuple((t, at_stop[t][0][0]) for t in FIGURE_TEMPERATURES),
            gpt3_figure=gpt.GPT3_TOP_TOKEN_SHARE, max_entropy_bits=sweep.max_entropy_bits,
            vocab_size=sweep.vocab_size, t_max=t_max, api_cap=gpt.API_TEMPERATURE_CAP,
            model_id=sweep.model_id, samples=samples, sample_seed=seed)

    def _at(self, t: float) -> tuple[np.ndarray, float]:
        """Layout: the top tokens' probabilities and the entropy at T (linear in the table)."""
        p = np.array([np.interp(t, self.table_t, self.table_p[:, i])
                      for i in range(self.table_p.shape[1])])
        return p, float(np.interp(t, self.table_t, self.table_h))

    def construct(self) -> None:
        s = self.gather()
        n = len(s.pieces)
        t_max = s.t_max
        tracker = ValueTracker(s.stops[0])

        # ---- header: title, prompt, formula
        title = scene_title("Softmax with temperature")
        prompt = VGroup(label("prompt:", style.SMALL, color=style.DATA),
                        label(s.prompt + " \u2026", style.BODY, mono=True))
        prompt.arrange(RIGHT, buff=0.25)
        fit_width(prompt, 7.6).next_to(title, DOWN, buff=0.3, aligned_edge=LEFT)
        formula = tex_T(r"p_i = \frac{e^{x_i / {{T}} }}{\sum_{j} e^{x_j / {{T}} }}", 46)
        formula.to_corner(UR, buff=style.MARGIN)
        legend = VGroup(label("x: logits", style.SMALL, color=style.DATA),
                        label("T: temperature", style.SMALL, color=style.HIGHLIGHT))
        legend.arrange(RIGHT, buff=0.35).next_to(formula, DOWN, buff=0.15)
        legend.align_to(formula, RIGHT)
        badge = model_badge(s.model_id)
        # where the name comes from: the Boltzmann factor (energy E, temperature T), shown while
        # the narration says so and gone before the entropy panel takes its place
        physics = VGroup(label("the same shape in physics (Boltzmann):", style.SMALL,
                               color=style.DATA),
                         tex_T(r"p \propto e^{-E / k {{T}} }", 40))
        physics.arrange(DOWN, buff=0.15, aligned_edge=RIGHT).next_to(legend, DOWN, buff=0.45)
        physics.align_to(legend, RIGHT)

        # ---- bars: top tokens and "all other tokens"
        row_h = min(0.42, 3.8 / (n + 1))
        names = [label(show_piece(p), style.SMALL, mono=True) for p in s.pieces]
        others = s.vocab_size - n
        names.append(label(f"other {others:,}", style.SMALL, color=style.DATA))
        for m in names:
            fit_width(m, 2.0)
        name_w = max(m.width for m in names)
        left = -config.frame_width / 2 + style.MARGIN
        track_x = left + name_w + 0.2
        top_y = 1.9
        rows = VGroup()
        bars: list[Rectangle] = []
        pcts: list[GlyphNumber] = []
        p0, h0 = self._at(tracker.get_value())
        values0 = [*p0, 1.0 - float(p0.sum())]
        for i, m in enumerate(names):
            y = top_y - (i + 0.5) * row_h
            color = style.DATA if i == n else style.PROB
            m.move_to([track_x - 0.2, y, 0], aligned_edge=RIGHT)
            track = Rectangle(width=self.TRACK_W, height=row_h * 0.62, stroke_width=1,
                              stroke_color=style.DATA_DIM, stroke_opacity=0.6, fill_opacity=0)
            track.move_to([track_x, y, 0], aligned_edge=LEFT)
            bar = _bar(self.TRACK_W * values0[i], row_h * 0.62, color)
            bar.move_to([track_x, y, 0], aligned_edge=LEFT)
            pct = GlyphNumber(values0[i] * 100, "{:6.2f}%", style.SMALL, color)
            pct.move_to([track_x + self.TRACK_W + self.PCT_GAP, y, 0], aligned_edge=LEFT)
            rows.add(VGroup(m, track, bar, pct))
            bars.append(bar)
            pcts.append(pct)
        scale_note = label("bar length: 0 to 100%", style.SMALL, color=style.DATA)
        scale_note.next_to(rows, UP, buff=0.12).align_to(rows[0][1], LEFT)

        # ---- entropy readout (right panel: from after the widest percentage to the margin)
        pct_w = GlyphNumber(100.0, "{:6.2f}%", style.SMALL).width
        px = track_x + self.TRACK_W + self.PCT_GAP + pct_w + 0.55
        panel_w = config.frame_width / 2 - style.MARGIN - px
        h_max = s.max_entropy_bits
        ent_head = label("entropy", style.SMALL, color=style.TEXT)
        ent_val = GlyphNumber(h0, "{:5.2f}", style.HEADING, style.HIGHLIGHT)
        ent_unit = label("bits", style.SMALL, color=style.TEXT)
        ent_row = LiveLine(ent_head, ent_val, ent_unit, buff=0.25)
        ent_row.next_to(legend, DOWN, buff=0.3).align_to([px, 0, 0], LEFT)
        # the meter between its two ends, 0 and the most entropy there can be (body-size numbers)
        zero_l = label("0", style.BODY, color=style.DATA)
        max_l = label(f"{h_max:.2f}", style.BODY, color=style.DATA)
        meter_w = panel_w - zero_l.width - max_l.width - 0.3
        meter = Rectangle(width=meter_w, height=0.22, stroke_width=1, stroke_color=style.DATA_DIM,
                          fill_opacity=0)
        VGroup(zero_l, meter, max_l).arrange(RIGHT, buff=0.15).next_to(ent_row, DOWN, buff=0.2)
        VGroup(zero_l, meter, max_l).align_to([px, 0, 0], LEFT)
        meter_fill = _bar(meter_w * h0 / h_max, 0.22, style.HIGHLIGHT, 0.7)
        meter_fill.move_to(meter, aligned_edge=LEFT)
        uniform = VGroup(label(f"the most: log\u2082 {s.vocab_size:,}", style.SMALL,
                               color=style.DATA),
                         label("every token equally likely", style.SMALL, color=style.DATA))
        uniform.arrange(DOWN, buff=0.06, aligned_edge=RIGHT)
        fit_width(uniform, panel_w).next_to(max_l, DOWN, buff=0.1).align_to(max_l, RIGHT)
        entropy = VGroup(ent_row, meter, meter_fill, zero_l, max_l, uniform)

        # ---- slider (left of the right panel)
        slider_w = px - 0.5 - (left + 0.25)
        step = 1 if t_max <= 6 else (2 if t_max <= 12 else 5)
        slider = NumberLine(x_range=[0, t_max, step], length=slider_w, include_numbers=True,
                            font_size=34, color=style.DATA, stroke_width=2,
                            decimal_number_config={"num_decimal_places": 0,
                                                   "color": style.DATA})
        slider.move_to([left + 0.25 + slider_w / 2, -2.75, 0])
        cap = s.api_cap
        cap_zone = Line(slider.n2p(cap), slider.n2p(t_max), stroke_width=5, color=CAP_COLOR,
                        stroke_opacity=0.55)
        cap_tick = Line(slider.n2p(cap) + UP * 0.2, slider.n2p(cap) + DOWN * 0.2,
                        stroke_width=4, color=CAP_COLOR)
        cap_text = label(f"the OpenAI API caps T at {cap:g}", style.SMALL, color=CAP_COLOR)
        cap_text.next_to(slider.n2p(cap), DOWN, buff=0.62).align_to(cap_tick, LEFT)
        pointer = Triangle(fill_color=style.HIGHLIGHT, fill_opacity=1, stroke_width=0)
        pointer.scale(0.11).rotate(math.pi)
        t_label = MathTex("T =", font_size=34, color=style.HIGHLIGHT)
        t_val = GlyphNumber(tracker.get_value(), "{:.2f}", style.BODY, style.HIGHLIGHT)

        pointer.move_to(slider.n2p(0) + UP * 0.2)
        t_label.next_to(pointer, UP, buff=0.08)
        t_val.next_to(t_label, RIGHT, buff=0.12).align_to(t_label, DOWN)
        t_text = VGroup(t_label, t_val)
        t_text.shift(RIGHT * (pointer.get_x() - t_text.get_x()))
        # tracked positions (cheaper than measuring bounding boxes every frame)
        at = {"pointer": pointer.get_x(), "text": t_text.get_x()}
        text_min = -config.frame_width / 2 + style.MARGIN + t_text.width / 2  # title-safe
        text_max = px - 0.6 - t_text.width / 2  # and well clear of the right panel

        def place_pointer(_: VGroup) -> None:
            """Slide the pointer to T and the "T = ..." text with it (kept inside the frame)."""
            x = slider.n2p(tracker.get_value())[0]
            pointer.shift(RIGHT * (x - at["pointer"]))
            text_x = min(max(x, text_min), text_max)
            t_text.shift(RIGHT * (text_x - at["text"]))
            at["pointer"], at["text"] = x, text_x

        knob = VGroup(pointer, t_label, t_val)
        place_pointer(knob)

        # ---- per-frame functions: stretch the bars, set the numbers (no text is rebuilt).
        # They run as animations beside the tracker's, so the renderer redraws exactly these
        # mobjects each frame and the waits between sweeps stay static (cheap).
        panel = VGroup(meter_fill, ent_val, knob)
        live = VGroup(*bars, *pcts, panel)

        def follow_panel(_: Any) -> None:
            t = tracker.get_value()
            _, h = self._at(t)
            meter_fill.stretch_to_fit_width(max(meter_w * h / h_max, 1e-3), about_edge=LEFT)
            ent_val.set_value(h)
            t_val.set_value(t)
            place_pointer(knob)

        def follow(_: Any) -> None:
            p, _ = self._at(tracker.get_value())
            values = [*p, 1.0 - float(p.sum())]
            for i, v in enumerate(values):
                bars[i].stretch_to_fit_width(max(self.TRACK_W * v, 1e-3), about_edge=LEFT)
                pcts[i].set_value(v * 100)
            follow_panel(None)

        # ---- beats
        with self.narrate("Chat products add one more knob when they pick the next word. "
                          "Before the exponentials, every logit is divided by a constant T, "
                          "the temperature; the name is borrowed loosely from physics.") as beat:
            self.play(FadeIn(title))
            self.wait_for_words(beat, "every logit is divided")
            self.play(Write(formula), run_time=1.5)
            self.wait_for_words(beat, "the temperature;")
            self.play(FadeIn(legend), *[light(t, scale=1.4)
                                        for t in formula.submobjects
                                        if t.tex_string == "T"])
            self.wait_for_words(beat, "borrowed loosely")
            self.play(FadeIn(physics, shift=UP * 0.15))
        with self.narrate(f"Here is our small GPT after the words \"{s.prompt}\": its "
                          f"{n} likeliest next tokens at T = {s.stops[0]:g}, and one bar for "
                          f"the remaining {others:,}. Bars run from zero to one hundred "
                          "percent.") as beat:  # the bars, the rest's bar, the scale, as named
            top, rest = rows[:-1], rows[-1]
            self.play(FadeOut(physics), FadeIn(badge), run_time=0.8)
            self.wait_for_words(beat, "after the words")
            self.play(FadeIn(prompt, shift=RIGHT * 0.2), run_time=0.8)
            self.wait_for_words(beat, "likeliest next tokens")
            self.play(LaggedStart(*[FadeIn(VGroup(r[0], r[1], r[3])) for r in top],
                                  lag_ratio=0.06),
                      LaggedStart(*[GrowFromEdge(r[2], LEFT) for r in top], lag_ratio=0.06),
                      run_time=1.5)
            self.wait_for_words(beat, "one bar for")
            self.play(FadeIn(VGroup(rest[0], rest[1], rest[3])), GrowFromEdge(rest[2], LEFT),
                      run_time=0.8)
            self.wait_for_words(beat, "Bars run")
            self.play(FadeIn(scale_note), run_time=0.6)
        with self.narrate("On the right, entropy measures how spread out the choice is: zero "
                          "bits means one certain token, and the most it can reach is "
                          f"{h_max:.1f} bits, every token equally likely. Below is the "
                          "temperature, which we can now turn.") as beat:
            ent_row, meter, meter_fill, zero_l, max_l, uniform = entropy
            self.play(FadeIn(VGroup(ent_row, meter, meter_fill)))
            # each end of the meter arrives with the words that name it
            self.wait_for_words(beat, "zero bits")
            self.play(FadeIn(zero_l, scale=1.3), run_time=0.6)
            self.wait_for_words(beat, "the most it can reach")
            self.play(FadeIn(max_l, scale=1.3), FadeIn(uniform, shift=UP * 0.1), run_time=0.8)
            self.wait_for_words(beat, "Below is the")
            self.play(Create(slider), FadeIn(knob))
        with self.narrate(f"A practical note: the OpenAI API refuses temperatures above "
                          f"{cap:g}. Nothing in the mathematics stops there; it is a guard "
                          "against output that reads as nonsense.") as beat:
            self.play(Create(cap_tick), FadeIn(cap_text), run_time=1.0)
            self.wait_for_words(beat, "Nothing in the mathematics")  # the scale goes on past it
            self.play(Create(cap_zone), run_time=self.seconds_until(beat, "stops there",
                                                                      least=1.0))
            self.wait_for_words(beat, "a guard")
            self.play(light(VGroup(cap_tick, cap_text)), run_time=1.0)

        zero_note = VGroup(label("T = 0: all the probability", style.SMALL, color=style.HIGHLIGHT),
                           label("goes to the maximum", style.SMALL, color=style.HIGHLIGHT))
        zero_note.arrange(DOWN, buff=0.08, aligned_edge=LEFT).next_to(entropy, DOWN, buff=0.35)
        zero_note.align_to(zero_l, LEFT)
        zero_box = None
        previous = s.stops[0]
        for k, t in enumerate(s.stops[1:], start=1):
            words, named = self._notes_for(t, previous, k == len(s.stops) - 1)
            with self.narrate(words) as beat:
                # the motion starts with the words and arrives as the value is said
                moves = [tracker.animate(rate_func=smooth).set_value(t),
                         UpdateFromFunc(live, follow)]
                if zero_box is not None:  # the T = 0 note leaves as T moves on
                    moves += [FadeOut(zero_note, rate_func=_early), FadeOut(zero_box,
                                                                           rate_func=_early)]
                self.play(*moves, run_time=motion_time(beat, named))
                zero_box = None
                if t == 0:
                    zero_box = highlight_box(rows[0])
                    self.play(FadeIn(zero_note), Create(zero_box))
                # then what the words point at: the top bar, the small ones, the entropy
                for phrase, what in self._cues_for(t, previous, k == len(s.stops) - 1):
                    self.wait_for_words(beat, phrase)
                    self.play(light_in_turn(rows[-4:], lag_ratio=0.25) if what == "rest"
                              else light(rows[0] if what == "top" else ent_row, scale=1.1),
                              run_time=1.0)
            previous = t
        if zero_box is not None:
            self.play(FadeOut(zero_note), FadeOut(zero_box))

        # ---- the original video's figure: the top token's share at T = 0.5, 1, 2, ours beside
        # GPT-3's
        figure = self._figure(s, panel_w).next_to(entropy, DOWN, buff=0.3)
        figure.align_to(zero_l, LEFT)
        top_piece = f"\u201c{_spoken(s.pieces[0])}\u201d"
        ours = ", ".join(percent(p) for _, p in s.figure)
        theirs = ", ".join(f"{p:.0%}" for _, p in s.gpt3_figure)
        temps = ", ".join(f"{t:g}" for t, _ in s.figure)
        with self.narrate(f"Same logits, three temperatures: {temps}. The top token, "
                          f"{top_piece}, keeps {ours} of the probability in our model. For "
                          f"GPT-3 the original video's figure gives {theirs}.") as beat:
            f_rows, f_head, f_cols, f_foot = figure
            self.play(FadeIn(f_head), LaggedStart(*[FadeIn(r[0]) for r in f_rows],
                                                  lag_ratio=0.3), run_time=1.2)
            self.wait_for_words(beat, "The top token")
            self.play(FadeIn(f_cols[0]), run_time=0.6)
            # the bars move to each temperature as its share is read out
            for (t, p), row in zip(s.figure, f_rows, strict=True):
                self.play(tracker.animate(rate_func=smooth).set_value(t),
                          UpdateFromFunc(live, follow),
                          run_time=max(self.seconds_until(beat, percent(p)) - 0.4, 0.6))
                self.play(FadeIn(row[1]), run_time=0.4)  # read off once T has arrived
            self.wait_for_words(beat, "For GPT-3")
            self.play(FadeIn(f_cols[1]), FadeIn(f_foot),
                      LaggedStart(*[FadeIn(r[2]) for r in f_rows], lag_ratio=0.3),
                      run_time=1.5)

        # ---- sampled text at a low and a high temperature, where the bars were
        low, high = s.samples
        sampled = self._samples(s, px - 0.5 - left)
        sampled.align_to(scale_note, UP).align_to([left, 0, 0], LEFT)
        head, (low_block, high_block) = sampled
        low_t, high_t = f"T = {low.temperature:g}", f"T = {high.temperature:g}"
        with self.narrate(f"Now let the model write. At {low_t}, with seed {s.sample_seed}, "
                          f"{SAMPLE_TOKENS} tokens drawn one after another mostly keep to "
                          "likely words: safe and predictable.") as beat:
            self.play(FadeOut(rows), FadeOut(scale_note), run_time=0.5)
            self.play(tracker.animate.set_value(low.temperature),
                      UpdateFromFunc(panel, follow_panel), rate_func=smooth,
                      run_time=max(0.9, motion_time(beat, low_t) - 0.5))
            self.play(FadeIn(head), FadeIn(low_block[0]), run_time=0.5)
            self.wait_for_words(beat, f"{SAMPLE_TOKENS} tokens")
            self.play(self._typed(low_block))
        with self.narrate(f"At {high_t}, with the same seed, rare tokens are drawn almost as "
                          "often as common ones, and the text falls apart into gibberish: the "
                          "nonsense that the API's cap guards against.") as beat:
            self.play(tracker.animate.set_value(high.temperature),
                      UpdateFromFunc(panel, follow_panel), rate_func=smooth,
                      run_time=motion_time(beat, high_t))
            self.play(FadeIn(high_block[0]), run_time=0.5)
            self.play(self._typed(high_block))
            if len(high_block) > 2:  # the note on a character cut off
                self.play(FadeIn(high_block[2]), run_time=0.5)
            self.wait_for_words(beat, "falls apart")
            self.play(light(high_block[1]), run_time=1.2)
            self.wait_for_words(beat, "the API's cap")
            self.play(light(VGroup(cap_tick, cap_text)), run_time=1.0)

    @staticmethod
    def _typed(block: VGroup) -> Animation:
        """A sample's text written a letter at a time, in reading order (as it was drawn)."""
        glyphs = [g for line in block[1] for g in line[1]]
        return LaggedStart(*[FadeIn(g) for g in glyphs], lag_ratio=1.0,
                           run_time=min(3.0, 0.05 * len(glyphs)))

    def _figure(self, s: TemperatureFacts, width: float) -> VGroup:
        """Layout: a heading, then per T our share of the top token beside GPT-3's quoted one,
        in body-size type (the numbers the narration reads out), and where GPT-3's come from."""
        head = VGroup(label(f"the top token \u201c{_spoken(s.pieces[0])}\u201d", style.BODY,
                            color=style.TEXT),
                      label("its share of the probability", style.SMALL, color=style.DATA))
        head.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        cols = VGroup(label("ours", style.SMALL, color=style.PROB),
                      label("GPT-3", style.SMALL, color=style.DATA))
        rows = VGroup()
        for (t, p), (_, ref) in zip(s.figure, s.gpt3_figure, strict=True):
            tl = tex_T(r"{{T}} = " + f"{t:g}", 36)
            pct = label(percent(p), style.BODY, color=style.PROB, mono=True)
            gpt3 = label(f"{ref:.0%}", style.BODY, color=style.DATA, mono=True)
            rows.add(VGroup(tl, pct, gpt3))
        VGroup(*[r[0] for r in rows]).arrange(DOWN, buff=0.16, aligned_edge=LEFT)
        # two right-aligned number columns after the widest T label
        pct_right = max(r[0].get_right()[0] for r in rows) + 0.35 + max(r[1].width for r in rows)
        gpt_right = pct_right + 0.45 + max(r[2].width for r in rows)
        for r in rows:
            r[1].set_y(r[0].get_y()).align_to([pct_right, 0, 0], RIGHT)
            r[2].set_y(r[0].get_y()).align_to([gpt_right, 0, 0], RIGHT)
        cols[0].next_to(rows[0][1], UP, buff=0.15).align_to(rows[0][1], RIGHT)
        cols[1].next_to(rows[0][2], UP, buff=0.15).align_to(rows[0][2], RIGHT)
        foot = label("GPT-3: from the original video", style.SMALL, color=style.DATA)
        foot.next_to(rows, DOWN, buff=0.18).align_to(rows, LEFT)
        head.next_to(cols, UP, buff=0.12).align_to(rows, LEFT)
        return fit_width(VGroup(rows, head, cols, foot), width)

    def _samples(self, s: TemperatureFacts, width: float) -> VGroup:
        """Layout: a heading, then per temperature its T and the sampled continuation wrapped
        to ``width`` in body type (monospace: a line's width is its length)."""
        head = label(f"{SAMPLE_TOKENS} tokens sampled after the prompt, seed {s.sample_seed}",
                     style.SMALL, color=style.DATA)
        t_labels = [tex_T(r"{{T}} = " + f"{g.temperature:g}", 36) for g in s.samples]
        t_w = max(m.width for m in t_labels)
        advance = label("0" * 20, style.BODY, mono=True).width / 20
        chars = max(12, int((width - t_w - 0.4) / advance) - 1)
        blocks = VGroup()
        texts = [sample_lines(readable(g.chosen_ids), chars) for g in s.samples]
        for tl, text in zip(t_labels, texts, strict=True):
            lines = VGroup(*[steady_label(line, style.BODY, style.TEXT, mono=True)
                             for line in text])
            lines.arrange(DOWN, buff=0.06, aligned_edge=LEFT)
            lines.move_to([t_w + 0.4, 0, 0], aligned_edge=LEFT)
            tl.move_to([0, 0, 0], aligned_edge=LEFT)
            lines.shift(UP * (tl.get_y() - lines[0].get_y()))
            blocks.add(VGroup(tl, lines))
        blocks.arrange(DOWN, buff=0.6, aligned_edge=LEFT)
        # a byte of a character the sampled tokens cut off (0x80 and up; a lower code is a
        # control character, shown by its code too): say what the mark means
        cut = re.search("\u2039[89A-F][0-9A-F]\u203a", " ".join(" ".join(t) for t in texts))
        if cut:
            note = fit_width(label(f"{cut.group()}: a byte of a character cut off mid-way "
                                   "(tokens are runs of bytes)", style.SMALL,
                                   color=style.DATA), width)
            blocks[-1].add(note.next_to(blocks[-1], DOWN, buff=0.25, aligned_edge=LEFT))
        return VGroup(head, blocks).arrange(DOWN, buff=0.45, aligned_edge=LEFT)

    @staticmethod
    def _cues_for(t: float, previous: float, last: bool) -> tuple[tuple[str, str], ...]:
        """What lights after the tracker reaches ``t``: (words in ``_notes_for``'s narration,
        then 'top' for the top bar, 'rest' for the smaller bars, 'entropy' for its line)."""
        if t == 0:
            return (("always says", "top"),)
        if last:
            return (("a bigger T lifts", "rest"), ("a smaller T lets", "top"))
        if t > gpt.API_TEMPERATURE_CAP:
            return (("the bars flatten", "rest"), ("the entropy climbs", "entropy"))
        if t > previous:
            return (("the less likely tokens", "rest"), ("the choice spreads", "entropy"))
        return (("Watch the top bar", "top"), ("the entropy drop", "entropy"))

    @staticmethod
    def _notes_for(t: float, previous: float, last: bool) -> tuple[str, str]:
        """The narration while the tracker moves to temperature ``t``, and the words in it that
        name where the tracker goes (the motion arrives as they are said)."""
        if t == 0:
            return ("All the way down to zero: every bit of probability lands on the single "
                    "largest logit. The model becomes completely predictable and always says "
                    "the most expected thing.", "zero")
        if last:
            return (f"And back to T = {t:g}. In short: a bigger T lifts the small values, a "
                    "smaller T lets the large ones take over.", f"T = {t:g}")
        if t > gpt.API_TEMPERATURE_CAP:
            return (f"Now past the API's limit, to T = {t:g}: the bars flatten towards each "
                    "other and the entropy climbs towards its maximum.", f"T = {t:g}")
        if t > previous:
            return (f"Raising T to {t:g}: dividing by a larger number squeezes the logits "
                    "together, so the less likely tokens gain ground and the choice spreads "
                    "out.", f"T to {t:g}")
        return (f"Lowering T to {t:g}: dividing by a smaller number stretches the logits "
                "apart. Watch the top bar grow and the entropy drop.", f"T to {t:g}")


__all__ = ["SoftmaxScene", "TemperatureScene", "fmt_value", "motion_time",
           "sample_lines", "LiveLine", "CAP_COLOR", "FIGURE_TEMPERATURES", "SAMPLE_TOKENS"]
