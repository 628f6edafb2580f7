"""Tokens and the embedding matrix: text -> GPT-2 tokens -> columns plucked out of W_E.

Every number comes from livenumbers: the token ids from GPT-2's real BPE, the vectors and W_E's
shape from the small GPT, GPT-3's figures from the chapter's reference constants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UL,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    Text,
    Transform,
    VGroup,
    VMobject,
    Write,
    linear,
)

from livenumbers import gpt
from livenumbers import tokens as bpe
from scenes.common import style
from scenes.common.motion import fade_all_but, fade_in, fade_out, light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    grouped,
    label,
    light_column,
    model_badge,
    scene_title,
    show_piece,
    stage_note,
    tex_grouped,
    token_box,
)

MAX_TOKENS = 8  # more token boxes (each with its vector, in body type) do not fit across
HEAD = 3  # entries of each vector shown before the ellipsis (few, so they can be read)
PATCH_COLUMNS = 48  # W_E's drawn columns (its stripes): a patch of real values fills them
PATCH_ROWS = 8
QUOTE_CHARS = 90  # longer sentences are quoted shortened (the token row shows the start anyway)
ROW_WIDTH = style.ROW_WIDTH


def quote_text(text: str, limit: int = QUOTE_CHARS) -> str:
    """The sentence as quoted on screen: one line, shortened with an ellipsis when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def weight_matrix(width: float, height: float, stripes: int = 0, vertical: bool = True,
                  color: str = style.WEIGHT) -> VGroup:
    """A weight matrix as a blue block; ``stripes`` faint lines suggest its columns (or rows)."""
    block = Rectangle(width=width, height=height, stroke_color=color, stroke_width=2,
                      fill_color=color, fill_opacity=0.18)
    lines = VGroup()
    for k in range(1, stripes):
        f = k / stripes
        if vertical:
            x = block.get_left()[0] + f * width
            lines.add(Line([x, block.get_bottom()[1], 0], [x, block.get_top()[1], 0]))
        else:
            y = block.get_bottom()[1] + f * height
            lines.add(Line([block.get_left()[0], y, 0], [block.get_right()[0], y, 0]))
    lines.set_stroke(color, 1, opacity=0.35)
    return VGroup(block, lines)


def weights_in(matrix_tex: str, size: int = style.SMALL) -> VGroup:
    """'weights in W_E' with the matrix name typeset as in the formulas."""
    words = label("weights in", size, color=style.DATA)
    name = MathTex(matrix_tex, color=style.WEIGHT, font_size=size * 1.5)
    return VGroup(words, name).arrange(RIGHT, buff=0.12, aligned_edge=DOWN)


def token_row(pieces: Sequence[str], size: int = style.SMALL, buff: float = 0.12) -> VGroup:
    """Tokens in coloured boxes, left to right: the same token always gets the same colour
    (the next from the shared cycle when it first appears)."""
    palette = token_palette(pieces)
    row = VGroup(*[token_box(p, palette[p], size) for p in pieces])
    return row.arrange(RIGHT, buff=buff)


def token_palette(pieces: Sequence[str]) -> dict[str, str]:
    """Each distinct token's colour, in order of first appearance through the shared cycle."""
    colors = style.TOKEN_COLORS
    palette: dict[str, str] = {}
    for p in pieces:
        palette.setdefault(p, colors[len(palette) % len(colors)])
    return palette


@dataclass(frozen=True)
class TokensFacts:
    """What TokensScene draws: the sentence's tokens, their W_E columns and W_E's size."""

    text: str
    quoted: str  # the sentence as quoted on screen (one line, maybe shortened)
    pieces: tuple[str, ...]  # the first MAX_TOKENS tokens (the ones drawn)
    ids: tuple[int, ...]
    kinds: tuple[str, ...]  # each drawn token: word, fragment, punctuation or other
    hidden_tokens: int  # tokens of the sentence not drawn
    vocab_size: int
    columns: tuple[tuple[float, ...], ...]  # the first HEAD entries of each drawn token's column
    w_e_shape: tuple[int, int]  # (vocabulary, dimension) of the live model
    patch: gpt.EmbeddingPatch  # a patch of W_E, trained and as a fresh model starts it
    w_e_weights: int
    gpt3_vocab: int
    gpt3_dim: int
    gpt3_weights: int
    gpt3_total: int
    model_id: str


