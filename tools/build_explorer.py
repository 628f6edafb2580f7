#!/usr/bin/env python3
"""Build the live explorer: one offline HTML file where the film's models answer in the browser.

  ./render.sh explorer                       -> media/explorer/explorer.html
  python tools/build_explorer.py --out x.html [--words 50000]

The page inlines everything it needs, so it opens from file:// with the network off:
- the shipped small GPT's own fp16 weights, run by a plain-JavaScript GPT-2 forward pass
  (explorer/src/gpt.js; see the README for why not onnxruntime-web),
- GPT-2's BPE from the npm package gpt-tokenizer (r50k_base), bundled with esbuild,
- the first --words GloVe vectors (GloVe's file is in frequency order), unit length, as fp16.
Starting prompt, words and sampling knobs come from the lecture configuration (data/lecture.toml
and LECTURE_* overrides), read once here.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from livenumbers.errors import FactsError

ROOT = Path(__file__).resolve().parent.parent


EXPLORER = ROOT / "explorer"
DEFAULT_OUT = ROOT / "media" / "explorer" / "explorer.html"
DEFAULT_WORDS = 50_000
TOP = 10  # next-token bars shown


class BuildError(Exception):
    """A problem the user can fix, said in one line."""


@dataclass(frozen=True)
class Defaults:
    """What the page starts with (from the lecture configuration)."""

    prompt: str
    temperature: float
    top_k: int | None
    seed: int
    word: str
    analogy: tuple[str, str, str]
    expected: str


def bundle_script() -> str:
    """explorer/src/main.js and gpt-tokenizer bundled into one minified script (esbuild)."""
    esbuild = EXPLORER / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("the explorer needs Node.js/npm to bundle its script (Debian: "
                             "apt-get install nodejs npm); ./render.sh explorer installs it")
        proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXPLORER,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not esbuild.exists():
            raise BuildError("npm ci in explorer/ failed (is the npm registry reachable?): "
                             + (proc.stderr.strip().splitlines() or ["no output"])[-1])
    proc = subprocess.run([str(esbuild), "src/main.js", "--bundle", "--format=iife", "--minify",
                           "--target=es2020", "--legal-comments=inline"],
                          cwd=EXPLORER, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError("esbuild could not bundle explorer/src: " + proc.stderr.strip()[-500:])
    script = proc.stdout
    if "</script" in script.lower():
        raise BuildError("the bundled script contains '</script' and cannot be inlined")
    return script


def gpt_payload(spec: str) -> tuple[dict, bytes]:
    """The GPT's config, tensor manifest and fp16 bytes; only a local GPT-2 folder can go in."""
    from safetensors.numpy import load_file

    from livenumbers.gpt import _local_folder, model_id_for

    folder = _local_folder(spec)
    if folder is None:
        raise BuildError(f"[models] gpt = {spec!r} is not a local model folder; the explorer "
                         "inlines a local GPT-2 model (use \"small-gpt\")")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if config.get("model_type") != "gpt2" or not config.get("tie_word_embeddings", True):
        raise BuildError(f"{folder} is not a GPT-2 model with tied embeddings; the explorer's "
                         "forward pass only runs those")
    tensors = load_file(str(folder / "model.safetensors"))
    manifest, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        if name.startswith("lm_head."):
            continue  # tied to transformer.wte
        data = np.ascontiguousarray(tensors[name], dtype="<f2")
        if tensors[name].dtype != np.float16:
            print(f"note: {name} is {tensors[name].dtype}; stored as fp16 in the page")
        manifest[name] = [offset, list(data.shape)]
        chunks.append(data.tobytes())
        offset += data.nbytes
    keys = ("n_layer", "n_head", "n_embd", "n_positions", "vocab_size", "layer_norm_epsilon")
    meta = {"model_id": model_id_for(spec), "config": {k: config[k] for k in keys},
            "tensors": manifest}
    return meta, b"".join(chunks)


def words_payload(spec: str, count: int) -> tuple[dict, list[str], bytes]:
    """The first ``count`` words (frequency order) and their unit vectors as fp16."""
    from livenumbers.words import load_word_model

    model = load_word_model(spec)
    total = len(model.kv.index_to_key)
    count = min(count, total)
    unit = model.kv.get_normed_vectors()[:count].astype("<f2")
    meta = {"model_id": model.model_id, "count": count, "total_words": total,
            "dim": int(unit.shape[1])}
    return meta, list(model.kv.index_to_key[:count]), unit.tobytes()


def lecture_defaults() -> tuple[Defaults, str, str]:
    """The page's starting values and the two model specs, from the lecture configuration."""
    from livenumbers.config import load_config

    cfg = load_config()
    first = cfg.embedding.analogies[0]
    defaults = Defaults(cfg.softmax.prompt, 1.0, cfg.generation.top_k or None,
                        cfg.generation.seed, cfg.embedding.neighbour_word,
                        (first.a, first.b, first.c), first.expected or "")
    return defaults, cfg.models.gpt, cfg.models.words


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def build(out: Path, words: int = DEFAULT_WORDS) -> dict:
    """Write the explorer page to ``out`` (atomically) and return what went in."""
    from livenumbers.gpt import API_TEMPERATURE_CAP

    defaults, gpt_spec, words_spec = lecture_defaults()
    gpt_meta, gpt_bytes = gpt_payload(gpt_spec)
    words_meta, vocab, vectors = words_payload(words_spec, words)
    meta = {"gpt": gpt_meta, "words": words_meta, "top": TOP,
            "api_temperature_cap": API_TEMPERATURE_CAP,
            "defaults": {"prompt": defaults.prompt, "temperature": defaults.temperature,
                         "top_k": defaults.top_k, "seed": defaults.seed, "word": defaults.word,
                         "analogy": list(defaults.analogy), "expected": defaults.expected}}
    page = (EXPLORER / "page.html").read_text(encoding="utf-8")
    parts = {"/*META*/": script_json(meta), "/*VOCAB*/": script_json(vocab),
             "/*GPT*/": base64.b64encode(gpt_bytes).decode("ascii"),
             "/*VECTORS*/": base64.b64encode(vectors).decode("ascii"),
             "/*SCRIPT*/": bundle_script()}
    for marker, text in parts.items():
        if page.count(marker) != 1:
            raise BuildError(f"explorer/page.html must hold {marker} exactly once")
        head, tail = page.split(marker)
        page = head + text + tail
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return {"out": str(out), "bytes": out.stat().st_size, "gpt": gpt_meta["model_id"],
            "words": words_meta["model_id"], "word_count": words_meta["count"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--words", type=int, default=DEFAULT_WORDS,
                   help="how many of GloVe's most frequent words the page holds")
    args = p.parse_args(argv)
    if not 1_000 <= args.words <= 400_000:
        print(f"error: --words must be 1000..400000, got {args.words}", file=sys.stderr)
        return 2
    try:
        info = build(args.out, args.words)
    except (BuildError, FactsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"explorer ({info['bytes'] / 1e6:.1f} MB; {info['gpt']}; {info['word_count']:,} words "
          f"of {info['words']}): {info['out']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
