"""Command line: validate the lecturer's configuration, and ask the models questions live.

  python -m livenumbers.cli check                  validate data/lecture.toml (+ overrides)
  python -m livenumbers.cli tokens "some text"     GPT-2 tokens and ids
  python -m livenumbers.cli neighbours tower       nearest words
  python -m livenumbers.cli analogy king man woman [queen]
  python -m livenumbers.cli next "Once upon a time" [-t 0.7] [--top 10] [--top-k 20] [--top-p 0.9]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Iterable
from typing import NoReturn

from livenumbers import tokens
from livenumbers.config import Config
from livenumbers.errors import FactsError, UnknownWordError


def configured_words(cfg: Config) -> list[tuple[str, str]]:
    """Every word the configuration names, with where it came from (for error messages)."""
    e, p = cfg.embedding, cfg.plurality

    def listed(section: str, key: str, values: Iterable[str]) -> list[tuple[str, str]]:
        return [(v, cfg.where(section, key, f"[{i}]")) for i, v in enumerate(values)]

    def paired(section: str, key: str,
               pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(v, cfg.where(section, key, f"[{i}][{j}]"))
                for i, pair in enumerate(pairs) for j, v in enumerate(pair)]

    out = [(e.neighbour_word, cfg.where("embedding", "neighbour_word")),
           (e.similar_word, cfg.where("embedding", "similar_word")),
           *listed("embedding", "similar_expected", e.similar_expected),
           *listed("embedding", "space_words", e.space_words),
           *paired("embedding", "axes", e.axes),
           (p.plus, cfg.where("plurality", "plus")), (p.minus, cfg.where("plurality", "minus")),
           *paired("plurality", "pairs", p.pairs),
           *listed("plurality", "numbers", p.numbers)]
    for i, item in enumerate(e.analogies):
        out += [(getattr(item, k), cfg.where("embedding", "analogies", f" #{i + 1} {k}"))
                for k in ("a", "b", "c", "expected")]
    return out


def check() -> str:
    """Validate every configured word and prompt; return a one-line summary."""
    from livenumbers import words
    from livenumbers.config import load_config
    from livenumbers.gpt import context_size, model_id_for

    cfg = load_config()
    model = words.load_word_model(cfg.models.words)
    for name, origin in configured_words(cfg):
        words.check_word(model, name, origin)
    words.check_words(model, list(cfg.embedding.space_words), "[embedding] space_words",
                      origin=cfg.where("embedding", "space_words"))
    names = [name for name, _ in configured_words(cfg)]
    context = context_size(cfg.models.gpt)
    prompts = {"[tokens] text": cfg.tokens.text, "[unembedding] prompt": cfg.unembedding.prompt,
               "[softmax] prompt": cfg.softmax.prompt, "[generation] prompt": cfg.generation.prompt,
               "[chat] system": cfg.chat.system, "[chat] question": cfg.chat.question}
    for where, text in prompts.items():
        n = len(tokens.encode(tokens.check_text(text, where)))
        budget = context - (cfg.generation.steps + cfg.generation.compare_tokens
                            if where == "[generation] prompt" else 0)
        if n > budget:
            extra = " including the generated tokens" if budget < context else ""
            raise FactsError(f"{where} is {n} tokens; the model {cfg.models.gpt} sees {context} "
                             f"at a time{extra}. Shorten it to at most {budget} tokens.")
    return (f"ok: {cfg.source}: {len(set(names))} words and {len(prompts)} prompts checked "
            f"(words: {model.model_id}; gpt: {model_id_for(cfg.models.gpt)})")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (like every other error here)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _top_k(text: str) -> int | None:
    """--top-k: a whole number >= 1, or 0 for all tokens (as [generation] top_k)."""
    try:
        k = int(text)
    except ValueError:
        k = -1
    if k < 0:
        raise argparse.ArgumentTypeError(
            f"top-k must be a whole number >= 1 (0: all tokens), got {text!r}")
    return k or None


def _top_p(text: str) -> float:
    """--top-p: a probability in (0, 1]."""
    try:
        p = float(text)
    except ValueError:
        p = math.nan
    if not 0 < p <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(f"top-p must be a number in (0, 1], got {text!r}")
    return p


def _word_origin(err: UnknownWordError, args: argparse.Namespace, names: tuple[str, ...]) -> str:
    """Which command-line argument held the unknown word."""
    for name in names:
        value = getattr(args, name, None)
        if isinstance(value, str) and value.strip() == err.word:
            return f"the command-line argument {name.upper()}"
    return "the command line"


def main(argv: list[str] | None = None) -> int:
    """Entry point; errors print one line and exit 2."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = _Parser(prog="livenumbers", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the lecturer configuration")
    t = sub.add_parser("tokens", help="GPT-2 tokens of a text")
    t.add_argument("text")
    n = sub.add_parser("neighbours", help="nearest words")
    n.add_argument("word")
    n.add_argument("-n", type=int, default=10)
    a = sub.add_parser("analogy", help="a - b + c")
    a.add_argument("a")
    a.add_argument("b")
    a.add_argument("c")
    a.add_argument("expected", nargs="?")
    x = sub.add_parser("next", help="next-token distribution")
    x.add_argument("prompt")
    x.add_argument("-t", "--temperature", type=float, default=1.0)
    x.add_argument("--top", type=int, default=10, help="how many tokens to list")
    x.add_argument("--top-k", type=_top_k, default=None, metavar="K",
                   help="keep only the K most likely tokens, re-normalised (0 or absent: all)")
    x.add_argument("--top-p", type=_top_p, default=None, metavar="P",
                   help="keep the smallest set of tokens holding probability P, re-normalised")
    args = parser.parse_args(argv)
    try:
        from livenumbers.config import load_config

        models = load_config().models  # the lecturer's models, read once here
        if args.command == "check":
            print(check())
        elif args.command == "tokens":
            tk = tokens.tokenize(args.text)
            print(json.dumps({"ids": tk.ids, "pieces": tk.pieces}, ensure_ascii=False))
        elif args.command == "neighbours":
            from livenumbers import words

            nb = words.neighbours(args.word, args.n, spec=models.words)
            for w, s in zip(nb.words, nb.similarities, strict=True):
                print(f"{w:20s} {s:.3f}")
            print(f"({nb.model_id})")
        elif args.command == "analogy":
            from livenumbers import words

            an = words.analogy(args.a, args.b, args.c, args.expected, spec=models.words)
            for w, s in zip(an.words, an.similarities, strict=True):
                print(f"{w:20s} {s:.3f}")
            if an.expected:
                print(f"{an.expected!r} is at rank {an.expected_rank}")
            print(f"({an.model_id})")
        elif args.command == "next":
            from livenumbers import gpt

            nt = gpt.next_token(args.prompt, args.temperature, args.top, top_k=args.top_k,
                                top_p=args.top_p, spec=models.gpt)
            for piece, p in zip(nt.pieces, nt.probs, strict=True):
                print(f"{piece!r:20s} {p:7.2%}")
            kept = "".join([f"; top-k {nt.top_k}" if nt.top_k else "",
                            f"; top-p {nt.top_p:g}" if nt.top_p else ""])
            print(f"entropy {nt.entropy_bits:.2f} bits{kept} ({nt.model_id})")
    except UnknownWordError as err:
        words_args = ("word",) if args.command == "neighbours" else ("a", "b", "c", "expected")
        located = err if err.origin else err.located(_word_origin(err, args, words_args))
        print(f"error: {located}", file=sys.stderr)
        return 2
    except FactsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
