"""The chapter's opening: the title, the data flow through a transformer, the premise of deep
learning (weights vs data; almost everything is a matrix times a vector).

Every number on screen comes from livenumbers: the prompt's GPT-2 tokens, the small GPT's W_E
columns, W_U rows, last hidden vector, logits, next-token probabilities, layer and weight
counts, and GPT-3's reference figures quoted by the chapter. The attention/MLP drawings are
schematic. Each scene is told as narrated beats (scenes/common/slide.py):
    manim -pqh scenes/intro.py DataFlowScene
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DEFAULT_FONT_SIZE,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    AnimationGroup,
    ArcBetweenPoints,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    Line,
    ManimColor,
    MathTex,
    Matrix,
    Mobject,
    MobjectMatrix,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    ShowPassingFlash,
    Square,
    Succession,
    Transform,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    Write,
    config,
    interpolate_color,
)

from livenumbers import gpt, words
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.glyph_number import GlyphNumber
from scenes.common.motion import Opacity, light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    label,
    model_badge,
    number_column,
    prob_bars,
    retitle,
    short_name,
    show_piece,
    stage_note,
    token_box,
)
from scenes.tokens import token_palette

__all__ = ["TitleScene", "DataFlowScene", "WeightsVsDataScene", "TitleFacts", "DataFlowFacts",
           "WeightsFacts"]

MAX_TOKENS = 10  # the most token boxes (each with its vector) that fit across the frame
HEAD = 4  # entries of each vector shown before the ellipsis
ROW_WIDTH = style.ROW_WIDTH
MAX_CHIP_LAYERS = 4  # layers drawn in the "repeat" strip before an ellipsis
FORMULA_BIG = 64  # the line-fit formula's size beside the plot (MathTex's default is 48)
CHAPTER = 5  # of 3Blue1Brown's deep learning series
# Where transformers came from and what they are used for (the chapter's opening, as labels).
PAPER_YEAR = 2017
PAPER_TITLE = "Attention Is All You Need"
PAPER_AUTHORS = "Google"
USES = (("speech \u2192 text", "transcripts"), ("text \u2192 speech", "synthetic voices"),
        ("text \u2192 image", "DALL\u00b7E, Midjourney"), ("text \u2192 text", "translation"))

# ---------------------------------------------------------------- small layout helpers


def grouped(n: int) -> str:
    """An integer with thousands separators: 50257 -> '50,257'."""
    return f"{n:,}"


def millions(n: int) -> str:
    """A count said in millions: 7259008 -> '7.3 million'."""
    return f"{n / 1e6:.1f} million"


def billions(n: int) -> str:
    """A count said in billions: 175181291520 -> '175 billion'."""
    return f"{n / 1e9:.0f} billion"


def entry(v: float) -> str:
    """A weight or activation at a fixed width, sign always shown (works for 0.003 and 12.5)."""
    return f"{v:+.3f}" if abs(v) < 10 else f"{v:+.1f}"



def heading(text: str) -> Mobject:
    """The stage heading: the film's one heading style, top left (as scene_title)."""
    return fit_width(label(text, style.HEADING)).to_corner(UL, buff=style.MARGIN)


def caption(text: str, y: float, size: int = style.SMALL, color: str = style.TEXT) -> Mobject:
    """A centred line of explanation at height ``y``."""
    cap = label(text, size, color=color)
    fit_width(cap)
    return cap.move_to(UP * y)


def weight_block(width: float, height: float) -> Rectangle:
    """A weight matrix drawn as a blue block (weights are blue/red in this film)."""
    return Rectangle(width=width, height=height, stroke_color=style.WEIGHT, stroke_width=2,
                     fill_color=style.WEIGHT, fill_opacity=0.18)


def vector_glyph(values: Sequence[float], scale: float, cell: float = 0.3) -> VGroup:
    """A vector as a column of gray cells whose shade follows |value| (data is gray)."""
    cells = VGroup(*[
        Square(cell, stroke_color=style.DATA, stroke_width=1.5, fill_color=style.DATA,
               fill_opacity=0.15 + 0.8 * min(1.0, abs(v) / scale)) for v in values
    ])
    return cells.arrange(DOWN, buff=0.04)


def legend_entry(colors: Sequence[str], name: str, text: str) -> VGroup:
    """Colour swatches, a name in the first colour and a line of explanation below."""
    swatches = VGroup(*[Square(0.28, stroke_width=0, fill_color=c, fill_opacity=0.9)
                        for c in colors]).arrange(RIGHT, buff=0.08)
    title = label(name, style.BODY, color=colors[0])
    top = VGroup(swatches, title).arrange(RIGHT, buff=0.2)
    return VGroup(top, label(text, style.SMALL)).arrange(DOWN, buff=0.12, aligned_edge=LEFT)


def signed_color(v: float) -> str:
    """Blue for a positive weight, red for a negative one."""
    return style.WEIGHT_POS if v >= 0 else style.WEIGHT_NEG


def attention_arcs(glyphs: VGroup, max_depth: float = 0.85) -> VGroup:
    """Arcs below the glyphs joining every pair (schematic: vectors talk to each other)."""
    arcs = VGroup()
    n = len(glyphs)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = glyphs[i].get_bottom(), glyphs[j].get_bottom()
            chord = float(np.linalg.norm(b - a))
            depth = min(0.12 + 0.09 * chord, max_depth)
            angle = 4 * math.atan(2 * depth / chord)
            arcs.add(ArcBetweenPoints(a + DOWN * 0.08, b + DOWN * 0.08, angle=angle))
    arcs.set_stroke(style.HIGHLIGHT, 1.3, opacity=0.5)
    return arcs


def tinted(color: str, amount: float) -> ManimColor:
    """Data gray taking on ``amount`` of a token's colour (what attention carries over)."""
    return interpolate_color(ManimColor(style.DATA), ManimColor(color), amount)


def carry_colour(arc: Mobject, source: str, target: VGroup, shades: Sequence[float],
                 tint: float = 0.4) -> Succession:
    """A dot of the source token's colour travels along ``arc``; the target vector's cells
    flash a tint of that colour as it arrives, then settle back to data gray at new shades
    (the vector has new values; data stays gray)."""
    halo, core = Dot(radius=0.13, color=source), Dot(radius=0.06, color=source)
    dot = VGroup(halo, core).move_to(arc.get_start()).set_opacity(0)

    def ride(m: VGroup, alpha: float) -> None:  # along the arc, fading in as it sets off
        m.move_to(arc.point_from_proportion(alpha))
        k = min(1.0, alpha * 6)
        halo.set_fill(opacity=0.3 * k)
        core.set_fill(opacity=k)

    flash = arc.copy().set_stroke(source, 3.5, opacity=1.0)
    return Succession(
        AnimationGroup(UpdateFromAlphaFunc(dot, ride), ShowPassingFlash(flash, time_width=0.5)),
        AnimationGroup(FadeOut(dot, scale=0.4),
                       *[c.animate.set_fill(tinted(source, tint), opacity=o)
                         .set_stroke(tinted(source, tint * 0.7))
                         for c, o in zip(target, shades, strict=True)], run_time=0.45),
        AnimationGroup(*[c.animate.set_fill(style.DATA).set_stroke(style.DATA)
                         for c in target], run_time=0.35))


def process_in_place(glyphs: VGroup, slots: VGroup, shades: np.ndarray,
                     **kwargs) -> UpdateFromAlphaFunc:
    """Each vector, inside its own MLP slot, turns to its new shades while the slot glows:
    the same computation on every vector at once, nothing moving between them."""
    olds = [[float(c.get_fill_opacity()) for c in g] for g in glyphs]

    def update(group: VGroup, alpha: float) -> None:
        glow = math.sin(math.pi * alpha)
        for g, slot, old, new in zip(glyphs, slots, olds, shades, strict=True):
            for k, (c, o, n) in enumerate(zip(g, old, new, strict=True)):
                f = float(np.clip(alpha * 1.6 - 0.15 * k, 0.0, 1.0))  # top cell first
                c.set_fill(opacity=o + (n - o) * f)
            slot.set_stroke(interpolate_color(ManimColor(style.WEIGHT),
                                              ManimColor(style.HIGHLIGHT), 0.8 * glow))
            slot.set_fill(opacity=0.12 + 0.25 * glow)

    return UpdateFromAlphaFunc(VGroup(glyphs, slots), update, **kwargs)


