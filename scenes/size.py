"""A weaker and a stronger predictor (the chapter's GPT-2 vs GPT-3 moment, 1:45-2:20), made
honestly with what this project has: the same small network early in its training and after
all of it.

    manim -pql scenes/size.py WeakVsStrongScene
Both write with the same prompt, seed and sampling rule ([generation] in data/lecture.toml);
their held-out perplexities are the ones tools/eval_gpt.py measured over the whole validation
split (each model folder's eval.json, checked against the weights).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    RoundedRectangle,
    Text,
    VGroup,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.motion import light, light_in_turn
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


def glyph_span(text: Text, string: str, part: str) -> VGroup:
    """The glyphs of ``part`` (its first occurrence) in ``text`` drawn from ``string``; the whole
    text when its glyphs do not match the string's visible characters one to one."""
    at = string.find(part)
    visible = [ch for ch in string if not ch.isspace()]
    if at < 0 or len(visible) != len(text.submobjects):
        return VGroup(text)
    first = sum(1 for ch in string[:at] if not ch.isspace())
    n = sum(1 for ch in part if not ch.isspace())
    return VGroup(*text.submobjects[first:first + n])


def _word(piece: str) -> str:
    return piece.strip().lower()


def common_tokens(pieces: Sequence[str], chunks: Sequence[VGroup]) -> VGroup:
    """The drawn tokens whose word comes back in the text (``pieces`` and ``chunks`` pair up):
    what a model that knows only which tokens are common keeps writing."""
    counts = Counter(_word(p) for p in pieces if _word(p))
    return VGroup(*[c for p, c in zip(pieces, chunks, strict=True)
                    if counts[_word(p)] > 1 and len(c)])


