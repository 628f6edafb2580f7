#!/usr/bin/env python3
"""Benchmark the word-vector layer: cold and warm model load, query latency (full vocabulary).

Cold = first use on a fresh machine (converts the packaged GloVe arrays to a gensim .kv file);
warm = every later process (memory-maps the converted file). Queries bypass the facts cache.
Run: .venv/bin/python tools/bench_words.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = ("import time; t=time.perf_counter(); from livenumbers import words; "
        "t1=time.perf_counter(); m=words.load_word_model(); t2=time.perf_counter(); "
        "print(t1-t, t2-t1, len(m.kv.index_to_key))")


def load_in_subprocess(cache: str) -> tuple[float, float, int]:
    env = dict(os.environ, LIVENUMBERS_CACHE=cache, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        imp_c, cold, n = load_in_subprocess(cache)
        imp_w, warm, _ = load_in_subprocess(cache)
    os.environ["LIVENUMBERS_NO_CACHE"] = "1"
    from livenumbers import words

    spec = words.DEFAULT_WORD_MODEL
    words.neighbours("tower", 10, spec=spec)  # first query computes the unit-vector norms
    timings: dict[str, list[float]] = {"neighbours": [], "analogy": []}
    for _ in range(args.repeat):
        t = time.perf_counter()
        words.neighbours("tower", 10, spec=spec)
        timings["neighbours"].append(time.perf_counter() - t)
        t = time.perf_counter()
        words.analogy("king", "man", "woman", "queen", spec=spec)
        timings["analogy"].append(time.perf_counter() - t)
    result = {
        "vocabulary": n,
        "cold_load_s": round(cold, 3),
        "warm_load_s": round(warm, 3),
        "import_s": round(imp_w, 3),
        "neighbours_median_ms": round(statistics.median(timings["neighbours"]) * 1000, 1),
        "analogy_median_ms": round(statistics.median(timings["analogy"]) * 1000, 1),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
