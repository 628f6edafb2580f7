"""GPT-2's tokenizer, read from whisper's gpt2.tiktoken."""

from __future__ import annotations

import pytest

from livenumbers import tokens
from livenumbers.errors import FactsError


def test_once_upon_a_time() -> None:
    t = tokens.tokenize("once upon a time there was a")
    assert t.ids == (27078, 2402, 257, 640, 612, 373, 257)
    assert t.pieces[1] == " upon"  # the leading space belongs to the token


def test_vocabulary_and_round_trip() -> None:
    assert tokens.encoding().n_vocab == tokens.VOCAB_SIZE == 50_257
    text = "Tokenization: sub-word pieces, émojis 🙂 and\nnewlines."
    assert tokens.decode(tokens.encode(text)) == text
    assert "".join(tokens.tokenize(text).pieces).startswith("Token")


def test_end_of_text_is_plain_text() -> None:
    assert tokens.END_OF_TEXT_ID not in tokens.encode("<|endoftext|>")


def test_long_text_has_a_defined_result() -> None:
    text = " word" * 2000  # 10,000 characters
    assert len(text) == 10_000 and len(tokens.tokenize(text).ids) == 2000


@pytest.mark.parametrize("bad", ["", "  \n", None, 3.5, "x" * 20_001])
def test_bad_text(bad: object) -> None:
    with pytest.raises(FactsError):
        tokens.tokenize(bad)  # type: ignore[arg-type]


def test_decode_rejects_out_of_range_ids() -> None:
    with pytest.raises(FactsError, match="outside"):
        tokens.decode([50_257])


def test_readable_joins_byte_tokens_and_marks_a_cut_off_character() -> None:
    ids = tokens.encode("a \ua66e b")  # a rare letter: three one-byte tokens
    pieces = [tokens.piece(i) for i in ids]
    assert any("\ufffd" in p for p in pieces)  # one at a time, a byte is not a character
    assert tokens.readable(ids) == "a \ua66e b"  # decoded together they are
    dash = next(i for i, p in zip(ids, pieces, strict=True) if "\ufffd" in p)
    first = tokens.encoding().decode_single_token_bytes(dash)[0]
    assert tokens.readable([dash])[:4] == f"\u2039{first:02X}\u203a"


def test_piece_kinds_name_words_fragments_and_punctuation() -> None:
    """The tokens scene lights each kind as the narration names it: the kinds come from the
    real tokenization (a word split by BPE is fragments, a whole word is one token)."""
    tok = tokens.tokenize("To date, the cleverest thinker")
    kinds = dict(zip(tok.pieces, tokens.piece_kinds(tok.pieces), strict=True))
    assert kinds[" date"] == kinds[" thinker"] == "word"
    assert kinds[","] == "punctuation"
    split = [p for p in tok.pieces if kinds[p] == "fragment"]
    assert len(split) >= 2 and "".join(split).strip() == "cleverest"
    assert tokens.piece_kinds(["Un", "believ", "ably", " 42", "!"]) == (
        "fragment", "fragment", "fragment", "other", "punctuation")
