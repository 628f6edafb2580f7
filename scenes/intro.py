"""The chapter's opening: the title, the data flow through a transformer, the premise of deep
learning (weights vs data; almost everything is a matrix times a vector).

Every number on screen comes from livenumbers: the prompt's GPT-2 tokens, the small GPT's W_E
columns, W_U rows, last hidden vector, logits, next-token probabilities and layer count, and
GPT-3's reference figures quoted by the chapter. The attention/MLP drawings are schematic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ArcBetweenPoints,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    MathTex,
    Matrix,
    Mobject,
    MobjectMatrix,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    Transform,
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
    prob_bars,
    show_piece,
    stage_note,
    token_box,
)

MAX_TOKENS = 10  # the most token boxes (each with its vector) that fit across the frame
HEAD = 4  # entries of each vector shown before the ellipsis
ROW_WIDTH = style.ROW_WIDTH
HEADING_Y = 3.45
MAX_CHIP_LAYERS = 6  # layers drawn in the "repeat" strip before an ellipsis
# The chapter's 8 matrix categories (GPT-3's 175 billion weights fall into these).
CATEGORIES = ("Embedding", "Key", "Query", "Value", "Output", "Up-projection",
              "Down-projection", "Unembedding")

READ = 1.5  # seconds to read a beat before it pauses (the video's pacing)
TITLE_READ = 0.8  # the title moves faster

# ---------------------------------------------------------------- small layout helpers


def grouped(n: int) -> str:
    """An integer with thousands separators: 50257 -> '50,257'."""
    return f"{n:,}"


def entry(v: float) -> str:
    """A weight or activation at a fixed width, sign always shown (works for 0.003 and 12.5)."""
    return f"{v:+.3f}" if abs(v) < 10 else f"{v:+.1f}"




def heading(text: str) -> Mobject:
    """The stage heading at the top of the frame."""
    head = label(text, style.HEADING)
    fit_width(head)
    return head.move_to(UP * HEADING_Y)


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


# ---------------------------------------------------------------- scenes


class TitleScene(LectureSlide):
    """Title, G·P·T unpacked, and the live models every number in the film comes from."""

    def gather(self) -> dict:
        cfg = self.lecture
        tally = gpt.tally(cfg.models.gpt)
        self.shown = {
            "gpt_model_id": tally.model_id,
            "words_model_id": words.model_id_for(cfg.models.words),
        }
        return self.shown

    def construct(self) -> None:
        shown = self.gather()
        title = label("Transformers, the tech behind LLMs", style.TITLE)
        fit_width(title).move_to(UP * 2.7)
        sub = label("Deep Learning, chapter 5", style.BODY, color=style.DATA)
        sub.next_to(title, DOWN, buff=0.25)
        self.play(Write(title), FadeIn(sub, shift=UP * 0.2), run_time=1.5)
        self.wait(TITLE_READ)
        self.beat("Transformers, the tech behind large language models: chapter 5 of the "
                  "deep-learning series.")

        meanings = ("Generative", "Pretrained", "Transformer")
        letters = VGroup(*[label(w[0], style.TITLE) for w in meanings])
        for k, letter in enumerate(letters):
            letter.move_to(RIGHT * 4.4 * (k - 1) + UP * 0.55)
        dots = VGroup(*[label("\u00b7", style.TITLE, color=style.DATA) for _ in range(2)])
        for k, dot in enumerate(dots):
            dot.move_to((letters[k].get_center() + letters[k + 1].get_center()) / 2)
        self.play(LaggedStart(*[FadeIn(m, scale=1.3) for m in letters], lag_ratio=0.25),
                  FadeIn(dots), run_time=1.0)
        full = VGroup(*[label(w, style.HEADING) for w in meanings])
        for word, letter in zip(full, letters, strict=True):
            word.next_to(letter, DOWN, buff=0.3)
        notes = ("makes new text", "learned from massive data", "a kind of neural network")
        gloss = VGroup(*[label(n, style.TINY, color=style.DATA) for n in notes])
        for g, word in zip(gloss, full, strict=True):
            g.next_to(word, DOWN, buff=0.15)
        self.play(LaggedStart(*[FadeIn(w, shift=DOWN * 0.2) for w in full], lag_ratio=0.3),
                  FadeIn(gloss), run_time=1.5)
        self.wait(TITLE_READ)
        self.beat("GPT: Generative, these bots generate new text. Pretrained, the model learned "
                  "from a massive amount of data, with room to fine-tune it further.")

        key = full[2]
        self.play(Indicate(VGroup(letters[2], key), color=style.HIGHLIGHT), run_time=0.8)
        self.play(VGroup(letters[2], key, gloss[2]).animate.set_color(style.HIGHLIGHT),
                  run_time=0.4)
        self.wait(TITLE_READ)
        self.beat("But the last word is the real key piece: a transformer is a specific kind of "
                  "neural network, the core invention underlying the current boom in AI.")

        intro = label("Every number in this film is computed live from these models:",
                      style.SMALL, color=style.TEXT)
        lines = VGroup(
            label(f"GPT  {shown['gpt_model_id']}", style.SMALL, color=style.DATA, mono=True),
            label(f"word vectors  {shown['words_model_id']}", style.SMALL, color=style.DATA,
                  mono=True),
        ).arrange(DOWN, buff=0.15)
        block = VGroup(intro, lines).arrange(DOWN, buff=0.25)
        fit_width(block).move_to(DOWN * 2.65)
        self.play(FadeIn(block, shift=UP * 0.2), run_time=1.0)
        self.wait(TITLE_READ)
        self.beat("Every number you will see is computed live from these two models: our small "
                  "GPT, trained with GPT-2's architecture and tokenizer, and GloVe word vectors.")


class DataFlowScene(LectureSlide):
    """Text -> tokens -> vectors -> attention <-> MLP (repeat x N) -> last vector -> W_U ->
    softmax -> next-token probabilities, on the lecturer's prompt."""

    def gather(self) -> dict:
        cfg = self.lecture
        spec = cfg.models.gpt
        prompt = cfg.generation.prompt
        tok = bpe.tokenize(prompt)
        emb = gpt.embedding_columns(prompt, head=HEAD, spec=spec)
        nxt = gpt.next_token(prompt, 1.0, top=cfg.generation.top, spec=spec)
        tally = gpt.tally(spec)
        pieces, columns = emb.pieces, emb.columns
        hidden = max(0, len(pieces) - MAX_TOKENS)
        self.shown = {
            "prompt": prompt,
            "gpt2_tokens": emb.ids == tok.ids,  # the model tokenizes with GPT-2's real BPE
            "hidden_tokens": hidden,  # earlier tokens left off screen (the last ones matter)
            "pieces": pieces[hidden:],
            "columns": columns[hidden:],
            "n_tokens": len(pieces),
            "vocab": tally.vocab_size,
            "dim": tally.dim,
            "layers": tally.layers,
            "gpt3_layers": gpt.GPT3_LAYERS,
            "temperature": nxt.temperature,
            "top_pieces": nxt.pieces,
            "top_probs": nxt.probs,
            "model_id": tally.model_id,
        }
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        badge = model_badge(s["model_id"])

        # 1. text -> tokens
        head0 = heading("Inside a transformer: follow the data")
        prompt = label(f"\u201c{s['prompt']}\u201d", style.HEADING)
        fit_width(prompt).move_to(UP * 0.8)
        self.play(FadeIn(head0), Write(prompt), run_time=1.2)
        self.wait(READ)
        self.beat("Let's follow the data through a transformer. Here is the input text.")

        colors = style.TOKEN_COLORS
        boxes = [token_box(p, colors[i % len(colors)], style.SMALL)
                 for i, p in enumerate(s["pieces"])]
        scale = max(abs(v) for col in s["columns"] for v in col) or 1.0
        columns = [number_column([float(v) for v in col], fmt="{:+.3f}") for col in s["columns"]]
        units = VGroup(*[VGroup(b, c).arrange(DOWN, buff=0.45)
                         for b, c in zip(boxes, columns, strict=True)])
        units.arrange(RIGHT, buff=0.22, aligned_edge=UP)
        if s["hidden_tokens"]:
            more_label = label(f"\u2026 {s['hidden_tokens']} earlier", style.TINY,
                               color=style.DATA)
            row = VGroup(more_label, units).arrange(RIGHT, buff=0.3)
            more_label.set_y(units[0][0].get_y())
        else:
            more_label = VGroup()
            row = units
        fit_width(row).move_to(UP * 0.85)
        toks = VGroup(*[u[0] for u in units])
        cols = VGroup(*[u[1] for u in units])
        which = "GPT-2 tokens" if s["gpt2_tokens"] else "tokens of this model's tokenizer"
        cap1 = caption(f"{s['n_tokens']} {which}, from a vocabulary of {grouped(s['vocab'])}",
                       -1.55)
        head = heading("Text is broken into tokens")
        self.play(ReplacementTransform(head0, head), FadeOut(prompt, shift=UP * 0.3),
                  LaggedStart(*[FadeIn(b, shift=DOWN * 0.2) for b in toks], lag_ratio=0.12),
                  FadeIn(more_label), FadeIn(cap1), run_time=1.5)
        self.wait(READ)
        self.beat("First the input is broken into little pieces called tokens: words, pieces of "
                  "words or other common character combinations.")

        # 2. tokens -> vectors
        head2 = heading("Each token becomes a vector")
        arrows = VGroup(*[Arrow(u[0].get_bottom(), u[1].get_top(), buff=0.06,
                                stroke_width=2, max_tip_length_to_length_ratio=0.3,
                                color=style.DATA_DIM) for u in units])
        cap2 = VGroup(label("its column of", style.SMALL),
                      MathTex("W_E", color=style.WEIGHT, font_size=style.BODY + 8),
                      label(f": {s['dim']} numbers (first {HEAD} shown)", style.SMALL))
        cap2.arrange(RIGHT, buff=0.12)
        fit_width(cap2).move_to(DOWN * 1.55)
        self.play(ReplacementTransform(head, head2), FadeOut(cap1), FadeIn(badge),
                  LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.08),
                  LaggedStart(*[FadeIn(c, shift=DOWN * 0.2) for c in cols], lag_ratio=0.08),
                  FadeIn(cap2), run_time=1.6)
        self.wait(READ)
        self.beat("Each token is associated with a vector, a list of numbers meant to encode its "
                  "meaning. These are the real first entries from our model's embedding matrix.")

        # 3. attention: vectors talk to each other
        glyphs = VGroup()
        for col, values in zip(cols, s["columns"], strict=True):
            g = vector_glyph(values, scale)
            g.move_to(col).align_to(col, UP)
            glyphs.add(g)
        glyphs.shift(DOWN * 0.1)
        head3 = heading("Attention: the vectors talk to each other")
        note = stage_note("attention and MLP drawings are schematic; the real blocks are "
                          "matrix multiplications")
        morph = [ReplacementTransform(col[1][k], glyph[k])
                 for col, glyph in zip(cols, glyphs, strict=True) for k in range(HEAD)]
        fades = [FadeOut(VGroup(col[0], col[2], col[1][HEAD:])) for col in cols]
        self.play(ReplacementTransform(head2, head3), FadeOut(cap2), *morph, *fades,
                  FadeIn(note), run_time=1.2)
        arcs = attention_arcs(glyphs)
        block = RoundedRectangle(corner_radius=0.15, width=glyphs.width + 0.6,
                                 height=glyphs.height + arcs.height + 0.5,
                                 stroke_color=style.WEIGHT, stroke_width=2.5,
                                 fill_color=style.WEIGHT, fill_opacity=0.06)
        block.move_to(VGroup(glyphs, arcs))
        cap3 = caption("context decides which vectors update which: \u201cmodel\u201d in "
                       "\u201ca machine learning model\u201d vs \u201ca fashion model\u201d",
                       block.get_bottom()[1] - 0.35)
        rng = np.random.default_rng(5)  # schematic "updated" shades
        self.play(Create(block), FadeIn(cap3), run_time=0.8)
        self.play(LaggedStart(*[Create(a) for a in arcs], lag_ratio=0.03), run_time=1.4)
        self.play(*[c.animate.set_fill(opacity=float(rng.uniform(0.15, 0.95)))
                    for g in glyphs for c in g], run_time=0.8)
        self.wait(READ)
        self.beat("The vectors pass through an attention block: they talk to each other and pass "
                  "information back and forth to update their values. The meaning of model in "
                  "'a machine learning model' differs from 'a fashion model'.")

        # 4. MLP: each vector processed alone
        head4 = heading("MLP: each vector is processed on its own")
        cells = VGroup(*[
            RoundedRectangle(corner_radius=0.08, width=g.width + 0.2, height=g.height + 0.2,
                             stroke_color=style.WEIGHT, stroke_width=2).move_to(g)
            for g in glyphs])
        mlp_block = RoundedRectangle(corner_radius=0.15, width=glyphs.width + 0.6,
                                     height=glyphs.height + 0.6, stroke_color=style.WEIGHT,
                                     stroke_width=2.5, fill_color=style.WEIGHT,
                                     fill_opacity=0.06).move_to(glyphs)
        cap4 = caption("multilayer perceptron (feed-forward): the same operation on every "
                       "vector, in parallel, no talking", cap3.get_y())
        self.play(ReplacementTransform(head3, head4), FadeOut(arcs), FadeOut(cap3),
                  Transform(block, mlp_block), FadeIn(cap4), run_time=0.8)
        self.play(LaggedStart(*[Create(c) for c in cells], lag_ratio=0.0), run_time=0.7)
        self.play(*[c.animate.set_fill(opacity=float(rng.uniform(0.15, 0.95)))
                    for g in glyphs for c in g], run_time=0.8)
        self.wait(READ)
        self.beat("Then a multilayer perceptron, or feed-forward layer. Here the vectors don't "
                  "talk to each other: they all go through the same operation in parallel, a bit "
                  "like asking each vector a long list of questions.")

        # 5. repeat x N
        head5 = heading("Repeat: attention, MLP, attention, MLP, \u2026")
        strip = self._layer_strip(s["layers"])
        strip.move_to(DOWN * 2.2)
        count = VGroup(
            label(f"\u00d7 {s['layers']} layers in this GPT", style.SMALL, color=style.HIGHLIGHT),
            label(f"GPT-3: \u00d7 {s['gpt3_layers']} (reference)", style.SMALL,
                  color=style.DATA),
        ).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        row = VGroup(strip, count).arrange(RIGHT, buff=0.4)
        fit_width(row).move_to(DOWN * 2.45)
        self.play(ReplacementTransform(head4, head5), FadeOut(cap4), FadeOut(cells),
                  ReplacementTransform(block, strip[0][0]), run_time=1.0)
        self.play(FadeIn(strip[0][1]),
                  LaggedStart(*[FadeIn(m) for m in strip[1:]], lag_ratio=0.1),
                  FadeIn(count), run_time=1.2)
        self.wait(READ)
        self.beat(f"The process repeats, back and forth between attention blocks and MLP blocks: "
                  f"{s['layers']} times in our small GPT, 96 in GPT-3. The hope is that by the "
                  "end all the essential meaning of the passage is baked into the very last "
                  "vector.")

        # 6. the last vector -> W_U -> softmax -> probabilities
        head6 = heading("The last vector becomes a prediction")
        last_tok, last = toks[-1], glyphs[-1]
        ring = highlight_box(last)
        self.play(ReplacementTransform(head5, head6), FadeIn(ring),
                  *[m.animate.set_opacity(0.25) for m in (*toks[:-1], *glyphs[:-1])],
                  FadeOut(arrows), FadeOut(more_label), run_time=0.9)
        pipe = self._prediction_pipe(s)
        vec_target = pipe["vector"]
        tok_target = last_tok.copy().next_to(last.copy().move_to(vec_target), UP, buff=0.3)
        self.play(FadeOut(VGroup(*toks[:-1], *glyphs[:-1], strip, count)),
                  last.animate.move_to(vec_target), ring.animate.move_to(vec_target),
                  last_tok.animate.move_to(tok_target), run_time=1.0)
        self.play(Create(pipe["arrows"][0]), FadeIn(pipe["w_u"]), run_time=0.8)
        self.play(Create(pipe["arrows"][1]), FadeIn(pipe["logits"]), run_time=0.8)
        self.play(Create(pipe["arrows"][2]), FadeIn(pipe["softmax"]),
                  LaggedStart(*[FadeIn(r, shift=RIGHT * 0.2) for r in pipe["bars"]],
                              lag_ratio=0.1),
                  FadeIn(pipe["bars_caption"]), run_time=1.4)
        self.wait(READ)
        self.beat("One final operation on that last vector: the unembedding matrix W_U gives one "
                  "number per token, and softmax turns those into a probability distribution over "
                  "every token that might come next. These are the model's real top guesses.")

    def _layer_strip(self, layers: int) -> VGroup:
        """Alternating Attention / MLP chips for each layer (an ellipsis past MAX_CHIP_LAYERS)."""
        parts = VGroup()
        shown = min(layers, MAX_CHIP_LAYERS)
        for _ in range(shown):
            for name in ("Attention", "MLP"):
                text = label(name, style.TINY)
                chip = RoundedRectangle(corner_radius=0.08, width=text.width + 0.25, height=0.45,
                                        stroke_color=style.WEIGHT, stroke_width=2,
                                        fill_color=style.WEIGHT, fill_opacity=0.06)
                text.move_to(chip)
                parts.add(VGroup(chip, text))
        if layers > shown:
            parts.add(label("\u22ef", style.SMALL))
        parts.arrange(RIGHT, buff=0.12)
        return parts

    def _prediction_pipe(self, s: dict) -> dict:
        """Last vector -> W_U block -> logits column -> softmax -> bars, left to right."""
        y = -0.1
        vec_slot = Rectangle(width=0.3, height=0.3 * HEAD + 0.04 * (HEAD - 1))
        w_u = VGroup(weight_block(1.4, 2.0))
        w_u.add(MathTex("W_U", color=style.WEIGHT).move_to(w_u[0]))
        shape = label(f"{grouped(s['vocab'])} \u00d7 {s['dim']}", style.TINY, color=style.DATA)
        shape.next_to(w_u[0], DOWN, buff=0.15)
        w_u.add(shape)
        logits = VGroup(Rectangle(width=0.3, height=2.4, stroke_color=style.DATA,
                                  stroke_width=1.5, fill_color=style.DATA, fill_opacity=0.3))
        lg_label = VGroup(label(grouped(s["vocab"]), style.TINY, color=style.DATA),
                          label("logits", style.TINY, color=style.DATA)).arrange(DOWN, buff=0.08)
        lg_label.next_to(logits[0], DOWN, buff=0.15)
        logits.add(lg_label)
        soft = label("softmax", style.SMALL, color=style.TEXT)
        bars = prob_bars(s["top_pieces"], s["top_probs"], width=3.2)
        chain = VGroup(vec_slot, w_u[0], logits[0], soft, bars)
        chain.arrange(RIGHT, buff=0.9)
        fit_width(chain)
        chain.move_to(UP * y)
        w_u[1].move_to(w_u[0])
        shape.next_to(w_u[0], DOWN, buff=0.15)
        lg_label.next_to(logits[0], DOWN, buff=0.15)
        soft.shift(LEFT * 0.25)
        arrows = VGroup(*[
            Arrow(a.get_right(), b.get_left(), buff=0.12, stroke_width=2.5, color=style.DATA)
            for a, b in ((vec_slot, w_u[0]), (w_u[0], logits[0]), (logits[0], bars))
        ])
        arrows[2].shift(DOWN * 0.35)
        soft.next_to(arrows[2], UP, buff=0.1)
        total = f"probabilities of the next token (T = {s['temperature']:g}), top " \
                f"{len(s['top_probs'])} of {grouped(s['vocab'])}"
        bars_caption = label(total, style.TINY, color=style.DATA)
        bars_caption.next_to(bars, DOWN, buff=0.3)
        if bars_caption.get_right()[0] > 7.0:
            bars_caption.shift(LEFT * (bars_caption.get_right()[0] - 6.9))
        return {"vector": vec_slot.get_center(), "w_u": w_u, "logits": logits, "softmax": soft,
                "bars": bars, "bars_caption": bars_caption, "arrows": arrows}


