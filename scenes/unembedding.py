"""Unembedding: the last vector h times W_U gives one logit per token; softmax makes them odds.

Live numbers: h, W_U's shape, the top logits and probabilities, the check that W_U·h equals the
model's own logits, every position's own next-token prediction (one pass, as in training)
and whether W_U is tied to W_E. GPT-3's figures are the chapter's reference constants.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
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
    VGroup,
    Write,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.motion import Opacity, fade_all_but, fade_out, opacities
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
from scenes.tokens import token_row, weight_matrix

MAX_POSITIONS = 9  # prompt tokens drawn (the most recent ones); more do not fit across the frame
HEAD = 5  # entries of h shown before the ellipsis
LOGITS_H = 3.45  # the most height the logit rows may take (the vectors sit below)
BAR_FULL = 3.2  # length of a 100% probability bar (bars are absolute: 2% looks like 2%)


class UnembeddingScene(LectureSlide):
    """h (last position) · W_U -> 50,257 logits -> softmax; why only the last; the tally."""

    def gather(self) -> dict:
        """Every number the scene draws, from the facts layer (no animation)."""
        cfg = self.lecture.unembedding
        spec = self.lecture.models.gpt
        u = gpt.unembedding(cfg.prompt, top=cfg.top, spec=spec)
        pp = gpt.position_predictions(cfg.prompt, spec=spec)
        first = max(0, len(pp.pieces) - MAX_POSITIONS)
        predictions = pp.predicted[first:]
        vocab, dim = u.w_u_shape
        self.shown = {
            "prompt": u.prompt,
            "pieces": u.pieces[first:],
            "hidden_before": first,
            "hidden": u.hidden[:HEAD],
            "dim": len(u.hidden),
            "w_u_shape": u.w_u_shape,
            "logit_count": vocab,
            "top_pieces": u.top_pieces,
            "top_logits": u.top_logits,
            "top_probs": u.top_probs,
            "max_abs_diff": u.max_abs_diff,
            "predictions": predictions,
            "tied": u.tied,
            "w_u_weights": vocab * dim,
            "gpt3_w_e": gpt.GPT3_EMBEDDING_WEIGHTS,
            "gpt3_w_u": gpt.GPT3_EMBEDDING_WEIGHTS,
            "gpt3_total": gpt.GPT3_TOTAL_WEIGHTS,
            "model_id": u.model_id,
        }
        return self.shown

    # ------------------------------------------------------------------ construct

    def construct(self) -> None:
        s = self.gather()
        title = scene_title("Unembedding")
        badge = model_badge(s["model_id"])
        row, vectors = self._positions(s)
        self.play(FadeIn(title), LaggedStart(*[FadeIn(b, shift=UP * 0.2) for b in row],
                                             lag_ratio=0.1), run_time=1.5)
        self.play(LaggedStart(*[GrowFromEdge(v, DOWN) for v in vectors], lag_ratio=0.08),
                  FadeIn(self.vec_label), FadeIn(badge), run_time=1.4)
        last = highlight_box(VGroup(row[-1], vectors[-1]))
        self.play(Create(last))
        self.wait(1.5)
        self.beat("Skip ahead to the very end. After all the attention and MLP layers, every "
                  "token has a final vector that has soaked in context. The desired output is a "
                  "probability distribution over every token that might come next.")

        # --- h times W_U
        h = light_column(s["hidden"], size=style.SMALL, fmt="{:+.2f}")
        vocab, dim = s["w_u_shape"]
        w_u = weight_matrix(1.3, 3.3, stripes=22, vertical=False).move_to([-5.75, 0.7, 0])
        h.next_to(w_u, RIGHT, buff=0.35)
        h_name = MathTex(r"\vec h", color=style.DATA, font_size=40).next_to(h, UP, buff=0.12)
        w_u_name = MathTex("W_U", color=style.WEIGHT, font_size=48).next_to(w_u, UP, buff=0.12)
        w_u_shape = label(f"{grouped(vocab)} \u00d7 {grouped(dim)}", style.TINY,
                          color=style.WEIGHT).next_to(w_u, DOWN, buff=0.12)
        h_size = label(f"{dim} entries", style.TINY, color=style.DATA).next_to(h, DOWN, buff=0.12)
        dim_others = VGroup(*row, *vectors[:-1], self.vec_label)
        full = opacities(dim_others)
        self.play(Opacity(dim_others, 0.25, base=full), FadeOut(last),
                  ReplacementTransform(vectors[-1].copy(), h), run_time=1.3)
        self.play(FadeIn(h_name), FadeIn(h_size))
        self.play(Create(w_u), Write(w_u_name), FadeIn(w_u_shape), run_time=1.2)
        self.wait(1.0)
        self.beat("The last vector h, the gray column of data, is multiplied by another matrix, "
                  f"the unembedding matrix W_U: one row for each of the {grouped(vocab)} tokens, "
                  f"each row as long as the embedding dimension ({dim} here).")

        # --- logits: one per token
        equals = MathTex("=", font_size=48).next_to(h, RIGHT, buff=0.3)
        logits = self._logit_rows(s).next_to(equals, RIGHT, buff=0.3)
        logits.align_to(w_u, UP)
        count = label(f"{grouped(s['logit_count'])} logits, one per token (the largest "
                      f"{len(s['top_logits'])} shown)", style.TINY, color=style.HIGHLIGHT)
        count.next_to(logits, DOWN, buff=0.12).align_to(logits, LEFT)
        check = label("check: W_U\u00b7h equals the model's own logits (max difference "
                      f"{s['max_abs_diff']:.1e})", style.TINY, color=style.DATA_DIM)
        check.to_corner(UR, buff=0.4).align_to(title, DOWN)
        self.play(Write(equals), LaggedStart(*[FadeIn(r, shift=LEFT * 0.2) for r in logits],
                                             lag_ratio=0.08), run_time=1.8)
        self.play(FadeIn(count), FadeIn(check))
        self.wait(1.5)
        self.beat("The product is a list of one raw number per token in the vocabulary, the "
                  "logits. Here are the largest of them with their tokens. The small line at the "
                  "top checks that our W_U times h reproduces the model's own output.")

        # --- softmax: logits -> probabilities, on the same rows
        bars = self._prob_bars(s, logits)
        arrow = Arrow(logits.get_right() + RIGHT * 0.05, logits.get_right() + RIGHT * 1.25,
                      buff=0, color=style.TEXT, stroke_width=3).set_y(logits.get_y())
        arrow.next_to(logits, RIGHT, buff=0.1)
        soft = MathTex(r"\mathrm{softmax}", font_size=30).next_to(arrow, UP, buff=0.1)
        bars.next_to(arrow, RIGHT, buff=0.15)
        for bar_row, logit_row in zip(bars, logits, strict=False):
            bar_row.set_y(logit_row.get_y())
        self.play(GrowArrow(arrow), Write(soft), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(b[0]) for b in bars], lag_ratio=0.05),
                  LaggedStart(*[GrowFromEdge(b[1], LEFT) for b in bars], lag_ratio=0.08),
                  LaggedStart(*[FadeIn(b[2]) for b in bars], lag_ratio=0.08), run_time=1.8)
        self.wait(2.0)
        self.beat("Softmax normalizes the logits into a probability distribution: every value "
                  "between 0 and 1, all of them adding up to 1. The bars are to scale, a full "
                  "track is 100%.")

        # --- why only the last vector
        product = VGroup(w_u, w_u_name, w_u_shape, h, h_name, h_size, equals, logits, count,
                         arrow, soft, bars)
        self.play(*fade_out(product), Opacity(dim_others, 1.0, start=0.25, base=full),
                  run_time=1.0)
        preds, arrows, tag = self._predictions(s, vectors)
        caption = label("In training, every position predicts its own next token, all in "
                        "parallel:", style.SMALL).next_to(title, DOWN, buff=0.35).set_x(0)
        caption2 = label("here each vector's top prediction, all from one pass of the model; "
                         "generation uses only the last one.", style.TINY, color=style.DATA)
        caption2.next_to(caption, DOWN, buff=0.12)
        self.play(FadeIn(caption), FadeIn(caption2), FadeIn(tag),
                  LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.08),
                  LaggedStart(*[FadeIn(p, shift=UP * 0.15) for p in preds], lag_ratio=0.08),
                  run_time=2.2)
        self.play(Opacity(VGroup(*vectors[:-1], *arrows[:-1], *preds[:-1]), 0.35),
                  Create(highlight_box(preds[-1])), run_time=1.0)
        self.wait(2.0)
        self.beat("Why use only the last vector, when the others sit there with their own rich "
                  "meanings? In training it is much more efficient to let every vector in the "
                  "final layer simultaneously predict what comes immediately after it. When "
                  "generating, only the last prediction matters.")

        # --- the running tally
        fade_all_but(self, title, badge)
        self._tally(s)
        self.wait(3.0)
        self.beat("Keeping score: in GPT-3 the unembedding matrix has the same shape as the "
                  "embedding matrix with the order swapped, so it adds another 617 million, a "
                  "little over a billion so far. "
                  + ("GPT-2 and the model here reuse W_E transposed as W_U, so they count it "
                     "once." if s["tied"] else "The model here has its own W_U as well."))

    # ------------------------------------------------------------------ layout helpers

    def _positions(self, s: dict) -> tuple[VGroup, VGroup]:
        """The prompt's tokens along the bottom with a gray final-layer vector above each."""
        row = token_row(s["pieces"], size=style.SMALL, buff=0.2)
        fit_width(row, 11.0)
        row.move_to([0.9, -3.15, 0])
        vectors = VGroup(*[
            Rectangle(width=0.32, height=0.85, stroke_color=style.DATA, stroke_width=2,
                      fill_color=style.DATA, fill_opacity=0.35).move_to(
                [b.get_x(), -2.2, 0]) for b in row])
        self.vec_label = label("final-layer\nvectors", style.TINY, color=style.DATA)
        self.vec_label.next_to(row, LEFT, buff=0.3).set_y(vectors.get_y())
        if s["hidden_before"]:
            dots = label("\u2026", style.SMALL, color=style.DATA).next_to(row, LEFT, buff=0.1)
            row.add_to_back(dots)
        return row, vectors

    def _logit_rows(self, s: dict) -> VGroup:
        """Token | logit, one row per top token, then a vertical ellipsis."""
        names = [steady_label(show_piece(p), mono=True) for p in s["top_pieces"]]
        values = [steady_label(f"{z:.2f}", color=style.DATA, mono=True) for z in s["top_logits"]]
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

    def _prob_bars(self, s: dict, logits: VGroup) -> VGroup:
        """Absolute probability bars (a full track = 100%) with percentages, one per logit row."""
        rows = VGroup()
        for p in s["top_probs"]:
            height = 0.26 * self.row_scale
            track = Rectangle(width=BAR_FULL, height=height, stroke_color=style.DATA_DIM,
                              stroke_width=1, fill_opacity=0)
            bar = Rectangle(width=max(BAR_FULL * p, 0.02), height=height, stroke_width=0,
                            fill_color=style.PROB, fill_opacity=0.85)
            bar.align_to(track, LEFT)
            pct = label(percent(p), style.SMALL, color=style.PROB).scale(self.row_scale)
            pct.next_to(track, RIGHT, buff=0.15)
            rows.add(VGroup(track, bar, pct))
        return rows

    def _predictions(self, s: dict, vectors: VGroup) -> tuple[VGroup, VGroup, VGroup]:
        """Each position's own predicted next token above its vector, joined by an arrow."""
        colors = style.TOKEN_COLORS
        preds, arrows = VGroup(), VGroup()
        for i, (vec, piece) in enumerate(zip(vectors, s["predictions"], strict=True)):
            preds.add(token_box(piece, colors[(i + 1) % len(colors)], style.SMALL).move_to(
                [vec.get_x(), -0.1, 0]))
        crowded = any(a.get_right()[0] + 0.08 > b.get_left()[0]
                      for a, b in zip(preds, preds[1:], strict=False))
        if crowded:
            for i, box in enumerate(preds):
                box.shift(UP * 0.3 if i % 2 == 0 else DOWN * 0.3)
        for vec, box in zip(vectors, preds, strict=True):
            arrows.add(Arrow(vec.get_top(), box.get_bottom(), buff=0.08, color=style.DATA,
                             stroke_width=2, max_tip_length_to_length_ratio=0.2))
        tag = label("predicted\nnext token", style.TINY, color=style.DATA)
        tag.move_to([self.vec_label.get_x(), preds.get_y(), 0])
        return preds, arrows, tag

    def _tally(self, s: dict) -> None:
        """This model's embedding count (tied) beside GPT-3's W_E + W_U (reference)."""
        vocab, dim = s["w_u_shape"]
        head_live = label("this model (live)", style.SMALL).move_to([-3.5, 1.6, 0])
        if s["tied"]:
            second = MathTex(r"W_U = W_E^{\top}", r"\;\text{(tied)}:\;", r"+\,0", font_size=34)
            tied_words = "as in GPT-2, the unembedding reuses\nthe embedding matrix: counted once"
        else:
            second = MathTex(r"W_U", r"\;\text{(separate)}:\;",
                             rf"+\,{tex_grouped(s['w_u_weights'])}", font_size=34)
            tied_words = "this model has a separate\nunembedding matrix"
        live = VGroup(
            MathTex(r"W_E:\;", rf"{tex_grouped(vocab)} \times {tex_grouped(dim)}",
                    rf"= {tex_grouped(s['w_u_weights'])}", font_size=34),
            second,
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        live[0][0].set_color(style.WEIGHT)
        live[1][0].set_color(style.WEIGHT)
        live[0][2].set_color(style.HIGHLIGHT)
        live_note = label(tied_words, style.TINY, color=style.DATA)
        live.next_to(head_live, DOWN, buff=0.5)
        live_note.next_to(live, DOWN, buff=0.3).align_to(live, LEFT)
        head_ref = label("GPT-3 (reference figures from the chapter)", style.SMALL)
        head_ref.move_to([3.5, 1.6, 0])
        both = s["gpt3_w_e"] + s["gpt3_w_u"]
        total_tex = tex_grouped(both)
        ref = VGroup(
            MathTex(r"W_E:\;", rf"{tex_grouped(s['gpt3_w_e'])}", font_size=34),
            MathTex(r"W_U:\;", rf"+\,{tex_grouped(s['gpt3_w_u'])}", font_size=34),
            MathTex(r"=\;", total_tex, rf"\approx {both / 1e9:.1f}\ \text{{billion}}",
                    font_size=34),
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.4)
        ref[0][0].set_color(style.WEIGHT)
        ref[1][0].set_color(style.WEIGHT)
        ref[2][1].set_color(style.HIGHLIGHT)
        ref.next_to(head_ref, DOWN, buff=0.5)
        ref_note = label(f"of \u2248{s['gpt3_total'] / 1e9:.0f} billion in total", style.TINY,
                         color=style.DATA).next_to(ref, DOWN, buff=0.3).align_to(ref, RIGHT)
        for group in (live, ref):
            fit_width(group, 6.4)
        heading = label("Running tally", style.BODY, color=style.HIGHLIGHT)
        heading.to_corner(UR, buff=0.4)
        self.play(FadeIn(heading), FadeIn(head_live), Write(live), FadeIn(live_note),
                  run_time=1.8)
        self.play(FadeIn(head_ref), Write(ref), FadeIn(ref_note), run_time=1.8)
