"""Next-token facts from a GPT-2-architecture model (default: the project's small GPT, offline).

Model specs (configuration ``[models] gpt``):
  ``small-gpt``        the model the project trained and ships in data/models/small-gpt (offline),
                       tokenized with GPT-2's real BPE (livenumbers.tokens)
  a folder path        any local GPT-2-format folder (config.json + safetensors)
  ``gpt2`` or any      a Hugging Face causal-LM name: opt-in, downloads once (needs the internet)
  other hub name
Every result records the model that produced it; nothing falls back silently.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from livenumbers import tokens as bpe
from livenumbers.cache import cached
from livenumbers.errors import FactsError, ModelFileError
from livenumbers.liblog import HUB_LOGGERS, library_logs_to_file, one_line
from livenumbers.paths import DATA_DIR

DEFAULT_GPT = "small-gpt"
SHIPPED_DIR = DATA_DIR / "models" / "small-gpt"
# the same network after its first 100 training steps (WeakVsStrongScene's weaker predictor)
EARLY_GPT = "small-gpt-early"
NAMED_DIRS = {DEFAULT_GPT: SHIPPED_DIR, EARLY_GPT: DATA_DIR / "models" / EARLY_GPT}

# The chapter's GPT-3 reference figures (constants quoted by the chapter, not computed here).
GPT3_VOCAB = 50_257
GPT3_DIM = 12_288
GPT3_EMBEDDING_WEIGHTS = GPT3_VOCAB * GPT3_DIM  # 617,558,016
GPT3_TOTAL_WEIGHTS = 175_181_291_520  # "175 billion"
GPT3_MATRICES = 27_938  # "just under 28,000 matrices"
GPT3_LAYERS = 96
GPT3_CONTEXT = 2_048
API_TEMPERATURE_CAP = 2.0
# The chapter's temperature figure: GPT-3's share of the top token at T = 0.5, 1, 2 (quoted).
GPT3_TOP_TOKEN_SHARE = ((0.5, 0.86), (1.0, 0.61), (2.0, 0.40))

log = logging.getLogger("livenumbers.gpt")


# ---------------------------------------------------------------- models


@dataclass
class GptModel:
    """A loaded causal LM with its tokenizer, context size and the id every result records."""

    model_id: str
    model: Any  # transformers PreTrainedModel
    encode: Any
    decode: Any
    piece: Any
    vocab_size: int
    context: int


def _fingerprint(folder: Path) -> str:
    weights = folder / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
    return digest


@lru_cache(maxsize=8)
def model_id_for(spec: str) -> str:
    """The id recorded for a spec, computed without loading the model (for cache look-ups)."""
    folder = _local_folder(spec)
    if folder is not None:
        names = {d: n for n, d in NAMED_DIRS.items()}
        name = names.get(folder, f"local:{folder}")
        return f"{name}@{_fingerprint(folder)}"
    return f"hf:{spec}"


def _local_folder(spec: str) -> Path | None:
    if spec in NAMED_DIRS:
        folder = NAMED_DIRS[spec]
    elif spec.startswith((".", "/", "~")) or Path(spec).expanduser().is_dir():
        folder = Path(spec).expanduser().resolve()
    else:
        return None
    if not (folder / "config.json").is_file() or not (folder / "model.safetensors").is_file():
        raise ModelFileError(
            f"The GPT folder {folder} is missing config.json or model.safetensors. "
            + ("Restore it from git (git checkout -- data/models)."
               if folder in NAMED_DIRS.values() else "Point [models] gpt at a GPT-2-format folder.")
        )
    return folder


def context_size(spec: str = DEFAULT_GPT) -> int:
    """The model's context size, read from its config without loading the weights."""
    folder = _local_folder(spec)
    if folder is None:
        return load_gpt(spec).context
    import json

    cfg = json.loads((folder / "config.json").read_text())
    return int(cfg.get("n_positions") or cfg["max_position_embeddings"])


def _quiet_transformers() -> None:
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    logging.getLogger("transformers").setLevel(logging.ERROR)


