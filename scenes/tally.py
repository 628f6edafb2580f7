"""Counting parameters: GPT-3's scoreboard (reference) beside the live model's own tally.

Reference figures (the chapter's constants, gpt.GPT3_*): 175 billion weights in just under 28,000
matrices of 8 categories; W_E and W_U of 617,558,016 each, a sliver of the whole. Live figures
(gpt.tally): the small model's weights by category, its total, and whether W_U is tied to W_E.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    BLUE_B,
    BLUE_D,
    BLUE_E,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    RoundedRectangle,
    VGroup,
    VMobject,
    Write,
    config,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    grouped,
    label,
    model_badge,
    scene_title,
    stage_note,
    steady_label,
    tex_grouped,
)

# Category colours (local: the shared palette names no colour per block type). Every category
# is a kind of weight, so all are shades of the weights' blue: the token matrices the film's
# blue, attention light, the MLP dark; layer norms and the rest (a sliver) periwinkle.
ATTENTION = BLUE_B  # light blue: still a weight colour, not the data gray
MLP = BLUE_E
POSITIONAL = BLUE_D  # a sliver, set apart from the light attention blue
OTHER = "#8C9BE0"  # periwinkle: a weight blue, set apart from the attention blue
BLOCKS = BLUE_D  # GPT-3's attention + MLP together (the constants do not split them)
BLOCKS_DIM, BLOCKS_LIT = 0.35, 0.8  # its fill before and once the narration names the blocks
# The chapter's 8 categories of GPT-3's matrices (seed 003: the viewer's notes at 11:15).
GPT3_CATEGORIES = (
    ("embedding", style.WEIGHT), ("key", ATTENTION), ("query", ATTENTION), ("value", ATTENTION),
    ("output", ATTENTION), ("up-projection", MLP), ("down-projection", MLP),
    ("unembedding", style.WEIGHT),
)
BAR_W = 12.0  # the length of a whole model in the scale bars


def category_color(name: str) -> str:
    """The colour of one of the live model's categories (by what the facts layer calls it)."""
    low = name.lower()
    if "embedding" in low:
        return style.WEIGHT
    if "attention" in low:
        return ATTENTION
    if "mlp" in low:
        return MLP
    if "position" in low:
        return POSITIONAL
    return OTHER


def chip(text: str, color: str, size: int = style.TINY) -> VGroup:
    """A category name in a rounded, tinted box."""
    words = steady_label(text, size)
    box = RoundedRectangle(corner_radius=0.08, width=words.width + 0.24,
                           height=max(0.42, words.height + 0.2),
                           stroke_color=color, stroke_width=2, fill_color=color,
                           fill_opacity=0.2)
    words.move_to(box)
    return VGroup(box, words)


def tex_billions(n: int, digits: int = 1) -> str:
    """1_235_116_032 -> '1.2\\text{B}' for MathTex (digits after the point)."""
    return rf"{n / 1e9:.{digits}f}\text{{B}}"


def share_text(p: float) -> str:
    """A share of a whole as a percentage, never in scientific notation."""
    if p >= 0.1:
        return f"{p * 100:.1f}%"
    if p >= 0.0001:
        return f"{p * 100:.2f}%"
    return "<0.01%"


@dataclass(frozen=True)
class TallyFacts:
    """What ParameterTallyScene draws: GPT-3's scoreboard and the live model's own tally."""

    gpt3_total: int
    gpt3_matrices: int
    gpt3_layers: int
    gpt3_categories: tuple[str, ...]
    gpt3_w_e: int
    gpt3_w_u: int
    gpt3_embed_both: int
    gpt3_embed_share: float  # (W_E + W_U) / all of GPT-3's weights
    categories: tuple[str, ...]  # the live model's categories, as the facts layer names them
    weights: tuple[int, ...]
    shares: tuple[float, ...]  # each category's share of the live model
    embedding_share: float  # the live model's embedding categories together
    matrices: int
    total: int
    layers: int
    tied: bool
    model_id: str


