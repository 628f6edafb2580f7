"""Predict, sample, repeat: the chapter's opening (0:00-3:03), run live on the project's small GPT.

Every step shows the model's next-token distribution, the token the seeded sampler drew, and the
text growing by it; then the same seed text continued at T = 0 and at a hot temperature.
    manim -pql scenes/generation.py PredictSampleRepeatScene
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Rectangle,
    Text,
    VGroup,
    Write,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.glyph_number import GlyphNumber
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    label,
    memo_label,
    model_badge,
    percent,
    scene_title,
    show_piece,
    tex_T,
)

MODEL_CAPTION = ("This is the project's small GPT, not GPT-3: the chapter runs GPT-2 here, "
                 "then the much bigger GPT-3")


# ---------------------------------------------------------------- flowing text

STRUT = "|"


def running_piece(piece: str) -> str:
    """A token as it reads inside running text (newlines visible as \u21b5)."""
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


class PredictSampleRepeatScene(LectureSlide):
    """Predict a distribution, sample a token, append it, repeat; then cold vs hot."""

    READ_HOLD = 0.4  # a moment to read each step's bars before the pause
    TRACK_W = 5.6  # a bar at 100%

    def gather(self) -> dict[str, Any]:
        """Every step's distribution and sample, and the two comparison runs."""
        g = self.lecture.generation
        run = gpt.generate(g.prompt, g.steps, g.temperature, g.seed, g.top)
        cold = gpt.generate(g.prompt, g.compare_tokens, 0.0, g.seed, g.top)
        hot = gpt.generate(g.prompt, g.compare_tokens, g.hot_temperature, g.seed, g.top)
        steps = []
        for k in range(g.steps):
            ids = run.step_top_ids[k]
            chosen = run.chosen_ids[k]
            steps.append({
                "pieces": run.step_top_pieces[k],
                "probs": run.step_top_probs[k],
                "chosen": run.chosen_pieces[k],
                "chosen_prob": run.chosen_probs[k],
                "chosen_row": ids.index(chosen) if chosen in ids else None,
            })
        self.shown = {
            "prompt": run.prompt,
            "temperature": run.temperature,
            "seed": run.seed,
            "steps": tuple(steps),
            "text": run.text,
            "cold_temperature": cold.temperature,
            "cold_pieces": cold.chosen_pieces,
            "hot_temperature": hot.temperature,
            "hot_pieces": hot.chosen_pieces,
            "model_id": run.model_id,
        }
        return self.shown

    # ------------------------------------------------------------ pieces of layout

    def _rows(self, step: dict[str, Any], top_y: float) -> tuple[VGroup, VGroup, VGroup]:
        """The step's bars, and an extra row (after a gap) when the sample is not among them.

        Returns (top rows, extra: the gap's dots and the sampled row or empty, the sampled row).
        Each row: VGroup(name, track, bar, percent).
        """
        names = list(step["pieces"])
        probs = list(step["probs"])
        extra = step["chosen_row"] is None
        if extra:
            names.append(step["chosen"])
            probs.append(step["chosen_prob"])
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
            return rows, VGroup(), rows[step["chosen_row"]]
        chosen = rows[-1]
        rows.remove(chosen)
        y = (rows[-1].get_y() + chosen.get_y()) / 2
        dots = memo_label("\u22ee", style.SMALL, style.DATA).move_to([name_x - 0.3, y, 0])
        aside = memo_label(f"not among the top {len(step['pieces'])}", style.TINY, style.DATA)
        aside.move_to([name_x + 0.2, y, 0], aligned_edge=LEFT)
        return rows, VGroup(dots, aside, chosen), chosen

    def _text(self, chunks: list[str], newest: bool) -> FlowText:
        colors = [style.DATA] + [style.TEXT] * (len(chunks) - 1)
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
        badge = model_badge(s["model_id"])
        self.play(FadeIn(title), FadeIn(caption), FadeIn(badge))

        chunks = [s["prompt"]]
        flow = self._text(chunks, newest=False)
        self.play(Write(flow.lines), run_time=1.2)
        self.beat("Give the model a starting snippet of text. It was trained to do one thing: "
                  "take in a piece of text and predict what comes next, as a probability "
                  "distribution over many chunks of text that might follow.")

        head = VGroup(label("next-token probabilities", style.SMALL, color=style.TEXT),
                      tex_T(r"{{T}} = " + f"{s['temperature']:g}", 30),
                      label(f"sampled with seed {s['seed']}", style.TINY, color=style.DATA))
        head.arrange(RIGHT, buff=0.3).move_to([-0.3, 0.7, 0])
        rows_top = 0.42
        rows = VGroup()
        extra = VGroup()
        box = None
        sampled_tag = None
        for k, step in enumerate(s["steps"]):
            new_rows, new_extra, chosen = self._rows(step, rows_top)
            out = [FadeOut(VGroup(rows, extra), shift=UP * 0.15)] if len(rows) else []
            if box is not None:
                out += [FadeOut(box), FadeOut(sampled_tag)]
            # predict
            self.play(*out, *([FadeIn(head)] if k == 0 else []),
                      LaggedStart(*[FadeIn(VGroup(r[0], r[1], r[3])) for r in new_rows],
                                  lag_ratio=0.05),
                      LaggedStart(*[GrowFromEdge(r[2], LEFT) for r in new_rows], lag_ratio=0.05),
                      run_time=1.1 if k else 1.6)
            rows, extra = new_rows, new_extra
            if k == 0:
                self.beat("The model's prediction: a probability for every token in its "
                          "vocabulary. Here are the top few.")
            # sample
            box = highlight_box(chosen)
            sampled_tag = memo_label("sampled", style.SMALL, style.HIGHLIGHT)
            sampled_tag.next_to(box, RIGHT, buff=0.2)
            if len(extra):  # the sample lies outside the top tokens: it arrives coloured
                chosen[2].set_fill(style.HIGHLIGHT)
                chosen[3].set_color(style.HIGHLIGHT)
                recolor = [FadeIn(extra)]
            else:
                recolor = [chosen[2].animate.set_fill(style.HIGHLIGHT),
                           chosen[3].animate.set_color(style.HIGHLIGHT)]
            self.play(Create(box), FadeIn(sampled_tag), *recolor, run_time=0.8 if k else 1.1)
            if k == 0:
                self.beat("Take a random sample from that distribution. Likely tokens come up "
                          "often, unlikely ones sometimes; the sampler is seeded, so the "
                          "render is repeatable.")
            # append
            chunks.append(running_piece(step["chosen"]))
            new_flow = self._text(chunks, newest=True)
            flying = chosen[0].copy()
            grow = style.BODY / style.SMALL  # from the bars' type size to the text's
            self.play(flying.animate.scale(grow).move_to(new_flow.chunks[-1])
                      .set_color(style.HIGHLIGHT),
                      run_time=0.9 if k else 1.2)
            self.remove(flying, flow.lines)
            self.add(new_flow.lines)
            flow = new_flow
            if k == 0:
                self.beat("Append the sample to the text, and run the whole thing again on the "
                          "longer text, including what it just added.")
            else:
                self.wait(0.5)  # a moment to read the grown text (a static, cheap frame)
        self.beat(f"{len(s['steps'])} rounds of predict, sample, append. Honestly, it does not "
                  "feel like this should work. The chapter ran GPT-2 on a laptop here and the "
                  "story didn't hold together; swapping in GPT-3, the same basic model just "
                  "much bigger, gave a sensible story. This is our small GPT, still smaller "
                  "than GPT-2.")

        self.clear()
        self._compare(s)

    def _compare(self, s: dict[str, Any]) -> None:
        """The same seed text at T = 0 and at the hot temperature, side by side."""
        head = label("Same seed text, two temperatures", style.HEADING)
        head.to_corner(UL, buff=style.MARGIN)
        columns = []
        for i, (t, pieces, what) in enumerate((
                (s["cold_temperature"], s["cold_pieces"], "always the most likely token"),
                (s["hot_temperature"], s["hot_pieces"], f"sampled, seed {s['seed']}"))):
            x = -7.1 + style.MARGIN + i * 7.1
            t_head = VGroup(tex_T(r"{{T}} = " + f"{t:g}", 40),
                            label(what, style.SMALL, color=style.DATA))
            t_head.arrange(RIGHT, buff=0.3, aligned_edge=DOWN)
            t_head.move_to([x, 2.0, 0], aligned_edge=LEFT)
            chunks = [s["prompt"], *[running_piece(p) for p in pieces]]
            colors = [style.DATA] + [style.TEXT] * len(pieces)
            flow = flow_text(chunks, colors, width=6.3, size=style.BODY)
            if flow.lines.height > 4.6:
                flow.lines.scale_to_fit_height(4.6)
            flow.lines.move_to([x, 1.4, 0], aligned_edge=UL)
            columns.append((t_head, flow))
        badge_in = model_badge(s["model_id"])
        self.play(FadeIn(head), FadeIn(badge_in),
                  *[FadeIn(VGroup(h, f.chunks[0])) for h, f in columns])
        streams = [LaggedStart(*[FadeIn(c, shift=RIGHT * 0.05) for c in f.chunks[1:]],
                               lag_ratio=1.0, run_time=0.35 * len(f.chunks))
                   for _, f in columns]
        self.play(AnimationGroup(*streams))
        self.beat(f"The same seed text continued {len(s['cold_pieces'])} tokens twice. At "
                  "temperature zero the model always goes with the most predictable word "
                  "(with GPT-3 the chapter got a trite derivative of Goldilocks). A higher "
                  "temperature gives less likely words a chance: more original, with the "
                  "risk of quickly degenerating into nonsense.")


__all__ = ["PredictSampleRepeatScene", "flow_text", "running_piece", "FlowText", "MODEL_CAPTION"]
