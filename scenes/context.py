"""Embeddings beyond words: vectors soak in context, and the context size limits how much.

Live numbers: the small model's context and dimension (gpt.tally) and a real token stream (the
generation prompt plus what the model writes after it, gpt.generate). GPT-3's 2,048 × 12,288 are
the chapter's reference constants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    GrowArrow,
    LaggedStart,
    MathTex,
    Rectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    smooth,
)

from livenumbers import gpt
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.motion import fade_all_but, light
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    fits_frame,
    grouped,
    highlight_box,
    label,
    model_badge,
    scene_title,
    stage_note,
    tex_grouped,
    token_box,
)
from scenes.tokens import token_palette

STRIPS = 64  # the data array is drawn as this many strips
LEAVE = 0.8  # a dropped token fades out over this distance before the frame's margin
TEXT_LEFT, TEXT_WIDTH = 1.0, 7.6  # the Macbeth phrases: left edge at x = -TEXT_LEFT, width
# the hand-drawn turns of the 'king' vector (degrees and lengths: an illustration, not computed)
KING_ANGLES = (80, 62, 44, 28, 14)
KING_LENGTHS = (2.0, 2.4, 2.8, 3.1, 3.3)
KING_ORIGIN = (-5.2, -1.7, 0)
MACBETH = (  # the transcript's example of a vector soaking in context (18:52)
    "a king",
    "who lived in Scotland",
    "who took the throne by murdering the previous king",
    "described in Shakespearean language",
)


def set_alpha(box: VGroup, alpha: float, fill: float) -> None:
    """Fade a token box (frame, fill and text together) to ``alpha`` of its full look."""
    box[0].set_stroke(opacity=alpha)
    box[0].set_fill(opacity=fill * alpha)
    box[1].set_opacity(alpha)


def fit_window(win: _Window, v: float) -> None:
    """Fit the window's frame, its dashed left edge and the 'fallen out' label to shift v."""
    left = win.left(v)
    win.frame.stretch_to_fit_width(win.right - left).move_to([win.right, win.y, 0],
                                                             aligned_edge=RIGHT)
    win.edge.move_to([left, win.y, 0])
    # above the dropped tokens, at the title-safe left margin: it stays put as the window moves
    win.gone.next_to(win.frame, UP, buff=0.15)
    win.gone.set_x(-config.frame_width / 2 + style.MARGIN + win.gone.width / 2)


@dataclass(frozen=True)
class ContextFacts:
    """What ContextSizeScene draws: context sizes and a real stream of tokens."""

    gpt3_context: int
    gpt3_dim: int
    context: int  # the live model's context size (tokens)
    dim: int  # the live model's embedding dimension
    stream: tuple[str, ...]  # the generation prompt's tokens, then what the model wrote
    prompt_tokens: int  # how many of the stream's tokens are the prompt's
    window: int  # how many tokens the drawn window holds
    model_id: str


@dataclass
class _Window:
    """The sliding window's mobjects and the state its updater moves (layout, not facts).

    The tokens sit in one row at their natural widths, like text. At a shift of ``v`` tokens
    the window holds tokens v … v + width - 1: its right edge stays put and its left edge
    follows the oldest token it holds, so the frame is as wide as those tokens are.
    """

    boxes: VGroup  # one token box per token of the stream
    frame: VMobject
    frame_label: VMobject
    gone: VMobject
    edge: VMobject
    note: VMobject
    text_note: VMobject
    width: int  # tokens the drawn window holds
    starts: np.ndarray  # each token's left end along the row (row units, first token at 0)
    ends: np.ndarray  # each token's right end
    right: float  # the window's right edge on screen
    pad: float  # space between the frame and the tokens inside it
    y: float
    fill: float

    def span(self, v: float) -> tuple[float, float]:
        """Row coordinates of the window's first token start and last token end at shift v."""
        k = np.arange(len(self.starts), dtype=float)
        return (float(np.interp(v, k, self.starts)),
                float(np.interp(v + self.width - 1, k, self.ends)))

    def x_of(self, i: int, v: float) -> float:
        """Where token i's centre is on screen at shift v."""
        _, end = self.span(v)
        return self.right - self.pad - (end - (self.starts[i] + self.ends[i]) / 2)

    def left(self, v: float) -> float:
        """The window's left edge on screen at shift v."""
        start, end = self.span(v)
        return self.right - 2 * self.pad - (end - start)