def chip(text: str, width: float, height: float = 0.75, size: int = style.SMALL,
         color: str = style.WEIGHT, fill: float = 0.12) -> VGroup:
    """A rounded box with a centred label (a matrix category, a layer, a use)."""
    box = RoundedRectangle(corner_radius=0.1, width=width, height=height, stroke_color=color,
                           stroke_width=2, fill_color=color, fill_opacity=fill)
    return VGroup(box, label(text, size).move_to(box))


def layer_strip(layers: int) -> VGroup:
    """Alternating Attention / MLP chips for each layer (an ellipsis past MAX_CHIP_LAYERS)."""
    parts = VGroup()
    shown = min(layers, MAX_CHIP_LAYERS)
    for _ in range(shown):
        for name in ("Attention", "MLP"):
            c = chip(name, 1.0, 0.5, style.SMALL, fill=0.06)
            c[0].stretch_to_fit_width(c[1].width + 0.25)
            parts.add(c)
    if layers > shown:
        parts.add(label("\u22ef", style.SMALL))
    parts.arrange(RIGHT, buff=0.12)
    return parts


# ---------------------------------------------------------------- the title


@dataclass(frozen=True)
class TitleFacts:
    """What TitleScene shows: the prompt it narrows to and the two models, named plainly."""

    prompt: str
    vocab: int  # the tokens a next-token prediction chooses among
    gpt_name: str  # the GPT's name without its fingerprint (the credits give the full id)
    gpt_shipped: bool  # the project's own small GPT, trained on a CPU
    gpt_weights: int
    gpt_layers: int
    words_name: str  # the word vectors' name without their version


@dataclass
class Opener:
    """Layout: the transformer as a closed box, the box opened on its layers, and a caption."""

    frame: RoundedRectangle  # the closed box's outline
    name: Mobject  # "transformer", centred in the closed box
    opened: RoundedRectangle  # the outline once opened (the closed one becomes it)
    name_top: np.ndarray  # where the name goes once opened: above the layers
    layers: VGroup  # the Attention / MLP chips inside
    caption: Mobject


def transformer_opener(layers: int) -> Opener:
    """Layout: "open up the transformer": a blue box that widens to show its layer chips."""
    strip = layer_strip(layers)
    name = label("transformer", style.BODY)
    opened = RoundedRectangle(corner_radius=0.15, width=strip.width + 0.6,
                              height=strip.height + name.height + 0.85,
                              stroke_color=style.WEIGHT, stroke_width=2.5,
                              fill_color=style.WEIGHT, fill_opacity=0.06).move_to(DOWN * 0.6)
    frame = RoundedRectangle(corner_radius=0.15, width=name.width + 1.0, height=1.0,
                             stroke_color=style.WEIGHT, stroke_width=2.5,
                             fill_color=style.WEIGHT, fill_opacity=0.12).move_to(opened)
    name.move_to(frame)
    strip.move_to(opened).align_to(opened, DOWN).shift(UP * 0.3)
    name_top = name.copy().next_to(strip, UP, buff=0.25).get_center()
    caption = label("the design inside today's large language models", style.SMALL,
                    color=style.DATA).next_to(opened, DOWN, buff=0.3)
    return Opener(frame, name, opened, name_top, strip, caption)


def gpt_letters() -> tuple[VGroup, VGroup, VGroup, VGroup]:
    """Layout: G · P · T, each letter over its word and a short gloss."""
    meanings = ("Generative", "Pretrained", "Transformer")
    letters = VGroup(*[label(w[0], style.TITLE) for w in meanings])
    for k, letter in enumerate(letters):
        letter.move_to(RIGHT * 4.4 * (k - 1) + UP * 0.55)
    dots = VGroup(*[label("\u00b7", style.TITLE, color=style.DATA) for _ in range(2)])
    for k, dot in enumerate(dots):
        dot.move_to((letters[k].get_center() + letters[k + 1].get_center()) / 2)
    full = VGroup(*[label(w, style.HEADING) for w in meanings])
    for word, letter in zip(full, letters, strict=True):
        word.next_to(letter, DOWN, buff=0.3)
    notes = ("makes new text", "learned from massive data", "a kind of neural network")
    gloss = VGroup(*[label(n, style.SMALL, color=style.DATA) for n in notes])
    for g, word in zip(gloss, full, strict=True):
        g.next_to(word, DOWN, buff=0.15)
    return letters, dots, full, gloss


def use_chips() -> tuple[Mobject, VGroup]:
    """Layout: a heading over four uses of transformers (input -> output, an example)."""
    head = label("One design, many uses", style.HEADING).move_to(UP * 0.95)
    chips = VGroup()
    for what, example in USES:
        c = chip(what, 2.95, 1.15, style.BODY, color=style.DATA_DIM, fill=0.15)
        arrow = c[1][what.replace(" ", "").index("\u2192")]  # glyphs skip spaces
        c[1].shift(UP * (c[0].get_y() + 0.17 - arrow.get_y()))  # one baseline for all
        note = label(example, style.TINY, color=style.DATA)  # tops line up: all ascend
        c.add(note.move_to(c[0]).align_to(c[0].get_center() + DOWN * 0.17, UP))
        chips.add(c)
    chips.arrange(RIGHT, buff=0.3).next_to(head, DOWN, buff=0.45)
    fit_width(chips)
    return head, chips


def paper_line(below: Mobject) -> VGroup:
    """Layout: the 2017 paper that introduced the transformer, for translation."""
    line = VGroup(label(f"{PAPER_YEAR} \u00b7 {PAPER_AUTHORS} \u00b7 \u201c{PAPER_TITLE}\u201d",
                        style.BODY, color=style.HIGHLIGHT),
                  label("the original transformer was built to translate between languages",
                        style.SMALL, color=style.TEXT)).arrange(DOWN, buff=0.15)
    return fit_width(line).next_to(below, DOWN, buff=0.5)


def next_token_row(f: TitleFacts) -> VGroup:
    """Layout: 'this chapter: next-token prediction' over prompt -> a probability per token."""
    head = label("This chapter: next-token prediction", style.HEADING)
    prompt = label(f"\u201c{f.prompt}\u201d", style.BODY)
    arrow = Arrow(LEFT, RIGHT, buff=0, stroke_width=3, color=style.DATA)
    out = VGroup(label("what comes next?", style.BODY, color=style.PROB),
                 label(f"a probability for each of {grouped(f.vocab)} tokens", style.SMALL,
                       color=style.DATA)).arrange(DOWN, buff=0.12)
    row = fit_width(VGroup(prompt, arrow, out).arrange(RIGHT, buff=0.35))
    return VGroup(head, row).arrange(DOWN, buff=0.5).move_to(UP * 0.35)


def models_block(f: TitleFacts) -> VGroup:
    """Layout: the two models every number comes from, named plainly (ids are in the credits)."""
    if f.gpt_shipped:
        gpt_line = (f"a small GPT of our own: {grouped(f.gpt_weights)} weights, "
                    f"{f.gpt_layers} layers, GPT-2's design and tokenizer")
    else:
        gpt_line = f"GPT {f.gpt_name}: {grouped(f.gpt_weights)} weights, {f.gpt_layers} layers"
    glove = re.fullmatch(r"glove-wiki-gigaword-(\d+)", f.words_name)
    words_line = (f"GloVe word vectors: {glove[1]} dimensions, learned from Wikipedia and news "
                  "text" if glove else f"word vectors: {f.words_name}")
    block = VGroup(
        label("Every number about a model is computed, as the video is made, from these two:",
              style.SMALL),
        label(gpt_line, style.SMALL, color=style.DATA),
        label(words_line, style.SMALL, color=style.DATA),
    ).arrange(DOWN, buff=0.15)
    others = label("not from these: hand-made examples and GPT-3's published figures, each "
                   "labelled as such", style.SMALL, color=style.NOTE, slant="ITALIC")
    return fit_width(VGroup(block, others).arrange(DOWN, buff=0.3)).move_to(DOWN * 2.65)


