"""The chapter's close: the foundations it laid, a preview of attention, and the credits.

The two "model" phrases are tokenized with GPT-2's real BPE and the shared starting vector of
" model" is the small GPT's real W_E column; the attention arrows are schematic. The credits
name the exact models (with their fingerprints) every number in the film came from.
    manim -pqh scenes/outro.py UpNextScene
"""

from __future__ import annotations

from dataclasses import dataclass

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
    ShowPassingFlash,
    VGroup,
    Write,
)

from livenumbers import gpt, words
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    inside_right_margin,
    label,
    model_badge,
    number_column,
    retitle,
    scene_title,
    stage_note,
    token_box,
)

__all__ = ["UpNextScene", "UpNextFacts", "word_index"]

# The chapter's example of a word whose meaning depends on its context.
PHRASES = ("a machine learning model", "a fashion model")
MEANINGS = ("a trained predictor", "a person on a runway")  # what the word means in each
WORD = "model"
HEAD = 3  # entries of the shared starting vector shown
ROW_WIDTH = style.ROW_WIDTH


def word_index(pieces: tuple[str, ...], word: str) -> int:
    """The last token whose text is ``word`` (leading space ignored); else the last token."""
    for k in range(len(pieces) - 1, -1, -1):
        if pieces[k].strip() == word:
            return k
    return len(pieces) - 1


def foundation(formula: MathTex, text: str) -> VGroup:
    """One recap item: a formula over a line of text."""
    return VGroup(formula, label(text, style.BODY)).arrange(DOWN, buff=0.3)


@dataclass(frozen=True)
class UpNextFacts:
    """What UpNextScene shows: the two phrases' tokens, the shared starting vector of the word
    in both, and the full ids of the models (for the credits)."""

    phrases: tuple[str, ...]
    pieces: tuple[tuple[str, ...], ...]
    word_index: tuple[int, ...]
    # the model's first vector for " model" in each phrase: plucked from W_E, so equal
    start_vectors: tuple[tuple[float, ...], ...]
    gpt_model_id: str
    words_model_id: str


def foundations() -> VGroup:
    """Layout: the chapter's four foundations, a formula over a line each, in a 2 x 2 grid."""
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
    return fit_width(items)


def credits(f: UpNextFacts) -> VGroup:
    """Layout: the source chapter, the exact model ids, the tools."""
    lines = VGroup(
        label("Based on 3Blue1Brown, \u201cTransformers, the tech behind LLMs\u201d "
              "(Deep Learning, chapter 5)", style.SMALL),
        label("Numbers about models computed, as the video was made, from:", style.SMALL,
              color=style.DATA),
        label(f"GPT  {f.gpt_model_id}", style.SMALL, color=style.DATA, mono=True),
        label(f"word vectors  {f.words_model_id}", style.SMALL, color=style.DATA, mono=True),
        label("Picture and sound made for this film (CC0) \u00b7 animated with Manim Community",
              style.SMALL, color=style.DATA),
    ).arrange(DOWN, buff=0.12)
    return fit_width(lines).move_to(DOWN * 2.7)