def phrases(pieces: Sequence[str], chunks: Sequence[VGroup], longest: int = 8) -> list[VGroup]:
    """The drawn tokens cut into phrases: after punctuation or a line break, or every
    ``longest`` tokens in a run without either (a token of only spaces and line breaks ends a
    phrase and belongs to none)."""
    out: list[list[VGroup]] = [[]]
    for piece, chunk in zip(pieces, chunks, strict=True):
        if piece.strip() and len(chunk):
            out[-1].append(chunk)
        if out[-1] and (not piece.strip() or any(ch in piece for ch in ",.;:!?\n")
                        or len(out[-1]) >= longest):
            out.append([])
    return [VGroup(*group) for group in out if group]


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
        times_text = f"about {two_figures(f.gpt3_weights / f.weights):,} times"
        scale_text = (f"GPT-3: {f.gpt3_weights / 1e9:.0f} billion weights (published), "
                      f"{times_text} our {f.weights / 1e6:.1f} million")
        scale = fit_width(label(scale_text, style.SMALL, color=style.NOTE),
                          self.WIDTH).move_to(how, aligned_edge=LEFT)
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
            self.wait_for_words(beat, "how good the predictor")  # the two predictors' boxes
            self.play(light_in_turn([weak[0][0], strong[0][0]], lag_ratio=0.5), run_time=1.2)
            self.wait_for_words(beat, "a small GPT-2")
            self.play(FadeIn(theirs[0], shift=RIGHT * 0.1))
            self.wait_for_words(beat, "beside the")
            self.play(FadeIn(theirs[1], shift=RIGHT * 0.1))
        with self.narrate("We have neither here, so we make the same contrast honestly: our "
                          "own network, early in its training and after all of it.") as beat:
            self.play(FadeOut(theirs, shift=UP * 0.15), run_time=0.5)  # then ours, in place
            self.wait_for_words(beat, "the same contrast honestly")
            self.play(FadeIn(how), run_time=0.8)
            self.wait_for_words(beat, "early in its training")
            self.play(FadeIn(weak[0][1], shift=UP * 0.15), run_time=0.8)
            self.wait_for_words(beat, "after all of it")
            self.play(FadeIn(strong[0][1], shift=UP * 0.15), run_time=0.8)

        with self.narrate(f"First the early network, after only 100 training steps, about "
                          f"{millions(f.weak.tokens_seen)} tokens of reading. Same prompt, same "
                          f"loop: predict, sample, append, {TOKENS} times."):
            self._write(weak[1])
        with self.narrate(f"It has learned which tokens are common, and little else: mostly "
                          f"short words strung together. On held-out text it is as unsure as "
                          f"a choice among about {f.weak.perplexity:,.0f} tokens at every step."
                          ) as beat:
            # the tokens it keeps coming back to, as "common" is said; then the string of them
            common = common_tokens(f.weak.pieces, weak[1][1:])
            if len(common):
                self.wait_for_words(beat, "which tokens")
                self.play(*[light(c, scale=1.08) for c in common],
                          run_time=self.seconds_until(beat, "are common", least=1.0))
            self.wait_for_words(beat, "mostly")
            self._sweep(weak[1][1:], self.seconds_until(beat, "strung together", least=1.2))
            self.wait_for_words(beat, "On held-out text")
            self.play(light(weak[0][1][1], scale=1.02),
                      run_time=self.seconds_until(beat, "a choice among", least=0.8))
            self.play(light(self._perplexity(weak), scale=1.2),
                      run_time=self.seconds_until(beat, f"{f.weak.perplexity:,.0f} tokens",
                                                  least=1.0))
        with self.narrate(f"Now the same network after all its training, "
                          f"{millions(f.strong.tokens_seen)} tokens of reading: the same "
                          f"prompt, seed and rule."):
            self.play(light(strong[0][1], scale=1.02))
            self._write(strong[1])
        with self.narrate(f"Its words now follow on from each other in phrases, and its "
                          f"uncertainty has dropped to about {f.strong.perplexity:,.0f} choices "
                          f"a step. Still no real story: for that the original video needs "
                          f"GPT-3, which is {times_bigger(f.gpt3_weights / f.weights)} "
                          f"bigger and read far more. The loop is the same; the predictor is "
                          f"what improves.") as beat:
            # its phrases one after another, as "follow on from each other" is said
            chain = phrases(f.strong.pieces, strong[1][1:])
            self.play(LaggedStart(*[AnimationGroup(*[light(c, scale=1.06) for c in p])
                                    for p in chain], lag_ratio=0.6),
                      run_time=self.seconds_until(beat, "in phrases", least=1.5))
            # the uncertainty, from the early network's figure down to this one's
            self.wait_for_words(beat, "has dropped")
            self.play(light(self._perplexity(weak), scale=1.15),
                      run_time=self.seconds_until(beat, "to about", least=0.8))
            self.play(light(self._perplexity(strong), scale=1.25),
                      run_time=self.seconds_until(beat, "choices a step", least=1.0))
            self.wait_for_words(beat, "no real story:")  # GPT-3's size, as it is named
            self.play(FadeOut(how, shift=UP * 0.1),
                      run_time=self.seconds_until(beat, "the original video", least=0.4))
            self.play(FadeIn(scale, shift=UP * 0.1),
                      run_time=self.seconds_until(beat, "needs GPT-3,", least=0.6))
            self.wait_for_words(beat, "which is")
            self.play(light(glyph_span(scale, scale_text, times_text), scale=1.06),
                      run_time=self.seconds_until(beat, "bigger and", least=1.0))
            # the same prompt through the same loop; what the better predictor wrote
            self.wait_for_words(beat, "The loop")
            self.play(light(weak[1][0]), light(strong[1][0]),
                      run_time=self.seconds_until(beat, "is the same;", least=1.0))
            self.play(light(strong[1][1:]),
                      run_time=self.seconds_until(beat, "the predictor is", least=1.0))

    def _sweep(self, chunks: VGroup, run_time: float) -> None:
        """Light the written tokens one after another, left to right: the text as a string."""
        words = [c for c in chunks if len(c)]
        if words:
            self.play(light_in_turn(words, scale=1.06, lag_ratio=0.25),
                      run_time=run_time)

    @staticmethod
    def _perplexity(box: VGroup) -> VGroup:
        """The perplexity figure at the end of a box's second header line (its glyphs)."""
        stats = box[0][1][1]
        return glyph_span(stats, stats.original_text, stats.original_text.rsplit(" ", 1)[1])

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
