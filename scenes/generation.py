"""Predict, sample, repeat: the chapter's opening (0:00-3:03), run live on the project's small GPT.

Every step shows the model's next-token distribution, the token the seeded sampler drew, and the
text growing by it; then the same seed text continued at T = 0 and at a hot temperature.
    manim -pql scenes/generation.py PredictSampleRepeatScene
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    TAU,
    UL,
    UP,
    Arrow,
    Create,
    CurvedArrow,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    LaggedStart,
    Rectangle,
    Square,
    Text,
    VGroup,
    VMobject,
    Write,
    config,
)

from livenumbers import gpt
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.glyph_number import GlyphNumber
from scenes.common.motion import Opacity, light, light_in_turn, opacities
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    grouped,
    highlight_box,
    label,
    memo_label,
    model_badge,
    percent,
    scene_title,
    show_piece,
    stage_note,
    tex_T,
)

MODEL_CAPTION = ("Our own small GPT, a few million weights: not GPT-2, not GPT-3")


# ---------------------------------------------------------------- flowing text

STRUT = "|"
REPEAT_SPAN = 4  # a loop: a run of this many tokens that comes back (issue 11's demo check)


END_OF_TEXT_SHOWN = " \u2039end of text\u203a "  # the document separator, in words


def running_piece(piece: str) -> str:
    """A token as it reads inside running text (newlines visible as \u21b5, the
    end-of-text token in words)."""
    if piece == bpe.END_OF_TEXT:
        return END_OF_TEXT_SHOWN
    return piece.replace("\r", "").replace("\n", " \u21b5 ") or "\u2205"


@dataclass
class FlowText:
    """Wrapped monospace text: the lines drawn, and the glyphs of each chunk (prompt, tokens)."""

    lines: VGroup
    chunks: list[VGroup]


def flow_text(chunks: Sequence[str], colors: Sequence[str], width: float,
              size: float = style.BODY, line_gap: float = 0.16) -> FlowText:
    """Lay out text chunks left to right, wrapping between chunks (and long chunks at spaces).

    Monospace, so the number of characters per line follows from ``width``; each chunk keeps
    its own colour and glyphs (for animating one token at a time).
    """
    per_line = max(8, int(width / _advance(float(size))))
    # words: a break is allowed before a chunk that starts with a space (GPT-2 word starts)
    words: list[list[tuple[int, str]]] = []
    for k, chunk in enumerate(chunks):
        for j, part in enumerate(_split_long(chunk, per_line)):
            if not words or j > 0 or part.startswith(" "):
                words.append([])
            words[-1].append((k, part))
    lines: list[list[tuple[int, str]]] = [[]]
    used = 0
    for word in words:
        length = sum(len(p) for _, p in word)
        if used + length > per_line and used > 0:
            lines.append([])
            used = 0
            word = [(word[0][0], word[0][1].lstrip(" ")), *word[1:]]
            length = sum(len(p) for _, p in word)
        lines[-1].extend(word)
        used += length
    glyphs: list[list[Any]] = [[] for _ in chunks]
    rows = VGroup()
    for parts in lines:
        string = "".join(p for _, p in parts).rstrip()
        if not string.strip():
            continue
        # a leading "|" spans ascender to descender: every line gets the same height, so the
        # baselines fall at an even pitch; it is removed once the lines are arranged
        mob = memo_label(STRUT + string, size, style.TEXT, mono=True)
        visible = [ch for ch in STRUT + string if not ch.isspace()]
        exact = len(visible) == len(mob.submobjects)
        g = 1
        for k, part in parts:
            n = sum(1 for ch in part if not ch.isspace())
            if exact:
                pieces = mob.submobjects[g:g + n]
                for m in pieces:
                    m.set_color(colors[k])
                glyphs[k].extend(pieces)
            elif n:  # an unusual glyph count (ligature, combining mark): colour by line
                mob.set_color(colors[k])
                glyphs[k].append(mob)
            g += n
        rows.add(mob)
    rows.arrange(DOWN, buff=line_gap, aligned_edge=LEFT)
    for mob in rows:
        if mob.submobjects and mob.submobjects[0] not in (gl for g in glyphs for gl in g):
            mob.remove(mob.submobjects[0])
    return FlowText(rows, [VGroup(*g) for g in glyphs])


@lru_cache(maxsize=8)
def _advance(size: float) -> float:
    """The width of one monospace character at ``size``."""
    probe = Text("0" * 20, font=style.MONO, font_size=size)
    return probe.width / 20


def _split_long(chunk: str, per_line: int) -> list[str]:
    """A chunk longer than a line, cut at spaces (or hard) into line-sized parts."""
    if len(chunk) <= per_line:
        return [chunk]
    parts, rest = [], chunk
    while len(rest) > per_line:
        cut = rest.rfind(" ", 1, per_line)
        cut = per_line if cut <= 0 else cut
        parts.append(rest[:cut])
        rest = rest[cut:]
    return [*parts, rest]


# ---------------------------------------------------------------- the scene


@dataclass(frozen=True)
class Step:
    """One round of predict-sample-append as drawn: the top bars and the token drawn."""

    pieces: tuple[str, ...]
    probs: tuple[float, ...]
    chosen: str
    chosen_prob: float
    chosen_row: int | None  # its row among the top bars, None when it lies outside them


@dataclass(frozen=True)
class GenerationFacts:
    """What PredictSampleRepeatScene draws: the stepped run and the cold/hot comparison."""

    prompt: str
    temperature: float
    seed: int
    top_k: int | None
    top_p: float | None
    steps: tuple[Step, ...]
    text: str
    cold_temperature: float
    cold_pieces: tuple[str, ...]
    cold_probs_t1: tuple[float, ...]  # how likely the model found each cold token (T = 1)
    hot_temperature: float
    hot_pieces: tuple[str, ...]
    hot_probs_t1: tuple[float, ...]
    weights: int  # the live model's parameter count
    gpt3_weights: int  # GPT-3's, the chapter's reference figure
    model_id: str


def probability_strip(probs: Sequence[float], width: float, height: float = 1.3) -> VGroup:
    """One bar per token, in order, as tall as the model's probability for it (T = 1).

    VGroup(track, bars, the 100% and 0% ends' labels, the caption with the median).
    """
    pitch = width / len(probs)
    track = Rectangle(width=width, height=height, stroke_color=style.DATA_DIM, stroke_width=1.5,
                      fill_opacity=0)
    bars = VGroup(*[Rectangle(width=pitch * 0.7, height=max(p * height, 0.02), stroke_width=0,
                              fill_color=style.DATA, fill_opacity=0.9)
                    for p in probs])
    for k, bar in enumerate(bars):
        bar.move_to(track.get_corner(DOWN + LEFT) + RIGHT * pitch * (k + 0.5),
                    aligned_edge=DOWN)
    ends = VGroup(label("100%", style.SMALL, color=style.DATA).next_to(track, LEFT, buff=0.1)
                  .align_to(track, UP),
                  label("0%", style.SMALL, color=style.DATA).next_to(track, LEFT, buff=0.1)
                  .align_to(track, DOWN))
    caption = VGroup(label("its probability for each token", style.SMALL, color=style.DATA),
                     label(f"median {percent(float(np.median(probs)))}", style.BODY,
                           color=style.TEXT))
    caption.arrange(DOWN, buff=0.1, aligned_edge=LEFT)
    fit_width(caption, width).next_to(track, DOWN, buff=0.15).align_to(track, LEFT)
    return VGroup(track, bars, ends, caption)


def repeat_positions(pieces: Sequence[str], n: int = REPEAT_SPAN) -> tuple[int, int] | None:
    """Where a run of ``n`` tokens first comes back: (its first start, the repeat's start)."""
    first: dict[tuple[str, ...], int] = {}
    for i in range(len(pieces) - n + 1):
        first.setdefault(tuple(pieces[i:i + n]), i)
        if first[tuple(pieces[i:i + n])] != i:
            return first[tuple(pieces[i:i + n])], i
    return None


def repeated_span(pieces: Sequence[str], n: int = REPEAT_SPAN) -> str | None:
    """The first run of ``n`` tokens that comes back later in ``pieces`` (its text), or None."""
    at = repeat_positions(pieces, n)
    return None if at is None else "".join(pieces[at[0]:at[0] + n]).strip()


def sampling_rule(top_k: int | None, top_p: float | None) -> str:
    """How the sampler restricts its draw, in words for the screen."""
    parts = []
    if top_k:
        parts.append(f"from the top {top_k}")
    if top_p is not None and top_p < 1:
        parts.append(f"from the top {top_p:.0%} of probability")
    return ", ".join(parts) if parts else "from the whole vocabulary"


class PredictSampleRepeatScene(LectureSlide):
    """Predict a distribution, sample a token, append it, repeat; then cold vs hot."""

    TRACK_W = 5.6  # a bar at 100%

    def gather(self) -> GenerationFacts:
        """Every step's distribution and sample, and the two comparison runs."""
        g = self.lecture.generation
        top_k = g.top_k or None
        top_p = g.top_p if g.top_p < 1 else None
        spec = self.lecture.models.gpt
        run = gpt.generate(g.prompt, g.steps, g.temperature, g.seed, g.top, top_k=top_k,
                           top_p=top_p, spec=spec)
        cold = gpt.generate(g.prompt, g.compare_tokens, 0.0, g.seed, g.top, spec=spec)
        hot = gpt.generate(g.prompt, g.compare_tokens, g.hot_temperature, g.seed, g.top,
                           top_k=top_k, top_p=top_p, spec=spec)
        steps = []
        for k in range(g.steps):
            ids = run.step_top_ids[k]
            chosen = run.chosen_ids[k]
            steps.append(Step(run.step_top_pieces[k], run.step_top_probs[k],
                              run.chosen_pieces[k], run.chosen_probs[k],
                              ids.index(chosen) if chosen in ids else None))
        return GenerationFacts(
            prompt=run.prompt, temperature=run.temperature, seed=run.seed, top_k=top_k,
            top_p=top_p, steps=tuple(steps), text=run.text, cold_temperature=cold.temperature,
            cold_pieces=cold.chosen_pieces, cold_probs_t1=cold.chosen_probs_t1,
            hot_temperature=hot.temperature, hot_pieces=hot.chosen_pieces,
            hot_probs_t1=hot.chosen_probs_t1, weights=gpt.tally(spec).total,
            gpt3_weights=gpt.GPT3_TOTAL_WEIGHTS, model_id=run.model_id)

    # ------------------------------------------------------------ pieces of layout

    def _rows(self, step: Step, top_y: float) -> tuple[VGroup, VGroup, VGroup]:
        """The step's bars, and an extra row (after a gap) when the sample is not among them.

        Returns (top rows, extra: the gap's dots and the sampled row or empty, the sampled row).
        Each row: VGroup(name, track, bar, percent).
        """
        names = list(step.pieces)
        probs = list(step.probs)
        extra = step.chosen_row is None
        if extra:
            names.append(step.chosen)
            probs.append(step.chosen_prob)
        row_h = 0.46
        name_x = -3.3
        rows = VGroup()
        for i, (name, p) in enumerate(zip(names, probs, strict=True)):
            y = top_y - (i + 0.5 + (0.8 if extra and i == len(names) - 1 else 0)) * row_h
            text = fit_width(memo_label(show_piece(name), style.SMALL, mono=True), 2.6)
            text.move_to([name_x, y, 0], aligned_edge=RIGHT)
            track = Rectangle(width=self.TRACK_W, height=row_h * 0.6, stroke_width=1,
                              stroke_color=style.DATA_DIM, stroke_opacity=0.6)
            track.move_to([name_x + 0.2, y, 0], aligned_edge=LEFT)
            bar = Rectangle(width=max(self.TRACK_W * p, 1e-3), height=row_h * 0.6,
                            stroke_width=0, fill_color=style.PROB, fill_opacity=0.85)
            bar.move_to(track, aligned_edge=LEFT)
            pct = GlyphNumber(p, percent, style.SMALL, style.PROB)
            pct.next_to(track, RIGHT, buff=0.15)
            rows.add(VGroup(text, track, bar, pct))
        if not extra:
            return rows, VGroup(), rows[step.chosen_row]
        chosen = rows[-1]
        rows.remove(chosen)
        y = (rows[-1].get_y() + chosen.get_y()) / 2
        dots = memo_label("\u22ee", style.SMALL, style.DATA).move_to([name_x - 0.3, y, 0])
        aside = memo_label(f"not among the top {len(step.pieces)}", style.SMALL, style.DATA)
        aside.move_to([name_x + 0.2, y, 0], aligned_edge=LEFT)
        return rows, VGroup(dots, aside, chosen), chosen

    def _text(self, chunks: list[str], newest: bool) -> FlowText:
        colors = [style.PROMPT] + [style.TEXT] * (len(chunks) - 1)
        if newest and len(chunks) > 1:
            colors[-1] = style.HIGHLIGHT
        flow = flow_text(chunks, colors, width=12.8, size=style.BODY)
        if flow.lines.height > 1.35:  # a long prompt: keep the text above the bars
            flow.lines.scale_to_fit_height(1.35)
        flow.lines.move_to([-7.1 + style.MARGIN, 2.3, 0], aligned_edge=UL)
        return flow

    # ------------------------------------------------------------ animation

    def construct(self) -> None:
        s = self.gather()
        title = scene_title("Predict, sample, repeat")
        caption = fit_width(label(MODEL_CAPTION, style.SMALL, color=style.DATA), 13.0)
        caption.next_to(title, DOWN, buff=0.15, aligned_edge=LEFT)
        badge = model_badge(s.model_id)
        chunks = [s.prompt]
        flow = self._text(chunks, newest=False)
        sketch = self._sketch(flow)
        with self.narrate("Here is the whole trick behind a text generator. Hand the model a "
                          "snippet of text. Its only job is to say what might come next, as "
                          "probabilities for every possible next piece of text.") as beat:
            into, model, arrow, out = sketch
            self.play(FadeIn(title), FadeIn(caption), FadeIn(badge))
            self.wait_for_words(beat, "Hand the model")  # the text, then into the model
            self.play(Write(flow.lines), run_time=1.2)
            self.play(GrowArrow(into), FadeIn(model, shift=DOWN * 0.1), run_time=1.0)
            self.wait_for_words(beat, "say what might come next")
            self.play(GrowArrow(arrow), run_time=0.6)
            self.wait_for_words(beat, "as probabilities")
            self.play(FadeIn(out, shift=DOWN * 0.1), run_time=0.8)
            self.wait_for_words(beat, "every possible")
            self.play(light(out), run_time=1.0)

        what = ("next-token probabilities" if s.top_k is None and s.top_p is None else
                "probabilities the sampler uses (re-normalised)")
        head = VGroup(label(what, style.SMALL, color=style.TEXT),
                      tex_T(r"{{T}} = " + f"{s.temperature:g}", 30),
                      label(f"sampled {sampling_rule(s.top_k, s.top_p)}, seed {s.seed}",
                            style.SMALL, color=style.DATA))
        fit_width(head.arrange(RIGHT, buff=0.3), 13.0).move_to([0, 0.7, 0])
        state = {"rows": VGroup(), "extra": VGroup(), "box": None, "tag": None, "flow": flow}
        first, rest = s.steps[0], s.steps[1:]
        if s.top_k is None and s.top_p is None:
            shares = "every other token in the vocabulary shares what is left."
        else:
            kept = sampling_rule(s.top_k, s.top_p).removeprefix("from ")
            shares = (f"the sampler keeps only {kept} and spreads the whole probability over "
                      "them: these are the odds it draws from.")
        with self.narrate(f"This is our small GPT's answer for the snippet. The {len(first.pieces)}"
                          f" bars are its most likely next tokens; {shares}") as beat:
            self._predict(first, state, [FadeIn(head), FadeOut(VGroup(*sketch))], run_time=1.6)
            rows = state["rows"]
            self.wait_for_words(beat, "answer for")  # the snippet it answers
            self.play(light(state["flow"].lines),
                      run_time=self.seconds_until(beat, "the snippet.", least=0.8))
            self.wait_for_words(beat, "the snippet. The")  # the tokens, top to bottom
            self.play(light_in_turn([r[0] for r in rows], scale=1.1, lag_ratio=0.4),
                      run_time=self.seconds_until(beat, "next tokens;", least=1.5))
            if "these are the odds" in shares:
                self.wait_for_words(beat, "keeps only")
                self.play(light(head[2]), run_time=self.seconds_until(beat, f"the top {s.top_k}"
                                                                      if s.top_k else "keeps only",
                                                                      least=1.0))
                self.wait_for_words(beat, "spreads")  # the re-normalised shares
                self.play(light_in_turn([r[3] for r in rows], scale=1.15, lag_ratio=0.3),
                          run_time=self.seconds_until(beat, "over them:", least=1.2))
                self.wait_for_words(beat, "these are")  # the bars again: the odds it draws from
                self.play(light(rows), run_time=self.seconds_until(beat, "it draws", least=1.0))
            else:  # the shares shown, and what is left for every other token
                self.wait_for_words(beat, "every other token")
                self.play(light_in_turn([r[3] for r in rows], scale=1.15, lag_ratio=0.3),
                          run_time=self.seconds_until(beat, "what is left", least=1.2))
        rule = sampling_rule(s.top_k, s.top_p)
        with self.narrate(f"Now draw one token at random, weighted by those probabilities, "
                          f"{rule}. Likely tokens win often, and unlikely ones now and "
                          "then.") as beat:
            self._sample(state, run_time=1.1)
            rows = state["rows"]  # the likeliest rows, then the least likely shown, as said
            for said, part in (("Likely tokens", rows[:2]), ("unlikely ones", rows[-2:])):
                self.wait_for_words(beat, said)
                self.play(light_in_turn([VGroup(r[0], r[3]) for r in part], scale=1.1,
                                        lag_ratio=0.4), run_time=1.0)
        with self.narrate("Glue the drawn token onto the end of the text. Then feed the longer "
                          "text back in, and ask the same question again.") as beat:
            self._append(first, chunks, state, run_time=1.2)
            self.wait_for_words(beat, "feed the longer text")  # all of it goes back in
            self.play(light(state["flow"].lines),
                      run_time=self.seconds_until(beat, "back in,", least=1.0))
            self.wait_for_words(beat, "the same question")
            self.play(light(head[0]), run_time=1.0)
        with self.narrate(f"Predict, sample, append: {len(rest)} more rounds of it. Each round "
                          "runs the whole model on everything written so far, including the "
                          "tokens it chose itself."):
            for step in rest:
                self._predict(step, state, [], run_time=1.0)
                self._sample(state, run_time=0.7)
                self._append(step, chunks, state, run_time=0.8)
                self.wait(0.4)
        loop = self._loop(state["flow"])
        with self.narrate("Read what the loop wrote: rough, but every token of it came from "
                          "nothing more than predict, sample, append. Given a far larger model, "
                          "this same loop writes a sensible story.") as beat:
            last = [state["rows"], state["extra"], head]
            last += [state[k] for k in ("box", "tag") if state[k] is not None]
            written = VGroup(*state["flow"].chunks[1:])  # what the loop wrote, not the prompt
            # the bars' moment has passed; the newest token is one of the others now
            self.play(FadeOut(VGroup(*last)), written[-1].animate.set_color(style.TEXT),
                      run_time=0.6)
            self.play(light(written),  # in place
                      run_time=self.seconds_until(beat, "the loop wrote:", least=1.0))
            self.wait_for_words(beat, "rough, but")  # every token, one after another
            self.play(light_in_turn([c for c in written if len(c)], scale=1.12, lag_ratio=0.5),
                      run_time=self.seconds_until(beat, "came from", least=1.2))
            # each move of the loop as it is named
            for k, (after, said) in enumerate((("nothing more than", "predict,"),
                                               ("predict,", "sample,"), ("sample,", "append."))):
                self.wait_for_words(beat, after)
                self.play(FadeIn(loop[2 * k], shift=RIGHT * 0.1),
                          *([GrowArrow(loop[2 * k - 1])] if k else []),
                          run_time=self.seconds_until(beat, said, least=0.4))
            self.wait_for_words(beat, "Given a far")  # and round again
            self.play(Create(loop[5]), run_time=self.seconds_until(beat, "larger model,",
                                                                   least=0.6))
            self.wait_for_words(beat, "this same")
            self.play(light(loop, scale=1.05), run_time=self.seconds_until(beat, "writes a",
                                                                          least=1.0))

        big, small, big_label, small_label, pointer, scale_note = self._sizes(s, state["flow"])
        with self.narrate(f"How much larger? Here each square's area counts weights. GPT-3 has "
                          f"about {s.gpt3_weights / 1e9:.0f} billion. Ours has "
                          f"{s.weights / 1e6:.1f} million: that speck, trained on two processor "
                          "cores, so expect rough text from it.") as beat:
            self.play(FadeOut(loop), run_time=0.4)  # the squares take its place
            self.play(GrowFromEdge(big, DOWN), FadeIn(big_label), FadeIn(scale_note),
                      run_time=1.2)
            self.wait_for_words(beat, "Ours has")
            self.play(FadeIn(small), GrowArrow(pointer), FadeIn(small_label), run_time=1.0)

        self.clear()
        self._compare(s)

    @staticmethod
    def _sizes(s: GenerationFacts, flow: FlowText) -> tuple[VMobject, ...]:
        """Layout: two squares whose areas are GPT-3's weight count and the live model's."""
        side = min(4.2, flow.lines.get_bottom()[1] + 3.3)
        big = Square(side, stroke_color=style.WEIGHT, fill_color=style.WEIGHT, fill_opacity=0.35)
        big.next_to(flow.lines, DOWN, buff=0.35).set_x(-3.6)
        small = Square(side * math.sqrt(s.weights / s.gpt3_weights), stroke_width=0,
                       fill_color=style.WEIGHT, fill_opacity=1.0)
        small.next_to(big, RIGHT, buff=2.6, aligned_edge=DOWN)
        big_label = VGroup(label("GPT-3", style.BODY),
                           label(f"{grouped(s.gpt3_weights)} weights", style.BODY,
                                 color=style.WEIGHT),
                           label("(published figure)", style.SMALL, color=style.DATA))
        big_label.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(big, RIGHT, buff=0.3)
        big_label.align_to(big, UP)
        small_label = VGroup(label("our small GPT", style.BODY),
                             label(f"{grouped(s.weights)} weights", style.BODY,
                                   color=style.WEIGHT),
                             label("(counted in its weights)", style.SMALL,
                                   color=style.DATA))
        small_label.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        small_label.next_to(small, RIGHT, buff=1.2).align_to(small, DOWN).shift(UP * 0.6)
        pointer = Arrow(small_label.get_left() + LEFT * 0.1, small.get_center(), buff=0.08,
                        color=style.HIGHLIGHT, stroke_width=3)
        scale_note = stage_note("areas to scale: the speck is drawn as large as it should be")
        return big, small, big_label, small_label, pointer, scale_note

    @staticmethod
    def _loop(flow: FlowText) -> VGroup:
        """Layout: predict -> sample -> append, and an arrow round again, under the text.

        VGroup(predict, arrow, sample, arrow, append, the arrow back)."""
        words = [label(w, style.BODY) for w in ("predict", "sample", "append")]

        def step() -> Arrow:
            return Arrow(LEFT * 0.6, RIGHT * 0.6, buff=0, color=style.DATA, stroke_width=4)

        row = VGroup(words[0], step(), words[1], step(), words[2]).arrange(RIGHT, buff=0.3)
        row.next_to(flow.lines, DOWN, buff=1.2).set_x(0)
        back = CurvedArrow(words[2].get_bottom() + DOWN * 0.15,
                           words[0].get_bottom() + DOWN * 0.15, angle=-TAU / 6,
                           color=style.DATA, stroke_width=4)
        return VGroup(*row, back)

    @staticmethod
    def _sketch(flow: FlowText) -> list[Any]:
        """Layout: text -> the model -> a probability for every token (the first beat)."""
        model = VGroup(Rectangle(width=3.2, height=0.8, stroke_color=style.WEIGHT,
                                 fill_color=style.WEIGHT, fill_opacity=0.15),
                       label("our small GPT", style.BODY))
        model[1].move_to(model[0])
        model.next_to(flow.lines, DOWN, buff=0.9).set_x(0)
        into = Arrow(np.array([0, flow.lines.get_bottom()[1] - 0.1, 0]),
                     model.get_top() + UP * 0.05, buff=0.1, color=style.DATA, stroke_width=4)
        out = label(f"a probability for each of the {bpe.VOCAB_SIZE:,} tokens it knows",
                    style.BODY, color=style.PROB).next_to(model, DOWN, buff=0.9)
        arrow = Arrow(model.get_bottom(), out.get_top(), buff=0.1, color=style.DATA,
                      stroke_width=4)
        return [into, model, arrow, out]

    # ------------------------------------------------------------ the loop's three moves

    def _predict(self, step: Step, state: dict[str, Any], extra_in: list[Any],
                 run_time: float) -> None:
        """Swap in the step's bars."""
        new_rows, new_extra, chosen = self._rows(step, 0.42)
        out = []
        if len(state["rows"]):
            out.append(FadeOut(VGroup(state["rows"], state["extra"]), shift=UP * 0.15))
        if state["box"] is not None:
            out += [FadeOut(state["box"]), FadeOut(state["tag"])]
        self.play(*out, *extra_in,
                  LaggedStart(*[FadeIn(VGroup(r[0], r[1], r[3])) for r in new_rows],
                              lag_ratio=0.05),
                  LaggedStart(*[GrowFromEdge(r[2], LEFT) for r in new_rows], lag_ratio=0.05),
                  run_time=run_time)
        state.update(rows=new_rows, extra=new_extra, chosen=chosen)

    def _sample(self, state: dict[str, Any], run_time: float) -> None:
        """Box the sampled row (it arrives below the bars when it is not among them)."""
        chosen = state["chosen"]
        box = highlight_box(chosen)
        tag = memo_label("sampled", style.SMALL, style.HIGHLIGHT).next_to(box, RIGHT, buff=0.2)
        if len(state["extra"]):
            chosen[2].set_fill(style.HIGHLIGHT)
            chosen[3].set_color(style.HIGHLIGHT)
            recolor = [FadeIn(state["extra"])]
        else:
            recolor = [chosen[2].animate.set_fill(style.HIGHLIGHT),
                       chosen[3].animate.set_color(style.HIGHLIGHT)]
        self.play(Create(box), FadeIn(tag), *recolor, run_time=run_time)
        state.update(box=box, tag=tag)

    def _append(self, step: Step, chunks: list[str], state: dict[str, Any],
                run_time: float) -> None:
        """The sampled token flies into the running text."""
        chunks.append(running_piece(step.chosen))
        new_flow = self._text(chunks, newest=True)
        flying = state["chosen"][0].copy()
        grow = style.BODY / style.SMALL  # from the bars' type size to the text's
        # the rows it passes over step back, so the flying token is never read as one of them
        passed = VGroup(*[r for r in [*state["rows"], *state["extra"]]
                          if r is not state["chosen"]])
        self.play(flying.animate.scale(grow).move_to(new_flow.chunks[-1])
                  .set_color(style.HIGHLIGHT), Opacity(passed, 0.2, base=opacities(passed)),
                  run_time=run_time)
        self.remove(flying, state["flow"].lines)
        self.add(new_flow.lines)
        state["flow"] = new_flow

    @staticmethod
    def _strips(s: GenerationFacts, flows: Sequence[FlowText]) -> list[VGroup]:
        """Each column's probability strip, under the lower of the two texts."""
        low = min(f.lines.get_bottom()[1] for f in flows)
        out = []
        for flow, probs in zip(flows, (s.cold_probs_t1, s.hot_probs_t1), strict=True):
            strip = probability_strip(probs, width=5.1)
            room = low - 0.5 - (-config.frame_height / 2 + 1.0)  # clear of the badge
            if strip.height > room:
                strip.scale_to_fit_height(max(room, 0.8))
            # the strip's left edge is its % labels': they line up with the text
            strip.next_to([flow.lines.get_left()[0], low, 0], DOWN, buff=0.5,
                          aligned_edge=LEFT)
            out.append(strip)
        return out

    def _grow_strip(self, strip: VGroup) -> None:
        self._strip_frame(strip)
        self._strip_bars(strip)

    def _strip_frame(self, strip: VGroup) -> None:
        track, _, ends, _ = strip
        self.play(FadeIn(track), FadeIn(ends), run_time=0.4)

    def _strip_bars(self, strip: VGroup) -> None:
        _, bars, _, caption = strip
        self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=0.1),
                  FadeIn(caption), run_time=1.6)

    def _compare(self, s: GenerationFacts) -> None:
        """The same seed text at T = 0 and at the hot temperature, side by side."""
        head = scene_title("Same prompt, two temperatures")
        columns = []
        for i, (t, pieces, what) in enumerate((
                (s.cold_temperature, s.cold_pieces, "always the most likely token"),
                (s.hot_temperature, s.hot_pieces,
                 f"sampled {sampling_rule(s.top_k, s.top_p)}, seed {s.seed}"))):
            x = -7.1 + style.MARGIN + i * 7.1
            t_head = VGroup(tex_T(r"{{T}} = " + f"{t:g}", 40),
                            label(what, style.SMALL, color=style.DATA))
            t_head.arrange(RIGHT, buff=0.3, aligned_edge=DOWN)
            fit_width(t_head, 6.4)
            t_head.move_to([x, 2.0, 0], aligned_edge=LEFT)
            chunks = [s.prompt, *[running_piece(p) for p in pieces]]
            colors = [style.PROMPT] + [style.TEXT] * len(pieces)
            flow = flow_text(chunks, colors, width=6.3, size=style.BODY)
            if flow.lines.height > 4.6:
                flow.lines.scale_to_fit_height(4.6)
            flow.lines.move_to([x, 1.4, 0], aligned_edge=UL)
            columns.append((t_head, flow))
        strips = self._strips(s, [flow for _, flow in columns])
        cold_mid = float(np.median(s.cold_probs_t1))
        hot_mid = float(np.median(s.hot_probs_t1))
        badge_in = model_badge(s.model_id)
        with self.narrate(f"One more experiment: the same snippet continued for "
                          f"{len(s.cold_pieces)} tokens, twice. On the left the temperature is "
                          "zero, so the model always takes its single most likely token. Under "
                          "the text, one bar per token shows how likely the model itself found "
                          "it.") as beat:
            self.play(FadeIn(head), FadeIn(badge_in),
                      *[FadeIn(VGroup(h, f.chunks[0])) for h, f in columns])
            cold_head, cold_flow = columns[0]
            self.wait_for_words(beat, "the same snippet")  # the one prompt, in both columns
            self.play(*[light(f.chunks[0]) for _, f in columns],
                      run_time=self.seconds_until(beat, "twice.", least=1.0))
            self.wait_for_words(beat, "On the left")
            self.play(light(cold_head[0], scale=1.1),
                      run_time=self.seconds_until(beat, "temperature is zero,", least=1.0))
            self.wait_for_words(beat, "so the model")  # its most likely tokens, one by one
            write = self.seconds_until(beat, "most likely token.", least=1.5)
            self.play(light(cold_head[1], run_time=min(1.2, write)),
                      LaggedStart(*[FadeIn(c, shift=RIGHT * 0.05) for c in cold_flow.chunks[1:]],
                                  lag_ratio=1.0, run_time=write))
            self.wait_for_words(beat, "Under the text,")
            self._strip_frame(strips[0])
            self.wait_for_words(beat, "one bar per token")
            self._strip_bars(strips[0])
        hot_says = (f"Its bars are mostly lower: a median of {percent(hot_mid)} against "
                    f"{percent(cold_mid)} on the left." if hot_mid < cold_mid else
                    f"Here its bars are no lower: a median of {percent(hot_mid)} against "
                    f"{percent(cold_mid)} on the left.")
        with self.narrate(f"On the right it samples at temperature {s.hot_temperature:g}, which "
                          f"gives unlikely tokens a much better chance. {hot_says}") as beat:
            hot_flow = columns[1][1]
            self.play(LaggedStart(*[FadeIn(c, shift=RIGHT * 0.05) for c in hot_flow.chunks[1:]],
                                  lag_ratio=1.0, run_time=0.3 * len(hot_flow.chunks)))
            self.wait_for_words(beat, "Its bars" if hot_mid < cold_mid else "Here its bars")
            self._grow_strip(strips[1])
        loop = repeated_span(s.cold_pieces)
        cold_says = (f"Always choosing the safest word gets stuck: here \u201c{loop}\u201d "
                     "comes round again." if loop else
                     "Always choosing the safest word plays it safe: here it does not loop, but "
                     "it only ever says the most expected thing.")
        at = repeat_positions(s.cold_pieces)
        span = [] if at is None else [cold_flow.chunks[1 + i] for start in at
                                      for i in range(start, start + REPEAT_SPAN)]
        with self.narrate(f"{cold_says} A hot temperature is more surprising, and over a "
                          "longer text it loses the thread sooner. Most products sample "
                          "somewhere between.") as beat:
            if span:  # the loop, marked where it starts and where it comes back
                self.wait_for_words(beat, "here \u201c")
                self.play(*[m.animate.set_color(style.HIGHLIGHT) for m in span], run_time=0.8)
            else:  # no loop: the safe text itself, as its words are said
                self.wait_for_words(beat, "plays it safe:")
                self.play(light(VGroup(*cold_flow.chunks[1:]), scale=1.02), run_time=1.2)
            self.wait_for_words(beat, "A hot temperature")
            self.play(light(VGroup(*hot_flow.chunks[1:]), scale=1.02), run_time=1.2)


__all__ = ["PredictSampleRepeatScene", "flow_text", "running_piece", "FlowText", "MODEL_CAPTION"]
