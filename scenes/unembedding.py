"""Unembedding: the last vector h times W_U gives one logit per token; softmax makes them odds.

Live numbers: h, W_U's shape, the top logits and probabilities, the check that W_U·h equals the
model's own logits, every position's own next-token prediction (one pass, as in training)
and whether W_U is tied to W_E. GPT-3's figures are the chapter's reference constants.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    DOWN,
    DR,
    LEFT,
    PI,
    RIGHT,
    UP,
    UR,
    ArcBetweenPoints,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    LaggedStart,
    MathTex,
    Rectangle,
    ReplacementTransform,
    Rotate,
    VGroup,
    VMobject,
    Write,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.motion import (
    Opacity,
    fade_all_but,
    fade_out,
    light,
    light_in_turn,
    opacities,
)
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    grouped,
    highlight_box,
    label,
    light_column,
    model_badge,
    percent,
    scene_title,
    show_piece,
    steady_label,
    tex_grouped,
    token_box,
)
from scenes.tokens import token_palette, token_row, weight_matrix

MAX_POSITIONS = 9  # prompt tokens drawn (the most recent ones); more do not fit across the frame
HEAD = 5  # entries of h shown before the ellipsis
LOGITS_H = 3.45  # the most height the logit rows may take (the vectors sit below)
BAR_FULL = 3.2  # length of a 100% probability bar (bars are absolute: 2% looks like 2%)


def spoken_piece(piece: str) -> str:
    """A token as the narration quotes it: its text without the leading space."""
    return f"\u201c{piece.strip()}\u201d" if piece.strip() else f"the token {show_piece(piece)}"


@dataclass(frozen=True)
class UnembeddingFacts:
    """What UnembeddingScene draws: h, W_U's shape, the top logits and their probabilities."""

    prompt: str
    pieces: tuple[str, ...]  # the prompt's most recent MAX_POSITIONS tokens (the ones drawn)
    hidden_before: int  # earlier prompt tokens not drawn
    hidden: tuple[float, ...]  # the first HEAD entries of the last position's h
    dim: int
    w_u_shape: tuple[int, int]  # (vocabulary, dimension)
    logit_count: int
    top_pieces: tuple[str, ...]
    top_logits: tuple[float, ...]
    top_probs: tuple[float, ...]
    rest_prob: float  # what every token outside the top ones gets together
    max_abs_diff: float  # |W_U·h - the model's logits|: the product was checked (tests)
    predictions: tuple[str, ...]  # each drawn position's own top next token, one pass
    tied: bool  # W_U is W_E transposed
    w_u_weights: int
    gpt3_w_e: int
    gpt3_w_u: int
    gpt3_total: int
    gpt3_shape: tuple[int, int]  # GPT-3's (vocabulary, dimension), reference figures
    model_id: str