class TitleScene(LectureSlide):
    """Title, G·P·T unpacked, what transformers do, next-token prediction, the live models."""

    def gather(self) -> TitleFacts:
        """The prompt, the vocabulary and the two models' plain names and sizes."""
        cfg = self.lecture
        tally = gpt.tally(cfg.models.gpt)
        self.shown = TitleFacts(
            prompt=cfg.generation.prompt, vocab=tally.vocab_size,
            gpt_name=short_name(tally.model_id),
            gpt_shipped=tally.model_id.startswith("small-gpt@"),
            gpt_weights=tally.total, gpt_layers=tally.layers,
            words_name=short_name(words.model_id_for(cfg.models.words)))
        return self.shown

    def construct(self) -> None:
        f = self.gather()
        title = fit_width(label("Transformers, the tech behind LLMs", style.TITLE))
        title.move_to(UP * 2.7)
        sub = label(f"Deep Learning, chapter {CHAPTER}", style.BODY, color=style.DATA)
        sub.next_to(title, DOWN, buff=0.25)
        box = transformer_opener(f.gpt_layers)
        with self.narrate(f"Welcome to chapter {CHAPTER} of the deep learning series. This "
                          "time we "
                          "open up the transformer, the design behind today's large language "
                          "models.") as beat:
            self.play(Write(title), FadeIn(sub, shift=UP * 0.2), run_time=1.5)
            self.play(FadeIn(VGroup(box.frame, box.name), scale=0.9), run_time=0.8)
            self.wait_for_words(beat, "open up")
            # "open up the transformer": the box widens and shows its layers
            self.play(Transform(box.frame, box.opened), box.name.animate.move_to(box.name_top),
                      run_time=1.0)
            self.play(LaggedStart(*[FadeIn(m, shift=UP * 0.1) for m in box.layers],
                                  lag_ratio=0.08), run_time=1.0)
            self.wait_for_words(beat, "the design behind")
            self.play(FadeIn(box.caption, shift=UP * 0.1), run_time=0.6)

        letters, dots, full, gloss = gpt_letters()
        with self.narrate("The letters G P T name three ideas. Generative means the model "
                          "writes new text. Pretrained means it first learned from an enormous "
                          "amount of text, and can be trained further for a particular "
                          "job.") as beat:
            self.play(FadeOut(VGroup(box.frame, box.name, box.layers, box.caption),
                              shift=UP * 0.2), run_time=0.5)
            self.play(LaggedStart(*[FadeIn(m, scale=1.3) for m in letters], lag_ratio=0.25),
                      FadeIn(dots), run_time=1.0)
            for k, phrase in enumerate(("Generative means", "Pretrained means")):
                self.wait_for_words(beat, phrase)  # each word and its gloss as it is said
                self.play(FadeIn(full[k], shift=DOWN * 0.2), FadeIn(gloss[k]),
                          light(letters[k], scale=1.2), run_time=1.0)
            self.wait_for_words(beat, "trained further")
            self.play(light(gloss[1]), run_time=1.0)

        key = VGroup(letters[2], full[2], gloss[2])
        with self.narrate("The third letter matters most. Transformer is the name of a neural "
                          "network design, and most of the recent leaps in AI are built on "
                          "it.") as beat:
            self.play(light(letters[2], scale=1.2), run_time=0.8)
            self.wait_for_words(beat, "Transformer is the name")
            self.play(FadeIn(full[2], shift=DOWN * 0.2), run_time=0.8)
            self.wait_for_words(beat, "neural network design")
            self.play(FadeIn(gloss[2]), run_time=0.6)
            self.wait_for_words(beat, "recent leaps")
            self.play(light(VGroup(letters[2], full[2]), scale=1.2), run_time=0.8)
            self.play(key.animate.set_color(style.HIGHLIGHT), run_time=0.4)

        uses_head, chips = use_chips()
        paper = paper_line(chips)  # laid out on the whole row, before the first three move
        ring = highlight_box(chips[3])
        with self.narrate("Transformers are not only for chat. Variants of the same design "
                          "turn recorded speech into a transcript, read text aloud in a "
                          "synthetic voice, and paint an image from a written description."
                          ) as beat:
            # the first three build centred, each with its words; the row makes room when the
            # fourth arrives
            first, home = chips[:3], chips[:3].get_center()
            first.set_x(uses_head.get_x())
            self.play(FadeOut(VGroup(letters, dots, full, gloss), shift=UP * 0.2),
                      FadeIn(uses_head), run_time=0.8)
            for chip, words in zip(first, ("speech into", "read text aloud", "paint an image"),
                                   strict=True):
                self.wait_for_words(beat, words)
                self.play(FadeIn(chip, shift=UP * 0.2), run_time=0.5)

        with self.narrate(f"It began in {PAPER_YEAR} with a paper from {PAPER_AUTHORS} called "
                          f"{PAPER_TITLE}. That first transformer was built for "
                          "translation: English in, German or French out.") as beat:
            self.play(first.animate.move_to(home), run_time=0.6)
            self.play(FadeIn(paper[0], shift=UP * 0.2), run_time=1.0)
            self.wait_for_words(beat, "That first transformer")  # its use joins the others
            self.play(FadeIn(chips[3], shift=UP * 0.2), FadeIn(paper[1]), run_time=0.8)
            self.wait_for_words(beat, "English in")
            self.play(Create(ring), light(chips[3], scale=1.05), run_time=1.0)

        narrow = next_token_row(f)
        with self.narrate("In this chapter we narrow down to one variant, the kind inside "
                          "chatbots. It reads a passage, then gives a probability to each "
                          "token that might come next.") as beat:
            self.play(FadeOut(VGroup(uses_head, chips, paper, ring)), run_time=0.6)
            self.play(FadeIn(narrow[0]), run_time=0.6)
            prompt, arrow, out = narrow[1]
            self.wait_for_words(beat, "It reads a passage")
            self.play(FadeIn(prompt, shift=RIGHT * 0.2), run_time=0.8)
            self.wait_for_words(beat, "then gives a probability")
            self.play(GrowArrow(arrow), FadeIn(out[0], shift=RIGHT * 0.2), run_time=0.8)
            self.wait_for_words(beat, "to each token")
            self.play(FadeIn(out[1], shift=UP * 0.1), run_time=0.8)

        block = models_block(f)
        if f.gpt_shipped:
            gpt_said = (f"Our GPT is small, about {millions(f.gpt_weights)} weights in "
                        f"{f.gpt_layers} layers, trained on an ordinary CPU with GPT-2's "
                        "design and tokenizer.")
        else:
            gpt_said = (f"The GPT is {f.gpt_name}, with about {millions(f.gpt_weights)} "
                        f"weights in {f.gpt_layers} layers.")
        words_said = ("GloVe, a classic set of word vectors"
                      if f.words_name.startswith("glove") else f.words_name)
        with self.narrate("Every number you will see about a model is computed from a real one, "
                          f"not typed in. {gpt_said} The word-vector examples use {words_said}. "
                          "Hand-made examples and GPT-3's published figures say so on "
                          "screen.") as beat:
            # each line arrives as the narration reaches it
            lines = [*block[0], block[1]]
            self.play(FadeIn(lines[0], shift=UP * 0.2), run_time=0.8)
            for line, words in zip(lines[1:], (gpt_said.split(",")[0], "The word-vector",
                                               "Hand-made"), strict=True):
                self.wait_for_words(beat, words)
                self.play(FadeIn(line, shift=UP * 0.2), run_time=0.6)
                if line is lines[1] and f.gpt_shipped:  # how it was made, as said
                    self.wait_for_words(beat, "trained on an ordinary CPU")
                    self.play(light(line), run_time=1.2)


# ---------------------------------------------------------------- the data flow


@dataclass(frozen=True)
class DataFlowFacts:
    """What DataFlowScene shows: the prompt's tokens and vectors, the model's shape and its
    next-token guesses."""

    prompt: str
    gpt2_tokens: bool  # the model tokenizes with GPT-2's real BPE
    hidden_tokens: int  # earlier tokens left off screen (the last ones matter)
    pieces: tuple[str, ...]
    columns: tuple[tuple[float, ...], ...]  # first HEAD entries of each shown token's vector
    n_tokens: int
    vocab: int
    dim: int
    layers: int
    gpt3_layers: int
    temperature: float
    top_pieces: tuple[str, ...]
    top_probs: tuple[float, ...]
    model_id: str


