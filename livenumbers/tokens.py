"""GPT-2's byte-pair tokenizer (50,257 tokens), read offline from the whisper package's asset.

The BPE table ships inside the PyPI package ``openai-whisper`` as ``whisper/assets/gpt2.tiktoken``
(tiktoken's ``r50k_base``, identical ids to GPT-2). We read that file directly and never import
whisper itself.
"""

from __future__ import annotations

import codecs
import importlib.util
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tiktoken
from tiktoken.load import load_tiktoken_bpe

from livenumbers.errors import FactsError, ModelFileError

TOKENIZER_ID = "gpt2-bpe (r50k_base from openai-whisper's gpt2.tiktoken)"
VOCAB_SIZE = 50_257
END_OF_TEXT = "<|endoftext|>"
END_OF_TEXT_ID = 50_256
MAX_TEXT_CHARS = 20_000
# GPT-2's pre-tokenizer pattern (tiktoken's equivalent, faster form of the original release's).
_GPT2_PATTERN = (
    r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
)


@dataclass(frozen=True)
class Tokenization:
    """A text split into GPT-2 tokens: ids and the exact text of each piece."""

    text: str
    ids: tuple[int, ...]
    pieces: tuple[str, ...]
    vocab_size: int
    tokenizer: str


def bpe_file() -> Path:
    """Find ``gpt2.tiktoken`` in the installed openai-whisper package (without importing it)."""
    spec = importlib.util.find_spec("whisper")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(
            "GPT-2's BPE table is missing: the package openai-whisper is not installed. "
            "Fix: pip install --no-deps openai-whisper==20250625 (./render.sh does this)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "assets" / "gpt2.tiktoken"
    if not path.is_file():
        raise ModelFileError(f"GPT-2's BPE table {path} is missing; reinstall openai-whisper.")
    return path


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    """GPT-2's tokenizer as a tiktoken Encoding (loaded once per process)."""
    path = bpe_file()
    try:
        ranks = load_tiktoken_bpe(str(path))
    except (ValueError, OSError) as err:
        raise ModelFileError(
            f"GPT-2's BPE table {path} is unreadable ({err}); reinstall openai-whisper."
        ) from err
    enc = tiktoken.Encoding(
        name="gpt2",
        pat_str=_GPT2_PATTERN,
        mergeable_ranks=ranks,
        special_tokens={END_OF_TEXT: END_OF_TEXT_ID},
        explicit_n_vocab=VOCAB_SIZE,
    )
    return enc


def check_text(text: object, what: str = "text", max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``text`` if it is a usable non-empty string, else raise a readable FactsError."""
    if text is None or not isinstance(text, str):
        raise FactsError(f"The {what} must be a string, got {text!r}.")
    if not text.strip():
        raise FactsError(f"The {what} is empty; give at least one word.")
    if len(text) > max_chars:
        raise FactsError(
            f"The {what} is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Shorten it."
        )
    return text


def encode(text: str) -> list[int]:
    """Token ids of ``text`` (``<|endoftext|>`` is treated as plain text, never as a control)."""
    return encoding().encode_ordinary(text)


def decode(ids: list[int] | tuple[int, ...]) -> str:
    """The text of a list of token ids."""
    bad = [i for i in ids if not (isinstance(i, int) and 0 <= i < VOCAB_SIZE)]
    if bad:
        raise FactsError(f"Token ids {bad[:5]} are outside GPT-2's vocabulary 0..{VOCAB_SIZE - 1}.")
    return encoding().decode(list(ids))


def _mark_fragment(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each byte that is not part of a whole character as ‹E2›."""
    assert isinstance(err, UnicodeDecodeError)
    return "".join(f"\u2039{b:02X}\u203a" for b in err.object[err.start:err.end]), err.end


codecs.register_error("lecture_fragment", _mark_fragment)


def readable(ids: list[int] | tuple[int, ...]) -> str:
    """The text of ``ids`` decoded together, so byte tokens that make one character join up;
    a byte left over (a character cut off by sampling) shows as its hex value, e.g. ‹E2›."""
    decode(ids)  # the same id check
    raw = b"".join(encoding().decode_single_token_bytes(i) for i in ids)
    return raw.decode("utf-8", errors="lecture_fragment")


def piece(token_id: int) -> str:
    """The exact text of one token (a partial UTF-8 byte shows as the replacement character)."""
    return encoding().decode_single_token_bytes(token_id).decode("utf-8", errors="replace")


def tokenize(text: str) -> Tokenization:
    """Split ``text`` into GPT-2 tokens: ids and pieces, leading spaces kept."""
    text = check_text(text)
    ids = encode(text)
    return Tokenization(
        text=text,
        ids=tuple(ids),
        pieces=tuple(piece(i) for i in ids),
        vocab_size=VOCAB_SIZE,
        tokenizer=TOKENIZER_ID,
    )


def piece_kinds(pieces: Sequence[str]) -> tuple[str, ...]:
    """What each token of a text is: "word" (a whole word), "fragment" (part of a word the
    tokenizer split), "punctuation", or "other" (digits, spaces, symbols, byte pieces).

    A piece of letters is a fragment when it continues the previous piece's word (no leading
    space, right after letters) or the next piece continues it.
    """

    def letters(p: str) -> bool:
        return p.strip().isalpha()

    def continues(i: int) -> bool:  # piece i carries on the word of piece i - 1
        return (0 < i < len(pieces) and letters(pieces[i]) and not pieces[i][0].isspace()
                and letters(pieces[i - 1]))

    kinds = []
    for i, p in enumerate(pieces):
        core = p.strip()
        if letters(p):
            kinds.append("fragment" if continues(i) or continues(i + 1) else "word")
        elif core and all(unicodedata.category(c).startswith("P") for c in core):
            kinds.append("punctuation")
        else:
            kinds.append("other")
    return tuple(kinds)
