#!/usr/bin/env python3
"""Benchmark the small GPT on the CPU: load, next-token latency, generation speed, and samples
of the chapter's seed text at several temperatures. (Held-out perplexity is tools/eval_gpt.py's:
the whole validation split, by source.)

Run: .venv/bin/python tools/bench_gpt.py [--spec small-gpt] [--json bench_gpt.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = "Once upon a time there was a"
LOAD = ("import time; t=time.perf_counter(); from livenumbers import gpt; "
        "m=gpt.load_gpt({spec!r}); print(time.perf_counter()-t)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--spec", default="small-gpt")
    p.add_argument("--json", type=Path, default=None, help="also write the result here")
    p.add_argument("--tokens", type=int, default=40, help="tokens generated for speed")
    args = p.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cold = float(subprocess.run([sys.executable, "-c", LOAD.format(spec=args.spec)], env=env,
                                capture_output=True, text=True, check=True).stdout.split()[-1])
    os.environ["LIVENUMBERS_NO_CACHE"] = "1"
    import torch

    from livenumbers import gpt

    m = gpt.load_gpt(args.spec)
    ids = m.encode(SEED_TEXT)
    lat = []
    with torch.no_grad():
        for _ in range(20):
            t = time.perf_counter()
            m.model(torch.tensor([ids]))
            lat.append(time.perf_counter() - t)
    t = time.perf_counter()
    gpt.generate(SEED_TEXT, args.tokens, 1.0, 0, spec=args.spec)
    gen_s = time.perf_counter() - t
    samples = {str(temp): gpt.generate(SEED_TEXT, 30, temp, 0, spec=args.spec).text
               for temp in (0.0, 0.7, 1.0, 2.0)}
    samples["1.0, top-k 20"] = gpt.generate(SEED_TEXT, 30, 1.0, 0, spec=args.spec,
                                           top_k=20).text
    result = {
        "model": m.model_id,
        "cold_load_s (process start incl. imports)": round(cold, 2),
        "next_token_latency_ms (7-token prompt, median)": round(statistics.median(lat) * 1e3, 2),
        "generation_tokens_per_s (full forward per token, no KV cache)":
            round(args.tokens / gen_s, 1),
        "threads": torch.get_num_threads(),
        "samples (seed 0, 30 tokens)": samples,
    }
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.json:
        args.json.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