class DataFlowScene(LectureSlide):
    """Text -> tokens -> vectors -> attention <-> MLP (repeat x N) -> last vector -> W_U ->
    softmax -> next-token probabilities, on the lecturer's prompt."""

    def gather(self) -> DataFlowFacts:
        """The prompt's tokens, their W_E columns, the model's shape and its next token."""
        cfg = self.lecture
        spec = cfg.models.gpt
        prompt = cfg.generation.prompt
        tok = bpe.tokenize(prompt)
        emb = gpt.embedding_columns(prompt, head=HEAD, spec=spec)
        nxt = gpt.next_token(prompt, 1.0, top=cfg.generation.top, spec=spec)
        tally = gpt.tally(spec)
        hidden = max(0, len(emb.pieces) - MAX_TOKENS)
        self.shown = DataFlowFacts(
            prompt=prompt, gpt2_tokens=emb.ids == tok.ids, hidden_tokens=hidden,
            pieces=emb.pieces[hidden:], columns=emb.columns[hidden:], n_tokens=len(emb.pieces),
            vocab=tally.vocab_size, dim=tally.dim, layers=tally.layers,
            gpt3_layers=gpt.GPT3_LAYERS, temperature=nxt.temperature, top_pieces=nxt.pieces,
            top_probs=nxt.probs, model_id=tally.model_id)
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        badge = model_badge(s.model_id)

        head0 = heading("Inside a transformer: follow the data")
        prompt = fit_width(label(f"\u201c{s.prompt}\u201d", style.HEADING)).move_to(UP * 0.8)
        with self.narrate("Let's trace what happens to a piece of text on its way through a "
                          "transformer, starting from this prompt."):
            self.play(FadeIn(head0), Write(prompt), run_time=1.2)

        units, more_label = self._token_units(s)
        toks = VGroup(*[u[0] for u in units])
        cols = VGroup(*[u[1] for u in units])
        which = "GPT-2 tokens" if s.gpt2_tokens else "tokens of this model's tokenizer"
        cap1 = caption(f"{s.n_tokens} {which}, from a vocabulary of {grouped(s.vocab)}", -1.55)
        head1 = heading("Text is broken into tokens")
        with self.narrate("First the text is cut into tokens: whole words, fragments of words, "
                          f"or punctuation. This prompt becomes {s.n_tokens} tokens, each one "
                          f"of {grouped(s.vocab)} possible pieces.") as beat:
            self.play(retitle(head0, head1), FadeOut(prompt, shift=UP * 0.3),
                      LaggedStart(*[FadeIn(b, shift=DOWN * 0.2) for b in toks],
                                  lag_ratio=0.12),
                      FadeIn(more_label), run_time=1.5)
            self.wait_for_words(beat, "This prompt becomes")  # counted along the row
            self.play(light_in_turn(toks, scale=1.1, lag_ratio=0.3),
                      run_time=self.seconds_until(beat, "each one of", least=1.2))
            self.play(FadeIn(cap1, shift=UP * 0.1), run_time=0.8)

        head2 = heading("Each token becomes a vector")
        arrows = VGroup(*[Arrow(u[0].get_bottom(), u[1].get_top(), buff=0.06,
                                stroke_width=2, max_tip_length_to_length_ratio=0.3,
                                color=style.DATA_DIM) for u in units])
        cap2 = VGroup(label("its column of", style.SMALL),
                      MathTex("W_E", color=style.WEIGHT, font_size=style.BODY + 8),
                      label(f": {s.dim} numbers (first {HEAD} shown)", style.SMALL))
        cap2.arrange(RIGHT, buff=0.12)
        fit_width(cap2).move_to(DOWN * 1.55)
        with self.narrate(f"Each token is then swapped for a vector: a list of {s.dim} numbers "
                          "meant to capture what that token means. The columns show the first "
                          f"{HEAD} entries of each, read from our model's embedding "
                          "matrix.") as beat:
            self.play(retitle(head1, head2), FadeOut(cap1), FadeIn(badge), run_time=0.8)
            # token by token, each swapped for its vector, until "meant to capture" is said
            step = self.seconds_until(beat, "meant to capture", least=0.3 * len(units))
            step /= len(units)
            for u, a in zip(units, arrows, strict=True):
                self.play(light(u[0]), Create(a), FadeIn(u[1], shift=DOWN * 0.2),
                          run_time=step)
            self.wait_for_words(beat, "The columns show")
            self.play(FadeIn(cap2), light(cols), run_time=1.2)
            self.wait_for_words(beat, "embedding")
            self.play(light(cap2[1], scale=1.2), run_time=1.0)

        scale = max(abs(v) for col in s.columns for v in col) or 1.0
        glyphs = VGroup()
        for col, values in zip(cols, s.columns, strict=True):
            glyphs.add(vector_glyph(values, scale).move_to(col).align_to(col, UP))
        glyphs.shift(DOWN * 0.1)
        head3 = heading("Attention: the vectors talk to each other")
        note = stage_note("schematic drawings: the real blocks are matrix "
                          "multiplications")
        arcs = attention_arcs(glyphs)
        block = RoundedRectangle(corner_radius=0.15, width=glyphs.width + 0.6,
                                 height=glyphs.height + arcs.height + 0.5,
                                 stroke_color=style.WEIGHT, stroke_width=2.5,
                                 fill_color=style.WEIGHT, fill_opacity=0.06)
        block.move_to(VGroup(glyphs, arcs))
        cap3 = caption("context decides which vectors update which: \u201cmodel\u201d in "
                       "\u201ca machine learning model\u201d vs \u201ca fashion model\u201d",
                       block.get_bottom()[1] - 0.35)
        rng = np.random.default_rng(5)  # schematic "updated" shades and attention sources
        palette = token_palette(s.pieces)  # a token keeps its colour, as in every scene
        token_colors = [palette[p] for p in s.pieces]
        pair_index = {(i, j): k for k, (i, j) in enumerate(
            (i, j) for i in range(len(glyphs)) for j in range(i + 1, len(glyphs)))}
        flows = [(int(rng.integers(0, j)), j) for j in range(1, len(glyphs))]
        with self.narrate("Next comes an attention block, where the vectors share information "
                          "and adjust to their context. The word model, say, should come to "
                          "mean one thing after machine learning and another after fashion."):
            self.play(retitle(head2, head3), FadeOut(cap2), FadeIn(note), run_time=0.6)
            # each number fades into a square shaded by its size (no glyph-to-square morph)
            self.play(*[FadeOut(col, scale=0.9) for col in cols],
                      LaggedStart(*[FadeIn(g, scale=1.1) for g in glyphs], lag_ratio=0.06),
                      run_time=1.0)
            self.play(Create(block), FadeIn(cap3), run_time=0.8)
            self.play(LaggedStart(*[Create(a) for a in arcs], lag_ratio=0.03), run_time=1.4)
            # information flows from earlier tokens to later ones (GPT's causal order): a dot in
            # each source token's colour rides an arc and tints the vector it reaches
            self.play(LaggedStart(*[
                carry_colour(arcs[pair_index[i, j]], token_colors[i], glyphs[j],
                             [float(v) for v in rng.uniform(0.15, 0.95, HEAD)])
                for i, j in flows], lag_ratio=0.18), run_time=2.6)

        head4 = heading("MLP: each vector is processed on its own")
        # one slot around each vector (the same computation for each, side by side)
        slots = VGroup(*[
            RoundedRectangle(corner_radius=0.08, width=g.width + 0.2, height=g.height + 0.24,
                             stroke_color=style.WEIGHT, stroke_width=2, fill_color=style.WEIGHT,
                             fill_opacity=0.12).move_to(g)
            for g in glyphs])
        mlp_block = RoundedRectangle(corner_radius=0.15, width=slots.width + 0.4,
                                     height=slots.height + 0.3, stroke_color=style.WEIGHT,
                                     stroke_width=2.5, fill_color=style.WEIGHT,
                                     fill_opacity=0.06).move_to(slots)
        cap4 = caption("multilayer perceptron (feed-forward): the same operation on every "
                       "vector, in parallel, no talking", mlp_block.get_bottom()[1] - 0.35)
        mlp_shades = rng.uniform(0.15, 0.95, (len(glyphs), HEAD))
        with self.narrate("Next comes an MLP block, short for multilayer perceptron (some say "
                          "feed-forward). "
                          "This time nothing is exchanged: every vector goes through the same "
                          "computation on its own, all of them side by side.") as beat:
            # the attention block goes, the MLP block comes around the vectors where they are
            self.play(retitle(head3, head4), FadeOut(VGroup(arcs, cap3, block)), run_time=0.6)
            self.play(FadeIn(mlp_block), FadeIn(slots), FadeIn(cap4), run_time=0.6)
            self.wait_for_words(beat, "nothing is exchanged")  # each vector in its own slot
            self.play(light(slots), run_time=1.0)
            self.wait_for_words(beat, "same computation")
            self.play(process_in_place(glyphs, slots, mlp_shades, run_time=2.2))

        head5 = heading("Repeat: attention, MLP, attention, MLP, \u2026")
        strip = layer_strip(s.layers)
        count = VGroup(
            label(f"\u00d7 {s.layers} layers in this GPT", style.SMALL, color=style.HIGHLIGHT),
            label(f"GPT-3: \u00d7 {s.gpt3_layers} (reference)", style.SMALL,
                  color=style.DATA),
        ).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        fit_width(VGroup(strip, count).arrange(RIGHT, buff=0.4))
        # just under the vectors it labels: the layers they pass through
        VGroup(strip, count).next_to(glyphs, DOWN, buff=0.6).set_x(0)
        chips = [m for m in strip if isinstance(m, VGroup) and len(m) == 2]
        marker = highlight_box(chips[0])
        with self.narrate("The two kinds of block then alternate, layer after layer: "
                          f"{s.layers} layers in our small GPT, {s.gpt3_layers} in GPT-3. By "
                          "the top, the last vector should hold what matters about the whole "
                          "passage."):
            self.play(retitle(head4, head5), FadeOut(cap4), FadeOut(slots), run_time=0.6)
            self.play(ReplacementTransform(mlp_block, strip[0][0]), run_time=0.8)
            self.play(FadeIn(strip[0][1]),
                      LaggedStart(*[FadeIn(m) for m in strip[1:]], lag_ratio=0.1),
                      FadeIn(count), run_time=1.2)
            # the vectors pass through block after block: each one gives them new values
            self.play(Create(marker), run_time=0.3)
            for k, c in enumerate(chips):
                moves = [marker.animate.become(highlight_box(c))] if k else []
                self.play(*moves, *[cell.animate.set_fill(opacity=float(rng.uniform(0.15, 0.95)))
                                    for g in glyphs for cell in g], run_time=0.3)
            self.play(FadeOut(marker), run_time=0.3)
            # "by the top, the last vector should hold what matters"
            self.play(light(glyphs[-1], scale=1.15),
                      run_time=0.8)

        head6 = heading("The last vector becomes a prediction")
        last_tok, last = toks[-1], glyphs[-1]
        ring = highlight_box(last)
        pipe = self._prediction_pipe(s)
        vec_target = pipe["vector"]
        tok_target = last_tok.copy().next_to(last.copy().move_to(vec_target), UP, buff=0.3)
        with self.narrate("That last vector is multiplied by the unembedding matrix, W_U, "
                          "which gives one score for every token in the vocabulary. Softmax "
                          "then turns those scores into probabilities for the next "
                          "token.") as beat:
            self.play(retitle(head5, head6), FadeIn(ring),
                      *[m.animate.set_opacity(0.25) for m in (*toks[:-1], *glyphs[:-1])],
                      FadeOut(arrows), FadeOut(more_label), run_time=0.9)
            self.play(FadeOut(VGroup(*toks[:-1], *glyphs[:-1], strip, count)),
                      last.animate.move_to(vec_target), ring.animate.move_to(vec_target),
                      last_tok.animate.move_to(tok_target), run_time=1.0)
            # each step of the pipe with the words that name it
            self.wait_for_words(beat, "the unembedding matrix")
            self.play(Create(pipe["arrows"][0]), FadeIn(pipe["w_u"]), run_time=0.8)
            self.wait_for_words(beat, "one score for every")
            self.play(Create(pipe["arrows"][1]), FadeIn(pipe["logits"]), run_time=0.8)
            self.wait_for_words(beat, "Softmax")
            self.play(Create(pipe["arrows"][2]), FadeIn(pipe["softmax"]),
                      LaggedStart(*[FadeIn(r, shift=RIGHT * 0.2) for r in pipe["bars"]],
                                  lag_ratio=0.1),
                      FadeIn(pipe["bars_caption"]), run_time=1.4)

        with self.narrate(f"The bars are our model's real top {len(s.top_probs)} guesses, out "
                          f"of {grouped(s.vocab)} tokens. It is a small model, so expect rough "
                          "guesses, but every bar was computed by running it on this "
                          "prompt.") as beat:
            # each guess in turn, then how many it was chosen from, then all, as computed
            self.play(light_in_turn(pipe["bars"], scale=1.05, lag_ratio=0.4),
                      run_time=self.seconds_until(beat, "guesses, out", least=1.5))
            self.wait_for_words(beat, "tokens.")
            self.play(light(pipe["bars_caption"]), run_time=1.0)
            self.wait_for_words(beat, "every bar was computed")
            self.play(light(pipe["bars"], scale=1.05), run_time=1.0)

    def _token_units(self, s: DataFlowFacts) -> tuple[VGroup, Mobject]:
        """Layout: each shown token over its vector column, and a note of earlier tokens."""
        palette = token_palette(s.pieces)
        boxes = [token_box(p, palette[p], style.SMALL) for p in s.pieces]
        columns = [number_column([float(v) for v in col], fmt="{:+.3f}") for col in s.columns]
        units = VGroup(*[VGroup(b, c).arrange(DOWN, buff=0.45)
                         for b, c in zip(boxes, columns, strict=True)])
        units.arrange(RIGHT, buff=0.22, aligned_edge=UP)
        if s.hidden_tokens:
            more_label = label(f"\u2026 {s.hidden_tokens} earlier", style.TINY,
                               color=style.DATA)
            row = VGroup(more_label, units).arrange(RIGHT, buff=0.3)
            more_label.set_y(units[0][0].get_y())
        else:
            more_label = VGroup()
            row = units
        fit_width(row).move_to(UP * 0.85)
        return units, more_label

    def _prediction_pipe(self, s: DataFlowFacts) -> dict:
        """Last vector -> W_U block -> logits column -> softmax -> bars, left to right."""
        y = -0.1
        vec_slot = Rectangle(width=0.3, height=0.3 * HEAD + 0.04 * (HEAD - 1))
        w_u = VGroup(weight_block(1.4, 2.0))
        w_u.add(MathTex("W_U", color=style.WEIGHT).move_to(w_u[0]))
        shape = label(f"{grouped(s.vocab)} \u00d7 {s.dim}", style.SMALL, color=style.DATA)
        shape.next_to(w_u[0], DOWN, buff=0.15)
        w_u.add(shape)
        logits = VGroup(Rectangle(width=0.3, height=2.4, stroke_color=style.DATA,
                                  stroke_width=1.5, fill_color=style.DATA, fill_opacity=0.3))
        lg_label = VGroup(label(grouped(s.vocab), style.SMALL, color=style.DATA),
                          label("logits", style.SMALL, color=style.DATA)).arrange(DOWN, buff=0.08)
        lg_label.next_to(logits[0], DOWN, buff=0.15)
        logits.add(lg_label)
        soft = label("softmax", style.SMALL, color=style.TEXT)
        bars = prob_bars(s.top_pieces, s.top_probs, width=3.2)
        chain = VGroup(vec_slot, w_u[0], logits[0], soft, bars)
        chain.arrange(RIGHT, buff=0.9)
        fit_width(chain)
        chain.move_to(UP * y)
        w_u[1].move_to(w_u[0])
        shape.next_to(w_u[0], DOWN, buff=0.15)
        lg_label.next_to(logits[0], DOWN, buff=0.15)
        soft.shift(LEFT * 0.25)
        arrows = VGroup(*[  # the last stops well short of the longest token's label
            Arrow(a.get_right(), b.get_left(), buff=buff, stroke_width=2.5, color=style.DATA)
            for a, b, buff in ((vec_slot, w_u[0], 0.12), (w_u[0], logits[0], 0.12),
                               (logits[0], bars, 0.3))
        ])
        arrows[2].shift(DOWN * 0.35)
        soft.next_to(arrows[2], UP, buff=0.1)
        bars_caption = VGroup(
            label(f"next-token probabilities (T = {s.temperature:g}):", style.SMALL,
                  color=style.DATA),
            label(f"the top {len(s.top_probs)} of {grouped(s.vocab)}", style.SMALL,
                  color=style.DATA)).arrange(DOWN, buff=0.1)
        bars_caption.next_to(bars, DOWN, buff=0.3)
        if bars_caption.get_right()[0] > 6.9:
            bars_caption.shift(LEFT * (bars_caption.get_right()[0] - 6.9))
        return {"vector": vec_slot.get_center(), "w_u": w_u, "logits": logits, "softmax": soft,
                "bars": bars, "bars_caption": bars_caption, "arrows": arrows}


