"""Embeddings beyond words: vectors soak in context, and the context size limits how much.

Live numbers: the small model's context and dimension (gpt.tally) and a real token stream (the
generation prompt plus what the model writes after it, gpt.generate). GPT-3's 2,048 × 12,288 are
the chapter's reference constants.
"""

from __future__ import annotations

import math

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


class ContextSizeScene(LectureSlide):
    """'king' soaks in context; the data is context × dimension; a window slides over text."""

    def gather(self) -> dict:
        """Context sizes and a real stream of tokens, from the facts layer (no animation)."""
        spec = self.lecture.models.gpt
        g = self.lecture.generation
        c = self.lecture.context
        t = gpt.tally(spec)
        story = gpt.generate(g.prompt, steps=c.story_tokens, temperature=g.temperature, seed=g.seed,
                             top=g.top, spec=spec)
        stream = bpe.tokenize(g.prompt).pieces + story.chosen_pieces
        self.shown = {
            "gpt3_context": gpt.GPT3_CONTEXT,
            "gpt3_dim": gpt.GPT3_DIM,
            "context": t.context,
            "dim": t.dim,
            "stream": tuple(stream),
            "window": min(c.window, len(stream)),
            "model_id": t.model_id,
        }
        return self.shown

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        title = scene_title("Embeddings beyond words: context")
        self.play(FadeIn(title))
        self._king()

        # --- the data: context × dimension
        fade_all_but(self, title)
        badge = model_badge(s["model_id"])
        self._array(s, badge)

        # --- a window sliding over a longer text
        fade_all_but(self, title, badge)
        self._window(s)

        why = label("Early chatbots lost the thread in long conversations:\nonce the text "
                    "outgrew the window, its start simply fell out of view.", style.SMALL,
                    color=style.HIGHLIGHT)
        fit_width(why, 12.6).to_edge(DOWN, buff=0.9)
        self.play(FadeIn(why, shift=UP * 0.2))
        self.wait(2.5)
        self.beat("This context size limits how much text the transformer can use when it "
                  "predicts the next word. It is why long conversations with early versions of "
                  "ChatGPT felt like the bot was losing the thread.")

    # ------------------------------------------------------------------ parts

    def _king(self) -> None:
        """A vector that starts as 'king' is tugged by context toward Macbeth (illustration)."""
        king = token_box(" king", style.TOKEN_COLORS[0], style.BODY).move_to([-5.2, -2.4, 0])
        origin = [-5.2, -1.7, 0]
        angles = (80, 62, 44, 28, 14)  # degrees: hand-drawn turns, not computed
        lengths = (2.0, 2.4, 2.8, 3.1, 3.3)

        def vector(i: int) -> Arrow:
            a = math.radians(angles[i])
            tip = [origin[0] + lengths[i] * math.cos(a), origin[1] + lengths[i] * math.sin(a), 0]
            return Arrow(origin, tip, buff=0, color=style.DATA, stroke_width=5)

        arrow = vector(0)
        lines = VGroup(*[label(t, style.SMALL) for t in MACBETH]).arrange(
            DOWN, aligned_edge=LEFT, buff=0.28)
        lines.move_to([2.2, 0.6, 0])
        lines[0].set_color(style.TOKEN_COLORS[0])
        note = stage_note("illustration: the vector's turns are drawn by hand, not computed")
        intro = label("a vector soaks in context as it flows through the network",
                      style.SMALL, color=style.DATA).next_to(lines, UP, buff=0.6)
        intro.align_to(lines, LEFT)
        self.play(FadeIn(king, shift=UP * 0.2), GrowArrow(arrow), FadeIn(note), FadeIn(intro),
                  FadeIn(lines[0]), run_time=1.2)
        for i in range(1, len(MACBETH)):
            self.play(Transform(arrow, vector(i)), FadeIn(lines[i], shift=LEFT * 0.2),
                      run_time=1.0)
        self.play(Transform(arrow, vector(len(angles) - 1)), run_time=0.6)
        macbeth = label("Macbeth", style.BODY, color=style.HIGHLIGHT)
        macbeth.next_to(lines, DOWN, buff=0.4).align_to(lines, LEFT)
        first = label("In the very first step each vector is plucked from the embedding\n"
                      "matrix and knows only its own word.", style.TINY, color=style.DATA)
        first.next_to(macbeth, DOWN, buff=0.5).align_to(lines, LEFT)
        self.play(FadeIn(macbeth), FadeIn(first))
        self.wait(2.0)
        self.beat("A vector that started its life as the embedding of the word king might get "
                  "tugged and pulled by the blocks of the network until it encodes a king who "
                  "lived in Scotland, who took his post by murdering the previous king, described "
                  "in Shakespearean language. In the very first step, though, each vector is "
                  "simply plucked out of the embedding matrix and knows only its own word.")

    def _array(self, s: dict, badge) -> None:
        """GPT-3's context × dimension array beside the live model's, to the same scale."""
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
        ref_label = MathTex(rf"{tex_grouped(s['gpt3_context'])}\ \text{{columns}} \times "
                            rf"{tex_grouped(s['gpt3_dim'])}\ \text{{dimensions}}", font_size=32)
        ref_label.next_to(base, DOWN, buff=0.25)
        ref_head = label("GPT-3 (reference figures from the chapter)", style.TINY,
                         color=style.TEXT).next_to(base, UP, buff=0.15)
        live_w = full_w * s["context"] / s["gpt3_context"]
        live_h = max(full_h * s["dim"] / s["gpt3_dim"], 0.02)
        live = Rectangle(width=live_w, height=live_h, stroke_width=0, fill_color=style.DATA,
                         fill_opacity=0.8)
        live.move_to([3.2, base.get_bottom()[1] + live_h / 2, 0])
        live_label = MathTex(rf"{tex_grouped(s['context'])}\ \text{{columns}} \times "
                             rf"{tex_grouped(s['dim'])}\ \text{{dimensions}}", font_size=32)
        live_label.move_to([3.2, ref_label.get_y(), 0])
        live_head = label("this model (live)", style.TINY).move_to([3.2, ref_head.get_y(), 0])
        pointer = Arrow(live_head.get_bottom(), live.get_top(), buff=0.15, color=style.DATA,
                        stroke_width=2)
        scale = label(f"drawn to the same scale (each gray strip stands for "
                      f"{grouped(s['gpt3_context'] // STRIPS)} columns)", style.TINY,
                      color=style.DATA_DIM).next_to(ref_label, DOWN, buff=0.35).set_x(0)
        self.play(FadeIn(head), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in base], lag_ratio=0.02),
                  FadeIn(ref_head), Write(ref_label), run_time=1.8)
        self.wait(1.0)
        self.beat("The network can only process a fixed number of vectors at a time, its context "
                  f"size. GPT-3 was trained with {grouped(s['gpt3_context'])}, so the data "
                  f"flowing through always looks like {grouped(s['gpt3_context'])} columns, each "
                  f"with {grouped(s['gpt3_dim'])} dimensions.")
        self.play(FadeIn(live_head), GrowArrow(pointer), FadeIn(live), Write(live_label),
                  FadeIn(scale), FadeIn(badge), run_time=1.5)
        self.wait(1.5)
        self.beat(f"The small model we run live sees at most {grouped(s['context'])} tokens, "
                  f"each a vector of {s['dim']} numbers; drawn to the same scale as GPT-3's "
                  "array, compare the two blocks.")

    def _window(self, s: dict) -> None:
        """Real tokens slide through a fixed window; the earliest fall out of view."""
        stream = s["stream"]
        n, w = len(stream), s["window"]
        colors = style.TOKEN_COLORS
        boxes = VGroup(*[token_box(p, colors[i % len(colors)], style.SMALL)
                         for i, p in enumerate(stream)])
        slot = min(max(b.width for b in boxes) + 0.12, 10.6 / w)
        for b in boxes:  # a rare long token is shrunk to its slot; the others keep their size
            if b.width > slot - 0.1:
                b.scale_to_fit_width(slot - 0.1)
        fill = boxes[0][0].get_fill_opacity()
        right = 6.3
        left = right - w * slot
        y = 0.2
        frame = highlight_box(Rectangle(width=w * slot, height=boxes.height + 0.2).move_to(
            [(left + right) / 2, y, 0]))
        frame_label = label("what the model sees: its context window", style.SMALL,
                            color=style.HIGHLIGHT).next_to(frame, UP, buff=0.3)
        gone = label("fallen out of view", style.TINY, color=style.DATA_DIM)
        gone.next_to(frame, LEFT, buff=0.3).shift(UP * 0.55)
        edge = DashedLine(frame.get_corner(UL) + UP * 0.1, frame.get_corner(LEFT + DOWN)
                          + DOWN * 0.1, color=style.DATA_DIM)
        shift = ValueTracker(0.0)
        edge_x = -config.frame_width / 2 + style.MARGIN

        def alpha(i: int, v: float) -> float:
            """How visible token i is when the text has slid by v tokens (fades at the edges)."""
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

        def place(group: VGroup) -> None:
            """Position and fade the tokens of one hop for the current shift."""
            v = shift.get_value()
            for i, box in zip(group.indices, group, strict=True):
                box.move_to([left + (i + 0.5 - v) * slot, y, 0])
                set_alpha(box, alpha(i, v), fill)

        def visible(v: float) -> list[int]:
            return [i for i in range(n) if alpha(i, v) > 0]

        on_screen = VGroup(*[boxes[i] for i in visible(0)])
        on_screen.indices = visible(0)
        place(on_screen)
        note = stage_note(f"the window is drawn {w} tokens wide; this model's real window holds "
                          f"{grouped(s['context'])} (GPT-3: {grouped(s['gpt3_context'])})")
        text_note = label("the generation prompt and what the model wrote after it",
                          style.TINY, color=style.DATA).next_to(frame, DOWN, buff=0.3)
        text_note.align_to(frame, RIGHT)
        self.add(on_screen)
        self.play(Create(frame), FadeIn(frame_label), FadeIn(note), FadeIn(text_note),
                  run_time=1.0)
        self.wait(1.0)
        steps = n - w
        if steps > 0:
            self.play(FadeIn(gone), Create(edge), run_time=0.5)
        for k in range(steps):  # one hop per new token; each hop draws only its few tokens
            self.remove(on_screen)
            on_screen = VGroup()
            on_screen.indices = sorted(set(visible(k)) | set(visible(k + 1)))
            on_screen.add(*[boxes[i] for i in on_screen.indices])
            on_screen.add_updater(place)
            self.add(on_screen)
            self.play(shift.animate.set_value(k + 1), run_time=0.5, rate_func=smooth)
            on_screen.remove_updater(place)
        self.remove(shift)
        self.wait(1.0)
        self.beat("As the text grows, the window holds only the most recent tokens: the "
                  "earliest ones fall out of view, and the model can no longer use them.")
        self.shown["final_visible"] = tuple(stream[max(0, n - w):])
