"""A weaker and a stronger predictor (the chapter's GPT-2 vs GPT-3 moment, 1:45-2:20), made
honestly with what this project has: the same small network early in its training and after
all of it.

    manim -pql scenes/size.py WeakVsStrongScene
Both write with the same prompt, seed and sampling rule ([generation] in data/lecture.toml);
their held-out perplexities are the ones tools/eval_gpt.py measured over the whole validation
split (each model folder's eval.json, checked against the weights).
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    RoundedRectangle,
    VGroup,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.slide import LectureSlide
from scenes.common.widgets import fit_width, label, model_badge, scene_title
from scenes.generation import END_OF_TEXT_SHOWN, flow_text, running_piece, sampling_rule

__all__ = ["WeakVsStrongScene", "WeakVsStrongFacts", "Writer"]

TOKENS = 30  # tokens each model writes: two boxes of text fit the frame


@dataclass(frozen=True)
class Writer:
    """One model's run: who it is, how trained, how good on held-out text, what it wrote."""

    model_id: str
    tokens_seen: int
    perplexity: float
    pieces: tuple[str, ...]


@dataclass(frozen=True)
class WeakVsStrongFacts:
    """What WeakVsStrongScene draws: one prompt continued by both models, the same way."""

    prompt: str
    temperature: float
    seed: int
    top_k: int | None
    weak: Writer
    strong: Writer
    weights: int  # the trained network's weights, counted from its checkpoint
    gpt3_weights: int  # GPT-3's, the published figure


def writer(spec: str, prompt: str, temperature: float, seed: int, top_k: int | None) -> Writer:
    """One model's seeded continuation and its measured held-out perplexity."""
    run = gpt.generate(prompt, TOKENS, temperature, seed, 1, spec=spec, top_k=top_k)
    card = gpt.held_out(spec)
    return Writer(run.model_id, card.tokens_seen, card.perplexity, run.chosen_pieces)


def two_figures(x: float) -> int:
    """A ratio to two significant figures, as a person would say it: 24,133 -> 24,000."""
    return int(float(f"{x:.2g}"))


def times_bigger(ratio: float) -> str:
    """A size ratio in words: 24,100 -> 'tens of thousands of times'."""
    for top, words in ((10, "a few times"), (100, "tens of times"), (1e3, "hundreds of times"),
                       (1e4, "thousands of times"), (1e5, "tens of thousands of times"),
                       (1e6, "hundreds of thousands of times")):
        if ratio < top:
            return words
    return "millions of times"


def millions(n: int) -> str:
    """A token count for the screen: 204,800 -> '0.2 million'."""
    return f"{n / 1e6:.1f} million"