class ParameterTallyScene(LectureSlide):
    """The chapter's running scoreboard: GPT-3 (reference) and the live model (computed)."""

    def gather(self) -> TallyFacts:
        """The tally of the live model and the chapter's reference figures (no animation)."""
        t = gpt.tally(self.lecture.models.gpt)
        embed_both = 2 * gpt.GPT3_EMBEDDING_WEIGHTS  # GPT-3 counts W_U separately
        shares = tuple(w / t.total for w in t.weights)
        return TallyFacts(
            gpt3_total=gpt.GPT3_TOTAL_WEIGHTS, gpt3_matrices=gpt.GPT3_MATRICES,
            gpt3_layers=gpt.GPT3_LAYERS,
            gpt3_categories=tuple(name for name, _ in GPT3_CATEGORIES),
            gpt3_w_e=gpt.GPT3_EMBEDDING_WEIGHTS, gpt3_w_u=gpt.GPT3_EMBEDDING_WEIGHTS,
            gpt3_embed_both=embed_both, gpt3_embed_share=embed_both / gpt.GPT3_TOTAL_WEIGHTS,
            categories=t.categories, weights=t.weights, shares=shares,
            embedding_share=sum(sh for c, sh in zip(t.categories, shares, strict=True)
                                if "embedding" in c.lower()),
            matrices=sum(t.matrices), total=t.total, layers=t.layers, tied=t.tied,
            model_id=t.model_id)

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        cats = s.gpt3_categories
        title = scene_title("Counting parameters")
        ref_head, big, matrices, chips = self._scoreboard(s, title)
        with self.narrate("Time to add it all up. GPT-3 holds about "
                          f"{s.gpt3_total / 1e9:.0f} billion weights, and they sit in "
                          f"{grouped(s.gpt3_matrices)} separate matrices."):
            self.play(FadeIn(title), FadeIn(ref_head), FadeIn(big, shift=UP * 0.1), run_time=1.5)
            self.play(FadeIn(matrices), run_time=0.8)

        with self.narrate(f"Those matrices come in just {len(cats)} kinds: "
                          f"{', '.join(cats[:-1])} and {cats[-1]}. The {len(cats) - 2} in the "
                          "middle belong to the attention and MLP blocks.") as beat:
            self.play(LaggedStart(*[FadeIn(c, shift=UP * 0.15) for c in chips], lag_ratio=0.1),
                      run_time=1.8)
            self.wait_for_words(beat, f"The {len(cats) - 2}")
            # lit in place (grown, the chips would run into each other)
            self.play(light_in_turn(chips[1:-1], lag_ratio=0.1), run_time=2.4)

        # --- the two matrices of this chapter
        ours = VGroup(chips[0], chips[-1])
        others = VGroup(*chips[1:-1])
        sum_tex = self._embedding_sum(s).next_to(chips, DOWN, buff=0.6)
        with self.narrate("So far this chapter has met only the first kind and the last: the "
                          "embedding and unembedding matrices, "
                          f"{s.gpt3_w_e // 1_000_000} million weights each, about "
                          f"{s.gpt3_embed_both / 1e9:.1f} billion together.") as beat:
            self.play(others.animate.fade(0.7), run_time=0.8)
            self.wait_for_words(beat, "the first kind and the last")  # the two, as named
            self.play(*[c.animate.scale(1.1) for c in ours], run_time=0.8)
            self.wait_for_words(beat, "million weights each")  # W_E's and W_U's counts
            self.play(Write(sum_tex[:4]), run_time=1.2)
            self.wait_for_words(beat, "together")
            self.play(Write(sum_tex[4:]), run_time=1.0)

        # --- to scale: a sliver of 175B
        line_a = self._total_line(s, ref_head)
        ref_bar = self._gpt3_bar(s, y=1.35)
        with self.narrate(f"Drawn to scale, those {s.gpt3_embed_both / 1e9:.1f} billion are a "
                          f"thin sliver, about {share_text(s.gpt3_embed_share)} of the whole. "
                          f"Almost everything else sits inside the {s.gpt3_layers} layers of "
                          "attention and MLP blocks, the subject of the chapters ahead.") as beat:
            self.play(FadeOut(matrices), FadeOut(chips), FadeOut(sum_tex),
                      FadeOut(big, shift=UP * 0.2), run_time=0.6)  # no squeezed glyph morph
            self.play(FadeIn(line_a, shift=UP * 0.2), run_time=0.6)
            self.play(GrowFromEdge(ref_bar[0], LEFT), run_time=1.2)
            self.play(FadeIn(ref_bar[1:]), run_time=1.2)
            self.wait_for_words(beat, "Almost everything else")
            # the blocks light up as they are named: the rest of the bar, and its label
            self.play(ref_bar[0].animate.set_fill(opacity=BLOCKS_LIT),
                      light(ref_bar[3]),
                      run_time=1.5)

        # --- the live model's own tally
        head, total, segments, outline, legend, notes = self._live(s)
        badge = model_badge(s.model_id)
        with self.narrate("Now the small model we run live, counted straight from its "
                          f"checkpoint: about {s.total / 1e6:.1f} million weights in "
                          f"{s.layers} layers, split here by category."):
            self.play(FadeIn(head), Write(total), FadeIn(badge), run_time=1.0)
            self.play(Create(outline), LaggedStart(*[GrowFromEdge(g, LEFT) for g in segments],
                                                    lag_ratio=0.3), run_time=1.8)
            self.play(LaggedStart(*[FadeIn(r) for r in legend], lag_ratio=0.15),
                      *[FadeIn(n) for n in notes], run_time=1.2)

        shared = ", shared with the unembedding and counted once," if s.tied else ""
        with self.narrate(f"In our model the embedding matrix{shared} is "
                          f"{share_text(s.embedding_share)} of all its weights. In GPT-3 the "
                          "embedding and unembedding together are only "
                          f"{share_text(s.gpt3_embed_share)}: the bigger the model, the more "
                          "of it sits in the blocks.") as beat:
            embedding = [i for i, c in enumerate(s.categories) if "embedding" in c.lower()]
            self.play(*[light(segments[i]) for i in embedding], run_time=1.2)
            self.wait_for_words(beat, f"{share_text(s.embedding_share)} of all")  # its legend row
            self.play(*[light(legend[i]) for i in embedding], run_time=1.2)
            self.wait_for_words(beat, "In GPT-3")
            self.play(light(VGroup(ref_bar[1], ref_bar[4])), run_time=1.2)  # grown, it would pass 0
            self.wait_for_words(beat, "the more of it")
            # in place, within its 0..175B
            self.play(light(VGroup(ref_bar[0], ref_bar[3])), run_time=1.2)

    # ------------------------------------------------------------------ parts

    @staticmethod
    def _scoreboard(s: TallyFacts, title: VMobject) -> tuple[VMobject, MathTex, VMobject,
                                                             VGroup]:
        """GPT-3's heading under the title, its total, its matrix count and the category chips."""
        ref_head = label("GPT-3 (its published figures)", style.SMALL,
                         color=style.DATA).next_to(title, DOWN, buff=0.3).align_to(title, LEFT)
        big = MathTex(tex_grouped(s.gpt3_total), rf"\approx {s.gpt3_total / 1e9:.0f}"
                      r"\ \text{billion weights}", font_size=54).move_to([0, 1.2, 0])
        big[1].set_color(style.HIGHLIGHT)
        matrices = label(f"in {grouped(s.gpt3_matrices)} matrices (just under 28,000), "
                         f"{len(GPT3_CATEGORIES)} categories", style.SMALL)
        matrices.next_to(big, DOWN, buff=0.45)
        chips = VGroup(*[chip(n, c, style.BODY) for n, c in GPT3_CATEGORIES])
        half = len(chips) // 2  # two centred rows: body type, no shrinking
        VGroup(VGroup(*chips[:half]).arrange(RIGHT, buff=0.25),
               VGroup(*chips[half:]).arrange(RIGHT, buff=0.25)).arrange(DOWN, buff=0.2)
        fit_width(chips, config.frame_width - 2 * style.MARGIN).next_to(matrices, DOWN,
                                                                        buff=0.4)
        return ref_head, big, matrices, chips

    @staticmethod
    def _embedding_sum(s: TallyFacts) -> MathTex:
        """W_E + W_U = about 1.2B, the weights in colour."""
        sum_tex = MathTex(r"W_E", rf"\;{tex_grouped(s.gpt3_w_e)}", r"\;+\;W_U",
                          rf"\;{tex_grouped(s.gpt3_w_u)}",
                          rf"\;=\;{tex_grouped(s.gpt3_embed_both)}",
                          rf"\approx {tex_billions(s.gpt3_embed_both)}", font_size=40)
        for k in (0, 2):
            sum_tex[k].set_color(style.WEIGHT)
        sum_tex[5].set_color(style.HIGHLIGHT)
        return fit_width(sum_tex, 13.0)

    @staticmethod
    def _total_line(s: TallyFacts, ref_head: VMobject) -> MathTex:
        """GPT-3's total on one line beside its heading (the big number shrinks into it)."""
        line_a = MathTex(rf"{tex_grouped(s.gpt3_total)}\ \text{{weights}}\ \approx "
                         rf"{s.gpt3_total / 1e9:.0f}\text{{B}}", font_size=32)
        line_a.next_to(ref_head, RIGHT, buff=0.3)
        fit_width(line_a, 13.2 - ref_head.width - 0.3)
        return line_a.next_to(ref_head, RIGHT, buff=0.3)

    def _gpt3_bar(self, s: TallyFacts, y: float) -> VGroup:
        """175B as a bar; W_E + W_U as a highlighted sliver at its left end; ticks in billions."""
        left = -BAR_W / 2
        body = Rectangle(width=BAR_W, height=0.5, stroke_color=style.DATA, stroke_width=1,
                         fill_color=BLOCKS, fill_opacity=BLOCKS_DIM).move_to([0, y, 0])
        sliver_w = max(BAR_W * s.gpt3_embed_share, 0.03)
        sliver = Rectangle(width=sliver_w, height=0.5, stroke_width=0, fill_color=style.HIGHLIGHT,
                           fill_opacity=1).move_to([left + sliver_w / 2, y, 0])
        ticks = VGroup()
        total_b = s.gpt3_total / 1e9
        for b in (0, 50, 100, 150):
            x = left + BAR_W * b / total_b
            ticks.add(VGroup(Line([x, y - 0.25, 0], [x, y - 0.38, 0], color=style.DATA_DIM),
                             label(f"{b}B", style.SMALL, color=style.DATA).move_to(
                                 [x, y - 0.55, 0])))
        ticks.add(label(f"{total_b:.0f}B", style.SMALL, color=style.DATA).move_to(
            [left + BAR_W, y - 0.55, 0]))
        inside = label(f"attention + MLP blocks, {s.gpt3_layers} layers", style.SMALL,
                       color=style.TEXT).move_to(body).shift(RIGHT * 0.8)
        share = share_text(s.gpt3_embed_share).replace("%", r"\%")
        callout = MathTex(rf"W_E + W_U \approx {tex_billions(s.gpt3_embed_both)}\ ({share})",
                          font_size=36, color=style.HIGHLIGHT)
        callout.move_to([left + callout.width / 2 + 0.9, y + 0.75, 0])
        pointer = Arrow(callout.get_left() + LEFT * 0.1, sliver.get_top(), buff=0.05,
                        color=style.HIGHLIGHT, stroke_width=3,
                        max_tip_length_to_length_ratio=0.35)
        return VGroup(body, sliver, ticks, inside, callout, pointer)

    @staticmethod
    def _live(s: TallyFacts) -> tuple[VMobject, MathTex, VGroup, Rectangle, VGroup, VGroup]:
        """The live model's weights by category as a stacked bar (to its own scale) and legend.

        Returns the heading, the total, the bar's segments, its outline, the legend and notes.
        """
        head = label("our small GPT", style.SMALL, color=style.DATA).move_to([0, -0.35, 0])
        head.to_edge(LEFT, buff=0.4)
        total = MathTex(rf"{tex_grouped(s.total)}\ \text{{weights}},\ "
                        rf"{s.layers}\ \text{{layers}},\ "
                        rf"{s.matrices}\ \text{{matrices}}", font_size=32)
        total.next_to(head, RIGHT, buff=0.3)
        y = -1.05
        left = -BAR_W / 2
        segments = VGroup()
        x = left
        for w in s.weights:
            width = BAR_W * w / s.total
            segments.add(Rectangle(width=max(width, 0.001), height=0.5, stroke_width=0,
                                   fill_opacity=0.8).move_to([x + width / 2, y, 0]))
            x += width
        for seg, name in zip(segments, s.categories, strict=True):
            seg.set_fill(category_color(name), opacity=0.8)
        outline = Rectangle(width=BAR_W, height=0.5, stroke_color=style.DATA, stroke_width=1)
        outline.move_to([0, y, 0])
        legend = VGroup()
        for name, w, share in zip(s.categories, s.weights, s.shares, strict=True):
            swatch = Rectangle(width=0.22, height=0.22, stroke_width=0,
                               fill_color=category_color(name), fill_opacity=0.9)
            short = name.split(" (")[0]  # "(= unembedding, tied)": said by the note below
            words = label(f"{short}: {grouped(w)} ({share_text(share)})", style.SMALL)
            legend.add(VGroup(swatch, words).arrange(RIGHT, buff=0.12))
        cols = 2 if len(legend) > 3 else 1
        legend.arrange_in_grid(cols=cols, col_alignments="l" * cols, buff=(0.6, 0.18),
                               flow_order="dr")
        fit_width(legend, BAR_W).next_to(outline, DOWN, buff=0.35).align_to(outline, LEFT)
        tied = fit_width(label("the unembedding is the embedding matrix transposed (tied, as in "
                               "GPT-2): counted once" if s.tied
                               else "the unembedding is a separate matrix here: counted on its "
                               "own", style.SMALL, color=style.DATA), BAR_W)
        tied.next_to(legend, DOWN, buff=0.25).align_to(outline, LEFT)
        scales = stage_note("each bar is one whole model, each to its own scale")
        return head, total, segments, outline, legend, VGroup(tied, scales)


__all__ = ["ParameterTallyScene", "TallyFacts", "category_color", "chip", "share_text",
           "tex_billions"]
