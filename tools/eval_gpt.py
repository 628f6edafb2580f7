#!/usr/bin/env python3
"""Held-out evaluation of a GPT folder: perplexity over the WHOLE validation split, by source,
and the chapter-demo checks the model card prints.

Perplexity: every token of build/corpus/val.bin is scored once, in windows of the model's
context that overlap by half (each token after the first window sees at least half a context of
history). Sources come from val_sources.json (written by tools/build_corpus.py).

Demo checks, for the prompt the scenes use: the probability the top 8 next tokens hold at T = 1,
and whether the T = 0 continuation repeats a 4-token span within its first 20 tokens.

  python tools/eval_gpt.py                                   # the shipped model
  python tools/eval_gpt.py --model runs/export --json out.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

from livenumbers import gpt
from livenumbers.paths import DATA_DIR

PROMPT = "Once upon a time there was a"


def token_losses(model: object, data: np.ndarray, context: int, batch: int = 8) -> np.ndarray:
    """The next-token loss (nats) of every token of ``data`` after the first, scored once."""
    import torch

    stride = context // 2
    losses = np.full(data.size, np.nan, dtype=np.float64)
    starts = list(range(0, max(1, data.size - context) + 1, stride))
    if starts[-1] + context < data.size:
        starts.append(data.size - context)
    with torch.no_grad():
        for i in range(0, len(starts), batch):
            group = starts[i : i + batch]
            x = torch.from_numpy(np.stack([data[s : s + context] for s in group]).astype(np.int64))
            logits = model(x).logits.float()  # type: ignore[operator]
            lp = torch.log_softmax(logits[:, :-1], dim=-1)
            nll = -lp.gather(-1, x[:, 1:, None])[..., 0].numpy()
            for row, s in zip(nll, group, strict=True):
                first = 0 if s == 0 else context - stride - 1  # only tokens not scored before
                pos = np.arange(s + 1 + first, s + context)
                keep = np.isnan(losses[pos])
                losses[pos[keep]] = row[first:][keep]
    return losses


def repeats_4gram(ids: list[int]) -> bool:
    """Whether some span of 4 tokens occurs twice in ``ids``."""
    grams = [tuple(ids[i : i + 4]) for i in range(len(ids) - 3)]
    return len(grams) != len(set(grams))


def evaluate(spec: str, corpus: Path) -> dict:
    """Whole-split perplexity (overall and per source) and the demo checks for ``spec``."""
    m = gpt.load_gpt(spec)
    data = np.fromfile(corpus / "val.bin", dtype=np.uint16)
    spans = json.loads((corpus / "val_sources.json").read_text())
    t0 = time.time()
    losses = token_losses(m.model, data, m.context)
    scored = ~np.isnan(losses)
    by_source: dict[str, list[float]] = {}
    for name, a, b in spans:
        seg = losses[a:b][scored[a:b]]
        by_source.setdefault(name, []).extend(seg.tolist())
    top = gpt.next_token(PROMPT, 1.0, 8, spec=spec)
    greedy = gpt.generate(PROMPT, 20, 0.0, seed=0, spec=spec)
    return {
        "model_id": m.model_id,
        "val_tokens_scored": int(scored.sum()),
        "val_loss": float(losses[scored].mean()),
        "val_ppl": float(math.exp(losses[scored].mean())),
        "by_source": {k: {"tokens": len(v), "ppl": float(math.exp(np.mean(v)))}
                      for k, v in by_source.items()},
        "seconds": round(time.time() - t0, 1),
        "demo": {
            "prompt": PROMPT,
            "top8_pieces": list(top.pieces),
            "top8_probs": [float(p) for p in top.probs],
            "top8_mass_T1": float(sum(top.probs)),
            "greedy_text": greedy.text,
            "greedy_ids": list(greedy.chosen_ids),
            "greedy_repeats_4gram_in_20": repeats_4gram(list(greedy.chosen_ids)[:20]),
        },
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", default="small-gpt", help="small-gpt (shipped) or a GPT folder")
    p.add_argument("--corpus", type=Path, default=Path("build/corpus"),
                   help="tools/build_corpus.py's output (val.bin, val_sources.json)")
    p.add_argument("--json", type=Path, default=None,
                   help=f"write the result here (default: print; the model card reads "
                   f"{DATA_DIR / 'models' / 'small-gpt' / 'eval.json'})")
    p.add_argument("--threads", type=int, default=0)
    args = p.parse_args()
    for name in ("val.bin", "val_sources.json"):
        if not (args.corpus / name).is_file():
            print(f"error: {args.corpus / name} is missing; build the corpus first: "
                  "python tools/build_corpus.py --out build/corpus", file=sys.stderr)
            return 2
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    result = evaluate(args.model, args.corpus)
    text = json.dumps(result, indent=1)
    if args.json:
        tmp = args.json.with_name(args.json.name + ".partial")
        tmp.write_text(text)
        tmp.replace(args.json)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