class ContextSizeScene(LectureSlide):
    """'king' soaks in context; the data is context × dimension; a window slides over text."""

    def gather(self) -> ContextFacts:
        """Context sizes and a real stream of tokens, from the facts layer (no animation)."""
        spec = self.lecture.models.gpt
        g = self.lecture.generation
        c = self.lecture.context
        t = gpt.tally(spec)
        story = gpt.generate(g.prompt, steps=c.story_tokens, temperature=g.temperature, seed=g.seed,
                             top=g.top, spec=spec)
        prompt = bpe.tokenize(g.prompt).pieces
        stream = tuple(prompt + story.chosen_pieces)
        return ContextFacts(gpt3_context=gpt.GPT3_CONTEXT, gpt3_dim=gpt.GPT3_DIM,
                            context=t.context, dim=t.dim, stream=stream,
                            prompt_tokens=len(prompt),
                            window=min(c.window, len(stream)), model_id=t.model_id)

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        title = scene_title("Embeddings beyond words: context")

        # --- a vector soaks in context (illustration)
        king, arrow, lines, intro, note = self._king_parts()
        with self.narrate("A vector is not stuck being the plain meaning of one word. As it "
                          "moves through the network, it can take on meaning from the text "
                          "around it.") as beat:
            self.play(FadeIn(title))
            self.play(FadeIn(king, shift=UP * 0.2), GrowArrow(arrow), FadeIn(note),
                      run_time=1.2)
            self.wait_for_words(beat, "As it moves")
            self.play(FadeIn(intro), run_time=0.8)
            self.wait_for_words(beat, "the text")
            self.play(FadeIn(lines[0], shift=LEFT * 0.2), run_time=0.8)

        with self.narrate("Take a vector that begins as plain king. Each phrase on the right is "
                          "context it absorbs on the way, and each one bends it further, here "
                          "drawn by hand, toward one very particular king.") as beat:
            self.wait_for_words(beat, "plain king.")
            self.play(light(VGroup(king, arrow)),
                      run_time=1.0)
            self.wait_for_words(beat, "on the right")
            # the phrases arrive one by one, the last as "bends it further" is said
            step = self.seconds_until(beat, "bends it further", least=len(MACBETH) - 1.0) \
                / (len(MACBETH) - 1)
            for i in range(1, len(MACBETH)):
                self.play(Transform(arrow, self._king_vector(i)),
                          FadeIn(lines[i], shift=LEFT * 0.2), run_time=step)
            self.play(Transform(arrow, self._king_vector(len(KING_ANGLES) - 1)), run_time=0.6)

        macbeth, first = self._king_outcome(lines)
        with self.narrate("By the end it stands for Macbeth, not for kings in general. At the "
                          "start, though, every vector is only a lookup in the embedding matrix: "
                          "it carries its own token and nothing else.") as beat:
            self.play(FadeIn(macbeth, shift=UP * 0.1),
                      light(arrow), run_time=1.2)
            self.wait_for_words(beat, "At the start")
            # where it began: the plain lookup, before any phrase had bent it
            start = self._king_vector(0).set_opacity(0.5)
            self.play(FadeIn(start), lines.animate.set_opacity(0.35), FadeIn(first),
                      run_time=1.2)
            self.wait_for_words(beat, "its own token")
            self.play(light(king), run_time=1.2)

        # --- the data: context × dimension
        badge = model_badge(s.model_id)
        ref, live, scale = self._array(s)
        with self.narrate("There is a hard limit on how many vectors pass through together: "
                          f"the context size. For GPT-3 it is {grouped(s.gpt3_context)} tokens, "
                          f"so its data is always a block of {grouped(s.gpt3_context)} columns, "
                          f"each {grouped(s.gpt3_dim)} numbers tall.") as beat:
            fade_all_but(self, title)
            self.play(FadeIn(ref[0]), run_time=0.8)
            self.wait_for_words(beat, "how many vectors")  # the columns fill in, left to right
            self.play(LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in ref[1]], lag_ratio=0.05),
                      run_time=self.seconds_until(beat, "the context size.", least=1.8))
            self.wait_for_words(beat, "For GPT-3")
            self.play(FadeIn(ref[2]), light(ref[1]), run_time=1.0)
            self.wait_for_words(beat, "a block of")
            self.play(Write(ref[3]), run_time=1.2)
            self.wait_for_words(beat, "numbers tall")
            self.play(light(ref[1]), run_time=1.0)

        with self.narrate("Our small model, drawn to the same scale, takes at most "
                          f"{grouped(s.context)} tokens with {grouped(s.dim)} numbers each. "
                          "The arrow on the right points to its whole block.") as beat:
            self.play(FadeIn(live[0]), FadeIn(scale), FadeIn(badge), run_time=1.0)
            self.wait_for_words(beat, "takes at most")
            self.play(FadeIn(live[2]), Write(live[3]), run_time=1.2)
            self.wait_for_words(beat, "The arrow")
            self.play(GrowArrow(live[1]), run_time=0.8)
            self.play(light(VGroup(live[2], live[3])), run_time=1.0)

        # --- a window sliding over a longer text
        win = self._window_parts(s)
        on_screen = self._visible_group(win, 0.0)
        with self.narrate("Here is real text: the generation prompt and the tokens our model "
                          f"wrote after it, seen through a window drawn {s.window} tokens wide "
                          "so that it stays readable.") as beat:
            fade_all_but(self, title, badge)
            self.add(on_screen)
            self.play(FadeIn(win.text_note), run_time=0.6)
            # the prompt's tokens, then the model's own, light as each is named
            for phrase, part in (("the generation prompt", range(s.prompt_tokens)),
                                 ("the tokens our model", range(s.prompt_tokens, len(s.stream)))):
                shown = [b for i, b in zip(on_screen.indices, on_screen, strict=True)
                         if i in part]
                self.wait_for_words(beat, phrase)
                if shown:
                    self.play(light(VGroup(*shown)), run_time=1.0)
            self.wait_for_words(beat, "seen through a window")
            self.play(Create(win.frame), FadeIn(win.frame_label), FadeIn(win.note),
                      run_time=1.0)

        with self.narrate("Each new token pushes the window along. The oldest tokens drop out "
                          "of view, and from then on the model cannot use them at all."):
            self._slide(win, on_screen)

        why = label("Early chatbots lost the thread in long conversations:\nonce the text "
                    "outgrew the window, its start simply fell out of view.", style.SMALL,
                    color=style.HIGHLIGHT)
        fit_width(why, 12.6).to_edge(DOWN, buff=0.9)
        with self.narrate("So the context size caps how much text can shape each prediction. "
                          "That is why early chatbots seemed to forget the start of a long "
                          "conversation: past the window, it was simply gone.") as beat:
            self.wait_for_words(beat, "That is why")
            self.play(FadeIn(why, shift=UP * 0.2))

    # ------------------------------------------------------------------ layout helpers

    @staticmethod
    def _king_vector(i: int) -> Arrow:
        """The 'king' vector at turn ``i`` of the hand-drawn illustration."""
        a = math.radians(KING_ANGLES[i])
        x, y = KING_ORIGIN[0], KING_ORIGIN[1]
        tip = [x + KING_LENGTHS[i] * math.cos(a), y + KING_LENGTHS[i] * math.sin(a), 0]
        return Arrow(KING_ORIGIN, tip, buff=0, color=style.DATA, stroke_width=5)

    def _king_parts(self) -> tuple[VGroup, Arrow, VGroup, VGroup, VGroup]:
        """The 'king' token, its first vector, the context phrases, a heading and a note."""
        king = token_box(" king", style.TOKEN_COLORS[0], style.BODY)
        king.move_to([KING_ORIGIN[0], KING_ORIGIN[1] - 0.7, 0])
        lines = VGroup(*[label(t, style.SMALL) for t in MACBETH]).arrange(
            DOWN, aligned_edge=LEFT, buff=0.28)
        fit_width(lines, TEXT_WIDTH).move_to([0, 0.6, 0]).align_to(LEFT * TEXT_LEFT, LEFT)
        lines[0].set_color(style.TOKEN_COLORS[0])
        note = stage_note("illustration: the vector's turns are drawn by hand, not computed")
        intro = fit_width(label("a vector soaks in context as it flows through the network",
                                style.SMALL, color=style.DATA), TEXT_WIDTH)
        intro.next_to(lines, UP, buff=0.6).align_to(lines, LEFT)
        return king, self._king_vector(0), lines, intro, note

    @staticmethod
    def _king_outcome(lines: VGroup) -> tuple[VGroup, VGroup]:
        """'Macbeth' under the phrases, and the reminder about the very first step."""
        macbeth = label("Macbeth", style.BODY, color=style.HIGHLIGHT)
        macbeth.next_to(lines, DOWN, buff=0.4).align_to(lines, LEFT)
        first = fit_width(label("In the very first step, each vector is plucked from\nthe "
                                "embedding matrix and knows only its own word.", style.SMALL,
                                color=style.DATA), TEXT_WIDTH)
        first.next_to(macbeth, DOWN, buff=0.5).align_to(lines, LEFT)
        return macbeth, first

    @staticmethod
    def _array(s: ContextFacts) -> tuple[VGroup, VGroup, VGroup]:
        """GPT-3's context × dimension array beside the live model's, to the same scale.

        Returns (heading, strips, GPT-3 heading, GPT-3 label), (live heading, pointer, block,
        live label) and the scale note.
        """
        head = label("The network processes a fixed number of vectors at a time: its context "
                     "size", style.SMALL).move_to([0, 2.55, 0])
        fit_width(head, 12.6)
        full_w, full_h = 6.4, 3.4
        base = VGroup()
        strip_w = full_w / STRIPS
        for k in range(STRIPS):
            base.add(Rectangle(width=strip_w * 0.7, height=full_h, stroke_width=0,
                               fill_color=style.DATA, fill_opacity=0.45).move_to(
                [-6.6 + (k + 0.5) * strip_w, -0.1, 0]))
        ref_label = MathTex(rf"{tex_grouped(s.gpt3_context)}\ \text{{columns}} \times "
                            rf"{tex_grouped(s.gpt3_dim)}\ \text{{dimensions}}", font_size=32)
        ref_label.next_to(base, DOWN, buff=0.25)
        ref_head = label("GPT-3 (its published figures)", style.SMALL,
                         color=style.TEXT).next_to(base, UP, buff=0.15)
        live_w = full_w * s.context / s.gpt3_context
        live_h = max(full_h * s.dim / s.gpt3_dim, 0.02)
        live = Rectangle(width=live_w, height=live_h, stroke_width=0, fill_color=style.DATA,
                         fill_opacity=0.8)
        live.move_to([3.2, base.get_bottom()[1] + live_h / 2, 0])
        live_label = MathTex(rf"{tex_grouped(s.context)}\ \text{{columns}} \times "
                             rf"{tex_grouped(s.dim)}\ \text{{dimensions}}", font_size=32)
        live_label.move_to([3.2, ref_label.get_y(), 0])
        live_head = label("our small GPT: a thin sliver at this scale", style.SMALL)
        live_head.move_to([3.2, ref_head.get_y(), 0])
        pointer = Arrow(live_head.get_bottom(), live.get_top(), buff=0.15, color=style.DATA,
                        stroke_width=2)
        scale = label(f"both models to one scale (a gray strip stands for "
                      f"{grouped(s.gpt3_context // STRIPS)} columns); heights squeezed "
                      f"{s.gpt3_dim / s.gpt3_context * full_w / full_h:.0f}\u00d7 to fit",
                      style.SMALL, color=style.DATA)
        fit_width(scale, 12.6).next_to(ref_label, DOWN, buff=0.35).set_x(0)
        return (VGroup(head, base, ref_head, ref_label), VGroup(live_head, pointer, live,
                                                                live_label), scale)

    @staticmethod
    def _window_parts(s: ContextFacts) -> _Window:
        """Token boxes for the whole stream, the window's frame and its labels."""
        w = s.window
        palette = token_palette(s.stream)  # the same token keeps one colour
        boxes = VGroup(*[token_box(p, palette[p], style.SMALL) for p in s.stream])
        gap, pad, right, y = 0.32, 0.1, 6.4, 0.2  # a dropped token stays 0.22 clear of the frame
        widths = np.array([b.width for b in boxes])
        widest = max(float(np.convolve(widths, np.ones(w), "valid").max()) + gap * (w - 1),
                     1e-6)
        if widest + 2 * pad > 11.2:  # the widest run of w tokens must fit: one scale for all
            k = (11.2 - 2 * pad) / widest
            for b in boxes:
                b.scale(k)
            widths, gap = widths * k, gap * k
        starts = np.concatenate([[0.0], np.cumsum(widths + gap)[:-1]])
        ends = starts + widths
        win = _Window(boxes=boxes, frame=VMobject(), frame_label=VMobject(), gone=VMobject(),
                      edge=VMobject(), note=VMobject(), text_note=VMobject(), width=w,
                      starts=starts, ends=ends, right=right, pad=pad, y=y,
                      fill=boxes[0][0].get_fill_opacity())
        height = max(b.height for b in boxes) + 0.2
        win.frame = highlight_box(Rectangle(width=right - win.left(0.0), height=height))
        win.frame.move_to([right, y, 0], aligned_edge=RIGHT)
        # the window's two labels sit under it, right-aligned; above it, only "fallen out of
        # view" over the dropped tokens (so the two never share a line as the window narrows)
        win.frame_label = label("what the model sees: its context window", style.SMALL,
                                color=style.HIGHLIGHT).next_to(win.frame, DOWN, buff=0.25)
        win.frame_label.align_to(win.frame, RIGHT)
        win.gone = label("fallen out of view", style.SMALL, color=style.DATA)
        win.edge = DashedLine(UP * (height / 2 + 0.1), DOWN * (height / 2 + 0.1),
                              color=style.DATA_DIM)
        fit_window(win, 0.0)
        win.note = stage_note(f"drawn {w} tokens wide; the real window holds "
                              f"{grouped(s.context)} (GPT-3: {grouped(s.gpt3_context)})")
        win.text_note = label("the generation prompt and what the model wrote after it",
                              style.SMALL, color=style.DATA)
        win.text_note.next_to(win.frame_label, DOWN, buff=0.12)
        win.text_note.align_to(win.frame, RIGHT)
        return win

    @staticmethod
    def _alpha(win: _Window, i: int, v: float) -> float:
        """How visible token i is when the text has slid by v tokens (fades at the edges)."""
        x = win.x_of(i, v)
        half = (win.ends[i] - win.starts[i]) / 2
        left, right = win.left(v), win.right
        edge_x = -config.frame_width / 2 + style.MARGIN
        if x - half >= right or x - half <= edge_x:
            return 0.0  # not written yet, or its left end has reached the title-safe margin
        if x + half > right - win.pad:  # being written: fades in at the window's right edge
            return float(np.clip((right - (x - half)) / (2 * half + win.pad), 0.0, 1.0))
        if x - half < edge_x + LEAVE:  # leaving: gone before any of it passes the margin
            return 0.22 * (x - half - edge_x) / LEAVE
        if x + half <= left + win.pad:  # fallen out of the window
            return 0.22
        if x - half < left + win.pad:  # crossing the window's left edge
            return 0.22 + 0.78 * float(np.clip((x + half - left - win.pad) / (2 * half), 0, 1))
        return 1.0

    def _visible(self, win: _Window, v: float) -> list[int]:
        return [i for i in range(len(win.boxes)) if self._alpha(win, i, v) > 0]

    def _visible_group(self, win: _Window, v: float, also: float | None = None) -> VGroup:
        """The tokens visible at shift ``v`` (and at ``also``), placed and faded for ``v``."""
        indices = set(self._visible(win, v))
        if also is not None:
            indices |= set(self._visible(win, also))
        group = VGroup(*[win.boxes[i] for i in sorted(indices)])
        group.indices = sorted(indices)
        self._place(win, group, v)
        return group

    def _place(self, win: _Window, group: VGroup, v: float) -> None:
        """Position and fade the tokens of one hop for the shift ``v``."""
        for i, box in zip(group.indices, group, strict=True):
            box.move_to([win.x_of(i, v), win.y, 0])
            # a dropped token that has slid past the frame's edge is no longer drawn
            set_alpha(box, self._alpha(win, i, v) if fits_frame(box) else 0.0, win.fill)

    def _slide(self, win: _Window, on_screen: VGroup) -> None:
        """Slide the text through the window one token per hop (each hop draws few tokens)."""
        steps = len(win.boxes) - win.width
        if steps <= 0:
            return
        self.play(FadeIn(win.gone), Create(win.edge), run_time=0.5)
        shift = ValueTracker(0.0)
        for k in range(steps):
            self.remove(on_screen)
            on_screen = self._visible_group(win, k, also=k + 1)
            on_screen.add_updater(lambda g: self._place(win, g, shift.get_value()))
            win.frame.add_updater(lambda f: fit_window(win, shift.get_value()))
            self.add(on_screen)
            self.play(shift.animate.set_value(k + 1), run_time=0.5, rate_func=smooth)
            on_screen.clear_updaters()
            win.frame.clear_updaters()
        self.remove(shift)


__all__ = ["ContextSizeScene", "ContextFacts", "set_alpha"]
