"""The weak-vs-strong scene's motion picks its tokens from the live text (no model needed)."""

from __future__ import annotations

from manim import Dot, VGroup

from scenes.common.widgets import label
from scenes.size import common_tokens, glyph_span, phrases


def _chunks(pieces: list[str]) -> list[VGroup]:
    return [VGroup(*[Dot() for ch in p if not ch.isspace()]) for p in pieces]


def test_phrases_end_at_punctuation_and_line_breaks() -> None:
    pieces = [" few", " minutes", " before", ",", " and", " then", ",", "\n", " she", " saw"]
    chunks = _chunks(pieces)
    got = phrases(pieces, chunks)
    assert [len(p) for p in got] == [4, 3, 2]  # the line break belongs to no phrase
    assert got[2][0] is chunks[8]


def test_phrases_cut_long_runs() -> None:
    pieces = [" a"] * 10
    assert [len(p) for p in phrases(pieces, _chunks(pieces), longest=4)] == [4, 4, 2]


def test_common_tokens_are_the_words_that_come_back() -> None:
    pieces = [" the", " cat", " The", " sat", " the", " "]
    chunks = _chunks(pieces)
    assert list(common_tokens(pieces, chunks)) == [chunks[0], chunks[2], chunks[4]]


def test_glyph_span_finds_a_figure_in_a_label() -> None:
    text = "held-out perplexity 1,394"
    mob = label(text)
    span = glyph_span(mob, text, "1,394")
    assert len(span) == 5 and span[0] is mob.submobjects[-5]
    assert glyph_span(mob, text, "absent")[0] is mob  # not found: the whole label