@lru_cache(maxsize=2)
def load_gpt(spec: str = DEFAULT_GPT) -> GptModel:
    """Load a causal LM by spec (see the module docstring); once per process."""
    import torch

    _quiet_transformers()
    from safetensors import SafetensorError
    from transformers import AutoModelForCausalLM

    folder = _local_folder(spec)
    model_id = model_id_for(spec)
    encode: Callable[[str], list[int]]
    decode: Callable[[list[int] | tuple[int, ...]], str]
    piece: Callable[[int], str]
    if folder is not None:
        try:
            model = AutoModelForCausalLM.from_pretrained(
                folder, local_files_only=True, dtype=torch.float32
            )
        except (OSError, ValueError, RuntimeError, SafetensorError) as err:
            raise ModelFileError(f"The GPT in {folder} could not be loaded ({err}); the file is "
                                 "corrupt or incomplete. Restore it from git.") from err
        if model.config.vocab_size != bpe.VOCAB_SIZE:
            raise ModelFileError(f"{folder} has a vocabulary of {model.config.vocab_size}, not "
                                 f"GPT-2's {bpe.VOCAB_SIZE}; it cannot use GPT-2's tokenizer.")
        encode, decode, piece = bpe.encode, bpe.decode, bpe.piece
        vocab = bpe.VOCAB_SIZE
    else:
        from transformers import AutoTokenizer

        log.warning("loading %s from the Hugging Face hub (opt-in; needs the internet)", spec)
        with library_logs_to_file(HUB_LOGGERS) as details:
            try:
                tok = AutoTokenizer.from_pretrained(spec)
                model = AutoModelForCausalLM.from_pretrained(spec, dtype=torch.float32)
            except (OSError, ValueError) as err:
                raise ModelFileError(
                    f"Could not load {spec!r} from the Hugging Face hub or its cache "
                    f"({one_line(err)}). Offline, use [models] gpt = \"small-gpt\". "
                    f"Details: {details}"
                ) from err
        encode = lambda text: tok.encode(text, add_special_tokens=False)  # noqa: E731
        decode = lambda ids: str(tok.decode(list(ids)))  # noqa: E731
        piece = lambda i: str(tok.decode([i]))  # noqa: E731
        vocab = model.get_output_embeddings().weight.shape[0]
    model.eval()
    context = int(getattr(model.config, "n_positions", 0) or model.config.max_position_embeddings)
    return GptModel(model_id, model, encode, decode, piece, vocab, context)



# ---------------------------------------------------------------- maths (pure)


def check_temperature(temperature: object) -> float:
    """A usable temperature (finite, >= 0) or a clear error."""
    if isinstance(temperature, bool) or not isinstance(temperature, int | float):
        raise FactsError(f"Temperature must be a number >= 0, got {temperature!r}.")
    t = float(temperature)
    if math.isnan(t) or math.isinf(t) or t < 0:
        raise FactsError(f"Temperature must be finite and >= 0 (0 = always the top token), "
                         f"got {temperature!r}.")
    return t


def check_sampling(top_k: object, top_p: object, vocab: int) -> None:
    """A usable top-k (1..vocab) and top-p (0 < p <= 1), each optional, or a clear error."""
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int)
                              or not 1 <= top_k <= vocab):
        raise FactsError(f"top-k must be a whole number 1..{vocab}, got {top_k!r}.")
    if top_p is not None and (isinstance(top_p, bool) or not isinstance(top_p, int | float)
                              or not 0 < top_p <= 1):
        raise FactsError(f"top-p must be in (0, 1], got {top_p!r}.")


def softmax(logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None,
            top_p: float | None = None) -> np.ndarray:
    """Probabilities from logits at temperature T (T = 0: one-hot on the argmax).

    Stable for tiny and huge T (the maximum is subtracted before exponentiating). ``top_k``
    keeps the k largest logits, ``top_p`` the smallest set whose probability reaches p.
    Checks its arguments; the facts below check theirs once and call ``_distribution``.
    """
    t = check_temperature(temperature)
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or z.size == 0:
        raise FactsError("Logits must be a non-empty 1-D list of numbers.")
    check_sampling(top_k, top_p, z.size)
    return _distribution(z, t, top_k, top_p)