class WeightsVsDataScene(LectureSlide):
    """The premise of deep learning: weights vs data, weighted sums, matrix-vector products."""

    def gather(self) -> dict:
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
        self.shown = {
            "prompt": prompt,
            "real_product": real,  # W_U rows (tied to W_E) times the real last hidden vector
            "row_pieces": tuple(r[0] for r in rows) if real else (),
            "w_u_rows": tuple(r[1] for r in rows) if real else (),
            "logits": tuple(r[2] for r in rows) if real else (),
            "hidden_head": unemb.hidden[:3],
            "w_u_shape": unemb.w_u_shape,
            "small_total": tally.total,
            "gpt3_total": gpt.GPT3_TOTAL_WEIGHTS,
            "gpt3_matrices": gpt.GPT3_MATRICES,
            "categories": CATEGORIES,
            "model_id": tally.model_id,
        }
        return self.shown

    def construct(self) -> None:
        s = self.gather()
        badge = model_badge(s["model_id"])

        # 1. linear regression: two parameters
        head = heading("Machine learning: data decides how the model behaves")
        axes = Axes(x_range=[0, 10, 2], y_range=[0, 10, 2], x_length=4.6, y_length=3.4,
                    axis_config={"color": style.DATA_DIM, "include_ticks": False})
        x_lab = label("square footage", style.TINY, color=style.DATA)
        x_lab.next_to(axes.x_axis, DOWN, buff=0.15)
        y_lab = label("price", style.TINY, color=style.DATA).rotate(math.pi / 2)
        y_lab.next_to(axes.y_axis, LEFT, buff=0.15)
        rng = np.random.default_rng(3)  # illustrative houses: a known line plus noise
        xs = rng.uniform(1, 9.5, 18)
        ys = 0.8 * xs + 1.2 + rng.normal(0, 0.7, xs.size)
        dots = VGroup(*[Dot(axes.c2p(x, y), radius=0.05, color=style.DATA)
                        for x, y in zip(xs, ys, strict=True)])
        line = axes.plot(lambda x: 0.8 * x + 1.2, x_range=[0, 10], color=style.WEIGHT)
        plot = VGroup(axes, x_lab, y_lab, dots, line).move_to(LEFT * 3.4 + DOWN * 0.4)
        formula = MathTex("y", "=", "m", "x", "+", "b")
        for k, c in ((0, style.DATA), (2, style.WEIGHT), (3, style.DATA), (5, style.WEIGHT)):
            formula[k].set_color(c)
        formula.next_to(axes, UP, buff=0.2)
        two = label("2 parameters: slope m, intercept b", style.SMALL)
        two.next_to(formula, RIGHT, buff=0.4)
        note = stage_note("illustrative house prices")
        self.play(FadeIn(head), Create(axes), FadeIn(x_lab, y_lab), FadeIn(note), run_time=1.0)
        self.play(LaggedStart(*[FadeIn(d, scale=0.5) for d in dots], lag_ratio=0.05),
                  run_time=1.0)
        self.play(Create(line), Write(formula), run_time=1.0)
        self.play(FadeIn(two), run_time=0.5)
        self.wait(READ)
        self.beat("Machine learning: instead of coding a procedure, set up a flexible structure "
                  "with tunable parameters and use examples to tune them. Linear regression: a "
                  "line through house prices, two parameters, the slope and the intercept.")

        gpt3 = VGroup(
            label("GPT-3", style.HEADING),
            label(f"{grouped(s['gpt3_total'])} parameters", style.BODY, color=style.WEIGHT),
            label("\u2248 175 billion (reference figure)", style.SMALL, color=style.DATA),
        ).arrange(DOWN, buff=0.2)
        ours = VGroup(
            label("the small GPT in this film", style.SMALL),
            label(f"{grouped(s['small_total'])} parameters", style.BODY, color=style.WEIGHT),
        ).arrange(DOWN, buff=0.15)
        right = VGroup(gpt3, ours).arrange(DOWN, buff=0.7).move_to(RIGHT * 3.6 + DOWN * 0.4)
        self.play(FadeIn(gpt3, shift=UP * 0.2), run_time=1.0)
        self.play(FadeIn(ours, shift=UP * 0.2), FadeIn(badge), run_time=0.8)
        self.wait(READ)
        self.beat("Deep learning models get much more complicated: GPT-3 has not two but 175 "
                  "billion parameters. Our small GPT has these, counted from the model itself.")

        # 2. weighted sums -> a matrix-vector product
        self.play(FadeOut(VGroup(plot, formula, two, right, note, badge)), run_time=0.6)
        head2 = heading("Weights touch data only through weighted sums")
        sums = VGroup(*[
            MathTex(f"y_{i}", "=", f"w_{{{i}1}}", "x_1", "+", f"w_{{{i}2}}", "x_2", "+",
                    f"w_{{{i}3}}", "x_3") for i in (1, 2, 3)
        ]).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        for eq in sums:
            for k in (0, 3, 6, 9):
                eq[k].set_color(style.DATA)
            for k in (2, 5, 8):
                eq[k].set_color(style.WEIGHT)
        sums.move_to(UP * 0.3)
        self.play(ReplacementTransform(head, head2), Write(sums[0]), run_time=1.2)
        self.play(FadeIn(sums[1:], shift=DOWN * 0.2), run_time=0.8)
        self.wait(READ)
        self.beat("The parameters are called weights because the only way they interact with the "
                  "data is through weighted sums; some nonlinear functions are sprinkled in, but "
                  "they have no parameters.")

        head3 = heading("\u2026 packaged as a matrix times a vector")
        w = Matrix([[f"w_{{{i}{j}}}" for j in (1, 2, 3)] for i in (1, 2, 3)],
                   h_buff=1.05, v_buff=0.75)
        w.get_entries().set_color(style.WEIGHT)
        w.get_brackets().set_color(style.WEIGHT)
        x = Matrix([["x_1"], ["x_2"], ["x_3"]], v_buff=0.75)
        y = Matrix([["y_1"], ["y_2"], ["y_3"]], v_buff=0.75)
        for v in (x, y):
            v.set_color(style.DATA)
        eq = MathTex("=")
        product = VGroup(y, eq, w, x).arrange(RIGHT, buff=0.3)
        legend = VGroup(
            legend_entry((style.WEIGHT_POS, style.WEIGHT_NEG), "weights",
                         "blue > 0, red < 0: learned in training, the brains"),
            legend_entry((style.DATA,), "data", "gray: the input of one run, e.g. a text"),
        ).arrange(RIGHT, buff=1.0, aligned_edge=UP)
        product.move_to(UP * 0.9)
        each = caption("each output component is one of those weighted sums",
                       product.get_bottom()[1] - 0.45)
        fit_width(legend).move_to(DOWN * 2.0)
        moves = [FadeOut(VGroup(*[m[k] for m in sums for k in (1, 4, 7)]))]
        for i, row in enumerate(sums):
            moves.append(ReplacementTransform(row[0], y.get_entries()[i]))
            for j in range(3):
                moves.append(ReplacementTransform(row[2 + 3 * j], w.get_entries()[3 * i + j]))
                target = x.get_entries()[j] if i == 0 else x.get_entries()[j].copy()
                moves.append(ReplacementTransform(row[3 + 3 * j], target))
        self.play(ReplacementTransform(head2, head3), *moves, FadeIn(eq),
                  FadeIn(VGroup(w.get_brackets(), x.get_brackets(), y.get_brackets())),
                  run_time=1.6)
        self.remove(*self.mobjects)  # the moved pieces now live in ``product``
        self.add(head3, product)
        self.play(FadeIn(each), run_time=0.5)
        self.play(FadeIn(legend[0], shift=LEFT * 0.2),
                  Indicate(w.get_entries(), color=style.WEIGHT_POS), run_time=1.0)
        self.play(FadeIn(legend[1], shift=LEFT * 0.2),
                  Indicate(x.get_entries(), color=style.TEXT), run_time=1.0)
        self.wait(READ)
        self.beat("Each component of a matrix-vector product is a weighted sum. Draw a sharp "
                  "line: weights, always blue or red, are the brains learned in training; data, "
                  "always gray, just encodes the input fed in on a given run.")

        # 3. a real one: W_U times the last vector
        current = head3
        if s["real_product"]:
            current = self._real_product(s, head3, VGroup(product, legend, each), badge)

        # 4. GPT-3: 175 billion weights in just under 28,000 matrices of 8 categories
        head5 = heading("GPT-3's weights, by matrix category")
        total = VGroup(
            label(f"{grouped(s['gpt3_total'])} weights", style.HEADING, color=style.WEIGHT),
            label(f"in {grouped(s['gpt3_matrices'])} matrices (just under 28,000), "
                  f"{len(s['categories'])} categories", style.BODY),
        ).arrange(DOWN, buff=0.25).move_to(UP * 1.7)
        chips = VGroup()
        for name in s["categories"]:
            text = label(name, style.SMALL)
            chip = RoundedRectangle(corner_radius=0.1, width=2.9, height=0.75,
                                    stroke_color=style.WEIGHT, stroke_width=2,
                                    fill_color=style.WEIGHT, fill_opacity=0.12)
            text.move_to(chip)
            chips.add(VGroup(chip, text))
        chips.arrange_in_grid(rows=2, cols=4, buff=(0.3, 0.35)).move_to(DOWN * 0.9)
        ref = caption("GPT-3 reference figures quoted in the chapter", -2.5, style.TINY,
                      style.DATA)
        self.play(*[FadeOut(m) for m in self.mobjects if m is not current],
                  ReplacementTransform(current, head5), run_time=0.6)
        self.play(FadeIn(total, shift=DOWN * 0.2), FadeIn(ref), run_time=1.0)
        self.play(LaggedStart(*[FadeIn(c, shift=UP * 0.2) for c in chips], lag_ratio=0.12),
                  run_time=1.5)
        self.wait(READ)
        self.beat("Those 175 billion weights in GPT-3 are organized into just under 28,000 "
                  "matrices, which fall into eight categories: embedding, key, query, value, "
                  "output, up-projection, down-projection, unembedding. We will step through "
                  "each category.")

    def _real_product(self, s: dict, head: Mobject, old: VGroup, badge: Mobject) -> Mobject:
        """W_U (3 real rows, tied to W_E) times the real last vector h = the real logits."""
        head4 = heading("Almost everything is a matrix times a vector")
        rows = []
        for values in s["w_u_rows"]:
            rows.append([label(entry(v), style.SMALL, color=signed_color(v), mono=True)
                         for v in values] + [label("\u22ef", style.SMALL, color=style.WEIGHT)])
        rows.append([label("\u22ee", style.SMALL, color=style.WEIGHT) for _ in range(4)])
        w_u = MobjectMatrix(rows, h_buff=1.35, v_buff=0.6)
        w_u.get_brackets().set_color(style.WEIGHT)
        h = MobjectMatrix([[label(entry(v), style.SMALL, color=style.DATA, mono=True)]
                           for v in s["hidden_head"]] + [[label("\u22ee", style.SMALL,
                                                                color=style.DATA)]],
                          v_buff=0.6)
        logits = MobjectMatrix([[label(entry(v), style.SMALL, color=style.DATA, mono=True)]
                                for v in s["logits"]] + [[label("\u22ee", style.SMALL,
                                                               color=style.DATA)]],
                               v_buff=0.6)
        for m in (h, logits):
            m.get_brackets().set_color(style.DATA)
        eq = MathTex("=")
        prod = VGroup(w_u, h, eq, logits).arrange(RIGHT, buff=0.3)
        names = VGroup(*[label(show_piece(p), style.SMALL, mono=True) for p in s["row_pieces"]])
        for name, row in zip(names, w_u.get_rows()[:3], strict=True):
            name.next_to(w_u, LEFT, buff=0.25).set_y(row.get_y())
        group = VGroup(names, prod)
        fit_width(group).move_to(DOWN * 0.2)
        v, d = s["w_u_shape"]
        tops = VGroup(
            VGroup(MathTex("W_U", color=style.WEIGHT),
                   label(f"{grouped(v)} \u00d7 {d}", style.TINY, color=style.DATA)),
            VGroup(MathTex(r"\vec{h}", color=style.DATA),
                   label("the last vector", style.TINY, color=style.DATA)),
            VGroup(MathTex(r"\text{logits}", color=style.DATA),
                   label("one per token", style.TINY, color=style.DATA)),
        )
        for t, target in zip(tops, (w_u, h, logits), strict=True):
            t.arrange(DOWN, buff=0.1).next_to(target, UP, buff=0.25)
        tops.align_to(tops[0], DOWN)
        cap = caption(f"each logit is a weighted sum of {d} terms: one row times the last vector",
                      -2.45)
        self.play(FadeOut(old), ReplacementTransform(head, head4), run_time=0.6)
        self.play(FadeIn(w_u), FadeIn(names), FadeIn(tops[0]), FadeIn(badge), run_time=1.0)
        self.play(FadeIn(h), FadeIn(tops[1]), run_time=0.7)
        self.play(FadeIn(eq), FadeIn(logits), FadeIn(tops[2]), FadeIn(cap), run_time=0.8)
        row_box = highlight_box(VGroup(*w_u.get_rows()[0]))
        h_box = highlight_box(h.get_entries())
        out_box = highlight_box(logits.get_entries()[0])
        self.play(Create(row_box), Create(h_box), run_time=0.6)
        self.play(ReplacementTransform(VGroup(row_box.copy(), h_box.copy()), out_box),
                  run_time=0.8)
        self.wait(READ)
        self.beat("A real example from the very end of our model: W_U, whose rows are real "
                  "weights, blue when positive and red when negative, times the gray last vector, "
                  "gives the logits. Almost all of the computation looks like this: a matrix "
                  "times a vector.")
        return head4
