"""The lecturer's configuration: one TOML file, environment overrides, validated up front.

File: data/lecture.toml (or $LECTURE_CONFIG). Override any key without editing the file with
``LECTURE_<SECTION>_<KEY>=value`` (value parsed as TOML, else taken as a string), e.g.
``LECTURE_SOFTMAX_PROMPT="The cat sat on the"`` or ``LECTURE_SOFTMAX_TEMPERATURES="[0, 1, 2]"``.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from livenumbers.errors import ConfigError
from livenumbers.paths import DATA_DIR

DEFAULT_CONFIG = DATA_DIR / "lecture.toml"
ENV_PREFIX = "LECTURE_"
RESERVED = {"LECTURE_CONFIG", "LECTURE_SLIDES"}  # controls, not knobs


@dataclass(frozen=True)
class Models:
    gpt: str = "small-gpt"
    words: str = "glove-wiki-gigaword-50"


@dataclass(frozen=True)
class Tokens:
    text: str = "To date, the cleverest thinker of all time was"


@dataclass(frozen=True)
class AnalogyItem:
    a: str
    b: str
    c: str
    expected: str


@dataclass(frozen=True)
class Embedding:
    neighbour_word: str = "tower"
    neighbours: int = 6
    # the words of the 3-D slice, most important first (they keep their labels when crowded)
    space_words: tuple[str, ...] = ("man", "woman", "king", "queen", "boy", "girl", "uncle",
                                    "aunt", "tower", "castle", "house", "cat", "dog", "prince",
                                    "palace", "horse")
    slice: str = "axes"
    axes: tuple[tuple[str, str], ...] = (("man", "woman"), ("man", "king"), ("man", "tower"))
    analogy_top: int = 5
    analogies: tuple[AnalogyItem, ...] = (
        AnalogyItem("king", "man", "woman", "queen"),
        AnalogyItem("italy", "germany", "hitler", "mussolini"),
        AnalogyItem("sushi", "japan", "germany", "bratwurst"),
        AnalogyItem("nephew", "man", "woman", "niece"))
    similar_word: str = "cat"  # its nearest words, ranked, for the "similar meaning" beat
    similar_expected: tuple[str, ...] = ("beast", "monster")  # shown with their real ranks
    similar_top: int = 16


@dataclass(frozen=True)
class Plurality:
    plus: str = "cats"
    minus: str = "cat"
    pairs: tuple[tuple[str, str], ...] = (("dog", "dogs"), ("house", "houses"),
                                          ("student", "students"), ("apple", "apples"),
                                          ("city", "cities"), ("horse", "horses"))
    numbers: tuple[str, ...] = ("one", "two", "three", "four", "five")


@dataclass(frozen=True)
class Unembedding:
    prompt: str = "In the beginning, God created the heavens and the"
    top: int = 8


@dataclass(frozen=True)
class Softmax:
    prompt: str = "Once upon a time there was a"
    top: int = 8
    temperatures: tuple[float, ...] = (1.0, 0.5, 0.0, 2.0, 5.0, 1.0)
    logits_demo: tuple[float, ...] = (2.0, 1.0, 0.5, -1.0, 3.0)


@dataclass(frozen=True)
class Generation:
    prompt: str = "Once upon a time there was a"
    steps: int = 6
    temperature: float = 1.0
    hot_temperature: float = 2.0
    seed: int = 7
    top: int = 5
    compare_tokens: int = 12
    top_k: int = 20  # sample from the 20 most likely tokens, as the chapter's animation (0: all)
    top_p: float = 1.0  # and from the smallest set holding this probability (1: all)


@dataclass(frozen=True)
class Context:
    window: int = 7  # tokens the drawn context window holds
    story_tokens: int = 18  # tokens the model writes after [generation] prompt for the window


@dataclass(frozen=True)
class Chat:
    system: str = ("What follows is a conversation between a curious user and a helpful, "
                   "knowledgeable AI assistant.")
    question: str = "What is the best way to learn a new language?"
    tokens: int = 24  # tokens the model writes as the assistant
    seed: int = 7  # the film's one seed ([generation] seed)


@dataclass(frozen=True)
class Narration:
    voice: str = "off"  # "off" (captions only) or "espeak-ng" (Debian's offline synthetic voice)
    voice_name: str = "en-us"  # an espeak-ng voice (espeak-ng --voices)
    words_per_minute: int = 155  # the pace beats are timed at (and the voice speaks at)


@dataclass(frozen=True)
class Config:
    models: Models = field(default_factory=Models)
    tokens: Tokens = field(default_factory=Tokens)
    embedding: Embedding = field(default_factory=Embedding)
    plurality: Plurality = field(default_factory=Plurality)
    unembedding: Unembedding = field(default_factory=Unembedding)
    softmax: Softmax = field(default_factory=Softmax)
    generation: Generation = field(default_factory=Generation)
    context: Context = field(default_factory=Context)
    chat: Chat = field(default_factory=Chat)
    narration: Narration = field(default_factory=Narration)
    source: str = ""  # the file and the overrides applied, for messages
    file: str = ""  # the configuration file read
    overrides: tuple[str, ...] = ()  # the LECTURE_* variables applied

    def where(self, section: str, key: str, item: str = "") -> str:
        """Where a knob's value came from, for messages: its override or its key in the file.

        ``where("plurality", "plus")`` is ``"[plurality] plus in data/lecture.toml"``, or
        ``"LECTURE_PLURALITY_PLUS"`` when that variable set it; ``item`` narrows it (" #2").
        """
        env = f"{ENV_PREFIX}{section}_{key}".upper()
        if env in self.overrides:
            return f"{env}{item} (environment override of [{section}] {key})"
        return f"[{section}] {key}{item} in {self.file}"


NOT_SECTIONS = {"source", "file", "overrides"}


def _parse_env_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _apply_env(data: dict[str, Any], environ: dict[str, str]) -> list[str]:
    sections = {f.name for f in fields(Config) if f.name not in NOT_SECTIONS}
    applied = []
    for name, raw in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name in RESERVED:
            continue
        rest = name[len(ENV_PREFIX):].lower()
        section, _, key = rest.partition("_")
        if section not in sections or not key:
            raise ConfigError(f"{name}: unknown setting; use LECTURE_<SECTION>_<KEY> with a "
                              f"section among {', '.join(sorted(sections))}.")
        data.setdefault(section, {})[key] = _parse_env_value(raw)
        applied.append(name)
    return applied


def _number(where: str, value: Any, minimum: float | None = None, integer: bool = False) -> Any:
    ok_type = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, ok_type):
        kind = "a whole number" if integer else "a number"
        raise ConfigError(f"{where} must be {kind}, got {value!r}.")
    if not integer and not math.isfinite(value):
        raise ConfigError(f"{where} must be finite, got {value!r}.")
    if minimum is not None and value < minimum:
        raise ConfigError(f"{where} must be at least {minimum}, got {value!r}.")
    return value


def _text(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a non-empty text, got {value!r}.")
    return value


def _words(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not value:
        raise ConfigError(f"{where} must be a non-empty list of words, got {value!r}.")
    return tuple(_text(f"{where}[{i}]", v) for i, v in enumerate(value))


def _pairs(where: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list | tuple) or not value:
        raise ConfigError(f"{where} must be a list of [word, word] pairs, got {value!r}.")
    out = []
    for i, pair in enumerate(value):
        words = _words(f"{where}[{i}]", pair)
        if len(words) != 2:
            raise ConfigError(f"{where}[{i}] must be a pair of two words, got {pair!r}.")
        out.append((words[0], words[1]))
    return tuple(out)


def _temperature(where: str, value: Any) -> float:
    return float(_number(where, value, minimum=0.0))


def _build(data: dict[str, Any], source: str, file: str = "",
           overrides: tuple[str, ...] = ()) -> Config:
    known = {f.name: f for f in fields(Config) if f.name not in NOT_SECTIONS}
    for section, values in data.items():
        if section not in known:
            raise ConfigError(f"{source}: unknown section [{section}]; known: "
                              f"{', '.join(sorted(known))}.")
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: [{section}] must be a table.")
    defaults = Config()

    def sec(name: str) -> dict[str, Any]:
        cls = getattr(defaults, name)  # the section's dataclass with its default values
        values = data.get(name, {})
        names = {f.name for f in fields(cls)}
        for key in values:
            if key not in names:
                raise ConfigError(f"{source}: unknown key {key!r} in [{name}]; known: "
                                  f"{', '.join(sorted(names))}.")
        return {f.name: values.get(f.name, getattr(cls, f.name)) for f in fields(cls)}

    m = sec("models")
    models = Models(gpt=_text("[models] gpt", m["gpt"]), words=_text("[models] words", m["words"]))
    tokens = Tokens(text=_text("[tokens] text", sec("tokens")["text"]))
    e = sec("embedding")
    if e["slice"] not in ("pca", "axes"):
        raise ConfigError(f"[embedding] slice must be \"pca\" or \"axes\", got {e['slice']!r}.")
    analogies = []
    for i, item in enumerate(e["analogies"]):
        if isinstance(item, AnalogyItem):  # a built-in default
            item = {"a": item.a, "b": item.b, "c": item.c, "expected": item.expected}
        if not isinstance(item, dict) or set(item) != {"a", "b", "c", "expected"}:
            raise ConfigError(f"[[embedding.analogies]] #{i + 1} needs exactly a, b, c, expected.")
        analogies.append(AnalogyItem(*(_text(f"analogy #{i + 1} {k}", item[k])
                                       for k in ("a", "b", "c", "expected"))))
    axes = _pairs("[embedding] axes", e["axes"])
    if len(axes) != 3:
        raise ConfigError(f"[embedding] axes needs exactly three pairs, got {len(axes)}.")
    embedding = Embedding(
        neighbour_word=_text("[embedding] neighbour_word", e["neighbour_word"]),
        neighbours=_number("[embedding] neighbours", e["neighbours"], 1, integer=True),
        space_words=_words("[embedding] space_words", e["space_words"]),
        slice=e["slice"], axes=axes,
        analogy_top=_number("[embedding] analogy_top", e["analogy_top"], 1, integer=True),
        analogies=tuple(analogies),
        similar_word=_text("[embedding] similar_word", e["similar_word"]),
        similar_expected=_words("[embedding] similar_expected", e["similar_expected"]),
        similar_top=_number("[embedding] similar_top", e["similar_top"], 3, integer=True),
    )
    if embedding.similar_top > 16:
        raise ConfigError(f"[embedding] similar_top is {embedding.similar_top}; at most 16 fit "
                          "on screen.")
    if embedding.neighbours > 12 or embedding.analogy_top > 8:
        raise ConfigError("[embedding] neighbours must be at most 12 and analogy_top at most 8 "
                          "(more do not fit on screen).")
    p = sec("plurality")
    plurality = Plurality(plus=_text("[plurality] plus", p["plus"]),
                          minus=_text("[plurality] minus", p["minus"]),
                          pairs=_pairs("[plurality] pairs", p["pairs"]),
                          numbers=_words("[plurality] numbers", p["numbers"]))
    if len(plurality.pairs) > 8 or len(plurality.numbers) > 8:
        raise ConfigError("[plurality] pairs and numbers hold at most 8 entries each (screen).")
    u = sec("unembedding")
    unembedding = Unembedding(prompt=_text("[unembedding] prompt", u["prompt"]),
                              top=_number("[unembedding] top", u["top"], 1, integer=True))
    s = sec("softmax")
    temps = s["temperatures"]
    if not isinstance(temps, list | tuple) or not temps:
        raise ConfigError(f"[softmax] temperatures must be a list of numbers, got {temps!r}.")
    demo = s["logits_demo"]
    if not isinstance(demo, list | tuple) or not 2 <= len(demo) <= 8:
        raise ConfigError(f"[softmax] logits_demo must be a list of 2..8 numbers, got {demo!r}.")
    softmax = Softmax(
        prompt=_text("[softmax] prompt", s["prompt"]),
        top=_number("[softmax] top", s["top"], 2, integer=True),
        temperatures=tuple(_temperature(f"[softmax] temperatures[{i}]", t)
                           for i, t in enumerate(temps)),
        logits_demo=tuple(float(_number("[softmax] logits_demo", v)) for v in demo),
    )
    g = sec("generation")
    generation = Generation(
        prompt=_text("[generation] prompt", g["prompt"]),
        steps=_number("[generation] steps", g["steps"], 1, integer=True),
        temperature=_temperature("[generation] temperature", g["temperature"]),
        hot_temperature=_temperature("[generation] hot_temperature", g["hot_temperature"]),
        seed=_number("[generation] seed", g["seed"], 0, integer=True),
        top=_number("[generation] top", g["top"], 2, integer=True),
        compare_tokens=_number("[generation] compare_tokens", g["compare_tokens"], 1,
                               integer=True),
        top_k=_number("[generation] top_k", g["top_k"], 0, integer=True),
        top_p=float(_number("[generation] top_p", g["top_p"])),
    )
    if not 0 < generation.top_p <= 1:
        raise ConfigError(f"[generation] top_p must be in (0, 1], got {generation.top_p!r}.")
    if generation.top_k > 50257:
        raise ConfigError(f"[generation] top_k is {generation.top_k}; the vocabulary has 50,257 "
                          "tokens (0 turns top-k off).")
    c = sec("context")
    context = Context(window=_number("[context] window", c["window"], 3, integer=True),
                      story_tokens=_number("[context] story_tokens", c["story_tokens"], 1,
                                           integer=True))
    ch = sec("chat")
    chat = Chat(system=_text("[chat] system", ch["system"]),
                question=_text("[chat] question", ch["question"]),
                tokens=_number("[chat] tokens", ch["tokens"], 1, integer=True),
                seed=_number("[chat] seed", ch["seed"], 0, integer=True))
    n = sec("narration")
    if n["voice"] not in ("off", "espeak-ng"):
        raise ConfigError(f"[narration] voice must be \"off\" or \"espeak-ng\", got "
                          f"{n['voice']!r}.")
    narration = Narration(voice=n["voice"],
                          voice_name=_text("[narration] voice_name", n["voice_name"]),
                          words_per_minute=_number("[narration] words_per_minute",
                                                   n["words_per_minute"], 90, integer=True))
    if narration.words_per_minute > 240:
        raise ConfigError(f"[narration] words_per_minute is {narration.words_per_minute}; "
                          "at most 240 can be followed.")
    # how many of each fit on screen is the scenes' business: scenes/common/limits.py
    return Config(models, tokens, embedding, plurality, unembedding, softmax, generation, context,
                  chat, narration, source, file or source, overrides)


def load_config(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read and validate the configuration (file + LECTURE_* overrides); raises ConfigError."""
    environ = dict(os.environ if environ is None else environ)
    path = Path(path or environ.get("LECTURE_CONFIG") or DEFAULT_CONFIG)
    return _load_cached(str(path), tuple(sorted((k, v) for k, v in environ.items()
                                                if k.startswith(ENV_PREFIX) and k not in RESERVED)))


@lru_cache(maxsize=8)
def _load_cached(path: str, env_items: tuple[tuple[str, str], ...]) -> Config:
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"Configuration file {file} not found; set LECTURE_CONFIG to a file or "
                          "restore data/lecture.toml.")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{file} is not valid TOML: {err}.") from err
    applied = _apply_env(data, dict(env_items))
    source = str(file) + (f" + {', '.join(applied)}" if applied else "")
    return _build(data, source, _shown_path(file), tuple(applied))


def _shown_path(file: Path) -> str:
    """The file as a user would type it: relative to the working folder when inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)