def _distribution(z: np.ndarray, t: float, top_k: int | None = None,
                  top_p: float | None = None) -> np.ndarray:
    """softmax for arguments already checked (float64 logits, t >= 0)."""
    keep = np.ones(z.size, dtype=bool)
    if top_k is not None:
        keep[np.argsort(-z, kind="stable")[top_k:]] = False
    if t == 0:
        p = np.zeros_like(z)
        p[int(np.argmax(np.where(keep, z, -np.inf)))] = 1.0
        return p
    scaled = np.where(keep, (z - z[keep].max()) / t, -np.inf)
    p = np.exp(scaled)
    p /= p.sum()
    if top_p is not None:
        order = np.argsort(-p, kind="stable")
        cum = np.cumsum(p[order])
        cut = int(np.searchsorted(cum, top_p)) + 1
        mask = np.zeros_like(p, dtype=bool)
        mask[order[:cut]] = True
        p = np.where(mask, p, 0.0)
        p /= p.sum()
    return p


def entropy_bits(p: np.ndarray) -> float:
    """Shannon entropy in bits (0 for a one-hot distribution)."""
    q = p[p > 0]
    return max(0.0, float(-(q * np.log2(q)).sum()))


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Logits:
    """Next-token logits over the whole vocabulary for a prompt (the last position)."""

    prompt: str
    ids: tuple[int, ...]  # the ids the model saw (the most recent `context` tokens)
    dropped: int  # tokens cut from the front because the prompt exceeded the context
    logits: tuple[float, ...]
    model_id: str


@dataclass(frozen=True)
class NextToken:
    """The next-token distribution at one temperature: the top tokens and the overall shape."""

    prompt: str
    temperature: float
    top_k: int | None
    top_p: float | None
    ids: tuple[int, ...]
    pieces: tuple[str, ...]
    logits: tuple[float, ...]
    probs: tuple[float, ...]
    entropy_bits: float
    vocab_size: int
    dropped: int
    model_id: str


@dataclass(frozen=True)
class TemperatureSweep:
    """Top tokens' probabilities and the entropy over a grid of temperatures (for animation)."""

    prompt: str
    temperatures: tuple[float, ...]
    ids: tuple[int, ...]  # the top tokens at T = 1 (the same order at every T > 0)
    pieces: tuple[str, ...]
    logits: tuple[float, ...]
    probs: tuple[tuple[float, ...], ...]  # probs[i][j]: token i at temperatures[j]
    entropy_bits: tuple[float, ...]
    max_entropy_bits: float  # log2(vocab): a uniform distribution
    vocab_size: int
    model_id: str


@dataclass(frozen=True)
class Unembedding:
    """The last position's final hidden vector h, W_U and logits = W_U · h."""

    prompt: str
    pieces: tuple[str, ...]
    hidden: tuple[float, ...]  # h after the final layer norm
    w_u_shape: tuple[int, int]
    top_ids: tuple[int, ...]
    top_pieces: tuple[str, ...]
    top_logits: tuple[float, ...]
    top_probs: tuple[float, ...]
    max_abs_diff: float  # |W_U·h − model logits|, checked small
    tied: bool  # W_U is W_E transposed (GPT-2)
    model_id: str


@dataclass(frozen=True)
class PositionPredictions:
    """Every position's most likely next token, from one pass over the prompt.

    ``predicted[k]`` is the model's top token after ``pieces[: k + 1]``: what training scores
    at every position at once (the causal mask keeps each position from seeing later ones).
    """

    prompt: str
    pieces: tuple[str, ...]  # the tokens the model saw (the most recent ``context`` of them)
    predicted_ids: tuple[int, ...]
    predicted: tuple[str, ...]
    probs: tuple[float, ...]  # each prediction's probability at T = 1
    dropped: int
    model_id: str


@dataclass(frozen=True)
class EmbeddingColumns:
    """Each token's column of W_E (its first entries) and W_E's real shape."""

    text: str
    ids: tuple[int, ...]
    pieces: tuple[str, ...]
    columns: tuple[tuple[float, ...], ...]  # first `head` entries of each token's vector
    w_e_shape: tuple[int, int]  # (vocabulary, dimension)
    model_id: str