# ---------------------------------------------------------------- weights vs data


def weight_slider(symbol: str, name: str, value: ValueTracker,
                  span: tuple[float, float]) -> VGroup:
    """A weight as a knob: its symbol and name, a track with a blue handle, its live value.

    The track covers ``span`` (the values the animation passes through) plus a margin.
    """
    lo, hi = min(span), max(span)
    pad = 0.25 * (hi - lo) or 0.5
    lo, hi = lo - pad, hi + pad
    track = Line(LEFT * 1.7, RIGHT * 1.7, color=style.DATA_DIM, stroke_width=4)
    handle = Dot(radius=0.11, color=style.WEIGHT)
    number = GlyphNumber(value.get_value(), "{:.2f}", size=style.BODY, color=style.WEIGHT)
    title = VGroup(MathTex(symbol, color=style.WEIGHT, font_size=style.BODY + 12),
                   label(name, style.SMALL, color=style.DATA)).arrange(RIGHT, buff=0.2)
    title.next_to(track, UP, buff=0.25).align_to(track, LEFT)
    number.next_to(track, RIGHT, buff=0.3)

    def place(h: Mobject) -> None:
        k = float(np.clip((value.get_value() - lo) / (hi - lo), 0.0, 1.0))
        h.move_to(track.point_from_proportion(k))

    handle.add_updater(place)
    number.add_updater(lambda n: n.set_value(value.get_value()))
    place(handle)
    return VGroup(title, track, handle, number)


