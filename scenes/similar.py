"""Similar meanings, nearby vectors (the chapter's word-embedding section, 12:27-14:10): a word's
nearest words in GloVe, ranked by cosine similarity, with the expected ones at their real ranks.

    manim -pql scenes/similar.py SimilarWordsScene
Knobs: [embedding] similar_word, similar_expected, similar_top in data/lecture.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    Rectangle,
    VGroup,
)

from livenumbers import words
from scenes.common import style
from scenes.common.motion import light, light_in_turn
from scenes.common.slide import LectureSlide
from scenes.common.widgets import (
    fit_width,
    highlight_box,
    inside_right_margin,
    label,
    model_badge,
    scene_title,
)
from scenes.light3d import stack_rows

__all__ = ["SimilarWordsScene", "SimilarFacts", "SEARCH_DEPTH", "rank_phrase"]

SEARCH_DEPTH = 1000  # how far down the ranking an expected word is looked for


@dataclass(frozen=True)
class SimilarFacts:
    """What SimilarWordsScene draws: the top of the ranking and where the expected words sit."""

    word: str
    top_words: tuple[str, ...]
    top_similarities: tuple[float, ...]
    expected: tuple[str, ...]
    expected_ranks: tuple[int | None, ...]  # 1-based; None: beyond SEARCH_DEPTH
    expected_similarities: tuple[float | None, ...]
    vocab_size: int
    model_id: str


def rank_phrase(word: str, rank: int | None) -> str:
    """How the narration names an expected word's place in the ranking."""
    return f"{word} at number {rank}" if rank else f"{word} beyond the first {SEARCH_DEPTH:,}"


