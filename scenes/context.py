"""Embeddings beyond words: vectors soak in context, and the context size limits how much.

Live numbers: the small model's context and dimension (gpt.tally) and a real token stream (the
generation prompt plus what the model writes after it, gpt.generate). GPT-3's 2,048 × 12,288 are
the chapter's reference constants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
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
from scenes.common.motion import fade_all_but
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

STRIPS = 64  # the data array is drawn as this many strips
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


@dataclass(frozen=True)
class ContextFacts:
    """What ContextSizeScene draws: context sizes and a real stream of tokens."""

    gpt3_context: int
    gpt3_dim: int
    context: int  # the live model's context size (tokens)
    dim: int  # the live model's embedding dimension
    stream: tuple[str, ...]  # the generation prompt's tokens, then what the model wrote
    window: int  # how many tokens the drawn window holds
    model_id: str


@dataclass
class _Window:
    """The sliding window's mobjects and the state its updater moves (layout, not facts)."""

    boxes: VGroup  # one token box per token of the stream
    frame: VMobject
    frame_label: VMobject
    gone: VMobject
    edge: VMobject
    note: VMobject
    text_note: VMobject
    width: int  # tokens the drawn window holds
    slot: float
    left: float
    right: float
    y: float
    fill: float


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
        stream = tuple(bpe.tokenize(g.prompt).pieces + story.chosen_pieces)
        return ContextFacts(gpt3_context=gpt.GPT3_CONTEXT, gpt3_dim=gpt.GPT3_DIM,
                            context=t.context, dim=t.dim, stream=stream,
                            window=min(c.window, len(stream)), model_id=t.model_id)

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        title = scene_title("Embeddings beyond words: context")

        # --- a vector soaks in context (illustration)
        king, arrow, lines, intro, note = self._king_parts()
        with self.narrate("A vector is not stuck being the plain meaning of one word. As it "
                          "moves through the network, it can take on meaning from the text "
                          "around it."):
            self.play(FadeIn(title))
            self.play(FadeIn(king, shift=UP * 0.2), GrowArrow(arrow), FadeIn(note),
                      FadeIn(intro), FadeIn(lines[0]), run_time=1.2)

        with self.narrate("Take a vector that begins as plain king. Each phrase on the right is "
                          "context it absorbs on the way, and each one bends it further, here "
                          "drawn by hand, toward one very particular king."):
            for i in range(1, len(MACBETH)):
                self.play(Transform(arrow, self._king_vector(i)),
                          FadeIn(lines[i], shift=LEFT * 0.2), run_time=1.0)
            self.play(Transform(arrow, self._king_vector(len(KING_ANGLES) - 1)), run_time=0.6)

        macbeth, first = self._king_outcome(lines)
        with self.narrate("By the end it stands for Macbeth, not for kings in general. At the "
                          "start, though, every vector is only a lookup in the embedding matrix: "
                          "it carries its own token and nothing else."):
            self.play(FadeIn(macbeth), FadeIn(first))

        # --- the data: context × dimension
        badge = model_badge(s.model_id)
        ref, live, scale = self._array(s)
        with self.narrate("There is a hard limit on how many vectors pass through together: "
                          f"the context size. For GPT-3 it is {grouped(s.gpt3_context)} tokens, "
                          f"so its data is always a block of {grouped(s.gpt3_context)} columns, "
                          f"each {grouped(s.gpt3_dim)} numbers tall."):
            fade_all_but(self, title)
            self.play(FadeIn(ref[0]), run_time=0.8)
            self.play(LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in ref[1]], lag_ratio=0.02),
                      FadeIn(ref[2]), Write(ref[3]), run_time=1.8)

        with self.narrate("Our small model, drawn to the same scale, takes at most "
                          f"{grouped(s.context)} tokens with {grouped(s.dim)} numbers each. "
                          "The arrow on the right points to its whole block."):
            self.play(FadeIn(live[0]), GrowArrow(live[1]), FadeIn(live[2]), Write(live[3]),
                      FadeIn(scale), FadeIn(badge), run_time=1.5)

        # --- a window sliding over a longer text
        win = self._window_parts(s)
        on_screen = self._visible_group(win, 0.0)
        with self.narrate("Here is real text: the generation prompt and the tokens our model "
                          f"wrote after it, seen through a window drawn {s.window} tokens wide "
                          "so that it stays readable."):
            fade_all_but(self, title, badge)
            self.add(on_screen)
            self.play(Create(win.frame), FadeIn(win.frame_label), FadeIn(win.note),
                      FadeIn(win.text_note), run_time=1.0)

        with self.narrate("Each new token pushes the window along. The oldest tokens drop out "
                          "of view, and from then on the model cannot use them at all."):
            self._slide(win, on_screen)

        why = label("Early chatbots lost the thread in long conversations:\nonce the text "
                    "outgrew the window, its start simply fell out of view.", style.SMALL,
                    color=style.HIGHLIGHT)
        fit_width(why, 12.6).to_edge(DOWN, buff=0.9)
        with self.narrate("So the context size caps how much text can shape each prediction. "
                          "That is why early chatbots seemed to forget the start of a long "
                          "conversation: past the window, it was simply gone."):
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
        lines.move_to([2.2, 0.6, 0])
        lines[0].set_color(style.TOKEN_COLORS[0])
        note = stage_note("illustration: the vector's turns are drawn by hand, not computed")
        intro = label("a vector soaks in context as it flows through the network",
                      style.SMALL, color=style.DATA).next_to(lines, UP, buff=0.6)
        intro.align_to(lines, LEFT)
        return king, self._king_vector(0), lines, intro, note

    @staticmethod
    def _king_outcome(lines: VGroup) -> tuple[VGroup, VGroup]:
        """'Macbeth' under the phrases, and the reminder about the very first step."""
        macbeth = label("Macbeth", style.BODY, color=style.HIGHLIGHT)
        macbeth.next_to(lines, DOWN, buff=0.4).align_to(lines, LEFT)
        first = label("In the very first step each vector is plucked from the embedding\n"
                      "matrix and knows only its own word.", style.TINY, color=style.DATA)
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
        ref_head = label("GPT-3 (its published figures)", style.TINY,
                         color=style.TEXT).next_to(base, UP, buff=0.15)
        live_w = full_w * s.context / s.gpt3_context
        live_h = max(full_h * s.dim / s.gpt3_dim, 0.02)
        live = Rectangle(width=live_w, height=live_h, stroke_width=0, fill_color=style.DATA,
                         fill_opacity=0.8)
        live.move_to([3.2, base.get_bottom()[1] + live_h / 2, 0])
        live_label = MathTex(rf"{tex_grouped(s.context)}\ \text{{columns}} \times "
                             rf"{tex_grouped(s.dim)}\ \text{{dimensions}}", font_size=32)
        live_label.move_to([3.2, ref_label.get_y(), 0])
        live_head = label("this model (live)", style.TINY).move_to([3.2, ref_head.get_y(), 0])
        pointer = Arrow(live_head.get_bottom(), live.get_top(), buff=0.15, color=style.DATA,
                        stroke_width=2)
        scale = label(f"both models to one scale (a gray strip stands for "
                      f"{grouped(s.gpt3_context // STRIPS)} columns); heights squeezed "
                      f"{s.gpt3_dim / s.gpt3_context * full_w / full_h:.0f}\u00d7 to fit",
                      style.TINY,
                      color=style.DATA_DIM).next_to(ref_label, DOWN, buff=0.35).set_x(0)
        return (VGroup(head, base, ref_head, ref_label), VGroup(live_head, pointer, live,
                                                                live_label), scale)

    @staticmethod
    def _window_parts(s: ContextFacts) -> _Window:
        """Token boxes for the whole stream, the window's frame and its labels."""
        w = s.window
        colors = style.TOKEN_COLORS
        boxes = VGroup(*[token_box(p, colors[i % len(colors)], style.SMALL)
                         for i, p in enumerate(s.stream)])
        slot = min(max(b.width for b in boxes) + 0.12, 11.2 / w)
        for b in boxes:  # a rare long token is shrunk to its slot; the others keep their size
            if b.width > slot - 0.1:
                b.scale_to_fit_width(slot - 0.1)
        right = 6.4
        left = right - w * slot
        y = 0.2
        frame = highlight_box(Rectangle(width=w * slot, height=boxes.height + 0.2).move_to(
            [(left + right) / 2, y, 0]))
        frame_label = label("what the model sees: its context window", style.SMALL,
                            color=style.HIGHLIGHT).next_to(frame, UP, buff=0.3)
        gone = label("fallen out of view", style.TINY, color=style.DATA_DIM)
        gone.next_to(frame, UP, buff=0.15).align_to(frame, LEFT).shift(LEFT * 0.15)
        gone.shift(LEFT * gone.width)  # above the space left of the window's edge
        edge = DashedLine(frame.get_corner(UL) + UP * 0.1, frame.get_corner(LEFT + DOWN)
                          + DOWN * 0.1, color=style.DATA_DIM)
        note = stage_note(f"the window is drawn {w} tokens wide; this model's real window holds "
                          f"{grouped(s.context)} (GPT-3: {grouped(s.gpt3_context)})")
        text_note = label("the generation prompt and what the model wrote after it",
                          style.TINY, color=style.DATA).next_to(frame, DOWN, buff=0.3)
        text_note.align_to(frame, RIGHT)
        return _Window(boxes=boxes, frame=frame, frame_label=frame_label, gone=gone, edge=edge,
                       note=note, text_note=text_note, width=w, slot=slot, left=left,
                       right=right, y=y, fill=boxes[0][0].get_fill_opacity())

    @staticmethod
    def _alpha(win: _Window, i: int, v: float) -> float:
        """How visible token i is when the text has slid by v tokens (fades at the edges)."""
        slot, left, right = win.slot, win.left, win.right
        edge_x = -config.frame_width / 2 + style.MARGIN
        x = left + (i + 0.5 - v) * slot
        half = slot / 2
        if x >= right + half or x - half <= edge_x - half:
            return 0.0  # not written yet, or gone past the frame's edge
        if x > right - half:  # being written: fades in at the window's right edge
            return (right + half - x) / slot
        if x - half < edge_x:  # leaving the frame
            return 0.22 * (x - edge_x + half) / half
        if x < left - half:  # fallen out of the window
            return 0.22
        if x < left + half:  # crossing the window's left edge
            return 0.22 + 0.78 * (x - (left - half)) / slot
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
            box.move_to([win.left + (i + 0.5 - v) * win.slot, win.y, 0])
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
            self.add(on_screen)
            self.play(shift.animate.set_value(k + 1), run_time=0.5, rate_func=smooth)
            on_screen.clear_updaters()
        self.remove(shift)


__all__ = ["ContextSizeScene", "ContextFacts", "set_alpha"]