class UnembeddingScene(LectureSlide):
    """h (last position) · W_U -> 50,257 logits -> softmax; why only the last; the tally."""

    def gather(self) -> UnembeddingFacts:
        """Every number the scene draws, from the facts layer (no animation)."""
        cfg = self.lecture.unembedding
        spec = self.lecture.models.gpt
        u = gpt.unembedding(cfg.prompt, top=cfg.top, spec=spec)
        pp = gpt.position_predictions(cfg.prompt, spec=spec)
        first = max(0, len(pp.pieces) - MAX_POSITIONS)
        vocab, dim = u.w_u_shape
        return UnembeddingFacts(
            prompt=u.prompt, pieces=u.pieces[first:], hidden_before=first,
            hidden=u.hidden[:HEAD], dim=len(u.hidden), w_u_shape=u.w_u_shape,
            logit_count=vocab, top_pieces=u.top_pieces, top_logits=u.top_logits,
            top_probs=u.top_probs, rest_prob=max(0.0, 1.0 - sum(u.top_probs)),
            max_abs_diff=u.max_abs_diff, predictions=pp.predicted[first:], tied=u.tied,
            w_u_weights=vocab * dim, gpt3_w_e=gpt.GPT3_EMBEDDING_WEIGHTS,
            gpt3_w_u=gpt.GPT3_EMBEDDING_WEIGHTS, gpt3_total=gpt.GPT3_TOTAL_WEIGHTS,
            gpt3_shape=(gpt.GPT3_VOCAB, gpt.GPT3_DIM), model_id=u.model_id)

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        vocab, dim = s.w_u_shape
        top = len(s.top_pieces)
        title = scene_title("Unembedding")
        badge = model_badge(s.model_id)
        row, vectors = self._positions(s)
        prompt = fit_width(label(f"the prompt: \u201c{s.prompt}\u201d", style.BODY,
                                 color=style.DATA), 12.6)
        prompt.next_to(title, DOWN, buff=0.35, aligned_edge=LEFT)
        with self.narrate("Now jump to the far end of the network. Once every layer has done "
                          "its work, each token of the prompt ends with a final vector, full of "
                          "context."):
            self.play(FadeIn(title), FadeIn(prompt, shift=DOWN * 0.1),
                      LaggedStart(*[FadeIn(b, shift=UP * 0.2) for b in row], lag_ratio=0.1),
                      run_time=1.5)
            self.play(LaggedStart(*[GrowFromEdge(v, DOWN) for v in vectors], lag_ratio=0.08),
                      FadeIn(self.vec_label), FadeIn(badge), run_time=1.4)
            arcs, arcs_note = self._context_arcs(vectors)
            self.play(LaggedStart(*[Create(a) for a in arcs], lag_ratio=0.12),
                      FadeIn(arcs_note, shift=UP * 0.1), run_time=3.0)

        last = highlight_box(VGroup(row[-1], vectors[-1]))
        with self.narrate("The goal at this end is a set of odds for whatever token comes "
                          "next, and only the last vector is used to get them.") as beat:
            self.play(FadeOut(arcs), FadeOut(arcs_note), run_time=0.8)
            self.wait_for_words(beat, "only the last vector")
            self.play(Create(last), light(vectors[-1]), run_time=1.2)

        # --- h times W_U
        w_u, h, names = self._product_parts(s)
        dim_others = VGroup(*row, *vectors[:-1], self.vec_label)
        full = opacities(dim_others)
        with self.narrate(f"Call that last vector h; it has {dim} entries. It is multiplied by "
                          "the unembedding matrix, W_U, which has one row per token, "
                          f"{grouped(vocab)} rows in all, each as long as h.") as beat:
            self.play(Opacity(dim_others, 0.25, base=full), FadeOut(last), FadeOut(prompt),
                      ReplacementTransform(vectors[-1].copy(), h), run_time=1.3)
            self.play(FadeIn(names[0]), run_time=0.6)
            self.wait_for_words(beat, "entries")
            self.play(FadeIn(names[1]), run_time=0.6)
            self.wait_for_words(beat, "It is multiplied")
            self.play(Create(w_u), Write(names[2]), run_time=1.2)
            self.wait_for_words(beat, "one row per token")  # one token's row, then all of them
            row_frame = self._top_row(w_u)
            self.play(Create(row_frame), run_time=0.6)
            self.play(row_frame.animate.align_to(w_u, DOWN),
                      run_time=self.seconds_until(beat, "rows in all", least=1.0))
            self.play(FadeOut(row_frame), FadeIn(names[3]), run_time=0.6)
            self.wait_for_words(beat, "each as long as h")
            self.play(light(VGroup(w_u, h)), run_time=1.0)

        # --- logits: one per token
        equals = MathTex("=", font_size=48).next_to(h, RIGHT, buff=0.3)
        logits = self._logit_rows(s).next_to(equals, RIGHT, buff=0.3)
        logits.align_to(w_u, UP)
        count = label(f"{grouped(s.logit_count)} logits, one per token (the largest "
                      f"{top} shown)", style.SMALL, color=style.HIGHLIGHT)
        count.next_to(logits, UP, buff=0.15).align_to(logits, LEFT)  # the rest row is below
        with self.narrate(f"Out come {grouped(s.logit_count)} raw scores, one for every token "
                          f"in the vocabulary: the logits. Here are the {top} largest beside "
                          "their tokens. Each score is one dot product, the final vector against "
                          "that token's row of W_U: the better they line up, the higher the "
                          "score.") as beat:
            self.play(Write(equals), FadeIn(count), run_time=1.0)
            self.wait_for_words(beat, "Here are the")  # the largest, then their tokens
            self.play(LaggedStart(*[FadeIn(r, shift=LEFT * 0.2) for r in logits],
                                  lag_ratio=0.08), run_time=1.8)
            self.wait_for_words(beat, "beside their tokens")
            self.play(light_in_turn([r[0] for r in logits[:-1]], lag_ratio=0.15),
                      run_time=1.2)
            # one dot product: a row of W_U (schematic) against h gives one token's logit
            pair = VGroup(self._top_row(w_u), highlight_box(h), highlight_box(logits[0]))
            self.wait_for_words(beat, "Each score is one dot product,")
            self.play(LaggedStart(*[Create(m) for m in pair], lag_ratio=0.4), run_time=1.5)
            self.wait_for_words(beat, "the higher the")
            self.play(light(logits[0][1], scale=1.2), run_time=1.0)

        # --- softmax: logits -> probabilities, on the same rows
        arrow, soft, bars = self._softmax_parts(s, logits)
        with self.narrate("Softmax turns the scores into probabilities: each between zero and "
                          "one, all adding up to one. A full track would be one hundred "
                          "percent, so the bars show their true sizes.") as beat:
            self.play(FadeOut(pair), GrowArrow(arrow), Write(soft), run_time=0.8)
            self.play(LaggedStart(*[FadeIn(b[0]) for b in bars], lag_ratio=0.05),
                      LaggedStart(*[GrowFromEdge(b[1], LEFT) for b in bars], lag_ratio=0.08),
                      LaggedStart(*[FadeIn(b[2]) for b in bars], lag_ratio=0.08), run_time=1.8)
            # the values, the tracks, the bars: each as the narration names it
            for phrase, part in (("each between zero", 2), ("A full track", 0),
                                 ("true sizes", 1)):
                self.wait_for_words(beat, phrase)
                self.play(light(VGroup(*[b[part] for b in bars])), run_time=1.0)

        favourite = highlight_box(VGroup(logits[0], bars[0]))
        rest = self._rest_row(s, bars, logits[-1])
        with self.narrate("For this prompt the model's favourite is "
                          f"{spoken_piece(s.top_pieces[0])}, at {percent(s.top_probs[0])}. "
                          f"The other {grouped(s.logit_count - top)} tokens, too many to draw, "
                          f"share the remaining {percent(s.rest_prob)}.") as beat:
            self.play(Create(favourite))
            self.wait_for_words(beat, "The other")  # the favourite's box gives way to the rest
            self.play(FadeOut(favourite), FadeIn(rest[0]), GrowFromEdge(rest[1], LEFT),
                      FadeIn(rest[2]), FadeIn(rest[3], shift=LEFT * 0.1), run_time=1.2)
            self.wait_for_words(beat, "share the remaining")
            self.play(light(VGroup(rest[1], rest[3])), run_time=1.0)

        # --- why only the last vector
        product = VGroup(w_u, h, *names, equals, logits, count, arrow, soft, bars, rest)
        preds, arrows, tag = self._predictions(s, vectors)
        caption = label("In training, every position predicts its own next token, all in "
                        "parallel:", style.BODY).next_to(title, DOWN, buff=0.35).set_x(0)
        caption2 = fit_width(label("each vector's own top guess, all from one pass; "
                                   "generation uses only the last", style.BODY,
                                   color=style.DATA), 12.6)
        caption2.next_to(caption, DOWN, buff=0.12)
        with self.narrate("Why only the last vector, when every position has one? In training, "
                          "each position guesses the token that follows it, all at the same "
                          "time, so one pass gives many lessons. Above each vector is its own "
                          "top guess, from a single pass of our model.") as beat:
            self.play(*fade_out(product), Opacity(dim_others, 1.0, start=0.25, base=full),
                      run_time=1.0)
            self.wait_for_words(beat, "when every position")  # every vector, as it is said
            self.play(light(VGroup(*vectors)),
                      run_time=1.2)
            self.wait_for_words(beat, "each position guesses")  # the guesses, left to right
            self.play(LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.08),
                      LaggedStart(*[FadeIn(p, shift=UP * 0.15) for p in preds], lag_ratio=0.08),
                      run_time=2.2)
            self.wait_for_words(beat, "many lessons.")
            self.play(light(VGroup(*preds)),
                      run_time=1.0)
            self.wait_for_words(beat, "Above each vector")
            self.play(FadeIn(caption), FadeIn(caption2), FadeIn(tag), run_time=0.8)

        with self.narrate("When the model writes text, only the last guess is used: it is the "
                          "prediction for the token that comes next.") as beat:
            self.play(Opacity(VGroup(*vectors[:-1], *arrows[:-1], *preds[:-1]), 0.35),
                      Create(highlight_box(preds[-1])), run_time=1.0)
            self.wait_for_words(beat, "the prediction for")  # the last guess, then its token
            self.play(light(preds[-1], scale=1.2), run_time=1.2)

        # --- the running tally
        heading, live, ref = self._tally(s)
        shapes = self._gpt3_shapes(s).next_to(ref, DOWN, buff=0.5).align_to(ref, RIGHT)
        with self.narrate("Back to the scoreboard. In GPT-3, W_U has the embedding matrix's "
                          "shape turned on its side, so it adds another "
                          f"{s.gpt3_w_u // 1_000_000} million weights and lifts the count past "
                          f"{(s.gpt3_w_e + s.gpt3_w_u) // 1_000_000_000} billion.") as beat:
            fade_all_but(self, title)  # GPT-3's published figures alone: no small-GPT badge
            w_e, w_u = shapes
            self.play(FadeIn(heading), FadeIn(ref[0]), FadeIn(w_e), run_time=0.8)
            self.wait_for_words(beat, "shape turned")
            turning = w_e[1].copy()
            # swung down about its lower right corner, clear of its label above
            self.play(Rotate(turning, PI / 2, about_point=turning.get_corner(DR)), run_time=1.0)
            self.play(turning.animate.move_to(w_u[1]), FadeIn(w_u[0]), run_time=0.8)
            self.add(w_u[1])
            self.remove(turning)
            self.wait_for_words(beat, "adds another")
            self.play(Write(ref[1]), FadeIn(ref[2]), run_time=1.6)

        tied_words = ("Our model, like GPT-2, reuses its embedding matrix for this step, so "
                      f"W_U adds no new weights: its {s.w_u_weights / 1e6:.1f} million are "
                      "counted once." if s.tied else
                      f"Our model has a W_U of its own: another {s.w_u_weights / 1e6:.1f} "
                      "million weights.")
        # W_E's count, then W_U's line, then the note, each with its words
        cues = (("reuses its embedding", "W_U adds no", "counted once") if s.tied else
                ("Our model has", "a W_U of its own", "another"))
        with self.narrate(tied_words) as beat:
            w_e_line, w_u_line = live[1]
            self.play(FadeIn(live[0]), FadeIn(badge), run_time=0.6)
            self.wait_for_words(beat, cues[0])
            self.play(Write(w_e_line), run_time=1.0)
            self.wait_for_words(beat, cues[1])
            self.play(Write(w_u_line), run_time=1.0)
            self.wait_for_words(beat, cues[2])
            self.play(FadeIn(live[2], shift=UP * 0.1), light(w_u_line[-1], scale=1.2),
                      run_time=1.0)

    # ------------------------------------------------------------------ layout helpers

    def _positions(self, s: UnembeddingFacts) -> tuple[VGroup, VGroup]:
        """The prompt's tokens along the bottom with a gray final-layer vector above each."""
        row = token_row(s.pieces, size=style.SMALL, buff=0.2)
        fit_width(row, 11.0)
        row.move_to([0.9, -3.07, 0])  # its highlight box clears the badge
        vectors = VGroup(*[
            Rectangle(width=0.32, height=0.85, stroke_color=style.DATA, stroke_width=2,
                      fill_color=style.DATA, fill_opacity=0.35).move_to(
                [b.get_x(), -2.15, 0]) for b in row])
        self.vec_label = label("final-layer\nvectors", style.SMALL, color=style.DATA)
        self.vec_label.next_to(row, LEFT, buff=0.3).set_y(vectors.get_y())
        if s.hidden_before:
            dots = label("\u2026", style.SMALL, color=style.DATA).next_to(row, LEFT, buff=0.1)
            row.add_to_back(dots)
        return row, vectors

    @staticmethod
    def _context_arcs(vectors: VGroup, reach: int = 3) -> tuple[VGroup, VMobject]:
        """Arcs from each vector to the next ``reach`` ones: context flows forward, never back.

        A picture of the idea (attention reads earlier positions only), not of measured weights;
        the note above says what the arcs stand for.
        """
        arcs = VGroup()
        for i, target in enumerate(vectors):
            for j in range(max(0, i - reach), i):
                arcs.add(ArcBetweenPoints(vectors[j].get_top() + UP * 0.05,
                                          target.get_top() + UP * 0.05,
                                          angle=-PI * (0.45 + 0.1 * (i - j)),
                                          color=style.DATA, stroke_width=2, stroke_opacity=0.7))
        note = label("each one has taken in context from the tokens before it",
                     style.SMALL, color=style.DATA)
        fit_width(note, 11.0).next_to(arcs, UP, buff=0.3).set_x(vectors.get_x())
        return arcs, note

    @staticmethod
    def _product_parts(s: UnembeddingFacts) -> tuple[VGroup, VGroup, list]:
        """W_U as a tall block, h as a column of numbers, and their names and sizes.

        The list holds h's name, h's size, W_U's name and W_U's shape.
        """
        vocab, dim = s.w_u_shape
        h = light_column(s.hidden, size=style.SMALL, fmt="{:+.2f}")
        w_u = weight_matrix(1.3, 3.3, stripes=22, vertical=False).move_to([-5.75, 0.7, 0])
        h.next_to(w_u, RIGHT, buff=0.35)
        h_name = MathTex(r"\vec h", color=style.DATA, font_size=40).next_to(h, UP, buff=0.12)
        h_size = label(f"{dim} entries", style.SMALL, color=style.DATA).next_to(h, DOWN, buff=0.12)
        w_u_name = MathTex("W_U", color=style.WEIGHT, font_size=48).next_to(w_u, UP, buff=0.12)
        w_u_shape = label(f"{grouped(vocab)} \u00d7 {grouped(dim)}", style.SMALL,
                          color=style.WEIGHT).next_to(w_u, DOWN, buff=0.12)
        return w_u, h, [h_name, h_size, w_u_name, w_u_shape]

    @staticmethod
    def _top_row(w_u: VGroup) -> Rectangle:
        """A frame round the top stripe of the drawn W_U: one token's row."""
        block, stripes = w_u
        height = block.height / (len(stripes) + 1)
        return Rectangle(width=block.width + 0.08, height=height + 0.04,
                         stroke_color=style.HIGHLIGHT, stroke_width=3).move_to(
            block.get_top() + DOWN * height / 2)

    def _softmax_parts(self, s: UnembeddingFacts, logits: VGroup) -> tuple[Arrow, VMobject,
                                                                            VGroup]:
        """The softmax arrow and name right of the logits, and one bar row per logit row."""
        bars = self._prob_bars(s, logits)
        arrow = Arrow(logits.get_right() + RIGHT * 0.05, logits.get_right() + RIGHT * 1.45,
                      buff=0, color=style.TEXT, stroke_width=3).set_y(logits.get_y())
        arrow.next_to(logits, RIGHT, buff=0.25)
        soft = label("softmax", style.SMALL).next_to(arrow, UP, buff=0.1)  # the film's font
        bars.next_to(arrow, RIGHT, buff=0.15)
        for bar_row, logit_row in zip(bars, logits, strict=False):
            bar_row.set_y(logit_row.get_y())
        return arrow, soft, bars

    def _logit_rows(self, s: UnembeddingFacts) -> VGroup:
        """Token | logit, one row per top token, then a vertical ellipsis."""
        names = [steady_label(show_piece(p), mono=True) for p in s.top_pieces]
        values = [steady_label(f"{z:.2f}", color=style.DATA, mono=True) for z in s.top_logits]
        name_w = max(n.width for n in names)
        rows = VGroup()
        for i, (n, v) in enumerate(zip(names, values, strict=True)):
            y = -i * 0.4
            n.move_to([name_w - n.width / 2, y, 0])
            v.next_to(n, RIGHT, buff=0.3).set_x(name_w + 0.3 + 0.6)
            rows.add(VGroup(n, v))
        rows.add(label("\u22ee", style.SMALL, color=style.DATA).move_to(
            [rows.get_center()[0], -len(names) * 0.4 + 0.05, 0]))
        natural = rows.height
        fit_width(rows, 3.2)
        if rows.height > LOGITS_H:  # many rows (a large [unembedding] top): keep them above h's row
            rows.scale_to_fit_height(LOGITS_H)
        self.row_scale = rows.height / natural  # the probability bars follow the same scale
        return rows

    def _prob_bars(self, s: UnembeddingFacts, logits: VGroup) -> VGroup:
        """Absolute probability bars (a full track = 100%) with percentages, one per logit row."""
        return VGroup(*[VGroup(*self._bar_parts(p, style.PROB)) for p in s.top_probs])

    def _rest_row(self, s: UnembeddingFacts, bars: VGroup, ellipsis: VMobject) -> VGroup:
        """The share of every token not drawn: a gray bar on the ellipsis's row, with its count.

        Track, bar, percentage and the name ("the other N together"), like the rows above it.
        """
        track, bar, pct = self._bar_parts(s.rest_prob, style.DATA)
        row = VGroup(track, bar, pct)
        row.align_to(bars, LEFT).set_y(ellipsis.get_y())
        name = label(f"the other {grouped(s.logit_count - len(s.top_pieces))} together",
                     style.SMALL, color=style.DATA).scale(self.row_scale)
        name.next_to(track, DOWN, buff=0.08).align_to(track, LEFT)
        return VGroup(track, bar, pct, name)

    def _bar_parts(self, p: float, color: str) -> tuple[Rectangle, Rectangle, VMobject]:
        """One absolute probability bar: its 100% track, the filled share and the percentage."""
        height = 0.26 * self.row_scale
        track = Rectangle(width=BAR_FULL, height=height, stroke_color=style.DATA_DIM,
                          stroke_width=1, fill_opacity=0)
        bar = Rectangle(width=max(BAR_FULL * p, 0.02), height=height, stroke_width=0,
                        fill_color=color, fill_opacity=0.85)
        bar.align_to(track, LEFT)
        pct = label(percent(p), style.SMALL, color=color).scale(self.row_scale)
        pct.next_to(track, RIGHT, buff=0.15)
        return track, bar, pct

    def _predictions(self, s: UnembeddingFacts, vectors: VGroup) -> tuple[VGroup, VGroup, VGroup]:
        """Each position's own predicted next token above its vector, joined by an arrow."""
        palette = token_palette([*s.pieces, *s.predictions])  # a token keeps its colour
        preds, arrows = VGroup(), VGroup()
        for vec, piece in zip(vectors, s.predictions, strict=True):
            preds.add(token_box(piece, palette[piece], style.SMALL).move_to(
                [vec.get_x(), -0.1, 0]))
        crowded = any(a.get_right()[0] + 0.08 > b.get_left()[0]
                      for a, b in zip(preds, preds[1:], strict=False))
        if crowded:
            for i, box in enumerate(preds):
                box.shift(UP * 0.3 if i % 2 == 0 else DOWN * 0.3)
        for vec, box in zip(vectors, preds, strict=True):
            arrows.add(Arrow(vec.get_top(), box.get_bottom(), buff=0.08, color=style.DATA,
                             stroke_width=2, max_tip_length_to_length_ratio=0.2))
        tag = label("predicted\nnext token", style.SMALL, color=style.DATA)
        tag.move_to([self.vec_label.get_x(), preds.get_y(), 0])
        return preds, arrows, tag

    @staticmethod
    def _gpt3_shapes(s: UnembeddingFacts, long: float = 1.3) -> VGroup:
        """GPT-3's W_E (a column per token) and W_U (a row per token), drawn to scale.

        Returns (W_E: label, block) and (W_U: label, block); W_U's block is W_E's turned.
        """
        vocab, dim = s.gpt3_shape
        short = long * dim / vocab
        parts = []
        for name, w, h, rows, cols in (("W_E", long, short, dim, vocab),
                                       ("W_U", short, long, vocab, dim)):
            block = Rectangle(width=w, height=h, stroke_color=style.WEIGHT, stroke_width=2,
                              fill_color=style.WEIGHT, fill_opacity=0.3)
            tag = MathTex(rf"{name}:\ {tex_grouped(rows)} \times {tex_grouped(cols)}",
                          font_size=30)
            tag[0][:2].set_color(style.WEIGHT)
            parts.append(VGroup(tag, block).arrange(DOWN, buff=0.2))
        return VGroup(*parts).arrange(RIGHT, buff=0.5, aligned_edge=UP)

    @staticmethod
    def _tally(s: UnembeddingFacts) -> tuple[VMobject, VGroup, VGroup]:
        """This model's embedding count (tied) beside GPT-3's W_E + W_U (reference).

        Returns the heading, (live heading, sums, note) and (GPT-3 heading, sums, note).
        """
        vocab, dim = s.w_u_shape
        head_live = label("our small GPT", style.SMALL).move_to([-3.5, 2.3, 0])
        if s.tied:
            second = MathTex(r"W_U = W_E^{\top}", r"\;\text{(tied)}:\;", r"+\,0", font_size=34)
            tied_words = "as in GPT-2, the unembedding reuses\nthe embedding matrix: counted once"
        else:
            second = MathTex(r"W_U", r"\;\text{(separate)}:\;",
                             rf"+\,{tex_grouped(s.w_u_weights)}", font_size=34)
            tied_words = "this model has a separate\nunembedding matrix"
        live = VGroup(
            MathTex(r"W_E:\;", rf"{tex_grouped(dim)} \times {tex_grouped(vocab)}",  # rows × cols
                    rf"= {tex_grouped(s.w_u_weights)}", font_size=34),
            second,
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        live[0][0].set_color(style.WEIGHT)
        live[1][0].set_color(style.WEIGHT)
        live[0][2].set_color(style.HIGHLIGHT)
        live_note = fit_width(label(tied_words, style.SMALL, color=style.DATA), 6.4)
        live.next_to(head_live, DOWN, buff=0.5)
        live_note.next_to(live, DOWN, buff=0.3).align_to(live, LEFT)
        head_ref = label("GPT-3 (its published figures)", style.SMALL)
        head_ref.move_to([3.5, 2.3, 0])
        both = s.gpt3_w_e + s.gpt3_w_u
        total_tex = tex_grouped(both)
        ref = VGroup(
            MathTex(r"W_E:\;", rf"{tex_grouped(s.gpt3_w_e)}", font_size=34),
            MathTex(r"W_U:\;", rf"+\,{tex_grouped(s.gpt3_w_u)}", font_size=34),
            MathTex(r"=\;", total_tex, rf"\approx {both / 1e9:.1f}\ \text{{billion}}",
                    font_size=34),
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.4)
        ref[0][0].set_color(style.WEIGHT)
        ref[1][0].set_color(style.WEIGHT)
        ref[2][1].set_color(style.HIGHLIGHT)
        ref.next_to(head_ref, DOWN, buff=0.5)
        ref_note = label(f"of \u2248{s.gpt3_total / 1e9:.0f} billion in total", style.SMALL,
                         color=style.DATA).next_to(ref, DOWN, buff=0.3).align_to(ref, RIGHT)
        for group in (live, ref):
            fit_width(group, 6.4)
        heading = label("running tally of weights", style.SMALL, color=style.DATA)
        heading.to_corner(UR, buff=0.4)
        return heading, VGroup(head_live, live, live_note), VGroup(head_ref, ref, ref_note)


__all__ = ["UnembeddingScene", "UnembeddingFacts", "spoken_piece"]