@dataclass(frozen=True)
class EmbeddingPatch:
    """A patch of W_E as trained, beside the same cells of an untrained model of its shape."""

    ids: tuple[int, ...]  # the token columns sampled, evenly spaced over the vocabulary
    trained: tuple[tuple[float, ...], ...]  # [column][row]: the first rows of each column
    untrained: tuple[tuple[float, ...], ...]  # the same cells of a freshly initialised model
    init_seed: int  # torch's seed for the untrained model
    model_id: str


@dataclass(frozen=True)
class Generation:
    """Predict, sample, append, repeat: every step's top distribution and the sampled token."""

    prompt: str
    temperature: float
    seed: int
    top_k: int | None  # sampling kept only the k most likely tokens (None: all)
    top_p: float | None  # ... or the smallest set holding this probability (None: all)
    step_top_ids: tuple[tuple[int, ...], ...]
    step_top_pieces: tuple[tuple[str, ...], ...]
    step_top_probs: tuple[tuple[float, ...], ...]
    chosen_ids: tuple[int, ...]
    chosen_pieces: tuple[str, ...]
    chosen_probs: tuple[float, ...]
    # each chosen token's probability in the model's own distribution (T = 1, the whole
    # vocabulary): how surprising the model finds the text it wrote
    chosen_probs_t1: tuple[float, ...]
    text: str  # prompt + everything sampled
    dropped: int  # tokens that fell out of the context window on the way
    model_id: str


@dataclass(frozen=True)
class Tally:
    """Parameters of the loaded model by matrix category, beside GPT-3's reference figures."""

    categories: tuple[str, ...]
    weights: tuple[int, ...]
    matrices: tuple[int, ...]
    total: int
    vocab_size: int
    dim: int
    layers: int
    context: int
    tied: bool
    model_id: str


@dataclass(frozen=True)
class HeldOut:
    """A model's measured quality on the whole held-out split and how much text it has read."""

    model_id: str
    perplexity: float  # over every token of the validation split (tools/eval_gpt.py)
    tokens_scored: int
    tokens_seen: int  # training tokens, runs that started from earlier weights included


# ---------------------------------------------------------------- facts


def _check_prompt(prompt: object) -> str:
    return bpe.check_text(prompt, "prompt")


def _prompt_ids(m: GptModel, prompt: str) -> tuple[list[int], int]:
    ids = m.encode(prompt)
    if not ids:
        raise FactsError(f"The prompt {prompt!r} has no tokens; give some text.")
    dropped = max(0, len(ids) - m.context)
    if dropped:
        log.warning("prompt is %d tokens; keeping the most recent %d (context size)",
                    len(ids), m.context)
    return ids[dropped:], dropped