@dataclass
class LineFit:
    """Layout for the line fit: the plot, the model's formula, its two weight sliders."""

    plot: VGroup  # axes, two axis labels, the houses, the line (which follows the sliders)
    formula: MathTex
    two: Mobject  # "2 parameters: ..."
    knobs: VGroup  # the slope and intercept sliders: title, track, handle, live value
    slope: ValueTracker
    intercept: ValueTracker
    fitted: tuple[float, float]  # the least-squares slope and intercept
    formula_home: MathTex  # where the formula settles when the panel makes room
    two_home: Mobject
    note: Mobject


@dataclass(frozen=True)
class WeightsFacts:
    """What WeightsVsDataScene shows: a real slice of W_U · h, and the weight counts."""

    prompt: str
    real_product: bool  # W_U rows (tied to W_E) times the real last hidden vector
    row_pieces: tuple[str, ...]
    w_u_rows: tuple[tuple[float, ...], ...]
    logits: tuple[float, ...]
    hidden_head: tuple[float, ...]
    w_u_shape: tuple[int, int]
    small_total: int
    gpt3_total: int
    model_id: str


class WeightsVsDataScene(LectureSlide):
    """The premise of deep learning: weights vs data, weighted sums, matrix-vector products."""

    def gather(self) -> WeightsFacts:
        """Three real W_U rows and logits for the unembedding prompt; the weight counts."""
        cfg = self.lecture
        spec = cfg.models.gpt
        prompt = cfg.unembedding.prompt
        unemb = gpt.unembedding(prompt, top=8, spec=spec)
        tally = gpt.tally(spec)
        rows: list[tuple[str, tuple[float, ...], float]] = []
        for tid, piece, logit in zip(unemb.top_ids, unemb.top_pieces, unemb.top_logits,
                                     strict=True):
            col = gpt.embedding_columns(piece, head=3, spec=spec)
            if col.ids == (tid,):  # the piece stands for this one token: its W_E row is W_U's
                rows.append((piece, col.columns[0], logit))
            if len(rows) == 3:
                break
        real = unemb.tied and len(rows) == 3
        self.shown = WeightsFacts(
            prompt=prompt, real_product=real,
            row_pieces=tuple(r[0] for r in rows) if real else (),
            w_u_rows=tuple(r[1] for r in rows) if real else (),
            logits=tuple(r[2] for r in rows) if real else (),
            hidden_head=unemb.hidden[:3], w_u_shape=unemb.w_u_shape, small_total=tally.total,
            gpt3_total=gpt.GPT3_TOTAL_WEIGHTS,
            model_id=tally.model_id)
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        badge = model_badge(s.model_id)

        head = heading("Machine learning: data decides how the model behaves")
        fit = self._regression()
        plot, formula, two, note = fit.plot, fit.formula, fit.two, fit.note
        with self.narrate("Machine learning lets examples decide how a model behaves, instead "
                          "of writing the rules by hand. The simplest case fits a line to "
                          "house prices: just two knobs to tune, the slope and the "
                          "intercept.") as beat:
            # the model (its formula and two weights) and the examples that will tune it
            self.play(FadeIn(head), Create(plot[0]), FadeIn(plot[1], plot[2]), FadeIn(note),
                      Write(formula), FadeIn(fit.knobs, shift=UP * 0.1), run_time=1.0)
            self.play(LaggedStart(*[FadeIn(d, scale=0.5) for d in plot[3]], lag_ratio=0.05),
                      run_time=1.0)
            self.wait_for_words(beat, "The simplest case")
            # "fits a line": a first guess, then both knobs turn until the line fits
            self.play(Create(plot[4]), run_time=0.6)
            self.play(fit.slope.animate.set_value(fit.fitted[0]),
                      fit.intercept.animate.set_value(fit.fitted[1]), run_time=2.8)
            self.wait_for_words(beat, "two knobs")
            self.play(FadeIn(two, shift=UP * 0.1),
                      light(VGroup(formula[2], formula[5]), scale=1.2),
                      *[light(k[0], scale=1.2) for k in fit.knobs], run_time=1.0)
        plot[4].clear_updaters()

        gpt3, ours = self._scale_compare(s)
        with self.narrate("Deep learning models have vastly more knobs. GPT-3 has about "
                          f"{billions(s.gpt3_total)} parameters; the small GPT in this film has "
                          f"about {millions(s.small_total)}, counted from the model "
                          "itself.") as beat:
            # the sliders make room: the formula and its note settle above the plot
            self.play(FadeOut(fit.knobs), Transform(formula, fit.formula_home),
                      two.animate.move_to(fit.two_home), run_time=0.8)
            self.wait_for_words(beat, "GPT-3 has about")
            self.play(FadeIn(gpt3, shift=UP * 0.2), run_time=1.0)
            self.wait_for_words(beat, "the small GPT in this film")
            self.play(FadeIn(ours, shift=UP * 0.2), run_time=0.8)
            self.wait_for_words(beat, "counted from the model")
            self.play(FadeIn(badge), light(ours[-1]), run_time=1.0)

        head2 = heading("Weights touch data only through weighted sums")
        sums = self._weighted_sums()
        bend = self._nonlinearity().next_to(sums, DOWN, buff=0.6)
        with self.narrate("They are called weights because each one scales a piece of the "
                          "data, which is then added up with the rest: a weighted sum. Here and "
                          "there a nonlinear function bends the results, but those functions "
                          "have nothing to learn.") as beat:
            self.play(FadeOut(VGroup(plot, formula, two, gpt3, ours, note, badge)),
                      run_time=0.6)
            self.play(retitle(head, head2), Write(sums[0]), run_time=1.2)
            self.play(FadeIn(sums[1:], shift=DOWN * 0.2), run_time=0.8)
            self.wait_for_words(beat, "each one scales")  # the weights, then their sums
            self.play(light_in_turn([row[k] for row in sums for k in (2, 5, 8)], scale=1.2,
                                    lag_ratio=0.1), run_time=1.5)
            self.wait_for_words(beat, "added up with the rest")
            self.play(light(VGroup(*[row[k] for row in sums for k in (4, 7)]), scale=1.2),
                      run_time=1.0)
            self.wait_for_words(beat, "Here and there")
            self.play(FadeIn(bend[0]), Create(bend[1]), FadeIn(bend[2]), run_time=1.2)

        head3 = heading("\u2026 packaged as a matrix times a vector")
        product, (y, w, x), eq = self._product()
        each = caption("each output component is one of those weighted sums",
                       product.get_bottom()[1] - 0.45)
        with self.narrate("Stack those sums and you get a matrix times a vector: every entry "
                          "of the output is one weighted sum of the inputs."):
            moves = [FadeOut(VGroup(*[m[k] for m in sums for k in (1, 4, 7)])), FadeOut(bend)]
            for i, row in enumerate(sums):
                moves.append(ReplacementTransform(row[0], y.get_entries()[i]))
                for j in range(3):
                    moves.append(ReplacementTransform(row[2 + 3 * j],
                                                      w.get_entries()[3 * i + j]))
                    target = x.get_entries()[j] if i == 0 else x.get_entries()[j].copy()
                    moves.append(ReplacementTransform(row[3 + 3 * j], target))
            self.play(retitle(head2, head3), *moves, FadeIn(eq),
                      FadeIn(VGroup(w.get_brackets(), x.get_brackets(), y.get_brackets())),
                      run_time=1.6)
            self.remove(*self.mobjects)  # the moved pieces now live in ``product``
            self.add(head3, product)
            self.play(FadeIn(each), run_time=0.5)

        legend = fit_width(VGroup(
            legend_entry((style.WEIGHT_POS, style.WEIGHT_NEG), "weights",
                         "blue > 0, red < 0: learned in training"),
            legend_entry((style.DATA,), "data", "gray: the input of one run, e.g. a text"),
        ).arrange(RIGHT, buff=1.0, aligned_edge=UP)).move_to(DOWN * 2.0)
        fixed = label("fixed after training", style.SMALL, color=style.WEIGHT)
        fixed.next_to(w, UP, buff=0.15)
        runs = [label(f"run {k}", style.SMALL, color=style.DATA).next_to(x, UP, buff=0.15)
                for k in (1, 2, 3)]
        with self.narrate("Hold on to one distinction for the whole film. Weights, in blue "
                          "and red, are fixed once training ends: they are what the model "
                          "knows. Data, in gray, changes with every run: it is the particular "
                          "text being processed.") as beat:
            self.play(FadeIn(legend[0], shift=LEFT * 0.2),
                      light(w.get_entries(), scale=1.2, color=style.WEIGHT_POS), run_time=1.0)
            self.wait_for_words(beat, "are fixed once")
            self.play(FadeIn(fixed, shift=DOWN * 0.1), run_time=0.8)
            self.wait_for_words(beat, "Data, in gray")
            self.play(FadeIn(legend[1], shift=LEFT * 0.2), FadeIn(runs[0], shift=DOWN * 0.1),
                      light(x.get_entries(), scale=1.2, color=style.TEXT), run_time=1.0)
            self.wait_for_words(beat, "changes with every run")
            # a new input (and so a new output) per run; the weights do not move
            step = self.seconds_until(beat, "the particular text", least=2.0) / 2
            for k in (2, 3):
                self._next_run(x, y, k, runs[0], runs[k - 1], min(step, 1.2))
                if step > 1.25:
                    self.wait(step - 1.2)
            self.play(light(VGroup(x.get_entries(), runs[0]), color=style.TEXT), run_time=1.0)

        if s.real_product:
            self._real_product(s, head3, VGroup(product, legend, each, fixed, runs[0]), badge)

    def _next_run(self, x: Matrix, y: Matrix, k: int, tag: Mobject, new_tag: Mobject,
                  run_time: float) -> None:
        """Run ``k``: the input and output entries (x', y' for run 2, x'', y'' for run 3) and
        the run's tag cross-fade in place; the weights do not move. The parts stay the same
        mobjects, so the matrices holding them stay whole."""
        primes = "'" * (k - 1)
        pairs = [(tag, new_tag)]
        for v, name in ((x, "x"), (y, "y")):
            pairs += [(e, MathTex(f"{name}_{i}{primes}", color=style.DATA).move_to(e))
                      for i, e in enumerate(v.get_entries(), start=1)]
        olds = [a for a, _ in pairs]
        self.play(*[Opacity(m, 0.0) for m in olds], run_time=run_time / 2)
        for old, new in pairs:
            old.become(new)
        self.play(*[Opacity(m, 1.0, start=0.0) for m in olds], run_time=run_time / 2)

    def _regression(self) -> LineFit:
        """Layout: illustrative house prices and a line through them on the left; on the right
        the model y = mx + b with its two weights as sliders that show their values."""
        axes = Axes(x_range=[0, 10, 2], y_range=[0, 10, 2], x_length=4.6, y_length=3.4,
                    axis_config={"color": style.DATA_DIM, "include_ticks": False})
        x_lab = label("square footage", style.SMALL, color=style.DATA)
        x_lab.next_to(axes.x_axis, DOWN, buff=0.15)
        y_lab = label("price", style.SMALL, color=style.DATA).rotate(math.pi / 2)
        y_lab.next_to(axes.y_axis, LEFT, buff=0.15)
        rng = np.random.default_rng(3)  # illustrative houses: a known line plus noise
        xs = rng.uniform(1, 9.5, 18)
        ys = 0.8 * xs + 1.2 + rng.normal(0, 0.7, xs.size)
        dots = VGroup(*[Dot(axes.c2p(x, y), radius=0.05, color=style.DATA)
                        for x, y in zip(xs, ys, strict=True)])
        fit_m, fit_b = (float(v) for v in np.polyfit(xs, ys, 1))  # least squares
        # the first guess: a flat line at the average price; fitting turns it about the mean
        slope, intercept = ValueTracker(0.0), ValueTracker(float(ys.mean()))
        x0, x1 = axes.x_range[0], axes.x_range[1]

        def through(m: float, b: float) -> tuple[np.ndarray, np.ndarray]:
            return axes.c2p(x0, m * x0 + b), axes.c2p(x1, m * x1 + b)

        line = Line(*through(slope.get_value(), intercept.get_value()), color=style.WEIGHT,
                    stroke_width=4)
        line.add_updater(lambda m: m.put_start_and_end_on(
            *through(slope.get_value(), intercept.get_value())))
        plot = VGroup(axes, x_lab, y_lab, dots, line).move_to(LEFT * 3.4 + DOWN * 0.4)
        line.update()

        formula = MathTex("y", "=", "m", "x", "+", "b", font_size=FORMULA_BIG)
        for k, c in ((0, style.DATA), (2, style.WEIGHT), (3, style.DATA), (5, style.WEIGHT)):
            formula[k].set_color(c)
        two = label("2 parameters: slope m, intercept b", style.SMALL)
        knobs = VGroup(weight_slider("m", "slope", slope, (0.0, fit_m)),
                       weight_slider("b", "intercept", intercept,
                                     (fit_b, intercept.get_value())))
        knobs.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        panel = VGroup(formula, knobs, two).arrange(DOWN, buff=0.5)
        # centred in the room right of the plot
        room = (plot.get_right()[0], config.frame_width / 2 - style.MARGIN)
        panel.align_to(plot, UP).set_x(sum(room) / 2)
        # where the formula and its note settle above the plot when the panel makes room
        home = formula.copy().scale(DEFAULT_FONT_SIZE / FORMULA_BIG).next_to(axes, UP, buff=0.2)
        two_home = two.copy().next_to(home, RIGHT, buff=0.4)
        return LineFit(plot, formula, two, knobs, slope, intercept, (fit_m, fit_b),
                       home, two_home, stage_note("illustrative house prices"))

    def _scale_compare(self, s: WeightsFacts) -> tuple[VGroup, VGroup]:
        """Layout: GPT-3's parameter count over the small GPT's, on the right."""
        gpt3 = VGroup(
            label("GPT-3", style.HEADING),
            label(f"{grouped(s.gpt3_total)} parameters", style.BODY, color=style.WEIGHT),
            label(f"\u2248 {billions(s.gpt3_total)} (reference figure)", style.SMALL,
                  color=style.DATA),
        ).arrange(DOWN, buff=0.2)
        ours = VGroup(
            label("the small GPT in this film", style.SMALL),
            label(f"{grouped(s.small_total)} parameters", style.BODY, color=style.WEIGHT),
        ).arrange(DOWN, buff=0.15)
        VGroup(gpt3, ours).arrange(DOWN, buff=0.7).move_to(RIGHT * 3.6 + DOWN * 0.4)
        return gpt3, ours

    def _weighted_sums(self) -> VGroup:
        """Layout: three weighted sums y_i = w_i1 x_1 + w_i2 x_2 + w_i3 x_3."""
        sums = VGroup(*[
            MathTex(f"y_{i}", "=", f"w_{{{i}1}}", "x_1", "+", f"w_{{{i}2}}", "x_2", "+",
                    f"w_{{{i}3}}", "x_3") for i in (1, 2, 3)
        ]).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        for eq in sums:
            for k in (0, 3, 6, 9):
                eq[k].set_color(style.DATA)
            for k in (2, 5, 8):
                eq[k].set_color(style.WEIGHT)
        return sums.move_to(UP * 0.3)

    @staticmethod
    def _nonlinearity() -> VGroup:
        """Layout: a small plot of GELU (GPT-2's nonlinearity) and what it is: no weights."""
        axes = Axes(x_range=[-3, 3, 1], y_range=[-1, 3, 1], x_length=3.0, y_length=1.8,
                    tips=False, axis_config={"color": style.DATA_DIM, "stroke_width": 2})
        curve = axes.plot(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))),
                          x_range=[-3, 3], color=style.TEXT, stroke_width=4)
        words = VGroup(label("then a fixed bend, such as GELU:", style.SMALL),
                       label("no weights, nothing to learn", style.SMALL, color=style.DATA))
        words.arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        VGroup(VGroup(axes, curve), words).arrange(RIGHT, buff=0.5)  # the curve stays on its axes
        return VGroup(axes, curve, words)

    def _product(self) -> tuple[VGroup, tuple[Matrix, Matrix, Matrix], MathTex]:
        """Layout: y = W x with symbolic entries (weights blue, data gray)."""
        w = Matrix([[f"w_{{{i}{j}}}" for j in (1, 2, 3)] for i in (1, 2, 3)],
                   h_buff=1.05, v_buff=0.75)
        w.get_entries().set_color(style.WEIGHT)
        w.get_brackets().set_color(style.WEIGHT)
        x = Matrix([["x_1"], ["x_2"], ["x_3"]], v_buff=0.75)
        y = Matrix([["y_1"], ["y_2"], ["y_3"]], v_buff=0.75)
        for v in (x, y):
            v.set_color(style.DATA)
        eq = MathTex("=")
        product = VGroup(y, eq, w, x).arrange(RIGHT, buff=0.3).move_to(UP * 0.9)
        return product, (y, w, x), eq

    def _real_product(self, s: WeightsFacts, head: Mobject, old: VGroup,
                      badge: Mobject) -> Mobject:
        """W_U (3 real rows, tied to W_E) times the real last vector h = the real logits."""
        head4 = heading("Almost everything is a matrix times a vector")
        w_u, h, eq, logits, names = self._real_matrices(s)
        v, d = s.w_u_shape
        tops = VGroup(
            VGroup(MathTex("W_U", color=style.WEIGHT),
                   label(f"{grouped(v)} \u00d7 {d}", style.SMALL, color=style.DATA)),
            VGroup(MathTex(r"\vec{h}", color=style.DATA),
                   label("the last vector", style.SMALL, color=style.DATA)),
            VGroup(MathTex(r"\text{logits}", color=style.DATA),
                   label("one per token", style.SMALL, color=style.DATA)),
        )
        for t, target in zip(tops, (w_u, h, logits), strict=True):
            t.arrange(DOWN, buff=0.1).next_to(target, UP, buff=0.25)
        tops.align_to(tops[0], DOWN)
        cap = caption(f"each logit is a weighted sum of {d} terms: one row times the last vector",
                      -2.45)
        prompt = fit_width(label(f"the prompt: \u201c{s.prompt}\u201d", style.BODY,
                                 color=style.DATA), 12.6)
        prompt.next_to(head4, DOWN, buff=0.3, aligned_edge=LEFT)
        with self.narrate("Here is a real one from the end of our model, run on the prompt at "
                          f"the top: three rows of the unembedding matrix, W_U, which is "
                          f"{grouped(v)} by {d}, times the final vector for that prompt. "
                          "Positive weights are blue, negative ones red.") as beat:
            # the real matrix at once ("a real one"), then the prompt, the rows' name, the
            # vector and the colours, each as it is named
            self.play(FadeOut(old), retitle(head, head4), run_time=0.6)
            self.play(FadeIn(w_u), FadeIn(names), FadeIn(badge), run_time=1.0)
            self.wait_for_words(beat, "run on the prompt")
            self.play(FadeIn(prompt, shift=DOWN * 0.1), run_time=0.6)
            self.wait_for_words(beat, "three rows")
            self.play(FadeIn(tops[0]), light(names),
                      run_time=1.0)
            self.wait_for_words(beat, "times the final vector")
            self.play(FadeIn(h), FadeIn(tops[1]), run_time=0.7)
            self.wait_for_words(beat, "Positive weights")  # framed, keeping their colours
            frame = highlight_box(w_u.get_entries())
            self.play(Create(frame), run_time=0.6)
            self.play(FadeOut(frame), run_time=0.6)

        row_box = highlight_box(VGroup(*w_u.get_rows()[0]))
        h_box = highlight_box(h.get_entries())
        out_box = highlight_box(logits.get_entries()[0])
        with self.narrate(f"Each logit on the right is one row times that vector, a weighted "
                          f"sum of {d} terms. Nearly all of the arithmetic inside a transformer "
                          "has this same shape.") as beat:
            self.play(FadeIn(eq), FadeIn(logits), FadeIn(tops[2]), FadeIn(cap), run_time=0.8)
            self.play(Create(row_box), Create(h_box), run_time=0.6)
            self.play(ReplacementTransform(VGroup(row_box.copy(), h_box.copy()), out_box),
                      run_time=0.8)
            # every other row does the same with the same vector, giving its own logit
            for i in range(1, len(s.w_u_rows)):
                self.play(Transform(row_box, highlight_box(VGroup(*w_u.get_rows()[i]))),
                          Transform(out_box, highlight_box(logits.get_entries()[i])),
                          run_time=0.8)
                self.wait(0.4)
            self.wait_for_words(beat, "Nearly all")
            self.play(light(VGroup(w_u, h, logits)), run_time=1.2)
        return head4

    def _real_matrices(self, s: WeightsFacts) -> tuple[MobjectMatrix, MobjectMatrix, MathTex,
                                                         MobjectMatrix, VGroup]:
        """Layout: the real W_U rows (named by their tokens), h, '=' and the logits."""
        rows = []
        for values in s.w_u_rows:
            rows.append([label(entry(v), style.SMALL, color=signed_color(v), mono=True)
                         for v in values] + [label("\u22ef", style.SMALL, color=style.WEIGHT)])
        rows.append([label("\u22ee", style.SMALL, color=style.WEIGHT) for _ in range(4)])
        w_u = MobjectMatrix(rows, h_buff=1.35, v_buff=0.6)
        w_u.get_brackets().set_color(style.WEIGHT)

        def data_column(values: Sequence[float]) -> MobjectMatrix:
            col = MobjectMatrix([[label(entry(v), style.SMALL, color=style.DATA, mono=True)]
                                 for v in values]
                                + [[label("\u22ee", style.SMALL, color=style.DATA)]],
                                v_buff=0.6)
            col.get_brackets().set_color(style.DATA)
            return col

        h, logits = data_column(s.hidden_head), data_column(s.logits)
        eq = MathTex("=")
        prod = VGroup(w_u, h, eq, logits).arrange(RIGHT, buff=0.3)
        names = VGroup(*[label(show_piece(p), style.SMALL, mono=True) for p in s.row_pieces])
        for name, row in zip(names, w_u.get_rows()[:3], strict=True):
            name.next_to(w_u, LEFT, buff=0.25).set_y(row.get_y())
        fit_width(VGroup(names, prod)).move_to(DOWN * 0.2)
        return w_u, h, eq, logits, names