class WeakVsStrongScene(LectureSlide):
    """The same loop, a weaker and a stronger predictor: only the stronger one tells a story."""

    WIDTH = 12.2  # a box's text width

    def gather(self) -> WeakVsStrongFacts:
        """Both models' runs with [generation] prompt, temperature, seed and top-k."""
        g = self.lecture.generation
        top_k = g.top_k or None
        weak = writer(gpt.EARLY_GPT, g.prompt, g.temperature, g.seed, top_k)
        strong = writer(self.lecture.models.gpt, g.prompt, g.temperature, g.seed, top_k)
        weights = gpt.tally(self.lecture.models.gpt).total
        return WeakVsStrongFacts(g.prompt, g.temperature, g.seed, top_k, weak, strong,
                                 weights, gpt.GPT3_TOTAL_WEIGHTS)

    def construct(self) -> None:
        f = self.gather()
        title = scene_title("A weaker predictor, a stronger one")
        weak = self._run_box("our small GPT, early: after 100 training steps", f.weak, f,
                             style.DATA)
        strong = self._run_box("the same network, after all its training", f.strong, f,
                               style.HIGHLIGHT)
        rule = sampling_rule(f.top_k, None)
        pieces = f.weak.pieces + f.strong.pieces
        marks = (["\u21b5 marks a line break"] if any("\n" in p for p in pieces) else []) + (
            [f"{END_OF_TEXT_SHOWN.strip()}: the token that ends a document in training"]
            if any(running_piece(p) == END_OF_TEXT_SHOWN for p in pieces) else [])
        how = label("; ".join([f"same prompt, same seed ({f.seed}), T = {f.temperature:g}, "
                               f"sampled {rule}", *marks]), style.SMALL, color=style.DATA)
        fit_width(how, self.WIDTH).next_to(title, DOWN, buff=0.2).align_to(title, LEFT)
        badge = model_badge((f.weak.model_id, f.strong.model_id))
        floor = badge.get_top()[1] + 0.15  # the boxes end above the badge
        boxes = VGroup(weak, strong).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        fit_width(boxes).next_to(how, DOWN, buff=0.25).set_x(0)
        if boxes.get_bottom()[1] < floor:  # long samples: both boxes shrink to the frame
            boxes.scale_to_fit_height(boxes.get_top()[1] - floor)
            boxes.next_to(how, DOWN, buff=0.25).set_x(0)
        scale = fit_width(label(
            f"GPT-3: {f.gpt3_weights / 1e9:.0f} billion weights (published), about "
            f"{two_figures(f.gpt3_weights / f.weights):,} times our {f.weights / 1e6:.1f} million",
            style.SMALL, color=style.NOTE), self.WIDTH).move_to(how, aligned_edge=LEFT)
        theirs = VGroup(*[label(f"in the original video: {name}", style.BODY, color=style.NOTE)
                          .move_to(box[0][1], aligned_edge=UL)
                          for name, box in (("GPT-2, a small model", weak),
                                            ("GPT-3, a far larger one", strong))])
        with self.narrate("Should predicting one token at a time really add up to a story? It "
                          "depends on how good the predictor is. The original video puts a small "
                          "GPT-2 beside the far larger GPT-3.", min_hold=2.5) as beat:
            self.play(FadeIn(title), FadeIn(badge))
            self.play(FadeIn(weak[1][0]), FadeIn(strong[1][0]))  # the same prompt, twice
            self.play(Create(weak[0][0]), Create(strong[0][0]), run_time=1.2)
            self.wait_for_words(beat, "a small GPT-2")
            self.play(FadeIn(theirs[0], shift=RIGHT * 0.1))
            self.wait_for_words(beat, "beside the")
            self.play(FadeIn(theirs[1], shift=RIGHT * 0.1))
        with self.narrate("We have neither here, so we make the same contrast honestly: our "
                          "own network, early in its training and after all of it."):
            self.play(FadeOut(theirs, shift=UP * 0.15), run_time=0.5)  # then ours, in place
            self.play(FadeIn(weak[0][1], shift=UP * 0.15), FadeIn(strong[0][1], shift=UP * 0.15),
                      FadeIn(how))

        with self.narrate(f"First the early network, after only 100 training steps, about "
                          f"{millions(f.weak.tokens_seen)} tokens of reading. Same prompt, same "
                          f"loop: predict, sample, append, {TOKENS} times."):
            self._write(weak[1])
        with self.narrate(f"It has learned which tokens are common, and little else: mostly "
                          f"short words strung together. On held-out text it is as unsure as "
                          f"a choice among about {f.weak.perplexity:,.0f} tokens at every step."):
            self.play(Indicate(weak[1], color=style.TEXT, scale_factor=1.02))
        with self.narrate(f"Now the same network after all its training, "
                          f"{millions(f.strong.tokens_seen)} tokens of reading: the same "
                          f"prompt, seed and rule."):
            self.play(Indicate(strong[0][1], color=style.HIGHLIGHT, scale_factor=1.02))
            self._write(strong[1])
        with self.narrate(f"Its words now follow on from each other in phrases, and its "
                          f"uncertainty has dropped to about {f.strong.perplexity:,.0f} choices "
                          f"a step. Still no real story: for that the original video needs "
                          f"GPT-3, which is {times_bigger(f.gpt3_weights / f.weights)} "
                          f"bigger and read far more. The loop is the same; the predictor is "
                          f"what improves.") as beat:
            self.play(Indicate(strong[1], color=style.HIGHLIGHT, scale_factor=1.02))
            self.wait_for_words(beat, "GPT-3, which is")
            self.play(FadeOut(how, shift=UP * 0.1), FadeIn(scale, shift=UP * 0.1))

    def _write(self, text: VGroup) -> None:
        """The model's tokens one after another, after the prompt already shown."""
        words = [c for c in text[1:] if len(c)]  # a space-only token draws nothing
        if words:
            self.play(LaggedStart(*[FadeIn(c, shift=RIGHT * 0.05) for c in words],
                                  lag_ratio=1.0), run_time=max(1.0, 0.25 * len(words)))

    def _run_box(self, when: str, w: Writer, f: WeakVsStrongFacts, color: str) -> VGroup:
        """Layout: VGroup(box with header, the text's chunks: prompt then tokens)."""
        head = VGroup(label(when, style.SMALL, color=color),
                      label(f"{millions(w.tokens_seen)} tokens read \u00b7 held-out perplexity "
                            f"{w.perplexity:,.0f}", style.BODY, color=color))
        fit_width(head.arrange(DOWN, buff=0.1, aligned_edge=LEFT), self.WIDTH)
        flow = flow_text([f.prompt, *[running_piece(p) for p in w.pieces]],
                         [style.PROMPT] + [style.TEXT] * len(w.pieces), self.WIDTH)
        inner = VGroup(head, flow.lines).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        frame = RoundedRectangle(corner_radius=0.12, width=self.WIDTH + 0.4,
                                 height=inner.height + 0.7, stroke_color=color,
                                 stroke_width=1.5)
        frame.move_to(inner).align_to(inner, LEFT).shift(LEFT * 0.2)
        return VGroup(VGroup(frame, head), VGroup(*flow.chunks))