def _forward(m: GptModel, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Last position's logits and final hidden state (after the final layer norm)."""
    import torch

    with torch.no_grad():
        out = m.model(torch.tensor([ids]), output_hidden_states=True)
    return out.logits[0, -1].double().numpy(), out.hidden_states[-1][0, -1].double().numpy()


def logits(prompt: str, spec: str = DEFAULT_GPT) -> Logits:
    """The model's next-token logits for ``prompt`` over the whole vocabulary."""
    prompt = _check_prompt(prompt)

    def compute() -> Logits:
        m = load_gpt(spec)
        ids, dropped = _prompt_ids(m, prompt)
        z, _ = _forward(m, ids)
        return Logits(prompt, tuple(ids), dropped, tuple(float(x) for x in z), m.model_id)

    return cached("logits", model_id_for(spec), {"prompt": prompt}, Logits, compute)


def _pieces(spec: str, ids: list[int]) -> tuple[str, ...]:
    if _local_folder(spec) is not None:
        return tuple(bpe.piece(i) for i in ids)
    return tuple(load_gpt(spec).piece(i) for i in ids)


def next_token(prompt: str, temperature: float = 1.0, top: int = 10, top_k: int | None = None,
               top_p: float | None = None, spec: str = DEFAULT_GPT) -> NextToken:
    """The next-token distribution at temperature T: the ``top`` most likely tokens and entropy."""
    t = check_temperature(temperature)
    lg = logits(prompt, spec)
    z = np.array(lg.logits)
    check_sampling(top_k, top_p, z.size)
    p = _distribution(z, t, top_k, top_p)
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= z.size:
        raise FactsError(f"The number of tokens shown must be 1..{z.size}, got {top!r}.")
    order = np.lexsort((-z, -p))[:top]  # by probability, ties (e.g. T = 0) by logit
    return NextToken(lg.prompt, t, top_k, top_p, tuple(int(i) for i in order),
                     _pieces(spec, [int(i) for i in order]), tuple(float(z[i]) for i in order),
                     tuple(float(p[i]) for i in order), entropy_bits(p), z.size, lg.dropped,
                     lg.model_id)


def temperature_sweep(prompt: str, top: int = 8, t_max: float = 5.0, points: int = 251,
                      spec: str = DEFAULT_GPT) -> TemperatureSweep:
    """Probabilities of the top tokens and the entropy on an even grid of T in [0, t_max]."""
    t_max = check_temperature(t_max)
    if t_max == 0 or not isinstance(points, int) or points < 2:
        raise FactsError("A temperature sweep needs t_max > 0 and at least 2 points.")
    lg = logits(prompt, spec)
    z = np.array(lg.logits)
    order = [int(i) for i in np.argsort(-z, kind="stable")[:top]]
    grid = np.linspace(0.0, t_max, points)
    probs, ents = [], []
    for t in grid:
        p = _distribution(z, float(t))
        probs.append(p[order])
        ents.append(entropy_bits(p))
    table = np.array(probs).T
    return TemperatureSweep(lg.prompt, tuple(map(float, grid)), tuple(order),
                            _pieces(spec, order), tuple(float(z[i]) for i in order),
                            tuple(tuple(map(float, row)) for row in table), tuple(ents),
                            math.log2(z.size), z.size, lg.model_id)


def unembedding(prompt: str, top: int = 8, spec: str = DEFAULT_GPT) -> Unembedding:
    """h (last position, after the final layer norm), W_U's shape and logits = W_U · h."""
    prompt = _check_prompt(prompt)

    def compute() -> Unembedding:
        m = load_gpt(spec)
        ids, _ = _prompt_ids(m, prompt)
        z_model, h = _forward(m, ids)
        w_u = m.model.get_output_embeddings().weight.detach().double().numpy()
        z = w_u @ h
        bias = getattr(m.model.get_output_embeddings(), "bias", None)
        if bias is not None:
            z = z + bias.detach().double().numpy()
        diff = float(np.max(np.abs(z - z_model)))
        p = _distribution(z, 1.0)
        order = [int(i) for i in np.argsort(-z, kind="stable")[:top]]
        w_e = m.model.get_input_embeddings().weight
        tied = w_e.data_ptr() == m.model.get_output_embeddings().weight.data_ptr()
        return Unembedding(prompt, tuple(m.piece(i) for i in ids), tuple(map(float, h)),
                           (int(w_u.shape[0]), int(w_u.shape[1])), tuple(order),
                           tuple(m.piece(i) for i in order), tuple(float(z[i]) for i in order),
                           tuple(float(p[i]) for i in order), diff, bool(tied), m.model_id)

    return cached("unembedding", model_id_for(spec), {"prompt": prompt, "top": top},
                  Unembedding, compute)


def position_predictions(prompt: str, spec: str = DEFAULT_GPT) -> PositionPredictions:
    """The top next-token prediction at every position of ``prompt``, in one forward pass."""
    prompt = _check_prompt(prompt)

    def compute() -> PositionPredictions:
        import torch

        m = load_gpt(spec)
        ids, dropped = _prompt_ids(m, prompt)
        with torch.no_grad():
            z = m.model(torch.tensor([ids])).logits[0].double().numpy()
        best = [int(i) for i in np.argmax(z, axis=-1)]
        probs = [float(_distribution(row, 1.0)[b]) for row, b in zip(z, best, strict=True)]
        return PositionPredictions(prompt, tuple(m.piece(i) for i in ids), tuple(best),
                                   tuple(m.piece(i) for i in best), tuple(probs), dropped,
                                   m.model_id)

    return cached("position_predictions", model_id_for(spec), {"prompt": prompt},
                  PositionPredictions, compute)


def embedding_columns(text: str, head: int = 4, spec: str = DEFAULT_GPT) -> EmbeddingColumns:
    """Each token of ``text`` with the first ``head`` entries of its W_E column."""
    text = _check_prompt(text)

    def compute() -> EmbeddingColumns:
        m = load_gpt(spec)
        ids = m.encode(text)
        w_e = m.model.get_input_embeddings().weight.detach().double().numpy()
        cols = tuple(tuple(float(x) for x in w_e[i, :head]) for i in ids)
        return EmbeddingColumns(text, tuple(ids), tuple(m.piece(i) for i in ids), cols,
                                (int(w_e.shape[0]), int(w_e.shape[1])), m.model_id)

    return cached("embedding_columns", model_id_for(spec), {"text": text, "head": head},
                  EmbeddingColumns, compute)


def embedding_patch(columns: int = 48, rows: int = 8, seed: int = 0,
                    spec: str = DEFAULT_GPT) -> EmbeddingPatch:
    """The first ``rows`` entries of ``columns`` evenly spaced W_E columns, trained and untrained.

    The untrained values come from a new model of the same configuration, built with the
    library's own initialisation (GPT-2: normal noise) under ``torch.manual_seed(seed)``.
    """
    for name, value, most in (("columns", columns, 4096), ("rows", rows, 4096)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise FactsError(f"The W_E patch {name} must be 1..{most}, got {value!r}.")

    def compute() -> EmbeddingPatch:
        import torch
        from transformers import AutoModelForCausalLM

        m = load_gpt(spec)
        w_e = m.model.get_input_embeddings().weight.detach().double().numpy()
        n = min(columns, w_e.shape[0])
        ids = tuple(int(i) for i in np.linspace(0, w_e.shape[0] - 1, n).round())
        k = min(rows, w_e.shape[1])
        torch.manual_seed(seed)
        fresh = AutoModelForCausalLM.from_config(m.model.config)
        w_0 = fresh.get_input_embeddings().weight.detach().double().numpy()
        return EmbeddingPatch(ids, tuple(tuple(float(x) for x in w_e[i, :k]) for i in ids),
                              tuple(tuple(float(x) for x in w_0[i, :k]) for i in ids), seed,
                              m.model_id)

    return cached("embedding_patch", model_id_for(spec),
                  {"columns": columns, "rows": rows, "seed": seed}, EmbeddingPatch, compute)


def generate(prompt: str, steps: int = 8, temperature: float = 1.0, seed: int = 0, top: int = 5,
             spec: str = DEFAULT_GPT, top_k: int | None = None,
             top_p: float | None = None) -> Generation:
    """Predict, sample (numpy, seeded), append, repeat, ``steps`` times.

    ``top_k`` / ``top_p`` restrict each draw to the most likely tokens (as chat products do);
    each step's reported probabilities are those the sampler drew from.

    Keeps the most recent ``context`` tokens when the text outgrows the context (``dropped``).
    """
    t = check_temperature(temperature)
    prompt = _check_prompt(prompt)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 1000:
        raise FactsError(f"Generation steps must be 1..1000, got {steps!r}.")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise FactsError(f"The seed must be a whole number >= 0, got {seed!r}.")

    def compute() -> Generation:
        m = load_gpt(spec)
        check_sampling(top_k, top_p, m.vocab_size)
        ids = m.encode(prompt)
        if not ids:
            raise FactsError(f"The prompt {prompt!r} has no tokens; give some text.")
        rng = np.random.default_rng(seed)
        tops, top_pieces, top_probs, chosen, probs_chosen, probs_t1 = [], [], [], [], [], []
        dropped = 0
        for _ in range(steps):
            window = ids[-m.context:]
            dropped = len(ids) - len(window)
            z, _ = _forward(m, window)
            p = _distribution(z, t, top_k, top_p)
            order = [int(i) for i in np.lexsort((-z, -p))[:top]]
            nxt = int(np.argmax(p)) if t == 0 else int(rng.choice(p.size, p=p))
            tops.append(tuple(order))
            top_pieces.append(tuple(m.piece(i) for i in order))
            top_probs.append(tuple(float(p[i]) for i in order))
            chosen.append(nxt)
            probs_chosen.append(float(p[nxt]))
            probs_t1.append(float(_distribution(z, 1.0)[nxt]))
            ids.append(nxt)
        return Generation(prompt, t, seed, top_k, top_p, tuple(tops), tuple(top_pieces),
                          tuple(top_probs), tuple(chosen), tuple(m.piece(i) for i in chosen),
                          tuple(probs_chosen), tuple(probs_t1), prompt + m.decode(chosen),
                          dropped, m.model_id)

    args = {"prompt": prompt, "steps": steps, "temperature": t, "seed": seed, "top": top,
            "top_k": top_k, "top_p": top_p}
    return cached("generate", model_id_for(spec), args, Generation, compute)


def tally(spec: str = DEFAULT_GPT) -> Tally:
    """The loaded model's parameters by matrix category (GPT-2 layout; W_U tied to W_E)."""

    def compute() -> Tally:
        m = load_gpt(spec)
        groups: dict[str, list[int]] = {}
        names = ("token embedding (= unembedding, tied)", "positional", "attention", "MLP",
                 "layer norms", "other")
        for name in names:
            groups[name] = [0, 0]
        seen: set[int] = set()
        for pname, param in m.model.named_parameters(remove_duplicate=False):
            if param.data_ptr() in seen:
                continue
            seen.add(param.data_ptr())
            if "wte" in pname or "embed_tokens" in pname:
                key = names[0]
            elif "wpe" in pname or "embed_positions" in pname:
                key = names[1]
            elif ".attn." in pname or "self_attn" in pname:
                key = names[2]
            elif ".mlp." in pname:
                key = names[3]
            elif "ln_" in pname or "norm" in pname:
                key = names[4]
            else:
                key = names[5]
            groups[key][0] += param.numel()
            groups[key][1] += int(param.ndim == 2)
        cfg = m.model.config
        keys = [k for k in names if groups[k][0]]
        w_e = m.model.get_input_embeddings().weight
        tied = w_e.data_ptr() == m.model.get_output_embeddings().weight.data_ptr()
        return Tally(tuple(keys), tuple(groups[k][0] for k in keys),
                     tuple(groups[k][1] for k in keys), sum(g[0] for g in groups.values()),
                     int(w_e.shape[0]), int(w_e.shape[1]),
                     int(getattr(cfg, "n_layer", 0) or cfg.num_hidden_layers), m.context,
                     bool(tied), m.model_id)

    return cached("tally", model_id_for(spec), {}, Tally, compute)


os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def lineage_tokens(training: dict[str, Any]) -> int:
    """Training tokens of a run (its training.json) plus those of every run it continued."""
    init = training.get("init_from") or {}
    return int(training["tokens_seen"]) + int(init.get("tokens_seen_total",
                                                       init.get("tokens_seen", 0)))


def held_out(spec: str = DEFAULT_GPT) -> HeldOut:
    """The project model's whole-split perplexity (its folder's eval.json, checked against the
    weights) and its training tokens (training.json), for the screen."""
    import json

    folder = _local_folder(spec)
    if folder is None:
        raise FactsError(f"{spec!r} is not one of this project's model folders, so it has no "
                         "held-out evaluation here; use small-gpt.")
    redo = f"python tools/eval_gpt.py --model {spec} --json {folder / 'eval.json'}"
    try:
        card = json.loads((folder / "eval.json").read_text(encoding="utf-8"))
        training = json.loads((folder / "training.json").read_text(encoding="utf-8"))
        seen = lineage_tokens(training)
        perplexity, scored = float(card["val_ppl"]), int(card["val_tokens_scored"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelFileError(f"{folder} has no usable eval.json/training.json ({err}); "
                             f"run {redo}.") from err
    want = model_id_for(spec)
    if card.get("model_id") != want:
        raise FactsError(f"{folder / 'eval.json'} was measured on {card.get('model_id')}, not "
                         f"on these weights ({want}); re-run {redo}.")
    return HeldOut(want, perplexity, scored, seen)
