#!/usr/bin/env python3
"""Train the project's small GPT (transformers.GPT2LMHeadModel, GPT-2's 50,257-token BPE).

Seeded and resumable: a checkpoint (model, optimiser, step, data position) is written every
--ckpt-every steps to OUT/ckpt.pt and picked up again by --resume. Uses a CUDA GPU when present,
else the CPU with bf16 autocast. Export the result for the scenes with --export DIR.

--init-from DIR starts from an exported model's weights (fresh AdamW moments, a short warm-up):
the way to carry training across sessions, where only the committed fp16 weights survive.
With a larger --layers than the exported model has, its blocks are spread over the deeper stack
and the new blocks start as identities (zero output projections), so training resumes from the
same function with more capacity.
The learning rate follows one cosine over the planned budget (--max-minutes, or --steps), counted
from the first run of that budget, so a resume continues the schedule rather than restarting it.
--seen-loss computes the softmax over only the token ids that occur in the corpus (about 20%
faster on a CPU); rows of ids the corpus never uses are filled at export (see fill_unseen_rows).

For CPU runs set MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000 (about 2x faster: avoids a
page fault per large logits buffer); tools/train_small_gpt.sh does.

Example (the shipped model, see data/models/small-gpt/README.md for the exact command):
  python tools/train_gpt.py --data build/corpus --out runs/small-gpt --steps 6000
  python tools/train_gpt.py --out runs/small-gpt --export data/models/small-gpt
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm
from transformers import GPT2Config, GPT2LMHeadModel

from livenumbers.gpt import lineage_tokens


def seen_ids(*arrays: np.ndarray, vocab: int = 50257) -> np.ndarray:
    """The sorted token ids that occur in the given token arrays."""
    hit = np.zeros(vocab, dtype=bool)
    for arr in arrays:
        hit[np.unique(np.asarray(arr))] = True
    return np.flatnonzero(hit)


def seen_loss(model: GPT2LMHeadModel, x: torch.Tensor, seen: torch.Tensor,
              remap: torch.Tensor) -> torch.Tensor:
    """Next-token cross-entropy with the softmax over only the ids in ``seen``."""
    h = model.transformer(x).last_hidden_state[:, :-1]
    logits = h @ model.transformer.wte.weight[seen].T
    target = remap[x[:, 1:]]
    return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)).float(),
                                             target.reshape(-1))


@torch.no_grad()
def fill_unseen_rows(model: GPT2LMHeadModel, seen: np.ndarray, counts: np.ndarray,
                     rarest: int = 1000) -> int:
    """Give every id the corpus never used the mean embedding of the ``rarest`` seen ids.

    Left at their initial values, those rows keep logits near zero while trained rows are pushed
    below it, so the never-seen tokens together would take most of the probability.
    """
    wte = model.transformer.wte.weight
    unseen = np.setdiff1d(np.arange(wte.shape[0]), seen)
    order = seen[np.argsort(counts[seen], kind="stable")][:rarest]
    wte[torch.from_numpy(unseen)] = wte[torch.from_numpy(order)].mean(dim=0)
    return int(unseen.size)


def grow_positions(old: int, new: int) -> list[int]:
    """Where each of ``old`` trained blocks goes among ``new`` (spread evenly, first first)."""
    if not 0 < old <= new:
        raise SystemExit(f"error: cannot grow {old} layers into {new}; use --layers >= {old}")
    return [i * new // old for i in range(old)]


def grown_weights(weights: dict[str, torch.Tensor], old: int, new: int) -> dict[str, torch.Tensor]:
    """Rename the blocks of an ``old``-layer state dict to their places in a ``new``-layer one."""
    pos = grow_positions(old, new)
    out = {}
    for key, value in weights.items():
        parts = key.split(".")
        if key.startswith("transformer.h."):
            parts[2] = str(pos[int(parts[2])])
        out[".".join(parts)] = value
    return out


@torch.no_grad()
def make_identity_blocks(model: GPT2LMHeadModel, blocks: list[int]) -> None:
    """Zero the output projections of these blocks: each adds nothing to the residual stream.

    The grown model then computes exactly what the smaller one did, and training can put the
    new blocks to use (their other weights keep the random init, so the gradients are not zero).
    """
    for name, param in model.named_parameters():
        parts = name.split(".")  # transformer.h.<block>.{attn,mlp}.c_proj.{weight,bias}
        if name.startswith("transformer.h.") and int(parts[2]) in blocks and "c_proj" in parts:
            param.zero_()


def batches(data: np.ndarray, batch: int, context: int, rng: np.random.Generator):
    """Random windows of ``context`` tokens (seeded); the model predicts each next token."""
    while True:
        starts = rng.integers(0, data.size - context, size=batch)
        chunk = np.stack([data[s : s + context] for s in starts]).astype(np.int64)
        yield torch.from_numpy(chunk)


@torch.no_grad()
def evaluate(model: GPT2LMHeadModel, data: np.ndarray, context: int, device: str,
             autocast: torch.autocast, max_windows: int = 96,
             fill: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """A quick validation loss: ``max_windows`` windows spread evenly over the whole split.

    ``fill`` = (seen ids, their counts): score as the exported model will be, with the rows of
    never-seen ids filled (fill_unseen_rows) on a copy of the embedding. The figure for the
    model card is tools/eval_gpt.py's (every token of the split, strided).
    """
    model.eval()
    wte = model.transformer.wte.weight
    if fill is not None:
        saved = wte.detach().clone()
        fill_unseen_rows(model, *fill)
    starts = np.linspace(0, data.size - context, num=min(max_windows, data.size // context))
    starts = starts.astype(np.int64)
    losses = []
    for i in range(0, len(starts), 8):
        rows = [data[j : j + context] for j in starts[i : i + 8]]
        x = torch.from_numpy(np.stack(rows).astype(np.int64)).to(device)
        with autocast:
            out = model(x, labels=x)  # transformers shifts the labels: each next token
        losses.append(float(out.loss) * len(rows))
    if fill is not None:
        wte.copy_(saved)
    model.train()
    return sum(losses) / len(starts)


def lr_at(step: int, total: int, peak: float, warmup: int, time_frac: float = 0.0) -> float:
    """Linear warm-up then cosine decay to 10% of the peak, by steps or by the time budget."""
    if step < warmup:
        return peak * (step + 1) / warmup
    frac = min(1.0, max(time_frac, (step - warmup) / max(1, total - warmup)))
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))


def export(out: Path, target: Path) -> None:
    """Write the trained model as fp16 safetensors + config (same format as 'gpt2' on the hub)."""
    ckpt = torch.load(out / "ckpt.pt", map_location="cpu", weights_only=False)
    init = ckpt["log"].get("init_from")
    parent = Path(init["folder"]) / "training.json" if init else None
    if init and "tokens_seen_total" not in init and parent and parent.exists():
        # runs started before the lineage was recorded: read it from the parent, if still there
        before = json.loads(parent.read_text())
        if before["tokens_seen"] == init["tokens_seen"]:
            init["tokens_seen_total"] = lineage_tokens(before)
    model = GPT2LMHeadModel(GPT2Config(**ckpt["config"]))
    model.load_state_dict(ckpt["model"])
    data = Path(ckpt["log"]["args"]["data"])
    train = np.memmap(data / "train.bin", dtype=np.uint16, mode="r")
    counts = np.bincount(train, minlength=model.config.vocab_size)
    n = fill_unseen_rows(model, np.flatnonzero(counts), counts)
    print(f"filled {n:,} never-seen token rows with the mean of the 1,000 rarest seen rows")
    model = model.half()
    tmp = target.with_name(target.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(tmp, safe_serialization=True)
    (tmp / "training.json").write_text(json.dumps(ckpt["log"], indent=2))
    stats = Path(ckpt["log"]["args"]["data"]) / "stats.json"
    if stats.exists():
        (tmp / "corpus.json").write_text(stats.read_text())
    target.mkdir(parents=True, exist_ok=True)
    for f in tmp.iterdir():
        f.replace(target / f.name)
    tmp.rmdir()
    print(f"exported step {ckpt['step']} to {target}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("build/corpus"))
    p.add_argument("--out", type=Path, default=Path("runs/small-gpt"))
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--width", type=int, default=128, help="embedding dimension (the size flag)")
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--context", type=int, default=256)
    p.add_argument("--batch", type=int, default=16, help="sequences per step")
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--ckpt-every", type=int, default=100)
    p.add_argument("--max-minutes", type=float, default=0,
                   help="training-time budget: the learning rate decays over it and training "
                   "stops (with a checkpoint) when it is spent, even before --steps")
    p.add_argument("--precision", choices=["auto", "fp32", "bf16"], default="auto",
                   help="auto: bf16 autocast on CUDA and on CPUs with native bf16 (AVX-512/AMX), "
                   "else fp32 (bf16 is emulated and ~7x slower on AVX2-only CPUs)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0: torch's default)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--init-from", type=Path, default=None,
                   help="start from this exported model folder's weights (fresh optimiser)")
    p.add_argument("--continue-schedule", action="store_true",
                   help="with --init-from: continue the init model's cosine schedule (its "
                   "training.json's minutes count towards --max-minutes)")
    p.add_argument("--seen-loss", action="store_true",
                   help="softmax over only the ids that occur in the corpus (faster on CPU)")
    p.add_argument("--export", type=Path, default=None, help="export OUT/ckpt.pt to this folder")
    args = p.parse_args()

    if args.export:
        export(args.out, args.export)
        return
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = np.memmap(args.data / "train.bin", dtype=np.uint16, mode="r")
    val = np.memmap(args.data / "val.bin", dtype=np.uint16, mode="r")
    config = dict(
        vocab_size=50257, n_positions=args.context, n_embd=args.width, n_layer=args.layers,
        n_head=args.heads, resid_pdrop=args.dropout, embd_pdrop=args.dropout,
        attn_pdrop=args.dropout, bos_token_id=50256, eos_token_id=50256,
        tie_word_embeddings=True,
    )
    log: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "device": device,
                 "evals": [], "seconds": 0.0, "tokens_seen": 0}
    model = GPT2LMHeadModel(GPT2Config(**config)).to(device)
    if args.init_from:
        from safetensors.torch import load_file

        weights = load_file(str(args.init_from / "model.safetensors"))
        old = json.loads((args.init_from / "config.json").read_text())["n_layer"]
        new_blocks = sorted(set(range(args.layers)) - set(grow_positions(old, args.layers)))
        missing, unexpected = model.load_state_dict(
            {k: v.float() for k, v in grown_weights(weights, old, args.layers).items()},
            strict=False)
        missing = [k for k in missing if not any(k.startswith(f"transformer.h.{b}.")
                                                   for b in new_blocks)]
        if [k for k in missing if k != "lm_head.weight"] or unexpected:
            raise SystemExit(f"error: {args.init_from} does not match this shape: missing "
                             f"{missing}, unexpected {unexpected}")
        print(f"initialised from {args.init_from}")
        if new_blocks:
            make_identity_blocks(model, new_blocks)
            log["grown"] = {"from_layers": old, "to_layers": args.layers,
                            "new_blocks": new_blocks}
            print(f"grown from {old} to {args.layers} layers: new blocks {new_blocks} start as "
                  "identities (zero output projections)")
        before = json.loads((args.init_from / "training.json").read_text())
        log["init_from"] = {"folder": str(args.init_from), "tokens_seen": before["tokens_seen"],
                            "tokens_seen_total": lineage_tokens(before),
                            "seconds": before["seconds"],
                            "schedule_seconds": before.get("schedule_seconds",
                                                           before["seconds"]),
                            "final_eval": before["evals"][-1] if before["evals"] else None}
        if args.continue_schedule:
            log["schedule_offset"] = log["init_from"]["schedule_seconds"]
    counts = np.bincount(train, minlength=config["vocab_size"])
    fill = (np.flatnonzero(counts), counts) if args.seen_loss else None
    seen = torch.from_numpy(seen_ids(train)).to(device)
    remap = torch.full((config["vocab_size"],), -100, dtype=torch.long, device=device)
    remap[seen] = torch.arange(seen.numel(), device=device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.1)
    step = 0
    rng = np.random.default_rng(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    ckpt_path = args.out / "ckpt.pt"
    if args.resume and ckpt_path.exists():  # the same run, with its optimiser moments
        ckpt = torch.load(ckpt_path, map_location=device, weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        step, log = ckpt["step"], ckpt["log"]
        rng.bit_generator.state = ckpt["rng"]
        print(f"resumed at step {step}")
        if args.seen_loss and not log.get("evals_fill_unseen"):
            # quick evals logged before unseen rows were filled for scoring are not comparable
            log["evals_dropped"] = [e["step"] for e in log["evals"]]
            log["evals"] = []
        log["evals_fill_unseen"] = bool(args.seen_loss)
    native_bf16 = device == "cuda" or torch.backends.cpu.get_cpu_capability().startswith("AVX512")
    use_bf16 = args.precision == "bf16" or (args.precision == "auto" and native_bf16)
    autocast = torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=use_bf16)
    log["precision"] = "bf16 autocast" if use_bf16 else "fp32"
    log["hardware"] = torch.cuda.get_device_name() if device == "cuda" else (
        f"CPU ({torch.get_num_threads()} threads, {torch.backends.cpu.get_cpu_capability()})")

    def save() -> None:
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                    "log": log, "rng": rng.bit_generator.state, "config": config}, tmp)
        tmp.replace(ckpt_path)

    it = batches(train, args.batch, args.context, rng)
    t0 = time.time()
    seconds0 = log["seconds"]
    tokens0 = log["tokens_seen"]
    bar = tqdm(total=args.steps, initial=step, desc="train", dynamic_ncols=True)
    model.train()
    while step < args.steps:
        for group in opt.param_groups:
            done = log.get("schedule_offset", 0.0) + log["seconds"]
            log["schedule_seconds"] = done
            time_frac = done / (args.max_minutes * 60) if args.max_minutes else 0.0
            group["lr"] = lr_at(step, args.steps, args.lr, args.warmup, time_frac)
        x = next(it).to(device)
        with autocast:
            loss = seen_loss(model, x, seen, remap) if args.seen_loss else model(
                x, labels=x).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        log["tokens_seen"] += args.batch * args.context
        log["seconds"] = seconds0 + time.time() - t0
        tok_s = (log["tokens_seen"] - tokens0) / max(time.time() - t0, 1e-9)
        bar.update(1)
        bar.set_postfix(loss=f"{float(loss):.3f}", tok_s=f"{tok_s:,.0f}")
        if step % args.eval_every == 0 or step == args.steps:
            v = evaluate(model, val, args.context, device, autocast, fill=fill)
            log["evals"].append({"step": step, "train_loss": float(loss), "val_loss": v,
                                 "val_ppl": math.exp(v), "tokens_seen": log["tokens_seen"],
                                 "seconds": log["seconds"]})
            tqdm.write(f"step {step}: val loss {v:.3f} ppl {math.exp(v):.1f} ({tok_s:,.0f} tok/s)")
        if step % args.ckpt_every == 0 or step == args.steps:
            save()
        if args.max_minutes and log["schedule_seconds"] > args.max_minutes * 60:
            if not log["evals"] or log["evals"][-1]["step"] != step:
                v = evaluate(model, val, args.context, device, autocast, fill=fill)
                log["evals"].append({"step": step, "train_loss": float(loss), "val_loss": v,
                                     "val_ppl": math.exp(v), "tokens_seen": log["tokens_seen"],
                                     "seconds": log["seconds"]})
            save()
            tqdm.write(f"stopped after {args.max_minutes} minutes at step {step}")
            break
    bar.close()
    save()
    print(json.dumps(log["evals"][-1:] , indent=2))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
