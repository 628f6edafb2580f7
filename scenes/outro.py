"""The chapter's close: the foundations it laid, a preview of attention, and the credits.

The two "model" phrases are tokenized with GPT-2's real BPE and the shared starting vector of
" model" is the small GPT's real W_E column; the attention arrows are schematic.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    CurvedArrow,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    VGroup,
    Write,
)

from livenumbers import gpt, words
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    label,
    model_badge,
    number_column,
    stage_note,
    token_box,
)

# The chapter's example of a word whose meaning depends on its context.
PHRASES = ("a machine learning model", "a fashion model")
WORD = "model"
HEAD = 3  # entries of the shared starting vector shown
ROW_WIDTH = style.ROW_WIDTH
READ = 2.5  # seconds to read a beat before it pauses (the video's pacing)




def word_index(pieces: tuple[str, ...], word: str) -> int:
    """The last token whose text is ``word`` (leading space ignored); else the last token."""
    for k in range(len(pieces) - 1, -1, -1):
        if pieces[k].strip() == word:
            return k
    return len(pieces) - 1


def foundation(formula: MathTex, text: str) -> VGroup:
    """One recap item: a formula over a line of text."""
    return VGroup(formula, label(text, style.BODY)).arrange(DOWN, buff=0.3)


class UpNextScene(LectureSlide):
    """Recap of the foundations, 'up next: attention' with the two "model" phrases, credits."""

    def gather(self) -> dict:
        cfg = self.lecture
        spec = cfg.models.gpt
        rows = [bpe.tokenize(p) for p in PHRASES]
        cols = [gpt.embedding_columns(p, head=HEAD, spec=spec) for p in PHRASES]
        where = [word_index(t.pieces, WORD) for t in rows]
        tally = gpt.tally(spec)
        self.shown = {
            "phrases": PHRASES,
            "pieces": tuple(t.pieces for t in rows),
            "word_index": tuple(where),
            # the model's first vector for " model" in each phrase: plucked from W_E, so equal
            "start_vectors": tuple(c.columns[k] for c, k in zip(cols, where, strict=True)),
            "gpt_model_id": tally.model_id,
            "words_model_id": words.model_id_for(cfg.models.words),
        }
        return self.shown

    def construct(self) -> None:
        s = self.gather()

        # 1. the foundations this chapter laid
        head = label("The foundations from this chapter", style.HEADING).move_to(UP * 3.3)
        matvec = MathTex("W", r"\vec{x}", font_size=52)
        matvec[0].set_color(style.WEIGHT)
        matvec[1].set_color(style.DATA)
        items = VGroup(
            foundation(MathTex(r"\text{token} \;\to\; \vec{E}", font_size=48),
                       "word embeddings: meaning as directions"),
            foundation(MathTex(r"\vec{a}\cdot\vec{b} = \textstyle\sum_i a_i b_i", font_size=48),
                       "dot products measure similarity"),
            foundation(MathTex(r"p_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}", font_size=48),
                       "softmax: logits to probabilities"),
            foundation(matvec, "matrix \u00d7 vector, everywhere"),
        )
        items.arrange_in_grid(rows=2, cols=2, buff=(1.2, 1.1)).move_to(DOWN * 0.3)
        fit_width(items)
        self.play(FadeIn(head), run_time=0.6)
        self.play(LaggedStart(*[FadeIn(m, shift=UP * 0.2) for m in items], lag_ratio=0.3),
                  run_time=2.0)
        self.wait(READ)
        self.beat("This chapter laid foundations, Karate Kid wax-on wax-off style: word "
                  "embeddings, dot products as a measure of similarity, softmax, and the premise "
                  "that most of the computation is matrix multiplication with tunable weights.")

        # 2. up next: attention, with the chapter's "model" example
        head2 = label("Up next: attention", style.TITLE, color=style.HIGHLIGHT)
        head2.move_to(UP * 3.2)
        colors = style.TOKEN_COLORS
        palette: dict[str, str] = {}  # the same token gets the same colour in both rows
        rows = VGroup()
        for pieces in s["pieces"]:
            for p in pieces:
                palette.setdefault(p, colors[len(palette) % len(colors)])
            row = VGroup(*[token_box(p, palette[p], style.BODY) for p in pieces])
            rows.add(row.arrange(RIGHT, buff=0.15))
        rows.arrange(DOWN, buff=1.1, aligned_edge=RIGHT).move_to(LEFT * 1.6 + UP * 0.9)
        fit_width(rows, 9.0)
        targets = [row[k] for row, k in zip(rows, s["word_index"], strict=True)]
        rings = VGroup(*[highlight_box(t) for t in targets])
        arrows = VGroup()
        for row, k in zip(rows, s["word_index"], strict=True):
            for i in range(1, k):  # context words (not the article) tug on "model"
                arrows.add(CurvedArrow(row[i].get_top() + UP * 0.05,
                                       row[k].get_top() + UP * 0.05 + LEFT * 0.15,
                                       angle=-1.2, color=style.HIGHLIGHT, stroke_width=2.5,
                                       tip_length=0.15))
        vec = number_column(s["start_vectors"][0], fmt="{:+.3f}")
        vec.move_to(RIGHT * 4.6 + UP * 0.9)
        vec_label = VGroup(label("the same starting vector", style.TINY, color=style.DATA),
                           label("(its column of W_E) in both", style.TINY, color=style.DATA))
        vec_label.arrange(DOWN, buff=0.08)
        vec_label.next_to(vec, DOWN, buff=0.2)
        links = VGroup(*[
            CurvedArrow(t.get_right() + RIGHT * 0.08, vec.get_left() + LEFT * 0.08,
                        angle=0.3 if n == 0 else -0.3, color=style.DATA, stroke_width=2,
                        tip_length=0.15)
            for n, t in enumerate(targets)])
        meaning = label("attention lets the context tug each vector toward its meaning",
                        style.SMALL)
        meaning.move_to(DOWN * 1.35)
        note = stage_note("attention arrows are schematic")
        badge = model_badge(s["gpt_model_id"])
        self.play(FadeOut(items), ReplacementTransform(head, head2), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(row, shift=DOWN * 0.2) for row in rows],
                              lag_ratio=0.4), run_time=1.2)
        self.play(FadeIn(rings), FadeIn(vec), FadeIn(vec_label), FadeIn(badge),
                  LaggedStart(*[FadeIn(a) for a in links]), run_time=1.0)
        self.wait(READ)
        self.beat("The word model starts from the same vector in 'a machine learning model' "
                  "and 'a fashion model': it is plucked straight out of the embedding matrix.")
        self.play(LaggedStart(*[FadeIn(a) for a in arrows], lag_ratio=0.2), FadeIn(meaning),
                  FadeIn(note), run_time=1.2)
        self.wait(READ)
        self.beat("Attention, the heart of the transformer and the subject of the next chapter, "
                  "is what lets the surrounding words update that vector so that it means the "
                  "right thing in context.")

        # 3. credits
        credits = VGroup(
            label("Based on 3Blue1Brown, \u201cTransformers, the tech behind LLMs\u201d "
                  "(Deep Learning, chapter 5)", style.SMALL),
            label("Every number computed live from:", style.TINY, color=style.DATA),
            label(f"GPT  {s['gpt_model_id']}", style.TINY, color=style.DATA, mono=True),
            label(f"word vectors  {s['words_model_id']}", style.TINY, color=style.DATA,
                  mono=True),
            label("Animated with Manim Community", style.TINY, color=style.DATA),
        ).arrange(DOWN, buff=0.14)
        fit_width(credits).move_to(DOWN * 2.85)
        self.play(FadeOut(meaning), FadeOut(note), FadeOut(badge), Write(credits[0]),
                  FadeIn(credits[1:]), run_time=1.4)
        self.wait(READ)
        self.beat("For that, come join me in the next chapter.")
