"""From predictor to chatbot (the chapter's opening, 2:20-3:03): a system prompt, the user's
question as the first line of a dialogue, and the small GPT continuing as the assistant, live.

    manim -pql scenes/chat.py ChatbotScene
The words come from [chat] in data/lecture.toml; the continuation is seeded and sampled with
[generation] temperature and top_k, computed before any animation (livenumbers.gpt.generate).
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    FadeIn,
    FadeOut,
    LaggedStart,
    RoundedRectangle,
    VGroup,
)

from livenumbers import gpt
from scenes.common import style
from scenes.common.motion import light
from scenes.common.slide import LectureSlide
from scenes.common.widgets import fit_width, label, model_badge, scene_title
from scenes.generation import flow_text, running_piece, sampling_rule

__all__ = ["ChatbotScene", "ChatFacts", "dialogue_prompt"]

USER = "User: "
ASSISTANT = "AI assistant:"


def box_chain(steps: list[tuple[str, str]], buff: float) -> VGroup:
    """Layout: words in outlined boxes (each its own colour) in a row, joined by arrows.

    Returns box, arrow, box, arrow, ... so the parts can arrive one at a time.
    """
    parts = []
    for words, color in steps:
        text = label(words, style.SMALL, color=color)
        box = RoundedRectangle(corner_radius=0.1, width=text.width + 0.45,
                               height=text.height + 0.4, stroke_color=color, stroke_width=2)
        parts.append(VGroup(box, text.move_to(box)))
    VGroup(*parts).arrange(RIGHT, buff=buff)
    chain = VGroup(parts[0])
    for a, b in zip(parts, parts[1:], strict=False):
        chain.add(Arrow(a.get_right(), b.get_left(), buff=0.1, color=style.DATA,
                        stroke_width=3), b)
    return chain


def dialogue_prompt(system: str, question: str) -> str:
    """The text the model really sees: the system prompt, then the dialogue so far."""
    return f"{system}\n\n{USER}{question}\n{ASSISTANT}"


@dataclass(frozen=True)
class ChatFacts:
    """What ChatbotScene draws: the script around the question and the model's continuation."""

    system: str
    question: str
    prompt: str  # everything the model is given
    pieces: tuple[str, ...]  # its continuation as the assistant (line breaks shown as ↵)
    temperature: float
    top_k: int | None
    seed: int
    model_id: str