class SimilarWordsScene(LectureSlide):
    """A ranked list of a word's nearest neighbours, as cosine bars."""

    BAR_W = 4.2  # a bar at cosine similarity 1

    def gather(self) -> SimilarFacts:
        """The ranking over the whole vocabulary, and the expected words' ranks in it."""
        e = self.lecture.embedding
        deep = words.neighbours(e.similar_word, SEARCH_DEPTH, self.lecture.models.words)
        ranks, sims = [], []
        for w in e.similar_expected:
            key = w.lower()
            rank = deep.words.index(key) + 1 if key in deep.words else None
            ranks.append(rank)
            sims.append(deep.similarities[rank - 1] if rank else None)
        return SimilarFacts(
            word=deep.word, top_words=deep.words[:e.similar_top],
            top_similarities=deep.similarities[:e.similar_top],
            expected=tuple(w.lower() for w in e.similar_expected), expected_ranks=tuple(ranks),
            expected_similarities=tuple(sims), vocab_size=deep.vocab_size,
            model_id=deep.model_id)

    def construct(self) -> None:
        f = self.gather()
        title = scene_title("Similar meanings, nearby vectors")
        head = label(f"nearest to \u201c{f.word}\u201d among {f.vocab_size:,} words, by cosine "
                     "similarity (1 = same direction)", style.SMALL, color=style.DATA)
        fit_width(head, 12.4).next_to(title, DOWN, buff=0.25).align_to(title, LEFT)
        rows = self._rows(f)
        rows.next_to(head, DOWN, buff=0.3).align_to(head, LEFT)
        note = VGroup(label("these vectors come from GloVe, trained on", style.SMALL,
                            color=style.DATA),
                      label("Wikipedia and news text, not from our GPT", style.SMALL,
                            color=style.DATA)).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        fit_width(note, 5.6).next_to(rows, RIGHT, buff=0.8).align_to(rows, DOWN)
        inside_right_margin(note)
        with self.narrate(f"If a word's vector really captures its meaning, words with similar "
                          f"meanings should sit close together. Here are the {len(f.top_words)} "
                          f"words whose vectors point most nearly the way {f.word}'s does, out "
                          f"of all {f.vocab_size:,} in the model.") as beat:
            self.play(FadeIn(title), FadeIn(model_badge(f.model_id, "word vectors")))
            self.wait_for_words(beat, "words with similar meanings")  # the list's heading
            self.play(FadeIn(head, shift=DOWN * 0.1), run_time=0.8)
            self.wait_for_words(beat, "Here are the")  # the list builds as it is introduced
            self.play(LaggedStart(*[FadeIn(VGroup(r[0], r[2])) for r in rows], lag_ratio=0.1),
                      LaggedStart(*[GrowFromEdge(r[1], LEFT) for r in rows], lag_ratio=0.1),
                      run_time=self.seconds_until(beat, "in the model.", least=2.5))
            self.play(FadeIn(note))

        found = [(w, r) for w, r in zip(f.expected, f.expected_ranks, strict=True)]
        shown = [rows[r - 1] for _, r in found if r and r <= len(rows)]
        boxes = [highlight_box(row) for row in shown]
        right = max(r.get_right()[0] for r in rows) + 0.14  # clear of every value's last digit
        pitch = abs(rows[0].get_y() - rows[1].get_y()) if len(rows) > 1 else 1.0
        for box in boxes:  # as wide as the longest row, and clear of the rows above and below
            box.stretch_to_fit_width(right - box.get_left()[0], about_edge=LEFT)
            box.stretch_to_fit_height(min(box.height, pitch - 0.06))
        said = " and ".join(rank_phrase(w, r) for w, r in sorted(found, key=lambda x: x[1] or 1e9))
        callout = self._callout(f).next_to(rows, RIGHT, buff=0.8).align_to(rows, UP)
        with self.narrate(f"Mostly animals and pets, which is what you would hope. Look further "
                          f"down, though: {said}. Nobody told the model that a cat can be a "
                          "beast; it picked that up from how the words are used.") as beat:
            self.wait_for_words(beat, "Look further down, though:")
            if boxes:
                self.play(*[Create(b) for b in boxes], FadeIn(callout, shift=LEFT * 0.2))
            for row in shown:
                self.play(row[0].animate.set_color(style.HIGHLIGHT), run_time=0.4)
            self.wait_for_words(beat, "Nobody told the model")  # the surprise, once more
            if boxes:
                self.play(light(callout, scale=1.03), run_time=1.0)
            self.wait_for_words(beat, "how the words are used")
            self.play(light(note, color=style.TEXT), run_time=1.0)  # the text it learned from

        with self.narrate("Every one of these words was placed by training alone, from which "
                          "words tend to appear near which. Closeness in this space is learned "
                          "resemblance of use, and often of meaning.") as beat:
            self.play(light_in_turn([r[0] for r in rows], lag_ratio=0.1), run_time=2.0)
            self.wait_for_words(beat, "from which")
            self.play(light(note, scale=1.03, color=style.TEXT))
            self.wait_for_words(beat, "Closeness")  # the bars are that closeness
            self.play(light_in_turn([r[1] for r in rows], lag_ratio=0.1), run_time=2.0)
            self.wait_for_words(beat, "often of meaning")
            self.play(light(callout, scale=1.03), run_time=1.0)

    @staticmethod
    def _callout(f: SimilarFacts) -> VGroup:
        """Large type beside the list: each expected word, its rank and its cosine."""
        lines = VGroup()
        for word, rank, sim in sorted(zip(f.expected, f.expected_ranks, f.expected_similarities,
                                          strict=True), key=lambda x: x[1] or 1e9):
            where = f"#{rank}, cosine {sim:.2f}" if rank and sim is not None else \
                f"beyond #{SEARCH_DEPTH:,}"
            lines.add(VGroup(label(word, style.HEADING, color=style.HIGHLIGHT),
                             label(where, style.BODY, color=style.TEXT))
                      .arrange(DOWN, buff=0.1, aligned_edge=LEFT))
        return fit_width(lines.arrange(DOWN, buff=0.35, aligned_edge=LEFT), 5.6)

    def _rows(self, f: SimilarFacts) -> VGroup:
        """Layout: rank, word and a cosine bar with its value, one row per neighbour."""
        names = VGroup(*[label(f"{i:>2}. {w}", style.SMALL, mono=True)
                         for i, w in enumerate(f.top_words, start=1)])
        pitch = min(0.5, 5.6 / max(len(names), 1))  # one even baseline pitch
        fit = min(1.0, 0.78 * pitch / max(n.height for n in names))  # rows must not touch
        names.scale(fit)
        names = stack_rows(list(names), pitch)
        left = names.get_right()[0] + 0.3
        rows = VGroup()
        for name, sim in zip(names, f.top_similarities, strict=True):
            bar = Rectangle(width=max(self.BAR_W * sim, 0.02), height=name.height * 0.7,
                            stroke_width=0, fill_color=style.DATA, fill_opacity=0.8)
            bar.move_to([left, name.get_y(), 0], aligned_edge=LEFT)
            value = label(f"{sim:.3f}", style.SMALL, color=style.DATA, mono=True).scale(fit)
            value.next_to(bar, RIGHT, buff=0.12)
            rows.add(VGroup(name, bar, value))
        return rows