class TokensScene(LectureSlide):
    """The configured sentence as GPT-2 tokens, each plucked as a column of W_E; W_E's size."""

    def gather(self) -> TokensFacts:
        """Tokenize the sentence, read each token's W_E column and W_E's shape (no animation)."""
        text = self.lecture.tokens.text
        spec = self.lecture.models.gpt
        tok = bpe.tokenize(text)
        cols = gpt.embedding_columns(text, head=HEAD, spec=spec)
        vocab, dim = cols.w_e_shape
        n = min(len(tok.ids), MAX_TOKENS)
        patch = gpt.embedding_patch(columns=PATCH_COLUMNS, rows=PATCH_ROWS, spec=spec)
        return TokensFacts(
            text=tok.text, quoted=quote_text(tok.text), pieces=tok.pieces[:n], ids=tok.ids[:n],
            kinds=bpe.piece_kinds(tok.pieces)[:n],
            hidden_tokens=len(tok.ids) - n, vocab_size=tok.vocab_size,
            columns=cols.columns[:n], w_e_shape=cols.w_e_shape, patch=patch,
            w_e_weights=vocab * dim,
            gpt3_vocab=gpt.GPT3_VOCAB, gpt3_dim=gpt.GPT3_DIM,
            gpt3_weights=gpt.GPT3_EMBEDDING_WEIGHTS, gpt3_total=gpt.GPT3_TOTAL_WEIGHTS,
            model_id=cols.model_id)

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        n = len(s.pieces)
        vocab_n, dim = s.w_e_shape
        title = scene_title("Tokens and the embedding matrix")
        quoted = fit_width(label(f"\u201c{s.quoted}\u201d", style.BODY), ROW_WIDTH)
        quoted.next_to(title, DOWN, buff=0.35).set_x(0)
        boxes, ids, columns = self._token_layout(s)
        letters, letters_note = self._letters(s, boxes)
        with self.narrate("A language model never reads raw letters. Its very first move is to "
                          "chop the text into small pieces called tokens. This is the sentence "
                          "we will follow through that step.") as beat:
            self.play(FadeIn(title), Write(quoted), run_time=1.5)
            cells = [c for token in letters for c in token]
            self.play(LaggedStart(*[FadeIn(c, shift=DOWN * 0.15) for c in cells],
                                  lag_ratio=0.03), FadeIn(letters_note), run_time=2.4)
            self.wait_for_words(beat, "called tokens.")
            self.play(*[token.animate.arrange(RIGHT, buff=0).move_to(box)
                        for token, box in zip(letters, boxes, strict=True)], run_time=1.4)

        ids_note, more_note = self._id_notes(s, ids)
        shown_words = (f"the first {n} of its {n + s.hidden_tokens} tokens are drawn"
                       if s.hidden_tokens else f"it becomes {n} tokens")
        with self.narrate(f"GPT-2's tokenizer cuts it up, and {shown_words}: whole words, "
                          "fragments of words and punctuation. The small open box marks a token "
                          "that starts with a space.") as beat:
            self.play(quoted.animate.set_opacity(0.35), FadeOut(letters), FadeOut(letters_note),
                      LaggedStart(*[FadeIn(b, scale=1.1) for b in boxes], lag_ratio=0.12),
                      run_time=1.8)
            # each kind lights as it is named (the kinds come from the real tokenization)
            spaced = [b for b, p in zip(boxes, s.pieces, strict=True) if p[:1].isspace()]
            for phrase, group in (
                    ("whole words", self._of_kind(boxes, s.kinds, "word")),
                    ("fragments of words", self._of_kind(boxes, s.kinds, "fragment")),
                    ("punctuation", self._of_kind(boxes, s.kinds, "punctuation")),
                    ("The small open box", spaced)):
                self.wait_for_words(beat, phrase)
                if group:
                    self.play(light(VGroup(*group)), run_time=0.6)

        with self.narrate("Underneath each piece is its id. To the model a token is just this "
                          "number: where the piece sits in one fixed list.") as beat:
            self.play(LaggedStart(*[FadeIn(i) for i in ids], lag_ratio=0.08), FadeIn(ids_note),
                      FadeIn(more_note), run_time=1.2)
            self.wait_for_words(beat, "just this number")
            self.play(light_in_turn(ids, lag_ratio=0.15), run_time=1.5)
            self.wait_for_words(beat, "one fixed list")
            self.play(light(ids_note), run_time=1.0)

        vocab = label(f"vocabulary: {grouped(s.vocab_size)} tokens", style.BODY,
                      color=style.HIGHLIGHT).move_to(quoted)
        with self.narrate(f"That list, the vocabulary, has {grouped(s.vocab_size)} entries. "
                          "GPT-2 and GPT-3 use exactly this one, and so does the small model "
                          "running here.") as beat:
            self.play(FadeOut(quoted), FadeIn(vocab, shift=UP * 0.2))
            self.wait_for_words(beat, "GPT-2 and GPT-3")
            self.play(light(vocab, color=style.TEXT), run_time=1.0)
            self.wait_for_words(beat, "the small model")  # its tokens are these very ids
            self.play(light(VGroup(*boxes, *ids)), run_time=1.0)

        w_e, w_e_parts = self._embedding_matrix(s)
        name, shape, badge, note = w_e_parts
        sweep = Rectangle(width=w_e.width / PATCH_COLUMNS, height=w_e.height, stroke_width=0,
                          fill_color=style.HIGHLIGHT, fill_opacity=0.6)
        sweep.move_to(w_e).align_to(w_e, LEFT)
        noise, noise_note = self._patch(w_e, s.patch.untrained, "untrained",
                                        s.patch.init_seed)
        trained, trained_note = self._patch(w_e, s.patch.trained, "trained")
        with self.narrate("The first weights the text meets form the embedding matrix, W_E. It "
                          "has one column for every token in the vocabulary, and in our model "
                          f"each column holds {dim} numbers. Training sets those numbers: they "
                          "begin as random noise, and training tunes every one.") as beat:
            self.play(Create(w_e), FadeIn(name), FadeIn(badge), run_time=1.5)
            self.wait_for_words(beat, "one column for every token")
            self.add(sweep)
            self.play(sweep.animate.align_to(w_e, RIGHT),
                      run_time=self.seconds_until(beat, "in our model", least=1.5),
                      rate_func=linear)
            self.remove(sweep)
            self.play(FadeIn(shape, shift=UP * 0.1), run_time=0.8)
            self.wait_for_words(beat, "begin as random noise")
            self.play(FadeIn(noise), FadeIn(noise_note), FadeIn(note), run_time=1.0)
            self.wait_for_words(beat, "training tunes")
            # the cells morph in place; the note is replaced whole (a letter morph garbles it)
            self.play(Transform(noise, trained), FadeOut(noise_note, shift=UP * 0.15),
                      FadeIn(trained_note, shift=UP * 0.15), run_time=2.0)
        w_e.add(noise)  # the trained values stay on the matrix
        w_e_parts.append(trained_note)

        strips = self._strips(s, w_e)
        with self.narrate("Embedding a token means looking up its column by id and copying it "
                          f"out. On screen are the first {HEAD} of the {dim} real values in each "
                          "column."):
            self.play(LaggedStart(*[FadeIn(st) for st in strips], lag_ratio=0.1), run_time=1.2)
            self.play(LaggedStart(*[st.animate.stretch_to_fit_height(col.height).move_to(col)
                                    for st, col in zip(strips, columns, strict=True)],
                                  lag_ratio=0.1), run_time=2.0)
            self.play(*fade_out(*strips), *fade_in(*columns), run_time=0.8)

        with self.narrate("Notice what these vectors lack. Each one was fetched for its own "
                          "token alone, so at this stage it carries nothing about the words "
                          "around it. Adding that context is the job of the rest of the "
                          "network.") as beat:
            self.play(*[light(c, scale=1.05)
                        for c in columns], run_time=1.2)
            self.wait_for_words(beat, "fetched for its own")  # each column with its own token
            self.play(light_in_turn([VGroup(b, c) for b, c in zip(boxes, columns, strict=True)],
                                    lag_ratio=0.25),
                      run_time=self.seconds_until(beat, "token alone,", least=2.0))
            self.wait_for_words(beat, "Adding that context")  # what the network will add
            self.play(light(VGroup(*boxes)),
                      run_time=1.2)

        badge = w_e_parts[2]
        live, ref, scale_note = self._compare_sizes(s)
        ref_x = ref.get_x()
        with self.narrate(f"How big is this matrix in GPT-3? The same {grouped(s.gpt3_vocab)} "
                          f"tokens, each with {grouped(s.gpt3_dim)} dimensions: just over "
                          f"{s.gpt3_weights // 1_000_000} million weights. That is the first entry "
                          f"in a tally that has to reach about {s.gpt3_total / 1e9:.0f} "
                          "billion.") as beat:
            fade_all_but(self, title, run_time=0.8)  # GPT-3's figures alone: no small-GPT badge
            ref.shift(LEFT * ref.get_x())  # alone, GPT-3's matrix takes the middle of the frame
            self.play(FadeIn(ref[0]), Create(ref[4]), run_time=1.2)
            self.wait_for_words(beat, "each with")
            self.play(FadeIn(ref[1]), Write(ref[2][0]), run_time=1.0)
            self.wait_for_words(beat, "just over")
            self.play(Write(ref[2][1]), FadeIn(ref[3]), run_time=1.0)
            self.wait_for_words(beat, "the first entry")
            self.play(light(ref[2][1], scale=1.1), run_time=1.0)

        with self.narrate(f"Our small model keeps the whole vocabulary but uses only {dim} "
                          "dimensions, so its embedding matrix holds about "
                          f"{s.w_e_weights / 1e6:.1f} million weights. The heights are drawn to "
                          "scale, so you can compare the two at a glance.") as beat:
            self.play(ref.animate.shift(RIGHT * ref_x), run_time=1.0)  # room for ours
            self.play(FadeIn(live[0]), Create(live[4]), FadeIn(badge), run_time=1.0)
            self.wait_for_words(beat, "uses only")
            self.play(FadeIn(live[1]), light(live[4], scale=1.1), run_time=1.0)
            self.wait_for_words(beat, "holds about")
            self.play(Write(live[2]), FadeIn(live[3]), run_time=1.2)
            self.wait_for_words(beat, "drawn to")
            self.play(FadeIn(scale_note), light(VGroup(live[4], ref[4])), run_time=1.2)

    # ------------------------------------------------------------------ layout helpers

    def _token_layout(self, s: TokensFacts) -> tuple[VGroup, VGroup, VGroup]:
        """Token boxes, their ids and their vectors in one row of equal-width slots."""
        # body type for what a viewer must read from the back of a lecture hall
        boxes = token_row(s.pieces, size=style.BODY)
        ids = VGroup(*[label(str(i), style.BODY, color=style.DATA, mono=True) for i in s.ids])
        columns = VGroup(*[light_column(c, size=style.BODY, fmt="{:+.2f}") for c in s.columns])
        slots = VGroup(*[Rectangle(width=max(box.width, tid.width, col.width), height=0.1,
                                   stroke_width=0, fill_opacity=0)
                         for box, tid, col in zip(boxes, ids, columns, strict=True)])
        slots.arrange(RIGHT, buff=0.2)
        for slot, box, tid, col in zip(slots, boxes, ids, columns, strict=True):
            box.set_x(slot.get_x())
            tid.set_x(slot.get_x())
            col.set_x(slot.get_x())
        everything = VGroup(slots, boxes, ids, columns)
        boxes.set_y(1.8)
        ids.set_y(boxes.get_bottom()[1] - 0.3)
        for col in columns:
            col.set_y(ids.get_bottom()[1] - 0.65 - col.height / 2)  # room for the ids' note
        fit_width(everything, ROW_WIDTH)
        everything.set_x(0)
        return boxes, ids, columns

    @staticmethod
    def _letters(s: TokensFacts, boxes: VGroup) -> tuple[VGroup, VMobject]:
        """The drawn tokens' text as single characters in a row across the middle of the frame.

        One group per token box: its characters in cells as wide as they are in the box's
        text, so a group closed up (arranged without gaps) is exactly its token's text.
        """
        letters = VGroup()
        for piece, box in zip(s.pieces, boxes, strict=True):
            shown = show_piece(piece)
            k = box[1].width / label(shown, style.BODY, mono=True).width  # the row's scale
            cells = VGroup()
            for ch in shown:
                glyph = label(ch, style.BODY, color=style.TEXT, mono=True).scale(k)
                cell = Rectangle(width=box[1].width / len(shown), height=box[0].height * 0.8,
                                 stroke_color=style.DATA_DIM, stroke_width=1.2)
                cells.add(VGroup(cell, glyph.move_to(cell)))
            letters.add(cells)
        row = VGroup(*[c for cells in letters for c in cells]).arrange(RIGHT, buff=0.06)
        fit_width(row, ROW_WIDTH).move_to([0, 0.2, 0])
        note = label(f"{len(row)} characters: letters, spaces, punctuation", style.SMALL,
                     color=style.DATA).next_to(row, DOWN, buff=0.3)
        return letters, note

    @staticmethod
    def _id_notes(s: TokensFacts, ids: VGroup) -> tuple[VGroup, VGroup]:
        """'token ids' under the ids and, for a long sentence, how many tokens are not drawn."""
        ids_note = label("\u2191 token ids (positions in the vocabulary)", style.SMALL,
                         color=style.DATA)
        ids_note.next_to(ids, DOWN, buff=0.1).align_to(ids, LEFT)
        more_note = VGroup()
        if s.hidden_tokens:
            more = s.hidden_tokens
            more_note = label(f"\u2026 and {more} more token{'s' if more > 1 else ''} not shown",
                              style.SMALL, color=style.DATA)
            more_note.next_to(ids, DOWN, buff=0.1).align_to(ids, RIGHT)
        return ids_note, more_note

    @staticmethod
    def _embedding_matrix(s: TokensFacts) -> tuple[VGroup, list]:
        """W_E as a wide block with its name, shape, the model badge and a not-to-scale note."""
        vocab_n, dim = s.w_e_shape
        w_e = weight_matrix(10.6, 1.05, stripes=PATCH_COLUMNS).move_to([0.5, -2.1, 0])
        name = MathTex("W_E", color=style.WEIGHT, font_size=56).next_to(w_e, LEFT, buff=0.3)
        shape = label(f"{grouped(dim)} rows (the embedding dimension) \u00d7 {grouped(vocab_n)} "
                      "columns (one per token)", style.SMALL, color=style.WEIGHT)
        shape.next_to(w_e, DOWN, buff=0.15)
        note = stage_note("not to scale: each token's column sits at its id along the width; "
                          f"colours: the first {PATCH_ROWS} numbers of {PATCH_COLUMNS} columns, "
                          "each on its own scale")
        return w_e, [name, shape, model_badge(s.model_id), note]

    @staticmethod
    def _of_kind(boxes: VGroup, kinds: Sequence[str], kind: str) -> list:
        """The token boxes whose piece is of ``kind`` (see livenumbers.tokens.piece_kinds)."""
        return [b for b, k in zip(boxes, kinds, strict=True) if k == kind]

    @staticmethod
    def _patch(w_e: VGroup, values: Sequence[Sequence[float]], whose: str,
               seed: int | None = None) -> tuple[VGroup, Text]:
        """The patch's cells filling W_E's drawing (blue positive, red negative, brighter for
        larger size on the patch's own scale) and a line naming whose values they are."""
        grid = np.array(values).T  # rows x columns
        rows, cols = grid.shape
        top = float(np.quantile(np.abs(grid), 0.95)) or 1.0  # a few outliers saturate
        w, h = w_e.width / cols, w_e.height / rows
        cells = VGroup(*[
            Rectangle(width=w, height=h, stroke_width=0,
                      fill_color=style.WEIGHT_POS if v >= 0 else style.WEIGHT_NEG,
                      fill_opacity=0.12 + 0.88 * min(abs(v) / top, 1.0)).move_to(
                w_e.get_corner(UL) + np.array([(c + 0.5) * w, -(r + 0.5) * h, 0]))
            for r, row in enumerate(grid) for c, v in enumerate(row)])
        seeded = f" (torch seed {seed})" if seed is not None else ""
        tag = label(f"{whose}{seeded}: spread \u00b1{float(grid.std()):.2g}", style.SMALL,
                    color=style.DATA).next_to(w_e, UP, buff=0.12)
        return cells, tag.align_to(w_e, LEFT)

    @staticmethod
    def _strips(s: TokensFacts, w_e: VGroup) -> VGroup:
        """One highlighted strip in W_E per drawn token, at its id along the width."""
        vocab_n = s.w_e_shape[0]
        strips = VGroup()
        for tid in s.ids:
            x = w_e.get_left()[0] + (tid + 0.5) / vocab_n * w_e.width
            strips.add(Rectangle(width=0.07, height=w_e.height, stroke_width=0,
                                 fill_color=style.HIGHLIGHT, fill_opacity=0.9).move_to(
                [x, w_e.get_y(), 0]))
        return strips

    @staticmethod
    def _compare_sizes(s: TokensFacts) -> tuple[VGroup, VGroup, VGroup]:
        """W_E of the live model beside GPT-3's, heights to scale (same vocabulary width).

        Each side is VGroup(heading, dimension label, product, 'weights in W_E', matrix).
        """
        vocab_n, dim = s.w_e_shape
        full_h, width, base_y = 3.6, 5.2, -1.3
        live_h = max(full_h * dim / s.gpt3_dim, 0.02)
        live = weight_matrix(width, live_h).move_to([-3.4, base_y + live_h / 2, 0])
        ref = weight_matrix(width, full_h, stripes=24, vertical=False)
        ref.move_to([3.4, base_y + full_h / 2, 0])
        head_live = label("our small GPT", style.SMALL).move_to([-3.4, 2.75, 0])
        head_ref = label("GPT-3 (its published figures)", style.SMALL)
        head_ref.move_to([3.4, 2.75, 0])
        # rows × columns, as everywhere in the film: one column per token
        tex_live = MathTex(rf"{tex_grouped(dim)} \times {tex_grouped(vocab_n)}",
                           rf"= {tex_grouped(s.w_e_weights)}", font_size=40)
        tex_ref = MathTex(rf"{tex_grouped(s.gpt3_dim)} \times {tex_grouped(s.gpt3_vocab)}",
                          rf"= {tex_grouped(s.gpt3_weights)}", font_size=40)
        for tex, mat in ((tex_live, live), (tex_ref, ref)):
            tex[1].set_color(style.HIGHLIGHT)
            fit_width(tex, 6.6)
            tex.next_to(mat, DOWN, buff=0.35).set_y(base_y - 0.55)
        words_live = weights_in("W_E").next_to(tex_live, DOWN, buff=0.15)
        words_ref = weights_in("W_E").next_to(tex_ref, DOWN, buff=0.15)
        dim_live = label(f"{grouped(dim)} dims", style.SMALL, color=style.WEIGHT).next_to(
            live, UP, buff=0.12)
        dim_ref = label(f"{grouped(s.gpt3_dim)} dims", style.SMALL, color=style.WEIGHT)
        dim_ref.rotate(PI / 2).next_to(ref, LEFT, buff=0.12)
        scale_note = label("heights to scale: the embedding dimension; widths: the same "
                           f"{grouped(vocab_n)}-token vocabulary", style.SMALL, color=style.DATA)
        scale_note.next_to(VGroup(words_live, words_ref), DOWN, buff=0.3).set_x(0)
        return (VGroup(head_live, dim_live, tex_live, words_live, live),
                VGroup(head_ref, dim_ref, tex_ref, words_ref, ref), scale_note)


__all__ = ["TokensScene", "TokensFacts", "weight_matrix", "token_row", "weights_in", "quote_text"]