class ChatbotScene(LectureSlide):
    """A chatbot is the same predictor, given a script to continue."""

    WIDTH = 12.4  # the dialogue's text width

    def gather(self) -> ChatFacts:
        """The dialogue prompt and the model's seeded continuation as the assistant."""
        c, g = self.lecture.chat, self.lecture.generation
        prompt = dialogue_prompt(c.system, c.question)
        top_k = g.top_k or None
        run = gpt.generate(prompt, c.tokens, g.temperature, c.seed, 1, top_k=top_k,
                           spec=self.lecture.models.gpt)
        return ChatFacts(system=c.system, question=c.question, prompt=prompt,
                         pieces=run.chosen_pieces, temperature=run.temperature,
                         top_k=top_k, seed=c.seed, model_id=run.model_id)

    def construct(self) -> None:
        f = self.gather()
        title = scene_title("From predictor to chatbot")
        system = self._system_box(f.system)
        system.next_to(title, DOWN, buff=0.45).align_to(title, LEFT)
        loop = self._predictor()
        loop.next_to(system, DOWN, buff=0.9).set_x(0)
        with self.narrate("A chatbot is not a different kind of machine. It is this same "
                          "predictor, handed a script to continue. The script starts with a "
                          "system prompt the user never sees, describing a conversation with a "
                          "helpful assistant.") as beat:
            self.play(FadeIn(title), FadeIn(model_badge(f.model_id)))
            self.play(LaggedStart(*[FadeIn(m, shift=RIGHT * 0.1) for m in loop], lag_ratio=0.3),
                      run_time=1.8)
            self.wait_for_words(beat, "script to continue.")
            self.play(light(loop[0], scale=1.2), run_time=1.0)
            self.wait_for_words(beat, "system prompt")
            self.play(FadeIn(system, shift=DOWN * 0.1), run_time=1.2)

        user = fit_width(flow_text([USER, f.question], [style.DATA, style.TEXT], self.WIDTH)
                         .lines)
        user.next_to(system, DOWN, buff=0.5).align_to(system, LEFT)
        answer = flow_text([ASSISTANT, *[running_piece(p) for p in f.pieces]],
                           [style.HIGHLIGHT] + [style.TEXT] * len(f.pieces), self.WIDTH)
        answer.lines.next_to(user, DOWN, buff=0.3).align_to(system, LEFT)
        with self.narrate("Then the user's question goes in as the first line of that "
                          "dialogue, and the script ends with the assistant's name and a colon, "
                          "waiting for an answer.") as beat:
            self.play(FadeOut(loop), run_time=0.5)
            self.play(FadeIn(user, shift=RIGHT * 0.1))
            self.wait_for_words(beat, "the assistant's name")
            self.play(FadeIn(answer.chunks[0]))
        rule = sampling_rule(f.top_k, None)
        breaks = "; \u21b5 marks a line break" if any("\n" in p for p in f.pieces) else ""
        how = label(f"written by our small GPT: T = {f.temperature:g}, sampled {rule}, seed "
                    f"{f.seed}{breaks}", style.SMALL, color=style.DATA)
        fit_width(how, self.WIDTH).next_to(answer.lines, DOWN, buff=0.3).align_to(system, LEFT)
        with self.narrate(f"Now the predictor does what it always does: predict, sample, "
                          f"append. Whatever it writes next is the assistant's reply. Here our "
                          f"small GPT writes {len(f.pieces)} tokens of it, live.") as beat:
            self.wait_for_words(beat, "predict, sample, append.")
            words = [c for c in answer.chunks[1:] if len(c)]  # a space-only token draws nothing
            if words:  # one token at a time, through the rest of the sentence
                self.play(LaggedStart(*[FadeIn(c, shift=RIGHT * 0.05) for c in words],
                                      lag_ratio=1.0), run_time=max(1.0, 0.3 * len(words)))
            self.wait_for_words(beat, "tokens of it,")
            self.play(FadeIn(how))
        later = self._real_assistants().next_to(how, DOWN, buff=0.55).set_x(0)
        with self.narrate("Our model never saw a conversation in training and is tiny, so its "
                          "reply is rough. Real assistants start from far larger models and are "
                          "then trained further on dialogues, but the loop underneath is the "
                          "same.", min_hold=2.5) as beat:  # time to read the last step
            self.play(light(answer.chunks[0], scale=1.05))
            written = [c for c in answer.chunks[1:] if len(c)]
            if written:  # what it wrote, as "rough" is said
                self.wait_for_words(beat, "its reply is rough")
                self.play(light(VGroup(*written)), run_time=1.2)
            for part, phrase in zip(later, ("far larger models", "far larger models",
                                            "trained further on dialogues",
                                            "trained further on dialogues",
                                            "the loop underneath"), strict=True):
                self.wait_for_words(beat, phrase)
                self.play(FadeIn(part, shift=RIGHT * 0.1), run_time=0.6)

    @staticmethod
    def _real_assistants() -> VGroup:
        """Layout: how a real assistant is made, as three steps in a row (words, no numbers)."""
        return fit_width(box_chain([("a far larger model", style.WEIGHT),
                                    ("trained further on dialogues", style.WEIGHT),
                                    ("the same loop underneath", style.HIGHLIGHT)], buff=0.7))

    @staticmethod
    def _predictor() -> VGroup:
        """Layout: the script so far -> the same small GPT -> the next token (one row)."""
        return box_chain([("the script so far", style.DATA), ("our small GPT", style.WEIGHT),
                          ("its next token", style.HIGHLIGHT)], buff=1.2)

    def _system_box(self, text: str) -> VGroup:
        """Layout: the system prompt in a dim box, labelled as hidden from the user."""
        head = label("system prompt (hidden from the user)", style.SMALL, color=style.DATA)
        body = flow_text([text], [style.DATA], self.WIDTH - 0.6, size=style.SMALL).lines
        inner = VGroup(head, body).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        box = RoundedRectangle(corner_radius=0.12, width=inner.width + 0.4,
                               height=inner.height + 0.3, stroke_color=style.DATA_DIM,
                               stroke_width=1.5)
        box.move_to(inner)
        return fit_width(VGroup(box, inner))

