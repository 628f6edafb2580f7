"""Command line: validate the lecturer's configuration, and ask the models questions live.

  python -m livenumbers.cli check                  validate data/lecture.toml (+ overrides)
  python -m livenumbers.cli tokens "some text"     GPT-2 tokens and ids
  python -m livenumbers.cli neighbours tower       nearest words
  python -m livenumbers.cli analogy king man woman [queen]
  python -m livenumbers.cli next "Once upon a time" [-t 0.7] [--top 10]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from livenumbers import tokens
from livenumbers.errors import FactsError


def check() -> str:
    """Validate every configured word and prompt; return a one-line summary."""
    from livenumbers import words
    from livenumbers.config import load_config
    from livenumbers.gpt import context_size, model_id_for

    cfg = load_config()
    model = words.load_word_model(cfg.models.words)
    e, p = cfg.embedding, cfg.plurality
    names = [e.neighbour_word, e.similar_word, *e.similar_expected, *e.space_words,
             *(w for pair in e.axes for w in pair), p.plus, p.minus,
             *(w for pair in p.pairs for w in pair), *p.numbers]
    for item in e.analogies:
        names += [item.a, item.b, item.c, item.expected]
    for name in names:
        words.check_word(model, name)
    words.check_words(model, list(e.space_words), "[embedding] space_words")
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


def main(argv: list[str] | None = None) -> int:
    """Entry point; errors print one line and exit 2."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="livenumbers", description=__doc__,
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
    x.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            print(check())
        elif args.command == "tokens":
            r = tokens.tokenize(args.text)
            print(json.dumps({"ids": r.ids, "pieces": r.pieces}, ensure_ascii=False))
        elif args.command == "neighbours":
            from livenumbers import words

            r = words.neighbours(args.word, args.n)
            for w, s in zip(r.words, r.similarities, strict=True):
                print(f"{w:20s} {s:.3f}")
            print(f"({r.model_id})")
        elif args.command == "analogy":
            from livenumbers import words

            r = words.analogy(args.a, args.b, args.c, args.expected)
            for w, s in zip(r.words, r.similarities, strict=True):
                print(f"{w:20s} {s:.3f}")
            if r.expected:
                print(f"{r.expected!r} is at rank {r.expected_rank}")
            print(f"({r.model_id})")
        elif args.command == "next":
            from livenumbers import gpt

            r = gpt.next_token(args.prompt, args.temperature, args.top)
            for piece, p in zip(r.pieces, r.probs, strict=True):
                print(f"{piece!r:20s} {p:7.2%}")
            print(f"entropy {r.entropy_bits:.2f} bits ({r.model_id})")
    except FactsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