class UpNextScene(LectureSlide):
    """Recap of the foundations, 'up next: attention' with the two "model" phrases, credits."""

    def gather(self) -> UpNextFacts:
        """The phrases' tokens, the word's W_E column in each, and the models' full ids."""
        cfg = self.lecture
        spec = cfg.models.gpt
        rows = [bpe.tokenize(p) for p in PHRASES]
        cols = [gpt.embedding_columns(p, head=HEAD, spec=spec) for p in PHRASES]
        where = tuple(word_index(t.pieces, WORD) for t in rows)
        self.shown = UpNextFacts(
            phrases=PHRASES, pieces=tuple(t.pieces for t in rows), word_index=where,
            start_vectors=tuple(c.columns[k] for c, k in zip(cols, where, strict=True)),
            gpt_model_id=gpt.tally(spec).model_id,
            words_model_id=words.model_id_for(cfg.models.words))
        return self.shown

    def construct(self) -> None:
        f = self.gather()

        head = scene_title("The foundations from this chapter")
        items = foundations()
        with self.narrate("That was the groundwork: word embeddings, dot products as a gauge "
                          "of how alike two vectors are, and softmax. Add the habit of seeing "
                          "nearly every step as learned weights times a vector.") as beat:
            self.play(FadeIn(head), run_time=0.6)
            # each foundation arrives as it is named
            for item, phrase in zip(items, ("word embeddings", "dot products", "and softmax",
                                            "learned weights"), strict=True):
                self.wait_for_words(beat, phrase)
                self.play(FadeIn(item, shift=UP * 0.2), run_time=0.8)

        head2 = scene_title("Up next: attention")
        rows, targets = self._phrase_rows(f)
        rings = VGroup(*[highlight_box(t) for t in targets])
        vec, vec_label, links = self._shared_vector(f, targets)
        badge = model_badge(f.gpt_model_id)
        with self.narrate(f"Take the word {WORD} in two phrases. At the start both copies "
                          "get exactly the same vector, taken straight from their column of "
                          "the embedding matrix: nothing about their neighbours yet.") as beat:
            self.play(FadeOut(items), retitle(head, head2), run_time=0.8)
            self.play(LaggedStart(*[FadeIn(row, shift=DOWN * 0.2) for row in rows],
                                  lag_ratio=0.4), run_time=1.2)
            self.wait_for_words(beat, "both copies")
            self.play(FadeIn(rings), run_time=0.8)
            self.wait_for_words(beat, "the same vector")
            self.play(FadeIn(vec), FadeIn(vec_label), FadeIn(badge),
                      LaggedStart(*[FadeIn(a) for a in links]), run_time=1.0)
            self.wait_for_words(beat, "nothing about their neighbours")
            self.play(light(VGroup(*[VGroup(*[b for b in row if all(b is not t for t in targets)])
                                     for row in rows])), run_time=1.0)

        arrows = self._context_arrows(f, rows)
        meaning = label("attention lets the context tug each vector toward its meaning",
                        style.SMALL).move_to(DOWN * 1.35)
        note = stage_note("attention arrows are schematic")
        senses = VGroup(*[  # one line each, so both parts share a baseline
            label(f"in \u201c{phrase}\u201d: {sense}", style.SMALL,
                  t2c={f"in \u201c{phrase}\u201d:": style.DATA})
            for phrase, sense in zip(PHRASES, MEANINGS, strict=True)])
        senses.arrange(DOWN, buff=0.25, aligned_edge=LEFT).next_to(meaning, DOWN, buff=0.45)
        with self.narrate("Attention, which chapter six takes apart, lets the surrounding "
                          "words pull each copy toward its meaning in that phrase. In one it "
                          f"is {MEANINGS[0]}, in the other {MEANINGS[1]}.",
                          min_hold=2.5) as beat:  # time to read the second meaning
            self.play(LaggedStart(*[FadeIn(a) for a in arrows], lag_ratio=0.2),
                      FadeIn(meaning), FadeIn(note), run_time=1.2)
            self.wait_for_words(beat, "pull each copy")  # the pull runs along every arrow
            self.play(self._pull(arrows), run_time=1.5)
            for sense, words in zip(senses, MEANINGS, strict=True):
                self.wait_for_words(beat, words)
                self.play(FadeIn(sense, shift=RIGHT * 0.1), run_time=0.6)

        roll = credits(f)
        with self.narrate("This film retells a chapter by 3Blue1Brown, with every number "
                          "recomputed from the models listed here. Join us in the next chapter, "
                          "where attention takes centre stage.") as beat:
            self.play(FadeOut(meaning), FadeOut(senses), FadeOut(note), FadeOut(badge),
                      run_time=0.6)  # the credits do not write over them
            self.play(Write(roll[0]), run_time=1.2)
            self.wait_for_words(beat, "with every number")  # the models, as they are named
            self.play(FadeIn(roll[1:4], shift=UP * 0.1), run_time=1.0)
            self.play(light_in_turn(roll[2:4], lag_ratio=0.5),
                      run_time=self.seconds_until(beat, "listed here.", least=1.2))
            self.play(FadeIn(roll[4]), run_time=0.6)
            self.wait_for_words(beat, "where attention")  # the pull once more, on both rows
            self.play(self._pull(arrows), run_time=1.5)

    @staticmethod
    def _pull(arrows: VGroup) -> LaggedStart:
        """Attention's pull: a bright flash runs along each context arrow in turn."""
        return LaggedStart(*[ShowPassingFlash(a.copy().set_stroke(style.TEXT, width=6),
                                              time_width=0.6) for a in arrows], lag_ratio=0.15)

    def _phrase_rows(self, f: UpNextFacts) -> tuple[VGroup, list]:
        """Layout: each phrase as token boxes (same token, same colour), right-aligned."""
        colors = style.TOKEN_COLORS
        palette: dict[str, str] = {}  # the same token gets the same colour in both rows
        rows = VGroup()
        for pieces in f.pieces:
            for p in pieces:
                palette.setdefault(p, colors[len(palette) % len(colors)])
            row = VGroup(*[token_box(p, palette[p], style.BODY) for p in pieces])
            rows.add(row.arrange(RIGHT, buff=0.15))
        rows.arrange(DOWN, buff=1.1, aligned_edge=RIGHT).move_to(LEFT * 1.6 + UP * 0.9)
        fit_width(rows, 9.0)
        return rows, [row[k] for row, k in zip(rows, f.word_index, strict=True)]

    def _shared_vector(self, f: UpNextFacts, targets: list) -> tuple[VGroup, VGroup, VGroup]:
        """Layout: the shared starting vector on the right, linked to the word in each row."""
        vec = number_column(f.start_vectors[0], fmt="{:+.3f}")
        vec.move_to(RIGHT * 4.6 + UP * 0.9)
        vec_label = VGroup(label("the same starting vector", style.BODY, color=style.DATA),
                           label("(its embedding column) in both", style.BODY,
                                 color=style.DATA))
        fit_width(vec_label.arrange(DOWN, buff=0.08), 4.4).next_to(vec, DOWN, buff=0.2)
        inside_right_margin(vec_label)
        links = VGroup(*[
            CurvedArrow(t.get_right() + RIGHT * 0.08, vec.get_left() + LEFT * 0.08,
                        angle=0.3 if n == 0 else -0.3, color=style.DATA, stroke_width=2,
                        tip_length=0.15)
            for n, t in enumerate(targets)])
        return vec, vec_label, links

    def _context_arrows(self, f: UpNextFacts, rows: VGroup) -> VGroup:
        """Schematic arrows from each context word (not the article) to the word."""
        arrows = VGroup()
        for row, k in zip(rows, f.word_index, strict=True):
            for i in range(1, k):
                arrows.add(CurvedArrow(row[i].get_top() + UP * 0.05,
                                       row[k].get_top() + UP * 0.05 + LEFT * 0.15,
                                       angle=-1.2, color=style.HIGHLIGHT, stroke_width=2.5,
                                       tip_length=0.15))
        return arrows
